//! The `AuditRepo` port: the hash-chained, append-only audit trail. Appends are serialised
//! so that each row links to the one before it — on SQLite by the write lock every write
//! transaction already holds, on PostgreSQL by a transaction-scoped advisory lock that is
//! released at commit or rollback. The database itself refuses UPDATE and DELETE (triggers
//! installed by the migrations); this module can check that they are still there.

use async_trait::async_trait;
use hamyar_app::audit::{GENESIS_HASH, chain_hash};
use hamyar_app::ports::{AuditFilter, AuditRepo, AuditRow, Backend, NewAuditRow, StoreResult};
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

/// Key of the PostgreSQL advisory lock that serialises audit appends ("HAMYAR-A" in ASCII).
const AUDIT_APPEND_LOCK: &str = "SELECT pg_advisory_xact_lock(5206527689960336705)";

const AUDIT_COLUMNS: &str = "SELECT seq, at, actor_user_id, actor_name, action, entity_kind, \
     entity_id, province_id, county_id, before_json, after_json, prev_hash, hash FROM audit_log";

const SQLITE_GUARD_COUNT: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM sqlite_master \
     WHERE type = 'trigger' AND tbl_name = 'audit_log' \
     AND name IN ('audit_log_no_update', 'audit_log_no_delete')";
const SQLITE_GUARD_TRIGGERS: i64 = 2;

const POSTGRES_GUARD_COUNT: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM pg_trigger \
     WHERE tgrelid = to_regclass('audit_log') AND tgenabled <> 'D' \
     AND tgname IN ('audit_log_no_update', 'audit_log_no_delete', 'audit_log_no_truncate')";
const POSTGRES_GUARD_TRIGGERS: i64 = 3;

fn audit_from_row(row: &AnyRow) -> StoreResult<AuditRow> {
    let reader = RowReader::new(row, "audit_log");
    Ok(AuditRow {
        seq: reader.int("seq")?,
        at: reader.text("at")?,
        actor_user_id: reader.opt_int("actor_user_id")?,
        actor_name: reader.text("actor_name")?,
        action: reader.text("action")?,
        entity_kind: reader.text("entity_kind")?,
        entity_id: reader.text("entity_id")?,
        province_id: reader.opt_int("province_id")?,
        county_id: reader.opt_int("county_id")?,
        before: reader.opt_text("before_json")?,
        after: reader.opt_text("after_json")?,
        prev_hash: reader.text("prev_hash")?,
        hash: reader.text("hash")?,
    })
}

/// The stored row that `append_audit` writes: the new row linked after `last`.
fn linked_row(row: &NewAuditRow, last: Option<(i64, String)>) -> AuditRow {
    let (last_seq, prev_hash) = last.unwrap_or_else(|| (0, GENESIS_HASH.to_owned()));
    let seq = last_seq + 1;
    let at = stored(row.at);
    let hash = chain_hash(seq, &at, row, &prev_hash);
    AuditRow {
        seq,
        at,
        actor_user_id: row.actor_user_id,
        actor_name: row.actor_name.clone(),
        action: row.action.clone(),
        entity_kind: row.entity_kind.clone(),
        entity_id: row.entity_id.clone(),
        province_id: row.province_id,
        county_id: row.county_id,
        before: row.before.clone(),
        after: row.after.clone(),
        prev_hash,
        hash,
    }
}

/// Adds the filter's conditions; `action` ending in `.` matches as a prefix. The prefix is
/// compared with `substr` rather than `LIKE`, which treats `_` and `%` as wildcards and on
/// SQLite ignores case.
fn push_audit_filter(builder: &mut SqlBuilder, filter: &AuditFilter) {
    if let Some(province_id) = filter.province_id {
        builder.push_equals("province_id", province_id);
    }
    if let Some(county_id) = filter.county_id {
        builder.push_equals("county_id", county_id);
    }
    if let Some(actor_user_id) = filter.actor_user_id {
        builder.push_equals("actor_user_id", actor_user_id);
    }
    if let Some(actor_name) = filter.actor_name.as_deref() {
        builder.push_equals("actor_name", actor_name);
    }
    match filter.action.as_deref() {
        Some(prefix) if prefix.ends_with('.') => {
            let placeholder = builder.bind(prefix);
            builder
                .push_condition("substr(action, 1, length(")
                .push_placeholder(placeholder)
                .push(")) = ")
                .push_placeholder(placeholder);
        }
        Some(action) => {
            builder.push_equals("action", action);
        }
        None => {}
    }
    if let Some(entity_kind) = filter.entity_kind.as_deref() {
        builder.push_equals("entity_kind", entity_kind);
    }
    if let Some(entity_id) = filter.entity_id.as_deref() {
        builder.push_equals("entity_id", entity_id);
    }
    if let Some(from) = filter.from.as_deref() {
        builder.push_condition("at >= ").push_bound(from);
    }
    if let Some(until) = filter.until.as_deref() {
        builder.push_condition("at < ").push_bound(until);
    }
}

