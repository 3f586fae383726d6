//! The server under load, against the framework's floor on the same server.
//!
//! `cargo bench -p accord-server --bench http` starts the app on 127.0.0.1 (SQLite, as `accord
//! serve` would run it: a multi-threaded runtime with a worker per core), founds the reference
//! organisation, seeds the demo accounts and about 1,000 entries, adds `GET /bench/floor` (an
//! axum handler returning a fixed body, served beside the app's routes through
//! `Server::merge`, outside the app's layers), and prints:
//!
//! 1. **Throughput.** `wrk --latency` against the floor, `/api/v1/organisation`,
//!    `/api/v1/entries?limit=20` and the record explorer `/record`, one after the other in each
//!    of several rounds, with each target's share of the floor measured in the same round.
//! 2. **Latency at a constant rate** (5,000 requests/s) for the two API reads and the page: a
//!    load generator in a child process (this binary again, `--rate`), every connection on a
//!    fixed schedule, each latency counted from the request's *scheduled* send time, so that a
//!    stall is not hidden by the requests it delayed (wrk2's correction; only wrk is packaged).
//! 3. **Server-sent events.** 1,000 clients of `/api/v1/events/stream` in a child process
//!    (`--sse-clients`), then one note at a time posted through the API; every client
//!    timestamps the entry's arrival (system clock, shared by the two processes) and the
//!    latency runs from just before the POST was sent.
//! 4. **The map's live feed.** The same, with 1,000 clients of `/api/v1/map/stream` signed in
//!    as a Crisis Response Centre officer (a bearer token), and CAP alerts posted one at a time
//!    by Armenia's national centre (`POST /api/v1/cap`): each client timestamps the `map`
//!    event that puts the alert on the picture.
//! 5. **CAP intake.** 16 connections post distinct CAP alerts as Armenia's national centre for
//!    `ACCORD_BENCH_CAP_SECONDS` (5), each answered once durable; then 16 tasks submit the same
//!    `alert.received` events to a journal of their own on the same backend; the ratio of the
//!    two rates is printed per round (target ≥ 0.5).
//!
//! Knobs: `ACCORD_BENCH_ROUNDS` (3), `ACCORD_BENCH_DURATION` (seconds per wrk run, 10),
//! `ACCORD_BENCH_THREADS` (2) and `ACCORD_BENCH_CONNECTIONS` (64) for wrk, `ACCORD_BENCH_RATE`
//! (5,000 requests/s), `ACCORD_BENCH_RATE_SECONDS` (10, after a second of warm-up),
//! `ACCORD_BENCH_RATE_CONNECTIONS` (50), `ACCORD_BENCH_SSE_CLIENTS` (1,000),
//! `ACCORD_BENCH_SSE_EVENTS` (5), `ACCORD_BENCH_ENTRIES` (1,000), `ACCORD_BENCH_BACKEND`
//! (`sqlite` or `postgres`), `ACCORD_BENCH_ONLY` (a comma-separated subset of `wrk`, `rate`,
//! `sse`, `map`, `cap`), `ACCORD_BENCH_CAP_CONNECTIONS` (16), `ACCORD_BENCH_CRISIS_DEMO` (1 keeps
//! the demo's Crisis Response Centre picture), `ACCORD_LOG` (the server's log filter, `info`). `--serve` runs the server alone, for
//! profiling. The SSE clients need about 1,100 open files in each process (`ulimit -n 4096`
//! if the limit is lower; the bench says so).

use std::collections::HashMap;
use std::io::{BufRead as _, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use accord_server::ServerConfig;
use accord_store::{ApiToken, Backend, Journal, Store as _};
use accord_testkit::TestStore;
use accord_testkit::fixtures::{found, journal_config, note};

const FLOOR: &str = "/bench/floor";
const ORGANISATION: &str = "/api/v1/organisation";
const ENTRIES: &str = "/api/v1/entries?limit=20";
const RECORD: &str = "/record";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--rate") => rate_client(&args[1..]),
        Some("--sse-clients") => sse_clients(&args[1..]),
        Some("--serve") => serve(),
        // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing and gets no
        // long run.
        _ if args.iter().any(|a| a == "--bench") => bench(),
        _ => say("the HTTP benchmark runs with `cargo bench -p accord-server --bench http`"),
    }
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// The soft limit on open files, from /proc.
fn open_files_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

fn unix_nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// The value at quantile `q` of sorted samples (nearest rank).
fn quantile<T: Copy + Default>(sorted: &[T], q: f64) -> T {
    if sorted.is_empty() {
        return T::default();
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "a rank within the sample"
    )]
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn ms(micros: u64) -> String {
    #[expect(clippy::cast_precision_loss, reason = "a latency")]
    let ms = micros as f64 / 1000.0;
    format!("{ms:.2} ms")
}

fn range(values: &[f64], unit: &str) -> String {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if values.is_empty() {
        "–".into()
    } else if values.len() == 1 || (max - min).abs() < f64::EPSILON {
        format!("{min:.0}{unit}")
    } else {
        format!("{min:.0}–{max:.0}{unit}")
    }
}

