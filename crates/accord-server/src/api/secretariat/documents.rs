//! Documents: listing, registering a draft, reading one, its versions and a word-level comparison
//! of two of them.

use accord_core::config::DocumentType;
use accord_core::secretariat::model::{AmendmentId, Document, DocumentId, Forum, Sponsor};
use accord_core::secretariat::{SecretariatCommand as C, rules};
use accord_core::{Action, BodyId, Classification, Lang, Recipient, StateCode, Text};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::access::gate;
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::secretariat::{authentic, may_see_document, may_see_drafts, paragraphs_from, text_from};
use crate::viewer::Ctx;

use super::{TextIn, command, json_body, parse_field, serde_field, text};

/// The documents the reader may see.
#[utoipa::path(get, path = "/api/v1/documents", tag = "documents",
    responses((status = 200, body = Object)))]
pub async fn list_documents(State(app): State<AppState>, ctx: Ctx) -> Json<Value> {
    let state = app.journal.state();
    let documents: Vec<Value> = state
        .secretariat()
        .documents()
        .values()
        .filter(|d| may_see_document(&ctx, d))
        .map(|d| document_view(&state, d, may_see_drafts(&ctx, d)))
        .collect();
    Json(json!({ "documents": documents }))
}

/// A draft to register.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentIn {
    /// decision, statement, declaration, plan, strategy, agreement, protocol, regulation,
    /// report or joint_statement.
    #[serde(rename = "type")]
    doc_type: String,
    /// For a joint statement: un, osce, opcw or other.
    #[serde(default)]
    forum: Option<String>,
    /// Its title per language.
    #[schema(value_type = Object)]
    title: TextIn,
    /// A member state's code, or `secretariat`.
    sponsor: String,
    /// The body to adopt it.
    body: String,
    /// The text per language, paragraphs separated by a blank line.
    #[schema(value_type = Object)]
    text: TextIn,
    /// public, restricted or confidential (default: the organisation's default).
    #[serde(default)]
    classification: Option<String>,
    /// Who it is released to beyond its classification.
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    release: Vec<Value>,
}

/// Register a draft with its first version (Secretariat).
#[utoipa::path(post, path = "/api/v1/documents", tag = "documents", request_body = DocumentIn,
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn register(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<DocumentIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let authentic = authentic(&app)?;
    let mut errors = Vec::new();
    let doc_type: Option<DocumentType> = serde_field("type", &input.doc_type, &mut errors);
    let forum: Option<Forum> = input
        .forum
        .as_deref()
        .and_then(|f| serde_field("forum", f, &mut errors));
    let title = text_from("title", &input.title, authentic, &mut errors);
    let sponsor = if input.sponsor == "secretariat" {
        Some(Sponsor::Secretariat)
    } else {
        parse_field("sponsor", &input.sponsor, StateCode::parse, &mut errors)
            .map(|state| Sponsor::State { state })
    };
    let body_id = parse_field("body", &input.body, BodyId::parse, &mut errors);
    let paragraphs = paragraphs_from("text", &input.text, authentic, &mut errors);
    let classification = input
        .classification
        .as_deref()
        .and_then(|c| parse_field("classification", c, Classification::parse, &mut errors));
    let mut release = Vec::new();
    for (i, value) in input.release.into_iter().enumerate() {
        match serde_json::from_value::<Recipient>(value) {
            Ok(r) => release.push(r),
            Err(e) => errors.push(FieldError {
                field: format!("release[{i}]"),
                message: e.to_string(),
            }),
        }
    }
    super::invalid_if_any(errors)?;
    let (Some(doc_type), Some(title), Some(sponsor), Some(body_id), Some(paragraphs)) =
        (doc_type, title, sponsor, body_id, paragraphs)
    else {
        return Err(AppError::BadRequest("the draft is incomplete".into()));
    };
    let register = C::RegisterDocument {
        doc_type,
        forum,
        title,
        sponsor,
        body: body_id,
        paragraphs,
        classification,
        release,
    };
    command(&app, &ctx, &headers, register).await
}

/// A document with its versions and amendments.
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents",
    params(("id" = u64, Path, description = "The document's number")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)))]
pub async fn get_document(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
) -> Result<Json<Value>, AppError> {
    let state = app.journal.state();
    let document = state
        .secretariat()
        .document(DocumentId(id))
        .filter(|d| may_see_document(&ctx, d))
        .ok_or(AppError::NotFound)?;
    Ok(Json(document_view(
        &state,
        document,
        may_see_drafts(&ctx, document),
    )))
}

/// The next version.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionIn {
    /// The new text per language (paragraphs separated by a blank line); when absent, the
    /// accepted amendments are applied to the current version.
    #[serde(default)]
    #[schema(value_type = Object)]
    text: Option<TextIn>,
    /// The amendments taken.
    #[serde(default)]
    accept: Vec<u64>,
    /// The amendments not taken.
    #[serde(default)]
    reject: Vec<u64>,
}

