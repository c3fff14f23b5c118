//! The money moves every spending use-case shares, each inside the caller's transaction:
//! committing an approved amount against a budget line (the one check that a line is never
//! overdrawn, made under the line's row lock), paying an open commitment out of the treasury,
//! and posting a line's own transactions. Spending and grants call these so that "approve"
//! is their record's change + the ledger transaction + the audit rows, all or nothing.

use hamyar_domain::JalaliDate;
use hamyar_domain::budget::LineFigures;
use hamyar_domain::ledger::{Posting, TransactionDraft, TransactionError, TransactionInput};
use hamyar_domain::money::Rials;
use hamyar_domain::{Message, MessageArg};

use super::dates::{line_history, not_before_allocation, shortfall_refusal};
use crate::access::Actor;
use crate::error::{AppError, AppResult};
use crate::ledger::{CHART_OF_ACCOUNTS, LedgerPlace, PostedTransaction};
use crate::ports::Tx;
use crate::ports::budget::{BudgetLineId, BudgetLineRow};
use crate::ports::ledger::{AccountId, NewLedgerAccount};
use crate::service::App;

/// The programme's treasury account, created from the chart if it is not there yet.
pub(crate) async fn treasury_account(app: &App, tx: &mut dyn Tx) -> AppResult<AccountId> {
    const CODE: &str = "bank.treasury";
    if let Some(account) = tx.ledger_account_by_code(CODE).await? {
        return Ok(account.id);
    }
    let chart = CHART_OF_ACCOUNTS
        .iter()
        .find(|account| account.code == CODE)
        .ok_or_else(|| AppError::Internal("the chart has no treasury".into()))?;
    Ok(tx
        .insert_ledger_account(&NewLedgerAccount {
            code: chart.code.to_owned(),
            name_fa: chart.name_fa.to_owned(),
            name_en: chart.name_en.to_owned(),
            kind: chart.kind.to_owned(),
            province_id: None,
            county_id: None,
            created_at: app.now(),
        })
        .await?)
}

/// Builds a balanced draft, naming the form field a problem belongs to.
pub(crate) fn money_draft(
    postings: Vec<Posting>,
    description: &str,
    effective_on: JalaliDate,
    idempotency_key: &str,
) -> AppResult<TransactionDraft> {
    TransactionDraft::build(TransactionInput {
        postings,
        description: description.to_owned(),
        effective_on,
        idempotency_key: idempotency_key.to_owned(),
    })
    .map_err(|error| {
        let field = match error {
            TransactionError::KeyEmpty
            | TransactionError::KeyTooLong { .. }
            | TransactionError::KeyNotPrintable => "idempotency_key",
            TransactionError::DescriptionEmpty | TransactionError::DescriptionTooLong { .. } => {
                "description"
            }
            _ => "amount",
        };
        AppError::invalid(field, error.message())
    })
}

/// Where a line's transactions are booked.
pub(crate) fn line_place(line: &BudgetLineRow) -> LedgerPlace {
    LedgerPlace {
        province_id: Some(line.province_id),
        county_id: line.county_id,
    }
}

/// "Only X is left on this line" — the refusal of an overdraft, in both languages.
pub(crate) fn overdraw_refusal(field: &'static str, figures: &LineFigures, asked: i64) -> AppError {
    let left = Rials::new(figures.left_rials());
    let asked = Rials::new(asked);
    AppError::invalid(
        field,
        Message::new("commitment-overdraw")
            .arg("left", MessageArg::Money(left.value()))
            .arg("asked", MessageArg::Money(asked.value())),
    )
}

/// A date outside the line's fiscal year.
pub(crate) fn outside_year(field: &'static str, line: &BudgetLineRow) -> AppError {
    AppError::invalid(
        field,
        Message::new("commitment-date_outside_year")
            .arg("year", MessageArg::digits(line.fiscal_year)),
    )
}

