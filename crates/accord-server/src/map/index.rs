//! The map's spatial index: every item that may be on the live picture (alerts not cancelled or
//! superseded, open incidents, units) in a grid of one-degree cells over the world, with what
//! the filters need kept beside each item so that a query touches no other memory.
//!
//! - **Current with the log.** [`MapIndex::catch_up`] brings the index to a state: alerts are
//!   numbered in the order they arrive and a new message is the only thing that can take an
//!   earlier one off the picture (an update supersedes, a cancellation cancels), so the alerts
//!   past the last one seen are added and the ones they reference are removed; the incidents'
//!   and units' maps are persistent (`imbl`) and compared by pointer, and the layer is rebuilt
//!   when its map changed (hundreds or thousands of items, well under a millisecond).
//! - **Expiry at the time.** An alert's `expires` is kept with it and compared with `now` at
//!   every query, so an expired alert is off the picture at the second it expires, without an
//!   event.
//! - **Grid, not a tree.** Items are small (a city, a province) and viewports are few; a grid
//!   answers a viewport by visiting its cells, and an item spanning several cells is reported
//!   once, from the first of its cells inside the viewport. An item wider than [`BIG_CELLS`]
//!   cells sits in a list visited by every query.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::Arc;

use accord_core::crisis::alerts::{Alert, AlertId, MessageKind};
use accord_core::crisis::model::{
    Incident, IncidentId, IncidentStatus, IncidentType, Location, Severity, Unit, UnitId,
};
use accord_core::{Actor, State, StateCode};
use imbl::OrdMap;

/// Cells per degree of the grid.
const COLUMNS: usize = 360;
const ROWS: usize = 180;

/// An item covering more cells than this is kept in a list every query visits.
pub const BIG_CELLS: usize = 1024;

/// A rectangle in micro-degrees: west, south, east, north (west ≤ east, south ≤ north).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    /// Western edge.
    pub west: i32,
    /// Southern edge.
    pub south: i32,
    /// Eastern edge.
    pub east: i32,
    /// Northern edge.
    pub north: i32,
}

impl Rect {
    /// The rectangle around a point.
    pub fn point(lat_e6: i32, lon_e6: i32) -> Rect {
        Rect {
            west: lon_e6,
            south: lat_e6,
            east: lon_e6,
            north: lat_e6,
        }
    }

    /// The smallest rectangle holding both.
    pub fn union(self, other: Rect) -> Rect {
        Rect {
            west: self.west.min(other.west),
            south: self.south.min(other.south),
            east: self.east.max(other.east),
            north: self.north.max(other.north),
        }
    }

    /// Whether the two overlap (edges included).
    pub fn meets(&self, other: &Rect) -> bool {
        self.west <= other.east
            && other.west <= self.east
            && self.south <= other.north
            && other.south <= self.north
    }

    /// Its middle, `(lat, lon)` in micro-degrees.
    pub fn middle(&self) -> (i32, i32) {
        let mid = |a: i32, b: i32| i32::try_from((i64::from(a) + i64::from(b)) / 2).unwrap_or(a);
        (mid(self.south, self.north), mid(self.west, self.east))
    }

    /// The cells it covers: `(first column, first row, last column, last row)`.
    fn cells(&self) -> (usize, usize, usize, usize) {
        (
            column(self.west),
            row(self.south),
            column(self.east),
            row(self.north),
        )
    }
}

fn cell_of(micro: i32, offset: i64, count: usize) -> usize {
    let degrees = (i64::from(micro) + offset * 1_000_000).div_euclid(1_000_000);
    usize::try_from(degrees.max(0)).unwrap_or(0).min(count - 1)
}

fn column(lon_e6: i32) -> usize {
    cell_of(lon_e6, 180, COLUMNS)
}

fn row(lat_e6: i32) -> usize {
    cell_of(lat_e6, 90, ROWS)
}

/// An item as a grid cell holds it: what a query reads before it needs the item itself, kept
/// in the cell so that a viewport's visit reads memory in order.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// The item's slot ([`MapIndex::item`]).
    pub slot: u32,
    /// Where it is.
    pub rect: Rect,
    /// When it leaves the picture (Unix seconds; `i64::MAX`: never).
    pub expires: i64,
    /// An alert, an incident or a unit.
    pub kind: Kind,
    /// Its severity (`None`: unknown, or a unit).
    pub severity: Option<Severity>,
    /// The incident types it matches ([`Item::types`]).
    pub types: u8,
    first_cell: (u16, u16),
}

