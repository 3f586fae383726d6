#![doc = include_str!("../README.md")]

pub mod analysis;
pub mod hits;
pub mod index;
pub mod query;
pub mod record;
pub mod sources;

pub use hits::{Found, Hit, HitVersion, Snippet};
pub use index::{SearchError, SearchIndex};
pub use query::{Params, Problem, Query};
pub use record::{Access, Kind, Part, Record};
