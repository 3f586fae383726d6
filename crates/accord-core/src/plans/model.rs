//! The values of plans and strategies: a plan linked to its document, its tree of numbered
//! measures with the states and bodies responsible, deadlines and indicators, and the progress
//! reports of those responsible.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::config::DocumentType;
use crate::ids::{Actor, BodyId, ParseError, StateCode};
use crate::lang::Text;
use crate::policy::Recipient;
use crate::secretariat::model::DocumentId;
use crate::time::{Date, Timestamp};

/// The deepest a measure may sit in its plan's tree (`1.2.3.4`).
pub const MAX_DEPTH: usize = 4;
/// The most measures one plan holds.
pub const MAX_MEASURES: usize = 1_000;
/// The most sub-measures (or top-level measures) under one parent.
pub const MAX_CHILDREN: u32 = 99;
/// The most indicators one measure has.
pub const MAX_INDICATORS: usize = 10;
/// The most progress reports one measure keeps.
pub const MAX_REPORTS: usize = 500;

/// A plan or strategy, numbered from 1.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PlanId(pub u64);

impl fmt::Display for PlanId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A measure's place in its plan's tree, written `1`, `1.2`, `2.3.1`: each part from 1, at most
/// [`MAX_DEPTH`] parts. Ordered as the tree is read: `1` < `1.1` < `1.2` < `2`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MeasureNumber(Vec<u32>);

impl MeasureNumber {
    /// The `n`th top-level measure.
    pub fn top(n: u32) -> Self {
        MeasureNumber(vec![n])
    }

    /// Parses `1.2.3`.
    ///
    /// # Errors
    /// Anything but one to four whole numbers from 1 to 99 joined by dots.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let bad = || {
            ParseError::new(
                "measure number",
                text,
                "numbers from 1 to 99 joined by dots, such as 1.2, at most four deep",
            )
        };
        let parts: Vec<u32> = text
            .split('.')
            .map(|p| {
                if p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(bad());
                }
                p.parse::<u32>().map_err(|_| bad())
            })
            .collect::<Result<_, _>>()?;
        if parts.len() > MAX_DEPTH || parts.iter().any(|p| *p == 0 || *p > MAX_CHILDREN) {
            return Err(bad());
        }
        Ok(MeasureNumber(parts))
    }

    /// The parent's number; `None` at the top.
    pub fn parent(&self) -> Option<MeasureNumber> {
        (self.0.len() > 1).then(|| MeasureNumber(self.0[..self.0.len() - 1].to_vec()))
    }

    /// The `n`th sub-measure of this one.
    pub fn child(&self, n: u32) -> MeasureNumber {
        let mut parts = self.0.clone();
        parts.push(n);
        MeasureNumber(parts)
    }

    /// How deep it sits: 1 at the top.
    pub fn depth(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Display for MeasureNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, part) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{part}")?;
        }
        Ok(())
    }
}

impl TryFrom<String> for MeasureNumber {
    type Error = ParseError;
    fn try_from(text: String) -> Result<Self, ParseError> {
        MeasureNumber::parse(&text)
    }
}

impl From<MeasureNumber> for String {
    fn from(number: MeasureNumber) -> String {
        number.to_string()
    }
}

/// How a measure stands, as its last report says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgressStatus {
    /// Nothing done yet (also a measure with no report).
    NotStarted,
    /// Under way.
    InProgress,
    /// Carried out.
    Done,
}

impl ProgressStatus {
    /// Every status, in order.
    pub const ALL: [ProgressStatus; 3] = [
        ProgressStatus::NotStarted,
        ProgressStatus::InProgress,
        ProgressStatus::Done,
    ];

    /// Its wire name.
    pub fn as_str(&self) -> &'static str {
        match self {
            ProgressStatus::NotStarted => "not_started",
            ProgressStatus::InProgress => "in_progress",
            ProgressStatus::Done => "done",
        }
    }
}

/// What a measure is measured by: a name, a target and its unit (whole numbers: the log's
/// canonical JSON holds no floating-point numbers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Its name.
    pub name: Text,
    /// The value to reach.
    pub target: u64,
    /// The unit of the values (courses, exercises, people, per cent).
    pub unit: Text,
}

/// One indicator's value in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorValue {
    /// The indicator, numbered from 1 in the measure's order.
    pub indicator: u32,
    /// Its value.
    pub value: u64,
}

/// A progress report on a measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// How it stands.
    pub status: ProgressStatus,
    /// The indicators' values, by indicator number.
    pub values: BTreeMap<u32, u64>,
    /// A comment per language.
    pub comment: Option<Text>,
    /// The date it reports on.
    pub as_of: Date,
    /// Who reported.
    pub by: Actor,
    /// When.
    pub at: Timestamp,
    /// For whom: the responsible state the reporter speaks for, or none for a body's staff.
    pub state: Option<StateCode>,
}

/// A measure of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// Its number.
    pub number: MeasureNumber,
    /// What is to be done, per language.
    pub text: Text,
    /// The member states responsible.
    pub states: BTreeSet<StateCode>,
    /// The bodies responsible.
    pub bodies: BTreeSet<BodyId>,
    /// By when (the last day).
    pub deadline: Date,
    /// Its indicators.
    pub indicators: Vec<Indicator>,
    /// Its reports, in the order of the dates they report on.
    pub reports: Vec<Report>,
}

/// A plan or strategy and its measures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Its number.
    pub id: PlanId,
    /// The document it implements.
    pub document: DocumentId,
    /// Plan or strategy, as its document.
    pub kind: DocumentType,
    /// Its title (the document's, when the plan was created).
    pub title: Text,
    /// Its classification.
    pub classification: Classification,
    /// Who it is released to beyond its classification.
    pub release: Vec<Recipient>,
    /// Who created it.
    pub created_by: Actor,
    /// When.
    pub created_at: Timestamp,
    /// Its measures, in the tree's order.
    pub measures: BTreeMap<MeasureNumber, Measure>,
}

impl Plan {
    /// The number the next measure under `parent` (the top when `None`) gets.
    pub fn next_number(&self, parent: Option<&MeasureNumber>) -> Option<MeasureNumber> {
        let children = self
            .measures
            .keys()
            .filter(|n| n.parent().as_ref() == parent)
            .count();
        let n = u32::try_from(children).ok()?.checked_add(1)?;
        if n > MAX_CHILDREN {
            return None;
        }
        Some(match parent {
            Some(p) => p.child(n),
            None => MeasureNumber::top(n),
        })
    }

    /// Whether a measure has sub-measures.
    pub fn has_children(&self, number: &MeasureNumber) -> bool {
        self.measures
            .keys()
            .any(|n| n.parent().as_ref() == Some(number))
    }
}
