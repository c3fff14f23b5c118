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
use hamyar_domain::JalaliDate;
use hamyar_domain::groups::{GroupStage, StaffDuty};
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
    pub stage: GroupStage,
    pub created_at: Timestamp,
    /// The effective date of its first lifecycle move (when it was identified), if any.
    pub formed_on: Option<JalaliDate>,
    /// The day it was first registered: under follow-up (owing visits) from then on.
    pub registered_on: Option<JalaliDate>,
    /// The day it was dissolved or graduated: it owes no visit from then on.
    pub ended_on: Option<JalaliDate>,
}

/// A woman's membership span in a group, with her name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberSpan {
    pub woman_id: WomanId,
    pub first_name: String,
    pub last_name: String,
    pub joined_on: JalaliDate,
    pub left_on: Option<JalaliDate>,
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
    pub held_on: JalaliDate,
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
    pub resolved_on: Option<JalaliDate>,
    pub resolution_note: String,
    pub resolved_by_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRow {
    /// Ignored when writing.
    pub id: i64,
    pub group_id: GroupId,
    pub visited_on: JalaliDate,
    pub visitor_id: Option<UserId>,
    pub visitor_name: String,
    pub purpose: String,
    pub findings: String,
    /// Referral codes joined with `,`.
    pub referrals: String,
    pub referral_other: String,
    pub follow_up_due: Option<JalaliDate>,
    /// Set when the follow-up was resolved explicitly (with the note and who resolved it).
    pub follow_up_done_on: Option<JalaliDate>,
    pub follow_up_note: String,
    pub follow_up_done_by_name: String,
    /// The later visit of the group that answered the follow-up. Ignored when writing.
    pub follow_up_closed_by_visit_id: Option<i64>,
    /// The day the follow-up stopped being owed: the resolution's date or the answering
    /// visit's `visited_on`; `None` while it is owed. Ignored when writing (taken from
    /// `follow_up_done_on`).
    pub follow_up_closed_on: Option<JalaliDate>,
    /// In the order raised.
    pub requests: Vec<VisitRequestRow>,
    pub recorded_by: Option<UserId>,
    pub recorded_by_name: String,
    pub recorded_at: Timestamp,
}

/// What recording a visit changed besides the visit itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsertedVisit {
    pub id: i64,
    /// The older visits of the group whose open follow-ups this visit answered (closed).
    pub answered: Vec<i64>,
    /// A visit entered late whose follow-up was already answered by a later visit: that one.
    pub answered_by: Option<i64>,
}

/// How the office's work list is read on a day; built by `group_life::visit_figures`, which
/// owns the rules. Dates are ISO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitDutyQuery {
    pub place: PlaceFilter,
    /// One group only (its page's flag), or every group of the place.
    pub group_id: Option<GroupId>,
    /// Only the groups this person currently holds the duty in (her own groups), or all.
    pub assigned: Option<AssignedTo>,
    pub today: String,
    /// Open follow-ups due on or before this day are listed (overdue before `today`).
    pub due_until: String,
    /// A group under follow-up is owed a visit when its latest visit — or, never visited,
    /// its registration — lies before its province's cutoff: the provinces with a threshold
    /// of their own here, every other province `default_cutoff`.
    pub cutoffs: Vec<(PlaceId, String)>,
    pub default_cutoff: String,
}

/// A person's own groups: those whose current social worker (or facilitator) she is, as the
/// group row keeps it (`social_worker_id`, `facilitator_id`, set by the staff history).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssignedTo {
    pub duty: StaffDuty,
    pub user_id: UserId,
}

/// The permits of a place (or of a person's own groups) that expire by a day, of groups that
/// have not ended. Dates are ISO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiringPermitsQuery {
    pub place: PlaceFilter,
    pub assigned: Option<AssignedTo>,
    /// Groups that ended on or before this day are left out.
    pub today: String,
    /// Permits expiring on or before this day (expired ones included).
    pub until: String,
    pub limit: i64,
}

