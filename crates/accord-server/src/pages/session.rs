//! A session's page: its details, delegations, agenda with documents, recommendations,
//! outcomes and procedures, packages and minutes; and the Secretariat's forms to convene,
//! conclude or cancel it, add and conclude items, recommend them upward and open procedures.

use accord_core::config::DecisionRule;
use accord_core::secretariat::SecretariatCommand;
use accord_core::secretariat::model::{DocumentId, SessionId, SessionStatus};
use accord_core::{Action, Classification, Lang, State as Records};
use askama::Template;
use axum::extract::{OriginalUri, Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::secretariat::{authentic, may_see_document, may_see_session};
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, incomplete, may, submit_and_back};
use super::sessions::format_text;
use super::view::{Choice, body_name, procedure_state, rule, state_name, zoned};
use super::{Page, content_lang, here, localized, render};

/// A link to a record.
#[derive(Debug)]
pub struct Link {
    /// Where.
    pub href: String,
    /// Its text.
    pub label: String,
}

/// An agenda item as the page shows it.
#[derive(Debug)]
pub struct ItemView {
    /// Its number.
    pub number: u32,
    /// Its title.
    pub title: String,
    /// Its documents the reader may see.
    pub documents: Vec<Link>,
    /// Its documents, as options for opening a procedure.
    pub document_choices: Vec<Choice>,
    /// Who recommended it.
    pub recommended: Option<String>,
    /// What was concluded.
    pub outcome: Option<String>,
    /// Its procedures.
    pub procedures: Vec<Link>,
}

#[derive(Template)]
#[template(path = "session.html")]
struct SessionPage<'a> {
    page: Page<'a>,
    id: u64,
    title: String,
    body: String,
    number: u32,
    start: String,
    end: String,
    format: String,
    venue: Option<String>,
    link: Option<String>,
    chair: String,
    status: String,
    classification: String,
    participants: Vec<(String, String)>,
    items: Vec<ItemView>,
    packages: Vec<(String, Vec<Link>)>,
    minutes: Option<Link>,
    prepare: bool,
    may_convene: bool,
    may_conclude: bool,
    may_cancel: bool,
    open: bool,
    convened: bool,
    all_documents: Vec<Choice>,
    targets: Vec<Choice>,
    rules: Vec<Choice>,
    shape: String,
    open_to_observers: bool,
    observers: Vec<(String, String)>,
    observer_choices: Vec<ObserverChoice>,
}

/// An observer state as the Secretariat's form to record attendance offers it.
#[derive(Debug)]
pub struct ObserverChoice {
    /// Its code.
    pub code: String,
    /// Its name in the reader's language.
    pub name: String,
    /// The names of its representatives recorded, comma-separated.
    pub names: String,
    /// Whether it is recorded attending.
    pub attending: bool,
}

/// A link to a document the reader may see, titled in their language.
pub fn document_link(
    tr: &Tr<'_>,
    ctx: &Ctx,
    state: &Records,
    id: DocumentId,
    lang: Lang,
) -> Option<Link> {
    let doc = state.secretariat().document(id)?;
    may_see_document(ctx, doc).then(|| Link {
        href: format!("/documents/{id}"),
        label: localized(tr, &doc.title, lang),
    })
}

/// A session the reader may see, or 404.
fn visible(ctx: &Ctx, state: &Records, id: u64) -> Result<(), AppError> {
    match state.secretariat().session(SessionId(id)) {
        Some(s) if may_see_session(ctx, s) => Ok(()),
        _ => Err(AppError::NotFound),
    }
}

