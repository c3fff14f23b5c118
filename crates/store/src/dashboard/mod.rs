//! The `DashboardRepo` port on both engines: one grouped query per figure, each split by the
//! area column (`province_id` or `county_id`) of the table that places the row, and filtered
//! by the dashboard's province and county. Groups are counted from their row (current stage,
//! `registered_on`, `ended_on`, kept by `groups::stages` on every move) except when the past
//! is asked for, which reads the stage history along its `(group_id, effective_on, id)` index.
//! Sums are cast to BIGINT because PostgreSQL widens a sum of BIGINT to NUMERIC.

mod group_life;
mod money;
mod span;
pub(crate) mod tallies;

use async_trait::async_trait;
use hamyar_app::ports::dashboard::{
    AreaBusiness, AreaCodeCount, AreaCount, AreaGrants, AreaLevel, AreaLineBalances, AreaVisitDuty,
    DashboardFilter, DashboardRepo, StageMoveCount, VisitWindow,
};
use hamyar_app::ports::{StoreError, StoreResult};
use hamyar_domain::groups::GroupStage;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::RowReader;
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;
use tallies::events;

/// The place columns of one table alias.
#[derive(Clone, Copy)]
pub(super) struct Columns {
    pub province: &'static str,
    pub county: &'static str,
}

impl Columns {
    pub(super) const GROUP: Columns = Columns {
        province: "g.province_id",
        county: "g.county_id",
    };
    pub(super) const WOMAN: Columns = Columns {
        province: "w.province_id",
        county: "w.county_id",
    };

    pub(super) fn area(self, level: AreaLevel) -> &'static str {
        match level {
            AreaLevel::Province => self.province,
            AreaLevel::County => self.county,
        }
    }
}

/// Adds the dashboard's place conditions on `columns`, each after ` AND `.
pub(super) fn push_place_on(builder: &mut SqlBuilder, filter: DashboardFilter, columns: Columns) {
    if let Some(province) = filter.province_id {
        builder
            .push(" AND ")
            .push(columns.province)
            .push(" = ")
            .push_bound(province);
    }
    if let Some(county) = filter.county_id {
        builder
            .push(" AND ")
            .push(columns.county)
            .push(" = ")
            .push_bound(county);
    }
}

/// The ISO day after `day` (a state "on a day" sums everything before the next one).
pub(super) fn day_after(day: &str) -> StoreResult<String> {
    hamyar_domain::JalaliDate::from_iso_str(day)
        .map(|date| date.add_days(1).to_iso_string())
        .map_err(|e| StoreError::Database(format!("dashboard day: {e}")))
}

/// Adds the dashboard's place conditions on `columns`.
pub(super) fn push_place(builder: &mut SqlBuilder, filter: DashboardFilter, columns: Columns) {
    if let Some(province) = filter.province_id {
        builder.push_equals(columns.province, province);
    }
    if let Some(county) = filter.county_id {
        builder.push_equals(columns.county, county);
    }
}

/// `SELECT <area> AS area_id, ` for `columns` at the filter's level.
pub(super) fn select_area(filter: DashboardFilter, columns: Columns) -> SqlBuilder {
    let mut builder = SqlBuilder::new("SELECT ");
    builder
        .push(columns.area(filter.level))
        .push(" AS area_id, ");
    builder
}

fn read_code_count(row: &AnyRow) -> StoreResult<AreaCodeCount> {
    let reader = RowReader::new(row, "dashboard");
    Ok(AreaCodeCount {
        area_id: reader.id("area_id")?,
        code: reader.text("code")?,
        count: reader.int("n")?,
    })
}

pub(super) fn read_count(row: &AnyRow) -> StoreResult<AreaCount> {
    let reader = RowReader::new(row, "dashboard");
    Ok(AreaCount {
        area_id: reader.id("area_id")?,
        count: reader.int("n")?,
    })
}

impl AnyTx {
    pub(super) async fn dashboard_rows<T>(
        &mut self,
        builder: SqlBuilder,
        read: fn(&AnyRow) -> StoreResult<T>,
    ) -> StoreResult<Vec<T>> {
        let rows = builder
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read).collect()
    }
}

