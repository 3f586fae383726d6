//! The rules of decision-making as pure functions: quorum, consensus, majorities, the silence
//! procedure's deadline, amendments applied to a text, text hashes and the message a head of
//! delegation signs. `decide` uses them; each has its own tests.

use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest as _, Sha256};

use crate::config::{DecisionRule, Quorum};
use crate::ids::StateCode;
use crate::lang::{Lang, Text};
use crate::secretariat::model::{
    AmendmentId, AmendmentOp, DocumentId, Failure, Outcome, Paragraphs, Position, ProcedureId,
    TextHash, TextHashes,
};
use crate::time::Timestamp;

/// How many of `members` member states must be present for `quorum`.
pub fn quorum_required(quorum: Quorum, members: u32) -> u32 {
    match quorum {
        Quorum::All => members,
        Quorum::None => 0,
        Quorum::Fraction(fraction) => (0..=members)
            .find(|n| fraction.reached(*n, members))
            .unwrap_or(members),
    }
}

/// A procedure in session cannot be closed while a present state has stated nothing: the states
/// still silent, in code order (empty when every present state has spoken).
pub fn missing_positions(
    present: &BTreeSet<StateCode>,
    positions: &BTreeMap<StateCode, Position>,
) -> Vec<StateCode> {
    present
        .iter()
        .filter(|s| !positions.contains_key(s))
        .copied()
        .collect()
}

/// The outcome of a procedure in session under `rule`, given the states present, their
/// positions, the body's quorum and the number of member states.
///
/// - Quorum: at least [`quorum_required`] member states present, or the document is not adopted.
/// - Consensus: adopted when no present state objects. Abstaining, not participating, and
///   agreeing with a reservation or an interpretative statement do not block.
/// - Simple majority: more than half of the states voting (for or against) are for.
/// - Qualified majority n/d: at least n/d of all member states are for.
///
/// Call it once [`missing_positions`] is empty; a missing position counts as no vote.
pub fn outcome_in_session(
    rule: DecisionRule,
    present: &BTreeSet<StateCode>,
    positions: &BTreeMap<StateCode, Position>,
    quorum: Quorum,
    members: u32,
) -> Outcome {
    let present_count = u32::try_from(present.len()).unwrap_or(u32::MAX);
    let required = quorum_required(quorum, members);
    if present_count < required {
        return Outcome::NotAdopted {
            failure: Failure::NoQuorum {
                present: present_count,
                required,
            },
        };
    }
    let of_present = || {
        positions
            .iter()
            .filter(|(state, _)| present.contains(state))
            .map(|(_, p)| p)
    };
    let count = |f: fn(&Position) -> bool| {
        u32::try_from(of_present().filter(|p| f(p)).count()).unwrap_or(u32::MAX)
    };
    let for_ = count(Position::is_for);
    let against = count(|p| matches!(p, Position::Object { .. }));
    match rule {
        DecisionRule::Consensus | DecisionRule::Silence | DecisionRule::Head => {
            let objecting: Vec<StateCode> = positions
                .iter()
                .filter(|(s, p)| present.contains(s) && matches!(p, Position::Object { .. }))
                .map(|(s, _)| *s)
                .collect();
            if objecting.is_empty() {
                Outcome::Adopted
            } else {
                Outcome::NotAdopted {
                    failure: Failure::Objection { states: objecting },
                }
            }
        }
        DecisionRule::SimpleMajority => {
            let voting = for_.saturating_add(against);
            let required = voting / 2 + 1;
            if voting > 0 && for_ >= required {
                Outcome::Adopted
            } else {
                Outcome::NotAdopted {
                    failure: Failure::MajorityNotReached {
                        for_,
                        against,
                        required,
                    },
                }
            }
        }
        DecisionRule::QualifiedMajority(fraction) => {
            let required = (0..=members)
                .find(|n| fraction.reached(*n, members))
                .unwrap_or(members);
            if for_ >= required {
                Outcome::Adopted
            } else {
                Outcome::NotAdopted {
                    failure: Failure::MajorityNotReached {
                        for_,
                        against,
                        required,
                    },
                }
            }
        }
    }
}

/// Whether silence may still be broken at `now`: strictly before the deadline. At the deadline
/// itself the document is adopted.
pub fn silence_open(deadline: Timestamp, now: Timestamp) -> bool {
    now < deadline
}

/// Whether a silence procedure's deadline has come at `now`.
pub fn silence_due(deadline: Timestamp, now: Timestamp) -> bool {
    now >= deadline
}

/// Two accepted amendments that touch the same paragraph: the Secretariat must write the new
/// version's text itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// Two amendments change the same paragraph.
    #[error(
        "amendments {first} and {second} both change paragraph {paragraph}; write the new text yourself"
    )]
    Conflict {
        /// The first amendment.
        first: AmendmentId,
        /// The second.
        second: AmendmentId,
        /// The paragraph.
        paragraph: u32,
    },
    /// An amendment points past the end of the text.
    #[error("amendment {amendment} points at paragraph {paragraph}, but the text has {len}")]
    OutOfRange {
        /// The amendment.
        amendment: AmendmentId,
        /// The paragraph it names.
        paragraph: u32,
        /// How many paragraphs there are.
        len: usize,
    },
}

