//! The keyed, anchored audit trail on both engines, as an operator and a tamperer meet it:
//! a database administrator who removes the newest rows (dropping the append-only trigger,
//! deleting, putting the trigger back), or removes every opening of one woman's file and
//! recomputes the chain with plain SHA-256 as the old scheme did, is named by verify; so are a
//! wrong key and a forged anchor line. And what is shown is recorded: a list page shown
//! unmasked names every woman on it, and an export names its filter, its count and its women,
//! both found by the subject filter.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::registry::WomanId;
use std::path::PathBuf;
use std::sync::Arc;

use hamyar_app::audit::anchor::{AnchorFile, AnchorWhen};
use hamyar_app::audit::chain::legacy_hash_of;
use hamyar_app::audit::{
    AnchorProblem, AuditKey, AuditQuery, ChainBreak, GENESIS_HASH, KeyedSince,
};
use hamyar_app::ports::{AuditRow, Backend, Database};
use hamyar_app::registry::search::WomanQuery;
use hamyar_app::{Actor, App, AppSettings, FixedClock};
use hamyar_domain::registry::WomanInput;
use hamyar_store::testing::TestDatabase;
use hamyar_store::{ConnectSettings, connect};
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::test_start;

/// The application with an anchor file of its own, anchored once as `hamyar` does at its
/// first start with a key.
async fn anchored_app(db: &TestDatabase) -> (App, PathBuf) {
    let anchors = db.audit_key_file().with_file_name("test.audit-anchors");
    let app = app_on(db)
        .await
        .with_audit_anchors(AnchorFile::new(anchors.clone()));
    app.anchor_audit(AnchorWhen::FileMissing).await.unwrap();
    (app, anchors)
}

/// A valid national ID built from nine digits and its check digit.
fn national_id(seed: u64) -> String {
    let body = format!("{:09}", 200_000_000 + seed * 7_919);
    let sum: u32 = body
        .chars()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap() * (10 - i as u32))
        .sum();
    let r = sum % 11;
    format!("{body}{}", if r < 2 { r } else { 11 - r })
}

const FIRST_NAMES: [&str; 4] = ["مریم", "زهرا", "فاطمه", "سارا"];

async fn register(app: &App, actor: &Actor, county: PlaceId, seed: u64) -> WomanId {
    let input = WomanInput {
        national_id: national_id(seed),
        first_name: FIRST_NAMES[seed as usize % FIRST_NAMES.len()].into(),
        last_name: "احمدی".into(),
        birth_date: "1360/01/01".into(),
        settlement: "urban".into(),
        locality: "آبیک".into(),
        address: "خیابان امام".into(),
        headship_cause: "widow".into(),
        income_decile: "2".into(),
        ..WomanInput::default()
    };
    app.register_woman(actor, &county.to_string(), &input, &[])
        .await
        .unwrap()
        .id
}

/// Runs statements the way a database administrator would, with the trail's triggers
/// switched off around them (SQLite: dropped and created again), on one connection of their
/// own (another pooled connection could still hold the schema from before the drop).
async fn as_administrator(db: &TestDatabase, statements: &[String]) {
    let mut acquired = db.store.pool().acquire().await.unwrap();
    let connection = &mut *acquired;
    let (off, on): (Vec<&str>, Vec<&str>) = match db.backend() {
        Backend::Sqlite => (
            vec![
                "DROP TRIGGER audit_log_no_update",
                "DROP TRIGGER audit_log_no_delete",
            ],
            vec![
                "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
                 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
                "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
                 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            ],
        ),
        Backend::Postgres => (
            vec!["ALTER TABLE audit_log DISABLE TRIGGER USER"],
            vec!["ALTER TABLE audit_log ENABLE TRIGGER USER"],
        ),
    };
    for statement in off {
        sqlx::query(statement)
            .execute(&mut *connection)
            .await
            .unwrap();
    }
    for statement in statements {
        sqlx::query(sqlx::AssertSqlSafe(statement.clone()))
            .execute(&mut *connection)
            .await
            .unwrap_or_else(|error| panic!("{statement}: {error}"));
    }
    for statement in on {
        sqlx::query(statement)
            .execute(&mut *connection)
            .await
            .unwrap();
    }
}

async fn whole_chain(db: &TestDatabase) -> Vec<AuditRow> {
    let mut tx = db.store.read().await.unwrap();
    tx.audit_chain_after(0, 100_000).await.unwrap()
}

