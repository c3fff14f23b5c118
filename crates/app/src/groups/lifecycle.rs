//! Moving a group through its lifecycle, and the report questions answered from its history.
//!
//! A move names the new stage, the date it took effect (not after today, not before the last
//! move, so counts already reported do not change behind anyone's back), a reason when the
//! group falls inactive, and a note. The domain decides which moves are allowed
//! (`hamyar_domain::groups::lifecycle`). Every move is audited as `group.stage`.
//!
//! "Active on a date" counts groups whose latest move effective on or before that date put
//! them in a stage that counts as active; "registered in a year" counts groups whose first
//! move into *registered* fell in that Jalali year. Both work for any past date, because they
//! read the history rather than the current stage.

use hamyar_domain::Message;
use hamyar_domain::groups::lifecycle::{ACTIVE_STAGES, effective_date_problem, transition_problem};
use hamyar_domain::groups::{GroupStage, InactiveReason};
use hamyar_domain::{FiscalYear, JalaliDate};

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult, FieldError};
use crate::groups::group_in_scope;
use crate::groups::reference::scope_filter;
use crate::ports::Tx;
use crate::ports::groups::{GroupId, GroupSearch, PlaceFilter, StageRow};
use crate::service::actor_name;
use crate::service::{App, AuditEntry};

const MAX_NOTE_CHARS: usize = 1_000;

/// A stage move as typed.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct StageInput {
    pub stage: String,
    pub effective_on: String,
    pub inactive_reason: String,
    pub note: String,
}

/// The answer to a report question: how many groups, and which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageReport {
    pub count: usize,
    pub group_ids: Vec<GroupId>,
}

impl StageReport {
    fn of(group_ids: Vec<GroupId>) -> Self {
        StageReport {
            count: group_ids.len(),
            group_ids,
        }
    }
}

