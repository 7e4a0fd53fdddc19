//! The worked example: $S$ at the point as bars with their values. When the
//! post prints values for this point and one is wrong, the printed values
//! are marked, and an inset zooms on the worst one, against the interval of
//! values that round to the right digits.

use super::legend::{self, LineLook};
use super::{colour, frame, mesh, tick, Area, Drawn, Options, Plot, Texts, TEXT_PX};
use crate::lang::{subscript, Lang};
use crate::softmax::softmax;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The colour of the post's printed values.
const ARTICLE_RED: RGBColor = RGBColor(200, 30, 30);

/// A value as the bars print it: three decimals, or three significant digits below 10⁻³.
fn value_label(lang: Lang, v: f64) -> String {
    if v >= 1e-3 || v == 0.0 {
        lang.fixed(v, 3)
    } else {
        lang.sci(v, 3)
    }
}

/// The post's values as it prints them, each at its own decimals.
fn printed_list(lang: Lang, printed: &[(f64, usize)]) -> String {
    let items: Vec<String> = printed.iter().map(|&(v, d)| lang.fixed(v, d)).collect();
    lang.bracket(&items)
}

/// The entry the post's printing gets furthest from the truth, with the truth.
fn worst(s: &[f64], printed: &[(f64, usize)]) -> (usize, f64) {
    let gap = |i: usize| (s[i] - printed[i].0).abs();
    let i = (0..printed.len()).fold(0, |w, i| if gap(i) > gap(w) { i } else { w });
    (i, s[i])
}

/// `v` truncated (not rounded) to `d` decimals.
fn truncated(v: f64, d: usize) -> f64 {
    let scale = 10f64.powi(d as i32);
    (v * scale).trunc() / scale
}

/// The figure's texts.
pub fn texts(o: &Options) -> Texts {
    let s = softmax(&o.at);
    let (lang, point) = (o.lang, o.point());
    let values: Vec<String> = s.iter().map(|&v| value_label(lang, v)).collect();
    let values = lang.bracket(&values);
    let Some(printed) = o.printed_wrong() else {
        // The post's own values, right, are named with the figure's (e.g. once its patch is applied).
        let post =
            o.printed.as_deref().filter(|p| p.len() == s.len()).map(|p| printed_list(lang, p)).filter(|p| *p != values);
        let (post_fr, post_en) = post.map_or_else(Default::default, |p| {
            (format!(", que le billet arrondit en {p}"), format!(", which the post rounds to {p}"))
        });
        return match lang {
            Lang::Fr => Texts {
                title: format!("Softmax de a = {point}"),
                alt: format!("Diagramme en barres des {} valeurs de S(a) pour a = {point} : {values}.", s.len()),
                caption: format!("Les valeurs de S en a = {point}, à trois décimales (trois chiffres significatifs sous 10⁻³) : {values}{post_fr}."),
            },
            Lang::En => Texts {
                title: format!("Softmax of a = {point}"),
                alt: format!("A bar chart of the {} values of S(a) for a = {point}: {values}.", s.len()),
                caption: format!("The values of S at a = {point}, to three decimals (three significant digits below 10⁻³): {values}{post_en}."),
            },
        };
    };
    let (i, truth) = worst(&s, printed);
    let d = printed[i].1;
    let article = printed_list(lang, printed);
    let (printed_value, printed) = (printed[i].0, lang.fixed(printed[i].0, d));
    let rounded = lang.fixed(truth, d);
    let k = subscript(i + 1);
    let how = (truncated(truth, d) - printed_value).abs() < 1e-12;
    let rounded_sum: f64 = s.iter().map(|&v| (v * 10f64.powi(d as i32)).round() / 10f64.powi(d as i32)).sum();
    let sum = lang.fixed(rounded_sum, d);
    match lang {
        Lang::Fr => Texts {
            title: format!("Softmax de a = {point}, l'exemple du billet"),
            alt: format!(
                "Diagramme en barres de S(a) pour a = {point} : {values} ; des traits rouges marquent les valeurs imprimées par le billet, {article} ; un zoom montre S{k} = {} face à {printed}, et l'intervalle des valeurs qui s'arrondissent à {rounded}.",
                lang.fixed(truth, d + 2)
            ),
            caption: format!(
                "Les valeurs de S en a = {point}, à trois décimales : {values}. Les traits rouges sont celles du billet, {article}. Le zoom (à droite) le montre : S{k} = {} s'arrondit à {rounded} ; le billet imprime {printed}{}. Arrondies correctement à {d} décimales, les valeurs somment à {sum}.",
                lang.fixed(truth, d + 2),
                if how { ", la valeur tronquée" } else { "" }
            ),
        },
        Lang::En => Texts {
            title: format!("Softmax of a = {point}, the post's example"),
            alt: format!(
                "A bar chart of S(a) for a = {point}: {values}; red ticks mark the values the post prints, {article}; an inset shows S{k} = {} against {printed}, and the interval of values that round to {rounded}.",
                lang.fixed(truth, d + 2)
            ),
            caption: format!(
                "The values of S at a = {point}, to three decimals: {values}. The red ticks are the post's, {article}. The inset (right) shows it: S{k} = {} rounds to {rounded}; the post prints {printed}{}. Rounded correctly to {d} decimals, the values sum to {sum}.",
                lang.fixed(truth, d + 2),
                if how { ", the truncated value" } else { "" }
            ),
        },
    }
}

