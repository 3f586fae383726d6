//! `decide` for incidents: opened, changed, alerts linked, duty notes and situation reports.

use std::collections::BTreeSet;

use crate::classification::Classification;
use crate::config::OrgConfig;
use crate::crisis::alerts::AlertId;
use crate::crisis::commands::SitrepDraft;
use crate::crisis::duty::DutyNote;
use crate::crisis::error::CrisisError as E;
use crate::crisis::events::{
    AlertLinked, DutyNoted, IncidentChanged, IncidentOpened, SitrepIssued,
};
use crate::crisis::model::{
    Incident, IncidentId, IncidentStatus, IncidentType, Location, Severity, Sitrep, SitrepKind,
};
use crate::decide::{allow, check_authentic, check_text, recipient_exists};
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::{AccountId, Actor, StateCode};
use crate::lang::Text;
use crate::policy::{Action, Affiliation, Principal, Recipient, Resource, Role};
use crate::state::State;
use crate::time::Timestamp;

use super::{exchange, incident, is_member, of_incident};

/// `OpenIncident`.
#[expect(
    clippy::too_many_arguments,
    reason = "the command's fields, passed as they are"
)]
pub(super) fn open(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    title: &Text,
    incident_type: IncidentType,
    severity: Severity,
    location: &Location,
    affected: &[StateCode],
    lead: &Option<AccountId>,
    classification: Option<Classification>,
    release: &[Recipient],
    alerts: &[AlertId],
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let crisis = state.crisis();
    let classification = classification.unwrap_or(config.default_classification());
    allow(
        principal,
        Action::RunCrisis,
        Resource {
            classification,
            release,
        },
    )?;
    check_authentic(config, title)?;
    check_location(location)?;
    if affected.is_empty() {
        return Err(E::NoAffectedState.into());
    }
    if let Some(other) = affected.iter().find(|c| !is_member(state, **c)) {
        return Err(E::NotAMember(*other).into());
    }
    if classification == Classification::Public && !release.is_empty() {
        return Err(DomainError::ReleaseOnPublic);
    }
    if let Some(unknown) = release.iter().find(|r| !recipient_exists(state, config, r)) {
        return Err(DomainError::UnknownRecipient(unknown.clone()));
    }
    for alert in alerts {
        linkable(state, *alert)?;
    }
    Ok(vec![Event::IncidentOpened(IncidentOpened {
        incident: crisis.next_incident(),
        title: title.clone(),
        incident_type,
        severity,
        location: location.clone(),
        affected: affected.iter().copied().collect::<BTreeSet<_>>(),
        status: IncidentStatus::Monitoring,
        lead: lead_of(state, lead.as_ref())?,
        opened_by: actor,
        opened_at: now,
        classification,
        release: release.to_vec(),
        alerts: alerts.to_vec(),
    })])
}

/// `LinkAlert`.
pub(super) fn link_alert(
    state: &State,
    principal: &Principal,
    id: IncidentId,
    alert: AlertId,
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let found = incident(state, id)?;
    allow(principal, Action::RunCrisis, of_incident(found))?;
    if found.status == IncidentStatus::Closed {
        return Err(E::IncidentClosed(id).into());
    }
    linkable(state, alert)?;
    Ok(vec![Event::AlertLinked(AlertLinked {
        incident: id,
        alert,
        by: actor,
        at: now,
        classification: found.classification,
        release: found.release.clone(),
    })])
}

/// `WriteDutyNote`.
pub(super) fn write_duty_note(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    id: Option<IncidentId>,
    text: &Text,
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let crisis = state.crisis();
    let (classification, release) = match id {
        Some(id) => {
            let found = incident(state, id)?;
            (found.classification, found.release.clone())
        }
        None => (Classification::Restricted, Vec::new()),
    };
    allow(
        principal,
        Action::RunCrisis,
        Resource {
            classification,
            release: &release,
        },
    )?;
    check_text(config, text)?;
    Ok(vec![Event::DutyNoted(DutyNoted {
        note: DutyNote {
            number: crisis.next_duty_note(),
            incident: id,
            text: text.clone(),
            by: actor,
            at: now,
        },
        classification,
        release,
    })])
}

