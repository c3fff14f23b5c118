//! The `ApiRequestsRepo` port on both engines (migrations 0040, 0041): a person's API writes
//! remembered by their idempotency key. The primary key `(user_id, idempotency_key)` is what
//! makes a second write under the same key fail on either engine, even when two arrive at
//! once; the app then answers the repeat from the row the first one left.

use async_trait::async_trait;
use hamyar_app::access::UserId;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::api_requests::{ApiRequestRow, ApiRequestsRepo};
use jiff::Timestamp;

use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::tx::AnyTx;

#[async_trait]
impl ApiRequestsRepo for AnyTx {
    async fn api_request(
        &mut self,
        user_id: UserId,
        idempotency_key: &str,
    ) -> StoreResult<Option<ApiRequestRow>> {
        let row = sqlx::query(
            "SELECT user_id, idempotency_key, fingerprint, result, recorded_at \
             FROM api_requests WHERE user_id = $1 AND idempotency_key = $2",
        )
        .bind(user_id)
        .bind(idempotency_key)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(store_error)?;
        row.map(|row| {
            let r = RowReader::new(&row, "api_requests");
            Ok(ApiRequestRow {
                user_id: r.id("user_id")?,
                idempotency_key: r.text("idempotency_key")?,
                fingerprint: r.text("fingerprint")?,
                result: r.text("result")?,
                recorded_at: r.timestamp("recorded_at")?,
            })
        })
        .transpose()
    }

    async fn insert_api_request(&mut self, row: &ApiRequestRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO api_requests (user_id, idempotency_key, fingerprint, result, \
             recorded_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(row.user_id)
        .bind(row.idempotency_key.as_str())
        .bind(row.fingerprint.as_str())
        .bind(row.result.as_str())
        .bind(stored(row.recorded_at))
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(())
    }

    async fn forget_api_requests_before(
        &mut self,
        before: Timestamp,
        limit: i64,
    ) -> StoreResult<u64> {
        // The oldest first, a bounded batch at a time: the key columns pick the rows on both
        // engines (SQLite has no DELETE … LIMIT by default, PostgreSQL none at all).
        let result = sqlx::query(
            "DELETE FROM api_requests WHERE (user_id, idempotency_key) IN (\
             SELECT user_id, idempotency_key FROM api_requests WHERE recorded_at < $1 \
             ORDER BY recorded_at LIMIT $2)",
        )
        .bind(stored(before))
        .bind(limit.max(0))
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(result.rows_affected())
    }
}
