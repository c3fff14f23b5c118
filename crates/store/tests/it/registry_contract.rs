//! The storage contract of the registry of women (`RegistryRepo`), checked on both backends
//! in the same way as `contract.rs`: each test is written once as
//! `async fn name(db: &TestDatabase)`, and `hamyar_store::on_both_databases!` at the bottom
//! runs the list on SQLite (always) and on PostgreSQL (when `HAMYAR_TEST_POSTGRES_URL` is set).

use hamyar_app::access::PlaceId;
use hamyar_app::access::Role;
use hamyar_domain::JalaliDate;
use hamyar_domain::registry::{CoverageStatus, ExitReason};
use std::collections::HashMap;

use hamyar_app::ports::registry::{
    DocumentRow, DuplicateFilter, DuplicateRow, EpisodeRow, FirstEpisode, InquiryRow, MemberRow,
    PensionRow, RegistryRepo, WomanId, WomanRecord, WomanSearch, WomanSort,
};
use hamyar_app::ports::{Backend, Database, NewPlaceRow, NewUserRow, StoreError, Tx};
use hamyar_domain::search_key;
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

// ---------------------------------------------------------------------------------------
// Fixtures

/// A fixed instant plus `seconds`, whole milliseconds so it survives the storage format.
fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

/// Two provinces with a county each, under one country.
#[derive(Debug, Clone, Copy)]
struct Places {
    tehran: PlaceId,
    shemiranat: PlaceId,
    qazvin: PlaceId,
    abyek: PlaceId,
}

impl Places {
    fn in_shemiranat(self) -> (PlaceId, PlaceId) {
        (self.tehran, self.shemiranat)
    }

    fn in_abyek(self) -> (PlaceId, PlaceId) {
        (self.qazvin, self.abyek)
    }
}

async fn seeded(db: &TestDatabase) -> Places {
    let mut tx = db.store.write().await.unwrap();
    let mut place = async |kind: &str, parent_id: Option<PlaceId>, code: &str| {
        let row = NewPlaceRow {
            kind: kind.into(),
            parent_id,
            code: code.into(),
            created_at: at(0),
        };
        tx.insert_place(&row).await.unwrap()
    };
    let country = place("country", None, "ir").await;
    let tehran = place("province", Some(country), "ir.tehran").await;
    let shemiranat = place("county", Some(tehran), "ir.tehran.shemiranat").await;
    let qazvin = place("province", Some(country), "ir.qazvin").await;
    let abyek = place("county", Some(qazvin), "ir.qazvin.abyek").await;
    tx.commit().await.unwrap();
    Places {
        tehran,
        shemiranat,
        qazvin,
        abyek,
    }
}

/// A record with the search keys the application computes (`search_key`), so that stored
/// keys and searched prefixes are folded exactly as in production.
fn woman(
    national_id: &str,
    first: &str,
    last: &str,
    (province, county): (PlaceId, PlaceId),
) -> WomanRecord {
    WomanRecord {
        national_id: national_id.into(),
        first_name: first.into(),
        last_name: last.into(),
        father_name: None,
        birth_date: "1980-01-01".into(),
        mobile: None,
        province_id: province,
        county_id: county,
        locality: "مرکز".into(),
        settlement: "urban".into(),
        address: "خیابان آزادی".into(),
        education: None,
        skills: String::new(),
        sheba: None,
        headship_cause: "widowed".into(),
        income_decile: None,
        notes: String::new(),
        social_worker_id: None,
        name_key: search_key(&format!("{first} {last}")),
        name_key_reversed: hamyar_domain::persian_order(&search_key(&format!("{last} {first}"))),
    }
}

/// Distinct ten-digit national IDs in no particular order.
fn generated_national_id(index: usize) -> String {
    format!(
        "{:010}",
        (index as u64 * 7_919_000_003 + 11) % 10_000_000_000
    )
}

fn generated_women(count: usize, places: Places) -> Vec<WomanRecord> {
    (0..count)
        .map(|index| {
            let mut record = woman(
                &generated_national_id(index),
                "مریم",
                &format!("احمدی {index}"),
                places.in_abyek(),
            );
            record.mobile = Some(format!("0912{index:07}"));
            record
        })
        .collect()
}

async fn insert(db: &TestDatabase, record: &WomanRecord, seconds: i64) -> WomanId {
    let mut tx = db.store.write().await.unwrap();
    let id = tx
        .insert_woman(record, "applicant", at(seconds))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn found(db: &TestDatabase, search: WomanSearch) -> Vec<WomanId> {
    let mut tx = db.store.read().await.unwrap();
    let rows = tx.search_women(&search).await.unwrap();
    rows.iter().map(|row| row.id).collect()
}

async fn count_women(tx: &mut dyn Tx) -> usize {
    tx.search_women(&WomanSearch::default())
        .await
        .unwrap()
        .len()
}

fn assert_unique<T: std::fmt::Debug>(result: Result<T, StoreError>, expected: &str) {
    match result {
        Err(StoreError::Unique(name)) => assert_eq!(name, expected),
        other => panic!("expected Unique({expected}), got {other:?}"),
    }
}

fn member(woman_id: WomanId, first_name: &str, national_id: Option<&str>) -> MemberRow {
    MemberRow {
        id: 0,
        woman_id,
        first_name: first_name.into(),
        last_name: None,
        relation: "child".into(),
        birth_date: None,
        national_id: national_id.map(Into::into),
        disability: false,
        activity: None,
    }
}

fn episode(woman_id: WomanId, status: &str, started_on: &str, seconds: i64) -> EpisodeRow {
    EpisodeRow {
        id: 0,
        woman_id,
        status: CoverageStatus::from_code(status).unwrap(),
        exit_reason: None,
        started_on: JalaliDate::from_iso_str(started_on).unwrap(),
        decided_by: None,
        decided_by_name: "console".into(),
        reason: format!("تصمیم {status}"),
        recorded_at: at(seconds),
    }
}

fn candidate(
    woman_id: WomanId,
    other_id: WomanId,
    reason: &str,
    place: (PlaceId, PlaceId),
) -> DuplicateRow {
    DuplicateRow {
        id: 0,
        woman_id,
        other_id,
        reason: reason.into(),
        status: "open".into(),
        province_id: place.0,
        county_id: place.1,
        detected_at: at(50),
        resolved_by: None,
        resolved_at: None,
    }
}

// ---------------------------------------------------------------------------------------
// Women's records

async fn a_woman_is_read_back_by_id_and_by_national_id_exactly_as_stored(db: &TestDatabase) {
    let places = seeded(db).await;
    let mut record = woman("0012345679", "فاطمه", "کریمی", places.in_abyek());
    record.father_name = Some("علی".into());
    record.mobile = Some("09121234567".into());
    record.education = Some("diploma".into());
    record.skills = "خیاطی".into();
    record.sheba = Some("IR820540102680020817909002".into());
    record.income_decile = Some(3);
    record.notes = "یادداشت".into();
    let id = insert(db, &record, 100).await;

    let mut tx = db.store.read().await.unwrap();
    let row = tx.woman_by_id(id).await.unwrap().expect("the woman by id");
    assert_eq!(row.id, id);
    assert_eq!(row.record, record);
    assert_eq!(
        (
            row.coverage_status.as_str(),
            row.household_size,
            row.version
        ),
        ("applicant", 1, 1)
    );
    assert_eq!(
        (row.merged_into, row.created_at, row.updated_at),
        (None, at(100), at(100))
    );
    let by_national_id = tx.woman_by_national_id("0012345679").await.unwrap();
    assert_eq!(by_national_id, Some(row));
    assert_eq!(
        tx.woman_by_id(hamyar_app::ports::registry::WomanId::new(id.get() + 1000))
            .await
            .unwrap(),
        None
    );
    assert_eq!(tx.woman_by_national_id("0000000000").await.unwrap(), None);
}

async fn a_registered_national_id_is_refused_as_unique_women_national_id(db: &TestDatabase) {
    let places = seeded(db).await;
    insert(
        db,
        &woman("0012345679", "فاطمه", "کریمی", places.in_abyek()),
        1,
    )
    .await;
    let mut tx = db.store.write().await.unwrap();
    let again = woman("0012345679", "زهرا", "رضایی", places.in_shemiranat());
    assert_unique(
        tx.insert_woman(&again, "applicant", at(2)).await,
        "women.national_id",
    );
}

async fn a_woman_in_a_county_that_does_not_exist_is_refused_as_a_foreign_key(db: &TestDatabase) {
    let places = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let nowhere = woman(
        "0012345679",
        "فاطمه",
        "کریمی",
        (places.qazvin, PlaceId::new(9_999)),
    );
    let result = tx.insert_woman(&nowhere, "applicant", at(1)).await;
    assert!(matches!(result, Err(StoreError::ForeignKey)), "{result:?}");
}

/// The names of the indexes on the registry's big tables, as the catalogue lists them.
async fn index_names(db: &TestDatabase) -> Vec<String> {
    let sql = match db.backend() {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'index' \
             AND tbl_name IN ('women', 'coverage_episodes') ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT CAST(indexname AS TEXT) FROM pg_indexes WHERE tablename IN ('women', 'coverage_episodes') \
             ORDER BY indexname"
        }
    };
    sqlx::query_scalar(sql)
        .fetch_all(db.store.pool())
        .await
        .unwrap()
}

