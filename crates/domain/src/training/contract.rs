//! A training provider's contract (issue 18): its number, the day it was signed, the period
//! it covers, the amount in rials and the budget line that pays it. The rules that need no
//! database live here — a period that does not run backwards, an amount above zero, a line
//! that pays for training (a training or job-preparation line) of the provider's own province
//! and of a fiscal year the period touches — and so does the arithmetic of what is left
//! ([`ContractBalance`]), so the provider's page, the run's warning and the tests share one
//! definition. What was spent is never typed: the caller reads it from the payments the ledger
//! paid for the provider's runs from the contract's line within its period.

use crate::budget::BudgetCategory;
use crate::ids::PlaceId;
use crate::message::Message;
use crate::registry::Problem;
use crate::{JalaliDate, Rials};

/// The longest contract number kept.
const MAX_NUMBER_CHARS: usize = 50;
/// The longest note kept.
const MAX_NOTE_CHARS: usize = 1000;

/// A contract as typed in the form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContractDraft {
    pub contract_no: String,
    pub signed_on: String,
    pub period_from: String,
    pub period_to: String,
    /// Rials, as typed (Persian, Arabic or Latin digits, separators allowed).
    pub amount: String,
    pub note: String,
}

/// A contract's terms once every field has been read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractTerms {
    pub contract_no: String,
    pub signed_on: JalaliDate,
    pub period_from: JalaliDate,
    pub period_to: JalaliDate,
    pub amount_rials: i64,
    pub note: String,
}

fn problem(field: &'static str, key: &'static str) -> Problem {
    Problem::new(field, Message::new(key))
}

fn date(field: &'static str, text: &str, problems: &mut Vec<Problem>) -> Option<JalaliDate> {
    if text.trim().is_empty() {
        problems.push(problem(field, "training-plans-date_required"));
        return None;
    }
    JalaliDate::parse(text)
        .map_err(|error| problems.push(Problem::from_error(field, &error)))
        .ok()
}

impl ContractDraft {
    /// The terms, or every problem of the form at once.
    pub fn parse(&self) -> Result<ContractTerms, Vec<Problem>> {
        let mut problems = Vec::new();
        let contract_no =
            crate::persian_letters(crate::to_latin_digits(self.contract_no.trim()).as_str());
        if contract_no.is_empty() {
            problems.push(problem(
                "contract_no",
                "training-plans-contract_no_required",
            ));
        } else if contract_no.chars().count() > MAX_NUMBER_CHARS {
            problems.push(problem("contract_no", "training-plans-too_long"));
        }
        let signed_on = date("signed_on", &self.signed_on, &mut problems);
        let period_from = date("period_from", &self.period_from, &mut problems);
        let period_to = date("period_to", &self.period_to, &mut problems);
        if let (Some(from), Some(to)) = (period_from, period_to)
            && to < from
        {
            problems.push(problem("period_to", "training-plans-period_backwards"));
        }
        let amount_rials = match Rials::parse(&self.amount) {
            Ok(amount) if amount.value() > 0 => Some(amount.value()),
            Ok(_) => {
                problems.push(problem("amount", "training-plans-amount_above_zero"));
                None
            }
            Err(error) => {
                problems.push(Problem::from_error("amount", &error));
                None
            }
        };
        let note = crate::persian_letters(self.note.trim());
        if note.chars().count() > MAX_NOTE_CHARS {
            problems.push(problem("note", "training-plans-too_long"));
        }
        match (signed_on, period_from, period_to, amount_rials) {
            (Some(signed_on), Some(period_from), Some(period_to), Some(amount_rials))
                if problems.is_empty() =>
            {
                Ok(ContractTerms {
                    contract_no,
                    signed_on,
                    period_from,
                    period_to,
                    amount_rials,
                    note,
                })
            }
            _ => Err(problems),
        }
    }
}

/// What the contract's line must be: a line that pays for training (training or job
/// preparation) of the provider's province — a county's share of it too, since the provider
/// teaches anywhere in its province — of a fiscal year the period touches (a line pays only
/// in its own year, so a period outside it could never be spent).
pub fn line_may_pay(
    terms: &ContractTerms,
    category: BudgetCategory,
    line_province: PlaceId,
    line_fiscal_year: i32,
    provider_province: PlaceId,
) -> Result<(), Problem> {
    if !matches!(
        category,
        BudgetCategory::Training | BudgetCategory::JobPreparation
    ) {
        return Err(problem(
            "budget_line_id",
            "training-plans-line_not_training",
        ));
    }
    if line_province != provider_province {
        return Err(problem(
            "budget_line_id",
            "training-plans-line_of_another_province",
        ));
    }
    let years = terms.period_from.year()..=terms.period_to.year();
    if !years.contains(&line_fiscal_year) {
        return Err(problem("budget_line_id", "training-plans-line_other_year"));
    }
    Ok(())
}

