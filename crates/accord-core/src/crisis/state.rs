//! The Centre's part of the state: incidents with their situation reports, units, requests and
//! deployments, and how its events fold into it.

use std::sync::Arc;

use imbl::OrdMap;

use crate::crisis::alerts::{Alert, AlertId, AlertKey, MessageKind};
use crate::crisis::duty::DutyNote;
use crate::crisis::exchange::{Agreement, AgreementId, Release};
use crate::crisis::model::{
    Deployment, DeploymentId, DeploymentStep, Incident, IncidentChange, IncidentId, Readiness,
    Request, RequestId, Unit, UnitId,
};
use crate::event::Event;
use crate::state::next_number as next;

/// The Centre's records, in persistent maps of shared records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrisisCentre {
    alerts: OrdMap<AlertId, Arc<Alert>>,
    /// Each alert's number by its key.
    alert_keys: OrdMap<AlertKey, AlertId>,
    /// The updates and cancellations that arrived before the alerts they reference.
    waiting: OrdMap<AlertKey, Vec<AlertId>>,
    incidents: OrdMap<IncidentId, Arc<Incident>>,
    units: OrdMap<UnitId, Arc<Unit>>,
    requests: OrdMap<RequestId, Arc<Request>>,
    deployments: OrdMap<DeploymentId, Arc<Deployment>>,
    /// The readiness each deployed unit returns to when released.
    resume: OrdMap<UnitId, Readiness>,
    duty_log: OrdMap<u64, Arc<DutyNote>>,
    agreements: OrdMap<AgreementId, Arc<Agreement>>,
}

impl CrisisCentre {
    /// Every alert taken in, by number.
    pub fn alerts(&self) -> &OrdMap<AlertId, Arc<Alert>> {
        &self.alerts
    }

    /// An alert.
    pub fn alert(&self, id: AlertId) -> Option<&Alert> {
        self.alerts.get(&id).map(|a| &**a)
    }

    /// The alert taken in under a key.
    pub fn alert_by_key(&self, key: &AlertKey) -> Option<AlertId> {
        self.alert_keys.get(key).copied()
    }

    /// Every incident, by number.
    pub fn incidents(&self) -> &OrdMap<IncidentId, Arc<Incident>> {
        &self.incidents
    }

    /// An incident.
    pub fn incident(&self, id: IncidentId) -> Option<&Incident> {
        self.incidents.get(&id).map(|i| &**i)
    }

    /// Every unit, by number.
    pub fn units(&self) -> &OrdMap<UnitId, Arc<Unit>> {
        &self.units
    }