/// Removes every `woman.view` of `woman` and recomputes the chain over the rows left with
/// the first scheme's plain SHA-256, as someone holding only the old code would. With
/// `claim_unkeyed` the rows are also marked as written before the key.
async fn remove_openings_and_recompute(db: &TestDatabase, woman: WomanId, claim_unkeyed: bool) {
    let chain = whole_chain(db).await;
    let opening = |row: &AuditRow| row.action == "woman.view" && row.entity_id == woman.to_string();
    let mut statements: Vec<String> = chain
        .iter()
        .filter(|row| opening(row))
        .map(|row| format!("DELETE FROM audit_log WHERE seq = {}", row.seq))
        .collect();
    let mut prev = GENESIS_HASH.to_owned();
    for (index, row) in chain.iter().filter(|row| !opening(row)).enumerate() {
        let mut moved = row.clone();
        moved.seq = index as i64 + 1;
        moved.prev_hash = prev.clone();
        moved.hash = legacy_hash_of(&moved);
        let scheme = if claim_unkeyed {
            ", mac_scheme = 'sha256', key_id = NULL"
        } else {
            ""
        };
        statements.push(format!(
            "UPDATE audit_log SET seq = {}, prev_hash = '{}', hash = '{}'{scheme} WHERE seq = {}",
            moved.seq, moved.prev_hash, moved.hash, row.seq
        ));
        prev = moved.hash;
    }
    as_administrator(db, &statements).await;
}

async fn removing_the_newest_rows_is_named_through_the_anchor(db: &TestDatabase) {
    let (app, _) = anchored_app(db).await;
    for name in ["a.one", "a.two", "a.three", "a.four"] {
        user(&app, name, "social_worker", "ir.qazvin.abyek").await;
    }
    let anchor = app.anchor_audit(AnchorWhen::Always).await.unwrap().unwrap();
    let report = app.verify_audit().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.anchors_checked, 2);

    let keep = anchor.seq - 3;
    as_administrator(db, &[format!("DELETE FROM audit_log WHERE seq > {keep}")]).await;
    let report = app.verify_audit().await.unwrap();
    assert!(report.guard_installed, "the trigger was put back");
    assert_eq!(report.first_break, None, "what is left still chains");
    assert!(!report.is_intact());
    assert!(
        matches!(
            &report.anchor_problems[..],
            [AnchorProblem::RowsMissing { last_seq, anchor: at, line: 2, .. }]
                if *last_seq == keep && at.seq == anchor.seq
        ),
        "{:?}",
        report.anchor_problems
    );
}

async fn removing_a_womans_openings_and_recomputing_the_chain_without_the_key_is_found(
    db: &TestDatabase,
) {
    for claim_unkeyed in [false, true] {
        let db = &fresh_like(db).await;
        let (app, _) = anchored_app(db).await;
        let worker = user(&app, "a.worker", "social_worker", "ir.qazvin.abyek").await;
        let abyek = place(&app, "ir.qazvin.abyek").await;
        let watched = register(&app, &worker, abyek, 1).await;
        let other = register(&app, &worker, abyek, 2).await;
        for woman in [watched, other, watched] {
            app.open_woman(&worker, woman).await.unwrap();
        }
        assert!(app.verify_audit().await.unwrap().is_intact());

        remove_openings_and_recompute(db, watched, claim_unkeyed).await;
        let report = app.verify_audit().await.unwrap();
        assert!(!report.is_intact());
        if claim_unkeyed {
            assert!(
                matches!(
                    report.first_break,
                    Some(ChainBreak::Unkeyed {
                        seq: 1,
                        keyed_since: KeyedSince::Anchor { .. }
                    })
                ),
                "{report:?}"
            );
        } else {
            assert_eq!(report.first_break, Some(ChainBreak::Altered { seq: 1 }));
        }
    }
}

/// A fresh database of the same engine as `db`.
async fn fresh_like(db: &TestDatabase) -> TestDatabase {
    match db.backend() {
        Backend::Sqlite => TestDatabase::sqlite().await,
        Backend::Postgres => TestDatabase::postgres()
            .await
            .expect("PostgreSQL is configured"),
    }
}

async fn a_wrong_key_is_named_as_such(db: &TestDatabase) {
    let (app, anchors) = anchored_app(db).await;
    user(&app, "a.worker", "social_worker", "ir.qazvin.abyek").await;
    let other = connect(&db.url, &ConnectSettings::default())
        .await
        .unwrap()
        .with_audit_key(AuditKey::generate());
    let other_key = other.audit_key().unwrap().fingerprint();
    let with_other_key = App::new(
        Arc::new(other),
        Arc::new(FixedClock::new(test_start())),
        AppSettings::default(),
    )
    .with_audit_anchors(AnchorFile::new(anchors));
    let report = with_other_key.verify_audit().await.unwrap();
    assert_eq!(
        report.first_break,
        Some(ChainBreak::WrongKey {
            seq: 1,
            trail_key: db.audit_key().fingerprint(),
            given_key: other_key,
        })
    );
    assert!(report.anchor_problems.is_empty(), "{report:?}");
}

