//! The Crisis Response Centre's values: incidents, situation reports, the collective forces'
//! units, requests for assistance and deployments.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::crisis::alerts::AlertId;
use crate::ids::{Actor, ParseError, StateCode};
use crate::lang::Text;
use crate::policy::Recipient;
use crate::time::Timestamp;

macro_rules! numbered {
    ($($(#[$doc:meta])* $ty:ident),*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $ty(pub u64);

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

numbered!(
    /// An incident, numbered from 1.
    IncidentId,
    /// A unit or module of the collective forces, numbered from 1.
    UnitId,
    /// A request for assistance, numbered from 1.
    RequestId,
    /// A deployment of a unit against a request, numbered from 1.
    DeploymentId
);

/// A point on the Earth (WGS 84), kept to a millionth of a degree (about 0.1 m), written
/// `"40.183300,44.515200"` (latitude, longitude). Whole numbers of micro-degrees keep the log's
/// canonical JSON free of floating-point numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct GeoPoint {
    lat_e6: i32,
    lon_e6: i32,
}

impl GeoPoint {
    /// A point, rounded to a millionth of a degree; latitude in [-90, 90], longitude in
    /// [-180, 180], both finite.
    pub fn new(lat: f64, lon: f64) -> Result<Self, ParseError> {
        let inside = lat.is_finite()
            && lon.is_finite()
            && (-90.0..=90.0).contains(&lat)
            && (-180.0..=180.0).contains(&lon);
        if !inside {
            return Err(ParseError::new(
                "point",
                &format!("{lat},{lon}"),
                "latitude is -90 to 90 and longitude -180 to 180 degrees",
            ));
        }
        Ok(GeoPoint {
            lat_e6: micro(lat),
            lon_e6: micro(lon),
        })
    }

    /// Parses `"lat,lon"` in decimal degrees (at most six decimals).
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let bad = || {
            ParseError::new(
                "point",
                text,
                "write latitude,longitude in decimal degrees, at most six decimals",
            )
        };
        let (lat, lon) = text.split_once(',').ok_or_else(bad)?;
        let number = |part: &str| -> Result<f64, ParseError> {
            let part = part.trim();
            let decimals = part.split_once('.').map_or(0, |(_, d)| d.len());
            let plain = part
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
            if decimals > 6 || !plain || part.is_empty() {
                return Err(bad());
            }
            part.parse().map_err(|_| bad())
        };
        GeoPoint::new(number(lat)?, number(lon)?)
    }

    /// Latitude in degrees.
    pub fn lat(&self) -> f64 {
        f64::from(self.lat_e6) / 1e6
    }

    /// Longitude in degrees.
    pub fn lon(&self) -> f64 {
        f64::from(self.lon_e6) / 1e6
    }
}

/// Degrees in [-180, 180] as whole micro-degrees.
#[expect(
    clippy::cast_possible_truncation,
    reason = "the degrees are checked to lie in [-180, 180], so the micro-degrees fit an i32"
)]
fn micro(degrees: f64) -> i32 {
    (degrees * 1e6).round() as i32
}

impl fmt::Display for GeoPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = |v: i32| {
            let sign = if v < 0 { "-" } else { "" };
            let v = v.unsigned_abs();
            format!("{sign}{}.{:06}", v / 1_000_000, v % 1_000_000)
        };
        write!(f, "{},{}", part(self.lat_e6), part(self.lon_e6))
    }
}

crate::ids::string_form!(GeoPoint);

/// Where an incident is: a point, or an area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Location {
    /// A point.
    Point {
        /// The point.
        at: GeoPoint,
    },
    /// A closed polygon (first point repeated last), at least four points.
    Polygon {
        /// Its points.
        points: Vec<GeoPoint>,
    },
}

impl Location {
    /// A representative point: the point itself, or the mean of a polygon's distinct vertices.
    pub fn centre(&self) -> GeoPoint {
        match self {
            Location::Point { at } => *at,
            Location::Polygon { points } => {
                let distinct = &points[..points.len().saturating_sub(1).max(1)];
                let n = distinct.len().max(1) as f64;
                let lat = distinct.iter().map(GeoPoint::lat).sum::<f64>() / n;
                let lon = distinct.iter().map(GeoPoint::lon).sum::<f64>() / n;
                GeoPoint::new(lat, lon).unwrap_or(distinct[0])
            }
        }
    }
}

