//! `State`, the fold of the log, and `apply`, which folds one event into it.

use std::collections::BTreeSet;
use std::sync::Arc;

use imbl::OrdMap;

use crate::classification::Classification;
use crate::config::{Composition, MemberStatus, OrgConfig};
use crate::crisis::CrisisCentre;
use crate::crisis::model::{Incident, Sitrep};
use crate::event::Event;
use crate::ids::{AccountId, Actor, NoteId, StateCode};
use crate::lang::Text;
use crate::peacekeeping::Peacekeeping;
use crate::plans::Plans;
use crate::policy::{Affiliation, Principal, Recipient, Role};
use crate::publications::Publications;
use crate::secretariat::Secretariat;
use crate::secretariat::model::{Document, DocumentId};
use crate::status::StatusBook;
use crate::status::model::Protocol;
use crate::time::{Date, Timestamp};

/// The organisation's current state: everything the log's events have established.
///
/// Its collections are persistent maps (`imbl::OrdMap`): a clone shares all of its structure and
/// costs O(1), and a change copies only the path it touches. So the journal can decide a group of
/// commands against a copy and publish it after the commit without copying the organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    config: Option<Arc<OrgConfig>>,
    states: OrdMap<StateCode, StateRecord>,
    accounts: OrdMap<AccountId, AccountRecord>,
    /// Behind an `Arc` each, so that the map's nodes hold pointers, not whole notes.
    notes: OrdMap<NoteId, Arc<Note>>,
    secretariat: Secretariat,
    crisis: CrisisCentre,
    plans: Plans,
    peacekeeping: Peacekeeping,
    publications: Publications,
    status: StatusBook,
}

/// A state of the registry and its history of statuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateRecord {
    /// Its name, per language.
    pub name: Text,
    /// Its status now.
    pub status: MemberStatus,
    /// Since when.
    pub since: Date,
    /// Its earlier statuses, oldest first, each with the date it began.
    pub history: Vec<(MemberStatus, Date)>,
}

/// An account's affiliation and roles (credentials are kept by the store, not here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRecord {
    /// Whom it acts for.
    pub affiliation: Affiliation,
    /// Its roles.
    pub roles: BTreeSet<Role>,
}

/// A free note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Who wrote it.
    pub author: Actor,
    /// When.
    pub recorded_at: Timestamp,
    /// The text.
    pub text: Text,
    /// Its classification.
    pub classification: Classification,
    /// Its release list.
    pub release: Vec<Recipient>,
}

impl State {
    /// The configuration, once founded.
    pub fn config(&self) -> Option<&OrgConfig> {
        self.config.as_deref()
    }

    /// The states of the registry.
    pub fn states(&self) -> &OrdMap<StateCode, StateRecord> {
        &self.states
    }

    /// A state of the registry.
    pub fn state(&self, code: StateCode) -> Option<&StateRecord> {
        self.states.get(&code)
    }

    /// The accounts with an affiliation.
    pub fn accounts(&self) -> &OrdMap<AccountId, AccountRecord> {
        &self.accounts
    }

    /// An account.
    pub fn account(&self, id: &AccountId) -> Option<&AccountRecord> {
        self.accounts.get(id)
    }

    /// The notes, by number.
    pub fn notes(&self) -> &OrdMap<NoteId, Arc<Note>> {
        &self.notes
    }

    /// The secretariat's records: sessions, documents, procedures, decisions.
    pub fn secretariat(&self) -> &Secretariat {
        &self.secretariat
    }

    /// The Crisis Response Centre's records: incidents, units, requests, deployments.
    pub fn crisis(&self) -> &CrisisCentre {
        &self.crisis
    }

    /// Plans and strategies, their measures and progress reports.
    pub fn plans(&self) -> &Plans {
        &self.plans
    }

    /// Peacekeeping: the training institutions, contingents and mandates.
    pub fn peacekeeping(&self) -> &Peacekeeping {
        &self.peacekeeping
    }

