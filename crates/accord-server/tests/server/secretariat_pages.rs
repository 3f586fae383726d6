//! The secretariat's pages, driven through their forms as people use them: the Secretariat
//! schedules a session, registers a draft and puts it on the agenda; delegations amend it; a
//! version is made and compared; heads of delegation decide in session and sign; silence is
//! broken; and nobody sees what they may not read.

use accord_testkit::app::TestApp;
use base64::Engine as _;

use crate::common::{self, Answer, Client};

/// A local date-time in Moscow, `days` and `hours` from now, to the minute, as a
/// `datetime-local` input sends it.
fn moscow_in(days: i64, hours: i64) -> String {
    let (local, _) = common::moscow_in((days * 24 + hours) * 3600);
    local[..16].to_owned()
}

/// The number at the end of a 303's `Location` (`/sessions/7` → 7).
fn created(answer: &Answer, prefix: &str) -> u64 {
    assert_eq!(answer.status, 303, "{}", answer.body);
    let location = answer.header("location").unwrap();
    location
        .strip_prefix(prefix)
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{location} is not under {prefix}"))
}

fn posted(client: &mut Client, path: &str, fields: &[(&str, &str)]) {
    let answer = client.post_signed_form(path, fields);
    assert_eq!(answer.status, 303, "{path}: {}", answer.body);
}

/// What the Secretariat prepared: a session of the foreign ministers tomorrow with the
/// statement (public once adopted) on item 1.
pub(crate) struct Prepared {
    pub(crate) secretariat: Client,
    pub(crate) session: u64,
    pub(crate) document: u64,
}

/// The Secretariat schedules a session, registers a draft and adds it to the agenda, all
/// through the forms. `number` keeps sessions of one app apart.
pub(crate) fn prepare(app: &TestApp, number: u32, classification: &str) -> Prepared {
    let mut secretariat = Client::signed_in(app, "secretariat").with_lang("en");
    let number = number.to_string();
    let session = created(
        &secretariat.post_signed_form(
            "/sessions",
            &[
                ("body", "cfm"),
                ("number", &number),
                ("title.ru", "Заседание Совета министров иностранных дел"),
                ("title.en", "Meeting of the Council of Foreign Ministers"),
                ("start", &moscow_in(1, 0)),
                ("end", &moscow_in(1, 2)),
                ("zone", "Europe/Moscow"),
                ("format", "videoconference"),
                ("link", "https://vc.example.org/cfm"),
                ("classification", "restricted"),
            ],
        ),
        "/sessions/",
    );
    let document = created(
        &secretariat.post_signed_form(
            "/documents",
            &[
                ("type", "statement"),
                ("forum", ""),
                ("title.ru", "Заявление к 75-летию Победы"),
                (
                    "title.en",
                    "Statement on the 75th anniversary of the Victory",
                ),
                ("sponsor", "secretariat"),
                ("body", "cfm"),
                ("classification", classification),
                ("text.ru", "Министры заявляют.\r\n\r\nПамять священна."),
                ("text.en", "The ministers declare.\r\n\r\nMemory is sacred."),
            ],
        ),
        "/documents/",
    );
    let doc = document.to_string();
    posted(
        &mut secretariat,
        &format!("/sessions/{session}/items"),
        &[
            ("title.ru", "О заявлении"),
            ("title.en", "On the statement"),
            ("documents", &doc),
        ],
    );
    Prepared {
        secretariat,
        session,
        document,
    }
}

/// The ids in elements matching `selector` whose id starts with `prefix`.
fn ids(answer: &Answer, selector: &str, prefix: &str) -> Vec<u64> {
    let html = answer.html();
    let selector = scraper::Selector::parse(selector).unwrap();
    html.select(&selector)
        .filter_map(|e| e.value().id()?.strip_prefix(prefix)?.parse().ok())
        .collect()
}

