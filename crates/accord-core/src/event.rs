//! Events: the facts in the log. Each has a stable kind, a classification, and a body (its
//! payload) in canonical JSON, stored apart under its SHA-256 hash.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::canonical::{self, CanonicalError};
use crate::classification::Classification;
use crate::config::{MemberStatus, OrgConfig};
use crate::crisis::events as c;
use crate::ids::{AccountId, Actor, NoteId, StateCode};
use crate::lang::Text;
use crate::peacekeeping::events as pk;
use crate::plans::events as pl;
use crate::policy::{Affiliation, Recipient, Role};
use crate::publications::events as p;
use crate::secretariat::events as s;
use crate::secretariat::model::ProcedureId;
use crate::status::events as st;
use crate::time::{Date, Timestamp};

/// Declares the event enum from its variants, body types and kinds, with what every event
/// needs: its kind, classification, release list, canonical body, and decoding by kind.
macro_rules! events {
    ($($(#[$doc:meta])* $variant:ident($body:ty) = $kind:literal,)*) => {
        /// A fact of the organisation's history: what `decide` produces and `apply` folds.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Event {
            $($(#[$doc])* $variant($body),)*
        }

        /// Every event kind, as written in the envelope.
        pub const EVENT_KINDS: &[&str] = &[$($kind),*];

        impl Event {
            /// The event's kind, as in the envelope: one of [`EVENT_KINDS`].
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Event::$variant(_) => $kind,)*
                }
            }

            /// The classification written on the envelope.
            pub fn classification(&self) -> Classification {
                match self {
                    $(Event::$variant(body) => body.classification(),)*
                }
            }

            /// Who the event's body is released to beyond its classification.
            pub fn release(&self) -> &[Recipient] {
                match self {
                    $(Event::$variant(body) => body.release(),)*
                }
            }

            /// The body: the payload in canonical JSON (RFC 8785).
            ///
            /// # Errors
            /// Only for a number beyond 2^53 - 1, which no event `decide` produces holds.
            pub fn body_bytes(&self) -> Result<Vec<u8>, CanonicalError> {
                match self {
                    $(Event::$variant(body) => canonical::to_canonical(body),)*
                }
            }

            fn decode(kind: &'static str, body: &[u8]) -> Result<Event, EventError> {
                fn read<T: DeserializeOwned>(kind: &'static str, body: &[u8]) -> Result<T, EventError> {
                    serde_json::from_slice(body).map_err(|e| EventError::Schema {
                        kind,
                        message: e.to_string(),
                    })
                }
                match kind {
                    $($kind => Ok(Event::$variant(read(kind, body)?)),)*
                    _ => Err(EventError::UnknownKind(kind.to_owned())),
                }
            }
        }
    };
}

