//! The secretariat's event bodies. Each carries the classification (and release list) of what
//! it is about: a session's, or a document's, so that its envelope is classified without the
//! state.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::config::{DecisionRule, DocumentType};
use crate::event::EventBody;
use crate::ids::{Actor, BodyId, StateCode};
use crate::lang::{Lang, Text};
use crate::policy::Recipient;
use crate::secretariat::model::{
    AmendmentId, AmendmentOp, DocumentId, Forum, Outcome, PackageId, Paragraphs, Position,
    ProcedureId, Recommendation, SessionFormat, SessionId, SessionStatus, Sponsor, TextHashes,
    ZonedTime, draft_classification, observers_release,
};
use crate::time::Timestamp;

/// A session and an agenda item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRef {
    /// The session.
    pub session: SessionId,
    /// The item's number.
    pub item: u32,
}

/// The body of `session.scheduled`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionScheduled {
    /// The session's number in the log.
    pub session: SessionId,
    /// The body.
    pub body: BodyId,
    /// The body's number for it.
    pub number: u32,
    /// Its title.
    pub title: Text,
    /// When it opens.
    pub start: ZonedTime,
    /// When it closes.
    pub end: ZonedTime,
    /// How it meets.
    pub format: SessionFormat,
    /// The chair.
    pub chair: StateCode,
    /// The delegations and their members.
    pub participants: BTreeMap<StateCode, Vec<String>>,
    /// Its classification.
    pub classification: Classification,
    /// Whether the session is open to observers (then released to them); absent when not,
    /// as in the entries written before sessions could be.
    #[serde(default, skip_serializing_if = "is_false")]
    pub open_to_observers: bool,
}

/// The body of `session.changed`: the session's details as they now are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionChanged {
    /// The session.
    pub session: SessionId,
    /// Its title.
    pub title: Text,
    /// When it opens.
    pub start: ZonedTime,
    /// When it closes.
    pub end: ZonedTime,
    /// How it meets.
    pub format: SessionFormat,
    /// The chair.
    pub chair: StateCode,
    /// The delegations and their members.
    pub participants: BTreeMap<StateCode, Vec<String>>,
    /// Its new revision.
    pub sequence: u32,
    /// Its classification.
    pub classification: Classification,
    /// Whether the session is open to observers (then released to them); absent when not,
    /// as in the entries written before sessions could be.
    #[serde(default, skip_serializing_if = "is_false")]
    pub open_to_observers: bool,
}

/// The body of `session.status_changed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionStatusChanged {
    /// The session.
    pub session: SessionId,
    /// Its status until now.
    pub from: SessionStatus,
    /// Its new status.
    pub to: SessionStatus,
    /// Its new revision.
    pub sequence: u32,
    /// Its classification.
    pub classification: Classification,
    /// Whether the session is open to observers (then released to them); absent when not,
    /// as in the entries written before sessions could be.
    #[serde(default, skip_serializing_if = "is_false")]
    pub open_to_observers: bool,
}

/// The body of `session.item_added`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItemAdded {
    /// The session and the item's number.
    pub at: ItemRef,
    /// Its title.
    pub title: Text,
    /// Its documents.
    pub documents: Vec<DocumentId>,
    /// The lower body's recommendation, if any.
    pub recommended_by: Option<Recommendation>,
    /// The session's classification.
    pub classification: Classification,
    /// Whether the session is open to observers (then released to them); absent when not,
    /// as in the entries written before sessions could be.
    #[serde(default, skip_serializing_if = "is_false")]
    pub open_to_observers: bool,
}

/// The body of `session.item_concluded`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItemConcluded {
    /// The session and item.
    pub at: ItemRef,
    /// What was concluded.
    pub outcome: Text,
    /// The session's classification.
    pub classification: Classification,
    /// Whether the session is open to observers (then released to them); absent when not,
    /// as in the entries written before sessions could be.
    #[serde(default, skip_serializing_if = "is_false")]
    pub open_to_observers: bool,
}

