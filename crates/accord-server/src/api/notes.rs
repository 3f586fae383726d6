//! `POST /api/v1/notes`: record a free note through the write path.

use std::collections::BTreeMap;

use accord_core::{
    Action, Classification, Command, CommandPayload, Lang, Recipient, Resource, Text,
};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::decide;
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::viewer::Ctx;

use super::{check_csrf_header, json_body};

/// A note to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNote {
    /// The text per language (`{"ru": "…", "en": "…"}`); the authentic language is required.
    text: BTreeMap<String, String>,
    /// public, restricted or confidential (default: the organisation's default).
    classification: Option<String>,
    /// Who it is released to beyond its classification.
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    release: Vec<serde_json::Value>,
}

/// What a command wrote.
#[derive(Debug, Serialize, ToSchema)]
pub struct Written {
    /// The index of its first entry.
    first: u64,
    /// How many entries.
    count: usize,
    /// The log's size after it.
    size: u64,
}

/// Record a note.
#[utoipa::path(post, path = "/api/v1/notes", tag = "notes", request_body = NewNote,
    security(("bearer" = [])),
    responses((status = 201, body = Written), (status = 400, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 413, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<NewNote>, JsonRejection>,
) -> Result<(StatusCode, Json<Written>), AppError> {
    check_csrf_header(&ctx, &headers)?;
    let note = json_body(body)?;
    let authentic = app
        .journal
        .state()
        .config()
        .map(accord_core::OrgConfig::authentic_language)
        .ok_or(AppError::NotFound)?;
    let (text, classification, release) = validate(note, authentic)?;
    decide(
        &ctx,
        accord_core::policy::can(
            &ctx.viewer.principal,
            Action::WriteNote,
            &Resource {
                classification: classification.unwrap_or(Classification::Restricted),
                release: &release,
            },
        ),
    )?;
    let receipt = app
        .journal
        .submit(Command {
            principal: ctx.viewer.principal.clone(),
            payload: CommandPayload::RecordNote {
                text,
                classification,
                release,
            },
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(Written {
            first: receipt.first.0,
            count: receipt.count,
            size: receipt.size,
        }),
    ))
}

type Valid = (Text, Option<Classification>, Vec<Recipient>);

/// Checks every field and names each bad one.
fn validate(note: NewNote, authentic: Lang) -> Result<Valid, AppError> {
    let mut errors = Vec::new();
    let mut field = |field: String, message: String| errors.push(FieldError { field, message });
    let mut values = BTreeMap::new();
    for (tag, value) in note.text {
        match Lang::parse(&tag) {
            Ok(lang) if value.trim().is_empty() => {
                field(
                    format!("text.{}", lang.as_str()),
                    "the text is empty".into(),
                );
            }
            Ok(lang) => {
                values.insert(lang, value);
            }
            Err(e) => field(format!("text.{tag}"), format!("not a language tag: {e}")),
        }
    }
    if !values.contains_key(&authentic) {
        field(
            format!("text.{}", authentic.as_str()),
            format!("the authentic language {} is required", authentic.as_str()),
        );
    }
    let classification = match note.classification.as_deref().map(Classification::parse) {
        None => None,
        Some(Ok(c)) => Some(c),
        Some(Err(e)) => {
            field("classification".into(), e.to_string());
            None
        }
    };
    let mut release = Vec::new();
    for (i, value) in note.release.into_iter().enumerate() {
        match serde_json::from_value::<Recipient>(value) {
            Ok(r) => release.push(r),
            Err(e) => field(format!("release[{i}]"), e.to_string()),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let text = Text::from_map(authentic, values).map_err(|e| {
        AppError::Invalid(vec![FieldError {
            field: "text".into(),
            message: e.to_string(),
        }])
    })?;
    Ok((text, classification, release))
}
