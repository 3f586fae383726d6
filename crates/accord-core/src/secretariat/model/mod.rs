//! The secretariat's values: sessions and their agendas, documents with versions and
//! amendments, packages, decision procedures and their positions, decisions and signatures.
//!
//! The numbered ids are here; the values are in a file per concept, re-exported from here.

mod documents;
mod procedures;
mod sessions;
mod zoned_time;

pub use documents::{
    Access, Amendment, AmendmentOp, AmendmentStatus, Document, Forum, Package, Paragraphs, Sponsor,
    Version, draft_classification,
};
pub use procedures::{Failure, Outcome, Position, Procedure, Signature, TextHash, TextHashes};
pub use sessions::{
    AgendaItem, Recommendation, Session, SessionFormat, SessionStatus, observers_release,
};
pub use zoned_time::ZonedTime;

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! numbered {
    ($($(#[$doc:meta])* $ty:ident),*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $ty(pub u64);

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

numbered!(
    /// A session, numbered from 1 across all bodies in the order they were scheduled.
    SessionId,
    /// A document, numbered from 1 in the order they were registered.
    DocumentId,
    /// An amendment, numbered from 1 across all documents.
    AmendmentId,
    /// A package of documents.
    PackageId,
    /// A decision procedure, numbered from 1; its decision record carries the same number.
    ProcedureId
);
