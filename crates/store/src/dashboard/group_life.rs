//! The groups' life on a dashboard: visits recorded in a range, the visiting duty (one visit
//! owed per window of the cycle by every group under follow-up in it, and whether one came
//! while it was followed), and the business months the groups recorded. All read from the
//! kept tallies and events (`tallies`), never from the visits or business rows themselves.

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::dashboard::{
    AreaBusiness, AreaCount, AreaVisitDuty, DashboardFilter, VisitWindow,
};

use hamyar_app::ports::StoreError;
use hamyar_domain::JalaliDate;

use super::tallies::events;
use super::{push_place_on, read_count, span};
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;
use hamyar_app::access::PlaceId;

pub(super) async fn done(
    tx: &mut AnyTx,
    filter: DashboardFilter,
    from: &str,
    until: &str,
) -> StoreResult<Vec<AreaCount>> {
    let cut = span::between(from, until)?;
    let mut out: Vec<AreaCount> = Vec::new();
    for sum in span::sums(tx, events::VISIT, filter, &cut).await? {
        add_to(&mut out, sum.area_id, sum.n);
    }
    out.retain(|count| count.count != 0);
    Ok(out)
}

fn add_to(counts: &mut Vec<AreaCount>, area_id: PlaceId, n: i64) {
    match counts.iter_mut().find(|count| count.area_id == area_id) {
        Some(found) => found.count += n,
        None => counts.push(AreaCount { area_id, count: n }),
    }
}

/// Groups registered before `until`, less those ended before `from`: the groups under
/// follow-up at some time in `[from, until)` (a group ends after it is registered).
async fn followed(
    tx: &mut AnyTx,
    filter: DashboardFilter,
    from: &str,
    until: &str,
) -> StoreResult<Vec<AreaCount>> {
    let mut out: Vec<AreaCount> = Vec::new();
    for sum in span::sums(tx, events::REGISTERED, filter, &span::before(until)?).await? {
        add_to(&mut out, sum.area_id, sum.n);
    }
    for sum in span::sums(tx, events::ENDED, filter, &span::before(from)?).await? {
        add_to(&mut out, sum.area_id, -sum.n);
    }
    Ok(out)
}

/// Groups with at least one visit in `[from, until)` while they were under follow-up.
async fn visited(
    tx: &mut AnyTx,
    filter: DashboardFilter,
    from: &str,
    until: &str,
) -> StoreResult<Vec<AreaCount>> {
    let mut sql = SqlBuilder::new("SELECT ");
    sql.push(span::TALLY.area(filter.level))
        .push(" AS area_id, COUNT(DISTINCT owner_id) AS n FROM dashboard_events WHERE measure = ")
        .push_bound(events::VISIT)
        .push(" AND day >= ")
        .push_bound(from)
        .push(" AND day < ")
        .push_bound(until)
        .push(" AND code = ")
        .push_bound(events::FOLLOWED);
    push_place_on(&mut sql, filter, span::TALLY);
    sql.push(" GROUP BY ").push(span::TALLY.area(filter.level));
    tx.dashboard_rows(sql, read_count).await
}

pub(super) async fn duty(
    tx: &mut AnyTx,
    filter: DashboardFilter,
    windows: &[VisitWindow],
) -> StoreResult<Vec<AreaVisitDuty>> {
    let mut out: Vec<AreaVisitDuty> = Vec::new();
    for window in windows {
        let owed = followed(tx, filter, &window.from, &window.until).await?;
        let kept = visited(tx, filter, &window.from, &window.until).await?;
        for (counts, is_owed) in [(owed, true), (kept, false)] {
            for count in counts {
                let row = match out.iter_mut().position(|row| row.area_id == count.area_id) {
                    Some(index) => &mut out[index],
                    None => {
                        out.push(AreaVisitDuty {
                            area_id: count.area_id,
                            owed: 0,
                            kept: 0,
                        });
                        out.last_mut().expect("just pushed")
                    }
                };
                if is_owed {
                    row.owed += count.count;
                } else {
                    row.kept += count.count;
                }
            }
        }
    }
    out.retain(|row| row.owed != 0 || row.kept != 0);
    Ok(out)
}

pub(super) async fn business(
    tx: &mut AnyTx,
    filter: DashboardFilter,
    first: i32,
    last: i32,
) -> StoreResult<Vec<AreaBusiness>> {
    let mut out: Vec<AreaBusiness> = Vec::new();
    if first > last {
        return Ok(out);
    }
    let months = span::MonthCut {
        months: Some((i64::from(first), i64::from(last))),
        days: Vec::new(),
    };
    for sum in span::sums(tx, events::BUSINESS, filter, &months).await? {
        let row = business_row(&mut out, sum.area_id);
        row.months_reported += sum.n;
        row.revenue_rials += sum.a;
        row.profit_rials += sum.b;
    }
    // The groups reporting: each group's months of a year are bits on the year's first day.
    for year in first / 100..=last / 100 {
        let low = if year == first / 100 { first % 100 } else { 1 };
        let high = if year == last / 100 { last % 100 } else { 12 };
        if !(1..=12).contains(&low) || !(1..=12).contains(&high) || low > high {
            continue;
        }
        let bits: i64 = (low..=high).map(|month| 1_i64 << (month - 1)).sum();
        let farvardin = JalaliDate::new(year, 1, 1)
            .map_err(|e| StoreError::Database(format!("dashboard year: {e}")))?
            .to_iso_string();
        let mut sql = SqlBuilder::new("SELECT ");
        sql.push(span::TALLY.area(filter.level))
            .push(" AS area_id, COUNT(*) AS n FROM dashboard_events WHERE measure = ")
            .push_bound(events::BUSINESS_MONTHS)
            .push(" AND day = ")
            .push_bound(farvardin)
            .push(" AND (n & ")
            .push_bound(bits)
            .push(") <> 0");
        push_place_on(&mut sql, filter, span::TALLY);
        sql.push(" GROUP BY ").push(span::TALLY.area(filter.level));
        for count in tx.dashboard_rows(sql, read_count).await? {
            business_row(&mut out, count.area_id).groups_reporting += count.count;
        }
    }
    Ok(out)
}

fn business_row(rows: &mut Vec<AreaBusiness>, area_id: PlaceId) -> &mut AreaBusiness {
    match rows.iter().position(|row| row.area_id == area_id) {
        Some(index) => &mut rows[index],
        None => {
            rows.push(AreaBusiness {
                area_id,
                groups_reporting: 0,
                months_reported: 0,
                revenue_rials: 0,
                profit_rials: 0,
            });
            rows.last_mut().expect("just pushed")
        }
    }
}
