//! Operations: `/healthz` (the process answers), `/readyz` (the store answers and the state is
//! replayed), `/metrics` (Prometheus text).

use accord_store::Store as _;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::viewer::unix_now;

/// `GET /healthz`.
pub async fn healthz() -> &'static str {
    "ok\n"
}

/// `GET /readyz`: 200 when the store answers and the journal is running; 503 otherwise.
pub async fn readyz(State(app): State<AppState>) -> Response {
    if *app.stopping.borrow() {
        return (StatusCode::SERVICE_UNAVAILABLE, "stopping\n").into_response();
    }
    match app.journal.store().log_size().await {
        Ok(size) if size >= app.journal.committed() => "ready\n".into_response(),
        Ok(size) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the store holds {size} entries, the journal {}\n",
                app.journal.committed()
            ),
        )
            .into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness: the store does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "the store does not answer\n",
            )
                .into_response()
        }
    }
}

/// `GET /metrics`.
pub async fn metrics(State(app): State<AppState>) -> Response {
    let mut response = crate::metrics::render(&app, unix_now())
        .await
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}
