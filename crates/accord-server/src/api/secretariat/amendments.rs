//! Amendments to a document's current version (also proposed when silence is broken).

use accord_core::secretariat::model::{AmendmentOp, DocumentId};
use accord_core::secretariat::{AmendmentDraft, SecretariatCommand as C};
use accord_core::{Action, Lang};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::access::gate;
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::secretariat::{authentic, text_from};
use crate::viewer::Ctx;

use super::{TextIn, command, json_body};

/// An amendment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AmendmentIn {
    /// The version it is against (the current one).
    version: u32,
    /// The paragraph (for an insertion: the one it follows, 0 for the start).
    paragraph: u32,
    /// insert, replace or delete.
    op: String,
    /// The new text per language (insert, replace).
    #[serde(default)]
    #[schema(value_type = Object)]
    text: Option<TextIn>,
    /// Why, per language.
    #[schema(value_type = Object)]
    rationale: TextIn,
}

/// Propose an amendment (a member state's delegate or head of delegation).
#[utoipa::path(post, path = "/api/v1/documents/{id}/amendments", tag = "documents", request_body = AmendmentIn,
    params(("id" = u64, Path, description = "The document's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn propose_amendment(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<AmendmentIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Propose])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let draft = amendment_in(&input, authentic(&app)?, &mut errors);
    super::invalid_if_any(errors)?;
    let propose = C::ProposeAmendment {
        document: DocumentId(id),
        draft: draft.ok_or_else(|| AppError::BadRequest("amendment".into()))?,
    };
    command(&app, &ctx, &headers, propose).await
}

pub(super) fn amendment_in(
    input: &AmendmentIn,
    authentic: Lang,
    errors: &mut Vec<FieldError>,
) -> Option<AmendmentDraft> {
    let new_text = input
        .text
        .as_ref()
        .and_then(|t| text_from("text", t, authentic, errors));
    let rationale = text_from("rationale", &input.rationale, authentic, errors);
    let op = match (input.op.as_str(), new_text) {
        ("insert", Some(text)) => Some(AmendmentOp::Insert { text }),
        ("replace", Some(text)) => Some(AmendmentOp::Replace { text }),
        ("delete", _) => Some(AmendmentOp::Delete),
        (op, _) => {
            errors.push(FieldError {
                field: "op".into(),
                message: format!("{op:?}: use insert or replace (with text), or delete"),
            });
            None
        }
    };
    Some(AmendmentDraft {
        version: input.version,
        paragraph: input.paragraph,
        op: op?,
        rationale: rationale?,
    })
}
