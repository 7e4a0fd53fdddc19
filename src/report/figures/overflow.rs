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

/// The logits at $t$ (a masked logit stays masked: $-\infty \cdot 0$ is no logit).
fn at_t(b: &[f64], t: f64) -> Vec<f64> {
    b.iter().map(|&v| if v == f64::NEG_INFINITY { v } else { v * t }).collect()
}

/// Where the naive formula fails along $a = t\,b$.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Failure {
    /// Its denominator $\sum_k e^{t b_k}$ overflows from this $t$ on.
    Overflow(f64),
    /// Every logit negative: from `t` the smallest logit's term is subnormal
    /// (its quotient loses precision; with all logits equal, `t` is `zero`: the
    /// quotients stay exact), from `zero` every term rounds to 0 (0/0).
    Underflow { t: f64, zero: f64 },
}

impl Failure {
    /// Where the shaded zone starts.
    fn start(self) -> f64 {
        match self {
            Failure::Overflow(t) | Failure::Underflow { t, .. } => t,
        }
    }

    /// Where the naive formula has surely failed.
    fn end(self) -> f64 {
        match self {
            Failure::Overflow(t) => t,
            Failure::Underflow { zero, .. } => zero,
        }
    }
}

/// $\ln$ of the smallest positive f64 that rounds away from 0: $e^x$ is 0 below it.
fn ln_zero() -> f64 {
    -1075.0 * std::f64::consts::LN_2
}

