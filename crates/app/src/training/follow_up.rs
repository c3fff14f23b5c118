//! The follow-ups after a course (issue 18): three and six Jalali months after a run's last
//! session, each woman who completed it is asked whether she works and whether she earns from
//! the course's skill. Nothing is written until she is asked: a follow-up is *due* when its
//! day (`FollowUpMonth::due_on`) is on or before today and the enrolment has no answer for
//! that month, and the list of those due is one query per month over the runs that ended by
//! the day `last_end_due_by` gives. Recording an answer takes it off the list.
//!
//! Who: asking is a phone call by whoever follows the woman, so it needs `RecordAttendance`
//! (the experts, the social worker and the facilitator — those who mark the sessions are
//! those who know the women); the run must lie in the actor's scope, as for every training
//! record. The list and the form show names and mobiles, so their openings are audited
//! (`training.follow_ups_view` with the women shown as subjects, `training.follow_up_view`),
//! and the answer is written in one transaction with its audit row.
//!
//! [`App::employment_at_follow_up`] is what the training reports count as "employment at
//! follow-up": for a place and a period, per month (3, 6) and per county, course kind and
//! provider, the follow-ups that fell due in the period, how many were asked, and how many
//! answered "works" and "earns from the course".

use hamyar_domain::JalaliDate;
use hamyar_domain::training::follow_up::{
    FollowUpAnswer, FollowUpInput, FollowUpMonth, last_end_due_by,
};
use hamyar_domain::{Message, MessageArg};
use serde_json::json;

use super::{run_in_scope, status};
use crate::access::{Actor, Permission};
use crate::audit::shown::women_subjects;
use crate::error::{AppError, AppResult};
use crate::group_life::visits::own_groups;
use crate::ports::Tx;
use crate::ports::groups::PlaceFilter;
use crate::ports::job_plans::{
    FollowUpDueRow, FollowUpId, FollowUpRow, FollowUpTallyQuery, FollowUpTallyRow,
    FollowUpsDueQuery,
};
use crate::ports::training::{CourseKindRow, CourseRunRow, EnrolmentId, EnrolmentRow};
use crate::registry::field_errors;
use crate::service::{App, AuditEntry, actor_name};

/// One follow-up due, with its day and how late it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpDue {
    pub row: FollowUpDueRow,
    pub due_on: JalaliDate,
    /// Days from the due day to today (0: due today).
    pub days_late: i64,
}

/// The follow-ups due for the actor: the most overdue first, at most `limit`, and how many
/// there are in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpsDue {
    pub items: Vec<FollowUpDue>,
    pub total: i64,
}

/// What the follow-up form of one enrolment shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpSheet {
    pub enrolment: EnrolmentRow,
    pub run: CourseRunRow,
    pub kind: CourseKindRow,
    pub first_name: String,
    pub last_name: String,
    pub mobile: Option<String>,
    /// Each month with its due day and its answer, if asked.
    pub months: Vec<(FollowUpMonth, JalaliDate, Option<FollowUpRow>)>,
}

/// A place and a period for the reports (days included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpPeriod {
    pub place: PlaceFilter,
    pub from: JalaliDate,
    pub to: JalaliDate,
}

/// Employment at follow-up: the counts per month, and per county, course kind and provider.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmploymentAtFollowUp {
    pub three: Vec<FollowUpTallyRow>,
    pub six: Vec<FollowUpTallyRow>,
}

/// Sums of a month's rows: (due, done, working, earning from the course).
pub fn tally_totals(rows: &[FollowUpTallyRow]) -> (i64, i64, i64, i64) {
    rows.iter().fold((0, 0, 0, 0), |(a, b, c, d), row| {
        (
            a + row.due,
            b + row.done,
            c + row.working,
            d + row.earning_from_course,
        )
    })
}