#[async_trait]
impl DashboardRepo for AnyTx {
    async fn dashboard_groups_by_stage(
        &mut self,
        filter: DashboardFilter,
    ) -> StoreResult<Vec<AreaCodeCount>> {
        let mut sql = select_area(filter, Columns::GROUP);
        sql.push("g.stage AS code, COUNT(*) AS n FROM hamyar_groups g");
        push_place(&mut sql, filter, Columns::GROUP);
        sql.push(" GROUP BY ")
            .push(Columns::GROUP.area(filter.level))
            .push(", g.stage");
        self.dashboard_rows(sql, read_code_count).await
    }

    async fn dashboard_groups_by_stage_on(
        &mut self,
        filter: DashboardFilter,
        on: &str,
    ) -> StoreResult<Vec<AreaCodeCount>> {
        // The stages held summed over every day up to `on`: +1 into a stage, -1 out of it.
        let cut = span::before(&day_after(on)?)?;
        let held = span::sums(self, events::STAGE_HELD, filter, &cut).await?;
        Ok(held
            .into_iter()
            .filter(|sum| sum.n != 0)
            .map(|sum| AreaCodeCount {
                area_id: sum.area_id,
                code: sum.code,
                count: sum.n,
            })
            .collect())
    }

    async fn dashboard_stage_moves(
        &mut self,
        filter: DashboardFilter,
        from: &str,
        until: &str,
    ) -> StoreResult<Vec<StageMoveCount>> {
        let cut = span::between(from, until)?;
        let moves = span::monthly_sums(self, events::STAGE_IN, filter, &cut).await?;
        let mut out: Vec<StageMoveCount> = Vec::with_capacity(moves.len());
        for (month, sum) in moves {
            let month = i32::try_from(month)
                .map_err(|_| StoreError::Database("tally month out of range".into()))?;
            let stage = GroupStage::from_code(&sum.code).ok_or_else(|| {
                StoreError::Database(format!(
                    "a stage tally has the unknown stage {:?}",
                    sum.code
                ))
            })?;
            match out
                .iter_mut()
                .find(|m| m.area_id == sum.area_id && m.stage == stage && m.month == month)
            {
                Some(found) => found.count += sum.n,
                None => out.push(StageMoveCount {
                    area_id: sum.area_id,
                    stage,
                    month,
                    count: sum.n,
                }),
            }
        }
        out.retain(|m| m.count != 0);
        Ok(out)
    }

    async fn dashboard_members_on(
        &mut self,
        filter: DashboardFilter,
        on: &str,
    ) -> StoreResult<(Vec<AreaCount>, i64)> {
        // A woman's days as a member are kept per county, per province and for the country
        // (each the union of her memberships there), so no count needs DISTINCT.
        let cut = span::before(&day_after(on)?)?;
        let by_area_measure = match filter.level {
            AreaLevel::Province => events::MEMBER_PROVINCE,
            AreaLevel::County => events::MEMBER_COUNTY,
        };
        let by_area = span::sums(self, by_area_measure, filter, &cut)
            .await?
            .into_iter()
            .filter(|sum| sum.n != 0)
            .map(|sum| AreaCount {
                area_id: sum.area_id,
                count: sum.n,
            })
            .collect();
        let total_measure = if filter.county_id.is_some() {
            events::MEMBER_COUNTY
        } else if filter.province_id.is_some() {
            events::MEMBER_PROVINCE
        } else {
            events::MEMBER_COUNTRY
        };
        let whole = DashboardFilter {
            level: AreaLevel::Province,
            ..filter
        };
        let total = span::sums(self, total_measure, whole, &cut)
            .await?
            .iter()
            .map(|sum| sum.n)
            .sum();
        Ok((by_area, total))
    }

