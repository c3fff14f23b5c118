//! The set-wise reads the savings-group metrics are computed from, for a group, a county, a
//! province or the country: the groups with a fund, the journal's sums by group and kind
//! before and within a period (one `GROUP BY` over the lines up to its end, read from
//! the index `fund_entries_sums` alone), the members' spans, and the loans still owed on a day with the
//! schedule then in force (one statement, however many loans, shaped per engine so that
//! neither planner scans the settled loans once per loan). Sums are cast to BIGINT,
//! since PostgreSQL sums BIGINTs as NUMERIC.

use std::collections::BTreeMap;

use hamyar_app::ports::fund::{FundGroup, FundLoanAtDay, FundMemberSpan, GroupKindSum};
use hamyar_app::ports::groups::{GroupId, PlaceFilter};
use hamyar_app::ports::{Backend, StoreResult};
use hamyar_domain::JalaliDate;
use hamyar_domain::fund::EntryKind;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use super::loans::read_instalment;
use super::{parse_code, push_place};
use crate::error::store_error;
use crate::rows::RowReader;
use crate::sql::SqlBuilder;

pub(super) async fn groups(
    conn: &mut AnyConnection,
    place: PlaceFilter,
) -> StoreResult<Vec<FundGroup>> {
    let mut sql = SqlBuilder::new(
        "SELECT g.id, g.name, g.province_id, g.county_id FROM hamyar_groups g \
         WHERE EXISTS (SELECT 1 FROM fund_cycles c WHERE c.group_id = g.id)",
    );
    push_place(&mut sql, "g.province_id", "g.county_id", place);
    sql.push(" ORDER BY g.id");
    let rows = sql
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter()
        .map(|row| {
            let r = RowReader::new(row, "hamyar_groups");
            Ok(FundGroup {
                group_id: r.id("id")?,
                name: r.text("name")?,
                province_id: r.id("province_id")?,
                county_id: r.id("county_id")?,
            })
        })
        .collect()
}

/// The same sums as `hamyar_domain::fund::metrics::fold_sums` over each group's lines. The
/// statement groups by place as well, so that it reads `fund_entries_sums` alone and in its
/// order (no sort, nothing held but the current group) at every scope; a group whose lines
/// carry two places (it moved county) comes back in two parts, added up here.
pub(super) async fn kind_sums(
    conn: &mut AnyConnection,
    place: PlaceFilter,
    from: JalaliDate,
    to: JalaliDate,
) -> StoreResult<Vec<GroupKindSum>> {
    let mut sql = SqlBuilder::new("SELECT group_id, kind, ");
    let from = sql.bind(from.to_iso_string());
    sql.push("CAST(COALESCE(SUM(CASE WHEN happened_on < ")
        .push_placeholder(from)
        .push(" THEN amount_rials ELSE 0 END), 0) AS BIGINT) AS before_rials, ");
    sql.push("CAST(COALESCE(SUM(CASE WHEN happened_on >= ")
        .push_placeholder(from)
        .push(" THEN amount_rials ELSE 0 END), 0) AS BIGINT) AS within_rials, ");
    sql.push("CAST(COUNT(CASE WHEN happened_on >= ")
        .push_placeholder(from)
        .push(" THEN 1 END) AS BIGINT) AS count_within FROM fund_entries");
    sql.push(" WHERE happened_on <= ")
        .push_bound(to.to_iso_string());
    push_place(&mut sql, "province_id", "county_id", place);
    sql.push(
        " GROUP BY province_id, county_id, group_id, kind \
         ORDER BY province_id, county_id, group_id, kind",
    );
    let rows = sql
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    let mut sums: BTreeMap<(GroupId, EntryKind), GroupKindSum> = BTreeMap::new();
    for row in &rows {
        let r = RowReader::new(row, "fund_entries");
        let group_id = r.id("group_id")?;
        let kind = parse_code("fund_entries", "kind", &r.text("kind")?, EntryKind::parse)?;
        let sum = sums.entry((group_id, kind)).or_insert(GroupKindSum {
            group_id,
            kind,
            before: 0,
            within: 0,
            count_within: 0,
        });
        sum.before += r.int("before_rials")?;
        sum.within += r.int("within_rials")?;
        sum.count_within += r.int("count_within")?;
    }
    Ok(sums.into_values().collect())
}

/// Scoped by the group's place, not the woman's: she may live in another county.
pub(super) async fn member_spans(
    conn: &mut AnyConnection,
    place: PlaceFilter,
    to: JalaliDate,
) -> StoreResult<Vec<FundMemberSpan>> {
    let mut sql = SqlBuilder::new(
        "SELECT m.group_id, m.woman_id, m.joined_on, m.left_on FROM group_members m \
         JOIN hamyar_groups g ON g.id = m.group_id WHERE m.joined_on <= ",
    );
    sql.push_bound(to.to_iso_string());
    sql.push(" AND EXISTS (SELECT 1 FROM fund_cycles c WHERE c.group_id = m.group_id)");
    push_place(&mut sql, "g.province_id", "g.county_id", place);
    sql.push(" ORDER BY m.group_id, m.joined_on, m.id");
    let rows = sql
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    rows.iter()
        .map(|row| {
            let r = RowReader::new(row, "group_members");
            Ok(FundMemberSpan {
                group_id: r.id("group_id")?,
                woman_id: r.id("woman_id")?,
                joined_on: r.date("joined_on")?,
                left_on: r.opt_date("left_on")?,
            })
        })
        .collect()
}

