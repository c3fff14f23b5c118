//! The keyed audit trail's storage contract, on both engines: rows are sealed with the
//! store's key and name it, subjects are kept with their row (in the order they were sealed)
//! and found by the subject filter within the reader's scope, rows from before the key still
//! verify, and a store without a key refuses to append.

use hamyar_app::access::PlaceId;
use hamyar_app::audit::chain::chain_hash;
use hamyar_app::audit::{ChainBreak, ChainVerifier, GENESIS_HASH};
use hamyar_app::clock::storage_timestamp;
use hamyar_app::ports::{
    AuditFilter, AuditRow, AuditSubject, Backend, Database, NewAuditRow, StoreError,
};
use hamyar_store::testing::TestDatabase;
use hamyar_store::{ConnectSettings, connect, store_error};
use jiff::Timestamp;

fn row(action: &str, entity_kind: &str, entity_id: &str) -> NewAuditRow {
    NewAuditRow {
        at: Timestamp::from_second(1_795_000_000).expect("valid instant"),
        actor_user_id: Some(hamyar_app::access::UserId::new(1)),
        actor_name: "admin".into(),
        action: action.into(),
        entity_kind: entity_kind.into(),
        entity_id: entity_id.into(),
        province_id: Some(PlaceId::new(18)),
        county_id: None,
        before: None,
        after: None,
        subjects: Vec::new(),
    }
}

async fn append(db: &TestDatabase, row: &NewAuditRow) -> AuditRow {
    let mut tx = db.store.write().await.unwrap();
    let stored = tx.append_audit(row).await.unwrap();
    tx.commit().await.unwrap();
    stored
}

async fn whole_chain(db: &TestDatabase) -> Vec<AuditRow> {
    let mut tx = db.store.read().await.unwrap();
    tx.audit_chain_after(0, 1000).await.unwrap()
}

fn verify(key: Option<hamyar_app::audit::AuditKey>, rows: &[AuditRow]) -> Result<u64, ChainBreak> {
    let mut verifier = ChainVerifier::new(key);
    for row in rows {
        verifier.check(row)?;
    }
    Ok(verifier.rows_checked())
}

async fn seqs(db: &TestDatabase, filter: AuditFilter) -> Vec<i64> {
    let mut tx = db.store.read().await.unwrap();
    let rows = tx.audit_page(&filter).await.unwrap();
    rows.iter().map(|row| row.seq).collect()
}

async fn appended_rows_are_sealed_with_the_stores_key_and_name_it(db: &TestDatabase) {
    let stored = append(db, &row("user.create", "user", "2")).await;
    assert_eq!(stored.mac_scheme, "hmac-sha256");
    assert_eq!(stored.key_id, Some(db.audit_key().fingerprint()));
    let chain = whole_chain(db).await;
    assert_eq!(chain, [stored]);
    assert_eq!(verify(Some(db.audit_key()), &chain), Ok(1));
    let other = hamyar_app::audit::AuditKey::generate();
    assert!(matches!(
        verify(Some(other), &chain),
        Err(ChainBreak::WrongKey { seq: 1, .. })
    ));
}

async fn subjects_come_back_with_their_row_in_sealed_order(db: &TestDatabase) {
    let mut list = row("woman.view_in_list", "woman_list", "");
    list.subjects = hamyar_app::audit::chain::canonical_subjects(vec![
        AuditSubject::woman(
            hamyar_app::ports::registry::WomanId::new(9),
            Some(PlaceId::new(18)),
            Some(PlaceId::new(1802)),
        ),
        AuditSubject::woman(
            hamyar_app::ports::registry::WomanId::new(12),
            Some(PlaceId::new(18)),
            Some(PlaceId::new(1801)),
        ),
        AuditSubject::woman(
            hamyar_app::ports::registry::WomanId::new(7),
            Some(PlaceId::new(18)),
            Some(PlaceId::new(1801)),
        ),
    ]);
    let stored = append(db, &list).await;
    append(db, &row("user.view", "user", "3")).await;
    let chain = whole_chain(db).await;
    assert_eq!(chain[0], stored);
    let ids: Vec<&str> = chain[0]
        .subjects
        .iter()
        .map(|s| s.entity_id.as_str())
        .collect();
    assert_eq!(ids, ["12", "7", "9"]);
    assert!(chain[1].subjects.is_empty());
    assert_eq!(verify(Some(db.audit_key()), &chain), Ok(2));
}

