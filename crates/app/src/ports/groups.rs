//! Storage ports of Hamyar groups: the group's record, the reference lists it draws on
//! (supervising units, business fields), its lifecycle history, the history of its social
//! worker and facilitator, and its memberships.
//!
//! Codes (`stage`, `premises`, `role`, …) are the stable snake_case codes of
//! `hamyar_domain::groups`. Dates are Gregorian ISO `YYYY-MM-DD` strings. The group row keeps
//! its current stage for lists and counts, but questions about the past ("active on a date",
//! "registered in a year") are answered from the stage history.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;
use hamyar_domain::groups::{GroupStage, InactiveReason, LeaveReason, MemberRole, StaffDuty};
use jiff::Timestamp;

use crate::access::{PlaceId, UserId};
use crate::ports::StoreResult;
use crate::ports::registry::WomanId;

pub use crate::ids::GroupId;

/// The group's own fields as stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupRecord {
    /// Unique within the province.
    pub code: String,
    pub name: String,
    /// `search_key(name)`.
    pub name_key: String,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    /// City or village.
    pub locality: String,
    pub supervising_unit_id: Option<i64>,
    /// A code of `business_fields`.
    pub business_field: String,
    /// What the business is when the field is `other` (empty otherwise).
    pub business_field_other: String,
    pub premises: String,
    pub premises_address: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRow {
    pub id: GroupId,
    pub record: GroupRecord,
    /// The stage of the latest history row.
    pub stage: GroupStage,
    pub social_worker_id: Option<UserId>,
    pub facilitator_id: Option<UserId>,
    /// Incremented at every update; updates name the version they read.
    pub version: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// One move of the lifecycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageRow {
    pub id: i64,
    pub group_id: GroupId,
    pub stage: GroupStage,
    /// Set when `stage` is `inactive`.
    pub inactive_reason: Option<InactiveReason>,
    pub note: String,
    /// The date the move took effect.
    pub effective_on: JalaliDate,
    pub decided_by: Option<UserId>,
    pub decided_by_name: String,
    pub recorded_at: Timestamp,
}

/// Who was the group's social worker or facilitator from a date (`user_id` `None`: nobody).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRow {
    pub id: i64,
    pub group_id: GroupId,
    /// Stored as its code, `social_worker` or `facilitator`.
    pub duty: StaffDuty,
    pub user_id: Option<UserId>,
    pub user_name: String,
    pub from_on: JalaliDate,
    pub assigned_by: Option<UserId>,
    pub assigned_by_name: String,
    pub recorded_at: Timestamp,
}

/// A woman's membership of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipRow {
    pub id: i64,
    pub group_id: GroupId,
    pub woman_id: WomanId,
    /// Stored as its code (`member`, `head`, …).
    pub role: MemberRole,
    pub joined_on: JalaliDate,
    pub left_on: Option<JalaliDate>,
    pub leave_reason: Option<LeaveReason>,
    pub leave_note: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A membership with the member's name and the group's, for pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipView {
    pub membership: MembershipRow,
    pub first_name: String,
    pub last_name: String,
    pub national_id: String,
    pub group_name: String,
    pub group_stage: GroupStage,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupervisingUnitRow {
    pub id: i64,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    /// `welfare_office` or `ngo_centre`.
    pub kind: String,
    pub name: String,
    pub name_key: String,
    pub active: bool,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessFieldRow {
    pub code: String,
    pub name_fa: String,
    pub name_en: String,
    pub position: i64,
    pub active: bool,
}

/// Where to look: the whole country, a province, or a county.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlaceFilter {
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
}

/// A page of groups, newest first unless `by_name`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupSearch {
    pub place: PlaceFilter,
    /// Groups in any of these stages; none listed is every stage.
    pub stages: Vec<String>,
    pub business_field: Option<String>,
    pub supervising_unit_id: Option<i64>,
    /// A folded name prefix, or a code.
    pub text: Option<String>,
    pub by_name: bool,
    pub limit: i64,
    pub offset: i64,
}