// ---------------------------------------------------------------------------------------------
// The server

struct Running {
    addr: SocketAddr,
    token: String,
    /// Armenia's national centre's token (posts CAP alerts).
    centre: String,
    /// A Crisis Response Centre officer's token (the map stream's reader).
    officer: String,
    backend: Backend,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts the app on a thread of its own, with the floor route and `entries` entries, logging
/// as `accord serve` does (`ACCORD_LOG`, by default `info`, to standard error): the request
/// spans are part of what is measured.
fn start(backend: Backend, entries: usize) -> Running {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ACCORD_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
    let (ready_tx, ready_rx) = mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let store = TestStore::new(backend).await;
            let config = journal_config("accord.bench/log", Duration::from_secs(1));
            let log_key = config.log_key.verifier().clone();
            let clock = Arc::new(accord_store::ScenarioClock::starting_at(
                accord_core::Timestamp::parse("2020-11-01T06:00:00Z").expect("a time"),
            ));
            let journal = Journal::open(store.store.clone(), config, clock.clone())
                .await
                .expect("the journal opens");
            journal.submit(found()).await.expect("founded");
            // The demo without the Centre's picture: its exchange agreement would release
            // every benchmark alert to the partner, two events per alert where the write path
            // it is compared with appends one (`ACCORD_BENCH_CRISIS_DEMO=1` keeps it).
            let picture = if env("ACCORD_BENCH_CRISIS_DEMO", 0) == 1 {
                accord_server::seed::Picture::Current
            } else {
                accord_server::seed::Picture::Empty
            };
            accord_server::seed::seed_with(
                &journal,
                &clock,
                |_| "bench password".to_owned(),
                picture,
            )
            .await
            .expect("the demo seed");
            let mut n = 0;
            while usize::try_from(journal.committed()).unwrap_or(usize::MAX) < entries {
                let group: Vec<_> = (n..n + 100).map(note).collect();
                n += 100;
                journal.submit_all(group).await.expect("notes");
            }
            let token = api_token(&journal, "secretariat").await;
            let officer = api_token(&journal, "duty.officer").await;
            let centre = api_token(&journal, "centre.am").await;
            let server = accord_server::bind(
                ServerConfig::new(([127, 0, 0, 1], 0).into()),
                journal,
                log_key,
            )
            .await
            .expect("the server binds")
            .merge(
                axum::Router::new().route(FLOOR, axum::routing::get(|| async { "Accord floor\n" })),
            );
            ready_tx
                .send((server.local_addr(), token, officer, centre))
                .expect("the bench waits");
            server
                .run(async move {
                    let _ = stopped.await;
                })
                .await
                .expect("the server runs");
            drop(store);
        });
    });
    let (addr, token, officer, centre) = ready_rx.recv().expect("the server starts");
    Running {
        addr,
        token,
        officer,
        centre,
        backend,
        stop: Some(stop),
        thread: Some(thread),
    }
}

/// An API token for a demo account, written straight to the store.
async fn api_token(journal: &Journal<accord_store::AnyStore>, username: &str) -> String {
    let store = journal.store();
    let account = store
        .account_by_username(username)
        .await
        .expect("the store answers")
        .expect("a demo account");
    let secret = format!(
        "{}bench-{}",
        accord_server::auth::TOKEN_PREFIX,
        unix_nanos()
    );
    store
        .create_api_token(&ApiToken {
            id: format!("bench-{username}"),
            token_hash: accord_server::auth::secret_hash(&secret),
            account_id: account.id,
            name: "bench".into(),
            created_at: 0,
            revoked_at: None,
        })
        .await
        .expect("the token is stored");
    secret
}

// ---------------------------------------------------------------------------------------------
// The benchmark

/// `--serve`: the benchmark's server alone, until standard input closes (to profile it under a
/// load run by hand: `perf record -p PID` and `wrk URL`).
fn serve() {
    let server = start(backend(), env("ACCORD_BENCH_ENTRIES", 1000));
    say(&format!(
        "serving at http://{} (pid {}); close standard input to stop",
        server.addr,
        std::process::id()
    ));
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
    drop(server);
}

