//! A plan's implementation dashboard (`/plans/{id}`, on a day: `?on=YYYY-MM-DD`, today by
//! default): the tree of measures with status, last report and overdue flag; each responsible
//! state's and body's figures; the whole plan's share done; a chart drawn by the server as SVG
//! with the same numbers in tables; the CSV export (`/plans/{id}.csv`); and the forms to add
//! a measure (Secretariat) and to report progress (those responsible).

use accord_core::plans::PlansCommand;
use accord_core::plans::model::{Measure, PlanId};
use accord_core::plans::rules::{self, Tally};
use accord_core::{Action, Affiliation, Classification, CommandPayload, Lang, State};
use askama::Template;
use axum::extract::{OriginalUri, Path, Query, State as Extract};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::i18n::{Arg, Tr};
use crate::plans::chart::{self, Chart};
use crate::plans::{csv, day_of, may_see_plan};
use crate::viewer::Ctx;

use super::view::{Choice, body_name, member_choices, state_name};
use super::{Page, content_lang, here, localized, render};

/// The day asked for.
#[derive(Debug, Deserialize)]
pub struct OnQuery {
    on: Option<String>,
}

impl OnQuery {
    /// The day asked for, as sent.
    pub fn on(&self) -> Option<&str> {
        self.on.as_deref()
    }
}

/// A measure's line.
#[derive(Debug)]
pub struct MeasureRow {
    /// Its number.
    pub number: String,
    /// Its depth (1 at the top), for the indentation.
    pub depth: usize,
    /// Its text.
    pub text: String,
    /// Who is responsible.
    pub responsible: String,
    /// Its deadline.
    pub deadline: String,
    /// Its status in words.
    pub status: String,
    /// Its status's wire name (the badge's class).
    pub status_class: &'static str,
    /// Overdue on the day.
    pub overdue: bool,
    /// Its last report: date, by whom, comment.
    pub last: Option<(String, String, String)>,
    /// Its indicators with their last values.
    pub indicators: String,
}

/// A row of a figures table.
#[derive(Debug)]
pub struct FigureRow {
    /// The state, the body or the whole plan.
    pub label: String,
    /// The counts.
    pub tally: Tally,
    /// The share done, per cent.
    pub percent: u32,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage<'a> {
    page: Page<'a>,
    id: u64,
    title: String,
    kind: String,
    document: u64,
    day: String,
    overdue_text: String,
    overall: FigureRow,
    chart: Chart,
    chart_desc: String,
    by_state: Vec<FigureRow>,
    by_body: Vec<FigureRow>,
    measures: Vec<MeasureRow>,
    prepare: bool,
    reportable: Vec<Choice>,
    parents: Vec<Choice>,
    members: Vec<Choice>,
    bodies: Vec<Choice>,
    statuses: Vec<Choice>,
    max_indicators: Vec<u32>,
}

fn figure(label: String, tally: Tally) -> FigureRow {
    FigureRow {
        label,
        percent: tally.percent_done(),
        tally,
    }
}

/// Whether the reader answers for a measure (its state's delegation, a responsible body's
/// staff): the measures the report form offers. `decide` checks it again.
fn answers_for(ctx: &Ctx, measure: &Measure) -> bool {
    let principal = &ctx.viewer.principal;
    match principal.affiliation() {
        Affiliation::Delegation { state } => measure.states.contains(state),
        Affiliation::Secretariat | Affiliation::CrisisCentre | Affiliation::JointStaff => principal
            .bodies()
            .iter()
            .any(|b| measure.bodies.contains(b)),
        _ => false,
    }
}

fn note(tr: &Tr<'_>, tally: &Tally) -> String {
    tr.args(
        "plans-chart-note",
        &[
            ("done", Arg::Num(tally.done as u64)),
            ("total", Arg::Num(tally.total as u64)),
            ("overdue", Arg::Num(tally.overdue as u64)),
        ],
    )
}

