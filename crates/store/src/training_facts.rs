//! The `TrainingFactsRepo` port on both engines: a group's members on a day with each one's
//! first completion by then, and a woman's first completion. Days are ISO text on both
//! engines (`COLLATE "C"` on PostgreSQL), so `<=` on them is the calendar's order. The
//! members are read one row a woman and counted here: a group has a few dozen at most, and
//! each woman's completions are found through `enrolments_woman`, so the query never walks
//! the national table of enrolments.

use async_trait::async_trait;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::training_facts::{GroupTrainingTally, TrainingFactsRepo};
use hamyar_domain::JalaliDate;

use crate::error::store_error;
use crate::rows::RowReader;
use crate::tx::AnyTx;

/// The women whose membership covers `$2` (a woman who left and came back is one member),
/// each with her first completed enrolment dated on or before `$2`.
const MEMBERS_WITH_FIRST_COMPLETION: &str = "SELECT m.woman_id, \
     (SELECT MIN(e.completed_on) FROM enrolments e WHERE e.woman_id = m.woman_id \
      AND e.status = 'completed' AND e.completed_on <= $2) AS first_completed_on \
     FROM (SELECT DISTINCT woman_id FROM group_members WHERE group_id = $1 \
      AND joined_on <= $2 AND (left_on IS NULL OR left_on > $2)) m";

#[async_trait]
impl TrainingFactsRepo for AnyTx {
    async fn group_training_on(
        &mut self,
        group_id: GroupId,
        day: JalaliDate,
    ) -> StoreResult<GroupTrainingTally> {
        let rows = sqlx::query(MEMBERS_WITH_FIRST_COMPLETION)
            .bind(group_id)
            .bind(day.to_iso_string())
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        let mut tally = GroupTrainingTally::default();
        for row in &rows {
            tally.members += 1;
            let first = RowReader::new(row, "group_members").opt_date("first_completed_on")?;
            if let Some(on) = first {
                tally.completed += 1;
                tally.latest_completed_on = tally.latest_completed_on.max(Some(on));
            }
        }
        Ok(tally)
    }

    async fn first_completion_of(&mut self, woman_id: WomanId) -> StoreResult<Option<JalaliDate>> {
        let row = sqlx::query(
            "SELECT MIN(completed_on) AS first_completed_on FROM enrolments \
             WHERE woman_id = $1 AND status = 'completed'",
        )
        .bind(woman_id)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(store_error)?;
        RowReader::new(&row, "enrolments").opt_date("first_completed_on")
    }
}
