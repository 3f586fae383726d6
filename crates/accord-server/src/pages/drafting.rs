//! The forms that change a draft: a delegation proposes an amendment; the Secretariat makes
//! the next version (accepting or rejecting each pending amendment) or launches a silence
//! procedure.

use accord_core::Action;
use accord_core::secretariat::SecretariatCommand;
use accord_core::secretariat::model::{AmendmentId, DocumentId};
use axum::extract::{Path, State};
use axum::response::Response;

use crate::app::AppState;
use crate::error::AppError;
use crate::secretariat::authentic;
use crate::viewer::Ctx;

use super::document::visible;
use super::form::{Fields, RawForm, incomplete, submit_and_back};
use super::procedures::amendment_from;

/// Reads a form about a document the reader may see, if the policy lets them `action`.
fn read(
    app: &AppState,
    ctx: &Ctx,
    id: u64,
    action: Action,
    form: RawForm,
) -> Result<Fields, AppError> {
    Fields::read_about(ctx, action, form, &app.journal.state(), id, visible)
}

/// `POST /documents/{id}/amendments`: a member delegation proposes an amendment against the
/// current version.
pub async fn propose(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = read(&app, &ctx, id, Action::Propose, form)?;
    let version = app
        .journal
        .state()
        .secretariat()
        .document(DocumentId(id))
        .and_then(|d| d.current().map(|v| v.number))
        .unwrap_or(1);
    let draft = amendment_from(&mut f, authentic(&app)?, version, false);
    f.finish()?;
    let command = SecretariatCommand::ProposeAmendment {
        document: DocumentId(id),
        draft: draft.ok_or_else(incomplete)?,
    };
    submit_and_back(&app, &ctx, command, &format!("/documents/{id}")).await
}

/// `POST /documents/{id}/versions`: the Secretariat makes the next version, `amendment-N` set
/// to `accept` or `reject` for each pending amendment, with an optional new text.
pub async fn make_version(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = read(&app, &ctx, id, Action::Prepare, form)?;
    let (mut accept, mut reject) = (Vec::new(), Vec::new());
    let choices: Vec<(String, String)> = f
        .prefixed("amendment-")
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    for (number, choice) in choices {
        match (number.parse::<u64>(), choice.as_str()) {
            (Ok(n), "accept") => accept.push(AmendmentId(n)),
            (Ok(n), "reject") => reject.push(AmendmentId(n)),
            _ => f.invalid(&format!("amendment-{number}"), "choose accept or reject"),
        }
    }
    let paragraphs = f.paragraphs("text", authentic(&app)?, true);
    f.finish()?;
    let command = SecretariatCommand::MakeVersion {
        document: DocumentId(id),
        paragraphs,
        accept,
        reject,
    };
    submit_and_back(&app, &ctx, command, &format!("/documents/{id}")).await
}

/// `POST /documents/{id}/silence`: the Secretariat launches a silence procedure on the current
/// version, with a deadline in a time zone.
pub async fn launch_silence(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = read(&app, &ctx, id, Action::Prepare, form)?;
    let deadline = f.zoned("deadline", "zone");
    f.finish()?;
    let command = SecretariatCommand::LaunchSilence {
        document: DocumentId(id),
        deadline: deadline.ok_or_else(incomplete)?,
    };
    submit_and_back(&app, &ctx, command, &format!("/documents/{id}")).await
}
