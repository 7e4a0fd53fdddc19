//! Naive against stable softmax as the logits grow, $a = t\,[0.2, 0.4, 1]$:
//! where $e^{a_3}$ overflows, the naive form gives NaN.

use super::{colour, frame, legend, line_key, linspace, mesh, subscript, Area, Drawn, Figure, Scale};
use crate::softmax::{naive, stable};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The direction of growth: the article's [1, 2, 5] scaled so that its largest entry is t.
const DIRECTION: [f64; 3] = [0.2, 0.4, 1.0];

/// The range of $t$ drawn (log scale).
const T_MIN: f64 = 0.5;
/// The largest $t$ drawn.
const T_MAX: f64 = 1000.0;

/// Draws the figure.
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, figure: Figure, k: Scale) -> Drawn<DB> {
    let ts: Vec<f64> = linspace(T_MIN.log10(), T_MAX.log10(), 1201).map(|e| 10f64.powf(e)).collect();
    let at = |t: f64| DIRECTION.map(|d| d * t);
    let overflow = f64::MAX.ln() / DIRECTION[2];
    let title = figure.title(&crate::Logits::new(DIRECTION.to_vec()).expect("valid"));
    let mut chart = frame(area, title, k, 64.0).build_cartesian_2d((T_MIN..T_MAX).log_scale(), -0.02..1.02)?;
    mesh(&mut chart.configure_mesh(), k)
        .x_desc("t (log scale; a₃ = t)")
        .x_label_formatter(&|v| format!("{v}"))
        .y_desc("Sᵢ")
        .draw()?;
    chart.draw_series(std::iter::once(Rectangle::new(
        [(overflow, -0.02), (T_MAX, 1.02)],
        RGBColor(250, 215, 210).mix(0.7).filled(),
    )))?;
    let red = RGBColor(160, 30, 20);
    let right = Pos::new(HPos::Right, VPos::Center);
    for (line, y) in
        [("naive gives NaN from here on →", 0.62), (format!("e^a₃ overflows: a₃ > {overflow:.2}").as_str(), 0.56)]
    {
        let style = k.font(15.0).color(&red).pos(right);
        chart.draw_series(std::iter::once(Text::new(line.to_string(), (overflow * 0.95, y), style)))?;
    }
    for i in 0..3 {
        let stable_curve: Vec<(f64, f64)> = ts.iter().map(|&t| (t, stable::<f64>(&at(t))[i])).collect();
        let naive_curve: Vec<(f64, f64)> =
            ts.iter().map(|&t| (t, naive::<f64>(&at(t))[i])).take_while(|(_, s)| s.is_finite()).collect();
        let style = colour(i).stroke_width(k.px(4.0));
        let thin = BLACK.stroke_width(k.px(1.5));
        chart
            .draw_series(LineSeries::new(stable_curve, style))?
            .label(format!("S{} stable", subscript(i + 1)))
            .legend(line_key(style, k));
        chart.draw_series(DashedLineSeries::new(naive_curve, k.px(6.0), k.px(4.0), thin))?;
    }
    let thin = BLACK.stroke_width(k.px(1.5));
    chart
        .draw_series(std::iter::empty::<PathElement<(f64, f64)>>())?
        .label("naive, where finite (dashed)")
        .legend(line_key(thin, k));
    legend(&mut chart, SeriesLabelPosition::MiddleMiddle, k)?;
    Ok(())
}
