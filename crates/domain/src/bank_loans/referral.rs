//! The referral form (معرفی‌نامه به بانک عامل): which bank (a name typed when it is "other"),
//! the amount in rials, the bank's service fee in basis points — 400, i.e. 4 %, unless the
//! office types another — disclosed to her in rials, the term in Jalali months, the day of
//! the letter, what the loan is for, and up to [`MAX_GUARANTORS`] guarantors, each either a
//! woman of the registry (by her record's id) or a person named with a national id.
//!
//! Everything typed is read here once — Persian, Arabic or Latin digits, thousands
//! separators — and every problem is reported at once, tied to the form's field names. The
//! bounds are there to catch slips of the finger: an amount above [`MAX_AMOUNT_RIALS`] (five
//! billion toman, well above any self-employment loan the banks give) is an extra zero, a fee
//! above 10 % is not a service fee, and no bank lends for more than ten years on these terms.
//! Whether a registry guarantor exists, is in the office's place and is not the borrower
//! herself is the application's to check.

use serde::{Deserialize, Serialize};

use crate::bank_loans::banks::AgentBank;
use crate::digits::to_latin_digits;
use crate::ids::WomanId;
use crate::jalali::JalaliDate;
use crate::message::{Message, MessageArg};
use crate::money::Rials;
use crate::national_id::NationalId;
use crate::person_name::PersonName;
use crate::registry::Problem;
use crate::registry::fields::{Collector, free_text, is_blank, required_code};

/// The largest amount a referral may name: 50 billion rials (5 billion toman).
pub const MAX_AMOUNT_RIALS: i64 = 50_000_000_000;
/// The fee where the office types none: 400 basis points, 4 %.
pub const FEE_BASIS_POINTS_DEFAULT: u16 = 400;
/// The largest fee: 1,000 basis points, 10 %.
pub const MAX_FEE_BASIS_POINTS: u16 = 1_000;
/// The longest term, in months.
pub const MAX_TERM_MONTHS: u8 = 120;
/// The most guarantors a referral names.
pub const MAX_GUARANTORS: usize = 3;
/// The longest note.
pub const MAX_NOTE_CHARS: usize = 1_000;

/// The form fields of each guarantor slot: (registry woman, name, national id).
pub const GUARANTOR_FIELDS: [(&str, &str, &str); MAX_GUARANTORS] = [
    (
        "guarantor_1_woman",
        "guarantor_1_name",
        "guarantor_1_national_id",
    ),
    (
        "guarantor_2_woman",
        "guarantor_2_name",
        "guarantor_2_national_id",
    ),
    (
        "guarantor_3_woman",
        "guarantor_3_name",
        "guarantor_3_national_id",
    ),
];

/// One guarantor as typed: a registry woman's id, or a name and a national id. A slot left
/// blank is no guarantor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GuarantorInput {
    pub woman_id: String,
    pub name: String,
    pub national_id: String,
}

/// A guarantor, read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum GuarantorDraft {
    /// A woman of the registry.
    Registry(WomanId),
    /// Someone outside it.
    Named {
        name: String,
        national_id: NationalId,
    },
}

/// The referral form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReferralInput {
    /// An [`AgentBank`] code or label.
    pub bank: String,
    /// The bank's name; required for "other".
    pub bank_name: String,
    pub amount: String,
    /// Basis points; blank is [`FEE_BASIS_POINTS_DEFAULT`].
    pub fee_basis_points: String,
    pub term_months: String,
    /// The day of the letter; blank is today.
    pub referred_on: String,
    /// What the loan is for, and anything else the bank should know.
    pub note: String,
    pub guarantors: Vec<GuarantorInput>,
}

/// A valid referral.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReferralDraft {
    pub bank: AgentBank,
    /// Empty unless typed (always typed for "other").
    pub bank_name: String,
    pub amount: Rials,
    pub fee_basis_points: u16,
    /// The fee on `amount`, disclosed to her.
    pub fee: Rials,
    pub term_months: u8,
    pub referred_on: JalaliDate,
    pub note: String,
    pub guarantors: Vec<GuarantorDraft>,
}

