//! Marking a session's attendance: one mark per woman (present, absent, excused), the whole
//! sheet in one transaction and one audit row (the session and the counts, never names). A
//! session is marked on or after its day, never before; a woman is marked only while she is
//! in the run (not for a session after the day she dropped out); a mark given again replaces
//! the first, and the trail keeps both.

use hamyar_domain::Message;
use hamyar_domain::training::AttendanceMark;
use serde_json::json;

use super::{run_in_scope, status};
use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult, FieldError};
use crate::once::{KeyedRequest, Once};
use crate::ports::Tx;
use crate::ports::training::{AttendanceRow, CourseRunId, EnrolmentId, MarkStamp, SessionId};
use crate::service::{App, AuditEntry, actor_name};

/// One woman's mark as sent: her enrolment and an `AttendanceMark` code or label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkInput {
    pub enrolment_id: EnrolmentId,
    pub mark: String,
}

/// The most marks one sheet may carry (a run holds at most 500 women).
const MAX_MARKS: usize = 500;

impl App {
    /// Records the marks of one session of `run_id`.
    pub async fn record_attendance(
        &self,
        actor: &Actor,
        run_id: CourseRunId,
        session_id: SessionId,
        marks: &[MarkInput],
    ) -> AppResult<usize> {
        // A refusal takes no write lock; the `_in_tx` form checks again for its own callers.
        check_request(actor, marks)?;
        let mut tx = self.db.write().await?;
        let recorded = self
            .record_attendance_in_tx(tx.as_mut(), actor, run_id, session_id, marks)
            .await?;
        tx.commit().await?;
        Ok(recorded)
    }

    /// [`App::record_attendance`] done once per idempotency key (the JSON API and the field
    /// app): a sheet sent again under the same key is not marked a second time (which would
    /// add a second audit row and a second stamp to every mark), and the repeat is answered
    /// with the first sheet's count.
    pub async fn record_attendance_once(
        &self,
        actor: &Actor,
        run_id: CourseRunId,
        session_id: SessionId,
        marks: &[MarkInput],
        request: KeyedRequest<'_>,
    ) -> AppResult<Once<usize>> {
        check_request(actor, marks)?;
        let mut tx = self.db.write().await?;
        if let Some(first) = self.recall(tx.as_mut(), actor, request).await? {
            return Ok(first);
        }
        let recorded = self
            .record_attendance_in_tx(tx.as_mut(), actor, run_id, session_id, marks)
            .await?;
        self.remember(tx, actor, request, recorded).await
    }

    /// [`App::record_attendance`] inside the caller's transaction (the attendance import
    /// runs every row of a file through it in one transaction). Commits nothing.
    pub(crate) async fn record_attendance_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        run_id: CourseRunId,
        session_id: SessionId,
        marks: &[MarkInput],
    ) -> AppResult<usize> {
        check_request(actor, marks)?;
        let run = run_in_scope(tx, actor, run_id, false).await?;
        let session = tx
            .course_sessions_of(run.id)
            .await?
            .into_iter()
            .find(|session| session.id == session_id)
            .ok_or(AppError::NotFound)?;
        if session.held_on > self.today() {
            return Err(AppError::invalid(
                "session",
                Message::new("training-session_not_yet"),
            ));
        }
        let enrolled = tx.enrolments_of_run(run.id).await?;
        let mut rows = Vec::with_capacity(marks.len());
        let mut problems = Vec::new();
        for input in marks {
            let Some(enrolment) = enrolled
                .iter()
                .find(|e| e.enrolment.id == input.enrolment_id)
            else {
                return Err(AppError::NotFound);
            };
            let e = &enrolment.enrolment;
            if e.status == status::DROPPED && e.dropped_on.is_some_and(|day| day < session.held_on)
            {
                problems.push(FieldError::new(
                    "marks",
                    Message::new("training-marked_after_dropout").arg(
                        "name",
                        format!("{} {}", enrolment.first_name, enrolment.last_name),
                    ),
                ));
                continue;
            }
            match AttendanceMark::parse(&input.mark) {
                Some(mark) => rows.push(AttendanceRow {
                    session_id,
                    enrolment_id: e.id,
                    mark: mark.code().to_owned(),
                }),
                None => problems.push(FieldError::new(
                    "marks",
                    Message::new("training-unknown_mark"),
                )),
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let stamp = MarkStamp {
            by: actor.user_id,
            by_name: actor_name(tx, actor).await?,
            at: self.now(),
        };
        tx.record_attendance(&rows, &stamp).await?;
        let count = |code: &str| rows.iter().filter(|row| row.mark == code).count();
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "training.attendance",
                entity_kind: "course_run",
                entity_id: run.id.to_string(),
                province_id: Some(run.province_id),
                county_id: Some(run.county_id),
                before: None,
                after: Some(json!({
                    "session_id": session_id,
                    "seq": session.seq,
                    "present": count("present"),
                    "absent": count("absent"),
                    "excused": count("excused"),
                })),
            },
        )
        .await?;
        Ok(rows.len())
    }
}

/// Who may mark, and a sheet of one to [`MAX_MARKS`] marks.
fn check_request(actor: &Actor, marks: &[MarkInput]) -> AppResult<()> {
    actor.require(Permission::RecordAttendance)?;
    if marks.is_empty() || marks.len() > MAX_MARKS {
        return Err(AppError::invalid(
            "marks",
            Message::new("training-marks_required"),
        ));
    }
    Ok(())
}
