//! The values of public information: publications, their texts per language, images and
//! related materials.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::Actor;
use crate::lang::Lang;
use crate::secretariat::model::{DocumentId, ProcedureId};
use crate::time::{Date, Timestamp};

/// The longest title, in characters.
pub const MAX_TITLE: usize = 300;
/// The longest summary or place.
pub const MAX_SUMMARY: usize = 2_000;
/// The longest body.
pub const MAX_BODY: usize = 50_000;
/// The longest alternative text or caption.
pub const MAX_ALT: usize = 500;
/// The longest withdrawal reason.
pub const MAX_REASON: usize = 1_000;
/// The most related materials a publication lists.
pub const MAX_RELATED: usize = 20;
/// The most images a publication holds.
pub const MAX_IMAGES: usize = 30;

/// A publication, numbered from 1.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PublicationId(pub u64);

impl fmt::Display for PublicationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What a publication is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicationKind {
    /// A press release.
    PressRelease,
    /// A statement.
    Statement,
    /// An event (such as the organisation's Days), with its date and place.
    Event,
    /// An exhibition, with its images.
    Exhibition,
}

impl PublicationKind {
    /// Every kind.
    pub const ALL: [PublicationKind; 4] = [
        PublicationKind::PressRelease,
        PublicationKind::Statement,
        PublicationKind::Event,
        PublicationKind::Exhibition,
    ];

    /// Its name on the wire.
    pub fn as_str(&self) -> &'static str {
        match self {
            PublicationKind::PressRelease => "press_release",
            PublicationKind::Statement => "statement",
            PublicationKind::Event => "event",
            PublicationKind::Exhibition => "exhibition",
        }
    }

    /// The kind named `text`.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// Whether the kind takes place somewhere on a date (events and exhibitions).
    pub fn is_dated(&self) -> bool {
        matches!(self, PublicationKind::Event | PublicationKind::Exhibition)
    }
}

/// A publication's text in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Content {
    /// The title.
    pub title: String,
    /// A summary (the lead paragraph, and the feed's summary).
    pub summary: String,
    /// The body: paragraphs separated by blank lines.
    pub body: String,
    /// For an event or exhibition: where it takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

impl Content {
    /// The body's paragraphs (separated by blank lines), trimmed, empty ones left out.
    pub fn paragraphs(&self) -> Vec<&str> {
        self.body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect()
    }
}

/// A publication's texts, by language: a language missing here is a translation missing.
pub type Contents = BTreeMap<Lang, Content>;

/// A material a publication points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Related {
    /// A document of the secretariat (shown once it is public and adopted).
    Document {
        /// The document.
        document: DocumentId,
    },
    /// A decision record.
    Decision {
        /// The decision (its procedure's number).
        decision: ProcedureId,
    },
    /// Another publication.
    Publication {
        /// The publication.
        publication: PublicationId,
    },
}

/// A stored image rendition: an original or a thumbnail, kept as a blob under its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rendition {
    /// The SHA-256 of its bytes, as 64 lowercase hexadecimal digits (the blob's key).
    pub hash: String,
    /// Its media type: `image/jpeg`, `image/png` or `image/webp`.
    pub media_type: String,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
}

/// An image of a publication: the original, the thumbnails the server made, and its
/// alternative text (required in every official language) and caption per language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// The original as uploaded.
    pub original: Rendition,
    /// Thumbnails, narrowest first (none for an image narrower than the smallest).
    pub thumbnails: Vec<Rendition>,
    /// The alternative text per language.
    pub alt: BTreeMap<Lang, String>,
    /// The caption per language (may be missing in some or all).
    pub caption: BTreeMap<Lang, String>,
}

impl Image {
    /// Every hash the image is stored under: the original's and its thumbnails'.
    pub fn hashes(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.original.hash.as_str())
            .chain(self.thumbnails.iter().map(|t| t.hash.as_str()))
    }
}

/// Where a publication is in its life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Drafted, not public.
    Draft,
    /// Public since `at`.
    Published {
        /// When.
        at: Timestamp,
        /// By whom.
        by: Actor,
    },
    /// Was public; withdrawn. The record stays, marked withdrawn.
    Withdrawn {
        /// When it was published.
        published_at: Timestamp,
        /// When it was withdrawn.
        at: Timestamp,
        /// By whom.
        by: Actor,
        /// Why.
        reason: String,
    },
}

/// A publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    /// Its number.
    pub id: PublicationId,
    /// What it is.
    pub kind: PublicationKind,
    /// For an event or exhibition: the day it takes place (or opens).
    pub date: Option<Date>,
    /// Its texts, per language.
    pub content: Contents,
    /// Related materials.
    pub related: Vec<Related>,
    /// Its images, in order.
    pub images: Vec<Image>,
    /// Where it is in its life.
    pub status: Status,
    /// Who drafted it.
    pub drafted_by: Actor,
    /// When.
    pub drafted_at: Timestamp,
    /// How many times the draft was edited.
    pub edits: u32,
}

impl Publication {
    /// Whether the public may read it: published, or withdrawn (the record stays).
    pub fn is_public(&self) -> bool {
        !matches!(self.status, Status::Draft)
    }

    /// The classification readers are held to: public once published (and after a withdrawal:
    /// the record stays), restricted while a draft.
    pub fn classification(&self) -> crate::Classification {
        if self.is_public() {
            crate::Classification::Public
        } else {
            crate::Classification::Restricted
        }
    }

    /// Whether it is published and not withdrawn: listed and in the feeds.
    pub fn is_live(&self) -> bool {
        matches!(self.status, Status::Published { .. })
    }

    /// When it was published, if it was.
    pub fn published_at(&self) -> Option<Timestamp> {
        match &self.status {
            Status::Draft => None,
            Status::Published { at, .. } => Some(*at),
            Status::Withdrawn { published_at, .. } => Some(*published_at),
        }
    }

    /// The languages its text exists in.
    pub fn languages(&self) -> impl Iterator<Item = Lang> + '_ {
        self.content.keys().copied()
    }
}
