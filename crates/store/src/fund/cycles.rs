//! A fund's cycles and their share-outs. A cycle is `open` until its share-out closes it
//! (`shared_out_on` set, by one conditional update); a partial unique index keeps one open
//! cycle per group, so a second comes back as `Unique("fund_cycles.open")` and a number
//! used twice as `Unique("fund_cycles.number")`.

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::fund::{FundCycleId, FundCycleRow, FundShareOutRow};
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::JalaliDate;
use hamyar_domain::fund::MeetingEvery;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use super::{parse_code, unique_as};
use crate::error::store_error;
use crate::rows::{RowReader, stored};

const CYCLE_COLUMNS: &str = "SELECT id, group_id, province_id, county_id, number, starts_on, \
     ends_on, share_value_rials, max_shares, meeting_every, fee_basis_points, \
     loan_limit_multiple, max_term_months, social_rials, rules, shared_out_on, created_by, \
     created_by_name, created_at FROM fund_cycles";

pub(super) async fn insert(
    conn: &mut AnyConnection,
    cycle: &FundCycleRow,
) -> StoreResult<FundCycleId> {
    let state = if cycle.shared_out_on.is_some() {
        "shared_out"
    } else {
        "open"
    };
    sqlx::query_scalar(
        "INSERT INTO fund_cycles (group_id, province_id, county_id, number, starts_on, \
         ends_on, share_value_rials, max_shares, meeting_every, fee_basis_points, \
         loan_limit_multiple, max_term_months, social_rials, rules, state, shared_out_on, \
         created_by, created_by_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
         $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id",
    )
    .bind(cycle.group_id)
    .bind(cycle.province_id)
    .bind(cycle.county_id)
    .bind(cycle.number)
    .bind(cycle.starts_on.to_iso_string())
    .bind(cycle.ends_on.to_iso_string())
    .bind(cycle.share_value_rials)
    .bind(cycle.max_shares)
    .bind(cycle.meeting_every.code())
    .bind(cycle.fee_basis_points)
    .bind(cycle.loan_limit_multiple)
    .bind(cycle.max_term_months)
    .bind(cycle.social_rials)
    .bind(cycle.rules.as_str())
    .bind(state)
    .bind(cycle.shared_out_on.map(|day| day.to_iso_string()))
    .bind(cycle.created_by)
    .bind(cycle.created_by_name.as_str())
    .bind(stored(cycle.created_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(|error| unique_as(error, "fund_cycles", &["number"], "open"))
}

pub(super) async fn by_id(
    conn: &mut AnyConnection,
    id: FundCycleId,
) -> StoreResult<Option<FundCycleRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{CYCLE_COLUMNS} WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(store_error)?;
    row.as_ref().map(read_cycle).transpose()
}

pub(super) async fn of_group(
    conn: &mut AnyConnection,
    group_id: GroupId,
) -> StoreResult<Vec<FundCycleRow>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{CYCLE_COLUMNS} WHERE group_id = $1 ORDER BY number, id"
    )))
    .bind(group_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter().map(read_cycle).collect()
}

pub(super) async fn close(
    conn: &mut AnyConnection,
    id: FundCycleId,
    on: JalaliDate,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE fund_cycles SET state = 'shared_out', shared_out_on = $2 \
         WHERE id = $1 AND state = 'open'",
    )
    .bind(id)
    .bind(on.to_iso_string())
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(done.rows_affected() == 1)
}

fn read_cycle(row: &AnyRow) -> StoreResult<FundCycleRow> {
    let r = RowReader::new(row, "fund_cycles");
    Ok(FundCycleRow {
        id: r.id("id")?,
        group_id: r.id("group_id")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        number: r.int("number")?,
        starts_on: r.date("starts_on")?,
        ends_on: r.date("ends_on")?,
        share_value_rials: r.int("share_value_rials")?,
        max_shares: r.int("max_shares")?,
        meeting_every: parse_code(
            "fund_cycles",
            "meeting_every",
            &r.text("meeting_every")?,
            MeetingEvery::parse,
        )?,
        fee_basis_points: r.int("fee_basis_points")?,
        loan_limit_multiple: r.int("loan_limit_multiple")?,
        max_term_months: r.int("max_term_months")?,
        social_rials: r.int("social_rials")?,
        rules: r.text("rules")?,
        shared_out_on: r.opt_date("shared_out_on")?,
        created_by: r.opt_id("created_by")?,
        created_by_name: r.text("created_by_name")?,
        created_at: r.timestamp("created_at")?,
    })
}

/// A cycle has one share-out: a second is `Unique`.
pub(super) async fn insert_share_out(
    conn: &mut AnyConnection,
    share_out: &FundShareOutRow,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO fund_share_outs (cycle_id, group_id, province_id, county_id, held_on, \
         distributable_rials, total_shares, ledger_transaction_id, recorded_by, \
         recorded_by_name, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(share_out.cycle_id)
    .bind(share_out.group_id)
    .bind(share_out.province_id)
    .bind(share_out.county_id)
    .bind(share_out.held_on.to_iso_string())
    .bind(share_out.distributable_rials)
    .bind(share_out.total_shares)
    .bind(share_out.ledger_transaction_id)
    .bind(share_out.recorded_by)
    .bind(share_out.recorded_by_name.as_str())
    .bind(stored(share_out.recorded_at))
    .execute(&mut *conn)
    .await
    .map_err(|error| unique_as(error, "fund_share_outs", &[], "cycle_id"))?;
    Ok(())
}

pub(super) async fn share_out(
    conn: &mut AnyConnection,
    cycle_id: FundCycleId,
) -> StoreResult<Option<FundShareOutRow>> {
    let row = sqlx::query(
        "SELECT cycle_id, group_id, province_id, county_id, held_on, distributable_rials, \
         total_shares, ledger_transaction_id, recorded_by, recorded_by_name, recorded_at \
         FROM fund_share_outs WHERE cycle_id = $1",
    )
    .bind(cycle_id)
    .fetch_optional(&mut *conn)
    .await
    .map_err(store_error)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let r = RowReader::new(&row, "fund_share_outs");
    Ok(Some(FundShareOutRow {
        cycle_id: r.id("cycle_id")?,
        group_id: r.id("group_id")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        held_on: r.date("held_on")?,
        distributable_rials: r.int("distributable_rials")?,
        total_shares: r.int("total_shares")?,
        ledger_transaction_id: r.opt_id("ledger_transaction_id")?,
        recorded_by: r.opt_id("recorded_by")?,
        recorded_by_name: r.text("recorded_by_name")?,
        recorded_at: r.timestamp("recorded_at")?,
    }))
}
