//! The `SmsRepo` port: each woman's consent to text messages (a history, the latest answer by
//! day in force) and the outbox of messages (migration 0039).
//!
//! The outbox's promises rest on three statements the adapters must keep atomic: enqueueing
//! is an insert that does nothing when the idempotency key is already there (so the same
//! receipt enqueued twice is one row); claiming moves due messages to `sending` in one
//! statement that no two dispatchers can both win (PostgreSQL: `FOR UPDATE SKIP LOCKED`;
//! SQLite: the write lock every write transaction takes), counting the attempt and setting a
//! lease; and recording an attempt's outcome changes the row only while it is still the
//! attempt that was claimed (`state = 'sending' AND attempts = n`), so a dispatcher whose
//! lease ran out cannot overwrite what a later one recorded.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;
use hamyar_domain::fund::MeetingEvery;
use hamyar_domain::sms::{QuietHours, SmsKind};
use jiff::Timestamp;

use super::StoreResult;
use super::groups::{GroupId, PlaceFilter};
use crate::access::{PlaceId, UserId};
use crate::ids::WomanId;

/// A message's place in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SmsState {
    Queued,
    Sending,
    Sent,
    Delivered,
    Failed,
    Cancelled,
}

impl SmsState {
    pub const ALL: [SmsState; 6] = [
        SmsState::Queued,
        SmsState::Sending,
        SmsState::Sent,
        SmsState::Delivered,
        SmsState::Failed,
        SmsState::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SmsState::Queued => "queued",
            SmsState::Sending => "sending",
            SmsState::Sent => "sent",
            SmsState::Delivered => "delivered",
            SmsState::Failed => "failed",
            SmsState::Cancelled => "cancelled",
        }
    }

    pub fn parse(code: &str) -> Option<SmsState> {
        Self::ALL.into_iter().find(|state| state.code() == code)
    }
}

/// A woman's answer about text messages, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsConsentRow {
    pub id: i64,
    pub woman_id: WomanId,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub consented: bool,
    /// The day she gave or withdrew it.
    pub decided_on: JalaliDate,
    pub quiet: QuietHours,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
}

/// A message to put in the outbox (queued, or cancelled at once with the reason why).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSmsRow {
    pub idempotency_key: String,
    pub woman_id: WomanId,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    /// `09…`; empty when she has no mobile (then the row is cancelled).
    pub mobile: String,
    pub body: String,
    pub kind: SmsKind,
    pub state: SmsState,
    pub next_attempt_at: Timestamp,
    pub quiet: QuietHours,
    pub last_error: Option<String>,
    pub created_at: Timestamp,
}

/// A message as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsRow {
    pub id: i64,
    pub idempotency_key: String,
    pub woman_id: WomanId,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub mobile: String,
    pub body: String,
    pub kind: SmsKind,
    pub state: SmsState,
    /// Claims so far; the number of the attempt under way while `sending`.
    pub attempts: i64,
    /// When due while queued; when the lease runs out while sending.
    pub next_attempt_at: Timestamp,
    pub quiet: QuietHours,
    pub provider_message_id: Option<String>,
    pub last_error: Option<String>,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
    pub delivered_at: Option<Timestamp>,
    /// When it became failed or cancelled.
    pub finished_at: Option<Timestamp>,
}

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsAttemptOutcome {
    /// The provider took it.
    Sent {
        provider_message_id: String,
        at: Timestamp,
    },
    /// Try again at `next_attempt_at`.
    Retry {
        next_attempt_at: Timestamp,
        error: String,
    },
    /// Not before `next_attempt_at` (her quiet hours), the attempt not counted.
    Postpone { next_attempt_at: Timestamp },
    /// Given up.
    Failed { error: String, at: Timestamp },
}

/// What a delivery report said of a sent message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsDelivery {
    Delivered { at: Timestamp },
    Undelivered { error: String, at: Timestamp },
}

/// A fund cycle open on a day, with what the meeting reminder needs of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingReminderCycle {
    pub cycle_id: i64,
    pub group_id: GroupId,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub group_name: String,
    pub meeting_every: MeetingEvery,
    pub starts_on: JalaliDate,
    pub last_held_on: Option<JalaliDate>,
}

/// Storage of consents and the outbox.
#[async_trait]
pub trait SmsRepo: Send {
    async fn insert_sms_consent(&mut self, consent: &SmsConsentRow) -> StoreResult<i64>;

    /// The answers in force of these women (the latest by day, then by id), one per woman
    /// who ever answered.
    async fn sms_consents_in_force(&mut self, women: &[WomanId])
    -> StoreResult<Vec<SmsConsentRow>>;

    /// Puts the message in the outbox unless its key is there already; returns the row
    /// under the key and whether this call inserted it.
    async fn enqueue_sms(&mut self, message: &NewSmsRow) -> StoreResult<(SmsRow, bool)>;

    async fn sms_by_key(&mut self, key: &str) -> StoreResult<Option<SmsRow>>;

    /// Moves at most `limit` messages due at `now` (queued and due, or sending with a lease
    /// run out) to `sending`, counting the attempt and leasing them until `lease_until`.
    /// Two callers never claim the same message for the same attempt.
    async fn claim_due_sms(
        &mut self,
        now: Timestamp,
        lease_until: Timestamp,
        limit: i64,
    ) -> StoreResult<Vec<SmsRow>>;

    /// Records how attempt `attempt` of message `id` ended; `false` (and nothing changed)
    /// when the message is no longer that attempt's (its lease ran out and it was claimed
    /// again, or it was cancelled).
    async fn finish_sms_attempt(
        &mut self,
        id: i64,
        attempt: i64,
        outcome: &SmsAttemptOutcome,
    ) -> StoreResult<bool>;

    /// Sent messages not yet reported delivered, oldest first.
    async fn sms_awaiting_report(&mut self, limit: i64) -> StoreResult<Vec<SmsRow>>;

    /// Records a delivery report of a sent message; `false` when it was not `sent`.
    async fn record_sms_delivery(&mut self, id: i64, delivery: &SmsDelivery) -> StoreResult<bool>;

    /// Cancels her queued messages (she withdrew her consent); returns how many.
    async fn cancel_queued_sms_of(
        &mut self,
        woman_id: WomanId,
        reason: &str,
        at: Timestamp,
    ) -> StoreResult<u64>;

    /// How many messages are in each state, in the place.
    async fn sms_counts(&mut self, place: PlaceFilter) -> StoreResult<Vec<(SmsState, i64)>>;

    /// Her messages, newest first.
    async fn sms_of_woman(&mut self, woman_id: WomanId, limit: i64) -> StoreResult<Vec<SmsRow>>;

    /// The fund cycles open on `day` (not shared out, the day within their span), with the
    /// day of their last meeting before it.
    async fn meeting_reminder_cycles(
        &mut self,
        day: JalaliDate,
    ) -> StoreResult<Vec<MeetingReminderCycle>>;
}
