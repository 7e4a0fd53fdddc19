//! Error of each numerical method against the exact reference, as a function
//! of the step $h$ (log–log), with the theoretical optimal steps marked.

use super::legend::{self, Entry, LineLook, Marker};
use super::{colour, frame, log_tick, mesh, with_legend_column, Area, Drawn, Options, Plot, Texts};
use crate::lang::{pow10, Lang};
use crate::reference::{complex_step, exact, finite_diff};
use crate::report::accuracy::max_relative_error;
use crate::tolerance::{Scheme, UNIT_ROUNDOFF};
use crate::Logits;
use nalgebra::DMatrix;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::{Arc, Mutex};

/// The smallest error drawn: an error of exactly 0 is drawn here.
pub const FLOOR: f64 = 1e-18;

/// A Jacobian at step `h`.
type WithStep = Box<dyn Fn(&Logits, f64) -> DMatrix<f64>>;

/// A method drawn: its name in each language, its look, its Jacobian at step `h`.
struct Method {
    name: (&'static str, &'static str),
    look: LineLook,
    jacobian: WithStep,
}

/// The methods drawn: the three finite-difference schemes and the complex step.
fn methods() -> Vec<Method> {
    let scheme = |s: Scheme, name, look| Method {
        name,
        look,
        jacobian: Box::new(move |a: &Logits, h| finite_diff::jacobian::<f64>(a, s, h)),
    };
    vec![
        scheme(
            Scheme::Forward,
            ("différence avant", "forward difference"),
            LineLook::solid(colour(0), 2.5).with_marker(Marker::Circle),
        ),
        scheme(
            Scheme::Central,
            ("différence centrée", "central difference"),
            LineLook::dashed(colour(1), 2.5).with_marker(Marker::Triangle),
        ),
        scheme(
            Scheme::Richardson,
            ("Richardson", "Richardson"),
            LineLook::dashed(colour(2), 2.5).with_dash(3.0, 4.0).with_marker(Marker::Square),
        ),
        Method {
            name: ("pas complexe", "complex step"),
            look: LineLook::dashed(colour(3), 2.5).with_dash(14.0, 4.0).with_marker(Marker::Cross),
            jacobian: Box::new(complex_step::jacobian_with_step),
        },
    ]
}

/// The steps $h$: $10^{-16}$ to $10^{-1}$, five a decade.
fn steps() -> Vec<f64> {
    (0..=75).map(|e| 10f64.powf(-16.0 + f64::from(e) * 0.2)).collect()
}

/// Each method's (step, error) points, shared.
type Curves = Arc<Vec<Vec<(f64, f64)>>>;

/// Every method's error curve at `at`, computed once for the figure's SVG,
/// PNGs and texts (a one-entry cache keyed by the logits' bits: at N = 256
/// the curves take 0.4 s).
fn curves(at: &Logits) -> Curves {
    static LAST: Mutex<Option<(Vec<u64>, Curves)>> = Mutex::new(None);
    let key: Vec<u64> = at.as_slice().iter().map(|v| v.to_bits()).collect();
    let mut last = LAST.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((k, c)) = last.as_ref() {
        if *k == key {
            return Arc::clone(c);
        }
    }
    let truth = exact::jacobian(at);
    let computed = Arc::new(methods().iter().map(|m| curve(m, at, &truth)).collect::<Vec<_>>());
    *last = Some((key, Arc::clone(&computed)));
    computed
}

/// A method's error curve at `at`, NaN steps left out, 0 drawn at [`FLOOR`].
fn curve(m: &Method, at: &Logits, truth: &DMatrix<f64>) -> Vec<(f64, f64)> {
    steps()
        .into_iter()
        .map(|h| (h, max_relative_error(&(m.jacobian)(at, h), truth)))
        .filter(|(_, e)| e.is_finite())
        .map(|(h, e)| (h, e.max(FLOOR)))
        .collect()
}

/// The complex step's rounding level and up to which step it stays there:
/// the level is the median error over the first decade of steps (the
/// smallest, where truncation is nil and only rounding is left; a median, as
/// a single step may round luckily to an error far below the others), and the
/// plateau ends at the last step before the error first exceeds 10× that level.
fn complex_step_plateau(curve: &[(f64, f64)]) -> Option<(f64, f64)> {
    let first = curve.first()?.0;
    let mut decade: Vec<f64> = curve.iter().take_while(|p| p.0 < 10.0 * first).map(|p| p.1).collect();
    decade.sort_by(f64::total_cmp);
    let level = *decade.get(decade.len() / 2)?;
    let last = curve.iter().take_while(|&&(_, e)| e <= 10.0 * level).last()?;
    Some((last.0, level))
}

