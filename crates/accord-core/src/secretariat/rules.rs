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
mod tests {
    use super::*;
    use crate::config::Fraction;

    fn s(code: &str) -> StateCode {
        StateCode::parse(code).expect("code")
    }

    fn ru() -> Lang {
        Lang::parse("ru").expect("ru")
    }

    fn en() -> Lang {
        Lang::parse("en").expect("en")
    }

    fn text(r: &str) -> Text {
        Text::new(ru(), r).expect("text")
    }

    fn present(codes: &[&str]) -> BTreeSet<StateCode> {
        codes.iter().map(|c| s(c)).collect()
    }

    fn positions(list: &[(&str, Position)]) -> BTreeMap<StateCode, Position> {
        list.iter().map(|(c, p)| (s(c), p.clone())).collect()
    }

    fn two_thirds() -> Quorum {
        Quorum::Fraction(Fraction::parse("2/3").expect("fraction"))
    }

    fn object() -> Position {
        Position::Object {
            reason: text("нет"),
        }
    }

    #[test]
    fn a_quorum_of_two_thirds_of_six_is_four() {
        assert_eq!(quorum_required(two_thirds(), 6), 4);
        assert_eq!(quorum_required(Quorum::All, 6), 6);
        assert_eq!(quorum_required(Quorum::None, 6), 0);
        let half = Quorum::Fraction(Fraction::parse("1/2").expect("fraction"));
        assert_eq!(quorum_required(half, 5), 3);
    }

    #[test]
    fn consensus_is_reached_when_every_present_state_agrees() {
        let here = present(&["AM", "BY", "KZ", "RU"]);
        let all = positions(&[
            ("AM", Position::Agree),
            ("BY", Position::Agree),
            ("KZ", Position::Agree),
            ("RU", Position::Agree),
        ]);
        let outcome = outcome_in_session(DecisionRule::Consensus, &here, &all, two_thirds(), 6);
        assert_eq!(outcome, Outcome::Adopted);
    }

    #[test]
    fn one_objection_blocks_consensus_even_next_to_an_abstention() {
        let here = present(&["AM", "BY", "KZ", "RU"]);
        let all = positions(&[
            ("AM", Position::Abstain),
            ("BY", object()),
            ("KZ", Position::Agree),
            ("RU", Position::Agree),
        ]);
        let outcome = outcome_in_session(DecisionRule::Consensus, &here, &all, two_thirds(), 6);
        assert_eq!(
            outcome,
            Outcome::NotAdopted {
                failure: Failure::Objection {
                    states: vec![s("BY")]
                }
            }
        );
    }

    #[test]
    fn abstaining_and_not_participating_do_not_block_consensus() {
        let here = present(&["AM", "BY", "KZ", "RU"]);
        let all = positions(&[
            ("AM", Position::Abstain),
            ("BY", Position::NotParticipating),
            ("KZ", Position::Agree),
            ("RU", Position::Agree),
        ]);
        let outcome = outcome_in_session(DecisionRule::Consensus, &here, &all, two_thirds(), 6);
        assert_eq!(outcome, Outcome::Adopted);
    }

    #[test]
    fn a_reservation_or_an_interpretative_statement_does_not_block_consensus() {
        let here = present(&["AM", "BY", "KZ", "RU"]);
        let all = positions(&[
            (
                "AM",
                Position::AgreeWithReservation {
                    text: text("оговорка"),
                },
            ),
            (
                "BY",
                Position::InterpretativeStatement {
                    text: text("толкование"),
                },
            ),
            ("KZ", Position::Agree),
            ("RU", Position::Agree),
        ]);
        let outcome = outcome_in_session(DecisionRule::Consensus, &here, &all, two_thirds(), 6);
        assert_eq!(outcome, Outcome::Adopted);
    }

    #[test]
    fn without_a_quorum_nothing_is_adopted_even_unanimously() {
        let here = present(&["AM", "BY", "KZ"]);
        let all = positions(&[
            ("AM", Position::Agree),
            ("BY", Position::Agree),
            ("KZ", Position::Agree),
        ]);
        let outcome = outcome_in_session(DecisionRule::Consensus, &here, &all, two_thirds(), 6);
        assert_eq!(
            outcome,
            Outcome::NotAdopted {
                failure: Failure::NoQuorum {
                    present: 3,
                    required: 4
                }
            }
        );
    }

    #[test]
    fn a_missing_position_is_named() {
        let here = present(&["AM", "BY", "KZ", "RU"]);
        let some = positions(&[("AM", Position::Agree), ("KZ", Position::Abstain)]);
        assert_eq!(missing_positions(&here, &some), vec![s("BY"), s("RU")]);
        let all = positions(&[
            ("AM", Position::Agree),
            ("BY", Position::Agree),
            ("KZ", Position::Abstain),
            ("RU", Position::Agree),
        ]);
        assert!(missing_positions(&here, &all).is_empty());
    }

    #[test]
    fn a_simple_majority_counts_only_the_states_voting() {
        let here = present(&["AM", "BY", "KZ", "KG", "RU"]);
        // Two for, one against, two abstain: 2 of 3 voting is a majority.
        let votes = positions(&[
            ("AM", Position::Agree),
            ("BY", Position::Agree),
            ("KZ", object()),
            ("KG", Position::Abstain),
            ("RU", Position::Abstain),
        ]);
        let rule = DecisionRule::SimpleMajority;
        assert_eq!(
            outcome_in_session(rule, &here, &votes, two_thirds(), 6),
            Outcome::Adopted
        );
        // A tie is not a majority.
        let tie = positions(&[
            ("AM", Position::Agree),
            ("KZ", object()),
            ("BY", Position::Abstain),
            ("KG", Position::Abstain),
            ("RU", Position::Abstain),
        ]);
        assert_eq!(
            outcome_in_session(rule, &here, &tie, two_thirds(), 6),
            Outcome::NotAdopted {
                failure: Failure::MajorityNotReached {
                    for_: 1,
                    against: 1,
                    required: 2
                }
            }
        );
    }

