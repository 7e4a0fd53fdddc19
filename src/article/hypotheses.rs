//! What a post's prose assumes of its inputs, in words: its labels one-hot
//! or summing to 1, its vectors written as rows. Read affirmatively: a
//! sentence with a negation, a condition or a contrast ("are not one-hot",
//! "if the labels were one-hot", "instead of one-hot labels") says nothing
//! of that kind.

use super::{Document, Item};
use crate::decide::Labels;

/// Words that make a sentence say nothing affirmative.
const DOUBTS: [&str; 16] = [
    "not", "n't", "no ", "never", "unless", "if ", "were", "would", "could", "might", "need not", " ne ", " pas", "不",
    "非", "sin ",
];

/// Words that set one-hot labels against the post's own (smoothed, soft labels).
const CONTRASTS: [&str; 12] = [
    "instead",
    "rather than",
    "replace",
    "au lieu",
    "plutôt",
    "remplac",
    "smooth",
    "soft",
    "lissé",
    "doux",
    "代替",
    "而不是",
];

/// What the post's prose says of its labels (named by `labels`, or by the word):
/// one-hot ([`Labels::OneHot`]), summing to 1, or nothing ([`Labels::Unstated`]).
pub(crate) fn labels(doc: &Document, labels: &[char]) -> Labels {
    let said: Vec<Labels> = sentences(doc).filter_map(|s| labels_said(&s, labels)).collect();
    // One-hot labels sum to 1: a post may say both, of the same labels.
    if said.contains(&Labels::OneHot) {
        Labels::OneHot
    } else if said.contains(&Labels::SumToOne) {
        Labels::SumToOne
    } else {
        Labels::Unstated
    }
}

/// Whether the post says its vectors are rows (`\mathbb{R}^{1 \times n}`, "row vector",
/// « vecteur ligne »): then `s^\top s` is their outer product.
pub(crate) fn rows(doc: &Document) -> bool {
    let squeezed = |t: &str| t.split_whitespace().collect::<String>();
    let math = doc.items.iter().any(|item| match item {
        Item::Math { latex, .. } => squeezed(latex).contains("^{1\\times"),
        _ => false,
    });
    let words = ["row vector", "vecteur ligne", "vecteurs lignes", "vecteurs ligne", "行向量"];
    math || sentences(doc).any(|s| words.iter().any(|w| s.contains(w)) && !DOUBTS.iter().any(|d| s.contains(d)))
}

/// The prose's sentences, lowercase, padded with spaces.
fn sentences(doc: &Document) -> impl Iterator<Item = String> + '_ {
    doc.items
        .iter()
        .filter_map(|item| match item {
            Item::Prose { text, .. } => Some(text),
            _ => None,
        })
        .flat_map(|text| text.split(['.', '!', '?', ';', '。']).map(|s| format!(" {} ", s.to_lowercase())))
}

/// What one sentence says the labels are: one-hot, or summing to 1.
fn labels_said(lower: &str, labels: &[char]) -> Option<Labels> {
    const ONE_HOT: [&str; 6] = ["one-hot", "one hot", "onehot", "独热", "원-핫", "원핫"];
    const SUM: [&str; 4] = ["sum to 1", "sums to 1", "sum to one", "sums to one"];
    const LABEL_WORDS: [&str; 8] =
        ["label", "target", "étiquette", "标签", "라벨", "etiqueta", "ground truth", "vérité"];
    let named = labels.iter().any(|c| lower.contains(&format!("${c}$")) || lower.contains(&format!("${c}_")));
    if !(named || LABEL_WORDS.iter().any(|w| lower.contains(w))) || DOUBTS.iter().any(|d| lower.contains(d)) {
        return None;
    }
    if SUM.iter().any(|c| lower.contains(c)) {
        return Some(Labels::SumToOne);
    }
    let contrast = CONTRASTS.iter().any(|c| lower.contains(c));
    (ONE_HOT.iter().any(|c| lower.contains(c)) && !contrast).then_some(Labels::OneHot)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(sentence: &str) -> Option<Labels> {
        labels_said(&format!(" {} ", sentence.to_lowercase()), &['y'])
    }

    #[test]
    fn only_affirmative_sentences_state_a_hypothesis() {
        assert_eq!(said("The labels $y$ are one-hot"), Some(Labels::OneHot));
        assert_eq!(said("The targets sum to 1"), Some(Labels::SumToOne));
        assert_eq!(said("The labels are not one-hot"), None);
        assert_eq!(said("Instead of one-hot labels, we use smoothed labels $y$ that sum to 1"), Some(Labels::SumToOne));
        assert_eq!(said("Label smoothing replaces the one-hot labels $y$ by a mixture"), None);
        assert_eq!(said("the soft targets $y$ rather than one-hot labels"), None);
        assert_eq!(said("The outputs sum to 1"), None);
    }
}
