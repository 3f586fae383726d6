//! Commands: what a principal asks the organisation to do; `decide` turns each into events.

use crate::classification::Classification;
use crate::config::{MemberStatus, OrgConfig};
use crate::crisis::CrisisCommand;
use crate::ids::{AccountId, StateCode};
use crate::lang::Text;
use crate::peacekeeping::PeacekeepingCommand;
use crate::plans::PlansCommand;
use crate::policy::{Affiliation, Principal, Recipient, Role};
use crate::publications::PublicationCommand;
use crate::secretariat::SecretariatCommand;
use crate::status::StatusCommand;
use crate::time::Date;

/// A request to change the organisation's state, with the principal acting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// Who acts (built by the server from the authenticated account, see `State::principal`).
    pub principal: Principal,
    /// What is asked.
    pub payload: CommandPayload,
}

/// What a command asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandPayload {
    /// Found the organisation from its validated configuration (the first command of a log).
    FoundOrganisation {
        /// The configuration.
        config: Box<OrgConfig>,
    },
    /// Admit a state that is not in the registry, as an observer, a partner or a member.
    AdmitState {
        /// The state.
        state: StateCode,
        /// Its name, authentic in the organisation's authentic language.
        name: Text,
        /// The status granted.
        status: MemberStatus,
        /// From when.
        since: Date,
    },
    /// Change the status of a state of the registry.
    ChangeMemberStatus {
        /// The state.
        state: StateCode,
        /// The new status.
        status: MemberStatus,
        /// From when.
        since: Date,
    },
    /// Give an account an affiliation (it must have none).
    GrantAffiliation {
        /// The account.
        account: AccountId,
        /// The affiliation.
        affiliation: Affiliation,
    },
    /// Take an account's affiliation and roles away.
    RevokeAffiliation {
        /// The account.
        account: AccountId,
    },
    /// Grant a role fitting the account's affiliation.
    GrantRole {
        /// The account.
        account: AccountId,
        /// The role.
        role: Role,
    },
    /// Revoke a role.
    RevokeRole {
        /// The account.
        account: AccountId,
        /// The role.
        role: Role,
    },
    /// Record a free note.
    RecordNote {
        /// The text, per official language.
        text: Text,
        /// Its classification; the configured default when `None`.
        classification: Option<Classification>,
        /// Who it is released to beyond its classification.
        release: Vec<Recipient>,
    },
    /// The secretariat's work: sessions, documents, amendments, procedures, signatures.
    Secretariat(SecretariatCommand),
    /// The Crisis Response Centre's work: incidents, reports, units, requests, deployments.
    Crisis(CrisisCommand),
    // Plans and strategies, peacekeeping (issue 8).
    /// Plans and strategies: plans, their measures, progress reports.
    Plans(PlansCommand),
    /// Peacekeeping: the training institution, contingents, mandates.
    Peacekeeping(PeacekeepingCommand),
    // Public information.
    /// Public information: press releases, statements, events, exhibitions.
    Publications(PublicationCommand),
    // Status applications, the chairmanship and joint positions in forums.
    /// Status applications, the chair's priorities, joint statements' deliveries in forums.
    Status(StatusCommand),
}
