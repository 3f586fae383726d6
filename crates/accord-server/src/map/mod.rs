//! The Crisis Response Centre's common operational picture: live alert areas, open incidents
//! and the forces' units, answered for a viewport from an in-memory spatial index
//! ([`index`]), written as GeoJSON ([`features`]), and kept live by map deltas ([`feed`]).
//!
//! What a query returns: every item in the viewport that the reader may read (alerts and units
//! are restricted; an incident by its own classification and release list), that is live at
//! the time (an alert not expired), and that passes the filters. Up to [`LIMIT`] items come as
//! features; above it, as counts per cell of a [`GRID_COLUMNS`] × [`GRID_ROWS`] grid over the
//! viewport, so that a zoomed-out view of 100,000 alerts stays small.

pub mod features;
pub mod feed;
pub mod index;

use std::sync::RwLock;

use accord_core::crisis::model::{IncidentType, Severity};
use accord_core::{Classification, Principal, Resource, StateCode};
use accord_store::{AnyStore, Journal};
use serde::Serialize;

use crate::access::principal_may_read;
use crate::error::FieldError;
use index::{Entry, Kind, MapIndex, Rect, Thing, type_bit};

/// The most items a viewport answers as features; above it, counts per cell.
pub const LIMIT: usize = 1000;

/// The aggregation grid over the viewport: columns.
pub const GRID_COLUMNS: usize = 24;

/// The aggregation grid over the viewport: rows.
pub const GRID_ROWS: usize = 12;

/// A viewport over more one-degree cells than this, with no filter, is counted from the
/// index's tallies first ([`MapIndex::tally`]).
pub const WIDE: usize = 400;

/// The map's shared state: the index, and the live deltas rendered once per entry.
#[derive(Debug, Default)]
pub struct MapState {
    /// The spatial index, caught up with the log when a query finds it behind.
    pub index: RwLock<MapIndex>,
    /// The live deltas.
    pub feed: feed::Feed,
}

impl MapState {
    /// The FeatureCollection for a viewport ([`query`]), the index brought up to the journal's
    /// committed log first when it is behind.
    pub fn answer(
        &self,
        journal: &Journal<AnyStore>,
        principal: &Principal,
        view: &Rect,
        filters: &Filters,
        limit: usize,
        now: i64,
    ) -> Vec<u8> {
        // The journal publishes the state before the size: a state read after the size is at
        // least as new as the size.
        let size = journal.committed();
        {
            let index = self.index.read().expect("not poisoned");
            if index.size() >= size && index.next_expiry() > now {
                return query(&index, principal, view, filters, limit, now);
            }
        }
        {
            let mut index = self.index.write().expect("not poisoned");
            if index.size() < size {
                index.catch_up(&journal.state(), size);
            }
            index.purge(now);
        }
        let index = self.index.read().expect("not poisoned");
        query(&index, principal, view, filters, limit, now)
    }
}

/// What a query asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filters {
    /// The incident types wanted, one bit each (0: any). Alerts match by their CAP categories
    /// (see [`index::category_types`]); units are not typed and always pass.
    pub types: u8,
    /// The least severity wanted. Units always pass; an alert of unknown severity does not.
    pub min_severity: Option<Severity>,
    /// The member state: an incident affecting it, a unit it contributes, an alert one of its
    /// accounts (its national centre) reported.
    pub state: Option<StateCode>,
}

impl Filters {
    /// No filter.
    pub const NONE: Filters = Filters {
        types: 0,
        min_severity: None,
        state: None,
    };

