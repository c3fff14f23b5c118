//! The `FacilitiesRepo` port: a woman's facility history (migration 0011). The queries live in
//! [`rows`]; the implementation below only forwards. The history is append-only except for
//! withdrawing a programme tranche, and the database enforces it with triggers, whose refusal
//! arrives here as `StoreError::AppendOnly`.

mod rows;

use async_trait::async_trait;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::facilities::{FacilitiesRepo, FacilityRow};
use hamyar_app::ports::registry::WomanId;

use crate::tx::AnyTx;

#[async_trait]
impl FacilitiesRepo for AnyTx {
    async fn insert_facility(&mut self, row: &FacilityRow) -> StoreResult<i64> {
        rows::insert(&mut self.tx, row).await
    }

    async fn facilities_of(&mut self, woman_id: WomanId) -> StoreResult<Vec<FacilityRow>> {
        rows::of_woman(&mut self.tx, woman_id).await
    }

    async fn active_facilities_between(
        &mut self,
        woman_id: WomanId,
        from: &str,
        until: &str,
    ) -> StoreResult<Vec<FacilityRow>> {
        rows::active_between(&mut self.tx, woman_id, from, until).await
    }

    async fn facilities_of_tranche(
        &mut self,
        grant_tranche_id: hamyar_app::ports::grants::TrancheId,
    ) -> StoreResult<Vec<FacilityRow>> {
        rows::of_tranche(&mut self.tx, grant_tranche_id).await
    }

    async fn withdraw_tranche(
        &mut self,
        grant_tranche_id: hamyar_app::ports::grants::TrancheId,
        on: &str,
    ) -> StoreResult<u64> {
        rows::withdraw(&mut self.tx, grant_tranche_id, on).await
    }
}
