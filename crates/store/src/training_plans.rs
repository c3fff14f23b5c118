//! The `TrainingPlansRepo` port on both engines: a provider's contracts, a group's training
//! needs, and two sums over tables other modules write. A contract's spending is summed from
//! `payments` joined to the runs they name (`payments_course_run` finds them), never kept; a
//! group's training history is its members' enrolments while they were members, read as the
//! union of enrolments made with the group and those found through its membership rows (two
//! index walks, rather than one `OR` that would scan every enrolment). A need is closed by a
//! conditional update (`… AND state = 'open'`) that reports whether a row changed.

use async_trait::async_trait;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::training::ProviderId;
use hamyar_app::ports::training_plans::{
    ContractId, ContractRow, GroupRunTally, NeedClosing, NeedFilter, ProviderSpending,
    TrainingNeedId, TrainingNeedRow, TrainingPlansRepo,
};
use hamyar_domain::JalaliDate;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

const CONTRACT_COLUMNS: &str = "SELECT id, provider_id, province_id, contract_no, signed_on, \
     period_from, period_to, amount_rials, budget_line_id, note, created_by, created_by_name, \
     created_at FROM provider_contracts";

const NEED_COLUMNS: &str = "SELECT id, group_id, province_id, county_id, course_kind_id, \
     skill, reason, recorded_on, recorded_by, recorded_by_name, created_at, state, \
     met_by_run_id, closed_on, closed_by_name FROM group_training_needs";

