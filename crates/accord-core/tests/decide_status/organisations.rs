//! Applications by organisations and the rights of their accounts.

use crate::common::{account, as_account, at, bilingual, code, now, refused, run};
use crate::given::*;
use accord_core::config::{DocumentType, MemberStatus};
use accord_core::event::EventBody;
use accord_core::status::{Applicant, ApplicationId};
use accord_core::{
    Action, Affiliation, Classification, CommandPayload, DomainError, Event, Principal, Recipient,
    Resource, Role, State, Timestamp, policy,
};

use accord_core::policy::Denial;
use accord_core::{Decision, PartnerId};

fn eec() -> PartnerId {
    crate::common::partner("eec")
}

/// The Secretariat registers the Eurasian Economic Commission's application for `asked`.
fn submit_organisation(
    state: &mut State,
    id: PartnerId,
    asked: MemberStatus,
) -> Result<ApplicationId, DomainError> {
    let name = bilingual(
        "Евразийская экономическая комиссия",
        "Eurasian Economic Commission",
    );
    apply_for(state, Applicant::Organisation(id), name, asked)
}

/// Takes an organisation's application through all three bodies; the last decides by
/// silence concluded at `conclude_at` if given, else by consensus at [`now`]. Returns the
/// events of the last decision.
fn through_all_steps(
    state: &mut State,
    application: ApplicationId,
    first_session: u32,
    conclude_at: Option<Timestamp>,
) -> Vec<Event> {
    let pc = register(state, "pc", DocumentType::Decision);
    link(state, application, pc).expect("linked");
    by_consensus(state, "pc", first_session, pc, None);
    let cfm = register(state, "cfm", DocumentType::Decision);
    link(state, application, cfm).expect("linked");
    by_consensus(state, "cfm", first_session, cfm, None);
    let csc = register(state, "csc", DocumentType::Decision);
    link(state, application, csc).expect("linked");
    match conclude_at {
        Some(at) => by_silence(state, csc, at),
        None => by_consensus(state, "csc", first_session, csc, None),
    }
}

/// Whether the principal may report an alert, as the intake asks (reporting is submitting:
/// the resource is public).
fn may_report_alerts(principal: &Principal) -> Decision {
    policy::can(
        principal,
        Action::ReportAlert,
        &Resource::classified(Classification::Public),
    )
}

#[test]
fn an_organisation_granted_observer_status_joins_the_registry_and_its_accounts_read_as_observers() {
    let mut state = organisation();
    let affiliation = Affiliation::PartnerOrganisation { partner: eec() };
    // Not in the registry yet: no account may act for it.
    let payload = CommandPayload::GrantAffiliation {
        account: account("eec.liaison"),
        affiliation: affiliation.clone(),
    };
    assert_eq!(
        refused(run(&mut state, &Principal::system(), payload)),
        "account.unknown_partner"
    );
    let application =
        submit_organisation(&mut state, eec(), MemberStatus::Observer).expect("submitted");
    let app = state
        .status()
        .application(application)
        .expect("application");
    assert_eq!(app.applicant, Applicant::Organisation(eec()));
    assert_eq!(app.steps.len(), 3);
    assert!(state.status().organisation(&eec()).is_none());

    let events = through_all_steps(&mut state, application, 1, Some(deadline()));
    let [
        Event::DecisionRecorded(record),
        Event::StepDecided(step),
        Event::OrganisationStatusChanged(change),
    ] = &events[..]
    else {
        panic!("{events:?}")
    };
    assert_eq!((step.step, step.adopted), (3, true));
    assert_eq!(change.organisation, eec());
    assert_eq!((change.from, change.to), (None, MemberStatus::Observer));
    assert_eq!((change.at, change.decision), (deadline(), record.decision));
    assert_eq!(change.classification(), Classification::Public);
    // A state of the same letters is untouched: states and organisations are apart.
    assert!(state.state(code("EE")).is_none());

    let registered = state
        .status()
        .organisation(&eec())
        .expect("in the registry");
    assert_eq!(registered.status(), MemberStatus::Observer);
    assert_eq!(registered.history.len(), 1);
    assert_eq!(registered.history[0].decision, Some(record.decision));
    assert_eq!(
        registered.name.get(crate::common::lang("en")),
        Some("Eurasian Economic Commission")
    );

    grant(&mut state, "eec.liaison", affiliation, Role::Liaison);
    let liaison = as_account(&state, "eec.liaison");
    assert_eq!(liaison.standing(), Some(MemberStatus::Observer));
    assert!(may_read(&liaison, &[Recipient::Observers]));
    assert!(may_read(&liaison, &[Recipient::Partner { partner: eec() }]));
    assert!(!may_read(&liaison, &[Recipient::Partners]));
    assert!(!may_read(
        &liaison,
        &[Recipient::Partner {
            partner: crate::common::partner("sco-rats")
        }]
    ));
    // An observer exchanges no alerts: that is for partners.
    assert_eq!(
        may_report_alerts(&liaison),
        Decision::Deny(Denial::NoStanding)
    );
}

