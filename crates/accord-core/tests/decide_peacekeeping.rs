//! Given-when-then: peacekeeping: the training institution with courses, intakes and
//! certifications, contingents made of the collective forces' units, and mandates linked to the
//! deployments of their contingents' units.

mod common;

use accord_core::crisis::CrisisCommand as C;
use accord_core::crisis::model::{
    Capability, DeploymentStatus, GeoPoint, IncidentType, Location, Need, Readiness, RequestId,
    Severity, UnitId,
};
use accord_core::peacekeeping::model::{
    ContingentId, CourseId, InstitutionId, IntakeId, MandateId, StateCount,
};
use accord_core::peacekeeping::{PeacekeepingCommand as K, deployments_under};
use accord_core::{
    Affiliation, Classification, CommandPayload, Date, DomainError, Event, Principal, Role, State,
};
use common::{account, as_account, at, bilingual, code, refused, run, run_at, staffed};

fn pk(command: K) -> CommandPayload {
    CommandPayload::Peacekeeping(command)
}

fn day(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

/// Given: the staffed organisation with a Joint Staff officer.
fn with_joint_staff() -> State {
    let mut state = staffed();
    let system = Principal::system();
    run(
        &mut state,
        &system,
        CommandPayload::GrantAffiliation {
            account: account("js.officer"),
            affiliation: Affiliation::JointStaff,
        },
    )
    .expect("affiliated");
    run(
        &mut state,
        &system,
        CommandPayload::GrantRole {
            account: account("js.officer"),
            role: Role::Officer,
        },
    )
    .expect("officer");
    state
}

fn record(state: &mut State, who: &str, command: K) -> Result<Vec<Event>, DomainError> {
    let who = as_account(state, who);
    run(state, &who, pk(command))
}

fn count(state: &str, count: u32) -> StateCount {
    StateCount {
        state: code(state),
        count,
    }
}

/// Given: the base institution with a twelve-week course and an intake of 1–30 November 2020:
/// 12 Russian, 8 Kazakh and 5 Armenian trainees.
fn with_intake() -> State {
    let mut state = with_joint_staff();
    record(
        &mut state,
        "js.officer",
        K::EstablishInstitution {
            name: bilingual("Базовая организация", "The base institution"),
            seat: bilingual("Москва", "Moscow"),
            established: day("2020-11-20"),
            decision: None,
        },
    )
    .expect("established");
    record(
        &mut state,
        "sec.officer",
        K::AddCourse {
            institution: InstitutionId(1),
            title: bilingual("Курс миротворцев", "Peacekeepers' course"),
            weeks: 4,
        },
    )
    .expect("course");
    record(
        &mut state,
        "js.officer",
        K::OpenIntake {
            course: CourseId(1),
            starts: day("2020-11-01"),
            ends: day("2020-11-30"),
            trainees: vec![count("RU", 12), count("KZ", 8), count("AM", 5)],
        },
    )
    .expect("intake");
    state
}

#[test]
fn the_joint_staff_and_secretariat_record_the_institution_and_members_may_not() {
    let mut state = with_intake();
    let peacekeeping = state.peacekeeping();
    let intake = peacekeeping.intake(IntakeId(1)).expect("the intake");
    assert_eq!(intake.total(), 25);
    assert_eq!(
        peacekeeping.course(CourseId(1)).unwrap().intakes,
        [IntakeId(1)]
    );
    assert_eq!(
        peacekeeping.institution(InstitutionId(1)).unwrap().courses,
        [CourseId(1)]
    );
    for who in ["ru.delegate", "crc.duty", "admin"] {
        assert_eq!(
            refused(record(
                &mut state,
                who,
                K::AddCourse {
                    institution: InstitutionId(1),
                    title: bilingual("Курс", "Course"),
                    weeks: 2,
                }
            )),
            "access.denied",
            "{who}"
        );
    }
    for (command, code) in [
        (
            K::AddCourse {
                institution: InstitutionId(9),
                title: bilingual("Курс", "Course"),
                weeks: 2,
            },
            "peacekeeping.unknown_institution",
        ),
        (
            K::AddCourse {
                institution: InstitutionId(1),
                title: bilingual("Курс", "Course"),
                weeks: 0,
            },
            "peacekeeping.bad_weeks",
        ),
        (
            K::OpenIntake {
                course: CourseId(1),
                starts: day("2020-12-01"),
                ends: day("2020-11-30"),
                trainees: vec![count("RU", 1)],
            },
            "peacekeeping.bad_period",
        ),
        (
            K::OpenIntake {
                course: CourseId(1),
                starts: day("2020-12-01"),
                ends: day("2020-12-30"),
                trainees: vec![count("RU", 1), count("RU", 2)],
            },
            "peacekeeping.bad_trainees",
        ),
        (
            K::OpenIntake {
                course: CourseId(1),
                starts: day("2020-12-01"),
                ends: day("2020-12-30"),
                trainees: vec![count("UZ", 3)],
            },
            "peacekeeping.not_a_member",
        ),
        (
            K::EstablishInstitution {
                name: bilingual("Центр", "Centre"),
                seat: bilingual("Минск", "Minsk"),
                established: day("2020-12-02"),
                decision: None,
            },
            "peacekeeping.in_future",
        ),
    ] {
        assert_eq!(refused(record(&mut state, "js.officer", command)), code);
    }
}

#[test]
fn trainees_are_certified_once_the_intake_is_over_and_never_more_than_enrolled() {
    let mut state = with_intake();
    let certify = |state: &str, n: u32, on: &str| K::Certify {
        intake: IntakeId(1),
        trainees: count(state, n),
        on: day(on),
    };
    assert_eq!(
        refused(record(
            &mut state,
            "js.officer",
            certify("RU", 10, "2020-11-29")
        )),
        "peacekeeping.before_end"
    );
    record(&mut state, "js.officer", certify("RU", 10, "2020-11-30")).expect("ten");
    assert_eq!(
        refused(record(
            &mut state,
            "js.officer",
            certify("RU", 3, "2020-11-30")
        )),
        "peacekeeping.too_many_certified"
    );
    record(&mut state, "js.officer", certify("RU", 2, "2020-12-01")).expect("the last two");
    assert_eq!(
        refused(record(
            &mut state,
            "js.officer",
            certify("BY", 1, "2020-11-30")
        )),
        "peacekeeping.not_in_intake"
    );
    let intake = state.peacekeeping().intake(IntakeId(1)).unwrap();
    assert_eq!(intake.certified(code("RU")), 12);
    assert_eq!(intake.certified(code("KZ")), 0);
    assert_eq!(intake.certifications.len(), 2);
}

fn register_unit(state: &mut State, country: &str, capability: Capability) -> UnitId {
    let who = as_account(state, "crc.duty");
    let events = run(
        state,
        &who,
        CommandPayload::Crisis(C::RegisterUnit {
            state: code(country),
            name: bilingual("Военный мобильный госпиталь", "Military mobile hospital"),
            capability,
            capacity: 100,
            self_sufficiency_days: 30,
            deployment_hours: 48,
            readiness: Readiness::Ready,
            home: GeoPoint::new(55.75, 37.62).unwrap(),
        }),
    )
    .expect("registered");
    let [Event::UnitRegistered(e)] = &events[..] else {
        panic!("{events:?}")
    };
    e.unit.id
}

#[test]
fn a_contingent_is_made_of_its_own_states_units_each_in_one_contingent() {
    let mut state = with_joint_staff();
    let hospital = register_unit(&mut state, "RU", Capability::FieldHospital);
    let battalion = register_unit(&mut state, "RU", Capability::PeacekeepingBattalion);
    let kazakh = register_unit(&mut state, "KZ", Capability::PeacekeepingBattalion);
    let form = |units: Vec<UnitId>| K::FormContingent {
        name: bilingual("Военный мобильный госпиталь", "Military mobile hospital"),
        state: code("RU"),
        personnel: 120,
        units,
        integrated_on: day("2020-12-01"),
        decision: None,
    };
    assert_eq!(
        refused(record(&mut state, "js.officer", form(vec![kazakh]))),
        "peacekeeping.unit_of_other_state"
    );
    record(&mut state, "js.officer", form(vec![hospital])).expect("formed");
    assert_eq!(
        refused(record(&mut state, "js.officer", form(vec![hospital]))),
        "peacekeeping.unit_taken"
    );
    record(
        &mut state,
        "js.officer",
        K::AssignUnit {
            contingent: ContingentId(1),
            unit: battalion,
        },
    )
    .expect("assigned");
    let peacekeeping = state.peacekeeping();
    let contingent = peacekeeping.contingent(ContingentId(1)).unwrap();
    assert_eq!(
        contingent.units.iter().copied().collect::<Vec<_>>(),
        [hospital, battalion]
    );
    assert_eq!(peacekeeping.contingent_of(battalion), Some(ContingentId(1)));
    assert_eq!(
        refused(record(
            &mut state,
            "js.officer",
            K::AssignUnit {
                contingent: ContingentId(1),
                unit: UnitId(99),
            }
        )),
        "peacekeeping.unknown_unit"
    );
}

#[test]
fn a_mandate_names_its_contingents_and_is_linked_to_their_units_deployments() {
    let mut state = with_joint_staff();
    let hospital = register_unit(&mut state, "RU", Capability::FieldHospital);
    record(
        &mut state,
        "js.officer",
        K::FormContingent {
            name: bilingual("Госпиталь", "Hospital"),
            state: code("RU"),
            personnel: 120,
            units: vec![hospital],
            integrated_on: day("2020-11-30"),
            decision: None,
        },
    )
    .expect("formed");
    let mandate =
        |from: &str, until: Option<&str>, contingents: Vec<ContingentId>| K::IssueMandate {
            title: bilingual("Операция", "Operation"),
            authority: bilingual("Совет Безопасности ООН", "UN Security Council"),
            resolution: Some("S/RES/9999 (2020)".to_owned()),
            un_auspices: true,
            from: day(from),
            until: until.map(day),
            contingents,
            classification: None,
            release: vec![],
        };
    assert_eq!(
        refused(record(
            &mut state,
            "js.officer",
            mandate("2020-12-01", Some("2020-11-01"), vec![ContingentId(1)])
        )),
        "peacekeeping.bad_period"
    );
    assert_eq!(
        refused(record(
            &mut state,
            "js.officer",
            mandate("2020-12-01", None, vec![])
        )),
        "peacekeeping.bad_contingents"
    );
    assert_eq!(
        refused(record(
            &mut state,
            "js.officer",
            mandate("2020-12-01", None, vec![ContingentId(4)])
        )),
        "peacekeeping.unknown_contingent"
    );
    assert_eq!(
        refused(record(
            &mut state,
            "ru.head",
            mandate("2020-12-01", None, vec![ContingentId(1)])
        )),
        "access.denied"
    );
    let events = record(
        &mut state,
        "js.officer",
        mandate("2020-11-01", Some("2021-12-31"), vec![ContingentId(1)]),
    )
    .expect("issued");
    assert_eq!(events[0].classification(), Classification::Restricted);
    let narrow = record(
        &mut state,
        "sec.officer",
        mandate("2020-11-01", Some("2020-11-30"), vec![ContingentId(1)]),
    );
    assert!(narrow.is_ok(), "{narrow:?}");

    // The hospital is proposed for a request on 1 December 2020: a deployment under the first
    // mandate's period, not the second's.
    let duty = as_account(&state, "crc.duty");
    run(
        &mut state,
        &duty,
        CommandPayload::Crisis(C::OpenIncident {
            title: bilingual("Эпидемия", "Epidemic"),
            incident_type: IncidentType::Epidemic,
            severity: Severity::Severe,
            location: Location::Point {
                at: GeoPoint::new(42.87, 74.59).unwrap(),
            },
            affected: vec![code("RU")],
            lead: None,
            classification: None,
            release: vec![],
            alerts: vec![],
        }),
    )
    .expect("incident");
    let delegate = as_account(&state, "ru.delegate");
    run(
        &mut state,
        &delegate,
        CommandPayload::Crisis(C::RequestAssistance {
            incident: accord_core::crisis::model::IncidentId(1),
            needs: vec![Need {
                capability: Capability::FieldHospital,
                quantity: 50,
                withdrawn: false,
            }],
            location: GeoPoint::new(42.87, 74.59).unwrap(),
            needed_by: at("2020-12-10T00:00:00Z"),
        }),
    )
    .expect("requested");
    run_at(
        &mut state,
        &duty,
        CommandPayload::Crisis(C::ProposeUnit {
            request: RequestId(1),
            need: 0,
            unit: hospital,
        }),
        at("2020-12-01T13:00:00Z"),
    )
    .expect("proposed");
    let first = state.peacekeeping().mandate(MandateId(1)).unwrap().clone();
    let second = state.peacekeeping().mandate(MandateId(2)).unwrap().clone();
    let under = deployments_under(&state, &first);
    assert_eq!(under.len(), 1);
    assert_eq!(under[0].unit, hospital);
    assert_eq!(under[0].status(), DeploymentStatus::Requested);
    assert!(deployments_under(&state, &second).is_empty());
}
