//! An output block against what the code printed.

use super::printed::{agrees, data_lines, gist, indent, numbers_in, python_number, rounded_like, warning_in, Token};
use super::{environment, first_line};
use crate::claims::{Finding, Fix, Kind};
use crate::python::{Run, Statement};
use crate::verdict::Verdict;
use serde_json::json;

/// The statements of block `block` that ran (or, under a `>>>` prompt, the one at the
/// prompt's line `after`).
fn shown_by(run: &Run, block: usize, after: Option<usize>) -> Vec<&Statement> {
    let at = |s: &Statement| after.is_none_or(|line| s.lines.0 <= line && line <= s.lines.1);
    run.statements.iter().filter(|s| s.block == block && at(s)).collect()
}

/// What the block shows when run in a notebook (or, under a `>>>` prompt, the statement
/// at that line): what it printed and warned, and the last expression's value.
pub(super) fn real_output(run: &Run, block: usize, after: Option<usize>) -> String {
    let statements = shown_by(run, block, after);
    let mut out = String::new();
    for (k, s) in statements.iter().enumerate() {
        let last = k + 1 == statements.len();
        // A statement skipped for the machine shows nothing the post's code would.
        let skipped = s.error.as_ref().is_some_and(|e| e.environment);
        let shown = if skipped {
            String::new()
        } else if last || after.is_some() {
            s.shown()
        } else {
            Statement { value: None, ..(*s).clone() }.shown()
        };
        out.push_str(&shown);
    }
    out
}

pub(super) fn output(run: &Run, block: usize, after: Option<usize>, line: usize, text: &str) -> Vec<Finding> {
    let ran = shown_by(run, block, after);
    // What prints something that changes from run to run cannot be compared at all.
    let undecided =
        |why: String| vec![Finding::new(Kind::CodeOutput, line, &first_line(text), Verdict::Undecided, why)];
    let varies = ran.iter().filter(|s| s.varies && !s.shown().is_empty());
    if let Some(why) = environment(varies.copied()) {
        return undecided(why);
    }
    if ran.iter().any(|s| s.truncated) {
        return undecided(
            "not decided: what the code prints here is longer than the run keeps (200 000 characters)".into(),
        );
    }
    if text.lines().any(|l| l.trim_start().starts_with("$ ")) {
        return undecided(
            "not decided: the output comes from a command with its own arguments (a `$ ` prompt line)".into(),
        );
    }
    // What depends on the machine (a statement skipped for a module, a file, the network it
    // lacks, or reading what one would have set) is never refuted: undecided where it differs.
    let decided = compare_output(run, block, after, line, text);
    let refuted = decided.iter().any(|f| f.verdict == Verdict::Refuted);
    match environment(ran.iter().copied()) {
        Some(why) if refuted => undecided(why),
        _ => decided,
    }
}

