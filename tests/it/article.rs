//! Reading a post: the shared article, where it exists beside the repository
//! (it is someone else's text: never copied here).

use dsoftmax::article::{read, rows, Item};

fn shared_article() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/article/softmax-derivative.fr.md");
    std::fs::read_to_string(path).ok()
}

#[test]
fn the_shared_articles_derivation_rows_are_read_at_their_lines() {
    let Some(text) = shared_article() else {
        return; // not on this machine: the unit tests cover the reader on our own posts
    };
    let doc = read(&text);
    let display: Vec<(String, usize)> = doc
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Math { latex, display: true, line } => Some((latex.clone(), *line)),
            _ => None,
        })
        .collect();
    // The quotient rule, in prose, on its own line.
    assert!(display.iter().any(|(l, line)| l.contains("h'(x)^2") && *line == 113), "{display:?}");
    // Every row of the i = j chain parses, each at its own line, and equals a line of the step table.
    let (chain, line) = display.iter().find(|(l, _)| l.contains("S_i(1 - S_i)") && l.contains("align*")).unwrap();
    let chain_rows = rows(chain, *line);
    assert_eq!(chain_rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![148, 149, 150, 151, 152]);
    for (row, id) in chain_rows.iter().zip(["diag-0", "diag-1", "diag-2", "diag-3", "diag-4"]) {
        let step = dsoftmax::derivation::step(id).unwrap();
        assert_eq!(row.latex, step.latex.trim().trim_end_matches("\\\\"), "{id} at line {}", row.line);
        dsoftmax::expr::latex::parse_row(&row.latex).unwrap();
    }
    // The case is announced in the prose just above the chain.
    assert!(doc.items.iter().any(|i| matches!(i, Item::Prose { text, line: 144 } if text.contains("Lorsque $j = i$"))));
}
