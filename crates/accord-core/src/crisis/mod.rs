//! The Crisis Response Centre: incidents and their situation reports, the collective forces'
//! units and their readiness, requests for assistance, deployments from request to release, the
//! duty log, and the exchange agreements under which alerts and reports go to partners.
//!
//! The rules are pure functions in [`rules`] (great-circle distance, ranking units for a need
//! with reasons, when a request is met, when a report is overdue); `decide` applies them to
//! commands, and [`CrisisCentre`] is the part of the state they build.

pub mod alerts;
pub mod commands;
pub(crate) mod decide;
pub mod duty;
pub mod error;
pub mod events;
pub mod exchange;
pub mod model;
pub mod rules;
pub mod state;

pub use commands::{CrisisCommand, SitrepDraft};
pub use error::CrisisError;
pub use state::CrisisCentre;