events! {
    /// `organisation.founded`: the organisation exists, as configured.
    OrganisationFounded(OrganisationFounded) = "organisation.founded",
    /// `member.admitted`: a state not yet in the registry is given a status.
    MemberAdmitted(MemberAdmitted) = "member.admitted",
    /// `member.status_changed`: a state of the registry changes status.
    MemberStatusChanged(MemberStatusChanged) = "member.status_changed",
    /// `account.affiliation_granted`: an account now acts for an affiliation.
    AffiliationGranted(AffiliationGranted) = "account.affiliation_granted",
    /// `account.affiliation_revoked`: an account no longer acts for anyone (its roles go too).
    AffiliationRevoked(AffiliationRevoked) = "account.affiliation_revoked",
    /// `account.role_granted`.
    RoleGranted(RoleChange) = "account.role_granted",
    /// `account.role_revoked`.
    RoleRevoked(RoleChange) = "account.role_revoked",
    /// `note.recorded`: a free note.
    NoteRecorded(NoteRecorded) = "note.recorded",
    /// `session.scheduled`: a body's session is scheduled.
    SessionScheduled(s::SessionScheduled) = "session.scheduled",
    /// `session.changed`: its title, time, format, chair or participants change.
    SessionChanged(s::SessionChanged) = "session.changed",
    /// `session.status_changed`: convened, concluded or cancelled.
    SessionStatusChanged(s::SessionStatusChanged) = "session.status_changed",
    /// `session.item_added`: an agenda item, perhaps recommended by a lower body.
    AgendaItemAdded(s::AgendaItemAdded) = "session.item_added",
    /// `session.item_concluded`: an agenda item's outcome.
    AgendaItemConcluded(s::AgendaItemConcluded) = "session.item_concluded",
    /// `session.minutes_recorded`: the document holding a session's minutes.
    MinutesRecorded(s::MinutesRecorded) = "session.minutes_recorded",
    /// `package.created`: the documents a session will consider.
    PackageCreated(s::PackageCreated) = "package.created",
    /// `document.registered`: a draft and its first version.
    DocumentRegistered(s::DocumentRegistered) = "document.registered",
    /// `document.version_made`: the next version, with the amendments accepted and rejected.
    VersionMade(s::VersionMade) = "document.version_made",
    /// `amendment.proposed`: a delegation's amendment to a paragraph of a version.
    AmendmentProposed(s::AmendmentProposed) = "amendment.proposed",
    /// `procedure.opened`: a decision procedure in session, or a silence procedure.
    ProcedureOpened(s::ProcedureOpened) = "procedure.opened",
    /// `procedure.position_stated`: a member state's position.
    PositionStated(s::PositionStated) = "procedure.position_stated",
    /// `procedure.silence_broken`: a member state breaks silence.
    SilenceBroken(s::SilenceBroken) = "procedure.silence_broken",
    /// `decision.recorded`: the decision record: adopted or not, with every position.
    DecisionRecorded(s::DecisionRecorded) = "decision.recorded",
    /// `delegation.key_registered`: a delegation's key for signing decisions.
    SigningKeyRegistered(s::SigningKeyRegistered) = "delegation.key_registered",
    /// `decision.signed`: a head of delegation's signature of a decision's authentic text.
    DecisionSigned(s::DecisionSigned) = "decision.signed",
    /// `incident.opened`: the Crisis Response Centre opens an incident.
    IncidentOpened(c::IncidentOpened) = "incident.opened",
    /// `incident.changed`: its status, severity or lead officer changes.
    IncidentChanged(c::IncidentChanged) = "incident.changed",
    /// `sitrep.issued`: a situation report.
    SitrepIssued(c::SitrepIssued) = "sitrep.issued",
    /// `unit.registered`: a unit of the collective forces.
    UnitRegistered(c::UnitRegistered) = "unit.registered",
    /// `unit.readiness_changed`.
    ReadinessChanged(c::ReadinessChanged) = "unit.readiness_changed",
    /// `assistance.requested`: an affected member state asks for capabilities.
    AssistanceRequested(c::AssistanceRequested) = "assistance.requested",
    /// `assistance.need_withdrawn`.
    NeedWithdrawn(c::NeedWithdrawn) = "assistance.need_withdrawn",
    /// `deployment.changed`: a unit requested, offered, accepted, on its way, ..., released.
    DeploymentChanged(c::DeploymentChanged) = "deployment.changed",
    /// `assistance.closed`: every need of a request met or withdrawn.
    RequestClosed(c::RequestClosed) = "assistance.closed",
    /// `alert.received`: a valid CAP alert taken in.
    AlertReceived(c::AlertReceived) = "alert.received",
    /// `alert.rejected`: an invalid CAP alert refused, with every problem.
    AlertRejected(c::AlertRejected) = "alert.rejected",
    /// `incident.alert_linked`: an alert joined an incident's timeline.
    AlertLinked(c::AlertLinked) = "incident.alert_linked",
    /// `duty.noted`: a note in the duty log.
    DutyNoted(c::DutyNoted) = "duty.noted",
    /// `agreement.made`: an exchange agreement with a partner organisation.
    AgreementMade(c::AgreementMade) = "agreement.made",
    /// `agreement.ended`: nothing more is released under an agreement.
    AgreementEnded(c::AgreementEnded) = "agreement.ended",
    /// `exchange.released`: an alert or report went to a partner under an agreement.
    ExchangeReleased(c::ExchangeReleased) = "exchange.released",
    // Plans and strategies, peacekeeping (issue 8).
    /// `plan.created`: a plan or strategy implements its document.
    PlanCreated(pl::PlanCreated) = "plan.created",
    /// `plan.measure_added`: a measure joins a plan's tree.
    MeasureAdded(pl::MeasureAdded) = "plan.measure_added",
    /// `plan.progress_reported`: those responsible report on a measure.
    ProgressReported(pl::ProgressReported) = "plan.progress_reported",
    /// `institution.established`: a peacekeepers' training institution.
    InstitutionEstablished(pk::InstitutionEstablished) = "institution.established",
    /// `course.added`: a course of a training institution.
    CourseAdded(pk::CourseAdded) = "course.added",
    /// `intake.opened`: an intake of a course, trainees by member state.
    IntakeOpened(pk::IntakeOpened) = "intake.opened",
    /// `intake.certified`: trainees of an intake certified.
    TraineesCertified(pk::TraineesCertified) = "intake.certified",
    /// `contingent.formed`: a contingent integrated into the Peacekeeping Forces.
    ContingentFormed(pk::ContingentFormed) = "contingent.formed",
    /// `contingent.unit_assigned`: a unit joins a contingent.
    UnitAssigned(pk::UnitAssigned) = "contingent.unit_assigned",
    /// `mandate.issued`: a mandate and the contingents serving under it.
    MandateIssued(pk::MandateIssued) = "mandate.issued",
    // Public information.
    /// `publication.drafted`: a press release, statement, event or exhibition drafted.
    PublicationDrafted(p::PublicationDrafted) = "publication.drafted",
    /// `publication.edited`: a draft's date, texts and related materials replaced.
    PublicationEdited(p::PublicationDrafted) = "publication.edited",
    /// `publication.image_added`: an image (its stored renditions' hashes) added to a draft.
    PublicationImageAdded(p::ImageAdded) = "publication.image_added",
    /// `publication.published`: the publication whole, public from now.
    PublicationPublished(p::PublicationPublished) = "publication.published",
    /// `publication.withdrawn`: withdrawn with a reason; the record stays.
    PublicationWithdrawn(p::PublicationWithdrawn) = "publication.withdrawn",
    // Status applications, the chairmanship and joint positions in forums.
    /// `application.submitted`: a state or an organisation applies for observer or partner
    /// status.
    ApplicationSubmitted(st::ApplicationSubmitted) = "application.submitted",
    /// `application.step_linked`: the document a step's body will decide on.
    StepLinked(st::StepLinked) = "application.step_linked",
    /// `application.step_decided`: a step's decision, recorded with the decision itself.
    StepDecided(st::StepDecided) = "application.step_decided",
    /// `application.withdrawn`: the applicant withdrew its application.
    ApplicationWithdrawn(st::ApplicationWithdrawn) = "application.withdrawn",
    /// `chair.priorities_set`: the document holding a chair's priorities for a term.
    ChairPrioritiesSet(st::ChairPrioritiesSet) = "chair.priorities_set",
    /// `statement.delivered`: an adopted joint statement delivered in its forum.
    StatementDelivered(st::StatementDelivered) = "statement.delivered",
    // Sessions open to observers.
    SessionOpennessChanged(s::SessionOpennessChanged) = "session.openness_changed",
    ObserversRecorded(s::ObserversRecorded) = "session.observers_recorded",
    // Partnership protocols.
    ProtocolRecorded(st::ProtocolRecorded) = "protocol.recorded",
    /// `organisation.status_changed`: an organisation's status granted by a decision.
    OrganisationStatusChanged(st::OrganisationStatusChanged) = "organisation.status_changed",
}

