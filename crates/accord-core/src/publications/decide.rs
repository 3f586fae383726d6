//! `decide` for public information: the policy first (Secretariat officers), then the rules.

use crate::classification::Classification;
use crate::config::OrgConfig;
use crate::decide::allow;
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::Actor;
use crate::policy::{Action, Principal, Resource};
use crate::publications::commands::PublicationCommand;
use crate::publications::error::PublicationError as E;
use crate::publications::events::{
    ImageAdded, PublicationDrafted, PublicationPublished, PublicationWithdrawn,
};
use crate::publications::model::{
    Contents, Image, MAX_ALT, MAX_BODY, MAX_IMAGES, MAX_REASON, MAX_RELATED, MAX_SUMMARY,
    MAX_TITLE, Publication, PublicationId, PublicationKind, Related, Rendition, Status,
};
use crate::state::State;
use crate::time::{Date, Timestamp};

impl From<E> for DomainError {
    fn from(error: E) -> Self {
        DomainError::Publications(error)
    }
}

pub(crate) fn decide(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    command: &PublicationCommand,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    // Drafts are restricted: preparing them is to act on a restricted record.
    allow(
        principal,
        Action::Publish,
        Resource::classified(Classification::Restricted),
    )?;
    let by = principal.actor().unwrap_or(Actor::System);
    let records = state.publications();
    match command {
        PublicationCommand::Draft {
            kind,
            date,
            content,
            related,
        } => {
            check_draft(state, config, *kind, *date, content, related, None)?;
            Ok(vec![Event::PublicationDrafted(PublicationDrafted {
                publication: records.next_id(),
                kind: *kind,
                date: *date,
                content: content.clone(),
                related: related.clone(),
                by,
                at: now,
            })])
        }
        PublicationCommand::Edit {
            publication,
            date,
            content,
            related,
        } => {
            let p = draft(state, *publication)?;
            check_draft(state, config, p.kind, *date, content, related, Some(p.id))?;
            Ok(vec![Event::PublicationEdited(PublicationDrafted {
                publication: p.id,
                kind: p.kind,
                date: *date,
                content: content.clone(),
                related: related.clone(),
                by,
                at: now,
            })])
        }
        PublicationCommand::AddImage { publication, image } => {
            let p = draft(state, *publication)?;
            if p.images.len() >= MAX_IMAGES {
                return Err(E::TooManyImages(MAX_IMAGES).into());
            }
            check_image(config, image)?;
            Ok(vec![Event::PublicationImageAdded(ImageAdded {
                publication: p.id,
                image: image.clone(),
                by,
                at: now,
            })])
        }
        PublicationCommand::Publish { publication } => {
            let p = draft(state, *publication)?;
            if p.kind == PublicationKind::Exhibition && p.images.is_empty() {
                return Err(E::ImagesRequired.into());
            }
            // What it relates to must still exist (a related publication may have been
            // drafted since; it is shown only once public).
            check_related(state, &p.related, Some(p.id))?;
            Ok(vec![Event::PublicationPublished(PublicationPublished {
                publication: p.id,
                kind: p.kind,
                date: p.date,
                content: p.content.clone(),
                related: p.related.clone(),
                images: p.images.clone(),
                by,
                at: now,
            })])
        }
        PublicationCommand::Withdraw {
            publication,
            reason,
        } => {
            let p = records.get(*publication).ok_or(E::Unknown(*publication))?;
            if !p.is_live() {
                return Err(E::NotPublished(p.id).into());
            }
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(E::ReasonRequired.into());
            }
            bounded("reason", reason, MAX_REASON)?;
            Ok(vec![Event::PublicationWithdrawn(PublicationWithdrawn {
                publication: p.id,
                reason: reason.to_owned(),
                by,
                at: now,
            })])
        }
    }
}

