//! The `JobPlansRepo` port on both engines: job plans with their steps and the follow-ups
//! asked after a course (migration 0025). A plan closes, and a step changes state, by a
//! conditional update (`… WHERE id = $1 AND state = $2`) that reports whether a row changed.
//! The follow-ups due are one query over completed enrolments of runs that ended by a day the
//! app computed (`NOT EXISTS` an answer of that month), scoped by the run's place as every
//! training list is; the reports' counts are one grouped query with the answers left-joined.

use async_trait::async_trait;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::job_plans::{
    FollowUpDueRow, FollowUpId, FollowUpRow, FollowUpTallyQuery, FollowUpTallyRow,
    FollowUpsDueQuery, JobPlanId, JobPlanRow, JobPlanStepId, JobPlanStepRow, JobPlansRepo,
    StepStateChange,
};
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::training::EnrolmentId;
use hamyar_domain::JalaliDate;
use hamyar_domain::groups::StaffDuty;
use hamyar_domain::training::follow_up::FollowUpMonth;
use hamyar_domain::training::job_plan::{PlanState, StepState};
use jiff::Timestamp;
use sqlx::any::AnyRow;

use crate::error::{corrupt, store_error};
use crate::rows::{RowReader, stored};
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

const PLAN_COLUMNS: &str = "SELECT id, province_id, county_id, woman_id, job_title, \
     occupation_code, state, planned_on, closed_on, created_by, created_by_name, created_at, \
     updated_at FROM job_plans";

const STEP_COLUMNS: &str = "SELECT id, plan_id, kind, state, due_on, state_on, done_on, \
     enrolment_id, grant_id, employer, starts_on, monthly_pay_rials, permit_name, note, \
     created_by, created_by_name, created_at, updated_at FROM job_plan_steps";

const FOLLOW_UP_COLUMNS: &str = "SELECT id, enrolment_id, province_id, county_id, due_month, \
     due_on, recorded_on, works, earns_from_course, monthly_income_rials, note, recorded_by, \
     recorded_by_name, recorded_at FROM course_follow_ups";

const DUE_COLUMNS: &str = "SELECT e.id AS enrolment_id, e.woman_id, w.first_name, \
     w.last_name, w.mobile, r.id AS run_id, r.code AS run_code, k.name AS course_name, \
     k.name_en AS course_name_en, r.province_id, r.county_id, e.group_id, r.ends_on";

const DUE_FROM: &str = " FROM enrolments e JOIN course_runs r ON r.id = e.run_id \
     JOIN course_kinds k ON k.id = r.course_kind_id JOIN women w ON w.id = e.woman_id";

