//! The `YearlyPlansRepo` port on both engines (migration 0030). A plan is written by one
//! `INSERT … ON CONFLICT (place_id, fiscal_year) DO UPDATE`, which both engines read the same
//! way, so setting a plan again replaces it atomically. The two counts read the registry's
//! coverage episodes and the groups' memberships: a woman's coverage on a day is the status
//! of her latest episode started on or before it (a correlated subquery on the episodes'
//! `(woman_id, id)` index), and joining is a membership whose `joined_on` falls in the span,
//! counted once per woman.

use async_trait::async_trait;
use hamyar_app::access::PlaceId;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::groups::PlaceFilter;
use hamyar_app::ports::yearly_plans::{YearlyPlanRow, YearlyPlansRepo};
use hamyar_domain::JalaliDate;
use hamyar_domain::plan::PlanTargets;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

const PLAN_COLUMNS: &str = "SELECT place_id, province_id, county_id, fiscal_year, \
     groups_formed, women_joining, women_trained, visits_made, women_empowered, note, set_by, \
     set_by_name, set_at FROM yearly_plans";

#[async_trait]
impl YearlyPlansRepo for AnyTx {
    async fn yearly_plan(
        &mut self,
        place_id: PlaceId,
        fiscal_year: i32,
    ) -> StoreResult<Option<YearlyPlanRow>> {
        let mut sql = SqlBuilder::new(PLAN_COLUMNS);
        sql.push_equals("place_id", place_id);
        sql.push_equals("fiscal_year", i64::from(fiscal_year));
        let row = sql
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(read_plan).transpose()
    }

    async fn put_yearly_plan(&mut self, plan: &YearlyPlanRow) -> StoreResult<()> {
        let targets = &plan.targets;
        sqlx::query(
            "INSERT INTO yearly_plans (place_id, province_id, county_id, fiscal_year, \
             groups_formed, women_joining, women_trained, visits_made, women_empowered, note, \
             set_by, set_by_name, set_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
             ON CONFLICT (place_id, fiscal_year) DO UPDATE SET \
             groups_formed = excluded.groups_formed, women_joining = excluded.women_joining, \
             women_trained = excluded.women_trained, visits_made = excluded.visits_made, \
             women_empowered = excluded.women_empowered, note = excluded.note, \
             set_by = excluded.set_by, set_by_name = excluded.set_by_name, \
             set_at = excluded.set_at",
        )
        .bind(plan.place_id)
        .bind(plan.province_id)
        .bind(plan.county_id)
        .bind(i64::from(plan.fiscal_year))
        .bind(targets.groups_formed)
        .bind(targets.women_joining)
        .bind(targets.women_trained)
        .bind(targets.visits_made)
        .bind(targets.women_empowered)
        .bind(plan.note.as_str())
        .bind(plan.set_by)
        .bind(plan.set_by_name.as_str())
        .bind(stored(plan.set_at))
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(())
    }

    async fn yearly_plans_of_province(
        &mut self,
        province_id: PlaceId,
        fiscal_year: i32,
    ) -> StoreResult<Vec<YearlyPlanRow>> {
        let mut sql = SqlBuilder::new(PLAN_COLUMNS);
        sql.push_equals("province_id", province_id);
        sql.push_equals("fiscal_year", i64::from(fiscal_year));
        // The province's own plan (no county) first.
        sql.push(" ORDER BY CASE WHEN county_id IS NULL THEN 0 ELSE 1 END, place_id");
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read_plan).collect()
    }

    async fn women_covered_on(&mut self, place: PlaceFilter, day: JalaliDate) -> StoreResult<i64> {
        let mut sql = SqlBuilder::new("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM women w");
        sql.push_condition("w.merged_into IS NULL");
        push_place(&mut sql, place, "w.province_id", "w.county_id");
        sql.push_condition(
            "(SELECT e.status FROM coverage_episodes e WHERE e.woman_id = w.id \
             AND e.started_on <= ",
        )
        .push_bound(day.to_iso_string())
        .push(" ORDER BY e.started_on DESC, e.id DESC LIMIT 1) IN ('covered', 'pensioner')");
        count(sql, self).await
    }

    async fn women_joining_groups(
        &mut self,
        place: PlaceFilter,
        from: JalaliDate,
        to: JalaliDate,
    ) -> StoreResult<i64> {
        let mut sql = SqlBuilder::new(
            "SELECT CAST(COUNT(DISTINCT m.woman_id) AS BIGINT) AS n FROM group_members m \
             JOIN hamyar_groups g ON g.id = m.group_id",
        );
        sql.push_condition("m.joined_on >= ")
            .push_bound(from.to_iso_string());
        sql.push_condition("m.joined_on <= ")
            .push_bound(to.to_iso_string());
        push_place(&mut sql, place, "g.province_id", "g.county_id");
        count(sql, self).await
    }
}

fn push_place(
    sql: &mut SqlBuilder,
    place: PlaceFilter,
    province: &'static str,
    county: &'static str,
) {
    if let Some(id) = place.province_id {
        sql.push_equals(province, id);
    }
    if let Some(id) = place.county_id {
        sql.push_equals(county, id);
    }
}

async fn count(sql: SqlBuilder, tx: &mut AnyTx) -> StoreResult<i64> {
    let row = sql
        .build()
        .fetch_one(&mut *tx.tx)
        .await
        .map_err(store_error)?;
    RowReader::new(&row, "yearly_plans").int("n")
}

fn read_plan(row: &AnyRow) -> StoreResult<YearlyPlanRow> {
    let r = RowReader::new(row, "yearly_plans");
    let fiscal_year = r.int("fiscal_year")?;
    Ok(YearlyPlanRow {
        place_id: r.id("place_id")?,
        province_id: r.id("province_id")?,
        county_id: r.opt_id("county_id")?,
        fiscal_year: i32::try_from(fiscal_year).unwrap_or(i32::MAX),
        targets: PlanTargets {
            groups_formed: r.int("groups_formed")?,
            women_joining: r.int("women_joining")?,
            women_trained: r.int("women_trained")?,
            visits_made: r.int("visits_made")?,
            women_empowered: r.opt_int("women_empowered")?,
        },
        note: r.text("note")?,
        set_by: r.opt_id("set_by")?,
        set_by_name: r.text("set_by_name")?,
        set_at: r.timestamp("set_at")?,
    })
}