fn message(id: &'static str) -> Message {
    Message::new(id)
}

impl ReferralDraft {
    /// Checks every field; the letter's day may not be after `today`.
    pub fn parse(input: &ReferralInput, today: JalaliDate) -> Result<ReferralDraft, Vec<Problem>> {
        let mut problems = Collector::default();
        let bank = problems.take(required_code::<AgentBank>("bank", &input.bank));
        let bank_name = problems.take(bank_name(bank, &input.bank_name));
        let amount = problems.take(amount("amount", &input.amount));
        let fee_basis_points = problems.take(fee_basis_points(&input.fee_basis_points));
        let term_months = problems.take(term_months(&input.term_months));
        let referred_on = problems.take(fact_day("referred_on", &input.referred_on, today));
        let note = problems.take(free_text("note", &input.note, MAX_NOTE_CHARS, true));
        let guarantors = guarantors(&input.guarantors, &mut problems);
        problems.finish(|| {
            let (amount, fee_basis_points) = (amount?, fee_basis_points?);
            Some(ReferralDraft {
                bank: bank?,
                bank_name: bank_name?,
                fee: fee_rials(amount, fee_basis_points),
                amount,
                fee_basis_points,
                term_months: term_months?,
                referred_on: referred_on?,
                note: note?,
                guarantors: guarantors?,
            })
        })
    }
}

/// The fee on `amount` at `basis_points` (1/100 of a percent), to the nearest rial, halves
/// rounded up.
pub fn fee_rials(amount: Rials, basis_points: u16) -> Rials {
    let product = i128::from(amount.value()) * i128::from(basis_points);
    let rounded = (product + 5_000).div_euclid(10_000);
    Rials::new(i64::try_from(rounded).unwrap_or(i64::MAX))
}

fn bank_name(bank: Option<AgentBank>, text: &str) -> Result<String, Problem> {
    let name = free_text("bank_name", text, 200, false)?;
    if bank == Some(AgentBank::Other) && name.is_empty() {
        return Err(Problem::new(
            "bank_name",
            message("bank-loans-name_other_bank"),
        ));
    }
    Ok(name)
}

/// A required amount of rials above zero and at most [`MAX_AMOUNT_RIALS`].
pub(crate) fn amount(field: &'static str, text: &str) -> Result<Rials, Problem> {
    if is_blank(text) {
        return Err(Problem::new(field, message("bank-loans-amount_required")));
    }
    let amount = Rials::parse(text).map_err(|error| Problem::from_error(field, &error))?;
    if amount.value() <= 0 {
        return Err(Problem::new(
            field,
            message("bank-loans-amount_not_positive"),
        ));
    }
    if amount.value() > MAX_AMOUNT_RIALS {
        return Err(Problem::new(
            field,
            message("bank-loans-amount_too_large").arg("max", MessageArg::digits(MAX_AMOUNT_RIALS)),
        ));
    }
    Ok(amount)
}

/// A whole number typed in any digits, within `1..=max` (or `0..=max` when `zero`).
fn small_number(
    field: &'static str,
    text: &str,
    max: u16,
    zero: bool,
    id: &'static str,
) -> Result<u16, Problem> {
    let out_of_range = || Problem::new(field, message(id).arg("max", i64::from(max)));
    let number = to_latin_digits(text.trim())
        .parse::<u64>()
        .map_err(|_| out_of_range())?;
    match u16::try_from(number) {
        Ok(value) if value <= max && (zero || value > 0) => Ok(value),
        _ => Err(out_of_range()),
    }
}

fn fee_basis_points(text: &str) -> Result<u16, Problem> {
    if is_blank(text) {
        return Ok(FEE_BASIS_POINTS_DEFAULT);
    }
    small_number(
        "fee_basis_points",
        text,
        MAX_FEE_BASIS_POINTS,
        true,
        "bank-loans-fee_out_of_range",
    )
}

fn term_months(text: &str) -> Result<u8, Problem> {
    if is_blank(text) {
        return Err(Problem::new(
            "term_months",
            message("bank-loans-term_required"),
        ));
    }
    let months = small_number(
        "term_months",
        text,
        u16::from(MAX_TERM_MONTHS),
        false,
        "bank-loans-term_out_of_range",
    )?;
    Ok(u8::try_from(months).unwrap_or(MAX_TERM_MONTHS))
}