#[async_trait]
impl JobPlansRepo for AnyTx {
    async fn insert_job_plan(&mut self, plan: &JobPlanRow) -> StoreResult<JobPlanId> {
        sqlx::query_scalar(
            "INSERT INTO job_plans (province_id, county_id, woman_id, job_title, \
             occupation_code, state, planned_on, closed_on, created_by, created_by_name, \
             created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(plan.province_id)
        .bind(plan.county_id)
        .bind(plan.woman_id)
        .bind(plan.job_title.as_str())
        .bind(plan.occupation_code.as_deref())
        .bind(plan.state.code())
        .bind(plan.planned_on.to_iso_string())
        .bind(plan.closed_on.map(|day| day.to_iso_string()))
        .bind(plan.created_by)
        .bind(plan.created_by_name.as_str())
        .bind(stored(plan.created_at))
        .bind(stored(plan.updated_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn job_plan_by_id(&mut self, id: JobPlanId) -> StoreResult<Option<JobPlanRow>> {
        let mut sql = SqlBuilder::new(PLAN_COLUMNS);
        sql.push_equals("id", id);
        let row = sql
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(read_plan).transpose()
    }

    async fn job_plans_of_woman(&mut self, woman_id: WomanId) -> StoreResult<Vec<JobPlanRow>> {
        let mut sql = SqlBuilder::new(PLAN_COLUMNS);
        sql.push_equals("woman_id", woman_id);
        sql.push(" ORDER BY planned_on DESC, id DESC");
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read_plan).collect()
    }

    async fn close_job_plan(
        &mut self,
        id: JobPlanId,
        state: PlanState,
        closed_on: JalaliDate,
        at: Timestamp,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE job_plans SET state = $2, closed_on = $3, updated_at = $4 \
             WHERE id = $1 AND state = 'open'",
        )
        .bind(id)
        .bind(state.code())
        .bind(closed_on.to_iso_string())
        .bind(stored(at))
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn insert_job_plan_step(&mut self, step: &JobPlanStepRow) -> StoreResult<JobPlanStepId> {
        sqlx::query_scalar(
            "INSERT INTO job_plan_steps (plan_id, kind, state, due_on, state_on, done_on, \
             enrolment_id, grant_id, employer, starts_on, monthly_pay_rials, permit_name, note, \
             created_by, created_by_name, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
             $17) RETURNING id",
        )
        .bind(step.plan_id)
        .bind(step.kind.code())
        .bind(step.state.code())
        .bind(step.due_on.map(|day| day.to_iso_string()))
        .bind(step.state_on.to_iso_string())
        .bind(step.done_on.map(|day| day.to_iso_string()))
        .bind(step.enrolment_id)
        .bind(step.grant_id)
        .bind(step.employer.as_deref())
        .bind(step.starts_on.map(|day| day.to_iso_string()))
        .bind(step.monthly_pay_rials)
        .bind(step.permit_name.as_deref())
        .bind(step.note.as_deref())
        .bind(step.created_by)
        .bind(step.created_by_name.as_str())
        .bind(stored(step.created_at))
        .bind(stored(step.updated_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn job_plan_step_by_id(
        &mut self,
        id: JobPlanStepId,
    ) -> StoreResult<Option<JobPlanStepRow>> {
        let mut sql = SqlBuilder::new(STEP_COLUMNS);
        sql.push_equals("id", id);
        let row = sql
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(read_step).transpose()
    }

    async fn job_plan_steps(&mut self, plan_id: JobPlanId) -> StoreResult<Vec<JobPlanStepRow>> {
        let mut sql = SqlBuilder::new(STEP_COLUMNS);
        sql.push_equals("plan_id", plan_id);
        sql.push(" ORDER BY id");
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read_step).collect()
    }

    async fn set_job_plan_step_state(
        &mut self,
        id: JobPlanStepId,
        expected: StepState,
        change: &StepStateChange,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE job_plan_steps SET state = $3, state_on = $4, done_on = $5, \
             note = COALESCE($6, note), updated_at = $7 WHERE id = $1 AND state = $2",
        )
        .bind(id)
        .bind(expected.code())
        .bind(change.state.code())
        .bind(change.state_on.to_iso_string())
        .bind(change.done_on.map(|day| day.to_iso_string()))
        .bind(change.note.as_deref())
        .bind(stored(change.updated_at))
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn insert_follow_up(&mut self, follow_up: &FollowUpRow) -> StoreResult<FollowUpId> {
        sqlx::query_scalar(
            "INSERT INTO course_follow_ups (enrolment_id, province_id, county_id, due_month, \
             due_on, recorded_on, works, earns_from_course, monthly_income_rials, note, \
             recorded_by, recorded_by_name, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(follow_up.enrolment_id)
        .bind(follow_up.province_id)
        .bind(follow_up.county_id)
        .bind(i64::from(follow_up.due_month.months()))
        .bind(follow_up.due_on.to_iso_string())
        .bind(follow_up.recorded_on.to_iso_string())
        .bind(i64::from(follow_up.works))
        .bind(i64::from(follow_up.earns_from_course))
        .bind(follow_up.monthly_income_rials)
        .bind(follow_up.note.as_deref())
        .bind(follow_up.recorded_by)
        .bind(follow_up.recorded_by_name.as_str())
        .bind(stored(follow_up.recorded_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn follow_ups_of_enrolment(
        &mut self,
        enrolment_id: EnrolmentId,
    ) -> StoreResult<Vec<FollowUpRow>> {
        let mut sql = SqlBuilder::new(FOLLOW_UP_COLUMNS);
        sql.push_equals("enrolment_id", enrolment_id);
        sql.push(" ORDER BY due_month");
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read_follow_up).collect()
    }

    async fn follow_ups_due(
        &mut self,
        query: &FollowUpsDueQuery,
    ) -> StoreResult<Vec<FollowUpDueRow>> {
        let mut sql = SqlBuilder::new(DUE_COLUMNS);
        due_conditions(&mut sql, query);
        sql.push(" ORDER BY r.ends_on, e.id");
        sql.push_page(query.limit, 0);
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(|row| read_due(row, query.month)).collect()
    }

    async fn count_follow_ups_due(&mut self, query: &FollowUpsDueQuery) -> StoreResult<i64> {
        let mut sql = SqlBuilder::new("SELECT CAST(COUNT(*) AS BIGINT) AS due");
        due_conditions(&mut sql, query);
        let row = sql
            .build()
            .fetch_one(&mut *self.tx)
            .await
            .map_err(store_error)?;
        RowReader::new(&row, "course_follow_ups").int("due")
    }

    async fn follow_up_tally(
        &mut self,
        query: &FollowUpTallyQuery,
    ) -> StoreResult<Vec<FollowUpTallyRow>> {
        let mut sql = SqlBuilder::new(
            "SELECT r.county_id, r.course_kind_id, r.provider_id, \
             CAST(COUNT(*) AS BIGINT) AS due, \
             CAST(SUM(CASE WHEN f.id IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS done, \
             CAST(SUM(CASE WHEN f.works = 1 THEN 1 ELSE 0 END) AS BIGINT) AS working, \
             CAST(SUM(CASE WHEN f.earns_from_course = 1 THEN 1 ELSE 0 END) AS BIGINT) \
             AS earning \
             FROM enrolments e JOIN course_runs r ON r.id = e.run_id \
             LEFT JOIN course_follow_ups f ON f.enrolment_id = e.id AND f.due_month = ",
        );
        sql.push_bound(i64::from(query.month.months()));
        sql.push(" WHERE e.status = 'completed' AND r.cancelled_on IS NULL");
        sql.push(" AND r.ends_on >= ")
            .push_bound(query.ended_from.to_iso_string());
        sql.push(" AND r.ends_on <= ")
            .push_bound(query.ended_to.to_iso_string());
        if let Some(province) = query.place.province_id {
            sql.push(" AND r.province_id = ").push_bound(province);
        }
        if let Some(county) = query.place.county_id {
            sql.push(" AND r.county_id = ").push_bound(county);
        }
        sql.push(
            " GROUP BY r.county_id, r.course_kind_id, r.provider_id \
             ORDER BY r.county_id, r.course_kind_id, r.provider_id",
        );
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter()
            .map(|row| {
                let r = RowReader::new(row, "course_follow_ups");
                Ok(FollowUpTallyRow {
                    county_id: r.id("county_id")?,
                    course_kind_id: r.id("course_kind_id")?,
                    provider_id: r.id("provider_id")?,
                    due: r.int("due")?,
                    done: r.opt_int("done")?.unwrap_or(0),
                    working: r.opt_int("working")?.unwrap_or(0),
                    earning_from_course: r.opt_int("earning")?.unwrap_or(0),
                })
            })
            .collect()
    }
}

/// ` FROM … WHERE` of the follow-ups due: completed, the run not cancelled and ended by the
/// day, in the place (and of the person's own groups), not yet asked for the month.
fn due_conditions(sql: &mut SqlBuilder, query: &FollowUpsDueQuery) {
    sql.push(DUE_FROM);
    if query.assigned.is_some() {
        sql.push(" JOIN hamyar_groups g ON g.id = e.group_id");
    }
    sql.push(" WHERE e.status = 'completed' AND r.cancelled_on IS NULL AND r.ends_on <= ")
        .push_bound(query.ended_by.to_iso_string());
    if let Some(province) = query.place.province_id {
        sql.push(" AND r.province_id = ").push_bound(province);
    }
    if let Some(county) = query.place.county_id {
        sql.push(" AND r.county_id = ").push_bound(county);
    }
    if let Some(assigned) = query.assigned {
        sql.push(match assigned.duty {
            StaffDuty::SocialWorker => " AND g.social_worker_id = ",
            StaffDuty::Facilitator => " AND g.facilitator_id = ",
        })
        .push_bound(assigned.user_id);
    }
    sql.push(
        " AND NOT EXISTS (SELECT 1 FROM course_follow_ups f \
         WHERE f.enrolment_id = e.id AND f.due_month = ",
    )
    .push_bound(i64::from(query.month.months()))
    .push(")");
}

fn read_plan(row: &AnyRow) -> StoreResult<JobPlanRow> {
    let r = RowReader::new(row, "job_plans");
    Ok(JobPlanRow {
        id: r.id("id")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        woman_id: r.id("woman_id")?,
        job_title: r.text("job_title")?,
        occupation_code: r.opt_text("occupation_code")?,
        state: r.code("state")?,
        planned_on: r.date("planned_on")?,
        closed_on: r.opt_date("closed_on")?,
        created_by: r.opt_id("created_by")?,
        created_by_name: r.text("created_by_name")?,
        created_at: r.timestamp("created_at")?,
        updated_at: r.timestamp("updated_at")?,
    })
}

fn read_step(row: &AnyRow) -> StoreResult<JobPlanStepRow> {
    let r = RowReader::new(row, "job_plan_steps");
    Ok(JobPlanStepRow {
        id: r.id("id")?,
        plan_id: r.id("plan_id")?,
        kind: r.code("kind")?,
        state: r.code("state")?,
        due_on: r.opt_date("due_on")?,
        state_on: r.date("state_on")?,
        done_on: r.opt_date("done_on")?,
        enrolment_id: r.opt_id("enrolment_id")?,
        grant_id: r.opt_id("grant_id")?,
        employer: r.opt_text("employer")?,
        starts_on: r.opt_date("starts_on")?,
        monthly_pay_rials: r.opt_int("monthly_pay_rials")?,
        permit_name: r.opt_text("permit_name")?,
        note: r.opt_text("note")?,
        created_by: r.opt_id("created_by")?,
        created_by_name: r.text("created_by_name")?,
        created_at: r.timestamp("created_at")?,
        updated_at: r.timestamp("updated_at")?,
    })
}

fn month_of(r: &RowReader<'_>, table: &'static str) -> StoreResult<FollowUpMonth> {
    let months = r.int("due_month")?;
    FollowUpMonth::from_months(months)
        .ok_or_else(|| corrupt(table, format!("due_month {months} is neither 3 nor 6")))
}

fn read_follow_up(row: &AnyRow) -> StoreResult<FollowUpRow> {
    let r = RowReader::new(row, "course_follow_ups");
    Ok(FollowUpRow {
        id: r.id("id")?,
        enrolment_id: r.id("enrolment_id")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        due_month: month_of(&r, "course_follow_ups")?,
        due_on: r.date("due_on")?,
        recorded_on: r.date("recorded_on")?,
        works: r.flag("works")?,
        earns_from_course: r.flag("earns_from_course")?,
        monthly_income_rials: r.opt_int("monthly_income_rials")?,
        note: r.opt_text("note")?,
        recorded_by: r.opt_id("recorded_by")?,
        recorded_by_name: r.text("recorded_by_name")?,
        recorded_at: r.timestamp("recorded_at")?,
    })
}

fn read_due(row: &AnyRow, month: FollowUpMonth) -> StoreResult<FollowUpDueRow> {
    let r = RowReader::new(row, "enrolments");
    Ok(FollowUpDueRow {
        enrolment_id: r.id("enrolment_id")?,
        woman_id: r.id("woman_id")?,
        first_name: r.text("first_name")?,
        last_name: r.text("last_name")?,
        mobile: r.opt_text("mobile")?,
        run_id: r.id("run_id")?,
        run_code: r.text("run_code")?,
        course_name: r.text("course_name")?,
        course_name_en: r.text("course_name_en")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        group_id: r.opt_id("group_id")?,
        ended_on: r.date("ends_on")?,
        month,
    })
}
