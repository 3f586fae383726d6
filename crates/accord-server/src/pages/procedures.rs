//! Decision procedures on the pages: how one is shown (the positions table in session, the
//! silence deadline with its countdown, the outcome and its decision), and the heads of
//! delegation's and the Secretariat's forms: state a position, break silence, close.

use accord_core::secretariat::model::{AmendmentOp, Position, Procedure, ProcedureId};
use accord_core::secretariat::{AmendmentDraft, SecretariatCommand};
use accord_core::{Action, Lang, Role, State as Records};
use axum::extract::{Path, State};
use axum::response::Response;

use crate::app::AppState;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::secretariat::{authentic, may_see_document};
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, incomplete, may, submit_and_back};
use super::session::Link;
use super::view::{self, procedure_state, state_name, utc, zoned};

/// A silence procedure's deadline.
#[derive(Debug)]
pub struct Deadline {
    /// In its zone, to the second.
    pub zoned: String,
    /// In UTC.
    pub utc: String,
    /// The instant, RFC 3339 UTC, for the countdown.
    pub instant: String,
}

/// A state's row of the positions table.
#[derive(Debug)]
pub struct PositionRow {
    /// The state.
    pub state: String,
    /// Its position in words, or "not yet stated".
    pub position: String,
    /// Whether it has stated one.
    pub stated: bool,
}

/// A procedure as a page shows it, with the forms the reader may use.
#[derive(Debug)]
pub struct ProcedureView {
    /// Its number.
    pub id: u64,
    /// Its rule in words.
    pub rule: String,
    /// The version decided on.
    pub version: u32,
    /// The session and item, for a procedure in session.
    pub session: Option<Link>,
    /// Open, or its outcome.
    pub state: String,
    /// Whether it is still open.
    pub open: bool,
    /// For a silence procedure: its deadline.
    pub deadline: Option<Deadline>,
    /// In session: each present state's position.
    pub positions: Vec<PositionRow>,
    /// Its decision record, once decided.
    pub decision: Option<Link>,
    /// The reader may state their delegation's position.
    pub may_state: bool,
    /// The reader may close it.
    pub may_close: bool,
    /// The reader may break silence.
    pub may_break: bool,
}

/// The member state a head of delegation speaks for, if the reader is one.
pub fn head_of(ctx: &Ctx) -> Option<accord_core::StateCode> {
    let principal = &ctx.viewer.principal;
    (principal.has(Role::HeadOfDelegation) && may(ctx, Action::TakePosition))
        .then(|| principal.affiliation().state())
        .flatten()
}

/// A procedure as the reader sees it.
pub fn procedure_view(
    tr: &Tr<'_>,
    ctx: &Ctx,
    state: &Records,
    procedure: &Procedure,
    lang: Lang,
) -> ProcedureView {
    let records = state.secretariat();
    let open = procedure.outcome.is_none();
    let head = head_of(ctx).filter(|s| procedure.present.contains(s));
    let in_session = procedure.deadline.is_none();
    let chair = procedure
        .item
        .and_then(|(s, _)| records.session(s))
        .map(|s| s.chair);
    let positions = if in_session {
        procedure
            .present
            .iter()
            .map(|code| {
                let stated = procedure.positions.get(code);
                PositionRow {
                    state: state_name(tr, state, *code, lang),
                    position: stated.map_or_else(
                        || tr.t("position-not-stated"),
                        |p| view::position(tr, p, lang),
                    ),
                    stated: stated.is_some(),
                }
            })
            .collect()
    } else {
        // In silence, only a broken silence is a position.
        procedure
            .positions
            .iter()
            .map(|(code, p)| PositionRow {
                state: state_name(tr, state, *code, lang),
                position: view::position(tr, p, lang),
                stated: true,
            })
            .collect()
    };
    ProcedureView {
        id: procedure.id.0,
        rule: view::rule(tr, procedure.rule),
        version: procedure.version,
        session: procedure.item.and_then(|(s, item)| {
            let session = records
                .session(s)
                .filter(|session| crate::secretariat::may_see_session(ctx, session))?;
            Some(Link {
                href: format!("/sessions/{s}"),
                label: tr.args(
                    "procedure-in-session",
                    &[
                        (
                            "session",
                            crate::i18n::Arg::Str(&super::localized(tr, &session.title, lang)),
                        ),
                        ("item", crate::i18n::Arg::Num(u64::from(item))),
                    ],
                ),
            })
        }),
        state: procedure_state(tr, state, procedure, lang),
        open,
        deadline: procedure.deadline.as_ref().map(|d| Deadline {
            zoned: zoned(d, true),
            utc: utc(d.utc()),
            instant: d.utc().to_string(),
        }),
        positions,
        decision: records.decision(procedure.id).map(|_| Link {
            href: format!("/decisions/{}", procedure.id),
            label: tr.a("decision-link", "id", &procedure.id.to_string()),
        }),
        may_state: open && in_session && head.is_some(),
        may_close: open
            && in_session
            && (may(ctx, Action::Prepare) || (head.is_some() && head == chair)),
        may_break: open && !in_session && head.is_some(),
    }
}

