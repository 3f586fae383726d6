//! Given-when-then: plans and strategies, their tree of measures, who may report progress, the
//! dates of reports, overdue measures to the day, and the dashboard's figures.

mod common;

use accord_core::config::DocumentType;
use accord_core::plans::model::{Indicator, IndicatorValue, MeasureNumber, PlanId, ProgressStatus};
use accord_core::plans::{PlansCommand as P, rules};
use accord_core::secretariat::SecretariatCommand as S;
use accord_core::secretariat::model::{DocumentId, Sponsor};
use accord_core::{
    Affiliation, CommandPayload, Date, DomainError, Event, Principal, Role, State, Timestamp,
};
use common::{account, as_account, at, bilingual, body, code, refused, run, run_at, staffed};

fn plans(command: P) -> CommandPayload {
    CommandPayload::Plans(command)
}

fn day(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

fn number(text: &str) -> MeasureNumber {
    MeasureNumber::parse(text).expect("a measure number")
}

fn sec(state: &State) -> Principal {
    as_account(state, "sec.officer")
}

/// Given: the staffed organisation with a Joint Staff officer, and a strategy registered for
/// the Collective Security Council.
fn with_document(doc_type: DocumentType) -> (State, DocumentId) {
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
    let who = sec(&state);
    let events = run(
        &mut state,
        &who,
        CommandPayload::Secretariat(S::RegisterDocument {
            doc_type,
            forum: None,
            title: bilingual(
                "Стратегия коллективной безопасности до 2025 года",
                "Collective Security Strategy until 2025",
            ),
            sponsor: Sponsor::Secretariat,
            body: body("csc"),
            paragraphs: vec![bilingual("Текст", "Text")],
            classification: None,
            release: vec![],
        }),
    )
    .expect("registered");
    let [Event::DocumentRegistered(d)] = &events[..] else {
        panic!("{events:?}")
    };
    (state, d.document)
}

fn add(
    state: &mut State,
    parent: Option<&str>,
    states: &[&str],
    bodies: &[&str],
    deadline: &str,
) -> Result<MeasureNumber, DomainError> {
    let who = sec(state);
    let events = run(
        state,
        &who,
        plans(P::AddMeasure {
            plan: PlanId(1),
            parent: parent.map(number),
            text: bilingual("Мера", "A measure"),
            states: states.iter().map(|s| code(s)).collect(),
            bodies: bodies.iter().map(|b| body(b)).collect(),
            deadline: day(deadline),
            indicators: vec![Indicator {
                name: bilingual("Учения", "Exercises"),
                target: 4,
                unit: bilingual("учений", "exercises"),
            }],
        }),
    )?;
    let [Event::MeasureAdded(m)] = &events[..] else {
        panic!("{events:?}")
    };
    Ok(m.number.clone())
}

/// Given: a strategy's plan with measure 1 (Russia and the Joint Staff, due 31 December 2020)
/// and measure 2 (Belarus, due 30 June 2021).
fn with_plan() -> State {
    let (mut state, document) = with_document(DocumentType::Strategy);
    let who = sec(&state);
    run(
        &mut state,
        &who,
        plans(P::CreatePlan {
            document,
            classification: None,
        }),
    )
    .expect("created");
    add(&mut state, None, &["RU"], &["joint-staff"], "2020-12-31").expect("1");
    add(&mut state, None, &["BY"], &[], "2021-06-30").expect("2");
    state
}

fn report(
    state: &mut State,
    who: &str,
    measure: &str,
    status: ProgressStatus,
    as_of: &str,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let who = as_account(state, who);
    run_at(
        state,
        &who,
        plans(P::ReportProgress {
            plan: PlanId(1),
            measure: number(measure),
            status,
            values: vec![IndicatorValue {
                indicator: 1,
                value: 2,
            }],
            comment: Some(bilingual("Идёт работа", "Under way")),
            as_of: day(as_of),
        }),
        now,
    )
}

#[test]
fn the_secretariat_builds_a_strategys_tree_of_numbered_measures() {
    let mut state = with_plan();
    assert_eq!(
        add(&mut state, Some("1"), &["RU"], &[], "2020-12-15").unwrap(),
        number("1.1")
    );
    assert_eq!(
        add(&mut state, Some("1"), &[], &["joint-staff"], "2020-12-31").unwrap(),
        number("1.2")
    );
    assert_eq!(
        add(&mut state, Some("1.2"), &["KZ"], &[], "2020-12-20").unwrap(),
        number("1.2.1")
    );
    assert_eq!(
        add(&mut state, None, &["AM"], &[], "2025-12-31").unwrap(),
        number("3")
    );
    let plan = state.plans().plan(PlanId(1)).expect("the plan");
    assert_eq!(plan.kind, DocumentType::Strategy);
    let order: Vec<String> = plan.measures.keys().map(ToString::to_string).collect();
    assert_eq!(order, ["1", "1.1", "1.2", "1.2.1", "2", "3"]);
    assert!(plan.has_children(&number("1")));
    assert!(!plan.has_children(&number("2")));

    // Refused: an unknown parent, a sub-measure due after its parent, no one responsible, a
    // state that is not a member, an unknown body.
    for (result, code) in [
        (
            add(&mut state, Some("9"), &["RU"], &[], "2020-12-01"),
            "plan.unknown_measure",
        ),
        (
            add(&mut state, Some("1"), &["RU"], &[], "2021-01-01"),
            "plan.deadline_after_parent",
        ),
        (
            add(&mut state, None, &[], &[], "2021-01-01"),
            "plan.no_one_responsible",
        ),
        (
            add(&mut state, None, &["UZ"], &[], "2021-01-01"),
            "plan.not_a_member",
        ),
        (
            add(&mut state, None, &[], &["nobody"], "2021-01-01"),
            "plan.unknown_body",
        ),
    ] {
        assert_eq!(result.map_err(|e| e.code()), Err(code));
    }
    // Four deep at most.
    add(&mut state, Some("1.2.1"), &["KZ"], &[], "2020-12-20").expect("1.2.1.1");
    assert_eq!(
        add(&mut state, Some("1.2.1.1"), &["KZ"], &[], "2020-12-20").map_err(|e| e.code()),
        Err("plan.too_deep")
    );
}

#[test]
fn a_plan_implements_one_plan_or_strategy_document_and_only_the_secretariat_creates_it() {
    let (mut state, document) = with_document(DocumentType::Plan);
    let create = P::CreatePlan {
        document,
        classification: None,
    };
    let delegate = as_account(&state, "ru.delegate");
    assert_eq!(
        refused(run(&mut state, &delegate, plans(create.clone()))),
        "access.denied"
    );
    let who = sec(&state);
    let events = run(&mut state, &who, plans(create.clone())).expect("created");
    let [Event::PlanCreated(p)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!((p.plan, p.kind), (PlanId(1), DocumentType::Plan));
    assert_eq!(state.plans().plan_of(document), Some(PlanId(1)));
    assert_eq!(
        refused(run(&mut state, &who, plans(create))),
        "plan.already_exists"
    );
    let (mut other, statement) = with_document(DocumentType::Statement);
    let who = sec(&other);
    assert_eq!(
        refused(run(
            &mut other,
            &who,
            plans(P::CreatePlan {
                document: statement,
                classification: None
            })
        )),
        "plan.not_a_plan"
    );
}

#[test]
fn only_the_responsible_states_delegation_or_bodys_staff_reports_on_a_measure() {
    let mut state = with_plan();
    let now = at("2020-12-10T09:00:00Z");
    // Measure 1 is Russia's and the Joint Staff's.
    let events = report(
        &mut state,
        "ru.delegate",
        "1",
        ProgressStatus::InProgress,
        "2020-12-10",
        now,
    )
    .expect("Russia reports");
    let [Event::ProgressReported(r)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!(r.state, Some(code("RU")));
    report(
        &mut state,
        "js.officer",
        "1",
        ProgressStatus::InProgress,
        "2020-12-10",
        now,
    )
    .expect("the Joint Staff reports");
    for who in ["by.delegate", "sec.officer", "crc.duty"] {
        assert_eq!(
            refused(report(
                &mut state,
                who,
                "1",
                ProgressStatus::Done,
                "2020-12-10",
                now
            )),
            "plan.not_responsible",
            "{who}"
        );
    }
    // A partner's liaison and the administrator never report.
    for who in ["rats.liaison", "admin"] {
        assert_eq!(
            refused(report(
                &mut state,
                who,
                "1",
                ProgressStatus::Done,
                "2020-12-10",
                now
            )),
            "access.denied",
            "{who}"
        );
    }
    // Belarus reports on its own measure 2.
    report(
        &mut state,
        "by.delegate",
        "2",
        ProgressStatus::InProgress,
        "2020-12-10",
        now,
    )
    .expect("Belarus reports");
    let plan = state.plans().plan(PlanId(1)).unwrap();
    assert_eq!(plan.measures[&number("1")].reports.len(), 2);
    assert_eq!(plan.measures[&number("2")].reports.len(), 1);
}

#[test]
fn reports_are_dated_in_order_and_name_the_measures_own_indicators() {
    let mut state = with_plan();
    let now = at("2020-12-10T09:00:00Z");
    let in_progress = ProgressStatus::InProgress;
    assert_eq!(
        refused(report(
            &mut state,
            "ru.delegate",
            "1",
            in_progress,
            "2020-12-11",
            now
        )),
        "plan.report_in_future"
    );
    report(
        &mut state,
        "ru.delegate",
        "1",
        in_progress,
        "2020-12-05",
        now,
    )
    .expect("reported");
    assert_eq!(
        refused(report(
            &mut state,
            "ru.delegate",
            "1",
            in_progress,
            "2020-12-04",
            now
        )),
        "plan.report_before_last"
    );
    assert_eq!(
        refused(report(
            &mut state,
            "ru.delegate",
            "7",
            in_progress,
            "2020-12-05",
            now
        )),
        "plan.unknown_measure"
    );
    let who = as_account(&state, "ru.delegate");
    let bad = P::ReportProgress {
        plan: PlanId(1),
        measure: number("1"),
        status: in_progress,
        values: vec![IndicatorValue {
            indicator: 2,
            value: 1,
        }],
        comment: None,
        as_of: day("2020-12-06"),
    };
    assert_eq!(
        refused(run_at(&mut state, &who, plans(bad), now)),
        "plan.bad_value"
    );
}

#[test]
fn a_measure_is_overdue_from_the_day_after_its_deadline_until_it_is_done() {
    let mut state = with_plan();
    // Measure 1 is due on 31 December 2020, in progress since 10 December.
    report(
        &mut state,
        "ru.delegate",
        "1",
        ProgressStatus::InProgress,
        "2020-12-10",
        at("2020-12-10T09:00:00Z"),
    )
    .unwrap();
    let measure =
        |state: &State| state.plans().plan(PlanId(1)).unwrap().measures[&number("1")].clone();
    let m = measure(&state);
    assert!(!rules::is_overdue(&m, day("2020-12-30")));
    assert!(
        !rules::is_overdue(&m, day("2020-12-31")),
        "not overdue on its deadline"
    );
    assert!(
        rules::is_overdue(&m, day("2021-01-01")),
        "overdue the day after"
    );
    // Done as of 5 January 2021: from then on not overdue; before, it still was.
    report(
        &mut state,
        "js.officer",
        "1",
        ProgressStatus::Done,
        "2021-01-05",
        at("2021-01-06T09:00:00Z"),
    )
    .unwrap();
    let m = measure(&state);
    assert!(rules::is_overdue(&m, day("2021-01-04")));
    assert!(!rules::is_overdue(&m, day("2021-01-05")));
    assert_eq!(
        rules::status_on(&m, day("2021-01-04")),
        ProgressStatus::InProgress
    );
    assert_eq!(
        rules::status_on(&m, day("2020-12-09")),
        ProgressStatus::NotStarted
    );
    // Measure 2 never reported: overdue once 30 June 2021 has passed.
    let plan = state.plans().plan(PlanId(1)).unwrap();
    assert!(rules::overdue(plan, day("2021-06-30")).is_empty());
    assert_eq!(rules::overdue(plan, day("2021-07-01")), vec![&number("2")]);
}

#[test]
fn the_dashboard_counts_measures_by_state_by_body_and_overall() {
    let mut state = with_plan();
    add(&mut state, Some("1"), &["RU", "KZ"], &[], "2020-12-20").unwrap();
    report(
        &mut state,
        "ru.delegate",
        "1.1",
        ProgressStatus::Done,
        "2020-12-10",
        at("2020-12-10T09:00:00Z"),
    )
    .unwrap();
    report(
        &mut state,
        "by.delegate",
        "2",
        ProgressStatus::InProgress,
        "2020-12-10",
        at("2020-12-10T09:00:00Z"),
    )
    .unwrap();
    let plan = state.plans().plan(PlanId(1)).unwrap();
    let board = rules::dashboard(plan, day("2021-01-01"));
    let lines: Vec<(String, ProgressStatus, bool)> = board
        .measures
        .iter()
        .map(|l| (l.measure.number.to_string(), l.status, l.overdue))
        .collect();
    assert_eq!(
        lines,
        [
            ("1".to_owned(), ProgressStatus::NotStarted, true),
            ("1.1".to_owned(), ProgressStatus::Done, false),
            ("2".to_owned(), ProgressStatus::InProgress, false),
        ]
    );
    let ru = board.by_state[&code("RU")];
    assert_eq!((ru.total, ru.done, ru.overdue), (2, 1, 1));
    let kz = board.by_state[&code("KZ")];
    assert_eq!((kz.total, kz.done, kz.percent_done()), (1, 1, 100));
    let by = board.by_state[&code("BY")];
    assert_eq!((by.total, by.in_progress, by.overdue), (1, 1, 0));
    let js = board.by_body[&body("joint-staff")];
    assert_eq!((js.total, js.not_started, js.overdue), (1, 1, 1));
    assert_eq!(board.overall.total, 3);
    assert_eq!(board.overall.percent_done(), 33);
    // The same plan on 9 December: nothing reported yet, nothing overdue.
    let before = rules::dashboard(plan, day("2020-12-09"));
    assert_eq!(
        (
            before.overall.done,
            before.overall.overdue,
            before.overall.not_started
        ),
        (0, 0, 3)
    );
}

#[test]
fn a_measure_number_reads_and_writes_as_dotted_numbers() {
    assert_eq!(number("1.2.3").to_string(), "1.2.3");
    assert_eq!(number("1.2").parent(), Some(number("1")));
    assert_eq!(number("1").parent(), None);
    for bad in [
        "",
        "0",
        "1.",
        ".1",
        "1..2",
        "a",
        "100",
        "1.2.3.4.5",
        "01.2x",
    ] {
        assert!(MeasureNumber::parse(bad).is_err(), "{bad:?}");
    }
    assert!(number("1.10") > number("1.9"));
}
