//! The secretariat's values: sessions and their agendas, documents with versions and
//! amendments, packages, decision procedures and their positions, decisions and signatures.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::config::{DecisionRule, DocumentType};
use crate::ids::{Actor, BodyId, ParseError, StateCode};
use crate::lang::{Lang, Text};
use crate::policy::Recipient;
use crate::time::Timestamp;

macro_rules! numbered {
    ($($(#[$doc:meta])* $ty:ident),*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $ty(pub u64);

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

numbered!(
    /// A session, numbered from 1 across all bodies in the order they were scheduled.
    SessionId,
    /// A document, numbered from 1 in the order they were registered.
    DocumentId,
    /// An amendment, numbered from 1 across all documents.
    AmendmentId,
    /// A package of documents.
    PackageId,
    /// A decision procedure, numbered from 1; its decision record carries the same number.
    ProcedureId
);

/// An instant written in an explicit time zone, to the second: `2020-12-01T13:00:00+03:00[Europe/Moscow]`
/// (RFC 9557). The offset pins the instant even if the zone's rules change later; the zone says
/// how people there read it.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ZonedTime {
    text: String,
    utc: Timestamp,
    zone_len: usize,
}

impl ZonedTime {
    /// A local wall-clock time (`2020-12-01T13:00:00`) in an IANA time zone (`Europe/Moscow`).
    /// A time the zone skips or repeats (a daylight-saving change) is refused: it names no
    /// single instant.
    pub fn from_local(local: &str, zone: &str) -> Result<Self, ParseError> {
        let tz = jiff::tz::TimeZone::get(zone).map_err(|_| {
            ParseError::new(
                "time zone",
                zone,
                "use an IANA time zone name such as Europe/Moscow",
            )
        })?;
        let civil: jiff::civil::DateTime = local.parse().map_err(|_| {
            ParseError::new(
                "local time",
                local,
                "write the local time as YYYY-MM-DDTHH:MM:SS",
            )
        })?;
        if civil.subsec_nanosecond() != 0 {
            return Err(ParseError::new(
                "local time",
                local,
                "times are kept to the second; remove the fraction",
            ));
        }
        let zoned = tz.to_ambiguous_zoned(civil).unambiguous().map_err(|_| {
            ParseError::new(
                "local time",
                local,
                "this local time is skipped or repeated by a clock change in its zone; choose another",
            )
        })?;
        Self::from_zoned(&zoned, zone)
    }

    fn from_zoned(zoned: &jiff::Zoned, zone: &str) -> Result<Self, ParseError> {
        let utc = Timestamp::from_unix_seconds(zoned.timestamp().as_second())?;
        let text = format!(
            "{}{}[{zone}]",
            zoned.datetime(),
            offset_text(zoned.offset().seconds())
        );
        Ok(Self {
            zone_len: zone.len(),
            text,
            utc,
        })
    }

    /// Parses the RFC 9557 form `2020-12-01T13:00:00+03:00[Europe/Moscow]`, as recorded. The
    /// recorded offset fixes the instant: a time recorded under older time-zone rules (a zone
    /// that has changed its offset since) still reads back as recorded. New times come from
    /// [`ZonedTime::from_local`], which checks the zone's offset.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let bad = || {
            ParseError::new(
                "zoned time",
                text,
                "write YYYY-MM-DDTHH:MM:SS±HH:MM[Zone/Name]",
            )
        };
        let open = text.find('[').ok_or_else(bad)?;
        let zone = text
            .get(open + 1..)
            .and_then(|z| z.strip_suffix(']'))
            .filter(|z| !z.is_empty() && !z.contains(['[', ']']))
            .ok_or_else(bad)?;
        let local = text.get(..19).ok_or_else(bad)?;
        let offset = text.get(19..open).ok_or_else(bad)?;
        let civil: jiff::civil::DateTime = local.parse().map_err(|_| bad())?;
        let seconds = offset_seconds(offset).ok_or_else(bad)?;
        let fixed = jiff::tz::Offset::from_seconds(seconds).map_err(|_| bad())?;
        let instant = fixed.to_timestamp(civil).map_err(|_| bad())?;
        let parsed = ZonedTime {
            utc: Timestamp::from_unix_seconds(instant.as_second())?,
            zone_len: zone.len(),
            text: text.to_owned(),
        };
        // One spelling per value: what we would write for this local time and offset.
        if format!("{civil}{}[{zone}]", offset_text(seconds)) != text {
            return Err(bad());
        }
        Ok(parsed)
    }

    /// The instant, in UTC.
    pub fn utc(&self) -> Timestamp {
        self.utc
    }

    /// The IANA zone name.
    pub fn zone(&self) -> &str {
        &self.text[self.text.len() - 1 - self.zone_len..self.text.len() - 1]
    }

    /// The local wall-clock time, `YYYY-MM-DDTHH:MM:SS`.
    pub fn local(&self) -> &str {
        &self.text[..19]
    }

    /// The UTC offset, `+03:00`.
    pub fn offset(&self) -> &str {
        &self.text[19..self.text.len() - 2 - self.zone_len]
    }

    /// The RFC 9557 text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// As a `jiff::Zoned`, for calendars and display.
    pub fn to_zoned(&self) -> Option<jiff::Zoned> {
        // The recorded offset wins over the zone's current rules, as in `parse`.
        jiff::fmt::temporal::DateTimeParser::new()
            .offset_conflict(jiff::tz::OffsetConflict::AlwaysOffset)
            .parse_zoned(&self.text)
            .ok()
    }
}

/// Seconds east of UTC from `+03:00`, `-05:30` or `+02:30:17`.
fn offset_seconds(text: &str) -> Option<i32> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let parts: Vec<&str> = rest.split(':').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.len() != 2) {
        return None;
    }
    let mut seconds = 0i32;
    for (part, unit) in parts.iter().zip([3600, 60, 1]) {
        let value: i32 = part.parse().ok()?;
        seconds += value * unit;
    }
    Some(sign * seconds)
}

