//! The poller: one loop per configured feed, until the server stops. Each poll sends the
//! previous answer's `ETag` and `Last-Modified` back (`If-None-Match`, `If-Modified-Since`); a
//! 304 means nothing new. The HTTP client is in `fetch.rs`.

use std::collections::HashSet;

use accord_cap::{FeedEntry, SkippedEntry};
use accord_core::policy::can;
use accord_core::{Action, Classification, Principal, Resource, Timestamp};
use sha2::{Digest as _, Sha256};
use tokio::sync::watch;

use super::fetch::fetch;
use super::{FeedSource, MAX_FEED_BYTES, MAX_FEED_REDIRECTS, RejectedEntry};
use crate::app::AppState;
use crate::intake::{Intake, take_in};

/// At most this many entries are remembered as handled per feed before the memory is cleared.
const REMEMBER: usize = 10_000;

/// Runs every configured feed's loop until `stopping` becomes true.
pub async fn run(app: AppState, stopping: watch::Receiver<bool>) {
    let mut loops = tokio::task::JoinSet::new();
    for (index, source) in app.config.feeds.iter().enumerate() {
        let app = app.clone();
        let source = source.clone();
        let stopping = stopping.clone();
        loops.spawn(async move { feed_loop(app, index, source, stopping).await });
    }
    while loops.join_next().await.is_some() {}
}

/// What one feed's loop keeps between polls.
#[derive(Debug, Default)]
struct Memory {
    etag: Option<String>,
    last_modified: Option<String>,
    /// Links fetched and taken (or found taken before), and rejected entries already recorded,
    /// so that a feed served again whole neither fetches nor records them twice.
    handled: HashSet<String>,
}

impl Memory {
    fn remember(&mut self, key: String) {
        if self.handled.len() >= REMEMBER {
            self.handled.clear();
        }
        self.handled.insert(key);
    }
}

async fn feed_loop(
    app: AppState,
    index: usize,
    source: FeedSource,
    mut stopping: watch::Receiver<bool>,
) {
    let mut memory = Memory::default();
    loop {
        if *stopping.borrow() {
            return;
        }
        // A poll in flight is dropped when the server stops (a request may take its timeout);
        // what it took in so far stays taken in.
        tokio::select! {
            () = poll(&app, index, &source, &mut memory) => {}
            _ = stopping.changed() => return,
        }
        let next = Timestamp::from_unix_seconds(
            unix_now().saturating_add(i64::try_from(source.interval().as_secs()).unwrap_or(0)),
        )
        .ok();
        app.feeds.update(index, |s| {
            s.next_poll = next.map(|t| t.to_string());
        });
        tokio::select! {
            () = tokio::time::sleep(source.interval()) => {}
            _ = stopping.changed() => {}
        }
    }
}

fn unix_now() -> i64 {
    jiff::Timestamp::now().as_second()
}

fn now_text() -> String {
    Timestamp::from_unix_seconds(unix_now()).map_or_else(|_| String::new(), |t| t.to_string())
}

/// The principal the feed's alerts are taken in as, if it may report alerts.
fn principal(app: &AppState, source: &FeedSource) -> Result<Principal, String> {
    let principal = app
        .journal
        .state()
        .principal(source.account())
        .ok_or_else(|| format!("the account {} does not exist", source.account()))?;
    let public = Resource::classified(Classification::Public);
    if can(&principal, Action::ReportAlert, &public).is_allowed() {
        Ok(principal)
    } else {
        Err(format!(
            "the account {} may not report alerts",
            source.account()
        ))
    }
}