/// The alerts and units whose middle lies in a grid cell: how many, and the sums of their
/// middles (micro-degrees), kept as items come and go so that a wide viewport is counted cell by
/// cell rather than item by item.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally {
    /// Alerts.
    pub alerts: u32,
    /// Units.
    pub units: u32,
    /// The sum of their middles' latitudes.
    pub lat_sum: i64,
    /// The sum of their middles' longitudes.
    pub lon_sum: i64,
}

/// The kind of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An alert.
    Alert,
    /// An incident.
    Incident,
    /// A unit.
    Unit,
}

/// What an item is.
#[derive(Debug, Clone)]
pub enum Thing {
    /// A live alert, with the member state whose account reported it.
    Alert(Arc<Alert>, Option<StateCode>),
    /// An open incident.
    Incident(Arc<Incident>),
    /// A unit.
    Unit(Arc<Unit>),
}

/// An item's key in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// An alert.
    Alert(AlertId),
    /// An incident.
    Incident(IncidentId),
    /// A unit.
    Unit(UnitId),
}

/// An item with what the filters read, kept inline.
#[derive(Debug, Clone)]
pub struct Item {
    /// What it is.
    pub thing: Thing,
    /// Where it is.
    pub rect: Rect,
    /// When it leaves the picture (Unix seconds; `i64::MAX`: never).
    pub expires: i64,
    /// Its severity (`None`: unknown, or a unit).
    pub severity: Option<Severity>,
    /// The incident types it matches, one bit each ([`type_bit`]); every bit for a unit.
    pub types: u8,
    /// The member states it concerns: an incident's affected states, a unit's state, the state
    /// whose account reported an alert.
    pub states: Box<[StateCode]>,
}

/// The bit of an incident type in [`Item::types`].
pub fn type_bit(t: IncidentType) -> u8 {
    1 << match t {
        IncidentType::NaturalDisaster => 0,
        IncidentType::Epidemic => 1,
        IncidentType::TerroristAct => 2,
        IncidentType::ArmedIncident => 3,
        IncidentType::IndustrialOrCbrnAccident => 4,
        IncidentType::MassMigration => 5,
        IncidentType::Other => 6,
    }
}

/// The incident types a CAP category stands for: `Geo`, `Met`, `Fire` and `Env` a natural
/// disaster, `Health` an epidemic, `Security` a terrorist act or an armed incident, `CBRNE` and
/// `Safety` an industrial or CBRN accident, everything else (`Rescue`, `Transport`, `Infra`,
/// `Other`) other.
pub fn category_types(category: &str) -> u8 {
    use IncidentType as T;
    match category {
        "Geo" | "Met" | "Fire" | "Env" => type_bit(T::NaturalDisaster),
        "Health" => type_bit(T::Epidemic),
        "Security" => type_bit(T::TerroristAct) | type_bit(T::ArmedIncident),
        "CBRNE" | "Safety" => type_bit(T::IndustrialOrCbrnAccident),
        _ => type_bit(T::Other),
    }
}

/// Metres in a micro-degree of latitude, about.
const METRES_PER_MICRODEGREE: f64 = 0.111_32;

#[expect(
    clippy::cast_possible_truncation,
    reason = "clamped to the range of degrees in micro-degrees before the cast"
)]
fn clamp_micro(value: f64, limit: i32) -> i32 {
    value.round().clamp(f64::from(-limit), f64::from(limit)) as i32
}

/// The rectangle around an alert's areas, `None` when it has none.
fn alert_rect(alert: &Alert) -> Option<Rect> {
    let mut rect: Option<Rect> = None;
    let mut add = |r: Rect| rect = Some(rect.map_or(r, |x| x.union(r)));
    for area in &alert.summary.areas {
        for point in area.polygons.iter().flatten() {
            add(Rect::point(micro(point.lat()), micro(point.lon())));
        }
        for circle in &area.circles {
            let (lat, lon) = (circle.centre.lat(), circle.centre.lon());
            let dlat = f64::from(circle.radius_m) / METRES_PER_MICRODEGREE;
            let dlon = dlat / lat.to_radians().cos().max(0.01);
            let (lat, lon) = (lat * 1e6, lon * 1e6);
            add(Rect {
                west: clamp_micro(lon - dlon, 180_000_000),
                south: clamp_micro(lat - dlat, 90_000_000),
                east: clamp_micro(lon + dlon, 180_000_000),
                north: clamp_micro(lat + dlat, 90_000_000),
            });
        }
    }
    rect
}

