//! Reading the kept tallies (`tallies`) over a span of days: the span is cut at Jalali month
//! boundaries into the whole months inside it, read from `dashboard_tallies`, and the days at
//! either edge, read from `dashboard_events`. One grouped query sums both parts per area and
//! code, so a dashboard reads a few thousand monthly rows and a month's worth of events at
//! most, whatever the size of the country.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::dashboard::DashboardFilter;
use hamyar_app::ports::{StoreError, StoreResult};
use hamyar_domain::JalaliDate;
use sqlx::any::AnyRow;

use super::{Columns, push_place_on};
use crate::rows::RowReader;
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

/// The place columns of the tallies and the events.
pub(super) const TALLY: Columns = Columns {
    province: "province_id",
    county: "county_id",
};

/// A span of days cut at month boundaries: whole months `first..=last` (`year * 100 +
/// month`) and ISO day ranges `[from, until)` around them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct MonthCut {
    pub months: Option<(i64, i64)>,
    pub days: Vec<(String, String)>,
}

fn date(day: &str) -> StoreResult<JalaliDate> {
    JalaliDate::from_iso_str(day).map_err(|e| StoreError::Database(format!("dashboard day: {e}")))
}

fn key(day: JalaliDate) -> i64 {
    i64::from(day.year()) * 100 + i64::from(day.month())
}

/// The first day of the month after `day`'s.
fn next_month(day: JalaliDate) -> JalaliDate {
    let first = day.first_of_month();
    first.add_days(i64::from(
        JalaliDate::days_in_month(first.year(), first.month()).unwrap_or(29),
    ))
}

/// The days `[from, until)`.
pub(super) fn between(from: &str, until: &str) -> StoreResult<MonthCut> {
    let (start, end) = (date(from)?, date(until)?);
    if start >= end {
        return Ok(MonthCut::default());
    }
    let whole_from = if start.day() == 1 {
        start
    } else {
        next_month(start)
    };
    let whole_until = end.first_of_month();
    if whole_from >= whole_until {
        return Ok(MonthCut {
            months: None,
            days: vec![(from.to_owned(), until.to_owned())],
        });
    }
    let mut days = Vec::new();
    if start < whole_from {
        days.push((from.to_owned(), whole_from.to_iso_string()));
    }
    if whole_until < end {
        days.push((whole_until.to_iso_string(), until.to_owned()));
    }
    Ok(MonthCut {
        months: Some((key(whole_from), key(whole_until.add_days(-1)))),
        days,
    })
}

/// Every day before `until`.
pub(super) fn before(until: &str) -> StoreResult<MonthCut> {
    let end = date(until)?;
    let month_start = end.first_of_month();
    let days = if month_start < end {
        vec![(month_start.to_iso_string(), until.to_owned())]
    } else {
        Vec::new()
    };
    Ok(MonthCut {
        months: Some((i64::MIN, key(month_start.add_days(-1)))),
        days,
    })
}

/// A sum of one measure per area and code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Sum {
    pub area_id: PlaceId,
    pub code: String,
    pub n: i64,
    pub a: i64,
    pub b: i64,
}

/// Sums `measure` over `cut` per area and code, for the dashboard's places. With
/// `by_month`, also per month (`month`; the days at the edges give their own month).
async fn query(
    tx: &mut AnyTx,
    measure: &'static str,
    filter: DashboardFilter,
    cut: &MonthCut,
    by_month: bool,
) -> StoreResult<Vec<AnyRow>> {
    let area = TALLY.area(filter.level);
    let mut sql = SqlBuilder::new("SELECT area_id, code, ");
    sql.push(if by_month {
        "month, day, "
    } else {
        "0 AS month, '' AS day, "
    });
    sql.push(
        "CAST(SUM(n) AS BIGINT) AS n, CAST(SUM(a) AS BIGINT) AS a, \
         CAST(SUM(b) AS BIGINT) AS b FROM (",
    );
    let measure = sql.bind(measure);
    let mut parts = 0;
    if let Some((first, last)) = cut.months {
        sql.push("SELECT ").push(area).push(
            " AS area_id, code, month, '' AS day, n, a, b FROM dashboard_tallies WHERE measure = ",
        );
        sql.push_placeholder(measure);
        if first > i64::MIN {
            sql.push(" AND month >= ").push_bound(first);
        }
        sql.push(" AND month <= ").push_bound(last);
        push_place_on(&mut sql, filter, TALLY);
        parts += 1;
    }
    for (from, until) in &cut.days {
        if parts > 0 {
            sql.push(" UNION ALL ");
        }
        sql.push("SELECT ")
            .push(area)
            .push(" AS area_id, code, 0 AS month, ");
        sql.push(if by_month { "day" } else { "'' AS day" });
        sql.push(", n, a, b FROM dashboard_events WHERE measure = ");
        sql.push_placeholder(measure);
        sql.push(" AND day >= ").push_bound(from.as_str());
        sql.push(" AND day < ").push_bound(until.as_str());
        push_place_on(&mut sql, filter, TALLY);
        parts += 1;
    }
    if parts == 0 {
        return Ok(Vec::new());
    }
    sql.push(") s GROUP BY area_id, code");
    if by_month {
        sql.push(", month, day");
    }
    sql.build()
        .fetch_all(&mut *tx.tx)
        .await
        .map_err(crate::error::store_error)
}