/// `+03:00`, `-05:30`, or with seconds (`+02:30:17`) for old local mean times.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, rest) = (s / 3600, s / 60 % 60, s % 60);
    if rest == 0 {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}:{m:02}:{rest:02}")
    }
}

impl fmt::Display for ZonedTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for ZonedTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ZonedTime({})", self.text)
    }
}

crate::ids::string_form!(ZonedTime);

/// How a session meets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SessionFormat {
    /// In person, at a venue.
    InPerson {
        /// The venue, per language.
        venue: Text,
    },
    /// By videoconference.
    Videoconference {
        /// The link participants join by (`https://…`).
        link: String,
    },
    /// At a venue, with participants joining by videoconference.
    Hybrid {
        /// The venue.
        venue: Text,
        /// The link.
        link: String,
    },
}

impl SessionFormat {
    /// The videoconference link, if any.
    pub fn link(&self) -> Option<&str> {
        match self {
            SessionFormat::Videoconference { link } | SessionFormat::Hybrid { link, .. } => {
                Some(link)
            }
            SessionFormat::InPerson { .. } => None,
        }
    }

    /// The venue, if any.
    pub fn venue(&self) -> Option<&Text> {
        match self {
            SessionFormat::InPerson { venue } | SessionFormat::Hybrid { venue, .. } => Some(venue),
            SessionFormat::Videoconference { .. } => None,
        }
    }
}

/// Where a session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    /// Scheduled, not yet opened.
    Planned,
    /// In session.
    Convened,
    /// Closed by its chair.
    Concluded,
    /// Called off.
    Cancelled,
}

impl SessionStatus {
    /// The status's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            SessionStatus::Planned => "planned",
            SessionStatus::Convened => "convened",
            SessionStatus::Concluded => "concluded",
            SessionStatus::Cancelled => "cancelled",
        }
    }

    /// Whether a session may move from this status to `to`: planned → convened → concluded, and
    /// a planned session may be cancelled.
    pub fn may_become(&self, to: SessionStatus) -> bool {
        matches!(
            (self, to),
            (
                SessionStatus::Planned,
                SessionStatus::Convened | SessionStatus::Cancelled
            ) | (SessionStatus::Convened, SessionStatus::Concluded)
        )
    }
}

