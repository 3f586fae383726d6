//! Is a polygon ring simple? A Shamos–Hoey sweep line in O(n log n), and the O(n²)
//! brute-force oracle it is property-tested against.
//!
//! Coordinates are exact integers (nano-degrees), so every predicate is exact. Adjacent
//! edges may share their common vertex; any other contact (a crossing, a vertex touching
//! another edge, a repeated vertex, a collinear overlap, an edge folding back on the
//! previous one) makes the ring not simple.

use std::cmp::Ordering;

use super::treap::Treap;

/// A point on the integer grid: `(x, y)` = (longitude, latitude) in nano-degrees.
pub(crate) type P = (i64, i64);

fn orient(a: P, b: P, c: P) -> i128 {
    let (ax, ay) = (i128::from(a.0), i128::from(a.1));
    (i128::from(b.0) - ax) * (i128::from(c.1) - ay)
        - (i128::from(b.1) - ay) * (i128::from(c.0) - ax)
}

fn sign(v: i128) -> i8 {
    match v.cmp(&0) {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    }
}

/// Whether `c`, collinear with `a`-`b`, lies within their bounding box.
fn on_segment(a: P, b: P, c: P) -> bool {
    a.0.min(b.0) <= c.0 && c.0 <= a.0.max(b.0) && a.1.min(b.1) <= c.1 && c.1 <= a.1.max(b.1)
}

/// Whether closed segments `a`-`b` and `c`-`d` have any point in common.
fn segments_meet(a: P, b: P, c: P, d: P) -> bool {
    let (o1, o2) = (sign(orient(a, b, c)), sign(orient(a, b, d)));
    let (o3, o4) = (sign(orient(c, d, a)), sign(orient(c, d, b)));
    if o1 * o2 < 0 && o3 * o4 < 0 {
        return true;
    }
    (o1 == 0 && on_segment(a, b, c))
        || (o2 == 0 && on_segment(a, b, d))
        || (o3 == 0 && on_segment(c, d, a))
        || (o4 == 0 && on_segment(c, d, b))
}

/// Whether edges `i` and `j` (`i != j`) of the ring `v` conflict. Edge `k` runs from
/// `v[k]` to `v[(k + 1) % n]`.
pub(crate) fn edges_conflict(v: &[P], i: usize, j: usize) -> bool {
    let n = v.len();
    let next = |k: usize| if k + 1 == n { 0 } else { k + 1 };
    let (i1, j1) = (next(i), next(j));
    let (a, b) = (v[i], v[i1]);
    let (c, d) = (v[j], v[j1]);
    // Adjacent edges share one vertex; they conflict only if they fold back onto each other.
    let folds = |shared: P, x: P, y: P| {
        orient(x, shared, y) == 0
            && i128::from(x.0 - shared.0) * i128::from(y.0 - shared.0)
                + i128::from(x.1 - shared.1) * i128::from(y.1 - shared.1)
                > 0
    };
    if i1 == j {
        return folds(b, a, d);
    }
    if j1 == i {
        return folds(a, b, c);
    }
    segments_meet(a, b, c, d)
}

/// The event-kind bit: set for an edge's left end (it enters the status).
const START: u32 = 1 << 31;

/// A point as one integer whose order is the lexicographic order of `(x, y)`.
fn pack((x, y): P) -> u128 {
    let flip = |v: i64| u128::from(v.cast_unsigned() ^ (1 << 63));
    (flip(x) << 64) | flip(y)
}

/// Half the span of a coordinate that [`pack_small`] takes: 2^39 nano-degrees, more than
/// the 180 degrees of a longitude.
const SMALL: i64 = 1 << 39;

/// A point with both coordinates within ±[`SMALL`] as an 80-bit integer whose order is the
/// lexicographic order of `(x, y)`.
fn pack_small((x, y): P) -> u128 {
    let shift = |v: i64| u128::from((v + SMALL).cast_unsigned());
    (shift(x) << 40) | shift(y)
}

