//! A silence procedure whose deadline passes while the server is down is concluded when it
//! starts again, with the deadline as the decision's effective time.

use std::sync::Arc;
use std::time::Duration;

use accord_core::config::DocumentType;
use accord_core::secretariat::SecretariatCommand as C;
use accord_core::secretariat::model::{DocumentId, ProcedureId, Sponsor, ZonedTime};
use accord_core::{BodyId, Command, CommandPayload, Lang, Principal, Text};
use accord_store::{AnyStore, Backend, Journal, Store as _, SystemClock};
use accord_testkit::TestStore;
use accord_testkit::fixtures::{found, journal_config};

fn system(command: C) -> Command {
    Command {
        principal: Principal::system(),
        payload: CommandPayload::Secretariat(command),
    }
}

async fn open(store: &TestStore) -> Journal<AnyStore> {
    Journal::open(
        store.store.clone(),
        journal_config("accord.test/log", Duration::from_millis(100)),
        Arc::new(SystemClock),
    )
    .await
    .expect("the journal opens")
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap())
        .unwrap()
}

#[test]
fn a_deadline_passed_while_the_server_was_down_is_concluded_at_start_up_with_its_time() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let store = TestStore::new(Backend::Sqlite).await;
        let journal = open(&store).await;
        journal.submit(found()).await.unwrap();
        let ru = Lang::parse("ru").unwrap();
        journal
            .submit(system(C::RegisterDocument {
                doc_type: DocumentType::Decision,
                forum: None,
                title: Text::new(ru, "Решение").unwrap(),
                sponsor: Sponsor::Secretariat,
                body: BodyId::parse("csc").unwrap(),
                paragraphs: vec![Text::new(ru, "Одобрить.").unwrap()],
                classification: None,
                release: vec![],
            }))
            .await
            .unwrap();
        let deadline_at = jiff::Timestamp::from_second(unix_now() + 2).unwrap();
        let local = deadline_at
            .to_zoned(jiff::tz::TimeZone::get("Europe/Moscow").unwrap())
            .datetime()
            .strftime("%Y-%m-%dT%H:%M:%S")
            .to_string();
        let deadline = ZonedTime::from_local(&local, "Europe/Moscow").unwrap();
        journal
            .submit(system(C::LaunchSilence {
                document: DocumentId(1),
                deadline: deadline.clone(),
            }))
            .await
            .unwrap();
        // The server stops before the deadline and stays down across it.
        journal.shutdown().await;
        tokio::time::sleep(Duration::from_secs(4)).await;

        let journal = Arc::new(open(&store).await);
        assert!(
            journal
                .state()
                .secretariat()
                .decision(ProcedureId(1))
                .is_none()
        );
        let (stop, stopping) = tokio::sync::watch::channel(false);
        let scheduler = {
            let journal = journal.clone();
            tokio::spawn(async move { accord_server::deadlines::run(&journal, stopping).await })
        };
        let mut waited = 0;
        while journal
            .state()
            .secretariat()
            .decision(ProcedureId(1))
            .is_none()
        {
            assert!(waited < 40, "not concluded at start-up");
            tokio::time::sleep(Duration::from_millis(50)).await;
            waited += 1;
        }
        let record = journal
            .state()
            .secretariat()
            .decision(ProcedureId(1))
            .cloned()
            .unwrap();
        assert!(record.outcome.is_adopted());
        assert_eq!(record.effective_at, deadline.utc());
        // The entry itself is dated when it was written, after the restart.
        let size = journal.committed();
        let entry = journal
            .store()
            .entries(size - 1, 1)
            .await
            .unwrap()
            .pop()
            .unwrap();
        let envelope = accord_core::Envelope::parse(&entry.entry).unwrap();
        assert_eq!(envelope.kind(), "decision.recorded");
        assert!(envelope.time() > deadline.utc(), "{:?}", envelope.time());
        stop.send(true).unwrap();
        scheduler.await.unwrap();
    });
}
