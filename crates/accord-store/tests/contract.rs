//! The store contract: one suite, written once against the `Store` trait, run on SQLite and on
//! PostgreSQL. Each test gets a fresh database.

use accord_ledger::{
    Hash, MemoryTileStore, Recording, Tile, TileId, TileStore as _, Tree, leaf_hash,
};
use accord_store::{
    Account, ApiToken, Backend, Batch, Blob, CheckpointRow, CosignatureRow, NewEntry, SessionRow,
    Store, StoreError,
};
use accord_testkit::TestStore;

/// A tree that records the tiles each append writes, as the write path does.
struct Recorder {
    tree: Tree<Recording<MemoryTileStore>>,
}

impl Recorder {
    fn new() -> Self {
        Recorder {
            tree: Tree::new(Recording::new(MemoryTileStore::new())),
        }
    }

    /// The batch for these entries: the entries, a body each, and the tiles the append wrote.
    fn batch(&mut self, entries: Vec<Vec<u8>>) -> Batch {
        let first_seq = self.tree.size();
        self.tree.append(&entries).unwrap();
        let bodies: Vec<(Hash, Vec<u8>)> = entries
            .iter()
            .map(|e| (leaf_hash(e), [b"body of ", e.as_slice()].concat()))
            .collect();
        Batch {
            first_seq,
            entries: entries
                .into_iter()
                .zip(&bodies)
                .map(|(entry, (body_hash, _))| NewEntry {
                    entry,
                    body_hash: *body_hash,
                })
                .collect(),
            bodies,
            tiles: self.tree.store_mut().take_written(),
            blobs: Vec::new(),
        }
    }
}

fn entries(range: std::ops::Range<u64>) -> Vec<Vec<u8>> {
    range
        .map(|i| format!("{{\"seq\":{i}}}").into_bytes())
        .collect()
}

