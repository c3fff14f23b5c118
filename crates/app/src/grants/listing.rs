//! Reading grants: the list (filtered by group, woman, status and year, always within the
//! actor's place), a grant's detail with its tranches — for a proposed tranche its conditions
//! judged today, for a decided one the results kept at approval — and the ids of the ledger
//! transactions each step posted (and of their reversals), and a group's grants for its page.
//! All of it needs `ViewMoneyRecords`: a grant names its recipient and the staff who decided
//! it, so public relations reads grants only as the figures of reports. A grant lies where its
//! recipient is (its county), so a county user sees her county's grants, whatever line they
//! draw on. A woman's name and national ID are shown only to roles with `ViewPersonalData`.

use hamyar_domain::Message;
use hamyar_domain::NationalId;
use hamyar_domain::grants::{Condition, ConditionResult, GrantStatus, TrancheStatus};

use super::conditions::{conditions_of, judge_in_tx, stored_results};
use super::grant_in_scope;
use crate::access::{Actor, Permission};
use crate::budget::{BudgetLineView, line_category, line_figures_in_tx};
use crate::error::{AppError, AppResult};
use crate::groups::group_in_scope;
use crate::ports::Tx;
use crate::ports::grants::{GrantFilter, GrantId, GrantListRow, GrantRow, TrancheRow};
use crate::ports::groups::GroupId;
use crate::ports::ledger::LedgerTransactionId;
use crate::service::{App, AuditEntry};

/// Grants listed per page.
pub const GRANTS_PER_PAGE: i64 = 50;

/// What the list of grants is filtered by (text fields as typed; empty means any).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GrantListFilter {
    pub group_id: Option<GroupId>,
    /// A woman's national ID.
    pub national_id: String,
    /// A `GrantStatus` code.
    pub status: String,
    pub fiscal_year: Option<i32>,
    /// From 0.
    pub page: i64,
}

/// One grant in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantListItem {
    pub grant: GrantRow,
    pub status: GrantStatus,
    /// The group's name, or the woman's name when the reader may see it.
    pub recipient_name: Option<String>,
    pub recipient_national_id: Option<String>,
    pub committed_rials: i64,
    pub paid_rials: i64,
}

/// A tranche on the grant's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrancheView {
    pub row: TrancheRow,
    pub status: TrancheStatus,
    pub conditions: Vec<Condition>,
    /// Judged today for a proposed tranche; as kept at approval otherwise (empty when it
    /// was rejected or cancelled before approval).
    pub results: Vec<ConditionResult>,
    /// Whether `results` were judged just now (a proposed tranche).
    pub results_are_live: bool,
    pub commit_reversed_by: Option<LedgerTransactionId>,
    pub pay_reversed_by: Option<LedgerTransactionId>,
    /// What a province's history says was decided on paper, for an imported grant.
    pub paper: Option<crate::paper_notes::PaperNote>,
}

impl TrancheView {
    pub fn conditions_pass(&self) -> bool {
        self.results.iter().all(|result| result.passed)
    }
}

/// A grant with its recipient, line and tranches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantDetail {
    pub item: GrantListItem,
    pub line: BudgetLineView,
    pub tranches: Vec<TrancheView>,
}

impl GrantDetail {
    /// Whether the actor may approve or reject this grant's tranches (the proposer never
    /// may: four eyes).
    pub fn may_decide(&self, actor: &Actor) -> bool {
        actor.can(Permission::ApproveSpending) && self.item.grant.proposed_by != actor.user_id
    }

    /// Whether the actor may pay or cancel tranches.
    pub fn may_pay(&self, actor: &Actor) -> bool {
        actor.can(Permission::ApproveSpending)
    }
}

fn item(row: GrantListRow, actor: &Actor) -> AppResult<GrantListItem> {
    let personal = row.grant.group_id.is_some() || actor.can(Permission::ViewPersonalData);
    Ok(GrantListItem {
        status: row.grant.status,
        recipient_name: personal.then_some(row.recipient_name),
        recipient_national_id: row.recipient_national_id.filter(|_| personal),
        committed_rials: row.committed_rials,
        paid_rials: row.paid_rials,
        grant: row.grant,
    })
}

async fn reversed_by(
    tx: &mut dyn Tx,
    id: Option<LedgerTransactionId>,
) -> AppResult<Option<LedgerTransactionId>> {
    Ok(match id {
        Some(id) => tx
            .ledger_transaction_by_id(id)
            .await?
            .and_then(|row| row.reversed_by),
        None => None,
    })
}

