//! Public information in the server: who sees a publication, its texts in the reader's
//! language, its date and time in the organisation's zone, its related materials as links, and
//! the one way images come in (a multipart upload decoded and stored with its entry).
//!
//! Choices: a withdrawn publication's address still answers, with `410 Gone` and its page
//! marked withdrawn (date and reason) above the record; it leaves the list, the home page and
//! the feeds. A feed in a language lists only the publications that exist in it.

use std::collections::BTreeMap;

use accord_core::config::{HomeZone, OrgConfig};
use accord_core::publications::PublicationCommand;
use accord_core::publications::model::{Content, Publication, PublicationKind, Related};
use accord_core::{Action, Classification, CommandPayload, Lang, Resource, Timestamp};
use accord_store::Receipt;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartRejection;
use axum::http::StatusCode;

use crate::access::{may_read, require};
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::i18n::{Arg, Tr};
use crate::media::{self, MAX_BYTES, Refusal};
use crate::pages::session::Link;
use crate::secretariat::{decision_resource, may_see_document};
use crate::viewer::Ctx;

/// The largest request an image upload may be: the file and its texts.
pub const UPLOAD_LIMIT: usize = MAX_BYTES + 256 * 1024;

/// The classification readers are held to: public once published (and after a withdrawal,
/// the record stays), restricted while a draft.
pub fn classification(publication: &Publication) -> Classification {
    publication.classification()
}

/// Whether the reader may see a publication.
pub fn may_see(ctx: &Ctx, publication: &Publication) -> bool {
    may_read(ctx, &Resource::classified(classification(publication)))
}

/// A publication's kind in words.
pub fn kind_label(tr: &Tr<'_>, kind: PublicationKind) -> String {
    tr.t(&format!("news-kind-{}", kind.as_str()))
}

/// The text to show in `lang`: that language's, else the authentic one (with `true`: the
/// translation is missing).
pub fn content_in(
    publication: &Publication,
    lang: Lang,
    authentic: Lang,
) -> Option<(&Content, bool)> {
    if let Some(content) = publication.content.get(&lang) {
        return Some((content, false));
    }
    publication
        .content
        .get(&authentic)
        .or_else(|| publication.content.values().next())
        .map(|c| (c, true))
}

/// A title in the reader's language, marked when the translation is missing.
pub fn title(tr: &Tr<'_>, publication: &Publication, lang: Lang, authentic: Lang) -> String {
    match content_in(publication, lang, authentic) {
        Some((content, false)) => content.title.clone(),
        Some((content, true)) => format!(
            "{} {}",
            content.title,
            tr.a("missing-translation", "lang", lang.as_str())
        ),
        None => publication.id.to_string(),
    }
}

/// The organisation's own time zone, in which the public pages give times (none: UTC).
pub fn home_zone(state: &accord_core::State) -> Option<&HomeZone> {
    state.config().and_then(OrgConfig::time_zone)
}

fn zoned(zone: &HomeZone, at: Timestamp) -> Option<jiff::Zoned> {
    let zone = jiff::tz::TimeZone::get(&zone.zone).ok()?;
    Some(
        jiff::Timestamp::from_second(at.unix_seconds())
            .ok()?
            .to_zoned(zone),
    )
}

/// A date in words in the reader's language: `1 December 2020`, `1 декабря 2020 г.`.
pub fn date_words(tr: &Tr<'_>, year: i64, month: i64, day: i64) -> String {
    tr.args(
        "news-date",
        &[
            ("day", Arg::Str(&day.to_string())),
            ("month", Arg::Str(&tr.t(&format!("news-month-{month}")))),
            ("year", Arg::Str(&year.to_string())),
        ],
    )
}

