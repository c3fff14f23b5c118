//! A fund's loans, their guarantors, their schedules and the draws that allocate them. A
//! loan is written with its guarantors and its first schedule (version 1, in force from the
//! day it was given); a rescheduling adds the next version and leaves the earlier ones, so a
//! report as of an earlier day reads the schedule then in force. Closing a loan is one
//! conditional update (`… AND state = 'active'`). A draw keeps its seed as decimal text (a
//! `u64` does not fit a signed column) and its candidates and winners as JSON arrays of ids.

use std::collections::BTreeMap;

use hamyar_app::ports::fund::{
    FundCycleId, FundLoanId, FundLoanRow, FundLotteryId, FundLotteryRow, ScheduleVersion,
};
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::{Backend, StoreError, StoreResult};
use hamyar_domain::fund::{Allocation, Instalment};
use hamyar_domain::{JalaliDate, Rials};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use super::{instalment_number, parse_code};
use crate::error::{corrupt, store_error};
use crate::rows::{RowReader, stored};
use crate::sql::SqlBuilder;

const LOAN_COLUMNS: &str = "SELECT id, cycle_id, group_id, woman_id, province_id, county_id, \
     meeting_id, disbursed_on, principal_rials, fee_rials, term_months, allocation, \
     lottery_id, state, closed_on, write_off_reason FROM fund_loans";

/// At most 24 instalments and a handful of guarantors a loan: one statement each.
pub(super) async fn insert(
    conn: &mut AnyConnection,
    backend: Backend,
    loan: &FundLoanRow,
    instalments: &[Instalment],
) -> StoreResult<FundLoanId> {
    let id: FundLoanId = sqlx::query_scalar(
        "INSERT INTO fund_loans (cycle_id, group_id, woman_id, province_id, county_id, \
         meeting_id, disbursed_on, principal_rials, fee_rials, term_months, allocation, \
         lottery_id, state, closed_on, write_off_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, \
         $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
    )
    .bind(loan.cycle_id)
    .bind(loan.group_id)
    .bind(loan.woman_id)
    .bind(loan.province_id)
    .bind(loan.county_id)
    .bind(loan.meeting_id)
    .bind(loan.disbursed_on.to_iso_string())
    .bind(loan.principal_rials)
    .bind(loan.fee_rials)
    .bind(loan.term_months)
    .bind(loan.allocation.code())
    .bind(loan.lottery_id)
    .bind(loan.state.as_str())
    .bind(loan.closed_on.map(|day| day.to_iso_string()))
    .bind(loan.write_off_reason.as_deref())
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)?;
    if !loan.guarantors.is_empty() {
        let mut sql = SqlBuilder::bulk(
            "INSERT INTO fund_loan_guarantors (loan_id, woman_id) VALUES ",
            backend,
            loan.guarantors.len() + 1,
        );
        let loan_id = sql.bind(id);
        for (index, woman) in loan.guarantors.iter().enumerate() {
            sql.push(if index == 0 { "(" } else { ", (" });
            sql.push_placeholder(loan_id)
                .push(", ")
                .push_bound(*woman)
                .push(")");
        }
        sql.build().execute(&mut *conn).await.map_err(store_error)?;
    }
    let first = ScheduleVersion {
        version: 1,
        effective_on: loan.disbursed_on,
        reason: String::new(),
        instalments: instalments.to_vec(),
    };
    insert_schedule(conn, backend, id, &first).await?;
    Ok(id)
}

pub(super) async fn by_id(
    conn: &mut AnyConnection,
    id: FundLoanId,
) -> StoreResult<Option<FundLoanRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{LOAN_COLUMNS} WHERE id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(store_error)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let mut loan = read_loan(&row)?;
    let rows = sqlx::query(
        "SELECT loan_id, woman_id FROM fund_loan_guarantors WHERE loan_id = $1 \
         ORDER BY woman_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    for row in &rows {
        loan.guarantors
            .push(RowReader::new(row, "fund_loan_guarantors").id("woman_id")?);
    }
    Ok(Some(loan))
}

