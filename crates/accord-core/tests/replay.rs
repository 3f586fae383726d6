//! Property tests: replaying the log gives the state that applying it live gave.

mod common;

use accord_core::config::MemberStatus;
use accord_core::event::{
    AffiliationGranted, AffiliationRevoked, MemberAdmitted, MemberStatusChanged, NoteRecorded,
    OrganisationFounded, RoleChange,
};
use accord_core::{
    Actor, Affiliation, Classification, Command, CommandPayload, Date, Envelope, Event, LogIndex,
    NoteId, Principal, Recipient, Role, Sealed, State, StateCode, apply, decide,
};
use common::{account, at, bilingual, body, code, partner, reference};
use proptest::prelude::*;

const CODES: [&str; 8] = ["AM", "BY", "KZ", "KG", "RU", "TJ", "UZ", "MN"];
const ACCOUNTS: [&str; 4] = ["admin", "ru.head", "sec.officer", "uz.delegate"];

fn state_code() -> impl Strategy<Value = StateCode> {
    prop::sample::select(&CODES[..]).prop_map(code)
}

fn status() -> impl Strategy<Value = MemberStatus> {
    prop::sample::select(vec![
        MemberStatus::Member,
        MemberStatus::Observer,
        MemberStatus::Partner,
    ])
}

fn date() -> impl Strategy<Value = Date> {
    (2000i64..2021, 1i64..13, 1i64..29).prop_map(|(y, m, d)| Date::from_ymd(y, m, d).expect("date"))
}

fn role() -> impl Strategy<Value = Role> {
    prop::sample::select(Role::ALL.to_vec())
}

fn affiliation() -> impl Strategy<Value = Affiliation> {
    prop_oneof![
        state_code().prop_map(|state| Affiliation::Delegation { state }),
        state_code().prop_map(|state| Affiliation::Observer { state }),
        state_code().prop_map(|state| Affiliation::PartnerState { state }),
        Just(Affiliation::PartnerOrganisation {
            partner: partner("sco-rats")
        }),
        Just(Affiliation::Secretariat),
        Just(Affiliation::CrisisCentre),
        Just(Affiliation::Administrator),
        Just(Affiliation::Public),
    ]
}

fn account_id() -> impl Strategy<Value = accord_core::AccountId> {
    prop::sample::select(&ACCOUNTS[..]).prop_map(account)
}

fn release() -> impl Strategy<Value = Vec<Recipient>> {
    prop::collection::vec(
        prop_oneof![
            state_code().prop_map(|state| Recipient::State { state }),
            Just(Recipient::Body { body: body("crc") }),
            account_id().prop_map(|account| Recipient::Account { account }),
        ],
        0..3,
    )
}

fn classification() -> impl Strategy<Value = Classification> {
    prop::sample::select(Classification::ALL.to_vec())
}

/// Any event, whether or not `decide` would have produced it.
fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        1 => Just(Event::OrganisationFounded(OrganisationFounded { config: reference() })),
        3 => (state_code(), status(), date()).prop_map(|(state, status, since)| {
            Event::MemberAdmitted(MemberAdmitted { state, name: bilingual("Государство", "State"), status, since, at: None, decision: None })
        }),
        3 => (state_code(), status(), status(), date()).prop_map(|(state, from, to, since)| {
            Event::MemberStatusChanged(MemberStatusChanged { state, from, to, since, at: None, decision: None })
        }),
        3 => (account_id(), affiliation()).prop_map(|(account, affiliation)| {
            Event::AffiliationGranted(AffiliationGranted { account, affiliation })
        }),
        2 => account_id().prop_map(|account| Event::AffiliationRevoked(AffiliationRevoked { account })),
        3 => (account_id(), role()).prop_map(|(account, role)| Event::RoleGranted(RoleChange { account, role })),
        2 => (account_id(), role()).prop_map(|(account, role)| Event::RoleRevoked(RoleChange { account, role })),
        3 => (1u64..20, classification(), release(), 0i64..1_000_000).prop_map(|(n, classification, release, s)| {
            Event::NoteRecorded(NoteRecorded {
                note: NoteId(n),
                author: Actor::Account(account("ru.head")),
                recorded_at: at("2020-12-01T00:00:00Z").unix_seconds().checked_add(s)
                    .and_then(|t| accord_core::Timestamp::from_unix_seconds(t).ok()).expect("time"),
                text: bilingual("Заметка", "Note"),
                classification,
                release,
            })
        }),
    ]
}

