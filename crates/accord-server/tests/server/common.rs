//! A small blocking HTTP client for the tests: keeps cookies by hand, never follows redirects,
//! and signs in as any demo account.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::time::Duration;

use accord_core::Timestamp;
use accord_testkit::app::{PASSWORD, TestApp};

/// A response, read whole.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: BTreeMap<String, Vec<String>>,
    pub(crate) body: String,
}

impl Answer {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .and_then(|v| v.first())
            .map(String::as_str)
    }

    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub(crate) fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
    }

    /// The text of the first element matching `selector`.
    pub(crate) fn text_of(&self, selector: &str) -> Option<String> {
        let html = self.html();
        let selector = scraper::Selector::parse(selector).expect("a selector");
        html.select(&selector)
            .next()
            .map(|e| e.text().collect::<String>().trim().to_owned())
    }
}

/// The texts of every element matching `selector`, trimmed.
pub(crate) fn texts(answer: &Answer, selector: &str) -> Vec<String> {
    let html = answer.html();
    let selector = scraper::Selector::parse(selector).expect("a selector");
    html.select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

/// How many elements match `selector`.
pub(crate) fn count(answer: &Answer, selector: &str) -> usize {
    texts(answer, selector).len()
}

/// A browser-like client: a cookie jar and, once signed in, the session's CSRF token.
#[derive(Debug)]
pub(crate) struct Client {
    base: String,
    agent: ureq::Agent,
    pub(crate) cookies: BTreeMap<String, String>,
    pub(crate) csrf: Option<String>,
    pub(crate) bearer: Option<String>,
}

impl Client {
    pub(crate) fn new(app: &TestApp) -> Self {
        let agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        Client {
            base: app.base.clone(),
            agent,
            cookies: BTreeMap::new(),
            csrf: None,
            bearer: None,
        }
    }

    /// A client signed in as `username` (a demo account).
    pub(crate) fn signed_in(app: &TestApp, username: &str) -> Self {
        let mut c = Client::new(app);
        c.login(username, PASSWORD);
        assert!(
            c.cookies.contains_key("accord_session"),
            "{username} signed in"
        );
        c
    }

    pub(crate) fn with_lang(mut self, lang: &str) -> Self {
        self.cookies.insert("accord_lang".into(), lang.into());
        self
    }

    /// Signs in through the form; returns the answer to the POST.
    pub(crate) fn login(&mut self, username: &str, password: &str) -> Answer {
        let form = self.get("/login");
        assert_eq!(form.status, 200, "{}", form.body);
        let token = self
            .cookies
            .get("accord_form")
            .expect("the form cookie")
            .clone();
        let answer = self.post_form(
            "/login",
            &[
                ("username", username),
                ("password", password),
                ("csrf", &token),
            ],
        );
        if let Some(secret) = self.cookies.get("accord_session") {
            self.csrf = Some(accord_server::auth::session_csrf(secret));
        }
        answer
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn finish(
        &mut self,
        response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Answer {
        let response = response.expect("the server answers");
        let status = response.status().as_u16();
        let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (name, value) in response.headers() {
            headers
                .entry(name.as_str().to_owned())
                .or_default()
                .push(value.to_str().unwrap_or_default().to_owned());
        }
        for set in headers.get("set-cookie").cloned().unwrap_or_default() {
            let pair = set.split(';').next().unwrap_or_default();
            if let Some((k, v)) = pair.split_once('=') {
                if v.is_empty() || set.contains("Max-Age=0") {
                    self.cookies.remove(k);
                } else {
                    self.cookies.insert(k.to_owned(), v.to_owned());
                }
            }
        }
        let mut body = String::new();
        if headers
            .get("content-type")
            .is_none_or(|v| !v.iter().any(|t| t.starts_with("text/event-stream")))
        {
            response
                .into_body()
                .into_reader()
                .take(8 << 20)
                .read_to_string(&mut body)
                .ok();
        }
        Answer {
            status,
            headers,
            body,
        }
    }

    pub(crate) fn get(&mut self, path: &str) -> Answer {
        let url = format!("{}{path}", self.base);
        let request = self.agent.get(&url).header("cookie", &self.cookie_header());
        let request = match &self.bearer {
            Some(token) => request.header("authorization", &format!("Bearer {token}")),
            None => request,
        };
        let response = request.call();
        self.finish(response)
    }

    pub(crate) fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let url = format!("{}{path}", self.base);
        let request = self
            .agent
            .post(&url)
            .header("cookie", &self.cookie_header());
        let request = match &self.bearer {
            Some(token) => request.header("authorization", &format!("Bearer {token}")),
            None => request,
        };
        let response = request.send_form(fields.iter().copied());
        self.finish(response)
    }

    /// A form POST carrying the session's CSRF token.
    pub(crate) fn post_signed_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let csrf = self.csrf.clone().unwrap_or_default();
        let mut all = fields.to_vec();
        all.push(("csrf", &csrf));
        self.post_form(path, &all)
    }

    pub(crate) fn send_json(&mut self, method: &str, path: &str, body: &str) -> Answer {
        let url = format!("{}{path}", self.base);
        let mut builder = ureq::http::Request::builder()
            .method(method)
            .uri(&url)
            .header("content-type", "application/json")
            .header("cookie", self.cookie_header());
        if let Some(token) = &self.bearer {
            builder = builder.header("authorization", format!("Bearer {token}"));
        }
        if let Some(csrf) = &self.csrf {
            builder = builder.header("x-csrf-token", csrf);
        }
        let request = builder.body(body.to_owned()).expect("a request");
        let response = self.agent.run(request);
        self.finish(response)
    }

    // Public information: uploads and binary answers (images).

    /// A request with a binary body of `content_type` (a multipart upload), carrying the
    /// session's CSRF token in `X-CSRF-Token`.
    pub(crate) fn send_bytes(
        &mut self,
        method: &str,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Answer {
        let url = format!("{}{path}", self.base);
        let mut builder = ureq::http::Request::builder()
            .method(method)
            .uri(&url)
            .header("content-type", content_type)
            .header("cookie", self.cookie_header());
        if let Some(token) = &self.bearer {
            builder = builder.header("authorization", format!("Bearer {token}"));
        }
        if let Some(csrf) = &self.csrf {
            builder = builder.header("x-csrf-token", csrf);
        }
        let request = builder.body(body).expect("a request");
        let response = self.agent.run(request);
        self.finish(response)
    }

    /// A GET whose body is bytes (an image): the status, the content type and the bytes.
    pub(crate) fn get_bytes(&mut self, path: &str) -> (u16, BTreeMap<String, String>, Vec<u8>) {
        let url = format!("{}{path}", self.base);
        let response = self
            .agent
            .get(&url)
            .header("cookie", &self.cookie_header())
            .call()
            .expect("the server answers");
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    v.to_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        let mut bytes = Vec::new();
        response
            .into_body()
            .into_reader()
            .take(32 << 20)
            .read_to_end(&mut bytes)
            .ok();
        (status, headers, bytes)
    }
}

/// Waits until the server has signed a checkpoint covering the whole log.
pub(crate) fn wait_for_checkpoint(client: &mut Client) {
    for _ in 0..100 {
        let me = client.get("/api/v1/checkpoint");
        let log = client.get("/api/v1/entries?limit=1");
        if me.status == 200 && log.status == 200 {
            let size = me.json()["size"].as_u64().unwrap_or(0);
            let newest = log.json()[0]["seq"].as_u64().unwrap_or(u64::MAX);
            if size == newest + 1 {
                return;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("no checkpoint covers the log");
}

/// POSTs `body` as JSON to `path`.
pub(crate) fn post(client: &mut Client, path: &str, body: &serde_json::Value) -> Answer {
    client.send_json("POST", path, &body.to_string())
}

/// The fields a refusal names, in its order.
pub(crate) fn field_names(answer: &Answer) -> Vec<String> {
    answer.json()["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors in {}", answer.body))
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

/// The rule a 422 refusal names (`""` when it names none); fails on any other status.
pub(crate) fn rule_of(answer: &Answer) -> String {
    assert_eq!(answer.status, 422, "{}", answer.body);
    answer.json()["rule"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The local time in Moscow `seconds` from now, to the second (`2020-12-01T13:00:00`), and
/// that instant.
pub(crate) fn moscow_in(seconds: i64) -> (String, Timestamp) {
    let at = jiff::Timestamp::from_second(jiff::Timestamp::now().as_second() + seconds).unwrap();
    let local = at
        .to_zoned(jiff::tz::TimeZone::get("Europe/Moscow").unwrap())
        .datetime()
        .strftime("%Y-%m-%dT%H:%M:%S")
        .to_string();
    (local, Timestamp::from_unix_seconds(at.as_second()).unwrap())
}

/// The size of the log, as the newest entry's index plus one.
pub(crate) fn log_size(client: &mut Client) -> u64 {
    client.get("/api/v1/entries?limit=1").json()[0]["seq"]
        .as_u64()
        .unwrap()
        + 1
}
