//! `DomainError`: a command refused, naming the rule it broke by a stable code.
//!
//! Error policy: this crate returns `thiserror` enums and never panics. A `DomainError`'s
//! [`code`](DomainError::code) is stable (the server maps it to a problem type and the tests
//! match on it); its message is for people and may be reworded.

use crate::config::MemberStatus;
use crate::crisis::CrisisError;
use crate::ids::{AccountId, StateCode};
use crate::lang::Lang;
use crate::peacekeeping::PeacekeepingError;
use crate::plans::PlansError;
use crate::policy::{Denial, Recipient, Role};
use crate::publications::PublicationError;
use crate::secretariat::SecretariatError;
use crate::status::StatusError;
use crate::time::Date;

/// A command refused by `decide`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// `access.denied`: the policy does not allow the principal this command.
    #[error("access denied: {0}")]
    AccessDenied(Denial),
    /// `organisation.not_founded`: nothing can happen before the organisation is founded.
    #[error("the organisation has not been founded yet")]
    NotFounded,
    /// `organisation.already_founded`: the organisation is founded once.
    #[error("the organisation has already been founded")]
    AlreadyFounded,
    /// `member.unknown_state`: the state is not in the registry.
    #[error("{0} is not a state of the organisation's registry")]
    UnknownState(StateCode),
    /// `member.already_known`: the state to admit is already in the registry.
    #[error("{0} is already in the registry; change its status instead")]
    StateAlreadyKnown(StateCode),
    /// `member.status_unchanged`: the state already has that status.
    #[error("{state} is already {}", status.as_str())]
    StatusUnchanged {
        /// The state.
        state: StateCode,
        /// Its status.
        status: MemberStatus,
    },
    /// `member.date_before_current`: a new status cannot start before the current one.
    #[error("{state} has had its status since {current}; a change cannot take effect on {since}")]
    DateBeforeCurrent {
        /// The state.
        state: StateCode,
        /// When its current status began.
        current: Date,
        /// The date asked for.
        since: Date,
    },
    /// `member.date_in_future`: a status change is recorded once it has taken effect.
    #[error("a status cannot take effect on {since}, after today ({today})")]
    DateInFuture {
        /// The date asked for.
        since: Date,
        /// Today, in UTC.
        today: Date,
    },
    /// `member.in_chair_order`: a state in the chairmanship order stays a member.
    #[error("{0} is in the chairmanship order and must stay a member")]
    InChairOrder(StateCode),
    /// `text.unofficial_language`: texts are in official languages only.
    #[error("{0} is not an official language of the organisation")]
    UnofficialLanguage(Lang),
    /// `text.not_authentic`: registry names are authentic in the organisation's authentic language.
    #[error("the name must be authentic in {0}")]
    NotAuthentic(Lang),
    /// `account.unknown`: the account has no affiliation.
    #[error("the account {0} has no affiliation")]
    UnknownAccount(AccountId),
    /// `account.already_affiliated`: revoke an affiliation before granting another.
    #[error("the account {0} already has an affiliation; revoke it first")]
    AlreadyAffiliated(AccountId),
    /// `account.not_grantable`: the public and the system are not affiliations of accounts.
    #[error("an account cannot be given this affiliation")]
    NotGrantable,
    /// `account.status_mismatch`: a delegation is of a member, an observer of an observer, ...
    #[error("{state} is {}, which does not fit this affiliation", status.as_str())]
    StatusMismatch {
        /// The state.
        state: StateCode,
        /// Its status.
        status: MemberStatus,
    },
    /// `account.unknown_partner`: the organisation is not in the registry (neither configured
    /// nor granted a status).
    #[error("{0} is not an organisation in the registry")]
    UnknownPartner(String),
    /// `account.role_not_fitting`: the role does not belong to the account's affiliation.
    #[error("the role {0} does not fit this account's affiliation")]
    RoleNotFitting(Role),
    /// `account.role_already_held`.
    #[error("the account already holds the role {0}")]
    RoleAlreadyHeld(Role),
    /// `account.role_not_held`.
    #[error("the account does not hold the role {0}")]
    RoleNotHeld(Role),
    /// `note.unknown_recipient`: a release list names no known state, partner, body or account.
    #[error("the release list names an unknown recipient: {0:?}")]
    UnknownRecipient(Recipient),
    /// `note.release_on_public`: a public note needs no release list.
    #[error("a public note is released to everyone; remove the release list")]
    ReleaseOnPublic,
    /// A rule of the secretariat's work (sessions, documents, procedures, signatures).
    #[error(transparent)]
    Secretariat(SecretariatError),
    /// A rule of the Crisis Response Centre's work (incidents, units, requests, deployments).
    #[error(transparent)]
    Crisis(CrisisError),
    // Plans and strategies, peacekeeping (issue 8).
    /// A rule of plans and strategies (measures, who reports, report dates).
    #[error(transparent)]
    Plans(PlansError),
    /// A rule of peacekeeping (the training institution, contingents, mandates).
    #[error(transparent)]
    Peacekeeping(PeacekeepingError),
    /// A rule of public information (publications, their images, withdrawal).
    #[error(transparent)]
    Publications(PublicationError),
    /// A rule of status applications, the chair's priorities and forum deliveries.
    #[error(transparent)]
    Status(StatusError),
}

impl DomainError {
    /// The broken rule's stable code, such as `member.unknown_state`.
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::AccessDenied(_) => "access.denied",
            DomainError::NotFounded => "organisation.not_founded",
            DomainError::AlreadyFounded => "organisation.already_founded",
            DomainError::UnknownState(_) => "member.unknown_state",
            DomainError::StateAlreadyKnown(_) => "member.already_known",
            DomainError::StatusUnchanged { .. } => "member.status_unchanged",
            DomainError::DateBeforeCurrent { .. } => "member.date_before_current",
            DomainError::DateInFuture { .. } => "member.date_in_future",
            DomainError::InChairOrder(_) => "member.in_chair_order",
            DomainError::UnofficialLanguage(_) => "text.unofficial_language",
            DomainError::NotAuthentic(_) => "text.not_authentic",
            DomainError::UnknownAccount(_) => "account.unknown",
            DomainError::AlreadyAffiliated(_) => "account.already_affiliated",
            DomainError::NotGrantable => "account.not_grantable",
            DomainError::StatusMismatch { .. } => "account.status_mismatch",
            DomainError::UnknownPartner(_) => "account.unknown_partner",
            DomainError::RoleNotFitting(_) => "account.role_not_fitting",
            DomainError::RoleAlreadyHeld(_) => "account.role_already_held",
            DomainError::RoleNotHeld(_) => "account.role_not_held",
            DomainError::UnknownRecipient(_) => "note.unknown_recipient",
            DomainError::ReleaseOnPublic => "note.release_on_public",
            DomainError::Secretariat(error) => error.code(),
            DomainError::Crisis(error) => error.code(),
            DomainError::Plans(error) => error.code(),
            DomainError::Peacekeeping(error) => error.code(),
            DomainError::Publications(error) => error.code(),
            DomainError::Status(error) => error.code(),
        }
    }
}
