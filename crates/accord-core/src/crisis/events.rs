//! The Centre's event bodies. Each carries the classification and release list of the incident
//! it belongs to (units: restricted to the organisation), so its envelope is classified without
//! the state.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::crisis::alerts::{AlertId, AlertSummary, Problem};
use crate::crisis::duty::DutyNote;
use crate::crisis::exchange::{AgreementId, Released, Terms};
use crate::crisis::model::{
    DeploymentId, DeploymentStatus, GeoPoint, IncidentId, IncidentStatus, IncidentType, Location,
    Need, Readiness, RequestId, Severity, Sitrep, Unit, UnitId,
};
use crate::event::EventBody;
use crate::ids::{Actor, PartnerId, StateCode};
use crate::lang::Text;
use crate::policy::Recipient;
use crate::time::Timestamp;

/// The body of `incident.opened`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentOpened {
    /// Its number.
    pub incident: IncidentId,
    /// Its title.
    pub title: Text,
    /// Its kind.
    pub incident_type: IncidentType,
    /// How severe.
    pub severity: Severity,
    /// Where.
    pub location: Location,
    /// The member states affected.
    pub affected: BTreeSet<StateCode>,
    /// Its first status.
    pub status: IncidentStatus,
    /// The lead officer.
    pub lead: Option<Actor>,
    /// Who opened it.
    pub opened_by: Actor,
    /// When.
    pub opened_at: Timestamp,
    /// Its classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
    /// The alerts it was opened from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alerts: Vec<AlertId>,
}

/// The body of `incident.alert_linked`: an alert (and the updates that follow it) belongs to an
/// incident's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertLinked {
    /// The incident.
    pub incident: IncidentId,
    /// The alert.
    pub alert: AlertId,
    /// Who linked it.
    pub by: Actor,
    /// When.
    pub at: Timestamp,
    /// The incident's classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

/// The body of `duty.noted`: a note in the duty log, classified as its incident (restricted
/// when it concerns none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutyNoted {
    /// The note.
    pub note: DutyNote,
    /// Its classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

/// The body of `agreement.made`: an exchange agreement with a partner organisation, readable by
/// the organisation's insiders and that partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementMade {
    /// Its number.
    pub agreement: AgreementId,
    /// The partner organisation.
    pub partner: PartnerId,
    /// What it releases.
    pub terms: Terms,
    /// Who made it.
    pub by: Actor,
    /// When.
    pub at: Timestamp,
    /// The partner, as its release list.
    pub release: Vec<Recipient>,
}

/// The body of `agreement.ended`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementEnded {
    /// The agreement.
    pub agreement: AgreementId,
    /// Who ended it.
    pub by: Actor,
    /// When.
    pub at: Timestamp,
    /// The partner, as its release list.
    pub release: Vec<Recipient>,
}

/// The body of `exchange.released`: something went to a partner under an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeReleased {
    /// The agreement.
    pub agreement: AgreementId,
    /// What went.
    pub item: Released,
    /// When.
    pub at: Timestamp,
    /// The partner, as its release list.
    pub release: Vec<Recipient>,
}

/// The body of `incident.changed`: its status, severity and lead as they now are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentChanged {
    /// The incident.
    pub incident: IncidentId,
    /// Its status.
    pub status: IncidentStatus,
    /// Its severity.
    pub severity: Severity,
    /// Its lead officer.
    pub lead: Option<Actor>,
    /// Who changed it.
    pub changed_by: Actor,
    /// When.
    pub changed_at: Timestamp,
    /// Its classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

/// The body of `sitrep.issued`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SitrepIssued {
    /// The incident.
    pub incident: IncidentId,
    /// The report.
    pub sitrep: Sitrep,
    /// The incident's classification.
    pub classification: Classification,
    /// Who it is released to: the incident's list when the report is releasable, else none.
    pub release: Vec<Recipient>,
}

/// The body of `unit.registered`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitRegistered {
    /// The unit.
    pub unit: Unit,
}

