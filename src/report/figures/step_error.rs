//! Error of each numerical method against the exact reference, as a function
//! of the step $h$ (log–log), with the theoretical optimal steps marked.

use super::{colour, frame, legend, line_key, mesh, Area, Drawn, Figure, Scale};
use crate::reference::{complex_step, exact, finite_diff};
use crate::report::accuracy::max_relative_error;
use crate::tolerance::Scheme;
use crate::Logits;
use nalgebra::DMatrix;
use plotters::prelude::*;

/// The smallest error drawn: an error of exactly 0 is drawn here.
pub const FLOOR: f64 = 1e-18;

/// A Jacobian at step `h`.
type WithStep = Box<dyn Fn(&Logits, f64) -> DMatrix<f64>>;

/// The methods drawn, with their Jacobian at step `h`.
fn methods() -> Vec<(&'static str, WithStep)> {
    let mut m: Vec<(&'static str, WithStep)> = Scheme::ALL
        .into_iter()
        .map(|s| {
            let f: WithStep = Box::new(move |a, h| finite_diff::jacobian::<f64>(a, s, h));
            (s.name(), f)
        })
        .collect();
    m.push(("complex-step", Box::new(complex_step::jacobian_with_step)));
    m
}

/// Draws the figure.
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, at: &Logits, figure: Figure, k: Scale) -> Drawn<DB> {
    let truth = exact::jacobian(at);
    let steps: Vec<f64> = (0..=75).map(|e| 10f64.powf(-16.0 + f64::from(e) * 0.2)).collect();
    let mut chart = frame(area, figure.title(at), k, 76.0)
        .build_cartesian_2d((1e-16..1e-1).log_scale(), (FLOOR..1e2).log_scale())?;
    mesh(&mut chart.configure_mesh(), k)
        .x_desc("step h (relative: hⱼ = h·max(1, |aⱼ − max a|))")
        .y_desc("max relative error over (i, j)")
        .x_label_formatter(&|v| format!("{v:.0e}"))
        .y_label_formatter(&|v| format!("{v:.0e}"))
        .draw()?;
    for (m, (name, jacobian)) in methods().into_iter().enumerate() {
        let curve: Vec<(f64, f64)> = steps
            .iter()
            .map(|&h| (h, max_relative_error(&jacobian(at, h), &truth)))
            .filter(|(_, e)| e.is_finite())
            .map(|(h, e)| (h, e.max(FLOOR)))
            .collect();
        let style = colour(m).stroke_width(k.px(2.5));
        chart.draw_series(LineSeries::new(curve, style))?.label(name).legend(line_key(style, k));
    }
    for (m, scheme) in Scheme::ALL.into_iter().enumerate() {
        let h = scheme.optimal_step();
        let style = colour(m).mix(0.8).stroke_width(k.px(1.5));
        chart.draw_series(DashedLineSeries::new(vec![(h, FLOOR), (h, 1e2)], k.px(6.0), k.px(5.0), style))?;
        let label = match scheme {
            Scheme::Forward => "√u",
            Scheme::Central => "u^(1/3)",
            Scheme::Richardson => "u^(1/5)",
        };
        chart.draw_series(std::iter::once(Text::new(label, (h * 1.3, 2e1), k.font(14.0).color(&colour(m)))))?;
    }
    legend(&mut chart, SeriesLabelPosition::LowerLeft, k)?;
    Ok(())
}