    /// Public information: press releases, statements, events and exhibitions.
    pub fn publications(&self) -> &Publications {
        &self.publications
    }

    /// Status applications, each state's statuses over time, the chairs' priorities and
    /// joint statements' deliveries.
    pub fn status(&self) -> &StatusBook {
        &self.status
    }

    /// The state holding the chair on `date`, once founded.
    pub fn chair_on(&self, date: Date) -> Option<StateCode> {
        self.config
            .as_ref()
            .map(|c| c.chairmanship().chair_on(date))
    }

    /// The principal an account acts as now, or `None` for an account with no affiliation.
    ///
    /// The affiliation follows its state's current status: the delegation of a state that is
    /// no longer a member acts as an observer or partner state, and an observer's or partner's
    /// account acts as its state's new status from the moment it changes (membership is never
    /// taken on this way: a member's accounts are granted as its delegation). It keeps only the
    /// roles that fit. The principal sits in the bodies its affiliation composes: every body of member
    /// states for a member delegation, the staff body for staff. A partner organisation's
    /// account stands on its organisation's status now (see [`Principal::with_standing`]):
    /// an organisation granted observer status reads what is released to observers, one
    /// with partner status exchanges alerts, one without a status reads only what is public.
    pub fn principal(&self, id: &AccountId) -> Option<Principal> {
        let record = self.accounts.get(id)?;
        let affiliation = match &record.affiliation {
            Affiliation::Delegation { state }
            | Affiliation::Observer { state }
            | Affiliation::PartnerState { state } => {
                match self.states.get(state).map(|s| s.status) {
                    Some(MemberStatus::Observer) => Affiliation::Observer { state: *state },
                    Some(MemberStatus::Partner) => Affiliation::PartnerState { state: *state },
                    _ => record.affiliation.clone(),
                }
            }
            other => other.clone(),
        };
        let roles = record
            .roles
            .iter()
            .copied()
            .filter(|r| r.fits(&affiliation))
            .collect();
        let composition = match affiliation {
            Affiliation::Delegation { .. } => Some(Composition::MemberStates),
            Affiliation::Secretariat => Some(Composition::Secretariat),
            Affiliation::CrisisCentre => Some(Composition::CrisisCentre),
            Affiliation::JointStaff => Some(Composition::JointStaff),
            _ => None,
        };
        let bodies = match (&self.config, composition) {
            (Some(config), Some(composition)) => config
                .bodies()
                .iter()
                .filter(|b| b.composition == composition)
                .map(|b| b.id.clone())
                .collect(),
            _ => BTreeSet::new(),
        };
        let standing = match &affiliation {
            Affiliation::PartnerOrganisation { partner } => {
                self.status.organisation(partner).map(|o| o.status())
            }
            _ => None,
        };
        Some(Principal::new(id.clone(), affiliation, roles, bodies).with_standing(standing))
    }

    /// Who reads a document now: its own release list and, once it is adopted, every partner
    /// state (with partner status now) whose partnership protocol lists its type. The
    /// drafting history is not part of it: a protocol releases what the organisation adopted.
    pub fn document_release(&self, document: &Document) -> Vec<Recipient> {
        let mut release = document.release.clone();
        if document.adopted_by.is_some() {
            self.add_partners(&mut release, |p| p.lists(document.doc_type));
        }
        release
    }

    /// Who reads a situation report now: nobody beyond the insiders unless it is marked
    /// releasable; then its incident's release list and every partner state (with partner
    /// status now) whose partnership protocol takes situation reports. The incident itself is
    /// not released by this: a partner reads the report, not the incident's file.
    pub fn sitrep_release(&self, incident: &Incident, sitrep: &Sitrep) -> Vec<Recipient> {
        if !sitrep.releasable {
            return Vec::new();
        }
        let mut release = incident.release.clone();
        self.add_partners(&mut release, |p| p.sitreps);
        release
    }

