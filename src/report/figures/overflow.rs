//! Naive against stable softmax along $a = t\,b$, $t$ from 0 to past the
//! point $b$ itself ($t = 1$; the post's overflow logits $b$, when it shows
//! some). $S_i$ is drawn on a log scale down to the smallest value the
//! stable form reaches, so the tiny values it gets right stay visible; where
//! $e^{t\,b_{\max}}$ overflows, the naive form returns zeros and NaN.

use super::legend::{self, Entry, LineLook, Marker};
use super::{colour, frame, linspace, mesh, tick, with_legend_column, Area, Drawn, Options, Plot, Texts};
use crate::lang::{pow10, subscript, Lang};
use crate::softmax::{naive, stable};
use plotters::prelude::*;

/// The lowest $\log_{10} S_i$ ever drawn: the smallest subnormal f64 is 4.9 × 10⁻³²⁴.
const LOG_FLOOR: f64 = -330.0;

/// The bottom of the y axis (linear in the exponent, labelled as powers of
/// ten): below the smallest non-zero stable $S_i$ on the sweep, rounded down
/// to a multiple of 10, at most $10^{-10}$.
fn log_min(b: &[f64]) -> f64 {
    let smallest = linspace(0.0, t_max(b), 231)
        .flat_map(|t| stable::<f64>(&at_t(b, t)))
        .filter(|&s| s > 0.0)
        .map(f64::log10)
        .fold(0.0, f64::min);
    ((smallest / 10.0).floor() * 10.0 - 10.0).clamp(LOG_FLOOR, -10.0)
}

/// The logits at $t$.
fn at_t(b: &[f64], t: f64) -> Vec<f64> {
    b.iter().map(|v| v * t).collect()
}