fn micro(degrees: f64) -> i32 {
    clamp_micro(degrees * 1e6, 180_000_000)
}

fn location_rect(location: &Location) -> Rect {
    match location {
        Location::Point { at } => Rect::point(micro(at.lat()), micro(at.lon())),
        Location::Polygon { points } => points
            .iter()
            .map(|p| Rect::point(micro(p.lat()), micro(p.lon())))
            .reduce(Rect::union)
            .unwrap_or(Rect::point(0, 0)),
    }
}

/// Whether an alert may be on the picture at some time: an actual alert or update, neither
/// superseded nor cancelled. Its expiry is compared with the time at each query, so that
/// `may_be_live(a) && expires > now` is `Alert::is_live(now)`.
pub fn may_be_live(alert: &Alert) -> bool {
    matches!(alert.summary.kind, MessageKind::Alert | MessageKind::Update)
        && alert.summary.status == "Actual"
        && alert.superseded_by.is_none()
        && alert.cancelled_by.is_none()
}

/// The member state whose account reported an alert, if a state's account did.
pub fn reporter(state: &State, alert: &Alert) -> Option<StateCode> {
    match &alert.received_by {
        Actor::Account(account) => state
            .principal(account)
            .and_then(|p| p.affiliation().state()),
        Actor::System => None,
    }
}

/// The index (one per server, behind a lock in [`crate::map::MapState`]).
#[derive(Debug)]
pub struct MapIndex {
    items: Vec<Option<Item>>,
    free: Vec<u32>,
    slots: HashMap<Key, u32>,
    cells: Vec<Vec<Entry>>,
    big: Vec<Entry>,
    /// Per grid cell, the alerts and units whose middle lies in it.
    tallies: Vec<Tally>,
    /// The incidents (few), for the counted form.
    incident_entries: Vec<Entry>,
    /// When items expire, soonest first.
    expiries: BinaryHeap<Reverse<(i64, Key)>>,
    /// The newest alert taken into account.
    last_alert: u64,
    incidents: Option<OrdMap<IncidentId, Arc<Incident>>>,
    units: Option<OrdMap<UnitId, Arc<Unit>>>,
    /// The log's size the index reflects.
    size: u64,
}

impl Default for MapIndex {
    fn default() -> Self {
        MapIndex {
            items: Vec::new(),
            free: Vec::new(),
            slots: HashMap::new(),
            cells: vec![Vec::new(); COLUMNS * ROWS],
            big: Vec::new(),
            tallies: vec![Tally::default(); COLUMNS * ROWS],
            incident_entries: Vec::new(),
            expiries: BinaryHeap::new(),
            last_alert: 0,
            incidents: None,
            units: None,
            size: 0,
        }
    }
}

impl MapIndex {
    /// The log's size the index reflects.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// How many items it holds.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Brings the index to `state`, the state at log size `size` (or newer).
    pub fn catch_up(&mut self, state: &State, size: u64) {
        let crisis = state.crisis();
        let new: Vec<Arc<Alert>> = crisis
            .alerts()
            .range(AlertId(self.last_alert + 1)..)
            .map(|(_, a)| a.clone())
            .collect();
        for alert in new {
            self.last_alert = self.last_alert.max(alert.id.0);
            if matches!(
                alert.summary.kind,
                MessageKind::Update | MessageKind::Cancel
            ) {
                for reference in &alert.summary.references {
                    if let Some(earlier) = crisis.alert_by_key(reference) {
                        self.remove(Key::Alert(earlier));
                    }
                }
            }
            if may_be_live(&alert) {
                let reporter = reporter(state, &alert);
                let id = alert.id;
                if let Some(item) = alert_item(alert, reporter) {
                    self.insert(Key::Alert(id), item);
                }
            }
        }
        let incidents = crisis.incidents();
        if !self.incidents.as_ref().is_some_and(|i| i.ptr_eq(incidents)) {
            let old: Vec<Key> = self
                .slots
                .keys()
                .filter(|k| matches!(k, Key::Incident(_)))
                .copied()
                .collect();
            for key in old {
                self.remove(key);
            }
            for incident in incidents.values() {
                if incident.status != IncidentStatus::Closed {
                    self.insert(Key::Incident(incident.id), incident_item(incident.clone()));
                }
            }
            self.incidents = Some(incidents.clone());
        }
        let units = crisis.units();
        if !self.units.as_ref().is_some_and(|u| u.ptr_eq(units)) {
            let old: Vec<Key> = self
                .slots
                .keys()
                .filter(|k| matches!(k, Key::Unit(_)))
                .copied()
                .collect();
            for key in old {
                self.remove(key);
            }
            for unit in units.values() {
                self.insert(Key::Unit(unit.id), unit_item(unit.clone()));
            }
            self.units = Some(units.clone());
        }
        self.size = self.size.max(size);
    }

