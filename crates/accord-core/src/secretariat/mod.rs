//! The secretariat: sessions of the bodies and their agendas, documents with versions in
//! several languages and delegations' amendments, packages, decision procedures (consensus,
//! silence, majorities), decision records and heads of delegation's signatures.
//!
//! The rules are pure functions in [`rules`]; `decide` applies them to commands, and
//! [`Secretariat`] is the part of the state they build.

pub mod commands;
pub(crate) mod decide;
pub mod error;
pub mod events;
pub mod model;
pub mod rules;
pub mod state;

pub use commands::{AmendmentDraft, SecretariatCommand, SessionDetails};
pub use decide::{signing_message, verify_signature};
pub use error::SecretariatError;
pub use state::Secretariat;
