//! The Crisis Response Centre's pages, driven through their forms as the duty officer and the
//! delegations use them: an incident opened from an alert's page (`/incidents/new?alert=N`),
//! a report and a request sent by form, a unit offered and moved on by its buttons (only the
//! allowed steps shown); and every page in both languages.

use accord_testkit::app::TestApp;
use serde_json::json;

use crate::common::{Answer, Client, texts};
use crate::crisis::{ALERT, post_cap, with_token};
use crate::crisis_api::{at, created, open_incident, unit};

/// The value of the first element matching `selector`'s attribute `attr`.
fn attr(answer: &Answer, selector: &str, attr: &str) -> Option<String> {
    let html = answer.html();
    let selector = scraper::Selector::parse(selector).expect("a selector");
    html.select(&selector)
        .next()
        .and_then(|e| e.value().attr(attr))
        .map(str::to_owned)
}

fn location_of(answer: &Answer) -> u64 {
    assert_eq!(answer.status, 303, "{}", answer.body);
    let location = answer.header("location").unwrap();
    location
        .trim_start_matches('/')
        .split(['/', '#'])
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number in {location}"))
}

/// `datetime-local` as a form sends it, `seconds` from now, in UTC.
fn local(seconds: i64) -> String {
    at(seconds).trim_end_matches('Z').to_owned()
}

#[test]
fn the_live_maps_link_opens_an_incident_linked_to_its_alert() {
    let app = TestApp::start();
    let mut centre = with_token(&app, "centre.am");
    let alert = post_cap(&mut centre, ALERT).json()["alert"]
        .as_u64()
        .unwrap();
    let mut officer = Client::signed_in(&app, "duty.officer").with_lang("en");
    // The alert's page offers to open an incident from it.
    let page = officer.get(&format!("/alerts/{alert}"));
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(
        attr(&page, "#open-from-alert", "href"),
        Some(format!("/incidents/new?alert={alert}"))
    );
    let form = officer.get(&format!("/incidents/new?alert={alert}"));
    assert_eq!(form.status, 200, "{}", form.body);
    let title = attr(&form, "#n-title-ru", "value").unwrap();
    assert_eq!(
        title, "Землетрясение",
        "the alert's event, as it has no headline"
    );
    assert_eq!(
        attr(&form, "#n-severity option[selected]", "value").as_deref(),
        Some("severe")
    );
    assert_eq!(
        texts(&form, "#n-location"),
        ["40.790000,43.850000"],
        "the first area's centre"
    );
    // Armenia's centre reported it: Armenia is chosen beforehand, and no other state.
    let chosen: Vec<String> = form
        .html()
        .select(&scraper::Selector::parse("#n-affected option[selected]").unwrap())
        .filter_map(|o| o.value().attr("value").map(str::to_owned))
        .collect();
    assert_eq!(chosen, ["AM"]);
    assert_eq!(
        attr(&form, "input[name=alert]", "value"),
        Some(alert.to_string())
    );
    let opened = officer.post_signed_form(
        "/incidents",
        &[
            ("alert", &alert.to_string()),
            ("title.ru", &title),
            ("title.en", "Earthquake"),
            ("type", "natural_disaster"),
            ("severity", "severe"),
            ("location", "40.790000,43.850000"),
            ("affected", "AM"),
            ("affected", "KG"),
            ("lead", "duty.officer"),
            ("classification", "restricted"),
        ],
    );
    let incident = location_of(&opened);
    let view = officer.get(&format!("/api/v1/incidents/{incident}")).json();
    assert_eq!(view["alerts"], json!([alert]), "{view}");
    assert_eq!(view["location"]["at"], "40.790000,43.850000");
    // Linked: the alert's page names the incident and no longer offers to open one.
    let page = officer.get(&format!("/alerts/{alert}"));
    assert!(attr(&page, "#open-from-alert", "href").is_none());
    assert_eq!(
        attr(&page, "#alert-incident a", "href"),
        Some(format!("/incidents/{incident}"))
    );
    // A delegate may not open incidents, not even the form.
    let mut delegate = Client::signed_in(&app, "delegate.am");
    assert_eq!(
        delegate
            .get(&format!("/incidents/new?alert={alert}"))
            .status,
        403
    );
    // A form with a bad location writes nothing and names the field.
    let bad = officer.post_signed_form(
        "/incidents",
        &[
            ("title.ru", "Т"),
            ("type", "other"),
            ("severity", "minor"),
            ("location", "north"),
            ("affected", "AM"),
            ("classification", "restricted"),
        ],
    );
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("location"), "{}", bad.body);
}

