//! Reading payments: the list (scoped to the lines the actor's scope reaches, filtered by
//! line, status, group or woman), one payment with its line's figures, links, evidence, its
//! ledger transactions and their reversals, and what the actor may do with it (decided here,
//! not in templates), and evidence downloads, each audited as `payment.evidence_view`.
//! Women's names appear only to roles with `ViewPersonalData`, and showing them is audited as
//! `payment.view`.

use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::spending::{PayeeKind, PaymentStatus};
use serde_json::json;

use super::{EVIDENCE_OWNER, is_proposer, payment_in_scope, status_of};
use crate::access::{Actor, Permission, Scope};
use crate::budget::{BudgetLineView, line_category, line_figures_in_tx};
use crate::error::{AppError, AppResult};
use crate::ports::budget::BudgetLineId;
use crate::ports::groups::GroupId;
use crate::ports::ledger::LedgerTransactionId;
use crate::ports::registry::WomanId;
use crate::ports::spending::{
    EvidenceId, EvidenceMeta, PaymentFilter, PaymentId, PaymentLink, PaymentLinkRow, PaymentRow,
};
use crate::service::{App, AuditEntry};

/// Which payments to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaymentQuery {
    pub budget_line_id: Option<BudgetLineId>,
    pub status: Option<PaymentStatus>,
    pub group_id: Option<GroupId>,
    pub woman_id: Option<WomanId>,
    pub limit: i64,
    pub offset: i64,
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentSummary {
    pub row: PaymentRow,
    pub status: PaymentStatus,
    pub payee_kind: Option<PayeeKind>,
    pub fiscal_year: i32,
    pub category: BudgetCategory,
}

/// What the actor may do with a payment now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PaymentActions {
    pub approve: bool,
    pub reject: bool,
    pub pay: bool,
    pub cancel: bool,
    pub attach_evidence: bool,
    /// The actor proposed it, holds the approving role, and so may not decide it.
    pub own_proposal: bool,
}

/// One payment in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentView {
    pub summary: PaymentSummary,
    pub line: BudgetLineView,
    /// Women's labels are empty unless the actor may see personal data.
    pub links: Vec<PaymentLinkRow>,
    pub evidence: Vec<EvidenceMeta>,
    pub commit_reversed_by: Option<LedgerTransactionId>,
    pub pay_reversed_by: Option<LedgerTransactionId>,
    pub actions: PaymentActions,
}

fn summary(
    row: PaymentRow,
    category: BudgetCategory,
    fiscal_year: i32,
) -> AppResult<PaymentSummary> {
    Ok(PaymentSummary {
        status: status_of(&row)?,
        payee_kind: PayeeKind::parse(&row.payee_kind),
        fiscal_year,
        category,
        row,
    })
}

fn actions(actor: &Actor, row: &PaymentRow, status: PaymentStatus) -> PaymentActions {
    let approver = actor.can(Permission::ApproveSpending);
    let own = is_proposer(actor, row);
    let open = matches!(status, PaymentStatus::Proposed | PaymentStatus::Approved);
    PaymentActions {
        approve: approver && !own && status == PaymentStatus::Proposed,
        reject: approver && !own && status == PaymentStatus::Proposed,
        pay: approver && status == PaymentStatus::Approved,
        cancel: approver && !status.is_final(),
        attach_evidence: open && (approver || actor.can(Permission::ProposeSpending)),
        own_proposal: approver && own && status == PaymentStatus::Proposed,
    }
}

