//! The Jacobian at the point as a heatmap, a diverging colour scale centred on 0.

use super::{mesh, Area, Drawn, Figure, Scale};
use crate::reference::exact;
use crate::Logits;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Blue (negative) through white (0) to red (positive); `t` in [−1, 1].
fn diverging(t: f64) -> RGBColor {
    let t = t.clamp(-1.0, 1.0);
    let (r, g, b) = if t >= 0.0 { (178.0, 24.0, 43.0) } else { (33.0, 102.0, 172.0) };
    let w = 1.0 - t.abs();
    // Channels stay within 0..=255: a convex mix of two colours.
    let mix = |c: f64| (c + (255.0 - c) * w).round() as u8;
    RGBColor(mix(r), mix(g), mix(b))
}

/// Draws the figure.
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, at: &Logits, figure: Figure, k: Scale) -> Drawn<DB> {
    let jac = exact::jacobian(at);
    let n = at.len();
    let scale = jac.iter().fold(0.0f64, |m, x| m.max(x.abs())).max(f64::MIN_POSITIVE);
    let (plot, bar) = area.split_horizontally(area.dim_in_pixel().0 - k.px(130.0));
    // usize → f64 and back for a matrix index: exact for any N that fits in memory.
    let nf = n as f64;
    let mut chart = ChartBuilder::on(&plot)
        .caption(figure.title(at), k.font(19.0))
        .margin(k.px(18.0))
        .x_label_area_size(k.px(52.0))
        .y_label_area_size(k.px(64.0))
        .build_cartesian_2d(0.0..nf, nf..0.0)?;
    // Labels at cell centres (k + ½), 1-based as in the article; none elsewhere.
    let index = |v: &f64| {
        if (v - v.floor() - 0.5).abs() < 1e-9 && *v > 0.0 {
            format!("{}", v.floor() as usize + 1)
        } else {
            String::new()
        }
    };
    mesh(&mut chart.configure_mesh(), k)
        .disable_mesh()
        .x_labels(n.min(20) * 2 + 1)
        .y_labels(n.min(20) * 2 + 1)
        .x_label_formatter(&index)
        .y_label_formatter(&index)
        .x_desc("j (input aⱼ)")
        .y_desc("i (output Sᵢ)")
        .label_style(k.font(15.0))
        .axis_desc_style(k.font(17.0))
        .draw()?;
    chart.draw_series((0..n).flat_map(|i| (0..n).map(move |j| (i, j))).map(|(i, j)| {
        let (x, y) = (j as f64, i as f64);
        Rectangle::new([(x, y), (x + 1.0, y + 1.0)], diverging(jac[(i, j)] / scale).filled())
    }))?;
    if n <= 8 {
        let size = if n <= 4 { 17.0 } else { 13.0 };
        chart.draw_series((0..n).flat_map(|i| (0..n).map(move |j| (i, j))).map(|(i, j)| {
            let v = jac[(i, j)];
            let text = format!("{v:+.4}");
            let colour: &'static RGBColor = if v.abs() / scale > 0.6 { &WHITE } else { &BLACK };
            let style = k.font(size).color(colour).pos(Pos::new(HPos::Center, VPos::Center));
            Text::new(text, (j as f64 + 0.5, i as f64 + 0.5), style)
        }))?;
    }
    draw_colour_bar(&bar, scale, k)
}

/// A vertical colour bar from −scale to +scale.
fn draw_colour_bar<DB: DrawingBackend>(area: &Area<DB>, scale: f64, k: Scale) -> Drawn<DB> {
    let mut bar = ChartBuilder::on(area)
        .margin_top(k.px(70.0))
        .margin_bottom(k.px(70.0))
        .margin_right(k.px(10.0))
        .y_label_area_size(k.px(78.0))
        .build_cartesian_2d(0.0..1.0, -scale..scale)?;
    area.draw(&Text::new("∂Sᵢ/∂aⱼ", (k.off(40.0), k.off(40.0)), k.font(16.0)))?;
    bar.configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_labels(5)
        .y_label_formatter(&|v| format!("{v:+.3}"))
        .label_style(k.font(13.0))
        .draw()?;
    let steps = 100;
    bar.draw_series((0..steps).map(|s| {
        let lo = -scale + 2.0 * scale * f64::from(s) / f64::from(steps);
        let hi = lo + 2.0 * scale / f64::from(steps);
        Rectangle::new([(0.0, lo), (1.0, hi)], diverging((lo + hi) / 2.0 / scale).filled())
    }))?;
    Ok(())
}
