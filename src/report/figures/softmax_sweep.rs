//! $S_i$ against $a_1$, the other logits fixed: one curve per $S_i$.

use super::{colour, frame, least_crowded, legend, line_key, linspace, mesh, subscript, Area, Drawn, Figure, Scale};
use crate::softmax::softmax;
use crate::Logits;
use plotters::prelude::*;

/// The logits with $a_1$ replaced by `x` (masks stay masks).
pub fn with_first(at: &Logits, x: f64) -> Logits {
    let mut a = at.as_slice().to_vec();
    a[0] = x;
    Logits::new(a).expect("a finite first logit keeps the vector valid")
}

/// The sweep: $a_1$ from 8 below to 8 above its base value.
pub fn sweep(at: &Logits, points: usize) -> Vec<f64> {
    let base = at.as_slice()[0];
    let base = if base.is_finite() { base } else { 0.0 };
    linspace(base - 8.0, base + 8.0, points).collect()
}

/// Draws the figure.
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, at: &Logits, figure: Figure, k: Scale) -> Drawn<DB> {
    let xs = sweep(at, 401);
    let s: Vec<Vec<f64>> = xs.iter().map(|&x| softmax(&with_first(at, x))).collect();
    let curves: Vec<Vec<(f64, f64)>> =
        (0..at.len()).map(|i| xs.iter().zip(&s).map(|(&x, s)| (x, s[i])).collect()).collect();
    let (x0, x1) = (xs[0], xs[xs.len() - 1]);
    let position = least_crowded(&curves, (x0, x1), (-0.02, 1.02), at.len(), 0.22);
    let mut chart = frame(area, figure.title(at), k, 64.0).build_cartesian_2d(xs[0]..xs[xs.len() - 1], -0.02..1.02)?;
    mesh(&mut chart.configure_mesh(), k).x_desc("a₁ (the other logits fixed)").y_desc("Sᵢ").draw()?;
    for (i, curve) in curves.iter().enumerate() {
        let curve = curve.clone();
        let style = colour(i).stroke_width(k.px(if i == 0 { 3.0 } else { 2.0 }));
        let label = format!("S{} ({})", subscript(i + 1), if i == 0 { "i = j" } else { "i ≠ j" });
        let series = if i == 0 {
            chart.draw_series(LineSeries::new(curve, style))?
        } else {
            chart.draw_series(DashedLineSeries::new(curve, k.px(9.0), k.px(5.0), style))?
        };
        series.label(label).legend(line_key(style, k));
    }
    let base = at.as_slice()[0];
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(base, -0.02), (base, 1.02)],
        BLACK.mix(0.45).stroke_width(k.px(1.0)),
    )))?;
    legend(&mut chart, position, k)?;
    Ok(())
}
