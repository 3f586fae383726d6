//! Every kind written in Russian and English and validated with xmllint against the OASIS
//! schema; the identification, IRIs, languages, escaping and refusals.

use std::process::Command;

use super::*;

const XSD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/conformance/akn/akomantoso30.xsd"
);

fn temp_file(xml: &str) -> tempfile::NamedTempFile {
    let file = tempfile::Builder::new()
        .suffix(".xml")
        .tempfile()
        .expect("a temporary file");
    std::fs::write(file.path(), xml).expect("the document is written");
    file
}

fn xmllint(args: &[&str], xml: &str) -> std::process::Output {
    let file = temp_file(xml);
    Command::new("xmllint")
        .args(args)
        .arg(file.path())
        .output()
        .expect(
            "xmllint runs: install libxml2-utils (apt-get install -y libxml2-utils); .ci/run does",
        )
}

fn assert_valid(xml: &str) {
    let out = xmllint(&["--noout", "--nonet", "--schema", XSD], xml);
    assert!(
        out.status.success(),
        "xmllint refused the document:\n{}\n{xml}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Evaluates an XPath expression on the document with xmllint.
fn xpath(xml: &str, expression: &str) -> String {
    let out = xmllint(&["--nonet", "--xpath", expression], xml);
    assert!(
        out.status.success(),
        "xpath {expression} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .trim_end_matches('\n')
        .to_owned()
}

/// `string(path)` where each step of `path` (`//`, `/`, `@attr`) names elements by local name.
fn value_at(xml: &str, path: &str) -> String {
    let steps: Vec<String> = path
        .split('/')
        .map(|step| {
            if step.is_empty() || step.starts_with('@') {
                step.to_owned()
            } else {
                format!("*[local-name()='{step}']")
            }
        })
        .collect();
    xpath(xml, &format!("string({})", steps.join("/")))
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn work(kind: AknKind, name: &str, actor: &str, date: &str, number: &str) -> AknWork {
    AknWork {
        kind,
        name: name.to_owned(),
        jurisdiction: "csto".to_owned(),
        actor: actor.to_owned(),
        date: date.to_owned(),
        number: number.to_owned(),
        temporary_number: None,
        country: "csto".to_owned(),
        author_href: None,
    }
}

fn expression(
    work: &AknWork,
    lang: &str,
    authentic: bool,
    date: &str,
    title: &str,
    body: AknBody,
) -> AknExpression {
    let russian = lang == "ru";
    let organisation = if russian {
        "Организация Договора о коллективной безопасности"
    } else {
        "Collective Security Treaty Organization"
    };
    let author = match (work.actor.as_str(), russian) {
        ("csto-cfm", true) => "Совет министров иностранных дел",
        ("csto-cfm", false) => "Council of Foreign Ministers",
        ("csto-csc", true) => "Совет коллективной безопасности",
        ("csto-csc", false) => "Collective Security Council",
        (other, _) => other,
    };
    AknExpression {
        lang: lang.to_owned(),
        authentic,
        date: date.to_owned(),
        title: title.to_owned(),
        organisation: organisation.to_owned(),
        author: author.to_owned(),
        body,
    }
}

fn statement() -> (AknWork, Vec<AknExpression>) {
    let work = work(
        AknKind::Statement,
        "statement",
        "csto-cfm",
        "2020-09-02",
        "1",
    );
    let ru = expression(
        &work,
        "ru",
        true,
        "2020-09-02",
        "Заявление Совета министров иностранных дел Организации Договора о коллективной \
         безопасности в связи с 75-летием окончания Второй мировой войны",
        AknBody::Text {
            preamble: strings(&["Отмечая 75-ю годовщину окончания Второй мировой войны,"]),
            paragraphs: strings(&[
                "Министры иностранных дел государств — членов ОДКБ чтят память всех, кто \
                 отдал жизнь за свободу и независимость наших народов.",
                "Мы решительно осуждаем попытки фальсифицировать историю Второй мировой войны \
                 и пересмотреть её итоги, закреплённые в Уставе ООН.",
                "Государства — члены ОДКБ будут и впредь совместно противостоять вызовам и \
                 угрозам международной безопасности.",
            ]),
        },
    );
    let en = expression(
        &work,
        "en",
        false,
        "2020-09-04",
        "Statement by the Council of Foreign Ministers of the Collective Security Treaty \
         Organization on the 75th anniversary of the end of the Second World War",
        AknBody::Text {
            preamble: strings(&[
                "Marking the 75th anniversary of the end of the Second World War,",
            ]),
            paragraphs: strings(&[
                "The Ministers of Foreign Affairs of the CSTO member states honour the memory of \
                 all who gave their lives for the freedom and independence of our peoples.",
                "We firmly condemn attempts to falsify the history of the Second World War and \
                 to revise its outcome, enshrined in the Charter of the United Nations.",
                "The CSTO member states will continue to face the challenges and threats to \
                 international security together.",
            ]),
        },
    );
    (work, vec![ru, en])
}

fn plan() -> (AknWork, Vec<AknExpression>) {
    let work = work(AknKind::Doc, "plan", "csto-csc", "2021-09-16", "4");
    let body = |paragraphs: &[&str]| AknBody::Text {
        preamble: Vec::new(),
        paragraphs: strings(paragraphs),
    };
    let ru = expression(
        &work,
        "ru",
        true,
        "2021-09-16",
        "План коллективных мероприятий по подготовке миротворческих сил ОДКБ на 2022 год",
        body(&[
            "Провести совместное учение миротворческих сил «Нерушимое братство».",
            "Ответственные: Объединённый штаб ОДКБ, министерства обороны; срок: октябрь 2022 года.",
        ]),
    );
    let en = expression(
        &work,
        "en",
        false,
        "2021-09-20",
        "Plan of joint measures to train the CSTO peacekeeping forces in 2022",
        body(&[
            "Hold the joint peacekeeping exercise \"Unbreakable Brotherhood\".",
            "Responsible: the CSTO Joint Staff and the ministries of defence; by October 2022.",
        ]),
    );
    (work, vec![ru, en])
}

fn agreement() -> (AknWork, Vec<AknExpression>) {
    let work = work(AknKind::Act, "agreement", "csto-csc", "2007-10-06", "3");
    let ru = expression(
        &work,
        "ru",
        true,
        "2007-10-06",
        "Соглашение о миротворческой деятельности Организации Договора о коллективной \
         безопасности",
        AknBody::Text {
            preamble: strings(&["Государства — члены Организации Договора о коллективной \
                                 безопасности, далее именуемые Сторонами,"]),
            paragraphs: strings(&[
                "Стороны создают миротворческие силы на постоянной основе.",
                "Настоящее Соглашение вступает в силу с даты получения депозитарием четвёртого \
                 уведомления.",
            ]),
        },
    );
    let en = expression(
        &work,
        "en",
        false,
        "2007-10-06",
        "Agreement on the peacekeeping activities of the Collective Security Treaty Organization",
        AknBody::Text {
            preamble: strings(&["The member states of the Collective Security Treaty \
                                 Organization, hereinafter the Parties,"]),
            paragraphs: strings(&[
                "The Parties establish peacekeeping forces on a permanent basis.",
                "This Agreement enters into force on the date the depositary receives the fourth \
                 notification.",
            ]),
        },
    );
    (work, vec![ru, en])
}

fn package() -> (AknWork, Vec<AknExpression>) {
    let members = [
        (
            work(
                AknKind::Statement,
                "decision",
                "csto-csc",
                "2022-11-23",
                "7",
            ),
            "Решение о составе миротворческих сил ОДКБ",
            "Decision on the composition of the CSTO peacekeeping forces",
        ),
        (
            work(AknKind::Doc, "plan", "csto-csc", "2022-11-23", "8"),
            "План подготовки миротворческих сил ОДКБ на 2023 год",
            "Plan for training the CSTO peacekeeping forces in 2023",
        ),
        (
            work(AknKind::Doc, "protocol", "csto-csc", "2022-11-23", "9"),
            "Протокол о внесении изменений в Соглашение о миротворческой деятельности ОДКБ",
            "Protocol amending the Agreement on the peacekeeping activities of the CSTO",
        ),
    ];
    let components = |lang: &str| -> Vec<AknComponent> {
        members
            .iter()
            .map(|(member, ru, en)| AknComponent {
                title: (if lang == "ru" { *ru } else { *en }).to_owned(),
                href: member
                    .expression_iri(lang, "2022-11-23")
                    .expect("a known language"),
            })
            .collect()
    };
    let work = work(
        AknKind::DocumentCollection,
        "package",
        "csto-csc",
        "2022-11-23",
        "2",
    );
    let ru = expression(
        &work,
        "ru",
        true,
        "2022-11-01",
        "Пакет документов по миротворческой деятельности к сессии Совета коллективной безопасности",
        AknBody::Collection(components("ru")),
    );
    let en = expression(
        &work,
        "en",
        false,
        "2022-11-03",
        "Package of peacekeeping documents for the session of the Collective Security Council",
        AknBody::Collection(components("en")),
    );
    (work, vec![ru, en])
}

fn speech(speaker_id: &str, speaker: &str, paragraphs: &[&str]) -> AknSpeech {
    AknSpeech {
        speaker_id: speaker_id.to_owned(),
        speaker: speaker.to_owned(),
        paragraphs: strings(paragraphs),
    }
}

fn minutes() -> (AknWork, Vec<AknExpression>) {
    let work = work(AknKind::Debate, "minutes", "csto-cfm", "2020-09-02", "1");
    let ru = expression(
        &work,
        "ru",
        true,
        "2020-09-03",
        "Протокол заседания Совета министров иностранных дел ОДКБ",
        AknBody::Debate {
            paragraphs: strings(&[
                "Заседание открыл председательствующий, министр иностранных дел Республики Армения.",
                "Совет принял Заявление в связи с 75-летием окончания Второй мировой войны.",
            ]),
            speeches: vec![
                speech(
                    "arm-minister",
                    "Министр иностранных дел Республики Армения",
                    &["Предлагаю утвердить повестку дня."],
                ),
                speech(
                    "kaz-minister",
                    "Министр иностранных дел Республики Казахстан",
                    &[
                        "Поддерживаю.",
                        "Предлагаю принять проект Заявления за основу.",
                    ],
                ),
                speech(
                    "arm-minister",
                    "Министр иностранных дел Республики Армения",
                    &["Решение принято консенсусом."],
                ),
            ],
        },
    );
    let en = expression(
        &work,
        "en",
        false,
        "2020-09-04",
        "Minutes of the session of the CSTO Council of Foreign Ministers",
        AknBody::Debate {
            paragraphs: strings(&[
                "The Minister of Foreign Affairs of the Republic of Armenia, presiding, opened \
                 the session.",
                "The Council adopted the Statement on the 75th anniversary of the end of the \
                 Second World War.",
            ]),
            speeches: vec![
                speech(
                    "arm-minister",
                    "Minister of Foreign Affairs of the Republic of Armenia",
                    &["I propose that we approve the agenda."],
                ),
                speech(
                    "kaz-minister",
                    "Minister of Foreign Affairs of the Republic of Kazakhstan",
                    &[
                        "I agree.",
                        "I propose that we take the draft Statement as a basis.",
                    ],
                ),
                speech(
                    "arm-minister",
                    "Minister of Foreign Affairs of the Republic of Armenia",
                    &["The decision is adopted by consensus."],
                ),
            ],
        },
    );
    (work, vec![ru, en])
}

/// The draft statement the amendment points at: no final number yet.
fn draft_statement() -> AknWork {
    work(
        AknKind::Statement,
        "statement",
        "csto-cfm",
        "2020-09-02",
        &temporary_number(17),
    )
}

fn amendment(operation: AknOperation) -> (AknWork, Vec<AknExpression>) {
    let work = work(
        AknKind::Amendment,
        "amendment",
        "csto-blr",
        "2020-08-20",
        "1",
    );
    let draft = draft_statement();
    let (ru_text, en_text, ru_instruction, en_instruction) = match operation {
        AknOperation::Replace => (
            "Мы осуждаем любые попытки фальсифицировать историю Второй мировой войны.",
            "We condemn any attempt to falsify the history of the Second World War.",
            "Пункт 2 изложить в следующей редакции:",
            "Replace paragraph 2 with:",
        ),
        AknOperation::Insert => (
            "Мы чтим подвиг тружеников тыла.",
            "We honour the feat of those who worked on the home front.",
            "После пункта 2 дополнить новым пунктом:",
            "After paragraph 2, insert:",
        ),
        AknOperation::Delete => ("", "", "Пункт 2 исключить.", "Delete paragraph 2."),
    };
    let body = |lang: &str, title: &str, instruction: &str, text: &str, why: &str| {
        AknBody::Amendment(AknAmendment {
            target: draft
                .expression_iri(lang, "2020-08-15")
                .expect("a known language"),
            target_title: title.to_owned(),
            paragraph: 2,
            operation,
            instruction: instruction.to_owned(),
            text: text.to_owned(),
            rationale: Some(why.to_owned()),
        })
    };
    let mut ru = expression(
        &work,
        "ru",
        true,
        "2020-08-20",
        "Поправка делегации Республики Беларусь к пункту 2 проекта Заявления",
        body(
            "ru",
            "Проект Заявления в связи с 75-летием окончания Второй мировой войны",
            ru_instruction,
            ru_text,
            "Уточнение формулировки.",
        ),
    );
    ru.author = "Делегация Республики Беларусь".to_owned();
    let mut en = expression(
        &work,
        "en",
        false,
        "2020-08-21",
        "Amendment by the delegation of the Republic of Belarus to paragraph 2 of the draft \
         Statement",
        body(
            "en",
            "Draft Statement on the 75th anniversary of the end of the Second World War",
            en_instruction,
            en_text,
            "A more precise wording.",
        ),
    );
    en.author = "Delegation of the Republic of Belarus".to_owned();
    (work, vec![ru, en])
}

/// Writes every language, validates each file and returns them.
fn written(fixture: &(AknWork, Vec<AknExpression>)) -> Vec<AknFile> {
    let (work, expressions) = fixture;
    let files = to_xml_all(work, expressions).expect("the document is written");
    assert_eq!(
        files.iter().map(|f| f.language).collect::<Vec<_>>(),
        ["rus", "eng"]
    );
    for file in &files {
        assert!(
            file.xml
                .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<akomaNtoso")
        );
        assert!(!file.xml.contains("<!DOCTYPE"));
        assert_valid(&file.xml);
    }
    files
}

#[test]
fn a_statement_of_the_council_of_foreign_ministers_validates_in_russian_and_english() {
    let files = written(&statement());
    let ru = &files[0].xml;
    assert_eq!(value_at(ru, "/akomaNtoso/statement/@name"), "statement");
    assert_eq!(value_at(ru, "//mainBody/paragraph/@eId"), "para_1");
    assert_eq!(value_at(ru, "//mainBody/paragraph/num"), "1.");
    assert!(value_at(ru, "//preface/p/docTitle").contains("75-летием"));
    assert!(value_at(ru, "//preamble/p").starts_with("Отмечая"));
    assert_eq!(
        xpath(
            ru,
            "count(//*[local-name()='mainBody']/*[local-name()='paragraph'])"
        ),
        "3"
    );
}

#[test]
fn a_plan_validates_as_a_doc_in_russian_and_english() {
    let files = written(&plan());
    assert_eq!(value_at(&files[1].xml, "/akomaNtoso/doc/@name"), "plan");
    assert_eq!(
        value_at(&files[1].xml, "//FRBRWork/FRBRsubtype/@value"),
        "plan"
    );
}

#[test]
fn an_agreement_validates_as_an_act_with_a_body_in_russian_and_english() {
    let files = written(&agreement());
    let ru = &files[0].xml;
    assert_eq!(value_at(ru, "/akomaNtoso/act/@name"), "agreement");
    assert_eq!(value_at(ru, "//act/body/paragraph/@eId"), "para_1");
    assert_eq!(value_at(ru, "//FRBRWork/FRBRdate/@name"), "signature");
}

#[test]
fn a_package_of_three_peacekeeping_documents_validates_as_a_document_collection() {
    let fixture = package();
    let files = written(&fixture);
    for (file, expression) in files.iter().zip(&fixture.1) {
        let AknBody::Collection(components) = &expression.body else {
            panic!("a collection");
        };
        assert_eq!(
            xpath(
                &file.xml,
                "count(//*[local-name()='collectionBody']/*[local-name()='component'])"
            ),
            "3"
        );
        for (i, component) in components.iter().enumerate() {
            let n = i + 1;
            let at = format!(
                "string(//*[local-name()='component'][@eId='cmp_{n}']/*[local-name()='documentRef']/@href)"
            );
            assert_eq!(xpath(&file.xml, &at), component.href);
            check_iri(&component.href).expect("the member's IRI is good");
        }
    }
    assert!(
        files[0]
            .xml
            .contains("/akn/csto/doc/protocol/csto-csc/2022-11-23/9/rus@2022-11-23")
    );
    assert!(
        files[1]
            .xml
            .contains("/akn/csto/doc/protocol/csto-csc/2022-11-23/9/eng@2022-11-23")
    );
}

#[test]
fn the_minutes_of_a_session_validate_as_a_debate_with_speeches_by_known_speakers() {
    let files = written(&minutes());
    for file in &files {
        let xml = &file.xml;
        assert_eq!(value_at(xml, "/akomaNtoso/debate/@name"), "minutes");
        assert_eq!(
            xpath(xml, "count(//*[local-name()='speech'])"),
            "3",
            "every speech is written"
        );
        assert_eq!(
            xpath(xml, "count(//*[local-name()='TLCPerson'])"),
            "2",
            "one TLCPerson per speaker"
        );
        assert_eq!(
            xpath(
                xml,
                "count(//*[local-name()='speech'][not(substring(@by, 2) = \
                 //*[local-name()='TLCPerson']/@eId)])"
            ),
            "0",
            "every speech is by a TLCPerson"
        );
        assert_eq!(
            xpath(
                xml,
                "count(//*[local-name()='blockContainer']/*[local-name()='num'])"
            ),
            "2"
        );
    }
}

#[test]
fn an_amendment_replacing_paragraph_2_validates_and_records_a_substitution() {
    let fixture = amendment(AknOperation::Replace);
    let files = written(&fixture);
    let ru = &files[0].xml;
    let target = draft_statement()
        .expression_iri("ru", "2020-08-15")
        .expect("a known language");
    check_iri(&target).expect("a draft's IRI with a temporary number is good");
    assert_eq!(
        value_at(ru, "//amendmentReference/p/affectedDocument/@href"),
        target
    );
    assert_eq!(value_at(ru, "//textualMod/@type"), "substitution");
    assert_eq!(
        value_at(ru, "//textualMod/destination/@href"),
        format!("{target}/~para_2")
    );
    assert_eq!(value_at(ru, "//textualMod/source/@href"), "#mod_1");
    assert_eq!(value_at(ru, "//textualMod/new/@href"), "#mod_1__qtext_1");
    assert_eq!(
        value_at(ru, "//amendmentContent/p/mod/quotedText"),
        "Мы осуждаем любые попытки фальсифицировать историю Второй мировой войны."
    );
    assert_eq!(
        value_at(ru, "//amendmentJustification/p"),
        "Уточнение формулировки."
    );
    assert_eq!(value_at(ru, "//FRBRWork/FRBRauthor/@href"), "#csto-blr");
}

#[test]
fn amendments_inserting_or_deleting_a_paragraph_validate_too() {
    let inserted = written(&amendment(AknOperation::Insert));
    assert_eq!(
        value_at(&inserted[0].xml, "//textualMod/@type"),
        "insertion"
    );
    assert_eq!(
        value_at(&inserted[0].xml, "//textualMod/destination/@pos"),
        "after"
    );
    let deleted = written(&amendment(AknOperation::Delete));
    assert_eq!(value_at(&deleted[1].xml, "//textualMod/@type"), "repeal");
    assert_eq!(
        xpath(&deleted[1].xml, "count(//*[local-name()='quotedText'])"),
        "0"
    );
}

#[test]
fn only_the_authentic_expression_is_authoritative() {
    for fixture in [statement(), plan(), agreement(), package(), minutes()] {
        let files = written(&fixture);
        let authoritative: Vec<String> = files
            .iter()
            .map(|f| value_at(&f.xml, "//FRBRExpression/FRBRauthoritative/@value"))
            .collect();
        assert_eq!(authoritative, ["true", "false"]);
    }
}

#[test]
fn every_iri_written_passes_check_iri_and_carries_the_language() {
    let fixture = statement();
    let files = written(&fixture);
    for (file, lang3) in files.iter().zip(["rus", "eng"]) {
        let xml = &file.xml;
        let work_uri = value_at(xml, "//FRBRWork/FRBRuri/@value");
        assert_eq!(
            work_uri,
            "/akn/csto/statement/statement/csto-cfm/2020-09-02/1"
        );
        assert_eq!(work_uri, fixture.0.work_iri());
        let expression_uri = value_at(xml, "//FRBRExpression/FRBRuri/@value");
        let manifestation = value_at(xml, "//FRBRManifestation/FRBRthis/@value");
        assert_eq!(manifestation, file.iri);
        assert_eq!(manifestation, format!("{expression_uri}/!main.xml"));
        for iri in [
            work_uri.clone(),
            value_at(xml, "//FRBRWork/FRBRthis/@value"),
            expression_uri.clone(),
            value_at(xml, "//FRBRExpression/FRBRthis/@value"),
            manifestation.clone(),
        ] {
            check_iri(&iri).unwrap_or_else(|e| panic!("{iri}: {e}"));
            assert!(iri.starts_with(&work_uri));
        }
        let parsed = parse_iri(&expression_uri).expect("a good IRI");
        assert_eq!(parsed.language.as_deref(), Some(lang3));
        assert_eq!(
            value_at(xml, "//FRBRExpression/FRBRlanguage/@language"),
            lang3
        );
        assert!(
            expression_uri.ends_with(&format!("/{lang3}@{}", parsed.version.expect("a version")))
        );
        assert_eq!(
            parse_iri(&manifestation)
                .expect("good")
                .component
                .as_deref(),
            Some("main.xml")
        );
    }
    assert!(files[1].iri.ends_with("/eng@2020-09-04/!main.xml"));
}

#[test]
fn the_source_and_the_authors_point_to_organisations_in_the_references() {
    let files = written(&statement());
    let xml = &files[0].xml;
    assert_eq!(value_at(xml, "//identification/@source"), "#csto");
    assert_eq!(value_at(xml, "//references/@source"), "#csto");
    let dangling = "count(//@*[(local-name()='source' or (local-name()='href' and \
                    local-name(..)='FRBRauthor'))][not(substring(., 2) = \
                    //*[local-name()='TLCOrganization']/@eId)])";
    assert_eq!(
        xpath(xml, dangling),
        "0",
        "a source or author points nowhere"
    );
    assert_eq!(
        xpath(
            xml,
            "string(//*[local-name()='TLCOrganization'][@eId='csto-cfm']/@showAs)"
        ),
        "Совет министров иностранных дел"
    );
    assert_eq!(
        xpath(
            xml,
            "string(//*[local-name()='TLCOrganization'][@eId='csto-cfm']/@href)"
        ),
        "/akn/ontology/organization/csto/csto-cfm"
    );
}

#[test]
fn markup_characters_in_titles_are_escaped() {
    let (work, mut expressions) = statement();
    let title = "Заявление <о \"мире\"> & безопасности 'сегодня'";
    expressions[0].title = title.to_owned();
    let xml = to_xml(&work, &expressions[0]).expect("written");
    assert!(xml.contains("Заявление &lt;о \"мире\"&gt; &amp; безопасности 'сегодня'"));
    assert_valid(&xml);
    assert_eq!(value_at(&xml, "//preface/p/docTitle"), title);

    let (work, mut expressions) = package();
    let AknBody::Collection(components) = &mut expressions[1].body else {
        panic!("a collection");
    };
    components[0].title = "Decision <on> \"forces\" & 'means'\tnow".to_owned();
    let xml = to_xml(&work, &expressions[1]).expect("written");
    assert!(xml.contains("showAs=\"Decision &lt;on&gt; &quot;forces&quot; &amp; 'means'&#9;now\""));
    assert_valid(&xml);
    assert_eq!(
        xpath(
            &xml,
            "string(//*[local-name()='documentRef'][@eId='cmp_1__dref']/@showAs)"
        ),
        "Decision <on> \"forces\" & 'means'\tnow"
    );
}

#[test]
fn characters_xml_cannot_carry_are_refused() {
    let (work, mut expressions) = statement();
    expressions[0].title = "Заявление\u{1}".to_owned();
    let error = to_xml(&work, &expressions[0]).expect_err("refused");
    assert!(error.to_string().contains("U+0001"), "{error}");
}

#[test]
fn an_unknown_language_is_refused_with_a_clear_error() {
    let (work, mut expressions) = statement();
    expressions[1].lang = "xx-YY".to_owned();
    let error = to_xml(&work, &expressions[1]).expect_err("refused");
    assert_eq!(error, AknError::UnknownLanguage("xx-YY".to_owned()));
    let message = error.to_string();
    assert!(
        message.contains("\"xx-YY\"") && message.contains("ISO 639-2/B"),
        "{message}"
    );
    assert!(language_code("tlh").is_err());
    assert!(language_code("").is_err());
}

#[test]
fn languages_map_to_iso_639_2_bibliographic_codes() {
    for (tag, code) in [
        ("ru", "rus"),
        ("en", "eng"),
        ("kk", "kaz"),
        ("ky", "kir"),
        ("hy", "arm"),
        ("be", "bel"),
        ("tg", "tgk"),
        ("fr", "fre"),
        ("zh", "chi"),
        ("ar", "ara"),
        ("es", "spa"),
        ("de", "ger"),
        ("ru-RU", "rus"),
        ("zh-Hans-CN", "chi"),
        ("EN", "eng"),
    ] {
        assert_eq!(language_code(tag), Ok(code), "{tag}");
    }
}

#[test]
fn good_iris_pass_at_every_level() {
    let work = "/akn/csto/statement/statement/csto-cfm/2020-09-02/1";
    for iri in [
        work.to_owned(),
        format!("{work}/!main"),
        format!("{work}/rus@2020-09-02"),
        format!("{work}/rus@2020-09-02/!main"),
        format!("{work}/arm@2020-09-10/!main.xml"),
        "/akn/csto/documentCollection/package/csto-csc/2022-11-23/tmp-17".to_owned(),
        "/akn/csto/doc/joint-statement/csto-cfm-working-group/2024-02-29/2024.1".to_owned(),
    ] {
        check_iri(&iri).unwrap_or_else(|e| panic!("{iri}: {e}"));
    }
}

#[test]
fn a_bad_iri_is_refused_naming_what_is_wrong() {
    let work = "/akn/csto/statement/statement/csto-cfm/2020-09-02/1";
    let cases = [
        (
            "akn/csto/statement/statement/csto-cfm/2020-09-02/1".to_owned(),
            "does not start with /akn/",
        ),
        (
            "/akn/csto/statement/statement/csto-cfm/2020-09-02".to_owned(),
            "5 segments",
        ),
        (
            "/akn/csto//statement/csto-cfm/2020-09-02/1".to_owned(),
            "segment 2 after /akn/ is empty",
        ),
        (
            "/akn/CSTO/statement/statement/CSTO-cfm/2020-09-02/1".to_owned(),
            "jurisdiction \"CSTO\"",
        ),
        (
            "/akn/csto/decision/decision/csto-cfm/2020-09-02/1".to_owned(),
            "document type \"decision\"",
        ),
        (
            "/akn/csto/statement/Statement/csto-cfm/2020-09-02/1".to_owned(),
            "subtype \"Statement\"",
        ),
        (
            "/akn/csto/statement/statement/un-ga/2020-09-02/1".to_owned(),
            "actor \"un-ga\"",
        ),
        (
            "/akn/csto/statement/statement/csto-CFM/2020-09-02/1".to_owned(),
            "the body \"CFM\"",
        ),
        (
            "/akn/csto/statement/statement/csto-cfm/2020-02-30/1".to_owned(),
            "the work date \"2020-02-30\" is not a calendar date",
        ),
        (
            "/akn/csto/statement/statement/csto-cfm/02.09.2020/1".to_owned(),
            "\"02.09.2020\" is not YYYY-MM-DD",
        ),
        (
            "/akn/csto/statement/statement/csto-cfm/2020-09-02/№1".to_owned(),
            "number \"№1\"",
        ),
        (format!("{work}/ru@2020-09-02"), "language \"ru\""),
        (format!("{work}/rus"), "\"rus\" is not <lang3>@<date>"),
        (
            format!("{work}/rus@2020-9-2"),
            "the version date \"2020-9-2\"",
        ),
        (
            format!("{work}/!main.xml"),
            "a manifestation (/!main.xml) needs /<lang3>@<date>",
        ),
        (
            format!("{work}/rus@2020-09-02/!index.html"),
            "the component \"!index.html\"",
        ),
        (
            format!("{work}/rus@2020-09-02/!main.xml/more"),
            "unexpected segment \"more\"",
        ),
        (format!("{work}/"), "is empty"),
    ];
    for (iri, expected) in cases {
        let error = check_iri(&iri).expect_err(&iri);
        let AknError::BadIri { iri: named, .. } = &error else {
            panic!("{iri}: {error:?}");
        };
        assert_eq!(named, &iri);
        let message = error.to_string();
        assert!(message.contains(expected), "{iri}: {message}");
    }
}

#[test]
fn a_work_whose_iri_would_be_bad_is_refused_before_writing() {
    let (mut work, expressions) = statement();
    work.actor = "cfm".to_owned();
    let error = to_xml(&work, &expressions[0]).expect_err("refused");
    assert!(error.to_string().contains("actor \"cfm\""), "{error}");
}

#[test]
fn a_draft_has_a_temporary_number_kept_as_an_alias_once_numbered() {
    assert_eq!(temporary_number(17), "tmp-17");
    let (mut work, expressions) = statement();
    work.number = temporary_number(17);
    let draft = to_xml(&work, &expressions[0]).expect("a draft is written");
    assert_valid(&draft);
    assert_eq!(
        value_at(&draft, "//FRBRWork/FRBRuri/@value"),
        "/akn/csto/statement/statement/csto-cfm/2020-09-02/tmp-17"
    );
    work.number = "1".to_owned();
    work.temporary_number = Some(temporary_number(17));
    let numbered = to_xml(&work, &expressions[0]).expect("written");
    assert_valid(&numbered);
    assert_eq!(
        value_at(&numbered, "//FRBRWork/FRBRalias/@value"),
        "/akn/csto/statement/statement/csto-cfm/2020-09-02/tmp-17"
    );
    assert_eq!(
        value_at(&numbered, "//FRBRWork/FRBRalias/@name"),
        "temporary"
    );
    assert_eq!(value_at(&numbered, "//FRBRWork/FRBRnumber/@value"), "1");
}

#[test]
fn a_set_of_expressions_needs_exactly_one_authentic_text_and_one_text_per_language() {
    let (work, mut expressions) = statement();
    expressions[1].authentic = true;
    let error = to_xml_all(&work, &expressions).expect_err("two authentic texts");
    assert!(
        error
            .to_string()
            .contains("exactly one authentic text, not 2"),
        "{error}"
    );
    expressions[0].authentic = false;
    expressions[1].authentic = false;
    assert!(
        to_xml_all(&work, &expressions).is_err(),
        "no authentic text"
    );
    expressions[0].authentic = true;
    expressions[1].lang = "ru-RU".to_owned();
    let error = to_xml_all(&work, &expressions).expect_err("two Russian texts");
    assert!(error.to_string().contains("two texts in rus"), "{error}");
}

#[test]
fn a_body_that_does_not_fit_the_kind_is_refused() {
    let (mut work, expressions) = package();
    work.kind = AknKind::Statement;
    let error = to_xml(&work, &expressions[0]).expect_err("refused");
    assert_eq!(
        error,
        AknError::WrongBody {
            kind: "statement",
            body: "collection"
        }
    );
    let (work, mut expressions) = statement();
    expressions[0].body = AknBody::Text {
        preamble: Vec::new(),
        paragraphs: Vec::new(),
    };
    assert!(to_xml(&work, &expressions[0]).is_err(), "an empty body");
}

#[test]
fn inconsistent_amendments_are_refused() {
    let (work, mut expressions) = amendment(AknOperation::Delete);
    let AknBody::Amendment(amendment) = &mut expressions[0].body else {
        panic!("an amendment");
    };
    amendment.text = "текст".to_owned();
    let error = to_xml(&work, &expressions[0]).expect_err("text with a deletion");
    assert!(
        error.to_string().contains("must be empty when deleting"),
        "{error}"
    );
    let AknBody::Amendment(amendment) = &mut expressions[0].body else {
        panic!("an amendment");
    };
    amendment.text = String::new();
    amendment.paragraph = 0;
    assert!(to_xml(&work, &expressions[0]).is_err(), "paragraph 0");
    let AknBody::Amendment(amendment) = &mut expressions[0].body else {
        panic!("an amendment");
    };
    amendment.paragraph = 2;
    amendment.target = "/akn/csto/statement/statement/csto-cfm/2020-09-02/1".to_owned();
    let error = to_xml(&work, &expressions[0]).expect_err("a Work IRI as target");
    assert!(
        error.to_string().contains("is not an Expression IRI"),
        "{error}"
    );
}
