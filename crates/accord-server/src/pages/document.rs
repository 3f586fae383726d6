//! A document's page: its particulars, a version's paragraphs with the languages side by side
//! (a missing translation marked, never filled in), the comparison of two versions, the
//! amendments, its procedures with their positions or deadline, and the forms of delegations
//! (amend) and the Secretariat (make a version, launch silence).

use accord_core::config::{DecisionRule, MemberStatus};
use accord_core::secretariat::model::{AmendmentStatus, Document, DocumentId};
use accord_core::{Action, Affiliation, Classification, Lang, State as Records};
use askama::Template;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use crate::access::{may_read, require};
use crate::app::AppState;
use crate::error::AppError;
use crate::i18n::{Tr, UiLang};
use crate::secretariat::{may_see_document, may_see_drafts, procedure_resource};
use crate::viewer::Ctx;

use super::compare::{Compared, compare};
use super::form::may;
use super::procedures::{ProcedureView, procedure_view};
use super::session::Link;
use super::view::{Choice, body_name, doc_status, doc_type, sponsor, state_name, wire};
use super::{Page, content_lang, here, localized, render};

/// A paragraph's row: its number and its text in each language (`None`: no translation).
#[derive(Debug)]
pub struct ParagraphRow {
    /// Its number.
    pub number: usize,
    /// Its text per official language, in the order of the columns.
    pub cells: Vec<(String, Option<String>)>,
}

/// An amendment's row.
#[derive(Debug)]
pub struct AmendmentRow {
    /// Its number.
    pub id: u64,
    /// The proposing state.
    pub state: String,
    /// The version it is against.
    pub version: u32,
    /// The paragraph.
    pub paragraph: u32,
    /// Insert, replace or delete, in words.
    pub op: String,
    /// The proposed text.
    pub text: Option<String>,
    /// Why.
    pub rationale: String,
    /// Where it stands.
    pub status: String,
    /// Whether it waits for the next version.
    pub pending: bool,
}

/// The comparison shown.
#[derive(Debug)]
pub struct Comparison {
    /// The older version.
    pub from: u32,
    /// The newer version.
    pub to: u32,
    /// The language compared.
    pub lang: String,
    /// The heading, in words.
    pub heading: String,
    /// The paragraphs.
    pub paragraphs: Vec<Compared>,
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage<'a> {
    page: Page<'a>,
    id: u64,
    title: String,
    doc_type: String,
    forum: Option<String>,
    sponsor: String,
    body: String,
    status: String,
    classification: String,
    languages: Vec<(String, String)>,
    versions: Vec<(Link, bool)>,
    shown: u32,
    current: u32,
    made: String,
    rows: Vec<ParagraphRow>,
    comparison: Option<Comparison>,
    pairs: Vec<Choice>,
    amendments: Vec<AmendmentRow>,
    procedures: Vec<ProcedureView>,
    decision: Option<Link>,
    propose: bool,
    paragraph_choices: Vec<Choice>,
    prepare: bool,
    silence: bool,
    zone: String,
    shape: String,
    deliveries: super::deliveries::Deliveries,
}

/// The query: another version, or a comparison of two in one language.
#[derive(Debug, Deserialize)]
pub struct DocumentQuery {
    version: Option<u32>,
    compare: Option<String>,
    lang: Option<String>,
}

/// The zone forms offer first: the organisation's own, else UTC.
pub fn form_zone(state: &Records) -> String {
    crate::publications::home_zone(state).map_or_else(|| "UTC".to_owned(), |z| z.zone.clone())
}

/// A language's name in the reader's language (its tag when the interface does not speak it).
pub fn lang_name(tr: &Tr<'_>, lang: Lang) -> String {
    match UiLang::parse(lang.as_str()) {
        Some(ui) => tr.t(&format!("lang-name-{}", ui.code())),
        None => lang.as_str().to_owned(),
    }
}

