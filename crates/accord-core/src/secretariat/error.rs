//! The secretariat's broken rules, each with a stable code.

use crate::config::{DecisionRule, DocumentType};
use crate::ids::{BodyId, StateCode};
use crate::secretariat::model::{AmendmentId, DocumentId, ProcedureId, SessionId, SessionStatus};
use crate::secretariat::rules::MergeError;
use crate::time::Timestamp;

/// A secretariat command refused by `decide`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretariatError {
    /// `session.unknown_body`.
    #[error("{0} is not a body of the organisation")]
    UnknownBody(BodyId),
    /// `session.not_member_body`: sessions are of bodies of member states.
    #[error("{0} is a staff body; sessions are held by bodies of member states")]
    StaffBody(BodyId),
    /// `session.unknown`.
    #[error("there is no session {0}")]
    UnknownSession(SessionId),
    /// `session.in_past`: a session is scheduled before it starts.
    #[error("the session would start at {start}, which is not after now ({now})")]
    InPast {
        /// When it would start.
        start: Timestamp,
        /// Now.
        now: Timestamp,
    },
    /// `session.end_before_start`.
    #[error("the session must end after it starts")]
    EndBeforeStart,
    /// `session.bad_link`: a videoconference link is an https URL.
    #[error(
        "the videoconference link must be an https:// URL without spaces, at most 500 characters"
    )]
    BadLink,
    /// `session.number_taken`.
    #[error("{body} already has a session numbered {number}")]
    NumberTaken {
        /// The body.
        body: BodyId,
        /// The number.
        number: u32,
    },
    /// `session.bad_number`.
    #[error("a session's number starts at 1")]
    BadNumber,
    /// `session.unknown_participant`.
    #[error("{0} is not in the registry of states")]
    UnknownParticipant(StateCode),
    /// `session.chair_not_member`: only member states chair.
    #[error("{0} is not a member state and cannot chair")]
    ChairNotMember(StateCode),
    /// `session.illegal_transition`.
    #[error("a {} session cannot become {}", from.as_str(), to.as_str())]
    IllegalTransition {
        /// The status now.
        from: SessionStatus,
        /// The status asked for.
        to: SessionStatus,
    },
    /// `session.not_planned`: only a planned session's details change.
    #[error("the session is {}; only a planned session can be changed", .0.as_str())]
    NotPlanned(SessionStatus),
    /// `session.closed`: nothing is added to a concluded or cancelled session.
    #[error("the session is {}", .0.as_str())]
    SessionClosed(SessionStatus),
    /// `session.not_convened`: items are decided and concluded in session.
    #[error("the session is {}; convene it first", .0.as_str())]
    NotConvened(SessionStatus),
    /// `session.unknown_item`.
    #[error("session {session} has no agenda item {item}")]
    UnknownItem {
        /// The session.
        session: SessionId,
        /// The item.
        item: u32,
    },
    /// `session.item_concluded`.
    #[error("agenda item {0} is already concluded")]
    ItemConcluded(u32),
    /// `session.item_open_procedure`: an item with a procedure running is not concluded.
    #[error("procedure {0} is still open under this item")]
    ItemHasOpenProcedure(ProcedureId),
    /// `session.not_reporting_body`: recommendations go to the body a body reports to.
    #[error("{from} does not prepare the sessions of {to}")]
    NotReportingBody {
        /// The recommending body.
        from: BodyId,
        /// The body recommended to.
        to: BodyId,
    },
    /// `session.already_recommended`: an item is recommended once.
    #[error("item {item} of session {session} has been recommended already")]
    AlreadyRecommended {
        /// The recommending session.
        session: SessionId,
        /// Its item.
        item: u32,
    },
    /// `session.minutes_not_report`.
    #[error("minutes are kept in a document of type report")]
    MinutesNotReport,
    /// `document.unknown`.
    #[error("there is no document {0}")]
    UnknownDocument(DocumentId),
    /// `document.not_competent`: a body adopts only the types in its competences.
    #[error("{body} does not adopt documents of type {doc_type:?}")]
    NotCompetent {
        /// The body.
        body: BodyId,
        /// The type.
        doc_type: DocumentType,
    },
    /// `document.forum`: a joint statement names its forum; other types do not.
    #[error("a joint statement names the forum it is for, and only a joint statement does")]
    Forum,
    /// `document.empty`: a version has at least one paragraph.
    #[error("a version needs at least one paragraph")]
    EmptyText,
    /// `document.adopted`: an adopted document's text is final.
    #[error("document {0} is adopted; its text is final")]
    Adopted(DocumentId),
    /// `document.under_procedure`.
    #[error("procedure {0} is running on this document; wait for its outcome")]
    UnderProcedure(ProcedureId),
    /// `amendment.unknown`.
    #[error("amendment {0} is not an amendment of this document")]
    UnknownAmendment(AmendmentId),
    /// `amendment.not_pending`.
    #[error("amendment {0} has already been decided")]
    NotPending(AmendmentId),
    /// `amendment.unresolved`: every pending amendment is accepted or rejected in the next version.
    #[error("accept or reject every pending amendment; undecided: {0:?}")]
    Unresolved(Vec<AmendmentId>),
    /// `amendment.both`.
    #[error("amendment {0} is both accepted and rejected")]
    Both(AmendmentId),
    /// `amendment.repeated`: each amendment is named once.
    #[error("amendment {0} is named twice")]
    Repeated(AmendmentId),
    /// `amendment.superseded_version`: amendments are made against the current version.
    #[error(
        "version {version} has been superseded by version {current}; amend the current version"
    )]
    SupersededVersion {
        /// The version named.
        version: u32,
        /// The current version.
        current: u32,
    },
    /// `amendment.unknown_version`.
    #[error("the document has no version {0}")]
    UnknownVersion(u32),
    /// `amendment.paragraph_out_of_range`.
    #[error("paragraph {paragraph} does not exist; the version has {len} paragraphs")]
    ParagraphOutOfRange {
        /// The paragraph named.
        paragraph: u32,
        /// How many there are.
        len: usize,
    },
    /// `amendment.conflict`.
    #[error(transparent)]
    Merge(MergeError),
    /// `procedure.rule_not_allowed`.
    #[error("{body} does not decide by {rule}")]
    RuleNotAllowed {
        /// The body.
        body: BodyId,
        /// The rule.
        rule: DecisionRule,
    },
    /// `procedure.wrong_body`: a procedure is held by the body the document is for.
    #[error("document {document} is for {body}, not for this session's body")]
    WrongBody {
        /// The document.
        document: DocumentId,
        /// Its body.
        body: BodyId,
    },
    /// `procedure.not_on_agenda`.
    #[error("document {0} is not on this agenda item")]
    NotOnAgenda(DocumentId),
    /// `procedure.unknown`.
    #[error("there is no procedure {0}")]
    UnknownProcedure(ProcedureId),
    /// `procedure.closed`.
    #[error("procedure {0} is closed")]
    Closed(ProcedureId),
    /// `procedure.not_a_member`: only member states take part in decisions.
    #[error("{0} is not a member state and takes no part in decisions")]
    NotAMember(StateCode),
    /// `procedure.not_present`.
    #[error("{0} is not present in this session")]
    NotPresent(StateCode),
    /// `procedure.positions_missing`: the chair cannot close while a present state is silent.
    #[error("these present states have not stated a position: {0:?}")]
    PositionsMissing(Vec<StateCode>),
    /// `procedure.is_silence`: in a silence procedure one breaks silence or stays silent.
    #[error("procedure {0} is a silence procedure: break silence, or stay silent to agree")]
    IsSilence(ProcedureId),
    /// `procedure.not_silence`.
    #[error("procedure {0} is not a silence procedure")]
    NotSilence(ProcedureId),
    /// `procedure.deadline_passed`.
    #[error("the deadline ({deadline}) has passed")]
    DeadlinePassed {
        /// The deadline.
        deadline: Timestamp,
    },
    /// `procedure.deadline_not_reached`.
    #[error("the deadline ({deadline}) has not come yet")]
    DeadlineNotReached {
        /// The deadline.
        deadline: Timestamp,
    },
    /// `procedure.deadline_in_past`.
    #[error("the deadline ({deadline}) must be after now ({now})")]
    DeadlineInPast {
        /// The deadline.
        deadline: Timestamp,
        /// Now.
        now: Timestamp,
    },
    /// `procedure.not_chair`: a head of delegation closes an item only for the chair.
    #[error("only the chair ({0}) or the Secretariat closes the item")]
    NotChair(StateCode),
    /// `procedure.no_state`: the acting account does not speak for a state.
    #[error("this account does not speak for a member state")]
    NoState,
    /// `decision.unknown`.
    #[error("there is no decision {0}")]
    UnknownDecision(ProcedureId),
    /// `decision.not_adopted`: only an adopted decision is signed.
    #[error("decision {0} did not adopt its document; there is nothing to sign")]
    NotAdopted(ProcedureId),
    /// `signature.no_key`.
    #[error("{0} has no registered signing key; register one first")]
    NoKey(StateCode),
    /// `signature.bad_key`.
    #[error("the key is not an Ed25519 verifier key (name+hash+base64): {0}")]
    BadKey(String),
    /// `signature.invalid`: the signature does not verify with the delegation's key.
    #[error(
        "the signature does not verify with {0}'s registered key over the decision's signing message"
    )]
    BadSignature(StateCode),
    /// `signature.already_signed`.
    #[error("{0} has already signed this decision")]
    AlreadySigned(StateCode),
    /// `session.not_an_observer`: only a state with observer status attends as an observer.
    #[error("{0} is not an observer state")]
    NotAnObserver(StateCode),
    /// `session.not_open_to_observers`: observers attend only sessions open to them.
    #[error("session {0} is not open to observers")]
    NotOpenToObservers(SessionId),
    /// `session.observers_attending`: a session with observers recorded stays open to them.
    #[error("observers are recorded attending session {0}; record none before closing it to them")]
    ObserversAttending(SessionId),
    /// `session.openness_unchanged`: the session is already open (or closed) to observers.
    #[error("session {session} is already {}", if *open { "open to observers" } else { "closed to observers" })]
    OpennessUnchanged {
        /// The session.
        session: SessionId,
        /// Whether it is open.
        open: bool,
    },
}