    fn insert(&mut self, key: Key, item: Item) {
        self.remove(key);
        let slot = match self.free.pop() {
            Some(slot) => {
                self.items[slot as usize] = Some(item);
                slot
            }
            None => {
                self.items.push(Some(item));
                u32::try_from(self.items.len() - 1).expect("fewer than 4 billion items")
            }
        };
        let item = self.items[slot as usize].as_ref().expect("just put");
        let (c0, r0, c1, r1) = item.rect.cells();
        let entry = Entry {
            slot,
            rect: item.rect,
            expires: item.expires,
            kind: match item.thing {
                Thing::Alert(..) => Kind::Alert,
                Thing::Incident(_) => Kind::Incident,
                Thing::Unit(_) => Kind::Unit,
            },
            severity: item.severity,
            types: item.types,
            first_cell: (
                u16::try_from(c0).unwrap_or(u16::MAX),
                u16::try_from(r0).unwrap_or(u16::MAX),
            ),
        };
        if (c1 - c0 + 1) * (r1 - r0 + 1) > BIG_CELLS {
            self.big.push(entry);
        } else {
            for r in r0..=r1 {
                for c in c0..=c1 {
                    self.cells[r * COLUMNS + c].push(entry);
                }
            }
        }
        self.count(&entry, 1);
        if entry.expires != i64::MAX {
            self.expiries.push(Reverse((entry.expires, key)));
        }
        self.slots.insert(key, slot);
    }

    /// Adds (`sign` 1) or takes away (-1) an entry from the tallies or the incidents' list.
    fn count(&mut self, entry: &Entry, sign: i32) {
        if entry.kind == Kind::Incident {
            if sign > 0 {
                self.incident_entries.push(*entry);
            } else {
                self.incident_entries.retain(|e| e.slot != entry.slot);
            }
            return;
        }
        let (lat, lon) = entry.rect.middle();
        let tally = &mut self.tallies[row(lat) * COLUMNS + column(lon)];
        let step = |n: u32| n.saturating_add_signed(sign);
        match entry.kind {
            Kind::Alert => tally.alerts = step(tally.alerts),
            _ => tally.units = step(tally.units),
        }
        tally.lat_sum += i64::from(sign) * i64::from(lat);
        tally.lon_sum += i64::from(sign) * i64::from(lon);
    }

    /// The soonest expiry of an item in the index (`i64::MAX`: none).
    pub fn next_expiry(&self) -> i64 {
        self.expiries
            .peek()
            .map_or(i64::MAX, |Reverse((at, _))| *at)
    }

    /// Takes out the items expired at `now`.
    pub fn purge(&mut self, now: i64) {
        while let Some(Reverse((at, key))) = self.expiries.peek().copied() {
            if at > now {
                break;
            }
            self.expiries.pop();
            let current = self.slots.get(&key).map(|slot| self.item(*slot).expires);
            if current == Some(at) {
                self.remove(key);
            }
        }
    }

    /// The counted form of a viewport: `whole(tally)` for each grid cell inside `view`, and
    /// `part(entry)` for each alert or unit whose middle lies in `view` within a cell only
    /// partly inside it. The incidents are [`MapIndex::incident_entries`].
    pub fn tally(&self, view: &Rect, mut whole: impl FnMut(&Tally), mut part: impl FnMut(&Entry)) {
        let (c0, r0, c1, r1) = view.cells();
        let edge = |i: usize, offset: i64| (i64::try_from(i).unwrap_or(0) - offset) * 1_000_000;
        let inside = |c: usize, r: usize| {
            edge(c, 180) >= i64::from(view.west)
                && edge(c + 1, 180) <= i64::from(view.east)
                && edge(r, 90) >= i64::from(view.south)
                && edge(r + 1, 90) <= i64::from(view.north)
        };
        let holds = |(lat, lon): (i32, i32)| {
            lat >= view.south && lat <= view.north && lon >= view.west && lon <= view.east
        };
        for r in r0..=r1 {
            for c in c0..=c1 {
                let at = r * COLUMNS + c;
                if inside(c, r) {
                    let t = &self.tallies[at];
                    if t.alerts + t.units > 0 {
                        whole(t);
                    }
                    continue;
                }
                for entry in &self.cells[at] {
                    let middle = entry.rect.middle();
                    if entry.kind != Kind::Incident
                        && row(middle.0) == r
                        && column(middle.1) == c
                        && holds(middle)
                    {
                        part(entry);
                    }
                }
            }
        }
        for entry in &self.big {
            let middle = entry.rect.middle();
            if entry.kind != Kind::Incident
                && holds(middle)
                && !inside(column(middle.1), row(middle.0))
            {
                part(entry);
            }
        }
    }

