//! The duty log: the duty officers' notes among the Centre's events, in time order, each linked
//! to its incident; and the officers' form to write a note.

use accord_core::crisis::CrisisCommand;
use accord_core::crisis::model::IncidentId;
use accord_core::{Action, Classification};
use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::app::AppState;
use crate::crisis::may_see_incident;
use crate::crisis::timeline::{LogLine, duty_log};
use crate::crisis::words::actor;
use crate::error::AppError;
use crate::secretariat::authentic;
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, incomplete, may};
use super::incident::{TimelineRow, timeline_row};
use super::incidents::submit_back;
use super::session::Link;
use super::view::{Choice, utc};
use super::{Page, content_lang, here, localized, render};

/// A line of the duty log as the page shows it.
#[derive(Debug)]
pub struct Line {
    /// The entry.
    pub row: TimelineRow,
    /// Its incident.
    pub incident: Option<Link>,
    /// An officer's own note.
    pub note: bool,
}

#[derive(Template)]
#[template(path = "duty_log.html")]
struct DutyPage<'a> {
    page: Page<'a>,
    lines: Vec<Line>,
    run: bool,
    incidents: Vec<Choice>,
    shape: usize,
}

/// `GET /duty-log` (the organisation's insiders).
pub async fn log(
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
        let link = |id: IncidentId| {
            crisis
                .incident(id)
                .filter(|i| may_see_incident(&ctx, i))
                .map(|i| Link {
                    href: format!("/incidents/{}", i.id),
                    label: localized(&tr, &i.title, lang),
                })
        };
        let lines: Vec<Line> = duty_log(&ctx, &state)
            .iter()
            .rev()
            .map(|line| match line {
                LogLine::Event(item) => Line {
                    row: timeline_row(&tr, &state, item, lang),
                    incident: link(item.incident.id),
                    note: false,
                },
                LogLine::Note(note) => Line {
                    row: TimelineRow {
                        at: utc(note.at),
                        kind: tr.t("crisis-tl-kind-note"),
                        text: localized(&tr, &note.text, lang),
                        href: None,
                        by: actor(&tr, &note.by),
                    },
                    incident: note.incident.and_then(link),
                    note: true,
                },
            })
            .collect();
        DutyPage {
            page: Page::new(&app, &ctx, &here(&uri), tr.t("duty-title")).live(),
            shape: lines.len(),
            lines,
            run: may(&ctx, Action::RunCrisis),
            incidents: crisis
                .incidents()
                .values()
                .rev()
                .filter(|i| may_see_incident(&ctx, i))
                .map(|i| {
                    Choice::new(
                        i.id,
                        format!("{}: {}", i.id, localized(&tr, &i.title, lang)),
                    )
                })
                .collect(),
        }
    };
    render(StatusCode::OK, &page)
}

/// `POST /duty-log`: an officer writes a note (about an incident, or none), then returns to the
/// incident's page or the log.
pub async fn write(
    State(app): State<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::RunCrisis, form)?;
    let text = f.text("text", authentic(&app)?);
    let incident = match f.get("incident").map(str::parse::<u64>) {
        Some(Ok(id)) => Some(IncidentId(id)),
        Some(Err(_)) => {
            f.invalid("incident", "not an incident number");
            None
        }
        None => None,
    };
    f.finish()?;
    let text = text.ok_or_else(incomplete)?;
    let back = incident.map_or_else(|| "/duty-log".to_owned(), |i| format!("/incidents/{i}"));
    submit_back(
        &app,
        &ctx,
        CrisisCommand::WriteDutyNote { incident, text },
        &back,
    )
    .await
}
