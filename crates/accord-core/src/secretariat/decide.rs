//! `decide` for the secretariat's commands: the policy first, then the rules, then the events.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use crate::classification::Classification;
use crate::config::{Composition, DecisionRule, DocumentType, MemberStatus, OrgConfig};
use crate::decide::{allow, check_authentic, check_text, recipient_exists};
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::{Actor, StateCode};
use crate::lang::Text;
use crate::policy::{Action, Principal, Resource};
use crate::secretariat::commands::{AmendmentDraft, SecretariatCommand, SessionDetails};
use crate::secretariat::error::SecretariatError as E;
use crate::secretariat::events::{
    AgendaItemAdded, AgendaItemConcluded, AmendmentProposed, DecisionRecorded, DecisionSigned,
    DocumentRegistered, ItemRef, MinutesRecorded, ObserversRecorded, PackageCreated,
    PositionStated, ProcedureOpened, SessionChanged, SessionOpennessChanged, SessionScheduled,
    SessionStatusChanged, SigningKeyRegistered, SilenceBroken, VersionMade,
};
use crate::secretariat::model::{
    AgendaItem, AmendmentId, AmendmentOp, AmendmentStatus, Document, DocumentId, Failure, Outcome,
    Paragraphs, Procedure, Recommendation, Session, SessionFormat, SessionId, SessionStatus,
};
use crate::secretariat::rules;
use crate::state::State;
use crate::time::Timestamp;

impl From<E> for DomainError {
    fn from(error: E) -> Self {
        DomainError::Secretariat(error)
    }
}

fn of_document(document: &Document) -> Resource<'_> {
    Resource {
        classification: document.effective_classification(),
        release: &document.release,
    }
}

fn of_procedure(procedure: &Procedure) -> Resource<'_> {
    let classification = if procedure.outcome.as_ref().is_some_and(Outcome::is_adopted) {
        procedure.classification
    } else {
        crate::secretariat::model::draft_classification(procedure.classification)
    };
    Resource {
        classification,
        release: &procedure.release,
    }
}

/// The member states of the registry now.
fn member_states(state: &State) -> BTreeSet<StateCode> {
    state
        .states()
        .iter()
        .filter(|(_, s)| s.status == MemberStatus::Member)
        .map(|(c, _)| *c)
        .collect()
}

/// The member state the principal speaks for.
fn acting_member(state: &State, principal: &Principal) -> Result<StateCode, DomainError> {
    let code = principal.affiliation().state().ok_or(E::NoState)?;
    match state.state(code).map(|s| s.status) {
        Some(MemberStatus::Member) => Ok(code),
        _ => Err(E::NotAMember(code).into()),
    }
}

fn check_link(format: &SessionFormat) -> Result<(), E> {
    match format.link() {
        Some(link)
            if !(link.starts_with("https://")
                && link.len() > "https://".len()
                && link.len() <= 500
                && !link.chars().any(|c| c.is_whitespace() || c.is_control())) =>
        {
            Err(E::BadLink)
        }
        _ => Ok(()),
    }
}

/// Every paragraph is in official languages and authentic in the authentic language.
fn check_paragraphs(config: &OrgConfig, paragraphs: &Paragraphs) -> Result<(), DomainError> {
    if paragraphs.is_empty() {
        return Err(E::EmptyText.into());
    }
    for paragraph in paragraphs {
        check_authentic(config, paragraph)?;
    }
    Ok(())
}

/// Item `item` of the session's agenda.
fn agenda_item(session: &Session, item: u32) -> Result<&AgendaItem, DomainError> {
    Ok(session
        .agenda
        .iter()
        .find(|i| i.number == item)
        .ok_or(E::UnknownItem {
            session: session.id,
            item,
        })?)
}

/// An item still to be concluded, of a session in progress: where the work in session happens.
fn open_item(session: &Session, item: u32) -> Result<&AgendaItem, DomainError> {
    if session.status != SessionStatus::Convened {
        return Err(E::NotConvened(session.status).into());
    }
    let found = agenda_item(session, item)?;
    if found.outcome.is_some() {
        return Err(E::ItemConcluded(item).into());
    }
    Ok(found)
}