    async fn dashboard_women_by_status(
        &mut self,
        filter: DashboardFilter,
    ) -> StoreResult<Vec<AreaCodeCount>> {
        // All women counted from the place and status index, less one for each merged woman
        // (few, read from their partial index; ungrouped, so no planner prefers a grouping
        // index to it): reading `merged_into` row by row was most of the time country-wide.
        let mut sql =
            SqlBuilder::new("SELECT area_id, code, CAST(SUM(n) AS BIGINT) AS n FROM (SELECT ");
        for (index, merged) in [false, true].into_iter().enumerate() {
            if index > 0 {
                sql.push(" UNION ALL SELECT ");
            }
            sql.push(Columns::WOMAN.area(filter.level))
                .push(" AS area_id, w.coverage_status AS code, ")
                .push(if merged { "-1" } else { "COUNT(*)" })
                .push(" AS n FROM women w WHERE ")
                .push(if merged {
                    "w.merged_into IS NOT NULL"
                } else {
                    "1 = 1"
                });
            if let Some(province) = filter.province_id {
                sql.push(" AND w.province_id = ").push_bound(province);
            }
            if let Some(county) = filter.county_id {
                sql.push(" AND w.county_id = ").push_bound(county);
            }
            if !merged {
                sql.push(" GROUP BY ")
                    .push(Columns::WOMAN.area(filter.level))
                    .push(", w.coverage_status");
            }
        }
        sql.push(") s GROUP BY area_id, code HAVING SUM(n) > 0");
        self.dashboard_rows(sql, read_code_count).await
    }

    async fn dashboard_coverage_exits(
        &mut self,
        filter: DashboardFilter,
        from: &str,
        until: &str,
    ) -> StoreResult<Vec<AreaCodeCount>> {
        let mut sql = select_area(filter, Columns::WOMAN);
        sql.push("COALESCE(e.exit_reason, 'other') AS code, COUNT(DISTINCT e.woman_id) AS n ");
        // A province's or the country's exits of a span are read from the exits' index, then
        // each woman by her key; SQLite, not knowing the span's width, would rather walk a
        // province's every woman and her episodes (100 ms instead of 30 for 18,000 women), so
        // the join's order is fixed there (`CROSS JOIN`; PostgreSQL plans it as it likes). A
        // county's few women are cheaper walked.
        if filter.county_id.is_none() {
            sql.push("FROM coverage_episodes e CROSS JOIN women w");
            sql.push_condition("w.id = e.woman_id");
        } else {
            sql.push("FROM coverage_episodes e JOIN women w ON w.id = e.woman_id");
        }
        sql.push_condition("e.status = 'exited'");
        sql.push_condition("e.started_on >= ").push_bound(from);
        sql.push_condition("e.started_on < ").push_bound(until);
        sql.push_condition("w.merged_into IS NULL");
        push_place(&mut sql, filter, Columns::WOMAN);
        sql.push(" GROUP BY ")
            .push(Columns::WOMAN.area(filter.level))
            .push(", COALESCE(e.exit_reason, 'other')");
        self.dashboard_rows(sql, read_code_count).await
    }

    async fn dashboard_line_balances(
        &mut self,
        filter: DashboardFilter,
        fiscal_year: i32,
        span: Option<(&str, &str)>,
    ) -> StoreResult<Vec<AreaLineBalances>> {
        money::line_balances(self, filter, fiscal_year, span).await
    }

    async fn dashboard_grants(
        &mut self,
        filter: DashboardFilter,
        fiscal_year: i32,
        until: &str,
    ) -> StoreResult<Vec<AreaGrants>> {
        money::grants(self, filter, fiscal_year, until).await
    }

    async fn dashboard_visits_done(
        &mut self,
        filter: DashboardFilter,
        from: &str,
        until: &str,
    ) -> StoreResult<Vec<AreaCount>> {
        group_life::done(self, filter, from, until).await
    }

    async fn dashboard_visit_duty(
        &mut self,
        filter: DashboardFilter,
        windows: &[VisitWindow],
    ) -> StoreResult<Vec<AreaVisitDuty>> {
        group_life::duty(self, filter, windows).await
    }

    async fn dashboard_business(
        &mut self,
        filter: DashboardFilter,
        first: i32,
        last: i32,
    ) -> StoreResult<Vec<AreaBusiness>> {
        group_life::business(self, filter, first, last).await
    }
}