/// The day a fact happened: typed in any digits, not after `today`; blank is `today`.
pub(crate) fn fact_day(
    field: &'static str,
    text: &str,
    today: JalaliDate,
) -> Result<JalaliDate, Problem> {
    if is_blank(text) {
        return Ok(today);
    }
    let day = JalaliDate::parse(text).map_err(|error| Problem::new(field, error.message()))?;
    if day > today {
        return Err(Problem::new(field, message("bank-loans-day_after_today")));
    }
    Ok(day)
}

fn guarantors(inputs: &[GuarantorInput], problems: &mut Collector) -> Option<Vec<GuarantorDraft>> {
    let filled: Vec<(usize, &GuarantorInput)> = inputs
        .iter()
        .enumerate()
        .filter(|(_, g)| !(is_blank(&g.woman_id) && is_blank(&g.name) && is_blank(&g.national_id)))
        .collect();
    if inputs.len() > MAX_GUARANTORS {
        problems.take::<()>(Err(Problem::new(
            "guarantors",
            message("bank-loans-too_many_guarantors")
                .arg("max", MessageArg::digits(MAX_GUARANTORS)),
        )));
        return None;
    }
    let mut drafts = Vec::new();
    let mut whole = true;
    for (slot, input) in filled {
        match problems.take(guarantor(slot, input)) {
            Some(draft) if drafts.contains(&draft) => {
                whole = false;
                problems.take::<()>(Err(Problem::new(
                    GUARANTOR_FIELDS[slot].0,
                    message("bank-loans-guarantor_twice"),
                )));
            }
            Some(draft) => drafts.push(draft),
            None => whole = false,
        }
    }
    whole.then_some(drafts)
}