/// `GET /plans/{id}` (the dashboard) and `GET /plans/{id}.csv` (the export).
pub async fn page(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(query): Query<OnQuery>,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let (id, as_csv) = match id.strip_suffix(".csv") {
        Some(number) => (number, true),
        None => (id.as_str(), false),
    };
    let id: u64 = id.parse().map_err(|_| AppError::NotFound)?;
    let day = day_of(query.on())?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let state = app.journal.state();
    let plan = state
        .plans()
        .plan(PlanId(id))
        .filter(|p| may_see_plan(&ctx, p))
        .ok_or(AppError::NotFound)?;
    if as_csv {
        let body = csv::write(&tr, &state, plan, day, lang)?;
        let mut response = (StatusCode::OK, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/csv; charset=utf-8; header=present"),
        );
        let disposition = format!("attachment; filename=\"plan-{id}-{day}.csv\"");
        headers.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_str(&disposition).map_err(|e| AppError::internal("a header", e))?,
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return Ok(response);
    }
    let board = rules::dashboard(plan, day);
    let by_state: Vec<FigureRow> = board
        .by_state
        .iter()
        .map(|(code, tally)| figure(state_name(&tr, &state, *code, lang), *tally))
        .collect();
    let by_body: Vec<FigureRow> = board
        .by_body
        .iter()
        .map(|(body, tally)| figure(body_name(&tr, &state, body, lang), *tally))
        .collect();
    let overall = figure(tr.t("plans-overall"), board.overall);
    let statuses = accord_core::plans::model::ProgressStatus::ALL
        .map(|s| tr.t(&format!("plans-status-{}", s.as_str())));
    let mut rows: Vec<(String, Tally)> = by_state
        .iter()
        .map(|r| (r.label.clone(), r.tally))
        .collect();
    rows.push((overall.label.clone(), overall.tally));
    let chart = chart::layout(
        &rows,
        &[
            statuses[2].clone(),
            statuses[1].clone(),
            statuses[0].clone(),
        ],
        |t| note(&tr, t),
    );
    let measures = board
        .measures
        .iter()
        .map(|line| measure_row(&tr, &state, line, day, lang))
        .collect();
    let reportable: Vec<Choice> = plan
        .measures
        .values()
        .filter(|m| answers_for(&ctx, m))
        .map(|m| {
            Choice::new(
                &m.number,
                format!("{} {}", m.number, localized(&tr, &m.text, lang)),
            )
        })
        .collect();
    let max_indicators = plan
        .measures
        .values()
        .filter(|m| answers_for(&ctx, m))
        .map(|m| m.indicators.len())
        .max()
        .unwrap_or(0);
    let config = state.config().ok_or(AppError::NotFound)?;
    let page = PlanPage {
        page: Page::new(&app, &ctx, &here(&uri), localized(&tr, &plan.title, lang)),
        id,
        title: localized(&tr, &plan.title, lang),
        kind: super::view::doc_type(&tr, plan.kind),
        document: plan.document.0,
        day: day.to_string(),
        chart_desc: tr.args(
            "plans-chart-desc",
            &[
                ("percent", Arg::Num(u64::from(overall.percent))),
                ("overdue", Arg::Num(overall.tally.overdue as u64)),
            ],
        ),
        overdue_text: tr.n(
            "plans-overdue-count",
            u64::try_from(overall.tally.overdue).unwrap_or(u64::MAX),
        ),
        overall,
        chart,
        by_state,
        by_body,
        measures,
        prepare: super::form::may(&ctx, Action::Prepare),
        reportable,
        parents: plan
            .measures
            .keys()
            .filter(|n| n.depth() < accord_core::plans::model::MAX_DEPTH)
            .map(|n| Choice::new(n, n.to_string()))
            .collect(),
        members: member_choices(&tr, &state, lang),
        bodies: config
            .bodies()
            .iter()
            .map(|b| Choice::new(&b.id, localized(&tr, &b.name, lang)))
            .collect(),
        statuses: accord_core::plans::model::ProgressStatus::ALL
            .iter()
            .map(|s| Choice::new(s.as_str(), tr.t(&format!("plans-status-{}", s.as_str()))))
            .collect(),
        max_indicators: (1..=u32::try_from(max_indicators).unwrap_or(0)).collect(),
    };
    render(StatusCode::OK, &page)
}

