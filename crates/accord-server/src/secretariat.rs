//! What the API and the pages share about the secretariat's records: who may see a session, a
//! document, a procedure or a decision (always through the policy), texts and paragraphs from
//! the values clients send, and submitting a secretariat command for the reader.

use std::collections::BTreeMap;

use accord_core::secretariat::SecretariatCommand;
use accord_core::secretariat::events::DecisionRecorded;
use accord_core::secretariat::model::{Document, Procedure, Session, draft_classification};
use accord_core::{CommandPayload, Lang, Resource, Text};
use accord_store::Receipt;

use crate::access::may_read;
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::viewer::Ctx;

/// The resource a session is, for the policy: its classification, released to every observer
/// state while it is open to observers.
pub fn session_resource(session: &Session) -> Resource<'static> {
    Resource {
        classification: session.classification,
        release: session.release(),
    }
}

/// The resource a document is now (a public document's draft is restricted), released to its
/// own list and, once adopted, to the partner states whose partnership protocol lists its type
/// (`State::document_release`, kept in `Document::effective_release`).
pub fn document_resource(document: &Document) -> Resource<'_> {
    Resource {
        classification: document.effective_classification(),
        release: &document.effective_release,
    }
}

/// The resource a procedure is: its document's, restricted while a public draft.
pub fn procedure_resource(procedure: &Procedure) -> Resource<'_> {
    let adopted = procedure.outcome.as_ref().is_some_and(|o| o.is_adopted());
    Resource {
        classification: if adopted {
            procedure.classification
        } else {
            draft_classification(procedure.classification)
        },
        release: &procedure.release,
    }
}

/// The resource a decision record is (as its envelope is classified).
pub fn decision_resource(record: &DecisionRecorded) -> Resource<'_> {
    Resource {
        classification: accord_core::event::EventBody::classification(record),
        release: &record.release,
    }
}

/// Whether the reader may see the session.
pub fn may_see_session(ctx: &Ctx, session: &Session) -> bool {
    may_read(ctx, &session_resource(session))
}

/// Whether the reader may see a document's drafting history (its earlier versions, the
/// amendments, procedures that did not adopt it): those records stay classified as drafts, so a
/// public document's history stays restricted after its adoption.
pub fn may_see_drafts(ctx: &Ctx, document: &Document) -> bool {
    may_read(
        ctx,
        &Resource {
            classification: draft_classification(document.classification),
            release: &document.release,
        },
    )
}

/// Whether the reader may see the document.
pub fn may_see_document(ctx: &Ctx, document: &Document) -> bool {
    may_read(ctx, &document_resource(document))
}

/// A text from its values per language tag, named `field` in errors; the authentic language
/// is required and empty values are refused.
pub fn text_from(
    field: &str,
    values: &BTreeMap<String, String>,
    authentic: Lang,
    errors: &mut Vec<FieldError>,
) -> Option<Text> {
    let mut parsed = BTreeMap::new();
    let before = errors.len();
    for (tag, value) in values {
        match Lang::parse(tag) {
            Ok(_) if value.trim().is_empty() => {
                // An empty translation is the same as none.
            }
            Ok(lang) => {
                parsed.insert(lang, value.trim().to_owned());
            }
            Err(e) => errors.push(FieldError {
                field: format!("{field}.{tag}"),
                message: format!("not a language tag: {e}"),
            }),
        }
    }
    if !parsed.contains_key(&authentic) {
        errors.push(FieldError {
            field: format!("{field}.{}", authentic.as_str()),
            message: format!(
                "the text in the authentic language ({}) is required",
                authentic.as_str()
            ),
        });
    }
    if errors.len() > before {
        return None;
    }
    match Text::from_map(authentic, parsed) {
        Ok(text) => Some(text),
        Err(e) => {
            errors.push(FieldError {
                field: field.to_owned(),
                message: e.to_string(),
            });
            None
        }
    }
}

/// Paragraphs from the text per language, one paragraph per blank-line-separated block; every
/// language given must have as many paragraphs as the authentic one.
pub fn paragraphs_from(
    field: &str,
    values: &BTreeMap<String, String>,
    authentic: Lang,
    errors: &mut Vec<FieldError>,
) -> Option<Vec<Text>> {
    let split = |text: &str| -> Vec<String> {
        text.replace("\r\n", "\n")
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect()
    };
    let mut per_lang: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (tag, value) in values {
        let parts = split(value);
        if !parts.is_empty() {
            per_lang.insert(tag.clone(), parts);
        }
    }
    let Some(base) = per_lang.get(authentic.as_str()).map(Vec::len) else {
        errors.push(FieldError {
            field: format!("{field}.{}", authentic.as_str()),
            message: format!(
                "the text in the authentic language ({}) is required",
                authentic.as_str()
            ),
        });
        return None;
    };
    let mut ok = true;
    for (tag, parts) in &per_lang {
        if parts.len() != base {
            errors.push(FieldError {
                field: format!("{field}.{tag}"),
                message: format!(
                    "{} paragraphs, but the authentic text has {base}; separate paragraphs by a blank line",
                    parts.len()
                ),
            });
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let mut out = Vec::with_capacity(base);
    for i in 0..base {
        let values: BTreeMap<String, String> = per_lang
            .iter()
            .map(|(tag, parts)| (tag.clone(), parts[i].clone()))
            .collect();
        out.push(text_from(
            &format!("{field}[{}]", i + 1),
            &values,
            authentic,
            errors,
        )?);
    }
    Some(out)
}

/// The organisation's authentic language.
pub fn authentic(app: &AppState) -> Result<Lang, AppError> {
    app.journal
        .state()
        .config()
        .map(accord_core::OrgConfig::authentic_language)
        .ok_or(AppError::NotFound)
}

/// Submits a secretariat command as the reader; the policy and the rules are applied by
/// `decide` in the journal, and a refusal comes back as the rule it broke.
pub async fn submit(
    app: &AppState,
    ctx: &Ctx,
    command: SecretariatCommand,
) -> Result<Receipt, AppError> {
    crate::access::submit(app, ctx, CommandPayload::Secretariat(command), Vec::new()).await
}
