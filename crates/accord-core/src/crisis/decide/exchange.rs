//! `decide` for exchange agreements, and the releases an alert or a situation report makes
//! under the agreements in force.

use crate::config::OrgConfig;
use crate::crisis::alerts::{AlertId, AlertSummary};
use crate::crisis::error::CrisisError as E;
use crate::crisis::events::{AgreementEnded, AgreementMade, ExchangeReleased};
use crate::crisis::exchange::{AgreementId, Released, Terms};
use crate::crisis::model::{Incident, Sitrep};
use crate::decide::allow;
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::{Actor, PartnerId};
use crate::policy::{Action, Principal, Recipient};
use crate::state::State;
use crate::time::Timestamp;

use super::restricted;

fn to_partner(partner: &PartnerId) -> Vec<Recipient> {
    vec![Recipient::Partner {
        partner: partner.clone(),
    }]
}

/// `MakeAgreement`.
pub(super) fn make(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    partner: &PartnerId,
    terms: &Terms,
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    allow(principal, Action::RunCrisis, restricted())?;
    if state.status().organisation(partner).is_none() {
        return Err(DomainError::UnknownPartner(partner.to_string()));
    }
    if let Some(unknown) = terms
        .categories
        .iter()
        .find(|c| accord_cap::vocab::Category::parse(c).is_none())
    {
        return Err(E::UnknownCategory(unknown.clone()).into());
    }
    if terms.categories.is_empty() && (!terms.sitreps || terms.incident_types.is_empty()) {
        return Err(E::ReleasesNothing.into());
    }
    if !config.is_official(terms.language) {
        return Err(DomainError::UnofficialLanguage(terms.language));
    }
    Ok(vec![Event::AgreementMade(AgreementMade {
        agreement: state.crisis().next_agreement(),
        partner: partner.clone(),
        terms: terms.clone(),
        by: actor,
        at: now,
        release: to_partner(partner),
    })])
}

/// `EndAgreement`.
pub(super) fn end(
    state: &State,
    principal: &Principal,
    agreement: AgreementId,
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    allow(principal, Action::RunCrisis, restricted())?;
    let found = state
        .crisis()
        .agreement(agreement)
        .ok_or(E::UnknownAgreement(agreement))?;
    if !found.in_force() {
        return Err(E::AgreementEnded(agreement).into());
    }
    Ok(vec![Event::AgreementEnded(AgreementEnded {
        agreement,
        by: actor,
        at: now,
        release: to_partner(&found.partner),
    })])
}

/// The releases of an alert taken in as number `alert`.
pub(super) fn alert_releases(
    state: &State,
    alert: AlertId,
    summary: &AlertSummary,
    now: Timestamp,
) -> Vec<Event> {
    state
        .crisis()
        .agreements()
        .values()
        .filter(|a| a.releases_alert(summary))
        .map(|a| {
            Event::ExchangeReleased(ExchangeReleased {
                agreement: a.id,
                item: Released::Alert {
                    alert,
                    key: summary.key.clone(),
                    xml_hash: summary.xml_hash.clone(),
                },
                at: now,
                release: to_partner(&a.partner),
            })
        })
        .collect()
}

/// The releases of a situation report just issued for an incident.
pub(super) fn sitrep_releases(
    state: &State,
    incident: &Incident,
    sitrep: &Sitrep,
    now: Timestamp,
) -> Vec<Event> {
    state
        .crisis()
        .agreements()
        .values()
        .filter(|a| a.releases_sitrep(incident, sitrep))
        .map(|a| {
            Event::ExchangeReleased(ExchangeReleased {
                agreement: a.id,
                item: Released::Sitrep {
                    incident: incident.id,
                    title: incident.title.clone(),
                    sitrep: sitrep.clone(),
                },
                at: now,
                release: to_partner(&a.partner),
            })
        })
        .collect()
}
