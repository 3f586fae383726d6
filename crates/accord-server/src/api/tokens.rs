//! API tokens through the API (administrators).

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::app::AppState;
use crate::error::AppError;
use crate::viewer::Ctx;

use super::{check_csrf_header, json_body};

/// A token, without its secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenView {
    /// Its id.
    id: String,
    /// Its name.
    name: String,
    /// The account it signs in as.
    account: String,
    /// When it was created (Unix seconds).
    created_at: i64,
    /// When it was revoked (Unix seconds), if it was.
    revoked_at: Option<i64>,
}

impl From<accord_store::ApiToken> for TokenView {
    fn from(t: accord_store::ApiToken) -> Self {
        TokenView {
            id: t.id,
            name: t.name,
            account: t.account_id,
            created_at: t.created_at,
            revoked_at: t.revoked_at,
        }
    }
}

/// Every token.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = [TokenView]), (status = 403, body = crate::error::Problem)))]
pub async fn list(State(app): State<AppState>, ctx: Ctx) -> Result<Json<Vec<TokenView>>, AppError> {
    let tokens = crate::tokens::list(&app, &ctx).await?;
    Ok(Json(tokens.into_iter().map(TokenView::from).collect()))
}

/// A token to create.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    /// The user name of the account it signs in as.
    account: String,
    /// A name for it (the client: "Armenia national crisis centre").
    name: String,
}

/// A created token: the secret is shown only here.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedToken {
    /// The token.
    #[serde(flatten)]
    view: TokenView,
    /// The secret, for the `Authorization: Bearer` header.
    token: String,
}

/// Create a token.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "accounts", request_body = NewToken,
    security(("bearer" = [])),
    responses((status = 201, body = CreatedToken), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<NewToken>, JsonRejection>,
) -> Result<(StatusCode, Json<CreatedToken>), AppError> {
    check_csrf_header(&ctx, &headers)?;
    crate::access::require(
        &ctx,
        accord_core::Action::ManageAccounts,
        accord_core::Classification::Public,
    )?;
    let new = json_body(body)?;
    let (row, token) = crate::tokens::create(&app, &ctx, &new.account, &new.name).await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedToken {
            view: row.into(),
            token,
        }),
    ))
}

/// Revoke a token.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "accounts", security(("bearer" = [])),
    params(("id" = String, Path, description = "the token's id")),
    responses((status = 204), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn revoke(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    check_csrf_header(&ctx, &headers)?;
    crate::tokens::revoke(&app, &ctx, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// How many sessions were ended.
#[derive(Debug, Serialize, ToSchema)]
pub struct Revoked {
    /// The number of sessions revoked.
    sessions: u64,
}

/// Sign an account out everywhere: revoke all its sessions (its API tokens are revoked one by
/// one).
#[utoipa::path(delete, path = "/api/v1/accounts/{username}/sessions", tag = "accounts",
    security(("bearer" = [])),
    params(("username" = String, Path, description = "the account's user name")),
    responses((status = 200, body = Revoked), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem)))]
pub async fn revoke_sessions(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(username): Path<String>,
) -> Result<Json<Revoked>, AppError> {
    use accord_store::Store as _;
    check_csrf_header(&ctx, &headers)?;
    crate::access::require(
        &ctx,
        accord_core::Action::ManageAccounts,
        accord_core::Classification::Public,
    )?;
    let store = app.journal.store();
    let account = store
        .account_by_username(&username)
        .await?
        .ok_or(AppError::NotFound)?;
    let sessions = store.revoke_sessions_of(&account.id).await?;
    tracing::info!(account.id = %account.id, sessions, "sessions revoked");
    Ok(Json(Revoked { sessions }))
}
