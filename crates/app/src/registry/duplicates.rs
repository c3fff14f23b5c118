//! Likely duplicates. The national ID is unique, so an exact repeat is refused outright; what
//! this module finds are the likely ones: the same folded full name and birth date, the same
//! mobile, or a household member's national ID already registered as a woman or as a member of
//! another household. They are shown at entry and queued for a reviewer, who merges the pair
//! (both histories are kept; the absorbed record points to the survivor and leaves the lists)
//! or dismisses it. Every decision is audited, and so is every woman the queue shows a
//! reviewer (`woman.view_in_duplicates`, one row per woman per page).

use hamyar_domain::Message;
use hamyar_domain::registry::MemberDraft;
use jiff::Timestamp;

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::registry::{DuplicateFilter, DuplicateRow, WomanId, WomanRecord, WomanRow};
use crate::registry::search::{WomanListItem, list_item};
use crate::registry::viewing::{DUPLICATE_VIEW, Showing};
use crate::registry::woman_in_scope;
use crate::service::{App, AuditEntry};

/// Why two records look like the same woman.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateReason {
    SameNameAndBirth,
    SameMobile,
    MemberNationalId,
}

impl DuplicateReason {
    pub fn code(self) -> &'static str {
        match self {
            DuplicateReason::SameNameAndBirth => "same_name_birth",
            DuplicateReason::SameMobile => "same_mobile",
            DuplicateReason::MemberNationalId => "member_national_id",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [
            Self::SameNameAndBirth,
            Self::SameMobile,
            Self::MemberNationalId,
        ]
        .into_iter()
        .find(|r| r.code() == code)
    }

    pub fn label_fa(self) -> &'static str {
        match self {
            DuplicateReason::SameNameAndBirth => "نام و تاریخ تولد یکسان",
            DuplicateReason::SameMobile => "تلفن همراه یکسان",
            DuplicateReason::MemberNationalId => "کد ملی یکی از اعضای خانوار جای دیگری ثبت شده",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            DuplicateReason::SameNameAndBirth => "same name and birth date",
            DuplicateReason::SameMobile => "same mobile",
            DuplicateReason::MemberNationalId => {
                "a household member's national ID is registered elsewhere"
            }
        }
    }
}

/// A likely duplicate shown right after entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateHint {
    pub other_id: WomanId,
    pub reason: DuplicateReason,
}

/// Finds and queues the likely duplicates of a newly written record.
pub(crate) async fn detect_for_woman(
    tx: &mut dyn Tx,
    id: WomanId,
    record: &WomanRecord,
    members: &[MemberDraft],
    now: Timestamp,
) -> AppResult<Vec<DuplicateHint>> {
    let mut hints = Vec::new();
    for other in tx
        .women_by_name_and_birth(&record.name_key, &record.birth_date)
        .await?
    {
        hints.push(DuplicateHint {
            other_id: other,
            reason: DuplicateReason::SameNameAndBirth,
        });
    }
    if let Some(mobile) = &record.mobile {
        for other in tx.women_by_mobile(mobile).await? {
            hints.push(DuplicateHint {
                other_id: other,
                reason: DuplicateReason::SameMobile,
            });
        }
    }
    for national_id in members.iter().filter_map(|m| m.national_id.as_ref()) {
        if let Some(woman) = tx.woman_by_national_id(national_id.as_str()).await? {
            hints.push(DuplicateHint {
                other_id: woman.id,
                reason: DuplicateReason::MemberNationalId,
            });
        }
        for other in tx.women_with_member(national_id.as_str(), id).await? {
            hints.push(DuplicateHint {
                other_id: other,
                reason: DuplicateReason::MemberNationalId,
            });
        }
    }
    hints.retain(|h| h.other_id != id);
    hints.dedup();
    for hint in &hints {
        let candidate = DuplicateRow {
            id: 0,
            woman_id: id,
            other_id: hint.other_id,
            reason: hint.reason.code().into(),
            status: "open".into(),
            province_id: record.province_id,
            county_id: record.county_id,
            detected_at: now,
            resolved_by: None,
            resolved_at: None,
        };
        tx.insert_duplicate(&candidate).await?;
    }
    Ok(hints)
}

