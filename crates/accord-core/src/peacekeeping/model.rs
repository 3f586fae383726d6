//! The values of peacekeeping: the training institution with its courses, intakes (trainees by
//! state) and certifications; contingents of the Peacekeeping Forces naming the collective
//! forces' units; and mandates, under which contingents serve.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::crisis::model::UnitId;
use crate::ids::StateCode;
use crate::lang::Text;
use crate::policy::Recipient;
use crate::secretariat::model::DocumentId;
use crate::time::Date;

/// The most trainees of one state in one intake.
pub const MAX_TRAINEES: u32 = 10_000;
/// The longest course, in weeks.
pub const MAX_WEEKS: u32 = 104;
/// The longest resolution reference.
pub const MAX_RESOLUTION: usize = 100;
/// The most contingents under one mandate, and units in one contingent.
pub const MAX_MEMBERS: usize = 100;

macro_rules! numbered {
    ($($(#[$doc:meta])* $ty:ident),*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $ty(pub u64);

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

numbered!(
    /// A training institution, numbered from 1.
    InstitutionId,
    /// A course, numbered from 1.
    CourseId,
    /// An intake of a course, numbered from 1.
    IntakeId,
    /// A contingent of the Peacekeeping Forces, numbered from 1.
    ContingentId,
    /// A mandate, numbered from 1.
    MandateId
);

/// How many people of one state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateCount {
    /// The state.
    pub state: StateCode,
    /// How many.
    pub count: u32,
}

/// An institution that trains peacekeepers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Institution {
    /// Its number.
    pub id: InstitutionId,
    /// Its name.
    pub name: Text,
    /// Where it sits.
    pub seat: Text,
    /// Since when.
    pub established: Date,
    /// The decision establishing it.
    pub decision: Option<DocumentId>,
    /// Its courses, in order.
    pub courses: Vec<CourseId>,
}

/// A course of an institution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Course {
    /// Its number.
    pub id: CourseId,
    /// The institution.
    pub institution: InstitutionId,
    /// Its title.
    pub title: Text,
    /// How many weeks it lasts.
    pub weeks: u32,
    /// Its intakes, in order.
    pub intakes: Vec<IntakeId>,
}

/// A certification issued to trainees of an intake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Certification {
    /// Their state.
    pub state: StateCode,
    /// How many were certified.
    pub count: u32,
    /// On what day.
    pub on: Date,
}

/// An intake of a course: trainees by state, and the certifications issued to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intake {
    /// Its number.
    pub id: IntakeId,
    /// The course.
    pub course: CourseId,
    /// Its first day.
    pub starts: Date,
    /// Its last day.
    pub ends: Date,
    /// Trainees by state.
    pub trainees: BTreeMap<StateCode, u32>,
    /// Certifications, in order.
    pub certifications: Vec<Certification>,
}

impl Intake {
    /// How many of a state's trainees have been certified.
    pub fn certified(&self, state: StateCode) -> u32 {
        self.certifications
            .iter()
            .filter(|c| c.state == state)
            .map(|c| c.count)
            .sum()
    }

    /// How many trainees in all.
    pub fn total(&self) -> u32 {
        self.trainees.values().sum()
    }
}

/// A contingent of the Peacekeeping Forces: a member state's units made available to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contingent {
    /// Its number.
    pub id: ContingentId,
    /// Its name.
    pub name: Text,
    /// The contributing member state.
    pub state: StateCode,
    /// How many people.
    pub personnel: u32,
    /// The collective forces' units it is made of.
    pub units: BTreeSet<UnitId>,
    /// The day it was integrated into the Peacekeeping Forces.
    pub integrated_on: Date,
    /// The decision integrating it.
    pub decision: Option<DocumentId>,
}

/// A mandate: the authority under which contingents serve, for a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mandate {
    /// Its number.
    pub id: MandateId,
    /// Its title.
    pub title: Text,
    /// Who gives it (the Collective Security Council, the UN Security Council).
    pub authority: Text,
    /// The resolution or decision it rests on (`S/RES/2020/…`).
    pub resolution: Option<String>,
    /// Whether it is an operation under the auspices of the United Nations.
    pub un_auspices: bool,
    /// Its first day.
    pub from: Date,
    /// Its last day; open-ended when `None`.
    pub until: Option<Date>,
    /// The contingents serving under it.
    pub contingents: Vec<ContingentId>,
    /// Its classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

impl Mandate {
    /// Whether `day` falls within its period.
    pub fn covers(&self, day: Date) -> bool {
        day >= self.from && self.until.is_none_or(|until| day <= until)
    }
}
