//! The chairmanship: past, current and next chairs with the periods of their terms and their
//! priorities, computed from the configured order and term (the hand-over needs no entry in
//! the log); and the Secretariat's form to link a chair's priorities.

use accord_core::secretariat::model::DocumentId;
use accord_core::status::StatusCommand;
use accord_core::{Action, Classification, Date};
use askama::Template;
use axum::extract::{OriginalUri, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::app::AppState;
use crate::error::AppError;
use crate::secretariat::may_see_document;
use crate::status::{submit, terms};
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, back, incomplete, may};
use super::session::Link;
use super::view::state_name;
use super::{Page, content_lang, here, localized, render};

/// A term as the page shows it.
#[derive(Debug)]
pub struct TermRow {
    /// Past, current or next, in words.
    pub when: String,
    /// Whether it is the current term.
    pub current: bool,
    /// The chairing state.
    pub chair: String,
    /// From its first day to its last.
    pub period: String,
    /// Its priorities' document, if linked (its number alone when the reader may not see it).
    pub priorities: Option<Link>,
}

#[derive(Template)]
#[template(path = "chairmanship.html")]
struct ChairmanshipPage<'a> {
    page: Page<'a>,
    intro: String,
    terms: Vec<TermRow>,
    prepare: bool,
    today: String,
}

/// The last day of a term ending (exclusive) on `end`.
fn last_day(end: Date) -> String {
    accord_core::Timestamp::from_unix_seconds(end.start().unix_seconds() - 1)
        .map_or_else(|_| end.to_string(), |t| t.date().to_string())
}

/// `GET /chairmanship`.
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
        let years = state.config().map_or(1, |c| c.chairmanship().term_years);
        let rows = terms(&state, today, 3, 2)
            .into_iter()
            .map(|(term, when, priorities)| TermRow {
                when: tr.t(&format!("chair-when-{}", when.as_str())),
                current: when == crate::status::When::Current,
                chair: state_name(&tr, &state, term.chair, lang),
                period: format!("{} – {}", term.start, last_day(term.end)),
                priorities: priorities.map(|d| Link {
                    href: format!("/documents/{d}"),
                    label: state
                        .secretariat()
                        .document(d)
                        .filter(|doc| may_see_document(&ctx, doc))
                        .map_or_else(
                            || tr.a("chair-document", "id", &d.to_string()),
                            |doc| localized(&tr, &doc.title, lang),
                        ),
                }),
            })
            .collect();
        ChairmanshipPage {
            page: Page::new(&app, &ctx, &here(&uri), tr.t("chair-title")).live(),
            intro: tr.a("chair-intro", "years", &years.to_string()),
            terms: rows,
            prepare: may(&ctx, Action::Prepare),
            today: today.to_string(),
        }
    };
    render(StatusCode::OK, &page)
}

/// `POST /chairmanship/priorities`: link a chair's priorities to the term of a date.
pub async fn set_priorities(
    State(app): State<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::Prepare, form)?;
    let term_of = f.parsed("term_of", Date::parse);
    let document = f.number::<u64>("document");
    f.finish()?;
    let (Some(term_of), Some(document)) = (term_of, document) else {
        return Err(incomplete());
    };
    let command = StatusCommand::SetChairPriorities {
        term_of,
        document: DocumentId(document),
    };
    submit(&app, &ctx, command).await?;
    Ok(back("/chairmanship"))
}
