//! The `SessionRepo` port: server-side login sessions keyed by the SHA-256 of the cookie
//! token (the token itself is never stored), with the CSRF token that belongs to each and the
//! last time it was used, so idle sessions can be expired in one statement. Also the known
//! devices: browsers that have logged into an account, by the SHA-256 of their device token.

use async_trait::async_trait;
use hamyar_app::access::UserId;
use hamyar_app::ports::{KnownDeviceRow, SessionRepo, SessionRow, StoreResult};
use jiff::Timestamp;
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::tx::AnyTx;

fn session_from_row(row: &AnyRow) -> StoreResult<SessionRow> {
    let reader = RowReader::new(row, "sessions");
    Ok(SessionRow {
        token_hash: reader.text("token_hash")?,
        user_id: reader.id("user_id")?,
        csrf_token: reader.text("csrf_token")?,
        created_at: reader.timestamp("created_at")?,
        last_seen_at: reader.timestamp("last_seen_at")?,
    })
}

#[async_trait]
impl SessionRepo for AnyTx {
    async fn insert_session(&mut self, session: &SessionRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(session.token_hash.as_str())
        .bind(session.user_id)
        .bind(session.csrf_token.as_str())
        .bind(stored(session.created_at))
        .bind(stored(session.last_seen_at))
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(())
    }

    async fn session_by_token_hash(&mut self, token_hash: &str) -> StoreResult<Option<SessionRow>> {
        let row = sqlx::query(
            "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at FROM sessions \
             WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(store_error)?;
        row.as_ref().map(session_from_row).transpose()
    }

    async fn touch_session(&mut self, token_hash: &str, at: Timestamp) -> StoreResult<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(stored(at))
            .bind(token_hash)
            .execute(&mut *self.tx)
            .await
            .map_err(store_error)?;
        Ok(())
    }

    async fn delete_session(&mut self, token_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&mut *self.tx)
            .await
            .map_err(store_error)?;
        Ok(())
    }

    async fn delete_sessions_of_user(&mut self, user_id: UserId) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *self.tx)
            .await
            .map_err(store_error)?;
        Ok(())
    }

    async fn delete_sessions_idle_since(&mut self, before: Timestamp) -> StoreResult<u64> {
        let result = sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1")
            .bind(stored(before))
            .execute(&mut *self.tx)
            .await
            .map_err(store_error)?;
        Ok(result.rows_affected())
    }

    async fn is_known_device(&mut self, token_hash: &str, user_id: UserId) -> StoreResult<bool> {
        let row = sqlx::query("SELECT 1 FROM known_devices WHERE token_hash = $1 AND user_id = $2")
            .bind(token_hash)
            .bind(user_id)
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        Ok(row.is_some())
    }

    async fn remember_device(&mut self, device: &KnownDeviceRow, keep: i64) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO known_devices (token_hash, user_id, first_seen_at, last_seen_at) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (token_hash, user_id) DO UPDATE SET last_seen_at = excluded.last_seen_at",
        )
        .bind(device.token_hash.as_str())
        .bind(device.user_id)
        .bind(stored(device.first_seen_at))
        .bind(stored(device.last_seen_at))
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        sqlx::query(
            "DELETE FROM known_devices WHERE user_id = $1 AND token_hash NOT IN \
             (SELECT token_hash FROM known_devices WHERE user_id = $1 \
              ORDER BY last_seen_at DESC, token_hash LIMIT $2)",
        )
        .bind(device.user_id)
        .bind(keep)
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(())
    }

    async fn forget_devices_unused_since(&mut self, before: Timestamp) -> StoreResult<u64> {
        let result = sqlx::query("DELETE FROM known_devices WHERE last_seen_at < $1")
            .bind(stored(before))
            .execute(&mut *self.tx)
            .await
            .map_err(store_error)?;
        Ok(result.rows_affected())
    }
}
