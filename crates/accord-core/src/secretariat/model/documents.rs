//! Documents with their versions, sponsors and forums, delegations' amendments, packages, and the
//! access a document passes on.

use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::config::DocumentType;
use crate::ids::{Actor, BodyId, StateCode};
use crate::lang::Text;
use crate::policy::Recipient;
use crate::time::Timestamp;

use super::{AmendmentId, DocumentId, PackageId, ProcedureId, SessionId};

/// Who puts a document forward.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Sponsor {
    /// A member state.
    State {
        /// The state.
        state: StateCode,
    },
    /// The Secretariat.
    Secretariat,
}

/// The forum a joint statement is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Forum {
    /// The United Nations.
    Un,
    /// The Organization for Security and Co-operation in Europe.
    Osce,
    /// The Organisation for the Prohibition of Chemical Weapons.
    Opcw,
    /// Another forum.
    Other,
}

/// A document's text in one version: numbered paragraphs, each a text per language with the
/// authentic language marked. Paragraph `n` is `paragraphs[n - 1]`.
pub type Paragraphs = Vec<Text>;

/// A version of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Its number, from 1.
    pub number: u32,
    /// Its text.
    pub paragraphs: Paragraphs,
    /// Who made it.
    pub made_by: Actor,
    /// When.
    pub made_at: Timestamp,
    /// The amendments (against the version before) taken into it.
    pub accepted: Vec<AmendmentId>,
    /// The amendments (against the version before) not taken.
    pub rejected: Vec<AmendmentId>,
}

/// A document and its versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Its number.
    pub id: DocumentId,
    /// Its type.
    pub doc_type: DocumentType,
    /// For a joint statement: the forum it is for.
    pub forum: Option<Forum>,
    /// Its title.
    pub title: Text,
    /// Who puts it forward.
    pub sponsor: Sponsor,
    /// The body that is to adopt it.
    pub body: BodyId,
    /// Its classification.
    pub classification: Classification,
    /// Who it is released to beyond its classification, as registered.
    pub release: Vec<Recipient>,
    /// Who reads it now: `release` and, once adopted, the partner states whose partnership
    /// protocol lists its type (kept by `apply` equal to `State::document_release`).
    pub effective_release: Vec<Recipient>,
    /// Its versions, version 1 first.
    pub versions: Vec<Version>,
    /// The amendments proposed against any of its versions.
    pub amendments: Vec<AmendmentId>,
    /// The procedure running on it, if any.
    pub open_procedure: Option<ProcedureId>,
    /// Its procedures, in order.
    pub procedures: Vec<ProcedureId>,
    /// The procedure that adopted it, once adopted.
    pub adopted_by: Option<ProcedureId>,
    /// When it was registered.
    pub registered_at: Timestamp,
}

impl Document {
    /// The current (latest) version.
    pub fn current(&self) -> Option<&Version> {
        self.versions.last()
    }

    /// A version by number.
    pub fn version(&self, number: u32) -> Option<&Version> {
        self.versions
            .get(usize::try_from(number).ok()?.checked_sub(1)?)
    }

    /// Whether it is public and adopted: what the public site publishes.
    pub fn is_published(&self) -> bool {
        self.adopted_by.is_some() && self.classification == Classification::Public
    }

    /// The classification readers are held to now: a document meant to be public is
    /// restricted while it is a draft, and public once adopted.
    pub fn effective_classification(&self) -> Classification {
        if self.adopted_by.is_some() {
            self.classification
        } else {
            draft_classification(self.classification)
        }
    }
}

/// The classification of a draft of a document classified `classification`: public documents
/// are restricted until they are adopted; others keep theirs.
pub fn draft_classification(classification: Classification) -> Classification {
    match classification {
        Classification::Public => Classification::Restricted,
        other => other,
    }
}

/// What an amendment does to its paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum AmendmentOp {
    /// Insert a new paragraph after the paragraph (0: before the first).
    Insert {
        /// The new paragraph.
        text: Text,
    },
    /// Replace the paragraph.
    Replace {
        /// The new wording.
        text: Text,
    },
    /// Delete the paragraph.
    Delete,
}

impl AmendmentOp {
    /// The operation's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            AmendmentOp::Insert { .. } => "insert",
            AmendmentOp::Replace { .. } => "replace",
            AmendmentOp::Delete => "delete",
        }
    }

    /// The new text, for an insertion or replacement.
    pub fn text(&self) -> Option<&Text> {
        match self {
            AmendmentOp::Insert { text } | AmendmentOp::Replace { text } => Some(text),
            AmendmentOp::Delete => None,
        }
    }
}

/// Where an amendment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum AmendmentStatus {
    /// Waiting for the next version.
    Pending,
    /// Taken into a version.
    Accepted {
        /// The version it went into.
        version: u32,
    },
    /// Not taken when a version was made.
    Rejected {
        /// The version made without it.
        version: u32,
    },
}

/// A delegation's proposed change to one paragraph of one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amendment {
    /// Its number.
    pub id: AmendmentId,
    /// The document.
    pub document: DocumentId,
    /// The version it is against.
    pub version: u32,
    /// The paragraph it points at (for an insertion: the one it follows, 0 for the start).
    pub paragraph: u32,
    /// What it does.
    pub op: AmendmentOp,
    /// Why, per language.
    pub rationale: Text,
    /// The state proposing it.
    pub state: StateCode,
    /// The account that proposed it.
    pub proposed_by: Actor,
    /// When.
    pub proposed_at: Timestamp,
    /// Where it stands.
    pub status: AmendmentStatus,
}

/// The set of documents a session will consider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// Its number.
    pub id: PackageId,
    /// The session.
    pub session: SessionId,
    /// Its title.
    pub title: Text,
    /// Its documents, in order.
    pub documents: Vec<DocumentId>,
}

/// The classification and release list a document passes on to everything about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    /// The classification.
    pub classification: Classification,
    /// The release list.
    pub release: Vec<Recipient>,
}
