//! Given-when-then: status applications through the configured bodies, the status granted
//! exactly at the deciding body's decision, withdrawal and failed steps, the chair's
//! priorities and joint statements delivered in their forums.

mod common;

use accord_core::config::{DecisionRule, DocumentType, MemberStatus, StepKind};
use accord_core::secretariat::model::{
    DocumentId, Forum, Position, SessionFormat, SessionStatus, Sponsor, ZonedTime,
};
use accord_core::secretariat::{SecretariatCommand as S, SessionDetails};
use accord_core::status::model::ApplicationOutcome;
use accord_core::status::{ApplicationId, StatusCommand as C};
use accord_core::{
    Action, Affiliation, Classification, CommandPayload, Date, DomainError, Event, Principal,
    Recipient, Resource, Role, State, Timestamp, policy,
};
use common::{account, as_account, at, bilingual, body, code, now, refused, run, run_at, staffed};

const HEADS: [&str; 6] = ["AM", "BY", "KZ", "KG", "RU", "TJ"];

/// Given: the staffed organisation with a head of delegation for every member state.
fn organisation() -> State {
    let mut state = staffed();
    for state_code in ["AM", "BY", "KZ", "KG", "TJ"] {
        let id = format!("{}.head", state_code.to_lowercase());
        let affiliation = Affiliation::Delegation {
            state: code(state_code),
        };
        grant(&mut state, &id, affiliation, Role::HeadOfDelegation);
    }
    state
}

fn grant(state: &mut State, id: &str, affiliation: Affiliation, role: Role) {
    let system = Principal::system();
    let payload = CommandPayload::GrantAffiliation {
        account: account(id),
        affiliation,
    };
    run(state, &system, payload).expect("affiliation");
    let payload = CommandPayload::GrantRole {
        account: account(id),
        role,
    };
    run(state, &system, payload).expect("role");
}

fn sec(state: &State) -> Principal {
    as_account(state, "sec.officer")
}

/// Runs `payload` as the Secretariat officer.
fn by_sec(state: &mut State, payload: CommandPayload) -> Result<Vec<Event>, DomainError> {
    let officer = sec(state);
    run(state, &officer, payload)
}

fn status(command: C) -> CommandPayload {
    CommandPayload::Status(command)
}

fn secretariat(command: S) -> CommandPayload {
    CommandPayload::Secretariat(command)
}

fn submit(state: &mut State, who: &str, asked: MemberStatus) -> Result<ApplicationId, DomainError> {
    let events = run(
        state,
        &sec(state),
        status(C::SubmitApplication {
            state: code(who),
            name: bilingual("Узбекистан", "Uzbekistan"),
            status: asked,
            letter: bilingual("Просим предоставить статус.", "We ask for the status."),
        }),
    )?;
    let [Event::ApplicationSubmitted(e)] = &events[..] else {
        panic!("{events:?}")
    };
    Ok(e.application)
}

fn register(state: &mut State, body_id: &str, doc_type: DocumentType) -> DocumentId {
    let forum = (doc_type == DocumentType::JointStatement).then_some(Forum::Un);
    let events = run(
        state,
        &sec(state),
        secretariat(S::RegisterDocument {
            doc_type,
            forum,
            title: bilingual("О статусе", "On the status"),
            sponsor: Sponsor::Secretariat,
            body: body(body_id),
            paragraphs: vec![bilingual("Решили.", "Decided.")],
            classification: Some(Classification::Public),
            release: vec![],
        }),
    )
    .expect("registered");
    let [Event::DocumentRegistered(d)] = &events[..] else {
        panic!("{events:?}")
    };
    d.document
}

fn link(
    state: &mut State,
    application: ApplicationId,
    document: DocumentId,
) -> Result<Vec<Event>, DomainError> {
    run(
        state,
        &sec(state),
        status(C::LinkStepDocument {
            application,
            document,
        }),
    )
}

fn moscow(local: &str) -> ZonedTime {
    ZonedTime::from_local(local, "Europe/Moscow").expect("a Moscow time")
}

