//! The Centre's broken rules, each with a stable code.

use crate::crisis::alerts::AlertId;
use crate::crisis::exchange::AgreementId;
use crate::crisis::model::{
    Capability, DeploymentId, DeploymentStatus, IncidentId, IncidentStatus, Readiness, RequestId,
    UnitId,
};
use crate::ids::{AccountId, StateCode};
use crate::time::Timestamp;

/// A crisis command refused by `decide`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CrisisError {
    /// `incident.unknown`.
    #[error("there is no incident {0}")]
    UnknownIncident(IncidentId),
    /// `incident.closed`: a closed incident takes nothing more.
    #[error("incident {0} is closed")]
    IncidentClosed(IncidentId),
    /// `incident.illegal_transition`.
    #[error("an incident that is {} cannot become {}; allowed: {allowed:?}", from.as_str(), to.as_str())]
    IllegalIncidentTransition {
        /// Its status.
        from: IncidentStatus,
        /// The status asked for.
        to: IncidentStatus,
        /// The statuses allowed.
        allowed: Vec<IncidentStatus>,
    },
    /// `incident.no_affected_state`.
    #[error("name at least one affected member state")]
    NoAffectedState,
    /// `incident.not_a_member`.
    #[error("{0} is not a member state")]
    NotAMember(StateCode),
    /// `incident.bad_polygon`: a closed ring of at least four points.
    #[error("a polygon is a closed ring of at least four points, its first repeated last")]
    BadPolygon,
    /// `incident.lead_not_officer`: the lead is an officer of the Centre.
    #[error("{0} is not a Crisis Response Centre officer")]
    LeadNotOfficer(AccountId),
    /// `sitrep.bad_period`.
    #[error("the period covered must end after it starts and not after now")]
    BadPeriod,
    /// `sitrep.next_due_missing`: every report but the final names when the next is due.
    #[error("name when the next report is due (after now), or mark this one final")]
    NextDueMissing,
    /// `sitrep.initial_not_first`: the first report is the initial one, and only it.
    #[error("the first report of an incident is its initial report, and only the first")]
    InitialNotFirst,
    /// `sitrep.after_final`.
    #[error("the final report has been issued")]
    AfterFinal,
    /// `sitrep.unknown_author`.
    #[error("{0} is not an account of the organisation")]
    UnknownAuthor(AccountId),
    /// `unit.unknown`.
    #[error("there is no unit {0}")]
    UnknownUnit(UnitId),
    /// `unit.bad_figures`: a unit has some capacity and deploys in time.
    #[error("a unit's capacity, self-sufficiency and deployment time must be positive")]
    BadFigures,
    /// `unit.readiness_follows_deployments`: deployed is set and cleared by deployments.
    #[error("a unit becomes deployed, and ready again, through its deployments (it is {0:?})")]
    ReadinessFollowsDeployments(Readiness),
    /// `unit.readiness_unchanged`.
    #[error("the unit is already {0:?}")]
    ReadinessUnchanged(Readiness),
    /// `unit.not_available`.
    #[error("unit {unit} is {readiness:?} and cannot be proposed")]
    UnitNotAvailable {
        /// The unit.
        unit: UnitId,
        /// Its readiness.
        readiness: Readiness,
    },
    /// `unit.wrong_capability`.
    #[error("unit {unit} is {has:?}; the need is {needs:?}")]
    WrongCapability {
        /// The unit.
        unit: UnitId,
        /// What it does.
        has: Capability,
        /// What is needed.
        needs: Capability,
    },
    /// `unit.already_proposed`: one live deployment per unit.
    #[error("unit {unit} is already in deployment {deployment}")]
    AlreadyProposed {
        /// The unit.
        unit: UnitId,
        /// Its live deployment.
        deployment: DeploymentId,
    },
    /// `unit.not_yours`: a state offers only its own units.
    #[error("unit {0} belongs to another state")]
    NotYourUnit(UnitId),
    /// `request.not_affected`: only an affected member state requests assistance.
    #[error("{0} is not among the incident's affected member states")]
    NotAffected(StateCode),
    /// `request.no_needs`.
    #[error("name at least one need, each with a quantity above zero")]
    NoNeeds,
    /// `request.needed_by_past`.
    #[error("the needed-by time ({needed_by}) must be after now ({now})")]
    NeededByPast {
        /// The time given.
        needed_by: Timestamp,
        /// Now.
        now: Timestamp,
    },
    /// `request.unknown`.
    #[error("there is no request {0}")]
    UnknownRequest(RequestId),
    /// `request.closed`.
    #[error("request {0} is closed")]
    RequestClosed(RequestId),
    /// `request.unknown_need`.
    #[error("request {request} has no need {need}")]
    UnknownNeed {
        /// The request.
        request: RequestId,
        /// The index given.
        need: usize,
    },
    /// `request.not_yours`: only the requesting state withdraws its needs.
    #[error("only {0} may withdraw this request's needs")]
    NotYourRequest(StateCode),
    /// `request.need_withdrawn`.
    #[error("need {0} has been withdrawn")]
    NeedWithdrawn(usize),
    /// `deployment.unknown`.
    #[error("there is no deployment {0}")]
    UnknownDeployment(DeploymentId),
    /// `deployment.illegal_transition`: the allowed ones are named.
    #[error("a deployment that is {} cannot become {}; allowed: {}", from.as_str(), to.as_str(),
        allowed.iter().map(DeploymentStatus::as_str).collect::<Vec<_>>().join(", "))]
    IllegalTransition {
        /// Its status.
        from: DeploymentStatus,
        /// The status asked for.
        to: DeploymentStatus,
        /// The statuses allowed.
        allowed: Vec<DeploymentStatus>,
    },
    /// `alert.duplicate`: an alert is taken in once (by sender, identifier and sent time).
    #[error("this alert ({key}) was taken in already as alert {existing}")]
    DuplicateAlert {
        /// Its key.
        key: String,
        /// The alert taken in before.
        existing: AlertId,
    },
    /// `crisis.no_state`: the acting account does not speak for a member state.
    #[error("this account does not speak for a member state")]
    NoState,
    /// `deployment.offer_by_state`: only the unit's state offers it.
    #[error("only the unit's state offers it")]
    OfferByState,
    /// `alert.unknown`.
    #[error("there is no alert {0}")]
    UnknownAlert(AlertId),
    /// `alert.already_linked`: an alert belongs to one incident.
    #[error("alert {alert} already belongs to incident {incident}")]
    AlertLinked {
        /// The alert.
        alert: AlertId,
        /// Its incident.
        incident: IncidentId,
    },
    /// `agreement.unknown`.
    #[error("there is no exchange agreement {0}")]
    UnknownAgreement(AgreementId),
    /// `agreement.ended`.
    #[error("exchange agreement {0} has ended")]
    AgreementEnded(AgreementId),
    /// `agreement.unknown_category`: categories are CAP's, spelled as CAP spells them.
    #[error(
        "{0:?} is not a CAP category (Geo, Met, Safety, Security, Rescue, Fire, Health, Env, Transport, Infra, CBRNE, Other)"
    )]
    UnknownCategory(String),
    /// `agreement.releases_nothing`: an agreement releases some alerts or some reports.
    #[error(
        "an agreement releases alerts of at least one category, or situation reports of at least one kind of incident"
    )]
    ReleasesNothing,
}

