//! An incident's page: its details, the status change with the statuses allowed next, its
//! timeline (alerts, situation reports, requests, deployments, duty notes) in time order with
//! the overdue-report flag, and the forms: a situation report and an alert to link for the
//! Centre's officers, a request for assistance for an affected member's delegation.

use accord_core::crisis::CrisisCommand;
use accord_core::crisis::SitrepDraft;
use accord_core::crisis::alerts::AlertId;
use accord_core::crisis::model::{
    GeoPoint, Incident, IncidentId, IncidentStatus, Need, Severity, SitrepKind,
};
use accord_core::crisis::rules;
use accord_core::{Action, Classification, Lang, State as Records};
use askama::Template;
use axum::extract::{OriginalUri, Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::app::AppState;
use crate::crisis::timeline::{Happened, Item, of_incident};
use crate::crisis::words::{
    CAPABILITIES, SEVERITIES, SITREP_KINDS, actor, choices, deployment_status, label,
};
use crate::crisis::{may_see_alert, may_see_incident};
use crate::error::AppError;
use crate::i18n::{Arg, Tr};
use crate::secretariat::authentic;
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, incomplete, may};
use super::incidents::{now, optional_utc, submit_back, utc_field, wire_field};
use super::view::{Choice, state_name, utc, wire};
use super::{Page, content_lang, here, localized, render};

/// A line of a timeline as a page shows it.
#[derive(Debug)]
pub struct TimelineRow {
    /// When.
    pub at: String,
    /// What kind of entry.
    pub kind: String,
    /// What happened.
    pub text: String,
    /// Where to read more.
    pub href: Option<String>,
    /// Who.
    pub by: String,
}

/// A timeline entry in words.
pub fn timeline_row(tr: &Tr<'_>, state: &Records, item: &Item<'_>, lang: Lang) -> TimelineRow {
    let crisis = state.crisis();
    let incident = item.incident;
    let (text, href, by) = match item.what {
        Happened::Opened(i) => (
            tr.a("crisis-tl-opened", "title", &localized(tr, &i.title, lang)),
            Some(format!("/incidents/{}", i.id)),
            String::new(),
        ),
        Happened::Changed(c) => (
            tr.args(
                "crisis-tl-changed",
                &[
                    ("status", Arg::Str(&label(tr, "crisis-status", &c.status))),
                    (
                        "severity",
                        Arg::Str(&label(tr, "crisis-severity", &c.severity)),
                    ),
                    (
                        "lead",
                        Arg::Str(
                            &c.lead
                                .as_ref()
                                .map_or_else(|| tr.t("crisis-no-lead"), |l| actor(tr, l)),
                        ),
                    ),
                ],
            ),
            None,
            actor(tr, &c.by),
        ),
        Happened::Alert(a) => (
            tr.a(
                "crisis-tl-alert",
                "headline",
                a.summary.headline.as_deref().unwrap_or(&a.summary.event),
            ),
            Some(format!("/alerts/{}", a.id)),
            a.summary.key.sender.clone(),
        ),
        Happened::Sitrep(s) => (
            tr.args(
                "crisis-tl-sitrep",
                &[
                    ("number", Arg::Num(u64::from(s.number))),
                    ("kind", Arg::Str(&label(tr, "crisis-sitrep", &s.kind))),
                ],
            ),
            Some(format!("/incidents/{}/sitreps/{}", incident.id, s.number)),
            actor(tr, &s.authorised_by),
        ),
        Happened::Request(r) => (
            tr.args(
                "crisis-tl-request",
                &[
                    ("number", Arg::Num(r.id.0)),
                    ("state", Arg::Str(&state_name(tr, state, r.state, lang))),
                ],
            ),
            Some(format!("/requests/{}", r.id)),
            String::new(),
        ),
        Happened::Deployment(d, step) => {
            let unit = crisis
                .unit(d.unit)
                .map_or_else(|| d.unit.to_string(), |u| localized(tr, &u.name, lang));
            (
                tr.args(
                    "crisis-tl-deployment",
                    &[
                        ("unit", Arg::Str(&unit)),
                        ("status", Arg::Str(&deployment_status(tr, step.status))),
                    ],
                ),
                Some(format!("/requests/{}#deployment-{}", d.request, d.id)),
                actor(tr, &step.by),
            )
        }
        Happened::Note(n) => (localized(tr, &n.text, lang), None, actor(tr, &n.by)),
    };
    TimelineRow {
        at: utc(item.at),
        kind: tr.t(&format!("crisis-tl-kind-{}", item.kind())),
        text,
        href,
        by,
    }
}

/// A situation report as the list shows it.
#[derive(Debug)]
pub struct SitrepRow {
    /// Its page.
    pub href: String,
    /// Its number.
    pub number: u32,
    /// Its kind.
    pub kind: String,
    /// The period covered.
    pub period: String,
    /// When the next is due.
    pub next_due: String,
}