impl SecretariatError {
    /// The broken rule's stable code.
    pub fn code(&self) -> &'static str {
        use SecretariatError as E;
        match self {
            E::UnknownBody(_) => "session.unknown_body",
            E::StaffBody(_) => "session.not_member_body",
            E::UnknownSession(_) => "session.unknown",
            E::InPast { .. } => "session.in_past",
            E::EndBeforeStart => "session.end_before_start",
            E::BadLink => "session.bad_link",
            E::NumberTaken { .. } => "session.number_taken",
            E::BadNumber => "session.bad_number",
            E::UnknownParticipant(_) => "session.unknown_participant",
            E::ChairNotMember(_) => "session.chair_not_member",
            E::IllegalTransition { .. } => "session.illegal_transition",
            E::NotPlanned(_) => "session.not_planned",
            E::SessionClosed(_) => "session.closed",
            E::NotConvened(_) => "session.not_convened",
            E::UnknownItem { .. } => "session.unknown_item",
            E::ItemConcluded(_) => "session.item_concluded",
            E::ItemHasOpenProcedure(_) => "session.item_open_procedure",
            E::NotReportingBody { .. } => "session.not_reporting_body",
            E::AlreadyRecommended { .. } => "session.already_recommended",
            E::MinutesNotReport => "session.minutes_not_report",
            E::UnknownDocument(_) => "document.unknown",
            E::NotCompetent { .. } => "document.not_competent",
            E::Forum => "document.forum",
            E::EmptyText => "document.empty",
            E::Adopted(_) => "document.adopted",
            E::UnderProcedure(_) => "document.under_procedure",
            E::UnknownAmendment(_) => "amendment.unknown",
            E::NotPending(_) => "amendment.not_pending",
            E::Unresolved(_) => "amendment.unresolved",
            E::Both(_) => "amendment.both",
            E::Repeated(_) => "amendment.repeated",
            E::SupersededVersion { .. } => "amendment.superseded_version",
            E::UnknownVersion(_) => "amendment.unknown_version",
            E::ParagraphOutOfRange { .. } => "amendment.paragraph_out_of_range",
            E::Merge(_) => "amendment.conflict",
            E::RuleNotAllowed { .. } => "procedure.rule_not_allowed",
            E::WrongBody { .. } => "procedure.wrong_body",
            E::NotOnAgenda(_) => "procedure.not_on_agenda",
            E::UnknownProcedure(_) => "procedure.unknown",
            E::Closed(_) => "procedure.closed",
            E::NotAMember(_) => "procedure.not_a_member",
            E::NotPresent(_) => "procedure.not_present",
            E::PositionsMissing(_) => "procedure.positions_missing",
            E::IsSilence(_) => "procedure.is_silence",
            E::NotSilence(_) => "procedure.not_silence",
            E::DeadlinePassed { .. } => "procedure.deadline_passed",
            E::DeadlineNotReached { .. } => "procedure.deadline_not_reached",
            E::DeadlineInPast { .. } => "procedure.deadline_in_past",
            E::NotChair(_) => "procedure.not_chair",
            E::NoState => "procedure.no_state",
            E::UnknownDecision(_) => "decision.unknown",
            E::NotAdopted(_) => "decision.not_adopted",
            E::NoKey(_) => "signature.no_key",
            E::BadKey(_) => "signature.bad_key",
            E::BadSignature(_) => "signature.invalid",
            E::AlreadySigned(_) => "signature.already_signed",
            E::NotAnObserver(_) => "session.not_an_observer",
            E::NotOpenToObservers(_) => "session.not_open_to_observers",
            E::ObserversAttending(_) => "session.observers_attending",
            E::OpennessUnchanged { .. } => "session.openness_unchanged",
        }
    }
}
