//! The journal's kept tallies (migration 0035): its lines summed per county, kind and Jalali
//! month (`fund_entry_months`) and per county, kind and day (`fund_entry_days`). The journal
//! is only ever appended to, so the lines' writer adds each statement's lines to both in the
//! same transaction ([`add_lines`]); a database whose journal predates them, or one loaded in
//! bulk, is summed again whole ([`rebuild`]). A place's sums by county for a period
//! ([`county_sums`]) then read whole months, and only the days of a month the period cuts —
//! a quarter of the country is some ninety thousand tally rows instead of seventeen million
//! lines.

use std::collections::BTreeMap;

use hamyar_app::access::PlaceId;
use hamyar_app::ports::fund::{CountyKindSum, NewFundEntry};
use hamyar_app::ports::groups::PlaceFilter;
use hamyar_app::ports::ledger::{FundTallyDifference, KeptBalance};
use hamyar_app::ports::{Backend, StoreResult};
use hamyar_domain::JalaliDate;
use hamyar_domain::fund::EntryKind;
use sqlx::AnyConnection;

use super::{parse_code, push_place};
use crate::error::store_error;
use crate::months::month_case;
use crate::rows::RowReader;
use crate::sql::SqlBuilder;

/// Tally rows per multi-row upsert (6 values each).
const ROWS_PER_UPSERT: usize = 500;

/// (province, county, kind, day or month) → (amount, lines).
type Tally<K> = BTreeMap<(i64, i64, &'static str, K), (i64, i64)>;

/// The key of a Jalali month in `fund_entry_months`: year × 100 + month.
fn month_key(day: JalaliDate) -> i64 {
    i64::from(day.year()) * 100 + i64::from(day.month())
}

/// Adds written lines to their days and months. The rows are upserted in key order, so two
/// transactions adding to the same rows take their locks in the same order.
pub(super) async fn add_lines(
    conn: &mut AnyConnection,
    backend: Backend,
    entries: &[NewFundEntry],
) -> StoreResult<()> {
    let mut days: Tally<String> = Tally::new();
    let mut months: Tally<i64> = Tally::new();
    for entry in entries {
        let (province, county, kind) = (
            entry.province_id.get(),
            entry.county_id.get(),
            entry.kind.code(),
        );
        for (amount, lines) in [
            days.entry((province, county, kind, entry.happened_on.to_iso_string()))
                .or_default(),
            months
                .entry((province, county, kind, month_key(entry.happened_on)))
                .or_default(),
        ] {
            *amount += entry.amount_rials;
            *lines += 1;
        }
    }
    let days: Vec<_> = days.into_iter().collect();
    for chunk in days.chunks(ROWS_PER_UPSERT) {
        let mut sql = SqlBuilder::bulk(
            "INSERT INTO fund_entry_days (province_id, county_id, kind, day, amount_rials, \
             line_count) VALUES ",
            backend,
            chunk.len() * 6,
        );
        for (index, ((province, county, kind, day), (amount, lines))) in chunk.iter().enumerate() {
            sql.push(if index == 0 { "(" } else { ", (" });
            sql.push_bound(*province).push(", ");
            sql.push_bound(*county).push(", ");
            sql.push_bound(*kind).push(", ");
            sql.push_bound(day.clone()).push(", ");
            sql.push_bound(*amount).push(", ");
            sql.push_bound(*lines).push(")");
        }
        sql.push(
            " ON CONFLICT (day, province_id, county_id, kind) DO UPDATE SET \
             amount_rials = fund_entry_days.amount_rials + excluded.amount_rials, \
             line_count = fund_entry_days.line_count + excluded.line_count",
        );
        sql.build().execute(&mut *conn).await.map_err(store_error)?;
    }
    let months: Vec<_> = months.into_iter().collect();
    for chunk in months.chunks(ROWS_PER_UPSERT) {
        let mut sql = SqlBuilder::bulk(
            "INSERT INTO fund_entry_months (province_id, county_id, kind, month, amount_rials, \
             line_count) VALUES ",
            backend,
            chunk.len() * 6,
        );
        for (index, ((province, county, kind, month), (amount, lines))) in chunk.iter().enumerate()
        {
            sql.push(if index == 0 { "(" } else { ", (" });
            sql.push_bound(*province).push(", ");
            sql.push_bound(*county).push(", ");
            sql.push_bound(*kind).push(", ");
            sql.push_bound(*month).push(", ");
            sql.push_bound(*amount).push(", ");
            sql.push_bound(*lines).push(")");
        }
        sql.push(
            " ON CONFLICT (province_id, county_id, kind, month) DO UPDATE SET \
             amount_rials = fund_entry_months.amount_rials + excluded.amount_rials, \
             line_count = fund_entry_months.line_count + excluded.line_count",
        );
        sql.build().execute(&mut *conn).await.map_err(store_error)?;
    }
    Ok(())
}

/// True when the journal has lines the tallies do not hold at all: a database from before
/// migration 0035. (The writer keeps them otherwise, so a journal with lines has days.)
pub(crate) async fn need_rebuild(conn: &mut AnyConnection) -> StoreResult<bool> {
    let (lines, days): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM fund_entries LIMIT 1) l), \
         (SELECT COUNT(*) FROM (SELECT 1 FROM fund_entry_days LIMIT 1) d)",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(lines > 0 && days == 0)
}

