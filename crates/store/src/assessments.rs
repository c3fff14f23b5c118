//! The `AssessmentsRepo` port on both engines: instruments kept as their JSON definitions,
//! one row per version, and the filled forms with their scores (migration 0028). A form's
//! scores are rows of `assessment_scores` written with the form, in the instrument's order
//! (`position`), and read back for a page of forms in one query per 500 forms. A repeated
//! version or a second form for an occasion is refused by the database's own keys, reported
//! as `StoreError::Unique` under one name on both engines (`instruments.version`,
//! `assessments.occasion`). The women followed are one query over `women`: `EXISTS` a
//! membership or an enrolment, her first day of either and her last exit read by correlated
//! subqueries that the woman-first indices of those tables serve, scoped by her place and,
//! for a person's own, by the groups she follows now (or, a social worker, the women whose
//! file names her); the earlier of the two first days is taken here, since the engines spell
//! the smaller of two values differently.

use std::collections::HashMap;

use async_trait::async_trait;
use hamyar_app::ports::assessments::{
    AssessmentId, AssessmentRow, AssessmentsQuery, AssessmentsRepo, ExportedAssessment,
    FollowedQuery, FollowedRow, InstrumentRow, TakenRow,
};
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::{StoreError, StoreResult};
use hamyar_domain::groups::StaffDuty;
use sqlx::any::AnyRow;

use crate::error::{corrupt, store_error};
use crate::rows::{RowReader, stored};
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

/// How many values one `IN (…)` list or multi-row insert binds at most.
const VALUES_PER_STATEMENT: usize = 500;

const INSTRUMENT_COLUMNS: &str = "SELECT code, version, definition, scheduled, created_by, \
     created_by_name, created_at FROM instruments";

/// The columns of a form, for `concat!`.
macro_rules! assessment_columns {
    () => {
        "SELECT a.id, a.woman_id, a.province_id, a.county_id, a.instrument_code, \
         a.instrument_version, a.occasion, a.round, a.taken_on, a.complete, a.answers, \
         a.source, a.note, a.recorded_by, a.recorded_by_name, a.recorded_at"
    };
}

const ASSESSMENT_COLUMNS: &str = concat!(assessment_columns!(), " FROM assessments a");

const EXPORTED_COLUMNS: &str = concat!(
    assessment_columns!(),
    ", w.national_id, w.first_name, w.last_name \
     FROM assessments a JOIN women w ON w.id = a.woman_id"
);

/// A woman with the first day of each way of being followed and, when her coverage has
/// ended, the day it did. Her exit is read among her own episodes (the status inside the
/// aggregate, so that only `coverage_episodes_woman_id` can serve it, never the index of all
/// exits by status).
const FOLLOWED_COLUMNS: &str = "SELECT w.id, w.first_name, w.last_name, w.province_id, \
     w.county_id, \
     (SELECT MIN(m.joined_on) FROM group_members m WHERE m.woman_id = w.id) AS joined_on, \
     (SELECT MIN(e.enrolled_on) FROM enrolments e WHERE e.woman_id = w.id) AS enrolled_on, \
     CASE WHEN w.coverage_status = 'exited' THEN \
     (SELECT MAX(CASE WHEN c.status = 'exited' THEN c.started_on END) \
     FROM coverage_episodes c WHERE c.woman_id = w.id) END AS exited_on \
     FROM women w";

/// Maps a violated key to `name` on both engines (each names it its own way).
fn unique_as(name: &'static str) -> impl Fn(sqlx::Error) -> StoreError {
    move |error| match store_error(error) {
        StoreError::Unique(_) => StoreError::Unique(name.to_owned()),
        other => other,
    }
}