/// The three counts of the work list on its day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VisitDutyCounts {
    /// Open follow-ups past their due date.
    pub overdue: i64,
    /// Open follow-ups due from today to `due_until`.
    pub due: i64,
    /// Groups under follow-up not visited since their province's cutoff.
    pub not_visited: i64,
}

/// One line of the work list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VisitDutyLine {
    /// A follow-up owed: the visit that asked for it, with its requests.
    FollowUp(Box<VisitRow>),
    /// The group is owed a visit; its latest visit, if any.
    NotVisited { last_visited_on: Option<JalaliDate> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitDutyRow {
    pub group: GroupFacts,
    pub line: VisitDutyLine,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermitRow {
    /// Ignored when writing.
    pub id: i64,
    pub group_id: GroupId,
    /// `health_code` or `business_licence`.
    pub kind: String,
    pub number: String,
    pub issued_on: JalaliDate,
    pub expires_on: JalaliDate,
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

    /// Inserts the visit with its requests, and closes, as answered by it, every open
    /// follow-up of the group asked at a visit before its `visited_on` (on that day). A visit
    /// entered late whose own follow-up already has a later visit is closed by the earliest
    /// one. So an open follow-up never has a later visit of its group.
    async fn insert_visit(&mut self, row: &VisitRow) -> StoreResult<InsertedVisit>;
    /// [`insert_visit`](Self::insert_visit) without bringing the group's dashboard tallies up
    /// to date, for a batch of visits (the field app's sync): the caller then calls
    /// [`refresh_group_tallies`](Self::refresh_group_tallies) once with every group it
    /// touched, before it commits. Until then the tallies lag the rows.
    async fn insert_visit_untallied(&mut self, row: &VisitRow) -> StoreResult<InsertedVisit>;
    /// Brings the dashboard's tallies of the groups up to date, each group once (in id
    /// order, whatever the order given) and their changes moved into the tallies in one pass:
    /// the same tallies as refreshing after every write.
    async fn refresh_group_tallies(&mut self, groups: &[GroupId]) -> StoreResult<()>;
    async fn visit_by_id(&mut self, id: i64) -> StoreResult<Option<VisitRow>>;
    /// Newest first, each with its requests.
    async fn visits_of(&mut self, group_id: GroupId) -> StoreResult<Vec<VisitRow>>;
    /// Records the follow-up as resolved on `done_on` by `by_name`, unless it was closed
    /// already (resolved or answered); false when nothing changed.
    async fn complete_follow_up(
        &mut self,
        visit_id: i64,
        done_on: &str,
        note: &str,
        by_name: &str,
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
    /// The work list's counts (see [`VisitDutyQuery`]); groups that ended on or before
    /// `today` owe nothing.
    async fn visit_duty_counts(&mut self, query: &VisitDutyQuery) -> StoreResult<VisitDutyCounts>;
    /// A page of the work list by urgency, everything overdue before what is only due: the
    /// overdue follow-ups by due date (most overdue first), then the groups owed a visit
    /// (longest without one first), then the follow-ups due from today (soonest first); ties
    /// by group and visit id.
    async fn visit_duty_page(
        &mut self,
        query: &VisitDutyQuery,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<VisitDutyRow>>;

    /// Writes the group's permit of the row's kind, replacing the one it had.
    async fn put_permit(&mut self, row: &PermitRow) -> StoreResult<i64>;
    /// By kind.
    async fn permits_of(&mut self, group_id: GroupId) -> StoreResult<Vec<PermitRow>>;
    /// Permits expiring by `query.until`, soonest (most expired) first, then by group and
    /// kind; each with its group. At most `query.limit`.
    async fn expiring_permits(
        &mut self,
        query: &ExpiringPermitsQuery,
    ) -> StoreResult<Vec<(GroupFacts, PermitRow)>>;
}
