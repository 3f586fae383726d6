//! `accord verify-proof FILE --key VKEY`: checks one entry offline, from the C2SP tlog-proof an
//! entry page offers for download (the entry itself in its `extra` line): the checkpoint's
//! signature (and the witnesses' cosignatures the policy asks for), and the entry's inclusion
//! under the checkpoint's root.

use std::path::PathBuf;

use accord_core::Envelope;
use accord_ledger::{TlogProof, verify_entry};
use anyhow::{Context as _, Result};
use clap::Args;

use crate::out;
use crate::verify_cmd::TrustArgs;

/// Arguments of `accord verify-proof`.
#[derive(Debug, Args)]
pub(crate) struct VerifyProofArgs {
    /// The proof file (`c2sp.org/tlog-proof@v1`, with the entry in its `extra` line).
    #[arg(value_name = "FILE")]
    proof: PathBuf,
    #[command(flatten)]
    trust: TrustArgs,
}

pub(crate) fn run(args: &VerifyProofArgs) -> Result<()> {
    let policy = args.trust.policy()?;
    let shown = args.proof.display();
    let bytes = std::fs::read(&args.proof).with_context(|| format!("cannot read {shown}"))?;
    let proof = TlogProof::parse(&bytes).with_context(|| format!("{shown} is not a tlog-proof"))?;
    let entry = proof
        .extra
        .as_deref()
        .with_context(|| format!("{shown} carries no entry (its extra line is missing)"))?;
    let trusted =
        verify_entry(entry, &proof, &policy).with_context(|| format!("{shown} does not verify"))?;
    let envelope = Envelope::parse(entry)
        .with_context(|| format!("the entry in {shown} is not an Accord envelope"))?;
    anyhow::ensure!(
        envelope.seq().0 == proof.index,
        "the entry says it is entry {}, the proof is for entry {}",
        envelope.seq().0,
        proof.index
    );
    let cp = &trusted.checkpoint;
    out(&format!(
        "verified: entry {} ({}, {}, {}) is in the log {} under checkpoint size {} root {}",
        proof.index,
        envelope.kind(),
        envelope.time(),
        envelope.classification().as_str(),
        cp.origin(),
        cp.size(),
        cp.root().to_base64()
    ));
    Ok(())
}
