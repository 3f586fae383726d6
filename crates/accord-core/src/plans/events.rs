//! The event bodies of plans and strategies. Each carries its plan's classification and release
//! list, so its envelope is classified without the state.

use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::config::DocumentType;
use crate::event::EventBody;
use crate::ids::{Actor, BodyId, StateCode};
use crate::lang::Text;
use crate::plans::model::{Indicator, IndicatorValue, MeasureNumber, PlanId, ProgressStatus};
use crate::policy::Recipient;
use crate::secretariat::model::DocumentId;
use crate::time::{Date, Timestamp};

/// The body of `plan.created`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanCreated {
    /// Its number.
    pub plan: PlanId,
    /// The document it implements.
    pub document: DocumentId,
    /// Plan or strategy.
    pub kind: DocumentType,
    /// The document's title.
    pub title: Text,
    /// Who created it.
    pub created_by: Actor,
    /// When.
    pub created_at: Timestamp,
    /// Its classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

/// The body of `plan.measure_added`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureAdded {
    /// The plan.
    pub plan: PlanId,
    /// The measure's number.
    pub number: MeasureNumber,
    /// What is to be done.
    pub text: Text,
    /// The member states responsible.
    pub states: Vec<StateCode>,
    /// The bodies responsible.
    pub bodies: Vec<BodyId>,
    /// By when.
    pub deadline: Date,
    /// Its indicators.
    pub indicators: Vec<Indicator>,
    /// The plan's classification.
    pub classification: Classification,
    /// The plan's release list.
    pub release: Vec<Recipient>,
}

/// The body of `plan.progress_reported`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressReported {
    /// The plan.
    pub plan: PlanId,
    /// The measure.
    pub measure: MeasureNumber,
    /// How it stands.
    pub status: ProgressStatus,
    /// The indicators' values.
    pub values: Vec<IndicatorValue>,
    /// A comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<Text>,
    /// The date reported on.
    pub as_of: Date,
    /// The responsible state reported for (none for a body's staff).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<StateCode>,
    /// Who reported.
    pub by: Actor,
    /// When.
    pub at: Timestamp,
    /// The plan's classification.
    pub classification: Classification,
    /// The plan's release list.
    pub release: Vec<Recipient>,
}

macro_rules! classified {
    ($($ty:ty),*) => {$(
        impl EventBody for $ty {
            fn classification(&self) -> Classification {
                self.classification
            }
            fn release(&self) -> &[Recipient] {
                &self.release
            }
        }
    )*};
}

classified!(PlanCreated, MeasureAdded, ProgressReported);
