//! The broken rules of status applications, the chair's priorities and deliveries.

use crate::config::{DocumentType, MemberStatus};
use crate::ids::{BodyId, StateCode};
use crate::secretariat::model::DocumentId;
use crate::status::model::{Applicant, ApplicationId};
use crate::time::Timestamp;

/// A status command refused by `decide`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusError {
    /// `application.status_not_applicable`: applicants ask for observer or partner status only.
    #[error("states and organisations apply for observer or partner status, not {}", .0.as_str())]
    NotApplicable(MemberStatus),
    /// `application.no_steps`: the configuration names no steps for the status.
    #[error("the configuration takes no applications for {} status ([applications] names no steps)", .0.as_str())]
    NoSteps(MemberStatus),
    /// `application.already_has_status`: the applicant holds that status, or is a member.
    #[error("{applicant} is already {}", status.as_str())]
    AlreadyHasStatus {
        /// The applicant.
        applicant: Applicant,
        /// Its status.
        status: MemberStatus,
    },
    /// `application.already_under_way`: one application per applicant at a time.
    #[error("{applicant} already has application {application} under way")]
    AlreadyUnderWay {
        /// The applicant.
        applicant: Applicant,
        /// Its open application.
        application: ApplicationId,
    },
    /// `application.empty_letter`.
    #[error("the letter of application is empty")]
    EmptyLetter,
    /// `application.too_long`: a field is longer than allowed.
    #[error("{field} is longer than {max} characters")]
    TooLong {
        /// The field.
        field: &'static str,
        /// Its limit.
        max: usize,
    },
    /// `application.unknown`.
    #[error("there is no application {0}")]
    UnknownApplication(ApplicationId),
    /// `application.closed`: it was granted, refused or withdrawn.
    #[error("application {0} is no longer under way")]
    Closed(ApplicationId),
    /// `application.step_has_document`: the current step already has its document.
    #[error("the current step of application {0} already has its document")]
    StepHasDocument(ApplicationId),
    /// `application.wrong_body`: a step's document is registered in the step's body.
    #[error("document {document} is registered in {actual}; this step is for {expected}")]
    WrongBody {
        /// The document.
        document: DocumentId,
        /// The step's body.
        expected: BodyId,
        /// The document's body.
        actual: BodyId,
    },
    /// `application.document_adopted`: a step's document is one still to be decided.
    #[error("document {0} has already been adopted")]
    DocumentAdopted(DocumentId),
    /// `application.document_linked`: a document serves one step of one application.
    #[error("document {document} is already linked to application {application}")]
    DocumentLinked {
        /// The document.
        document: DocumentId,
        /// The application it serves.
        application: ApplicationId,
    },
    /// `document.unknown`.
    #[error("there is no document {0}")]
    UnknownDocument(DocumentId),
    /// `delivery.not_joint_statement`: only joint statements are delivered in forums.
    #[error("document {0} is not a joint statement")]
    NotJointStatement(DocumentId),
    /// `delivery.not_adopted`: only an adopted joint statement can be delivered.
    #[error("joint statement {0} has not been adopted")]
    NotAdopted(DocumentId),
    /// `delivery.before_adoption`: a statement is delivered after its adoption.
    #[error("the delivery ({at}) is before the statement's adoption ({adopted})")]
    BeforeAdoption {
        /// The delivery time asked.
        at: Timestamp,
        /// The adoption's effective time.
        adopted: Timestamp,
    },
    /// `delivery.in_future`: a delivery is recorded once it has happened.
    #[error("the delivery ({at}) is after now ({now})")]
    InFuture {
        /// The delivery time asked.
        at: Timestamp,
        /// Now.
        now: Timestamp,
    },
    /// `delivery.empty_meeting`.
    #[error("name the meeting where the statement was delivered")]
    EmptyMeeting,
    /// `protocol.not_a_partner`: a partnership protocol is for a state with partner status.
    #[error("{0} is not a partner state")]
    NotAPartner(StateCode),
    /// `protocol.unknown_type`: a type no body of the organisation adopts.
    #[error("no body of the organisation adopts documents of type {0:?}")]
    UnknownType(DocumentType),
    /// `protocol.empty`: a protocol lists a document type or releases situation reports.
    #[error("the protocol lists no document type and releases no situation reports")]
    EmptyProtocol,
}

impl StatusError {
    /// The broken rule's stable code.
    pub fn code(&self) -> &'static str {
        use StatusError as E;
        match self {
            E::NotApplicable(_) => "application.status_not_applicable",
            E::NoSteps(_) => "application.no_steps",
            E::AlreadyHasStatus { .. } => "application.already_has_status",
            E::AlreadyUnderWay { .. } => "application.already_under_way",
            E::EmptyLetter => "application.empty_letter",
            E::TooLong { .. } => "application.too_long",
            E::UnknownApplication(_) => "application.unknown",
            E::Closed(_) => "application.closed",
            E::StepHasDocument(_) => "application.step_has_document",
            E::WrongBody { .. } => "application.wrong_body",
            E::DocumentAdopted(_) => "application.document_adopted",
            E::DocumentLinked { .. } => "application.document_linked",
            E::UnknownDocument(_) => "document.unknown",
            E::NotJointStatement(_) => "delivery.not_joint_statement",
            E::NotAdopted(_) => "delivery.not_adopted",
            E::BeforeAdoption { .. } => "delivery.before_adoption",
            E::InFuture { .. } => "delivery.in_future",
            E::EmptyMeeting => "delivery.empty_meeting",
            E::NotAPartner(_) => "protocol.not_a_partner",
            E::UnknownType(_) => "protocol.unknown_type",
            E::EmptyProtocol => "protocol.empty",
        }
    }
}
