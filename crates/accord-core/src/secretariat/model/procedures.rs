//! Decision procedures: positions, outcomes and failures, signatures and text hashes.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::config::DecisionRule;
use crate::ids::{Actor, BodyId, StateCode};
use crate::lang::{Lang, Text};
use crate::policy::Recipient;
use crate::time::Timestamp;

use super::{DocumentId, ProcedureId, SessionId, ZonedTime};

/// A member state's position in a decision procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Position {
    /// Joins the consensus (or votes for).
    Agree,
    /// Joins, with a reservation attached to the decision.
    AgreeWithReservation {
        /// The reservation.
        text: Text,
    },
    /// Joins, with an interpretative statement attached to the decision.
    InterpretativeStatement {
        /// The statement.
        text: Text,
    },
    /// Objects: blocks consensus (or votes against), with a reason.
    Object {
        /// The reason.
        reason: Text,
    },
    /// Abstains: does not block; recorded.
    Abstain,
    /// Does not take part: does not block; recorded.
    NotParticipating,
}

impl Position {
    /// The position's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Position::Agree => "agree",
            Position::AgreeWithReservation { .. } => "agree_with_reservation",
            Position::InterpretativeStatement { .. } => "interpretative_statement",
            Position::Object { .. } => "object",
            Position::Abstain => "abstain",
            Position::NotParticipating => "not_participating",
        }
    }

    /// Whether it counts for the document (agree, with or without a statement).
    pub fn is_for(&self) -> bool {
        matches!(
            self,
            Position::Agree
                | Position::AgreeWithReservation { .. }
                | Position::InterpretativeStatement { .. }
        )
    }
}

/// Why a procedure did not adopt its document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Failure {
    /// Member states objected (consensus).
    Objection {
        /// The objecting states.
        states: Vec<StateCode>,
    },
    /// Too few member states were present.
    NoQuorum {
        /// How many were present.
        present: u32,
        /// How many are needed.
        required: u32,
    },
    /// Not enough votes for (majorities).
    MajorityNotReached {
        /// Votes for.
        for_: u32,
        /// Votes against.
        against: u32,
        /// Votes needed.
        required: u32,
    },
    /// A member state broke silence.
    SilenceBroken {
        /// The state.
        state: StateCode,
    },
}

/// A procedure's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Outcome {
    /// The document is adopted.
    Adopted,
    /// It is not.
    NotAdopted {
        /// Why.
        failure: Failure,
    },
}

impl Outcome {
    /// Whether the document was adopted.
    pub fn is_adopted(&self) -> bool {
        matches!(self, Outcome::Adopted)
    }
}

/// A decision procedure on one fixed version of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Procedure {
    /// Its number.
    pub id: ProcedureId,
    /// The document.
    pub document: DocumentId,
    /// The version decided on.
    pub version: u32,
    /// The body deciding.
    pub body: BodyId,
    /// The rule.
    pub rule: DecisionRule,
    /// The session and agenda item, for a procedure in session.
    pub item: Option<(SessionId, u32)>,
    /// For a silence procedure: its deadline.
    pub deadline: Option<ZonedTime>,
    /// The member states present (who must state a position in session; who may break silence).
    pub present: BTreeSet<StateCode>,
    /// Each state's latest position.
    pub positions: BTreeMap<StateCode, Position>,
    /// When it opened.
    pub opened_at: Timestamp,
    /// Its result, once decided.
    pub outcome: Option<Outcome>,
    /// Its classification (the document's).
    pub classification: Classification,
    /// Its release list (the document's).
    pub release: Vec<Recipient>,
}

/// A head of delegation's signature of a decision's authentic text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// The state.
    pub state: StateCode,
    /// The account that signed.
    pub signed_by: Actor,
    /// The delegation's verifier key (C2SP note verifier key, Ed25519).
    pub key: String,
    /// The Ed25519 signature of [`signing_message`](crate::secretariat::rules::signing_message), base64.
    pub signature: String,
    /// When it was recorded.
    pub signed_at: Timestamp,
}

/// The hash of a version's text in one language: `sha256:` and the hex SHA-256 of the canonical
/// JSON array of its paragraphs in that language (a missing translation gives no hash).
pub type TextHash = String;

/// What a language's text of a version looks like to a signer: its hash per language.
pub type TextHashes = BTreeMap<Lang, TextHash>;
