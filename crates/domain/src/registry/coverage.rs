//! The rules of a woman's coverage history and of the monthly pension.
//!
//! Coverage is a history of dated episodes, each with a [`CoverageStatus`].
//! Which status may follow which is a rule of the programme, not of any one
//! screen, so it lives here: the application checks every new episode with
//! [`transition_problem`] before writing it, and the web layer can offer only
//! the statuses in [`allowed_next`]. The pension (مستمری) is tiered by
//! household size, 1 to "5 or more", and its amounts change every fiscal
//! year, so they are data ([`PensionTable`]), validated here.

use crate::message::{Message, MessageArg};
use serde::{Deserialize, Serialize};

use crate::digits::to_persian_digits;
use crate::money::Rials;
use crate::registry::codes::CoverageStatus;
use crate::registry::problem::Problem;

/// The field name used in coverage problems.
const STATUS_FIELD: &str = "status";

/// The statuses that may follow `from` (`None`: the woman has no episode yet).
///
/// - The first episode is an application, a place on the waiting list or
///   direct coverage (e.g. a case referred by a court).
/// - An applicant is put on the waiting list, covered, or leaves.
/// - From the waiting list she is covered or leaves.
/// - A covered woman starts receiving the pension or leaves.
/// - A pensioner stops receiving it while staying covered, or leaves.
/// - A woman who left may apply again.
///
/// A status never follows itself: an episode that changes nothing is not a
/// new episode.
pub const fn allowed_next(from: Option<CoverageStatus>) -> &'static [CoverageStatus] {
    use CoverageStatus::*;
    match from {
        None => &[Applicant, WaitingList, Covered],
        Some(Applicant) => &[WaitingList, Covered, Exited],
        Some(WaitingList) => &[Covered, Exited],
        Some(Covered) => &[Pensioner, Exited],
        Some(Pensioner) => &[Covered, Exited],
        Some(Exited) => &[Applicant],
    }
}

/// True when a woman whose current status is `from` may move to `to`.
pub fn can_transition(from: Option<CoverageStatus>, to: CoverageStatus) -> bool {
    allowed_next(from).contains(&to)
}

/// Why the move from `from` to `to` is not allowed, naming both statuses and
/// the allowed ones, or `None` when it is allowed. The problem's field is
/// `status`.
pub fn transition_problem(from: Option<CoverageStatus>, to: CoverageStatus) -> Option<Problem> {
    if can_transition(from, to) {
        return None;
    }
    let allowed = allowed_next(from);
    let allowed = MessageArg::label(or_list_fa(allowed), or_list_en(allowed));
    let message = match from {
        None => Message::new("coverage-first_status_not_allowed")
            .arg("allowed", allowed)
            .arg("status", label(to)),
        Some(current) if current == to => {
            Message::new("coverage-status_unchanged").arg("status", label(current))
        }
        Some(current) => Message::new("coverage-transition_not_allowed")
            .arg("from", label(current))
            .arg("to", label(to))
            .arg("allowed", allowed),
    };
    let problem = Problem::new(STATUS_FIELD, message);
    Some(problem)
}

/// A status's label, as an argument of a message.
fn label(status: CoverageStatus) -> MessageArg {
    MessageArg::label(status.label_fa(), status.label_en())
}

/// The label of a pension tier, as an argument of a message.
fn tier_label(tier: u8) -> MessageArg {
    MessageArg::label(pension_tier_label_fa(tier), pension_tier_label_en(tier))
}

/// «الف»، «ب» یا «ج»
fn or_list_fa(statuses: &[CoverageStatus]) -> String {
    let quoted: Vec<String> = statuses
        .iter()
        .map(|status| format!("«{}»", status.label_fa()))
        .collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} یا {last}", rest.join("، ")),
        _ => quoted.concat(),
    }
}

/// A, B or C
fn or_list_en(statuses: &[CoverageStatus]) -> String {
    let labels: Vec<&str> = statuses.iter().map(|status| status.label_en()).collect();
    match labels.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => labels.concat(),
    }
}

/// The number of pension tiers; the last one is "five or more people".
pub const PENSION_TIERS: usize = 5;

/// The pension tier, 1 to 5, for a household of `household_size` people,
/// the woman included: 5 means five or more. A size of 0 counts as 1,
/// because the woman herself is always a member of her household.
pub fn pension_tier(household_size: u32) -> u8 {
    let clamped = household_size.clamp(1, PENSION_TIERS as u32);
    u8::try_from(clamped).unwrap_or(PENSION_TIERS as u8)
}

/// The Persian name of a tier: «خانوار ۳ نفره», «خانوار ۵ نفره و بیشتر».
pub fn pension_tier_label_fa(tier: u8) -> String {
    let tier = pension_tier(u32::from(tier));
    let more = if usize::from(tier) == PENSION_TIERS {
        " و بیشتر"
    } else {
        ""
    };
    to_persian_digits(&format!("خانوار {tier} نفره{more}"))
}

