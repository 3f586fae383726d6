//! `accord verify DIR|URL --key VKEY`: checks an exported or served log on its own: the checkpoint's
//! signature (and the witnesses' cosignatures the policy asks for), every entry against the
//! tiles and the checkpoint's root, each entry's envelope, and each exported body against the
//! hash its entry names. Exits non-zero naming the first failure.

use accord_core::{Envelope, LogIndex};
use accord_ledger::{LogReport, TrustPolicy, VerifierKey, open_checkpoint, verify_log};
use anyhow::{Context as _, Result, bail};
use clap::Args;

use crate::out;
use crate::source::Source;

/// Arguments of `accord verify`.
#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// An exported log (`accord export`), or the base URL a server serves its log under
    /// (`https://accord.example/log`).
    #[arg(value_name = "DIR|URL")]
    source: String,
    #[command(flatten)]
    trust: TrustArgs,
}

/// Whom a verifier trusts: the log's key and the member states' witnesses.
#[derive(Debug, Args)]
pub(crate) struct TrustArgs {
    /// The organisation's log verifier key (`name+keyid+base64`), or `@FILE` holding it.
    #[arg(long)]
    key: String,
    /// A member state's witness verifier key (repeatable), or `@FILE`.
    #[arg(long = "witness")]
    witnesses: Vec<String>,
    /// How many of those witnesses must have cosigned the checkpoint.
    #[arg(long, default_value_t = 0)]
    witnesses_required: usize,
}

impl TrustArgs {
    /// The trust policy these arguments describe.
    pub(crate) fn policy(&self) -> Result<TrustPolicy> {
        Ok(TrustPolicy {
            log_key: read_key(&self.key)?,
            witnesses: self
                .witnesses
                .iter()
                .map(|w| read_key(w))
                .collect::<Result<_>>()?,
            witnesses_required: self.witnesses_required,
        })
    }
}

/// A verifier key given as itself or as `@FILE`.
pub(crate) fn read_key(arg: &str) -> Result<VerifierKey> {
    let text = match arg.strip_prefix('@') {
        Some(file) => {
            std::fs::read_to_string(file).with_context(|| format!("cannot read {file}"))?
        }
        None => arg.to_owned(),
    };
    VerifierKey::parse(text.trim()).with_context(|| format!("{arg} is not a verifier key"))
}

pub(crate) fn run(args: &VerifyArgs) -> Result<()> {
    let policy = args.trust.policy()?;
    let source = Source::new(&args.source);
    let checkpoint = source
        .get("checkpoint")
        .map_err(anyhow::Error::msg)?
        .with_context(|| format!("{} has no checkpoint", source.describe()))?;
    let mut bodies = 0u64;
    let mut signatures = Signatures::default();
    let report = verify_log(&source, &checkpoint, &policy, |index, entry| {
        let envelope = Envelope::parse(entry).map_err(|e| format!("not an envelope: {e}"))?;
        if envelope.seq() != LogIndex(index) {
            return Err(format!(
                "the envelope says it is entry {}",
                envelope.seq().0
            ));
        }
        let name = format!("bodies/{}", envelope.body_hash().to_hex());
        match source.get(&name) {
            Ok(Some(body)) => {
                let event = envelope
                    .open(&body)
                    .map_err(|e| format!("its body does not match: {e}"))?;
                signatures.check(&event)?;
                bodies += 1;
            }
            Ok(None) => {}
            Err(e) => return Err(format!("its body cannot be read: {e}")),
        }
        Ok(())
    })
    .with_context(|| format!("{} does not verify", source.describe()))?;
    let older = verify_older_checkpoints(&source, &policy, &report)?;
    let cp = &report.checkpoint.checkpoint;
    let witnesses: Vec<&str> = report
        .checkpoint
        .witnesses
        .iter()
        .map(|w| w.as_str())
        .collect();
    out(&format!(
        "verified: {} entries, {} tiles, {bodies} bodies, {} decision signatures and {older} \
         signed checkpoints of the log's history under checkpoint {} size {} root {}; signed by \
         {}; cosigned by {}",
        report.entries,
        report.tiles,
        signatures.verified,
        cp.origin(),
        cp.size(),
        cp.root().to_base64(),
        policy.log_key.name().as_str(),
        if witnesses.is_empty() {
            "no trusted witness".to_owned()
        } else {
            witnesses.join(", ")
        },
    ));
    Ok(())
}

/// Each checkpoint in `checkpoints/` (the log's history of signed checkpoints) must be signed by the log and commit to the root
/// the verified entries give at its size: the log was only ever appended to.
fn verify_older_checkpoints(
    source: &Source,
    policy: &TrustPolicy,
    report: &LogReport,
) -> Result<usize> {
    // A directory lists its history; a server's history comes with its own routes (issue 4).
    let Source::Dir(dir) = source else {
        return Ok(0);
    };
    let Ok(files) = std::fs::read_dir(dir.0.join("checkpoints")) else {
        return Ok(0);
    };
    let only_the_log = TrustPolicy {
        log_key: policy.log_key.clone(),
        witnesses: vec![],
        witnesses_required: 0,
    };
    let mut count = 0;
    for file in files {
        let path = file?.path();
        let note =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let trusted = open_checkpoint(&note, &only_the_log)
            .with_context(|| format!("{} does not verify", path.display()))?;
        let cp = &trusted.checkpoint;
        if cp.size() > report.entries {
            bail!(
                "{} is for {} entries, more than the log's {}",
                path.display(),
                cp.size(),
                report.entries
            );
        }
        let root = report.tree.root_at(cp.size())?;
        if root != *cp.root() {
            bail!(
                "{} commits to root {} at size {}, but the log gives {}: the log was changed after \
                 that checkpoint was signed",
                path.display(),
                cp.root().to_base64(),
                cp.size(),
                root.to_base64()
            );
        }
        count += 1;
    }
    Ok(count)
}

/// Heads of delegation's signatures of decisions, checked as the log is read: each must verify
/// with the key it names, over the signing message of the decision record before it.
#[derive(Debug, Default)]
struct Signatures {
    /// The signing message of each decision record read so far.
    messages: std::collections::BTreeMap<u64, String>,
    verified: u64,
}

impl Signatures {
    fn check(&mut self, event: &accord_core::Event) -> Result<(), String> {
        use accord_core::Event;
        use accord_core::secretariat::{signing_message, verify_signature};
        match event {
            Event::DecisionRecorded(record) => {
                if let Some(message) = signing_message(record) {
                    self.messages.insert(record.decision.0, message);
                }
            }
            Event::DecisionSigned(signed) => {
                if let Some(expected) = self.messages.get(&signed.decision.0)
                    && *expected != signed.message
                {
                    return Err(format!(
                        "{}'s signature of decision {} is over another text than the decision's",
                        signed.state, signed.decision
                    ));
                }
                if !verify_signature(&signed.key, &signed.message, &signed.signature) {
                    return Err(format!(
                        "{}'s signature of decision {} does not verify with its key",
                        signed.state, signed.decision
                    ));
                }
                self.verified += 1;
            }
            _ => {}
        }
        Ok(())
    }
}
