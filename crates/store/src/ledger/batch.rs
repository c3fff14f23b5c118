//! Writing many ledger transactions at once, the path behind `App::post_ledger_batch`.
//!
//! Posting one transaction costs a dozen statements (the row, each posting, each balance);
//! through sqlx's `Any` driver the per-statement cost, not SQLite's own work, set the pace.
//! So a batch crosses to the database as ONE bound JSON value, as the registry import does
//! (`registry/import.rs`): `jsonb_each` unpacks it on SQLite, `json_array_elements` in a
//! data-modifying CTE on PostgreSQL. Each account's kept balance, and each of its kept
//! months and days (`periods`), gets one aggregated upsert per batch instead of one per
//! posting.
//!
//! The guarantees are the single form's: every member is summed (checked arithmetic) before
//! anything is written, and the whole batch is refused if one does not balance; keys stay
//! unique (a used or repeated key fails the statement, and the savepoint takes the rest of
//! the batch back with it); postings carry their transaction's `effective_on`.
//!
//! How postings find their transaction's id differs by engine. On SQLite the write lock is
//! held for the whole transaction, so the batch takes the ids after the largest ever issued
//! (`sqlite_sequence`, as `AUTOINCREMENT` would) explicitly: member `k` gets `first + k`, and
//! nothing depends on the order in which SQLite happens to walk the array. On PostgreSQL
//! concurrent writers share the identity sequence, so the new rows are matched back to the
//! batch by their idempotency key, which is unique.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::ledger::{LedgerTransactionId, NewLedgerTransaction, PostingLine};
use hamyar_app::ports::{Backend, StoreResult};
use jiff::Timestamp;
use serde::Serialize;
use sqlx::{AnyConnection, Connection};

use super::transactions::check_balanced;
use crate::dashboard::tallies::month_of;
use crate::error::{corrupt, store_error};
use crate::rows::stored;

/// One member of the JSON array. Postings come first and as pairs `[account, amount]`, so
/// both engines reach them without stepping over the texts; the order of the other fields is
/// the one the statements below read (`$[1]` is the key, `$[2]` the date, …).
#[derive(Serialize)]
struct JsonTransaction<'a>(
    Pairs<'a>,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    Option<LedgerTransactionId>,
    Option<i64>,
    Option<PlaceId>,
    Option<PlaceId>,
    i64,
);

/// A transaction's postings as `[[account, amount], …]`, written straight from the slice.
struct Pairs<'a>(&'a [PostingLine]);

impl Serialize for Pairs<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|p| (p.account_id, p.amount_rials)))
    }
}

/// The batch as one JSON text. Instants are formatted once per run of equal values (a batch
/// from one request shares one).
fn batch_json(batch: &[NewLedgerTransaction]) -> StoreResult<String> {
    let mut instants: Vec<String> = Vec::new();
    let mut instant_of = Vec::with_capacity(batch.len());
    let mut last: Option<Timestamp> = None;
    for transaction in batch {
        if last != Some(transaction.recorded_at) {
            instants.push(stored(transaction.recorded_at));
            last = Some(transaction.recorded_at);
        }
        instant_of.push(instants.len() - 1);
    }
    let rows: Vec<JsonTransaction<'_>> = batch
        .iter()
        .zip(instant_of)
        .map(|(t, instant)| {
            Ok(JsonTransaction(
                Pairs(&t.postings),
                &t.idempotency_key,
                &t.effective_on,
                &t.description,
                &instants[instant],
                &t.recorded_by_name,
                t.reverses_id,
                t.recorded_by.map(i64::from),
                t.province_id,
                t.county_id,
                month_of(&t.effective_on)?,
            ))
        })
        .collect::<StoreResult<_>>()?;
    serde_json::to_string(&rows)
        .map_err(|e| corrupt("ledger_transactions", format!("batch encoding: {e}")))
}

/// Checks every member, then writes the batch inside a savepoint: all of it or none.
pub(super) async fn post(
    conn: &mut AnyConnection,
    backend: Backend,
    batch: &[NewLedgerTransaction],
) -> StoreResult<Vec<LedgerTransactionId>> {
    for transaction in batch {
        check_balanced(&transaction.postings)?;
    }
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    let json = batch_json(batch)?;
    let mut savepoint = conn.begin().await.map_err(store_error)?;
    let written = match backend {
        Backend::Sqlite => post_on_sqlite(&mut savepoint, &json, batch.len()).await,
        Backend::Postgres => post_on_postgres(&mut savepoint, &json).await,
    };
    match written {
        Ok(ids) if ids.len() == batch.len() => {
            savepoint.commit().await.map_err(store_error)?;
            Ok(ids)
        }
        outcome => {
            if let Err(rollback) = savepoint.rollback().await {
                tracing::warn!(error = %rollback, "could not roll back a failed ledger batch");
            }
            outcome.and(Err(corrupt(
                "ledger_transactions",
                "a ledger batch was not written whole",
            )))
        }
    }
}