async fn a_bulk_load_rebuilds_its_indexes_and_a_rolled_back_one_restores_them(db: &TestDatabase) {
    let places = seeded(db).await;
    let before = index_names(db).await;
    assert!(before.len() >= 8, "{before:?}");
    let records = generated_women(1_200, places);
    let mut tx = db.store.write().await.unwrap();
    assert_eq!(tx.count_women().await.unwrap(), 0);
    tx.begin_bulk_load().await.unwrap();
    tx.insert_women_batch(&records[..600], "applicant", at(5))
        .await
        .unwrap();
    drop(tx);
    assert_eq!(
        index_names(db).await,
        before,
        "a rolled-back bulk load leaves the indexes"
    );

    let mut tx = db.store.begin_write().await.unwrap();
    tx.begin_bulk_load().await.unwrap();
    tx.insert_women_batch(&records, "applicant", at(5))
        .await
        .unwrap();
    tx.finish_bulk_load().await.unwrap();
    if db.backend() == Backend::Sqlite {
        // The rebuild sorts with a small cache and a helper thread; the connection goes back
        // to the pool with the settings every connection has.
        let cache: i64 = sqlx::query_scalar("PRAGMA cache_size")
            .fetch_one(tx.connection())
            .await
            .unwrap();
        let threads: i64 = sqlx::query_scalar("PRAGMA threads")
            .fetch_one(tx.connection())
            .await
            .unwrap();
        assert_eq!((cache, threads), (-65536, 0));
    }
    tx.commit().await.unwrap();
    assert_eq!(
        index_names(db).await,
        before,
        "the indexes are back after a bulk load"
    );
    if db.backend() == Backend::Sqlite {
        let analysed: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'women'")
                .fetch_one(db.store.pool())
                .await
                .unwrap();
        assert!(analysed > 0, "the planner's statistics were refreshed");
    }
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.count_women().await.unwrap(), 1_200);
    let found = tx
        .woman_by_national_id(&records[700].national_id)
        .await
        .unwrap();
    assert!(found.is_some());
}

async fn a_batch_returns_the_new_ids_in_input_order(db: &TestDatabase) {
    let places = seeded(db).await;
    let records = generated_women(1_200, places);
    let mut tx = db.store.write().await.unwrap();
    let ids = tx
        .insert_women_batch(&records, "applicant", at(5))
        .await
        .unwrap();
    assert!(
        tx.insert_women_batch(&[], "applicant", at(5))
            .await
            .unwrap()
            .is_empty()
    );
    tx.commit().await.unwrap();

    assert_eq!(ids.len(), records.len());
    let mut tx = db.store.read().await.unwrap();
    let stored = tx.search_women(&WomanSearch::default()).await.unwrap();
    let national_id_of: HashMap<WomanId, &str> = stored
        .iter()
        .map(|row| (row.id, row.record.national_id.as_str()))
        .collect();
    assert_eq!(national_id_of.len(), records.len());
    for (id, record) in ids.iter().zip(&records) {
        assert_eq!(national_id_of.get(id), Some(&record.national_id.as_str()));
    }
    let last = tx.woman_by_id(ids[1_199]).await.unwrap().unwrap();
    assert_eq!(last.record, records[1_199]);
    assert_eq!(
        (last.coverage_status.as_str(), last.version, last.created_at),
        ("applicant", 1, at(5))
    );
}

async fn a_duplicate_in_a_batch_fails_the_whole_batch(db: &TestDatabase) {
    let places = seeded(db).await;
    // The duplicate sits in the second statement's rows, after a first chunk went in.
    let mut records = generated_women(1_200, places);
    records[1_100].national_id = records[3].national_id.clone();
    let mut tx = db.store.write().await.unwrap();
    assert_unique(
        tx.insert_women_batch(&records, "applicant", at(5)).await,
        "women.national_id",
    );
    // Nothing of the batch is left, and the transaction goes on (on PostgreSQL too).
    assert_eq!(count_women(tx.as_mut()).await, 0);
    let survivor = woman("0012345679", "فاطمه", "کریمی", places.in_abyek());
    tx.insert_woman(&survivor, "applicant", at(6))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // A national ID registered before the batch fails it the same way.
    let mut tx = db.store.write().await.unwrap();
    let mut clashing = generated_women(20, places);
    clashing[17].national_id = survivor.national_id.clone();
    assert_unique(
        tx.insert_women_batch(&clashing, "applicant", at(7)).await,
        "women.national_id",
    );
    drop(tx);

    let mut tx = db.store.read().await.unwrap();
    assert_eq!(count_women(tx.as_mut()).await, 1);
    assert!(
        tx.woman_by_national_id(&records[0].national_id)
            .await
            .unwrap()
            .is_none()
    );
}

