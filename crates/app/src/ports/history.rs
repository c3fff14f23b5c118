//! The `HistoryRepo` port: batches of a province's historical payments and grants and their
//! paper decisions (migration 0022). A batch is written by the import that proposed its
//! payments or grants; its status moves once, from `waiting` to `confirmed` or `refused`,
//! through the `mark_*` methods, which change the row only while it waits and say whether
//! they did, so two people deciding one batch cannot both succeed.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;
use jiff::Timestamp;

use super::StoreResult;
use crate::access::{PlaceId, UserId};

pub use crate::ids::HistoryBatchId;
use crate::ids::{PaymentId, TrancheId};

/// A batch as the import writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewHistoryBatch {
    /// `payments` or `grants`.
    pub kind: String,
    pub province_id: PlaceId,
    /// The file's name, as the importer gave it.
    pub source: String,
    pub imported_by: Option<UserId>,
    pub imported_by_name: String,
    pub imported_at: Timestamp,
}

/// A batch as it is stored (without its evidence file's content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryBatchRow {
    pub id: HistoryBatchId,
    pub kind: String,
    pub province_id: PlaceId,
    pub source: String,
    pub imported_by: Option<UserId>,
    pub imported_by_name: String,
    pub imported_at: Timestamp,
    /// `waiting`, `confirmed` or `refused`.
    pub status: String,
    pub decided_by: Option<UserId>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<Timestamp>,
    pub refusal_reason: Option<String>,
    pub evidence_file_name: Option<String>,
    pub evidence_content_type: Option<String>,
    pub evidence_sha256: Option<String>,
    /// How many paper decisions it holds.
    pub decisions: i64,
}

/// The scan that backs a batch's paid payments, kept with the confirmation.
#[derive(Clone, PartialEq, Eq)]
pub struct BatchEvidence {
    pub file_name: String,
    pub content_type: String,
    pub sha256: String,
    pub content: Vec<u8>,
}

impl std::fmt::Debug for BatchEvidence {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("BatchEvidence")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("size_bytes", &self.content.len())
            .finish()
    }
}

/// Who decided a batch, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchStamp {
    pub by: Option<UserId>,
    pub by_name: String,
    pub at: Timestamp,
}

/// One paper decision: the payment or the tranche it decides (exactly one), the row of
/// the sheet it came from, the days it was approved and paid, who signed it on paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperDecisionRow {
    pub id: i64,
    pub batch_id: HistoryBatchId,
    pub row_number: i64,
    pub payment_id: Option<PaymentId>,
    pub tranche_id: Option<TrancheId>,
    pub approved_on: JalaliDate,
    pub paid_on: Option<JalaliDate>,
    pub approver_name: String,
}

/// Which batches to list: a province's (or every one's), optionally only those waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BatchFilter {
    pub province_id: Option<PlaceId>,
    pub waiting_only: bool,
    pub limit: i64,
}

#[async_trait]
pub trait HistoryRepo {
    async fn insert_history_batch(
        &mut self,
        batch: &NewHistoryBatch,
    ) -> StoreResult<HistoryBatchId>;
    async fn history_batch_by_id(
        &mut self,
        id: HistoryBatchId,
    ) -> StoreResult<Option<HistoryBatchRow>>;
    /// Reads the batch and, on PostgreSQL, holds its row until the transaction ends, so two
    /// decisions on one batch run one after the other.
    async fn lock_history_batch(
        &mut self,
        id: HistoryBatchId,
    ) -> StoreResult<Option<HistoryBatchRow>>;
    /// Newest first.
    async fn history_batches(&mut self, filter: BatchFilter) -> StoreResult<Vec<HistoryBatchRow>>;
    /// Writes one decision (its `id` is ignored) and returns its id.
    async fn insert_paper_decision(&mut self, decision: &PaperDecisionRow) -> StoreResult<i64>;
    /// The batch's decisions in the order of the sheet's rows.
    async fn paper_decisions_of(
        &mut self,
        batch_id: HistoryBatchId,
    ) -> StoreResult<Vec<PaperDecisionRow>>;
    async fn paper_decision_of_payment(
        &mut self,
        payment_id: PaymentId,
    ) -> StoreResult<Option<PaperDecisionRow>>;
    async fn paper_decision_of_tranche(
        &mut self,
        tranche_id: TrancheId,
    ) -> StoreResult<Option<PaperDecisionRow>>;
    /// waiting → confirmed, keeping the scan if one is given. False when it was not waiting.
    async fn mark_history_batch_confirmed(
        &mut self,
        id: HistoryBatchId,
        stamp: &BatchStamp,
        evidence: Option<&BatchEvidence>,
    ) -> StoreResult<bool>;
    /// waiting → refused with its reason. False when it was not waiting.
    async fn mark_history_batch_refused(
        &mut self,
        id: HistoryBatchId,
        stamp: &BatchStamp,
        reason: &str,
    ) -> StoreResult<bool>;
    /// The batch's scan with its content.
    async fn history_batch_evidence(
        &mut self,
        id: HistoryBatchId,
    ) -> StoreResult<Option<BatchEvidence>>;
    /// Frees the natural key of a payment whose batch was refused (its idempotency key gets
    /// the suffix `.refused`), so the corrected file can propose it again; the rejected
    /// payment stays, with its history.
    async fn release_refused_payment_key(&mut self, payment_id: PaymentId) -> StoreResult<()>;
}
