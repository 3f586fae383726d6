//! Partnership protocols.

use crate::common::{as_account, bilingual, body, code, refused, run};
use crate::given::*;
use accord_core::config::{DocumentType, MemberStatus};
use accord_core::secretariat::SecretariatCommand as S;
use accord_core::secretariat::model::{DocumentId, Sponsor};
use accord_core::status::StatusCommand as C;
use accord_core::{
    Action, Affiliation, Classification, CommandPayload, Date, DomainError, Event, Principal,
    Recipient, Resource, Role, State, policy,
};

fn register_restricted(state: &mut State, doc_type: DocumentType) -> DocumentId {
    let events = by_sec(
        state,
        secretariat(S::RegisterDocument {
            doc_type,
            forum: None,
            title: bilingual("Для партнёров", "For partners"),
            sponsor: Sponsor::Secretariat,
            body: body("pc"),
            paragraphs: vec![bilingual("Текст.", "Text.")],
            classification: Some(Classification::Restricted),
            release: vec![],
        }),
    )
    .expect("registered");
    let [Event::DocumentRegistered(d)] = &events[..] else {
        panic!("{events:?}")
    };
    d.document
}

/// Whether `principal` may read the document now, as its page asks.
fn may_read_document(state: &State, principal: &Principal, id: DocumentId) -> bool {
    let doc = state.secretariat().document(id).expect("a document");
    assert_eq!(doc.effective_release, state.document_release(doc));
    let resource = Resource {
        classification: doc.effective_classification(),
        release: &doc.effective_release,
    };
    policy::can(principal, Action::Read, &resource).is_allowed()
}

fn protocol(
    state: &mut State,
    who: &str,
    doc_types: Vec<DocumentType>,
    sitreps: bool,
) -> Result<Vec<Event>, DomainError> {
    by_sec(
        state,
        status(C::RecordProtocol {
            state: code(who),
            doc_types,
            sitreps,
            document: None,
        }),
    )
}

#[test]
fn a_partner_reads_the_adopted_documents_of_the_types_its_protocol_lists_and_no_other() {
    // Given: Vietnam, a partner state with a delegate (test data), and two restricted
    // documents of the Permanent Council adopted by consensus: a decision and a report.
    let mut state = organisation();
    let admit = CommandPayload::AdmitState {
        state: code("VN"),
        name: bilingual("Вьетнам", "Viet Nam"),
        status: MemberStatus::Partner,
        since: Date::parse("2019-05-01").expect("date"),
    };
    run(&mut state, &Principal::system(), admit).expect("admitted");
    grant(
        &mut state,
        "vn.delegate",
        Affiliation::PartnerState { state: code("VN") },
        Role::Delegate,
    );
    let decision = register_restricted(&mut state, DocumentType::Decision);
    by_consensus(&mut state, "pc", 20, decision, None);
    let report = register_restricted(&mut state, DocumentType::Report);
    by_consensus(&mut state, "pc", 21, report, None);
    let draft = register_restricted(&mut state, DocumentType::Decision);
    let partner = as_account(&state, "vn.delegate");
    assert!(!may_read_document(&state, &partner, decision));

    // A protocol is for a partner state, and lists something.
    assert_eq!(
        refused(protocol(
            &mut state,
            "KZ",
            vec![DocumentType::Decision],
            false
        )),
        "protocol.not_a_partner"
    );
    assert_eq!(
        refused(protocol(
            &mut state,
            "UZ",
            vec![DocumentType::Decision],
            false
        )),
        "protocol.not_a_partner"
    );
    assert_eq!(
        refused(protocol(&mut state, "VN", vec![], false)),
        "protocol.empty"
    );
    let payload = status(C::RecordProtocol {
        state: code("VN"),
        doc_types: vec![DocumentType::Decision],
        sitreps: false,
        document: None,
    });
    assert_eq!(refused(run(&mut state, &partner, payload)), "access.denied");

    // When the Secretariat records Vietnam's protocol listing decisions:
    let events = protocol(&mut state, "VN", vec![DocumentType::Decision], true).expect("recorded");
    let [Event::ProtocolRecorded(recorded)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!(events[0].classification(), Classification::Restricted);
    assert_eq!(
        events[0].release(),
        [Recipient::State { state: code("VN") }]
    );
    assert!(recorded.sitreps);
    let kept = state.status().protocol(code("VN")).expect("a protocol");
    assert!(kept.lists(DocumentType::Decision) && !kept.lists(DocumentType::Report));
    // Then: its delegate reads the adopted decision; not the report (a type not listed), not
    // the draft decision; a member reads all three; an observer none.
    assert!(may_read_document(&state, &partner, decision));
    assert!(!may_read_document(&state, &partner, report));
    assert!(!may_read_document(&state, &partner, draft));
    let member = as_account(&state, "kz.head");
    for doc in [decision, report, draft] {
        assert!(may_read_document(&state, &member, doc));
    }
    // A decision adopted after the protocol is released at its adoption.
    by_consensus(&mut state, "pc", 22, draft, None);
    assert!(may_read_document(&state, &partner, draft));
    // A new protocol replaces the old one: reports now, decisions no longer.
    protocol(&mut state, "VN", vec![DocumentType::Report], false).expect("recorded");
    assert!(may_read_document(&state, &partner, report));
    assert!(!may_read_document(&state, &partner, decision));
    // Once Vietnam is no longer a partner, its protocol releases nothing.
    let change = CommandPayload::ChangeMemberStatus {
        state: code("VN"),
        status: MemberStatus::Observer,
        since: Date::parse("2020-12-01").expect("date"),
    };
    run(&mut state, &Principal::system(), change).expect("changed");
    let observer = as_account(&state, "vn.delegate");
    assert!(!may_read_document(&state, &observer, report));
}
