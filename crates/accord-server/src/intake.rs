//! Taking in a CAP alert, whoever sends it: a national centre or a partner through
//! `POST /api/v1/cap`, or the feed poller for a feed it reads. One function, so every source
//! goes through the same validation and leaves the same record: a valid alert is kept as a blob
//! under its SHA-256 and taken in (`ReceiveAlert`, with the releases to partners it makes); an
//! invalid one is refused with every problem and the refusal recorded (`RejectAlert`); an alert
//! already taken in (same sender, identifier and sent time) is a duplicate and writes nothing.

use accord_core::crisis::alerts::{AlertId, Problem, summarise};
use accord_core::crisis::{CrisisCommand, CrisisError};
use accord_core::{Command, CommandPayload, DomainError, Principal};
use accord_ledger::Hash;
use accord_store::{AnyStore, Blob, Journal, Receipt, SubmitError};
use sha2::{Digest as _, Sha256};

use crate::error::AppError;

/// What became of an alert sent in.
#[derive(Debug)]
pub enum Intake {
    /// Valid and new: taken in as `alert`.
    Taken {
        /// Its number.
        alert: AlertId,
        /// The SHA-256 of its XML, `sha256:<hex>` (the blob's key).
        xml_hash: String,
        /// The entries written.
        receipt: Receipt,
    },
    /// Taken in before; nothing written.
    Duplicate(DomainError),
    /// Not valid CAP 1.2: refused, and the refusal recorded with every problem.
    Rejected {
        /// Every error the validator reported, with its code and path.
        problems: Vec<Problem>,
        /// The entry recording the refusal.
        receipt: Receipt,
    },
}

/// Validates `xml` and takes it in as `principal` (whom the policy must allow to report
/// alerts: the command is refused otherwise, and nothing is written).
pub async fn take_in(
    journal: &Journal<AnyStore>,
    principal: &Principal,
    xml: &[u8],
) -> Result<Intake, AppError> {
    let hash = Hash(Sha256::digest(xml).into());
    let xml_hash = format!("sha256:{}", hash.to_hex());
    let size = u64::try_from(xml.len()).unwrap_or(u64::MAX);
    let validation = accord_cap::validate(xml);
    let summary = validation
        .alert
        .as_ref()
        .and_then(|alert| summarise(alert, xml_hash.clone(), size));
    let submit = |command| {
        journal.submit(Command {
            principal: principal.clone(),
            payload: CommandPayload::Crisis(command),
        })
    };
    let Some(summary) = summary else {
        let problems: Vec<Problem> = validation
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| Problem {
                code: d.code.as_str().to_owned(),
                path: d.path.clone(),
                message: d.message.clone(),
            })
            .collect();
        // The refusal is recorded: who sent what, and why.
        let receipt = submit(CrisisCommand::RejectAlert {
            xml_hash,
            xml_size: size,
            sender: None,
            problems: problems.clone(),
        })
        .await?;
        return Ok(Intake::Rejected { problems, receipt });
    };
    let key = summary.key.clone();
    let duplicate = |existing| {
        Intake::Duplicate(DomainError::Crisis(CrisisError::DuplicateAlert {
            key: key.to_string(),
            existing,
        }))
    };
    // Feeds repeat what they carried before: answer from the state without a write. `decide`
    // checks again, against the state the command is decided on.
    if let Some(existing) = journal.state().crisis().alert_by_key(&key) {
        return Ok(duplicate(existing));
    }
    // The original XML is stored with the entry that names it, in one transaction.
    let taken = journal
        .submit_with_blobs(
            vec![Command {
                principal: principal.clone(),
                payload: CommandPayload::Crisis(CrisisCommand::ReceiveAlert { summary }),
            }],
            vec![Blob {
                hash,
                media_type: "application/cap+xml".to_owned(),
                bytes: xml.to_vec(),
            }],
        )
        .await
        .map(|receipts| receipts[0]);
    match taken {
        Ok(receipt) => {
            let alert = journal.state().crisis().alert_by_key(&key).ok_or_else(|| {
                AppError::Internal("an alert taken in is not in the state".into())
            })?;
            Ok(Intake::Taken {
                alert,
                xml_hash,
                receipt,
            })
        }
        Err(SubmitError::Rejected(DomainError::Crisis(CrisisError::DuplicateAlert {
            existing,
            ..
        }))) => Ok(duplicate(existing)),
        Err(e) => Err(e.into()),
    }
}
