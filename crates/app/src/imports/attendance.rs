//! Attendance rows: a provider's attendance sheet, one row per woman and session, through
//! the one-tap sheet's use-case (`record_attendance_in_tx`), so every rule of marking holds
//! for a file too: the run in the importer's scope, the session held (not after today), the
//! woman enrolled in the run and not dropped out before that session.
//!
//! A row names the run by its code in the importer's province (`hamyar import attendance
//! --run CODE` writes it into rows that leave it blank; on the web page it is a column of the
//! file), the woman by national ID, the session by its number or its Jalali day, and the
//! mark as the sheet writes it (حاضر/غایب/موجه, ح/غ, present/absent/excused).
//!
//! The natural key is (session, woman): a mark already recorded with the same value is
//! *already present* and skipped; a different mark replaces it, as marking the sheet again
//! does (the trail keeps both). So a re-run imports nothing, and a corrected sheet imports
//! only its corrections.

use std::collections::HashMap;

use hamyar_domain::training::AttendanceMark;
use hamyar_domain::{JalaliDate, Message, NationalId, to_latin_digits};

use super::lookup::normalized_code;
use super::{HistoryRow, RowOutcome, RowRefusal, RowResult};
use crate::access::Actor;
use crate::error::AppError;
use crate::ports::Tx;
use crate::ports::training::{CourseRunRow, EnrolledWoman, RunFilter, SessionRow};
use crate::service::App;
use crate::training::MarkInput;

pub(super) const COLUMNS: &[&str] = &["run_code", "national_id", "session", "mark"];

/// The marking use-case's fields and the columns they come from: its one sheet-wide field
/// (`marks`) can only be the dropout rule here, since the mark itself is read first.
const FIELDS: &[(&str, &str)] = &[("session", "session"), ("marks", "national_id")];

fn refused(error: AppError) -> RowRefusal {
    // The use-case's `NotFound` (a run or woman out of reach) is told on the run's column,
    // never as "no such group".
    let error = match error {
        AppError::NotFound => invalid("run_code", "training-imports-no_run"),
        other => other,
    };
    RowRefusal {
        error,
        fields: FIELDS,
    }
}

fn invalid(column: &'static str, id: &'static str) -> AppError {
    AppError::invalid(column, Message::new(id))
}

/// The runs a file's rows named, by normalised code: a sheet names one run hundreds of times.
#[derive(Default)]
pub(super) struct RunCache {
    by_code: HashMap<String, CourseRunRow>,
}

impl RunCache {
    /// The run with this code that the actor reaches: by code in the actor's province, or,
    /// for a country-wide importer, the one run of any province with that code.
    async fn run(
        &mut self,
        tx: &mut dyn Tx,
        actor: &Actor,
        text: &str,
    ) -> Result<CourseRunRow, AppError> {
        let code = normalized_code(text);
        if code.is_empty() {
            return Err(invalid("run_code", "training-imports-run_code_required"));
        }
        if let Some(run) = self.by_code.get(&code) {
            return Ok(run.clone());
        }
        let run = match actor.scope.province() {
            Some(province) => tx.course_run_by_code(province, &code).await?,
            None => {
                let mut named = tx
                    .course_runs(&RunFilter::default())
                    .await?
                    .into_iter()
                    .filter(|run| run.code == code);
                let first = named.next();
                if named.next().is_some() {
                    return Err(invalid(
                        "run_code",
                        "training-imports-run_code_in_two_provinces",
                    ));
                }
                first
            }
        };
        let run = run
            .filter(|run| {
                actor
                    .scope
                    .covers(Some(run.province_id), Some(run.county_id))
            })
            .ok_or_else(|| invalid("run_code", "training-imports-no_run"))?;
        self.by_code.insert(code, run.clone());
        Ok(run)
    }
}