/// Two statements however many loans: the loans, then all their guarantors.
pub(super) async fn of_cycle(
    conn: &mut AnyConnection,
    cycle_id: FundCycleId,
) -> StoreResult<Vec<FundLoanRow>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{LOAN_COLUMNS} WHERE cycle_id = $1 ORDER BY id"
    )))
    .bind(cycle_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    let mut loans = rows
        .iter()
        .map(read_loan)
        .collect::<StoreResult<Vec<_>>>()?;
    let rows = sqlx::query(
        "SELECT g.loan_id, g.woman_id FROM fund_loan_guarantors g \
         JOIN fund_loans l ON l.id = g.loan_id WHERE l.cycle_id = $1 \
         ORDER BY g.loan_id, g.woman_id",
    )
    .bind(cycle_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    let mut guarantors: BTreeMap<FundLoanId, Vec<WomanId>> = BTreeMap::new();
    for row in &rows {
        let r = RowReader::new(row, "fund_loan_guarantors");
        guarantors
            .entry(r.id("loan_id")?)
            .or_default()
            .push(r.id("woman_id")?);
    }
    for loan in &mut loans {
        loan.guarantors = guarantors.remove(&loan.id).unwrap_or_default();
    }
    Ok(loans)
}

fn read_loan(row: &AnyRow) -> StoreResult<FundLoanRow> {
    let r = RowReader::new(row, "fund_loans");
    Ok(FundLoanRow {
        id: r.id("id")?,
        cycle_id: r.id("cycle_id")?,
        group_id: r.id("group_id")?,
        woman_id: r.id("woman_id")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        meeting_id: r.id("meeting_id")?,
        disbursed_on: r.date("disbursed_on")?,
        principal_rials: r.int("principal_rials")?,
        fee_rials: r.int("fee_rials")?,
        term_months: r.int("term_months")?,
        allocation: parse_code(
            "fund_loans",
            "allocation",
            &r.text("allocation")?,
            Allocation::parse,
        )?,
        lottery_id: r.opt_id("lottery_id")?,
        state: r.text("state")?,
        closed_on: r.opt_date("closed_on")?,
        write_off_reason: r.opt_text("write_off_reason")?,
        guarantors: Vec::new(),
    })
}

pub(super) async fn schedules(
    conn: &mut AnyConnection,
    loan_id: FundLoanId,
) -> StoreResult<Vec<ScheduleVersion>> {
    let rows = sqlx::query(
        "SELECT version, effective_on, reason, number, due_on, amount_rials \
         FROM fund_instalments WHERE loan_id = $1 ORDER BY version, number",
    )
    .bind(loan_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    let mut versions: Vec<ScheduleVersion> = Vec::new();
    for row in &rows {
        let r = RowReader::new(row, "fund_instalments");
        let version = r.int("version")?;
        if versions.last().is_none_or(|last| last.version != version) {
            versions.push(ScheduleVersion {
                version,
                effective_on: r.date("effective_on")?,
                reason: r.text("reason")?,
                instalments: Vec::new(),
            });
        }
        if let Some(current) = versions.last_mut() {
            current.instalments.push(read_instalment(&r)?);
        }
    }
    Ok(versions)
}

/// An instalment of a `fund_instalments` row (`number`, `due_on`, `amount_rials`).
pub(super) fn read_instalment(r: &RowReader<'_>) -> StoreResult<Instalment> {
    Ok(Instalment {
        number: instalment_number("fund_instalments", r.int("number")?)?,
        due_on: r.date("due_on")?,
        amount: Rials::new(r.int("amount_rials")?),
    })
}

/// One multi-row insert; a version without instalments writes nothing. A version already
/// written is `Unique`.
pub(super) async fn insert_schedule(
    conn: &mut AnyConnection,
    backend: Backend,
    loan_id: FundLoanId,
    version: &ScheduleVersion,
) -> StoreResult<()> {
    if version.instalments.is_empty() {
        return Ok(());
    }
    let mut sql = SqlBuilder::bulk(
        "INSERT INTO fund_instalments (loan_id, version, effective_on, number, due_on, \
         amount_rials, reason) VALUES ",
        backend,
        version.instalments.len() * 3 + 4,
    );
    let loan = sql.bind(loan_id);
    let number = sql.bind(version.version);
    let effective_on = sql.bind(version.effective_on.to_iso_string());
    let reason = sql.bind(version.reason.as_str());
    for (index, instalment) in version.instalments.iter().enumerate() {
        sql.push(if index == 0 { "(" } else { ", (" });
        sql.push_placeholder(loan).push(", ");
        sql.push_placeholder(number).push(", ");
        sql.push_placeholder(effective_on).push(", ");
        sql.push_bound(i64::from(instalment.number)).push(", ");
        sql.push_bound(instalment.due_on.to_iso_string()).push(", ");
        sql.push_bound(instalment.amount.value()).push(", ");
        sql.push_placeholder(reason).push(")");
    }
    sql.build().execute(&mut *conn).await.map_err(store_error)?;
    Ok(())
}

pub(super) async fn close(
    conn: &mut AnyConnection,
    id: FundLoanId,
    state: &str,
    on: JalaliDate,
    reason: Option<&str>,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE fund_loans SET state = $2, closed_on = $3, write_off_reason = $4 \
         WHERE id = $1 AND state = 'active'",
    )
    .bind(id)
    .bind(state)
    .bind(on.to_iso_string())
    .bind(reason)
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(done.rows_affected() == 1)
}

pub(super) async fn insert_lottery(
    conn: &mut AnyConnection,
    lottery: &FundLotteryRow,
) -> StoreResult<FundLotteryId> {
    let ids = |ids: &[i64]| {
        serde_json::to_string(ids).map_err(|error| StoreError::Database(error.to_string()))
    };
    sqlx::query_scalar(
        "INSERT INTO fund_lotteries (cycle_id, group_id, province_id, county_id, drawn_on, \
         seed, candidates, seats, winners, drawn_by, drawn_by_name, drawn_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(lottery.cycle_id)
    .bind(lottery.group_id)
    .bind(lottery.province_id)
    .bind(lottery.county_id)
    .bind(lottery.drawn_on.to_iso_string())
    .bind(lottery.seed.to_string())
    .bind(ids(&lottery.candidates)?)
    .bind(lottery.seats)
    .bind(ids(&lottery.winners)?)
    .bind(lottery.drawn_by)
    .bind(lottery.drawn_by_name.as_str())
    .bind(stored(lottery.drawn_at))
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)
}

pub(super) async fn lotteries_of_cycle(
    conn: &mut AnyConnection,
    cycle_id: FundCycleId,
) -> StoreResult<Vec<FundLotteryRow>> {
    let rows = sqlx::query(
        "SELECT id, cycle_id, group_id, province_id, county_id, drawn_on, seed, candidates, \
         seats, winners, drawn_by, drawn_by_name, drawn_at FROM fund_lotteries \
         WHERE cycle_id = $1 ORDER BY id",
    )
    .bind(cycle_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    rows.iter().map(read_lottery).collect()
}

fn read_lottery(row: &AnyRow) -> StoreResult<FundLotteryRow> {
    let r = RowReader::new(row, "fund_lotteries");
    let seed = r.text("seed")?;
    let ids = |column: &str| -> StoreResult<Vec<i64>> {
        let text = r.text(column)?;
        serde_json::from_str(&text).map_err(|_| {
            corrupt(
                "fund_lotteries",
                format!("{column}: not a list of ids: {text:?}"),
            )
        })
    };
    Ok(FundLotteryRow {
        id: r.id("id")?,
        cycle_id: r.id("cycle_id")?,
        group_id: r.id("group_id")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        drawn_on: r.date("drawn_on")?,
        seed: seed
            .parse()
            .map_err(|_| corrupt("fund_lotteries", format!("seed: not a u64: {seed:?}")))?,
        candidates: ids("candidates")?,
        seats: r.int("seats")?,
        winners: ids("winners")?,
        drawn_by: r.opt_id("drawn_by")?,
        drawn_by_name: r.text("drawn_by_name")?,
        drawn_at: r.timestamp("drawn_at")?,
    })
}
