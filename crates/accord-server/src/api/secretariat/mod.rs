//! The secretariat's API: sessions and agendas, documents with versions and amendments,
//! decision procedures, decisions and signatures. Reads show only what the policy lets the
//! reader see (404 otherwise); writes are commands through the one write path, refused with
//! the rule they break.
//!
//! A file per area: sessions, their agenda, documents and amendments, decision procedures
//! (silence and positions), decisions (signatures and keys) and observers. The handlers are
//! re-exported here, so routes and the OpenAPI document name them `api::secretariat::…`. This
//! module holds what the areas share: the command helper, the field parsers and the text and
//! time views.

mod agenda;
mod amendments;
mod decisions;
mod documents;
mod observers;
mod procedures;
mod sessions;

pub use agenda::*;
pub use amendments::*;
pub use decisions::*;
pub use documents::*;
pub use observers::*;
pub use procedures::*;
pub use sessions::*;

use std::collections::BTreeMap;

use accord_core::secretariat::SecretariatCommand as C;
use accord_core::secretariat::model::ZonedTime;
use accord_core::{Event, Text};
use accord_store::Receipt;
use axum::Json;
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::secretariat::submit;
use crate::viewer::Ctx;

use super::{check_csrf_header, invalid_if_any, json_body};

/// A local time in an IANA zone.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ZonedIn {
    /// `2020-12-01T13:00:00`.
    local: String,
    /// `Europe/Moscow`.
    zone: String,
}

/// A text per language: `{"ru": "…", "en": "…"}`; the authentic language is required.
type TextIn = BTreeMap<String, String>;

fn text(value: &Text) -> Value {
    json!({
        "authentic": value.authentic().as_str(),
        "values": value.iter().map(|(l, v)| (l.as_str().to_owned(), v.to_owned())).collect::<BTreeMap<_, _>>(),
    })
}

fn zoned(value: &ZonedTime) -> Value {
    json!({"local": value.local(), "zone": value.zone(), "offset": value.offset(), "utc": value.utc().to_string()})
}

/// What a command wrote, and the number of what it created.
/// The number of the record a command created: read back from the entries it wrote.
async fn created(app: &AppState, ctx: &Ctx, receipt: Receipt) -> Option<u64> {
    let loaded = crate::entries::load(app, ctx, receipt.first.0).await.ok()?;
    let event = Event::from_hashed_body(loaded.envelope.kind(), loaded.body.as_deref()?).ok()?;
    Some(match event {
        Event::SessionScheduled(e) => e.session.0,
        Event::DocumentRegistered(e) => e.document.0,
        Event::VersionMade(e) => u64::from(e.version),
        Event::AmendmentProposed(e) => e.amendment.0,
        Event::AgendaItemAdded(e) => u64::from(e.at.item),
        Event::PackageCreated(e) => e.package.0,
        Event::ProcedureOpened(e) => e.procedure.0,
        Event::PositionStated(e) => e.procedure.0,
        Event::SilenceBroken(e) => e.procedure.0,
        Event::DecisionRecorded(e) => e.decision.0,
        Event::DecisionSigned(e) => e.decision.0,
        _ => return None,
    })
}

/// Runs a command for the reader and answers 201 with what it wrote.
async fn command(
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

fn parse_field<T>(
    field: &str,
    value: &str,
    parse: impl Fn(&str) -> Result<T, accord_core::ParseError>,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match parse(value) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(FieldError {
                field: field.to_owned(),
                message: e.to_string(),
            });
            None
        }
    }
}

fn serde_field<T: serde::de::DeserializeOwned>(
    field: &str,
    value: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match serde_json::from_value(Value::String(value.to_owned())) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(FieldError {
                field: field.to_owned(),
                message: e.to_string(),
            });
            None
        }
    }
}

fn zoned_in(field: &str, value: &ZonedIn, errors: &mut Vec<FieldError>) -> Option<ZonedTime> {
    match ZonedTime::from_local(&value.local, &value.zone) {
        Ok(z) => Some(z),
        Err(e) => {
            errors.push(FieldError {
                field: field.to_owned(),
                message: e.to_string(),
            });
            None
        }
    }
}
