//! Resolving who reads and in which language, once per request, before any handler: the bearer
//! token or the session cookie, and the language cookie or `Accept-Language`. Handlers take the
//! result as the [`Ctx`] extractor.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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

/// How long a bearer token resolved to its account is taken as valid without asking the store
/// again. A token revoked through this server is forgotten at once; one revoked by another
/// server on the same database stops working here within this time.
pub const TOKEN_TTL: Duration = Duration::from_secs(5);

/// The most tokens remembered; past it the cache starts afresh.
const MAX_TOKENS: usize = 10_000;

/// Bearer tokens recently resolved: the hash of the secret to the account it acts for. A
/// national centre's system posting alerts sends its token with every request; without this,
/// each request read the token and then the account from the store before anything else.
/// Only valid, unrevoked tokens of enabled accounts are kept, and only for [`TOKEN_TTL`]; the
/// account's affiliation and roles still come from the state at every request.
#[derive(Debug, Default)]
pub struct TokenCache {
    tokens: Mutex<Remembered>,
}

/// The tokens remembered, and how many times they were all forgotten: a token read from the
/// store before a revocation is not remembered after it.
#[derive(Debug, Default)]
struct Remembered {
    forgotten: u64,
    tokens: HashMap<accord_ledger::Hash, (String, String, Instant)>,
}

impl TokenCache {
    /// The account id and username a token resolved to, if that was less than [`TOKEN_TTL`]
    /// before `now`.
    fn get(&self, hash: &accord_ledger::Hash, now: Instant) -> Option<(String, String)> {
        self.lock()
            .tokens
            .get(hash)
            .filter(|(_, _, at)| now.saturating_duration_since(*at) < TOKEN_TTL)
            .map(|(id, name, _)| (id.clone(), name.clone()))
    }

    /// A mark to take before reading a token from the store, for [`TokenCache::put`].
    fn mark(&self) -> u64 {
        self.lock().forgotten
    }

    /// Remembers a token read from the store after `mark`, unless the tokens were forgotten
    /// since (a revocation may have come between the read and now).
    fn put(&self, mark: u64, hash: accord_ledger::Hash, id: &str, username: &str) {
        let mut remembered = self.lock();
        if remembered.forgotten != mark {
            return;
        }
        if remembered.tokens.len() >= MAX_TOKENS {
            remembered.tokens.clear();
        }
        remembered
            .tokens
            .insert(hash, (id.to_owned(), username.to_owned(), Instant::now()));
    }

    /// Forgets every token (after a revocation).
    pub fn forget_all(&self) {
        let mut remembered = self.lock();
        remembered.forgotten += 1;
        remembered.tokens.clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Remembered> {
        self.tokens
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
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
        let hash = auth::secret_hash(token);
        let (id, username) = match app.tokens.get(&hash, Instant::now()) {
            Some(known) => known,
            None => {
                let mark = app.tokens.mark();
                let row = store
                    .api_token_by_hash(&hash)
                    .await?
                    .filter(|t| t.revoked_at.is_none())
                    .ok_or_else(refused)?;
                let account = store
                    .account(&row.account_id)
                    .await?
                    .filter(|a| !a.disabled)
                    .ok_or_else(refused)?;
                app.tokens.put(mark, hash, &account.id, &account.username);
                (account.id, account.username)
            }
        };
        let mut viewer = signed_in(app, &id, username);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_remembered_for_its_time_and_forgotten_on_revocation() {
        let cache = TokenCache::default();
        let (a, b) = (accord_ledger::Hash([1; 32]), accord_ledger::Hash([2; 32]));
        let now = Instant::now();
        assert_eq!(cache.get(&a, now), None);
        cache.put(cache.mark(), a, "centre.am", "centre.am");
        let known = Some(("centre.am".to_owned(), "centre.am".to_owned()));
        assert_eq!(cache.get(&a, Instant::now()), known);
        assert_eq!(cache.get(&b, Instant::now()), None);
        // Past its time, the store is asked again.
        assert_eq!(cache.get(&a, Instant::now() + TOKEN_TTL), None);
        // A token read before a revocation is not remembered after it.
        let mark = cache.mark();
        cache.forget_all();
        assert_eq!(cache.get(&a, Instant::now()), None);
        cache.put(mark, a, "centre.am", "centre.am");
        assert_eq!(cache.get(&a, Instant::now()), None);
        // Bounded: past the limit it starts afresh rather than grow.
        for i in 0..=MAX_TOKENS {
            let mut bytes = [0u8; 32];
            bytes[..8].copy_from_slice(&u64::try_from(i).unwrap().to_le_bytes());
            cache.put(cache.mark(), accord_ledger::Hash(bytes), "x", "x");
        }
        assert!(cache.lock().tokens.len() <= MAX_TOKENS);
    }
}
