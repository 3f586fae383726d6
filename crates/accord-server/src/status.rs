//! What the API and the pages share about status applications, the chairmanship and forum
//! deliveries: who may see applications (through the policy), the chair's terms around a date
//! with their priorities, and submitting a status command for the reader.

use accord_core::config::Term;
use accord_core::secretariat::model::DocumentId;
use accord_core::status::{Applicant, Application, StatusCommand};
use accord_core::{Classification, CommandPayload, Date, PartnerId, Resource, State, StateCode};
use accord_store::Receipt;

use crate::access::may_read;
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::viewer::Ctx;

/// Applications are restricted records: member delegations and staff read them.
pub fn may_see_applications(ctx: &Ctx) -> bool {
    may_read(ctx, &Resource::classified(Classification::Restricted))
}

/// Whether the reader may see a partnership protocol: restricted, released to its partner
/// state (as its `protocol.recorded` entry is).
pub fn may_see_protocol(ctx: &Ctx, protocol: &accord_core::status::Protocol) -> bool {
    let release = [accord_core::Recipient::State {
        state: protocol.state,
    }];
    may_read(
        ctx,
        &Resource {
            classification: Classification::Restricted,
            release: &release,
        },
    )
}

/// An application the reader may see, or 404.
pub fn visible_application(state: &State, ctx: &Ctx, id: u64) -> Result<Application, AppError> {
    if !may_see_applications(ctx) {
        return Err(AppError::NotFound);
    }
    state
        .status()
        .application(accord_core::status::ApplicationId(id))
        .cloned()
        .ok_or(AppError::NotFound)
}

/// The applicant a form or a request names: a state's code (`state`, any case) or an
/// organisation's id (`organisation`), exactly one; else the field at fault and why.
pub fn applicant(state: Option<&str>, organisation: Option<&str>) -> Result<Applicant, FieldError> {
    let wrong = |field: &str, message: String| FieldError {
        field: field.to_owned(),
        message,
    };
    match (state, organisation) {
        (Some(code), None) => StateCode::parse(&code.to_uppercase())
            .map(Applicant::State)
            .map_err(|e| wrong("state", e.to_string())),
        (None, Some(id)) => PartnerId::parse(id)
            .map(Applicant::Organisation)
            .map_err(|e| wrong("organisation", e.to_string())),
        (Some(_), Some(_)) => Err(wrong(
            "organisation",
            "a state or an organisation applies, not both: leave one empty".to_owned(),
        )),
        (None, None) => Err(wrong(
            "state",
            "name the applicant: a state's code or an organisation's id".to_owned(),
        )),
    }
}

/// Where a term stands against today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Ended.
    Past,
    /// Holds today.
    Current,
    /// Still to come.
    Next,
}

impl When {
    /// Its name: `past`, `current` or `next`.
    pub fn as_str(self) -> &'static str {
        match self {
            When::Past => "past",
            When::Current => "current",
            When::Next => "next",
        }
    }
}

/// The most past terms a listing goes back.
const MAX_PAST: i64 = 24;

/// The terms from `past` terms before today's (or back to the earliest term with recorded
/// priorities, at most [`MAX_PAST`]) to `ahead` after it, each with where it stands
/// and the document of its chair's priorities, if one was linked. The rotation is computed
/// from configuration; nothing is written to the log at a hand-over.
pub fn terms(
    state: &State,
    today: Date,
    past: i64,
    ahead: i64,
) -> Vec<(Term, When, Option<DocumentId>)> {
    let Some(config) = state.config() else {
        return Vec::new();
    };
    let chair = config.chairmanship();
    let current = chair.term_on(today).index;
    // Back to the earliest term whose priorities were recorded, at most `MAX_PAST` terms.
    let earliest = state
        .status()
        .priorities()
        .keys()
        .next()
        .map_or(current, |start| chair.term_on(*start).index);
    let past = past.max(current - earliest).min(MAX_PAST);
    (current - past..=current + ahead)
        .map(|index| {
            let term = chair.term(index);
            let when = match index.cmp(&current) {
                std::cmp::Ordering::Less => When::Past,
                std::cmp::Ordering::Equal => When::Current,
                std::cmp::Ordering::Greater => When::Next,
            };
            let priorities = state
                .status()
                .priorities()
                .get(&term.start)
                .filter(|(chair, _)| *chair == term.chair)
                .map(|(_, document)| *document);
            (term, when, priorities)
        })
        .collect()
}

/// Submits a status command as the reader; `decide` applies the policy and the rules, and a
/// refusal comes back as the rule it broke.
pub async fn submit(
    app: &AppState,
    ctx: &Ctx,
    command: StatusCommand,
) -> Result<Receipt, AppError> {
    crate::access::submit(app, ctx, CommandPayload::Status(command), Vec::new()).await
}
