//! The demo's public information of 2020, recorded on 1 December 2020 after the foreign
//! ministers adopted their statement (the log begins in November 2020, so the October pages are
//! put on the site that afternoon):
//!
//! - the first Days of the organisation, held on 7 October 2020 (an event);
//! - the photo exhibition on peacekeeping opened that day (three images, drawn here in code:
//!   our own, and decoded and thumbnailed by the server's real upload path);
//! - the statement of 1 December 2020 on the 75th anniversary of Victory, in both languages,
//!   its text taken from the adopted version and linked to the document and the decision;
//! - a press release on the foreign ministers' meeting, linked to the statement.

use std::collections::BTreeMap;
use std::io::Cursor;

use accord_core::publications::PublicationCommand as P;
use accord_core::publications::model::{Content, Image, PublicationId, PublicationKind, Related};
use accord_core::secretariat::model::{DocumentId, ProcedureId};
use accord_core::{AccountId, Command, CommandPayload, Date, Lang, Principal, Timestamp};
use accord_store::{AnyStore, Blob, Journal, ScenarioClock};
use image::{ImageFormat, Rgb, RgbImage};

use crate::error::AppError;
use crate::media;

struct Press<'a> {
    journal: &'a Journal<AnyStore>,
    clock: &'a ScenarioClock,
    sec: Principal,
    ru: Lang,
    en: Lang,
}

fn content(title: &str, summary: &str, body: &str, place: Option<&str>) -> Content {
    Content {
        title: title.to_owned(),
        summary: summary.to_owned(),
        body: body.to_owned(),
        place: place.map(str::to_owned),
    }
}

impl Press<'_> {
    fn both(&self, ru: Content, en: Content) -> BTreeMap<Lang, Content> {
        BTreeMap::from([(self.ru, ru), (self.en, en)])
    }

    async fn run(&self, when: &str, command: P, blobs: Vec<Blob>) -> Result<(), AppError> {
        self.clock
            .set(Timestamp::parse(when).expect("a scenario time"));
        self.journal
            .submit_with_blobs(
                vec![Command {
                    principal: self.sec.clone(),
                    payload: CommandPayload::Publications(command),
                }],
                blobs,
            )
            .await?;
        Ok(())
    }

    /// Drafts and returns the new publication's number.
    async fn draft(
        &self,
        when: &str,
        kind: PublicationKind,
        date: Option<Date>,
        content: BTreeMap<Lang, Content>,
        related: Vec<Related>,
    ) -> Result<PublicationId, AppError> {
        let id = self.journal.state().publications().next_id();
        let command = P::Draft {
            kind,
            date,
            content,
            related,
        };
        self.run(when, command, Vec::new()).await?;
        Ok(id)
    }

    async fn publish(&self, when: &str, publication: PublicationId) -> Result<(), AppError> {
        self.run(when, P::Publish { publication }, Vec::new()).await
    }

    async fn image(
        &self,
        when: &str,
        publication: PublicationId,
        png: Vec<u8>,
        alt: (&str, &str),
        caption: (&str, &str),
    ) -> Result<(), AppError> {
        let processed = media::process(png).map_err(|e| AppError::internal("a demo image", e))?;
        let blobs = processed.blobs();
        let image = Image {
            original: processed.original.0,
            thumbnails: processed.thumbnails.into_iter().map(|(r, _)| r).collect(),
            alt: BTreeMap::from([(self.ru, alt.0.to_owned()), (self.en, alt.1.to_owned())]),
            caption: BTreeMap::from([
                (self.ru, caption.0.to_owned()),
                (self.en, caption.1.to_owned()),
            ]),
        };
        self.run(when, P::AddImage { publication, image }, blobs)
            .await
    }
}

