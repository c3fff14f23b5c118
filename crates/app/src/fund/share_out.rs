//! The share-out at the end of a cycle: every loan repaid or written off first, the bank drawn
//! into the box, then everything but the social fund divided among the members in proportion
//! to the shares each bought (`hamyar_domain::fund::share_out::divide`), each woman's payout
//! and her part of the surplus written as journal lines, the cycle's fees, fines, write-offs
//! and cash differences closed into the surplus, and all of it one ledger transaction. The
//! cycle is then closed; the next one starts clean.

use hamyar_domain::JalaliDate;
use hamyar_domain::fund::share_out::{ShareOutLine, divide};
use hamyar_domain::fund::{EntryKind, FundAccount, FundPosition};
use serde_json::json;

use crate::access::Actor;
use crate::error::{AppError, AppResult, FieldError};
use crate::fund::book::BookPosting;
use crate::fund::{fund_group, open_cycle, refuse};
use crate::ports::Tx;
use crate::ports::fund::{FundCycleRow, FundShareOutRow, NewFundEntry};
use crate::ports::groups::GroupId;
use crate::ports::registry::WomanId;
use crate::service::{App, AuditEntry, actor_name};

/// What a share-out would pay (before it is made) or paid.
#[derive(Debug, Clone)]
pub struct ShareOutPlan {
    pub cycle: FundCycleRow,
    pub cash: i64,
    pub bank: i64,
    pub social: i64,
    pub surplus: i64,
    pub distributable: i64,
    pub total_shares: i64,
    /// Each member's part, with her name.
    pub lines: Vec<(ShareOutLine, String)>,
    /// Loans still owed (nothing can be divided until they are settled).
    pub loans_outstanding: i64,
}

impl App {
    async fn share_out_plan_in(
        &self,
        tx: &mut dyn Tx,
        group_id: GroupId,
    ) -> AppResult<Option<(ShareOutPlan, FundPosition)>> {
        let Some(cycle) = open_cycle(tx, group_id).await? else {
            return Ok(None);
        };
        let journal = tx.fund_journal(group_id).await?;
        let position = FundPosition::fold(&journal, cycle.id.get());
        let members: Vec<(i64, i64, i64)> = position
            .members
            .iter()
            .filter(|(_, m)| m.shares > 0 || m.savings != 0)
            .map(|(w, m)| (*w, m.shares, m.savings))
            .collect();
        let distributable = position.distributable();
        let parts = divide(distributable.max(0), &members).unwrap_or_default();
        let mut lines = Vec::with_capacity(parts.len());
        for part in parts {
            let name = tx
                .woman_by_id(WomanId::new(part.woman_id))
                .await?
                .map(|w| format!("{} {}", w.record.first_name, w.record.last_name))
                .unwrap_or_default();
            lines.push((part, name));
        }
        Ok(Some((
            ShareOutPlan {
                cash: position.cash,
                bank: position.bank,
                social: position.social,
                surplus: position.surplus(),
                distributable,
                total_shares: members.iter().map(|m| m.1).sum(),
                lines,
                loans_outstanding: position.loans_outstanding,
                cycle,
            },
            position,
        )))
    }

    /// What sharing out the open cycle today would pay each member.
    pub async fn share_out_plan(
        &self,
        actor: &Actor,
        group_id: GroupId,
    ) -> AppResult<Option<ShareOutPlan>> {
        let mut tx = self.db.read().await?;
        fund_group(tx.as_mut(), actor, group_id, false).await?;
        let plan = self.share_out_plan_in(tx.as_mut(), group_id).await?;
        tx.commit().await?;
        Ok(plan.map(|(plan, _)| plan))
    }

