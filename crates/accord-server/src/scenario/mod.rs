//! The demo's secretariat history: the reference organisation's work of November and December
//! 2020, recorded at the times it happened, and one procedure still running for visitors.
//!
//! - The Council of Defence Ministers approves the military cooperation plan until 2025 by
//!   consensus (24 November).
//! - The Council of Foreign Ministers meets on 1 December by videoconference: it adopts its
//!   statement on the 75th anniversary of Victory, drafted with an amendment from every
//!   delegation, by consensus, and recommends the peacekeeping package to the summit.
//! - The Collective Security Council meets on 2 December by videoconference and adopts the
//!   package: two documents by consensus; the third, on the military mobile hospital, was
//!   adopted by silence procedure at its deadline that morning.
//! - Heads of delegation sign the adopted texts with their delegations' keys.
//! - Plans and peacekeeping follow (`plans.rs`, `peacekeeping.rs`): the strategy and the
//!   military cooperation plan with their measures and reports, the training institution, the
//!   mobile hospital as a contingent, the mandate for operations under UN auspices.
//! - Live (`live.rs`): a joint statement for the OSCE under a silence procedure that ends a week after the
//!   demo starts, and the Permanent Council's next session, open to observers, with Serbia (the
//!   demo's observer state) registered to attend.
//!
//! Every command goes through the journal at its time, as the account that took it
//! (`story.rs`).

pub mod crisis;
mod live;
pub mod peacekeeping;
pub mod plans;
pub mod public;
mod status;
mod story;

pub use live::live;
use story::Story;

use accord_core::config::DocumentType;
use accord_core::secretariat::model::{
    AmendmentId, AmendmentOp, Position, SessionStatus, Sponsor, ZonedTime,
};
use accord_core::secretariat::{AmendmentDraft, SecretariatCommand as C};
use accord_core::{Classification, Lang, Principal, StateCode, Text, Timestamp};
use accord_ledger::SignerKey;
use accord_store::{AnyStore, Journal, ScenarioClock};

use crate::error::AppError;

/// The organisation's time zone for the scenario's sessions.
const MOSCOW: &str = "Europe/Moscow";

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).expect("a scenario time")
}

fn moscow(local: &str) -> ZonedTime {
    ZonedTime::from_local(local, MOSCOW).expect("a scenario time in Moscow")
}

