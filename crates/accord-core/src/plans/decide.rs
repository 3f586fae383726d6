//! `decide` for plans and strategies: the policy first, then the plan's rules, then the events.

use std::collections::BTreeSet;

use crate::config::{DocumentType, MemberStatus, OrgConfig};
use crate::decide::{allow, check_text};
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::{Actor, StateCode};
use crate::plans::commands::PlansCommand;
use crate::plans::error::PlansError as E;
use crate::plans::events::{MeasureAdded, PlanCreated, ProgressReported};
use crate::plans::model::{MAX_INDICATORS, MAX_MEASURES, MAX_REPORTS, Measure, Plan, PlanId};
use crate::policy::{Action, Affiliation, Principal, Resource};
use crate::state::State;
use crate::time::Timestamp;

impl From<E> for DomainError {
    fn from(error: E) -> Self {
        DomainError::Plans(error)
    }
}

fn of_plan(plan: &Plan) -> Resource<'_> {
    Resource {
        classification: plan.classification,
        release: &plan.release,
    }
}

fn find_plan(state: &State, id: PlanId) -> Result<&Plan, E> {
    state.plans().plan(id).ok_or(E::UnknownPlan(id))
}

pub(crate) fn decide(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    command: &PlansCommand,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let actor = principal.actor().unwrap_or(Actor::System);
    match command {
        PlansCommand::CreatePlan {
            document,
            classification,
        } => {
            let doc = state
                .secretariat()
                .document(*document)
                .ok_or(E::UnknownDocument(*document))?;
            let classification = classification.unwrap_or(doc.classification);
            let release = doc.release.clone();
            allow(
                principal,
                Action::Prepare,
                Resource {
                    classification,
                    release: &release,
                },
            )?;
            if !matches!(doc.doc_type, DocumentType::Plan | DocumentType::Strategy) {
                return Err(E::NotAPlan {
                    document: *document,
                    doc_type: doc.doc_type,
                }
                .into());
            }
            if let Some(plan) = state.plans().plan_of(*document) {
                return Err(E::AlreadyExists {
                    document: *document,
                    plan,
                }
                .into());
            }
            Ok(vec![Event::PlanCreated(PlanCreated {
                plan: state.plans().next_plan(),
                document: *document,
                kind: doc.doc_type,
                title: doc.title.clone(),
                created_by: actor,
                created_at: now,
                classification,
                release,
            })])
        }
        PlansCommand::AddMeasure {
            plan,
            parent,
            text,
            states,
            bodies,
            deadline,
            indicators,
        } => {
            let record = find_plan(state, *plan)?;
            allow(principal, Action::Prepare, of_plan(record))?;
            check_text(config, text)?;
            if record.measures.len() >= MAX_MEASURES {
                return Err(E::TooManyMeasures(MAX_MEASURES).into());
            }
            if let Some(parent) = parent {
                let above = record
                    .measures
                    .get(parent)
                    .ok_or_else(|| E::UnknownMeasure {
                        plan: *plan,
                        measure: parent.clone(),
                    })?;
                if parent.depth() >= crate::plans::model::MAX_DEPTH {
                    return Err(E::TooDeep(parent.clone()).into());
                }
                if *deadline > above.deadline {
                    return Err(E::AfterParent(above.deadline).into());
                }
            }
            let number = record
                .next_number(parent.as_ref())
                .ok_or(E::TooManyMeasures(MAX_MEASURES))?;
            let states: BTreeSet<StateCode> = states.iter().copied().collect();
            let bodies: BTreeSet<_> = bodies.iter().cloned().collect();
            if states.is_empty() && bodies.is_empty() {
                return Err(E::NoOneResponsible.into());
            }
            if let Some(code) = states.iter().find(|c| {
                state
                    .state(**c)
                    .is_none_or(|s| s.status != MemberStatus::Member)
            }) {
                return Err(E::NotAMember(*code).into());
            }
            if let Some(body) = bodies.iter().find(|b| config.body(b).is_none()) {
                return Err(E::UnknownBody(body.clone()).into());
            }
            if indicators.len() > MAX_INDICATORS || indicators.iter().any(|i| i.target == 0) {
                return Err(E::BadIndicator.into());
            }
            for indicator in indicators {
                check_text(config, &indicator.name)?;
                check_text(config, &indicator.unit)?;
            }
            Ok(vec![Event::MeasureAdded(MeasureAdded {
                plan: *plan,
                number,
                text: text.clone(),
                states: states.into_iter().collect(),
                bodies: bodies.into_iter().collect(),
                deadline: *deadline,
                indicators: indicators.clone(),
                classification: record.classification,
                release: record.release.clone(),
            })])
        }
        PlansCommand::ReportProgress {
            plan,
            measure,
            status,
            values,
            comment,
            as_of,
        } => {
            let record = find_plan(state, *plan)?;
            allow(principal, Action::ReportProgress, of_plan(record))?;
            let target = record
                .measures
                .get(measure)
                .ok_or_else(|| E::UnknownMeasure {
                    plan: *plan,
                    measure: measure.clone(),
                })?;
            let reporting_for =
                responsible(principal, target).ok_or_else(|| E::NotResponsible(measure.clone()))?;
            let today = now.date();
            if *as_of > today {
                return Err(E::ReportInFuture {
                    as_of: *as_of,
                    today,
                }
                .into());
            }
            if let Some(last) = target.reports.last()
                && *as_of < last.as_of
            {
                return Err(E::ReportBeforeLast(last.as_of).into());
            }
            if target.reports.len() >= MAX_REPORTS {
                return Err(E::TooManyReports(MAX_REPORTS).into());
            }
            let mut seen = BTreeSet::new();
            for value in values {
                let known = usize::try_from(value.indicator)
                    .is_ok_and(|i| (1..=target.indicators.len()).contains(&i));
                if !known || !seen.insert(value.indicator) {
                    return Err(E::BadValue(value.indicator).into());
                }
            }
            if let Some(comment) = comment {
                check_text(config, comment)?;
            }
            let mut values = values.clone();
            values.sort_by_key(|v| v.indicator);
            Ok(vec![Event::ProgressReported(ProgressReported {
                plan: *plan,
                measure: measure.clone(),
                status: *status,
                values,
                comment: comment.clone(),
                as_of: *as_of,
                state: reporting_for,
                by: actor,
                at: now,
                classification: record.classification,
                release: record.release.clone(),
            })])
        }
    }
}

/// Whether the principal answers for the measure: the delegation of a responsible state
/// (reporting for it), the staff of a responsible body, or the system. `Some(state)` names the
/// state reported for; `Some(None)` a body's staff or the system; `None` someone else.
fn responsible(principal: &Principal, measure: &Measure) -> Option<Option<StateCode>> {
    match principal.affiliation() {
        Affiliation::Delegation { state } if measure.states.contains(state) => Some(Some(*state)),
        Affiliation::Secretariat | Affiliation::CrisisCentre | Affiliation::JointStaff
            if principal
                .bodies()
                .iter()
                .any(|b| measure.bodies.contains(b)) =>
        {
            Some(None)
        }
        Affiliation::System => Some(None),
        _ => None,
    }
}
