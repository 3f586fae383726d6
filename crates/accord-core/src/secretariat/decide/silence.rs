//! `decide` for silence procedures: launched, broken before the deadline, concluded at it.

use std::collections::BTreeMap;

use crate::config::{DecisionRule, OrgConfig};
use crate::decide::{allow, check_text};
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::Actor;
use crate::lang::Text;
use crate::policy::{Action, Principal};
use crate::secretariat::commands::AmendmentDraft;
use crate::secretariat::error::SecretariatError as E;
use crate::secretariat::events::{ProcedureOpened, SilenceBroken};
use crate::secretariat::model::{DocumentId, Failure, Outcome, ProcedureId, ZonedTime};
use crate::secretariat::rules;
use crate::state::State;
use crate::time::Timestamp;

use super::documents::amendment_event;
use super::procedures::{of_procedure, open_procedure, record};
use super::{acting_member, document, member_states, of_document, open_document};

/// `LaunchSilence`.
pub(super) fn launch(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    doc_id: DocumentId,
    deadline: &ZonedTime,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let records = state.secretariat();
    let doc = document(state, doc_id)?;
    allow(principal, Action::Prepare, of_document(doc))?;
    let doc = open_document(state, doc_id)?;
    let body = config
        .body(&doc.body)
        .ok_or_else(|| E::UnknownBody(doc.body.clone()))?;
    if !body.rules.contains(&DecisionRule::Silence) {
        return Err(E::RuleNotAllowed {
            body: doc.body.clone(),
            rule: DecisionRule::Silence,
        }
        .into());
    }
    if deadline.utc() <= now {
        return Err(E::DeadlineInPast {
            deadline: deadline.utc(),
            now,
        }
        .into());
    }
    Ok(vec![Event::ProcedureOpened(ProcedureOpened {
        procedure: records.next_procedure(),
        document: doc_id,
        version: doc.current().map_or(1, |v| v.number),
        body: doc.body.clone(),
        rule: DecisionRule::Silence,
        item: None,
        deadline: Some(deadline.clone()),
        present: member_states(state).into_iter().collect(),
        opened_at: now,
        classification: doc.classification,
        release: doc.release.clone(),
    })])
}

/// `BreakSilence`.
#[expect(
    clippy::too_many_arguments,
    reason = "the command's fields, passed as they are"
)]
pub(super) fn break_silence(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    id: ProcedureId,
    reason: &Text,
    amendment: Option<&AmendmentDraft>,
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let records = state.secretariat();
    let procedure = state
        .secretariat()
        .procedure(id)
        .ok_or(E::UnknownProcedure(id))?;
    allow(principal, Action::TakePosition, of_procedure(procedure))?;
    let member = acting_member(state, principal)?;
    let procedure = open_procedure(state, id)?;
    let deadline = procedure.deadline.as_ref().ok_or(E::NotSilence(id))?.utc();
    if !rules::silence_open(deadline, now) {
        return Err(E::DeadlinePassed { deadline }.into());
    }
    if !procedure.present.contains(&member) {
        return Err(E::NotPresent(member).into());
    }
    check_text(config, reason)?;
    let doc = document(state, procedure.document)?;
    let mut events = Vec::new();
    let mut amendment_id = None;
    if let Some(draft) = amendment {
        let id = records.next_amendment();
        events.push(amendment_event(
            config, doc, draft, member, &actor, id, now,
        )?);
        amendment_id = Some(id);
    }
    events.push(Event::SilenceBroken(SilenceBroken {
        procedure: id,
        state: member,
        reason: reason.clone(),
        amendment: amendment_id,
        broken_by: actor,
        broken_at: now,
        classification: procedure.classification,
        release: procedure.release.clone(),
    }));
    let positions = BTreeMap::from([(
        member,
        crate::secretariat::model::Position::Object {
            reason: reason.clone(),
        },
    )]);
    let outcome = Outcome::NotAdopted {
        failure: Failure::SilenceBroken { state: member },
    };
    events.push(record(config, procedure, doc, positions, outcome, now));
    Ok(events)
}

/// `ConcludeSilence`.
pub(super) fn conclude(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    id: ProcedureId,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let procedure = state
        .secretariat()
        .procedure(id)
        .ok_or(E::UnknownProcedure(id))?;
    allow(principal, Action::EnforceDeadline, of_procedure(procedure))?;
    let procedure = open_procedure(state, id)?;
    let deadline = procedure.deadline.as_ref().ok_or(E::NotSilence(id))?.utc();
    if !rules::silence_due(deadline, now) {
        return Err(E::DeadlineNotReached { deadline }.into());
    }
    let doc = document(state, procedure.document)?;
    Ok(vec![record(
        config,
        procedure,
        doc,
        BTreeMap::new(),
        Outcome::Adopted,
        deadline,
    )])
}