/// A contract's money: its amount, what the ledger paid under it, what is proposed or
/// approved but not yet paid, and what is left.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ContractBalance {
    pub amount_rials: i64,
    /// Payments *paid* for the provider's runs from the contract's line within its period.
    pub paid_rials: i64,
    /// Payments of the same kind still proposed or approved.
    pub pending_rials: i64,
    /// The amount less what was paid; below zero when the contract was overspent.
    pub remaining_rials: i64,
}

impl ContractBalance {
    /// The balance of a contract of `amount_rials` with `paid_rials` paid and
    /// `pending_rials` waiting (saturating: sums of real payments never come near the bound).
    pub fn of(amount_rials: i64, paid_rials: i64, pending_rials: i64) -> Self {
        ContractBalance {
            amount_rials,
            paid_rials,
            pending_rials,
            remaining_rials: amount_rials.saturating_sub(paid_rials),
        }
    }

    /// Whether paying everything now waiting would pass the contract's amount.
    pub fn pending_exceeds(&self) -> bool {
        self.paid_rials.saturating_add(self.pending_rials) > self.amount_rials
    }

    /// Whether the ledger already paid more than the contract's amount.
    pub fn overspent(&self) -> bool {
        self.remaining_rials < 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ContractDraft {
        ContractDraft {
            contract_no: "۱۴۰۵/۱۲۳".into(),
            signed_on: "1405/06/20".into(),
            period_from: "۱۴۰۵/۰۷/۰۱".into(),
            period_to: "1405/12/29".into(),
            amount: "۲۰۰٬۰۰۰٬۰۰۰".into(),
            note: " قرارداد خیاطی ".into(),
        }
    }

    fn fields(problems: &[Problem]) -> Vec<&'static str> {
        problems.iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_contract_is_read_with_persian_digits_and_separators() {
        let terms = draft().parse().unwrap();
        assert_eq!(terms.contract_no, "1405/123");
        assert_eq!(terms.amount_rials, 200_000_000);
        assert_eq!(terms.period_from, JalaliDate::parse("1405/07/01").unwrap());
        assert_eq!(terms.note, "قرارداد خیاطی");
    }

    #[test]
    fn every_problem_of_the_form_is_named_at_once() {
        let bad = ContractDraft {
            contract_no: " ".into(),
            signed_on: "1405/13/01".into(),
            period_from: "1405/12/01".into(),
            period_to: "1405/07/01".into(),
            amount: "0".into(),
            note: String::new(),
        };
        assert_eq!(
            fields(&bad.parse().unwrap_err()),
            vec!["contract_no", "signed_on", "period_to", "amount"]
        );
        let decimal = ContractDraft {
            amount: "12.5".into(),
            ..draft()
        };
        assert_eq!(fields(&decimal.parse().unwrap_err()), vec!["amount"]);
    }

    #[test]
    fn only_a_training_line_of_the_providers_province_and_year_pays_a_contract() {
        let terms = draft().parse().unwrap();
        let (qazvin, tehran) = (PlaceId::new(2), PlaceId::new(3));
        assert!(line_may_pay(&terms, BudgetCategory::Training, qazvin, 1405, qazvin).is_ok());
        assert!(line_may_pay(&terms, BudgetCategory::JobPreparation, qazvin, 1405, qazvin).is_ok());
        let refused = |category, province, year| {
            line_may_pay(&terms, category, province, year, qazvin)
                .unwrap_err()
                .message
                .id()
                .to_owned()
        };
        assert_eq!(
            refused(BudgetCategory::Grant, qazvin, 1405),
            "training-plans-line_not_training"
        );
        assert_eq!(
            refused(BudgetCategory::Training, tehran, 1405),
            "training-plans-line_of_another_province"
        );
        assert_eq!(
            refused(BudgetCategory::Training, qazvin, 1404),
            "training-plans-line_other_year"
        );
    }

    #[test]
    fn what_is_left_is_the_amount_less_what_was_paid() {
        let balance = ContractBalance::of(100, 60, 30);
        assert_eq!(balance.remaining_rials, 40);
        assert!(!balance.pending_exceeds());
        let tight = ContractBalance::of(100, 60, 41);
        assert!(tight.pending_exceeds());
        assert!(!tight.overspent());
        assert!(ContractBalance::of(100, 120, 0).overspent());
    }
}
