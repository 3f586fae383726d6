//! The access policy: `can(principal, action, resource)`, a pure function that every read and
//! every command goes through.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::classification::Classification;
use crate::config::MemberStatus;
use crate::ids::{AccountId, Actor, BodyId, PartnerId, StateCode};

/// Whom an account (or a request) acts for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Affiliation {
    /// Anyone not signed in: the public and the press.
    Public,
    /// The delegation of a member state.
    Delegation {
        /// The member state.
        state: StateCode,
    },
    /// An observer state.
    Observer {
        /// The observer state.
        state: StateCode,
    },
    /// A partner state.
    PartnerState {
        /// The partner state.
        state: StateCode,
    },
    /// A partner organisation.
    PartnerOrganisation {
        /// The partner organisation.
        partner: PartnerId,
    },
    /// The Secretariat's staff.
    Secretariat,
    /// The Crisis Response Centre's staff.
    CrisisCentre,
    /// The Joint Staff's officers.
    JointStaff,
    /// A system administrator: manages accounts, reads only what is public or released to them.
    Administrator,
    /// The organisation's own server acting by its rules (founding, deadlines). Never an account.
    System,
}

impl Affiliation {
    /// The state an account of this affiliation speaks for, if any.
    pub fn state(&self) -> Option<StateCode> {
        match self {
            Affiliation::Delegation { state }
            | Affiliation::Observer { state }
            | Affiliation::PartnerState { state } => Some(*state),
            _ => None,
        }
    }

    /// Whether it is one of the insiders who read restricted records: member delegations and staff.
    pub fn is_insider(&self) -> bool {
        matches!(
            self,
            Affiliation::Delegation { .. }
                | Affiliation::Secretariat
                | Affiliation::CrisisCentre
                | Affiliation::JointStaff
                | Affiliation::System
        )
    }
}

/// A role an account holds within its affiliation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Heads a member state's delegation; signs for it.
    HeadOfDelegation,
    /// A delegate of a member, observer or partner state.
    Delegate,
    /// A staff officer of the Secretariat, the Crisis Response Centre or the Joint Staff.
    Officer,
    /// A member state's national crisis centre (a machine client).
    NationalCentre,
    /// A partner organisation's liaison officer.
    Liaison,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 5] = [
        Role::HeadOfDelegation,
        Role::Delegate,
        Role::Officer,
        Role::NationalCentre,
        Role::Liaison,
    ];

    /// The role's name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::HeadOfDelegation => "head_of_delegation",
            Role::Delegate => "delegate",
            Role::Officer => "officer",
            Role::NationalCentre => "national_centre",
            Role::Liaison => "liaison",
        }
    }

    /// Whether an account of `affiliation` may hold this role.
    pub fn fits(&self, affiliation: &Affiliation) -> bool {
        use Affiliation as A;
        match self {
            Role::HeadOfDelegation | Role::NationalCentre => {
                matches!(affiliation, A::Delegation { .. })
            }
            Role::Delegate => affiliation.state().is_some(),
            Role::Officer => matches!(
                affiliation,
                A::Secretariat | A::CrisisCentre | A::JointStaff
            ),
            Role::Liaison => matches!(affiliation, A::PartnerOrganisation { .. }),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who acts or reads: an account with its affiliation, roles and the bodies it sits in, the
/// anonymous public, or the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    account: Option<AccountId>,
    affiliation: Affiliation,
    roles: BTreeSet<Role>,
    bodies: BTreeSet<BodyId>,
    standing: Option<MemberStatus>,
}

impl Principal {
    /// An account's principal. `bodies` are the bodies it sits in (see `State::principal`).
    /// A partner organisation's account has no standing until [`Principal::with_standing`]
    /// gives it its organisation's status.
    pub fn new(
        account: AccountId,
        affiliation: Affiliation,
        roles: BTreeSet<Role>,
        bodies: BTreeSet<BodyId>,
    ) -> Self {
        Self {
            account: Some(account),
            affiliation,
            roles,
            bodies,
            standing: None,
        }
    }

    /// The status its organisation holds now, for a partner organisation's account (ignored
    /// for other affiliations, whose state's status is their affiliation). Without one, the
    /// account reads only what is public and acts in nothing.
    #[must_use]
    pub fn with_standing(mut self, standing: Option<MemberStatus>) -> Self {
        if matches!(self.affiliation, Affiliation::PartnerOrganisation { .. }) {
            self.standing = standing;
        }
        self
    }

    /// The status its organisation holds, for a partner organisation's account.
    pub fn standing(&self) -> Option<MemberStatus> {
        self.standing
    }

    /// Someone not signed in.
    pub fn anonymous() -> Self {
        Self {
            account: None,
            affiliation: Affiliation::Public,
            roles: BTreeSet::new(),
            bodies: BTreeSet::new(),
            standing: None,
        }
    }

    /// The organisation's own server, acting by its rules.
    pub fn system() -> Self {
        Self {
            account: None,
            affiliation: Affiliation::System,
            roles: BTreeSet::new(),
            bodies: BTreeSet::new(),
            standing: None,
        }
    }

    /// The account, if signed in.
    pub fn account(&self) -> Option<&AccountId> {
        self.account.as_ref()
    }

    /// The affiliation.
    pub fn affiliation(&self) -> &Affiliation {
        &self.affiliation
    }

    /// The roles held.
    pub fn roles(&self) -> &BTreeSet<Role> {
        &self.roles
    }

    /// The bodies the principal sits in.
    pub fn bodies(&self) -> &BTreeSet<BodyId> {
        &self.bodies
    }

    /// Whether it holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// What the log's envelope records as the actor: `system` or the account id; `None` for
    /// the anonymous public, who never act.
    pub fn actor(&self) -> Option<Actor> {
        match (&self.affiliation, &self.account) {
            (Affiliation::System, _) => Some(Actor::System),
            (_, Some(account)) => Some(Actor::Account(account.clone())),
            (_, None) => None,
        }
    }
}

/// Someone a record is released to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Recipient {
    /// The accounts of a state (its delegation, or an observer's or partner's).
    State {
        /// The state.
        state: StateCode,
    },
    /// The accounts of a partner organisation.
    Partner {
        /// The partner organisation.
        partner: PartnerId,
    },
    /// Everyone who sits in a body.
    Body {
        /// The body.
        body: BodyId,
    },
    /// One account.
    Account {
        /// The account.
        account: AccountId,
    },
    /// Every observer state's accounts (whichever states are observers when it is read).
    Observers,
    /// Every partner state's accounts (whichever states are partners when it is read).
    Partners,
}

