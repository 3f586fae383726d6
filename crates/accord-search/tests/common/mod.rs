//! Builders for the tests: documents, incidents and reports, publications as the state holds
//! them, and the principals of every kind.

use std::collections::BTreeSet;

use accord_core::config::{DocumentType, MemberStatus};
use accord_core::crisis::model::{
    GeoPoint, Incident, IncidentId, IncidentStatus, IncidentType, Location, Severity, Sitrep,
    SitrepKind,
};
use accord_core::publications::model::{
    Content, Publication, PublicationId, PublicationKind, Status,
};
use accord_core::secretariat::model::{Document, DocumentId, ProcedureId, Sponsor, Version};
use accord_core::{
    AccountId, Actor, Affiliation, BodyId, Classification, Lang, PartnerId, Principal, Recipient,
    Role, StateCode, Text, Timestamp,
};
use accord_search::SearchIndex;
use accord_search::sources::Change;

pub(crate) fn lang(s: &str) -> Lang {
    Lang::parse(s).expect("language")
}

pub(crate) fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).expect("timestamp")
}

pub(crate) fn body(s: &str) -> BodyId {
    BodyId::parse(s).expect("body")
}

pub(crate) fn state(s: &str) -> StateCode {
    StateCode::parse(s).expect("state")
}

pub(crate) fn partner(s: &str) -> PartnerId {
    PartnerId::parse(s).expect("partner")
}

/// A Russian text with its English translation.
pub(crate) fn text(ru: &str, en: &str) -> Text {
    Text::new(lang("ru"), ru)
        .and_then(|t| t.with(lang("en"), en))
        .expect("text")
}

/// A document of `versions` (each one paragraph, Russian and English), adopted or a draft.
pub(crate) fn document(
    id: u64,
    title: Text,
    versions: &[Text],
    classification: Classification,
    release: Vec<Recipient>,
    adopted: bool,
    of_body: &str,
) -> Document {
    Document {
        id: DocumentId(id),
        doc_type: DocumentType::Statement,
        forum: None,
        title,
        sponsor: Sponsor::Secretariat,
        body: body(of_body),
        classification,
        effective_release: release.clone(),
        release,
        versions: versions
            .iter()
            .enumerate()
            .map(|(i, p)| Version {
                number: u32::try_from(i + 1).expect("few versions"),
                paragraphs: vec![p.clone()],
                made_by: Actor::System,
                made_at: at(&format!("2020-11-{:02}T10:00:00Z", 10 + i)),
                accepted: Vec::new(),
                rejected: Vec::new(),
            })
            .collect(),
        amendments: Vec::new(),
        open_procedure: None,
        procedures: Vec::new(),
        adopted_by: adopted.then_some(ProcedureId(id)),
        registered_at: at("2020-11-01T09:00:00Z"),
    }
}

/// An incident with `reports` situation reports (the even ones releasable).
pub(crate) fn incident(
    id: u64,
    title: Text,
    classification: Classification,
    release: Vec<Recipient>,
    reports: &[Text],
) -> Incident {
    Incident {
        id: IncidentId(id),
        title,
        incident_type: IncidentType::NaturalDisaster,
        severity: Severity::Severe,
        location: Location::Point {
            at: GeoPoint::new(40.0, 44.5).expect("a point"),
        },
        affected: BTreeSet::new(),
        status: IncidentStatus::Active,
        lead: None,
        opened_at: at("2020-11-20T08:00:00Z"),
        sitreps: reports
            .iter()
            .enumerate()
            .map(|(i, situation)| Sitrep {
                number: u32::try_from(i + 1).expect("few reports"),
                kind: if i == 0 {
                    SitrepKind::Initial
                } else {
                    SitrepKind::Update
                },
                from: at("2020-11-20T08:00:00Z"),
                to: at("2020-11-21T08:00:00Z"),
                situation: situation.clone(),
                actions: text("Меры приняты.", "Actions taken."),
                needs: text("Нет.", "None."),
                prepared_by: Actor::System,
                authorised_by: Actor::System,
                issued_at: at(&format!("2020-11-{:02}T12:00:00Z", 21 + i)),
                next_due: None,
                releasable: i % 2 == 1,
            })
            .collect(),
        requests: Vec::new(),
        classification,
        release,
        alerts: Vec::new(),
        changes: Vec::new(),
    }
}

