//! Akoma Ntoso 3.0 exports: a document (as a statement, doc or act, or a debate for a session's
//! minutes), a package (a document collection) and an amendment, one Expression per language
//! at `…/akn/{lang}`. Only what the reader may see is exported.

use accord_core::config::{DocumentType, OrgConfig};
use accord_core::secretariat::model::{
    Amendment, AmendmentId, AmendmentOp, Document, DocumentId, PackageId,
};
use accord_core::{Lang, State};
use axum::extract::{Path, State as AxumState};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse as _, Response};

use crate::akn::{
    AknAmendment, AknBody, AknComponent, AknExpression, AknKind, AknOperation, AknWork,
    language_code, temporary_number, to_xml,
};
use crate::app::AppState;
use crate::error::AppError;
use crate::secretariat::{may_see_document, may_see_drafts, may_see_session};
use crate::viewer::Ctx;

fn jurisdiction(config: &OrgConfig) -> String {
    let english = Lang::parse("en").expect("en");
    config
        .short_name()
        .localized(english)
        .text()
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The session whose minutes `document` holds, if any.
fn minutes_of(state: &State, document: DocumentId) -> bool {
    state
        .secretariat()
        .sessions()
        .values()
        .any(|s| s.minutes == Some(document))
}

fn kind_of(state: &State, document: &Document) -> AknKind {
    if minutes_of(state, document.id) {
        return AknKind::Debate;
    }
    match document.doc_type {
        DocumentType::Statement | DocumentType::Declaration | DocumentType::Decision => {
            AknKind::Statement
        }
        DocumentType::Agreement => AknKind::Act,
        _ => AknKind::Doc,
    }
}

fn type_name(document: &Document) -> String {
    serde_json::to_value(document.doc_type)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', "-")))
        .unwrap_or_else(|| "doc".into())
}

/// A Work of the organisation by `body`: its jurisdiction, actor and country from the
/// configuration.
fn work(
    config: &OrgConfig,
    kind: AknKind,
    name: String,
    body: &accord_core::BodyId,
    date: String,
    number: String,
    temporary_number: Option<String>,
) -> AknWork {
    let jurisdiction = jurisdiction(config);
    AknWork {
        kind,
        name,
        actor: format!("{jurisdiction}-{}", body.as_str()),
        jurisdiction,
        date,
        number,
        temporary_number,
        country: config
            .short_name()
            .localized(config.authentic_language())
            .text()
            .to_owned(),
        author_href: None,
    }
}

/// The Work of a document: numbered by its decision once adopted (its draft number kept as an
/// alias), by a temporary number while a draft.
fn document_work(state: &State, config: &OrgConfig, document: &Document) -> AknWork {
    let decision = document
        .adopted_by
        .and_then(|d| state.secretariat().decision(d));
    let draft_number = temporary_number(document.id.0);
    let (date, number, temporary) = match decision {
        Some(record) => (
            record.effective_at.date().to_string(),
            record.decision.0.to_string(),
            Some(draft_number),
        ),
        None => (
            document.registered_at.date().to_string(),
            draft_number,
            None,
        ),
    };
    let kind = kind_of(state, document);
    let name = if kind == AknKind::Debate {
        "minutes".into()
    } else {
        type_name(document)
    };
    work(config, kind, name, &document.body, date, number, temporary)
}

fn names(config: &OrgConfig, body: &accord_core::BodyId, lang: Lang) -> (String, String) {
    let organisation = config.name().localized(lang).text().to_owned();
    let author = config.body(body).map_or_else(
        || body.to_string(),
        |b| b.name.localized(lang).text().to_owned(),
    );
    (organisation, author)
}

/// The requested language, which must be official and known to Akoma Ntoso.
fn language(config: &OrgConfig, tag: &str) -> Result<Lang, AppError> {
    let lang = Lang::parse(tag).map_err(|_| AppError::NotFound)?;
    if !config.is_official(lang) || language_code(lang.as_str()).is_err() {
        return Err(AppError::NotFound);
    }
    Ok(lang)
}

fn xml_response(result: Result<String, crate::akn::AknError>) -> Result<Response, AppError> {
    let xml = result.map_err(|e| AppError::internal("an Akoma Ntoso export", e))?;
    let mut response = (StatusCode::OK, xml).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/akn+xml; charset=utf-8"),
    );
    Ok(response)
}