async fn registered_national_ids_are_found_among_thousands(db: &TestDatabase) {
    let places = seeded(db).await;
    let records = generated_women(1_500, places);
    let mut tx = db.store.write().await.unwrap();
    let ids = tx
        .insert_women_batch(&records, "applicant", at(5))
        .await
        .unwrap();
    // A record merged away still holds its national ID.
    tx.set_merged_into(ids[10], ids[11], at(6)).await.unwrap();
    tx.commit().await.unwrap();

    // Every other registered ID, a thousand unknown ones, and one asked twice.
    let mut asked: Vec<String> = (1_500..2_500).map(generated_national_id).collect();
    asked.extend(records.iter().step_by(2).map(|r| r.national_id.clone()));
    asked.push(records[0].national_id.clone());
    asked.reverse();
    let mut expected: Vec<String> = records
        .iter()
        .step_by(2)
        .map(|r| r.national_id.clone())
        .collect();
    expected.sort();

    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.registered_national_ids(&asked).await.unwrap(), expected);
    assert!(tx.registered_national_ids(&[]).await.unwrap().is_empty());
}

async fn an_update_applies_only_to_the_version_it_read(db: &TestDatabase) {
    let places = seeded(db).await;
    let original = woman("0012345679", "فاطمه", "کریمی", places.in_abyek());
    let id = insert(db, &original, 1).await;

    let mut edited = woman("0012345679", "فاطمه", "کریمی‌پور", places.in_shemiranat());
    edited.mobile = Some("09351234567".into());
    edited.income_decile = Some(2);
    let mut tx = db.store.write().await.unwrap();
    assert!(tx.update_woman(id, &edited, 1, at(10)).await.unwrap());
    // A second editor who also read version 1 is told, and changes nothing.
    let stale = woman("0012345679", "زهرا", "رضایی", places.in_abyek());
    assert!(!tx.update_woman(id, &stale, 1, at(20)).await.unwrap());
    assert!(
        !tx.update_woman(
            hamyar_app::ports::registry::WomanId::new(id.get() + 1000),
            &stale,
            2,
            at(20)
        )
        .await
        .unwrap()
    );
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let row = tx.woman_by_id(id).await.unwrap().unwrap();
    assert_eq!(row.record, edited);
    assert_eq!(
        (row.version, row.created_at, row.updated_at),
        (2, at(1), at(10))
    );
}

async fn an_update_to_a_registered_national_id_is_refused_as_unique(db: &TestDatabase) {
    let places = seeded(db).await;
    insert(
        db,
        &woman("0012345679", "فاطمه", "کریمی", places.in_abyek()),
        1,
    )
    .await;
    let id = insert(
        db,
        &woman("0023456781", "زهرا", "رضایی", places.in_abyek()),
        2,
    )
    .await;
    let mut tx = db.store.write().await.unwrap();
    let taken = woman("0012345679", "زهرا", "رضایی", places.in_abyek());
    assert_unique(
        tx.update_woman(id, &taken, 1, at(3)).await,
        "women.national_id",
    );
}

async fn coverage_status_changes_do_not_bump_the_version_but_a_merge_does(db: &TestDatabase) {
    let places = seeded(db).await;
    let first = insert(
        db,
        &woman("0012345679", "فاطمه", "کریمی", places.in_abyek()),
        1,
    )
    .await;
    let second = insert(
        db,
        &woman("0023456781", "فاطمه", "کریمی", places.in_abyek()),
        2,
    )
    .await;
    let mut tx = db.store.write().await.unwrap();
    tx.set_coverage_status(first, "active", at(10))
        .await
        .unwrap();
    let row = tx.woman_by_id(first).await.unwrap().unwrap();
    assert_eq!(
        (row.coverage_status.as_str(), row.version, row.updated_at),
        ("active", 1, at(10))
    );
    tx.set_merged_into(second, first, at(20)).await.unwrap();
    let merged = tx.woman_by_id(second).await.unwrap().unwrap();
    assert_eq!(
        (merged.merged_into, merged.version, merged.updated_at),
        (Some(first), 2, at(20))
    );
    // An edit form opened before the merge cannot write into the merged record.
    let late = woman("0023456781", "فاطمه", "کریمی", places.in_abyek());
    assert!(!tx.update_woman(second, &late, 1, at(30)).await.unwrap());
}

// ---------------------------------------------------------------------------------------
// Search

async fn a_search_narrows_by_scope_identity_cause_and_status(db: &TestDatabase) {
    let p = seeded(db).await;
    let mut a = woman("0012345679", "فاطمه", "کریمی", p.in_abyek());
    a.mobile = Some("09121111111".into());
    let mut b = woman("0023456781", "زهرا", "رضایی", p.in_abyek());
    b.headship_cause = "divorced".into();
    let mut c = woman("0034567892", "مریم", "احمدی", p.in_shemiranat());
    c.mobile = Some("09121111111".into());
    let a = insert(db, &a, 1).await;
    let b = insert(db, &b, 2).await;
    let c = insert(db, &c, 3).await;
    let merged = insert(
        db,
        &woman("0045678903", "مریم", "احمدی", p.in_shemiranat()),
        4,
    )
    .await;
    let mut tx = db.store.write().await.unwrap();
    tx.set_coverage_status(b, "active", at(5)).await.unwrap();
    tx.set_merged_into(merged, c, at(6)).await.unwrap();
    tx.commit().await.unwrap();

    let newest = WomanSearch {
        sort: WomanSort::Newest,
        ..WomanSearch::default()
    };
    let search = async |search: WomanSearch| found(db, search).await;
    assert_eq!(search(newest.clone()).await, [c, b, a]);
    let qazvin = WomanSearch {
        province_id: Some(p.qazvin),
        ..newest.clone()
    };
    assert_eq!(search(qazvin).await, [b, a]);
    let shemiranat = WomanSearch {
        county_id: Some(p.shemiranat),
        ..newest.clone()
    };
    assert_eq!(search(shemiranat).await, [c]);
    let crossed = WomanSearch {
        province_id: Some(p.tehran),
        county_id: Some(p.abyek),
        ..newest.clone()
    };
    assert!(search(crossed).await.is_empty());
    let by_national_id = WomanSearch {
        national_id: Some("0023456781".into()),
        ..newest.clone()
    };
    assert_eq!(search(by_national_id).await, [b]);
    // A merged record is hidden even when searched by its own national ID.
    let merged_away = WomanSearch {
        national_id: Some("0045678903".into()),
        ..newest.clone()
    };
    assert!(search(merged_away).await.is_empty());
    let by_mobile = WomanSearch {
        mobile: Some("09121111111".into()),
        ..newest.clone()
    };
    assert_eq!(search(by_mobile).await, [c, a]);
    let by_cause = WomanSearch {
        headship_cause: Some("divorced".into()),
        ..newest.clone()
    };
    assert_eq!(search(by_cause).await, [b]);
    let by_status = WomanSearch {
        coverage_status: Some("applicant".into()),
        ..newest.clone()
    };
    assert_eq!(search(by_status).await, [c, a]);
}