#[test]
fn an_observer_organisation_becomes_a_partner_exactly_at_the_decision() {
    let mut state = organisation();
    let first = submit_organisation(&mut state, eec(), MemberStatus::Observer).expect("submitted");
    through_all_steps(&mut state, first, 1, None);
    let affiliation = Affiliation::PartnerOrganisation { partner: eec() };
    grant(&mut state, "eec.liaison", affiliation, Role::Liaison);

    let second = submit_organisation(&mut state, eec(), MemberStatus::Partner).expect("submitted");
    // The server was down across the deadline and concludes two days later.
    let late = at("2020-12-03T09:30:00Z");
    let before = as_account(&state, "eec.liaison");
    assert!(may_read(&before, &[Recipient::Observers]));
    assert!(!may_report_alerts(&before).is_allowed());
    let events = through_all_steps(&mut state, second, 2, Some(late));
    let Some(Event::OrganisationStatusChanged(change)) = events.last() else {
        panic!("{events:?}")
    };
    assert_eq!(
        (change.from, change.to),
        (Some(MemberStatus::Observer), MemberStatus::Partner)
    );
    assert_eq!(change.at, deadline());

    let after = as_account(&state, "eec.liaison");
    assert_eq!(after.standing(), Some(MemberStatus::Partner));
    assert!(!may_read(&after, &[Recipient::Observers]));
    assert!(may_read(&after, &[Recipient::Partner { partner: eec() }]));
    assert!(may_report_alerts(&after).is_allowed());
    // The history holds both statuses, the second from the decision's time to the second.
    let registered = state
        .status()
        .organisation(&eec())
        .expect("in the registry");
    let one_before = Timestamp::from_unix_seconds(deadline().unix_seconds() - 1).expect("time");
    assert_eq!(registered.history.len(), 2);
    assert_eq!(
        registered.status_at(one_before),
        Some(MemberStatus::Observer)
    );
    assert_eq!(
        registered.status_at(deadline()),
        Some(MemberStatus::Partner)
    );
    assert_eq!(registered.history[0].begins(), now());
    let before_first = Timestamp::from_unix_seconds(now().unix_seconds() - 1).expect("time");
    assert_eq!(registered.status_at(before_first), None);
}

#[test]
fn a_configured_partner_organisation_stands_as_a_partner_from_its_date() {
    let state = organisation();
    let rats = state
        .status()
        .organisation(&crate::common::partner("sco-rats"))
        .expect("configured");
    assert_eq!(rats.status(), MemberStatus::Partner);
    assert_eq!(rats.history.len(), 1);
    assert!(rats.history[0].decision.is_none());
    let liaison = as_account(&state, "rats.liaison");
    assert_eq!(liaison.standing(), Some(MemberStatus::Partner));
    assert!(may_report_alerts(&liaison).is_allowed());
}

#[test]
fn an_organisation_applies_once_at_a_time_and_not_for_a_status_it_holds() {
    let mut state = organisation();
    assert_eq!(
        refused(
            submit_organisation(
                &mut state,
                crate::common::partner("sco-rats"),
                MemberStatus::Partner
            )
            .map(|_| Vec::new())
        ),
        "application.already_has_status"
    );
    assert_eq!(
        refused(submit_organisation(&mut state, eec(), MemberStatus::Member).map(|_| Vec::new())),
        "application.status_not_applicable"
    );
    let open = submit_organisation(&mut state, eec(), MemberStatus::Observer).expect("submitted");
    let Err(DomainError::Status(error)) =
        submit_organisation(&mut state, eec(), MemberStatus::Partner)
    else {
        panic!("a second application under way")
    };
    assert_eq!(
        error.to_string(),
        format!("eec already has application {open} under way")
    );
    // A state may apply beside it: one application per applicant.
    submit(&mut state, "UZ", MemberStatus::Observer).expect("a state's application");
}

#[test]
fn the_applicant_is_written_as_a_state_or_an_organisation_and_older_entries_decode() {
    let mut state = organisation();
    submit(&mut state, "UZ", MemberStatus::Observer).expect("a state's application");
    submit_organisation(&mut state, eec(), MemberStatus::Observer).expect("submitted");
    let body = |id| {
        let app = state
            .status()
            .application(ApplicationId(id))
            .expect("application");
        let event =
            Event::ApplicationSubmitted(accord_core::status::events::ApplicationSubmitted {
                application: app.id,
                applicant: app.applicant.clone(),
                name: app.name.clone(),
                status: app.status,
                letter: app.letter.clone(),
                steps: Vec::new(),
                submitted_at: app.submitted_at,
                submitted_by: app.submitted_by.clone(),
            });
        String::from_utf8(event.body_bytes().expect("canonical")).expect("utf-8")
    };
    // A state's application is written exactly as before organisations could apply.
    let by_state = body(1);
    assert!(by_state.contains(r#""state":"UZ""#), "{by_state}");
    assert!(!by_state.contains("organisation"), "{by_state}");
    let by_organisation = body(2);
    assert!(
        by_organisation.contains(r#""organisation":"eec""#),
        "{by_organisation}"
    );
    assert!(!by_organisation.contains(r#""state""#), "{by_organisation}");
    for (text, applicant) in [
        (&by_state, Applicant::State(code("UZ"))),
        (&by_organisation, Applicant::Organisation(eec())),
    ] {
        let Ok(Event::ApplicationSubmitted(e)) =
            Event::from_body("application.submitted", text.as_bytes())
        else {
            panic!("{text}")
        };
        assert_eq!(e.applicant, applicant);
    }
    // Both, or neither: the entry does not decode, and the error says why.
    let both = by_state.replacen(r#""state":"UZ""#, r#""organisation":"eec","state":"UZ""#, 1);
    let neither = by_state.replacen(r#""state":"UZ","#, "", 1);
    for (text, why) in [(both, "not both"), (neither, "names its applicant")] {
        let error =
            Event::from_body("application.submitted", text.as_bytes()).expect_err("refused");
        assert!(error.to_string().contains(why), "{error}");
    }
}
