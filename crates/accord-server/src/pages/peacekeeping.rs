//! Peacekeeping's pages for the organisation's insiders: `/peacekeeping` (the contingents of
//! the Peacekeeping Forces with their units, the mandates with their contingents and the
//! deployments of their units, and a summary of the training institutions) and
//! `/peacekeeping/training` (courses, intakes, trainees by state, certifications).

use accord_core::peacekeeping::deployments_under;
use accord_core::{Action, Classification};
use askama::Template;
use axum::extract::{OriginalUri, State as Extract};
use axum::http::StatusCode;
use axum::response::Response;

use crate::access::require;
use crate::app::AppState;
use crate::crisis::words::deployment_status;
use crate::error::AppError;
use crate::plans::{may_see_mandate, today};
use crate::viewer::Ctx;

use super::form::may;
use super::view::{Choice, member_choices, state_name};
use super::{Page, content_lang, here, localized, render};

/// A link with its words.
#[derive(Debug)]
pub struct Link {
    /// Where.
    pub href: String,
    /// Its words.
    pub label: String,
}

/// A contingent's line.
#[derive(Debug)]
pub struct ContingentRow {
    /// Its number.
    pub id: u64,
    /// Its name.
    pub name: String,
    /// The contributing state.
    pub state: String,
    /// How many people.
    pub personnel: u32,
    /// Its units.
    pub units: Vec<Link>,
    /// The day it was integrated.
    pub integrated_on: String,
    /// The decision integrating it.
    pub decision: Option<u64>,
}

/// A mandate's line.
#[derive(Debug)]
pub struct MandateRow {
    /// Its number.
    pub id: u64,
    /// Its title.
    pub title: String,
    /// Who gives it, with the resolution.
    pub authority: String,
    /// Under UN auspices, in words.
    pub un: String,
    /// Its period.
    pub period: String,
    /// In force today.
    pub in_force: bool,
    /// Its contingents.
    pub contingents: Vec<String>,
    /// The deployments of their units within its period.
    pub deployments: Vec<Link>,
}

/// An institution's summary.
#[derive(Debug)]
pub struct InstitutionRow {
    /// Its number.
    pub id: u64,
    /// Its name.
    pub name: String,
    /// Where.
    pub seat: String,
    /// Since when.
    pub established: String,
    /// How many courses.
    pub courses: usize,
    /// How many trainees in all its intakes.
    pub trainees: u32,
    /// How many certified.
    pub certified: u32,
}

#[derive(Template)]
#[template(path = "peacekeeping.html")]
struct PeacekeepingPage<'a> {
    page: Page<'a>,
    contingents: Vec<ContingentRow>,
    mandates: Vec<MandateRow>,
    institutions: Vec<InstitutionRow>,
    /// The contingent, unit and mandate forms, for those who may record peacekeeping.
    form: Option<OverviewForms>,
}

/// What the overview's forms offer.
#[derive(Debug)]
pub struct OverviewForms {
    /// The member states.
    pub members: Vec<Choice>,
    /// Every unit of the collective forces, by state.
    pub units: Vec<Choice>,
    /// The contingents, for a mandate.
    pub contingents: Vec<Choice>,
    /// A form per contingent to add one of its state's units not yet in a contingent.
    pub assign: Vec<AssignForm>,
    /// Today, the forms' default day.
    pub today: String,
}

/// The form adding a unit to one contingent.
#[derive(Debug)]
pub struct AssignForm {
    /// The contingent's number.
    pub id: u64,
    /// Its name.
    pub name: String,
    /// Its state's units not yet in a contingent.
    pub units: Vec<Choice>,
}

/// What the training page's forms offer.
#[derive(Debug)]
pub struct TrainingForms {
    /// The institutions, for a course.
    pub institutions: Vec<Choice>,
    /// The courses.
    pub courses: Vec<Choice>,
    /// The intakes, by course and period.
    pub intakes: Vec<Choice>,
    /// The member states.
    pub members: Vec<Choice>,
    /// Today, the forms' default day.
    pub today: String,
}