/// `ChangeIncident`.
#[expect(
    clippy::too_many_arguments,
    reason = "the command's fields, passed as they are"
)]
pub(super) fn change(
    state: &State,
    principal: &Principal,
    id: IncidentId,
    status: IncidentStatus,
    severity: Severity,
    lead: &Option<AccountId>,
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let found = incident(state, id)?;
    allow(principal, Action::RunCrisis, of_incident(found))?;
    if found.status == IncidentStatus::Closed {
        return Err(E::IncidentClosed(id).into());
    }
    if status != found.status && !found.status.next().contains(&status) {
        return Err(E::IllegalIncidentTransition {
            from: found.status,
            to: status,
            allowed: found.status.next(),
        }
        .into());
    }
    Ok(vec![Event::IncidentChanged(IncidentChanged {
        incident: id,
        status,
        severity,
        lead: lead_of(state, lead.as_ref())?,
        changed_by: actor,
        changed_at: now,
        classification: found.classification,
        release: found.release.clone(),
    })])
}

/// `IssueSitrep`.
pub(super) fn issue_sitrep(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    id: IncidentId,
    draft: &SitrepDraft,
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let found = incident(state, id)?;
    allow(principal, Action::RunCrisis, of_incident(found))?;
    if found.status == IncidentStatus::Closed {
        return Err(E::IncidentClosed(id).into());
    }
    let report = sitrep(state, config, found, draft, actor, now)?;
    let release = if report.releasable {
        found.release.clone()
    } else {
        Vec::new()
    };
    let mut events = exchange::sitrep_releases(state, found, &report, now);
    events.insert(
        0,
        Event::SitrepIssued(SitrepIssued {
            incident: id,
            sitrep: report,
            classification: found.classification,
            release,
        }),
    );
    Ok(events)
}

fn check_location(location: &Location) -> Result<(), E> {
    match location {
        Location::Point { .. } => Ok(()),
        Location::Polygon { points } => {
            if points.len() >= 4 && points.first() == points.last() {
                Ok(())
            } else {
                Err(E::BadPolygon)
            }
        }
    }
}

/// The lead officer: an account of the Crisis Response Centre with the officer role.
fn lead_of(state: &State, lead: Option<&AccountId>) -> Result<Option<Actor>, DomainError> {
    match lead {
        None => Ok(None),
        Some(id) => {
            let officer = state.account(id).is_some_and(|a| {
                a.affiliation == Affiliation::CrisisCentre && a.roles.contains(&Role::Officer)
            });
            if officer {
                Ok(Some(Actor::Account(id.clone())))
            } else {
                Err(E::LeadNotOfficer(id.clone()).into())
            }
        }
    }
}

/// An alert that exists and is on no incident's timeline yet.
fn linkable(state: &State, alert: AlertId) -> Result<(), DomainError> {
    let found = state.crisis().alert(alert).ok_or(E::UnknownAlert(alert))?;
    match found.incident {
        Some(incident) => Err(E::AlertLinked { alert, incident }.into()),
        None => Ok(()),
    }
}

fn sitrep(
    state: &State,
    config: &OrgConfig,
    found: &Incident,
    draft: &SitrepDraft,
    authorised_by: Actor,
    now: Timestamp,
) -> Result<Sitrep, DomainError> {
    if found
        .sitreps
        .last()
        .is_some_and(|s| s.kind == SitrepKind::Final)
    {
        return Err(E::AfterFinal.into());
    }
    if (draft.kind == SitrepKind::Initial) != found.sitreps.is_empty() {
        return Err(E::InitialNotFirst.into());
    }
    if draft.from >= draft.to || draft.to > now {
        return Err(E::BadPeriod.into());
    }
    let next_due = match (draft.kind, draft.next_due) {
        (SitrepKind::Final, _) => None,
        (_, Some(due)) if due > now => Some(due),
        _ => return Err(E::NextDueMissing.into()),
    };
    for text in [&draft.situation, &draft.actions, &draft.needs] {
        check_authentic(config, text)?;
    }
    let prepared_by = match &draft.prepared_by {
        Some(id) if state.account(id).is_some() => Actor::Account(id.clone()),
        Some(id) => return Err(E::UnknownAuthor(id.clone()).into()),
        None => authorised_by.clone(),
    };
    Ok(Sitrep {
        number: u32::try_from(found.sitreps.len())
            .unwrap_or(u32::MAX)
            .saturating_add(1),
        kind: draft.kind,
        from: draft.from,
        to: draft.to,
        situation: draft.situation.clone(),
        actions: draft.actions.clone(),
        needs: draft.needs.clone(),
        prepared_by,
        authorised_by,
        issued_at: now,
        next_due,
        releasable: draft.releasable,
    })
}
