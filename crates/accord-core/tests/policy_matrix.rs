//! The whole access matrix: every affiliation × action × classification × released or not,
//! checked against a table written out by hand.

mod common;

use accord_core::config::MemberStatus;
use accord_core::policy::{Denial, can};
use accord_core::{
    Action, Affiliation, Classification, Decision, Principal, Recipient, Resource, Role,
};
use common::{account, body, code, partner, principal};

/// A principal of each affiliation, with its usual role, and the release list that names it.
/// A partner organisation's account stands on its organisation's status: partner, observer,
/// or none (an organisation whose application is under way, say).
fn principals() -> Vec<(&'static str, Principal, Vec<Recipient>)> {
    let delegation_bodies = ["csc", "cfm", "cdm", "cssc", "pc"];
    vec![
        (
            "anonymous",
            Principal::anonymous(),
            vec![Recipient::Account {
                account: account("somebody"),
            }],
        ),
        (
            "delegation",
            principal(
                "ru.delegate",
                Affiliation::Delegation { state: code("RU") },
                &[Role::Delegate],
                &delegation_bodies,
            ),
            vec![Recipient::State { state: code("RU") }],
        ),
        (
            "head_of_delegation",
            principal(
                "ru.head",
                Affiliation::Delegation { state: code("RU") },
                &[Role::HeadOfDelegation],
                &delegation_bodies,
            ),
            vec![Recipient::State { state: code("RU") }],
        ),
        (
            "observer",
            principal(
                "uz.delegate",
                Affiliation::Observer { state: code("UZ") },
                &[Role::Delegate],
                &[],
            ),
            vec![Recipient::State { state: code("UZ") }],
        ),
        (
            "partner_state",
            principal(
                "mn.delegate",
                Affiliation::PartnerState { state: code("MN") },
                &[Role::Delegate],
                &[],
            ),
            vec![Recipient::State { state: code("MN") }],
        ),
        (
            "partner_org",
            principal(
                "rats.liaison",
                Affiliation::PartnerOrganisation {
                    partner: partner("sco-rats"),
                },
                &[Role::Liaison],
                &[],
            )
            .with_standing(Some(MemberStatus::Partner)),
            vec![Recipient::Partner {
                partner: partner("sco-rats"),
            }],
        ),
        (
            "partner_org_observer",
            principal(
                "eec.liaison",
                Affiliation::PartnerOrganisation {
                    partner: partner("eec"),
                },
                &[Role::Liaison],
                &[],
            )
            .with_standing(Some(MemberStatus::Observer)),
            vec![Recipient::Partner {
                partner: partner("eec"),
            }],
        ),
        (
            "partner_org_none",
            principal(
                "eaeu.liaison",
                Affiliation::PartnerOrganisation {
                    partner: partner("eaeu"),
                },
                &[Role::Liaison],
                &[],
            )
            .with_standing(None),
            vec![Recipient::Partner {
                partner: partner("eaeu"),
            }],
        ),
        (
            "secretariat",
            principal(
                "sec.officer",
                Affiliation::Secretariat,
                &[Role::Officer],
                &["secretariat"],
            ),
            vec![Recipient::Body {
                body: body("secretariat"),
            }],
        ),
        (
            "crisis_centre",
            principal(
                "crc.duty",
                Affiliation::CrisisCentre,
                &[Role::Officer],
                &["crc"],
            ),
            vec![Recipient::Body { body: body("crc") }],
        ),
        (
            "joint_staff",
            principal(
                "js.officer",
                Affiliation::JointStaff,
                &[Role::Officer],
                &["joint-staff"],
            ),
            vec![Recipient::Body {
                body: body("joint-staff"),
            }],
        ),
        (
            "administrator",
            principal("admin", Affiliation::Administrator, &[], &[]),
            vec![Recipient::Account {
                account: account("admin"),
            }],
        ),
        ("system", Principal::system(), vec![]),
    ]
}

