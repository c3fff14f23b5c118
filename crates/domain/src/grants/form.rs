//! The grant form as typed: a purpose, a total and up to [`MAX_TRANCHES`] tranche rows, each
//! with an amount, a planned Jalali date and its release conditions. Amounts accept Persian
//! and Arabic digits and thousands separators; rows left wholly empty are ignored (the page
//! offers more rows than most grants need). The tranches must sum to the total, so what is
//! approved piece by piece can never add up to more than what was proposed.

use crate::JalaliDate;
use crate::message::{Message, MessageArg};
use crate::money::Rials;
use crate::registry::Problem;

use super::conditions::{
    Condition, ConditionCode, DEFAULT_TRAINED_SHARE, DEFAULT_VISIT_DAYS, MAX_TRAINED_SHARE,
    MAX_VISIT_DAYS,
};

/// The most tranches one grant may have.
pub const MAX_TRANCHES: usize = 6;
/// The longest purpose kept.
const MAX_PURPOSE_CHARS: usize = 500;

const AMOUNT_FIELDS: [&str; MAX_TRANCHES] = [
    "tranche_1_amount",
    "tranche_2_amount",
    "tranche_3_amount",
    "tranche_4_amount",
    "tranche_5_amount",
    "tranche_6_amount",
];
const DATE_FIELDS: [&str; MAX_TRANCHES] = [
    "tranche_1_planned_on",
    "tranche_2_planned_on",
    "tranche_3_planned_on",
    "tranche_4_planned_on",
    "tranche_5_planned_on",
    "tranche_6_planned_on",
];
const CONDITION_FIELDS: [&str; MAX_TRANCHES] = [
    "tranche_1_conditions",
    "tranche_2_conditions",
    "tranche_3_conditions",
    "tranche_4_conditions",
    "tranche_5_conditions",
    "tranche_6_conditions",
];

/// One tranche row as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrancheFormInput {
    pub amount: String,
    pub planned_on: String,
    /// Condition codes (or labels) ticked for this tranche.
    pub conditions: Vec<String>,
    /// The visit window in days for `visited_recently`; empty means the default.
    pub visit_days: String,
    /// The share of members (percent) for `training_completed`; empty means the default.
    pub training_share: String,
}

impl TrancheFormInput {
    fn is_blank(&self) -> bool {
        self.amount.trim().is_empty()
            && self.planned_on.trim().is_empty()
            && self.conditions.is_empty()
    }
}

/// The money part of a grant form (the line and the recipient are chosen from the database).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GrantFormInput {
    pub purpose: String,
    pub total: String,
    pub tranches: Vec<TrancheFormInput>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrancheDraft {
    /// 1, 2, … in the order of the form.
    pub seq: u32,
    pub amount_rials: i64,
    pub planned_on: JalaliDate,
    pub conditions: Vec<Condition>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantDraft {
    pub purpose: String,
    pub total_rials: i64,
    pub tranches: Vec<TrancheDraft>,
}

fn positive_rials(field: &'static str, text: &str, problems: &mut Vec<Problem>) -> Option<i64> {
    match Rials::parse(text) {
        Ok(rials) if rials.value() > 0 => Some(rials.value()),
        Ok(_) => {
            problems.push(Problem::new(
                field,
                Message::new("propose-amount_more_than_zero"),
            ));
            None
        }
        Err(error) => {
            problems.push(Problem::new(field, error.message()));
            None
        }
    }
}

fn parse_conditions(
    index: usize,
    row: &TrancheFormInput,
    problems: &mut Vec<Problem>,
) -> Vec<Condition> {
    let field = CONDITION_FIELDS[index];
    let mut conditions: Vec<Condition> = Vec::new();
    for text in &row.conditions {
        let Some(code) = ConditionCode::parse(text) else {
            problems.push(Problem::new(field, Message::new("form-unknown_condition")));
            continue;
        };
        if conditions.iter().any(|c| c.code == code) {
            continue;
        }
        let mut condition = Condition::new(code);
        if code == ConditionCode::VisitedRecently {
            // The window is stored with the tranche, so a later change of the default does
            // not change what was proposed.
            condition.days = Some(DEFAULT_VISIT_DAYS);
        }
        if code == ConditionCode::VisitedRecently && !row.visit_days.trim().is_empty() {
            match crate::to_latin_digits(row.visit_days.trim()).parse::<u32>() {
                Ok(days) if (1..=MAX_VISIT_DAYS).contains(&days) => condition.days = Some(days),
                _ => problems.push(Problem::new(
                    field,
                    Message::new("form-visit_days_out_of_range").arg("max", MAX_VISIT_DAYS),
                )),
            }
        }
        if code == ConditionCode::TrainingCompleted {
            // Stored with the tranche, as the visit window is.
            condition.share = Some(DEFAULT_TRAINED_SHARE);
            if let Some(share) = typed_share(&row.training_share) {
                match share {
                    Some(percent) => condition.share = Some(percent),
                    None => problems.push(Problem::new(
                        field,
                        Message::new("form-training_share_out_of_range")
                            .arg("max", MAX_TRAINED_SHARE),
                    )),
                }
            }
        }
        conditions.push(condition);
    }
    conditions
}

/// The share as typed: `None` when left empty, `Some(None)` when it is not a whole percent
/// from 1 to 100. Persian and Arabic digits and a trailing percent sign are accepted.
fn typed_share(text: &str) -> Option<Option<u32>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let digits = crate::to_latin_digits(text);
    let digits = digits.trim_end_matches(['%', '٪']).trim();
    Some(
        digits
            .parse::<u32>()
            .ok()
            .filter(|percent| (1..=MAX_TRAINED_SHARE).contains(percent)),
    )
}

