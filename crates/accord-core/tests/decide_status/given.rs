//! What the tests start from and the steps they take.

use crate::common::{account, as_account, at, bilingual, body, code, run, run_at, staffed};
use accord_core::config::{DecisionRule, DocumentType, MemberStatus};
use accord_core::secretariat::model::{
    DocumentId, Forum, Position, SessionFormat, SessionStatus, Sponsor, ZonedTime,
};
use accord_core::secretariat::{SecretariatCommand as S, SessionDetails};
use accord_core::status::{Applicant, ApplicationId, StatusCommand as C};
use accord_core::{
    Action, Affiliation, Classification, CommandPayload, DomainError, Event, Principal, Recipient,
    Resource, Role, State, Text, Timestamp, policy,
};

const HEADS: [&str; 6] = ["AM", "BY", "KZ", "KG", "RU", "TJ"];

/// Given: the staffed organisation with a head of delegation for every member state.
pub(crate) fn organisation() -> State {
    let mut state = staffed();
    for state_code in ["AM", "BY", "KZ", "KG", "TJ"] {
        let id = format!("{}.head", state_code.to_lowercase());
        let affiliation = Affiliation::Delegation {
            state: code(state_code),
        };
        grant(&mut state, &id, affiliation, Role::HeadOfDelegation);
    }
    state
}

pub(crate) fn grant(state: &mut State, id: &str, affiliation: Affiliation, role: Role) {
    let system = Principal::system();
    let payload = CommandPayload::GrantAffiliation {
        account: account(id),
        affiliation,
    };
    run(state, &system, payload).expect("affiliation");
    let payload = CommandPayload::GrantRole {
        account: account(id),
        role,
    };
    run(state, &system, payload).expect("role");
}

pub(crate) fn sec(state: &State) -> Principal {
    as_account(state, "sec.officer")
}

/// Runs `payload` as the Secretariat officer.
pub(crate) fn by_sec(
    state: &mut State,
    payload: CommandPayload,
) -> Result<Vec<Event>, DomainError> {
    let officer = sec(state);
    run(state, &officer, payload)
}

pub(crate) fn status(command: C) -> CommandPayload {
    CommandPayload::Status(command)
}

pub(crate) fn secretariat(command: S) -> CommandPayload {
    CommandPayload::Secretariat(command)
}

pub(crate) fn submit(
    state: &mut State,
    who: &str,
    asked: MemberStatus,
) -> Result<ApplicationId, DomainError> {
    let applicant = Applicant::State(code(who));
    apply_for(
        state,
        applicant,
        bilingual("Узбекистан", "Uzbekistan"),
        asked,
    )
}

/// The Secretariat registers `applicant`'s application for `asked`; returns its number.
pub(crate) fn apply_for(
    state: &mut State,
    applicant: Applicant,
    name: Text,
    asked: MemberStatus,
) -> Result<ApplicationId, DomainError> {
    let events = run(
        state,
        &sec(state),
        status(C::SubmitApplication {
            applicant,
            name,
            status: asked,
            letter: bilingual("Просим предоставить статус.", "We ask for the status."),
        }),
    )?;
    let [Event::ApplicationSubmitted(e)] = &events[..] else {
        panic!("{events:?}")
    };
    Ok(e.application)
}

pub(crate) fn register(state: &mut State, body_id: &str, doc_type: DocumentType) -> DocumentId {
    let forum = (doc_type == DocumentType::JointStatement).then_some(Forum::Un);
    let events = run(
        state,
        &sec(state),
        secretariat(S::RegisterDocument {
            doc_type,
            forum,
            title: bilingual("О статусе", "On the status"),
            sponsor: Sponsor::Secretariat,
            body: body(body_id),
            paragraphs: vec![bilingual("Решили.", "Decided.")],
            classification: Some(Classification::Public),
            release: vec![],
        }),
    )
    .expect("registered");
    let [Event::DocumentRegistered(d)] = &events[..] else {
        panic!("{events:?}")
    };
    d.document
}

pub(crate) fn link(
    state: &mut State,
    application: ApplicationId,
    document: DocumentId,
) -> Result<Vec<Event>, DomainError> {
    run(
        state,
        &sec(state),
        status(C::LinkStepDocument {
            application,
            document,
        }),
    )
}

