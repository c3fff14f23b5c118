//! Enrolling women in a run: by national ID, or a whole group (its members on the day of
//! enrolment). All or nothing: every woman must be registered, within the actor's reach and
//! of the run's province; a woman already enrolled is counted and left as she is; the run
//! must not be cancelled or over, and the seats taken (women not dropped out) may not pass
//! its capacity — checked under the run's row lock, so two coordinators filling its last
//! seats cannot both succeed.

use hamyar_domain::{JalaliDate, Message, MessageArg, NationalId, to_latin_digits};
use serde_json::json;

use super::{run_in_scope, status};
use crate::access::{Actor, Permission};
use crate::budget::allocation::parse_date_or;
use crate::error::{AppError, AppResult, FieldError};
use crate::groups::group_in_scope;
use crate::ports::Tx;
use crate::ports::groups::GroupId;
use crate::ports::registry::WomanId;
use crate::ports::training::{CourseRunId, CourseRunRow, EnrolmentId, EnrolmentRow};
use crate::registry::woman_in_scope;
use crate::service::{App, AuditEntry, actor_name};

/// The most seats a run has (its capacity is at most this), and so the most women one
/// enrolment may name.
const MAX_SEATS: usize = 500;

/// What an enrolment wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EnrolmentSummary {
    pub enrolled: usize,
    /// Women who were in the run already.
    pub already: usize,
}

fn national_ids(text: &str) -> Vec<String> {
    let mut ids: Vec<String> = to_latin_digits(text)
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '،' | ';' | '؛'))
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect();
    ids.dedup();
    ids
}

