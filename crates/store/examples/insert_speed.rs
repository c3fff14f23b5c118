//! How fast imports can write. Generates women's records, then, in one write transaction on a
//! fresh test database and in pages of 1,000 as the application's importer sends them: asks
//! which national IDs are registered and writes the page with its first coverage episodes
//! through `import_women`; then commits. Prints rows/s for the writes alone and for the whole,
//! commit included. Generating the records is not timed. For comparison it then writes the
//! same records into a second fresh database with `insert_women_batch` (bound values, ids
//! returned, no episodes).
//!
//! ```sh
//! cargo run --release -p hamyar-store --example insert_speed                   # 200,000 rows
//! cargo run --release -p hamyar-store --example insert_speed -- 1000000
//! cargo run --release -p hamyar-store --example insert_speed -- 1000000 bulk   # as large imports
//! HAMYAR_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres \
//!   cargo run --release -p hamyar-store --example insert_speed -- 200000 postgres
//! ```

use std::time::{Duration, Instant};

use hamyar_app::access::PlaceId;
use hamyar_app::ports::registry::{FirstEpisode, WomanRecord};
use hamyar_app::ports::{NewPlaceRow, PlaceRepo, RegistryRepo};
use hamyar_domain::search_key;
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

const DEFAULT_ROWS: usize = 200_000;

/// Records per call, as the importer sends them (`BATCH_ROWS` in `hamyar_app`'s import).
const RECORDS_PER_CALL: usize = 1_000;

const FIRST_NAMES: [&str; 12] = [
    "فاطمه",
    "زهرا",
    "مریم",
    "معصومه",
    "سكینه",
    "زينب",
    "رقیه",
    "طاهره",
    "آمنه",
    "خدیجه",
    "فاطمه‌زهرا",
    "ليلا",
];
const LAST_NAMES: [&str; 10] = [
    "محمدی",
    "حسینی",
    "احمدی",
    "رضایی",
    "کریمی",
    "موسوی",
    "جعفری",
    "قاسمی",
    "صادقی",
    "نوروزی",
];
const CAUSES: [&str; 4] = ["widowed", "divorced", "spouse_disabled", "never_married"];

/// Distinct values in no particular order, as real national IDs and mobiles arrive (index
/// order would flatter the indexes): multiplying by a number prime to `modulus` permutes.
fn scattered(index: usize, multiplier: u64, modulus: u64) -> u64 {
    (index as u64 * multiplier + 12_345) % modulus
}

fn generated(index: usize, province_id: PlaceId, county_id: PlaceId) -> WomanRecord {
    let first = FIRST_NAMES[index % FIRST_NAMES.len()];
    let last = LAST_NAMES[(index / FIRST_NAMES.len()) % LAST_NAMES.len()];
    let day = index % 28 + 1;
    let month = index / 28 % 12 + 1;
    let year = 1950 + index % 50;
    WomanRecord {
        national_id: format!("{:010}", scattered(index, 7_919_000_003, 10_000_000_000)),
        first_name: first.to_owned(),
        last_name: last.to_owned(),
        father_name: Some("علی".to_owned()),
        birth_date: format!("{year}-{month:02}-{day:02}"),
        mobile: Some(format!(
            "09{:09}",
            scattered(index, 387_420_489, 1_000_000_000)
        )),
        province_id,
        county_id,
        locality: "مرکز".to_owned(),
        settlement: if index.is_multiple_of(3) {
            "rural"
        } else {
            "urban"
        }
        .to_owned(),
        address: format!("خیابان {index}، پلاک {}", index % 90 + 1),
        education: Some("primary".to_owned()),
        skills: "خیاطی".to_owned(),
        sheba: None,
        headship_cause: CAUSES[index % CAUSES.len()].to_owned(),
        income_decile: Some((index % 10 + 1) as i64),
        notes: String::new(),
        social_worker_id: None,
        name_key: search_key(&format!("{first} {last}")),
        name_key_reversed: hamyar_domain::persian_order(&search_key(&format!("{last} {first}"))),
    }
}

