//! `accord sign`: a head of delegation signs a decision's signing message with the delegation's
//! key, offline. The message comes from the decision page or `GET /api/v1/decisions/{id}`
//! (`signing_message`); the base64 signature printed goes back to the server, which verifies it
//! with the delegation's registered key before recording it.

use std::io::Read as _;
use std::path::PathBuf;

use accord_ledger::{KeyType, SignerKey};
use anyhow::{Context as _, Result};
use base64::Engine as _;
use clap::Args;

use crate::out;

/// Arguments of `accord sign`.
#[derive(Debug, Args)]
pub(crate) struct SignArgs {
    /// The delegation's private key file (`accord keys --kind delegation`).
    #[arg(long, value_name = "FILE")]
    key: PathBuf,
    /// The file holding the signing message, exactly as the server gives it (`-`: standard
    /// input).
    #[arg(value_name = "MESSAGE_FILE")]
    message: PathBuf,
}

pub(crate) fn run(args: &SignArgs) -> Result<()> {
    let text = std::fs::read_to_string(&args.key)
        .with_context(|| format!("cannot read the key file {}", args.key.display()))?;
    let key = SignerKey::parse(text.trim())
        .with_context(|| format!("{} is not a private key", args.key.display()))?;
    anyhow::ensure!(
        key.verifier().kind() == KeyType::Ed25519,
        "{} is a witness's cosignature key; decisions are signed with a delegation key \
         (accord keys --kind delegation)",
        args.key.display()
    );
    let mut message = String::new();
    if args.message.as_os_str() == "-" {
        std::io::stdin()
            .read_to_string(&mut message)
            .context("cannot read the message from standard input")?;
    } else {
        message = std::fs::read_to_string(&args.message)
            .with_context(|| format!("cannot read {}", args.message.display()))?;
    }
    anyhow::ensure!(
        message.starts_with("accord decision signature v1\n"),
        "this is not a decision's signing message (it starts with \
         \"accord decision signature v1\"); copy it whole from the decision page"
    );
    out(&base64::engine::general_purpose::STANDARD.encode(key.sign(&message)));
    Ok(())
}
