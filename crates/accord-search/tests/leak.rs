//! The leak test: for every kind of reader, a query matching everything answers exactly what
//! the policy lets that reader read: no hit it may not read, and no readable item missing.

mod common;

use std::collections::BTreeSet;

use accord_core::policy::can;
use accord_core::{Action, Classification, Principal};
use accord_search::sources::{Change, document_records, incident_records, publication_records};
use accord_search::{Params, Query, Record};
use common::{
    document, incident, index, principals, publication, publication_statuses, releases, text,
};

/// Documents of every classification, draft and adopted (with an earlier version), and
/// incidents of every classification with reports releasable and not, under every release list;
/// publications drafted, published and withdrawn.
fn everything() -> Vec<Change> {
    let mut changes = Vec::new();
    let mut id = 0;
    for status in publication_statuses() {
        id += 1;
        changes.push(Change {
            owner: format!("publication:{id}"),
            records: publication_records(&publication(id, status)),
        });
    }
    for classification in Classification::ALL {
        for release in releases() {
            for adopted in [false, true] {
                id += 1;
                let doc = document(
                    id,
                    text(
                        &format!("Заявление о мире {id}"),
                        &format!("Statement on peace {id}"),
                    ),
                    &[
                        text("Первый проект о мире.", "First draft on peace."),
                        text("Окончательный текст о мире.", "Final text on peace."),
                    ],
                    classification,
                    release.clone(),
                    adopted,
                    "cfm",
                );
                changes.push(Change {
                    owner: format!("document:{id}"),
                    records: document_records(&doc),
                });
            }
            id += 1;
            let incident = incident(
                id,
                text(
                    &format!("Угроза миру {id}"),
                    &format!("Threat to peace {id}"),
                ),
                classification,
                release.clone(),
                &[
                    text(
                        "Обстановка: мир под угрозой.",
                        "Situation: peace is threatened.",
                    ),
                    text("Мир восстановлен.", "Peace restored."),
                ],
            );
            changes.push(Change {
                owner: format!("incident:{id}"),
                records: incident_records(&accord_core::State::default(), &incident),
            });
        }
    }
    changes
}

fn readable(principal: &Principal, record: &Record) -> bool {
    can(principal, Action::Read, &record.access.resource()).is_allowed()
}

#[test]
fn every_reader_finds_exactly_what_it_may_read() {
    let changes = everything();
    let records: Vec<Record> = changes.iter().flat_map(|c| c.records.clone()).collect();
    let index = index(changes);
    for (name, principal) in principals() {
        let expected: BTreeSet<&str> = records
            .iter()
            .filter(|r| readable(&principal, r))
            .map(|r| r.item.as_str())
            .collect();
        for q in ["мир", "миром", "peace", "peaceful"] {
            let query = Query::parse(
                Params {
                    q: Some(q),
                    limit: Some(100),
                    ..Params::default()
                },
                100,
                |_| true,
            )
            .expect("a query");
            let found = index.search(&query, &principal).expect("searched");
            assert!(found.hits.len() < 100, "the page holds every item");
            for hit in &found.hits {
                for version in &hit.versions {
                    let record = records
                        .iter()
                        .find(|r| {
                            r.item == hit.item
                                && r.lang == version.lang
                                && r.part == version.part
                                && r.url == version.url
                        })
                        .expect("a record behind every text");
                    assert!(
                        readable(&principal, record),
                        "{name} was shown {} ({:?}, {}) for {q}",
                        hit.item,
                        version.part,
                        version.lang.as_str()
                    );
                }
            }
            let got: BTreeSet<&str> = found.hits.iter().map(|h| h.item.as_str()).collect();
            assert_eq!(got, expected, "{name} searching {q}");
        }
        // Sanity: the set is neither empty nor everything, except for the cleared.
        assert!(!expected.is_empty(), "{name} reads something");
    }
}

#[test]
fn the_public_reads_an_adopted_text_but_not_its_drafts() {
    let changes = everything();
    let index = index(changes);
    let query = Query::parse(
        Params {
            q: Some("проект"),
            limit: Some(100),
            ..Params::default()
        },
        100,
        |_| true,
    )
    .expect("a query");
    // "проект" is only in the first versions: drafting history, restricted for everyone's
    // public documents.
    let public = index
        .search(&query, &Principal::anonymous())
        .expect("searched");
    assert!(public.hits.is_empty(), "{:?}", public.hits);
    let (_, delegate) = principals()
        .into_iter()
        .find(|(n, _)| *n == "member delegate")
        .expect("a delegate");
    let found = index.search(&query, &delegate).expect("searched");
    assert!(!found.hits.is_empty());
    assert!(
        found
            .hits
            .iter()
            .all(|h| h.versions[0].url.contains("?version=1"))
    );
    // The adopted public texts are found by the public by their final words.
    let final_text = Query::text("окончательный");
    let public = index
        .search(&final_text, &Principal::anonymous())
        .expect("searched");
    assert_eq!(
        public.hits.len(),
        releases().len(),
        "the adopted public documents, one per release list"
    );
}

#[test]
fn a_page_is_filled_with_readable_hits() {
    let index = index(everything());
    let query = Query::parse(
        Params {
            q: Some("peace"),
            limit: Some(3),
            ..Params::default()
        },
        3,
        |_| true,
    )
    .expect("a query");
    for (name, principal) in principals() {
        let found = index.search(&query, &principal).expect("searched");
        assert_eq!(found.hits.len(), 3, "{name}");
    }
}

#[test]
fn a_publication_is_found_by_the_public_once_published_and_not_after_its_withdrawal() {
    let [draft, published, withdrawn] = publication_statuses();
    let query = Query::text("укреплён");
    let found = |status| {
        let index = index(vec![Change {
            owner: "publication:1".to_owned(),
            records: publication_records(&publication(1, status)),
        }]);
        let (_, officer) = principals()
            .into_iter()
            .find(|(n, _)| *n == "Secretariat")
            .expect("an officer");
        let hits = |reader: &Principal| {
            index
                .search(&query, reader)
                .expect("searched")
                .hits
                .iter()
                .map(|h| h.versions[0].url.clone())
                .collect::<Vec<_>>()
        };
        (hits(&Principal::anonymous()), hits(&officer))
    };
    assert_eq!(
        found(draft),
        (Vec::new(), vec!["/publications/1".to_owned()]),
        "a draft: the Secretariat's page, for its officers only"
    );
    assert_eq!(
        found(published),
        (vec!["/news/1".to_owned()], vec!["/news/1".to_owned()]),
        "published: the public page, for everyone"
    );
    assert_eq!(
        found(withdrawn),
        (Vec::new(), Vec::new()),
        "withdrawn: out of the search as out of the lists"
    );
}
