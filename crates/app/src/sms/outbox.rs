//! Putting a message in the outbox and reading it. Enqueueing renders the template, looks at
//! her consent and mobile, and writes one row under the idempotency key: queued (due at the
//! first moment outside her quiet hours) when she agreed and has a mobile, else cancelled at
//! once with the reason (`no_consent`, `no_mobile`, `text_refused`). So a woman who gets no
//! message is reported — in the counts, on her file — never silently skipped; and enqueueing
//! the same key again finds the row already there.

use hamyar_domain::MoneyUnit;
use hamyar_domain::sms::{QuietHours, SmsTemplate};

use crate::access::{Actor, Permission};
use crate::error::AppResult;
use crate::ports::Tx;
use crate::ports::groups::PlaceFilter;
use crate::ports::registry::{WomanId, WomanRow};
use crate::ports::sms::{NewSmsRow, SmsConsentRow, SmsRow, SmsState};
use crate::registry::woman_in_scope;
use crate::service::App;

/// The unit amounts are written in: the rial, the unit of receipts and of storage.
pub(crate) const RECEIPT_UNIT: MoneyUnit = MoneyUnit::Rial;

/// What enqueueing one message did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnqueueOutcome {
    Queued,
    /// Its key was in the outbox already (whatever became of it).
    AlreadyThere,
    /// She has not agreed (or withdrew): recorded as cancelled.
    NoConsent,
    /// No mobile on her file: recorded as cancelled.
    NoMobile,
    /// The text could not be sent (too long, or it held a long number): cancelled.
    TextRefused,
}

/// What enqueueing a batch did, by outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EnqueueReport {
    pub queued: u64,
    pub already_there: u64,
    pub no_consent: u64,
    pub no_mobile: u64,
    pub text_refused: u64,
}

impl EnqueueReport {
    pub fn add(&mut self, outcome: EnqueueOutcome) {
        let counter = match outcome {
            EnqueueOutcome::Queued => &mut self.queued,
            EnqueueOutcome::AlreadyThere => &mut self.already_there,
            EnqueueOutcome::NoConsent => &mut self.no_consent,
            EnqueueOutcome::NoMobile => &mut self.no_mobile,
            EnqueueOutcome::TextRefused => &mut self.text_refused,
        };
        *counter += 1;
    }
}

impl App {
    /// Enqueues one message to `woman` under `key` inside `tx`; `consent` is her answer in
    /// force (none: she never answered).
    pub(crate) async fn enqueue_sms_in_tx(
        &self,
        tx: &mut dyn Tx,
        woman: &WomanRow,
        consent: Option<&SmsConsentRow>,
        template: &SmsTemplate,
        key: String,
    ) -> AppResult<EnqueueOutcome> {
        let now = self.now();
        let quiet = consent.map_or_else(QuietHours::default, |c| c.quiet);
        let mobile = woman.record.mobile.clone().unwrap_or_default();
        let rendered = template.render(RECEIPT_UNIT);
        let (body, refusal) = match (&rendered, consent.is_some_and(|c| c.consented)) {
            (Err(_), _) => (String::new(), Some(EnqueueOutcome::TextRefused)),
            (Ok(_), false) => (String::new(), Some(EnqueueOutcome::NoConsent)),
            (Ok(_), true) if mobile.is_empty() => (String::new(), Some(EnqueueOutcome::NoMobile)),
            (Ok(text), true) => (text.as_str().to_owned(), None),
        };
        let message = NewSmsRow {
            idempotency_key: key,
            woman_id: woman.id,
            province_id: woman.record.province_id,
            county_id: woman.record.county_id,
            mobile: if refusal.is_some() {
                String::new()
            } else {
                mobile
            },
            body,
            kind: template.kind(),
            state: if refusal.is_some() {
                SmsState::Cancelled
            } else {
                SmsState::Queued
            },
            next_attempt_at: quiet.next_allowed(now),
            quiet,
            last_error: refusal.map(|outcome| reason(outcome).to_owned()),
            created_at: now,
        };
        let (_, inserted) = tx.enqueue_sms(&message).await?;
        Ok(match (inserted, refusal) {
            (false, _) => EnqueueOutcome::AlreadyThere,
            (true, Some(outcome)) => outcome,
            (true, None) => EnqueueOutcome::Queued,
        })
    }

    /// How many messages are in each state, in the actor's scope.
    pub async fn sms_outbox_counts(&self, actor: &Actor) -> AppResult<Vec<(SmsState, i64)>> {
        actor.require(Permission::ViewRegistry)?;
        let place = PlaceFilter {
            province_id: actor.scope.province(),
            county_id: actor.scope.county(),
        };
        let mut tx = self.db.read().await?;
        let counts = tx.sms_counts(place).await?;
        tx.commit().await?;
        Ok(counts)
    }

    /// The messages to her, newest first (read with her file: same scope).
    pub async fn sms_to_woman(
        &self,
        actor: &Actor,
        woman_id: WomanId,
        limit: i64,
    ) -> AppResult<Vec<SmsRow>> {
        actor.require(Permission::ViewPersonalData)?;
        let mut tx = self.db.read().await?;
        woman_in_scope(tx.as_mut(), actor, woman_id).await?;
        let messages = tx.sms_of_woman(woman_id, limit).await?;
        tx.commit().await?;
        Ok(messages)
    }
}

/// The code a cancelled row keeps.
fn reason(outcome: EnqueueOutcome) -> &'static str {
    match outcome {
        EnqueueOutcome::NoConsent => "no_consent",
        EnqueueOutcome::NoMobile => "no_mobile",
        EnqueueOutcome::TextRefused => "text_refused",
        EnqueueOutcome::Queued | EnqueueOutcome::AlreadyThere => "",
    }
}
