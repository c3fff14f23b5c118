//! The `TrainingPlansRepo` port: a provider's contracts and a group's training needs
//! (migration 0026), and the two readings that join them to the rest of training — what the
//! ledger paid (and what waits to be paid) for a provider's runs from one line within a
//! period, and a group's training history as its members' enrolments per run. Nothing here
//! keeps a figure: a contract's spending is summed from `payments` each time it is read.
//!
//! A need leaves *open* only through [`TrainingPlansRepo::close_training_need`], which changes
//! the row only while it is still open, so two people closing one need cannot both succeed.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;
use jiff::Timestamp;

use super::StoreResult;
use crate::access::{PlaceId, UserId};
use crate::ids::{BudgetLineId, CourseKindId, CourseRunId, GroupId, ProviderId};

pub use crate::ids::{ContractId, TrainingNeedId};

/// A contract as it is stored (`id` is ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractRow {
    pub id: ContractId,
    pub provider_id: ProviderId,
    /// The provider's province.
    pub province_id: PlaceId,
    /// Unique for the provider.
    pub contract_no: String,
    pub signed_on: JalaliDate,
    pub period_from: JalaliDate,
    pub period_to: JalaliDate,
    pub amount_rials: i64,
    pub budget_line_id: BudgetLineId,
    pub note: String,
    pub created_by: Option<UserId>,
    pub created_by_name: String,
    pub created_at: Timestamp,
}

/// What was paid, and what waits, for a provider's runs from one line in a period: payments
/// that name a run of the provider, from the line, spent on a day of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProviderSpending {
    /// Payments now *paid*.
    pub paid_rials: i64,
    /// Payments *proposed* or *approved*.
    pub pending_rials: i64,
}

/// A group's training need as it is stored (`id` is ignored on insert).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingNeedRow {
    pub id: TrainingNeedId,
    pub group_id: GroupId,
    /// The group's place.
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub course_kind_id: Option<CourseKindId>,
    /// A skill in words; empty when a kind is named and nothing more was said.
    pub skill: String,
    /// Why: what the group's business needs.
    pub reason: String,
    pub recorded_on: JalaliDate,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: String,
    pub created_at: Timestamp,
    /// A `NeedState` code.
    pub state: String,
    pub met_by_run_id: Option<CourseRunId>,
    pub closed_on: Option<JalaliDate>,
    pub closed_by_name: Option<String>,
}

/// How a need leaves *open*.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedClosing {
    /// `met` or `withdrawn`.
    pub state: String,
    pub met_by_run_id: Option<CourseRunId>,
    pub closed_on: JalaliDate,
    pub closed_by_name: String,
}

/// Which open needs to list: a province's, optionally one county's and one kind's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NeedFilter {
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
    pub course_kind_id: Option<CourseKindId>,
    pub limit: i64,
}

/// A group's members in one run: how many were enrolled, completed and dropped out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupRunTally {
    pub run_id: CourseRunId,
    pub enrolled: i64,
    pub completed: i64,
    pub dropped: i64,
}

#[async_trait]
pub trait TrainingPlansRepo {
    /// Fails with `StoreError::Unique("provider_contracts.contract_no")` for a number the
    /// provider has.
    async fn insert_contract(&mut self, contract: &ContractRow) -> StoreResult<ContractId>;
    /// The provider's contracts, the latest period first.
    async fn contracts_of_provider(
        &mut self,
        provider_id: ProviderId,
    ) -> StoreResult<Vec<ContractRow>>;
    /// What was paid and what waits for the provider's runs from `line` with a spending day
    /// from `from` to `to`, both included.
    async fn provider_spending(
        &mut self,
        provider_id: ProviderId,
        line: BudgetLineId,
        from: JalaliDate,
        to: JalaliDate,
    ) -> StoreResult<ProviderSpending>;

    async fn insert_training_need(&mut self, need: &TrainingNeedRow)
    -> StoreResult<TrainingNeedId>;
    async fn training_need_by_id(
        &mut self,
        id: TrainingNeedId,
    ) -> StoreResult<Option<TrainingNeedRow>>;
    /// The group's needs, open ones first, then newest first.
    async fn training_needs_of_group(
        &mut self,
        group_id: GroupId,
    ) -> StoreResult<Vec<TrainingNeedRow>>;
    /// Open needs of a place (and kind), oldest first, at most `limit`.
    async fn open_training_needs(
        &mut self,
        filter: &NeedFilter,
    ) -> StoreResult<Vec<TrainingNeedRow>>;
    /// Closes the need only while it is open; false otherwise.
    async fn close_training_need(
        &mut self,
        id: TrainingNeedId,
        closing: &NeedClosing,
    ) -> StoreResult<bool>;

    /// The runs the group's members were enrolled in while they were members (or enrolled
    /// with the group), with their counts, the latest run first.
    async fn group_training(&mut self, group_id: GroupId) -> StoreResult<Vec<GroupRunTally>>;
}
