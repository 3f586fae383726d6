//! The plans and strategies the reader may see (`/plans`), each with its share done and its
//! overdue measures today, and the Secretariat's form to create the plan of a document of type
//! plan or strategy.

use accord_core::config::DocumentType;
use accord_core::plans::PlansCommand;
use accord_core::plans::rules;
use accord_core::secretariat::model::DocumentId;
use accord_core::{Action, Classification, CommandPayload};
use askama::Template;
use axum::extract::{OriginalUri, State as Extract};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::plans::{may_see_plan, today};
use crate::secretariat::may_see_document;
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, back, may};
use super::view::{Choice, doc_type};
use super::{Page, content_lang, here, localized, render};

/// A plan's line.
#[derive(Debug)]
pub struct PlanRow {
    /// Its number.
    pub id: u64,
    /// Its title.
    pub title: String,
    /// Plan or strategy.
    pub kind: String,
    /// How many measures.
    pub measures: usize,
    /// The share done today, per cent.
    pub percent: u32,
    /// How many are overdue today.
    pub overdue: usize,
}

#[derive(Template)]
#[template(path = "plans.html")]
struct PlansPage<'a> {
    page: Page<'a>,
    plans: Vec<PlanRow>,
    documents: Vec<Choice>,
}

/// `GET /plans`.
pub async fn list(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let day = today()?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let state = app.journal.state();
    let plans = state
        .plans()
        .plans()
        .values()
        .filter(|p| may_see_plan(&ctx, p))
        .map(|p| {
            let board = rules::dashboard(p, day);
            PlanRow {
                id: p.id.0,
                title: localized(&tr, &p.title, lang),
                kind: doc_type(&tr, p.kind),
                measures: p.measures.len(),
                percent: board.overall.percent_done(),
                overdue: board.overall.overdue,
            }
        })
        .collect();
    let documents = if may(&ctx, Action::Prepare) {
        state
            .secretariat()
            .documents()
            .values()
            .filter(|d| matches!(d.doc_type, DocumentType::Plan | DocumentType::Strategy))
            .filter(|d| state.plans().plan_of(d.id).is_none())
            .filter(|d| may_see_document(&ctx, d))
            .map(|d| Choice::new(d.id, localized(&tr, &d.title, lang)))
            .collect()
    } else {
        Vec::new()
    };
    let page = PlansPage {
        page: Page::new(&app, &ctx, &here(&uri), tr.t("plans-title")),
        plans,
        documents,
    };
    render(StatusCode::OK, &page)
}

/// `POST /plans`: a Secretariat officer creates the plan of a document.
pub async fn create(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::Prepare, form)?;
    let document = f.number::<u64>("document");
    f.finish()?;
    let document = document.ok_or_else(super::form::incomplete)?;
    let command = PlansCommand::CreatePlan {
        document: DocumentId(document),
        classification: None,
    };
    let receipt = crate::plans::submit(&app, &ctx, CommandPayload::Plans(command)).await?;
    let id = crate::plans::created(&app, &ctx, receipt).await;
    Ok(back(&id.map_or_else(
        || "/plans".to_owned(),
        |id| format!("/plans/{id}"),
    )))
}
