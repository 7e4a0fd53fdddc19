//! REPORT.md, for the article's author first: what is wrong, where, and the
//! fix ready to paste; then the figures grouped by the article's sections,
//! as `<figure>` snippets; then the evidence, once per claim, in plain
//! words; then the derivation line by line and the numeric tables.
//!
//! Written for Jekyll with kramdown (GFM) and MathJax, whose rules differ
//! from CommonMark's (a test renders it with kramdown itself):
//! - math is delimited by `$$` only (kramdown does not read single `$`),
//!   inline or as its own paragraph, with `\lvert…\rvert` for absolute
//!   values: a `|` anywhere in a line makes kramdown read a table;
//! - several rows go in `\begin{aligned}`, inside which `\\` survives;
//! - prose never holds a raw `|`, `_` or `*` from the tool's messages
//!   ([`escape`]); no emoji.
//!
//! The LaTeX comes from the same tables the verifier checks
//! ([`crate::derivation::STEPS`], [`crate::claims::all`]): nothing is typed twice.

use super::accuracy::{stress_inputs, Row};
use super::figures::svg::escape as escape_xml;
use super::figures::{Figure, Options, Section, Texts, SIZE};
use super::lang::Lang;
use super::prose::{self, Facts};
use crate::claims::ClaimReport;
use crate::derivation::step;
use crate::derivation::Case;
use crate::verdict::{Agreement, Verdict};
use crate::verify::Report;
use std::fmt::Write as _;

/// Escapes what kramdown would read as markup in a line of prose.
pub fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if matches!(c, '|' | '_' | '*' | '<' | '>' | '$' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A title in quotes: « … » in French, “…” in English.
fn quoted(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Fr => format!("« {text} »"),
        Lang::En => format!("“{text}”"),
    }
}

/// A section: its heading and the paragraph that introduces it.
fn section(out: &mut String, lang: Lang, (fr, en): (&str, &str), (intro_fr, intro_en): (&str, &str)) {
    let _ = writeln!(out, "## {}\n", lang.pick(fr, en));
    let _ = writeln!(out, "{}\n", lang.pick(intro_fr, intro_en));
}

/// LaTeX as a display-math paragraph that survives kramdown: several rows
/// (`\\` outside an environment, or `&` alignment) go in `aligned`.
pub fn display_math(latex: &str) -> String {
    let latex = latex.trim();
    let depth_zero_rows = has_top_level_rows(latex);
    if depth_zero_rows || latex.starts_with('&') || latex.contains(" & =") {
        format!("$$\n\\begin{{aligned}}\n{latex}\n\\end{{aligned}}\n$$")
    } else {
        format!("$$\n{latex}\n$$")
    }
}

/// Whether `latex` has a row break `\\` outside every environment.
fn has_top_level_rows(latex: &str) -> bool {
    let mut depth = 0i32;
    let mut rest = latex;
    while let Some(k) = rest.find('\\') {
        rest = &rest[k..];
        let skip = if rest.starts_with("\\begin") {
            depth += 1;
            6
        } else if rest.starts_with("\\end") {
            depth -= 1;
            4
        } else if rest.starts_with("\\\\") {
            if depth == 0 {
                return true;
            }
            2
        } else {
            1
        };
        rest = &rest[skip..];
    }
    false
}

/// Whether a statement is LaTeX alone (no prose around it).
fn is_latex(s: &str) -> bool {
    !s.contains('$') && !s.contains('`') && s.contains('\\') && !s.contains("np.")
}

/// Whether a statement is code from the article.
fn is_code(s: &str) -> bool {
    s.contains("np.") || s.trim_start().starts_with('#')
}

/// Prose from the article as a block quote: its `$…$` math becomes `$$…$$`
/// (kramdown's delimiter), its code spans stay as they are, the rest is escaped.
fn quote(s: &str) -> String {
    let mut out = String::from("> ");
    let mut rest = s;
    while let Some(start) = rest.find(['$', '`']) {
        let (open, close) = match &rest[start..] {
            r if r.starts_with("$$") => ("$$", "$$"),
            r if r.starts_with('$') => ("$", "$"),
            _ => ("`", "`"),
        };
        let Some(len) = rest[start + open.len()..].find(close) else { break };
        out.push_str(&escape(&rest[..start]));
        let inner = &rest[start + open.len()..start + open.len() + len];
        if open == "`" {
            let _ = write!(out, "`{inner}`");
        } else {
            let _ = write!(out, "$${}$$", inner.replace('|', "\\vert "));
        }
        rest = &rest[start + open.len() + len + close.len()..];
    }
    out.push_str(&escape(rest));
    out
}

