//! Full-text search through the real server: Russian inflections finding both languages of a
//! demo document, every hit opening for its reader (the pages' own access decides), drafts
//! hidden from the public, a new document found at once, the page's marks and filters, and bad
//! filters named.

use accord_testkit::app::TestApp;

use crate::common::{Answer, Client};

/// The readers of the route table: anonymous, member delegate, observer, partner organisation,
/// Secretariat, Crisis Response Centre, administrator.
const READERS: [Option<&str>; 7] = [
    None,
    Some("delegate.am"),
    Some("observer.rs"),
    Some("partner.rats"),
    Some("secretariat"),
    Some("duty.officer"),
    Some("admin"),
];

/// `q` percent-encoded for a query string.
fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn client(app: &TestApp, who: Option<&str>) -> Client {
    match who {
        Some(name) => Client::signed_in(app, name),
        None => Client::new(app),
    }
}

fn search(client: &mut Client, q: &str, filters: &str) -> serde_json::Value {
    let answer = client.get(&format!("/api/v1/search?q={}{filters}", encode(q)));
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()
}

fn hits(found: &serde_json::Value) -> Vec<serde_json::Value> {
    found["hits"].as_array().cloned().unwrap_or_default()
}

fn joined(segments: &serde_json::Value) -> String {
    segments
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| s["text"].as_str().unwrap_or_default())
        .collect()
}

/// The hit whose title (in some language) contains `words`.
fn hit_titled<'a>(hits: &'a [serde_json::Value], words: &str) -> Option<&'a serde_json::Value> {
    hits.iter().find(|h| {
        h["versions"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|v| joined(&v["title"]).contains(words))
    })
}

