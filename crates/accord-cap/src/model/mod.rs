//! The typed CAP 1.2 alert: what a valid document means, with no XML left in it.

pub(crate) mod datetime;
pub(crate) mod values;
pub mod vocab;

mod check;

use crate::geo::{Circle, Polygon};
use datetime::CapDateTime;
use values::{
    AbsoluteUri, Addresses, DerefUri, Identifier, Language, MimeType, Reference, Sender, Sha1Digest,
};
use vocab::{Category, Certainty, MsgType, ResponseType, Scope, Severity, Status, Urgency};

/// A CAP 1.2 `<alert>`. Values of this type come from [`parse`](crate::parse) (which only
/// returns valid alerts) or are built in code; [`Alert::check`] runs the rules that relate
/// several fields to each other.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// `<identifier>`.
    pub identifier: Identifier,
    /// `<sender>`.
    pub sender: Sender,
    /// `<sent>`.
    pub sent: CapDateTime,
    /// `<status>`.
    pub status: Status,
    /// `<msgType>`.
    pub msg_type: MsgType,
    /// `<source>`.
    pub source: Option<String>,
    /// `<scope>`.
    pub scope: Scope,
    /// `<restriction>`: required with scope Restricted, only then.
    pub restriction: Option<String>,
    /// `<addresses>`: required with scope Private.
    pub addresses: Option<Addresses>,
    /// `<code>`s (e.g. profile identifiers).
    pub codes: Vec<String>,
    /// `<note>`.
    pub note: Option<String>,
    /// `<references>`: earlier messages this one refers to.
    pub references: Vec<Reference>,
    /// `<incidents>`: a space-separated list, kept as written.
    pub incidents: Option<String>,
    /// `<info>` blocks (often one per language).
    pub infos: Vec<Info>,
    /// Enveloped XML signatures (`xmldsig` elements after the info blocks), kept verbatim.
    pub signatures: Vec<Signature>,
}

/// An enveloped XML-DSig element, kept byte for byte (with the namespace declarations it
/// inherited made explicit) so it can be emitted again unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub(crate) xml: String,
}

impl Signature {
    /// The element's XML.
    pub fn xml(&self) -> &str {
        &self.xml
    }
}

/// An `<info>` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Info {
    /// `<language>`; absent means en-US (see [`Info::language_or_default`]).
    pub language: Option<Language>,
    /// `<category>`s, at least one.
    pub categories: Vec<Category>,
    /// `<event>`.
    pub event: String,
    /// `<responseType>`s.
    pub response_types: Vec<ResponseType>,
    /// `<urgency>`.
    pub urgency: Urgency,
    /// `<severity>`.
    pub severity: Severity,
    /// `<certainty>`.
    pub certainty: Certainty,
    /// `<audience>`.
    pub audience: Option<String>,
    /// `<eventCode>`s.
    pub event_codes: Vec<NamedValue>,
    /// `<effective>`.
    pub effective: Option<CapDateTime>,
    /// `<onset>`.
    pub onset: Option<CapDateTime>,
    /// `<expires>`.
    pub expires: Option<CapDateTime>,
    /// `<senderName>`.
    pub sender_name: Option<String>,
    /// `<headline>`.
    pub headline: Option<String>,
    /// `<description>`.
    pub description: Option<String>,
    /// `<instruction>`.
    pub instruction: Option<String>,
    /// `<web>`.
    pub web: Option<AbsoluteUri>,
    /// `<contact>`.
    pub contact: Option<String>,
    /// `<parameter>`s.
    pub parameters: Vec<NamedValue>,
    /// `<resource>`s.
    pub resources: Vec<Resource>,
    /// `<area>`s.
    pub areas: Vec<Area>,
}

impl Info {
    /// The language, en-US when absent.
    pub fn language_or_default(&self) -> &str {
        self.language.as_ref().map_or("en-US", Language::as_str)
    }
}

/// A `valueName`/`value` pair (`eventCode`, `parameter`, `geocode`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NamedValue {
    /// `<valueName>`.
    pub value_name: String,
    /// `<value>`.
    pub value: String,
}

/// A `<resource>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// `<resourceDesc>`.
    pub resource_desc: String,
    /// `<mimeType>`.
    pub mime_type: MimeType,
    /// `<size>` in bytes.
    pub size: Option<u64>,
    /// `<uri>`: absolute, or relative with `deref_uri` present.
    pub uri: Option<String>,
    /// `<derefUri>`: the content, base64.
    pub deref_uri: Option<DerefUri>,
    /// `<digest>`: SHA-1, hex.
    pub digest: Option<Sha1Digest>,
}

/// An `<area>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// `<areaDesc>`.
    pub area_desc: String,
    /// `<polygon>`s.
    pub polygons: Vec<Polygon>,
    /// `<circle>`s.
    pub circles: Vec<Circle>,
    /// `<geocode>`s.
    pub geocodes: Vec<NamedValue>,
    /// `<altitude>` in feet above sea level.
    pub altitude: Option<f64>,
    /// `<ceiling>` in feet above sea level; needs `altitude`.
    pub ceiling: Option<f64>,
}