    /// A unit.
    pub fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.units.get(&id).map(|u| &**u)
    }

    /// Every request, by number.
    pub fn requests(&self) -> &OrdMap<RequestId, Arc<Request>> {
        &self.requests
    }

    /// A request.
    pub fn request(&self, id: RequestId) -> Option<&Request> {
        self.requests.get(&id).map(|r| &**r)
    }

    /// A deployment.
    pub fn deployment(&self, id: DeploymentId) -> Option<&Deployment> {
        self.deployments.get(&id).map(|d| &**d)
    }

    /// A request's deployments.
    pub fn deployments_of(&self, request: &Request) -> Vec<&Deployment> {
        request
            .deployments
            .iter()
            .filter_map(|d| self.deployment(*d))
            .collect()
    }

    /// A unit's capacity (0 for an unknown unit).
    pub fn capacity(&self, unit: UnitId) -> u32 {
        self.unit(unit).map_or(0, |u| u.capacity)
    }

    /// The live (not released) deployment of a unit, if any.
    pub fn live_deployment(&self, unit: UnitId) -> Option<&Deployment> {
        self.deployments.values().map(|d| &**d).find(|d| {
            d.unit == unit && d.status() != crate::crisis::model::DeploymentStatus::Released
        })
    }

    /// The duty log, by number.
    pub fn duty_log(&self) -> &OrdMap<u64, Arc<DutyNote>> {
        &self.duty_log
    }

    /// Every exchange agreement, by number.
    pub fn agreements(&self) -> &OrdMap<AgreementId, Arc<Agreement>> {
        &self.agreements
    }

    /// An exchange agreement.
    pub fn agreement(&self, id: AgreementId) -> Option<&Agreement> {
        self.agreements.get(&id).map(|a| &**a)
    }

    pub(crate) fn next_duty_note(&self) -> u64 {
        next(&self.duty_log, |k| *k)
    }

    pub(crate) fn next_agreement(&self) -> AgreementId {
        AgreementId(next(&self.agreements, |k| k.0))
    }

    fn link_to_incident(&mut self, alert: AlertId, incident: IncidentId) {
        if let Some(found) = self.alerts.get_mut(&alert) {
            Arc::make_mut(found).incident = Some(incident);
        }
        self.with_incident(incident, |i| {
            if !i.alerts.contains(&alert) {
                i.alerts.push(alert);
            }
        });
    }

    pub(crate) fn next_alert(&self) -> AlertId {
        AlertId(next(&self.alerts, |k| k.0))
    }

    /// `later` (an update or a cancellation) acts on alert `earlier`.
    /// Its incident's timeline takes the later message too.
    fn link(&mut self, later: AlertId, kind: MessageKind, earlier: AlertId) {
        let mut incident = None;
        if let Some(target) = self.alerts.get_mut(&earlier) {
            let target = Arc::make_mut(target);
            match kind {
                MessageKind::Update => target.superseded_by = Some(later),
                MessageKind::Cancel => target.cancelled_by = Some(later),
                MessageKind::Alert | MessageKind::Ack | MessageKind::Error => {}
            }
            incident = target.incident;
        }
        let unlinked = self.alert(later).is_some_and(|a| a.incident.is_none());
        if let (Some(incident), true) = (incident, unlinked) {
            self.link_to_incident(later, incident);
        }
    }

    pub(crate) fn next_incident(&self) -> IncidentId {
        IncidentId(next(&self.incidents, |k| k.0))
    }

    pub(crate) fn next_unit(&self) -> UnitId {
        UnitId(next(&self.units, |k| k.0))
    }

    pub(crate) fn next_request(&self) -> RequestId {
        RequestId(next(&self.requests, |k| k.0))
    }

    pub(crate) fn next_deployment(&self) -> DeploymentId {
        DeploymentId(next(&self.deployments, |k| k.0))
    }

    fn with_incident(&mut self, id: IncidentId, change: impl FnOnce(&mut Incident)) {
        if let Some(incident) = self.incidents.get_mut(&id) {
            change(Arc::make_mut(incident));
        }
    }

    fn with_request(&mut self, id: RequestId, change: impl FnOnce(&mut Request)) {
        if let Some(request) = self.requests.get_mut(&id) {
            change(Arc::make_mut(request));
        }
    }

    fn set_readiness(&mut self, id: UnitId, readiness: Readiness) {
        if let Some(unit) = self.units.get_mut(&id) {
            Arc::make_mut(unit).readiness = readiness;
        }
    }

    /// Folds a crisis event in; other events change nothing here.
    pub(crate) fn apply(&mut self, event: &Event) {
        match event {
            Event::AlertReceived(e) => {
                let kind = e.summary.kind;
                let mut waiting_for = Vec::new();
                let mut known = Vec::new();
                if matches!(kind, MessageKind::Update | MessageKind::Cancel) {
                    for reference in &e.summary.references {
                        match self.alert_keys.get(reference) {
                            Some(id) => known.push(*id),
                            None => waiting_for.push(reference.clone()),
                        }
                    }
                }
                let alert = Alert {
                    id: e.alert,
                    summary: e.summary.clone(),
                    received_at: e.received_at,
                    received_by: e.received_by.clone(),
                    superseded_by: None,
                    cancelled_by: None,
                    waiting_for: waiting_for.clone(),
                    incident: None,
                };
                self.alerts.insert(e.alert, Arc::new(alert));
                self.alert_keys.insert(e.summary.key.clone(), e.alert);
                for earlier in known {
                    self.link(e.alert, kind, earlier);
                }
                for key in waiting_for {
                    self.waiting.entry(key).or_default().push(e.alert);
                }
                // Messages that arrived before this one now find it.
                if let Some(later) = self.waiting.remove(&e.summary.key) {
                    for id in later {
                        let Some(kind) = self.alert(id).map(|a| a.summary.kind) else {
                            continue;
                        };
                        self.link(id, kind, e.alert);
                        if let Some(waiter) = self.alerts.get_mut(&id) {
                            Arc::make_mut(waiter)
                                .waiting_for
                                .retain(|k| *k != e.summary.key);
                        }
                    }
                }
            }
            Event::IncidentOpened(e) => {
                let incident = Incident {
                    id: e.incident,
                    title: e.title.clone(),
                    incident_type: e.incident_type,
                    severity: e.severity,
                    location: e.location.clone(),
                    affected: e.affected.clone(),
                    status: e.status,
                    lead: e.lead.clone(),
                    opened_at: e.opened_at,
                    sitreps: Vec::new(),
                    requests: Vec::new(),
                    classification: e.classification,
                    release: e.release.clone(),
                    alerts: Vec::new(),
                    changes: Vec::new(),
                };
                self.incidents.insert(e.incident, Arc::new(incident));
                for alert in &e.alerts {
                    self.link_to_incident(*alert, e.incident);
                }
            }
            Event::IncidentChanged(e) => self.with_incident(e.incident, |i| {
                i.status = e.status;
                i.severity = e.severity;
                i.lead = e.lead.clone();
                i.changes.push(IncidentChange {
                    at: e.changed_at,
                    by: e.changed_by.clone(),
                    status: e.status,
                    severity: e.severity,
                    lead: e.lead.clone(),
                });
            }),
            Event::SitrepIssued(e) => {
                self.with_incident(e.incident, |i| i.sitreps.push(e.sitrep.clone()));
            }
            Event::UnitRegistered(e) => {
                self.units.insert(e.unit.id, Arc::new(e.unit.clone()));
            }
            Event::ReadinessChanged(e) => self.set_readiness(e.unit, e.to),
            Event::AssistanceRequested(e) => {
                let request = Request {
                    id: e.request,
                    incident: e.incident,
                    state: e.state,
                    needs: e.needs.clone(),
                    location: e.location,
                    needed_by: e.needed_by,
                    requested_at: e.requested_at,
                    deployments: Vec::new(),
                    closed: false,
                };
                self.requests.insert(e.request, Arc::new(request));
                self.with_incident(e.incident, |i| i.requests.push(e.request));
            }
            Event::NeedWithdrawn(e) => self.with_request(e.request, |r| {
                if let Some(need) = r.needs.get_mut(e.need) {
                    need.withdrawn = true;
                }
            }),
            Event::DeploymentChanged(e) => {
                let step = DeploymentStep {
                    status: e.to,
                    by: e.by.clone(),
                    at: e.at,
                };
                match self.deployments.get_mut(&e.deployment) {
                    Some(deployment) => Arc::make_mut(deployment).steps.push(step),
                    None => {
                        let deployment = Deployment {
                            id: e.deployment,
                            request: e.request,
                            need: e.need,
                            unit: e.unit,
                            steps: vec![step],
                        };
                        self.deployments.insert(e.deployment, Arc::new(deployment));
                        self.with_request(e.request, |r| r.deployments.push(e.deployment));
                    }
                }
                let before = self.unit(e.unit).map(|u| u.readiness);
                if e.to.away() {
                    if let Some(before) = before.filter(|r| *r != Readiness::Deployed) {
                        self.resume.insert(e.unit, before);
                    }
                    self.set_readiness(e.unit, Readiness::Deployed);
                } else if e.to == crate::crisis::model::DeploymentStatus::Released
                    && e.from.is_some_and(|f| f.away())
                {
                    // Back to what it was before it went: a reduced unit stays reduced.
                    let resumed = self.resume.remove(&e.unit).unwrap_or(Readiness::Ready);
                    self.set_readiness(e.unit, resumed);
                }
            }
            Event::RequestClosed(e) => self.with_request(e.request, |r| r.closed = true),
            Event::AlertLinked(e) => self.link_to_incident(e.alert, e.incident),
            Event::DutyNoted(e) => {
                self.duty_log
                    .insert(e.note.number, Arc::new(e.note.clone()));
            }
            Event::AgreementMade(e) => {
                let agreement = Agreement {
                    id: e.agreement,
                    partner: e.partner.clone(),
                    terms: e.terms.clone(),
                    made_by: e.by.clone(),
                    made_at: e.at,
                    ended_at: None,
                    releases: imbl::Vector::new(),
                    released_keys: imbl::OrdSet::new(),
                };
                self.agreements.insert(e.agreement, Arc::new(agreement));
            }
            Event::AgreementEnded(e) => {
                if let Some(found) = self.agreements.get_mut(&e.agreement) {
                    Arc::make_mut(found).ended_at = Some(e.at);
                }
            }
            Event::ExchangeReleased(e) => {
                if let Some(found) = self.agreements.get_mut(&e.agreement) {
                    Arc::make_mut(found).record(Release {
                        item: e.item.clone(),
                        at: e.at,
                    });
                }
            }
            _ => {}
        }
    }
}
