//! Resolving who reads and in which language, once per request, before any handler: the bearer
//! token or the session cookie, and the language cookie or `Accept-Language`. Handlers take the
//! result as the [`Ctx`] extractor.

use std::convert::Infallible;

use accord_core::{AccountId, Principal};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};

use crate::app::AppState;
use crate::auth::{self, LANG_COOKIE, SESSION_COOKIE, Viewer};
use crate::error::AppError;
use crate::i18n::UiLang;

/// The reader and their language, for handlers.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// Who reads.
    pub viewer: Viewer,
    /// In which language.
    pub lang: UiLang,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Ctx>().cloned().unwrap_or(Ctx {
            viewer: Viewer::anonymous(),
            lang: UiLang::En,
        }))
    }
}

/// The value of cookie `name`, if the request carries it.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then_some(v)
        })
}

/// The middleware that resolves the [`Ctx`] of every request. A bearer token that is unknown or
/// revoked is refused here (401); a stale session cookie just reads as signed out.
pub async fn resolve(State(app): State<AppState>, mut request: Request, next: Next) -> Response {
    let headers = request.headers();
    let lang = cookie(headers, LANG_COOKIE)
        .and_then(UiLang::parse)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(UiLang::from_accept_language)
        })
        .unwrap_or_else(|| default_lang(&app));
    let viewer = match resolve_viewer(&app, headers).await {
        Ok(viewer) => viewer,
        Err(e) => return e.into_response(),
    };
    request.extensions_mut().insert(Ctx { viewer, lang });
    next.run(request).await
}

/// The organisation's authentic language when the interface speaks it, else English.
fn default_lang(app: &AppState) -> UiLang {
    let state = app.journal.state();
    state
        .config()
        .and_then(|c| UiLang::parse(c.authentic_language().as_str()))
        .unwrap_or(UiLang::En)
}

async fn resolve_viewer(app: &AppState, headers: &HeaderMap) -> Result<Viewer, AppError> {
    use accord_store::Store as _;
    let store = app.journal.store();
    let now = unix_now();
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(|| {
                AppError::BadRequest("the Authorization header must be `Bearer <token>`".into())
            })?;
        let refused = || {
            AppError::SignIn(accord_core::policy::Denial::NotSignedIn(
                accord_core::Classification::Public,
            ))
        };
        let row = store
            .api_token_by_hash(&auth::secret_hash(token))
            .await?
            .filter(|t| t.revoked_at.is_none())
            .ok_or_else(refused)?;
        let account = store
            .account(&row.account_id)
            .await?
            .filter(|a| !a.disabled)
            .ok_or_else(refused)?;
        let mut viewer = signed_in(app, &account.id, account.username);
        viewer.by_token = true;
        return Ok(viewer);
    }
    let Some(secret) = cookie(headers, SESSION_COOKIE) else {
        return Ok(Viewer::anonymous());
    };
    let hash = auth::secret_hash(secret);
    let Some(session) = store
        .session(&hash)
        .await?
        .filter(|s| !s.revoked && s.expires_at > now)
    else {
        return Ok(Viewer::anonymous());
    };
    let Some(account) = store
        .account(&session.account_id)
        .await?
        .filter(|a| !a.disabled)
    else {
        return Ok(Viewer::anonymous());
    };
    let mut viewer = signed_in(app, &account.id, account.username);
    viewer.session = Some(hash);
    viewer.csrf = Some(auth::session_csrf(secret));
    Ok(viewer)
}

/// The viewer of a signed-in account: its principal as the state knows it (an account with no
/// affiliation yet reads as the public).
fn signed_in(app: &AppState, id: &str, username: String) -> Viewer {
    let account = AccountId::parse(id).ok();
    let principal = account
        .as_ref()
        .and_then(|a| app.journal.state().principal(a))
        .unwrap_or_else(Principal::anonymous);
    Viewer {
        principal,
        account: account.map(|a| (a, username)),
        session: None,
        csrf: None,
        by_token: false,
    }
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Today's date (UTC), by the server's clock.
pub fn today() -> Result<accord_core::Date, AppError> {
    accord_core::Timestamp::from_unix_seconds(unix_now())
        .map(|t| t.date())
        .map_err(|e| AppError::internal("the clock", e))
}
