//! $\partial S_i/\partial a_j$ against $a_j$: the result
//! $S_i(\delta_{ij} - S_j)$ as curves, central finite differences as markers.

use super::legend::{self, Entry, LineLook, Marker};
use super::softmax_sweep::{base, legend_order, more, sweep, with_logit};
use super::{frame, mesh, sweep_look, tick, with_legend_column, Area, Drawn, Options, Plot, Texts};
use crate::lang::subscript;
use crate::reference::finite_diff;
use crate::softmax::softmax;
use crate::tolerance::Scheme;
use crate::Logits;
use plotters::prelude::*;

/// Column $j$ of the Jacobian by the formula $S_i(\delta_{ij} - S_j)$ for every $i$.
fn closed_form(a: &Logits, j: usize) -> Vec<f64> {
    let s = softmax(a);
    s.iter().enumerate().map(|(i, s_i)| s_i * (if i == j { 1.0 } else { 0.0 } - s[j])).collect()
}

/// The y range: ±¼ (the extremes of $S_j(1 - S_j)$ and $-S_iS_j$) with room above for the base line's label.
const Y_RANGE: (f64, f64) = (-0.27, 0.32);

/// The figure's texts.
pub fn texts(o: &Options) -> Texts {
    let (j, point) = (subscript(o.j + 1), o.point());
    let base = o.lang.num(base(o), 4);
    match o.lang {
        super::Lang::Fr => Texts {
            title: format!("∂Sᵢ/∂a{j} en fonction de a{j} : la formule Sᵢ(δᵢⱼ − Sⱼ) et les différences finies (a = {point})"),
            alt: format!(
                "Courbes de la dérivée ∂Sᵢ/∂a{j} quand a{j} varie autour de {base} : une bosse positive pour i = j, des creux négatifs pour i ≠ j ; des cercles, calculés par différences finies, tombent sur les courbes."
            ),
            caption: format!(
                "La dérivée le long du même balayage : S{j}(1 − S{j}) pour i = j (trait plein, positive, maximale là où S{j} = ½) et −SᵢS{j} pour i ≠ j (tirets, jamais positive). Les cercles sont des différences finies centrées, calculées sans la formule : ils tombent sur les courbes."
            ),
        },
        super::Lang::En => Texts {
            title: format!("∂Sᵢ/∂a{j} against a{j}: the formula Sᵢ(δᵢⱼ − Sⱼ) and finite differences (a = {point})"),
            alt: format!(
                "Curves of the derivative ∂Sᵢ/∂a{j} as a{j} varies around {base}: a positive bump for i = j, negative dips for i ≠ j; circles computed by finite differences sit on the curves."
            ),
            caption: format!(
                "The derivative along the same sweep: S{j}(1 − S{j}) for i = j (solid, positive, largest where S{j} = ½) and −SᵢS{j} for i ≠ j (dashed, never positive). The circles are central finite differences, computed without the formula: they sit on the curves."
            ),
        },
    }
}

