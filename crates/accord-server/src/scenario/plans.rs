//! The demo's plans, recorded on 8 December 2020, the week after the summit:
//!
//! - The Secretariat registers the Collective Security Strategy until 2025 and creates its plan:
//!   the crisis response system (the Centre's platform, done; connecting the national crisis
//!   centres, in progress), the peacekeeping potential (the base training institution, done; the
//!   mobile hospital, in progress), joint counter-terrorism exercises (due 30 November 2020 and
//!   not done: overdue), and joint positions in international forums (in progress).
//! - The military cooperation plan until 2025 (approved by the defence ministers) gets its plan:
//!   annual joint exercises of the Collective Forces, their equipment and training, joint
//!   command and staff training.

use accord_core::config::DocumentType;
use accord_core::plans::PlansCommand as P;
use accord_core::plans::model::{Indicator, IndicatorValue, MeasureNumber, PlanId, ProgressStatus};
use accord_core::secretariat::SecretariatCommand as S;
use accord_core::secretariat::model::{DocumentId, Sponsor};
use accord_core::{
    AccountId, BodyId, Classification, Command, CommandPayload, Date, Lang, StateCode, Text,
    Timestamp,
};
use accord_store::{AnyStore, Journal, ScenarioClock};

use crate::error::AppError;

/// Runs the demo's commands as its accounts, at the scenario's times.
pub(super) struct Runner<'a> {
    pub(super) journal: &'a Journal<AnyStore>,
    pub(super) clock: &'a ScenarioClock,
}

impl Runner<'_> {
    /// Runs `payload` as `username` at `when`.
    pub(super) async fn run(
        &self,
        when: &str,
        username: &str,
        payload: CommandPayload,
    ) -> Result<(), AppError> {
        self.clock
            .set(Timestamp::parse(when).expect("a scenario time"));
        let id = AccountId::parse(username).expect("a demo account");
        let principal =
            self.journal.state().principal(&id).ok_or_else(|| {
                AppError::internal("the demo's plans", "a demo account is missing")
            })?;
        self.journal.submit(Command { principal, payload }).await?;
        Ok(())
    }
}

/// A Russian authentic text with its English translation.
pub(super) fn text(ru: &str, en: &str) -> Text {
    let (ru_lang, en_lang) = (
        Lang::parse("ru").expect("ru"),
        Lang::parse("en").expect("en"),
    );
    Text::new(ru_lang, ru)
        .and_then(|t| t.with(en_lang, en))
        .expect("a scenario text")
}

pub(super) fn day(text: &str) -> Date {
    Date::parse(text).expect("a scenario date")
}

fn codes(list: &[&str]) -> Vec<StateCode> {
    list.iter()
        .map(|c| StateCode::parse(c).expect("a state code"))
        .collect()
}

fn bodies(list: &[&str]) -> Vec<BodyId> {
    list.iter()
        .map(|b| BodyId::parse(b).expect("a body id"))
        .collect()
}

/// A measure of the demo: parent, texts, states, bodies, deadline, an indicator.
struct Measure<'a> {
    parent: Option<&'a str>,
    ru: &'a str,
    en: &'a str,
    states: &'a [&'a str],
    bodies: &'a [&'a str],
    deadline: &'a str,
    indicator: Option<(&'a str, &'a str, u64, &'a str, &'a str)>,
}

/// A report of the demo: who, measure, status, as of, indicator value, comment.
type Report<'a> = (
    &'a str,
    &'a str,
    ProgressStatus,
    &'a str,
    Option<u64>,
    (&'a str, &'a str),
);

const ALL: &[&str] = &["AM", "BY", "KZ", "KG", "RU", "TJ"];

