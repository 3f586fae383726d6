//! The Crisis Response Centre's incidents: the list the reader may see, filtered by status and
//! type, and the officers' form to open one, by hand or from an alert (`/incidents/new?alert=N`
//! takes the alert's headline, severity and the centre of its first area, and links it).

use accord_core::crisis::CrisisCommand;
use accord_core::crisis::alerts::{Alert, AlertArea, AlertId};
use accord_core::crisis::model::{GeoPoint, IncidentStatus, IncidentType, Location, Severity};
use accord_core::crisis::rules;
use accord_core::{Action, Classification, StateCode, Timestamp};
use askama::Template;
use axum::extract::{OriginalUri, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use crate::access::require;
use crate::app::AppState;
use crate::crisis::words::{INCIDENT_TYPES, SEVERITIES, STATUSES, choices, label};
use crate::crisis::{created, may_see_alert, may_see_incident, submit};
use crate::error::AppError;
use crate::secretariat::authentic;
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, back, incomplete, may};
use super::view::{Choice, classification_choices, from_wire, member_choices, utc, wire};
use super::{Page, content_lang, here, localized, render};

/// An incident as the list shows it.
#[derive(Debug)]
pub struct IncidentRow {
    /// Its page.
    pub href: String,
    /// Its number.
    pub id: u64,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: String,
    /// Its severity.
    pub severity: String,
    /// Its severity's wire name (for the badge).
    pub severity_class: String,
    /// Its status.
    pub status: String,
    /// The affected states.
    pub affected: String,
    /// When it was opened.
    pub opened: String,
    /// Its next report is overdue.
    pub overdue: bool,
}

#[derive(Template)]
#[template(path = "incidents.html")]
struct IncidentsPage<'a> {
    page: Page<'a>,
    rows: Vec<IncidentRow>,
    statuses: Vec<Choice>,
    types: Vec<Choice>,
    status: String,
    kind: String,
    run: bool,
    shape: String,
}

/// The list's filters.
#[derive(Debug, Deserialize)]
pub struct Filter {
    status: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// The instant now.
pub fn now() -> Result<Timestamp, AppError> {
    super::sessions::now()
}

/// `GET /incidents`.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
    Query(filter): Query<Filter>,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let status: Option<IncidentStatus> =
        crate::api::crisis::filter_value("status", filter.status.as_deref())?;
    let kind: Option<IncidentType> =
        crate::api::crisis::filter_value("type", filter.kind.as_deref())?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let now = now()?;
    let page = {
        let state = app.journal.state();
        let rows: Vec<IncidentRow> = state
            .crisis()
            .incidents()
            .values()
            .rev()
            .filter(|i| may_see_incident(&ctx, i))
            .filter(|i| status.is_none_or(|s| s == i.status))
            .filter(|i| kind.is_none_or(|k| k == i.incident_type))
            .map(|i| IncidentRow {
                href: format!("/incidents/{}", i.id),
                id: i.id.0,
                title: localized(&tr, &i.title, lang),
                kind: label(&tr, "crisis-type", &i.incident_type),
                severity: label(&tr, "crisis-severity", &i.severity),
                severity_class: wire(&i.severity),
                status: label(&tr, "crisis-status", &i.status),
                affected: i
                    .affected
                    .iter()
                    .map(|c| super::view::state_name(&tr, &state, *c, lang))
                    .collect::<Vec<_>>()
                    .join(", "),
                opened: utc(i.opened_at),
                overdue: rules::sitrep_overdue(i, now),
            })
            .collect();
        let shape = rows
            .iter()
            .map(|r| format!("{}{}{}", r.id, r.status.len(), u8::from(r.overdue)))
            .collect::<Vec<_>>()
            .join("-");
        IncidentsPage {
            page: Page::new(&app, &ctx, &here(&uri), tr.t("incidents-title")).live(),
            rows,
            statuses: choices(&tr, "crisis-status", &STATUSES),
            types: choices(&tr, "crisis-type", &INCIDENT_TYPES),
            status: status.map(|s| wire(&s)).unwrap_or_default(),
            kind: kind.map(|k| wire(&k)).unwrap_or_default(),
            run: may(&ctx, Action::RunCrisis),
            shape,
        }
    };
    render(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "incident_new.html")]