/// The body of `session.minutes_recorded`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinutesRecorded {
    /// The session.
    pub session: SessionId,
    /// The document holding the minutes.
    pub document: DocumentId,
    /// The session's classification.
    pub classification: Classification,
    /// Whether the session is open to observers (then released to them); absent when not,
    /// as in the entries written before sessions could be.
    #[serde(default, skip_serializing_if = "is_false")]
    pub open_to_observers: bool,
}

/// The body of `package.created`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageCreated {
    /// The package.
    pub package: PackageId,
    /// The session that will consider it.
    pub session: SessionId,
    /// Its title.
    pub title: Text,
    /// Its documents.
    pub documents: Vec<DocumentId>,
    /// The session's classification.
    pub classification: Classification,
    /// Whether the session is open to observers (then released to them); absent when not,
    /// as in the entries written before sessions could be.
    #[serde(default, skip_serializing_if = "is_false")]
    pub open_to_observers: bool,
}

/// The body of `session.openness_changed`: a session opened to observers, or closed to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionOpennessChanged {
    /// The session.
    pub session: SessionId,
    /// Whether it is now open to observers.
    pub open_to_observers: bool,
    /// The session's classification.
    pub classification: Classification,
}

/// The body of `session.observers_recorded`: the observer states attending a session open to
/// observers, with their representatives (the whole list, replacing any earlier one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObserversRecorded {
    /// The session.
    pub session: SessionId,
    /// Each observer state attending, with the names of its representatives.
    pub observers: BTreeMap<StateCode, Vec<String>>,
    /// The session's classification.
    pub classification: Classification,
    /// Whether the session is open to observers (always, when observers are recorded).
    pub open_to_observers: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// The body of `document.registered`: the draft with its first version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRegistered {
    /// The document's number.
    pub document: DocumentId,
    /// Its type.
    pub doc_type: DocumentType,
    /// For a joint statement: the forum.
    pub forum: Option<Forum>,
    /// Its title.
    pub title: Text,
    /// Its sponsor.
    pub sponsor: Sponsor,
    /// The body to adopt it.
    pub body: BodyId,
    /// Version 1's text.
    pub paragraphs: Paragraphs,
    /// Who registered it.
    pub registered_by: Actor,
    /// When.
    pub registered_at: Timestamp,
    /// Its classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

/// The body of `document.version_made`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionMade {
    /// The document.
    pub document: DocumentId,
    /// The new version's number.
    pub version: u32,
    /// Its text.
    pub paragraphs: Paragraphs,
    /// The amendments taken into it.
    pub accepted: Vec<AmendmentId>,
    /// The amendments not taken.
    pub rejected: Vec<AmendmentId>,
    /// Who made it.
    pub made_by: Actor,
    /// When.
    pub made_at: Timestamp,
    /// The document's classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

/// The body of `amendment.proposed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmendmentProposed {
    /// The amendment's number.
    pub amendment: AmendmentId,
    /// The document.
    pub document: DocumentId,
    /// The version it is against.
    pub version: u32,
    /// The paragraph.
    pub paragraph: u32,
    /// What it does.
    pub op: AmendmentOp,
    /// Why.
    pub rationale: Text,
    /// The proposing state.
    pub state: StateCode,
    /// Who proposed it.
    pub proposed_by: Actor,
    /// When.
    pub proposed_at: Timestamp,
    /// The document's classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

/// The body of `procedure.opened`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureOpened {
    /// The procedure's number.
    pub procedure: ProcedureId,
    /// The document.
    pub document: DocumentId,
    /// The fixed version.
    pub version: u32,
    /// The deciding body.
    pub body: BodyId,
    /// The rule.
    pub rule: DecisionRule,
    /// The session and item, for a procedure in session.
    pub item: Option<ItemRef>,
    /// For a silence procedure: the deadline.
    pub deadline: Option<ZonedTime>,
    /// The member states present.
    pub present: Vec<StateCode>,
    /// When it opened.
    pub opened_at: Timestamp,
    /// The document's classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