/// One poll: fetch, read, take in every alert, record what happened.
async fn poll(app: &AppState, index: usize, source: &FeedSource, memory: &mut Memory) {
    app.feeds.update(index, |s| {
        s.polls += 1;
        s.last_poll = Some(now_text());
    });
    let principal = match principal(app, source) {
        Ok(p) => p,
        Err(e) => return fail(app, index, source, None, e),
    };
    let fetched = fetch(
        source.url.clone(),
        memory.etag.clone(),
        memory.last_modified.clone(),
        "application/atom+xml, application/rss+xml;q=0.9, application/xml;q=0.8",
        MAX_FEED_BYTES,
        MAX_FEED_REDIRECTS,
    )
    .await;
    let fetched = match fetched {
        Ok(f) => f,
        Err(e) => return fail(app, index, source, None, e),
    };
    match fetched.status {
        304 => {
            app.feeds.update(index, |s| {
                s.last_status = Some(304);
                s.not_modified += 1;
                s.last_error = None;
            });
            return;
        }
        200 => {}
        other => {
            return fail(
                app,
                index,
                source,
                Some(other),
                format!("the feed answered HTTP {other}"),
            );
        }
    }
    let feed = match accord_cap::parse_feed(&fetched.body) {
        Ok(feed) => feed,
        Err(e) => {
            return fail(
                app,
                index,
                source,
                Some(200),
                format!("the feed cannot be read: {e}"),
            );
        }
    };
    // Only a feed that was read is a version to ask about next time.
    memory.etag = fetched.etag;
    memory.last_modified = fetched.last_modified;
    app.feeds.update(index, |s| {
        s.last_status = Some(200);
        s.last_error = None;
    });
    for entry in feed.entries {
        match entry {
            FeedEntry::Embedded { id, alert, xml, .. } => {
                // The alert as written, when it stands alone (its namespace declared on it);
                // else its canonical form (a prefix declared further up the feed).
                let xml = if accord_cap::validate(xml.as_bytes()).is_valid() {
                    xml
                } else {
                    accord_cap::emit(&alert)
                };
                take(
                    app,
                    index,
                    source,
                    &principal,
                    memory,
                    id,
                    None,
                    xml.as_bytes(),
                )
                .await;
            }
            FeedEntry::Linked { id, href } => {
                linked(app, index, source, &principal, memory, id, &href).await;
            }
        }
    }
    for skipped in feed.skipped {
        skipped_entry(app, index, source, &principal, memory, skipped).await;
    }
}

fn fail(app: &AppState, index: usize, source: &FeedSource, status: Option<u16>, error: String) {
    tracing::warn!(feed = source.name(), error = %error, "a feed poll failed");
    app.feeds.update(index, |s| {
        s.last_status = status;
        s.last_error = Some(error);
    });
}

fn reject(
    app: &AppState,
    index: usize,
    source: &FeedSource,
    entry: Option<String>,
    position: Option<usize>,
    reason: String,
) {
    tracing::info!(feed = source.name(), entry = ?entry, reason = %reason, "a feed entry is skipped");
    app.feeds.update(index, |s| {
        s.reject(RejectedEntry {
            at: now_text(),
            entry,
            position,
            reason,
        });
    });
}

fn hash_key(xml: &[u8]) -> String {
    let digest: [u8; 32] = Sha256::digest(xml).into();
    format!("sha256:{}", accord_ledger::Hash(digest).to_hex())
}

/// Takes in one alert's XML; what happened goes to the feed's status.
#[expect(
    clippy::too_many_arguments,
    reason = "the feed, its memory, the entry and the alert: each needed"
)]
async fn take(
    app: &AppState,
    index: usize,
    source: &FeedSource,
    principal: &Principal,
    memory: &mut Memory,
    id: Option<String>,
    position: Option<usize>,
    xml: &[u8],
) -> bool {
    let key = hash_key(xml);
    if memory.handled.contains(&key) {
        // Rejected at an earlier poll, and recorded then.
        return false;
    }
    match take_in(&app.journal, principal, xml).await {
        Ok(Intake::Taken { alert, .. }) => {
            tracing::info!(
                feed = source.name(),
                alert = alert.0,
                "an alert is taken in from a feed"
            );
            app.feeds.update(index, |s| s.taken += 1);
            true
        }
        Ok(Intake::Duplicate(_)) => {
            app.feeds.update(index, |s| s.duplicates += 1);
            true
        }
        Ok(Intake::Rejected { problems, .. }) => {
            memory.remember(key);
            let reason = problems
                .iter()
                .map(|p| format!("{} at {}: {}", p.code, p.path, p.message))
                .collect::<Vec<_>>()
                .join("; ");
            reject(
                app,
                index,
                source,
                id,
                position,
                format!("not valid CAP 1.2: {reason}"),
            );
            false
        }
        Err(e) => {
            reject(
                app,
                index,
                source,
                id,
                position,
                format!("not taken in: {e}"),
            );
            false
        }
    }
}

