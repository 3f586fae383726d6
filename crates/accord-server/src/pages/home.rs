//! The home pages: the public one at `/`, and each affiliation's workspace at `/home`.

use std::sync::Arc;

use accord_core::secretariat::model::{Session, SessionStatus};
use accord_core::{Action, Classification, Resource, StateCode};
use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::{may_read, require};
use crate::app::AppState;
use crate::entries::newest_first;
use crate::error::AppError;
use crate::secretariat::{decision_resource, may_see_document, may_see_session};
use crate::viewer::Ctx;

use super::procedures::{Deadline, procedure_view};
use super::record::rows;
use super::session::Link;
use super::sessions::{SessionRow, now, session_row};
use super::view::{doc_type, outcome};
use super::{Page, content_lang, here, localized, render};

#[derive(Template)]
#[template(path = "public_home.html")]
struct PublicHome<'a> {
    page: Page<'a>,
    members: String,
    entries: String,
    published: Vec<Link>,
    news: Vec<super::news::NewsRow>,
}

/// How many of the latest publications the public home page lists.
const LATEST_NEWS: usize = 5;

/// `GET /`.
pub async fn public(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let (title, members, published, news) = {
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
        let published = state
            .secretariat()
            .documents()
            .values()
            .rev()
            .filter(|d| d.is_published() && may_see_document(&ctx, d))
            .map(|d| Link {
                href: format!("/documents/{}", d.id),
                label: format!(
                    "{} ({})",
                    localized(&tr, &d.title, lang),
                    doc_type(&tr, d.doc_type)
                ),
            })
            .collect();
        let news = super::news::live(&state, None)
            .into_iter()
            .take(LATEST_NEWS)
            .map(|p| super::news::news_row(&tr, &state, p, lang))
            .collect();
        (title, members as u64, published, news)
    };
    let page = PublicHome {
        page: Page::new(&app, &ctx, &here(&uri), title),
        members: tr.n("public-home-members", members),
        entries: tr.n("public-home-entries", app.journal.committed()),
        published,
        news,
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
    dashboard: Option<Dashboard>,
}

/// What a member delegation's workspace shows first.
#[derive(Debug)]
pub struct Dashboard {
    /// The next sessions.
    pub upcoming: Vec<SessionRow>,
    /// Procedures in session where the delegation has not stated its position.
    pub awaiting: Vec<Link>,
    /// Open silence procedures, with their deadlines.
    pub silences: Vec<(Link, Deadline)>,
    /// The latest decisions, adopted or not: how every member learns a procedure's end.
    pub decided: Vec<(Link, String)>,
}

/// How many decisions the dashboard lists.
const DECIDED: usize = 5;

/// How many upcoming sessions the dashboard lists.
const UPCOMING: usize = 5;

fn dashboard(app: &AppState, ctx: &Ctx, code: StateCode) -> Result<Dashboard, AppError> {
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let now = now()?;
    let state = app.journal.state();
    let records = state.secretariat();
    let mut upcoming: Vec<&Session> = records
        .sessions()
        .values()
        .map(|s| &**s)
        .filter(|s| s.end.utc() >= now && s.status != SessionStatus::Cancelled)
        .filter(|s| may_see_session(ctx, s))
        .collect();
    upcoming.sort_by_key(|s| s.start.utc());
    upcoming.truncate(UPCOMING);
    let mut awaiting = Vec::new();
    let mut silences = Vec::new();
    for procedure in records.procedures().values() {
        let Some(doc) = records.document(procedure.document) else {
            continue;
        };
        if procedure.outcome.is_some() || !may_see_document(ctx, doc) {
            continue;
        }
        let link = Link {
            href: format!("/documents/{}#procedure-{}", doc.id, procedure.id),
            label: localized(&tr, &doc.title, lang),
        };
        let view = procedure_view(&tr, ctx, &state, procedure, lang);
        match view.deadline {
            Some(deadline) => silences.push((link, deadline)),
            None if procedure.present.contains(&code)
                && !procedure.positions.contains_key(&code) =>
            {
                awaiting.push(link);
            }
            None => {}
        }
    }
    let mut decisions: Vec<_> = records
        .decisions()
        .values()
        .filter(|r| may_read(ctx, &decision_resource(r)))
        .collect();
    decisions.sort_by_key(|r| std::cmp::Reverse((r.effective_at, r.decision)));
    let decided = decisions
        .into_iter()
        .take(DECIDED)
        .filter_map(|r| {
            let doc = records.document(r.document)?;
            let link = Link {
                href: format!("/decisions/{}", r.decision),
                label: localized(&tr, &doc.title, lang),
            };
            Some((link, outcome(&tr, &state, &r.outcome, lang)))
        })
        .collect();
    Ok(Dashboard {
        decided,
        upcoming: upcoming
            .iter()
            .map(|s| session_row(&tr, &state, s, lang))
            .collect(),
        awaiting,
        silences,
    })
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
    let dashboard = match ctx.viewer.principal.affiliation() {
        A::Delegation { state } => Some(dashboard(&app, &ctx, *state)?),
        _ => None,
    };
    let page = Workspace {
        page: Page::new(&app, &ctx, &here(&uri), tr.t("workspace-title")).live(),
        roles,
        about,
        rows: rows(&tr, ctx.lang, &recent)?,
        last_seq: committed.saturating_sub(1),
        dashboard,
    };
    render(StatusCode::OK, &page)
}
