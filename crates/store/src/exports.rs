//! The exports' reads (`hamyar_app::ports::exports`): a place's visits over a span of days and
//! its groups' business months over a span of months, each row with its group's code, name
//! and county, in one query each. The place narrows through the group (`hamyar_groups`'
//! province and county), as every list of a group's life does; the caller's limit bounds
//! the rows.

use async_trait::async_trait;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::exports::{
    ExportedBusinessMonth, ExportedGroup, ExportedVisit, ExportsRepo,
};
use hamyar_app::ports::groups::PlaceFilter;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::RowReader;
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

fn push_place(builder: &mut SqlBuilder, place: PlaceFilter) {
    if let Some(province_id) = place.province_id {
        builder
            .push(" AND g.province_id = ")
            .push_bound(province_id);
    }
    if let Some(county_id) = place.county_id {
        builder.push(" AND g.county_id = ").push_bound(county_id);
    }
}

fn group_of(reader: &RowReader<'_>) -> StoreResult<ExportedGroup> {
    Ok(ExportedGroup {
        id: reader.id("group_id")?,
        code: reader.text("group_code")?,
        name: reader.text("group_name")?,
        county_id: reader.id("county_id")?,
    })
}

fn visit_from_row(row: &AnyRow) -> StoreResult<ExportedVisit> {
    let reader = RowReader::new(row, "group_visits");
    Ok(ExportedVisit {
        id: reader.int("id")?,
        group: group_of(&reader)?,
        visited_on: reader.date("visited_on")?,
        visitor_name: reader.text("visitor_name")?,
        purpose: reader.text("purpose")?,
        findings: reader.text("findings")?,
        referrals: reader.text("referrals")?,
        referral_other: reader.text("referral_other")?,
        follow_up_due: reader.opt_date("follow_up_due")?,
        follow_up_closed_on: reader.opt_date("follow_up_closed_on")?,
        requests: reader.int("requests")?,
        requests_open: reader.int("requests_open")?,
    })
}

fn month_from_row(row: &AnyRow) -> StoreResult<ExportedBusinessMonth> {
    let reader = RowReader::new(row, "group_business_months");
    Ok(ExportedBusinessMonth {
        group: group_of(&reader)?,
        year: reader.int("year")?,
        month: reader.int("month")?,
        revenue_rials: reader.int("revenue_rials")?,
        costs_rials: reader.int("costs_rials")?,
        profit_rials: reader.int("profit_rials")?,
        members_working: reader.int("members_working")?,
        people_hired: reader.int("people_hired")?,
        channels: reader.text("channels")?,
    })
}

#[async_trait]
impl ExportsRepo for AnyTx {
    async fn visits_between(
        &mut self,
        place: PlaceFilter,
        from: &str,
        until: &str,
        limit: i64,
    ) -> StoreResult<Vec<ExportedVisit>> {
        let mut builder = SqlBuilder::new(
            "SELECT v.id, v.group_id, g.code AS group_code, g.name AS group_name, g.county_id, \
             v.visited_on, v.visitor_name, v.purpose, v.findings, v.referrals, \
             v.referral_other, v.follow_up_due, v.follow_up_closed_on, \
             (SELECT CAST(COUNT(*) AS BIGINT) FROM group_visit_requests AS r \
              WHERE r.visit_id = v.id) AS requests, \
             (SELECT CAST(COUNT(*) AS BIGINT) FROM group_visit_requests AS r \
              WHERE r.visit_id = v.id AND r.resolved_on IS NULL) AS requests_open \
             FROM group_visits AS v JOIN hamyar_groups AS g ON g.id = v.group_id \
             WHERE v.visited_on >= ",
        );
        builder
            .push_bound(from)
            .push(" AND v.visited_on < ")
            .push_bound(until);
        push_place(&mut builder, place);
        builder
            .push(" ORDER BY v.visited_on, v.id LIMIT ")
            .push_bound(limit);
        let rows = builder
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(visit_from_row).collect()
    }

    async fn business_months_between(
        &mut self,
        place: PlaceFilter,
        first: i64,
        last: i64,
        limit: i64,
    ) -> StoreResult<Vec<ExportedBusinessMonth>> {
        let mut builder = SqlBuilder::new(
            "SELECT b.group_id, g.code AS group_code, g.name AS group_name, g.county_id, \
             b.year, b.month, b.revenue_rials, b.costs_rials, b.profit_rials, \
             b.members_working, b.people_hired, b.channels \
             FROM group_business_months AS b JOIN hamyar_groups AS g ON g.id = b.group_id \
             WHERE b.year * 100 + b.month >= ",
        );
        builder
            .push_bound(first)
            .push(" AND b.year * 100 + b.month <= ")
            .push_bound(last);
        push_place(&mut builder, place);
        builder
            .push(" ORDER BY b.year, b.month, g.code, b.group_id LIMIT ")
            .push_bound(limit);
        let rows = builder
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(month_from_row).collect()
    }
}
