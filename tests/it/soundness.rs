//! Soundness (issue 14): no false `proved`, no false `refuted`, no false
//! `holds`. One block per class of defect the adversarial review found, each
//! with the review's example and variations of our own, right formulas
//! beside wrong ones (the negative controls).

use dsoftmax::check::{check, Claim, Of};
use dsoftmax::decide::{Config, Decision};
use dsoftmax::expr::plain;
use dsoftmax::rigorous::{Arith, Interval};
use dsoftmax::verdict::Verdict;
use num_bigint::BigInt;
use num_rational::BigRational;

/// A small suite (the size sweep N = 1 … 256 is always in): fast and deterministic.
fn config() -> Config {
    Config { count: 20, ..Config::default() }
}

fn decide(formula: &str) -> Decision {
    let e = plain::parse(formula).unwrap_or_else(|err| panic!("{formula}: {err}"));
    check(&e, formula, Claim::of(Of::Softmax), &config()).decision
}

fn assert_verdicts(table: &[(&str, Verdict)]) {
    for (formula, expected) in table {
        let d = decide(formula);
        assert_eq!(d.verdict, *expected, "{formula}: {} ({:?})", d.reason, d.counterexample);
    }
}

/// Class 1: every operation carries its domain.
#[test]
fn domains_are_obligations_never_dropped() {
    assert_verdicts(&[
        // Negative and fractional powers of 0.
        ("S_i*(delta_ij - S_j) + 0^(-1/2)", Verdict::Refuted),
        ("S_i*(delta_ij - S_j) + 0^(-3)", Verdict::Refuted),
        ("S_i*(delta_ij - S_j) + 0^0", Verdict::Refuted),
        ("S_i*(delta_ij - S_j) + 0^(1/2)", Verdict::Proved),
        ("S_i*(delta_ij - S_j) + 0^(5/3)", Verdict::Proved),
        // δ_ij is 0 off the diagonal: its negative powers are undefined there.
        ("delta_ij^(-1/2)*delta_ij*S_i*(delta_ij - S_j)", Verdict::Refuted),
        ("delta_ij^(-2)*delta_ij^2*S_i*(delta_ij - S_j)", Verdict::Refuted),
        ("delta_ij^(1/2)*S_i + S_i*(0 - S_j)", Verdict::Proved),
        // A constant base to a variable power is a power, not exp(y ln x).
        ("S_i*(delta_ij - S_j)*(-1)^(2*N)", Verdict::Proved),
        ("S_i*(delta_ij - S_j)*(-1)^(2*N + 4*N^3)", Verdict::Proved),
        ("S_i*(delta_ij - S_j)*(-1)^(2*N + 1)*(-1)", Verdict::Proved),
        ("S_i*(delta_ij - S_j)*(-1)^(2*N + 1)", Verdict::Refuted),
        ("S_i*(delta_ij - S_j)*1^(a_i*N)", Verdict::Proved),
        ("S_i*(delta_ij - S_j) + 0^N", Verdict::Proved),
        // Square roots and logarithms of what can be 0 or negative.
        ("S_i*(delta_ij - S_j) + sqrt(-S_i)", Verdict::Refuted),
        ("S_i*(delta_ij - S_j) + ln(S_i - S_i)", Verdict::Refuted),
        ("S_i*(delta_ij - S_j) + 0*ln(-1)", Verdict::Refuted),
    ]);
}

/// Class 2: a non-zero exact difference is refuted with a witness found by
/// construction, however late its first non-root in N.
#[test]
fn a_non_zero_exact_difference_is_refuted_by_construction() {
    for (roots, scale) in [(8, "1e-40"), (12, "1e-60"), (5, "3e-30")] {
        let factors: Vec<String> = (1..=roots).map(|k| format!("(N - {k})")).collect();
        let f = format!("S_i*(delta_ij - S_j)*(1 + {}*{scale})", factors.join("*"));
        let d = decide(&f);
        assert_eq!(d.verdict, Verdict::Refuted, "{f}: {}", d.reason);
        let c = d.counterexample.expect("a counterexample");
        assert!(c.a.len() > roots, "{f}: N = {} is a root", c.a.len());
        assert!(c.certified_by.contains("interval arithmetic"), "{}", c.certified_by);
    }
    // The control: the same factors times 0 cancel exactly.
    assert_verdicts(&[("S_i*(delta_ij - S_j)*(1 + (N-1)*(N-2)*(N-3)*0)", Verdict::Proved)]);
}

