//! Feed polling: the Atom and RSS feeds of CAP alerts the operator configured, each read at its
//! interval with conditional requests, every alert in it taken in through the same intake as
//! `POST /api/v1/cap` ([`crate::intake`]), as the account the feed is configured with.
//!
//! The poller acts as that account: the log names it as the alert's sender-in, and the policy
//! decides as for any request (a national centre, a partner's liaison officer or a Centre
//! officer may report alerts; anyone else's feed is refused at every poll, and revoking the
//! account's role stops it at once). What each poll did is kept in memory ([`FeedBoard`]) for
//! the Centre's officers: `/feeds` and `GET /api/v1/feeds`.

mod fetch;
mod poll;

use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use accord_core::AccountId;
use serde::Serialize;

pub use poll::run;

/// The shortest interval between two polls of a feed.
pub const MIN_INTERVAL: Duration = Duration::from_secs(1);
/// The longest interval between two polls of a feed: a day.
pub const MAX_INTERVAL: Duration = Duration::from_secs(24 * 3600);
/// The largest feed document read, in bytes (the CAP reader's own bound on a feed).
pub const MAX_FEED_BYTES: usize = accord_cap::Limits::DEFAULT.max_input_bytes;
/// The most redirects followed to a feed (none to a linked alert).
pub const MAX_FEED_REDIRECTS: u32 = 5;
/// How long a request (a feed or a linked alert) may take, connection to last byte.
pub const TIMEOUT: Duration = Duration::from_secs(30);
/// How many rejected entries a feed's status keeps (the newest).
pub const KEEP_REJECTED: usize = 50;

/// Why a configured feed is refused.
#[derive(Debug, thiserror::Error)]
pub enum FeedConfigError {
    /// No name.
    #[error("a feed needs a name")]
    NoName,
    /// Two feeds with one name.
    #[error("two feeds are named {0:?}")]
    DuplicateName(String),
    /// Not an http or https URL.
    #[error("the feed {name:?}: url {url:?} is not an http:// or https:// URL")]
    Url {
        /// The feed.
        name: String,
        /// The URL, without its credentials.
        url: String,
    },
    /// A link host that is not a host name (with an optional port).
    #[error(
        "the feed {name:?}: link_hosts entry {host:?} is not a host name or host:port \
         (no scheme, path or user part)"
    )]
    LinkHost {
        /// The feed.
        name: String,
        /// What was given.
        host: String,
    },
    /// An interval out of bounds.
    #[error("the feed {name:?}: interval_seconds must be from 1 to 86400 (a day)")]
    Interval {
        /// The feed.
        name: String,
    },
    /// Not an account id.
    #[error("the feed {name:?}: account {account:?} is not an account id ({reason})")]
    Account {
        /// The feed.
        name: String,
        /// What was given.
        account: String,
        /// Why it is not one.
        reason: String,
    },
}

/// A feed to poll, as configured: checked when it is made.
#[derive(Clone, PartialEq, Eq)]
pub struct FeedSource {
    name: String,
    url: String,
    interval: Duration,
    account: AccountId,
    /// Hosts (`host` or `host:port`, lower case) besides the feed's own whose linked alerts
    /// are fetched.
    link_hosts: Vec<String>,
}

