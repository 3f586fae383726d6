//! The part of the state for status applications, status histories, the chair's priorities
//! and forum deliveries, and how events fold into it.

use std::sync::Arc;

use imbl::OrdMap;

use crate::config::MemberStatus;
use crate::event::Event;
use crate::ids::{PartnerId, StateCode};
use crate::secretariat::model::DocumentId;
use crate::state::next_number;
use crate::status::model::{
    Applicant, Application, ApplicationId, ApplicationOutcome, Delivery, Organisation, Protocol,
    StatusSpan, StepProgress,
};
use crate::time::{Date, Timestamp};

/// Applications, each state's and organisation's statuses over time, the chairs' priorities
/// and deliveries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusBook {
    applications: OrdMap<ApplicationId, Arc<Application>>,
    linked: OrdMap<DocumentId, ApplicationId>,
    history: OrdMap<StateCode, Arc<Vec<StatusSpan>>>,
    priorities: OrdMap<Date, (StateCode, DocumentId)>,
    deliveries: OrdMap<DocumentId, Arc<Vec<Delivery>>>,
    protocols: OrdMap<StateCode, Arc<Protocol>>,
    organisations: OrdMap<PartnerId, Arc<Organisation>>,
}

impl StatusBook {
    /// Every application, by number.
    pub fn applications(&self) -> &OrdMap<ApplicationId, Arc<Application>> {
        &self.applications
    }

    /// An application.
    pub fn application(&self, id: ApplicationId) -> Option<&Application> {
        self.applications.get(&id).map(|a| &**a)
    }

    /// The application a document serves as a step, if any.
    pub fn application_of(&self, document: DocumentId) -> Option<ApplicationId> {
        self.linked.get(&document).copied()
    }

    /// An applicant's open application, if any.
    pub fn open_application(&self, applicant: &Applicant) -> Option<&Application> {
        self.applications
            .values()
            .map(|a| &**a)
            .find(|a| a.applicant == *applicant && a.is_open())
    }

    /// The organisations in the registry: the configuration's partner organisations (partners
    /// from their configured date, else from the founding) and those granted a status since.
    pub fn organisations(&self) -> &OrdMap<PartnerId, Arc<Organisation>> {
        &self.organisations
    }

    /// An organisation in the registry.
    pub fn organisation(&self, id: &PartnerId) -> Option<&Organisation> {
        self.organisations.get(id).map(|o| &**o)
    }

    /// A state's statuses, oldest first (empty for a state not in the registry).
    pub fn history(&self, state: StateCode) -> &[StatusSpan] {
        self.history.get(&state).map_or(&[], |h| h.as_slice())
    }

    /// A state's status at an instant: a status granted by a decision holds from the
    /// decision's effective time, one recorded by date from the start of that day.
    pub fn status_at(&self, state: StateCode, at: Timestamp) -> Option<StatusSpan> {
        self.history(state)
            .iter()
            .rev()
            .find(|span| span.begins() <= at)
            .copied()
    }

    /// The chairs' priorities: the first day of the term, the chair and the document.
    pub fn priorities(&self) -> &OrdMap<Date, (StateCode, DocumentId)> {
        &self.priorities
    }

    /// A joint statement's deliveries, in the order recorded.
    pub fn deliveries(&self, document: DocumentId) -> &[Delivery] {
        self.deliveries.get(&document).map_or(&[], |d| d.as_slice())
    }

    /// The partnership protocols, by partner state (the latest recorded for each).
    pub fn protocols(&self) -> &OrdMap<StateCode, Arc<Protocol>> {
        &self.protocols
    }

    /// A state's partnership protocol, if one was recorded.
    pub fn protocol(&self, state: StateCode) -> Option<&Protocol> {
        self.protocols.get(&state).map(|p| &**p)
    }

    /// The number the next application gets.
    pub fn next_application_id(&self) -> ApplicationId {
        ApplicationId(next_number(&self.applications, |a| a.0))
    }

    fn push_span(&mut self, state: StateCode, span: StatusSpan) {
        let mut spans = self
            .history
            .get(&state)
            .map(|h| (**h).clone())
            .unwrap_or_default();
        spans.push(span);
        self.history.insert(state, Arc::new(spans));
    }

    fn with_application(&mut self, id: ApplicationId, change: impl FnOnce(&mut Application)) {
        if let Some(application) = self.applications.get_mut(&id) {
            change(Arc::make_mut(application));
        }
    }

