//! The fund's journal (`fund_entries`): written many lines per statement — a meeting writes
//! some forty, the national benchmark millions — and read back as a group's whole journal
//! (for its position) or in pages by id within a place (for the export, which anyone can
//! recompute the metrics from).

use hamyar_app::ports::fund::{FundEntryRow, NewFundEntry};
use hamyar_app::ports::groups::{GroupId, PlaceFilter};
use hamyar_app::ports::{Backend, StoreResult};
use hamyar_domain::JalaliDate;
use hamyar_domain::fund::{EntryKind, JournalLine};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use super::{parse_code, push_place};
use crate::error::store_error;
use crate::rows::RowReader;
use crate::sql::SqlBuilder;

/// Lines per statement: 12 values each keeps a statement well under both engines' limits on
/// bound values (32,766 on SQLite, 65,535 on PostgreSQL).
const LINES_PER_INSERT: usize = 500;

const LINE_COLUMNS: &str = "SELECT id, group_id, province_id, county_id, meeting_id, \
     ledger_transaction_id, cycle_id, kind, woman_id, loan_id, shares, amount_rials, \
     happened_on FROM fund_entries";

pub(super) async fn insert(
    conn: &mut AnyConnection,
    backend: Backend,
    entries: &[NewFundEntry],
) -> StoreResult<()> {
    for chunk in entries.chunks(LINES_PER_INSERT) {
        let mut sql = SqlBuilder::bulk(
            "INSERT INTO fund_entries (group_id, cycle_id, province_id, county_id, \
             meeting_id, loan_id, woman_id, kind, shares, amount_rials, happened_on, \
             ledger_transaction_id) VALUES ",
            backend,
            chunk.len() * 12,
        );
        for (index, entry) in chunk.iter().enumerate() {
            sql.push(if index == 0 { "(" } else { ", (" });
            sql.push_bound(entry.group_id).push(", ");
            sql.push_bound(entry.cycle_id).push(", ");
            sql.push_bound(entry.province_id).push(", ");
            sql.push_bound(entry.county_id).push(", ");
            sql.push_bound(entry.meeting_id).push(", ");
            sql.push_bound(entry.loan_id).push(", ");
            sql.push_bound(entry.woman_id).push(", ");
            sql.push_bound(entry.kind.code()).push(", ");
            sql.push_bound(entry.shares).push(", ");
            sql.push_bound(entry.amount_rials).push(", ");
            sql.push_bound(entry.happened_on.to_iso_string()).push(", ");
            sql.push_bound(entry.ledger_transaction_id).push(")");
        }
        sql.build().execute(&mut *conn).await.map_err(store_error)?;
    }
    Ok(())
}

pub(super) async fn of_group(
    conn: &mut AnyConnection,
    group_id: GroupId,
) -> StoreResult<Vec<JournalLine>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{LINE_COLUMNS} WHERE group_id = $1 ORDER BY id"
    )))
    .bind(group_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter()
        .map(|row| read_line(&RowReader::new(row, "fund_entries")))
        .collect()
}

/// Keyset paging: each page starts after the last id of the one before.
pub(super) async fn page(
    conn: &mut AnyConnection,
    place: PlaceFilter,
    to: Option<JalaliDate>,
    after_id: i64,
    limit: i64,
) -> StoreResult<Vec<FundEntryRow>> {
    let mut sql = SqlBuilder::new(LINE_COLUMNS);
    sql.push(" WHERE id > ").push_bound(after_id);
    push_place(&mut sql, "province_id", "county_id", place);
    if let Some(to) = to {
        sql.push(" AND happened_on <= ")
            .push_bound(to.to_iso_string());
    }
    sql.push(" ORDER BY id LIMIT ").push_bound(limit.max(0));
    let rows = sql
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter().map(read_entry).collect()
}

fn read_entry(row: &AnyRow) -> StoreResult<FundEntryRow> {
    let r = RowReader::new(row, "fund_entries");
    Ok(FundEntryRow {
        id: r.int("id")?,
        group_id: r.id("group_id")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        meeting_id: r.opt_id("meeting_id")?,
        ledger_transaction_id: r.opt_id("ledger_transaction_id")?,
        line: read_line(&r)?,
    })
}

fn read_line(r: &RowReader<'_>) -> StoreResult<JournalLine> {
    Ok(JournalLine {
        cycle_id: r.int("cycle_id")?,
        kind: parse_code("fund_entries", "kind", &r.text("kind")?, EntryKind::parse)?,
        woman_id: r.opt_int("woman_id")?,
        loan_id: r.opt_int("loan_id")?,
        shares: r.int("shares")?,
        amount: r.int("amount_rials")?,
        on: r.date("happened_on")?,
    })
}
