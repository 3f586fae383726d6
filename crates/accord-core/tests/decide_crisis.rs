//! Given-when-then: the Crisis Response Centre's incidents, situation reports, units, requests
//! for assistance and every step of a deployment, legal and illegal.

mod common;

use accord_core::crisis::model::{
    Capability, DeploymentId, DeploymentStatus, GeoPoint, IncidentId, IncidentStatus, IncidentType,
    Location, Need, Readiness, RequestId, Severity, SitrepKind, UnitId,
};
use accord_core::crisis::{CrisisCommand as C, SitrepDraft, rules};
use accord_core::{CommandPayload, DomainError, Event, Principal, State, Timestamp};
use common::{account, as_account, at, bilingual, code, now, refused, run, run_at, staffed};

fn cmd(command: C) -> CommandPayload {
    CommandPayload::Crisis(command)
}

/// `run` with the principal first, so that it may be computed from the state.
fn exec(who: &Principal, state: &mut State, command: C) -> Result<Vec<Event>, DomainError> {
    run(state, who, cmd(command))
}

fn duty(state: &State) -> Principal {
    as_account(state, "crc.duty")
}

fn point(lat: f64, lon: f64) -> GeoPoint {
    GeoPoint::new(lat, lon).expect("a point")
}

/// Given: an epidemic affecting Kyrgyzstan and Russia, opened by the duty officer.
fn with_incident() -> State {
    let mut state = staffed();
    exec(
        &duty(&state),
        &mut state,
        C::OpenIncident {
            title: bilingual("Эпидемия COVID-19", "The COVID-19 epidemic"),
            incident_type: IncidentType::Epidemic,
            severity: Severity::Severe,
            location: Location::Point {
                at: point(42.87, 74.59),
            },
            affected: vec![code("KG"), code("RU")],
            lead: Some(account("crc.duty")),
            classification: None,
            release: vec![],
            alerts: vec![],
        },
    )
    .expect("opened");
    state
}

fn register_unit(
    state: &mut State,
    country: &str,
    capability: Capability,
    capacity: u32,
) -> UnitId {
    let events = exec(
        &duty(state),
        state,
        C::RegisterUnit {
            state: code(country),
            name: bilingual("Мобильный госпиталь", "Mobile hospital"),
            capability,
            capacity,
            self_sufficiency_days: 30,
            deployment_hours: 24,
            readiness: Readiness::Ready,
            home: point(55.75, 37.62),
        },
    )
    .expect("registered");
    let [Event::UnitRegistered(e)] = &events[..] else {
        panic!("{events:?}")
    };
    e.unit.id
}

/// Given: Russia asks for 100 beds of field hospital and a biosecurity laboratory.
fn with_request(state: &mut State) -> RequestId {
    let events = exec(
        &as_account(state, "ru.delegate"),
        state,
        C::RequestAssistance {
            incident: IncidentId(1),
            needs: vec![
                Need {
                    capability: Capability::FieldHospital,
                    quantity: 100,
                    withdrawn: false,
                },
                Need {
                    capability: Capability::BiosecurityLaboratory,
                    quantity: 1,
                    withdrawn: false,
                },
            ],
            location: point(43.1, 131.9),
            needed_by: at("2020-12-05T00:00:00Z"),
        },
    )
    .expect("requested");
    let [Event::AssistanceRequested(e)] = &events[..] else {
        panic!("{events:?}")
    };
    e.request
}

fn advance(
    state: &mut State,
    who: &Principal,
    deployment: u64,
    to: DeploymentStatus,
) -> Result<Vec<Event>, DomainError> {
    exec(
        who,
        state,
        C::AdvanceDeployment {
            deployment: DeploymentId(deployment),
            to,
        },
    )
}

#[test]
fn the_duty_officer_opens_an_incident_and_a_delegate_may_not() {
    let mut state = with_incident();
    let incident = state.crisis().incident(IncidentId(1)).expect("incident");
    assert_eq!(incident.status, IncidentStatus::Monitoring);
    assert_eq!(incident.affected.len(), 2);
    let result = exec(
        &as_account(&state, "ru.delegate"),
        &mut state,
        C::OpenIncident {
            title: bilingual("Паводок", "Flood"),
            incident_type: IncidentType::NaturalDisaster,
            severity: Severity::Moderate,
            location: Location::Point {
                at: point(0.0, 0.0),
            },
            affected: vec![code("RU")],
            lead: None,
            classification: None,
            release: vec![],
            alerts: vec![],
        },
    );
    assert_eq!(refused(result), "access.denied");
}

