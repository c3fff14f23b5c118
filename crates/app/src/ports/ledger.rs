//! The `LedgerRepo` port: the general double-entry ledger's accounts, append-only transactions
//! with their postings, the kept balances and the checks that recompute them. Amounts are
//! signed integer rials (positive = debit, negative = credit, see `hamyar_domain::ledger`);
//! dates are Gregorian ISO `YYYY-MM-DD` text. The adapter re-checks that a transaction
//! balances before writing it, so a caller that bypasses the domain draft is still refused.

use async_trait::async_trait;
use jiff::Timestamp;

use super::StoreResult;
use crate::access::{PlaceId, UserId};

pub use crate::ids::{AccountId, LedgerTransactionId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLedgerAccount {
    /// Stable machine code, unique: `budget.training`, `bank.treasury`…
    pub code: String,
    pub name_fa: String,
    pub name_en: String,
    /// An `AccountKind` code.
    pub kind: String,
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerAccountRow {
    pub id: AccountId,
    pub code: String,
    pub name_fa: String,
    pub name_en: String,
    pub kind: String,
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub created_at: Timestamp,
}

/// One line of a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostingLine {
    pub account_id: AccountId,
    pub amount_rials: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLedgerTransaction {
    pub idempotency_key: String,
    /// ISO date.
    pub effective_on: String,
    pub description: String,
    /// The transaction this one reverses; an original can be reversed once.
    pub reverses_id: Option<LedgerTransactionId>,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub postings: Vec<PostingLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerTransactionRow {
    pub id: LedgerTransactionId,
    pub idempotency_key: String,
    pub effective_on: String,
    pub description: String,
    pub reverses_id: Option<LedgerTransactionId>,
    /// The transaction that reversed this one, if any.
    pub reversed_by: Option<LedgerTransactionId>,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    /// In the order they were written.
    pub postings: Vec<PostingLine>,
}

/// An account's kept balance: the plain sum of its postings (debit positive) and their count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeptBalance {
    pub balance_rials: i64,
    pub posting_count: i64,
}

/// The sum of an account's postings on one day (its kept day, `ledger_account_days`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountDay {
    /// ISO date.
    pub day: String,
    pub amount_rials: i64,
}

/// An account whose kept balance differs from the sum of its postings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceDifference {
    pub account_id: AccountId,
    pub account_code: String,
    pub kept: KeptBalance,
    pub recomputed: KeptBalance,
}

/// An account's month (`year * 100 + month`, Jalali, e.g. `140501`) or day (ISO) whose kept
/// sum differs from the sum of its postings dated in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodDifference {
    pub account_id: AccountId,
    pub period: String,
    pub kept: KeptBalance,
    pub recomputed: KeptBalance,
}

/// A county's day (ISO) or Jalali month (`year * 100 + month`) of one kind of the group
/// funds' journal whose kept sum (`fund_entry_days`, `fund_entry_months`, migration 0035)
/// differs from the journal's lines booked there (`balance_rials` is their amount).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundTallyDifference {
    pub county_id: i64,
    pub kind: String,
    pub period: String,
    pub kept: KeptBalance,
    pub recomputed: KeptBalance,
}

/// A transaction whose postings do not sum to zero, or that has fewer than two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnbalancedTransaction {
    pub transaction_id: LedgerTransactionId,
    pub sum_rials: i64,
    pub posting_count: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReversalProblem {
    /// `reverses_id` names no transaction.
    OriginalMissing,
    /// The reversal's postings are not exactly the original's, negated.
    NotNegation,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadReversal {
    pub transaction_id: LedgerTransactionId,
    pub reverses_id: LedgerTransactionId,
    pub problem: ReversalProblem,
}

/// What a full recomputation of the ledger found; empty lists mean consistent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LedgerCheck {
    pub accounts_checked: i64,
    pub transactions_checked: i64,
    pub postings_checked: i64,
    pub balance_differences: Vec<BalanceDifference>,
    pub period_differences: Vec<PeriodDifference>,
    /// The group funds' kept sums against their journal.
    pub fund_tally_differences: Vec<FundTallyDifference>,
    pub unbalanced: Vec<UnbalancedTransaction>,
    pub bad_reversals: Vec<BadReversal>,
}

impl LedgerCheck {
    pub fn is_consistent(&self) -> bool {
        self.balance_differences.is_empty()
            && self.period_differences.is_empty()
            && self.fund_tally_differences.is_empty()
            && self.unbalanced.is_empty()
            && self.bad_reversals.is_empty()
    }
}

