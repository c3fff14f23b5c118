//! A group's training needs (issue 18): what its business needs to learn, recorded on its
//! page, and how they seed a run's enrolment. A need names a course kind of the catalogue (or
//! a skill in words when there is none yet) and why; it stays *open* until a run of that kind
//! enrols the group — [`App::enrol_group`] then marks it *met by that run*, in the same
//! transaction — or someone withdraws it. A run's page lists the groups of its county whose
//! open needs name the run's kind ([`App::needs_for_run`]), so the coordinator enrols them
//! first. The group's page shows its needs and its training history ([`App::group_training`]):
//! the runs its members were enrolled in while members, with how many completed or dropped out.
//!
//! Who records a need: those who know what the group's business lacks. The county
//! coordinator and the experts above her (`ManageTraining`) for any group in their scope; the
//! social worker, who forms and edits the groups of her county (`ManageGroups`), for any of
//! them; and the facilitator, who runs a group's meetings and hears its members but may not
//! edit groups, only for a group she facilitates. `RecordAttendance` is the permission those
//! roles share (it is the one that lets the people in the room act on training); the
//! facilitator's own-group rule is checked on the group row here.

use hamyar_domain::training::{NeedDraft, NeedState};
use hamyar_domain::{JalaliDate, Message};
use serde_json::json;

use super::run_in_scope;
use crate::access::{Actor, Permission, PlaceId, Role};
use crate::error::{AppError, AppResult, FieldError};
use crate::groups::group_in_scope;
use crate::ports::Tx;
use crate::ports::groups::{GroupId, GroupRow};
use crate::ports::training::{CourseKindId, CourseKindRow, CourseRunId, CourseRunRow};
use crate::ports::training_plans::{
    GroupRunTally, NeedClosing, NeedFilter, TrainingNeedId, TrainingNeedRow,
};
use crate::service::{App, AuditEntry, actor_name};

/// The most open needs one list shows.
const MAX_LISTED: i64 = 200;

/// A need as typed on the group's page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NeedInput {
    /// A course kind's id, or blank.
    pub course_kind_id: String,
    pub skill: String,
    pub reason: String,
    /// Blank: today.
    pub recorded_on: String,
}

/// A need with its course kind, if it names one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedView {
    pub need: TrainingNeedRow,
    pub kind: Option<CourseKindRow>,
    /// The run that met it, with its code.
    pub met_by: Option<(CourseRunId, String)>,
}

/// One run a group's members were in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRunLine {
    pub run: CourseRunRow,
    pub kind: CourseKindRow,
    pub tally: GroupRunTally,
}

/// What the group's page shows of training.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupTraining {
    pub needs: Vec<NeedView>,
    pub runs: Vec<GroupRunLine>,
    /// Whether the reader may record (and withdraw) its needs.
    pub can_record: bool,
}

/// An open need with its group, for a place's list and a run's enrolment form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenNeed {
    pub need: TrainingNeedRow,
    pub kind: Option<CourseKindRow>,
    pub group_name: String,
    pub group_code: String,
}

/// Whether the actor may record and withdraw this group's needs (the group is in her scope).
fn may_record(actor: &Actor, group: &GroupRow) -> bool {
    if !actor.can(Permission::RecordAttendance) {
        return false;
    }
    match actor.role {
        Role::Facilitator => actor.user_id.is_some() && group.facilitator_id == actor.user_id,
        _ => true,
    }
}

/// The group whose needs the actor records: a facilitator is refused any group she does not
/// facilitate (before its place is looked at, so she learns nothing of other groups); anyone
/// else reaches the groups of her scope.
async fn recorder_group(tx: &mut dyn Tx, actor: &Actor, group_id: GroupId) -> AppResult<GroupRow> {
    if actor.role == Role::Facilitator {
        let own = tx
            .group_by_id(group_id)
            .await?
            .filter(|group| may_record(actor, group));
        if own.is_none() {
            return Err(AppError::Forbidden);
        }
    }
    group_in_scope(tx, actor, group_id).await
}

async fn kind_of(tx: &mut dyn Tx, id: Option<CourseKindId>) -> AppResult<Option<CourseKindRow>> {
    match id {
        Some(id) => Ok(tx.course_kind_by_id(id).await?),
        None => Ok(None),
    }
}

