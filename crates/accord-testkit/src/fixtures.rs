//! Fixtures for tests and benchmarks of the write path: a fixed clock, a journal configuration
//! with a published test key, and commands.

use std::time::Duration;

use accord_core::config::OrgConfig;
use accord_core::{Command, CommandPayload, Lang, Principal, Text, Timestamp};
use accord_ledger::{KeyName, KeyType, SignerKey};
use accord_store::{Clock, JournalConfig};

/// A clock that always says 1 December 2020, 13:00 UTC (the foreign ministers' session).
#[derive(Debug, Clone, Copy, Default)]
pub struct FixedClock;

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        Timestamp::parse("2020-12-01T13:00:00Z").expect("a valid timestamp")
    }
}

/// A journal configuration for `origin`, signing with a key from a fixed seed (tests only).
pub fn journal_config(origin: &str, checkpoint_interval: Duration) -> JournalConfig {
    JournalConfig {
        origin: origin.to_owned(),
        log_key: SignerKey::from_seed(
            KeyName::new(origin).expect("a key name"),
            KeyType::Ed25519,
            &[42; 32],
        ),
        checkpoint_interval,
    }
}

/// The system founds the reference organisation.
pub fn found() -> Command {
    Command {
        principal: Principal::system(),
        payload: CommandPayload::FoundOrganisation {
            config: Box::new(OrgConfig::reference().expect("the reference organisation loads")),
        },
    }
}

/// The system records note number `n`, in Russian: `Запись {n}`.
pub fn note(n: usize) -> Command {
    Command {
        principal: Principal::system(),
        payload: CommandPayload::RecordNote {
            text: Text::new(Lang::parse("ru").expect("ru"), format!("Запись {n}")).expect("a text"),
            classification: None,
            release: vec![],
        },
    }
}
