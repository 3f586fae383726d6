//! `decide`: checks a command against the access policy and the rules, and returns the events
//! it causes, or the rule it breaks. It reads the state and never changes it.

use crate::classification::Classification;
use crate::command::{Command, CommandPayload};
use crate::config::{MemberStatus, OrgConfig};
use crate::error::DomainError;
use crate::event::{
    AffiliationGranted, AffiliationRevoked, Event, MemberAdmitted, MemberStatusChanged,
    NoteRecorded, OrganisationFounded, RoleChange,
};
use crate::ids::Actor;
use crate::lang::Text;
use crate::policy::{Action, Affiliation, Decision, Principal, Recipient, Resource, can};
use crate::state::State;
use crate::time::{Date, Timestamp};

/// Decides a command at `now`: the events to append, all or none, or the rule it breaks.
///
/// # Errors
/// A [`DomainError`] naming the broken rule; `access.denied` when the policy refuses the
/// principal.
pub fn decide(state: &State, command: &Command, now: Timestamp) -> Result<Vec<Event>, DomainError> {
    let principal = &command.principal;
    let allow = |action: Action, resource: Resource<'_>| allow(principal, action, resource);
    if let CommandPayload::FoundOrganisation { config } = &command.payload {
        allow(Action::Found, Resource::classified(Classification::Public))?;
        if state.config().is_some() {
            return Err(DomainError::AlreadyFounded);
        }
        let config = config.as_ref().clone();
        return Ok(vec![Event::OrganisationFounded(OrganisationFounded {
            config,
        })]);
    }
    let config = state.config().ok_or(DomainError::NotFounded)?;
    let public = Resource::classified(Classification::Public);
    let restricted = Resource::classified(Classification::Restricted);
    match &command.payload {
        CommandPayload::FoundOrganisation { .. } => Err(DomainError::AlreadyFounded),
        CommandPayload::AdmitState {
            state: code,
            name,
            status,
            since,
        } => {
            allow(Action::ManageMembers, public)?;
            if state.state(*code).is_some() {
                return Err(DomainError::StateAlreadyKnown(*code));
            }
            check_authentic(config, name)?;
            not_after_today(*since, now)?;
            let event = MemberAdmitted {
                state: *code,
                name: name.clone(),
                status: *status,
                since: *since,
                at: None,
                decision: None,
            };
            Ok(vec![Event::MemberAdmitted(event)])
        }
        CommandPayload::ChangeMemberStatus {
            state: code,
            status,
            since,
        } => {
            allow(Action::ManageMembers, public)?;
            let record = state.state(*code).ok_or(DomainError::UnknownState(*code))?;
            if record.status == *status {
                return Err(DomainError::StatusUnchanged {
                    state: *code,
                    status: *status,
                });
            }
            if *since < record.since {
                return Err(DomainError::DateBeforeCurrent {
                    state: *code,
                    current: record.since,
                    since: *since,
                });
            }
            not_after_today(*since, now)?;
            if config.chairmanship().order.contains(code) {
                return Err(DomainError::InChairOrder(*code));
            }
            let event = MemberStatusChanged {
                state: *code,
                from: record.status,
                to: *status,
                since: *since,
                at: None,
                decision: None,
            };
            Ok(vec![Event::MemberStatusChanged(event)])
        }
        CommandPayload::GrantAffiliation {
            account,
            affiliation,
        } => {
            allow(Action::ManageAccounts, restricted)?;
            if state.account(account).is_some() {
                return Err(DomainError::AlreadyAffiliated(account.clone()));
            }
            check_affiliation(state, affiliation)?;
            let event = AffiliationGranted {
                account: account.clone(),
                affiliation: affiliation.clone(),
            };
            Ok(vec![Event::AffiliationGranted(event)])
        }
        CommandPayload::RevokeAffiliation { account } => {
            allow(Action::ManageAccounts, restricted)?;
            if state.account(account).is_none() {
                return Err(DomainError::UnknownAccount(account.clone()));
            }
            Ok(vec![Event::AffiliationRevoked(AffiliationRevoked {
                account: account.clone(),
            })])
        }
        CommandPayload::GrantRole { account, role } => {
            allow(Action::ManageAccounts, restricted)?;
            let record = state
                .account(account)
                .ok_or_else(|| DomainError::UnknownAccount(account.clone()))?;
            if !role.fits(&record.affiliation) {
                return Err(DomainError::RoleNotFitting(*role));
            }
            if record.roles.contains(role) {
                return Err(DomainError::RoleAlreadyHeld(*role));
            }
            Ok(vec![Event::RoleGranted(RoleChange {
                account: account.clone(),
                role: *role,
            })])
        }
        CommandPayload::RevokeRole { account, role } => {
            allow(Action::ManageAccounts, restricted)?;
            let record = state
                .account(account)
                .ok_or_else(|| DomainError::UnknownAccount(account.clone()))?;
            if !record.roles.contains(role) {
                return Err(DomainError::RoleNotHeld(*role));
            }
            Ok(vec![Event::RoleRevoked(RoleChange {
                account: account.clone(),
                role: *role,
            })])
        }
        CommandPayload::RecordNote {
            text,
            classification,
            release,
        } => {
            let classification = classification.unwrap_or(config.default_classification());
            allow(
                Action::WriteNote,
                Resource {
                    classification,
                    release,
                },
            )?;
            check_text(config, text)?;
            if classification == Classification::Public && !release.is_empty() {
                return Err(DomainError::ReleaseOnPublic);
            }
            if let Some(unknown) = release.iter().find(|r| !recipient_exists(state, config, r)) {
                return Err(DomainError::UnknownRecipient(unknown.clone()));
            }
            let author = principal.actor().unwrap_or(Actor::System);
            let event = NoteRecorded {
                note: state.next_note_id(),
                author,
                recorded_at: now,
                text: text.clone(),
                classification,
                release: release.clone(),
            };
            Ok(vec![Event::NoteRecorded(event)])
        }
        CommandPayload::Secretariat(command) => {
            let events =
                crate::secretariat::decide::decide(state, config, principal, command, now)?;
            Ok(crate::status::decide::follow(state, events))
        }
        CommandPayload::Crisis(command) => {
            crate::crisis::decide::decide(state, config, principal, command, now)
        }
        CommandPayload::Plans(command) => {
            crate::plans::decide::decide(state, config, principal, command, now)
        }
        CommandPayload::Peacekeeping(command) => {
            crate::peacekeeping::decide::decide(state, config, principal, command, now)
        }
        CommandPayload::Publications(command) => {
            crate::publications::decide::decide(state, config, principal, command, now)
        }
        CommandPayload::Status(command) => {
            crate::status::decide::decide(state, config, principal, command, now)
        }
    }
}