/// A statement as the article writes it: display math, code or quoted prose.
fn statement(s: &str) -> String {
    if is_latex(s) {
        display_math(s)
    } else if is_code(s) {
        fenced(code_language(s), &s.replace("; ", "\n"))
    } else {
        quote(s)
    }
}

/// A fenced code block (a fence longer than any backtick run inside).
fn fenced(language: &str, body: &str) -> String {
    let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{language}\n{}\n{fence}", body.trim_end())
}

/// The correction, ready to paste: the statement with its wrong part
/// replaced when the correction is a part (a backticked value, a code
/// comment), else the correction itself.
fn paste_ready(statement: &str, correction: &str) -> String {
    if correction.starts_with('`') {
        if let Some((name, _)) = correction.split_once('=') {
            if let Some(start) = statement.find(name) {
                if let Some(len) = statement[start + 1..].find('`') {
                    let old = &statement[start..start + len + 2];
                    return statement.replacen(old, correction, 1);
                }
            }
        }
    }
    if correction.starts_with('#') {
        if let Some((code, _)) = statement.split_once('#') {
            let line = code.rsplit("; ").next().unwrap_or(code);
            return format!("{line}{correction}");
        }
    }
    correction.to_string()
}

/// Counts the texts quote.
fn facts(r: &Report) -> Facts {
    let entries = |diagonal: bool| {
        r.cases
            .iter()
            .filter(|c| c.evidence.against == "exact" && c.case.is_some_and(|k| (k == Case::Diagonal) == diagonal))
            .map(|c| c.evidence.entries)
            .sum::<usize>()
    };
    Facts { inputs: r.inputs, values: entries(true), entries: entries(true) + entries(false) }
}

/// The front matter and the summary.
fn head(out: &mut String, r: &Report, o: &Options) {
    let lang = o.lang;
    let title = lang.pick(
        "dsoftmax — vérification de « La fonction softmax et ses dérivées »",
        "dsoftmax — checking “La fonction softmax et ses dérivées”",
    );
    let _ = writeln!(out, "---\nlayout: page\nmathjax: true\nlang: {}\ntitle: \"{title}\"\n---\n", lang.code());
    let _ = writeln!(out, "# {}\n", lang.pick("Rapport de vérification", "Verification report"));
    let c = &r.counts;
    let total = c.proved + c.holds + c.refuted + c.undecided;
    let _ = writeln!(
        out,
        "{}\n",
        match lang {
            Lang::Fr => format!(
                "**{total} affirmations de l'article vérifiées : {} prouvées, {} vraies, {} réfutées, {} indécises.** Chaque ligne de la dérivation est décidée exactement ; la vérification numérique porte sur {} vecteurs a (cas difficiles choisis et vecteurs tirés au hasard, graine {}), de N = 1 à N = 256. Les indices commencent à 1, comme dans l'article.",
                c.proved, c.holds, c.refuted, c.undecided, lang.count(r.inputs), r.seed
            ),
            Lang::En => format!(
                "**{total} claims of the article checked: {} proved, {} hold, {} refuted, {} undecided.** Every line of the derivation is decided exactly; the numeric checks cover {} vectors a (chosen hard cases and random vectors, seed {}), from N = 1 to N = 256. Indices start at 1, as in the article.",
                c.proved, c.holds, c.refuted, c.undecided, lang.count(r.inputs), r.seed
            ),
        }
    );
    for v in [Verdict::Proved, Verdict::Holds, Verdict::Refuted, Verdict::Undecided] {
        let _ = writeln!(
            out,
            "- *{}*{}{}.",
            prose::verdict_word(lang, v),
            lang.pick(" : ", ": "),
            prose::verdict_meaning(lang, v)
        );
    }
    let _ = writeln!(out);
}

