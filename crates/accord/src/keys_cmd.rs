//! `accord keys`: generates a log or witness key pair; writes the private key to a file only its
//! owner can read, and prints the verifier key that others configure.

use std::path::PathBuf;

use accord_ledger::{KeyName, KeyType, SignerKey};
use anyhow::Result;
use clap::{Args, ValueEnum};

use crate::node::write_secret_file;
use crate::out;

/// Arguments of `accord keys`.
#[derive(Debug, Args)]
pub(crate) struct KeysArgs {
    /// What the key signs: the organisation's log checkpoints, a member state's cosignatures,
    /// or a delegation's signatures of decisions.
    #[arg(long, value_enum, default_value = "witness")]
    kind: Kind,
    /// The key's name (for a log: its origin; for a witness: e.g. `witness.kz.example`; for a
    /// delegation: e.g. `delegation.kz`).
    #[arg(long)]
    name: String,
    /// Where to write the private key (refused if the file exists).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Kind {
    /// Signs checkpoints (C2SP signed note, Ed25519).
    Log,
    /// Cosigns checkpoints (C2SP cosignature/v1).
    Witness,
    /// A member delegation's key: signs adopted decisions (Ed25519; `accord sign`).
    Delegation,
}

pub(crate) fn run(args: &KeysArgs) -> Result<()> {
    let kind = match args.kind {
        Kind::Log | Kind::Delegation => KeyType::Ed25519,
        Kind::Witness => KeyType::CosignatureV1,
    };
    let key = SignerKey::generate(KeyName::new(&args.name)?, kind)?;
    write_secret_file(&args.out, &key.to_private_string())?;
    out(&format!("{}", key.verifier()));
    Ok(())
}
