//! The SMS outbox (issue 21): each woman's consent and quiet hours, messages put in the
//! outbox by the areas that have something to tell her (the fund's receipts, the meeting
//! reminders), and the dispatcher that sends them through a gateway and records what became
//! of each. The outbox is a table, not a queue in memory, so nothing is lost when the process
//! stops; a message is one row per idempotency key, so nothing is enqueued twice; and a
//! message goes to the gateway with its own id as the provider's "local id", so a resend
//! after a crash or a timeout is recognised by the provider rather than delivered twice.
//!
//! - [`gateway`]: the port a provider is reached through, and its errors.
//! - [`consent`]: recording her answer (audited, scoped like her file).
//! - [`outbox`]: enqueueing (consent checked; a woman who gets no message is reported as a
//!   cancelled row with the reason) and reading the outbox.
//! - [`dispatch`]: claiming due messages, sending them, retrying with backoff, delivery
//!   reports.
//! - [`receipts`]: the fund meeting's saving and repayment receipts.
//! - [`reminders`]: the meeting reminders for a day.

pub mod consent;
pub mod dispatch;
pub mod gateway;
pub mod outbox;
pub mod receipts;
pub mod reminders;

pub use dispatch::{DeliveryReport, DispatchReport, DispatchSettings};
pub use gateway::{DeliveryStatus, GatewayError, GatewayReceipt, OutgoingSms, SmsGateway};
pub use outbox::{EnqueueOutcome, EnqueueReport};