#[test]
fn an_incident_names_a_member_state_and_a_closed_ring() {
    let mut state = staffed();
    let open = |affected: Vec<&str>, location: Location| C::OpenIncident {
        title: bilingual("Землетрясение", "Earthquake"),
        incident_type: IncidentType::NaturalDisaster,
        severity: Severity::Extreme,
        location,
        affected: affected.into_iter().map(code).collect(),
        lead: None,
        classification: None,
        release: vec![],
        alerts: vec![],
    };
    let here = Location::Point {
        at: point(40.0, 44.0),
    };
    assert_eq!(
        refused(exec(&duty(&state), &mut state, open(vec![], here.clone()))),
        "incident.no_affected_state"
    );
    assert_eq!(
        refused(exec(&duty(&state), &mut state, open(vec!["UZ"], here))),
        "incident.not_a_member"
    );
    let open_ring = Location::Polygon {
        points: vec![
            point(40.0, 44.0),
            point(40.1, 44.0),
            point(40.1, 44.1),
            point(40.0, 44.2),
        ],
    };
    assert_eq!(
        refused(exec(&duty(&state), &mut state, open(vec!["AM"], open_ring))),
        "incident.bad_polygon"
    );
}

#[test]
fn a_closed_incident_stays_closed() {
    let mut state = with_incident();
    let change = |status| C::ChangeIncident {
        incident: IncidentId(1),
        status,
        severity: Severity::Severe,
        lead: None,
    };
    exec(&duty(&state), &mut state, change(IncidentStatus::Response)).expect("escalated");
    exec(&duty(&state), &mut state, change(IncidentStatus::Closed)).expect("closed");
    assert_eq!(
        refused(exec(
            &duty(&state),
            &mut state,
            change(IncidentStatus::Active)
        )),
        "incident.closed"
    );
}

fn draft(kind: SitrepKind, next_due: Option<&str>) -> SitrepDraft {
    SitrepDraft {
        kind,
        from: at("2020-11-30T00:00:00Z"),
        to: at("2020-12-01T12:00:00Z"),
        situation: bilingual("Рост заболеваемости", "Cases are rising"),
        actions: bilingual("Развёрнуты лаборатории", "Laboratories deployed"),
        needs: bilingual("Койки", "Beds"),
        prepared_by: None,
        next_due: next_due.map(at),
        releasable: false,
    }
}

#[test]
fn situation_reports_are_numbered_start_initial_name_the_next_and_end_final() {
    let mut state = with_incident();
    let issue = |d| C::IssueSitrep {
        incident: IncidentId(1),
        draft: d,
    };
    assert_eq!(
        refused(exec(
            &duty(&state),
            &mut state,
            issue(draft(SitrepKind::Update, Some("2020-12-02T12:00:00Z")))
        )),
        "sitrep.initial_not_first"
    );
    assert_eq!(
        refused(exec(
            &duty(&state),
            &mut state,
            issue(draft(SitrepKind::Initial, None))
        )),
        "sitrep.next_due_missing"
    );
    exec(
        &duty(&state),
        &mut state,
        issue(draft(SitrepKind::Initial, Some("2020-12-02T12:00:00Z"))),
    )
    .expect("initial");
    exec(
        &duty(&state),
        &mut state,
        issue(draft(SitrepKind::Update, Some("2020-12-03T12:00:00Z"))),
    )
    .expect("update");
    let incident = state.crisis().incident(IncidentId(1)).expect("incident");
    assert_eq!(
        incident
            .sitreps
            .iter()
            .map(|s| s.number)
            .collect::<Vec<_>>(),
        [1, 2]
    );
    // Overdue once the next report's time has passed without a report.
    assert!(!rules::sitrep_overdue(incident, at("2020-12-03T11:59:59Z")));
    assert!(rules::sitrep_overdue(incident, at("2020-12-03T12:00:01Z")));
    exec(
        &duty(&state),
        &mut state,
        issue(draft(SitrepKind::Final, None)),
    )
    .expect("final");
    let incident = state.crisis().incident(IncidentId(1)).expect("incident");
    assert!(!rules::sitrep_overdue(incident, at("2021-01-01T00:00:00Z")));
    assert_eq!(
        refused(exec(
            &duty(&state),
            &mut state,
            issue(draft(SitrepKind::Update, Some("2020-12-09T00:00:00Z")))
        )),
        "sitrep.after_final"
    );
}

#[test]
fn only_an_affected_member_requests_assistance_and_in_the_future() {
    let mut state = with_incident();
    let ask = |needed_by: &str| C::RequestAssistance {
        incident: IncidentId(1),
        needs: vec![Need {
            capability: Capability::Airlift,
            quantity: 2,
            withdrawn: false,
        }],
        location: point(42.0, 74.0),
        needed_by: at(needed_by),
    };
    assert_eq!(
        refused(exec(
            &as_account(&state, "by.delegate"),
            &mut state,
            ask("2020-12-05T00:00:00Z")
        )),
        "request.not_affected"
    );
    assert_eq!(
        refused(exec(
            &as_account(&state, "ru.delegate"),
            &mut state,
            ask("2020-12-01T12:59:59Z")
        )),
        "request.needed_by_past"
    );
    assert_eq!(
        refused(exec(
            &as_account(&state, "rats.liaison"),
            &mut state,
            ask("2020-12-05T00:00:00Z")
        )),
        "access.denied"
    );
}

