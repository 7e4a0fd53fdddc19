//! The Jacobian at the point as a heatmap: square cells, a diverging colour
//! scale centred on 0, the values printed in the cells while they fit.

use super::{mesh, Area, Drawn, Options, Plot, Texts, TEXT_PX};
use crate::reference::exact;
use nalgebra::DMatrix;
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

/// The largest $|D_jS_i|$ (the colour scale's end), never 0.
fn scale_of(jac: &DMatrix<f64>) -> f64 {
    jac.iter().fold(0.0f64, |m, x| m.max(x.abs())).max(f64::MIN_POSITIVE)
}

/// (smallest, largest) of the diagonal, then of the other entries, each as
/// $\ln|D_jS_i|$ (the diagonal is $\ge 0$, the rest $\le 0$, so the order of
/// the logarithms is the order of the values, reversed off the diagonal): an
/// entry below the smallest f64 keeps its size, $-\infty$ is an exact 0.
fn ln_ranges(ls: &[f64]) -> ((f64, f64), Option<(f64, f64)>) {
    let n = ls.len();
    let fold = |it: &mut dyn Iterator<Item = f64>| {
        it.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)))
    };
    let diagonal = fold(&mut (0..n).map(|i| ln_abs_entry(ls, i, i)));
    let off = (n > 1)
        .then(|| fold(&mut (0..n).flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| ln_abs_entry(ls, i, j)))));
    (diagonal, off)
}

/// An entry of size $e^{\ln|v|}$ in words: two significant digits, from its
/// logarithm below the smallest f64; 0 for an exact 0.
fn entry_words(lang: super::Lang, ln_abs: f64, negative: bool) -> String {
    let v = ln_abs.exp();
    if ln_abs == f64::NEG_INFINITY {
        "0".to_string()
    } else if v >= f64::MIN_POSITIVE {
        lang.num(if negative { -v } else { v }, 2)
    } else {
        from_ln(lang, ln_abs, negative)
    }
}

/// The figure's texts.
pub fn texts(o: &Options) -> Texts {
    let n = o.at.len();
    let (lang, point) = (o.lang, o.point());
    let ls = crate::softmax::log_softmax(&o.at);
    let ((d0, d1), off) = ln_ranges(&ls);
    // Strict signs where every entry has one, as numbers, not as f64: a masked logit
    // (Sᵢ = 0) or N = 1 (S₁ = 1) gives entries of exactly 0; an underflow does not.
    let strict = d0 > f64::NEG_INFINITY && off.is_none_or(|(lo, _)| lo > f64::NEG_INFINITY);
    let (d0, d1) = (entry_words(lang, d0, false), entry_words(lang, d1, false));
    // Off the diagonal the largest size is the most negative value.
    let off = off.map(|(small, large)| (entry_words(lang, large, true), entry_words(lang, small, true)));
    let (pos_fr, neg_fr, pos_en, neg_en) = if strict {
        ("positifs", "négatifs", "positive", "negative")
    } else {
        ("positifs ou nuls", "négatifs ou nuls", "positive or zero", "negative or zero")
    };
    let fr_off = off
        .as_ref()
        .map_or(String::new(), |(lo, hi)| format!(" ; hors de la diagonale, {neg_fr} (bleu), de {lo} à {hi}"));
    let en_off =
        off.map_or(String::new(), |(lo, hi)| format!("; off the diagonal, {neg_en} (blue), from {lo} to {hi}"));
    let (signs_fr, signs_en) = if strict {
        (
            "La diagonale Sᵢ(1 − Sᵢ) est positive, le reste −SᵢSⱼ négatif",
            "The diagonal Sᵢ(1 − Sᵢ) is positive, the rest −SᵢSⱼ negative",
        )
    } else {
        (
            "La diagonale Sᵢ(1 − Sᵢ) est positive ou nulle, le reste −SᵢSⱼ négatif ou nul (nul où Sᵢ est nul ou vaut 1)",
            "The diagonal Sᵢ(1 − Sᵢ) is positive or zero, the rest −SᵢSⱼ negative or zero (zero where Sᵢ is 0 or 1)",
        )
    };
    match lang {
        super::Lang::Fr => Texts {
            title: format!("La jacobienne DS en a = {point} : ligne i, colonne j, ∂Sᵢ/∂aⱼ"),
            alt: format!(
                "Carte de chaleur {n} × {n} de la jacobienne en a = {point} : sur la diagonale, des coefficients {pos_fr} (rouge) de {} à {}{fr_off} ; la carte est symétrique.",
                d0,
                d1
            ),
            caption: format!("Chaque case vaut DⱼSᵢ = ∂Sᵢ/∂aⱼ (ligne i, colonne j). {signs_fr} ; la matrice est symétrique et chaque ligne somme à 0, car Σⱼ Sⱼ = 1 ne varie pas."),
        },
        super::Lang::En => Texts {
            title: format!("The Jacobian DS at a = {point}: row i, column j holds ∂Sᵢ/∂aⱼ"),
            alt: format!(
                "A {n} × {n} heatmap of the Jacobian at a = {point}: on the diagonal, {pos_en} entries (red) from {} to {}{en_off}; the map is symmetric.",
                d0,
                d1
            ),
            caption: format!("Each cell is DⱼSᵢ = ∂Sᵢ/∂aⱼ (row i, column j). {signs_en}; the matrix is symmetric and each row sums to 0, since Σⱼ Sⱼ = 1 does not change."),
        },
    }
}