/// Seals each event as the store would, then reads it back as replay does and applies it.
fn replay(events: &[Event]) -> State {
    let mut state = State::default();
    for (i, event) in events.iter().enumerate() {
        let seq = LogIndex(u64::try_from(i).expect("index"));
        let sealed =
            Sealed::new(seq, at("2020-12-01T13:00:00Z"), Actor::System, event).expect("sealed");
        let envelope = Envelope::parse(&sealed.entry).expect("entry parses");
        let read = envelope.open(&sealed.body).expect("body opens");
        apply(&mut state, &read);
    }
    state
}

/// Any command, by any of a few principals.
fn command() -> impl Strategy<Value = Command> {
    let principal = prop::sample::select(vec![
        "system",
        "anonymous",
        "admin",
        "ru.head",
        "sec.officer",
    ]);
    let payload = prop_oneof![
        1 => Just(CommandPayload::FoundOrganisation { config: Box::new(reference()) }),
        2 => (state_code(), status(), date()).prop_map(|(state, status, since)| {
            CommandPayload::AdmitState { state, name: bilingual("Государство", "State"), status, since }
        }),
        3 => (state_code(), status(), date()).prop_map(|(state, status, since)| {
            CommandPayload::ChangeMemberStatus { state, status, since }
        }),
        3 => (account_id(), affiliation()).prop_map(|(account, affiliation)| CommandPayload::GrantAffiliation { account, affiliation }),
        1 => account_id().prop_map(|account| CommandPayload::RevokeAffiliation { account }),
        3 => (account_id(), role()).prop_map(|(account, role)| CommandPayload::GrantRole { account, role }),
        1 => (account_id(), role()).prop_map(|(account, role)| CommandPayload::RevokeRole { account, role }),
        3 => (prop::option::of(classification()), release()).prop_map(|(classification, release)| {
            CommandPayload::RecordNote { text: bilingual("Заметка", "Note"), classification, release }
        }),
    ];
    (principal, payload).prop_map(|(who, payload)| {
        let principal = match who {
            "system" => Principal::system(),
            "anonymous" => Principal::anonymous(),
            id => common::principal(
                id,
                match id {
                    "admin" => Affiliation::Administrator,
                    "ru.head" => Affiliation::Delegation { state: code("RU") },
                    _ => Affiliation::Secretariat,
                },
                &[Role::HeadOfDelegation, Role::Officer],
                &["cfm", "secretariat"],
            ),
        };
        Command { principal, payload }
    })
}

proptest! {
    #[test]
    fn replaying_any_event_sequence_gives_the_state_applied_live(events in prop::collection::vec(event(), 0..40)) {
        let mut live = State::default();
        for event in &events {
            apply(&mut live, event);
        }
        prop_assert_eq!(replay(&events), live);
    }

    #[test]
    fn replaying_the_events_decided_for_any_commands_gives_the_live_state(
        commands in prop::collection::vec(command(), 0..40),
        seconds in prop::collection::vec(0i64..86_400, 40),
    ) {
        let mut live = State::default();
        let mut log = Vec::new();
        for (command, s) in commands.iter().zip(&seconds) {
            let now = accord_core::Timestamp::from_unix_seconds(at("2020-12-01T00:00:00Z").unix_seconds() + s).expect("now");
            let before = live.clone();
            let decided = decide(&live, command, now);
            prop_assert_eq!(&live, &before);
            if let Ok(events) = decided {
                for event in events {
                    apply(&mut live, &event);
                    log.push(event);
                }
            }
        }
        prop_assert_eq!(replay(&log), live);
    }
}
