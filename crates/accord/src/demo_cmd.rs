//! `accord demo`: a fresh node of the reference organisation with an account for every
//! affiliation, its first history, and one witness per member state running in the process
//! (over HTTP, as a member state's would), served until Ctrl-C.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use accord_core::config::MemberStatus;
use accord_ledger::{KeyName, KeyType, SignerKey, Witness};
use accord_server::WitnessKey;
use anyhow::{Context as _, Result};
use base64::Engine as _;
use clap::Args;

use crate::node;
use crate::out;
use crate::serve_cmd::{server_config, shutdown_signal};
use crate::settings::Settings;
use crate::source::Source;
use crate::witness_cmd::{MemberWitness, witness_round};

/// Arguments of `accord demo`.
#[derive(Debug, Args)]
pub(crate) struct DemoArgs {
    /// Where to listen.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// One password for every demo account (default: a random one for each, printed at start).
    #[arg(long, env = "ACCORD_DEMO_PASSWORD", hide_env_values = true)]
    password: Option<String>,
    /// How often each member state's witness checks the log, in seconds.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..))]
    witness_interval: u64,
}

fn random_password() -> Result<String> {
    let mut bytes = [0u8; 9];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// A new, empty data directory for this run (a demo never reuses one).
fn fresh_dir(settings: &Settings, given: bool) -> Result<PathBuf> {
    if given {
        let dir = settings.data_dir.clone();
        let empty = match std::fs::read_dir(&dir) {
            Ok(mut entries) => entries.next().is_none(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
        };
        anyhow::ensure!(
            empty,
            "{} is not empty: the demo starts from a fresh data directory (choose another)",
            dir.display()
        );
        return Ok(dir);
    }
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Ok(std::env::temp_dir().join(format!("accord-demo-{stamp}-{}", std::process::id())))
}

/// Runs the demo. `data_dir_given`: the operator chose the directory with `--data-dir`.
pub(crate) async fn run(
    mut settings: Settings,
    data_dir_given: bool,
    args: &DemoArgs,
) -> Result<()> {
    settings.data_dir = fresh_dir(&settings, data_dir_given)?;
    settings.database_url = None;
    settings.organisation = None;
    settings.listen = args.listen;
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("cannot create {}", settings.data_dir.display()))?;

    // The demo records its scenario at the times it happened (from November 2020), then goes
    // live on the system clock.
    let clock = Arc::new(accord_store::ScenarioClock::starting_at(
        accord_core::Timestamp::parse("2020-11-01T06:00:00Z").expect("a time"),
    ));
    let (journal, log_key) = node::open_journal_with(&settings, clock.clone()).await?;
    let members: Vec<String> = journal
        .state()
        .states()
        .iter()
        .filter(|(_, s)| s.status == MemberStatus::Member)
        .map(|(c, _)| c.as_str().to_owned())
        .collect();

    // One witness per member state, its key kept in the data directory as a state's would be.
    let mut config = server_config(&settings)?;
    let mut witnesses = Vec::new();
    for state in &members {
        let name = KeyName::new(&format!("witness.{}", state.to_lowercase()))?;
        let key = SignerKey::generate(name, KeyType::CosignatureV1)?;
        node::write_secret_file(
            &settings
                .data_dir
                .join(format!("witness-{}.key", state.to_lowercase())),
            &key.to_private_string(),
        )?;
        config.witnesses.push(WitnessKey {
            label: state.clone(),
            key: key.verifier().clone(),
        });
        witnesses.push((state.clone(), key));
    }
    config.witness_quorum = members.len() / 2 + 1;

    // A password per account, drawn before seeding so that a failure to get randomness stops
    // the demo instead of weakening a password.
    let drawn = (0..64)
        .map(|_| random_password())
        .collect::<Result<Vec<_>>>()?;
    let drawn = std::sync::Mutex::new(drawn);
    let seeded = accord_server::seed::seed(&journal, &clock, |_| match &args.password {
        Some(one) => one.clone(),
        None => drawn
            .lock()
            .expect("not poisoned")
            .pop()
            .expect("more passwords drawn than demo accounts"),
    })
    .await
    .map_err(|e| anyhow::anyhow!("cannot seed the demo: {e}"))?;

    let accounts = seeded.accounts;
    // Each delegation's signing key, kept in the data directory as a delegation would keep it.
    let mut key_files = Vec::new();
    for (state, key) in &seeded.delegation_keys {
        let path = settings
            .data_dir
            .join(format!("delegation-{}.key", state.as_str().to_lowercase()));
        node::write_secret_file(&path, &key.to_private_string())?;
        key_files.push(path);
    }

    let server = accord_server::bind(config, journal, log_key.clone()).await?;
    let address = server.local_addr();
    out(&format!("Accord demo: http://{address}/"));
    out(&format!("data directory: {}", settings.data_dir.display()));
    out(&format!("log verifier key: {log_key}"));
    out("accounts (user name, password, affiliation):");
    for (account, secret) in &accounts {
        out(&format!(
            "  {:<14} {:<14} {}",
            account.username,
            secret,
            serde_json::to_string(&account.affiliation).unwrap_or_default()
        ));
    }
    out(&format!(
        "verify the record: accord verify http://{address}/log --key '{log_key}'"
    ));
    if let Some(first) = key_files.first() {
        out(&format!(
            "delegations' signing keys: {} (sign a decision: accord sign --key {} MESSAGE_FILE)",
            settings.data_dir.display(),
            first.display()
        ));
    }
    out("Ctrl-C stops the demo.");

    let stop = Arc::new(AtomicBool::new(false));
    let base = format!("http://{address}/log");
    let mut threads = Vec::new();
    for (state, key) in witnesses {
        let witness = Witness::new(key, log_key.clone(), &settings.origin)?;
        let (stop, base) = (stop.clone(), base.clone());
        let interval = Duration::from_secs(args.witness_interval);
        threads.push(std::thread::spawn(move || {
            let source = Source::new(&base);
            let mut member = MemberWitness::new(witness);
            while !stop.load(Ordering::Relaxed) {
                let now = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                match witness_round(&source, &mut member, now) {
                    Ok(outcome) => tracing::debug!(witness = %state, "{outcome}"),
                    Err(failure) => tracing::warn!(witness = %state, "{failure}"),
                }
                let mut slept = Duration::ZERO;
                while slept < interval && !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(100));
                    slept += Duration::from_millis(100);
                }
            }
        }));
    }
    let result = server.run(shutdown_signal()).await;
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        let _ = t.join();
    }
    result?;
    Ok(())
}
