//! The Jacobian written out as a matrix (`DS = \begin{bmatrix} D_1S_1 &
//! \cdots & D_NS_1 \\ \vdots & \ddots & \vdots \\ D_1S_N & \cdots & D_NS_N
//! \end{bmatrix}`): each written entry is decided at its position. The
//! Jacobian's entry in row $r$, column $c$ is $\partial S_r / \partial a_c$
//! (row = output, column = input: $D_jS_i$ in row $i$, column $j$). Rows and
//! columns are numbered from 1 up to an ellipsis (`\vdots`, `\cdots`), and
//! from the last ($N$) down after it.
//!
//! Entries are read as `D_{c}S_{r}` or `\frac{\partial S_r}{\partial a_c}`
//! (any names: `\frac{\partial p_2}{\partial z_1}`); indices are digits or
//! letters (`N`, `n`, `i`, `j`).

use super::{Finding, Kind};
use crate::article::{Document, Item};
use crate::verdict::Verdict;
use serde_json::json;

/// An index as written: `1`, `N`, `i`.
type Index = String;

/// One entry: (output index, input index) as written, and its text.
fn entry(cell: &str) -> Option<(Index, Index)> {
    let t: String = cell.split_whitespace().collect::<String>().replace(['{', '}'], "");
    // `D_cS_r`.
    if let Some(rest) = t.strip_prefix("D_") {
        let s = rest.find('S')?;
        let (input, output) = (&rest[..s], rest[s + 1..].strip_prefix('_')?);
        return (!input.is_empty() && !output.is_empty() && plain(input) && plain(output))
            .then(|| (output.to_string(), input.to_string()));
    }
    // `\frac\partial X_r\partial Y_c` (braces dropped above).
    let t = t.strip_prefix("\\frac")?.strip_prefix("\\partial")?;
    let (top, bottom) = t.split_once("\\partial")?;
    let index = |s: &str| s.rsplit_once('_').map(|(_, i)| i.to_string()).filter(|i| plain(i));
    Some((index(top)?, index(bottom)?))
}

/// An index: a number or one letter.
fn plain(s: &str) -> bool {
    s.parse::<u32>().is_ok() || (s.chars().count() == 1 && s.chars().all(char::is_alphabetic))
}

/// Whether a cell is an ellipsis (or empty).
fn ellipsis(cell: &str) -> bool {
    let t = cell.trim();
    t.is_empty() || ["\\cdots", "\\vdots", "\\ddots", "\\dots", "\\ldots"].contains(&t)
}

/// The labels of `n` rows (or columns), an ellipsis among them at `gap`:
/// 1, 2, … before it, …, N−1, N after it (`last` is how the post writes N).
fn labels(n: usize, gap: Option<usize>, last: &str) -> Vec<Option<String>> {
    (0..n)
        .map(|k| match gap {
            Some(g) if k == g => None,
            Some(g) if k > g => Some(match n - 1 - k {
                0 => last.to_string(),
                d => format!("{last}-{d}"),
            }),
            _ => Some((k + 1).to_string()),
        })
        .collect()
}

/// The matrix of `latex` after `=`: its cells, row by row.
fn matrix(latex: &str) -> Option<(String, Vec<Vec<String>>)> {
    let env = ["bmatrix", "pmatrix", "Bmatrix", "vmatrix", "matrix"]
        .into_iter()
        .find(|e| latex.contains(&format!("\\begin{{{e}}}")))?;
    let (left, rest) = latex.split_once('=')?;
    let body = rest.split_once(&format!("\\begin{{{env}}}"))?.1.split_once(&format!("\\end{{{env}}}"))?.0;
    let rows: Vec<Vec<String>> = body
        .split("\\\\")
        .map(|row| row.split('&').map(|c| c.trim().to_string()).collect::<Vec<_>>())
        .filter(|row| !row.iter().all(|c| c.is_empty()))
        .collect();
    Some((left.trim().to_string(), rows))
}