/// Expected answers: per affiliation and action, six letters for
/// public (not released, released), restricted (…), confidential (…). Y = allow, N = deny.
const TABLE: &[(&str, &str, &str)] = &[
    ("anonymous", "read", "YY NN NN"),
    ("anonymous", "found", "NN NN NN"),
    ("anonymous", "manage_members", "NN NN NN"),
    ("anonymous", "manage_accounts", "NN NN NN"),
    ("anonymous", "write_note", "NN NN NN"),
    ("anonymous", "read_log", "YY YY YY"),
    ("anonymous", "open_workspace", "NN NN NN"),
    ("anonymous", "cosign", "YY YY YY"),
    ("anonymous", "prepare", "NN NN NN"),
    ("anonymous", "propose", "NN NN NN"),
    ("anonymous", "take_position", "NN NN NN"),
    ("anonymous", "enforce_deadline", "NN NN NN"),
    ("anonymous", "run_crisis", "NN NN NN"),
    ("anonymous", "ask_for_help", "NN NN NN"),
    ("anonymous", "report_alert", "NN NN NN"),
    ("delegation", "read", "YY YY NY"),
    ("delegation", "found", "NN NN NN"),
    ("delegation", "manage_members", "NN NN NN"),
    ("delegation", "manage_accounts", "NN NN NN"),
    ("delegation", "write_note", "YY YY NY"),
    ("delegation", "read_log", "YY YY YY"),
    ("delegation", "open_workspace", "YY YY YY"),
    ("delegation", "cosign", "YY YY YY"),
    ("delegation", "prepare", "NN NN NN"),
    ("delegation", "propose", "YY YY NY"),
    ("delegation", "take_position", "NN NN NN"),
    ("delegation", "enforce_deadline", "NN NN NN"),
    ("delegation", "run_crisis", "NN NN NN"),
    ("delegation", "ask_for_help", "YY YY NY"),
    ("delegation", "report_alert", "NN NN NN"),
    ("head_of_delegation", "read", "YY YY NY"),
    ("head_of_delegation", "found", "NN NN NN"),
    ("head_of_delegation", "manage_members", "NN NN NN"),
    ("head_of_delegation", "manage_accounts", "NN NN NN"),
    ("head_of_delegation", "write_note", "YY YY NY"),
    ("head_of_delegation", "read_log", "YY YY YY"),
    ("head_of_delegation", "open_workspace", "YY YY YY"),
    ("head_of_delegation", "cosign", "YY YY YY"),
    ("head_of_delegation", "prepare", "NN NN NN"),
    ("head_of_delegation", "propose", "YY YY NY"),
    ("head_of_delegation", "take_position", "YY YY NY"),
    ("head_of_delegation", "enforce_deadline", "NN NN NN"),
    ("head_of_delegation", "run_crisis", "NN NN NN"),
    ("head_of_delegation", "ask_for_help", "YY YY NY"),
    ("head_of_delegation", "report_alert", "NN NN NN"),
    ("observer", "read", "YY NY NY"),
    ("observer", "found", "NN NN NN"),
    ("observer", "manage_members", "NN NN NN"),
    ("observer", "manage_accounts", "NN NN NN"),
    ("observer", "write_note", "NN NN NN"),
    ("observer", "read_log", "YY YY YY"),
    ("observer", "open_workspace", "YY YY YY"),
    ("observer", "cosign", "YY YY YY"),
    ("observer", "prepare", "NN NN NN"),
    ("observer", "propose", "NN NN NN"),
    ("observer", "take_position", "NN NN NN"),
    ("observer", "enforce_deadline", "NN NN NN"),
    ("observer", "run_crisis", "NN NN NN"),
    ("observer", "ask_for_help", "NN NN NN"),
    ("observer", "report_alert", "NN NN NN"),
    ("partner_state", "read", "YY NY NY"),
    ("partner_state", "found", "NN NN NN"),
    ("partner_state", "manage_members", "NN NN NN"),
    ("partner_state", "manage_accounts", "NN NN NN"),
    ("partner_state", "write_note", "NN NN NN"),
    ("partner_state", "read_log", "YY YY YY"),
    ("partner_state", "open_workspace", "YY YY YY"),
    ("partner_state", "cosign", "YY YY YY"),
    ("partner_state", "prepare", "NN NN NN"),
    ("partner_state", "propose", "NN NN NN"),
    ("partner_state", "take_position", "NN NN NN"),
    ("partner_state", "enforce_deadline", "NN NN NN"),
    ("partner_state", "run_crisis", "NN NN NN"),
    ("partner_state", "ask_for_help", "NN NN NN"),
    ("partner_state", "report_alert", "NN NN NN"),
    ("partner_org", "read", "YY NY NY"),
    ("partner_org", "found", "NN NN NN"),
    ("partner_org", "manage_members", "NN NN NN"),
    ("partner_org", "manage_accounts", "NN NN NN"),
    ("partner_org", "write_note", "NN NN NN"),
    ("partner_org", "read_log", "YY YY YY"),
    ("partner_org", "open_workspace", "YY YY YY"),
    ("partner_org", "cosign", "YY YY YY"),
    ("partner_org", "prepare", "NN NN NN"),
    ("partner_org", "propose", "NN NN NN"),
    ("partner_org", "take_position", "NN NN NN"),
    ("partner_org", "enforce_deadline", "NN NN NN"),
    ("partner_org", "run_crisis", "NN NN NN"),
    ("partner_org", "ask_for_help", "NN NN NN"),
    ("partner_org", "report_alert", "YY NY NY"),
    ("partner_org_observer", "read", "YY NY NY"),
    ("partner_org_observer", "found", "NN NN NN"),
    ("partner_org_observer", "manage_members", "NN NN NN"),
    ("partner_org_observer", "manage_accounts", "NN NN NN"),
    ("partner_org_observer", "write_note", "NN NN NN"),
    ("partner_org_observer", "read_log", "YY YY YY"),
    ("partner_org_observer", "open_workspace", "YY YY YY"),
    ("partner_org_observer", "cosign", "YY YY YY"),
    ("partner_org_observer", "prepare", "NN NN NN"),
    ("partner_org_observer", "propose", "NN NN NN"),
    ("partner_org_observer", "take_position", "NN NN NN"),
    ("partner_org_observer", "enforce_deadline", "NN NN NN"),
    ("partner_org_observer", "run_crisis", "NN NN NN"),
    ("partner_org_observer", "ask_for_help", "NN NN NN"),
    ("partner_org_observer", "report_alert", "NN NN NN"),
    ("partner_org_none", "read", "YY NN NN"),
    ("partner_org_none", "found", "NN NN NN"),
    ("partner_org_none", "manage_members", "NN NN NN"),
    ("partner_org_none", "manage_accounts", "NN NN NN"),
    ("partner_org_none", "write_note", "NN NN NN"),
    ("partner_org_none", "read_log", "YY YY YY"),
    ("partner_org_none", "open_workspace", "YY YY YY"),
    ("partner_org_none", "cosign", "YY YY YY"),
    ("partner_org_none", "prepare", "NN NN NN"),
    ("partner_org_none", "propose", "NN NN NN"),
    ("partner_org_none", "take_position", "NN NN NN"),
    ("partner_org_none", "enforce_deadline", "NN NN NN"),
    ("partner_org_none", "run_crisis", "NN NN NN"),
    ("partner_org_none", "ask_for_help", "NN NN NN"),
    ("partner_org_none", "report_alert", "NN NN NN"),
    ("secretariat", "read", "YY YY NY"),
    ("secretariat", "found", "NN NN NN"),
    ("secretariat", "manage_members", "YY YY NY"),
    ("secretariat", "manage_accounts", "NN NN NN"),
    ("secretariat", "write_note", "YY YY NY"),
    ("secretariat", "read_log", "YY YY YY"),
    ("secretariat", "open_workspace", "YY YY YY"),
    ("secretariat", "cosign", "YY YY YY"),
    ("secretariat", "prepare", "YY YY NY"),
    ("secretariat", "propose", "NN NN NN"),
    ("secretariat", "take_position", "NN NN NN"),
    ("secretariat", "enforce_deadline", "NN NN NN"),
    ("secretariat", "run_crisis", "NN NN NN"),
    ("secretariat", "ask_for_help", "NN NN NN"),
    ("secretariat", "report_alert", "NN NN NN"),
    ("crisis_centre", "read", "YY YY NY"),
    ("crisis_centre", "found", "NN NN NN"),
    ("crisis_centre", "manage_members", "NN NN NN"),
    ("crisis_centre", "manage_accounts", "NN NN NN"),
    ("crisis_centre", "write_note", "YY YY NY"),
    ("crisis_centre", "read_log", "YY YY YY"),
    ("crisis_centre", "open_workspace", "YY YY YY"),
    ("crisis_centre", "cosign", "YY YY YY"),
    ("crisis_centre", "prepare", "NN NN NN"),
    ("crisis_centre", "propose", "NN NN NN"),
    ("crisis_centre", "take_position", "NN NN NN"),
    ("crisis_centre", "enforce_deadline", "NN NN NN"),
    ("crisis_centre", "run_crisis", "YY YY NY"),
    ("crisis_centre", "ask_for_help", "NN NN NN"),
    ("crisis_centre", "report_alert", "YY YY NY"),
    ("joint_staff", "read", "YY YY NY"),
    ("joint_staff", "found", "NN NN NN"),
    ("joint_staff", "manage_members", "NN NN NN"),
    ("joint_staff", "manage_accounts", "NN NN NN"),
    ("joint_staff", "write_note", "YY YY NY"),
    ("joint_staff", "read_log", "YY YY YY"),
    ("joint_staff", "open_workspace", "YY YY YY"),
    ("joint_staff", "cosign", "YY YY YY"),
    ("joint_staff", "prepare", "NN NN NN"),
    ("joint_staff", "propose", "NN NN NN"),
    ("joint_staff", "take_position", "NN NN NN"),
    ("joint_staff", "enforce_deadline", "NN NN NN"),
    ("joint_staff", "run_crisis", "YY YY NY"),
    ("joint_staff", "ask_for_help", "NN NN NN"),
    ("joint_staff", "report_alert", "NN NN NN"),
    ("administrator", "read", "YY NY NY"),
    ("administrator", "found", "YY YY YY"),
    ("administrator", "manage_members", "NN NN NN"),
    ("administrator", "manage_accounts", "YY YY YY"),
    ("administrator", "write_note", "NN NN NN"),
    ("administrator", "read_log", "YY YY YY"),
    ("administrator", "open_workspace", "YY YY YY"),
    ("administrator", "cosign", "YY YY YY"),
    ("administrator", "prepare", "NN NN NN"),
    ("administrator", "propose", "NN NN NN"),
    ("administrator", "take_position", "NN NN NN"),
    ("administrator", "enforce_deadline", "NN NN NN"),
    ("administrator", "run_crisis", "NN NN NN"),
    ("administrator", "ask_for_help", "NN NN NN"),
    ("administrator", "report_alert", "NN NN NN"),
    ("system", "read", "YY YY YY"),
    ("system", "found", "YY YY YY"),
    ("system", "manage_members", "YY YY YY"),
    ("system", "manage_accounts", "YY YY YY"),
    ("system", "write_note", "YY YY YY"),
    ("system", "read_log", "YY YY YY"),
    ("system", "open_workspace", "YY YY YY"),
    ("system", "cosign", "YY YY YY"),
    ("system", "prepare", "YY YY YY"),
    ("system", "propose", "YY YY YY"),
    ("system", "take_position", "YY YY YY"),
    ("system", "enforce_deadline", "YY YY YY"),
    ("system", "run_crisis", "YY YY YY"),
    ("system", "ask_for_help", "YY YY YY"),
    ("system", "report_alert", "YY YY YY"),
    // Plans and strategies, peacekeeping (issue 8).
    ("anonymous", "report_progress", "NN NN NN"),
    ("anonymous", "record_peacekeeping", "NN NN NN"),
    ("delegation", "report_progress", "YY YY NY"),
    ("delegation", "record_peacekeeping", "NN NN NN"),
    ("head_of_delegation", "report_progress", "YY YY NY"),
    ("head_of_delegation", "record_peacekeeping", "NN NN NN"),
    ("observer", "report_progress", "NN NN NN"),
    ("observer", "record_peacekeeping", "NN NN NN"),
    ("partner_state", "report_progress", "NN NN NN"),
    ("partner_state", "record_peacekeeping", "NN NN NN"),
    ("partner_org", "report_progress", "NN NN NN"),
    ("partner_org", "record_peacekeeping", "NN NN NN"),
    ("partner_org_observer", "report_progress", "NN NN NN"),
    ("partner_org_observer", "record_peacekeeping", "NN NN NN"),
    ("partner_org_none", "report_progress", "NN NN NN"),
    ("partner_org_none", "record_peacekeeping", "NN NN NN"),
    ("secretariat", "report_progress", "YY YY NY"),
    ("secretariat", "record_peacekeeping", "YY YY NY"),
    ("crisis_centre", "report_progress", "YY YY NY"),
    ("crisis_centre", "record_peacekeeping", "NN NN NN"),
    ("joint_staff", "report_progress", "YY YY NY"),
    ("joint_staff", "record_peacekeeping", "YY YY NY"),
    ("administrator", "report_progress", "NN NN NN"),
    ("administrator", "record_peacekeeping", "NN NN NN"),
    ("system", "report_progress", "YY YY YY"),
    ("system", "record_peacekeeping", "YY YY YY"),
    // Public information.
    ("anonymous", "publish", "NN NN NN"),
    ("delegation", "publish", "NN NN NN"),
    ("head_of_delegation", "publish", "NN NN NN"),
    ("observer", "publish", "NN NN NN"),
    ("partner_state", "publish", "NN NN NN"),
    ("partner_org", "publish", "NN NN NN"),
    ("partner_org_observer", "publish", "NN NN NN"),
    ("partner_org_none", "publish", "NN NN NN"),
    ("secretariat", "publish", "YY YY NY"),
    ("crisis_centre", "publish", "NN NN NN"),
    ("joint_staff", "publish", "NN NN NN"),
    ("administrator", "publish", "NN NN NN"),
    ("system", "publish", "YY YY YY"),
];

