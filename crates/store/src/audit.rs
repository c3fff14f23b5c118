//! The `AuditRepo` port: the sealed, append-only audit trail. Appends are serialised so
//! that each row links to the one before it — on SQLite by the write lock every write
//! transaction already holds, on PostgreSQL by a transaction-scoped advisory lock that is
//! released at commit or rollback. Each row is sealed with the store's audit key
//! ([`hamyar_app::audit::chain::seal`]); the women a list page showed go to `audit_subjects`
//! beside it, so the subject filter finds the row under each of them. The database itself
//! refuses UPDATE and DELETE on both tables (triggers installed by the migrations); this
//! module can check that they are still there.

use std::collections::HashMap;

use async_trait::async_trait;
use hamyar_app::audit::chain::seal;
use hamyar_app::audit::{AuditKey, GENESIS_HASH};
use hamyar_app::ports::{
    AuditFilter, AuditRepo, AuditRow, AuditSubject, Backend, NewAuditRow, StoreError, StoreResult,
};
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored};
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

/// Key of the PostgreSQL advisory lock that serialises audit appends ("HAMYAR-A" in ASCII).
const AUDIT_APPEND_LOCK: &str = "SELECT pg_advisory_xact_lock(5206527689960336705)";

const AUDIT_COLUMNS: &str = "SELECT seq, at, actor_user_id, actor_name, action, entity_kind, \
     entity_id, province_id, county_id, before_json, after_json, mac_scheme, key_id, \
     prev_hash, hash FROM audit_log";

const SUBJECT_COLUMNS: &str =
    "SELECT seq, entity_kind, entity_id, province_id, county_id FROM audit_subjects";

/// Subjects written per statement (five values each).
const SUBJECTS_PER_INSERT: usize = 1_000;

const SQLITE_GUARD_COUNT: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM sqlite_master \
     WHERE type = 'trigger' AND ((tbl_name = 'audit_log' \
     AND name IN ('audit_log_no_update', 'audit_log_no_delete')) OR (tbl_name = 'audit_subjects' \
     AND name IN ('audit_subjects_no_update', 'audit_subjects_no_delete')))";
const SQLITE_GUARD_TRIGGERS: i64 = 4;

const POSTGRES_GUARD_COUNT: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM pg_trigger \
     WHERE tgenabled <> 'D' AND ((tgrelid = to_regclass('audit_log') \
     AND tgname IN ('audit_log_no_update', 'audit_log_no_delete', 'audit_log_no_truncate')) \
     OR (tgrelid = to_regclass('audit_subjects') AND tgname IN ('audit_subjects_no_update', \
     'audit_subjects_no_delete', 'audit_subjects_no_truncate')))";
const POSTGRES_GUARD_TRIGGERS: i64 = 6;

fn audit_from_row(row: &AnyRow) -> StoreResult<AuditRow> {
    let reader = RowReader::new(row, "audit_log");
    Ok(AuditRow {
        seq: reader.int("seq")?,
        at: reader.text("at")?,
        actor_user_id: reader.opt_id("actor_user_id")?,
        actor_name: reader.text("actor_name")?,
        action: reader.text("action")?,
        entity_kind: reader.text("entity_kind")?,
        entity_id: reader.text("entity_id")?,
        province_id: reader.opt_id("province_id")?,
        county_id: reader.opt_id("county_id")?,
        before: reader.opt_text("before_json")?,
        after: reader.opt_text("after_json")?,
        mac_scheme: reader.text("mac_scheme")?,
        key_id: reader.opt_text("key_id")?,
        subjects: Vec::new(),
        prev_hash: reader.text("prev_hash")?,
        hash: reader.text("hash")?,
    })
}

fn subject_from_row(row: &AnyRow) -> StoreResult<(i64, AuditSubject)> {
    let reader = RowReader::new(row, "audit_subjects");
    Ok((
        reader.int("seq")?,
        AuditSubject {
            entity_kind: reader.text("entity_kind")?,
            entity_id: reader.text("entity_id")?,
            province_id: reader.opt_id("province_id")?,
            county_id: reader.opt_id("county_id")?,
        },
    ))
}

/// Hands each subject to its row, keeping their order (by kind and id within a row).
fn attach_subjects(rows: &mut [AuditRow], subjects: Vec<(i64, AuditSubject)>) {
    let index: HashMap<i64, usize> = rows
        .iter()
        .enumerate()
        .map(|(position, row)| (row.seq, position))
        .collect();
    for (seq, subject) in subjects {
        if let Some(position) = index.get(&seq) {
            rows[*position].subjects.push(subject);
        }
    }
}