/// Decides a written-out Jacobian at `line` (`text`: the post's line there).
fn decide(line: usize, text: &str, latex: &str) -> Option<Finding> {
    let (name, rows) = matrix(latex)?;
    let width = rows.iter().map(Vec::len).max()?;
    // A Jacobian has rows and columns (a single row is one output's gradient: not this claim).
    if rows.len() < 2 || width < 2 {
        return None;
    }
    // Entries with their (row, column) in the grid.
    let cells: Vec<(usize, usize, (Index, Index), &str)> = rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            row.iter().enumerate().filter_map(move |(c, cell)| Some((r, c, entry(cell)?, cell.as_str())))
        })
        .collect();
    let derivatives = rows.iter().flatten().filter(|c| !ellipsis(c)).count();
    if cells.len() < 2 || cells.len() != derivatives {
        return None; // not a matrix of derivatives
    }
    let row_gap = rows.iter().position(|row| row.iter().all(|c| ellipsis(c)));
    let col_gap = (0..width).find(|&c| rows.iter().all(|row| row.get(c).is_none_or(|cell| ellipsis(cell))));
    // How the post writes N: the letter an index after an ellipsis uses.
    let last = cells.iter().flat_map(|(_, _, (o, i), _)| [o, i]).find(|s| s.chars().all(char::is_uppercase)).cloned();
    let last = last.unwrap_or_else(|| "N".to_string());
    let (row_labels, col_labels) = (labels(rows.len(), row_gap, &last), labels(width, col_gap, &last));
    let finding = |verdict, (detail, fr): (String, String)| Finding {
        math: Some(latex.to_string()),
        ..Finding::new(Kind::JacobianLayout, line, text, verdict, detail).fr(fr)
    };
    let mut wrong = Vec::new();
    let mut transposed = true;
    for (r, c, (output, input), cell) in &cells {
        let (Some(row), Some(col)) = (&row_labels[*r], &col_labels[*c]) else { continue };
        if output != row || input != col {
            wrong.push((row.clone(), col.clone(), cell.to_string(), output.clone(), input.clone()));
        }
        transposed &= output == col && input == row;
    }
    let Some((row, col, cell, output, input)) = wrong.first().cloned() else {
        let n = cells.len();
        return Some(finding(
            Verdict::Proved,
            (
                format!(
                    "each of the {n} written entries of {name} stands at its place: ∂S_r/∂a_c in row r, column c \
                     (row = output, column = input), rows and columns numbered 1, 2, … and …, N"
                ),
                format!(
                    "chacun des {n} coefficients écrits de {name} est à sa place : ∂S_r/∂a_c en ligne r, colonne c \
                     (ligne = sortie, colonne = entrée), lignes et colonnes numérotées 1, 2, … et …, N"
                ),
            ),
        ));
    };
    let (what, what_fr) = if transposed {
        ("the matrix is written transposed".to_string(), "la matrice est écrite transposée".to_string())
    } else {
        let (k, n) = (wrong.len(), cells.len());
        if k == 1 {
            (
                format!("1 of {n} entries stands at the wrong place"),
                format!("1 coefficient sur {n} n'est pas à sa place"),
            )
        } else {
            (
                format!("{k} of {n} entries stand at the wrong place"),
                format!("{k} coefficients sur {n} ne sont pas à leur place"),
            )
        }
    };
    let detail = (
        format!(
            "{what}: entry ({row}, {col}) of {name} is ∂S_{row}/∂a_{col}, but the post writes {cell} = \
             ∂S_{output}/∂a_{input} there, the entry of row {output}, column {input} (row = output, column = input). For \
             softmax the Jacobian is symmetric, so the values agree; the layout does not, and a product with another \
             Jacobian (the chain rule) would pair the wrong entries"
        ),
        format!(
            "{what_fr} : le coefficient ({row}, {col}) de {name} est ∂S_{row}/∂a_{col}, mais le billet y écrit {cell} = \
             ∂S_{output}/∂a_{input}, le coefficient de la ligne {output}, colonne {input} (ligne = sortie, colonne = \
             entrée). Pour softmax la jacobienne est symétrique, donc les valeurs coïncident ; la disposition, non, et un \
             produit avec une autre jacobienne (dérivation en chaîne) associerait les mauvais coefficients"
        ),
    );
    let ce = json!({"row": row, "column": col, "written": cell, "expected": format!("D_{{{col}}}S_{{{row}}}")});
    Some(finding(Verdict::Refuted, detail).refuted(ce, None))
}

/// Finds and decides every Jacobian written out as a matrix in the post.
pub(crate) fn find(markdown: &str, doc: &Document) -> Vec<Finding> {
    let lines: Vec<&str> = markdown.lines().collect();
    doc.items
        .iter()
        .filter_map(|item| match item {
            Item::Math { latex, line, .. } => {
                // The line of the matrix's first row of entries, where a reader looks.
                let first = latex.lines().position(|l| l.contains('&')).unwrap_or(0);
                let at = line + first;
                decide(at, lines.get(at - 1).copied().unwrap_or_default(), latex)
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::read;

    fn verdict(latex: &str) -> Option<(Verdict, String)> {
        let post = format!("$$\n{latex}\n$$\n");
        find(&post, &read(&post)).into_iter().next().map(|f| (f.verdict, f.detail))
    }

    #[test]
    fn a_jacobian_written_out_is_decided_entry_by_entry() {
        let right = r"DS = \begin{bmatrix} D_1S_1 & \cdots & D_NS_1 \\ \vdots & \ddots & \vdots \\ D_1S_N & \cdots & D_NS_N \end{bmatrix}";
        assert_eq!(verdict(right).unwrap().0, Verdict::Proved);
        let transposed = r"DS = \begin{bmatrix} D_1S_1 & \cdots & D_1S_N \\ \vdots & \ddots & \vdots \\ D_NS_1 & \cdots & D_NS_N \end{bmatrix}";
        let (v, detail) = verdict(transposed).unwrap();
        assert_eq!(v, Verdict::Refuted);
        assert!(detail.starts_with("the matrix is written transposed: entry (1, N)"), "{detail}");
        let partial = r"J = \begin{pmatrix} \frac{\partial p_1}{\partial z_1} & \frac{\partial p_1}{\partial z_2} \\ \frac{\partial p_2}{\partial z_1} & \frac{\partial p_2}{\partial z_2} \end{pmatrix}";
        assert_eq!(verdict(partial).unwrap().0, Verdict::Proved);
        let swapped = partial.replace(r"\frac{\partial p_1}{\partial z_2}", r"\frac{\partial p_2}{\partial z_1}");
        assert_eq!(verdict(&swapped).unwrap().0, Verdict::Refuted);
        // Not a matrix of derivatives, or one output's gradient (a row): no claim.
        assert!(verdict(r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}").is_none());
        assert!(verdict(r"g = \begin{bmatrix} D_1S_q & D_2S_q & \cdots & D_NS_q \end{bmatrix}").is_none());
    }
}
