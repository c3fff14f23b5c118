//! The backup archive's storage contract, on both engines: an archive written from one
//! snapshot loads into a fresh database of the same engine and into SQLite row for row —
//! a place that refers forward to a later place included, the audit trail still verifying
//! with the key — and sequences continue after the restored ids; a database with audit rows
//! holds data and a fresh one does not; and an archive changed by one character, cut short,
//! or checked with another key is refused before anything is loaded, and one swapped for
//! another between the check and the load is refused while loading.

use std::path::PathBuf;

use hamyar_app::audit::{AuditKey, ChainVerifier};
use hamyar_app::ports::{AuditRepo, Backend, Database, NewAuditRow, NewPlaceRow};
use hamyar_store::backup::{
    BackupError, check_archive, clear_for_restore, expected_migrations, load_archive, write_archive,
};
use hamyar_store::fixtures::{at, qazvin_places};
use hamyar_store::testing::TestDatabase;

fn scratch_file(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    std::env::temp_dir().join(format!(
        "hamyar-backup-contract-{}-{nanos}-{name}",
        std::process::id()
    ))
}

/// Qazvin's places, the country made to refer forward to a later place, and two audit
/// rows.
async fn fill(db: &TestDatabase) {
    let mut tx = db.store.begin_write().await.unwrap();
    let (_, _, takestan) = qazvin_places(&mut tx).await;
    sqlx::query("UPDATE places SET parent_id = $1 WHERE code = 'ir'")
        .bind(takestan.get())
        .execute(tx.connection())
        .await
        .unwrap();
    for action in ["user.create", "user.update"] {
        tx.append_audit(&NewAuditRow {
            at: at(1),
            actor_user_id: None,
            actor_name: "console".into(),
            action: action.into(),
            entity_kind: "user".into(),
            entity_id: "1".into(),
            province_id: None,
            county_id: None,
            before: None,
            after: Some("{}".into()),
            subjects: Vec::new(),
        })
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

async fn archive_of(db: &TestDatabase, name: &str) -> PathBuf {
    let file = scratch_file(name);
    let mut tx = db.store.begin_snapshot().await.unwrap();
    let out = std::fs::File::create(&file).unwrap();
    let written = write_archive(
        &mut tx,
        out,
        &db.audit_key(),
        "2026-12-06T00:00:00Z",
        "test",
    )
    .await
    .unwrap();
    assert_eq!(written.header.migrations, expected_migrations(db.backend()));
    assert!(written.total_rows() > 0);
    file
}

async fn an_archive_loads_back_row_for_row_on_either_engine(db: &TestDatabase) {
    fill(db).await;
    assert!(db.store.holds_data().await.unwrap());
    let file = archive_of(db, "round-trip").await;
    let info = check_archive(&file, &db.audit_key()).unwrap();
    let counts = db.store.table_row_counts().await.unwrap();
    let mut targets = vec![TestDatabase::sqlite().await];
    if db.backend() == Backend::Postgres
        && let Some(fresh) = TestDatabase::postgres().await
    {
        targets.push(fresh);
    }
    for target in targets {
        assert!(!target.store.holds_data().await.unwrap());
        assert!(
            target
                .store
                .applied_migrations()
                .await
                .unwrap()
                .are_expected(target.backend())
        );
        let mut tx = target.store.begin_write().await.unwrap();
        clear_for_restore(&mut tx).await.unwrap();
        let loaded = load_archive(&mut tx, &file, &db.audit_key(), &info)
            .await
            .unwrap();
        assert_eq!(loaded.rows, info.rows);
        tx.commit().await.unwrap();
        assert_eq!(target.store.table_row_counts().await.unwrap(), counts);
        let forward: (Option<i64>, i64) = sqlx::query_as(
            "SELECT p.parent_id, (SELECT MAX(id) FROM places) FROM places p WHERE p.code = 'ir'",
        )
        .fetch_one(target.store.pool())
        .await
        .unwrap();
        assert_eq!(forward.0, Some(forward.1), "the forward reference is kept");

        // The trail verifies with the key it was sealed with.
        let mut read = target.store.read().await.unwrap();
        let rows = read.audit_chain_after(0, 100).await.unwrap();
        read.commit().await.unwrap();
        let mut verifier = ChainVerifier::new(Some(db.audit_key()));
        assert_eq!(rows.len(), 2);
        for row in &rows {
            verifier.check(row).unwrap();
        }

        // A new place gets an id after every restored one.
        let mut tx = target.store.write().await.unwrap();
        let new = tx
            .insert_place(&NewPlaceRow {
                kind: "county".into(),
                parent_id: None,
                code: "ir.qazvin.new".into(),
                created_at: at(9),
            })
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(new.get() > forward.1);
    }
    let _ = std::fs::remove_file(file);
}

async fn a_changed_cut_or_foreign_archive_is_refused_before_loading(db: &TestDatabase) {
    fill(db).await;
    let file = archive_of(db, "refusals").await;
    let text = std::fs::read_to_string(&file).unwrap();
    let key = db.audit_key();

    let altered = scratch_file("altered");
    std::fs::write(
        &altered,
        text.replacen("ir.qazvin.abyek", "ir.qazvin.abyeK", 1),
    )
    .unwrap();
    let refused = check_archive(&altered, &key).unwrap_err();
    assert!(
        matches!(&refused, BackupError::Damaged(detail) if detail.contains("seal does not match")),
        "{refused}"
    );

    let cut = scratch_file("cut");
    std::fs::write(&cut, &text[..text.len() - 10]).unwrap();
    let refused = check_archive(&cut, &key).unwrap_err();
    assert!(refused.to_string().contains("incomplete"), "{refused}");

    let refused = check_archive(&file, &AuditKey::generate()).unwrap_err();
    assert!(matches!(refused, BackupError::OtherKey { .. }), "{refused}");

    // A file swapped for another between the check and the load (here: a later backup of
    // the same database) is refused while loading, and the load rolls back.
    let mut tx = db.store.write().await.unwrap();
    tx.insert_place(&NewPlaceRow {
        kind: "county".into(),
        parent_id: None,
        code: "ir.qazvin.later".into(),
        created_at: at(8),
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let later = archive_of(db, "later").await;
    let checked = check_archive(&file, &key).unwrap();
    let target = TestDatabase::sqlite().await;
    let before = target.store.table_row_counts().await.unwrap();
    let mut tx = target.store.begin_write().await.unwrap();
    clear_for_restore(&mut tx).await.unwrap();
    let refused = load_archive(&mut tx, &later, &key, &checked)
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("changed while"), "{refused}");
    drop(tx);
    assert_eq!(target.store.table_row_counts().await.unwrap(), before);

    for path in [file, altered, cut, later] {
        let _ = std::fs::remove_file(path);
    }
}

hamyar_store::on_both_databases!(
    an_archive_loads_back_row_for_row_on_either_engine,
    a_changed_cut_or_foreign_archive_is_refused_before_loading,
);
