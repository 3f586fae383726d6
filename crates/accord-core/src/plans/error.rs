//! The broken rules of plans and strategies, each with a stable code.

use crate::config::DocumentType;
use crate::ids::{BodyId, StateCode};
use crate::plans::model::{MeasureNumber, PlanId};
use crate::secretariat::model::DocumentId;
use crate::time::Date;

/// A plans command refused by `decide`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlansError {
    /// `plan.unknown_document`.
    #[error("there is no document {0}")]
    UnknownDocument(DocumentId),
    /// `plan.not_a_plan`: a plan implements a document of type plan or strategy.
    #[error("document {document} is a {}, not a plan or strategy", doc_type_name(*doc_type))]
    NotAPlan {
        /// The document.
        document: DocumentId,
        /// Its type.
        doc_type: DocumentType,
    },
    /// `plan.already_exists`: a document has one plan.
    #[error("document {document} already has plan {plan}")]
    AlreadyExists {
        /// The document.
        document: DocumentId,
        /// Its plan.
        plan: PlanId,
    },
    /// `plan.unknown`.
    #[error("there is no plan {0}")]
    UnknownPlan(PlanId),
    /// `plan.unknown_measure`.
    #[error("plan {plan} has no measure {measure}")]
    UnknownMeasure {
        /// The plan.
        plan: PlanId,
        /// The measure.
        measure: MeasureNumber,
    },
    /// `plan.too_deep`: measures nest at most four deep.
    #[error("measure {0} is as deep as measures go; add this one beside it")]
    TooDeep(MeasureNumber),
    /// `plan.too_many_measures`.
    #[error("a plan holds at most {0} measures, and at most 99 under one parent")]
    TooManyMeasures(usize),
    /// `plan.no_one_responsible`: a measure names at least one state or body.
    #[error("name at least one responsible member state or body")]
    NoOneResponsible,
    /// `plan.not_a_member`: responsible states are member states.
    #[error("{0} is not a member state")]
    NotAMember(StateCode),
    /// `plan.unknown_body`.
    #[error("{0} is not a body of the organisation")]
    UnknownBody(BodyId),
    /// `plan.deadline_after_parent`: a sub-measure is due by its parent's deadline.
    #[error("a sub-measure is due by its parent's deadline, {0}")]
    AfterParent(Date),
    /// `plan.bad_indicator`: at most ten, each with a target above zero.
    #[error("a measure has at most 10 indicators, each with a target above zero")]
    BadIndicator,
    /// `plan.not_responsible`: only those responsible report on a measure.
    #[error("measure {0} is not the responsibility of this account's state or body")]
    NotResponsible(MeasureNumber),
    /// `plan.report_in_future`.
    #[error("a report cannot be as of {as_of}, after today ({today})")]
    ReportInFuture {
        /// The date asked for.
        as_of: Date,
        /// Today.
        today: Date,
    },
    /// `plan.report_before_last`: reports follow one another.
    #[error("the measure's last report is as of {0}; a new one cannot be earlier")]
    ReportBeforeLast(Date),
    /// `plan.bad_value`: a value names one of the measure's indicators, once.
    #[error("indicator {0} is not one of the measure's, or is given twice")]
    BadValue(u32),
    /// `plan.too_many_reports`.
    #[error("a measure keeps at most {0} reports")]
    TooManyReports(usize),
}

fn doc_type_name(doc_type: DocumentType) -> String {
    serde_json::to_value(doc_type)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl PlansError {
    /// The broken rule's stable code.
    pub fn code(&self) -> &'static str {
        match self {
            PlansError::UnknownDocument(_) => "plan.unknown_document",
            PlansError::NotAPlan { .. } => "plan.not_a_plan",
            PlansError::AlreadyExists { .. } => "plan.already_exists",
            PlansError::UnknownPlan(_) => "plan.unknown",
            PlansError::UnknownMeasure { .. } => "plan.unknown_measure",
            PlansError::TooDeep(_) => "plan.too_deep",
            PlansError::TooManyMeasures(_) => "plan.too_many_measures",
            PlansError::NoOneResponsible => "plan.no_one_responsible",
            PlansError::NotAMember(_) => "plan.not_a_member",
            PlansError::UnknownBody(_) => "plan.unknown_body",
            PlansError::AfterParent(_) => "plan.deadline_after_parent",
            PlansError::BadIndicator => "plan.bad_indicator",
            PlansError::NotResponsible(_) => "plan.not_responsible",
            PlansError::ReportInFuture { .. } => "plan.report_in_future",
            PlansError::ReportBeforeLast(_) => "plan.report_before_last",
            PlansError::BadValue(_) => "plan.bad_value",
            PlansError::TooManyReports(_) => "plan.too_many_reports",
        }
    }
}
