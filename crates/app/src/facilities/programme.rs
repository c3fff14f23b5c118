//! The programme's own support enters the history from the grants code, inside the
//! transaction that approves (or reverses) a grant tranche, so a grant is never paid without
//! being in the woman's history, nor reversed while still counting against her.
//!
//! A tranche to a group is recorded once per member who benefits (the grants code decides the
//! share of each); one tranche is recorded at most once per woman (the database refuses a
//! second row, reported as `AppError::Conflict` on `grant_tranche_id`). Each row is audited as
//! `woman.facility_recorded` (entity `woman`, her province and county). A reversal marks the
//! tranche's rows withdrawn on its date; the rows stay as history and stop counting. It is
//! idempotent (a tranche already withdrawn, or never recorded, changes nothing), and it is not
//! audited here: the reversal's own audit row, written by the grants code in the same
//! transaction, is the record of it, and each row keeps its `withdrawn_on`.
//!
//! [`App::record_programme_support`] and [`App::withdraw_programme_support`] are the same
//! writes in a transaction of their own, for entering programme grants paid before the grants
//! module existed (and for the use-case tests); they need `PostLedger` and every woman in the
//! actor's place, and the withdrawal is audited as `woman.facility_withdrawn`.

use hamyar_domain::JalaliDate;
use hamyar_domain::Message;
use hamyar_domain::facilities::{FacilityBody, FacilityKind, FacilitySource};

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult};
use crate::facilities::snapshot;
use crate::ports::facilities::FacilityRow;
use crate::ports::groups::GroupId;
use crate::ports::registry::WomanId;
use crate::ports::{StoreError, Tx};
use crate::registry::woman_in_scope;
use crate::service::actor_name;
use crate::service::{App, AuditEntry};

/// The audit action of a programme facility.
pub const RECORDED: &str = "woman.facility_recorded";
/// The audit action of a withdrawal made outside the grants code.
pub const WITHDRAWN: &str = "woman.facility_withdrawn";

/// Support this programme gives one woman through one grant tranche.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeSupport {
    pub woman_id: WomanId,
    /// The group the grant went to, when it did not go to her alone.
    pub group_id: Option<GroupId>,
    pub grant_tranche_id: crate::ports::grants::TrancheId,
    pub kind: FacilityKind,
    /// Her share of the tranche, above zero.
    pub amount_rials: i64,
    pub granted_on: JalaliDate,
    pub note: String,
}

impl App {
    /// Writes each support into the women's histories, inside the caller's transaction.
    /// The caller has already checked the actor's permission and place.
    pub(crate) async fn record_programme_support_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        supports: &[ProgrammeSupport],
    ) -> AppResult<()> {
        if let Some(bad) = supports.iter().find(|s| s.amount_rials <= 0) {
            return Err(AppError::Internal(format!(
                "programme support of {} rials for woman {} (tranche {}) must be above zero",
                bad.amount_rials, bad.woman_id, bad.grant_tranche_id
            )));
        }
        let recorder = actor_name(tx, actor).await?;
        for support in supports {
            let woman = tx
                .woman_by_id(support.woman_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let row = FacilityRow {
                id: 0,
                woman_id: support.woman_id,
                source: FacilitySource::Programme.code().into(),
                body: FacilityBody::Hamyar.code().into(),
                body_name: String::new(),
                kind: support.kind.code().into(),
                amount_rials: support.amount_rials,
                granted_on: support.granted_on,
                group_id: support.group_id,
                group_name: None,
                grant_tranche_id: Some(support.grant_tranche_id),
                note: support.note.trim().to_owned(),
                withdrawn_on: None,
                recorded_by: actor.user_id,
                recorded_by_name: recorder.clone(),
                recorded_at: self.now(),
            };
            let id = tx
                .insert_facility(&row)
                .await
                .map_err(|error| match error {
                    StoreError::Unique(_) => AppError::Conflict {
                        field: "grant_tranche_id",
                        message: Message::new("programme-tranche_already_woman_s_history"),
                    },
                    other => other.into(),
                })?;
            self.audit_in_tx(
                tx,
                AuditEntry {
                    actor,
                    action: RECORDED,
                    entity_kind: "woman",
                    entity_id: support.woman_id.to_string(),
                    province_id: Some(woman.record.province_id),
                    county_id: Some(woman.record.county_id),
                    before: None,
                    after: Some(snapshot(id, &row)),
                },
            )
            .await?;
        }
        Ok(())
    }

    /// Marks the tranche's support withdrawn on `on` (its reversal), inside the caller's
    /// transaction.
    pub(crate) async fn withdraw_programme_support_in_tx(
        &self,
        tx: &mut dyn Tx,
        grant_tranche_id: crate::ports::grants::TrancheId,
        on: JalaliDate,
    ) -> AppResult<()> {
        tx.withdraw_tranche(grant_tranche_id, &on.to_iso_string())
            .await?;
        Ok(())
    }

    /// Records programme support in a transaction of its own (past grants, tests).
    pub async fn record_programme_support(
        &self,
        actor: &Actor,
        supports: &[ProgrammeSupport],
    ) -> AppResult<()> {
        actor.require(Permission::PostLedger)?;
        let mut tx = self.db.write().await?;
        for support in supports {
            woman_in_scope(tx.as_mut(), actor, support.woman_id).await?;
        }
        self.record_programme_support_in_tx(tx.as_mut(), actor, supports)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Withdraws a tranche's support in a transaction of its own, audited per woman as
    /// `woman.facility_withdrawn`; returns how many rows changed.
    pub async fn withdraw_programme_support(
        &self,
        actor: &Actor,
        grant_tranche_id: crate::ports::grants::TrancheId,
        on: JalaliDate,
    ) -> AppResult<usize> {
        actor.require(Permission::PostLedger)?;
        let mut tx = self.db.write().await?;
        let rows = tx.facilities_of_tranche(grant_tranche_id).await?;
        let mut women = Vec::new();
        for row in rows.iter().filter(|row| row.withdrawn_on.is_none()) {
            women.push((woman_in_scope(tx.as_mut(), actor, row.woman_id).await?, row));
        }
        self.withdraw_programme_support_in_tx(tx.as_mut(), grant_tranche_id, on)
            .await?;
        for (woman, row) in &women {
            let after = FacilityRow {
                withdrawn_on: Some(on),
                ..(*row).clone()
            };
            self.audit_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor,
                    action: WITHDRAWN,
                    entity_kind: "woman",
                    entity_id: woman.id.to_string(),
                    province_id: Some(woman.record.province_id),
                    county_id: Some(woman.record.county_id),
                    before: Some(snapshot(row.id, row)),
                    after: Some(snapshot(row.id, &after)),
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(women.len())
    }
}