/// « À corriger »: each refuted or flagged claim, its problem and its fix.
fn to_correct(out: &mut String, r: &Report, lang: Lang) {
    let _ = writeln!(out, "## {}\n", lang.pick("À corriger", "To correct"));
    let wrong: Vec<&ClaimReport> = r.claims.iter().filter(|c| c.verdict == Verdict::Refuted).collect();
    let flagged: Vec<&ClaimReport> =
        r.claims.iter().filter(|c| c.verdict != Verdict::Refuted && c.flag.is_some()).collect();
    if wrong.is_empty() && flagged.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            lang.pick("Rien : aucune affirmation n'est réfutée.", "Nothing: no claim is refuted.")
        );
        return;
    }
    for (n, c) in wrong.iter().chain(&flagged).enumerate() {
        let kind = if c.verdict == Verdict::Refuted {
            lang.pick("réfutée", "refuted")
        } else {
            lang.pick("vraie, mais mal dite", "true, but worded wrongly")
        };
        let _ = writeln!(out, "### {}. {} ({kind})\n", n + 1, prose::title(lang, c.id));
        let _ = writeln!(out, "Section {}.\n", quoted(lang, c.section));
        let _ = writeln!(out, "{}\n", escape(&prose::problem(lang, c)));
        let _ = writeln!(out, "{}\n", lang.pick("L'article écrit :", "The article writes:"));
        let _ = writeln!(out, "{}\n", fenced(code_language(&c.statement), &c.statement));
        if let Some(fix) = c.correction.as_deref().filter(|f| !f.is_empty()) {
            let pasted = paste_ready(&c.statement, fix);
            let _ = writeln!(out, "{}\n", lang.pick("À remplacer par :", "Replace with:"));
            let _ = writeln!(out, "{}\n", fenced(code_language(&pasted), &pasted));
            if is_latex(&pasted) {
                let _ = writeln!(
                    out,
                    "{}\n\n{}\n",
                    lang.pick("Ce qui donne :", "Which renders as:"),
                    display_math(&pasted)
                );
            }
        }
    }
}

/// The language of a code block holding `s`.
fn code_language(s: &str) -> &'static str {
    if is_latex(s) {
        "latex"
    } else if is_code(s) {
        "python"
    } else {
        "markdown"
    }
}

/// The figure as an HTML snippet: the SVG, its alt text and its caption.
fn snippet(f: Figure, t: &Texts) -> String {
    format!(
        "<figure id=\"fig-{name}\">\n  <img src=\"{name}.svg\" width=\"{w}\" height=\"{h}\" alt=\"{alt}\">\n  <figcaption>{caption}</figcaption>\n</figure>",
        name = f.name(),
        w = SIZE.0,
        h = SIZE.1,
        alt = escape_xml(&t.alt),
        caption = escape_xml(&t.caption)
    )
}

/// The figures, grouped by the section of the article each illustrates.
fn figures(out: &mut String, o: &Options) {
    let lang = o.lang;
    section(
        out,
        lang,
        ("Les figures, section par section", "The figures, section by section"),
        (
            "Chaque figure existe en SVG (pour le web : le texte y est dessiné, il s'affiche pareil partout) et en PNG à 1× et 2× (`nom.png`, `nom@2x.png`, pour l'impression). Sous chacune, le code HTML à coller dans l'article.",
            "Each figure comes as SVG (for the web: its text is drawn, so it looks the same everywhere) and as PNG at 1× and 2× (`name.png`, `name@2x.png`, for print). Under each, the HTML to paste into the article.",
        ),
    );
    for part in Section::ALL {
        let members: Vec<Figure> = Figure::ALL.into_iter().filter(|f| f.section() == part).collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {}\n", quoted(lang, part.heading()));
        for f in members {
            let texts = f.texts(o);
            let html = snippet(f, &texts);
            let _ = writeln!(out, "#### {}\n", texts.title);
            let _ = writeln!(out, "{html}\n");
            let _ = writeln!(out, "{}\n", fenced("html", &html));
        }
    }
}

/// Each claim once: its statement and the evidence in plain words.
fn claims(out: &mut String, r: &Report, lang: Lang) {
    let _ = writeln!(out, "## {}\n", lang.pick("Le détail, affirmation par affirmation", "Claim by claim"));
    let facts = facts(r);
    for c in &r.claims {
        let _ = writeln!(out, "### {} — {}\n", prose::title(lang, c.id), prose::verdict_word(lang, c.verdict));
        let _ = writeln!(out, "*Section {}* (`{}`)\n", quoted(lang, c.section), c.id);
        let _ = writeln!(out, "{}\n", statement(&c.statement));
        let _ = writeln!(out, "{}\n", escape(&prose::evidence(lang, c, facts)));
    }
}

