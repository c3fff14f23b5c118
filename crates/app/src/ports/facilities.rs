//! Storage port of a woman's facility history: the grants and loans she received from this
//! programme (one row per woman and grant tranche, written in the approval's transaction) or
//! declared from another body.
//!
//! Codes are the snake_case codes of `hamyar_domain::facilities`; dates are Gregorian ISO
//! `YYYY-MM-DD` strings; money is integer rials. Rows have no place of their own: they belong
//! to a woman and are scoped through her record, which the application loads first. The
//! table is append-only except for [`FacilitiesRepo::withdraw_tranche`], the one change the
//! database allows (triggers refuse every other update and every delete with
//! `StoreError::AppendOnly`).

use async_trait::async_trait;
use hamyar_domain::JalaliDate;
use jiff::Timestamp;

use crate::access::UserId;
use crate::ports::StoreResult;
use crate::ports::groups::GroupId;
use crate::ports::registry::WomanId;

/// One facility as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacilityRow {
    /// Ignored when writing.
    pub id: i64,
    pub woman_id: WomanId,
    /// `programme` or `declared`.
    pub source: String,
    /// `hamyar` (exactly the programme's rows), `relief_committee`, `bank`,
    /// `behzisti_other` or `other`.
    pub body: String,
    /// The body's name as typed (required for `other`, optional otherwise).
    pub body_name: String,
    /// `grant` or `loan`.
    pub kind: String,
    /// Above zero.
    pub amount_rials: i64,
    pub granted_on: JalaliDate,
    /// The group the support went through, if any.
    pub group_id: Option<GroupId>,
    /// The group's name; read only (joined when reading, ignored when writing).
    pub group_name: Option<String>,
    /// The programme's grant tranche (programme rows only).
    pub grant_tranche_id: Option<crate::ports::grants::TrancheId>,
    pub note: String,
    pub withdrawn_on: Option<JalaliDate>,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
}

#[async_trait]
pub trait FacilitiesRepo {
    /// Appends a facility; returns its id. Fails with
    /// `StoreError::Unique("woman_facilities.grant_tranche_id")` when the tranche is already
    /// recorded for the woman.
    async fn insert_facility(&mut self, row: &FacilityRow) -> StoreResult<i64>;
    /// Every facility of the woman, withdrawn ones included, newest first (by date, then by
    /// the order they were recorded).
    async fn facilities_of(&mut self, woman_id: WomanId) -> StoreResult<Vec<FacilityRow>>;
    /// The woman's facilities granted from `from` to `until` (both included) and not
    /// withdrawn, newest first.
    async fn active_facilities_between(
        &mut self,
        woman_id: WomanId,
        from: &str,
        until: &str,
    ) -> StoreResult<Vec<FacilityRow>>;
    /// The programme rows of a tranche (one per woman), withdrawn or not, by woman.
    async fn facilities_of_tranche(
        &mut self,
        grant_tranche_id: crate::ports::grants::TrancheId,
    ) -> StoreResult<Vec<FacilityRow>>;
    /// Marks the tranche's programme rows not yet withdrawn as withdrawn on `on`; returns how
    /// many changed.
    async fn withdraw_tranche(
        &mut self,
        grant_tranche_id: crate::ports::grants::TrancheId,
        on: &str,
    ) -> StoreResult<u64>;
}