    /// Parses the query's `type` (a comma-separated list), `severity` and `state`; an empty
    /// value is no filter. Each bad value is named.
    pub fn parse(
        types: Option<&str>,
        severity: Option<&str>,
        state: Option<&str>,
    ) -> Result<Filters, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut filters = Filters::NONE;
        for name in types
            .unwrap_or_default()
            .split(',')
            .filter(|t| !t.is_empty())
        {
            match serde_json::from_value::<IncidentType>(name.into()) {
                Ok(t) => filters.types |= type_bit(t),
                Err(_) => errors.push(field("type", &format!("not an incident type: {name}"))),
            }
        }
        if let Some(s) = severity.filter(|s| !s.is_empty()) {
            match serde_json::from_value::<Severity>(s.into()) {
                Ok(s) => filters.min_severity = Some(s),
                Err(_) => errors.push(field("severity", "one of minor, moderate, severe, extreme")),
            }
        }
        if let Some(s) = state.filter(|s| !s.is_empty()) {
            match StateCode::parse(s) {
                Ok(code) => filters.state = Some(code),
                Err(e) => errors.push(field("state", &e.to_string())),
            }
        }
        if errors.is_empty() {
            Ok(filters)
        } else {
            Err(errors)
        }
    }

    fn pass(&self, entry: &Entry, index: &MapIndex) -> bool {
        let unit = entry.kind == Kind::Unit;
        (self.types == 0 || unit || entry.types & self.types != 0)
            && self
                .min_severity
                .is_none_or(|min| unit || entry.severity.is_some_and(|s| s >= min))
            && self
                .state
                .is_none_or(|s| index.item(entry.slot).states.contains(&s))
    }
}

fn field(name: &str, message: &str) -> FieldError {
    FieldError {
        field: name.to_owned(),
        message: message.to_owned(),
    }
}

/// Parses the most items to answer as features: 1 to [`LIMIT`]; absent: [`LIMIT`].
pub fn parse_limit(text: Option<&str>) -> Result<usize, FieldError> {
    match text.filter(|t| !t.is_empty()) {
        None => Ok(LIMIT),
        Some(t) => t
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=LIMIT).contains(n))
            .ok_or_else(|| field("limit", &format!("a whole number from 1 to {LIMIT}"))),
    }
}

/// Parses `west,south,east,north` in decimal degrees (longitudes -180 to 180, latitudes -90 to
/// 90, west below east, south below north); absent: the whole world.
pub fn parse_bbox(text: Option<&str>) -> Result<Rect, FieldError> {
    let Some(text) = text.filter(|t| !t.is_empty()) else {
        return Ok(Rect {
            west: -180_000_000,
            south: -90_000_000,
            east: 180_000_000,
            north: 90_000_000,
        });
    };
    let bad = || {
        field(
            "bbox",
            "write west,south,east,north in degrees: longitudes -180 to 180, latitudes -90 to 90, west < east, south < north",
        )
    };
    let numbers: Vec<f64> = text
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    let [west, south, east, north] = numbers[..] else {
        return Err(bad());
    };
    let lon = |v: f64| v.is_finite() && (-180.0..=180.0).contains(&v);
    let lat = |v: f64| v.is_finite() && (-90.0..=90.0).contains(&v);
    if !(lon(west) && lon(east) && lat(south) && lat(north) && west < east && south < north) {
        return Err(bad());
    }
    let micro = |v: f64| {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "checked to lie within ±180 degrees, so the micro-degrees fit an i32"
        )]
        let m = (v * 1e6).round() as i32;
        m
    };
    Ok(Rect {
        west: micro(west),
        south: micro(south),
        east: micro(east),
        north: micro(north),
    })
}

#[derive(Default, Clone, Copy)]
struct Cell {
    alerts: u32,
    incidents: u32,
    units: u32,
    lat_sum: i64,
    lon_sum: i64,
}

#[derive(Serialize)]
struct ClusterProps {
    kind: &'static str,
    id: String,
    count: u32,
    alerts: u32,
    incidents: u32,
    units: u32,
    bbox: [f64; 4],
}

/// Counts per cell of the aggregation grid over a viewport.
struct Grid {
    view: Rect,
    cells: Vec<Cell>,
}

impl Grid {
    fn new(view: Rect) -> Grid {
        Grid {
            view,
            cells: vec![Cell::default(); GRID_COLUMNS * GRID_ROWS],
        }
    }

