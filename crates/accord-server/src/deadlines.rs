//! The deadline scheduler: ends each silence procedure at its deadline.
//!
//! It reads the earliest open deadline from the state, sleeps until it (waking early when a new
//! entry may have changed the deadlines), and submits `ConcludeSilence` as the system. A
//! deadline that passed while the server was down is concluded at start-up; `decide` records
//! the deadline itself as the decision's effective time, whenever the command runs.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use accord_core::secretariat::SecretariatCommand;
use accord_core::{Command, CommandPayload, Principal};
use accord_store::{AnyStore, Journal, SubmitError};
use tokio::sync::{broadcast, watch};

/// The longest the scheduler sleeps without looking again.
const IDLE: Duration = Duration::from_secs(3600);

fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Runs until `stopping` becomes true: concludes every silence procedure whose deadline has
/// come, as soon as it comes (within the second).
pub async fn run(journal: &Journal<AnyStore>, mut stopping: watch::Receiver<bool>) {
    let mut entries = journal.subscribe();
    loop {
        if *stopping.borrow() {
            return;
        }
        let next = journal
            .state()
            .secretariat()
            .silence_deadlines()
            .first()
            .copied();
        let wait = match next {
            Some((deadline, procedure)) => {
                let due_in = deadline.unix_seconds().saturating_mul(1000) - now_millis();
                if due_in <= 0 {
                    conclude(journal, procedure).await;
                    continue;
                }
                Duration::from_millis(u64::try_from(due_in).unwrap_or(0)).min(IDLE)
            }
            None => IDLE,
        };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            received = entries.recv() => {
                if let Err(broadcast::error::RecvError::Closed) = received {
                    return;
                }
            }
            _ = stopping.changed() => {}
        }
    }
}

/// Concludes one procedure; a failure is logged and retried a second later.
async fn conclude(
    journal: &Journal<AnyStore>,
    procedure: accord_core::secretariat::model::ProcedureId,
) {
    let command = Command {
        principal: Principal::system(),
        payload: CommandPayload::Secretariat(SecretariatCommand::ConcludeSilence { procedure }),
    };
    match journal.submit(command).await {
        Ok(receipt) => {
            tracing::info!(
                procedure = procedure.0,
                entry = receipt.first.0,
                "silence procedure concluded at its deadline"
            );
        }
        Err(SubmitError::Rejected(rule)) => {
            // The journal's clock may lag ours by a fraction of a second.
            tracing::debug!(
                procedure = procedure.0,
                rule = rule.code(),
                "not concluded yet"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Err(e) => {
            tracing::warn!(procedure = procedure.0, error = %e, "could not conclude a silence procedure; retrying");
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
}