/// `GET /peacekeeping`.
pub async fn overview(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Restricted)?;
    let day = today()?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let state = app.journal.state();
    let records = state.peacekeeping();
    let contingents = records
        .contingents()
        .values()
        .map(|c| ContingentRow {
            id: c.id.0,
            name: localized(&tr, &c.name, lang),
            state: state_name(&tr, &state, c.state, lang),
            personnel: c.personnel,
            units: c
                .units
                .iter()
                .map(|u| Link {
                    href: format!("/units#unit-{u}"),
                    label: state
                        .crisis()
                        .unit(*u)
                        .map_or_else(|| u.to_string(), |unit| localized(&tr, &unit.name, lang)),
                })
                .collect(),
            integrated_on: c.integrated_on.to_string(),
            decision: c.decision.map(|d| d.0),
        })
        .collect();
    let mandates = records
        .mandates()
        .values()
        .filter(|m| may_see_mandate(&ctx, m))
        .map(|m| MandateRow {
            id: m.id.0,
            title: localized(&tr, &m.title, lang),
            authority: match &m.resolution {
                Some(r) => format!("{} ({r})", localized(&tr, &m.authority, lang)),
                None => localized(&tr, &m.authority, lang),
            },
            un: tr.t(if m.un_auspices {
                "plans-yes"
            } else {
                "plans-no"
            }),
            period: match m.until {
                Some(until) => format!("{} – {until}", m.from),
                None => tr.a("peacekeeping-from", "from", &m.from.to_string()),
            },
            in_force: m.covers(day),
            contingents: m
                .contingents
                .iter()
                .filter_map(|c| records.contingent(*c))
                .map(|c| localized(&tr, &c.name, lang))
                .collect(),
            deployments: deployments_under(&state, m)
                .into_iter()
                .map(|d| Link {
                    href: format!("/requests/{}#deployment-{}", d.request, d.id),
                    label: tr.args(
                        "peacekeeping-deployment",
                        &[
                            ("unit", crate::i18n::Arg::Str(&d.unit.to_string())),
                            (
                                "status",
                                crate::i18n::Arg::Str(&deployment_status(&tr, d.status())),
                            ),
                        ],
                    ),
                })
                .collect(),
        })
        .collect();
    let institutions = records
        .institutions()
        .values()
        .map(|i| {
            let intakes: Vec<_> = i
                .courses
                .iter()
                .filter_map(|c| records.course(*c))
                .flat_map(|c| c.intakes.iter().filter_map(|n| records.intake(*n)))
                .collect();
            InstitutionRow {
                id: i.id.0,
                name: localized(&tr, &i.name, lang),
                seat: localized(&tr, &i.seat, lang),
                established: i.established.to_string(),
                courses: i.courses.len(),
                trainees: intakes.iter().map(|n| n.total()).sum(),
                certified: intakes
                    .iter()
                    .flat_map(|n| n.certifications.iter().map(|c| c.count))
                    .sum(),
            }
        })
        .collect();
    let form = may(&ctx, Action::RecordPeacekeeping).then(|| OverviewForms {
        members: member_choices(&tr, &state, lang),
        units: state
            .crisis()
            .units()
            .values()
            .map(|u| {
                let label = format!(
                    "{}: {} ({})",
                    state_name(&tr, &state, u.state, lang),
                    localized(&tr, &u.name, lang),
                    u.id
                );
                Choice::new(u.id, label)
            })
            .collect(),
        contingents: records
            .contingents()
            .values()
            .map(|c| Choice::new(c.id, localized(&tr, &c.name, lang)))
            .collect(),
        assign: records
            .contingents()
            .values()
            .map(|c| AssignForm {
                id: c.id.0,
                name: localized(&tr, &c.name, lang),
                units: state
                    .crisis()
                    .units()
                    .values()
                    .filter(|u| u.state == c.state && records.contingent_of(u.id).is_none())
                    .map(|u| {
                        Choice::new(
                            u.id,
                            format!("{} ({})", localized(&tr, &u.name, lang), u.id),
                        )
                    })
                    .collect(),
            })
            .collect(),
        today: day.to_string(),
    });
    let page = PeacekeepingPage {
        page: Page::new(&app, &ctx, &here(&uri), tr.t("peacekeeping-title")),
        contingents,
        mandates,
        institutions,
        form,
    };
    render(StatusCode::OK, &page)
}

