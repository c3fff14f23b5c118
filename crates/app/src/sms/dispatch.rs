//! The dispatcher: claims the messages due (queued and due, or left `sending` by a dispatcher
//! whose lease ran out), sends each through the gateway and records what happened — sent,
//! tried again later on the retry schedule, or failed. Claiming and recording are short
//! write transactions of their own; the network call happens between them, holding no
//! transaction, so a slow provider never holds the database's write lock.
//!
//! The guarantees and their limits: a message is claimed by one dispatcher at a time; a
//! dispatcher that dies mid-send leaves the message to be claimed again when its lease runs
//! out, and it is sent again under the same local id, which the provider recognises (a
//! provider that did not would deliver it twice: that is the one way to repeat a message,
//! and why the lease is longer than the gateway's timeout). A late answer from a dispatcher
//! whose lease ran out is not recorded over a later attempt's.

use hamyar_domain::sms::{RetryDecision, RetrySchedule};
use jiff::{SignedDuration, Timestamp};

use crate::error::AppResult;
use crate::ports::sms::{SmsAttemptOutcome, SmsDelivery, SmsRow};
use crate::service::App;

use super::gateway::{DeliveryStatus, GatewayError, OutgoingSms, SmsGateway};

/// How the dispatcher runs.
#[derive(Debug, Clone)]
pub struct DispatchSettings {
    /// The most messages claimed at once.
    pub batch: i64,
    /// How long a claim lasts; longer than the gateway's whole timeout.
    pub lease_seconds: i64,
    pub retry: RetrySchedule,
}

impl Default for DispatchSettings {
    fn default() -> Self {
        Self {
            batch: 50,
            lease_seconds: 120,
            retry: RetrySchedule::default(),
        }
    }
}

/// What one round of dispatching did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DispatchReport {
    pub claimed: u64,
    pub sent: u64,
    pub retrying: u64,
    pub failed: u64,
    /// Claimed inside her quiet hours and put back until they end.
    pub postponed: u64,
    /// Claimed again by another dispatcher before this one's answer was recorded.
    pub superseded: u64,
}

/// What one round of delivery reports did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub asked: u64,
    pub delivered: u64,
    pub undelivered: u64,
    /// The gateway could not answer (its code); the reports are asked again next round.
    pub gateway_error: Option<String>,
}

impl App {
    /// Sends what is due now, at most one batch.
    pub async fn dispatch_due_sms(
        &self,
        gateway: &dyn SmsGateway,
        settings: &DispatchSettings,
    ) -> AppResult<DispatchReport> {
        let now = self.now();
        let lease_until = later(now, settings.lease_seconds);
        let mut tx = self.db.write().await?;
        let claimed = tx.claim_due_sms(now, lease_until, settings.batch).await?;
        tx.commit().await?;
        let mut report = DispatchReport {
            claimed: claimed.len() as u64,
            ..DispatchReport::default()
        };
        for message in &claimed {
            let outcome = self.attempt(gateway, settings, message).await;
            match &outcome {
                SmsAttemptOutcome::Sent { .. } => report.sent += 1,
                SmsAttemptOutcome::Retry { .. } => report.retrying += 1,
                SmsAttemptOutcome::Failed { .. } => report.failed += 1,
                SmsAttemptOutcome::Postpone { .. } => report.postponed += 1,
            }
            let mut tx = self.db.write().await?;
            let recorded = tx
                .finish_sms_attempt(message.id, message.attempts, &outcome)
                .await?;
            tx.commit().await?;
            if !recorded {
                report.superseded += 1;
            }
        }
        Ok(report)
    }

    /// One claimed message through the gateway, and what to record of it.
    async fn attempt(
        &self,
        gateway: &dyn SmsGateway,
        settings: &DispatchSettings,
        message: &SmsRow,
    ) -> SmsAttemptOutcome {
        let now = self.now();
        let allowed = message.quiet.next_allowed(now);
        if allowed > now {
            return SmsAttemptOutcome::Postpone {
                next_attempt_at: allowed,
            };
        }
        let outgoing = OutgoingSms {
            local_id: message.id,
            idempotency_key: message.idempotency_key.clone(),
            mobile: message.mobile.clone(),
            body: message.body.clone(),
        };
        let result = gateway.send(&outgoing).await;
        let at = self.now();
        match result {
            Ok(receipt) => SmsAttemptOutcome::Sent {
                provider_message_id: receipt.provider_message_id,
                at,
            },
            Err(GatewayError::Permanent(code)) => SmsAttemptOutcome::Failed { error: code, at },
            Err(error @ GatewayError::Transient(_)) => {
                let attempts = u32::try_from(message.attempts).unwrap_or(u32::MAX);
                match settings.retry.after_failure(attempts) {
                    RetryDecision::GiveUp => SmsAttemptOutcome::Failed {
                        error: error.code(),
                        at,
                    },
                    RetryDecision::RetryAfter { seconds } => SmsAttemptOutcome::Retry {
                        next_attempt_at: message.quiet.next_allowed(later(at, seconds)),
                        error: error.code(),
                    },
                }
            }
        }
    }

    /// Asks the gateway what became of sent messages (at most `batch`) and records the
    /// answers; a message the provider has no news of stays `sent`.
    pub async fn record_sms_delivery_reports(
        &self,
        gateway: &dyn SmsGateway,
        batch: i64,
    ) -> AppResult<DeliveryReport> {
        let mut tx = self.db.read().await?;
        let waiting = tx.sms_awaiting_report(batch).await?;
        tx.commit().await?;
        let mut report = DeliveryReport {
            asked: waiting.len() as u64,
            ..DeliveryReport::default()
        };
        let ids: Vec<String> = waiting
            .iter()
            .filter_map(|m| m.provider_message_id.clone())
            .collect();
        if ids.is_empty() {
            return Ok(report);
        }
        let statuses = match gateway.delivery_status(&ids).await {
            Ok(statuses) => statuses,
            Err(error) => {
                report.gateway_error = Some(error.code());
                return Ok(report);
            }
        };
        let at = self.now();
        let mut tx = self.db.write().await?;
        for (provider_id, status) in statuses {
            let Some(message) = waiting
                .iter()
                .find(|m| m.provider_message_id.as_deref() == Some(provider_id.as_str()))
            else {
                continue;
            };
            let delivery = match status {
                DeliveryStatus::Pending => continue,
                DeliveryStatus::Delivered => SmsDelivery::Delivered { at },
                DeliveryStatus::Undelivered(code) => SmsDelivery::Undelivered { error: code, at },
            };
            if tx.record_sms_delivery(message.id, &delivery).await? {
                match delivery {
                    SmsDelivery::Delivered { .. } => report.delivered += 1,
                    SmsDelivery::Undelivered { .. } => report.undelivered += 1,
                }
            }
        }
        tx.commit().await?;
        Ok(report)
    }
}

fn later(at: Timestamp, seconds: i64) -> Timestamp {
    at.checked_add(SignedDuration::from_secs(seconds.max(0)))
        .unwrap_or(at)
}