    fn slot(&self, lat: i32, lon: i32) -> usize {
        let at = |v: i32, lo: i32, hi: i32, n: usize| {
            let span = (i64::from(hi) - i64::from(lo)).max(1);
            let off = (i64::from(v) - i64::from(lo)).clamp(0, span - 1);
            usize::try_from(off * i64::try_from(n).unwrap_or(1) / span).unwrap_or(0)
        };
        at(lat, self.view.south, self.view.north, GRID_ROWS) * GRID_COLUMNS
            + at(lon, self.view.west, self.view.east, GRID_COLUMNS)
    }

    fn add_tally(&mut self, t: &index::Tally) {
        let n = i64::from(t.alerts + t.units).max(1);
        let lat = i32::try_from(t.lat_sum / n)
            .unwrap_or(0)
            .clamp(self.view.south, self.view.north);
        let lon = i32::try_from(t.lon_sum / n)
            .unwrap_or(0)
            .clamp(self.view.west, self.view.east);
        let slot = self.slot(lat, lon);
        let cell = &mut self.cells[slot];
        cell.alerts += t.alerts;
        cell.units += t.units;
        cell.lat_sum += t.lat_sum;
        cell.lon_sum += t.lon_sum;
    }

    fn add(&mut self, item: &Entry) {
        let (lat, lon) = item.rect.middle();
        // Inside the viewport, for an item that only overlaps it.
        let lat = lat.clamp(self.view.south, self.view.north);
        let lon = lon.clamp(self.view.west, self.view.east);
        let slot = self.slot(lat, lon);
        let cell = &mut self.cells[slot];
        match item.kind {
            Kind::Alert => cell.alerts += 1,
            Kind::Incident => cell.incidents += 1,
            Kind::Unit => cell.units += 1,
        }
        cell.lat_sum += i64::from(lat);
        cell.lon_sum += i64::from(lon);
    }

    fn write(&self, out: &mut Vec<u8>) {
        let deg = |v: i64| v as f64 / 1e6;
        let width =
            (i64::from(self.view.east) - i64::from(self.view.west)) as f64 / GRID_COLUMNS as f64;
        let height =
            (i64::from(self.view.north) - i64::from(self.view.south)) as f64 / GRID_ROWS as f64;
        for (i, cell) in self.cells.iter().enumerate() {
            let count = cell.alerts + cell.incidents + cell.units;
            if count == 0 {
                continue;
            }
            let (r, c) = (i / GRID_COLUMNS, i % GRID_COLUMNS);
            let west = f64::from(self.view.west) + width * c as f64;
            let south = f64::from(self.view.south) + height * r as f64;
            let n = i64::from(count);
            let feature = serde_json::json!({
                "type": "Feature",
                "id": format!("cell-{r}-{c}"),
                "geometry": {"type": "Point", "coordinates": [deg(cell.lon_sum / n), deg(cell.lat_sum / n)]},
                "properties": ClusterProps {
                    kind: "cluster",
                    id: format!("cell-{r}-{c}"),
                    count,
                    alerts: cell.alerts,
                    incidents: cell.incidents,
                    units: cell.units,
                    bbox: [west / 1e6, south / 1e6, (west + width) / 1e6, (south + height) / 1e6],
                },
            });
            if out.last().is_some_and(|b| *b != b'[') {
                out.push(b',');
            }
            let _ = serde_json::to_writer(&mut *out, &feature);
        }
    }
}

/// Whether the reader may read the item (alerts and units are restricted; an incident carries
/// its own classification and release list).
pub fn may_read_item(principal: &Principal, restricted: bool, thing: &Thing) -> bool {
    match thing {
        Thing::Alert(..) | Thing::Unit(_) => restricted,
        Thing::Incident(incident) => principal_may_read(
            principal,
            &Resource {
                classification: incident.classification,
                release: &incident.release,
            },
        ),
    }
}

