//! The public site's news: `/news` (published publications, newest first, by kind),
//! `/news/{id}` (a publication's page: its date and time, its languages, related materials and
//! images), and an Atom feed per language at `/news/feed/{lang}.atom`.

use std::cmp::Reverse;

use accord_core::publications::model::{Publication, PublicationId, PublicationKind, Status};
use accord_core::{Action, Classification, Lang, State as OrgState};
use askama::Template;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse as _, Response};
use serde::Deserialize;

use crate::access::require;
use crate::app::AppState;
use crate::atom::{Content, Entry, Feed};
use crate::error::{AppError, FieldError};
use crate::i18n::{Tr, UiLang};
use crate::publications::{content_in, home_zone, kind_label, moment_words, related_links, title};
use crate::viewer::Ctx;

use super::session::Link;
use super::view::Choice;
use super::{Page, content_lang, here, render, urlencode};

/// How many publications a feed holds.
const FEED_SIZE: usize = 50;

/// A publication in a list.
#[derive(Debug)]
pub struct NewsRow {
    /// Its page.
    pub href: String,
    /// Its title in the reader's language (marked when missing).
    pub title: String,
    /// Its kind, in words.
    pub kind: String,
    /// When it was published, in words.
    pub when: String,
    /// Its summary.
    pub summary: String,
}

/// The publications listed on the public site (published, not withdrawn), newest first.
pub fn live(state: &OrgState, kind: Option<PublicationKind>) -> Vec<&Publication> {
    let mut list: Vec<&Publication> = state
        .publications()
        .all()
        .values()
        .map(|p| &**p)
        .filter(|p| p.is_live() && kind.is_none_or(|k| p.kind == k))
        .collect();
    list.sort_by_key(|p| Reverse((p.published_at(), p.id)));
    list
}

/// A list row for a publication.
pub fn news_row(tr: &Tr<'_>, state: &OrgState, p: &Publication, lang: Lang) -> NewsRow {
    let authentic = authentic(state, lang);
    NewsRow {
        href: format!("/news/{}", p.id),
        title: title(tr, p, lang, authentic),
        kind: kind_label(tr, p.kind),
        when: p
            .published_at()
            .map(|at| moment_words(tr, home_zone(state), at))
            .unwrap_or_default(),
        summary: content_in(p, lang, authentic)
            .map(|(c, _)| c.summary.clone())
            .unwrap_or_default(),
    }
}

fn authentic(state: &OrgState, fallback: Lang) -> Lang {
    state
        .config()
        .map_or(fallback, accord_core::OrgConfig::authentic_language)
}

#[derive(Template)]
#[template(path = "news.html")]
struct NewsPage<'a> {
    page: Page<'a>,
    rows: Vec<NewsRow>,
    kinds: Vec<Choice>,
    kind: String,
    feed: String,
}

/// The list's filter.
#[derive(Debug, Deserialize)]
pub struct NewsQuery {
    kind: Option<String>,
}

/// `GET /news`.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
    Query(query): Query<NewsQuery>,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let wanted = query.kind.as_deref().filter(|k| !k.is_empty());
    let kind = match wanted {
        None => None,
        Some(k) => Some(PublicationKind::parse(k).ok_or_else(|| {
            AppError::Invalid(vec![FieldError {
                field: "kind".into(),
                message: "one of press_release, statement, event, exhibition".into(),
            }])
        })?),
    };
    let rows = {
        let state = app.journal.state();
        live(&state, kind)
            .into_iter()
            .map(|p| news_row(&tr, &state, p, lang))
            .collect()
    };
    let page = NewsPage {
        page: Page::new(&app, &ctx, &here(&uri), tr.t("news-title")),
        rows,
        kinds: PublicationKind::ALL
            .into_iter()
            .map(|k| Choice::new(k.as_str(), kind_label(&tr, k)))
            .collect(),
        kind: kind.map(|k| k.as_str().to_owned()).unwrap_or_default(),
        feed: format!("/news/feed/{}.atom", ctx.lang.code()),
    };
    render(StatusCode::OK, &page)
}

/// An image as the publication's page shows it.
#[derive(Debug)]
pub struct ImageView {
    /// The original's address.
    pub href: String,
    /// The thumbnail shown (the widest up to 1,024 px, else the original).
    pub src: String,
    /// `srcset` over the thumbnails and the original.
    pub srcset: String,
    /// Its width and height as shown.
    pub width: u32,
    /// Its height.
    pub height: u32,
    /// The alternative text in the reader's language (else the authentic one's).
    pub alt: String,
    /// The caption in the reader's language, if any.
    pub caption: Option<String>,
}

/// A publication's images for the page.
pub fn image_views(p: &Publication, lang: Lang, authentic: Lang) -> Vec<ImageView> {
    p.images
        .iter()
        .map(|image| {
            let shown = image.thumbnails.last().unwrap_or(&image.original);
            let srcset = image
                .thumbnails
                .iter()
                .chain(std::iter::once(&image.original))
                .map(|r| format!("/media/{} {}w", r.hash, r.width))
                .collect::<Vec<_>>()
                .join(", ");
            let pick = |map: &std::collections::BTreeMap<Lang, String>| {
                map.get(&lang).or_else(|| map.get(&authentic)).cloned()
            };
            ImageView {
                href: format!("/media/{}", image.original.hash),
                src: format!("/media/{}", shown.hash),
                srcset,
                width: shown.width,
                height: shown.height,
                alt: pick(&image.alt).unwrap_or_default(),
                caption: pick(&image.caption),
            }
        })
        .collect()
}

