//! Opening a cycle of a group's fund with the rules its members agreed. A group has one open
//! cycle at a time; the next starts after the last was shared out, numbered after it, and
//! begins clean (every member's savings were paid out), keeping only the social fund.

use hamyar_domain::fund::{CycleInput, CycleRules};
use serde_json::json;

use crate::access::Actor;
use crate::error::AppResult;
use crate::fund::{fund_group, refuse};
use crate::groups::invalid;
use crate::ports::fund::{FundCycleId, FundCycleRow};
use crate::ports::groups::GroupId;
use crate::service::{App, AuditEntry, actor_name};

impl App {
    /// Opens the group's next cycle.
    pub async fn open_fund_cycle(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &CycleInput,
    ) -> AppResult<FundCycleId> {
        let rules = CycleRules::parse(input).map_err(invalid);
        let mut tx = self.db.write().await?;
        let group = fund_group(tx.as_mut(), actor, group_id, true).await?;
        let rules = rules?;
        let cycles = tx.fund_cycles_of_group(group_id).await?;
        if cycles.iter().any(|cycle| cycle.shared_out_on.is_none()) {
            return Err(refuse("starts_on", "fund-cycle_already_open"));
        }
        if cycles
            .last()
            .and_then(|cycle| cycle.shared_out_on)
            .is_some_and(|last| rules.starts_on < last)
        {
            return Err(refuse("starts_on", "fund-cycle_before_last_share_out"));
        }
        let row = FundCycleRow {
            id: FundCycleId::new(0),
            group_id,
            province_id: group.record.province_id,
            county_id: group.record.county_id,
            number: i64::try_from(cycles.len()).unwrap_or(0) + 1,
            starts_on: rules.starts_on,
            ends_on: rules.ends_on,
            share_value_rials: rules.share_value.value(),
            max_shares: i64::from(rules.max_shares),
            meeting_every: rules.meeting_every,
            fee_basis_points: i64::from(rules.fee_basis_points),
            loan_limit_multiple: i64::from(rules.loan_limit_multiple),
            max_term_months: i64::from(rules.max_term_months),
            social_rials: rules.social_rials.value(),
            rules: rules.rules.clone(),
            shared_out_on: None,
            created_by: actor.user_id,
            created_by_name: actor_name(tx.as_mut(), actor).await?,
            created_at: self.now(),
        };
        let id = tx.insert_fund_cycle(&row).await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "fund.cycle_opened",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(group.record.province_id),
                county_id: Some(group.record.county_id),
                before: None,
                after: Some(json!({
                    "cycle": id.get(),
                    "number": row.number,
                    "starts_on": rules.starts_on.to_iso_string(),
                    "ends_on": rules.ends_on.to_iso_string(),
                    "share_value_rials": row.share_value_rials,
                    "fee_basis_points": row.fee_basis_points,
                    "loan_limit_multiple": row.loan_limit_multiple,
                    "max_term_months": row.max_term_months,
                })),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}

/// The rules of a stored cycle, as the domain reads them.
pub(crate) fn rules_of(cycle: &FundCycleRow) -> CycleRules {
    CycleRules {
        starts_on: cycle.starts_on,
        ends_on: cycle.ends_on,
        share_value: hamyar_domain::Rials::new(cycle.share_value_rials),
        max_shares: u8::try_from(cycle.max_shares).unwrap_or(1),
        meeting_every: cycle.meeting_every,
        fee_basis_points: u32::try_from(cycle.fee_basis_points).unwrap_or(0),
        loan_limit_multiple: u8::try_from(cycle.loan_limit_multiple).unwrap_or(1),
        max_term_months: u8::try_from(cycle.max_term_months).unwrap_or(1),
        social_rials: hamyar_domain::Rials::new(cycle.social_rials),
        rules: cycle.rules.clone(),
    }
}