/// A publication still in draft.
fn draft(state: &State, id: PublicationId) -> Result<&Publication, E> {
    let p = state.publications().get(id).ok_or(E::Unknown(id))?;
    match p.status {
        Status::Draft => Ok(p),
        _ => Err(E::NotDraft(id)),
    }
}

fn bounded(field: &str, text: &str, max: usize) -> Result<(), E> {
    if text.chars().count() > max {
        return Err(E::TooLong {
            field: field.to_owned(),
            max,
        });
    }
    Ok(())
}

fn check_draft(
    state: &State,
    config: &OrgConfig,
    kind: PublicationKind,
    date: Option<Date>,
    content: &Contents,
    related: &[Related],
    own: Option<PublicationId>,
) -> Result<(), DomainError> {
    if kind == PublicationKind::Event && date.is_none() {
        return Err(E::DateRequired.into());
    }
    let authentic = config.authentic_language();
    if !content.contains_key(&authentic) {
        return Err(E::AuthenticMissing(authentic).into());
    }
    for (lang, text) in content {
        if !config.is_official(*lang) {
            return Err(DomainError::UnofficialLanguage(*lang));
        }
        for (field, value, max) in [
            ("title", &text.title, MAX_TITLE),
            ("summary", &text.summary, MAX_SUMMARY),
            ("body", &text.body, MAX_BODY),
        ] {
            if value.trim().is_empty() {
                return Err(E::EmptyField { lang: *lang, field }.into());
            }
            bounded(&format!("{field}.{lang}"), value, max)?;
        }
        if let Some(place) = &text.place {
            bounded(&format!("place.{lang}"), place, MAX_SUMMARY)?;
        }
    }
    check_related(state, related, own)?;
    Ok(())
}

fn check_related(
    state: &State,
    related: &[Related],
    own: Option<PublicationId>,
) -> Result<(), DomainError> {
    if related.len() > MAX_RELATED {
        return Err(E::TooManyRelated(MAX_RELATED).into());
    }
    for r in related {
        let exists = match r {
            Related::Document { document } => state.secretariat().document(*document).is_some(),
            Related::Decision { decision } => state.secretariat().decision(*decision).is_some(),
            Related::Publication { publication } => {
                Some(*publication) != own && state.publications().get(*publication).is_some()
            }
        };
        if !exists {
            return Err(E::UnknownRelated(*r).into());
        }
    }
    Ok(())
}

fn check_rendition(r: &Rendition) -> Result<(), E> {
    let hex = r.hash.len() == 64
        && r.hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !hex {
        return Err(E::BadImage("a hash is 64 lowercase hexadecimal digits"));
    }
    if !matches!(
        r.media_type.as_str(),
        "image/jpeg" | "image/png" | "image/webp"
    ) {
        return Err(E::BadImage(
            "the media type is image/jpeg, image/png or image/webp",
        ));
    }
    if r.width == 0 || r.height == 0 {
        return Err(E::BadImage("an image has a width and a height"));
    }
    Ok(())
}

fn check_image(config: &OrgConfig, image: &Image) -> Result<(), DomainError> {
    check_rendition(&image.original)?;
    let mut width = 0;
    for thumbnail in &image.thumbnails {
        check_rendition(thumbnail)?;
        if thumbnail.width <= width || thumbnail.width >= image.original.width {
            return Err(
                E::BadImage("thumbnails are narrower than the original, narrowest first").into(),
            );
        }
        width = thumbnail.width;
    }
    for lang in config.official_languages() {
        let alt = image.alt.get(lang).map(|a| a.trim()).unwrap_or_default();
        if alt.is_empty() {
            return Err(E::AltMissing(*lang).into());
        }
    }
    for (field, texts) in [("alt", &image.alt), ("caption", &image.caption)] {
        for (lang, text) in texts {
            if !config.is_official(*lang) {
                return Err(DomainError::UnofficialLanguage(*lang));
            }
            bounded(&format!("{field}.{lang}"), text, MAX_ALT)?;
        }
    }
    Ok(())
}