    /// The incidents' entries.
    pub fn incident_entries(&self) -> &[Entry] {
        &self.incident_entries
    }

    fn remove(&mut self, key: Key) {
        let Some(slot) = self.slots.remove(&key) else {
            return;
        };
        let Some(item) = self.items[slot as usize].take() else {
            return;
        };
        let kind = match item.thing {
            Thing::Alert(..) => Kind::Alert,
            Thing::Incident(_) => Kind::Incident,
            Thing::Unit(_) => Kind::Unit,
        };
        self.count(
            &Entry {
                slot,
                rect: item.rect,
                expires: item.expires,
                kind,
                severity: item.severity,
                types: item.types,
                first_cell: (0, 0),
            },
            -1,
        );
        let (c0, r0, c1, r1) = item.rect.cells();
        if (c1 - c0 + 1) * (r1 - r0 + 1) > BIG_CELLS {
            self.big.retain(|e| e.slot != slot);
        } else {
            for r in r0..=r1 {
                for c in c0..=c1 {
                    let cell = &mut self.cells[r * COLUMNS + c];
                    if let Some(at) = cell.iter().position(|e| e.slot == slot) {
                        cell.swap_remove(at);
                    }
                }
            }
        }
        self.free.push(slot);
    }

    /// The item in a slot an [`Entry`] names.
    pub fn item(&self, slot: u32) -> &Item {
        self.items[slot as usize]
            .as_ref()
            .expect("an entry names a slot in use")
    }

    /// Calls `visit` once for every item whose rectangle meets `view`.
    pub fn visit(&self, view: &Rect, mut visit: impl FnMut(&Entry)) {
        let (c0, r0, c1, r1) = view.cells();
        for r in r0..=r1 {
            for c in c0..=c1 {
                for entry in &self.cells[r * COLUMNS + c] {
                    // Reported from the first of its cells inside the view only.
                    let (fc, fr) = entry.first_cell;
                    if usize::from(fc).max(c0) != c
                        || usize::from(fr).max(r0) != r
                        || !entry.rect.meets(view)
                    {
                        continue;
                    }
                    visit(entry);
                }
            }
        }
        for entry in &self.big {
            if entry.rect.meets(view) {
                visit(entry);
            }
        }
    }
}

fn item(
    thing: Thing,
    rect: Rect,
    expires: i64,
    severity: Option<Severity>,
    types: u8,
    states: Box<[StateCode]>,
) -> Item {
    Item {
        thing,
        rect,
        expires,
        severity,
        types,
        states,
    }
}

/// An alert as an item, `None` when it has no area.
pub fn alert_item(alert: Arc<Alert>, reporter: Option<StateCode>) -> Option<Item> {
    let rect = alert_rect(&alert)?;
    let types = alert
        .summary
        .categories
        .iter()
        .fold(0, |bits, c| bits | category_types(c));
    let expires = alert.summary.expires.map_or(i64::MAX, |t| t.unix_seconds());
    let severity = alert.summary.severity;
    let states: Box<[StateCode]> = reporter.into_iter().collect();
    Some(item(
        Thing::Alert(alert, reporter),
        rect,
        expires,
        severity,
        types,
        states,
    ))
}

/// An incident as an item.
pub fn incident_item(incident: Arc<Incident>) -> Item {
    let rect = location_rect(&incident.location);
    let types = type_bit(incident.incident_type);
    let severity = Some(incident.severity);
    let states: Box<[StateCode]> = incident.affected.iter().copied().collect();
    item(
        Thing::Incident(incident),
        rect,
        i64::MAX,
        severity,
        types,
        states,
    )
}

/// A unit as an item, at its home base.
pub fn unit_item(unit: Arc<Unit>) -> Item {
    let rect = Rect::point(micro(unit.home.lat()), micro(unit.home.lon()));
    let states: Box<[StateCode]> = Box::new([unit.state]);
    item(Thing::Unit(unit), rect, i64::MAX, None, u8::MAX, states)
}
