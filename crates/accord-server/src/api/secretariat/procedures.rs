//! Decision procedures: silence on a document, positions, breaking silence and closing a
//! procedure in session.

use accord_core::secretariat::model::{DocumentId, Position, Procedure, ProcedureId};
use accord_core::secretariat::{SecretariatCommand as C, rules};
use accord_core::{Action, Lang, StateCode, Text};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::access::{gate, may_read};
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::secretariat::{authentic, procedure_resource, text_from};
use crate::viewer::Ctx;

use super::{
    TextIn, ZonedIn,
    amendments::{AmendmentIn, amendment_in},
    command, json_body, zoned, zoned_in,
};

/// A silence procedure's deadline.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SilenceIn {
    /// The deadline: a local time in an IANA zone, to the second.
    deadline: ZonedIn,
}

/// Launch a silence procedure on the document's current version (Secretariat).
#[utoipa::path(post, path = "/api/v1/documents/{id}/silence", tag = "procedures", request_body = SilenceIn,
    params(("id" = u64, Path, description = "The document's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn launch_silence(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<SilenceIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let deadline = zoned_in("deadline", &input.deadline, &mut errors);
    super::invalid_if_any(errors)?;
    let launch = C::LaunchSilence {
        document: DocumentId(id),
        deadline: deadline.ok_or_else(|| AppError::BadRequest("deadline".into()))?,
    };
    command(&app, &ctx, &headers, launch).await
}

/// A decision procedure with the positions stated.
#[utoipa::path(get, path = "/api/v1/procedures/{id}", tag = "procedures",
    params(("id" = u64, Path, description = "The procedure's number")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)))]
pub async fn get_procedure(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
) -> Result<Json<Value>, AppError> {
    let state = app.journal.state();
    Ok(Json(procedure_view(visible_procedure(&state, &ctx, id)?)))
}

/// A position.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionIn {
    /// agree, agree_with_reservation, interpretative_statement, object, abstain or
    /// not_participating.
    position: String,
    /// The reservation, statement or reason per language (where the position has one).
    #[serde(default)]
    #[schema(value_type = Object)]
    text: Option<TextIn>,
}

/// State the delegation's position (head of delegation of a member state present).
#[utoipa::path(post, path = "/api/v1/procedures/{id}/positions", tag = "procedures", request_body = PositionIn,
    params(("id" = u64, Path, description = "The procedure's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn state_position(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<PositionIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::TakePosition])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let position = position_in(
        &input.position,
        input.text.as_ref(),
        authentic(&app)?,
        &mut errors,
    );
    super::invalid_if_any(errors)?;
    let state = C::StatePosition {
        procedure: ProcedureId(id),
        position: position.ok_or_else(|| AppError::BadRequest("position".into()))?,
    };
    command(&app, &ctx, &headers, state).await
}

/// A position from its name and, where it has one, its text.
pub fn position_in(
    name: &str,
    text: Option<&TextIn>,
    authentic: Lang,
    errors: &mut Vec<FieldError>,
) -> Option<Position> {
    let mut with_text = |make: fn(Text) -> Position| match text {
        Some(values) => text_from("text", values, authentic, errors).map(make),
        None => {
            errors.push(FieldError {
                field: "text".into(),
                message: format!("the position {name} needs its text"),
            });
            None
        }
    };
    match name {
        "agree" => Some(Position::Agree),
        "abstain" => Some(Position::Abstain),
        "not_participating" => Some(Position::NotParticipating),
        "agree_with_reservation" => with_text(|text| Position::AgreeWithReservation { text }),
        "interpretative_statement" => with_text(|text| Position::InterpretativeStatement { text }),
        "object" => with_text(|reason| Position::Object { reason }),
        other => {
            errors.push(FieldError {
                field: "position".into(),
                message: format!(
                    "{other:?}: use agree, agree_with_reservation, interpretative_statement, object, abstain or not_participating"
                ),
            });
            None
        }
    }
}

/// Breaking silence.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakIn {
    /// The objection per language.
    #[schema(value_type = Object)]
    reason: TextIn,
    /// An amendment proposed instead.
    #[serde(default)]
    amendment: Option<AmendmentIn>,
}

/// Break silence before the deadline (head of delegation of a member state).
#[utoipa::path(post, path = "/api/v1/procedures/{id}/break", tag = "procedures", request_body = BreakIn,
    params(("id" = u64, Path, description = "The procedure's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn break_silence(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<BreakIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::TakePosition])?;
    let input = json_body(body)?;
    let authentic = authentic(&app)?;
    let mut errors = Vec::new();
    let reason = text_from("reason", &input.reason, authentic, &mut errors);
    let amendment = input
        .amendment
        .as_ref()
        .map(|a| amendment_in(a, authentic, &mut errors));
    super::invalid_if_any(errors)?;
    let broken = C::BreakSilence {
        procedure: ProcedureId(id),
        reason: reason.ok_or_else(|| AppError::BadRequest("reason".into()))?,
        amendment: amendment.flatten(),
    };
    command(&app, &ctx, &headers, broken).await
}

/// Close a procedure in session once every present state has spoken (Secretariat or the
/// chair's head of delegation).
#[utoipa::path(post, path = "/api/v1/procedures/{id}/close", tag = "procedures",
    params(("id" = u64, Path, description = "The procedure's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn close_procedure(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare, Action::TakePosition])?;
    let close = C::CloseProcedure {
        procedure: ProcedureId(id),
    };
    command(&app, &ctx, &headers, close).await
}

fn visible_procedure<'s>(
    state: &'s accord_core::State,
    ctx: &Ctx,
    id: u64,
) -> Result<&'s Procedure, AppError> {
    state
        .secretariat()
        .procedure(ProcedureId(id))
        .filter(|p| may_read(ctx, &procedure_resource(p)))
        .ok_or(AppError::NotFound)
}

fn procedure_view(procedure: &Procedure) -> Value {
    json!({
        "id": procedure.id.0,
        "document": procedure.document.0,
        "version": procedure.version,
        "body": procedure.body.as_str(),
        "rule": procedure.rule.to_string(),
        "item": procedure.item.map(|(s, i)| json!({"session": s.0, "item": i})),
        "deadline": procedure.deadline.as_ref().map(zoned),
        "present": procedure.present.iter().map(StateCode::as_str).collect::<Vec<_>>(),
        "positions": serde_json::to_value(&procedure.positions).unwrap_or(Value::Null),
        "missing": rules::missing_positions(&procedure.present, &procedure.positions).iter().map(StateCode::as_str).collect::<Vec<_>>(),
        "opened_at": procedure.opened_at.to_string(),
        "outcome": procedure.outcome.as_ref().map(|o| serde_json::to_value(o).unwrap_or(Value::Null)),
    })
}