/// A session of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Its number in the log.
    pub id: SessionId,
    /// The body meeting.
    pub body: BodyId,
    /// The body's own number for it (the 27th session of the Council, say).
    pub number: u32,
    /// Its title.
    pub title: Text,
    /// When it opens.
    pub start: ZonedTime,
    /// When it is planned to close.
    pub end: ZonedTime,
    /// How it meets.
    pub format: SessionFormat,
    /// The member state chairing it.
    pub chair: StateCode,
    /// Each participating delegation with the names of its members; the states listed are
    /// those present for decisions.
    pub participants: BTreeMap<StateCode, Vec<String>>,
    /// Its status.
    pub status: SessionStatus,
    /// Its agenda, item 1 first.
    pub agenda: Vec<AgendaItem>,
    /// The document holding its minutes.
    pub minutes: Option<DocumentId>,
    /// Who may read it (its calendar entry and page).
    pub classification: Classification,
    /// Its revision, raised on every change (iCalendar `SEQUENCE`).
    pub sequence: u32,
    /// The packages prepared for it.
    pub packages: Vec<PackageId>,
    /// Whether observer states may attend (and so read it, though it is restricted).
    pub open_to_observers: bool,
    /// The observer states attending, with the names of their representatives. Kept apart
    /// from `participants`: an observer is never counted present for decisions.
    pub observers: BTreeMap<StateCode, Vec<String>>,
}

impl Session {
    /// Who the session is released to beyond its classification: every observer state while
    /// it is open to observers.
    pub fn release(&self) -> &'static [Recipient] {
        observers_release(self.open_to_observers)
    }
}

/// The release list of a session's records: every observer state when it is open to observers.
pub fn observers_release(open_to_observers: bool) -> &'static [Recipient] {
    const TO_OBSERVERS: &[Recipient] = &[Recipient::Observers];
    if open_to_observers { TO_OBSERVERS } else { &[] }
}

/// A recommendation from a lower body's session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// The session that recommends.
    pub session: SessionId,
    /// Its agenda item.
    pub item: u32,
    /// The body that recommends.
    pub body: BodyId,
}

/// An item of a session's agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    /// Its number, from 1.
    pub number: u32,
    /// Its title.
    pub title: Text,
    /// The documents considered under it.
    pub documents: Vec<DocumentId>,
    /// Set when a lower body's session recommended it.
    pub recommended_by: Option<Recommendation>,
    /// The procedures opened under it.
    pub procedures: Vec<ProcedureId>,
    /// What was concluded, once it is.
    pub outcome: Option<Text>,
}

/// Who puts a document forward.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Sponsor {
    /// A member state.
    State {
        /// The state.
        state: StateCode,
    },
    /// The Secretariat.
    Secretariat,
}

/// The forum a joint statement is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Forum {
    /// The United Nations.
    Un,
    /// The Organization for Security and Co-operation in Europe.
    Osce,
    /// The Organisation for the Prohibition of Chemical Weapons.
    Opcw,
    /// Another forum.
    Other,
}

/// A document's text in one version: numbered paragraphs, each a text per language with the
/// authentic language marked. Paragraph `n` is `paragraphs[n - 1]`.
pub type Paragraphs = Vec<Text>;

/// A version of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Its number, from 1.
    pub number: u32,
    /// Its text.
    pub paragraphs: Paragraphs,
    /// Who made it.
    pub made_by: Actor,
    /// When.
    pub made_at: Timestamp,
    /// The amendments (against the version before) taken into it.
    pub accepted: Vec<AmendmentId>,
    /// The amendments (against the version before) not taken.
    pub rejected: Vec<AmendmentId>,
}

