//! The real server on a random port, with a fresh store, the reference organisation founded and
//! the demo accounts seeded, running on a thread of its own so that tests can use a blocking
//! HTTP client. Dropping it shuts the server down (which signs a last checkpoint).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use accord_core::{AccountId, Affiliation, Command, CommandPayload, Principal, Role};
use accord_ledger::VerifierKey;
use accord_server::accounts::NewAccount;
use accord_server::feeds::FeedSource;
use accord_server::{ServerConfig, WitnessKey};
use accord_store::{Backend, Journal, ScenarioClock};
use tokio::sync::oneshot;

use crate::TestStore;
use crate::fixtures::{found, journal_config};

/// Every demo account's password in tests.
pub const PASSWORD: &str = "correct horse battery staple";

/// The log's origin in tests.
pub const ORIGIN: &str = "accord.test/log";

/// How to start the app.
#[derive(Debug, Clone)]
pub struct Options {
    /// The backend.
    pub backend: Backend,
    /// The witnesses the server accepts.
    pub witnesses: Vec<WitnessKey>,
    /// How many make a checkpoint witnessed.
    pub witness_quorum: usize,
    /// The largest request body.
    pub max_body: usize,
    /// Whether the demo's Crisis Response Centre picture is recorded (tests that count what
    /// is on the map start from an empty picture).
    pub crisis_demo: bool,
    /// The CAP feeds the server polls.
    pub feeds: Vec<FeedSource>,
    /// Accounts made after the demo's, with the test password: user name, affiliation, roles.
    pub accounts: Vec<(String, Affiliation, Vec<Role>)>,
    /// Commands submitted after the seed, each as the named account (an exchange agreement
    /// made by the duty officer, ...).
    pub commands: Vec<(String, CommandPayload)>,
    /// Commands submitted as the system after the seed and before the accounts are made
    /// (admitting a partner state for a test's accounts, ...).
    pub system_commands: Vec<CommandPayload>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            backend: Backend::Sqlite,
            witnesses: Vec::new(),
            witness_quorum: 0,
            max_body: 1 << 20,
            crisis_demo: true,
            feeds: Vec::new(),
            accounts: Vec::new(),
            commands: Vec::new(),
            system_commands: Vec::new(),
        }
    }
}

/// A running app.
#[derive(Debug)]
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The address.
    pub addr: SocketAddr,
    /// The log's verifier key.
    pub log_key: VerifierKey,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestApp {
    /// Starts an app on SQLite with no witnesses.
    pub fn start() -> Self {
        Self::with(Options::default())
    }

    /// Starts an app with these options.
    pub fn with(options: Options) -> Self {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (shutdown, stop) = oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async move {
                let store = TestStore::new(options.backend).await;
                let config = journal_config(ORIGIN, Duration::from_millis(100));
                let log_key = config.log_key.verifier().clone();
                let clock = Arc::new(ScenarioClock::starting_at(
                    accord_core::Timestamp::parse("2020-11-01T06:00:00Z").expect("a time"),
                ));
                let journal = Journal::open(store.store.clone(), config, clock.clone())
                    .await
                    .expect("the journal opens");
                journal
                    .submit(found())
                    .await
                    .expect("the organisation is founded");
                let picture = if options.crisis_demo {
                    accord_server::seed::Picture::Current
                } else {
                    accord_server::seed::Picture::Empty
                };
                accord_server::seed::seed_with(&journal, &clock, |_| PASSWORD.to_owned(), picture)
                    .await
                    .expect("the demo seed");
                for payload in options.system_commands {
                    journal
                        .submit(Command {
                            principal: Principal::system(),
                            payload,
                        })
                        .await
                        .expect("a system command of the test");
                }
                prepare(&journal, options.accounts, options.commands).await;
                let mut server_config = ServerConfig::new(([127, 0, 0, 1], 0).into());
                server_config.witnesses = options.witnesses;
                server_config.witness_quorum = options.witness_quorum;
                server_config.max_body = options.max_body;
                server_config.feeds = options.feeds;
                let server = accord_server::bind(server_config, journal, log_key.clone())
                    .await
                    .expect("the server binds");
                ready_tx
                    .send((server.local_addr(), log_key))
                    .expect("the test waits");
                server
                    .run(async move {
                        let _ = stop.await;
                    })
                    .await
                    .expect("the server runs");
                drop(store);
            });
        });
        let (addr, log_key) = ready_rx.recv().expect("the app starts");
        TestApp {
            base: format!("http://{addr}"),
            addr,
            log_key,
            shutdown: Some(shutdown),
            thread: Some(thread),
        }
    }

    /// The URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// Makes the extra accounts, then submits the extra commands.
async fn prepare(
    journal: &Journal<accord_store::AnyStore>,
    accounts: Vec<(String, Affiliation, Vec<Role>)>,
    commands: Vec<(String, CommandPayload)>,
) {
    for (username, affiliation, roles) in accounts {
        accord_server::accounts::create(
            journal,
            &Principal::system(),
            NewAccount {
                username,
                password: PASSWORD.to_owned(),
                affiliation,
                roles,
            },
        )
        .await
        .expect("a test account");
    }
    for (account, payload) in commands {
        let id = AccountId::parse(&account).expect("an account id");
        let principal = journal.state().principal(&id).expect("the account exists");
        journal
            .submit(Command { principal, payload })
            .await
            .expect("a test command");
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
