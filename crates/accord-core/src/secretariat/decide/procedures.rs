//! `decide` for decision procedures in session: opened, positions stated, closed; and the
//! decision record every procedure ends with.

use std::collections::BTreeMap;

use crate::config::{DecisionRule, OrgConfig};
use crate::decide::{allow, check_text};
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::{Actor, StateCode};
use crate::lang::Text;
use crate::policy::{Action, Principal, Resource};
use crate::secretariat::error::SecretariatError as E;
use crate::secretariat::events::{DecisionRecorded, ItemRef, PositionStated, ProcedureOpened};
use crate::secretariat::model::{
    Document, DocumentId, Outcome, Position, Procedure, ProcedureId, SessionId,
};
use crate::secretariat::rules;
use crate::state::State;
use crate::time::Timestamp;

use super::{
    acting_member, document, member_states, of_document, open_document, open_item, session,
};

/// `OpenProcedure`.
#[expect(
    clippy::too_many_arguments,
    reason = "the command's fields, passed as they are"
)]
pub(super) fn open(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    id: SessionId,
    item: u32,
    doc_id: DocumentId,
    rule: DecisionRule,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let records = state.secretariat();
    let found = session(state, id)?;
    let doc = document(state, doc_id)?;
    allow(principal, Action::Prepare, of_document(doc))?;
    let agenda_item = open_item(found, item)?;
    if !agenda_item.documents.contains(&doc_id) {
        return Err(E::NotOnAgenda(doc_id).into());
    }
    if doc.body != found.body {
        return Err(E::WrongBody {
            document: doc_id,
            body: doc.body.clone(),
        }
        .into());
    }
    let body = config
        .body(&found.body)
        .ok_or_else(|| E::UnknownBody(found.body.clone()))?;
    if !body.rules.contains(&rule) || matches!(rule, DecisionRule::Silence | DecisionRule::Head) {
        return Err(E::RuleNotAllowed {
            body: found.body.clone(),
            rule,
        }
        .into());
    }
    let doc = open_document(state, doc_id)?;
    let members = member_states(state);
    let present: Vec<StateCode> = found
        .participants
        .keys()
        .filter(|c| members.contains(c))
        .copied()
        .collect();
    Ok(vec![Event::ProcedureOpened(ProcedureOpened {
        procedure: records.next_procedure(),
        document: doc_id,
        version: doc.current().map_or(1, |v| v.number),
        body: found.body.clone(),
        rule,
        item: Some(ItemRef { session: id, item }),
        deadline: None,
        present,
        opened_at: now,
        classification: doc.classification,
        release: doc.release.clone(),
    })])
}

/// `StatePosition`.
pub(super) fn state_position(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    id: ProcedureId,
    position: &Position,
    actor: Actor,
) -> Result<Vec<Event>, DomainError> {
    let procedure = state
        .secretariat()
        .procedure(id)
        .ok_or(E::UnknownProcedure(id))?;
    allow(principal, Action::TakePosition, of_procedure(procedure))?;
    let member = acting_member(state, principal)?;
    let procedure = open_procedure(state, id)?;
    if procedure.deadline.is_some() {
        return Err(E::IsSilence(id).into());
    }
    if !procedure.present.contains(&member) {
        return Err(E::NotPresent(member).into());
    }
    if let Some(text) = position_text(position) {
        check_text(config, text)?;
    }
    Ok(vec![Event::PositionStated(PositionStated {
        procedure: id,
        state: member,
        position: position.clone(),
        stated_by: actor,
        classification: procedure.classification,
        release: procedure.release.clone(),
    })])
}

/// `CloseProcedure`.
pub(super) fn close(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    id: ProcedureId,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let records = state.secretariat();
    let procedure = state
        .secretariat()
        .procedure(id)
        .ok_or(E::UnknownProcedure(id))?;
    let chair = procedure
        .item
        .and_then(|(s, _)| records.session(s))
        .map(|s| s.chair);
    let as_secretariat = allow(principal, Action::Prepare, of_procedure(procedure));
    if let Err(denied) = as_secretariat {
        // The chair's head of delegation may close the item too.
        allow(principal, Action::TakePosition, of_procedure(procedure)).map_err(|_| denied)?;
        let chair = chair.ok_or(E::IsSilence(id))?;
        if principal.affiliation().state() != Some(chair) {
            return Err(E::NotChair(chair).into());
        }
    }
    let procedure = open_procedure(state, id)?;
    if procedure.deadline.is_some() {
        return Err(E::IsSilence(id).into());
    }
    let missing = rules::missing_positions(&procedure.present, &procedure.positions);
    if !missing.is_empty() {
        return Err(E::PositionsMissing(missing).into());
    }
    let body = config
        .body(&procedure.body)
        .ok_or_else(|| E::UnknownBody(procedure.body.clone()))?;
    let members = u32::try_from(member_states(state).len()).unwrap_or(u32::MAX);
    let outcome = rules::outcome_in_session(
        procedure.rule,
        &procedure.present,
        &procedure.positions,
        body.quorum,
        members,
    );
    let doc = document(state, procedure.document)?;
    Ok(vec![record(
        config,
        procedure,
        doc,
        procedure.positions.clone(),
        outcome,
        now,
    )])
}

pub(super) fn of_procedure(procedure: &Procedure) -> Resource<'_> {
    let classification = if procedure.outcome.as_ref().is_some_and(Outcome::is_adopted) {
        procedure.classification
    } else {
        crate::secretariat::model::draft_classification(procedure.classification)
    };
    Resource {
        classification,
        release: &procedure.release,
    }
}

/// The decision record of a procedure with its outcome.
pub(super) fn record(
    config: &OrgConfig,
    procedure: &Procedure,
    doc: &Document,
    positions: BTreeMap<StateCode, Position>,
    outcome: Outcome,
    effective_at: Timestamp,
) -> Event {
    let paragraphs = doc
        .version(procedure.version)
        .map(|v| v.paragraphs.clone())
        .unwrap_or_default();
    Event::DecisionRecorded(DecisionRecorded {
        decision: procedure.id,
        body: procedure.body.clone(),
        item: procedure
            .item
            .map(|(session, item)| ItemRef { session, item }),
        rule: procedure.rule,
        document: procedure.document,
        version: procedure.version,
        authentic: config.authentic_language(),
        text_hashes: rules::text_hashes(&paragraphs, config.official_languages()),
        positions,
        outcome,
        effective_at,
        classification: procedure.classification,
        release: procedure.release.clone(),
    })
}

pub(super) fn open_procedure(state: &State, id: ProcedureId) -> Result<&Procedure, DomainError> {
    let procedure = state
        .secretariat()
        .procedure(id)
        .ok_or(E::UnknownProcedure(id))?;
    if procedure.outcome.is_some() {
        return Err(E::Closed(id).into());
    }
    Ok(procedure)
}

fn position_text(position: &Position) -> Option<&Text> {
    use Position as P;
    match position {
        P::AgreeWithReservation { text } | P::InterpretativeStatement { text } => Some(text),
        P::Object { reason } => Some(reason),
        P::Agree | P::Abstain | P::NotParticipating => None,
    }
}