fn backend() -> Backend {
    match std::env::var("ACCORD_BENCH_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}

fn bench() {
    let only = std::env::var("ACCORD_BENCH_ONLY").unwrap_or_else(|_| "wrk,rate,sse,map,cap".into());
    let wants = |section: &str| only.split(',').any(|s| s.trim() == section);
    let backend = backend();
    let entries = env("ACCORD_BENCH_ENTRIES", 1000);
    say(&format!(
        "accord-server http bench: {backend:?}, {} cores, load average {}",
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
        load_average()
    ));
    let server = start(backend, entries);
    let (_, newest) = get_once(server.addr, "/api/v1/entries?limit=1").expect("the server answers");
    let size = serde_json::from_slice::<serde_json::Value>(&newest)
        .ok()
        .and_then(|v| v[0]["seq"].as_u64())
        .map_or(0, |seq| seq + 1);
    say(&format!(
        "serving at http://{} with {size} entries",
        server.addr
    ));
    for path in [FLOOR, ORGANISATION, ENTRIES, RECORD] {
        let (status, body) = get_once(server.addr, path).expect("the server answers");
        assert_eq!(status, 200, "{path}: {}", String::from_utf8_lossy(&body));
        say(&format!("  {path}: {} bytes", body.len()));
    }
    let mut summary = Vec::new();
    if wants("wrk") {
        summary.extend(throughput(&server));
    }
    if wants("rate") {
        summary.extend(constant_rate(&server));
    }
    if wants("sse") {
        summary.extend(fan_out(&server, Feed::Entries));
    }
    if wants("map") {
        summary.extend(fan_out(&server, Feed::Map));
    }
    if wants("cap") {
        summary.extend(cap_intake(&server));
    }
    say("");
    say(&format!(
        "== summary (load average at the end {})",
        load_average()
    ));
    say("| measure | figure | target |");
    say("|---|---|---|");
    for line in summary {
        say(&line);
    }
    drop(server);
}

/// What wrk reports.
#[derive(Debug, Default, Clone, Copy)]
struct WrkRun {
    rps: f64,
    p50_us: f64,
    p99_us: f64,
    bad: u64,
}

fn wrk(url: &str, threads: usize, connections: usize, seconds: usize) -> Option<WrkRun> {
    let output = Command::new("wrk")
        .args([
            &format!("-t{threads}"),
            &format!("-c{connections}"),
            &format!("-d{seconds}s"),
            "--latency",
            url,
        ])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let mut run = WrkRun::default();
    for line in text.lines().map(str::trim) {
        let mut words = line.split_whitespace();
        match (words.next(), words.next()) {
            (Some("Requests/sec:"), Some(v)) => run.rps = v.parse().unwrap_or(0.0),
            (Some("50%"), Some(v)) => run.p50_us = duration_us(v),
            (Some("99%"), Some(v)) => run.p99_us = duration_us(v),
            _ => {}
        }
        if let Some(rest) = line.strip_prefix("Non-2xx or 3xx responses:") {
            run.bad += rest.trim().parse::<u64>().unwrap_or(0);
        }
        if let Some(rest) = line.strip_prefix("Socket errors:") {
            run.bad += rest
                .split(',')
                .filter_map(|part| part.split_whitespace().last()?.parse::<u64>().ok())
                .sum::<u64>();
        }
    }
    (run.rps > 0.0).then_some(run)
}

/// `12.34us`, `1.20ms`, `2.00s` in microseconds.
fn duration_us(text: &str) -> f64 {
    let split = text
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number.parse().unwrap_or(f64::NAN);
    match unit {
        "us" => value,
        "ms" => value * 1e3,
        "s" => value * 1e6,
        "m" => value * 60e6,
        _ => f64::NAN,
    }
}

fn throughput(server: &Running) -> Vec<String> {
    let rounds = env("ACCORD_BENCH_ROUNDS", 3);
    let seconds = env("ACCORD_BENCH_DURATION", 10);
    let threads = env("ACCORD_BENCH_THREADS", 2);
    let connections = env("ACCORD_BENCH_CONNECTIONS", 64);
    say("");
    say(&format!(
        "== throughput: wrk -t{threads} -c{connections} -d{seconds}s --latency, {rounds} rounds"
    ));
    if Command::new("wrk").arg("--version").output().is_err() {
        say("wrk is not installed (apt-get install -y wrk): throughput skipped");
        return vec!["| throughput | skipped: no wrk | |".into()];
    }
    let targets = [FLOOR, ORGANISATION, ENTRIES, RECORD];
    let mut shares: HashMap<&str, Vec<f64>> = HashMap::new();
    let mut rates: HashMap<&str, Vec<f64>> = HashMap::new();
    for round in 1..=rounds {
        let mut floor = f64::NAN;
        for path in targets {
            let Some(run) = wrk(&server.url(path), threads, connections, seconds) else {
                say(&format!("  round {round} {path}: wrk failed"));
                continue;
            };
            if path == FLOOR {
                floor = run.rps;
            }
            let share = run.rps / floor * 100.0;
            say(&format!(
                "  round {round} {path:<26} {:>9.0} requests/s  {:>5.1}% of the floor  p50 {:>8.0} us  p99 {:>8.0} us  errors {}  (load {})",
                run.rps,
                share,
                run.p50_us,
                run.p99_us,
                run.bad,
                load_average()
            ));
            rates.entry(path).or_default().push(run.rps);
            shares.entry(path).or_default().push(share);
        }
    }
    let target = |path: &str| match path {
        FLOOR => "about 100,000 requests/s",
        RECORD => "≥ 15% of the floor",
        _ => "≥ 30% of the floor",
    };
    targets
        .iter()
        .map(|path| {
            let rate = range(
                rates.get(path).map_or(&[][..], Vec::as_slice),
                " requests/s",
            );
            let share = if *path == FLOOR {
                String::new()
            } else {
                format!(
                    ", {} of the floor",
                    range(shares.get(path).map_or(&[][..], Vec::as_slice), "%")
                )
            };
            format!("| GET {path}, wrk | {rate}{share} | {} |", target(path))
        })
        .collect()
}

fn constant_rate(server: &Running) -> Vec<String> {
    let rate = env("ACCORD_BENCH_RATE", 5000);
    let seconds = env("ACCORD_BENCH_RATE_SECONDS", 10);
    let connections = env("ACCORD_BENCH_RATE_CONNECTIONS", 50);
    let rounds = env("ACCORD_BENCH_ROUNDS", 3);
    say("");
    say(&format!(
        "== latency at {rate} requests/s for {seconds}s over {connections} connections (from the scheduled send time), {rounds} rounds"
    ));
    let exe = std::env::current_exe().expect("this binary");
    let mut p99s: HashMap<&str, Vec<f64>> = HashMap::new();
    for round in 1..=rounds {
        for path in [ORGANISATION, ENTRIES, RECORD] {
            let output = Command::new(&exe)
                .args([
                    "--rate",
                    &server.url(path),
                    &rate.to_string(),
                    &seconds.to_string(),
                    &connections.to_string(),
                ])
                .stderr(Stdio::inherit())
                .output()
                .expect("the load generator runs");
            let text = String::from_utf8_lossy(&output.stdout);
            let Some(line) = text.lines().find(|l| l.starts_with("rate ")) else {
                say(&format!(
                    "  round {round} {path}: the load generator failed"
                ));
                continue;
            };
            let fields: HashMap<&str, f64> = line
                .split_whitespace()
                .filter_map(|kv| {
                    let (k, v) = kv.split_once('=')?;
                    Some((k, v.parse().ok()?))
                })
                .collect();
            let field = |k: &str| fields.get(k).copied().unwrap_or(f64::NAN);
            say(&format!(
                "  round {round} {path:<26} {:>6.0} requests/s sent  p50 {:>6.0} us  p90 {:>6.0} us  p99 {:>6.0} us  p99.9 {:>6.0} us  max {:>6.0} us  (service p99 {:>6.0} us)  errors {}  (load {})",
                field("achieved"),
                field("p50_us"),
                field("p90_us"),
                field("p99_us"),
                field("p999_us"),
                field("max_us"),
                field("service_p99_us"),
                field("errors"),
                load_average()
            ));
            p99s.entry(path).or_default().push(field("p99_us"));
        }
    }
    [ORGANISATION, ENTRIES, RECORD]
        .iter()
        .map(|path| {
            let p99 = p99s.get(path).map_or(&[][..], Vec::as_slice);
            format!(
                "| GET {path}, p99 at {rate} requests/s | {} | < 5,000 us |",
                range(p99, " us")
            )
        })
        .collect()
}

/// Which live feed the fan-out measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Feed {
    /// `/api/v1/events/stream` (anonymous clients), notes posted by the Secretariat.
    Entries,
    /// `/api/v1/map/stream` (clients signed in as a Centre officer), CAP alerts posted by a
    /// national centre.
    Map,
}

/// A CAP alert for the map's fan-out, distinct by `i` and the run.
fn bench_alert(i: usize) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
<identifier>BENCH-{}-{i}</identifier>
<sender>crisis.am@example.am</sender>
<sent>2020-12-01T10:00:00+04:00</sent>
<status>Actual</status>
<msgType>Alert</msgType>
<scope>Public</scope>
<info>
<category>Geo</category>
<event>Earthquake</event>
<urgency>Immediate</urgency>
<severity>Severe</severity>
<certainty>Observed</certainty>
<area><areaDesc>Shirak</areaDesc><circle>40.79,43.85 50</circle></area>
</info>
</alert>"#,
        unix_nanos()
    )
}

