//! `decide` for peacekeeping: the policy first (the Joint Staff's and the Secretariat's
//! officers record), then the rules, then the events.

use std::collections::BTreeSet;

use crate::classification::Classification;
use crate::config::{MemberStatus, OrgConfig};
use crate::decide::{allow, check_text, recipient_exists};
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::StateCode;
use crate::peacekeeping::commands::PeacekeepingCommand as C;
use crate::peacekeeping::error::PeacekeepingError as E;
use crate::peacekeeping::events::{
    ContingentFormed, CourseAdded, InstitutionEstablished, IntakeOpened, MandateIssued,
    TraineesCertified, UnitAssigned,
};
use crate::peacekeeping::model::{
    MAX_MEMBERS, MAX_RESOLUTION, MAX_TRAINEES, MAX_WEEKS, StateCount,
};
use crate::policy::{Action, Principal, Resource};
use crate::secretariat::model::DocumentId;
use crate::state::State;
use crate::time::{Date, Timestamp};

impl From<E> for DomainError {
    fn from(error: E) -> Self {
        DomainError::Peacekeeping(error)
    }
}

fn member(state: &State, code: StateCode) -> Result<(), E> {
    match state.state(code) {
        Some(s) if s.status == MemberStatus::Member => Ok(()),
        _ => Err(E::NotAMember(code)),
    }
}

fn past(day: Date, now: Timestamp) -> Result<(), E> {
    let today = now.date();
    if day > today {
        return Err(E::InFuture { day, today });
    }
    Ok(())
}

fn document(state: &State, decision: Option<DocumentId>) -> Result<(), E> {
    match decision {
        Some(id) if state.secretariat().document(id).is_none() => Err(E::UnknownDocument(id)),
        _ => Ok(()),
    }
}

fn unit_for(state: &State, code: StateCode, unit: crate::crisis::model::UnitId) -> Result<(), E> {
    let record = state.crisis().unit(unit).ok_or(E::UnknownUnit(unit))?;
    if record.state != code {
        return Err(E::OtherState {
            unit,
            state: record.state,
        });
    }
    if let Some(contingent) = state.peacekeeping().contingent_of(unit) {
        return Err(E::UnitTaken { unit, contingent });
    }
    Ok(())
}

