//! Applications by states: the steps, the grant, refusals and withdrawal.

use crate::common::{as_account, at, bilingual, code, now, refused, run};
use crate::given::*;
use accord_core::config::{DocumentType, MemberStatus, StepKind};
use accord_core::status::model::ApplicationOutcome;
use accord_core::status::{Applicant, StatusCommand as C};
use accord_core::{
    Affiliation, CommandPayload, Date, DomainError, Event, Principal, Recipient, Role, State,
    Timestamp,
};

#[test]
fn the_reference_organisation_takes_applications_through_pc_cfm_and_csc() {
    let config = crate::common::reference();
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
        applicant: Applicant::State(code("RS")),
        name: bilingual("Сербия", "Serbia"),
        status: MemberStatus::Observer,
        letter: bilingual("Просим.", "We ask."),
    });
    run(state, who, payload)
}
