//! Property tests: the sweep line agrees with the brute-force oracle.

use proptest::prelude::*;

use super::simple::{P, find_conflict_brute, find_conflict_sweep};
use super::{Point, Polygon, parse_decimal};
use crate::diag::Code;

/// Removes cyclically repeated consecutive vertices, as `Polygon::new` does.
fn ring(mut v: Vec<P>) -> Vec<P> {
    v.dedup();
    while v.len() > 1 && v.first() == v.last() {
        v.pop();
    }
    v
}

fn agree(v: Vec<P>) -> Result<(), TestCaseError> {
    let v = ring(v);
    if v.len() < 3 {
        return Ok(());
    }
    let sweep = find_conflict_sweep(&v);
    let brute = find_conflict_brute(&v);
    prop_assert_eq!(
        sweep.is_some(),
        brute.is_some(),
        "ring {:?}: sweep {:?}, brute {:?}",
        v,
        sweep,
        brute
    );
    if let Some((i, j)) = sweep {
        prop_assert!(
            super::simple::edges_conflict(&v, i, j),
            "reported pair does not conflict"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Tiny grids force collinear overlaps, touching vertices and repeated points.
    #[test]
    fn sweep_agrees_with_brute_force_on_tiny_grids(v in prop::collection::vec((0i64..4, 0i64..4), 3..10)) {
        agree(v)?;
    }

    #[test]
    fn sweep_agrees_with_brute_force_on_small_grids(v in prop::collection::vec((0i64..12, 0i64..12), 3..24)) {
        agree(v)?;
    }

    #[test]
    fn sweep_agrees_with_brute_force_on_wide_grids(v in prop::collection::vec((-1000i64..1000, -1000i64..1000), 3..40)) {
        agree(v)?;
    }

    /// Coordinates beyond 2^39 take the sweep's unpacked sort.
    #[test]
    fn sweep_agrees_with_brute_force_on_huge_coordinates(v in prop::collection::vec((-6i64..6, -6i64..6), 3..24)) {
        agree(v.into_iter().map(|(x, y)| (x << 40, (y << 40) + 1)).collect())?;
    }

    /// Star-shaped rings (sorted by angle around a centre) are simple unless degenerate.
    #[test]
    fn sweep_agrees_on_star_shaped_rings(mut angles in prop::collection::vec((0u32..3600, 1i64..500), 3..60)) {
        angles.sort_unstable();
        let v: Vec<P> = angles.iter().map(|&(a, r)| {
            let t = f64::from(a) / 3600.0 * std::f64::consts::TAU;
            #[expect(clippy::cast_possible_truncation, reason = "small test coordinates")]
            let p = ((t.cos() * 1000.0) as i64 * r, (t.sin() * 1000.0) as i64 * r);
            p
        }).collect();
        agree(v)?;
    }
}

fn pts(pairs: &[(f64, f64)]) -> Vec<Point> {
    pairs.iter().map(|&(lat, lon)| Point { lat, lon }).collect()
}

#[test]
fn a_square_is_simple_and_a_bow_tie_is_not() {
    assert!(
        Polygon::new(pts(&[
            (0.0, 0.0),
            (0.0, 1.0),
            (1.0, 1.0),
            (1.0, 0.0),
            (0.0, 0.0)
        ]))
        .is_ok()
    );
    let err = Polygon::new(pts(&[
        (0.0, 0.0),
        (1.0, 1.0),
        (0.0, 1.0),
        (1.0, 0.0),
        (0.0, 0.0),
    ]))
    .unwrap_err();
    assert_eq!(err.code, Code::PolygonSelfIntersection);
}

#[test]
fn repeated_consecutive_points_are_not_crossings() {
    let p = Polygon::parse(
        "-5.233187,-35.661621 -5.233187,-36.101074 -5.090944,-35.266113 -5.090944,-35.266113 -5.233187,-35.661621 ",
    );
    assert!(p.is_ok(), "{p:?}");
}

#[test]
fn degenerate_open_short_and_out_of_range_polygons_are_refused() {
    for text in [
        "1,1 1,1 1,1 1,1",
        "0,0 0,1 1,1 1,0",
        "0,0 0,1 0,0",
        "0,0 0,1 91,1 0,0",
        "0,0 0,1 1,1e1 0,0",
        "0,0 0;1 1,1 0,0",
    ] {
        let err = Polygon::parse(text).unwrap_err();
        assert_eq!(err.code, Code::InvalidPolygon, "{text}: {err}");
    }
}

#[test]
fn a_spike_folding_back_is_a_self_intersection() {
    let err = Polygon::parse("0,0 0,2 0,1 1,1 0,0").unwrap_err();
    assert_eq!(err.code, Code::PolygonSelfIntersection);
}

#[test]
fn a_ten_thousand_point_polygon_is_checked_quickly() {
    let n = 10_000;
    let mut points: Vec<Point> = (0..n)
        .map(|i| {
            let t = f64::from(i) / f64::from(n) * std::f64::consts::TAU;
            let r = if i % 2 == 0 { 1.0 } else { 0.9 };
            Point {
                lat: 45.0 + r * t.sin(),
                lon: 10.0 + r * t.cos(),
            }
        })
        .collect();
    points.push(points[0]);
    let start = std::time::Instant::now();
    assert!(Polygon::new(points).is_ok());
    assert!(start.elapsed().as_secs() < 2);
}

proptest! {
    #[test]
    fn decimals_parse_as_the_standard_parser_does(text in "[+-]?[0-9]{0,20}(\\.[0-9]{0,25})?") {
        let syntax_ok = text.bytes().any(|b| b.is_ascii_digit());
        let want = syntax_ok.then(|| text.parse::<f64>().ok()).flatten();
        let got = parse_decimal(&text);
        prop_assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "{}", text);
    }
}

#[test]
fn decimals_refuse_what_xs_decimal_refuses() {
    for bad in [
        "", "-", "+", ".", "1e5", "inf", "NaN", "1.2.3", " 1", "1 ", "--1", "0x1",
    ] {
        assert_eq!(parse_decimal(bad), None, "{bad}");
    }
    assert_eq!(
        parse_decimal("-0").map(f64::to_bits),
        Some((-0.0f64).to_bits())
    );
    assert_eq!(parse_decimal("38.47"), Some(38.47));
    assert_eq!(parse_decimal("+.5"), Some(0.5));
}
