//! Reading training: the runs of the actor's place, one run with its sessions and each
//! woman's marks, counts and verdict under the course kind's rule (judged on the sessions
//! held so far, for those still enrolled), and a woman's training history. Opening a run's
//! page shows women's names, so it is audited as `training.run_view` with the women as
//! subjects, like a group's page.

use std::collections::HashMap;

use hamyar_domain::training::{CompletionVerdict, RunCosts};
use serde_json::json;

use super::outcome::rule_of;
use super::{run_in_scope, status};
use crate::access::{Actor, Permission};
use crate::audit::shown::women_subjects;
use crate::error::{AppError, AppResult};
use crate::ports::registry::WomanId;
use crate::ports::training::{
    CourseKindRow, CourseRunId, CourseRunRow, EnrolledWoman, EnrolmentRow, ProviderRow, RunFilter,
    SessionRow,
};
use crate::registry::woman_in_scope;
use crate::service::{App, AuditEntry};

/// One woman in a run, with her marks in the order of the sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolledView {
    pub woman: EnrolledWoman,
    /// Her mark code for each session (`None`: not marked).
    pub marks: Vec<Option<String>>,
    pub present: u32,
    pub absent: u32,
    pub excused: u32,
    /// For a woman still enrolled: the rule's verdict on the sessions held so far.
    pub verdict: Option<CompletionVerdict>,
}

/// A run with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunView {
    pub run: CourseRunRow,
    pub kind: CourseKindRow,
    pub provider: ProviderRow,
    pub sessions: Vec<SessionRow>,
    /// Sessions on or before today.
    pub sessions_held: u32,
    pub women: Vec<EnrolledView>,
    /// Women not dropped out.
    pub seats_taken: usize,
    pub completed: usize,
    pub dropped: usize,
    /// The hours of the sessions held.
    pub hours_delivered: i64,
    /// What the ledger paid for the run, and per woman, completer and hour.
    pub costs: RunCosts,
}

impl App {
    /// The runs of the actor's place (a county's, for a county-wide reader), newest first.
    pub async fn course_runs(&self, actor: &Actor, page: i64) -> AppResult<Vec<CourseRunRow>> {
        actor.require(Permission::ViewGroups)?;
        let mut tx = self.db.read().await?;
        let rows = tx
            .course_runs(&RunFilter {
                province_id: actor.scope.province(),
                county_id: actor.scope.county(),
                limit: 100,
                offset: page.max(0) * 100,
            })
            .await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// A run with its sessions and women; `opening` (a page's GET) audits the women shown.
    pub async fn course_run(
        &self,
        actor: &Actor,
        id: CourseRunId,
        opening: bool,
    ) -> AppResult<RunView> {
        actor.require(Permission::ViewGroups)?;
        actor.require(Permission::ViewPersonalData)?;
        // Everything is read in a read transaction, so readers of runs do not queue behind
        // one another; the write lock is taken only for the audit row of an opening.
        let mut tx = self.db.read().await?;
        let run = run_in_scope(tx.as_mut(), actor, id, false).await?;
        let kind = tx
            .course_kind_by_id(run.course_kind_id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("run {id} has no course kind")))?;
        let provider = tx
            .provider_by_id(run.provider_id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("run {id} has no provider")))?;
        let sessions = tx.course_sessions_of(id).await?;
        let marks = tx.attendance_of_run(id).await?;
        let enrolled = tx.enrolments_of_run(id).await?;
        let rule = rule_of(tx.as_mut(), &run).await?;
        let today = self.today();
        let held: Vec<&SessionRow> = sessions.iter().filter(|s| s.held_on <= today).collect();
        let sessions_held = u32::try_from(held.len()).unwrap_or(u32::MAX);
        // Each mark found by (session, enrolment) once, so a full run (500 women, many
        // sessions) costs one pass over its marks rather than one per cell of the sheet.
        let by_cell: HashMap<(i64, i64), &str> = marks
            .iter()
            .map(|m| ((m.session_id.get(), m.enrolment_id.get()), m.mark.as_str()))
            .collect();
        let women: Vec<EnrolledView> = enrolled
            .into_iter()
            .map(|woman| {
                let enrolment = woman.enrolment.id.get();
                let mine: Vec<Option<String>> = sessions
                    .iter()
                    .map(|session| {
                        by_cell
                            .get(&(session.id.get(), enrolment))
                            .map(|mark| (*mark).to_owned())
                    })
                    .collect();
                let count = |code: &str| {
                    u32::try_from(mine.iter().flatten().filter(|m| *m == code).count()).unwrap_or(0)
                };
                let (present, absent, excused) =
                    (count("present"), count("absent"), count("excused"));
                let verdict = (woman.enrolment.status == status::ENROLLED).then(|| {
                    let attended = held
                        .iter()
                        .filter(|session| {
                            by_cell.get(&(session.id.get(), enrolment)) == Some(&"present")
                        })
                        .count();
                    rule.verdict(
                        sessions_held,
                        u32::try_from(attended).unwrap_or(0),
                        woman.enrolment.assessment_passed,
                    )
                });
                EnrolledView {
                    woman,
                    marks: mine,
                    present,
                    absent,
                    excused,
                    verdict,
                }
            })
            .collect();
        let paid = tx.paid_for_course_run(id).await?;
        tx.commit().await?;
        if opening && !women.is_empty() {
            let ids: Vec<WomanId> = women.iter().map(|w| w.woman.enrolment.woman_id).collect();
            let subjects = women_subjects(women.iter().map(|w| {
                (
                    w.woman.enrolment.woman_id,
                    run.province_id,
                    w.woman.county_id,
                )
            }));
            let mut tx = self.db.write().await?;
            self.audit_with_subjects_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor,
                    action: "training.run_view",
                    entity_kind: "course_run",
                    entity_id: id.to_string(),
                    province_id: Some(run.province_id),
                    county_id: Some(run.county_id),
                    before: None,
                    after: Some(json!({"women": ids})),
                },
                subjects,
            )
            .await?;
            tx.commit().await?;
        }
        let count = |code: &str| {
            women
                .iter()
                .filter(|w| w.woman.enrolment.status == code)
                .count()
        };
        let hours_delivered: i64 = held.iter().map(|s| s.hours).sum();
        let costs = RunCosts::of(
            paid,
            i64::try_from(women.len()).unwrap_or(i64::MAX),
            i64::try_from(count(status::COMPLETED)).unwrap_or(i64::MAX),
            hours_delivered,
        );
        Ok(RunView {
            costs,
            seats_taken: women.len() - count(status::DROPPED),
            completed: count(status::COMPLETED),
            dropped: count(status::DROPPED),
            hours_delivered,
            sessions_held,
            run,
            kind,
            provider,
            sessions,
            women,
        })
    }

    /// A woman's enrolments, newest first, for her file.
    pub async fn training_of_woman(
        &self,
        actor: &Actor,
        woman_id: WomanId,
    ) -> AppResult<Vec<(EnrolmentRow, CourseRunRow, CourseKindRow)>> {
        actor.require(Permission::ViewGroups)?;
        let mut tx = self.db.read().await?;
        woman_in_scope(tx.as_mut(), actor, woman_id).await?;
        let mut rows = Vec::new();
        for enrolment in tx.enrolments_of_woman(woman_id).await? {
            let Some(run) = tx.course_run_by_id(enrolment.run_id).await? else {
                continue;
            };
            let Some(kind) = tx.course_kind_by_id(run.course_kind_id).await? else {
                continue;
            };
            rows.push((enrolment, run, kind));
        }
        tx.commit().await?;
        Ok(rows)
    }
}
