//! Where records come from: one small function per kind of item turns it into its records, and
//! [`changes`] compares two states to say which items to file again. Access is computed here
//! exactly as the item's page decides it (`accord-server`'s `secretariat.rs` and `crisis/`):
//! a document by its effective classification (a public draft is restricted), its earlier
//! versions as drafts, a decision as its envelope, an incident by its own classification and
//! release list, a report by its incident's classification, released only when marked
//! releasable (to the incident's list and partner states whose protocol takes reports), a
//! publication as its pages (restricted while a draft, public once published, out of the
//! search once withdrawn).
//!
//! To search a new kind of item: a `…_records` function here, and one line in [`changes`]
//! comparing the state's map of those items.

use std::collections::BTreeSet;

use accord_core::crisis::model::{Incident, Sitrep};
use accord_core::event::EventBody;
use accord_core::publications::model::Publication;
use accord_core::secretariat::events::DecisionRecorded;
use accord_core::secretariat::model::{Document, Version, draft_classification};
use accord_core::{Lang, State, Text};
use imbl::OrdMap;
use imbl::ordmap::DiffItem;

use crate::record::{Access, Kind, Part, Record};

/// What to do to the index for one item: remove its records (those filed under `owner`) and
/// file `records` instead (none: the item is gone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The key every record of the item is filed under (`document:3`, `incident:2`; an
    /// incident's reports are filed under it).
    pub owner: String,
    /// The item's records now.
    pub records: Vec<Record>,
}

/// The changes that bring an index of `old` to `new` (every item of `new` when `old` is empty).
pub fn changes(old: &State, new: &State) -> Vec<Change> {
    let mut out = Vec::new();
    let (old_sec, new_sec) = (old.secretariat(), new.secretariat());
    diff(
        old_sec.documents(),
        new_sec.documents(),
        |id| format!("document:{id}"),
        |doc| document_records(doc),
        &mut out,
    );
    diff(
        old_sec.decisions(),
        new_sec.decisions(),
        |id| format!("decision:{id}"),
        |decision| decision_records(new, decision),
        &mut out,
    );
    // Who reads a releasable report depends on the partnership protocols and the states'
    // statuses too: when either changes, every incident is filed again.
    let releases_changed =
        old.status().protocols() != new.status().protocols() || old.states() != new.states();
    let unfiled = OrdMap::new();
    diff(
        if releases_changed {
            &unfiled
        } else {
            old.crisis().incidents()
        },
        new.crisis().incidents(),
        |id| format!("incident:{id}"),
        |incident| incident_records(new, incident),
        &mut out,
    );
    diff(
        old.publications().all(),
        new.publications().all(),
        |id| format!("publication:{id}"),
        |publication| publication_records(publication),
        &mut out,
    );
    out
}

/// Every change between two maps of items (shared subtrees are skipped, so a few changed items
/// among many cost little).
fn diff<K: Ord + Clone, V: PartialEq + Clone>(
    old: &OrdMap<K, V>,
    new: &OrdMap<K, V>,
    owner: impl Fn(&K) -> String,
    records: impl Fn(&V) -> Vec<Record>,
    out: &mut Vec<Change>,
) {
    for item in old.diff(new) {
        let (key, value) = match item {
            DiffItem::Add(key, value)
            | DiffItem::Update {
                new: (key, value), ..
            } => (key, Some(value)),
            DiffItem::Remove(key, _) => (key, None),
        };
        out.push(Change {
            owner: owner(key),
            records: value.map(&records).unwrap_or_default(),
        });
    }
}

/// The languages a set of texts is written in.
fn languages<'a>(texts: impl IntoIterator<Item = &'a Text>) -> BTreeSet<Lang> {
    texts.into_iter().flat_map(Text::languages).collect()
}

/// The paragraphs of a version in one language, a blank line apart.
fn version_text(version: &Version, lang: Lang) -> String {
    let parts: Vec<&str> = version
        .paragraphs
        .iter()
        .filter_map(|p| p.get(lang))
        .collect();
    parts.join("\n\n")
}

/// A document: its latest version per language (what its page shows), and each earlier
/// version per language as its drafting history.
pub fn document_records(doc: &Document) -> Vec<Record> {
    // The document as its page shows it: with the partner states whose protocol lists its
    // type once adopted (`State::document_release`); its history as drafts, to its own list.
    let current = Access {
        classification: doc.effective_classification(),
        release: doc.effective_release.clone(),
    };
    let drafts = Access {
        classification: draft_classification(doc.classification),
        release: doc.release.clone(),
    };
    let latest = doc.versions.len();
    let mut out = Vec::new();
    for (i, version) in doc.versions.iter().enumerate() {
        let (part, access, url) = if i + 1 == latest {
            (Part::Current, &current, format!("/documents/{}", doc.id))
        } else {
            (
                Part::History,
                &drafts,
                format!("/documents/{}?version={}", doc.id, version.number),
            )
        };
        for lang in languages(version.paragraphs.iter().chain([&doc.title])) {
            out.push(Record {
                kind: Kind::Document,
                item: format!("document:{}", doc.id),
                part,
                lang,
                title: doc.title.localized(lang).text().to_owned(),
                text: version_text(version, lang),
                url: url.clone(),
                body: Some(doc.body.clone()),
                date: version.made_at,
                access: access.clone(),
            });
        }
    }
    out
}

