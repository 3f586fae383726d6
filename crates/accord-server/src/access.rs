//! The one door to the policy: handlers call [`require`] (or [`decide`] with an answer of
//! `policy::can` over a resource they loaded) before they read or act.

use accord_core::policy::{Denial, can};
use accord_core::{Action, Affiliation, Classification, Decision, Principal, Resource};

use crate::error::AppError;
use crate::viewer::Ctx;

/// Asks the policy whether the reader may `action` a resource of `classification` with no
/// release list; a refusal becomes 401 (not signed in) or 403.
pub fn require(ctx: &Ctx, action: Action, classification: Classification) -> Result<(), AppError> {
    decide(
        ctx,
        can(
            &ctx.viewer.principal,
            action,
            &Resource::classified(classification),
        ),
    )
}

/// Turns the policy's answer into a result: the public is told to sign in, others are refused.
pub fn decide(ctx: &Ctx, decision: Decision) -> Result<(), AppError> {
    match decision {
        Decision::Allow => Ok(()),
        Decision::Deny(denial) => {
            if *ctx.viewer.principal.affiliation() == Affiliation::Public
                && ctx.viewer.account.is_none()
            {
                Err(AppError::SignIn(match denial {
                    Denial::NotSignedIn(_) => denial,
                    _ => Denial::NotSignedIn(Classification::Public),
                }))
            } else {
                Err(AppError::Forbidden(denial))
            }
        }
    }
}

/// Whether the reader may read a record of this classification and release list.
pub fn may_read(ctx: &Ctx, resource: &Resource<'_>) -> bool {
    principal_may_read(&ctx.viewer.principal, resource)
}

/// Whether a principal may read a record of this classification and release list (for code
/// that holds the principal without the request, such as the map's index and live feed).
pub fn principal_may_read(principal: &Principal, resource: &Resource<'_>) -> bool {
    can(principal, Action::Read, resource).is_allowed()
}

/// Refuses early, before a request's body is read, a reader whose affiliation or roles never
/// allow any of `actions` (the command's own check, against the record it acts on, follows in
/// `decide`).
pub fn gate(ctx: &Ctx, actions: &[Action]) -> Result<(), AppError> {
    let public = Resource::classified(Classification::Public);
    let answers: Vec<Decision> = actions
        .iter()
        .map(|action| can(&ctx.viewer.principal, *action, &public))
        .collect();
    if answers.iter().any(Decision::is_allowed) {
        return Ok(());
    }
    match answers.into_iter().next() {
        Some(denied) => decide(ctx, denied),
        None => Ok(()),
    }
}

/// Submits a command as the reader, with the blobs its events name (stored in the same
/// transaction): `decide` applies the policy and the rules in the journal, and a refusal comes
/// back as the rule it broke (the public asked to sign in, others refused).
pub async fn submit(
    app: &crate::app::AppState,
    ctx: &Ctx,
    payload: accord_core::CommandPayload,
    blobs: Vec<accord_store::Blob>,
) -> Result<accord_store::Receipt, AppError> {
    let command = accord_core::Command {
        principal: ctx.viewer.principal.clone(),
        payload,
    };
    match app.journal.submit_with_blobs(vec![command], blobs).await {
        Ok(receipts) => receipts
            .into_iter()
            .next()
            .ok_or_else(|| AppError::Internal("a command wrote no receipt".into())),
        Err(accord_store::SubmitError::Rejected(accord_core::DomainError::AccessDenied(
            denial,
        ))) => {
            decide(ctx, Decision::Deny(denial))?;
            Err(AppError::Internal(
                "the policy refused and allowed at once".into(),
            ))
        }
        Err(e) => Err(e.into()),
    }
}