impl AnyTx {
    /// The newest row's position and hash, if there is one.
    async fn last_audit_link(&mut self) -> StoreResult<Option<(i64, String)>> {
        sqlx::query_as("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)
    }

    async fn insert_audit(&mut self, row: &AuditRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor_user_id, actor_name, action, entity_kind, \
             entity_id, province_id, county_id, before_json, after_json, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(row.seq)
        .bind(row.at.as_str())
        .bind(row.actor_user_id)
        .bind(row.actor_name.as_str())
        .bind(row.action.as_str())
        .bind(row.entity_kind.as_str())
        .bind(row.entity_id.as_str())
        .bind(row.province_id)
        .bind(row.county_id)
        .bind(row.before.as_deref())
        .bind(row.after.as_deref())
        .bind(row.prev_hash.as_str())
        .bind(row.hash.as_str())
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(())
    }
}

#[async_trait]
impl AuditRepo for AnyTx {
    async fn append_audit(&mut self, row: &NewAuditRow) -> StoreResult<AuditRow> {
        if self.backend == Backend::Postgres {
            sqlx::query(AUDIT_APPEND_LOCK)
                .execute(&mut *self.tx)
                .await
                .map_err(store_error)?;
        }
        let last = self.last_audit_link().await?;
        let stored_row = linked_row(row, last);
        self.insert_audit(&stored_row).await?;
        Ok(stored_row)
    }

    async fn audit_page(&mut self, filter: &AuditFilter) -> StoreResult<Vec<AuditRow>> {
        let mut builder = SqlBuilder::new(AUDIT_COLUMNS);
        push_audit_filter(&mut builder, filter);
        builder
            .push(" ORDER BY seq DESC")
            .push_page(filter.limit, filter.offset);
        let rows = builder
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(audit_from_row).collect()
    }

    async fn audit_chain_after(
        &mut self,
        after_seq: i64,
        limit: i64,
    ) -> StoreResult<Vec<AuditRow>> {
        let mut builder = SqlBuilder::new(AUDIT_COLUMNS);
        builder.push_condition("seq > ").push_bound(after_seq);
        builder.push(" ORDER BY seq").push_page(limit, 0);
        let rows = builder
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(audit_from_row).collect()
    }

    async fn audit_guard_installed(&mut self) -> StoreResult<bool> {
        let (query, expected) = match self.backend {
            Backend::Sqlite => (SQLITE_GUARD_COUNT, SQLITE_GUARD_TRIGGERS),
            Backend::Postgres => (POSTGRES_GUARD_COUNT, POSTGRES_GUARD_TRIGGERS),
        };
        let found: i64 = sqlx::query_scalar(query)
            .fetch_one(&mut *self.tx)
            .await
            .map_err(store_error)?;
        Ok(found == expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter_sql(filter: &AuditFilter) -> String {
        let mut builder = SqlBuilder::new("");
        push_audit_filter(&mut builder, filter);
        builder.sql().to_owned()
    }

    #[test]
    fn an_action_ending_in_a_dot_is_a_prefix() {
        let filter = AuditFilter {
            action: Some("user.".into()),
            ..AuditFilter::default()
        };
        assert_eq!(
            filter_sql(&filter),
            " WHERE substr(action, 1, length($1)) = $1"
        );
    }

    #[test]
    fn other_actions_match_exactly_and_bounds_are_half_open() {
        let filter = AuditFilter {
            action: Some("user.create".into()),
            from: Some("2026-01-01".into()),
            until: Some("2026-02-01".into()),
            ..AuditFilter::default()
        };
        assert_eq!(
            filter_sql(&filter),
            " WHERE action = $1 AND at >= $2 AND at < $3"
        );
    }

    #[test]
    fn the_first_row_links_to_the_genesis_hash() {
        let row = NewAuditRow {
            at: jiff::Timestamp::UNIX_EPOCH,
            actor_user_id: None,
            actor_name: "system".into(),
            action: "setup".into(),
            entity_kind: "system".into(),
            entity_id: "1".into(),
            province_id: None,
            county_id: None,
            before: None,
            after: None,
        };
        let first = linked_row(&row, None);
        assert_eq!((first.seq, first.prev_hash.as_str()), (1, GENESIS_HASH));
        let second = linked_row(&row, Some((first.seq, first.hash.clone())));
        assert_eq!((second.seq, second.prev_hash), (2, first.hash));
    }
}
