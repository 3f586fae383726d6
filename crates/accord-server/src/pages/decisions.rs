//! A decision's page: the decision record (body, session and item, procedure, document and
//! version, the text's hash per language, every position, the outcome, when it took effect),
//! the signatures per member state, and the link to its log entry's inclusion proof; for a head
//! of delegation whose state has not signed, the message to sign and the forms to register the
//! delegation's key and to send the signature.

use accord_core::config::MemberStatus;
use accord_core::secretariat::events::DecisionRecorded;
use accord_core::secretariat::model::ProcedureId;
use accord_core::secretariat::{SecretariatCommand, signing_message};
use accord_core::{Action, Classification, Event};
use accord_store::Store as _;
use askama::Template;
use axum::extract::{OriginalUri, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use sha2::{Digest as _, Sha256};

use crate::access::{may_read, require};
use crate::app::AppState;
use crate::error::AppError;
use crate::secretariat::{decision_resource, may_see_document, may_see_session};
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, incomplete, submit_and_back};
use super::procedures::head_of;
use super::session::Link;
use super::view::{body_name, outcome, position, rule, state_name, utc};
use super::{Page, content_lang, here, localized, render};

/// A state's signature, or its absence.
#[derive(Debug)]
pub struct SignatureRow {
    /// The state.
    pub state: String,
    /// The key it signed with.
    pub key: Option<String>,
    /// When.
    pub when: Option<String>,
}

#[derive(Template)]
#[template(path = "decision.html")]
struct DecisionPage<'a> {
    page: Page<'a>,
    id: u64,
    body: String,
    session: Option<Link>,
    rule: String,
    document: Link,
    version: Link,
    authentic: String,
    hashes: Vec<(String, String)>,
    positions: Vec<(String, String)>,
    outcome: String,
    adopted: bool,
    effective: String,
    signatures: Vec<SignatureRow>,
    entry: Option<Link>,
    to_sign: Option<String>,
    key: Option<String>,
    head: bool,
}

/// The decision record, if the reader may see it.
fn visible(app: &AppState, ctx: &Ctx, id: u64) -> Result<DecisionRecorded, AppError> {
    let state = app.journal.state();
    match state.secretariat().decision(ProcedureId(id)) {
        Some(record) if may_read(ctx, &decision_resource(record)) => Ok(record.clone()),
        _ => Err(AppError::NotFound),
    }
}

/// The log entry that recorded the decision, found by its body's hash.
async fn entry_of(app: &AppState, record: &DecisionRecorded) -> Result<Option<u64>, AppError> {
    let bytes = Event::DecisionRecorded(record.clone())
        .body_bytes()
        .map_err(|e| AppError::internal("a decision's body", e))?;
    let hash = accord_ledger::Hash(Sha256::digest(&bytes).into());
    Ok(app
        .journal
        .store()
        .entry_for_body(&hash)
        .await?
        .map(|e| e.seq)
        .filter(|seq| *seq < app.journal.committed()))
}

/// `GET /decisions/{id}`.
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let record = visible(&app, &ctx, id)?;
    let entry = entry_of(&app, &record).await?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let page = {
        let state = app.journal.state();
        let records = state.secretariat();
        let signatures = records.signatures(record.decision);
        let head = head_of(&ctx);
        let signed = |code| signatures.is_some_and(|s| s.contains_key(&code));
        let doc_title = records
            .document(record.document)
            .filter(|d| may_see_document(&ctx, d))
            .map_or_else(
                || record.document.to_string(),
                |d| localized(&tr, &d.title, lang),
            );
        DecisionPage {
            page: Page::new(
                &app,
                &ctx,
                &here(&uri),
                tr.a("decision-title", "id", &id.to_string()),
            ),
            id,
            body: body_name(&tr, &state, &record.body, lang),
            session: record.item.and_then(|at| {
                let session = records
                    .session(at.session)
                    .filter(|s| may_see_session(&ctx, s))?;
                Some(Link {
                    href: format!("/sessions/{}", at.session),
                    label: tr.args(
                        "procedure-in-session",
                        &[
                            (
                                "session",
                                crate::i18n::Arg::Str(&localized(&tr, &session.title, lang)),
                            ),
                            ("item", crate::i18n::Arg::Num(u64::from(at.item))),
                        ],
                    ),
                })
            }),
            rule: rule(&tr, record.rule),
            document: Link {
                href: format!("/documents/{}", record.document),
                label: doc_title,
            },
            version: Link {
                href: format!("/documents/{}?version={}", record.document, record.version),
                label: tr.a("document-version", "number", &record.version.to_string()),
            },
            authentic: record.authentic.as_str().to_owned(),
            hashes: record
                .text_hashes
                .iter()
                .map(|(l, h)| (l.as_str().to_owned(), h.clone()))
                .collect(),
            positions: record
                .positions
                .iter()
                .map(|(code, p)| (state_name(&tr, &state, *code, lang), position(&tr, p, lang)))
                .collect(),
            outcome: outcome(&tr, &state, &record.outcome, lang),
            adopted: record.outcome.is_adopted(),
            effective: utc(record.effective_at),
            signatures: state
                .states()
                .iter()
                .filter(|(_, s)| s.status == MemberStatus::Member)
                .map(|(code, _)| {
                    let found = signatures.and_then(|s| s.get(code));
                    SignatureRow {
                        state: state_name(&tr, &state, *code, lang),
                        key: found.map(|s| s.key.clone()),
                        when: found.map(|s| utc(s.signed_at)),
                    }
                })
                .collect(),
            entry: entry.map(|seq| Link {
                href: format!("/record/{seq}"),
                label: tr.a("decision-entry", "seq", &seq.to_string()),
            }),
            to_sign: head
                .filter(|code| record.outcome.is_adopted() && !signed(*code))
                .and_then(|_| signing_message(&record)),
            key: head.and_then(|code| records.signing_key(code).map(str::to_owned)),
            head: head.is_some(),
        }
    };
    render(StatusCode::OK, &page)
}

/// `POST /decisions/{id}/signatures`: a head of delegation sends the delegation's signature
/// of the authentic text.
pub async fn sign(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::TakePosition, form)?;
    visible(&app, &ctx, id)?;
    let signature = f.required("signature");
    f.finish()?;
    let command = SecretariatCommand::SignDecision {
        decision: ProcedureId(id),
        signature: signature.ok_or_else(incomplete)?,
    };
    submit_and_back(&app, &ctx, command, &format!("/decisions/{id}")).await
}

/// `POST /delegation/key`: a head of delegation registers the delegation's signing key (field
/// `key`), then goes back to the page named by `next`.
pub async fn register_key(
    State(app): State<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::TakePosition, form)?;
    let key = f.required("key");
    let next = super::safe_next(f.get("next")).to_owned();
    f.finish()?;
    let command = SecretariatCommand::RegisterSigningKey {
        key: key.ok_or_else(incomplete)?,
    };
    submit_and_back(&app, &ctx, command, &next).await
}
