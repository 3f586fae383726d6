//! `decide` for requests for assistance and the deployments of units that answer them.

use crate::crisis::error::CrisisError as E;
use crate::crisis::events::{AssistanceRequested, DeploymentChanged, NeedWithdrawn, RequestClosed};
use crate::crisis::model::{
    Deployment, DeploymentId, DeploymentStatus, DeploymentStep, GeoPoint, Incident, IncidentId,
    IncidentStatus, Need, Readiness, Request, RequestId, UnitId,
};
use crate::crisis::rules;
use crate::decide::allow;
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::Actor;
use crate::policy::{Action, Principal, can};
use crate::state::State;
use crate::time::Timestamp;

use super::{acting_member, incident, of_incident};

/// `RequestAssistance`.
#[expect(
    clippy::too_many_arguments,
    reason = "the command's fields, passed as they are"
)]
pub(super) fn request(
    state: &State,
    principal: &Principal,
    id: IncidentId,
    needs: &[Need],
    location: GeoPoint,
    needed_by: Timestamp,
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let crisis = state.crisis();
    let found = incident(state, id)?;
    allow(principal, Action::AskForHelp, of_incident(found))?;
    let member = acting_member(state, principal)?;
    if found.status == IncidentStatus::Closed {
        return Err(E::IncidentClosed(id).into());
    }
    if !found.affected.contains(&member) {
        return Err(E::NotAffected(member).into());
    }
    if needs.is_empty() || needs.iter().any(|n| n.quantity == 0 || n.withdrawn) {
        return Err(E::NoNeeds.into());
    }
    if needed_by <= now {
        return Err(E::NeededByPast { needed_by, now }.into());
    }
    Ok(vec![Event::AssistanceRequested(AssistanceRequested {
        request: crisis.next_request(),
        incident: id,
        state: member,
        needs: needs.to_vec(),
        location,
        needed_by,
        requested_by: actor,
        requested_at: now,
        classification: found.classification,
        release: found.release.clone(),
    })])
}

/// `WithdrawNeed`.
pub(super) fn withdraw_need(
    state: &State,
    principal: &Principal,
    id: RequestId,
    need: usize,
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let crisis = state.crisis();
    let request = crisis.request(id).ok_or(E::UnknownRequest(id))?;
    let found = incident(state, request.incident)?;
    allow(principal, Action::AskForHelp, of_incident(found))?;
    let member = acting_member(state, principal)?;
    let request = open_request(state, id)?;
    if member != request.state {
        return Err(E::NotYourRequest(request.state).into());
    }
    let wanted = request
        .needs
        .get(need)
        .ok_or(E::UnknownNeed { request: id, need })?;
    if wanted.withdrawn {
        return Err(E::NeedWithdrawn(need).into());
    }
    let mut events = vec![Event::NeedWithdrawn(NeedWithdrawn {
        request: id,
        need,
        withdrawn_by: actor,
        classification: found.classification,
        release: found.release.clone(),
    })];
    events.extend(closing(state, request, None, Some(need), found, now));
    Ok(events)
}