fn parse_tranche(
    index: usize,
    row: &TrancheFormInput,
    problems: &mut Vec<Problem>,
) -> Option<TrancheDraft> {
    let amount = positive_rials(AMOUNT_FIELDS[index], &row.amount, problems);
    let planned_on = match JalaliDate::parse(&row.planned_on) {
        Ok(date) => Some(date),
        Err(error) => {
            problems.push(Problem::new(DATE_FIELDS[index], error.message()));
            None
        }
    };
    let conditions = parse_conditions(index, row, problems);
    Some(TrancheDraft {
        seq: u32::try_from(index + 1).ok()?,
        amount_rials: amount?,
        planned_on: planned_on?,
        conditions,
    })
}

/// Checks a grant form; every problem is named with its field.
pub fn parse_grant_form(input: &GrantFormInput) -> Result<GrantDraft, Vec<Problem>> {
    let mut problems = Vec::new();
    let purpose = crate::letters::persian_letters(input.purpose.trim());
    if purpose.is_empty() {
        problems.push(Problem::new(
            "purpose",
            Message::new("form-write_what_grant"),
        ));
    } else if purpose.chars().count() > MAX_PURPOSE_CHARS {
        problems.push(Problem::new(
            "purpose",
            Message::new("form-purpose_longer_than_500_characters"),
        ));
    }
    let total = positive_rials("total", &input.total, &mut problems);
    let rows: Vec<(usize, &TrancheFormInput)> = input
        .tranches
        .iter()
        .filter(|row| !row.is_blank())
        .enumerate()
        .collect();
    if rows.is_empty() {
        problems.push(Problem::new(
            "tranches",
            Message::new("form-at_least_one_tranche_needed"),
        ));
    }
    if rows.len() > MAX_TRANCHES {
        problems.push(Problem::new(
            "tranches",
            Message::new("form-too_many_tranches").arg("max", MAX_TRANCHES),
        ));
        return Err(problems);
    }
    let tranches: Vec<Option<TrancheDraft>> = rows
        .iter()
        .map(|(index, row)| parse_tranche(*index, row, &mut problems))
        .collect();
    let tranches: Option<Vec<TrancheDraft>> = tranches.into_iter().collect();
    if let (Some(total), Some(tranches)) = (total, &tranches) {
        let sum = tranches
            .iter()
            .try_fold(0_i64, |sum, t| sum.checked_add(t.amount_rials));
        if sum != Some(total) && !tranches.is_empty() {
            // A sum too large to add up shows as a dash.
            let sum = sum.map_or_else(|| MessageArg::Text("—".to_owned()), MessageArg::Money);
            problems.push(Problem::new(
                "tranches",
                Message::new("form-tranches_sum_differs")
                    .arg("sum", sum)
                    .arg("total", MessageArg::Money(total)),
            ));
        }
    }
    match (problems.is_empty(), total, tranches) {
        (true, Some(total_rials), Some(tranches)) => Ok(GrantDraft {
            purpose,
            total_rials,
            tranches,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(amount: &str, on: &str, conditions: &[&str]) -> TrancheFormInput {
        TrancheFormInput {
            amount: amount.into(),
            planned_on: on.into(),
            conditions: conditions.iter().map(|c| (*c).to_owned()).collect(),
            visit_days: String::new(),
            training_share: String::new(),
        }
    }

    fn form(total: &str, tranches: Vec<TrancheFormInput>) -> GrantFormInput {
        GrantFormInput {
            purpose: "سرمایه کار خیاطی".into(),
            total: total.into(),
            tranches,
        }
    }

    fn fields(result: Result<GrantDraft, Vec<Problem>>) -> Vec<&'static str> {
        result.unwrap_err().iter().map(|p| p.field).collect()
    }

    #[test]
    fn two_tranches_in_persian_digits_make_a_grant() {
        let draft = parse_grant_form(&form(
            "۳۰۰٬۰۰۰٬۰۰۰",
            vec![
                row(
                    "۱۵۰٬۰۰۰٬۰۰۰",
                    "۱۴۰۵/۰۹/۱۰",
                    &["group_registered", "training_completed"],
                ),
                row(
                    "150,000,000",
                    "1405/12/01",
                    &["previous_tranche_paid", "visited_recently"],
                ),
                row("", "", &[]),
            ],
        ))
        .unwrap();
        assert_eq!(draft.total_rials, 300_000_000);
        assert_eq!(draft.tranches.len(), 2);
        assert_eq!(draft.tranches[1].seq, 2);
        assert_eq!(
            draft.tranches[1].conditions[1],
            Condition::visited_within(90)
        );
        assert_eq!(draft.tranches[1].conditions[1].visit_days(), 90);
        // The share is stored with the tranche, even when the form left it empty.
        assert_eq!(
            draft.tranches[0].conditions[1],
            Condition::trained_share(DEFAULT_TRAINED_SHARE)
        );
    }

    #[test]
    fn the_share_of_trained_members_is_a_whole_percent_from_one_to_a_hundred() {
        let share = |typed: &str| {
            let mut tranche = row("100", "1405/09/10", &["training_completed"]);
            tranche.training_share = typed.into();
            parse_grant_form(&form("100", vec![tranche]))
        };
        for (typed, percent) in [
            ("۶۰", 60),
            ("٧٥", 75),
            (" 100 ", 100),
            ("۱", 1),
            ("۹۰٪", 90),
        ] {
            let draft = share(typed).unwrap();
            assert_eq!(
                draft.tranches[0].conditions,
                [Condition::trained_share(percent)],
                "{typed:?}"
            );
        }
        for typed in ["۰", "101", "۸۰.۵", "همه", "-5"] {
            let problems = share(typed).unwrap_err();
            assert_eq!(problems.len(), 1, "{typed:?}");
            assert_eq!(problems[0].field, "tranche_1_conditions");
            assert_eq!(
                problems[0].message,
                Message::new("form-training_share_out_of_range").arg("max", MAX_TRAINED_SHARE)
            );
        }
        // A share typed beside an unticked condition is not read.
        let mut unticked = row("100", "1405/09/10", &[]);
        unticked.training_share = "همه".into();
        assert!(parse_grant_form(&form("100", vec![unticked])).is_ok());
    }

    #[test]
    fn tranches_must_sum_to_the_total() {
        let problems = parse_grant_form(&form(
            "300000000",
            vec![
                row("100000000", "1405/09/10", &[]),
                row("150000000", "1405/10/10", &[]),
            ],
        ))
        .unwrap_err();
        assert_eq!(problems[0].field, "tranches");
        assert_eq!(problems[0].message.id(), "form-tranches_sum_differs");
        assert_eq!(
            problems[0].message.args(),
            &[
                ("sum", MessageArg::Money(250_000_000)),
                ("total", MessageArg::Money(300_000_000))
            ]
        );
    }

    #[test]
    fn bad_rows_are_named_by_their_field() {
        assert_eq!(
            fields(parse_grant_form(&form(
                "0",
                vec![row("-5", "1405/13/01", &["nonsense"])]
            ))),
            vec![
                "total",
                "tranche_1_amount",
                "tranche_1_planned_on",
                "tranche_1_conditions"
            ]
        );
        assert_eq!(
            fields(parse_grant_form(&form("100", vec![]))),
            vec!["tranches"]
        );
        let mut blank_purpose = form("100", vec![row("100", "1405/09/10", &[])]);
        blank_purpose.purpose = "  ".into();
        assert_eq!(fields(parse_grant_form(&blank_purpose)), vec!["purpose"]);
        let seven = form("7", (0..7).map(|_| row("1", "1405/09/10", &[])).collect());
        assert_eq!(fields(parse_grant_form(&seven)), vec!["tranches"]);
        let mut window = row("100", "1405/09/10", &["visited_recently"]);
        window.visit_days = "۰".into();
        assert_eq!(
            fields(parse_grant_form(&form("100", vec![window]))),
            vec!["tranche_1_conditions"]
        );
    }

    proptest! {
        #[test]
        fn any_split_of_a_total_into_positive_tranches_is_accepted(
            amounts in prop::collection::vec(1_i64..1_000_000_000, 1..=MAX_TRANCHES)
        ) {
            let total: i64 = amounts.iter().sum();
            let rows = amounts.iter().map(|a| row(&a.to_string(), "1405/09/10", &[])).collect();
            let draft = parse_grant_form(&form(&total.to_string(), rows)).unwrap();
            prop_assert_eq!(draft.tranches.iter().map(|t| t.amount_rials).sum::<i64>(), total);
        }

        #[test]
        fn a_total_off_by_any_amount_is_refused(
            amounts in prop::collection::vec(1_i64..1_000_000_000, 1..=MAX_TRANCHES),
            off in 1_i64..1_000_000,
        ) {
            let total: i64 = amounts.iter().sum::<i64>() + off;
            let rows = amounts.iter().map(|a| row(&a.to_string(), "1405/09/10", &[])).collect();
            let result = parse_grant_form(&form(&total.to_string(), rows));
            prop_assert!(result.is_err());
        }
    }
}