/// Class 3: a divisor that vanishes somewhere, off any fixed grid of inputs.
#[test]
fn undefined_points_are_found_where_they_are() {
    for f in [
        "S_i*(delta_ij - S_j)*(a_i - 7)/(a_i - 7)",
        "S_i*(delta_ij - S_j)*(a_i - 7.3)/(a_i - 7.3)",
        "S_i*(delta_ij - S_j)*(a_j + 5)/(a_j + 5)",
        "S_i*(delta_ij - S_j)*(exp(a_i) - 5)/(exp(a_i) - 5)",
        "S_i*(delta_ij - S_j)*(N - 11)/(N - 11)",
        "S_i*(delta_ij - S_j)*(S_i - 0.3)/(S_i - 0.3)",
    ] {
        let d = decide(f);
        assert_eq!(d.verdict, Verdict::Refuted, "{f}: {}", d.reason);
        assert!(d.counterexample.as_ref().is_some_and(|c| c.undefined.is_some()), "{f}: {:?}", d.counterexample);
    }
    // Zeros anywhere in the case, found exactly (the second review's cases):
    // far in N, far in a_i, of even multiplicity, at a tiny S_i or 1 − S_i.
    for x in [
        "(N - 2049)",
        "(N - 1e30)",
        "(N^3 - 125000000000)",
        "((N - 3000)*(a_i^2 + 1))",
        "(a_i + 30)",
        "(a_i + 100)^2",
        "(a_i^2 - 1000)",
        "(a_i*N - 1000.5)",
        "(Z - 1e10)",
        "(exp(a_i) - 1e-10)",
        "(S_i - 1e-10)",
        "(1 - S_i - 1e-20)",
        "(N*S_i - 1e-12)",
    ] {
        let f = format!("S_i*(delta_ij - S_j)*{x}/{x}");
        let d = decide(&f);
        assert_eq!(d.verdict, Verdict::Refuted, "{f}: {}", d.reason);
        let c = d.counterexample.expect("a counterexample");
        assert!(c.undefined.is_some() && c.certified_by.starts_with("exact"), "{f}: {}", c.certified_by);
    }
    // Outside the fragment, parts inside it still give exact zeros: ln 0, a divisor ln(N/2049).
    for f in [
        "S_i*(delta_ij - S_j) + 0*ln((a_i - 2.5)^2)",
        "S_i*(delta_ij - S_j) + 0*ln((N - 3000)^2)",
        "S_i*(delta_ij - S_j)*ln(N/2049)/ln(N/2049)",
        "S_i*(delta_ij - S_j) + 0/sqrt((a_i - 30.5)^2)",
    ] {
        let d = decide(f);
        assert_eq!(d.verdict, Verdict::Refuted, "{f}: {}", d.reason);
        assert!(d.counterexample.is_some_and(|c| c.undefined.is_some()), "{f}");
    }
    // Controls: divisors that never vanish are proved non-zero.
    assert_verdicts(&[
        ("S_i*(delta_ij - S_j)*(exp(a_i) + 5)/(exp(a_i) + 5)", Verdict::Proved),
        ("S_i*(delta_ij - S_j)*(N + 11)/(N + 11)", Verdict::Proved),
        ("S_i*(delta_ij - S_j)*(S_i + S_j)/(S_i + S_j)", Verdict::Proved),
        ("S_i*(delta_ij - S_j) + 0*ln((a_i - 2.5)^2 + 1)", Verdict::Holds),
    ]);
}

fn rational(n: i64) -> BigRational {
    BigRational::from_integer(BigInt::from(n))
}