/// The English name of a tier: "household of 3", "household of 5 or more".
pub fn pension_tier_label_en(tier: u8) -> String {
    let tier = pension_tier(u32::from(tier));
    if usize::from(tier) == PENSION_TIERS {
        format!("household of {tier} or more")
    } else if tier == 1 {
        "household of 1".to_owned()
    } else {
        format!("household of {tier}")
    }
}

/// The monthly pension amounts of one fiscal year, by household-size tier:
/// `monthly_rials[0]` for one person … `monthly_rials[4]` for five or more.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PensionTable {
    /// The Jalali fiscal year the amounts apply to, e.g. 1404.
    pub fiscal_year: i32,
    /// The monthly amount per tier, in current rials.
    pub monthly_rials: [Rials; PENSION_TIERS],
}

impl PensionTable {
    /// The monthly pension for a household of `household_size` people
    /// (see [`pension_tier`]).
    pub fn amount_for(&self, household_size: u32) -> Rials {
        self.monthly_rials[usize::from(pension_tier(household_size)) - 1]
    }

    /// Checks the table: the year has four digits, every amount is positive,
    /// and no tier pays less than the tier before it (a larger household
    /// never gets less; a non-positive amount is reported only as such).
    /// All problems are reported at once; fields are `fiscal_year` and
    /// `monthly_rials`.
    pub fn validate(&self) -> Result<(), Vec<Problem>> {
        let mut problems = Vec::new();
        if !(1000..=9999).contains(&self.fiscal_year) {
            problems.push(Problem::new(
                "fiscal_year",
                Message::new("coverage-fiscal_year_have_four_digits"),
            ));
        }
        for (index, amount) in self.monthly_rials.iter().enumerate() {
            let tier = (index + 1) as u8;
            if amount.value() <= 0 {
                problems.push(Problem::new(
                    "monthly_rials",
                    Message::new("coverage-pension_not_positive").arg("tier", tier_label(tier)),
                ));
            }
        }
        for (index, pair) in self.monthly_rials.windows(2).enumerate() {
            let (smaller_tier, larger_tier) = ((index + 1) as u8, (index + 2) as u8);
            if pair[1] < pair[0] && pair[1].value() > 0 {
                problems.push(Problem::new(
                    "monthly_rials",
                    Message::new("coverage-pension_below_smaller_tier")
                        .arg("tier", tier_label(larger_tier))
                        .arg("rials", pair[1].value())
                        .arg("smaller_tier", tier_label(smaller_tier))
                        .arg("smaller_rials", pair[0].value()),
                ));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CoverageStatus::*;
    use proptest::prelude::*;

    fn table(amounts: [i64; 5]) -> PensionTable {
        PensionTable {
            fiscal_year: 1404,
            monthly_rials: amounts.map(Rials::new),
        }
    }

    #[test]
    fn the_transition_table_is_exactly_the_documented_one() {
        let allowed = [
            (None, Applicant),
            (None, WaitingList),
            (None, Covered),
            (Some(Applicant), WaitingList),
            (Some(Applicant), Covered),
            (Some(Applicant), Exited),
            (Some(WaitingList), Covered),
            (Some(WaitingList), Exited),
            (Some(Covered), Pensioner),
            (Some(Covered), Exited),
            (Some(Pensioner), Covered),
            (Some(Pensioner), Exited),
            (Some(Exited), Applicant),
        ];
        let froms = std::iter::once(None).chain(CoverageStatus::ALL.map(Some));
        let mut count = 0;
        for from in froms {
            for to in CoverageStatus::ALL {
                let expected = allowed.contains(&(from, to));
                assert_eq!(can_transition(from, to), expected, "{from:?} -> {to:?}");
                assert_eq!(transition_problem(from, to).is_none(), expected);
                count += 1;
            }
        }
        assert_eq!(count, 30);
    }

    #[test]
    fn no_status_follows_itself() {
        for status in CoverageStatus::ALL {
            assert!(!can_transition(Some(status), status), "{status}");
        }
    }

    #[test]
    fn a_first_episode_cannot_be_a_pension_or_an_exit() {
        assert!(!can_transition(None, Pensioner));
        assert!(!can_transition(None, Exited));
        let problem = transition_problem(None, Pensioner).unwrap();
        assert_eq!(problem.field, "status");
        assert_eq!(problem.message.id(), "coverage-first_status_not_allowed");
        assert_eq!(
            problem.message.args(),
            &[
                (
                    "allowed",
                    MessageArg::label(
                        "«متقاضی»، «پشت نوبت» یا «تحت پوشش»",
                        "Applicant, Waiting list or Covered"
                    )
                ),
                ("status", MessageArg::label("مستمری‌بگیر", "Pensioner"))
            ]
        );
    }

    #[test]
    fn a_refused_change_names_both_statuses_and_the_allowed_ones() {
        let problem = transition_problem(Some(WaitingList), Pensioner).unwrap();
        assert_eq!(problem.message.id(), "coverage-transition_not_allowed");
        assert_eq!(
            problem.message.args(),
            &[
                ("from", MessageArg::label("پشت نوبت", "Waiting list")),
                ("to", MessageArg::label("مستمری‌بگیر", "Pensioner")),
                (
                    "allowed",
                    MessageArg::label("«تحت پوشش» یا «خارج‌شده»", "Covered or Exited")
                )
            ]
        );
    }

    #[test]
    fn re_application_is_the_only_way_back_after_an_exit() {
        let problem = transition_problem(Some(Exited), Covered).unwrap();
        assert_eq!(
            problem.message.args()[2],
            ("allowed", MessageArg::label("«متقاضی»", "Applicant"))
        );
    }

    #[test]
    fn repeating_the_current_status_says_it_is_already_so() {
        let problem = transition_problem(Some(Covered), Covered).unwrap();
        assert_eq!(problem.message.id(), "coverage-status_unchanged");
        assert_eq!(
            problem.message.args(),
            &[("status", MessageArg::label("تحت پوشش", "Covered"))]
        );
    }

    #[test]
    fn pension_tiers_run_from_one_to_five_or_more() {
        assert_eq!(pension_tier(0), 1);
        assert_eq!(pension_tier(1), 1);
        assert_eq!(pension_tier(3), 3);
        assert_eq!(pension_tier(5), 5);
        assert_eq!(pension_tier(12), 5);
        assert_eq!(pension_tier(u32::MAX), 5);
    }

    #[test]
    fn tier_labels_say_five_or_more_for_the_last_tier() {
        assert_eq!(pension_tier_label_fa(3), "خانوار ۳ نفره");
        assert_eq!(pension_tier_label_fa(5), "خانوار ۵ نفره و بیشتر");
        assert_eq!(pension_tier_label_en(5), "household of 5 or more");
        assert_eq!(pension_tier_label_en(2), "household of 2");
    }

    #[test]
    fn the_amount_follows_the_household_size() {
        let table = table([10_000_000, 13_000_000, 16_000_000, 19_000_000, 22_000_000]);
        assert_eq!(table.amount_for(0), Rials::new(10_000_000));
        assert_eq!(table.amount_for(1), Rials::new(10_000_000));
        assert_eq!(table.amount_for(4), Rials::new(19_000_000));
        assert_eq!(table.amount_for(9), Rials::new(22_000_000));
        assert_eq!(table.validate(), Ok(()));
    }

    #[test]
    fn equal_amounts_for_neighbouring_tiers_are_valid() {
        assert_eq!(table([5, 5, 5, 5, 5]).validate(), Ok(()));
    }

    #[test]
    fn zero_or_negative_amounts_are_reported_per_tier() {
        let problems = table([0, -1, 3, 4, 5]).validate().unwrap_err();
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].field, "monthly_rials");
        assert_eq!(problems[0].message.id(), "coverage-pension_not_positive");
        assert_eq!(
            problems[0].message.args(),
            &[("tier", MessageArg::label("خانوار ۱ نفره", "household of 1"))]
        );
        assert_eq!(
            problems[1].message.args(),
            &[("tier", MessageArg::label("خانوار ۲ نفره", "household of 2"))]
        );
    }

    #[test]
    fn a_tier_paying_less_than_the_previous_one_is_reported() {
        let problems = table([10_000_000, 13_000_000, 12_000_000, 19_000_000, 22_000_000])
            .validate()
            .unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].message.id(),
            "coverage-pension_below_smaller_tier"
        );
        assert_eq!(
            problems[0].message.args(),
            &[
                ("tier", MessageArg::label("خانوار ۳ نفره", "household of 3")),
                ("rials", MessageArg::Number(12_000_000)),
                (
                    "smaller_tier",
                    MessageArg::label("خانوار ۲ نفره", "household of 2")
                ),
                ("smaller_rials", MessageArg::Number(13_000_000))
            ]
        );
    }

    #[test]
    fn a_year_without_four_digits_is_reported() {
        let mut bad = table([1, 2, 3, 4, 5]);
        bad.fiscal_year = 404;
        let problems = bad.validate().unwrap_err();
        assert_eq!(problems[0].field, "fiscal_year");
    }

    #[test]
    fn the_table_serialises_as_plain_numbers() {
        let json = serde_json::to_string(&table([1, 2, 3, 4, 5])).unwrap();
        assert_eq!(json, r#"{"fiscal_year":1404,"monthly_rials":[1,2,3,4,5]}"#);
        let back: PensionTable = serde_json::from_str(&json).unwrap();
        assert_eq!(back, table([1, 2, 3, 4, 5]));
    }

    proptest! {
        #[test]
        fn every_size_maps_to_a_tier_between_one_and_five(size in any::<u32>()) {
            let tier = pension_tier(size);
            prop_assert!((1..=5).contains(&tier));
            prop_assert_eq!(u32::from(tier), size.clamp(1, 5));
        }

        #[test]
        fn sorted_positive_tables_are_valid_and_pay_more_to_larger_households(
            mut amounts in prop::array::uniform5(1i64..1_000_000_000),
            small in 0u32..10,
            extra in 0u32..10,
        ) {
            amounts.sort_unstable();
            let table = table(amounts);
            prop_assert_eq!(table.validate(), Ok(()));
            prop_assert!(table.amount_for(small) <= table.amount_for(small + extra));
        }
    }
}