/// One statement: what was repaid or written off by `day` per loan (the place's journal
/// lines of those kinds up to the day), the loans given by then that it leaves owing, the
/// schedule version in force for each (the latest in force by the day, else the first),
/// and that version's instalments — one row per instalment, a loan without any once.
pub(super) async fn loans_at(
    conn: &mut AnyConnection,
    backend: Backend,
    place: PlaceFilter,
    day: JalaliDate,
) -> StoreResult<Vec<FundLoanAtDay>> {
    let sql = match backend {
        Backend::Sqlite => loans_at_sqlite(place, day),
        Backend::Postgres => loans_at_postgres(place, day),
    };
    let rows = sql
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    read_loans_at(&rows)
}

/// SQLite's planner, given the grouped `settled` beside the loans, may scan the whole of it
/// for every loan (seconds at a few thousand loans, hours at the country's); so here each
/// loan's repayments and write-offs up to the day, and the schedule version in force, are
/// looked up by the loan's id (read from `fund_entries_loan_sums` alone, migration 0034).
fn loans_at_sqlite(place: PlaceFilter, day: JalaliDate) -> SqlBuilder {
    let mut sql = SqlBuilder::new(
        "WITH given AS (SELECT l.id, l.group_id, l.woman_id, \
         l.principal_rials + l.fee_rials AS owed, \
         COALESCE((SELECT SUM(e.amount_rials) FROM fund_entries e WHERE e.loan_id = l.id \
         AND e.kind IN ('repayment', 'write_off') AND e.happened_on <= ",
    );
    let day = sql.bind(day.to_iso_string());
    sql.push_placeholder(day);
    push_place(&mut sql, "e.province_id", "e.county_id", place);
    sql.push(
        "), 0) AS paid, \
         COALESCE((SELECT MAX(v.version) FROM fund_instalments v WHERE v.loan_id = l.id \
         AND v.effective_on <= ",
    );
    sql.push_placeholder(day);
    sql.push("), 1) AS version FROM fund_loans l WHERE l.disbursed_on <= ");
    sql.push_placeholder(day);
    push_place(&mut sql, "l.province_id", "l.county_id", place);
    sql.push(
        "), owing AS (SELECT * FROM given WHERE paid < owed) \
         SELECT o.id, o.group_id, o.woman_id, CAST(o.owed AS BIGINT) AS owed, \
         CAST(o.paid AS BIGINT) AS paid, i.number, i.due_on, i.amount_rials \
         FROM owing o LEFT JOIN fund_instalments i ON i.loan_id = o.id \
         AND i.version = o.version ORDER BY o.id, i.number",
    );
    sql
}

/// PostgreSQL hashes the grouped `settled` and the versions in force against the loans.
fn loans_at_postgres(place: PlaceFilter, day: JalaliDate) -> SqlBuilder {
    let mut sql = SqlBuilder::new(
        "WITH settled AS (SELECT e.loan_id, SUM(e.amount_rials) AS paid FROM fund_entries e \
         WHERE e.loan_id IS NOT NULL AND e.kind IN ('repayment', 'write_off') \
         AND e.happened_on <= ",
    );
    let day = sql.bind(day.to_iso_string());
    sql.push_placeholder(day);
    push_place(&mut sql, "e.province_id", "e.county_id", place);
    sql.push(
        " GROUP BY e.loan_id), \
         owing AS (SELECT l.id, l.group_id, l.woman_id, \
         l.principal_rials + l.fee_rials AS owed, COALESCE(s.paid, 0) AS paid \
         FROM fund_loans l LEFT JOIN settled s ON s.loan_id = l.id \
         WHERE l.disbursed_on <= ",
    );
    sql.push_placeholder(day);
    push_place(&mut sql, "l.province_id", "l.county_id", place);
    sql.push(
        " AND COALESCE(s.paid, 0) < l.principal_rials + l.fee_rials), \
         in_force AS (SELECT v.loan_id, \
         COALESCE(MAX(CASE WHEN v.effective_on <= ",
    );
    sql.push_placeholder(day);
    sql.push(
        " THEN v.version END), 1) AS version \
         FROM fund_instalments v JOIN owing o ON o.id = v.loan_id GROUP BY v.loan_id) \
         SELECT o.id, o.group_id, o.woman_id, CAST(o.owed AS BIGINT) AS owed, \
         CAST(o.paid AS BIGINT) AS paid, i.number, i.due_on, i.amount_rials \
         FROM owing o LEFT JOIN in_force f ON f.loan_id = o.id \
         LEFT JOIN fund_instalments i ON i.loan_id = o.id AND i.version = f.version \
         ORDER BY o.id, i.number",
    );
    sql
}

fn read_loans_at(rows: &[AnyRow]) -> StoreResult<Vec<FundLoanAtDay>> {
    let mut loans: BTreeMap<i64, FundLoanAtDay> = BTreeMap::new();
    for row in rows {
        let r = RowReader::new(row, "fund_loans");
        let id: i64 = r.int("id")?;
        let loan = match loans.entry(id) {
            std::collections::btree_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::btree_map::Entry::Vacant(entry) => entry.insert(FundLoanAtDay {
                loan_id: r.id("id")?,
                group_id: r.id("group_id")?,
                woman_id: r.id("woman_id")?,
                owed: r.int("owed")?,
                settled: r.int("paid")?,
                instalments: Vec::new(),
            }),
        };
        if r.opt_int("number")?.is_some() {
            let r = RowReader::new(row, "fund_instalments");
            loan.instalments.push(read_instalment(&r)?);
        }
    }
    Ok(loans.into_values().collect())
}
