//! The demo's Crisis Response Centre, recorded over the three weeks before the demo starts so
//! that its picture is current when visitors arrive:
//!
//! - The Joint Staff registers the collective forces' units; the Centre makes an exchange
//!   agreement with the partner anti-terrorist structure (geological and health alerts at
//!   severe or above, and releasable reports on epidemics and natural disasters).
//! - The pandemic: an epidemic incident across Kyrgyzstan, Kazakhstan and Russia with weekly
//!   situation reports; Kyrgyzstan requests a field hospital and a biological security
//!   laboratory; Russia and Belarus offer their hospitals, the Centre accepts Russia's (the
//!   nearest that meets the date) and it is en route; the Centre asks Russia for its laboratory.
//! - An earthquake in Armenia reported by Armenia's national crisis centre in CAP 1.2; the duty
//!   officer opens an incident from the alert; Armenia requests search and rescue, Kazakhstan's
//!   team is mobilising; the centre's update of the alert joins the incident's timeline.

use accord_core::crisis::alerts::AlertId;
use accord_core::crisis::exchange::Terms;
use accord_core::crisis::model::{
    Capability, DeploymentStatus, GeoPoint, IncidentId, IncidentStatus, IncidentType, Location,
    Need, Readiness, RequestId, Severity, SitrepKind, UnitId,
};
use accord_core::crisis::{CrisisCommand as C, SitrepDraft};
use accord_core::{
    AccountId, Command, CommandPayload, Lang, PartnerId, Principal, StateCode, Text, Timestamp,
};
use accord_store::{AnyStore, Journal, ScenarioClock};

use super::last;
use crate::error::AppError;
use crate::intake::{Intake, take_in};

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

struct Centre<'a> {
    journal: &'a Journal<AnyStore>,
    clock: &'a ScenarioClock,
    /// The moment the demo starts; the story's times are before it.
    now: Timestamp,
}

fn point(lat: f64, lon: f64) -> GeoPoint {
    GeoPoint::new(lat, lon).expect("a scenario point")
}

fn text(ru: &str, en: &str) -> Text {
    let (ru_lang, en_lang) = (
        Lang::parse("ru").expect("ru"),
        Lang::parse("en").expect("en"),
    );
    Text::new(ru_lang, ru)
        .and_then(|t| t.with(en_lang, en))
        .expect("a scenario text")
}

impl Centre<'_> {
    /// `seconds` from the demo's start (negative: before it).
    fn at(&self, seconds: i64) -> Timestamp {
        Timestamp::from_unix_seconds(self.now.unix_seconds() + seconds).expect("a scenario time")
    }

    fn principal(&self, username: &str) -> Principal {
        let id = AccountId::parse(username).expect("a demo account");
        self.journal
            .state()
            .principal(&id)
            .expect("a demo account with an affiliation")
    }

    /// Runs a command as `who`, `seconds` from the demo's start.
    async fn run(&self, seconds: i64, who: &str, command: C) -> Result<(), AppError> {
        self.clock.set(self.at(seconds));
        self.journal
            .submit(Command {
                principal: self.principal(who),
                payload: CommandPayload::Crisis(command),
            })
            .await?;
        Ok(())
    }

    /// Armenia's national centre reports a CAP alert through the intake `POST /api/v1/cap`
    /// uses.
    async fn report(&self, seconds: i64, xml: &str) -> Result<(), AppError> {
        self.clock.set(self.at(seconds));
        match take_in(self.journal, &self.principal("centre.am"), xml.as_bytes()).await? {
            Intake::Taken { .. } => Ok(()),
            other => panic!("the scenario's alerts are valid and new: {other:?}"),
        }
    }

    /// A time as CAP writes it, in Yerevan (UTC+4, no daylight saving).
    fn cap_time(&self, seconds: i64) -> String {
        let local = Timestamp::from_unix_seconds(self.at(seconds).unix_seconds() + 4 * HOUR)
            .expect("a scenario time")
            .to_string();
        format!("{}+04:00", local.trim_end_matches('Z'))
    }

    fn quake(&self, identifier: &str, sent: i64, update_of: Option<(&str, i64)>) -> String {
        let (kind, references, magnitude, headline_en) = match update_of {
            None => ("Alert", String::new(), "5,8", "Magnitude 5.8"),
            Some((original, sent)) => (
                "Update",
                format!(
                    "<references>crisis.am@example.am,{original},{}</references>",
                    self.cap_time(sent)
                ),
                "6,1",
                "Magnitude revised to 6.1",
            ),
        };
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
<identifier>{identifier}</identifier>
<sender>crisis.am@example.am</sender>
<sent>{sent}</sent>
<status>Actual</status>
<msgType>{kind}</msgType>
<scope>Public</scope>
{references}
<info>
<language>ru-RU</language>
<category>Geo</category>
<event>Землетрясение</event>
<urgency>Immediate</urgency>
<severity>Severe</severity>
<certainty>Observed</certainty>
<expires>{expires}</expires>
<senderName>Министерство по чрезвычайным ситуациям Республики Армения</senderName>
<headline>Землетрясение магнитудой {magnitude} в Ширакской области</headline>
<description>Разрушения в Гюмри и окрестных сёлах; возможны повторные толчки.</description>
<area>
<areaDesc>Ширакская область</areaDesc>
<circle>40.79,43.85 50</circle>
</area>
</info>
<info>
<language>en-US</language>
<category>Geo</category>
<event>Earthquake</event>
<urgency>Immediate</urgency>
<severity>Severe</severity>
<certainty>Observed</certainty>
<expires>{expires}</expires>
<headline>{headline_en} earthquake in Shirak province</headline>
<area>
<areaDesc>Shirak province</areaDesc>
<circle>40.79,43.85 50</circle>
</area>
</info>
</alert>"#,
            sent = self.cap_time(sent),
            expires = self.cap_time(2 * DAY),
        )
    }
}