async fn a_name_prefix_matches_either_name_order_whatever_the_letter_forms(db: &TestDatabase) {
    let p = seeded(db).await;
    // Entered with Arabic ي and ك, and with a zero-width non-joiner inside the first name.
    let karimi = insert(
        db,
        &woman("0012345679", "فاطمه\u{200C}زهرا", "كريمي", p.in_abyek()),
        1,
    )
    .await;
    let rezaei = insert(db, &woman("0023456781", "زهرا", "رضایی", p.in_abyek()), 2).await;
    let karimian = insert(
        db,
        &woman("0034567892", "مریم", "کریمیان", p.in_shemiranat()),
        3,
    )
    .await;
    let by_prefix = |typed: &str| WomanSearch {
        name_prefix: Some(search_key(typed)),
        sort: WomanSort::Newest,
        ..WomanSearch::default()
    };

    // Last name first (the reversed key), typed with Persian letters.
    assert_eq!(found(db, by_prefix("کریمی")).await, [karimian, karimi]);
    assert_eq!(found(db, by_prefix("کریمی فاطمه")).await, [karimi]);
    // First name first, typed with a space where the record has a ZWNJ, and with Arabic ي.
    assert_eq!(found(db, by_prefix("فاطمه زهرا")).await, [karimi]);
    assert_eq!(found(db, by_prefix("فاطمهزهرا كري")).await, [karimi]);
    // «زهرا» begins one woman's first name and is inside another's: only the prefix counts.
    assert_eq!(found(db, by_prefix("زهرا")).await, [rezaei]);
    assert!(found(db, by_prefix("کریمیانی")).await.is_empty());
    // A prefix never matches as a pattern.
    assert!(found(db, by_prefix("%")).await.is_empty());
    // Scoped and prefixed at once.
    let in_abyek = WomanSearch {
        county_id: Some(p.abyek),
        ..by_prefix("کریمی")
    };
    assert_eq!(found(db, in_abyek).await, [karimi]);
    // An empty prefix is no condition.
    assert_eq!(found(db, by_prefix("")).await.len(), 3);
}

async fn search_results_are_sorted_and_paged(db: &TestDatabase) {
    let p = seeded(db).await;
    let mut entries = Vec::new();
    for (national_id, first, last, birth) in [
        ("0012345679", "زهرا", "محمدی", "1975-05-05"),
        ("0023456781", "فاطمه", "احمدی", "1990-01-01"),
        ("0034567892", "مریم", "محمدی", "1960-12-31"),
        ("0045678903", "آمنه", "احمدی", "1990-01-01"),
    ] {
        let mut record = woman(national_id, first, last, p.in_abyek());
        record.birth_date = birth.into();
        entries.push(insert(db, &record, 1).await);
    }
    let [zahra, fatemeh, maryam, ameneh] = entries[..] else {
        unreachable!()
    };
    // By last name then first name (reversed key): احمدی آمنه, احمدی فاطمه, محمدی زهرا, محمدی مریم.
    let by_name = WomanSearch::default();
    assert_eq!(
        found(db, by_name.clone()).await,
        [ameneh, fatemeh, zahra, maryam]
    );
    let newest = WomanSearch {
        sort: WomanSort::Newest,
        ..WomanSearch::default()
    };
    assert_eq!(found(db, newest).await, [ameneh, maryam, fatemeh, zahra]);
    // Equal birth dates fall back to the id.
    let by_birth = WomanSearch {
        sort: WomanSort::BirthDate,
        ..WomanSearch::default()
    };
    assert_eq!(found(db, by_birth).await, [maryam, zahra, fatemeh, ameneh]);
    let page = WomanSearch {
        limit: 2,
        offset: 1,
        ..by_name.clone()
    };
    assert_eq!(found(db, page).await, [fatemeh, zahra]);
    let last_page = WomanSearch {
        limit: 2,
        offset: 3,
        ..by_name
    };
    assert_eq!(found(db, last_page).await, [maryam]);
}

