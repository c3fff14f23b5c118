//! The scores of a filled form: each [`ScoreRule`] of the instrument sums its items' points —
//! a scale option's points (reversed items score the scale's highest plus lowest points minus
//! their own), the amount of a money or number item, 1 or 0 for yes or no. A form that misses
//! any item of a score has no value for it: an incomplete Rosenberg form has no total, never a
//! total of the items that happen to be answered. Sums saturate instead of overflowing.

use serde::{Deserialize, Serialize};

use crate::outcomes::answers::{Answer, Answers};
use crate::outcomes::instrument::{AnswerKind, Instrument, ScoreRule};

/// One score of a form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub code: String,
    /// `None` when an item of the score is not answered.
    pub value: Option<i64>,
}

/// Every score of the instrument for these answers, in the instrument's order.
pub fn score(instrument: &Instrument, answers: &Answers) -> Vec<Score> {
    instrument
        .scores
        .iter()
        .map(|rule| Score {
            code: rule.code.clone(),
            value: score_one(instrument, rule, answers),
        })
        .collect()
}

fn score_one(instrument: &Instrument, rule: &ScoreRule, answers: &Answers) -> Option<i64> {
    let mut total: i64 = 0;
    for code in &rule.items {
        let item = instrument.item(code)?;
        let answer = answers.get(code)?;
        let points = match (&item.answer, answer) {
            (AnswerKind::Scale { scale }, Answer::Value(value)) => {
                let scale = instrument.scale(scale)?;
                let points = scale.option(*value)?.points;
                if rule.reversed.iter().any(|reversed| reversed == code) {
                    let (low, high) = scale.point_range();
                    high.saturating_add(low).saturating_sub(points)
                } else {
                    points
                }
            }
            (
                AnswerKind::Rials | AnswerKind::Number { .. } | AnswerKind::YesNo,
                Answer::Value(value),
            ) => *value,
            _ => return None,
        };
        total = total.saturating_add(points);
    }
    Some(total)
}

/// The value of the score `code`, if the form has one.
pub fn score_value(scores: &[Score], code: &str) -> Option<i64> {
    scores
        .iter()
        .find(|score| score.code == code)
        .and_then(|score| score.value)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::outcomes::shipped_for_tests::{household_economics, rosenberg};

    /// Rosenberg scored by hand: strongly agree on a positive item is 3, on a reversed one 0.
    fn by_hand(answers: &[i64; 10]) -> i64 {
        answers
            .iter()
            .enumerate()
            .map(|(index, answer)| {
                let reversed = [2, 5, 6, 8, 9].contains(&(index + 1));
                if reversed { answer - 1 } else { 4 - answer }
            })
            .sum()
    }

    fn rosenberg_answers(values: &[i64]) -> Answers {
        values
            .iter()
            .enumerate()
            .map(|(index, value)| (format!("q{}", index + 1), Answer::Value(*value)))
            .collect()
    }

    #[test]
    fn rosenberg_is_zero_to_thirty_and_higher_means_more_self_esteem() {
        let instrument = rosenberg();
        // Agrees strongly with every positive item, disagrees strongly with every negative one.
        let best = rosenberg_answers(&[1, 4, 1, 1, 4, 4, 1, 4, 4, 1]);
        let worst = rosenberg_answers(&[4, 1, 4, 4, 1, 1, 4, 1, 1, 4]);
        assert_eq!(score_value(&score(&instrument, &best), "total"), Some(30));
        assert_eq!(score_value(&score(&instrument, &worst), "total"), Some(0));
    }

    #[test]
    fn an_incomplete_rosenberg_form_has_no_total() {
        let instrument = rosenberg();
        let mut answers = rosenberg_answers(&[1, 4, 1, 1, 4, 4, 1, 4, 4, 1]);
        answers.remove("q7");
        assert_eq!(score_value(&score(&instrument, &answers), "total"), None);
    }

    #[test]
    fn household_incomes_add_up_by_source() {
        let instrument = household_economics();
        let mut answers = Answers::new();
        for (code, value) in [
            ("income_own_work", 10_000_000),
            ("income_group_business", 5_000_000),
            ("income_pension", 8_000_000),
            ("income_other_aid", 1_000_000),
            ("income_family", 0),
        ] {
            answers.insert(code.into(), Answer::Value(value));
        }
        let scores = score(&instrument, &answers);
        assert_eq!(score_value(&scores, "own_income"), Some(15_000_000));
        assert_eq!(score_value(&scores, "total_income"), Some(24_000_000));
        assert_eq!(score_value(&scores, "pension_income"), Some(8_000_000));
    }

    proptest! {
        #[test]
        fn rosenberg_totals_equal_hand_scoring(values in prop::array::uniform10(1i64..=4)) {
            let instrument = rosenberg();
            let total = score_value(&score(&instrument, &rosenberg_answers(&values)), "total");
            prop_assert_eq!(total, Some(by_hand(&values)));
            prop_assert!((0..=30).contains(&by_hand(&values)));
        }

        #[test]
        fn any_missing_item_leaves_no_total(
            values in prop::array::uniform10(1i64..=4),
            missing in 1usize..=10,
        ) {
            let instrument = rosenberg();
            let mut answers = rosenberg_answers(&values);
            answers.remove(&format!("q{missing}"));
            prop_assert_eq!(score_value(&score(&instrument, &answers), "total"), None);
        }

        #[test]
        fn reversing_an_answer_mirrors_its_points(value in 1i64..=4) {
            // Item 1 is positive, item 2 reversed: the same answer scores 3 − x and x.
            let instrument = rosenberg();
            let mut answers = rosenberg_answers(&[1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
            let base = score_value(&score(&instrument, &answers), "total").unwrap();
            answers.insert("q1".into(), Answer::Value(value));
            answers.insert("q2".into(), Answer::Value(value));
            let changed = score_value(&score(&instrument, &answers), "total").unwrap();
            // Both items moved from (3, 0) to (4 − v, v − 1): the total is unchanged.
            prop_assert_eq!(changed, base);
        }
    }
}