fn code(c: &str) -> StateCode {
    StateCode::parse(c).expect("a state code")
}

/// A unit as the Joint Staff registers it.
struct UnitSpec {
    state: &'static str,
    ru: &'static str,
    en: &'static str,
    capability: Capability,
    capacity: u32,
    days: u32,
    hours: u32,
    readiness: Readiness,
    home: (f64, f64),
}

#[rustfmt::skip]
const UNITS: &[UnitSpec] = &[
    UnitSpec { state: "RU", ru: "Военный мобильный госпиталь", en: "Military mobile hospital", capability: Capability::FieldHospital, capacity: 200, days: 30, hours: 48, readiness: Readiness::Ready, home: (55.75, 37.62) },
    UnitSpec { state: "BY", ru: "Аэромобильный госпиталь", en: "Airmobile hospital", capability: Capability::FieldHospital, capacity: 100, days: 15, hours: 72, readiness: Readiness::Reduced, home: (53.90, 27.57) },
    UnitSpec { state: "RU", ru: "Мобильная лаборатория биологической безопасности", en: "Mobile biological security laboratory", capability: Capability::BiosecurityLaboratory, capacity: 1, days: 30, hours: 24, readiness: Readiness::Ready, home: (56.31, 38.13) },
    UnitSpec { state: "KZ", ru: "Поисково-спасательный отряд", en: "Search and rescue team", capability: Capability::SearchAndRescue, capacity: 60, days: 10, hours: 12, readiness: Readiness::Ready, home: (43.24, 76.89) },
    UnitSpec { state: "AM", ru: "Отряд радиационной, химической и биологической разведки", en: "CBRN reconnaissance detachment", capability: Capability::CbrnDetection, capacity: 20, days: 7, hours: 24, readiness: Readiness::Ready, home: (40.18, 44.51) },
    UnitSpec { state: "KG", ru: "Станция очистки воды", en: "Water purification station", capability: Capability::WaterPurification, capacity: 50, days: 14, hours: 36, readiness: Readiness::Reduced, home: (42.87, 74.59) },
    UnitSpec { state: "TJ", ru: "Инженерно-сапёрная рота", en: "Engineer company", capability: Capability::Engineering, capacity: 120, days: 20, hours: 48, readiness: Readiness::NotAvailable, home: (38.56, 68.79) },
    UnitSpec { state: "RU", ru: "Военно-транспортная авиагруппа", en: "Military airlift group", capability: Capability::Airlift, capacity: 4, days: 10, hours: 6, readiness: Readiness::Ready, home: (51.77, 55.10) },
    UnitSpec { state: "KZ", ru: "Группа медицинской эвакуации", en: "Medical evacuation group", capability: Capability::MedicalEvacuation, capacity: 10, days: 5, hours: 8, readiness: Readiness::Ready, home: (51.17, 71.45) },
    UnitSpec { state: "RU", ru: "Миротворческий батальон", en: "Peacekeeping battalion", capability: Capability::PeacekeepingBattalion, capacity: 500, days: 30, hours: 72, readiness: Readiness::Ready, home: (55.79, 49.12) },
];

