//! Public information over HTTP: the demo's statement read in both languages, the news list,
//! image uploads with thumbnails checked by decoding them, refusals naming the field, drafts'
//! images hidden from the public, Atom feeds per language, and withdrawal keeping the record.

use std::io::Cursor;

use accord_testkit::app::TestApp;
use image::{ImageFormat, Rgb, RgbImage};
use quick_xml::events::Event;

use crate::common::{Answer, Client, texts};

/// The demo's publications (see `scenario/public.rs`).
const STATEMENT: u64 = 3;

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        Rgb([
            u8::try_from(x % 256).unwrap(),
            u8::try_from(y % 256).unwrap(),
            128,
        ])
    });
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .unwrap();
    out
}

const BOUNDARY: &str = "accord-test-boundary-7d1f";

/// A multipart/form-data body: text fields, then the file.
fn multipart(fields: &[(&str, &str)], file: &[u8], file_type: &str) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo\"\r\nContent-Type: {file_type}\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

const ALT: &[(&str, &str)] = &[
    ("alt.ru", "Испытательное изображение"),
    ("alt.en", "A test image"),
    ("caption.en", "Test"),
];

fn upload(
    client: &mut Client,
    id: u64,
    file: &[u8],
    file_type: &str,
    fields: &[(&str, &str)],
) -> Answer {
    client.send_bytes(
        "POST",
        &format!("/api/v1/publications/{id}/images"),
        &format!("multipart/form-data; boundary={BOUNDARY}"),
        multipart(fields, file, file_type),
    )
}