/// What every event body says about itself: who may read it.
pub trait EventBody: Serialize + DeserializeOwned {
    /// The classification written on the envelope.
    fn classification(&self) -> Classification;
    /// Who the body is released to beyond its classification.
    fn release(&self) -> &[Recipient] {
        &[]
    }
}

macro_rules! fixed_class {
    ($class:expr => $($ty:ty),*) => {$(
        impl EventBody for $ty {
            fn classification(&self) -> Classification {
                $class
            }
        }
    )*};
}

// The founding and the registry of states are public; accounts are restricted.
fixed_class!(Classification::Public => OrganisationFounded, MemberAdmitted, MemberStatusChanged);
fixed_class!(Classification::Restricted => AffiliationGranted, AffiliationRevoked, RoleChange);

impl EventBody for NoteRecorded {
    fn classification(&self) -> Classification {
        self.classification
    }
    fn release(&self) -> &[Recipient] {
        &self.release
    }
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
    /// The instant it took effect, when a decision granted it (absent in older entries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
    /// The decision that granted it, if one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<ProcedureId>,
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
    /// The instant it took effect, when a decision granted it (absent in older entries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
    /// The decision that granted it, if one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<ProcedureId>,
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

impl Event {
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
            .iter()
            .copied()
            .find(|k| *k == kind)
            .ok_or_else(|| EventError::UnknownKind(kind.chars().take(64).collect()))?;
        Self::decode(kind, body)
    }
}
