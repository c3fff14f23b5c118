//! The dates money happens on. An allocation, an approval (the commitment), a payment and a
//! tranche's release each carry the day it happened — its value date, the ledger
//! transaction's `effective_on` — apart from the moment it was recorded (`recorded_at`), so a
//! province can enter its year's history on any day and see it in the months it belongs to.
//! The rules for such a date live here, one function each, so spending, grants and budgets
//! refuse the same things with the same words: it defaults to today (inside the line's year),
//! it is never after today, never outside the line's fiscal year, never before the line's
//! first allocation (for a commitment), never before the commitment it pays (checked by the
//! callers, who know their commitment), and a back-dated step must fit the line on its own day
//! and on every later day ([`hamyar_domain::budget::LineHistory`]). Closed years are refused
//! where every posting passes, in `fiscal_year`.

use hamyar_domain::budget::{LineFigures, LineHistory, Shortfall};
use hamyar_domain::money::Rials;
use hamyar_domain::{FiscalYear, JalaliDate};
use hamyar_domain::{Message, MessageArg};

use super::allocation::parse_date_or;
use super::commitment::outside_year;
use crate::error::{AppError, AppResult};
use crate::ports::Tx;
use crate::ports::budget::BudgetLineRow;
use crate::ports::ledger::AccountId;

/// The default date of a money step on a line of `year`: today, or the year's last day when
/// the year is over (a late entry of last year's history), or its first day when it has not
/// begun (which `money_date` then refuses as a future date).
pub(crate) fn default_in_year(today: JalaliDate, year: FiscalYear) -> JalaliDate {
    if today < year.first_day() {
        year.first_day()
    } else if today > year.last_day() {
        year.last_day()
    } else {
        today
    }
}

/// Refuses a date after today.
pub(crate) fn not_in_future(
    field: &'static str,
    date: JalaliDate,
    today: JalaliDate,
) -> AppResult<()> {
    if date > today {
        return Err(AppError::invalid(
            field,
            Message::new("dates-money_in_future")
                .arg("date", MessageArg::digits(date))
                .arg("today", MessageArg::digits(today)),
        ));
    }
    Ok(())
}

/// The value date of a money step on `line`, as typed (Jalali, any digits; empty is the
/// default of [`default_in_year`]): not after today and inside the line's fiscal year.
pub(crate) fn money_date(
    field: &'static str,
    text: &str,
    today: JalaliDate,
    line: &BudgetLineRow,
) -> AppResult<JalaliDate> {
    let year =
        FiscalYear::new(line.fiscal_year).map_err(|error| AppError::Internal(error.to_string()))?;
    let date = parse_date_or(field, text, default_in_year(today, year))?;
    not_in_future(field, date, today)?;
    if !year.contains(date) {
        return Err(outside_year(field, line));
    }
    Ok(date)
}

/// Refuses a payment dated before the commitment it pays.
pub(crate) fn not_before_commitment(
    field: &'static str,
    paid_on: JalaliDate,
    committed_on: JalaliDate,
) -> AppResult<()> {
    if paid_on < committed_on {
        return Err(AppError::invalid(
            field,
            Message::new("dates-paid_before_committed")
                .arg("paid", MessageArg::digits(paid_on))
                .arg("committed", MessageArg::digits(committed_on)),
        ));
    }
    Ok(())
}

/// Turns one day's raw sum on one of a line's accounts (debit positive) into the change of
/// the line's figures.
type ToFigures = fn(i64) -> Option<LineFigures>;