#[async_trait]
impl TrainingPlansRepo for AnyTx {
    async fn insert_contract(&mut self, contract: &ContractRow) -> StoreResult<ContractId> {
        sqlx::query_scalar(
            "INSERT INTO provider_contracts (provider_id, province_id, contract_no, signed_on, \
             period_from, period_to, amount_rials, budget_line_id, note, created_by, \
             created_by_name, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(contract.provider_id)
        .bind(contract.province_id)
        .bind(contract.contract_no.as_str())
        .bind(contract.signed_on.to_iso_string())
        .bind(contract.period_from.to_iso_string())
        .bind(contract.period_to.to_iso_string())
        .bind(contract.amount_rials)
        .bind(contract.budget_line_id)
        .bind(contract.note.as_str())
        .bind(contract.created_by)
        .bind(contract.created_by_name.as_str())
        .bind(stored(contract.created_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn contracts_of_provider(
        &mut self,
        provider_id: ProviderId,
    ) -> StoreResult<Vec<ContractRow>> {
        let mut sql = SqlBuilder::new(CONTRACT_COLUMNS);
        sql.push_equals("provider_id", provider_id);
        sql.push(" ORDER BY period_to DESC, period_from DESC, id DESC");
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read_contract).collect()
    }

    async fn provider_spending(
        &mut self,
        provider_id: ProviderId,
        line: BudgetLineId,
        from: JalaliDate,
        to: JalaliDate,
    ) -> StoreResult<ProviderSpending> {
        let row = sqlx::query(
            "SELECT \
             CAST(COALESCE(SUM(CASE WHEN p.status = 'paid' THEN p.amount_rials ELSE 0 END), 0) \
               AS BIGINT) AS paid, \
             CAST(COALESCE(SUM(CASE WHEN p.status IN ('proposed', 'approved') \
               THEN p.amount_rials ELSE 0 END), 0) AS BIGINT) AS pending \
             FROM payments p JOIN course_runs r ON r.id = p.course_run_id \
             WHERE r.provider_id = $1 AND p.budget_line_id = $2 \
             AND p.spent_on >= $3 AND p.spent_on <= $4",
        )
        .bind(provider_id)
        .bind(line)
        .bind(from.to_iso_string())
        .bind(to.to_iso_string())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)?;
        let r = RowReader::new(&row, "payments");
        Ok(ProviderSpending {
            paid_rials: r.int("paid")?,
            pending_rials: r.int("pending")?,
        })
    }

    async fn insert_training_need(
        &mut self,
        need: &TrainingNeedRow,
    ) -> StoreResult<TrainingNeedId> {
        sqlx::query_scalar(
            "INSERT INTO group_training_needs (group_id, province_id, county_id, \
             course_kind_id, skill, reason, recorded_on, recorded_by, recorded_by_name, \
             created_at, state, met_by_run_id, closed_on, closed_by_name) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        )
        .bind(need.group_id)
        .bind(need.province_id)
        .bind(need.county_id)
        .bind(need.course_kind_id)
        .bind(need.skill.as_str())
        .bind(need.reason.as_str())
        .bind(need.recorded_on.to_iso_string())
        .bind(need.recorded_by)
        .bind(need.recorded_by_name.as_str())
        .bind(stored(need.created_at))
        .bind(need.state.as_str())
        .bind(need.met_by_run_id)
        .bind(need.closed_on.map(|day| day.to_iso_string()))
        .bind(need.closed_by_name.as_deref())
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn training_need_by_id(
        &mut self,
        id: TrainingNeedId,
    ) -> StoreResult<Option<TrainingNeedRow>> {
        let mut sql = SqlBuilder::new(NEED_COLUMNS);
        sql.push_equals("id", id);
        let row = sql
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(read_need).transpose()
    }

    async fn training_needs_of_group(
        &mut self,
        group_id: GroupId,
    ) -> StoreResult<Vec<TrainingNeedRow>> {
        let mut sql = SqlBuilder::new(NEED_COLUMNS);
        sql.push_equals("group_id", group_id);
        sql.push(" ORDER BY CASE WHEN state = 'open' THEN 0 ELSE 1 END, recorded_on DESC, id DESC");
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read_need).collect()
    }

    async fn open_training_needs(
        &mut self,
        filter: &NeedFilter,
    ) -> StoreResult<Vec<TrainingNeedRow>> {
        let mut sql = SqlBuilder::new(NEED_COLUMNS);
        sql.push_equals("state", "open");
        if let Some(province) = filter.province_id {
            sql.push_equals("province_id", province);
        }
        if let Some(county) = filter.county_id {
            sql.push_equals("county_id", county);
        }
        if let Some(kind) = filter.course_kind_id {
            sql.push_equals("course_kind_id", kind);
        }
        sql.push(" ORDER BY recorded_on, id");
        sql.push_page(filter.limit, 0);
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read_need).collect()
    }

    async fn close_training_need(
        &mut self,
        id: TrainingNeedId,
        closing: &NeedClosing,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE group_training_needs SET state = $2, met_by_run_id = $3, closed_on = $4, \
             closed_by_name = $5 WHERE id = $1 AND state = 'open'",
        )
        .bind(id)
        .bind(closing.state.as_str())
        .bind(closing.met_by_run_id)
        .bind(closing.closed_on.to_iso_string())
        .bind(closing.closed_by_name.as_str())
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn group_training(&mut self, group_id: GroupId) -> StoreResult<Vec<GroupRunTally>> {
        let rows = sqlx::query(
            "SELECT t.run_id, r.starts_on, CAST(COUNT(*) AS BIGINT) AS enrolled, \
             CAST(SUM(CASE WHEN t.status = 'completed' THEN 1 ELSE 0 END) AS BIGINT) \
               AS completed, \
             CAST(SUM(CASE WHEN t.status = 'dropped' THEN 1 ELSE 0 END) AS BIGINT) AS dropped \
             FROM ( \
               SELECT e.id, e.run_id, e.status FROM enrolments e WHERE e.group_id = $1 \
               UNION \
               SELECT e.id, e.run_id, e.status FROM group_members m \
               JOIN enrolments e ON e.woman_id = m.woman_id \
               WHERE m.group_id = $1 AND m.joined_on <= e.enrolled_on \
               AND (m.left_on IS NULL OR m.left_on > e.enrolled_on) \
             ) t JOIN course_runs r ON r.id = t.run_id \
             GROUP BY t.run_id, r.starts_on ORDER BY r.starts_on DESC, t.run_id DESC",
        )
        .bind(group_id)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(store_error)?;
        rows.iter()
            .map(|row| {
                let r = RowReader::new(row, "enrolments");
                Ok(GroupRunTally {
                    run_id: r.id("run_id")?,
                    enrolled: r.int("enrolled")?,
                    completed: r.int("completed")?,
                    dropped: r.int("dropped")?,
                })
            })
            .collect()
    }
}

fn read_contract(row: &AnyRow) -> StoreResult<ContractRow> {
    let r = RowReader::new(row, "provider_contracts");
    Ok(ContractRow {
        id: r.id("id")?,
        provider_id: r.id("provider_id")?,
        province_id: r.id("province_id")?,
        contract_no: r.text("contract_no")?,
        signed_on: r.date("signed_on")?,
        period_from: r.date("period_from")?,
        period_to: r.date("period_to")?,
        amount_rials: r.int("amount_rials")?,
        budget_line_id: r.id("budget_line_id")?,
        note: r.text("note")?,
        created_by: r.opt_id("created_by")?,
        created_by_name: r.text("created_by_name")?,
        created_at: r.timestamp("created_at")?,
    })
}

fn read_need(row: &AnyRow) -> StoreResult<TrainingNeedRow> {
    let r = RowReader::new(row, "group_training_needs");
    Ok(TrainingNeedRow {
        id: r.id("id")?,
        group_id: r.id("group_id")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        course_kind_id: r.opt_id("course_kind_id")?,
        skill: r.text("skill")?,
        reason: r.text("reason")?,
        recorded_on: r.date("recorded_on")?,
        recorded_by: r.opt_id("recorded_by")?,
        recorded_by_name: r.text("recorded_by_name")?,
        created_at: r.timestamp("created_at")?,
        state: r.text("state")?,
        met_by_run_id: r.opt_id("met_by_run_id")?,
        closed_on: r.opt_date("closed_on")?,
        closed_by_name: r.opt_text("closed_by_name")?,
    })
}