fn place(kind: &str, parent_id: Option<PlaceId>, code: &str, at: Timestamp) -> NewPlaceRow {
    NewPlaceRow {
        kind: kind.to_owned(),
        parent_id,
        code: code.to_owned(),
        created_at: at,
    }
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let rows = args
        .next()
        .map_or(DEFAULT_ROWS, |n| n.parse().expect("a row count"));
    let flags: Vec<String> = args.collect();
    let postgres = flags.iter().any(|arg| arg == "postgres");
    // As a large import does: secondary indexes dropped first, rebuilt before commit.
    let bulk = flags.iter().any(|arg| arg == "bulk");
    let records = |province, county| -> Vec<WomanRecord> {
        (0..rows)
            .map(|index| generated(index, province, county))
            .collect()
    };
    let at = Timestamp::now();
    let first = FirstEpisode {
        status: hamyar_domain::registry::CoverageStatus::Applicant,
        started_on: hamyar_domain::JalaliDate::from_iso_str("2025-03-21").unwrap(),
        decided_by: None,
        decided_by_name: "import".to_owned(),
        reason: "imported".to_owned(),
        at,
    };

    let db = database(postgres).await;
    let (province, county) = places(&db, at).await;
    let records_now = records(province, county);
    let started = Instant::now();
    let mut writing = Duration::ZERO;
    let mut imported = 0;
    let mut tx = db.store.begin_write().await.unwrap();
    if bulk {
        tx.begin_bulk_load().await.unwrap();
    }
    for page in records_now.chunks(RECORDS_PER_CALL) {
        let national_ids: Vec<String> = page.iter().map(|r| r.national_id.clone()).collect();
        let registered = tx.registered_national_ids(&national_ids).await.unwrap();
        assert!(registered.is_empty());
        let write_started = Instant::now();
        imported += tx.import_women(page, &first).await.unwrap().count;
        writing += write_started.elapsed();
    }
    let rebuilding = Instant::now();
    if bulk {
        tx.finish_bulk_load().await.unwrap();
    }
    let rebuilding = rebuilding.elapsed().as_secs_f64();
    tx.commit().await.unwrap();
    let total = started.elapsed().as_secs_f64();
    assert_eq!(imported, rows as u64);
    println!("backend: {:?}, {rows} women", db.backend());
    println!(
        "import_women (records + episodes): {:.2} s = {:.0} rows/s",
        writing.as_secs_f64(),
        rows as f64 / writing.as_secs_f64()
    );
    if bulk {
        println!("rebuilding the indexes: {rebuilding:.2} s");
    }
    println!(
        "lookups + writes + commit: {total:.2} s = {:.0} women/s",
        rows as f64 / total
    );

    let db = database(postgres).await;
    let (province, county) = places(&db, at).await;
    let records_now = records(province, county);
    let started = Instant::now();
    let mut tx = db.store.begin_write().await.unwrap();
    if bulk {
        tx.begin_bulk_load().await.unwrap();
    }
    for page in records_now.chunks(RECORDS_PER_CALL) {
        tx.insert_women_batch(page, "applicant", at).await.unwrap();
    }
    if bulk {
        tx.finish_bulk_load().await.unwrap();
    }
    tx.commit().await.unwrap();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "insert_women_batch (records only): {seconds:.2} s = {:.0} rows/s",
        rows as f64 / seconds
    );
}

async fn database(postgres: bool) -> TestDatabase {
    if postgres {
        TestDatabase::postgres()
            .await
            .expect("set HAMYAR_TEST_POSTGRES_URL")
    } else {
        TestDatabase::sqlite().await
    }
}

/// Creates a province with one county; returns their ids.
async fn places(db: &TestDatabase, at: Timestamp) -> (PlaceId, PlaceId) {
    let mut tx = db.store.begin_write().await.unwrap();
    let country = tx
        .insert_place(&place("country", None, "ir", at))
        .await
        .unwrap();
    let province = tx
        .insert_place(&place("province", Some(country), "ir.qazvin", at))
        .await
        .unwrap();
    let county = tx
        .insert_place(&place("county", Some(province), "ir.qazvin.abyek", at))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (province, county)
}
