//! The demo's status applications, chairmanship and joint position in a forum, recorded after
//! the December 2020 summit (demo data: the applicants and their letters are invented for the
//! demonstration; neither state applied to the organisation).
//!
//! - Uzbekistan's application for observer status: the Permanent Council considers it on
//!   3 December and adopts its decision by consensus; the Council of Foreign Ministers'
//!   recommendation is pending.
//! - Mongolia's application for partner status, at its first step before the Permanent Council.
//! - Russia's priorities as chair in 2020, Tajikistan's for 2021 (the rotation itself is
//!   computed from the configuration).
//! - A joint statement for the UN General Assembly, adopted by the foreign ministers by silence
//!   procedure and delivered on 7 December.

use accord_core::config::{DocumentType, MemberStatus};
use accord_core::secretariat::SecretariatCommand as C;
use accord_core::secretariat::model::{DocumentId, Forum, SessionStatus, Sponsor};
use accord_core::status::{Applicant, ApplicationId, StatusCommand as S};
use accord_core::{Classification, Command, CommandPayload, Date, Principal, StateCode, Text};
use accord_store::{AnyStore, Journal, ScenarioClock};

use super::{Story, at, moscow};
use crate::error::AppError;

impl Story<'_> {
    /// Runs a status command as `who` at `when`.
    async fn status_at(&self, when: &str, who: &Principal, command: S) -> Result<(), AppError> {
        self.clock.set(at(when));
        self.journal
            .submit(Command {
                principal: who.clone(),
                payload: CommandPayload::Status(command),
            })
            .await?;
        Ok(())
    }

    fn last_application(&self) -> ApplicationId {
        let state = self.journal.state();
        ApplicationId(super::last(
            state.status().applications().keys(),
            |k: ApplicationId| k.0,
        ))
    }

    /// Registers a draft of the Secretariat in `body`; returns its number.
    async fn draft(
        &self,
        when: &str,
        doc_type: DocumentType,
        body: &str,
        title: Text,
        paragraphs: Vec<Text>,
        classification: Classification,
    ) -> Result<DocumentId, AppError> {
        let forum = (doc_type == DocumentType::JointStatement).then_some(Forum::Un);
        self.register(
            when,
            doc_type,
            forum,
            title,
            Sponsor::Secretariat,
            body,
            paragraphs,
            classification,
        )
        .await
    }
}

