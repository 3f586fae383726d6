//! The secretariat's part of the state: sessions, documents, amendments, packages, procedures,
//! decisions, signatures and the delegations' signing keys, and how its events fold into it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use imbl::OrdMap;

use crate::event::Event;
use crate::ids::StateCode;
use crate::policy::Recipient;
use crate::secretariat::events::DecisionRecorded;
use crate::secretariat::model::{
    AgendaItem, Amendment, AmendmentId, AmendmentStatus, Document, DocumentId, Package, PackageId,
    Procedure, ProcedureId, Session, SessionId, SessionStatus, Signature, Version,
};
use crate::state::next_number as next;
use crate::time::Timestamp;

/// The secretariat's records. Every collection is a persistent map of shared records, so a
/// clone of the state is cheap and a change copies only what it touches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Secretariat {
    sessions: OrdMap<SessionId, Arc<Session>>,
    documents: OrdMap<DocumentId, Arc<Document>>,
    amendments: OrdMap<AmendmentId, Arc<Amendment>>,
    packages: OrdMap<PackageId, Arc<Package>>,
    procedures: OrdMap<ProcedureId, Arc<Procedure>>,
    decisions: OrdMap<ProcedureId, Arc<DecisionRecorded>>,
    signatures: OrdMap<ProcedureId, Arc<BTreeMap<StateCode, Signature>>>,
    keys: OrdMap<StateCode, String>,
}

impl Secretariat {
    /// Every session, by number.
    pub fn sessions(&self) -> &OrdMap<SessionId, Arc<Session>> {
        &self.sessions
    }

    /// A session.
    pub fn session(&self, id: SessionId) -> Option<&Session> {
        self.sessions.get(&id).map(|s| &**s)
    }

    /// Every document, by number.
    pub fn documents(&self) -> &OrdMap<DocumentId, Arc<Document>> {
        &self.documents
    }

