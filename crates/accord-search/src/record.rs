//! What the index holds: one [`Record`] per item, part and language, with what the filters and
//! the access policy need beside the words.

use std::fmt;

use accord_core::config::MemberStatus;
use accord_core::policy::Recipient;
use accord_core::{Affiliation, BodyId, Classification, Lang, Principal, Resource, Timestamp};

/// The kinds of item searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A document (its latest version; earlier versions as its drafting history).
    Document,
    /// A decision record.
    Decision,
    /// An incident.
    Incident,
    /// A situation report.
    Sitrep,
    /// A publication of the public information: press release, statement, event, exhibition.
    Publication,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 5] = [
        Kind::Document,
        Kind::Decision,
        Kind::Incident,
        Kind::Sitrep,
        Kind::Publication,
    ];

    /// Its name in queries and answers.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Document => "document",
            Kind::Decision => "decision",
            Kind::Incident => "incident",
            Kind::Sitrep => "sitrep",
            Kind::Publication => "publication",
        }
    }

    /// The kind named `name`.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which part of an item a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// What the item's page shows: a document's latest version, a record's text.
    Current,
    /// A document's earlier versions (its drafting history, read as drafts are).
    History,
}

impl Part {
    /// Its name in the index.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Current => "current",
            Part::History => "history",
        }
    }

    /// The part named `name`.
    pub fn parse(name: &str) -> Option<Part> {
        [Part::Current, Part::History]
            .into_iter()
            .find(|p| p.as_str() == name)
    }
}

/// Who may read a record: its classification and release list, computed as the item's page
/// decides (see `sources`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    /// The classification the reader is held to.
    pub classification: Classification,
    /// Who it is released to beyond it.
    pub release: Vec<Recipient>,
}

impl Access {
    /// The resource the policy is asked about.
    pub fn resource(&self) -> Resource<'_> {
        Resource {
            classification: self.classification,
            release: &self.release,
        }
    }

    /// The keys the index files the record under for the pre-filter: `public`, `restricted`,
    /// and one per recipient of its release list. A reader holding one of them may read it
    /// (see [`reader_keys`]); the policy then decides each hit.
    pub fn keys(&self) -> Vec<String> {
        let mut keys = vec![match self.classification {
            Classification::Public => "public".to_owned(),
            Classification::Restricted => "restricted".to_owned(),
            Classification::Confidential => "confidential".to_owned(),
        }];
        keys.extend(self.release.iter().map(recipient_key));
        keys
    }
}

fn recipient_key(recipient: &Recipient) -> String {
    match recipient {
        Recipient::State { state } => format!("state:{}", state.as_str()),
        Recipient::Partner { partner } => format!("partner:{}", partner.as_str()),
        Recipient::Body { body } => format!("body:{}", body.as_str()),
        Recipient::Account { account } => format!("account:{}", account.as_str()),
        Recipient::Observers => "observers".to_owned(),
        Recipient::Partners => "partner-states".to_owned(),
    }
}

/// The access keys a principal holds ([`Access::keys`]); `None` for the system, which reads
/// everything. This only narrows the search: every hit is still put to `policy::can`.
pub fn reader_keys(principal: &Principal) -> Option<Vec<String>> {
    let affiliation = principal.affiliation();
    if *affiliation == Affiliation::System {
        return None;
    }
    let mut keys = vec!["public".to_owned()];
    // A partner organisation's account without a status reads only what is public, as the
    // policy says (not even what names its account).
    if matches!(affiliation, Affiliation::PartnerOrganisation { .. })
        && principal.standing().is_none()
    {
        return Some(keys);
    }
    if affiliation.is_insider() {
        keys.push("restricted".to_owned());
    }
    if let Some(state) = affiliation.state() {
        keys.push(recipient_key(&Recipient::State { state }));
    }
    match affiliation {
        Affiliation::Observer { .. } => keys.push(recipient_key(&Recipient::Observers)),
        Affiliation::PartnerState { .. } => keys.push(recipient_key(&Recipient::Partners)),
        _ => {}
    }
    if let Affiliation::PartnerOrganisation { partner } = affiliation {
        keys.push(recipient_key(&Recipient::Partner {
            partner: partner.clone(),
        }));
        if principal.standing() == Some(MemberStatus::Observer) {
            keys.push(recipient_key(&Recipient::Observers));
        }
    }
    for body in principal.bodies() {
        keys.push(recipient_key(&Recipient::Body { body: body.clone() }));
    }
    if let Some(account) = principal.account() {
        keys.push(recipient_key(&Recipient::Account {
            account: account.clone(),
        }));
    }
    Some(keys)
}

/// One indexed record: an item's part in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The kind of item.
    pub kind: Kind,
    /// The item's key, unique across kinds (`document:3`, `sitrep:2:1`): hits are grouped by it.
    pub item: String,
    /// The part of the item.
    pub part: Part,
    /// The language of the text.
    pub lang: Lang,
    /// Its title.
    pub title: String,
    /// Its text (paragraphs joined by blank lines).
    pub text: String,
    /// The page showing it.
    pub url: String,
    /// The body it belongs to (documents and decisions).
    pub body: Option<BodyId>,
    /// Its date: a document's latest version, a decision's effect, an incident's opening, a
    /// report's issue.
    pub date: Timestamp,
    /// Who may read it.
    pub access: Access,
}
