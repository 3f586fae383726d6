//! Error pages: any error a page route answers becomes a page in the reader's language, with
//! the layout, instead of a problem document.

use askama::Template;
use axum::extract::{OriginalUri, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};

use crate::app::AppState;
use crate::error::Problem;
use crate::viewer::Ctx;

use super::{Page, render};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page: Page<'a>,
    text: String,
    sign_in: bool,
    next: String,
    rule: Option<String>,
    fields: Vec<crate::error::FieldError>,
}

/// The middleware over page routes.
pub async fn pages(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let ctx = request.extensions().get::<Ctx>().cloned();
    let uri = request
        .extensions()
        .get::<OriginalUri>()
        .map_or_else(|| request.uri().clone(), |o| o.0.clone());
    let response = next.run(request).await;
    let Some(problem) = response.extensions().get::<Problem>().cloned() else {
        return response;
    };
    let Some(ctx) = ctx else { return response };
    let status = response.status();
    let mut page = error_page(&app, &ctx, &super::here(&uri), status, &problem);
    // Keep headers the error set (Retry-After).
    for (name, value) in response.headers() {
        if name == axum::http::header::RETRY_AFTER {
            page.headers_mut().insert(name, value.clone());
        }
    }
    page
}

/// The page for an error.
pub fn error_page(
    app: &AppState,
    ctx: &Ctx,
    path: &str,
    status: StatusCode,
    problem: &Problem,
) -> Response {
    let tr = app.catalog.tr(ctx.lang);
    let (title, text) = match status.as_u16() {
        401 | 403 => (tr.t("error-403-title"), tr.t("error-403-text")),
        404 => (tr.t("error-404-title"), tr.t("error-404-text")),
        413 => (tr.t("error-413-title"), tr.t("error-413-text")),
        500 => (tr.t("error-500-title"), tr.t("error-500-text")),
        400 | 422 => (tr.t("error-400-title"), problem.detail.clone()),
        429 => (tr.t("error-429-title"), problem.detail.clone()),
        code => (
            tr.args(
                "error-other-title",
                &[("status", crate::i18n::Arg::Num(u64::from(code)))],
            ),
            problem.detail.clone(),
        ),
    };
    // A refusal to the public is a 403 page that offers to sign in.
    let sign_in = status == StatusCode::UNAUTHORIZED;
    let status = if sign_in {
        StatusCode::FORBIDDEN
    } else {
        status
    };
    let page = ErrorPage {
        page: Page::new(app, ctx, path, title),
        text,
        sign_in,
        next: super::urlencode(path),
        rule: problem.rule.clone(),
        fields: problem.errors.clone(),
    };
    render(status, &page).unwrap_or_else(|e| e.into_response())
}