/// A line's history, day by day, from its three accounts' kept days.
pub(crate) async fn line_history(tx: &mut dyn Tx, line: &BudgetLineRow) -> AppResult<LineHistory> {
    let mut changes = Vec::new();
    // The budget and the open commitments are credit-normal, the expense debit-normal.
    let accounts: [(AccountId, ToFigures); 3] = [
        (line.budget_account_id, |raw| {
            Some(LineFigures {
                budget_rials: raw.checked_neg()?,
                ..LineFigures::default()
            })
        }),
        (line.expense_account_id, |raw| {
            Some(LineFigures {
                committed_rials: raw,
                ..LineFigures::default()
            })
        }),
        (line.commitment_account_id, |raw| {
            Some(LineFigures {
                outstanding_rials: raw.checked_neg()?,
                ..LineFigures::default()
            })
        }),
    ];
    for (account, figures_of) in accounts {
        for kept in tx.ledger_account_days(account).await? {
            let day = JalaliDate::from_iso_str(&kept.day)
                .map_err(|_| AppError::Internal(format!("account {account} has a bad day")))?;
            let change = figures_of(kept.amount_rials)
                .ok_or_else(|| AppError::Internal("balance out of range".into()))?;
            changes.push((day, change));
        }
    }
    LineHistory::from_changes(changes)
        .ok_or_else(|| AppError::Internal("line balance out of range".into()))
}

/// Refuses a commitment dated before the line's first allocation.
pub(crate) fn not_before_allocation(
    field: &'static str,
    history: &LineHistory,
    date: JalaliDate,
) -> AppResult<()> {
    match history.first_funded_on() {
        None => Err(AppError::invalid(
            field,
            Message::new("dates-nothing_has_been_allocated_budget"),
        )),
        Some(first) if date < first => Err(AppError::invalid(
            field,
            Message::new("dates-before_first_allocation")
                .arg("date", MessageArg::digits(date))
                .arg("first", MessageArg::digits(first)),
        )),
        Some(_) => Ok(()),
    }
}

/// "On D only X was left on this line": a dated step that does not fit one of its days. The
/// message names the day when it is later than the step's own (the step would break a month
/// end that is already on the books).
pub(crate) fn shortfall_refusal(
    field: &'static str,
    date: JalaliDate,
    shortfall: &Shortfall,
    asked_rials: i64,
    room: fn(&LineFigures) -> i64,
) -> AppError {
    let left = Rials::new(room(&shortfall.figures));
    let asked = Rials::new(asked_rials);
    let id = if shortfall.on == date {
        "dates-shortfall_on_the_day"
    } else {
        "dates-shortfall_on_a_later_day"
    };
    AppError::invalid(
        field,
        Message::new(id)
            .arg("on", MessageArg::digits(shortfall.on))
            .arg("left", MessageArg::Money(left.value()))
            .arg("asked", MessageArg::Money(asked.value())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_defaults_to_today_inside_its_year_and_to_the_years_end_after_it() {
        let year = FiscalYear::new(1405).unwrap();
        let today = JalaliDate::new(1405, 9, 14).unwrap();
        assert_eq!(default_in_year(today, year), today);
        let next_year = JalaliDate::new(1406, 2, 1).unwrap();
        assert_eq!(default_in_year(next_year, year), year.last_day());
        let before = JalaliDate::new(1404, 12, 1).unwrap();
        assert_eq!(default_in_year(before, year), year.first_day());
    }

    #[test]
    fn future_and_early_payment_dates_are_refused_with_their_dates_named() {
        let today = JalaliDate::new(1405, 9, 14).unwrap();
        let tomorrow = today.add_days(1);
        let AppError::Invalid(problems) = not_in_future("paid_on", tomorrow, today).unwrap_err()
        else {
            panic!("not a field error");
        };
        assert_eq!(problems[0].field, "paid_on");
        assert_eq!(problems[0].message.id(), "dates-money_in_future");
        assert_eq!(
            problems[0].message.args()[0],
            ("date", MessageArg::digits("1405/09/15"))
        );
        assert!(not_in_future("paid_on", today, today).is_ok());
        let committed = JalaliDate::new(1405, 4, 1).unwrap();
        assert!(not_before_commitment("paid_on", committed, committed).is_ok());
        let AppError::Invalid(problems) =
            not_before_commitment("paid_on", committed.add_days(-1), committed).unwrap_err()
        else {
            panic!("not a field error");
        };
        assert_eq!(
            problems[0].message.args()[1],
            ("committed", MessageArg::digits("1405/04/01"))
        );
    }
}