/// The sweep's events in order: `(point, kind bit | edge id)` sorted by point, then ends
/// before starts, then id. When every coordinate is within ±[`SMALL`] (always, for
/// coordinates in degrees), each event is packed into one `u128` and sorted as such, which
/// is about twice as fast as sorting pairs.
fn sorted_events(v: &[P], segs: &[(P, P)]) -> Vec<(u128, u32)> {
    let small = v.iter().all(|&(x, y)| x.abs() < SMALL && y.abs() < SMALL);
    if small {
        let mut keys: Vec<u128> = Vec::with_capacity(2 * segs.len());
        for (e, &(l, r)) in (0u32..).zip(segs) {
            keys.push((pack_small(l) << 32) | u128::from(START | e));
            keys.push((pack_small(r) << 32) | u128::from(e));
        }
        keys.sort_unstable();
        return keys
            .into_iter()
            .map(|k| (k >> 32, u32::try_from(k & 0xFFFF_FFFF).unwrap_or(0)))
            .collect();
    }
    let mut events: Vec<(u128, u32)> = Vec::with_capacity(2 * segs.len());
    for (e, &(l, r)) in (0u32..).zip(segs) {
        events.push((pack(l), START | e));
        events.push((pack(r), e));
    }
    events.sort_unstable();
    events
}

/// Rings up to this many corners are checked pair by pair: cheaper than setting up the
/// sweep (at most 66 pair checks, no allocation).
const SMALL_RING: usize = 12;

/// The first pair of conflicting edges found by checking every pair: the oracle, and the
/// check for small rings.
pub(crate) fn find_conflict_brute(v: &[P]) -> Option<(usize, usize)> {
    let n = v.len();
    (0..n).find_map(|i| {
        ((i + 1)..n)
            .find(|&j| edges_conflict(v, i, j))
            .map(|j| (i, j))
    })
}

/// A pair of conflicting edges if there is one: by a sweep line in O(n log n), or pair by
/// pair for small rings.
/// `v` must have at least 3 vertices, no two consecutive ones equal (cyclically).
pub(crate) fn find_conflict(v: &[P]) -> Option<(usize, usize)> {
    if v.len() <= SMALL_RING {
        find_conflict_brute(v)
    } else {
        find_conflict_sweep(v)
    }
}

/// The Shamos–Hoey sweep (see [`find_conflict`]).
pub(crate) fn find_conflict_sweep(v: &[P]) -> Option<(usize, usize)> {
    let n = v.len();
    // Edge ids carry the event kind in their top bit, so they must fit in 31 bits.
    if u32::try_from(n).ok()? >= START {
        return find_conflict_brute(v);
    }
    // Each edge with its endpoints ordered left to right (then bottom to top).
    let segs: Vec<(P, P)> = (0..n)
        .map(|e| {
            let (a, b) = (v[e], v[(e + 1) % n]);
            if a <= b { (a, b) } else { (b, a) }
        })
        .collect();
    // Events sorted by point, then ends before starts (so an edge leaves the status before
    // its successor enters it): (packed point, kind bit | edge id).
    let events = sorted_events(v, &segs);
    // A point where more than two edge ends meet is a repeated vertex: the ring touches itself.
    for group in events.chunk_by(|x, y| x.0 == y.0) {
        if group.len() > 2 {
            // Four or more edge ends: the first edge is adjacent to at most two of the
            // others and touches the rest at this point.
            let edge = |g: &(u128, u32)| (g.1 & !START) as usize;
            let first = edge(&group[0]);
            let other = group[1..]
                .iter()
                .map(edge)
                .find(|&e| e != first && edges_conflict(v, first, e))
                .unwrap_or(edge(&group[2]));
            return Some((first.min(other), first.max(other)));
        }
    }
    let mut status = Treap::new(n);
    let check = |a: u32, b: u32| {
        let (a, b) = (a as usize, b as usize);
        edges_conflict(v, a, b).then(|| (a.min(b), a.max(b)))
    };
    for &(_, tagged) in &events {
        let id = tagged & !START;
        if tagged & START == 0 {
            let (below, above) = (status.prev(id), status.next(id));
            status.remove(id);
            if let (Some(b), Some(a)) = (below, above)
                && let Some(hit) = check(b, a)
            {
                return Some(hit);
            }
            continue;
        }
        let (point, sr) = segs[id as usize];
        status.insert(id, |other| {
            let (tl, tr) = segs[other as usize];
            let mut o = if tl == point {
                0
            } else {
                sign(orient(tl, tr, point))
            };
            if o == 0 {
                o = sign(orient(tl, tr, sr));
            }
            match o {
                0 => id < other,
                o => o < 0,
            }
        });
        for neighbour in [status.prev(id), status.next(id)].into_iter().flatten() {
            if let Some(hit) = check(id, neighbour) {
                return Some(hit);
            }
        }
    }
    None
}
