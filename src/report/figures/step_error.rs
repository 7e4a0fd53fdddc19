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

/// The complex step's plateau at rounding level, when it has one.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Plateau {
    /// The rounding level: the median non-zero error over the first decade of steps
    /// (the smallest, where truncation is nil and only rounding is left; a median, as
    /// one step may round luckily far below the others; an exact 0 is no level).
    level: f64,
    /// The last step before the error first exceeds 10× that level; `None` when it never does.
    until: Option<f64>,
    /// Whether past the plateau the error grows as $h^2$ (a log–log slope within ½ of 2
    /// over the last decade of steps): the complex step's truncation.
    quadratic: bool,
    /// Whether it is the lowest of the four methods at every step of the plateau.
    lowest: bool,
}

/// What the figure can say of its curves, read off them.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Facts {
    /// Every finite-difference curve traces a V: lowest inside the range of steps,
    /// at least 100× higher at both ends.
    v_shaped: bool,
    /// The complex step's plateau, when its level is a rounding level (≤ 10⁻¹²).
    plateau: Option<Plateau>,
    /// The complex step's error is exactly 0 at every step drawn.
    complex_exact: bool,
}

/// The log–log slope of `curve` between the steps `h0` and `h1` (the points nearest them).
fn slope(curve: &[(f64, f64)], h0: f64, h1: f64) -> f64 {
    let near = |h: f64| {
        curve.iter().min_by(|a, b| (a.0 / h).ln().abs().total_cmp(&(b.0 / h).ln().abs())).map_or(f64::NAN, |p| p.1)
    };
    (near(h1) / near(h0)).log10() / (h1 / h0).log10()
}

/// Whether `curve` traces a V (see [`Facts::v_shaped`]).
fn v_shaped(curve: &[(f64, f64)]) -> bool {
    let Some(lowest) = curve.iter().map(|p| p.1).reduce(f64::min) else { return false };
    let (first, last) = (curve[0].1, curve[curve.len() - 1].1);
    first > 100.0 * lowest && last > 100.0 * lowest
}

/// The facts of the curves at `at`.
fn facts(curves: &[Vec<(f64, f64)>]) -> Facts {
    let (fd, complex) = (&curves[..3], &curves[3]);
    let v_shaped = fd.iter().all(|c| !c.is_empty() && v_shaped(c));
    let complex_exact = !complex.is_empty() && complex.iter().all(|p| p.1 <= FLOOR);
    Facts { v_shaped, plateau: plateau(complex, fd), complex_exact }
}