impl App {
    /// Open (or all) candidate pairs in the actor's scope.
    pub async fn duplicate_queue(
        &self,
        actor: &Actor,
        status: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> AppResult<Vec<DuplicateRow>> {
        actor.require(Permission::ViewRegistry)?;
        let filter = DuplicateFilter {
            province_id: actor.scope.province(),
            county_id: actor.scope.county(),
            status: status.map(str::to_owned),
            woman_id: None,
            limit,
            offset,
        };
        let mut tx = self.db.read().await?;
        let rows = tx.duplicates(&filter).await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// A page of candidate pairs in the actor's scope with both records as a list shows them
    /// (masked for roles that do not see identifiers), newest first as the store orders them:
    /// at most `limit` pairs from `offset`, and whether more follow. A record outside the
    /// actor's scope (the other half of a pair may lie in another county) is `None`: the
    /// reviewer learns that it exists, not who it is.
    ///
    /// Showing a woman here discloses her name, birth date and identifiers, so each woman
    /// shown is recorded once per page as a `woman.view_in_duplicates` naming the pairs she
    /// was shown in (see [`crate::registry::viewing`]); a [`Showing::Redraw`] after a refused
    /// decision records only the women the actor was not shown within the longest session.
    pub async fn duplicate_pairs(
        &self,
        actor: &Actor,
        status: Option<&str>,
        limit: i64,
        offset: i64,
        showing: Showing,
    ) -> AppResult<DuplicatePage> {
        actor.require(Permission::ViewRegistry)?;
        let limit = limit.max(0);
        let filter = DuplicateFilter {
            province_id: actor.scope.province(),
            county_id: actor.scope.county(),
            status: status.map(str::to_owned),
            woman_id: None,
            limit: limit.saturating_add(1),
            offset,
        };
        let masked = !actor.can(Permission::SeeUnmaskedLists);
        let mut tx = self.db.write().await?;
        let mut rows = tx.duplicates(&filter).await?;
        let has_more = rows.len() as i64 > limit;
        rows.truncate(usize::try_from(limit).unwrap_or(0));
        let mut pairs = Vec::with_capacity(rows.len());
        let mut shown: Vec<(WomanRow, Vec<i64>)> = Vec::new();
        for candidate in rows {
            let woman = in_scope(tx.as_mut(), actor, candidate.woman_id).await?;
            let other = in_scope(tx.as_mut(), actor, candidate.other_id).await?;
            for row in woman.iter().chain(other.iter()) {
                match shown.iter_mut().find(|(seen, _)| seen.id == row.id) {
                    Some((_, candidates)) => candidates.push(candidate.id),
                    None => shown.push((row.clone(), vec![candidate.id])),
                }
            }
            pairs.push(DuplicatePair {
                candidate,
                woman: woman.map(|row| list_item(row, masked)),
                other: other.map(|row| list_item(row, masked)),
            });
        }
        for (woman, candidates) in &shown {
            if self
                .must_record(tx.as_mut(), actor, DUPLICATE_VIEW, woman.id, showing)
                .await?
            {
                let detail = serde_json::json!({"candidates": candidates, "masked": masked});
                self.record_showing(tx.as_mut(), actor, DUPLICATE_VIEW, woman, Some(detail))
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(DuplicatePage { pairs, has_more })
    }

    /// Merges a candidate pair: `keep` survives; the other record is marked merged into it
    /// and its household moves over. Both coverage histories stay attached to their records
    /// and the survivor's file shows the merged record's history too.
    pub async fn merge_duplicate(
        &self,
        actor: &Actor,
        candidate_id: i64,
        keep: WomanId,
    ) -> AppResult<()> {
        actor.require(Permission::ReviewDuplicates)?;
        let mut tx = self.db.write().await?;
        let candidate = open_candidate(tx.as_mut(), actor, candidate_id).await?;
        let absorbed = if keep == candidate.woman_id {
            candidate.other_id
        } else if keep == candidate.other_id {
            candidate.woman_id
        } else {
            return Err(AppError::invalid(
                "keep",
                Message::new("duplicates-choose_one_two_records_keep"),
            ));
        };
        let survivor = woman_in_scope(tx.as_mut(), actor, keep).await?;
        let gone = woman_in_scope(tx.as_mut(), actor, absorbed).await?;
        if survivor.merged_into.is_some() || gone.merged_into.is_some() {
            return Err(AppError::invalid(
                "keep",
                Message::new("duplicates-one_these_records_was_merged"),
            ));
        }
        let now = self.now();
        tx.move_members(absorbed, keep).await?;
        tx.set_merged_into(absorbed, keep, now).await?;
        tx.resolve_duplicate(candidate_id, "merged", actor.user_id, now)
            .await?;
        self.audit_in_tx(tx.as_mut(), AuditEntry {
            actor, action: "woman.merge", entity_kind: "woman", entity_id: keep.to_string(),
            province_id: Some(survivor.record.province_id), county_id: Some(survivor.record.county_id),
            before: Some(serde_json::json!({"candidate": candidate_id, "absorbed": absorbed, "absorbed_national_id": gone.record.national_id})),
            after: Some(serde_json::json!({"survivor": keep, "absorbed_merged_into": keep})),
        }).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Dismisses a candidate pair: they are different women.
    pub async fn dismiss_duplicate(&self, actor: &Actor, candidate_id: i64) -> AppResult<()> {
        actor.require(Permission::ReviewDuplicates)?;
        let mut tx = self.db.write().await?;
        let candidate = open_candidate(tx.as_mut(), actor, candidate_id).await?;
        tx.resolve_duplicate(candidate_id, "dismissed", actor.user_id, self.now())
            .await?;
        self.audit_in_tx(
            tx.as_mut(),
            AuditEntry {
                actor,
                action: "duplicate.dismiss",
                entity_kind: "duplicate",
                entity_id: candidate_id.to_string(),
                province_id: Some(candidate.province_id),
                county_id: Some(candidate.county_id),
                before: Some(serde_json::json!({"status": "open"})),
                after: Some(serde_json::json!({"status": "dismissed"})),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A queued pair and its two records as the actor may see them.
#[derive(Debug, Clone)]
pub struct DuplicatePair {
    pub candidate: DuplicateRow,
    pub woman: Option<WomanListItem>,
    pub other: Option<WomanListItem>,
}

/// A page of the review queue.
#[derive(Debug, Clone)]
pub struct DuplicatePage {
    pub pairs: Vec<DuplicatePair>,
    /// More pairs follow this page.
    pub has_more: bool,
}

/// A woman's row, if it lies in the actor's scope.
async fn in_scope(tx: &mut dyn Tx, actor: &Actor, id: WomanId) -> AppResult<Option<WomanRow>> {
    Ok(tx.woman_by_id(id).await?.filter(|row| {
        actor
            .scope
            .covers(Some(row.record.province_id), Some(row.record.county_id))
    }))
}

async fn open_candidate(tx: &mut dyn Tx, actor: &Actor, id: i64) -> AppResult<DuplicateRow> {
    let candidate = tx.duplicate_by_id(id).await?.ok_or(AppError::NotFound)?;
    if !actor
        .scope
        .covers(Some(candidate.province_id), Some(candidate.county_id))
    {
        return Err(AppError::NotFound);
    }
    if candidate.status != "open" {
        return Err(AppError::invalid(
            "status",
            Message::new("duplicates-candidate_was_reviewed_already"),
        ));
    }
    Ok(candidate)
}
