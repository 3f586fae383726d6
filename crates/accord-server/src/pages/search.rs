//! `/search`: full-text search for every reader (the public finds what is public): the form
//! with its filters, and the items found with the words marked in their titles and passages,
//! each in the languages the reader may read (see [`crate::search`]).

use accord_core::{Lang, State as OrgState};
use accord_search::{Kind, Part, Snippet};
use askama::Template;
use axum::extract::{OriginalUri, Query, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::app::AppState;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::search::SearchParams;
use crate::viewer::Ctx;

use super::document::lang_name;
use super::{Page, content_lang, here, render};

/// A choice of a select.
struct Choice {
    value: String,
    label: String,
}

/// An item found, as shown.
struct HitView {
    kind: String,
    date: String,
    body: Option<String>,
    versions: Vec<VersionView>,
}

/// One language's text of an item found.
struct VersionView {
    lang: String,
    lang_name: String,
    matched: bool,
    earlier: bool,
    url: String,
    title: Vec<(String, bool)>,
    snippet: Vec<(String, bool)>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    page: Page<'a>,
    q: String,
    kind: String,
    body: String,
    from: String,
    to: String,
    lang: String,
    kinds: Vec<Choice>,
    bodies: Vec<Choice>,
    langs: Vec<Choice>,
    searched: bool,
    hits: Vec<HitView>,
}

fn pieces(snippet: &Snippet) -> Vec<(String, bool)> {
    snippet
        .segments()
        .into_iter()
        .map(|(text, mark)| (text.to_owned(), mark))
        .collect()
}

fn kind_label(tr: &Tr<'_>, kind: Kind) -> String {
    tr.t(&format!("search-kind-{}", kind.as_str()))
}

fn choices(tr: &Tr<'_>, state: &OrgState, ui: Lang) -> (Vec<Choice>, Vec<Choice>, Vec<Choice>) {
    let kinds = Kind::ALL
        .into_iter()
        .map(|k| Choice {
            value: k.as_str().to_owned(),
            label: kind_label(tr, k),
        })
        .collect();
    let bodies = state
        .config()
        .map(|c| {
            c.bodies()
                .iter()
                .map(|b| Choice {
                    value: b.id.as_str().to_owned(),
                    label: b.name.localized(ui).text().to_owned(),
                })
                .collect()
        })
        .unwrap_or_default();
    let langs = state
        .config()
        .map(|c| {
            c.official_languages()
                .iter()
                .map(|l| Choice {
                    value: l.as_str().to_owned(),
                    label: lang_name(tr, *l),
                })
                .collect()
        })
        .unwrap_or_default();
    (kinds, bodies, langs)
}

/// `GET /search?q=&kind=&body=&from=&to=&lang=`.
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
    Query(params): Query<SearchParams>,
) -> Result<Response, AppError> {
    let state = app.journal.state();
    let query = params.query(&state)?;
    let tr = app.catalog.tr(ctx.lang);
    let ui = content_lang(ctx.lang);
    let searched = !query.words.is_empty();
    let found = if searched {
        app.search
            .answer(&app.journal, &ctx.viewer.principal, &query)?
    } else {
        accord_search::Found::default()
    };
    let body_name = |id: &accord_core::BodyId| {
        state.config().and_then(|c| c.body(id)).map_or_else(
            || id.as_str().to_owned(),
            |b| b.name.localized(ui).text().to_owned(),
        )
    };
    let hits = found
        .hits
        .iter()
        .map(|hit| HitView {
            kind: kind_label(&tr, hit.kind),
            date: hit.date.date().to_string(),
            body: hit.body.as_ref().map(&body_name),
            versions: hit
                .versions
                .iter()
                .map(|v| VersionView {
                    lang: v.lang.as_str().to_owned(),
                    lang_name: lang_name(&tr, v.lang),
                    matched: v.matched,
                    earlier: v.part == Part::History,
                    url: v.url.clone(),
                    title: pieces(&v.title),
                    snippet: pieces(&v.snippet),
                })
                .collect(),
        })
        .collect();
    let (kinds, bodies, langs) = choices(&tr, &state, ui);
    let title = if searched {
        tr.a("search-title-for", "q", &query.words.join(" "))
    } else {
        tr.t("search-title")
    };
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let page = SearchPage {
        page: Page::new(&app, &ctx, &here(&uri), title),
        q: value(&params.q),
        kind: value(&params.kind),
        body: value(&params.body),
        from: value(&params.from),
        to: value(&params.to),
        lang: value(&params.lang),
        kinds,
        bodies,
        langs,
        searched,
        hits,
    };
    render(StatusCode::OK, &page)
}
