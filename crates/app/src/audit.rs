//! The tamper-evident audit trail. Every change records who, when, what (before and after);
//! every opening of a person's record is recorded as a view. Rows are append-only (no code
//! path updates or deletes them and the database refuses it too) and each carries a SHA-256
//! hash over its own fields and the previous row's hash, so that `hamyar audit verify` can
//! recompute the chain and name the first row that was altered or removed.

use sha2::{Digest, Sha256};

use crate::ports::{AuditRow, NewAuditRow};

/// The `prev_hash` of the first row.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Computes a row's hash from its position, its fields and the previous row's hash.
///
/// Fields are separated by the ASCII unit separator and absent values are written as a
/// distinct marker, so that no two different rows serialise to the same text.
pub fn chain_hash(seq: i64, at: &str, row: &NewAuditRow, prev_hash: &str) -> String {
    chain_hash_of_parts(&HashedParts {
        seq,
        at,
        actor_user_id: row.actor_user_id,
        actor_name: &row.actor_name,
        action: &row.action,
        entity_kind: &row.entity_kind,
        entity_id: &row.entity_id,
        province_id: row.province_id,
        county_id: row.county_id,
        before: row.before.as_deref(),
        after: row.after.as_deref(),
        prev_hash,
    })
}

/// Recomputes the hash a stored row should have.
pub fn expected_hash(row: &AuditRow) -> String {
    chain_hash_of_parts(&HashedParts {
        seq: row.seq,
        at: &row.at,
        actor_user_id: row.actor_user_id,
        actor_name: &row.actor_name,
        action: &row.action,
        entity_kind: &row.entity_kind,
        entity_id: &row.entity_id,
        province_id: row.province_id,
        county_id: row.county_id,
        before: row.before.as_deref(),
        after: row.after.as_deref(),
        prev_hash: &row.prev_hash,
    })
}

struct HashedParts<'a> {
    seq: i64,
    at: &'a str,
    actor_user_id: Option<i64>,
    actor_name: &'a str,
    action: &'a str,
    entity_kind: &'a str,
    entity_id: &'a str,
    province_id: Option<i64>,
    county_id: Option<i64>,
    before: Option<&'a str>,
    after: Option<&'a str>,
    prev_hash: &'a str,
}

fn chain_hash_of_parts(parts: &HashedParts<'_>) -> String {
    const SEPARATOR: &[u8] = b"\x1f";
    const ABSENT: &str = "\x00";
    let optional_id = |id: Option<i64>| {
        id.map(|v| v.to_string())
            .unwrap_or_else(|| ABSENT.to_owned())
    };
    let fields = [
        parts.seq.to_string(),
        parts.at.to_owned(),
        optional_id(parts.actor_user_id),
        parts.actor_name.to_owned(),
        parts.action.to_owned(),
        parts.entity_kind.to_owned(),
        parts.entity_id.to_owned(),
        optional_id(parts.province_id),
        optional_id(parts.county_id),
        parts.before.unwrap_or(ABSENT).to_owned(),
        parts.after.unwrap_or(ABSENT).to_owned(),
        parts.prev_hash.to_owned(),
    ];
    let mut hasher = Sha256::new();
    hasher.update(b"hamyar-audit-v1");
    for field in &fields {
        hasher.update(SEPARATOR);
        hasher.update(field.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// The first problem found while walking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// The row's stored hash does not match its contents: it was edited.
    Altered { seq: i64 },
    /// Rows are missing before `seq` (the sequence jumps, or the link to the previous hash
    /// is broken).
    Removed { expected_seq: i64, found_seq: i64 },
    /// The row links to a hash other than the previous row's: rows were removed or
    /// reordered before it.
    Unlinked { seq: i64 },
}

/// Incremental verifier: feed it the rows in `seq` order, page by page.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    last_seq: i64,
    last_hash: String,
    checked: u64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            last_seq: 0,
            last_hash: GENESIS_HASH.to_owned(),
            checked: 0,
        }
    }
}

impl ChainVerifier {
    /// Checks the next row; returns the first break found.
    pub fn check(&mut self, row: &AuditRow) -> Result<(), ChainBreak> {
        if row.seq != self.last_seq + 1 {
            return Err(ChainBreak::Removed {
                expected_seq: self.last_seq + 1,
                found_seq: row.seq,
            });
        }
        if expected_hash(row) != row.hash {
            return Err(ChainBreak::Altered { seq: row.seq });
        }
        if row.prev_hash != self.last_hash {
            return Err(ChainBreak::Unlinked { seq: row.seq });
        }
        self.last_seq = row.seq;
        self.last_hash = row.hash.clone();
        self.checked += 1;
        Ok(())
    }

    pub fn rows_checked(&self) -> u64 {
        self.checked
    }

    pub fn last_seq(&self) -> i64 {
        self.last_seq
    }
}

/// Outcome of walking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub rows_checked: u64,
    pub last_seq: i64,
    /// The first break, or `None` when the chain is intact.
    pub first_break: Option<ChainBreak>,
    /// Whether the database still refuses UPDATE and DELETE on the table.
    pub guard_installed: bool,
}

impl VerifyReport {
    pub fn is_intact(&self) -> bool {
        self.first_break.is_none() && self.guard_installed
    }
}

/// Filter typed into the audit browser; values are already parsed by the caller.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub action: Option<String>,
    pub entity_kind: Option<String>,
    pub entity_id: Option<String>,
    pub actor_user_id: Option<crate::access::UserId>,
    /// Username of the actor.
    pub actor_name: Option<String>,
    /// Inclusive Jalali start day and inclusive end day.
    pub from: Option<hamyar_domain::JalaliDate>,
    pub to: Option<hamyar_domain::JalaliDate>,
    pub page: i64,
    pub page_size: i64,
}