#[derive(Template)]
#[template(path = "incident.html")]
struct IncidentPage<'a> {
    page: Page<'a>,
    id: u64,
    title: String,
    kind: String,
    severity: String,
    severity_class: String,
    status: String,
    location: String,
    affected: String,
    lead: String,
    opened: String,
    classification: String,
    overdue: bool,
    next_due: Option<String>,
    timeline: Vec<TimelineRow>,
    sitreps: Vec<SitrepRow>,
    run: bool,
    closed: bool,
    next_statuses: Vec<Choice>,
    severities: Vec<Choice>,
    current_severity: String,
    current_lead: String,
    current_user: String,
    sitrep_kinds: Vec<Choice>,
    sitrep_fields: [(&'static str, &'static str); 3],
    next_kind: String,
    linkable: Vec<Choice>,
    ask: bool,
    capabilities: Vec<Choice>,
    request_location: String,
    shape: String,
}

/// An incident the reader may see, or 404.
pub fn visible<'s>(ctx: &Ctx, state: &'s Records, id: u64) -> Result<&'s Incident, AppError> {
    state
        .crisis()
        .incident(IncidentId(id))
        .filter(|i| may_see_incident(ctx, i))
        .ok_or(AppError::NotFound)
}

/// `GET /incidents/{id}`.
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
        let incident = visible(&ctx, &state, id)?;
        let timeline: Vec<TimelineRow> = of_incident(&ctx, &state, incident)
            .iter()
            .map(|item| timeline_row(&tr, &state, item, lang))
            .collect();
        let run = may(&ctx, Action::RunCrisis);
        let own_state = ctx.viewer.principal.affiliation().state();
        let ask = may(&ctx, Action::AskForHelp)
            && own_state.is_some_and(|s| incident.affected.contains(&s));
        let lead = match &incident.lead {
            Some(a) => actor(&tr, a),
            None => tr.t("crisis-no-lead"),
        };
        let shape = format!(
            "{}-{}-{}",
            incident.status.as_str(),
            timeline.len(),
            u8::from(rules::sitrep_overdue(incident, now))
        );
        IncidentPage {
            page: Page::new(
                &app,
                &ctx,
                &here(&uri),
                localized(&tr, &incident.title, lang),
            )
            .live(),
            id,
            title: localized(&tr, &incident.title, lang),
            kind: label(&tr, "crisis-type", &incident.incident_type),
            severity: label(&tr, "crisis-severity", &incident.severity),
            severity_class: wire(&incident.severity),
            status: label(&tr, "crisis-status", &incident.status),
            location: match &incident.location {
                accord_core::crisis::model::Location::Point { at } => at.to_string(),
                accord_core::crisis::model::Location::Polygon { points } => tr.args(
                    "crisis-polygon",
                    &[
                        ("points", Arg::Num(points.len() as u64)),
                        ("centre", Arg::Str(&incident.location.centre().to_string())),
                    ],
                ),
            },
            affected: incident
                .affected
                .iter()
                .map(|c| state_name(&tr, &state, *c, lang))
                .collect::<Vec<_>>()
                .join(", "),
            current_lead: super::super::api::crisis::lead_account(incident)
                .map(|a| a.to_string())
                .unwrap_or_default(),
            lead,
            current_user: ctx
                .viewer
                .account
                .as_ref()
                .map(|(id, _)| id.to_string())
                .unwrap_or_default(),
            opened: utc(incident.opened_at),
            classification: tr.t(&format!("class-{}", incident.classification.as_str())),
            overdue: rules::sitrep_overdue(incident, now),
            next_due: incident.sitreps.last().and_then(|s| s.next_due).map(utc),
            timeline,
            sitreps: incident
                .sitreps
                .iter()
                .filter(|s| crate::crisis::may_see_sitrep(&ctx, &state, incident, s))
                .map(|s| SitrepRow {
                    href: format!("/incidents/{id}/sitreps/{}", s.number),
                    number: s.number,
                    kind: label(&tr, "crisis-sitrep", &s.kind),
                    period: format!("{} – {}", utc(s.from), utc(s.to)),
                    next_due: s.next_due.map(utc).unwrap_or_default(),
                })
                .collect(),
            run,
            closed: incident.status == IncidentStatus::Closed,
            next_statuses: choices(&tr, "crisis-status", &incident.status.next()),
            severities: choices(&tr, "crisis-severity", &SEVERITIES),
            current_severity: wire(&incident.severity),
            sitrep_kinds: choices(
                &tr,
                "crisis-sitrep",
                &SITREP_KINDS
                    .into_iter()
                    .filter(|k| (*k == SitrepKind::Initial) == incident.sitreps.is_empty())
                    .collect::<Vec<_>>(),
            ),
            sitrep_fields: [
                ("situation", "field-situation"),
                ("actions", "field-actions"),
                ("needs", "field-needs"),
            ],
            next_kind: if incident.sitreps.is_empty() {
                "initial".to_owned()
            } else {
                "update".to_owned()
            },
            linkable: state
                .crisis()
                .alerts()
                .values()
                .rev()
                .filter(|a| a.incident.is_none() && may_see_alert(&ctx, &state, a))
                .map(|a| {
                    Choice::new(
                        a.id,
                        format!(
                            "{}: {}",
                            a.id,
                            a.summary.headline.as_deref().unwrap_or(&a.summary.event)
                        ),
                    )
                })
                .collect(),
            ask,
            capabilities: choices(&tr, "crisis-capability", &CAPABILITIES),
            request_location: incident.location.centre().to_string(),
            shape,
        }
    };
    render(StatusCode::OK, &page)
}

