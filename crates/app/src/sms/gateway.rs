//! The port a text-message provider is reached through. The outbox hands a gateway one
//! message at a time with the message's outbox id as the provider's local id: a provider that
//! already has that local id answers with the message it already took instead of sending it
//! again, which is what makes a resend after a timeout safe. A gateway says whether a failure
//! may pass (a timeout, a 5xx: try again later) or not (a number refused: give up).
//!
//! Errors carry short codes (`timeout`, `http_503`, `status_418`), never the number or the
//! text, because they are stored in the outbox and may be logged.

use async_trait::async_trait;

/// One message as a gateway sends it.
#[derive(Clone, PartialEq, Eq)]
pub struct OutgoingSms {
    /// The outbox row's id, sent as the provider's local id (numeric, as providers want it).
    pub local_id: i64,
    /// The outbox's idempotency key (kept by sinks that write files).
    pub idempotency_key: String,
    pub mobile: String,
    pub body: String,
}

impl std::fmt::Debug for OutgoingSms {
    /// Never the number or the text: a debug line may reach a log.
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("OutgoingSms")
            .field("local_id", &self.local_id)
            .field("idempotency_key", &self.idempotency_key)
            .finish_non_exhaustive()
    }
}

/// What the provider answered when it took a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewayReceipt {
    pub provider_message_id: String,
}

/// Why a gateway could not send.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GatewayError {
    /// It may pass: try again later.
    #[error("transient: {0}")]
    Transient(String),
    /// It will not pass: the message is failed.
    #[error("permanent: {0}")]
    Permanent(String),
}

impl GatewayError {
    /// The code kept in the outbox, at most 100 characters.
    pub fn code(&self) -> String {
        let code = match self {
            GatewayError::Transient(code) | GatewayError::Permanent(code) => code,
        };
        code.chars().take(100).collect()
    }
}

/// What a provider says of a message it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryStatus {
    Delivered,
    /// Not yet known: ask again later.
    Pending,
    /// The phone never got it; the code says why.
    Undelivered(String),
}

/// A text-message provider.
#[async_trait]
pub trait SmsGateway: Send + Sync {
    /// Sends one message, or answers with the message the provider already has under its
    /// local id.
    async fn send(&self, outgoing: &OutgoingSms) -> Result<GatewayReceipt, GatewayError>;

    /// What became of messages the provider took, by its message ids; ids it does not
    /// mention are taken as still pending.
    async fn delivery_status(
        &self,
        provider_message_ids: &[String],
    ) -> Result<Vec<(String, DeliveryStatus)>, GatewayError>;
}
