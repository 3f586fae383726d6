//! The home pages: the public one at `/`, and each affiliation's workspace at `/home`.

use std::sync::Arc;

use accord_core::{Action, Classification, Resource};
use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::{may_read, require};
use crate::app::AppState;
use crate::entries::newest_first;
use crate::error::AppError;
use crate::viewer::Ctx;

use super::record::rows;
use super::{Page, content_lang, here, localized, render};

#[derive(Template)]
#[template(path = "public_home.html")]
struct PublicHome<'a> {
    page: Page<'a>,
    members: String,
    entries: String,
}

/// `GET /`.
pub async fn public(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let (title, members) = {
        let state = app.journal.state();
        let title = state
            .config()
            .map(|c| localized(&tr, c.name(), content_lang(ctx.lang)))
            .unwrap_or_default();
        let members = state
            .states()
            .values()
            .filter(|s| s.status == accord_core::config::MemberStatus::Member)
            .count();
        (title, members as u64)
    };
    let page = PublicHome {
        page: Page::new(&app, &ctx, &here(&uri), title),
        members: tr.n("public-home-members", members),
        entries: tr.n("public-home-entries", app.journal.committed()),
    };
    render(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "workspace.html")]
struct Workspace<'a> {
    page: Page<'a>,
    roles: Vec<String>,
    about: Option<String>,
    rows: Vec<Arc<str>>,
    last_seq: u64,
}

/// How many of the latest entries the workspace looks through.
const RECENT: u64 = 200;

/// `GET /home`: the workspace of the reader's affiliation.
pub async fn workspace(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::OpenWorkspace, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let committed = app.journal.committed();
    let mut recent = newest_first(&app, committed.saturating_sub(RECENT), committed).await?;
    recent.retain(|e| may_read(&ctx, &Resource::classified(e.envelope.classification())));
    recent.truncate(10);
    let roles = ctx
        .viewer
        .principal
        .roles()
        .iter()
        .map(|r| tr.t(&format!("role-{}", r.as_str())))
        .collect();
    use accord_core::Affiliation as A;
    let about = match ctx.viewer.principal.affiliation() {
        A::Delegation { .. } => Some("workspace-about-delegation"),
        A::Observer { .. } => Some("workspace-about-observer"),
        A::PartnerState { .. } => Some("workspace-about-partner-state"),
        A::PartnerOrganisation { .. } => Some("workspace-about-partner-organisation"),
        A::Secretariat => Some("workspace-about-secretariat"),
        A::CrisisCentre => Some("workspace-about-crisis-centre"),
        A::JointStaff => Some("workspace-about-joint-staff"),
        A::Administrator => Some("workspace-about-administrator"),
        A::Public | A::System => None,
    }
    .map(|id| tr.t(id));
    let page = Workspace {
        page: Page::new(&app, &ctx, &here(&uri), tr.t("workspace-title")).live(),
        roles,
        about,
        rows: rows(&tr, ctx.lang, &recent)?,
        last_seq: committed.saturating_sub(1),
    };
    render(StatusCode::OK, &page)
}
