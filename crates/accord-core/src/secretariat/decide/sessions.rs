//! `decide` for scheduling sessions, changing them and their status, and their observers.

use std::collections::BTreeMap;

use crate::classification::Classification;
use crate::config::{Composition, MemberStatus, OrgConfig};
use crate::decide::{allow, check_authentic, check_text};
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::BodyId;
use crate::ids::StateCode;
use crate::policy::{Action, Principal, Resource};
use crate::secretariat::commands::SessionDetails;
use crate::secretariat::error::SecretariatError as E;
use crate::secretariat::events::{
    ObserversRecorded, SessionChanged, SessionOpennessChanged, SessionScheduled,
    SessionStatusChanged,
};
use crate::secretariat::model::{SessionFormat, SessionId, SessionStatus};
use crate::state::State;
use crate::time::Timestamp;

use super::{member_states, session};

/// `ScheduleSession`.
#[expect(
    clippy::too_many_arguments,
    reason = "the command's fields, passed as they are"
)]
pub(super) fn schedule(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    body: &BodyId,
    number: u32,
    details: &SessionDetails,
    classification: Option<Classification>,
    open_to_observers: bool,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let records = state.secretariat();
    let classification = classification.unwrap_or(config.default_classification());
    allow(
        principal,
        Action::Prepare,
        Resource::classified(classification),
    )?;
    let found = config
        .body(body)
        .ok_or_else(|| E::UnknownBody(body.clone()))?;
    if found.composition != Composition::MemberStates {
        return Err(E::StaffBody(body.clone()).into());
    }
    if number == 0 {
        return Err(E::BadNumber.into());
    }
    let taken = records
        .sessions()
        .values()
        .any(|s| s.body == *body && s.number == number && s.status != SessionStatus::Cancelled);
    if taken {
        return Err(E::NumberTaken {
            body: body.clone(),
            number,
        }
        .into());
    }
    let (chair, participants) = session_details(state, config, details, now)?;
    Ok(vec![Event::SessionScheduled(SessionScheduled {
        session: records.next_session(),
        body: body.clone(),
        number,
        title: details.title.clone(),
        start: details.start.clone(),
        end: details.end.clone(),
        format: details.format.clone(),
        chair,
        participants,
        classification,
        open_to_observers,
    })])
}

/// `ChangeSession`.
pub(super) fn change(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    id: SessionId,
    details: &SessionDetails,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let found = session(state, id)?;
    allow(
        principal,
        Action::Prepare,
        Resource::classified(found.classification),
    )?;
    if found.status != SessionStatus::Planned {
        return Err(E::NotPlanned(found.status).into());
    }
    let (chair, participants) = session_details(state, config, details, now)?;
    Ok(vec![Event::SessionChanged(SessionChanged {
        session: id,
        title: details.title.clone(),
        start: details.start.clone(),
        end: details.end.clone(),
        format: details.format.clone(),
        chair,
        participants,
        sequence: found.sequence.saturating_add(1),
        classification: found.classification,
        open_to_observers: found.open_to_observers,
    })])
}

/// `SetSessionStatus`.
pub(super) fn set_status(
    state: &State,
    principal: &Principal,
    id: SessionId,
    status: SessionStatus,
) -> Result<Vec<Event>, DomainError> {
    let records = state.secretariat();
    let found = session(state, id)?;
    allow(
        principal,
        Action::Prepare,
        Resource::classified(found.classification),
    )?;
    if !found.status.may_become(status) {
        return Err(E::IllegalTransition {
            from: found.status,
            to: status,
        }
        .into());
    }
    // A session is concluded once its procedures have ended.
    let open = found
        .agenda
        .iter()
        .flat_map(|i| &i.procedures)
        .find(|p| records.procedure(**p).is_some_and(|p| p.outcome.is_none()));
    if let (SessionStatus::Concluded, Some(open)) = (status, open) {
        return Err(E::ItemHasOpenProcedure(*open).into());
    }
    Ok(vec![Event::SessionStatusChanged(SessionStatusChanged {
        session: id,
        from: found.status,
        to: status,
        sequence: found.sequence.saturating_add(1),
        classification: found.classification,
        open_to_observers: found.open_to_observers,
    })])
}

/// `SetOpenToObservers`.
pub(super) fn set_open_to_observers(
    state: &State,
    principal: &Principal,
    id: SessionId,
    open: bool,
) -> Result<Vec<Event>, DomainError> {
    let found = session(state, id)?;
    allow(
        principal,
        Action::Prepare,
        Resource::classified(found.classification),
    )?;
    if found.open_to_observers == open {
        return Err(E::OpennessUnchanged { session: id, open }.into());
    }
    if !open && !found.observers.is_empty() {
        return Err(E::ObserversAttending(id).into());
    }
    Ok(vec![Event::SessionOpennessChanged(
        SessionOpennessChanged {
            session: id,
            open_to_observers: open,
            classification: found.classification,
        },
    )])
}

/// `RecordObservers`.
pub(super) fn record_observers(
    state: &State,
    principal: &Principal,
    id: SessionId,
    observers: &BTreeMap<StateCode, Vec<String>>,
) -> Result<Vec<Event>, DomainError> {
    let found = session(state, id)?;
    allow(
        principal,
        Action::Prepare,
        Resource::classified(found.classification),
    )?;
    if found.status == SessionStatus::Cancelled {
        return Err(E::SessionClosed(found.status).into());
    }
    if !found.open_to_observers {
        return Err(E::NotOpenToObservers(id).into());
    }
    // Observer status now: a state that became one attends from its decision on.
    if let Some(other) = observers
        .keys()
        .find(|c| state.state(**c).map(|s| s.status) != Some(MemberStatus::Observer))
    {
        return Err(E::NotAnObserver(*other).into());
    }
    Ok(vec![Event::ObserversRecorded(ObserversRecorded {
        session: id,
        observers: observers.clone(),
        classification: found.classification,
        open_to_observers: true,
    })])
}

fn check_link(format: &SessionFormat) -> Result<(), E> {
    match format.link() {
        Some(link)
            if !(link.starts_with("https://")
                && link.len() > "https://".len()
                && link.len() <= 500
                && !link.chars().any(|c| c.is_whitespace() || c.is_control())) =>
        {
            Err(E::BadLink)
        }
        _ => Ok(()),
    }
}

/// Checks a session's details and fills in the chair and participants.
fn session_details(
    state: &State,
    config: &OrgConfig,
    details: &SessionDetails,
    now: Timestamp,
) -> Result<(StateCode, BTreeMap<StateCode, Vec<String>>), DomainError> {
    check_authentic(config, &details.title)?;
    if let Some(venue) = details.format.venue() {
        check_text(config, venue)?;
    }
    if details.start.utc() <= now {
        return Err(E::InPast {
            start: details.start.utc(),
            now,
        }
        .into());
    }
    if details.end.utc() <= details.start.utc() {
        return Err(E::EndBeforeStart.into());
    }
    check_link(&details.format)?;
    let members = member_states(state);
    let chair = match details.chair {
        Some(chair) => chair,
        None => config.chairmanship().chair_on(details.start.utc().date()),
    };
    if !members.contains(&chair) {
        return Err(E::ChairNotMember(chair).into());
    }
    let participants = match &details.participants {
        Some(given) => {
            if let Some(unknown) = given.keys().find(|c| state.state(**c).is_none()) {
                return Err(E::UnknownParticipant(*unknown).into());
            }
            given.clone()
        }
        None => members.iter().map(|c| (*c, Vec::new())).collect(),
    };
    Ok((chair, participants))
}