async fn look_ups_for_duplicates_leave_out_merged_records(db: &TestDatabase) {
    let p = seeded(db).await;
    let mut first = woman("0012345679", "فاطمه", "کریمی", p.in_abyek());
    first.mobile = Some("09121111111".into());
    first.birth_date = "1980-02-03".into();
    let mut second = first.clone();
    second.national_id = "0023456781".into();
    let mut third = first.clone();
    third.national_id = "0034567892".into();
    third.birth_date = "1981-02-03".into();
    let first = insert(db, &first, 1).await;
    let second = insert(db, &second, 2).await;
    let third = insert(db, &third, 3).await;

    let key = search_key("فاطمه کریمی");
    let mut tx = db.store.write().await.unwrap();
    assert_eq!(
        tx.women_by_name_and_birth(&key, "1980-02-03")
            .await
            .unwrap(),
        [first, second]
    );
    assert_eq!(
        tx.women_by_mobile("09121111111").await.unwrap(),
        [first, second, third]
    );
    tx.set_merged_into(second, first, at(10)).await.unwrap();
    assert_eq!(
        tx.women_by_name_and_birth(&key, "1980-02-03")
            .await
            .unwrap(),
        [first]
    );
    assert_eq!(
        tx.women_by_mobile("09121111111").await.unwrap(),
        [first, third]
    );
    assert!(tx.women_by_mobile("09120000000").await.unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------
// Household

async fn the_household_size_follows_added_removed_and_moved_members(db: &TestDatabase) {
    let p = seeded(db).await;
    let mother = insert(db, &woman("0012345679", "فاطمه", "کریمی", p.in_abyek()), 1).await;
    let other = insert(db, &woman("0023456781", "زهرا", "رضایی", p.in_abyek()), 2).await;
    let size = async |tx: &mut Box<dyn Tx>, id: WomanId| {
        tx.woman_by_id(id).await.unwrap().unwrap().household_size
    };

    let mut tx = db.store.write().await.unwrap();
    let mut ali = member(mother, "علی", Some("0098765432"));
    ali.last_name = Some("کریمی".into());
    ali.birth_date = Some("2010-04-05".into());
    ali.disability = true;
    ali.activity = Some("student".into());
    ali.id = tx.insert_member(&ali, at(0)).await.unwrap();
    let sara = member(mother, "سارا", None);
    let sara_id = tx.insert_member(&sara, at(0)).await.unwrap();
    let reza_id = tx
        .insert_member(&member(other, "رضا", None), at(0))
        .await
        .unwrap();
    assert_eq!(
        (size(&mut tx, mother).await, size(&mut tx, other).await),
        (3, 2)
    );

    let members = tx.members_of(mother).await.unwrap();
    assert_eq!(members.len(), 2);
    assert_eq!(members[0], ali);
    assert_eq!(
        (
            members[1].id,
            members[1].first_name.as_str(),
            members[1].disability
        ),
        (sara_id, "سارا", false)
    );

    // A member is removed only through the woman she or he belongs to.
    assert!(!tx.delete_member(mother, reza_id).await.unwrap());
    assert!(tx.delete_member(mother, sara_id).await.unwrap());
    assert!(!tx.delete_member(mother, sara_id).await.unwrap());
    assert_eq!(
        (size(&mut tx, mother).await, size(&mut tx, other).await),
        (2, 2)
    );

    tx.move_members(other, mother).await.unwrap();
    assert_eq!(
        (size(&mut tx, mother).await, size(&mut tx, other).await),
        (3, 1)
    );
    let moved: Vec<i64> = tx
        .members_of(mother)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(moved, [ali.id, reza_id]);
    assert!(tx.members_of(other).await.unwrap().is_empty());
    tx.commit().await.unwrap();
}

async fn women_are_found_by_the_national_id_of_a_household_member(db: &TestDatabase) {
    let p = seeded(db).await;
    let first = insert(db, &woman("0012345679", "فاطمه", "کریمی", p.in_abyek()), 1).await;
    let second = insert(db, &woman("0023456781", "زهرا", "رضایی", p.in_abyek()), 2).await;
    let third = insert(db, &woman("0034567892", "مریم", "احمدی", p.in_abyek()), 3).await;
    let mut tx = db.store.write().await.unwrap();
    for (woman_id, name) in [(third, "علی"), (first, "علی"), (first, "علی دوباره")] {
        tx.insert_member(&member(woman_id, name, Some("0098765432")), at(0))
            .await
            .unwrap();
    }
    tx.insert_member(&member(second, "سارا", Some("0087654321")), at(0))
        .await
        .unwrap();
    assert_eq!(
        tx.women_with_member("0098765432", second).await.unwrap(),
        [first, third]
    );
    assert_eq!(
        tx.women_with_member("0098765432", first).await.unwrap(),
        [third]
    );
    assert!(
        tx.women_with_member("0011111111", first)
            .await
            .unwrap()
            .is_empty()
    );
}

// ---------------------------------------------------------------------------------------
// History: episodes, inquiries, documents

async fn coverage_episodes_are_listed_oldest_first(db: &TestDatabase) {
    let p = seeded(db).await;
    let id = insert(db, &woman("0012345679", "فاطمه", "کریمی", p.in_abyek()), 1).await;
    let other = insert(db, &woman("0023456781", "زهرا", "رضایی", p.in_abyek()), 2).await;
    let mut tx = db.store.write().await.unwrap();
    let applied = episode(id, "applicant", "2025-01-01", 10);
    let mut accepted = episode(id, "covered", "2025-02-01", 20);
    accepted.decided_by = Some(hamyar_app::access::UserId::new(7));
    accepted.decided_by_name = "maryam".into();
    let mut left = episode(id, "exited", "2025-06-01", 30);
    left.exit_reason = Some(ExitReason::Remarried);
    let mut inserted = Vec::new();
    for row in [&applied, &accepted, &left] {
        inserted.push(tx.insert_episode(row).await.unwrap());
    }
    tx.insert_episode(&episode(other, "applicant", "2025-01-01", 15))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let stored = tx.episodes_of(id).await.unwrap();
    let expected: Vec<EpisodeRow> = [applied, accepted, left]
        .into_iter()
        .zip(&inserted)
        .map(|(row, id)| EpisodeRow { id: *id, ..row })
        .collect();
    assert_eq!(stored, expected);
    assert!(
        tx.episodes_of(hamyar_app::ports::registry::WomanId::new(
            other.get() + 1000
        ))
        .await
        .unwrap()
        .is_empty()
    );
}

fn first_episode(seconds: i64) -> FirstEpisode {
    FirstEpisode {
        status: CoverageStatus::Applicant,
        started_on: JalaliDate::from_iso_str("2025-03-21").unwrap(),
        decided_by: None,
        decided_by_name: "importer".into(),
        reason: "ورود از فایل".into(),
        at: at(seconds),
    }
}

/// Lists sorted by name follow the Persian alphabet — پ after ب, ک and گ before ل, و before
/// ه, ژ after ز — on both engines, and a last-name prefix still finds its women; migration
/// 0021 respells the keys stored before.
async fn women_sorted_by_name_follow_the_persian_alphabet(db: &TestDatabase) {
    let places = seeded(db).await;
    let last_names = [
        "وکیلی",
        "کریمی",
        "پورقاسم",
        "گودرزی",
        "کاظمی",
        "نسرین",
        "ژیلا",
        "هاشمی",
        "بهرامی",
    ];
    let mut ids = Vec::new();
    for (n, last) in last_names.iter().enumerate() {
        let national_id = generated_national_id(n);
        ids.push((
            *last,
            insert(db, &woman(&national_id, "مریم", last, places.in_abyek()), 1).await,
        ));
    }
    let by_name = WomanSearch {
        sort: WomanSort::Name,
        limit: 50,
        ..WomanSearch::default()
    };
    let mut tx = db.store.read().await.unwrap();
    let listed: Vec<String> = tx
        .search_women(&by_name)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.record.last_name)
        .collect();
    assert_eq!(
        listed,
        [
            "بهرامی",
            "پورقاسم",
            "ژیلا",
            "کاظمی",
            "کریمی",
            "گودرزی",
            "نسرین",
            "وکیلی",
            "هاشمی"
        ]
    );
    let prefix = WomanSearch {
        name_prefix: Some(search_key("ک")),
        ..by_name.clone()
    };
    let found: Vec<String> = tx
        .search_women(&prefix)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.record.last_name)
        .collect();
    assert_eq!(found, ["کاظمی", "کریمی"]);
    drop(tx);

    // A key stored before 0021 (plain folded text) is respelled as the application writes it.
    let (_, vakili) = ids[0];
    sqlx::query("UPDATE women SET name_key_reversed = $1 WHERE id = $2")
        .bind(search_key("وکیلی مریم"))
        .bind(vakili)
        .execute(db.store.pool())
        .await
        .unwrap();
    let migration = match db.backend() {
        hamyar_app::ports::Backend::Sqlite => {
            include_str!("../../migrations/sqlite/0021_persian_name_order.sql")
        }
        hamyar_app::ports::Backend::Postgres => {
            include_str!("../../migrations/postgres/0021_persian_name_order.sql")
        }
    };
    let before: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name_key_reversed FROM women WHERE id <> $1 ORDER BY id")
            .bind(vakili)
            .fetch_all(db.store.pool())
            .await
            .unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(migration))
        .execute(db.store.pool())
        .await
        .unwrap();
    let mut tx = db.store.read().await.unwrap();
    let row = tx.woman_by_id(vakili).await.unwrap().unwrap();
    assert_eq!(
        row.record.name_key_reversed,
        hamyar_domain::persian_order(&search_key("وکیلی مریم"))
    );
    drop(tx);
    let after: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name_key_reversed FROM women WHERE id <> $1 ORDER BY id")
            .bind(vakili)
            .fetch_all(db.store.pool())
            .await
            .unwrap();
    assert_eq!(after, before, "keys already respelled are left as they are");
}

/// Migration 0020 rewrites names and free text stored before the parsers wrote Persian
/// letters: the Arabic ي ى ك become ی ک, on both engines, and nothing else changes.
async fn the_persian_letters_migration_rewrites_arabic_yeh_and_kaf(db: &TestDatabase) {
    let places = seeded(db).await;
    let mut arabic = woman("0012345679", "فاطمه", "كريمي", places.in_abyek());
    arabic.father_name = Some("مصطفى".into());
    arabic.address = "كوچه ياس".into();
    let id = insert(db, &arabic, 1).await;
    let persian = insert(
        db,
        &woman("0023456781", "زهرا", "کاظمی", places.in_abyek()),
        2,
    )
    .await;
    let migration = match db.backend() {
        hamyar_app::ports::Backend::Sqlite => {
            include_str!("../../migrations/sqlite/0020_persian_letters.sql")
        }
        hamyar_app::ports::Backend::Postgres => {
            include_str!("../../migrations/postgres/0020_persian_letters.sql")
        }
    };
    sqlx::raw_sql(sqlx::AssertSqlSafe(migration))
        .execute(db.store.pool())
        .await
        .unwrap();
    let mut tx = db.store.read().await.unwrap();
    let row = tx.woman_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        (
            row.record.first_name.as_str(),
            row.record.last_name.as_str(),
            row.record.father_name.as_deref(),
            row.record.address.as_str(),
        ),
        ("فاطمه", "کریمی", Some("مصطفی"), "کوچه یاس")
    );
    assert_eq!(
        row.record.name_key, arabic.name_key,
        "the search key is unchanged"
    );
    let untouched = tx.woman_by_id(persian).await.unwrap().unwrap();
    assert_eq!(untouched.record.last_name, "کاظمی");
}

