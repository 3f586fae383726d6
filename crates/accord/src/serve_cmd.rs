//! `accord serve`: opens the node (replaying and checking the log) and serves it until Ctrl-C or
//! SIGTERM, then signs a last checkpoint.

use accord_ledger::{KeyType, VerifierKey};
use accord_server::{ServerConfig, WitnessKey};
use anyhow::{Context as _, Result};

use crate::node;
use crate::out;
use crate::settings::Settings;

/// The server's configuration from the operator's settings.
pub(crate) fn server_config(settings: &Settings) -> Result<ServerConfig> {
    let mut config = ServerConfig::new(settings.listen);
    config.secure_cookies = settings.secure_cookies;
    config.witness_quorum = settings.witness_quorum;
    config.feeds = settings.feeds.clone();
    for w in &settings.witnesses {
        let key = VerifierKey::parse(w.key.trim())
            .with_context(|| format!("the witness key of {} is not a verifier key", w.state))?;
        anyhow::ensure!(
            key.kind() == KeyType::CosignatureV1,
            "the witness key of {} is not a cosignature/v1 key (make one with `accord keys --kind witness`)",
            w.state
        );
        config.witnesses.push(WitnessKey {
            label: w.state.clone(),
            key,
        });
    }
    Ok(config)
}

/// Resolves when the process is asked to stop (Ctrl-C, or SIGTERM on Unix).
pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// Serves until stopped.
pub(crate) async fn run(settings: &Settings) -> Result<()> {
    let config = server_config(settings)?;
    let (journal, verifier) = node::open_journal(settings).await?;
    let server = accord_server::bind(config, journal, verifier.clone()).await?;
    out(&format!(
        "Accord is serving on http://{}",
        server.local_addr()
    ));
    out(&format!("log verifier key: {verifier}"));
    server.run(shutdown_signal()).await?;
    Ok(())
}
