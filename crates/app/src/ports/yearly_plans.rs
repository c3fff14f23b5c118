//! The `YearlyPlansRepo` port: a place's yearly plan (migration 0030) and the two counts the
//! plan needs that no other port gives.
//!
//! A plan is one row per place (a province or a county) and fiscal year; putting a plan again
//! replaces the row in one statement (an upsert on the pair), so two people saving at once
//! leave one plan, never two. The empowered target is stored only when someone typed it:
//! `None` means the default, computed by the app from [`YearlyPlansRepo::women_covered_on`].
//!
//! [`YearlyPlansRepo::women_joining_groups`] is the computation behind the catalogue's
//! `members.joined` figure (the figure sheet reads it), so the plan and every other surface
//! count joining the same way.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;
use hamyar_domain::plan::PlanTargets;
use jiff::Timestamp;

use super::StoreResult;
use super::groups::PlaceFilter;
use crate::access::{PlaceId, UserId};

/// A plan as it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearlyPlanRow {
    /// The county's id for a county's plan, the province's for the province's own.
    pub place_id: PlaceId,
    pub province_id: PlaceId,
    /// `None` for a province's own plan.
    pub county_id: Option<PlaceId>,
    pub fiscal_year: i32,
    pub targets: PlanTargets,
    pub note: String,
    pub set_by: Option<UserId>,
    /// The person's name, as pages show it.
    pub set_by_name: String,
    pub set_at: Timestamp,
}

/// Storage of yearly plans.
#[async_trait]
pub trait YearlyPlansRepo: Send {
    /// The plan of a place for a fiscal year, if one was set.
    async fn yearly_plan(
        &mut self,
        place_id: PlaceId,
        fiscal_year: i32,
    ) -> StoreResult<Option<YearlyPlanRow>>;

    /// Writes the plan of its place and year, replacing the one there was.
    async fn put_yearly_plan(&mut self, plan: &YearlyPlanRow) -> StoreResult<()>;

    /// The plans of a province's year: its own and its counties', the province's first, then
    /// by place id.
    async fn yearly_plans_of_province(
        &mut self,
        province_id: PlaceId,
        fiscal_year: i32,
    ) -> StoreResult<Vec<YearlyPlanRow>>;

    /// The women of the place (not merged into another file) whose coverage on `day` — the
    /// status of their latest coverage episode started on or before it — is covered or
    /// pensioner.
    async fn women_covered_on(&mut self, place: PlaceFilter, day: JalaliDate) -> StoreResult<i64>;

    /// The women who joined a group of the place on a day in `from..=to`, each counted once
    /// however many groups she joined.
    async fn women_joining_groups(
        &mut self,
        place: PlaceFilter,
        from: JalaliDate,
        to: JalaliDate,
    ) -> StoreResult<i64>;
}