/// The derivation, line by line, as a table.
fn steps(out: &mut String, r: &Report, lang: Lang) {
    section(
        out,
        lang,
        ("La dérivation, ligne par ligne", "The derivation, line by line"),
        (
            "Chaque ligne est lue dans le LaTeX de l'article et décidée exactement : avec xₖ = eᵃᵏ et Z = Σₖ xₖ, ses deux membres sont des fractions rationnelles, comparées dans quatre cas (i = j avec N = 1 ou N ≥ 2, i ≠ j avec N = 2 ou N ≥ 3). Une ligne est prouvée quand leur différence est nulle dans chaque cas, pour tout N et tout a réel. Les preuves reposent sur un seul axiome : ∂Z/∂aⱼ = eᵃʲ.",
            "Each line is read from the article's LaTeX and decided exactly: with xₖ = eᵃᵏ and Z = Σₖ xₖ, its two sides are rational functions, compared in four cases (i = j with N = 1 or N ≥ 2, i ≠ j with N = 2 or N ≥ 3). A line is proved when their difference is zero in each case, for every N and every real a. The proofs rest on one axiom: ∂Z/∂aⱼ = eᵃʲ.",
        ),
    );
    let _ = writeln!(
        out,
        "{}",
        lang.pick("| ligne | formule | pourquoi | verdict |", "| line | formula | why | verdict |")
    );
    let _ = writeln!(out, "|---|---|---|---|");
    for s in &r.steps {
        let Some(line) = step(s.id) else { continue };
        let why = prose::step_why(lang, s.id, line.justification);
        let verdict = prose::verdict_word(lang, s.decision.verdict);
        let verdict =
            if s.decision.verdict == Verdict::Refuted { format!("**{verdict}**") } else { verdict.to_string() };
        let _ = writeln!(out, "| `{}` | {} | {} | {verdict} |", s.id, escape(line.unicode), escape(why));
    }
    let _ = writeln!(out);
    for s in r.steps.iter().filter(|s| s.decision.verdict == Verdict::Refuted) {
        if let Some(c) = &s.decision.counterexample {
            let template = lang.pick(
                "Ligne `{id}` : en a = {a}, i = {i}, j = {j}, la ligne donne {claimed}, la dérivée vaut {truth}.",
                "Line `{id}`: at a = {a}, i = {i}, j = {j}, the line gives {claimed}, the derivative is {truth}.",
            );
            let sentence = template
                .replace("{id}", s.id)
                .replace("{a}", &escape(&lang.list(&c.a)))
                .replace("{i}", &c.i.to_string())
                .replace("{j}", &c.j.to_string())
                .replace("{claimed}", &lang.short(c.claimed))
                .replace("{truth}", &lang.short(c.reference));
            let _ = writeln!(out, "{sentence}\n");
        }
    }
}

/// A reference's name in the report's language.
fn reference_name(lang: Lang, name: &str) -> String {
    let fr = match name {
        "exact" => "exacte",
        "forward" => "différence avant",
        "central" => "différence centrée",
        "richardson" => "Richardson",
        "analytic" => "analytique",
        "complex-step" => "pas complexe",
        other => other,
    };
    lang.pick(fr, name).to_string()
}

/// The numeric evidence: each case against each reference.
fn numeric(out: &mut String, r: &Report, lang: Lang) {
    section(
        out,
        lang,
        ("Vérification numérique", "Numeric evidence"),
        (
            "Indépendamment des preuves : le résultat de l'article, DⱼSᵢ = Sᵢ(δᵢⱼ − Sⱼ), comparé dans chaque cas à la référence exacte et à trois schémas de différences finies (avec leur borne de troncature), et la référence exacte comparée aux différences de Richardson. La dernière colonne donne, pour le coefficient le plus proche de sa limite, l'écart et la tolérance tirée du modèle d'erreur.",
            "Independently of the proofs: the article's result DⱼSᵢ = Sᵢ(δᵢⱼ − Sⱼ), compared in each case with the exact reference and three finite-difference schemes (with their truncation bound), and the exact reference compared with Richardson differences. The last column gives, for the entry closest to its limit, the error and the tolerance derived from the error model.",
        ),
    );
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            "| formule | cas | référence | résultat | coefficients | écart / tolérance au plus juste |",
            "| formula | case | reference | result | entries | error / tolerance at the tightest |"
        )
    );
    let _ = writeln!(out, "|---|---|---|---|---:|---:|");
    for c in &r.cases {
        let what = if c.what == "exact reference" {
            lang.pick("référence exacte", "exact reference")
        } else {
            "Sᵢ(δᵢⱼ − Sⱼ)"
        };
        let agreement = match c.evidence.agreement {
            Agreement::Agrees => lang.pick("concorde", "agrees"),
            Agreement::Disagrees => lang.pick("**diffère**", "**disagrees**"),
        };
        let _ = writeln!(
            out,
            "| {what} | {} | {} | {agreement} | {} | {} / {} |",
            c.case.map_or(lang.pick("tous", "all"), |k| k.label()),
            reference_name(lang, c.evidence.against),
            lang.count(c.evidence.entries),
            lang.sci(c.evidence.max_error, 2),
            lang.sci(c.evidence.tolerance, 2)
        );
    }
    let _ = writeln!(out);
}