#[async_trait]
pub trait GroupsRepo {
    /// Inserts the group with its first stage (`first.group_id` is ignored) and returns its
    /// id. A code already used in the province fails as `hamyar_groups.code`.
    async fn insert_group(
        &mut self,
        record: &GroupRecord,
        first: &StageRow,
        at: Timestamp,
    ) -> StoreResult<GroupId>;
    /// Updates the group's own fields if `version` is still current; false when it is not.
    async fn update_group(
        &mut self,
        id: GroupId,
        record: &GroupRecord,
        version: i64,
        at: Timestamp,
    ) -> StoreResult<bool>;
    async fn group_by_id(&mut self, id: GroupId) -> StoreResult<Option<GroupRow>>;
    async fn search_groups(&mut self, search: &GroupSearch) -> StoreResult<Vec<GroupRow>>;
    /// How many groups match `search` (its stage, limit and offset ignored), per stage.
    async fn count_groups_by_stage(
        &mut self,
        search: &GroupSearch,
    ) -> StoreResult<Vec<(String, i64)>>;
    /// The next free number for an automatic code in a province (1 + the number of groups).
    async fn count_groups_in_province(&mut self, province_id: PlaceId) -> StoreResult<i64>;

    /// Appends a lifecycle move and makes it the group's current stage.
    async fn insert_stage(&mut self, stage: &StageRow) -> StoreResult<i64>;
    /// The group's moves, oldest first (by effective date, then by id).
    async fn stages_of(&mut self, group_id: GroupId) -> StoreResult<Vec<StageRow>>;
    /// Groups in `place` whose latest move effective on or before `date` is one of `stages`.
    async fn groups_in_stages_on(
        &mut self,
        place: PlaceFilter,
        stages: &[&str],
        date: &str,
    ) -> StoreResult<Vec<GroupId>>;
    /// The distinct women with a membership open on `date` (joined on or before it, not
    /// left before it) of a group in `place` whose latest move effective on or before `date`
    /// is one of `stages`: one count, so the country's figure is one query. With
    /// `current_stage` (only when `date` is today: no move is dated later) the groups' current
    /// stage is read instead of their histories, the same answer without a lookup per group.
    async fn members_of_groups_in_stages_on(
        &mut self,
        place: PlaceFilter,
        stages: &[&str],
        date: &str,
        current_stage: bool,
    ) -> StoreResult<i64>;
    /// The jobs in the businesses of the groups [`Self::members_of_groups_in_stages_on`]
    /// counts members of: for each, its latest business month among the months `months.0`
    /// to `months.1` (keys `year * 100 + month`, both included), its members working plus
    /// the people it hired; summed (the catalogue's `business.jobs`).
    async fn jobs_in_groups_in_stages_on(
        &mut self,
        place: PlaceFilter,
        stages: &[&str],
        date: &str,
        current_stage: bool,
        months: (i64, i64),
    ) -> StoreResult<i64>;
    /// Groups in `place` whose first move into `stage` took effect in `[from, until)`.
    async fn groups_entering_stage_between(
        &mut self,
        place: PlaceFilter,
        stage: &str,
        from: &str,
        until: &str,
    ) -> StoreResult<Vec<GroupId>>;

    /// Appends a staff assignment and makes it current on the group row.
    async fn insert_staff(&mut self, staff: &StaffRow) -> StoreResult<i64>;
    async fn staff_of(&mut self, group_id: GroupId) -> StoreResult<Vec<StaffRow>>;

    async fn insert_membership(&mut self, membership: &MembershipRow) -> StoreResult<i64>;
    /// Sets the leave date, reason and note (and the role) of a membership.
    async fn update_membership(&mut self, membership: &MembershipRow) -> StoreResult<bool>;
    async fn membership_by_id(&mut self, id: i64) -> StoreResult<Option<MembershipRow>>;
    /// The group's memberships with the members' names, by join date.
    async fn members_of_group(&mut self, group_id: GroupId) -> StoreResult<Vec<MembershipView>>;
    /// The woman's memberships in any group, with the groups' names and stages.
    async fn memberships_of_woman(&mut self, woman_id: WomanId)
    -> StoreResult<Vec<MembershipView>>;

    async fn insert_supervising_unit(&mut self, unit: &SupervisingUnitRow) -> StoreResult<i64>;
    async fn supervising_units(
        &mut self,
        place: PlaceFilter,
    ) -> StoreResult<Vec<SupervisingUnitRow>>;
    async fn supervising_unit_by_id(&mut self, id: i64) -> StoreResult<Option<SupervisingUnitRow>>;
    async fn business_fields(&mut self) -> StoreResult<Vec<BusinessFieldRow>>;
    async fn put_business_field(&mut self, field: &BusinessFieldRow) -> StoreResult<()>;
}