const STRATEGY: &[Measure<'_>] = &[
    Measure {
        parent: None,
        ru: "Совершенствование системы кризисного реагирования ОДКБ",
        en: "Improve the CSTO crisis response system",
        states: &[],
        bodies: &["secretariat", "crc"],
        deadline: "2025-12-31",
        indicator: None,
    },
    Measure {
        parent: Some("1"),
        ru: "Ввести в эксплуатацию цифровую платформу Кризисного центра",
        en: "Put the Crisis Response Centre's digital platform into service",
        states: &[],
        bodies: &["crc"],
        deadline: "2020-12-01",
        indicator: None,
    },
    Measure {
        parent: Some("1"),
        ru: "Подключить национальные кризисные центры государств-членов к Кризисному центру",
        en: "Connect the member states' national crisis centres to the Crisis Response Centre",
        states: ALL,
        bodies: &[],
        deadline: "2021-12-31",
        indicator: Some((
            "Подключено центров",
            "Centres connected",
            6,
            "центров",
            "centres",
        )),
    },
    Measure {
        parent: None,
        ru: "Наращивание миротворческого потенциала ОДКБ",
        en: "Strengthen the CSTO peacekeeping potential",
        states: &[],
        bodies: &["joint-staff"],
        deadline: "2025-12-31",
        indicator: None,
    },
    Measure {
        parent: Some("2"),
        ru: "Создать базовую организацию по подготовке миротворцев",
        en: "Establish a base institution for training peacekeepers",
        states: &["RU"],
        bodies: &["joint-staff"],
        deadline: "2020-12-31",
        indicator: None,
    },
    Measure {
        parent: Some("2"),
        ru: "Включить военный мобильный госпиталь в состав Миротворческих сил",
        en: "Integrate a military mobile hospital into the Peacekeeping Forces",
        states: &["RU"],
        bodies: &[],
        deadline: "2021-06-30",
        indicator: None,
    },
    Measure {
        parent: None,
        ru: "Провести совместные антитеррористические учения",
        en: "Hold joint counter-terrorism exercises",
        states: &["KZ", "TJ"],
        bodies: &[],
        deadline: "2020-11-30",
        indicator: Some((
            "Проведено учений",
            "Exercises held",
            4,
            "учений",
            "exercises",
        )),
    },
    Measure {
        parent: None,
        ru: "Координировать совместные позиции в ООН, ОБСЕ и ОЗХО",
        en: "Coordinate joint positions in the UN, the OSCE and the OPCW",
        states: &[],
        bodies: &["secretariat"],
        deadline: "2025-12-31",
        indicator: Some((
            "Совместных заявлений",
            "Joint statements",
            10,
            "заявлений",
            "statements",
        )),
    },
];

const STRATEGY_REPORTS: &[Report<'_>] = &[
    (
        "duty.officer",
        "1.1",
        ProgressStatus::Done,
        "2020-11-30",
        None,
        (
            "Платформа введена в эксплуатацию.",
            "The platform is in service.",
        ),
    ),
    (
        "delegate.am",
        "1.2",
        ProgressStatus::InProgress,
        "2020-12-01",
        Some(2),
        (
            "Армения и Россия подключены.",
            "Armenia and Russia are connected.",
        ),
    ),
    (
        "delegate.kz",
        "1.2",
        ProgressStatus::InProgress,
        "2020-12-02",
        Some(3),
        (
            "Подключён центр Казахстана.",
            "Kazakhstan's centre is connected.",
        ),
    ),
    (
        "joint.staff",
        "2.1",
        ProgressStatus::Done,
        "2020-12-02",
        None,
        (
            "Решение Совета коллективной безопасности от 2 декабря 2020 года.",
            "Decision of the Collective Security Council of 2 December 2020.",
        ),
    ),
    (
        "delegate.ru",
        "2.2",
        ProgressStatus::InProgress,
        "2020-12-02",
        None,
        (
            "Решение принято; госпиталь готовится к включению.",
            "The decision is taken; the hospital is being prepared.",
        ),
    ),
    (
        "delegate.tj",
        "3",
        ProgressStatus::InProgress,
        "2020-11-15",
        Some(2),
        (
            "Два учения из четырёх перенесены из-за пандемии.",
            "Two of four exercises were postponed because of the pandemic.",
        ),
    ),
    (
        "secretariat",
        "4",
        ProgressStatus::InProgress,
        "2020-12-01",
        Some(3),
        (
            "Заявление к 75-летию Победы принято.",
            "The statement on the 75th anniversary of Victory is adopted.",
        ),
    ),
];

const MILITARY: &[Measure<'_>] = &[
    Measure {
        parent: None,
        ru: "Ежегодно проводить совместные учения Коллективных сил",
        en: "Hold joint exercises of the Collective Forces every year",
        states: &[],
        bodies: &["joint-staff"],
        deadline: "2025-12-31",
        indicator: Some((
            "Проведено учений",
            "Exercises held",
            5,
            "учений",
            "exercises",
        )),
    },
    Measure {
        parent: None,
        ru: "Совершенствовать состав, оснащение и подготовку Коллективных сил",
        en: "Improve the composition, equipment and training of the Collective Forces",
        states: ALL,
        bodies: &[],
        deadline: "2025-12-31",
        indicator: None,
    },
    Measure {
        parent: None,
        ru: "Провести совместную командно-штабную тренировку",
        en: "Hold a joint command and staff training",
        states: &["BY", "RU"],
        bodies: &["joint-staff"],
        deadline: "2021-06-30",
        indicator: None,
    },
];