/// Page size of the verifier's walk.
const VERIFY_BATCH: i64 = 2_000;

/// Start of a Tehran day as a storage timestamp.
fn tehran_day_start(day: hamyar_domain::JalaliDate) -> Option<String> {
    let zone = jiff::tz::TimeZone::get("Asia/Tehran").ok()?;
    let start = day.to_gregorian().to_zoned_datetime(zone).ok()?.timestamp();
    Some(crate::clock::storage_timestamp(start))
}

impl crate::App {
    /// A page of the audit trail, newest first, limited to the actor's scope.
    pub async fn browse_audit(
        &self,
        actor: &crate::Actor,
        query: &AuditQuery,
    ) -> crate::error::AppResult<Vec<AuditRow>> {
        actor.require(crate::Permission::ViewAudit)?;
        let page_size = query.page_size.clamp(1, 500);
        let filter = crate::ports::AuditFilter {
            province_id: actor.scope.province(),
            county_id: actor.scope.county(),
            actor_user_id: query.actor_user_id,
            actor_name: query
                .actor_name
                .clone()
                .map(|a| a.trim().to_lowercase())
                .filter(|a| !a.is_empty()),
            action: query.action.clone().filter(|a| !a.is_empty()),
            entity_kind: query.entity_kind.clone().filter(|a| !a.is_empty()),
            entity_id: query.entity_id.clone().filter(|a| !a.is_empty()),
            from: query.from.and_then(tehran_day_start),
            until: query.to.map(|d| d.add_days(1)).and_then(tehran_day_start),
            limit: page_size,
            offset: query.page.max(0) * page_size,
        };
        let mut tx = self.db.read().await?;
        let rows = tx.audit_page(&filter).await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// Recomputes the whole chain and names the first row that was altered or removed.
    pub async fn verify_audit(&self) -> crate::error::AppResult<VerifyReport> {
        let mut tx = self.db.read().await?;
        let guard_installed = tx.audit_guard_installed().await?;
        let mut verifier = ChainVerifier::default();
        let mut first_break = None;
        'walk: loop {
            let rows = tx
                .audit_chain_after(verifier.last_seq(), VERIFY_BATCH)
                .await?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                if let Err(broken) = verifier.check(row) {
                    first_break = Some(broken);
                    break 'walk;
                }
            }
        }
        tx.commit().await?;
        Ok(VerifyReport {
            rows_checked: verifier.rows_checked(),
            last_seq: verifier.last_seq(),
            first_break,
            guard_installed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_row(action: &str) -> NewAuditRow {
        NewAuditRow {
            at: jiff::Timestamp::UNIX_EPOCH,
            actor_user_id: Some(1),
            actor_name: "admin".into(),
            action: action.into(),
            entity_kind: "user".into(),
            entity_id: "2".into(),
            province_id: Some(18),
            county_id: None,
            before: None,
            after: Some("{\"username\":\"x\"}".into()),
        }
    }

    fn stored(seq: i64, row: &NewAuditRow, prev: &str) -> AuditRow {
        let at = "2026-11-28T10:00:00.000Z";
        AuditRow {
            seq,
            at: at.into(),
            actor_user_id: row.actor_user_id,
            actor_name: row.actor_name.clone(),
            action: row.action.clone(),
            entity_kind: row.entity_kind.clone(),
            entity_id: row.entity_id.clone(),
            province_id: row.province_id,
            county_id: row.county_id,
            before: row.before.clone(),
            after: row.after.clone(),
            prev_hash: prev.into(),
            hash: chain_hash(seq, at, row, prev),
        }
    }

    fn chain(length: i64) -> Vec<AuditRow> {
        let mut rows = Vec::new();
        let mut prev = GENESIS_HASH.to_owned();
        for seq in 1..=length {
            let row = stored(seq, &new_row(&format!("action.{seq}")), &prev);
            prev = row.hash.clone();
            rows.push(row);
        }
        rows
    }

    fn verify(rows: &[AuditRow]) -> Result<u64, ChainBreak> {
        let mut verifier = ChainVerifier::default();
        for row in rows {
            verifier.check(row)?;
        }
        Ok(verifier.rows_checked())
    }

    #[test]
    fn an_untouched_chain_verifies() {
        assert_eq!(verify(&chain(5)), Ok(5));
    }

    #[test]
    fn an_edited_row_is_named() {
        let mut rows = chain(5);
        rows[2].after = Some("{\"username\":\"y\"}".into());
        assert_eq!(verify(&rows), Err(ChainBreak::Altered { seq: 3 }));
    }

    #[test]
    fn a_removed_row_is_named() {
        let mut rows = chain(5);
        rows.remove(1);
        assert_eq!(
            verify(&rows),
            Err(ChainBreak::Removed {
                expected_seq: 2,
                found_seq: 3
            })
        );
    }

    #[test]
    fn a_rehashed_edit_breaks_the_link_to_the_next_row() {
        let mut rows = chain(4);
        rows[1].actor_name = "someone else".into();
        rows[1].hash = expected_hash(&rows[1]);
        assert_eq!(verify(&rows), Err(ChainBreak::Unlinked { seq: 3 }));
    }

    #[test]
    fn absent_and_empty_values_hash_differently() {
        let mut with_empty = new_row("a");
        with_empty.before = Some(String::new());
        let absent = new_row("a");
        assert_ne!(
            chain_hash(1, "t", &with_empty, GENESIS_HASH),
            chain_hash(1, "t", &absent, GENESIS_HASH)
        );
    }
}
