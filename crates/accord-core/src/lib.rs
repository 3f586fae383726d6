#![doc = include_str!("../README.md")]

pub mod canonical;
pub mod classification;
pub mod command;
pub mod config;
pub mod crisis;
pub mod decide;
pub mod envelope;
pub mod error;
pub mod event;
pub mod ids;
pub mod lang;
pub mod peacekeeping;
pub mod plans;
pub mod policy;
pub mod publications;
pub mod secretariat;
pub mod state;
pub mod status;
pub mod time;

pub use classification::Classification;
pub use command::{Command, CommandPayload};
pub use config::{ConfigError, OrgConfig};
pub use decide::decide;
pub use envelope::{Envelope, EnvelopeError, Sealed};
pub use error::DomainError;
pub use event::{EVENT_KINDS, Event, EventError};
pub use ids::{AccountId, Actor, BodyId, LogIndex, NoteId, ParseError, PartnerId, StateCode};
pub use lang::{Lang, Localized, Text, TextError};
pub use policy::{Action, Affiliation, Decision, Principal, Recipient, Resource, Role};
pub use state::{State, apply};
pub use time::{Date, Timestamp};
