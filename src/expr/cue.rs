//! The words around a case condition, in French and English: whether they
//! state the condition ("lorsque $i = j$", `\text{si } i = j`), exclude it
//! ("sauf si $i = j$", "unless $i = j$", "except when $i = j$"), point to
//! the other case ("sinon", "otherwise", "autrement") or negate it in a way
//! the tool does not read ("si $i = j$ n'est pas vrai", "when $i = j$ does
//! not hold"). The prose's math (`$…$`) is not looked at here.
//!
//! A reading that is not sure is [`Cue::Unsure`]: the caller then announces
//! no case at all rather than guess one.

/// What the words around a condition do to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cue {
    /// No cue word: the condition is stated as written.
    Plain,
    /// One exclusive cue ("sauf", "unless", "except", "hormis", "à moins
    /// que"): the words announce the complement of the condition.
    Negated,
    /// One "else" cue ("sinon", "otherwise", "autrement", "else",
    /// "ailleurs"): the complement of the other case(s).
    Otherwise,
    /// A negation the tool does not read ("pas", "not", "non", "n'", two
    /// cues at once, …): no case can be inferred.
    Unsure,
}

/// Words that exclude the condition they introduce.
const EXCLUSIVE: [&str; 4] = ["sauf", "unless", "hormis", "excluding"];

/// Words that point to the other case.
const ELSE: [&str; 5] = ["sinon", "otherwise", "autrement", "else", "ailleurs"];

/// Negations the tool does not try to read.
const NEGATION: [&str; 20] = [
    "not",
    "no",
    "never",
    "neither",
    "nor",
    "without",
    "cannot",
    "false",
    "fails",
    "untrue",
    "pas",
    "non",
    "jamais",
    "ni",
    "sans",
    "aucun",
    "aucune",
    "faux",
    "fausse",
    "contraire",
];

/// Words that speak of a case as done, set aside or contrasted ("having done
/// $i = j$", "unlike the case $i = j$", « le cas $i = j$ est traité »): the
/// prose may be announcing the other case, so no case is read from it.
const ASIDE: [&str; 20] = [
    "done",
    "treated",
    "handled",
    "covered",
    "already",
    "unlike",
    "excluded",
    "remaining",
    "other",
    "others",
    "rest",
    "traité",
    "traités",
    "fait",
    "déjà",
    "contrairement",
    "exclu",
    "autres",
    "restants",
    "reste",
];

/// The cue of `words` (prose or a `\text{…}`, its math left out).
///
/// # Example
/// ```
/// use dsoftmax::expr::cue::{cue, Cue};
/// assert_eq!(cue("Lorsque  :"), Cue::Plain);
/// assert_eq!(cue("Sauf si  :"), Cue::Negated);
/// assert_eq!(cue("except when"), Cue::Negated);
/// assert_eq!(cue("Sinon :"), Cue::Otherwise);
/// assert_eq!(cue("Autrement dit, lorsque"), Cue::Plain);
/// assert_eq!(cue("Si  n'est pas vrai"), Cue::Unsure);
/// ```
pub fn cue(words: &str) -> Cue {
    let lower = words.to_lowercase().replace('’', "'");
    let tokens: Vec<&str> =
        lower.split(|c: char| !(c.is_alphanumeric() || c == '\'')).filter(|t| !t.is_empty()).collect();
    let (mut exclusive, mut otherwise, mut negation) = (0usize, 0usize, 0usize);
    for (k, &token) in tokens.iter().enumerate() {
        let next = tokens.get(k + 1).copied().unwrap_or("");
        let previous = if k > 0 { tokens[k - 1] } else { "" };
        let bare = token.trim_matches('\'');
        if EXCLUSIVE.contains(&bare) || bare.starts_with("excep") || bare == "moins" && matches!(previous, "à" | "a") {
            exclusive += 1;
        } else if ELSE.contains(&bare) {
            // « autrement dit » is "in other words", not "otherwise".
            if !(bare == "autrement" && next.starts_with("dit")) {
                otherwise += 1;
            }
        } else if NEGATION.contains(&bare) || ASIDE.contains(&bare) || token.starts_with("n'") || token.ends_with("n't")
        {
            negation += 1;
        }
    }
    match (exclusive, otherwise, negation) {
        (0, 0, 0) => Cue::Plain,
        (1, 0, 0) => Cue::Negated,
        (0, 1, 0) => Cue::Otherwise,
        _ => Cue::Unsure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_excluded_other_and_unsure_conditions() {
        for plain in ["Lorsque", "when", "Si", "for", "Dans le cas où", "Autrement dit, quand", "If", ""] {
            assert_eq!(cue(plain), Cue::Plain, "{plain}");
        }
        for negated in
            ["Sauf si", "Unless", "except when", "Excepté lorsque", "Hormis le cas", "À moins que", "a moins qu'"]
        {
            assert_eq!(cue(negated), Cue::Negated, "{negated}");
        }
        for other in ["Sinon :", "Otherwise:", "Autrement :", "else", "partout ailleurs"] {
            assert_eq!(cue(other), Cue::Otherwise, "{other}");
        }
        for unsure in [
            "Si  n'est pas vrai",
            "when  does not hold",
            "if not",
            "unless it is not the case that",
            "Sinon, sauf si",
            "Dans le cas contraire",
            "Lorsque  est faux",
            "it isn't the case that",
            "Having done , we turn to the off-diagonal entries:",
            "We already treated . For the remaining entries:",
            "Unlike the case , here we get:",
            "Note that  is excluded here:",
            "Le cas  est traité. Pour les autres termes :",
        ] {
            assert_eq!(cue(unsure), Cue::Unsure, "{unsure}");
        }
        // « au moins » is "at least", not "unless"; a note is not "no".
        assert_eq!(cue("au moins, note"), Cue::Plain);
    }
}
