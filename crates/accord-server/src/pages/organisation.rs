//! The organisation page: its states and organisations with their statuses and history, its
//! bodies, its chair today.

use accord_core::{Action, Classification};
use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::viewer::Ctx;

use super::{Page, content_lang, here, localized, render};

/// A row of the states' or the organisations' table.
#[derive(Debug)]
pub struct MemberRow {
    code: String,
    name: String,
    status: String,
    since: String,
    /// The decision that granted the current status, if one did.
    decision: Option<super::session::Link>,
    /// The earlier statuses, newest first ("partner since 2019-05-01").
    history: Vec<String>,
}

#[derive(Template)]
#[template(path = "organisation.html")]
struct OrganisationPage<'a> {
    page: Page<'a>,
    name: String,
    founded: String,
    languages: String,
    chair: String,
    members: Vec<MemberRow>,
    bodies: Vec<String>,
    organisations: Vec<MemberRow>,
    applications: Vec<super::applications::ApplicationRow>,
    show_applications: bool,
    protocols: Vec<ProtocolRow>,
    may_record_protocol: bool,
    partner_states: Vec<super::view::Choice>,
    doc_types: Vec<super::view::Choice>,
}

/// A partnership protocol as the organisation page shows it.
#[derive(Debug)]
pub struct ProtocolRow {
    state: String,
    doc_types: String,
    sitreps: String,
    document: Option<super::session::Link>,
}

/// A row for a state or an organisation from its statuses, oldest first: the current one with
/// the decision that granted it, and the earlier ones newest first.
fn status_row(
    tr: &crate::i18n::Tr<'_>,
    code: String,
    name: String,
    spans: &[accord_core::status::StatusSpan],
) -> MemberRow {
    let current = spans.last();
    let decision = current
        .and_then(|s| s.decision)
        .map(|d| super::session::Link {
            href: format!("/decisions/{d}"),
            label: tr.a("org-by-decision", "id", &d.to_string()),
        });
    let history = spans
        .iter()
        .rev()
        .skip(1)
        .map(|s| {
            let status = tr.t(&format!("status-{}", s.status.as_str()));
            tr.args(
                "org-was",
                &[
                    ("status", crate::i18n::Arg::Str(&status)),
                    ("date", crate::i18n::Arg::Str(&s.since.to_string())),
                ],
            )
        })
        .collect();
    MemberRow {
        code,
        name,
        status: current.map_or_else(String::new, |s| {
            tr.t(&format!("status-{}", s.status.as_str()))
        }),
        since: current.map_or_else(String::new, |s| s.since.to_string()),
        decision,
        history,
    }
}