/// The follow-ups of a place that fell due from `from` to `to` (not after `today`), counted
/// per month and per county, course kind and provider, inside a transaction the caller holds:
/// the training report calls it beside its own queries. Only completed enrolments of runs not
/// cancelled are followed up.
pub async fn employment_at_follow_up_in(
    tx: &mut dyn Tx,
    period: &FollowUpPeriod,
    today: JalaliDate,
) -> AppResult<EmploymentAtFollowUp> {
    let to = period.to.min(today);
    let mut result = EmploymentAtFollowUp::default();
    for month in FollowUpMonth::ALL {
        // Due in [from, to] ⇔ ended after the last end due by the day before `from`, and
        // not after the last end due by `to`.
        let ended_from = last_end_due_by(period.from.add_days(-1), month).add_days(1);
        let ended_to = last_end_due_by(to, month);
        let rows = if ended_from > ended_to {
            Vec::new()
        } else {
            tx.follow_up_tally(&FollowUpTallyQuery {
                place: period.place,
                month,
                ended_from,
                ended_to,
            })
            .await?
        };
        match month {
            FollowUpMonth::Three => result.three = rows,
            FollowUpMonth::Six => result.six = rows,
        }
    }
    Ok(result)
}

impl App {
    /// Employment at follow-up for a place the actor's scope covers (counts only: no name).
    pub async fn employment_at_follow_up(
        &self,
        actor: &Actor,
        period: &FollowUpPeriod,
    ) -> AppResult<EmploymentAtFollowUp> {
        actor.require(Permission::ViewGroups)?;
        if !actor
            .scope
            .covers(period.place.province_id, period.place.county_id)
        {
            return Err(AppError::NotFound);
        }
        let mut tx = self.db.read().await?;
        let result = employment_at_follow_up_in(tx.as_mut(), period, self.today()).await?;
        tx.commit().await?;
        Ok(result)
    }

