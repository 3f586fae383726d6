//! Partner exchange: the agreements under which the Centre releases alerts and situation reports
//! to partner organisations, and what each release carried. A release is decided with the alert
//! or report it concerns, so the log shows exactly what went to whom, and when.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::crisis::alerts::{AlertId, AlertKey, AlertSummary};
use crate::crisis::model::{Incident, IncidentId, IncidentType, Severity, Sitrep};
use crate::ids::{Actor, PartnerId};
use crate::lang::Lang;
use crate::time::Timestamp;

/// An exchange agreement, numbered from 1.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AgreementId(pub u64);

impl fmt::Display for AgreementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What an agreement releases to its partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    /// The CAP categories (`Geo`, `Health`, …, as CAP spells them) of the alerts released.
    pub categories: Vec<String>,
    /// The least severity of an alert released.
    pub min_severity: Severity,
    /// The kinds of incident whose releasable situation reports are released.
    pub incident_types: Vec<IncidentType>,
    /// Whether situation reports marked releasable are released at all.
    pub sitreps: bool,
    /// The language the partner reads.
    pub language: Lang,
}

/// An agreement as the Centre holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    /// Its number.
    pub id: AgreementId,
    /// The partner organisation.
    pub partner: PartnerId,
    /// What it releases.
    pub terms: Terms,
    /// Who made it.
    pub made_by: Actor,
    /// When it took effect.
    pub made_at: Timestamp,
    /// When it ended, if it has.
    pub ended_at: Option<Timestamp>,
    /// Everything released under it, oldest first (a persistent vector: a release appended to
    /// an agreement with many shares what came before with the states that hold them).
    pub releases: imbl::Vector<Release>,
    /// The keys of the alerts released under it, so that a later message referencing one is
    /// found without a walk through every release.
    pub released_keys: imbl::OrdSet<AlertKey>,
}

impl Agreement {
    /// Whether it still releases.
    pub fn in_force(&self) -> bool {
        self.ended_at.is_none()
    }

    /// Whether an alert is released under it: an actual alert of a listed category at the
    /// least severity or above, or any later message (an update, a cancellation) that
    /// references an alert already released under it, so that the partner is never left with
    /// an alert the Centre knows to be superseded or cancelled.
    pub fn releases_alert(&self, summary: &AlertSummary) -> bool {
        if !self.in_force() || summary.status != "Actual" {
            return false;
        }
        let follows_released = summary
            .references
            .iter()
            .any(|key| self.released_keys.contains(key));
        let listed = summary
            .categories
            .iter()
            .any(|c| self.terms.categories.contains(c));
        let severe = summary
            .severity
            .is_some_and(|s| s >= self.terms.min_severity);
        follows_released || (listed && severe)
    }

    /// Whether a situation report of an incident is released under it.
    pub fn releases_sitrep(&self, incident: &Incident, sitrep: &Sitrep) -> bool {
        self.in_force()
            && self.terms.sitreps
            && sitrep.releasable
            && self.terms.incident_types.contains(&incident.incident_type)
    }

    /// Records a release under it.
    pub fn record(&mut self, release: Release) {
        if let Released::Alert { key, .. } = &release.item {
            self.released_keys.insert(key.clone());
        }
        self.releases.push_back(release);
    }

    /// The alerts released under it, oldest first.
    pub fn released_alerts(&self) -> impl Iterator<Item = AlertId> + '_ {
        self.releases.iter().filter_map(|r| match &r.item {
            Released::Alert { alert, .. } => Some(*alert),
            Released::Sitrep { .. } => None,
        })
    }
}

/// What one release carried.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Released {
    /// A CAP alert: its number, key and the hash of the XML sent on.
    Alert {
        /// The alert.
        alert: AlertId,
        /// Its key.
        key: AlertKey,
        /// The SHA-256 of its original XML, `sha256:<hex>`.
        xml_hash: String,
    },
    /// A situation report, as released (the partner reads it from the release itself).
    Sitrep {
        /// The incident.
        incident: IncidentId,
        /// The incident's title.
        title: crate::lang::Text,
        /// The report.
        sitrep: Sitrep,
    },
}

/// One release under an agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    /// What went.
    pub item: Released,
    /// When.
    pub at: Timestamp,
}