#[test]
fn the_secretariat_schedules_a_session_and_puts_a_registered_document_on_its_agenda() {
    let app = TestApp::start();
    let mut p = prepare(&app, 901, "restricted");
    let page = p.secretariat.get(&format!("/sessions/{}", p.session));
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(
        page.text_of("h1").unwrap(),
        "Meeting of the Council of Foreign Ministers"
    );
    assert!(
        page.text_of("#session-details")
            .unwrap()
            .contains("Europe/Moscow")
    );
    let link = format!("#item-1 a[href='/documents/{}']", p.document);
    assert!(page.text_of(&link).unwrap().contains("75th anniversary"));
    // The list shows it among the upcoming sessions, and links the calendar.
    let list = p.secretariat.get("/sessions");
    assert!(
        list.text_of("#upcoming")
            .unwrap()
            .contains("Council of Foreign Ministers")
    );
    assert!(list.text_of("a[href='/calendar.ics']").is_some());
    // A delegate sees it in Russian, on the dashboard too.
    let mut delegate = Client::signed_in(&app, "delegate.kz").with_lang("ru");
    let page = delegate.get(&format!("/sessions/{}", p.session));
    assert_eq!(
        page.text_of("h1").unwrap(),
        "Заседание Совета министров иностранных дел"
    );
    assert_eq!(page.text_of("#session-status").unwrap(), "запланировано");
    assert!(
        page.text_of("#schedule-form").is_none(),
        "no Secretariat forms"
    );
    let home = delegate.get("/home");
    assert!(
        home.text_of("#upcoming-sessions")
            .unwrap()
            .contains("Заседание Совета")
    );
}

#[test]
fn a_delegates_amendment_in_russian_goes_into_version_two_and_the_comparison_shows_it() {
    let app = TestApp::start();
    let mut p = prepare(&app, 902, "restricted");
    let path = format!("/documents/{}", p.document);
    let mut delegate = Client::signed_in(&app, "delegate.by").with_lang("ru");
    posted(
        &mut delegate,
        &format!("{path}/amendments"),
        &[
            ("paragraph", "1"),
            ("op", "replace"),
            ("text.ru", "Министры торжественно заявляют."),
            ("rationale.ru", "Уточнение формулировки."),
        ],
    );
    let page = delegate.get(&path);
    assert!(
        page.text_of("#amendments")
            .unwrap()
            .contains("торжественно")
    );
    assert!(page.text_of("#amendments").unwrap().contains("Беларусь"));
    // The side-by-side view marks the missing English text of nothing: both are there.
    assert!(page.text_of("#paragraphs td.missing").is_none());
    let amendment = ids(&page, "#amendments tr", "amendment-")[0];
    posted(
        &mut p.secretariat,
        &format!("{path}/versions"),
        &[(&format!("amendment-{amendment}"), "accept")],
    );
    let page = delegate.get(&path);
    assert!(page.text_of("#text").unwrap().contains('2'));
    assert!(
        page.text_of("#amendments")
            .unwrap()
            .contains("учтена в редакции 2")
    );
    // Version 2 has no English for the amended paragraph: marked, never filled in.
    assert_eq!(
        page.text_of("#paragraphs td.missing").unwrap(),
        "перевода нет"
    );
    let compared = delegate.get(&format!("{path}?compare=1,2&lang=ru"));
    assert_eq!(compared.text_of("#compared ins").unwrap(), "торжественно");
    let compared = delegate.get(&format!("{path}?compare=1,2&lang=en"));
    assert!(
        compared
            .text_of("#compared del")
            .unwrap()
            .contains("The ministers declare.")
    );
}

