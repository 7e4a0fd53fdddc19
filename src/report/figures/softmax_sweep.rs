//! $S_i$ against $a_1$, the other logits fixed: one curve per $S_i$.

use super::{colour, linspace, subscript, Figure, Scale};
use crate::softmax::softmax;
use crate::Logits;
use plotters::coord::Shift;
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
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    at: &Logits,
    figure: Figure,
    k: Scale,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let xs = sweep(at, 401);
    let s: Vec<Vec<f64>> = xs.iter().map(|&x| softmax(&with_first(at, x))).collect();
    let mut chart = ChartBuilder::on(area)
        .caption(figure.title(at), k.font(20.0))
        .margin(k.px(18.0))
        .x_label_area_size(k.px(52.0))
        .y_label_area_size(k.px(64.0))
        .build_cartesian_2d(xs[0]..xs[xs.len() - 1], -0.02..1.02)?;
    chart
        .configure_mesh()
        .x_desc("a₁ (the other logits fixed)")
        .y_desc("Sᵢ")
        .label_style(k.font(15.0))
        .axis_desc_style(k.font(17.0))
        .light_line_style(RGBColor(238, 238, 238))
        .draw()?;
    for i in 0..at.len() {
        let curve: Vec<(f64, f64)> = xs.iter().zip(&s).map(|(&x, s)| (x, s[i])).collect();
        let style = colour(i).stroke_width(k.px(if i == 0 { 3.0 } else { 2.0 }));
        let label = format!("S{} ({})", subscript(i + 1), if i == 0 { "i = j" } else { "i ≠ j" });
        let series = if i == 0 {
            chart.draw_series(LineSeries::new(curve, style))?
        } else {
            chart.draw_series(DashedLineSeries::new(curve, k.px(9.0), k.px(5.0), style))?
        };
        series.label(label).legend(move |(x, y)| PathElement::new(vec![(x, y), (x + k.off(26.0), y)], style));
    }
    let base = at.as_slice()[0];
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(base, -0.02), (base, 1.02)],
        BLACK.mix(0.45).stroke_width(k.px(1.0)),
    )))?;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::MiddleRight)
        .margin(k.px(12.0))
        .legend_area_size(k.px(34.0))
        .label_font(k.font(15.0))
        .background_style(WHITE.mix(0.92))
        .border_style(BLACK.mix(0.3))
        .draw()?;
    Ok(())
}
