//! The plans' part of the state, and how their events fold into it.

use std::collections::BTreeMap;
use std::sync::Arc;

use imbl::OrdMap;

use crate::event::Event;
use crate::plans::model::{Measure, Plan, PlanId, Report};
use crate::secretariat::model::DocumentId;
use crate::state::next_number;

/// Every plan and strategy, by number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plans {
    plans: OrdMap<PlanId, Arc<Plan>>,
    by_document: OrdMap<DocumentId, PlanId>,
}

impl Plans {
    /// Every plan, by number.
    pub fn plans(&self) -> &OrdMap<PlanId, Arc<Plan>> {
        &self.plans
    }

    /// A plan.
    pub fn plan(&self, id: PlanId) -> Option<&Plan> {
        self.plans.get(&id).map(|p| &**p)
    }

    /// The plan of a document.
    pub fn plan_of(&self, document: DocumentId) -> Option<PlanId> {
        self.by_document.get(&document).copied()
    }

    pub(crate) fn next_plan(&self) -> PlanId {
        PlanId(next_number(&self.plans, |p| p.0))
    }

    pub(crate) fn apply(&mut self, event: &Event) {
        match event {
            Event::PlanCreated(e) => {
                let plan = Plan {
                    id: e.plan,
                    document: e.document,
                    kind: e.kind,
                    title: e.title.clone(),
                    classification: e.classification,
                    release: e.release.clone(),
                    created_by: e.created_by.clone(),
                    created_at: e.created_at,
                    measures: BTreeMap::new(),
                };
                self.plans.insert(e.plan, Arc::new(plan));
                self.by_document.insert(e.document, e.plan);
            }
            Event::MeasureAdded(e) => {
                if let Some(plan) = self.plans.get_mut(&e.plan) {
                    let measure = Measure {
                        number: e.number.clone(),
                        text: e.text.clone(),
                        states: e.states.iter().copied().collect(),
                        bodies: e.bodies.iter().cloned().collect(),
                        deadline: e.deadline,
                        indicators: e.indicators.clone(),
                        reports: Vec::new(),
                    };
                    Arc::make_mut(plan)
                        .measures
                        .insert(e.number.clone(), measure);
                }
            }
            Event::ProgressReported(e) => {
                if let Some(measure) = self
                    .plans
                    .get_mut(&e.plan)
                    .and_then(|p| Arc::make_mut(p).measures.get_mut(&e.measure))
                {
                    measure.reports.push(Report {
                        status: e.status,
                        values: e.values.iter().map(|v| (v.indicator, v.value)).collect(),
                        comment: e.comment.clone(),
                        as_of: e.as_of,
                        by: e.by.clone(),
                        at: e.at,
                        state: e.state,
                    });
                }
            }
            _ => {}
        }
    }
}