/// [`output`]'s comparison of the text shown with what the code printed.
pub(super) fn compare_output(run: &Run, block: usize, after: Option<usize>, line: usize, text: &str) -> Vec<Finding> {
    let real = real_output(run, block, after);
    let finding = |verdict, (detail, fr): (String, String), at: usize, statement: &str| {
        Finding::new(Kind::CodeOutput, line + at, statement, verdict, detail).fr(fr)
    };
    let evidence = format!("Run, the code prints:\n{}", indent(&real));
    let evidence_fr = format!("Exécuté, le code imprime :\n{}", indent(&real));
    // The warnings it names.
    let real_warnings: Vec<(String, String)> = real.lines().filter_map(warning_in).collect();
    for (k, l) in text.lines().enumerate() {
        let Some((category, message)) = warning_in(l) else { continue };
        let raised = real_warnings.iter().any(|(c, m)| *c == category && gist(m) == gist(&message));
        if !raised {
            let g = gist(&message);
            let detail = (
                format!("no {category} « {g} » is raised. {evidence}"),
                format!("aucun {category} « {g} » n'est levé. {evidence_fr}"),
            );
            let ce = json!({"shown": l.trim(), "real": real});
            return vec![finding(Verdict::Refuted, detail, k, l).refuted(ce, None)];
        }
    }
    // The numbers it prints.
    let shown: Vec<(usize, &str, Token)> =
        data_lines(text).into_iter().flat_map(|(k, l)| numbers_in(l).into_iter().map(move |t| (k, l, t))).collect();
    let computed: Vec<f64> =
        data_lines(&real).into_iter().flat_map(|(_, l)| numbers_in(l).into_iter().map(|t| t.value)).collect();
    let first = first_line(text);
    if shown.is_empty() {
        let squeeze = |t: &str| {
            let lines: Vec<&str> = data_lines(t).into_iter().map(|(_, l)| l).collect();
            lines.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let (post, program) = (squeeze(text), squeeze(&real));
        return vec![if post.is_empty() {
            let said = (
                format!("the warnings it shows are raised. {evidence}"),
                format!("les avertissements qu'il montre sont bien levés. {evidence_fr}"),
            );
            finding(Verdict::Holds, said, 0, &first)
        } else if post == program {
            let said = (
                format!("what the post shows is what the code prints. {evidence}"),
                format!("ce que montre le billet est ce qu'imprime le code. {evidence_fr}"),
            );
            finding(Verdict::Holds, said, 0, &first)
        } else {
            let said = (
                format!(
                    "the output shows no numbers, and its text is not what the code prints (not compared further). \
                     {evidence}"
                ),
                format!(
                    "la sortie ne montre aucun nombre, et son texte n'est pas ce qu'imprime le code (pas de comparaison \
                     plus fine). {evidence_fr}"
                ),
            );
            finding(Verdict::Undecided, said, 0, &first)
        }];
    }
    let raised = shown_by(run, block, after).into_iter().find_map(|s| s.error.as_ref());
    if computed.is_empty() {
        if let Some(e) = raised {
            // An error of arithmetic (the only kind not taken for the machine's): a fact of the code.
            let detail = (
                format!("the code raises {}: {} here, where the post shows numbers. {evidence}", e.kind, e.message),
                format!(
                    "le code lève ici {} : {}, là où le billet montre des nombres. {evidence_fr}",
                    e.kind, e.message
                ),
            );
            let ce = json!({"raised": e.kind, "real": real});
            return vec![finding(Verdict::Refuted, detail, shown[0].0, shown[0].1).refuted(ce, None)];
        }
        // The value of a last assignment, a cell the post does not show: not this code's output.
        let said = (
            "not decided: the code prints nothing here: what the post shows comes from code it does not show"
                .to_string(),
            "non décidé : le code n'imprime rien ici ; ce que montre le billet vient d'un code qu'il ne montre pas"
                .to_string(),
        );
        return vec![finding(Verdict::Undecided, said, shown[0].0, shown[0].1)];
    }
    // The post may show part of what prints (its last lines): its numbers then agree with a
    // run of the printed ones.
    let part = shown.len() < computed.len()
        && (0..=computed.len() - shown.len())
            .any(|o| shown.iter().zip(&computed[o..]).all(|((_, _, t), v)| agrees(t, *v)));
    if part {
        let detail = (
            format!("its numbers are part of what the code prints, each to the last digit shown. {evidence}"),
            format!(
                "ses nombres font partie de ce qu'imprime le code, chacun jusqu'au dernier chiffre montré. {evidence_fr}"
            ),
        );
        return vec![finding(Verdict::Holds, detail, shown[0].0, shown[0].1)];
    }
    if shown.len() != computed.len() {
        if text.contains("...") || text.contains('…') {
            let said = (
                format!(
                    "not decided: the post shortens the output (`...`): its numbers are not compared one by one. \
                     {evidence}"
                ),
                format!(
                    "non décidé : le billet abrège la sortie (`...`) ; ses nombres ne sont pas comparés un à un. \
                     {evidence_fr}"
                ),
            );
            return vec![finding(Verdict::Undecided, said, shown[0].0, shown[0].1)];
        }
        let (k, n) = (shown.len(), computed.len());
        let detail = (
            format!("the post shows {k} numbers, the code prints {n}. {evidence}"),
            format!("le billet montre {k} nombres, le code en imprime {n}. {evidence_fr}"),
        );
        let ce = json!({"shown": shown.len(), "printed": computed.len(), "real": real});
        return vec![finding(Verdict::Refuted, detail, shown[0].0, shown[0].1).refuted(ce, None)];
    }
    // Each line with a number the code does not print: refuted, every such number of it corrected.
    let mut out = Vec::new();
    let mut k = 0;
    while k < shown.len() {
        let at = shown[k].0;
        let on_line: Vec<usize> = (k..shown.len()).take_while(|&m| shown[m].0 == at).collect();
        let wrong: Vec<usize> = on_line.iter().copied().filter(|&m| !agrees(&shown[m].2, computed[m])).collect();
        if let Some(&m) = wrong.first() {
            let l = shown[m].1;
            let token = shown[m].2;
            let written = &l[token.at.0..token.at.1];
            let real_number = python_number(computed[m]);
            let detail = (
                format!(
                    "the post shows {written}, the code gives {real_number} (half a unit of the last digit shown is {}). \
                     {evidence}",
                    crate::lang::Lang::En.short(token.half_unit)
                ),
                format!(
                    "le billet montre {written}, le code donne {real_number} (une demi-unité du dernier chiffre montré vaut \
                     {}). {evidence_fr}",
                    crate::lang::Lang::Fr.short(token.half_unit)
                ),
            );
            let mut new = String::new();
            let mut last = 0;
            for &w in &wrong {
                let t = shown[w].2;
                new.push_str(&l[last..t.at.0]);
                new.push_str(&rounded_like(&l[t.at.0..t.at.1], computed[w]));
                last = t.at.1;
            }
            new.push_str(&l[last..]);
            let fix = Fix { line: line + at, old: l.to_string(), new };
            let ce = json!({"shown": written, "real": python_number(computed[m])});
            out.push(finding(Verdict::Refuted, detail, at, l).refuted(ce, Some(fix)));
        }
        k += on_line.len();
    }
    if !out.is_empty() {
        return out;
    }
    let (what, what_fr) = match shown.len() {
        1 => ("its number is".to_string(), "son nombre est".to_string()),
        n => (format!("its {n} numbers are"), format!("ses {n} nombres sont")),
    };
    let detail = (
        format!("{what} what the code prints, to the last digit shown. {evidence}"),
        format!("{what_fr} ce qu'imprime le code, jusqu'au dernier chiffre montré. {evidence_fr}"),
    );
    vec![finding(Verdict::Holds, detail, shown[0].0, shown[0].1)]
}
