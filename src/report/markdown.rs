//! REPORT.md, for the post's author first: what is wrong, where, and the
//! fix ready to paste; then the figures grouped by the part of the
//! derivation each illustrates, as `<figure>` snippets; then the evidence,
//! once per claim; then the derivation line by line and the numeric tables.
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
//! Everything it says about the post comes from the post's verification
//! ([`ArticleReport`]): its title, its lines, its findings and their
//! evidence, its numbers.

use super::accuracy::{stress_inputs, Row};
use super::figures::svg::escape as escape_xml;
use super::figures::{Figure, Options, Section, Texts, SIZE};
use super::prose;
use super::Patched;
use crate::derivation::Scope;
use crate::lang::Lang;
use crate::verdict::{Agreement, Verdict};
use crate::verify::ArticleReport;
use std::fmt::Write as _;

/// Escapes what kramdown would read as markup in a line of prose; a code
/// span (between backticks, when they pair up) is kept as it is, since
/// kramdown shows a code span's text literally, backslashes included.
pub fn escape(text: &str) -> String {
    let spans = text.matches('`').count().is_multiple_of(2);
    let mut out = String::new();
    let mut in_code = false;
    for c in text.chars() {
        if c == '`' && spans {
            in_code = !in_code;
        } else if !in_code && matches!(c, '|' | '_' | '*' | '<' | '>' | '$' | '[' | ']' | '\\' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
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

/// Whether a statement is code from the post.
fn is_code(s: &str) -> bool {
    s.contains("np.") || s.trim_start().starts_with('#')
}

/// Prose from the post as a block quote: its `$…$` math becomes `$$…$$`
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

/// A statement as the post writes it: display math, code or quoted prose.
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

/// The front matter and the summary.
fn head(out: &mut String, name: &str, r: &ArticleReport, lang: Lang) {
    let post = r.title.clone().unwrap_or_else(|| name.to_string()).replace('"', "'");
    let title = match lang {
        Lang::Fr => format!("dsoftmax — vérification de « {post} »"),
        Lang::En => format!("dsoftmax — checking “{post}”"),
    };
    let _ = writeln!(out, "---\nlayout: page\nmathjax: true\nlang: {}\ntitle: \"{title}\"\n---\n", lang.code());
    let _ = writeln!(out, "# {}\n", lang.pick("Rapport de vérification", "Verification report"));
    let (c, l, v) = (&r.counts, &r.line_counts, &r.coverage);
    let refuted = c.refuted + l.refuted;
    // The name in a code span, shown literally: only a backtick would end it.
    let name = name.replace('`', "'");
    let (lines, claims) = (prose::verdict_counts(lang, l), prose::verdict_counts(lang, c));
    let _ = writeln!(
        out,
        "{}\n",
        match lang {
            Lang::Fr => format!(
                "**`{name}` : {} ; {refuted} {}.** Relations : {lines}. Autres affirmations : {claims}. La vérification numérique des formules finales porte sur {} vecteurs a (graine {}). Les indices commencent à 1.",
                prose::coverage_fr(v),
                if refuted >= 2 { "réfutées" } else { "réfutée" },
                lang.count(r.inputs),
                r.seed
            ),
            Lang::En => format!(
                "**`{name}`: {} of {} relations read, {} decided ({} about the softmax family, {} of them decided); {refuted} refuted.** Relations: {lines}. Other claims: {claims}. The numeric check of the final formulas covers {} vectors a (seed {}). Indices start at 1.",
                v.read, v.relations, v.decided, v.family, v.family_decided, lang.count(r.inputs), r.seed
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

/// One refuted finding as « À corriger » shows it.
struct ToCorrect {
    line: usize,
    title: String,
    evidence: String,
    /// The correction as an edit of the post, when the tool can make it.
    fix: Option<crate::claims::Fix>,
    /// The corrected statement, when there is no edit.
    correction: Option<String>,
}

/// The counterexample of a refuted line, in words.
fn counterexample_words(lang: Lang, ce: &crate::decide::Counterexample) -> String {
    format!(
        "{} a = {}{}, i = {}, j = {}{} {} {}, {} {}.",
        lang.pick(". Contre-exemple :", ". Counterexample:"),
        lang.bracket(&ce.a.iter().map(|&v| lang.exact(v)).collect::<Vec<_>>()),
        ce.c.map(|c| format!(", c = {}", lang.exact(c))).unwrap_or_default(),
        ce.i,
        ce.j,
        lang.pick(" :", ":"),
        lang.pick("la ligne donne", "the line gives"),
        lang.exact(ce.claimed),
        lang.pick("la vraie valeur est", "the true value is"),
        lang.exact(ce.reference)
    )
}

/// Every refuted claim and line of `r`, in the order of the post.
fn refuted_items(r: &ArticleReport, lang: Lang) -> Vec<ToCorrect> {
    let claims = r.claims.iter().filter(|c| c.verdict == Verdict::Refuted).map(|c| ToCorrect {
        line: c.line,
        title: prose::title(lang, c.id).to_string(),
        evidence: c.detail_in(lang).to_string(),
        fix: c.fix.clone(),
        correction: c.correction.clone(),
    });
    let lines = r.lines.iter().filter(|l| l.decision.verdict == Verdict::Refuted).map(|l| {
        let mut evidence = prose::reason_in(&l.decision, lang);
        if let Some(ce) = &l.decision.counterexample {
            evidence.push_str(&counterexample_words(lang, ce));
        }
        ToCorrect {
            line: l.found.line,
            title: lang.pick("Une ligne de la dérivation", "A line of the derivation").to_string(),
            evidence,
            fix: l.fix.clone(),
            correction: l.correction.clone(),
        }
    });
    let mut items: Vec<ToCorrect> = claims.chain(lines).collect();
    items.sort_by_key(|i| i.line);
    // Two corrections of one line are one edit of it (`patch::merge`): each shows that edit.
    let (merged, dropped) = r.merged_fixes();
    for item in items.iter_mut().filter(|i| i.fix.as_ref().is_some_and(|f| !dropped.contains(f))) {
        item.fix = merged.iter().find(|f| f.line == item.line).cloned();
    }
    items
}

/// The post's lines `from..=to` (1-based, `from` ≥ 1), exactly as written.
fn post_lines(post: &str, from: usize, to: usize) -> String {
    let lines: Vec<&str> = post.lines().skip(from - 1).take((to + 1).saturating_sub(from)).collect();
    lines.join("\n")
}

/// What the post writes and what replaces it, quoted from the post itself: the
/// line as written and its fix; a fix that inserts a blank line is shown with
/// the lines around it, so that the blank line is seen where it goes.
fn quote_and_fix(post: &str, item: &ToCorrect) -> (String, Option<String>) {
    let written = post_lines(post, item.line, item.line);
    let Some(fix) = &item.fix else {
        return (written, item.correction.clone().filter(|c| !c.trim().is_empty()));
    };
    if !fix.new.contains('\n') {
        return (written, Some(fix.new.clone()));
    }
    let last = post.lines().count();
    let before = if item.line > 1 { post_lines(post, item.line - 1, item.line - 1) } else { String::new() };
    let after = if item.line < last { post_lines(post, item.line + 1, item.line + 1) } else { String::new() };
    let around = |middle: &str| {
        [before.as_str(), middle, after.as_str()]
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("\n")
    };
    (around(&written), Some(around(&fix.new)))
}

/// « À corriger »: each refuted finding at its line, the evidence, the post's
/// exact line(s) and the fix.
fn to_correct(out: &mut String, post: &str, r: &ArticleReport, lang: Lang) {
    let _ = writeln!(out, "## {}\n", lang.pick("À corriger", "To correct"));
    let items = refuted_items(r, lang);
    if items.is_empty() {
        let _ = writeln!(out, "{}\n", lang.pick("Rien : rien n'est réfuté.", "Nothing: nothing is refuted."));
        return;
    }
    for (n, item) in items.iter().enumerate() {
        let _ = writeln!(out, "### {}. {} ({} {})\n", n + 1, item.title, lang.pick("ligne", "line"), item.line);
        let _ = writeln!(out, "{}\n", escape(&item.evidence));
        let (written, fix) = quote_and_fix(post, item);
        let _ = writeln!(out, "{}\n", lang.pick("Le billet écrit :", "The post writes:"));
        let _ = writeln!(out, "{}\n", fenced(code_language(&written), &written));
        if let Some(fix) = fix {
            let label = if item.fix.is_some() {
                lang.pick("À remplacer par :", "Replace with:")
            } else {
                // No edit of the line the tool can make: the corrected statement alone.
                lang.pick("Corrigée, la relation s'écrit :", "Corrected, the relation reads:")
            };
            let _ = writeln!(out, "{}\n", label);
            let _ = writeln!(out, "{}\n", fenced(code_language(&fix), &fix));
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

/// The figure as an HTML snippet: the SVG at `base` (a folder URL ending in `/`, or empty for
/// the report's own folder), its alt text and its caption. The image scales down to the
/// column on a phone and keeps its aspect ratio (`width`/`height` reserve its box while it
/// loads, `max-width:100%;height:auto` let it shrink), and loads lazily.
fn snippet(f: Figure, t: &Texts, base: &str) -> String {
    format!(
        "<figure id=\"fig-{name}\">\n  <img src=\"{base}{name}.svg\" width=\"{w}\" height=\"{h}\" style=\"max-width:100%;height:auto\" loading=\"lazy\" alt=\"{alt}\">\n  <figcaption>{caption}</figcaption>\n</figure>",
        name = f.name(),
        base = escape_xml(base),
        w = SIZE.0,
        h = SIZE.1,
        alt = escape_xml(&t.alt),
        caption = escape_xml(&t.caption)
    )
}

/// The figures, grouped by the part of the derivation each illustrates.
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
        let _ = writeln!(out, "### {}\n", part.heading(lang));
        for f in members {
            let texts = f.texts(o);
            let _ = writeln!(out, "#### {}\n", texts.title);
            // Shown from the report's folder; to paste, from where the post's assets are served.
            let _ = writeln!(out, "{}\n", snippet(f, &texts, ""));
            let base = o.base_url.as_deref().map(|u| format!("{}/", u.trim_end_matches('/'))).unwrap_or_default();
            let _ = writeln!(out, "{}\n", fenced("html", &snippet(f, &texts, &base)));
        }
    }
}

/// Each claim of a known kind: its statement and its evidence.
fn claims(out: &mut String, r: &ArticleReport, lang: Lang) {
    if r.claims.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", lang.pick("Les autres affirmations", "The other claims"));
    for c in &r.claims {
        let _ = writeln!(
            out,
            "### {} — {} ({} {})\n",
            prose::title(lang, c.id),
            prose::verdict_for(lang, c.verdict, c.id),
            lang.pick("ligne", "line"),
            c.line
        );
        let _ = writeln!(out, "{}\n", statement(&c.statement));
        let _ = writeln!(out, "{}\n", escape(c.detail_in(lang)));
    }
}

/// The derivation, line by line, as a table.
fn derivation(out: &mut String, r: &ArticleReport, lang: Lang) {
    section(
        out,
        lang,
        ("La dérivation, ligne par ligne", "The derivation, line by line"),
        (
            "Chaque relation est lue dans le LaTeX du billet et décidée exactement quand elle est dans le fragment exact : avec xₖ = eᵃᵏ et Z = Σₖ xₖ, ses deux membres sont des fractions rationnelles, comparées dans quatre cas (i = j avec N = 1 ou N ≥ 2, i ≠ j avec N = 2 ou N ≥ 3). Une ligne est prouvée quand leur différence est nulle dans chaque cas, pour tout N et tout a réel. Les preuves reposent sur un seul axiome : ∂Z/∂aⱼ = eᵃʲ.",
            "Each relation is read from the post's LaTeX and decided exactly when it is in the exact fragment: with xₖ = eᵃᵏ and Z = Σₖ xₖ, its two sides are rational functions, compared in four cases (i = j with N = 1 or N ≥ 2, i ≠ j with N = 2 or N ≥ 3). A line is proved when their difference is zero in each case, for every N and every real a. The proofs rest on one axiom: ∂Z/∂aⱼ = eᵃʲ.",
        ),
    );
    let _ =
        writeln!(out, "{}", lang.pick("| ligne | formule | cas | verdict |", "| line | formula | case | verdict |"));
    let _ = writeln!(out, "|---:|---|---|---|");
    for l in &r.lines {
        let verdict = prose::verdict_word(lang, l.decision.verdict);
        let verdict =
            if l.decision.verdict == Verdict::Refuted { format!("**{verdict}**") } else { verdict.to_string() };
        let case = match l.found.scope {
            Scope::All => lang.pick("tous", "all"),
            Scope::Diagonal => "i = j",
            Scope::OffDiagonal => "i ≠ j",
        };
        let latex: String = l.found.latex.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(
            out,
            "| {} | `{}` | {case} | {verdict} |",
            l.found.line,
            latex.replace('|', "\\vert ").replace('`', "'")
        );
    }
    let _ = writeln!(out);
    if !r.unread.is_empty() {
        let _ = writeln!(out, "{}\n", lang.pick("Non lu :", "Not read:"));
        for u in &r.unread {
            let at = u.line.map_or_else(String::new, |l| format!("{} {l} — ", lang.pick("ligne", "line")));
            let _ = writeln!(out, "- {at}{}", escape(&prose::unread_reason(&u.reason, lang)));
        }
        let _ = writeln!(out);
    }
}

/// The numeric evidence: the post's final formula in each case against each reference.
fn numeric(out: &mut String, r: &ArticleReport, lang: Lang) {
    section(
        out,
        lang,
        ("Vérification numérique", "Numeric evidence"),
        (
            "Indépendamment des preuves : la dernière formule du billet pour chaque cas, comparée à la référence exacte et à trois schémas de différences finies (avec leur borne de troncature), et la référence exacte comparée aux différences de Richardson. La dernière colonne donne, pour le coefficient le plus proche de sa limite, l'écart et la tolérance tirée du modèle d'erreur.",
            "Independently of the proofs: the post's last formula for each case, compared with the exact reference and three finite-difference schemes (with their truncation bound), and the exact reference compared with Richardson differences. The last column gives, for the entry closest to its limit, the error and the tolerance derived from the error model.",
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
        let what = match c.line {
            None => lang.pick("référence exacte", "exact reference").to_string(),
            Some(line) => format!("{} {line}", lang.pick("ligne", "line")),
        };
        let agreement = match c.evidence.agreement {
            Agreement::Agrees => lang.pick("concorde", "agrees"),
            Agreement::Disagrees => lang.pick("**diffère**", "**disagrees**"),
        };
        let _ = writeln!(
            out,
            "| {what} | {} | {} | {agreement} | {} | {} / {} |",
            c.case.map_or(lang.pick("tous", "all"), |k| k.label()),
            prose::reference_name(lang, c.evidence.against),
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
        let _ = writeln!(out, "| {} | {} |", prose::reference_name(lang, row.method), cells.join(" | "));
    }
    let _ = writeln!(out);
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

/// The patch of a post given with `--article`, and what verifying the patched post gives.
fn patch_section(out: &mut String, lang: Lang, name: &str, patched: &Patched) {
    let _ = writeln!(out, "## {}\n", lang.pick("Le correctif", "The patch"));
    if patched.fixed.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            lang.pick(
                "Aucune correction que l'outil sache faire en place.",
                "No correction the tool can make in place."
            )
        );
        return;
    }
    // In French, a kind's title (lower-cased), not its English id.
    let what = |kind: &str| match (lang, crate::claims::Kind::named(kind)) {
        (Lang::Fr, Some(k)) => prose::title(lang, k).to_lowercase(),
        (Lang::Fr, None) if kind == "relation" => "une ligne de la dérivation".to_string(),
        _ => kind.to_string(),
    };
    let fixes: Vec<String> = patched
        .fixed
        .iter()
        .map(|(kind, line)| format!("{} ({} {line})", what(kind), lang.pick("ligne", "line")))
        .collect();
    let still = patched.after.refuted_lines();
    let after = if still.is_empty() {
        lang.pick(
            "Une fois appliqué, le billet se vérifie sans rien de réfuté.",
            "Once applied, the post verifies with nothing refuted.",
        )
        .to_string()
    } else {
        let lines: Vec<String> = still.iter().map(ToString::to_string).collect();
        let (fr, en) = if still.len() == 1 {
            ("Une fois appliqué, reste réfutée la ligne", "Once applied, still refuted: line")
        } else {
            ("Une fois appliqué, restent réfutées les lignes", "Once applied, still refuted: lines")
        };
        format!("{} {}.", lang.pick(fr, en), lines.join(", "))
    };
    let _ = writeln!(
        out,
        "{} `{}`{} {}. {} {after}\n",
        lang.pick("`article.patch` corrige", "`article.patch` corrects"),
        name.replace('`', "'"),
        lang.pick(" :", ":"),
        fixes.join(lang.pick(" ; ", "; ")),
        lang.pick(
            "Appliquez-le à côté du billet avec `git apply article.patch` ou `patch -p1 < article.patch`.",
            "Apply it beside the post with `git apply article.patch` or `patch -p1 < article.patch`.",
        ),
    );
}

/// The whole REPORT.md about the post `name`.
pub fn report(
    name: &str,
    post: &str,
    r: &ArticleReport,
    patched: Option<&Patched>,
    rows: &[Row],
    o: &Options,
) -> String {
    let mut out = String::new();
    head(&mut out, name, r, o.lang);
    to_correct(&mut out, post, r, o.lang);
    if let Some(p) = patched {
        patch_section(&mut out, o.lang, name, p);
    }
    figures(&mut out, o);
    claims(&mut out, r, o.lang);
    derivation(&mut out, r, o.lang);
    numeric(&mut out, r, o.lang);
    accuracy(&mut out, rows, o.lang);
    match o.lang {
        Lang::Fr => super::typography::french_markdown(&out),
        Lang::En => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_escaped_and_code_spans_are_kept_as_written() {
        assert_eq!(escape(r"a_i is $x$"), r"a\_i is \$x\$");
        // kramdown shows a code span literally: nothing is added inside it.
        assert_eq!(escape(r"this `$i \in \{1\}$` is text, a_i"), r"this `$i \in \{1\}$` is text, a\_i");
        // A lone backtick is not a span: escaped, and what follows it too.
        assert_eq!(escape("a ` b_c"), r"a \` b\_c");
    }

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
}
