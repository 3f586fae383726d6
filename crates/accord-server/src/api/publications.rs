//! `/api/v1/publications`: public information as JSON. The public reads what is published (and
//! a withdrawn record, marked so); the Secretariat's officers draft, edit, add images (multipart,
//! as the page's form), publish and withdraw.

use accord_core::publications::PublicationCommand as P;
use accord_core::publications::model::{
    Contents, Image, Publication, PublicationId, PublicationKind, Related, Rendition, Status,
};
use accord_core::{Action, Date};
use axum::Json;
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::access::gate;
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::publications::{add_image, may_see, read_upload, submit};
use crate::viewer::Ctx;

use super::{check_csrf_header, json_body};

fn rendition(r: &Rendition) -> Value {
    json!({"url": format!("/media/{}", r.hash), "sha256": r.hash, "media_type": r.media_type,
        "width": r.width, "height": r.height})
}

fn image(i: &Image) -> Value {
    json!({
        "original": rendition(&i.original),
        "thumbnails": i.thumbnails.iter().map(rendition).collect::<Vec<_>>(),
        "alt": i.alt,
        "caption": i.caption,
    })
}

fn view(p: &Publication) -> Value {
    let (status, published_at, withdrawn) = match &p.status {
        Status::Draft => ("draft", None, None),
        Status::Published { at, .. } => ("published", Some(at.to_string()), None),
        Status::Withdrawn {
            published_at,
            at,
            reason,
            ..
        } => (
            "withdrawn",
            Some(published_at.to_string()),
            Some(json!({"at": at.to_string(), "reason": reason})),
        ),
    };
    json!({
        "id": p.id.0,
        "kind": p.kind.as_str(),
        "status": status,
        "date": p.date.map(|d| d.to_string()),
        "published_at": published_at,
        "withdrawn": withdrawn,
        "languages": p.languages().map(|l| l.as_str().to_owned()).collect::<Vec<_>>(),
        "content": p.content,
        "related": p.related,
        "images": p.images.iter().map(image).collect::<Vec<_>>(),
        "page": p.is_public().then(|| format!("/news/{}", p.id)),
    })
}

/// The list's filters.
#[derive(Debug, Deserialize)]
pub struct ListQuery {
    kind: Option<String>,
}

/// Publications the reader may see, newest first (drafts only for the organisation's
/// insiders; withdrawn ones are kept, marked withdrawn).
#[utoipa::path(get, path = "/api/v1/publications", tag = "publications",
    params(("kind" = Option<String>, Query, description = "press_release, statement, event or exhibition")),
    responses((status = 200, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(query): Query<ListQuery>,
) -> Result<Json<Value>, AppError> {
    let kind = match query.kind.as_deref().filter(|k| !k.is_empty()) {
        None => None,
        Some(k) => Some(PublicationKind::parse(k).ok_or_else(|| {
            AppError::Invalid(vec![FieldError {
                field: "kind".into(),
                message: "one of press_release, statement, event, exhibition".into(),
            }])
        })?),
    };
    let state = app.journal.state();
    let items: Vec<Value> = state
        .publications()
        .all()
        .values()
        .rev()
        .filter(|p| may_see(&ctx, p) && kind.is_none_or(|k| p.kind == k))
        .map(|p| view(p))
        .collect();
    Ok(Json(json!({ "publications": items })))
}

/// One publication.
#[utoipa::path(get, path = "/api/v1/publications/{id}", tag = "publications",
    params(("id" = u64, Path, description = "The publication's number")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)))]
pub async fn get(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
) -> Result<Json<Value>, AppError> {
    let state = app.journal.state();
    let p = state
        .publications()
        .get(PublicationId(id))
        .filter(|p| may_see(&ctx, p))
        .ok_or(AppError::NotFound)?;
    Ok(Json(view(p)))
}

