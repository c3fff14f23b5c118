//! The `ExitProposalsRepo` port on both engines (migration 0029): proposals that a woman or a
//! group leave support as empowered. A decision is one conditional update
//! (`… WHERE id = $1 AND state = 'proposed'`) that reports whether it changed the row, so two
//! experts deciding at once cannot both win; a second open proposal of the same woman or group
//! breaks a partial unique index and comes back as `StoreError::Unique`.

use async_trait::async_trait;
use hamyar_app::ports::exit_proposals::{
    ExitDecision, ExitProposalId, ExitProposalRow, ExitProposalsRepo, OpenExitProposal,
};
use hamyar_app::ports::groups::{GroupId, PlaceFilter};
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::{StoreError, StoreResult};
use sqlx::any::AnyRow;

use crate::error::store_error;
use crate::rows::{RowReader, stored, stored_opt};
use crate::sql::SqlBuilder;
use crate::tx::AnyTx;

const COLUMNS: &str = "SELECT p.id, p.woman_id, p.group_id, p.province_id, p.county_id, \
     p.state, p.proposed_on, p.evidence, p.verdicts, p.proposed_by, p.proposed_by_name, \
     p.proposed_at, p.decided_on, p.decided_by, p.decided_by_name, p.decision_note, \
     p.decided_at";

fn read(row: &AnyRow) -> StoreResult<ExitProposalRow> {
    let r = RowReader::new(row, "exit_proposals");
    Ok(ExitProposalRow {
        id: r.id("id")?,
        woman_id: r.opt_id("woman_id")?,
        group_id: r.opt_id("group_id")?,
        province_id: r.id("province_id")?,
        county_id: r.id("county_id")?,
        state: r.text("state")?,
        proposed_on: r.date("proposed_on")?,
        evidence: r.text("evidence")?,
        verdicts: r.text("verdicts")?,
        proposed_by: r.opt_id("proposed_by")?,
        proposed_by_name: r.text("proposed_by_name")?,
        proposed_at: r.timestamp("proposed_at")?,
        decided_on: r.opt_date("decided_on")?,
        decided_by: r.opt_id("decided_by")?,
        decided_by_name: r.opt_text("decided_by_name")?,
        decision_note: r.opt_text("decision_note")?,
        decided_at: r.opt_timestamp("decided_at")?,
    })
}

impl AnyTx {
    async fn proposals_where(
        &mut self,
        column: &'static str,
        id: i64,
    ) -> StoreResult<Vec<ExitProposalRow>> {
        let mut sql = SqlBuilder::new(COLUMNS);
        sql.push(" FROM exit_proposals p WHERE ")
            .push(column)
            .push(" = ")
            .push_bound(id);
        sql.push(" ORDER BY p.id");
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter().map(read).collect()
    }
}

#[async_trait]
impl ExitProposalsRepo for AnyTx {
    async fn insert_exit_proposal(&mut self, row: &ExitProposalRow) -> StoreResult<ExitProposalId> {
        let subject = if row.woman_id.is_some() {
            "woman"
        } else {
            "group"
        };
        sqlx::query_scalar(
            "INSERT INTO exit_proposals (subject, woman_id, group_id, province_id, county_id, \
             state, proposed_on, evidence, verdicts, proposed_by, proposed_by_name, \
             proposed_at) VALUES ($1, $2, $3, $4, $5, 'proposed', $6, $7, $8, $9, $10, $11) \
             RETURNING id",
        )
        .bind(subject)
        .bind(row.woman_id)
        .bind(row.group_id)
        .bind(row.province_id)
        .bind(row.county_id)
        .bind(row.proposed_on.to_iso_string())
        .bind(row.evidence.as_str())
        .bind(row.verdicts.as_str())
        .bind(row.proposed_by)
        .bind(row.proposed_by_name.as_str())
        .bind(stored(row.proposed_at))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(|error| match store_error(error) {
            StoreError::Unique(_) => StoreError::Unique("exit_proposals.open".into()),
            other => other,
        })
    }

    async fn exit_proposal_by_id(
        &mut self,
        id: ExitProposalId,
    ) -> StoreResult<Option<ExitProposalRow>> {
        let mut sql = SqlBuilder::new(COLUMNS);
        sql.push(" FROM exit_proposals p WHERE p.id = ")
            .push_bound(i64::from(id));
        let row = sql
            .build()
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(store_error)?;
        row.as_ref().map(read).transpose()
    }

    async fn exit_proposals_of_woman(
        &mut self,
        woman: WomanId,
    ) -> StoreResult<Vec<ExitProposalRow>> {
        self.proposals_where("p.woman_id", woman.into()).await
    }

    async fn exit_proposals_of_group(
        &mut self,
        group: GroupId,
    ) -> StoreResult<Vec<ExitProposalRow>> {
        self.proposals_where("p.group_id", group.into()).await
    }

    async fn open_exit_proposals(
        &mut self,
        place: PlaceFilter,
        limit: i64,
    ) -> StoreResult<Vec<OpenExitProposal>> {
        let mut sql = SqlBuilder::new(COLUMNS);
        sql.push(
            ", COALESCE(w.first_name || ' ' || w.last_name, g.name) AS name \
             FROM exit_proposals p LEFT JOIN women w ON w.id = p.woman_id \
             LEFT JOIN hamyar_groups g ON g.id = p.group_id WHERE p.state = 'proposed'",
        );
        if let Some(province) = place.province_id {
            sql.push(" AND p.province_id = ").push_bound(province);
        }
        if let Some(county) = place.county_id {
            sql.push(" AND p.county_id = ").push_bound(county);
        }
        sql.push(" ORDER BY p.id");
        sql.push_page(limit, 0);
        let rows = sql
            .build()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(store_error)?;
        rows.iter()
            .map(|row| {
                Ok(OpenExitProposal {
                    row: read(row)?,
                    name: RowReader::new(row, "exit_proposals").text("name")?,
                })
            })
            .collect()
    }

    async fn decide_exit_proposal(
        &mut self,
        id: ExitProposalId,
        decision: &ExitDecision,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE exit_proposals SET state = $2, decided_on = $3, decided_by = $4, \
             decided_by_name = $5, decision_note = $6, decided_at = $7 \
             WHERE id = $1 AND state = 'proposed'",
        )
        .bind(id)
        .bind(decision.state)
        .bind(decision.decided_on.to_iso_string())
        .bind(decision.decided_by)
        .bind(decision.decided_by_name.as_str())
        .bind(decision.note.as_deref())
        .bind(stored_opt(Some(decision.decided_at)))
        .execute(&mut *self.tx)
        .await
        .map_err(store_error)?;
        Ok(done.rows_affected() == 1)
    }
}
