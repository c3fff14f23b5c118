//! Reading payments: the list (scoped to the lines the actor's scope reaches, filtered by
//! line, status, group or woman), one payment with its line's figures, links, evidence, its
//! ledger transactions and their reversals, and what the actor may do with it (decided here,
//! not in templates), and evidence downloads, each audited as `payment.evidence_view`.
//! Everything here needs `ViewMoneyRecords` (public relations reads figures elsewhere). What
//! of one payment a reader sees — which groups and women by name, its free text, its evidence
//! — follows [`super::disclosure`]; showing women's names is audited as `payment.view`.

use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::spending::{PayeeKind, PaymentStatus};
use serde_json::json;

use super::disclosure::{Disclosure, LinksElsewhere};
use super::{EVIDENCE_OWNER, is_proposer, payment_in_scope};
use crate::access::{Actor, Permission, Scope};
use crate::budget::{BudgetLineView, line_category, line_figures_in_tx};
use crate::error::{AppError, AppResult};
use crate::groups::group_in_scope;
use crate::ports::Tx;
use crate::ports::budget::BudgetLineId;
use crate::ports::groups::GroupId;
use crate::ports::ledger::LedgerTransactionId;
use crate::ports::registry::WomanId;
use crate::ports::spending::{
    EvidenceId, EvidenceMeta, PaymentFilter, PaymentId, PaymentLink, PaymentLinkRow, PaymentRow,
};
use crate::registry::woman_in_scope;
use crate::service::{App, AuditEntry};

/// Which payments to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaymentQuery {
    pub budget_line_id: Option<BudgetLineId>,
    pub status: Option<PaymentStatus>,
    pub group_id: Option<GroupId>,
    pub woman_id: Option<WomanId>,
    /// The payments of one course run.
    pub course_run_id: Option<crate::ports::training::CourseRunId>,
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

/// One payment as this reader may see it (see [`super::disclosure`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentView {
    /// Its description, reference and reasons are empty when `text_withheld`.
    pub summary: PaymentSummary,
    pub line: BudgetLineView,
    /// The groups and women it is for that lie in the reader's scope (women's labels are
    /// empty unless the reader may see personal data).
    pub links: Vec<PaymentLinkRow>,
    /// Those outside the reader's scope, counted.
    pub links_elsewhere: LinksElsewhere,
    /// The free text was left out: the payment reaches beyond the reader's scope.
    pub text_withheld: bool,
    /// The evidence files the reader may fetch.
    pub evidence: Vec<EvidenceMeta>,
    /// Files left out because the payment reaches beyond the reader's scope.
    pub evidence_withheld: usize,
    pub commit_reversed_by: Option<LedgerTransactionId>,
    pub pay_reversed_by: Option<LedgerTransactionId>,
    pub actions: PaymentActions,
    /// What a province's history says was decided on paper, for an imported payment.
    pub paper: Option<crate::paper_notes::PaperNote>,
    /// The course run it paid for, by its code.
    pub course_run: Option<(crate::ports::training::CourseRunId, String)>,
}

