//! Storage port of a group's life: the monthly business record (with each member's pay), the
//! meetings (with attendance), the monitoring visits (with the requests raised and their
//! resolution, referrals and follow-up) and the permits.
//!
//! Codes are the snake_case codes of `hamyar_domain::group_life`; dates are Gregorian ISO
//! `YYYY-MM-DD` strings; money is integer rials. The rows have no place of their own: lists
//! that span groups are scoped through the group's province and county ([`PlaceFilter`]),
//! which is why this port also reads the few group and member facts it needs
//! ([`GroupFacts`], [`MemberSpan`]) rather than depending on the groups port's adapter.

use async_trait::async_trait;
use jiff::Timestamp;

use crate::access::{PlaceId, UserId};
use crate::ports::StoreResult;
use crate::ports::groups::{GroupId, PlaceFilter};
use crate::ports::registry::WomanId;

/// What the life pages need to know of a group: where it is, what it is called, its stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupFacts {
    pub id: GroupId,
    pub code: String,
    pub name: String,
    pub province_id: PlaceId,
    pub county_id: PlaceId,
    pub stage: String,
    pub created_at: Timestamp,
    /// The effective date of its first lifecycle move (when it was identified), if any.
    pub formed_on: Option<String>,
}

/// A woman's membership span in a group, with her name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberSpan {
    pub woman_id: WomanId,
    pub first_name: String,
    pub last_name: String,
    pub joined_on: String,
    pub left_on: Option<String>,
}

/// One group's business in one Jalali month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessMonthRow {
    /// Ignored when writing.
    pub id: i64,
    pub group_id: GroupId,
    pub year: i64,
    pub month: i64,
    pub revenue_rials: i64,
    pub costs_rials: i64,
    /// Always revenue minus costs (the database checks it too).
    pub profit_rials: i64,
    pub members_working: i64,
    pub people_hired: i64,
    /// Sales channel codes joined with `,`.
    pub channels: String,
    pub channel_other: String,
    /// (woman, amount paid), by woman id.
    pub payments: Vec<(WomanId, i64)>,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRow {
    /// Ignored when writing.
    pub id: i64,
    pub group_id: GroupId,
    pub held_on: String,
    pub place: String,
    pub topics: String,
    pub decisions: String,
    /// (woman, `present` | `absent` | `excused`), by woman id.
    pub attendance: Vec<(WomanId, String)>,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
}

/// A request raised during a visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRequestRow {
    /// Ignored when writing.
    pub id: i64,
    /// Ignored when writing (taken from the visit).
    pub visit_id: i64,
    pub group_id: GroupId,
    pub request: String,
    pub resolved_on: Option<String>,
    pub resolution_note: String,
    pub resolved_by_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRow {
    /// Ignored when writing.
    pub id: i64,
    pub group_id: GroupId,
    pub visited_on: String,
    pub visitor_id: Option<UserId>,
    pub visitor_name: String,
    pub purpose: String,
    pub findings: String,
    /// Referral codes joined with `,`.
    pub referrals: String,
    pub referral_other: String,
    pub follow_up_due: Option<String>,
    pub follow_up_done_on: Option<String>,
    pub follow_up_note: String,
    /// In the order raised.
    pub requests: Vec<VisitRequestRow>,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
}

/// A visit whose follow-up is still owed, with its group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwedVisit {
    pub visit: VisitRow,
    pub group: GroupFacts,
}

/// A group and the date of its latest visit, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastVisit {
    pub group: GroupFacts,
    pub last_visited_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermitRow {
    /// Ignored when writing.
    pub id: i64,
    pub group_id: GroupId,
    /// `health_code` or `business_licence`.
    pub kind: String,
    pub number: String,
    pub issued_on: String,
    pub expires_on: String,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
}

#[async_trait]
pub trait GroupLifeRepo {
    async fn group_facts(&mut self, group_id: GroupId) -> StoreResult<Option<GroupFacts>>;
    /// Every membership of the group, by join date then woman.
    async fn member_spans(&mut self, group_id: GroupId) -> StoreResult<Vec<MemberSpan>>;

    /// Writes the group's month, replacing its values and payments if it was recorded before;
    /// returns the month's id (the same id on a replacement).
    async fn put_business_month(&mut self, row: &BusinessMonthRow) -> StoreResult<i64>;
    async fn business_month(
        &mut self,
        group_id: GroupId,
        year: i64,
        month: i64,
    ) -> StoreResult<Option<BusinessMonthRow>>;
    /// Every recorded month of the group, oldest first.
    async fn business_months(&mut self, group_id: GroupId) -> StoreResult<Vec<BusinessMonthRow>>;

    async fn insert_meeting(&mut self, row: &MeetingRow) -> StoreResult<i64>;
    /// Newest first.
    async fn meetings_of(&mut self, group_id: GroupId) -> StoreResult<Vec<MeetingRow>>;

    /// Inserts the visit with its requests.
    async fn insert_visit(&mut self, row: &VisitRow) -> StoreResult<i64>;
    async fn visit_by_id(&mut self, id: i64) -> StoreResult<Option<VisitRow>>;
    /// Newest first, each with its requests.
    async fn visits_of(&mut self, group_id: GroupId) -> StoreResult<Vec<VisitRow>>;
    /// Records the follow-up as done, unless it already was; false when nothing changed.
    async fn complete_follow_up(
        &mut self,
        visit_id: i64,
        done_on: &str,
        note: &str,
    ) -> StoreResult<bool>;
    async fn visit_request_by_id(&mut self, id: i64) -> StoreResult<Option<VisitRequestRow>>;
    /// Resolves an open request; false when it was not open.
    async fn resolve_visit_request(
        &mut self,
        id: i64,
        resolved_on: &str,
        note: &str,
        by_name: &str,
    ) -> StoreResult<bool>;
    /// Visits in `place` whose follow-up is due on or before `until` and not done, earliest
    /// due first.
    async fn owed_visits(&mut self, place: PlaceFilter, until: &str)
    -> StoreResult<Vec<OwedVisit>>;
    /// Groups in `place` not in one of `stages_left_out`, each with its latest visit date, by
    /// county then code.
    async fn last_visits(
        &mut self,
        place: PlaceFilter,
        stages_left_out: &[&str],
    ) -> StoreResult<Vec<LastVisit>>;

    /// Writes the group's permit of the row's kind, replacing the one it had.
    async fn put_permit(&mut self, row: &PermitRow) -> StoreResult<i64>;
    /// By kind.
    async fn permits_of(&mut self, group_id: GroupId) -> StoreResult<Vec<PermitRow>>;
}