/// The first id after every id `AUTOINCREMENT` has issued (rolled-back ones included).
const SQLITE_NEXT_ID: &str = "SELECT CAST(MAX(\
     COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'ledger_transactions'), 0), \
     COALESCE((SELECT MAX(id) FROM ledger_transactions), 0)) + 1 AS BIGINT)";

const SQLITE_TRANSACTIONS: &str = "INSERT INTO ledger_transactions (id, idempotency_key, \
     effective_on, description, recorded_at, recorded_by_name, reverses_id, recorded_by, \
     province_id, county_id) \
     SELECT $2 + key, value ->> '$[1]', value ->> '$[2]', value ->> '$[3]', \
     value ->> '$[4]', value ->> '$[5]', value ->> '$[6]', value ->> '$[7]', \
     value ->> '$[8]', value ->> '$[9]' FROM jsonb_each($1)";

/// Postings in the batch's order, each transaction's in its own order.
const SQLITE_POSTINGS: &str = "INSERT INTO ledger_postings (transaction_id, account_id, \
     amount_rials, effective_on) \
     SELECT $2 + t.key, p.value ->> '$[0]', p.value ->> '$[1]', t.value ->> '$[2]' \
     FROM jsonb_each($1) AS t, jsonb_each(t.value, '$[0]') AS p";

/// One upsert per account touched (`WHERE true`: SQLite's parser needs it before an upsert
/// on `INSERT … SELECT`). `SUM` of integers fails on overflow rather than wrapping.
const SQLITE_BALANCES: &str = "INSERT INTO ledger_balances (account_id, balance_rials, \
     posting_count) \
     SELECT p.value ->> '$[0]', SUM(p.value ->> '$[1]'), COUNT(*) \
     FROM jsonb_each($1) AS t, jsonb_each(t.value, '$[0]') AS p WHERE true \
     GROUP BY p.value ->> '$[0]' \
     ON CONFLICT (account_id) DO UPDATE SET \
     balance_rials = ledger_balances.balance_rials + excluded.balance_rials, \
     posting_count = ledger_balances.posting_count + excluded.posting_count";

/// One upsert per account and Jalali month touched (the month is `$[10]`, worked out in Rust).
const SQLITE_MONTHS: &str = "INSERT INTO ledger_account_months (account_id, month, \
     amount_rials, posting_count) \
     SELECT p.value ->> '$[0]', t.value ->> '$[10]', SUM(p.value ->> '$[1]'), COUNT(*) \
     FROM jsonb_each($1) AS t, jsonb_each(t.value, '$[0]') AS p WHERE true \
     GROUP BY p.value ->> '$[0]', t.value ->> '$[10]' \
     ON CONFLICT (account_id, month) DO UPDATE SET \
     amount_rials = ledger_account_months.amount_rials + excluded.amount_rials, \
     posting_count = ledger_account_months.posting_count + excluded.posting_count";

/// One upsert per account and day touched (the day is the transaction's `$[2]`).
const SQLITE_DAYS: &str = "INSERT INTO ledger_account_days (account_id, day, \
     amount_rials, posting_count) \
     SELECT p.value ->> '$[0]', t.value ->> '$[2]', SUM(p.value ->> '$[1]'), COUNT(*) \
     FROM jsonb_each($1) AS t, jsonb_each(t.value, '$[0]') AS p WHERE true \
     GROUP BY p.value ->> '$[0]', t.value ->> '$[2]' \
     ON CONFLICT (account_id, day) DO UPDATE SET \
     amount_rials = ledger_account_days.amount_rials + excluded.amount_rials, \
     posting_count = ledger_account_days.posting_count + excluded.posting_count";