/// Draws the figure.
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, plot: &Plot<'_>) -> Drawn<DB> {
    let (o, k) = (plot.o, plot.k);
    let xs = sweep(o, 401);
    let markers = sweep(o, 29);
    // One softmax per sweep point and one finite-difference column per marker, whatever N.
    let columns: Vec<Vec<f64>> = xs.iter().map(|&x| closed_form(&with_logit(&o.at, o.j, x), o.j)).collect();
    let h = Scheme::Central.optimal_step();
    let fd: Vec<(f64, Vec<f64>)> = markers
        .iter()
        .map(|&x| (x, finite_diff::column_at(&with_logit(&o.at, o.j, x), Scheme::Central, h, o.j)))
        .collect();
    let n = o.at.len();
    let (x0, x1) = (xs[0], xs[xs.len() - 1]);
    let (chart_area, legend_area) = with_legend_column(area, k, 190.0);
    let lang = plot.lang();
    let mut chart = frame(&chart_area, plot, 66.0).build_cartesian_2d(x0..x1, Y_RANGE.0..Y_RANGE.1)?;
    let j = subscript(o.j + 1);
    mesh(&mut chart.configure_mesh(), k)
        .x_desc(format!("a{j}"))
        .y_desc(format!("∂Sᵢ/∂a{j}"))
        .x_label_formatter(&|v| tick(lang, *v))
        .y_label_formatter(&|v| tick(lang, *v))
        .draw()?;
    let axis = BLACK.mix(0.35).stroke_width(k.px(1.0));
    chart.draw_series(std::iter::once(PathElement::new(vec![(x0, 0.0), (x1, 0.0)], axis)))?;
    super::base_line(&mut chart, base(o), Y_RANGE, format!("a{j} = {}", lang.short(base(o))), k)?;
    let fd_look = LineLook::markers_only(BLACK, Marker::Circle);
    // The curves carry no markers of their own: the markers are the finite differences.
    let curve_look = |i: usize| LineLook { marker: None, ..sweep_look(i, o.j) };
    for i in (0..n).rev() {
        let points: Vec<(f64, f64)> = xs.iter().zip(&columns).map(|(&x, c)| (x, c[i])).collect();
        legend::curve(&mut chart, &points, &curve_look(i), k, (1, 0))?;
    }
    for i in legend_order(n, o.j) {
        let points: Vec<(f64, f64)> = fd.iter().map(|(x, column)| (*x, column[i])).collect();
        legend::curve(&mut chart, &points, &fd_look, k, (1, 0))?;
    }
    let mut entries: Vec<Entry> = legend_order(n, o.j)
        .into_iter()
        .map(|i| {
            let colon = lang.pick(" :", ":");
            let label = if i == o.j {
                format!("i = j{colon} S{j}(1 − S{j})")
            } else {
                format!("i ≠ j{colon} −S{}S{j}", subscript(i + 1))
            };
            Entry::new(label, curve_look(i))
        })
        .collect();
    entries.extend(more(plot, n));
    entries.push(Entry::new(plot.t("diff. finies", "finite diff."), fd_look));
    legend::column(&legend_area, &entries, &[], 30.0, k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::softmax::softmax;

    /// What the words say of the curves holds on the sweep drawn: the $i = j$ curve
    /// is positive and largest where $S_j = 1/2$ (to the sweep's resolution), every
    /// other curve is never positive, and the circles (central differences) sit on
    /// the curves to within a pixel of the plot.
    #[test]
    fn the_words_match_the_curves() {
        for (at, j) in [(vec![0.5, 1.5, 3.0], 0), (vec![-2.0, 9.0, 0.0, 4.0], 2)] {
            let o = Options { at: Logits::new(at.clone()).unwrap(), j, ..Options::default() };
            let xs = sweep(&o, 2001);
            let columns: Vec<Vec<f64>> = xs.iter().map(|&x| closed_form(&with_logit(&o.at, j, x), j)).collect();
            let peak = (0..xs.len()).max_by(|&a, &b| columns[a][j].total_cmp(&columns[b][j])).unwrap();
            let s_j = softmax(&with_logit(&o.at, j, xs[peak]))[j];
            // The sweep's step moves S_j by at most step/4 (its slope is at most 1/4).
            let step = xs[1] - xs[0];
            assert!((s_j - 0.5).abs() <= step / 4.0 + 1e-12, "{at:?}: largest where S_j = {s_j}");
            for column in &columns {
                assert!(column[j] > 0.0 && column.iter().enumerate().all(|(i, d)| i == j || *d <= 0.0), "{column:?}");
            }
            // A pixel: the y range over the plot's height (about 330 px).
            let pixel = (Y_RANGE.1 - Y_RANGE.0) / 330.0;
            let h = Scheme::Central.optimal_step();
            for &x in sweep(&o, 31).iter() {
                let a = with_logit(&o.at, j, x);
                let fd = crate::reference::finite_diff::column_at(&a, Scheme::Central, h, j);
                for (d, c) in fd.iter().zip(closed_form(&a, j)) {
                    assert!((d - c).abs() < pixel, "{at:?} at a_j = {x}: {d} against {c}");
                }
            }
        }
    }
}
