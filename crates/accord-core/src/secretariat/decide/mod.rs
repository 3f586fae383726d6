//! `decide` for the secretariat's commands: the policy first, then the rules, then the events.
//!
//! This module dispatches each command to its area's file (sessions, agenda, documents,
//! procedures in session, silence, signatures) and holds the lookups the areas share.

mod agenda;
mod documents;
mod procedures;
mod sessions;
mod signatures;
mod silence;

pub use signatures::{signing_message, verify_signature};

use std::collections::BTreeSet;

use crate::config::{MemberStatus, OrgConfig};
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::{Actor, StateCode};
use crate::policy::{Principal, Resource};
use crate::secretariat::commands::SecretariatCommand;
use crate::secretariat::error::SecretariatError as E;
use crate::secretariat::model::{
    AgendaItem, Document, DocumentId, Session, SessionId, SessionStatus,
};
use crate::state::State;
use crate::time::Timestamp;

impl From<E> for DomainError {
    fn from(error: E) -> Self {
        DomainError::Secretariat(error)
    }
}

fn of_document(document: &Document) -> Resource<'_> {
    Resource {
        classification: document.effective_classification(),
        release: &document.release,
    }
}

/// The member states of the registry now.
fn member_states(state: &State) -> BTreeSet<StateCode> {
    state
        .states()
        .iter()
        .filter(|(_, s)| s.status == MemberStatus::Member)
        .map(|(c, _)| *c)
        .collect()
}

/// The member state the principal speaks for.
fn acting_member(state: &State, principal: &Principal) -> Result<StateCode, DomainError> {
    let code = principal.affiliation().state().ok_or(E::NoState)?;
    match state.state(code).map(|s| s.status) {
        Some(MemberStatus::Member) => Ok(code),
        _ => Err(E::NotAMember(code).into()),
    }
}

/// Item `item` of the session's agenda.
fn agenda_item(session: &Session, item: u32) -> Result<&AgendaItem, DomainError> {
    Ok(session
        .agenda
        .iter()
        .find(|i| i.number == item)
        .ok_or(E::UnknownItem {
            session: session.id,
            item,
        })?)
}

/// An item still to be concluded, of a session in progress: where the work in session happens.
fn open_item(session: &Session, item: u32) -> Result<&AgendaItem, DomainError> {
    if session.status != SessionStatus::Convened {
        return Err(E::NotConvened(session.status).into());
    }
    let found = agenda_item(session, item)?;
    if found.outcome.is_some() {
        return Err(E::ItemConcluded(item).into());
    }
    Ok(found)
}

fn session(state: &State, id: SessionId) -> Result<&Session, DomainError> {
    Ok(state
        .secretariat()
        .session(id)
        .ok_or(E::UnknownSession(id))?)
}

fn document(state: &State, id: DocumentId) -> Result<&Document, DomainError> {
    Ok(state
        .secretariat()
        .document(id)
        .ok_or(E::UnknownDocument(id))?)
}

/// A document whose text may still change: not adopted, no procedure running.
fn open_document(state: &State, id: DocumentId) -> Result<&Document, DomainError> {
    let doc = document(state, id)?;
    if doc.adopted_by.is_some() {
        return Err(E::Adopted(id).into());
    }
    if let Some(procedure) = doc.open_procedure {
        return Err(E::UnderProcedure(procedure).into());
    }
    Ok(doc)
}

/// Decides a secretariat command.
pub(crate) fn decide(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    command: &SecretariatCommand,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    use SecretariatCommand as C;
    let actor = principal.actor().unwrap_or(Actor::System);
    match command {
        C::ScheduleSession {
            body,
            number,
            details,
            classification,
            open_to_observers,
        } => sessions::schedule(
            state,
            config,
            principal,
            body,
            *number,
            details,
            *classification,
            *open_to_observers,
            now,
        ),
        C::ChangeSession {
            session: id,
            details,
        } => sessions::change(state, config, principal, *id, details, now),
        C::SetSessionStatus {
            session: id,
            status,
        } => sessions::set_status(state, principal, *id, *status),
        C::AddAgendaItem {
            session: id,
            title,
            documents,
        } => agenda::add_item(state, config, principal, *id, title, documents),
        C::ConcludeItem {
            session: id,
            item,
            outcome,
        } => agenda::conclude_item(state, config, principal, *id, *item, outcome),
        C::RecordMinutes {
            session: id,
            document: doc_id,
        } => agenda::record_minutes(state, principal, *id, *doc_id),
        C::Recommend {
            session: from_id,
            item,
            to,
        } => agenda::recommend(state, config, principal, *from_id, *item, *to),
        C::CreatePackage {
            session: id,
            title,
            documents,
        } => documents::create_package(state, config, principal, *id, title, documents),
        C::RegisterDocument {
            doc_type,
            forum,
            title,
            sponsor,
            body,
            paragraphs,
            classification,
            release,
        } => documents::register(
            state,
            config,
            principal,
            *doc_type,
            *forum,
            title,
            sponsor,
            body,
            paragraphs,
            *classification,
            release,
            actor,
            now,
        ),
        C::MakeVersion {
            document: id,
            paragraphs,
            accept,
            reject,
        } => documents::make_version(
            state,
            config,
            principal,
            *id,
            paragraphs.as_ref(),
            accept,
            reject,
            actor,
            now,
        ),
        C::ProposeAmendment {
            document: id,
            draft,
        } => documents::propose_amendment(state, config, principal, *id, draft, &actor, now),
        C::OpenProcedure {
            session: id,
            item,
            document: doc_id,
            rule,
        } => procedures::open(state, config, principal, *id, *item, *doc_id, *rule, now),
        C::LaunchSilence {
            document: doc_id,
            deadline,
        } => silence::launch(state, config, principal, *doc_id, deadline, now),
        C::StatePosition {
            procedure: id,
            position,
        } => procedures::state_position(state, config, principal, *id, position, actor),
        C::BreakSilence {
            procedure: id,
            reason,
            amendment,
        } => silence::break_silence(
            state,
            config,
            principal,
            *id,
            reason,
            amendment.as_ref(),
            actor,
            now,
        ),
        C::CloseProcedure { procedure: id } => {
            procedures::close(state, config, principal, *id, now)
        }
        C::ConcludeSilence { procedure: id } => {
            silence::conclude(state, config, principal, *id, now)
        }
        C::RegisterSigningKey { key } => signatures::register_key(state, principal, key, actor),
        C::SignDecision {
            decision,
            signature,
        } => signatures::sign(state, principal, *decision, signature, actor, now),
        C::SetOpenToObservers { session: id, open } => {
            sessions::set_open_to_observers(state, principal, *id, *open)
        }
        C::RecordObservers {
            session: id,
            observers,
        } => sessions::record_observers(state, principal, *id, observers),
    }
}