/// The stored row that `append_audit` writes: the new row linked after `last` and sealed.
fn linked_row(row: &NewAuditRow, last: Option<(i64, String)>, key: &AuditKey) -> AuditRow {
    let (last_seq, prev_hash) = last.unwrap_or_else(|| (0, GENESIS_HASH.to_owned()));
    let seq = last_seq + 1;
    let at = stored(row.at);
    let sealed = seal(key, seq, &at, row, &prev_hash);
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
        mac_scheme: sealed.mac_scheme.as_str().to_owned(),
        key_id: Some(sealed.key_id),
        subjects: row.subjects.clone(),
        prev_hash,
        hash: sealed.hash,
    }
}

/// Adds the filter's conditions; `action` ending in `.` matches as a prefix. The prefix is
/// compared with `substr` rather than `LIKE`, which treats `_` and `%` as wildcards and on
/// SQLite ignores case.
///
/// With both `entity_kind` and `entity_id`, the subject filter finds the rows whose own
/// entity it is (within the reader's scope by the row's place) and the rows that name it
/// among their subjects (within the scope by the subject's place: a country-wide list page
/// that showed a woman of Takestan is found by Takestan's auditor). Both halves read an
/// index — `audit_log_entity` and the primary key of `audit_subjects` — and the outer query
/// looks the few rows up by `seq`, so it stays fast however long the trail grows.
fn push_audit_filter(builder: &mut SqlBuilder, filter: &AuditFilter) {
    match (filter.entity_kind.as_deref(), filter.entity_id.as_deref()) {
        (Some(kind), Some(id)) => push_subject_filter(builder, filter, kind, id),
        (kind, id) => {
            push_scope(builder, filter);
            if let Some(kind) = kind {
                builder.push_equals("entity_kind", kind);
            }
            if let Some(id) = id {
                builder.push_equals("entity_id", id);
            }
        }
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
    if let Some(from) = filter.from.as_deref() {
        builder.push_condition("at >= ").push_bound(from);
    }
    if let Some(until) = filter.until.as_deref() {
        builder.push_condition("at < ").push_bound(until);
    }
}

fn push_scope(builder: &mut SqlBuilder, filter: &AuditFilter) {
    if let Some(province_id) = filter.province_id {
        builder.push_equals("province_id", province_id);
    }
    if let Some(county_id) = filter.county_id {
        builder.push_equals("county_id", county_id);
    }
}

/// `seq IN (rows of the entity UNION ALL rows naming it)`, each half in scope.
fn push_subject_filter(builder: &mut SqlBuilder, filter: &AuditFilter, kind: &str, id: &str) {
    let kind = builder.bind(kind);
    let id = builder.bind(id);
    let province = filter.province_id.map(|p| builder.bind(p));
    let county = filter.county_id.map(|c| builder.bind(c));
    builder
        .push_condition("seq IN (SELECT seq FROM audit_log WHERE entity_kind = ")
        .push_placeholder(kind)
        .push(" AND entity_id = ")
        .push_placeholder(id);
    push_scope_placeholders(builder, province, county);
    builder
        .push(" UNION ALL SELECT seq FROM audit_subjects WHERE entity_kind = ")
        .push_placeholder(kind)
        .push(" AND entity_id = ")
        .push_placeholder(id);
    push_scope_placeholders(builder, province, county);
    builder.push(")");
}

fn push_scope_placeholders(
    builder: &mut SqlBuilder,
    province: Option<crate::sql::Placeholder>,
    county: Option<crate::sql::Placeholder>,
) {
    if let Some(province) = province {
        builder
            .push(" AND province_id = ")
            .push_placeholder(province);
    }
    if let Some(county) = county {
        builder.push(" AND county_id = ").push_placeholder(county);
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
             entity_id, province_id, county_id, before_json, after_json, mac_scheme, key_id, \
             prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
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
        .bind(row.mac_scheme.as_str())
        .bind(row.key_id.as_deref())
        .bind(row.prev_hash.as_str())
        .bind(row.hash.as_str())
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        self.insert_subjects(row.seq, &row.subjects).await
    }

    async fn insert_subjects(&mut self, seq: i64, subjects: &[AuditSubject]) -> StoreResult<()> {
        for chunk in subjects.chunks(SUBJECTS_PER_INSERT) {
            let mut builder = SqlBuilder::bulk(
                "INSERT INTO audit_subjects (seq, entity_kind, entity_id, province_id, \
                 county_id) VALUES ",
                self.backend,
                chunk.len() * 4 + 1,
            );
            let seq = builder.bind(seq);
            for (index, subject) in chunk.iter().enumerate() {
                builder.push(if index == 0 { "(" } else { ", (" });
                builder.push_placeholder(seq);
                builder.push(", ").push_bound(subject.entity_kind.as_str());
                builder.push(", ").push_bound(subject.entity_id.as_str());
                builder.push(", ").push_bound(subject.province_id);
                builder.push(", ").push_bound(subject.county_id).push(")");
            }
            builder
                .build()
                .execute(&mut *self.tx)
                .await
                .map_err(store_error)?;
        }
        Ok(())
    }

    /// The subjects of the rows `first..=last`, ordered as they were sealed.
    async fn subjects_between(
        &mut self,
        first: i64,
        last: i64,
    ) -> StoreResult<Vec<(i64, AuditSubject)>> {
        let mut builder = SqlBuilder::new(SUBJECT_COLUMNS);
        builder.push_condition("seq >= ").push_bound(first);
        builder.push_condition("seq <= ").push_bound(last);
        builder.push(" ORDER BY seq, entity_kind, entity_id");
        let rows = builder
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(subject_from_row).collect()
    }

    /// The subjects of the given rows (a page of the browser: few rows, far apart).
    async fn subjects_of(&mut self, seqs: &[i64]) -> StoreResult<Vec<(i64, AuditSubject)>> {
        if seqs.is_empty() {
            return Ok(Vec::new());
        }
        let mut builder = SqlBuilder::bulk(SUBJECT_COLUMNS, self.backend, seqs.len());
        builder.push_condition("seq IN (");
        for (index, seq) in seqs.iter().enumerate() {
            if index > 0 {
                builder.push(", ");
            }
            builder.push_bound(*seq);
        }
        builder.push(") ORDER BY seq, entity_kind, entity_id");
        let rows = builder
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(subject_from_row).collect()
    }
}

#[async_trait]
impl AuditRepo for AnyTx {
    async fn append_audit(&mut self, row: &NewAuditRow) -> StoreResult<AuditRow> {
        let Some(key) = self.audit_key.clone() else {
            return Err(StoreError::Unsupported(
                "appending to the audit trail without an audit key",
            ));
        };
        if self.backend == Backend::Postgres {
            sqlx::query(AUDIT_APPEND_LOCK)
                .execute(&mut *self.tx)
                .await
                .map_err(store_error)?;
        }
        let last = self.last_audit_link().await?;
        let stored_row = linked_row(row, last, &key);
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
        let mut rows = rows
            .iter()
            .map(audit_from_row)
            .collect::<StoreResult<Vec<_>>>()?;
        let seqs: Vec<i64> = rows.iter().map(|row| row.seq).collect();
        let subjects = self.subjects_of(&seqs).await?;
        attach_subjects(&mut rows, subjects);
        Ok(rows)
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
        let mut rows = rows
            .iter()
            .map(audit_from_row)
            .collect::<StoreResult<Vec<_>>>()?;
        if let (Some(first), Some(last)) = (rows.first(), rows.last()) {
            let subjects = self.subjects_between(first.seq, last.seq).await?;
            attach_subjects(&mut rows, subjects);
        }
        Ok(rows)
    }

    async fn audit_head(&mut self) -> StoreResult<Option<(i64, String)>> {
        self.last_audit_link().await
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
    use hamyar_app::access::PlaceId;

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
    fn an_entity_with_an_id_is_also_looked_for_among_the_subjects_in_scope() {
        let filter = AuditFilter {
            province_id: Some(PlaceId::new(18)),
            entity_kind: Some("woman".into()),
            entity_id: Some("7".into()),
            action: Some("woman.".into()),
            ..AuditFilter::default()
        };
        assert_eq!(
            filter_sql(&filter),
            " WHERE seq IN (SELECT seq FROM audit_log WHERE entity_kind = $1 AND entity_id = $2 \
             AND province_id = $3 UNION ALL SELECT seq FROM audit_subjects WHERE entity_kind = $1 \
             AND entity_id = $2 AND province_id = $3) AND substr(action, 1, length($4)) = $4"
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
            subjects: Vec::new(),
        };
        let key = AuditKey::generate();
        let first = linked_row(&row, None, &key);
        assert_eq!((first.seq, first.prev_hash.as_str()), (1, GENESIS_HASH));
        let second = linked_row(&row, Some((first.seq, first.hash.clone())), &key);
        assert_eq!((second.seq, second.prev_hash), (2, first.hash));
    }
}
