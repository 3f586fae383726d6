//! Plans and strategies in the API: the plans the reader may see with their share done, a
//! plan's dashboard on a day (`?on=YYYY-MM-DD`, today by default: every measure with its
//! status, overdue flag and reports, the figures by state, by body and overall), and the
//! commands: create a plan (Secretariat), add a measure (Secretariat), report progress (those
//! responsible).

use std::collections::BTreeMap;

use accord_core::plans::PlansCommand as P;
use accord_core::plans::model::{
    Indicator, IndicatorValue, Measure, MeasureNumber, Plan, PlanId, ProgressStatus,
};
use accord_core::plans::rules::{self, Tally};
use accord_core::secretariat::model::DocumentId;
use accord_core::{Action, BodyId, Classification, CommandPayload, Date, StateCode};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State as Extract};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::access::gate;
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::pages::plan::OnQuery;
use crate::plans::{created, day_of, may_see_plan, submit, today};
use crate::secretariat::{authentic, text_from};
use crate::viewer::Ctx;

use super::crisis::{TextIn, text_json};
use super::{check_csrf_header, json_body};

fn tally_json(tally: &Tally) -> Value {
    json!({
        "total": tally.total, "done": tally.done, "in_progress": tally.in_progress,
        "not_started": tally.not_started, "overdue": tally.overdue,
        "percent_done": tally.percent_done(),
    })
}

fn measure_json(measure: &Measure, status: ProgressStatus, overdue: bool) -> Value {
    json!({
        "number": measure.number.to_string(),
        "text": text_json(&measure.text),
        "states": measure.states.iter().map(StateCode::as_str).collect::<Vec<_>>(),
        "bodies": measure.bodies.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "deadline": measure.deadline.to_string(),
        "indicators": measure.indicators.iter().map(|i| json!({
            "name": text_json(&i.name), "target": i.target, "unit": text_json(&i.unit),
        })).collect::<Vec<_>>(),
        "status": status.as_str(),
        "overdue": overdue,
        "reports": measure.reports.iter().map(|r| json!({
            "status": r.status.as_str(),
            "as_of": r.as_of.to_string(),
            "values": r.values.iter().map(|(k, v)| json!({"indicator": k, "value": v})).collect::<Vec<_>>(),
            "comment": r.comment.as_ref().map(text_json),
            "state": r.state.map(|s| s.as_str().to_owned()),
            "by": r.by.to_string(),
            "at": r.at.to_string(),
        })).collect::<Vec<_>>(),
    })
}

/// A plan on a day: its measures and figures.
pub fn plan_json(plan: &Plan, day: Date) -> Value {
    let board = rules::dashboard(plan, day);
    json!({
        "id": plan.id.0,
        "document": plan.document.0,
        "kind": crate::pages::view::wire(&plan.kind),
        "title": text_json(&plan.title),
        "classification": plan.classification.as_str(),
        "on": day.to_string(),
        "overall": tally_json(&board.overall),
        "by_state": board.by_state.iter().map(|(k, t)| (k.as_str().to_owned(), tally_json(t))).collect::<BTreeMap<_, _>>(),
        "by_body": board.by_body.iter().map(|(k, t)| (k.to_string(), tally_json(t))).collect::<BTreeMap<_, _>>(),
        "measures": board.measures.iter().map(|l| measure_json(l.measure, l.status, l.overdue)).collect::<Vec<_>>(),
    })
}

/// The plans and strategies the reader may see, each with its figures today.
#[utoipa::path(get, path = "/api/v1/plans", tag = "plans",
    responses((status = 200, body = Object)))]
pub async fn list_plans(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
) -> Result<Json<Value>, AppError> {
    let day = today()?;
    let state = app.journal.state();
    let plans: Vec<Value> = state
        .plans()
        .plans()
        .values()
        .filter(|p| may_see_plan(&ctx, p))
        .map(|p| {
            let mut view = plan_json(p, day);
            if let Some(object) = view.as_object_mut() {
                object.remove("measures");
            }
            view
        })
        .collect();
    Ok(Json(json!({ "plans": plans })))
}