impl App {
    /// Grants in the actor's place, newest first.
    pub async fn grants(
        &self,
        actor: &Actor,
        filter: &GrantListFilter,
    ) -> AppResult<Vec<GrantListItem>> {
        actor.require(Permission::ViewMoneyRecords)?;
        let status = match filter.status.trim() {
            "" => None,
            text => Some(GrantStatus::parse(text).ok_or_else(|| {
                AppError::invalid("status", Message::new("listing-unknown_status"))
            })?),
        };
        let mut tx = self.db.read().await?;
        let woman_id = match filter.national_id.trim() {
            "" => None,
            text => {
                let id = NationalId::parse(text)
                    .map_err(|error| AppError::invalid("national_id", error.message()))?;
                match tx.woman_by_national_id(id.as_str()).await? {
                    Some(woman) => Some(woman.id),
                    None => return Ok(Vec::new()),
                }
            }
        };
        let rows = tx
            .search_grants(&GrantFilter {
                province_id: actor.scope.province(),
                county_id: actor.scope.county(),
                group_id: filter.group_id,
                woman_id,
                status,
                fiscal_year: filter.fiscal_year,
                limit: GRANTS_PER_PAGE,
                offset: filter.page.max(0) * GRANTS_PER_PAGE,
            })
            .await?;
        tx.commit().await?;
        rows.into_iter().map(|row| item(row, actor)).collect()
    }

    /// The grants of a group in the actor's place, for the group's page.
    pub async fn grants_of_group(
        &self,
        actor: &Actor,
        group_id: GroupId,
    ) -> AppResult<Vec<GrantListItem>> {
        actor.require(Permission::ViewMoneyRecords)?;
        let mut tx = self.db.read().await?;
        group_in_scope(tx.as_mut(), actor, group_id).await?;
        let rows = tx
            .search_grants(&GrantFilter {
                group_id: Some(group_id),
                ..GrantFilter::default()
            })
            .await?;
        tx.commit().await?;
        rows.into_iter().map(|row| item(row, actor)).collect()
    }

    /// A grant with its tranches, each with its conditions' results and ledger ids.
    /// `opening` is true for a GET of the page: showing a woman's grant to a reader who sees
    /// her name is then audited as `grant.view`, like opening her file (a redraw after a
    /// refused form is not).
    pub async fn grant_detail(
        &self,
        actor: &Actor,
        id: GrantId,
        opening: bool,
    ) -> AppResult<GrantDetail> {
        actor.require(Permission::ViewMoneyRecords)?;
        let audited = opening && actor.can(Permission::ViewPersonalData);
        let mut tx = if audited {
            self.db.write().await?
        } else {
            self.db.read().await?
        };
        let grant = grant_in_scope(tx.as_mut(), actor, id).await?;
        let row = tx
            .search_grants(&GrantFilter {
                group_id: grant.group_id,
                woman_id: grant.woman_id,
                ..GrantFilter::default()
            })
            .await?
            .into_iter()
            .find(|row| row.grant.id == id)
            .ok_or(AppError::NotFound)?;
        let line_row = tx
            .budget_line_by_id(grant.budget_line_id)
            .await?
            .ok_or_else(|| AppError::Internal(format!("grant {id} has no line")))?;
        let line = BudgetLineView {
            category: line_category(&line_row)?,
            figures: line_figures_in_tx(tx.as_mut(), &line_row).await?,
            line: line_row,
        };
        let mut tranches = Vec::new();
        for tranche in tx.tranches_of(id).await? {
            tranches.push(self.tranche_view(tx.as_mut(), &grant, tranche).await?);
        }
        if let (true, Some(woman_id)) = (audited, grant.woman_id) {
            self.audit_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor,
                    action: "grant.view",
                    entity_kind: "grant",
                    entity_id: id.to_string(),
                    province_id: Some(grant.province_id),
                    county_id: Some(grant.county_id),
                    before: None,
                    after: Some(serde_json::json!({ "woman_id": woman_id })),
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(GrantDetail {
            item: item(row, actor)?,
            line,
            tranches,
        })
    }

    async fn tranche_view(
        &self,
        tx: &mut dyn Tx,
        grant: &GrantRow,
        row: TrancheRow,
    ) -> AppResult<TrancheView> {
        let status = row.status;
        let live = status == TrancheStatus::Proposed;
        let results = if live {
            judge_in_tx(tx, grant, &row, self.today()).await?
        } else {
            stored_results(&row)?.unwrap_or_default()
        };
        Ok(TrancheView {
            paper: crate::paper_notes::paper_note_of_tranche(tx, row.id).await?,
            conditions: conditions_of(&row)?,
            commit_reversed_by: reversed_by(tx, row.commit_transaction_id).await?,
            pay_reversed_by: reversed_by(tx, row.pay_transaction_id).await?,
            status,
            results,
            results_are_live: live,
            row,
        })
    }
}