/// Reads a form about an incident the reader may see, `action` checked first.
fn read_form(
    app: &AppState,
    ctx: &Ctx,
    id: u64,
    action: Action,
    form: RawForm,
) -> Result<Fields, AppError> {
    Fields::read_about(ctx, action, form, &app.journal.state(), id, visible)
}

/// `POST /incidents/{id}/status`: an officer changes the status, severity or lead.
pub async fn change(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = read_form(&app, &ctx, id, Action::RunCrisis, form)?;
    let status = wire_field::<IncidentStatus>(&mut f, "status");
    let severity = wire_field::<Severity>(&mut f, "severity");
    let lead = match f.get("lead").map(str::to_owned) {
        Some(name) => match accord_core::AccountId::parse(&name) {
            Ok(id) => Some(id),
            Err(e) => {
                f.invalid("lead", &e.to_string());
                None
            }
        },
        None => None,
    };
    f.finish()?;
    let (Some(status), Some(severity)) = (status, severity) else {
        return Err(incomplete());
    };
    let command = CrisisCommand::ChangeIncident {
        incident: IncidentId(id),
        status,
        severity,
        lead,
    };
    submit_back(&app, &ctx, command, &format!("/incidents/{id}")).await
}

/// `POST /incidents/{id}/alerts`: an officer links an alert to the incident.
pub async fn link_alert(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = read_form(&app, &ctx, id, Action::RunCrisis, form)?;
    let alert = f.number::<u64>("alert");
    f.finish()?;
    let alert = alert.ok_or_else(incomplete)?;
    let command = CrisisCommand::LinkAlert {
        incident: IncidentId(id),
        alert: AlertId(alert),
    };
    submit_back(&app, &ctx, command, &format!("/incidents/{id}")).await
}

/// `POST /incidents/{id}/sitreps`: an officer issues the next situation report.
pub async fn issue_sitrep(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = read_form(&app, &ctx, id, Action::RunCrisis, form)?;
    let authentic = authentic(&app)?;
    let kind = wire_field::<SitrepKind>(&mut f, "kind");
    let from = utc_field(&mut f, "from");
    let to = utc_field(&mut f, "to");
    let situation = f.text("situation", authentic);
    let actions = f.text("actions", authentic);
    let needs = f.text("needs", authentic);
    let next_due = optional_utc(&mut f, "next_due");
    let prepared_by = match f.get("prepared_by").map(str::to_owned) {
        Some(name) => match accord_core::AccountId::parse(&name) {
            Ok(id) => Some(id),
            Err(e) => {
                f.invalid("prepared_by", &e.to_string());
                None
            }
        },
        None => None,
    };
    let releasable = f.get("releasable").is_some();
    f.finish()?;
    let (Some(kind), Some(from), Some(to), Some(situation), Some(actions), Some(needs)) =
        (kind, from, to, situation, actions, needs)
    else {
        return Err(incomplete());
    };
    let command = CrisisCommand::IssueSitrep {
        incident: IncidentId(id),
        draft: SitrepDraft {
            kind,
            from,
            to,
            situation,
            actions,
            needs,
            prepared_by,
            next_due,
            releasable,
        },
    };
    submit_back(&app, &ctx, command, &format!("/incidents/{id}")).await
}

/// `POST /incidents/{id}/requests`: an affected member's delegation requests assistance; each
/// capability with a quantity above zero is a need.
pub async fn request(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = read_form(&app, &ctx, id, Action::AskForHelp, form)?;
    let mut needs = Vec::new();
    for capability in CAPABILITIES {
        let field = format!("quantity.{}", wire(&capability));
        let Some(value) = f.get(&field).map(str::to_owned) else {
            continue;
        };
        match value.parse::<u32>() {
            Ok(0) => {}
            Ok(quantity) => needs.push(Need {
                capability,
                quantity,
                withdrawn: false,
            }),
            Err(e) => f.invalid(&field, &e.to_string()),
        }
    }
    if needs.is_empty() {
        f.invalid(
            "quantity",
            "name at least one capability with a quantity above zero",
        );
    }
    let location = f.parsed("location", GeoPoint::parse);
    let needed_by = utc_field(&mut f, "needed_by");
    f.finish()?;
    let (Some(location), Some(needed_by)) = (location, needed_by) else {
        return Err(incomplete());
    };
    let command = CrisisCommand::RequestAssistance {
        incident: IncidentId(id),
        needs,
        location,
        needed_by,
    };
    let receipt = crate::crisis::submit(&app, &ctx, command).await?;
    let to = crate::crisis::created(&app, &ctx, receipt)
        .await
        .map_or_else(|| format!("/incidents/{id}"), |r| format!("/requests/{r}"));
    Ok(super::form::back(&to))
}