impl App {
    /// Moves a group to another stage. Graduating is not a move of this form: a group
    /// graduates through a proposal with its evidence and a second person's approval
    /// (`App::propose_group_graduation`, `App::decide_exit`).
    pub async fn move_group_stage(
        &self,
        actor: &Actor,
        id: GroupId,
        input: &StageInput,
    ) -> AppResult<()> {
        actor.require(Permission::ManageGroups)?;
        if GroupStage::parse(&input.stage) == Some(GroupStage::Graduated) {
            return Err(AppError::invalid(
                "stage",
                Message::new("lifecycle-graduate_through_proposal"),
            ));
        }
        let mut tx = self.db.write().await?;
        self.move_group_stage_in_tx(tx.as_mut(), actor, id, input)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// [`App::move_group_stage`] inside the caller's transaction (an import writes a group's
    /// history in one); the caller commits.
    pub(crate) async fn move_group_stage_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        id: GroupId,
        input: &StageInput,
    ) -> AppResult<()> {
        actor.require(Permission::ManageGroups)?;
        let today = self.today();
        let mut errors = Vec::new();
        let stage = GroupStage::parse(&input.stage);
        if stage.is_none() {
            errors.push(FieldError::new(
                "stage",
                Message::new("lifecycle-choose_new_stage_from_list"),
            ));
        }
        let effective_on = match JalaliDate::parse(&input.effective_on) {
            Ok(date) => Some(date),
            Err(error) => {
                errors.push(FieldError::new("effective_on", error.message()));
                None
            }
        };
        let reason = InactiveReason::parse(&input.inactive_reason);
        if stage == Some(GroupStage::Inactive) && reason.is_none() {
            errors.push(FieldError::new(
                "inactive_reason",
                Message::new("lifecycle-choose_why_group_became_inactive"),
            ));
        }
        let note = input.note.trim().to_owned();
        if note.chars().count() > MAX_NOTE_CHARS {
            errors.push(FieldError::new(
                "note",
                Message::new("lifecycle-note_at_most_1_000"),
            ));
        }
        if reason == Some(InactiveReason::Other) && note.is_empty() {
            errors.push(FieldError::new(
                "note",
                Message::new("lifecycle-explain_reason_other"),
            ));
        }
        let (Some(stage), Some(effective_on)) = (stage, effective_on) else {
            return Err(AppError::Invalid(errors));
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let group = group_in_scope(tx, actor, id).await?;
        let history = tx.stages_of(id).await?;
        let current = group.stage;
        if let Some(problem) = transition_problem(current, stage) {
            return Err(AppError::invalid("stage", problem.message));
        }
        let last_on = history.last().map(|s| s.effective_on);
        if let Some(problem) = effective_date_problem(last_on, effective_on, today) {
            return Err(AppError::invalid("effective_on", problem.message));
        }
        let row = StageRow {
            id: 0,
            group_id: id,
            stage,
            inactive_reason: reason.filter(|_| stage == GroupStage::Inactive),
            note: note.clone(),
            effective_on,
            decided_by: actor.user_id,
            decided_by_name: actor_name(tx, actor).await?,
            recorded_at: self.now(),
        };
        tx.insert_stage(&row).await?;
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "group.stage",
                entity_kind: "group",
                entity_id: id.to_string(),
                province_id: Some(group.record.province_id),
                county_id: Some(group.record.county_id),
                before: Some(serde_json::json!({"stage": group.stage})),
                after: Some(serde_json::json!({
                    "stage": row.stage,
                    "effective_on": row.effective_on.to_iso_string(),
                    "inactive_reason": row.inactive_reason,
                    "note": note,
                })),
            },
        )
        .await?;
        Ok(())
    }

    /// Groups in the actor's scope (narrowed to `place` when given) that were active on
    /// `date`.
    pub async fn groups_active_on(
        &self,
        actor: &Actor,
        place: Option<PlaceFilter>,
        date: JalaliDate,
    ) -> AppResult<StageReport> {
        actor.require(Permission::ViewGroups)?;
        let place = narrowed(actor, place)?;
        let stages: Vec<&str> = ACTIVE_STAGES.iter().map(|s| s.code()).collect();
        let mut tx = self.db.read().await?;
        let ids = tx
            .groups_in_stages_on(place, &stages, &date.to_iso_string())
            .await?;
        Ok(StageReport::of(ids))
    }

    /// How many groups of the actor's scope (narrowed to `place`) were active on `date`: on
    /// or after today from the groups' current stage (no move is dated after today, so the
    /// current stage is the latest move on the day), before it from their histories — the
    /// same number as [`App::groups_active_on`], without a history lookup per group.
    pub async fn groups_active_count_on(
        &self,
        actor: &Actor,
        place: Option<PlaceFilter>,
        date: JalaliDate,
    ) -> AppResult<usize> {
        if date < self.today() {
            return Ok(self.groups_active_on(actor, place, date).await?.count);
        }
        actor.require(Permission::ViewGroups)?;
        let place = narrowed(actor, place)?;
        let mut tx = self.db.read().await?;
        let counts = tx
            .count_groups_by_stage(&GroupSearch {
                place,
                ..GroupSearch::default()
            })
            .await?;
        tx.commit().await?;
        let active: i64 = counts
            .iter()
            .filter(|(code, _)| ACTIVE_STAGES.iter().any(|s| s.code() == code))
            .map(|(_, n)| *n)
            .sum();
        Ok(usize::try_from(active).unwrap_or(0))
    }

    /// Groups in the actor's scope (narrowed to `place` when given) first registered in the
    /// Jalali year `year` (1 Farvardin to the last day of Esfand).
    pub async fn groups_registered_in_year(
        &self,
        actor: &Actor,
        place: Option<PlaceFilter>,
        year: i32,
    ) -> AppResult<StageReport> {
        actor.require(Permission::ViewGroups)?;
        let place = narrowed(actor, place)?;
        let year = FiscalYear::new(year).map_err(|e| AppError::invalid("year", e.message()))?;
        let from = year.first_day().to_iso_string();
        let until = year.last_day().add_days(1).to_iso_string();
        let mut tx = self.db.read().await?;
        let ids = tx
            .groups_entering_stage_between(place, GroupStage::Registered.code(), &from, &until)
            .await?;
        Ok(StageReport::of(ids))
    }
}

/// The actor's scope, narrowed to `place` when it lies inside it; `NotFound` otherwise.
fn narrowed(actor: &Actor, place: Option<PlaceFilter>) -> AppResult<PlaceFilter> {
    let scope = scope_filter(actor);
    let Some(place) = place else {
        return Ok(scope);
    };
    let inside = match (place.province_id, place.county_id) {
        (province, Some(county)) => actor.scope.covers(province, Some(county)),
        (Some(province), None) => {
            actor.scope.covers(Some(province), None) || actor.scope.province() == Some(province)
        }
        (None, None) => true,
    };
    if !inside {
        return Err(AppError::NotFound);
    }
    Ok(PlaceFilter {
        province_id: place.province_id.or(scope.province_id),
        county_id: place.county_id.or(scope.county_id),
    })
}
