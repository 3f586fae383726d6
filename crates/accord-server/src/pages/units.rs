//! The readiness board: the collective forces' units by capability and contributing state, with
//! readiness badges; the officers' forms to register a unit and change its readiness.

use accord_core::crisis::CrisisCommand;
use accord_core::crisis::model::{Capability, GeoPoint, Readiness, UnitId};
use accord_core::{Action, Classification, StateCode};
use askama::Template;
use axum::extract::{OriginalUri, Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::app::AppState;
use crate::crisis::words::{CAPABILITIES, SETTABLE_READINESS, choices, label};
use crate::error::AppError;
use crate::secretariat::authentic;
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, incomplete, may};
use super::incidents::{submit_back, wire_field};
use super::view::{Choice, member_choices, state_name, wire};
use super::{Page, content_lang, here, localized, render};

/// A unit as the board shows it.
#[derive(Debug)]
pub struct UnitRow {
    /// Its number.
    pub id: u64,
    /// Its name.
    pub name: String,
    /// The contributing state.
    pub state: String,
    /// How much.
    pub capacity: u32,
    /// Days of self-sufficiency.
    pub days: u32,
    /// Hours to deploy.
    pub hours: u32,
    /// Its readiness in words.
    pub readiness: String,
    /// Its readiness's wire name (the badge's class).
    pub readiness_class: String,
    /// Its home base.
    pub home: String,
    /// Its live deployment's request, if any.
    pub deployment: Option<String>,
    /// The readiness it may be set to (none while deployed).
    pub settable: Vec<Choice>,
}

/// The units of one capability.
#[derive(Debug)]
pub struct Group {
    /// The capability.
    pub heading: String,
    /// Its wire name.
    pub id: String,
    /// How many are ready.
    pub ready: usize,
    /// The units.
    pub rows: Vec<UnitRow>,
}

#[derive(Template)]
#[template(path = "units.html")]
struct UnitsPage<'a> {
    page: Page<'a>,
    groups: Vec<Group>,
    run: bool,
    members: Vec<Choice>,
    capabilities: Vec<Choice>,
    readiness: Vec<Choice>,
    shape: String,
}

/// `GET /units`: the readiness board (the organisation's insiders).
pub async fn board(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Restricted)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let page = {
        let state = app.journal.state();
        let crisis = state.crisis();
        let groups: Vec<Group> = CAPABILITIES
            .iter()
            .filter_map(|capability| {
                let mut units: Vec<_> = crisis
                    .units()
                    .values()
                    .filter(|u| u.capability == *capability)
                    .collect();
                if units.is_empty() {
                    return None;
                }
                units.sort_by_key(|u| (u.state, u.id));
                Some(Group {
                    heading: label(&tr, "crisis-capability", capability),
                    id: wire(capability),
                    ready: units
                        .iter()
                        .filter(|u| u.readiness == Readiness::Ready)
                        .count(),
                    rows: units
                        .iter()
                        .map(|u| UnitRow {
                            id: u.id.0,
                            name: localized(&tr, &u.name, lang),
                            state: state_name(&tr, &state, u.state, lang),
                            capacity: u.capacity,
                            days: u.self_sufficiency_days,
                            hours: u.deployment_hours,
                            readiness: label(&tr, "crisis-readiness", &u.readiness),
                            readiness_class: wire(&u.readiness),
                            home: u.home.to_string(),
                            deployment: crisis
                                .live_deployment(u.id)
                                .map(|d| format!("/requests/{}#deployment-{}", d.request, d.id)),
                            settable: if u.readiness == Readiness::Deployed {
                                Vec::new()
                            } else {
                                choices(
                                    &tr,
                                    "crisis-readiness",
                                    &SETTABLE_READINESS
                                        .into_iter()
                                        .filter(|r| *r != u.readiness)
                                        .collect::<Vec<_>>(),
                                )
                            },
                        })
                        .collect(),
                })
            })
            .collect();
        let shape = crisis
            .units()
            .values()
            .map(|u| format!("{}{}", u.id, wire(&u.readiness)))
            .collect::<Vec<_>>()
            .join("-");
        UnitsPage {
            page: Page::new(&app, &ctx, &here(&uri), tr.t("units-title")).live(),
            groups,
            run: may(&ctx, Action::RunCrisis),
            members: member_choices(&tr, &state, lang),
            capabilities: choices(&tr, "crisis-capability", &CAPABILITIES),
            readiness: choices(&tr, "crisis-readiness", &SETTABLE_READINESS),
            shape,
        }
    };
    render(StatusCode::OK, &page)
}

/// `POST /units`: an officer registers a unit.
pub async fn register(
    State(app): State<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::RunCrisis, form)?;
    let code = f.parsed("state", StateCode::parse);
    let name = f.text("name", authentic(&app)?);
    let capability = wire_field::<Capability>(&mut f, "capability");
    let capacity = f.number::<u32>("capacity");
    let days = f.number::<u32>("self_sufficiency_days");
    let hours = f.number::<u32>("deployment_hours");
    let readiness = wire_field::<Readiness>(&mut f, "readiness");
    let home = f.parsed("home", GeoPoint::parse);
    f.finish()?;
    let (
        Some(code),
        Some(name),
        Some(capability),
        Some(capacity),
        Some(days),
        Some(hours),
        Some(readiness),
        Some(home),
    ) = (
        code, name, capability, capacity, days, hours, readiness, home,
    )
    else {
        return Err(incomplete());
    };
    let command = CrisisCommand::RegisterUnit {
        state: code,
        name,
        capability,
        capacity,
        self_sufficiency_days: days,
        deployment_hours: hours,
        readiness,
        home,
    };
    submit_back(&app, &ctx, command, "/units").await
}

/// `POST /units/{id}/readiness`: an officer changes a unit's readiness.
pub async fn readiness(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::RunCrisis, form)?;
    let readiness = wire_field::<Readiness>(&mut f, "readiness");
    f.finish()?;
    let readiness = readiness.ok_or_else(incomplete)?;
    let command = CrisisCommand::SetReadiness {
        unit: UnitId(id),
        readiness,
    };
    submit_back(&app, &ctx, command, &format!("/units#unit-{id}")).await
}
