//! What every handler shares: the journal, the catalogue, the configuration, the sign-in
//! throttle, the metrics, the read cache and the feed poller's board.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use accord_ledger::VerifierKey;
use accord_store::{AnyStore, Journal};
use tokio::sync::watch;

use crate::auth::Throttle;
use crate::cache::ReadCache;
use crate::feeds::{FeedBoard, FeedSource};
use crate::i18n::Catalog;
use crate::metrics::Metrics;

/// A member state's witness, as the operator configured it.
#[derive(Debug, Clone)]
pub struct WitnessKey {
    /// Whose witness it is: a state code (shown in the record explorer).
    pub label: String,
    /// Its cosignature/v1 verifier key.
    pub key: VerifierKey,
}

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Where to listen (port 0: any free port).
    pub listen: SocketAddr,
    /// Mark cookies `Secure` (the server is reached over TLS, usually through a proxy).
    pub secure_cookies: bool,
    /// How long a session lasts.
    pub session_ttl: Duration,
    /// The witnesses whose cosignatures the server accepts.
    pub witnesses: Vec<WitnessKey>,
    /// How many witnesses make a checkpoint "witnessed".
    pub witness_quorum: usize,
    /// The largest request body accepted, in bytes (also the bound on an alert a feed links to).
    pub max_body: usize,
    /// The CAP feeds to poll.
    pub feeds: Vec<FeedSource>,
}

impl ServerConfig {
    /// Defaults for `listen`: twelve-hour sessions, 1 MiB bodies, no witnesses.
    pub fn new(listen: SocketAddr) -> Self {
        ServerConfig {
            listen,
            secure_cookies: false,
            session_ttl: Duration::from_secs(12 * 3600),
            witnesses: Vec::new(),
            witness_quorum: 0,
            max_body: 1 << 20,
            feeds: Vec::new(),
        }
    }
}

/// The shared state behind every handler.
#[derive(Debug)]
pub struct App {
    pub(crate) journal: Journal<AnyStore>,
    pub(crate) catalog: Arc<Catalog>,
    pub(crate) config: ServerConfig,
    pub(crate) log_key: VerifierKey,
    pub(crate) throttle: Throttle,
    pub(crate) metrics: Metrics,
    /// What reads repeat: the newest envelopes, the latest checkpoint.
    pub(crate) cache: ReadCache,
    /// The map's spatial index and live deltas.
    pub(crate) map: crate::map::MapState,
    /// What the feed poller did with each feed.
    pub(crate) feeds: FeedBoard,
    /// Becomes `true` when the server starts to stop: live streams end.
    pub(crate) stopping: watch::Receiver<bool>,
    /// The full-text search index.
    pub(crate) search: crate::search::SearchState,
    /// Bearer tokens recently resolved to their accounts.
    pub(crate) tokens: crate::viewer::TokenCache,
}

/// The handle handlers take.
pub type AppState = Arc<App>;