/// Applies accepted amendments, all against the same version, to its paragraphs. Replacements
/// and deletions of the same paragraph conflict; insertions after the same paragraph go in the
/// order given.
///
/// # Errors
/// A conflict or a paragraph out of range, named.
pub fn apply_amendments(
    paragraphs: &Paragraphs,
    amendments: &[(AmendmentId, u32, &AmendmentOp)],
) -> Result<Paragraphs, MergeError> {
    let len = paragraphs.len();
    let mut changed: BTreeMap<u32, (AmendmentId, Option<&Text>)> = BTreeMap::new();
    let mut inserted: BTreeMap<u32, Vec<&Text>> = BTreeMap::new();
    for &(id, paragraph, op) in amendments {
        let in_range = usize::try_from(paragraph).is_ok_and(|p| match op {
            AmendmentOp::Insert { .. } => p <= len,
            _ => (1..=len).contains(&p),
        });
        if !in_range {
            return Err(MergeError::OutOfRange {
                amendment: id,
                paragraph,
                len,
            });
        }
        match op {
            AmendmentOp::Insert { text } => inserted.entry(paragraph).or_default().push(text),
            AmendmentOp::Replace { text } => {
                if let Some((first, _)) = changed.insert(paragraph, (id, Some(text))) {
                    return Err(MergeError::Conflict {
                        first,
                        second: id,
                        paragraph,
                    });
                }
            }
            AmendmentOp::Delete => {
                if let Some((first, _)) = changed.insert(paragraph, (id, None)) {
                    return Err(MergeError::Conflict {
                        first,
                        second: id,
                        paragraph,
                    });
                }
            }
        }
    }
    let mut out = Vec::with_capacity(len + inserted.values().map(Vec::len).sum::<usize>());
    let push_inserted = |out: &mut Paragraphs, after: u32| {
        if let Some(texts) = inserted.get(&after) {
            out.extend(texts.iter().map(|t| (*t).clone()));
        }
    };
    push_inserted(&mut out, 0);
    for (index, paragraph) in (1u32..).zip(paragraphs) {
        match changed.get(&index) {
            Some((_, Some(text))) => out.push((*text).clone()),
            Some((_, None)) => {}
            None => out.push(paragraph.clone()),
        }
        push_inserted(&mut out, index);
    }
    Ok(out)
}

/// The hash of a version's text in `lang`: `sha256:` and the hex SHA-256 of the canonical JSON
/// array of its paragraphs in that language. `None` when a paragraph has no text in `lang`.
pub fn text_hash(paragraphs: &Paragraphs, lang: Lang) -> Option<TextHash> {
    let texts: Option<Vec<&str>> = paragraphs.iter().map(|p| p.get(lang)).collect();
    let bytes = crate::canonical::to_canonical(&texts?).ok()?;
    let digest = Sha256::digest(&bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Some(format!("sha256:{hex}"))
}

/// The hashes of every language a version is complete in.
pub fn text_hashes(paragraphs: &Paragraphs, languages: &[Lang]) -> TextHashes {
    languages
        .iter()
        .filter_map(|lang| Some((*lang, text_hash(paragraphs, *lang)?)))
        .collect()
}

/// The text a head of delegation signs for a decision: the decision, the document and version,
/// the authentic language and the hash of the authentic text. Ed25519 signs these bytes.
pub fn signing_message(
    decision: ProcedureId,
    document: DocumentId,
    version: u32,
    lang: Lang,
    hash: &str,
) -> String {
    format!(
        "accord decision signature v1\ndecision {decision}\ndocument {document} version {version}\nauthentic {lang}\ntext {hash}\n"
    )
}

/// One run of a word-level comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// In both.
    Same(String),
    /// Only in the newer text.
    Added(String),
    /// Only in the older text.
    Removed(String),
}

/// A word-level comparison of two texts (runs of equal, added and removed words with the spaces
/// between them), for comparing two versions of a paragraph.
pub fn compare_words(old: &str, new: &str) -> Vec<Change> {
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .diff_words(old, new);
    let mut out: Vec<Change> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        let merged = match (out.last_mut(), change.tag()) {
            (Some(Change::Same(run)), similar::ChangeTag::Equal)
            | (Some(Change::Added(run)), similar::ChangeTag::Insert)
            | (Some(Change::Removed(run)), similar::ChangeTag::Delete) => {
                run.push_str(text);
                true
            }
            _ => false,
        };
        if !merged {
            out.push(match change.tag() {
                similar::ChangeTag::Equal => Change::Same(text.to_owned()),
                similar::ChangeTag::Insert => Change::Added(text.to_owned()),
                similar::ChangeTag::Delete => Change::Removed(text.to_owned()),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
