//! `decide` for status commands, and [`follow`]: what a recorded decision means for the
//! application whose step it decides.

use crate::classification::Classification;
use crate::config::{DocumentType, MemberStatus, OrgConfig};
use crate::decide::{allow, check_authentic, check_text};
use crate::error::DomainError;
use crate::event::{Event, MemberAdmitted, MemberStatusChanged};
use crate::ids::Actor;
use crate::lang::Text;
use crate::policy::{Action, Principal, Recipient, Resource};
use crate::secretariat::events::DecisionRecorded;
use crate::secretariat::model::{Document, DocumentId};
use crate::state::State;
use crate::status::commands::StatusCommand;
use crate::status::error::StatusError as E;
use crate::status::events::{
    ApplicationSubmitted, ApplicationWithdrawn, ChairPrioritiesSet, OrganisationStatusChanged,
    ProtocolRecorded, StatementDelivered, StepDecided, StepLinked,
};
use crate::status::model::{Applicant, Application, ApplicationId};
use crate::time::Timestamp;

/// The longest name of an applicant, in characters per language.
const MAX_NAME: usize = 200;
/// The longest letter of application, in characters per language.
const MAX_LETTER: usize = 20_000;
/// The longest name of a meeting, in characters per language.
const MAX_MEETING: usize = 300;

impl From<E> for DomainError {
    fn from(error: E) -> Self {
        DomainError::Status(error)
    }
}

fn bounded(text: &Text, field: &'static str, max: usize) -> Result<(), E> {
    if text.iter().any(|(_, value)| value.chars().count() > max) {
        return Err(E::TooLong { field, max });
    }
    Ok(())
}

fn blank(text: &Text) -> bool {
    text.iter().all(|(_, value)| value.trim().is_empty())
}

fn open_application(state: &State, id: ApplicationId) -> Result<&Application, E> {
    let application = state
        .status()
        .application(id)
        .ok_or(E::UnknownApplication(id))?;
    if !application.is_open() {
        return Err(E::Closed(id));
    }
    Ok(application)
}

fn document(state: &State, id: DocumentId) -> Result<&Document, E> {
    state
        .secretariat()
        .document(id)
        .ok_or(E::UnknownDocument(id))
}

/// Decides a status command.
pub(crate) fn decide(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    command: &StatusCommand,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let actor = principal.actor().unwrap_or(Actor::System);
    let restricted = Resource::classified(Classification::Restricted);
    match command {
        StatusCommand::SubmitApplication {
            applicant,
            name,
            status,
            letter,
        } => {
            allow(principal, Action::ManageMembers, restricted)?;
            if *status == MemberStatus::Member {
                return Err(E::NotApplicable(*status).into());
            }
            let steps = config.application_steps().for_status(*status);
            if steps.is_empty() {
                return Err(E::NoSteps(*status).into());
            }
            check_authentic(config, name)?;
            check_text(config, letter)?;
            bounded(name, "name", MAX_NAME)?;
            bounded(letter, "letter", MAX_LETTER)?;
            if blank(letter) {
                return Err(E::EmptyLetter.into());
            }
            let held = match applicant {
                Applicant::State(code) => state.state(*code).map(|record| record.status),
                Applicant::Organisation(id) => state.status().organisation(id).map(|o| o.status()),
            };
            if let Some(held) = held
                && (held == *status || held == MemberStatus::Member)
            {
                return Err(E::AlreadyHasStatus {
                    applicant: applicant.clone(),
                    status: held,
                }
                .into());
            }
            if let Some(open) = state.status().open_application(applicant) {
                return Err(E::AlreadyUnderWay {
                    applicant: applicant.clone(),
                    application: open.id,
                }
                .into());
            }
            Ok(vec![Event::ApplicationSubmitted(ApplicationSubmitted {
                application: state.status().next_application_id(),
                applicant: applicant.clone(),
                name: name.clone(),
                status: *status,
                letter: letter.clone(),
                steps: steps.to_vec(),
                submitted_at: now,
                submitted_by: actor,
            })])
        }
        StatusCommand::LinkStepDocument {
            application,
            document: doc_id,
        } => {
            allow(principal, Action::ManageMembers, restricted)?;
            let app = open_application(state, *application)?;
            let index = app.current_step().ok_or(E::Closed(*application))?;
            let step = &app.steps[index];
            if step.document.is_some() {
                return Err(E::StepHasDocument(*application).into());
            }
            let doc = document(state, *doc_id)?;
            if doc.body != step.body {
                return Err(E::WrongBody {
                    document: *doc_id,
                    expected: step.body.clone(),
                    actual: doc.body.clone(),
                }
                .into());
            }
            if doc.adopted_by.is_some() {
                return Err(E::DocumentAdopted(*doc_id).into());
            }
            if let Some(other) = state.status().application_of(*doc_id) {
                return Err(E::DocumentLinked {
                    document: *doc_id,
                    application: other,
                }
                .into());
            }
            Ok(vec![Event::StepLinked(StepLinked {
                application: *application,
                step: step_number(index),
                document: *doc_id,
            })])
        }
        StatusCommand::WithdrawApplication { application } => {
            allow(principal, Action::ManageMembers, restricted)?;
            open_application(state, *application)?;
            Ok(vec![Event::ApplicationWithdrawn(ApplicationWithdrawn {
                application: *application,
                at: now,
                by: actor,
            })])
        }
        StatusCommand::SetChairPriorities {
            term_of,
            document: doc_id,
        } => {
            allow(
                principal,
                Action::Prepare,
                Resource::classified(Classification::Public),
            )?;
            document(state, *doc_id)?;
            let term = config.chairmanship().term_on(*term_of);
            Ok(vec![Event::ChairPrioritiesSet(ChairPrioritiesSet {
                term_start: term.start,
                chair: term.chair,
                document: *doc_id,
            })])
        }
        StatusCommand::RecordDelivery {
            document: doc_id,
            meeting,
            delivered_at,
        } => {
            let doc = document(state, *doc_id)?;
            let resource = Resource {
                classification: doc.effective_classification(),
                release: &doc.release,
            };
            allow(principal, Action::Prepare, resource)?;
            if doc.doc_type != DocumentType::JointStatement {
                return Err(E::NotJointStatement(*doc_id).into());
            }
            let adopted = doc
                .adopted_by
                .and_then(|d| state.secretariat().decision(d))
                .ok_or(E::NotAdopted(*doc_id))?;
            check_text(config, meeting)?;
            bounded(meeting, "meeting", MAX_MEETING)?;
            if blank(meeting) {
                return Err(E::EmptyMeeting.into());
            }
            if *delivered_at < adopted.effective_at {
                return Err(E::BeforeAdoption {
                    at: *delivered_at,
                    adopted: adopted.effective_at,
                }
                .into());
            }
            if *delivered_at > now {
                return Err(E::InFuture {
                    at: *delivered_at,
                    now,
                }
                .into());
            }
            Ok(vec![Event::StatementDelivered(StatementDelivered {
                document: *doc_id,
                meeting: meeting.clone(),
                delivered_at: *delivered_at,
                recorded_by: actor,
                classification: doc.classification,
                release: doc.release.clone(),
            })])
        }
        StatusCommand::RecordProtocol {
            state: code,
            doc_types,
            sitreps,
            document: doc_id,
        } => {
            allow(principal, Action::ManageMembers, restricted)?;
            if state.state(*code).map(|s| s.status) != Some(MemberStatus::Partner) {
                return Err(E::NotAPartner(*code).into());
            }
            let mut types: Vec<DocumentType> = doc_types.clone();
            types.sort();
            types.dedup();
            if let Some(unknown) = types
                .iter()
                .find(|t| !config.bodies().iter().any(|b| b.competences.contains(t)))
            {
                return Err(E::UnknownType(*unknown).into());
            }
            if types.is_empty() && !*sitreps {
                return Err(E::EmptyProtocol.into());
            }
            if let Some(doc_id) = doc_id {
                document(state, *doc_id)?;
            }
            Ok(vec![Event::ProtocolRecorded(ProtocolRecorded {
                state: *code,
                doc_types: types,
                sitreps: *sitreps,
                document: *doc_id,
                recorded_at: now,
                recorded_by: actor,
                release: vec![Recipient::State { state: *code }],
            })])
        }
    }
}

