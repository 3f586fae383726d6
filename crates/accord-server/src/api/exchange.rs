//! `GET /api/v1/exchange/{agreement}/feed.atom`: what an exchange agreement released to its
//! partner, as an Atom 1.0 feed (RFC 4287) for the partner's liaison officers. One entry per
//! release, newest first: an alert embeds its original CAP 1.2 XML (read from the blob store by
//! the hash the release names) as `application/cap+xml` content; a situation report is text.
//! Titles are in the agreement's language. Each release is an `exchange.released` entry in the
//! log, so a member can see exactly what went to whom.

use accord_core::crisis::exchange::{Agreement, AgreementId, Released};
use accord_core::policy::{Denial, can};
use accord_core::{Action, Affiliation, Classification, Recipient, Resource, Role, Timestamp};
use accord_ledger::Hash;
use accord_store::Store as _;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse as _, Response};
use serde::Deserialize;

use crate::access::decide;
use crate::app::AppState;
use crate::atom::{self, Content, Entry, Feed};
use crate::error::AppError;
use crate::i18n::{Tr, UiLang};
use crate::viewer::Ctx;

/// The most entries a page of the feed carries.
pub const PAGE: usize = 100;

/// Paging: `?before=N` gives the releases numbered below N (numbered from 1, oldest first).
#[derive(Debug, Deserialize)]
pub struct FeedQuery {
    before: Option<usize>,
}

/// The Atom feed of an agreement's releases.
#[utoipa::path(get, path = "/api/v1/exchange/{agreement}/feed.atom", tag = "alerts",
    params(("agreement" = u64, Path, description = "The agreement's number"),
        ("before" = Option<u64>, Query, description = "Only releases numbered below this (older pages)")),
    security(("bearer" = [])),
    responses((status = 200, content_type = "application/atom+xml", body = String,
            description = "Atom 1.0; each alert's CAP 1.2 XML embedded as application/cap+xml content"),
        (status = 401, body = crate::error::Problem),
        (status = 403, body = crate::error::Problem,
            description = "Readers of the organisation's records who are not the partner's liaison officers"),
        (status = 404, body = crate::error::Problem)))]