#[test]
fn heads_of_delegation_decide_by_consensus_in_session_and_sign_the_decision() {
    let app = TestApp::start();
    let mut p = prepare(&app, 903, "public");
    let (session, path) = (p.session, format!("/documents/{}", p.document));
    posted(
        &mut p.secretariat,
        &format!("/sessions/{session}/status"),
        &[("status", "convened")],
    );
    let doc = p.document.to_string();
    posted(
        &mut p.secretariat,
        &format!("/sessions/{session}/items/1/procedures"),
        &[("document", &doc), ("rule", "consensus")],
    );
    let page = p.secretariat.get(&path);
    let procedure = ids(&page, "section.procedure", "procedure-")[0];
    // Delegations see who has spoken; their dashboard lists what awaits them.
    let mut delegate = Client::signed_in(&app, "delegate.am").with_lang("en");
    assert!(
        delegate
            .get("/home")
            .text_of("#awaiting")
            .unwrap()
            .contains("75th")
    );
    let table = format!("#positions-{procedure}");
    assert_eq!(
        delegate
            .get(&path)
            .html()
            .select(&scraper::Selector::parse(&format!("{table} td.pending")).unwrap())
            .count(),
        6
    );
    // An observer may not state a position.
    let mut observer = Client::signed_in(&app, "observer.rs").with_lang("en");
    let refused = observer.post_signed_form(
        &format!("/procedures/{procedure}/positions"),
        &[("position", "agree")],
    );
    assert_eq!(refused.status, 403);
    let positions = format!("/procedures/{procedure}/positions");
    for (head, position, text) in [
        (
            "head.am",
            "agree_with_reservation",
            "С оговоркой о пункте 2.",
        ),
        ("head.by", "agree", ""),
        (
            "head.kz",
            "interpretative_statement",
            "Понимаем пункт 1 как призыв.",
        ),
        ("head.kg", "abstain", ""),
        ("head.ru", "agree", ""),
        ("head.tj", "agree", ""),
    ] {
        let mut client = Client::signed_in(&app, head);
        posted(
            &mut client,
            &positions,
            &[("position", position), ("text.ru", text)],
        );
    }
    let page = delegate.get(&path);
    assert!(
        page.text_of(&table)
            .unwrap()
            .contains("С оговоркой о пункте 2.")
    );
    assert!(page.text_of(&format!("{table} td.pending")).is_none());
    posted(
        &mut p.secretariat,
        &format!("/procedures/{procedure}/close"),
        &[],
    );
    // The document is adopted, with its decision record.
    let page = delegate.get(&path);
    assert_eq!(page.text_of("#document-status").unwrap(), "adopted");
    let decision = format!("/decisions/{procedure}");
    assert_eq!(
        page.text_of("#decision-link").unwrap(),
        format!("Decision {procedure}")
    );
    let record = delegate.get(&decision);
    assert_eq!(record.status, 200, "{}", record.body);
    assert_eq!(record.text_of("#decision-outcome").unwrap(), "adopted");
    assert!(
        record
            .text_of("#decision-positions")
            .unwrap()
            .contains("Понимаем пункт 1")
    );
    assert!(
        record
            .text_of("#signatures")
            .unwrap()
            .contains("not signed")
    );
    let entry = record.html();
    let entry = entry
        .select(&scraper::Selector::parse("#entry-link").unwrap())
        .next()
        .and_then(|a| a.value().attr("href"))
        .unwrap()
        .to_owned();
    assert_eq!(delegate.get(&entry).status, 200);
    // Armenia's head registers the delegation's key and signs the authentic text.
    let mut head = Client::signed_in(&app, "head.am").with_lang("en");
    let key = accord_ledger::SignerKey::from_seed(
        accord_ledger::KeyName::new("delegation.am").unwrap(),
        accord_ledger::KeyType::Ed25519,
        &[9; 32],
    );
    let answer = head.post_signed_form(
        "/delegation/key",
        &[("key", &key.verifier().to_string()), ("next", &decision)],
    );
    assert_eq!(answer.header("location"), Some(decision.as_str()));
    let message = format!(
        "{}\n",
        head.get(&decision).text_of("#signing-message").unwrap()
    );
    let signature = base64::engine::general_purpose::STANDARD.encode(key.sign(&message));
    posted(
        &mut head,
        &format!("{decision}/signatures"),
        &[("signature", &signature)],
    );
    let record = head.get(&decision);
    assert!(record.text_of("#signing-message").is_none());
    assert!(
        record
            .text_of("#signatures")
            .unwrap()
            .contains("delegation.am")
    );
    // The adopted public text is on the public site, in every language, with its record.
    let mut public = Client::new(&app).with_lang("ru");
    let home = public.get("/");
    assert!(
        home.text_of("#published-documents")
            .unwrap()
            .contains("75-летию")
    );
    let page = public.get(&path);
    assert_eq!(page.status, 200);
    let text = page.text_of("#paragraphs").unwrap();
    assert!(text.contains("Память священна.") && text.contains("Memory is sacred."));
    assert!(page.text_of("#decision-link").is_some());
    assert_eq!(public.get(&decision).status, 200);
}

