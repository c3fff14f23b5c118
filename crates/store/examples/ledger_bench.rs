//! Ledger benchmark (issue 5), all figures from ONE run:
//!
//! 1. bulk posting: 1,000,000 balanced two-posting transactions through
//!    `App::post_ledger_batch` in batches of 10,000, into a fresh SQLite file database with the
//!    chart of accounts and 200 more accounts;
//! 2. the same rows inserted with raw SQL into another fresh, migrated database (same schema,
//!    indexes, triggers and foreign keys; one write transaction per batch; prepared
//!    statements): once one row per INSERT, once 500 rows per INSERT; the ratio is against
//!    the faster;
//! 3. `App::verify_ledger` over the million;
//! 4. durable single-request payments: sequential `App::post_ledger_transaction` calls, each
//!    its own committed transaction, with `synchronous = FULL` (every commit synced) and,
//!    for comparison, the app's default `NORMAL`; against the disk's own limit measured in the
//!    same directory (write 4 KiB + `fdatasync`, in a loop), in alternating rounds.
//!
//! ```sh
//! cargo run --release -p hamyar-store --example ledger_bench               # SQLite
//! cargo run --release -p hamyar-store --example ledger_bench -- 200000     # fewer
//! cargo run --release -p hamyar-store --example ledger_bench -- --keep DIR # keep DIR/ledger.db
//! HAMYAR_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres \
//!   cargo run --release -p hamyar-store --example ledger_bench -- postgres
//! ```

use std::collections::HashMap;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hamyar_app::clock::storage_timestamp;
use hamyar_app::ports::Database;
use hamyar_app::ports::ledger::AccountId;
use hamyar_app::ports::ledger::NewLedgerAccount;
use hamyar_app::{Actor, App, AppSettings, SystemClock};
use hamyar_domain::JalaliDate;
use hamyar_domain::ledger::{Posting, TransactionDraft, TransactionInput};
use hamyar_store::testing::TestDatabase;
use hamyar_store::{AnyStore, ConnectSettings};
use sqlx::{Connection, Executor};

const EXTRA_ACCOUNTS: usize = 200;
const BATCH: usize = 10_000;
const RAW_ROWS_PER_INSERT: usize = 500;
const PAYMENTS: usize = 2_000;
const SYNCS: usize = 2_000;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// A migrated database: a throwaway one, or (`--keep DIR`) a SQLite file left behind for
/// timing `hamyar ledger verify` on it afterwards.
struct Bench {
    store: Arc<AnyStore>,
    url: String,
    _throwaway: Option<TestDatabase>,
}

impl Bench {
    fn throwaway(db: TestDatabase) -> Bench {
        Bench {
            store: db.store.clone(),
            url: db.url.clone(),
            _throwaway: Some(db),
        }
    }

    async fn sqlite(keep: Option<&str>) -> Result<Bench> {
        let Some(directory) = keep else {
            return Ok(Bench::throwaway(TestDatabase::sqlite().await));
        };
        std::fs::create_dir_all(directory)?;
        let path = Path::new(directory).join("ledger.db");
        if path.exists() {
            return Err(format!(
                "{} exists; the benchmark needs a fresh file",
                path.display()
            )
            .into());
        }
        let url = format!("sqlite:{}", path.display());
        let store = hamyar_store::connect(&url, &ConnectSettings::default())
            .await?
            .with_audit_key(hamyar_store::testing::tool_audit_key(&url));
        store.migrate().await?;
        Ok(Bench {
            store: Arc::new(store),
            url,
            _throwaway: None,
        })
    }
}

/// What transaction `n` of `total` posts: two distinct accounts, an amount, a day. Chosen by
/// a fixed hash so both databases get the same rows.
#[derive(Clone, Copy)]
struct Planned {
    debit: AccountId,
    credit: AccountId,
    amount_rials: i64,
    day: i64,
}

fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn plan(n: usize, total: usize, accounts: &[AccountId]) -> Planned {
    let h = mix(n as u64);
    let count = accounts.len() as u64;
    let a = h % count;
    let b = (a + 1 + (h >> 20) % (count - 1)) % count;
    Planned {
        debit: accounts[a as usize],
        credit: accounts[b as usize],
        amount_rials: 1_000 + ((h >> 40) % 50_000_000) as i64,
        // A year of history in order, as a bulk load of past books would come.
        day: (n * 365 / total) as i64,
    }
}

