//! CAP alerts taken in by the Centre: what of each alert the log keeps (its key, kind, what it
//! is about, when it expires, its areas; the original XML is kept apart by its hash), and how
//! updates and cancellations chain to the alerts they reference.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::crisis::model::{GeoPoint, IncidentId, Severity};
use crate::ids::Actor;
use crate::time::Timestamp;

/// An alert taken in, numbered from 1.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AlertId(pub u64);

impl fmt::Display for AlertId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What identifies a CAP message: its sender, identifier and sent time as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertKey {
    /// `<sender>`.
    pub sender: String,
    /// `<identifier>`.
    pub identifier: String,
    /// `<sent>`, as written (with its offset).
    pub sent: String,
}

impl fmt::Display for AlertKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{},{}", self.sender, self.identifier, self.sent)
    }
}

/// The kind of a CAP message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// A new alert.
    Alert,
    /// Updates and supersedes the messages it references.
    Update,
    /// Cancels the messages it references.
    Cancel,
    /// Acknowledges the messages it references.
    Ack,
    /// Rejects the messages it references.
    Error,
}

/// A circle: a centre and a radius in metres.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Circle {
    /// The centre.
    pub centre: GeoPoint,
    /// The radius, in whole metres.
    pub radius_m: u32,
}

/// An area of an alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertArea {
    /// `<areaDesc>`.
    pub description: String,
    /// Its polygons (closed rings).
    pub polygons: Vec<Vec<GeoPoint>>,
    /// Its circles.
    pub circles: Vec<Circle>,
}

/// What the log keeps of an alert taken in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertSummary {
    /// Its key.
    pub key: AlertKey,
    /// `<sent>` in UTC.
    pub sent_utc: Timestamp,
    /// `<status>` (`Actual`, `Exercise`, `System`, `Test`, `Draft`).
    pub status: String,
    /// `<msgType>`.
    pub kind: MessageKind,
    /// The messages it references.
    pub references: Vec<AlertKey>,
    /// The first info's `<event>`.
    pub event: String,
    /// The first info's `<headline>`, if any.
    pub headline: Option<String>,
    /// The first info's language.
    pub language: String,
    /// The highest severity of its infos (`None` when all are `Unknown`).
    pub severity: Option<Severity>,
    /// The categories of its infos, without repeats.
    pub categories: Vec<String>,
    /// When it expires: the latest `<expires>` of its infos; `None` if an info never expires.
    pub expires: Option<Timestamp>,
    /// Its areas.
    pub areas: Vec<AlertArea>,
    /// The SHA-256 of the original XML, `sha256:<hex>` (the XML is kept apart under it).
    pub xml_hash: String,
    /// The original XML's size in bytes.
    pub xml_size: u64,
}

/// Converts a CAP date-time (`2020-12-01T10:00:00+03:00`) to UTC.
pub fn utc_of(cap: &accord_cap::CapDateTime) -> Option<Timestamp> {
    let instant: jiff::Timestamp = cap.to_string().parse().ok()?;
    Timestamp::from_unix_seconds(instant.as_second()).ok()
}

fn point(p: accord_cap::Point) -> Option<GeoPoint> {
    GeoPoint::new(p.lat, p.lon).ok()
}

/// Metres in a CAP circle's radius (km), rounded and clamped to `u32`.
#[expect(
    clippy::cast_possible_truncation,
    reason = "clamped to u32's range and rounded before the cast"
)]
fn metres(km: f64) -> u32 {
    (km * 1000.0).round().clamp(0.0, f64::from(u32::MAX)) as u32
}

fn severity(cap: accord_cap::vocab::Severity) -> Option<Severity> {
    use accord_cap::vocab::Severity as S;
    match cap {
        S::Extreme => Some(Severity::Extreme),
        S::Severe => Some(Severity::Severe),
        S::Moderate => Some(Severity::Moderate),
        S::Minor => Some(Severity::Minor),
        S::Unknown => None,
    }
}

