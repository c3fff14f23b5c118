//! Budgets: a fiscal year's money per province (and, divided, per county) and category, kept
//! on the ledger. Each budget line owns three ledger accounts (budget, expense, open
//! commitments); allocations, amendments and divisions to counties are ledger transactions
//! between the treasury and a line or between two lines, and the spending and grant
//! use-cases commit and pay against a line through [`App::commit_against_line_in_tx`] and
//! [`App::pay_commitment_in_tx`] — the one place that checks a line cannot be overdrawn.
//!
//! Every money step carries the day it happened (`dates`: defaults, never in the future,
//! inside the line's year, checked against every later day of the line), and a province's
//! fiscal year can be closed so nothing more posts into it (`fiscal_year`).
//!
//! Who: `ManageBudget` opens and funds lines in the actor's scope; `ViewMoney` reads them
//! where the actor's scope reaches (a county user sees its county's lines and its province's
//! undivided lines, which it may also propose against).

pub(crate) mod allocation;
pub(crate) mod commitment;
pub(crate) mod dates;
pub(crate) mod fiscal_year;
mod lines;

pub(crate) use crate::ledger::guards::line_figures as figures;
pub use allocation::{AllocationInput, DivisionInput, YearBudgetInput};
pub use fiscal_year::FiscalYearState;
pub use lines::BudgetLineView;

use hamyar_domain::budget::{BudgetCategory, LineFigures};

use crate::access::{Actor, Scope};
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::budget::{BudgetLineId, BudgetLineRow};

/// Whether a scope reaches a line: the country reaches all; a province its own lines and its
/// counties'; a county its own lines and its province's undivided lines.
///
/// Reaching a line is about money: a county user may read a province line's figures and
/// propose against it. It is not holding the people its payments are for — a payment on a
/// province line may be for women of several counties — so what of a payment she sees is
/// decided by `spending::disclosure`, and a drill-down's descriptions by
/// `money_reports::drill`.
pub(crate) fn scope_reaches_line(scope: Scope, line: &BudgetLineRow) -> bool {
    match scope {
        Scope::Country => true,
        Scope::Province(province) => line.province_id == province,
        Scope::County { province, county } => {
            line.province_id == province && line.county_id.is_none_or(|c| c == county)
        }
    }
}

/// The line's category, or an internal error for a code the migration's CHECK would refuse.
pub(crate) fn line_category(line: &BudgetLineRow) -> AppResult<BudgetCategory> {
    BudgetCategory::parse(&line.category)
        .ok_or_else(|| AppError::Internal(format!("budget line {} has no category", line.id)))
}

/// The line's figures now, from the kept balances (no scan of postings).
pub(crate) async fn line_figures_in_tx(
    tx: &mut dyn Tx,
    line: &BudgetLineRow,
) -> AppResult<LineFigures> {
    let budget = tx
        .ledger_balance(line.budget_account_id)
        .await?
        .balance_rials;
    let committed = tx
        .ledger_balance(line.expense_account_id)
        .await?
        .balance_rials;
    let outstanding = tx
        .ledger_balance(line.commitment_account_id)
        .await?
        .balance_rials;
    figures(budget, committed, outstanding)
}

/// The line's figures at the end of an ISO date, summed from the postings up to it.
pub(crate) async fn line_figures_as_of(
    tx: &mut dyn Tx,
    line: &BudgetLineRow,
    iso_date: &str,
) -> AppResult<LineFigures> {
    let budget = tx
        .ledger_balance_as_of(line.budget_account_id, iso_date)
        .await?;
    let committed = tx
        .ledger_balance_as_of(line.expense_account_id, iso_date)
        .await?;
    let outstanding = tx
        .ledger_balance_as_of(line.commitment_account_id, iso_date)
        .await?;
    figures(budget, committed, outstanding)
}

/// The line with this id if the actor's scope reaches it; `NotFound` otherwise (never saying
/// which).
pub(crate) async fn line_in_scope(
    tx: &mut dyn Tx,
    actor: &Actor,
    id: BudgetLineId,
) -> AppResult<BudgetLineRow> {
    tx.budget_line_by_id(id)
        .await?
        .filter(|line| scope_reaches_line(actor.scope, line))
        .ok_or(AppError::NotFound)
}