fn key(n: usize) -> String {
    format!("bench-{n:07}")
}

fn description(n: usize) -> String {
    format!("پرداخت آزمایشی شماره {n}")
}

fn draft(n: usize, planned: Planned, first_day: JalaliDate) -> TransactionDraft {
    TransactionDraft::build(TransactionInput {
        postings: vec![
            Posting::debit(planned.debit, planned.amount_rials),
            Posting::credit(planned.credit, planned.amount_rials),
        ],
        description: description(n),
        effective_on: first_day.add_days(planned.day),
        idempotency_key: key(n),
    })
    .expect("a balanced draft")
}

fn sync_disks() {
    // Nothing left for the kernel to write back from an earlier phase.
    let _ = std::process::Command::new("sync").status();
}

fn app_on(store: Arc<hamyar_store::AnyStore>) -> App {
    App::new(store, Arc::new(SystemClock), AppSettings::default())
}

/// The chart of accounts plus [`EXTRA_ACCOUNTS`]; returns every account id.
async fn seed(app: &App, db: &Bench) -> Result<Vec<AccountId>> {
    app.seed_reference_places().await?;
    app.seed_chart_of_accounts(&Actor::console()).await?;
    let mut tx = db.store.write().await?;
    for i in 0..EXTRA_ACCOUNTS {
        tx.insert_ledger_account(&NewLedgerAccount {
            code: format!("bench.{i:03}"),
            name_fa: format!("حساب آزمایشی {i}"),
            name_en: format!("bench account {i}"),
            kind: ["asset", "liability", "equity", "income", "expense"][i % 5].into(),
            province_id: None,
            county_id: None,
            created_at: jiff::Timestamp::now(),
        })
        .await?;
    }
    tx.commit().await?;
    Ok(app
        .ledger_accounts(&Actor::console())
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect())
}

struct Bulk {
    post: Duration,
    build: Duration,
}

async fn bulk_through_app(
    app: &App,
    accounts: &[AccountId],
    total: usize,
    first_day: JalaliDate,
) -> Result<Bulk> {
    let actor = Actor::console();
    let mut bulk = Bulk {
        post: Duration::ZERO,
        build: Duration::ZERO,
    };
    let mut start = 0;
    while start < total {
        let end = (start + BATCH).min(total);
        let started = Instant::now();
        let drafts: Vec<_> = (start..end)
            .map(|n| draft(n, plan(n, total, accounts), first_day))
            .collect();
        bulk.build += started.elapsed();
        let started = Instant::now();
        let ids = app.post_ledger_batch(&actor, &drafts).await?;
        bulk.post += started.elapsed();
        assert_eq!(ids.len(), drafts.len());
        start = end;
    }
    Ok(bulk)
}

/// One transaction's columns as the raw baseline writes them.
struct RawRow {
    id: i64,
    key: String,
    effective_on: String,
    description: String,
    planned: Planned,
}

