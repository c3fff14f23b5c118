//! A place's fund figures by county, counted in SQL so that a province's or the country's
//! report moves a few rows per county instead of every member's span and every loan's
//! schedule: the groups with a fund and their members' counts for a period, and the loans
//! still owed at a day — what is owed on those more than 30 days late and how many women
//! owe. They count exactly what `hamyar_domain::fund::metrics::{MemberCounts, LoanCounts}`
//! count group by group (the contract suite checks it on both engines over random books).
//!
//! Each read is shaped per engine, as the national benchmark found best: SQLite looks each
//! group's members and each loan's figures up by key, which its planner never turns into a
//! scan per row; PostgreSQL joins and hashes whole sets, where a lookup per row costs it
//! more. On PostgreSQL the transaction also turns JIT compilation off (`SET LOCAL`): these
//! statements look costly to its planner and it would spend half a second compiling them.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::fund::{CountyLoans, CountyMembers};
use hamyar_app::ports::groups::PlaceFilter;
use hamyar_app::ports::{Backend, StoreResult};
use hamyar_domain::JalaliDate;
use hamyar_domain::fund::loan::AT_RISK_AFTER_DAYS;
use hamyar_domain::fund::metrics::{LoanCounts, MemberCounts};
use sqlx::AnyConnection;

use super::push_place;
use crate::error::store_error;
use crate::rows::RowReader;
use crate::sql::{Placeholder, SqlBuilder};

async fn without_jit(conn: &mut AnyConnection, backend: Backend) -> StoreResult<()> {
    if backend == Backend::Postgres {
        sqlx::query("SET LOCAL jit = off")
            .execute(&mut *conn)
            .await
            .map_err(store_error)?;
    }
    Ok(())
}

/// `member_on(joined_by) && !left_by(not_left_by)` of membership `m`: joined by the end of
/// the first day and not left by the end of the second.
fn push_member(sql: &mut SqlBuilder, joined_by: Placeholder, not_left_by: Placeholder) {
    sql.push("m.joined_on <= ")
        .push_placeholder(joined_by)
        .push(" AND (m.left_on IS NULL OR m.left_on > ")
        .push_placeholder(not_left_by)
        .push(")");
}

/// Each county's groups with a fund (by the group's place), and their members at the end of
/// the day before `from`, at the end of `to`, and at both (`MemberSpan::member_on`: joined by
/// the day's end and not left by it; at both is joined by the first and not left by the
/// second). SQLite counts group by group from the memberships' covering index
/// `group_members_group_open`; PostgreSQL joins the groups to their members and sums.
pub(super) async fn members(
    conn: &mut AnyConnection,
    backend: Backend,
    place: PlaceFilter,
    from: JalaliDate,
    to: JalaliDate,
) -> StoreResult<Vec<CountyMembers>> {
    without_jit(conn, backend).await?;
    let mut sql = SqlBuilder::new("SELECT ");
    let start = sql.bind(from.add_days(-1).to_iso_string());
    let end = sql.bind(to.to_iso_string());
    let counts = [
        (start, start, "at_start"),
        (end, end, "at_end"),
        (start, end, "stayed"),
    ];
    match backend {
        Backend::Sqlite => {
            sql.push(
                "county_id, CAST(COUNT(*) AS BIGINT) AS fund_groups, \
                 CAST(COALESCE(SUM(at_start), 0) AS BIGINT) AS at_start, \
                 CAST(COALESCE(SUM(at_end), 0) AS BIGINT) AS at_end, \
                 CAST(COALESCE(SUM(stayed), 0) AS BIGINT) AS stayed FROM (SELECT g.county_id",
            );
            for (joined_by, not_left_by, name) in counts {
                sql.push(", (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id AND ");
                push_member(&mut sql, joined_by, not_left_by);
                sql.push(") AS ").push(name);
            }
        }
        Backend::Postgres => {
            sql.push("g.county_id, CAST(COUNT(DISTINCT g.id) AS BIGINT) AS fund_groups");
            for (joined_by, not_left_by, name) in counts {
                sql.push(", CAST(COALESCE(SUM(CASE WHEN ");
                push_member(&mut sql, joined_by, not_left_by);
                sql.push(" THEN 1 ELSE 0 END), 0) AS BIGINT) AS ")
                    .push(name);
            }
        }
    }
    sql.push(" FROM hamyar_groups g");
    if backend == Backend::Postgres {
        sql.push(" LEFT JOIN group_members m ON m.group_id = g.id");
    }
    sql.push(" WHERE EXISTS (SELECT 1 FROM fund_cycles c WHERE c.group_id = g.id)");
    push_place(&mut sql, "g.province_id", "g.county_id", place);
    sql.push(match backend {
        Backend::Sqlite => ") counted GROUP BY county_id ORDER BY county_id",
        Backend::Postgres => " GROUP BY g.county_id ORDER BY g.county_id",
    });
    let rows = sql
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter()
        .map(|row| {
            let r = RowReader::new(row, "group_members");
            Ok(CountyMembers {
                county_id: r.id("county_id")?,
                groups: r.int("fund_groups")?,
                members: MemberCounts {
                    start: r.int("at_start")?,
                    end: r.int("at_end")?,
                    stayed: r.int("stayed")?,
                },
            })
        })
        .collect()
}

