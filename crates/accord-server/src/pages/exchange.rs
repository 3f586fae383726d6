//! Exchange agreements with partner organisations: each with its terms and everything released
//! under it (what went, when), a link to the partner's feed, and the officers' forms to make
//! one and to end one (asking first).

use accord_core::crisis::CrisisCommand;
use accord_core::crisis::exchange::{AgreementId, Released, Terms};
use accord_core::crisis::model::{IncidentType, Severity};
use accord_core::{Action, Classification, Lang, PartnerId};
use askama::Template;
use axum::extract::{OriginalUri, Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::api::forces::feed_href;
use crate::app::AppState;
use crate::crisis::may_see_agreement;
use crate::crisis::words::{INCIDENT_TYPES, SEVERITIES, actor, choices, label};
use crate::error::AppError;
use crate::viewer::Ctx;

use super::form::{Fields, RawForm, incomplete, may};
use super::incidents::{partner_choices, submit_back, wire_field};
use super::view::{Choice, from_wire, utc};
use super::{Page, content_lang, here, localized, render};

/// CAP's categories, as CAP spells them.
const CATEGORIES: [&str; 12] = [
    "Geo",
    "Met",
    "Safety",
    "Security",
    "Rescue",
    "Fire",
    "Health",
    "Env",
    "Transport",
    "Infra",
    "CBRNE",
    "Other",
];

/// An agreement as the page shows it.
#[derive(Debug)]
pub struct AgreementView {
    /// Its number.
    pub id: u64,
    /// The partner's name.
    pub partner: String,
    /// Its terms in words.
    pub terms: Vec<(String, String)>,
    /// Who made it, when.
    pub made: String,
    /// When it ended.
    pub ended: Option<String>,
    /// The partner's feed.
    pub feed: String,
    /// What was released: when, and what.
    pub releases: Vec<(String, String, Option<String>)>,
}

#[derive(Template)]
#[template(path = "exchange.html")]
struct ExchangePage<'a> {
    page: Page<'a>,
    agreements: Vec<AgreementView>,
    run: bool,
    partners: Vec<Choice>,
    categories: Vec<&'static str>,
    severities: Vec<Choice>,
    types: Vec<Choice>,
    languages: Vec<Choice>,
    shape: String,
}

/// `GET /exchange`: the agreements the reader may see (a partner: its own).
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::OpenWorkspace, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let page = {
        let state = app.journal.state();
        let crisis = state.crisis();
        let partner_name = |id: &PartnerId| {
            state
                .status()
                .organisation(id)
                .map_or_else(|| id.to_string(), |p| localized(&tr, &p.name, lang))
        };
        let agreements: Vec<AgreementView> = crisis
            .agreements()
            .values()
            .rev()
            .filter(|a| may_see_agreement(&ctx, a))
            .map(|a| {
                let t = &a.terms;
                let types = t
                    .incident_types
                    .iter()
                    .map(|k| label(&tr, "crisis-type", k))
                    .collect::<Vec<_>>()
                    .join(", ");
                AgreementView {
                    id: a.id.0,
                    partner: partner_name(&a.partner),
                    terms: vec![
                        (tr.t("exchange-categories"), t.categories.join(", ")),
                        (
                            tr.t("exchange-min-severity"),
                            label(&tr, "crisis-severity", &t.min_severity),
                        ),
                        (
                            tr.t("exchange-sitreps"),
                            if t.sitreps {
                                types
                            } else {
                                tr.t("exchange-no-sitreps")
                            },
                        ),
                        (
                            tr.t("exchange-language"),
                            tr.t(&format!("lang-name-{}", t.language.as_str())),
                        ),
                    ],
                    made: tr.args(
                        "exchange-made",
                        &[
                            ("by", crate::i18n::Arg::Str(&actor(&tr, &a.made_by))),
                            ("at", crate::i18n::Arg::Str(&utc(a.made_at))),
                        ],
                    ),
                    ended: a.ended_at.map(utc),
                    feed: feed_href(a.id),
                    releases: a
                        .releases
                        .iter()
                        .map(|r| match &r.item {
                            Released::Alert { alert, key, .. } => (
                                utc(r.at),
                                tr.a("exchange-released-alert", "key", &key.to_string()),
                                Some(format!("/alerts/{alert}")),
                            ),
                            Released::Sitrep {
                                incident,
                                title,
                                sitrep,
                            } => (
                                utc(r.at),
                                tr.args(
                                    "exchange-released-sitrep",
                                    &[
                                        ("number", crate::i18n::Arg::Num(u64::from(sitrep.number))),
                                        (
                                            "title",
                                            crate::i18n::Arg::Str(&localized(&tr, title, lang)),
                                        ),
                                    ],
                                ),
                                Some(format!("/incidents/{incident}/sitreps/{}", sitrep.number)),
                            ),
                        })
                        .collect(),
                }
            })
            .collect();
        let shape = agreements
            .iter()
            .map(|a| {
                format!(
                    "{}{}{}",
                    a.id,
                    a.releases.len(),
                    u8::from(a.ended.is_some())
                )
            })
            .collect::<Vec<_>>()
            .join("-");
        ExchangePage {
            page: Page::new(&app, &ctx, &here(&uri), tr.t("exchange-title")).live(),
            agreements,
            run: may(&ctx, Action::RunCrisis),
            partners: partner_choices(&tr, &state, lang),
            categories: CATEGORIES.to_vec(),
            severities: choices(&tr, "crisis-severity", &SEVERITIES),
            types: choices(&tr, "crisis-type", &INCIDENT_TYPES),
            languages: state
                .config()
                .map(|c| {
                    c.official_languages()
                        .iter()
                        .map(|l| {
                            Choice::new(l.as_str(), tr.t(&format!("lang-name-{}", l.as_str())))
                        })
                        .collect()
                })
                .unwrap_or_default(),
            shape,
        }
    };
    render(StatusCode::OK, &page)
}

/// `POST /exchange`: an officer makes an agreement.
pub async fn make(
    State(app): State<AppState>,
    ctx: Ctx,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::RunCrisis, form)?;
    let partner = f.parsed("partner", PartnerId::parse);
    let categories: Vec<String> = f.all("categories").into_iter().map(str::to_owned).collect();
    let min_severity = wire_field::<Severity>(&mut f, "min_severity");
    let mut incident_types = Vec::new();
    for name in f
        .all("incident_types")
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>()
    {
        match from_wire::<IncidentType>(&name) {
            Some(t) => incident_types.push(t),
            None => f.invalid("incident_types", "not one of the choices offered"),
        }
    }
    let sitreps = f.get("sitreps").is_some();
    let language = f.parsed("language", Lang::parse);
    f.finish()?;
    let (Some(partner), Some(min_severity), Some(language)) = (partner, min_severity, language)
    else {
        return Err(incomplete());
    };
    let command = CrisisCommand::MakeAgreement {
        partner,
        terms: Terms {
            categories,
            min_severity,
            incident_types,
            sitreps,
            language,
        },
    };
    submit_back(&app, &ctx, command, "/exchange").await
}

/// `POST /exchange/{id}/end`: an officer ends an agreement.
pub async fn end(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    form: RawForm,
) -> Result<Response, AppError> {
    let mut f = Fields::read(&ctx, Action::RunCrisis, form)?;
    f.finish()?;
    let command = CrisisCommand::EndAgreement {
        agreement: AgreementId(id),
    };
    submit_back(&app, &ctx, command, &format!("/exchange#agreement-{id}")).await
}
