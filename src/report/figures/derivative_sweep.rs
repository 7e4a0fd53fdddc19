//! $\partial S_i/\partial a_1$ against $a_1$: the closed forms $S_1(1 - S_1)$
//! and $-S_iS_1$ as curves, central finite differences as markers.

use super::softmax_sweep::{sweep, with_first};
use super::{colour, subscript, Figure, Scale};
use crate::reference::finite_diff;
use crate::softmax::softmax;
use crate::tolerance::Scheme;
use crate::Logits;
use plotters::coord::Shift;
use plotters::prelude::*;

/// $S_i(\delta_{i1} - S_1)$: the article's formula, column $j = 1$.
fn closed_form(a: &Logits, i: usize) -> f64 {
    let s = softmax(a);
    s[i] * (if i == 0 { 1.0 } else { 0.0 } - s[0])
}

/// Draws the figure.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    at: &Logits,
    figure: Figure,
    k: Scale,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let xs = sweep(at, 401);
    let markers = sweep(at, 33);
    let mut chart = ChartBuilder::on(area)
        .caption(figure.title(at), k.font(20.0))
        .margin(k.px(18.0))
        .x_label_area_size(k.px(52.0))
        .y_label_area_size(k.px(72.0))
        .build_cartesian_2d(xs[0]..xs[xs.len() - 1], -0.27..0.27)?;
    chart
        .configure_mesh()
        .x_desc("a₁ (the other logits fixed)")
        .y_desc("∂Sᵢ/∂a₁")
        .y_label_formatter(&|v: &f64| {
            if v.abs() < 1e-9 {
                "0".to_string()
            } else {
                format!("{v:.2}")
            }
        })
        .label_style(k.font(15.0))
        .axis_desc_style(k.font(17.0))
        .light_line_style(RGBColor(238, 238, 238))
        .draw()?;
    for i in 0..at.len() {
        let curve: Vec<(f64, f64)> = xs.iter().map(|&x| (x, closed_form(&with_first(at, x), i))).collect();
        let style = colour(i).stroke_width(k.px(if i == 0 { 3.0 } else { 2.0 }));
        let label = if i == 0 {
            "i = j: S₁(1 − S₁)".to_string()
        } else {
            format!("i ≠ j: −S{}S₁", subscript(i + 1))
        };
        chart
            .draw_series(LineSeries::new(curve, style))?
            .label(label)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + k.off(26.0), y)], style));
        let fd = markers.iter().map(|&x| {
            let jac = finite_diff::jacobian::<f64>(&with_first(at, x), Scheme::Central, Scheme::Central.optimal_step());
            Circle::new((x, jac[(i, 0)]), k.px(4.0), colour(i).stroke_width(k.px(1.5)))
        });
        chart.draw_series(fd)?;
    }
    chart
        .draw_series(std::iter::empty::<Circle<(f64, f64), u32>>())?
        .label("central finite differences")
        .legend(move |(x, y)| Circle::new((x + k.off(13.0), y), k.px(4.0), BLACK.stroke_width(k.px(1.5))));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerLeft)
        .margin(k.px(12.0))
        .legend_area_size(k.px(34.0))
        .label_font(k.font(15.0))
        .background_style(WHITE.mix(0.92))
        .border_style(BLACK.mix(0.3))
        .draw()?;
    Ok(())
}
