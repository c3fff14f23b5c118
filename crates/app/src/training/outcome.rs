//! A woman's outcome in a run. *Completed*: on a day on or after the run's last session and
//! not after today, only when the course kind's rule holds for her — the share of its
//! sessions she was marked present at, and the final assessment where the course has one —
//! with the national skill certificate's number when one was issued; she is given the code
//! Hamyar's own certificate is checked with (ten letters and digits that cannot be mistaken
//! for each other). *Dropped*: on a day within the run, with a coded reason. Either is
//! written only from *enrolled* (the row's status is compared in the update), once.

use hamyar_domain::training::{CompletionRule, CompletionVerdict, DropoutReason};
use hamyar_domain::{JalaliDate, Message, MessageArg, to_latin_digits};
use rand::Rng;
use serde_json::json;

use super::{run_in_scope, status};
use crate::access::{Actor, Permission};
use crate::budget::allocation::parse_date_or;
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::training::{CourseRunRow, EnrolmentId, EnrolmentOutcome, EnrolmentRow};
use crate::service::{App, AuditEntry};

/// The completion form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompletionInput {
    /// Blank: today.
    pub completed_on: String,
    /// The final assessment's result, where the course has one.
    pub assessment_passed: Option<bool>,
    pub skill_certificate_no: String,
}

/// The dropout form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DropoutInput {
    /// Blank: today.
    pub dropped_on: String,
    /// A `DropoutReason` code or label.
    pub reason: String,
}

/// Letters and digits a person reads back without confusing them (no 0/O, 1/I/L, 5/S, 2/Z).
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRTUVWXY346789";

/// A fresh certificate code, `XXXXX-XXXXX`.
pub(crate) fn certificate_code() -> String {
    let mut rng = rand::rng();
    let mut code = String::with_capacity(11);
    for index in 0..10 {
        if index == 5 {
            code.push('-');
        }
        let pick = rng.random_range(0..CODE_ALPHABET.len());
        code.push(char::from(CODE_ALPHABET[pick]));
    }
    code
}

/// The rule of a run's course kind.
pub(crate) async fn rule_of(tx: &mut dyn Tx, run: &CourseRunRow) -> AppResult<CompletionRule> {
    let kind = tx
        .course_kind_by_id(run.course_kind_id)
        .await?
        .ok_or_else(|| AppError::Internal(format!("run {} has no course kind", run.id)))?;
    let percent = u8::try_from(kind.min_attendance_percent).unwrap_or(100);
    CompletionRule::new(percent, kind.final_assessment)
        .map_err(|_| AppError::Internal(format!("course kind {} has a bad rule", kind.id)))
}

/// Sessions held up to `day` and those of them she was present at.
pub(crate) async fn attendance_of(
    tx: &mut dyn Tx,
    run: &CourseRunRow,
    enrolment: EnrolmentId,
    day: JalaliDate,
) -> AppResult<(u32, u32)> {
    let sessions = tx.course_sessions_of(run.id).await?;
    let held: Vec<_> = sessions
        .iter()
        .filter(|s| s.held_on <= day)
        .map(|s| s.id)
        .collect();
    let marks = tx.attendance_of_run(run.id).await?;
    let present = marks
        .iter()
        .filter(|m| {
            m.enrolment_id == enrolment && m.mark == "present" && held.contains(&m.session_id)
        })
        .count();
    Ok((
        u32::try_from(held.len()).unwrap_or(u32::MAX),
        u32::try_from(present).unwrap_or(u32::MAX),
    ))
}

fn verdict_refusal(verdict: CompletionVerdict) -> AppError {
    match verdict {
        CompletionVerdict::TooFewSessions {
            attended,
            held,
            needed,
        } => AppError::invalid(
            "completed_on",
            Message::new("training-too_few_sessions")
                .arg("attended", MessageArg::digits(attended))
                .arg("held", MessageArg::digits(held))
                .arg("needed", MessageArg::digits(needed)),
        ),
        CompletionVerdict::AssessmentNotPassed => AppError::invalid(
            "assessment_passed",
            Message::new("training-assessment_not_passed"),
        ),
        CompletionVerdict::NothingHeld | CompletionVerdict::Completes => {
            AppError::invalid("completed_on", Message::new("training-nothing_held"))
        }
    }
}

impl App {
    async fn enrolment_to_decide(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        id: EnrolmentId,
    ) -> AppResult<(EnrolmentRow, CourseRunRow)> {
        actor.require(Permission::ManageTraining)?;
        let enrolment = tx.enrolment_by_id(id).await?.ok_or(AppError::NotFound)?;
        let run = run_in_scope(tx, actor, enrolment.run_id, true).await?;
        if enrolment.status != status::ENROLLED {
            return Err(AppError::invalid(
                "enrolment",
                Message::new("training-outcome_recorded"),
            ));
        }
        Ok((enrolment, run))
    }