async fn post_on_sqlite(
    conn: &mut AnyConnection,
    json: &str,
    count: usize,
) -> StoreResult<Vec<LedgerTransactionId>> {
    let first: i64 = sqlx::query_scalar(SQLITE_NEXT_ID)
        .fetch_one(&mut *conn)
        .await
        .map_err(store_error)?;
    for statement in [SQLITE_TRANSACTIONS, SQLITE_POSTINGS] {
        sqlx::query(statement)
            .bind(json)
            .bind(first)
            .execute(&mut *conn)
            .await
            .map_err(store_error)?;
    }
    for statement in [SQLITE_BALANCES, SQLITE_MONTHS, SQLITE_DAYS] {
        sqlx::query(statement)
            .bind(json)
            .execute(&mut *conn)
            .await
            .map_err(store_error)?;
    }
    let count = i64::try_from(count).map_err(|_| corrupt("ledger_transactions", "batch size"))?;
    Ok((first..first + count)
        .map(LedgerTransactionId::new)
        .collect())
}

/// One statement: the transactions, then their postings (matched back by key) and the
/// aggregated balances, then the new ids in the batch's order. The key extracted from the
/// JSON is compared under the column's own collation ("C").
const POSTGRES_BATCH: &str = "WITH batch AS (SELECT value, position FROM \
     json_array_elements(CAST($1 AS json)) WITH ORDINALITY AS b(value, position)), \
     new_transactions AS (INSERT INTO ledger_transactions (idempotency_key, effective_on, \
     description, recorded_at, recorded_by_name, reverses_id, recorded_by, province_id, \
     county_id) \
     SELECT value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, \
     CAST(value ->> 6 AS BIGINT), CAST(value ->> 7 AS BIGINT), CAST(value ->> 8 AS BIGINT), \
     CAST(value ->> 9 AS BIGINT) FROM batch ORDER BY position \
     RETURNING id, idempotency_key), \
     numbered AS (SELECT n.id, b.value, b.position FROM new_transactions n \
     JOIN batch b ON (b.value ->> 1) COLLATE \"C\" = n.idempotency_key), \
     new_postings AS (INSERT INTO ledger_postings (transaction_id, account_id, amount_rials, \
     effective_on) \
     SELECT n.id, CAST(p.value ->> 0 AS BIGINT), CAST(p.value ->> 1 AS BIGINT), \
     n.value ->> 2 FROM numbered n, \
     json_array_elements(n.value -> 0) WITH ORDINALITY AS p(value, position) \
     ORDER BY n.position, p.position), \
     new_balances AS (INSERT INTO ledger_balances (account_id, balance_rials, posting_count) \
     SELECT CAST(p.value ->> 0 AS BIGINT), CAST(SUM(CAST(p.value ->> 1 AS BIGINT)) AS BIGINT), \
     COUNT(*) FROM batch b, json_array_elements(b.value -> 0) AS p(value) \
     GROUP BY CAST(p.value ->> 0 AS BIGINT) \
     ON CONFLICT (account_id) DO UPDATE SET \
     balance_rials = ledger_balances.balance_rials + excluded.balance_rials, \
     posting_count = ledger_balances.posting_count + excluded.posting_count), \
     new_months AS (INSERT INTO ledger_account_months (account_id, month, amount_rials, \
     posting_count) \
     SELECT CAST(p.value ->> 0 AS BIGINT), CAST(b.value ->> 10 AS BIGINT), \
     CAST(SUM(CAST(p.value ->> 1 AS BIGINT)) AS BIGINT), COUNT(*) \
     FROM batch b, json_array_elements(b.value -> 0) AS p(value) \
     GROUP BY CAST(p.value ->> 0 AS BIGINT), CAST(b.value ->> 10 AS BIGINT) \
     ON CONFLICT (account_id, month) DO UPDATE SET \
     amount_rials = ledger_account_months.amount_rials + excluded.amount_rials, \
     posting_count = ledger_account_months.posting_count + excluded.posting_count), \
     new_days AS (INSERT INTO ledger_account_days (account_id, day, amount_rials, \
     posting_count) \
     SELECT CAST(p.value ->> 0 AS BIGINT), b.value ->> 2, \
     CAST(SUM(CAST(p.value ->> 1 AS BIGINT)) AS BIGINT), COUNT(*) \
     FROM batch b, json_array_elements(b.value -> 0) AS p(value) \
     GROUP BY CAST(p.value ->> 0 AS BIGINT), b.value ->> 2 \
     ON CONFLICT (account_id, day) DO UPDATE SET \
     amount_rials = ledger_account_days.amount_rials + excluded.amount_rials, \
     posting_count = ledger_account_days.posting_count + excluded.posting_count) \
     SELECT id FROM numbered ORDER BY position";

async fn post_on_postgres(
    conn: &mut AnyConnection,
    json: &str,
) -> StoreResult<Vec<LedgerTransactionId>> {
    sqlx::query_scalar(POSTGRES_BATCH)
        .bind(json)
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)
}
