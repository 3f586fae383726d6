//! Fixtures shared by the integration tests: the reference organisation and its principals.

#![expect(
    dead_code,
    reason = "each test file uses a different part of the fixtures"
)]

use std::collections::BTreeSet;

use accord_core::config::OrgConfig;
use accord_core::{
    AccountId, Affiliation, BodyId, Lang, PartnerId, Principal, Role, StateCode, Text, Timestamp,
};

pub(crate) fn code(s: &str) -> StateCode {
    StateCode::parse(s).expect("state code")
}

pub(crate) fn account(s: &str) -> AccountId {
    AccountId::parse(s).expect("account id")
}

pub(crate) fn body(s: &str) -> BodyId {
    BodyId::parse(s).expect("body id")
}

pub(crate) fn partner(s: &str) -> PartnerId {
    PartnerId::parse(s).expect("partner id")
}

pub(crate) fn lang(s: &str) -> Lang {
    Lang::parse(s).expect("language")
}

pub(crate) fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).expect("timestamp")
}

pub(crate) fn reference() -> OrgConfig {
    OrgConfig::reference().unwrap_or_else(|e| panic!("{e}"))
}

/// A Russian authentic text with an English translation.
pub(crate) fn bilingual(ru: &str, en: &str) -> Text {
    Text::new(lang("ru"), ru)
        .and_then(|t| t.with(lang("en"), en))
        .expect("text")
}

pub(crate) fn principal(
    id: &str,
    affiliation: Affiliation,
    roles: &[Role],
    bodies: &[&str],
) -> Principal {
    Principal::new(
        account(id),
        affiliation,
        roles.iter().copied().collect(),
        bodies.iter().map(|b| body(b)).collect::<BTreeSet<_>>(),
    )
}

use accord_core::{Command, CommandPayload, DomainError, Event, State, apply, decide};

/// The instant the tests act at: the foreign ministers' session of 1 December 2020.
pub(crate) fn now() -> Timestamp {
    at("2020-12-01T13:00:00Z")
}

/// Decides `payload` for `principal` at [`now`]; applies the events when accepted.
pub(crate) fn run(
    state: &mut State,
    principal: &Principal,
    payload: CommandPayload,
) -> Result<Vec<Event>, DomainError> {
    run_at(state, principal, payload, now())
}

/// Decides `payload` for `principal` at `now`; applies the events when accepted.
pub(crate) fn run_at(
    state: &mut State,
    principal: &Principal,
    payload: CommandPayload,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let command = Command {
        principal: principal.clone(),
        payload,
    };
    let before = state.clone();
    let result = decide(state, &command, now);
    assert_eq!(*state, before, "decide never changes the state");
    if let Ok(events) = &result {
        for event in events {
            apply(state, event);
        }
    }
    result
}

/// Given: the reference organisation, founded by the system.
pub(crate) fn founded() -> State {
    let mut state = State::default();
    let payload = CommandPayload::FoundOrganisation {
        config: Box::new(reference()),
    };
    run(&mut state, &Principal::system(), payload).expect("founded");
    state
}

/// Given: the founded organisation with an administrator, a Secretariat officer, Russia's head
/// of delegation and a Russian delegate, a Belarusian delegate, a Crisis Response Centre duty
/// officer and a liaison of the SCO RATS.
pub(crate) fn staffed() -> State {
    let mut state = founded();
    let system = Principal::system();
    let accounts: [(&str, Affiliation, Option<Role>); 7] = [
        ("admin", Affiliation::Administrator, None),
        ("sec.officer", Affiliation::Secretariat, Some(Role::Officer)),
        (
            "ru.head",
            Affiliation::Delegation { state: code("RU") },
            Some(Role::HeadOfDelegation),
        ),
        (
            "ru.delegate",
            Affiliation::Delegation { state: code("RU") },
            Some(Role::Delegate),
        ),
        (
            "by.delegate",
            Affiliation::Delegation { state: code("BY") },
            Some(Role::Delegate),
        ),
        ("crc.duty", Affiliation::CrisisCentre, Some(Role::Officer)),
        (
            "rats.liaison",
            Affiliation::PartnerOrganisation {
                partner: partner("sco-rats"),
            },
            Some(Role::Liaison),
        ),
    ];
    for (id, affiliation, role) in accounts {
        let payload = CommandPayload::GrantAffiliation {
            account: account(id),
            affiliation,
        };
        run(&mut state, &system, payload).expect("affiliation");
        if let Some(role) = role {
            run(
                &mut state,
                &system,
                CommandPayload::GrantRole {
                    account: account(id),
                    role,
                },
            )
            .expect("role");
        }
    }
    state
}

/// The principal of an account of the state.
pub(crate) fn as_account(state: &State, id: &str) -> Principal {
    state
        .principal(&account(id))
        .expect("an affiliated account")
}

/// The code of the rule a refused command broke.
pub(crate) fn refused(result: Result<Vec<Event>, DomainError>) -> &'static str {
    match result {
        Ok(events) => panic!("expected a refusal, got {events:?}"),
        Err(error) => error.code(),
    }
}