fn need(capability: Capability, quantity: u32) -> Need {
    Need {
        capability,
        quantity,
        withdrawn: false,
    }
}

/// Records the Centre's last three weeks before `now`, the demo's start (the clock follows the
/// story and must be at or before `now` minus three weeks).
pub async fn recent_weeks(
    journal: &Journal<AnyStore>,
    clock: &ScenarioClock,
    now: Timestamp,
) -> Result<(), AppError> {
    let centre = Centre {
        journal,
        clock,
        now,
    };
    let units_before = last(journal.state().crisis().units().keys(), |k: UnitId| k.0);
    for unit in UNITS {
        let command = C::RegisterUnit {
            state: code(unit.state),
            name: text(unit.ru, unit.en),
            capability: unit.capability,
            capacity: unit.capacity,
            self_sufficiency_days: unit.days,
            deployment_hours: unit.hours,
            readiness: unit.readiness,
            home: point(unit.home.0, unit.home.1),
        };
        centre.run(-21 * DAY, "joint.staff", command).await?;
    }
    let unit = |n: u64| UnitId(units_before + n);
    centre
        .run(
            -21 * DAY + HOUR,
            "duty.officer",
            C::MakeAgreement {
                partner: PartnerId::parse("sco-rats").expect("a partner id"),
                terms: Terms {
                    categories: vec!["Geo".to_owned(), "Health".to_owned()],
                    min_severity: Severity::Severe,
                    incident_types: vec![IncidentType::Epidemic, IncidentType::NaturalDisaster],
                    sitreps: true,
                    language: Lang::parse("ru").expect("ru"),
                },
            },
        )
        .await?;
    pandemic(&centre, unit).await?;
    earthquake(&centre, unit).await
}

fn duty_officer() -> Option<AccountId> {
    AccountId::parse("duty.officer").ok()
}

fn sitrep(
    centre: &Centre<'_>,
    kind: SitrepKind,
    (from, to, next): (i64, i64, Option<i64>),
    (situation, actions, needs): (Text, Text, Text),
    releasable: bool,
) -> SitrepDraft {
    SitrepDraft {
        kind,
        from: centre.at(from),
        to: centre.at(to),
        situation,
        actions,
        needs,
        prepared_by: None,
        next_due: next.map(|n| centre.at(n)),
        releasable,
    }
}