/// Draws the figure.
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, plot: &Plot<'_>) -> Drawn<DB> {
    let (o, k) = (plot.o, plot.k);
    let s = softmax(&o.at);
    let n = s.len();
    let lang = plot.lang();
    let printed = o.printed_wrong();
    let (bars_area, inset_area) = if printed.is_some() {
        let (a, b) = area.split_horizontally(area.dim_in_pixel().0 - k.px(250.0));
        (a, Some(b))
    } else {
        (area.clone(), None)
    };
    // n is at most 256 here (report's limit): exact as f64.
    let mut chart = frame(&bars_area, plot, 58.0).build_cartesian_2d(0.0..n as f64, 0.0..1.12)?;
    let label = |v: &f64| {
        if (v - v.floor() - 0.5).abs() < 1e-9 && *v > 0.0 {
            format!("S{}", subscript(v.floor() as usize + 1))
        } else {
            String::new()
        }
    };
    mesh(&mut chart.configure_mesh(), k)
        .disable_x_mesh()
        .x_labels(if n <= 12 { 2 * n + 1 } else { 0 })
        .x_label_formatter(&label)
        .y_label_formatter(&|v| tick(lang, *v))
        .y_desc("Sᵢ")
        .x_desc("i")
        .draw()?;
    chart.draw_series(s.iter().enumerate().map(|(i, &v)| {
        let x = i as f64;
        Rectangle::new([(x + 0.2, 0.0), (x + 0.8, v)], colour(0).mix(0.8).filled())
    }))?;
    if n <= 8 {
        chart.draw_series(s.iter().enumerate().map(|(i, &v)| {
            let style = k.font(TEXT_PX).pos(Pos::new(HPos::Center, VPos::Bottom));
            Text::new(value_label(lang, v), (i as f64 + 0.5, v + 0.012), style)
        }))?;
    }
    if let (Some(inset), Some(printed)) = (inset_area, printed) {
        let red = ARTICLE_RED.stroke_width(k.px(3.0));
        chart.draw_series(printed.iter().enumerate().map(|(i, &(v, _))| {
            let x = i as f64;
            PathElement::new(vec![(x + 0.1, v), (x + 0.9, v)], red)
        }))?;
        let note = format!("{} {}", plot.t("— billet :", "— post:"), printed_list(lang, printed));
        let style = k.font(TEXT_PX).color(&ARTICLE_RED).pos(Pos::new(HPos::Left, VPos::Top));
        chart.draw_series(std::iter::once(Text::new(note, (0.1, 1.09), style)))?;
        zoom(&inset, plot, &s, printed)?;
    }
    Ok(())
}

/// The inset: the wrong value against the post's and the rounding interval.
fn zoom<DB: DrawingBackend>(area: &Area<DB>, plot: &Plot<'_>, s: &[f64], printed: &[(f64, usize)]) -> Drawn<DB> {
    let (k, lang) = (plot.k, plot.lang());
    let (i, truth) = worst(s, printed);
    let (p, d) = printed[i];
    let unit = 10f64.powi(-(d as i32));
    let rounded = (truth / unit).round() * unit;
    let (lo, hi) = (p.min(rounded) - 0.8 * unit, p.max(rounded) + 0.8 * unit);
    let mut chart = ChartBuilder::on(area)
        .margin(k.px(12.0))
        .margin_left(k.px(4.0))
        .x_label_area_size(k.px(46.0))
        .y_label_area_size(k.px(58.0))
        .build_cartesian_2d(0.0..1.0, lo..hi)?;
    mesh(&mut chart.configure_mesh(), k)
        .disable_x_mesh()
        .x_labels(3)
        .y_labels(6)
        .x_label_formatter(&|v: &f64| {
            if (v - 0.5).abs() < 1e-9 {
                format!("S{} (zoom)", subscript(i + 1))
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|v| lang.fixed(*v, d + 1))
        .draw()?;
    let band = (rounded - 0.5 * unit, rounded + 0.5 * unit);
    chart.draw_series(std::iter::once(Rectangle::new(
        [(0.0, band.0), (1.0, band.1)],
        RGBColor(230, 230, 230).filled(),
    )))?;
    chart.draw_series(std::iter::once(Rectangle::new([(0.3, lo), (0.7, truth)], colour(0).mix(0.8).filled())))?;
    let left = Pos::new(HPos::Left, VPos::Bottom);
    let lines = [
        (rounded, LineLook::dashed(BLACK, 1.5).with_dash(6.0, 4.0), plot.t("arrondi :", "rounded:")),
        (p, LineLook::solid(ARTICLE_RED, 3.0), plot.t("billet :", "post:")),
    ];
    for (y, look, name) in lines {
        legend::curve(&mut chart, &[(0.0, y), (1.0, y)], &look, k, (1, 0))?;
        let label = format!("{name} {}", lang.fixed(y, d));
        let style = k.font(TEXT_PX).color(&look.colour).pos(left);
        chart.draw_series(std::iter::once(Text::new(label, (0.03, y + 0.04 * unit), style)))?;
    }
    let centre = Pos::new(HPos::Center, VPos::Bottom);
    let value = format!("S{} = {}", subscript(i + 1), lang.fixed(truth, d + 2));
    chart.draw_series(std::iter::once(Text::new(value, (0.5, truth + 0.04 * unit), k.font(TEXT_PX).pos(centre))))?;
    Ok(())
}