#[test]
fn reports_requests_and_deployments_go_through_their_forms_showing_only_allowed_steps() {
    let app = TestApp::start();
    let mut officer = Client::signed_in(&app, "duty.officer").with_lang("en");
    let incident = open_incident(&mut officer, &[], None);
    let base = format!("/incidents/{incident}");
    let hospital = unit(
        &mut officer,
        "KZ",
        "field_hospital",
        100,
        12,
        "43.2389,76.8897",
    );

    let sent = officer.post_signed_form(
        &format!("{base}/sitreps"),
        &[
            ("kind", "initial"),
            ("from", &local(-7200)),
            ("to", &local(-60)),
            ("situation.ru", "Обстановка сложная."),
            ("situation.en", "The situation is difficult."),
            ("actions.ru", "Развёрнут штаб."),
            ("actions.en", "A headquarters is set up."),
            ("needs.ru", "Койки."),
            ("needs.en", "Beds."),
            ("next_due", &local(86_400)),
            ("prepared_by", "joint.staff"),
        ],
    );
    assert_eq!(sent.status, 303, "{}", sent.body);
    let report = officer.get(&format!("{base}/sitreps/1"));
    assert_eq!(report.status, 200);
    let details = texts(&report, "#sitrep-details dd");
    assert_eq!(
        details[1..3],
        ["joint.staff", "duty.officer"],
        "prepared and authorised by"
    );
    let cells = texts(&report, "#sitrep-text tbody tr:first-child td");
    assert_eq!(
        cells,
        ["Обстановка сложная.", "The situation is difficult."],
        "side by side"
    );
    let mine = officer.get(&format!("{base}/sitreps/1?only=mine"));
    assert_eq!(
        texts(&mine, "#sitrep-text tbody tr:first-child td"),
        ["The situation is difficult."]
    );

    // Only an affected member's delegation sees the request form.
    let page = officer.get(&base);
    assert!(
        page.html()
            .select(&scraper::Selector::parse("#request-form").unwrap())
            .next()
            .is_none()
    );
    let mut kyrgyzstan = Client::signed_in(&app, "delegate.kg").with_lang("ru");
    let page = kyrgyzstan.get(&base);
    assert!(
        page.html()
            .select(&scraper::Selector::parse("#request-form").unwrap())
            .next()
            .is_some()
    );
    let asked = kyrgyzstan.post_signed_form(
        &format!("{base}/requests"),
        &[
            ("quantity.field_hospital", "100"),
            ("location", "42.8746,74.5698"),
            ("needed_by", &local(2 * 86_400)),
        ],
    );
    let request = location_of(&asked);
    let page = officer.get(&format!("/requests/{request}"));
    assert_eq!(page.status, 200);
    let reasons = texts(&page, "#need-0 ul.reasons li");
    assert!(
        reasons.iter().any(|r| r.contains("km from home base")),
        "{reasons:?}"
    );

    // Kazakhstan offers its hospital by its button; the Centre sees accept and release only.
    let mut kazakhstan = Client::signed_in(&app, "delegate.kz").with_lang("en");
    let page = kazakhstan.get(&format!("/requests/{request}"));
    assert_eq!(
        attr(&page, "#need-0 input[name=unit]", "value"),
        Some(hospital.to_string())
    );
    let offered = kazakhstan.post_signed_form(
        &format!("/requests/{request}/needs/0/proposals"),
        &[("unit", &hospital.to_string())],
    );
    assert_eq!(offered.status, 303, "{}", offered.body);
    let page = officer.get(&format!("/requests/{request}"));
    let steps: Vec<String> = page
        .html()
        .select(&scraper::Selector::parse(".deployment input[name=to]").unwrap())
        .filter_map(|e| e.value().attr("value").map(str::to_owned))
        .collect();
    assert_eq!(steps, ["accepted", "released"]);
    let deployment = attr(&page, ".deployment form", "action").unwrap();
    for to in ["accepted", "mobilising"] {
        let moved = officer.post_signed_form(&deployment, &[("to", to)]);
        assert_eq!(moved.status, 303, "{to}: {}", moved.body);
    }
    // An illegal step by form is refused naming the allowed ones.
    let illegal = officer.post_signed_form(&deployment, &[("to", "on_site")]);
    assert_eq!(illegal.status, 422);
    assert!(illegal.body.contains("en_route"), "{}", illegal.body);
    let board = officer.get("/units");
    assert_eq!(
        texts(&board, &format!("#unit-{hospital} .badge")),
        ["Deployed"]
    );
    let closed = officer.get(&format!("/api/v1/requests/{request}")).json();
    assert_eq!(
        closed["closed"], true,
        "100 beds accepted meet the only need"
    );
}