/// A session of `body_id` numbered `number` decides `document` by consensus, with `objector`
/// objecting if given; returns the events of closing the item.
fn by_consensus(
    state: &mut State,
    body_id: &str,
    number: u32,
    document: DocumentId,
    objector: Option<&str>,
) -> Vec<Event> {
    let officer = sec(state);
    let events = run(
        state,
        &officer,
        secretariat(S::ScheduleSession {
            body: body(body_id),
            number,
            details: SessionDetails {
                title: bilingual("Заседание", "Meeting"),
                start: moscow("2020-12-01T17:00:00"),
                end: moscow("2020-12-01T19:00:00"),
                format: SessionFormat::Videoconference {
                    link: "https://vc.example.org/pc".into(),
                },
                chair: None,
                participants: None,
            },
            classification: None,
            open_to_observers: false,
        }),
    )
    .expect("scheduled");
    let [Event::SessionScheduled(s)] = &events[..] else {
        panic!("{events:?}")
    };
    let session = s.session;
    let item = S::AddAgendaItem {
        session,
        title: bilingual("О заявке", "On the application"),
        documents: vec![document],
    };
    run(state, &officer, secretariat(item)).expect("item");
    let convene = S::SetSessionStatus {
        session,
        status: SessionStatus::Convened,
    };
    run(state, &officer, secretariat(convene)).expect("convened");
    let open = S::OpenProcedure {
        session,
        item: 1,
        document,
        rule: DecisionRule::Consensus,
    };
    let events = run(state, &officer, secretariat(open)).expect("opened");
    let [Event::ProcedureOpened(p)] = &events[..] else {
        panic!("{events:?}")
    };
    let procedure = p.procedure;
    for head in HEADS {
        let position = if objector == Some(head) {
            Position::Object {
                reason: bilingual("Возражаем", "We object"),
            }
        } else {
            Position::Agree
        };
        let who = as_account(state, &format!("{}.head", head.to_lowercase()));
        run(
            state,
            &who,
            secretariat(S::StatePosition {
                procedure,
                position,
            }),
        )
        .expect("position");
    }
    run(
        state,
        &officer,
        secretariat(S::CloseProcedure { procedure }),
    )
    .expect("closed")
}

/// A silence procedure on `document` with a deadline at 18:00 Moscow time on 1 December 2020
/// (15:00 UTC), concluded by the system at `conclude_at`; returns the events of concluding.
fn by_silence(state: &mut State, document: DocumentId, conclude_at: Timestamp) -> Vec<Event> {
    let launch = S::LaunchSilence {
        document,
        deadline: moscow("2020-12-01T18:00:00"),
    };
    let events = run(state, &sec(state), secretariat(launch)).expect("launched");
    let [Event::ProcedureOpened(p)] = &events[..] else {
        panic!("{events:?}")
    };
    let conclude = S::ConcludeSilence {
        procedure: p.procedure,
    };
    run_at(
        state,
        &Principal::system(),
        secretariat(conclude),
        conclude_at,
    )
    .expect("concluded")
}

fn deadline() -> Timestamp {
    at("2020-12-01T15:00:00Z")
}

/// Given an application of Uzbekistan, takes it through the Permanent Council and the
/// Council of Foreign Ministers; returns the Collective Security Council's document.
fn to_last_step(state: &mut State, application: ApplicationId) -> DocumentId {
    let pc = register(state, "pc", DocumentType::Decision);
    link(state, application, pc).expect("linked");
    by_consensus(state, "pc", 1, pc, None);
    let cfm = register(state, "cfm", DocumentType::Decision);
    link(state, application, cfm).expect("linked");
    by_consensus(state, "cfm", 1, cfm, None);
    let csc = register(state, "csc", DocumentType::Decision);
    link(state, application, csc).expect("linked");
    csc
}

#[test]
fn the_reference_organisation_takes_applications_through_pc_cfm_and_csc() {
    let config = common::reference();
    let steps = config
        .application_steps()
        .for_status(MemberStatus::Observer);
    let named: Vec<(&str, StepKind)> = steps.iter().map(|s| (s.body.as_str(), s.step)).collect();
    assert_eq!(
        named,
        [
            ("pc", StepKind::Consider),
            ("cfm", StepKind::Recommend),
            ("csc", StepKind::Decide)
        ]
    );
    assert_eq!(
        config
            .application_steps()
            .for_status(MemberStatus::Partner)
            .len(),
        3
    );
}