/// A decision record: the title and the decided version's text of its document, with the
/// reservations and statements made, classified as its envelope.
pub fn decision_records(state: &State, decision: &DecisionRecorded) -> Vec<Record> {
    let Some(doc) = state.secretariat().document(decision.document) else {
        return Vec::new();
    };
    let access = Access {
        classification: decision.classification(),
        release: decision.release().to_vec(),
    };
    let statements: Vec<&Text> = decision
        .positions
        .values()
        .filter_map(|p| match p {
            accord_core::secretariat::model::Position::AgreeWithReservation { text }
            | accord_core::secretariat::model::Position::InterpretativeStatement { text } => {
                Some(text)
            }
            accord_core::secretariat::model::Position::Object { reason } => Some(reason),
            _ => None,
        })
        .collect();
    let version = doc.version(decision.version);
    let mut texts: Vec<&Text> = vec![&doc.title];
    texts.extend(version.iter().flat_map(|v| v.paragraphs.iter()));
    texts.extend(statements.iter().copied());
    languages(texts)
        .into_iter()
        .map(|lang| {
            let mut text = version.map(|v| version_text(v, lang)).unwrap_or_default();
            for statement in &statements {
                if let Some(s) = statement.get(lang) {
                    text.push_str("\n\n");
                    text.push_str(s);
                }
            }
            Record {
                kind: Kind::Decision,
                item: format!("decision:{}", decision.decision),
                part: Part::Current,
                lang,
                title: doc.title.localized(lang).text().to_owned(),
                text,
                url: format!("/decisions/{}", decision.decision),
                body: Some(decision.body.clone()),
                date: decision.effective_at,
                access: access.clone(),
            }
        })
        .collect()
}

/// An incident (its title) and its situation reports, as they are read in `state`.
pub fn incident_records(state: &State, incident: &Incident) -> Vec<Record> {
    let access = Access {
        classification: incident.classification,
        release: incident.release.clone(),
    };
    let mut out: Vec<Record> = languages([&incident.title])
        .into_iter()
        .map(|lang| Record {
            kind: Kind::Incident,
            item: format!("incident:{}", incident.id),
            part: Part::Current,
            lang,
            title: incident.title.localized(lang).text().to_owned(),
            text: String::new(),
            url: format!("/incidents/{}", incident.id),
            body: None,
            date: incident.opened_at,
            access: access.clone(),
        })
        .collect();
    for sitrep in &incident.sitreps {
        out.extend(sitrep_records(state, incident, sitrep));
    }
    out
}

/// A situation report: its situation, actions and needs, classified as its incident and
/// released as [`State::sitrep_release`] says (only when marked releasable: the incident's
/// list and the partner states whose protocol takes reports).
pub fn sitrep_records(state: &State, incident: &Incident, sitrep: &Sitrep) -> Vec<Record> {
    let access = Access {
        classification: incident.classification,
        release: state.sitrep_release(incident, sitrep),
    };
    let parts = [&sitrep.situation, &sitrep.actions, &sitrep.needs];
    languages(parts)
        .into_iter()
        .map(|lang| {
            let text: Vec<&str> = parts.iter().filter_map(|t| t.get(lang)).collect();
            Record {
                kind: Kind::Sitrep,
                item: format!("sitrep:{}:{}", incident.id, sitrep.number),
                part: Part::Current,
                lang,
                title: format!(
                    "{} — {}",
                    incident.title.localized(lang).text(),
                    sitrep.number
                ),
                text: text.join("\n\n"),
                url: format!("/incidents/{}/sitreps/{}", incident.id, sitrep.number),
                body: None,
                date: sitrep.issued_at,
                access: access.clone(),
            }
        })
        .collect()
}

/// A publication in each language it is written in: its title, summary and body, at its public
/// page once published (`/news/N`) and, while a draft, at the Secretariat's page, read as its
/// page decides (restricted while a draft). A withdrawn one leaves the search as it leaves the
/// lists and the feeds; its record stays in the log.
pub fn publication_records(publication: &Publication) -> Vec<Record> {
    if publication.is_public() && !publication.is_live() {
        return Vec::new();
    }
    let access = Access {
        classification: publication.classification(),
        release: Vec::new(),
    };
    let url = if publication.is_public() {
        format!("/news/{}", publication.id)
    } else {
        format!("/publications/{}", publication.id)
    };
    let date = publication.published_at().unwrap_or(publication.drafted_at);
    publication
        .content
        .iter()
        .map(|(lang, content)| Record {
            kind: Kind::Publication,
            item: format!("publication:{}", publication.id),
            part: Part::Current,
            lang: *lang,
            title: content.title.clone(),
            text: [content.summary.as_str(), content.body.as_str()].join("\n\n"),
            url: url.clone(),
            body: None,
            date,
            access: access.clone(),
        })
        .collect()
}
