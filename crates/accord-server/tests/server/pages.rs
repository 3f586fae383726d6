//! The pages in both languages: the layout, the language switch, error pages, the entry page
//! with its proof, and the catalogue's completeness.

use accord_server::i18n::{Catalog, UiLang};
use accord_testkit::app::TestApp;

use crate::common::{Client, wait_for_checkpoint};

/// Every message id of either catalogue.
fn ids() -> Vec<String> {
    UiLang::ALL.into_iter().flat_map(Catalog::ids).collect()
}

#[test]
fn both_catalogues_hold_the_same_messages() {
    let mut ru = Catalog::ids(UiLang::Ru);
    let mut en = Catalog::ids(UiLang::En);
    ru.sort();
    en.sort();
    assert_eq!(ru, en);
}

#[test]
fn every_message_id_the_templates_and_handlers_ask_for_exists() {
    let known = ids();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/");
    let mut asked = Vec::new();
    for sub in ["templates", "src", "src/pages", "src/api"] {
        for entry in std::fs::read_dir(format!("{dir}{sub}")).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for call in [".t(\"", ".a(\"", ".n(\"", ".args(\""] {
                for piece in text.split(call).skip(1) {
                    let id = piece.split('"').next().unwrap();
                    if id.chars().all(|c| c.is_ascii_lowercase() || c == '-') && id.contains('-') {
                        asked.push((path.display().to_string(), id.to_owned()));
                    }
                }
            }
        }
    }
    assert!(asked.len() > 50, "the scan found the calls");
    let missing: Vec<_> = asked.iter().filter(|(_, id)| !known.contains(id)).collect();
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn every_kind_of_log_entry_has_a_name_in_both_languages() {
    for lang in UiLang::ALL {
        let known = Catalog::ids(lang);
        let missing: Vec<&str> = accord_core::EVENT_KINDS
            .iter()
            .copied()
            .filter(|kind| !known.contains(&format!("kind-{}", kind.replace('.', "-"))))
            .collect();
        assert!(missing.is_empty(), "{}: {missing:?}", lang.code());
    }
}

#[test]
fn russian_counts_take_their_plural_forms() {
    let catalog = Catalog::load().unwrap();
    let ru = catalog.tr(UiLang::Ru);
    let forms: Vec<String> = [1, 3, 5, 11, 21, 22, 25, 101]
        .into_iter()
        .map(|n| ru.n("record-size", n))
        .collect();
    assert_eq!(
        forms,
        [
            "1 запись",
            "3 записи",
            "5 записей",
            "11 записей",
            "21 запись",
            "22 записи",
            "25 записей",
            "101 запись"
        ]
    );
    let en = catalog.tr(UiLang::En);
    assert_eq!(en.n("record-size", 1), "1 entry");
    assert_eq!(en.n("record-size", 2), "2 entries");
}

#[test]
fn every_page_renders_in_both_languages_with_no_message_ids_showing() {
    let app = TestApp::start();
    let known = ids();
    for (who, pages) in [
        (
            None,
            vec![
                "/",
                "/organisation",
                "/record",
                "/record/0",
                "/login",
                "/api/v1/docs",
                "/sessions",
                "/documents",
            ],
        ),
        (Some("admin"), vec!["/home", "/admin"]),
        (Some("delegate.ru"), vec!["/home", "/record/2", "/sessions"]),
        (Some("secretariat"), vec!["/sessions", "/documents"]),
        (Some("duty.officer"), vec!["/feeds"]),
    ] {
        for lang in ["ru", "en"] {
            let mut client = match who {
                Some(name) => Client::signed_in(&app, name),
                None => Client::new(&app),
            }
            .with_lang(lang);
            for path in &pages {
                let answer = client.get(path);
                assert_eq!(answer.status, 200, "{path} in {lang}: {}", answer.body);
                let html = answer.html();
                let root = html.root_element();
                let page_lang = html
                    .select(&scraper::Selector::parse("html").unwrap())
                    .next()
                    .and_then(|e| e.value().attr("lang"));
                assert_eq!(page_lang, Some(lang), "{path}");
                let text: String = root.text().collect();
                for id in &known {
                    assert!(
                        !text.split_whitespace().any(|w| w == id),
                        "{path} in {lang} shows the message id {id}"
                    );
                }
                let switch = answer.text_of("nav.langs strong").unwrap();
                assert_eq!(
                    switch,
                    if lang == "ru" {
                        "Русский"
                    } else {
                        "English"
                    }
                );
            }
        }
    }
}