struct NewPage<'a> {
    page: Page<'a>,
    types: Vec<Choice>,
    severities: Vec<Choice>,
    members: Vec<Choice>,
    classifications: Vec<Choice>,
    partners: Vec<Choice>,
    default_class: String,
    title_ru: String,
    title_en: String,
    severity: String,
    location: String,
    alert: Option<(u64, String)>,
    lead: String,
    /// The member states chosen beforehand: the state whose centre reported the alert.
    affected: Vec<String>,
}

impl NewPage<'_> {
    /// Whether a member state is chosen beforehand.
    fn is_affected(&self, code: &str) -> bool {
        self.affected.iter().any(|c| c == code)
    }
}

/// The query of the form: the alert it starts from.
#[derive(Debug, Deserialize)]
pub struct FromAlert {
    alert: Option<u64>,
}

/// A representative point of an alert: the centre of its first area.
pub fn alert_centre(alert: &Alert) -> Option<GeoPoint> {
    alert.summary.areas.first().and_then(area_centre)
}

/// The centre of an alert's area: of its first polygon, else of its first circle.
pub fn area_centre(area: &AlertArea) -> Option<GeoPoint> {
    if let Some(ring) = area.polygons.first().filter(|r| !r.is_empty()) {
        return Some(
            Location::Polygon {
                points: ring.clone(),
            }
            .centre(),
        );
    }
    area.circles.first().map(|c| c.centre)
}