/// The body of `procedure.position_stated`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionStated {
    /// The procedure.
    pub procedure: ProcedureId,
    /// The state.
    pub state: StateCode,
    /// Its position.
    pub position: Position,
    /// Who stated it.
    pub stated_by: Actor,
    /// The document's classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

/// The body of `procedure.silence_broken`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SilenceBroken {
    /// The procedure.
    pub procedure: ProcedureId,
    /// The state breaking silence.
    pub state: StateCode,
    /// Its objection.
    pub reason: Text,
    /// The amendment it proposes instead, if any.
    pub amendment: Option<AmendmentId>,
    /// Who broke it.
    pub broken_by: Actor,
    /// When.
    pub broken_at: Timestamp,
    /// The document's classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

/// The body of `decision.recorded`: the decision record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRecorded {
    /// The decision's number (its procedure's).
    pub decision: ProcedureId,
    /// The body deciding.
    pub body: BodyId,
    /// The session and item, for a decision in session.
    pub item: Option<ItemRef>,
    /// The rule applied.
    pub rule: DecisionRule,
    /// The document.
    pub document: DocumentId,
    /// The version decided on.
    pub version: u32,
    /// The authentic language.
    pub authentic: Lang,
    /// The hash of the version's text in each language it is complete in.
    pub text_hashes: TextHashes,
    /// Every position stated (for silence: none unless broken).
    pub positions: BTreeMap<StateCode, Position>,
    /// Adopted or not, and why not.
    pub outcome: Outcome,
    /// When the decision took effect (a silence procedure's deadline, or when it was closed).
    pub effective_at: Timestamp,
    /// The document's classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

/// The body of `delegation.key_registered`. Public: anyone may check a signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SigningKeyRegistered {
    /// The state.
    pub state: StateCode,
    /// Its verifier key (C2SP note verifier key, Ed25519).
    pub key: String,
    /// Who registered it.
    pub registered_by: Actor,
}

/// The body of `decision.signed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionSigned {
    /// The decision.
    pub decision: ProcedureId,
    /// The state signing.
    pub state: StateCode,
    /// The message signed (see `rules::signing_message`).
    pub message: String,
    /// The delegation's verifier key.
    pub key: String,
    /// The Ed25519 signature, base64.
    pub signature: String,
    /// Who signed.
    pub signed_by: Actor,
    /// When it was recorded.
    pub signed_at: Timestamp,
    /// The document's classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

macro_rules! classified {
    (session: $($ty:ty),*) => {$(
        impl EventBody for $ty {
            fn classification(&self) -> Classification {
                self.classification
            }
            fn release(&self) -> &[Recipient] {
                observers_release(self.open_to_observers)
            }
        }
    )*};
    (draft: $($ty:ty),*) => {$(
        impl EventBody for $ty {
            fn classification(&self) -> Classification {
                draft_classification(self.classification)
            }
            fn release(&self) -> &[Recipient] {
                &self.release
            }
        }
    )*};
}

classified!(session: SessionScheduled, SessionChanged, SessionStatusChanged, AgendaItemAdded,
    AgendaItemConcluded, MinutesRecorded, PackageCreated, SessionOpennessChanged, ObserversRecorded);
// A public document's drafts and procedure are restricted until it is adopted.
classified!(draft: DocumentRegistered, VersionMade, AmendmentProposed, ProcedureOpened,
    PositionStated, SilenceBroken);

impl EventBody for DecisionRecorded {
    /// An adoption takes the document's classification; a failure keeps the draft's.
    fn classification(&self) -> Classification {
        if self.outcome.is_adopted() {
            self.classification
        } else {
            draft_classification(self.classification)
        }
    }
    fn release(&self) -> &[Recipient] {
        &self.release
    }
}

impl EventBody for DecisionSigned {
    /// Only adopted decisions are signed: the document's classification.
    fn classification(&self) -> Classification {
        self.classification
    }
    fn release(&self) -> &[Recipient] {
        &self.release
    }
}

impl EventBody for SigningKeyRegistered {
    fn classification(&self) -> Classification {
        Classification::Public
    }
}
