//! $S_i$ against $a_j$, the other logits fixed: one curve per $S_i$, the
//! case $i = j$ solid, the cases $i \ne j$ dashed with markers.

use super::legend::{self, Entry, LineLook};
use super::{frame, linspace, mesh, sweep_look, tick, with_legend_column, Area, Drawn, Options, Plot, Texts};
use crate::lang::subscript;
use crate::softmax::softmax;
use crate::Logits;
use plotters::prelude::*;

/// The logits with $a_j$ replaced by `x` (masks stay masks).
pub(crate) fn with_logit(at: &Logits, j: usize, x: f64) -> Logits {
    let mut a = at.as_slice().to_vec();
    a[j] = x;
    Logits::new(a).expect("a finite logit keeps the vector valid")
}

/// The base value of the swept logit (a masked $a_j$ is swept around 0).
pub(crate) fn base(o: &Options) -> f64 {
    let a_j = o.at.as_slice()[o.j];
    if a_j.is_finite() {
        a_j
    } else {
        0.0
    }
}

/// The sweep of $a_j$: centred on its value, wide enough that $S_j$'s rise
/// (where $a_j$ passes the other logits) lies well inside: half a width of
/// 1.5 × the distance to the farthest other logit, plus 8 (at least ±8).
pub(crate) fn sweep(o: &Options, points: usize) -> Vec<f64> {
    let centre = base(o);
    let others = o.at.as_slice().iter().enumerate().filter(|&(k, v)| k != o.j && v.is_finite()).map(|(_, &v)| v);
    // Capped, so that the ends stay finite for logits near the largest f64.
    let half = others.fold(8.0f64, |w, v| w.max(1.5 * (v - centre).abs() + 8.0)).min(1e300);
    linspace(centre - half, centre + half, points).collect()
}

/// The y range: [0, 1] with room above for the base line's label.
const Y_RANGE: (f64, f64) = (-0.02, 1.13);

/// How many curves get a legend line of their own.
pub(crate) const LEGEND_CURVES: usize = 6;

/// The legend's "and the others" line, when there are more curves.
pub(crate) fn more(plot: &Plot<'_>, n: usize) -> Option<Entry> {
    (n > LEGEND_CURVES).then(|| Entry {
        label: format!("… {} {}", plot.lang().count(n - LEGEND_CURVES), plot.t("autres", "more")),
        look: None,
    })
}

/// The curves drawn in the legend: $i = j$ first, then the others in order.
pub(crate) fn legend_order(n: usize, j: usize) -> Vec<usize> {
    std::iter::once(j).chain((0..n).filter(|&i| i != j)).take(LEGEND_CURVES).collect()
}

/// The figure's texts.
pub fn texts(o: &Options) -> Texts {
    let (lang, j) = (o.lang, subscript(o.j + 1));
    let point = o.point();
    let base = lang.num(base(o), 4);
    // S_j at the ends of the sweep, and whether another logit is masked (its S stays 0).
    let xs = sweep(o, 2);
    let s_j = |x: f64| lang.num(crate::softmax::softmax(&with_logit(&o.at, o.j, x))[o.j], 2);
    let (from, to) = (s_j(xs[0]), s_j(xs[1]));
    let masked = o.at.as_slice().iter().enumerate().any(|(k, v)| k != o.j && *v == f64::NEG_INFINITY);
    let (others_fr, others_en) = if masked {
        ("décroît (ou reste nul, pour un logit masqué)", "falls (or stays 0, for a masked logit)")
    } else {
        ("décroît", "falls")
    };
    match lang {
        super::Lang::Fr => Texts {
            title: format!("Sᵢ en fonction de a{j}, les autres logits fixés (a = {point})"),
            alt: format!(
                "Courbes de chaque Sᵢ quand a{j} varie de part et d'autre de sa valeur {base}, les autres logits de a = {point} restant fixés : S{j} croît de {from} à {to}, chaque autre Sᵢ {others_fr}."
            ),
            caption: format!(
                "On fait varier a{j} autour de sa valeur {base} (trait vertical), les autres logits de a = {point} fixés. S{j} (cas i = j, trait plein) croît avec a{j} ; chaque autre Sᵢ (cas i ≠ j, tirets et marqueurs) {others_fr}. C'est le signe des deux cas de la dérivée : Sᵢ(1 − Sᵢ) > 0 et −SᵢSⱼ < 0."
            ),
        },
        super::Lang::En => Texts {
            title: format!("Sᵢ against a{j}, the other logits fixed (a = {point})"),
            alt: format!(
                "Curves of each Sᵢ as a{j} varies around its value {base}, the other logits of a = {point} fixed: S{j} rises from {from} to {to}, every other Sᵢ {others_en}."
            ),
            caption: format!(
                "a{j} varies around its value {base} (vertical line), the other logits of a = {point} fixed. S{j} (the case i = j, solid) rises with a{j}; every other Sᵢ (the case i ≠ j, dashed, with markers) {others_en}. These are the signs of the derivative's two cases: Sᵢ(1 − Sᵢ) > 0 and −SᵢSⱼ < 0."
            ),
        },
    }
}