/// The decimals printed in the cells of an N × N map, or `None` when they do not fit.
fn cell_decimals(n: usize) -> Option<(usize, f64)> {
    match n {
        0..=4 => Some((4, 16.0)),
        5..=6 => Some((3, TEXT_PX)),
        _ => None,
    }
}

/// $\ln \lvert D_jS_i \rvert$ from the log-softmax `ls`, where `f64` underflows:
/// $\ln S_i + \ln S_j$ off the diagonal, $\ln S_i + \ln(1 - S_i)$ on it, with
/// $\ln(1 - S_i) = \ln \sum_{k \ne i} S_k$ summed in log space.
fn ln_abs_entry(ls: &[f64], i: usize, j: usize) -> f64 {
    if i != j {
        return ls[i] + ls[j];
    }
    let others = ls.iter().enumerate().filter(|&(k, _)| k != i).map(|(_, &l)| l);
    let top = others.clone().fold(f64::NEG_INFINITY, f64::max);
    if top == f64::NEG_INFINITY {
        return f64::NEG_INFINITY;
    }
    ls[i] + top + others.map(|l| (l - top).exp()).sum::<f64>().ln()
}

/// A value written as mantissa × 10^e from its natural log and sign:
/// `−1,4 × 10⁻⁴³⁴`, below the smallest `f64`.
fn from_ln(lang: super::Lang, ln_abs: f64, negative: bool) -> String {
    let log10 = ln_abs / std::f64::consts::LN_10;
    let exponent = log10.floor();
    let sign = if negative { "−" } else { "" };
    // Logits up to the largest f64 put exponents far past an i32, and a mantissa
    // means nothing there: beyond 10⁶ in size, the power of ten alone.
    if exponent.abs() > 1e6 {
        return format!("{sign}10^({})", lang.sci(log10, 3));
    }
    let mantissa = 10f64.powf(log10 - exponent);
    // |exponent| ≤ 10⁶: exact as i32.
    format!("{sign}{} × {}", lang.fixed(mantissa, 1), crate::lang::pow10(exponent as i32))
}

/// A cell's value: `decimals` decimals, or for a value too small to show
/// there, two significant digits (while a cell is wide enough, N ≤ 3) or
/// "≈ 0" — never a 0,0000 that hides 2,4 × 10⁻¹⁴⁵. An entry that underflows
/// `f64` is written from its logarithm; an exact 0 (a masked logit) is 0.
// Exact comparisons: they test for an f64 zero, which is what they mean.
#[allow(clippy::float_cmp)]
fn cell_label(lang: super::Lang, v: f64, ln_abs: f64, (i, j): (usize, usize), decimals: usize, n: usize) -> String {
    let shown = 0.5 * 10f64.powi(-(decimals as i32));
    if v.abs() >= shown || ln_abs == f64::NEG_INFINITY {
        lang.fixed(v, decimals)
    } else if n > 3 {
        "≈ 0".to_string()
    } else if v == 0.0 {
        from_ln(lang, ln_abs, i != j)
    } else {
        lang.sci(v, 2)
    }
}

