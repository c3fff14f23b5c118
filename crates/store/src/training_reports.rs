//! The `TrainingReportsRepo` port on both engines: the training tally of a place and a span
//! in four grouped queries — the runs that ended in the span with their enrolments, the hours
//! of those runs' sessions, what the ledger paid for them, and the sessions held in the span —
//! each grouped by (county, course kind, provider) and merged here. The runs are found by
//! `course_runs_ended` (place, last session day) and everything else by the run's id through
//! the indices of migration 0027, so the work grows with the place's runs in the span, never
//! with the country's enrolments or attendance marks (which are not read at all: outcomes
//! live on the enrolment).

use std::collections::BTreeMap;

use async_trait::async_trait;
use hamyar_app::access::PlaceId;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::training::{CourseKindId, CourseRunId, ProviderId};
use hamyar_app::ports::training_reports::{
    TrainingReportsRepo, TrainingTallyFilter, TrainingTallyRow,
};

use crate::error::store_error;
use crate::rows::RowReader;
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

/// The grouping every query of the tally ends with.
const GROUPING: &str = " GROUP BY r.county_id, r.course_kind_id, r.provider_id";

/// Runs of the filter's place whose last session falls in the span and that were not
/// cancelled: the first base of the tally.
fn runs_ended(sql: &mut SqlBuilder, filter: &TrainingTallyFilter) {
    place(sql, filter);
    sql.push_condition("r.ends_on >= ")
        .push_bound(filter.from.to_iso_string());
    sql.push_condition("r.ends_on < ")
        .push_bound(filter.until.to_iso_string());
    sql.push_condition("r.cancelled_on IS NULL");
}

fn place(sql: &mut SqlBuilder, filter: &TrainingTallyFilter) {
    if let Some(province) = filter.province_id {
        sql.push_equals("r.province_id", province);
    }
    if let Some(county) = filter.county_id {
        sql.push_equals("r.county_id", county);
    }
}

type Key = (PlaceId, CourseKindId, ProviderId);

fn key_of(reader: &RowReader<'_>) -> StoreResult<Key> {
    Ok((
        reader.id("county_id")?,
        reader.id("course_kind_id")?,
        reader.id("provider_id")?,
    ))
}

fn entry(rows: &mut BTreeMap<Key, TrainingTallyRow>, key: Key) -> &mut TrainingTallyRow {
    rows.entry(key).or_insert(TrainingTallyRow {
        county_id: key.0,
        course_kind_id: key.1,
        provider_id: key.2,
        runs_ended: 0,
        enrolled: 0,
        completed: 0,
        dropped: 0,
        run_hours: 0,
        paid_rials: 0,
        runs_taught: 0,
        hours_delivered: 0,
    })
}