    /// Adds to `release` each partner state (with partner status now) whose protocol passes
    /// `takes`, once.
    fn add_partners(&self, release: &mut Vec<Recipient>, takes: impl Fn(&Protocol) -> bool) {
        for (code, protocol) in self.status.protocols() {
            let partner = self
                .states
                .get(code)
                .is_some_and(|s| s.status == MemberStatus::Partner);
            let recipient = Recipient::State { state: *code };
            if partner && takes(protocol) && !release.contains(&recipient) {
                release.push(recipient);
            }
        }
    }

    /// Brings documents' effective release lists up to date after `event`: every document
    /// when a protocol or a state's status changes, the decided document after a decision.
    fn refresh_releases(&mut self, event: &Event) {
        let ids: Vec<DocumentId> = match event {
            Event::ProtocolRecorded(_)
            | Event::MemberStatusChanged(_)
            | Event::MemberAdmitted(_) => {
                if self.status.protocols().is_empty() {
                    return;
                }
                self.secretariat.documents().keys().copied().collect()
            }
            Event::DecisionRecorded(record) => vec![record.document],
            _ => return,
        };
        for id in ids {
            let Some(document) = self.secretariat.document(id) else {
                continue;
            };
            let release = self.document_release(document);
            self.secretariat.set_effective_release(id, release);
        }
    }

    /// The number the next note gets.
    pub fn next_note_id(&self) -> NoteId {
        NoteId(next_number(&self.notes, |n| n.0))
    }
}

/// The number after the highest key of `map` (keys numbered from 1), or 1 for an empty map.
pub(crate) fn next_number<K: Ord + Clone, V>(map: &OrdMap<K, V>, id: impl Fn(&K) -> u64) -> u64 {
    map.keys()
        .next_back()
        .map_or(1, |k| id(k).saturating_add(1))
}

/// Folds one event into the state. Never fails and never panics: an event `decide` would not
/// have produced (a status change for an unknown state, say) changes nothing it cannot.
pub fn apply(state: &mut State, event: &Event) {
    state.status.apply(event);
    match event {
        Event::OrganisationFounded(founded) => {
            state.states = founded
                .config
                .members()
                .iter()
                .map(|m| {
                    let record = StateRecord {
                        name: m.name.clone(),
                        status: m.status,
                        since: m.since,
                        history: Vec::new(),
                    };
                    (m.code, record)
                })
                .collect();
            state.config = Some(Arc::new(founded.config.clone()));
        }
        Event::MemberAdmitted(admitted) => {
            let record = StateRecord {
                name: admitted.name.clone(),
                status: admitted.status,
                since: admitted.since,
                history: Vec::new(),
            };
            state.states.insert(admitted.state, record);
        }
        Event::MemberStatusChanged(change) => {
            if let Some(record) = state.states.get_mut(&change.state) {
                record.history.push((record.status, record.since));
                record.status = change.to;
                record.since = change.since;
            }
        }
        Event::AffiliationGranted(granted) => {
            let record = AccountRecord {
                affiliation: granted.affiliation.clone(),
                roles: BTreeSet::new(),
            };
            state.accounts.insert(granted.account.clone(), record);
        }
        Event::AffiliationRevoked(revoked) => {
            state.accounts.remove(&revoked.account);
        }
        Event::RoleGranted(change) => {
            if let Some(record) = state.accounts.get_mut(&change.account) {
                record.roles.insert(change.role);
            }
        }
        Event::RoleRevoked(change) => {
            if let Some(record) = state.accounts.get_mut(&change.account) {
                record.roles.remove(&change.role);
            }
        }
        Event::NoteRecorded(note) => {
            let record = Note {
                author: note.author.clone(),
                recorded_at: note.recorded_at,
                text: note.text.clone(),
                classification: note.classification,
                release: note.release.clone(),
            };
            state.notes.insert(note.note, Arc::new(record));
        }
        other => {
            state.secretariat.apply(other);
            state.crisis.apply(other);
            state.plans.apply(other);
            state.peacekeeping.apply(other);
            state.publications.apply(other);
        }
    }
    state.refresh_releases(event);
}
