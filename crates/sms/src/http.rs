//! A provider's web API in the shape Kavenegar offers, which other Iranian providers follow
//! closely: `POST {base}/v1/{api_key}/sms/send.json` with the form fields `receptor`,
//! `message`, `sender` and `localid`, answered by
//! `{"return":{"status":200,"message":…},"entries":[{"messageid":…,"status":…}]}`; and
//! `GET {base}/v1/{api_key}/sms/status.json?messageid=1,2` for delivery reports. A provider
//! that already took a message with the same `localid` answers with that message's entry
//! instead of sending it again: that is what makes the outbox's resends safe.
//!
//! Which failures may pass: no answer in time, no connection, an HTTP 5xx, and the
//! provider's own 409 (server busy), 414 (too many requests) and 418 (credit used up) — the
//! message is tried again later. Any other refusal (a wrong number, an unknown sender, a bad
//! key) fails the message. The key is part of every URL, so neither a URL nor a `reqwest`
//! error (whose text names the URL) is ever shown: errors become short codes.

use std::time::Duration;

use async_trait::async_trait;
use hamyar_app::sms::{DeliveryStatus, GatewayError, GatewayReceipt, OutgoingSms, SmsGateway};
use serde::Deserialize;

/// Where the provider is and how long to wait for it.
#[derive(Clone)]
pub struct HttpGatewaySettings {
    /// The provider (or a relay the office runs in front of it), without a trailing slash.
    /// The workspace's `reqwest` has no TLS backend, so this is an `http://` address for now.
    pub base_url: String,
    pub api_key: String,
    /// The line the messages come from.
    pub sender: String,
    pub connect_timeout: Duration,
    /// The most one request may take, answer included.
    pub timeout: Duration,
}

impl std::fmt::Debug for HttpGatewaySettings {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("HttpGatewaySettings")
            .field("base_url", &self.base_url)
            .field("api_key", &"[redacted]")
            .field("sender", &self.sender)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// A provider reached over HTTP.
#[derive(Debug)]
pub struct HttpGateway {
    settings: HttpGatewaySettings,
    client: reqwest::Client,
}

#[derive(Deserialize)]
struct Reply {
    #[serde(rename = "return")]
    outcome: ReplyReturn,
    #[serde(default)]
    entries: Option<Vec<Entry>>,
}

#[derive(Deserialize)]
struct ReplyReturn {
    status: i64,
}

#[derive(Deserialize)]
struct Entry {
    messageid: serde_json::Value,
    #[serde(default)]
    status: i64,
}

/// The provider's refusals that may pass.
const TRANSIENT_STATUSES: [i64; 3] = [409, 414, 418];

impl HttpGateway {
    /// A gateway with its own connection pool; `Err` only if the TLS or HTTP stack cannot
    /// start.
    pub fn new(settings: HttpGatewaySettings) -> Result<HttpGateway, GatewayError> {
        let client = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.timeout)
            .build()
            .map_err(|_| GatewayError::Permanent("client_build".into()))?;
        Ok(Self { settings, client })
    }

    fn url(&self, method: &str) -> String {
        format!(
            "{}/v1/{}/sms/{method}.json",
            self.settings.base_url.trim_end_matches('/'),
            self.settings.api_key
        )
    }

    /// The reply's body as the provider's JSON, or the code of why not.
    async fn reply(&self, request: reqwest::RequestBuilder) -> Result<Reply, GatewayError> {
        let response = request.send().await.map_err(transport_error)?;
        let http_status = response.status();
        let bytes = response.bytes().await.map_err(transport_error)?;
        let Ok(reply) = serde_json::from_slice::<Reply>(&bytes) else {
            let code = format!("http_{}", http_status.as_u16());
            return Err(
                if http_status.is_server_error() || http_status.is_success() {
                    GatewayError::Transient(code)
                } else {
                    GatewayError::Permanent(code)
                },
            );
        };
        match reply.outcome.status {
            200 => Ok(reply),
            status if TRANSIENT_STATUSES.contains(&status) || status >= 500 => {
                Err(GatewayError::Transient(format!("status_{status}")))
            }
            status => Err(GatewayError::Permanent(format!("status_{status}"))),
        }
    }
}

/// A transport failure as a code; never the error's text, which names the URL and its key.
fn transport_error(error: reqwest::Error) -> GatewayError {
    let code = if error.is_timeout() {
        "timeout"
    } else if error.is_connect() {
        "connect"
    } else {
        "transport"
    };
    GatewayError::Transient(code.into())
}

/// A message id as text, whether the provider wrote it as a number or a string.
fn message_id(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Number(number) => Some(number.to_string()),
        serde_json::Value::String(text) if !text.is_empty() => Some(text.clone()),
        _ => None,
    }
}

#[async_trait]
impl SmsGateway for HttpGateway {
    async fn send(&self, outgoing: &OutgoingSms) -> Result<GatewayReceipt, GatewayError> {
        let local_id = outgoing.local_id.to_string();
        let form = [
            ("receptor", outgoing.mobile.as_str()),
            ("message", outgoing.body.as_str()),
            ("sender", self.settings.sender.as_str()),
            ("localid", local_id.as_str()),
        ];
        let reply = self
            .reply(self.client.post(self.url("send")).form(&form))
            .await?;
        let entry = reply
            .entries
            .as_deref()
            .and_then(|entries| entries.first())
            .and_then(|entry| message_id(&entry.messageid))
            .ok_or_else(|| GatewayError::Transient("no_message_id".into()))?;
        Ok(GatewayReceipt {
            provider_message_id: entry,
        })
    }

    async fn delivery_status(
        &self,
        provider_message_ids: &[String],
    ) -> Result<Vec<(String, DeliveryStatus)>, GatewayError> {
        if provider_message_ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids = provider_message_ids.join(",");
        let reply = self
            .reply(
                self.client
                    .get(self.url("status"))
                    .query(&[("messageid", ids.as_str())]),
            )
            .await?;
        Ok(reply
            .entries
            .unwrap_or_default()
            .iter()
            .filter_map(|entry| Some((message_id(&entry.messageid)?, delivery(entry.status))))
            .collect())
    }
}

/// The provider's status codes of a message: 10 delivered; 6 failed, 11 not delivered,
/// 13 cancelled, 14 blocked by the recipient, 100 unknown id; the rest still on the way.
fn delivery(status: i64) -> DeliveryStatus {
    match status {
        10 => DeliveryStatus::Delivered,
        6 | 11 | 13 | 14 | 100 => DeliveryStatus::Undelivered(format!("status_{status}")),
        _ => DeliveryStatus::Pending,
    }
}