/// The accuracy of each numerical method on the stress inputs.
fn accuracy(out: &mut String, rows: &[Row], lang: Lang) {
    section(
        out,
        lang,
        ("Précision des méthodes numériques", "Accuracy of each numerical method"),
        (
            "Plus grande erreur relative sur les coefficients de la jacobienne, face à la référence exacte (un coefficient exactement nul se compare en absolu ; NaN : la méthode a renvoyé NaN).",
            "Largest relative error over the Jacobian's entries, against the exact reference (an entry that is exactly 0 compares absolutely; NaN: the method returned NaN).",
        ),
    );
    let inputs = stress_inputs();
    let names: Vec<String> = inputs.iter().map(|(name, a)| input_name(lang, name, a)).collect();
    let _ = writeln!(out, "| {} | {} |", lang.pick("méthode", "method"), names.join(" | "));
    let _ = writeln!(out, "|---|{}", "---:|".repeat(names.len()));
    for row in rows {
        let cells: Vec<String> = row.errors.iter().map(|&e| lang.sci(e, 2)).collect();
        let _ = writeln!(out, "| {} | {} |", reference_name(lang, row.method), cells.join(" | "));
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}\n",
        lang.pick(
            "En a = [123 ; 456 ; 789], la vraie valeur de ∂S₃/∂a₃ est environ 2,4 × 10⁻¹⁴⁵ : toute méthode qui forme 1 − S₃ (analytique, différences finies, pas complexe) y renvoie 0, une erreur relative de 1.",
            "At a = [123, 456, 789] the true ∂S₃/∂a₃ is about 2.4 × 10⁻¹⁴⁵: every method that forms 1 − S₃ (analytic, finite differences, complex step) returns 0 there, a relative error of 1.",
        )
    );
    let _ = writeln!(
        out,
        "{} $$\\max(1, \\lvert a_j - \\max_k a_k \\rvert)$${}\n",
        lang.pick("Les pas des différences finies sont proportionnels à", "The finite-difference steps scale with"),
        lang.pick(
            ", pas à la taille de aⱼ : softmax est invariant par décalage, donc de grands logits ne doivent pas agrandir les pas, ni l'erreur de troncature.",
            ", not with the size of aⱼ: softmax is shift-invariant, so large logits must not make the steps, and the truncation error, grow.",
        )
    );
}

/// A stress input's name: `modéré [1 ; 2 ; 5]`.
fn input_name(lang: Lang, name: &str, a: &crate::Logits) -> String {
    let kind = name.split(" [").next().unwrap_or(name);
    let fr = match kind {
        "moderate" => "modéré",
        "saturated" => "saturé",
        "masked" => "masqué",
        "near overflow" => "près du débordement",
        other => other,
    };
    let kind = if kind.starts_with("N = ") { kind.to_string() } else { lang.pick(fr, kind).to_string() };
    format!("{kind} {}", lang.list(a.as_slice()))
}