/// One of the languages a publication exists in, with the switch to it.
#[derive(Debug)]
pub struct LangView {
    /// Its tag.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The switch (none for a language the interface does not offer).
    pub href: Option<String>,
    /// Whether it is the page's language.
    pub current: bool,
}

#[derive(Template)]
#[template(path = "news_item.html")]
struct ItemPage<'a> {
    page: Page<'a>,
    id: PublicationId,
    kind: String,
    published: String,
    date: Option<String>,
    place: Option<String>,
    summary: String,
    paragraphs: Vec<String>,
    missing: Option<String>,
    languages: Vec<LangView>,
    related: Vec<Link>,
    images: Vec<ImageView>,
    withdrawn: Option<(String, String)>,
}

/// `GET /news/{id}`: a published publication's page; a withdrawn one answers 410 with its
/// page marked withdrawn; a draft or an unknown number 404.
pub async fn item(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
    Path(id): Path<u64>,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let path = here(&uri);
    let (page, gone) = {
        let state = app.journal.state();
        let p = state
            .publications()
            .get(PublicationId(id))
            .filter(|p| p.is_public())
            .ok_or(AppError::NotFound)?;
        let authentic = authentic(&state, lang);
        let (content, missing) = content_in(p, lang, authentic).ok_or(AppError::NotFound)?;
        let languages = p
            .languages()
            .map(|l| {
                let ui = UiLang::parse(l.as_str());
                LangView {
                    code: l.as_str().to_owned(),
                    name: tr.t(&format!("lang-name-{}", l.as_str())),
                    href: ui.map(|u| format!("/lang/{}?next={}", u.code(), urlencode(&path))),
                    current: l == lang,
                }
            })
            .collect();
        let withdrawn = match &p.status {
            Status::Withdrawn { at, reason, .. } => {
                Some((moment_words(&tr, home_zone(&state), *at), reason.clone()))
            }
            _ => None,
        };
        let page = ItemPage {
            page: Page::new(&app, &ctx, &path, title(&tr, p, lang, authentic)),
            id: p.id,
            kind: kind_label(&tr, p.kind),
            published: p
                .published_at()
                .map(|at| moment_words(&tr, home_zone(&state), at))
                .unwrap_or_default(),
            date: p.date.map(|d| {
                let (y, m, day) = d.ymd();
                crate::publications::date_words(&tr, y, m, day)
            }),
            place: content.place.clone(),
            summary: content.summary.clone(),
            paragraphs: content
                .paragraphs()
                .into_iter()
                .map(str::to_owned)
                .collect(),
            missing: missing.then(|| {
                tr.a(
                    "news-missing-language",
                    "lang",
                    &tr.t(&format!("lang-name-{}", lang.as_str())),
                )
            }),
            languages,
            related: related_links(&tr, &ctx, &state, &p.related, lang),
            images: image_views(p, lang, authentic),
            withdrawn,
        };
        let gone = page.withdrawn.is_some();
        (page, gone)
    };
    let status = if gone {
        StatusCode::GONE
    } else {
        StatusCode::OK
    };
    render(status, &page)
}

/// `GET /news/feed/{lang}.atom`: the newest publications that exist in `lang`, with their text
/// in it (a publication without that language is left out of that feed).
pub async fn feed(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let ui = file
        .strip_suffix(".atom")
        .and_then(UiLang::parse)
        .ok_or(AppError::NotFound)?;
    let tr = app.catalog.tr(ui);
    let lang = content_lang(ui);
    let xml = {
        let state = app.journal.state();
        let config = state.config().ok_or(AppError::NotFound)?;
        let org = config.short_name().localized(lang).text().to_owned();
        let origin = app.log_key.name().as_str();
        let authority = origin.split('/').next().unwrap_or(origin);
        let tag = format!("tag:{authority},{}:{origin}/news", config.founded());
        let items: Vec<&Publication> = live(&state, None)
            .into_iter()
            .filter(|p| p.content.contains_key(&lang))
            .take(FEED_SIZE)
            .collect();
        let texts: Vec<String> = items
            .iter()
            .map(|p| {
                let c = &p.content[&lang];
                let mut text = c.summary.clone();
                for paragraph in c.paragraphs() {
                    text.push_str("\n\n");
                    text.push_str(paragraph);
                }
                text
            })
            .collect();
        let updated = items
            .iter()
            .filter_map(|p| p.published_at())
            .max()
            .map_or_else(|| config.founded().start().to_string(), |t| t.to_string());
        let feed = Feed {
            id: format!("{tag}/{}", lang.as_str()),
            title: tr.a("news-feed-title", "org", &org),
            subtitle: tr.t("news-feed-subtitle"),
            lang: lang.as_str(),
            updated,
            author: org.clone(),
            self_href: format!("/news/feed/{}.atom", ui.code()),
            next_href: None,
            entries: items
                .iter()
                .zip(&texts)
                .map(|(p, text)| Entry {
                    id: format!("{tag}/{}", p.id),
                    title: p.content[&lang].title.clone(),
                    updated: p.published_at().map(|t| t.to_string()).unwrap_or_default(),
                    categories: vec![p.kind.as_str().to_owned()],
                    alternate: Some(format!("/news/{}", p.id)),
                    content: Content::Text(text),
                })
                .collect(),
        };
        crate::atom::write(&feed)
    };
    let mut response = xml.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    Ok(response)
}