/// The name of `u` in the notes: $u = 2^{-53}$, the unit roundoff.
fn unit_note(lang: Lang) -> String {
    let u = lang.sci(UNIT_ROUNDOFF, 2);
    match lang {
        Lang::Fr => crate::report::typography::french(&format!(
            "u = 2⁻⁵³ ≈ {u} : l'unité d'arrondi des f64. Traits verticaux : pas optimaux théoriques."
        )),
        Lang::En => format!("u = 2⁻⁵³ ≈ {u}: the unit roundoff of f64. Vertical lines: the theoretical optimal steps."),
    }
}

/// The figure's texts.
pub fn texts(o: &Options) -> Texts {
    let (lang, point) = (o.lang, o.point());
    let plateau = curves(&o.at).last().and_then(|c| complex_step_plateau(c));
    let exponent = |h: f64| pow10(h.log10().round() as i32);
    match lang {
        Lang::Fr => Texts {
            title: format!("Erreur des dérivées numériques selon le pas h (a = {point})"),
            alt: "Graphique log–log de l'erreur relative maximale de quatre méthodes numériques selon le pas h : les différences finies dessinent un V, l'erreur d'arrondi croissant quand h diminue et celle de troncature quand h augmente ; le pas complexe reste au plus bas pour les petits pas.".to_string(),
            caption: format!(
                "Plus grande erreur relative sur les coefficients de la jacobienne, face à la référence exacte. Les différences finies échangent la troncature (qui décroît avec h) contre l'arrondi (qui croît quand h diminue) ; les traits verticaux marquent les pas optimaux théoriques u¹ᐟ², u¹ᐟ³, u¹ᐟ⁵, où u = 2⁻⁵³ est l'unité d'arrondi des f64. {}C'est pourquoi comparer à des différences finies demande une tolérance, et laquelle.",
                plateau.map_or(String::new(), |(h, e)| format!(
                    "Le pas complexe ne soustrait rien : son erreur reste au niveau de l'arrondi (≈ {}) jusqu'à h ≈ {}, puis la troncature en h² l'emporte. ",
                    lang.sci(e, 1),
                    exponent(h)
                ))
            ),
        },
        Lang::En => Texts {
            title: format!("Error of numerical derivatives against the step h (a = {point})"),
            alt: "A log–log plot of the largest relative error of four numerical methods against the step h: finite differences trace a V, rounding error growing as h shrinks and truncation error as h grows; the complex step stays lowest for small steps.".to_string(),
            caption: format!(
                "Largest relative error over the Jacobian's entries, against the exact reference. Finite differences trade truncation (falling with h) against rounding (rising as h shrinks); the vertical lines mark the theoretical optimal steps u¹ᐟ², u¹ᐟ³, u¹ᐟ⁵, where u = 2⁻⁵³ is the unit roundoff of f64. {}This is why a check against finite differences needs a tolerance, and how large.",
                plateau.map_or(String::new(), |(h, e)| format!(
                    "The complex step subtracts nothing: its error stays at rounding level (≈ {}) up to h ≈ {}, then its h² truncation takes over. ",
                    lang.sci(e, 1),
                    exponent(h)
                ))
            ),
        },
    }
}