#[test]
fn a_unit_goes_from_requested_to_released_and_each_step_is_checked() {
    let mut state = with_incident();
    let hospital = register_unit(&mut state, "BY", Capability::FieldHospital, 100);
    let request = with_request(&mut state);
    let duty_officer = duty(&state);
    // Belarus's hospital is at reduced readiness: still proposable, and reduced again when back.
    exec(
        &duty_officer,
        &mut state,
        C::SetReadiness {
            unit: hospital,
            readiness: Readiness::Reduced,
        },
    )
    .expect("reduced");
    // The Centre asks Belarus for its hospital.
    exec(
        &duty_officer,
        &mut state,
        C::ProposeUnit {
            request,
            need: 0,
            unit: hospital,
        },
    )
    .expect("requested");
    // The Centre cannot offer it for Belarus; Belarus's delegate can.
    assert_eq!(
        refused(advance(
            &mut state,
            &duty_officer,
            1,
            DeploymentStatus::Offered
        )),
        "access.denied"
    );
    let belarus = as_account(&state, "by.delegate");
    advance(&mut state, &belarus, 1, DeploymentStatus::Offered).expect("offered");
    // Skipping a step is refused, naming the allowed ones.
    let skip = advance(&mut state, &duty_officer, 1, DeploymentStatus::OnSite);
    let Err(error) = skip else { panic!("skipped") };
    assert_eq!(error.code(), "deployment.illegal_transition");
    assert!(
        error.to_string().contains("allowed: accepted, released"),
        "{error}"
    );
    // Accepting meets the hospital need; the laboratory is still needed, so the request stays open.
    let events =
        advance(&mut state, &duty_officer, 1, DeploymentStatus::Accepted).expect("accepted");
    assert_eq!(events.len(), 1);
    advance(&mut state, &duty_officer, 1, DeploymentStatus::Mobilising).expect("mobilising");
    assert_eq!(
        state.crisis().unit(hospital).map(|u| u.readiness),
        Some(Readiness::Deployed)
    );
    let back = advance(&mut state, &duty_officer, 1, DeploymentStatus::Accepted);
    assert_eq!(refused(back), "deployment.illegal_transition");
    advance(&mut state, &duty_officer, 1, DeploymentStatus::EnRoute).expect("en route");
    advance(&mut state, &duty_officer, 1, DeploymentStatus::OnSite).expect("on site");
    advance(&mut state, &duty_officer, 1, DeploymentStatus::Released).expect("released");
    assert_eq!(
        state.crisis().unit(hospital).map(|u| u.readiness),
        Some(Readiness::Reduced),
        "a released unit returns to the readiness it had"
    );
    assert_eq!(
        refused(advance(
            &mut state,
            &duty_officer,
            1,
            DeploymentStatus::OnSite
        )),
        "deployment.illegal_transition"
    );
    let steps: Vec<DeploymentStatus> = state
        .crisis()
        .deployment(DeploymentId(1))
        .expect("deployment")
        .steps
        .iter()
        .map(|s| s.status)
        .collect();
    assert_eq!(steps.len(), 7, "every change is recorded with who and when");
}

#[test]
fn a_request_closes_when_every_need_is_met_or_withdrawn() {
    let mut state = with_incident();
    let hospital = register_unit(&mut state, "RU", Capability::FieldHospital, 100);
    let request = with_request(&mut state);
    let russia = as_account(&state, "ru.delegate");
    // Russia offers its own hospital.
    exec(
        &russia,
        &mut state,
        C::ProposeUnit {
            request,
            need: 0,
            unit: hospital,
        },
    )
    .expect("offered");
    assert_eq!(
        state
            .crisis()
            .deployment(DeploymentId(1))
            .map(|d| d.status()),
        Some(DeploymentStatus::Offered)
    );
    let duty_officer = duty(&state);
    advance(&mut state, &duty_officer, 1, DeploymentStatus::Accepted).expect("accepted");
    assert!(!state.crisis().request(request).expect("request").closed);
    let events =
        exec(&russia, &mut state, C::WithdrawNeed { request, need: 1 }).expect("withdrawn");
    let kinds: Vec<&str> = events.iter().map(Event::kind).collect();
    assert_eq!(kinds, ["assistance.need_withdrawn", "assistance.closed"]);
    assert!(state.crisis().request(request).expect("request").closed);
    assert_eq!(
        refused(exec(
            &russia,
            &mut state,
            C::WithdrawNeed { request, need: 0 }
        )),
        "request.closed"
    );
}

