//! The Crisis Response Centre's API, part one: incidents (open, change, link an alert, issue a
//! situation report, request assistance) and the alerts taken in, with their chains and their
//! original CAP XML. Reads show only what the policy lets the reader see (404 otherwise);
//! writes are gated by role before the body is read, need the CSRF header from a browser, and
//! are refused with the rule they break.

use std::collections::BTreeMap;

use accord_core::crisis::alerts::AlertId;
use accord_core::crisis::model::{
    GeoPoint, Incident, IncidentId, IncidentStatus, IncidentType, Location, Need, Severity,
    SitrepKind,
};
use accord_core::crisis::{CrisisCommand as C, SitrepDraft, rules};
use accord_core::{
    AccountId, Action, Actor, Classification, Recipient, State, StateCode, Text, Timestamp,
};
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State as Extract};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::access::gate;
use crate::app::AppState;
use crate::crisis::timeline::{Happened, Item, of_incident};
use crate::crisis::{created, may_see_alert, may_see_incident, may_see_sitrep, submit};
use crate::error::{AppError, FieldError};
use crate::pages::view::{from_wire, wire};
use crate::secretariat::{authentic, text_from};
use crate::viewer::Ctx;

use super::{check_csrf_header, json_body};

/// A text per language: `{"ru": "…", "en": "…"}`; the authentic language is required.
pub type TextIn = BTreeMap<String, String>;

/// A text as the API shows it.
pub fn text_json(value: &Text) -> Value {
    json!({
        "authentic": value.authentic().as_str(),
        "values": value.iter().map(|(l, v)| (l.as_str().to_owned(), v.to_owned())).collect::<BTreeMap<_, _>>(),
    })
}

fn actor_json(actor: &Actor) -> String {
    actor.to_string()
}

/// An incident as the reader may see it; with its situation reports and timeline when `full`.
pub fn incident_json(
    ctx: &Ctx,
    state: &State,
    incident: &Incident,
    now: Timestamp,
    full: bool,
) -> Value {
    let mut view = json!({
        "id": incident.id.0,
        "title": text_json(&incident.title),
        "type": wire(&incident.incident_type),
        "severity": wire(&incident.severity),
        "location": serde_json::to_value(&incident.location).unwrap_or(Value::Null),
        "affected": incident.affected.iter().map(StateCode::as_str).collect::<Vec<_>>(),
        "status": incident.status.as_str(),
        "next_statuses": incident.status.next().iter().map(IncidentStatus::as_str).collect::<Vec<_>>(),
        "lead": incident.lead.as_ref().map(actor_json),
        "opened_at": incident.opened_at.to_string(),
        "classification": incident.classification.as_str(),
        "release": serde_json::to_value(&incident.release).unwrap_or(Value::Null),
        "sitrep_overdue": rules::sitrep_overdue(incident, now),
        "next_report_due": incident.sitreps.last().and_then(|s| s.next_due).map(|t| t.to_string()),
        "requests": incident.requests.iter().map(|r| r.0).collect::<Vec<_>>(),
        "alerts": incident.alerts.iter().filter(|a| state.crisis().alert(**a).is_some_and(|a| may_see_alert(ctx, state, a))).map(|a| a.0).collect::<Vec<_>>(),
    });
    if full {
        view["sitreps"] = incident
            .sitreps
            .iter()
            .filter(|s| may_see_sitrep(ctx, state, incident, s))
            .map(|s| serde_json::to_value(s).unwrap_or(Value::Null))
            .collect();
        view["timeline"] = of_incident(ctx, state, incident)
            .iter()
            .map(item_json)
            .collect();
    }
    view
}