/// The kind of incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentType {
    /// An earthquake, flood, fire, storm, ...
    NaturalDisaster,
    /// An epidemic.
    Epidemic,
    /// A terrorist act.
    TerroristAct,
    /// An armed incident.
    ArmedIncident,
    /// An industrial, chemical, biological, radiological or nuclear accident.
    IndustrialOrCbrnAccident,
    /// Mass migration.
    MassMigration,
    /// Anything else.
    Other,
}

/// How severe an incident is (as CAP grades it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Minimal threat.
    Minor,
    /// Possible threat.
    Moderate,
    /// Significant threat.
    Severe,
    /// Extraordinary threat.
    Extreme,
}

/// Where an incident stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentStatus {
    /// Watched.
    Monitoring,
    /// Under way.
    Active,
    /// The organisation is responding.
    Response,
    /// Recovering.
    Recovery,
    /// Closed.
    Closed,
}

impl IncidentStatus {
    /// The status's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            IncidentStatus::Monitoring => "monitoring",
            IncidentStatus::Active => "active",
            IncidentStatus::Response => "response",
            IncidentStatus::Recovery => "recovery",
            IncidentStatus::Closed => "closed",
        }
    }

    /// The statuses an incident may move to from this one: any other open status (an incident
    /// may escalate or calm down), or closed; a closed incident stays closed.
    pub fn next(&self) -> Vec<IncidentStatus> {
        use IncidentStatus as S;
        match self {
            S::Closed => Vec::new(),
            current => [
                S::Monitoring,
                S::Active,
                S::Response,
                S::Recovery,
                S::Closed,
            ]
            .into_iter()
            .filter(|s| s != current)
            .collect(),
        }
    }
}

/// An incident the Centre runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incident {
    /// Its number.
    pub id: IncidentId,
    /// Its title.
    pub title: Text,
    /// Its kind.
    pub incident_type: IncidentType,
    /// How severe.
    pub severity: Severity,
    /// Where.
    pub location: Location,
    /// The member states affected.
    pub affected: BTreeSet<StateCode>,
    /// Where it stands.
    pub status: IncidentStatus,
    /// The duty officer leading it.
    pub lead: Option<Actor>,
    /// When it was opened.
    pub opened_at: Timestamp,
    /// Its situation reports, in order (report `n` is `sitreps[n - 1]`).
    pub sitreps: Vec<Sitrep>,
    /// The requests for assistance made for it.
    pub requests: Vec<RequestId>,
    /// Its classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
    /// The alerts on its timeline (each update of a linked alert joins it).
    pub alerts: Vec<AlertId>,
    /// Every change of its status, severity or lead, oldest first.
    pub changes: Vec<IncidentChange>,
}

/// A change of an incident's status, severity or lead (`incident.changed`): what they became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentChange {
    /// When.
    pub at: Timestamp,
    /// Who changed it.
    pub by: Actor,
    /// Its status from then on.
    pub status: IncidentStatus,
    /// Its severity from then on.
    pub severity: Severity,
    /// Its lead officer from then on.
    pub lead: Option<Actor>,
}

/// The kind of a situation report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SitrepKind {
    /// The first report.
    Initial,
    /// A later report.
    Update,
    /// The last report.
    Final,
}

/// A situation report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sitrep {
    /// Its number within the incident, from 1.
    pub number: u32,
    /// Initial, update or final.
    pub kind: SitrepKind,
    /// The start of the period covered.
    pub from: Timestamp,
    /// The end of the period covered.
    pub to: Timestamp,
    /// The situation.
    pub situation: Text,
    /// The actions taken.
    pub actions: Text,
    /// The needs.
    pub needs: Text,
    /// Who prepared it.
    pub prepared_by: Actor,
    /// Who authorised it (a Crisis Response Centre officer).
    pub authorised_by: Actor,
    /// When it was issued.
    pub issued_at: Timestamp,
    /// When the next report is due (none after a final report).
    pub next_due: Option<Timestamp>,
    /// Releasable to the partners the incident's release list names.
    pub releasable: bool,
}

/// What a unit can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    /// A field hospital; its capacity is in beds.
    FieldHospital,
    /// Medical evacuation.
    MedicalEvacuation,
    /// CBRN detection and sampling.
    CbrnDetection,
    /// A biological security laboratory.
    BiosecurityLaboratory,
    /// Search and rescue.
    SearchAndRescue,
    /// Engineering.
    Engineering,
    /// Airlift.
    Airlift,
    /// Water purification.
    WaterPurification,
    /// A peacekeeping battalion.
    PeacekeepingBattalion,
}