impl App {
    /// Records a need on the group's page; returns its id.
    pub async fn record_training_need(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &NeedInput,
    ) -> AppResult<TrainingNeedId> {
        actor.require(Permission::RecordAttendance)?;
        let mut tx = self.db.write().await?;
        let group = recorder_group(tx.as_mut(), actor, group_id).await?;
        let kind_text = input.course_kind_id.trim();
        let kind = match kind_text.parse::<CourseKindId>() {
            Ok(id) => tx.course_kind_by_id(id).await?.filter(|kind| kind.active),
            Err(_) => None,
        };
        let mut problems: Vec<FieldError> = Vec::new();
        if !kind_text.is_empty() && kind.is_none() {
            problems.push(FieldError::new(
                "course_kind_id",
                Message::new("training-plans-choose_kind"),
            ));
        }
        let draft = NeedDraft {
            has_kind: !kind_text.is_empty(),
            skill: input.skill.clone(),
            reason: input.reason.clone(),
            recorded_on: input.recorded_on.clone(),
        };
        let terms = match draft.parse(self.today()) {
            Ok(terms) => Some(terms),
            Err(found) => {
                problems.extend(
                    found
                        .into_iter()
                        .map(|p| FieldError::new(p.field, p.message)),
                );
                None
            }
        };
        let Some(terms) = terms.filter(|_| problems.is_empty()) else {
            return Err(AppError::Invalid(problems));
        };
        let row = TrainingNeedRow {
            id: TrainingNeedId::default(),
            group_id,
            province_id: group.record.province_id,
            county_id: group.record.county_id,
            course_kind_id: kind.as_ref().map(|kind| kind.id),
            skill: terms.skill,
            reason: terms.reason,
            recorded_on: terms.recorded_on,
            recorded_by: actor.user_id,
            recorded_by_name: actor_name(tx.as_mut(), actor).await?,
            created_at: self.now(),
            state: NeedState::Open.code().to_owned(),
            met_by_run_id: None,
            closed_on: None,
            closed_by_name: None,
        };
        let id = tx.insert_training_need(&row).await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "training.need",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(row.province_id),
                county_id: Some(row.county_id),
                before: None,
                after: Some(json!({
                    "need": id, "course_kind_id": row.course_kind_id, "skill": row.skill,
                    "reason": row.reason, "recorded_on": row.recorded_on.to_iso_string(),
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Withdraws an open need of a group the actor may record needs for.
    pub async fn withdraw_training_need(
        &self,
        actor: &Actor,
        need_id: TrainingNeedId,
    ) -> AppResult<()> {
        actor.require(Permission::RecordAttendance)?;
        let mut tx = self.db.write().await?;
        let need = tx
            .training_need_by_id(need_id)
            .await?
            .ok_or(AppError::NotFound)?;
        recorder_group(tx.as_mut(), actor, need.group_id).await?;
        let closing = NeedClosing {
            state: NeedState::Withdrawn.code().to_owned(),
            met_by_run_id: None,
            closed_on: self.today(),
            closed_by_name: actor_name(tx.as_mut(), actor).await?,
        };
        if !tx.close_training_need(need_id, &closing).await? {
            return Err(AppError::invalid(
                "need",
                Message::new("training-plans-need_closed"),
            ));
        }
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "training.need_withdraw",
                entity_kind: "group",
                entity_id: need.group_id.to_string(),
                province_id: Some(need.province_id),
                county_id: Some(need.county_id),
                before: Some(json!({"need": need_id, "state": need.state})),
                after: Some(json!({"need": need_id, "state": closing.state})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The group's needs and the runs its members were in, for its page.
    pub async fn group_training(
        &self,
        actor: &Actor,
        group_id: GroupId,
    ) -> AppResult<GroupTraining> {
        actor.require(Permission::ViewGroups)?;
        let mut tx = self.db.read().await?;
        let group = group_in_scope(tx.as_mut(), actor, group_id).await?;
        let mut needs = Vec::new();
        for need in tx.training_needs_of_group(group_id).await? {
            let kind = kind_of(tx.as_mut(), need.course_kind_id).await?;
            let met_by = match need.met_by_run_id {
                Some(run) => tx.course_run_by_id(run).await?.map(|r| (r.id, r.code)),
                None => None,
            };
            needs.push(NeedView { need, kind, met_by });
        }
        let mut runs = Vec::new();
        for tally in tx.group_training(group_id).await? {
            let run = tx
                .course_run_by_id(tally.run_id)
                .await?
                .ok_or_else(|| AppError::Internal(format!("no run {}", tally.run_id)))?;
            let kind = tx
                .course_kind_by_id(run.course_kind_id)
                .await?
                .ok_or_else(|| AppError::Internal(format!("run {} has no course kind", run.id)))?;
            runs.push(GroupRunLine { run, kind, tally });
        }
        tx.commit().await?;
        Ok(GroupTraining {
            needs,
            runs,
            can_record: may_record(actor, &group),
        })
    }

    /// The open needs of the actor's place (a province-wide reader may narrow to a county),
    /// oldest first.
    pub async fn open_training_needs(
        &self,
        actor: &Actor,
        county: Option<PlaceId>,
    ) -> AppResult<Vec<OpenNeed>> {
        actor.require(Permission::ViewGroups)?;
        let filter = NeedFilter {
            province_id: actor.scope.province(),
            county_id: actor.scope.county().or(county),
            course_kind_id: None,
            limit: MAX_LISTED,
        };
        let mut tx = self.db.read().await?;
        let needs = open_needs(tx.as_mut(), &filter).await?;
        tx.commit().await?;
        Ok(needs)
    }

    /// The open needs that name the run's kind, of groups in the run's county: the groups
    /// its enrolment form proposes first.
    pub async fn needs_for_run(
        &self,
        actor: &Actor,
        run_id: CourseRunId,
    ) -> AppResult<Vec<OpenNeed>> {
        actor.require(Permission::ViewGroups)?;
        let mut tx = self.db.read().await?;
        let run = run_in_scope(tx.as_mut(), actor, run_id, false).await?;
        let filter = NeedFilter {
            province_id: Some(run.province_id),
            county_id: Some(run.county_id),
            course_kind_id: Some(run.course_kind_id),
            limit: MAX_LISTED,
        };
        let needs = open_needs(tx.as_mut(), &filter).await?;
        tx.commit().await?;
        Ok(needs)
    }

    /// Marks the group's open needs of the run's kind met by the run (inside an enrolment's
    /// transaction); returns how many.
    pub(crate) async fn meet_training_needs_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        run: &CourseRunRow,
        group_id: GroupId,
        day: JalaliDate,
    ) -> AppResult<usize> {
        let open: Vec<TrainingNeedRow> = tx
            .training_needs_of_group(group_id)
            .await?
            .into_iter()
            .filter(|need| {
                need.state == NeedState::Open.code()
                    && need.course_kind_id == Some(run.course_kind_id)
            })
            .collect();
        if open.is_empty() {
            return Ok(0);
        }
        let closing = NeedClosing {
            state: NeedState::Met.code().to_owned(),
            met_by_run_id: Some(run.id),
            closed_on: day,
            closed_by_name: actor_name(tx, actor).await?,
        };
        let mut met = Vec::new();
        for need in &open {
            if tx.close_training_need(need.id, &closing).await? {
                met.push(need.id);
            }
        }
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "training.need_met",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(run.province_id),
                county_id: Some(run.county_id),
                before: None,
                after: Some(json!({"needs": met, "run": run.id})),
            },
        )
        .await?;
        Ok(met.len())
    }
}

async fn open_needs(tx: &mut dyn Tx, filter: &NeedFilter) -> AppResult<Vec<OpenNeed>> {
    let mut found = Vec::new();
    for need in tx.open_training_needs(filter).await? {
        let kind = kind_of(tx, need.course_kind_id).await?;
        let Some(group) = tx.group_by_id(need.group_id).await? else {
            continue;
        };
        found.push(OpenNeed {
            need,
            kind,
            group_name: group.record.name,
            group_code: group.record.code,
        });
    }
    Ok(found)
}
