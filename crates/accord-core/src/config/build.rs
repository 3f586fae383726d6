//! Validation beyond types: languages, translations, duplicates and cross-references.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::error::{ConfigProblem, Locator};
use super::model::{
    Body, Chairmanship, ClassificationNames, Composition, HomeZone, Languages, MemberState,
    MemberStatus, OrgConfig, PartnerOrganisation, Quorum,
};
use super::raw::{RawBody, RawConfig, RawStep, RawText};
use super::steps::{ApplicationStep, ApplicationSteps};
use crate::classification::Classification;
use crate::lang::{Lang, Text};

/// Collects problems while the raw configuration is turned into an [`OrgConfig`].
struct Checker<'a> {
    locator: &'a Locator<'a>,
    official: Vec<Lang>,
    authentic: Lang,
    problems: Vec<ConfigProblem>,
}

impl Checker<'_> {
    fn report(&mut self, span: Range<usize>, message: String) {
        self.problems
            .push(self.locator.problem(Some(span), message));
    }

    /// A name in every official language and in no other.
    fn text(&mut self, raw: &RawText) -> Option<Text> {
        let mut values = BTreeMap::new();
        let mut ok = true;
        for (lang, value) in raw.get_ref() {
            if !self.official.contains(lang.get_ref()) {
                let official = join(&self.official);
                self.report(
                    lang.span(),
                    format!(
                        "{} is not an official language (official: {official})",
                        lang.get_ref()
                    ),
                );
                ok = false;
            } else if value.get_ref().trim().is_empty() {
                self.report(
                    value.span(),
                    format!("the {} text is empty", lang.get_ref()),
                );
                ok = false;
            }
            values.insert(*lang.get_ref(), value.get_ref().clone());
        }
        for lang in self.official.clone() {
            if !values.contains_key(&lang) {
                self.report(raw.span(), format!("the {lang} translation is missing"));
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        Text::from_map(self.authentic, values).ok()
    }

    fn optional_text(&mut self, raw: Option<&RawText>) -> Option<Option<Text>> {
        match raw {
            None => Some(None),
            Some(raw) => self.text(raw).map(Some),
        }
    }

    fn body(&mut self, raw: &RawBody, ids: &BTreeSet<String>) -> Option<Body> {
        let name = self.text(&raw.name);
        let staff = *raw.composition.get_ref() != Composition::MemberStates;
        let representatives = self.optional_text(raw.representatives.as_ref());
        if !staff && raw.representatives.is_none() {
            let msg = "a body of member states names its representatives (representatives.ru = …)";
            self.report(raw.composition.span(), msg.into());
        }
        let mut competences = Vec::new();
        for item in raw.competences.get_ref() {
            if competences.contains(item.get_ref()) {
                self.report(item.span(), "this document type is listed twice".into());
            }
            competences.push(*item.get_ref());
        }
        let mut rules = Vec::new();
        if raw.rules.get_ref().is_empty() {
            self.report(
                raw.rules.span(),
                "a body needs at least one decision rule".into(),
            );
        }
        for rule in raw.rules.get_ref() {
            if rule.get_ref().is_for_member_states() == staff {
                let msg = if staff {
                    format!(
                        "a staff body decides by `head`, not by `{}`",
                        rule.get_ref()
                    )
                } else {
                    "`head` is the rule of staff bodies; a body of member states votes".into()
                };
                self.report(rule.span(), msg);
            }
            if rules.contains(rule.get_ref()) {
                self.report(rule.span(), "this decision rule is listed twice".into());
            }
            rules.push(*rule.get_ref());
        }
        if staff != (*raw.quorum.get_ref() == Quorum::None) {
            let msg = if staff {
                "a staff body has quorum = \"none\""
            } else {
                "a body of member states needs a quorum (\"all\" or a fraction such as \"2/3\")"
            };
            self.report(raw.quorum.span(), msg.into());
        }
        if let Some(parent) = &raw.reports_to {
            if parent.get_ref() == raw.id.get_ref() {
                self.report(parent.span(), "a body cannot report to itself".into());
            } else if !ids.contains(parent.get_ref().as_str()) {
                let msg = format!("no body has the id {:?}", parent.get_ref().as_str());
                self.report(parent.span(), msg);
            }
        }
        Some(Body {
            id: raw.id.get_ref().clone(),
            name: name?,
            level: raw.level,
            composition: *raw.composition.get_ref(),
            representatives: representatives?,
            competences,
            rules,
            quorum: *raw.quorum.get_ref(),
            reports_to: raw.reports_to.as_ref().map(|p| p.get_ref().clone()),
        })
    }
}

fn join(langs: &[Lang]) -> String {
    langs
        .iter()
        .map(Lang::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks everything the types alone do not, and builds the configuration.
pub(super) fn build(
    raw: &RawConfig,
    locator: &Locator<'_>,
) -> Result<OrgConfig, Vec<ConfigProblem>> {
    let langs = &raw.languages;
    let mut checker = Checker {
        locator,
        official: Vec::new(),
        authentic: *langs.authentic.get_ref(),
        problems: Vec::new(),
    };
    let mut official = Vec::new();
    for item in langs.official.get_ref() {
        match Lang::parse(item.get_ref()) {
            Err(e) => checker.report(item.span(), e.to_string()),
            Ok(lang) if official.contains(&lang) => {
                checker.report(item.span(), format!("{lang} is listed twice"));
            }
            Ok(lang) => official.push(lang),
        }
    }
    if !official.contains(langs.authentic.get_ref()) {
        let msg = format!(
            "the authentic language {} is not an official language",
            langs.authentic.get_ref()
        );
        checker.report(langs.authentic.span(), msg);
    }
    if !checker.problems.is_empty() {
        // Every name is checked against the languages: fix them first.
        return Err(checker.problems);
    }
    official.retain(|l| l != langs.authentic.get_ref());
    official.insert(0, *langs.authentic.get_ref());
    checker.official.clone_from(&official);

    let name = checker.text(&raw.organisation.name);
    let short_name = checker.text(&raw.organisation.short_name);
    let time_zone = home_zone(&mut checker, raw);

    let mut names = BTreeMap::new();
    for (level, text) in raw.classification.names.get_ref() {
        if let Some(text) = checker.text(text) {
            names.insert(*level, text);
        }
    }
    for level in Classification::ALL {
        if !raw.classification.names.get_ref().contains_key(&level) {
            checker.report(
                raw.classification.names.span(),
                format!("the level {level} has no name"),
            );
        }
    }

    let mut members: Vec<MemberState> = Vec::new();
    for member in raw.members.get_ref() {
        let code = *member.code.get_ref();
        if members.iter().any(|m| m.code == code) {
            checker.report(
                member.code.span(),
                format!("the state {code} is listed twice"),
            );
        }
        let name = checker.text(&member.name);
        let full_name = checker.optional_text(member.full_name.as_ref());
        if let (Some(name), Some(full_name)) = (name, full_name) {
            members.push(MemberState {
                code,
                name,
                full_name,
                status: member.status,
                since: member.since,
            });
        }
    }
    if !raw
        .members
        .get_ref()
        .iter()
        .any(|m| m.status == MemberStatus::Member)
    {
        checker.report(
            raw.members.span(),
            "an organisation needs at least one member state".into(),
        );
    }

    let mut partners: Vec<PartnerOrganisation> = Vec::new();
    for partner in &raw.partners {
        let id = partner.id.get_ref().clone();
        if partners.iter().any(|p| p.id == id) {
            checker.report(
                partner.id.span(),
                format!("the partner {id} is listed twice"),
            );
        }
        if let Some(name) = checker.text(&partner.name) {
            partners.push(PartnerOrganisation {
                id,
                name,
                since: partner.since,
            });
        }
    }

    let mut ids = BTreeSet::new();
    for body in raw.bodies.get_ref() {
        if !ids.insert(body.id.get_ref().as_str().to_owned()) {
            checker.report(
                body.id.span(),
                format!("the body {} is listed twice", body.id.get_ref()),
            );
        }
    }
    let bodies: Vec<Body> = raw
        .bodies
        .get_ref()
        .iter()
        .filter_map(|b| checker.body(b, &ids))
        .collect();

    let chair = &raw.chairmanship;
    let mut order = Vec::new();
    for code in chair.order.get_ref() {
        let state = raw
            .members
            .get_ref()
            .iter()
            .find(|m| m.code.get_ref() == code.get_ref());
        match state {
            None => checker.report(
                code.span(),
                format!("{} is not a state of the organisation", code.get_ref()),
            ),
            Some(m) if m.status != MemberStatus::Member => {
                let msg = format!(
                    "{} is {}, and only member states chair",
                    code.get_ref(),
                    m.status.as_str()
                );
                checker.report(code.span(), msg);
            }
            Some(_) if order.contains(code.get_ref()) => {
                checker.report(code.span(), format!("{} is listed twice", code.get_ref()));
            }
            Some(_) => {}
        }
        order.push(*code.get_ref());
    }
    if order.is_empty() {
        checker.report(
            chair.order.span(),
            "the chairmanship order names no state".into(),
        );
    }
    if !order.contains(chair.current.get_ref()) {
        let msg = format!(
            "{} is not in the chairmanship order",
            chair.current.get_ref()
        );
        checker.report(chair.current.span(), msg);
    }
    if *chair.term_years.get_ref() == 0 {
        checker.report(
            chair.term_years.span(),
            "a term lasts at least one year".into(),
        );
    }

    let applications = application_steps(&mut checker, raw, &bodies);

    if !checker.problems.is_empty() {
        return Err(checker.problems);
    }
    let missing = || vec![locator.problem(None, "the configuration is incomplete".into())];
    Ok(OrgConfig {
        name: name.ok_or_else(missing)?,
        short_name: short_name.ok_or_else(missing)?,
        founded: raw.organisation.founded,
        languages: Languages {
            official,
            authentic: *langs.authentic.get_ref(),
        },
        classification: ClassificationNames {
            default: raw.classification.default,
            names,
        },
        members,
        partners,
        bodies,
        chairmanship: Chairmanship {
            order,
            term_years: *chair.term_years.get_ref(),
            current: *chair.current.get_ref(),
            since: chair.since,
        },
        applications,
        time_zone,
    })
}

/// `time_zone` and `time_zone_name` of `[organisation]`: both or neither; a zone the bundled
/// time zone database knows.
fn home_zone(checker: &mut Checker<'_>, raw: &RawConfig) -> Option<HomeZone> {
    let organisation = &raw.organisation;
    match (&organisation.time_zone, &organisation.time_zone_name) {
        (None, None) => None,
        (Some(zone), None) => {
            checker.report(
                zone.span(),
                "time_zone needs time_zone_name, its name per language".into(),
            );
            None
        }
        (None, Some(name)) => {
            checker.report(name.span(), "time_zone_name without time_zone".into());
            None
        }
        (Some(zone), Some(name)) => {
            let known = jiff::tz::TimeZone::get(zone.get_ref()).is_ok();
            if !known {
                checker.report(
                    zone.span(),
                    format!(
                        "{:?} is not an IANA time zone name (such as Europe/Moscow)",
                        zone.get_ref()
                    ),
                );
            }
            let name = checker.text(name)?;
            known.then(|| HomeZone {
                zone: zone.get_ref().clone(),
                name,
            })
        }
    }
}

/// The `[applications]` section: each status's steps, checked against the bodies.
fn application_steps(
    checker: &mut Checker<'_>,
    raw: &RawConfig,
    bodies: &[Body],
) -> ApplicationSteps {
    let Some(section) = &raw.applications else {
        return ApplicationSteps::default();
    };
    let mut read = |list: &Option<toml::Spanned<Vec<toml::Spanned<RawStep>>>>| {
        let Some(list) = list else {
            return Vec::new();
        };
        let steps: Vec<ApplicationStep> = list
            .get_ref()
            .iter()
            .map(|s| ApplicationStep {
                body: s.get_ref().body.clone(),
                step: s.get_ref().step,
            })
            .collect();
        if steps.is_empty() {
            checker.report(
                list.span(),
                "a status with applications needs at least one step".into(),
            );
        }
        for (i, message) in super::steps::check(&steps, bodies) {
            let span = list
                .get_ref()
                .get(i)
                .map_or_else(|| list.span(), toml::Spanned::span);
            checker.report(span, message);
        }
        steps
    };
    let observer = read(&section.observer);
    let partner = read(&section.partner);
    ApplicationSteps { observer, partner }
}