impl FeedSource {
    /// A feed named `name` at `url` (http or https), polled every `interval`, whose alerts are
    /// taken in as `account`.
    pub fn new(
        name: &str,
        url: &str,
        interval: Duration,
        account: &str,
    ) -> Result<Self, FeedConfigError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(FeedConfigError::NoName);
        }
        let url = url.trim();
        if http_url(url).is_none() {
            return Err(FeedConfigError::Url {
                name: name.to_owned(),
                url: shown_url(url),
            });
        }
        if !(MIN_INTERVAL..=MAX_INTERVAL).contains(&interval) {
            return Err(FeedConfigError::Interval {
                name: name.to_owned(),
            });
        }
        let account = AccountId::parse(account).map_err(|e| FeedConfigError::Account {
            name: name.to_owned(),
            account: account.to_owned(),
            reason: e.to_string(),
        })?;
        Ok(FeedSource {
            name: name.to_owned(),
            url: url.to_owned(),
            interval,
            account,
            link_hosts: Vec::new(),
        })
    }

    /// Allows alerts linked from the feed to be fetched from `hosts` (each `host` or
    /// `host:port`) as well as from the feed's own host. Links to any other host are not
    /// followed: a feed's content must not make the server request addresses of its network.
    pub fn with_link_hosts(mut self, hosts: &[String]) -> Result<Self, FeedConfigError> {
        for host in hosts {
            let clean = host.trim().to_ascii_lowercase();
            let valid = !clean.is_empty()
                && clean
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
                && format!("http://{clean}/")
                    .parse::<axum::http::Uri>()
                    .is_ok();
            if !valid {
                return Err(FeedConfigError::LinkHost {
                    name: self.name.clone(),
                    host: host.clone(),
                });
            }
            self.link_hosts.push(clean);
        }
        Ok(self)
    }

    /// Whether a linked alert at `url` may be fetched: its host is the feed's own or one of
    /// its link hosts (compared with their ports, without user parts, ignoring case).
    pub fn may_follow(&self, url: &str) -> bool {
        let (Some(own), Some(host)) = (host_of(&self.url), host_of(url)) else {
            return false;
        };
        host == own || self.link_hosts.contains(&host)
    }

    /// Checks a list of feeds together: names are unique.
    pub fn check_all(feeds: &[FeedSource]) -> Result<(), FeedConfigError> {
        for (i, feed) in feeds.iter().enumerate() {
            if feeds[..i].iter().any(|f| f.name == feed.name) {
                return Err(FeedConfigError::DuplicateName(feed.name.clone()));
            }
        }
        Ok(())
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its URL, without credentials or query: fit to show and to log.
    pub fn shown_url(&self) -> String {
        shown_url(&self.url)
    }

    /// The time between two polls.
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// The account its alerts are taken in as.
    pub fn account(&self) -> &AccountId {
        &self.account
    }
}

// The URL may carry credentials (in its user part or its query): never printed whole.
impl fmt::Debug for FeedSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FeedSource")
            .field("name", &self.name)
            .field("url", &self.shown_url())
            .field("interval", &self.interval)
            .field("account", &self.account)
            .finish()
    }
}

/// The host of an http or https URL with its port if it names one, in lower case, without the
/// user part.
fn host_of(url: &str) -> Option<String> {
    let (_, rest) = http_url(url)?;
    let authority = rest.split(['/', '?', '#']).next()?;
    Some(authority.rsplit('@').next()?.to_ascii_lowercase())
}

/// The scheme and the rest of an http or https URL with a host.
fn http_url(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme_ok = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    (scheme_ok
        && !host.is_empty()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
        && url.parse::<axum::http::Uri>().is_ok())
    .then_some((scheme, rest))
}

/// A URL without its user part, query and fragment.
pub(crate) fn shown_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.split(['?', '#']).next().unwrap_or_default().to_owned();
    };
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = authority.rsplit('@').next().unwrap_or_default();
    format!("{scheme}://{host}{path}")
}

/// An entry that was not taken, and why.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RejectedEntry {
    /// When (UTC).
    pub at: String,
    /// The entry's id, or the link it gave, if any.
    pub entry: Option<String>,
    /// Its position in the feed, from 1, when the feed reader skipped it.
    pub position: Option<usize>,
    /// Why.
    pub reason: String,
}

/// What the poller knows of one feed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FeedStatus {
    /// Its name.
    pub name: String,
    /// Its URL, without credentials or query.
    pub url: String,
    /// The account its alerts are taken in as.
    pub account: String,
    /// Seconds between polls.
    pub interval_seconds: u64,
    /// Polls made since the server started.
    pub polls: u64,
    /// When it was last polled (UTC).
    pub last_poll: Option<String>,
    /// The HTTP status of the last poll's answer.
    pub last_status: Option<u16>,
    /// Polls answered 304 Not Modified.
    pub not_modified: u64,
    /// Alerts taken in.
    pub taken: u64,
    /// Alerts skipped because they were taken in before.
    pub duplicates: u64,
    /// Entries rejected.
    pub rejected: u64,
    /// The newest rejected entries with their reasons (at most [`KEEP_REJECTED`]), newest first.
    pub rejections: Vec<RejectedEntry>,
    /// When it is polled next (UTC).
    pub next_poll: Option<String>,
    /// What went wrong at the last poll, if anything did.
    pub last_error: Option<String>,
}

