//! Storage port of the exports (`crate::exports`): the visits and the business months of the
//! groups of a place over a span, each with its group's code, name and county, read in one
//! query each and bounded by a row limit the caller sets (a file is bounded in size). The
//! group list and a group's roster are read through the groups and registry ports.

use async_trait::async_trait;
use hamyar_domain::JalaliDate;

use crate::access::PlaceId;
use crate::ports::StoreResult;
use crate::ports::groups::{GroupId, PlaceFilter};

/// The group a row of an export belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedGroup {
    pub id: GroupId,
    pub code: String,
    pub name: String,
    pub county_id: PlaceId,
}

/// One visit, as the visits export writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedVisit {
    pub id: i64,
    pub group: ExportedGroup,
    pub visited_on: JalaliDate,
    pub visitor_name: String,
    pub purpose: String,
    pub findings: String,
    /// Referral codes joined with `,`.
    pub referrals: String,
    pub referral_other: String,
    pub follow_up_due: Option<JalaliDate>,
    /// The day the follow-up stopped being owed, if it has.
    pub follow_up_closed_on: Option<JalaliDate>,
    /// How many requests the visit raised, and how many of them are still open.
    pub requests: i64,
    pub requests_open: i64,
}

/// One business month, as the business export writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedBusinessMonth {
    pub group: ExportedGroup,
    pub year: i64,
    pub month: i64,
    pub revenue_rials: i64,
    pub costs_rials: i64,
    pub profit_rials: i64,
    pub members_working: i64,
    pub people_hired: i64,
    /// Sales channel codes joined with `,`.
    pub channels: String,
}

#[async_trait]
pub trait ExportsRepo {
    /// The visits of the groups of `place` done on `from` (ISO) to `until` (ISO, excluded),
    /// by day then id; at most `limit`.
    async fn visits_between(
        &mut self,
        place: PlaceFilter,
        from: &str,
        until: &str,
        limit: i64,
    ) -> StoreResult<Vec<ExportedVisit>>;
    /// The business months of the groups of `place` from month key `first` to `last` (both
    /// included; keys `year * 100 + month`), by month then group code; at most `limit`.
    async fn business_months_between(
        &mut self,
        place: PlaceFilter,
        first: i64,
        last: i64,
        limit: i64,
    ) -> StoreResult<Vec<ExportedBusinessMonth>>;
}
