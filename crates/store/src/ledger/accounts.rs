//! Ledger accounts: the chart of accounts is small (tens to a few thousand rows), so it is
//! read whole, ordered by code. The programme's chart is the accounts without a
//! `fund_group_id`: the books of the groups' funds (`crate::fund`) live in the same table,
//! so the ledger's checks cover them, but are listed by their group only.

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::ledger::{AccountId, LedgerAccountRow, NewLedgerAccount};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};

const COLUMNS: &str = "SELECT id, code, name_fa, name_en, kind, province_id, county_id, \
     created_at FROM ledger_accounts";

pub(super) async fn insert(
    conn: &mut AnyConnection,
    account: &NewLedgerAccount,
) -> StoreResult<AccountId> {
    sqlx::query_scalar(
        "INSERT INTO ledger_accounts (code, name_fa, name_en, kind, province_id, county_id, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(account.code.as_str())
    .bind(account.name_fa.as_str())
    .bind(account.name_en.as_str())
    .bind(account.kind.as_str())
    .bind(account.province_id)
    .bind(account.county_id)
    .bind(stored(account.created_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)
}

pub(super) async fn all(conn: &mut AnyConnection) -> StoreResult<Vec<LedgerAccountRow>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{COLUMNS} WHERE fund_group_id IS NULL ORDER BY code"
    )))
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter().map(read).collect()
}

pub(super) async fn by_id(
    conn: &mut AnyConnection,
    id: AccountId,
) -> StoreResult<Option<LedgerAccountRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{COLUMNS} WHERE id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(store_error)?;
    row.as_ref().map(read).transpose()
}

pub(super) async fn by_code(
    conn: &mut AnyConnection,
    code: &str,
) -> StoreResult<Option<LedgerAccountRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{COLUMNS} WHERE code = $1")))
        .bind(code)
        .fetch_optional(&mut *conn)
        .await
        .map_err(store_error)?;
    row.as_ref().map(read).transpose()
}

fn read(row: &AnyRow) -> StoreResult<LedgerAccountRow> {
    let reader = RowReader::new(row, "ledger_accounts");
    Ok(LedgerAccountRow {
        id: reader.id("id")?,
        code: reader.text("code")?,
        name_fa: reader.text("name_fa")?,
        name_en: reader.text("name_en")?,
        kind: reader.text("kind")?,
        province_id: reader.opt_id("province_id")?,
        county_id: reader.opt_id("county_id")?,
        created_at: reader.timestamp("created_at")?,
    })
}
