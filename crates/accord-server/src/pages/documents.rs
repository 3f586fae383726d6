//! The documents the reader may see, with their type, body and status, and the Secretariat's
//! form to register a draft with its first version.

use std::collections::BTreeSet;

use accord_core::config::{Composition, DocumentType};
use accord_core::secretariat::SecretariatCommand;
use accord_core::secretariat::model::{Document, Forum, Sponsor};
use accord_core::{Action, BodyId, Classification, Recipient, StateCode};
use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::secretariat::{authentic, may_see_document, submit};
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, back, incomplete, may};
use super::sessions::session_bodies;
use super::view::{
    Choice, body_name, classification_choices, doc_status, doc_type, from_wire, member_choices,
    wire,
};
use super::{Page, content_lang, here, localized, render};

/// A document as the list shows it.
#[derive(Debug)]
pub struct DocumentRow {
    /// Its page.
    pub href: String,
    /// Its number.
    pub id: u64,
    /// Its title.
    pub title: String,
    /// Its type.
    pub doc_type: String,
    /// The body to adopt it.
    pub body: String,
    /// Draft, under procedure or adopted.
    pub status: String,
}

#[derive(Template)]
#[template(path = "documents.html")]
struct DocumentsPage<'a> {
    page: Page<'a>,
    documents: Vec<DocumentRow>,
    prepare: bool,
    types: Vec<Choice>,
    forums: Vec<Choice>,
    sponsors: Vec<Choice>,
    bodies: Vec<Choice>,
    classifications: Vec<Choice>,
    shape: usize,
}

/// A document's row.
pub fn document_row(
    tr: &Tr<'_>,
    state: &accord_core::State,
    doc: &Document,
    lang: accord_core::Lang,
) -> DocumentRow {
    DocumentRow {
        href: format!("/documents/{}", doc.id),
        id: doc.id.0,
        title: localized(tr, &doc.title, lang),
        doc_type: doc_type(tr, doc.doc_type),
        body: body_name(tr, state, &doc.body, lang),
        status: doc_status(tr, doc),
    }
}

/// `GET /documents`.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let page = {
        let state = app.journal.state();
        let types: BTreeSet<DocumentType> = state
            .config()
            .map(|c| {
                c.bodies()
                    .iter()
                    .filter(|b| b.composition == Composition::MemberStates)
                    .flat_map(|b| b.competences.iter().copied())
                    .collect()
            })
            .unwrap_or_default();
        let mut sponsors = vec![Choice::new("secretariat", tr.t("affiliation-secretariat"))];
        sponsors.extend(member_choices(&tr, &state, lang));
        DocumentsPage {
            page: Page::new(&app, &ctx, &here(&uri), tr.t("documents-title")).live(),
            documents: state
                .secretariat()
                .documents()
                .values()
                .filter(|d| may_see_document(&ctx, d))
                .map(|d| document_row(&tr, &state, d, lang))
                .collect(),
            prepare: may(&ctx, Action::Prepare),
            types: types
                .into_iter()
                .map(|t| Choice::new(wire(&t), doc_type(&tr, t)))
                .collect(),
            forums: [Forum::Un, Forum::Osce, Forum::Opcw, Forum::Other]
                .iter()
                .map(|f| Choice::new(wire(f), tr.t(&format!("forum-{}", wire(f)))))
                .collect(),
            sponsors,
            bodies: session_bodies(&tr, &state, lang),
            classifications: classification_choices(&tr),
            shape: state.secretariat().documents().len(),
        }
    };
    render(StatusCode::OK, &page)
}

/// A confidential draft is released to the Secretariat's body, so that the officers who
/// prepare it keep reading it (as the seed's confidential notes are).
fn secretariat_release(app: &AppState) -> Vec<Recipient> {
    let state = app.journal.state();
    state
        .config()
        .into_iter()
        .flat_map(|c| c.bodies())
        .filter(|b| b.composition == Composition::Secretariat)
        .map(|b| Recipient::Body { body: b.id.clone() })
        .collect()
}

/// `POST /documents`: the Secretariat registers a draft.
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::Prepare, form)?;
    let authentic = authentic(&app)?;
    let doc_type = f.parsed("type", |t| {
        from_wire::<DocumentType>(t).ok_or("not a document type")
    });
    let forum = match f.get("forum") {
        None => None,
        Some(name) => match from_wire::<Forum>(name) {
            Some(forum) => Some(forum),
            None => {
                f.invalid("forum", "not a forum");
                None
            }
        },
    };
    let title = f.text("title", authentic);
    let sponsor = f.parsed("sponsor", |s| match s {
        "secretariat" => Ok(Sponsor::Secretariat),
        code => StateCode::parse(code).map(|state| Sponsor::State { state }),
    });
    let body = f.parsed("body", BodyId::parse);
    let classification = f.parsed("classification", Classification::parse);
    let paragraphs = f.paragraphs("text", authentic, false);
    f.finish()?;
    let release = match classification {
        Some(Classification::Confidential) => secretariat_release(&app),
        _ => Vec::new(),
    };
    let (Some(doc_type), Some(title), Some(sponsor), Some(body), Some(paragraphs)) =
        (doc_type, title, sponsor, body, paragraphs)
    else {
        return Err(incomplete());
    };
    submit(
        &app,
        &ctx,
        SecretariatCommand::RegisterDocument {
            doc_type,
            forum,
            title: title.clone(),
            sponsor,
            body,
            paragraphs,
            classification,
            release,
        },
    )
    .await?;
    let id = {
        let state = app.journal.state();
        state
            .secretariat()
            .documents()
            .values()
            .rev()
            .find(|d| d.title == title)
            .map(|d| d.id)
    };
    Ok(back(&id.map_or_else(
        || "/documents".to_owned(),
        |id| format!("/documents/{id}"),
    )))
}
