//! The broken rules of peacekeeping, each with a stable code.

use crate::crisis::model::UnitId;
use crate::ids::StateCode;
use crate::peacekeeping::model::{ContingentId, CourseId, InstitutionId, IntakeId};
use crate::secretariat::model::DocumentId;
use crate::time::Date;

/// A peacekeeping command refused by `decide`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeacekeepingError {
    /// `peacekeeping.unknown_document`.
    #[error("there is no document {0}")]
    UnknownDocument(DocumentId),
    /// `peacekeeping.in_future`: what is recorded has happened.
    #[error("{day} is after today ({today})")]
    InFuture {
        /// The day given.
        day: Date,
        /// Today.
        today: Date,
    },
    /// `peacekeeping.unknown_institution`.
    #[error("there is no training institution {0}")]
    UnknownInstitution(InstitutionId),
    /// `peacekeeping.unknown_course`.
    #[error("there is no course {0}")]
    UnknownCourse(CourseId),
    /// `peacekeeping.unknown_intake`.
    #[error("there is no intake {0}")]
    UnknownIntake(IntakeId),
    /// `peacekeeping.bad_weeks`.
    #[error("a course lasts 1 to 104 weeks")]
    BadWeeks,
    /// `peacekeeping.bad_period`: a period ends on or after its first day.
    #[error("the period must end on or after its first day")]
    BadPeriod,
    /// `peacekeeping.bad_trainees`: an intake has trainees, each state once, 1 to 10,000 each.
    #[error("name each member state once with 1 to 10,000 trainees")]
    BadTrainees,
    /// `peacekeeping.not_a_member`.
    #[error("{0} is not a member state")]
    NotAMember(StateCode),
    /// `peacekeeping.not_in_intake`.
    #[error("intake {intake} has no trainees from {state}")]
    NotInIntake {
        /// The intake.
        intake: IntakeId,
        /// The state.
        state: StateCode,
    },
    /// `peacekeeping.too_many_certified`.
    #[error("only {left} of {state}'s trainees are left to certify")]
    TooManyCertified {
        /// The state.
        state: StateCode,
        /// How many are left.
        left: u32,
    },
    /// `peacekeeping.before_end`: trainees are certified once the intake is over.
    #[error("trainees are certified from the intake's last day, {0}")]
    BeforeEnd(Date),
    /// `peacekeeping.unknown_unit`.
    #[error("there is no unit {0}")]
    UnknownUnit(UnitId),
    /// `peacekeeping.unit_of_other_state`: a contingent is made of its own state's units.
    #[error("unit {unit} is {state}'s; a contingent is made of its own state's units")]
    OtherState {
        /// The unit.
        unit: UnitId,
        /// Its state.
        state: StateCode,
    },
    /// `peacekeeping.unit_taken`: a unit serves in one contingent.
    #[error("unit {unit} is already in contingent {contingent}")]
    UnitTaken {
        /// The unit.
        unit: UnitId,
        /// Its contingent.
        contingent: ContingentId,
    },
    /// `peacekeeping.no_personnel`.
    #[error("a contingent has at least one person")]
    NoPersonnel,
    /// `peacekeeping.unknown_contingent`.
    #[error("there is no contingent {0}")]
    UnknownContingent(ContingentId),
    /// `peacekeeping.bad_contingents`: a mandate names 1 to 100 contingents, each once.
    #[error("name 1 to 100 contingents, each once")]
    BadContingents,
    /// `peacekeeping.bad_resolution`.
    #[error("a resolution reference is 1 to 100 characters on one line")]
    BadResolution,
    /// `peacekeeping.release_on_public`.
    #[error("a public mandate is released to everyone; remove the release list")]
    ReleaseOnPublic,
}

impl PeacekeepingError {
    /// The broken rule's stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownDocument(_) => "peacekeeping.unknown_document",
            Self::InFuture { .. } => "peacekeeping.in_future",
            Self::UnknownInstitution(_) => "peacekeeping.unknown_institution",
            Self::UnknownCourse(_) => "peacekeeping.unknown_course",
            Self::UnknownIntake(_) => "peacekeeping.unknown_intake",
            Self::BadWeeks => "peacekeeping.bad_weeks",
            Self::BadPeriod => "peacekeeping.bad_period",
            Self::BadTrainees => "peacekeeping.bad_trainees",
            Self::NotAMember(_) => "peacekeeping.not_a_member",
            Self::NotInIntake { .. } => "peacekeeping.not_in_intake",
            Self::TooManyCertified { .. } => "peacekeeping.too_many_certified",
            Self::BeforeEnd(_) => "peacekeeping.before_end",
            Self::UnknownUnit(_) => "peacekeeping.unknown_unit",
            Self::OtherState { .. } => "peacekeeping.unit_of_other_state",
            Self::UnitTaken { .. } => "peacekeeping.unit_taken",
            Self::NoPersonnel => "peacekeeping.no_personnel",
            Self::UnknownContingent(_) => "peacekeeping.unknown_contingent",
            Self::BadContingents => "peacekeeping.bad_contingents",
            Self::BadResolution => "peacekeeping.bad_resolution",
            Self::ReleaseOnPublic => "peacekeeping.release_on_public",
        }
    }
}
