//! The demo's peacekeeping, following the Collective Security Council's package of 2 December
//! 2020 (recorded from 3 to 18 December 2020):
//!
//! - The Joint Staff records the base institution for training peacekeepers (by the summit's
//!   decision), its course, a first intake with trainees from every member state (certified on
//!   18 December, Kyrgyzstan's and Tajikistan's still to come) and a second intake opened for
//!   February 2021.
//! - The military mobile hospital is integrated into the Peacekeeping Forces as Russia's
//!   contingent (by the summit's decision; its units are attached once registered).
//! - The Secretariat records the mandate the protocol on UN-auspices operations gives: the
//!   collective peacekeeping forces may take part in operations under the auspices of the UN.

use accord_core::peacekeeping::PeacekeepingCommand as K;
use accord_core::peacekeeping::model::{
    ContingentId, CourseId, InstitutionId, IntakeId, StateCount,
};
use accord_core::secretariat::model::DocumentId;
use accord_core::{CommandPayload, StateCode};
use accord_store::{AnyStore, Journal, ScenarioClock};

use super::plans::{Runner, day, text};
use crate::error::AppError;

fn count(state: &str, count: u32) -> StateCount {
    StateCount {
        state: StateCode::parse(state).expect("a state code"),
        count,
    }
}

/// The summit's decisions on the base institution and on the mobile hospital.
#[derive(Debug, Clone, Copy)]
pub struct Package {
    /// The decision on the base institution for training peacekeepers.
    pub institution: DocumentId,
    /// The decision on the military mobile hospital.
    pub hospital: DocumentId,
}

/// Records the demo's peacekeeping (the first institution, course, intakes and contingent of
/// the log: their numbers are 1).
pub async fn record(
    journal: &Journal<AnyStore>,
    clock: &ScenarioClock,
    package: Package,
) -> Result<(), AppError> {
    let runner = Runner { journal, clock };
    let pk = CommandPayload::Peacekeeping;
    runner
        .run(
            "2020-12-08T08:00:00Z",
            "joint.staff",
            pk(K::EstablishInstitution {
                name: text(
                    "Базовая организация ОДКБ по подготовке миротворческого персонала",
                    "CSTO base institution for training peacekeeping personnel",
                ),
                seat: text("Москва", "Moscow"),
                established: day("2020-12-02"),
                decision: Some(package.institution),
            }),
        )
        .await?;
    runner
        .run(
            "2020-12-08T08:10:00Z",
            "joint.staff",
            pk(K::AddCourse {
                institution: InstitutionId(1),
                title: text(
                    "Подготовка военных наблюдателей и штабных офицеров миротворческих сил",
                    "Training of military observers and staff officers of the peacekeeping forces",
                ),
                weeks: 2,
            }),
        )
        .await?;
    runner
        .run(
            "2020-12-08T08:20:00Z",
            "joint.staff",
            pk(K::OpenIntake {
                course: CourseId(1),
                starts: day("2020-12-07"),
                ends: day("2020-12-18"),
                trainees: vec![
                    count("AM", 4),
                    count("BY", 5),
                    count("KZ", 6),
                    count("KG", 4),
                    count("RU", 8),
                    count("TJ", 5),
                ],
            }),
        )
        .await?;
    runner
        .run(
            "2020-12-08T09:00:00Z",
            "joint.staff",
            pk(K::FormContingent {
                name: text("Военный мобильный госпиталь", "Military mobile hospital"),
                state: StateCode::parse("RU").expect("a state code"),
                personnel: 60,
                units: Vec::new(),
                integrated_on: day("2020-12-02"),
                decision: Some(package.hospital),
            }),
        )
        .await?;
    runner
        .run(
            "2020-12-08T10:00:00Z",
            "secretariat",
            pk(K::IssueMandate {
                title: text(
                    "Участие Миротворческих сил ОДКБ в операциях по поддержанию мира под эгидой ООН",
                    "Participation of the CSTO Peacekeeping Forces in peacekeeping operations under UN auspices",
                ),
                authority: text(
                    "Совет коллективной безопасности (Протокол от 2 декабря 2020 года)",
                    "Collective Security Council (Protocol of 2 December 2020)",
                ),
                resolution: None,
                un_auspices: true,
                from: day("2020-12-02"),
                until: None,
                contingents: vec![ContingentId(1)],
                classification: None,
                release: Vec::new(),
            }),
        )
        .await?;
    for (state, n) in [("AM", 4), ("BY", 5), ("KZ", 6), ("RU", 8)] {
        runner
            .run(
                "2020-12-18T12:00:00Z",
                "joint.staff",
                pk(K::Certify {
                    intake: IntakeId(1),
                    trainees: count(state, n),
                    on: day("2020-12-18"),
                }),
            )
            .await?;
    }
    runner
        .run(
            "2020-12-18T13:00:00Z",
            "joint.staff",
            pk(K::OpenIntake {
                course: CourseId(1),
                starts: day("2021-02-01"),
                ends: day("2021-02-12"),
                trainees: vec![count("AM", 3), count("KG", 6), count("TJ", 6)],
            }),
        )
        .await
}
