//! The map's viewport query with 100,000 live alerts and 1,000 units.
//!
//! `cargo bench -p accord-server --bench map_query` builds the state through core's `apply`
//! (the fold the journal runs after each commit: `alert.received` and `unit.registered` events),
//! brings the map's index up to it (`MapIndex::catch_up`, as the first query after start-up
//! does), and times `map::query` (the index visit, the filters, the access policy per item and
//! the GeoJSON written out, which is what `GET /api/v1/map` returns, without the HTTP) for a
//! city-sized, a country-sized and a world viewport, each at random places in the region, as
//! a Crisis Response Centre officer. Half the alerts fall in the organisation's region (35–60°N,
//! 20–90°E), the rest anywhere; every alert is a circle of 5–50 km and live (half with an
//! expiry a day ahead), and the units sit in the region. It prints p50, p99 and the largest time and the response's size for
//! each viewport, then the time to take one more alert into the index.
//!
//! Knobs: `ACCORD_BENCH_ALERTS` (100,000), `ACCORD_BENCH_UNITS` (1,000), `ACCORD_BENCH_QUERIES`
//! (2,000 per viewport).

#![expect(clippy::print_stdout, reason = "a benchmark prints its figures")]

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use accord_core::crisis::alerts::{
    AlertArea, AlertId, AlertKey, AlertSummary, Circle, MessageKind,
};
use accord_core::crisis::events::{AlertReceived, UnitRegistered};
use accord_core::crisis::model::{Capability, GeoPoint, Readiness, Severity, Unit, UnitId};
use accord_core::{
    AccountId, Actor, Affiliation, Event, Principal, Role, State, StateCode, Text, Timestamp,
};
use accord_server::map::index::{MapIndex, Rect};
use accord_server::map::{Filters, LIMIT, query};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

/// xorshift64*: a fixed sequence, so every run measures the same picture.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [lo, hi).
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        #[expect(clippy::cast_precision_loss, reason = "53 random bits")]
        let unit = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        lo + unit * (hi - lo)
    }
}

const NOW: i64 = 1_800_000_000;

fn alert(n: u64, rng: &mut Rng) -> Event {
    let (lat, lon) = if n.is_multiple_of(2) {
        (rng.range(35.0, 60.0), rng.range(20.0, 90.0))
    } else {
        (rng.range(-60.0, 70.0), rng.range(-180.0, 180.0))
    };
    let sent = Timestamp::from_unix_seconds(NOW - 3600).expect("a time");
    let expires = if n.is_multiple_of(2) {
        None
    } else {
        Some(Timestamp::from_unix_seconds(NOW + 86_400).expect("a time"))
    };
    #[expect(clippy::cast_possible_truncation, reason = "5 to 50 km")]
    let radius_m = rng.range(5_000.0, 50_000.0) as u32;
    Event::AlertReceived(AlertReceived {
        alert: AlertId(n),
        summary: AlertSummary {
            key: AlertKey {
                sender: "bench@example.am".into(),
                identifier: format!("BENCH-{n}"),
                sent: "2027-01-15T08:00:00+00:00".into(),
            },
            sent_utc: sent,
            status: "Actual".into(),
            kind: MessageKind::Alert,
            references: Vec::new(),
            event: "Earthquake".into(),
            headline: Some(format!("Earthquake {n}")),
            language: "en-US".into(),
            severity: Some(
                [
                    Severity::Minor,
                    Severity::Moderate,
                    Severity::Severe,
                    Severity::Extreme,
                ][usize::try_from(n % 4).unwrap_or(0)],
            ),
            categories: vec!["Geo".into()],
            expires,
            areas: vec![AlertArea {
                description: format!("Area {n}"),
                polygons: Vec::new(),
                circles: vec![Circle {
                    centre: GeoPoint::new(lat, lon).expect("a point"),
                    radius_m,
                }],
            }],
            xml_hash: format!("sha256:{n:064x}"),
            xml_size: 1000,
        },
        received_by: Actor::System,
        received_at: sent,
    })
}

