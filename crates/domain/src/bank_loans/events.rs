//! The forms of what happens to a referral after the letter: the bank's decision (approved,
//! perhaps for less than was asked, or refused), the disbursement (the day and the amount
//! paid out), an instalment paid (its day and amount) and a closing (default, settlement or
//! withdrawal: its day and a note). Each is read here from what was typed; the days are facts
//! — when it happened, not when someone typed it — never after today and never before the
//! step they follow (the caller passes that day as `after`).

use serde::{Deserialize, Serialize};

use crate::bank_loans::referral::{MAX_NOTE_CHARS, amount, fact_day};
use crate::jalali::JalaliDate;
use crate::message::Message;
use crate::money::Rials;
use crate::registry::Problem;
use crate::registry::fields::{Collector, free_text, is_blank};

/// A form of one of the steps, as typed. Which fields count depends on the step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepInput {
    /// The decision: `approved` or `refused`.
    pub decision: String,
    /// The day it happened; blank is today.
    pub on: String,
    /// The amount (approved, disbursed or paid); blank takes the default of the step.
    pub amount: String,
    pub note: String,
}

/// The bank's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionDraft {
    pub approved: bool,
    pub decided_on: JalaliDate,
    /// What the bank agreed to lend (approved only).
    pub approved_amount: Option<Rials>,
    pub note: String,
}

/// The loan paid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisbursementDraft {
    pub disbursed_on: JalaliDate,
    pub amount: Rials,
}

/// One instalment paid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentDraft {
    pub paid_on: JalaliDate,
    pub amount: Rials,
    pub note: String,
}

/// A default, a settlement or a withdrawal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClosingDraft {
    pub on: JalaliDate,
    pub note: String,
}

/// A fact's day, not before `after` (the step it follows).
fn day_after(
    field: &'static str,
    text: &str,
    today: JalaliDate,
    after: JalaliDate,
) -> Result<JalaliDate, Problem> {
    let day = fact_day(field, text, today)?;
    if day < after {
        return Err(Problem::new(
            field,
            Message::new("bank-loans-day_before_previous_step"),
        ));
    }
    Ok(day)
}

/// An amount that may be left blank for `default`, at most `ceiling`.
fn amount_up_to(
    text: &str,
    default: Option<Rials>,
    ceiling: Rials,
    over: &'static str,
) -> Result<Rials, Problem> {
    let value = match default {
        Some(value) if is_blank(text) => value,
        _ => amount("amount", text)?,
    };
    if value > ceiling {
        return Err(Problem::new("amount", Message::new(over)));
    }
    Ok(value)
}

fn note(text: &str) -> Result<String, Problem> {
    free_text("note", text, MAX_NOTE_CHARS, true)
}

impl DecisionDraft {
    /// The bank's decision on a referral of `asked` rials made on `referred_on`; an approval
    /// for a blank amount is for what was asked, and never for more.
    pub fn parse(
        input: &StepInput,
        today: JalaliDate,
        referred_on: JalaliDate,
        asked: Rials,
    ) -> Result<DecisionDraft, Vec<Problem>> {
        let mut problems = Collector::default();
        let approved = problems.take(match input.decision.trim() {
            "approved" => Ok(true),
            "refused" => Ok(false),
            _ => Err(Problem::new(
                "decision",
                Message::new("bank-loans-choose_decision"),
            )),
        });
        let decided_on = problems.take(day_after("on", &input.on, today, referred_on));
        let approved_amount = match approved {
            Some(true) => problems
                .take(amount_up_to(
                    &input.amount,
                    Some(asked),
                    asked,
                    "bank-loans-approved_more_than_asked",
                ))
                .map(Some),
            _ => Some(None),
        };
        let note = problems.take(note(&input.note));
        problems.finish(|| {
            Some(DecisionDraft {
                approved: approved?,
                decided_on: decided_on?,
                approved_amount: approved_amount?,
                note: note?,
            })
        })
    }
}

impl DisbursementDraft {
    /// The bank paid out, on a day not before its decision, at most what it approved (blank:
    /// all of it).
    pub fn parse(
        input: &StepInput,
        today: JalaliDate,
        decided_on: JalaliDate,
        approved: Rials,
    ) -> Result<DisbursementDraft, Vec<Problem>> {
        let mut problems = Collector::default();
        let disbursed_on = problems.take(day_after("on", &input.on, today, decided_on));
        let amount = problems.take(amount_up_to(
            &input.amount,
            Some(approved),
            approved,
            "bank-loans-disbursed_more_than_approved",
        ));
        problems.finish(|| {
            Some(DisbursementDraft {
                disbursed_on: disbursed_on?,
                amount: amount?,
            })
        })
    }
}

impl PaymentDraft {
    /// An instalment paid on a day not before `since` (the disbursement), of at most what she
    /// still owes.
    pub fn parse(
        input: &StepInput,
        today: JalaliDate,
        since: JalaliDate,
        owed: Rials,
    ) -> Result<PaymentDraft, Vec<Problem>> {
        let mut problems = Collector::default();
        let paid_on = problems.take(day_after("on", &input.on, today, since));
        let amount = problems.take(amount_up_to(
            &input.amount,
            None,
            owed,
            "bank-loans-paid_more_than_owed",
        ));
        let note = problems.take(note(&input.note));
        problems.finish(|| {
            Some(PaymentDraft {
                paid_on: paid_on?,
                amount: amount?,
                note: note?,
            })
        })
    }
}

