//! The Centre's part of the state: incidents with their situation reports, units, requests and
//! deployments, and how its events fold into it.

use std::sync::Arc;

use imbl::OrdMap;

use crate::crisis::alerts::{Alert, AlertId, AlertKey, MessageKind};
use crate::crisis::model::{
    Deployment, DeploymentId, DeploymentStep, Incident, IncidentId, Readiness, Request, RequestId,
    Unit, UnitId,
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

    pub(crate) fn next_alert(&self) -> AlertId {
        AlertId(next(&self.alerts, |k| k.0))
    }

    /// `later` (an update or a cancellation) acts on alert `earlier`.
    fn link(&mut self, later: AlertId, kind: MessageKind, earlier: AlertId) {
        if let Some(target) = self.alerts.get_mut(&earlier) {
            let target = Arc::make_mut(target);
            match kind {
                MessageKind::Update => target.superseded_by = Some(later),
                MessageKind::Cancel => target.cancelled_by = Some(later),
                MessageKind::Alert | MessageKind::Ack | MessageKind::Error => {}
            }
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
                };
                self.incidents.insert(e.incident, Arc::new(incident));
            }
            Event::IncidentChanged(e) => self.with_incident(e.incident, |i| {
                i.status = e.status;
                i.severity = e.severity;
                i.lead = e.lead.clone();
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
                if e.to.away() {
                    self.set_readiness(e.unit, Readiness::Deployed);
                } else if e.to == crate::crisis::model::DeploymentStatus::Released
                    && e.from.is_some_and(|f| f.away())
                {
                    self.set_readiness(e.unit, Readiness::Ready);
                }
            }
            Event::RequestClosed(e) => self.with_request(e.request, |r| r.closed = true),
            _ => {}
        }
    }
}