/// A demo photograph's stand-in, drawn in code: a sky over a field in the given colours, with
/// `n` discs standing for people or vehicles; 1,600 × 1,000 pixels, as PNG.
fn picture(sky: [u8; 3], ground: [u8; 3], n: u32) -> Vec<u8> {
    let (width, height) = (1600u32, 1000u32);
    let horizon = height * 3 / 5;
    let mut img = RgbImage::from_fn(width, height, |x, y| {
        let shade = |c: u8, d: u32| c.saturating_sub(u8::try_from(d.min(255)).unwrap_or(255) / 4);
        if y < horizon {
            Rgb([
                shade(sky[0], y / 8),
                shade(sky[1], y / 8),
                shade(sky[2], y / 10),
            ])
        } else {
            let d = (x / 40 + y / 40) % 2 * 12;
            Rgb([
                shade(ground[0], d),
                shade(ground[1], d),
                shade(ground[2], d),
            ])
        }
    });
    for i in 0..n {
        let cx = 200 + i * (1200 / n.max(1));
        let cy = horizon + 80;
        for y in cy.saturating_sub(60)..(cy + 60).min(height) {
            for x in cx.saturating_sub(60)..(cx + 60).min(width) {
                let (dx, dy) = (x.abs_diff(cx), y.abs_diff(cy));
                if dx * dx + dy * dy <= 3600 {
                    img.put_pixel(x, y, Rgb([235, 235, 240]));
                }
            }
        }
    }
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .expect("a PNG is written to memory");
    out
}