/// Class 4: intervals with the right zeros.
#[test]
fn intervals_give_zero_no_sign() {
    let mut arith = Arith::new(128);
    let zero = arith.rational(&rational(0));
    let negated = arith.neg(&zero);
    assert!(!negated.excludes_zero() && negated.is_zero(), "−0 is 0");
    let root = arith.sqrt(&negated).expect("√(−0) = 0");
    assert!(root.is_zero());
    assert!(arith.ln(&zero).is_err(), "ln 0 is undefined, not −∞");
    let point: Interval = arith.rational(&rational(3));
    assert!(point.excludes_zero());
    // Through the verdicts: (−1)^2000000 = 1, and √(0·S_i) = 0.
    assert_verdicts(&[
        ("(-1)^2000000*S_i*(delta_ij - S_j)", Verdict::Proved),
        ("(-1)^2000001*S_i*(delta_ij - S_j)", Verdict::Refuted),
        ("sqrt(-0*S_i) + S_i*(delta_ij - S_j)", Verdict::Proved),
        ("ln(0*S_i) + S_i*(delta_ij - S_j)", Verdict::Refuted),
    ]);
}

/// Class 5: what `holds` means — every sampled entry certified within
/// $2^{-40}$ and none certified different.
#[test]
fn holds_never_covers_a_certified_difference() {
    // Outside the exact fragment (exp of S_i^2), wrong by 1e-13 relative:
    // below 2^-40 ≈ 9.1e-13, but certified by f64's own bounds: refuted.
    let d = decide("S_i*(delta_ij - S_j)*(1 + 1e-13*exp(S_i^2))");
    assert_eq!(d.verdict, Verdict::Refuted, "{}", d.reason);
    // Wrong by 1e-20: under every f64 bound, but resolved where an entry
    // goes to interval arithmetic (its enclosure excludes 0): refuted too.
    let d = decide("S_i*(delta_ij - S_j)*(1 + 1e-20*exp(S_i^2))");
    assert_eq!(d.verdict, Verdict::Refuted, "{}", d.reason);
    assert!(d.counterexample.is_some_and(|c| c.certified_by.contains("interval")));
    // In the exact fragment the same 1e-20 is refuted exactly.
    let d = decide("S_i*(delta_ij - S_j)*(1 + 1e-20*exp(S_i))");
    assert_eq!(d.verdict, Verdict::Refuted, "{}", d.reason);
    // The control: exp(S_i^2)/exp(S_i^2) is 1.
    let d = decide("S_i*(delta_ij - S_j)*exp(S_i^2)/exp(S_i^2)");
    assert_eq!(d.verdict, Verdict::Holds, "{}", d.reason);
}

/// Class 6: everything that grows has a budget, and monomials are positive.
#[test]
fn costs_are_bounded_and_monomials_positive() {
    assert_verdicts(&[
        ("N^1000/N^1000*S_i*(delta_ij - S_j)", Verdict::Proved),
        ("Z^500*S_i/Z^500*(delta_ij - S_j)", Verdict::Proved),
        ("(N^2 + Z^3)/(N^2 + Z^3)*S_i*(delta_ij - S_j)", Verdict::Proved),
    ]);
    // Too large for exact arithmetic: decided numerically or left undecided, promptly.
    for f in ["1e1000^1e3", "(1e1000*S_i + 1)^64 - (1e1000*S_i + 1)^64 + S_i*(delta_ij - S_j)"] {
        let d = decide(f);
        assert_ne!(d.verdict, Verdict::Proved, "{f}");
        assert_ne!(d.verdict, Verdict::Holds, "{f}");
    }
    // In the fragment but past the exact budget: never `holds` (a difference
    // of 2^-10000 is below anything the numeric layer sees).
    for f in ["S_i*(delta_ij - S_j)*(1 + (1/2)^10000)", "S_i*(delta_ij - S_j)*(1 + (1/7)^10000)"] {
        let d = decide(f);
        assert_ne!(d.verdict, Verdict::Holds, "{f}: {}", d.reason);
        assert_ne!(d.verdict, Verdict::Proved, "{f}: {}", d.reason);
    }
    // Literals of a thousand digits are exact, and cheap: proved and refuted.
    assert_verdicts(&[
        ("S_i*(delta_ij - S_j)*(3 + 1e-1000)/(3 + 1e-1000)", Verdict::Proved),
        ("S_i*(delta_ij - S_j)*(1 + 1e-1000)", Verdict::Refuted),
        ("S_i*(delta_ij - S_j)*(1 + 1e-1000^3)", Verdict::Refuted),
    ]);
    // A residual with huge coefficients prints bounded, exactly in its `exact` form.
    let d = decide("S_i*(delta_ij - S_j) + 3^500*S_i");
    assert_eq!(d.verdict, Verdict::Refuted);
    let json = serde_json::to_string(&d).expect("json");
    assert!(d.reason.len() < 400, "{}", d.reason);
    assert!(json.contains("\"exact\""), "the exact form is in the JSON");
}

