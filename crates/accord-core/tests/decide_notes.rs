//! Given-when-then: free notes, their languages, classification and release lists.

mod common;

use accord_core::{Actor, Classification, CommandPayload, Event, NoteId, Recipient, Text};
use common::{
    account, as_account, bilingual, body, code, lang, now, partner, refused, run, staffed,
};

fn note(
    text: Text,
    classification: Option<Classification>,
    release: Vec<Recipient>,
) -> CommandPayload {
    CommandPayload::RecordNote {
        text,
        classification,
        release,
    }
}

#[test]
fn a_delegate_records_a_bilingual_note_at_the_default_classification() {
    let mut state = staffed();
    let delegate = as_account(&state, "ru.delegate");
    let text = bilingual("Проект заявления разослан", "Draft statement circulated");
    let events = run(&mut state, &delegate, note(text.clone(), None, vec![])).expect("recorded");
    let [Event::NoteRecorded(recorded)] = &events[..] else {
        panic!("{events:?}")
    };
    assert_eq!(recorded.note, NoteId(1));
    assert_eq!(recorded.author, Actor::Account(account("ru.delegate")));
    assert_eq!(recorded.recorded_at, now());
    assert_eq!(recorded.classification, Classification::Restricted);
    assert_eq!(events[0].classification(), Classification::Restricted);
    assert_eq!(state.notes().get(&NoteId(1)).map(|n| &n.text), Some(&text));
}

#[test]
fn notes_are_numbered_in_order() {
    let mut state = staffed();
    let officer = as_account(&state, "crc.duty");
    for _ in 0..3 {
        run(
            &mut state,
            &officer,
            note(
                bilingual("Сводка", "Report"),
                Some(Classification::Public),
                vec![],
            ),
        )
        .expect("recorded");
    }
    let ids: Vec<u64> = state.notes().keys().map(|n| n.0).collect();
    assert_eq!(ids, [1, 2, 3]);
}

#[test]
fn a_note_with_a_missing_translation_is_accepted_and_the_gap_stays_visible() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    let text = Text::new(lang("ru"), "Только по-русски").expect("text");
    run(&mut state, &officer, note(text, None, vec![])).expect("recorded");
    assert_eq!(
        state
            .notes()
            .get(&NoteId(1))
            .and_then(|n| n.text.get(lang("en"))),
        None
    );
}

#[test]
fn a_note_in_an_unofficial_language_is_refused() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    let text = bilingual("Заметка", "Note")
        .with(lang("kk"), "Жазба")
        .expect("text");
    assert_eq!(
        refused(run(&mut state, &officer, note(text, None, vec![]))),
        "text.unofficial_language"
    );
}

#[test]
fn a_public_note_with_a_release_list_is_refused() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    let release = vec![Recipient::Partner {
        partner: partner("sco-rats"),
    }];
    let result = run(
        &mut state,
        &officer,
        note(bilingual("а", "a"), Some(Classification::Public), release),
    );
    assert_eq!(refused(result), "note.release_on_public");
}

#[test]
fn a_release_list_naming_an_unknown_recipient_is_refused() {
    let mut state = staffed();
    let officer = as_account(&state, "sec.officer");
    for recipient in [
        Recipient::State { state: code("US") },
        Recipient::Partner {
            partner: partner("nato"),
        },
        Recipient::Body {
            body: body("senate"),
        },
        Recipient::Account {
            account: account("nobody"),
        },
    ] {
        let result = run(
            &mut state,
            &officer,
            note(bilingual("а", "a"), None, vec![recipient]),
        );
        assert_eq!(refused(result), "note.unknown_recipient");
    }
}

#[test]
fn observers_partners_and_administrators_do_not_record_notes() {
    let mut state = staffed();
    for id in ["rats.liaison", "admin"] {
        let principal = as_account(&state, id);
        let result = run(
            &mut state,
            &principal,
            note(bilingual("а", "a"), None, vec![]),
        );
        assert_eq!(refused(result), "access.denied", "{id}");
    }
}

#[test]
fn a_confidential_note_must_name_its_author() {
    let mut state = staffed();
    let delegate = as_account(&state, "ru.delegate");
    let secret = Some(Classification::Confidential);
    let to_crc = vec![Recipient::Body { body: body("crc") }];
    assert_eq!(
        refused(run(
            &mut state,
            &delegate,
            note(bilingual("а", "a"), secret, to_crc)
        )),
        "access.denied"
    );
    let to_council = vec![
        Recipient::Body { body: body("cfm") },
        Recipient::Body { body: body("crc") },
    ];
    let events = run(
        &mut state,
        &delegate,
        note(bilingual("а", "a"), secret, to_council.clone()),
    )
    .expect("recorded");
    assert_eq!(events[0].release(), to_council.as_slice());
    assert_eq!(events[0].classification(), Classification::Confidential);
}