async fn pandemic(centre: &Centre<'_>, unit: impl Fn(u64) -> UnitId) -> Result<(), AppError> {
    let crisis = || centre.journal.state().crisis().clone();
    let incident = IncidentId(last(crisis().incidents().keys(), |k: IncidentId| k.0) + 1);
    centre
        .run(
            -18 * DAY,
            "duty.officer",
            C::OpenIncident {
                title: text(
                    "Пандемия COVID-19: вторая волна в Центральной Азии",
                    "COVID-19 pandemic: the second wave in Central Asia",
                ),
                incident_type: IncidentType::Epidemic,
                severity: Severity::Severe,
                location: Location::Polygon {
                    points: [
                        (43.5, 69.0),
                        (43.5, 80.0),
                        (39.5, 80.0),
                        (39.5, 69.0),
                        (43.5, 69.0),
                    ]
                    .iter()
                    .map(|(lat, lon)| point(*lat, *lon))
                    .collect(),
                },
                affected: vec![code("KG"), code("KZ"), code("RU")],
                lead: duty_officer(),
                classification: None,
                release: Vec::new(),
                alerts: Vec::new(),
            },
        )
        .await?;
    let change = |status| C::ChangeIncident {
        incident,
        status,
        severity: Severity::Severe,
        lead: duty_officer(),
    };
    centre
        .run(
            -18 * DAY + HOUR,
            "duty.officer",
            change(IncidentStatus::Active),
        )
        .await?;
    let reports = [
        (
            SitrepKind::Initial,
            (-19 * DAY, -18 * DAY, Some(-11 * DAY)),
            (
                text(
                    "Рост заболеваемости в Ошской и Джалал-Абадской областях; загрузка больниц выше 90 %.",
                    "Cases rising in the Osh and Jalal-Abad regions; hospitals above 90% occupancy.",
                ),
                text(
                    "Центр установил связь с национальными центрами; запрошены данные о коечном фонде.",
                    "The Centre has contacted the national centres and asked for bed counts.",
                ),
                text(
                    "Койки, кислород, лабораторная диагностика.",
                    "Beds, oxygen, laboratory testing.",
                ),
            ),
            false,
        ),
        (
            SitrepKind::Update,
            (-18 * DAY, -11 * DAY, Some(-4 * DAY)),
            (
                text(
                    "Заболеваемость растёт; в Ошской области не хватает коек и диагностики.",
                    "Cases still rising; the Osh region lacks beds and testing capacity.",
                ),
                text(
                    "Киргизия готовит запрос о помощи; государства-члены уточняют готовность госпиталей.",
                    "Kyrgyzstan is preparing a request for assistance; members are confirming their hospitals' readiness.",
                ),
                text(
                    "Полевой госпиталь; лаборатория биологической безопасности.",
                    "A field hospital; a biological security laboratory.",
                ),
            ),
            true,
        ),
        (
            SitrepKind::Update,
            (-11 * DAY, -4 * DAY, Some(3 * DAY)),
            (
                text(
                    "Рост замедлился; нагрузка на больницы Оша остаётся критической.",
                    "Growth has slowed; the load on Osh's hospitals remains critical.",
                ),
                text(
                    "Российский военный мобильный госпиталь принят и выдвигается; запрошена лаборатория.",
                    "Russia's military mobile hospital is accepted and mobilising; a laboratory has been asked for.",
                ),
                text(
                    "Лаборатория биологической безопасности.",
                    "A biological security laboratory.",
                ),
            ),
            true,
        ),
    ];
    for (n, (kind, period, texts, releasable)) in (0_i64..).zip(reports) {
        let draft = sitrep(centre, kind, period, texts, releasable);
        let when = period.1 + if n == 0 { 2 * HOUR } else { 0 };
        centre
            .run(when, "duty.officer", C::IssueSitrep { incident, draft })
            .await?;
    }
    centre
        .run(
            -17 * DAY,
            "duty.officer",
            C::WriteDutyNote {
                incident: Some(incident),
                text: text(
                    "Видеоконференция с национальными центрами Киргизии и Казахстана: данные о коечном фонде ежедневно к 09:00.",
                    "Videoconference with Kyrgyzstan's and Kazakhstan's centres: bed counts daily by 09:00.",
                ),
            },
        )
        .await?;
    let request = RequestId(last(crisis().requests().keys(), |k: RequestId| k.0) + 1);
    centre
        .run(
            -6 * DAY,
            "delegate.kg",
            C::RequestAssistance {
                incident,
                needs: vec![
                    need(Capability::FieldHospital, 100),
                    need(Capability::BiosecurityLaboratory, 1),
                ],
                location: point(40.53, 72.80),
                needed_by: centre.at(5 * DAY),
            },
        )
        .await?;
    centre
        .run(
            -6 * DAY + HOUR,
            "duty.officer",
            change(IncidentStatus::Response),
        )
        .await?;
    let propose = |need, unit| C::ProposeUnit {
        request,
        need,
        unit,
    };
    // Russia and Belarus offer their hospitals; the Centre accepts Russia's.
    centre
        .run(-5 * DAY, "delegate.ru", propose(0, unit(1)))
        .await?;
    centre
        .run(-5 * DAY + 2 * HOUR, "delegate.by", propose(0, unit(2)))
        .await?;
    let hospital = crisis()
        .live_deployment(unit(1))
        .map(|d| d.id)
        .expect("Russia's offer");
    let advance = |to| C::AdvanceDeployment {
        deployment: hospital,
        to,
    };
    for (when, to) in [
        (-4 * DAY, DeploymentStatus::Accepted),
        (-3 * DAY, DeploymentStatus::Mobilising),
        (-DAY, DeploymentStatus::EnRoute),
    ] {
        centre.run(when, "duty.officer", advance(to)).await?;
    }
    // The Centre asks Russia for its laboratory.
    centre
        .run(-2 * DAY, "duty.officer", propose(1, unit(3)))
        .await
}