    #[test]
    fn a_qualified_majority_counts_all_member_states() {
        let rule = DecisionRule::QualifiedMajority(Fraction::parse("2/3").expect("fraction"));
        let here = present(&["AM", "BY", "KZ", "KG", "RU"]);
        let three = positions(&[
            ("AM", Position::Agree),
            ("BY", Position::Agree),
            ("KZ", Position::Agree),
            ("KG", Position::Abstain),
            ("RU", Position::Abstain),
        ]);
        // Three of six is not two thirds, though three of the three voting are for.
        assert_eq!(
            outcome_in_session(rule, &here, &three, two_thirds(), 6),
            Outcome::NotAdopted {
                failure: Failure::MajorityNotReached {
                    for_: 3,
                    against: 0,
                    required: 4
                }
            }
        );
        let mut four = three;
        four.insert(s("KG"), Position::Agree);
        assert_eq!(
            outcome_in_session(rule, &here, &four, two_thirds(), 6),
            Outcome::Adopted
        );
    }

    #[test]
    fn silence_may_be_broken_until_one_second_before_the_deadline_and_not_at_it() {
        let deadline = Timestamp::parse("2020-12-01T18:00:00Z").expect("time");
        let before = Timestamp::parse("2020-12-01T17:59:59Z").expect("time");
        assert!(silence_open(deadline, before));
        assert!(!silence_due(deadline, before));
        assert!(!silence_open(deadline, deadline));
        assert!(silence_due(deadline, deadline));
    }

    #[test]
    fn accepted_amendments_are_applied_in_place() {
        let base = vec![text("один"), text("два"), text("три")];
        let insert = AmendmentOp::Insert {
            text: text("вставка"),
        };
        let replace = AmendmentOp::Replace {
            text: text("ДВА")
        };
        let delete = AmendmentOp::Delete;
        let start = AmendmentOp::Insert {
            text: text("начало"),
        };
        let out = apply_amendments(
            &base,
            &[
                (AmendmentId(1), 1, &insert),
                (AmendmentId(2), 2, &replace),
                (AmendmentId(3), 3, &delete),
                (AmendmentId(4), 0, &start),
            ],
        )
        .expect("applies");
        let words: Vec<&str> = out.iter().map(Text::authentic_text).collect();
        assert_eq!(words, ["начало", "один", "вставка", "ДВА"]);
    }

    #[test]
    fn two_amendments_to_one_paragraph_conflict() {
        let base = vec![text("один")];
        let a = AmendmentOp::Replace { text: text("1") };
        let b = AmendmentOp::Delete;
        assert_eq!(
            apply_amendments(&base, &[(AmendmentId(1), 1, &a), (AmendmentId(2), 1, &b)]),
            Err(MergeError::Conflict {
                first: AmendmentId(1),
                second: AmendmentId(2),
                paragraph: 1
            })
        );
        assert!(matches!(
            apply_amendments(&base, &[(AmendmentId(3), 2, &b)]),
            Err(MergeError::OutOfRange { .. })
        ));
    }

    #[test]
    fn a_text_hash_covers_one_language_and_needs_every_paragraph_in_it() {
        let both = vec![
            text("Заявление").with(en(), "Statement").expect("text"),
            text("Пункт").with(en(), "Paragraph").expect("text"),
        ];
        let ru_hash = text_hash(&both, ru()).expect("complete in ru");
        let en_hash = text_hash(&both, en()).expect("complete in en");
        assert_ne!(ru_hash, en_hash);
        assert!(ru_hash.starts_with("sha256:") && ru_hash.len() == 7 + 64);
        let partial = vec![both[0].clone(), text("Пункт")];
        assert_eq!(text_hash(&partial, en()), None);
        assert_eq!(text_hash(&partial, ru()), Some(ru_hash));
    }

    #[test]
    fn the_signing_message_names_decision_document_version_and_hash() {
        let message = signing_message(ProcedureId(3), DocumentId(2), 4, ru(), "sha256:ab");
        assert_eq!(
            message,
            "accord decision signature v1\ndecision 3\ndocument 2 version 4\nauthentic ru\ntext sha256:ab\n"
        );
    }

    #[test]
    fn words_are_compared_word_by_word() {
        let changes = compare_words(
            "Государства-члены подтверждают приверженность",
            "Государства-члены вновь подтверждают свою приверженность",
        );
        let added: Vec<&str> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Added(t) => Some(t.trim()),
                _ => None,
            })
            .collect();
        assert_eq!(added, ["вновь", "свою"]);
        assert!(!changes.iter().any(|c| matches!(c, Change::Removed(_))));
        let rebuilt_new: String = changes
            .iter()
            .filter_map(|c| match c {
                Change::Same(t) | Change::Added(t) => Some(t.as_str()),
                Change::Removed(_) => None,
            })
            .collect();
        assert_eq!(
            rebuilt_new,
            "Государства-члены вновь подтверждают свою приверженность"
        );
    }
}