async fn appends_read_back_in_order_with_their_tiles_and_bodies(s: &impl Store) {
    assert_eq!(s.log_size().await.unwrap(), 0);
    assert!(s.tiles().await.unwrap().is_empty());
    let mut rec = Recorder::new();
    for chunk in [0..1u64, 1..300, 300..301, 301..1000] {
        let batch = rec.batch(entries(chunk.clone()));
        s.append(&batch).await.unwrap();
        assert_eq!(s.log_size().await.unwrap(), chunk.end);
    }
    let stored = s.entries(0, 10_000).await.unwrap();
    assert_eq!(stored.len(), 1000);
    assert!(stored.iter().enumerate().all(|(i, e)| e.seq == i as u64));
    assert_eq!(stored[999].entry, b"{\"seq\":999}");
    assert_eq!(s.entries(998, 5).await.unwrap().len(), 2);
    // The tiles read back give the same tree.
    let mut cache = MemoryTileStore::new();
    for t in s.tiles().await.unwrap() {
        cache.put_tile(t).unwrap();
    }
    let reopened = Tree::open(cache, 1000).unwrap();
    assert_eq!(reopened.root(), rec.tree.root());
    let t = s
        .tile(TileId { level: 0, index: 3 })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(t.width(), 1000 - 768);
    let body = s.body(&leaf_hash(b"{\"seq\":5}")).await.unwrap().unwrap();
    assert_eq!(body, b"body of {\"seq\":5}");
    assert_eq!(s.body(&Hash([9; 32])).await.unwrap(), None);
    let named = s
        .entry_for_body(&leaf_hash(b"{\"seq\":5}"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (named.seq, named.entry.as_slice()),
        (5, &b"{\"seq\":5}"[..])
    );
    assert_eq!(s.entry_for_body(&Hash([9; 32])).await.unwrap(), None);
    let with = s.entries_with_bodies(5, 2).await.unwrap();
    assert_eq!(with.len(), 2);
    assert_eq!(with[0].seq, 5);
    assert_eq!(with[0].body.as_deref(), Some(&b"body of {\"seq\":5}"[..]));
}

async fn entries_and_bodies_of_any_bytes_read_back_whole(s: &impl Store) {
    // Bytes no text would hold: NULs, invalid UTF-8, the packing's own "no body" mark.
    let odd: Vec<Vec<u8>> = vec![
        vec![0, 0, 0xff, 0xfe, b'x', 0],
        b"ffffffff".to_vec(),
        Vec::new(),
    ];
    let entries: Vec<NewEntry> = odd
        .iter()
        .enumerate()
        .map(|(i, _)| NewEntry {
            entry: vec![0xc3, 0x28, u8::try_from(i).unwrap(), 0],
            body_hash: Hash([u8::try_from(i).unwrap() + 1; 32]),
        })
        .collect();
    let bodies = odd
        .iter()
        .enumerate()
        .map(|(i, b)| (Hash([u8::try_from(i).unwrap() + 1; 32]), b.clone()))
        .collect();
    // A blob an entry names goes in with it, in the same transaction.
    let attachment = Blob {
        hash: Hash([0xab; 32]),
        media_type: "application/cap+xml".to_owned(),
        bytes: b"<alert/>".to_vec(),
    };
    assert_eq!(s.blob(&attachment.hash).await.unwrap(), None);
    s.append(&Batch {
        first_seq: 0,
        entries: entries.clone(),
        bodies,
        tiles: vec![],
        blobs: vec![attachment.clone()],
    })
    .await
    .unwrap();
    assert_eq!(s.blob(&attachment.hash).await.unwrap(), Some(attachment));
    let back = s.entries_with_bodies(0, 10).await.unwrap();
    assert_eq!(back.len(), 3);
    for (i, e) in back.iter().enumerate() {
        assert_eq!(e.seq, i as u64);
        assert_eq!(e.entry, entries[i].entry);
        assert_eq!(e.body.as_ref(), Some(&odd[i]));
    }
}

async fn an_append_that_does_not_start_at_the_end_writes_nothing(s: &impl Store) {
    let mut rec = Recorder::new();
    s.append(&rec.batch(entries(0..10))).await.unwrap();
    let mut stale = rec.batch(entries(10..20));
    stale.first_seq = 5;
    let err = s.append(&stale).await.unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NotNext {
                expected: 10,
                got: 5
            }
        ),
        "{err}"
    );
    stale.first_seq = 11;
    assert!(s.append(&stale).await.is_err());
    assert_eq!(s.log_size().await.unwrap(), 10);
}

async fn a_failing_append_leaves_no_partial_batch(s: &impl Store) {
    let mut rec = Recorder::new();
    s.append(&rec.batch(entries(0..10))).await.unwrap();
    let tiles_before = s.tiles().await.unwrap();
    let mut bad = rec.batch(entries(10..20));
    // The last statement of the append fails (the schema refuses a tile at level 9), after the
    // entries and bodies were inserted: the whole batch must be rolled back.
    let refused = Tile::from_hashes(TileId { level: 9, index: 0 }, vec![Hash([0; 32])]).unwrap();
    bad.tiles.push(refused);
    assert!(s.append(&bad).await.is_err());
    assert_eq!(s.log_size().await.unwrap(), 10);
    assert_eq!(s.entries(10, 100).await.unwrap(), vec![]);
    assert_eq!(s.body(&leaf_hash(b"{\"seq\":15}")).await.unwrap(), None);
    assert_eq!(s.tiles().await.unwrap(), tiles_before);
}

async fn a_partial_tile_only_grows(s: &impl Store) {
    let mut rec = Recorder::new();
    s.append(&rec.batch(entries(0..5))).await.unwrap();
    let narrow = rec.tree.store().inner().tiles().next().unwrap().clone();
    s.append(&rec.batch(entries(5..9))).await.unwrap();
    // Writing the narrower tile again (a stale writer) does not shrink it.
    let batch = Batch {
        first_seq: 9,
        entries: vec![NewEntry {
            entry: b"nine".to_vec(),
            body_hash: Hash([9; 32]),
        }],
        bodies: vec![],
        tiles: vec![narrow],
        blobs: vec![],
    };
    s.append(&batch).await.unwrap();
    let id = TileId { level: 0, index: 0 };
    assert_eq!(s.tile(id).await.unwrap().unwrap().width(), 9);
    // An entry whose body was never stored reads back without one.
    let last = s.entries_with_bodies(9, 1).await.unwrap();
    assert_eq!(last[0].body, None);
}

