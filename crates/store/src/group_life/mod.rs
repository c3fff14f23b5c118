//! The `GroupLifeRepo` port: a group's business months, meetings, monitoring visits and
//! permits. Each area has a module of its own working on the transaction's connection; the
//! implementation below only forwards, so it doubles as a table of contents. Rows that list
//! across groups are scoped by joining `hamyar_groups` (see the migration for why these
//! tables carry no place of their own).

mod business;
mod duty;
mod facts;
mod meetings;
mod permits;
mod visits;

use async_trait::async_trait;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::group_life::{
    BusinessMonthRow, ExpiringPermitsQuery, GroupFacts, GroupLifeRepo, InsertedVisit, MeetingRow,
    MemberSpan, PermitRow, VisitDutyCounts, VisitDutyQuery, VisitDutyRow, VisitRequestRow,
    VisitRow,
};
use hamyar_app::ports::groups::GroupId;

use crate::dashboard::tallies;
use crate::tx::AnyTx;

#[async_trait]
impl GroupLifeRepo for AnyTx {
    async fn group_facts(&mut self, group_id: GroupId) -> StoreResult<Option<GroupFacts>> {
        facts::group_facts(&mut self.tx, group_id).await
    }

    async fn member_spans(&mut self, group_id: GroupId) -> StoreResult<Vec<MemberSpan>> {
        facts::member_spans(&mut self.tx, group_id).await
    }

    async fn put_business_month(&mut self, row: &BusinessMonthRow) -> StoreResult<i64> {
        let id = business::put_month(&mut self.tx, row).await?;
        tallies::refresh_group(&mut self.tx, self.backend, row.group_id).await?;
        Ok(id)
    }

    async fn business_month(
        &mut self,
        group_id: GroupId,
        year: i64,
        month: i64,
    ) -> StoreResult<Option<BusinessMonthRow>> {
        business::month(&mut self.tx, group_id, year, month).await
    }

    async fn business_months(&mut self, group_id: GroupId) -> StoreResult<Vec<BusinessMonthRow>> {
        business::months(&mut self.tx, group_id).await
    }

    async fn insert_meeting(&mut self, row: &MeetingRow) -> StoreResult<i64> {
        meetings::insert(&mut self.tx, row).await
    }

    async fn meetings_of(&mut self, group_id: GroupId) -> StoreResult<Vec<MeetingRow>> {
        meetings::of_group(&mut self.tx, group_id).await
    }

    async fn insert_visit(&mut self, row: &VisitRow) -> StoreResult<InsertedVisit> {
        let inserted = visits::insert(&mut self.tx, row).await?;
        tallies::refresh_group(&mut self.tx, self.backend, row.group_id).await?;
        Ok(inserted)
    }

    async fn insert_visit_untallied(&mut self, row: &VisitRow) -> StoreResult<InsertedVisit> {
        visits::insert(&mut self.tx, row).await
    }

    async fn refresh_group_tallies(&mut self, groups: &[GroupId]) -> StoreResult<()> {
        tallies::refresh_groups(&mut self.tx, self.backend, groups).await
    }

    async fn visit_by_id(&mut self, id: i64) -> StoreResult<Option<VisitRow>> {
        visits::by_id(&mut self.tx, id).await
    }

    async fn visits_of(&mut self, group_id: GroupId) -> StoreResult<Vec<VisitRow>> {
        visits::of_group(&mut self.tx, group_id).await
    }

    async fn complete_follow_up(
        &mut self,
        visit_id: i64,
        done_on: &str,
        note: &str,
        by_name: &str,
    ) -> StoreResult<bool> {
        visits::complete_follow_up(&mut self.tx, visit_id, done_on, note, by_name).await
    }

    async fn visit_request_by_id(&mut self, id: i64) -> StoreResult<Option<VisitRequestRow>> {
        visits::request_by_id(&mut self.tx, id).await
    }

    async fn resolve_visit_request(
        &mut self,
        id: i64,
        resolved_on: &str,
        note: &str,
        by_name: &str,
    ) -> StoreResult<bool> {
        visits::resolve_request(&mut self.tx, id, resolved_on, note, by_name).await
    }

    async fn visit_duty_counts(&mut self, query: &VisitDutyQuery) -> StoreResult<VisitDutyCounts> {
        duty::counts(&mut self.tx, query).await
    }

    async fn visit_duty_page(
        &mut self,
        query: &VisitDutyQuery,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<VisitDutyRow>> {
        duty::page(&mut self.tx, query, limit, offset).await
    }

    async fn put_permit(&mut self, row: &PermitRow) -> StoreResult<i64> {
        permits::put(&mut self.tx, row).await
    }

    async fn permits_of(&mut self, group_id: GroupId) -> StoreResult<Vec<PermitRow>> {
        permits::of_group(&mut self.tx, group_id).await
    }

    async fn expiring_permits(
        &mut self,
        query: &ExpiringPermitsQuery,
    ) -> StoreResult<Vec<(GroupFacts, PermitRow)>> {
        permits::expiring(&mut self.tx, query).await
    }
}