/// An intake as the training page shows it.
#[derive(Debug)]
pub struct IntakeView {
    /// Its number.
    pub id: u64,
    /// Its period.
    pub period: String,
    /// Trainees by state: state, enrolled, certified.
    pub states: Vec<(String, u32, u32)>,
    /// All trainees.
    pub total: u32,
    /// All certified.
    pub certified: u32,
    /// Certifications: day, state, how many.
    pub certifications: Vec<(String, String, u32)>,
}

/// A course with its intakes.
#[derive(Debug)]
pub struct CourseView {
    /// Its number.
    pub id: u64,
    /// Its title.
    pub title: String,
    /// How long, in words.
    pub weeks: String,
    /// The institution's name.
    pub institution: String,
    /// Its intakes.
    pub intakes: Vec<IntakeView>,
}

#[derive(Template)]
#[template(path = "training.html")]
struct TrainingPage<'a> {
    page: Page<'a>,
    courses: Vec<CourseView>,
    /// The forms, for those who may record peacekeeping.
    forms: Option<TrainingForms>,
}

/// `GET /peacekeeping/training`.
pub async fn training(
    Extract(app): Extract<AppState>,
    ctx: Ctx,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, AppError> {
    require(&ctx, Action::Read, Classification::Restricted)?;
    let tr = app.catalog.tr(ctx.lang);
    let lang = content_lang(ctx.lang);
    let state = app.journal.state();
    let records = state.peacekeeping();
    let courses = records
        .courses()
        .values()
        .map(|c| CourseView {
            id: c.id.0,
            title: localized(&tr, &c.title, lang),
            weeks: tr.args(
                "training-weeks",
                &[("n", crate::i18n::Arg::Num(u64::from(c.weeks)))],
            ),
            institution: records
                .institution(c.institution)
                .map(|i| localized(&tr, &i.name, lang))
                .unwrap_or_default(),
            intakes: c
                .intakes
                .iter()
                .filter_map(|n| records.intake(*n))
                .map(|n| IntakeView {
                    id: n.id.0,
                    period: format!("{} – {}", n.starts, n.ends),
                    states: n
                        .trainees
                        .iter()
                        .map(|(code, count)| {
                            (
                                state_name(&tr, &state, *code, lang),
                                *count,
                                n.certified(*code),
                            )
                        })
                        .collect(),
                    total: n.total(),
                    certified: n.certifications.iter().map(|c| c.count).sum(),
                    certifications: n
                        .certifications
                        .iter()
                        .map(|c| {
                            (
                                c.on.to_string(),
                                state_name(&tr, &state, c.state, lang),
                                c.count,
                            )
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let forms = may(&ctx, Action::RecordPeacekeeping).then(|| TrainingForms {
        institutions: records
            .institutions()
            .values()
            .map(|i| Choice::new(i.id, localized(&tr, &i.name, lang)))
            .collect(),
        courses: records
            .courses()
            .values()
            .map(|c| Choice::new(c.id, localized(&tr, &c.title, lang)))
            .collect(),
        intakes: records
            .intakes()
            .values()
            .map(|n| {
                let course = records
                    .course(n.course)
                    .map(|c| localized(&tr, &c.title, lang))
                    .unwrap_or_default();
                Choice::new(n.id, format!("{course}: {} – {}", n.starts, n.ends))
            })
            .collect(),
        members: member_choices(&tr, &state, lang),
        today: today().map(|d| d.to_string()).unwrap_or_default(),
    });
    let page = TrainingPage {
        page: Page::new(&app, &ctx, &here(&uri), tr.t("training-title")),
        courses,
        forms,
    };
    render(StatusCode::OK, &page)
}
