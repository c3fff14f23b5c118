//! The `SpendingRepo` port: payments against budget lines, what they were for (groups or
//! women) and the evidence files behind them (see migration 0009). A payment's status changes
//! only through the `mark_*` methods, each of which changes the row only if it still has the
//! status the caller expects and says whether it did, so a decision raced by another is
//! refused rather than applied twice.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;
use hamyar_domain::spending::PaymentStatus;
use jiff::Timestamp;

use super::StoreResult;
use super::budget::BudgetLineId;
use super::groups::GroupId;
use super::ledger::LedgerTransactionId;
use super::registry::WomanId;
use crate::access::{PlaceId, UserId};
use crate::ids::CourseRunId;

pub use crate::ids::{EvidenceId, PaymentId};

/// A proposal as it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    pub budget_line_id: BudgetLineId,
    pub province_id: PlaceId,
    pub county_id: Option<PlaceId>,
    pub payee: String,
    /// A `PayeeKind` code.
    pub payee_kind: String,
    pub amount_rials: i64,
    /// Gregorian ISO date.
    pub spent_on: JalaliDate,
    pub reference: String,
    pub description: String,
    pub idempotency_key: String,
    pub proposed_by: Option<UserId>,
    pub proposed_by_name: String,
    pub proposed_at: Timestamp,
    /// The course run a payment to a training provider paid for.
    pub course_run_id: Option<CourseRunId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRow {
    pub id: PaymentId,
    pub budget_line_id: BudgetLineId,
    pub province_id: PlaceId,
    pub county_id: Option<PlaceId>,
    pub payee: String,
    pub payee_kind: String,
    pub amount_rials: i64,
    pub spent_on: JalaliDate,
    pub reference: String,
    pub description: String,
    pub status: PaymentStatus,
    pub idempotency_key: String,
    pub proposed_by: Option<UserId>,
    pub proposed_by_name: String,
    pub proposed_at: Timestamp,
    pub decided_by: Option<UserId>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<Timestamp>,
    /// Gregorian ISO date of the approval — the commitment's value date, which may be before
    /// `decided_at` (when it was recorded).
    pub approved_on: Option<JalaliDate>,
    pub rejection_reason: Option<String>,
    pub commit_transaction_id: Option<LedgerTransactionId>,
    pub paid_by: Option<UserId>,
    pub paid_by_name: Option<String>,
    pub paid_at: Option<Timestamp>,
    /// Gregorian ISO date the money left.
    pub paid_on: Option<JalaliDate>,
    pub pay_transaction_id: Option<LedgerTransactionId>,
    pub cancelled_by: Option<UserId>,
    pub cancelled_by_name: Option<String>,
    pub cancelled_at: Option<Timestamp>,
    pub cancel_reason: Option<String>,
    pub course_run_id: Option<CourseRunId>,
}

/// Who did something to a payment, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentStamp {
    pub by: Option<UserId>,
    pub by_name: String,
    pub at: Timestamp,
}

/// One thing a payment was for: a group or a woman.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentLink {
    Group(GroupId),
    Woman(WomanId),
}

/// A link with the name to show (the group's code and name, the woman's full name) and
/// where the group or woman is now, so a reader outside that place is not shown the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentLinkRow {
    pub link: PaymentLink,
    pub label: String,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
}

/// Which payments to list; every field narrows. `reach_county` lists what a county user's
/// scope reaches: its county's lines and its province's undivided lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaymentFilter {
    pub province_id: Option<PlaceId>,
    pub reach_county: Option<PlaceId>,
    pub budget_line_id: Option<BudgetLineId>,
    pub status: Option<PaymentStatus>,
    pub group_id: Option<GroupId>,
    pub woman_id: Option<WomanId>,
    pub course_run_id: Option<CourseRunId>,
    pub limit: i64,
    pub offset: i64,
}

/// An evidence file as uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvidence {
    /// `payment` (grants may add their own kind).
    pub owner_kind: String,
    pub owner_id: i64,
    pub file_name: String,
    pub content_type: String,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    pub content: Vec<u8>,
    pub uploaded_by: Option<UserId>,
    pub uploaded_by_name: String,
    pub uploaded_at: Timestamp,
}

/// What a list of evidence shows: everything but the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceMeta {
    pub id: EvidenceId,
    pub owner_kind: String,
    pub owner_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: Option<UserId>,
    pub uploaded_by_name: String,
    pub uploaded_at: Timestamp,
}

#[async_trait]
pub trait SpendingRepo {
    /// Fails with `StoreError::Unique("payments.idempotency_key")` for a key already used.
    async fn insert_payment(&mut self, payment: &NewPayment) -> StoreResult<PaymentId>;
    async fn payment_by_id(&mut self, id: PaymentId) -> StoreResult<Option<PaymentRow>>;
    async fn payment_by_key(&mut self, key: &str) -> StoreResult<Option<PaymentRow>>;
    /// Reads the payment and, on PostgreSQL, holds its row until the transaction ends, so
    /// two decisions on one payment run one after the other.
    async fn lock_payment(&mut self, id: PaymentId) -> StoreResult<Option<PaymentRow>>;
    /// Newest first.
    async fn payments(&mut self, filter: &PaymentFilter) -> StoreResult<Vec<PaymentRow>>;
    /// proposed → approved on `approved_on` (ISO) with its commitment. False when the
    /// payment is not proposed.
    async fn mark_payment_approved(
        &mut self,
        id: PaymentId,
        stamp: &PaymentStamp,
        approved_on: &str,
        commit_transaction_id: LedgerTransactionId,
    ) -> StoreResult<bool>;
    /// proposed → rejected. False when the payment is not proposed.
    async fn mark_payment_rejected(
        &mut self,
        id: PaymentId,
        stamp: &PaymentStamp,
        reason: &str,
    ) -> StoreResult<bool>;
    /// approved → paid. False when the payment is not approved.
    async fn mark_payment_paid(
        &mut self,
        id: PaymentId,
        stamp: &PaymentStamp,
        paid_on: &str,
        pay_transaction_id: LedgerTransactionId,
    ) -> StoreResult<bool>;
    /// `from` → cancelled. False when the payment's status is not `from`.
    async fn mark_payment_cancelled(
        &mut self,
        id: PaymentId,
        from: PaymentStatus,
        stamp: &PaymentStamp,
        reason: &str,
    ) -> StoreResult<bool>;
    async fn insert_payment_link(&mut self, id: PaymentId, link: PaymentLink) -> StoreResult<()>;
    /// Groups first, then women, each by id, with their labels and places.
    async fn payment_links(&mut self, id: PaymentId) -> StoreResult<Vec<PaymentLinkRow>>;
    /// The group with this code in the province, if any.
    async fn group_id_by_code(
        &mut self,
        province_id: PlaceId,
        code: &str,
    ) -> StoreResult<Option<GroupId>>;
    async fn insert_evidence(&mut self, evidence: &NewEvidence) -> StoreResult<EvidenceId>;
    /// Oldest first, without the content.
    /// What was paid (payments now *paid*) for a course run, in rials.
    async fn paid_for_course_run(&mut self, run_id: CourseRunId) -> StoreResult<i64>;
    async fn evidence_of(
        &mut self,
        owner_kind: &str,
        owner_id: i64,
    ) -> StoreResult<Vec<EvidenceMeta>>;
    /// One file with its content.
    async fn evidence_file(
        &mut self,
        id: EvidenceId,
    ) -> StoreResult<Option<(EvidenceMeta, Vec<u8>)>>;
}