/// Each county's loans given by `day` and not settled by it (by the loan's place): what was
/// repaid or written off up to the day, the schedule version in force (the first, unless
/// `fund_instalments_rescheduled` names a later one in force by the day, migration 0036),
/// and what that version had fallen due 31 or more days before the day. A loan closed on or
/// before the day is settled by it and is skipped unread.
///
/// "More than 30 days late" is `days_late` > 30: the first instalment her payments do not
/// cover fell due more than 30 days before the day. Since a schedule's days never go back,
/// that is the same as: the instalments due on or before the day less 31 days add up to
/// more than she paid.
pub(super) async fn loans(
    conn: &mut AnyConnection,
    backend: Backend,
    place: PlaceFilter,
    day: JalaliDate,
) -> StoreResult<Vec<CountyLoans>> {
    without_jit(conn, backend).await?;
    let mut sql = SqlBuilder::new("WITH ");
    let on = sql.bind(day.to_iso_string());
    let due_by = sql.bind(day.add_days(-(AT_RISK_AFTER_DAYS + 1)).to_iso_string());
    match backend {
        Backend::Sqlite => loans_by_key(&mut sql, place, on, due_by),
        Backend::Postgres => loans_by_set(&mut sql, place, on, due_by),
    }
    sql.push(
        ", borrowers AS (SELECT county_id, group_id, woman_id, \
         SUM(CASE WHEN due > paid THEN owed - paid ELSE 0 END) AS at_risk \
         FROM owing GROUP BY county_id, group_id, woman_id) \
         SELECT county_id, CAST(SUM(at_risk) AS BIGINT) AS at_risk, \
         CAST(COUNT(*) AS BIGINT) AS borrowers FROM borrowers \
         GROUP BY county_id ORDER BY county_id",
    );
    let rows = sql
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter()
        .map(|row| {
            let r = RowReader::new(row, "fund_loans");
            Ok(CountyLoans {
                county_id: r.id::<PlaceId>("county_id")?,
                loans: LoanCounts {
                    at_risk: r.int("at_risk")?,
                    borrowers: r.int("borrowers")?,
                },
            })
        })
        .collect()
}

/// The loans given by the day and not closed by it, with what they owe and the schedule
/// version in force: `given (id, county_id, group_id, woman_id, owed, version)`. The later
/// versions in force by the day are looked up by the loan on SQLite, and on PostgreSQL
/// grouped in one pass over the small index of later versions and joined.
fn push_given(sql: &mut SqlBuilder, backend: Backend, place: PlaceFilter, on: Placeholder) {
    sql.push(
        "given AS MATERIALIZED (SELECT l.id, l.county_id, l.group_id, l.woman_id, \
         l.principal_rials + l.fee_rials AS owed, ",
    );
    let later = "FROM fund_instalments v WHERE v.version > 1 AND v.effective_on <= ";
    match backend {
        Backend::Sqlite => {
            sql.push("COALESCE((SELECT MAX(v.version) ")
                .push(later)
                .push_placeholder(on)
                .push(" AND v.loan_id = l.id), 1) AS version FROM fund_loans l");
        }
        Backend::Postgres => {
            sql.push("COALESCE(r.version, 1) AS version FROM fund_loans l LEFT JOIN ")
                .push("(SELECT v.loan_id, MAX(v.version) AS version ")
                .push(later)
                .push_placeholder(on)
                .push(" GROUP BY v.loan_id) r ON r.loan_id = l.id");
        }
    }
    sql.push(" WHERE l.disbursed_on <= ")
        .push_placeholder(on)
        .push(" AND (l.closed_on IS NULL OR l.closed_on > ")
        .push_placeholder(on)
        .push(")");
    push_place(sql, "l.province_id", "l.county_id", place);
    sql.push(")");
}

/// SQLite: each given loan's payments up to the day (`fund_entries_loan_sums`, migration
/// 0034) and instalments due are looked up by its id, once each (`given` is materialized).
fn loans_by_key(sql: &mut SqlBuilder, place: PlaceFilter, on: Placeholder, due_by: Placeholder) {
    push_given(sql, Backend::Sqlite, place, on);
    sql.push(
        ", paid AS MATERIALIZED (SELECT o.*, COALESCE((SELECT SUM(e.amount_rials) \
         FROM fund_entries e WHERE e.loan_id = o.id AND e.kind IN ('repayment', 'write_off') \
         AND e.happened_on <= ",
    )
    .push_placeholder(on)
    .push(
        "), 0) AS paid FROM given o), owing AS (SELECT p.*, COALESCE((SELECT SUM(i.amount_rials) \
         FROM fund_instalments i WHERE i.loan_id = p.id AND i.version = p.version \
         AND i.due_on <= ",
    )
    .push_placeholder(due_by)
    .push("), 0) AS due FROM paid p WHERE p.paid < p.owed)");
}

/// PostgreSQL: the given loans' payments up to the day summed in one pass and joined back;
/// the instalments due are looked up loan by loan, as on SQLite: hashed, its planner chose
/// to read the whole country's instalments for a province's few thousand loans.
fn loans_by_set(sql: &mut SqlBuilder, place: PlaceFilter, on: Placeholder, due_by: Placeholder) {
    push_given(sql, Backend::Postgres, place, on);
    sql.push(
        ", paid AS (SELECT e.loan_id, SUM(e.amount_rials) AS paid FROM fund_entries e \
         JOIN given o ON o.id = e.loan_id WHERE e.kind IN ('repayment', 'write_off') \
         AND e.happened_on <= ",
    )
    .push_placeholder(on)
    .push(
        " GROUP BY e.loan_id), \
         unpaid AS MATERIALIZED (SELECT o.*, COALESCE(p.paid, 0) AS paid FROM given o \
         LEFT JOIN paid p ON p.loan_id = o.id WHERE COALESCE(p.paid, 0) < o.owed), \
         owing AS (SELECT u.*, COALESCE((SELECT SUM(i.amount_rials) FROM fund_instalments i \
         WHERE i.loan_id = u.id AND i.version = u.version AND i.due_on <= ",
    )
    .push_placeholder(due_by)
    .push("), 0) AS due FROM unpaid u)");
}