impl CrisisError {
    /// The broken rule's stable code.
    pub fn code(&self) -> &'static str {
        use CrisisError as E;
        match self {
            E::UnknownIncident(_) => "incident.unknown",
            E::IncidentClosed(_) => "incident.closed",
            E::IllegalIncidentTransition { .. } => "incident.illegal_transition",
            E::NoAffectedState => "incident.no_affected_state",
            E::NotAMember(_) => "incident.not_a_member",
            E::BadPolygon => "incident.bad_polygon",
            E::LeadNotOfficer(_) => "incident.lead_not_officer",
            E::BadPeriod => "sitrep.bad_period",
            E::NextDueMissing => "sitrep.next_due_missing",
            E::InitialNotFirst => "sitrep.initial_not_first",
            E::AfterFinal => "sitrep.after_final",
            E::UnknownAuthor(_) => "sitrep.unknown_author",
            E::UnknownUnit(_) => "unit.unknown",
            E::BadFigures => "unit.bad_figures",
            E::ReadinessFollowsDeployments(_) => "unit.readiness_follows_deployments",
            E::ReadinessUnchanged(_) => "unit.readiness_unchanged",
            E::UnitNotAvailable { .. } => "unit.not_available",
            E::WrongCapability { .. } => "unit.wrong_capability",
            E::AlreadyProposed { .. } => "unit.already_proposed",
            E::NotYourUnit(_) => "unit.not_yours",
            E::NotAffected(_) => "request.not_affected",
            E::NoNeeds => "request.no_needs",
            E::NeededByPast { .. } => "request.needed_by_past",
            E::UnknownRequest(_) => "request.unknown",
            E::RequestClosed(_) => "request.closed",
            E::UnknownNeed { .. } => "request.unknown_need",
            E::NotYourRequest(_) => "request.not_yours",
            E::NeedWithdrawn(_) => "request.need_withdrawn",
            E::UnknownDeployment(_) => "deployment.unknown",
            E::IllegalTransition { .. } => "deployment.illegal_transition",
            E::NoState => "crisis.no_state",
            E::DuplicateAlert { .. } => "alert.duplicate",
            E::OfferByState => "deployment.offer_by_state",
            E::UnknownAlert(_) => "alert.unknown",
            E::AlertLinked { .. } => "alert.already_linked",
            E::UnknownAgreement(_) => "agreement.unknown",
            E::AgreementEnded(_) => "agreement.ended",
            E::UnknownCategory(_) => "agreement.unknown_category",
            E::ReleasesNothing => "agreement.releases_nothing",
        }
    }
}