#[test]
fn a_step_advances_only_on_an_adopted_decision_of_its_body_on_its_document() {
    let mut state = organisation();
    let application = submit(&mut state, "UZ", MemberStatus::Observer).expect("submitted");
    let app = state
        .status()
        .application(application)
        .expect("application");
    assert_eq!(app.current_step(), Some(0));
    // A document of another body is refused for the Permanent Council's step.
    let cfm = register(&mut state, "cfm", DocumentType::Decision);
    assert_eq!(
        refused(link(&mut state, application, cfm)),
        "application.wrong_body"
    );
    // A decision of the Permanent Council on another document changes nothing.
    let other = register(&mut state, "pc", DocumentType::Decision);
    let events = by_consensus(&mut state, "pc", 1, other, None);
    assert_eq!(events.len(), 1, "{events:?}");
    let app = state
        .status()
        .application(application)
        .expect("application");
    assert_eq!(app.current_step(), Some(0));
    // The step's own document, adopted: the application moves to the foreign ministers.
    let pc = register(&mut state, "pc", DocumentType::Decision);
    link(&mut state, application, pc).expect("linked");
    assert_eq!(
        refused(link(&mut state, application, other)),
        "application.step_has_document"
    );
    let events = by_consensus(&mut state, "pc", 2, pc, None);
    let [Event::DecisionRecorded(record), Event::StepDecided(step)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!(
        (step.step, step.adopted, step.decision),
        (1, true, record.decision)
    );
    let app = state
        .status()
        .application(application)
        .expect("application");
    assert_eq!(app.current_step(), Some(1));
    assert!(app.is_open());
    // The Council of Foreign Ministers recommends; nothing is granted before the last step.
    link(&mut state, application, cfm).expect("linked");
    let events = by_consensus(&mut state, "cfm", 1, cfm, None);
    assert_eq!(events.len(), 2, "{events:?}");
    assert!(state.state(code("UZ")).is_none());
}

#[test]
fn the_status_is_granted_by_the_command_that_records_the_deciding_decision() {
    let mut state = organisation();
    let application = submit(&mut state, "UZ", MemberStatus::Observer).expect("submitted");
    let csc = to_last_step(&mut state, application);
    let events = by_silence(&mut state, csc, deadline());
    let [
        Event::DecisionRecorded(record),
        Event::StepDecided(step),
        Event::MemberAdmitted(admitted),
    ] = &events[..]
    else {
        panic!("{events:?}")
    };
    assert_eq!((step.step, step.adopted), (3, true));
    assert_eq!(admitted.status, MemberStatus::Observer);
    assert_eq!(admitted.at, Some(deadline()));
    assert_eq!(admitted.decision, Some(record.decision));
    assert_eq!(admitted.since, Date::parse("2020-12-01").expect("date"));
    let app = state
        .status()
        .application(application)
        .expect("application");
    assert_eq!(
        app.outcome,
        Some(ApplicationOutcome::Granted {
            decision: record.decision,
            at: deadline()
        })
    );
    let uz = state.state(code("UZ")).expect("in the registry");
    assert_eq!(uz.status, MemberStatus::Observer);
    let history = state.status().history(code("UZ"));
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].decision, Some(record.decision));
}

fn may_read(principal: &Principal, release: &[Recipient]) -> bool {
    let resource = Resource {
        classification: Classification::Restricted,
        release,
    };
    policy::can(principal, Action::Read, &resource).is_allowed()
}

#[test]
fn rights_change_exactly_at_the_decision_even_when_it_is_concluded_late() {
    let mut state = organisation();
    // Uzbekistan is a partner since 2019, with a delegate, and applies to become an observer.
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
    let to_observers = [Recipient::Observers];
    let to_partners = [Recipient::Partners];
    let before = as_account(&state, "uz.delegate");
    assert!(!may_read(&before, &to_observers));
    assert!(may_read(&before, &to_partners));
    // The server was down across the deadline and concludes two days later.
    let events = by_silence(&mut state, csc, at("2020-12-03T09:30:00Z"));
    let Some(Event::MemberStatusChanged(change)) = events.last() else {
        panic!("{events:?}")
    };
    assert_eq!(
        (change.from, change.to),
        (MemberStatus::Partner, MemberStatus::Observer)
    );
    assert_eq!(change.at, Some(deadline()));
    let after = as_account(&state, "uz.delegate");
    assert!(may_read(&after, &to_observers));
    assert!(!may_read(&after, &to_partners));
    // The history holds the status from the decision's time to the second.
    let one_before = Timestamp::from_unix_seconds(deadline().unix_seconds() - 1).expect("time");
    let status_at = |t| state.status().status_at(code("UZ"), t).map(|s| s.status);
    assert_eq!(status_at(one_before), Some(MemberStatus::Partner));
    assert_eq!(status_at(deadline()), Some(MemberStatus::Observer));
    assert_eq!(
        status_at(at("2020-12-02T00:00:00Z")),
        Some(MemberStatus::Observer)
    );
}

