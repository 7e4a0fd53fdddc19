//! `verify`'s text for one post, in French or English: the summary and what
//! to fix first (each at its FILE:LINE with one sentence of evidence and the
//! fix), then every claim and every line of the derivation, what was not
//! read, and the numeric evidence. Numbers are written in the language's
//! style (`0,936` and `2,5 × 10⁻¹` in French).

use dsoftmax::claims::Fix;
use dsoftmax::derivation::Scope;
use dsoftmax::lang::Lang;
use dsoftmax::report::prose;
use dsoftmax::verdict::Verdict;
use dsoftmax::verify::{self, ArticleReport};
use std::fmt::Write as _;

/// A verdict as a tag of fixed width: `[proved]`, `[REFUTED]` (a refutation
/// and an undecided line stand out in capitals).
fn mark(v: Verdict, lang: Lang) -> String {
    let word = prose::verdict_word(lang, v);
    let word = if matches!(v, Verdict::Refuted | Verdict::Undecided) { word.to_uppercase() } else { word.into() };
    format!("{:<12}", format!("[{word}]"))
}

/// A kind of claim as the text names it: its id (`example`, as in the JSON) in English,
/// its title in French.
fn kind_name(kind: dsoftmax::claims::Kind, lang: Lang) -> String {
    match lang {
        Lang::En => kind.name().to_string(),
        Lang::Fr => prose::title(lang, kind).to_string(),
    }
}

/// The post's findings as text in `lang`.
pub fn article_text(file: &str, r: &ArticleReport, lang: Lang) -> String {
    let mut out = String::new();
    let _ = match lang {
        Lang::En => writeln!(
            out,
            "dsoftmax verify {file}: the claims and the derivation read from the post, each at its line (proofs rest on the axiom {})\n",
            verify::AXIOM
        ),
        Lang::Fr => writeln!(
            out,
            "dsoftmax verify {file} : les affirmations et la dérivation lues dans le billet, chacune à sa ligne (les preuves reposent sur l'axiome {})\n",
            verify::AXIOM_FR
        ),
    };
    if let Some(run) = &r.python {
        let (at, version, n) = (&run.interpreter, &run.version, run.statements);
        let _ = match lang {
            Lang::En => writeln!(out, "Its Python code ran in {at} (Python {version}): {n} statements.\n"),
            Lang::Fr => {
                writeln!(out, "Son code Python a été exécuté par {at} (Python {version}) : {n} instructions.\n")
            }
        };
    }
    // The summary first: what is wrong, where.
    let refuted: Vec<String> = r.refuted_lines().iter().map(ToString::to_string).collect();
    let at = refuted.join(", ");
    let _ = match (lang, refuted.len()) {
        (Lang::En, 0) => writeln!(out, "Nothing refuted. {}\n", summary(r, lang)),
        (Lang::En, _) => writeln!(out, "Refuted at lines {at} of {file}. {}\n", summary(r, lang)),
        (Lang::Fr, 0) => writeln!(out, "Rien de réfuté. {}\n", summary(r, lang)),
        (Lang::Fr, 1) => writeln!(out, "Réfuté à la ligne {at} de {file}. {}\n", summary(r, lang)),
        (Lang::Fr, _) => writeln!(out, "Réfuté aux lignes {at} de {file}. {}\n", summary(r, lang)),
    };
    to_fix(&mut out, file, r, lang);
    claims(&mut out, file, r, lang);
    derivation(&mut out, file, r, lang);
    unread(&mut out, file, r, lang);
    numeric(&mut out, r, lang);
    let _ = writeln!(out, "\n{}", summary(r, lang));
    out
}

