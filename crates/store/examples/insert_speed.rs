//! How fast imports can write. Generates women's records, then, in one write transaction on a
//! fresh test database and in pages of 1,000 as the application's importer sends them: asks
//! which national IDs are registered, inserts the page with `insert_women_batch`, and one
//! coverage episode per woman with `insert_episodes_batch`; then commits. Prints rows/s for
//! the women's inserts alone and for the whole, commit included. Generating the records is
//! not timed.
//!
//! ```sh
//! cargo run --release -p hamyar-store --example insert_speed                   # 200,000 rows
//! cargo run --release -p hamyar-store --example insert_speed -- 1000000
//! HAMYAR_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres \
//!   cargo run --release -p hamyar-store --example insert_speed -- 200000 postgres
//! ```

use std::time::{Duration, Instant};

use hamyar_app::ports::registry::{EpisodeRow, WomanRecord};
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

fn generated(index: usize, province_id: i64, county_id: i64) -> WomanRecord {
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
        name_key_reversed: search_key(&format!("{last} {first}")),
    }
}

fn episode(woman_id: i64, at: Timestamp) -> EpisodeRow {
    EpisodeRow {
        id: 0,
        woman_id,
        status: "applicant".to_owned(),
        exit_reason: None,
        started_on: "2025-03-21".to_owned(),
        decided_by: None,
        decided_by_name: "import".to_owned(),
        reason: "imported".to_owned(),
        recorded_at: at,
    }
}

fn place(kind: &str, parent_id: Option<i64>, code: &str, at: Timestamp) -> NewPlaceRow {
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
    let postgres = args.next().is_some_and(|arg| arg == "postgres");
    let db = if postgres {
        TestDatabase::postgres()
            .await
            .expect("set HAMYAR_TEST_POSTGRES_URL")
    } else {
        TestDatabase::sqlite().await
    };
    let at = Timestamp::now();

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

    let records: Vec<WomanRecord> = (0..rows)
        .map(|index| generated(index, province, county))
        .collect();

    let started = Instant::now();
    let mut inserting_women = Duration::ZERO;
    let mut ids = Vec::with_capacity(rows);
    let mut tx = db.store.begin_write().await.unwrap();
    for page in records.chunks(RECORDS_PER_CALL) {
        let national_ids: Vec<String> = page.iter().map(|r| r.national_id.clone()).collect();
        let registered = tx.registered_national_ids(&national_ids).await.unwrap();
        assert!(registered.is_empty());
        let women_started = Instant::now();
        let page_ids = tx.insert_women_batch(page, "applicant", at).await.unwrap();
        inserting_women += women_started.elapsed();
        let episodes: Vec<EpisodeRow> = page_ids.iter().map(|id| episode(*id, at)).collect();
        tx.insert_episodes_batch(&episodes).await.unwrap();
        ids.extend(page_ids);
    }
    tx.commit().await.unwrap();
    let total = started.elapsed().as_secs_f64();

    assert_eq!(ids.len(), rows);
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]));
    let women = inserting_women.as_secs_f64();
    println!("backend: {:?}, {rows} women", db.backend());
    println!(
        "insert_women_batch alone: {women:.2} s = {:.0} rows/s",
        rows as f64 / women
    );
    println!(
        "lookups + women + episodes + commit: {total:.2} s = {:.0} women/s",
        rows as f64 / total
    );
}