/// One entry of a timeline.
pub fn item_json(item: &Item<'_>) -> Value {
    let mut view =
        json!({"at": item.at.to_string(), "kind": item.kind(), "incident": item.incident.id.0});
    match item.what {
        Happened::Opened(_) => {}
        Happened::Changed(c) => {
            view["status"] = json!(wire(&c.status));
            view["severity"] = json!(wire(&c.severity));
            view["lead"] = json!(c.lead.as_ref().map(actor_json));
            view["by"] = json!(actor_json(&c.by));
        }
        Happened::Alert(a) => view["alert"] = json!(a.id.0),
        Happened::Sitrep(s) => {
            view["sitrep"] = json!(s.number);
            view["sitrep_kind"] = json!(wire(&s.kind));
        }
        Happened::Request(r) => view["request"] = json!(r.id.0),
        Happened::Deployment(d, step) => {
            view["deployment"] = json!(d.id.0);
            view["request"] = json!(d.request.0);
            view["unit"] = json!(d.unit.0);
            view["status"] = json!(step.status.as_str());
            view["by"] = json!(actor_json(&step.by));
        }
        Happened::Note(n) => {
            view["note"] = json!(n.number);
            view["text"] = text_json(&n.text);
            view["by"] = json!(actor_json(&n.by));
        }
    }
    view
}

/// The instant now.
pub fn now() -> Result<Timestamp, AppError> {
    crate::pages::sessions::now()
}

/// Runs a command for the reader and answers 201 with what it wrote and the number of what
/// it created.
pub async fn command(
    app: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    command: C,
) -> Result<(StatusCode, Json<Value>), AppError> {
    check_csrf_header(ctx, headers)?;
    let receipt = submit(app, ctx, command).await?;
    let id = created(app, ctx, receipt).await;
    Ok(super::written(receipt, id))
}

/// One bad field.
pub fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::Invalid(vec![FieldError {
        field: field.to_owned(),
        message: message.into(),
    }])
}

fn visible_incident<'s>(ctx: &Ctx, state: &'s State, id: u64) -> Result<&'s Incident, AppError> {
    state
        .crisis()
        .incident(IncidentId(id))
        .filter(|i| may_see_incident(ctx, i))
        .ok_or(AppError::NotFound)
}

/// The filters of the incident list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IncidentFilter {
    /// monitoring, active, response, recovery or closed.
    status: Option<String>,
    /// natural_disaster, epidemic, terrorist_act, armed_incident,
    /// industrial_or_cbrn_accident, mass_migration or other.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    kind: Option<String>,
}

/// Parses an optional filter value by its wire name (`None` for empty).
pub fn filter_value<T: serde::de::DeserializeOwned>(
    field: &str,
    value: Option<&str>,
) -> Result<Option<T>, AppError> {
    match value.filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => from_wire(v)
            .map(Some)
            .ok_or_else(|| invalid(field, format!("{v:?} is not a known {field}"))),
    }
}

/// The incidents the reader may see, newest first, filtered by status and type.
#[utoipa::path(get, path = "/api/v1/incidents", tag = "incidents", params(IncidentFilter),
    responses((status = 200, body = Object), (status = 422, body = crate::error::Problem)))]
pub async fn list_incidents(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    Query(filter): Query<IncidentFilter>,
) -> Result<Json<Value>, AppError> {
    let status: Option<IncidentStatus> = filter_value("status", filter.status.as_deref())?;
    let kind: Option<IncidentType> = filter_value("type", filter.kind.as_deref())?;
    let now = now()?;
    let state = app.journal.state();
    let incidents: Vec<Value> = state
        .crisis()
        .incidents()
        .values()
        .rev()
        .filter(|i| may_see_incident(&ctx, i))
        .filter(|i| status.is_none_or(|s| s == i.status))
        .filter(|i| kind.is_none_or(|k| k == i.incident_type))
        .map(|i| incident_json(&ctx, &state, i, now, false))
        .collect();
    Ok(Json(json!({ "incidents": incidents })))
}

/// An incident with its situation reports and its timeline.
#[utoipa::path(get, path = "/api/v1/incidents/{id}", tag = "incidents",
    params(("id" = u64, Path, description = "The incident's number")),
    responses((status = 200, body = Object), (status = 404, body = crate::error::Problem)))]
pub async fn get_incident(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
) -> Result<Json<Value>, AppError> {
    let now = now()?;
    let state = app.journal.state();
    let incident = visible_incident(&ctx, &state, id)?;
    Ok(Json(incident_json(&ctx, &state, incident, now, true)))
}