/// A wide viewport with no filter, counted from the tallies when it holds more than `limit`
/// items; `None` when it is not wide or holds fewer (the caller lists them). An item counts
/// where its middle is: one whose middle lies outside the viewport is not counted.
fn counted(
    index: &MapIndex,
    principal: &Principal,
    view: &Rect,
    limit: usize,
    now: i64,
) -> Option<Vec<u8>> {
    let (c0, r0, c1, r1) = (view.west, view.south, view.east, view.north);
    let cells =
        (i64::from(c1) - i64::from(c0)) / 1_000_000 * ((i64::from(r1) - i64::from(r0)) / 1_000_000);
    if cells <= i64::try_from(WIDE).unwrap_or(i64::MAX) {
        return None;
    }
    let restricted =
        principal_may_read(principal, &Resource::classified(Classification::Restricted));
    let counts = std::cell::RefCell::new((Grid::new(*view), 0u64));
    if restricted {
        index.tally(
            view,
            |t| {
                let mut counts = counts.borrow_mut();
                counts.0.add_tally(t);
                counts.1 += u64::from(t.alerts + t.units);
            },
            |e| {
                if e.expires > now {
                    let mut counts = counts.borrow_mut();
                    counts.0.add(e);
                    counts.1 += 1;
                }
            },
        );
    }
    let (mut grid, mut total) = counts.into_inner();
    for e in index.incident_entries() {
        let (lat, lon) = e.rect.middle();
        let inside = lat >= view.south && lat <= view.north && lon >= view.west && lon <= view.east;
        if inside && may_read_item(principal, restricted, &index.item(e.slot).thing) {
            grid.add(e);
            total += 1;
        }
    }
    if total <= u64::try_from(limit).unwrap_or(u64::MAX) {
        return None;
    }
    let mut out = Vec::with_capacity(64 * 1024);
    out.extend_from_slice(br#"{"type":"FeatureCollection","features":["#);
    grid.write(&mut out);
    out.extend_from_slice(
        format!(
            r#"],"total":{total},"aggregated":true,"limit":{limit},"size":{}}}"#,
            index.size()
        )
        .as_bytes(),
    );
    Some(out)
}

/// The GeoJSON FeatureCollection for a viewport, as `principal` may read it at `now` (Unix
/// seconds), with `total` (items matched), `aggregated` (more than `limit` items: counts per
/// cell) and `limit` beside the features, and the log's `size` the index reflects.
pub fn query(
    index: &MapIndex,
    principal: &Principal,
    view: &Rect,
    filters: &Filters,
    limit: usize,
    now: i64,
) -> Vec<u8> {
    let limit = limit.clamp(1, LIMIT);
    if *filters == Filters::NONE
        && index.next_expiry() > now
        && let Some(counted) = counted(index, principal, view, limit, now)
    {
        return counted;
    }
    let restricted =
        principal_may_read(principal, &Resource::classified(Classification::Restricted));
    let mut total: u64 = 0;
    let mut hits: Vec<Entry> = Vec::new();
    let mut grid: Option<Grid> = None;
    index.visit(view, |entry| {
        let readable = match entry.kind {
            Kind::Alert | Kind::Unit => restricted,
            Kind::Incident => may_read_item(principal, restricted, &index.item(entry.slot).thing),
        };
        if entry.expires <= now || !readable || !filters.pass(entry, index) {
            return;
        }
        total += 1;
        match &mut grid {
            Some(grid) => grid.add(entry),
            None => {
                hits.push(*entry);
                if hits.len() > limit {
                    let mut g = Grid::new(*view);
                    for hit in hits.drain(..) {
                        g.add(&hit);
                    }
                    grid = Some(g);
                }
            }
        }
    });
    let mut out = Vec::with_capacity(256 + hits.len() * 400);
    out.extend_from_slice(br#"{"type":"FeatureCollection","features":["#);
    match &grid {
        Some(grid) => grid.write(&mut out),
        None => {
            for hit in &hits {
                features::write_features(&index.item(hit.slot).thing, &mut out);
            }
        }
    }
    out.extend_from_slice(
        format!(
            r#"],"total":{total},"aggregated":{},"limit":{limit},"size":{}}}"#,
            grid.is_some(),
            index.size()
        )
        .as_bytes(),
    );
    out
}