fn action_name(action: Action) -> &'static str {
    match action {
        Action::Read => "read",
        Action::Found => "found",
        Action::ManageMembers => "manage_members",
        Action::ManageAccounts => "manage_accounts",
        Action::WriteNote => "write_note",
        Action::ReadLog => "read_log",
        Action::OpenWorkspace => "open_workspace",
        Action::Cosign => "cosign",
        Action::Prepare => "prepare",
        Action::Propose => "propose",
        Action::TakePosition => "take_position",
        Action::EnforceDeadline => "enforce_deadline",
        Action::RunCrisis => "run_crisis",
        Action::AskForHelp => "ask_for_help",
        Action::ReportAlert => "report_alert",
        Action::ReportProgress => "report_progress",
        Action::RecordPeacekeeping => "record_peacekeeping",
        Action::Publish => "publish",
    }
}

#[test]
fn the_policy_answers_the_whole_matrix_as_the_table_says() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (name, principal, named) in principals() {
        let other = vec![Recipient::Account {
            account: account("someone.else"),
        }];
        for action in Action::ALL {
            let row = TABLE
                .iter()
                .find(|(a, b, _)| *a == name && *b == action_name(action))
                .unwrap_or_else(|| {
                    panic!("the table has no row for {name} × {}", action_name(action))
                });
            let expected: Vec<char> = row.2.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(expected.len(), 6, "row {row:?}");
            for (i, classification) in Classification::ALL.into_iter().enumerate() {
                for (j, release) in [&other, &named].into_iter().enumerate() {
                    let resource = Resource {
                        classification,
                        release,
                    };
                    let got = if can(&principal, action, &resource).is_allowed() {
                        'Y'
                    } else {
                        'N'
                    };
                    if got != expected[2 * i + j] {
                        let released = if j == 1 { "released" } else { "not released" };
                        wrong.push(format!(
                            "{name} × {} × {classification} × {released}: got {got}",
                            action_name(action)
                        ));
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert_eq!(checked, 13 * Action::ALL.len() * 3 * 2);
    assert_eq!(TABLE.len(), 13 * Action::ALL.len());
}

#[test]
fn a_denial_says_why() {
    let restricted = Resource::classified(Classification::Restricted);
    assert_eq!(
        can(&Principal::anonymous(), Action::Read, &restricted),
        Decision::Deny(Denial::NotSignedIn(Classification::Restricted))
    );
    let observer = principal(
        "uz.delegate",
        Affiliation::Observer { state: code("UZ") },
        &[Role::Delegate],
        &[],
    );
    assert_eq!(
        can(&observer, Action::Read, &restricted),
        Decision::Deny(Denial::NotCleared(Classification::Restricted))
    );
    let denial = can(&observer, Action::ManageAccounts, &restricted);
    assert!(
        matches!(
            denial,
            Decision::Deny(Denial::NotPermitted {
                affiliation: "observer state",
                ..
            })
        ),
        "{denial:?}"
    );
}

#[test]
fn roles_matter_a_secretariat_account_without_the_officer_role_is_refused() {
    let public = Resource::classified(Classification::Public);
    let clerk = principal("sec.clerk", Affiliation::Secretariat, &[], &["secretariat"]);
    assert_eq!(
        can(&clerk, Action::ManageMembers, &public),
        Decision::Deny(Denial::RoleMissing(Role::Officer))
    );
    assert_eq!(
        can(&clerk, Action::WriteNote, &public),
        Decision::Deny(Denial::RoleMissing(Role::Officer))
    );
    assert!(
        can(
            &clerk,
            Action::Read,
            &Resource::classified(Classification::Restricted)
        )
        .is_allowed()
    );
    let head = principal(
        "ru.head",
        Affiliation::Delegation { state: code("RU") },
        &[Role::HeadOfDelegation],
        &[],
    );
    assert!(can(&head, Action::WriteNote, &public).is_allowed());
    let centre = principal(
        "ru.centre",
        Affiliation::Delegation { state: code("RU") },
        &[Role::NationalCentre],
        &[],
    );
    assert_eq!(
        can(&centre, Action::WriteNote, &public),
        Decision::Deny(Denial::RoleMissing(Role::Delegate))
    );
}

#[test]
fn a_confidential_record_is_read_by_the_account_it_names() {
    let named = [Recipient::Account {
        account: account("ru.delegate"),
    }];
    let resource = Resource {
        classification: Classification::Confidential,
        release: &named,
    };
    let ru = principal(
        "ru.delegate",
        Affiliation::Delegation { state: code("RU") },
        &[Role::Delegate],
        &[],
    );
    let by = principal(
        "by.delegate",
        Affiliation::Delegation { state: code("BY") },
        &[Role::Delegate],
        &[],
    );
    assert!(can(&ru, Action::Read, &resource).is_allowed());
    assert!(!can(&by, Action::Read, &resource).is_allowed());
}

// Status applications: records released to every observer state or every partner state.
#[test]
fn a_record_released_to_observers_or_partners_reaches_every_state_of_that_status_only() {
    // Who reads a record released to observers / to partners, per classification.
    let table: [(&str, [bool; 4]); 13] = [
        // (restricted→observers, restricted→partners, confidential→observers, confidential→partners)
        ("anonymous", [false, false, false, false]),
        ("delegation", [true, true, false, false]),
        ("head_of_delegation", [true, true, false, false]),
        ("observer", [true, false, true, false]),
        ("partner_state", [false, true, false, true]),
        ("partner_org", [false, false, false, false]),
        ("partner_org_observer", [true, false, true, false]),
        ("partner_org_none", [false, false, false, false]),
        ("secretariat", [true, true, false, false]),
        ("crisis_centre", [true, true, false, false]),
        ("joint_staff", [true, true, false, false]),
        ("administrator", [false, false, false, false]),
        ("system", [true, true, true, true]),
    ];
    let observers = [Recipient::Observers];
    let partners = [Recipient::Partners];
    let cases = [
        (Classification::Restricted, &observers[..]),
        (Classification::Restricted, &partners[..]),
        (Classification::Confidential, &observers[..]),
        (Classification::Confidential, &partners[..]),
    ];
    for (name, principal, _) in principals() {
        let (_, row) = table
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("the table has no row for {name}"));
        for ((classification, release), expected) in cases.iter().zip(row) {
            let resource = Resource {
                classification: *classification,
                release,
            };
            assert_eq!(
                can(&principal, Action::Read, &resource).is_allowed(),
                *expected,
                "{name} reading a {classification} record released to {release:?}"
            );
        }
    }
}
