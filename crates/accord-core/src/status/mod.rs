//! Status applications, the chairmanship and joint positions in other forums.
//!
//! - An application for observer or partner status, by a state or an organisation, passes
//!   through the configured bodies
//!   (`[applications]`): each step is a document of that body and its decision under the
//!   normal procedures. The command that records the deciding body's adoption also grants
//!   the status, with the decision's effective time ([`decide::follow`]). Organisations
//!   have their own registry ([`StatusBook::organisations`]): the configuration's partner
//!   organisations, and those granted a status by a decision.
//! - The chair's priorities are a document linked to a term of the rotation, which is a
//!   computation from configuration ([`crate::config::Chairmanship::term_on`]).
//! - An adopted joint statement's delivery in its forum (the meeting and when) is recorded.

pub mod commands;
pub(crate) mod decide;
pub mod error;
pub mod events;
pub mod model;
pub mod state;

pub use commands::StatusCommand;
pub use error::StatusError;
pub use model::{
    Applicant, Application, ApplicationId, ApplicationOutcome, Delivery, Organisation, Protocol,
    StatusSpan, StepProgress,
};
pub use state::StatusBook;
