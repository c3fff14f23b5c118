//! Writing a transaction: the adapter sums the postings itself (checked arithmetic) and refuses
//! an unbalanced set before touching a table — the second of the ledger's independent checks,
//! after `TransactionDraft::build`. The transaction row, its postings and the kept balances
//! are written on the caller's database transaction, so they commit or vanish together.

use hamyar_app::ports::ledger::{
    AccountId, KeptBalance, LedgerTransactionId, LedgerTransactionRow, NewLedgerTransaction,
    PostingLine,
};
use hamyar_app::ports::{StoreError, StoreResult};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::dashboard::tallies::month_of;
use crate::error::store_error;
use crate::rows::{RowReader, stored};

const COLUMNS: &str = "SELECT t.id, t.idempotency_key, t.effective_on, t.description, \
     t.reverses_id, r.id AS reversed_by, t.recorded_by, t.recorded_by_name, t.recorded_at, \
     t.province_id, t.county_id FROM ledger_transactions t \
     LEFT JOIN ledger_transactions r ON r.reverses_id = t.id";

/// The postings' sum when it is exactly zero and there are at least two.
pub(super) fn check_balanced(postings: &[PostingLine]) -> StoreResult<()> {
    let sum = postings
        .iter()
        .try_fold(0i64, |sum, posting| sum.checked_add(posting.amount_rials));
    if sum != Some(0) || postings.len() < 2 {
        return Err(StoreError::Unbalanced { sum_rials: sum });
    }
    Ok(())
}

pub(super) async fn post(
    conn: &mut AnyConnection,
    transaction: &NewLedgerTransaction,
) -> StoreResult<LedgerTransactionId> {
    check_balanced(&transaction.postings)?;
    let id: LedgerTransactionId = sqlx::query_scalar(
        "INSERT INTO ledger_transactions (idempotency_key, effective_on, description, \
         reverses_id, recorded_by, recorded_by_name, recorded_at, province_id, county_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(transaction.idempotency_key.as_str())
    .bind(transaction.effective_on.as_str())
    .bind(transaction.description.as_str())
    .bind(transaction.reverses_id)
    .bind(transaction.recorded_by)
    .bind(transaction.recorded_by_name.as_str())
    .bind(stored(transaction.recorded_at))
    .bind(transaction.province_id)
    .bind(transaction.county_id)
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)?;
    let month = month_of(&transaction.effective_on)?;
    for posting in &transaction.postings {
        insert_posting(conn, id, &transaction.effective_on, posting).await?;
        super::periods::add_posting(
            conn,
            posting.account_id,
            month,
            &transaction.effective_on,
            posting.amount_rials,
        )
        .await?;
    }
    Ok(id)
}

/// One posting and its addition to the account's kept balance.
async fn insert_posting(
    conn: &mut AnyConnection,
    transaction_id: LedgerTransactionId,
    effective_on: &str,
    posting: &PostingLine,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO ledger_postings (transaction_id, account_id, amount_rials, effective_on) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(transaction_id)
    .bind(posting.account_id)
    .bind(posting.amount_rials)
    .bind(effective_on)
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    sqlx::query(
        "INSERT INTO ledger_balances (account_id, balance_rials, posting_count) \
         VALUES ($1, $2, 1) ON CONFLICT (account_id) DO UPDATE SET \
         balance_rials = ledger_balances.balance_rials + excluded.balance_rials, \
         posting_count = ledger_balances.posting_count + 1",
    )
    .bind(posting.account_id)
    .bind(posting.amount_rials)
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(())
}

pub(super) async fn by_id(
    conn: &mut AnyConnection,
    id: LedgerTransactionId,
) -> StoreResult<Option<LedgerTransactionRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{COLUMNS} WHERE t.id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(store_error)?;
    with_postings(conn, row).await
}

pub(super) async fn by_key(
    conn: &mut AnyConnection,
    idempotency_key: &str,
) -> StoreResult<Option<LedgerTransactionRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{COLUMNS} WHERE t.idempotency_key = $1"
    )))
    .bind(idempotency_key)
    .fetch_optional(&mut *conn)
    .await
    .map_err(store_error)?;
    with_postings(conn, row).await
}

async fn with_postings(
    conn: &mut AnyConnection,
    row: Option<AnyRow>,
) -> StoreResult<Option<LedgerTransactionRow>> {
    let Some(row) = row else {
        return Ok(None);
    };
    let mut transaction = read(&row)?;
    let rows = sqlx::query(
        "SELECT account_id, amount_rials FROM ledger_postings WHERE transaction_id = $1 \
         ORDER BY id",
    )
    .bind(transaction.id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    transaction.postings = rows
        .iter()
        .map(|row| {
            let reader = RowReader::new(row, "ledger_postings");
            Ok(PostingLine {
                account_id: reader.id("account_id")?,
                amount_rials: reader.int("amount_rials")?,
            })
        })
        .collect::<StoreResult<_>>()?;
    Ok(Some(transaction))
}

fn read(row: &AnyRow) -> StoreResult<LedgerTransactionRow> {
    let reader = RowReader::new(row, "ledger_transactions");
    Ok(LedgerTransactionRow {
        id: reader.id("id")?,
        idempotency_key: reader.text("idempotency_key")?,
        effective_on: reader.text("effective_on")?,
        description: reader.text("description")?,
        reverses_id: reader.opt_id("reverses_id")?,
        reversed_by: reader.opt_id("reversed_by")?,
        recorded_by: reader.opt_id("recorded_by")?,
        recorded_by_name: reader.text("recorded_by_name")?,
        recorded_at: reader.timestamp("recorded_at")?,
        province_id: reader.opt_id("province_id")?,
        county_id: reader.opt_id("county_id")?,
        postings: Vec::new(),
    })
}

pub(super) async fn kept_balance(
    conn: &mut AnyConnection,
    account_id: AccountId,
) -> StoreResult<KeptBalance> {
    let row = sqlx::query(
        "SELECT balance_rials, posting_count FROM ledger_balances WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(store_error)?;
    let Some(row) = row else {
        return Ok(KeptBalance::default());
    };
    let reader = RowReader::new(&row, "ledger_balances");
    Ok(KeptBalance {
        balance_rials: reader.int("balance_rials")?,
        posting_count: reader.int("posting_count")?,
    })
}

pub(super) async fn balance_as_of(
    conn: &mut AnyConnection,
    account_id: AccountId,
    date: &str,
) -> StoreResult<i64> {
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(amount_rials), 0) AS BIGINT) FROM ledger_postings \
         WHERE account_id = $1 AND effective_on <= $2",
    )
    .bind(account_id)
    .bind(date)
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)
}