/// Draws the figure.
pub fn draw<DB: DrawingBackend>(area: &Area<DB>, plot: &Plot<'_>) -> Drawn<DB> {
    let (o, k) = (plot.o, plot.k);
    let (chart_area, legend_area) = with_legend_column(area, k, 200.0);
    let mut chart =
        frame(&chart_area, plot, 76.0).build_cartesian_2d((1e-16..1e-1).log_scale(), (FLOOR..1e2).log_scale())?;
    mesh(&mut chart.configure_mesh(), k)
        .x_desc(plot.t("pas h (relatif)", "step h (relative)"))
        .y_desc(plot.t("erreur relative max.", "largest relative error"))
        .x_labels(6)
        .y_labels(8)
        .x_label_formatter(&|v| log_tick(*v))
        .y_label_formatter(&|v| log_tick(*v))
        .draw()?;
    let methods = methods();
    for (m, scheme) in Scheme::ALL.into_iter().enumerate() {
        let h = scheme.optimal_step();
        let style = colour(m).mix(0.9).stroke_width(k.px(1.0));
        chart.draw_series(DashedLineSeries::new(vec![(h, FLOOR), (h, 1e2)], k.px(4.0), k.px(4.0), style))?;
        let label = ["u¹ᐟ²", "u¹ᐟ³", "u¹ᐟ⁵"][m];
        let c = colour(m);
        let text = k.font(super::TEXT_PX).color(&c).pos(Pos::new(HPos::Left, VPos::Top));
        chart.draw_series(std::iter::once(Text::new(label, (h * 1.25, 6e1), text)))?;
    }
    for (m, (method, points)) in methods.iter().zip(curves(&o.at).iter()).enumerate() {
        legend::curve(&mut chart, points, &method.look, k, (6, m + 1))?;
    }
    let entries: Vec<Entry> =
        methods.iter().map(|m| Entry::new(plot.lang().pick(m.name.0, m.name.1), m.look)).collect();
    legend::column(&legend_area, &entries, &[unit_note(plot.lang())], 30.0, k)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The number written `m × 10ⁿ` or `10ⁿ` right after `after` in `text` (either decimal mark).
    fn number_after(text: &str, after: &str) -> Option<f64> {
        let rest = &text[text.find(after)? + after.len()..];
        let (mantissa, rest) = match rest.split_once(" × ") {
            Some((m, r)) if m.len() < 8 => (m.replace(',', ".").parse::<f64>().ok()?, r),
            _ => (1.0, rest),
        };
        let exponent: String = rest
            .strip_prefix("10")?
            .chars()
            .map_while(|c| match c {
                '⁻' => Some('-'),
                _ => "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|d| d == c).and_then(|d| char::from_digit(d as u32, 10)),
            })
            .collect();
        Some(mantissa * 10f64.powi(exponent.parse().ok()?))
    }

    /// The log–log slope of `curve` between the steps `h0` and `h1`.
    fn slope(curve: &[(f64, f64)], h0: f64, h1: f64) -> f64 {
        let at = |h: f64| curve.iter().min_by(|a, b| (a.0 / h).ln().abs().total_cmp(&(b.0 / h).ln().abs())).unwrap().1;
        (at(h1) / at(h0)).log10() / (h1 / h0).log10()
    }

    /// What the figure says, checked against the curves it draws, at the default point
    /// and at a saturated one: the V of each finite-difference scheme, its lowest point
    /// near its theoretical optimal step (the vertical lines), truncation of the scheme's
    /// order to the right; the complex step lowest of all at small steps, at rounding
    /// level up to the step the caption names and not beyond, then truncation in h².
    #[test]
    fn the_words_match_the_curves() {
        for at in [Options::default().at, Logits::new(vec![-3.0, 0.0, 2.0, 7.5]).unwrap()] {
            let o = Options { at: at.clone(), ..Options::default() };
            let c = curves(&at);
            for (curve, scheme) in c.iter().zip(Scheme::ALL) {
                let lowest = curve.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
                let (first, last) = (curve[0].1, curve[curve.len() - 1].1);
                assert!(first > 100.0 * lowest.1 && last > 100.0 * lowest.1, "{scheme:?}: no V: {curve:?}");
                // The lines are the theory's $u^{1/(p+1)}$; the true optimum is $(c_2 u / p c_1)^{1/(p+1)}$,
                // with constants of the point: at the default point it is within a decade of the line.
                if at == Options::default().at {
                    let off = (lowest.0 / scheme.optimal_step()).log10().abs();
                    assert!(off <= 1.0, "{scheme:?}: lowest at {}", lowest.0);
                }
                let order = f64::from(scheme.order());
                // Over the curve's last decade of steps, truncation alone.
                let end = curve[curve.len() - 1].0;
                let right = slope(curve, end / 10.0, end);
                assert!((right - order).abs() < 0.5, "{scheme:?}: truncation slope {right}, order {order}");
            }
            let complex = &c[3];
            for lang in [Lang::Fr, Lang::En] {
                let caption = texts(&Options { lang, ..o.clone() }).caption;
                let said = |after: &str| number_after(&caption, after).unwrap_or_else(|| panic!("{after}: {caption}"));
                let (level, h) = (said("(≈ "), said(lang.pick("jusqu'à h ≈ ", "up to h ≈ ")));
                // Within a decade of the level it names at every step up to the one it names, `10ⁿ`
                // meaning within half a decade; no longer half a decade past it.
                let at_level = |h: f64| complex.iter().filter(|p| p.0 <= h).all(|p| p.1 <= 10.0 * level);
                let half_decade = 10f64.sqrt();
                assert!(at_level(h / half_decade) && !at_level(h * half_decade * 1.01), "{caption}: {complex:?}");
                assert!((slope(complex, 100.0 * h, 1e-2) - 2.0).abs() < 0.3, "complex step: not h² after the plateau");
                // The lowest of the four at every step of its plateau.
                for &(step, e) in complex.iter().filter(|p| p.0 <= h) {
                    let same_step = |fd: &Vec<(f64, f64)>| fd.iter().find(|p| p.0.to_bits() == step.to_bits()).copied();
                    assert!(c[..3].iter().filter_map(same_step).all(|p| p.1 >= e), "h = {step}");
                }
            }
        }
    }
}
