//! How accurate each numerical method is, against the exact reference, on
//! the stress inputs.

use crate::reference::{exact, Method};
use crate::Logits;
use nalgebra::DMatrix;

/// Largest relative error over the entries, $\max_{ij} |J_{ij} - E_{ij}| / |E_{ij}|$;
/// an entry whose exact value is 0 compares absolutely; NaN anywhere gives NaN.
pub(crate) fn max_relative_error(jac: &DMatrix<f64>, exact: &DMatrix<f64>) -> f64 {
    jac.iter()
        .zip(exact.iter())
        .map(|(&x, &e)| {
            let err = (x - e).abs();
            if e == 0.0 {
                err
            } else {
                err / e.abs()
            }
        })
        .fold(0.0, |m: f64, e| if e.is_nan() || m.is_nan() { f64::NAN } else { m.max(e) })
}

/// The stress inputs of the accuracy table: name and logits.
pub fn stress_inputs() -> Vec<(&'static str, Logits)> {
    let ninf = f64::NEG_INFINITY;
    [
        ("moderate [0, 1, 2]", vec![0.0, 1.0, 2.0]),
        ("saturated [100, 400, 700]", vec![100.0, 400.0, 700.0]),
        ("masked [−∞, 1, 2]", vec![ninf, 1.0, 2.0]),
        ("N = 1 [0]", vec![0.0]),
        ("near overflow [709, 710]", vec![709.0, 710.0]),
    ]
    .into_iter()
    .map(|(name, a)| (name, Logits::new(a).expect("stress inputs are valid")))
    .collect()
}

/// One row of the table: a method and its largest relative error on each stress input.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Row {
    /// The method's name.
    pub method: &'static str,
    /// Largest relative error per stress input, in [`stress_inputs`] order.
    #[serde(serialize_with = "crate::verdict::floats")]
    pub errors: Vec<f64>,
}

/// The table: every method but the reference itself.
pub fn table() -> Vec<Row> {
    let inputs = stress_inputs();
    let truths: Vec<DMatrix<f64>> = inputs.iter().map(|(_, a)| exact::jacobian(a)).collect();
    Method::ALL
        .into_iter()
        .filter(|&m| m != Method::Exact)
        .map(|m| Row {
            method: m.name(),
            errors: inputs.iter().zip(&truths).map(|((_, a), e)| max_relative_error(&m.jacobian(a), e)).collect(),
        })
        .collect()
}