/// `GET /organisation`.
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let today = crate::viewer::today()?;
    let page = {
        let state = app.journal.state();
        let config = state.config().ok_or(AppError::NotFound)?;
        let authentic = config.authentic_language();
        OrganisationPage {
            page: Page::new(&app, &ctx, &here(&uri), tr.t("org-title")).live(),
            name: localized(&tr, config.name(), lang),
            founded: tr.a("org-founded", "date", &config.founded().to_string()),
            languages: config
                .official_languages()
                .iter()
                .map(|l| {
                    if *l == authentic {
                        format!("{} ({})", l.as_str(), tr.t("org-authentic"))
                    } else {
                        l.as_str().to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
            chair: match state.chair_on(today) {
                Some(code) => {
                    let name = state
                        .state(code)
                        .map_or_else(|| code.to_string(), |s| localized(&tr, &s.name, lang));
                    format!("{}: {name}", tr.a("org-chair", "date", &today.to_string()))
                }
                None => tr.a("org-no-chair", "date", &today.to_string()),
            },
            members: state
                .states()
                .iter()
                .map(|(code, record)| {
                    let row = status_row(
                        &tr,
                        code.to_string(),
                        localized(&tr, &record.name, lang),
                        state.status().history(*code),
                    );
                    // The status and date shown are the registry's record of the state.
                    MemberRow {
                        status: tr.t(&format!("status-{}", record.status.as_str())),
                        since: record.since.to_string(),
                        ..row
                    }
                })
                .collect(),
            bodies: config
                .bodies()
                .iter()
                .map(|b| localized(&tr, &b.name, lang))
                .collect(),
            organisations: state
                .status()
                .organisations()
                .values()
                .map(|o| {
                    status_row(
                        &tr,
                        o.id.to_string(),
                        localized(&tr, &o.name, lang),
                        &o.history,
                    )
                })
                .collect(),
            applications: state
                .status()
                .applications()
                .values()
                .filter(|a| a.is_open() && crate::status::may_see_applications(&ctx))
                .map(|a| super::applications::row(&tr, &state, a, lang))
                .collect(),
            show_applications: crate::status::may_see_applications(&ctx),
            protocols: state
                .status()
                .protocols()
                .values()
                .filter(|p| crate::status::may_see_protocol(&ctx, p))
                .map(|p| ProtocolRow {
                    state: super::view::state_name(&tr, &state, p.state, lang),
                    doc_types: p
                        .doc_types
                        .iter()
                        .map(|t| tr.t(&format!("doctype-{}", super::view::wire(t))))
                        .collect::<Vec<_>>()
                        .join(", "),
                    sitreps: tr.t(if p.sitreps {
                        "protocol-sitreps-yes"
                    } else {
                        "protocol-sitreps-no"
                    }),
                    document: p
                        .document
                        .and_then(|d| super::session::document_link(&tr, &ctx, &state, d, lang)),
                })
                .collect(),
            may_record_protocol: super::form::may(&ctx, Action::ManageMembers),
            partner_states: state
                .states()
                .iter()
                .filter(|(_, s)| s.status == accord_core::config::MemberStatus::Partner)
                .map(|(code, s)| super::view::Choice::new(code, localized(&tr, &s.name, lang)))
                .collect(),
            doc_types: {
                let mut types: Vec<accord_core::config::DocumentType> = config
                    .bodies()
                    .iter()
                    .flat_map(|b| b.competences.iter().copied())
                    .collect();
                types.sort();
                types.dedup();
                types
                    .into_iter()
                    .map(|t| {
                        let name = super::view::wire(&t);
                        super::view::Choice::new(&name, tr.t(&format!("doctype-{name}")))
                    })
                    .collect()
            },
        }
    };
    render(StatusCode::OK, &page)
}

/// `POST /protocols`: the Secretariat records a partner state's partnership protocol (`state`,
/// each `doc_type` checked, `sitreps`, an optional `document` number).
pub async fn record_protocol(
    State(app): State<AppState>,
    ctx: Ctx,
    form: super::form::RawForm,
) -> Result<Response, AppError> {
    let mut f = super::form::Fields::read(&ctx, Action::ManageMembers, form)?;
    let state = f.parsed("state", accord_core::StateCode::parse);
    let mut doc_types = Vec::new();
    for value in f
        .all("doc_type")
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>()
    {
        match super::view::from_wire::<accord_core::config::DocumentType>(&value) {
            Some(t) => doc_types.push(t),
            None => f.invalid("doc_type", "not a document type"),
        }
    }
    let sitreps = f.get("sitreps").is_some();
    let document = match f.get("document").map(str::parse::<u64>) {
        None => None,
        Some(Ok(d)) => Some(accord_core::secretariat::model::DocumentId(d)),
        Some(Err(_)) => {
            f.invalid("document", "not a document number");
            None
        }
    };
    f.finish()?;
    let state = state.ok_or_else(super::form::incomplete)?;
    let command = accord_core::status::StatusCommand::RecordProtocol {
        state,
        doc_types,
        sitreps,
        document,
    };
    crate::status::submit(&app, &ctx, command).await?;
    Ok(super::form::back("/organisation"))
}
