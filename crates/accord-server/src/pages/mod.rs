//! Server-rendered pages: one typed template per page (askama), every string from the message
//! catalogue, the layout with the organisation's name, the reader's affiliation and the
//! language switch that keeps the page.

pub mod admin;
pub mod alerts;
pub mod applications;
pub mod calendar;
pub mod chairmanship;
pub mod compare;
pub mod decisions;
pub mod deliveries;
pub mod document;
pub mod documents;
pub mod drafting;
pub mod duty;
pub mod error;
pub mod exchange;
pub mod feeds;
pub mod form;
pub mod home;
pub mod incident;
pub mod incidents;
pub mod login;
pub mod map;
pub mod news;
pub mod organisation;
pub mod peacekeeping;
pub mod peacekeeping_forms;
pub mod plan;
pub mod plans;
pub mod procedures;
pub mod publications;
pub mod record;
pub mod request;
pub mod search;
pub mod session;
pub mod sessions;
pub mod sitrep;
pub mod units;
pub mod view;

use accord_core::policy::can;
use accord_core::{Action, Affiliation, Classification, Lang, Resource, State, Text};
use askama::Template;
use axum::extract::{Path, Query};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::app::AppState;
use crate::auth::LANG_COOKIE;
use crate::error::AppError;
use crate::i18n::{Tr, UiLang};
use crate::viewer::Ctx;

/// A link of the main navigation.
#[derive(Debug)]
pub struct NavLink {
    /// Where.
    pub href: &'static str,
    /// Its label.
    pub label: String,
    /// Whether it is the current page.
    pub current: bool,
}

/// A link of the language switch.
#[derive(Debug)]
pub struct LangLink {
    /// The language tag.
    pub code: &'static str,
    /// The language's own name.
    pub name: String,
    /// The switch: sets the language and comes back to this page.
    pub href: String,
    /// Whether it is the current language.
    pub current: bool,
}

/// What the layout shows on every page.
#[derive(Debug)]
pub struct Page<'a> {
    /// The messages.
    pub tr: Tr<'a>,
    /// The page's language tag.
    pub lang: &'static str,
    /// The page's title.
    pub title: String,
    /// The organisation's name in the page's language.
    pub org: String,
    /// The signed-in account's user name.
    pub who: Option<String>,
    /// The reader's affiliation, in words.
    pub affiliation: String,
    /// The CSRF token for forms.
    pub csrf: String,
    /// The main navigation.
    pub nav: Vec<NavLink>,
    /// The language switch.
    pub langs: Vec<LangLink>,
    /// The page shows data that changes: it updates itself as entries are applied.
    pub live: bool,
}

impl<'a> Page<'a> {
    /// The layout for a page at `path` (path and query, to come back to after switching
    /// language) titled by message `title`.
    pub fn new(app: &'a AppState, ctx: &Ctx, path: &str, title: String) -> Self {
        let tr = app.catalog.tr(ctx.lang);
        let state = app.journal.state();
        let lang = content_lang(ctx.lang);
        let org = state
            .config()
            .map(|c| c.short_name().localized(lang).text().to_owned())
            .unwrap_or_default();
        let principal = &ctx.viewer.principal;
        let allowed = |action| {
            can(
                principal,
                action,
                &Resource::classified(Classification::Public),
            )
            .is_allowed()
        };
        let mut nav = vec![("/", "nav-home"), ("/news", "nav-news")];
        if allowed(Action::OpenWorkspace) {
            nav.extend([
                ("/home", "nav-workspace"),
                ("/map", "nav-map"),
                ("/incidents", "nav-incidents"),
                ("/alerts", "nav-alerts"),
            ]);
        }
        let insider = can(
            principal,
            Action::Read,
            &Resource::classified(Classification::Restricted),
        )
        .is_allowed();
        if insider {
            nav.extend([("/units", "nav-units"), ("/duty-log", "nav-duty-log")]);
        }
        if insider
            || matches!(
                principal.affiliation(),
                Affiliation::PartnerOrganisation { .. }
            )
        {
            nav.push(("/exchange", "nav-exchange"));
        }
        if allowed(Action::RunCrisis) {
            nav.push(("/feeds", "nav-feeds"));
        }
        // Plans and strategies, peacekeeping (issue 8).
        nav.push(("/plans", "nav-plans"));
        if insider {
            nav.push(("/peacekeeping", "nav-peacekeeping"));
        }
        nav.extend([
            ("/sessions", "nav-sessions"),
            ("/documents", "nav-documents"),
            ("/organisation", "nav-organisation"),
            ("/record", "nav-record"),
            ("/api/v1/docs", "nav-api"),
        ]);
        if allowed(Action::Publish) {
            nav.push(("/publications", "nav-publications"));
        }
        // Status applications and the chairmanship.
        nav.push(("/chairmanship", "nav-chairmanship"));
        if insider {
            nav.push(("/applications", "nav-applications"));
        }
        if allowed(Action::ManageAccounts) {
            nav.push(("/admin", "nav-admin"));
        }
        let bare = path.split('?').next().unwrap_or(path);
        let nav = nav
            .into_iter()
            .map(|(href, id)| NavLink {
                href,
                label: tr.t(id),
                current: href == bare,
            })
            .collect();
        let langs = UiLang::ALL
            .into_iter()
            .map(|l| LangLink {
                code: l.code(),
                name: tr.t(&format!("lang-name-{}", l.code())),
                href: format!("/lang/{}?next={}", l.code(), urlencode(path)),
                current: l == ctx.lang,
            })
            .collect();
        let affiliation =
            if ctx.viewer.account.is_some() && *principal.affiliation() == Affiliation::Public {
                tr.t("affiliation-none")
            } else {
                affiliation_text(&tr, principal.affiliation(), &state, lang)
            };
        Page {
            tr,
            lang: ctx.lang.code(),
            title,
            org,
            who: ctx.viewer.account.as_ref().map(|(_, name)| name.clone()),
            affiliation,
            csrf: ctx.viewer.csrf.clone().unwrap_or_default(),
            nav,
            langs,
            live: false,
        }
    }