/// The first $t > 0$ where the naive formula's denominator $\sum_k e^{t b_k}$
/// overflows f64, if it does: where $g(t) = \ln \sum_k e^{t b_k}$ (computed
/// stably) reaches $\ln$ of the largest f64. It can come before $e^{t\,b_{\max}}$
/// itself overflows (`[1000, 1000, 1000]`: three terms, each finite, sum past
/// the largest f64). $g$ is convex with $g(0) = \ln N$ below the limit, so
/// $\{g \le \text{limit}\}$ is an interval from 0 and bisection finds its end.
fn overflow_t(b: &[f64]) -> Option<f64> {
    let max = b.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max <= 0.0 {
        return None;
    }
    let limit = f64::MAX.ln();
    let g = |t: f64| t * max + b.iter().map(|&v| (t * (v - max)).exp()).sum::<f64>().ln();
    // At t = limit / max the largest term alone reaches the limit.
    let (mut lo, mut hi) = (0.0, limit / max);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if g(mid) > limit {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}

/// The range of $t$: up to 1.15 (past the point), or 1.15 × the overflow.
fn t_max(b: &[f64]) -> f64 {
    1.15 * overflow_t(b).map_or(1.0, |t| t.max(1.0))
}

/// The figure's texts.
pub fn texts(o: &Options) -> Texts {
    let b = o.overflow_at.as_slice();
    let lang = o.lang;
    let point = lang.list(b);
    let naive_at_1: Vec<f64> = naive::<f64>(b);
    let printed = lang.list(&naive_at_1);
    let over = overflow_t(b);
    let limit = lang.num(f64::MAX.ln(), 5);
    let zeros_or_nan = lang.pick(
        "0 pour chaque eᵃⁱ fini et NaN pour chaque eᵃⁱ infini",
        "0 for each finite eᵃⁱ and NaN for each infinite one",
    );
    match lang {
        Lang::Fr => Texts {
            title: format!("Softmax naïf et stable le long de a = t · {point}"),
            alt: format!(
                "Graphique des Sᵢ en échelle logarithmique quand t va de 0 à {} pour a = t · {point} : les courbes du calcul stable descendent en droites jusqu'à {} ; celles du calcul naïf les suivent{}",
                lang.num(t_max(b), 3),
                pow10(log_min(b).round() as i32 + 10),
                over.map_or(".".to_string(), |t| format!(" puis s'arrêtent à t = {}, où la somme du calcul naïf déborde.", lang.num(t, 4)))
            ),
            caption: format!(
                "Le long de a = t · {point} (t = 1 : a = {point}), en échelle logarithmique. {} La forme stable, décalée de ln C = −max aₖ, ne déborde jamais et donne les valeurs minuscules exactes (à t = 1 : {}).",
                over.map_or("Ici eᵃ ne déborde pas : les deux formes coïncident.".to_string(), |t| format!(
                    "La formule naïve eᵃⁱ/Σ eᵃᵏ coïncide avec la forme stable jusqu'à ce que Σ eᵃᵏ déborde (ln Σ eᵃᵏ > {limit}, soit t > {}) : elle renvoie alors {zeros_or_nan} (zone grisée) ; à t = 1, {printed}.",
                    lang.num(t, 4)
                )),
                sci_list(lang, &stable::<f64>(b))
            ),
        },
        Lang::En => Texts {
            title: format!("Naive and stable softmax along a = t · {point}"),
            alt: format!(
                "A plot of each Sᵢ on a log scale as t goes from 0 to {} for a = t · {point}: the stable curves fall as straight lines down to {}; the naive ones follow them{}",
                lang.num(t_max(b), 3),
                pow10(log_min(b).round() as i32 + 10),
                over.map_or(".".to_string(), |t| format!(" then stop at t = {}, where the naive form's sum overflows.", lang.num(t, 4)))
            ),
            caption: format!(
                "Along a = t · {point} (t = 1: a = {point}), on a log scale. {} The stable form, shifted by ln C = −max aₖ, never overflows and gets the tiny values right (at t = 1: {}).",
                over.map_or("Here eᵃ never overflows: both forms agree.".to_string(), |t| format!(
                    "The naive formula eᵃⁱ/Σ eᵃᵏ agrees with the stable one until Σ eᵃᵏ overflows (ln Σ eᵃᵏ > {limit}, that is t > {}): it then returns {zeros_or_nan} (shaded); at t = 1, {printed}.",
                    lang.num(t, 4)
                )),
                sci_list(lang, &stable::<f64>(b))
            ),
        },
    }
}

/// Draws the figure.
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, plot: &Plot<'_>) -> Drawn<DB> {
    let (o, k) = (plot.o, plot.k);
    let b = o.overflow_at.as_slice();
    let lang = plot.lang();
    let t1 = t_max(b);
    let ts: Vec<f64> = linspace(0.0, t1, 921).collect();
    let (chart_area, legend_area) = with_legend_column(area, k, 190.0);
    let lo = log_min(b);
    // The top: a margin above S = 1 of 5 % of the axis.
    let hi = (-0.05 * lo).max(1.0);
    let mut chart = frame(&chart_area, plot, 76.0).build_cartesian_2d(0.0..t1, lo..hi)?;
    mesh(&mut chart.configure_mesh(), k)
        .x_desc(format!("t   (a = t · {})", lang.list(b)))
        .y_desc("Sᵢ")
        .y_labels(8)
        .x_label_formatter(&|v| tick(lang, *v))
        // Ticks are whole exponents.
        .y_label_formatter(&|v| pow10(v.round() as i32))
        .draw()?;
    let over = overflow_t(b).filter(|&t| t < t1);
    if let Some(t_over) = over {
        let shade = RGBColor(225, 225, 225).filled();
        chart.draw_series(std::iter::once(Rectangle::new([(t_over, lo), (t1, hi)], shade)))?;
    }
    // One curve per colour of the palette: the first seven Sᵢ.
    let drawn = b.len().min(7);
    let stable_at: Vec<Vec<f64>> = ts.iter().map(|&t| stable::<f64>(&at_t(b, t))).collect();
    let naive_at: Vec<Vec<f64>> = ts.iter().map(|&t| naive::<f64>(&at_t(b, t))).collect();
    for i in 0..drawn {
        let stable_curve: Vec<(f64, f64)> =
            ts.iter().zip(&stable_at).filter(|(_, s)| s[i] > 0.0).map(|(&t, s)| (t, s[i].log10())).collect();
        legend::curve(&mut chart, &stable_curve, &stable_look(i), k, (1, 0))?;
    }
    for i in 0..drawn {
        let naive_curve: Vec<(f64, f64)> = ts
            .iter()
            .zip(&naive_at)
            .take_while(|(_, s)| s[i].is_finite() && s[i] > 0.0)
            .map(|(&t, s)| (t, s[i].log10()))
            .collect();
        legend::curve(&mut chart, &naive_curve, &naive_look(), k, (80, 20 + 13 * i))?;
    }
    let marks = LineLook::markers_only(BLACK, Marker::Diamond);
    let at_one: Vec<(f64, f64)> = stable::<f64>(b).into_iter().filter(|&s| s > 0.0).map(|s| (1.0, s.log10())).collect();
    if t1 >= 1.0 {
        legend::curve(&mut chart, &at_one, &marks, k, (1, 0))?;
    }
    let mut entries: Vec<Entry> =
        (0..drawn).map(|i| Entry::new(format!("S{} stable", subscript(i + 1)), stable_look(i))).collect();
    entries.push(Entry::new(plot.t("naïf (si fini)", "naive (if finite)"), naive_look()));
    entries.push(Entry::new(plot.t("S(a) en t = 1", "S(a) at t = 1"), marks));
    let note = over.map(|t| {
        let naive_after = lang.list(&naive::<f64>(&at_t(b, t1)));
        let (t, end) = (lang.num(t, 2), lang.num(t1, 3));
        match lang {
            Lang::Fr => crate::report::typography::french(&format!(
                "Zone grisée (t > {t}) : Σ eᵃᵏ déborde, le calcul naïf renvoie 0 ou NaN ({naive_after} en t = {end})."
            )),
            Lang::En => format!(
                "Shaded (t > {t}): Σ eᵃᵏ overflows, the naive form returns 0 or NaN ({naive_after} at t = {end})."
            ),
        }
    });
    legend::column(&legend_area, &entries, note.as_slice(), 30.0, k)
}