impl AnyTx {
    async fn tally_query(&mut self, sql: SqlBuilder) -> StoreResult<Vec<sqlx::any::AnyRow>> {
        sql.build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)
    }

    /// Runs ended in the span, and their enrolments by outcome.
    async fn tally_outcomes(
        &mut self,
        filter: &TrainingTallyFilter,
        rows: &mut BTreeMap<Key, TrainingTallyRow>,
    ) -> StoreResult<()> {
        let mut sql = SqlBuilder::new(
            "SELECT r.county_id, r.course_kind_id, r.provider_id, \
             CAST(COUNT(DISTINCT r.id) AS BIGINT) AS runs, \
             CAST(COUNT(e.id) AS BIGINT) AS enrolled, \
             CAST(COALESCE(SUM(CASE WHEN e.status = 'completed' THEN 1 ELSE 0 END), 0) \
             AS BIGINT) AS completed, \
             CAST(COALESCE(SUM(CASE WHEN e.status = 'dropped' THEN 1 ELSE 0 END), 0) \
             AS BIGINT) AS dropped \
             FROM course_runs r LEFT JOIN enrolments e ON e.run_id = r.id",
        );
        runs_ended(&mut sql, filter);
        sql.push(GROUPING);
        for row in self.tally_query(sql).await? {
            let reader = RowReader::new(&row, "course_runs");
            let tally = entry(rows, key_of(&reader)?);
            tally.runs_ended = reader.int("runs")?;
            tally.enrolled = reader.int("enrolled")?;
            tally.completed = reader.int("completed")?;
            tally.dropped = reader.int("dropped")?;
        }
        Ok(())
    }

    /// The hours of the ended runs' sessions, and what the ledger paid for those runs.
    async fn tally_run_hours_and_money(
        &mut self,
        filter: &TrainingTallyFilter,
        rows: &mut BTreeMap<Key, TrainingTallyRow>,
    ) -> StoreResult<()> {
        let mut sql = SqlBuilder::new(
            "SELECT r.county_id, r.course_kind_id, r.provider_id, \
             CAST(SUM(s.hours) AS BIGINT) AS amount \
             FROM course_runs r JOIN course_sessions s ON s.run_id = r.id",
        );
        runs_ended(&mut sql, filter);
        sql.push(GROUPING);
        for row in self.tally_query(sql).await? {
            let reader = RowReader::new(&row, "course_sessions");
            entry(rows, key_of(&reader)?).run_hours = reader.int("amount")?;
        }
        let mut sql = SqlBuilder::new(
            "SELECT r.county_id, r.course_kind_id, r.provider_id, \
             CAST(SUM(p.amount_rials) AS BIGINT) AS amount \
             FROM course_runs r JOIN payments p ON p.course_run_id = r.id \
             AND p.status = 'paid'",
        );
        runs_ended(&mut sql, filter);
        sql.push(GROUPING);
        for row in self.tally_query(sql).await? {
            let reader = RowReader::new(&row, "payments");
            entry(rows, key_of(&reader)?).paid_rials = reader.int("amount")?;
        }
        Ok(())
    }

    /// The sessions held in the span, of runs not cancelled before them. A run that holds a
    /// session in the span starts before its end and ends after its start, which lets the
    /// runs' index narrow the runs first.
    async fn tally_sessions_held(
        &mut self,
        filter: &TrainingTallyFilter,
        rows: &mut BTreeMap<Key, TrainingTallyRow>,
    ) -> StoreResult<()> {
        let (from, until) = (filter.from.to_iso_string(), filter.until.to_iso_string());
        let mut sql = SqlBuilder::new(
            "SELECT r.county_id, r.course_kind_id, r.provider_id, \
             CAST(COUNT(DISTINCT r.id) AS BIGINT) AS runs, \
             CAST(SUM(s.hours) AS BIGINT) AS hours \
             FROM course_runs r JOIN course_sessions s ON s.run_id = r.id",
        );
        place(&mut sql, filter);
        sql.push_condition("r.ends_on >= ").push_bound(from.clone());
        sql.push_condition("r.starts_on < ")
            .push_bound(until.clone());
        sql.push_condition("s.held_on >= ").push_bound(from);
        sql.push_condition("s.held_on < ").push_bound(until);
        sql.push_condition("(r.cancelled_on IS NULL OR s.held_on < r.cancelled_on)");
        sql.push(GROUPING);
        for row in self.tally_query(sql).await? {
            let reader = RowReader::new(&row, "course_sessions");
            let tally = entry(rows, key_of(&reader)?);
            tally.runs_taught = reader.int("runs")?;
            tally.hours_delivered = reader.int("hours")?;
        }
        Ok(())
    }
}

#[async_trait]
impl TrainingReportsRepo for AnyTx {
    async fn training_tally(
        &mut self,
        filter: &TrainingTallyFilter,
    ) -> StoreResult<Vec<TrainingTallyRow>> {
        let mut rows = BTreeMap::new();
        self.tally_outcomes(filter, &mut rows).await?;
        self.tally_run_hours_and_money(filter, &mut rows).await?;
        self.tally_sessions_held(filter, &mut rows).await?;
        Ok(rows.into_values().collect())
    }

    async fn training_women_completed(&mut self, filter: &TrainingTallyFilter) -> StoreResult<i64> {
        let mut sql = SqlBuilder::new(
            "SELECT CAST(COUNT(DISTINCT e.woman_id) AS BIGINT) AS women \
             FROM course_runs r JOIN enrolments e ON e.run_id = r.id \
             AND e.status = 'completed'",
        );
        runs_ended(&mut sql, filter);
        let row = sql
            .build()
            .fetch_one(&mut *self.tx)
            .await
            .map_err(store_error)?;
        RowReader::new(&row, "enrolments").int("women")
    }

    async fn training_runs_ended(
        &mut self,
        filter: &TrainingTallyFilter,
        limit: i64,
    ) -> StoreResult<Vec<(CourseRunId, String)>> {
        let mut sql = SqlBuilder::new("SELECT r.id, r.code FROM course_runs r");
        runs_ended(&mut sql, filter);
        sql.push(" ORDER BY r.ends_on, r.id");
        sql.push_page(limit, 0);
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter()
            .map(|row| {
                let reader = RowReader::new(row, "course_runs");
                Ok((reader.id("id")?, reader.text("code")?))
            })
            .collect()
    }
}
