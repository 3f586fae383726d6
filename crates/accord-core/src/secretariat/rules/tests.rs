//! Unit tests of the procedure rules: outcomes, amendments, text hashes and comparisons.

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