/// A random formula built from the grammar's pieces: atoms, functions,
/// operators, nested to depth 4.
#[derive(Clone, Debug)]
struct Formula(String);

impl quickcheck::Arbitrary for Formula {
    fn arbitrary(g: &mut quickcheck::Gen) -> Formula {
        fn build(g: &mut quickcheck::Gen, depth: usize) -> String {
            const ATOMS: [&str; 14] =
                ["S_i", "S_j", "a_i", "a_j", "N", "Z", "delta_ij", "0", "1", "-1", "2", "1/3", "1e300", "1e-300"];
            const FUNCTIONS: [&str; 3] = ["exp", "ln", "sqrt"];
            const OPERATORS: [&str; 5] = ["+", "-", "*", "/", "^"];
            let pick = |g: &mut quickcheck::Gen, n: usize| usize::arbitrary(g) % n;
            match if depth == 0 { 0 } else { pick(g, 4) } {
                0 => ATOMS[pick(g, ATOMS.len())].to_string(),
                1 => format!("{}({})", FUNCTIONS[pick(g, FUNCTIONS.len())], build(g, depth - 1)),
                _ => {
                    let op = OPERATORS[pick(g, OPERATORS.len())];
                    format!("({}){op}({})", build(g, depth - 1), build(g, depth - 1))
                }
            }
        }
        Formula(build(g, 4))
    }
}

/// Random formulas never panic, and a `proved` is never contradicted by the
/// numeric layer run on its own (a certified refutation of a proved formula
/// would be a false `proved` or a false `refuted`).
#[test]
fn random_formulas_never_panic_and_proofs_survive_the_numeric_layer() {
    use dsoftmax::decide::{self, Target};
    use dsoftmax::derivation::Scope;
    fn prop(f: Formula) -> bool {
        let Ok(e) = plain::parse(&f.0) else {
            return true;
        };
        // Small numeric work: the property is about crashes and consistency, not power.
        let small = Config { count: 0, escalations: 500, shrink_steps: 10, diagnose: false, ..Config::default() };
        let d = decide::decide(&e, &Target::Softmax, Scope::All, &small);
        if d.verdict == Verdict::Proved {
            let numeric = decide::numeric_only(&e, &Target::Softmax, Scope::All, &small);
            assert_ne!(numeric.verdict, Verdict::Refuted, "{}: proved, yet {}", f.0, numeric.reason);
        }
        true
    }
    quickcheck::QuickCheck::new()
        .rng(quickcheck::Gen::from_size_and_seed(20, 14))
        .tests(25)
        .quickcheck(prop as fn(Formula) -> bool);
}