fn step_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// Appends to a command's events what its decision records mean for applications: for a
/// decision on the document of an application's current step, by that step's body,
/// `application.step_decided`; and when the deciding body adopted it, the status itself
/// (`member.admitted` or `member.status_changed`) from the decision's effective time. So
/// the status changes in the same command, and the same commit, as the decision.
pub(crate) fn follow(state: &State, mut events: Vec<Event>) -> Vec<Event> {
    let decided: Vec<&DecisionRecorded> = events
        .iter()
        .filter_map(|e| match e {
            Event::DecisionRecorded(d) => Some(d),
            _ => None,
        })
        .collect();
    let mut more = Vec::new();
    for record in decided {
        let Some(app) = state
            .status()
            .application_of(record.document)
            .and_then(|id| state.status().application(id))
        else {
            continue;
        };
        let Some(index) = app.current_step() else {
            continue;
        };
        let step = &app.steps[index];
        if step.document != Some(record.document) || step.body != record.body {
            continue;
        }
        let adopted = record.outcome.is_adopted();
        more.push(Event::StepDecided(StepDecided {
            application: app.id,
            step: step_number(index),
            decision: record.decision,
            adopted,
            at: record.effective_at,
        }));
        if adopted && index + 1 == app.steps.len() {
            more.extend(grant(state, app, record));
        }
    }
    events.extend(more);
    events
}

/// The status change an adopted deciding step grants, if the applicant does not hold it
/// already.
fn grant(state: &State, app: &Application, record: &DecisionRecorded) -> Option<Event> {
    let at = record.effective_at;
    let code = match &app.applicant {
        Applicant::State(code) => *code,
        Applicant::Organisation(id) => {
            let from = state.status().organisation(id).map(|o| o.status());
            if from == Some(app.status) {
                return None;
            }
            return Some(Event::OrganisationStatusChanged(
                OrganisationStatusChanged {
                    organisation: id.clone(),
                    name: app.name.clone(),
                    from,
                    to: app.status,
                    since: at.date(),
                    at,
                    decision: record.decision,
                },
            ));
        }
    };
    match state.state(code) {
        Some(current) if current.status == app.status => None,
        Some(current) => Some(Event::MemberStatusChanged(MemberStatusChanged {
            state: code,
            from: current.status,
            to: app.status,
            since: at.date(),
            at: Some(at),
            decision: Some(record.decision),
        })),
        None => Some(Event::MemberAdmitted(MemberAdmitted {
            state: code,
            name: app.name.clone(),
            status: app.status,
            since: at.date(),
            at: Some(at),
            decision: Some(record.decision),
        })),
    }
}
