//! `decide` for the member states' response units and their readiness.

use crate::config::OrgConfig;
use crate::crisis::error::CrisisError as E;
use crate::crisis::events::{ReadinessChanged, UnitRegistered};
use crate::crisis::model::{Capability, GeoPoint, Readiness, Unit, UnitId};
use crate::decide::{allow, check_authentic};
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::{Actor, StateCode};
use crate::lang::Text;
use crate::policy::{Action, Principal};
use crate::state::State;

use super::{is_member, restricted};

/// `RegisterUnit`.
#[expect(
    clippy::too_many_arguments,
    reason = "the command's fields, passed as they are"
)]
pub(super) fn register(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    code: StateCode,
    name: &Text,
    capability: Capability,
    capacity: u32,
    self_sufficiency_days: u32,
    deployment_hours: u32,
    readiness: Readiness,
    home: GeoPoint,
) -> Result<Vec<Event>, DomainError> {
    let crisis = state.crisis();
    allow(principal, Action::RunCrisis, restricted())?;
    if !is_member(state, code) {
        return Err(E::NotAMember(code).into());
    }
    check_authentic(config, name)?;
    if capacity == 0 || self_sufficiency_days == 0 || deployment_hours == 0 {
        return Err(E::BadFigures.into());
    }
    if readiness == Readiness::Deployed {
        return Err(E::ReadinessFollowsDeployments(readiness).into());
    }
    Ok(vec![Event::UnitRegistered(UnitRegistered {
        unit: Unit {
            id: crisis.next_unit(),
            state: code,
            name: name.clone(),
            capability,
            capacity,
            self_sufficiency_days,
            deployment_hours,
            readiness,
            home,
        },
    })])
}

/// `SetReadiness`.
pub(super) fn set_readiness(
    state: &State,
    principal: &Principal,
    unit: UnitId,
    readiness: Readiness,
    actor: Actor,
) -> Result<Vec<Event>, DomainError> {
    let crisis = state.crisis();
    allow(principal, Action::RunCrisis, restricted())?;
    let found = crisis.unit(unit).ok_or(E::UnknownUnit(unit))?;
    if found.readiness == Readiness::Deployed || readiness == Readiness::Deployed {
        return Err(E::ReadinessFollowsDeployments(found.readiness).into());
    }
    if found.readiness == readiness {
        return Err(E::ReadinessUnchanged(readiness).into());
    }
    Ok(vec![Event::ReadinessChanged(ReadinessChanged {
        unit,
        from: found.readiness,
        to: readiness,
        changed_by: actor,
    })])
}
