//! Programme-wide values that administrators maintain: the monthly pension per household-size
//! tier for each fiscal year, and named settings (eligibility rules and the like, as text the
//! application parses). Both are replaced in place by an upsert and remember who set them and
//! when; the audit trail keeps the history.

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::registry::PensionRow;
use jiff::Timestamp;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};

fn pension_from_row(row: &AnyRow) -> StoreResult<PensionRow> {
    let reader = RowReader::new(row, "pension_tables");
    Ok(PensionRow {
        fiscal_year: reader.int("fiscal_year")?,
        tier_rials: [
            reader.int("tier1_rials")?,
            reader.int("tier2_rials")?,
            reader.int("tier3_rials")?,
            reader.int("tier4_rials")?,
            reader.int("tier5_rials")?,
        ],
        updated_at: reader.timestamp("updated_at")?,
        updated_by: reader.text("updated_by")?,
    })
}

pub(super) async fn put_pension_table(
    conn: &mut AnyConnection,
    row: &PensionRow,
) -> StoreResult<()> {
    let [tier1, tier2, tier3, tier4, tier5] = row.tier_rials;
    sqlx::query(
        "INSERT INTO pension_tables (fiscal_year, tier1_rials, tier2_rials, tier3_rials, \
         tier4_rials, tier5_rials, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (fiscal_year) DO UPDATE SET \
         tier1_rials = excluded.tier1_rials, tier2_rials = excluded.tier2_rials, \
         tier3_rials = excluded.tier3_rials, tier4_rials = excluded.tier4_rials, \
         tier5_rials = excluded.tier5_rials, updated_at = excluded.updated_at, \
         updated_by = excluded.updated_by",
    )
    .bind(row.fiscal_year)
    .bind(tier1)
    .bind(tier2)
    .bind(tier3)
    .bind(tier4)
    .bind(tier5)
    .bind(stored(row.updated_at))
    .bind(row.updated_by.as_str())
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(())
}

pub(super) async fn pension_table(
    conn: &mut AnyConnection,
    fiscal_year: i64,
) -> StoreResult<Option<PensionRow>> {
    let row = sqlx::query(
        "SELECT fiscal_year, tier1_rials, tier2_rials, tier3_rials, tier4_rials, tier5_rials, \
         updated_at, updated_by FROM pension_tables WHERE fiscal_year = $1",
    )
    .bind(fiscal_year)
    .fetch_optional(&mut *conn)
    .await
    .map_err(store_error)?;
    row.as_ref().map(pension_from_row).transpose()
}

pub(super) async fn get_setting(
    conn: &mut AnyConnection,
    key: &str,
) -> StoreResult<Option<String>> {
    sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(key)
        .fetch_optional(&mut *conn)
        .await
        .map_err(store_error)
}

pub(super) async fn put_setting(
    conn: &mut AnyConnection,
    key: &str,
    value: &str,
    by: &str,
    at: Timestamp,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO settings (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, \
         updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(key)
    .bind(value)
    .bind(stored(at))
    .bind(by)
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(())
}
