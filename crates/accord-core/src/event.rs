//! Events: the facts in the log. Each has a stable kind, a classification, and a body (its
//! payload) in canonical JSON, stored apart under its SHA-256 hash.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::canonical::{self, CanonicalError};
use crate::classification::Classification;
use crate::config::{MemberStatus, OrgConfig};
use crate::ids::{AccountId, Actor, NoteId, StateCode};
use crate::lang::Text;
use crate::policy::{Affiliation, Recipient, Role};
use crate::time::{Date, Timestamp};

/// A fact of the organisation's history: what `decide` produces and `apply` folds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// `organisation.founded`: the organisation exists, as configured.
    OrganisationFounded(OrganisationFounded),
    /// `member.admitted`: a state not yet in the registry is given a status.
    MemberAdmitted(MemberAdmitted),
    /// `member.status_changed`: a state of the registry changes status.
    MemberStatusChanged(MemberStatusChanged),
    /// `account.affiliation_granted`: an account now acts for an affiliation.
    AffiliationGranted(AffiliationGranted),
    /// `account.affiliation_revoked`: an account no longer acts for anyone (its roles go too).
    AffiliationRevoked(AffiliationRevoked),
    /// `account.role_granted`.
    RoleGranted(RoleChange),
    /// `account.role_revoked`.
    RoleRevoked(RoleChange),
    /// `note.recorded`: a free note.
    NoteRecorded(NoteRecorded),
}

/// The body of `organisation.founded`: the whole validated configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationFounded {
    /// The configuration the organisation was founded with.
    pub config: OrgConfig,
}

/// The body of `member.admitted`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberAdmitted {
    /// The state.
    pub state: StateCode,
    /// Its name, per language.
    pub name: Text,
    /// The status it is given.
    pub status: MemberStatus,
    /// From when.
    pub since: Date,
}

/// The body of `member.status_changed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberStatusChanged {
    /// The state.
    pub state: StateCode,
    /// Its status until now.
    pub from: MemberStatus,
    /// Its new status.
    pub to: MemberStatus,
    /// From when.
    pub since: Date,
}

/// The body of `account.affiliation_granted`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AffiliationGranted {
    /// The account.
    pub account: AccountId,
    /// Whom it acts for.
    pub affiliation: Affiliation,
}

/// The body of `account.affiliation_revoked`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AffiliationRevoked {
    /// The account.
    pub account: AccountId,
}

/// The body of `account.role_granted` and `account.role_revoked`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleChange {
    /// The account.
    pub account: AccountId,
    /// The role.
    pub role: Role,
}

/// The body of `note.recorded`. It repeats the author and time of its envelope, so that a
/// body read on its own is a complete record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteRecorded {
    /// The note's number.
    pub note: NoteId,
    /// Who wrote it.
    pub author: Actor,
    /// When.
    pub recorded_at: Timestamp,
    /// The text, per language.
    pub text: Text,
    /// Its classification.
    pub classification: Classification,
    /// Who it is released to beyond its classification.
    pub release: Vec<Recipient>,
}

/// An event body that cannot be read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EventError {
    /// The kind names no event this version knows.
    #[error("unknown event kind {0:?}")]
    UnknownKind(String),
    /// The body is not canonical JSON.
    #[error("the body is not canonical JSON: {0}")]
    Canonical(#[from] CanonicalError),
    /// The body does not have the fields of its kind.
    #[error("the body of {kind} does not match its schema: {message}")]
    Schema {
        /// The event kind.
        kind: &'static str,
        /// What serde found wrong.
        message: String,
    },
}

/// Every event kind, as written in the envelope.
pub const EVENT_KINDS: [&str; 8] = [
    "organisation.founded",
    "member.admitted",
    "member.status_changed",
    "account.affiliation_granted",
    "account.affiliation_revoked",
    "account.role_granted",
    "account.role_revoked",
    "note.recorded",
];

