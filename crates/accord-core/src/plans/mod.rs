//! Plans and strategies: a plan (the military cooperation plan until 2025, the Collective
//! Security Strategy until 2025) implements a document of type plan or strategy as a tree of
//! numbered measures, each with the member states and bodies responsible, a deadline and
//! indicators; those responsible report progress.
//!
//! The rules are pure functions of a plan and a day in [`rules`] (status on a day, overdue, the
//! dashboard's figures); `decide` applies the policy and the plan's rules to commands, and
//! [`Plans`] is the part of the state they build.

pub mod commands;
pub(crate) mod decide;
pub mod error;
pub mod events;
pub mod model;
pub mod rules;
pub mod state;

pub use commands::PlansCommand;
pub use error::PlansError;
pub use state::Plans;
