//! Given-when-then: public information: drafting, editing, images, publishing, withdrawing.

mod common;

use std::collections::BTreeMap;

use accord_core::publications::PublicationCommand as P;
use accord_core::publications::model::{
    Content, Contents, Image, PublicationId, PublicationKind, Related, Rendition, Status,
};
use accord_core::secretariat::model::DocumentId;
use accord_core::{Actor, Classification, CommandPayload, Date, Event, State};
use common::{account, as_account, at, lang, refused, run, run_at, staffed};

fn content(title: &str) -> Content {
    Content {
        title: title.to_owned(),
        summary: format!("{title}: summary"),
        body: format!("{title}: first paragraph.\n\n{title}: second paragraph."),
        place: None,
    }
}

fn both(ru: &str, en: &str) -> Contents {
    BTreeMap::from([(lang("ru"), content(ru)), (lang("en"), content(en))])
}

fn draft(kind: PublicationKind, date: Option<Date>, content: Contents) -> CommandPayload {
    CommandPayload::Publications(P::Draft {
        kind,
        date,
        content,
        related: Vec::new(),
    })
}

fn p(command: P) -> CommandPayload {
    CommandPayload::Publications(command)
}

fn hash(n: u8) -> String {
    format!("{n:02x}").repeat(32)
}

fn image(n: u8) -> Image {
    let rendition = |h: u8, width: u32| Rendition {
        hash: hash(h),
        media_type: "image/png".into(),
        width,
        height: width / 2,
    };
    Image {
        original: rendition(n, 2048),
        thumbnails: vec![rendition(n + 100, 320), rendition(n + 200, 1024)],
        alt: BTreeMap::from([
            (lang("ru"), "Миротворцы на учениях".to_owned()),
            (lang("en"), "Peacekeepers at an exercise".to_owned()),
        ]),
        caption: BTreeMap::new(),
    }
}

/// Given: a staffed organisation with one drafted statement (publication 1).
fn with_statement() -> State {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    run(
        &mut state,
        &officer,
        draft(
            PublicationKind::Statement,
            None,
            both("Заявление", "Statement"),
        ),
    )
    .expect("drafted");
    state
}

#[test]
fn a_secretariat_officer_drafts_a_statement_which_stays_restricted() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    let events = run(
        &mut state,
        &officer,
        draft(
            PublicationKind::Statement,
            None,
            both("Заявление", "Statement"),
        ),
    )
    .expect("drafted");
    let [Event::PublicationDrafted(drafted)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!(drafted.publication, PublicationId(1));
    assert_eq!(events[0].classification(), Classification::Restricted);
    let publication = state.publications().get(PublicationId(1)).expect("kept");
    assert_eq!(publication.status, Status::Draft);
    assert!(!publication.is_public());
}

#[test]
fn only_secretariat_officers_prepare_publications() {
    for who in [
        "ru.head",
        "ru.delegate",
        "crc.duty",
        "admin",
        "rats.liaison",
    ] {
        let mut state = staffed();
        let principal = as_account(&state, who);
        let result = run(
            &mut state,
            &principal,
            draft(
                PublicationKind::PressRelease,
                None,
                both("Пресс-релиз", "Press release"),
            ),
        );
        assert_eq!(refused(result), "access.denied", "{who}");
    }
}

#[test]
fn a_draft_needs_the_authentic_language_and_may_miss_a_translation() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    let english_only = BTreeMap::from([(lang("en"), content("Statement"))]);
    let result = run(
        &mut state,
        &officer,
        draft(PublicationKind::Statement, None, english_only),
    );
    assert_eq!(refused(result), "publication.authentic_missing");
    let russian_only = BTreeMap::from([(lang("ru"), content("Заявление"))]);
    run(
        &mut state,
        &officer,
        draft(PublicationKind::Statement, None, russian_only),
    )
    .expect("a missing translation is allowed");
    let languages: Vec<_> = state
        .publications()
        .get(PublicationId(1))
        .expect("kept")
        .languages()
        .collect();
    assert_eq!(languages, [lang("ru")]);
}