/// `GET /incidents/new[?alert=N]`: the form to open an incident (Crisis Response Centre or
/// Joint Staff officer), filled in from the alert when one is named.
pub async fn new(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
    Query(query): Query<FromAlert>,
) -> Result<Response, AppError> {
    require(&ctx, Action::RunCrisis, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let page = {
        let state = app.journal.state();
        let alert = match query.alert {
            Some(id) => Some(
                state
                    .crisis()
                    .alert(AlertId(id))
                    .filter(|a| may_see_alert(&ctx, &state, a))
                    .ok_or(AppError::NotFound)?,
            ),
            None => None,
        };
        let headline = alert.map(|a| {
            a.summary
                .headline
                .clone()
                .unwrap_or_else(|| a.summary.event.clone())
        });
        let english = alert.is_some_and(|a| a.summary.language.starts_with("en"));
        // The reporting national centre's state, if it is a member: its own territory is
        // where the alert is, as a rule; the officer corrects the choice if not.
        let affected = alert
            .and_then(|a| match &a.received_by {
                accord_core::Actor::Account(account) => state.principal(account),
                _ => None,
            })
            .and_then(|p| match p.affiliation() {
                accord_core::Affiliation::Delegation { state } => Some(state.to_string()),
                _ => None,
            })
            .into_iter()
            .collect();
        let default_class = state
            .config()
            .map(|c| c.default_classification().as_str().to_owned())
            .unwrap_or_default();
        NewPage {
            page: Page::new(&app, &ctx, &here(&uri), tr.t("incident-new-title")),
            types: choices(&tr, "crisis-type", &INCIDENT_TYPES),
            severities: choices(&tr, "crisis-severity", &SEVERITIES),
            members: member_choices(&tr, &state, lang),
            classifications: classification_choices(&tr),
            partners: partner_choices(&tr, &state, lang),
            default_class,
            title_ru: headline.clone().unwrap_or_default(),
            title_en: headline.filter(|_| english).unwrap_or_default(),
            severity: alert
                .and_then(|a| a.summary.severity)
                .map_or_else(|| "moderate".to_owned(), |s| wire(&s)),
            location: alert
                .and_then(alert_centre)
                .map(|p| p.to_string())
                .unwrap_or_default(),
            alert: alert.map(|a| {
                (
                    a.id.0,
                    a.summary
                        .headline
                        .clone()
                        .unwrap_or_else(|| a.summary.event.clone()),
                )
            }),
            lead: ctx
                .viewer
                .account
                .as_ref()
                .map(|(id, _)| id.to_string())
                .unwrap_or_default(),
            affected,
        }
    };
    render(StatusCode::OK, &page)
}

/// The partner organisations, as options.
pub fn partner_choices(
    tr: &crate::i18n::Tr<'_>,
    state: &accord_core::State,
    lang: accord_core::Lang,
) -> Vec<Choice> {
    state
        .status()
        .organisations()
        .values()
        .map(|p| Choice::new(&p.id, localized(tr, &p.name, lang)))
        .collect()
}

/// A time a form sends as `datetime-local` (`2020-12-01T10:00`), read as UTC.
pub fn utc_field(f: &mut Fields, name: &str) -> Option<Timestamp> {
    f.parsed(name, |v| {
        let full = match v.len() {
            16 => format!("{v}:00Z"),
            19 => format!("{v}Z"),
            _ => v.to_owned(),
        };
        Timestamp::parse(&full)
    })
}

/// An optional time: `None` without an error when empty.
pub fn optional_utc(f: &mut Fields, name: &str) -> Option<Timestamp> {
    f.get(name)?;
    utc_field(f, name)
}

/// A location a form sends: `lat,lon` for a point, or the points of a closed ring separated by
/// `;` or new lines.
pub fn location_field(f: &mut Fields, name: &str) -> Option<Location> {
    f.parsed(name, |v| {
        let parts: Vec<&str> = v
            .split([';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let points = parts
            .iter()
            .map(|p| GeoPoint::parse(p))
            .collect::<Result<Vec<_>, _>>()?;
        Ok::<_, accord_core::ParseError>(match points.as_slice() {
            [at] => Location::Point { at: *at },
            _ => Location::Polygon { points },
        })
    })
}

/// A value a form names by its wire name.
pub fn wire_field<T: serde::de::DeserializeOwned>(f: &mut Fields, name: &str) -> Option<T> {
    f.parsed(name, |v| {
        from_wire::<T>(v).ok_or("not one of the choices offered")
    })
}

/// Submits a crisis command as the reader and goes back to `to` (303).
pub async fn submit_back(
    app: &AppState,
    ctx: &Ctx,
    command: CrisisCommand,
    to: &str,
) -> Result<Response, AppError> {
    submit(app, ctx, command).await?;
    Ok(back(to))
}

/// `POST /incidents`: an officer opens an incident (linked to the alert the form came from).
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::RunCrisis, form)?;
    let title = f.text("title", authentic(&app)?);
    let incident_type = wire_field::<IncidentType>(&mut f, "type");
    let severity = wire_field::<Severity>(&mut f, "severity");
    let location = location_field(&mut f, "location");
    let mut affected = Vec::new();
    for code in f
        .all("affected")
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>()
    {
        match StateCode::parse(&code) {
            Ok(c) => affected.push(c),
            Err(e) => f.invalid("affected", &e.to_string()),
        }
    }
    if affected.is_empty() {
        f.invalid("affected", "choose at least one affected member state");
    }
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
    let classification = f.parsed("classification", Classification::parse);
    let mut release = Vec::new();
    for id in f
        .all("release")
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>()
    {
        match accord_core::PartnerId::parse(&id) {
            Ok(partner) => release.push(accord_core::Recipient::Partner { partner }),
            Err(e) => f.invalid("release", &e.to_string()),
        }
    }
    let alerts = match f.get("alert").map(str::parse::<u64>) {
        Some(Ok(id)) => vec![AlertId(id)],
        Some(Err(_)) => {
            f.invalid("alert", "not an alert number");
            Vec::new()
        }
        None => Vec::new(),
    };
    f.finish()?;
    let (Some(title), Some(incident_type), Some(severity), Some(location)) =
        (title, incident_type, severity, location)
    else {
        return Err(incomplete());
    };
    let receipt = submit(
        &app,
        &ctx,
        CrisisCommand::OpenIncident {
            title,
            incident_type,
            severity,
            location,
            affected,
            lead,
            classification,
            release,
            alerts,
        },
    )
    .await?;
    let id = created(&app, &ctx, receipt).await;
    Ok(back(&id.map_or_else(
        || "/incidents".to_owned(),
        |id| format!("/incidents/{id}"),
    )))
}
