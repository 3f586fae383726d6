//! The Centre's values in words and as form options: kinds, severities, statuses,
//! capabilities, readiness, deployment steps and the reasons of a ranking, each a message of
//! the catalogue named by its wire name (`crisis-type-epidemic`).

use accord_core::Actor;
use accord_core::crisis::model::{
    Capability, DeploymentStatus, IncidentStatus, IncidentType, Readiness, Severity, SitrepKind,
};
use accord_core::crisis::rules::Reason;
use serde::Serialize;

use crate::i18n::{Arg, Tr};
use crate::pages::view::{Choice, wire};

/// Every kind of incident.
pub const INCIDENT_TYPES: [IncidentType; 7] = [
    IncidentType::NaturalDisaster,
    IncidentType::Epidemic,
    IncidentType::TerroristAct,
    IncidentType::ArmedIncident,
    IncidentType::IndustrialOrCbrnAccident,
    IncidentType::MassMigration,
    IncidentType::Other,
];

/// Every severity, least first.
pub const SEVERITIES: [Severity; 4] = [
    Severity::Minor,
    Severity::Moderate,
    Severity::Severe,
    Severity::Extreme,
];

/// Every incident status, in the usual order.
pub const STATUSES: [IncidentStatus; 5] = [
    IncidentStatus::Monitoring,
    IncidentStatus::Active,
    IncidentStatus::Response,
    IncidentStatus::Recovery,
    IncidentStatus::Closed,
];

/// Every capability.
pub const CAPABILITIES: [Capability; 9] = [
    Capability::FieldHospital,
    Capability::MedicalEvacuation,
    Capability::CbrnDetection,
    Capability::BiosecurityLaboratory,
    Capability::SearchAndRescue,
    Capability::Engineering,
    Capability::Airlift,
    Capability::WaterPurification,
    Capability::PeacekeepingBattalion,
];

/// The readiness an officer may set (deployed follows the deployments).
pub const SETTABLE_READINESS: [Readiness; 3] = [
    Readiness::Ready,
    Readiness::Reduced,
    Readiness::NotAvailable,
];

/// Every kind of situation report.
pub const SITREP_KINDS: [SitrepKind; 3] =
    [SitrepKind::Initial, SitrepKind::Update, SitrepKind::Final];

/// A value in words: the message `{prefix}-{wire name}`.
pub fn label<T: Serialize>(tr: &Tr<'_>, prefix: &str, value: &T) -> String {
    tr.t(&format!("{prefix}-{}", wire(value)))
}

/// Values as a select's options.
pub fn choices<T: Serialize>(tr: &Tr<'_>, prefix: &str, values: &[T]) -> Vec<Choice> {
    values
        .iter()
        .map(|v| Choice::new(wire(v), label(tr, prefix, v)))
        .collect()
}

/// A deployment's status in words.
pub fn deployment_status(tr: &Tr<'_>, status: DeploymentStatus) -> String {
    label(tr, "crisis-deployment", &status)
}

/// Who acted: an account's user name, or the system.
pub fn actor(tr: &Tr<'_>, actor: &Actor) -> String {
    match actor {
        Actor::System => tr.t("affiliation-system"),
        Actor::Account(id) => id.to_string(),
    }
}

/// One reason of a ranking in words.
pub fn reason(tr: &Tr<'_>, reason: &Reason) -> String {
    let hours = |id: &str, n: i64| tr.args(id, &[("hours", Arg::Num(n.unsigned_abs()))]);
    match reason {
        Reason::Ready => tr.t("crisis-reason-ready"),
        Reason::Reduced => tr.t("crisis-reason-reduced"),
        Reason::NotAvailable => tr.t("crisis-reason-not_available"),
        Reason::Deployed => tr.t("crisis-reason-deployed"),
        Reason::InTime { spare_hours } => hours("crisis-reason-in_time", *spare_hours),
        Reason::TooLate { late_hours } => hours("crisis-reason-too_late", *late_hours),
        Reason::Distance { km } => tr.args(
            "crisis-reason-distance",
            &[("km", Arg::Num(u64::from(*km)))],
        ),
        Reason::Covers {
            capacity,
            outstanding,
        } => tr.args(
            "crisis-reason-covers",
            &[
                ("capacity", Arg::Num(u64::from(*capacity))),
                ("outstanding", Arg::Num(u64::from(*outstanding))),
            ],
        ),
    }
}