#[test]
fn a_failed_step_refuses_the_application_and_grants_nothing() {
    let mut state = organisation();
    let application = submit(&mut state, "UZ", MemberStatus::Partner).expect("submitted");
    let pc = register(&mut state, "pc", DocumentType::Decision);
    link(&mut state, application, pc).expect("linked");
    let events = by_consensus(&mut state, "pc", 1, pc, Some("KZ"));
    let [Event::DecisionRecorded(record), Event::StepDecided(step)] = &events[..] else {
        panic!("{events:?}")
    };
    assert!(!step.adopted);
    let app = state
        .status()
        .application(application)
        .expect("application");
    assert_eq!(
        app.outcome,
        Some(ApplicationOutcome::Refused {
            decision: record.decision,
            at: now()
        })
    );
    let cfm = register(&mut state, "cfm", DocumentType::Decision);
    assert_eq!(
        refused(link(&mut state, application, cfm)),
        "application.closed"
    );
    assert!(state.state(code("UZ")).is_none());
    // A refused application is no longer under way: the state may apply again.
    submit(&mut state, "UZ", MemberStatus::Partner).expect("a new application");
}

#[test]
fn a_withdrawn_application_stops_and_a_later_decision_on_its_document_grants_nothing() {
    let mut state = organisation();
    let application = submit(&mut state, "UZ", MemberStatus::Observer).expect("submitted");
    let csc = to_last_step(&mut state, application);
    let withdraw = status(C::WithdrawApplication { application });
    let delegate = as_account(&state, "ru.delegate");
    assert_eq!(
        refused(run(&mut state, &delegate, withdraw.clone())),
        "access.denied"
    );
    by_sec(&mut state, withdraw.clone()).expect("withdrawn");
    assert_eq!(refused(by_sec(&mut state, withdraw)), "application.closed");
    let events = by_silence(&mut state, csc, deadline());
    assert_eq!(events.len(), 1, "{events:?}");
    assert!(state.state(code("UZ")).is_none());
    let app = state
        .status()
        .application(application)
        .expect("application");
    assert!(matches!(
        app.outcome,
        Some(ApplicationOutcome::Withdrawn { .. })
    ));
}

#[test]
fn applications_are_for_observer_or_partner_status_of_states_without_it() {
    let mut state = organisation();
    assert_eq!(
        refused(submit(&mut state, "UZ", MemberStatus::Member).map(|_| Vec::new())),
        "application.status_not_applicable"
    );
    assert_eq!(
        refused(submit(&mut state, "KZ", MemberStatus::Observer).map(|_| Vec::new())),
        "application.already_has_status"
    );
    submit(&mut state, "UZ", MemberStatus::Observer).expect("submitted");
    assert_eq!(
        refused(submit(&mut state, "UZ", MemberStatus::Partner).map(|_| Vec::new())),
        "application.already_under_way"
    );
    let delegate = as_account(&state, "ru.delegate");
    assert_eq!(refused(submit_as(&mut state, &delegate)), "access.denied");
}

fn submit_as(state: &mut State, who: &Principal) -> Result<Vec<Event>, DomainError> {
    let payload = status(C::SubmitApplication {
        state: code("RS"),
        name: bilingual("Сербия", "Serbia"),
        status: MemberStatus::Observer,
        letter: bilingual("Просим.", "We ask."),
    });
    run(state, who, payload)
}

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

// Sessions open to observers.

/// Schedules a restricted session of the Council of Foreign Ministers, open to observers or
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

// Partnership protocols.

/// Registers a restricted document of `doc_type` in the Permanent Council.
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
