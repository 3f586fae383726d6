//! `GET /calendar.ics`: the sessions the reader may see, as an iCalendar feed (RFC 5545), for
//! one body with `?body=cfm` or for all. Titles and venues are in the reader's language.

use accord_core::secretariat::model::{SessionFormat, SessionStatus};
use accord_core::{Action, BodyId, Classification};
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse as _, Response};
use serde::Deserialize;

use crate::access::require;
use crate::app::AppState;
use crate::calendar::{Calendar, CalendarEvent, Conference, write};
use crate::error::AppError;
use crate::secretariat::may_see_session;
use crate::viewer::Ctx;

use super::content_lang;

/// The feed's filter.
#[derive(Debug, Deserialize)]
pub struct CalendarQuery {
    body: Option<String>,
}

/// `GET /calendar.ics[?body=ID]`.
pub async fn feed(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(query): Query<CalendarQuery>,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let lang = content_lang(ctx.lang);
    let tr = app.catalog.tr(ctx.lang);
    let body = match query.body.as_deref() {
        Some(id) => Some(BodyId::parse(id).map_err(|e| AppError::BadRequest(e.to_string()))?),
        None => None,
    };
    let stamp = jiff::Timestamp::now();
    // UIDs are unique to this log: its origin names it.
    let origin = app.log_key.name().as_str().replace('/', ".");
    let state = app.journal.state();
    let config = state.config().ok_or(AppError::NotFound)?;
    let body_name = match &body {
        Some(id) => Some(
            config
                .body(id)
                .ok_or(AppError::NotFound)?
                .name
                .localized(lang)
                .text()
                .to_owned(),
        ),
        None => None,
    };
    let org = config.short_name().localized(lang).text().to_owned();
    let name = match &body_name {
        Some(b) => format!("{org}: {b}"),
        None => format!("{org}: {}", tr.t("calendar-name")),
    };
    struct Row {
        uid: String,
        sequence: u32,
        start: jiff::Zoned,
        end: jiff::Zoned,
        summary: String,
        location: Option<String>,
        link: Option<String>,
        cancelled: bool,
    }
    let mut rows = Vec::new();
    for session in state.secretariat().sessions().values() {
        if !may_see_session(&ctx, session) || body.as_ref().is_some_and(|b| *b != session.body) {
            continue;
        }
        let (Some(start), Some(end)) = (session.start.to_zoned(), session.end.to_zoned()) else {
            continue;
        };
        let body_name = config
            .body(&session.body)
            .map(|b| b.name.localized(lang).text().to_owned())
            .unwrap_or_default();
        rows.push(Row {
            uid: format!("session-{}@{origin}", session.id),
            sequence: session.sequence,
            start,
            end,
            summary: format!("{body_name}: {}", session.title.localized(lang).text()),
            location: match &session.format {
                SessionFormat::InPerson { venue } | SessionFormat::Hybrid { venue, .. } => {
                    Some(venue.localized(lang).text().to_owned())
                }
                SessionFormat::Videoconference { .. } => None,
            },
            link: session.format.link().map(str::to_owned),
            cancelled: session.status == SessionStatus::Cancelled,
        });
    }
    drop(state);
    let label = tr.t("calendar-conference");
    let calendar = Calendar {
        name: &name,
        prod_id: "-//Accord//Sessions//EN",
        events: rows
            .iter()
            .map(|r| CalendarEvent {
                uid: r.uid.clone(),
                sequence: r.sequence,
                stamp,
                last_modified: None,
                start: r.start.clone(),
                end: r.end.clone(),
                summary: &r.summary,
                description: None,
                location: r.location.as_deref(),
                conference: r.link.as_deref().map(|uri| Conference {
                    uri,
                    label: Some(&label),
                }),
                url: None,
                cancelled: r.cancelled,
                categories: Vec::new(),
            })
            .collect(),
    };
    let mut response = (StatusCode::OK, write(&calendar)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
