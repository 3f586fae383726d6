//! The demo's people and first history, shared by `accord demo` and the tests' running app: an
//! observer state admitted, an account for each affiliation, and a few notes at each
//! classification. Later features add their own history here.

use accord_core::config::MemberStatus;
use accord_core::{
    Affiliation, Classification, Command, CommandPayload, Date, Lang, PartnerId, Principal,
    Recipient, Role, StateCode, Text, Timestamp,
};
use accord_ledger::{KeyName, KeyType, SignerKey};
use accord_store::{AnyStore, Clock as _, Journal, ScenarioClock};

use crate::accounts::{self, NewAccount};
use crate::error::AppError;

/// A demo account: its user name, whom it acts for, and its roles.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    /// The user name.
    pub username: String,
    /// Whom it acts for.
    pub affiliation: Affiliation,
    /// Its roles.
    pub roles: Vec<Role>,
}

fn code(text: &str) -> StateCode {
    StateCode::parse(text).expect("a valid state code")
}

/// The observer state the demo admits (a state with observer status in the organisation's
/// parliamentary assembly since 2013).
pub const OBSERVER: &str = "RS";

/// One account per affiliation: a delegate and a head of delegation of each member state, the
/// Secretariat, a Crisis Response Centre duty officer, the Joint Staff, an
/// observer state's delegate, a partner organisation's liaison officer, and an administrator.
pub fn demo_accounts(members: &[StateCode]) -> Vec<DemoAccount> {
    let mut out: Vec<DemoAccount> = members
        .iter()
        .map(|state| DemoAccount {
            username: format!("delegate.{}", state.as_str().to_lowercase()),
            affiliation: Affiliation::Delegation { state: *state },
            roles: vec![Role::Delegate],
        })
        .collect();
    out.extend(members.iter().map(|state| DemoAccount {
        username: format!("head.{}", state.as_str().to_lowercase()),
        affiliation: Affiliation::Delegation { state: *state },
        roles: vec![Role::HeadOfDelegation],
    }));
    if let Some(first) = members.first() {
        out.push(DemoAccount {
            username: format!("centre.{}", first.as_str().to_lowercase()),
            affiliation: Affiliation::Delegation { state: *first },
            roles: vec![Role::NationalCentre],
        });
    }
    let staff = |username: &str, affiliation| DemoAccount {
        username: username.to_owned(),
        affiliation,
        roles: vec![Role::Officer],
    };
    out.extend([
        staff("secretariat", Affiliation::Secretariat),
        staff("duty.officer", Affiliation::CrisisCentre),
        staff("joint.staff", Affiliation::JointStaff),
        DemoAccount {
            username: format!("observer.{}", OBSERVER.to_lowercase()),
            affiliation: Affiliation::Observer {
                state: code(OBSERVER),
            },
            roles: vec![Role::Delegate],
        },
        DemoAccount {
            username: "partner.rats".to_owned(),
            affiliation: Affiliation::PartnerOrganisation {
                partner: PartnerId::parse("sco-rats").expect("a partner id"),
            },
            roles: vec![Role::Liaison],
        },
        DemoAccount {
            username: "admin".to_owned(),
            affiliation: Affiliation::Administrator,
            roles: vec![],
        },
    ]);
    out
}

/// What the seed created: the accounts with their passwords, and each member delegation's
/// signing key (the demo keeps them in its data directory so that a visitor can sign).
#[derive(Debug)]
pub struct Seeded {
    /// The accounts and their passwords.
    pub accounts: Vec<(DemoAccount, String)>,
    /// Each member delegation's signing key.
    pub delegation_keys: Vec<(StateCode, SignerKey)>,
}

/// Seeds a freshly founded log, at the scenario's times while `clock` is fixed: admits the
/// observer, creates the demo accounts with the passwords `password` gives, records the first
/// notes, then the secretariat's December 2020 (see [`crate::scenario`]). Then it releases the
/// clock and starts what runs live.
pub async fn seed(
    journal: &Journal<AnyStore>,
    clock: &ScenarioClock,
    password: impl Fn(&str) -> String,
) -> Result<Seeded, AppError> {
    seed_with(journal, clock, password, Picture::Current).await
}

