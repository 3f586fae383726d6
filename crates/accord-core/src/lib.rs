#![doc = include_str!("../README.md")]

pub mod classification;
pub mod config;
pub mod ids;
pub mod lang;
pub mod time;

pub use classification::Classification;
pub use config::{ConfigError, OrgConfig};
pub use ids::{AccountId, BodyId, LogIndex, NoteId, ParseError, PartnerId, StateCode};
pub use lang::{Lang, Localized, Text, TextError};
pub use time::{Date, Timestamp};