#[async_trait]
impl AssessmentsRepo for AnyTx {
    async fn instruments(&mut self) -> StoreResult<Vec<InstrumentRow>> {
        let mut sql = SqlBuilder::new(INSTRUMENT_COLUMNS);
        sql.push(" ORDER BY code, version");
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read_instrument).collect()
    }

    async fn instrument(&mut self, code: &str, version: i64) -> StoreResult<Option<InstrumentRow>> {
        let mut sql = SqlBuilder::new(INSTRUMENT_COLUMNS);
        sql.push_equals("code", code)
            .push_equals("version", version);
        let row = sql
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(read_instrument).transpose()
    }

    async fn insert_instrument(&mut self, row: &InstrumentRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO instruments (code, version, definition, scheduled, created_by, \
             created_by_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(row.code.as_str())
        .bind(row.version)
        .bind(row.definition.as_str())
        .bind(i64::from(row.scheduled))
        .bind(row.created_by)
        .bind(row.created_by_name.as_str())
        .bind(stored(row.created_at))
        .execute(&mut *self.tx)
        .await
        .map_err(unique_as("instruments.version"))?;
        Ok(())
    }

    async fn insert_assessment(&mut self, row: &AssessmentRow) -> StoreResult<AssessmentId> {
        let id: AssessmentId = sqlx::query_scalar(
            "INSERT INTO assessments (woman_id, province_id, county_id, instrument_code, \
             instrument_version, occasion, round, taken_on, complete, answers, source, note, \
             recorded_by, recorded_by_name, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
             RETURNING id",
        )
        .bind(row.woman_id)
        .bind(row.province_id)
        .bind(row.county_id)
        .bind(row.instrument_code.as_str())
        .bind(row.instrument_version)
        .bind(row.occasion.as_str())
        .bind(row.round)
        .bind(row.taken_on.to_iso_string())
        .bind(i64::from(row.complete))
        .bind(row.answers.as_str())
        .bind(row.source.as_str())
        .bind(row.note.as_deref())
        .bind(row.recorded_by)
        .bind(row.recorded_by_name.as_str())
        .bind(stored(row.recorded_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(unique_as("assessments.occasion"))?;
        self.insert_scores(id, &row.scores).await?;
        Ok(id)
    }

    async fn assessment_by_id(&mut self, id: AssessmentId) -> StoreResult<Option<AssessmentRow>> {
        let mut sql = SqlBuilder::new(ASSESSMENT_COLUMNS);
        sql.push_equals("a.id", id.get());
        let row = sql
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let mut forms = vec![read_assessment(&row)?];
        self.attach_scores(&mut forms).await?;
        Ok(forms.pop())
    }

    async fn assessments_of(&mut self, woman: WomanId) -> StoreResult<Vec<AssessmentRow>> {
        let mut sql = SqlBuilder::new(ASSESSMENT_COLUMNS);
        sql.push_equals("a.woman_id", woman);
        sql.push(" ORDER BY a.taken_on, a.id");
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        let mut forms = rows
            .iter()
            .map(read_assessment)
            .collect::<StoreResult<Vec<_>>>()?;
        self.attach_scores(&mut forms).await?;
        Ok(forms)
    }

    async fn followed_women(&mut self, query: &FollowedQuery) -> StoreResult<Vec<FollowedRow>> {
        let mut sql = SqlBuilder::new(FOLLOWED_COLUMNS);
        sql.push_condition("w.merged_into IS NULL");
        sql.push_condition(
            "(EXISTS (SELECT 1 FROM group_members m WHERE m.woman_id = w.id) \
             OR EXISTS (SELECT 1 FROM enrolments e WHERE e.woman_id = w.id))",
        );
        if let Some(province) = query.place.province_id {
            sql.push_equals("w.province_id", province);
        }
        if let Some(county) = query.place.county_id {
            sql.push_equals("w.county_id", county);
        }
        if let Some(woman) = query.woman {
            sql.push_equals("w.id", woman);
        }
        if let Some(assigned) = query.assigned {
            let user = sql.bind(assigned.user_id);
            match assigned.duty {
                StaffDuty::SocialWorker => {
                    sql.push_condition("(w.social_worker_id = ")
                        .push_placeholder(user)
                        .push(
                            " OR EXISTS (SELECT 1 FROM group_members gm \
                             JOIN hamyar_groups g ON g.id = gm.group_id \
                             WHERE gm.woman_id = w.id AND gm.left_on IS NULL \
                             AND g.social_worker_id = ",
                        )
                        .push_placeholder(user)
                        .push("))");
                }
                StaffDuty::Facilitator => {
                    sql.push_condition(
                        "EXISTS (SELECT 1 FROM group_members gm \
                         JOIN hamyar_groups g ON g.id = gm.group_id \
                         WHERE gm.woman_id = w.id AND gm.left_on IS NULL \
                         AND g.facilitator_id = ",
                    )
                    .push_placeholder(user)
                    .push(")");
                }
            }
        }
        sql.push(" ORDER BY w.id");
        sql.push_page(query.limit, 0);
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read_followed).collect()
    }

    async fn taken_occasions(&mut self, women: &[WomanId]) -> StoreResult<Vec<TakenRow>> {
        let mut taken = Vec::new();
        for chunk in women.chunks(VALUES_PER_STATEMENT) {
            let mut sql = SqlBuilder::bulk(
                "SELECT woman_id, instrument_code, occasion, round FROM assessments \
                 WHERE woman_id IN (",
                self.backend,
                chunk.len(),
            );
            for (index, woman) in chunk.iter().enumerate() {
                if index > 0 {
                    sql.push(", ");
                }
                sql.push_bound(*woman);
            }
            sql.push(") ORDER BY woman_id, id");
            let rows = sql
                .build()
                .fetch_all(&mut *self.tx)
                .await
                .map_err(store_error)?;
            for row in &rows {
                let r = RowReader::new(row, "assessments");
                taken.push(TakenRow {
                    woman_id: r.id("woman_id")?,
                    instrument_code: r.text("instrument_code")?,
                    occasion: r.text("occasion")?,
                    round: r.int("round")?,
                });
            }
        }
        Ok(taken)
    }

    async fn assessments_page(
        &mut self,
        query: &AssessmentsQuery,
    ) -> StoreResult<Vec<ExportedAssessment>> {
        let mut sql = SqlBuilder::new(EXPORTED_COLUMNS);
        sql.push_equals("a.instrument_code", query.instrument_code.as_str());
        sql.push_condition("a.id > ").push_bound(query.after.get());
        if let Some(province) = query.place.province_id {
            sql.push_equals("a.province_id", province);
        }
        if let Some(county) = query.place.county_id {
            sql.push_equals("a.county_id", county);
        }
        sql.push(" ORDER BY a.id");
        sql.push_page(query.limit, 0);
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        let mut forms = Vec::with_capacity(rows.len());
        let mut people = Vec::with_capacity(rows.len());
        for row in &rows {
            forms.push(read_assessment(row)?);
            let r = RowReader::new(row, "women");
            people.push((
                r.text("national_id")?,
                r.text("first_name")?,
                r.text("last_name")?,
            ));
        }
        self.attach_scores(&mut forms).await?;
        Ok(forms
            .into_iter()
            .zip(people)
            .map(
                |(row, (national_id, first_name, last_name))| ExportedAssessment {
                    row,
                    national_id,
                    first_name,
                    last_name,
                },
            )
            .collect())
    }
}

impl AnyTx {
    /// Writes a form's scores in their order, a multi-row insert per 500.
    async fn insert_scores(
        &mut self,
        id: AssessmentId,
        scores: &[(String, Option<i64>)],
    ) -> StoreResult<()> {
        let mut position = 0_i64;
        for chunk in scores.chunks(VALUES_PER_STATEMENT) {
            let mut sql = SqlBuilder::bulk(
                "INSERT INTO assessment_scores (assessment_id, score_code, position, value) \
                 VALUES ",
                self.backend,
                chunk.len() * 4,
            );
            for (index, (code, value)) in chunk.iter().enumerate() {
                sql.push(if index == 0 { "(" } else { ", (" });
                sql.push_bound(id.get());
                sql.push(", ").push_bound(code.as_str());
                sql.push(", ").push_bound(position);
                sql.push(", ").push_bound(*value).push(")");
                position += 1;
            }
            sql.build()
                .execute(&mut *self.tx)
                .await
                .map_err(store_error)?;
        }
        Ok(())
    }

    /// Fills in the scores of these forms, each in the order it was written.
    async fn attach_scores(&mut self, forms: &mut [AssessmentRow]) -> StoreResult<()> {
        let mut scores: HashMap<AssessmentId, Vec<(String, Option<i64>)>> = HashMap::new();
        for chunk in forms.chunks(VALUES_PER_STATEMENT) {
            let mut sql = SqlBuilder::bulk(
                "SELECT assessment_id, score_code, value FROM assessment_scores \
                 WHERE assessment_id IN (",
                self.backend,
                chunk.len(),
            );
            for (index, form) in chunk.iter().enumerate() {
                if index > 0 {
                    sql.push(", ");
                }
                sql.push_bound(form.id.get());
            }
            sql.push(") ORDER BY assessment_id, position");
            let rows = sql
                .build()
                .fetch_all(&mut *self.tx)
                .await
                .map_err(store_error)?;
            for row in &rows {
                let r = RowReader::new(row, "assessment_scores");
                scores
                    .entry(r.id("assessment_id")?)
                    .or_default()
                    .push((r.text("score_code")?, r.opt_int("value")?));
            }
        }
        for form in forms {
            form.scores = scores.remove(&form.id).unwrap_or_default();
        }
        Ok(())
    }
}

fn read_instrument(row: &AnyRow) -> StoreResult<InstrumentRow> {
    let r = RowReader::new(row, "instruments");
    Ok(InstrumentRow {
        code: r.text("code")?,
        version: r.int("version")?,
        definition: r.text("definition")?,
        scheduled: r.flag("scheduled")?,
        created_by: r.opt_id("created_by")?,
        created_by_name: r.text("created_by_name")?,
        created_at: r.timestamp("created_at")?,
    })
}

/// A form without its scores (read apart, see [`AnyTx::attach_scores`]).
fn read_assessment(row: &AnyRow) -> StoreResult<AssessmentRow> {
    let r = RowReader::new(row, "assessments");
    Ok(AssessmentRow {
        id: r.id("id")?,
        woman_id: r.id("woman_id")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        instrument_code: r.text("instrument_code")?,
        instrument_version: r.int("instrument_version")?,
        occasion: r.text("occasion")?,
        round: r.int("round")?,
        taken_on: r.date("taken_on")?,
        complete: r.flag("complete")?,
        answers: r.text("answers")?,
        scores: Vec::new(),
        source: r.text("source")?,
        note: r.opt_text("note")?,
        recorded_by: r.opt_id("recorded_by")?,
        recorded_by_name: r.text("recorded_by_name")?,
        recorded_at: r.timestamp("recorded_at")?,
    })
}

fn read_followed(row: &AnyRow) -> StoreResult<FollowedRow> {
    let r = RowReader::new(row, "women");
    let woman_id: WomanId = r.id("id")?;
    let started_on = match (r.opt_date("joined_on")?, r.opt_date("enrolled_on")?) {
        (Some(joined), Some(enrolled)) => joined.min(enrolled),
        (Some(day), None) | (None, Some(day)) => day,
        (None, None) => {
            return Err(corrupt(
                "women",
                format!("row {woman_id}: followed without a membership or an enrolment"),
            ));
        }
    };
    Ok(FollowedRow {
        woman_id,
        first_name: r.text("first_name")?,
        last_name: r.text("last_name")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        started_on,
        exited_on: r.opt_date("exited_on")?,
    })
}