/// What a principal wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Read a record (its body) or a page showing it.
    Read,
    /// Found the organisation from its configuration.
    Found,
    /// Admit a state or change its status.
    ManageMembers,
    /// Grant or revoke affiliations and roles.
    ManageAccounts,
    /// Record a free note.
    WriteNote,
    /// Read the log itself: envelopes (kind, time, actor, classification, body hash), tiles and
    /// checkpoints. Open to all, so that anyone can verify the record; bodies are `Read`.
    ReadLog,
    /// Open one's own workspace (the home page of an affiliation): signed-in accounts.
    OpenWorkspace,
    /// Submit a witness cosignature. The witness is recognised by its key, not by an account,
    /// so the policy lets anyone submit; the server accepts only configured witness keys.
    Cosign,
    /// Prepare the organisation's work: schedule sessions, register documents and make their
    /// versions, open and close decision procedures. Secretariat officers.
    Prepare,
    /// Propose an amendment to a draft: a member state's delegates and head of delegation.
    Propose,
    /// Speak for a member state in a decision: state positions, break silence, register the
    /// delegation's signing key, sign decisions. Heads of delegation of member states.
    TakePosition,
    /// Apply a deadline's consequence (a silence procedure's end): the system's scheduler only.
    EnforceDeadline,
    /// Run the Crisis Response Centre's work: incidents, situation reports, the forces' units,
    /// tasking and deployments. Officers of the Centre and of the Joint Staff.
    RunCrisis,
    /// Ask for or offer help as a member state: request assistance, offer the state's units.
    /// Member delegates, heads of delegation and national crisis centres.
    AskForHelp,
    /// Report a CAP alert to the Centre: national crisis centres of member states, partner
    /// organisations' liaison officers, and the Centre's officers.
    ReportAlert,
    // Plans and strategies, peacekeeping (issue 8).
    /// Report progress on a plan's measure: member delegates and heads of delegation, and
    /// staff officers (`decide` then requires the measure to be their state's or body's).
    ReportProgress,
    /// Record peacekeeping: the training institution, contingents, mandates. Officers of the
    /// Joint Staff and of the Secretariat.
    RecordPeacekeeping,
    /// Prepare, publish and withdraw public information (press releases, statements, events,
    /// exhibitions): Secretariat officers.
    Publish,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 18] = [
        Action::Read,
        Action::Found,
        Action::ManageMembers,
        Action::ManageAccounts,
        Action::WriteNote,
        Action::ReadLog,
        Action::OpenWorkspace,
        Action::Cosign,
        Action::Prepare,
        Action::Propose,
        Action::TakePosition,
        Action::EnforceDeadline,
        Action::RunCrisis,
        Action::AskForHelp,
        Action::ReportAlert,
        Action::ReportProgress,
        Action::RecordPeacekeeping,
        Action::Publish,
    ];
}

