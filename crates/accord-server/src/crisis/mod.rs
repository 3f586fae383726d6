//! What the API and the pages share about the Crisis Response Centre's records: who may see an
//! incident, a situation report, a request, an alert, a duty note or an agreement (always
//! through the policy), submitting a crisis command for the reader, the number of what it
//! created, and an incident's timeline.

pub mod timeline;
pub mod words;

use accord_core::crisis::CrisisCommand;
use accord_core::crisis::alerts::Alert;
use accord_core::crisis::duty::DutyNote;
use accord_core::crisis::exchange::Agreement;
use accord_core::crisis::model::{Incident, Request, Sitrep};
use accord_core::{Affiliation, Classification, CommandPayload, Event, Recipient, Resource, State};
use accord_store::Receipt;

use crate::access::may_read;
use crate::app::AppState;
use crate::error::AppError;
use crate::viewer::Ctx;

/// The resource an incident is, for the policy: its classification and release list. Its
/// requests, deployments and linked notes are classified as it is.
pub fn incident_resource(incident: &Incident) -> Resource<'_> {
    Resource {
        classification: incident.classification,
        release: &incident.release,
    }
}

/// Whether the reader may see the incident.
pub fn may_see_incident(ctx: &Ctx, incident: &Incident) -> bool {
    may_read(ctx, &incident_resource(incident))
}

/// Whether the reader may see a situation report: classified as its incident, released only
/// when marked releasable, then to its incident's list and to the partner states whose
/// protocol takes situation reports ([`State::sitrep_release`]).
pub fn may_see_sitrep(ctx: &Ctx, state: &State, incident: &Incident, sitrep: &Sitrep) -> bool {
    may_read(
        ctx,
        &Resource {
            classification: incident.classification,
            release: &state.sitrep_release(incident, sitrep),
        },
    )
}

/// Whether the reader may see the records the organisation keeps to its insiders: the units
/// and their readiness, the alerts taken in.
pub fn may_see_restricted(ctx: &Ctx) -> bool {
    may_read(ctx, &Resource::classified(Classification::Restricted))
}

/// Whether the reader may see a request (as its incident).
pub fn may_see_request(ctx: &Ctx, state: &State, request: &Request) -> bool {
    state
        .crisis()
        .incident(request.incident)
        .is_some_and(|i| may_see_incident(ctx, i))
}

/// Whether the reader may see an alert: the organisation's insiders, and a partner
/// organisation to which an agreement released it, while it holds a status.
pub fn may_see_alert(ctx: &Ctx, state: &State, alert: &Alert) -> bool {
    if may_see_restricted(ctx) {
        return true;
    }
    match ctx.viewer.principal.affiliation() {
        Affiliation::PartnerOrganisation { partner } => {
            ctx.viewer.principal.standing().is_some()
                && state
                    .crisis()
                    .agreements()
                    .values()
                    .any(|a| &a.partner == partner && a.released_alerts().any(|id| id == alert.id))
        }
        _ => false,
    }
}

/// Whether the reader may see an agreement: the organisation's insiders and its partner.
pub fn may_see_agreement(ctx: &Ctx, agreement: &Agreement) -> bool {
    let release = [Recipient::Partner {
        partner: agreement.partner.clone(),
    }];
    may_read(
        ctx,
        &Resource {
            classification: Classification::Restricted,
            release: &release,
        },
    )
}

/// Whether the reader may see a duty note: as its incident, restricted when it concerns none.
pub fn may_see_note(ctx: &Ctx, state: &State, note: &DutyNote) -> bool {
    match note.incident {
        Some(id) => state
            .crisis()
            .incident(id)
            .is_some_and(|i| may_see_incident(ctx, i)),
        None => may_see_restricted(ctx),
    }
}

/// Submits a crisis command as the reader; the policy and the rules are applied by `decide` in
/// the journal, and a refusal comes back as the rule it broke (the public asked to sign in).
pub async fn submit(
    app: &AppState,
    ctx: &Ctx,
    command: CrisisCommand,
) -> Result<Receipt, AppError> {
    crate::access::submit(app, ctx, CommandPayload::Crisis(command), Vec::new()).await
}

/// The number of the record a crisis command created (an incident, a report, a unit, a
/// request, a deployment, a note or an agreement), read back from its first entry.
pub async fn created(app: &AppState, ctx: &Ctx, receipt: Receipt) -> Option<u64> {
    if receipt.count == 0 {
        return None;
    }
    let loaded = crate::entries::load(app, ctx, receipt.first.0).await.ok()?;
    let event = Event::from_hashed_body(loaded.envelope.kind(), loaded.body.as_deref()?).ok()?;
    Some(match event {
        Event::IncidentOpened(e) => e.incident.0,
        Event::SitrepIssued(e) => u64::from(e.sitrep.number),
        Event::UnitRegistered(e) => e.unit.id.0,
        Event::AssistanceRequested(e) => e.request.0,
        Event::DeploymentChanged(e) => e.deployment.0,
        Event::DutyNoted(e) => e.note.number,
        Event::AgreementMade(e) => e.agreement.0,
        Event::AlertLinked(e) => e.alert.0,
        _ => return None,
    })
}
