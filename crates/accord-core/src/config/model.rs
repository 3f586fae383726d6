//! The validated organisation: its states, partner organisations, bodies, languages and chair.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::ids::{BodyId, ParseError, PartnerId, StateCode};
use crate::lang::{Lang, Text};
use crate::time::Date;

/// The organisation as configured. Built only by [`OrgConfig::from_toml_str`], which validates
/// every field and every cross-reference, or read back from the `organisation.founded` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgConfig {
    pub(super) name: Text,
    pub(super) short_name: Text,
    pub(super) founded: Date,
    pub(super) languages: Languages,
    pub(super) classification: ClassificationNames,
    pub(super) members: Vec<MemberState>,
    pub(super) partners: Vec<PartnerOrganisation>,
    pub(super) bodies: Vec<Body>,
    pub(super) chairmanship: Chairmanship,
    /// Status applications: absent from older configurations, and then none are taken.
    #[serde(default, skip_serializing_if = "super::ApplicationSteps::is_empty")]
    pub(super) applications: super::ApplicationSteps,
    /// The organisation's own time zone: absent from older configurations (then UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) time_zone: Option<HomeZone>,
}

/// The time zone the organisation keeps its public times in, and how a time in it is named
/// after the time in each language ("Moscow time", "по московскому времени").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HomeZone {
    /// An IANA time zone name known to the bundled database (`Europe/Moscow`).
    pub zone: String,
    /// Its name after a time, per language.
    pub name: Text,
}

/// The official languages and the authentic one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Languages {
    /// Every official language, the authentic one first.
    pub official: Vec<Lang>,
    /// The language whose text is authentic.
    pub authentic: Lang,
}

/// The names of the classification levels and the level new records get by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassificationNames {
    /// The level a record gets when its author does not choose one.
    pub default: Classification,
    /// The name of each level, per language (every level is named).
    pub names: BTreeMap<Classification, Text>,
}

/// A state of the registry: a member, an observer or a partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberState {
    /// ISO 3166-1 alpha-2 code.
    pub code: StateCode,
    /// The short name, per language.
    pub name: Text,
    /// The full official name, per language.
    pub full_name: Option<Text>,
    /// Its status in the organisation.
    pub status: MemberStatus,
    /// Since when it has that status.
    pub since: Date,
}

/// The status of a state in the organisation; each status carries rights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// A full member: sits in the councils and takes part in decisions.
    Member,
    /// An observer: reads what is released to it; never takes part in a decision.
    Observer,
    /// A partner: cooperates under an agreement; never takes part in a decision.
    Partner,
}

impl MemberStatus {
    /// The status as written in configuration and events.
    pub fn as_str(&self) -> &'static str {
        match self {
            MemberStatus::Member => "member",
            MemberStatus::Observer => "observer",
            MemberStatus::Partner => "partner",
        }
    }
}

/// A partner organisation (a regional anti-terrorist structure, an anti-terrorism centre, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerOrganisation {
    /// Its id in Accord.
    pub id: PartnerId,
    /// Its name, per language.
    pub name: Text,
    /// Since when it cooperates with the organisation.
    pub since: Option<Date>,
}

/// A body of the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// Its id (`csc`, `cfm`, ...).
    pub id: BodyId,
    /// Its name, per language.
    pub name: Text,
    /// Its level.
    pub level: BodyLevel,
    /// Who sits in it.
    pub composition: Composition,
    /// For a body of member states: who represents each state (heads of state, ministers, ...).
    pub representatives: Option<Text>,
    /// The document types it may adopt.
    pub competences: Vec<DocumentType>,
    /// The decision rules it may use.
    pub rules: Vec<DecisionRule>,
    /// How many of its members must take part for a decision.
    pub quorum: Quorum,
    /// The higher body whose sessions it prepares, if any.
    pub reports_to: Option<BodyId>,
}

/// The level of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyLevel {
    /// Heads of state.
    Summit,
    /// A council of ministers.
    Ministerial,
    /// A committee of senior officials.
    Committee,
    /// A permanent body of representatives meeting between sessions.
    Permanent,
    /// A working body of staff (secretariat, joint staff, crisis centre).
    Executive,
}

/// Who sits in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Composition {
    /// A delegation of each member state.
    MemberStates,
    /// The Secretariat's staff.
    Secretariat,
    /// The Crisis Response Centre's staff.
    CrisisCentre,
    /// The Joint Staff's officers.
    JointStaff,
}

/// A type of document a body may adopt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    /// A decision.
    Decision,
    /// A statement.
    Statement,
    /// A declaration.
    Declaration,
    /// A plan (such as the military cooperation plan).
    Plan,
    /// A strategy (such as the Collective Security Strategy).
    Strategy,
    /// An agreement between the member states.
    Agreement,
    /// A protocol.
    Protocol,
    /// A regulation.
    Regulation,
    /// A report.
    Report,
    /// A joint statement for another forum (UN, OSCE, OPCW, ...).
    JointStatement,
}

/// A whole-number fraction such as `2/3`, between 0 (exclusive) and 1 (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fraction {
    numerator: u32,
    denominator: u32,
}

impl Fraction {
    /// Parses `2/3`; the numerator is at least 1 and at most the denominator.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let parsed = text.split_once('/').and_then(|(n, d)| {
            let (n, d) = (n.parse::<u32>().ok()?, d.parse::<u32>().ok()?);
            (n >= 1 && n <= d && !text.contains('+')).then_some(Self {
                numerator: n,
                denominator: d,
            })
        });
        parsed.ok_or_else(|| ParseError::new("fraction", text, "write n/d with 1 <= n <= d"))
    }

    /// Whether `part` out of `whole` reaches this fraction.
    pub fn reached(&self, part: u32, whole: u32) -> bool {
        u64::from(part) * u64::from(self.denominator)
            >= u64::from(whole) * u64::from(self.numerator)
    }
}

impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

/// A decision rule. Written `consensus`, `silence`, `simple_majority`,
/// `qualified_majority 2/3` or `head`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum DecisionRule {
    /// Adopted when no member state present objects (abstention does not block).
    Consensus,
    /// Adopted at a deadline unless a member breaks silence.
    Silence,
    /// More than half of the member states voting.
    SimpleMajority,
    /// At least this fraction of the member states.
    QualifiedMajority(Fraction),
    /// Decided by the head of a staff body.
    Head,
}

impl DecisionRule {
    /// Parses the written form.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        Ok(match text {
            "consensus" => Self::Consensus,
            "silence" => Self::Silence,
            "simple_majority" => Self::SimpleMajority,
            "head" => Self::Head,
            _ => match text.strip_prefix("qualified_majority ") {
                Some(fraction) => Self::QualifiedMajority(Fraction::parse(fraction)?),
                None => {
                    return Err(ParseError::new(
                        "decision rule",
                        text,
                        "use consensus, silence, simple_majority, qualified_majority n/d or head",
                    ));
                }
            },
        })
    }

    /// Whether the rule is for bodies of member states (all but `head`).
    pub fn is_for_member_states(&self) -> bool {
        !matches!(self, Self::Head)
    }
}

impl fmt::Display for DecisionRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Consensus => f.write_str("consensus"),
            Self::Silence => f.write_str("silence"),
            Self::SimpleMajority => f.write_str("simple_majority"),
            Self::QualifiedMajority(fraction) => write!(f, "qualified_majority {fraction}"),
            Self::Head => f.write_str("head"),
        }
    }
}

/// How many of a body's members must take part: `all`, a fraction such as `2/3`, or `none`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Quorum {
    /// Every member.
    All,
    /// At least this fraction of the members.
    Fraction(Fraction),
    /// No quorum (staff bodies).
    None,
}

impl Quorum {
    /// Parses `all`, `none` or `n/d`.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        match text {
            "all" => Ok(Self::All),
            "none" => Ok(Self::None),
            _ => Fraction::parse(text)
                .map(Self::Fraction)
                .map_err(|_| ParseError::new("quorum", text, "use all, none or a fraction n/d")),
        }
    }
}

impl fmt::Display for Quorum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::All => f.write_str("all"),
            Self::None => f.write_str("none"),
            Self::Fraction(fraction) => fraction.fmt(f),
        }
    }
}

crate::ids::string_form!(DecisionRule, Quorum);

/// The annual (or longer) rotating chairmanship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chairmanship {
    /// The member states in the order the chair passes between them.
    pub order: Vec<StateCode>,
    /// The length of a term, in years.
    pub term_years: u32,
    /// The state holding the chair from `since`.
    pub current: StateCode,
    /// The start of the current chair's term; later terms start on its anniversaries.
    pub since: Date,
}

impl Chairmanship {
    /// The state holding the chair on `date`, counting whole terms from `since` along `order`.
    pub fn chair_on(&self, date: Date) -> StateCode {
        let len = i64::try_from(self.order.len()).unwrap_or(1).max(1);
        let start = self.order.iter().position(|c| *c == self.current);
        let start = start.and_then(|i| i64::try_from(i).ok()).unwrap_or(0);
        let (y0, m0, d0) = self.since.ymd();
        let (y, m, d) = date.ymd();
        let mut years = y - y0;
        if (m, d) < (m0, d0) {
            years -= 1;
        }
        let terms = years.div_euclid(i64::from(self.term_years.max(1)));
        let index = usize::try_from((start + terms).rem_euclid(len)).unwrap_or(0);
        self.order.get(index).copied().unwrap_or(self.current)
    }

    /// The term containing `date`: whole terms are counted from `since` (before it, backwards).
    pub fn term_on(&self, date: Date) -> Term {
        let (y0, m0, d0) = self.since.ymd();
        let (y, m, d) = date.ymd();
        let mut years = y - y0;
        if (m, d) < (m0, d0) {
            years -= 1;
        }
        self.term(years.div_euclid(i64::from(self.term_years.max(1))))
    }

    /// Term number `index`, counted from the one starting on `since` (0; earlier ones are
    /// negative): its chair, first day and the first day of the next term.
    pub fn term(&self, index: i64) -> Term {
        let len = i64::try_from(self.order.len()).unwrap_or(1).max(1);
        let first = self.order.iter().position(|c| *c == self.current);
        let first = first.and_then(|i| i64::try_from(i).ok()).unwrap_or(0);
        let slot = usize::try_from((first + index).rem_euclid(len)).unwrap_or(0);
        let years = i64::from(self.term_years.max(1));
        Term {
            index,
            chair: self.order.get(slot).copied().unwrap_or(self.current),
            start: self.anniversary(index.saturating_mul(years)),
            end: self.anniversary(index.saturating_add(1).saturating_mul(years)),
        }
    }

    /// `since` moved by whole years; a 29 February start falls on 28 February in other years.
    fn anniversary(&self, years: i64) -> Date {
        let (y, m, d) = self.since.ymd();
        let year = y.saturating_add(years);
        Date::from_ymd(year, m, d)
            .or_else(|_| Date::from_ymd(year, m, d - 1))
            .unwrap_or(self.since)
    }
}

/// One term of the chairmanship.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// Its number, counted from the configured term (0).
    pub index: i64,
    /// The state chairing.
    pub chair: StateCode,
    /// Its first day: the hand-over.
    pub start: Date,
    /// The first day of the next term.
    pub end: Date,
}

impl Term {
    /// Whether `date` falls in the term.
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date < self.end
    }
}
