//! The `ApiTokensRepo` port on both engines (migration 0038). Plain statements that both
//! dialects read alike: a token is found by its unique hash, a person's tokens by the
//! `(user_id, created_at)` index, a token's uses by `(token_id, used_at)`. Revoking and
//! refreshing `last_used_at` are single conditional updates, so two requests racing each other
//! cannot revoke twice or write the refresh twice in the same minute; the number of rows they
//! changed says which call won.

use async_trait::async_trait;
use hamyar_app::access::UserId;
use hamyar_app::ports::api_tokens::{
    ApiTokenId, ApiTokenRow, ApiTokenUseRow, ApiTokensRepo, TokenAccess,
};
use hamyar_app::ports::{Backend, StoreResult};
use jiff::Timestamp;
use sqlx::any::AnyRow;

use crate::error::{corrupt, store_error};
use crate::rows::{RowReader, stored, stored_opt};
use crate::tx::AnyTx;

/// A query of tokens: their columns, then `$rest` (the condition and order).
macro_rules! select_tokens {
    ($rest:literal) => {
        concat!(
            "SELECT id, user_id, name, secret_hash, access, scope_place_id, province_id, ",
            "county_id, created_at, expires_at, revoked_at, revoked_by, last_used_at ",
            "FROM api_tokens ",
            $rest
        )
    };
}

fn read_token(row: &AnyRow) -> StoreResult<ApiTokenRow> {
    let reader = RowReader::new(row, "api_tokens");
    Ok(ApiTokenRow {
        id: reader.id("id")?,
        user_id: reader.id("user_id")?,
        name: reader.text("name")?,
        secret_hash: reader.text("secret_hash")?,
        access: reader.parsed("access", TokenAccess::parse)?,
        scope_place_id: reader.id("scope_place_id")?,
        province_id: reader.opt_id("province_id")?,
        county_id: reader.opt_id("county_id")?,
        created_at: reader.timestamp("created_at")?,
        expires_at: reader.timestamp("expires_at")?,
        revoked_at: reader.opt_timestamp("revoked_at")?,
        revoked_by: reader.opt_id("revoked_by")?,
        last_used_at: reader.opt_timestamp("last_used_at")?,
    })
}

fn read_use(row: &AnyRow) -> StoreResult<ApiTokenUseRow> {
    let reader = RowReader::new(row, "api_token_uses");
    let status = reader.int("status")?;
    Ok(ApiTokenUseRow {
        token_id: reader.id("token_id")?,
        used_at: reader.timestamp("used_at")?,
        method: reader.text("method")?,
        route: reader.text("route")?,
        status: u16::try_from(status)
            .map_err(|_| corrupt("api_token_uses", format!("status: {status}")))?,
    })
}

#[async_trait]
impl ApiTokensRepo for AnyTx {
    async fn insert_api_token(&mut self, token: &ApiTokenRow) -> StoreResult<ApiTokenId> {
        sqlx::query_scalar(
            "INSERT INTO api_tokens (user_id, name, secret_hash, access, scope_place_id, \
             province_id, county_id, created_at, expires_at, revoked_at, revoked_by, \
             last_used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
             RETURNING id",
        )
        .bind(token.user_id)
        .bind(token.name.as_str())
        .bind(token.secret_hash.as_str())
        .bind(token.access.as_str())
        .bind(token.scope_place_id)
        .bind(token.province_id)
        .bind(token.county_id)
        .bind(stored(token.created_at))
        .bind(stored(token.expires_at))
        .bind(stored_opt(token.revoked_at))
        .bind(token.revoked_by)
        .bind(stored_opt(token.last_used_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn api_token_by_hash(&mut self, secret_hash: &str) -> StoreResult<Option<ApiTokenRow>> {
        let row = sqlx::query(select_tokens!("WHERE secret_hash = $1"))
            .bind(secret_hash)
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(read_token).transpose()
    }

    async fn api_token_by_id(&mut self, id: ApiTokenId) -> StoreResult<Option<ApiTokenRow>> {
        let row = sqlx::query(select_tokens!("WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(read_token).transpose()
    }

    async fn api_tokens_of_user(
        &mut self,
        user_id: UserId,
        limit: i64,
    ) -> StoreResult<Vec<ApiTokenRow>> {
        let rows = sqlx::query(select_tokens!(
            "WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
        ))
        .bind(user_id)
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(store_error)?;
        rows.iter().map(read_token).collect()
    }

    async fn count_live_api_tokens(&mut self, user_id: UserId, now: Timestamp) -> StoreResult<i64> {
        // Two of her tokens made at once must count one after the other: on PostgreSQL her
        // user row is locked first (SQLite's writers already run one at a time).
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
                .bind(user_id)
                .execute(&mut *self.tx)
                .await
                .map_err(store_error)?;
        }
        sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM api_tokens \
             WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2",
        )
        .bind(user_id)
        .bind(stored(now))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)
    }

    async fn revoke_api_token(
        &mut self,
        id: ApiTokenId,
        revoked_by: Option<UserId>,
        at: Timestamp,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1, revoked_by = $2 \
             WHERE id = $3 AND revoked_at IS NULL",
        )
        .bind(stored(at))
        .bind(revoked_by)
        .bind(id)
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn insert_api_token_use(&mut self, used: &ApiTokenUseRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO api_token_uses (token_id, used_at, method, route, status) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(used.token_id)
        .bind(stored(used.used_at))
        .bind(used.method.as_str())
        .bind(used.route.as_str())
        .bind(i64::from(used.status))
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(())
    }

    async fn touch_api_token(
        &mut self,
        id: ApiTokenId,
        at: Timestamp,
        stale_before: Timestamp,
    ) -> StoreResult<bool> {
        let result = sqlx::query(
            "UPDATE api_tokens SET last_used_at = $1 \
             WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)",
        )
        .bind(stored(at))
        .bind(id)
        .bind(stored(stale_before))
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(result.rows_affected() == 1)
    }

    async fn api_token_uses(
        &mut self,
        id: ApiTokenId,
        limit: i64,
    ) -> StoreResult<Vec<ApiTokenUseRow>> {
        let rows = sqlx::query(
            "SELECT token_id, used_at, method, route, status FROM api_token_uses \
             WHERE token_id = $1 ORDER BY used_at DESC, id DESC LIMIT $2",
        )
        .bind(id)
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(store_error)?;
        rows.iter().map(read_use).collect()
    }
}
