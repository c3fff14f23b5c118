//! The accounts of a group's book: rows of `ledger_accounts` like the programme's chart, with
//! `fund_group_id` naming the group, so the ledger's checks cover them and the programme's
//! chart (`LedgerRepo::ledger_accounts`) leaves them out.

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::ledger::{AccountId, LedgerAccountRow, NewLedgerAccount};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};

/// Like `insert_ledger_account`: a taken code is `Unique("ledger_accounts.code")`.
pub(super) async fn insert(
    conn: &mut AnyConnection,
    group_id: GroupId,
    account: &NewLedgerAccount,
) -> StoreResult<AccountId> {
    sqlx::query_scalar(
        "INSERT INTO ledger_accounts (code, name_fa, name_en, kind, province_id, county_id, \
         created_at, fund_group_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(account.code.as_str())
    .bind(account.name_fa.as_str())
    .bind(account.name_en.as_str())
    .bind(account.kind.as_str())
    .bind(account.province_id)
    .bind(account.county_id)
    .bind(stored(account.created_at))
    .bind(group_id)
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)
}

pub(super) async fn of_group(
    conn: &mut AnyConnection,
    group_id: GroupId,
) -> StoreResult<Vec<LedgerAccountRow>> {
    let rows = sqlx::query(
        "SELECT id, code, name_fa, name_en, kind, province_id, county_id, created_at \
         FROM ledger_accounts WHERE fund_group_id = $1 ORDER BY code",
    )
    .bind(group_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter().map(read).collect()
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
