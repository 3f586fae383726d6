//! A joint statement's deliveries in its forum, as its document page shows them, and the
//! Secretariat's form to record one once the statement is adopted.

use accord_core::config::DocumentType;
use accord_core::secretariat::model::{Document, DocumentId};
use accord_core::status::StatusCommand;
use accord_core::{Action, Lang, State as Records, Timestamp};
use axum::extract::{Path, State};
use axum::response::Response;

use crate::app::AppState;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::secretariat::authentic;
use crate::status::submit;
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, back, incomplete, may};
use super::localized;
use super::view::utc;

/// What the document page shows of deliveries.
#[derive(Debug, Default)]
pub struct Deliveries {
    /// Whether the document is a joint statement (the section shows only then).
    pub shown: bool,
    /// Each delivery: the meeting and when.
    pub rows: Vec<(String, String)>,
    /// Whether the reader may record one now (an adopted statement, Secretariat officers).
    pub record: bool,
}

/// The deliveries of `document` for the page.
pub fn of(tr: &Tr<'_>, ctx: &Ctx, state: &Records, document: &Document, lang: Lang) -> Deliveries {
    if document.doc_type != DocumentType::JointStatement {
        return Deliveries::default();
    }
    Deliveries {
        shown: true,
        rows: state
            .status()
            .deliveries(document.id)
            .iter()
            .map(|d| (localized(tr, &d.meeting, lang), utc(d.delivered_at)))
            .collect(),
        record: document.adopted_by.is_some() && may(ctx, Action::Prepare),
    }
}

/// `POST /documents/{id}/deliveries`: record a joint statement's delivery.
pub async fn record(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::Prepare, form)?;
    let authentic = authentic(&app)?;
    let meeting = f.text("meeting", authentic);
    // `<input type="datetime-local">` in UTC, without the seconds when they are zero.
    let delivered_at = f.parsed("delivered_at", |v| {
        let v = if v.len() == 16 {
            format!("{v}:00")
        } else {
            v.to_owned()
        };
        Timestamp::parse(&format!("{}Z", v.trim_end_matches('Z')))
    });
    f.finish()?;
    let (Some(meeting), Some(delivered_at)) = (meeting, delivered_at) else {
        return Err(incomplete());
    };
    let command = StatusCommand::RecordDelivery {
        document: DocumentId(id),
        meeting,
        delivered_at,
    };
    submit(&app, &ctx, command).await?;
    Ok(back(&format!("/documents/{id}")))
}
