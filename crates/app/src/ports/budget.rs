//! The `BudgetRepo` port: budget lines per fiscal year, place and category, each tied to the
//! three ledger accounts that hold its money (see migration 0008 and `docs/LEDGER.md`). The
//! lines themselves never change once opened; their figures are ledger balances.

use async_trait::async_trait;
use jiff::Timestamp;

use super::StoreResult;
use super::ledger::AccountId;
use crate::access::{PlaceId, UserId};

/// Whether a province's fiscal year is closed, with who closed and who last reopened it.
/// A year without a row is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiscalYearRow {
    pub province_id: PlaceId,
    pub fiscal_year: i32,
    pub closed: bool,
    pub closed_by: Option<UserId>,
    pub closed_by_name: Option<String>,
    pub closed_at: Option<Timestamp>,
    pub reopened_by: Option<UserId>,
    pub reopened_by_name: Option<String>,
    pub reopened_at: Option<Timestamp>,
    pub reopen_reason: Option<String>,
}

/// Who closes or reopens a year, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiscalYearStamp {
    pub by: Option<UserId>,
    pub by_name: String,
    pub at: Timestamp,
}

pub use crate::ids::BudgetLineId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBudgetLine {
    pub fiscal_year: i32,
    pub province_id: PlaceId,
    pub county_id: Option<PlaceId>,
    /// A `BudgetCategory` code.
    pub category: String,
    pub budget_account_id: AccountId,
    pub expense_account_id: AccountId,
    pub commitment_account_id: AccountId,
    pub created_by: Option<UserId>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLineRow {
    pub id: BudgetLineId,
    pub fiscal_year: i32,
    pub province_id: PlaceId,
    pub county_id: Option<PlaceId>,
    pub category: String,
    pub budget_account_id: AccountId,
    pub expense_account_id: AccountId,
    pub commitment_account_id: AccountId,
    pub created_by: Option<UserId>,
    pub created_at: Timestamp,
}

/// Which lines to list: one fiscal year, optionally narrowed to a province and a county
/// (`county_id = Some` lists only that county's lines; `province_only` only the undivided
/// province lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BudgetLineFilter {
    pub fiscal_year: Option<i32>,
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub province_only: bool,
}

#[async_trait]
pub trait BudgetRepo {
    /// Fails with `StoreError::Unique("budget_lines.category")` when the year, place and
    /// category already have a line.
    async fn insert_budget_line(&mut self, line: &NewBudgetLine) -> StoreResult<BudgetLineId>;
    async fn budget_line_by_id(&mut self, id: BudgetLineId) -> StoreResult<Option<BudgetLineRow>>;
    /// The line of a year, place (county, or the province itself when `county_id` is None)
    /// and category.
    async fn budget_line_at(
        &mut self,
        fiscal_year: i32,
        province_id: PlaceId,
        county_id: Option<PlaceId>,
        category: &str,
    ) -> StoreResult<Option<BudgetLineRow>>;
    /// Lines matching the filter, ordered by year, province, county (province lines first)
    /// and category code.
    async fn budget_lines(&mut self, filter: BudgetLineFilter) -> StoreResult<Vec<BudgetLineRow>>;
    /// The line one of whose three accounts this is.
    async fn budget_line_by_account(
        &mut self,
        account_id: AccountId,
    ) -> StoreResult<Option<BudgetLineRow>>;
    /// Reads the line and, on engines with row locks, holds its row until the transaction
    /// ends, so two transactions that check what is left on the line run one after the other.
    /// (SQLite's write transactions already run one at a time.)
    async fn lock_budget_line(&mut self, id: BudgetLineId) -> StoreResult<Option<BudgetLineRow>>;
    /// A province's fiscal year as it is stored (None: never closed, so open).
    async fn fiscal_year(
        &mut self,
        province_id: PlaceId,
        fiscal_year: i32,
    ) -> StoreResult<Option<FiscalYearRow>>;
    /// The years of a province that have a row (closed now or once), newest first.
    async fn fiscal_years_of(&mut self, province_id: PlaceId) -> StoreResult<Vec<FiscalYearRow>>;
    /// Makes sure the year has a row (open when new) and holds it until the transaction ends:
    /// shared (`FOR SHARE`) for a posting, which only reads it, or exclusive (`FOR UPDATE`)
    /// for closing and reopening, which change it. So a posting and a close of the same year
    /// run one after the other on PostgreSQL; SQLite's writers already do.
    async fn hold_fiscal_year(
        &mut self,
        province_id: PlaceId,
        fiscal_year: i32,
        exclusive: bool,
    ) -> StoreResult<FiscalYearRow>;
    /// open → closed. False (nothing written) when the year is already closed.
    async fn mark_fiscal_year_closed(
        &mut self,
        province_id: PlaceId,
        fiscal_year: i32,
        stamp: &FiscalYearStamp,
    ) -> StoreResult<bool>;
    /// closed → open, keeping the reason. False (nothing written) when it is not closed.
    async fn mark_fiscal_year_reopened(
        &mut self,
        province_id: PlaceId,
        fiscal_year: i32,
        stamp: &FiscalYearStamp,
        reason: &str,
    ) -> StoreResult<bool>;
}
