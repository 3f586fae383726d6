//! `decide` for alerts taken in or rejected, with the releases an alert makes.

use crate::classification::Classification;
use crate::crisis::alerts::{AlertSummary, Problem};
use crate::crisis::error::CrisisError as E;
use crate::crisis::events::{AlertReceived, AlertRejected};
use crate::decide::allow;
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::Actor;
use crate::policy::{Action, Principal, Resource};
use crate::state::State;
use crate::time::Timestamp;

use super::exchange;

/// `ReceiveAlert`.
pub(super) fn receive(
    state: &State,
    principal: &Principal,
    summary: &AlertSummary,
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let crisis = state.crisis();
    // Reporting is submitting: a partner may report what it may not read back.
    allow(
        principal,
        Action::ReportAlert,
        Resource::classified(Classification::Public),
    )?;
    if let Some(existing) = crisis.alert_by_key(&summary.key) {
        return Err(E::DuplicateAlert {
            key: summary.key.to_string(),
            existing,
        }
        .into());
    }
    let alert = crisis.next_alert();
    let mut events = vec![Event::AlertReceived(AlertReceived {
        alert,
        summary: summary.clone(),
        received_by: actor,
        received_at: now,
    })];
    events.extend(exchange::alert_releases(state, alert, summary, now));
    Ok(events)
}

/// `RejectAlert`.
pub(super) fn reject(
    principal: &Principal,
    xml_hash: &str,
    xml_size: u64,
    sender: &Option<String>,
    problems: &[Problem],
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    // Reporting is submitting: a partner may report what it may not read back.
    allow(
        principal,
        Action::ReportAlert,
        Resource::classified(Classification::Public),
    )?;
    Ok(vec![Event::AlertRejected(AlertRejected {
        xml_hash: xml_hash.to_owned(),
        xml_size,
        sender: sender.clone(),
        problems: problems.to_vec(),
        received_by: actor,
        received_at: now,
    })])
}
