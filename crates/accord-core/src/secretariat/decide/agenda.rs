//! `decide` for sessions' agendas: items added, concluded and recommended, and minutes.

use crate::config::{DocumentType, OrgConfig};
use crate::decide::{allow, check_authentic};
use crate::error::DomainError;
use crate::event::Event;
use crate::lang::Text;
use crate::policy::{Action, Principal, Resource};
use crate::secretariat::error::SecretariatError as E;
use crate::secretariat::events::{AgendaItemAdded, AgendaItemConcluded, ItemRef, MinutesRecorded};
use crate::secretariat::model::{DocumentId, Recommendation, Session, SessionId, SessionStatus};
use crate::state::State;

use super::{agenda_item, document, of_document, open_item, session};

/// `AddAgendaItem`.
pub(super) fn add_item(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    id: SessionId,
    title: &Text,
    documents: &[DocumentId],
) -> Result<Vec<Event>, DomainError> {
    let found = session(state, id)?;
    allow(
        principal,
        Action::Prepare,
        Resource::classified(found.classification),
    )?;
    if matches!(
        found.status,
        SessionStatus::Concluded | SessionStatus::Cancelled
    ) {
        return Err(E::SessionClosed(found.status).into());
    }
    check_authentic(config, title)?;
    for doc in documents {
        // Only documents the officer may read are put before a session.
        allow(principal, Action::Read, of_document(document(state, *doc)?))?;
    }
    Ok(vec![item_added(
        found,
        title.clone(),
        documents.to_vec(),
        None,
    )])
}

/// `ConcludeItem`.
pub(super) fn conclude_item(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    id: SessionId,
    item: u32,
    outcome: &Text,
) -> Result<Vec<Event>, DomainError> {
    let records = state.secretariat();
    let found = session(state, id)?;
    allow(
        principal,
        Action::Prepare,
        Resource::classified(found.classification),
    )?;
    let agenda_item = open_item(found, item)?;
    let open = agenda_item
        .procedures
        .iter()
        .find(|p| records.procedure(**p).is_some_and(|p| p.outcome.is_none()));
    if let Some(open) = open {
        return Err(E::ItemHasOpenProcedure(*open).into());
    }
    check_authentic(config, outcome)?;
    Ok(vec![Event::AgendaItemConcluded(AgendaItemConcluded {
        at: ItemRef { session: id, item },
        outcome: outcome.clone(),
        classification: found.classification,
        open_to_observers: found.open_to_observers,
    })])
}

/// `RecordMinutes`.
pub(super) fn record_minutes(
    state: &State,
    principal: &Principal,
    id: SessionId,
    doc_id: DocumentId,
) -> Result<Vec<Event>, DomainError> {
    let found = session(state, id)?;
    allow(
        principal,
        Action::Prepare,
        Resource::classified(found.classification),
    )?;
    let doc = document(state, doc_id)?;
    allow(principal, Action::Read, of_document(doc))?;
    if doc.doc_type != DocumentType::Report {
        return Err(E::MinutesNotReport.into());
    }
    Ok(vec![Event::MinutesRecorded(MinutesRecorded {
        session: id,
        document: doc_id,
        classification: found.classification,
        open_to_observers: found.open_to_observers,
    })])
}

/// `Recommend`.
pub(super) fn recommend(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    from_id: SessionId,
    item: u32,
    to: SessionId,
) -> Result<Vec<Event>, DomainError> {
    let from = session(state, from_id)?;
    let target = session(state, to)?;
    allow(
        principal,
        Action::Prepare,
        Resource::classified(from.classification),
    )?;
    allow(
        principal,
        Action::Prepare,
        Resource::classified(target.classification),
    )?;
    let agenda_item = agenda_item(from, item)?;
    let reports_to = config.body(&from.body).and_then(|b| b.reports_to.as_ref());
    if reports_to != Some(&target.body) {
        return Err(E::NotReportingBody {
            from: from.body.clone(),
            to: target.body.clone(),
        }
        .into());
    }
    if matches!(
        target.status,
        SessionStatus::Concluded | SessionStatus::Cancelled
    ) {
        return Err(E::SessionClosed(target.status).into());
    }
    if from.status == SessionStatus::Cancelled {
        return Err(E::SessionClosed(from.status).into());
    }
    let again = target.agenda.iter().any(|i| {
        i.recommended_by
            .as_ref()
            .is_some_and(|r| r.session == from_id && r.item == item)
    });
    if again {
        return Err(E::AlreadyRecommended {
            session: from_id,
            item,
        }
        .into());
    }
    let recommendation = Recommendation {
        session: from_id,
        item,
        body: from.body.clone(),
    };
    Ok(vec![item_added(
        target,
        agenda_item.title.clone(),
        agenda_item.documents.clone(),
        Some(recommendation),
    )])
}

fn item_added(
    session: &Session,
    title: Text,
    documents: Vec<DocumentId>,
    recommended_by: Option<Recommendation>,
) -> Event {
    let number = session
        .agenda
        .iter()
        .map(|i| i.number)
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    Event::AgendaItemAdded(AgendaItemAdded {
        at: ItemRef {
            session: session.id,
            item: number,
        },
        title,
        documents,
        recommended_by,
        classification: session.classification,
        open_to_observers: session.open_to_observers,
    })
}