#[test]
fn a_delegate_finds_both_languages_of_the_statement_by_an_inflected_russian_word() {
    let app = TestApp::start();
    let mut delegate = Client::signed_in(&app, "delegate.am");
    let found = search(&mut delegate, "заявлением Победы", "");
    // The statement's publication on the public site matches too; this is about the document.
    let documents: Vec<serde_json::Value> = hits(&found)
        .into_iter()
        .filter(|h| h["kind"] == "document")
        .collect();
    let statement = hit_titled(&documents, "75-летием Победы").expect("the statement is found");
    let versions = statement["versions"].as_array().expect("versions");
    let langs: Vec<(&str, bool)> = versions
        .iter()
        .map(|v| (v["lang"].as_str().unwrap_or_default(), v["matched"] == true))
        .collect();
    assert_eq!(langs, [("ru", true), ("en", false)]);
    assert!(joined(&versions[1]["title"]).starts_with("Statement of the foreign ministers"));
    let marked: Vec<&str> = versions[0]["title"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["mark"] == true)
        .map(|s| s["text"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(marked, ["Заявление", "Победы"]);
}

#[test]
fn every_hit_opens_for_its_reader_and_drafts_stay_hidden_from_the_public() {
    let app = TestApp::start();
    let words = [
        "заявление",
        "statement",
        "миротворцев",
        "peacekeeping",
        "землетрясение",
        "hospital",
        "объединенной",
        "war",
    ];
    let mut seen = Vec::new();
    for who in READERS {
        let mut reader = client(&app, who);
        let mut urls = Vec::new();
        for q in words {
            for hit in hits(&search(&mut reader, q, "&limit=100")) {
                for version in hit["versions"].as_array().into_iter().flatten() {
                    urls.push(version["url"].as_str().expect("a url").to_owned());
                }
            }
        }
        urls.sort();
        urls.dedup();
        for url in &urls {
            let page = reader.get(url);
            assert_eq!(
                page.status, 200,
                "{who:?} was shown {url}, which it may not open"
            );
        }
        seen.push((who, urls));
    }
    let urls_of = |who: Option<&str>| {
        seen.iter()
            .find(|(w, _)| *w == who)
            .map(|(_, u)| u.clone())
            .unwrap_or_default()
    };
    let (public, delegate) = (urls_of(None), urls_of(Some("delegate.am")));
    assert!(!public.is_empty(), "the public finds the adopted texts");
    // The joint statement for the OSCE is a draft under silence: restricted until adopted.
    let mut member = Client::signed_in(&app, "delegate.am");
    let osce = hits(&search(&mut member, "ОБСЕ", ""));
    let draft = hit_titled(&osce, "к Совету министров иностранных дел ОБСЕ")
        .expect("the delegate finds the draft");
    let draft_url = draft["url"].as_str().expect("a url");
    assert!(delegate.iter().any(|u| u == draft_url));
    assert!(!public.iter().any(|u| u == draft_url), "{public:?}");
    let mut anonymous = Client::new(&app);
    assert!(hit_titled(&hits(&search(&mut anonymous, "ОБСЕ", "")), "ОБСЕ").is_none());
    assert!(public.len() < delegate.len());
}

#[test]
fn a_document_registered_now_is_found_at_once() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat");
    let created = secretariat.send_json(
        "POST",
        "/api/v1/documents",
        r#"{"type":"statement","title":{"ru":"Заявление о стратосферных аэростатах","en":"Statement on stratospheric balloons"},"sponsor":"RU","body":"cfm","text":{"ru":"Аэростаты запущены.","en":"Balloons were launched."}}"#,
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let found = search(
        &mut secretariat,
        "аэростатами",
        "&kind=document&body=cfm&lang=ru",
    );
    let hits = hits(&found);
    assert_eq!(hits.len(), 1, "{found}");
    assert_eq!(hits[0]["versions"].as_array().map(Vec::len), Some(1));
    let english = search(&mut secretariat, "balloon launching", "");
    assert!(hit_titled(&hits_of(&english), "stratospheric").is_some());
    // A draft of a public document: the public does not find it.
    let mut public = Client::new(&app);
    assert!(hits_of(&search(&mut public, "аэростатами", "")).is_empty());
}

fn hits_of(found: &serde_json::Value) -> Vec<serde_json::Value> {
    hits(found)
}

#[test]
fn the_page_marks_the_words_found_and_keeps_the_filters() {
    let app = TestApp::start();
    let mut public = Client::new(&app).with_lang("en");
    let page = public.get(&format!(
        "/search?q={}&kind=document&body=cfm&lang=",
        encode("заявлением")
    ));
    assert_eq!(page.status, 200, "{}", page.body);
    let html = page.html();
    let select = |s: &str| scraper::Selector::parse(s).expect("a selector");
    let hits: Vec<_> = html.select(&select("#search-results > li.hit")).collect();
    assert!(!hits.is_empty(), "{}", page.body);
    let marks: Vec<String> = html
        .select(&select("#search-results mark"))
        .map(|m| m.text().collect())
        .collect();
    assert!(marks.iter().any(|m| m == "Заявление"), "{marks:?}");
    let kept = html
        .select(&select("#s-kind option[selected]"))
        .next()
        .and_then(|o| o.value().attr("value"));
    assert_eq!(kept, Some("document"));
    assert_eq!(
        html.select(&select("#s-q"))
            .next()
            .and_then(|i| i.value().attr("value")),
        Some("заявлением")
    );
    // The header's search box is on every page.
    let home = public.get("/");
    assert!(
        home.html()
            .select(&select("header form[role=search] input[name=q]"))
            .next()
            .is_some()
    );
}

fn problem_fields(answer: &Answer) -> Vec<String> {
    answer.json()["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["field"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn bad_filters_are_named() {
    let app = TestApp::start();
    let mut public = Client::new(&app);
    let answer = public.get("/api/v1/search?q=war&kind=memo&body=nowhere&from=2020-02-30&lang=x");
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert_eq!(problem_fields(&answer), ["kind", "body", "from", "lang"]);
    let long = "a".repeat(201);
    let answer = public.get(&format!("/api/v1/search?q={long}"));
    assert_eq!(answer.status, 422);
    assert_eq!(problem_fields(&answer), ["q"]);
    let page = public.get("/search?q=war&to=tomorrow");
    assert_eq!(page.status, 422);
    assert!(page.body.contains("to"), "{}", page.body);
}
