//! How the scenario writes: each command at its time, as the account that took it, through
//! the journal; and the records it looks up as it goes.

use accord_core::config::{DecisionRule, DocumentType};
use accord_core::secretariat::model::{
    DocumentId, Forum, Position, ProcedureId, SessionFormat, SessionId, SessionStatus, Sponsor,
};
use accord_core::secretariat::{SecretariatCommand as C, SessionDetails};
use accord_core::{
    AccountId, BodyId, Classification, Command, CommandPayload, Lang, Principal, StateCode, Text,
};
use accord_ledger::SignerKey;
use accord_store::{AnyStore, Journal, ScenarioClock};
use base64::Engine as _;

use crate::error::AppError;

use super::{at, last, moscow};

/// The scenario's writer: commands at their times, as the accounts that took them.
pub(super) struct Story<'a> {
    pub(super) journal: &'a Journal<AnyStore>,
    pub(super) clock: &'a ScenarioClock,
    pub(super) ru: Lang,
    pub(super) en: Lang,
}

impl Story<'_> {
    pub(super) fn text(&self, ru: &str, en: &str) -> Text {
        Text::new(self.ru, ru)
            .and_then(|t| t.with(self.en, en))
            .expect("a scenario text")
    }

    pub(super) fn paragraphs(&self, pairs: &[(&str, &str)]) -> Vec<Text> {
        pairs.iter().map(|(ru, en)| self.text(ru, en)).collect()
    }

    pub(super) fn principal(&self, username: &str) -> Principal {
        let id = AccountId::parse(username).expect("a demo account");
        self.journal
            .state()
            .principal(&id)
            .expect("a demo account with an affiliation")
    }

    pub(super) fn head(&self, state: StateCode) -> Principal {
        self.principal(&format!("head.{}", state.as_str().to_lowercase()))
    }

    /// Runs a command as `who` at `when`.
    pub(super) async fn at(&self, when: &str, who: &Principal, command: C) -> Result<(), AppError> {
        self.clock.set(at(when));
        self.journal
            .submit(Command {
                principal: who.clone(),
                payload: CommandPayload::Secretariat(command),
            })
            .await?;
        Ok(())
    }

    pub(super) fn last_session(&self) -> SessionId {
        let state = self.journal.state();
        SessionId(last(
            state.secretariat().sessions().keys(),
            |k: SessionId| k.0,
        ))
    }

    pub(super) fn last_document(&self) -> DocumentId {
        let state = self.journal.state();
        DocumentId(last(
            state.secretariat().documents().keys(),
            |k: DocumentId| k.0,
        ))
    }

    pub(super) fn last_procedure(&self) -> ProcedureId {
        let state = self.journal.state();
        ProcedureId(last(
            state.secretariat().procedures().keys(),
            |k: ProcedureId| k.0,
        ))
    }

    pub(super) fn videoconference(&self, title: Text, start: &str, end: &str) -> SessionDetails {
        SessionDetails {
            title,
            start: moscow(start),
            end: moscow(end),
            format: SessionFormat::Videoconference {
                link: "https://vc.csto.example/secure-room".into(),
            },
            chair: None,
            participants: None,
        }
    }

    /// Schedules a session; returns its number in the log.
    pub(super) async fn schedule(
        &self,
        when: &str,
        body: &str,
        number: u32,
        details: SessionDetails,
        classification: Classification,
    ) -> Result<SessionId, AppError> {
        let sec = self.principal("secretariat");
        let command = C::ScheduleSession {
            body: BodyId::parse(body).expect("a body"),
            number,
            details,
            classification: Some(classification),
            open_to_observers: false,
        };
        self.at(when, &sec, command).await?;
        Ok(self.last_session())
    }

    /// Registers a draft; returns its number.
    #[expect(clippy::too_many_arguments, reason = "a draft has this many parts")]
    pub(super) async fn register(
        &self,
        when: &str,
        doc_type: DocumentType,
        forum: Option<Forum>,
        title: Text,
        sponsor: Sponsor,
        body: &str,
        paragraphs: Vec<Text>,
        classification: Classification,
    ) -> Result<DocumentId, AppError> {
        let sec = self.principal("secretariat");
        let command = C::RegisterDocument {
            doc_type,
            forum,
            title,
            sponsor,
            body: BodyId::parse(body).expect("a body"),
            paragraphs,
            classification: Some(classification),
            release: Vec::new(),
        };
        self.at(when, &sec, command).await?;
        Ok(self.last_document())
    }

    /// Holds a consensus procedure on `document` under `item` at `when`: each member states a
    /// position (agree unless `positions` says otherwise), then the Secretariat closes it.
    pub(super) async fn consensus(
        &self,
        when: &str,
        session: SessionId,
        item: u32,
        document: DocumentId,
        positions: &[(StateCode, Position)],
    ) -> Result<ProcedureId, AppError> {
        let sec = self.principal("secretariat");
        let open = C::OpenProcedure {
            session,
            item,
            document,
            rule: DecisionRule::Consensus,
        };
        self.at(when, &sec, open).await?;
        let procedure = self.last_procedure();
        let present: Vec<StateCode> = self
            .journal
            .state()
            .secretariat()
            .procedure(procedure)
            .map(|p| p.present.iter().copied().collect())
            .unwrap_or_default();
        for state in present {
            let position = positions
                .iter()
                .find(|(s, _)| *s == state)
                .map_or(Position::Agree, |(_, p)| p.clone());
            let command = C::StatePosition {
                procedure,
                position,
            };
            self.at(when, &self.head(state), command).await?;
        }
        self.at(when, &sec, C::CloseProcedure { procedure }).await?;
        Ok(procedure)
    }

    pub(super) async fn status(
        &self,
        when: &str,
        session: SessionId,
        status: SessionStatus,
    ) -> Result<(), AppError> {
        let sec = self.principal("secretariat");
        self.at(when, &sec, C::SetSessionStatus { session, status })
            .await
    }

    pub(super) async fn item(
        &self,
        when: &str,
        session: SessionId,
        title: Text,
        documents: Vec<DocumentId>,
    ) -> Result<(), AppError> {
        let sec = self.principal("secretariat");
        self.at(
            when,
            &sec,
            C::AddAgendaItem {
                session,
                title,
                documents,
            },
        )
        .await
    }

    pub(super) async fn conclude(
        &self,
        when: &str,
        session: SessionId,
        item: u32,
        outcome: Text,
    ) -> Result<(), AppError> {
        let sec = self.principal("secretariat");
        self.at(
            when,
            &sec,
            C::ConcludeItem {
                session,
                item,
                outcome,
            },
        )
        .await
    }

    /// Each delegation with a key signs decision `decision` at `when`.
    pub(super) async fn sign(
        &self,
        when: &str,
        decision: ProcedureId,
        keys: &[(StateCode, SignerKey)],
    ) -> Result<(), AppError> {
        let message = {
            let state = self.journal.state();
            let record = state
                .secretariat()
                .decision(decision)
                .ok_or_else(|| AppError::internal("the demo scenario", "a decision is missing"))?;
            accord_core::secretariat::signing_message(record)
                .ok_or_else(|| AppError::internal("the demo scenario", "no authentic text hash"))?
        };
        for (state, key) in keys {
            let signature = base64::engine::general_purpose::STANDARD.encode(key.sign(&message));
            let command = C::SignDecision {
                decision,
                signature,
            };
            self.at(when, &self.head(*state), command).await?;
        }
        Ok(())
    }
}