fn fan_out(server: &Running, feed: Feed) -> Vec<String> {
    let clients = env("ACCORD_BENCH_SSE_CLIENTS", 1000);
    let events = env("ACCORD_BENCH_SSE_EVENTS", 5);
    let (path, event_name, token, what) = match feed {
        Feed::Entries => ("/api/v1/events/stream", "entry", "-", "notes"),
        Feed::Map => (
            "/api/v1/map/stream",
            "map",
            server.officer.as_str(),
            "CAP alerts",
        ),
    };
    say("");
    say(&format!(
        "== server-sent events ({path}): {clients} clients in another process, {events} {what} posted one at a time"
    ));
    if let Some(limit) = open_files_limit().filter(|l| *l < clients as u64 + 100) {
        say(&format!(
            "  at most {limit} open files per process: raise it (`ulimit -n 4096`) for {clients} clients"
        ));
    }
    let exe = std::env::current_exe().expect("this binary");
    let mut child = Command::new(&exe)
        .args([
            "--sse-clients",
            &server.url(path),
            &clients.to_string(),
            &events.to_string(),
            event_name,
            token,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the SSE clients start");
    let stdout = child.stdout.take().expect("piped");
    let (lines_tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let wait = |prefix: &str, timeout: Duration| -> Option<String> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let line = lines.recv_timeout(left).ok()?;
            if line.starts_with(prefix) {
                return Some(line);
            }
        }
    };
    let connected = Instant::now();
    if wait("ready", Duration::from_secs(120)).is_none() {
        say("  the SSE clients did not all connect (is `ulimit -n` high enough?)");
        let _ = child.kill();
        let _ = child.wait();
        return vec![format!(
            "| SSE fan-out to {clients} clients | failed: not connected | p99 < 50 ms |"
        )];
    }
    say(&format!(
        "  {clients} clients connected in {:.2} s",
        connected.elapsed().as_secs_f64()
    ));
    std::thread::sleep(Duration::from_millis(500));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut p99s = Vec::new();
    let mut all = Vec::new();
    for i in 0..events {
        let (target, body, bearer, media_type) = match feed {
            Feed::Entries => (
                "/api/v1/notes",
                format!(
                    r#"{{"text":{{"ru":"Замер рассылки {i}","en":"Fan-out measurement {i}"}},"classification":"public"}}"#
                ),
                &server.token,
                "application/json",
            ),
            Feed::Map => (
                "/api/v1/cap",
                bench_alert(i),
                &server.centre,
                "application/cap+xml",
            ),
        };
        let sent = unix_nanos();
        let posted = Instant::now();
        let answer = agent
            .post(&server.url(target))
            .header("Authorization", &format!("Bearer {bearer}"))
            .header("Content-Type", media_type)
            .send(body.as_str());
        let commit_us = posted.elapsed().as_micros();
        let seq = match answer {
            Ok(mut response) if response.status().as_u16() == 201 => {
                let text = response.body_mut().read_to_string().unwrap_or_default();
                serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|v| v["first"].as_u64())
            }
            Ok(mut response) => {
                say(&format!(
                    "  the note was refused: {} {}",
                    response.status(),
                    response.body_mut().read_to_string().unwrap_or_default()
                ));
                None
            }
            Err(e) => {
                say(&format!("  the note was not posted: {e}"));
                None
            }
        };
        let Some(seq) = seq else { break };
        let Some(line) = wait(&format!("event {seq} "), Duration::from_secs(30)) else {
            say(&format!(
                "  entry {seq} did not reach every client within 30 s"
            ));
            break;
        };
        let mut latencies: Vec<u64> = line
            .split_whitespace()
            .skip(2)
            .filter_map(|t| t.parse::<u128>().ok())
            .map(|t| u64::try_from(t.saturating_sub(sent) / 1000).unwrap_or(u64::MAX))
            .collect();
        latencies.sort_unstable();
        let p99 = quantile(&latencies, 0.99);
        say(&format!(
            "  entry {seq}: committed and answered in {}, reached {} clients: first {}  p50 {}  p99 {}  max {}  (load {})",
            ms(u64::try_from(commit_us).unwrap_or(u64::MAX)),
            latencies.len(),
            ms(latencies.first().copied().unwrap_or_default()),
            ms(quantile(&latencies, 0.5)),
            ms(p99),
            ms(latencies.last().copied().unwrap_or_default()),
            load_average()
        ));
        #[expect(clippy::cast_precision_loss, reason = "a latency")]
        p99s.push(p99 as f64 / 1000.0);
        all.extend(latencies);
        std::thread::sleep(Duration::from_millis(300));
    }
    let _ = child.kill();
    let _ = child.wait();
    all.sort_unstable();
    say(&format!(
        "  all {} deliveries: p50 {}  p99 {}  max {}",
        all.len(),
        ms(quantile(&all, 0.5)),
        ms(quantile(&all, 0.99)),
        ms(all.last().copied().unwrap_or_default())
    ));
    let p99_text = range(&p99s, " ms");
    vec![format!(
        "| SSE {path}: one {} to {clients} clients, p99 from the POST (per event) | {p99_text} (max {}) | p99 < 50 ms |",
        if feed == Feed::Map { "alert" } else { "entry" },
        ms(all.last().copied().unwrap_or_default())
    )]
}