#[test]
fn an_event_needs_its_date_and_texts_are_bounded_and_official() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    let result = run(
        &mut state,
        &officer,
        draft(PublicationKind::Event, None, both("Дни ОДКБ", "CSTO Days")),
    );
    assert_eq!(refused(result), "publication.date_required");
    let mut long = both("Заявление", "Statement");
    if let Some(en) = long.get_mut(&lang("en")) {
        en.title = "x".repeat(301);
    }
    let result = run(
        &mut state,
        &officer,
        draft(PublicationKind::Statement, None, long),
    );
    assert_eq!(refused(result), "publication.too_long");
    let mut empty = both("Заявление", "Statement");
    if let Some(en) = empty.get_mut(&lang("en")) {
        en.summary = "  ".into();
    }
    let result = run(
        &mut state,
        &officer,
        draft(PublicationKind::Statement, None, empty),
    );
    assert_eq!(refused(result), "publication.empty_field");
    let mut french = both("Заявление", "Statement");
    french.insert(lang("fr"), content("Déclaration"));
    let result = run(
        &mut state,
        &officer,
        draft(PublicationKind::Statement, None, french),
    );
    assert_eq!(refused(result), "text.unofficial_language");
}

#[test]
fn related_materials_must_exist() {
    let mut state = with_statement();
    let officer = as_account(&state, "sec.officer");
    let command = |related| {
        p(P::Draft {
            kind: PublicationKind::PressRelease,
            date: None,
            content: both("Пресс-релиз", "Press release"),
            related,
        })
    };
    let missing = vec![Related::Document {
        document: DocumentId(99),
    }];
    assert_eq!(
        refused(run(&mut state, &officer, command(missing))),
        "publication.unknown_related"
    );
    let existing = vec![Related::Publication {
        publication: PublicationId(1),
    }];
    run(&mut state, &officer, command(existing)).expect("related to the statement");
}

