//! A tranche's release conditions judged on a day: the recipient's facts are read from the
//! group's stage history, its members' completion records of courses (for a woman, her own),
//! the woman's memberships and the monitoring visits inside whatever transaction the caller
//! holds — the approval re-reads them inside its own write
//! transaction, so what it keeps is what was true when it was written.

use hamyar_domain::JalaliDate;
use hamyar_domain::grants::{
    Condition, ConditionResult, GroupHistory, RecipientFacts, StageMove, TrainingTally,
    evaluate_all,
};

use super::grant_in_scope;
use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::grants::{GrantRow, TrancheId, TrancheRow};
use crate::ports::groups::GroupId;
use crate::service::App;

/// The tranche's stored conditions.
pub(crate) fn conditions_of(row: &TrancheRow) -> AppResult<Vec<Condition>> {
    serde_json::from_str(&row.conditions)
        .map_err(|error| AppError::Internal(format!("tranche {} conditions: {error}", row.id)))
}

/// The results kept at approval, if any.
pub(crate) fn stored_results(row: &TrancheRow) -> AppResult<Option<Vec<ConditionResult>>> {
    row.condition_results
        .as_deref()
        .map(|text| {
            serde_json::from_str(text)
                .map_err(|error| AppError::Internal(format!("tranche {} results: {error}", row.id)))
        })
        .transpose()
}

/// A count of women as the domain keeps it (a group never has four billion members).
fn count(women: i64) -> u32 {
    u32::try_from(women).unwrap_or(u32::MAX)
}

/// The group's stage history and its members' training on `today`.
async fn history(
    tx: &mut dyn Tx,
    group_id: GroupId,
    name: String,
    today: JalaliDate,
) -> AppResult<GroupHistory> {
    let mut moves = Vec::new();
    for row in tx.stages_of(group_id).await? {
        moves.push(StageMove {
            stage: row.stage,
            effective_on: row.effective_on,
        });
    }
    let tally = tx.group_training_on(group_id, today).await?;
    let training = TrainingTally {
        members: count(tally.members),
        completed: count(tally.completed),
        latest_on: tally.latest_completed_on,
    };
    Ok(GroupHistory {
        name,
        moves,
        training,
    })
}

/// The groups the conditions look at: the recipient group, or the groups the woman is a
/// member of on `today`.
async fn recipient_groups(
    tx: &mut dyn Tx,
    grant: &GrantRow,
    today: JalaliDate,
) -> AppResult<Vec<(GroupId, String)>> {
    if let Some(group_id) = grant.group_id {
        let group = tx.group_by_id(group_id).await?.ok_or(AppError::NotFound)?;
        return Ok(vec![(group_id, group.record.name)]);
    }
    let woman_id = grant
        .woman_id
        .ok_or_else(|| AppError::Internal(format!("grant {} has no recipient", grant.id)))?;
    Ok(tx
        .memberships_of_woman(woman_id)
        .await?
        .into_iter()
        .filter(|view| {
            let span = &view.membership;
            span.joined_on <= today && span.left_on.is_none_or(|left| left > today)
        })
        .map(|view| (view.membership.group_id, view.group_name))
        .collect())
}

/// Everything the conditions of `tranche` are judged on, read inside `tx`.
pub(crate) async fn facts_in_tx(
    tx: &mut dyn Tx,
    grant: &GrantRow,
    tranche: &TrancheRow,
    today: JalaliDate,
) -> AppResult<RecipientFacts> {
    let mut facts = RecipientFacts {
        is_woman: grant.woman_id.is_some(),
        ..RecipientFacts::default()
    };
    if let Some(woman_id) = grant.woman_id {
        facts.own_completion_on = tx.first_completion_of(woman_id).await?;
    }
    for (group_id, name) in recipient_groups(tx, grant, today).await? {
        facts.groups.push(history(tx, group_id, name, today).await?);
        for visit in tx.visits_of(group_id).await? {
            let on = visit.visited_on;
            if on <= today && facts.last_visit_on.is_none_or(|last| on > last) {
                facts.last_visit_on = Some(on);
            }
        }
    }
    if tranche.seq > 1 {
        let previous = tx
            .tranches_of(grant.id)
            .await?
            .into_iter()
            .find(|row| row.seq == tranche.seq - 1);
        if let Some(previous) = previous {
            let seq = u32::try_from(previous.seq).unwrap_or_default();
            facts.previous_tranche = Some((seq, previous.status));
        }
    }
    Ok(facts)
}

/// Judges the tranche's conditions on `today`, inside `tx`.
pub(crate) async fn judge_in_tx(
    tx: &mut dyn Tx,
    grant: &GrantRow,
    tranche: &TrancheRow,
    today: JalaliDate,
) -> AppResult<Vec<ConditionResult>> {
    let conditions = conditions_of(tranche)?;
    if conditions.is_empty() {
        return Ok(Vec::new());
    }
    let facts = facts_in_tx(tx, grant, tranche, today).await?;
    Ok(evaluate_all(&conditions, &facts, today))
}

impl App {
    /// Each condition of the tranche judged today, passed or not, with why — what the
    /// approver is shown before deciding.
    pub async fn check_tranche_conditions(
        &self,
        actor: &Actor,
        tranche_id: TrancheId,
    ) -> AppResult<Vec<ConditionResult>> {
        actor.require(Permission::ViewMoneyRecords)?;
        let mut tx = self.db.read().await?;
        let tranche = tx
            .tranche_by_id(tranche_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let grant = grant_in_scope(tx.as_mut(), actor, tranche.grant_id).await?;
        let results = judge_in_tx(tx.as_mut(), &grant, &tranche, self.today()).await?;
        tx.commit().await?;
        Ok(results)
    }
}
