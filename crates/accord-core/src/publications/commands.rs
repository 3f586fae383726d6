//! What the Secretariat asks of public information.

use crate::publications::model::{Contents, Image, PublicationId, PublicationKind, Related};
use crate::time::Date;

/// A command on publications (the Secretariat's officers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicationCommand {
    /// Draft a publication: restricted until published.
    Draft {
        /// What it is.
        kind: PublicationKind,
        /// For an event or exhibition: the day it takes place (required for an event).
        date: Option<Date>,
        /// Its texts, per official language (the authentic language at least).
        content: Contents,
        /// Related materials.
        related: Vec<Related>,
    },
    /// Replace a draft's date, texts and related materials (refused once published).
    Edit {
        /// The publication.
        publication: PublicationId,
        /// The day.
        date: Option<Date>,
        /// The texts.
        content: Contents,
        /// Related materials.
        related: Vec<Related>,
    },
    /// Add an image to a draft. Its original and thumbnails are stored as blobs beforehand
    /// (with the entry, in one transaction); the command carries their hashes.
    AddImage {
        /// The publication.
        publication: PublicationId,
        /// The image.
        image: Image,
    },
    /// Publish a draft now.
    Publish {
        /// The publication.
        publication: PublicationId,
    },
    /// Withdraw a published publication; the record stays, marked withdrawn.
    Withdraw {
        /// The publication.
        publication: PublicationId,
        /// Why, for the record (shown on its page).
        reason: String,
    },
}