/// The procedure (whose document the reader may see), and the path of its document's page.
fn visible(app: &AppState, ctx: &Ctx, id: u64) -> Result<String, AppError> {
    let state = app.journal.state();
    let records = state.secretariat();
    let procedure = records
        .procedure(ProcedureId(id))
        .ok_or(AppError::NotFound)?;
    match records.document(procedure.document) {
        Some(doc) if may_see_document(ctx, doc) => {
            Ok(format!("/documents/{}#procedure-{id}", doc.id))
        }
        _ => Err(AppError::NotFound),
    }
}

/// A position from the form: `position` and, for those that carry one, `text.<lang>`.
fn position_from(f: &mut Fields, authentic: Lang) -> Option<Position> {
    let kind = f.required("position")?;
    Some(match kind.as_str() {
        "agree" => Position::Agree,
        "abstain" => Position::Abstain,
        "not_participating" => Position::NotParticipating,
        "agree_with_reservation" => Position::AgreeWithReservation {
            text: f.text("text", authentic)?,
        },
        "interpretative_statement" => Position::InterpretativeStatement {
            text: f.text("text", authentic)?,
        },
        "object" => Position::Object {
            reason: f.text("text", authentic)?,
        },
        _ => {
            f.invalid("position", "not a position");
            return None;
        }
    })
}

/// `POST /procedures/{id}/positions`: a head of delegation states the delegation's position.
pub async fn state_position(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::TakePosition, form)?;
    let to = visible(&app, &ctx, id)?;
    let position = position_from(&mut f, authentic(&app)?);
    f.finish()?;
    let command = SecretariatCommand::StatePosition {
        procedure: ProcedureId(id),
        position: position.ok_or_else(incomplete)?,
    };
    submit_and_back(&app, &ctx, command, &to).await
}

/// `POST /procedures/{id}/close`: the Secretariat (or the chair's head of delegation) closes a
/// procedure in session once every present state has spoken.
pub async fn close(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let action = if may(&ctx, Action::Prepare) {
        Action::Prepare
    } else {
        Action::TakePosition
    };
    Fields::read(&ctx, action, form)?;
    let to = visible(&app, &ctx, id)?;
    let command = SecretariatCommand::CloseProcedure {
        procedure: ProcedureId(id),
    };
    submit_and_back(&app, &ctx, command, &to).await
}

/// An amendment from `paragraph`, `op`, `text.<lang>` and `rationale.<lang>` against
/// `version`; `None` without an error when `optional` and no operation is chosen.
pub fn amendment_from(
    f: &mut Fields,
    authentic: Lang,
    version: u32,
    optional: bool,
) -> Option<AmendmentDraft> {
    if optional && f.get("op").is_none() {
        return None;
    }
    let paragraph = f.number::<u32>("paragraph");
    let op = match f.required("op").as_deref() {
        Some("delete") => Some(AmendmentOp::Delete),
        Some("insert") => f
            .text("text", authentic)
            .map(|text| AmendmentOp::Insert { text }),
        Some("replace") => f
            .text("text", authentic)
            .map(|text| AmendmentOp::Replace { text }),
        Some(_) => {
            f.invalid("op", "choose insert, replace or delete");
            None
        }
        None => None,
    };
    let rationale = f.text("rationale", authentic);
    Some(AmendmentDraft {
        version,
        paragraph: paragraph?,
        op: op?,
        rationale: rationale?,
    })
}

/// `POST /procedures/{id}/break`: a head of delegation breaks silence, perhaps with an
/// amendment.
pub async fn break_silence(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::TakePosition, form)?;
    let to = visible(&app, &ctx, id)?;
    let authentic = authentic(&app)?;
    let version = app
        .journal
        .state()
        .secretariat()
        .procedure(ProcedureId(id))
        .map_or(1, |p| p.version);
    let reason = f.text("reason", authentic);
    let amendment = amendment_from(&mut f, authentic, version, true);
    f.finish()?;
    let command = SecretariatCommand::BreakSilence {
        procedure: ProcedureId(id),
        reason: reason.ok_or_else(incomplete)?,
        amendment,
    };
    submit_and_back(&app, &ctx, command, &to).await
}
