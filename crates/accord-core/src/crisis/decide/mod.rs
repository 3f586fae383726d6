//! `decide` for the Centre's commands: the policy first, then the rules, then the events.

mod exchange;

use std::collections::BTreeSet;

use crate::classification::Classification;
use crate::config::{MemberStatus, OrgConfig};
use crate::crisis::alerts::AlertId;
use crate::crisis::commands::{CrisisCommand, SitrepDraft};
use crate::crisis::duty::DutyNote;
use crate::crisis::error::CrisisError as E;
use crate::crisis::events::{
    AlertLinked, AlertReceived, AlertRejected, AssistanceRequested, DeploymentChanged, DutyNoted,
    IncidentChanged, IncidentOpened, NeedWithdrawn, ReadinessChanged, RequestClosed, SitrepIssued,
    UnitRegistered,
};
use crate::crisis::model::{
    Deployment, DeploymentStatus, DeploymentStep, Incident, IncidentId, IncidentStatus, Location,
    Readiness, Request, RequestId, Sitrep, SitrepKind, Unit,
};
use crate::crisis::rules;
use crate::decide::{allow, check_authentic, check_text, recipient_exists};
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::{AccountId, Actor, StateCode};
use crate::policy::{Action, Affiliation, Principal, Resource, Role, can};
use crate::state::State;
use crate::time::Timestamp;

impl From<E> for DomainError {
    fn from(error: E) -> Self {
        DomainError::Crisis(error)
    }
}

fn of_incident(incident: &Incident) -> Resource<'_> {
    Resource {
        classification: incident.classification,
        release: &incident.release,
    }
}

fn restricted() -> Resource<'static> {
    Resource::classified(Classification::Restricted)
}

fn is_member(state: &State, code: StateCode) -> bool {
    state
        .state(code)
        .is_some_and(|s| s.status == MemberStatus::Member)
}