/// The text of a document's current version in `lang` (a missing translation: the authentic
/// text, as Akoma Ntoso has no "missing" marker; the Expression says which language it is).
fn paragraphs(document: &Document, lang: Lang) -> Vec<String> {
    document
        .current()
        .map(|v| {
            v.paragraphs
                .iter()
                .map(|p| p.localized(lang).text().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn expression_of(
    config: &OrgConfig,
    document: &Document,
    lang: Lang,
    body: AknBody,
) -> AknExpression {
    let (organisation, author) = names(config, &document.body, lang);
    AknExpression {
        lang: lang.as_str().to_owned(),
        authentic: lang == config.authentic_language(),
        date: document
            .current()
            .map_or(document.registered_at, |v| v.made_at)
            .date()
            .to_string(),
        title: document.title.localized(lang).text().to_owned(),
        organisation,
        author,
        body,
    }
}

/// `GET /api/v1/documents/{id}/akn/{lang}`.
#[utoipa::path(get, path = "/api/v1/documents/{id}/akn/{lang}", tag = "exports",
    params(("id" = u64, Path, description = "The document's number"),
        ("lang" = String, Path, description = "An official language (ru, en)")),
    responses((status = 200, content_type = "application/akn+xml", body = String),
        (status = 404, body = crate::error::Problem)))]
pub async fn document(
    AxumState(app): AxumState<AppState>,
    ctx: Ctx,
    Path((id, lang)): Path<(u64, String)>,
) -> Result<Response, AppError> {
    let state = app.journal.state();
    let config = state.config().ok_or(AppError::NotFound)?;
    let lang = language(config, &lang)?;
    let document = state
        .secretariat()
        .document(DocumentId(id))
        .filter(|d| may_see_document(&ctx, d))
        .ok_or(AppError::NotFound)?;
    let work = document_work(&state, config, document);
    let text = paragraphs(document, lang);
    let body = if work.kind == AknKind::Debate {
        AknBody::Debate {
            paragraphs: text,
            speeches: Vec::new(),
        }
    } else {
        AknBody::Text {
            preamble: Vec::new(),
            paragraphs: text,
        }
    };
    xml_response(to_xml(&work, &expression_of(config, document, lang, body)))
}

/// `GET /api/v1/packages/{id}/akn/{lang}`: the package as a document collection whose
/// components are its documents' Expressions in the same language.
#[utoipa::path(get, path = "/api/v1/packages/{id}/akn/{lang}", tag = "exports",
    params(("id" = u64, Path, description = "The package's number"),
        ("lang" = String, Path, description = "An official language (ru, en)")),
    responses((status = 200, content_type = "application/akn+xml", body = String),
        (status = 404, body = crate::error::Problem)))]
pub async fn package(
    AxumState(app): AxumState<AppState>,
    ctx: Ctx,
    Path((id, lang)): Path<(u64, String)>,
) -> Result<Response, AppError> {
    let state = app.journal.state();
    let config = state.config().ok_or(AppError::NotFound)?;
    let lang = language(config, &lang)?;
    let records = state.secretariat();
    let package = records.package(PackageId(id)).ok_or(AppError::NotFound)?;
    let session = records
        .session(package.session)
        .filter(|s| may_see_session(&ctx, s))
        .ok_or(AppError::NotFound)?;
    let mut components = Vec::new();
    for doc_id in &package.documents {
        let Some(document) = records
            .document(*doc_id)
            .filter(|d| may_see_document(&ctx, d))
        else {
            continue;
        };
        let work = document_work(&state, config, document);
        let expression = expression_of(
            config,
            document,
            lang,
            AknBody::Text {
                preamble: Vec::new(),
                paragraphs: Vec::new(),
            },
        );
        let href = work
            .expression_iri(lang.as_str(), &expression.date)
            .map_err(|e| AppError::internal("an Akoma Ntoso IRI", e))?;
        components.push(AknComponent {
            title: expression.title,
            href,
        });
    }
    if components.is_empty() {
        return Err(AppError::NotFound);
    }
    let work = work(
        config,
        AknKind::DocumentCollection,
        "package".into(),
        &session.body,
        session.start.local()[..10].to_owned(),
        package.id.0.to_string(),
        None,
    );
    let (organisation, author) = names(config, &session.body, lang);
    let expression = AknExpression {
        lang: lang.as_str().to_owned(),
        authentic: lang == config.authentic_language(),
        date: work.date.clone(),
        title: package.title.localized(lang).text().to_owned(),
        organisation,
        author,
        body: AknBody::Collection(components),
    };
    xml_response(to_xml(&work, &expression))
}