/// An index holding these changes.
pub(crate) fn index(changes: Vec<Change>) -> SearchIndex {
    let mut index = SearchIndex::new(1).expect("an index");
    index.apply(changes).expect("filed");
    index
}

fn account(id: &str) -> AccountId {
    AccountId::parse(id).expect("account")
}

/// A principal of every kind, by name.
pub(crate) fn principals() -> Vec<(&'static str, Principal)> {
    let p = |id: &str, affiliation: Affiliation, role: Role, bodies: &[&str]| {
        Principal::new(
            account(id),
            affiliation,
            [role].into_iter().collect(),
            bodies.iter().map(|b| body(b)).collect(),
        )
    };
    vec![
        ("public", Principal::anonymous()),
        (
            "member delegate",
            p(
                "ru.delegate",
                Affiliation::Delegation { state: state("RU") },
                Role::Delegate,
                &["cfm"],
            ),
        ),
        (
            "observer",
            p(
                "rs.delegate",
                Affiliation::Observer { state: state("RS") },
                Role::Delegate,
                &[],
            ),
        ),
        (
            "partner organisation",
            p(
                "rats.liaison",
                Affiliation::PartnerOrganisation {
                    partner: partner("sco-rats"),
                },
                Role::Liaison,
                &[],
            )
            .with_standing(Some(MemberStatus::Partner)),
        ),
        (
            "observer organisation",
            p(
                "eec.liaison",
                Affiliation::PartnerOrganisation {
                    partner: partner("eec"),
                },
                Role::Liaison,
                &[],
            )
            .with_standing(Some(MemberStatus::Observer)),
        ),
        (
            "organisation without a status",
            p(
                "rats.former",
                Affiliation::PartnerOrganisation {
                    partner: partner("sco-rats"),
                },
                Role::Liaison,
                &[],
            ),
        ),
        (
            "partner state",
            p(
                "mn.delegate",
                Affiliation::PartnerState { state: state("MN") },
                Role::Delegate,
                &[],
            ),
        ),
        (
            "Secretariat",
            p("sec.officer", Affiliation::Secretariat, Role::Officer, &[]),
        ),
        (
            "Crisis Centre",
            p("crc.duty", Affiliation::CrisisCentre, Role::Officer, &[]),
        ),
        ("named account", {
            p(
                "named.reader",
                Affiliation::Observer { state: state("AF") },
                Role::Delegate,
                &[],
            )
        }),
    ]
}

/// The release lists tried: none, a state, a partner organisation, a body, one account, every
/// observer state, every partner state.
pub(crate) fn releases() -> Vec<Vec<Recipient>> {
    vec![
        Vec::new(),
        vec![Recipient::State { state: state("RS") }],
        vec![Recipient::Partner {
            partner: partner("sco-rats"),
        }],
        vec![Recipient::Body { body: body("cfm") }],
        vec![Recipient::Account {
            account: account("named.reader"),
        }],
        vec![Recipient::Observers],
        vec![Recipient::Partners],
    ]
}

/// A press release on peace in Russian and English, in the status given.
pub(crate) fn publication(id: u64, status: Status) -> Publication {
    let content = |title: &str, body: &str| Content {
        title: title.to_owned(),
        summary: String::new(),
        body: body.to_owned(),
        place: None,
    };
    Publication {
        id: PublicationId(id),
        kind: PublicationKind::PressRelease,
        date: None,
        content: [
            (
                lang("ru"),
                content(&format!("Сообщение о мире {id}"), "Мир укреплён."),
            ),
            (
                lang("en"),
                content(&format!("Release on peace {id}"), "Peace strengthened."),
            ),
        ]
        .into_iter()
        .collect(),
        related: Vec::new(),
        images: Vec::new(),
        status,
        drafted_by: Actor::System,
        drafted_at: at("2020-11-25T09:00:00Z"),
        edits: 0,
    }
}

/// The three lives of a publication: a draft, published, withdrawn after publication.
pub(crate) fn publication_statuses() -> [Status; 3] {
    [
        Status::Draft,
        Status::Published {
            at: at("2020-11-26T09:00:00Z"),
            by: Actor::System,
        },
        Status::Withdrawn {
            published_at: at("2020-11-26T09:00:00Z"),
            at: at("2020-11-27T09:00:00Z"),
            by: Actor::System,
            reason: "Superseded.".to_owned(),
        },
    ]
}
