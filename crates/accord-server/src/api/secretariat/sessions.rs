//! Sessions: listing, scheduling and changing them, and their status.

use std::collections::BTreeMap;

use accord_core::secretariat::model::{Session, SessionFormat, SessionId, SessionStatus};
use accord_core::secretariat::{SecretariatCommand as C, SessionDetails};
use accord_core::{Action, BodyId, Classification, Lang, StateCode};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::access::gate;
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::secretariat::{authentic, may_see_session, text_from};
use crate::viewer::Ctx;

use super::{TextIn, ZonedIn, command, json_body, parse_field, serde_field, text, zoned, zoned_in};

/// A session's details.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionIn {
    /// The body (`cfm`); ignored when changing a session.
    #[serde(default)]
    body: Option<String>,
    /// The body's number for it; ignored when changing a session.
    #[serde(default)]
    number: Option<u32>,
    /// Its title per language.
    #[schema(value_type = Object)]
    title: TextIn,
    /// When it opens.
    start: ZonedIn,
    /// When it closes.
    end: ZonedIn,
    /// `in_person`, `videoconference` or `hybrid`.
    format: String,
    /// The venue per language (in person, hybrid).
    #[serde(default)]
    #[schema(value_type = Object)]
    venue: Option<TextIn>,
    /// The videoconference link (videoconference, hybrid).
    #[serde(default)]
    link: Option<String>,
    /// The chair's state code (default: the chairmanship).
    #[serde(default)]
    chair: Option<String>,
    /// Each delegation's members (default: every member state).
    #[serde(default)]
    #[schema(value_type = Object)]
    participants: Option<BTreeMap<String, Vec<String>>>,
    /// public, restricted or confidential (default: the organisation's default).
    #[serde(default)]
    classification: Option<String>,
    /// Whether observer states may attend (and read it); ignored when changing a session
    /// (`POST /api/v1/sessions/{id}/open-to-observers` changes it).
    #[serde(default)]
    open_to_observers: Option<bool>,
}

/// The sessions the reader may see.
#[utoipa::path(get, path = "/api/v1/sessions", tag = "sessions",
    responses((status = 200, body = Object)))]
pub async fn list_sessions(State(app): State<AppState>, ctx: Ctx) -> Json<Value> {
    let state = app.journal.state();
    let sessions: Vec<Value> = state
        .secretariat()
        .sessions()
        .values()
        .filter(|s| may_see_session(&ctx, s))
        .map(|s| session_view(s))
        .collect();
    Json(json!({ "sessions": sessions }))
}

/// Schedule a session (Secretariat).
#[utoipa::path(post, path = "/api/v1/sessions", tag = "sessions", request_body = SessionIn,
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn schedule(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<SessionIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let (details, classification) = session_in(&input, authentic(&app)?)?;
    let mut errors = Vec::new();
    let body_id = match input.body.as_deref() {
        Some(b) => parse_field("body", b, BodyId::parse, &mut errors),
        None => {
            errors.push(FieldError {
                field: "body".into(),
                message: "the body holding the session is required".into(),
            });
            None
        }
    };
    if input.number.is_none() {
        errors.push(FieldError {
            field: "number".into(),
            message: "the session's number is required".into(),
        });
    }
    super::invalid_if_any(errors)?;
    let (Some(body_id), Some(number)) = (body_id, input.number) else {
        return Err(AppError::BadRequest("body and number are required".into()));
    };
    let schedule = C::ScheduleSession {
        body: body_id,
        number,
        details,
        classification,
        open_to_observers: input.open_to_observers.unwrap_or(false),
    };
    command(&app, &ctx, &headers, schedule).await
}

/// A session.
#[utoipa::path(get, path = "/api/v1/sessions/{id}", tag = "sessions",
    params(("id" = u64, Path, description = "The session's number")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)))]
pub async fn get_session(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
) -> Result<Json<Value>, AppError> {
    visible_session(&app, &ctx, id).map(Json)
}

/// Change a planned session's details (Secretariat); its sequence goes up.
#[utoipa::path(put, path = "/api/v1/sessions/{id}", tag = "sessions", request_body = SessionIn,
    params(("id" = u64, Path, description = "The session's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn change_session(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<SessionIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let (details, _) = session_in(&input, authentic(&app)?)?;
    let change = C::ChangeSession {
        session: SessionId(id),
        details,
    };
    command(&app, &ctx, &headers, change).await
}

/// A session's new status.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusIn {
    /// convened, concluded or cancelled.
    status: String,
}