// ---------------------------------------------------------------------------------------------
// CAP intake against the write path

/// A CAP 1.2 alert from Armenia's national centre, told apart by `identifier` (1.3 KB).
fn cap_alert(identifier: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
<identifier>{identifier}</identifier>
<sender>crisis.am@example.am</sender>
<sent>2020-12-01T10:00:00+04:00</sent>
<status>Actual</status>
<msgType>Alert</msgType>
<scope>Public</scope>
<info>
<language>ru-RU</language>
<category>Geo</category>
<event>Землетрясение</event>
<urgency>Immediate</urgency>
<severity>Severe</severity>
<certainty>Observed</certainty>
<expires>2020-12-03T10:00:00+04:00</expires>
<senderName>Министерство по чрезвычайным ситуациям Республики Армения</senderName>
<headline>Землетрясение магнитудой 5,8 в Ширакской области</headline>
<description>Разрушения в Гюмри и окрестных сёлах; возможны повторные толчки.</description>
<area>
<areaDesc>Ширакская область</areaDesc>
<polygon>40.5,43.5 40.5,44.2 41.1,44.2 41.1,43.5 40.5,43.5</polygon>
<circle>40.79,43.85 50</circle>
</area>
</info>
</alert>"#
    )
}

/// Alerts taken in per second over HTTP by `connections` keep-alive connections posting in a
/// closed loop for `seconds` (each answer, 201, comes after the alert is durable), and the
/// number refused.
fn intake_rate(server: &Running, connections: usize, seconds: u64) -> (f64, u64, u64) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let threads: Vec<_> = (0..connections)
        .map(|c| {
            let (addr, token) = (server.addr, server.centre.clone());
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(addr).expect("a connection");
                let mut buf = Vec::new();
                let (mut taken, mut refused) = (0_u64, 0_u64);
                for k in 0.. {
                    if Instant::now() >= deadline {
                        break;
                    }
                    let body = cap_alert(&format!("BENCH-{}-{c}-{k}", unix_nanos()));
                    let request = format!(
                        "POST /api/v1/cap HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/cap+xml\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    stream.write_all(request.as_bytes()).expect("sent");
                    match read_response(&mut stream, &mut buf) {
                        Ok((201, _)) => taken += 1,
                        Ok((status, answer)) => {
                            if refused == 0 {
                                say(&format!(
                                    "  refused ({status}): {}",
                                    String::from_utf8_lossy(&answer)
                                ));
                            }
                            refused += 1;
                        }
                        Err(e) => panic!("the intake answers: {e}"),
                    }
                }
                (taken, refused)
            })
        })
        .collect();
    let (mut taken, mut refused) = (0, 0);
    for thread in threads {
        let (t, r) = thread.join().expect("a client thread");
        taken += t;
        refused += r;
    }
    #[expect(clippy::cast_precision_loss, reason = "a rate")]
    let rate = taken as f64 / started.elapsed().as_secs_f64();
    (rate, taken, refused)
}

