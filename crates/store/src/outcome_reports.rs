//! The `OutcomeReportsRepo` port on both engines. A score's pairs are found in one statement:
//! the span's later forms of the instrument (follow-up, exit, after exit) with a value for
//! the score, numbered per woman newest first (`ROW_NUMBER`, on both engines), the newest
//! kept and joined to her baseline form by the form table's unique key
//! (woman, instrument, occasion); then the business field of the group she belonged to on
//! the day of that latest form and the first day of her first group (its earliest stage, or
//! the day she joined it when it has no history), which a `CASE` over the cohort years'
//! first days (bound values: the Jalali calendar stays in the app) turns into a year; and the
//! sums per (county, field, cohort). The placed pairs are `MATERIALIZED` (both engines): left
//! to be folded into the `CASE`, SQLite ran the first-group subquery once per year it tests
//! (1.5 s instead of 0.2 s for a province of 20,000 women). The span's forms are found by migration 0031's index
//! (place, instrument, day), so the work grows with the forms taken in the span.

use std::collections::BTreeMap;

use async_trait::async_trait;
use hamyar_app::access::PlaceId;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::outcome_reports::{
    ExitCell, OutcomeFilter, OutcomeReportsRepo, PairCell, ScoreRef,
};

use crate::error::{corrupt, store_error};
use crate::rows::RowReader;
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

/// The place condition on a table aliased `alias` with `province_id` and `county_id`.
fn place(
    sql: &mut SqlBuilder,
    filter: &OutcomeFilter,
    province: &'static str,
    county: &'static str,
) {
    if let Some(id) = filter.province_id {
        sql.push_equals(province, id);
    }
    if let Some(id) = filter.county_id {
        sql.push_equals(county, id);
    }
}

/// `CASE WHEN d < first(year₁) THEN year₀ − 1 … ELSE yearₙ END` over the cohort years.
fn cohort_case(sql: &mut SqlBuilder, filter: &OutcomeFilter) {
    let Some((first_year, _)) = filter.cohort_years.first() else {
        sql.push("CAST(NULL AS BIGINT)");
        return;
    };
    sql.push("CASE WHEN f.first_started IS NULL THEN CAST(NULL AS BIGINT)");
    let mut year_before = i64::from(*first_year) - 1;
    for (year, starts_on) in &filter.cohort_years {
        sql.push(" WHEN f.first_started < ")
            .push_bound(starts_on.to_iso_string());
        sql.push(" THEN CAST(")
            .push_bound(year_before)
            .push(" AS BIGINT)");
        year_before = i64::from(*year);
    }
    sql.push(" ELSE CAST(")
        .push_bound(year_before)
        .push(" AS BIGINT) END");
}

/// Each pair with the business field of the group she was in on her latest form's day and
/// the first day of her first group.
const PLACED: &str = "placed AS MATERIALIZED (SELECT p.county_id, p.baseline, p.latest, \
     (SELECT g.business_field FROM group_members m JOIN hamyar_groups g ON g.id = m.group_id \
     WHERE m.woman_id = p.woman_id AND m.joined_on <= p.taken_on \
     AND (m.left_on IS NULL OR m.left_on > p.taken_on) \
     ORDER BY m.joined_on DESC, m.id DESC LIMIT 1) AS business_field, \
     (SELECT COALESCE((SELECT MIN(h.effective_on) FROM group_stage_history h \
     WHERE h.group_id = m.group_id), m.joined_on) FROM group_members m \
     WHERE m.woman_id = p.woman_id ORDER BY m.joined_on, m.id LIMIT 1) AS first_started \
     FROM pairs p), ";