async fn the_subject_filter_finds_list_rows_within_the_subjects_place(db: &TestDatabase) {
    let mut list = row("woman.view_in_list", "woman_list", "");
    list.province_id = None;
    list.subjects = hamyar_app::audit::chain::canonical_subjects(vec![
        AuditSubject::woman(
            hamyar_app::ports::registry::WomanId::new(7),
            Some(PlaceId::new(18)),
            Some(PlaceId::new(1801)),
        ),
        AuditSubject::woman(
            hamyar_app::ports::registry::WomanId::new(9),
            Some(PlaceId::new(18)),
            Some(PlaceId::new(1802)),
        ),
    ]);
    append(db, &list).await;
    let mut opening = row("woman.view", "woman", "7");
    opening.county_id = Some(PlaceId::new(1801));
    append(db, &opening).await;
    append(db, &row("woman.view", "woman", "70")).await;

    let woman = |id: &str| AuditFilter {
        entity_kind: Some("woman".into()),
        entity_id: Some(id.into()),
        limit: 50,
        ..AuditFilter::default()
    };
    assert_eq!(seqs(db, woman("7")).await, [2, 1]);
    assert_eq!(seqs(db, woman("9")).await, [1]);
    let in_county = |id: &str, county: i64| AuditFilter {
        province_id: Some(PlaceId::new(18)),
        county_id: Some(PlaceId::new(county)),
        ..woman(id)
    };
    assert_eq!(seqs(db, in_county("7", 1801)).await, [2, 1]);
    assert_eq!(seqs(db, in_county("9", 1802)).await, [1]);
    assert!(seqs(db, in_county("7", 1802)).await.is_empty());
    let only_openings = AuditFilter {
        action: Some("woman.view".into()),
        ..woman("7")
    };
    assert_eq!(seqs(db, only_openings).await, [2]);
    let page = db.store.read().await.unwrap().audit_page(&woman("9")).await;
    assert_eq!(page.unwrap()[0].subjects.len(), 2);
}

async fn the_database_refuses_to_change_or_remove_subjects(db: &TestDatabase) {
    let mut list = row("woman.view_in_list", "woman_list", "");
    list.subjects = vec![AuditSubject::woman(
        hamyar_app::ports::registry::WomanId::new(7),
        Some(PlaceId::new(18)),
        Some(PlaceId::new(1801)),
    )];
    append(db, &list).await;
    let mut statements = vec![
        "UPDATE audit_subjects SET entity_id = '8'",
        "DELETE FROM audit_subjects",
    ];
    if db.backend() == Backend::Postgres {
        statements.push("TRUNCATE audit_subjects");
    }
    for statement in statements {
        let result = sqlx::query(statement).execute(db.store.pool()).await;
        let error = store_error(result.expect_err(statement));
        assert!(
            matches!(error, StoreError::AppendOnly),
            "{statement}: {error:?}"
        );
    }
    let mut tx = db.store.read().await.unwrap();
    assert!(tx.audit_guard_installed().await.unwrap());
}

/// A row as the code before the key wrote it: no scheme given (the column's default) and
/// the first scheme's hash.
async fn insert_unkeyed(db: &TestDatabase, seq: i64, prev: &str) -> String {
    let new = row(&format!("old.{seq}"), "user", "1");
    let at = storage_timestamp(new.at);
    let hash = chain_hash(seq, &at, &new, prev);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor_user_id, actor_name, action, entity_kind, \
         entity_id, province_id, county_id, before_json, after_json, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL, NULL, $9, $10)",
    )
    .bind(seq)
    .bind(at)
    .bind(new.actor_user_id)
    .bind(new.actor_name)
    .bind(new.action)
    .bind(new.entity_kind)
    .bind(new.entity_id)
    .bind(new.province_id)
    .bind(prev.to_owned())
    .bind(hash.clone())
    .execute(db.store.pool())
    .await
    .unwrap();
    hash
}

async fn rows_from_before_the_key_verify_and_keyed_rows_follow_them(db: &TestDatabase) {
    let first = insert_unkeyed(db, 1, GENESIS_HASH).await;
    insert_unkeyed(db, 2, &first).await;
    let keyed = append(db, &row("user.create", "user", "2")).await;
    assert_eq!(keyed.seq, 3);
    let chain = whole_chain(db).await;
    assert_eq!(chain[0].mac_scheme, "sha256");
    assert_eq!(chain[0].key_id, None);
    assert_eq!(verify(Some(db.audit_key()), &chain), Ok(3));
    assert_eq!(
        verify(None, &chain),
        Err(ChainBreak::NoKey { seq: 3 }),
        "keyed rows cannot be checked without the key"
    );
}

async fn a_store_without_a_key_refuses_to_append(db: &TestDatabase) {
    let keyless = connect(&db.url, &ConnectSettings::default()).await.unwrap();
    let mut tx = keyless.write().await.unwrap();
    let refused = tx.append_audit(&row("user.create", "user", "2")).await;
    assert!(
        matches!(refused, Err(StoreError::Unsupported(_))),
        "{refused:?}"
    );
    drop(tx);
    keyless.close().await;
}

async fn the_head_is_the_newest_row(db: &TestDatabase) {
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.audit_head().await.unwrap(), None);
    drop(tx);
    append(db, &row("a", "user", "1")).await;
    let second = append(db, &row("b", "user", "1")).await;
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.audit_head().await.unwrap(), Some((2, second.hash)));
}

hamyar_store::on_both_databases!(
    appended_rows_are_sealed_with_the_stores_key_and_name_it,
    subjects_come_back_with_their_row_in_sealed_order,
    the_subject_filter_finds_list_rows_within_the_subjects_place,
    the_database_refuses_to_change_or_remove_subjects,
    rows_from_before_the_key_verify_and_keyed_rows_follow_them,
    a_store_without_a_key_refuses_to_append,
    the_head_is_the_newest_row,
);
