//! The commands of peacekeeping (the Joint Staff's and the Secretariat's officers).

use crate::classification::Classification;
use crate::crisis::model::UnitId;
use crate::ids::StateCode;
use crate::lang::Text;
use crate::peacekeeping::model::{ContingentId, CourseId, InstitutionId, IntakeId, StateCount};
use crate::policy::Recipient;
use crate::secretariat::model::DocumentId;
use crate::time::Date;

/// What is asked of peacekeeping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeacekeepingCommand {
    /// Record a training institution.
    EstablishInstitution {
        /// Its name.
        name: Text,
        /// Where it sits.
        seat: Text,
        /// Since when (not after today).
        established: Date,
        /// The decision establishing it.
        decision: Option<DocumentId>,
    },
    /// Add a course to an institution.
    AddCourse {
        /// The institution.
        institution: InstitutionId,
        /// Its title.
        title: Text,
        /// How many weeks (1 to 104).
        weeks: u32,
    },
    /// Open an intake of a course with its trainees by member state.
    OpenIntake {
        /// The course.
        course: CourseId,
        /// Its first day.
        starts: Date,
        /// Its last day.
        ends: Date,
        /// Trainees by member state.
        trainees: Vec<StateCount>,
    },
    /// Certify trainees of an intake from one state.
    Certify {
        /// The intake.
        intake: IntakeId,
        /// Their state and how many.
        trainees: StateCount,
        /// The day (from the intake's last day, not after today).
        on: Date,
    },
    /// Integrate a contingent into the Peacekeeping Forces.
    FormContingent {
        /// Its name.
        name: Text,
        /// The contributing member state.
        state: StateCode,
        /// How many people.
        personnel: u32,
        /// The state's units it is made of (none yet is allowed).
        units: Vec<UnitId>,
        /// The day (not after today).
        integrated_on: Date,
        /// The decision integrating it.
        decision: Option<DocumentId>,
    },
    /// Add one of the state's units to a contingent.
    AssignUnit {
        /// The contingent.
        contingent: ContingentId,
        /// The unit.
        unit: UnitId,
    },
    /// Record a mandate and the contingents serving under it.
    IssueMandate {
        /// Its title.
        title: Text,
        /// Who gives it.
        authority: Text,
        /// The resolution or decision it rests on.
        resolution: Option<String>,
        /// An operation under the auspices of the United Nations.
        un_auspices: bool,
        /// Its first day.
        from: Date,
        /// Its last day.
        until: Option<Date>,
        /// The contingents.
        contingents: Vec<ContingentId>,
        /// Its classification (the configured default when `None`).
        classification: Option<Classification>,
        /// Its release list.
        release: Vec<Recipient>,
    },
}
