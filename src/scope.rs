//! Which entries $(i, j)$ of the Jacobian a relation speaks about: every
//! entry, the diagonal $i = j$ or off it. A leaf of the module graph: the
//! reader, the decision procedure and the verdicts all name these.

/// Which entries $(i, j)$ a line speaks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Every $(i, j)$.
    All,
    /// $i = j$ only.
    Diagonal,
    /// $i \ne j$ only.
    OffDiagonal,
}

impl Scope {
    /// Whether the entry $(i, j)$ is in scope.
    pub fn contains(self, i: usize, j: usize) -> bool {
        match self {
            Scope::All => true,
            Scope::Diagonal => i == j,
            Scope::OffDiagonal => i != j,
        }
    }
}

/// The two cases of the Jacobian's entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Case {
    /// $i = j$.
    #[serde(rename = "i = j")]
    Diagonal,
    /// $i \ne j$.
    #[serde(rename = "i != j")]
    OffDiagonal,
}

impl Case {
    /// The case of entry $(i, j)$.
    pub fn of(i: usize, j: usize) -> Case {
        if i == j {
            Case::Diagonal
        } else {
            Case::OffDiagonal
        }
    }

    /// `i = j` or `i ≠ j`.
    pub fn label(self) -> &'static str {
        match self {
            Case::Diagonal => "i = j",
            Case::OffDiagonal => "i ≠ j",
        }
    }
}
