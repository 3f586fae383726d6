//! Status applications: the list with the Secretariat's form to register one, and each
//! application's page with its steps, documents and decisions, the form to link the current
//! step's document and the one to record a withdrawal.

use accord_core::config::{MemberStatus, StepKind};
use accord_core::secretariat::model::DocumentId;
use accord_core::status::{Application, ApplicationId, ApplicationOutcome, StatusCommand};
use accord_core::{Action, Classification, Lang, State as Records};
use askama::Template;
use axum::extract::{OriginalUri, Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::secretariat::{authentic, may_see_document};
use crate::status::{submit, visible_application};
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, back, incomplete, may};
use super::session::Link;
use super::view::{Choice, body_name};
use super::{Page, content_lang, here, localized, render};

/// An application as lists show it.
#[derive(Debug)]
pub struct ApplicationRow {
    /// Its page.
    pub href: String,
    /// Its number.
    pub id: u64,
    /// The applicant.
    pub applicant: String,
    /// The status asked for.
    pub status: String,
    /// Where it stands: its current step, or how it ended.
    pub stage: String,
}

/// What a step does, in words.
pub fn step_kind(tr: &Tr<'_>, step: StepKind) -> String {
    tr.t(&format!("step-{}", step.as_str()))
}

/// Where an application stands, in words.
pub fn stage(tr: &Tr<'_>, state: &Records, app: &Application, lang: Lang) -> String {
    match (app.outcome, app.current_step()) {
        (Some(ApplicationOutcome::Granted { at, .. }), _) => {
            tr.a("apps-granted", "date", &at.date().to_string())
        }
        (Some(ApplicationOutcome::Refused { at, .. }), _) => {
            tr.a("apps-refused", "date", &at.date().to_string())
        }
        (Some(ApplicationOutcome::Withdrawn { at }), _) => {
            tr.a("apps-withdrawn", "date", &at.date().to_string())
        }
        (None, Some(i)) => {
            let step = &app.steps[i];
            format!(
                "{}: {} ({})",
                tr.t("apps-under-way"),
                body_name(tr, state, &step.body, lang),
                step_kind(tr, step.step)
            )
        }
        (None, None) => tr.t("apps-under-way"),
    }
}

/// An application's row.
pub fn row(tr: &Tr<'_>, state: &Records, app: &Application, lang: Lang) -> ApplicationRow {
    ApplicationRow {
        href: format!("/applications/{}", app.id),
        id: app.id.0,
        applicant: format!("{} ({})", localized(tr, &app.name, lang), app.applicant),
        status: tr.t(&format!("status-{}", app.status.as_str())),
        stage: stage(tr, state, app, lang),
    }
}

#[derive(Template)]
#[template(path = "applications.html")]
struct ApplicationsPage<'a> {
    page: Page<'a>,
    applications: Vec<ApplicationRow>,
    manage: bool,
    statuses: Vec<Choice>,
}

/// `GET /applications`: restricted, like the applications themselves.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Restricted)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let page = {
        let state = app.journal.state();
        ApplicationsPage {
            page: Page::new(&app, &ctx, &here(&uri), tr.t("apps-title")).live(),
            applications: state
                .status()
                .applications()
                .values()
                .rev()
                .map(|a| row(&tr, &state, a, lang))
                .collect(),
            manage: may(&ctx, Action::ManageMembers),
            statuses: [MemberStatus::Observer, MemberStatus::Partner]
                .iter()
                .map(|s| Choice::new(s.as_str(), tr.t(&format!("status-{}", s.as_str()))))
                .collect(),
        }
    };
    render(StatusCode::OK, &page)
}

/// `POST /applications`: the Secretariat registers an application.
pub async fn create(
    State(app): State<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::ManageMembers, form)?;
    let authentic = authentic(&app)?;
    let applicant = match crate::status::applicant(f.get("state"), f.get("organisation")) {
        Ok(applicant) => Some(applicant),
        Err(e) => {
            f.invalid(&e.field, &e.message);
            None
        }
    };
    let status = f.parsed("status", |s| match s {
        "observer" => Ok(MemberStatus::Observer),
        "partner" => Ok(MemberStatus::Partner),
        _ => Err("observer or partner"),
    });
    let name = f.text("name", authentic);
    let letter = f.text("letter", authentic);
    f.finish()?;
    let (Some(applicant), Some(status), Some(name), Some(letter)) =
        (applicant, status, name, letter)
    else {
        return Err(incomplete());
    };
    let command = StatusCommand::SubmitApplication {
        applicant: applicant.clone(),
        name,
        status,
        letter,
    };
    submit(&app, &ctx, command).await?;
    let id = app
        .journal
        .state()
        .status()
        .open_application(&applicant)
        .map_or(0, |a| a.id.0);
    Ok(back(&format!("/applications/{id}")))
}