/// Records the public information of 2020 (see the module's header); `statement` is the
/// foreign ministers' statement and `decision` the decision adopting it.
pub async fn december_2020(
    journal: &Journal<AnyStore>,
    clock: &ScenarioClock,
    statement: DocumentId,
    decision: ProcedureId,
) -> Result<(), AppError> {
    let sec = journal
        .state()
        .principal(&AccountId::parse("secretariat").expect("an account id"))
        .expect("the Secretariat's demo account");
    let press = Press {
        journal,
        clock,
        sec,
        ru: Lang::parse("ru").expect("ru"),
        en: Lang::parse("en").expect("en"),
    };
    let october_7 = Date::from_ymd(2020, 10, 7).ok();

    let days = press
        .draft(
            "2020-12-01T12:35:00Z",
            PublicationKind::Event,
            october_7,
            press.both(
                content(
                    "Первые Дни ОДКБ",
                    "7 октября 2020 года впервые проведены Дни Организации Договора о коллективной безопасности.",
                    "Дни ОДКБ приурочены к годовщине подписания Устава Организации 7 октября 2002 года.\n\nВ государствах-членах прошли встречи, выставки и открытые лекции о коллективной безопасности.",
                    Some("Москва и столицы государств — членов ОДКБ"),
                ),
                content(
                    "The first CSTO Days",
                    "The Days of the Collective Security Treaty Organization were held for the first time on 7 October 2020.",
                    "The CSTO Days mark the anniversary of the signing of the Organization's Charter on 7 October 2002.\n\nMeetings, exhibitions and open lectures on collective security took place in the member states.",
                    Some("Moscow and the capitals of the CSTO member states"),
                ),
            ),
            Vec::new(),
        )
        .await?;
    press.publish("2020-12-01T12:40:00Z", days).await?;

    let exhibition = press
        .draft(
            "2020-12-01T12:45:00Z",
            PublicationKind::Exhibition,
            october_7,
            press.both(
                content(
                    "Фотовыставка «Миротворцы ОДКБ»",
                    "В Дни ОДКБ открыта фотовыставка о миротворческих силах Организации.",
                    "Выставка рассказывает о подготовке миротворческих сил ОДКБ и их совместных учениях.\n\nФотографии представлены государствами — членами Организации.",
                    Some("Москва, Секретариат ОДКБ"),
                ),
                content(
                    "Photo exhibition: CSTO peacekeepers",
                    "A photo exhibition on the Organization's peacekeeping forces opened during the CSTO Days.",
                    "The exhibition shows the training of the CSTO peacekeeping forces and their joint exercises.\n\nThe photographs were contributed by the member states.",
                    Some("Moscow, CSTO Secretariat"),
                ),
            ),
            vec![Related::Publication { publication: days }],
        )
        .await?;
    let pictures = [
        (
            picture([120, 170, 230], [90, 140, 70], 5),
            (
                "Миротворцы в строю на учебном поле",
                "Peacekeepers lined up on a training field",
            ),
            ("Построение на учениях", "Formation at an exercise"),
        ),
        (
            picture([200, 190, 170], [160, 130, 90], 3),
            (
                "Колонна машин миротворческих сил на марше",
                "A column of peacekeeping vehicles on the march",
            ),
            ("Марш колонны", "A column on the march"),
        ),
        (
            picture([90, 120, 180], [70, 110, 90], 2),
            (
                "Медицинский пост миротворцев в сумерках",
                "The peacekeepers' medical post at dusk",
            ),
            ("Медицинский пост", "A medical post"),
        ),
    ];
    for (i, (png, alt, caption)) in pictures.into_iter().enumerate() {
        let when = format!("2020-12-01T12:{}:00Z", 46 + i);
        press.image(&when, exhibition, png, alt, caption).await?;
    }
    press.publish("2020-12-01T12:55:00Z", exhibition).await?;

    // The statement's text is the adopted version's, per language.
    let (title, paragraphs) = {
        let state = journal.state();
        let document = state
            .secretariat()
            .document(statement)
            .ok_or_else(|| AppError::Internal("the demo's statement is missing".into()))?;
        let version = document
            .current()
            .ok_or_else(|| AppError::Internal("the demo's statement has no version".into()))?;
        (document.title.clone(), version.paragraphs.clone())
    };
    let text_in = |lang: Lang| {
        let body = paragraphs
            .iter()
            .filter_map(|p| p.get(lang))
            .collect::<Vec<_>>()
            .join("\n\n");
        (title.get(lang).unwrap_or_default().to_owned(), body)
    };
    let (ru_title, ru_body) = text_in(press.ru);
    let (en_title, en_body) = text_in(press.en);
    let published_statement = press
        .draft(
            "2020-12-01T13:00:00Z",
            PublicationKind::Statement,
            None,
            press.both(
                content(
                    &ru_title,
                    "Министры иностранных дел государств — членов ОДКБ приняли заявление в связи с 75-летием Победы.",
                    &ru_body,
                    None,
                ),
                content(
                    &en_title,
                    "The foreign ministers of the CSTO member states adopted a statement on the 75th anniversary of Victory.",
                    &en_body,
                    None,
                ),
            ),
            vec![
                Related::Document {
                    document: statement,
                },
                Related::Decision { decision },
            ],
        )
        .await?;
    press
        .publish("2020-12-01T13:05:00Z", published_statement)
        .await?;

    let release = press
        .draft(
            "2020-12-01T13:10:00Z",
            PublicationKind::PressRelease,
            None,
            press.both(
                content(
                    "Состоялось заседание Совета министров иностранных дел ОДКБ",
                    "1 декабря 2020 года Совет министров иностранных дел ОДКБ провёл заседание в формате видеоконференции.",
                    "Министры приняли заявление в связи с 75-летием Победы во Второй мировой войне.\n\nСовет рекомендовал Совету коллективной безопасности документы об укреплении миротворческого потенциала Организации.",
                    None,
                ),
                content(
                    "The CSTO Council of Foreign Ministers met",
                    "On 1 December 2020 the CSTO Council of Foreign Ministers met by videoconference.",
                    "The ministers adopted a statement on the 75th anniversary of Victory in the Second World War.\n\nThe Council recommended the documents strengthening the Organization's peacekeeping potential to the Collective Security Council.",
                    None,
                ),
            ),
            vec![Related::Publication {
                publication: published_statement,
            }],
        )
        .await?;
    press.publish("2020-12-01T13:15:00Z", release).await
}