#[test]
fn a_head_breaks_silence_before_the_deadline_and_the_document_is_not_adopted() {
    let app = TestApp::start();
    let mut p = prepare(&app, 904, "restricted");
    let path = format!("/documents/{}", p.document);
    posted(
        &mut p.secretariat,
        &format!("{path}/silence"),
        &[("deadline", &moscow_in(2, 0)), ("zone", "Europe/Moscow")],
    );
    let mut delegate = Client::signed_in(&app, "delegate.kg").with_lang("en");
    let home = delegate.get("/home");
    let html = home.html();
    let countdown = html
        .select(&scraper::Selector::parse("#silences [data-deadline]").unwrap())
        .next()
        .expect("a countdown");
    assert!(
        countdown
            .value()
            .attr("data-deadline")
            .unwrap()
            .ends_with('Z')
    );
    let page = delegate.get(&path);
    assert!(
        page.text_of("section.procedure")
            .unwrap()
            .contains("Europe/Moscow")
    );
    assert!(
        page.text_of("form[action$='/break']").is_none(),
        "delegates do not break"
    );
    let procedure = ids(&page, "section.procedure", "procedure-")[0];
    let mut head = Client::signed_in(&app, "head.kg").with_lang("en");
    posted(
        &mut head,
        &format!("/procedures/{procedure}/break"),
        &[("reason.ru", "Требуется дополнительное согласование.")],
    );
    let page = delegate.get(&path);
    assert!(
        page.text_of(".procedure-state")
            .unwrap()
            .starts_with("not adopted: silence broken by")
    );
    assert_eq!(page.text_of("#document-status").unwrap(), "draft");
}

#[test]
fn a_record_the_reader_may_not_see_is_not_found_and_staff_forms_are_refused() {
    let app = TestApp::start();
    let p = prepare(&app, 905, "confidential");
    let document = format!("/documents/{}", p.document);
    let session = format!("/sessions/{}", p.session);
    let mut delegate = Client::signed_in(&app, "delegate.am");
    assert_eq!(delegate.get(&document).status, 404);
    assert_eq!(delegate.get(&session).status, 200);
    let mut observer = Client::signed_in(&app, "observer.rs");
    assert_eq!(observer.get(&session).status, 404);
    assert!(!observer.get("/documents").body.contains(&document));
    let mut public = Client::new(&app);
    assert_eq!(public.get(&session).status, 404);
    assert_eq!(public.get(&document).status, 404);
    // A delegate may not prepare: the form is refused whatever it holds.
    let refused =
        delegate.post_signed_form(&format!("{session}/status"), &[("status", "cancelled")]);
    assert_eq!(refused.status, 403);
    // A broken rule comes back as a page in the reader's language naming it.
    let mut secretariat = Client::signed_in(&app, "secretariat").with_lang("ru");
    let broken =
        secretariat.post_signed_form(&format!("{session}/status"), &[("status", "concluded")]);
    assert_eq!(broken.status, 422);
    assert_eq!(broken.text_of("h1").unwrap(), "Запрос неверен");
    assert!(
        broken
            .text_of("#rule")
            .unwrap()
            .contains("session.illegal_transition")
    );
}
