//! The chair's priorities and joint statements delivered in their forums.

use crate::common::{at, bilingual, code, now, refused};
use crate::given::*;
use accord_core::config::DocumentType;
use accord_core::secretariat::model::DocumentId;
use accord_core::status::StatusCommand as C;
use accord_core::{Classification, Date, Event};

#[test]
fn the_chairs_priorities_are_linked_to_the_term_of_the_date_given() {
    let mut state = organisation();
    let doc = register(&mut state, "csc", DocumentType::Statement);
    let set = C::SetChairPriorities {
        term_of: Date::parse("2020-06-15").expect("date"),
        document: doc,
    };
    let events = by_sec(&mut state, status(set)).expect("set");
    let [Event::ChairPrioritiesSet(e)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!(e.chair, code("RU"));
    assert_eq!(e.term_start, Date::parse("2020-01-01").expect("date"));
    let unknown = C::SetChairPriorities {
        term_of: Date::parse("2021-01-01").expect("date"),
        document: DocumentId(999),
    };
    assert_eq!(
        refused(by_sec(&mut state, status(unknown))),
        "document.unknown"
    );
}

#[test]
fn only_an_adopted_joint_statement_is_delivered_after_its_adoption() {
    let mut state = organisation();
    let statement = register(&mut state, "cfm", DocumentType::JointStatement);
    let meeting = bilingual(
        "Генеральная Ассамблея ООН, 75-я сессия, Первый комитет",
        "UN General Assembly, 75th session, First Committee",
    );
    let deliver = |document, delivered_at| {
        status(C::RecordDelivery {
            document,
            meeting: meeting.clone(),
            delivered_at,
        })
    };
    let draft = deliver(statement, now());
    assert_eq!(refused(by_sec(&mut state, draft)), "delivery.not_adopted");
    by_consensus(&mut state, "cfm", 1, statement, None);
    let early = deliver(statement, at("2020-12-01T12:59:59Z"));
    assert_eq!(
        refused(by_sec(&mut state, early)),
        "delivery.before_adoption"
    );
    let later = deliver(statement, at("2020-12-02T10:00:00Z"));
    assert_eq!(refused(by_sec(&mut state, later)), "delivery.in_future");
    let events = by_sec(&mut state, deliver(statement, now())).expect("delivered");
    let [Event::StatementDelivered(e)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!(e.classification, Classification::Public);
    assert_eq!(state.status().deliveries(statement).len(), 1);
    let decision = register(&mut state, "cfm", DocumentType::Decision);
    by_consensus(&mut state, "cfm", 2, decision, None);
    let wrong = deliver(decision, now());
    assert_eq!(
        refused(by_sec(&mut state, wrong)),
        "delivery.not_joint_statement"
    );
}