/// Every claim with its verdict, evidence and correction.
fn claims(out: &mut String, file: &str, r: &ArticleReport, lang: Lang) {
    let _ = writeln!(out, "{}", lang.pick("Affirmations", "Claims"));
    for c in &r.claims {
        let statement = c.statement.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(out, "{file}:{}: {} {} — {statement}", c.line, mark(c.verdict, lang), kind_name(c.id, lang));
        let _ = writeln!(out, "            {} {}", lang.pick("constat :", "evidence:"), c.detail_in(lang));
        if let Some(fix) = c.correction.as_deref().filter(|f| !f.is_empty()) {
            let _ = writeln!(out, "            {} {fix}", lang.pick("corrigé :", "corrected:"));
        }
    }
}

/// Every line of the derivation, its case in the post's own letters, and why when it is not proved.
fn derivation(out: &mut String, file: &str, r: &ArticleReport, lang: Lang) {
    let _ = writeln!(
        out,
        "\n{}",
        lang.pick(
            "La dérivation, ligne par ligne (décidée pour tout N ≥ 1 et tout a réel)",
            "The derivation, line by line (decided for every N ≥ 1 and every real a)"
        )
    );
    for l in &r.lines {
        let latex = l.found.latex.split_whitespace().collect::<Vec<_>>().join(" ");
        // The case in the post's own letters (`(r ≠ q)`).
        let (o, x) = l.found.roles;
        let case = match l.found.scope {
            Scope::Diagonal if o == x => lang.pick(" (un coefficient diagonal)", " (a diagonal entry)").to_string(),
            Scope::Diagonal => format!(" ({o} = {x})"),
            Scope::OffDiagonal => format!(" ({o} ≠ {x})"),
            Scope::All => String::new(),
        };
        let label = if l.definition && l.decision.verdict == Verdict::Proved {
            format!("{:<12}", lang.pick("[définition]", "[definition]"))
        } else {
            mark(l.decision.verdict, lang)
        };
        let _ = writeln!(out, "{file}:{}: {label} {latex}{case}", l.found.line);
        if l.decision.verdict != Verdict::Proved || l.decision.reason.starts_with(verify::CARRIED) {
            for line in super::decision_text(&l.decision, lang).lines() {
                let _ = writeln!(out, "            {line}");
            }
        }
        if let Some(fix) = &l.correction {
            let _ = writeln!(out, "            {} {fix}", lang.pick("corrigé :", "corrected:"));
        }
    }
    for n in &r.notes {
        let latex = n.latex.split_whitespace().collect::<Vec<_>>().join(" ");
        let why = prose::unread_reason(&n.reason, lang);
        let _ = writeln!(out, "{file}:{}: (note) {latex}{} {why}", n.line.unwrap_or(0), lang.pick(" :", ":"));
    }
}

/// The math not read, each at its line with the reader's reason.
fn unread(out: &mut String, file: &str, r: &ArticleReport, lang: Lang) {
    if r.unread.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{} ({}){}", lang.pick("Non lu", "Not read"), r.unread.len(), lang.pick(" :", ":"));
    for u in &r.unread {
        let latex = u.latex.split_whitespace().collect::<Vec<_>>().join(" ");
        let place = u.line.map_or(String::new(), |l| format!("{l}:"));
        let _ = writeln!(out, "{file}:{place} {latex}\n            {}", prose::unread_reason(&u.reason, lang));
    }
}

/// The numeric evidence: the post's final formula in each case against each reference.
fn numeric(out: &mut String, r: &ArticleReport, lang: Lang) {
    if r.cases.is_empty() {
        return;
    }
    let (n, seed) = (lang.count(r.inputs), r.seed);
    let _ = match lang {
        Lang::En => writeln!(
            out,
            "\nNumeric evidence on {n} inputs (seed {seed}): the post's final formula per case, and the exact reference"
        ),
        Lang::Fr => writeln!(
            out,
            "\nVérification numérique sur {n} entrées (graine {seed}) : la dernière formule du billet pour chaque cas, et la référence exacte"
        ),
    };
    for c in &r.cases {
        let place =
            c.line.map_or(String::new(), |l| format!("{} {l}{} ", lang.pick("ligne", "line"), lang.pick(" :", ":")));
        let e = &c.evidence;
        let _ = writeln!(
            out,
            "[{:<9}] {:<6} {} {:<18} {} {} ({} {}){} {} {} — {place}{}",
            prose::agreement_word(lang, e.agreement),
            c.case.map_or(lang.pick("tous", "all"), |c| c.label()),
            lang.pick("face à", "vs"),
            prose::reference_name(lang, e.against),
            lang.pick("écart au plus juste", "tightest error"),
            lang.sci(e.max_error, 2),
            lang.pick("tolérance", "tolerance"),
            lang.sci(e.tolerance, 2),
            lang.pick(" ;", ";"),
            lang.count(e.entries),
            lang.pick("coefficients", "entries"),
            c.what
        );
    }
}

