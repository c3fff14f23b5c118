//! Writes done exactly once: the JSON API's `Idempotency-Key`. A phone that recorded a
//! meeting offline may send it again when it never saw the answer; the second request must
//! find the first and answer as it did, not record a second meeting.
//!
//! A write done once takes three steps in one write transaction: [`App::recall`] answers a
//! key already used; otherwise the use-case's `_in_tx` work runs, and [`App::remember`] keeps
//! its result under the person's key in the same transaction (`ApiRequestsRepo`, migration 0040), so the
//! work and the key are committed together or not at all. A repeat of the key with the same
//! request is answered from the remembered result ([`Once::repeated`]); a repeat with a
//! different request is refused, since the client has confused two records. Two requests
//! racing with one key both run on PostgreSQL, but the second's insert of the key fails and
//! rolls its work back, and it is answered from the first (on SQLite writers queue, so the
//! second simply finds the key).

use hamyar_domain::Message;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::access::Actor;
use crate::error::{AppError, AppResult, FieldError};
use crate::ports::api_requests::ApiRequestRow;
use crate::ports::{StoreError, Tx};
use crate::service::App;

/// The most characters of a key (the table allows 200).
pub const KEY_MAX_CHARS: usize = 120;

/// A client's key for one write: 8–120 letters, digits and `-_.:` (a UUID fits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// Checks a key as the client sent it; `None` when it is missing or malformed.
    pub fn parse(text: &str) -> Option<Self> {
        let shaped = (8..=KEY_MAX_CHARS).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
        shaped.then(|| Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a write answered, and whether this request only repeated an earlier one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Once<T> {
    pub value: T,
    pub repeated: bool,
}

/// The request a key was first used for: its fingerprint (a hash the caller computes of the
/// method, route and body) under the key.
#[derive(Debug, Clone, Copy)]
pub struct KeyedRequest<'a> {
    pub key: &'a IdempotencyKey,
    pub fingerprint: &'a str,
}

fn key_reused() -> AppError {
    AppError::Invalid(vec![FieldError::new(
        "idempotency_key",
        Message::new("api-key_reused_for_another_request"),
    )])
}

fn corrupt(detail: String) -> AppError {
    AppError::Store(StoreError::Corrupt {
        table: "api_requests",
        detail,
    })
}

/// The remembered answer, if the key was used for this same request.
fn answer_from<T: DeserializeOwned>(
    row: &ApiRequestRow,
    request: KeyedRequest<'_>,
) -> AppResult<T> {
    if row.fingerprint != request.fingerprint {
        return Err(key_reused());
    }
    serde_json::from_str(&row.result).map_err(|e| corrupt(e.to_string()))
}

/// How long a remembered write is kept: longer than any client retries it (the field app
/// wipes its queue after 14 days). A key repeated after that is taken as new.
pub const KEYS_KEPT: jiff::SignedDuration = jiff::SignedDuration::from_hours(30 * 24);
/// Remembered writes forgotten in one transaction.
const FORGET_BATCH: i64 = 1_000;

impl App {
    /// Forgets the remembered writes older than [`KEYS_KEPT`], oldest first, a bounded batch
    /// to a transaction so no write waits long behind it; how many. The server runs it with
    /// its session sweep.
    pub async fn forget_old_api_requests(&self) -> AppResult<u64> {
        let before = self.now() - KEYS_KEPT;
        let mut forgotten = 0;
        loop {
            let mut tx = self.db.write().await?;
            let batch = tx.forget_api_requests_before(before, FORGET_BATCH).await?;
            tx.commit().await?;
            forgotten += batch;
            if batch < FORGET_BATCH as u64 {
                return Ok(forgotten);
            }
        }
    }

    /// The first answer to `request.key`, when the actor already used it (first of the
    /// three steps of a write done once: recall, do the work in the same `tx`, remember).
    pub(crate) async fn recall<T: DeserializeOwned>(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        request: KeyedRequest<'_>,
    ) -> AppResult<Option<Once<T>>> {
        // The console has no account to keep keys under; it never speaks the API.
        let user_id = actor.user_id.ok_or(AppError::Forbidden)?;
        match tx.api_request(user_id, request.key.as_str()).await? {
            Some(row) => Ok(Some(Once {
                value: answer_from(&row, request)?,
                repeated: true,
            })),
            None => Ok(None),
        }
    }

    /// Remembers the work's result under the key in its transaction and commits both.
    pub(crate) async fn remember<T: Serialize + DeserializeOwned>(
        &self,
        mut tx: Box<dyn Tx>,
        actor: &Actor,
        request: KeyedRequest<'_>,
        value: T,
    ) -> AppResult<Once<T>> {
        let user_id = actor.user_id.ok_or(AppError::Forbidden)?;
        let result =
            serde_json::to_string(&value).map_err(|e| AppError::Internal(e.to_string()))?;
        let row = ApiRequestRow {
            user_id,
            idempotency_key: request.key.as_str().to_owned(),
            fingerprint: request.fingerprint.to_owned(),
            result,
            recorded_at: self.now(),
        };
        match tx.insert_api_request(&row).await {
            Ok(()) => {}
            // Another request with this key committed first: this one's work is rolled back
            // with the transaction, and the first one's answer is given.
            Err(StoreError::Unique(_)) => {
                drop(tx);
                return self.remembered(actor, request).await;
            }
            Err(other) => return Err(other.into()),
        }
        tx.commit().await?;
        Ok(Once {
            value,
            repeated: false,
        })
    }

    /// Keeps the work's result under the key in the caller's transaction without committing
    /// it: a batch of writes (the field app's sync) commits many records' work and keys at
    /// once. A key taken meanwhile fails with `StoreError::Unique`, which on PostgreSQL
    /// has aborted the transaction: the caller rolls back and tries the record again alone.
    pub(crate) async fn remember_in_tx<T: Serialize>(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        request: KeyedRequest<'_>,
        value: &T,
    ) -> AppResult<()> {
        let user_id = actor.user_id.ok_or(AppError::Forbidden)?;
        let result = serde_json::to_string(value).map_err(|e| AppError::Internal(e.to_string()))?;
        let row = ApiRequestRow {
            user_id,
            idempotency_key: request.key.as_str().to_owned(),
            fingerprint: request.fingerprint.to_owned(),
            result,
            recorded_at: self.now(),
        };
        tx.insert_api_request(&row).await?;
        Ok(())
    }

    async fn remembered<T: DeserializeOwned>(
        &self,
        actor: &Actor,
        request: KeyedRequest<'_>,
    ) -> AppResult<Once<T>> {
        let user_id = actor.user_id.ok_or(AppError::Forbidden)?;
        let mut tx = self.db.read().await?;
        let row = tx
            .api_request(user_id, request.key.as_str())
            .await?
            .ok_or_else(|| corrupt("a key refused as taken is not there".into()))?;
        Ok(Once {
            value: answer_from(&row, request)?,
            repeated: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::IdempotencyKey;

    #[test]
    fn a_key_is_letters_digits_and_a_few_marks_of_bounded_length() {
        assert!(IdempotencyKey::parse("3f2b9c1e-7d4a-4b8e-9f00-1a2b3c4d5e6f").is_some());
        assert!(IdempotencyKey::parse("visit:2026-12-07.1").is_some());
        assert!(IdempotencyKey::parse("short").is_none());
        assert!(IdempotencyKey::parse("has space in it").is_none());
        assert!(IdempotencyKey::parse("کلید-فارسی-۱۲۳۴").is_none());
        assert!(IdempotencyKey::parse(&"a".repeat(121)).is_none());
        assert!(IdempotencyKey::parse(&"a".repeat(120)).is_some());
    }
}