/// A step as the application's page shows it.
#[derive(Debug)]
pub struct StepRow {
    /// Its number.
    pub number: usize,
    /// The body.
    pub body: String,
    /// What it does.
    pub role: String,
    /// Its document, if linked (its number alone when the reader may not see it).
    pub document: Option<Link>,
    /// Its decision, once recorded.
    pub decision: Option<Link>,
    /// Where it stands.
    pub state: String,
    /// Whether it is the current step.
    pub current: bool,
}

#[derive(Template)]
#[template(path = "application.html")]
struct ApplicationPage<'a> {
    page: Page<'a>,
    applicant: String,
    status: String,
    stage: String,
    submitted: String,
    letter: String,
    steps: Vec<StepRow>,
    id: u64,
    link: bool,
    withdraw: bool,
}

fn step_rows(
    tr: &Tr<'_>,
    state: &Records,
    ctx: &Ctx,
    app: &Application,
    lang: Lang,
) -> Vec<StepRow> {
    let current = app.current_step();
    app.steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let document = s.document.map(|d| {
                let title = state
                    .secretariat()
                    .document(d)
                    .filter(|doc| may_see_document(ctx, doc))
                    .map_or_else(
                        || d.to_string(),
                        |doc| format!("{d}. {}", localized(tr, &doc.title, lang)),
                    );
                Link {
                    href: format!("/documents/{d}"),
                    label: title,
                }
            });
            let decision = s.decision.map(|d| Link {
                href: format!("/decisions/{d}"),
                label: tr.a("decision-title", "id", &d.to_string()),
            });
            let step_state = match (s.adopted, s.document) {
                (Some(true), _) => tr.t("app-step-adopted"),
                (Some(false), _) => tr.t("app-step-not-adopted"),
                (None, Some(_)) => tr.t("app-step-pending"),
                (None, None) => tr.t("app-step-waiting"),
            };
            StepRow {
                number: i + 1,
                body: body_name(tr, state, &s.body, lang),
                role: step_kind(tr, s.step),
                document,
                decision,
                state: step_state,
                current: current == Some(i),
            }
        })
        .collect()
}

/// `GET /applications/{id}`.
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let page = {
        let state = app.journal.state();
        let application = visible_application(&state, &ctx, id)?;
        let manage = may(&ctx, Action::ManageMembers) && application.is_open();
        let current = application.current_step();
        let applicant = localized(&tr, &application.name, lang);
        ApplicationPage {
            page: Page::new(
                &app,
                &ctx,
                &here(&uri),
                tr.a("app-title", "id", &id.to_string()),
            )
            .live(),
            applicant: format!("{applicant} ({})", application.applicant),
            status: tr.t(&format!("status-{}", application.status.as_str())),
            stage: stage(&tr, &state, &application, lang),
            submitted: application.submitted_at.date().to_string(),
            letter: localized(&tr, &application.letter, lang),
            steps: step_rows(&tr, &state, &ctx, &application, lang),
            id,
            link: manage && current.is_some_and(|i| application.steps[i].document.is_none()),
            withdraw: manage,
        }
    };
    render(StatusCode::OK, &page)
}

/// `POST /applications/{id}/steps`: link the current step's document.
pub async fn link_step(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::ManageMembers, form)?;
    let document = f.number::<u64>("document");
    f.finish()?;
    let document = document.ok_or_else(incomplete)?;
    let command = StatusCommand::LinkStepDocument {
        application: ApplicationId(id),
        document: DocumentId(document),
    };
    submit(&app, &ctx, command).await?;
    Ok(back(&format!("/applications/{id}")))
}

/// `POST /applications/{id}/withdraw`: record the applicant's withdrawal.
pub async fn withdraw(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::ManageMembers, form)?;
    if f.get("confirm") != Some("yes") {
        f.invalid("confirm", "confirm the withdrawal");
    }
    f.finish()?;
    let command = StatusCommand::WithdrawApplication {
        application: ApplicationId(id),
    };
    submit(&app, &ctx, command).await?;
    Ok(back(&format!("/applications/{id}")))
}
