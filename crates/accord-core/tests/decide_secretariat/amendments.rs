//! Versions and amendments: accepted and rejected, superseded versions, paragraphs and who
//! proposes.

use crate::common::{as_account, bilingual, refused, run};
use crate::given::*;
use accord_core::config::DocumentType;
use accord_core::secretariat::model::{AmendmentOp, AmendmentStatus};
use accord_core::secretariat::{AmendmentDraft, SecretariatCommand as S};

#[test]
fn the_next_version_takes_accepted_amendments_and_keeps_rejected_ones() {
    let mut state = organisation();
    let doc = register(&mut state, "cfm", DocumentType::Statement);
    let replace = AmendmentOp::Replace {
        text: bilingual(
            "Память о павших священна.",
            "The memory of the fallen is sacred.",
        ),
    };
    let accepted = amend(&mut state, "ru.delegate", doc, 1, replace);
    let rejected = amend(&mut state, "by.delegate", doc, 1, AmendmentOp::Delete);
    let sec = secretariat(&state);
    let twice = S::MakeVersion {
        document: doc,
        paragraphs: None,
        accept: vec![accepted, accepted],
        reject: vec![rejected],
    };
    assert_eq!(
        refused(exec(&sec, &mut state, cmd(twice))),
        "amendment.repeated"
    );
    let undecided = S::MakeVersion {
        document: doc,
        paragraphs: None,
        accept: vec![accepted],
        reject: vec![],
    };
    assert_eq!(
        refused(run(&mut state, &sec, cmd(undecided))),
        "amendment.unresolved"
    );
    run(
        &mut state,
        &sec,
        cmd(S::MakeVersion {
            document: doc,
            paragraphs: None,
            accept: vec![accepted],
            reject: vec![rejected],
        }),
    )
    .expect("version 2");
    let records = state.secretariat();
    let document = records.document(doc).expect("document");
    assert_eq!(document.versions.len(), 2);
    assert_eq!(
        document.versions[1].paragraphs[1].authentic_text(),
        "Память о павших священна."
    );
    assert_eq!(
        records.amendment(accepted).map(|a| a.status),
        Some(AmendmentStatus::Accepted { version: 2 })
    );
    assert_eq!(
        records.amendment(rejected).map(|a| a.status),
        Some(AmendmentStatus::Rejected { version: 2 })
    );
    assert_eq!(
        document.versions[0].paragraphs,
        paragraphs(),
        "nothing is lost"
    );
}

#[test]
fn an_amendment_against_a_superseded_version_is_refused() {
    let mut state = organisation();
    let doc = register(&mut state, "cfm", DocumentType::Statement);
    let sec = secretariat(&state);
    run(
        &mut state,
        &sec,
        cmd(S::MakeVersion {
            document: doc,
            paragraphs: Some(paragraphs()),
            accept: vec![],
            reject: vec![],
        }),
    )
    .expect("version 2");
    let before = state.clone();
    let result = exec(
        &as_account(&state, "ru.delegate"),
        &mut state,
        cmd(S::ProposeAmendment {
            document: doc,
            draft: AmendmentDraft {
                version: 1,
                paragraph: 1,
                op: AmendmentOp::Delete,
                rationale: bilingual("Лишнее", "Redundant"),
            },
        }),
    );
    assert_eq!(refused(result), "amendment.superseded_version");
    assert_eq!(state, before, "nothing written");
}

#[test]
fn an_amendment_must_point_at_an_existing_paragraph_and_not_come_from_staff() {
    let mut state = organisation();
    let doc = register(&mut state, "cfm", DocumentType::Statement);
    let draft = |paragraph| AmendmentDraft {
        version: 1,
        paragraph,
        op: AmendmentOp::Delete,
        rationale: bilingual("Лишнее", "Redundant"),
    };
    let result = exec(
        &as_account(&state, "ru.delegate"),
        &mut state,
        cmd(S::ProposeAmendment {
            document: doc,
            draft: draft(3),
        }),
    );
    assert_eq!(refused(result), "amendment.paragraph_out_of_range");
    let result = exec(
        &secretariat(&state),
        &mut state,
        cmd(S::ProposeAmendment {
            document: doc,
            draft: draft(1),
        }),
    );
    assert_eq!(refused(result), "access.denied");
}