/// Asks the policy; a refusal is `access.denied` with the policy's reason.
pub(crate) fn allow(
    principal: &Principal,
    action: Action,
    resource: Resource<'_>,
) -> Result<(), DomainError> {
    match can(principal, action, &resource) {
        Decision::Allow => Ok(()),
        Decision::Deny(denial) => Err(DomainError::AccessDenied(denial)),
    }
}

/// Every language of a text is official, and its authentic value is in the organisation's
/// authentic language.
pub(crate) fn check_authentic(config: &OrgConfig, text: &Text) -> Result<(), DomainError> {
    check_text(config, text)?;
    if text.authentic() != config.authentic_language() {
        return Err(DomainError::NotAuthentic(config.authentic_language()));
    }
    Ok(())
}

/// Every language of a text is official.
pub(crate) fn check_text(config: &OrgConfig, text: &Text) -> Result<(), DomainError> {
    match text.languages().find(|lang| !config.is_official(*lang)) {
        Some(lang) => Err(DomainError::UnofficialLanguage(lang)),
        None => Ok(()),
    }
}

fn not_after_today(since: Date, now: Timestamp) -> Result<(), DomainError> {
    let today = now.date();
    if since > today {
        return Err(DomainError::DateInFuture { since, today });
    }
    Ok(())
}

/// An affiliation an account may be given: a known state of the fitting status, an
/// organisation in the registry (configured, or granted a status), or staff.
fn check_affiliation(state: &State, affiliation: &Affiliation) -> Result<(), DomainError> {
    let wanted = match affiliation {
        Affiliation::Public | Affiliation::System => return Err(DomainError::NotGrantable),
        Affiliation::Delegation { state } => Some((*state, MemberStatus::Member)),
        Affiliation::Observer { state } => Some((*state, MemberStatus::Observer)),
        Affiliation::PartnerState { state } => Some((*state, MemberStatus::Partner)),
        Affiliation::PartnerOrganisation { partner } => {
            if state.status().organisation(partner).is_none() {
                return Err(DomainError::UnknownPartner(partner.to_string()));
            }
            None
        }
        Affiliation::Secretariat
        | Affiliation::CrisisCentre
        | Affiliation::JointStaff
        | Affiliation::Administrator => None,
    };
    if let Some((code, status)) = wanted {
        let record = state.state(code).ok_or(DomainError::UnknownState(code))?;
        if record.status != status {
            return Err(DomainError::StatusMismatch {
                state: code,
                status: record.status,
            });
        }
    }
    Ok(())
}

pub(crate) fn recipient_exists(state: &State, config: &OrgConfig, recipient: &Recipient) -> bool {
    match recipient {
        Recipient::State { state: code } => state.state(*code).is_some(),
        Recipient::Partner { partner } => state.status().organisation(partner).is_some(),
        Recipient::Body { body } => config.body(body).is_some(),
        Recipient::Account { account } => state.account(account).is_some(),
        Recipient::Observers | Recipient::Partners => true,
    }
}
