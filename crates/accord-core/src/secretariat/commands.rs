//! The secretariat's commands: what delegations and the Secretariat ask for.

use std::collections::BTreeMap;

use crate::classification::Classification;
use crate::config::{DecisionRule, DocumentType};
use crate::ids::{BodyId, StateCode};
use crate::lang::Text;
use crate::policy::Recipient;
use crate::secretariat::model::{
    AmendmentId, AmendmentOp, DocumentId, Forum, Paragraphs, Position, ProcedureId, SessionFormat,
    SessionId, SessionStatus, Sponsor, ZonedTime,
};

/// A session's details, as scheduled or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDetails {
    /// Its title.
    pub title: Text,
    /// When it opens.
    pub start: ZonedTime,
    /// When it closes.
    pub end: ZonedTime,
    /// How it meets.
    pub format: SessionFormat,
    /// The chair; the state holding the chairmanship on the first day when `None`.
    pub chair: Option<StateCode>,
    /// The delegations and their members; every member state, names to follow, when `None`.
    pub participants: Option<BTreeMap<StateCode, Vec<String>>>,
}

/// An amendment's content: where it points and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmendmentDraft {
    /// The version it is against.
    pub version: u32,
    /// The paragraph (for an insertion, the one it follows; 0 for the start).
    pub paragraph: u32,
    /// What it does.
    pub op: AmendmentOp,
    /// Why.
    pub rationale: Text,
}

/// A command of the secretariat's work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretariatCommand {
    /// Schedule a session of a body (Secretariat). It must start in the future.
    ScheduleSession {
        /// The body.
        body: BodyId,
        /// The body's number for it.
        number: u32,
        /// Its details.
        details: SessionDetails,
        /// Its classification; the configured default when `None`.
        classification: Option<Classification>,
        /// Whether observer states may attend it (and read it).
        open_to_observers: bool,
    },
    /// Change a planned session's details (Secretariat).
    ChangeSession {
        /// The session.
        session: SessionId,
        /// Its new details.
        details: SessionDetails,
    },
    /// Convene, conclude or cancel a session (Secretariat).
    SetSessionStatus {
        /// The session.
        session: SessionId,
        /// The new status.
        status: SessionStatus,
    },
    /// Add an item to a session's agenda (Secretariat).
    AddAgendaItem {
        /// The session.
        session: SessionId,
        /// Its title.
        title: Text,
        /// The documents considered under it.
        documents: Vec<DocumentId>,
    },
    /// Record an item's outcome (Secretariat).
    ConcludeItem {
        /// The session.
        session: SessionId,
        /// The item.
        item: u32,
        /// What was concluded.
        outcome: Text,
    },
    /// Name the document holding a session's minutes (Secretariat).
    RecordMinutes {
        /// The session.
        session: SessionId,
        /// The document (of type report).
        document: DocumentId,
    },
    /// Recommend a session item's documents to a session of the body it reports to
    /// (Secretariat, after the lower body has adopted them).
    Recommend {
        /// The recommending session.
        session: SessionId,
        /// Its item.
        item: u32,
        /// The higher body's session.
        to: SessionId,
    },
    /// Gather documents into a package for a session (Secretariat).
    CreatePackage {
        /// The session.
        session: SessionId,
        /// Its title.
        title: Text,
        /// Its documents.
        documents: Vec<DocumentId>,
    },
    /// Register a draft with its first version (Secretariat).
    RegisterDocument {
        /// Its type.
        doc_type: DocumentType,
        /// For a joint statement: the forum.
        forum: Option<Forum>,
        /// Its title.
        title: Text,
        /// Its sponsor.
        sponsor: Sponsor,
        /// The body to adopt it.
        body: BodyId,
        /// Version 1.
        paragraphs: Paragraphs,
        /// Its classification; the configured default when `None`.
        classification: Option<Classification>,
        /// Its release list.
        release: Vec<Recipient>,
    },
    /// Make the next version (Secretariat), accepting or rejecting every pending amendment.
    /// Without a text, the accepted amendments are applied to the current version.
    MakeVersion {
        /// The document.
        document: DocumentId,
        /// The new text, or `None` to apply the accepted amendments.
        paragraphs: Option<Paragraphs>,
        /// The amendments taken.
        accept: Vec<AmendmentId>,
        /// The amendments not taken.
        reject: Vec<AmendmentId>,
    },
    /// Propose an amendment (a member state's delegate or head of delegation).
    ProposeAmendment {
        /// The document.
        document: DocumentId,
        /// The amendment.
        draft: AmendmentDraft,
    },
    /// Open a decision procedure in session on an agenda item's document (Secretariat).
    OpenProcedure {
        /// The session.
        session: SessionId,
        /// The item.
        item: u32,
        /// The document, on its current version.
        document: DocumentId,
        /// The rule: consensus or a majority the body may use.
        rule: DecisionRule,
    },
    /// Launch a silence procedure on a document's current version (Secretariat).
    LaunchSilence {
        /// The document.
        document: DocumentId,
        /// The deadline, after now.
        deadline: ZonedTime,
    },
    /// State the acting delegation's position in a procedure in session (head of delegation).
    StatePosition {
        /// The procedure.
        procedure: ProcedureId,
        /// The position.
        position: Position,
    },
    /// Break silence before the deadline (head of delegation), with an objection and perhaps
    /// an amendment.
    BreakSilence {
        /// The procedure.
        procedure: ProcedureId,
        /// The objection.
        reason: Text,
        /// An amendment proposed instead.
        amendment: Option<AmendmentDraft>,
    },
    /// Close a procedure in session once every present state has spoken (Secretariat, or the
    /// chair's head of delegation).
    CloseProcedure {
        /// The procedure.
        procedure: ProcedureId,
    },
    /// Record a silence procedure's end at its deadline (the system's scheduler).
    ConcludeSilence {
        /// The procedure.
        procedure: ProcedureId,
    },
    /// Register the delegation's key for signing decisions (head of delegation).
    RegisterSigningKey {
        /// The verifier key (C2SP note verifier key, Ed25519).
        key: String,
    },
    /// Sign an adopted decision's authentic text (head of delegation).
    SignDecision {
        /// The decision.
        decision: ProcedureId,
        /// The Ed25519 signature of its signing message, base64.
        signature: String,
    },
    /// Open a session to observers, or close it to them (Secretariat). A session with
    /// observers recorded attending stays open.
    SetOpenToObservers {
        /// The session.
        session: SessionId,
        /// Whether observer states may attend it.
        open: bool,
    },
    /// Record the observer states attending a session open to observers, with their
    /// representatives (Secretariat); the list replaces any earlier one. Observers are never
    /// counted present for decisions.
    RecordObservers {
        /// The session.
        session: SessionId,
        /// Each observer state attending, with the names of its representatives.
        observers: BTreeMap<StateCode, Vec<String>>,
    },
}
