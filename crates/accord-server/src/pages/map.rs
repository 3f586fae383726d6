//! `GET /map`: the Crisis Response Centre's common operational picture. The page holds the
//! map, the filters, the list of what is shown and the readiness legend; `assets/map.js`
//! fills them from `GET /api/v1/map` and keeps them live from `GET /api/v1/map/stream`.

use accord_core::{Action, Classification};
use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::viewer::Ctx;

use super::view::{Choice, member_choices};
use super::{Page, content_lang, here, render};

/// The incident types, as the API names them.
pub const TYPES: [&str; 7] = [
    "natural_disaster",
    "epidemic",
    "terrorist_act",
    "armed_incident",
    "industrial_or_cbrn_accident",
    "mass_migration",
    "other",
];

/// The severities, least first.
pub const SEVERITIES: [&str; 4] = ["minor", "moderate", "severe", "extreme"];

/// The readiness of units, as the legend lists them.
pub const READINESS: [&str; 4] = ["ready", "reduced", "not_available", "deployed"];

/// The capabilities of units.
pub const CAPABILITIES: [&str; 9] = [
    "field_hospital",
    "medical_evacuation",
    "cbrn_detection",
    "biosecurity_laboratory",
    "search_and_rescue",
    "engineering",
    "airlift",
    "water_purification",
    "peacekeeping_battalion",
];

/// The statuses of incidents.
pub const STATUSES: [&str; 5] = ["monitoring", "active", "response", "recovery", "closed"];

/// A message the script shows, passed in a `data-` attribute.
#[derive(Debug)]
pub struct Message {
    /// The attribute's suffix (`data-t-…`).
    pub key: String,
    /// The text.
    pub text: String,
}

#[derive(Template)]
#[template(path = "map.html")]
struct MapPage<'a> {
    page: Page<'a>,
    types: Vec<Choice>,
    severities: Vec<Choice>,
    states: Vec<Choice>,
    readiness: Vec<Choice>,
    messages: Vec<Message>,
}

/// `GET /map`.
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::OpenWorkspace, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let choices = |prefix: &str, values: &[&str]| -> Vec<Choice> {
        values
            .iter()
            .map(|v| Choice::new(v, tr.t(&format!("{prefix}-{v}"))))
            .collect()
    };
    let types = choices("incident-type", &TYPES);
    let severities = choices("severity", &SEVERITIES);
    let readiness = choices("readiness", &READINESS);
    let states = member_choices(&tr, &app.journal.state(), lang);
    let mut messages: Vec<Message> = [
        "alert",
        "incident",
        "unit",
        "cluster",
        "open-incident-from-alert",
        "open-incident",
        "open-units",
        "expires",
        "radius",
        "readiness-label",
        "severity-label",
        "status-label",
        "capability-label",
        "count-shown",
        "aggregated",
        "none",
        "live",
        "reconnecting",
        "zoom-in",
    ]
    .into_iter()
    .map(|key| Message {
        key: key.to_owned(),
        text: tr.t(&format!("map-js-{key}")),
    })
    .collect();
    messages.push(Message {
        key: "filter-state".to_owned(),
        text: tr.t("map-filter-state"),
    });
    for (prefix, values) in [
        ("incident-type", &TYPES[..]),
        ("severity", &SEVERITIES[..]),
        ("readiness", &READINESS[..]),
        ("capability", &CAPABILITIES[..]),
        ("incident-status", &STATUSES[..]),
    ] {
        messages.extend(values.iter().map(|v| Message {
            key: format!("{prefix}-{}", v.replace('_', "-")),
            text: tr.t(&format!("{prefix}-{v}")),
        }));
    }
    render(
        StatusCode::OK,
        &MapPage {
            page: Page::new(&app, &ctx, &here(&uri), tr.t("map-title")),
            types,
            severities,
            states,
            readiness,
            messages,
        },
    )
}
