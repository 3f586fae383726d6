//! The alerts taken in: the list the reader may see, and an alert's page with its chain (what
//! superseded or cancelled it, what it waits for, its incident), its areas, its original CAP
//! XML, and the officers' buttons to open an incident from it or link it to an open one.

use accord_core::crisis::alerts::{Alert, AlertId, MessageKind};
use accord_core::crisis::model::IncidentStatus;
use accord_core::{Action, Classification};
use askama::Template;
use axum::extract::{OriginalUri, Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::app::AppState;
use crate::crisis::words::label;
use crate::crisis::{may_see_alert, may_see_incident};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::viewer::Ctx;

use super::form::may;
use super::incidents::now;
use super::session::Link;
use super::view::utc;
use super::{Page, content_lang, here, localized, render};

/// An alert as the list shows it.
#[derive(Debug)]
pub struct AlertRow {
    /// Its number.
    pub id: u64,
    /// Its headline (or event).
    pub headline: String,
    /// Its sender.
    pub sender: String,
    /// When it was sent.
    pub sent: String,
    /// Its kind.
    pub kind: String,
    /// Its severity.
    pub severity: String,
    /// Where it stands.
    pub standing: String,
    /// Its incident.
    pub incident: Option<Link>,
}

fn headline(alert: &Alert) -> String {
    alert
        .summary
        .headline
        .clone()
        .unwrap_or_else(|| alert.summary.event.clone())
}

fn standing(tr: &Tr<'_>, alert: &Alert, now: accord_core::Timestamp) -> String {
    if alert.cancelled_by.is_some() {
        tr.t("alert-cancelled")
    } else if alert.superseded_by.is_some() {
        tr.t("alert-superseded")
    } else if alert.is_live(now) {
        tr.t("alert-live")
    } else {
        tr.t("alert-not-live")
    }
}

fn kind(tr: &Tr<'_>, kind: MessageKind) -> String {
    label(tr, "alert-kind", &kind)
}

#[derive(Template)]
#[template(path = "alerts.html")]
struct AlertsPage<'a> {
    page: Page<'a>,
    rows: Vec<AlertRow>,
    shape: usize,
}

/// `GET /alerts`: every alert the reader may see, newest first (signed-in readers).
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::OpenWorkspace, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let now = now()?;
    let page = {
        let state = app.journal.state();
        let crisis = state.crisis();
        let rows: Vec<AlertRow> = crisis
            .alerts()
            .values()
            .rev()
            .filter(|a| may_see_alert(&ctx, &state, a))
            .map(|a| AlertRow {
                id: a.id.0,
                headline: headline(a),
                sender: a.summary.key.sender.clone(),
                sent: utc(a.summary.sent_utc),
                kind: kind(&tr, a.summary.kind),
                severity: a
                    .summary
                    .severity
                    .map(|s| label(&tr, "crisis-severity", &s))
                    .unwrap_or_default(),
                standing: standing(&tr, a, now),
                incident: a
                    .incident
                    .and_then(|i| crisis.incident(i))
                    .filter(|i| may_see_incident(&ctx, i))
                    .map(|i| Link {
                        href: format!("/incidents/{}", i.id),
                        label: localized(&tr, &i.title, lang),
                    }),
            })
            .collect();
        AlertsPage {
            page: Page::new(&app, &ctx, &here(&uri), tr.t("alerts-title")).live(),
            shape: crisis.alerts().len(),
            rows,
        }
    };
    render(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "alert.html")]
struct AlertPage<'a> {
    page: Page<'a>,
    id: u64,
    row: AlertRow,
    identifier: String,
    status: String,
    language: String,
    categories: String,
    expires: String,
    received: String,
    areas: Vec<(String, String)>,
    superseded_by: Option<u64>,
    cancelled_by: Option<u64>,
    references: Vec<(String, Option<u64>)>,
    waiting_for: Vec<String>,
    run: bool,
    linked: bool,
    open_incidents: Vec<Link>,
}

/// `GET /alerts/{id}`.
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::OpenWorkspace, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let now = now()?;
    let page = {
        let state = app.journal.state();
        let crisis = state.crisis();
        let alert = crisis
            .alert(AlertId(id))
            .filter(|a| may_see_alert(&ctx, &state, a))
            .ok_or(AppError::NotFound)?;
        let seen = |id: Option<AlertId>| {
            id.filter(|a| {
                crisis
                    .alert(*a)
                    .is_some_and(|a| may_see_alert(&ctx, &state, a))
            })
            .map(|a| a.0)
        };
        let incident = alert
            .incident
            .and_then(|i| crisis.incident(i))
            .filter(|i| may_see_incident(&ctx, i));
        let run = may(&ctx, Action::RunCrisis);
        let summary = &alert.summary;
        AlertPage {
            page: Page::new(&app, &ctx, &here(&uri), headline(alert)).live(),
            id,
            row: AlertRow {
                id,
                headline: headline(alert),
                sender: summary.key.sender.clone(),
                sent: utc(summary.sent_utc),
                kind: kind(&tr, summary.kind),
                severity: summary
                    .severity
                    .map(|s| label(&tr, "crisis-severity", &s))
                    .unwrap_or_default(),
                standing: standing(&tr, alert, now),
                incident: incident.map(|i| Link {
                    href: format!("/incidents/{}", i.id),
                    label: localized(&tr, &i.title, lang),
                }),
            },
            identifier: summary.key.identifier.clone(),
            status: summary.status.clone(),
            language: summary.language.clone(),
            categories: summary.categories.join(", "),
            expires: summary
                .expires
                .map(utc)
                .unwrap_or_else(|| tr.t("alert-never")),
            received: utc(alert.received_at),
            areas: summary
                .areas
                .iter()
                .map(|a| {
                    let centre = super::incidents::area_centre(a);
                    (
                        a.description.clone(),
                        centre.map(|p| p.to_string()).unwrap_or_default(),
                    )
                })
                .collect(),
            superseded_by: seen(alert.superseded_by),
            cancelled_by: seen(alert.cancelled_by),
            references: summary
                .references
                .iter()
                .map(|k| (k.to_string(), seen(crisis.alert_by_key(k))))
                .collect(),
            waiting_for: alert.waiting_for.iter().map(ToString::to_string).collect(),
            run,
            linked: alert.incident.is_some(),
            open_incidents: crisis
                .incidents()
                .values()
                .rev()
                .filter(|i| i.status != IncidentStatus::Closed && may_see_incident(&ctx, i))
                .map(|i| Link {
                    href: format!("/incidents/{}/alerts", i.id),
                    label: format!("{}: {}", i.id, localized(&tr, &i.title, lang)),
                })
                .collect(),
        }
    };
    render(StatusCode::OK, &page)
}