/// Sums the whole journal into its days, and the days into their months, again.
pub(crate) async fn rebuild(conn: &mut AnyConnection) -> StoreResult<()> {
    for table in ["fund_entry_months", "fund_entry_days"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
            .execute(&mut *conn)
            .await
            .map_err(store_error)?;
    }
    sqlx::query(
        "INSERT INTO fund_entry_days (province_id, county_id, kind, day, amount_rials, \
         line_count) SELECT province_id, county_id, kind, happened_on, \
         CAST(SUM(amount_rials) AS BIGINT), CAST(COUNT(*) AS BIGINT) FROM fund_entries \
         GROUP BY province_id, county_id, kind, happened_on",
    )
    .execute(&mut *conn)
    .await
    .map_err(store_error)?;
    let mut sql = SqlBuilder::new(
        "INSERT INTO fund_entry_months (province_id, county_id, kind, month, amount_rials, \
         line_count) SELECT province_id, county_id, kind, month, \
         CAST(SUM(amount_rials) AS BIGINT), CAST(SUM(line_count) AS BIGINT) \
         FROM (SELECT d.province_id, d.county_id, d.kind, ",
    );
    if !month_case(conn, &mut sql, "fund_entry_days", "d.day").await? {
        return Ok(());
    }
    sql.push(
        " AS month, d.amount_rials, d.line_count FROM fund_entry_days d) s \
         GROUP BY province_id, county_id, kind, month",
    );
    sql.build().execute(&mut *conn).await.map_err(store_error)?;
    Ok(())
}

/// How a day splits into what the tallies hold up to its end: the months before a key, read
/// whole, and the days of its own month up to it, unless it is its month's last day.
struct Cut {
    /// Months with a key below this one are wholly on or before the day.
    months_below: i64,
    /// The first and last day of the day's month read day by day, when the day cuts it.
    days: Option<(String, String)>,
}

impl Cut {
    fn at(day: JalaliDate) -> Cut {
        let first = day.first_of_month();
        let length = JalaliDate::days_in_month(day.year(), day.month()).unwrap_or(29);
        if day == first.add_days(i64::from(length) - 1) {
            Cut {
                months_below: month_key(day) + 1,
                days: None,
            }
        } else {
            Cut {
                months_below: month_key(day),
                days: Some((first.to_iso_string(), day.to_iso_string())),
            }
        }
    }
}

/// Sums, line counts: up to the end of the day before `from`, and up to the end of `to`.
#[derive(Default)]
struct Cumulative {
    before: (i64, i64),
    upto: (i64, i64),
}