/// `ProposeUnit`.
pub(super) fn propose_unit(
    state: &State,
    principal: &Principal,
    id: RequestId,
    need: usize,
    unit: UnitId,
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let crisis = state.crisis();
    let request = crisis.request(id).ok_or(E::UnknownRequest(id))?;
    let found = incident(state, request.incident)?;
    let proposed = crisis.unit(unit).ok_or(E::UnknownUnit(unit))?;
    // The Centre asks for a unit; a state offers its own.
    let status = if can(principal, Action::RunCrisis, &of_incident(found)).is_allowed() {
        DeploymentStatus::Requested
    } else {
        allow(principal, Action::AskForHelp, of_incident(found))?;
        if acting_member(state, principal)? != proposed.state {
            return Err(E::NotYourUnit(unit).into());
        }
        DeploymentStatus::Offered
    };
    let request = open_request(state, id)?;
    let wanted = request
        .needs
        .get(need)
        .ok_or(E::UnknownNeed { request: id, need })?;
    if wanted.withdrawn {
        return Err(E::NeedWithdrawn(need).into());
    }
    if proposed.capability != wanted.capability {
        return Err(E::WrongCapability {
            unit,
            has: proposed.capability,
            needs: wanted.capability,
        }
        .into());
    }
    if !matches!(proposed.readiness, Readiness::Ready | Readiness::Reduced) {
        return Err(E::UnitNotAvailable {
            unit,
            readiness: proposed.readiness,
        }
        .into());
    }
    if let Some(live) = crisis.live_deployment(unit) {
        return Err(E::AlreadyProposed {
            unit,
            deployment: live.id,
        }
        .into());
    }
    Ok(vec![Event::DeploymentChanged(DeploymentChanged {
        deployment: crisis.next_deployment(),
        request: id,
        need,
        unit,
        from: None,
        to: status,
        by: actor,
        at: now,
        classification: found.classification,
        release: found.release.clone(),
    })])
}

/// `AdvanceDeployment`.
pub(super) fn advance(
    state: &State,
    principal: &Principal,
    deployment: DeploymentId,
    to: DeploymentStatus,
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let crisis = state.crisis();
    let current = crisis
        .deployment(deployment)
        .ok_or(E::UnknownDeployment(deployment))?;
    let request = crisis
        .request(current.request)
        .ok_or(E::UnknownRequest(current.request))?;
    let found = incident(state, request.incident)?;
    let unit = crisis
        .unit(current.unit)
        .ok_or(E::UnknownUnit(current.unit))?;
    if to == DeploymentStatus::Offered {
        allow(principal, Action::AskForHelp, of_incident(found))?;
        if acting_member(state, principal)? != unit.state {
            return Err(E::OfferByState.into());
        }
    } else {
        allow(principal, Action::RunCrisis, of_incident(found))?;
    }
    let from = current.status();
    if !from.allowed().contains(&to) {
        return Err(E::IllegalTransition {
            from,
            to,
            allowed: from.allowed(),
        }
        .into());
    }
    let mut moved = current.clone();
    moved.steps.push(DeploymentStep {
        status: to,
        by: actor.clone(),
        at: now,
    });
    let mut events = vec![Event::DeploymentChanged(DeploymentChanged {
        deployment,
        request: current.request,
        need: current.need,
        unit: current.unit,
        from: Some(from),
        to,
        by: actor,
        at: now,
        classification: found.classification,
        release: found.release.clone(),
    })];
    if !request.closed {
        events.extend(closing(state, request, Some(&moved), None, found, now));
    }
    Ok(events)
}

fn open_request(state: &State, id: RequestId) -> Result<&Request, DomainError> {
    let request = state.crisis().request(id).ok_or(E::UnknownRequest(id))?;
    if request.closed {
        return Err(E::RequestClosed(id).into());
    }
    Ok(request)
}

/// The closing event of a request whose needs are all met or withdrawn once `changed` replaces
/// its deployment of the same number (or joins them).
fn closing(
    state: &State,
    request: &Request,
    changed: Option<&Deployment>,
    withdrawn: Option<usize>,
    incident: &Incident,
    now: Timestamp,
) -> Option<Event> {
    let crisis = state.crisis();
    let mut request = request.clone();
    if let Some(need) = withdrawn.and_then(|i| request.needs.get_mut(i)) {
        need.withdrawn = true;
    }
    let mut deployments: Vec<&Deployment> = crisis
        .deployments_of(&request)
        .into_iter()
        .filter(|d| changed.is_none_or(|c| c.id != d.id))
        .collect();
    deployments.extend(changed);
    rules::request_done(&request, &deployments, |u| crisis.capacity(u)).then(|| {
        Event::RequestClosed(RequestClosed {
            request: request.id,
            closed_at: now,
            classification: incident.classification,
            release: incident.release.clone(),
        })
    })
}
