//! `decide` for the Centre's commands: the policy first, then the rules, then the events.

//!
//! This module dispatches each command to its area's file (alerts, incidents, units,
//! assistance, exchange) and holds the lookups the areas share.

mod alerts;
mod assistance;
mod exchange;
mod incidents;
mod units;

use crate::classification::Classification;
use crate::config::{MemberStatus, OrgConfig};
use crate::crisis::commands::CrisisCommand;
use crate::crisis::error::CrisisError as E;
use crate::crisis::model::{Incident, IncidentId};
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::{Actor, StateCode};
use crate::policy::{Principal, Resource};
use crate::state::State;
use crate::time::Timestamp;

impl From<E> for DomainError {
    fn from(error: E) -> Self {
        DomainError::Crisis(error)
    }
}

fn of_incident(incident: &Incident) -> Resource<'_> {
    Resource {
        classification: incident.classification,
        release: &incident.release,
    }
}

fn restricted() -> Resource<'static> {
    Resource::classified(Classification::Restricted)
}

fn is_member(state: &State, code: StateCode) -> bool {
    state
        .state(code)
        .is_some_and(|s| s.status == MemberStatus::Member)
}

/// The member state the principal speaks for.
fn acting_member(state: &State, principal: &Principal) -> Result<StateCode, DomainError> {
    let code = principal
        .affiliation()
        .state()
        .ok_or(DomainError::Crisis(E::NoState))?;
    if is_member(state, code) {
        Ok(code)
    } else {
        Err(E::NotAMember(code).into())
    }
}

fn incident(state: &State, id: IncidentId) -> Result<&Incident, DomainError> {
    Ok(state.crisis().incident(id).ok_or(E::UnknownIncident(id))?)
}

/// Decides a crisis command.
pub(crate) fn decide(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    command: &CrisisCommand,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    use CrisisCommand as C;
    let actor = principal.actor().unwrap_or(Actor::System);
    match command {
        C::ReceiveAlert { summary } => alerts::receive(state, principal, summary, actor, now),
        C::RejectAlert {
            xml_hash,
            xml_size,
            sender,
            problems,
        } => alerts::reject(principal, xml_hash, *xml_size, sender, problems, actor, now),
        C::OpenIncident {
            title,
            incident_type,
            severity,
            location,
            affected,
            lead,
            classification,
            release,
            alerts,
        } => incidents::open(
            state,
            config,
            principal,
            title,
            *incident_type,
            *severity,
            location,
            affected,
            lead,
            *classification,
            release,
            alerts,
            actor,
            now,
        ),
        C::LinkAlert {
            incident: id,
            alert,
        } => incidents::link_alert(state, principal, *id, *alert, actor, now),
        C::WriteDutyNote { incident: id, text } => {
            incidents::write_duty_note(state, config, principal, *id, text, actor, now)
        }
        C::MakeAgreement { partner, terms } => {
            exchange::make(state, config, principal, partner, terms, actor, now)
        }
        C::EndAgreement { agreement } => exchange::end(state, principal, *agreement, actor, now),
        C::ChangeIncident {
            incident: id,
            status,
            severity,
            lead,
        } => incidents::change(state, principal, *id, *status, *severity, lead, actor, now),
        C::IssueSitrep {
            incident: id,
            draft,
        } => incidents::issue_sitrep(state, config, principal, *id, draft, actor, now),
        C::RegisterUnit {
            state: code,
            name,
            capability,
            capacity,
            self_sufficiency_days,
            deployment_hours,
            readiness,
            home,
        } => units::register(
            state,
            config,
            principal,
            *code,
            name,
            *capability,
            *capacity,
            *self_sufficiency_days,
            *deployment_hours,
            *readiness,
            *home,
        ),
        C::SetReadiness { unit, readiness } => {
            units::set_readiness(state, principal, *unit, *readiness, actor)
        }
        C::RequestAssistance {
            incident: id,
            needs,
            location,
            needed_by,
        } => assistance::request(
            state, principal, *id, needs, *location, *needed_by, actor, now,
        ),
        C::WithdrawNeed { request: id, need } => {
            assistance::withdraw_need(state, principal, *id, *need, actor, now)
        }
        C::ProposeUnit {
            request: id,
            need,
            unit,
        } => assistance::propose_unit(state, principal, *id, *need, *unit, actor, now),
        C::AdvanceDeployment { deployment, to } => {
            assistance::advance(state, principal, *deployment, *to, actor, now)
        }
    }
}
