//! A request for assistance: its needs with what each still lacks, the units ranked for each
//! need with the reasons for each rank and the buttons to ask for (the Centre) or offer (the
//! unit's state) one, and the deployments with buttons for the steps allowed next only.

use accord_core::crisis::CrisisCommand;
use accord_core::crisis::model::{DeploymentId, DeploymentStatus, RequestId, UnitId};
use accord_core::crisis::rules;
use accord_core::{Action, Classification};
use askama::Template;
use axum::extract::{OriginalUri, Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::{gate, require};
use crate::app::AppState;
use crate::crisis::words::{actor, deployment_status, label, reason};
use crate::crisis::{may_see_request, may_see_restricted};
use crate::error::AppError;
use crate::i18n::Arg;
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, incomplete, may};
use super::incidents::{now, submit_back, wire_field};
use super::session::Link;
use super::view::{state_name, utc};
use super::{Page, content_lang, here, localized, render};

/// A unit ranked for a need.
#[derive(Debug)]
pub struct MatchRow {
    /// Its rank.
    pub rank: usize,
    /// The unit's number.
    pub unit: u64,
    /// Its name and state.
    pub name: String,
    /// The reasons for its rank.
    pub reasons: Vec<String>,
    /// The reader may put it forward: the Centre asks for it, its state offers it.
    pub proposable: bool,
}

/// A need as the page shows it.
#[derive(Debug)]
pub struct NeedRow {
    /// Its index.
    pub index: usize,
    /// The capability.
    pub capability: String,
    /// How much.
    pub quantity: u32,
    /// What it still lacks.
    pub outstanding: u32,
    /// Withdrawn.
    pub withdrawn: bool,
    /// The ranked units.
    pub matches: Vec<MatchRow>,
}

/// A step a deployment may take.
#[derive(Debug)]
pub struct Step {
    /// The status's wire name.
    pub value: &'static str,
    /// Its button's text.
    pub label: String,
    /// Standing down asks first.
    pub confirm: bool,
}

/// A deployment as the page shows it.
#[derive(Debug)]
pub struct DeploymentRow {
    /// Its number.
    pub id: u64,
    /// The unit.
    pub unit: String,
    /// The need's capability.
    pub need: String,
    /// Its status.
    pub status: String,
    /// Its history in words.
    pub steps: Vec<String>,
    /// The steps the reader may take next.
    pub next: Vec<Step>,
}

#[derive(Template)]
#[template(path = "request.html")]
struct RequestPage<'a> {
    page: Page<'a>,
    id: u64,
    incident: Link,
    state: String,
    location: String,
    needed_by: String,
    requested: String,
    closed: bool,
    needs: Vec<NeedRow>,
    deployments: Vec<DeploymentRow>,
    own: bool,
    shape: String,
}