/// The body of `unit.readiness_changed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadinessChanged {
    /// The unit.
    pub unit: UnitId,
    /// Its readiness until now.
    pub from: Readiness,
    /// Its readiness now.
    pub to: Readiness,
    /// Who changed it.
    pub changed_by: Actor,
}

/// The body of `assistance.requested`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssistanceRequested {
    /// The request's number.
    pub request: RequestId,
    /// The incident.
    pub incident: IncidentId,
    /// The requesting state.
    pub state: StateCode,
    /// What it needs.
    pub needs: Vec<Need>,
    /// Where.
    pub location: GeoPoint,
    /// By when.
    pub needed_by: Timestamp,
    /// Who asked.
    pub requested_by: Actor,
    /// When.
    pub requested_at: Timestamp,
    /// The incident's classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

/// The body of `assistance.need_withdrawn`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeedWithdrawn {
    /// The request.
    pub request: RequestId,
    /// The need's index.
    pub need: usize,
    /// Who withdrew it.
    pub withdrawn_by: Actor,
    /// The incident's classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

/// The body of `deployment.changed`: a deployment created (`from` is `None`) or moved on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeploymentChanged {
    /// The deployment.
    pub deployment: DeploymentId,
    /// The request.
    pub request: RequestId,
    /// The need's index.
    pub need: usize,
    /// The unit.
    pub unit: UnitId,
    /// Its status until now; `None` for a new deployment.
    pub from: Option<DeploymentStatus>,
    /// Its status now.
    pub to: DeploymentStatus,
    /// Who changed it.
    pub by: Actor,
    /// When.
    pub at: Timestamp,
    /// The incident's classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

/// The body of `assistance.closed`: every need met or withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestClosed {
    /// The request.
    pub request: RequestId,
    /// When.
    pub closed_at: Timestamp,
    /// The incident's classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

macro_rules! classified {
    ($($ty:ty),*) => {$(
        impl EventBody for $ty {
            fn classification(&self) -> Classification {
                self.classification
            }
            fn release(&self) -> &[Recipient] {
                &self.release
            }
        }
    )*};
}

classified!(
    IncidentOpened,
    AlertLinked,
    DutyNoted,
    IncidentChanged,
    SitrepIssued,
    AssistanceRequested,
    NeedWithdrawn,
    DeploymentChanged,
    RequestClosed
);

// What concerns a partner is restricted to the organisation's insiders and released to it.
macro_rules! to_partner {
    ($($ty:ty),*) => {$(
        impl EventBody for $ty {
            fn classification(&self) -> Classification {
                Classification::Restricted
            }
            fn release(&self) -> &[Recipient] {
                &self.release
            }
        }
    )*};
}

to_partner!(AgreementMade, AgreementEnded, ExchangeReleased);

// The forces' units and their readiness are for the organisation's insiders.
impl EventBody for UnitRegistered {
    fn classification(&self) -> Classification {
        Classification::Restricted
    }
}

impl EventBody for ReadinessChanged {
    fn classification(&self) -> Classification {
        Classification::Restricted
    }
}

/// The body of `alert.received`: a valid CAP alert taken in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertReceived {
    /// Its number.
    pub alert: AlertId,
    /// What the log keeps of it.
    pub summary: AlertSummary,
    /// Who sent it in (a national centre's account, a partner's, or the feed poller).
    pub received_by: Actor,
    /// When.
    pub received_at: Timestamp,
}

/// The body of `alert.rejected`: an invalid CAP alert refused, with every problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertRejected {
    /// The SHA-256 of what was sent, `sha256:<hex>`.
    pub xml_hash: String,
    /// Its size in bytes.
    pub xml_size: u64,
    /// The sender it names, when it could be read.
    pub sender: Option<String>,
    /// Every problem found.
    pub problems: Vec<Problem>,
    /// Who sent it in.
    pub received_by: Actor,
    /// When.
    pub received_at: Timestamp,
}

// Alerts from the national centres are for the organisation's insiders; a partner exchange
// releases them by its own events.
impl EventBody for AlertReceived {
    fn classification(&self) -> Classification {
        Classification::Restricted
    }
}

impl EventBody for AlertRejected {
    fn classification(&self) -> Classification {
        Classification::Restricted
    }
}