/// The counties' sums by kind for `from..=to`: whole months from `fund_entry_months`, the
/// days of a month a border cuts from `fund_entry_days`, both read by place.
pub(super) async fn county_sums(
    conn: &mut AnyConnection,
    place: PlaceFilter,
    from: JalaliDate,
    to: JalaliDate,
) -> StoreResult<Vec<CountyKindSum>> {
    let (before, upto) = (Cut::at(from.add_days(-1)), Cut::at(to));
    let mut sums: BTreeMap<(i64, String), Cumulative> = BTreeMap::new();

    let mut sql = SqlBuilder::new("SELECT county_id, kind, ");
    let below_before = sql.bind(before.months_below);
    let below_upto = sql.bind(upto.months_below);
    sql.push("CAST(COALESCE(SUM(CASE WHEN month < ")
        .push_placeholder(below_before)
        .push(" THEN amount_rials END), 0) AS BIGINT) AS before_rials, ")
        .push("CAST(COALESCE(SUM(CASE WHEN month < ")
        .push_placeholder(below_before)
        .push(" THEN line_count END), 0) AS BIGINT) AS before_lines, ")
        .push("CAST(COALESCE(SUM(amount_rials), 0) AS BIGINT) AS upto_rials, ")
        .push("CAST(COALESCE(SUM(line_count), 0) AS BIGINT) AS upto_lines ")
        .push("FROM fund_entry_months WHERE month < ")
        .push_placeholder(below_upto);
    push_place(&mut sql, "province_id", "county_id", place);
    sql.push(" GROUP BY county_id, kind");
    read_into(conn, sql, &mut sums).await?;

    // The cut months' days: up to `from`'s eve for `before`, up to `to` for `upto`.
    for (cut, into_before) in [(&before, true), (&upto, false)] {
        let Some((first, last)) = &cut.days else {
            continue;
        };
        let mut sql = SqlBuilder::new(
            "SELECT county_id, kind, CAST(COALESCE(SUM(amount_rials), 0) AS BIGINT) AS rials, \
             CAST(COALESCE(SUM(line_count), 0) AS BIGINT) AS lines FROM fund_entry_days \
             WHERE day >= ",
        );
        sql.push_bound(first.clone())
            .push(" AND day <= ")
            .push_bound(last.clone());
        push_place(&mut sql, "province_id", "county_id", place);
        sql.push(" GROUP BY county_id, kind");
        let rows = sql
            .build()
            .fetch_all(&mut *conn)
            .await
            .map_err(store_error)?;
        for row in &rows {
            let r = RowReader::new(row, "fund_entry_days");
            let sum = sums
                .entry((r.int("county_id")?, r.text("kind")?))
                .or_default();
            let part = if into_before {
                &mut sum.before
            } else {
                &mut sum.upto
            };
            part.0 += r.int("rials")?;
            part.1 += r.int("lines")?;
        }
    }
    sums.into_iter()
        .filter(|(_, sum)| sum.before != (0, 0) || sum.upto != (0, 0))
        .map(|((county, kind), sum)| {
            Ok(CountyKindSum {
                county_id: PlaceId::new(county),
                kind: parse_code("fund_entry_months", "kind", &kind, EntryKind::parse)?,
                before: sum.before.0,
                within: sum.upto.0 - sum.before.0,
                count_within: sum.upto.1 - sum.before.1,
            })
        })
        .collect()
}

async fn read_into(
    conn: &mut AnyConnection,
    sql: SqlBuilder,
    sums: &mut BTreeMap<(i64, String), Cumulative>,
) -> StoreResult<()> {
    let rows = sql
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    for row in &rows {
        let r = RowReader::new(row, "fund_entry_months");
        let sum = sums
            .entry((r.int("county_id")?, r.text("kind")?))
            .or_default();
        sum.before.0 += r.int("before_rials")?;
        sum.before.1 += r.int("before_lines")?;
        sum.upto.0 += r.int("upto_rials")?;
        sum.upto.1 += r.int("upto_lines")?;
    }
    Ok(())
}

/// The journal summed per county, kind and day (`r`, once) against the kept days, both ways:
/// two left joins instead of a full outer join, which SQLite would run quadratically.
const DAY_DIFFERENCES: &str = "WITH r AS MATERIALIZED (SELECT province_id, county_id, kind, \
     happened_on AS day, CAST(SUM(amount_rials) AS BIGINT) AS amount_rials, \
     CAST(COUNT(*) AS BIGINT) AS line_count FROM fund_entries \
     GROUP BY province_id, county_id, kind, happened_on) \
     SELECT r.county_id, r.kind, r.day AS period, \
     COALESCE(k.amount_rials, 0) AS kept_rials, COALESCE(k.line_count, 0) AS kept_lines, \
     r.amount_rials AS lines_rials, r.line_count AS lines FROM r \
     LEFT JOIN fund_entry_days k ON k.day = r.day AND k.province_id = r.province_id \
     AND k.county_id = r.county_id AND k.kind = r.kind \
     WHERE k.day IS NULL OR k.amount_rials <> r.amount_rials OR k.line_count <> r.line_count \
     UNION ALL \
     SELECT k.county_id, k.kind, k.day AS period, k.amount_rials AS kept_rials, \
     k.line_count AS kept_lines, 0 AS lines_rials, 0 AS lines FROM fund_entry_days k \
     LEFT JOIN r ON r.day = k.day AND r.province_id = k.province_id \
     AND r.county_id = k.county_id AND r.kind = k.kind WHERE r.day IS NULL";