/// Convene, conclude or cancel a session (Secretariat).
#[utoipa::path(post, path = "/api/v1/sessions/{id}/status", tag = "sessions", request_body = StatusIn,
    params(("id" = u64, Path, description = "The session's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn set_status(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<StatusIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let status: Option<SessionStatus> = serde_field("status", &input.status, &mut errors);
    super::invalid_if_any(errors)?;
    let status = status.ok_or_else(|| AppError::BadRequest("status".into()))?;
    let change = C::SetSessionStatus {
        session: SessionId(id),
        status,
    };
    command(&app, &ctx, &headers, change).await
}

fn session_in(
    input: &SessionIn,
    authentic: Lang,
) -> Result<(SessionDetails, Option<Classification>), AppError> {
    let mut errors = Vec::new();
    let title = text_from("title", &input.title, authentic, &mut errors);
    let start = zoned_in("start", &input.start, &mut errors);
    let end = zoned_in("end", &input.end, &mut errors);
    let venue = input
        .venue
        .as_ref()
        .and_then(|v| text_from("venue", v, authentic, &mut errors));
    let link = input.link.clone().filter(|l| !l.trim().is_empty());
    let format = match (input.format.as_str(), venue, link) {
        ("in_person", Some(venue), _) => Some(SessionFormat::InPerson { venue }),
        ("videoconference", _, Some(link)) => Some(SessionFormat::Videoconference { link }),
        ("hybrid", Some(venue), Some(link)) => Some(SessionFormat::Hybrid { venue, link }),
        (kind, _, _) => {
            errors.push(FieldError {
                field: "format".into(),
                message: format!(
                    "{kind:?}: use in_person (with venue), videoconference (with link) or hybrid (with both)"
                ),
            });
            None
        }
    };
    let chair = input
        .chair
        .as_deref()
        .and_then(|c| parse_field("chair", c, StateCode::parse, &mut errors));
    let participants = input.participants.as_ref().map(|given| {
        given
            .iter()
            .filter_map(|(code, names)| {
                let code = parse_field(
                    &format!("participants.{code}"),
                    code,
                    StateCode::parse,
                    &mut errors,
                )?;
                Some((code, names.clone()))
            })
            .collect::<BTreeMap<_, _>>()
    });
    let classification = input
        .classification
        .as_deref()
        .and_then(|c| parse_field("classification", c, Classification::parse, &mut errors));
    match (title, start, end, format) {
        (Some(title), Some(start), Some(end), Some(format)) if errors.is_empty() => Ok((
            SessionDetails {
                title,
                start,
                end,
                format,
                chair,
                participants,
            },
            classification,
        )),
        _ => Err(AppError::Invalid(errors)),
    }
}

fn visible_session(app: &AppState, ctx: &Ctx, id: u64) -> Result<Value, AppError> {
    let state = app.journal.state();
    let session = state
        .secretariat()
        .session(SessionId(id))
        .filter(|s| may_see_session(ctx, s))
        .ok_or(AppError::NotFound)?;
    Ok(session_view(session))
}

fn session_view(session: &Session) -> Value {
    let format = match &session.format {
        SessionFormat::InPerson { venue } => json!({"kind": "in_person", "venue": text(venue)}),
        SessionFormat::Videoconference { link } => json!({"kind": "videoconference", "link": link}),
        SessionFormat::Hybrid { venue, link } => {
            json!({"kind": "hybrid", "venue": text(venue), "link": link})
        }
    };
    json!({
        "id": session.id.0,
        "body": session.body.as_str(),
        "number": session.number,
        "title": text(&session.title),
        "start": zoned(&session.start),
        "end": zoned(&session.end),
        "format": format,
        "chair": session.chair.as_str(),
        "participants": session.participants.iter().map(|(c, names)| (c.as_str().to_owned(), names.clone())).collect::<BTreeMap<_, _>>(),
        "status": session.status.as_str(),
        "classification": session.classification.as_str(),
        "sequence": session.sequence,
        "minutes": session.minutes.map(|d| d.0),
        "packages": session.packages.iter().map(|p| p.0).collect::<Vec<_>>(),
        "open_to_observers": session.open_to_observers,
        "observers": session.observers.iter().map(|(c, names)| (c.as_str().to_owned(), names.clone())).collect::<BTreeMap<_, _>>(),
        "agenda": session.agenda.iter().map(|item| json!({
            "number": item.number,
            "title": text(&item.title),
            "documents": item.documents.iter().map(|d| d.0).collect::<Vec<_>>(),
            "recommended_by": item.recommended_by.as_ref().map(|r| json!({"session": r.session.0, "item": r.item, "body": r.body.as_str()})),
            "procedures": item.procedures.iter().map(|p| p.0).collect::<Vec<_>>(),
            "outcome": item.outcome.as_ref().map(text),
        })).collect::<Vec<_>>(),
    })
}
