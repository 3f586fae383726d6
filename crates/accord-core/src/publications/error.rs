//! The broken rules of public information, each with a stable code.

use crate::lang::Lang;
use crate::publications::model::{PublicationId, Related};

/// A publication command refused by `decide`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublicationError {
    /// `publication.unknown`.
    #[error("there is no publication {0}")]
    Unknown(PublicationId),
    /// `publication.not_draft`: a published text is not changed, nor given images.
    #[error("publication {0} has been published; its text and images no longer change")]
    NotDraft(PublicationId),
    /// `publication.not_published`: only a published publication is withdrawn.
    #[error("publication {0} is not published")]
    NotPublished(PublicationId),
    /// `publication.authentic_missing`: the text exists at least in the authentic language.
    #[error("the text in the authentic language {0} is required")]
    AuthenticMissing(Lang),
    /// `publication.empty_field`: a title, summary and body in each language given.
    #[error("the {field} in {lang} is empty")]
    EmptyField {
        /// The language.
        lang: Lang,
        /// `title`, `summary` or `body`.
        field: &'static str,
    },
    /// `publication.too_long`.
    #[error("the {field} is longer than {max} characters")]
    TooLong {
        /// The field (`title.ru`, `alt.en`, `reason`, ...).
        field: String,
        /// The bound.
        max: usize,
    },
    /// `publication.date_required`: an event is on a date.
    #[error("an event needs its date")]
    DateRequired,
    /// `publication.unknown_related`.
    #[error("the related material {0:?} does not exist")]
    UnknownRelated(Related),
    /// `publication.too_many_related`.
    #[error("at most {0} related materials")]
    TooManyRelated(usize),
    /// `publication.images_required`: an exhibition is published with its images.
    #[error("an exhibition is published with at least one image")]
    ImagesRequired,
    /// `publication.too_many_images`.
    #[error("at most {0} images a publication")]
    TooManyImages(usize),
    /// `publication.alt_missing`: an image's alternative text in every official language.
    #[error("the image's alternative text in {0} is required")]
    AltMissing(Lang),
    /// `publication.bad_image`: an image record that does not hold together.
    #[error("the image is not valid: {0}")]
    BadImage(&'static str),
    /// `publication.reason_required`: a withdrawal says why.
    #[error("say why the publication is withdrawn")]
    ReasonRequired,
}

impl PublicationError {
    /// The broken rule's stable code.
    pub fn code(&self) -> &'static str {
        match self {
            PublicationError::Unknown(_) => "publication.unknown",
            PublicationError::NotDraft(_) => "publication.not_draft",
            PublicationError::NotPublished(_) => "publication.not_published",
            PublicationError::AuthenticMissing(_) => "publication.authentic_missing",
            PublicationError::EmptyField { .. } => "publication.empty_field",
            PublicationError::TooLong { .. } => "publication.too_long",
            PublicationError::DateRequired => "publication.date_required",
            PublicationError::UnknownRelated(_) => "publication.unknown_related",
            PublicationError::TooManyRelated(_) => "publication.too_many_related",
            PublicationError::ImagesRequired => "publication.images_required",
            PublicationError::TooManyImages(_) => "publication.too_many_images",
            PublicationError::AltMissing(_) => "publication.alt_missing",
            PublicationError::BadImage(_) => "publication.bad_image",
            PublicationError::ReasonRequired => "publication.reason_required",
        }
    }
}
