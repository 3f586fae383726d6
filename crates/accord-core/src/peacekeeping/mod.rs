//! Peacekeeping: the training institution (courses, intakes with trainees by member state,
//! certifications), the contingents of the Peacekeeping Forces (a member state's units of the
//! collective forces, integrated on a day, by a decision), and mandates (an authority, perhaps
//! a UN Security Council resolution, under UN auspices or not, for a period) naming the
//! contingents that serve under them; a mandate's deployments are those of its contingents'
//! units that began within its period ([`deployments_under`]).

pub mod commands;
pub(crate) mod decide;
pub mod error;
pub mod events;
pub mod model;
pub mod state;

pub use commands::PeacekeepingCommand;
pub use error::PeacekeepingError;
pub use state::Peacekeeping;

use crate::crisis::model::Deployment;
use crate::peacekeeping::model::Mandate;
use crate::state::State;

/// The deployments of a mandate's contingents' units that began within its period, in order.
pub fn deployments_under<'s>(state: &'s State, mandate: &Mandate) -> Vec<&'s Deployment> {
    let peacekeeping = state.peacekeeping();
    let crisis = state.crisis();
    let units: Vec<_> = mandate
        .contingents
        .iter()
        .filter_map(|c| peacekeeping.contingent(*c))
        .flat_map(|c| c.units.iter().copied())
        .collect();
    crisis
        .requests()
        .values()
        .flat_map(|r| crisis.deployments_of(r))
        .filter(|d| units.contains(&d.unit))
        .filter(|d| d.steps.first().is_some_and(|s| mandate.covers(s.at.date())))
        .collect()
}
