//! Accounts and sign-in: argon2id passwords, server-side sessions, bearer API tokens, CSRF
//! tokens and the sign-in throttle. Secrets (passwords, session ids, tokens) are stored only as
//! hashes and never logged.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use accord_core::{AccountId, Principal};
use accord_ledger::Hash;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use sha2::{Digest as _, Sha256};

use crate::error::AppError;

/// The session cookie.
pub const SESSION_COOKIE: &str = "accord_session";
/// The cookie that carries the CSRF token of a signed-out visitor's forms (the sign-in form).
pub const FORM_COOKIE: &str = "accord_form";
/// The interface language cookie.
pub const LANG_COOKIE: &str = "accord_lang";
/// The prefix of API tokens, so that a leaked one is recognisable.
pub const TOKEN_PREFIX: &str = "accord_";

/// 32 random bytes, URL-safe base64.
pub fn random_secret() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::internal("no randomness", e))?;
    Ok(B64.encode(bytes))
}

/// How secrets are kept in the store: their SHA-256 (they are random, so no salt is needed).
pub fn secret_hash(secret: &str) -> Hash {
    Hash(Sha256::digest(secret.as_bytes()).into())
}

/// The CSRF token of a session: derived from its secret, so it needs no storage.
pub fn session_csrf(session_secret: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"accord csrf token\0");
    h.update(session_secret.as_bytes());
    B64.encode(h.finalize())
}

/// Compares two tokens in time that does not depend on where they differ.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// An argon2id hash (PHC string) of a password, with a fresh salt.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| AppError::internal("no randomness", e))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::internal("salt", e))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal("password hashing failed", e))
}

/// Whether `password` matches the stored PHC string.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A PHC string that matches no password, verified when the user name is unknown so that a
/// failed sign-in takes as long whether or not the account exists.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("accord decoy password").unwrap_or_default())
}

/// Who is reading or acting, as resolved for one request.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// What the policy sees.
    pub principal: Principal,
    /// The signed-in account: its id and user name.
    pub account: Option<(AccountId, String)>,
    /// The session's secret hash, when signed in through a session (for sign-out).
    pub session: Option<Hash>,
    /// The CSRF token forms must carry (sessions only).
    pub csrf: Option<String>,
    /// Signed in with an API token.
    pub by_token: bool,
}

impl Viewer {
    /// Someone not signed in.
    pub fn anonymous() -> Self {
        Viewer {
            principal: Principal::anonymous(),
            account: None,
            session: None,
            csrf: None,
            by_token: false,
        }
    }
}

/// Failed sign-ins, counted per account and per address over a sliding window.
#[derive(Debug)]
pub struct Throttle {
    window: Duration,
    per_account: usize,
    per_address: usize,
    failures: Mutex<HashMap<ThrottleKey, Vec<Instant>>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ThrottleKey {
    Account(String),
    Address(IpAddr),
}

impl Throttle {
    /// Five failures per account and twenty per address within fifteen minutes.
    pub fn new() -> Self {
        Throttle {
            window: Duration::from_secs(15 * 60),
            per_account: 5,
            per_address: 20,
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn keys(username: &str, address: IpAddr) -> [(ThrottleKey, usize); 2] {
        [
            (ThrottleKey::Account(username.to_lowercase()), 0),
            (ThrottleKey::Address(address), 1),
        ]
    }

    /// `Err(seconds to wait)` when the account or the address has failed too often.
    pub fn check(&self, username: &str, address: IpAddr, now: Instant) -> Result<(), u64> {
        let mut failures = self.failures.lock().expect("not poisoned");
        let mut wait = 0u64;
        for (key, which) in Self::keys(username, address) {
            let limit = if which == 0 {
                self.per_account
            } else {
                self.per_address
            };
            if let Some(times) = failures.get_mut(&key) {
                times.retain(|t| now.duration_since(*t) < self.window);
                if times.len() >= limit {
                    let oldest = times[times.len() - limit];
                    let left = self.window.saturating_sub(now.duration_since(oldest));
                    wait = wait.max(left.as_secs().max(1));
                }
            }
        }
        if wait == 0 { Ok(()) } else { Err(wait) }
    }

    /// Counts a failure.
    pub fn fail(&self, username: &str, address: IpAddr, now: Instant) {
        let mut failures = self.failures.lock().expect("not poisoned");
        if failures.len() > 100_000 {
            // Bounded memory: forget windows that have closed.
            failures.retain(|_, times| times.iter().any(|t| now.duration_since(*t) < self.window));
        }
        for (key, _) in Self::keys(username, address) {
            failures.entry(key).or_default().push(now);
        }
    }

    /// Forgets an account's failures after it signs in.
    pub fn succeed(&self, username: &str) {
        self.failures
            .lock()
            .expect("not poisoned")
            .remove(&ThrottleKey::Account(username.to_lowercase()));
    }
}

impl Default for Throttle {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_hash_and_no_other() {
        let phc = hash_password("correct horse").unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &phc));
        assert!(!verify_password("correct horsf", &phc));
        assert!(!verify_password("correct horse", "not a hash"));
    }

    #[test]
    fn the_throttle_stops_an_account_after_five_failures_and_forgets_after_the_window() {
        let t = Throttle::new();
        let address: IpAddr = [127, 0, 0, 1].into();
        let start = Instant::now();
        for _ in 0..5 {
            assert_eq!(t.check("Delegate", address, start), Ok(()));
            t.fail("delegate", address, start);
        }
        let wait = t.check("DELEGATE", address, start).unwrap_err();
        assert!((890..=900).contains(&wait), "{wait}");
        // Another account from the same address is not yet stopped.
        assert_eq!(t.check("other", address, start), Ok(()));
        assert_eq!(
            t.check("delegate", address, start + Duration::from_secs(901)),
            Ok(())
        );
    }

    #[test]
    fn the_throttle_stops_an_address_after_twenty_failures_on_any_accounts() {
        let t = Throttle::new();
        let address: IpAddr = [10, 0, 0, 7].into();
        let now = Instant::now();
        for i in 0..20 {
            t.fail(&format!("user{i}"), address, now);
        }
        assert!(t.check("fresh", address, now).is_err());
        assert_eq!(t.check("fresh", [10, 0, 0, 8].into(), now), Ok(()));
    }

    #[test]
    fn tokens_compare_equal_only_when_equal() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("abc", "abcd"));
    }
}
