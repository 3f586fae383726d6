//! `/feeds`: the CAP feeds the server polls, for the Crisis Response Centre's officers: each
//! feed's last poll, answer, counts, rejected entries with their reasons and next poll.

use accord_core::{Action, Classification};
use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::feeds::FeedStatus;
use crate::viewer::Ctx;

use super::{Page, here, render};

#[derive(Template)]
#[template(path = "feeds.html")]
struct FeedsPage<'a> {
    page: Page<'a>,
    feeds: Vec<FeedStatus>,
}

/// `GET /feeds`.
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::RunCrisis, Classification::Restricted)?;
    let tr = app.catalog.tr(ctx.lang);
    let page = FeedsPage {
        page: Page::new(&app, &ctx, &here(&uri), tr.t("feeds-title")),
        feeds: app.feeds.snapshot(),
    };
    render(StatusCode::OK, &page)
}