/// What the Crisis Response Centre's picture holds once the demo is seeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    /// The three weeks before the demo starts (`scenario::crisis`).
    Current,
    /// Nothing: for tests that count what is on the map.
    Empty,
}

/// [`seed`], with the Centre's picture chosen.
pub async fn seed_with(
    journal: &Journal<AnyStore>,
    clock: &ScenarioClock,
    password: impl Fn(&str) -> String,
    picture: Picture,
) -> Result<Seeded, AppError> {
    clock.set(Timestamp::parse("2020-11-02T06:00:00Z").expect("a time"));
    let system = Principal::system();
    let (members, ru, en) = {
        let state = journal.state();
        let members: Vec<StateCode> = state
            .states()
            .iter()
            .filter(|(_, s)| s.status == MemberStatus::Member)
            .map(|(c, _)| *c)
            .collect();
        (
            members,
            Lang::parse("ru").expect("ru"),
            Lang::parse("en").expect("en"),
        )
    };
    let text = |r: &str, e: &str| {
        Text::new(ru, r)
            .and_then(|t| t.with(en, e))
            .expect("a demo text")
    };
    journal
        .submit(Command {
            principal: system.clone(),
            payload: CommandPayload::AdmitState {
                state: code(OBSERVER),
                name: text("Сербия", "Serbia"),
                status: MemberStatus::Observer,
                since: Date::from_ymd(2013, 4, 12).expect("a date"),
            },
        })
        .await?;
    let mut created = Vec::new();
    for account in demo_accounts(&members) {
        let secret = password(&account.username);
        accounts::create(
            journal,
            &system,
            NewAccount {
                username: account.username.clone(),
                password: secret.clone(),
                affiliation: account.affiliation.clone(),
                roles: account.roles.clone(),
            },
        )
        .await?;
        created.push((account, secret));
    }
    let notes = [
        (
            text(
                "Совет министров иностранных дел проводит заседание 1 декабря 2020 года в формате видеоконференции.",
                "The Council of Foreign Ministers meets on 1 December 2020 by videoconference.",
            ),
            Classification::Public,
            vec![],
        ),
        (
            text(
                "Проект заявления к 75-летию окончания Второй мировой войны разослан делегациям.",
                "The draft statement on the 75th anniversary of the end of the Second World War has been circulated to the delegations.",
            ),
            Classification::Restricted,
            vec![],
        ),
        (
            text(
                "Кризисный центр: сводка о санитарно-эпидемиологической обстановке для Секретариата.",
                "Crisis Response Centre: an epidemiological situation summary for the Secretariat.",
            ),
            Classification::Confidential,
            vec![Recipient::Body {
                body: accord_core::BodyId::parse("secretariat").expect("a body id"),
            }],
        ),
    ];
    for (text, classification, release) in notes {
        journal
            .submit(Command {
                principal: system.clone(),
                payload: CommandPayload::RecordNote {
                    text,
                    classification: Some(classification),
                    release,
                },
            })
            .await?;
    }
    let mut delegation_keys = Vec::new();
    for state in &members {
        let name = KeyName::new(&format!("delegation.{}", state.as_str().to_lowercase()))
            .map_err(|e| AppError::internal("a delegation key name", e))?;
        let key = SignerKey::generate(name, KeyType::Ed25519)
            .map_err(|e| AppError::internal("a delegation key", e))?;
        delegation_keys.push((*state, key));
    }
    crate::scenario::december_2020(journal, clock, &delegation_keys).await?;
    let started = Timestamp::from_unix_seconds(jiff::Timestamp::now().as_second())
        .map_err(|e| AppError::internal("the demo's start", e))?;
    if picture == Picture::Current {
        crate::scenario::crisis::recent_weeks(journal, clock, started).await?;
    }
    clock.release();
    crate::scenario::live(journal, clock.now()).await?;
    Ok(Seeded {
        accounts: created,
        delegation_keys,
    })
}
