//! The search benchmark: 50,000 documents in Russian and English (100,000 records), generated
//! from a vocabulary of the organisation's words with a skewed frequency, searched with one to
//! three words, with and without filters, as readers the policy checks hit by hit. Prints the
//! index's build time and size, and p50/p99/max per kind of query.
//!
//! `cargo bench -p accord-search --bench search`

#![expect(clippy::print_stdout, reason = "a benchmark prints its figures")]

use std::time::{Duration, Instant};

use accord_core::policy::Recipient;
use accord_core::{
    AccountId, Affiliation, BodyId, Classification, Date, Lang, Principal, Role, StateCode,
    Timestamp,
};
use accord_search::sources::Change;
use accord_search::{Access, Kind, Part, Query, Record, SearchIndex};

const DOCUMENTS: u64 = 50_000;
const QUERIES: usize = 400;

const RU: &[&str] = &[
    "заявление",
    "заявления",
    "заявлением",
    "решение",
    "решения",
    "решением",
    "совет",
    "совета",
    "министров",
    "иностранных",
    "дел",
    "обороны",
    "безопасности",
    "коллективной",
    "коллективные",
    "силы",
    "сил",
    "миротворческие",
    "миротворческих",
    "операции",
    "операций",
    "организации",
    "организация",
    "договора",
    "договор",
    "государств",
    "государства",
    "членов",
    "сотрудничества",
    "сотрудничество",
    "военного",
    "военное",
    "план",
    "плана",
    "стратегии",
    "стратегия",
    "года",
    "годы",
    "мира",
    "мир",
    "угрозы",
    "угроз",
    "терроризма",
    "терроризму",
    "борьбы",
    "борьба",
    "противодействия",
    "наркотиков",
    "миграции",
    "незаконной",
    "информационной",
    "кризисного",
    "реагирования",
    "центра",
    "центр",
    "донесение",
    "обстановка",
    "обстановки",
    "землетрясение",
    "пандемии",
    "пандемия",
    "госпиталь",
    "госпиталя",
    "мобильного",
    "медицинского",
    "отряда",
    "подразделения",
    "подразделений",
    "готовности",
    "учения",
    "учений",
    "штаба",
    "объединённого",
    "объединенного",
    "секретариата",
    "генерального",
    "секретаря",
    "председательства",
    "саммита",
    "сессии",
    "заседания",
    "повестки",
    "дня",
    "проекта",
    "проект",
    "документов",
    "документа",
    "пакета",
    "принятия",
    "одобрения",
    "поправки",
    "поправок",
    "редакции",
    "текста",
    "положения",
    "статьи",
    "статья",
    "пункта",
    "правовой",
    "базы",
    "основы",
    "участия",
    "эгидой",
    "оон",
    "обсе",
    "опхв",
    "партнёров",
    "партнеров",
    "наблюдателей",
    "статуса",
    "заявки",
    "кандидатов",
    "дней",
    "выставки",
    "фотовыставки",
    "вклада",
    "победы",
    "годовщины",
    "войны",
    "великой",
    "отечественной",
    "второй",
    "мировой",
    "памяти",
    "ветеранов",
    "молодёжи",
    "образования",
    "подготовки",
    "миротворцев",
    "учреждения",
    "базового",
    "биологической",
    "лаборатории",
    "границ",
    "пограничной",
    "охраны",
    "афганистана",
    "центральной",
    "азии",
    "региона",
    "региональной",
    "стабильности",
    "устойчивости",
    "развития",
    "экономического",
    "санкций",
];

const EN: &[&str] = &[
    "statement",
    "statements",
    "decision",
    "decisions",
    "council",
    "ministers",
    "foreign",
    "affairs",
    "defence",
    "security",
    "collective",
    "forces",
    "peacekeeping",
    "peacekeepers",
    "operations",
    "operation",
    "organisation",
    "treaty",
    "member",
    "states",
    "state",
    "cooperation",
    "military",
    "plan",
    "plans",
    "strategy",
    "until",
    "years",
    "peace",
    "threats",
    "threat",
    "terrorism",
    "terrorist",
    "fight",
    "countering",
    "drugs",
    "migration",
    "illegal",
    "information",
    "crisis",
    "response",
    "centre",
    "report",
    "situation",
    "earthquake",
    "pandemic",
    "hospital",
    "mobile",
    "medical",
    "unit",
    "units",
    "readiness",
    "exercise",
    "exercises",
    "staff",
    "joint",
    "secretariat",
    "secretary",
    "general",
    "chairmanship",
    "summit",
    "session",
    "meeting",
    "agenda",
    "draft",
    "drafts",
    "documents",
    "document",
    "package",
    "adoption",
    "approval",
    "amendment",
    "amendments",
    "version",
    "text",
    "provisions",
    "article",
    "paragraph",
    "legal",
    "framework",
    "basis",
    "participation",
    "auspices",
    "united",
    "nations",
    "osce",
    "opcw",
    "partners",
    "observers",
    "status",
    "applications",
    "candidates",
    "days",
    "exhibition",
    "photo",
    "contribution",
    "victory",
    "anniversary",
    "war",
    "great",
    "patriotic",
    "second",
    "world",
    "memory",
    "veterans",
    "youth",
    "education",
    "training",
    "institution",
    "base",
    "biological",
    "laboratory",
    "borders",
    "border",
    "protection",
    "afghanistan",
    "central",
    "asia",
    "region",
    "regional",
    "stability",
    "resilience",
    "development",
    "economic",
    "sanctions",
    "strengthening",
    "strengthen",
    "coordination",
    "foreign",
    "policy",
    "consultations",
    "videoconference",
    "ministerial",
];