    /// Shares out the open cycle on a day and closes it.
    pub async fn share_out_fund(
        &self,
        actor: &Actor,
        group_id: GroupId,
        on: &str,
    ) -> AppResult<()> {
        let mut tx = self.db.write().await?;
        let group = fund_group(tx.as_mut(), actor, group_id, true).await?;
        let on = JalaliDate::parse(on).map_err(|error| {
            AppError::Invalid(vec![FieldError::new(
                "on",
                hamyar_domain::LocalizedMessage::message(&error),
            )])
        })?;
        let (plan, position) = self
            .share_out_plan_in(tx.as_mut(), group_id)
            .await?
            .ok_or_else(|| refuse("on", "fund-no_open_cycle"))?;
        let cycle = plan.cycle.clone();
        let last_meeting = tx
            .fund_meetings_of_cycle(cycle.id)
            .await?
            .last()
            .map(|m| m.held_on);
        if on > self.today() || on < cycle.starts_on || last_meeting.is_some_and(|last| on < last) {
            return Err(refuse("on", "fund-share_out_day"));
        }
        if plan.loans_outstanding != 0 {
            return Err(refuse("on", "fund-share_out_loans_owed"));
        }
        if plan.total_shares <= 0 || plan.distributable < 0 {
            return Err(refuse("on", "fund-share_out_nothing"));
        }
        let mut lines: Vec<(EntryKind, Option<i64>, i64)> = Vec::new();
        if position.bank != 0 {
            lines.push((EntryKind::ToBank, None, -position.bank));
        }
        for (part, _) in &plan.lines {
            if part.profit() != 0 {
                lines.push((EntryKind::Profit, Some(part.woman_id), part.profit()));
            }
            if part.payout != 0 {
                lines.push((EntryKind::Payout, Some(part.woman_id), part.payout));
            }
        }
        let closing = [
            (FundAccount::Fees, position.fees),
            (FundAccount::Fines, position.fines),
            (FundAccount::WriteOffs, -position.write_offs),
            (FundAccount::CashDifference, position.cash_difference),
            (FundAccount::Surplus, -position.surplus()),
        ];
        let ledger_lines: Vec<(EntryKind, i64, i64)> = lines
            .iter()
            .map(|(kind, woman, amount)| (*kind, woman.unwrap_or_default(), *amount))
            .collect();
        let transaction = self
            .post_fund_lines_in_tx(
                tx.as_mut(),
                actor,
                &group,
                BookPosting {
                    key: &format!("fund.share_out.{}", cycle.id.get()),
                    on,
                    description: &format!(
                        "تقسیم دورهٔ {} صندوق گروه {}",
                        cycle.number, group.record.name
                    ),
                    lines: &ledger_lines,
                    closing: &closing,
                },
            )
            .await?;
        let entries: Vec<NewFundEntry> = lines
            .iter()
            .map(|(kind, woman, amount)| NewFundEntry {
                group_id,
                cycle_id: cycle.id,
                province_id: group.record.province_id,
                county_id: group.record.county_id,
                meeting_id: None,
                loan_id: None,
                woman_id: woman.map(WomanId::new),
                kind: *kind,
                shares: 0,
                amount_rials: *amount,
                happened_on: on,
                ledger_transaction_id: transaction,
            })
            .collect();
        tx.insert_fund_entries(&entries).await?;
        let recorded_by_name = actor_name(tx.as_mut(), actor).await?;
        tx.insert_fund_share_out(&FundShareOutRow {
            cycle_id: cycle.id,
            group_id,
            province_id: group.record.province_id,
            county_id: group.record.county_id,
            held_on: on,
            distributable_rials: plan.distributable,
            total_shares: plan.total_shares,
            ledger_transaction_id: transaction,
            recorded_by: actor.user_id,
            recorded_by_name,
            recorded_at: self.now(),
        })
        .await?;
        if !tx.close_fund_cycle(cycle.id, on).await? {
            return Err(refuse("on", "fund-no_open_cycle"));
        }
        let subjects = plan
            .lines
            .iter()
            .map(|(part, _)| {
                crate::ports::AuditSubject::woman(
                    WomanId::new(part.woman_id),
                    Some(group.record.province_id),
                    Some(group.record.county_id),
                )
            })
            .collect();
        self.audit_with_subjects_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "fund.share_out",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(group.record.province_id),
                county_id: Some(group.record.county_id),
                before: None,
                after: Some(json!({
                    "cycle": cycle.id.get(),
                    "on": on.to_iso_string(),
                    "distributable_rials": plan.distributable,
                    "total_shares": plan.total_shares,
                    "members": plan.lines.len(),
                })),
            },
            subjects,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
