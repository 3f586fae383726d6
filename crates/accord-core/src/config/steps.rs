//! The steps of a status application: for observer and for partner status, the bodies it
//! passes through in order (one considers, one recommends, the last decides).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::model::{Body, Composition, MemberStatus};
use crate::ids::BodyId;

/// What a body does with an application at its step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Considers it and passes it on.
    Consider,
    /// Recommends it to the deciding body.
    Recommend,
    /// Decides: the status is granted by this body's decision (the last step only).
    Decide,
}

impl StepKind {
    /// The step as written in configuration.
    pub fn as_str(&self) -> &'static str {
        match self {
            StepKind::Consider => "consider",
            StepKind::Recommend => "recommend",
            StepKind::Decide => "decide",
        }
    }
}

impl fmt::Display for StepKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One step: a body of member states and what it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationStep {
    /// The body.
    pub body: BodyId,
    /// What it does.
    pub step: StepKind,
}

/// The steps per status asked. A status with no steps takes no applications.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationSteps {
    /// For observer status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub observer: Vec<ApplicationStep>,
    /// For partner status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partner: Vec<ApplicationStep>,
}

impl ApplicationSteps {
    /// Whether no status takes applications (an older configuration without the section).
    pub fn is_empty(&self) -> bool {
        self.observer.is_empty() && self.partner.is_empty()
    }

    /// The steps for `status`; empty for membership, which is not applied for here.
    pub fn for_status(&self, status: MemberStatus) -> &[ApplicationStep] {
        match status {
            MemberStatus::Observer => &self.observer,
            MemberStatus::Partner => &self.partner,
            MemberStatus::Member => &[],
        }
    }
}

/// What is wrong with one status's steps, if anything: every body configured and of member
/// states, no body twice, and `decide` the last step and only the last.
pub(super) fn check(steps: &[ApplicationStep], bodies: &[Body]) -> Vec<(usize, String)> {
    let mut problems = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        match bodies.iter().find(|b| b.id == step.body) {
            None => problems.push((
                i,
                format!("{} is not a body of the organisation", step.body),
            )),
            Some(b) if b.composition != Composition::MemberStates => problems.push((
                i,
                format!(
                    "{} is a staff body; applications go to bodies of member states",
                    b.id
                ),
            )),
            Some(_) => {}
        }
        if steps[..i].iter().any(|s| s.body == step.body) {
            problems.push((i, format!("{} is listed twice", step.body)));
        }
        let last = i + 1 == steps.len();
        if last && step.step != StepKind::Decide {
            problems.push((
                i,
                "the last step is the one that decides (step = \"decide\")".into(),
            ));
        }
        if !last && step.step == StepKind::Decide {
            problems.push((i, "only the last step decides".into()));
        }
    }
    problems
}