/// The record acted on or read: its classification and release list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resource<'a> {
    /// Its classification.
    pub classification: Classification,
    /// Who it is released to beyond what its classification allows.
    pub release: &'a [Recipient],
}

impl Resource<'_> {
    /// A record with no release list.
    pub fn classified(classification: Classification) -> Resource<'static> {
        Resource {
            classification,
            release: &[],
        }
    }
}

/// Why the policy said no.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denial {
    /// The record is not public, and the reader is not signed in.
    #[error("sign in to read a {0} record")]
    NotSignedIn(Classification),
    /// The principal is not cleared for the record's classification, nor named in its release list.
    #[error("a {0} record is not released to this account")]
    NotCleared(Classification),
    /// The affiliation never performs this action.
    #[error("{affiliation} accounts may not {action}")]
    NotPermitted {
        /// The affiliation, in words.
        affiliation: &'static str,
        /// The action, in words.
        action: &'static str,
    },
    /// The action needs a role the principal does not hold.
    #[error("this needs the role {0}")]
    RoleMissing(Role),
    /// A partner organisation's account acts only while its organisation holds partner status.
    #[error("the account's organisation does not hold partner status")]
    NoStanding,
}

/// The policy's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Allowed.
    Allow,
    /// Denied, with the reason.
    Deny(Denial),
}

impl Decision {
    /// Whether the answer is yes.
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allow)
    }
}

fn affiliation_name(affiliation: &Affiliation) -> &'static str {
    match affiliation {
        Affiliation::Public => "anonymous",
        Affiliation::Delegation { .. } => "member delegation",
        Affiliation::Observer { .. } => "observer state",
        Affiliation::PartnerState { .. } => "partner state",
        Affiliation::PartnerOrganisation { .. } => "partner organisation",
        Affiliation::Secretariat => "Secretariat",
        Affiliation::CrisisCentre => "Crisis Response Centre",
        Affiliation::JointStaff => "Joint Staff",
        Affiliation::Administrator => "administrator",
        Affiliation::System => "system",
    }
}

fn action_name(action: Action) -> &'static str {
    match action {
        Action::Read => "read this",
        Action::Found => "found the organisation",
        Action::ManageMembers => "change the registry of states",
        Action::ManageAccounts => "manage accounts",
        Action::WriteNote => "record notes",
        Action::ReadLog => "read the log",
        Action::OpenWorkspace => "open a workspace",
        Action::Cosign => "cosign checkpoints",
        Action::Prepare => "prepare sessions, documents and procedures",
        Action::Propose => "propose amendments",
        Action::TakePosition => "speak for a member state in decisions",
        Action::EnforceDeadline => "enforce deadlines",
        Action::RunCrisis => "run the Crisis Response Centre's work",
        Action::AskForHelp => "request or offer assistance",
        Action::ReportAlert => "report alerts",
        Action::ReportProgress => "report progress on plans",
        Action::RecordPeacekeeping => "record peacekeeping",
        Action::Publish => "publish public information",
    }
}

/// Whether the release list names the principal: its account, its state, its partner
/// organisation (while the organisation holds a status), or a body it sits in; or, as an
/// observer state or an organisation with observer status, the observers.
fn is_named(principal: &Principal, release: &[Recipient]) -> bool {
    let organisation = match &principal.affiliation {
        Affiliation::PartnerOrganisation { partner } => match principal.standing {
            Some(status) => Some((partner, status)),
            // An organisation without a status is named by nothing, not even by account.
            None => return false,
        },
        _ => None,
    };
    release.iter().any(|recipient| match recipient {
        Recipient::Account { account } => principal.account.as_ref() == Some(account),
        Recipient::State { state } => principal.affiliation.state() == Some(*state),
        Recipient::Partner { partner } => organisation.is_some_and(|(p, _)| p == partner),
        Recipient::Body { body } => principal.bodies.contains(body),
        Recipient::Observers => {
            matches!(principal.affiliation, Affiliation::Observer { .. })
                || organisation.is_some_and(|(_, s)| s == MemberStatus::Observer)
        }
        Recipient::Partners => matches!(principal.affiliation, Affiliation::PartnerState { .. }),
    })
}

fn read(principal: &Principal, resource: &Resource<'_>) -> Decision {
    let affiliation = &principal.affiliation;
    let allowed = match resource.classification {
        Classification::Public => true,
        Classification::Restricted => {
            affiliation.is_insider() || is_named(principal, resource.release)
        }
        Classification::Confidential => {
            *affiliation == Affiliation::System || is_named(principal, resource.release)
        }
    };
    match (allowed, affiliation) {
        (true, _) => Decision::Allow,
        (false, Affiliation::Public) => {
            Decision::Deny(Denial::NotSignedIn(resource.classification))
        }
        (false, _) => Decision::Deny(Denial::NotCleared(resource.classification)),
    }
}

