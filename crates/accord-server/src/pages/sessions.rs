//! The sessions of the bodies: the list the reader may see (upcoming first, then past) with the
//! calendar link, and the Secretariat's form to schedule one.

use accord_core::config::Composition;
use accord_core::secretariat::model::{Session, SessionFormat, SessionStatus};
use accord_core::secretariat::{SecretariatCommand, SessionDetails};
use accord_core::{Action, BodyId, Classification, Timestamp};
use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::secretariat::{authentic, may_see_session, submit};
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, back, may};
use super::view::{Choice, body_name, classification_choices, zoned};
use super::{Page, content_lang, here, localized, render};

/// A session as the list shows it.
#[derive(Debug)]
pub struct SessionRow {
    /// Its page.
    pub href: String,
    /// Its body.
    pub body: String,
    /// The body's number for it.
    pub number: u32,
    /// Its title.
    pub title: String,
    /// When it opens, in its zone.
    pub start: String,
    /// How it meets.
    pub format: String,
    /// Its status.
    pub status: String,
}

/// Sessions under a heading.
#[derive(Debug)]
pub struct SessionGroup {
    /// The heading.
    pub heading: String,
    /// The table's id.
    pub id: &'static str,
    /// The sessions.
    pub rows: Vec<SessionRow>,
}

#[derive(Template)]
#[template(path = "sessions.html")]
struct SessionsPage<'a> {
    page: Page<'a>,
    groups: Vec<SessionGroup>,
    prepare: bool,
    bodies: Vec<Choice>,
    classifications: Vec<Choice>,
    zone: String,
    shape: usize,
}

/// The instant now.
pub fn now() -> Result<Timestamp, AppError> {
    Timestamp::from_unix_seconds(crate::viewer::unix_now())
        .map_err(|e| AppError::internal("the clock", e))
}

/// How a session meets, in words.
pub fn format_text(tr: &crate::i18n::Tr<'_>, format: &SessionFormat) -> String {
    tr.t(match format {
        SessionFormat::InPerson { .. } => "format-in_person",
        SessionFormat::Videoconference { .. } => "format-videoconference",
        SessionFormat::Hybrid { .. } => "format-hybrid",
    })
}

/// A session's row.
pub fn session_row(
    tr: &crate::i18n::Tr<'_>,
    state: &accord_core::State,
    session: &Session,
    lang: accord_core::Lang,
) -> SessionRow {
    SessionRow {
        href: format!("/sessions/{}", session.id),
        body: body_name(tr, state, &session.body, lang),
        number: session.number,
        title: localized(tr, &session.title, lang),
        start: zoned(&session.start, false),
        format: format_text(tr, &session.format),
        status: tr.t(&format!("session-status-{}", session.status.as_str())),
    }
}

/// The bodies of member states (those that hold sessions), as options.
pub fn session_bodies(
    tr: &crate::i18n::Tr<'_>,
    state: &accord_core::State,
    lang: accord_core::Lang,
) -> Vec<Choice> {
    state
        .config()
        .map(|c| {
            c.bodies()
                .iter()
                .filter(|b| b.composition == Composition::MemberStates)
                .map(|b| Choice::new(&b.id, localized(tr, &b.name, lang)))
                .collect()
        })
        .unwrap_or_default()
}

/// `GET /sessions`.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let now = now()?;
    let page = {
        let state = app.journal.state();
        let mut sessions: Vec<&Session> = state
            .secretariat()
            .sessions()
            .values()
            .map(|s| &**s)
            .filter(|s| may_see_session(&ctx, s))
            .collect();
        sessions.sort_by_key(|s| s.start.utc());
        let (past, upcoming): (Vec<&Session>, Vec<&Session>) =
            sessions.into_iter().partition(|s| s.end.utc() < now);
        SessionsPage {
            page: Page::new(&app, &ctx, &here(&uri), tr.t("sessions-title")).live(),
            groups: vec![
                SessionGroup {
                    heading: tr.t("sessions-upcoming"),
                    id: "upcoming",
                    rows: upcoming
                        .iter()
                        .map(|s| session_row(&tr, &state, s, lang))
                        .collect(),
                },
                SessionGroup {
                    heading: tr.t("sessions-past"),
                    id: "past",
                    rows: past
                        .iter()
                        .rev()
                        .map(|s| session_row(&tr, &state, s, lang))
                        .collect(),
                },
            ],
            prepare: may(&ctx, Action::Prepare),
            bodies: session_bodies(&tr, &state, lang),
            classifications: classification_choices(&tr),
            zone: super::document::form_zone(&state),
            shape: state.secretariat().sessions().len(),
        }
    };
    render(StatusCode::OK, &page)
}

/// `POST /sessions`: the Secretariat schedules a session.
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::Prepare, form)?;
    let authentic = authentic(&app)?;
    let body = f.parsed("body", BodyId::parse);
    let number = f.number::<u32>("number");
    let title = f.text("title", authentic);
    let start = f.zoned("start", "zone");
    let end = f.zoned("end", "zone");
    let kind = f.get("format").unwrap_or_default().to_owned();
    let format = match kind.as_str() {
        "in_person" => f
            .text("venue", authentic)
            .map(|venue| SessionFormat::InPerson { venue }),
        "videoconference" => f
            .required("link")
            .map(|link| SessionFormat::Videoconference { link }),
        "hybrid" => {
            let venue = f.text("venue", authentic);
            let link = f.required("link");
            venue
                .zip(link)
                .map(|(venue, link)| SessionFormat::Hybrid { venue, link })
        }
        _ => {
            f.invalid("format", "choose in_person, videoconference or hybrid");
            None
        }
    };
    let classification = f.parsed("classification", Classification::parse);
    let open_to_observers = f.get("open_to_observers").is_some();
    f.finish()?;
    let (Some(body), Some(number), Some(title), Some(start), Some(end), Some(format)) =
        (body, number, title, start, end, format)
    else {
        return Err(super::form::incomplete());
    };
    submit(
        &app,
        &ctx,
        SecretariatCommand::ScheduleSession {
            body: body.clone(),
            number,
            details: SessionDetails {
                title,
                start,
                end,
                format,
                chair: None,
                participants: None,
            },
            classification,
            open_to_observers,
        },
    )
    .await?;
    let id = {
        let state = app.journal.state();
        state
            .secretariat()
            .sessions()
            .values()
            .find(|s| s.body == body && s.number == number && s.status != SessionStatus::Cancelled)
            .map(|s| s.id)
    };
    Ok(back(&id.map_or_else(
        || "/sessions".to_owned(),
        |id| format!("/sessions/{id}"),
    )))
}
