//! Map items as GeoJSON features (RFC 7946: coordinates are `[longitude, latitude]`).
//!
//! - An **alert** gives a feature per polygon (a `Polygon`) and per circle (a `Point` with
//!   `radius_m`), all with the alert's `id` (`alert-7`); its link opens an incident from it.
//! - An **incident** gives one feature, a `Point` or a `Polygon`, linked to its page.
//! - A **unit** gives a `Point` at its home base, linked to the units' page.
//!
//! Every feature's properties carry what the page's filters read (`types`, `severity`,
//! `states`), so that live changes are filtered in the browser as the API filters a query.
//! Names written in several languages (an incident's title, a unit's name) come as an object
//! with one entry per interface language, so one rendering serves every reader.

use std::collections::BTreeMap;

use accord_core::StateCode;
use accord_core::crisis::alerts::Alert;
use accord_core::crisis::model::{
    Capability, GeoPoint, Incident, IncidentStatus, IncidentType, Location, Readiness, Severity,
    Unit,
};
use serde::Serialize;

use super::index::{Thing, category_types, type_bit};
use crate::i18n::UiLang;
use crate::pages::content_lang;

#[derive(Serialize)]
#[serde(tag = "type")]
enum Geometry {
    Point { coordinates: [f64; 2] },
    Polygon { coordinates: Vec<Vec<[f64; 2]>> },
}

#[derive(Serialize)]
struct Feature<'a, P> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    geometry: Geometry,
    properties: P,
}

#[derive(Serialize)]
struct AlertProps<'a> {
    kind: &'static str,
    id: &'a str,
    alert: u64,
    label: &'a str,
    event: &'a str,
    area: &'a str,
    severity: Option<Severity>,
    categories: &'a [String],
    types: Vec<IncidentType>,
    states: Vec<StateCode>,
    sent: String,
    expires: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    radius_m: Option<u32>,
    link: String,
}

#[derive(Serialize)]
struct IncidentProps<'a> {
    kind: &'static str,
    id: &'a str,
    incident: u64,
    title: BTreeMap<&'static str, &'a str>,
    incident_type: IncidentType,
    types: [IncidentType; 1],
    severity: Severity,
    status: IncidentStatus,
    affected: Vec<StateCode>,
    states: Vec<StateCode>,
    link: String,
}

#[derive(Serialize)]
struct UnitProps<'a> {
    kind: &'static str,
    id: &'a str,
    unit: u64,
    title: BTreeMap<&'static str, &'a str>,
    readiness: Readiness,
    capability: Capability,
    capacity: u32,
    state: StateCode,
    states: [StateCode; 1],
    link: &'static str,
}

const TYPES: [IncidentType; 7] = [
    IncidentType::NaturalDisaster,
    IncidentType::Epidemic,
    IncidentType::TerroristAct,
    IncidentType::ArmedIncident,
    IncidentType::IndustrialOrCbrnAccident,
    IncidentType::MassMigration,
    IncidentType::Other,
];

/// The incident types in a set of [`type_bit`]s.
pub fn types_of(bits: u8) -> Vec<IncidentType> {
    TYPES
        .into_iter()
        .filter(|t| bits & type_bit(*t) != 0)
        .collect()
}

fn lon_lat(p: &GeoPoint) -> [f64; 2] {
    [p.lon(), p.lat()]
}

fn titles(text: &accord_core::Text) -> BTreeMap<&'static str, &str> {
    UiLang::ALL
        .into_iter()
        .map(|l| (l.code(), text.localized(content_lang(l)).text()))
        .collect()
}

/// The item's id on the map: `alert-7`, `incident-2`, `unit-15`.
pub fn id_of(thing: &Thing) -> String {
    match thing {
        Thing::Alert(a, _) => format!("alert-{}", a.id),
        Thing::Incident(i) => format!("incident-{}", i.id),
        Thing::Unit(u) => format!("unit-{}", u.id),
    }
}

/// Appends the item's features to `out`, each preceded by a comma unless `out` ends with `[`.
pub fn write_features(thing: &Thing, out: &mut Vec<u8>) {
    let id = id_of(thing);
    match thing {
        Thing::Alert(alert, reporter) => write_alert(alert, *reporter, &id, out),
        Thing::Incident(incident) => write_incident(incident, &id, out),
        Thing::Unit(unit) => write_unit(unit, &id, out),
    }
}

fn push<T: Serialize>(value: &T, out: &mut Vec<u8>) {
    if out.last().is_some_and(|b| *b != b'[') {
        out.push(b',');
    }
    // A feature of plain fields always serialises.
    let _ = serde_json::to_writer(&mut *out, value);
}

fn write_alert<'a>(alert: &'a Alert, reporter: Option<StateCode>, id: &'a str, out: &mut Vec<u8>) {
    let s = &alert.summary;
    let types = types_of(s.categories.iter().fold(0, |b, c| b | category_types(c)));
    let label = s.headline.as_deref().unwrap_or(&s.event);
    let props = |area: &'a str, radius_m: Option<u32>| AlertProps {
        kind: "alert",
        id,
        alert: alert.id.0,
        label,
        event: &s.event,
        area,
        severity: s.severity,
        categories: &s.categories,
        types: types.clone(),
        states: reporter.into_iter().collect(),
        sent: s.sent_utc.to_string(),
        expires: s.expires.map(|t| t.to_string()),
        radius_m,
        link: format!("/incidents/new?alert={}", alert.id),
    };
    for area in &s.areas {
        for ring in &area.polygons {
            push(
                &Feature {
                    kind: "Feature",
                    id,
                    geometry: Geometry::Polygon {
                        coordinates: vec![ring.iter().map(lon_lat).collect()],
                    },
                    properties: props(&area.description, None),
                },
                out,
            );
        }
        for circle in &area.circles {
            push(
                &Feature {
                    kind: "Feature",
                    id,
                    geometry: Geometry::Point {
                        coordinates: lon_lat(&circle.centre),
                    },
                    properties: props(&area.description, Some(circle.radius_m)),
                },
                out,
            );
        }
    }
}

fn write_incident(incident: &Incident, id: &str, out: &mut Vec<u8>) {
    let geometry = match &incident.location {
        Location::Point { at } => Geometry::Point {
            coordinates: lon_lat(at),
        },
        Location::Polygon { points } => Geometry::Polygon {
            coordinates: vec![points.iter().map(lon_lat).collect()],
        },
    };
    let affected: Vec<StateCode> = incident.affected.iter().copied().collect();
    push(
        &Feature {
            kind: "Feature",
            id,
            geometry,
            properties: IncidentProps {
                kind: "incident",
                id,
                incident: incident.id.0,
                title: titles(&incident.title),
                incident_type: incident.incident_type,
                types: [incident.incident_type],
                severity: incident.severity,
                status: incident.status,
                affected: affected.clone(),
                states: affected,
                link: format!("/incidents/{}", incident.id),
            },
        },
        out,
    );
}

fn write_unit(unit: &Unit, id: &str, out: &mut Vec<u8>) {
    push(
        &Feature {
            kind: "Feature",
            id,
            geometry: Geometry::Point {
                coordinates: lon_lat(&unit.home),
            },
            properties: UnitProps {
                kind: "unit",
                id,
                unit: unit.id.0,
                title: titles(&unit.name),
                readiness: unit.readiness,
                capability: unit.capability,
                capacity: unit.capacity,
                state: unit.state,
                states: [unit.state],
                link: "/units",
            },
        },
        out,
    );
}
