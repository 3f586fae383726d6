//! The events of public information. Drafting is restricted; publishing and withdrawing are
//! public, and `publication.published` carries the publication whole, as published.

use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::event::EventBody;
use crate::ids::Actor;
use crate::publications::model::{Contents, Image, PublicationId, PublicationKind, Related};
use crate::time::{Date, Timestamp};

/// The body of `publication.drafted` and `publication.edited`: the draft as it now stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicationDrafted {
    /// Its number.
    pub publication: PublicationId,
    /// What it is.
    pub kind: PublicationKind,
    /// The day of an event or exhibition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Its texts.
    pub content: Contents,
    /// Related materials.
    pub related: Vec<Related>,
    /// Who.
    pub by: Actor,
    /// When.
    pub at: Timestamp,
}

/// The body of `publication.image_added`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageAdded {
    /// The publication.
    pub publication: PublicationId,
    /// The image (the hashes of its stored renditions).
    pub image: Image,
    /// Who.
    pub by: Actor,
    /// When.
    pub at: Timestamp,
}

/// The body of `publication.published`: the publication whole, as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicationPublished {
    /// Its number.
    pub publication: PublicationId,
    /// What it is.
    pub kind: PublicationKind,
    /// The day of an event or exhibition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Its texts.
    pub content: Contents,
    /// Related materials.
    pub related: Vec<Related>,
    /// Its images.
    pub images: Vec<Image>,
    /// Who published it.
    pub by: Actor,
    /// When: its publication time.
    pub at: Timestamp,
}

/// The body of `publication.withdrawn`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicationWithdrawn {
    /// The publication.
    pub publication: PublicationId,
    /// Why.
    pub reason: String,
    /// Who.
    pub by: Actor,
    /// When.
    pub at: Timestamp,
}

macro_rules! classified {
    ($class:expr => $($ty:ty),*) => {$(
        impl EventBody for $ty {
            fn classification(&self) -> Classification {
                $class
            }
        }
    )*};
}

classified!(Classification::Restricted => PublicationDrafted, ImageAdded);
classified!(Classification::Public => PublicationPublished, PublicationWithdrawn);