/// `GET /sessions/{id}`.
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
        visible(&ctx, &state, id)?;
        let records = state.secretariat();
        let session = records.session(SessionId(id)).ok_or(AppError::NotFound)?;
        let doc_link = |d: DocumentId| document_link(&tr, &ctx, &state, d, lang);
        let items = session
            .agenda
            .iter()
            .map(|item| {
                let documents: Vec<Link> =
                    item.documents.iter().filter_map(|d| doc_link(*d)).collect();
                ItemView {
                    number: item.number,
                    title: localized(&tr, &item.title, lang),
                    document_choices: documents
                        .iter()
                        .map(|l| Choice::new(l.href.trim_start_matches("/documents/"), &*l.label))
                        .collect(),
                    documents,
                    recommended: item.recommended_by.as_ref().map(|r| {
                        // The recommending session's number only for a reader who may see it.
                        let number = records
                            .session(r.session)
                            .filter(|s| may_see_session(&ctx, s))
                            .map_or_else(|| "—".to_owned(), |s| s.number.to_string());
                        tr.args(
                            "session-recommended",
                            &[
                                (
                                    "body",
                                    crate::i18n::Arg::Str(&body_name(&tr, &state, &r.body, lang)),
                                ),
                                ("session", crate::i18n::Arg::Str(&number)),
                                ("item", crate::i18n::Arg::Num(u64::from(r.item))),
                            ],
                        )
                    }),
                    outcome: item.outcome.as_ref().map(|o| localized(&tr, o, lang)),
                    procedures: item
                        .procedures
                        .iter()
                        .filter_map(|p| records.procedure(*p))
                        .filter(|p| {
                            records
                                .document(p.document)
                                .is_some_and(|d| may_see_document(&ctx, d))
                        })
                        .map(|p| Link {
                            href: format!("/documents/{}#procedure-{}", p.document, p.id),
                            label: tr.args(
                                "session-procedure",
                                &[
                                    ("id", crate::i18n::Arg::Num(p.id.0)),
                                    ("rule", crate::i18n::Arg::Str(&rule(&tr, p.rule))),
                                    (
                                        "state",
                                        crate::i18n::Arg::Str(&procedure_state(
                                            &tr, &state, p, lang,
                                        )),
                                    ),
                                ],
                            ),
                        })
                        .collect(),
                }
            })
            .collect();
        let body = state.config().and_then(|c| c.body(&session.body));
        let targets = body
            .and_then(|b| b.reports_to.as_ref())
            .map(|higher| {
                records
                    .sessions()
                    .values()
                    .filter(|s| &s.body == higher && may_see_session(&ctx, s))
                    .filter(|s| {
                        matches!(s.status, SessionStatus::Planned | SessionStatus::Convened)
                    })
                    .map(|s| {
                        Choice::new(
                            s.id,
                            format!(
                                "{} — {} ({})",
                                body_name(&tr, &state, &s.body, lang),
                                localized(&tr, &s.title, lang),
                                zoned(&s.start, false)
                            ),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let rules = body
            .map(|b| {
                b.rules
                    .iter()
                    .filter(|r| !matches!(r, DecisionRule::Silence | DecisionRule::Head))
                    .map(|r| Choice::new(r, rule(&tr, *r)))
                    .collect()
            })
            .unwrap_or_default();
        SessionPage {
            page: Page::new(
                &app,
                &ctx,
                &here(&uri),
                localized(&tr, &session.title, lang),
            )
            .live(),
            id,
            title: localized(&tr, &session.title, lang),
            body: body_name(&tr, &state, &session.body, lang),
            number: session.number,
            start: zoned(&session.start, false),
            end: zoned(&session.end, false),
            format: format_text(&tr, &session.format),
            venue: session.format.venue().map(|v| localized(&tr, v, lang)),
            link: session.format.link().map(str::to_owned),
            chair: state_name(&tr, &state, session.chair, lang),
            status: tr.t(&format!("session-status-{}", session.status.as_str())),
            classification: tr.t(&format!("class-{}", session.classification.as_str())),
            participants: session
                .participants
                .iter()
                .map(|(code, names)| {
                    let names = if names.is_empty() {
                        tr.t("session-names-to-follow")
                    } else {
                        names.join(", ")
                    };
                    (state_name(&tr, &state, *code, lang), names)
                })
                .collect(),
            items,
            packages: session
                .packages
                .iter()
                .filter_map(|p| records.package(*p))
                .map(|p| {
                    (
                        localized(&tr, &p.title, lang),
                        p.documents.iter().filter_map(|d| doc_link(*d)).collect(),
                    )
                })
                .collect(),
            minutes: session.minutes.and_then(doc_link),
            prepare: may(&ctx, Action::Prepare),
            may_convene: session.status.may_become(SessionStatus::Convened),
            may_conclude: session.status.may_become(SessionStatus::Concluded),
            may_cancel: session.status.may_become(SessionStatus::Cancelled),
            open: matches!(
                session.status,
                SessionStatus::Planned | SessionStatus::Convened
            ),
            convened: session.status == SessionStatus::Convened,
            all_documents: records
                .documents()
                .values()
                .filter(|d| may_see_document(&ctx, d))
                .map(|d| {
                    Choice::new(
                        d.id,
                        format!("{} — {}", d.id, localized(&tr, &d.title, lang)),
                    )
                })
                .collect(),
            targets,
            rules,
            open_to_observers: session.open_to_observers,
            observers: session
                .observers
                .iter()
                .map(|(code, names)| {
                    let names = if names.is_empty() {
                        tr.t("session-names-to-follow")
                    } else {
                        names.join(", ")
                    };
                    (state_name(&tr, &state, *code, lang), names)
                })
                .collect(),
            observer_choices: state
                .states()
                .iter()
                .filter(|(_, s)| s.status == accord_core::config::MemberStatus::Observer)
                .map(|(code, _)| ObserverChoice {
                    code: code.as_str().to_owned(),
                    name: state_name(&tr, &state, *code, lang),
                    names: session
                        .observers
                        .get(code)
                        .map(|n| n.join(", "))
                        .unwrap_or_default(),
                    attending: session.observers.contains_key(code),
                })
                .collect(),
            shape: format!(
                "{}-{}-{}-{}{}",
                session.status.as_str(),
                u8::from(session.open_to_observers),
                session.observers.len(),
                session.agenda.len(),
                session
                    .agenda
                    .iter()
                    .map(|i| format!("{}{}", i.procedures.len(), u8::from(i.outcome.is_some())))
                    .collect::<String>()
            ),
        }
    };
    render(StatusCode::OK, &page)
}

/// Reads a Secretariat form about a session the reader may see.
async fn prepared(
    app: &AppState,
    ctx: &Ctx,
    id: u64,
    form: RawForm,
) -> Result<(Fields, Lang), AppError> {
    let state = app.journal.state();
    let fields = Fields::read_about(ctx, Action::Prepare, form, &state, id, visible)?;
    Ok((fields, authentic(app)?))
}

/// `POST /sessions/{id}/status`: convene, conclude or cancel.
pub async fn status(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let (mut f, _) = prepared(&app, &ctx, id, form).await?;
    let status = f.parsed("status", |s| {
        super::view::from_wire::<SessionStatus>(s).ok_or("choose convened, concluded or cancelled")
    });
    f.finish()?;
    let status = status.ok_or_else(incomplete)?;
    let command = SecretariatCommand::SetSessionStatus {
        session: SessionId(id),
        status,
    };
    submit_and_back(&app, &ctx, command, &format!("/sessions/{id}")).await
}

/// `POST /sessions/{id}/items`: adds an agenda item.
pub async fn add_item(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let (mut f, authentic) = prepared(&app, &ctx, id, form).await?;
    let title = f.text("title", authentic);
    let documents = documents_of(&mut f, "documents");
    f.finish()?;
    let title = title.ok_or_else(incomplete)?;
    let command = SecretariatCommand::AddAgendaItem {
        session: SessionId(id),
        title,
        documents,
    };
    submit_and_back(&app, &ctx, command, &format!("/sessions/{id}")).await
}

/// The documents a form's multi-select names.
fn documents_of(f: &mut Fields, field: &str) -> Vec<DocumentId> {
    let mut documents = Vec::new();
    for value in f
        .all(field)
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>()
    {
        match value.parse::<u64>() {
            Ok(d) => documents.push(DocumentId(d)),
            Err(_) => f.invalid(field, "not a document number"),
        }
    }
    documents
}

/// `POST /sessions/{id}/packages`: gathers documents into a package for the session.
pub async fn create_package(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let (mut f, authentic) = prepared(&app, &ctx, id, form).await?;
    let title = f.text("title", authentic);
    let documents = documents_of(&mut f, "documents");
    f.finish()?;
    let title = title.ok_or_else(incomplete)?;
    let command = SecretariatCommand::CreatePackage {
        session: SessionId(id),
        title,
        documents,
    };
    submit_and_back(&app, &ctx, command, &format!("/sessions/{id}")).await
}

/// `POST /sessions/{id}/minutes`: names the report holding the session's minutes.
pub async fn record_minutes(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let (mut f, _) = prepared(&app, &ctx, id, form).await?;
    let documents = documents_of(&mut f, "document");
    if documents.is_empty() {
        f.invalid("document", "choose the report that holds the minutes");
    }
    f.finish()?;
    let document = documents.first().copied().ok_or_else(incomplete)?;
    let command = SecretariatCommand::RecordMinutes {
        session: SessionId(id),
        document,
    };
    submit_and_back(&app, &ctx, command, &format!("/sessions/{id}")).await
}

/// `POST /sessions/{id}/items/{n}/conclude`: records an item's outcome.
pub async fn conclude_item(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, item)): Path<(u64, u32)>,
    form: RawForm,
) -> Result<Response, AppError> {
    let (mut f, authentic) = prepared(&app, &ctx, id, form).await?;
    let outcome = f.text("outcome", authentic);
    f.finish()?;
    let outcome = outcome.ok_or_else(incomplete)?;
    let command = SecretariatCommand::ConcludeItem {
        session: SessionId(id),
        item,
        outcome,
    };
    submit_and_back(&app, &ctx, command, &format!("/sessions/{id}")).await
}

/// `POST /sessions/{id}/items/{n}/recommend`: recommends an item to a session of the body
/// this one reports to.
pub async fn recommend(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, item)): Path<(u64, u32)>,
    form: RawForm,
) -> Result<Response, AppError> {
    let (mut f, _) = prepared(&app, &ctx, id, form).await?;
    let to = f.number::<u64>("to");
    f.finish()?;
    let to = to.ok_or_else(incomplete)?;
    visible(&ctx, &app.journal.state(), to)?;
    let command = SecretariatCommand::Recommend {
        session: SessionId(id),
        item,
        to: SessionId(to),
    };
    submit_and_back(&app, &ctx, command, &format!("/sessions/{id}")).await
}

