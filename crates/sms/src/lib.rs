//! The gateways that carry the SMS outbox's messages (`hamyar_app::sms`) to phones, each an
//! implementation of the app's [`SmsGateway`] port:
//!
//! - [`FileSink`]: appends each message as a JSON line to a file — for tests, and for an
//!   office without a provider whose staff send the lines by hand.
//! - [`HttpGateway`]: a provider's web API in the shape Iranian SMS providers commonly offer
//!   (Kavenegar's): the key in the path, a form post per message with our local id, a JSON
//!   answer with the provider's message id, and a status call for delivery reports.
//!
//! The outbox, not the gateway, owns retries and idempotency; a gateway only has to pass our
//! local id on and say whether a failure may pass. Nothing here logs a number, a text or the
//! API key.

pub mod file_sink;
pub mod http;

pub use file_sink::FileSink;
pub use hamyar_app::sms::SmsGateway;
pub use http::{HttpGateway, HttpGatewaySettings};