#[test]
fn a_unit_is_proposed_once_for_its_own_capability_by_its_own_state() {
    let mut state = with_incident();
    let airlift = register_unit(&mut state, "KZ", Capability::Airlift, 2);
    let hospital = register_unit(&mut state, "KZ", Capability::FieldHospital, 50);
    let request = with_request(&mut state);
    let russia = as_account(&state, "ru.delegate");
    assert_eq!(
        refused(exec(
            &russia,
            &mut state,
            C::ProposeUnit {
                request,
                need: 0,
                unit: hospital
            }
        )),
        "unit.not_yours"
    );
    let duty_officer = duty(&state);
    assert_eq!(
        refused(exec(
            &duty_officer,
            &mut state,
            C::ProposeUnit {
                request,
                need: 0,
                unit: airlift
            }
        )),
        "unit.wrong_capability"
    );
    exec(
        &duty_officer,
        &mut state,
        C::ProposeUnit {
            request,
            need: 0,
            unit: hospital,
        },
    )
    .expect("requested");
    assert_eq!(
        refused(exec(
            &duty_officer,
            &mut state,
            C::ProposeUnit {
                request,
                need: 0,
                unit: hospital
            }
        )),
        "unit.already_proposed"
    );
    // Readiness follows deployments, not hands.
    let set = C::SetReadiness {
        unit: airlift,
        readiness: Readiness::Deployed,
    };
    assert_eq!(
        refused(exec(&duty_officer, &mut state, set)),
        "unit.readiness_follows_deployments"
    );
    exec(
        &duty_officer,
        &mut state,
        C::SetReadiness {
            unit: airlift,
            readiness: Readiness::NotAvailable,
        },
    )
    .expect("set");
    assert_eq!(
        state.crisis().unit(airlift).map(|u| u.readiness),
        Some(Readiness::NotAvailable)
    );
}

#[test]
fn the_centres_events_read_back_and_replay_to_the_same_state() {
    let start = staffed();
    let mut state = start.clone();
    let mut log: Vec<Event> = Vec::new();
    let mut step = |who: Principal, state: &mut State, command: C, when: Timestamp| {
        log.extend(run_at(state, &who, cmd(command), when).unwrap_or_else(|e| panic!("{e}")));
    };
    step(
        duty(&state),
        &mut state,
        C::OpenIncident {
            title: bilingual("Землетрясение", "Earthquake"),
            incident_type: IncidentType::NaturalDisaster,
            severity: Severity::Severe,
            location: Location::Polygon {
                points: vec![
                    point(40.0, 44.0),
                    point(40.1, 44.0),
                    point(40.1, 44.1),
                    point(40.0, 44.0),
                ],
            },
            affected: vec![code("RU")],
            lead: None,
            classification: None,
            release: vec![],
            alerts: vec![],
        },
        now(),
    );
    step(
        duty(&state),
        &mut state,
        C::IssueSitrep {
            incident: IncidentId(1),
            draft: draft(SitrepKind::Initial, Some("2020-12-02T00:00:00Z")),
        },
        now(),
    );
    step(
        duty(&state),
        &mut state,
        C::RegisterUnit {
            state: code("RU"),
            name: bilingual("Спасатели", "Rescuers"),
            capability: Capability::SearchAndRescue,
            capacity: 40,
            self_sufficiency_days: 10,
            deployment_hours: 8,
            readiness: Readiness::Ready,
            home: point(55.75, 37.62),
        },
        now(),
    );
    step(
        as_account(&state, "ru.delegate"),
        &mut state,
        C::RequestAssistance {
            incident: IncidentId(1),
            needs: vec![Need {
                capability: Capability::SearchAndRescue,
                quantity: 40,
                withdrawn: false,
            }],
            location: point(40.05, 44.05),
            needed_by: at("2020-12-02T00:00:00Z"),
        },
        now(),
    );
    step(
        as_account(&state, "ru.delegate"),
        &mut state,
        C::ProposeUnit {
            request: RequestId(1),
            need: 0,
            unit: UnitId(1),
        },
        now(),
    );
    for to in [DeploymentStatus::Accepted, DeploymentStatus::Mobilising] {
        step(
            duty(&state),
            &mut state,
            C::AdvanceDeployment {
                deployment: DeploymentId(1),
                to,
            },
            now(),
        );
    }
    assert!(log.iter().any(|e| e.kind() == "assistance.closed"));
    let mut replayed = start;
    for event in &log {
        let body = event.body_bytes().expect("body");
        let read = Event::from_body(event.kind(), &body).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&read, event, "{}", event.kind());
        accord_core::apply(&mut replayed, &read);
    }
    assert_eq!(replayed, state);
}
