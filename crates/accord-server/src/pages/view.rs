//! How the secretariat's pages put records into words: times in their zone, states and bodies
//! by name, positions, rules and outcomes in the reader's language, and the names values have
//! in forms and events.

use accord_core::config::{DecisionRule, DocumentType};
use accord_core::secretariat::model::{
    Document, Failure, Outcome, Position, Procedure, Sponsor, ZonedTime,
};
use accord_core::{BodyId, Lang, State, StateCode, Timestamp};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::i18n::{Arg, Tr};

use super::localized;

/// A value's name as events and forms write it (`joint_statement`, `un`).
pub fn wire<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The value a form names, by its [`wire`] name.
pub fn from_wire<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}

/// A zoned time as people there read it: `2020-12-01 13:00 Europe/Moscow (UTC+03:00)`, to the
/// second when `seconds`.
pub fn zoned(time: &ZonedTime, seconds: bool) -> String {
    let local = time.local().replace('T', " ");
    let shown = if seconds { &local[..] } else { &local[..16] };
    format!("{shown} {} (UTC{})", time.zone(), time.offset())
}

/// An instant in UTC: `2020-12-01 14:00:00 UTC`.
pub fn utc(time: Timestamp) -> String {
    let text = time.to_string();
    format!("{} UTC", text.trim_end_matches('Z').replace('T', " "))
}

/// A state's name in the reader's language (its code if unknown).
pub fn state_name(tr: &Tr<'_>, state: &State, code: StateCode, lang: Lang) -> String {
    state
        .state(code)
        .map_or_else(|| code.to_string(), |s| localized(tr, &s.name, lang))
}

/// A body's name in the reader's language (its id if unknown).
pub fn body_name(tr: &Tr<'_>, state: &State, body: &BodyId, lang: Lang) -> String {
    state
        .config()
        .and_then(|c| c.body(body))
        .map_or_else(|| body.to_string(), |b| localized(tr, &b.name, lang))
}

/// A document type in words.
pub fn doc_type(tr: &Tr<'_>, doc_type: DocumentType) -> String {
    tr.t(&format!("doctype-{}", wire(&doc_type)))
}

/// A document's sponsor in words.
pub fn sponsor(tr: &Tr<'_>, state: &State, sponsor: &Sponsor, lang: Lang) -> String {
    match sponsor {
        Sponsor::State { state: code } => state_name(tr, state, *code, lang),
        Sponsor::Secretariat => tr.t("affiliation-secretariat"),
    }
}

/// Where a document stands: draft, under procedure or adopted.
pub fn doc_status(tr: &Tr<'_>, document: &Document) -> String {
    if document.adopted_by.is_some() {
        tr.t("docstatus-adopted")
    } else if document.open_procedure.is_some() {
        tr.t("docstatus-under-procedure")
    } else {
        tr.t("docstatus-draft")
    }
}

/// A decision rule in words.
pub fn rule(tr: &Tr<'_>, rule: DecisionRule) -> String {
    match rule {
        DecisionRule::QualifiedMajority(fraction) => {
            tr.a("rule-qualified_majority", "fraction", &fraction.to_string())
        }
        other => tr.t(&format!("rule-{other}")),
    }
}

/// A position in words, with its reservation, statement or reason.
pub fn position(tr: &Tr<'_>, position: &Position, lang: Lang) -> String {
    let name = tr.t(&format!("position-{}", position.as_str()));
    match position {
        Position::AgreeWithReservation { text }
        | Position::InterpretativeStatement { text }
        | Position::Object { reason: text } => format!("{name}: {}", localized(tr, text, lang)),
        Position::Agree | Position::Abstain | Position::NotParticipating => name,
    }
}

/// A procedure's result in words.
pub fn outcome(tr: &Tr<'_>, state: &State, outcome: &Outcome, lang: Lang) -> String {
    let names = |codes: &[StateCode]| {
        codes
            .iter()
            .map(|c| state_name(tr, state, *c, lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match outcome {
        Outcome::Adopted => tr.t("outcome-adopted"),
        Outcome::NotAdopted { failure } => match failure {
            Failure::Objection { states } => tr.a("outcome-objection", "states", &names(states)),
            Failure::NoQuorum { present, required } => tr.args(
                "outcome-no-quorum",
                &[
                    ("present", Arg::Num(u64::from(*present))),
                    ("required", Arg::Num(u64::from(*required))),
                ],
            ),
            Failure::MajorityNotReached {
                for_,
                against,
                required,
            } => tr.args(
                "outcome-no-majority",
                &[
                    ("for", Arg::Num(u64::from(*for_))),
                    ("against", Arg::Num(u64::from(*against))),
                    ("required", Arg::Num(u64::from(*required))),
                ],
            ),
            Failure::SilenceBroken { state: code } => {
                tr.a("outcome-silence-broken", "state", &names(&[*code]))
            }
        },
    }
}

/// Where a procedure stands, in words: open, or its outcome.
pub fn procedure_state(tr: &Tr<'_>, state: &State, procedure: &Procedure, lang: Lang) -> String {
    match &procedure.outcome {
        None => tr.t("procedure-open"),
        Some(o) => outcome(tr, state, o, lang),
    }
}

/// A select's option.
#[derive(Debug)]
pub struct Choice {
    /// The value sent.
    pub value: String,
    /// The label shown.
    pub label: String,
}

impl Choice {
    /// An option.
    #[expect(
        clippy::needless_pass_by_value,
        reason = "options are made from ids of many small types, by value or by reference"
    )]
    pub fn new(value: impl ToString, label: impl Into<String>) -> Self {
        Choice {
            value: value.to_string(),
            label: label.into(),
        }
    }
}

/// The member states of the registry, as options.
pub fn member_choices(tr: &Tr<'_>, state: &State, lang: Lang) -> Vec<Choice> {
    state
        .states()
        .iter()
        .filter(|(_, s)| s.status == accord_core::config::MemberStatus::Member)
        .map(|(code, _)| Choice::new(code, state_name(tr, state, *code, lang)))
        .collect()
}

/// The classifications, as options.
pub fn classification_choices(tr: &Tr<'_>) -> Vec<Choice> {
    accord_core::Classification::ALL
        .into_iter()
        .map(|c| Choice::new(c.as_str(), tr.t(&format!("class-{}", c.as_str()))))
        .collect()
}
