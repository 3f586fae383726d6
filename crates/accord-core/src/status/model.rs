//! The values of status applications, the chair's priorities and deliveries in forums.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::config::{DocumentType, MemberStatus, StepKind};
use crate::ids::{Actor, BodyId, PartnerId, StateCode};
use crate::lang::Text;
use crate::secretariat::model::{DocumentId, ProcedureId};
use crate::time::{Date, Timestamp};

/// A status application, numbered from 1 in the order they were submitted.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ApplicationId(pub u64);

impl fmt::Display for ApplicationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Who applies for a status: a state or an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Applicant {
    /// A state, by its code.
    State(StateCode),
    /// An organisation (a regional structure, another international organisation), by its id
    /// among the organisation's partners: a configured one, or a new id it will be known by.
    Organisation(PartnerId),
}

impl Applicant {
    /// The applicant state, if a state applies.
    pub fn state(&self) -> Option<StateCode> {
        match self {
            Applicant::State(code) => Some(*code),
            Applicant::Organisation(_) => None,
        }
    }

    /// The applicant organisation, if an organisation applies.
    pub fn organisation(&self) -> Option<&PartnerId> {
        match self {
            Applicant::State(_) => None,
            Applicant::Organisation(id) => Some(id),
        }
    }

    /// Its kind: `state` or `organisation`.
    pub fn kind(&self) -> &'static str {
        match self {
            Applicant::State(_) => "state",
            Applicant::Organisation(_) => "organisation",
        }
    }
}

impl fmt::Display for Applicant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Applicant::State(code) => code.fmt(f),
            Applicant::Organisation(id) => id.fmt(f),
        }
    }
}

/// An application for observer or partner status and how far it has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    /// Its number.
    pub id: ApplicationId,
    /// The applicant: a state or an organisation.
    pub applicant: Applicant,
    /// Its name, per language.
    pub name: Text,
    /// The status asked for.
    pub status: MemberStatus,
    /// The letter of application.
    pub letter: Text,
    /// When it was registered.
    pub submitted_at: Timestamp,
    /// Who registered it.
    pub submitted_by: Actor,
    /// Its steps, as configured when it was submitted.
    pub steps: Vec<StepProgress>,
    /// How it ended, once it has.
    pub outcome: Option<ApplicationOutcome>,
}

impl Application {
    /// Whether it is still under way.
    pub fn is_open(&self) -> bool {
        self.outcome.is_none()
    }

    /// The step it is at (index into `steps`), while under way.
    pub fn current_step(&self) -> Option<usize> {
        if !self.is_open() {
            return None;
        }
        self.steps.iter().position(|s| s.adopted != Some(true))
    }
}

/// One step of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepProgress {
    /// The body.
    pub body: BodyId,
    /// What it does.
    pub step: StepKind,
    /// The document registered in the body for this step, once linked.
    pub document: Option<DocumentId>,
    /// The decision on it, once recorded.
    pub decision: Option<ProcedureId>,
    /// Whether the decision adopted it.
    pub adopted: Option<bool>,
    /// The decision's effective time.
    pub decided_at: Option<Timestamp>,
}

/// How an application ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ApplicationOutcome {
    /// The deciding body adopted it: the status holds from `at`.
    Granted {
        /// The decision.
        decision: ProcedureId,
        /// Its effective time.
        at: Timestamp,
    },
    /// A step's decision did not adopt it.
    Refused {
        /// The decision.
        decision: ProcedureId,
        /// Its effective time.
        at: Timestamp,
    },
    /// The applicant withdrew it.
    Withdrawn {
        /// When the Secretariat recorded it.
        at: Timestamp,
    },
}

impl ApplicationOutcome {
    /// The outcome's name: `granted`, `refused` or `withdrawn`.
    pub fn as_str(&self) -> &'static str {
        match self {
            ApplicationOutcome::Granted { .. } => "granted",
            ApplicationOutcome::Refused { .. } => "refused",
            ApplicationOutcome::Withdrawn { .. } => "withdrawn",
        }
    }
}

/// A period of a state's or an organisation's status: from when, and by which decision if one
/// granted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusSpan {
    /// The status.
    pub status: MemberStatus,
    /// The date it began.
    pub since: Date,
    /// The instant it began, when a decision granted it.
    pub at: Option<Timestamp>,
    /// The decision that granted it.
    pub decision: Option<ProcedureId>,
}

impl StatusSpan {
    /// The instant the status began: the decision's time, else the start of its first day.
    pub fn begins(&self) -> Timestamp {
        self.at.unwrap_or_else(|| self.since.start())
    }
}

/// A joint statement delivered in its forum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    /// The meeting, as the forum names it ("UN General Assembly, 75th session, First Committee").
    pub meeting: Text,
    /// When it was delivered.
    pub delivered_at: Timestamp,
    /// Who recorded it.
    pub recorded_by: Actor,
}

/// A partner state's partnership protocol: what the organisation releases to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protocol {
    /// The partner state.
    pub state: StateCode,
    /// The document types it receives: its accounts read the adopted documents of these types,
    /// even restricted ones.
    pub doc_types: BTreeSet<DocumentType>,
    /// Whether situation reports marked releasable go to it ([`crate::State::sitrep_release`]).
    pub sitreps: bool,
    /// The document holding the protocol itself, if registered.
    pub document: Option<DocumentId>,
    /// When it was recorded.
    pub recorded_at: Timestamp,
    /// Who recorded it.
    pub recorded_by: Actor,
}

impl Protocol {
    /// Whether it lists documents of this type.
    pub fn lists(&self, doc_type: DocumentType) -> bool {
        self.doc_types.contains(&doc_type)
    }
}

/// An organisation in the registry: a partner organisation of the configuration, or one whose
/// application was granted, with its statuses over time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// Its id.
    pub id: PartnerId,
    /// Its name, per language.
    pub name: Text,
    /// Its statuses, oldest first (never empty).
    pub history: Vec<StatusSpan>,
}

impl Organisation {
    /// Its status now (the latest recorded).
    pub fn status(&self) -> MemberStatus {
        self.history
            .last()
            .map_or(MemberStatus::Partner, |span| span.status)
    }

    /// Its status at an instant, if it held one then.
    pub fn status_at(&self, at: Timestamp) -> Option<MemberStatus> {
        self.history
            .iter()
            .rev()
            .find(|span| span.begins() <= at)
            .map(|span| span.status)
    }
}
