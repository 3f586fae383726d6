//! `decide` for documents: packages, registration, versions and amendments.

use std::collections::BTreeSet;

use crate::classification::Classification;
use crate::config::{DocumentType, OrgConfig};
use crate::decide::recipient_exists;
use crate::decide::{allow, check_authentic, check_text};
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::BodyId;
use crate::ids::{Actor, StateCode};
use crate::lang::Text;
use crate::policy::Recipient;
use crate::policy::{Action, Principal, Resource};
use crate::secretariat::commands::AmendmentDraft;
use crate::secretariat::error::SecretariatError as E;
use crate::secretariat::events::{
    AmendmentProposed, DocumentRegistered, PackageCreated, VersionMade,
};
use crate::secretariat::model::{
    AmendmentId, AmendmentOp, AmendmentStatus, Document, DocumentId, Forum, Paragraphs, SessionId,
    Sponsor,
};
use crate::secretariat::rules;
use crate::state::State;
use crate::time::Timestamp;

use super::{acting_member, document, member_states, of_document, open_document, session};

/// `CreatePackage`.
pub(super) fn create_package(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    id: SessionId,
    title: &Text,
    documents: &[DocumentId],
) -> Result<Vec<Event>, DomainError> {
    let records = state.secretariat();
    let found = session(state, id)?;
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
        session: id,
        title: title.clone(),
        documents: documents.to_vec(),
        classification: found.classification,
        open_to_observers: found.open_to_observers,
    })])
}

/// `RegisterDocument`.
#[expect(
    clippy::too_many_arguments,
    reason = "the command's fields, passed as they are"
)]
pub(super) fn register(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    doc_type: DocumentType,
    forum: Option<Forum>,
    title: &Text,
    sponsor: &Sponsor,
    body: &BodyId,
    paragraphs: &Paragraphs,
    classification: Option<Classification>,
    release: &[Recipient],
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let records = state.secretariat();
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
    if !found.competences.contains(&doc_type) {
        return Err(E::NotCompetent {
            body: body.clone(),
            doc_type,
        }
        .into());
    }
    if forum.is_some() != (doc_type == DocumentType::JointStatement) {
        return Err(E::Forum.into());
    }
    if let Sponsor::State { state: code } = sponsor
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
        doc_type,
        forum,
        title: title.clone(),
        sponsor: sponsor.clone(),
        body: body.clone(),
        paragraphs: paragraphs.clone(),
        registered_by: actor,
        registered_at: now,
        classification,
        release: release.to_vec(),
    })])
}

/// `MakeVersion`.
#[expect(
    clippy::too_many_arguments,
    reason = "the command's fields, passed as they are"
)]
pub(super) fn make_version(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    id: DocumentId,
    paragraphs: Option<&Paragraphs>,
    accept: &[AmendmentId],
    reject: &[AmendmentId],
    actor: Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let records = state.secretariat();
    let doc = document(state, id)?;
    allow(principal, Action::Prepare, of_document(doc))?;
    let doc = open_document(state, id)?;
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
            .filter(|a| a.document == id)
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
        document: id,
        version: current.number.saturating_add(1),
        paragraphs: text,
        accepted: accept.to_vec(),
        rejected: reject.to_vec(),
        made_by: actor,
        made_at: now,
        classification: doc.classification,
        release: doc.release.clone(),
    })])
}

/// `ProposeAmendment`.
pub(super) fn propose_amendment(
    state: &State,
    config: &OrgConfig,
    principal: &Principal,
    id: DocumentId,
    draft: &AmendmentDraft,
    actor: &Actor,
    now: Timestamp,
) -> Result<Vec<Event>, DomainError> {
    let records = state.secretariat();
    let doc = document(state, id)?;
    allow(principal, Action::Propose, of_document(doc))?;
    let member = acting_member(state, principal)?;
    let doc = open_document(state, id)?;
    let event = amendment_event(
        config,
        doc,
        draft,
        member,
        actor,
        records.next_amendment(),
        now,
    )?;
    Ok(vec![event])
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

pub(super) fn amendment_event(
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