    /// Folds one event; others change nothing here.
    pub(crate) fn apply(&mut self, event: &Event) {
        match event {
            Event::OrganisationFounded(founded) => {
                for m in founded.config.members() {
                    let span = StatusSpan {
                        status: m.status,
                        since: m.since,
                        at: None,
                        decision: None,
                    };
                    self.history.insert(m.code, Arc::new(vec![span]));
                }
                for p in founded.config.partners() {
                    let span = StatusSpan {
                        status: MemberStatus::Partner,
                        since: p.since.unwrap_or(founded.config.founded()),
                        at: None,
                        decision: None,
                    };
                    let organisation = Organisation {
                        id: p.id.clone(),
                        name: p.name.clone(),
                        history: vec![span],
                    };
                    self.organisations
                        .insert(p.id.clone(), Arc::new(organisation));
                }
            }
            Event::OrganisationStatusChanged(e) => {
                let span = StatusSpan {
                    status: e.to,
                    since: e.since,
                    at: Some(e.at),
                    decision: Some(e.decision),
                };
                let mut history = self
                    .organisations
                    .get(&e.organisation)
                    .map(|o| o.history.clone())
                    .unwrap_or_default();
                history.push(span);
                let organisation = Organisation {
                    id: e.organisation.clone(),
                    name: e.name.clone(),
                    history,
                };
                self.organisations
                    .insert(e.organisation.clone(), Arc::new(organisation));
            }
            Event::MemberAdmitted(e) => {
                let span = StatusSpan {
                    status: e.status,
                    since: e.since,
                    at: e.at,
                    decision: e.decision,
                };
                self.push_span(e.state, span);
            }
            Event::MemberStatusChanged(e) => {
                let span = StatusSpan {
                    status: e.to,
                    since: e.since,
                    at: e.at,
                    decision: e.decision,
                };
                self.push_span(e.state, span);
            }
            Event::ApplicationSubmitted(e) => {
                let steps = e
                    .steps
                    .iter()
                    .map(|s| StepProgress {
                        body: s.body.clone(),
                        step: s.step,
                        document: None,
                        decision: None,
                        adopted: None,
                        decided_at: None,
                    })
                    .collect();
                let application = Application {
                    id: e.application,
                    applicant: e.applicant.clone(),
                    name: e.name.clone(),
                    status: e.status,
                    letter: e.letter.clone(),
                    submitted_at: e.submitted_at,
                    submitted_by: e.submitted_by.clone(),
                    steps,
                    outcome: None,
                };
                self.applications
                    .insert(e.application, Arc::new(application));
            }
            Event::StepLinked(e) => {
                self.linked.insert(e.document, e.application);
                self.with_application(e.application, |a| {
                    let index = usize::try_from(e.step).ok().and_then(|s| s.checked_sub(1));
                    if let Some(step) = index.and_then(|i| a.steps.get_mut(i)) {
                        step.document = Some(e.document);
                    }
                });
            }
            Event::StepDecided(e) => self.with_application(e.application, |a| {
                let index = usize::try_from(e.step).ok().and_then(|s| s.checked_sub(1));
                let last = index.is_some_and(|i| i + 1 == a.steps.len());
                if let Some(step) = index.and_then(|i| a.steps.get_mut(i)) {
                    step.decision = Some(e.decision);
                    step.adopted = Some(e.adopted);
                    step.decided_at = Some(e.at);
                }
                if !e.adopted {
                    a.outcome = Some(ApplicationOutcome::Refused {
                        decision: e.decision,
                        at: e.at,
                    });
                } else if last {
                    a.outcome = Some(ApplicationOutcome::Granted {
                        decision: e.decision,
                        at: e.at,
                    });
                }
            }),
            Event::ApplicationWithdrawn(e) => self.with_application(e.application, |a| {
                a.outcome = Some(ApplicationOutcome::Withdrawn { at: e.at });
            }),
            Event::ChairPrioritiesSet(e) => {
                self.priorities.insert(e.term_start, (e.chair, e.document));
            }
            Event::StatementDelivered(e) => {
                let mut list = self
                    .deliveries
                    .get(&e.document)
                    .map(|d| (**d).clone())
                    .unwrap_or_default();
                list.push(Delivery {
                    meeting: e.meeting.clone(),
                    delivered_at: e.delivered_at,
                    recorded_by: e.recorded_by.clone(),
                });
                self.deliveries.insert(e.document, Arc::new(list));
            }
            Event::ProtocolRecorded(e) => {
                let protocol = Protocol {
                    state: e.state,
                    doc_types: e.doc_types.iter().copied().collect(),
                    sitreps: e.sitreps,
                    document: e.document,
                    recorded_at: e.recorded_at,
                    recorded_by: e.recorded_by.clone(),
                };
                self.protocols.insert(e.state, Arc::new(protocol));
            }
            _ => {}
        }
    }
}
