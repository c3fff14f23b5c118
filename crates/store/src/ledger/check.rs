//! The ledger's recomputation: every kept balance, and every account's kept months and days
//! (`periods`), against the sum and count of its postings,
//! every transaction's postings against zero, and every reversal against its original, each as
//! one set-wise query so the database does the walking. This is the third check of "sums to
//! zero" (after the draft and the adapter's own check) and the only one that would notice a
//! posting changed by hand after the guard was dropped.

use hamyar_app::ports::ledger::{
    BadReversal, BalanceDifference, KeptBalance, LedgerCheck, ReversalProblem,
    UnbalancedTransaction,
};
use hamyar_app::ports::{Backend, StoreResult};
use sqlx::AnyConnection;

use crate::error::store_error;
use crate::rows::RowReader;

const BALANCE_DIFFERENCES: &str = "SELECT a.id, a.code, \
     COALESCE(b.balance_rials, 0) AS kept_rials, COALESCE(b.posting_count, 0) AS kept_count, \
     COALESCE(p.total_rials, 0) AS recomputed_rials, COALESCE(p.total_count, 0) AS recomputed_count \
     FROM ledger_accounts a \
     LEFT JOIN ledger_balances b ON b.account_id = a.id \
     LEFT JOIN (SELECT account_id, CAST(SUM(amount_rials) AS BIGINT) AS total_rials, \
                CAST(COUNT(*) AS BIGINT) AS total_count \
                FROM ledger_postings GROUP BY account_id) p ON p.account_id = a.id \
     WHERE COALESCE(b.balance_rials, 0) <> COALESCE(p.total_rials, 0) \
        OR COALESCE(b.posting_count, 0) <> COALESCE(p.total_count, 0) \
     ORDER BY a.id";

const UNBALANCED: &str = "SELECT t.id, \
     CAST(COALESCE(SUM(p.amount_rials), 0) AS BIGINT) AS sum_rials, \
     CAST(COUNT(p.id) AS BIGINT) AS posting_count \
     FROM ledger_transactions t LEFT JOIN ledger_postings p ON p.transaction_id = t.id \
     GROUP BY t.id \
     HAVING COALESCE(SUM(p.amount_rials), 0) <> 0 OR COUNT(p.id) < 2 \
     ORDER BY t.id";

const ORPHAN_REVERSALS: &str = "SELECT r.id, r.reverses_id FROM ledger_transactions r \
     LEFT JOIN ledger_transactions o ON o.id = r.reverses_id \
     WHERE r.reverses_id IS NOT NULL AND o.id IS NULL ORDER BY r.id";

/// A posting on either side without its exact negation on the other. Postings are unique per
/// (transaction, account), so matching both ways proves the sets are each other's negation.
const NOT_NEGATIONS: &str = "SELECT r.id, r.reverses_id FROM ledger_transactions r \
     WHERE r.reverses_id IS NOT NULL \
     AND EXISTS (SELECT 1 FROM ledger_transactions o WHERE o.id = r.reverses_id) \
     AND (EXISTS (SELECT 1 FROM ledger_postings rp WHERE rp.transaction_id = r.id \
            AND NOT EXISTS (SELECT 1 FROM ledger_postings op \
                WHERE op.transaction_id = r.reverses_id AND op.account_id = rp.account_id \
                AND op.amount_rials = -rp.amount_rials)) \
       OR EXISTS (SELECT 1 FROM ledger_postings op WHERE op.transaction_id = r.reverses_id \
            AND NOT EXISTS (SELECT 1 FROM ledger_postings rp \
                WHERE rp.transaction_id = r.id AND rp.account_id = op.account_id \
                AND rp.amount_rials = -op.amount_rials))) \
     ORDER BY r.id";

const COUNTS: &str = "SELECT (SELECT CAST(COUNT(*) AS BIGINT) FROM ledger_accounts) AS accounts, \
     (SELECT CAST(COUNT(*) AS BIGINT) FROM ledger_transactions) AS transactions, \
     (SELECT CAST(COUNT(*) AS BIGINT) FROM ledger_postings) AS postings";