pub(crate) fn decide(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    command: &C,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let records = state.peacekeeping();
    if !matches!(command, C::IssueMandate { .. }) {
        allow(
            principal,
            Action::RecordPeacekeeping,
            Resource::classified(Classification::Restricted),
        )?;
    }
    match command {
        C::EstablishInstitution {
            name,
            seat,
            established,
            decision,
        } => {
            check_text(config, name)?;
            check_text(config, seat)?;
            past(*established, now)?;
            document(state, *decision)?;
            Ok(vec![Event::InstitutionEstablished(
                InstitutionEstablished {
                    institution: records.next_institution(),
                    name: name.clone(),
                    seat: seat.clone(),
                    established: *established,
                    decision: *decision,
                },
            )])
        }
        C::AddCourse {
            institution,
            title,
            weeks,
        } => {
            records
                .institution(*institution)
                .ok_or(E::UnknownInstitution(*institution))?;
            check_text(config, title)?;
            if !(1..=MAX_WEEKS).contains(weeks) {
                return Err(E::BadWeeks.into());
            }
            Ok(vec![Event::CourseAdded(CourseAdded {
                course: records.next_course(),
                institution: *institution,
                title: title.clone(),
                weeks: *weeks,
            })])
        }
        C::OpenIntake {
            course,
            starts,
            ends,
            trainees,
        } => {
            records.course(*course).ok_or(E::UnknownCourse(*course))?;
            if ends < starts {
                return Err(E::BadPeriod.into());
            }
            let mut seen = BTreeSet::new();
            if trainees.is_empty()
                || trainees
                    .iter()
                    .any(|t| !(1..=MAX_TRAINEES).contains(&t.count) || !seen.insert(t.state))
            {
                return Err(E::BadTrainees.into());
            }
            for t in trainees {
                member(state, t.state)?;
            }
            let mut trainees = trainees.clone();
            trainees.sort_by_key(|t| t.state);
            Ok(vec![Event::IntakeOpened(IntakeOpened {
                intake: records.next_intake(),
                course: *course,
                starts: *starts,
                ends: *ends,
                trainees,
            })])
        }
        C::Certify {
            intake,
            trainees: StateCount { state: code, count },
            on,
        } => {
            let record = records.intake(*intake).ok_or(E::UnknownIntake(*intake))?;
            let enrolled = record.trainees.get(code).copied().ok_or(E::NotInIntake {
                intake: *intake,
                state: *code,
            })?;
            let left = enrolled.saturating_sub(record.certified(*code));
            if *count == 0 || *count > left {
                return Err(E::TooManyCertified { state: *code, left }.into());
            }
            if *on < record.ends {
                return Err(E::BeforeEnd(record.ends).into());
            }
            past(*on, now)?;
            Ok(vec![Event::TraineesCertified(TraineesCertified {
                intake: *intake,
                trainees: StateCount {
                    state: *code,
                    count: *count,
                },
                on: *on,
            })])
        }
        C::FormContingent {
            name,
            state: code,
            personnel,
            units,
            integrated_on,
            decision,
        } => {
            check_text(config, name)?;
            member(state, *code)?;
            if *personnel == 0 {
                return Err(E::NoPersonnel.into());
            }
            let units: BTreeSet<_> = units.iter().copied().collect();
            if units.len() > MAX_MEMBERS {
                return Err(E::BadContingents.into());
            }
            for unit in &units {
                unit_for(state, *code, *unit)?;
            }
            past(*integrated_on, now)?;
            document(state, *decision)?;
            Ok(vec![Event::ContingentFormed(ContingentFormed {
                contingent: records.next_contingent(),
                name: name.clone(),
                state: *code,
                personnel: *personnel,
                units: units.into_iter().collect(),
                integrated_on: *integrated_on,
                decision: *decision,
            })])
        }
        C::AssignUnit { contingent, unit } => {
            let record = records
                .contingent(*contingent)
                .ok_or(E::UnknownContingent(*contingent))?;
            if record.units.len() >= MAX_MEMBERS {
                return Err(E::BadContingents.into());
            }
            unit_for(state, record.state, *unit)?;
            Ok(vec![Event::UnitAssigned(UnitAssigned {
                contingent: *contingent,
                unit: *unit,
            })])
        }
        C::IssueMandate {
            title,
            authority,
            resolution,
            un_auspices,
            from,
            until,
            contingents,
            classification,
            release,
        } => {
            let classification = classification.unwrap_or(config.default_classification());
            allow(
                principal,
                Action::RecordPeacekeeping,
                Resource {
                    classification,
                    release,
                },
            )?;
            check_text(config, title)?;
            check_text(config, authority)?;
            if let Some(reference) = resolution
                && (reference.trim().is_empty()
                    || reference.chars().count() > MAX_RESOLUTION
                    || reference.chars().any(char::is_control))
            {
                return Err(E::BadResolution.into());
            }
            if until.is_some_and(|until| until < *from) {
                return Err(E::BadPeriod.into());
            }
            let unique: BTreeSet<_> = contingents.iter().collect();
            if contingents.is_empty()
                || contingents.len() > MAX_MEMBERS
                || unique.len() != contingents.len()
            {
                return Err(E::BadContingents.into());
            }
            if let Some(missing) = contingents
                .iter()
                .find(|c| records.contingent(**c).is_none())
            {
                return Err(E::UnknownContingent(*missing).into());
            }
            if classification == Classification::Public && !release.is_empty() {
                return Err(E::ReleaseOnPublic.into());
            }
            if let Some(unknown) = release.iter().find(|r| !recipient_exists(state, config, r)) {
                return Err(DomainError::UnknownRecipient(unknown.clone()));
            }
            Ok(vec![Event::MandateIssued(MandateIssued {
                mandate: records.next_mandate(),
                title: title.clone(),
                authority: authority.clone(),
                resolution: resolution.as_ref().map(|r| r.trim().to_owned()),
                un_auspices: *un_auspices,
                from: *from,
                until: *until,
                contingents: contingents.clone(),
                classification,
                release: release.clone(),
            })])
        }
    }
}
