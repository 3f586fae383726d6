//! Comparing two versions of a document in one language: paragraphs aligned (kept, changed,
//! added, removed) and, within a changed paragraph, the words inserted and deleted.

use accord_core::secretariat::rules::{Change, compare_words};

/// A run of words in a compared paragraph.
#[derive(Debug, PartialEq, Eq)]
pub struct Run {
    /// `same`, `ins` or `del`.
    pub kind: &'static str,
    /// The words, with the spaces between them.
    pub text: String,
}

/// A paragraph of the comparison.
#[derive(Debug, PartialEq, Eq)]
pub struct Compared {
    /// `same`, `changed`, `added` or `removed`.
    pub kind: &'static str,
    /// Its number in the older version, if it was there.
    pub old: Option<usize>,
    /// Its number in the newer version, if it is there.
    pub new: Option<usize>,
    /// Its words.
    pub runs: Vec<Run>,
}

fn run(kind: &'static str, text: &str) -> Run {
    Run {
        kind,
        text: text.to_owned(),
    }
}

/// Pairs of equal paragraphs (indices into `old` and `new`), by longest common subsequence.
fn common(old: &[&str], new: &[&str]) -> Vec<(usize, usize)> {
    let (n, m) = (old.len(), new.len());
    let mut lengths = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[i][j] = if old[i] == new[j] {
                lengths[i + 1][j + 1] + 1
            } else {
                lengths[i + 1][j].max(lengths[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if old[i] == new[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if lengths[i + 1][j] >= lengths[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The paragraphs between two kept ones: paired as changed while both sides have one, the
/// rest added or removed.
fn between(
    old: &[&str],
    new: &[&str],
    from: (usize, usize),
    to: (usize, usize),
    out: &mut Vec<Compared>,
) {
    let removed: Vec<usize> = (from.0..to.0).collect();
    let added: Vec<usize> = (from.1..to.1).collect();
    let pairs = removed.len().min(added.len());
    for k in 0..pairs {
        let (i, j) = (removed[k], added[k]);
        let runs = compare_words(old[i], new[j])
            .into_iter()
            .map(|c| match c {
                Change::Same(t) => run("same", &t),
                Change::Added(t) => run("ins", &t),
                Change::Removed(t) => run("del", &t),
            })
            .collect();
        out.push(Compared {
            kind: "changed",
            old: Some(i + 1),
            new: Some(j + 1),
            runs,
        });
    }
    for &i in &removed[pairs..] {
        out.push(Compared {
            kind: "removed",
            old: Some(i + 1),
            new: None,
            runs: vec![run("del", old[i])],
        });
    }
    for &j in &added[pairs..] {
        out.push(Compared {
            kind: "added",
            old: None,
            new: Some(j + 1),
            runs: vec![run("ins", new[j])],
        });
    }
}

/// Compares the paragraphs of two versions in one language.
pub fn compare(old: &[&str], new: &[&str]) -> Vec<Compared> {
    let mut out = Vec::new();
    let mut at = (0, 0);
    for (i, j) in common(old, new) {
        between(old, new, at, (i, j), &mut out);
        out.push(Compared {
            kind: "same",
            old: Some(i + 1),
            new: Some(j + 1),
            runs: vec![run("same", old[i])],
        });
        at = (i + 1, j + 1);
    }
    between(old, new, at, (old.len(), new.len()), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_paragraph_shows_its_inserted_words_and_a_new_one_is_added() {
        let old = ["The ministers declare.", "Memory is sacred."];
        let new = [
            "The ministers solemnly declare.",
            "Memory is sacred.",
            "Peace is kept.",
        ];
        let compared = compare(&old, &new);
        let kinds: Vec<_> = compared.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, ["changed", "same", "added"]);
        assert!(
            compared[0]
                .runs
                .iter()
                .any(|r| r.kind == "ins" && r.text.contains("solemnly"))
        );
        let removed = compare(&new[..2], &new[1..2]);
        assert_eq!(removed[0].kind, "removed");
        assert_eq!(removed[1].kind, "same");
    }
}