/// `POST /sessions/{id}/items/{n}/procedures`: opens a procedure in session on one of the
/// item's documents.
pub async fn open_procedure(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, item)): Path<(u64, u32)>,
    form: RawForm,
) -> Result<Response, AppError> {
    let (mut f, _) = prepared(&app, &ctx, id, form).await?;
    let document = f.number::<u64>("document");
    let rule = f.parsed("rule", DecisionRule::parse);
    f.finish()?;
    let (Some(document), Some(rule)) = (document, rule) else {
        return Err(incomplete());
    };
    let command = SecretariatCommand::OpenProcedure {
        session: SessionId(id),
        item,
        document: DocumentId(document),
        rule,
    };
    submit_and_back(&app, &ctx, command, &format!("/sessions/{id}")).await
}

/// `POST /sessions/{id}/open-to-observers`: opens the session to observers (`open=true`) or
/// closes it to them (`open=false`).
pub async fn set_open_to_observers(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let (mut f, _) = prepared(&app, &ctx, id, form).await?;
    let open = f.parsed("open", |v| match v {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err("choose true or false"),
    });
    f.finish()?;
    let open = open.ok_or_else(incomplete)?;
    let command = SecretariatCommand::SetOpenToObservers {
        session: SessionId(id),
        open,
    };
    submit_and_back(&app, &ctx, command, &format!("/sessions/{id}")).await
}

/// `POST /sessions/{id}/observers`: records the observer states attending (each checked
/// `observer`, with its representatives' names, comma-separated, in `names.{code}`).
pub async fn record_observers(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let (mut f, _) = prepared(&app, &ctx, id, form).await?;
    let mut observers = std::collections::BTreeMap::new();
    for value in f
        .all("observer")
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>()
    {
        match accord_core::StateCode::parse(&value) {
            Ok(code) => {
                let names = f
                    .get(&format!("names.{value}"))
                    .unwrap_or_default()
                    .split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_owned)
                    .collect();
                observers.insert(code, names);
            }
            Err(_) => f.invalid("observer", "not a state code"),
        }
    }
    f.finish()?;
    let command = SecretariatCommand::RecordObservers {
        session: SessionId(id),
        observers,
    };
    submit_and_back(&app, &ctx, command, &format!("/sessions/{id}")).await
}
