//! The Secretariat's pages for public information: the list of publications with the form to
//! draft one (`/publications`), and a publication's page (`/publications/{id}`) to edit the
//! draft, upload images, publish it, and withdraw it after a confirmation.

use std::collections::BTreeMap;

use accord_core::config::HomeZone;
use accord_core::publications::PublicationCommand;
use accord_core::publications::model::{
    Content, Contents, PublicationId, PublicationKind, Related, Status,
};
use accord_core::secretariat::model::{DocumentId, ProcedureId};
use accord_core::{Action, Classification, Date, Lang};
use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, OriginalUri, Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::publications::{
    add_image, home_zone, kind_label, may_see, moment_words, read_upload, submit, title,
};
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, back, incomplete, may};
use super::login::check_csrf;
use super::news::{ImageView, image_views};
use super::view::Choice;
use super::{Page, content_lang, here, render};

/// A publication in the Secretariat's list.
#[derive(Debug)]
pub struct Row {
    /// Its number.
    pub id: PublicationId,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: String,
    /// Where it is in its life, in words.
    pub status: String,
}

#[derive(Template)]
#[template(path = "publications.html")]
struct ListPage<'a> {
    page: Page<'a>,
    rows: Vec<Row>,
    publish: bool,
    kinds: Vec<Choice>,
    langs: Vec<Choice>,
}

fn status_words(tr: &crate::i18n::Tr<'_>, zone: Option<&HomeZone>, status: &Status) -> String {
    match status {
        Status::Draft => tr.t("publication-status-draft"),
        Status::Published { at, .. } => tr.a(
            "publication-status-published",
            "date",
            &moment_words(tr, zone, *at),
        ),
        Status::Withdrawn { at, .. } => tr.a(
            "publication-status-withdrawn",
            "date",
            &moment_words(tr, zone, *at),
        ),
    }
}

fn languages(app: &AppState) -> Vec<Lang> {
    app.journal
        .state()
        .config()
        .map(|c| c.official_languages().to_vec())
        .unwrap_or_default()
}

fn lang_choices(tr: &crate::i18n::Tr<'_>, langs: &[Lang]) -> Vec<Choice> {
    langs
        .iter()
        .map(|l| Choice::new(l.as_str(), tr.t(&format!("lang-name-{}", l.as_str()))))
        .collect()
}

/// `GET /publications` (the organisation's insiders; drafts are restricted).
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Restricted)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let rows = {
        let state = app.journal.state();
        let authentic = state
            .config()
            .map_or(lang, accord_core::OrgConfig::authentic_language);
        state
            .publications()
            .all()
            .values()
            .rev()
            .filter(|p| may_see(&ctx, p))
            .map(|p| Row {
                id: p.id,
                title: title(&tr, p, lang, authentic),
                kind: kind_label(&tr, p.kind),
                status: status_words(&tr, home_zone(&state), &p.status),
            })
            .collect()
    };
    let page = ListPage {
        page: Page::new(&app, &ctx, &here(&uri), tr.t("publications-title")),
        rows,
        publish: may(&ctx, Action::Publish),
        kinds: PublicationKind::ALL
            .into_iter()
            .map(|k| Choice::new(k.as_str(), kind_label(&tr, k)))
            .collect(),
        langs: lang_choices(&tr, &languages(&app)),
    };
    render(StatusCode::OK, &page)
}

/// The texts per language from `title.<lang>`, `summary.<lang>`, `body.<lang>` and
/// `place.<lang>`: a language is included when any of the first three is filled in, and then
/// needs all three.
fn contents(f: &mut Fields, langs: &[Lang]) -> Contents {
    let mut out = BTreeMap::new();
    for lang in langs {
        let get = |name: &str| f.get(&format!("{name}.{lang}")).map(str::to_owned);
        let (t, s, b) = (get("title"), get("summary"), get("body"));
        let place = get("place");
        if t.is_none() && s.is_none() && b.is_none() {
            continue;
        }
        let mut required = |name: &str, value: Option<String>| {
            if value.is_none() {
                f.invalid(
                    &format!("{name}.{lang}"),
                    "required when the language is filled in",
                );
            }
            value.unwrap_or_default()
        };
        let content = Content {
            title: required("title", t),
            summary: required("summary", s),
            body: required("body", b).replace("\r\n", "\n"),
            place,
        };
        out.insert(*lang, content);
    }
    out
}

/// Numbers separated by commas or spaces, from an optional field.
fn numbers(f: &mut Fields, name: &str) -> Vec<u64> {
    let Some(text) = f.get(name).map(str::to_owned) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for part in text.split([',', ' ']).filter(|p| !p.is_empty()) {
        match part.parse() {
            Ok(n) => out.push(n),
            Err(_) => f.invalid(name, "numbers separated by commas"),
        }
    }
    out
}

fn related(f: &mut Fields) -> Vec<Related> {
    let mut out: Vec<Related> = numbers(f, "related_documents")
        .into_iter()
        .map(|n| Related::Document {
            document: DocumentId(n),
        })
        .collect();
    out.extend(
        numbers(f, "related_decisions")
            .into_iter()
            .map(|n| Related::Decision {
                decision: ProcedureId(n),
            }),
    );
    out.extend(
        numbers(f, "related_publications")
            .into_iter()
            .map(|n| Related::Publication {
                publication: PublicationId(n),
            }),
    );
    out
}