/// Every county's day and month of a kind whose kept sum or count differs from its lines
/// (for `hamyar ledger verify`). The months are checked against the days only when the days
/// agree with the lines, so one changed line is reported once, on its day.
pub(crate) async fn differences(conn: &mut AnyConnection) -> StoreResult<Vec<FundTallyDifference>> {
    let rows = sqlx::query(DAY_DIFFERENCES)
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    let days = read_differences(&rows)?;
    if !days.is_empty() {
        return Ok(days);
    }
    let mut sql = SqlBuilder::new(
        "WITH r AS (SELECT province_id, county_id, kind, month, \
         CAST(SUM(amount_rials) AS BIGINT) AS amount_rials, \
         CAST(SUM(line_count) AS BIGINT) AS line_count FROM (SELECT d.province_id, \
         d.county_id, d.kind, ",
    );
    if !month_case(conn, &mut sql, "fund_entry_days", "d.day").await? {
        // No days: any kept month is a difference.
        let rows = sqlx::query(
            "SELECT county_id, kind, CAST(month AS TEXT) AS period, amount_rials AS kept_rials, \
             line_count AS kept_lines, 0 AS lines_rials, 0 AS lines FROM fund_entry_months",
        )
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
        return read_differences(&rows);
    }
    sql.push(
        " AS month, d.amount_rials, d.line_count FROM fund_entry_days d) s \
         GROUP BY province_id, county_id, kind, month) \
         SELECT r.county_id, r.kind, CAST(r.month AS TEXT) AS period, \
         COALESCE(k.amount_rials, 0) AS kept_rials, COALESCE(k.line_count, 0) AS kept_lines, \
         r.amount_rials AS lines_rials, r.line_count AS lines FROM r \
         LEFT JOIN fund_entry_months k ON k.province_id = r.province_id \
         AND k.county_id = r.county_id AND k.kind = r.kind AND k.month = r.month \
         WHERE k.month IS NULL OR k.amount_rials <> r.amount_rials \
         OR k.line_count <> r.line_count \
         UNION ALL \
         SELECT k.county_id, k.kind, CAST(k.month AS TEXT) AS period, \
         k.amount_rials AS kept_rials, k.line_count AS kept_lines, 0 AS lines_rials, \
         0 AS lines FROM fund_entry_months k LEFT JOIN r ON r.province_id = k.province_id \
         AND r.county_id = k.county_id AND r.kind = k.kind AND r.month = k.month \
         WHERE r.month IS NULL",
    );
    let rows = sql
        .build()
        .fetch_all(&mut *conn)
        .await
        .map_err(store_error)?;
    read_differences(&rows)
}

fn read_differences(rows: &[sqlx::any::AnyRow]) -> StoreResult<Vec<FundTallyDifference>> {
    let mut out: Vec<FundTallyDifference> = rows
        .iter()
        .map(|row| {
            let r = RowReader::new(row, "fund_entry_days");
            Ok(FundTallyDifference {
                county_id: r.int("county_id")?,
                kind: r.text("kind")?,
                period: r.text("period")?,
                kept: KeptBalance {
                    balance_rials: r.int("kept_rials")?,
                    posting_count: r.int("kept_lines")?,
                },
                recomputed: KeptBalance {
                    balance_rials: r.int("lines_rials")?,
                    posting_count: r.int("lines")?,
                },
            })
        })
        .collect::<StoreResult<_>>()?;
    out.sort_by(|a, b| (a.county_id, &a.kind, &a.period).cmp(&(b.county_id, &b.kind, &b.period)));
    Ok(out)
}