    /// The follow-ups due on or before today in the actor's place — a social worker's or
    /// facilitator's own groups' women when `own` — most overdue first. `opening` (a page's
    /// GET, Today's) audits the women shown; the list is read in a read transaction and only a
    /// list that shows someone takes a write one for its audit row, so a home page with
    /// nothing due writes nothing.
    pub async fn follow_ups_due(
        &self,
        actor: &Actor,
        own: bool,
        limit: usize,
        opening: bool,
    ) -> AppResult<FollowUpsDue> {
        actor.require(Permission::RecordAttendance)?;
        let today = self.today();
        let place = PlaceFilter {
            province_id: actor.scope.province(),
            county_id: actor.scope.county(),
        };
        let assigned = if own { own_groups(actor) } else { None };
        let mut tx = self.db.read().await?;
        let mut items = Vec::new();
        let mut total = 0;
        for month in FollowUpMonth::ALL {
            let query = FollowUpsDueQuery {
                place,
                assigned,
                month,
                ended_by: last_end_due_by(today, month),
                limit: i64::try_from(limit).unwrap_or(i64::MAX),
            };
            total += tx.count_follow_ups_due(&query).await?;
            for row in tx.follow_ups_due(&query).await? {
                let due_on = month.due_on(row.ended_on);
                items.push(FollowUpDue {
                    days_late: due_on.days_until(today),
                    due_on,
                    row,
                });
            }
        }
        tx.commit().await?;
        items.sort_by_key(|item| (item.due_on, item.row.month, item.row.enrolment_id));
        items.truncate(limit);
        if opening && !items.is_empty() {
            let mut tx = self.db.write().await?;
            let women: Vec<_> = items.iter().map(|i| i.row.woman_id).collect();
            self.audit_with_subjects_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor,
                    action: "training.follow_ups_view",
                    entity_kind: "course_follow_ups",
                    entity_id: String::new(),
                    province_id: place.province_id,
                    county_id: place.county_id,
                    before: None,
                    after: Some(json!({"women": women, "own": own})),
                },
                women_subjects(
                    items
                        .iter()
                        .map(|i| (i.row.woman_id, i.row.province_id, i.row.county_id)),
                ),
            )
            .await?;
            tx.commit().await?;
        }
        Ok(FollowUpsDue { items, total })
    }

    /// The follow-up form of a completed enrolment in the actor's scope; `opening` audits it.
    pub async fn follow_up_sheet(
        &self,
        actor: &Actor,
        id: EnrolmentId,
        opening: bool,
    ) -> AppResult<FollowUpSheet> {
        actor.require(Permission::RecordAttendance)?;
        actor.require(Permission::ViewPersonalData)?;
        let mut tx = if opening {
            self.db.write().await?
        } else {
            self.db.read().await?
        };
        let (enrolment, run) = followed_enrolment(tx.as_mut(), actor, id).await?;
        let kind = tx
            .course_kind_by_id(run.course_kind_id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("run {} has no course kind", run.id)))?;
        let woman = tx
            .woman_by_id(enrolment.woman_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let answers = tx.follow_ups_of_enrolment(id).await?;
        let months = FollowUpMonth::ALL
            .into_iter()
            .map(|month| {
                let answer = answers.iter().find(|a| a.due_month == month).cloned();
                (month, month.due_on(run.ends_on), answer)
            })
            .collect();
        if opening {
            self.audit_with_subjects_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor,
                    action: "training.follow_up_view",
                    entity_kind: "enrolment",
                    entity_id: id.to_string(),
                    province_id: Some(run.province_id),
                    county_id: Some(run.county_id),
                    before: None,
                    after: Some(json!({"woman_id": enrolment.woman_id})),
                },
                women_subjects([(
                    enrolment.woman_id,
                    woman.record.province_id,
                    woman.record.county_id,
                )]),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(FollowUpSheet {
            first_name: woman.record.first_name,
            last_name: woman.record.last_name,
            mobile: woman.record.mobile,
            enrolment,
            run,
            kind,
            months,
        })
    }

    /// Records the answer to the follow-up of `month` of a completed enrolment, once it is due.
    pub async fn record_follow_up(
        &self,
        actor: &Actor,
        id: EnrolmentId,
        month: FollowUpMonth,
        input: &FollowUpInput,
    ) -> AppResult<FollowUpId> {
        actor.require(Permission::RecordAttendance)?;
        let today = self.today();
        let mut tx = self.db.write().await?;
        let (enrolment, run) = followed_enrolment(tx.as_mut(), actor, id).await?;
        let due_on = month.due_on(run.ends_on);
        if due_on > today {
            return Err(AppError::invalid(
                "recorded_on",
                Message::new("job-preparation-follow_up_not_due")
                    .arg("due_on", MessageArg::digits(due_on)),
            ));
        }
        let answer: FollowUpAnswer = input
            .parse(due_on, today)
            .map_err(|problems| AppError::Invalid(field_errors(problems, None)))?;
        let asked = tx.follow_ups_of_enrolment(id).await?;
        if asked.iter().any(|a| a.due_month == month) {
            return Err(already_recorded());
        }
        let row = FollowUpRow {
            id: FollowUpId::default(),
            enrolment_id: id,
            province_id: run.province_id,
            county_id: run.county_id,
            due_month: month,
            due_on,
            recorded_on: answer.recorded_on,
            works: answer.works,
            earns_from_course: answer.earns_from_course,
            monthly_income_rials: answer.monthly_income_rials,
            note: answer.note,
            recorded_by: actor.user_id,
            recorded_by_name: actor_name(tx.as_mut(), actor).await?,
            recorded_at: self.now(),
        };
        let follow_up = match tx.insert_follow_up(&row).await {
            Ok(follow_up) => follow_up,
            // Another person answered it between the read and the write (PostgreSQL).
            Err(crate::ports::StoreError::Unique(_)) => return Err(already_recorded()),
            Err(error) => return Err(error.into()),
        };
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "training.follow_up",
                entity_kind: "enrolment",
                entity_id: id.to_string(),
                province_id: Some(run.province_id),
                county_id: Some(run.county_id),
                before: None,
                after: Some(json!({
                    "woman_id": enrolment.woman_id,
                    "due_month": month.months(),
                    "due_on": due_on.to_iso_string(),
                    "recorded_on": row.recorded_on.to_iso_string(),
                    "works": row.works,
                    "earns_from_course": row.earns_from_course,
                    "monthly_income_rials": row.monthly_income_rials,
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(follow_up)
    }
}

fn already_recorded() -> AppError {
    AppError::invalid(
        "recorded_on",
        Message::new("job-preparation-follow_up_recorded"),
    )
}

/// A completed enrolment of a run (not cancelled) in the actor's scope; `NotFound` otherwise.
async fn followed_enrolment(
    tx: &mut dyn Tx,
    actor: &Actor,
    id: EnrolmentId,
) -> AppResult<(EnrolmentRow, CourseRunRow)> {
    let enrolment = tx.enrolment_by_id(id).await?.ok_or(AppError::NotFound)?;
    let run = run_in_scope(tx, actor, enrolment.run_id, false).await?;
    if enrolment.status != status::COMPLETED || run.cancelled_on.is_some() {
        return Err(AppError::invalid(
            "enrolment",
            Message::new("job-preparation-not_completed"),
        ));
    }
    Ok((enrolment, run))
}