/// A document and its versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Its number.
    pub id: DocumentId,
    /// Its type.
    pub doc_type: DocumentType,
    /// For a joint statement: the forum it is for.
    pub forum: Option<Forum>,
    /// Its title.
    pub title: Text,
    /// Who puts it forward.
    pub sponsor: Sponsor,
    /// The body that is to adopt it.
    pub body: BodyId,
    /// Its classification.
    pub classification: Classification,
    /// Who it is released to beyond its classification, as registered.
    pub release: Vec<Recipient>,
    /// Who reads it now: `release` and, once adopted, the partner states whose partnership
    /// protocol lists its type (kept by `apply` equal to `State::document_release`).
    pub effective_release: Vec<Recipient>,
    /// Its versions, version 1 first.
    pub versions: Vec<Version>,
    /// The amendments proposed against any of its versions.
    pub amendments: Vec<AmendmentId>,
    /// The procedure running on it, if any.
    pub open_procedure: Option<ProcedureId>,
    /// Its procedures, in order.
    pub procedures: Vec<ProcedureId>,
    /// The procedure that adopted it, once adopted.
    pub adopted_by: Option<ProcedureId>,
    /// When it was registered.
    pub registered_at: Timestamp,
}

impl Document {
    /// The current (latest) version.
    pub fn current(&self) -> Option<&Version> {
        self.versions.last()
    }

    /// A version by number.
    pub fn version(&self, number: u32) -> Option<&Version> {
        self.versions
            .get(usize::try_from(number).ok()?.checked_sub(1)?)
    }

    /// Whether it is public and adopted: what the public site publishes.
    pub fn is_published(&self) -> bool {
        self.adopted_by.is_some() && self.classification == Classification::Public
    }

    /// The classification readers are held to now: a document meant to be public is
    /// restricted while it is a draft, and public once adopted.
    pub fn effective_classification(&self) -> Classification {
        if self.adopted_by.is_some() {
            self.classification
        } else {
            draft_classification(self.classification)
        }
    }
}

/// The classification of a draft of a document classified `classification`: public documents
/// are restricted until they are adopted; others keep theirs.
pub fn draft_classification(classification: Classification) -> Classification {
    match classification {
        Classification::Public => Classification::Restricted,
        other => other,
    }
}

/// What an amendment does to its paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum AmendmentOp {
    /// Insert a new paragraph after the paragraph (0: before the first).
    Insert {
        /// The new paragraph.
        text: Text,
    },
    /// Replace the paragraph.
    Replace {
        /// The new wording.
        text: Text,
    },
    /// Delete the paragraph.
    Delete,
}

impl AmendmentOp {
    /// The operation's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            AmendmentOp::Insert { .. } => "insert",
            AmendmentOp::Replace { .. } => "replace",
            AmendmentOp::Delete => "delete",
        }
    }

    /// The new text, for an insertion or replacement.
    pub fn text(&self) -> Option<&Text> {
        match self {
            AmendmentOp::Insert { text } | AmendmentOp::Replace { text } => Some(text),
            AmendmentOp::Delete => None,
        }
    }
}

/// Where an amendment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum AmendmentStatus {
    /// Waiting for the next version.
    Pending,
    /// Taken into a version.
    Accepted {
        /// The version it went into.
        version: u32,
    },
    /// Not taken when a version was made.
    Rejected {
        /// The version made without it.
        version: u32,
    },
}

/// A delegation's proposed change to one paragraph of one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amendment {
    /// Its number.
    pub id: AmendmentId,
    /// The document.
    pub document: DocumentId,
    /// The version it is against.
    pub version: u32,
    /// The paragraph it points at (for an insertion: the one it follows, 0 for the start).
    pub paragraph: u32,
    /// What it does.
    pub op: AmendmentOp,
    /// Why, per language.
    pub rationale: Text,
    /// The state proposing it.
    pub state: StateCode,
    /// The account that proposed it.
    pub proposed_by: Actor,
    /// When.
    pub proposed_at: Timestamp,
    /// Where it stands.
    pub status: AmendmentStatus,
}

/// The set of documents a session will consider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// Its number.
    pub id: PackageId,
    /// The session.
    pub session: SessionId,
    /// Its title.
    pub title: Text,
    /// Its documents, in order.
    pub documents: Vec<DocumentId>,
}

