//! `GET /api/v1/map` (the live picture in a viewport, as GeoJSON) and `GET /api/v1/map/stream`
//! (its changes as server-sent events). Signed-in readers only; every item goes through the
//! access policy (see [`crate::map`]).

use std::convert::Infallible;
use std::sync::Arc;

use accord_core::{Action, Classification};
use accord_store::Applied;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::Stream;
use futures_util::StreamExt as _;
use serde::Deserialize;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::map::{Filters, parse_bbox, parse_limit};
use crate::viewer::{Ctx, unix_now};

/// The query of `GET /api/v1/map`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MapParams {
    /// The viewport: `west,south,east,north` in degrees (WGS 84); absent: the whole world.
    bbox: Option<String>,
    /// Incident types, comma-separated (`natural_disaster`, `epidemic`, `terrorist_act`,
    /// `armed_incident`, `industrial_or_cbrn_accident`, `mass_migration`, `other`): incidents
    /// of these types and alerts whose CAP categories stand for them (Geo, Met, Fire, Env: a
    /// natural disaster; Health: an epidemic; Security: a terrorist act or an armed incident;
    /// CBRNE, Safety: an industrial or CBRN accident; the rest: other). Units are not typed.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    kind: Option<String>,
    /// The least severity (`minor`, `moderate`, `severe`, `extreme`) of incidents and alerts
    /// (an alert of unknown severity does not pass). Units are not graded.
    severity: Option<String>,
    /// A member state's code: incidents affecting it, units it contributes, alerts its accounts
    /// (its national crisis centre) reported.
    state: Option<String>,
    /// The most items answered as features (1 to 1,000, the default); above it, counts per
    /// cell of a grid over the viewport.
    limit: Option<String>,
}

/// The live picture in a viewport: live alert areas, open incidents and units the reader may
/// read, as a GeoJSON FeatureCollection with `total` (items matched), `aggregated`, `limit`
/// and `size` (the log's size it reflects). Above `limit` items the features are counts per
/// cell (`kind: cluster`, with the cell's `bbox`) of a grid over the viewport.
#[utoipa::path(get, path = "/api/v1/map", tag = "crisis", params(MapParams),
    security(("bearer" = [])),
    responses((status = 200, content_type = "application/geo+json", body = Object,
            description = "Features: alerts (a polygon, or a point with `radius_m`, per area; `link` opens an incident from the alert), incidents (`link` to the incident), units (home base, readiness); or clusters"),
        (status = 401, body = crate::error::Problem, description = "Not signed in"),
        (status = 422, body = crate::error::Problem, description = "A bad viewport or filter, named in `errors[].field`")))]
pub async fn get(
    State(app): State<AppState>,
    ctx: Ctx,
    params: Result<Query<MapParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    require(&ctx, Action::OpenWorkspace, Classification::Public)?;
    let Query(params) = params.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let mut errors = Vec::new();
    let view = parse_bbox(params.bbox.as_deref()).map_err(|e| errors.push(e));
    let filters = Filters::parse(
        params.kind.as_deref(),
        params.severity.as_deref(),
        params.state.as_deref(),
    )
    .map_err(|e| errors.extend(e));
    let limit = parse_limit(params.limit.as_deref()).map_err(|e| errors.push(e));
    let (Ok(view), Ok(filters), Ok(limit)) = (view, filters, limit) else {
        return Err(AppError::Invalid(errors));
    };
    let app2 = app.clone();
    let principal = ctx.viewer.principal.clone();
    let now = unix_now();
    let body = tokio::task::spawn_blocking(move || {
        app2.map
            .answer(&app2.journal, &principal, &view, &filters, limit, now)
    })
    .await
    .map_err(|e| AppError::internal("the map query", e))?;
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/geo+json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// The live picture's changes: events named `map` (JSON `{"seq","changes":[{"id","features"}]}`:
/// each item changed, with its features as they now are; none: off the picture), only the
/// changes the reader may read; `reload` when this client fell behind and should query again.
/// Expiry sends nothing: an alert's `expires` is in its features.
#[utoipa::path(get, path = "/api/v1/map/stream", tag = "crisis",
    security(("bearer" = [])),
    responses((status = 200, content_type = "text/event-stream", description = "map changes as entries are applied"),
        (status = 401, body = crate::error::Problem, description = "Not signed in")))]
pub async fn stream(
    State(app): State<AppState>,
    ctx: Ctx,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    require(&ctx, Action::OpenWorkspace, Classification::Public)?;
    let mut stopping = app.stopping.clone();
    let stop = async move {
        let _ = stopping.wait_for(|s| *s).await;
    };
    let live = app.clone();
    let events = BroadcastStream::new(app.journal.subscribe())
        .filter_map(move |item| std::future::ready(render(&live, &ctx, item).map(Ok)))
        .take_until(stop);
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}

fn render(
    app: &AppState,
    ctx: &Ctx,
    item: Result<Arc<Applied>, BroadcastStreamRecvError>,
) -> Option<Event> {
    match item {
        Ok(applied) => {
            let delta = app.map.feed.delta(&app.journal, &applied);
            if delta.is_empty() {
                return None;
            }
            delta.event_for(&ctx.viewer.principal)
        }
        Err(BroadcastStreamRecvError::Lagged(n)) => {
            Some(Event::default().event("reload").data(n.to_string()))
        }
    }
}