/// Relations (`<`, `≤`, `>`, `≥`, `≠`) decided exactly, from the article's
/// LaTeX: proved by one-signed coefficients, refuted at the boundary cases
/// $N = 1$ and $N = 2$, each beside its negative control.
#[test]
fn relations_are_proved_or_refuted_exactly() {
    use dsoftmax::decide::{decide_relation, Rel};
    use dsoftmax::derivation::Scope;
    use dsoftmax::expr::latex::parse_expr;
    let small = Config { diagnose: false, ..config() };
    let table = [
        (r"\sum_{k=1}^N e^{a_k}", Rel::Ge, r"e^{a_i}", Scope::All, Verdict::Proved),
        (r"\sum_{k=1}^N e^{a_k}", Rel::Gt, r"e^{a_i}", Scope::All, Verdict::Refuted),
        (r"\sum_{k=1}^N e^{a_k}", Rel::Gt, r"e^{a_i}", Scope::OffDiagonal, Verdict::Proved),
        (r"S_i(1 - S_i)", Rel::Ge, "0", Scope::All, Verdict::Proved),
        (r"S_i(1 - S_i)", Rel::Gt, "0", Scope::Diagonal, Verdict::Refuted),
        (r"S_i + S_j", Rel::Le, "1", Scope::OffDiagonal, Verdict::Proved),
        (r"S_i + S_j", Rel::Lt, "1", Scope::OffDiagonal, Verdict::Refuted),
        (r"-S_i S_j", Rel::Lt, "0", Scope::OffDiagonal, Verdict::Proved),
        (r"-S_i S_j", Rel::Lt, "-S_i^2", Scope::OffDiagonal, Verdict::Refuted),
        (r"S_i(1 - S_i)", Rel::Le, r"\frac{1}{4}", Scope::All, Verdict::Undecided),
    ];
    for (lhs, rel, rhs, scope, expected) in table {
        let (l, r) = (parse_expr(lhs).unwrap(), parse_expr(rhs).unwrap());
        let d = decide_relation(&l, rel, &r, scope, &small);
        assert_eq!(d.verdict, expected, "{lhs} {} {rhs}: {}", rel.symbol(), d.reason);
        assert_eq!(d.counterexample.is_some(), expected == Verdict::Refuted, "{lhs} {} {rhs}", rel.symbol());
    }
}

/// Random relations: a `proved` one is never violated at a sampled input
/// (interval arithmetic, every entry), and a `refuted` one's counterexample
/// is never one where the relation is certified to hold.
#[test]
fn random_relations_proofs_and_counterexamples_survive_intervals() {
    use dsoftmax::decide::{decide_relation, Rel};
    use dsoftmax::derivation::Scope;
    use dsoftmax::rigorous::{self, Fail, Point};
    use std::cmp::Ordering;
    const RELS: [Rel; 5] = [Rel::Lt, Rel::Le, Rel::Gt, Rel::Ge, Rel::Ne];
    const RHS: [&str; 4] = ["0", "S_i", "1/2", "N"];
    const INPUTS: [&[f64]; 6] = [&[0.0], &[1.5], &[0.0, 0.0], &[1.0, -1.0, 0.0], &[2.0, 0.0, 0.0, -1.0], &[0.5; 5]];
    // The sign of d at an input, certified (None: undecided there; Err: undefined).
    fn sign_at(d: &dsoftmax::expr::Expr, a: &[f64], i: usize, j: usize) -> Result<Option<Ordering>, Fail> {
        let mut arith = Arith::new(256);
        let mut point = Point::new(&mut arith, a);
        let env = point.env(&mut arith, i, j);
        let v = rigorous::eval(&mut arith, d, &env)?;
        Ok(if v.is_zero() {
            Some(Ordering::Equal)
        } else if v.excludes_zero() {
            Some(if v.lo.is_positive() { Ordering::Greater } else { Ordering::Less })
        } else {
            None
        })
    }
    fn holds(rel: Rel, s: Ordering) -> bool {
        match rel {
            Rel::Lt | Rel::Gt => s == Ordering::Greater,
            Rel::Le | Rel::Ge => s != Ordering::Less,
            Rel::Ne => s != Ordering::Equal,
        }
    }
    fn prop(f: Formula, pick: (u8, u8)) -> bool {
        let Ok(lhs) = plain::parse(&f.0) else {
            return true;
        };
        let rel = RELS[usize::from(pick.0) % RELS.len()];
        let rhs = plain::parse(RHS[usize::from(pick.1) % RHS.len()]).unwrap();
        let small = Config { count: 0, escalations: 64, shrink_steps: 0, diagnose: false, ..Config::default() };
        let decision = decide_relation(&lhs, rel, &rhs, Scope::All, &small);
        let (big, minus) = rel.difference(&lhs, &rhs);
        let d = dsoftmax::expr::Expr::bin(dsoftmax::expr::BinOp::Sub, big.clone(), minus.clone());
        match decision.verdict {
            Verdict::Proved => {
                for a in INPUTS {
                    for (i, j) in [(0, 0), (0, a.len() - 1)] {
                        let s = sign_at(&d, a, i, j);
                        assert_ne!(
                            s,
                            Err(Fail::Undefined),
                            "{} {} {rhs}: proved, undefined at {a:?}",
                            f.0,
                            rel.symbol()
                        );
                        if let Ok(Some(s)) = s {
                            assert!(
                                holds(rel, s),
                                "{} {} {rhs}: proved, violated at {a:?} ({i}, {j})",
                                f.0,
                                rel.symbol()
                            );
                        }
                    }
                }
            }
            Verdict::Refuted => {
                let c = decision.counterexample.expect("a refutation has a counterexample");
                if c.undefined.is_none() && c.a.iter().all(|x| x.is_finite()) {
                    if let Ok(Some(s)) = sign_at(&d, &c.a, c.i - 1, c.j - 1) {
                        assert!(!holds(rel, s), "{} {} {rhs}: refuted at {:?}, where it holds", f.0, rel.symbol(), c.a);
                    }
                }
            }
            _ => {}
        }
        true
    }
    quickcheck::QuickCheck::new()
        .rng(quickcheck::Gen::from_size_and_seed(20, 15))
        .tests(60)
        .quickcheck(prop as fn(Formula, (u8, u8)) -> bool);
}

