//! The JSON API under `/api/v1`, described by an OpenAPI 3.1 document at
//! `/api/v1/openapi.json`. Errors are RFC 9457 problem documents.

pub mod alerts;
pub mod cap;
pub mod crisis;
pub mod entries;
pub mod exchange;
pub mod feeds;
pub mod forces;
pub mod map;
pub mod notes;
pub mod organisation;
pub mod peacekeeping;
pub mod plans;
pub mod publications;
pub mod search;
pub mod secretariat;
pub mod status;
pub mod stream;
pub mod tokens;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use utoipa::OpenApi;

use crate::auth;
use crate::error::{AppError, FieldError, Problem};
use crate::viewer::Ctx;

/// The OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Accord API",
        description = "The organisation's secretariat and crisis response centre. Every change is an entry in an append-only, verifiable log. Machine clients sign in with a bearer token an administrator created; browsers with their session (and an X-CSRF-Token header on writes).",
        version = "1"
    ),
    paths(
        organisation::get,
        entries::list,
        entries::get,
        entries::checkpoint,
        entries::me,
        notes::create,
        tokens::list,
        tokens::create,
        tokens::revoke,
        tokens::revoke_sessions,
        stream::stream,
        secretariat::list_sessions,
        secretariat::schedule,
        secretariat::get_session,
        secretariat::change_session,
        secretariat::set_status,
        secretariat::add_item,
        secretariat::conclude_item,
        secretariat::recommend,
        secretariat::open_procedure,
        secretariat::create_package,
        secretariat::record_minutes,
        secretariat::list_documents,
        secretariat::register,
        secretariat::get_document,
        secretariat::make_version,
        secretariat::propose_amendment,
        secretariat::launch_silence,
        secretariat::compare,
        secretariat::get_procedure,
        secretariat::state_position,
        secretariat::break_silence,
        secretariat::close_procedure,
        secretariat::get_decision,
        secretariat::sign,
        secretariat::register_key,
        crate::export::document,
        crate::export::package,
        crate::export::amendment,
        cap::intake,
        crisis::list_incidents,
        crisis::open_incident,
        crisis::get_incident,
        crisis::change_incident,
        crisis::link_alert,
        crisis::issue_sitrep,
        crisis::request_assistance,
        alerts::list_alerts,
        alerts::get_alert,
        alerts::alert_cap,
        forces::list_units,
        forces::register_unit,
        forces::set_readiness,
        forces::get_request,
        forces::matches,
        forces::withdraw_need,
        forces::propose_unit,
        forces::advance_deployment,
        forces::list_duty_log,
        forces::write_note,
        forces::list_agreements,
        forces::make_agreement,
        forces::end_agreement,
        map::get,
        map::stream,
        feeds::list,
        exchange::feed,
        // Plans and strategies, peacekeeping (issue 8).
        plans::list_plans,
        plans::create_plan,
        plans::get_plan,
        plans::add_measure,
        plans::report_progress,
        peacekeeping::overview,
        peacekeeping::establish,
        peacekeeping::add_course,
        peacekeeping::open_intake,
        peacekeeping::certify,
        peacekeeping::form_contingent,
        peacekeeping::assign_unit,
        peacekeeping::issue_mandate,
        // Public information.
        publications::list,
        publications::create,
        publications::get,
        publications::edit,
        publications::publish,
        publications::withdraw,
        publications::images,
        // Status applications, the chairmanship and joint positions in forums.
        status::list,
        status::create,
        status::get,
        status::link_step,
        status::withdraw,
        status::chairmanship,
        status::set_priorities,
        status::deliver,
        // Full-text search.
        search::search,
        // Sessions open to observers.
        secretariat::set_open_to_observers,
        secretariat::record_observers,
        // Partnership protocols.
        status::protocols,
        status::record_protocol,
    ),
    components(schemas(Problem, FieldError, crate::feeds::FeedStatus, crate::feeds::RejectedEntry,
        search::SearchAnswer, search::HitJson, search::VersionJson, search::Segment)),
    modifiers(&BearerAuth)
)]
#[derive(Debug)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /api/v1/openapi.json`.
pub async fn openapi() -> Response {
    Json(ApiDoc::openapi()).into_response()
}

/// A JSON body, or a problem naming what is wrong with it (413 when too large).
pub fn json_body<T>(body: Result<Json<T>, JsonRejection>) -> Result<T, AppError> {
    match body {
        Ok(Json(value)) => Ok(value),
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(AppError::TooLarge),
        Err(JsonRejection::JsonDataError(e)) => Err(AppError::Invalid(vec![FieldError {
            field: data_error_path(&e.body_text()),
            message: e.body_text(),
        }])),
        Err(e) => Err(AppError::BadRequest(e.body_text())),
    }
}

/// The field serde named in a data error: the path before the message (`text.ru: invalid
/// type…`), joined with the field a `missing field` message names; `body` when it names none.
fn data_error_path(text: &str) -> String {
    let detail = text.split_once(": ").map_or(text, |(_, rest)| rest);
    let (path, message) = match detail.split_once(": ") {
        Some((path, message)) if !path.is_empty() && !path.contains(' ') => (path, message),
        _ => ("", detail),
    };
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(field, _)| field);
    match (path, missing) {
        ("", None) => "body".to_owned(),
        ("", Some(field)) => field.to_owned(),
        (path, None) => path.to_owned(),
        (path, Some(field)) => format!("{path}.{field}"),
    }
}

/// A write by a browser session must carry the session's CSRF token in `X-CSRF-Token`; a
/// bearer token needs none.
pub fn check_csrf_header(ctx: &Ctx, headers: &HeaderMap) -> Result<(), AppError> {
    if ctx.viewer.by_token || ctx.viewer.session.is_none() {
        return Ok(());
    }
    let sent = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    match &ctx.viewer.csrf {
        Some(expected) if auth::same_token(expected, sent) => Ok(()),
        _ => Err(AppError::Csrf),
    }
}

/// The answer to a command that wrote: 201 with the entries it wrote and the number of what it
/// created (`null` when it created nothing numbered).
pub fn written(
    receipt: accord_store::Receipt,
    id: impl Into<serde_json::Value>,
) -> (StatusCode, Json<serde_json::Value>) {
    let id: serde_json::Value = id.into();
    (
        StatusCode::CREATED,
        Json(serde_json::json!({
            "first": receipt.first.0, "count": receipt.count, "size": receipt.size, "id": id
        })),
    )
}

/// Every bad field found, as one 422; nothing when there is none.
pub fn invalid_if_any(errors: Vec<FieldError>) -> Result<(), AppError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}