/// The pairs of one score, placed and summed (see the module documentation).
fn pairs_sql(filter: &OutcomeFilter, score: ScoreRef) -> SqlBuilder {
    let mut sql = SqlBuilder::new("WITH latest AS (SELECT a.woman_id, a.county_id, a.taken_on, ");
    sql.push(
        "s.value, ROW_NUMBER() OVER (PARTITION BY a.woman_id \
         ORDER BY a.taken_on DESC, a.id DESC) AS newest \
         FROM assessments a JOIN assessment_scores s ON s.assessment_id = a.id \
         AND s.score_code = ",
    );
    let score_code = sql.bind(score.score_code);
    let instrument = sql.bind(score.instrument_code);
    sql.push_placeholder(score_code);
    sql.push_condition("a.instrument_code = ")
        .push_placeholder(instrument);
    place(&mut sql, filter, "a.province_id", "a.county_id");
    sql.push_condition("a.occasion <> 'baseline'");
    sql.push_condition("a.taken_on >= ")
        .push_bound(filter.from.to_iso_string());
    sql.push_condition("a.taken_on < ")
        .push_bound(filter.until.to_iso_string());
    sql.push_condition("s.value IS NOT NULL");
    sql.push(
        "), pairs AS (SELECT l.woman_id, l.county_id, l.taken_on, b.value AS baseline, \
         l.value AS latest FROM latest l \
         JOIN assessments ba ON ba.woman_id = l.woman_id AND ba.occasion = 'baseline' \
         AND ba.round = 0 AND ba.instrument_code = ",
    );
    sql.push_placeholder(instrument);
    sql.push(" JOIN assessment_scores b ON b.assessment_id = ba.id AND b.score_code = ");
    sql.push_placeholder(score_code);
    sql.push(
        " AND b.value IS NOT NULL \
         JOIN women w ON w.id = l.woman_id AND w.merged_into IS NULL \
         WHERE l.newest = 1), ",
    );
    if filter.placed {
        sql.push(PLACED);
    } else {
        sql.push(
            "placed AS (SELECT p.county_id, p.baseline, p.latest, \
             CAST(NULL AS TEXT) AS business_field, CAST(NULL AS TEXT) AS first_started \
             FROM pairs p), ",
        );
    }
    sql.push("cohorts AS (SELECT f.county_id, f.business_field, f.baseline, f.latest, ");
    cohort_case(&mut sql, filter);
    sql.push(
        " AS cohort FROM placed f) \
         SELECT county_id, business_field, cohort, CAST(COUNT(*) AS BIGINT) AS women, \
         CAST(SUM(baseline) AS BIGINT) AS baseline_sum, \
         CAST(SUM(latest) AS BIGINT) AS latest_sum, \
         CAST(SUM(CASE WHEN baseline > 0 THEN 1 ELSE 0 END) AS BIGINT) AS positive_at_baseline, \
         CAST(SUM(CASE WHEN latest > 0 THEN 1 ELSE 0 END) AS BIGINT) AS positive_at_latest \
         FROM cohorts GROUP BY county_id, business_field, cohort \
         ORDER BY county_id, business_field, cohort",
    );
    sql
}

impl AnyTx {
    async fn outcome_rows(&mut self, sql: SqlBuilder) -> StoreResult<Vec<sqlx::any::AnyRow>> {
        sql.build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)
    }

    /// Women per county with an exit as empowered in the span, or (`returned`) a return to
    /// coverage after one.
    async fn exit_counts(
        &mut self,
        filter: &OutcomeFilter,
        returned: bool,
    ) -> StoreResult<Vec<(PlaceId, i64)>> {
        let mut sql = SqlBuilder::new(
            "SELECT w.county_id, CAST(COUNT(DISTINCT e.woman_id) AS BIGINT) AS women \
             FROM coverage_episodes e JOIN women w ON w.id = e.woman_id",
        );
        sql.push_condition("w.merged_into IS NULL");
        place(&mut sql, filter, "w.province_id", "w.county_id");
        sql.push_condition("e.started_on >= ")
            .push_bound(filter.from.to_iso_string());
        sql.push_condition("e.started_on < ")
            .push_bound(filter.until.to_iso_string());
        if returned {
            sql.push_condition(
                "e.status <> 'exited' AND EXISTS (SELECT 1 FROM coverage_episodes x \
                 WHERE x.woman_id = e.woman_id AND x.status = 'exited' \
                 AND x.exit_reason = 'empowered' AND (x.started_on < e.started_on \
                 OR (x.started_on = e.started_on AND x.id < e.id)))",
            );
        } else {
            sql.push_condition("e.status = 'exited' AND e.exit_reason = 'empowered'");
        }
        sql.push(" GROUP BY w.county_id");
        self.outcome_rows(sql)
            .await?
            .iter()
            .map(|row| {
                let reader = RowReader::new(row, "coverage_episodes");
                Ok((reader.id("county_id")?, reader.int("women")?))
            })
            .collect()
    }
}

#[async_trait]
impl OutcomeReportsRepo for AnyTx {
    async fn outcome_pairs(
        &mut self,
        filter: &OutcomeFilter,
        score: ScoreRef,
    ) -> StoreResult<Vec<PairCell>> {
        let rows = self.outcome_rows(pairs_sql(filter, score)).await?;
        rows.iter()
            .map(|row| {
                let reader = RowReader::new(row, "assessments");
                Ok(PairCell {
                    county_id: reader.id("county_id")?,
                    business_field: reader.opt_text("business_field")?,
                    cohort: reader
                        .opt_int("cohort")?
                        .map(i32::try_from)
                        .transpose()
                        .map_err(|_| corrupt("assessments", "cohort out of range"))?,
                    women: reader.int("women")?,
                    baseline_sum: reader.int("baseline_sum")?,
                    latest_sum: reader.int("latest_sum")?,
                    positive_at_baseline: reader.int("positive_at_baseline")?,
                    positive_at_latest: reader.int("positive_at_latest")?,
                })
            })
            .collect()
    }

    async fn outcome_exits(&mut self, filter: &OutcomeFilter) -> StoreResult<Vec<ExitCell>> {
        let mut by_county = BTreeMap::<PlaceId, ExitCell>::new();
        for returned in [false, true] {
            for (county, women) in self.exit_counts(filter, returned).await? {
                let cell = by_county.entry(county).or_insert(ExitCell {
                    county_id: county,
                    graduated: 0,
                    returned: 0,
                });
                if returned {
                    cell.returned = women;
                } else {
                    cell.graduated = women;
                }
            }
        }
        Ok(by_county.into_values().collect())
    }
}