fn date(f: &mut Fields) -> Option<Date> {
    let text = f.get("date")?.to_owned();
    match Date::parse(&text) {
        Ok(d) => Some(d),
        Err(e) => {
            f.invalid("date", &e.to_string());
            None
        }
    }
}

/// `POST /publications`: draft a publication, then go to its page.
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::Publish, form)?;
    let kind = f.parsed("kind", |k| {
        PublicationKind::parse(k).ok_or("one of press_release, statement, event, exhibition")
    });
    let date = date(&mut f);
    let content = contents(&mut f, &languages(&app));
    let related = related(&mut f);
    f.finish()?;
    let kind = kind.ok_or_else(incomplete)?;
    let id = app.journal.state().publications().next_id();
    submit(
        &app,
        &ctx,
        PublicationCommand::Draft {
            kind,
            date,
            content,
            related,
        },
    )
    .await?;
    Ok(back(&format!("/publications/{id}")))
}

/// A publication's texts as the edit form shows them.
#[derive(Debug)]
pub struct TextFields {
    /// The language.
    pub lang: Choice,
    /// Its title, summary, body and place, if written.
    pub content: Option<Content>,
}

#[derive(Template)]
#[template(path = "publication.html")]
struct EditPage<'a> {
    page: Page<'a>,
    id: PublicationId,
    kind: String,
    status: String,
    draft: bool,
    live: bool,
    public: bool,
    publish: bool,
    date: String,
    texts: Vec<TextFields>,
    related_documents: String,
    related_decisions: String,
    related_publications: String,
    images: Vec<ImageView>,
    langs: Vec<Choice>,
}

fn joined(numbers: impl Iterator<Item = u64>) -> String {
    numbers
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `GET /publications/{id}`.
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
    Path(id): Path<u64>,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Restricted)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let langs = languages(&app);
    let page = {
        let state = app.journal.state();
        let p = state
            .publications()
            .get(PublicationId(id))
            .filter(|p| may_see(&ctx, p))
            .ok_or(AppError::NotFound)?;
        let authentic = state
            .config()
            .map_or(lang, accord_core::OrgConfig::authentic_language);
        let pick = |f: fn(&Related) -> Option<u64>| joined(p.related.iter().filter_map(f));
        EditPage {
            page: Page::new(&app, &ctx, &here(&uri), title(&tr, p, lang, authentic)),
            id: p.id,
            kind: kind_label(&tr, p.kind),
            status: status_words(&tr, home_zone(&state), &p.status),
            draft: matches!(p.status, Status::Draft),
            live: p.is_live(),
            public: p.is_public(),
            publish: may(&ctx, Action::Publish),
            date: p.date.map(|d| d.to_string()).unwrap_or_default(),
            texts: langs
                .iter()
                .map(|l| TextFields {
                    lang: Choice::new(l.as_str(), tr.t(&format!("lang-name-{}", l.as_str()))),
                    content: p.content.get(l).cloned(),
                })
                .collect(),
            related_documents: pick(|r| match r {
                Related::Document { document } => Some(document.0),
                _ => None,
            }),
            related_decisions: pick(|r| match r {
                Related::Decision { decision } => Some(decision.0),
                _ => None,
            }),
            related_publications: pick(|r| match r {
                Related::Publication { publication } => Some(publication.0),
                _ => None,
            }),
            images: image_views(p, lang, authentic),
            langs: lang_choices(&tr, &langs),
        }
    };
    render(StatusCode::OK, &page)
}

/// `POST /publications/{id}`: replace a draft's date, texts and related materials.
pub async fn edit(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::Publish, form)?;
    let date = date(&mut f);
    let content = contents(&mut f, &languages(&app));
    let related = related(&mut f);
    f.finish()?;
    let command = PublicationCommand::Edit {
        publication: PublicationId(id),
        date,
        content,
        related,
    };
    submit(&app, &ctx, command).await?;
    Ok(back(&format!("/publications/{id}")))
}

/// `POST /publications/{id}/publish`.
pub async fn publish(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    Fields::read(&ctx, Action::Publish, form)?;
    let command = PublicationCommand::Publish {
        publication: PublicationId(id),
    };
    submit(&app, &ctx, command).await?;
    Ok(back(&format!("/news/{id}")))
}

/// `POST /publications/{id}/withdraw` (the page asks for a confirmation first).
pub async fn withdraw(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::Publish, form)?;
    let reason = f.required("reason");
    f.finish()?;
    let command = PublicationCommand::Withdraw {
        publication: PublicationId(id),
        reason: reason.ok_or_else(incomplete)?,
    };
    submit(&app, &ctx, command).await?;
    Ok(back(&format!("/publications/{id}")))
}

/// `POST /publications/{id}/images`: a multipart form with `file`, `alt.<lang>`,
/// `caption.<lang>` and `csrf`.
pub async fn upload(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    require(&ctx, Action::Publish, Classification::Restricted)?;
    let upload = read_upload(multipart).await?;
    check_csrf(&ctx, &upload.csrf)?;
    add_image(&app, &ctx, PublicationId(id), upload).await?;
    Ok(back(&format!("/publications/{id}")))
}