/// Draws the figure.
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, plot: &Plot<'_>) -> Drawn<DB> {
    let (o, k) = (plot.o, plot.k);
    let xs = sweep(o, 401);
    let s: Vec<Vec<f64>> = xs.iter().map(|&x| softmax(&with_logit(&o.at, o.j, x))).collect();
    let n = o.at.len();
    let (x0, x1) = (xs[0], xs[xs.len() - 1]);
    let (chart_area, legend_area) = with_legend_column(area, k, 170.0);
    let mut chart = frame(&chart_area, plot, 58.0).build_cartesian_2d(x0..x1, Y_RANGE.0..Y_RANGE.1)?;
    let j = subscript(o.j + 1);
    let lang = plot.lang();
    mesh(&mut chart.configure_mesh(), k)
        .x_desc(format!("a{j}"))
        .y_desc("Sᵢ")
        .x_label_formatter(&|v| tick(lang, *v))
        .y_label_formatter(&|v| tick(lang, *v))
        .draw()?;
    let base = base(o);
    super::base_line(&mut chart, base, Y_RANGE, format!("a{j} = {}", lang.short(base)), k)?;
    // Each curve i ≠ j draws its markers at its own offset, so that equal curves still show all of them.
    let named = legend_order(n, o.j);
    for i in (0..n).rev() {
        let points: Vec<(f64, f64)> = xs.iter().zip(&s).map(|(&x, s)| (x, s[i])).collect();
        // Curves beyond the legend's are drawn plain: markers would only clutter.
        let look = if named.contains(&i) {
            sweep_look(i, o.j)
        } else {
            LineLook { marker: None, width: 1.0, ..sweep_look(i, o.j) }
        };
        legend::curve(&mut chart, &points, &look, k, (40, 10 + 7 * (i % 4)))?;
    }
    let mut entries: Vec<Entry> = legend_order(n, o.j)
        .into_iter()
        .map(|i| {
            let which = if i == o.j { format!("i = j = {}", o.j + 1) } else { "i ≠ j".to_string() };
            Entry::new(format!("S{} ({which})", subscript(i + 1)), sweep_look(i, o.j))
        })
        .collect();
    entries.extend(more(plot, n));
    legend::column(&legend_area, &entries, &[], 30.0, k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::softmax::softmax;

    /// What the words say of the curves holds on the sweep drawn: $S_j$ rises from
    /// near 0 to near 1, every other $S_i$ never rises; at several points, a masked
    /// logit among them.
    #[test]
    fn the_words_match_the_curves() {
        // Logits near the largest f64: the sweep stays finite (it panicked on ±∞ once).
        let huge = Options { at: Logits::new(vec![1e308, -1e308]).unwrap(), ..Options::default() };
        assert!(sweep(&huge, 11).iter().all(|x| x.is_finite()) && !texts(&huge).alt.is_empty());
        let many = (0..64).map(|k| f64::from(k % 3)).collect::<Vec<_>>();
        let points = [vec![0.5, 1.5, 3.0], vec![-2.0, 9.0, 0.0, 4.0, 4.0], vec![f64::NEG_INFINITY, 1.0, 2.0], many];
        for (at, j) in points.into_iter().zip([0, 3, 2, 5]) {
            let o =
                Options { at: Logits::new(at.clone()).unwrap(), j, lang: super::super::Lang::En, ..Options::default() };
            let alt = texts(&o).alt;
            let curves: Vec<Vec<f64>> = sweep(&o, 401).iter().map(|&x| softmax(&with_logit(&o.at, j, x))).collect();
            let (first, last) = (&curves[0], &curves[curves.len() - 1]);
            // The ends it names are the curve's, to the two digits it prints.
            let named = format!("rises from {} to {}", o.lang.num(first[j], 2), o.lang.num(last[j], 2));
            assert!(alt.contains(&named), "{alt}");
            let masked = at.iter().enumerate().any(|(k, v)| k != j && *v == f64::NEG_INFINITY);
            assert_eq!(alt.contains("or stays 0, for a masked logit"), masked, "{alt}");
            for pair in curves.windows(2) {
                for i in 0..at.len() {
                    let rises = pair[1][i] - pair[0][i];
                    // A rounding unit of S at most: softmax is computed in f64.
                    let slack = 4.0 * f64::EPSILON;
                    assert!(if i == j { rises >= -slack } else { rises <= slack }, "{at:?}: S_{} at {pair:?}", i + 1);
                }
                // "falls": strictly, except a masked logit's S, which stays 0.
                for i in (0..at.len()).filter(|&i| i != j && at[i].is_finite()) {
                    assert!(pair[1][i] < pair[0][i] || pair[1][i] < 1e-300, "{at:?}: S_{} does not fall", i + 1);
                }
            }
        }
    }
}
