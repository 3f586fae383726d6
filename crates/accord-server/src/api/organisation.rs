//! `GET /api/v1/organisation`: the organisation, its registries of states and organisations,
//! bodies and chair.

use std::collections::BTreeMap;

use accord_core::{Action, Classification, Text};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse as _, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::viewer::Ctx;

/// A text per language, with the authentic language named.
#[derive(Debug, Serialize, ToSchema)]
pub struct TextView {
    /// The authentic language.
    authentic: String,
    /// The text per language.
    values: BTreeMap<String, String>,
}

impl From<&Text> for TextView {
    fn from(text: &Text) -> Self {
        TextView {
            authentic: text.authentic().as_str().to_owned(),
            values: text
                .iter()
                .map(|(l, v)| (l.as_str().to_owned(), v.to_owned()))
                .collect(),
        }
    }
}

/// A state of the registry.
#[derive(Debug, Serialize, ToSchema)]
pub struct StateView {
    /// ISO 3166 alpha-2 code.
    code: String,
    /// Its name.
    name: TextView,
    /// member, observer or partner.
    status: String,
    /// Since when (YYYY-MM-DD).
    since: String,
}

/// An organisation of the registry: a configured partner organisation, or one granted a status.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerView {
    /// Its id.
    id: String,
    /// Its name.
    name: TextView,
    /// observer or partner.
    status: String,
    /// Since when (YYYY-MM-DD).
    since: String,
}

/// A body of the organisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct BodyView {
    /// Its id.
    id: String,
    /// Its name.
    name: TextView,
}

/// The organisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationView {
    /// Its name.
    name: TextView,
    /// Official languages; the first is not necessarily the authentic one.
    languages: Vec<String>,
    /// The authentic language.
    authentic_language: String,
    /// The registry of states.
    states: Vec<StateView>,
    /// The registry of organisations.
    organisations: Vec<PartnerView>,
    /// Its bodies.
    bodies: Vec<BodyView>,
    /// The state holding the chair today.
    chair: Option<String>,
}

/// The organisation.
#[utoipa::path(get, path = "/api/v1/organisation", tag = "organisation",
    responses((status = 200, body = OrganisationView)))]
pub async fn get(State(app): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let today = crate::viewer::today()?;
    // The same for every reader: built once per size of the log and day ([`crate::cache`]).
    let json = app.cache.organisation(&app, today, || {
        serde_json::to_vec(&view(&app, today)?)
            .map(Bytes::from)
            .map_err(|e| AppError::internal("the organisation as JSON", e))
    })?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        json,
    )
        .into_response())
}

fn view(app: &AppState, today: accord_core::Date) -> Result<OrganisationView, AppError> {
    let state = app.journal.state();
    let config = state.config().ok_or(AppError::NotFound)?;
    Ok(OrganisationView {
        name: config.name().into(),
        languages: config
            .official_languages()
            .iter()
            .map(|l| l.as_str().to_owned())
            .collect(),
        authentic_language: config.authentic_language().as_str().to_owned(),
        states: state
            .states()
            .iter()
            .map(|(code, s)| StateView {
                code: code.to_string(),
                name: (&s.name).into(),
                status: s.status.as_str().to_owned(),
                since: s.since.to_string(),
            })
            .collect(),
        organisations: state
            .status()
            .organisations()
            .values()
            .map(|o| PartnerView {
                id: o.id.to_string(),
                name: (&o.name).into(),
                status: o.status().as_str().to_owned(),
                since: o
                    .history
                    .last()
                    .map_or_else(String::new, |s| s.since.to_string()),
            })
            .collect(),
        bodies: config
            .bodies()
            .iter()
            .map(|b| BodyView {
                id: b.id.to_string(),
                name: (&b.name).into(),
            })
            .collect(),
        chair: state.chair_on(today).map(|c| c.to_string()),
    })
}