/// Records the applications, the chairs' priorities and the UN statement (3–7 December 2020).
pub(super) async fn december_2020(
    journal: &Journal<AnyStore>,
    clock: &ScenarioClock,
) -> Result<(), AppError> {
    let story = Story {
        journal,
        clock,
        ru: accord_core::Lang::parse("ru").expect("ru"),
        en: accord_core::Lang::parse("en").expect("en"),
    };
    let t = |ru: &str, en: &str| story.text(ru, en);
    let sec = story.principal("secretariat");
    let code = |c: &str| StateCode::parse(c).expect("a state code");

    // The chairs' priorities: Russia's for 2020, Tajikistan's for 2021.
    let priorities = [
        (
            "2020-01-01",
            t(
                "Приоритеты председательства Российской Федерации в ОДКБ в 2020 году",
                "Priorities of the Russian Federation's chairmanship of the CSTO in 2020",
            ),
            t(
                "Укрепление миротворческого потенциала и совершенствование системы кризисного реагирования.",
                "Strengthening the peacekeeping capacity and improving the crisis response system.",
            ),
        ),
        (
            "2021-01-01",
            t(
                "Приоритеты председательства Республики Таджикистан в ОДКБ в 2021 году",
                "Priorities of the Republic of Tajikistan's chairmanship of the CSTO in 2021",
            ),
            t(
                "Безопасность на таджикско-афганской границе и противодействие наркотрафику.",
                "Security on the Tajik-Afghan border and countering drug trafficking.",
            ),
        ),
    ];
    for (i, (term_of, title, paragraph)) in priorities.into_iter().enumerate() {
        let when = format!("2020-12-02T12:{:02}:00Z", i * 10);
        let document = story
            .draft(
                &when,
                DocumentType::Statement,
                "csc",
                title,
                vec![paragraph],
                Classification::Public,
            )
            .await?;
        let term_of = Date::parse(term_of).expect("a date");
        story
            .status_at(&when, &sec, S::SetChairPriorities { term_of, document })
            .await?;
    }

    // Uzbekistan applies for observer status.
    story
        .status_at(
            "2020-12-02T13:00:00Z",
            &sec,
            S::SubmitApplication {
                applicant: Applicant::State(code("UZ")),
                name: t("Узбекистан", "Uzbekistan"),
                status: MemberStatus::Observer,
                letter: t(
                    "Республика Узбекистан просит предоставить ей статус наблюдателя при Организации (демонстрационные данные).",
                    "The Republic of Uzbekistan asks to be granted observer status with the Organization (demo data).",
                ),
            },
        )
        .await?;
    let uzbekistan = story.last_application();
    let considered = story
        .draft(
            "2020-12-02T13:10:00Z",
            DocumentType::Decision,
            "pc",
            t(
                "О заявке Республики Узбекистан на статус наблюдателя",
                "On the application of the Republic of Uzbekistan for observer status",
            ),
            vec![t(
                "Постоянный совет рассмотрел заявку и передаёт её Совету министров иностранных дел.",
                "The Permanent Council has considered the application and passes it to the Council of Foreign Ministers.",
            )],
            Classification::Restricted,
        )
        .await?;
    let link = |document| S::LinkStepDocument {
        application: uzbekistan,
        document,
    };
    story
        .status_at("2020-12-02T13:15:00Z", &sec, link(considered))
        .await?;
    let details = story.videoconference(
        t(
            "Заседание Постоянного совета",
            "Meeting of the Permanent Council",
        ),
        "2020-12-03T10:00:00",
        "2020-12-03T12:00:00",
    );
    let pc = story
        .schedule(
            "2020-12-02T13:20:00Z",
            "pc",
            40,
            details,
            Classification::Restricted,
        )
        .await?;
    story
        .item(
            "2020-12-02T13:25:00Z",
            pc,
            t("О заявке Узбекистана", "On Uzbekistan's application"),
            vec![considered],
        )
        .await?;
    story
        .status("2020-12-03T07:00:00Z", pc, SessionStatus::Convened)
        .await?;
    story
        .consensus("2020-12-03T07:30:00Z", pc, 1, considered, &[])
        .await?;
    story
        .conclude(
            "2020-12-03T07:35:00Z",
            pc,
            1,
            t(
                "Заявка передана СМИД.",
                "The application goes to the Council of Foreign Ministers.",
            ),
        )
        .await?;
    story
        .status("2020-12-03T09:00:00Z", pc, SessionStatus::Concluded)
        .await?;
    let recommendation = story
        .draft(
            "2020-12-03T09:30:00Z",
            DocumentType::Decision,
            "cfm",
            t(
                "О рекомендации Совету коллективной безопасности о статусе наблюдателя для Республики Узбекистан",
                "On recommending observer status for the Republic of Uzbekistan to the Collective Security Council",
            ),
            vec![t(
                "Совет министров иностранных дел рекомендует предоставить Республике Узбекистан статус наблюдателя.",
                "The Council of Foreign Ministers recommends granting the Republic of Uzbekistan observer status.",
            )],
            Classification::Restricted,
        )
        .await?;
    story
        .status_at("2020-12-03T09:35:00Z", &sec, link(recommendation))
        .await?;

    // Mongolia applies for partner status; the Permanent Council has its draft.
    story
        .status_at(
            "2020-12-03T10:00:00Z",
            &sec,
            S::SubmitApplication {
                applicant: Applicant::State(code("MN")),
                name: t("Монголия", "Mongolia"),
                status: MemberStatus::Partner,
                letter: t(
                    "Монголия просит предоставить ей статус партнёра Организации (демонстрационные данные).",
                    "Mongolia asks to be granted partner status with the Organization (demo data).",
                ),
            },
        )
        .await?;
    let mongolia = story.last_application();
    let first_step = story
        .draft(
            "2020-12-03T10:10:00Z",
            DocumentType::Decision,
            "pc",
            t(
                "О заявке Монголии на статус партнёра",
                "On the application of Mongolia for partner status",
            ),
            vec![t(
                "Постоянный совет рассмотрел заявку Монголии.",
                "The Permanent Council has considered the application of Mongolia.",
            )],
            Classification::Restricted,
        )
        .await?;
    story
        .status_at(
            "2020-12-03T10:15:00Z",
            &sec,
            S::LinkStepDocument {
                application: mongolia,
                document: first_step,
            },
        )
        .await?;

    // A joint statement for the UN General Assembly: silence until noon in Moscow on
    // 4 December, then delivered on 7 December.
    let statement = story
        .draft(
            "2020-12-03T11:00:00Z",
            DocumentType::JointStatement,
            "cfm",
            t(
                "Совместное заявление государств — членов ОДКБ на 75-й сессии Генеральной Ассамблеи ООН",
                "Joint statement of the CSTO member states at the 75th session of the UN General Assembly",
            ),
            vec![t(
                "Государства — члены ОДКБ выступают за предотвращение размещения оружия в космическом пространстве.",
                "The CSTO member states stand for preventing the placement of weapons in outer space.",
            )],
            Classification::Public,
        )
        .await?;
    let silence = C::LaunchSilence {
        document: statement,
        deadline: moscow("2020-12-04T12:00:00"),
    };
    story.at("2020-12-03T11:05:00Z", &sec, silence).await?;
    let procedure = story.last_procedure();
    story
        .at(
            "2020-12-04T09:00:00Z",
            &Principal::system(),
            C::ConcludeSilence { procedure },
        )
        .await?;
    story
        .status_at(
            "2020-12-07T16:00:00Z",
            &sec,
            S::RecordDelivery {
                document: statement,
                meeting: t(
                    "Генеральная Ассамблея ООН, 75-я сессия, пленарное заседание",
                    "UN General Assembly, 75th session, plenary meeting",
                ),
                delivered_at: at("2020-12-07T15:00:00Z"),
            },
        )
        .await?;
    Ok(())
}