fn measure_row(
    tr: &Tr<'_>,
    state: &State,
    line: &rules::MeasureLine<'_>,
    day: accord_core::Date,
    lang: Lang,
) -> MeasureRow {
    let measure = line.measure;
    MeasureRow {
        number: measure.number.to_string(),
        depth: measure.number.depth(),
        text: localized(tr, &measure.text, lang),
        responsible: csv::responsible(tr, state, measure, lang),
        deadline: measure.deadline.to_string(),
        status: tr.t(&format!("plans-status-{}", line.status.as_str())),
        status_class: line.status.as_str(),
        overdue: line.overdue,
        last: line.last.map(|r| {
            let by = match r.state {
                Some(code) => state_name(tr, state, code, lang),
                None => r.by.to_string(),
            };
            let comment = r
                .comment
                .as_ref()
                .map(|c| localized(tr, c, lang))
                .unwrap_or_default();
            (r.as_of.to_string(), by, comment)
        }),
        indicators: csv::indicators(tr, measure, day, lang),
    }
}

/// `POST /plans/{id}/measures`: a Secretariat officer adds a measure.
pub async fn add_measure(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: super::form::RawForm,
) -> Result<Response, AppError> {
    let mut f = super::form::Fields::read(&ctx, Action::Prepare, form)?;
    let authentic = crate::secretariat::authentic(&app)?;
    let parent = match f.get("parent").map(str::to_owned) {
        Some(p) => f.parsed("parent", |_| {
            accord_core::plans::model::MeasureNumber::parse(&p)
        }),
        None => None,
    };
    let text = f.text("text", authentic);
    let deadline = f.parsed("deadline", accord_core::Date::parse);
    let states = parse_all(&mut f, "states", accord_core::StateCode::parse);
    let bodies = parse_all(&mut f, "bodies", accord_core::BodyId::parse);
    let indicator = match f.optional_text("indicator", authentic) {
        Some(name) => {
            let target = f.number::<u64>("target");
            let unit = f.text("unit", authentic);
            match (target, unit) {
                (Some(target), Some(unit)) => {
                    vec![accord_core::plans::model::Indicator { name, target, unit }]
                }
                _ => Vec::new(),
            }
        }
        None => Vec::new(),
    };
    f.finish()?;
    let (Some(text), Some(deadline)) = (text, deadline) else {
        return Err(super::form::incomplete());
    };
    let command = PlansCommand::AddMeasure {
        plan: PlanId(id),
        parent,
        text,
        states,
        bodies,
        deadline,
        indicators: indicator,
    };
    crate::plans::submit(&app, &ctx, CommandPayload::Plans(command)).await?;
    Ok(super::form::back(&format!("/plans/{id}")))
}

fn parse_all<T, E: std::fmt::Display>(
    f: &mut super::form::Fields,
    name: &str,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Vec<T> {
    let values: Vec<String> = f.all(name).into_iter().map(str::to_owned).collect();
    let mut out = Vec::new();
    for value in values {
        match parse(&value) {
            Ok(v) => out.push(v),
            Err(e) => f.invalid(name, &e.to_string()),
        }
    }
    out
}

/// `POST /plans/{id}/reports`: those responsible report progress on a measure.
pub async fn report(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: super::form::RawForm,
) -> Result<Response, AppError> {
    let mut f = super::form::Fields::read(&ctx, Action::ReportProgress, form)?;
    let authentic = crate::secretariat::authentic(&app)?;
    let measure = f.parsed("measure", accord_core::plans::model::MeasureNumber::parse);
    let status = f.parsed("status", |v| {
        super::view::from_wire::<accord_core::plans::model::ProgressStatus>(v)
            .ok_or("not one of the choices offered")
    });
    let as_of = f.parsed("as_of", accord_core::Date::parse);
    let comment = f.optional_text("comment", authentic);
    let mut values = Vec::new();
    let given: Vec<(String, String)> = f
        .prefixed("value.")
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    for (key, value) in given {
        match (key.parse::<u32>(), value.parse::<u64>()) {
            (Ok(indicator), Ok(value)) => {
                values.push(accord_core::plans::model::IndicatorValue { indicator, value });
            }
            _ => f.invalid(&format!("value.{key}"), "a whole number"),
        }
    }
    f.finish()?;
    let (Some(measure), Some(status), Some(as_of)) = (measure, status, as_of) else {
        return Err(super::form::incomplete());
    };
    let command = PlansCommand::ReportProgress {
        plan: PlanId(id),
        measure,
        status,
        values,
        comment,
        as_of,
    };
    crate::plans::submit(&app, &ctx, CommandPayload::Plans(command)).await?;
    Ok(super::form::back(&format!("/plans/{id}")))
}