/// Drafts a publication through the API as the Secretariat; returns its number.
fn draft(client: &mut Client, kind: &str, content: &str) -> u64 {
    let answer = client.send_json(
        "POST",
        "/api/v1/publications",
        &format!(r#"{{"kind":"{kind}","content":{content}}}"#),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    answer.json()["id"].as_u64().unwrap()
}

const BILINGUAL: &str = r#"{"ru":{"title":"Тестовый пресс-релиз","summary":"Кратко","body":"Текст."},"en":{"title":"Test press release","summary":"Briefly","body":"Text."}}"#;

fn publish(client: &mut Client, id: u64) {
    let answer = client.send_json("POST", &format!("/api/v1/publications/{id}/publish"), "");
    assert_eq!(answer.status, 201, "{}", answer.body);
}

fn attrs(answer: &Answer, selector: &str, attr: &str) -> Vec<String> {
    let html = answer.html();
    let selector = scraper::Selector::parse(selector).unwrap();
    html.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

#[test]
fn the_public_reads_the_statement_of_1_december_2020_in_both_languages() {
    let app = TestApp::start();
    let mut en = Client::new(&app).with_lang("en");
    let page = en.get(&format!("/news/{STATEMENT}"));
    assert_eq!(page.status, 200, "{}", page.body);
    let title = page.text_of("h1").unwrap();
    assert!(
        title.starts_with("Statement of the foreign ministers"),
        "{title}"
    );
    // Published at 13:05 UTC: 16:05 in Moscow.
    assert_eq!(
        page.text_of("#published").unwrap(),
        "Published on 1 December 2020, 16:05 Moscow time (UTC+03:00)"
    );
    assert_eq!(
        texts(&page, "#languages a, #languages strong"),
        ["English", "Русский"]
    );
    assert_eq!(
        attrs(&page, "#languages a", "href"),
        [format!("/lang/ru?next=/news/{STATEMENT}")]
    );
    let related = attrs(&page, "#related a", "href");
    assert_eq!(related.len(), 2, "{related:?}");
    assert!(related[0].starts_with("/documents/"), "{related:?}");
    assert!(related[1].starts_with("/decisions/"), "{related:?}");
    assert!(
        texts(&page, "#body p")[0].contains("75th anniversary"),
        "the adopted text in English"
    );

    let mut ru = Client::new(&app).with_lang("ru");
    let page = ru.get(&format!("/news/{STATEMENT}"));
    assert_eq!(page.status, 200);
    assert!(
        page.text_of("h1")
            .unwrap()
            .starts_with("Заявление министров")
    );
    assert_eq!(
        page.text_of("#published").unwrap(),
        "Опубликовано 1 декабря 2020 г., 16:05 по московскому времени (UTC+03:00)"
    );
    assert!(page.text_of("#missing-language").is_none());
    // The related materials are public: the adopted document and its decision.
    for href in related {
        assert_eq!(ru.get(&href).status, 200, "{href}");
    }
}

#[test]
fn the_news_list_is_newest_first_filters_by_kind_and_the_home_page_shows_the_latest() {
    let app = TestApp::start();
    let mut client = Client::new(&app).with_lang("en");
    let list = client.get("/news");
    assert_eq!(list.status, 200);
    let titles = texts(&list, "#news-list h2");
    assert_eq!(titles.len(), 4, "{titles:?}");
    assert_eq!(titles[0], "The CSTO Council of Foreign Ministers met");
    assert!(titles[1].starts_with("Statement of the foreign ministers"));
    assert_eq!(titles[3], "The first CSTO Days");
    let exhibitions = client.get("/news?kind=exhibition");
    assert_eq!(
        texts(&exhibitions, "#news-list h2"),
        ["Photo exhibition: CSTO peacekeepers"]
    );
    let bad = client.send_json("GET", "/api/v1/publications?kind=poem", "");
    assert_eq!(bad.status, 422);
    assert_eq!(bad.json()["errors"][0]["field"], "kind");
    let home = client.get("/");
    assert_eq!(texts(&home, "#latest-news a").len(), 4);
    // The event page gives its date and place; the exhibition its images with alt text.
    let event = client.get("/news/1");
    assert_eq!(
        event.text_of("#event-date").unwrap(),
        "Takes place on 7 October 2020 · Moscow and the capitals of the CSTO member states"
    );
    let exhibition = client.get("/news/2");
    let alts = attrs(&exhibition, "#images img", "alt");
    assert_eq!(alts.len(), 3);
    assert_eq!(alts[0], "Peacekeepers lined up on a training field");
    let src = &attrs(&exhibition, "#images img", "src")[0];
    let (status, headers, bytes) = client.get_bytes(src);
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "image/jpeg");
    let thumb = image::load_from_memory(&bytes).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (1024, 640));
}

#[test]
fn an_uploaded_png_is_kept_with_thumbnails_made_by_the_server_hidden_until_published() {
    let app = TestApp::start();
    let mut sec = Client::signed_in(&app, "secretariat");
    let id = draft(&mut sec, "press_release", BILINGUAL);
    let answer = upload(&mut sec, id, &png(1500, 900), "image/png", ALT);
    assert_eq!(answer.status, 201, "{}", answer.body);
    let image = &answer.json()["image"];
    assert_eq!(image["original"]["width"], 1500);
    assert_eq!(image["original"]["media_type"], "image/png");
    let thumbnails = image["thumbnails"].as_array().unwrap();
    let sizes: Vec<(u64, u64)> = thumbnails
        .iter()
        .map(|t| (t["width"].as_u64().unwrap(), t["height"].as_u64().unwrap()))
        .collect();
    assert_eq!(sizes, [(320, 192), (1024, 614)]);
    let mut public = Client::new(&app);
    for t in thumbnails.iter().chain([&image["original"]]) {
        let url = t["url"].as_str().unwrap();
        let (status, headers, bytes) = sec.get_bytes(url);
        assert_eq!(status, 200, "{url}");
        assert_eq!(headers["content-type"], t["media_type"].as_str().unwrap());
        assert_eq!(headers["x-content-type-options"], "nosniff");
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!(
            (u64::from(decoded.width()), u64::from(decoded.height())),
            (t["width"].as_u64().unwrap(), t["height"].as_u64().unwrap()),
            "{url}"
        );
        // A draft's image is not public.
        assert_eq!(public.get_bytes(url).0, 404, "{url}");
        assert_eq!(Client::signed_in(&app, "observer.rs").get_bytes(url).0, 404);
    }
    assert_eq!(public.get(&format!("/news/{id}")).status, 404);
    publish(&mut sec, id);
    let url = thumbnails[0]["url"].as_str().unwrap();
    let (status, headers, _) = public.get_bytes(url);
    assert_eq!(status, 200);
    assert_eq!(
        headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    // Once published, nothing more is added.
    let late = upload(&mut sec, id, &png(400, 300), "image/png", ALT);
    assert_eq!(late.status, 422);
    assert_eq!(late.json()["rule"], "publication.not_draft");
}

#[test]
fn a_non_image_a_too_large_file_or_a_missing_alt_text_is_refused_naming_the_field() {
    let app = TestApp::start();
    let mut sec = Client::signed_in(&app, "secretariat");
    let id = draft(&mut sec, "exhibition", BILINGUAL);
    let text = upload(
        &mut sec,
        id,
        b"GIF89a is not accepted, nor is text",
        "image/gif",
        ALT,
    );
    assert_eq!(text.status, 422, "{}", text.body);
    assert_eq!(text.json()["errors"][0]["field"], "file");
    let large = vec![0u8; 10 * 1024 * 1024 + 1];
    let large = upload(&mut sec, id, &large, "image/png", ALT);
    assert_eq!(large.status, 422, "{}", large.body);
    assert_eq!(large.json()["errors"][0]["field"], "file");
    assert!(
        large.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("10 MiB")
    );
    let no_english = upload(
        &mut sec,
        id,
        &png(400, 300),
        "image/png",
        &[("alt.ru", "Изображение")],
    );
    assert_eq!(no_english.status, 422);
    assert_eq!(no_english.json()["errors"][0]["field"], "alt.en");
    // An exhibition without images is not published; nothing was written for the refusals.
    let refused = sec.send_json("POST", &format!("/api/v1/publications/{id}/publish"), "");
    assert_eq!(refused.json()["rule"], "publication.images_required");
    let record = sec.get(&format!("/api/v1/publications/{id}")).json();
    assert_eq!(record["images"].as_array().unwrap().len(), 0);
    // The public may not upload at all.
    let mut public = Client::new(&app);
    assert_eq!(
        upload(&mut public, id, &png(10, 10), "image/png", ALT).status,
        401
    );
}

/// The feed's language and its entries' titles.
fn feed_titles(xml: &str) -> (String, Vec<String>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut lang = String::new();
    let mut titles = Vec::new();
    let mut in_entry = false;
    loop {
        match reader.read_event().unwrap() {
            Event::DocType(_) => panic!("a DTD in the feed"),
            Event::Start(e) => match e.local_name().into_inner() {
                "feed" => {
                    lang = e
                        .try_get_attribute("xml:lang")
                        .unwrap()
                        .unwrap()
                        .value
                        .into_owned();
                }
                "entry" => in_entry = true,
                "title" if in_entry => {
                    let raw = reader.read_text(e.name()).unwrap();
                    titles.push(quick_xml::escape::unescape(&raw).unwrap().into_owned());
                }
                _ => {}
            },
            Event::End(e) if e.local_name().into_inner() == "entry" => in_entry = false,
            Event::Eof => break,
            _ => {}
        }
    }
    (lang, titles)
}

#[test]
fn feeds_are_per_language_and_a_withdrawn_publication_leaves_them_but_keeps_its_record() {
    let app = TestApp::start();
    let mut public = Client::new(&app);
    let en = public.get("/news/feed/en.atom");
    assert_eq!(en.status, 200);
    assert!(
        en.header("content-type")
            .unwrap()
            .starts_with("application/atom+xml")
    );
    let (lang, titles) = feed_titles(&en.body);
    assert_eq!(lang, "en");
    assert_eq!(titles.len(), 4);
    assert_eq!(titles[0], "The CSTO Council of Foreign Ministers met");
    // Each entry links to its page, which the public can read.
    let pages: Vec<&str> = en
        .body
        .split("<link rel=\"alternate\" type=\"text/html\" href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(pages.len(), titles.len(), "{}", en.body);
    for page in pages {
        assert!(page.starts_with("/news/"), "{page}");
        assert_eq!(public.get(page).status, 200, "{page}");
    }
    let (lang, titles) = feed_titles(&public.get("/news/feed/ru.atom").body);
    assert_eq!(lang, "ru");
    assert_eq!(
        titles[0],
        "Состоялось заседание Совета министров иностранных дел ОДКБ"
    );

    // A publication in Russian only: in the Russian feed, not in the English one; its page in
    // English says the language is missing.
    let mut sec = Client::signed_in(&app, "secretariat");
    let id = draft(
        &mut sec,
        "press_release",
        r#"{"ru":{"title":"Только по-русски","summary":"Кратко","body":"Текст."}}"#,
    );
    publish(&mut sec, id);
    assert_eq!(
        feed_titles(&public.get("/news/feed/ru.atom").body).1[0],
        "Только по-русски"
    );
    assert!(
        !feed_titles(&public.get("/news/feed/en.atom").body)
            .1
            .contains(&"Только по-русски".to_owned())
    );
    let page = Client::new(&app)
        .with_lang("en")
        .get(&format!("/news/{id}"));
    assert!(page.text_of("#missing-language").is_some());

    // Withdrawing the statement: out of the feeds and the list; its page answers 410, marked
    // withdrawn with the date and reason; the record stays in the API.
    let refused = sec.send_json(
        "POST",
        &format!("/api/v1/publications/{STATEMENT}/withdraw"),
        r#"{"reason":"  "}"#,
    );
    assert_eq!(refused.json()["rule"], "publication.reason_required");
    let answer = sec.send_json(
        "POST",
        &format!("/api/v1/publications/{STATEMENT}/withdraw"),
        r#"{"reason":"Published by mistake before the corrected translation"}"#,
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    for feed in ["/news/feed/en.atom", "/news/feed/ru.atom"] {
        let titles = feed_titles(&public.get(feed).body).1;
        assert!(
            !titles.iter().any(|t| t.contains("75")),
            "{feed}: {titles:?}"
        );
    }
    let list = Client::new(&app).with_lang("en").get("/news");
    assert!(
        !texts(&list, "#news-list h2")
            .iter()
            .any(|t| t.starts_with("Statement"))
    );
    let page = Client::new(&app)
        .with_lang("en")
        .get(&format!("/news/{STATEMENT}"));
    assert_eq!(page.status, 410);
    let notice = page.text_of("#withdrawn").unwrap();
    assert!(
        notice.contains("Published by mistake before the corrected translation"),
        "{notice}"
    );
    assert!(notice.contains("Moscow time"), "{notice}");
    assert!(
        page.text_of("h1")
            .unwrap()
            .starts_with("Statement of the foreign ministers")
    );
    let record = public
        .get(&format!("/api/v1/publications/{STATEMENT}"))
        .json();
    assert_eq!(record["status"], "withdrawn");
    assert_eq!(record["published_at"], "2020-12-01T13:05:00Z");
    assert_eq!(
        record["withdrawn"]["reason"],
        "Published by mistake before the corrected translation"
    );
    let again = sec.send_json(
        "POST",
        &format!("/api/v1/publications/{STATEMENT}/withdraw"),
        r#"{"reason":"again"}"#,
    );
    assert_eq!(again.json()["rule"], "publication.not_published");
}

#[test]
fn the_secretariat_drafts_edits_and_publishes_through_the_pages() {
    let app = TestApp::start();
    let mut sec = Client::signed_in(&app, "secretariat").with_lang("en");
    let created = sec.post_signed_form(
        "/publications",
        &[
            ("kind", "event"),
            ("date", "2020-12-10"),
            ("title.ru", "Мероприятие"),
            ("summary.ru", "Кратко"),
            ("body.ru", "Текст."),
            ("related_publications", "1"),
        ],
    );
    assert_eq!(created.status, 303, "{}", created.body);
    let at = created.header("location").unwrap().to_owned();
    let page = sec.get(&at);
    assert_eq!(page.status, 200);
    assert_eq!(page.text_of("#status").unwrap(), "Draft (restricted)");
    let id = at.rsplit('/').next().unwrap().to_owned();
    // A translation filled in half names the missing fields.
    let half = sec.post_signed_form(
        &at,
        &[
            ("date", "2020-12-10"),
            ("title.ru", "Мероприятие"),
            ("summary.ru", "Кратко"),
            ("body.ru", "Текст."),
            ("title.en", "Event"),
        ],
    );
    assert_eq!(half.status, 422);
    assert!(half.body.contains("summary.en"), "{}", half.body);
    let edited = sec.post_signed_form(
        &at,
        &[
            ("date", "2020-12-10"),
            ("title.ru", "Мероприятие"),
            ("summary.ru", "Кратко"),
            ("body.ru", "Текст."),
            ("title.en", "Event"),
            ("summary.en", "Briefly"),
            ("body.en", "Text."),
        ],
    );
    assert_eq!(edited.status, 303, "{}", edited.body);
    let published = sec.post_signed_form(&format!("/publications/{id}/publish"), &[]);
    assert_eq!(published.status, 303);
    assert_eq!(published.header("location").unwrap(), format!("/news/{id}"));
    let page = sec.get(&at);
    assert!(page.text_of("#status").unwrap().starts_with("Published on"));
    assert_eq!(attrs(&page, "#withdraw-form", "data-confirm").len(), 1);
    let public = Client::new(&app)
        .with_lang("en")
        .get(&format!("/news/{id}"));
    assert_eq!(public.text_of("h1").unwrap(), "Event");
    // A delegate reads the Secretariat's list but is offered no form, and may not draft.
    let mut delegate = Client::signed_in(&app, "delegate.am");
    assert_eq!(delegate.get("/publications").status, 200);
    assert!(
        delegate
            .get("/publications")
            .text_of("#draft-form")
            .is_none()
    );
    assert_eq!(
        delegate
            .post_signed_form("/publications", &[("kind", "statement")])
            .status,
        403
    );
}