#[test]
fn every_crisis_page_renders_in_both_languages() {
    let app = TestApp::start();
    let mut centre = with_token(&app, "centre.am");
    let alert = post_cap(&mut centre, ALERT).json()["alert"]
        .as_u64()
        .unwrap();
    let mut officer = Client::signed_in(&app, "duty.officer");
    let incident = open_incident(&mut officer, &[alert], None);
    unit(
        &mut officer,
        "RU",
        "field_hospital",
        100,
        24,
        "55.7558,37.6173",
    );
    created(
        &mut officer,
        &format!("/api/v1/incidents/{incident}/sitreps"),
        &json!({"kind": "initial", "from": at(-3600), "to": at(-60), "situation": {"ru": "С", "en": "S"},
            "actions": {"ru": "Д"}, "needs": {"ru": "П"}, "next_due": at(3600)}),
    );
    let mut kyrgyzstan = Client::signed_in(&app, "delegate.kg");
    let request = created(
        &mut kyrgyzstan,
        &format!("/api/v1/incidents/{incident}/requests"),
        &json!({"needs": [{"capability": "field_hospital", "quantity": 50}], "location": "42.87,74.59", "needed_by": at(86_400)}),
    );
    created(
        &mut officer,
        "/api/v1/duty-log",
        &json!({"text": {"ru": "Смена принята."}}),
    );
    created(
        &mut officer,
        "/api/v1/agreements",
        &json!({"partner": "sco-rats", "terms": {"categories": ["Geo"], "min_severity": "minor",
            "incident_types": [], "sitreps": false, "language": "ru"}}),
    );
    let pages = [
        ("/incidents".to_owned(), "Incidents", "Инциденты"),
        (
            "/incidents/new".to_owned(),
            "Open an incident",
            "Открыть инцидент",
        ),
        (
            format!("/incidents/{incident}"),
            "Earthquake in Shirak",
            "Землетрясение в Ширакской области",
        ),
        (
            format!("/incidents/{incident}/sitreps/1"),
            "Situation report 1: Initial report",
            "Оперативная сводка 1: Первичная сводка",
        ),
        (
            "/units".to_owned(),
            "Collective forces: readiness board",
            "Коллективные силы: готовность",
        ),
        (
            format!("/requests/{request}"),
            "Request for assistance {request}",
            "Запрос о помощи {request}",
        ),
        ("/alerts".to_owned(), "Alerts", "Оповещения"),
        (format!("/alerts/{alert}"), "Землетрясение", "Землетрясение"),
        ("/duty-log".to_owned(), "Duty log", "Журнал дежурного"),
        (
            "/exchange".to_owned(),
            "Exchange agreements",
            "Соглашения об обмене",
        ),
    ];
    // A message missing from a catalogue shows as its id (`crisis-type-epidemic`): no word of a
    // page may look like one.
    let prefixes: std::collections::BTreeSet<String> =
        accord_server::i18n::Catalog::ids(accord_server::i18n::UiLang::En)
            .into_iter()
            .filter_map(|id| id.split_once('-').map(|(head, _)| head.to_owned()))
            .collect();
    for lang in ["en", "ru"] {
        let mut reader = Client::signed_in(&app, "duty.officer").with_lang(lang);
        for (path, en, ru) in &pages {
            let page = reader.get(path);
            assert_eq!(page.status, 200, "{path} in {lang}: {}", page.body);
            assert_eq!(attr(&page, "html", "lang").as_deref(), Some(lang), "{path}");
            let heading = page.text_of("h1").unwrap_or_default();
            let expected = if lang == "en" { *en } else { *ru };
            assert_eq!(
                heading,
                expected.replace("{request}", &request.to_string()),
                "{path} in {lang}"
            );
            let words = page.html().root_element().text().collect::<String>();
            let missing: Vec<&str> = words
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .filter(|w| {
                    w.split_once('-')
                        .is_some_and(|(head, _)| prefixes.contains(head))
                        && w.bytes().all(|b| {
                            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                        })
                })
                .collect();
            assert!(
                missing.is_empty(),
                "{path} in {lang} shows message ids: {missing:?}"
            );
            // The pages whose content changes update themselves (assets/live.js).
            let live = path.starts_with("/incidents/") || path.starts_with("/requests/");
            if live && !path.ends_with("/new") && !path.contains("/sitreps/") {
                assert!(attr(&page, "main", "data-live").is_some(), "{path} is live");
                assert!(
                    attr(&page, "[data-live-part]", "id").is_some(),
                    "{path} marks its parts"
                );
            }
            let nav = texts(&page, "header nav a, header nav [aria-current]");
            let expected = if lang == "en" {
                "Duty log"
            } else {
                "Журнал дежурного"
            };
            assert!(nav.iter().any(|n| n == expected), "{path}: {nav:?}");
        }
    }
    // The public is refused what is not public, and finds no restricted incident.
    let mut public = Client::new(&app);
    assert_eq!(public.get("/units").status, 403);
    assert_eq!(public.get(&format!("/incidents/{incident}")).status, 404);
    assert!(
        public
            .get("/incidents")
            .html()
            .select(&scraper::Selector::parse("#incidents").unwrap())
            .next()
            .is_none()
    );
}