pub async fn feed(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(agreement): Path<String>,
    Query(query): Query<FeedQuery>,
) -> Result<Response, AppError> {
    let principal = &ctx.viewer.principal;
    let anonymous = ctx.viewer.account.is_none();
    let not_found = || {
        if anonymous {
            AppError::SignIn(Denial::NotSignedIn(Classification::Restricted))
        } else {
            AppError::NotFound
        }
    };
    let id = agreement
        .parse::<u64>()
        .map(AgreementId)
        .map_err(|_| not_found())?;
    let agreement = app
        .journal
        .state()
        .crisis()
        .agreement(id)
        .cloned()
        .ok_or_else(not_found)?;
    // Its releases are restricted records released to the partner: who may not read them
    // learns nothing of the agreement.
    let release = [Recipient::Partner {
        partner: agreement.partner.clone(),
    }];
    let resource = Resource {
        classification: Classification::Restricted,
        release: &release,
    };
    let decision = can(principal, Action::Read, &resource);
    if !decision.is_allowed() {
        return Err(if anonymous {
            decide(&ctx, decision).err().unwrap_or(AppError::NotFound)
        } else {
            AppError::NotFound
        });
    }
    // The feed is the partner's: the organisation's own readers see the releases in the log.
    let partners = matches!(
        principal.affiliation(),
        Affiliation::PartnerOrganisation { partner } if *partner == agreement.partner
    );
    if !partners || !principal.has(Role::Liaison) {
        return Err(AppError::Forbidden(Denial::RoleMissing(Role::Liaison)));
    }
    // Releases go to an organisation while it holds a status.
    if principal.standing().is_none() {
        return Err(AppError::Forbidden(Denial::NoStanding));
    }
    let lang = UiLang::parse(agreement.terms.language.as_str()).unwrap_or(ctx.lang);
    let tr = app.catalog.tr(lang);
    let body = write_feed(&app, &tr, &agreement, query.before).await?;
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// A release's entry content, owned until the feed is written.
enum Body {
    Cap { element: String },
    Text(String),
}

async fn write_feed(
    app: &AppState,
    tr: &Tr<'_>,
    agreement: &Agreement,
    before: Option<usize>,
) -> Result<String, AppError> {
    let lang = agreement.terms.language;
    let (org, partner, tag) = {
        let state = app.journal.state();
        let config = state.config().ok_or(AppError::NotFound)?;
        let org = config.short_name().localized(lang).text().to_owned();
        let partner = state.status().organisation(&agreement.partner).map_or_else(
            || agreement.partner.to_string(),
            |p| p.name.localized(lang).text().to_owned(),
        );
        // Ids are tag URIs (RFC 4151) under the log's origin, dated by the agreement.
        let origin = app.log_key.name().as_str();
        let authority = origin.split('/').next().unwrap_or(origin);
        let tag = format!(
            "tag:{authority},{}:{origin}/exchange/{}",
            agreement.made_at.date(),
            agreement.id
        );
        (org, partner, tag)
    };
    let count = agreement.releases.len();
    let end = before.map_or(count, |b| b.saturating_sub(1).min(count));
    let start = end.saturating_sub(PAGE);
    let mut rows = Vec::with_capacity(end - start);
    let page: Vec<_> = agreement
        .releases
        .iter()
        .skip(start)
        .take(end - start)
        .collect();
    for (offset, release) in page.into_iter().enumerate().rev() {
        let number = start + offset + 1;
        let (title, categories, body) = match &release.item {
            Released::Alert {
                alert, xml_hash, ..
            } => {
                let xml = read_alert(app, xml_hash).await?;
                let (title, categories) = alert_title(&xml, lang.as_str()).unwrap_or_else(|| {
                    let state = app.journal.state();
                    let summary = state.crisis().alert(*alert).map(|a| a.summary.clone());
                    summary.map_or_else(
                        || (String::new(), Vec::new()),
                        |s| (s.headline.unwrap_or(s.event), s.categories),
                    )
                });
                let element = atom::root_element(&xml).to_owned();
                (title, categories, Body::Cap { element })
            }
            Released::Sitrep {
                title,
                sitrep: report,
                ..
            } => {
                let incident = title.localized(lang).text().to_owned();
                let heading = tr.args(
                    "exchange-sitrep-title",
                    &[
                        ("incident", crate::i18n::Arg::Str(&incident)),
                        ("number", crate::i18n::Arg::Str(&report.number.to_string())),
                    ],
                );
                let text = format!(
                    "{}\n\n{}:\n{}\n\n{}:\n{}\n\n{}:\n{}",
                    tr.args(
                        "exchange-sitrep-period",
                        &[
                            ("from", crate::i18n::Arg::Str(&report.from.to_string())),
                            ("to", crate::i18n::Arg::Str(&report.to.to_string())),
                        ],
                    ),
                    tr.t("exchange-sitrep-situation"),
                    report.situation.localized(lang).text(),
                    tr.t("exchange-sitrep-actions"),
                    report.actions.localized(lang).text(),
                    tr.t("exchange-sitrep-needs"),
                    report.needs.localized(lang).text(),
                );
                (heading, Vec::new(), Body::Text(text))
            }
        };
        rows.push((number, release.at, title, categories, body));
    }
    let updated = agreement
        .releases
        .back()
        .map_or(agreement.made_at, |r| r.at);
    let path = format!("/api/v1/exchange/{}/feed.atom", agreement.id);
    let feed = Feed {
        id: tag.clone(),
        title: tr.args(
            "exchange-feed-title",
            &[
                ("org", crate::i18n::Arg::Str(&org)),
                ("partner", crate::i18n::Arg::Str(&partner)),
            ],
        ),
        subtitle: tr.a(
            "exchange-feed-subtitle",
            "agreement",
            &agreement.id.to_string(),
        ),
        lang: lang.as_str(),
        updated: updated.to_string(),
        author: org.clone(),
        self_href: match before {
            Some(b) => format!("{path}?before={b}"),
            None => path.clone(),
        },
        next_href: (start > 0).then(|| format!("{path}?before={}", start + 1)),
        entries: rows
            .iter()
            .map(|(number, at, title, categories, body)| Entry {
                id: format!("{tag}/release/{number}"),
                title: title.clone(),
                updated: stamp(*at),
                categories: categories.clone(),
                // The Centre's pages are not the partner's to read.
                alternate: None,
                content: match body {
                    Body::Cap { element } => Content::Xml {
                        media_type: "application/cap+xml",
                        element,
                    },
                    Body::Text(text) => Content::Text(text),
                },
            })
            .collect(),
    };
    Ok(atom::write(&feed))
}

fn stamp(at: Timestamp) -> String {
    at.to_string()
}

/// The original XML of a released alert, from the blob store.
async fn read_alert(app: &AppState, xml_hash: &str) -> Result<String, AppError> {
    let hash = xml_hash
        .strip_prefix("sha256:")
        .and_then(|hex| Hash::from_hex(hex).ok())
        .ok_or_else(|| AppError::Internal("a release names a malformed hash".into()))?;
    let blob = app
        .journal
        .store()
        .blob(&hash)
        .await?
        .ok_or_else(|| AppError::internal("a released alert's XML is missing", xml_hash))?;
    String::from_utf8(blob.bytes)
        .map_err(|e| AppError::internal("a released alert's XML is not UTF-8", e))
}

/// The title of an alert in `lang` (the headline, else the event, of the first info in that
/// language, else of the first info) and its categories.
fn alert_title(xml: &str, lang: &str) -> Option<(String, Vec<String>)> {
    let alert = accord_cap::parse(xml.as_bytes()).ok()?;
    let matches = |tag: &str| {
        tag.eq_ignore_ascii_case(lang)
            || tag
                .split('-')
                .next()
                .is_some_and(|primary| primary.eq_ignore_ascii_case(lang))
    };
    let info = alert
        .infos
        .iter()
        .find(|i| matches(i.language_or_default()))
        .or_else(|| alert.infos.first())?;
    let mut categories: Vec<String> = Vec::new();
    for c in alert.infos.iter().flat_map(|i| &i.categories) {
        let name = c.as_str().to_owned();
        if !categories.contains(&name) {
            categories.push(name);
        }
    }
    Some((
        info.headline.clone().unwrap_or_else(|| info.event.clone()),
        categories,
    ))
}