#[test]
fn publishing_makes_the_whole_publication_public_at_that_time() {
    let mut state = with_statement();
    let officer = as_account(&state, "sec.officer");
    let when = at("2020-12-01T15:00:00Z");
    let events = run_at(
        &mut state,
        &officer,
        p(P::Publish {
            publication: PublicationId(1),
        }),
        when,
    )
    .expect("published");
    let [Event::PublicationPublished(published)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!(events[0].classification(), Classification::Public);
    assert_eq!(published.at, when);
    assert_eq!(published.content, both("Заявление", "Statement"));
    let publication = state.publications().get(PublicationId(1)).expect("kept");
    assert!(publication.is_live());
    assert_eq!(publication.published_at(), Some(when));
    assert_eq!(
        publication.status,
        Status::Published {
            at: when,
            by: Actor::Account(account("sec.officer")),
        }
    );
}

#[test]
fn a_published_text_is_not_edited_nor_given_images() {
    let mut state = with_statement();
    let officer = as_account(&state, "sec.officer");
    run(
        &mut state,
        &officer,
        p(P::Edit {
            publication: PublicationId(1),
            date: None,
            content: both("Заявление министров", "Statement of the ministers"),
            related: Vec::new(),
        }),
    )
    .expect("a draft is edited");
    run(
        &mut state,
        &officer,
        p(P::Publish {
            publication: PublicationId(1),
        }),
    )
    .expect("published");
    let edit = p(P::Edit {
        publication: PublicationId(1),
        date: None,
        content: both("Другое", "Other"),
        related: Vec::new(),
    });
    assert_eq!(
        refused(run(&mut state, &officer, edit)),
        "publication.not_draft"
    );
    let add = p(P::AddImage {
        publication: PublicationId(1),
        image: image(1),
    });
    assert_eq!(
        refused(run(&mut state, &officer, add)),
        "publication.not_draft"
    );
    let again = p(P::Publish {
        publication: PublicationId(1),
    });
    assert_eq!(
        refused(run(&mut state, &officer, again)),
        "publication.not_draft"
    );
    let publication = state.publications().get(PublicationId(1)).expect("kept");
    assert_eq!(
        publication.content[&lang("en")].title,
        "Statement of the ministers"
    );
    assert_eq!(publication.edits, 1);
}

#[test]
fn withdrawal_keeps_the_record_with_its_date_and_reason() {
    let mut state = with_statement();
    let officer = as_account(&state, "sec.officer");
    let published_at = at("2020-12-01T15:00:00Z");
    run_at(
        &mut state,
        &officer,
        p(P::Publish {
            publication: PublicationId(1),
        }),
        published_at,
    )
    .expect("published");
    let blank = p(P::Withdraw {
        publication: PublicationId(1),
        reason: "   ".into(),
    });
    assert_eq!(
        refused(run(&mut state, &officer, blank)),
        "publication.reason_required"
    );
    let withdrawn_at = at("2020-12-03T09:00:00Z");
    let events = run_at(
        &mut state,
        &officer,
        p(P::Withdraw {
            publication: PublicationId(1),
            reason: "Superseded by the corrected text".into(),
        }),
        withdrawn_at,
    )
    .expect("withdrawn");
    assert_eq!(events[0].kind(), "publication.withdrawn");
    assert_eq!(events[0].classification(), Classification::Public);
    let publication = state
        .publications()
        .get(PublicationId(1))
        .expect("the record stays");
    assert!(publication.is_public(), "the record stays public");
    assert!(!publication.is_live(), "it leaves the list and the feed");
    assert_eq!(publication.published_at(), Some(published_at));
    assert_eq!(publication.content, both("Заявление", "Statement"));
    let Status::Withdrawn { at, reason, .. } = &publication.status else {
        panic!("{:?}", publication.status)
    };
    assert_eq!(*at, withdrawn_at);
    assert_eq!(reason, "Superseded by the corrected text");
    let twice = p(P::Withdraw {
        publication: PublicationId(1),
        reason: "again".into(),
    });
    assert_eq!(
        refused(run(&mut state, &officer, twice)),
        "publication.not_published"
    );
}

#[test]
fn a_draft_is_not_withdrawn() {
    let mut state = with_statement();
    let officer = as_account(&state, "sec.officer");
    let command = p(P::Withdraw {
        publication: PublicationId(1),
        reason: "no".into(),
    });
    assert_eq!(
        refused(run(&mut state, &officer, command)),
        "publication.not_published"
    );
    let unknown = p(P::Publish {
        publication: PublicationId(7),
    });
    assert_eq!(
        refused(run(&mut state, &officer, unknown)),
        "publication.unknown"
    );
}

#[test]
fn an_exhibition_is_published_with_images_each_with_alt_text_in_every_official_language() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    run(
        &mut state,
        &officer,
        draft(
            PublicationKind::Exhibition,
            Date::from_ymd(2020, 10, 7).ok(),
            both("Фотовыставка", "Photo exhibition"),
        ),
    )
    .expect("drafted");
    let publish = p(P::Publish {
        publication: PublicationId(1),
    });
    assert_eq!(
        refused(run(&mut state, &officer, publish.clone())),
        "publication.images_required"
    );
    let mut no_english = image(1);
    no_english.alt.remove(&lang("en"));
    let add = |image| {
        p(P::AddImage {
            publication: PublicationId(1),
            image,
        })
    };
    assert_eq!(
        refused(run(&mut state, &officer, add(no_english))),
        "publication.alt_missing"
    );
    let mut bad_hash = image(1);
    bad_hash.original.hash = "not a hash".into();
    assert_eq!(
        refused(run(&mut state, &officer, add(bad_hash))),
        "publication.bad_image"
    );
    let mut wide_thumbnail = image(1);
    wide_thumbnail.thumbnails[0].width = 4096;
    assert_eq!(
        refused(run(&mut state, &officer, add(wide_thumbnail))),
        "publication.bad_image"
    );
    let events = run(&mut state, &officer, add(image(1))).expect("added");
    assert_eq!(events[0].classification(), Classification::Restricted);
    assert_eq!(
        state.publications().by_media(&hash(101)).map(|p| p.id),
        Some(PublicationId(1)),
        "a thumbnail leads to its publication"
    );
    let events = run(&mut state, &officer, publish).expect("published");
    let [Event::PublicationPublished(published)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!(published.images, vec![image(1)]);
}

#[test]
fn replaying_the_public_entries_alone_rebuilds_a_published_publication() {
    let mut state = with_statement();
    let officer = as_account(&state, "sec.officer");
    let events = run(
        &mut state,
        &officer,
        p(P::Publish {
            publication: PublicationId(1),
        }),
    )
    .expect("published");
    // A reader who may not read the draft's entries applies only the public one.
    let mut public = staffed();
    for event in &events {
        accord_core::apply(&mut public, event);
    }
    let rebuilt = public
        .publications()
        .get(PublicationId(1))
        .expect("rebuilt");
    let original = state.publications().get(PublicationId(1)).expect("kept");
    assert_eq!(rebuilt.content, original.content);
    assert_eq!(rebuilt.status, original.status);
}
