//! Closing a province's fiscal year. When a province has entered and checked its year, a
//! provincial expert closes it (`CloseFiscalYear`, audited as `budget.close_year`); from then
//! on nothing posts into it — no allocation, approval, payment, tranche or reversal dated in
//! that year, and nothing on that year's budget lines whatever its date — so the figures a
//! province published cannot move under it. A national expert may reopen it
//! (`ReopenFiscalYear`), giving a reason (`budget.reopen_year`).
//!
//! The rule is enforced where every posting passes: [`App::post_in_tx`] and the batch path
//! call [`refuse_closed_years_in_tx`] inside the posting's own write transaction, after
//! holding the year's row (`BudgetRepo::hold_fiscal_year`: shared for a posting, exclusive
//! for closing), so a posting and a close of the same year cannot pass each other.

use std::collections::BTreeSet;

use hamyar_domain::FiscalYear;
use hamyar_domain::digits::to_persian_digits;
use jiff::Timestamp;
use serde_json::json;

use crate::access::{Actor, Permission, PlaceId, ScopeKind};
use crate::error::{AppError, AppResult};
use crate::group_life::actor_name;
use crate::places::load_tree;
use crate::ports::Tx;
use crate::ports::budget::{FiscalYearRow, FiscalYearStamp};
use crate::ports::ledger::LedgerAccountRow;
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

/// The refusal of a posting into a closed year.
pub(crate) fn year_closed(year: i32) -> AppError {
    AppError::invalid(
        "fiscal_year",
        format!(
            "سال مالی {} این استان بسته شده است؛ هیچ سندی با تاریخ این سال یا بر ردیف‌های بودجهٔ آن ثبت نمی‌شود. برای ثبت، کارشناس ستاد ملی باید سال را با ذکر دلیل بازگشایی کند",
            to_persian_digits(&year.to_string())
        ),
        format!(
            "fiscal year {year} of this province is closed; nothing dated in it or on its budget lines can be posted. A national expert may reopen it, giving a reason"
        ),
    )
}

/// The (province, fiscal year) pairs a posting dated in `date_year` lands in: that year in
/// its own province and in the province of every account it touches, and the year of every
/// budget line whose accounts it touches (a late correction of last year's line is still a
/// posting into last year).
pub(crate) async fn years_touched(
    tx: &mut dyn Tx,
    place_province: Option<PlaceId>,
    date_year: i32,
    accounts: &[LedgerAccountRow],
    into: &mut BTreeSet<(PlaceId, i32)>,
) -> AppResult<()> {
    if let Some(province) = place_province {
        into.insert((province, date_year));
    }
    for account in accounts {
        let Some(province) = account.province_id else {
            continue;
        };
        into.insert((province, date_year));
        if let Some(line) = tx.budget_line_by_account(account.id).await? {
            into.insert((line.province_id, line.fiscal_year));
        }
    }
    Ok(())
}

/// Holds each year's row for the rest of the transaction and refuses when one is closed.
pub(crate) async fn refuse_closed_years_in_tx(
    tx: &mut dyn Tx,
    years: &BTreeSet<(PlaceId, i32)>,
) -> AppResult<()> {
    for (province, year) in years {
        if tx.hold_fiscal_year(*province, *year, false).await?.closed {
            return Err(year_closed(*year));
        }
    }
    Ok(())
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
                format!(
                    "سال مالی {} هنوز آغاز نشده است و نمی‌توان آن را بست",
                    to_persian_digits(&year.year().to_string())
                ),
                format!(
                    "fiscal year {} has not begun; it cannot be closed",
                    year.year()
                ),
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
                message_fa: format!(
                    "سال مالی {} این استان پیش‌تر بسته شده است",
                    to_persian_digits(&year.year().to_string())
                ),
                message_en: format!(
                    "fiscal year {} of this province is already closed",
                    year.year()
                ),
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
        let reason = crate::spending::reason("reason", reason_text)?;
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
                message_fa: format!(
                    "سال مالی {} این استان بسته نیست",
                    to_persian_digits(&year.year().to_string())
                ),
                message_en: format!("fiscal year {} of this province is not closed", year.year()),
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
