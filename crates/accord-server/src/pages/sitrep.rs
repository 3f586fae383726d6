//! A situation report's page: its number, kind, period, who prepared and authorised it, the
//! next report's time, and its situation, actions and needs in both languages side by side (or
//! in the reader's alone).

use accord_core::crisis::model::IncidentId;
use accord_core::{Action, Classification, Lang};
use askama::Template;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use crate::access::require;
use crate::app::AppState;
use crate::crisis::words::{actor, label};
use crate::crisis::{may_see_incident, may_see_sitrep};
use crate::error::AppError;
use crate::viewer::Ctx;

use super::view::utc;
use super::{Page, content_lang, here, localized, render};

/// One part of a report in each language shown.
#[derive(Debug)]
pub struct Part {
    /// Its heading.
    pub heading: String,
    /// Its text per language shown: the language tag and the text (empty when missing).
    pub texts: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "sitrep.html")]
struct SitrepPage<'a> {
    page: Page<'a>,
    incident: u64,
    incident_open: bool,
    incident_title: String,
    kind: String,
    period: String,
    prepared_by: String,
    authorised_by: String,
    issued: String,
    next_due: Option<String>,
    releasable: bool,
    languages: Vec<(String, String)>,
    parts: Vec<Part>,
    only: bool,
}

/// The report's view: both languages, or `?only=mine`.
#[derive(Debug, Deserialize)]
pub struct View {
    only: Option<String>,
}

/// `GET /incidents/{id}/sitreps/{n}`.
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, number)): Path<(u64, u32)>,
    Query(view): Query<View>,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let only = view.only.is_some();
    let page = {
        let state = app.journal.state();
        // A report may be released where its incident is not (a partner state's protocol):
        // the report decides, and the incident is linked only for those who may open it.
        let incident = state
            .crisis()
            .incident(IncidentId(id))
            .ok_or(AppError::NotFound)?;
        let sitrep = number
            .checked_sub(1)
            .and_then(|i| incident.sitreps.get(i as usize))
            .filter(|s| may_see_sitrep(&ctx, &state, incident, s))
            .ok_or(AppError::NotFound)?;
        let languages: Vec<Lang> = if only {
            vec![lang]
        } else {
            state
                .config()
                .map(|c| c.official_languages().to_vec())
                .unwrap_or_else(|| vec![lang])
        };
        let part = |heading: &str, text: &accord_core::Text| Part {
            heading: tr.t(heading),
            texts: languages
                .iter()
                .map(|l| {
                    let shown = if only {
                        localized(&tr, text, *l)
                    } else {
                        text.get(*l).map_or_else(
                            || tr.a("missing-translation", "lang", l.as_str()),
                            str::to_owned,
                        )
                    };
                    (l.as_str().to_owned(), shown)
                })
                .collect(),
        };
        SitrepPage {
            page: Page::new(
                &app,
                &ctx,
                &here(&uri),
                tr.args(
                    "sitrep-title",
                    &[("number", crate::i18n::Arg::Num(u64::from(number)))],
                ),
            ),
            incident: id,
            incident_open: may_see_incident(&ctx, incident),
            incident_title: localized(&tr, &incident.title, lang),
            kind: label(&tr, "crisis-sitrep", &sitrep.kind),
            period: format!("{} – {}", utc(sitrep.from), utc(sitrep.to)),
            prepared_by: actor(&tr, &sitrep.prepared_by),
            authorised_by: actor(&tr, &sitrep.authorised_by),
            issued: utc(sitrep.issued_at),
            next_due: sitrep.next_due.map(utc),
            releasable: sitrep.releasable,
            languages: languages
                .iter()
                .map(|l| {
                    (
                        l.as_str().to_owned(),
                        tr.t(&format!("lang-name-{}", l.as_str())),
                    )
                })
                .collect(),
            parts: vec![
                part("field-situation", &sitrep.situation),
                part("field-actions", &sitrep.actions),
                part("field-needs", &sitrep.needs),
            ],
            only,
        }
    };
    render(StatusCode::OK, &page)
}