/// Which transactions a drill-down lists: those with a posting to any of `account_ids`
/// effective from `from` to `to` (ISO dates, both inclusive, either open), one page of them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DrillQuery {
    pub account_ids: Vec<AccountId>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Leave out transactions whose postings to these accounts net to zero (a commitment
    /// moves money between a line's expense and commitment accounts and pays nothing).
    pub skip_netting_to_zero: bool,
    pub limit: i64,
    pub offset: i64,
}

/// One transaction of a drill-down: the transaction with all its postings, and the sum of its
/// postings to the accounts asked about (debit positive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrilledTransaction {
    pub transaction: LedgerTransactionRow,
    pub touched_sum_rials: i64,
}

/// A page of a drill-down, with the count and the sum over every page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DrillPage {
    pub transactions: Vec<DrilledTransaction>,
    pub total_count: i64,
    pub total_sum_rials: i64,
}

#[async_trait]
pub trait LedgerRepo {
    /// Fails with `StoreError::Unique("ledger_accounts.code")` for a taken code.
    async fn insert_ledger_account(&mut self, account: &NewLedgerAccount)
    -> StoreResult<AccountId>;
    /// The programme's chart: every account but the books of the groups' funds (those with a
    /// `fund_group_id`, listed by `FundRepo::fund_accounts`), ordered by code.
    /// `check_ledger` still checks every account.
    async fn ledger_accounts(&mut self) -> StoreResult<Vec<LedgerAccountRow>>;
    async fn ledger_account_by_id(
        &mut self,
        id: AccountId,
    ) -> StoreResult<Option<LedgerAccountRow>>;
    async fn ledger_account_by_code(&mut self, code: &str)
    -> StoreResult<Option<LedgerAccountRow>>;
    /// Writes the transaction and its postings and adds them to the kept balances. Refuses
    /// with `StoreError::Unbalanced` (writing nothing) unless the postings sum to zero;
    /// `Unique("ledger_transactions.idempotency_key")` for a used key and
    /// `Unique("ledger_transactions.reverses_id")` for an original already reversed.
    async fn post_ledger_transaction(
        &mut self,
        transaction: &NewLedgerTransaction,
    ) -> StoreResult<LedgerTransactionId>;
    /// Writes many transactions at once with the same guarantees as
    /// [`LedgerRepo::post_ledger_transaction`]: every member is checked to sum to zero before
    /// anything is written (`StoreError::Unbalanced` refuses the whole batch), a used or
    /// repeated key fails with `Unique("ledger_transactions.idempotency_key")` and leaves
    /// nothing of the batch behind, and each account's kept balance gets one aggregated
    /// update. Returns the new ids in the batch's order.
    async fn post_ledger_transactions(
        &mut self,
        batch: &[NewLedgerTransaction],
    ) -> StoreResult<Vec<LedgerTransactionId>>;
    async fn ledger_transaction_by_id(
        &mut self,
        id: LedgerTransactionId,
    ) -> StoreResult<Option<LedgerTransactionRow>>;
    async fn ledger_transaction_by_key(
        &mut self,
        idempotency_key: &str,
    ) -> StoreResult<Option<LedgerTransactionRow>>;
    /// The kept balance (no scan of postings); zero for an account never posted to.
    async fn ledger_balance(&mut self, account_id: AccountId) -> StoreResult<KeptBalance>;
    /// The sum of the account's postings effective on or before `date` (ISO).
    async fn ledger_balance_as_of(&mut self, account_id: AccountId, date: &str)
    -> StoreResult<i64>;
    /// The account's kept days, oldest first: what its postings add up to on each day that
    /// has one. Money use-cases read a line's days to check a back-dated step against every
    /// later day, not only today.
    async fn ledger_account_days(&mut self, account_id: AccountId) -> StoreResult<Vec<AccountDay>>;
    /// Recomputes every balance from the postings and checks every transaction and reversal.
    async fn check_ledger(&mut self) -> StoreResult<LedgerCheck>;
    /// Whether the triggers that refuse UPDATE and DELETE on transactions and postings stand.
    async fn ledger_guard_installed(&mut self) -> StoreResult<bool>;
    /// The transactions behind a figure: those touching the query's accounts in its date
    /// range, ordered by effective date then id, one page, with their postings and the sum of
    /// their postings to those accounts; the count and sum cover all pages.
    async fn ledger_drill(&mut self, query: &DrillQuery) -> StoreResult<DrillPage>;
}