/// How the naive formula fails along $a = t\,b$, if it does. With a positive
/// logit, where the denominator overflows: the first $t > 0$ where
/// $g(t) = \ln \sum_k e^{t b_k}$ (computed stably) reaches $\ln$ of the
/// largest f64 — it can come before $e^{t\,b_{\max}}$ itself overflows
/// (`[1000, 1000, 1000]`: three finite terms, a sum past the largest f64);
/// $g$ is convex with $g(0) = \ln N$ below the limit, so $\{g \le
/// \text{limit}\}$ is an interval from 0 and bisection finds its end. With
/// every logit negative, where the smallest logit's term leaves the normal
/// range and where the largest rounds to 0. With a largest logit of 0, or one
/// so small that the failure lies past $10^{300}$, never.
fn failure(b: &[f64]) -> Option<Failure> {
    let max = b.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max < 0.0 && max.is_finite() {
        // The first term to go subnormal is the smallest logit's: from there its naive S
        // loses precision — unless every logit is the same (x/x, x/(x+x) stay exact).
        let zero = ln_zero() / max;
        let t = if all_equal(b) { zero } else { first_subnormal(b).unwrap_or(zero) };
        return (zero < 1e300).then_some(Failure::Underflow { t, zero });
    }
    let limit = f64::MAX.ln();
    let hi = limit / max;
    if max <= 0.0 || hi.is_nan() || hi >= 1e300 {
        return None;
    }
    let g = |t: f64| t * max + b.iter().map(|&v| (t * (v - max)).exp()).sum::<f64>().ln();
    // At t = limit / max the largest term alone reaches the limit.
    let (mut lo, mut hi) = (0.0, hi);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if g(mid) > limit {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(Failure::Overflow(hi))
}

/// Whether every unmasked logit is the same (the naive quotients are then exact).
fn all_equal(b: &[f64]) -> bool {
    let mut finite = b.iter().filter(|v| v.is_finite());
    let first = finite.next();
    finite.all(|v| Some(v) == first)
}

/// The first $t$ where the term $e^{t b_k}$ of some negative logit is
/// subnormal: from there that $S_k$ loses its relative precision in the naive
/// form, whatever the others do.
fn first_subnormal(b: &[f64]) -> Option<f64> {
    b.iter().filter(|v| v.is_finite() && **v < 0.0).map(|&v| f64::MIN_POSITIVE.ln() / v).reduce(f64::min)
}

/// The range of $t$: up to 1.15 (past the point), or 1.15 × where the naive formula has failed.
fn t_max(b: &[f64]) -> f64 {
    1.15 * failure(b).map_or(1.0, |f| f.end().max(1.0))
}

/// What the naive formula does along the sweep, in words: (alt's end, caption's sentence).
fn naive_words(lang: Lang, b: &[f64]) -> (String, String) {
    let printed = lang.list(&naive::<f64>(b));
    let limit = lang.num(f64::MAX.ln(), 5);
    let n = |t: f64| lang.num(t, 4);
    match (lang, failure(b)) {
        (Lang::Fr, Some(Failure::Overflow(t))) => (
            format!(" puis s'arrêtent à t = {}, où la somme du calcul naïf déborde.", n(t)),
            format!(
                "La formule naïve eᵃⁱ/Σ eᵃᵏ coïncide avec la forme stable jusqu'à ce que Σ eᵃᵏ déborde (ln Σ eᵃᵏ > {limit}, soit t > {}) : elle renvoie alors 0 pour chaque eᵃⁱ fini et NaN pour chaque eᵃⁱ infini (zone grisée) ; à t = 1, {printed}.",
                n(t),
            ),
        ),
        (Lang::En, Some(Failure::Overflow(t))) => (
            format!(" then stop at t = {}, where the naive form's sum overflows.", n(t)),
            format!(
                "The naive formula eᵃⁱ/Σ eᵃᵏ agrees with the stable one until Σ eᵃᵏ overflows (ln Σ eᵃᵏ > {limit}, that is t > {}): it then returns 0 for each finite eᵃⁱ and NaN for each infinite one (shaded); at t = 1, {printed}.",
                n(t),
            ),
        ),
        (Lang::Fr, Some(Failure::Underflow { t, zero })) => (
            format!(" puis s'en écartent dès t = {}, où un eᵃᵏ devient sous-normal.", n(t)),
            format!(
                "Tous les logits sont négatifs : rien ne déborde, mais dès t = {} le plus petit eᵃᵏ devient sous-normal et les Sᵢ naïfs perdent leur précision (zone grisée) ; dès t = {}, tous les eᵃᵏ valent 0 et la formule naïve eᵃⁱ/Σ eᵃᵏ renvoie NaN (0/0) ; à t = 1, {printed}.",
                n(t),
                n(zero)
            ),
        ),
        (Lang::En, Some(Failure::Underflow { t, zero })) => (
            format!(" then leave them from t = {}, where an eᵃᵏ becomes subnormal.", n(t)),
            format!(
                "Every logit is negative: nothing overflows, but from t = {} the smallest eᵃᵏ is subnormal and the naive Sᵢ lose their precision (shaded); from t = {}, every eᵃᵏ is 0 and the naive formula eᵃⁱ/Σ eᵃᵏ returns NaN (0/0); at t = 1, {printed}.",
                n(t),
                n(zero)
            ),
        ),
        (Lang::Fr, None) => (
            ".".to_string(),
            "Ici Σ eᵃᵏ ne déborde pas : les deux formes coïncident.".to_string(),
        ),
        (Lang::En, None) => (".".to_string(), "Here Σ eᵃᵏ never overflows: both forms agree.".to_string()),
    }
}

/// The figure's texts.
pub fn texts(o: &Options) -> Texts {
    let b = o.overflow_at.as_slice();
    let lang = o.lang;
    let point = lang.list(b);
    let (alt_end, naive) = naive_words(lang, b);
    match lang {
        Lang::Fr => Texts {
            title: format!("Softmax naïf et stable le long de a = t · {point}"),
            alt: format!(
                "Graphique des Sᵢ en échelle logarithmique quand t va de 0 à {} pour a = t · {point} : les courbes du calcul stable descendent en droites jusqu'à {} ; celles du calcul naïf les suivent{alt_end}",
                lang.num(t_max(b), 3),
                pow10(log_min(b).round() as i32 + 10),
            ),
            caption: format!(
                "Le long de a = t · {point} (t = 1 : a = {point}), en échelle logarithmique. {naive} La forme stable, décalée de ln C = −max aₖ, ne déborde jamais et donne les valeurs minuscules exactes (à t = 1 : {}).",
                sci_list(lang, &stable::<f64>(b))
            ),
        },
        Lang::En => Texts {
            title: format!("Naive and stable softmax along a = t · {point}"),
            alt: format!(
                "A plot of each Sᵢ on a log scale as t goes from 0 to {} for a = t · {point}: the stable curves fall as straight lines down to {}; the naive ones follow them{alt_end}",
                lang.num(t_max(b), 3),
                pow10(log_min(b).round() as i32 + 10),
            ),
            caption: format!(
                "Along a = t · {point} (t = 1: a = {point}), on a log scale. {naive} The stable form, shifted by ln C = −max aₖ, never overflows and gets the tiny values right (at t = 1: {}).",
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
    let fails = failure(b).filter(|f| f.start() < t1);
    if let Some(f) = fails {
        let shade = RGBColor(225, 225, 225).filled();
        chart.draw_series(std::iter::once(Rectangle::new([(f.start(), lo), (t1, hi)], shade)))?;
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
    let note = fails.map(|f| {
        let naive_after = lang.list(&naive::<f64>(&at_t(b, t1)));
        let (t, end) = (lang.num(f.start(), 3), lang.num(t1, 3));
        let what = match (lang, f) {
            (Lang::Fr, Failure::Overflow(_)) => "Σ eᵃᵏ déborde, le calcul naïf renvoie 0 ou NaN",
            (Lang::En, Failure::Overflow(_)) => "Σ eᵃᵏ overflows, the naive form returns 0 or NaN",
            (Lang::Fr, Failure::Underflow { .. }) => {
                "un eᵃᵏ est sous-normal, le calcul naïf perd sa précision puis renvoie NaN"
            }
            (Lang::En, Failure::Underflow { .. }) => {
                "an eᵃᵏ is subnormal, the naive form loses its precision, then returns NaN"
            }
        };
        match lang {
            Lang::Fr => crate::report::typography::french(&format!(
                "Zone grisée (t > {t}) : {what} ({naive_after} en t = {end})."
            )),
            Lang::En => format!("Shaded (t > {t}): {what} ({naive_after} at t = {end})."),
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

    /// The number right after `after` in `text` (plain, either decimal mark), with its
    /// half unit in the last place: what the words claim and to which precision.
    fn said(text: &str, after: &str) -> (f64, f64) {
        let rest = &text[text.find(after).unwrap_or_else(|| panic!("{after}: {text}")) + after.len()..];
        let number: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
        (number.parse().unwrap_or_else(|_| panic!("{after}: {text}")), 0.5 * 10f64.powi(-(decimals as i32)))
    }

    /// Whether the naive softmax at `a` is finite and, for every term that is a
    /// normal f64, within a relative 1e-12 of the stable one.
    fn naive_right(a: &[f64]) -> bool {
        let (n, s) = (naive::<f64>(a), stable::<f64>(a));
        n.iter().zip(&s).zip(a).all(|((n, s), a)| {
            let subnormal = a.exp() < f64::MIN_POSITIVE;
            n.is_finite() && (subnormal || (n - s).abs() <= 1e-12 * s.abs())
        })
    }

    /// Where the words say the naive formula fails, it fails, to the digits they print:
    /// right just before, not right just after; what they say it returns at t = 1 is
    /// what it returns; with every logit negative, it loses its precision where they say
    /// and returns NaN where they say. A masked logit keeps the naive curves drawn.
    #[test]
    fn the_words_match_the_naive_formula() {
        let overflowing = [
            vec![1000.0, 1001.0, 1002.0],
            vec![1000.0, 1000.0, 1000.0],
            vec![-5.0, 800.0, 799.5, 1.0],
            vec![700.0, 700.0],
            vec![f64::NEG_INFINITY, 1000.0, 999.0],
        ];
        for b in overflowing {
            let o = Options { overflow_at: Logits::new(b.clone()).unwrap(), lang: Lang::En, ..Options::default() };
            let caption = texts(&o).caption;
            let (t, half) = said(&caption, "that is t > ");
            assert!(naive_right(&at_t(&b, t - half)) && !naive_right(&at_t(&b, t + half)), "{b:?}: {caption}");
            assert!(caption.contains(&format!("at t = 1, {}", Lang::En.list(&naive::<f64>(&b)))), "{b:?}: {caption}");
            // Past it: 0 for each finite term, NaN for each infinite one.
            let past = at_t(&b, t + half);
            for (s, a) in naive::<f64>(&past).iter().zip(&past) {
                assert!(if a.exp().is_finite() { *s == 0.0 } else { s.is_nan() }, "{b:?} at {past:?}");
            }
            // The naive curves start drawn: finite at t = 0, a masked logit's S being 0.
            assert!(naive::<f64>(&at_t(&b, 0.0)).iter().all(|s| s.is_finite()), "{b:?}");
        }
        for b in [vec![-700.0, -701.0], vec![-3.0, -2.0, -1.0], vec![-5.0], vec![-1.0, -1.0]] {
            let o = Options { overflow_at: Logits::new(b.clone()).unwrap(), lang: Lang::En, ..Options::default() };
            let caption = texts(&o).caption;
            let (t, half) = said(&caption, "but from t = ");
            let (zero, zero_half) = said(&caption, "); from t = ");
            // Before the first subnormal term, every naive S is right (no term excused).
            let a = at_t(&b, t - half);
            let (n, s) = (naive::<f64>(&a), stable::<f64>(&a));
            assert!(n.iter().zip(&s).all(|(n, s)| (n - s).abs() <= 1e-12 * s), "{b:?}: {caption}");
            assert!(naive::<f64>(&at_t(&b, zero + zero_half)).iter().all(|s| s.is_nan()), "{b:?}: {caption}");
        }
        // A largest logit so small that nothing overflows in any range: said, and no hang.
        let tiny =
            Options { overflow_at: Logits::new(vec![1e-310, 0.0]).unwrap(), lang: Lang::En, ..Options::default() };
        assert!(texts(&tiny).caption.contains("Here Σ eᵃᵏ never overflows"));
        for b in [vec![-1e-310], vec![-5e-324, -1.0]] {
            let o = Options { overflow_at: Logits::new(b).unwrap(), lang: Lang::En, ..Options::default() };
            assert!(t_max(o.overflow_at.as_slice()).is_finite() && !texts(&o).caption.is_empty());
        }
    }
}