/// Words searched for, in other forms than most texts use (stemming must join them).
const RU_QUERIES: &[&str] = &[
    "заявлениями",
    "решениях",
    "миротворческими",
    "операциям",
    "сотрудничеству",
    "стратегией",
    "угрозам",
    "терроризмом",
    "госпиталем",
    "объединённым",
    "лабораториям",
    "выставкам",
    "стабильностью",
    "границам",
    "подготовкой",
    "пандемией",
    "документами",
    "поправкам",
];
const EN_QUERIES: &[&str] = &[
    "statements",
    "decided",
    "peacekeeper",
    "operational",
    "cooperating",
    "strategies",
    "threatened",
    "terrorists",
    "hospitals",
    "exercising",
    "laboratories",
    "exhibitions",
    "stabilities",
    "borders",
    "trainings",
    "pandemics",
    "documented",
    "amended",
];

const BODIES: [&str; 5] = ["csc", "cfm", "cdm", "cssc", "pc"];

/// A small, fixed-seed generator (xorshift64*), so every run files the same documents.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n).expect("small")).expect("small")
    }

    /// A word, the first ones of the list far more often (about Zipf-like).
    fn word<'a>(&mut self, words: &[&'a str]) -> &'a str {
        let a = self.below(words.len());
        let b = self.below(words.len());
        words[a * b / words.len()]
    }

    fn sentence(&mut self, words: &[&str], n: usize) -> String {
        let mut s: Vec<&str> = (0..n).map(|_| self.word(words)).collect();
        s.dedup();
        s.join(" ")
    }
}

fn id<T>(parse: fn(&str) -> Result<T, accord_core::ParseError>, s: &str) -> T {
    parse(s).unwrap_or_else(|e| panic!("{e}"))
}

fn records(rng: &mut Rng, n: u64) -> Vec<Change> {
    let ru = id(Lang::parse, "ru");
    let en = id(Lang::parse, "en");
    let start = Timestamp::parse("2018-01-01T00:00:00Z")
        .expect("a time")
        .unix_seconds();
    (1..=n)
        .map(|doc| {
            let access = match rng.below(10) {
                0..=3 => Access {
                    classification: Classification::Public,
                    release: Vec::new(),
                },
                4..=7 => Access {
                    classification: Classification::Restricted,
                    release: Vec::new(),
                },
                8 => Access {
                    classification: Classification::Restricted,
                    release: vec![Recipient::State {
                        state: id(StateCode::parse, "RS"),
                    }],
                },
                _ => Access {
                    classification: Classification::Confidential,
                    release: vec![Recipient::Body {
                        body: id(BodyId::parse, "cfm"),
                    }],
                },
            };
            let body = id(BodyId::parse, BODIES[rng.below(BODIES.len())]);
            let offset = i64::try_from(rng.below(3 * 365 * 86_400)).expect("small");
            let date = Timestamp::from_unix_seconds(start + offset).expect("a time");
            let paragraphs = 3 + rng.below(6);
            let mut out = Vec::new();
            for (lang, words) in [(ru, RU), (en, EN)] {
                let text: Vec<String> = (0..paragraphs)
                    .map(|_| {
                        let len = 15 + rng.below(40);
                        rng.sentence(words, len)
                    })
                    .collect();
                let title_len = 4 + rng.below(6);
                out.push(Record {
                    kind: if doc % 7 == 0 {
                        Kind::Decision
                    } else {
                        Kind::Document
                    },
                    item: format!("document:{doc}"),
                    part: Part::Current,
                    lang,
                    title: rng.sentence(words, title_len),
                    text: text.join("\n\n"),
                    url: format!("/documents/{doc}"),
                    body: Some(body.clone()),
                    date,
                    access: access.clone(),
                });
            }
            Change {
                owner: format!("document:{doc}"),
                records: out,
            }
        })
        .collect()
}

fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let last = sorted.len().saturating_sub(1);
    #[expect(
        clippy::cast_possible_truncation,
        reason = "an index into a few hundred timings"
    )]
    let at = ((last as f64) * p).round() as usize;
    sorted[at.min(last)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let rss_before = resident_kib();
    let changes = records(&mut rng, DOCUMENTS);
    let text_bytes: usize = changes
        .iter()
        .flat_map(|c| c.records.iter())
        .map(|r| r.text.len() + r.title.len())
        .sum();
    let built = Instant::now();
    let mut index = SearchIndex::new(2).expect("an index");
    index.apply(changes).expect("filed");
    let build = built.elapsed();
    let rss_after = resident_kib();
    println!(
        "filed {} records of {DOCUMENTS} documents ({:.1} MiB of text) in {:.2} s; tantivy's segments {:.1} MiB; resident memory {} MiB before generating, {} MiB after filing",
        index.len(),
        mb(text_bytes),
        build.as_secs_f64(),
        mb(usize::try_from(index.index_bytes()).unwrap_or(usize::MAX)),
        rss_before.map_or("?".into(), |k| (k / 1024).to_string()),
        rss_after.map_or("?".into(), |k| (k / 1024).to_string()),
    );

    // One more document, as the server files an applied entry.
    let one = records(&mut Rng(7), 1)
        .into_iter()
        .map(|mut c| {
            c.owner = "document:999999".into();
            c
        })
        .collect();
    let again = Instant::now();
    index.apply(one).expect("filed");
    println!("filing one changed document: {:.1} ms", ms(again.elapsed()));

    let observer = Principal::new(
        id(AccountId::parse, "rs.delegate"),
        Affiliation::Observer {
            state: id(StateCode::parse, "RS"),
        },
        [Role::Delegate].into_iter().collect(),
        std::collections::BTreeSet::new(),
    );
    let delegate = Principal::new(
        id(AccountId::parse, "ru.delegate"),
        Affiliation::Delegation {
            state: id(StateCode::parse, "RU"),
        },
        [Role::Delegate].into_iter().collect(),
        [id(BodyId::parse, "cfm")].into_iter().collect(),
    );
    let filters = |q: &mut Query, rng: &mut Rng| {
        q.kind = Some(Kind::Document);
        q.body = Some(id(BodyId::parse, BODIES[rng.below(BODIES.len())]));
        q.from = Some(id(Date::parse, "2019-01-01"));
        q.to = Some(id(Date::parse, "2019-12-31"));
    };
    println!(
        "{:<44} {:>9} {:>9} {:>9} {:>8}",
        "query (400 each, limit 20)", "p50 ms", "p99 ms", "max ms", "hits"
    );
    for (reader_name, reader) in [("observer", &observer), ("member delegate", &delegate)] {
        for words in 1..=3 {
            for filtered in [false, true] {
                let mut rng = Rng(0x1234_5678 + u64::try_from(words).expect("small"));
                let mut times = Vec::with_capacity(QUERIES);
                let mut hits = 0usize;
                for i in 0..QUERIES {
                    let pool = if i % 2 == 0 { RU_QUERIES } else { EN_QUERIES };
                    let text: Vec<&str> = (0..words).map(|_| pool[rng.below(pool.len())]).collect();
                    let mut query = Query::text(&text.join(" "));
                    if filtered {
                        filters(&mut query, &mut rng);
                    }
                    let t = Instant::now();
                    let found = index.search(&query, reader).expect("searched");
                    times.push(t.elapsed());
                    hits += found.hits.len();
                }
                times.sort();
                println!(
                    "{:<44} {:>9.3} {:>9.3} {:>9.3} {:>8.1}",
                    format!(
                        "{reader_name}, {words} word{}{}",
                        if words > 1 { "s" } else { "" },
                        if filtered { ", filtered" } else { "" }
                    ),
                    ms(percentile(&times, 0.5)),
                    ms(percentile(&times, 0.99)),
                    ms(times[times.len() - 1]),
                    f64::from(u32::try_from(hits).unwrap_or(u32::MAX))
                        / f64::from(u32::try_from(QUERIES).expect("small")),
                );
            }
        }
    }
}

fn mb(bytes: usize) -> f64 {
    f64::from(u32::try_from(bytes / 1024).unwrap_or(u32::MAX)) / 1024.0
}