/// The command the intake submits for `cap_alert(identifier)`, as the system.
fn receive(identifier: &str) -> accord_core::Command {
    let xml = cap_alert(identifier);
    let alert = accord_cap::parse(xml.as_bytes()).expect("a valid alert");
    let summary = accord_core::crisis::alerts::summarise(&alert, format!("sha256:{:064}", 0), 1300)
        .expect("a summary");
    accord_core::Command {
        principal: accord_core::Principal::system(),
        payload: accord_core::CommandPayload::Crisis(
            accord_core::crisis::CrisisCommand::ReceiveAlert { summary },
        ),
    }
}

/// Single `alert.received` events per second through the journal alone, the same events the
/// intake appends, on a fresh store of the same backend: `connections` tasks submitting one
/// command each at a time for `seconds`. Returns the rate and the event's body size.
fn write_path_rate(backend: Backend, connections: usize, seconds: u64) -> (f64, usize) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async move {
        let store = TestStore::new(backend).await;
        let config = journal_config("accord.bench/write-path", Duration::from_secs(1));
        let journal = Arc::new(
            Journal::open(
                store.store.clone(),
                config,
                Arc::new(accord_store::SystemClock),
            )
            .await
            .expect("the journal opens"),
        );
        journal.submit(found()).await.expect("founded");
        let now = accord_core::Timestamp::parse("2020-12-01T06:00:00Z").expect("a time");
        let events = accord_core::decide(&journal.state(), &receive("SIZE"), now).expect("taken");
        let body_size = events[0].body_bytes().expect("a body").len();
        journal.submit(receive("WARM-UP")).await.expect("taken");
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let started = Instant::now();
        let tasks: Vec<_> = (0..connections)
            .map(|c| {
                let journal = Arc::clone(&journal);
                tokio::spawn(async move {
                    let mut taken = 0_u64;
                    for k in 0.. {
                        if Instant::now() >= deadline {
                            break;
                        }
                        journal
                            .submit(receive(&format!("WRITE-{c}-{k}")))
                            .await
                            .expect("taken");
                        taken += 1;
                    }
                    taken
                })
            })
            .collect();
        let mut taken = 0;
        for task in tasks {
            taken += task.await.expect("a task");
        }
        #[expect(clippy::cast_precision_loss, reason = "a rate")]
        let rate = taken as f64 / started.elapsed().as_secs_f64();
        journal.close().await;
        drop(store);
        (rate, body_size)
    })
}