pub(super) async fn run(conn: &mut AnyConnection) -> StoreResult<LedgerCheck> {
    let counts = sqlx::query(COUNTS)
        .fetch_one(&mut *conn)
        .await
        .map_err(store_error)?;
    let counts = RowReader::new(&counts, "ledger_transactions");
    let mut check = LedgerCheck {
        accounts_checked: counts.int("accounts")?,
        transactions_checked: counts.int("transactions")?,
        postings_checked: counts.int("postings")?,
        balance_differences: balance_differences(conn).await?,
        period_differences: super::periods::differences(conn).await?,
        fund_tally_differences: crate::fund::tally::differences(conn).await?,
        unbalanced: unbalanced(conn).await?,
        bad_reversals: reversals(conn, ORPHAN_REVERSALS, ReversalProblem::OriginalMissing).await?,
    };
    check
        .bad_reversals
        .extend(reversals(conn, NOT_NEGATIONS, ReversalProblem::NotNegation).await?);
    Ok(check)
}

async fn balance_differences(conn: &mut AnyConnection) -> StoreResult<Vec<BalanceDifference>> {
    let rows = sqlx::query(BALANCE_DIFFERENCES)
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter()
        .map(|row| {
            let reader = RowReader::new(row, "ledger_balances");
            Ok(BalanceDifference {
                account_id: reader.id("id")?,
                account_code: reader.text("code")?,
                kept: KeptBalance {
                    balance_rials: reader.int("kept_rials")?,
                    posting_count: reader.int("kept_count")?,
                },
                recomputed: KeptBalance {
                    balance_rials: reader.int("recomputed_rials")?,
                    posting_count: reader.int("recomputed_count")?,
                },
            })
        })
        .collect()
}

async fn unbalanced(conn: &mut AnyConnection) -> StoreResult<Vec<UnbalancedTransaction>> {
    let rows = sqlx::query(UNBALANCED)
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter()
        .map(|row| {
            let reader = RowReader::new(row, "ledger_postings");
            Ok(UnbalancedTransaction {
                transaction_id: reader.id("id")?,
                sum_rials: reader.int("sum_rials")?,
                posting_count: reader.int("posting_count")?,
            })
        })
        .collect()
}

async fn reversals(
    conn: &mut AnyConnection,
    query: &'static str,
    problem: ReversalProblem,
) -> StoreResult<Vec<BadReversal>> {
    let rows = sqlx::query(query)
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter()
        .map(|row| {
            let reader = RowReader::new(row, "ledger_transactions");
            Ok(BadReversal {
                transaction_id: reader.id("id")?,
                reverses_id: reader.id("reverses_id")?,
                problem,
            })
        })
        .collect()
}

const SQLITE_GUARD_COUNT: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM sqlite_master \
     WHERE type = 'trigger' AND name IN ('ledger_transactions_no_update', \
     'ledger_transactions_no_delete', 'ledger_postings_no_update', 'ledger_postings_no_delete')";
const SQLITE_GUARD_TRIGGERS: i64 = 4;

const POSTGRES_GUARD_COUNT: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM pg_trigger \
     WHERE tgenabled <> 'D' AND tgrelid IN (to_regclass('ledger_transactions'), \
     to_regclass('ledger_postings')) AND tgname IN ('ledger_transactions_no_update', \
     'ledger_transactions_no_delete', 'ledger_transactions_no_truncate', \
     'ledger_postings_no_update', 'ledger_postings_no_delete', 'ledger_postings_no_truncate')";
const POSTGRES_GUARD_TRIGGERS: i64 = 6;

pub(super) async fn guard_installed(
    conn: &mut AnyConnection,
    backend: Backend,
) -> StoreResult<bool> {
    let (query, expected) = match backend {
        Backend::Sqlite => (SQLITE_GUARD_COUNT, SQLITE_GUARD_TRIGGERS),
        Backend::Postgres => (POSTGRES_GUARD_COUNT, POSTGRES_GUARD_TRIGGERS),
    };
    let found: i64 = sqlx::query_scalar(query)
        .fetch_one(&mut *conn)
        .await
        .map_err(store_error)?;
    Ok(found == expected)
}