/// Draws the figure.
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, plot: &Plot<'_>) -> Drawn<DB> {
    let (o, k) = (plot.o, plot.k);
    let jac = exact::jacobian(&o.at);
    let n = o.at.len();
    let scale = scale_of(&jac);
    // Square cells: the chart is as wide as its plotting area is high, plus the y labels.
    let (margin, x_labels, y_labels) = (k.px(12.0), k.px(46.0), k.px(56.0));
    let side = area.dim_in_pixel().1 - 2 * margin - x_labels;
    let (chart_area, rest) = area.split_horizontally(side + y_labels + 2 * margin);
    let mut chart = ChartBuilder::on(&chart_area)
        .margin(margin)
        .x_label_area_size(x_labels)
        .y_label_area_size(y_labels)
        .build_cartesian_2d(0.5..n as f64 + 0.5, n as f64 + 0.5..0.5)?;
    // Cell k (1-based, as in the article) spans [k − ½, k + ½]: the axes'
    // round key points are cell indices; no label elsewhere.
    let index = |v: &f64| {
        if (v - v.round()).abs() < 1e-9 && *v >= 1.0 {
            format!("{}", v.round())
        } else {
            String::new()
        }
    };
    mesh(&mut chart.configure_mesh(), k)
        .disable_mesh()
        .x_labels(n.min(10))
        .y_labels(n.min(10))
        .x_label_formatter(&index)
        .y_label_formatter(&index)
        .x_desc(plot.t("j (logit aⱼ)", "j (logit aⱼ)"))
        .y_desc(plot.t("i (sortie Sᵢ)", "i (output Sᵢ)"))
        .draw()?;
    let cells = (0..n).flat_map(|i| (0..n).map(move |j| (i, j)));
    chart.draw_series(cells.clone().map(|(i, j)| {
        let (x, y) = (j as f64 + 0.5, i as f64 + 0.5);
        Rectangle::new([(x, y), (x + 1.0, y + 1.0)], diverging(jac[(i, j)] / scale).filled())
    }))?;
    if let Some((decimals, size)) = cell_decimals(n) {
        let ls = crate::softmax::log_softmax(&o.at);
        chart.draw_series(cells.map(|(i, j)| {
            let v = jac[(i, j)];
            let ls = &ls;
            let colour: &'static RGBColor = if v.abs() / scale > 0.6 { &WHITE } else { &BLACK };
            let style = k.font(size).color(colour).pos(Pos::new(HPos::Center, VPos::Center));
            let label = cell_label(o.lang, v, ln_abs_entry(ls, i, j), (i, j), decimals, n);
            Text::new(label, (j as f64 + 1.0, i as f64 + 1.0), style)
        }))?;
    }
    colour_bar(&rest, plot, scale, side)
}

