//! Double support at a tranche's approval: the women a grant reaches (the woman herself, or
//! the group's current members), the warning when any of them already had support within the
//! province's window — other tranches of the same grant aside — which the approver must
//! acknowledge, and the record of each woman's share in her facility history once approved.
//! A group's tranche is shared equally among its current members, the remainder going one
//! rial each to the first members, so the shares add up to the tranche exactly.

use hamyar_domain::JalaliDate;
use hamyar_domain::digits::to_persian_digits;
use hamyar_domain::facilities::FacilityKind;
use hamyar_domain::{Message, MessageArg};

use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::facilities::{ProgrammeSupport, SupportWarning};
use crate::ports::Tx;
use crate::ports::grants::{GrantId, GrantRow, TrancheId, TrancheRow};
use crate::ports::registry::WomanId;
use crate::service::App;

/// The women a grant reaches today: its woman, or its group's members who have not left.
pub(crate) async fn recipients_in_tx(tx: &mut dyn Tx, grant: &GrantRow) -> AppResult<Vec<WomanId>> {
    if let Some(woman) = grant.woman_id {
        return Ok(vec![woman]);
    }
    let Some(group) = grant.group_id else {
        return Ok(Vec::new());
    };
    Ok(tx
        .members_of_group(group)
        .await?
        .into_iter()
        .filter(|member| member.membership.left_on.is_none())
        .map(|member| member.membership.woman_id)
        .collect())
}

/// Leaves out what this same grant gave (its earlier tranches are not "other" support).
async fn without_this_grant(
    tx: &mut dyn Tx,
    grant_id: GrantId,
    warnings: Vec<SupportWarning>,
) -> AppResult<Vec<SupportWarning>> {
    let own: Vec<TrancheId> = tx
        .tranches_of(grant_id)
        .await?
        .into_iter()
        .map(|tranche| tranche.id)
        .collect();
    Ok(warnings
        .into_iter()
        .filter_map(|mut warning| {
            warning
                .prior
                .retain(|entry| entry.grant_tranche_id.is_none_or(|id| !own.contains(&id)));
            (!warning.prior.is_empty()).then_some(warning)
        })
        .collect())
}

fn unacknowledged(warnings: &[SupportWarning]) -> AppError {
    let names: Vec<&str> = warnings.iter().map(|w| w.woman_name.as_str()).collect();
    let months = warnings[0].window.months();
    AppError::invalid(
        "acknowledge_double_support",
        Message::new("support-double_support_unacknowledged")
            .arg(
                "names",
                MessageArg::label(names.join("، "), names.join(", ")),
            )
            .arg("months", MessageArg::digits(months)),
    )
}

/// One share per woman, adding up to `amount` exactly.
fn shares(women: &[WomanId], amount: i64) -> Vec<(WomanId, i64)> {
    let count = i64::try_from(women.len()).unwrap_or(i64::MAX).max(1);
    let base = amount / count;
    let remainder = amount % count;
    women
        .iter()
        .enumerate()
        .map(|(index, woman)| {
            let extra = i64::from(i64::try_from(index).unwrap_or(i64::MAX) < remainder);
            (*woman, base + extra)
        })
        .filter(|(_, share)| *share > 0)
        .collect()
}

impl App {
    /// Refuses the approval when a woman the grant reaches had other support within the
    /// window and the approver has not acknowledged it.
    pub(crate) async fn check_double_support_in_tx(
        &self,
        tx: &mut dyn Tx,
        grant: &GrantRow,
        on: JalaliDate,
        acknowledged: bool,
    ) -> AppResult<()> {
        let women = recipients_in_tx(tx, grant).await?;
        let warnings = self
            .support_warnings_in_tx(tx, &women, grant.province_id, on)
            .await?;
        let warnings = without_this_grant(tx, grant.id, warnings).await?;
        if warnings.is_empty() || acknowledged {
            Ok(())
        } else {
            Err(unacknowledged(&warnings))
        }
    }

    /// Writes each woman's share of an approved tranche into her facility history.
    pub(crate) async fn record_tranche_support_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        grant: &GrantRow,
        tranche: &TrancheRow,
        on: JalaliDate,
    ) -> AppResult<()> {
        let women = recipients_in_tx(tx, grant).await?;
        let note = format!(
            "قسط {} کمک بلاعوض شمارهٔ {}",
            to_persian_digits(&tranche.seq.to_string()),
            to_persian_digits(&grant.id.to_string())
        );
        let supports: Vec<ProgrammeSupport> = shares(&women, tranche.amount_rials)
            .into_iter()
            .map(|(woman_id, amount_rials)| ProgrammeSupport {
                woman_id,
                group_id: grant.group_id,
                grant_tranche_id: tranche.id,
                kind: FacilityKind::Grant,
                amount_rials,
                granted_on: on,
                note: note.clone(),
            })
            .collect();
        self.record_programme_support_in_tx(tx, actor, &supports)
            .await
    }

    /// The warnings a tranche's approver should see for this grant's women (other tranches
    /// of the same grant aside); each woman named is recorded as a view of her history.
    pub async fn grant_support_warnings(
        &self,
        actor: &Actor,
        grant_id: GrantId,
    ) -> AppResult<Vec<SupportWarning>> {
        actor.require(crate::access::Permission::ViewMoneyRecords)?;
        let (grant, women) = {
            let mut tx = self.db.read().await?;
            let grant = super::grant_in_scope(tx.as_mut(), actor, grant_id).await?;
            let women = recipients_in_tx(tx.as_mut(), &grant).await?;
            tx.commit().await?;
            (grant, women)
        };
        let warnings = self.support_warnings(actor, &women, self.today()).await?;
        let mut tx = self.db.read().await?;
        let warnings = without_this_grant(tx.as_mut(), grant.id, warnings).await?;
        tx.commit().await?;
        Ok(warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::shares;

    #[test]
    fn shares_add_up_to_the_tranche_and_differ_by_at_most_one_rial() {
        let women = [1, 2, 3, 4, 5, 6, 7].map(crate::ports::registry::WomanId::new);
        for amount in [1, 6, 7, 150_000_000, 150_000_001, 1_000_000_003] {
            let parts = shares(&women, amount);
            assert_eq!(parts.iter().map(|(_, a)| a).sum::<i64>(), amount);
            let min = parts.iter().map(|(_, a)| *a).min().unwrap();
            let max = parts.iter().map(|(_, a)| *a).max().unwrap();
            assert!(max - min <= 1);
        }
    }
}