    /// A document.
    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        self.documents.get(&id).map(|d| &**d)
    }

    /// An amendment.
    pub fn amendment(&self, id: AmendmentId) -> Option<&Amendment> {
        self.amendments.get(&id).map(|a| &**a)
    }

    /// A document's amendments, in order.
    pub fn amendments_of(&self, document: &Document) -> Vec<&Amendment> {
        document
            .amendments
            .iter()
            .filter_map(|id| self.amendment(*id))
            .collect()
    }

    /// A package.
    pub fn package(&self, id: PackageId) -> Option<&Package> {
        self.packages.get(&id).map(|p| &**p)
    }

    /// Every procedure, by number.
    pub fn procedures(&self) -> &OrdMap<ProcedureId, Arc<Procedure>> {
        &self.procedures
    }

    /// A procedure.
    pub fn procedure(&self, id: ProcedureId) -> Option<&Procedure> {
        self.procedures.get(&id).map(|p| &**p)
    }

    /// A decision record.
    pub fn decision(&self, id: ProcedureId) -> Option<&DecisionRecorded> {
        self.decisions.get(&id).map(|d| &**d)
    }

    /// Every decision record, by number.
    pub fn decisions(&self) -> &OrdMap<ProcedureId, Arc<DecisionRecorded>> {
        &self.decisions
    }

    /// The signatures of a decision, by state.
    pub fn signatures(&self, decision: ProcedureId) -> Option<&BTreeMap<StateCode, Signature>> {
        self.signatures.get(&decision).map(|s| &**s)
    }

    /// A delegation's registered signing key.
    pub fn signing_key(&self, state: StateCode) -> Option<&str> {
        self.keys.get(&state).map(String::as_str)
    }

    /// The open silence procedures' deadlines, earliest first: what the scheduler waits for.
    pub fn silence_deadlines(&self) -> Vec<(Timestamp, ProcedureId)> {
        let mut out: Vec<(Timestamp, ProcedureId)> = self
            .procedures
            .values()
            .filter(|p| p.outcome.is_none())
            .filter_map(|p| Some((p.deadline.as_ref()?.utc(), p.id)))
            .collect();
        out.sort();
        out
    }

    pub(crate) fn next_session(&self) -> SessionId {
        SessionId(next(&self.sessions, |k| k.0))
    }

    pub(crate) fn next_document(&self) -> DocumentId {
        DocumentId(next(&self.documents, |k| k.0))
    }

    pub(crate) fn next_amendment(&self) -> AmendmentId {
        AmendmentId(next(&self.amendments, |k| k.0))
    }

    pub(crate) fn next_package(&self) -> PackageId {
        PackageId(next(&self.packages, |k| k.0))
    }

    pub(crate) fn next_procedure(&self) -> ProcedureId {
        ProcedureId(next(&self.procedures, |k| k.0))
    }

    /// Sets a document's effective release list (see `State::document_release`), touching
    /// the document only if it changes.
    pub(crate) fn set_effective_release(&mut self, id: DocumentId, release: Vec<Recipient>) {
        if let Some(document) = self.documents.get_mut(&id)
            && document.effective_release != release
        {
            Arc::make_mut(document).effective_release = release;
        }
    }

    fn with_session(&mut self, id: SessionId, change: impl FnOnce(&mut Session)) {
        if let Some(session) = self.sessions.get_mut(&id) {
            change(Arc::make_mut(session));
        }
    }

    fn with_document(&mut self, id: DocumentId, change: impl FnOnce(&mut Document)) {
        if let Some(document) = self.documents.get_mut(&id) {
            change(Arc::make_mut(document));
        }
    }

    fn with_procedure(&mut self, id: ProcedureId, change: impl FnOnce(&mut Procedure)) {
        if let Some(procedure) = self.procedures.get_mut(&id) {
            change(Arc::make_mut(procedure));
        }
    }

    fn with_item(&mut self, session: SessionId, item: u32, change: impl FnOnce(&mut AgendaItem)) {
        self.with_session(session, |s| {
            if let Some(found) = s.agenda.iter_mut().find(|i| i.number == item) {
                change(found);
            }
        });
    }

    /// Folds a secretariat event in; other events change nothing here. Like `apply`, it never
    /// fails: an event naming an unknown record changes nothing.
    pub(crate) fn apply(&mut self, event: &Event) {
        match event {
            Event::SessionScheduled(e) => {
                let session = Session {
                    id: e.session,
                    body: e.body.clone(),
                    number: e.number,
                    title: e.title.clone(),
                    start: e.start.clone(),
                    end: e.end.clone(),
                    format: e.format.clone(),
                    chair: e.chair,
                    participants: e.participants.clone(),
                    status: SessionStatus::Planned,
                    agenda: Vec::new(),
                    minutes: None,
                    classification: e.classification,
                    sequence: 0,
                    packages: Vec::new(),
                    open_to_observers: e.open_to_observers,
                    observers: BTreeMap::new(),
                };
                self.sessions.insert(e.session, Arc::new(session));
            }
            Event::SessionChanged(e) => self.with_session(e.session, |s| {
                s.title = e.title.clone();
                s.start = e.start.clone();
                s.end = e.end.clone();
                s.format = e.format.clone();
                s.chair = e.chair;
                s.participants = e.participants.clone();
                s.sequence = e.sequence;
            }),
            Event::SessionStatusChanged(e) => self.with_session(e.session, |s| {
                s.status = e.to;
                s.sequence = e.sequence;
            }),
            Event::AgendaItemAdded(e) => self.with_session(e.at.session, |s| {
                s.agenda.push(AgendaItem {
                    number: e.at.item,
                    title: e.title.clone(),
                    documents: e.documents.clone(),
                    recommended_by: e.recommended_by.clone(),
                    procedures: Vec::new(),
                    outcome: None,
                });
            }),
            Event::AgendaItemConcluded(e) => {
                self.with_item(e.at.session, e.at.item, |i| {
                    i.outcome = Some(e.outcome.clone());
                });
            }
            Event::MinutesRecorded(e) => {
                self.with_session(e.session, |s| s.minutes = Some(e.document));
            }
            Event::PackageCreated(e) => {
                let package = Package {
                    id: e.package,
                    session: e.session,
                    title: e.title.clone(),
                    documents: e.documents.clone(),
                };
                self.packages.insert(e.package, Arc::new(package));
                self.with_session(e.session, |s| s.packages.push(e.package));
            }
            Event::DocumentRegistered(e) => {
                let document = Document {
                    id: e.document,
                    doc_type: e.doc_type,
                    forum: e.forum,
                    title: e.title.clone(),
                    sponsor: e.sponsor.clone(),
                    body: e.body.clone(),
                    classification: e.classification,
                    release: e.release.clone(),
                    effective_release: e.release.clone(),
                    versions: vec![Version {
                        number: 1,
                        paragraphs: e.paragraphs.clone(),
                        made_by: e.registered_by.clone(),
                        made_at: e.registered_at,
                        accepted: Vec::new(),
                        rejected: Vec::new(),
                    }],
                    amendments: Vec::new(),
                    open_procedure: None,
                    procedures: Vec::new(),
                    adopted_by: None,
                    registered_at: e.registered_at,
                };
                self.documents.insert(e.document, Arc::new(document));
            }
            Event::VersionMade(e) => {
                self.with_document(e.document, |d| {
                    d.versions.push(Version {
                        number: e.version,
                        paragraphs: e.paragraphs.clone(),
                        made_by: e.made_by.clone(),
                        made_at: e.made_at,
                        accepted: e.accepted.clone(),
                        rejected: e.rejected.clone(),
                    });
                });
                let decided = e
                    .accepted
                    .iter()
                    .map(|a| (a, AmendmentStatus::Accepted { version: e.version }))
                    .chain(
                        e.rejected
                            .iter()
                            .map(|a| (a, AmendmentStatus::Rejected { version: e.version })),
                    );
                for (id, status) in decided {
                    if let Some(amendment) = self.amendments.get_mut(id) {
                        Arc::make_mut(amendment).status = status;
                    }
                }
            }
            Event::AmendmentProposed(e) => {
                let amendment = Amendment {
                    id: e.amendment,
                    document: e.document,
                    version: e.version,
                    paragraph: e.paragraph,
                    op: e.op.clone(),
                    rationale: e.rationale.clone(),
                    state: e.state,
                    proposed_by: e.proposed_by.clone(),
                    proposed_at: e.proposed_at,
                    status: AmendmentStatus::Pending,
                };
                self.amendments.insert(e.amendment, Arc::new(amendment));
                self.with_document(e.document, |d| d.amendments.push(e.amendment));
            }
            Event::ProcedureOpened(e) => {
                let procedure = Procedure {
                    id: e.procedure,
                    document: e.document,
                    version: e.version,
                    body: e.body.clone(),
                    rule: e.rule,
                    item: e.item.map(|i| (i.session, i.item)),
                    deadline: e.deadline.clone(),
                    present: e.present.iter().copied().collect::<BTreeSet<_>>(),
                    positions: BTreeMap::new(),
                    opened_at: e.opened_at,
                    outcome: None,
                    classification: e.classification,
                    release: e.release.clone(),
                };
                self.procedures.insert(e.procedure, Arc::new(procedure));
                self.with_document(e.document, |d| {
                    d.open_procedure = Some(e.procedure);
                    d.procedures.push(e.procedure);
                });
                if let Some(at) = e.item {
                    self.with_item(at.session, at.item, |i| i.procedures.push(e.procedure));
                }
            }
            Event::PositionStated(e) => self.with_procedure(e.procedure, |p| {
                p.positions.insert(e.state, e.position.clone());
            }),
            Event::SilenceBroken(e) => self.with_procedure(e.procedure, |p| {
                p.positions.insert(
                    e.state,
                    crate::secretariat::model::Position::Object {
                        reason: e.reason.clone(),
                    },
                );
            }),
            Event::DecisionRecorded(e) => {
                self.with_procedure(e.decision, |p| p.outcome = Some(e.outcome.clone()));
                self.with_document(e.document, |d| {
                    d.open_procedure = None;
                    if e.outcome.is_adopted() {
                        d.adopted_by = Some(e.decision);
                    }
                });
                self.decisions.insert(e.decision, Arc::new(e.clone()));
            }
            Event::SigningKeyRegistered(e) => {
                self.keys.insert(e.state, e.key.clone());
            }
            Event::DecisionSigned(e) => {
                let signature = Signature {
                    state: e.state,
                    signed_by: e.signed_by.clone(),
                    key: e.key.clone(),
                    signature: e.signature.clone(),
                    signed_at: e.signed_at,
                };
                let entry = self.signatures.entry(e.decision).or_default();
                Arc::make_mut(entry).insert(e.state, signature);
            }
            // Sessions open to observers.
            Event::SessionOpennessChanged(e) => self.with_session(e.session, |s| {
                s.open_to_observers = e.open_to_observers;
            }),
            Event::ObserversRecorded(e) => self.with_session(e.session, |s| {
                s.observers = e.observers.clone();
            }),
            _ => {}
        }
    }
}
