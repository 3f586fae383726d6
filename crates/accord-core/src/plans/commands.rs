//! The commands of plans and strategies.

use crate::classification::Classification;
use crate::ids::{BodyId, StateCode};
use crate::lang::Text;
use crate::plans::model::{Indicator, IndicatorValue, MeasureNumber, PlanId, ProgressStatus};
use crate::secretariat::model::DocumentId;
use crate::time::Date;

/// What is asked of plans and strategies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlansCommand {
    /// Create the plan of a document of type plan or strategy (Secretariat officers).
    CreatePlan {
        /// The document.
        document: DocumentId,
        /// Its classification; the document's when `None` (its release list goes with it).
        classification: Option<Classification>,
    },
    /// Add a measure to a plan, at the top or under a parent (Secretariat officers).
    AddMeasure {
        /// The plan.
        plan: PlanId,
        /// The parent measure; the top of the tree when `None`.
        parent: Option<MeasureNumber>,
        /// What is to be done, per language.
        text: Text,
        /// The member states responsible.
        states: Vec<StateCode>,
        /// The bodies responsible.
        bodies: Vec<BodyId>,
        /// By when (the last day).
        deadline: Date,
        /// Its indicators.
        indicators: Vec<Indicator>,
    },
    /// Report progress on a measure (those responsible only).
    ReportProgress {
        /// The plan.
        plan: PlanId,
        /// The measure.
        measure: MeasureNumber,
        /// How it stands.
        status: ProgressStatus,
        /// The indicators' values.
        values: Vec<IndicatorValue>,
        /// A comment per language.
        comment: Option<Text>,
        /// The date reported on (not after today, not before the measure's last report).
        as_of: Date,
    },
}
