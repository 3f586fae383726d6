//! `GET /api/v1/events/stream`: server-sent events of the entries as they are applied. Every
//! client gets each entry's envelope (the log is open to all); the body only when the policy
//! lets that client read it.

use std::convert::Infallible;
use std::sync::Arc;

use accord_core::{Action, Classification, Resource};
use accord_store::Applied;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use futures_util::StreamExt as _;
use serde::Serialize;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;

use crate::access::{may_read, require};
use crate::app::AppState;
use crate::error::AppError;
use crate::viewer::Ctx;

use super::entries::EntryView;

#[derive(Serialize)]
struct Live {
    #[serde(flatten)]
    envelope: EntryView,
    body: Option<serde_json::Value>,
}

/// The stream of applied entries: events named `entry` (JSON: the envelope and, for cleared
/// readers, the body), and `lagged` when this client fell behind and should reload.
#[utoipa::path(get, path = "/api/v1/events/stream", tag = "log",
    responses((status = 200, content_type = "text/event-stream", description = "entries as they are applied")))]
pub async fn stream(
    State(app): State<AppState>,
    ctx: Ctx,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    require(&ctx, Action::ReadLog, Classification::Public)?;
    let mut stopping = app.stopping.clone();
    let stop = async move {
        let _ = stopping.wait_for(|s| *s).await;
    };
    let live = app.clone();
    let events = BroadcastStream::new(app.journal.subscribe())
        .map(move |item| Ok(render(&live, &ctx, item)))
        .take_until(stop);
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}

/// An entry as its event: rendered once per entry for the readers cleared for its body and once
/// for the others, whatever the number of streams ([`crate::cache`]).
fn render(
    app: &AppState,
    ctx: &Ctx,
    item: Result<Arc<Applied>, BroadcastStreamRecvError>,
) -> Event {
    match item {
        Ok(applied) => {
            let resource = Resource {
                classification: applied.envelope.classification(),
                release: applied.event.release(),
            };
            let cleared = may_read(ctx, &resource);
            let seq = applied.envelope.seq().0;
            app.cache.live_event(seq, cleared, || {
                let live = Live {
                    envelope: EntryView::from(&applied.envelope),
                    body: cleared
                        .then(|| applied.event.body_bytes().ok())
                        .flatten()
                        .and_then(|bytes| serde_json::from_slice(&bytes).ok()),
                };
                Event::default()
                    .event("entry")
                    .id(seq.to_string())
                    .json_data(&live)
                    .unwrap_or_else(|_| Event::default().event("error"))
            })
        }
        Err(BroadcastStreamRecvError::Lagged(n)) => {
            Event::default().event("lagged").data(n.to_string())
        }
    }
}
