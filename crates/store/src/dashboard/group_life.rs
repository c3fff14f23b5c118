//! The groups' life on a dashboard: visits recorded in a range, the visiting duty (one visit
//! owed per window of the cycle by every group under follow-up in it, and whether one came),
//! and the business months the groups recorded.

use hamyar_app::ports::StoreResult;
use hamyar_app::ports::dashboard::{
    AreaBusiness, AreaCount, AreaVisitDuty, DashboardFilter, VisitWindow,
};

use super::{Columns, push_place, read_count, select_area};
use crate::rows::RowReader;
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

pub(super) async fn done(
    tx: &mut AnyTx,
    filter: DashboardFilter,
    from: &str,
    until: &str,
) -> StoreResult<Vec<AreaCount>> {
    let mut sql = select_area(filter, Columns::GROUP);
    sql.push("COUNT(*) AS n FROM group_visits v JOIN hamyar_groups g ON g.id = v.group_id");
    sql.push_condition("v.visited_on >= ").push_bound(from);
    sql.push_condition("v.visited_on < ").push_bound(until);
    push_place(&mut sql, filter, Columns::GROUP);
    sql.push(" GROUP BY ")
        .push(Columns::GROUP.area(filter.level));
    tx.dashboard_rows(sql, read_count).await
}

pub(super) async fn duty(
    tx: &mut AnyTx,
    filter: DashboardFilter,
    windows: &[VisitWindow],
) -> StoreResult<Vec<AreaVisitDuty>> {
    if windows.is_empty() {
        return Ok(Vec::new());
    }
    let area = Columns::GROUP.area(filter.level);
    let mut sql = SqlBuilder::new(
        "SELECT area_id, CAST(SUM(owed) AS BIGINT) AS owed, CAST(SUM(kept) AS BIGINT) AS kept \
         FROM (",
    );
    for (index, window) in windows.iter().enumerate() {
        if index > 0 {
            sql.push(" UNION ALL ");
        }
        let from = sql.bind(window.from.as_str());
        let until = sql.bind(window.until.as_str());
        sql.push("SELECT ").push(area).push(
            " AS area_id, COUNT(*) AS owed, SUM(CASE WHEN EXISTS (SELECT 1 FROM group_visits v \
             WHERE v.group_id = g.id AND v.visited_on >= ",
        );
        sql.push_placeholder(from)
            .push(" AND v.visited_on < ")
            .push_placeholder(until)
            .push(") THEN 1 ELSE 0 END) AS kept FROM hamyar_groups g WHERE g.registered_on < ")
            .push_placeholder(until)
            .push(" AND (g.ended_on IS NULL OR g.ended_on >= ")
            .push_placeholder(from)
            .push(")");
        if let Some(province) = filter.province_id {
            sql.push(" AND g.province_id = ").push_bound(province);
        }
        if let Some(county) = filter.county_id {
            sql.push(" AND g.county_id = ").push_bound(county);
        }
        sql.push(" GROUP BY ").push(area);
    }
    sql.push(") w GROUP BY area_id");
    tx.dashboard_rows(sql, |row| {
        let reader = RowReader::new(row, "dashboard_visit_duty");
        Ok(AreaVisitDuty {
            area_id: reader.int("area_id")?,
            owed: reader.int("owed")?,
            kept: reader.int("kept")?,
        })
    })
    .await
}

pub(super) async fn business(
    tx: &mut AnyTx,
    filter: DashboardFilter,
    first: i32,
    last: i32,
) -> StoreResult<Vec<AreaBusiness>> {
    let mut sql = select_area(filter, Columns::GROUP);
    sql.push(
        "COUNT(DISTINCT b.group_id) AS groups_reporting, COUNT(*) AS months_reported, \
         CAST(SUM(b.revenue_rials) AS BIGINT) AS revenue, \
         CAST(SUM(b.profit_rials) AS BIGINT) AS profit \
         FROM group_business_months b JOIN hamyar_groups g ON g.id = b.group_id",
    );
    // The year bounds let the (year, month) index narrow the scan.
    sql.push_condition("b.year >= ")
        .push_bound(i64::from(first / 100));
    sql.push_condition("b.year <= ")
        .push_bound(i64::from(last / 100));
    sql.push_condition("b.year * 100 + b.month >= ")
        .push_bound(i64::from(first));
    sql.push_condition("b.year * 100 + b.month <= ")
        .push_bound(i64::from(last));
    push_place(&mut sql, filter, Columns::GROUP);
    sql.push(" GROUP BY ")
        .push(Columns::GROUP.area(filter.level));
    tx.dashboard_rows(sql, |row| {
        let reader = RowReader::new(row, "dashboard_business");
        Ok(AreaBusiness {
            area_id: reader.int("area_id")?,
            groups_reporting: reader.int("groups_reporting")?,
            months_reported: reader.int("months_reported")?,
            revenue_rials: reader.int("revenue")?,
            profit_rials: reader.int("profit")?,
        })
    })
    .await
}