async fn an_import_writes_its_records_in_order_each_with_its_first_episode(db: &TestDatabase) {
    let places = seeded(db).await;
    let before = insert(
        db,
        &woman("0012345679", "سارا", "کریمی", places.in_abyek()),
        1,
    )
    .await;
    let mut records = generated_women(1_250, places);
    records[3].father_name = Some("علی".into());
    records[3].income_decile = Some(4);
    records[3].education = Some("diploma".into());
    records[3].notes = "یادداشت «با» نقل‌قول \"و\" \\ بک‌اسلش".into();
    let mut tx = db.store.write().await.unwrap();
    let ids = tx.import_women(&records, &first_episode(5)).await.unwrap();
    assert_eq!(ids.count, 1_250);
    assert!(
        ids.first > before
            && ids.last >= hamyar_app::ports::registry::WomanId::new(ids.first.get() + 1_249),
        "{ids:?}"
    );
    let mut previous = before;
    for record in &records {
        let row = tx
            .woman_by_national_id(&record.national_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(&row.record, record);
        assert!(
            row.id > previous && row.id <= ids.last,
            "file order is id order"
        );
        previous = row.id;
        assert_eq!(
            (
                row.coverage_status.as_str(),
                row.household_size,
                row.version
            ),
            ("applicant", 1, 1)
        );
        assert_eq!((row.created_at, row.updated_at), (at(5), at(5)));
    }
    let sample = tx
        .woman_by_national_id(&records[1_249].national_id)
        .await
        .unwrap()
        .unwrap();
    let episodes = tx.episodes_of(sample.id).await.unwrap();
    assert_eq!(episodes.len(), 1);
    let episode = &episodes[0];
    assert_eq!(
        (
            episode.status.code(),
            episode.started_on.to_iso_string().as_str(),
            episode.decided_by_name.as_str(),
            episode.reason.as_str(),
            episode.recorded_at,
            episode.exit_reason,
        ),
        (
            "applicant",
            "2025-03-21",
            "importer",
            "ورود از فایل",
            at(5),
            None
        )
    );
    assert!(tx.episodes_of(before).await.unwrap().is_empty());
    assert_eq!(
        tx.import_women(&[], &first_episode(6)).await.unwrap().count,
        0
    );
    tx.commit().await.unwrap();
}

async fn a_failing_import_batch_writes_nothing_of_itself(db: &TestDatabase) {
    let places = seeded(db).await;
    let records = generated_women(600, places);
    let mut tx = db.store.write().await.unwrap();
    tx.import_women(&records[..300], &first_episode(5))
        .await
        .unwrap();

    // A national ID registered by the first batch fails the whole second one.
    let clashing = records[299..].to_vec();
    let result = tx.import_women(&clashing, &first_episode(6)).await;
    assert!(
        matches!(result, Err(StoreError::Unique(ref what)) if what == "women.national_id"),
        "{result:?}"
    );
    assert_eq!(tx.count_women().await.unwrap(), 300);

    // So does a county that does not exist, and the transaction carries on.
    let mut elsewhere = records[300..].to_vec();
    elsewhere[150].county_id = PlaceId::new(places.abyek.get() + 1_000);
    let result = tx.import_women(&elsewhere, &first_episode(7)).await;
    assert!(matches!(result, Err(StoreError::ForeignKey)), "{result:?}");
    assert_eq!(tx.count_women().await.unwrap(), 300);
    let rest = tx
        .import_women(&records[300..], &first_episode(8))
        .await
        .unwrap();
    assert_eq!(rest.count, 300);
    tx.commit().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.count_women().await.unwrap(), 600);
}

/// A large import (beside the table) is matched from groups of alike records, a small one
/// record by record: both must queue the same pairs.
async fn imported_likely_duplicates_are_queued_against_the_earliest_alike(db: &TestDatabase) {
    queues_likely_duplicates_of_an_import(db, 0).await;
}

async fn a_small_import_into_a_large_table_queues_the_same_likely_duplicates(db: &TestDatabase) {
    queues_likely_duplicates_of_an_import(db, 200).await;
}

/// `unrelated` women (distinct names, no mobile) are registered first.
async fn queues_likely_duplicates_of_an_import(db: &TestDatabase, unrelated: usize) {
    let places = seeded(db).await;
    if unrelated > 0 {
        let mut tx = db.store.write().await.unwrap();
        // National IDs 0–9 of `generated_national_id` are the test's own.
        let records: Vec<WomanRecord> = generated_women(unrelated + 10, places)
            .into_iter()
            .skip(10)
            .map(|record| WomanRecord {
                mobile: None,
                ..record
            })
            .collect();
        tx.insert_women_batch(&records, "applicant", at(0))
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    let mut registered = woman("0012345679", "فاطمه", "کریمی", places.in_abyek());
    registered.mobile = Some("09121111111".into());
    let registered = insert(db, &registered, 1).await;
    let mut merged = woman("0084575948", "فاطمه", "کریمی", places.in_abyek());
    merged.mobile = Some("09122222222".into());
    let merged = insert(db, &merged, 2).await;
    let mut tx = db.store.write().await.unwrap();
    tx.set_merged_into(merged, registered, at(3)).await.unwrap();
    tx.commit().await.unwrap();

    // Same folded name and birth date (Arabic letter forms), same mobile, a mobile shared
    // only with a merged record, and one that resembles nobody.
    let mut same_name = woman(
        &generated_national_id(1),
        "فاطمه",
        "كريمي",
        places.in_abyek(),
    );
    same_name.name_key = search_key("فاطمه كريمي");
    let mut same_mobile = woman(
        &generated_national_id(2),
        "زهرا",
        "رضایی",
        places.in_abyek(),
    );
    same_mobile.mobile = Some("09121111111".into());
    let mut merged_mobile = woman(
        &generated_national_id(3),
        "مریم",
        "صادقی",
        places.in_abyek(),
    );
    merged_mobile.mobile = Some("09122222222".into());
    let mut nobody = woman(&generated_national_id(4), "لیلا", "جعفری", places.in_abyek());
    nobody.birth_date = "1990-02-02".into();
    let mut same_name_again = same_name.clone();
    same_name_again.national_id = generated_national_id(5);
    let mut tx = db.store.write().await.unwrap();
    let ids = tx
        .import_women(
            &[
                same_name,
                same_mobile,
                merged_mobile,
                nobody,
                same_name_again,
            ],
            &first_episode(5),
        )
        .await
        .unwrap();
    let queued = tx
        .queue_imported_duplicates((ids.first, ids.last), at(6))
        .await
        .unwrap();
    assert_eq!(queued, 3);
    assert_eq!(
        tx.queue_imported_duplicates((ids.first, ids.last), at(7))
            .await
            .unwrap(),
        0,
        "queuing again changes nothing"
    );
    let filter = DuplicateFilter {
        status: Some("open".into()),
        limit: 100,
        ..DuplicateFilter::default()
    };
    let mut pairs: Vec<(WomanId, WomanId, String)> = tx
        .duplicates(&filter)
        .await
        .unwrap()
        .into_iter()
        .map(|row| {
            assert_eq!(
                (row.province_id, row.county_id, row.detected_at),
                (places.qazvin, places.abyek, at(6))
            );
            (row.woman_id, row.other_id, row.reason)
        })
        .collect();
    pairs.sort();
    let first = ids.first;
    assert_eq!(
        pairs,
        vec![
            (first, registered, "same_name_birth".to_owned()),
            (
                hamyar_app::ports::registry::WomanId::new(first.get() + 1),
                registered,
                "same_mobile".to_owned()
            ),
            (
                hamyar_app::ports::registry::WomanId::new(first.get() + 4),
                registered,
                "same_name_birth".to_owned()
            ),
        ]
    );
    tx.commit().await.unwrap();
}

async fn statistics_are_refreshed_after_the_registry_grows(db: &TestDatabase) {
    let places = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    tx.import_women(&generated_women(2_000, places), &first_episode(5))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    db.store.refresh_statistics().await.unwrap();
    if db.backend() == Backend::Sqlite {
        let measured: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT idx FROM sqlite_stat1 WHERE tbl = 'women'")
                .fetch_all(db.store.pool())
                .await
                .unwrap();
        for index in [
            "women_county_name_order",
            "women_name_key_birth_place",
            "women_mobile",
        ] {
            assert!(
                measured.iter().any(|i| i == index),
                "{index} in {measured:?}"
            );
        }
    }
    // A writer after the refresh is not blocked by it.
    let mut tx = db.store.write().await.unwrap();
    assert_eq!(tx.count_women().await.unwrap(), 2_000);
    tx.commit().await.unwrap();
}

async fn other_body_inquiries_are_kept_per_woman(db: &TestDatabase) {
    let p = seeded(db).await;
    let id = insert(db, &woman("0012345679", "فاطمه", "کریمی", p.in_abyek()), 1).await;
    let mut tx = db.store.write().await.unwrap();
    let mut rows = Vec::new();
    for (body, result) in [
        ("imam_khomeini_relief", "not_covered"),
        ("welfare", "covered"),
    ] {
        let mut row = InquiryRow {
            id: 0,
            woman_id: id,
            body: body.into(),
            inquired_on: JalaliDate::from_iso_str("2025-02-02").unwrap(),
            result: result.into(),
            notes: format!("پاسخ {body}"),
            recorded_at: at(40),
        };
        row.id = tx.insert_inquiry(&row).await.unwrap();
        rows.push(row);
    }
    tx.commit().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.inquiries_of(id).await.unwrap(), rows);
    assert!(
        tx.inquiries_of(hamyar_app::ports::registry::WomanId::new(id.get() + 1))
            .await
            .unwrap()
            .is_empty()
    );
}

