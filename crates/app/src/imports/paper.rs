//! What a money row says was decided on paper — the day it was approved, the day it was
//! paid, who signed — and the import's history batch that holds those decisions until a
//! second person confirms them. The batch is written with the first decision that needs
//! it, so a file of proposals only makes none.

use hamyar_domain::{JalaliDate, Message};

use super::HistoryRow;
use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::history::{HistoryBatchId, NewHistoryBatch};
use crate::service::{App, actor_name};

/// The paper decision of a row.
pub(super) struct PaperDates {
    pub approved_on: JalaliDate,
    pub paid_on: Option<JalaliDate>,
    pub approver: String,
}

fn day(row: &HistoryRow, column: &'static str) -> AppResult<Option<JalaliDate>> {
    let text = row.get(column);
    if text.is_empty() {
        return Ok(None);
    }
    JalaliDate::parse(text)
        .map(Some)
        .map_err(|error| AppError::invalid(column, error.message()))
}

/// The row's paper decision from the `approved_on`, `paid_on` and `approver` cells (or the
/// `{prefix}approved_on`… cells of a grant's tranche); none when nothing was approved. A
/// payment needs its approval; an approval needs the name of whoever signed it.
pub(super) fn paper_dates(row: &HistoryRow) -> AppResult<Option<PaperDates>> {
    paper_dates_of(row, "approved_on", "paid_on")
}

pub(super) fn paper_dates_of(
    row: &HistoryRow,
    approved_column: &'static str,
    paid_column: &'static str,
) -> AppResult<Option<PaperDates>> {
    let approved_on = day(row, approved_column)?;
    let paid_on = day(row, paid_column)?;
    let Some(approved_on) = approved_on else {
        return match paid_on {
            Some(_) => Err(AppError::invalid(
                approved_column,
                Message::new("imports-paid_without_approval"),
            )),
            None => Ok(None),
        };
    };
    if paid_on.is_some_and(|paid| paid < approved_on) {
        return Err(AppError::invalid(
            paid_column,
            Message::new("imports-paid_before_approved"),
        ));
    }
    let approver = hamyar_domain::persian_letters(row.get("approver"));
    if approver.is_empty() {
        return Err(AppError::invalid(
            "approver",
            Message::new("imports-approver_required"),
        ));
    }
    if approver.chars().count() > 200 {
        return Err(AppError::invalid(
            "approver",
            Message::new("propose-text_too_long")
                .arg("most", hamyar_domain::MessageArg::digits(200)),
        ));
    }
    Ok(Some(PaperDates {
        approved_on,
        paid_on,
        approver,
    }))
}

/// The import's history batch, made when first needed.
pub(super) struct BatchSlot {
    kind: &'static str,
    source: String,
    id: Option<HistoryBatchId>,
}

impl BatchSlot {
    pub fn new(kind: &'static str, source: &str) -> Self {
        BatchSlot {
            kind,
            source: source.to_owned(),
            id: None,
        }
    }

    /// The batch written so far, if any.
    pub fn written(&self) -> Option<HistoryBatchId> {
        self.id
    }

    /// The batch, written now if this is its first decision.
    pub async fn id(
        &mut self,
        app: &App,
        tx: &mut dyn Tx,
        actor: &Actor,
    ) -> AppResult<HistoryBatchId> {
        if let Some(id) = self.id {
            return Ok(id);
        }
        let province_id = actor.scope.province().ok_or_else(|| {
            AppError::invalid("kind", Message::new("imports-money_needs_a_province"))
        })?;
        let imported_by_name = actor_name(tx, actor).await?;
        let id = tx
            .insert_history_batch(&NewHistoryBatch {
                kind: self.kind.to_owned(),
                province_id,
                source: self.source.clone(),
                imported_by: actor.user_id,
                imported_by_name,
                imported_at: app.now(),
            })
            .await?;
        self.id = Some(id);
        Ok(id)
    }
}