pub(crate) fn moscow(local: &str) -> ZonedTime {
    ZonedTime::from_local(local, "Europe/Moscow").expect("a Moscow time")
}

/// A session of `body_id` numbered `number` decides `document` by consensus, with `objector`
/// objecting if given; returns the events of closing the item.
pub(crate) fn by_consensus(
    state: &mut State,
    body_id: &str,
    number: u32,
    document: DocumentId,
    objector: Option<&str>,
) -> Vec<Event> {
    let officer = sec(state);
    let events = run(
        state,
        &officer,
        secretariat(S::ScheduleSession {
            body: body(body_id),
            number,
            details: SessionDetails {
                title: bilingual("Заседание", "Meeting"),
                start: moscow("2020-12-01T17:00:00"),
                end: moscow("2020-12-01T19:00:00"),
                format: SessionFormat::Videoconference {
                    link: "https://vc.example.org/pc".into(),
                },
                chair: None,
                participants: None,
            },
            classification: None,
            open_to_observers: false,
        }),
    )
    .expect("scheduled");
    let [Event::SessionScheduled(s)] = &events[..] else {
        panic!("{events:?}")
    };
    let session = s.session;
    let item = S::AddAgendaItem {
        session,
        title: bilingual("О заявке", "On the application"),
        documents: vec![document],
    };
    run(state, &officer, secretariat(item)).expect("item");
    let convene = S::SetSessionStatus {
        session,
        status: SessionStatus::Convened,
    };
    run(state, &officer, secretariat(convene)).expect("convened");
    let open = S::OpenProcedure {
        session,
        item: 1,
        document,
        rule: DecisionRule::Consensus,
    };
    let events = run(state, &officer, secretariat(open)).expect("opened");
    let [Event::ProcedureOpened(p)] = &events[..] else {
        panic!("{events:?}")
    };
    let procedure = p.procedure;
    for head in HEADS {
        let position = if objector == Some(head) {
            Position::Object {
                reason: bilingual("Возражаем", "We object"),
            }
        } else {
            Position::Agree
        };
        let who = as_account(state, &format!("{}.head", head.to_lowercase()));
        run(
            state,
            &who,
            secretariat(S::StatePosition {
                procedure,
                position,
            }),
        )
        .expect("position");
    }
    run(
        state,
        &officer,
        secretariat(S::CloseProcedure { procedure }),
    )
    .expect("closed")
}

/// A silence procedure on `document` with a deadline at 18:00 Moscow time on 1 December 2020
/// (15:00 UTC), concluded by the system at `conclude_at`; returns the events of concluding.
pub(crate) fn by_silence(
    state: &mut State,
    document: DocumentId,
    conclude_at: Timestamp,
) -> Vec<Event> {
    let launch = S::LaunchSilence {
        document,
        deadline: moscow("2020-12-01T18:00:00"),
    };
    let events = run(state, &sec(state), secretariat(launch)).expect("launched");
    let [Event::ProcedureOpened(p)] = &events[..] else {
        panic!("{events:?}")
    };
    let conclude = S::ConcludeSilence {
        procedure: p.procedure,
    };
    run_at(
        state,
        &Principal::system(),
        secretariat(conclude),
        conclude_at,
    )
    .expect("concluded")
}

pub(crate) fn deadline() -> Timestamp {
    at("2020-12-01T15:00:00Z")
}

/// Given an application of Uzbekistan, takes it through the Permanent Council and the
/// Council of Foreign Ministers; returns the Collective Security Council's document.
pub(crate) fn to_last_step(state: &mut State, application: ApplicationId) -> DocumentId {
    let pc = register(state, "pc", DocumentType::Decision);
    link(state, application, pc).expect("linked");
    by_consensus(state, "pc", 1, pc, None);
    let cfm = register(state, "cfm", DocumentType::Decision);
    link(state, application, cfm).expect("linked");
    by_consensus(state, "cfm", 1, cfm, None);
    let csc = register(state, "csc", DocumentType::Decision);
    link(state, application, csc).expect("linked");
    csc
}

pub(crate) fn may_read(principal: &Principal, release: &[Recipient]) -> bool {
    let resource = Resource {
        classification: Classification::Restricted,
        release,
    };
    policy::can(principal, Action::Read, &resource).is_allowed()
}