/// A free real constant `c` (a shift of every logit), claimed for every real
/// value: shift invariance proved through the whole pipeline, from a post we
/// write ourselves; each wrong variant refuted with a counterexample that
/// states a non-zero `c`; a lone `c` in a row without logits not read as the
/// constant (the negative control).
#[test]
fn shift_invariance_is_proved_for_every_constant_and_wrong_shifts_are_refuted() {
    use dsoftmax::verdict::Verdict::{Proved, Refuted};
    const POST: &str = "# Softmax\n\nSoftmax :\n\n$$S_i = \\frac{e^{a_i}}{\\sum_{k=1}^{N} e^{a_k}}$$\n\nUne constante $c$ :\n\n$$ROW$$\n";
    let line_of = |row: &str| {
        let r = dsoftmax::verify::read_and_decide(&POST.replace("ROW", row));
        let found = r.lines.into_iter().find(|l| l.found.line == 9);
        (found, r.unread.into_iter().chain(r.notes).collect::<Vec<_>>())
    };
    // The reference post's row, and the same in other forms.
    for row in [
        r"\frac{e^{a_i + c}}{\sum_{k=1}^{N} e^{a_k + c}} = \frac{e^{c} e^{a_i}}{e^{c} \sum_{k=1}^{N} e^{a_k}} = S_i",
        r"\frac{C e^{a_i}}{C \sum_k e^{a_k}} = \frac{e^{a_i + \ln C}}{\sum_k e^{a_k + \ln C}} = S_i",
        r"\frac{\exp(a_i - c)}{\sum_{k=1}^{N} \exp(c + a_k - 2c)} = \frac{\sum_k C e^{a_k}}{\sum_k C e^{a_k}} S_i",
    ] {
        let (found, unread) = line_of(row);
        let l = found.unwrap_or_else(|| panic!("{row} not read: {unread:?}"));
        assert_eq!(l.decision.verdict, Proved, "{row}: {}", l.decision.reason);
    }
    for row in [
        r"\frac{e^{a_i + c}}{\sum_{k=1}^{N} e^{a_k}} = S_i",
        r"\frac{e^{a_i + c}}{\sum_{k=1}^{N} e^{a_k + 2c}} = S_i",
        r"\frac{C e^{a_i}}{\sum_k e^{a_k}} = S_i",
    ] {
        let (found, unread) = line_of(row);
        let l = found.unwrap_or_else(|| panic!("{row} not read: {unread:?}"));
        assert_eq!(l.decision.verdict, Refuted, "{row}: {}", l.decision.reason);
        let ce = l.decision.counterexample.as_ref().expect("a counterexample");
        assert!(ce.c.is_some_and(|c| c != 0.0), "{row}: {ce:?}");
        assert!(ce.certified_by.starts_with("exact"), "{row}: {ce:?}");
    }
    // Negative controls: `c` and `C` in a row without logits are not the constant
    // (`c = 2` states a value: listed as claiming nothing, never decided).
    for row in [r"c = 2", r"S_i + c = c + S_i", r"C = e^{c}", r"\frac{c}{c} = 1"] {
        let (found, unread) = line_of(row);
        assert!(found.is_none(), "{row} was read");
        let u = unread.iter().find(|u| u.line == Some(9)).unwrap_or_else(|| panic!("{row}: {unread:?}"));
        let claims_nothing = u.reason.contains("claims nothing");
        assert!(u.reason.contains("only in a row that uses the logits") || claims_nothing, "{row}: {}", u.reason);
    }
}

