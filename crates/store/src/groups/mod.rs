//! The `GroupsRepo` port: Hamyar groups. Like the registry, the port is one trait whose tables
//! are read and changed in separate areas, so each area has a module of its own working on
//! the transaction's connection: `record` (the group's own row, its search and counts),
//! `stages` (the lifecycle history and the questions about the past it answers), `staff`
//! (who was the group's social worker or facilitator), `members` (women's memberships) and
//! `reference` (supervising units and business fields). The implementation below only
//! forwards, so it doubles as a table of contents.

mod members;
mod record;
mod reference;
mod staff;
mod stages;

use async_trait::async_trait;
use hamyar_app::access::PlaceId;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::groups::{
    BusinessFieldRow, GroupId, GroupRecord, GroupRow, GroupSearch, GroupsRepo, MembershipRow,
    MembershipView, PlaceFilter, StaffRow, StageRow, SupervisingUnitRow,
};
use hamyar_app::ports::registry::WomanId;
use jiff::Timestamp;

use crate::dashboard::tallies;
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

#[async_trait]
impl GroupsRepo for AnyTx {
    async fn insert_group(
        &mut self,
        record: &GroupRecord,
        first: &StageRow,
        at: Timestamp,
    ) -> StoreResult<GroupId> {
        let id = record::insert(&mut self.tx, record, first.stage.code(), at).await?;
        stages::append(&mut self.tx, id, first).await?;
        stages::refresh_life_span(&mut self.tx, id).await?;
        tallies::refresh_group(&mut self.tx, self.backend, id).await?;
        Ok(id)
    }

    async fn update_group(
        &mut self,
        id: GroupId,
        record: &GroupRecord,
        version: i64,
        at: Timestamp,
    ) -> StoreResult<bool> {
        let updated = record::update(&mut self.tx, id, record, version, at).await?;
        if updated {
            // The place may have changed: the group's and its members' tallies move with it.
            tallies::refresh_group_and_members(&mut self.tx, self.backend, id).await?;
        }
        Ok(updated)
    }

    async fn group_by_id(&mut self, id: GroupId) -> StoreResult<Option<GroupRow>> {
        record::by_id(&mut self.tx, id).await
    }

    async fn search_groups(&mut self, search: &GroupSearch) -> StoreResult<Vec<GroupRow>> {
        record::search(&mut self.tx, self.backend, search).await
    }

    async fn count_groups_by_stage(
        &mut self,
        search: &GroupSearch,
    ) -> StoreResult<Vec<(String, i64)>> {
        record::count_by_stage(&mut self.tx, search).await
    }

    async fn count_groups_in_province(&mut self, province_id: PlaceId) -> StoreResult<i64> {
        record::next_number_in_province(&mut self.tx, province_id).await
    }

    async fn insert_stage(&mut self, stage: &StageRow) -> StoreResult<i64> {
        let id = stages::insert(&mut self.tx, stage).await?;
        // A move can end the group, which ends its members' days as members.
        tallies::refresh_group_and_members(&mut self.tx, self.backend, stage.group_id).await?;
        Ok(id)
    }

    async fn stages_of(&mut self, group_id: GroupId) -> StoreResult<Vec<StageRow>> {
        stages::of_group(&mut self.tx, group_id).await
    }

    async fn groups_in_stages_on(
        &mut self,
        place: PlaceFilter,
        stages: &[&str],
        date: &str,
    ) -> StoreResult<Vec<GroupId>> {
        stages::groups_in_stages_on(&mut self.tx, place, stages, date).await
    }

    async fn members_of_groups_in_stages_on(
        &mut self,
        place: PlaceFilter,
        stages: &[&str],
        date: &str,
        current_stage: bool,
    ) -> StoreResult<i64> {
        stages::members_of_groups_in_stages_on(&mut self.tx, place, stages, date, current_stage)
            .await
    }

    async fn jobs_in_groups_in_stages_on(
        &mut self,
        place: PlaceFilter,
        stages: &[&str],
        date: &str,
        current_stage: bool,
        months: (i64, i64),
    ) -> StoreResult<i64> {
        stages::jobs_in_groups_in_stages_on(
            &mut self.tx,
            place,
            stages,
            date,
            current_stage,
            months,
        )
        .await
    }

    async fn groups_entering_stage_between(
        &mut self,
        place: PlaceFilter,
        stage: &str,
        from: &str,
        until: &str,
    ) -> StoreResult<Vec<GroupId>> {
        stages::groups_entering_stage_between(&mut self.tx, place, stage, from, until).await
    }

    async fn insert_staff(&mut self, staff: &StaffRow) -> StoreResult<i64> {
        staff::insert(&mut self.tx, staff).await
    }

    async fn staff_of(&mut self, group_id: GroupId) -> StoreResult<Vec<StaffRow>> {
        staff::of_group(&mut self.tx, group_id).await
    }

    async fn insert_membership(&mut self, membership: &MembershipRow) -> StoreResult<i64> {
        let id = members::insert(&mut self.tx, membership).await?;
        tallies::refresh_woman(&mut self.tx, self.backend, membership.woman_id).await?;
        Ok(id)
    }

    async fn update_membership(&mut self, membership: &MembershipRow) -> StoreResult<bool> {
        let updated = members::update(&mut self.tx, membership).await?;
        if updated {
            let woman: WomanId =
                sqlx::query_scalar("SELECT woman_id FROM group_members WHERE id = $1")
                    .bind(membership.id)
                    .fetch_one(&mut *self.tx)
                    .await
                    .map_err(crate::error::store_error)?;
            tallies::refresh_woman(&mut self.tx, self.backend, woman).await?;
        }
        Ok(updated)
    }

    async fn membership_by_id(&mut self, id: i64) -> StoreResult<Option<MembershipRow>> {
        members::by_id(&mut self.tx, id).await
    }

    async fn members_of_group(&mut self, group_id: GroupId) -> StoreResult<Vec<MembershipView>> {
        members::of_group(&mut self.tx, group_id).await
    }

    async fn memberships_of_woman(
        &mut self,
        woman_id: WomanId,
    ) -> StoreResult<Vec<MembershipView>> {
        members::of_woman(&mut self.tx, woman_id).await
    }

    async fn insert_supervising_unit(&mut self, unit: &SupervisingUnitRow) -> StoreResult<i64> {
        reference::insert_supervising_unit(&mut self.tx, unit).await
    }

    async fn supervising_units(
        &mut self,
        place: PlaceFilter,
    ) -> StoreResult<Vec<SupervisingUnitRow>> {
        reference::supervising_units(&mut self.tx, self.backend, place).await
    }

    async fn supervising_unit_by_id(&mut self, id: i64) -> StoreResult<Option<SupervisingUnitRow>> {
        reference::supervising_unit_by_id(&mut self.tx, id).await
    }

    async fn business_fields(&mut self) -> StoreResult<Vec<BusinessFieldRow>> {
        reference::business_fields(&mut self.tx).await
    }

    async fn put_business_field(&mut self, field: &BusinessFieldRow) -> StoreResult<()> {
        reference::put_business_field(&mut self.tx, field).await
    }
}

/// Narrows a query on a table with `province_id` and `county_id` columns to `place`.
fn push_place(builder: &mut SqlBuilder, place: PlaceFilter) {
    if let Some(province_id) = place.province_id {
        builder.push_equals("province_id", province_id);
    }
    if let Some(county_id) = place.county_id {
        builder.push_equals("county_id", county_id);
    }
}
