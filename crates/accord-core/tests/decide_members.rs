//! Given-when-then: founding the organisation and the registry of states.

mod common;

use accord_core::config::MemberStatus;
use accord_core::{CommandPayload, Date, Event, Principal, State, Text};
use common::{as_account, at, bilingual, code, founded, lang, reference, refused, run, staffed};

fn date(s: &str) -> Date {
    Date::parse(s).expect("date")
}

fn admit_uzbekistan(status: MemberStatus, since: &str) -> CommandPayload {
    CommandPayload::AdmitState {
        state: code("UZ"),
        name: bilingual("Узбекистан", "Uzbekistan"),
        status,
        since: date(since),
    }
}

fn change(state: &str, status: MemberStatus, since: &str) -> CommandPayload {
    CommandPayload::ChangeMemberStatus {
        state: code(state),
        status,
        since: date(since),
    }
}

#[test]
fn founding_records_the_whole_configuration_and_sets_up_the_registry() {
    let mut state = State::default();
    let payload = CommandPayload::FoundOrganisation {
        config: Box::new(reference()),
    };
    let events = run(&mut state, &Principal::system(), payload).expect("founded");
    assert!(matches!(&events[..], [Event::OrganisationFounded(f)] if f.config == reference()));
    assert_eq!(events[0].kind(), "organisation.founded");
    assert_eq!(state.config(), Some(&reference()));
    assert_eq!(state.states().len(), 6);
    assert_eq!(
        state.state(code("TJ")).map(|s| s.status),
        Some(MemberStatus::Member)
    );
    assert_eq!(state.chair_on(date("2020-12-02")), Some(code("RU")));
    assert_eq!(state.chair_on(date("2021-01-01")), Some(code("TJ")));
}

#[test]
fn the_organisation_is_founded_only_once() {
    let mut state = founded();
    let payload = CommandPayload::FoundOrganisation {
        config: Box::new(reference()),
    };
    assert_eq!(
        refused(run(&mut state, &Principal::system(), payload)),
        "organisation.already_founded"
    );
}

#[test]
fn nothing_happens_before_the_organisation_is_founded() {
    let mut state = State::default();
    let result = run(
        &mut state,
        &Principal::system(),
        change("RU", MemberStatus::Observer, "2020-01-01"),
    );
    assert_eq!(refused(result), "organisation.not_founded");
}

#[test]
fn a_delegate_cannot_found_the_organisation() {
    let staffed = staffed();
    let delegate = as_account(&staffed, "ru.delegate");
    let payload = CommandPayload::FoundOrganisation {
        config: Box::new(reference()),
    };
    assert_eq!(
        refused(run(&mut State::default(), &delegate, payload)),
        "access.denied"
    );
}

#[test]
fn a_secretariat_officer_admits_an_observer_state() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    let events = run(
        &mut state,
        &officer,
        admit_uzbekistan(MemberStatus::Observer, "2020-11-30"),
    )
    .expect("admitted");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind(), "member.admitted");
    let record = state.state(code("UZ")).expect("in the registry");
    assert_eq!(
        (record.status, record.since),
        (MemberStatus::Observer, date("2020-11-30"))
    );
    assert_eq!(record.name.get(lang("en")), Some("Uzbekistan"));
}

#[test]
fn admitting_a_state_already_in_the_registry_is_refused() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    let payload = CommandPayload::AdmitState {
        state: code("KZ"),
        name: bilingual("Казахстан", "Kazakhstan"),
        status: MemberStatus::Observer,
        since: date("2020-01-01"),
    };
    assert_eq!(
        refused(run(&mut state, &officer, payload)),
        "member.already_known"
    );
}

#[test]
fn a_name_in_an_unofficial_language_is_refused() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    let name = bilingual("Узбекистан", "Uzbekistan")
        .with(lang("uz"), "O‘zbekiston")
        .expect("text");
    let payload = CommandPayload::AdmitState {
        state: code("UZ"),
        name,
        status: MemberStatus::Observer,
        since: date("2020-01-01"),
    };
    assert_eq!(
        refused(run(&mut state, &officer, payload)),
        "text.unofficial_language"
    );
}

