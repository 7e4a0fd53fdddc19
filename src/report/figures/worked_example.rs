//! The worked example: $S$ at the point as bars with their values; for the
//! article's $a = [1, 2, 5]$, the article's printed values are marked.

use super::{colour, frame, legend, line_key, mesh, subscript, Area, Drawn, Figure, Scale};
use crate::softmax::softmax;
use crate::Logits;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The article's printed result for a = [1,0 2,0 5,0].
const ARTICLE: [f64; 3] = [0.02, 0.05, 0.93];

/// Draws the figure.
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, at: &Logits, figure: Figure, k: Scale) -> Drawn<DB> {
    let s = softmax(at);
    let n = s.len();
    let is_article = at.as_slice() == [1.0, 2.0, 5.0];
    let mut chart = frame(area, figure.title(at), k, 64.0).build_cartesian_2d(0.0..n as f64, 0.0..1.1)?;
    let label = |v: &f64| {
        if (v - v.floor() - 0.5).abs() < 1e-9 && *v > 0.0 {
            format!("S{}", subscript(v.floor() as usize + 1))
        } else {
            String::new()
        }
    };
    mesh(&mut chart.configure_mesh(), k)
        .disable_x_mesh()
        .x_labels(if n <= 10 { 2 * n + 1 } else { 0 })
        .x_label_formatter(&label)
        .y_desc("Sᵢ")
        .x_desc("i")
        .draw()?;
    chart.draw_series(s.iter().enumerate().map(|(i, &v)| {
        let x = i as f64;
        Rectangle::new([(x + 0.2, 0.0), (x + 0.8, v)], colour(0).mix(0.75).filled())
    }))?;
    if n <= 12 {
        chart.draw_series(s.iter().enumerate().map(|(i, &v)| {
            let style = k.font(16.0).pos(Pos::new(HPos::Center, VPos::Bottom));
            Text::new(format!("{v:.4}"), (i as f64 + 0.5, v + 0.015), style)
        }))?;
    }
    if is_article {
        let red = RGBColor(200, 30, 30);
        chart
            .draw_series(ARTICLE.iter().enumerate().map(|(i, &v)| {
                let x = i as f64;
                PathElement::new(vec![(x + 0.12, v), (x + 0.88, v)], red.stroke_width(k.px(3.0)))
            }))?
            .label("printed in the article: [0,02 0,05 0,93]")
            .legend(line_key(red.stroke_width(k.px(3.0)), k));
        legend(&mut chart, SeriesLabelPosition::UpperLeft, k)?;
    }
    Ok(())
}