/// A document the reader may see, or 404.
pub fn visible(ctx: &Ctx, state: &Records, id: u64) -> Result<(), AppError> {
    match state.secretariat().document(DocumentId(id)) {
        Some(d) if may_see_document(ctx, d) => Ok(()),
        _ => Err(AppError::NotFound),
    }
}

/// Whether the reader is a delegate or head of a member state's delegation.
fn member_delegation(ctx: &Ctx, state: &Records) -> bool {
    match ctx.viewer.principal.affiliation() {
        Affiliation::Delegation { state: code } => state
            .state(*code)
            .is_some_and(|s| s.status == MemberStatus::Member),
        _ => false,
    }
}

fn comparison(
    tr: &Tr<'_>,
    doc: &Document,
    spec: &str,
    lang: Option<Lang>,
    official: &[Lang],
) -> Option<Comparison> {
    let (a, b) = spec.split_once(',')?;
    let (a, b) = (a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?);
    let lang = lang.or_else(|| official.first().copied())?;
    let (old, new) = (doc.version(a)?, doc.version(b)?);
    let texts = |v: &accord_core::secretariat::model::Version| -> Vec<String> {
        v.paragraphs
            .iter()
            .map(|p| p.get(lang).unwrap_or_default().to_owned())
            .collect()
    };
    let (old, new) = (texts(old), texts(new));
    let old: Vec<&str> = old.iter().map(String::as_str).collect();
    let new: Vec<&str> = new.iter().map(String::as_str).collect();
    Some(Comparison {
        from: a,
        to: b,
        lang: lang.as_str().to_owned(),
        heading: tr.args(
            "document-comparing",
            &[
                ("from", crate::i18n::Arg::Num(u64::from(a))),
                ("to", crate::i18n::Arg::Num(u64::from(b))),
                ("lang", crate::i18n::Arg::Str(&lang_name(tr, lang))),
            ],
        ),
        paragraphs: compare(&old, &new),
    })
}

fn amendment_row(
    tr: &Tr<'_>,
    state: &Records,
    a: &accord_core::secretariat::model::Amendment,
    lang: Lang,
) -> AmendmentRow {
    AmendmentRow {
        id: a.id.0,
        state: state_name(tr, state, a.state, lang),
        version: a.version,
        paragraph: a.paragraph,
        op: tr.t(&format!("amendment-op-{}", a.op.as_str())),
        text: a.op.text().map(|t| localized(tr, t, lang)),
        rationale: localized(tr, &a.rationale, lang),
        status: match a.status {
            AmendmentStatus::Pending => tr.t("amendment-pending"),
            AmendmentStatus::Accepted { version } => {
                tr.a("amendment-accepted", "version", &version.to_string())
            }
            AmendmentStatus::Rejected { version } => {
                tr.a("amendment-rejected", "version", &version.to_string())
            }
        },
        pending: a.status == AmendmentStatus::Pending,
    }
}