/// A new incident.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentIn {
    /// Its title per language.
    #[schema(value_type = Object)]
    title: TextIn,
    /// natural_disaster, epidemic, terrorist_act, armed_incident, industrial_or_cbrn_accident,
    /// mass_migration or other.
    #[serde(rename = "type")]
    #[schema(value_type = String)]
    incident_type: IncidentType,
    /// minor, moderate, severe or extreme.
    #[schema(value_type = String)]
    severity: Severity,
    /// `{"kind": "point", "at": "40.18,44.51"}` or `{"kind": "polygon", "points": [...]}`
    /// (a closed ring).
    #[schema(value_type = Object)]
    location: Location,
    /// The affected member states' codes.
    #[schema(value_type = Vec<String>)]
    affected: Vec<StateCode>,
    /// The lead officer's account.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    lead: Option<AccountId>,
    /// public, restricted or confidential (default: the organisation's default).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    classification: Option<Classification>,
    /// Who it is released to beyond its classification (`{"kind": "partner", "partner": "sco-rats"}`).
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    release: Vec<Recipient>,
    /// The alerts it is opened from.
    #[serde(default)]
    alerts: Vec<u64>,
}

/// Open an incident, by hand or from alerts (Crisis Response Centre or Joint Staff officer).
#[utoipa::path(post, path = "/api/v1/incidents", tag = "incidents", request_body = IncidentIn,
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn open_incident(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    body: Result<Json<IncidentIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RunCrisis])?;
    let input = json_body(body)?;
    let mut errors = Vec::new();
    let title = text_from("title", &input.title, authentic(&app)?, &mut errors);
    let title = title.ok_or(AppError::Invalid(errors))?;
    let open = C::OpenIncident {
        title,
        incident_type: input.incident_type,
        severity: input.severity,
        location: input.location,
        affected: input.affected,
        lead: input.lead,
        classification: input.classification,
        release: input.release,
        alerts: input.alerts.into_iter().map(AlertId).collect(),
    };
    command(&app, &ctx, &headers, open).await
}

/// A change of an incident: what is left out stays as it is.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeIn {
    /// Its new status (see the incident's `next_statuses`).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    status: Option<IncidentStatus>,
    /// Its severity.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    severity: Option<Severity>,
    /// Its lead officer's account; an empty string leaves it without one.
    #[serde(default)]
    lead: Option<String>,
}

/// The account of an incident's lead, if any.
pub fn lead_account(incident: &Incident) -> Option<AccountId> {
    match &incident.lead {
        Some(Actor::Account(id)) => Some(id.clone()),
        _ => None,
    }
}

/// Change an incident's status, severity or lead (Crisis Response Centre or Joint Staff
/// officer); an illegal status change is refused naming the allowed ones.
#[utoipa::path(post, path = "/api/v1/incidents/{id}/changes", tag = "incidents", request_body = ChangeIn,
    params(("id" = u64, Path, description = "The incident's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 404, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn change_incident(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<ChangeIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RunCrisis])?;
    let input = json_body(body)?;
    let change = {
        let state = app.journal.state();
        let incident = visible_incident(&ctx, &state, id)?;
        let lead = match input.lead.as_deref() {
            None => lead_account(incident),
            Some("") => None,
            Some(name) => Some(AccountId::parse(name).map_err(|e| invalid("lead", e.to_string()))?),
        };
        C::ChangeIncident {
            incident: incident.id,
            status: input.status.unwrap_or(incident.status),
            severity: input.severity.unwrap_or(incident.severity),
            lead,
        }
    };
    command(&app, &ctx, &headers, change).await
}

/// An alert to link.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkIn {
    /// The alert's number.
    alert: u64,
}

/// Put an alert (and its later updates) on an incident's timeline (Crisis Response Centre or
/// Joint Staff officer).
#[utoipa::path(post, path = "/api/v1/incidents/{id}/alerts", tag = "incidents", request_body = LinkIn,
    params(("id" = u64, Path, description = "The incident's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object), (status = 403, body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
pub async fn link_alert(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<LinkIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RunCrisis])?;
    let input = json_body(body)?;
    let link = C::LinkAlert {
        incident: IncidentId(id),
        alert: AlertId(input.alert),
    };
    command(&app, &ctx, &headers, link).await
}