/// Records the December 2020 history (the clock follows it), registering and using each
/// member delegation's signing key from `keys`.
pub async fn december_2020(
    journal: &Journal<AnyStore>,
    clock: &ScenarioClock,
    keys: &[(StateCode, SignerKey)],
) -> Result<(), AppError> {
    let story = Story {
        journal,
        clock,
        ru: Lang::parse("ru").expect("ru"),
        en: Lang::parse("en").expect("en"),
    };
    let t = |ru: &str, en: &str| story.text(ru, en);
    let code = |c: &str| StateCode::parse(c).expect("a state code");

    // The delegations register their signing keys.
    for (state, key) in keys {
        let command = C::RegisterSigningKey {
            key: key.verifier().to_string(),
        };
        story
            .at("2020-11-03T07:00:00Z", &story.head(*state), command)
            .await?;
    }

    // The Council of Defence Ministers and the military cooperation plan until 2025.
    let cdm = story
        .schedule(
            "2020-11-05T08:00:00Z",
            "cdm",
            1,
            story.videoconference(
                t(
                    "Заседание Совета министров обороны",
                    "Meeting of the Council of Defence Ministers",
                ),
                "2020-11-24T11:00:00",
                "2020-11-24T13:00:00",
            ),
            Classification::Public,
        )
        .await?;
    let plan = story
        .register(
            "2020-11-05T09:00:00Z",
            DocumentType::Plan,
            None,
            t(
                "План военного сотрудничества государств — членов ОДКБ до 2025 года",
                "Plan of military cooperation of the CSTO member states until 2025",
            ),
            Sponsor::Secretariat,
            "cdm",
            story.paragraphs(&[
                (
                    "Государства-члены развивают военное сотрудничество в целях обеспечения коллективной безопасности.",
                    "The member states develop military cooperation to ensure collective security.",
                ),
                (
                    "Совершенствуются состав, оснащение и подготовка Коллективных сил.",
                    "The composition, equipment and training of the Collective Forces are improved.",
                ),
                (
                    "Ежегодно проводятся совместные учения Коллективных сил.",
                    "Joint exercises of the Collective Forces are held every year.",
                ),
            ]),
            Classification::Restricted,
        )
        .await?;
    story
        .item(
            "2020-11-06T08:00:00Z",
            cdm,
            t(
                "О Плане военного сотрудничества до 2025 года",
                "On the military cooperation plan until 2025",
            ),
            vec![plan],
        )
        .await?;
    // The Council of Foreign Ministers, 1 December 2020, and the Collective Security Council,
    // 2 December 2020, both by videoconference.
    let cfm = story
        .schedule(
            "2020-11-16T08:00:00Z",
            "cfm",
            1,
            story.videoconference(
                t(
                    "Заседание Совета министров иностранных дел",
                    "Meeting of the Council of Foreign Ministers",
                ),
                "2020-12-01T13:00:00",
                "2020-12-01T15:00:00",
            ),
            Classification::Public,
        )
        .await?;
    let csc = story
        .schedule(
            "2020-11-16T08:10:00Z",
            "csc",
            1,
            story.videoconference(
                t(
                    "Сессия Совета коллективной безопасности",
                    "Session of the Collective Security Council",
                ),
                "2020-12-02T11:00:00",
                "2020-12-02T13:00:00",
            ),
            Classification::Public,
        )
        .await?;

    let statement = story
        .register(
            "2020-11-16T09:00:00Z",
            DocumentType::Statement,
            None,
            t(
                "Заявление министров иностранных дел государств — членов ОДКБ в связи с 75-летием Победы во Второй мировой войне",
                "Statement of the foreign ministers of the CSTO member states on the 75th anniversary of Victory in the Second World War",
            ),
            Sponsor::State { state: code("RU") },
            "cfm",
            story.paragraphs(&[
                (
                    "Министры иностранных дел государств — членов ОДКБ отмечают 75-ю годовщину окончания Второй мировой войны.",
                    "The foreign ministers of the CSTO member states mark the 75th anniversary of the end of the Second World War.",
                ),
                (
                    "Мы чтим память всех, кто отдал жизнь за свободу народов.",
                    "We honour the memory of all who gave their lives for the freedom of nations.",
                ),
                (
                    "Мы отвергаем попытки пересмотреть итоги войны.",
                    "We reject attempts to revise the outcome of the war.",
                ),
                (
                    "Государства-члены будут и далее укреплять сотрудничество в ООН.",
                    "The member states will continue to strengthen their cooperation in the United Nations.",
                ),
            ]),
            Classification::Public,
        )
        .await?;
    // The peacekeeping package for the summit.
    let sec = story.principal("secretariat");
    let institution = story
        .register(
            "2020-11-16T10:00:00Z",
            DocumentType::Decision,
            None,
            t(
                "О базовой организации по подготовке миротворцев",
                "On the base institution for training peacekeepers",
            ),
            Sponsor::Secretariat,
            "csc",
            story.paragraphs(&[
                (
                    "Определить базовую организацию государств — членов ОДКБ по подготовке миротворческого персонала.",
                    "To designate a base institution of the CSTO member states for training peacekeeping personnel.",
                ),
                (
                    "Государства-члены направляют в неё слушателей на согласованных условиях.",
                    "The member states send trainees to it on agreed terms.",
                ),
            ]),
            Classification::Public,
        )
        .await?;
    let hospital = story
        .register(
            "2020-11-16T10:10:00Z",
            DocumentType::Decision,
            None,
            t(
                "О включении военного мобильного госпиталя в состав Миротворческих сил ОДКБ",
                "On including a military mobile hospital in the CSTO Peacekeeping Forces",
            ),
            Sponsor::State { state: code("RU") },
            "csc",
            story.paragraphs(&[
                (
                    "Включить военный мобильный госпиталь в состав Миротворческих сил ОДКБ.",
                    "To include a military mobile hospital in the CSTO Peacekeeping Forces.",
                ),
                (
                    "Госпиталь развёртывается по решению Совета коллективной безопасности.",
                    "The hospital is deployed by decision of the Collective Security Council.",
                ),
            ]),
            Classification::Public,
        )
        .await?;
    let un_framework = story
        .register(
            "2020-11-16T10:20:00Z",
            DocumentType::Protocol,
            None,
            t(
                "Протокол о правовых основах участия Миротворческих сил ОДКБ в операциях под эгидой ООН",
                "Protocol on the legal framework for the CSTO Peacekeeping Forces' participation in operations under UN auspices",
            ),
            Sponsor::Secretariat,
            "csc",
            story.paragraphs(&[
                (
                    "Миротворческие силы ОДКБ могут участвовать в операциях по поддержанию мира под эгидой ООН.",
                    "The CSTO Peacekeeping Forces may take part in peacekeeping operations under UN auspices.",
                ),
                (
                    "Решение об участии принимает Совет коллективной безопасности по просьбе ООН.",
                    "The Collective Security Council decides on participation at the UN's request.",
                ),
            ]),
            Classification::Public,
        )
        .await?;
    let package = vec![institution, hospital, un_framework];
    story
        .at(
            "2020-11-16T11:00:00Z",
            &sec,
            C::CreatePackage {
                session: csc,
                title: t("Миротворческий пакет", "The peacekeeping package"),
                documents: package.clone(),
            },
        )
        .await?;
    // An amendment from every delegation.
    let amendments: [(&str, u32, AmendmentOp, Text); 6] = [
        (
            "AM",
            2,
            AmendmentOp::Replace {
                text: t(
                    "Мы чтим память миллионов погибших, всех, кто отдал жизнь за свободу и независимость народов.",
                    "We honour the memory of the millions who died, all who gave their lives for the freedom and independence of nations.",
                ),
            },
            t("Усилить формулировку.", "Strengthen the wording."),
        ),
        (
            "BY",
            1,
            AmendmentOp::Insert {
                text: t(
                    "Подвиг народов, победивших нацизм, навсегда останется в истории человечества.",
                    "The feat of the nations that defeated Nazism will remain in the history of mankind forever.",
                ),
            },
            t("Отметить подвиг народов.", "Acknowledge the nations' feat."),
        ),
        (
            "KZ",
            4,
            AmendmentOp::Replace {
                text: t(
                    "Государства-члены будут и далее укреплять сотрудничество в ООН, ОБСЕ и других международных форумах.",
                    "The member states will continue to strengthen their cooperation in the UN, the OSCE and other international forums.",
                ),
            },
            t("Назвать другие форумы.", "Name the other forums."),
        ),
        (
            "KG",
            3,
            AmendmentOp::Replace {
                text: t(
                    "Мы решительно отвергаем любые попытки фальсифицировать историю и пересмотреть итоги войны.",
                    "We firmly reject any attempt to falsify history and revise the outcome of the war.",
                ),
            },
            t("Уточнить формулировку.", "Make the wording precise."),
        ),
        (
            "RU",
            3,
            AmendmentOp::Delete,
            t(
                "Объединить с поправкой Кыргызстана.",
                "Merge with Kyrgyzstan's amendment.",
            ),
        ),
        (
            "TJ",
            4,
            AmendmentOp::Insert {
                text: t(
                    "Уроки Нюрнбергского процесса сохраняют своё значение.",
                    "The lessons of the Nuremberg trials keep their significance.",
                ),
            },
            t(
                "Упомянуть Нюрнбергский процесс.",
                "Mention the Nuremberg trials.",
            ),
        ),
    ];
    let mut proposed = Vec::new();
    for (i, (state, paragraph, op, rationale)) in amendments.into_iter().enumerate() {
        let when = format!("2020-11-{:02}T09:00:00Z", 17 + i);
        let delegate = story.principal(&format!("delegate.{}", state.to_lowercase()));
        let command = C::ProposeAmendment {
            document: statement,
            draft: AmendmentDraft {
                version: 1,
                paragraph,
                op,
                rationale,
            },
        };
        story.at(&when, &delegate, command).await?;
        proposed.push(AmendmentId(u64::try_from(i).unwrap_or(0) + 1));
    }
    // 24 November: the defence ministers approve the plan.
    story
        .status("2020-11-24T08:00:00Z", cdm, SessionStatus::Convened)
        .await?;
    story
        .consensus("2020-11-24T08:40:00Z", cdm, 1, plan, &[])
        .await?;
    story
        .conclude(
            "2020-11-24T08:45:00Z",
            cdm,
            1,
            t(
                "План утверждён консенсусом.",
                "The plan is approved by consensus.",
            ),
        )
        .await?;
    story
        .status("2020-11-24T10:00:00Z", cdm, SessionStatus::Concluded)
        .await?;

    // Russia's deletion gives way to Kyrgyzstan's wording.
    let (accept, reject): (Vec<_>, Vec<_>) = proposed.iter().partition(|a| a.0 != 5);
    story
        .at(
            "2020-11-25T09:00:00Z",
            &sec,
            C::MakeVersion {
                document: statement,
                paragraphs: None,
                accept,
                reject,
            },
        )
        .await?;

    story
        .item(
            "2020-11-26T08:00:00Z",
            cfm,
            t(
                "О заявлении в связи с 75-летием Победы",
                "On the statement on the 75th anniversary of Victory",
            ),
            vec![statement],
        )
        .await?;
    story
        .item(
            "2020-11-26T08:05:00Z",
            cfm,
            t(
                "О документах по укреплению миротворческого потенциала ОДКБ к сессии Совета коллективной безопасности",
                "On the documents strengthening the CSTO's peacekeeping potential for the Collective Security Council",
            ),
            package.clone(),
        )
        .await?;
    // The hospital decision goes to the heads of state by silence procedure, ending on the
    // morning of the summit.
    story
        .at(
            "2020-11-27T08:00:00Z",
            &sec,
            C::LaunchSilence {
                document: hospital,
                deadline: moscow("2020-12-02T09:00:00"),
            },
        )
        .await?;
    let silence = story.last_procedure();

    // 1 December: the foreign ministers.
    story
        .status("2020-12-01T09:55:00Z", cfm, SessionStatus::Convened)
        .await?;
    let interpretative = Position::InterpretativeStatement {
        text: t(
            "Армения понимает пункт 4 как включающий сотрудничество в ОБСЕ.",
            "Armenia understands paragraph 4 as including cooperation in the OSCE.",
        ),
    };
    let adopted_statement = story
        .consensus(
            "2020-12-01T10:30:00Z",
            cfm,
            1,
            statement,
            &[(code("AM"), interpretative)],
        )
        .await?;
    story
        .conclude(
            "2020-12-01T10:35:00Z",
            cfm,
            1,
            t(
                "Заявление принято консенсусом.",
                "The statement is adopted by consensus.",
            ),
        )
        .await?;
    story
        .conclude(
            "2020-12-01T11:20:00Z",
            cfm,
            2,
            t(
                "Документы рекомендованы Совету коллективной безопасности.",
                "The documents are recommended to the Collective Security Council.",
            ),
        )
        .await?;
    story
        .at(
            "2020-12-01T11:25:00Z",
            &sec,
            C::Recommend {
                session: cfm,
                item: 2,
                to: csc,
            },
        )
        .await?;
    story
        .status("2020-12-01T12:00:00Z", cfm, SessionStatus::Concluded)
        .await?;
    let minutes = story
        .register(
            "2020-12-01T12:10:00Z",
            DocumentType::Report,
            None,
            t(
                "Протокол заседания Совета министров иностранных дел 1 декабря 2020 года",
                "Minutes of the meeting of the Council of Foreign Ministers of 1 December 2020",
            ),
            Sponsor::Secretariat,
            "cfm",
            story.paragraphs(&[
                (
                    "Заседание проведено в формате видеоконференции под председательством Российской Федерации.",
                    "The meeting was held by videoconference, chaired by the Russian Federation.",
                ),
                (
                    "По первому пункту повестки дня принято Заявление в связи с 75-летием Победы.",
                    "Under the first item, the Statement on the 75th anniversary of Victory was adopted.",
                ),
                (
                    "По второму пункту документы миротворческого пакета рекомендованы Совету коллективной безопасности.",
                    "Under the second item, the documents of the peacekeeping package were recommended to the Collective Security Council.",
                ),
            ]),
            Classification::Restricted,
        )
        .await?;
    story
        .at(
            "2020-12-01T12:15:00Z",
            &sec,
            C::RecordMinutes {
                session: cfm,
                document: minutes,
            },
        )
        .await?;
    story
        .sign("2020-12-01T12:30:00Z", adopted_statement, keys)
        .await?;
    public::december_2020(journal, clock, statement, adopted_statement).await?;

    // 2 December: the silence procedure ends at 09:00 Moscow time; then the summit.
    story
        .at(
            "2020-12-02T06:00:00Z",
            &Principal::system(),
            C::ConcludeSilence { procedure: silence },
        )
        .await?;
    story
        .status("2020-12-02T07:55:00Z", csc, SessionStatus::Convened)
        .await?;
    let summit_item = story
        .journal
        .state()
        .secretariat()
        .session(csc)
        .and_then(|s| s.agenda.last().map(|i| i.number))
        .unwrap_or(1);
    let first = story
        .consensus("2020-12-02T08:30:00Z", csc, summit_item, institution, &[])
        .await?;
    let second = story
        .consensus("2020-12-02T08:40:00Z", csc, summit_item, un_framework, &[])
        .await?;
    story
        .conclude(
            "2020-12-02T08:50:00Z",
            csc,
            summit_item,
            t(
                "Миротворческий пакет принят: два документа консенсусом, решение о госпитале — в порядке молчания.",
                "The peacekeeping package is adopted: two documents by consensus, the hospital decision by silence procedure.",
            ),
        )
        .await?;
    story
        .status("2020-12-02T10:00:00Z", csc, SessionStatus::Concluded)
        .await?;
    for decision in [first, second, silence] {
        story.sign("2020-12-02T10:30:00Z", decision, keys).await?;
    }
    status::december_2020(journal, clock).await?;
    plans::record(journal, clock, plan).await?;
    peacekeeping::record(
        journal,
        clock,
        peacekeeping::Package {
            institution,
            hospital,
        },
    )
    .await?;
    Ok(())
}

/// The number of the last record of a map (0 when empty).
pub(super) fn last<'a, K: Copy + 'a>(
    mut keys: impl DoubleEndedIterator<Item = &'a K>,
    number: impl Fn(K) -> u64,
) -> u64 {
    keys.next_back().map_or(0, |k| number(*k))
}
