//! Given-when-then: accounts' affiliations and roles (credentials are never in the log).

mod common;

use accord_core::config::MemberStatus;
use accord_core::{Affiliation, CommandPayload, Date, Principal, Role};
use common::{account, as_account, bilingual, body, code, partner, refused, run, staffed};

fn grant(id: &str, affiliation: Affiliation) -> CommandPayload {
    CommandPayload::GrantAffiliation {
        account: account(id),
        affiliation,
    }
}

fn role(id: &str, role: Role) -> CommandPayload {
    CommandPayload::GrantRole {
        account: account(id),
        role,
    }
}

#[test]
fn an_administrator_grants_an_affiliation_and_a_role() {
    let mut state = staffed();
    let admin = as_account(&state, "admin");
    let events = run(
        &mut state,
        &admin,
        grant("kz.head", Affiliation::Delegation { state: code("KZ") }),
    )
    .expect("granted");
    assert_eq!(events[0].kind(), "account.affiliation_granted");
    let events = run(&mut state, &admin, role("kz.head", Role::HeadOfDelegation)).expect("granted");
    assert_eq!(events[0].kind(), "account.role_granted");
    let principal = as_account(&state, "kz.head");
    assert_eq!(
        principal.affiliation(),
        &Affiliation::Delegation { state: code("KZ") }
    );
    assert!(principal.has(Role::HeadOfDelegation));
    let bodies: Vec<&str> = principal.bodies().iter().map(|b| b.as_str()).collect();
    assert_eq!(bodies, ["cdm", "cfm", "csc", "cssc", "pc"]);
}

#[test]
fn a_staff_account_sits_in_its_staff_body() {
    let state = staffed();
    assert!(
        as_account(&state, "crc.duty")
            .bodies()
            .contains(&body("crc"))
    );
    assert!(
        as_account(&state, "sec.officer")
            .bodies()
            .contains(&body("secretariat"))
    );
    assert!(as_account(&state, "admin").bodies().is_empty());
}

#[test]
fn only_an_administrator_or_the_system_manages_accounts() {
    let mut state = staffed();
    for id in ["sec.officer", "ru.head", "crc.duty", "rats.liaison"] {
        let principal = as_account(&state, id);
        let result = run(&mut state, &principal, grant("x", Affiliation::Secretariat));
        assert_eq!(refused(result), "access.denied", "{id}");
    }
    assert_eq!(
        refused(run(
            &mut state,
            &Principal::anonymous(),
            grant("x", Affiliation::Secretariat)
        )),
        "access.denied"
    );
}

#[test]
fn an_account_with_an_affiliation_cannot_be_given_another() {
    let mut state = staffed();
    let admin = as_account(&state, "admin");
    assert_eq!(
        refused(run(
            &mut state,
            &admin,
            grant("ru.head", Affiliation::Secretariat)
        )),
        "account.already_affiliated"
    );
}

#[test]
fn the_public_and_the_system_are_not_affiliations_of_accounts() {
    let mut state = staffed();
    let admin = as_account(&state, "admin");
    assert_eq!(
        refused(run(&mut state, &admin, grant("x", Affiliation::Public))),
        "account.not_grantable"
    );
    assert_eq!(
        refused(run(&mut state, &admin, grant("x", Affiliation::System))),
        "account.not_grantable"
    );
}

#[test]
fn an_affiliation_must_fit_the_states_status() {
    let mut state = staffed();
    let admin = as_account(&state, "admin");
    let result = run(
        &mut state,
        &admin,
        grant("x", Affiliation::Observer { state: code("RU") }),
    );
    assert_eq!(refused(result), "account.status_mismatch");
    let result = run(
        &mut state,
        &admin,
        grant("x", Affiliation::Delegation { state: code("US") }),
    );
    assert_eq!(refused(result), "member.unknown_state");
    let result = run(
        &mut state,
        &admin,
        grant(
            "x",
            Affiliation::PartnerOrganisation {
                partner: partner("nato"),
            },
        ),
    );
    assert_eq!(refused(result), "account.unknown_partner");
}

#[test]
fn a_role_must_fit_the_affiliation() {
    let mut state = staffed();
    let admin = as_account(&state, "admin");
    assert_eq!(
        refused(run(&mut state, &admin, role("ru.delegate", Role::Officer))),
        "account.role_not_fitting"
    );
    assert_eq!(
        refused(run(
            &mut state,
            &admin,
            role("crc.duty", Role::HeadOfDelegation)
        )),
        "account.role_not_fitting"
    );
    assert_eq!(
        refused(run(
            &mut state,
            &admin,
            role("rats.liaison", Role::Delegate)
        )),
        "account.role_not_fitting"
    );
}

#[test]
fn a_role_is_granted_once_and_revoked_only_when_held() {
    let mut state = staffed();
    let admin = as_account(&state, "admin");
    assert_eq!(
        refused(run(&mut state, &admin, role("ru.delegate", Role::Delegate))),
        "account.role_already_held"
    );
    let revoke = CommandPayload::RevokeRole {
        account: account("ru.delegate"),
        role: Role::Delegate,
    };
    let events = run(&mut state, &admin, revoke.clone()).expect("revoked");
    assert_eq!(events[0].kind(), "account.role_revoked");
    assert!(!as_account(&state, "ru.delegate").has(Role::Delegate));
    assert_eq!(
        refused(run(&mut state, &admin, revoke)),
        "account.role_not_held"
    );
}

#[test]
fn revoking_an_affiliation_removes_the_account_and_its_roles() {
    let mut state = staffed();
    let admin = as_account(&state, "admin");
    let revoke = CommandPayload::RevokeAffiliation {
        account: account("ru.head"),
    };
    let events = run(&mut state, &admin, revoke.clone()).expect("revoked");
    assert_eq!(events[0].kind(), "account.affiliation_revoked");
    assert!(state.principal(&account("ru.head")).is_none());
    assert_eq!(refused(run(&mut state, &admin, revoke)), "account.unknown");
    assert_eq!(
        refused(run(&mut state, &admin, role("ru.head", Role::Delegate))),
        "account.unknown"
    );
}

#[test]
fn the_delegation_of_a_state_that_becomes_an_observer_acts_as_an_observer() {
    let mut state = staffed();
    let (system, admin) = (Principal::system(), as_account(&state, "admin"));
    let date = |s: &str| Date::parse(s).expect("date");
    let admit = CommandPayload::AdmitState {
        state: code("UZ"),
        name: bilingual("Узбекистан", "Uzbekistan"),
        status: MemberStatus::Member,
        since: date("2006-08-16"),
    };
    run(&mut state, &system, admit).expect("admitted");
    run(
        &mut state,
        &admin,
        grant("uz.head", Affiliation::Delegation { state: code("UZ") }),
    )
    .expect("granted");
    run(&mut state, &admin, role("uz.head", Role::HeadOfDelegation)).expect("granted");
    run(&mut state, &admin, role("uz.head", Role::Delegate)).expect("granted");
    let change = CommandPayload::ChangeMemberStatus {
        state: code("UZ"),
        status: MemberStatus::Observer,
        since: date("2012-12-19"),
    };
    run(&mut state, &system, change).expect("changed");
    let principal = as_account(&state, "uz.head");
    assert_eq!(
        principal.affiliation(),
        &Affiliation::Observer { state: code("UZ") }
    );
    assert!(principal.has(Role::Delegate) && !principal.has(Role::HeadOfDelegation));
    assert!(principal.bodies().is_empty());
}