/// A vertical colour bar from −scale to +scale, labelled at both ends and at 0.
fn colour_bar<DB: DrawingBackend>(area: &Area<DB>, plot: &Plot<'_>, scale: f64, height: u32) -> Drawn<DB> {
    let k = plot.k;
    let (x, top, width) = (k.off(24.0), k.off(12.0), k.off(22.0));
    let height = height as i32;
    let steps = 200;
    for s in 0..steps {
        let (y0, y1) = (top + height * s / steps, top + height * (s + 1) / steps);
        let t = 1.0 - 2.0 * (f64::from(s) + 0.5) / f64::from(steps);
        area.draw(&Rectangle::new([(x, y0), (x + width, y1)], diverging(t).filled()))?;
    }
    area.draw(&Rectangle::new([(x, top), (x + width, top + height)], BLACK.mix(0.4).stroke_width(1)))?;
    let style = k.font(TEXT_PX).pos(Pos::new(HPos::Left, VPos::Center));
    for (t, y) in [(1.0, top), (0.0, top + height / 2), (-1.0, top + height)] {
        area.draw(&PathElement::new(vec![(x + width, y), (x + width + k.off(5.0), y)], BLACK.stroke_width(1)))?;
        let label = if t == 0.0 { "0".to_string() } else { plot.lang().num(t * scale, 3) };
        area.draw(&Text::new(label, (x + width + k.off(8.0), y), style.clone()))?;
    }
    let title = k.font(TEXT_PX).pos(Pos::new(HPos::Left, VPos::Bottom));
    area.draw(&Text::new("∂Sᵢ/∂aⱼ", (x, top + height + k.off(34.0)), title))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn an_entry_below_the_smallest_f64_is_written_from_its_logarithm() {
        let a = crate::Logits::new(vec![200.0, 500.0, 800.0]).unwrap();
        let (jac, ls) = (exact::jacobian(&a), crate::softmax::log_softmax(&a));
        let label = |i: usize, j: usize| cell_label(Lang::Fr, jac[(i, j)], ln_abs_entry(&ls, i, j), (i, j), 4, 3);
        assert_eq!(label(0, 1), "−1,4 × 10⁻³⁹¹", "−S₁S₂ = −2,65 × 10⁻²⁶¹ × 5,15 × 10⁻¹³¹");
        assert_eq!(label(1, 1), "5,1 × 10⁻¹³¹");
        assert_eq!(label(2, 2), "5,1 × 10⁻¹³¹", "S₃(1 − S₃) with 1 − S₃ summed, not subtracted");
        let masked = crate::Logits::new(vec![f64::NEG_INFINITY, 0.0]).unwrap();
        let (jac, ls) = (exact::jacobian(&masked), crate::softmax::log_softmax(&masked));
        assert_eq!(cell_label(Lang::Fr, jac[(0, 1)], ln_abs_entry(&ls, 0, 1), (0, 1), 4, 2), "0,0000");
    }

    /// What the words say of the map holds for the matrix drawn: the signs they name
    /// (strict, or "or zero" when an entry is 0), the ranges in the alt text, symmetry and
    /// rows summing to 0 (to the rounding of N products of entries at most ¼).
    #[test]
    fn the_words_match_the_matrix() {
        let points =
            [vec![0.5, 1.5, 3.0], vec![f64::NEG_INFINITY, 1.0, 2.0], vec![0.0], vec![-3.0, 0.0, 2.0, 7.5, 1.0]];
        for at in points {
            let o = Options { at: crate::Logits::new(at.clone()).unwrap(), lang: Lang::En, ..Options::default() };
            let jac = exact::jacobian(&o.at);
            let n = jac.nrows();
            let t = texts(&o);
            let strict = t.caption.contains("is positive, the rest −SᵢSⱼ negative;");
            let signs_hold = (0..n).all(|i| (0..n).all(|j| if i == j { jac[(i, j)] > 0.0 } else { jac[(i, j)] < 0.0 }));
            assert_eq!(strict, signs_hold, "{at:?}: {}", t.caption);
            for i in 0..n {
                assert!(jac[(i, i)] >= 0.0 && (0..n).all(|j| j == i || jac[(i, j)] <= 0.0), "{at:?}");
                let row: f64 = jac.row(i).iter().sum();
                assert!(row.abs() <= (n as f64) * f64::EPSILON, "{at:?}: row {} sums to {row}", i + 1);
                assert!((0..n).all(|j| jac[(i, j)].to_bits() == jac[(j, i)].to_bits()), "{at:?}: not symmetric");
            }
            // The ranges said, from the f64 matrix itself (every entry here is 0 or a normal f64).
            let diagonal: Vec<f64> = (0..n).map(|i| jac[(i, i)]).collect();
            let (d0, d1) =
                (diagonal.iter().copied().fold(f64::INFINITY, f64::min), diagonal.iter().copied().fold(0.0, f64::max));
            let said = format!("entries (red) from {} to {}", o.lang.num(d0, 2), o.lang.num(d1, 2));
            assert!(t.alt.contains(&said), "{at:?}: {}", t.alt);
        }
        // Entries below the smallest f64 are not 0: the signs stay strict and the sizes are said.
        let o = Options { at: crate::Logits::new(vec![0.0, 800.0]).unwrap(), lang: Lang::En, ..Options::default() };
        let t = texts(&o);
        assert!(t.caption.contains("is positive, the rest −SᵢSⱼ negative;"), "{}", t.caption);
        assert!(
            t.alt.contains("from 3.7 × 10⁻³⁴⁸ to 3.7 × 10⁻³⁴⁸") && t.alt.contains("from −3.7 × 10⁻³⁴⁸"),
            "{}",
            t.alt
        );
        // Far past an i32 exponent: the power of ten alone, not a wrapped exponent.
        let far =
            texts(&Options { at: crate::Logits::new(vec![0.0, 1e10]).unwrap(), lang: Lang::En, ..Options::default() });
        assert!(far.alt.contains("10^(−4.34 × 10⁹)"), "{}", far.alt);
    }
}