/// One dated money step on a budget line, as spending and grants hand it to the shared
/// moves: the amount, the value date and the form field the date was typed in (so a refusal
/// of the date lands next to it), the ledger description and idempotency key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineStep<'a> {
    pub line_id: BudgetLineId,
    pub amount_rials: i64,
    pub effective_on: JalaliDate,
    pub date_field: &'static str,
    pub description: &'a str,
    pub idempotency_key: &'a str,
}

/// Points the problems of the field `from` at the field `to` (a closed year, say, named by
/// the ledger as `fiscal_year`, belongs next to the form's date).
pub(crate) fn rename_field(error: AppError, from: &str, to: &'static str) -> AppError {
    match error {
        AppError::Invalid(mut problems) => {
            for problem in &mut problems {
                if problem.field == from {
                    problem.field = to;
                }
            }
            AppError::Invalid(problems)
        }
        other => other,
    }
}

impl App {
    /// Commits an amount against a line on the step's date: `Dr expense / Cr commitments` on
    /// the line's own accounts. The line's row is locked first, so of two concurrent
    /// commitments that together would overdraw it exactly one succeeds. The date must lie in
    /// the line's fiscal year, not before its first allocation, and the amount must fit what
    /// is left on that day and on every later day (a back-dated commitment must not overdraw
    /// a month already on the books).
    pub(crate) async fn commit_against_line_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        step: LineStep<'_>,
    ) -> AppResult<PostedTransaction> {
        let line = tx
            .lock_budget_line(step.line_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if line.fiscal_year != step.effective_on.year() {
            return Err(outside_year(step.date_field, &line));
        }
        if tx
            .ledger_transaction_by_key(step.idempotency_key)
            .await?
            .is_none()
        {
            let history = line_history(tx, &line).await?;
            not_before_allocation(step.date_field, &history, step.effective_on)?;
            if let Err(shortfall) = history.can_commit_on(step.effective_on, step.amount_rials) {
                return Err(shortfall_refusal(
                    "amount",
                    step.effective_on,
                    &shortfall,
                    step.amount_rials,
                    LineFigures::left_rials,
                ));
            }
        }
        let draft = money_draft(
            vec![
                Posting::debit(line.expense_account_id, step.amount_rials),
                Posting::credit(line.commitment_account_id, step.amount_rials),
            ],
            step.description,
            step.effective_on,
            step.idempotency_key,
        )?;
        self.post_in_tx(tx, actor, &draft, line_place(&line), None)
            .await
            .map_err(|error| rename_field(error, "fiscal_year", step.date_field))
    }

    /// Pays an open commitment on a line out of the treasury on the step's date:
    /// `Dr commitments / Cr bank.treasury`. Refused outside the line's fiscal year and unless
    /// that much is open on that day and every later one; the caller checks that the date is
    /// not before the commitment it pays.
    pub(crate) async fn pay_commitment_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        step: LineStep<'_>,
    ) -> AppResult<PostedTransaction> {
        let line = tx
            .lock_budget_line(step.line_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if line.fiscal_year != step.effective_on.year() {
            return Err(outside_year(step.date_field, &line));
        }
        if tx
            .ledger_transaction_by_key(step.idempotency_key)
            .await?
            .is_none()
        {
            let history = line_history(tx, &line).await?;
            if history
                .can_pay_on(step.effective_on, step.amount_rials)
                .is_err()
            {
                return Err(AppError::invalid(
                    "amount",
                    Message::new("commitment-payment_date_amount_more_than"),
                ));
            }
        }
        let treasury = treasury_account(self, tx).await?;
        let draft = money_draft(
            vec![
                Posting::debit(line.commitment_account_id, step.amount_rials),
                Posting::credit(treasury, step.amount_rials),
            ],
            step.description,
            step.effective_on,
            step.idempotency_key,
        )?;
        self.post_in_tx(tx, actor, &draft, line_place(&line), None)
            .await
            .map_err(|error| rename_field(error, "fiscal_year", step.date_field))
    }
}
