//! The duty log: the duty officers' own notes, in order, each linked to an incident or to none.

use serde::{Deserialize, Serialize};

use crate::crisis::model::IncidentId;
use crate::ids::Actor;
use crate::lang::Text;
use crate::time::Timestamp;

/// A note of the duty log, numbered from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutyNote {
    /// Its number.
    pub number: u64,
    /// The incident it concerns, if any.
    pub incident: Option<IncidentId>,
    /// What the officer wrote.
    pub text: Text,
    /// Who wrote it.
    pub by: Actor,
    /// When.
    pub at: Timestamp,
}