async fn earthquake(centre: &Centre<'_>, unit: impl Fn(u64) -> UnitId) -> Result<(), AppError> {
    let crisis = || centre.journal.state().crisis().clone();
    let alert = last(crisis().alerts().keys(), |k: AlertId| k.0) + 1;
    let sent = -6 * HOUR;
    centre
        .report(sent, &centre.quake("AM-EQ-0001", sent, None))
        .await?;
    let incident = IncidentId(last(crisis().incidents().keys(), |k: IncidentId| k.0) + 1);
    centre
        .run(
            -5 * HOUR,
            "duty.officer",
            C::OpenIncident {
                title: text(
                    "Землетрясение в Ширакской области Армении",
                    "Earthquake in Armenia's Shirak province",
                ),
                incident_type: IncidentType::NaturalDisaster,
                severity: Severity::Severe,
                location: Location::Point {
                    at: point(40.79, 43.85),
                },
                affected: vec![code("AM")],
                lead: duty_officer(),
                classification: None,
                release: Vec::new(),
                alerts: vec![AlertId(alert)],
            },
        )
        .await?;
    centre
        .run(
            -5 * HOUR + 600,
            "duty.officer",
            C::ChangeIncident {
                incident,
                status: IncidentStatus::Active,
                severity: Severity::Severe,
                lead: duty_officer(),
            },
        )
        .await?;
    let draft = sitrep(
        centre,
        SitrepKind::Initial,
        (-6 * HOUR, -4 * HOUR, Some(8 * HOUR)),
        (
            text(
                "Разрушены жилые дома в Гюмри; есть пострадавшие, число уточняется.",
                "Houses destroyed in Gyumri; casualties reported, numbers being confirmed.",
            ),
            text(
                "Спасатели МЧС Армении работают в завалах; Центр оповестил государства-члены.",
                "Armenia's rescuers are working in the rubble; the Centre has informed the members.",
            ),
            text("Поисково-спасательные группы.", "Search and rescue teams."),
        ),
        true,
    );
    centre
        .run(
            -4 * HOUR,
            "duty.officer",
            C::IssueSitrep { incident, draft },
        )
        .await?;
    let request = RequestId(last(crisis().requests().keys(), |k: RequestId| k.0) + 1);
    centre
        .run(
            -4 * HOUR + 600,
            "delegate.am",
            C::RequestAssistance {
                incident,
                needs: vec![need(Capability::SearchAndRescue, 60)],
                location: point(40.79, 43.85),
                needed_by: centre.at(DAY),
            },
        )
        .await?;
    centre
        .run(
            -3 * HOUR,
            "delegate.kz",
            C::ProposeUnit {
                request,
                need: 0,
                unit: unit(4),
            },
        )
        .await?;
    let deployment = crisis()
        .live_deployment(unit(4))
        .map(|d| d.id)
        .expect("Kazakhstan's offer");
    for (when, to) in [
        (-2 * HOUR - 1_800, DeploymentStatus::Accepted),
        (-2 * HOUR - 600, DeploymentStatus::Mobilising),
    ] {
        centre
            .run(
                when,
                "duty.officer",
                C::AdvanceDeployment { deployment, to },
            )
            .await?;
    }
    let update = -2 * HOUR;
    centre
        .report(
            update,
            &centre.quake("AM-EQ-0002", update, Some(("AM-EQ-0001", sent))),
        )
        .await?;
    centre
        .run(
            -HOUR,
            "duty.officer",
            C::WriteDutyNote {
                incident: Some(incident),
                text: text(
                    "МЧС Армении уточнило магнитуду: 6,1. Казахстанский отряд вылетает из Алматы.",
                    "Armenia's ministry revised the magnitude to 6.1. Kazakhstan's team is flying out of Almaty.",
                ),
            },
        )
        .await
}
