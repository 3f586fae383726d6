//! The administrator's page: API tokens for machine clients, created (shown once) and revoked.

use accord_core::{Action, Classification};
use accord_store::Store as _;
use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{OriginalUri, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse as _, Redirect, Response};
use serde::Deserialize;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::tokens;
use crate::viewer::Ctx;

use super::login::{CsrfForm, check_csrf};
use super::{Page, here, render};

/// A token as the page lists it.
#[derive(Debug)]
pub struct TokenRow {
    id: String,
    name: String,
    account: String,
    created: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage<'a> {
    page: Page<'a>,
    tokens: Vec<TokenRow>,
    accounts: Vec<String>,
    created: Option<String>,
}

async fn admin_page(
    app: &AppState,
    ctx: &Ctx,
    path: &str,
    created: Option<String>,
) -> Result<Response, AppError> {
    require(ctx, Action::ManageAccounts, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let store = app.journal.store();
    let mut accounts = Vec::new();
    let mut rows = Vec::new();
    for t in tokens::list(app, ctx).await? {
        let account = store
            .account(&t.account_id)
            .await?
            .map_or_else(|| t.account_id.clone(), |a| a.username);
        rows.push(TokenRow {
            id: t.id,
            name: t.name,
            account,
            created: accord_core::Timestamp::from_unix_seconds(t.created_at)
                .map(|t| t.to_string())
                .unwrap_or_default(),
            active: t.revoked_at.is_none(),
        });
    }
    for id in app.journal.state().accounts().keys() {
        accounts.push(id.as_str().to_owned());
    }
    let mut usernames = Vec::new();
    for id in accounts {
        if let Some(a) = store.account(&id).await? {
            usernames.push(a.username);
        }
    }
    render(
        StatusCode::OK,
        &AdminPage {
            page: Page::new(app, ctx, path, tr.t("admin-title")),
            tokens: rows,
            accounts: usernames,
            created,
        },
    )
}

/// `GET /admin`.
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    admin_page(&app, &ctx, &here(&uri), None).await
}

/// The new-token form.
#[derive(Debug, Deserialize)]
pub struct NewTokenForm {
    csrf: String,
    account: String,
    name: String,
}

/// `POST /admin/tokens`: creates a token and shows it once.
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    form: Result<Form<NewTokenForm>, FormRejection>,
) -> Result<Response, AppError> {
    require(&ctx, Action::ManageAccounts, Classification::Public)?;
    let form = super::form_body(form)?;
    check_csrf(&ctx, &form.csrf)?;
    let (_, secret) = tokens::create(&app, &ctx, &form.account, &form.name).await?;
    admin_page(&app, &ctx, "/admin", Some(secret)).await
}

/// `POST /admin/tokens/{id}/revoke`.
pub async fn revoke(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Result<Response, AppError> {
    require(&ctx, Action::ManageAccounts, Classification::Public)?;
    let form = super::form_body(form)?;
    check_csrf(&ctx, &form.csrf)?;
    tokens::revoke(&app, &ctx, &id).await?;
    Ok(Redirect::to("/admin").into_response())
}