fn raw_batch(
    start: usize,
    end: usize,
    total: usize,
    accounts: &[AccountId],
    days: &[String],
) -> Vec<RawRow> {
    (start..end)
        .map(|n| {
            let planned = plan(n, total, accounts);
            RawRow {
                id: n as i64 + 1,
                key: key(n),
                effective_on: days[planned.day as usize].clone(),
                description: description(n),
                planned,
            }
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq)]
enum RawMode {
    RowPerInsert,
    MultiRow,
}

/// The same rows with raw SQL on a connection of its own; returns the time spent writing.
async fn bulk_raw(
    db: &Bench,
    accounts: &[AccountId],
    total: usize,
    first_day: JalaliDate,
    mode: RawMode,
) -> Result<Duration> {
    let days: Vec<String> = (0..=366)
        .map(|d| first_day.add_days(d).to_iso_string())
        .collect();
    let mut conn = sqlx::SqliteConnection::connect(&db.url).await?;
    conn.execute(
        "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; \
         PRAGMA cache_size = -65536;",
    )
    .await?;
    let recorded_at = storage_timestamp(jiff::Timestamp::now());
    let mut spent = Duration::ZERO;
    let mut start = 0;
    while start < total {
        let end = (start + BATCH).min(total);
        let rows = raw_batch(start, end, total, accounts, &days);
        let started = Instant::now();
        let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
        match mode {
            RawMode::RowPerInsert => raw_rows(&mut tx, &rows, &recorded_at).await?,
            RawMode::MultiRow => {
                for chunk in rows.chunks(RAW_ROWS_PER_INSERT) {
                    raw_chunk(&mut tx, chunk, &recorded_at).await?;
                }
            }
        }
        raw_balances(&mut tx, &rows).await?;
        raw_months(&mut tx, &rows).await?;
        tx.commit().await?;
        spent += started.elapsed();
        start = end;
    }
    conn.close().await?;
    Ok(spent)
}

const RAW_TRANSACTION: &str = "INSERT INTO ledger_transactions (id, idempotency_key, \
     effective_on, description, reverses_id, recorded_by, recorded_by_name, recorded_at, \
     province_id, county_id) VALUES ";
const RAW_POSTING: &str =
    "INSERT INTO ledger_postings (transaction_id, account_id, amount_rials, effective_on) VALUES ";

async fn raw_rows(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    rows: &[RawRow],
    recorded_at: &str,
) -> Result<()> {
    let transaction =
        format!("{RAW_TRANSACTION}(?, ?, ?, ?, NULL, NULL, 'console', ?, NULL, NULL)");
    let posting = format!("{RAW_POSTING}(?, ?, ?, ?)");
    for row in rows {
        sqlx::query(sqlx::AssertSqlSafe(transaction.as_str()))
            .bind(row.id)
            .bind(row.key.as_str())
            .bind(row.effective_on.as_str())
            .bind(row.description.as_str())
            .bind(recorded_at)
            .execute(&mut **tx)
            .await?;
        for (account, amount) in [
            (row.planned.debit.get(), row.planned.amount_rials),
            (row.planned.credit.get(), -row.planned.amount_rials),
        ] {
            sqlx::query(sqlx::AssertSqlSafe(posting.as_str()))
                .bind(row.id)
                .bind(account)
                .bind(amount)
                .bind(row.effective_on.as_str())
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

async fn raw_chunk(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    rows: &[RawRow],
    recorded_at: &str,
) -> Result<()> {
    let values = |one: &str, count: usize| vec![one; count].join(", ");
    let transactions = format!(
        "{RAW_TRANSACTION}{}",
        values(
            "(?, ?, ?, ?, NULL, NULL, 'console', ?, NULL, NULL)",
            rows.len()
        )
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(transactions));
    for row in rows {
        query = query
            .bind(row.id)
            .bind(row.key.as_str())
            .bind(row.effective_on.as_str())
            .bind(row.description.as_str())
            .bind(recorded_at);
    }
    query.execute(&mut **tx).await?;
    let postings = format!("{RAW_POSTING}{}", values("(?, ?, ?, ?)", rows.len() * 2));
    let mut query = sqlx::query(sqlx::AssertSqlSafe(postings));
    for row in rows {
        query = query
            .bind(row.id)
            .bind(row.planned.debit)
            .bind(row.planned.amount_rials)
            .bind(row.effective_on.as_str())
            .bind(row.id)
            .bind(row.planned.credit)
            .bind(-row.planned.amount_rials)
            .bind(row.effective_on.as_str());
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// One upsert per account touched by the batch, like the app's path.
async fn raw_balances(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>, rows: &[RawRow]) -> Result<()> {
    let mut sums: HashMap<i64, (i64, i64)> = HashMap::new();
    for row in rows {
        for (account, amount) in [
            (row.planned.debit.get(), row.planned.amount_rials),
            (row.planned.credit.get(), -row.planned.amount_rials),
        ] {
            let entry = sums.entry(account).or_default();
            entry.0 += amount;
            entry.1 += 1;
        }
    }
    for (account, (sum, count)) in sums {
        sqlx::query(
            "INSERT INTO ledger_balances (account_id, balance_rials, posting_count) \
             VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET \
             balance_rials = balance_rials + excluded.balance_rials, \
             posting_count = posting_count + excluded.posting_count",
        )
        .bind(account)
        .bind(sum)
        .bind(count)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// One upsert per account and Jalali month, and per account and day, touched by the batch,
/// like the app's path (which keeps `ledger_account_months` and `ledger_account_days` for the
/// dashboards).
async fn raw_months(tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>, rows: &[RawRow]) -> Result<()> {
    let mut days: HashMap<(i64, &str), (i64, i64)> = HashMap::new();
    for row in rows {
        for (account, amount) in [
            (row.planned.debit.get(), row.planned.amount_rials),
            (row.planned.credit.get(), -row.planned.amount_rials),
        ] {
            let entry = days
                .entry((account, row.effective_on.as_str()))
                .or_default();
            entry.0 += amount;
            entry.1 += 1;
        }
    }
    for ((account, day), (sum, count)) in days {
        sqlx::query(
            "INSERT INTO ledger_account_days (account_id, day, amount_rials, posting_count) \
             VALUES (?, ?, ?, ?) ON CONFLICT (account_id, day) DO UPDATE SET \
             amount_rials = amount_rials + excluded.amount_rials, \
             posting_count = posting_count + excluded.posting_count",
        )
        .bind(account)
        .bind(day)
        .bind(sum)
        .bind(count)
        .execute(&mut **tx)
        .await?;
    }
    let mut sums: HashMap<(i64, i64), (i64, i64)> = HashMap::new();
    for row in rows {
        let day = JalaliDate::from_iso_str(&row.effective_on).expect("an ISO day");
        let month = i64::from(day.year()) * 100 + i64::from(day.month());
        for (account, amount) in [
            (row.planned.debit.get(), row.planned.amount_rials),
            (row.planned.credit.get(), -row.planned.amount_rials),
        ] {
            let entry = sums.entry((account, month)).or_default();
            entry.0 += amount;
            entry.1 += 1;
        }
    }
    for ((account, month), (sum, count)) in sums {
        sqlx::query(
            "INSERT INTO ledger_account_months (account_id, month, amount_rials, posting_count) \
             VALUES (?, ?, ?, ?) ON CONFLICT (account_id, month) DO UPDATE SET \
             amount_rials = amount_rials + excluded.amount_rials, \
             posting_count = posting_count + excluded.posting_count",
        )
        .bind(account)
        .bind(month)
        .bind(sum)
        .bind(count)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Payments and disk syncs are measured in alternating rounds, so both meet the same
/// neighbours on this shared machine (one probe before and one after differed by 7x).
const ROUNDS: usize = 10;

/// Single payments, each its own committed write transaction, against the disk's own
/// limit, in [`ROUNDS`] alternating rounds; returns (payments/s, syncs/s).
async fn payments_against_disk(
    app: &App,
    accounts: &[AccountId],
    prefix: &str,
    directory: &Path,
) -> Result<(f64, f64)> {
    let mut probe = SyncProbe::open(directory)?;
    let (mut paying, mut syncing) = (Duration::ZERO, Duration::ZERO);
    for round in 0..ROUNDS {
        syncing += probe.run(SYNCS / ROUNDS)?;
        let from = round * PAYMENTS / ROUNDS;
        paying += payments(app, accounts, prefix, from..from + PAYMENTS / ROUNDS).await?;
    }
    probe.remove()?;
    Ok((rate(PAYMENTS, paying), rate(SYNCS, syncing)))
}

/// Sequential single payments numbered `range`; returns the time they took.
async fn payments(
    app: &App,
    accounts: &[AccountId],
    prefix: &str,
    range: std::ops::Range<usize>,
) -> Result<Duration> {
    let actor = Actor::console();
    let today = app.today();
    let started = Instant::now();
    for n in range {
        let planned = plan(n, PAYMENTS, accounts);
        let payment = TransactionDraft::build(TransactionInput {
            postings: vec![
                Posting::debit(planned.debit, planned.amount_rials),
                Posting::credit(planned.credit, planned.amount_rials),
            ],
            description: description(n),
            effective_on: today,
            idempotency_key: format!("{prefix}-{n}"),
        })?;
        let posted = app.post_ledger_transaction(&actor, &payment).await?;
        assert!(!posted.replayed);
    }
    Ok(started.elapsed())
}

/// A store on the same file with one connection whose commits are synced (`FULL`) or not
/// (`NORMAL`, the app's default in WAL mode); the setting is read back before and after.
async fn payments_with_synchronous(
    db: &Bench,
    accounts: &[AccountId],
    setting: &str,
) -> Result<(f64, f64)> {
    let store = Arc::new(
        hamyar_store::connect(
            &db.url,
            &ConnectSettings {
                max_connections: Some(1),
                ..ConnectSettings::default()
            },
        )
        .await?
        .with_audit_key(
            db.store
                .audit_key()
                .cloned()
                .ok_or("the bench store has a key")?,
        ),
    );
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "PRAGMA synchronous = {setting}"
    )))
    .execute(store.pool())
    .await?;
    let expected = if setting == "FULL" { 2 } else { 1 };
    let level = || async {
        sqlx::query_scalar::<_, i64>("PRAGMA synchronous")
            .fetch_one(store.pool())
            .await
    };
    assert_eq!(level().await?, expected, "PRAGMA synchronous did not take");
    let app = app_on(store.clone());
    let prefix = format!("pay-{setting}");
    let rates = payments_against_disk(&app, accounts, &prefix, &directory_of(db)).await?;
    assert_eq!(level().await?, expected, "the connection was replaced");
    store.close().await;
    Ok(rates)
}

/// The disk's own limit: 4 KiB written and `fdatasync`ed, over and over, cycling over the
/// first MiB of a file (as a write-ahead log is reused after a checkpoint).
struct SyncProbe {
    path: PathBuf,
    file: std::fs::File,
    next: usize,
}

impl SyncProbe {
    fn open(directory: &Path) -> Result<SyncProbe> {
        let path = directory.join("sync-probe.bin");
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(true)
            .read(true)
            .write(true)
            .open(&path)?;
        file.write_all(&vec![0u8; 1 << 20])?;
        file.sync_all()?;
        Ok(SyncProbe {
            path,
            file,
            next: 0,
        })
    }

    fn run(&mut self, syncs: usize) -> Result<Duration> {
        let page = [7u8; 4096];
        let started = Instant::now();
        for _ in 0..syncs {
            self.file
                .seek(SeekFrom::Start(((self.next % 256) * 4096) as u64))?;
            self.file.write_all(&page)?;
            self.file.sync_data()?;
            self.next += 1;
        }
        Ok(started.elapsed())
    }

    fn remove(self) -> Result<()> {
        drop(self.file);
        std::fs::remove_file(self.path)?;
        Ok(())
    }
}

fn directory_of(db: &Bench) -> PathBuf {
    let path = db.url.trim_start_matches("sqlite:");
    Path::new(path)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn rate(count: usize, spent: Duration) -> f64 {
    count as f64 / spent.as_secs_f64()
}

struct Figures {
    lines: Vec<(String, String)>,
}

impl Figures {
    fn add(&mut self, what: impl Into<String>, value: impl Into<String>) {
        let (what, value) = (what.into(), value.into());
        println!("{what}: {value}");
        self.lines.push((what, value));
    }

    fn print(&self) {
        println!();
        println!("| measurement | result |");
        println!("|---|---|");
        for (what, value) in &self.lines {
            println!("| {what} | {value} |");
        }
    }
}

/// Bulk posting, verification and single payments through the app on `db`.
/// Returns the accounts and the bulk rate in transactions per second.
async fn through_app(
    db: &Bench,
    total: usize,
    figures: &mut Figures,
) -> Result<(Vec<AccountId>, f64)> {
    let app = app_on(db.store.clone());
    let accounts = seed(&app, db).await?;
    let first_day = app.today().add_days(-366);
    sync_disks();
    let bulk = bulk_through_app(&app, &accounts, total, first_day).await?;
    figures.add(
        format!("{total} transactions through App::post_ledger_batch ({BATCH} a batch)"),
        format!(
            "{:.2} s = {:.0} tx/s (building the drafts: {:.2} s more)",
            bulk.post.as_secs_f64(),
            rate(total, bulk.post),
            bulk.build.as_secs_f64()
        ),
    );
    let started = Instant::now();
    let report = app.verify_ledger(&Actor::console()).await?;
    let spent = started.elapsed();
    assert!(report.is_consistent(), "{:?}", report.check);
    assert_eq!(report.check.transactions_checked, total as i64);
    figures.add(
        format!(
            "verify_ledger over {} transactions, {} postings",
            report.check.transactions_checked, report.check.postings_checked
        ),
        format!("{:.2} s", spent.as_secs_f64()),
    );
    Ok((accounts, rate(total, bulk.post)))
}

async fn sqlite(total: usize, keep: Option<&str>, figures: &mut Figures) -> Result<()> {
    let db = Bench::sqlite(keep).await?;
    let (accounts, app_rate) = through_app(&db, total, figures).await?;
    let first_day = app_on(db.store.clone()).today().add_days(-366);
    let mut best_raw: f64 = 0.0;
    for (mode, name) in [
        (RawMode::RowPerInsert, "one row per INSERT"),
        (RawMode::MultiRow, "500 rows per INSERT"),
    ] {
        let raw = Bench::throwaway(TestDatabase::sqlite().await);
        let raw_accounts = seed(&app_on(raw.store.clone()), &raw).await?;
        assert_eq!(
            raw_accounts, accounts,
            "both databases number accounts alike"
        );
        sync_disks();
        let spent = bulk_raw(&raw, &raw_accounts, total, first_day, mode).await?;
        let check = app_on(raw.store.clone())
            .verify_ledger(&Actor::console())
            .await?;
        assert!(check.is_consistent(), "{:?}", check.check);
        best_raw = best_raw.max(rate(total, spent));
        figures.add(
            format!("the same rows with raw SQL, {name}"),
            format!(
                "{:.2} s = {:.0} tx/s",
                spent.as_secs_f64(),
                rate(total, spent)
            ),
        );
    }
    figures.add(
        "app path time ÷ faster raw insertion's time (target: at most 2)",
        format!("{:.2}", best_raw / app_rate),
    );
    for setting in ["FULL", "NORMAL"] {
        let (payments, disk) = payments_with_synchronous(&db, &accounts, setting).await?;
        figures.add(
            format!("{PAYMENTS} single payments, each committed, synchronous = {setting}"),
            format!(
                "{payments:.0} payments/s against {disk:.0} disk syncs/s ({:.0} %)",
                payments / disk * 100.0
            ),
        );
    }
    if keep.is_some() {
        // Folds the write-ahead log into the file, as `hamyar serve` does on shutdown.
        db.store.close().await;
        println!("kept {}", db.url);
    }
    Ok(())
}

async fn postgres(total: usize, figures: &mut Figures) -> Result<()> {
    let db = Bench::throwaway(
        TestDatabase::postgres()
            .await
            .ok_or("set HAMYAR_TEST_POSTGRES_URL")?,
    );
    let (accounts, _) = through_app(&db, total, figures).await?;
    for setting in ["fsync", "synchronous_commit", "wal_sync_method"] {
        let value: String = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SHOW {setting}")))
            .fetch_one(db.store.pool())
            .await?;
        figures.add(format!("server setting {setting}"), value);
    }
    let app = app_on(db.store.clone());
    let (payments, disk) =
        payments_against_disk(&app, &accounts, "pay", &std::env::temp_dir()).await?;
    figures.add(
        format!("{PAYMENTS} single payments, each committed"),
        format!(
            "{payments:.0} payments/s against {disk:.0} disk syncs/s in the temp directory, \
             same file system ({:.0} %)",
            payments / disk * 100.0
        ),
    );
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let on_postgres = args.iter().any(|a| a == "postgres");
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|at| args.get(at + 1))
        .map(String::as_str);
    let total = args
        .iter()
        .find_map(|a| a.replace(['_', ','], "").parse::<usize>().ok())
        .unwrap_or(1_000_000);
    let mut figures = Figures { lines: Vec::new() };
    println!(
        "backend: {}",
        if on_postgres { "postgres" } else { "sqlite" }
    );
    if on_postgres {
        postgres(total, &mut figures).await?;
    } else {
        sqlite(total, keep, &mut figures).await?;
    }
    figures.print();
    Ok(())
}
