//! Signing in and out. The sign-in form carries a CSRF token tied to a cookie (the visitor has
//! no session yet); failures are throttled per account and per address, and a failure takes as
//! long whether or not the account exists.

use std::net::SocketAddr;
use std::time::Instant;

use accord_store::{SessionRow, Store as _};
use askama::Template;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, OriginalUri, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse as _, Redirect, Response};
use serde::Deserialize;

use crate::app::AppState;
use crate::auth::{self, FORM_COOKIE, SESSION_COOKIE};
use crate::error::AppError;
use crate::viewer::{Ctx, cookie, unix_now};

use super::{NextQuery, Page, here, render, safe_next};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    page: Page<'a>,
    form_token: String,
    next: String,
    username: String,
    failure: Option<String>,
}

fn set_cookie(response: &mut Response, value: &str) -> Result<(), AppError> {
    response.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_str(value).map_err(|e| AppError::internal("cookie", e))?,
    );
    Ok(())
}

fn secure(app: &AppState) -> &'static str {
    if app.config.secure_cookies {
        "; Secure"
    } else {
        ""
    }
}

/// What the sign-in form shows besides the layout.
struct LoginView {
    form_token: String,
    next: String,
    username: String,
    failure: Option<String>,
}

fn login_page(
    app: &AppState,
    ctx: &Ctx,
    path: &str,
    status: StatusCode,
    view: LoginView,
) -> Result<Response, AppError> {
    let tr = app.catalog.tr(ctx.lang);
    let cookie = format!(
        "{FORM_COOKIE}={}; Path=/login; HttpOnly; SameSite=Strict{}",
        view.form_token,
        secure(app)
    );
    let mut response = render(
        status,
        &LoginPage {
            page: Page::new(app, ctx, path, tr.t("login-title")),
            form_token: view.form_token,
            next: view.next,
            username: view.username,
            failure: view.failure,
        },
    )?;
    set_cookie(&mut response, &cookie)?;
    Ok(response)
}

/// `GET /login`.
pub async fn form(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    Query(query): Query<NextQuery>,
) -> Result<Response, AppError> {
    let token = match cookie(&headers, FORM_COOKIE) {
        Some(t) if t.len() == 43 => t.to_owned(),
        _ => auth::random_secret()?,
    };
    let next = safe_next(query.next.as_deref()).to_owned();
    login_page(
        &app,
        &ctx,
        &here(&uri),
        StatusCode::OK,
        LoginView {
            form_token: token,
            next,
            username: String::new(),
            failure: None,
        },
    )
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    csrf: String,
    next: Option<String>,
}

/// `POST /login`.
pub async fn submit(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    OriginalUri(uri): OriginalUri,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Result<Response, AppError> {
    let form = super::form_body(form)?;
    let expected = cookie(&headers, FORM_COOKIE).ok_or(AppError::Csrf)?;
    if !auth::same_token(expected, &form.csrf) {
        return Err(AppError::Csrf);
    }
    let next = safe_next(form.next.as_deref()).to_owned();
    let address = peer.ip();
    let now = Instant::now();
    let tr = app.catalog.tr(ctx.lang);
    let fail = |message: String, status: StatusCode| {
        login_page(
            &app,
            &ctx,
            &here(&uri),
            status,
            LoginView {
                form_token: form.csrf.clone(),
                next: next.clone(),
                username: form.username.clone(),
                failure: Some(message),
            },
        )
    };
    if let Err(wait) = app.throttle.check(&form.username, address, now) {
        tracing::warn!(client.address = %address, "sign-in throttled");
        let mut response = fail(
            tr.args(
                "login-throttled",
                &[("minutes", crate::i18n::Arg::Num(wait.div_ceil(60)))],
            ),
            StatusCode::TOO_MANY_REQUESTS,
        )?;
        response.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from_str(&wait.to_string())
                .map_err(|e| AppError::internal("header", e))?,
        );
        return Ok(response);
    }
    let store = app.journal.store();
    let account = store
        .account_by_username(&form.username)
        .await?
        .filter(|a| !a.disabled);
    let phc = account.as_ref().map_or_else(
        || auth::decoy_hash().to_owned(),
        |a| a.password_hash.clone(),
    );
    let password = form.password.clone();
    let matches = tokio::task::spawn_blocking(move || auth::verify_password(&password, &phc))
        .await
        .map_err(|e| AppError::internal("password check", e))?;
    let Some(account) = account.filter(|_| matches) else {
        app.throttle.fail(&form.username, address, now);
        tracing::info!(client.address = %address, "a sign-in failed");
        return fail(tr.t("login-failed"), StatusCode::UNAUTHORIZED);
    };
    app.throttle.succeed(&form.username);
    let secret = auth::random_secret()?;
    let created_at = unix_now();
    let ttl = i64::try_from(app.config.session_ttl.as_secs()).unwrap_or(i64::MAX);
    store
        .create_session(&SessionRow {
            id_hash: auth::secret_hash(&secret),
            account_id: account.id.clone(),
            created_at,
            expires_at: created_at.saturating_add(ttl),
            revoked: false,
        })
        .await?;
    tracing::info!(account.id = %account.id, "signed in");
    let target = if next == "/" || next.starts_with("/login") {
        "/home"
    } else {
        &next
    };
    let mut response = Redirect::to(target).into_response();
    set_cookie(
        &mut response,
        &format!(
            "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Strict; Max-Age={ttl}{}",
            secure(&app)
        ),
    )?;
    set_cookie(
        &mut response,
        &format!("{FORM_COOKIE}=; Path=/login; Max-Age=0{}", secure(&app)),
    )?;
    Ok(response)
}

/// A form that carries only its CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    /// The token.
    pub csrf: String,
}

/// Checks a signed-in form's CSRF token against the session's.
pub fn check_csrf(ctx: &Ctx, token: &str) -> Result<(), AppError> {
    match &ctx.viewer.csrf {
        Some(expected) if auth::same_token(expected, token) => Ok(()),
        _ => Err(AppError::Csrf),
    }
}

/// `POST /logout`: revokes the session.
pub async fn logout(
    State(app): State<AppState>,
    ctx: Ctx,
    form: Result<Form<CsrfForm>, FormRejection>,
) -> Result<Response, AppError> {
    let form = super::form_body(form)?;
    let Some(session) = ctx.viewer.session else {
        return Ok(Redirect::to("/").into_response());
    };
    check_csrf(&ctx, &form.csrf)?;
    app.journal.store().revoke_session(&session).await?;
    let mut response = Redirect::to("/").into_response();
    set_cookie(
        &mut response,
        &format!(
            "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
            secure(&app)
        ),
    )?;
    Ok(response)
}