fn read(row: &AnyRow) -> StoreResult<Sum> {
    let reader = RowReader::new(row, "dashboard_tallies");
    Ok(Sum {
        area_id: reader.id("area_id")?,
        code: reader.text("code")?,
        n: reader.int("n")?,
        a: reader.int("a")?,
        b: reader.int("b")?,
    })
}

/// Sums `measure` over `cut` per area and code.
pub(super) async fn sums(
    tx: &mut AnyTx,
    measure: &'static str,
    filter: DashboardFilter,
    cut: &MonthCut,
) -> StoreResult<Vec<Sum>> {
    let rows = query(tx, measure, filter, cut, false).await?;
    rows.iter().map(read).collect()
}

/// Sums `measure` over `cut` per area, code and Jalali month (`year * 100 + month`).
pub(super) async fn monthly_sums(
    tx: &mut AnyTx,
    measure: &'static str,
    filter: DashboardFilter,
    cut: &MonthCut,
) -> StoreResult<Vec<(i64, Sum)>> {
    let rows = query(tx, measure, filter, cut, true).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let reader = RowReader::new(row, "dashboard_tallies");
        let month = match reader.int("month")? {
            0 => key(date(&reader.text("day")?)?),
            month => month,
        };
        out.push((month, read(row)?));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(year: i32, month: u8, day: u8) -> String {
        JalaliDate::new(year, month, day).unwrap().to_iso_string()
    }

    #[test]
    fn a_span_is_cut_into_whole_months_and_edge_days() {
        let cut = between(&iso(1405, 1, 1), &iso(1405, 9, 9)).unwrap();
        assert_eq!(cut.months, Some((140501, 140508)));
        assert_eq!(cut.days, vec![(iso(1405, 9, 1), iso(1405, 9, 9))]);

        let cut = between(&iso(1405, 4, 15), &iso(1405, 7, 1)).unwrap();
        assert_eq!(cut.months, Some((140505, 140506)));
        assert_eq!(cut.days, vec![(iso(1405, 4, 15), iso(1405, 5, 1))]);

        let cut = between(&iso(1405, 4, 15), &iso(1405, 4, 20)).unwrap();
        assert_eq!(cut.months, None);
        assert_eq!(cut.days, vec![(iso(1405, 4, 15), iso(1405, 4, 20))]);

        let cut = between(&iso(1405, 12, 1), &iso(1406, 1, 1)).unwrap();
        assert_eq!(cut.months, Some((140512, 140512)));
        assert!(cut.days.is_empty());

        assert_eq!(
            between(&iso(1405, 2, 1), &iso(1405, 2, 1)).unwrap(),
            MonthCut::default()
        );
    }

    #[test]
    fn everything_before_a_day_is_the_months_before_and_the_days_of_its_month() {
        let cut = before(&iso(1405, 9, 9)).unwrap();
        assert_eq!(cut.months, Some((i64::MIN, 140508)));
        assert_eq!(cut.days, vec![(iso(1405, 9, 1), iso(1405, 9, 9))]);
        let cut = before(&iso(1405, 7, 1)).unwrap();
        assert_eq!(cut.months, Some((i64::MIN, 140506)));
        assert!(cut.days.is_empty());
    }
}