/// What the log keeps of a valid CAP alert whose original XML hashes to `xml_hash`. `None` when
/// a date-time cannot be placed in UTC (a valid alert always can).
pub fn summarise(
    alert: &accord_cap::Alert,
    xml_hash: String,
    xml_size: u64,
) -> Option<AlertSummary> {
    use accord_cap::vocab::MsgType;
    let key = |sender: &str, identifier: &str, sent: &accord_cap::CapDateTime| AlertKey {
        sender: sender.to_owned(),
        identifier: identifier.to_owned(),
        sent: sent.to_string(),
    };
    let first = alert.infos.first();
    let mut categories: Vec<String> = Vec::new();
    for category in alert.infos.iter().flat_map(|i| &i.categories) {
        let name = category.as_str().to_owned();
        if !categories.contains(&name) {
            categories.push(name);
        }
    }
    let mut expires = Some(None::<Timestamp>);
    for info in &alert.infos {
        expires = match (expires, &info.expires) {
            (Some(latest), Some(at)) => {
                let at = utc_of(at)?;
                Some(Some(latest.map_or(at, |l: Timestamp| l.max(at))))
            }
            _ => None,
        };
    }
    let areas = alert
        .infos
        .iter()
        .flat_map(|i| &i.areas)
        .map(|a| AlertArea {
            description: a.area_desc.clone(),
            polygons: a
                .polygons
                .iter()
                .map(|p| p.points().iter().filter_map(|x| point(*x)).collect())
                .collect(),
            circles: a
                .circles
                .iter()
                .filter_map(|c| {
                    Some(Circle {
                        centre: point(c.center())?,
                        radius_m: metres(c.radius_km()),
                    })
                })
                .collect(),
        })
        .collect();
    Some(AlertSummary {
        key: key(
            alert.sender.as_str(),
            alert.identifier.as_str(),
            &alert.sent,
        ),
        sent_utc: utc_of(&alert.sent)?,
        status: alert.status.as_str().to_owned(),
        kind: match alert.msg_type {
            MsgType::Alert => MessageKind::Alert,
            MsgType::Update => MessageKind::Update,
            MsgType::Cancel => MessageKind::Cancel,
            MsgType::Ack => MessageKind::Ack,
            MsgType::Error => MessageKind::Error,
        },
        references: alert
            .references
            .iter()
            .map(|r| key(r.sender.as_str(), r.identifier.as_str(), &r.sent))
            .collect(),
        event: first.map(|i| i.event.clone()).unwrap_or_default(),
        headline: first.and_then(|i| i.headline.clone()),
        language: first.map_or_else(
            || "en-US".to_owned(),
            |i| i.language_or_default().to_owned(),
        ),
        severity: alert
            .infos
            .iter()
            .filter_map(|i| severity(i.severity))
            .max(),
        categories,
        expires: expires.flatten().filter(|_| !alert.infos.is_empty()),
        areas,
        xml_hash,
        xml_size,
    })
}

/// An alert as the Centre holds it: its summary and where it stands in its chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// Its number.
    pub id: AlertId,
    /// What the log keeps of it.
    pub summary: AlertSummary,
    /// When it was taken in.
    pub received_at: Timestamp,
    /// Who sent it in (a national centre's account, a partner's, or the feed poller).
    pub received_by: Actor,
    /// The later message that updated it, if any.
    pub superseded_by: Option<AlertId>,
    /// The later message that cancelled it, if any.
    pub cancelled_by: Option<AlertId>,
    /// The messages it references that have not arrived yet (an update before its original).
    pub waiting_for: Vec<AlertKey>,
    /// The incident whose timeline it is on, if any.
    pub incident: Option<IncidentId>,
}

impl Alert {
    /// Whether it belongs on the live picture at `now`: an actual alert or update, not
    /// cancelled, not superseded, not expired.
    pub fn is_live(&self, now: Timestamp) -> bool {
        matches!(self.summary.kind, MessageKind::Alert | MessageKind::Update)
            && self.summary.status == "Actual"
            && self.superseded_by.is_none()
            && self.cancelled_by.is_none()
            && self.summary.expires.is_none_or(|at| at > now)
    }
}

/// One problem of a rejected alert, as the validator reported it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    /// The stable code (`INVALID_DATE`, ...).
    pub code: String,
    /// Where (`/alert/info[1]/area[2]`).
    pub path: String,
    /// What a duty officer reads.
    pub message: String,
}