/// The section on a post read with `report --article`: each claim at its
/// line, what was not read, and the patch.
pub fn article_section(
    lang: Lang,
    name: &str,
    before: &crate::verify::ArticleReport,
    patched: &crate::verify::Patched,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {} `{name}`\n", lang.pick("Lu dans", "Read from"));
    let _ = writeln!(
        out,
        "{}\n",
        lang.pick(
            "Chaque affirmation telle que le billet l'écrit, à sa ligne, vérifiée avec son propre LaTeX et ses propres nombres :",
            "Each claim as the post states it, at its line, checked with the post's own LaTeX and numbers:",
        )
    );
    let _ = writeln!(out, "{}", lang.pick("| ligne | affirmation | verdict |", "| line | claim | verdict |"));
    let _ = writeln!(out, "|---:|---|---|");
    for c in &before.claims {
        let flag = if c.flag.is_some() { lang.pick(" (mal dite)", " (worded wrongly)") } else { "" };
        let _ = writeln!(
            out,
            "| {} | {} | {}{flag} |",
            c.line,
            prose::title(lang, c.id),
            prose::verdict_word(lang, c.verdict)
        );
    }
    let _ = writeln!(out);
    if before.unread.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            lang.pick("Toutes les formules du billet ont été lues.", "Every piece of math in the post was read.")
        );
    } else {
        let _ = writeln!(out, "{}\n", lang.pick("Non lu :", "Not read:"));
        for u in &before.unread {
            let at = u.line.map_or_else(
                || lang.pick("absent", "missing").to_string(),
                |l| format!("{} {l}", lang.pick("ligne", "line")),
            );
            let _ = writeln!(out, "- {at} : {}", escape(&u.reason));
        }
        let _ = writeln!(out);
    }
    let still: Vec<&str> =
        patched.after.claims.iter().filter(|c| c.verdict == Verdict::Refuted).map(|c| c.id).collect();
    let fixes = patched.fixed.iter().map(|id| prose::title(lang, id)).collect::<Vec<_>>().join(" ; ");
    let after = if still.is_empty() {
        lang.pick(
            "Une fois appliqué, le billet se vérifie sans rien de réfuté.",
            "Once applied, the post verifies with nothing refuted.",
        )
        .to_string()
    } else {
        format!(
            "{} {}.",
            lang.pick("Une fois appliqué, restent réfutées :", "Once applied, still refuted:"),
            still.join(", ")
        )
    };
    let _ = writeln!(
        out,
        "{} {} ({fixes}). {} {after}\n",
        lang.pick("`article.patch` apporte", "`article.patch` carries"),
        match lang {
            Lang::Fr => format!("{} corrections", patched.fixed.len()),
            Lang::En => format!("{} corrections", patched.fixed.len()),
        },
        lang.pick(
            "Appliquez-le à côté du billet avec `git apply article.patch` ou `patch -p1 < article.patch`.",
            "Apply it beside the post with `git apply article.patch` or `patch -p1 < article.patch`.",
        ),
    );
    out
}

/// The whole REPORT.md.
pub fn report(r: &Report, rows: &[Row], o: &Options) -> String {
    let mut out = String::new();
    head(&mut out, r, o);
    to_correct(&mut out, r, o.lang);
    figures(&mut out, o);
    claims(&mut out, r, o.lang);
    steps(&mut out, r, o.lang);
    numeric(&mut out, r, o.lang);
    accuracy(&mut out, rows, o.lang);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_go_in_aligned_and_single_lines_do_not() {
        assert!(display_math(r"a \\ b").contains(r"\begin{aligned}"));
        assert!(!display_math(r"\begin{cases} 1 \\ 0 \end{cases}").contains("aligned"));
        assert!(display_math(r"D_jS_i & = x \\ & = y").contains("aligned"));
    }

    #[test]
    fn prose_math_gets_kramdown_delimiters() {
        assert_eq!(quote(r"soit $a_i$ et $$b|c$$ fin_x `[1,0]`"), r"> soit $$a_i$$ et $$b\vert c$$ fin\_x `[1,0]`");
    }

    #[test]
    fn corrections_replace_the_wrong_part_only() {
        let s = "Par exemple pour `a = [1,0 2,0 5,0]`on aura `S(a) = [0,02 0,05 0,93]`";
        assert_eq!(
            paste_ready(s, "`S(a) = [0,017 0,047 0,936]`"),
            "Par exemple pour `a = [1,0 2,0 5,0]`on aura `S(a) = [0,017 0,047 0,936]`"
        );
        let code = "logits = np.array([1, 2]); p = f(logits) # Plante la machine";
        assert_eq!(paste_ready(code, "# Ne plante pas"), "p = f(logits) # Ne plante pas");
    }
}