async fn a_forged_anchor_line_is_named(db: &TestDatabase) {
    let (app, anchors) = anchored_app(db).await;
    user(&app, "a.worker", "social_worker", "ir.qazvin.abyek").await;
    let genuine = app.anchor_audit(AnchorWhen::Always).await.unwrap().unwrap();
    let text = std::fs::read_to_string(&anchors).unwrap();
    let last = text.lines().last().unwrap();
    let forged = last.replace(
        &format!("seq={}", genuine.seq),
        &format!("seq={}", genuine.seq + 5),
    );
    std::fs::write(&anchors, format!("{text}{forged}\n")).unwrap();
    let report = app.verify_audit().await.unwrap();
    assert_eq!(report.first_break, None);
    assert!(
        matches!(
            &report.anchor_problems[..],
            [AnchorProblem::Forged { line: 3, .. }]
        ),
        "{:?}",
        report.anchor_problems
    );
}

async fn the_periodic_anchor_writes_only_when_the_head_moved(db: &TestDatabase) {
    let (app, anchors) = anchored_app(db).await;
    assert_eq!(
        app.anchor_audit(AnchorWhen::FileMissing).await.unwrap(),
        None
    );
    let first = app.anchor_audit(AnchorWhen::HeadMoved).await.unwrap();
    assert_eq!(first, None, "the start already anchored this head");
    user(&app, "a.worker", "social_worker", "ir.qazvin.abyek").await;
    let moved = app.anchor_audit(AnchorWhen::HeadMoved).await.unwrap();
    assert!(moved.is_some());
    assert_eq!(app.anchor_audit(AnchorWhen::HeadMoved).await.unwrap(), None);
    assert_eq!(std::fs::read_to_string(anchors).unwrap().lines().count(), 2);
}

async fn two_servers_on_one_database_each_anchor_and_the_trail_stays_whole(db: &TestDatabase) {
    let (first, first_anchors) = anchored_app(db).await;
    let second_anchors = db.audit_key_file().with_file_name("second.audit-anchors");
    let second_store = connect(&db.url, &ConnectSettings::default())
        .await
        .unwrap()
        .with_audit_key(db.audit_key());
    let second = App::new(
        Arc::new(second_store),
        Arc::new(FixedClock::new(test_start())),
        AppSettings::default(),
    )
    .with_audit_anchors(AnchorFile::new(second_anchors.clone()));
    let writes = |app: App, prefix: &'static str| async move {
        for index in 0..4 {
            user(
                &app,
                &format!("{prefix}.{index}"),
                "social_worker",
                "ir.qazvin.abyek",
            )
            .await;
            app.anchor_audit(AnchorWhen::Always).await.unwrap();
        }
    };
    tokio::join!(writes(first.clone(), "one"), writes(second.clone(), "two"));
    let report = first
        .verify_audit_with(std::slice::from_ref(&second_anchors))
        .await
        .unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.anchors_checked, 1 + 4 + 4);

    let head = report.last_seq;
    as_administrator(db, &[format!("DELETE FROM audit_log WHERE seq = {head}")]).await;
    for (app, others) in [(&first, &second_anchors), (&second, &first_anchors)] {
        let report = app
            .verify_audit_with(std::slice::from_ref(others))
            .await
            .unwrap();
        assert!(
            matches!(
                &report.anchor_problems[..],
                [AnchorProblem::RowsMissing { last_seq, anchor, .. }]
                    if *last_seq == head - 1 && anchor.seq == head
            ),
            "{:?}",
            report.anchor_problems
        );
    }
}

/// Rows naming `woman`, as the audit browser's subject filter finds them for `reader`.
async fn rows_naming(app: &App, reader: &Actor, woman: WomanId, action: &str) -> Vec<AuditRow> {
    app.browse_audit(
        reader,
        &AuditQuery {
            action: Some(action.into()),
            entity_kind: Some("woman".into()),
            entity_id: Some(woman.to_string()),
            page_size: 50,
            ..AuditQuery::default()
        },
    )
    .await
    .unwrap()
}

