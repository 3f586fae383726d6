//! Speed, side by side in one run: Accord's parse + full validation over every conformance
//! alert, the `oasiscap` crate parsing the same files, and a bare quick-xml event loop over
//! the same bytes (the floor any XML parser pays); plus one alert with a 10,000-point
//! polygon. Run: `cargo bench -p accord-cap --bench cap`.

use std::hint::black_box;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quick_xml::Reader;
use quick_xml::events::Event;

fn conformance_alerts() -> Vec<(String, String)> {
    let dir = std::env::var_os("ACCORD_CAP_CONFORMANCE").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/cap"),
        PathBuf::from,
    );
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("conformance data at {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml" || x == "cap"))
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, std::fs::read_to_string(&p).expect("UTF-8 alert"))
        })
        .collect();
    files.sort();
    assert!(
        files.len() >= 10,
        "too few conformance alerts in {}",
        dir.display()
    );
    files
}

fn bare_event_loop(xml: &str) -> usize {
    let mut reader = Reader::from_str(xml);
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return events,
            Ok(_) => events += 1,
        }
    }
}

/// A valid alert whose area is a 10,000-point star-shaped polygon.
fn big_polygon_alert() -> String {
    let n = 10_000;
    let mut points: Vec<String> = (0..n)
        .map(|i| {
            let t = f64::from(i) / f64::from(n) * std::f64::consts::TAU;
            let r = if i % 2 == 0 { 1.0 } else { 0.97 };
            format!("{:.6},{:.6}", 45.0 + r * t.sin(), 10.0 + r * t.cos())
        })
        .collect();
    points.push(points[0].clone());
    format!(
        r#"<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>BIG</identifier><sender>crc@accord.example</sender><sent>2026-11-29T10:00:00-00:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info><category>Met</category><event>Flood</event><urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty><area><areaDesc>Basin</areaDesc><polygon>{}</polygon></area></info></alert>"#,
        points.join(" ")
    )
}

fn side_by_side(c: &mut Criterion) {
    let files = conformance_alerts();
    let bytes: u64 = files.iter().map(|(_, x)| x.len() as u64).sum();
    for (unit, throughput) in [
        ("alerts", Throughput::Elements(files.len() as u64)),
        ("bytes", Throughput::Bytes(bytes)),
    ] {
        let mut group = c.benchmark_group(format!("conformance_{unit}"));
        group.throughput(throughput);
        group.measurement_time(Duration::from_secs(4));
        group.bench_function("accord_validate", |b| {
            b.iter(|| {
                for (_, xml) in &files {
                    black_box(accord_cap::validate(black_box(xml.as_bytes())));
                }
            });
        });
        group.bench_function("oasiscap_parse", |b| {
            b.iter(|| {
                for (_, xml) in &files {
                    let _ = black_box(oasiscap::Alert::from_str(black_box(xml)));
                }
            });
        });
        group.bench_function("quick_xml_bare_loop", |b| {
            b.iter(|| {
                for (_, xml) in &files {
                    black_box(bare_event_loop(black_box(xml)));
                }
            });
        });
        group.finish();
    }
    let big = big_polygon_alert();
    assert!(accord_cap::validate(big.as_bytes()).is_valid());
    let mut group = c.benchmark_group("polygon_10000_points");
    group.throughput(Throughput::Elements(1));
    group.bench_function("accord_validate", |b| {
        b.iter(|| black_box(accord_cap::validate(black_box(big.as_bytes()))));
    });
    group.finish();
}

criterion_group!(benches, side_by_side);
criterion_main!(benches);