    /// Records that the woman completed the run; returns her certificate code.
    pub async fn record_completion(
        &self,
        actor: &Actor,
        id: EnrolmentId,
        input: &CompletionInput,
    ) -> AppResult<String> {
        let day = parse_date_or("completed_on", &input.completed_on, self.today())?;
        let number = to_latin_digits(input.skill_certificate_no.trim());
        if number.chars().count() > 50 {
            return Err(AppError::invalid(
                "skill_certificate_no",
                Message::new("training-too_long"),
            ));
        }
        let mut tx = self.db.write().await?;
        let (enrolment, run) = self.enrolment_to_decide(tx.as_mut(), actor, id).await?;
        if day < run.ends_on || day > self.today() {
            return Err(AppError::invalid(
                "completed_on",
                Message::new("training-completed_on_range")
                    .arg("ends_on", MessageArg::digits(run.ends_on)),
            ));
        }
        let rule = rule_of(tx.as_mut(), &run).await?;
        let (held, attended) = attendance_of(tx.as_mut(), &run, id, day).await?;
        let verdict = rule.verdict(held, attended, input.assessment_passed);
        if verdict != CompletionVerdict::Completes {
            return Err(verdict_refusal(verdict));
        }
        let code = certificate_code();
        let outcome = EnrolmentOutcome {
            status: status::COMPLETED.to_owned(),
            assessment_passed: input.assessment_passed,
            completed_on: Some(day),
            dropped_on: None,
            dropout_reason: None,
            skill_certificate_no: (!number.is_empty()).then_some(number),
            certificate_code: Some(code.clone()),
        };
        if !tx
            .set_enrolment_outcome(id, status::ENROLLED, &outcome)
            .await?
        {
            return Err(AppError::invalid(
                "enrolment",
                Message::new("training-outcome_recorded"),
            ));
        }
        self.audit_outcome(
            tx.as_mut(),
            actor,
            &enrolment,
            &run,
            "training.complete",
            json!({
                "completed_on": day.to_iso_string(),
                "sessions_held": held,
                "sessions_attended": attended,
                "assessment_passed": outcome.assessment_passed,
                "skill_certificate_no": outcome.skill_certificate_no,
                "certificate_code": code,
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(code)
    }

    /// Records that the woman left the run, with a coded reason.
    pub async fn record_dropout(
        &self,
        actor: &Actor,
        id: EnrolmentId,
        input: &DropoutInput,
    ) -> AppResult<()> {
        let day = parse_date_or("dropped_on", &input.dropped_on, self.today())?;
        let reason = DropoutReason::parse(&input.reason).ok_or_else(|| {
            AppError::invalid("reason", Message::new("training-choose_dropout_reason"))
        })?;
        let mut tx = self.db.write().await?;
        let (enrolment, run) = self.enrolment_to_decide(tx.as_mut(), actor, id).await?;
        if day < enrolment.enrolled_on || day > self.today() {
            return Err(AppError::invalid(
                "dropped_on",
                Message::new("training-dropped_on_range"),
            ));
        }
        let outcome = EnrolmentOutcome {
            status: status::DROPPED.to_owned(),
            assessment_passed: None,
            completed_on: None,
            dropped_on: Some(day),
            dropout_reason: Some(reason.code().to_owned()),
            skill_certificate_no: None,
            certificate_code: None,
        };
        if !tx
            .set_enrolment_outcome(id, status::ENROLLED, &outcome)
            .await?
        {
            return Err(AppError::invalid(
                "enrolment",
                Message::new("training-outcome_recorded"),
            ));
        }
        self.audit_outcome(
            tx.as_mut(),
            actor,
            &enrolment,
            &run,
            "training.dropout",
            json!({
                "dropped_on": day.to_iso_string(),
                "reason": reason.code(),
            }),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn audit_outcome(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        enrolment: &EnrolmentRow,
        run: &CourseRunRow,
        action: &str,
        after: serde_json::Value,
    ) -> AppResult<()> {
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action,
                entity_kind: "enrolment",
                entity_id: enrolment.id.to_string(),
                province_id: Some(run.province_id),
                county_id: Some(run.county_id),
                before: Some(json!({"status": enrolment.status, "woman_id": enrolment.woman_id})),
                after: Some(after),
            },
        )
        .await
    }
}
