//! $\partial S_i/\partial a_1$ against $a_1$: the closed forms $S_1(1 - S_1)$
//! and $-S_iS_1$ as curves, central finite differences as markers.

use super::softmax_sweep::{sweep, with_first};
use super::{colour, frame, least_crowded, legend, line_key, mesh, subscript, Area, Drawn, Figure, Scale};
use crate::reference::finite_diff;
use crate::softmax::softmax;
use crate::tolerance::Scheme;
use crate::Logits;
use plotters::prelude::*;

/// $S_i(\delta_{i1} - S_1)$ for every $i$: the article's formula, column $j = 1$.
fn closed_form(a: &Logits) -> Vec<f64> {
    let s = softmax(a);
    s.iter().enumerate().map(|(i, s_i)| s_i * (if i == 0 { 1.0 } else { 0.0 } - s[0])).collect()
}

/// Draws the figure.
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, at: &Logits, figure: Figure, k: Scale) -> Drawn<DB> {
    let xs = sweep(at, 401);
    let markers = sweep(at, 33);
    // One softmax per sweep point and one finite-difference column per marker, whatever N.
    let columns: Vec<Vec<f64>> = xs.iter().map(|&x| closed_form(&with_first(at, x))).collect();
    let curves: Vec<Vec<(f64, f64)>> =
        (0..at.len()).map(|i| xs.iter().zip(&columns).map(|(&x, c)| (x, c[i])).collect()).collect();
    let h = Scheme::Central.optimal_step();
    let fd: Vec<(f64, Vec<f64>)> =
        markers.iter().map(|&x| (x, finite_diff::column_at(&with_first(at, x), Scheme::Central, h, 0))).collect();
    let position = least_crowded(&curves, (xs[0], xs[xs.len() - 1]), (-0.27, 0.27), at.len() + 1, 0.3);
    let mut chart = frame(area, figure.title(at), k, 72.0).build_cartesian_2d(xs[0]..xs[xs.len() - 1], -0.27..0.27)?;
    mesh(&mut chart.configure_mesh(), k)
        .x_desc("a₁ (the other logits fixed)")
        .y_desc("∂Sᵢ/∂a₁")
        .y_label_formatter(&|v: &f64| {
            if v.abs() < 1e-9 {
                "0".to_string()
            } else {
                format!("{v:.2}")
            }
        })
        .draw()?;
    for (i, curve) in curves.iter().enumerate() {
        let curve = curve.clone();
        let style = colour(i).stroke_width(k.px(if i == 0 { 3.0 } else { 2.0 }));
        let label = if i == 0 {
            "i = j: S₁(1 − S₁)".to_string()
        } else {
            format!("i ≠ j: −S{}S₁", subscript(i + 1))
        };
        chart.draw_series(LineSeries::new(curve, style))?.label(label).legend(line_key(style, k));
        let markers =
            fd.iter().map(|(x, column)| Circle::new((*x, column[i]), k.px(4.0), colour(i).stroke_width(k.px(1.5))));
        chart.draw_series(markers)?;
    }
    chart
        .draw_series(std::iter::empty::<Circle<(f64, f64), u32>>())?
        .label("central finite differences")
        .legend(move |(x, y)| Circle::new((x + k.off(13.0), y), k.px(4.0), BLACK.stroke_width(k.px(1.5))));
    legend(&mut chart, position, k)?;
    Ok(())
}