/// CAP intake over HTTP against the write path's own rate for the same events, round by round.
fn cap_intake(server: &Running) -> Vec<String> {
    let rounds = env("ACCORD_BENCH_ROUNDS", 3);
    let connections = env("ACCORD_BENCH_CAP_CONNECTIONS", 16);
    let seconds = u64::try_from(env("ACCORD_BENCH_CAP_SECONDS", 5)).unwrap_or(5);
    say("");
    say(&format!(
        "== CAP intake: {connections} connections posting alerts for {seconds} s, against {connections} tasks submitting the same events to a journal"
    ));
    let mut ratios = Vec::new();
    let (mut intakes, mut writes) = (Vec::new(), Vec::new());
    for round in 1..=rounds {
        let (intake, taken, refused) = intake_rate(server, connections, seconds);
        let (write, body) = write_path_rate(server.backend, connections, seconds);
        say(&format!(
            "  round {round}: intake {intake:.0} alerts/s ({taken} taken, {refused} refused); write path {write:.0} events/s ({body}-byte bodies); intake/write path {:.2}  (load {})",
            intake / write,
            load_average()
        ));
        intakes.push(intake);
        writes.push(write);
        ratios.push(intake / write);
    }
    vec![
        format!(
            "| CAP intake over HTTP, durable before 201 | {} | |",
            range(&intakes, " alerts/s")
        ),
        format!(
            "| the write path alone, the same single events | {} | |",
            range(&writes, " events/s")
        ),
        format!(
            "| intake / write path, same round | {} | ≥ 0.5 |",
            ratios
                .iter()
                .map(|r| format!("{r:.2}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// A plain HTTP/1.1 client over TcpStream

fn split_url(url: &str) -> (String, String) {
    let rest = url.strip_prefix("http://").expect("an http:// URL");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    (
        host.to_owned(),
        if path.is_empty() { "/" } else { path }.to_owned(),
    )
}

/// Reads one response (with a Content-Length) from a keep-alive connection: status and body.
fn read_response(stream: &mut TcpStream, buf: &mut Vec<u8>) -> std::io::Result<(u16, Vec<u8>)> {
    let invalid =
        |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(invalid("the connection closed"));
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = std::str::from_utf8(&buf[..head_end]).map_err(|_| invalid("a header"))?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| invalid("a status line"))?;
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .ok_or_else(|| invalid("a response without Content-Length"))?;
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(invalid("the connection closed"));
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = buf[head_end..head_end + length].to_vec();
    buf.drain(..head_end + length);
    Ok((status, body))
}

fn get_once(addr: SocketAddr, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(addr)?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n")?;
    read_response(&mut stream, &mut Vec::new())
}

/// `--rate URL RATE SECONDS CONNECTIONS`: requests at a constant rate. Connection `i` sends its
/// `k`-th request at `start + (i + k·connections) / rate`, waiting for each answer before the
/// next (so a slow answer delays what follows on that connection, and the delay is counted:
/// latency runs from the scheduled time). A second of warm-up is not counted. Prints one line:
/// `rate key=value…`, latencies in microseconds.
fn rate_client(args: &[String]) {
    let [url, rate, seconds, connections] = args else {
        panic!("usage: --rate URL RATE SECONDS CONNECTIONS");
    };
    let (host, path) = split_url(url);
    let rate: f64 = rate.parse().expect("a rate");
    let seconds: f64 = seconds.parse().expect("seconds");
    let connections: usize = connections.parse().expect("connections");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").into_bytes();
    let warm_up = Duration::from_secs(1);
    let start = Instant::now() + Duration::from_millis(200);
    let end = start + warm_up + Duration::from_secs_f64(seconds);
    struct Tally {
        latencies: Vec<u64>,
        service: Vec<u64>,
        errors: u64,
        late: u64,
    }
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..connections)
            .map(|i| {
                let (host, request) = (&host, &request);
                scope.spawn(move || {
                    let mut tally = Tally {
                        latencies: Vec::new(),
                        service: Vec::new(),
                        errors: 0,
                        late: 0,
                    };
                    let connect = || {
                        let stream = TcpStream::connect(host.as_str()).ok()?;
                        stream.set_nodelay(true).ok()?;
                        Some(stream)
                    };
                    let mut stream = connect();
                    let mut buf = Vec::new();
                    #[expect(clippy::cast_precision_loss, reason = "request numbers")]
                    for k in 0.. {
                        let at =
                            start + Duration::from_secs_f64((i + k * connections) as f64 / rate);
                        if at >= end {
                            break;
                        }
                        if let Some(wait) = at.checked_duration_since(Instant::now()) {
                            std::thread::sleep(wait);
                        }
                        let sent = Instant::now();
                        let answer = match stream.as_mut() {
                            Some(s) => s
                                .write_all(request)
                                .and_then(|()| read_response(s, &mut buf)),
                            None => Err(std::io::ErrorKind::NotConnected.into()),
                        };
                        let done = Instant::now();
                        let counted = at >= start + warm_up;
                        match answer {
                            Ok((200, _)) if counted => {
                                let micros =
                                    |d: Duration| u64::try_from(d.as_micros()).unwrap_or(u64::MAX);
                                tally.latencies.push(micros(done - at));
                                tally.service.push(micros(done - sent));
                                if sent - at > Duration::from_millis(1) {
                                    tally.late += 1;
                                }
                            }
                            Ok((200, _)) => {}
                            Ok(_) => tally.errors += 1,
                            Err(_) => {
                                tally.errors += 1;
                                buf.clear();
                                stream = connect();
                            }
                        }
                    }
                    tally
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a worker"))
            .collect()
    });
    let mut latencies: Vec<u64> = tallies.iter().flat_map(|t| t.latencies.clone()).collect();
    let mut service: Vec<u64> = tallies.iter().flat_map(|t| t.service.clone()).collect();
    latencies.sort_unstable();
    service.sort_unstable();
    #[expect(clippy::cast_precision_loss, reason = "a count")]
    let achieved = latencies.len() as f64 / seconds;
    say(&format!(
        "rate requests={} achieved={achieved:.0} errors={} late={} p50_us={} p90_us={} p99_us={} p999_us={} max_us={} service_p50_us={} service_p99_us={}",
        latencies.len(),
        tallies.iter().map(|t| t.errors).sum::<u64>(),
        tallies.iter().map(|t| t.late).sum::<u64>(),
        quantile(&latencies, 0.5),
        quantile(&latencies, 0.9),
        quantile(&latencies, 0.99),
        quantile(&latencies, 0.999),
        latencies.last().copied().unwrap_or_default(),
        quantile(&service, 0.5),
        quantile(&service, 0.99),
    ));
}

/// `--sse-clients URL N EVENTS NAME TOKEN`: N clients of an event stream (with a bearer
/// TOKEN unless it is `-`), counting the events named NAME. Prints `ready N` once every
/// client has its response headers, then for each entry, once every client has it,
/// `event SEQ T1 … TN`: the system time (nanoseconds since the epoch) at which each client read
/// the end of the event. Exits after EVENTS entries.
fn sse_clients(args: &[String]) {
    let [url, clients, events, name, token] = args else {
        panic!("usage: --sse-clients URL N EVENTS NAME TOKEN");
    };
    let name = format!("event: {name}");
    let token = (token != "-").then(|| token.clone());
    let (host, path) = split_url(url);
    let clients: usize = clients.parse().expect("a number of clients");
    let events: usize = events.parse().expect("a number of events");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async move {
        let received: Arc<Mutex<HashMap<u64, Vec<u128>>>> = Arc::default();
        let (ready_tx, mut ready_rx) = tokio::sync::mpsc::channel::<()>(clients);
        let (done_tx, mut done_rx) = tokio::sync::mpsc::unbounded_channel::<(u64, Vec<u128>)>();
        let connecting = Arc::new(tokio::sync::Semaphore::new(64));
        for _ in 0..clients {
            let (host, path) = (host.clone(), path.clone());
            let (name, token) = (name.clone(), token.clone());
            let (received, ready_tx, done_tx) =
                (received.clone(), ready_tx.clone(), done_tx.clone());
            let connecting = connecting.clone();
            tokio::spawn(async move {
                let permit = connecting.acquire_owned().await.expect("open");
                let mut stream = match sse_connect(&host, &path, token.as_deref()).await {
                    Ok(s) => s,
                    Err(e) => {
                        let _ = writeln!(std::io::stderr(), "an SSE client failed to connect: {e}");
                        return;
                    }
                };
                drop(permit);
                let _ = ready_tx.send(()).await;
                sse_read(&mut stream, events, &name, |seq, at| {
                    let mut map = received.lock().expect("not poisoned");
                    let times = map.entry(seq).or_default();
                    times.push(at);
                    if times.len() == clients {
                        let times = map.remove(&seq).unwrap_or_default();
                        let _ = done_tx.send((seq, times));
                    }
                })
                .await;
            });
        }
        drop(done_tx);
        for _ in 0..clients {
            if ready_rx.recv().await.is_none() {
                return;
            }
        }
        say(&format!("ready {clients}"));
        while let Some((seq, times)) = done_rx.recv().await {
            let list: Vec<String> = times.iter().map(u128::to_string).collect();
            say(&format!("event {seq} {}", list.join(" ")));
        }
    });
}

async fn sse_connect(
    host: &str,
    path: &str,
    token: Option<&str>,
) -> std::io::Result<tokio::net::TcpStream> {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let mut stream = tokio::net::TcpStream::connect(host).await?;
    stream.set_nodelay(true)?;
    stream
        .write_all(
            format!(
                "GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n{}\r\n",
                token.map_or_else(String::new, |t| format!("Authorization: Bearer {t}\r\n"))
            )
            .as_bytes(),
        )
        .await?;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        head.push(byte[0]);
    }
    if !head.starts_with(b"HTTP/1.1 200") {
        return Err(std::io::Error::other(
            String::from_utf8_lossy(&head).into_owned(),
        ));
    }
    Ok(stream)
}

/// Reads events until `events` entries have arrived, calling `got(seq, when)` for each. An event
/// ends at a blank line; the chunked framing between events is harmless to this scan, since an
/// event arrives as one chunk.
async fn sse_read(
    stream: &mut tokio::net::TcpStream,
    events: usize,
    name: &str,
    mut got: impl FnMut(u64, u128),
) {
    use tokio::io::AsyncReadExt as _;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let mut seen = 0;
    while seen < events {
        let Ok(n) = stream.read(&mut chunk).await else {
            return;
        };
        if n == 0 {
            return;
        }
        let at = unix_nanos();
        buf.extend_from_slice(&chunk[..n]);
        while let Some(end) = buf.windows(2).position(|w| w == b"\n\n") {
            let event = String::from_utf8_lossy(&buf[..end]).into_owned();
            buf.drain(..end + 2);
            if !event.lines().any(|l| l == name) {
                continue;
            }
            let seq = event
                .split("\"seq\":")
                .nth(1)
                .map(|rest| {
                    rest.chars()
                        .take_while(char::is_ascii_digit)
                        .collect::<String>()
                })
                .and_then(|digits| digits.parse().ok());
            if let Some(seq) = seq {
                got(seq, at);
                seen += 1;
            }
        }
    }
}