impl App {
    /// Payments in the actor's reach, newest first.
    pub async fn payments(
        &self,
        actor: &Actor,
        query: &PaymentQuery,
    ) -> AppResult<Vec<PaymentSummary>> {
        actor.require(Permission::ViewMoney)?;
        let (province_id, reach_county) = match actor.scope {
            Scope::Country => (None, None),
            Scope::Province(province) => (Some(province), None),
            Scope::County { province, county } => (Some(province), Some(county)),
        };
        let filter = PaymentFilter {
            province_id,
            reach_county,
            budget_line_id: query.budget_line_id,
            status: query.status.map(|status| status.code().to_owned()),
            group_id: query.group_id,
            woman_id: query.woman_id,
            limit: if query.limit > 0 { query.limit } else { 200 },
            offset: query.offset,
        };
        let mut tx = self.db.read().await?;
        let rows = tx.payments(&filter).await?;
        let mut lines: std::collections::HashMap<BudgetLineId, (BudgetCategory, i32)> =
            std::collections::HashMap::new();
        let mut summaries = Vec::with_capacity(rows.len());
        for row in rows {
            let (category, year) = match lines.get(&row.budget_line_id) {
                Some(known) => *known,
                None => {
                    let line = tx
                        .budget_line_by_id(row.budget_line_id)
                        .await?
                        .ok_or_else(|| AppError::Internal("payment without a line".into()))?;
                    let known = (line_category(&line)?, line.fiscal_year);
                    lines.insert(row.budget_line_id, known);
                    known
                }
            };
            summaries.push(summary(row, category, year)?);
        }
        tx.commit().await?;
        Ok(summaries)
    }

    /// One payment with everything its page shows.
    pub async fn payment(&self, actor: &Actor, id: PaymentId) -> AppResult<PaymentView> {
        actor.require(Permission::ViewMoney)?;
        let mut tx = self.db.read().await?;
        let (row, line) = payment_in_scope(tx.as_mut(), actor, id, false).await?;
        let figures = line_figures_in_tx(tx.as_mut(), &line).await?;
        let category = line_category(&line)?;
        let mut links = tx.payment_links(id).await?;
        let personal = actor.can(Permission::ViewPersonalData);
        let women: Vec<WomanId> = links
            .iter()
            .filter_map(|link| match link.link {
                PaymentLink::Woman(woman) => Some(woman),
                PaymentLink::Group(_) => None,
            })
            .collect();
        if !personal {
            for link in &mut links {
                if matches!(link.link, PaymentLink::Woman(_)) {
                    link.label.clear();
                }
            }
        }
        let evidence = tx.evidence_of(EVIDENCE_OWNER, id).await?;
        let reversed_by = async |tx: &mut Box<dyn crate::ports::Tx>, original: Option<i64>| {
            Ok::<_, AppError>(match original {
                Some(original) => tx
                    .ledger_transaction_by_id(original)
                    .await?
                    .and_then(|t| t.reversed_by),
                None => None,
            })
        };
        let commit_reversed_by = reversed_by(&mut tx, row.commit_transaction_id).await?;
        let pay_reversed_by = reversed_by(&mut tx, row.pay_transaction_id).await?;
        tx.commit().await?;
        if personal && !women.is_empty() {
            self.audit_view(actor, &row, "payment.view", json!({ "women": women }))
                .await?;
        }
        let summary = summary(row, category, line.fiscal_year)?;
        Ok(PaymentView {
            actions: actions(actor, &summary.row, summary.status),
            summary,
            line: BudgetLineView {
                line,
                category,
                figures,
            },
            links,
            evidence,
            commit_reversed_by,
            pay_reversed_by,
        })
    }

    /// One evidence file of a payment, for download; audited.
    pub async fn payment_evidence(
        &self,
        actor: &Actor,
        payment_id: PaymentId,
        evidence_id: EvidenceId,
    ) -> AppResult<(EvidenceMeta, Vec<u8>)> {
        actor.require(Permission::ViewMoney)?;
        let mut tx = self.db.read().await?;
        let (row, _) = payment_in_scope(tx.as_mut(), actor, payment_id, false).await?;
        let (meta, content) = tx
            .evidence_file(evidence_id)
            .await?
            .filter(|(meta, _)| meta.owner_kind == EVIDENCE_OWNER && meta.owner_id == payment_id)
            .ok_or(AppError::NotFound)?;
        tx.commit().await?;
        self.audit_view(
            actor,
            &row,
            "payment.evidence_view",
            json!({ "evidence_id": meta.id, "file_name": meta.file_name }),
        )
        .await?;
        Ok((meta, content))
    }

    async fn audit_view(
        &self,
        actor: &Actor,
        row: &PaymentRow,
        action: &str,
        after: serde_json::Value,
    ) -> AppResult<()> {
        let mut tx = self.db.write().await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action,
                entity_kind: "payment",
                entity_id: row.id.to_string(),
                province_id: Some(row.province_id),
                county_id: row.county_id,
                before: None,
                after: Some(after),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