async fn checkpoints_and_cosignatures(s: &impl Store) {
    assert_eq!(s.latest_checkpoint().await.unwrap(), None);
    let cp = |size| CheckpointRow {
        size,
        note: format!("accord.test\n{size}\nroot\n\n— sig\n"),
        created_at: 1_700_000_000 + i64::try_from(size).unwrap(),
    };
    s.put_checkpoint(&cp(3)).await.unwrap();
    s.put_checkpoint(&cp(10)).await.unwrap();
    s.put_checkpoint(&cp(7)).await.unwrap();
    assert_eq!(s.latest_checkpoint().await.unwrap(), Some(cp(10)));
    assert_eq!(s.checkpoint(7).await.unwrap(), Some(cp(7)));
    assert_eq!(s.checkpoint(8).await.unwrap(), None);
    assert_eq!(s.checkpoints().await.unwrap(), vec![cp(3), cp(7), cp(10)]);

    let err = s.put_checkpoint(&cp(7)).await.unwrap_err();
    assert!(matches!(err, StoreError::Duplicate(_)), "{err}");

    let cosig = |size, witness: &str| CosignatureRow {
        size,
        witness: witness.to_owned(),
        line: format!("— {witness} AAAA"),
        timestamp: 1_700_000_100,
    };
    s.put_cosignature(&cosig(10, "witness.kz")).await.unwrap();
    s.put_cosignature(&cosig(10, "witness.am")).await.unwrap();
    let got = s.cosignatures(10).await.unwrap();
    assert_eq!(got, vec![cosig(10, "witness.am"), cosig(10, "witness.kz")]);
    let err = s
        .put_cosignature(&cosig(10, "witness.am"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate(_)), "{err}");
    let err = s
        .put_cosignature(&cosig(11, "witness.am"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Missing(_)), "{err}");
    s.put_cosignature(&cosig(3, "witness.kz")).await.unwrap();
    s.put_cosignature(&cosig(7, "witness.ru")).await.unwrap();
    assert_eq!(
        s.latest_cosignatures().await.unwrap(),
        vec![
            cosig(10, "witness.am"),
            cosig(10, "witness.kz"),
            cosig(7, "witness.ru")
        ]
    );
}