/// A moment in words, in the organisation's zone: `1 December 2020, 15:45 Moscow time
/// (UTC+03:00)`; in UTC when no zone is configured.
pub fn moment_words(tr: &Tr<'_>, zone: Option<&HomeZone>, at: Timestamp) -> String {
    let Some((zone, zoned)) = zone.and_then(|z| Some((z, zoned(z, at)?))) else {
        return crate::pages::view::utc(at);
    };
    let zone_name = Lang::parse(tr.lang().code()).map_or_else(
        |_| zone.name.authentic_text(),
        |l| zone.name.localized(l).text(),
    );
    let date = date_words(
        tr,
        i64::from(zoned.year()),
        i64::from(zoned.month()),
        i64::from(zoned.day()),
    );
    let seconds = zoned.offset().seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let offset = format!(
        "{sign}{:02}:{:02}",
        seconds.abs() / 3600,
        seconds.abs() % 3600 / 60
    );
    tr.args(
        "news-moment",
        &[
            ("date", Arg::Str(&date)),
            (
                "time",
                Arg::Str(&format!("{:02}:{:02}", zoned.hour(), zoned.minute())),
            ),
            ("zone", Arg::Str(zone_name)),
            ("offset", Arg::Str(&offset)),
        ],
    )
}

/// The related materials the reader may see, as links.
pub fn related_links(
    tr: &Tr<'_>,
    ctx: &Ctx,
    state: &accord_core::State,
    related: &[Related],
    lang: Lang,
) -> Vec<Link> {
    let authentic = state.config().map_or(lang, OrgConfig::authentic_language);
    let records = state.secretariat();
    related
        .iter()
        .filter_map(|r| match r {
            Related::Document { document } => {
                let doc = records
                    .document(*document)
                    .filter(|d| may_see_document(ctx, d))?;
                Some(Link {
                    href: format!("/documents/{}", doc.id),
                    label: crate::pages::localized(tr, &doc.title, lang),
                })
            }
            Related::Decision { decision } => {
                let record = records
                    .decision(*decision)
                    .filter(|d| may_read(ctx, &decision_resource(d)))?;
                let doc = records.document(record.document)?;
                Some(Link {
                    href: format!("/decisions/{decision}"),
                    label: tr.a(
                        "news-related-decision",
                        "document",
                        &crate::pages::localized(tr, &doc.title, lang),
                    ),
                })
            }
            Related::Publication { publication } => {
                let other = state
                    .publications()
                    .get(*publication)
                    .filter(|p| p.is_public() && may_see(ctx, p))?;
                Some(Link {
                    href: format!("/news/{publication}"),
                    label: title(tr, other, lang, authentic),
                })
            }
        })
        .collect()
}

/// Submits a publication command as the reader (the public is asked to sign in).
pub async fn submit(
    app: &AppState,
    ctx: &Ctx,
    command: PublicationCommand,
) -> Result<Receipt, AppError> {
    submit_with(app, ctx, command, Vec::new()).await
}

async fn submit_with(
    app: &AppState,
    ctx: &Ctx,
    command: PublicationCommand,
    blobs: Vec<accord_store::Blob>,
) -> Result<Receipt, AppError> {
    crate::access::submit(app, ctx, CommandPayload::Publications(command), blobs).await
}

/// An image upload as read from its multipart form.
#[derive(Debug, Default)]
pub struct Upload {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// `alt.<lang>` fields.
    pub alt: BTreeMap<Lang, String>,
    /// `caption.<lang>` fields.
    pub caption: BTreeMap<Lang, String>,
    /// The `csrf` field (page forms).
    pub csrf: String,
}

/// The most bytes a text field of the upload may hold.
const MAX_FIELD: usize = 8 * 1024;

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::Invalid(vec![FieldError {
        field: field.to_owned(),
        message: message.into(),
    }])
}

fn multipart_error(field: &str, e: &axum::extract::multipart::MultipartError) -> AppError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        invalid("file", Refusal::TooLarge.to_string())
    } else {
        AppError::BadRequest(format!("the form's field {field} cannot be read: {e}"))
    }
}

