//! The Centre's commands.

use crate::classification::Classification;
use crate::crisis::alerts::{AlertId, AlertSummary, Problem};
use crate::crisis::exchange::{AgreementId, Terms};
use crate::crisis::model::{
    Capability, DeploymentId, DeploymentStatus, GeoPoint, IncidentId, IncidentStatus, IncidentType,
    Location, Need, Readiness, RequestId, Severity, SitrepKind, UnitId,
};
use crate::ids::{AccountId, PartnerId, StateCode};
use crate::lang::Text;
use crate::policy::Recipient;
use crate::time::Timestamp;

/// A situation report's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitrepDraft {
    /// Initial, update or final.
    pub kind: SitrepKind,
    /// The start of the period covered.
    pub from: Timestamp,
    /// The end of the period covered.
    pub to: Timestamp,
    /// The situation.
    pub situation: Text,
    /// The actions taken.
    pub actions: Text,
    /// The needs.
    pub needs: Text,
    /// The account that prepared it (the author when `None`).
    pub prepared_by: Option<AccountId>,
    /// When the next report is due (required unless final).
    pub next_due: Option<Timestamp>,
    /// Releasable to the partners the incident names.
    pub releasable: bool,
}

/// A command of the Crisis Response Centre's work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrisisCommand {
    /// Take in a valid CAP alert (a national centre, a partner, or the feed poller).
    ReceiveAlert {
        /// What the log keeps of it (see `alerts::summarise`).
        summary: AlertSummary,
    },
    /// Record an invalid CAP alert refused, with every problem found.
    RejectAlert {
        /// The SHA-256 of what was sent.
        xml_hash: String,
        /// Its size.
        xml_size: u64,
        /// The sender it names, if it could be read.
        sender: Option<String>,
        /// Every problem.
        problems: Vec<Problem>,
    },
    /// Open an incident (Crisis Response Centre officer).
    OpenIncident {
        /// Its title.
        title: Text,
        /// Its kind.
        incident_type: IncidentType,
        /// How severe.
        severity: Severity,
        /// Where.
        location: Location,
        /// The member states affected.
        affected: Vec<StateCode>,
        /// The lead officer (an account of the Centre).
        lead: Option<AccountId>,
        /// Its classification; the configured default when `None`.
        classification: Option<Classification>,
        /// Who it is released to beyond its classification.
        release: Vec<Recipient>,
        /// The alerts it is opened from (none when opened by hand).
        alerts: Vec<AlertId>,
    },
    /// Link an alert to an incident (Crisis Response Centre officer); the alert's later updates
    /// follow it.
    LinkAlert {
        /// The incident.
        incident: IncidentId,
        /// The alert.
        alert: AlertId,
    },
    /// Write a note in the duty log (Crisis Response Centre officer).
    WriteDutyNote {
        /// The incident it concerns, if any.
        incident: Option<IncidentId>,
        /// The note, per official language.
        text: Text,
    },
    /// Make an exchange agreement with a partner organisation (Crisis Response Centre officer).
    MakeAgreement {
        /// The partner organisation.
        partner: PartnerId,
        /// What it releases.
        terms: Terms,
    },
    /// End an exchange agreement: nothing more is released under it; what was stays recorded.
    EndAgreement {
        /// The agreement.
        agreement: AgreementId,
    },
    /// Change an incident's status, severity or lead (Crisis Response Centre officer).
    ChangeIncident {
        /// The incident.
        incident: IncidentId,
        /// Its new status.
        status: IncidentStatus,
        /// Its severity.
        severity: Severity,
        /// Its lead officer.
        lead: Option<AccountId>,
    },
    /// Issue a situation report, authorised by the acting officer.
    IssueSitrep {
        /// The incident.
        incident: IncidentId,
        /// The report.
        draft: SitrepDraft,
    },
    /// Register a unit of the collective forces (Crisis Response Centre or Joint Staff officer).
    RegisterUnit {
        /// The contributing member state.
        state: StateCode,
        /// Its name.
        name: Text,
        /// What it does.
        capability: Capability,
        /// How much.
        capacity: u32,
        /// Days of self-sufficiency.
        self_sufficiency_days: u32,
        /// Hours to deploy.
        deployment_hours: u32,
        /// Its readiness.
        readiness: Readiness,
        /// Its home base.
        home: GeoPoint,
    },
    /// Change a unit's readiness (not to or from deployed, which follows its deployments).
    SetReadiness {
        /// The unit.
        unit: UnitId,
        /// The new readiness.
        readiness: Readiness,
    },
    /// An affected member state requests assistance (its delegation or national centre).
    RequestAssistance {
        /// The incident.
        incident: IncidentId,
        /// What it needs.
        needs: Vec<Need>,
        /// Where.
        location: GeoPoint,
        /// By when (after now).
        needed_by: Timestamp,
    },
    /// The requesting state withdraws one of its needs.
    WithdrawNeed {
        /// The request.
        request: RequestId,
        /// The need's index.
        need: usize,
    },
    /// Put a unit against a need: the Centre asks for it (requested), or its state offers it
    /// (offered).
    ProposeUnit {
        /// The request.
        request: RequestId,
        /// The need's index.
        need: usize,
        /// The unit.
        unit: UnitId,
    },
    /// Move a deployment on (see `DeploymentStatus::allowed`).
    AdvanceDeployment {
        /// The deployment.
        deployment: DeploymentId,
        /// The new status.
        to: DeploymentStatus,
    },
}