/// The stable form of $S_i$: a thick solid line in its colour.
fn stable_look(i: usize) -> LineLook {
    LineLook::solid(colour(i), 3.0)
}

/// The naive form: thin black dashes with open circles.
fn naive_look() -> LineLook {
    LineLook::dashed(BLACK, 1.5).with_dash(6.0, 4.0).with_marker(Marker::Circle)
}

/// Values with three significant digits: `[5,75 × 10⁻²⁹⁰ ; 2,40 × 10⁻¹⁴⁵ ; 1,00]`.
fn sci_list(lang: Lang, values: &[f64]) -> String {
    let items: Vec<String> = values.iter().map(|&v| lang.sci(v, 3)).collect();
    lang.bracket(&items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Logits;

    /// Where the figure says the naive formula stops, it stops: finite just before the
    /// `t` the caption names (to the 4 digits it prints), not finite just after; and
    /// what it says the naive formula then returns is what it returns at t = 1.
    #[test]
    fn the_words_match_the_naive_formula() {
        let points = [vec![1000.0, 1001.0, 1002.0], vec![1000.0, 1000.0, 1000.0], vec![-5.0, 800.0, 799.5, 1.0]];
        for b in points {
            let o = Options { overflow_at: Logits::new(b.clone()).unwrap(), lang: Lang::En, ..Options::default() };
            let caption = texts(&o).caption;
            let after = "that is t > ";
            let t: f64 = caption[caption.find(after).unwrap() + after.len()..]
                .split(')')
                .next()
                .and_then(|t| t.parse().ok())
                .unwrap_or_else(|| panic!("{caption}"));
            let finite = |t: f64| naive::<f64>(&at_t(&b, t)).iter().all(|v| v.is_finite() && *v > 0.0);
            // The caption's t, printed to 4 significant digits, is within 5 × 10⁻⁵ t of the true one.
            assert!(finite(t * (1.0 - 1e-4)) && !finite(t * (1.0 + 1e-4)), "{b:?}: {caption}");
            let returned = lang_list(&naive::<f64>(&b));
            assert!(caption.contains(&format!("at t = 1, {returned}")), "{b:?}: {caption}");
            // Past it: 0 for each finite term, NaN for each infinite one.
            let past = at_t(&b, t * (1.0 + 1e-4));
            for (s, a) in naive::<f64>(&past).iter().zip(&past) {
                assert!(if a.exp().is_finite() { *s == 0.0 } else { s.is_nan() }, "{b:?} at {past:?}");
            }
        }
    }

    fn lang_list(v: &[f64]) -> String {
        Lang::En.list(v)
    }
}
