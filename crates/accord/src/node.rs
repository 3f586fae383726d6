//! Opening this node's log: the store (migrated), the organisation's log key (created on first
//! start in the data directory), the organisation's configuration, and the journal, which
//! replays and checks the whole log before anything is served. An empty log is founded from the
//! configuration.

use std::io::Write as _;
use std::path::Path;
use std::sync::Arc;

use accord_core::{Command, CommandPayload, OrgConfig, Principal};
use accord_ledger::{KeyName, KeyType, SignerKey, VerifierKey};
use accord_store::{AnyStore, Clock, Journal, JournalConfig, Store, SystemClock};
use anyhow::{Context as _, Result};

use crate::settings::Settings;

/// Opens the store the settings name and applies pending migrations.
pub(crate) async fn open_store(settings: &Settings) -> Result<AnyStore> {
    let url = settings.database_url();
    if url.expose().starts_with("sqlite:") {
        std::fs::create_dir_all(&settings.data_dir).with_context(|| {
            format!(
                "cannot create the data directory {}",
                settings.data_dir.display()
            )
        })?;
    }
    let store = AnyStore::open(url.expose())
        .await
        .context("cannot open the database (check database_url)")?;
    store
        .migrate()
        .await
        .context("cannot migrate the database")?;
    Ok(store)
}

/// The organisation's configuration: the file the settings name, or the reference organisation.
pub(crate) fn organisation(settings: &Settings) -> Result<OrgConfig> {
    match &settings.organisation {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the organisation file {}", path.display()))?;
            Ok(OrgConfig::from_toml_str(
                &text,
                &path.display().to_string(),
            )?)
        }
        None => Ok(OrgConfig::reference()?),
    }
}

/// Reads a signer key file, or creates one (readable by its owner only) if there is none.
pub(crate) fn load_or_create_key(path: &Path, name: &str, kind: KeyType) -> Result<SignerKey> {
    match std::fs::read_to_string(path) {
        Ok(text) => SignerKey::parse(text.trim())
            .with_context(|| format!("{} is not a signer key", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = SignerKey::generate(KeyName::new(name)?, kind)?;
            write_secret_file(path, &key.to_private_string())?;
            tracing::info!(key.file = %path.display(), key.verifier = %key.verifier(), "created a new key");
            Ok(key)
        }
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Writes a new file only its owner can read; refuses to overwrite one.
pub(crate) fn write_secret_file(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {} (it must not exist yet)", path.display()))?;
    writeln!(file, "{text}").with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Opens the journal: replays and checks the log; founds the organisation if the log is empty.
/// Returns it with the log's verifier key.
pub(crate) async fn open_journal(settings: &Settings) -> Result<(Journal<AnyStore>, VerifierKey)> {
    open_journal_with(settings, Arc::new(SystemClock)).await
}

/// [`open_journal`] with the clock the journal takes its time from (the demo's tells its
/// scenario's times first).
pub(crate) async fn open_journal_with(
    settings: &Settings,
    clock: Arc<dyn Clock>,
) -> Result<(Journal<AnyStore>, VerifierKey)> {
    let config = organisation(settings)?;
    let store = open_store(settings).await?;
    let log_key = load_or_create_key(&settings.log_key_file(), &settings.origin, KeyType::Ed25519)?;
    let verifier = log_key.verifier().clone();
    let journal = Journal::open(
        store,
        JournalConfig {
            origin: settings.origin.clone(),
            log_key,
            checkpoint_interval: settings.checkpoint_interval,
        },
        clock,
    )
    .await
    .context("the log failed its start-up check; nothing will be served from it")?;
    if journal.head().0 == 0 {
        journal
            .submit(Command {
                principal: Principal::system(),
                payload: CommandPayload::FoundOrganisation {
                    config: Box::new(config),
                },
            })
            .await
            .context("cannot found the organisation")?;
    }
    Ok((journal, verifier))
}