/// The complex step's plateau (see [`Plateau`]), against the other methods' curves `fd`.
fn plateau(complex: &[(f64, f64)], fd: &[Vec<(f64, f64)>]) -> Option<Plateau> {
    let first = complex.first()?.0;
    let mut decade: Vec<f64> =
        complex.iter().take_while(|p| p.0 < 10.0 * first).map(|p| p.1).filter(|&e| e > FLOOR).collect();
    decade.sort_by(f64::total_cmp);
    let level = *decade.get(decade.len() / 2)?;
    if level > 1e-12 {
        return None;
    }
    let on = complex.iter().take_while(|&&(_, e)| e <= 10.0 * level).count();
    let until = (on < complex.len()).then(|| complex[on.saturating_sub(1)].0);
    let end = complex[complex.len() - 1].0;
    let quadratic = until.is_some_and(|h| h < end / 10.0 && (slope(complex, end / 10.0, end) - 2.0).abs() < 0.5);
    let lowest = complex[..on].iter().all(|&(step, e)| {
        let same_step = |c: &Vec<(f64, f64)>| c.iter().find(|p| p.0.to_bits() == step.to_bits()).map(|p| p.1);
        fd.iter().filter_map(same_step).all(|other| other >= e)
    });
    Some(Plateau { level, until, quadratic, lowest })
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

/// The figure's texts: what they say of the curves is what [`facts`] reads off them.
pub fn texts(o: &Options) -> Texts {
    let (lang, point) = (o.lang, o.point());
    let f = facts(&curves(&o.at));
    let exponent = |h: f64| pow10(h.log10().round() as i32);
    let fr = lang == Lang::Fr;
    let v = match (f.v_shaped, fr) {
        (true, true) => " : les différences finies dessinent un V, l'erreur d'arrondi croissant quand h diminue et celle de troncature quand h augmente",
        (true, false) => ": finite differences trace a V, rounding error growing as h shrinks and truncation error as h grows",
        (false, _) => "",
    };
    let lowest = match (f.plateau.is_some_and(|p| p.lowest), fr) {
        (true, true) => " ; le pas complexe reste au plus bas pour les petits pas",
        (true, false) => "; the complex step stays lowest for small steps",
        (false, _) => "",
    };
    let trade = match (f.v_shaped, fr) {
        (true, true) => "Les différences finies échangent la troncature (qui décroît avec h) contre l'arrondi (qui croît quand h diminue) ; les",
        (true, false) => "Finite differences trade truncation (falling with h) against rounding (rising as h shrinks); the",
        (false, true) => "À ce point, les erreurs des différences finies ne dessinent pas toutes le V de l'échange entre troncature et arrondi ; les",
        (false, false) => "At this point, the finite differences' errors do not all trace the V of truncation traded against rounding; the",
    };
    let complex = match (f.plateau, f.complex_exact, fr) {
        (_, true, true) => "Le pas complexe est exact ici : son erreur est nulle à chaque pas tracé. ".to_string(),
        (_, true, false) => "The complex step is exact here: its error is 0 at every step drawn. ".to_string(),
        (Some(p), _, _) => {
            let level = lang.sci(p.level, 1);
            let until = match (p.until, fr) {
                (Some(h), true) => format!("jusqu'à h ≈ {}", exponent(h)),
                (Some(h), false) => format!("up to h ≈ {}", exponent(h)),
                (None, true) => "à chaque pas tracé".to_string(),
                (None, false) => "at every step drawn".to_string(),
            };
            let then = match (p.quadratic, fr) {
                (true, true) => ", puis la troncature en h² l'emporte",
                (true, false) => ", then its h² truncation takes over",
                (false, _) => "",
            };
            match lang {
                Lang::Fr => format!("Le pas complexe ne soustrait rien : son erreur reste au niveau de l'arrondi (≈ {level}) {until}{then}. "),
                Lang::En => format!("The complex step subtracts nothing: its error stays at rounding level (≈ {level}) {until}{then}. "),
            }
        }
        (None, false, _) => String::new(),
    };
    match lang {
        Lang::Fr => Texts {
            title: format!("Erreur des dérivées numériques selon le pas h (a = {point})"),
            alt: format!("Graphique log–log de l'erreur relative maximale de quatre méthodes numériques selon le pas h{v}{lowest}."),
            caption: format!(
                "Plus grande erreur relative sur les coefficients de la jacobienne, face à la référence exacte. {trade} traits verticaux marquent les pas optimaux théoriques u¹ᐟ², u¹ᐟ³, u¹ᐟ⁵, où u = 2⁻⁵³ est l'unité d'arrondi des f64. {complex}C'est pourquoi comparer à des différences finies demande une tolérance, et laquelle."
            ),
        },
        Lang::En => Texts {
            title: format!("Error of numerical derivatives against the step h (a = {point})"),
            alt: format!("A log–log plot of the largest relative error of four numerical methods against the step h{v}{lowest}."),
            caption: format!(
                "Largest relative error over the Jacobian's entries, against the exact reference. {trade} vertical lines mark the theoretical optimal steps u¹ᐟ², u¹ᐟ³, u¹ᐟ⁵, where u = 2⁻⁵³ is the unit roundoff of f64. {complex}This is why a check against finite differences needs a tolerance, and how large."
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

    /// What the figure says, checked against the curves it draws, at points where the
    /// usual picture holds and at points where it does not (exact zeros, N = 1, saturated
    /// logits, a tiny entry): each claim the words make holds on the curves — the V of
    /// each finite-difference scheme, its lowest point near its theoretical step (at the
    /// default point), its truncation order; the complex step at the rounding level it
    /// names up to the step it names and not beyond, then in h² if it says so, and lowest
    /// of all on its plateau if it says so — and a claim is made whenever it holds at the
    /// default point.
    #[test]
    fn the_words_match_the_curves() {
        let points = [
            vec![0.5, 1.5, 3.0],
            vec![-3.0, 0.0, 2.0, 7.5],
            vec![0.0; 4],
            vec![5.0],
            vec![1000.0, -1000.0, 0.0],
            vec![100.0, 400.0, 700.0],
            vec![0.0, 30.0],
        ];
        for at in points {
            let at = Logits::new(at).unwrap();
            let c = curves(&at);
            let default = at == Options::default().at;
            for lang in [Lang::Fr, Lang::En] {
                let t = texts(&Options { lang, at: at.clone(), ..Options::default() });
                let v_said = t.alt.contains(lang.pick("dessinent un V", "trace a V"));
                if v_said || default {
                    assert!(v_said, "{at}: the V not said");
                    for (curve, scheme) in c.iter().zip(Scheme::ALL) {
                        assert!(v_shaped(curve), "{at} {scheme:?}: no V: {curve:?}");
                        let end = curve[curve.len() - 1].0;
                        let order = f64::from(scheme.order());
                        assert!(
                            (slope(curve, end / 10.0, end) - order).abs() < 0.5,
                            "{at} {scheme:?}: not of order {order}"
                        );
                        if default {
                            let lowest = curve.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
                            let off = (lowest.0 / scheme.optimal_step()).log10().abs();
                            assert!(off <= 1.0, "{scheme:?}: lowest at {}", lowest.0);
                        }
                    }
                }
                let complex = &c[3];
                let Some(level) = number_after(&t.caption, "(≈ ") else {
                    assert!(!default, "the default point's plateau is not said");
                    continue;
                };
                let at_level = |h: f64| complex.iter().filter(|p| p.0 <= h).all(|p| p.1 <= 10.0 * level);
                assert!(level <= 1e-12, "{at}: {level} is no rounding level");
                match number_after(&t.caption, lang.pick("jusqu'à h ≈ ", "up to h ≈ ")) {
                    // `10ⁿ` within half a decade: at level to h/√10, no longer at h·√10.
                    Some(h) => {
                        let half_decade = 10f64.sqrt();
                        assert!(at_level(h / half_decade) && !at_level(h * half_decade * 1.01), "{at}: {}", t.caption);
                        if t.caption.contains("h²") {
                            assert!(
                                (slope(complex, 100.0 * h, 1e-1) - 2.0).abs() < 0.5,
                                "{at}: not h² after the plateau"
                            );
                        }
                    }
                    None => assert!(at_level(f64::INFINITY), "{at}: {}", t.caption),
                }
                if t.alt.contains(lang.pick("reste au plus bas", "stays lowest")) {
                    let until = number_after(&t.caption, lang.pick("jusqu'à h ≈ ", "up to h ≈ ")).unwrap_or(1.0);
                    for &(step, e) in complex.iter().filter(|p| p.0 <= until / 10f64.sqrt()) {
                        let same_step =
                            |fd: &Vec<(f64, f64)>| fd.iter().find(|p| p.0.to_bits() == step.to_bits()).copied();
                        assert!(c[..3].iter().filter_map(same_step).all(|p| p.1 >= e), "{at}: h = {step}");
                    }
                }
            }
        }
    }
}
