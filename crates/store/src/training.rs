//! The `TrainingRepo` port on both engines: the catalogue of course kinds and providers,
//! course runs with their sessions, enrolments and attendance (migration 0023). An
//! enrolment's outcome changes by a conditional update (`… WHERE id = $1 AND status = $2`)
//! that reports whether a row changed, and PostgreSQL enrolments first lock the run's row
//! (`FOR UPDATE`), so two coordinators filling its last seat run one after the other.
//! Attendance is written as one multi-row upsert per few hundred marks, so a session's
//! register of thirty women is one statement, and a second mark replaces the first.

use std::collections::HashMap;

use async_trait::async_trait;
use hamyar_app::access::PlaceId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::training::{
    AttendanceRow, CourseKindId, CourseKindRow, CourseRunId, CourseRunRow, EnrolledWoman,
    EnrolmentId, EnrolmentOutcome, EnrolmentRow, MarkStamp, ProviderId, ProviderRow, RunFilter,
    SessionId, SessionRow, TrainingRepo,
};
use hamyar_app::ports::{Backend, StoreResult};
use hamyar_domain::{persian_order, search_key};
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::sql::{Arg, PersianSorted, SqlBuilder, order_in_persian};
use crate::tx::AnyTx;

const KIND_COLUMNS: &str = "SELECT id, code, name, name_en, category, skill_standard_code, \
     hours, min_attendance_percent, final_assessment, active, created_at FROM course_kinds";

const PROVIDER_COLUMNS: &str = "SELECT id, province_id, name, name_key, kind, phone, \
     created_by, created_by_name, created_at FROM training_providers";

const RUN_COLUMNS: &str = "SELECT id, province_id, county_id, code, course_kind_id, \
     provider_id, budget_line_id, trainer_name, place, online, capacity, starts_on, ends_on, \
     cancelled_on, created_by, created_by_name, created_at FROM course_runs";

const SESSION_COLUMNS: &str = "SELECT id, run_id, seq, held_on, hours FROM course_sessions";

/// The enrolment's own columns, from `enrolments e` (the run's list joins `women w`).
const ENROLMENT_FIELDS: &str = "SELECT e.id, e.run_id, e.woman_id, e.group_id, \
     e.enrolled_on, e.status, e.assessment_passed, e.completed_on, e.dropped_on, \
     e.dropout_reason, e.skill_certificate_no, e.certificate_code, e.enrolled_by, \
     e.enrolled_by_name, e.created_at";

/// Marks per upsert statement: six values each, far below either engine's bound-value limit.
const MARKS_PER_INSERT: usize = 500;

