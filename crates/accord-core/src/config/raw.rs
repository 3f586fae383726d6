//! The configuration file as written: serde structs over TOML, with spans kept for validation.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::model::{BodyLevel, Composition, DecisionRule, DocumentType, MemberStatus, Quorum};
use crate::classification::Classification;
use crate::ids::{BodyId, PartnerId, StateCode};
use crate::lang::Lang;
use crate::time::Date;

/// A name per language, as in `name.ru = "…"` / `name.en = "…"`.
pub(super) type RawText = Spanned<BTreeMap<Spanned<Lang>, Spanned<String>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub(super) organisation: RawOrganisation,
    pub(super) languages: RawLanguages,
    pub(super) classification: RawClassification,
    pub(super) members: Spanned<Vec<RawMember>>,
    #[serde(default)]
    pub(super) partners: Vec<RawPartner>,
    pub(super) bodies: Spanned<Vec<RawBody>>,
    pub(super) chairmanship: RawChairmanship,
    #[serde(default)]
    pub(super) applications: Option<RawApplications>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOrganisation {
    pub(super) name: RawText,
    pub(super) short_name: RawText,
    pub(super) founded: Date,
    #[serde(default)]
    pub(super) time_zone: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) time_zone_name: Option<RawText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLanguages {
    pub(super) official: Spanned<Vec<Spanned<String>>>,
    pub(super) authentic: Spanned<Lang>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClassification {
    pub(super) default: Classification,
    pub(super) names: Spanned<BTreeMap<Classification, RawText>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMember {
    pub(super) code: Spanned<StateCode>,
    pub(super) name: RawText,
    pub(super) full_name: Option<RawText>,
    pub(super) status: MemberStatus,
    pub(super) since: Date,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPartner {
    pub(super) id: Spanned<PartnerId>,
    pub(super) name: RawText,
    pub(super) since: Option<Date>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBody {
    pub(super) id: Spanned<BodyId>,
    pub(super) name: RawText,
    pub(super) level: BodyLevel,
    pub(super) composition: Spanned<Composition>,
    pub(super) representatives: Option<RawText>,
    pub(super) competences: Spanned<Vec<Spanned<DocumentType>>>,
    pub(super) rules: Spanned<Vec<Spanned<DecisionRule>>>,
    pub(super) quorum: Spanned<Quorum>,
    pub(super) reports_to: Option<Spanned<BodyId>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChairmanship {
    pub(super) order: Spanned<Vec<Spanned<StateCode>>>,
    pub(super) term_years: Spanned<u32>,
    pub(super) current: Spanned<StateCode>,
    pub(super) since: Date,
}

/// `[applications]`: the steps per status, `observer = [{ body = "pc", step = "consider" }, …]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawApplications {
    #[serde(default)]
    pub(super) observer: Option<Spanned<Vec<Spanned<RawStep>>>>,
    #[serde(default)]
    pub(super) partner: Option<Spanned<Vec<Spanned<RawStep>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    pub(super) body: BodyId,
    pub(super) step: super::steps::StepKind,
}