impl App {
    /// Enrols the women of `national_ids` (separated by spaces, commas or lines) on
    /// `enrolled_on` (blank: today).
    pub async fn enrol_women(
        &self,
        actor: &Actor,
        run_id: CourseRunId,
        national_ids_text: &str,
        enrolled_on: &str,
    ) -> AppResult<EnrolmentSummary> {
        actor.require(Permission::ManageTraining)?;
        let day = parse_date_or("enrolled_on", enrolled_on, self.today())?;
        // A run seats at most MAX_SEATS women: a longer list is refused before any lookup,
        // so one form cannot hold the write lock for thousands of queries.
        let texts = national_ids(national_ids_text);
        if texts.len() > MAX_SEATS {
            return Err(AppError::invalid(
                "national_ids",
                Message::new("training-too_many_national_ids")
                    .arg("max", MessageArg::digits(MAX_SEATS)),
            ));
        }
        let mut tx = self.db.write().await?;
        let run = run_in_scope(tx.as_mut(), actor, run_id, true).await?;
        let mut women = Vec::new();
        let mut problems = Vec::new();
        if texts.is_empty() {
            problems.push(FieldError::new(
                "national_ids",
                Message::new("training-national_ids_required"),
            ));
        }
        for text in texts {
            match self.woman_for_run(tx.as_mut(), actor, &run, &text).await? {
                Some(id) => women.push(id),
                None => problems.push(FieldError::new(
                    "national_ids",
                    Message::new("training-woman_not_for_run").arg("national_id", text.as_str()),
                )),
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let women: Vec<(WomanId, Option<GroupId>)> = women.into_iter().map(|w| (w, None)).collect();
        let summary = self
            .enrol_in_tx(tx.as_mut(), actor, &run, &women, day)
            .await?;
        tx.commit().await?;
        Ok(summary)
    }

    /// Enrols the members of a group (those in it on `enrolled_on`, blank: today).
    pub async fn enrol_group(
        &self,
        actor: &Actor,
        run_id: CourseRunId,
        group_id: GroupId,
        enrolled_on: &str,
    ) -> AppResult<EnrolmentSummary> {
        actor.require(Permission::ManageTraining)?;
        let day = parse_date_or("enrolled_on", enrolled_on, self.today())?;
        let mut tx = self.db.write().await?;
        let run = run_in_scope(tx.as_mut(), actor, run_id, true).await?;
        let group = match group_in_scope(tx.as_mut(), actor, group_id).await {
            Err(AppError::NotFound) => {
                return Err(AppError::invalid(
                    "group_id",
                    Message::new("training-group_not_for_run"),
                ));
            }
            other => other?,
        };
        if group.record.province_id != run.province_id {
            return Err(AppError::invalid(
                "group_id",
                Message::new("training-group_not_for_run"),
            ));
        }
        let members: Vec<(WomanId, Option<GroupId>)> = tx
            .members_of_group(group_id)
            .await?
            .into_iter()
            .filter(|member| {
                member.membership.joined_on <= day
                    && member.membership.left_on.is_none_or(|left| left > day)
            })
            .map(|member| (member.membership.woman_id, Some(group_id)))
            .collect();
        if members.is_empty() {
            return Err(AppError::invalid(
                "group_id",
                Message::new("training-group_has_no_members"),
            ));
        }
        let summary = self
            .enrol_in_tx(tx.as_mut(), actor, &run, &members, day)
            .await?;
        // The group's open needs of this kind are met by this run, in the same transaction.
        self.meet_training_needs_in_tx(tx.as_mut(), actor, &run, group_id, day)
            .await?;
        tx.commit().await?;
        Ok(summary)
    }

    /// The woman of this national ID, if registered, reachable by the actor and of the run's
    /// province.
    async fn woman_for_run(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        run: &CourseRunRow,
        text: &str,
    ) -> AppResult<Option<WomanId>> {
        let Ok(national_id) = NationalId::parse(text) else {
            return Ok(None);
        };
        let Some(row) = tx
            .woman_by_national_id(national_id.as_str())
            .await?
            .filter(|row| row.merged_into.is_none())
        else {
            return Ok(None);
        };
        match woman_in_scope(tx, actor, row.id).await {
            Ok(woman) if woman.record.province_id == run.province_id => Ok(Some(woman.id)),
            Ok(_) | Err(AppError::NotFound) => Ok(None),
            Err(other) => Err(other),
        }
    }

    async fn enrol_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        run: &CourseRunRow,
        women: &[(WomanId, Option<GroupId>)],
        day: JalaliDate,
    ) -> AppResult<EnrolmentSummary> {
        if run.cancelled_on.is_some() {
            return Err(AppError::invalid(
                "run",
                Message::new("training-run_cancelled"),
            ));
        }
        if day > run.ends_on {
            return Err(AppError::invalid(
                "enrolled_on",
                Message::new("training-run_over"),
            ));
        }
        if day > self.today() {
            return Err(AppError::invalid(
                "enrolled_on",
                Message::new("training-date_in_future"),
            ));
        }
        let present = tx.enrolments_of_run(run.id).await?;
        let taken = present
            .iter()
            .filter(|e| e.enrolment.status != status::DROPPED)
            .count();
        let new: Vec<&(WomanId, Option<GroupId>)> = women
            .iter()
            .filter(|(woman, _)| !present.iter().any(|e| e.enrolment.woman_id == *woman))
            .collect();
        let capacity = usize::try_from(run.capacity).unwrap_or(0);
        if taken + new.len() > capacity {
            return Err(AppError::invalid(
                "capacity",
                Message::new("training-over_capacity")
                    .arg("capacity", MessageArg::digits(capacity))
                    .arg("free", MessageArg::digits(capacity.saturating_sub(taken))),
            ));
        }
        let by_name = actor_name(tx, actor).await?;
        let mut ids: Vec<EnrolmentId> = Vec::new();
        for (woman, group) in &new {
            ids.push(
                tx.insert_enrolment(&EnrolmentRow {
                    id: EnrolmentId::default(),
                    run_id: run.id,
                    woman_id: *woman,
                    group_id: *group,
                    enrolled_on: day,
                    status: status::ENROLLED.to_owned(),
                    assessment_passed: None,
                    completed_on: None,
                    dropped_on: None,
                    dropout_reason: None,
                    skill_certificate_no: None,
                    certificate_code: None,
                    enrolled_by: actor.user_id,
                    enrolled_by_name: by_name.clone(),
                    created_at: self.now(),
                })
                .await?,
            );
        }
        let summary = EnrolmentSummary {
            enrolled: new.len(),
            already: women.len() - new.len(),
        };
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "training.enrol",
                entity_kind: "course_run",
                entity_id: run.id.to_string(),
                province_id: Some(run.province_id),
                county_id: Some(run.county_id),
                before: None,
                after: Some(json!({
                    "enrolled_on": day.to_iso_string(),
                    "women": new.iter().map(|(woman, _)| *woman).collect::<Vec<_>>(),
                    "group_id": women.first().and_then(|(_, group)| *group),
                    "enrolments": ids,
                    "already": summary.already,
                })),
            },
        )
        .await?;
        Ok(summary)
    }
}
