//! Live map deltas for `GET /api/v1/map/stream`: each applied entry that changes the picture
//! becomes a list of changes, each an item's id with its features as they now are (an empty
//! list: off the picture). The changes are built once per entry, whatever the number of
//! streams; each stream sends the changes its reader may read, rendered once per combination
//! of readable changes (in practice: once for the cleared readers and once for the others).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use accord_core::crisis::model::IncidentStatus;
use accord_core::{Classification, Event, Principal, Recipient, Resource, State};
use accord_store::{AnyStore, Applied, Journal};
use axum::response::sse::Event as SseEvent;

use super::features::{id_of, write_features};
use super::index::{Thing, alert_item, incident_item, may_be_live, reporter, unit_item};
use crate::access::principal_may_read;

/// How many entries' deltas are kept.
pub const KEPT: usize = 64;

/// Who may read a change.
#[derive(Debug, Clone)]
enum Access {
    /// Alerts and units: the organisation's insiders.
    Restricted,
    /// An incident's classification and release list.
    Classified(Classification, Vec<Recipient>),
}

/// One item's change.
#[derive(Debug)]
struct Change {
    access: Access,
    /// `{"id":"alert-3","features":[…]}`.
    json: Vec<u8>,
}

/// What one entry changes on the map.
#[derive(Debug)]
pub struct Delta {
    /// The entry's index.
    pub seq: u64,
    changes: Vec<Change>,
    /// Rendered events by the set of readable changes (a bit per change).
    rendered: Mutex<Vec<(u64, SseEvent)>>,
}

impl Delta {
    /// Whether the entry changes nothing on the map.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The event `map` for a reader: `{"seq":N,"changes":[{"id":…,"features":[…]},…]}` with the
    /// changes the reader may read; `None` when there are none.
    pub fn event_for(&self, principal: &Principal) -> Option<SseEvent> {
        let mut mask = 0u64;
        for (i, change) in self.changes.iter().enumerate().take(64) {
            let readable = match &change.access {
                Access::Restricted => {
                    principal_may_read(principal, &Resource::classified(Classification::Restricted))
                }
                Access::Classified(classification, release) => principal_may_read(
                    principal,
                    &Resource {
                        classification: *classification,
                        release,
                    },
                ),
            };
            if readable {
                mask |= 1 << i;
            }
        }
        if mask == 0 {
            return None;
        }
        let mut rendered = self.rendered.lock().expect("not poisoned");
        if let Some((_, event)) = rendered.iter().find(|(m, _)| *m == mask) {
            return Some(event.clone());
        }
        let mut data = format!(r#"{{"seq":{},"changes":["#, self.seq).into_bytes();
        for (i, change) in self.changes.iter().enumerate().take(64) {
            if mask & (1 << i) != 0 {
                if data.last() != Some(&b'[') {
                    data.push(b',');
                }
                data.extend_from_slice(&change.json);
            }
        }
        data.extend_from_slice(b"]}");
        let event = SseEvent::default()
            .event("map")
            .id(self.seq.to_string())
            .data(String::from_utf8_lossy(&data));
        rendered.push((mask, event.clone()));
        Some(event)
    }
}

/// The deltas of the latest entries.
#[derive(Debug, Default)]
pub struct Feed {
    recent: Mutex<VecDeque<Arc<Delta>>>,
}

impl Feed {
    /// The delta of an applied entry, built the first time a stream asks for it from the state
    /// as it then is (at least as new as the entry).
    pub fn delta(&self, journal: &Journal<AnyStore>, applied: &Applied) -> Arc<Delta> {
        let seq = applied.envelope.seq().0;
        let mut recent = self.recent.lock().expect("not poisoned");
        if let Some(delta) = recent.iter().find(|d| d.seq == seq) {
            return delta.clone();
        }
        let changes = changes(&applied.event, &journal.state());
        let delta = Arc::new(Delta {
            seq,
            changes,
            rendered: Mutex::new(Vec::new()),
        });
        if recent.len() == KEPT {
            recent.pop_front();
        }
        recent.push_back(delta.clone());
        delta
    }
}

fn change(access: Access, id: &str, thing: Option<&Thing>) -> Change {
    let mut json = br#"{"id":"#.to_vec();
    let _ = serde_json::to_writer(&mut json, id);
    json.extend_from_slice(br#","features":["#);
    if let Some(thing) = thing {
        write_features(thing, &mut json);
    }
    json.extend_from_slice(b"]}");
    Change { access, json }
}

/// What an event changes on the map, from the state after it.
fn changes(event: &Event, state: &State) -> Vec<Change> {
    let crisis = state.crisis();
    let mut out = Vec::new();
    let mut unit = |id| {
        if let Some(u) = crisis.units().get(&id) {
            let thing = unit_item(u.clone()).thing;
            out.push(change(Access::Restricted, &id_of(&thing), Some(&thing)));
        }
    };
    match event {
        Event::UnitRegistered(e) => unit(e.unit.id),
        Event::ReadinessChanged(e) => unit(e.unit),
        Event::DeploymentChanged(e) => unit(e.unit),
        Event::AlertReceived(e) => {
            for reference in &e.summary.references {
                if let Some(earlier) = crisis.alert_by_key(reference)
                    && earlier != e.alert
                {
                    out.push(change(
                        Access::Restricted,
                        &format!("alert-{earlier}"),
                        None,
                    ));
                }
            }
            if let Some(alert) = crisis.alerts().get(&e.alert) {
                let item = may_be_live(alert)
                    .then(|| alert_item(alert.clone(), reporter(state, alert)))
                    .flatten();
                let id = format!("alert-{}", e.alert);
                out.push(change(
                    Access::Restricted,
                    &id,
                    item.as_ref().map(|i| &i.thing),
                ));
            }
        }
        Event::IncidentOpened(_) | Event::IncidentChanged(_) => {
            let id = match event {
                Event::IncidentOpened(e) => e.incident,
                Event::IncidentChanged(e) => e.incident,
                _ => return out,
            };
            if let Some(incident) = crisis.incidents().get(&id) {
                let access = Access::Classified(incident.classification, incident.release.clone());
                let item = (incident.status != IncidentStatus::Closed)
                    .then(|| incident_item(incident.clone()));
                out.push(change(
                    access,
                    &format!("incident-{id}"),
                    item.as_ref().map(|i| &i.thing),
                ));
            }
        }
        _ => {}
    }
    out
}
