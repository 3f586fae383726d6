//! Prometheus metrics: requests and their latencies per route and status, and the log's own
//! gauges (size, checkpoint age, each witness's last cosignature), written in the text format.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::app::AppState;

/// Latency bucket bounds, in seconds.
const BUCKETS: [f64; 10] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5,
];

#[derive(Debug, Default)]
struct Series {
    count: AtomicU64,
    /// Microseconds.
    sum: AtomicU64,
    buckets: [AtomicU64; BUCKETS.len()],
}

/// The request counters.
#[derive(Debug, Default)]
pub struct Metrics {
    series: RwLock<HashMap<(String, String, u16), Arc<Series>>>,
}

impl Metrics {
    fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let key = (method.to_owned(), route.to_owned(), status);
        let existing = self.series.read().expect("not poisoned").get(&key).cloned();
        let series = match existing {
            Some(series) => series,
            None => self
                .series
                .write()
                .expect("not poisoned")
                .entry(key)
                .or_default()
                .clone(),
        };
        series.count.fetch_add(1, Ordering::Relaxed);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a latency in microseconds fits easily"
        )]
        series
            .sum
            .fetch_add((seconds * 1e6) as u64, Ordering::Relaxed);
        for (bound, bucket) in BUCKETS.iter().zip(&series.buckets) {
            if seconds <= *bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// The request series in the Prometheus text format.
    fn write_requests(&self, out: &mut String) {
        let series = self.series.read().expect("not poisoned");
        let mut keys: Vec<_> = series.keys().collect();
        keys.sort();
        out.push_str("# HELP accord_http_requests_total HTTP requests answered.\n");
        out.push_str("# TYPE accord_http_requests_total counter\n");
        for key in &keys {
            let s = &series[*key];
            let _ = writeln!(
                out,
                "accord_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}",
                key.0,
                escape(&key.1),
                key.2,
                s.count.load(Ordering::Relaxed)
            );
        }
        out.push_str("# HELP accord_http_request_duration_seconds Time to answer, by route.\n");
        out.push_str("# TYPE accord_http_request_duration_seconds histogram\n");
        for key in &keys {
            let s = &series[*key];
            let labels = format!(
                "method=\"{}\",route=\"{}\",status=\"{}\"",
                key.0,
                escape(&key.1),
                key.2
            );
            for (bound, bucket) in BUCKETS.iter().zip(&s.buckets) {
                let _ = writeln!(
                    out,
                    "accord_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {}",
                    bucket.load(Ordering::Relaxed)
                );
            }
            let count = s.count.load(Ordering::Relaxed);
            let _ = writeln!(
                out,
                "accord_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {count}"
            );
            #[expect(clippy::cast_precision_loss, reason = "a sum of microseconds")]
            let sum = s.sum.load(Ordering::Relaxed) as f64 / 1e6;
            let _ = writeln!(
                out,
                "accord_http_request_duration_seconds_sum{{{labels}}} {sum}"
            );
            let _ = writeln!(
                out,
                "accord_http_request_duration_seconds_count{{{labels}}} {count}"
            );
        }
    }
}

fn escape(label: &str) -> String {
    label.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The middleware that times every request under its route's pattern (never its raw path, so
/// that ids do not multiply the series).
pub async fn track(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    app.metrics.observe(
        &method,
        &route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// The whole metrics page.
pub async fn render(app: &AppState, now: i64) -> String {
    use accord_store::Store as _;
    let mut out = String::new();
    app.metrics.write_requests(&mut out);
    let _ = writeln!(
        out,
        "# HELP accord_log_size Entries in the committed log.\n# TYPE accord_log_size gauge\naccord_log_size {}",
        app.journal.committed()
    );
    if let Some(cp) = app.journal.latest_checkpoint() {
        let _ = writeln!(
            out,
            "# HELP accord_checkpoint_size Size of the latest signed checkpoint.\n# TYPE accord_checkpoint_size gauge\naccord_checkpoint_size {}",
            cp.size
        );
        let _ = writeln!(
            out,
            "# HELP accord_checkpoint_age_seconds Age of the latest signed checkpoint.\n# TYPE accord_checkpoint_age_seconds gauge\naccord_checkpoint_age_seconds {}",
            now - cp.created_at
        );
    }
    if let Ok(cosignatures) = app.journal.store().latest_cosignatures().await {
        out.push_str("# HELP accord_witness_cosigned_size Largest checkpoint each witness cosigned.\n# TYPE accord_witness_cosigned_size gauge\n");
        for c in &cosignatures {
            let _ = writeln!(
                out,
                "accord_witness_cosigned_size{{witness=\"{}\"}} {}",
                escape(&c.witness),
                c.size
            );
        }
        out.push_str("# HELP accord_witness_last_cosignature_timestamp_seconds When each witness last cosigned.\n# TYPE accord_witness_last_cosignature_timestamp_seconds gauge\n");
        for c in &cosignatures {
            let _ = writeln!(
                out,
                "accord_witness_last_cosignature_timestamp_seconds{{witness=\"{}\"}} {}",
                escape(&c.witness),
                c.timestamp
            );
        }
    }
    out
}
