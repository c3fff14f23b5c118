//! What every posting must pass before it is written, for the budget's sake: nothing posts
//! into a closed fiscal year of a province (`refuse_closed_years_in_tx`, after holding the
//! year's row so a posting and a close cannot pass each other), and no reversal leaves a
//! budget line negative (`lines_stay_whole_after_reversal`). They read budget lines through
//! the ports only, so the ledger, which the budget posts through, does not depend on the
//! budget's use-cases.

use hamyar_domain::{Message, MessageArg};
use std::collections::BTreeSet;

use hamyar_domain::budget::LineFigures;

use crate::access::PlaceId;
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::budget::BudgetLineId;
use crate::ports::ledger::{LedgerAccountRow, LedgerTransactionRow};

/// The refusal of a posting into a closed year.
pub(crate) fn year_closed(year: i32) -> AppError {
    AppError::invalid(
        "fiscal_year",
        Message::new("guards-year_closed").arg("year", MessageArg::digits(year)),
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

/// Refuses a reversal that would leave a budget line it touches with a negative figure — a
/// budget below what is committed (reversing an allocation after the money was committed) or
/// more paid than committed (reversing a commitment whose payment still stands). Each touched
/// line is locked first, as when committing against it.
pub(crate) async fn lines_stay_whole_after_reversal(
    tx: &mut dyn Tx,
    original: &LedgerTransactionRow,
) -> AppResult<()> {
    let mut checked: Vec<BudgetLineId> = Vec::new();
    for posting in &original.postings {
        let Some(line) = tx.budget_line_by_account(posting.account_id).await? else {
            continue;
        };
        if checked.contains(&line.id) {
            continue;
        }
        checked.push(line.id);
        let line = tx
            .lock_budget_line(line.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut balances = [
            tx.ledger_balance(line.budget_account_id)
                .await?
                .balance_rials,
            tx.ledger_balance(line.expense_account_id)
                .await?
                .balance_rials,
            tx.ledger_balance(line.commitment_account_id)
                .await?
                .balance_rials,
        ];
        let accounts = [
            line.budget_account_id,
            line.expense_account_id,
            line.commitment_account_id,
        ];
        for posting in &original.postings {
            if let Some(index) = accounts.iter().position(|id| *id == posting.account_id) {
                balances[index] = balances[index]
                    .checked_sub(posting.amount_rials)
                    .ok_or_else(|| AppError::Internal("balance out of range".into()))?;
            }
        }
        let after = line_figures(balances[0], balances[1], balances[2])?;
        if after.left_rials() < 0 || after.outstanding_rials < 0 || after.paid_rials() < 0 {
            return Err(AppError::invalid(
                "original",
                Message::new("guards-reversing_transaction_would_leave_budget"),
            ));
        }
    }
    Ok(())
}

/// A line's figures from its accounts' balances (budget and outstanding are credit
/// balances, so negative in the ledger).
/// Turns raw balances (debit positive) into the figures people read: the budget and the open
/// commitments are credit-normal, the expense debit-normal.
pub(crate) fn line_figures(
    budget: i64,
    committed: i64,
    outstanding: i64,
) -> AppResult<LineFigures> {
    let negate = |value: i64| {
        value
            .checked_neg()
            .ok_or_else(|| AppError::Internal("balance out of range".into()))
    };
    Ok(LineFigures {
        budget_rials: negate(budget)?,
        committed_rials: committed,
        outstanding_rials: negate(outstanding)?,
    })
}