/// The session a cell names: its number (`3`, `۳`) or its day (`1405/08/03`).
fn session_named(sessions: &[SessionRow], text: &str) -> Result<SessionRow, AppError> {
    if text.is_empty() {
        return Err(invalid("session", "training-imports-session_required"));
    }
    let latin = to_latin_digits(text);
    let found = match latin.parse::<i64>() {
        Ok(seq) => sessions.iter().find(|session| session.seq == seq),
        Err(_) => JalaliDate::parse(text)
            .ok()
            .and_then(|day| sessions.iter().find(|session| session.held_on == day)),
    };
    found.copied().ok_or_else(|| {
        AppError::invalid(
            "session",
            Message::new("training-imports-no_session").arg("session", text.to_owned()),
        )
    })
}

/// The enrolment of the woman a cell names by national ID.
fn enrolment_named<'a>(
    enrolled: &'a [EnrolledWoman],
    text: &str,
) -> Result<&'a EnrolledWoman, AppError> {
    NationalId::parse(text)
        .ok()
        .and_then(|id| enrolled.iter().find(|e| e.national_id == id.as_str()))
        .ok_or_else(|| {
            AppError::invalid(
                "national_id",
                Message::new("training-imports-not_enrolled").arg("national_id", text.to_owned()),
            )
        })
}

pub(super) async fn import(
    app: &App,
    tx: &mut dyn Tx,
    actor: &Actor,
    row: &HistoryRow,
    runs: &mut RunCache,
) -> RowResult {
    let run = runs
        .run(tx, actor, row.get("run_code"))
        .await
        .map_err(refused)?;
    let sessions = tx
        .course_sessions_of(run.id)
        .await
        .map_err(|error| refused(error.into()))?;
    let enrolled = tx
        .enrolments_of_run(run.id)
        .await
        .map_err(|error| refused(error.into()))?;
    let session = session_named(&sessions, row.get("session")).map_err(refused)?;
    let enrolment = enrolment_named(&enrolled, row.get("national_id"))
        .map_err(refused)?
        .enrolment
        .id;
    let mark = AttendanceMark::parse(row.get("mark"))
        .ok_or_else(|| invalid("mark", "training-unknown_mark"))
        .map_err(refused)?;
    let marks = tx
        .attendance_of_run(run.id)
        .await
        .map_err(|error| refused(error.into()))?;
    let recorded = marks
        .iter()
        .find(|m| m.session_id == session.id && m.enrolment_id == enrolment);
    if recorded.is_some_and(|m| m.mark == mark.code()) {
        return Ok(RowOutcome::AlreadyPresent("mark"));
    }
    let input = MarkInput {
        enrolment_id: enrolment,
        mark: mark.code().to_owned(),
    };
    app.record_attendance_in_tx(tx, actor, run.id, session.id, &[input])
        .await
        .map_err(refused)?;
    Ok(RowOutcome::Imported)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::training::{CourseRunId, SessionId};

    fn sessions() -> Vec<SessionRow> {
        ["1405/08/01", "1405/08/03"]
            .iter()
            .enumerate()
            .map(|(index, day)| SessionRow {
                id: SessionId::new(index as i64 + 10),
                run_id: CourseRunId::new(1),
                seq: index as i64 + 1,
                held_on: JalaliDate::parse(day).unwrap(),
                hours: 4,
            })
            .collect()
    }

    #[test]
    fn a_session_is_named_by_its_number_in_either_digits_or_by_its_day() {
        let sessions = sessions();
        assert_eq!(session_named(&sessions, "۲").unwrap().seq, 2);
        assert_eq!(session_named(&sessions, "1").unwrap().seq, 1);
        assert_eq!(session_named(&sessions, "۱۴۰۵/۰۸/۰۳").unwrap().seq, 2);
        for unknown in ["3", "1405/08/02", "سوم"] {
            assert!(session_named(&sessions, unknown).is_err(), "{unknown}");
        }
        assert!(session_named(&sessions, "").is_err());
    }
}