/// Reads an upload's fields: `file` (at most [`MAX_BYTES`]), `alt.<lang>`, `caption.<lang>`
/// and `csrf`; others are ignored.
pub async fn read_upload(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Upload, AppError> {
    let mut multipart = multipart.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let mut upload = Upload::default();
    let mut has_file = false;
    let mut oversized: Option<AppError> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(multipart_error("(next)", &e)),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let mut field = field;
        let mut bytes = Vec::new();
        let bound = if name == "file" { MAX_BYTES } else { MAX_FIELD };
        loop {
            match field.chunk().await {
                // Past the bound the rest is read and dropped, so that the client, still
                // sending, gets the answer rather than a closed connection.
                Ok(Some(_)) if oversized.is_some() => {}
                Ok(Some(chunk)) if bytes.len() + chunk.len() > bound => {
                    oversized = Some(if name == "file" {
                        invalid("file", Refusal::TooLarge.to_string())
                    } else {
                        invalid(&name, format!("longer than {bound} bytes"))
                    });
                    bytes.clear();
                }
                Ok(Some(chunk)) => bytes.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(e) => return Err(multipart_error(&name, &e)),
            }
        }
        if oversized.is_some() {
            continue;
        }
        if name == "file" {
            has_file = true;
            upload.bytes = bytes;
            continue;
        }
        let text = String::from_utf8(bytes).map_err(|_| invalid(&name, "not UTF-8 text"))?;
        let text = text.trim().to_owned();
        if name == "csrf" {
            upload.csrf = text;
        } else if let Some((kind, tag)) = name.split_once('.')
            && matches!(kind, "alt" | "caption")
        {
            let lang = Lang::parse(tag).map_err(|e| invalid(&name, e.to_string()))?;
            if !text.is_empty() {
                let map = if kind == "alt" {
                    &mut upload.alt
                } else {
                    &mut upload.caption
                };
                map.insert(lang, text);
            }
        }
    }
    if let Some(error) = oversized {
        return Err(error);
    }
    if !has_file || upload.bytes.is_empty() {
        return Err(invalid("file", Refusal::Empty.to_string()));
    }
    Ok(upload)
}

/// Adds an uploaded image to a draft: checks who may and what is missing first, decodes and
/// renders it on the blocking pool, then stores its renditions with the entry that names them,
/// in one transaction.
pub async fn add_image(
    app: &AppState,
    ctx: &Ctx,
    publication: accord_core::publications::model::PublicationId,
    upload: Upload,
) -> Result<Receipt, AppError> {
    require(ctx, Action::Publish, Classification::Restricted)?;
    let official = {
        let state = app.journal.state();
        state
            .publications()
            .get(publication)
            .ok_or(AppError::NotFound)?;
        state
            .config()
            .map(|c| c.official_languages().to_vec())
            .unwrap_or_default()
    };
    let missing: Vec<FieldError> = official
        .iter()
        .filter(|l| !upload.alt.contains_key(l))
        .map(|l| FieldError {
            field: format!("alt.{l}"),
            message: "the alternative text is required in every official language".into(),
        })
        .collect();
    if !missing.is_empty() {
        return Err(AppError::Invalid(missing));
    }
    let Upload {
        bytes,
        alt,
        caption,
        ..
    } = upload;
    let processed = tokio::task::spawn_blocking(move || media::process(bytes))
        .await
        .map_err(|e| AppError::internal("an image could not be processed", e))?
        .map_err(|refusal| invalid("file", refusal.to_string()))?;
    let blobs = processed.blobs();
    let image = accord_core::publications::model::Image {
        original: processed.original.0,
        thumbnails: processed.thumbnails.into_iter().map(|(r, _)| r).collect(),
        alt,
        caption,
    };
    submit_with(
        app,
        ctx,
        PublicationCommand::AddImage { publication, image },
        blobs,
    )
    .await
}
