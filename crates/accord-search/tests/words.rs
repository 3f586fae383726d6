//! Words: Russian inflection, `ё` as `е`, English stemming, snippets and the filters.

#[expect(dead_code, reason = "this file uses part of the fixtures")]
mod common;

use accord_core::{Classification, Principal};
use accord_search::sources::{Change, document_records, incident_records};
use accord_search::{Kind, Params, Query};
use common::{body, document, incident, index, lang, text};

fn demo() -> accord_search::SearchIndex {
    let statement = document(
        1,
        text(
            "Заявление министров иностранных дел",
            "Statement by the Ministers of Foreign Affairs",
        ),
        &[text(
            "Объединённые усилия государств по укреплению мира.",
            "The united efforts of the states to strengthen peace and peacekeeping operations.",
        )],
        Classification::Public,
        Vec::new(),
        true,
        "cfm",
    );
    let plan = document(
        2,
        text(
            "План военного сотрудничества",
            "Plan of military cooperation",
        ),
        &[text(
            "Совместные учения миротворческих сил.",
            "Joint exercises of the peacekeeping forces.",
        )],
        Classification::Public,
        Vec::new(),
        true,
        "cdm",
    );
    let quake = incident(
        1,
        text("Землетрясение в Армении", "Earthquake in Armenia"),
        Classification::Public,
        Vec::new(),
        &[text(
            "Разрушены дома, объединенная группа спасателей работает.",
            "Houses destroyed; a joint rescue team is working.",
        )],
    );
    index(vec![
        Change {
            owner: "document:1".into(),
            records: document_records(&statement),
        },
        Change {
            owner: "document:2".into(),
            records: document_records(&plan),
        },
        Change {
            owner: "incident:1".into(),
            records: incident_records(&accord_core::State::default(), &quake),
        },
    ])
}

fn items(found: &accord_search::Found) -> Vec<&str> {
    found.hits.iter().map(|h| h.item.as_str()).collect()
}

fn search(index: &accord_search::SearchIndex, q: &str) -> accord_search::Found {
    index
        .search(&Query::text(q), &Principal::anonymous())
        .expect("searched")
}

#[test]
fn an_inflected_russian_word_finds_the_document_in_both_languages() {
    let index = demo();
    let found = search(&index, "заявлением");
    assert_eq!(items(&found), ["document:1"]);
    let hit = &found.hits[0];
    let langs: Vec<(&str, bool)> = hit
        .versions
        .iter()
        .map(|v| (v.lang.as_str(), v.matched))
        .collect();
    assert_eq!(langs, [("ru", true), ("en", false)]);
    let marked: Vec<&str> = hit.versions[0]
        .title
        .segments()
        .into_iter()
        .filter(|(_, m)| *m)
        .map(|(s, _)| s)
        .collect();
    assert_eq!(marked, ["Заявление"]);
}

#[test]
fn yo_and_ye_are_one_letter() {
    let index = demo();
    for q in ["объединённый", "объединенный", "ОБЪЕДИНЁННЫХ"] {
        let found = search(&index, q);
        assert_eq!(items(&found), ["document:1", "sitrep:1:1"], "{q}");
    }
}

#[test]
fn english_words_are_found_in_any_form() {
    let index = demo();
    assert_eq!(items(&search(&index, "strengthening")), ["document:1"]);
    let found = search(&index, "peacekeeping operation");
    assert_eq!(items(&found), ["document:1"]);
    let snippet = &found.hits[0].versions[0].snippet;
    assert_eq!(found.hits[0].versions[0].lang, lang("en"));
    let marked: Vec<&str> = snippet
        .segments()
        .into_iter()
        .filter(|(_, m)| *m)
        .map(|(s, _)| s)
        .collect();
    assert_eq!(marked, ["peacekeeping", "operations"]);
}

#[test]
fn every_word_must_match() {
    let index = demo();
    assert_eq!(
        items(&search(&index, "peacekeeping forces")),
        ["document:2"]
    );
    assert!(items(&search(&index, "peacekeeping earthquake")).is_empty());
    assert!(items(&search(&index, "")).is_empty());
}

fn filtered(params: Params<'_>) -> Vec<String> {
    let index = demo();
    let query = Query::parse(params, 20, |_| true).expect("a good query");
    index
        .search(&query, &Principal::anonymous())
        .expect("searched")
        .hits
        .into_iter()
        .map(|h| h.item)
        .collect()
}

#[test]
fn filters_narrow_by_kind_body_date_and_language() {
    let all = Params {
        q: Some("объединенные"),
        ..Params::default()
    };
    assert_eq!(filtered(all), ["document:1", "sitrep:1:1"]);
    let sitreps = Params {
        kind: Some("sitrep"),
        ..all
    };
    assert_eq!(filtered(sitreps), ["sitrep:1:1"]);
    let peace = Params {
        q: Some("peacekeeping"),
        ..Params::default()
    };
    assert_eq!(filtered(peace).len(), 2);
    assert_eq!(
        filtered(Params {
            body: Some("cdm"),
            ..peace
        }),
        ["document:2"]
    );
    // Document 1's version is dated 10 November, the report 21 November.
    assert_eq!(
        filtered(Params {
            from: Some("2020-11-11"),
            ..all
        }),
        ["sitrep:1:1"]
    );
    assert_eq!(
        filtered(Params {
            to: Some("2020-11-10"),
            ..all
        }),
        ["document:1"]
    );
    // Russian words are not found in the English texts, nor English ones in the Russian.
    assert!(
        filtered(Params {
            lang: Some("en"),
            ..all
        })
        .is_empty()
    );
    let index = demo();
    let query = Query::parse(
        Params {
            q: Some("statement"),
            lang: Some("en"),
            ..Params::default()
        },
        20,
        |_| true,
    )
    .expect("a good query");
    let found = index
        .search(&query, &Principal::anonymous())
        .expect("searched");
    assert_eq!(found.hits.len(), 1);
    assert_eq!(found.hits[0].versions.len(), 1, "only the English text");
    assert_eq!(found.hits[0].kind, Kind::Document);
    assert_eq!(found.hits[0].body, Some(body("cfm")));
}

#[test]
fn bad_filters_are_named() {
    let long = "слово ".repeat(40);
    let problems = Query::parse(
        Params {
            q: Some(&long),
            kind: Some("memo"),
            body: Some("nowhere"),
            from: Some("2020-13-01"),
            to: Some("yesterday"),
            lang: Some("Russian"),
            limit: Some(0),
        },
        20,
        |b| b.as_str() == "cfm",
    )
    .expect_err("refused");
    let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
    assert_eq!(
        fields,
        ["q", "q", "kind", "body", "from", "to", "lang", "limit"]
    );
    let reversed = Query::parse(
        Params {
            from: Some("2020-12-02"),
            to: Some("2020-12-01"),
            ..Params::default()
        },
        20,
        |_| true,
    )
    .expect_err("refused");
    assert_eq!(reversed[0].field, "to");
}