fn session(state: &State, id: SessionId) -> Result<&Session, DomainError> {
    Ok(state
        .secretariat()
        .session(id)
        .ok_or(E::UnknownSession(id))?)
}

fn document(state: &State, id: DocumentId) -> Result<&Document, DomainError> {
    Ok(state
        .secretariat()
        .document(id)
        .ok_or(E::UnknownDocument(id))?)
}

/// A document whose text may still change: not adopted, no procedure running.
fn open_document(state: &State, id: DocumentId) -> Result<&Document, DomainError> {
    let doc = document(state, id)?;
    if doc.adopted_by.is_some() {
        return Err(E::Adopted(id).into());
    }
    if let Some(procedure) = doc.open_procedure {
        return Err(E::UnderProcedure(procedure).into());
    }
    Ok(doc)
}

/// Checks a session's details and fills in the chair and participants.
fn session_details(
    state: &State,
    config: &OrgConfig,
    details: &SessionDetails,
    now: Timestamp,
) -> Result<(StateCode, BTreeMap<StateCode, Vec<String>>), DomainError> {
    check_authentic(config, &details.title)?;
    if let Some(venue) = details.format.venue() {
        check_text(config, venue)?;
    }
    if details.start.utc() <= now {
        return Err(E::InPast {
            start: details.start.utc(),
            now,
        }
        .into());
    }
    if details.end.utc() <= details.start.utc() {
        return Err(E::EndBeforeStart.into());
    }
    check_link(&details.format)?;
    let members = member_states(state);
    let chair = match details.chair {
        Some(chair) => chair,
        None => config.chairmanship().chair_on(details.start.utc().date()),
    };
    if !members.contains(&chair) {
        return Err(E::ChairNotMember(chair).into());
    }
    let participants = match &details.participants {
        Some(given) => {
            if let Some(unknown) = given.keys().find(|c| state.state(**c).is_none()) {
                return Err(E::UnknownParticipant(*unknown).into());
            }
            given.clone()
        }
        None => members.iter().map(|c| (*c, Vec::new())).collect(),
    };
    Ok((chair, participants))
}

fn amendment_event(
    config: &OrgConfig,
    doc: &Document,
    draft: &AmendmentDraft,
    member: StateCode,
    actor: &Actor,
    id: AmendmentId,
    now: Timestamp,
) -> Result<Event, DomainError> {
    let current = doc.current().map_or(0, |v| v.number);
    let version = doc
        .version(draft.version)
        .ok_or(E::UnknownVersion(draft.version))?;
    if draft.version != current {
        return Err(E::SupersededVersion {
            version: draft.version,
            current,
        }
        .into());
    }
    let len = version.paragraphs.len();
    let paragraph = usize::try_from(draft.paragraph).unwrap_or(usize::MAX);
    let in_range = match draft.op {
        AmendmentOp::Insert { .. } => paragraph <= len,
        _ => (1..=len).contains(&paragraph),
    };
    if !in_range {
        return Err(E::ParagraphOutOfRange {
            paragraph: draft.paragraph,
            len,
        }
        .into());
    }
    if let Some(text) = draft.op.text() {
        check_authentic(config, text)?;
    }
    check_text(config, &draft.rationale)?;
    Ok(Event::AmendmentProposed(AmendmentProposed {
        amendment: id,
        document: doc.id,
        version: draft.version,
        paragraph: draft.paragraph,
        op: draft.op.clone(),
        rationale: draft.rationale.clone(),
        state: member,
        proposed_by: actor.clone(),
        proposed_at: now,
        classification: doc.classification,
        release: doc.release.clone(),
    }))
}

/// The decision record of a procedure with its outcome.
fn record(
    config: &OrgConfig,
    procedure: &Procedure,
    doc: &Document,
    positions: BTreeMap<StateCode, crate::secretariat::model::Position>,
    outcome: Outcome,
    effective_at: Timestamp,
) -> Event {
    let paragraphs = doc
        .version(procedure.version)
        .map(|v| v.paragraphs.clone())
        .unwrap_or_default();
    Event::DecisionRecorded(DecisionRecorded {
        decision: procedure.id,
        body: procedure.body.clone(),
        item: procedure
            .item
            .map(|(session, item)| ItemRef { session, item }),
        rule: procedure.rule,
        document: procedure.document,
        version: procedure.version,
        authentic: config.authentic_language(),
        text_hashes: rules::text_hashes(&paragraphs, config.official_languages()),
        positions,
        outcome,
        effective_at,
        classification: procedure.classification,
        release: procedure.release.clone(),
    })
}