/// `GET /documents/{id}[?version=N | ?compare=A,B&lang=ru]`.
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<u64>,
    Query(query): Query<DocumentQuery>,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Public)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let page = {
        let state = app.journal.state();
        visible(&ctx, &state, id)?;
        let config = state.config().ok_or(AppError::NotFound)?;
        let records = state.secretariat();
        let doc = records.document(DocumentId(id)).ok_or(AppError::NotFound)?;
        let official = config.official_languages();
        let current = doc.current().map_or(1, |v| v.number);
        // Without the drafting history, only the adopted (current) text is shown.
        let drafts = may_see_drafts(&ctx, doc);
        let shown = query.version.unwrap_or(current);
        if !drafts && shown != current {
            return Err(AppError::NotFound);
        }
        let version = doc.version(shown).ok_or(AppError::NotFound)?;
        let compare_lang = query.lang.as_deref().and_then(|l| Lang::parse(l).ok());
        let comparison = query
            .compare
            .as_deref()
            .filter(|_| drafts)
            .and_then(|spec| comparison(&tr, doc, spec, compare_lang.or(Some(lang)), official));
        let open = doc.adopted_by.is_none() && doc.open_procedure.is_none();
        let body = config.body(&doc.body);
        let mut pairs = Vec::new();
        for b in (2..=current).filter(|_| drafts) {
            for a in 1..b {
                pairs.push(Choice::new(
                    format!("{a},{b}"),
                    tr.args(
                        "document-compare-pair",
                        &[
                            ("from", crate::i18n::Arg::Num(u64::from(a))),
                            ("to", crate::i18n::Arg::Num(u64::from(b))),
                        ],
                    ),
                ));
            }
        }
        DocumentPage {
            page: Page::new(&app, &ctx, &here(&uri), localized(&tr, &doc.title, lang)).live(),
            id,
            title: localized(&tr, &doc.title, lang),
            doc_type: doc_type(&tr, doc.doc_type),
            forum: doc.forum.map(|f| tr.t(&format!("forum-{}", wire(&f)))),
            sponsor: sponsor(&tr, &state, &doc.sponsor, lang),
            body: body_name(&tr, &state, &doc.body, lang),
            status: doc_status(&tr, doc),
            classification: tr.t(&format!(
                "class-{}",
                doc.effective_classification().as_str()
            )),
            languages: official
                .iter()
                .map(|l| (l.as_str().to_owned(), lang_name(&tr, *l)))
                .collect(),
            versions: doc
                .versions
                .iter()
                .filter(|v| drafts || v.number == current)
                .map(|v| {
                    let link = Link {
                        href: format!("/documents/{id}?version={}", v.number),
                        label: tr.a("document-version", "number", &v.number.to_string()),
                    };
                    (link, v.number == shown && query.compare.is_none())
                })
                .collect(),
            shown,
            current,
            made: super::view::utc(version.made_at),
            rows: version
                .paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| ParagraphRow {
                    number: i + 1,
                    cells: official
                        .iter()
                        .map(|l| (l.as_str().to_owned(), p.get(*l).map(str::to_owned)))
                        .collect(),
                })
                .collect(),
            comparison,
            pairs,
            amendments: records
                .amendments_of(doc)
                .into_iter()
                .filter(|_| drafts)
                .map(|a| amendment_row(&tr, &state, a, lang))
                .collect(),
            procedures: doc
                .procedures
                .iter()
                .rev()
                .filter_map(|p| records.procedure(*p))
                .filter(|p| may_read(&ctx, &procedure_resource(p)))
                .map(|p| procedure_view(&tr, &ctx, &state, p, lang))
                .collect(),
            decision: doc.adopted_by.map(|d| Link {
                href: format!("/decisions/{d}"),
                label: tr.a("decision-link", "id", &d.to_string()),
            }),
            propose: open && may(&ctx, Action::Propose) && member_delegation(&ctx, &state),
            paragraph_choices: (0..=doc.current().map_or(0, |v| v.paragraphs.len()))
                .map(|n| {
                    Choice::new(
                        n,
                        if n == 0 {
                            tr.t("amendment-at-start")
                        } else {
                            n.to_string()
                        },
                    )
                })
                .collect(),
            prepare: open && may(&ctx, Action::Prepare),
            silence: body.is_some_and(|b| b.rules.contains(&DecisionRule::Silence)),
            zone: form_zone(&state),
            deliveries: super::deliveries::of(&tr, &ctx, &state, doc, lang),
            // What changes the forms: a live update replaces the whole page when it changes.
            shape: format!(
                "{current}-{}-{}-{}-{}",
                records
                    .amendments_of(doc)
                    .iter()
                    .filter(|a| a.status == AmendmentStatus::Pending)
                    .count(),
                doc.procedures.len(),
                u8::from(doc.open_procedure.is_some()),
                u8::from(doc.adopted_by.is_some())
            ),
        }
    };
    render(StatusCode::OK, &page)
}
