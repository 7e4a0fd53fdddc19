//! A comment that says what its line does, against what the line did.

use super::printed::{agrees, data_lines, numbers_in, python_number, Token};
use super::{environment, trailing_comment};
use crate::claims::{Finding, Fix, Kind};
use crate::lang::Lang;
use crate::python::{self, Run, Statement};
use crate::verdict::Verdict;
use serde_json::json;

/// What a comment says a line does.
#[derive(Default)]
pub(super) struct CommentClaims {
    /// It crashes (raises).
    crashes: Option<bool>,
    /// It gives NaN or ±inf, or overflows.
    non_finite: bool,
    /// It works (no exception, no warning, finite values).
    works: bool,
    /// The values it gives, as written.
    values: Option<Vec<crate::claims::lists::Printed>>,
}

impl CommentClaims {
    /// What an affirmative comment says the line does: a comment with a negation, an
    /// intent or a condition ("avoid overflow", "no NaN here", "should be 1", « sans
    /// débordement ») says nothing the run can decide.
    pub(super) fn of(comment: &str) -> CommentClaims {
        const HEDGES: [&str; 30] = [
            "avoid",
            "prevent",
            "no ",
            "not",
            "n't",
            "never",
            "without",
            "no longer",
            "instead",
            "should",
            "would",
            "could",
            "might",
            "may ",
            "if ",
            "unless",
            "expect",
            "to be",
            "sans",
            "pas ",
            "pas,",
            "pas.",
            "évite",
            "éviter",
            "doit",
            "devrait",
            "pour ne",
            "si ",
            "au lieu",
            "jamais",
        ];
        let lower = format!("{} ", comment.to_lowercase());
        let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
        if has(&HEDGES) || lower.ends_with("pas ") {
            return CommentClaims::default();
        }
        // `nan`, `inf` as words of their own (`-inf` too; not `inf-norm`, `info`).
        let standalone = |w: &str| {
            lower.match_indices(w).any(|(k, _)| {
                let before = lower[..k].chars().next_back();
                let after = lower[k + w.len()..].chars().next();
                before.is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
                    && after.is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'))
            })
        };
        CommentClaims {
            crashes: has(&["plante", "crash", "segfault", "raises", "lève", "throws", "fails with"]).then_some(true),
            non_finite: standalone("nan") || standalone("inf") || has(&["overflow", "déborde", "débordement"]),
            works: has(&["works", "fonctionne", "correctement", "correctly"]),
            values: result_list(comment),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.crashes.is_none() && !self.non_finite && !self.works && self.values.is_none()
    }
}

/// The values a comment gives as the line's result: a list that ends it (`# now [-200, -100, 0]`),
/// not one inside an expression it quotes (`# np.array([0]) / np.array([0]) = NaN`).
pub(super) fn result_list(comment: &str) -> Option<Vec<crate::claims::lists::Printed>> {
    let end = comment.trim_end().trim_end_matches(['.', ',', ';', ')', ' ']).len();
    let (at, before, values) = crate::claims::lists::in_line(comment).into_iter().last()?;
    let close = at + comment[at..].find(']')?;
    let ends = close + 1 >= end;
    // What comes before it says it is the result: nothing, or a verb or sign of one
    // (`# [0, 0, nan]`, `# now […]`, `# devient […]`, `# -> […]`), not `# shape [2, 3]`.
    const CUES: [&str; 20] = [
        "→",
        "->",
        "=",
        ":",
        "gives",
        "give",
        "returns",
        "return",
        "renvoie",
        "donne",
        "devient",
        "becomes",
        "now",
        "is",
        "vaut",
        "prints",
        "affiche",
        "output",
        "result",
        "résultat",
    ];
    let lead = before.trim().to_lowercase();
    let cued = lead.is_empty() || CUES.iter().any(|c| lead.ends_with(c));
    (ends && cued).then_some(values)
}

/// The statement that ran line `line`, if one did.
pub(super) fn statement_at(run: &Run, line: usize) -> Option<&Statement> {
    run.statements.iter().find(|s| s.lines.0 <= line && line <= s.lines.1)
}

/// The value a statement gives: an expression's, the one name it assigns, or the
/// numbers it prints (`print(softmax(x))`).
pub(super) fn value_of(s: &Statement) -> Option<python::Value> {
    let printed = || {
        let numbers: Vec<f64> =
            data_lines(&s.printed).iter().flat_map(|(_, l)| numbers_in(l)).map(|t| t.value).collect();
        (!numbers.is_empty()).then(|| python::Value { repr: s.printed.trim().to_string(), numbers: Some(numbers) })
    };
    s.value
        .clone()
        .or_else(|| (s.assigned.len() == 1).then(|| s.assigned.values().next().cloned()).flatten())
        .or_else(printed)
}

/// A value as the evidence shows it: its numbers to 6 significant digits (the last bits
/// of `exp` differ between numpy builds), else Python's `repr`.
pub(super) fn shown_value(v: &python::Value) -> String {
    match &v.numbers {
        Some(n) if n.len() > 1 || v.repr.starts_with(['[', '(']) || v.repr.starts_with("array") => {
            format!("[{}]", n.iter().map(|x| six_digits(*x)).collect::<Vec<_>>().join(", "))
        }
        Some(n) if n.len() == 1 => six_digits(n[0]),
        _ => v.repr.clone(),
    }
}

/// `x` to 6 significant digits, as Python prints a float (`nan`, `inf`, `0.5`, `5.75274e-290`).
pub(super) fn six_digits(x: f64) -> String {
    if !x.is_finite() || x == 0.0 {
        return python_number(x);
    }
    let rounded: f64 = format!("{x:.5e}").parse().unwrap_or(x);
    crate::format_number(rounded)
}

/// The warnings, each once (numpy warns at each `np.exp` that overflows).
pub(super) fn distinct(warnings: &[python::Warning]) -> Vec<&python::Warning> {
    let mut out: Vec<&python::Warning> = Vec::new();
    for w in warnings {
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// What a statement did, in words of `lang`, for evidence.
fn what_it_did(s: &Statement, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(e) = &s.error {
        parts.push(format!("{} {}: {}", lang.pick("lève", "raises"), e.kind, e.message));
    }
    for w in distinct(&s.warnings) {
        parts.push(format!("{} {}: {}", lang.pick("avertit", "warns"), w.category, w.message));
    }
    let named = s.value.as_ref().map(shown_value).or_else(|| {
        (s.assigned.len() == 1)
            .then(|| s.assigned.iter().next().map(|(k, v)| format!("{k} = {}", shown_value(v))))
            .flatten()
    });
    if let Some(v) = named {
        parts.push(format!("{} {v}", lang.pick("donne", "gives")));
    }
    if parts.is_empty() {
        lang.pick("s'exécute sans erreur ni avertissement", "runs without error or warning").into()
    } else {
        parts.join(lang.pick(" ; ", "; "))
    }
}

/// Decides what a comment says a line does, against what the line did.
pub(super) fn comment_claims(run: &Run, line: usize, text: &str, comment: &str) -> Finding {
    let claims = CommentClaims::of(comment);
    let finding =
        |verdict, (detail, fr): (String, String)| Finding::new(Kind::CodeComment, line, text, verdict, detail).fr(fr);
    let Some(s) = statement_at(run, line) else {
        let stop = run.statements.iter().rev().find_map(|s| s.error.as_ref());
        let (stop, stop_fr) = stop.map_or_else(Default::default, |e| {
            (
                format!(": its block stopped at line {} ({}: {})", e.line, e.kind, e.message),
                format!(" : son bloc s'est arrêté ligne {} ({} : {})", e.line, e.kind, e.message),
            )
        });
        return finding(
            Verdict::Undecided,
            (format!("the line did not run{stop}"), format!("la ligne n'a pas été exécutée{stop_fr}")),
        );
    };
    if s.compound {
        let (a, b) = s.lines;
        return finding(
            Verdict::Undecided,
            (
                format!("the line is inside a compound statement (lines {a}–{b}): what it does alone is not recorded"),
                format!(
                    "la ligne est dans une instruction composée (lignes {a} à {b}) : ce qu'elle fait seule n'est pas \
                     enregistré"
                ),
            ),
        );
    }
    if let Some(why) = environment([s]) {
        // Why the machine decides it, from the run (said in English).
        return finding(Verdict::Undecided, (why.clone(), why));
    }
    let (did, did_fr) = (what_it_did(s, Lang::En), what_it_did(s, Lang::Fr));
    let values = value_of(s).and_then(|v| v.numbers);
    // numpy's "overflow encountered" gives inf, its "invalid value encountered" NaN.
    let overflow = |text: &str| ["overflow", "range", "invalid value"].iter().any(|w| text.to_lowercase().contains(w));
    // An exception overflows but returns nothing: it is what "overflows" says, not "returns inf".
    let returns = ["return", "renvoie", "gives", "donne", "="].iter().any(|w| comment.to_lowercase().contains(w));
    let non_finite = values.as_ref().is_some_and(|v| v.iter().any(|x| !x.is_finite()))
        || s.warnings.iter().any(|w| overflow(&w.message))
        || (!returns && s.error.as_ref().is_some_and(|e| overflow(&e.kind) || overflow(&e.message)));
    let mut wrong: Vec<(String, String)> = Vec::new();
    let mut say = |en: &str, fr: &str| wrong.push((en.to_string(), fr.to_string()));
    match claims.crashes {
        Some(true) if s.error.is_none() => say("it does not crash", "la ligne ne plante pas"),
        Some(false) if s.error.is_some() => say("it raises an exception", "la ligne lève une exception"),
        _ => {}
    }
    if claims.non_finite && !non_finite {
        say(
            "nothing overflows and no value is NaN or infinite",
            "rien ne déborde et aucune valeur n'est NaN ni infinie",
        );
    }
    if claims.works
        && (s.error.is_some()
            || !s.warnings.is_empty()
            || values.as_ref().is_some_and(|v| v.iter().any(|x| !x.is_finite())))
    {
        say("it does not work as it should", "la ligne ne fonctionne pas comme il faut");
    }
    if let Some(written) = &claims.values {
        match &values {
            Some(v) if v.len() == written.len() => {
                let bad = written.iter().zip(v).find(|(p, x)| {
                    let token = Token { value: p.value, half_unit: p.half_unit(), at: (0, 0) };
                    !agrees(&token, **x)
                });
                if let Some((p, x)) = bad {
                    let (got, said) = (python_number(*x), p.value);
                    wrong.push((
                        format!("it gives {got} where the comment says {said}"),
                        format!("la ligne donne {got} là où le commentaire dit {said}"),
                    ));
                }
            }
            Some(v) => {
                let (k, n) = (v.len(), written.len());
                wrong.push((
                    format!("it gives {k} values, the comment {n}"),
                    format!("la ligne donne {k} valeurs, le commentaire {n}"),
                ));
            }
            // An in-place change, a tuple unpacked: no value of the line to compare.
            None if wrong.is_empty() => {
                return finding(
                    Verdict::Undecided,
                    (
                        format!("the line gives no value to compare with the comment's: run, the line {did}"),
                        format!("la ligne ne donne aucune valeur à comparer à celle du commentaire : exécutée, elle {did_fr}"),
                    ),
                );
            }
            None => {}
        }
    }
    let (evidence, evidence_fr) = (format!("run, the line {did}"), format!("exécutée, la ligne {did_fr}"));
    if wrong.is_empty() {
        return finding(
            Verdict::Holds,
            (
                format!("the comment says what the line does: {evidence}"),
                format!("le commentaire dit ce que fait la ligne : {evidence_fr}"),
            ),
        );
    }
    let fix = comment_fix(line, text, comment, s, values.as_deref());
    let ce = json!({"did": did});
    let (en, fr): (Vec<String>, Vec<String>) = wrong.into_iter().unzip();
    let detail = (format!("{}: {evidence}", en.join("; ")), format!("{} : {evidence_fr}", fr.join(" ; ")));
    finding(Verdict::Refuted, detail).refuted(ce, fix)
}

/// The comment rewritten to say what the line does, in the comment's language:
/// `# Ne plante pas : renvoie [0, 0, nan] (RuntimeWarning : overflow encountered in exp)`.
pub(super) fn comment_fix(
    line: usize,
    text: &str,
    comment: &str,
    s: &Statement,
    values: Option<&[f64]>,
) -> Option<Fix> {
    let french = crate::claims::code::french(comment);
    let colon = if french { " : " } else { ": " };
    let sentence = match &s.error {
        Some(e) => format!("{} {}{colon}{}", if french { "Lève" } else { "Raises" }, e.kind, e.message),
        None => {
            let mut words = Vec::new();
            if CommentClaims::of(comment).crashes == Some(true) {
                words.push(if french { "Ne plante pas" } else { "Does not crash" }.to_string());
            }
            if let Some(v) = values {
                let shown: Vec<String> = v.iter().map(|x| python_number(*x)).collect();
                let verb = if french { "renvoie" } else { "returns" };
                words.push(format!("{verb} [{}]", shown.join(", ")));
            }
            let mut sentence = words.join(colon);
            let warned: Vec<String> = distinct(&s.warnings).iter().map(|w| w.message.clone()).collect();
            if let Some(first) = distinct(&s.warnings).first() {
                sentence.push_str(&format!(" ({}{colon}{})", first.category, warned.join("; ")));
            }
            sentence
        }
    };
    // Nothing to say in its place: no correction (never an emptied comment).
    if sentence.trim().is_empty() {
        return None;
    }
    let hash = trailing_comment(text).map_or(text.len(), |(k, _)| k);
    Some(Fix { line, old: text.to_string(), new: format!("{}# {}", &text[..hash], sentence.trim()) })
}