fn guarantor(slot: usize, input: &GuarantorInput) -> Result<GuarantorDraft, Problem> {
    let (woman_field, name_field, id_field) = GUARANTOR_FIELDS[slot];
    if !is_blank(&input.woman_id) {
        return to_latin_digits(input.woman_id.trim())
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(|id| GuarantorDraft::Registry(WomanId::new(id)))
            .ok_or_else(|| {
                Problem::new(woman_field, message("bank-loans-guarantor_woman_unknown"))
            });
    }
    if is_blank(&input.name) {
        return Err(Problem::new(
            name_field,
            message("bank-loans-guarantor_name_required"),
        ));
    }
    if is_blank(&input.national_id) {
        return Err(Problem::new(
            id_field,
            message("bank-loans-guarantor_national_id_required"),
        ));
    }
    let name =
        PersonName::parse(&input.name).map_err(|error| Problem::from_error(name_field, &error))?;
    let national_id = NationalId::parse(&input.national_id)
        .map_err(|error| Problem::from_error(id_field, &error))?;
    Ok(GuarantorDraft::Named {
        name: name.as_str().to_owned(),
        national_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> JalaliDate {
        JalaliDate::new(1405, 9, 8).unwrap()
    }

    fn input() -> ReferralInput {
        ReferralInput {
            bank: "mehr_iran".into(),
            amount: "۲۰۰٬۰۰۰٬۰۰۰".into(),
            term_months: "۳۶".into(),
            referred_on: "۱۴۰۵/۰۹/۰۱".into(),
            note: "خرید چرخ خیاطی".into(),
            guarantors: vec![
                GuarantorInput {
                    name: "زهرا احمدی".into(),
                    national_id: "0013542419".into(),
                    ..GuarantorInput::default()
                },
                GuarantorInput {
                    woman_id: "۱۲".into(),
                    ..GuarantorInput::default()
                },
                GuarantorInput::default(),
            ],
            ..ReferralInput::default()
        }
    }

    #[test]
    fn a_referral_typed_in_persian_digits_reads_with_the_default_four_percent_fee() {
        let draft = ReferralDraft::parse(&input(), today()).unwrap();
        assert_eq!(draft.bank, AgentBank::MehrIran);
        assert_eq!(draft.amount, Rials::new(200_000_000));
        assert_eq!(draft.fee_basis_points, 400);
        assert_eq!(draft.fee, Rials::new(8_000_000));
        assert_eq!(draft.term_months, 36);
        assert_eq!(draft.referred_on, JalaliDate::new(1405, 9, 1).unwrap());
        assert_eq!(draft.guarantors.len(), 2, "the blank slot is no guarantor");
        assert_eq!(
            draft.guarantors[1],
            GuarantorDraft::Registry(WomanId::new(12))
        );
    }

    #[test]
    fn the_fee_is_rounded_to_the_nearest_rial_and_a_blank_day_is_today() {
        assert_eq!(fee_rials(Rials::new(12_345), 400), Rials::new(494));
        assert_eq!(fee_rials(Rials::new(12_500), 400), Rials::new(500));
        assert_eq!(
            fee_rials(Rials::new(MAX_AMOUNT_RIALS), 1_000),
            Rials::new(5_000_000_000)
        );
        let typed = ReferralInput {
            referred_on: String::new(),
            fee_basis_points: "۲۵۰".into(),
            ..input()
        };
        let draft = ReferralDraft::parse(&typed, today()).unwrap();
        assert_eq!(draft.referred_on, today());
        assert_eq!(draft.fee, Rials::new(5_000_000));
    }

    #[test]
    fn every_problem_is_reported_at_once_against_its_field() {
        let bad = ReferralInput {
            bank: "other".into(),
            amount: "0".into(),
            fee_basis_points: "1500".into(),
            term_months: "121".into(),
            referred_on: "1405/10/01".into(),
            guarantors: vec![GuarantorInput {
                name: "مریم".into(),
                national_id: "0013542418".into(),
                ..GuarantorInput::default()
            }],
            ..ReferralInput::default()
        };
        let problems = ReferralDraft::parse(&bad, today()).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "bank_name",
                "amount",
                "fee_basis_points",
                "term_months",
                "referred_on",
                "guarantor_1_national_id"
            ]
        );
        assert_eq!(problems[1].message.id(), "bank-loans-amount_not_positive");
        assert_eq!(problems[4].message.id(), "bank-loans-day_after_today");
    }

    #[test]
    fn an_amount_past_the_bound_and_a_missing_term_are_refused() {
        let typed = ReferralInput {
            amount: "60,000,000,000".into(),
            term_months: " ".into(),
            ..input()
        };
        let problems = ReferralDraft::parse(&typed, today()).unwrap_err();
        assert_eq!(problems[0].message.id(), "bank-loans-amount_too_large");
        assert_eq!(problems[1].message.id(), "bank-loans-term_required");
    }

    #[test]
    fn guarantors_are_bounded_whole_and_not_repeated() {
        let four = ReferralInput {
            guarantors: vec![GuarantorInput::default(); 4],
            ..input()
        };
        let problems = ReferralDraft::parse(&four, today()).unwrap_err();
        assert_eq!(problems[0].field, "guarantors");
        let twice = ReferralInput {
            guarantors: vec![
                GuarantorInput {
                    woman_id: "7".into(),
                    ..GuarantorInput::default()
                };
                2
            ],
            ..input()
        };
        let problems = ReferralDraft::parse(&twice, today()).unwrap_err();
        assert_eq!(problems[0].field, "guarantor_2_woman");
        assert_eq!(problems[0].message.id(), "bank-loans-guarantor_twice");
        let half = ReferralInput {
            guarantors: vec![GuarantorInput {
                name: "زهرا احمدی".into(),
                ..GuarantorInput::default()
            }],
            ..input()
        };
        let problems = ReferralDraft::parse(&half, today()).unwrap_err();
        assert_eq!(problems[0].field, "guarantor_1_national_id");
        let unknown = ReferralInput {
            guarantors: vec![GuarantorInput {
                woman_id: "x".into(),
                ..GuarantorInput::default()
            }],
            ..input()
        };
        assert_eq!(
            ReferralDraft::parse(&unknown, today()).unwrap_err()[0]
                .message
                .id(),
            "bank-loans-guarantor_woman_unknown"
        );
    }
}