async fn a_document_entry_is_inserted_then_replaced_in_place(db: &TestDatabase) {
    let p = seeded(db).await;
    let id = insert(db, &woman("0012345679", "فاطمه", "کریمی", p.in_abyek()), 1).await;
    let other = insert(db, &woman("0023456781", "زهرا", "رضایی", p.in_abyek()), 2).await;
    let document =
        |woman_id: WomanId, kind: &str, received_on: Option<&str>, notes: &str| DocumentRow {
            woman_id,
            kind: kind.into(),
            received_on: received_on.map(|day| JalaliDate::from_iso_str(day).unwrap()),
            notes: notes.into(),
        };
    let mut tx = db.store.write().await.unwrap();
    tx.upsert_document(&document(id, "national_card", None, "نرسیده"), at(1))
        .await
        .unwrap();
    tx.upsert_document(
        &document(id, "death_certificate", Some("2025-01-05"), ""),
        at(2),
    )
    .await
    .unwrap();
    tx.upsert_document(
        &document(other, "national_card", Some("2025-01-01"), ""),
        at(2),
    )
    .await
    .unwrap();
    let received = document(id, "national_card", Some("2025-03-01"), "رسید");
    tx.upsert_document(&received, at(3)).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    assert_eq!(
        tx.documents_of(id).await.unwrap(),
        [
            document(id, "death_certificate", Some("2025-01-05"), ""),
            received,
        ]
    );
    assert_eq!(tx.documents_of(other).await.unwrap().len(), 1);
}

// ---------------------------------------------------------------------------------------
// Duplicates

async fn a_candidate_pair_is_queued_once_per_reason_in_either_order(db: &TestDatabase) {
    let p = seeded(db).await;
    let a = insert(db, &woman("0012345679", "فاطمه", "کریمی", p.in_abyek()), 1).await;
    let b = insert(db, &woman("0023456781", "فاطمه", "کریمی", p.in_abyek()), 2).await;
    let mut tx = db.store.write().await.unwrap();
    tx.insert_duplicate(&candidate(b, a, "same_name_birth", p.in_abyek()))
        .await
        .unwrap();
    tx.insert_duplicate(&candidate(b, a, "same_name_birth", p.in_abyek()))
        .await
        .unwrap();
    tx.insert_duplicate(&candidate(a, b, "same_name_birth", p.in_abyek()))
        .await
        .unwrap();
    tx.insert_duplicate(&candidate(b, a, "same_mobile", p.in_abyek()))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let queued = tx.duplicates(&DuplicateFilter::default()).await.unwrap();
    let pairs: Vec<(WomanId, WomanId, &str)> = queued
        .iter()
        .map(|row| (row.woman_id, row.other_id, row.reason.as_str()))
        .collect();
    assert_eq!(pairs, [(b, a, "same_name_birth"), (b, a, "same_mobile")]);
    let first = tx.duplicate_by_id(queued[0].id).await.unwrap();
    assert_eq!(
        first,
        Some(DuplicateRow {
            id: queued[0].id,
            ..candidate(b, a, "same_name_birth", p.in_abyek())
        })
    );
    assert_eq!(tx.duplicate_by_id(queued[1].id + 1000).await.unwrap(), None);
}

