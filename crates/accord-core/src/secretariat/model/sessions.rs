//! Sessions of the bodies: their format, status, agenda items and recommendations.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::ids::{BodyId, StateCode};
use crate::lang::Text;
use crate::policy::Recipient;

use super::{DocumentId, PackageId, ProcedureId, SessionId, ZonedTime};

/// How a session meets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SessionFormat {
    /// In person, at a venue.
    InPerson {
        /// The venue, per language.
        venue: Text,
    },
    /// By videoconference.
    Videoconference {
        /// The link participants join by (`https://…`).
        link: String,
    },
    /// At a venue, with participants joining by videoconference.
    Hybrid {
        /// The venue.
        venue: Text,
        /// The link.
        link: String,
    },
}

impl SessionFormat {
    /// The videoconference link, if any.
    pub fn link(&self) -> Option<&str> {
        match self {
            SessionFormat::Videoconference { link } | SessionFormat::Hybrid { link, .. } => {
                Some(link)
            }
            SessionFormat::InPerson { .. } => None,
        }
    }

    /// The venue, if any.
    pub fn venue(&self) -> Option<&Text> {
        match self {
            SessionFormat::InPerson { venue } | SessionFormat::Hybrid { venue, .. } => Some(venue),
            SessionFormat::Videoconference { .. } => None,
        }
    }
}

/// Where a session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    /// Scheduled, not yet opened.
    Planned,
    /// In session.
    Convened,
    /// Closed by its chair.
    Concluded,
    /// Called off.
    Cancelled,
}

impl SessionStatus {
    /// The status's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            SessionStatus::Planned => "planned",
            SessionStatus::Convened => "convened",
            SessionStatus::Concluded => "concluded",
            SessionStatus::Cancelled => "cancelled",
        }
    }

    /// Whether a session may move from this status to `to`: planned → convened → concluded, and
    /// a planned session may be cancelled.
    pub fn may_become(&self, to: SessionStatus) -> bool {
        matches!(
            (self, to),
            (
                SessionStatus::Planned,
                SessionStatus::Convened | SessionStatus::Cancelled
            ) | (SessionStatus::Convened, SessionStatus::Concluded)
        )
    }
}

/// A session of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Its number in the log.
    pub id: SessionId,
    /// The body meeting.
    pub body: BodyId,
    /// The body's own number for it (the 27th session of the Council, say).
    pub number: u32,
    /// Its title.
    pub title: Text,
    /// When it opens.
    pub start: ZonedTime,
    /// When it is planned to close.
    pub end: ZonedTime,
    /// How it meets.
    pub format: SessionFormat,
    /// The member state chairing it.
    pub chair: StateCode,
    /// Each participating delegation with the names of its members; the states listed are
    /// those present for decisions.
    pub participants: BTreeMap<StateCode, Vec<String>>,
    /// Its status.
    pub status: SessionStatus,
    /// Its agenda, item 1 first.
    pub agenda: Vec<AgendaItem>,
    /// The document holding its minutes.
    pub minutes: Option<DocumentId>,
    /// Who may read it (its calendar entry and page).
    pub classification: Classification,
    /// Its revision, raised on every change (iCalendar `SEQUENCE`).
    pub sequence: u32,
    /// The packages prepared for it.
    pub packages: Vec<PackageId>,
    /// Whether observer states may attend (and so read it, though it is restricted).
    pub open_to_observers: bool,
    /// The observer states attending, with the names of their representatives. Kept apart
    /// from `participants`: an observer is never counted present for decisions.
    pub observers: BTreeMap<StateCode, Vec<String>>,
}

impl Session {
    /// Who the session is released to beyond its classification: every observer state while
    /// it is open to observers.
    pub fn release(&self) -> &'static [Recipient] {
        observers_release(self.open_to_observers)
    }
}

/// The release list of a session's records: every observer state when it is open to observers.
pub fn observers_release(open_to_observers: bool) -> &'static [Recipient] {
    const TO_OBSERVERS: &[Recipient] = &[Recipient::Observers];
    if open_to_observers { TO_OBSERVERS } else { &[] }
}

/// A recommendation from a lower body's session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// The session that recommends.
    pub session: SessionId,
    /// Its agenda item.
    pub item: u32,
    /// The body that recommends.
    pub body: BodyId,
}

/// An item of a session's agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    /// Its number, from 1.
    pub number: u32,
    /// Its title.
    pub title: Text,
    /// The documents considered under it.
    pub documents: Vec<DocumentId>,
    /// Set when a lower body's session recommended it.
    pub recommended_by: Option<Recommendation>,
    /// The procedures opened under it.
    pub procedures: Vec<ProcedureId>,
    /// What was concluded, once it is.
    pub outcome: Option<Text>,
}
