//! The event bodies of peacekeeping. The institution, its courses and intakes, and the
//! contingents are restricted to the organisation's insiders, like the units they name; a
//! mandate carries its own classification and release list.

use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::crisis::model::UnitId;
use crate::event::EventBody;
use crate::ids::StateCode;
use crate::lang::Text;
use crate::peacekeeping::model::{
    ContingentId, CourseId, InstitutionId, IntakeId, MandateId, StateCount,
};
use crate::policy::Recipient;
use crate::secretariat::model::DocumentId;
use crate::time::Date;

/// The body of `institution.established`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstitutionEstablished {
    /// Its number.
    pub institution: InstitutionId,
    /// Its name.
    pub name: Text,
    /// Where it sits.
    pub seat: Text,
    /// Since when.
    pub established: Date,
    /// The decision establishing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<DocumentId>,
}

/// The body of `course.added`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseAdded {
    /// Its number.
    pub course: CourseId,
    /// The institution.
    pub institution: InstitutionId,
    /// Its title.
    pub title: Text,
    /// How many weeks.
    pub weeks: u32,
}

/// The body of `intake.opened`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntakeOpened {
    /// Its number.
    pub intake: IntakeId,
    /// The course.
    pub course: CourseId,
    /// Its first day.
    pub starts: Date,
    /// Its last day.
    pub ends: Date,
    /// Trainees by member state.
    pub trainees: Vec<StateCount>,
}

/// The body of `intake.certified`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TraineesCertified {
    /// The intake.
    pub intake: IntakeId,
    /// Their state and how many.
    pub trainees: StateCount,
    /// The day.
    pub on: Date,
}

/// The body of `contingent.formed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContingentFormed {
    /// Its number.
    pub contingent: ContingentId,
    /// Its name.
    pub name: Text,
    /// The contributing member state.
    pub state: StateCode,
    /// How many people.
    pub personnel: u32,
    /// Its units.
    pub units: Vec<UnitId>,
    /// The day it was integrated.
    pub integrated_on: Date,
    /// The decision integrating it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<DocumentId>,
}

/// The body of `contingent.unit_assigned`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitAssigned {
    /// The contingent.
    pub contingent: ContingentId,
    /// The unit.
    pub unit: UnitId,
}

/// The body of `mandate.issued`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MandateIssued {
    /// Its number.
    pub mandate: MandateId,
    /// Its title.
    pub title: Text,
    /// Who gives it.
    pub authority: Text,
    /// The resolution or decision it rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// An operation under UN auspices.
    pub un_auspices: bool,
    /// Its first day.
    pub from: Date,
    /// Its last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// The contingents.
    pub contingents: Vec<ContingentId>,
    /// Its classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

macro_rules! restricted {
    ($($ty:ty),*) => {$(
        impl EventBody for $ty {
            fn classification(&self) -> Classification {
                Classification::Restricted
            }
        }
    )*};
}

restricted!(
    InstitutionEstablished,
    CourseAdded,
    IntakeOpened,
    TraineesCertified,
    ContingentFormed,
    UnitAssigned
);

impl EventBody for MandateIssued {
    fn classification(&self) -> Classification {
        self.classification
    }
    fn release(&self) -> &[Recipient] {
        &self.release
    }
}