/// What is refuted, first: each at its FILE:LINE with one sentence of evidence and the
/// corrected line when the tool can make it; the details follow.
fn to_fix(out: &mut String, file: &str, r: &ArticleReport, lang: Lang) {
    let mut items: Vec<(usize, String, String, Option<String>)> = r
        .claims
        .iter()
        .filter(|c| c.verdict == Verdict::Refuted)
        .map(|c| {
            (c.line, kind_name(c.id, lang), c.detail_in(lang).to_string(), c.fix.as_ref().map(|f| fix_text(f, lang)))
        })
        .chain(r.lines.iter().filter(|l| l.decision.verdict == Verdict::Refuted).map(|l| {
            let fix = l.fix.as_ref().map(|f| fix_text(f, lang)).or_else(|| l.correction.clone());
            (l.found.line, "relation".to_string(), prose::reason_in(&l.decision, lang), fix)
        }))
        .collect();
    if items.is_empty() {
        return;
    }
    items.sort_by_key(|i| i.0);
    let _ = writeln!(out, "{} ({}){}", lang.pick("À corriger", "To fix"), items.len(), lang.pick(" :", ":"));
    for (line, kind, evidence, fix) in items {
        let _ = writeln!(out, "{file}:{line}: {kind} — {}", first_sentence(&evidence));
        if let Some(fix) = fix {
            let _ = writeln!(out, "            {} {fix}", lang.pick("correction :", "fix:"));
        }
    }
    let _ = writeln!(out);
}

/// A fix in words: the corrected line, or the blank line it inserts.
fn fix_text(f: &Fix, lang: Lang) -> String {
    match f.blank_lines() {
        (before, line, after) if line == f.old && before + after > 0 => match (before > 0, after > 0) {
            (true, true) => lang
                .pick("une ligne vide avant cette ligne et après elle", "a blank line before this line and after it"),
            (true, false) => lang.pick("une ligne vide avant cette ligne", "a blank line before this line"),
            _ => lang.pick("une ligne vide après cette ligne", "a blank line after this line"),
        }
        .to_string(),
        _ => f.new.clone(),
    }
}

/// The first sentence of `text` (to its first `. ` or line end), at most 320 characters.
fn first_sentence(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let end = line.find(". ").map_or(line.len(), |k| k + 1);
    let sentence = &line[..end];
    match sentence.char_indices().nth(320) {
        Some((k, _)) => format!("{}…", &sentence[..k]),
        None => sentence.to_string(),
    }
}

/// The counts in one sentence.
fn summary(r: &ArticleReport, lang: Lang) -> String {
    let v = &r.coverage;
    let (claims, lines) = (prose::verdict_counts(lang, &r.counts), prose::verdict_counts(lang, &r.line_counts));
    let unread = r.unread.len();
    match lang {
        Lang::En => format!(
            "Read {} of {} relations, {} decided ({} about the softmax family, {} of them decided). Claims: \
             {claims}. Lines: {lines}. Not read: {unread}.",
            v.read, v.relations, v.decided, v.family, v.family_decided
        ),
        Lang::Fr => {
            format!("{}. Affirmations : {claims}. Lignes : {lines}. Non lues : {unread}.", prose::coverage_fr(v))
        }
    }
}