/// A situation report.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SitrepIn {
    /// initial, update or final.
    #[schema(value_type = String)]
    kind: SitrepKind,
    /// The start of the period covered (`2020-12-01T06:00:00Z`).
    #[schema(value_type = String)]
    from: Timestamp,
    /// The end of the period covered (not after now).
    #[schema(value_type = String)]
    to: Timestamp,
    /// The situation per language.
    #[schema(value_type = Object)]
    situation: TextIn,
    /// The actions taken per language.
    #[schema(value_type = Object)]
    actions: TextIn,
    /// The needs per language.
    #[schema(value_type = Object)]
    needs: TextIn,
    /// The account that prepared it (default: the authorising officer).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    prepared_by: Option<AccountId>,
    /// When the next report is due (required unless final).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    next_due: Option<Timestamp>,
    /// Releasable to the partners the incident is released to.
    #[serde(default)]
    releasable: bool,
}

/// Issue the incident's next situation report, authorised by the acting officer.
#[utoipa::path(post, path = "/api/v1/incidents/{id}/sitreps", tag = "incidents", request_body = SitrepIn,
    params(("id" = u64, Path, description = "The incident's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object, description = "`id` is the report's number"),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn issue_sitrep(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<SitrepIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::RunCrisis])?;
    let input = json_body(body)?;
    let authentic = authentic(&app)?;
    let mut errors = Vec::new();
    let situation = text_from("situation", &input.situation, authentic, &mut errors);
    let actions = text_from("actions", &input.actions, authentic, &mut errors);
    let needs = text_from("needs", &input.needs, authentic, &mut errors);
    let (Some(situation), Some(actions), Some(needs)) = (situation, actions, needs) else {
        return Err(AppError::Invalid(errors));
    };
    let issue = C::IssueSitrep {
        incident: IncidentId(id),
        draft: SitrepDraft {
            kind: input.kind,
            from: input.from,
            to: input.to,
            situation,
            actions,
            needs,
            prepared_by: input.prepared_by,
            next_due: input.next_due,
            releasable: input.releasable,
        },
    };
    command(&app, &ctx, &headers, issue).await
}

/// One capability requested.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeedIn {
    /// field_hospital, medical_evacuation, cbrn_detection, biosecurity_laboratory,
    /// search_and_rescue, engineering, airlift, water_purification or peacekeeping_battalion.
    #[schema(value_type = String)]
    capability: accord_core::crisis::model::Capability,
    /// How much (beds for a field hospital).
    quantity: u32,
}

/// A request for assistance.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestIn {
    /// What is needed.
    needs: Vec<NeedIn>,
    /// Where, `"lat,lon"`.
    #[schema(value_type = String)]
    location: GeoPoint,
    /// By when (`2020-12-03T00:00:00Z`, after now).
    #[schema(value_type = String)]
    needed_by: Timestamp,
}

/// Request assistance for an incident (a delegation or national centre of an affected member
/// state).
#[utoipa::path(post, path = "/api/v1/incidents/{id}/requests", tag = "requests", request_body = RequestIn,
    params(("id" = u64, Path, description = "The incident's number")),
    security(("bearer" = [])),
    responses((status = 201, body = Object, description = "`id` is the request's number"),
        (status = 403, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn request_assistance(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<u64>,
    body: Result<Json<RequestIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    gate(&ctx, &[Action::AskForHelp])?;
    let input = json_body(body)?;
    let request = C::RequestAssistance {
        incident: IncidentId(id),
        needs: input
            .needs
            .into_iter()
            .map(|n| Need {
                capability: n.capability,
                quantity: n.quantity,
                withdrawn: false,
            })
            .collect(),
        location: input.location,
        needed_by: input.needed_by,
    };
    command(&app, &ctx, &headers, request).await
}