/// Fetches a linked alert (bounded as `POST /api/v1/cap` is) and takes it in.
async fn linked(
    app: &AppState,
    index: usize,
    source: &FeedSource,
    principal: &Principal,
    memory: &mut Memory,
    id: Option<String>,
    href: &str,
) {
    let Some(url) = resolve(&source.url, href) else {
        return reject(
            app,
            index,
            source,
            Some(super::shown_url(href)),
            None,
            "the link is not an http:// or https:// URL".to_owned(),
        );
    };
    if !source.may_follow(&url) {
        return reject(
            app,
            index,
            source,
            id.or_else(|| Some(super::shown_url(&url))),
            None,
            "the linked alert is on another host than the feed's own and its link_hosts; \
             it is not fetched"
                .to_owned(),
        );
    }
    let link_key = format!("link:{url}");
    if memory.handled.contains(&link_key) {
        app.feeds.update(index, |s| s.duplicates += 1);
        return;
    }
    let entry = id.or_else(|| Some(super::shown_url(&url)));
    let fetched = fetch(
        url,
        None,
        None,
        "application/cap+xml, application/xml;q=0.9",
        app.config.max_body,
        // A redirect could lead anywhere: a linked alert must answer where it was linked.
        0,
    )
    .await;
    match fetched {
        Ok(f) if f.status == 200 => {
            if take(app, index, source, principal, memory, entry, None, &f.body).await {
                memory.remember(link_key);
            }
        }
        Ok(f) => reject(
            app,
            index,
            source,
            entry,
            None,
            format!("the linked alert answered HTTP {}", f.status),
        ),
        Err(e) => reject(
            app,
            index,
            source,
            entry,
            None,
            format!("the linked alert cannot be fetched: {e}"),
        ),
    }
}

/// An entry the feed reader skipped: an embedded alert that is not valid goes through the
/// intake all the same (so its refusal is recorded); an entry without an alert is only noted.
async fn skipped_entry(
    app: &AppState,
    index: usize,
    source: &FeedSource,
    principal: &Principal,
    memory: &mut Memory,
    skipped: SkippedEntry,
) {
    let SkippedEntry {
        position,
        id,
        reason,
        xml,
        ..
    } = skipped;
    if let Some(xml) = xml {
        take(
            app,
            index,
            source,
            principal,
            memory,
            id,
            Some(position),
            xml.as_bytes(),
        )
        .await;
        return;
    }
    let key = format!("skipped:{}:{reason}", id.as_deref().unwrap_or_default());
    if memory.handled.contains(&key) {
        return;
    }
    memory.remember(key);
    reject(app, index, source, id, Some(position), reason);
}

/// An absolute http(s) URL for a link: absolute, or a path on the feed's host.
fn resolve(feed: &str, href: &str) -> Option<String> {
    let href = href.trim();
    if super::http_url(href).is_some() {
        return Some(href.to_owned());
    }
    if href.starts_with('/') && !href.starts_with("//") {
        let (scheme, rest) = feed.split_once("://")?;
        let authority = rest.split(['/', '?', '#']).next()?;
        let url = format!("{scheme}://{authority}{href}");
        return super::http_url(&url).is_some().then_some(url);
    }
    None
}