/// A plan's dashboard on a day.
#[utoipa::path(get, path = "/api/v1/plans/{id}", tag = "plans",
    params(("id" = u64, Path, description = "The plan's number"),
        ("on" = Option<String>, Query, description = "The day (YYYY-MM-DD); today by default")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn get_plan(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    Query(query): Query<OnQuery>,
) -> Result<Json<Value>, AppError> {
    let day = day_of(query.on())?;
    let state = app.journal.state();
    let plan = state
        .plans()
        .plan(PlanId(id))
        .filter(|p| may_see_plan(&ctx, p))
        .ok_or(AppError::NotFound)?;
    Ok(Json(plan_json(plan, day)))
}

async fn run(
    app: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    command: P,
) -> Result<(StatusCode, Json<Value>), AppError> {
    check_csrf_header(ctx, headers)?;
    let receipt = submit(app, ctx, CommandPayload::Plans(command)).await?;
    let id = created(app, ctx, receipt).await;
    Ok(super::written(receipt, id))
}

/// A plan to create.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanIn {
    /// The document (of type plan or strategy).
    document: u64,
    /// public, restricted or confidential (default: the document's).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    classification: Option<Classification>,
}

/// Create the plan of a document of type plan or strategy (Secretariat officer).
#[utoipa::path(post, path = "/api/v1/plans", tag = "plans", request_body = PlanIn,
    security(("bearer" = [])),
    responses((status = 201, body = Object, description = "`id` is the plan's number"),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn create_plan(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<PlanIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let command = P::CreatePlan {
        document: DocumentId(input.document),
        classification: input.classification,
    };
    run(&app, &ctx, &headers, command).await
}

/// An indicator of a new measure.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorIn {
    /// Its name per language.
    #[schema(value_type = Object)]
    name: TextIn,
    /// The value to reach (a whole number above zero).
    target: u64,
    /// The unit per language.
    #[schema(value_type = Object)]
    unit: TextIn,
}

/// A measure to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureIn {
    /// The parent measure (`1.2`); the top of the tree when absent.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    parent: Option<MeasureNumber>,
    /// What is to be done, per language.
    #[schema(value_type = Object)]
    text: TextIn,
    /// The responsible member states' codes.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    states: Vec<StateCode>,
    /// The responsible bodies' ids.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    bodies: Vec<BodyId>,
    /// The last day (YYYY-MM-DD).
    #[schema(value_type = String)]
    deadline: Date,
    /// Its indicators (at most 10).
    #[serde(default)]
    indicators: Vec<IndicatorIn>,
}

/// Add a measure to a plan (Secretariat officer); `id` in the answer is its number.
#[utoipa::path(post, path = "/api/v1/plans/{id}/measures", tag = "plans", request_body = MeasureIn,
    params(("id" = u64, Path, description = "The plan's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn add_measure(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<MeasureIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::Prepare])?;
    let input = json_body(body)?;
    let authentic = authentic(&app)?;
    let mut errors: Vec<FieldError> = Vec::new();
    let text = text_from("text", &input.text, authentic, &mut errors);
    let mut indicators = Vec::new();
    for (i, indicator) in input.indicators.iter().enumerate() {
        let name = text_from(
            &format!("indicators.{i}.name"),
            &indicator.name,
            authentic,
            &mut errors,
        );
        let unit = text_from(
            &format!("indicators.{i}.unit"),
            &indicator.unit,
            authentic,
            &mut errors,
        );
        if let (Some(name), Some(unit)) = (name, unit) {
            indicators.push(Indicator {
                name,
                target: indicator.target,
                unit,
            });
        }
    }
    let Some(text) = text.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let command = P::AddMeasure {
        plan: PlanId(id),
        parent: input.parent,
        text,
        states: input.states,
        bodies: input.bodies,
        deadline: input.deadline,
        indicators,
    };
    run(&app, &ctx, &headers, command).await
}

/// A progress report.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportIn {
    /// The measure (`1.2`).
    #[schema(value_type = String)]
    measure: MeasureNumber,
    /// not_started, in_progress or done.
    #[schema(value_type = String)]
    status: ProgressStatus,
    /// Indicator values: `[{"indicator": 1, "value": 3}]` (indicators numbered from 1).
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    values: Vec<IndicatorValue>,
    /// A comment per language.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    comment: Option<TextIn>,
    /// The day reported on (YYYY-MM-DD; not after today).
    #[schema(value_type = String)]
    as_of: Date,
}

/// Report progress on a measure (its responsible states' delegations, its bodies' staff).
#[utoipa::path(post, path = "/api/v1/plans/{id}/reports", tag = "plans", request_body = ReportIn,
    params(("id" = u64, Path, description = "The plan's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn report_progress(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<ReportIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::ReportProgress])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let comment = match &input.comment {
        Some(values) if values.values().any(|v| !v.trim().is_empty()) => {
            text_from("comment", values, authentic(&app)?, &mut errors)
        }
        _ => None,
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let command = P::ReportProgress {
        plan: PlanId(id),
        measure: input.measure,
        status: input.status,
        values: input.values,
        comment,
        as_of: input.as_of,
    };
    run(&app, &ctx, &headers, command).await
}