impl Event {
    /// The event's kind, as in the envelope: one of [`EVENT_KINDS`].
    pub fn kind(&self) -> &'static str {
        let index = match self {
            Event::OrganisationFounded(_) => 0,
            Event::MemberAdmitted(_) => 1,
            Event::MemberStatusChanged(_) => 2,
            Event::AffiliationGranted(_) => 3,
            Event::AffiliationRevoked(_) => 4,
            Event::RoleGranted(_) => 5,
            Event::RoleRevoked(_) => 6,
            Event::NoteRecorded(_) => 7,
        };
        EVENT_KINDS[index]
    }

    /// The classification written on the envelope: the founding and the registry of states are
    /// public, accounts restricted, a note as its author chose.
    pub fn classification(&self) -> Classification {
        match self {
            Event::OrganisationFounded(_)
            | Event::MemberAdmitted(_)
            | Event::MemberStatusChanged(_) => Classification::Public,
            Event::AffiliationGranted(_)
            | Event::AffiliationRevoked(_)
            | Event::RoleGranted(_)
            | Event::RoleRevoked(_) => Classification::Restricted,
            Event::NoteRecorded(note) => note.classification,
        }
    }

    /// Who the event's body is released to beyond its classification.
    pub fn release(&self) -> &[Recipient] {
        match self {
            Event::NoteRecorded(note) => &note.release,
            _ => &[],
        }
    }

    /// The body: the payload in canonical JSON (RFC 8785).
    ///
    /// # Errors
    /// Only for a number beyond 2^53 - 1, which no event `decide` produces holds.
    pub fn body_bytes(&self) -> Result<Vec<u8>, CanonicalError> {
        match self {
            Event::OrganisationFounded(body) => canonical::to_canonical(body),
            Event::MemberAdmitted(body) => canonical::to_canonical(body),
            Event::MemberStatusChanged(body) => canonical::to_canonical(body),
            Event::AffiliationGranted(body) => canonical::to_canonical(body),
            Event::AffiliationRevoked(body) => canonical::to_canonical(body),
            Event::RoleGranted(body) | Event::RoleRevoked(body) => canonical::to_canonical(body),
            Event::NoteRecorded(body) => canonical::to_canonical(body),
        }
    }

    /// Rebuilds an event from its kind and stored body (during replay). The body must be
    /// canonical JSON with exactly the fields of its kind.
    ///
    /// # Errors
    /// An unknown kind, a body that is not canonical, or one that does not fit the kind.
    pub fn from_body(kind: &str, body: &[u8]) -> Result<Event, EventError> {
        canonical::parse(body)?;
        Self::from_hashed_body(kind, body)
    }

    /// Decodes a body already known to be canonical (one whose hash an envelope names): the
    /// schema is checked, the canonical form is not checked again.
    ///
    /// # Errors
    /// An unknown kind, or a body that does not match the kind's schema.
    pub fn from_hashed_body(kind: &str, body: &[u8]) -> Result<Event, EventError> {
        let kind = EVENT_KINDS
            .into_iter()
            .find(|k| *k == kind)
            .ok_or_else(|| EventError::UnknownKind(kind.chars().take(64).collect()))?;
        fn read<T: DeserializeOwned>(kind: &'static str, body: &[u8]) -> Result<T, EventError> {
            serde_json::from_slice(body).map_err(|e| EventError::Schema {
                kind,
                message: e.to_string(),
            })
        }
        Ok(match kind {
            "organisation.founded" => Event::OrganisationFounded(read(kind, body)?),
            "member.admitted" => Event::MemberAdmitted(read(kind, body)?),
            "member.status_changed" => Event::MemberStatusChanged(read(kind, body)?),
            "account.affiliation_granted" => Event::AffiliationGranted(read(kind, body)?),
            "account.affiliation_revoked" => Event::AffiliationRevoked(read(kind, body)?),
            "account.role_granted" => Event::RoleGranted(read(kind, body)?),
            "account.role_revoked" => Event::RoleRevoked(read(kind, body)?),
            _ => Event::NoteRecorded(read(kind, body)?),
        })
    }
}