    /// The same page, updating itself as entries are applied (see `assets/live.js`).
    pub fn live(mut self) -> Self {
        self.live = true;
        self
    }
}

/// The content language of an interface language.
pub fn content_lang(lang: UiLang) -> Lang {
    Lang::parse(lang.code()).expect("interface languages are valid tags")
}

/// A text in the reader's language, marked when it falls back to the authentic language.
pub fn localized(tr: &Tr<'_>, text: &Text, lang: Lang) -> String {
    let shown = text.localized(lang);
    if shown.is_fallback() {
        format!(
            "{} {}",
            shown.text(),
            tr.a("missing-translation", "lang", lang.as_str())
        )
    } else {
        shown.text().to_owned()
    }
}

/// An affiliation in words, with the state's or partner's name in the reader's language.
pub fn affiliation_text(
    tr: &Tr<'_>,
    affiliation: &Affiliation,
    state: &State,
    lang: Lang,
) -> String {
    let state_name = |code: accord_core::StateCode| {
        state.state(code).map_or_else(
            || code.to_string(),
            |s| s.name.localized(lang).text().to_owned(),
        )
    };
    match affiliation {
        Affiliation::Public => tr.t("affiliation-public"),
        Affiliation::Delegation { state: s } => {
            tr.a("affiliation-delegation", "state", &state_name(*s))
        }
        Affiliation::Observer { state: s } => {
            tr.a("affiliation-observer", "state", &state_name(*s))
        }
        Affiliation::PartnerState { state: s } => {
            tr.a("affiliation-partner-state", "state", &state_name(*s))
        }
        Affiliation::PartnerOrganisation { partner } => {
            let name = state.status().organisation(partner).map_or_else(
                || partner.to_string(),
                |p| p.name.localized(lang).text().to_owned(),
            );
            tr.a("affiliation-partner-organisation", "partner", &name)
        }
        Affiliation::Secretariat => tr.t("affiliation-secretariat"),
        Affiliation::CrisisCentre => tr.t("affiliation-crisis-centre"),
        Affiliation::JointStaff => tr.t("affiliation-joint-staff"),
        Affiliation::Administrator => tr.t("affiliation-administrator"),
        Affiliation::System => tr.t("affiliation-system"),
    }
}

/// Percent-encodes a path and query for use as a query parameter.
pub fn urlencode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A local path to come back to: only absolute paths on this site, never `//host`.
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            n
        }
        _ => "/",
    }
}

/// Renders a page: HTML, never cached (pages depend on who reads them).
pub fn render(status: StatusCode, template: &impl Template) -> Result<Response, AppError> {
    let html = template
        .render()
        .map_err(|e| AppError::internal("a page failed to render", e))?;
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// The query of the language switch.
#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// `GET /lang/{code}?next=/path`: sets the interface language and returns to the page.
pub async fn switch_language(
    axum::extract::State(app): axum::extract::State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<NextQuery>,
) -> Result<Response, AppError> {
    let lang = UiLang::parse(&code).ok_or(AppError::NotFound)?;
    let secure = if app.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        lang.code()
    );
    let mut response = Redirect::to(safe_next(query.next.as_deref())).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(|e| AppError::internal("cookie", e))?,
    );
    Ok(response)
}

/// The path and query of a request, for the language switch.
pub fn here(uri: &axum::http::Uri) -> String {
    uri.path_and_query()
        .map_or_else(|| uri.path().to_owned(), |pq| pq.as_str().to_owned())
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct ApiDocsPage<'a> {
    page: Page<'a>,
}

/// `GET /api/v1/docs`: the API reference, from the embedded Swagger UI. Its stylesheet sets
/// inline styles, so this page alone allows them (still no inline script).
pub async fn api_docs(
    axum::extract::State(app): axum::extract::State<AppState>,
    ctx: Ctx,
    axum::extract::OriginalUri(uri): axum::extract::OriginalUri,
) -> Result<Response, AppError> {
    crate::access::require(&ctx, Action::Read, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let mut response = render(
        StatusCode::OK,
        &ApiDocsPage {
            page: Page::new(&app, &ctx, &here(&uri), tr.t("api-title")),
        },
    )?;
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
             form-action 'self'; frame-ancestors 'none'",
        ),
    );
    Ok(response)
}

/// A form's fields, or the error naming what is wrong with them (413 when too large).
pub fn form_body<T>(
    form: Result<axum::Form<T>, axum::extract::rejection::FormRejection>,
) -> Result<T, AppError> {
    match form {
        Ok(axum::Form(fields)) => Ok(fields),
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(AppError::TooLarge),
        Err(e) => Err(AppError::BadRequest(e.body_text())),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_a_form() {
        assert_eq!(
            safe_next(Some("/documents/2?version=1")),
            "/documents/2?version=1"
        );
        for outside in [
            "//evil.example",
            "/\t/evil.example",
            "/\\evil.example",
            "https://x",
            "/ /x",
        ] {
            assert_eq!(safe_next(Some(outside)), "/", "{outside:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
