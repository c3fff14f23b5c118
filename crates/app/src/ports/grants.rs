//! The `GrantsRepo` port: grants to a group or a woman and their tranches (migration 0010).
//! A grant's money lives on the ledger; these rows keep who proposed and decided what, the
//! release conditions and their judged results, and the ids of the ledger transactions each
//! step posted. Conditions and results travel as JSON text (see
//! `hamyar_domain::grants::Condition` and `ConditionResult`); dates as Gregorian ISO text.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;
use hamyar_domain::grants::{GrantStatus, TrancheStatus};
use jiff::Timestamp;

use super::StoreResult;
use super::budget::BudgetLineId;
use super::groups::GroupId;
use super::ledger::LedgerTransactionId as TransactionId;
use super::registry::WomanId;
use crate::access::{PlaceId, UserId};

pub use crate::ids::{GrantId, TrancheId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGrant {
    pub budget_line_id: BudgetLineId,
    pub fiscal_year: i32,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    /// Exactly one of `group_id` and `woman_id` is set (a CHECK enforces it).
    pub group_id: Option<GroupId>,
    pub woman_id: Option<WomanId>,
    pub purpose: String,
    pub total_rials: i64,
    pub status: GrantStatus,
    pub proposed_by: Option<UserId>,
    pub proposed_by_name: String,
    pub proposed_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantRow {
    pub id: GrantId,
    pub budget_line_id: BudgetLineId,
    pub fiscal_year: i32,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub group_id: Option<GroupId>,
    pub woman_id: Option<WomanId>,
    pub purpose: String,
    pub total_rials: i64,
    pub status: GrantStatus,
    pub proposed_by: Option<UserId>,
    pub proposed_by_name: String,
    pub proposed_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A grant as lists show it: with its recipient's name and its tranches' sums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantListRow {
    pub grant: GrantRow,
    /// The group's name, or the woman's first and last name.
    pub recipient_name: String,
    /// The woman's national ID (None for a group).
    pub recipient_national_id: Option<String>,
    /// Approved or paid tranches.
    pub committed_rials: i64,
    pub paid_rials: i64,
}

/// One tranche; `id` is ignored when inserting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrancheRow {
    pub id: TrancheId,
    pub grant_id: GrantId,
    pub seq: i64,
    pub amount_rials: i64,
    pub planned_on: JalaliDate,
    /// JSON list of `Condition`.
    pub conditions: String,
    pub status: TrancheStatus,
    pub decided_by: Option<UserId>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<Timestamp>,
    /// Gregorian ISO date of the approval — the commitment's value date (`decided_at` is when
    /// it was recorded).
    pub approved_on: Option<JalaliDate>,
    pub rejection_reason: Option<String>,
    /// JSON list of `ConditionResult`, as judged when the tranche was approved.
    pub condition_results: Option<String>,
    pub commit_transaction_id: Option<TransactionId>,
    pub paid_by: Option<UserId>,
    pub paid_by_name: Option<String>,
    pub paid_at: Option<Timestamp>,
    pub paid_on: Option<JalaliDate>,
    pub pay_transaction_id: Option<TransactionId>,
    pub cancelled_by: Option<UserId>,
    pub cancelled_by_name: Option<String>,
    pub cancelled_at: Option<Timestamp>,
    pub cancel_reason: Option<String>,
}

impl TrancheRow {
    /// A tranche as it is first written: proposed, nothing decided, paid or cancelled yet.
    pub fn proposed(
        grant_id: GrantId,
        seq: i64,
        amount_rials: i64,
        planned_on: JalaliDate,
        conditions: String,
    ) -> Self {
        TrancheRow {
            id: TrancheId::default(),
            grant_id,
            seq,
            amount_rials,
            planned_on,
            conditions,
            status: TrancheStatus::Proposed,
            decided_by: None,
            decided_by_name: None,
            decided_at: None,
            approved_on: None,
            rejection_reason: None,
            condition_results: None,
            commit_transaction_id: None,
            paid_by: None,
            paid_by_name: None,
            paid_at: None,
            paid_on: None,
            pay_transaction_id: None,
            cancelled_by: None,
            cancelled_by_name: None,
            cancelled_at: None,
            cancel_reason: None,
        }
    }
}

/// Which grants to list, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GrantFilter {
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub group_id: Option<GroupId>,
    pub woman_id: Option<WomanId>,
    pub status: Option<GrantStatus>,
    pub fiscal_year: Option<i32>,
    pub limit: i64,
    pub offset: i64,
}

#[async_trait]
pub trait GrantsRepo {
    async fn insert_grant(&mut self, grant: &NewGrant) -> StoreResult<GrantId>;
    /// Fails with `StoreError::Unique("grant_tranches.seq")` for a number the grant has.
    async fn insert_tranche(&mut self, tranche: &TrancheRow) -> StoreResult<TrancheId>;
    async fn grant_by_id(&mut self, id: GrantId) -> StoreResult<Option<GrantRow>>;
    /// The grant's tranches by number.
    async fn tranches_of(&mut self, grant_id: GrantId) -> StoreResult<Vec<TrancheRow>>;
    async fn tranche_by_id(&mut self, id: TrancheId) -> StoreResult<Option<TrancheRow>>;
    /// Reads the tranche and, on engines with row locks, holds its row until the transaction
    /// ends, so two decisions on one tranche run one after the other.
    async fn lock_tranche(&mut self, id: TrancheId) -> StoreResult<Option<TrancheRow>>;
    /// Writes the tranche's status and decision fields if its status is still
    /// `expected_status`; false (nothing written) when it is not.
    async fn update_tranche(
        &mut self,
        tranche: &TrancheRow,
        expected_status: TrancheStatus,
    ) -> StoreResult<bool>;
    async fn set_grant_status(
        &mut self,
        id: GrantId,
        status: GrantStatus,
        at: Timestamp,
    ) -> StoreResult<()>;
    /// Grants matching the filter, newest first.
    async fn search_grants(&mut self, filter: &GrantFilter) -> StoreResult<Vec<GrantListRow>>;
}