async fn a_list_page_shown_unmasked_is_found_under_each_woman_on_it(db: &TestDatabase) {
    let app = app_on(db).await;
    let worker = user(&app, "a.worker", "social_worker", "ir.qazvin.abyek").await;
    let takestan_worker = user(&app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    let auditor = user(&app, "q.auditor", "auditor", "ir.qazvin").await;
    let abyek_auditor = user(&app, "a.auditor", "auditor", "ir.qazvin.abyek").await;
    let abyek = place(&app, "ir.qazvin.abyek").await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let first = register(&app, &worker, abyek, 1).await;
    let second = register(&app, &worker, abyek, 2).await;
    let elsewhere = register(&app, &takestan_worker, takestan, 3).await;

    let query = WomanQuery {
        text: "احمدی".into(),
        page_size: 50,
        ..WomanQuery::default()
    };
    let page = app.search_women(&worker, &query).await.unwrap();
    assert_eq!(page.items.len(), 2);
    assert!(!page.items[0].masked);
    for woman in [first, second] {
        let rows = rows_naming(&app, &abyek_auditor, woman, "woman.view_in_list").await;
        assert_eq!(rows.len(), 1, "the page is found under woman {woman}");
        assert_eq!(rows[0].actor_name, "a.worker");
        let after = rows[0].after.as_deref().unwrap();
        let women = format!(
            "\"women\":[{}]",
            [first, second].map(|id| id.to_string()).join(",")
        );
        assert!(after.contains(&women), "{after}");
        assert!(after.contains("\"text\":\"احمدی\""), "{after}");
        assert_eq!(rows[0].subjects.len(), 2);
    }
    assert!(
        rows_naming(&app, &auditor, elsewhere, "woman.view_in_list")
            .await
            .is_empty()
    );

    // An auditor's list is masked: nothing is recorded for it.
    let masked = app.search_women(&auditor, &query).await.unwrap();
    assert!(masked.items.iter().all(|item| item.masked));
    assert_eq!(masked.items.len(), 3);
    let rows = rows_naming(&app, &auditor, first, "woman.view_in_list").await;
    assert_eq!(rows.len(), 1);
    assert!(app.verify_audit().await.unwrap().is_intact());
}

async fn an_export_names_its_filter_its_count_and_each_woman(db: &TestDatabase) {
    let app = app_on(db).await;
    let worker = user(&app, "a.worker", "social_worker", "ir.qazvin.abyek").await;
    let expert = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let auditor = user(&app, "a.auditor", "auditor", "ir.qazvin.abyek").await;
    let abyek = place(&app, "ir.qazvin.abyek").await;
    let women = [
        register(&app, &worker, abyek, 1).await,
        register(&app, &worker, abyek, 2).await,
    ];
    let exported = app.export_women(&expert, Some(abyek), "csv").await.unwrap();
    assert_eq!(exported.len(), 2);
    for woman in women {
        let rows = rows_naming(&app, &auditor, woman, "woman.export").await;
        assert_eq!(rows.len(), 1, "the export is found under woman {woman}");
        let after = rows[0].after.as_deref().unwrap();
        for part in [
            "\"rows\":2".to_owned(),
            format!("\"county_id\":{abyek}"),
            "\"format\":\"csv\"".to_owned(),
        ] {
            assert!(after.contains(&part), "{part} in {after}");
        }
        assert_eq!(rows[0].subjects.len(), 2);
    }
}

hamyar_store::on_both_databases!(
    removing_the_newest_rows_is_named_through_the_anchor,
    removing_a_womans_openings_and_recomputing_the_chain_without_the_key_is_found,
    a_wrong_key_is_named_as_such,
    a_forged_anchor_line_is_named,
    two_servers_on_one_database_each_anchor_and_the_trail_stays_whole,
    the_periodic_anchor_writes_only_when_the_head_moved,
    a_list_page_shown_unmasked_is_found_under_each_woman_on_it,
    an_export_names_its_filter_its_count_and_each_woman,
);

/// An export of the whole registry reads in a read transaction: someone else's write goes
/// through while it runs (before, the export held the write lock from its first page to its
/// audit row, and on SQLite every writer of the office waited). Proven structurally: the
/// sink, called while the export reads, opens a write transaction itself and must get it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_lets_others_write_while_it_reads() {
    let db = TestDatabase::sqlite().await;
    let app = app_on(&db).await;
    let worker = user(&app, "a.worker", "social_worker", "ir.qazvin.abyek").await;
    let expert = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let abyek = place(&app, "ir.qazvin.abyek").await;
    register(&app, &worker, abyek, 1).await;
    let runtime = tokio::runtime::Handle::current();
    let database = app.database().clone();
    let mut writes_meanwhile = 0;
    let mut sink = |_row| {
        let write = tokio::time::timeout(std::time::Duration::from_secs(5), database.write());
        let opened = tokio::task::block_in_place(|| runtime.block_on(write));
        assert!(
            matches!(opened, Ok(Ok(_))),
            "a write waited on the export's lock"
        );
        writes_meanwhile += 1;
        Ok(())
    };
    let count = app
        .export_women_into(&expert, Some(abyek), "csv", &mut sink)
        .await
        .unwrap();
    assert_eq!((count, writes_meanwhile), (1, 1));
}
