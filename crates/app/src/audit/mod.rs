//! The tamper-evident audit trail. Every change records who, when, what (before and after);
//! every opening of a person's record, and every list page that shows women's identifiers
//! unmasked, is recorded as a view. Rows are append-only (no code path updates or deletes
//! them and the database refuses it too) and each is sealed with a MAC over its own fields
//! and the previous row's MAC, keyed with a secret kept outside the database
//! ([`key`], [`chain`]). The head of the trail is anchored outside the database too
//! ([`anchor`]), so that `hamyar audit verify` ([`verify`]) can name a row that was altered,
//! removed, or rewritten, rows missing from the end, and a wrong key.

pub mod anchor;
pub(crate) mod shown;
pub mod verify;

pub use crate::audit_key::{self as key, AuditKey};
pub use crate::audit_seal::chain::{self, GENESIS_HASH, MacScheme, chain_hash};
pub use verify::{
    AnchorProblem, ChainBreak, ChainVerifier, KeyedSince, VerifyReport, verify_audit_in,
};

use crate::ports::AuditRow;

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
}
