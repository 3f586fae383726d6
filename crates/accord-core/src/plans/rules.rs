//! The rules of implementation as pure functions of a plan and a day: a measure's status on a
//! day, whether it is overdue, and the dashboard's figures by measure, by state, by body and
//! overall. The day is always passed in; nothing here reads a clock.

use std::collections::BTreeMap;

use crate::ids::{BodyId, StateCode};
use crate::plans::model::{Measure, MeasureNumber, Plan, ProgressStatus, Report};
use crate::time::Date;

/// The last report on or before `day` (reports are kept in the order of the dates they report
/// on), if any.
pub fn last_report(measure: &Measure, day: Date) -> Option<&Report> {
    measure.reports.iter().rev().find(|r| r.as_of <= day)
}

/// How a measure stands on `day`: its last report's status, not started without one.
pub fn status_on(measure: &Measure, day: Date) -> ProgressStatus {
    last_report(measure, day).map_or(ProgressStatus::NotStarted, |r| r.status)
}

/// Whether a measure is overdue on `day`: its deadline (the last day to carry it out) has
/// passed and it is not done. On the deadline itself it is not yet overdue.
pub fn is_overdue(measure: &Measure, day: Date) -> bool {
    day > measure.deadline && status_on(measure, day) != ProgressStatus::Done
}

/// Counts of measures by how they stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Every measure counted.
    pub total: usize,
    /// Done.
    pub done: usize,
    /// In progress.
    pub in_progress: usize,
    /// Not started.
    pub not_started: usize,
    /// Overdue (among those not done).
    pub overdue: usize,
}

impl Tally {
    fn count(&mut self, status: ProgressStatus, overdue: bool) {
        self.total += 1;
        match status {
            ProgressStatus::Done => self.done += 1,
            ProgressStatus::InProgress => self.in_progress += 1,
            ProgressStatus::NotStarted => self.not_started += 1,
        }
        if overdue {
            self.overdue += 1;
        }
    }

    /// The share done, in whole per cent rounded down (0 when nothing is counted).
    pub fn percent_done(&self) -> u32 {
        if self.total == 0 {
            return 0;
        }
        u32::try_from(self.done * 100 / self.total).unwrap_or(100)
    }
}

/// One measure as the dashboard shows it on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureLine<'a> {
    /// The measure.
    pub measure: &'a Measure,
    /// Its status on the day.
    pub status: ProgressStatus,
    /// Overdue on the day.
    pub overdue: bool,
    /// Its last report on or before the day.
    pub last: Option<&'a Report>,
}

/// The dashboard's figures for a plan on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard<'a> {
    /// The day.
    pub day: Date,
    /// Every measure, in the tree's order.
    pub measures: Vec<MeasureLine<'a>>,
    /// Each responsible state's measures.
    pub by_state: BTreeMap<StateCode, Tally>,
    /// Each responsible body's measures.
    pub by_body: BTreeMap<BodyId, Tally>,
    /// Every measure of the plan (a measure with sub-measures counts as one too).
    pub overall: Tally,
}

/// The figures for `plan` on `day`.
pub fn dashboard(plan: &Plan, day: Date) -> Dashboard<'_> {
    let mut by_state: BTreeMap<StateCode, Tally> = BTreeMap::new();
    let mut by_body: BTreeMap<BodyId, Tally> = BTreeMap::new();
    let mut overall = Tally::default();
    let measures: Vec<MeasureLine<'_>> = plan
        .measures
        .values()
        .map(|measure| {
            let status = status_on(measure, day);
            let overdue = is_overdue(measure, day);
            overall.count(status, overdue);
            for state in &measure.states {
                by_state.entry(*state).or_default().count(status, overdue);
            }
            for body in &measure.bodies {
                by_body
                    .entry(body.clone())
                    .or_default()
                    .count(status, overdue);
            }
            MeasureLine {
                measure,
                status,
                overdue,
                last: last_report(measure, day),
            }
        })
        .collect();
    Dashboard {
        day,
        measures,
        by_state,
        by_body,
        overall,
    }
}

/// The measures of `plan` overdue on `day`, in the tree's order.
pub fn overdue(plan: &Plan, day: Date) -> Vec<&MeasureNumber> {
    plan.measures
        .iter()
        .filter(|(_, m)| is_overdue(m, day))
        .map(|(n, _)| n)
        .collect()
}