fn summary(
    row: PaymentRow,
    category: BudgetCategory,
    fiscal_year: i32,
) -> AppResult<PaymentSummary> {
    Ok(PaymentSummary {
        status: row.status,
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

/// A list narrowed to one group or one woman names her: she must lie in the actor's scope.
async fn filters_in_scope(tx: &mut dyn Tx, actor: &Actor, query: &PaymentQuery) -> AppResult<()> {
    if let Some(group) = query.group_id {
        group_in_scope(tx, actor, group).await?;
    }
    if let Some(woman) = query.woman_id {
        woman_in_scope(tx, actor, woman).await?;
    }
    Ok(())
}

/// The women whose names the page shows (and the audit records); clears women's labels for
/// a reader who may not see personal data.
fn shown_women(actor: &Actor, links: &mut [PaymentLinkRow]) -> Vec<WomanId> {
    let personal = actor.can(Permission::ViewPersonalData);
    let mut women = Vec::new();
    for link in links {
        if let PaymentLink::Woman(woman) = link.link {
            if personal {
                women.push(woman);
            } else {
                link.label.clear();
            }
        }
    }
    women
}

/// Leaves out what staff typed, which may name anyone.
fn withhold_text(row: &mut PaymentRow) {
    row.description.clear();
    row.reference.clear();
    row.rejection_reason = row.rejection_reason.as_ref().map(|_| String::new());
    row.cancel_reason = row.cancel_reason.as_ref().map(|_| String::new());
}

async fn reversed_by(
    tx: &mut dyn Tx,
    original: Option<LedgerTransactionId>,
) -> AppResult<Option<LedgerTransactionId>> {
    Ok(match original {
        Some(original) => tx
            .ledger_transaction_by_id(original)
            .await?
            .and_then(|t| t.reversed_by),
        None => None,
    })
}

impl App {
    /// Payments in the actor's reach, newest first.
    pub async fn payments(
        &self,
        actor: &Actor,
        query: &PaymentQuery,
    ) -> AppResult<Vec<PaymentSummary>> {
        actor.require(Permission::ViewMoneyRecords)?;
        let (province_id, reach_county) = match actor.scope {
            Scope::Country => (None, None),
            Scope::Province(province) => (Some(province), None),
            Scope::County { province, county } => (Some(province), Some(county)),
        };
        let filter = PaymentFilter {
            province_id,
            reach_county,
            budget_line_id: query.budget_line_id,
            status: query.status,
            group_id: query.group_id,
            woman_id: query.woman_id,
            course_run_id: query.course_run_id,
            limit: if query.limit > 0 { query.limit } else { 200 },
            offset: query.offset,
        };
        let mut tx = self.db.read().await?;
        filters_in_scope(tx.as_mut(), actor, query).await?;
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

    /// One payment with everything its page shows to this reader.
    pub async fn payment(&self, actor: &Actor, id: PaymentId) -> AppResult<PaymentView> {
        actor.require(Permission::ViewMoneyRecords)?;
        let mut tx = self.db.read().await?;
        let (mut row, line) = payment_in_scope(tx.as_mut(), actor, id, false).await?;
        let figures = line_figures_in_tx(tx.as_mut(), &line).await?;
        let category = line_category(&line)?;
        let all_links = tx.payment_links(id).await?;
        let seen = Disclosure::of(actor, &row, &line, &all_links);
        let (mut links, links_elsewhere) = seen.split_links(all_links);
        let women = shown_women(actor, &mut links);
        let (evidence, withheld): (Vec<EvidenceMeta>, Vec<EvidenceMeta>) = tx
            .evidence_of(EVIDENCE_OWNER, id.get())
            .await?
            .into_iter()
            .partition(|file| seen.may_fetch(file));
        let commit_reversed_by = reversed_by(tx.as_mut(), row.commit_transaction_id).await?;
        let pay_reversed_by = reversed_by(tx.as_mut(), row.pay_transaction_id).await?;
        let paper = crate::paper_notes::paper_note_of_payment(tx.as_mut(), id).await?;
        let course_run = match row.course_run_id {
            Some(run) => tx
                .course_run_by_id(run)
                .await?
                .map(|found| (found.id, found.code)),
            None => None,
        };
        tx.commit().await?;
        if !women.is_empty() {
            self.audit_view(actor, &row, "payment.view", json!({ "women": women }))
                .await?;
        }
        if !seen.text_shown() {
            withhold_text(&mut row);
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
            links_elsewhere,
            text_withheld: !seen.text_shown(),
            evidence,
            evidence_withheld: withheld.len(),
            paper,
            course_run,
            commit_reversed_by,
            pay_reversed_by,
        })
    }

    /// One evidence file of a payment, for download; audited. A file the reader may not
    /// fetch (the payment reaches beyond her scope) is `NotFound`, like one that is not there.
    pub async fn payment_evidence(
        &self,
        actor: &Actor,
        payment_id: PaymentId,
        evidence_id: EvidenceId,
    ) -> AppResult<(EvidenceMeta, Vec<u8>)> {
        actor.require(Permission::ViewMoneyRecords)?;
        let mut tx = self.db.read().await?;
        let (row, line) = payment_in_scope(tx.as_mut(), actor, payment_id, false).await?;
        let links = tx.payment_links(payment_id).await?;
        let seen = Disclosure::of(actor, &row, &line, &links);
        let (meta, content) = tx
            .evidence_file(evidence_id)
            .await?
            .filter(|(meta, _)| {
                meta.owner_kind == EVIDENCE_OWNER && meta.owner_id == payment_id.get()
            })
            .filter(|(meta, _)| seen.may_fetch(meta))
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
