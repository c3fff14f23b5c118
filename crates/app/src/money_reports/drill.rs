//! Drill-down: the ledger transactions behind one figure of one budget line. Each figure is
//! a sum of postings, so its transactions are read with the ledger's drill query:
//!
//! - budget — postings to the line's budget account (allocations, amendments, divisions),
//!   shown credit-positive;
//! - committed — postings to its expense account (commitments and direct payments);
//! - paid — postings to its expense and commitment accounts together, leaving out the
//!   transactions where they net to zero (a commitment moves money between the two and pays
//!   nothing; a payment clears the commitment account; a direct payment charges the expense).
//!
//! The amounts shown therefore add up to the figure exactly, reversals included.

use hamyar_domain::JalaliDate;

use super::report::{ReportFigures, figures_of};
use crate::access::{Actor, Permission};
use crate::budget::{line_category, line_in_scope};
use crate::error::{AppError, AppResult};
use crate::ports::budget::{BudgetLineId, BudgetLineRow};
use crate::ports::ledger::{DrillQuery, LedgerTransactionId};
use crate::service::App;
use hamyar_domain::budget::BudgetCategory;

/// Which figure of a line to drill into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Budget,
    Committed,
    Paid,
}

impl Figure {
    pub const ALL: [Figure; 3] = [Figure::Budget, Figure::Committed, Figure::Paid];

    pub fn code(self) -> &'static str {
        match self {
            Figure::Budget => "budget",
            Figure::Committed => "committed",
            Figure::Paid => "paid",
        }
    }

    pub fn parse(text: &str) -> Option<Figure> {
        Figure::ALL.into_iter().find(|figure| figure.code() == text)
    }

    pub fn label_fa(self) -> &'static str {
        match self {
            Figure::Budget => "بودجه",
            Figure::Committed => "تعهد شده",
            Figure::Paid => "پرداخت شده",
        }
    }

    /// The accounts whose postings make up the figure, whether transactions netting to zero
    /// on them are left out, and the sign that turns their sum into the figure.
    fn accounts(self, line: &BudgetLineRow) -> (Vec<i64>, bool, i64) {
        match self {
            Figure::Budget => (vec![line.budget_account_id], false, -1),
            Figure::Committed => (vec![line.expense_account_id], false, 1),
            Figure::Paid => (
                vec![line.expense_account_id, line.commitment_account_id],
                true,
                1,
            ),
        }
    }
}

/// Which page of a drill-down: 1-based, `size` transactions a page (at most 200).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DrillPageRequest {
    pub number: i64,
    pub size: i64,
}

impl Default for DrillPageRequest {
    fn default() -> Self {
        Self {
            number: 1,
            size: 50,
        }
    }
}

/// One transaction behind a figure. `description` and `recorded_by` are `None` for an actor
/// who may not see names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillEntry {
    pub transaction_id: LedgerTransactionId,
    pub effective_on: JalaliDate,
    pub description: Option<String>,
    pub recorded_by: Option<String>,
    /// The transaction's part of the figure (negative for a cut or a reversal).
    pub amount_rials: i64,
    pub reverses_id: Option<LedgerTransactionId>,
    pub reversed_by: Option<LedgerTransactionId>,
}

/// A page of the transactions behind one figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineTransactions {
    pub line: BudgetLineRow,
    pub category: BudgetCategory,
    pub figure: Figure,
    pub as_of: Option<JalaliDate>,
    /// The line's figures at the same moment (the drilled one equals `total_rials`).
    pub figures: ReportFigures,
    pub entries: Vec<DrillEntry>,
    pub total_count: i64,
    pub total_rials: i64,
    pub page: DrillPageRequest,
}

impl LineTransactions {
    pub fn page_count(&self) -> i64 {
        ((self.total_count + self.page.size - 1) / self.page.size).max(1)
    }
}

impl App {
    /// The ledger transactions behind one figure of a line, as of the end of a day (or now).
    pub async fn line_transactions(
        &self,
        actor: &Actor,
        line_id: BudgetLineId,
        figure: Figure,
        as_of: Option<JalaliDate>,
        page: DrillPageRequest,
    ) -> AppResult<LineTransactions> {
        actor.require(Permission::ViewMoney)?;
        let page = DrillPageRequest {
            number: page.number.max(1),
            size: page.size.clamp(1, 200),
        };
        let mut tx = self.db.read().await?;
        let line = line_in_scope(tx.as_mut(), actor, line_id).await?;
        let (account_ids, skip_netting_to_zero, sign) = figure.accounts(&line);
        let drilled = tx
            .ledger_drill(&DrillQuery {
                account_ids,
                from: None,
                to: as_of.map(|date| date.to_iso_string()),
                skip_netting_to_zero,
                limit: page.size,
                offset: (page.number - 1).saturating_mul(page.size),
            })
            .await?;
        let figures = ReportFigures::of_line(&figures_of(tx.as_mut(), &line, as_of).await?);
        tx.commit().await?;
        let names = actor.can(Permission::ViewPersonalData);
        let entries = drilled
            .transactions
            .into_iter()
            .map(|drilled| {
                let row = drilled.transaction;
                Ok(DrillEntry {
                    transaction_id: row.id,
                    effective_on: JalaliDate::from_iso_str(&row.effective_on)
                        .map_err(|error| AppError::Internal(error.to_string()))?,
                    description: names.then_some(row.description),
                    recorded_by: names.then_some(row.recorded_by_name),
                    amount_rials: signed(drilled.touched_sum_rials, sign)?,
                    reverses_id: row.reverses_id,
                    reversed_by: row.reversed_by,
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        Ok(LineTransactions {
            category: line_category(&line)?,
            line,
            figure,
            as_of,
            figures,
            entries,
            total_count: drilled.total_count,
            total_rials: signed(drilled.total_sum_rials, sign)?,
            page,
        })
    }
}

fn signed(amount: i64, sign: i64) -> AppResult<i64> {
    amount
        .checked_mul(sign)
        .ok_or_else(|| AppError::Internal("amount out of range".into()))
}