const MILITARY_REPORTS: &[Report<'_>] = &[(
    "joint.staff",
    "1",
    ProgressStatus::InProgress,
    "2020-10-30",
    Some(1),
    (
        "Учения «Нерушимое братство — 2020» проведены.",
        "The exercise Indestructible Brotherhood 2020 was held.",
    ),
)];

async fn measures(
    runner: &Runner<'_>,
    when: &str,
    plan: PlanId,
    list: &[Measure<'_>],
) -> Result<(), AppError> {
    for m in list {
        let indicators = m
            .indicator
            .map(|(name_ru, name_en, target, unit_ru, unit_en)| Indicator {
                name: text(name_ru, name_en),
                target,
                unit: text(unit_ru, unit_en),
            })
            .into_iter()
            .collect();
        let command = P::AddMeasure {
            plan,
            parent: m
                .parent
                .map(|p| MeasureNumber::parse(p).expect("a measure number")),
            text: text(m.ru, m.en),
            states: codes(m.states),
            bodies: bodies(m.bodies),
            deadline: day(m.deadline),
            indicators,
        };
        runner
            .run(when, "secretariat", CommandPayload::Plans(command))
            .await?;
    }
    Ok(())
}

async fn reports(
    runner: &Runner<'_>,
    when: &str,
    plan: PlanId,
    list: &[Report<'_>],
) -> Result<(), AppError> {
    for (who, measure, status, as_of, value, (ru, en)) in list {
        let command = P::ReportProgress {
            plan,
            measure: MeasureNumber::parse(measure).expect("a measure number"),
            status: *status,
            values: value
                .map(|value| IndicatorValue {
                    indicator: 1,
                    value,
                })
                .into_iter()
                .collect(),
            comment: Some(text(ru, en)),
            as_of: day(as_of),
        };
        runner
            .run(when, who, CommandPayload::Plans(command))
            .await?;
    }
    Ok(())
}

/// Records the strategy's and the military cooperation plan's implementation (`military` is
/// the plan's document, approved by the defence ministers).
pub async fn record(
    journal: &Journal<AnyStore>,
    clock: &ScenarioClock,
    military: DocumentId,
) -> Result<(), AppError> {
    let runner = Runner { journal, clock };
    runner
        .run(
            "2020-12-08T06:00:00Z",
            "secretariat",
            CommandPayload::Secretariat(S::RegisterDocument {
                doc_type: DocumentType::Strategy,
                forum: None,
                title: text(
                    "Стратегия коллективной безопасности Организации Договора о коллективной безопасности на период до 2025 года",
                    "Collective Security Strategy of the Collective Security Treaty Organization until 2025",
                ),
                sponsor: Sponsor::Secretariat,
                body: BodyId::parse("csc").expect("a body id"),
                paragraphs: vec![
                    text(
                        "Государства-члены совместно обеспечивают коллективную безопасность.",
                        "The member states ensure collective security together.",
                    ),
                    text(
                        "Стратегия реализуется планом мероприятий с ответственными и сроками.",
                        "The strategy is implemented by a plan of measures with those responsible and deadlines.",
                    ),
                ],
                classification: Some(Classification::Restricted),
                release: Vec::new(),
            }),
        )
        .await?;
    let strategy = journal
        .state()
        .secretariat()
        .documents()
        .keys()
        .next_back()
        .copied()
        .ok_or_else(|| AppError::internal("the demo's plans", "the strategy is missing"))?;
    for (when, document) in [
        ("2020-12-08T06:05:00Z", strategy),
        ("2020-12-08T06:06:00Z", military),
    ] {
        let command = P::CreatePlan {
            document,
            classification: None,
        };
        runner
            .run(when, "secretariat", CommandPayload::Plans(command))
            .await?;
    }
    let plan_of = |document| {
        journal
            .state()
            .plans()
            .plan_of(document)
            .ok_or_else(|| AppError::internal("the demo's plans", "a plan is missing"))
    };
    let (strategy, military) = (plan_of(strategy)?, plan_of(military)?);
    measures(&runner, "2020-12-08T06:10:00Z", strategy, STRATEGY).await?;
    measures(&runner, "2020-12-08T06:20:00Z", military, MILITARY).await?;
    reports(&runner, "2020-12-08T07:00:00Z", strategy, STRATEGY_REPORTS).await?;
    reports(&runner, "2020-12-08T07:30:00Z", military, MILITARY_REPORTS).await
}