impl ClosingDraft {
    /// A closing on a day not before `since` (the referral's last fact); `note_required` for
    /// a withdrawal, which must say why.
    pub fn parse(
        input: &StepInput,
        today: JalaliDate,
        since: JalaliDate,
        note_required: bool,
    ) -> Result<ClosingDraft, Vec<Problem>> {
        let mut problems = Collector::default();
        let on = problems.take(day_after("on", &input.on, today, since));
        let note = problems.take(note(&input.note).and_then(|text| {
            if note_required && text.is_empty() {
                Err(Problem::new(
                    "note",
                    Message::new("bank-loans-reason_required"),
                ))
            } else {
                Ok(text)
            }
        }));
        problems.finish(|| {
            Some(ClosingDraft {
                on: on?,
                note: note?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(month: u8, day: u8) -> JalaliDate {
        JalaliDate::new(1405, month, day).unwrap()
    }

    fn typed(decision: &str, on: &str, amount: &str) -> StepInput {
        StepInput {
            decision: decision.into(),
            on: on.into(),
            amount: amount.into(),
            note: String::new(),
        }
    }

    #[test]
    fn an_approval_is_for_what_was_asked_unless_the_bank_gave_less() {
        let asked = Rials::new(200_000_000);
        let draft = DecisionDraft::parse(
            &typed("approved", "۱۴۰۵/۰۸/۱۰", ""),
            day(9, 8),
            day(8, 1),
            asked,
        )
        .unwrap();
        assert!(draft.approved);
        assert_eq!(draft.approved_amount, Some(asked));
        let less = DecisionDraft::parse(
            &typed("approved", "", "150000000"),
            day(9, 8),
            day(8, 1),
            asked,
        )
        .unwrap();
        assert_eq!(less.approved_amount, Some(Rials::new(150_000_000)));
        assert_eq!(less.decided_on, day(9, 8));
        let refused =
            DecisionDraft::parse(&typed("refused", "", "abc"), day(9, 8), day(8, 1), asked)
                .unwrap();
        assert_eq!(
            refused.approved_amount, None,
            "a refusal's amount is not read"
        );
    }

    #[test]
    fn a_decision_needs_its_choice_a_day_after_the_letter_and_no_more_than_asked() {
        let asked = Rials::new(200_000_000);
        let problems = DecisionDraft::parse(
            &typed("maybe", "1405/07/30", ""),
            day(9, 8),
            day(8, 1),
            asked,
        )
        .unwrap_err();
        let ids: Vec<_> = problems.iter().map(|p| p.message.id()).collect();
        assert_eq!(
            ids,
            [
                "bank-loans-choose_decision",
                "bank-loans-day_before_previous_step"
            ]
        );
        let problems = DecisionDraft::parse(
            &typed("approved", "1405/09/09", "300000000"),
            day(9, 8),
            day(8, 1),
            asked,
        )
        .unwrap_err();
        let ids: Vec<_> = problems.iter().map(|p| p.message.id()).collect();
        assert_eq!(
            ids,
            [
                "bank-loans-day_after_today",
                "bank-loans-approved_more_than_asked"
            ]
        );
    }

    #[test]
    fn a_disbursement_and_a_payment_stay_within_what_was_approved_and_owed() {
        let approved = Rials::new(100);
        let paid =
            DisbursementDraft::parse(&typed("", "", ""), day(9, 8), day(9, 1), approved).unwrap();
        assert_eq!(paid.amount, approved);
        assert!(
            DisbursementDraft::parse(&typed("", "", "101"), day(9, 8), day(9, 1), approved)
                .is_err()
        );
        let payment = PaymentDraft::parse(
            &typed("", "1405/09/05", "40"),
            day(9, 8),
            day(9, 1),
            Rials::new(40),
        )
        .unwrap();
        assert_eq!(payment.amount, Rials::new(40));
        let problems =
            PaymentDraft::parse(&typed("", "", ""), day(9, 8), day(9, 1), Rials::new(40))
                .unwrap_err();
        assert_eq!(problems[0].message.id(), "bank-loans-amount_required");
        let problems =
            PaymentDraft::parse(&typed("", "", "41"), day(9, 8), day(9, 1), Rials::new(40))
                .unwrap_err();
        assert_eq!(problems[0].message.id(), "bank-loans-paid_more_than_owed");
    }

    #[test]
    fn a_withdrawal_says_why_and_other_closings_need_not() {
        let blank = typed("", "", "");
        let problems = ClosingDraft::parse(&blank, day(9, 8), day(9, 1), true).unwrap_err();
        assert_eq!(problems[0].message.id(), "bank-loans-reason_required");
        let closing = ClosingDraft::parse(&blank, day(9, 8), day(9, 1), false).unwrap();
        assert_eq!(closing.on, day(9, 8));
    }
}