/// Make the next version, deciding every pending amendment (Secretariat).
#[utoipa::path(post, path = "/api/v1/documents/{id}/versions", tag = "documents", request_body = VersionIn,
    params(("id" = u64, Path, description = "The document's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn make_version(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<VersionIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let paragraphs = match &input.text {
        Some(text) => Some(
            paragraphs_from("text", text, authentic(&app)?, &mut errors)
                .ok_or_else(|| AppError::Invalid(errors.clone()))?,
        ),
        None => None,
    };
    let make = C::MakeVersion {
        document: DocumentId(id),
        paragraphs,
        accept: input.accept.into_iter().map(AmendmentId).collect(),
        reject: input.reject.into_iter().map(AmendmentId).collect(),
    };
    command(&app, &ctx, &headers, make).await
}

/// Which versions to compare, in which language.
#[derive(Debug, Deserialize)]
pub struct CompareQuery {
    from: u32,
    to: u32,
    lang: Option<String>,
}

/// A word-level comparison of two versions, paragraph by paragraph.
#[utoipa::path(get, path = "/api/v1/documents/{id}/compare", tag = "documents",
    params(("id" = u64, Path, description = "The document's number"),
        ("from" = u32, Query, description = "The older version"),
        ("to" = u32, Query, description = "The newer version"),
        ("lang" = Option<String>, Query, description = "The language (default: the authentic one)")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)))]
pub async fn compare(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    Query(query): Query<CompareQuery>,
) -> Result<Json<Value>, AppError> {
    let state = app.journal.state();
    let document = state
        .secretariat()
        .document(DocumentId(id))
        .filter(|d| may_see_drafts(&ctx, d))
        .ok_or(AppError::NotFound)?;
    let lang = match query.lang.as_deref() {
        Some(tag) => Lang::parse(tag).map_err(|e| {
            AppError::Invalid(vec![FieldError {
                field: "lang".into(),
                message: e.to_string(),
            }])
        })?,
        None => authentic(&app)?,
    };
    let (Some(old), Some(new)) = (document.version(query.from), document.version(query.to)) else {
        return Err(AppError::NotFound);
    };
    let join = |paragraphs: &[Text]| -> String {
        paragraphs
            .iter()
            .map(|p| p.localized(lang).text().to_owned())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let changes: Vec<Value> = rules::compare_words(&join(&old.paragraphs), &join(&new.paragraphs))
        .into_iter()
        .map(|change| match change {
            rules::Change::Same(t) => json!({"same": t}),
            rules::Change::Added(t) => json!({"added": t}),
            rules::Change::Removed(t) => json!({"removed": t}),
        })
        .collect();
    Ok(Json(
        json!({"from": query.from, "to": query.to, "lang": lang.as_str(), "changes": changes}),
    ))
}

/// A document as the reader may see it: without its drafting history (earlier versions,
/// amendments, procedures that did not adopt it) unless `drafts`.
fn document_view(state: &accord_core::State, document: &Document, drafts: bool) -> Value {
    let records = state.secretariat();
    let current = document.current().map_or(0, |v| v.number);
    json!({
        "id": document.id.0,
        "type": serde_json::to_value(document.doc_type).unwrap_or(Value::Null),
        "forum": document.forum.map(|f| serde_json::to_value(f).unwrap_or(Value::Null)),
        "title": text(&document.title),
        "sponsor": serde_json::to_value(&document.sponsor).unwrap_or(Value::Null),
        "body": document.body.as_str(),
        "classification": document.classification.as_str(),
        "effective_classification": document.effective_classification().as_str(),
        "open_procedure": document.open_procedure.map(|p| p.0),
        "procedures": document.procedures.iter().filter(|p| drafts || document.adopted_by == Some(**p)).map(|p| p.0).collect::<Vec<_>>(),
        "adopted_by": document.adopted_by.map(|p| p.0),
        "versions": document.versions.iter().filter(|v| drafts || v.number == current).map(|v| json!({
            "number": v.number,
            "paragraphs": v.paragraphs.iter().map(text).collect::<Vec<_>>(),
            "made_by": v.made_by.as_str(),
            "made_at": v.made_at.to_string(),
            "accepted": v.accepted.iter().map(|a| a.0).collect::<Vec<_>>(),
            "rejected": v.rejected.iter().map(|a| a.0).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "amendments": records.amendments_of(document).iter().filter(|_| drafts).map(|a| json!({
            "id": a.id.0,
            "version": a.version,
            "paragraph": a.paragraph,
            "op": serde_json::to_value(&a.op).unwrap_or(Value::Null),
            "rationale": text(&a.rationale),
            "state": a.state.as_str(),
            "proposed_by": a.proposed_by.as_str(),
            "proposed_at": a.proposed_at.to_string(),
            "status": serde_json::to_value(a.status).unwrap_or(Value::Null),
        })).collect::<Vec<_>>(),
    })
}
