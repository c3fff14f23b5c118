//! A fund's meetings: one row per meeting with the cash before it, the cash the books expect
//! after it and the cash counted (their difference is stored beside them, checked by the
//! table). A key, a number or a day used twice in a cycle comes back as
//! `Unique("fund_meetings.idempotency_key")`, `….number` or `….held_on`, so a meeting saved
//! twice from a phone is found by its key rather than written again.

use hamyar_app::ports::fund::{FundCycleId, FundMeetingId, FundMeetingRow};
use hamyar_app::ports::{StoreError, StoreResult};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use super::unique_as;
use crate::error::store_error;
use crate::rows::{RowReader, stored};

const COLUMNS: &str = "SELECT id, cycle_id, group_id, province_id, county_id, number, held_on, \
     cash_before_rials, cash_expected_rials, cash_counted_rials, ledger_transaction_id, \
     idempotency_key, note, recorded_by, recorded_by_name, recorded_at FROM fund_meetings";

pub(super) async fn insert(
    conn: &mut AnyConnection,
    meeting: &FundMeetingRow,
) -> StoreResult<FundMeetingId> {
    let difference = meeting
        .cash_counted_rials
        .checked_sub(meeting.cash_expected_rials)
        .ok_or_else(|| StoreError::Database("fund_meetings: cash difference overflows".into()))?;
    sqlx::query_scalar(
        "INSERT INTO fund_meetings (cycle_id, group_id, province_id, county_id, number, \
         held_on, cash_before_rials, cash_expected_rials, cash_counted_rials, \
         difference_rials, ledger_transaction_id, idempotency_key, note, recorded_by, \
         recorded_by_name, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
         $11, $12, $13, $14, $15, $16) RETURNING id",
    )
    .bind(meeting.cycle_id)
    .bind(meeting.group_id)
    .bind(meeting.province_id)
    .bind(meeting.county_id)
    .bind(meeting.number)
    .bind(meeting.held_on.to_iso_string())
    .bind(meeting.cash_before_rials)
    .bind(meeting.cash_expected_rials)
    .bind(meeting.cash_counted_rials)
    .bind(difference)
    .bind(meeting.ledger_transaction_id)
    .bind(meeting.idempotency_key.as_str())
    .bind(meeting.note.as_str())
    .bind(meeting.recorded_by)
    .bind(meeting.recorded_by_name.as_str())
    .bind(stored(meeting.recorded_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(|error| {
        unique_as(
            error,
            "fund_meetings",
            &["idempotency_key", "number", "held_on"],
            "idempotency_key",
        )
    })
}

pub(super) async fn by_id(
    conn: &mut AnyConnection,
    id: FundMeetingId,
) -> StoreResult<Option<FundMeetingRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{COLUMNS} WHERE id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(store_error)?;
    row.as_ref().map(read).transpose()
}

pub(super) async fn by_key(
    conn: &mut AnyConnection,
    key: &str,
) -> StoreResult<Option<FundMeetingRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{COLUMNS} WHERE idempotency_key = $1"
    )))
    .bind(key)
    .fetch_optional(&mut *conn)
    .await
    .map_err(store_error)?;
    row.as_ref().map(read).transpose()
}

pub(super) async fn of_cycle(
    conn: &mut AnyConnection,
    cycle_id: FundCycleId,
) -> StoreResult<Vec<FundMeetingRow>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{COLUMNS} WHERE cycle_id = $1 ORDER BY number, id"
    )))
    .bind(cycle_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter().map(read).collect()
}

fn read(row: &AnyRow) -> StoreResult<FundMeetingRow> {
    let r = RowReader::new(row, "fund_meetings");
    Ok(FundMeetingRow {
        id: r.id("id")?,
        cycle_id: r.id("cycle_id")?,
        group_id: r.id("group_id")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        number: r.int("number")?,
        held_on: r.date("held_on")?,
        cash_before_rials: r.int("cash_before_rials")?,
        cash_expected_rials: r.int("cash_expected_rials")?,
        cash_counted_rials: r.int("cash_counted_rials")?,
        ledger_transaction_id: r.opt_id("ledger_transaction_id")?,
        idempotency_key: r.text("idempotency_key")?,
        note: r.text("note")?,
        recorded_by: r.opt_id("recorded_by")?,
        recorded_by_name: r.text("recorded_by_name")?,
        recorded_at: r.timestamp("recorded_at")?,
    })
}