/// The same constant in the `check` syntax (`c`), decided against any target.
#[test]
fn the_constant_c_is_decided_exactly_and_sampled_numerically() {
    use dsoftmax::decide::{self, decide_relation, Rel, Target};
    use dsoftmax::derivation::Scope;
    let small = Config { diagnose: false, ..config() };
    let parse = |t: &str| plain::parse(t).unwrap_or_else(|e| panic!("{t}: {e}"));
    let identity =
        |claim: &str, target: &str| decide::decide(&parse(claim), &Target::Of(parse(target)), Scope::All, &small);
    let d = identity("exp(a_i + c)/(exp(c)*Z)", "S_i");
    assert_eq!(d.verdict, Verdict::Proved, "{}", d.reason);
    assert_eq!(identity("exp(a_i - c)/(Z*exp(-c))*exp(ln(exp(c))) / exp(c)", "S_i").verdict, Verdict::Proved);
    for (claim, target) in
        [("exp(a_i + c)/Z", "S_i"), ("exp(a_i + c)/(exp(2*c)*Z)", "S_i"), ("S_i + c*(1 - S_i)", "S_i")]
    {
        let d = identity(claim, target);
        assert_eq!(d.verdict, Verdict::Refuted, "{claim}: {}", d.reason);
        assert!(d.counterexample.as_ref().and_then(|c| c.c).is_some_and(|c| c != 0.0), "{claim}: {d:?}");
    }
    // A divisor that vanishes at one value of the constant: undefined there.
    let d = identity("S_i*(c - 1/3)/(c - 1/3)", "S_i");
    assert_eq!(d.verdict, Verdict::Refuted, "{}", d.reason);
    let ce = d.counterexample.expect("a counterexample");
    assert!(ce.undefined.is_some() && ce.c.is_some_and(|c| (c - 1.0 / 3.0).abs() < 1e-12), "{ce:?}");
    // Outside the exact fragment, the numeric layer samples c too: a formula
    // right at c = 0 only is refuted, never `holds`; one right for every c holds.
    let d = identity("S_i*exp(c*c)", "S_i");
    assert_eq!(d.verdict, Verdict::Refuted, "{}", d.reason);
    assert!(d.counterexample.as_ref().and_then(|c| c.c).is_some_and(|c| c != 0.0), "{d:?}");
    assert_eq!(identity("S_i*exp(c*c)/exp(c^2)", "S_i").verdict, Verdict::Holds);
    // Relations: e^{a_i + c} > 0 for every c; e^{a_i} + c > 0 is not.
    let d = decide_relation(&parse("exp(a_i + c)"), Rel::Gt, &parse("0"), Scope::All, &small);
    assert_eq!(d.verdict, Verdict::Proved, "{}", d.reason);
    let d = decide_relation(&parse("exp(a_i) + c"), Rel::Gt, &parse("0"), Scope::All, &small);
    assert_eq!(d.verdict, Verdict::Refuted, "{}", d.reason);
    assert!(d.counterexample.as_ref().and_then(|c| c.c).is_some_and(|c| c < 0.0), "{d:?}");
}