impl FeedStatus {
    fn new(source: &FeedSource) -> Self {
        FeedStatus {
            name: source.name.clone(),
            url: source.shown_url(),
            account: source.account.to_string(),
            interval_seconds: source.interval.as_secs(),
            polls: 0,
            last_poll: None,
            last_status: None,
            not_modified: 0,
            taken: 0,
            duplicates: 0,
            rejected: 0,
            rejections: Vec::new(),
            next_poll: None,
            last_error: None,
        }
    }

    pub(crate) fn reject(&mut self, entry: RejectedEntry) {
        self.rejected += 1;
        self.rejections.insert(0, entry);
        self.rejections.truncate(KEEP_REJECTED);
    }
}

/// Every configured feed's status, in configuration order.
#[derive(Debug)]
pub struct FeedBoard {
    feeds: Mutex<Vec<FeedStatus>>,
}

impl FeedBoard {
    /// A board for these feeds, none polled yet.
    pub fn new(sources: &[FeedSource]) -> Self {
        FeedBoard {
            feeds: Mutex::new(sources.iter().map(FeedStatus::new).collect()),
        }
    }

    /// Every feed's status now.
    pub fn snapshot(&self) -> Vec<FeedStatus> {
        self.feeds
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Changes feed `index`'s status.
    pub(crate) fn update(&self, index: usize, change: impl FnOnce(&mut FeedStatus)) {
        let mut feeds = self
            .feeds
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(status) = feeds.get_mut(index) {
            change(status);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_is_checked_when_it_is_made() {
        let ok = FeedSource::new(
            "AM",
            "https://u:secret@alerts.example.am/cap.atom?key=k",
            Duration::from_secs(60),
            "centre.am",
        )
        .unwrap();
        assert_eq!(ok.shown_url(), "https://alerts.example.am/cap.atom");
        assert!(!format!("{ok:?}").contains("secret"));
        let err = |url: &str, secs: u64, account: &str| {
            FeedSource::new("AM", url, Duration::from_secs(secs), account)
                .unwrap_err()
                .to_string()
        };
        assert!(err("ftp://x.example/f", 60, "centre.am").contains("http"));
        assert!(err("https://", 60, "centre.am").contains("http"));
        assert!(err("https://x.example/f", 0, "centre.am").contains("interval_seconds"));
        assert!(err("https://x.example/f", 60, "Centre AM").contains("account"));
        let twice = [ok.clone(), ok];
        assert!(FeedSource::check_all(&twice).is_err());
    }

    #[test]
    fn only_links_to_the_feeds_host_and_its_link_hosts_are_followed() {
        let feed = FeedSource::new(
            "AM",
            "https://u:secret@Alerts.example.am/cap.atom",
            Duration::from_secs(60),
            "centre.am",
        )
        .unwrap()
        .with_link_hosts(&["cdn.example.am:8443".to_owned()])
        .unwrap();
        assert!(feed.may_follow("https://alerts.example.am/a/1.xml"));
        assert!(feed.may_follow("http://ALERTS.example.am/a/1.xml?x=1"));
        assert!(feed.may_follow("https://cdn.example.am:8443/a/1.xml"));
        // Another port, another host, a look-alike hidden in a user part: not followed.
        assert!(!feed.may_follow("https://cdn.example.am/a/1.xml"));
        assert!(!feed.may_follow("http://169.254.169.254/latest/meta-data/"));
        assert!(!feed.may_follow("http://127.0.0.1:5432/"));
        assert!(!feed.may_follow("https://alerts.example.am@10.0.0.1/a.xml"));
        assert!(!feed.may_follow("file:///etc/passwd"));
        let bad = |host: &str| {
            FeedSource::new(
                "AM",
                "https://x.example/f",
                Duration::from_secs(60),
                "centre.am",
            )
            .unwrap()
            .with_link_hosts(&[host.to_owned()])
            .unwrap_err()
            .to_string()
        };
        assert!(bad("https://cdn.example.am").contains("link_hosts"));
        assert!(bad("cdn.example.am/path").contains("link_hosts"));
        assert!(bad("").contains("link_hosts"));
    }
}