async fn the_duplicate_queue_filters_pages_and_resolves(db: &TestDatabase) {
    let p = seeded(db).await;
    let mut ids = Vec::new();
    for (index, place) in [
        p.in_abyek(),
        p.in_abyek(),
        p.in_shemiranat(),
        p.in_shemiranat(),
    ]
    .into_iter()
    .enumerate()
    {
        let record = woman(&generated_national_id(index), "فاطمه", "کریمی", place);
        ids.push(insert(db, &record, 1).await);
    }
    let mut tx = db.store.write().await.unwrap();
    tx.insert_duplicate(&candidate(ids[1], ids[0], "same_name_birth", p.in_abyek()))
        .await
        .unwrap();
    tx.insert_duplicate(&candidate(ids[3], ids[2], "same_mobile", p.in_shemiranat()))
        .await
        .unwrap();
    tx.insert_duplicate(&candidate(
        ids[2],
        ids[0],
        "member_national_id",
        p.in_shemiranat(),
    ))
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let listed = async |filter: DuplicateFilter| -> Vec<(WomanId, WomanId)> {
        let mut tx = db.store.read().await.unwrap();
        let rows = tx.duplicates(&filter).await.unwrap();
        rows.iter()
            .map(|row| (row.woman_id, row.other_id))
            .collect()
    };
    let open = DuplicateFilter {
        status: Some("open".into()),
        ..DuplicateFilter::default()
    };
    assert_eq!(listed(open.clone()).await.len(), 3);
    let in_qazvin = DuplicateFilter {
        province_id: Some(p.qazvin),
        ..open.clone()
    };
    assert_eq!(listed(in_qazvin).await, [(ids[1], ids[0])]);
    let in_shemiranat = DuplicateFilter {
        county_id: Some(p.shemiranat),
        ..open.clone()
    };
    assert_eq!(
        listed(in_shemiranat).await,
        [(ids[3], ids[2]), (ids[2], ids[0])]
    );
    // A woman matches a pair on either side.
    let of_first = DuplicateFilter {
        woman_id: Some(ids[0]),
        ..DuplicateFilter::default()
    };
    assert_eq!(listed(of_first).await, [(ids[1], ids[0]), (ids[2], ids[0])]);
    let page = DuplicateFilter {
        limit: 1,
        offset: 1,
        ..DuplicateFilter::default()
    };
    assert_eq!(listed(page).await, [(ids[3], ids[2])]);

    let mut tx = db.store.write().await.unwrap();
    let first = tx.duplicates(&open).await.unwrap()[0].id;
    tx.resolve_duplicate(
        first,
        "dismissed",
        Some(hamyar_app::access::UserId::new(9)),
        at(70),
    )
    .await
    .unwrap();
    // A dismissed pair is not queued again.
    tx.insert_duplicate(&candidate(ids[0], ids[1], "same_name_birth", p.in_abyek()))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    let resolved = tx.duplicate_by_id(first).await.unwrap().unwrap();
    assert_eq!(
        (
            resolved.status.as_str(),
            resolved.resolved_by,
            resolved.resolved_at
        ),
        (
            "dismissed",
            Some(hamyar_app::access::UserId::new(9)),
            Some(at(70))
        )
    );
    drop(tx);
    assert_eq!(listed(open).await.len(), 2);
    let dismissed = DuplicateFilter {
        status: Some("dismissed".into()),
        ..DuplicateFilter::default()
    };
    assert_eq!(listed(dismissed).await, [(ids[1], ids[0])]);
}

// ---------------------------------------------------------------------------------------
// Programme: pension tables and settings

async fn a_pension_table_is_stored_per_fiscal_year_and_replaced(db: &TestDatabase) {
    let table = |tiers: [i64; 5], seconds: i64, by: &str| PensionRow {
        fiscal_year: 1404,
        tier_rials: tiers,
        updated_at: at(seconds),
        updated_by: by.into(),
    };
    let mut tx = db.store.write().await.unwrap();
    assert_eq!(tx.pension_table(1404).await.unwrap(), None);
    let first = table([10, 20, 30, 40, 50], 1, "admin");
    tx.put_pension_table(&first).await.unwrap();
    let next_year = PensionRow {
        fiscal_year: 1405,
        ..first.clone()
    };
    tx.put_pension_table(&next_year).await.unwrap();
    let revised = table(
        [
            15_000_000,
            25_000_000,
            35_000_000,
            45_000_000,
            9_000_000_000,
        ],
        2,
        "reza",
    );
    tx.put_pension_table(&revised).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.pension_table(1404).await.unwrap(), Some(revised));
    assert_eq!(tx.pension_table(1405).await.unwrap(), Some(next_year));
    assert_eq!(tx.pension_table(1403).await.unwrap(), None);
}

async fn a_setting_is_stored_and_replaced(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    assert_eq!(tx.get_setting("eligibility").await.unwrap(), None);
    tx.put_setting("eligibility", "{\"max_decile\":3}", "admin", at(1))
        .await
        .unwrap();
    tx.put_setting("other", "x", "admin", at(1)).await.unwrap();
    tx.put_setting("eligibility", "{\"max_decile\":4}", "reza", at(2))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(
        tx.get_setting("eligibility").await.unwrap().as_deref(),
        Some("{\"max_decile\":4}")
    );
    assert_eq!(tx.get_setting("other").await.unwrap().as_deref(), Some("x"));
}

async fn a_social_worker_must_be_a_user(db: &TestDatabase) {
    let p = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let worker = tx
        .insert_user(&NewUserRow {
            username: "maryam".into(),
            display_name: "مریم".into(),
            role: Role::SocialWorker,
            scope_place_id: p.abyek,
            province_id: Some(p.qazvin),
            county_id: Some(p.abyek),
            password_hash: "$argon2id$hash".into(),
            locale: "fa".into(),
            money_unit: "toman".into(),
            created_at: at(0),
        })
        .await
        .unwrap();
    let mut record = woman("0012345679", "فاطمه", "کریمی", p.in_abyek());
    record.social_worker_id = Some(worker);
    let id = tx.insert_woman(&record, "applicant", at(1)).await.unwrap();
    assert_eq!(
        tx.woman_by_id(id)
            .await
            .unwrap()
            .unwrap()
            .record
            .social_worker_id,
        Some(worker)
    );
    record.national_id = "0023456781".into();
    record.social_worker_id = Some(hamyar_app::access::UserId::new(worker.get() + 1000));
    let result = tx.insert_woman(&record, "applicant", at(1)).await;
    assert!(matches!(result, Err(StoreError::ForeignKey)), "{result:?}");
}

// ---------------------------------------------------------------------------------------

hamyar_store::on_both_databases!(
    a_bulk_load_rebuilds_its_indexes_and_a_rolled_back_one_restores_them,
    a_woman_is_read_back_by_id_and_by_national_id_exactly_as_stored,
    a_registered_national_id_is_refused_as_unique_women_national_id,
    a_woman_in_a_county_that_does_not_exist_is_refused_as_a_foreign_key,
    a_batch_returns_the_new_ids_in_input_order,
    a_duplicate_in_a_batch_fails_the_whole_batch,
    registered_national_ids_are_found_among_thousands,
    an_update_applies_only_to_the_version_it_read,
    an_update_to_a_registered_national_id_is_refused_as_unique,
    coverage_status_changes_do_not_bump_the_version_but_a_merge_does,
    a_search_narrows_by_scope_identity_cause_and_status,
    a_name_prefix_matches_either_name_order_whatever_the_letter_forms,
    search_results_are_sorted_and_paged,
    look_ups_for_duplicates_leave_out_merged_records,
    the_household_size_follows_added_removed_and_moved_members,
    women_are_found_by_the_national_id_of_a_household_member,
    coverage_episodes_are_listed_oldest_first,
    an_import_writes_its_records_in_order_each_with_its_first_episode,
    the_persian_letters_migration_rewrites_arabic_yeh_and_kaf,
    women_sorted_by_name_follow_the_persian_alphabet,
    a_failing_import_batch_writes_nothing_of_itself,
    imported_likely_duplicates_are_queued_against_the_earliest_alike,
    a_small_import_into_a_large_table_queues_the_same_likely_duplicates,
    statistics_are_refreshed_after_the_registry_grows,
    other_body_inquiries_are_kept_per_woman,
    a_document_entry_is_inserted_then_replaced_in_place,
    a_candidate_pair_is_queued_once_per_reason_in_either_order,
    the_duplicate_queue_filters_pages_and_resolves,
    a_pension_table_is_stored_per_fiscal_year_and_replaced,
    a_setting_is_stored_and_replaced,
    a_social_worker_must_be_a_user,
);
