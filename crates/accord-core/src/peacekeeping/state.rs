//! Peacekeeping's part of the state, and how its events fold into it.

use std::sync::Arc;

use imbl::OrdMap;

use crate::crisis::model::UnitId;
use crate::event::Event;
use crate::peacekeeping::model::{
    Certification, Contingent, ContingentId, Course, CourseId, Institution, InstitutionId, Intake,
    IntakeId, Mandate, MandateId,
};
use crate::state::next_number;

/// The training institutions, their courses and intakes, the contingents and the mandates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Peacekeeping {
    institutions: OrdMap<InstitutionId, Arc<Institution>>,
    courses: OrdMap<CourseId, Arc<Course>>,
    intakes: OrdMap<IntakeId, Arc<Intake>>,
    contingents: OrdMap<ContingentId, Arc<Contingent>>,
    mandates: OrdMap<MandateId, Arc<Mandate>>,
    unit_contingent: OrdMap<UnitId, ContingentId>,
}

impl Peacekeeping {
    /// Every training institution.
    pub fn institutions(&self) -> &OrdMap<InstitutionId, Arc<Institution>> {
        &self.institutions
    }

    /// A training institution.
    pub fn institution(&self, id: InstitutionId) -> Option<&Institution> {
        self.institutions.get(&id).map(|i| &**i)
    }

    /// Every course.
    pub fn courses(&self) -> &OrdMap<CourseId, Arc<Course>> {
        &self.courses
    }

    /// A course.
    pub fn course(&self, id: CourseId) -> Option<&Course> {
        self.courses.get(&id).map(|c| &**c)
    }

    /// Every intake.
    pub fn intakes(&self) -> &OrdMap<IntakeId, Arc<Intake>> {
        &self.intakes
    }

    /// An intake.
    pub fn intake(&self, id: IntakeId) -> Option<&Intake> {
        self.intakes.get(&id).map(|i| &**i)
    }

    /// Every contingent.
    pub fn contingents(&self) -> &OrdMap<ContingentId, Arc<Contingent>> {
        &self.contingents
    }

    /// A contingent.
    pub fn contingent(&self, id: ContingentId) -> Option<&Contingent> {
        self.contingents.get(&id).map(|c| &**c)
    }

    /// The contingent a unit serves in.
    pub fn contingent_of(&self, unit: UnitId) -> Option<ContingentId> {
        self.unit_contingent.get(&unit).copied()
    }

    /// Every mandate.
    pub fn mandates(&self) -> &OrdMap<MandateId, Arc<Mandate>> {
        &self.mandates
    }

    /// A mandate.
    pub fn mandate(&self, id: MandateId) -> Option<&Mandate> {
        self.mandates.get(&id).map(|m| &**m)
    }

    pub(crate) fn next_institution(&self) -> InstitutionId {
        InstitutionId(next_number(&self.institutions, |k| k.0))
    }

    pub(crate) fn next_course(&self) -> CourseId {
        CourseId(next_number(&self.courses, |k| k.0))
    }

    pub(crate) fn next_intake(&self) -> IntakeId {
        IntakeId(next_number(&self.intakes, |k| k.0))
    }

    pub(crate) fn next_contingent(&self) -> ContingentId {
        ContingentId(next_number(&self.contingents, |k| k.0))
    }

    pub(crate) fn next_mandate(&self) -> MandateId {
        MandateId(next_number(&self.mandates, |k| k.0))
    }

    pub(crate) fn apply(&mut self, event: &Event) {
        match event {
            Event::InstitutionEstablished(e) => {
                let record = Institution {
                    id: e.institution,
                    name: e.name.clone(),
                    seat: e.seat.clone(),
                    established: e.established,
                    decision: e.decision,
                    courses: Vec::new(),
                };
                self.institutions.insert(e.institution, Arc::new(record));
            }
            Event::CourseAdded(e) => {
                if let Some(institution) = self.institutions.get_mut(&e.institution) {
                    Arc::make_mut(institution).courses.push(e.course);
                }
                let record = Course {
                    id: e.course,
                    institution: e.institution,
                    title: e.title.clone(),
                    weeks: e.weeks,
                    intakes: Vec::new(),
                };
                self.courses.insert(e.course, Arc::new(record));
            }
            Event::IntakeOpened(e) => {
                if let Some(course) = self.courses.get_mut(&e.course) {
                    Arc::make_mut(course).intakes.push(e.intake);
                }
                let record = Intake {
                    id: e.intake,
                    course: e.course,
                    starts: e.starts,
                    ends: e.ends,
                    trainees: e.trainees.iter().map(|t| (t.state, t.count)).collect(),
                    certifications: Vec::new(),
                };
                self.intakes.insert(e.intake, Arc::new(record));
            }
            Event::TraineesCertified(e) => {
                if let Some(intake) = self.intakes.get_mut(&e.intake) {
                    Arc::make_mut(intake).certifications.push(Certification {
                        state: e.trainees.state,
                        count: e.trainees.count,
                        on: e.on,
                    });
                }
            }
            Event::ContingentFormed(e) => {
                let record = Contingent {
                    id: e.contingent,
                    name: e.name.clone(),
                    state: e.state,
                    personnel: e.personnel,
                    units: e.units.iter().copied().collect(),
                    integrated_on: e.integrated_on,
                    decision: e.decision,
                };
                for unit in &e.units {
                    self.unit_contingent.insert(*unit, e.contingent);
                }
                self.contingents.insert(e.contingent, Arc::new(record));
            }
            Event::UnitAssigned(e) => {
                if let Some(contingent) = self.contingents.get_mut(&e.contingent) {
                    Arc::make_mut(contingent).units.insert(e.unit);
                    self.unit_contingent.insert(e.unit, e.contingent);
                }
            }
            Event::MandateIssued(e) => {
                let record = Mandate {
                    id: e.mandate,
                    title: e.title.clone(),
                    authority: e.authority.clone(),
                    resolution: e.resolution.clone(),
                    un_auspices: e.un_auspices,
                    from: e.from,
                    until: e.until,
                    contingents: e.contingents.clone(),
                    classification: e.classification,
                    release: e.release.clone(),
                };
                self.mandates.insert(e.mandate, Arc::new(record));
            }
            _ => {}
        }
    }
}
