//! What runs live once the demo starts.

use accord_core::config::DocumentType;
use accord_core::secretariat::model::{Forum, SessionFormat, Sponsor};
use accord_core::secretariat::{SecretariatCommand as C, SessionDetails};
use accord_core::{BodyId, Classification, Command, CommandPayload, Lang, StateCode, Timestamp};
use accord_store::{AnyStore, Journal, ScenarioClock};

use crate::error::AppError;

use super::{Story, moscow};

/// What runs live once the demo starts: a joint statement for the OSCE under a silence
/// procedure ending a week from `now` (at noon in Moscow), and the Permanent Council's next
/// session a fortnight ahead, restricted but open to observers, with the observer state the
/// demo admits (Serbia) registered to attend.
pub async fn live(journal: &Journal<AnyStore>, now: Timestamp) -> Result<(), AppError> {
    let clock = ScenarioClock::default();
    clock.release();
    let story = Story {
        journal,
        clock: &clock,
        ru: Lang::parse("ru").expect("ru"),
        en: Lang::parse("en").expect("en"),
    };
    let t = |ru: &str, en: &str| story.text(ru, en);
    let sec = story.principal("secretariat");
    let day = |days: i64| {
        let date = Timestamp::from_unix_seconds(now.unix_seconds() + days * 86_400)
            .expect("a date")
            .date();
        format!("{date}T12:00:00")
    };
    let submit = |command: C| {
        let sec = sec.clone();
        async move {
            journal
                .submit(Command {
                    principal: sec,
                    payload: CommandPayload::Secretariat(command),
                })
                .await
                .map(|_| ())
        }
    };
    submit(C::RegisterDocument {
        doc_type: DocumentType::JointStatement,
        forum: Some(Forum::Osce),
        title: t(
            "Совместное заявление государств — членов ОДКБ к Совету министров иностранных дел ОБСЕ",
            "Joint statement of the CSTO member states for the OSCE Ministerial Council",
        ),
        sponsor: Sponsor::Secretariat,
        body: BodyId::parse("cfm").expect("a body"),
        paragraphs: story.paragraphs(&[
            (
                "Государства — члены ОДКБ подтверждают приверженность принципу неделимости безопасности.",
                "The CSTO member states reaffirm their commitment to the principle of indivisible security.",
            ),
            (
                "Мы призываем к диалогу о мерах доверия в Европе.",
                "We call for a dialogue on confidence-building measures in Europe.",
            ),
        ]),
        classification: Some(Classification::Public),
        release: Vec::new(),
    })
    .await?;
    let document = story.last_document();
    submit(C::LaunchSilence {
        document,
        deadline: moscow(&day(7)),
    })
    .await?;
    submit(C::ScheduleSession {
        body: BodyId::parse("pc").expect("a body"),
        number: 1,
        details: SessionDetails {
            title: t(
                "Заседание Постоянного совета",
                "Meeting of the Permanent Council",
            ),
            start: moscow(&day(14).replace("T12:00:00", "T10:00:00")),
            end: moscow(&day(14)),
            format: SessionFormat::InPerson {
                venue: t("Москва, Секретариат ОДКБ", "Moscow, CSTO Secretariat"),
            },
            chair: None,
            participants: None,
        },
        classification: Some(Classification::Restricted),
        open_to_observers: true,
    })
    .await?;
    let observer = StateCode::parse(crate::seed::OBSERVER).expect("a state code");
    submit(C::RecordObservers {
        session: story.last_session(),
        observers: [(observer, Vec::new())].into_iter().collect(),
    })
    .await?;
    Ok(())
}