/// A unit's readiness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Readiness {
    /// Ready to deploy.
    Ready,
    /// Ready with reduced capacity or longer notice.
    Reduced,
    /// Not available.
    NotAvailable,
    /// Deployed.
    Deployed,
}

/// A unit or module of the collective forces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Its number.
    pub id: UnitId,
    /// The contributing state.
    pub state: StateCode,
    /// Its name.
    pub name: Text,
    /// What it does.
    pub capability: Capability,
    /// How much (beds for a field hospital, people, tonnes, cubic metres a day, ...).
    pub capacity: u32,
    /// How many days it sustains itself.
    pub self_sufficiency_days: u32,
    /// How many hours it needs to deploy.
    pub deployment_hours: u32,
    /// Its readiness.
    pub readiness: Readiness,
    /// Its home base.
    pub home: GeoPoint,
}

/// One capability a request asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Need {
    /// The capability.
    pub capability: Capability,
    /// How many units of it (a field hospital's need counts beds).
    pub quantity: u32,
    /// Withdrawn by the requesting state.
    pub withdrawn: bool,
}

/// A request for assistance by an affected member state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Its number.
    pub id: RequestId,
    /// The incident.
    pub incident: IncidentId,
    /// The requesting state.
    pub state: StateCode,
    /// What it needs.
    pub needs: Vec<Need>,
    /// Where.
    pub location: GeoPoint,
    /// By when.
    pub needed_by: Timestamp,
    /// When it was made.
    pub requested_at: Timestamp,
    /// Its deployments.
    pub deployments: Vec<DeploymentId>,
    /// Closed: every need met or withdrawn.
    pub closed: bool,
}

/// Where a deployment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeploymentStatus {
    /// The Centre has asked the contributing state for the unit.
    Requested,
    /// The contributing state offers it.
    Offered,
    /// The Centre has accepted the offer.
    Accepted,
    /// The unit is mobilising.
    Mobilising,
    /// The unit is on its way.
    EnRoute,
    /// The unit is on site.
    OnSite,
    /// The unit is released (home, or stood down before it went).
    Released,
}

impl DeploymentStatus {
    /// The status's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            DeploymentStatus::Requested => "requested",
            DeploymentStatus::Offered => "offered",
            DeploymentStatus::Accepted => "accepted",
            DeploymentStatus::Mobilising => "mobilising",
            DeploymentStatus::EnRoute => "en_route",
            DeploymentStatus::OnSite => "on_site",
            DeploymentStatus::Released => "released",
        }
    }

    /// The statuses a deployment may move to: the next step, or released (stood down) from any
    /// step before it; a released deployment is over.
    pub fn allowed(&self) -> Vec<DeploymentStatus> {
        use DeploymentStatus as D;
        match self {
            D::Requested => vec![D::Offered, D::Released],
            D::Offered => vec![D::Accepted, D::Released],
            D::Accepted => vec![D::Mobilising, D::Released],
            D::Mobilising => vec![D::EnRoute, D::Released],
            D::EnRoute => vec![D::OnSite, D::Released],
            D::OnSite => vec![D::Released],
            D::Released => Vec::new(),
        }
    }

    /// Whether the unit counts toward meeting the need (accepted and on).
    pub fn counts(&self) -> bool {
        matches!(
            self,
            DeploymentStatus::Accepted
                | DeploymentStatus::Mobilising
                | DeploymentStatus::EnRoute
                | DeploymentStatus::OnSite
        )
    }

    /// Whether the unit is away from home (its readiness shows deployed).
    pub fn away(&self) -> bool {
        matches!(
            self,
            DeploymentStatus::Mobilising | DeploymentStatus::EnRoute | DeploymentStatus::OnSite
        )
    }
}

/// A change of a deployment, with who made it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeploymentStep {
    /// The new status.
    pub status: DeploymentStatus,
    /// Who changed it.
    pub by: Actor,
    /// When.
    pub at: Timestamp,
}

/// A unit deployed (or to be) against one need of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deployment {
    /// Its number.
    pub id: DeploymentId,
    /// The request.
    pub request: RequestId,
    /// The need (index into the request's needs).
    pub need: usize,
    /// The unit.
    pub unit: UnitId,
    /// Its history, oldest first; the last step is its status.
    pub steps: Vec<DeploymentStep>,
}

impl Deployment {
    /// Its current status.
    pub fn status(&self) -> DeploymentStatus {
        self.steps
            .last()
            .map_or(DeploymentStatus::Requested, |s| s.status)
    }
}
