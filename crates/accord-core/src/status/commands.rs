//! The commands of status applications, the chair's priorities and forum deliveries.

use crate::config::{DocumentType, MemberStatus};
use crate::ids::StateCode;
use crate::lang::Text;
use crate::secretariat::model::DocumentId;
use crate::status::model::{Applicant, ApplicationId};
use crate::time::{Date, Timestamp};

/// What a status command asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusCommand {
    /// Register a state's or an organisation's application for observer or partner status
    /// (Secretariat officers).
    SubmitApplication {
        /// The applicant.
        applicant: Applicant,
        /// Its name, authentic in the organisation's authentic language.
        name: Text,
        /// The status asked for: observer or partner.
        status: MemberStatus,
        /// The letter of application.
        letter: Text,
    },
    /// Link the document a body of the application's current step will decide on.
    LinkStepDocument {
        /// The application.
        application: ApplicationId,
        /// A document registered in the step's body, not yet adopted.
        document: DocumentId,
    },
    /// Record that the applicant withdrew its application.
    WithdrawApplication {
        /// The application.
        application: ApplicationId,
    },
    /// Name the document holding a chair's priorities for the term containing `term_of`.
    SetChairPriorities {
        /// A date in the term.
        term_of: Date,
        /// The document.
        document: DocumentId,
    },
    /// Record the delivery of an adopted joint statement in its forum.
    RecordDelivery {
        /// The joint statement.
        document: DocumentId,
        /// The meeting where it was delivered.
        meeting: Text,
        /// When.
        delivered_at: Timestamp,
    },
    /// Record a partner state's partnership protocol: the document types it receives and
    /// whether releasable situation reports go to it. Replaces any earlier protocol.
    RecordProtocol {
        /// The partner state.
        state: StateCode,
        /// The document types (each one some body of the configuration adopts).
        doc_types: Vec<DocumentType>,
        /// Whether situation reports marked releasable go to it.
        sitreps: bool,
        /// The document holding the protocol, if registered.
        document: Option<DocumentId>,
    },
}
