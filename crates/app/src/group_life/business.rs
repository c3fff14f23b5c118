//! Recording a group's business for one Jalali month. A month already recorded is replaced
//! (one record per group and month), and the audit row keeps the values before and after.
//! Payments may only go to women who were members of the group at some time in that month,
//! and no month before the group was identified can be recorded.
//!
//! These amounts are the group's own bookkeeping, reported by its members: integer rials like
//! all money, but not programme money, so they are not posted to the ledger.

use hamyar_domain::JalaliDate;
use hamyar_domain::group_life::{BusinessDraft, BusinessInput, YearMonth};
use hamyar_domain::{Message, MessageArg};
use serde_json::json;

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult, FieldError};
use crate::group_life::{formed_on, group_facts_in_scope, invalid, member_between};
use crate::once::{KeyedRequest, Once};
use crate::ports::Tx;
use crate::ports::group_life::BusinessMonthRow;
use crate::ports::groups::GroupId;
use crate::ports::registry::WomanId;
use crate::service::actor_name;
use crate::service::{App, AuditEntry};

fn snapshot(row: &BusinessMonthRow) -> serde_json::Value {
    json!({
        "year": row.year,
        "month": row.month,
        "revenue_rials": row.revenue_rials,
        "costs_rials": row.costs_rials,
        "profit_rials": row.profit_rials,
        "members_working": row.members_working,
        "people_hired": row.people_hired,
        "channels": row.channels,
        "channel_other": row.channel_other,
        "payments": row.payments.iter().map(|(woman, amount)| json!({"woman_id": woman, "amount_rials": amount})).collect::<Vec<_>>(),
    })
}

impl App {
    /// Records (or replaces) the group's business for the month of the form.
    pub async fn record_business_month(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &BusinessInput,
    ) -> AppResult<()> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.write().await?;
        self.record_business_month_in_tx(tx.as_mut(), actor, group_id, input)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// [`App::record_business_month`] done once per idempotency key (the JSON API): a month
    /// sent again under the same key is not written again — it would add a second audit row,
    /// and undo a correction typed on the page in between.
    pub async fn record_business_month_once(
        &self,
        actor: &Actor,
        group_id: GroupId,
        input: &BusinessInput,
        request: KeyedRequest<'_>,
    ) -> AppResult<Once<()>> {
        actor.require(Permission::ManageGroups)?;
        let mut tx = self.db.write().await?;
        if let Some(first) = self.recall(tx.as_mut(), actor, request).await? {
            return Ok(first);
        }
        self.record_business_month_in_tx(tx.as_mut(), actor, group_id, input)
            .await?;
        self.remember(tx, actor, request, ()).await
    }

    /// [`App::record_business_month`] inside the caller's transaction (an import writes a
    /// whole file of months in one); the caller commits.
    pub(crate) async fn record_business_month_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        group_id: GroupId,
        input: &BusinessInput,
    ) -> AppResult<()> {
        actor.require(Permission::ManageGroups)?;
        let draft = BusinessDraft::parse(input, self.today()).map_err(invalid);
        let group = group_facts_in_scope(tx, actor, group_id).await?;
        let draft = draft?;
        let formed = formed_on(&group);
        if draft.month < YearMonth::of(formed) {
            // Usually a mistyped year; accepted, it would stretch the chart over empty months.
            return Err(AppError::Invalid(vec![FieldError::new(
                "month",
                Message::new("business-month_before_forming")
                    .arg("formed", MessageArg::digits(formed)),
            )]));
        }
        let first = JalaliDate::new(draft.month.year, draft.month.month, 1)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let (from, until) = (first, first.last_of_month());
        let spans = tx.member_spans(group_id).await?;
        if draft
            .payments
            .iter()
            .any(|(woman, _)| !member_between(&spans, WomanId::new(*woman), from, until))
        {
            return Err(AppError::Invalid(vec![FieldError::new(
                "payments",
                Message::new("business-payment_to_non_member").arg(
                    "month",
                    MessageArg::label(draft.month.label_fa(), draft.month.label_en()),
                ),
            )]));
        }
        let row = BusinessMonthRow {
            id: 0,
            group_id,
            year: i64::from(draft.month.year),
            month: i64::from(draft.month.month),
            revenue_rials: draft.revenue.value(),
            costs_rials: draft.costs.value(),
            profit_rials: draft.profit.value(),
            members_working: i64::from(draft.members_working),
            people_hired: i64::from(draft.people_hired),
            channels: draft.channel_codes(),
            channel_other: draft.channel_other.clone(),
            payments: draft
                .payments
                .iter()
                .map(|(w, a)| (WomanId::new(*w), a.value()))
                .collect(),
            recorded_by: actor.user_id,
            recorded_by_name: actor_name(tx, actor).await?,
            recorded_at: self.now(),
        };
        let before = tx.business_month(group_id, row.year, row.month).await?;
        tx.put_business_month(&row).await?;
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "group.business_month",
                entity_kind: "group",
                entity_id: group_id.to_string(),
                province_id: Some(group.province_id),
                county_id: Some(group.county_id),
                before: before.as_ref().map(snapshot),
                after: Some(snapshot(&row)),
            },
        )
        .await?;
        Ok(())
    }
}