/// `GET /requests/{id}`.
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let now = now()?;
    let page = {
        let state = app.journal.state();
        let crisis = state.crisis();
        let request = crisis
            .request(RequestId(id))
            .filter(|r| may_see_request(&ctx, &state, r))
            .ok_or(AppError::NotFound)?;
        let incident = crisis
            .incident(request.incident)
            .ok_or(AppError::NotFound)?;
        let deployments = crisis.deployments_of(request);
        let run = may(&ctx, Action::RunCrisis);
        let own_state = ctx.viewer.principal.affiliation().state();
        let helps = may(&ctx, Action::AskForHelp);
        let ranked = may_see_restricted(&ctx);
        let unit_name = |u: UnitId| {
            crisis.unit(u).map_or_else(
                || u.to_string(),
                |unit| {
                    format!(
                        "{} ({})",
                        localized(&tr, &unit.name, lang),
                        state_name(&tr, &state, unit.state, lang)
                    )
                },
            )
        };
        let needs = request
            .needs
            .iter()
            .enumerate()
            .map(|(index, need)| {
                let outstanding =
                    rules::outstanding(request, index, deployments.iter().copied(), |u| {
                        crisis.capacity(u)
                    });
                let matches = if ranked && !need.withdrawn && !request.closed {
                    rules::rank_units(
                        need,
                        outstanding,
                        request.location,
                        request.needed_by,
                        now,
                        crisis.units().values().map(|u| &**u),
                    )
                    .into_iter()
                    .map(|m| {
                        let unit_state = crisis.unit(m.unit).map(|u| u.state);
                        let free = m.available && crisis.live_deployment(m.unit).is_none();
                        MatchRow {
                            rank: m.rank,
                            unit: m.unit.0,
                            name: unit_name(m.unit),
                            reasons: m.reasons.iter().map(|r| reason(&tr, r)).collect(),
                            proposable: free
                                && (run
                                    || (helps && unit_state.is_some() && unit_state == own_state)),
                        }
                    })
                    .collect()
                } else {
                    Vec::new()
                };
                NeedRow {
                    index,
                    capability: label(&tr, "crisis-capability", &need.capability),
                    quantity: need.quantity,
                    outstanding,
                    withdrawn: need.withdrawn,
                    matches,
                }
            })
            .collect();
        let deployments_rows = deployments
            .iter()
            .map(|d| {
                let unit_state = crisis.unit(d.unit).map(|u| u.state);
                let next = d
                    .status()
                    .allowed()
                    .into_iter()
                    .filter(|s| {
                        if *s == DeploymentStatus::Offered {
                            helps && unit_state.is_some() && unit_state == own_state
                        } else {
                            run
                        }
                    })
                    .map(|s| Step {
                        value: s.as_str(),
                        label: label(&tr, "crisis-step", &s),
                        confirm: s == DeploymentStatus::Released,
                    })
                    .collect();
                DeploymentRow {
                    id: d.id.0,
                    unit: unit_name(d.unit),
                    need: request
                        .needs
                        .get(d.need)
                        .map(|n| label(&tr, "crisis-capability", &n.capability))
                        .unwrap_or_default(),
                    status: deployment_status(&tr, d.status()),
                    steps: d
                        .steps
                        .iter()
                        .map(|s| {
                            tr.args(
                                "request-step",
                                &[
                                    ("status", Arg::Str(&deployment_status(&tr, s.status))),
                                    ("by", Arg::Str(&actor(&tr, &s.by))),
                                    ("at", Arg::Str(&utc(s.at))),
                                ],
                            )
                        })
                        .collect(),
                    next,
                }
            })
            .collect::<Vec<_>>();
        let shape = format!(
            "{}-{}-{}",
            u8::from(request.closed),
            deployments.iter().map(|d| d.steps.len()).sum::<usize>(),
            request.needs.iter().filter(|n| n.withdrawn).count()
        );
        RequestPage {
            page: Page::new(
                &app,
                &ctx,
                &here(&uri),
                tr.args("request-title", &[("number", Arg::Num(id))]),
            )
            .live(),
            id,
            incident: Link {
                href: format!("/incidents/{}", incident.id),
                label: localized(&tr, &incident.title, lang),
            },
            state: state_name(&tr, &state, request.state, lang),
            location: request.location.to_string(),
            needed_by: utc(request.needed_by),
            requested: utc(request.requested_at),
            closed: request.closed,
            needs,
            deployments: deployments_rows,
            own: helps && own_state == Some(request.state) && !request.closed,
            shape,
        }
    };
    render(StatusCode::OK, &page)
}

/// `POST /requests/{id}/needs/{n}/withdraw`: the requesting state withdraws a need.
pub async fn withdraw(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, need)): Path<(u64, usize)>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::AskForHelp, form)?;
    f.finish()?;
    let command = CrisisCommand::WithdrawNeed {
        request: RequestId(id),
        need,
    };
    submit_back(&app, &ctx, command, &format!("/requests/{id}")).await
}

/// `POST /requests/{id}/needs/{n}/proposals`: the Centre asks for a unit, or its state offers
/// it.
pub async fn propose(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, need)): Path<(u64, usize)>,
    form: RawForm,
) -> Result<Response, AppError> {
    gate(&ctx, &[Action::RunCrisis, Action::AskForHelp])?;
    let mut f = Fields::checked(&ctx, form)?;
    let unit = f.number::<u64>("unit");
    f.finish()?;
    let unit = unit.ok_or_else(incomplete)?;
    let command = CrisisCommand::ProposeUnit {
        request: RequestId(id),
        need,
        unit: UnitId(unit),
    };
    submit_back(&app, &ctx, command, &format!("/requests/{id}")).await
}

/// `POST /deployments/{id}/status`: a deployment moves on.
pub async fn advance(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    gate(&ctx, &[Action::RunCrisis, Action::AskForHelp])?;
    let mut f = Fields::checked(&ctx, form)?;
    let to = wire_field::<DeploymentStatus>(&mut f, "to");
    f.finish()?;
    let to = to.ok_or_else(incomplete)?;
    let request = {
        let state = app.journal.state();
        state
            .crisis()
            .deployment(DeploymentId(id))
            .map(|d| d.request)
            .ok_or(AppError::NotFound)?
    };
    let command = CrisisCommand::AdvanceDeployment {
        deployment: DeploymentId(id),
        to,
    };
    submit_back(
        &app,
        &ctx,
        command,
        &format!("/requests/{request}#deployment-{id}"),
    )
    .await
}