#[test]
fn a_name_not_authentic_in_the_authentic_language_is_refused() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    let name = Text::new(lang("en"), "Uzbekistan").expect("text");
    let payload = CommandPayload::AdmitState {
        state: code("UZ"),
        name,
        status: MemberStatus::Observer,
        since: date("2020-01-01"),
    };
    assert_eq!(
        refused(run(&mut state, &officer, payload)),
        "text.not_authentic"
    );
}

#[test]
fn an_observer_becomes_a_partner_and_its_history_is_kept() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    run(
        &mut state,
        &officer,
        admit_uzbekistan(MemberStatus::Observer, "2019-05-01"),
    )
    .expect("admitted");
    let events = run(
        &mut state,
        &officer,
        change("UZ", MemberStatus::Partner, "2020-12-01"),
    )
    .expect("changed");
    assert_eq!(events[0].kind(), "member.status_changed");
    let record = state.state(code("UZ")).expect("known");
    assert_eq!(
        (record.status, record.since),
        (MemberStatus::Partner, date("2020-12-01"))
    );
    assert_eq!(
        record.history,
        [(MemberStatus::Observer, date("2019-05-01"))]
    );
}

#[test]
fn a_status_change_for_a_state_not_in_the_registry_is_refused() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    assert_eq!(
        refused(run(
            &mut state,
            &officer,
            change("UZ", MemberStatus::Partner, "2020-01-01")
        )),
        "member.unknown_state"
    );
}

#[test]
fn a_status_change_to_the_same_status_is_refused() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    run(
        &mut state,
        &officer,
        admit_uzbekistan(MemberStatus::Observer, "2019-05-01"),
    )
    .expect("admitted");
    let result = run(
        &mut state,
        &officer,
        change("UZ", MemberStatus::Observer, "2020-01-01"),
    );
    assert_eq!(refused(result), "member.status_unchanged");
}

#[test]
fn a_status_change_dated_before_the_current_status_is_refused() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    run(
        &mut state,
        &officer,
        admit_uzbekistan(MemberStatus::Observer, "2019-05-01"),
    )
    .expect("admitted");
    let result = run(
        &mut state,
        &officer,
        change("UZ", MemberStatus::Partner, "2019-04-30"),
    );
    assert_eq!(refused(result), "member.date_before_current");
}

#[test]
fn a_status_change_dated_after_today_is_refused_but_today_is_accepted() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    run(
        &mut state,
        &officer,
        admit_uzbekistan(MemberStatus::Observer, "2019-05-01"),
    )
    .expect("admitted");
    let result = run(
        &mut state,
        &officer,
        change("UZ", MemberStatus::Partner, "2020-12-02"),
    );
    assert_eq!(refused(result), "member.date_in_future");
    assert!(
        run(
            &mut state,
            &officer,
            change("UZ", MemberStatus::Partner, "2020-12-01")
        )
        .is_ok()
    );
    assert_eq!(at("2020-12-01T23:59:59Z").date(), date("2020-12-01"));
}

#[test]
fn a_state_in_the_chairmanship_order_stays_a_member() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    let result = run(
        &mut state,
        &officer,
        change("AM", MemberStatus::Observer, "2020-12-01"),
    );
    assert_eq!(refused(result), "member.in_chair_order");
}

#[test]
fn a_delegate_cannot_change_the_registry() {
    let mut state = staffed();
    let delegate = as_account(&state, "ru.head");
    let result = run(
        &mut state,
        &delegate,
        admit_uzbekistan(MemberStatus::Observer, "2020-01-01"),
    );
    assert_eq!(refused(result), "access.denied");
}

#[test]
fn a_secretariat_account_without_the_officer_role_cannot_change_the_registry() {
    let mut state = staffed();
    let system = Principal::system();
    let payload = CommandPayload::RevokeRole {
        account: common::account("sec.officer"),
        role: accord_core::Role::Officer,
    };
    run(&mut state, &system, payload).expect("revoked");
    let clerk = as_account(&state, "sec.officer");
    let result = run(
        &mut state,
        &clerk,
        admit_uzbekistan(MemberStatus::Observer, "2020-01-01"),
    );
    assert_eq!(refused(result), "access.denied");
}
