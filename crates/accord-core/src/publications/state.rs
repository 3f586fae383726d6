//! The part of the state public information builds: every publication, and which publication
//! each stored image rendition belongs to.

use std::sync::Arc;

use imbl::OrdMap;

use crate::event::Event;
use crate::publications::model::{Publication, PublicationId, Status};

/// The publications, by number, and an index of image hashes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Publications {
    publications: OrdMap<PublicationId, Arc<Publication>>,
    /// Each rendition's hash (hex) to the publication holding it.
    media: OrdMap<String, PublicationId>,
}

impl Publications {
    /// Every publication, by number.
    pub fn all(&self) -> &OrdMap<PublicationId, Arc<Publication>> {
        &self.publications
    }

    /// A publication.
    pub fn get(&self, id: PublicationId) -> Option<&Publication> {
        self.publications.get(&id).map(|p| &**p)
    }

    /// The publication an image rendition (by the hex SHA-256 of its bytes) belongs to.
    pub fn by_media(&self, hash: &str) -> Option<&Publication> {
        self.media.get(hash).and_then(|id| self.get(*id))
    }

    /// The number the next publication gets.
    pub fn next_id(&self) -> PublicationId {
        PublicationId(crate::state::next_number(&self.publications, |p| p.0))
    }

    pub(crate) fn apply(&mut self, event: &Event) {
        match event {
            Event::PublicationDrafted(e) => {
                let publication = Publication {
                    id: e.publication,
                    kind: e.kind,
                    date: e.date,
                    content: e.content.clone(),
                    related: e.related.clone(),
                    images: Vec::new(),
                    status: Status::Draft,
                    drafted_by: e.by.clone(),
                    drafted_at: e.at,
                    edits: 0,
                };
                self.publications
                    .insert(e.publication, Arc::new(publication));
            }
            Event::PublicationEdited(e) => {
                if let Some(p) = self.publications.get_mut(&e.publication) {
                    let p = Arc::make_mut(p);
                    p.date = e.date;
                    p.content = e.content.clone();
                    p.related = e.related.clone();
                    p.edits = p.edits.saturating_add(1);
                }
            }
            Event::PublicationImageAdded(e) => {
                if let Some(p) = self.publications.get_mut(&e.publication) {
                    Arc::make_mut(p).images.push(e.image.clone());
                    for hash in e.image.hashes() {
                        self.media.insert(hash.to_owned(), e.publication);
                    }
                }
            }
            Event::PublicationPublished(e) => {
                // The published event is the public record: it is complete on its own, so a
                // reader of the public entries alone rebuilds the publication from it.
                let drafted = self
                    .publications
                    .get(&e.publication)
                    .map(|p| (p.drafted_by.clone(), p.drafted_at, p.edits));
                let (drafted_by, drafted_at, edits) =
                    drafted.unwrap_or_else(|| (e.by.clone(), e.at, 0));
                for image in &e.images {
                    for hash in image.hashes() {
                        self.media.insert(hash.to_owned(), e.publication);
                    }
                }
                let publication = Publication {
                    id: e.publication,
                    kind: e.kind,
                    date: e.date,
                    content: e.content.clone(),
                    related: e.related.clone(),
                    images: e.images.clone(),
                    status: Status::Published {
                        at: e.at,
                        by: e.by.clone(),
                    },
                    drafted_by,
                    drafted_at,
                    edits,
                };
                self.publications
                    .insert(e.publication, Arc::new(publication));
            }
            Event::PublicationWithdrawn(e) => {
                if let Some(p) = self.publications.get_mut(&e.publication) {
                    let p = Arc::make_mut(p);
                    if let Status::Published { at, .. } = p.status {
                        p.status = Status::Withdrawn {
                            published_at: at,
                            at: e.at,
                            by: e.by.clone(),
                            reason: e.reason.clone(),
                        };
                    }
                }
            }
            _ => {}
        }
    }
}