fn account(id: &str, username: &str) -> Account {
    Account {
        id: id.to_owned(),
        username: username.to_owned(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
        created_at: 1_700_000_000,
        disabled: false,
    }
}

async fn accounts_sessions_and_tokens(s: &impl Store) {
    let a = account("acc-ru-1", "delegate.ru");
    s.create_account(&a).await.unwrap();
    assert!(
        !format!("{a:?}").contains("argon2id"),
        "Debug must redact the hash"
    );
    let err = s
        .create_account(&account("acc-2", "delegate.ru"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate(_)), "{err}");
    assert_eq!(
        s.account_by_username("delegate.ru").await.unwrap(),
        Some(a.clone())
    );
    assert_eq!(s.account("acc-ru-1").await.unwrap(), Some(a.clone()));
    assert_eq!(s.account("nobody").await.unwrap(), None);
    s.set_password_hash("acc-ru-1", "new").await.unwrap();
    assert_eq!(
        s.account("acc-ru-1").await.unwrap().unwrap().password_hash,
        "new"
    );
    assert!(matches!(
        s.set_password_hash("nobody", "x").await,
        Err(StoreError::Missing(_))
    ));

    let session = |n: u8| SessionRow {
        id_hash: Hash([n; 32]),
        account_id: "acc-ru-1".to_owned(),
        created_at: 1,
        expires_at: 2,
        revoked: false,
    };
    s.create_session(&session(1)).await.unwrap();
    s.create_session(&session(2)).await.unwrap();
    s.create_session(&session(3)).await.unwrap();
    assert_eq!(s.session(&Hash([1; 32])).await.unwrap(), Some(session(1)));
    s.revoke_session(&Hash([1; 32])).await.unwrap();
    assert!(s.session(&Hash([1; 32])).await.unwrap().unwrap().revoked);
    assert_eq!(s.revoke_sessions_of("acc-ru-1").await.unwrap(), 2);
    assert!(s.session(&Hash([3; 32])).await.unwrap().unwrap().revoked);
    assert_eq!(s.session(&Hash([4; 32])).await.unwrap(), None);
    let mut bad = session(5);
    bad.account_id = "nobody".to_owned();
    assert!(
        s.create_session(&bad).await.is_err(),
        "sessions need an account"
    );

    let token = |id: &str, n: u8, at: i64| ApiToken {
        id: id.to_owned(),
        token_hash: Hash([n; 32]),
        account_id: "acc-ru-1".to_owned(),
        name: "national centre feed".to_owned(),
        created_at: at,
        revoked_at: None,
    };
    s.create_api_token(&token("tok-1", 1, 10)).await.unwrap();
    s.create_api_token(&token("tok-2", 2, 20)).await.unwrap();
    let list = s.api_tokens().await.unwrap();
    assert_eq!(
        list.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        ["tok-2", "tok-1"]
    );
    assert_eq!(
        s.api_token_by_hash(&Hash([1; 32])).await.unwrap(),
        Some(token("tok-1", 1, 10))
    );
    s.revoke_api_token("tok-1", 100).await.unwrap();
    s.revoke_api_token("tok-1", 200).await.unwrap();
    let revoked = s.api_token_by_hash(&Hash([1; 32])).await.unwrap().unwrap();
    assert_eq!(
        revoked.revoked_at,
        Some(100),
        "revoking twice keeps the first time"
    );
    assert!(matches!(
        s.revoke_api_token("tok-9", 1).await,
        Err(StoreError::Missing(_))
    ));
    let err = s
        .create_api_token(&token("tok-1", 3, 30))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate(_)), "{err}");
}

async fn blobs_are_stored_by_content(s: &impl Store) {
    let blob = Blob {
        hash: Hash([7; 32]),
        media_type: "image/png".to_owned(),
        bytes: vec![0x89, b'P', b'N', b'G'],
    };
    s.put_blob(&blob).await.unwrap();
    s.put_blob(&blob).await.unwrap();
    assert_eq!(s.blob(&blob.hash).await.unwrap(), Some(blob));
    assert_eq!(s.blob(&Hash([8; 32])).await.unwrap(), None);
}

async fn migrating_twice_changes_nothing(s: &impl Store) {
    s.migrate().await.unwrap();
    s.migrate().await.unwrap();
    assert_eq!(s.log_size().await.unwrap(), 0);
}

macro_rules! contract {
    ($backend:ident, $kind:expr) => {
        mod $backend {
            use super::*;
            contract!(@each $kind;
                appends_read_back_in_order_with_their_tiles_and_bodies,
                entries_and_bodies_of_any_bytes_read_back_whole,
                an_append_that_does_not_start_at_the_end_writes_nothing,
                a_failing_append_leaves_no_partial_batch,
                a_partial_tile_only_grows,
                checkpoints_and_cosignatures,
                accounts_sessions_and_tokens,
                blobs_are_stored_by_content,
                migrating_twice_changes_nothing
            );
        }
    };
    (@each $kind:expr; $($name:ident),*) => {
        $(
            #[tokio::test]
            async fn $name() {
                let t = TestStore::new($kind).await;
                super::$name(&t.store).await;
            }
        )*
    };
}

contract!(sqlite, Backend::Sqlite);
contract!(postgres, Backend::Postgres);