/// May `principal` perform `action` on `resource`?
///
/// - Reading: public records are open to all; restricted ones to member delegations and staff,
///   and to others named in the release list; confidential ones only to those named (by
///   account, state, partner organisation or a body they sit in). Administrators read only
///   what is public or released to them.
/// - Founding and managing accounts: administrators. Managing the registry of states:
///   Secretariat officers. Recording notes: member delegates and heads of delegation, and staff
///   officers, and only at a classification they may read themselves.
/// - Reading the log (envelopes, tiles, checkpoints) and submitting a witness cosignature: all.
/// - Preparing sessions, documents and procedures: Secretariat officers. Proposing amendments:
///   member delegates and heads of delegation. Speaking for a member state in decisions
///   (positions, breaking silence, signing): heads of delegation of member states; observers and
///   partners never. Enforcing deadlines: the system alone.
/// - Running the Crisis Response Centre's work: its officers and the Joint Staff's. Requesting
///   and offering assistance: member delegates, heads of delegation and national centres.
/// - Reporting progress on plans: member delegates and heads of delegation, and staff officers
///   (`decide` checks that the measure is their state's or body's). Recording peacekeeping:
///   officers of the Joint Staff and of the Secretariat.
/// - Opening a workspace: every signed-in account.
/// - The system may do everything; the anonymous public may only read public records and the log.
pub fn can(principal: &Principal, action: Action, resource: &Resource<'_>) -> Decision {
    use Affiliation as A;
    let affiliation = &principal.affiliation;
    if *affiliation == A::System {
        return Decision::Allow;
    }
    let not_permitted = || {
        Decision::Deny(Denial::NotPermitted {
            affiliation: affiliation_name(affiliation),
            action: action_name(action),
        })
    };
    let needs = |role: Role| {
        if principal.has(role) {
            read(principal, resource)
        } else {
            Decision::Deny(Denial::RoleMissing(role))
        }
    };
    match (action, affiliation) {
        (Action::Read, _) => read(principal, resource),
        (Action::ReadLog | Action::Cosign, _) => Decision::Allow,
        (Action::OpenWorkspace, A::Public) => {
            Decision::Deny(Denial::NotSignedIn(resource.classification))
        }
        (Action::OpenWorkspace, _) => Decision::Allow,
        (Action::Found | Action::ManageAccounts, A::Administrator) => Decision::Allow,
        (Action::ManageMembers, A::Secretariat) => needs(Role::Officer),
        (Action::WriteNote, A::Delegation { .. }) => {
            if principal.has(Role::HeadOfDelegation) {
                read(principal, resource)
            } else {
                needs(Role::Delegate)
            }
        }
        (Action::WriteNote, A::Secretariat | A::CrisisCentre | A::JointStaff) => {
            needs(Role::Officer)
        }
        (Action::Prepare, A::Secretariat) => needs(Role::Officer),
        (Action::Publish, A::Secretariat) => needs(Role::Officer),
        (Action::Propose, A::Delegation { .. }) => {
            if principal.has(Role::HeadOfDelegation) {
                read(principal, resource)
            } else {
                needs(Role::Delegate)
            }
        }
        (Action::TakePosition, A::Delegation { .. }) => needs(Role::HeadOfDelegation),
        (Action::RunCrisis, A::CrisisCentre | A::JointStaff) => needs(Role::Officer),
        (Action::ReportAlert, A::Delegation { .. }) => needs(Role::NationalCentre),
        (Action::ReportAlert, A::PartnerOrganisation { .. }) => {
            if principal.standing == Some(MemberStatus::Partner) {
                needs(Role::Liaison)
            } else {
                Decision::Deny(Denial::NoStanding)
            }
        }
        (Action::ReportAlert, A::CrisisCentre) => needs(Role::Officer),
        (Action::AskForHelp, A::Delegation { .. }) => {
            if [Role::HeadOfDelegation, Role::Delegate, Role::NationalCentre]
                .iter()
                .any(|r| principal.has(*r))
            {
                read(principal, resource)
            } else {
                Decision::Deny(Denial::RoleMissing(Role::Delegate))
            }
        }
        // Plans and strategies, peacekeeping (issue 8).
        (Action::ReportProgress, A::Delegation { .. }) => {
            if principal.has(Role::HeadOfDelegation) {
                read(principal, resource)
            } else {
                needs(Role::Delegate)
            }
        }
        (Action::ReportProgress, A::Secretariat | A::CrisisCentre | A::JointStaff) => {
            needs(Role::Officer)
        }
        (Action::RecordPeacekeeping, A::Secretariat | A::JointStaff) => needs(Role::Officer),
        _ => not_permitted(),
    }
}