fn unit(n: u64, rng: &mut Rng) -> Event {
    let name = Text::new(
        accord_core::Lang::parse("en").expect("a tag"),
        format!("Unit {n}"),
    )
    .expect("a text");
    Event::UnitRegistered(UnitRegistered {
        unit: Unit {
            id: UnitId(n),
            state: StateCode::parse(
                ["AM", "BY", "KZ", "KG", "RU", "TJ"][usize::try_from(n % 6).unwrap_or(0)],
            )
            .expect("a code"),
            name,
            capability: Capability::SearchAndRescue,
            capacity: 100,
            self_sufficiency_days: 10,
            deployment_hours: 24,
            readiness: [
                Readiness::Ready,
                Readiness::Reduced,
                Readiness::NotAvailable,
                Readiness::Deployed,
            ][usize::try_from(n % 4).unwrap_or(0)],
            home: GeoPoint::new(rng.range(35.0, 60.0), rng.range(20.0, 90.0)).expect("a point"),
        },
    })
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "an index"
    )]
    let at = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted.get(at).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("the map benchmark runs with `cargo bench -p accord-server --bench map_query`");
        return;
    }
    let alerts = env("ACCORD_BENCH_ALERTS", 100_000) as u64;
    let units = env("ACCORD_BENCH_UNITS", 1000) as u64;
    let queries = env("ACCORD_BENCH_QUERIES", 2000);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let built = Instant::now();
    let mut state = State::default();
    for n in 1..=alerts {
        accord_core::apply(&mut state, &alert(n, &mut rng));
    }
    for n in 1..=units {
        accord_core::apply(&mut state, &unit(n, &mut rng));
    }
    println!(
        "accord-server map bench: {alerts} alerts ({} live), {units} units, state built in {:.2} s",
        state
            .crisis()
            .alerts()
            .values()
            .filter(|a| a.is_live(Timestamp::from_unix_seconds(NOW).expect("a time")))
            .count(),
        built.elapsed().as_secs_f64()
    );
    let mut index = MapIndex::default();
    let started = Instant::now();
    index.catch_up(&state, alerts + units);
    println!(
        "index built (first query after start-up) in {}: {} items",
        ms(started.elapsed()),
        index.len()
    );
    let officer = Principal::new(
        AccountId::parse("duty.officer").expect("an id"),
        Affiliation::CrisisCentre,
        [Role::Officer].into_iter().collect(),
        BTreeSet::new(),
    );
    let micro = |v: f64| {
        #[expect(clippy::cast_possible_truncation, reason = "degrees within ±180")]
        let m = (v * 1e6).round() as i32;
        m
    };
    println!("| viewport | p50 | p99 | max | response | features or cells | target |");
    println!("|---|---|---|---|---|---|---|");
    for (name, width, height) in [
        ("city (0.5° × 0.3°)", 0.5, 0.3),
        ("country (10° × 8°)", 10.0, 8.0),
        ("world", 360.0, 180.0),
    ] {
        let mut times = Vec::with_capacity(queries);
        let mut size = 0;
        let mut aggregated = 0;
        let mut features = 0;
        for _ in 0..queries {
            let view = if width >= 360.0 {
                Rect {
                    west: -180_000_000,
                    south: -90_000_000,
                    east: 180_000_000,
                    north: 90_000_000,
                }
            } else {
                let lat = rng.range(35.0, 60.0 - height);
                let lon = rng.range(20.0, 90.0 - width);
                Rect {
                    west: micro(lon),
                    south: micro(lat),
                    east: micro(lon + width),
                    north: micro(lat + height),
                }
            };
            let started = Instant::now();
            let body = query(&index, &officer, &view, &Filters::NONE, LIMIT, NOW);
            times.push(started.elapsed());
            size += body.len();
            let text = String::from_utf8_lossy(&body);
            if text.contains(r#""aggregated":true"#) {
                aggregated += 1;
            }
            features += text.matches(r#""type":"Feature""#).count();
        }
        times.sort_unstable();
        println!(
            "| {name} | {} | {} | {} | {} bytes on average | {} on average, {aggregated} of {queries} aggregated | p99 < 10 ms |",
            ms(quantile(&times, 0.5)),
            ms(quantile(&times, 0.99)),
            ms(times.last().copied().unwrap_or_default()),
            size / queries.max(1),
            features / queries.max(1),
        );
    }
    accord_core::apply(&mut state, &alert(alerts + 1, &mut rng));
    let started = Instant::now();
    index.catch_up(&state, alerts + units + 1);
    println!(
        "one more alert taken into the index in {}",
        ms(started.elapsed())
    );
}