/// A member state's position in a decision procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Position {
    /// Joins the consensus (or votes for).
    Agree,
    /// Joins, with a reservation attached to the decision.
    AgreeWithReservation {
        /// The reservation.
        text: Text,
    },
    /// Joins, with an interpretative statement attached to the decision.
    InterpretativeStatement {
        /// The statement.
        text: Text,
    },
    /// Objects: blocks consensus (or votes against), with a reason.
    Object {
        /// The reason.
        reason: Text,
    },
    /// Abstains: does not block; recorded.
    Abstain,
    /// Does not take part: does not block; recorded.
    NotParticipating,
}

impl Position {
    /// The position's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Position::Agree => "agree",
            Position::AgreeWithReservation { .. } => "agree_with_reservation",
            Position::InterpretativeStatement { .. } => "interpretative_statement",
            Position::Object { .. } => "object",
            Position::Abstain => "abstain",
            Position::NotParticipating => "not_participating",
        }
    }

    /// Whether it counts for the document (agree, with or without a statement).
    pub fn is_for(&self) -> bool {
        matches!(
            self,
            Position::Agree
                | Position::AgreeWithReservation { .. }
                | Position::InterpretativeStatement { .. }
        )
    }
}

/// Why a procedure did not adopt its document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Failure {
    /// Member states objected (consensus).
    Objection {
        /// The objecting states.
        states: Vec<StateCode>,
    },
    /// Too few member states were present.
    NoQuorum {
        /// How many were present.
        present: u32,
        /// How many are needed.
        required: u32,
    },
    /// Not enough votes for (majorities).
    MajorityNotReached {
        /// Votes for.
        for_: u32,
        /// Votes against.
        against: u32,
        /// Votes needed.
        required: u32,
    },
    /// A member state broke silence.
    SilenceBroken {
        /// The state.
        state: StateCode,
    },
}

/// A procedure's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Outcome {
    /// The document is adopted.
    Adopted,
    /// It is not.
    NotAdopted {
        /// Why.
        failure: Failure,
    },
}

impl Outcome {
    /// Whether the document was adopted.
    pub fn is_adopted(&self) -> bool {
        matches!(self, Outcome::Adopted)
    }
}

/// A decision procedure on one fixed version of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Procedure {
    /// Its number.
    pub id: ProcedureId,
    /// The document.
    pub document: DocumentId,
    /// The version decided on.
    pub version: u32,
    /// The body deciding.
    pub body: BodyId,
    /// The rule.
    pub rule: DecisionRule,
    /// The session and agenda item, for a procedure in session.
    pub item: Option<(SessionId, u32)>,
    /// For a silence procedure: its deadline.
    pub deadline: Option<ZonedTime>,
    /// The member states present (who must state a position in session; who may break silence).
    pub present: BTreeSet<StateCode>,
    /// Each state's latest position.
    pub positions: BTreeMap<StateCode, Position>,
    /// When it opened.
    pub opened_at: Timestamp,
    /// Its result, once decided.
    pub outcome: Option<Outcome>,
    /// Its classification (the document's).
    pub classification: Classification,
    /// Its release list (the document's).
    pub release: Vec<Recipient>,
}

/// A head of delegation's signature of a decision's authentic text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// The state.
    pub state: StateCode,
    /// The account that signed.
    pub signed_by: Actor,
    /// The delegation's verifier key (C2SP note verifier key, Ed25519).
    pub key: String,
    /// The Ed25519 signature of [`signing_message`](super::rules::signing_message), base64.
    pub signature: String,
    /// When it was recorded.
    pub signed_at: Timestamp,
}

/// The hash of a version's text in one language: `sha256:` and the hex SHA-256 of the canonical
/// JSON array of its paragraphs in that language (a missing translation gives no hash).
pub type TextHash = String;

/// What a language's text of a version looks like to a signer: its hash per language.
pub type TextHashes = BTreeMap<Lang, TextHash>;

/// The classification and release list a document passes on to everything about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    /// The classification.
    pub classification: Classification,
    /// The release list.
    pub release: Vec<Recipient>,
}
