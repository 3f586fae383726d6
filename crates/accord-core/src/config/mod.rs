//! The organisation as configuration: a TOML file, validated on load, with errors naming the
//! file, the line and the field.

mod build;
mod error;
mod model;
mod raw;
mod steps;

pub use error::{ConfigError, ConfigProblem};
pub use model::{
    Body, BodyLevel, Chairmanship, ClassificationNames, Composition, DecisionRule, DocumentType,
    Fraction, HomeZone, Languages, MemberState, MemberStatus, OrgConfig, PartnerOrganisation,
    Quorum, Term,
};
pub use steps::{ApplicationStep, ApplicationSteps, StepKind};

use crate::classification::Classification;
use crate::ids::{BodyId, PartnerId, StateCode};
use crate::lang::{Lang, Text};
use crate::time::Date;

/// The reference organisation, with a comment on every field: what `accord config` prints and
/// what `accord demo` starts from.
pub const REFERENCE_TOML: &str = include_str!("../../../../config/reference.toml");

/// The file name under which [`REFERENCE_TOML`] is reported in errors.
pub const REFERENCE_FILE: &str = "config/reference.toml";

impl OrgConfig {
    /// Parses and validates a configuration. `file` names the file in error messages; the
    /// caller reads the file (this crate does no I/O).
    ///
    /// # Errors
    /// A [`ConfigError`] listing each problem with its file, line, column and field path.
    pub fn from_toml_str(text: &str, file: &str) -> Result<Self, ConfigError> {
        let locator = error::Locator::new(file, text);
        let raw: raw::RawConfig = toml::from_str(text).map_err(|e| {
            ConfigError::new(vec![locator.problem(e.span(), e.message().to_owned())])
        })?;
        build::build(&raw, &locator).map_err(ConfigError::new)
    }

    /// The reference organisation of [`REFERENCE_TOML`].
    ///
    /// # Errors
    /// Only if the shipped file were broken; a test keeps it valid.
    pub fn reference() -> Result<Self, ConfigError> {
        Self::from_toml_str(REFERENCE_TOML, REFERENCE_FILE)
    }

    /// The organisation's name.
    pub fn name(&self) -> &Text {
        &self.name
    }

    /// Its short name (the abbreviation).
    pub fn short_name(&self) -> &Text {
        &self.short_name
    }

    /// The date it was founded.
    pub fn founded(&self) -> Date {
        self.founded
    }

    /// The time zone its public times are given in, if configured (UTC if not).
    pub fn time_zone(&self) -> Option<&HomeZone> {
        self.time_zone.as_ref()
    }

    /// The official languages, the authentic one first.
    pub fn official_languages(&self) -> &[Lang] {
        &self.languages.official
    }

    /// The authentic language.
    pub fn authentic_language(&self) -> Lang {
        self.languages.authentic
    }

    /// Whether `lang` is an official language.
    pub fn is_official(&self, lang: Lang) -> bool {
        self.languages.official.contains(&lang)
    }

    /// The level a record gets by default.
    pub fn default_classification(&self) -> Classification {
        self.classification.default
    }

    /// The name of a classification level, per language.
    pub fn classification_name(&self, level: Classification) -> Option<&Text> {
        self.classification.names.get(&level)
    }

    /// The states of the registry as configured at founding.
    pub fn members(&self) -> &[MemberState] {
        &self.members
    }

    /// A configured state.
    pub fn member(&self, code: StateCode) -> Option<&MemberState> {
        self.members.iter().find(|m| m.code == code)
    }

    /// The partner organisations.
    pub fn partners(&self) -> &[PartnerOrganisation] {
        &self.partners
    }

    /// A partner organisation.
    pub fn partner(&self, id: &PartnerId) -> Option<&PartnerOrganisation> {
        self.partners.iter().find(|p| &p.id == id)
    }

    /// The bodies, in the order configured.
    pub fn bodies(&self) -> &[Body] {
        &self.bodies
    }

    /// A body.
    pub fn body(&self, id: &BodyId) -> Option<&Body> {
        self.bodies.iter().find(|b| &b.id == id)
    }

    /// The chairmanship rotation.
    pub fn chairmanship(&self) -> &Chairmanship {
        &self.chairmanship
    }

    /// The steps of status applications (none when the configuration has no `[applications]`).
    pub fn application_steps(&self) -> &ApplicationSteps {
        &self.applications
    }
}