/// A publication's date, texts and related materials.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// press_release, statement, event or exhibition (ignored when editing).
    #[serde(default)]
    kind: Option<String>,
    /// The day of an event or exhibition (`2020-10-07`).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    date: Option<Date>,
    /// Per language: `{"ru": {"title", "summary", "body", "place"?}}`.
    #[schema(value_type = Object)]
    content: Contents,
    /// `[{"kind": "document", "document": 5}, {"kind": "decision", "decision": 3},
    /// {"kind": "publication", "publication": 2}]`.
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    related: Vec<Related>,
}

/// A withdrawal.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    /// Why (shown on the publication's page).
    reason: String,
}

/// Draft a publication (Secretariat officers).
#[utoipa::path(post, path = "/api/v1/publications", tag = "publications", request_body = Draft,
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<Draft>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Publish])?;
    check_csrf_header(&ctx, &headers)?;
    let draft = json_body(body)?;
    let kind = draft
        .kind
        .as_deref()
        .and_then(PublicationKind::parse)
        .ok_or_else(|| {
            AppError::Invalid(vec![FieldError {
                field: "kind".into(),
                message: "one of press_release, statement, event, exhibition".into(),
            }])
        })?;
    let id = app.journal.state().publications().next_id();
    let command = P::Draft {
        kind,
        date: draft.date,
        content: draft.content,
        related: draft.related,
    };
    let receipt = submit(&app, &ctx, command).await?;
    Ok(super::written(receipt, Some(id.0)))
}

/// Replace a draft's date, texts and related materials (refused once published).
#[utoipa::path(put, path = "/api/v1/publications/{id}", tag = "publications", request_body = Draft,
    params(("id" = u64, Path, description = "The publication's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn edit(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<Draft>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Publish])?;
    check_csrf_header(&ctx, &headers)?;
    let draft = json_body(body)?;
    let command = P::Edit {
        publication: PublicationId(id),
        date: draft.date,
        content: draft.content,
        related: draft.related,
    };
    let receipt = submit(&app, &ctx, command).await?;
    Ok(super::written(receipt, Some(id)))
}

/// Publish a draft now.
#[utoipa::path(post, path = "/api/v1/publications/{id}/publish", tag = "publications",
    params(("id" = u64, Path, description = "The publication's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn publish(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Publish])?;
    check_csrf_header(&ctx, &headers)?;
    let receipt = submit(
        &app,
        &ctx,
        P::Publish {
            publication: PublicationId(id),
        },
    )
    .await?;
    Ok(super::written(receipt, Some(id)))
}

/// Withdraw a published publication; the record stays, marked withdrawn.
#[utoipa::path(post, path = "/api/v1/publications/{id}/withdraw", tag = "publications",
    request_body = Withdrawal,
    params(("id" = u64, Path, description = "The publication's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn withdraw(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<Withdrawal>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Publish])?;
    check_csrf_header(&ctx, &headers)?;
    let withdrawal = json_body(body)?;
    let command = P::Withdraw {
        publication: PublicationId(id),
        reason: withdrawal.reason,
    };
    let receipt = submit(&app, &ctx, command).await?;
    Ok(super::written(receipt, Some(id)))
}

/// Add an image to a draft: `multipart/form-data` with `file` (JPEG, PNG or WebP, at most
/// 10 MiB and 40 megapixels), `alt.<lang>` in every official language and `caption.<lang>`.
/// The server stores the original and makes 320 and 1,024 px wide thumbnails.
#[utoipa::path(post, path = "/api/v1/publications/{id}/images", tag = "publications",
    params(("id" = u64, Path, description = "The publication's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn images(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Publish])?;
    check_csrf_header(&ctx, &headers)?;
    let upload = read_upload(multipart).await?;
    let receipt = add_image(&app, &ctx, PublicationId(id), upload).await?;
    let image = app
        .journal
        .state()
        .publications()
        .get(PublicationId(id))
        .and_then(|p| p.images.last().map(image));
    let (status, Json(mut body)) = super::written(receipt, Some(id));
    body["image"] = image.unwrap_or(Value::Null);
    Ok((status, Json(body)))
}
