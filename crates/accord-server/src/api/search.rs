//! `GET /api/v1/search`: full-text search over what the reader may read (see
//! [`crate::search`]).

use accord_search::{Found, Snippet};
use axum::Json;
use axum::extract::{Query, State};
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::AppState;
use crate::error::AppError;
use crate::search::SearchParams;
use crate::viewer::Ctx;

/// The answer: the items found, best first.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchAnswer {
    /// The items found.
    pub hits: Vec<HitJson>,
}

/// An item found.
#[derive(Debug, Serialize, ToSchema)]
pub struct HitJson {
    /// `document`, `decision`, `incident` or `sitrep`.
    pub kind: String,
    /// Its key (`document:3`, `sitrep:2:1`).
    pub item: String,
    /// Its page.
    pub url: String,
    /// Its date (a document's latest version, a decision's effect, an incident's opening, a
    /// report's issue), `YYYY-MM-DDTHH:MM:SSZ`.
    pub date: String,
    /// Its body, for documents and decisions.
    pub body: Option<String>,
    /// Its texts: those that matched first, then its other languages.
    pub versions: Vec<VersionJson>,
}

/// One language's text of an item found.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionJson {
    /// Its language tag.
    pub lang: String,
    /// `current`, or `history` for a document's earlier version.
    pub part: String,
    /// Whether the words were found in it.
    pub matched: bool,
    /// Its page.
    pub url: String,
    /// The title, in pieces.
    pub title: Vec<Segment>,
    /// A passage of the text around the words found, in pieces.
    pub snippet: Vec<Segment>,
}

/// A piece of a title or passage; `mark` when it is a word found.
#[derive(Debug, Serialize, ToSchema)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// Whether it is a word found.
    pub mark: bool,
}

fn segments(snippet: &Snippet) -> Vec<Segment> {
    snippet
        .segments()
        .into_iter()
        .map(|(text, mark)| Segment {
            text: text.to_owned(),
            mark,
        })
        .collect()
}

impl From<&Found> for SearchAnswer {
    fn from(found: &Found) -> Self {
        SearchAnswer {
            hits: found
                .hits
                .iter()
                .map(|hit| HitJson {
                    kind: hit.kind.as_str().to_owned(),
                    item: hit.item.clone(),
                    url: hit.url.clone(),
                    date: hit.date.to_string(),
                    body: hit.body.as_ref().map(|b| b.as_str().to_owned()),
                    versions: hit
                        .versions
                        .iter()
                        .map(|v| VersionJson {
                            lang: v.lang.as_str().to_owned(),
                            part: v.part.as_str().to_owned(),
                            matched: v.matched,
                            url: v.url.clone(),
                            title: segments(&v.title),
                            snippet: segments(&v.snippet),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Searches documents (their latest versions; earlier versions for those who may read drafts),
/// decisions, incidents and situation reports in every language, as the reader: every hit is
/// one the access policy lets the reader read. Open to everyone (the public finds what is
/// public).
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchParams),
    responses((status = 200, body = SearchAnswer),
        (status = 422, body = crate::error::Problem, description = "A bad parameter, named in `errors[].field`")))]
pub async fn search(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(params): Query<SearchParams>,
) -> Result<Json<SearchAnswer>, AppError> {
    let query = params.query(&app.journal.state())?;
    let found = app
        .search
        .answer(&app.journal, &ctx.viewer.principal, &query)?;
    Ok(Json(SearchAnswer::from(&found)))
}
