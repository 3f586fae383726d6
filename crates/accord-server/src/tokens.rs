//! API tokens for machine clients (national crisis centres): created and revoked by an
//! administrator, shown once, stored as hashes.

use accord_core::{Action, Classification};
use accord_store::{ApiToken, Store as _};

use crate::access::require;
use crate::app::AppState;
use crate::auth::{self, TOKEN_PREFIX};
use crate::error::{AppError, FieldError};
use crate::viewer::{Ctx, unix_now};

/// Creates a token for the account with this user name. Returns the stored row and the secret,
/// which is shown once and never again.
pub async fn create(
    app: &AppState,
    ctx: &Ctx,
    username: &str,
    name: &str,
) -> Result<(ApiToken, String), AppError> {
    require(ctx, Action::ManageAccounts, Classification::Public)?;
    let mut errors = Vec::new();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.push(FieldError {
            field: "name".into(),
            message: "a name of 1 to 100 characters is required".into(),
        });
    }
    let store = app.journal.store();
    let account = store.account_by_username(username).await?;
    if account.is_none() {
        errors.push(FieldError {
            field: "account".into(),
            message: format!("there is no account with the user name {username:?}"),
        });
    }
    let Some(account) = account.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let secret = format!("{TOKEN_PREFIX}{}", auth::random_secret()?);
    let row = ApiToken {
        id: auth::random_secret()?[..16].to_owned(),
        token_hash: auth::secret_hash(&secret),
        account_id: account.id,
        name: name.to_owned(),
        created_at: unix_now(),
        revoked_at: None,
    };
    store.create_api_token(&row).await?;
    tracing::info!(token.id = %row.id, account.id = %row.account_id, "API token created");
    Ok((row, secret))
}

/// Revokes a token.
pub async fn revoke(app: &AppState, ctx: &Ctx, id: &str) -> Result<(), AppError> {
    require(ctx, Action::ManageAccounts, Classification::Public)?;
    let store = app.journal.store();
    let known = store.api_tokens().await?.into_iter().any(|t| t.id == id);
    if !known {
        return Err(AppError::NotFound);
    }
    store.revoke_api_token(id, unix_now()).await?;
    app.tokens.forget_all();
    tracing::info!(token.id = %id, "API token revoked");
    Ok(())
}

/// Every token (without secrets).
pub async fn list(app: &AppState, ctx: &Ctx) -> Result<Vec<ApiToken>, AppError> {
    require(ctx, Action::ManageAccounts, Classification::Public)?;
    Ok(app.journal.store().api_tokens().await?)
}
