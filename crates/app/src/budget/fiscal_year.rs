//! Closing a province's fiscal year. When a province has entered and checked its year, a
//! provincial expert closes it (`CloseFiscalYear`, audited as `budget.close_year`); from then
//! on nothing posts into it — no allocation, approval, payment, tranche or reversal dated in
//! that year, and nothing on that year's budget lines whatever its date — so the figures a
//! province published cannot move under it. A national expert may reopen it
//! (`ReopenFiscalYear`), giving a reason (`budget.reopen_year`).
//!
//! The rule is enforced where every posting passes: [`App::post_in_tx`] and the batch path
//! call `ledger::guards::refuse_closed_years_in_tx` inside the posting's own write transaction, after
//! holding the year's row (`BudgetRepo::hold_fiscal_year`: shared for a posting, exclusive
//! for closing), so a posting and a close of the same year cannot pass each other.

use hamyar_domain::FiscalYear;
use hamyar_domain::{Message, MessageArg};
use jiff::Timestamp;
use serde_json::json;

use crate::access::{Actor, Permission, PlaceId, ScopeKind};
use crate::error::{AppError, AppResult};
use crate::places::load_tree;
use crate::ports::Tx;
use crate::ports::budget::{FiscalYearRow, FiscalYearStamp};
use crate::service::actor_name;
use crate::service::{App, AuditEntry};

/// A province's fiscal year as the budget page shows it, with what the reader may do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiscalYearState {
    pub province_id: PlaceId,
    pub fiscal_year: i32,
    pub closed: bool,
    pub closed_by_name: Option<String>,
    pub closed_at: Option<Timestamp>,
    pub reopened_by_name: Option<String>,
    pub reopened_at: Option<Timestamp>,
    pub reopen_reason: Option<String>,
    pub can_close: bool,
    pub can_reopen: bool,
}

fn state_of(
    actor: &Actor,
    row: Option<FiscalYearRow>,
    province_id: PlaceId,
    year: i32,
) -> FiscalYearState {
    let closed = row.as_ref().is_some_and(|row| row.closed);
    let row = row.as_ref();
    FiscalYearState {
        province_id,
        fiscal_year: year,
        closed,
        closed_by_name: row.and_then(|r| r.closed_by_name.clone()),
        closed_at: row.and_then(|r| r.closed_at),
        reopened_by_name: row.and_then(|r| r.reopened_by_name.clone()),
        reopened_at: row.and_then(|r| r.reopened_at),
        reopen_reason: row.and_then(|r| r.reopen_reason.clone()),
        can_close: !closed && actor.can(Permission::CloseFiscalYear),
        can_reopen: closed && actor.can(Permission::ReopenFiscalYear),
    }
}

impl App {
    /// Whether a province's fiscal year is closed (`ViewMoney`, the province in scope).
    pub async fn fiscal_year_state(
        &self,
        actor: &Actor,
        province_id: PlaceId,
        year: FiscalYear,
    ) -> AppResult<FiscalYearState> {
        actor.require(Permission::ViewMoney)?;
        if actor.scope.province().is_some_and(|own| own != province_id) {
            return Err(AppError::NotFound);
        }
        let mut tx = self.db.read().await?;
        let row = tx.fiscal_year(province_id, year.year()).await?;
        tx.commit().await?;
        Ok(state_of(actor, row, province_id, year.year()))
    }

    /// Closes a province's fiscal year: from now on nothing posts into it. Refused for a
    /// year that has not begun and for one already closed.
    pub async fn close_fiscal_year(
        &self,
        actor: &Actor,
        province_id: PlaceId,
        year: FiscalYear,
    ) -> AppResult<FiscalYearState> {
        actor.require(Permission::CloseFiscalYear)?;
        if year.first_day() > self.today() {
            return Err(AppError::invalid(
                "fiscal_year",
                Message::new("fiscal_year-not_begun").arg("year", MessageArg::digits(year.year())),
            ));
        }
        let mut tx = self.db.write().await?;
        province_in_scope(self, tx.as_mut(), actor, province_id).await?;
        let before = tx.hold_fiscal_year(province_id, year.year(), true).await?;
        let stamp = self.year_stamp(tx.as_mut(), actor).await?;
        if before.closed
            || !tx
                .mark_fiscal_year_closed(province_id, year.year(), &stamp)
                .await?
        {
            return Err(AppError::Conflict {
                field: "fiscal_year",
                message: Message::new("fiscal_year-already_closed")
                    .arg("year", MessageArg::digits(year.year())),
            });
        }
        self.audit_year(
            tx.as_mut(),
            actor,
            province_id,
            year,
            "budget.close_year",
            json!({"status": "closed"}),
        )
        .await?;
        let row = tx.fiscal_year(province_id, year.year()).await?;
        tx.commit().await?;
        Ok(state_of(actor, row, province_id, year.year()))
    }

    /// Reopens a closed fiscal year (`ReopenFiscalYear`: national experts), with a reason.
    pub async fn reopen_fiscal_year(
        &self,
        actor: &Actor,
        province_id: PlaceId,
        year: FiscalYear,
        reason_text: &str,
    ) -> AppResult<FiscalYearState> {
        actor.require(Permission::ReopenFiscalYear)?;
        let reason = crate::error::reason("reason", reason_text)?;
        let mut tx = self.db.write().await?;
        province_in_scope(self, tx.as_mut(), actor, province_id).await?;
        tx.hold_fiscal_year(province_id, year.year(), true).await?;
        let stamp = self.year_stamp(tx.as_mut(), actor).await?;
        if !tx
            .mark_fiscal_year_reopened(province_id, year.year(), &stamp, &reason)
            .await?
        {
            return Err(AppError::Conflict {
                field: "fiscal_year",
                message: Message::new("fiscal_year-not_closed")
                    .arg("year", MessageArg::digits(year.year())),
            });
        }
        self.audit_year(
            tx.as_mut(),
            actor,
            province_id,
            year,
            "budget.reopen_year",
            json!({"status": "open", "reason": reason}),
        )
        .await?;
        let row = tx.fiscal_year(province_id, year.year()).await?;
        tx.commit().await?;
        Ok(state_of(actor, row, province_id, year.year()))
    }

    async fn year_stamp(&self, tx: &mut dyn Tx, actor: &Actor) -> AppResult<FiscalYearStamp> {
        Ok(FiscalYearStamp {
            by: actor.user_id,
            by_name: actor_name(tx, actor).await?,
            at: self.now(),
        })
    }

    async fn audit_year(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        province_id: PlaceId,
        year: FiscalYear,
        action: &str,
        after: serde_json::Value,
    ) -> AppResult<()> {
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action,
                entity_kind: "fiscal_year",
                entity_id: format!("{province_id}.{}", year.year()),
                province_id: Some(province_id),
                county_id: None,
                before: None,
                after: Some(after),
            },
        )
        .await
    }
}

/// The place must be a province the actor's scope holds whole (a county user closes nothing).
async fn province_in_scope(
    app: &App,
    tx: &mut dyn Tx,
    actor: &Actor,
    province_id: PlaceId,
) -> AppResult<()> {
    if !actor.scope.covers(Some(province_id), None) {
        return Err(AppError::NotFound);
    }
    let tree = load_tree(tx, &app.today().to_iso_string()).await?;
    match tree.get(province_id) {
        Some(place) if place.kind == ScopeKind::Province => Ok(()),
        _ => Err(AppError::NotFound),
    }
}
