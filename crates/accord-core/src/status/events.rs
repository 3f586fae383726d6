//! The events of status applications, the chair's priorities and forum deliveries.
//!
//! Applications are restricted (the letter is correspondence between the applicant and the
//! organisation); the status they grant is the public `member.admitted` or
//! `member.status_changed`. The chair's priorities name a document, which keeps its own
//! classification; a delivery carries its statement's.

use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::config::{ApplicationStep, DocumentType, MemberStatus};
use crate::event::EventBody;
use crate::ids::{Actor, PartnerId, StateCode};
use crate::lang::Text;
use crate::policy::Recipient;
use crate::secretariat::model::{DocumentId, ProcedureId};
use crate::status::model::{Applicant, ApplicationId};
use crate::time::{Date, Timestamp};

/// The body of `application.submitted`. On the wire the applicant is `state` (a state's code)
/// or `organisation` (an organisation's id), exactly one of them: entries written before
/// organisations could apply carry `state` and decode unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    try_from = "ApplicationSubmittedWire",
    into = "ApplicationSubmittedWire"
)]
pub struct ApplicationSubmitted {
    /// Its number.
    pub application: ApplicationId,
    /// The applicant.
    pub applicant: Applicant,
    /// Its name, per language.
    pub name: Text,
    /// The status asked for.
    pub status: MemberStatus,
    /// The letter of application.
    pub letter: Text,
    /// The steps it will pass through (the configuration's, when submitted).
    pub steps: Vec<ApplicationStep>,
    /// When it was registered.
    pub submitted_at: Timestamp,
    /// Who registered it.
    pub submitted_by: Actor,
}

/// `application.submitted` as written in the log.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ApplicationSubmittedWire {
    application: ApplicationId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    state: Option<StateCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    organisation: Option<PartnerId>,
    name: Text,
    status: MemberStatus,
    letter: Text,
    steps: Vec<ApplicationStep>,
    submitted_at: Timestamp,
    submitted_by: Actor,
}

impl TryFrom<ApplicationSubmittedWire> for ApplicationSubmitted {
    type Error = &'static str;

    fn try_from(wire: ApplicationSubmittedWire) -> Result<Self, Self::Error> {
        let applicant = match (wire.state, wire.organisation) {
            (Some(code), None) => Applicant::State(code),
            (None, Some(id)) => Applicant::Organisation(id),
            (Some(_), Some(_)) => {
                return Err("an application names a state or an organisation, not both");
            }
            (None, None) => {
                return Err("an application names its applicant: state or organisation");
            }
        };
        Ok(Self {
            application: wire.application,
            applicant,
            name: wire.name,
            status: wire.status,
            letter: wire.letter,
            steps: wire.steps,
            submitted_at: wire.submitted_at,
            submitted_by: wire.submitted_by,
        })
    }
}

impl From<ApplicationSubmitted> for ApplicationSubmittedWire {
    fn from(event: ApplicationSubmitted) -> Self {
        Self {
            application: event.application,
            state: event.applicant.state(),
            organisation: event.applicant.organisation().cloned(),
            name: event.name,
            status: event.status,
            letter: event.letter,
            steps: event.steps,
            submitted_at: event.submitted_at,
            submitted_by: event.submitted_by,
        }
    }
}

/// The body of `organisation.status_changed`: an organisation's status granted by a decision
/// (the first for an organisation new to the registry, which it joins under `name`). Public,
/// as a state's admission is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationStatusChanged {
    /// The organisation.
    pub organisation: PartnerId,
    /// Its name, per language.
    pub name: Text,
    /// Its status until now, if it had one.
    pub from: Option<MemberStatus>,
    /// Its new status.
    pub to: MemberStatus,
    /// From when.
    pub since: Date,
    /// The instant it took effect.
    pub at: Timestamp,
    /// The decision that granted it.
    pub decision: ProcedureId,
}

impl EventBody for OrganisationStatusChanged {
    fn classification(&self) -> Classification {
        Classification::Public
    }
}

/// The body of `application.step_linked`: the document a step's body will decide on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepLinked {
    /// The application.
    pub application: ApplicationId,
    /// The step, from 1.
    pub step: u32,
    /// The document.
    pub document: DocumentId,
}

/// The body of `application.step_decided`: a step's decision was recorded. Emitted by the
/// command that records the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepDecided {
    /// The application.
    pub application: ApplicationId,
    /// The step, from 1.
    pub step: u32,
    /// The decision.
    pub decision: ProcedureId,
    /// Whether it adopted the step's document (if not, the application is refused).
    pub adopted: bool,
    /// The decision's effective time.
    pub at: Timestamp,
}

/// The body of `application.withdrawn`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationWithdrawn {
    /// The application.
    pub application: ApplicationId,
    /// When it was recorded.
    pub at: Timestamp,
    /// Who recorded it.
    pub by: Actor,
}

/// The body of `chair.priorities_set`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChairPrioritiesSet {
    /// The first day of the term.
    pub term_start: Date,
    /// The chairing state.
    pub chair: StateCode,
    /// The document holding the priorities.
    pub document: DocumentId,
}

/// The body of `statement.delivered`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementDelivered {
    /// The joint statement.
    pub document: DocumentId,
    /// The meeting where it was delivered.
    pub meeting: Text,
    /// When.
    pub delivered_at: Timestamp,
    /// Who recorded it.
    pub recorded_by: Actor,
    /// The statement's classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

macro_rules! restricted {
    ($($ty:ty),*) => {$(
        impl EventBody for $ty {
            fn classification(&self) -> Classification {
                Classification::Restricted
            }
        }
    )*};
}

restricted!(
    ApplicationSubmitted,
    StepLinked,
    StepDecided,
    ApplicationWithdrawn
);

impl EventBody for ChairPrioritiesSet {
    fn classification(&self) -> Classification {
        Classification::Public
    }
}

impl EventBody for StatementDelivered {
    fn classification(&self) -> Classification {
        self.classification
    }
    fn release(&self) -> &[Recipient] {
        &self.release
    }
}

/// The body of `protocol.recorded`: a partner state's partnership protocol (the whole of it,
/// replacing any earlier one). Restricted, and released to the partner state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProtocolRecorded {
    /// The partner state.
    pub state: StateCode,
    /// The document types it receives.
    pub doc_types: Vec<DocumentType>,
    /// Whether situation reports marked releasable go to it.
    pub sitreps: bool,
    /// The document holding the protocol, if registered.
    pub document: Option<DocumentId>,
    /// When it was recorded.
    pub recorded_at: Timestamp,
    /// Who recorded it.
    pub recorded_by: Actor,
    /// The partner state, as a recipient.
    pub release: Vec<Recipient>,
}

impl EventBody for ProtocolRecorded {
    fn classification(&self) -> Classification {
        Classification::Restricted
    }
    fn release(&self) -> &[Recipient] {
        &self.release
    }
}