fn open_procedure(
    state: &State,
    id: crate::secretariat::model::ProcedureId,
) -> Result<&Procedure, DomainError> {
    let procedure = state
        .secretariat()
        .procedure(id)
        .ok_or(E::UnknownProcedure(id))?;
    if procedure.outcome.is_some() {
        return Err(E::Closed(id).into());
    }
    Ok(procedure)
}

/// Decides a secretariat command.
pub(crate) fn decide(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    command: &SecretariatCommand,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    use SecretariatCommand as C;
    let actor = principal.actor().unwrap_or(Actor::System);
    let records = state.secretariat();
    match command {
        C::ScheduleSession {
            body,
            number,
            details,
            classification,
            open_to_observers,
        } => {
            let classification = classification.unwrap_or(config.default_classification());
            allow(
                principal,
                Action::Prepare,
                Resource::classified(classification),
            )?;
            let found = config
                .body(body)
                .ok_or_else(|| E::UnknownBody(body.clone()))?;
            if found.composition != Composition::MemberStates {
                return Err(E::StaffBody(body.clone()).into());
            }
            if *number == 0 {
                return Err(E::BadNumber.into());
            }
            let taken = records.sessions().values().any(|s| {
                s.body == *body && s.number == *number && s.status != SessionStatus::Cancelled
            });
            if taken {
                return Err(E::NumberTaken {
                    body: body.clone(),
                    number: *number,
                }
                .into());
            }
            let (chair, participants) = session_details(state, config, details, now)?;
            Ok(vec![Event::SessionScheduled(SessionScheduled {
                session: records.next_session(),
                body: body.clone(),
                number: *number,
                title: details.title.clone(),
                start: details.start.clone(),
                end: details.end.clone(),
                format: details.format.clone(),
                chair,
                participants,
                classification,
                open_to_observers: *open_to_observers,
            })])
        }
        C::ChangeSession {
            session: id,
            details,
        } => {
            let found = session(state, *id)?;
            allow(
                principal,
                Action::Prepare,
                Resource::classified(found.classification),
            )?;
            if found.status != SessionStatus::Planned {
                return Err(E::NotPlanned(found.status).into());
            }
            let (chair, participants) = session_details(state, config, details, now)?;
            Ok(vec![Event::SessionChanged(SessionChanged {
                session: *id,
                title: details.title.clone(),
                start: details.start.clone(),
                end: details.end.clone(),
                format: details.format.clone(),
                chair,
                participants,
                sequence: found.sequence.saturating_add(1),
                classification: found.classification,
                open_to_observers: found.open_to_observers,
            })])
        }
        C::SetSessionStatus {
            session: id,
            status,
        } => {
            let found = session(state, *id)?;
            allow(
                principal,
                Action::Prepare,
                Resource::classified(found.classification),
            )?;
            if !found.status.may_become(*status) {
                return Err(E::IllegalTransition {
                    from: found.status,
                    to: *status,
                }
                .into());
            }
            // A session is concluded once its procedures have ended.
            let open = found
                .agenda
                .iter()
                .flat_map(|i| &i.procedures)
                .find(|p| records.procedure(**p).is_some_and(|p| p.outcome.is_none()));
            if let (SessionStatus::Concluded, Some(open)) = (status, open) {
                return Err(E::ItemHasOpenProcedure(*open).into());
            }
            Ok(vec![Event::SessionStatusChanged(SessionStatusChanged {
                session: *id,
                from: found.status,
                to: *status,
                sequence: found.sequence.saturating_add(1),
                classification: found.classification,
                open_to_observers: found.open_to_observers,
            })])
        }
        C::AddAgendaItem {
            session: id,
            title,
            documents,
        } => {
            let found = session(state, *id)?;
            allow(
                principal,
                Action::Prepare,
                Resource::classified(found.classification),
            )?;
            if matches!(
                found.status,
                SessionStatus::Concluded | SessionStatus::Cancelled
            ) {
                return Err(E::SessionClosed(found.status).into());
            }
            check_authentic(config, title)?;
            for doc in documents {
                // Only documents the officer may read are put before a session.
                allow(principal, Action::Read, of_document(document(state, *doc)?))?;
            }
            Ok(vec![item_added(
                found,
                title.clone(),
                documents.clone(),
                None,
            )])
        }
        C::ConcludeItem {
            session: id,
            item,
            outcome,
        } => {
            let found = session(state, *id)?;
            allow(
                principal,
                Action::Prepare,
                Resource::classified(found.classification),
            )?;
            let agenda_item = open_item(found, *item)?;
            let open = agenda_item
                .procedures
                .iter()
                .find(|p| records.procedure(**p).is_some_and(|p| p.outcome.is_none()));
            if let Some(open) = open {
                return Err(E::ItemHasOpenProcedure(*open).into());
            }
            check_authentic(config, outcome)?;
            Ok(vec![Event::AgendaItemConcluded(AgendaItemConcluded {
                at: ItemRef {
                    session: *id,
                    item: *item,
                },
                outcome: outcome.clone(),
                classification: found.classification,
                open_to_observers: found.open_to_observers,
            })])
        }
        C::RecordMinutes {
            session: id,
            document: doc_id,
        } => {
            let found = session(state, *id)?;
            allow(
                principal,
                Action::Prepare,
                Resource::classified(found.classification),
            )?;
            let doc = document(state, *doc_id)?;
            allow(principal, Action::Read, of_document(doc))?;
            if doc.doc_type != DocumentType::Report {
                return Err(E::MinutesNotReport.into());
            }
            Ok(vec![Event::MinutesRecorded(MinutesRecorded {
                session: *id,
                document: *doc_id,
                classification: found.classification,
                open_to_observers: found.open_to_observers,
            })])
        }
        C::Recommend {
            session: from_id,
            item,
            to,
        } => {
            let from = session(state, *from_id)?;
            let target = session(state, *to)?;
            allow(
                principal,
                Action::Prepare,
                Resource::classified(from.classification),
            )?;
            allow(
                principal,
                Action::Prepare,
                Resource::classified(target.classification),
            )?;
            let agenda_item = agenda_item(from, *item)?;
            let reports_to = config.body(&from.body).and_then(|b| b.reports_to.as_ref());
            if reports_to != Some(&target.body) {
                return Err(E::NotReportingBody {
                    from: from.body.clone(),
                    to: target.body.clone(),
                }
                .into());
            }
            if matches!(
                target.status,
                SessionStatus::Concluded | SessionStatus::Cancelled
            ) {
                return Err(E::SessionClosed(target.status).into());
            }
            if from.status == SessionStatus::Cancelled {
                return Err(E::SessionClosed(from.status).into());
            }
            let again = target.agenda.iter().any(|i| {
                i.recommended_by
                    .as_ref()
                    .is_some_and(|r| r.session == *from_id && r.item == *item)
            });
            if again {
                return Err(E::AlreadyRecommended {
                    session: *from_id,
                    item: *item,
                }
                .into());
            }
            let recommendation = Recommendation {
                session: *from_id,
                item: *item,
                body: from.body.clone(),
            };
            Ok(vec![item_added(
                target,
                agenda_item.title.clone(),
                agenda_item.documents.clone(),
                Some(recommendation),
            )])
        }
        C::CreatePackage {
            session: id,
            title,
            documents,
        } => {
            let found = session(state, *id)?;
            allow(
                principal,
                Action::Prepare,
                Resource::classified(found.classification),
            )?;
            check_authentic(config, title)?;
            if documents.is_empty() {
                return Err(E::EmptyText.into());
            }
            for doc in documents {
                // Only documents the officer may read are put before a session.
                allow(principal, Action::Read, of_document(document(state, *doc)?))?;
            }
            Ok(vec![Event::PackageCreated(PackageCreated {
                package: records.next_package(),
                session: *id,
                title: title.clone(),
                documents: documents.clone(),
                classification: found.classification,
                open_to_observers: found.open_to_observers,
            })])
        }
        C::RegisterDocument {
            doc_type,
            forum,
            title,
            sponsor,
            body,
            paragraphs,
            classification,
            release,
        } => {
            let classification = classification.unwrap_or(config.default_classification());
            allow(
                principal,
                Action::Prepare,
                Resource {
                    classification,
                    release,
                },
            )?;
            let found = config
                .body(body)
                .ok_or_else(|| E::UnknownBody(body.clone()))?;
            if !found.competences.contains(doc_type) {
                return Err(E::NotCompetent {
                    body: body.clone(),
                    doc_type: *doc_type,
                }
                .into());
            }
            if forum.is_some() != (*doc_type == DocumentType::JointStatement) {
                return Err(E::Forum.into());
            }
            if let crate::secretariat::model::Sponsor::State { state: code } = sponsor
                && !member_states(state).contains(code)
            {
                return Err(E::NotAMember(*code).into());
            }
            check_authentic(config, title)?;
            check_paragraphs(config, paragraphs)?;
            if classification == Classification::Public && !release.is_empty() {
                return Err(DomainError::ReleaseOnPublic);
            }
            if let Some(unknown) = release.iter().find(|r| !recipient_exists(state, config, r)) {
                return Err(DomainError::UnknownRecipient(unknown.clone()));
            }
            Ok(vec![Event::DocumentRegistered(DocumentRegistered {
                document: records.next_document(),
                doc_type: *doc_type,
                forum: *forum,
                title: title.clone(),
                sponsor: sponsor.clone(),
                body: body.clone(),
                paragraphs: paragraphs.clone(),
                registered_by: actor,
                registered_at: now,
                classification,
                release: release.clone(),
            })])
        }
        C::MakeVersion {
            document: id,
            paragraphs,
            accept,
            reject,
        } => {
            let doc = document(state, *id)?;
            allow(principal, Action::Prepare, of_document(doc))?;
            let doc = open_document(state, *id)?;
            let current = doc.current().ok_or(E::UnknownVersion(1))?;
            let pending: BTreeSet<AmendmentId> = records
                .amendments_of(doc)
                .into_iter()
                .filter(|a| a.status == AmendmentStatus::Pending)
                .map(|a| a.id)
                .collect();
            for amendment in accept.iter().chain(reject) {
                let known = records
                    .amendment(*amendment)
                    .filter(|a| a.document == *id)
                    .ok_or(E::UnknownAmendment(*amendment))?;
                if known.status != AmendmentStatus::Pending {
                    return Err(E::NotPending(*amendment).into());
                }
            }
            if let Some(both) = accept.iter().find(|a| reject.contains(a)) {
                return Err(E::Both(*both).into());
            }
            let mut seen = BTreeSet::new();
            if let Some(again) = accept.iter().chain(reject).find(|a| !seen.insert(**a)) {
                return Err(E::Repeated(*again).into());
            }
            let decided: BTreeSet<AmendmentId> = accept.iter().chain(reject).copied().collect();
            let undecided: Vec<AmendmentId> = pending.difference(&decided).copied().collect();
            if !undecided.is_empty() {
                return Err(E::Unresolved(undecided).into());
            }
            let text = match paragraphs {
                Some(given) => given.clone(),
                None => {
                    let accepted: Vec<_> = accept
                        .iter()
                        .filter_map(|a| records.amendment(*a))
                        .map(|a| (a.id, a.paragraph, &a.op))
                        .collect();
                    rules::apply_amendments(&current.paragraphs, &accepted).map_err(E::Merge)?
                }
            };
            check_paragraphs(config, &text)?;
            Ok(vec![Event::VersionMade(VersionMade {
                document: *id,
                version: current.number.saturating_add(1),
                paragraphs: text,
                accepted: accept.clone(),
                rejected: reject.clone(),
                made_by: actor,
                made_at: now,
                classification: doc.classification,
                release: doc.release.clone(),
            })])
        }
        C::ProposeAmendment {
            document: id,
            draft,
        } => {
            let doc = document(state, *id)?;
            allow(principal, Action::Propose, of_document(doc))?;
            let member = acting_member(state, principal)?;
            let doc = open_document(state, *id)?;
            let event = amendment_event(
                config,
                doc,
                draft,
                member,
                &actor,
                records.next_amendment(),
                now,
            )?;
            Ok(vec![event])
        }
        C::OpenProcedure {
            session: id,
            item,
            document: doc_id,
            rule,
        } => {
            let found = session(state, *id)?;
            let doc = document(state, *doc_id)?;
            allow(principal, Action::Prepare, of_document(doc))?;
            let agenda_item = open_item(found, *item)?;
            if !agenda_item.documents.contains(doc_id) {
                return Err(E::NotOnAgenda(*doc_id).into());
            }
            if doc.body != found.body {
                return Err(E::WrongBody {
                    document: *doc_id,
                    body: doc.body.clone(),
                }
                .into());
            }
            let body = config
                .body(&found.body)
                .ok_or_else(|| E::UnknownBody(found.body.clone()))?;
            if !body.rules.contains(rule)
                || matches!(rule, DecisionRule::Silence | DecisionRule::Head)
            {
                return Err(E::RuleNotAllowed {
                    body: found.body.clone(),
                    rule: *rule,
                }
                .into());
            }
            let doc = open_document(state, *doc_id)?;
            let members = member_states(state);
            let present: Vec<StateCode> = found
                .participants
                .keys()
                .filter(|c| members.contains(c))
                .copied()
                .collect();
            Ok(vec![Event::ProcedureOpened(ProcedureOpened {
                procedure: records.next_procedure(),
                document: *doc_id,
                version: doc.current().map_or(1, |v| v.number),
                body: found.body.clone(),
                rule: *rule,
                item: Some(ItemRef {
                    session: *id,
                    item: *item,
                }),
                deadline: None,
                present,
                opened_at: now,
                classification: doc.classification,
                release: doc.release.clone(),
            })])
        }
        C::LaunchSilence {
            document: doc_id,
            deadline,
        } => {
            let doc = document(state, *doc_id)?;
            allow(principal, Action::Prepare, of_document(doc))?;
            let doc = open_document(state, *doc_id)?;
            let body = config
                .body(&doc.body)
                .ok_or_else(|| E::UnknownBody(doc.body.clone()))?;
            if !body.rules.contains(&DecisionRule::Silence) {
                return Err(E::RuleNotAllowed {
                    body: doc.body.clone(),
                    rule: DecisionRule::Silence,
                }
                .into());
            }
            if deadline.utc() <= now {
                return Err(E::DeadlineInPast {
                    deadline: deadline.utc(),
                    now,
                }
                .into());
            }
            Ok(vec![Event::ProcedureOpened(ProcedureOpened {
                procedure: records.next_procedure(),
                document: *doc_id,
                version: doc.current().map_or(1, |v| v.number),
                body: doc.body.clone(),
                rule: DecisionRule::Silence,
                item: None,
                deadline: Some(deadline.clone()),
                present: member_states(state).into_iter().collect(),
                opened_at: now,
                classification: doc.classification,
                release: doc.release.clone(),
            })])
        }
        C::StatePosition {
            procedure: id,
            position,
        } => {
            let procedure = state
                .secretariat()
                .procedure(*id)
                .ok_or(E::UnknownProcedure(*id))?;
            allow(principal, Action::TakePosition, of_procedure(procedure))?;
            let member = acting_member(state, principal)?;
            let procedure = open_procedure(state, *id)?;
            if procedure.deadline.is_some() {
                return Err(E::IsSilence(*id).into());
            }
            if !procedure.present.contains(&member) {
                return Err(E::NotPresent(member).into());
            }
            if let Some(text) = position_text(position) {
                check_text(config, text)?;
            }
            Ok(vec![Event::PositionStated(PositionStated {
                procedure: *id,
                state: member,
                position: position.clone(),
                stated_by: actor,
                classification: procedure.classification,
                release: procedure.release.clone(),
            })])
        }
        C::BreakSilence {
            procedure: id,
            reason,
            amendment,
        } => {
            let procedure = state
                .secretariat()
                .procedure(*id)
                .ok_or(E::UnknownProcedure(*id))?;
            allow(principal, Action::TakePosition, of_procedure(procedure))?;
            let member = acting_member(state, principal)?;
            let procedure = open_procedure(state, *id)?;
            let deadline = procedure.deadline.as_ref().ok_or(E::NotSilence(*id))?.utc();
            if !rules::silence_open(deadline, now) {
                return Err(E::DeadlinePassed { deadline }.into());
            }
            if !procedure.present.contains(&member) {
                return Err(E::NotPresent(member).into());
            }
            check_text(config, reason)?;
            let doc = document(state, procedure.document)?;
            let mut events = Vec::new();
            let mut amendment_id = None;
            if let Some(draft) = amendment {
                let id = records.next_amendment();
                events.push(amendment_event(
                    config, doc, draft, member, &actor, id, now,
                )?);
                amendment_id = Some(id);
            }
            events.push(Event::SilenceBroken(SilenceBroken {
                procedure: *id,
                state: member,
                reason: reason.clone(),
                amendment: amendment_id,
                broken_by: actor,
                broken_at: now,
                classification: procedure.classification,
                release: procedure.release.clone(),
            }));
            let positions = BTreeMap::from([(
                member,
                crate::secretariat::model::Position::Object {
                    reason: reason.clone(),
                },
            )]);
            let outcome = Outcome::NotAdopted {
                failure: Failure::SilenceBroken { state: member },
            };
            events.push(record(config, procedure, doc, positions, outcome, now));
            Ok(events)
        }
        C::CloseProcedure { procedure: id } => {
            let procedure = state
                .secretariat()
                .procedure(*id)
                .ok_or(E::UnknownProcedure(*id))?;
            let chair = procedure
                .item
                .and_then(|(s, _)| records.session(s))
                .map(|s| s.chair);
            let as_secretariat = allow(principal, Action::Prepare, of_procedure(procedure));
            if let Err(denied) = as_secretariat {
                // The chair's head of delegation may close the item too.
                allow(principal, Action::TakePosition, of_procedure(procedure))
                    .map_err(|_| denied)?;
                let chair = chair.ok_or(E::IsSilence(*id))?;
                if principal.affiliation().state() != Some(chair) {
                    return Err(E::NotChair(chair).into());
                }
            }
            let procedure = open_procedure(state, *id)?;
            if procedure.deadline.is_some() {
                return Err(E::IsSilence(*id).into());
            }
            let missing = rules::missing_positions(&procedure.present, &procedure.positions);
            if !missing.is_empty() {
                return Err(E::PositionsMissing(missing).into());
            }
            let body = config
                .body(&procedure.body)
                .ok_or_else(|| E::UnknownBody(procedure.body.clone()))?;
            let members = u32::try_from(member_states(state).len()).unwrap_or(u32::MAX);
            let outcome = rules::outcome_in_session(
                procedure.rule,
                &procedure.present,
                &procedure.positions,
                body.quorum,
                members,
            );
            let doc = document(state, procedure.document)?;
            Ok(vec![record(
                config,
                procedure,
                doc,
                procedure.positions.clone(),
                outcome,
                now,
            )])
        }
        C::ConcludeSilence { procedure: id } => {
            let procedure = state
                .secretariat()
                .procedure(*id)
                .ok_or(E::UnknownProcedure(*id))?;
            allow(principal, Action::EnforceDeadline, of_procedure(procedure))?;
            let procedure = open_procedure(state, *id)?;
            let deadline = procedure.deadline.as_ref().ok_or(E::NotSilence(*id))?.utc();
            if !rules::silence_due(deadline, now) {
                return Err(E::DeadlineNotReached { deadline }.into());
            }
            let doc = document(state, procedure.document)?;
            Ok(vec![record(
                config,
                procedure,
                doc,
                BTreeMap::new(),
                Outcome::Adopted,
                deadline,
            )])
        }
        C::RegisterSigningKey { key } => {
            allow(
                principal,
                Action::TakePosition,
                Resource::classified(Classification::Public),
            )?;
            let member = acting_member(state, principal)?;
            let parsed = accord_ledger::VerifierKey::parse(key.trim())
                .map_err(|e| E::BadKey(e.to_string()))?;
            if parsed.kind() != accord_ledger::KeyType::Ed25519 {
                return Err(E::BadKey("a cosignature key cannot sign decisions".into()).into());
            }
            Ok(vec![Event::SigningKeyRegistered(SigningKeyRegistered {
                state: member,
                key: parsed.to_string(),
                registered_by: actor,
            })])
        }
        C::SignDecision {
            decision,
            signature,
        } => {
            let record = records
                .decision(*decision)
                .ok_or(E::UnknownDecision(*decision))?;
            let resource = Resource {
                classification: record.classification,
                release: &record.release,
            };
            allow(principal, Action::TakePosition, resource)?;
            let member = acting_member(state, principal)?;
            if !record.outcome.is_adopted() {
                return Err(E::NotAdopted(*decision).into());
            }
            if records
                .signatures(*decision)
                .is_some_and(|s| s.contains_key(&member))
            {
                return Err(E::AlreadySigned(member).into());
            }
            let key = records.signing_key(member).ok_or(E::NoKey(member))?;
            let message = signing_message(record).ok_or(E::UnknownDecision(*decision))?;
            if !verify_signature(key, &message, signature) {
                return Err(E::BadSignature(member).into());
            }
            Ok(vec![Event::DecisionSigned(DecisionSigned {
                decision: *decision,
                state: member,
                message,
                key: key.to_owned(),
                signature: signature.trim().to_owned(),
                signed_by: actor,
                signed_at: now,
                classification: record.classification,
                release: record.release.clone(),
            })])
        }
        C::SetOpenToObservers { session: id, open } => {
            let found = session(state, *id)?;
            allow(
                principal,
                Action::Prepare,
                Resource::classified(found.classification),
            )?;
            if found.open_to_observers == *open {
                return Err(E::OpennessUnchanged {
                    session: *id,
                    open: *open,
                }
                .into());
            }
            if !*open && !found.observers.is_empty() {
                return Err(E::ObserversAttending(*id).into());
            }
            Ok(vec![Event::SessionOpennessChanged(
                SessionOpennessChanged {
                    session: *id,
                    open_to_observers: *open,
                    classification: found.classification,
                },
            )])
        }
        C::RecordObservers {
            session: id,
            observers,
        } => {
            let found = session(state, *id)?;
            allow(
                principal,
                Action::Prepare,
                Resource::classified(found.classification),
            )?;
            if found.status == SessionStatus::Cancelled {
                return Err(E::SessionClosed(found.status).into());
            }
            if !found.open_to_observers {
                return Err(E::NotOpenToObservers(*id).into());
            }
            // Observer status now: a state that became one attends from its decision on.
            if let Some(other) = observers
                .keys()
                .find(|c| state.state(**c).map(|s| s.status) != Some(MemberStatus::Observer))
            {
                return Err(E::NotAnObserver(*other).into());
            }
            Ok(vec![Event::ObserversRecorded(ObserversRecorded {
                session: *id,
                observers: observers.clone(),
                classification: found.classification,
                open_to_observers: true,
            })])
        }
    }
}