#[async_trait]
impl TrainingRepo for AnyTx {
    async fn insert_course_kind(&mut self, kind: &CourseKindRow) -> StoreResult<CourseKindId> {
        sqlx::query_scalar(
            "INSERT INTO course_kinds (code, name, name_en, category, skill_standard_code, \
             hours, min_attendance_percent, final_assessment, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(kind.code.as_str())
        .bind(kind.name.as_str())
        .bind(kind.name_en.as_str())
        .bind(kind.category.as_str())
        .bind(kind.skill_standard_code.as_deref())
        .bind(kind.hours)
        .bind(kind.min_attendance_percent)
        .bind(i64::from(kind.final_assessment))
        .bind(i64::from(kind.active))
        .bind(stored(kind.created_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn course_kinds(&mut self, active_only: bool) -> StoreResult<Vec<CourseKindRow>> {
        let mut sql = SqlBuilder::new(KIND_COLUMNS);
        if active_only {
            sql.push_condition("active = 1");
        }
        sql.push(" ORDER BY id");
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        let mut kinds = rows
            .iter()
            .map(read_kind)
            .collect::<StoreResult<Vec<_>>>()?;
        // A catalogue of a few dozen rows: sorted here in Persian alphabetical order, which
        // neither engine's collation gives for names typed as they are.
        kinds.sort_by_cached_key(|kind| {
            (
                kind.category.clone(),
                persian_order(&search_key(&kind.name)),
                kind.id,
            )
        });
        Ok(kinds)
    }

    async fn course_kind_by_id(&mut self, id: CourseKindId) -> StoreResult<Option<CourseKindRow>> {
        let mut sql = SqlBuilder::new(KIND_COLUMNS);
        sql.push_equals("id", id);
        let row = sql
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(read_kind).transpose()
    }

    async fn insert_provider(&mut self, provider: &ProviderRow) -> StoreResult<ProviderId> {
        sqlx::query_scalar(
            "INSERT INTO training_providers (province_id, name, name_key, kind, phone, \
             created_by, created_by_name, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(provider.province_id)
        .bind(provider.name.as_str())
        .bind(provider.name_key.as_str())
        .bind(provider.kind.as_str())
        .bind(provider.phone.as_deref())
        .bind(provider.created_by)
        .bind(provider.created_by_name.as_str())
        .bind(stored(provider.created_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn provider_by_id(&mut self, id: ProviderId) -> StoreResult<Option<ProviderRow>> {
        let mut sql = SqlBuilder::new(PROVIDER_COLUMNS);
        sql.push_equals("id", id);
        let row = sql
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(read_provider).transpose()
    }

    async fn providers_of(&mut self, province_id: PlaceId) -> StoreResult<Vec<ProviderRow>> {
        let mut sql = SqlBuilder::new(PROVIDER_COLUMNS);
        sql.push_equals("province_id", province_id);
        sql.push(order_in_persian(PersianSorted::NameKey, self.backend));
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read_provider).collect()
    }

    async fn insert_course_run(&mut self, run: &CourseRunRow) -> StoreResult<CourseRunId> {
        sqlx::query_scalar(
            "INSERT INTO course_runs (province_id, county_id, code, course_kind_id, \
             provider_id, budget_line_id, trainer_name, place, online, capacity, starts_on, \
             ends_on, cancelled_on, created_by, created_by_name, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
             RETURNING id",
        )
        .bind(run.province_id)
        .bind(run.county_id)
        .bind(run.code.as_str())
        .bind(run.course_kind_id)
        .bind(run.provider_id)
        .bind(run.budget_line_id)
        .bind(run.trainer_name.as_str())
        .bind(run.place.as_str())
        .bind(i64::from(run.online))
        .bind(run.capacity)
        .bind(run.starts_on.to_iso_string())
        .bind(run.ends_on.to_iso_string())
        .bind(run.cancelled_on.map(|day| day.to_iso_string()))
        .bind(run.created_by)
        .bind(run.created_by_name.as_str())
        .bind(stored(run.created_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn course_run_by_id(&mut self, id: CourseRunId) -> StoreResult<Option<CourseRunRow>> {
        self.one_run(id, "").await
    }

    async fn lock_course_run(&mut self, id: CourseRunId) -> StoreResult<Option<CourseRunRow>> {
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        };
        self.one_run(id, lock).await
    }

    async fn course_run_by_code(
        &mut self,
        province_id: PlaceId,
        code: &str,
    ) -> StoreResult<Option<CourseRunRow>> {
        let mut sql = SqlBuilder::new(RUN_COLUMNS);
        sql.push_equals("province_id", province_id);
        sql.push_equals("code", code);
        let row = sql
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(read_run).transpose()
    }

    async fn course_runs(&mut self, filter: &RunFilter) -> StoreResult<Vec<CourseRunRow>> {
        let mut sql = SqlBuilder::new(RUN_COLUMNS);
        if let Some(province) = filter.province_id {
            sql.push_equals("province_id", province);
        }
        if let Some(county) = filter.county_id {
            sql.push_equals("county_id", county);
        }
        sql.push(" ORDER BY starts_on DESC, id DESC");
        sql.push_page(filter.limit, filter.offset);
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read_run).collect()
    }

    async fn insert_course_session(&mut self, session: &SessionRow) -> StoreResult<SessionId> {
        sqlx::query_scalar(
            "INSERT INTO course_sessions (run_id, seq, held_on, hours) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(session.run_id)
        .bind(session.seq)
        .bind(session.held_on.to_iso_string())
        .bind(session.hours)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn course_sessions_of(&mut self, run_id: CourseRunId) -> StoreResult<Vec<SessionRow>> {
        let mut sql = SqlBuilder::new(SESSION_COLUMNS);
        sql.push_equals("run_id", run_id);
        sql.push(" ORDER BY seq, id");
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read_session).collect()
    }

    async fn insert_enrolment(&mut self, enrolment: &EnrolmentRow) -> StoreResult<EnrolmentId> {
        sqlx::query_scalar(
            "INSERT INTO enrolments (run_id, woman_id, group_id, enrolled_on, status, \
             assessment_passed, completed_on, dropped_on, dropout_reason, \
             skill_certificate_no, certificate_code, enrolled_by, enrolled_by_name, \
             created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
             RETURNING id",
        )
        .bind(enrolment.run_id)
        .bind(enrolment.woman_id)
        .bind(enrolment.group_id)
        .bind(enrolment.enrolled_on.to_iso_string())
        .bind(enrolment.status.as_str())
        .bind(enrolment.assessment_passed.map(i64::from))
        .bind(enrolment.completed_on.map(|day| day.to_iso_string()))
        .bind(enrolment.dropped_on.map(|day| day.to_iso_string()))
        .bind(enrolment.dropout_reason.as_deref())
        .bind(enrolment.skill_certificate_no.as_deref())
        .bind(enrolment.certificate_code.as_deref())
        .bind(enrolment.enrolled_by)
        .bind(enrolment.enrolled_by_name.as_str())
        .bind(stored(enrolment.created_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn enrolment_by_id(&mut self, id: EnrolmentId) -> StoreResult<Option<EnrolmentRow>> {
        let mut sql = SqlBuilder::new(ENROLMENT_FIELDS);
        sql.push(" FROM enrolments e");
        sql.push_equals("e.id", id);
        let row = sql
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(read_enrolment).transpose()
    }

    async fn enrolment_by_certificate_code(
        &mut self,
        code: &str,
    ) -> StoreResult<Option<EnrolmentRow>> {
        // An exact match on the unique column (its index answers it on both engines).
        let mut sql = SqlBuilder::new(ENROLMENT_FIELDS);
        sql.push(" FROM enrolments e");
        sql.push_equals("e.certificate_code", code);
        let row = sql
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(read_enrolment).transpose()
    }

    async fn enrolments_of_run(&mut self, run_id: CourseRunId) -> StoreResult<Vec<EnrolledWoman>> {
        let mut sql = SqlBuilder::new(ENROLMENT_FIELDS);
        sql.push(
            ", w.national_id, w.first_name, w.last_name, w.county_id \
             FROM enrolments e JOIN women w ON w.id = e.woman_id",
        );
        sql.push_equals("e.run_id", run_id);
        // The registry's list order: the respelled "last first" key (migration 0021).
        sql.push(" ORDER BY w.name_key_reversed, e.id");
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter()
            .map(|row| {
                let r = RowReader::new(row, "enrolments");
                Ok(EnrolledWoman {
                    enrolment: read_enrolment(row)?,
                    national_id: r.text("national_id")?,
                    first_name: r.text("first_name")?,
                    last_name: r.text("last_name")?,
                    county_id: r.id("county_id")?,
                })
            })
            .collect()
    }

    async fn enrolments_of_woman(&mut self, woman_id: WomanId) -> StoreResult<Vec<EnrolmentRow>> {
        let mut sql = SqlBuilder::new(ENROLMENT_FIELDS);
        sql.push(" FROM enrolments e");
        sql.push_equals("e.woman_id", woman_id);
        sql.push(" ORDER BY e.enrolled_on DESC, e.id DESC");
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read_enrolment).collect()
    }

    async fn set_enrolment_outcome(
        &mut self,
        id: EnrolmentId,
        expected_status: &str,
        outcome: &EnrolmentOutcome,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE enrolments SET status = $3, assessment_passed = $4, completed_on = $5, \
             dropped_on = $6, dropout_reason = $7, skill_certificate_no = $8, \
             certificate_code = $9 WHERE id = $1 AND status = $2",
        )
        .bind(id)
        .bind(expected_status)
        .bind(outcome.status.as_str())
        .bind(outcome.assessment_passed.map(i64::from))
        .bind(outcome.completed_on.map(|day| day.to_iso_string()))
        .bind(outcome.dropped_on.map(|day| day.to_iso_string()))
        .bind(outcome.dropout_reason.as_deref())
        .bind(outcome.skill_certificate_no.as_deref())
        .bind(outcome.certificate_code.as_deref())
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn record_attendance(
        &mut self,
        marks: &[AttendanceRow],
        stamp: &MarkStamp,
    ) -> StoreResult<()> {
        // PostgreSQL refuses an upsert that touches one row twice; the last mark given wins,
        // as it would have one statement at a time.
        let mut last = HashMap::with_capacity(marks.len());
        for (index, mark) in marks.iter().enumerate() {
            last.insert((mark.session_id, mark.enrolment_id), index);
        }
        let marks: Vec<&AttendanceRow> = marks
            .iter()
            .enumerate()
            .filter(|(index, mark)| last[&(mark.session_id, mark.enrolment_id)] == *index)
            .map(|(_, mark)| mark)
            .collect();
        for chunk in marks.chunks(MARKS_PER_INSERT) {
            upsert_marks(self.backend, chunk, stamp)
                .build()
                .execute(&mut *self.tx)
                .await
                .map_err(store_error)?;
        }
        Ok(())
    }

    async fn attendance_of_run(&mut self, run_id: CourseRunId) -> StoreResult<Vec<AttendanceRow>> {
        let mut sql = SqlBuilder::new(
            "SELECT a.session_id, a.enrolment_id, a.mark FROM attendance_marks a \
             JOIN course_sessions s ON s.id = a.session_id",
        );
        sql.push_equals("s.run_id", run_id);
        sql.push(" ORDER BY s.seq, a.session_id, a.enrolment_id");
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter()
            .map(|row| {
                let r = RowReader::new(row, "attendance_marks");
                Ok(AttendanceRow {
                    session_id: r.id("session_id")?,
                    enrolment_id: r.id("enrolment_id")?,
                    mark: r.text("mark")?,
                })
            })
            .collect()
    }
}

impl AnyTx {
    async fn one_run(
        &mut self,
        id: CourseRunId,
        lock: &'static str,
    ) -> StoreResult<Option<CourseRunRow>> {
        let mut sql = SqlBuilder::new(RUN_COLUMNS);
        sql.push_equals("id", id);
        sql.push(lock);
        let row = sql
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(read_run).transpose()
    }
}

/// One multi-row `INSERT … ON CONFLICT DO UPDATE` of `marks`, the stamp bound once.
fn upsert_marks(backend: Backend, marks: &[&AttendanceRow], stamp: &MarkStamp) -> SqlBuilder {
    let mut sql = SqlBuilder::bulk(
        "INSERT INTO attendance_marks (session_id, enrolment_id, mark, recorded_by, \
         recorded_by_name, recorded_at) VALUES ",
        backend,
        marks.len() * 3 + 3,
    );
    let by = sql.bind(Arg::from(stamp.by));
    let by_name = sql.bind(stamp.by_name.as_str());
    let at = sql.bind(stored(stamp.at));
    for (index, mark) in marks.iter().enumerate() {
        sql.push(if index == 0 { "(" } else { ", (" });
        sql.push_bound(mark.session_id);
        sql.push(", ").push_bound(mark.enrolment_id);
        sql.push(", ").push_bound(mark.mark.as_str());
        sql.push(", ").push_placeholder(by);
        sql.push(", ").push_placeholder(by_name);
        sql.push(", ").push_placeholder(at).push(")");
    }
    sql.push(
        " ON CONFLICT (session_id, enrolment_id) DO UPDATE SET mark = excluded.mark, \
         recorded_by = excluded.recorded_by, recorded_by_name = excluded.recorded_by_name, \
         recorded_at = excluded.recorded_at",
    );
    sql
}

fn read_kind(row: &AnyRow) -> StoreResult<CourseKindRow> {
    let r = RowReader::new(row, "course_kinds");
    Ok(CourseKindRow {
        id: r.id("id")?,
        code: r.text("code")?,
        name: r.text("name")?,
        name_en: r.text("name_en")?,
        category: r.text("category")?,
        skill_standard_code: r.opt_text("skill_standard_code")?,
        hours: r.int("hours")?,
        min_attendance_percent: r.int("min_attendance_percent")?,
        final_assessment: r.flag("final_assessment")?,
        active: r.flag("active")?,
        created_at: r.timestamp("created_at")?,
    })
}

fn read_provider(row: &AnyRow) -> StoreResult<ProviderRow> {
    let r = RowReader::new(row, "training_providers");
    Ok(ProviderRow {
        id: r.id("id")?,
        province_id: r.id("province_id")?,
        name: r.text("name")?,
        name_key: r.text("name_key")?,
        kind: r.text("kind")?,
        phone: r.opt_text("phone")?,
        created_by: r.opt_id("created_by")?,
        created_by_name: r.text("created_by_name")?,
        created_at: r.timestamp("created_at")?,
    })
}

fn read_run(row: &AnyRow) -> StoreResult<CourseRunRow> {
    let r = RowReader::new(row, "course_runs");
    Ok(CourseRunRow {
        id: r.id("id")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        code: r.text("code")?,
        course_kind_id: r.id("course_kind_id")?,
        provider_id: r.id("provider_id")?,
        budget_line_id: r.opt_id("budget_line_id")?,
        trainer_name: r.text("trainer_name")?,
        place: r.text("place")?,
        online: r.flag("online")?,
        capacity: r.int("capacity")?,
        starts_on: r.date("starts_on")?,
        ends_on: r.date("ends_on")?,
        cancelled_on: r.opt_date("cancelled_on")?,
        created_by: r.opt_id("created_by")?,
        created_by_name: r.text("created_by_name")?,
        created_at: r.timestamp("created_at")?,
    })
}

fn read_session(row: &AnyRow) -> StoreResult<SessionRow> {
    let r = RowReader::new(row, "course_sessions");
    Ok(SessionRow {
        id: r.id("id")?,
        run_id: r.id("run_id")?,
        seq: r.int("seq")?,
        held_on: r.date("held_on")?,
        hours: r.int("hours")?,
    })
}

fn read_enrolment(row: &AnyRow) -> StoreResult<EnrolmentRow> {
    let r = RowReader::new(row, "enrolments");
    Ok(EnrolmentRow {
        id: r.id("id")?,
        run_id: r.id("run_id")?,
        woman_id: r.id("woman_id")?,
        group_id: r.opt_id("group_id")?,
        enrolled_on: r.date("enrolled_on")?,
        status: r.text("status")?,
        assessment_passed: r.opt_int("assessment_passed")?.map(|value| value != 0),
        completed_on: r.opt_date("completed_on")?,
        dropped_on: r.opt_date("dropped_on")?,
        dropout_reason: r.opt_text("dropout_reason")?,
        skill_certificate_no: r.opt_text("skill_certificate_no")?,
        certificate_code: r.opt_text("certificate_code")?,
        enrolled_by: r.opt_id("enrolled_by")?,
        enrolled_by_name: r.text("enrolled_by_name")?,
        created_at: r.timestamp("created_at")?,
    })
}
