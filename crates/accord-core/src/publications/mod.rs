//! Public information: press releases, statements, events and exhibitions, each with its text
//! in the official languages it was written in, related materials and images, drafted and
//! edited by the Secretariat, then published and perhaps withdrawn.
//!
//! A draft is restricted (its events say so); publishing makes it public, and the
//! `publication.published` event carries the whole publication as published, so that the
//! public record is complete without the drafting history. A withdrawal keeps the record: the
//! publication stays, marked withdrawn with the date and reason. Edits and images are taken
//! only before publication; a published text is never changed in place.

pub mod commands;
pub(crate) mod decide;
pub mod error;
pub mod events;
pub mod model;
pub mod state;

pub use commands::PublicationCommand;
pub use error::PublicationError;
pub use state::Publications;