/// Whether `signature` (base64) is a valid Ed25519 signature of `message` by the verifier key
/// `key` (C2SP note verifier key): the check the server makes before recording a signature,
/// and `accord verify` makes again offline.
pub fn verify_signature(key: &str, message: &str, signature: &str) -> bool {
    accord_ledger::VerifierKey::parse(key.trim())
        .ok()
        .filter(|k| k.kind() == accord_ledger::KeyType::Ed25519)
        .is_some_and(|k| {
            BASE64
                .decode(signature.trim())
                .is_ok_and(|sig| k.verify(message, &sig))
        })
}

/// The message a head of delegation signs for a decision: over its authentic text's hash.
pub fn signing_message(record: &DecisionRecorded) -> Option<String> {
    let hash = record.text_hashes.get(&record.authentic)?;
    Some(rules::signing_message(
        record.decision,
        record.document,
        record.version,
        record.authentic,
        hash,
    ))
}

fn position_text(position: &crate::secretariat::model::Position) -> Option<&Text> {
    use crate::secretariat::model::Position as P;
    match position {
        P::AgreeWithReservation { text } | P::InterpretativeStatement { text } => Some(text),
        P::Object { reason } => Some(reason),
        P::Agree | P::Abstain | P::NotParticipating => None,
    }
}

fn item_added(
    session: &Session,
    title: Text,
    documents: Vec<DocumentId>,
    recommended_by: Option<Recommendation>,
) -> Event {
    let number = session
        .agenda
        .iter()
        .map(|i| i.number)
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    Event::AgendaItemAdded(AgendaItemAdded {
        at: ItemRef {
            session: session.id,
            item: number,
        },
        title,
        documents,
        recommended_by,
        classification: session.classification,
        open_to_observers: session.open_to_observers,
    })
}