/// The member state the principal speaks for.
fn acting_member(state: &State, principal: &Principal) -> Result<StateCode, DomainError> {
    let code = principal
        .affiliation()
        .state()
        .ok_or(DomainError::Crisis(E::NoState))?;
    if is_member(state, code) {
        Ok(code)
    } else {
        Err(E::NotAMember(code).into())
    }
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

fn incident(state: &State, id: IncidentId) -> Result<&Incident, DomainError> {
    Ok(state.crisis().incident(id).ok_or(E::UnknownIncident(id))?)
}

fn open_request(state: &State, id: RequestId) -> Result<&Request, DomainError> {
    let request = state.crisis().request(id).ok_or(E::UnknownRequest(id))?;
    if request.closed {
        return Err(E::RequestClosed(id).into());
    }
    Ok(request)
}

/// The closing event of a request whose needs are all met or withdrawn once `changed` replaces
/// its deployment of the same number (or joins them).
fn closing(
    state: &State,
    request: &Request,
    changed: Option<&Deployment>,
    withdrawn: Option<usize>,
    incident: &Incident,
    now: Timestamp,
) -> Option<Event> {
    let crisis = state.crisis();
    let mut request = request.clone();
    if let Some(need) = withdrawn.and_then(|i| request.needs.get_mut(i)) {
        need.withdrawn = true;
    }
    let mut deployments: Vec<&Deployment> = crisis
        .deployments_of(&request)
        .into_iter()
        .filter(|d| changed.is_none_or(|c| c.id != d.id))
        .collect();
    deployments.extend(changed);
    rules::request_done(&request, &deployments, |u| crisis.capacity(u)).then(|| {
        Event::RequestClosed(RequestClosed {
            request: request.id,
            closed_at: now,
            classification: incident.classification,
            release: incident.release.clone(),
        })
    })
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

/// Decides a crisis command.
pub(crate) fn decide(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    command: &CrisisCommand,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    use CrisisCommand as C;
    let actor = principal.actor().unwrap_or(Actor::System);
    let crisis = state.crisis();
    match command {
        C::ReceiveAlert { summary } => {
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
        C::RejectAlert {
            xml_hash,
            xml_size,
            sender,
            problems,
        } => {
            // Reporting is submitting: a partner may report what it may not read back.
            allow(
                principal,
                Action::ReportAlert,
                Resource::classified(Classification::Public),
            )?;
            Ok(vec![Event::AlertRejected(AlertRejected {
                xml_hash: xml_hash.clone(),
                xml_size: *xml_size,
                sender: sender.clone(),
                problems: problems.clone(),
                received_by: actor,
                received_at: now,
            })])
        }
        C::OpenIncident {
            title,
            incident_type,
            severity,
            location,
            affected,
            lead,
            classification,
            release,
            alerts,
        } => {
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
                incident_type: *incident_type,
                severity: *severity,
                location: location.clone(),
                affected: affected.iter().copied().collect::<BTreeSet<_>>(),
                status: IncidentStatus::Monitoring,
                lead: lead_of(state, lead.as_ref())?,
                opened_by: actor,
                opened_at: now,
                classification,
                release: release.clone(),
                alerts: alerts.clone(),
            })])
        }
        C::LinkAlert {
            incident: id,
            alert,
        } => {
            let found = incident(state, *id)?;
            allow(principal, Action::RunCrisis, of_incident(found))?;
            if found.status == IncidentStatus::Closed {
                return Err(E::IncidentClosed(*id).into());
            }
            linkable(state, *alert)?;
            Ok(vec![Event::AlertLinked(AlertLinked {
                incident: *id,
                alert: *alert,
                by: actor,
                at: now,
                classification: found.classification,
                release: found.release.clone(),
            })])
        }
        C::WriteDutyNote { incident: id, text } => {
            let (classification, release) = match id {
                Some(id) => {
                    let found = incident(state, *id)?;
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
                    incident: *id,
                    text: text.clone(),
                    by: actor,
                    at: now,
                },
                classification,
                release,
            })])
        }
        C::MakeAgreement { partner, terms } => {
            exchange::make(state, config, principal, partner, terms, actor, now)
        }
        C::EndAgreement { agreement } => exchange::end(state, principal, *agreement, actor, now),
        C::ChangeIncident {
            incident: id,
            status,
            severity,
            lead,
        } => {
            let found = incident(state, *id)?;
            allow(principal, Action::RunCrisis, of_incident(found))?;
            if found.status == IncidentStatus::Closed {
                return Err(E::IncidentClosed(*id).into());
            }
            if *status != found.status && !found.status.next().contains(status) {
                return Err(E::IllegalIncidentTransition {
                    from: found.status,
                    to: *status,
                    allowed: found.status.next(),
                }
                .into());
            }
            Ok(vec![Event::IncidentChanged(IncidentChanged {
                incident: *id,
                status: *status,
                severity: *severity,
                lead: lead_of(state, lead.as_ref())?,
                changed_by: actor,
                changed_at: now,
                classification: found.classification,
                release: found.release.clone(),
            })])
        }
        C::IssueSitrep {
            incident: id,
            draft,
        } => {
            let found = incident(state, *id)?;
            allow(principal, Action::RunCrisis, of_incident(found))?;
            if found.status == IncidentStatus::Closed {
                return Err(E::IncidentClosed(*id).into());
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
                    incident: *id,
                    sitrep: report,
                    classification: found.classification,
                    release,
                }),
            );
            Ok(events)
        }
        C::RegisterUnit {
            state: code,
            name,
            capability,
            capacity,
            self_sufficiency_days,
            deployment_hours,
            readiness,
            home,
        } => {
            allow(principal, Action::RunCrisis, restricted())?;
            if !is_member(state, *code) {
                return Err(E::NotAMember(*code).into());
            }
            check_authentic(config, name)?;
            if *capacity == 0 || *self_sufficiency_days == 0 || *deployment_hours == 0 {
                return Err(E::BadFigures.into());
            }
            if *readiness == Readiness::Deployed {
                return Err(E::ReadinessFollowsDeployments(*readiness).into());
            }
            Ok(vec![Event::UnitRegistered(UnitRegistered {
                unit: Unit {
                    id: crisis.next_unit(),
                    state: *code,
                    name: name.clone(),
                    capability: *capability,
                    capacity: *capacity,
                    self_sufficiency_days: *self_sufficiency_days,
                    deployment_hours: *deployment_hours,
                    readiness: *readiness,
                    home: *home,
                },
            })])
        }
        C::SetReadiness { unit, readiness } => {
            allow(principal, Action::RunCrisis, restricted())?;
            let found = crisis.unit(*unit).ok_or(E::UnknownUnit(*unit))?;
            if found.readiness == Readiness::Deployed || *readiness == Readiness::Deployed {
                return Err(E::ReadinessFollowsDeployments(found.readiness).into());
            }
            if found.readiness == *readiness {
                return Err(E::ReadinessUnchanged(*readiness).into());
            }
            Ok(vec![Event::ReadinessChanged(ReadinessChanged {
                unit: *unit,
                from: found.readiness,
                to: *readiness,
                changed_by: actor,
            })])
        }
        C::RequestAssistance {
            incident: id,
            needs,
            location,
            needed_by,
        } => {
            let found = incident(state, *id)?;
            allow(principal, Action::AskForHelp, of_incident(found))?;
            let member = acting_member(state, principal)?;
            if found.status == IncidentStatus::Closed {
                return Err(E::IncidentClosed(*id).into());
            }
            if !found.affected.contains(&member) {
                return Err(E::NotAffected(member).into());
            }
            if needs.is_empty() || needs.iter().any(|n| n.quantity == 0 || n.withdrawn) {
                return Err(E::NoNeeds.into());
            }
            if *needed_by <= now {
                return Err(E::NeededByPast {
                    needed_by: *needed_by,
                    now,
                }
                .into());
            }
            Ok(vec![Event::AssistanceRequested(AssistanceRequested {
                request: crisis.next_request(),
                incident: *id,
                state: member,
                needs: needs.clone(),
                location: *location,
                needed_by: *needed_by,
                requested_by: actor,
                requested_at: now,
                classification: found.classification,
                release: found.release.clone(),
            })])
        }
        C::WithdrawNeed { request: id, need } => {
            let request = crisis.request(*id).ok_or(E::UnknownRequest(*id))?;
            let found = incident(state, request.incident)?;
            allow(principal, Action::AskForHelp, of_incident(found))?;
            let member = acting_member(state, principal)?;
            let request = open_request(state, *id)?;
            if member != request.state {
                return Err(E::NotYourRequest(request.state).into());
            }
            let wanted = request.needs.get(*need).ok_or(E::UnknownNeed {
                request: *id,
                need: *need,
            })?;
            if wanted.withdrawn {
                return Err(E::NeedWithdrawn(*need).into());
            }
            let mut events = vec![Event::NeedWithdrawn(NeedWithdrawn {
                request: *id,
                need: *need,
                withdrawn_by: actor,
                classification: found.classification,
                release: found.release.clone(),
            })];
            events.extend(closing(state, request, None, Some(*need), found, now));
            Ok(events)
        }
        C::ProposeUnit {
            request: id,
            need,
            unit,
        } => {
            let request = crisis.request(*id).ok_or(E::UnknownRequest(*id))?;
            let found = incident(state, request.incident)?;
            let proposed = crisis.unit(*unit).ok_or(E::UnknownUnit(*unit))?;
            // The Centre asks for a unit; a state offers its own.
            let status = if can(principal, Action::RunCrisis, &of_incident(found)).is_allowed() {
                DeploymentStatus::Requested
            } else {
                allow(principal, Action::AskForHelp, of_incident(found))?;
                if acting_member(state, principal)? != proposed.state {
                    return Err(E::NotYourUnit(*unit).into());
                }
                DeploymentStatus::Offered
            };
            let request = open_request(state, *id)?;
            let wanted = request.needs.get(*need).ok_or(E::UnknownNeed {
                request: *id,
                need: *need,
            })?;
            if wanted.withdrawn {
                return Err(E::NeedWithdrawn(*need).into());
            }
            if proposed.capability != wanted.capability {
                return Err(E::WrongCapability {
                    unit: *unit,
                    has: proposed.capability,
                    needs: wanted.capability,
                }
                .into());
            }
            if !matches!(proposed.readiness, Readiness::Ready | Readiness::Reduced) {
                return Err(E::UnitNotAvailable {
                    unit: *unit,
                    readiness: proposed.readiness,
                }
                .into());
            }
            if let Some(live) = crisis.live_deployment(*unit) {
                return Err(E::AlreadyProposed {
                    unit: *unit,
                    deployment: live.id,
                }
                .into());
            }
            Ok(vec![Event::DeploymentChanged(DeploymentChanged {
                deployment: crisis.next_deployment(),
                request: *id,
                need: *need,
                unit: *unit,
                from: None,
                to: status,
                by: actor,
                at: now,
                classification: found.classification,
                release: found.release.clone(),
            })])
        }
        C::AdvanceDeployment { deployment, to } => {
            let current = crisis
                .deployment(*deployment)
                .ok_or(E::UnknownDeployment(*deployment))?;
            let request = crisis
                .request(current.request)
                .ok_or(E::UnknownRequest(current.request))?;
            let found = incident(state, request.incident)?;
            let unit = crisis
                .unit(current.unit)
                .ok_or(E::UnknownUnit(current.unit))?;
            if *to == DeploymentStatus::Offered {
                allow(principal, Action::AskForHelp, of_incident(found))?;
                if acting_member(state, principal)? != unit.state {
                    return Err(E::OfferByState.into());
                }
            } else {
                allow(principal, Action::RunCrisis, of_incident(found))?;
            }
            let from = current.status();
            if !from.allowed().contains(to) {
                return Err(E::IllegalTransition {
                    from,
                    to: *to,
                    allowed: from.allowed(),
                }
                .into());
            }
            let mut moved = current.clone();
            moved.steps.push(DeploymentStep {
                status: *to,
                by: actor.clone(),
                at: now,
            });
            let mut events = vec![Event::DeploymentChanged(DeploymentChanged {
                deployment: *deployment,
                request: current.request,
                need: current.need,
                unit: current.unit,
                from: Some(from),
                to: *to,
                by: actor,
                at: now,
                classification: found.classification,
                release: found.release.clone(),
            })];
            if !request.closed {
                events.extend(closing(state, request, Some(&moved), None, found, now));
            }
            Ok(events)
        }
    }
}