#[test]
fn the_language_switch_keeps_the_page() {
    let app = TestApp::start();
    let mut client = Client::new(&app).with_lang("ru");
    let page = client.get("/record?before=3");
    let html = page.html();
    let link = html
        .select(&scraper::Selector::parse("nav.langs a[hreflang=en]").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    assert_eq!(link, "/lang/en?next=/record%3Fbefore%3D3");
    let answer = client.get(&link);
    assert_eq!(answer.status, 303);
    assert_eq!(answer.header("location"), Some("/record?before=3"));
    assert_eq!(
        client.cookies.get("accord_lang").map(String::as_str),
        Some("en")
    );
    let answer = client.get("/record?before=3");
    assert_eq!(answer.text_of("h1").unwrap(), "The record");
    // Only local paths are followed back.
    let answer = client.get("/lang/ru?next=//evil.example/");
    assert_eq!(answer.header("location"), Some("/"));
}

#[test]
fn error_pages_speak_the_readers_language() {
    let app = TestApp::start();
    let mut ru = Client::new(&app).with_lang("ru");
    let answer = ru.get("/no/such/page");
    assert_eq!(answer.status, 404);
    assert_eq!(answer.text_of("h1").unwrap(), "Не найдено");
    let mut en = Client::new(&app).with_lang("en");
    assert_eq!(en.get("/no/such/page").text_of("h1").unwrap(), "Not found");
    // The public is refused the workspace with a page that offers to sign in.
    let answer = en.get("/home");
    assert_eq!(answer.status, 403);
    assert_eq!(answer.text_of("h1").unwrap(), "Access refused");
    assert!(answer.text_of("main a[href^='/login']").is_some());
    // An API route answers with a problem document instead.
    let answer = en.get("/api/v1/no-such-thing");
    assert_eq!(answer.status, 404);
    assert_eq!(answer.json()["status"], 404);
}

#[test]
fn a_wrong_password_shows_the_form_again_with_the_reason() {
    let app = TestApp::start();
    let mut client = Client::new(&app).with_lang("ru");
    let answer = client.login("delegate.am", "not the password");
    assert_eq!(answer.status, 401);
    assert_eq!(
        answer.text_of("#login-error").unwrap(),
        "Неверное имя пользователя или пароль."
    );
    assert_eq!(
        answer
            .html()
            .select(&scraper::Selector::parse("#username").unwrap())
            .next()
            .unwrap()
            .value()
            .attr("value"),
        Some("delegate.am")
    );
}

#[test]
fn an_entry_shows_its_body_only_to_cleared_readers_and_always_its_proof() {
    let app = TestApp::start();
    let mut secretariat = Client::signed_in(&app, "secretariat").with_lang("en");
    wait_for_checkpoint(&mut secretariat);
    let entries = secretariat.get("/api/v1/entries?limit=500").json();
    let confidential = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["classification"] == "confidential")
        .unwrap()["seq"]
        .as_u64()
        .unwrap();
    let path = format!("/record/{confidential}");
    let page = secretariat.get(&path);
    assert!(
        page.text_of("pre.body")
            .unwrap()
            .contains("epidemiological")
    );
    let mut observer = Client::signed_in(&app, "observer.rs").with_lang("en");
    let page = observer.get(&path);
    assert!(page.text_of("pre.body").is_none());
    assert!(page.text_of("#body-withheld").is_some());
    // The proof is there for both, and checks out offline.
    let proof = observer.get(&format!("{path}/proof"));
    assert_eq!(proof.status, 200);
    let parsed = accord_ledger::offline::TlogProof::parse(proof.body.as_bytes()).unwrap();
    let policy = accord_ledger::offline::TrustPolicy {
        log_key: app.log_key.clone(),
        witnesses: vec![],
        witnesses_required: 0,
    };
    let entry = parsed.extra.clone().unwrap();
    accord_ledger::offline::verify_entry(&entry, &parsed, &policy).unwrap();
    assert!(
        page.html()
            .select(&scraper::Selector::parse("#proof[data-root]").unwrap())
            .next()
            .is_some()
    );
}

#[test]
fn every_page_links_the_icon_the_server_serves() {
    // Without the link, browsers ask for /favicon.ico on every page and log its 404.
    let app = TestApp::start();
    let mut client = Client::new(&app).with_lang("en");
    for path in [
        "/",
        "/login",
        "/record",
        "/api/v1/docs",
        "/home",
        "/no/such/page",
    ] {
        let answer = client.get(path);
        let html = answer.html();
        let icons: Vec<_> = html
            .select(&scraper::Selector::parse("head link[rel=icon]").unwrap())
            .map(|e| e.value().attr("href").unwrap_or_default().to_owned())
            .collect();
        assert_eq!(icons, ["/assets/favicon.svg"], "{path}");
    }
    let icon = client.get("/assets/favicon.svg");
    assert_eq!(icon.status, 200);
    assert_eq!(icon.header("content-type"), Some("image/svg+xml"));
    assert!(icon.body.starts_with("<svg "), "{}", icon.body);
}

#[test]
fn the_api_reference_leaves_in_page_links_to_the_browser() {
    // The Swagger UI bundle's smooth scroller takes over clicks on `#…` links (the skip link
    // would scroll without moving the focus to `main`) unless `window.noZensmooth` is set
    // before the bundle runs: api-docs.js sets it, and the page loads it first.
    let app = TestApp::start();
    let mut client = Client::new(&app).with_lang("en");
    let page = client.get("/api/v1/docs");
    let scripts: Vec<_> = page
        .html()
        .select(&scraper::Selector::parse("script[src]").unwrap())
        .map(|e| e.value().attr("src").unwrap().to_owned())
        .collect();
    assert_eq!(
        scripts,
        [
            "/assets/menu.js",
            "/assets/api-docs.js",
            "/assets/swagger-ui/swagger-ui-bundle.js"
        ]
    );
    let starter = client.get("/assets/api-docs.js").body;
    assert!(starter.contains("\nwindow.noZensmooth = true;\n"));
    let bundle = client.get("/assets/swagger-ui/swagger-ui-bundle.js").body;
    assert!(
        bundle.contains("!window.noZensmooth"),
        "the vendored Swagger UI still honours the switch"
    );
}