fn instruction(lang: Lang, amendment: &Amendment) -> String {
    let n = amendment.paragraph;
    let russian = lang.as_str() == "ru";
    match (&amendment.op, russian) {
        (AmendmentOp::Insert { .. }, true) if n == 0 => "Перед пунктом 1 дополнить пунктом:".into(),
        (AmendmentOp::Insert { .. }, true) => format!("После пункта {n} дополнить пунктом:"),
        (AmendmentOp::Replace { .. }, true) => {
            format!("Пункт {n} изложить в следующей редакции:")
        }
        (AmendmentOp::Delete, true) => format!("Пункт {n} исключить."),
        (AmendmentOp::Insert { .. }, false) if n == 0 => {
            "Insert before paragraph 1 the paragraph:".into()
        }
        (AmendmentOp::Insert { .. }, false) => format!("Insert after paragraph {n} the paragraph:"),
        (AmendmentOp::Replace { .. }, false) => format!("Replace paragraph {n} with:"),
        (AmendmentOp::Delete, false) => format!("Delete paragraph {n}."),
    }
}

/// `GET /api/v1/amendments/{id}/akn/{lang}`.
#[utoipa::path(get, path = "/api/v1/amendments/{id}/akn/{lang}", tag = "exports",
    params(("id" = u64, Path, description = "The amendment's number"),
        ("lang" = String, Path, description = "An official language (ru, en)")),
    responses((status = 200, content_type = "application/akn+xml", body = String),
        (status = 404, body = crate::error::Problem)))]
pub async fn amendment(
    AxumState(app): AxumState<AppState>,
    ctx: Ctx,
    Path((id, lang)): Path<(u64, String)>,
) -> Result<Response, AppError> {
    let state = app.journal.state();
    let config = state.config().ok_or(AppError::NotFound)?;
    let lang = language(config, &lang)?;
    let records = state.secretariat();
    let amendment = records
        .amendment(AmendmentId(id))
        .ok_or(AppError::NotFound)?;
    // An amendment is part of the drafting history, which stays restricted after adoption.
    let document = records
        .document(amendment.document)
        .filter(|d| may_see_drafts(&ctx, d))
        .ok_or(AppError::NotFound)?;
    let target_work = document_work(&state, config, document);
    let target_date = document
        .version(amendment.version)
        .map_or(document.registered_at, |v| v.made_at)
        .date()
        .to_string();
    let target = target_work
        .expression_iri(lang.as_str(), &target_date)
        .map_err(|e| AppError::internal("an Akoma Ntoso IRI", e))?;
    let work = work(
        config,
        AknKind::Amendment,
        "amendment".into(),
        &document.body,
        amendment.proposed_at.date().to_string(),
        amendment.id.0.to_string(),
        None,
    );
    let (organisation, author) = names(config, &document.body, lang);
    let operation = match amendment.op {
        AmendmentOp::Insert { .. } => AknOperation::Insert,
        AmendmentOp::Replace { .. } => AknOperation::Replace,
        AmendmentOp::Delete => AknOperation::Delete,
    };
    let expression = AknExpression {
        lang: lang.as_str().to_owned(),
        authentic: lang == config.authentic_language(),
        date: work.date.clone(),
        title: format!(
            "{} — {}",
            document.title.localized(lang).text(),
            instruction(lang, amendment)
        ),
        organisation,
        author,
        body: AknBody::Amendment(AknAmendment {
            target,
            target_title: document.title.localized(lang).text().to_owned(),
            paragraph: amendment.paragraph.max(1),
            operation,
            instruction: instruction(lang, amendment),
            text: amendment
                .op
                .text()
                .map(|t| t.localized(lang).text().to_owned())
                .unwrap_or_default(),
            rationale: Some(amendment.rationale.localized(lang).text().to_owned()),
        }),
    };
    xml_response(to_xml(&work, &expression))
}
