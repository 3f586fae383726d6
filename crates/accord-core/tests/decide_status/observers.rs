//! Sessions open to observers.

use crate::common::{as_account, bilingual, body, code, refused, run};
use crate::given::*;
use accord_core::config::MemberStatus;
use accord_core::secretariat::model::{SessionFormat, SessionStatus};
use accord_core::secretariat::{SecretariatCommand as S, SessionDetails};
use accord_core::{
    Action, Affiliation, Classification, CommandPayload, Date, DomainError, Event, Principal,
    Recipient, Resource, Role, State, policy,
};

/// not; returns its number.
fn schedule_session(
    state: &mut State,
    number: u32,
    open_to_observers: bool,
) -> accord_core::secretariat::model::SessionId {
    let events = by_sec(
        state,
        secretariat(S::ScheduleSession {
            body: body("cfm"),
            number,
            details: SessionDetails {
                title: bilingual("Заседание", "Meeting"),
                start: moscow("2020-12-01T17:00:00"),
                end: moscow("2020-12-01T19:00:00"),
                format: SessionFormat::Videoconference {
                    link: "https://vc.example.org/cfm".into(),
                },
                chair: None,
                participants: None,
            },
            classification: Some(Classification::Restricted),
            open_to_observers,
        }),
    )
    .expect("scheduled");
    let [Event::SessionScheduled(s)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!(s.open_to_observers, open_to_observers);
    s.session
}

/// Whether `principal` may read the session, as its page and calendar entry ask.
fn may_read_session(
    state: &State,
    principal: &Principal,
    id: accord_core::secretariat::model::SessionId,
) -> bool {
    let session = state.secretariat().session(id).expect("a session");
    let resource = Resource {
        classification: session.classification,
        release: session.release(),
    };
    policy::can(principal, Action::Read, &resource).is_allowed()
}

fn record_observers(
    state: &mut State,
    session: accord_core::secretariat::model::SessionId,
    observers: &[&str],
) -> Result<Vec<Event>, DomainError> {
    let observers = observers
        .iter()
        .map(|c| (code(c), vec![format!("Representative of {c}")]))
        .collect();
    by_sec(
        state,
        secretariat(S::RecordObservers { session, observers }),
    )
}

#[test]
fn an_observer_reads_a_session_open_to_observers_from_its_decision_on_and_not_a_closed_one() {
    // Given: Uzbekistan, a partner with a delegate, applies for observer status; a restricted
    // session open to observers and one that is not.
    let mut state = organisation();
    let admit = CommandPayload::AdmitState {
        state: code("UZ"),
        name: bilingual("Узбекистан", "Uzbekistan"),
        status: MemberStatus::Partner,
        since: Date::parse("2019-05-01").expect("date"),
    };
    run(&mut state, &Principal::system(), admit).expect("admitted");
    let affiliation = Affiliation::PartnerState { state: code("UZ") };
    grant(&mut state, "uz.delegate", affiliation, Role::Delegate);
    let application = submit(&mut state, "UZ", MemberStatus::Observer).expect("submitted");
    let csc = to_last_step(&mut state, application);
    let open = schedule_session(&mut state, 10, true);
    let closed = schedule_session(&mut state, 11, false);
    // The open session's entry is released to observers, the other's is not.
    let scheduled = |state: &State, id| {
        let s = state.secretariat().session(id).expect("a session");
        (s.open_to_observers, s.release().to_vec())
    };
    assert_eq!(scheduled(&state, open), (true, vec![Recipient::Observers]));
    assert_eq!(scheduled(&state, closed), (false, vec![]));

    // Before the decision, Uzbekistan is a partner: it reads neither session, and cannot be
    // recorded attending as an observer.
    let before = as_account(&state, "uz.delegate");
    assert!(!may_read_session(&state, &before, open));
    assert!(!may_read_session(&state, &before, closed));
    assert_eq!(
        refused(record_observers(&mut state, open, &["UZ"])),
        "session.not_an_observer"
    );

    // When the Collective Security Council's silence procedure ends, it is an observer.
    by_silence(&mut state, csc, deadline());
    let after = as_account(&state, "uz.delegate");
    assert!(matches!(after.affiliation(), Affiliation::Observer { .. }));
    // Then: it reads the open session and not the closed one; a member reads both.
    assert!(may_read_session(&state, &after, open));
    assert!(!may_read_session(&state, &after, closed));
    let member = as_account(&state, "kz.head");
    assert!(may_read_session(&state, &member, open));
    assert!(may_read_session(&state, &member, closed));

    // It is recorded attending the open session, apart from the participants; not the closed
    // one; a member state is not an observer.
    assert_eq!(
        refused(record_observers(&mut state, closed, &["UZ"])),
        "session.not_open_to_observers"
    );
    assert_eq!(
        refused(record_observers(&mut state, open, &["UZ", "KZ"])),
        "session.not_an_observer"
    );
    let events = record_observers(&mut state, open, &["UZ"]).expect("recorded");
    let [Event::ObserversRecorded(_)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!(events[0].release(), [Recipient::Observers]);
    let session = state.secretariat().session(open).expect("a session");
    assert_eq!(
        session.observers.keys().copied().collect::<Vec<_>>(),
        [code("UZ")]
    );
    assert!(!session.participants.contains_key(&code("UZ")));
    // An observer's account records nothing.
    let payload = secretariat(S::RecordObservers {
        session: open,
        observers: std::collections::BTreeMap::new(),
    });
    assert_eq!(refused(run(&mut state, &after, payload)), "access.denied");
}

#[test]
fn a_session_is_opened_and_closed_to_observers_by_the_secretariat() {
    let mut state = organisation();
    let admit = CommandPayload::AdmitState {
        state: code("RS"),
        name: bilingual("Сербия", "Serbia"),
        status: MemberStatus::Observer,
        since: Date::parse("2013-04-12").expect("date"),
    };
    run(&mut state, &Principal::system(), admit).expect("admitted");
    grant(
        &mut state,
        "rs.delegate",
        Affiliation::Observer { state: code("RS") },
        Role::Delegate,
    );
    let observer = as_account(&state, "rs.delegate");
    let session = schedule_session(&mut state, 12, false);
    assert!(!may_read_session(&state, &observer, session));
    let set = |open| secretariat(S::SetOpenToObservers { session, open });
    assert_eq!(
        refused(by_sec(&mut state, set(false))),
        "session.openness_unchanged"
    );
    let events = by_sec(&mut state, set(true)).expect("opened");
    let [Event::SessionOpennessChanged(change)] = &events[..] else {
        panic!("{events:?}")
    };
    assert!(change.open_to_observers);
    assert!(may_read_session(&state, &observer, session));
    // Later records of the session are released to observers too.
    let item = S::AddAgendaItem {
        session,
        title: bilingual("Пункт", "Item"),
        documents: vec![],
    };
    let events = by_sec(&mut state, secretariat(item)).expect("item");
    assert_eq!(events[0].release(), [Recipient::Observers]);
    // A session with observers attending stays open to them.
    record_observers(&mut state, session, &["RS"]).expect("recorded");
    assert_eq!(
        refused(by_sec(&mut state, set(false))),
        "session.observers_attending"
    );
    record_observers(&mut state, session, &[]).expect("none attending");
    by_sec(&mut state, set(false)).expect("closed");
    assert!(!may_read_session(&state, &observer, session));
    // Only the Secretariat's officers open a session.
    assert_eq!(
        refused(run(&mut state, &observer, set(true))),
        "access.denied"
    );
}

#[test]
fn a_session_closed_to_observers_is_written_as_before_and_old_entries_still_decode() {
    let mut state = organisation();
    let closed = schedule_session(&mut state, 13, false);
    let open = schedule_session(&mut state, 14, true);
    let body = |id| {
        let session = state.secretariat().session(id).expect("a session");
        Event::SessionStatusChanged(accord_core::secretariat::events::SessionStatusChanged {
            session: id,
            from: SessionStatus::Planned,
            to: SessionStatus::Convened,
            sequence: 1,
            classification: session.classification,
            open_to_observers: session.open_to_observers,
        })
        .body_bytes()
        .expect("canonical")
    };
    // Not open: the body has no new field, exactly as entries written before it existed.
    let old = String::from_utf8(body(closed)).expect("utf-8");
    assert!(!old.contains("open_to_observers"), "{old}");
    let decoded = Event::from_body("session.status_changed", old.as_bytes()).expect("decodes");
    assert!(decoded.release().is_empty());
    // Open: the field is written and the entry is released to observers.
    let new = body(open);
    let decoded = Event::from_body("session.status_changed", &new).expect("decodes");
    assert_eq!(decoded.release(), [Recipient::Observers]);
}
