//! The completion rule of a course kind and its verdict for one woman: she completes when she
//! attended at least the rule's share of the sessions held and, where the course has a final
//! assessment, passed it. The share is compared in whole numbers (attended × 100 ≥ share ×
//! held), so 8 of 10 meets 80 % and no rounding decides a certificate.

use crate::message::Message;

/// The share of sessions to attend and whether a final assessment must be passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompletionRule {
    /// 1–100.
    pub min_attendance_percent: u8,
    pub final_assessment: bool,
}

impl Default for CompletionRule {
    /// At least 80 % of the sessions, no final assessment.
    fn default() -> Self {
        CompletionRule {
            min_attendance_percent: 80,
            final_assessment: false,
        }
    }
}

/// Why a rule cannot be kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleError {
    PercentOutOfRange,
}

impl RuleError {
    pub fn message(&self) -> Message {
        match self {
            RuleError::PercentOutOfRange => Message::new("training-percent_out_of_range"),
        }
    }
}

/// What the rule says of one woman now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionVerdict {
    /// Every part of the rule holds.
    Completes,
    /// She attended too few of the sessions held: `attended` of `held`, `needed` required.
    TooFewSessions {
        attended: u32,
        held: u32,
        needed: u32,
    },
    /// The course has a final assessment and she has not passed it (or it is not recorded).
    AssessmentNotPassed,
    /// No session has been held yet.
    NothingHeld,
}

impl CompletionRule {
    /// A rule as configured; the share must lie in 1–100.
    pub fn new(min_attendance_percent: u8, final_assessment: bool) -> Result<Self, RuleError> {
        if !(1..=100).contains(&min_attendance_percent) {
            return Err(RuleError::PercentOutOfRange);
        }
        Ok(CompletionRule {
            min_attendance_percent,
            final_assessment,
        })
    }

    /// The fewest sessions of `held` a woman must attend.
    pub fn sessions_needed(self, held: u32) -> u32 {
        let product = u64::from(held) * u64::from(self.min_attendance_percent);
        u32::try_from(product.div_ceil(100)).unwrap_or(u32::MAX)
    }

    /// The verdict for a woman who attended `attended` of `held` sessions and whose final
    /// assessment is `assessment` (`None`: not recorded).
    pub fn verdict(self, held: u32, attended: u32, assessment: Option<bool>) -> CompletionVerdict {
        if held == 0 {
            return CompletionVerdict::NothingHeld;
        }
        let needed = self.sessions_needed(held);
        if attended < needed {
            return CompletionVerdict::TooFewSessions {
                attended,
                held,
                needed,
            };
        }
        if self.final_assessment && assessment != Some(true) {
            return CompletionVerdict::AssessmentNotPassed;
        }
        CompletionVerdict::Completes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_of_ten_meets_the_default_and_seven_does_not() {
        let rule = CompletionRule::default();
        assert_eq!(rule.verdict(10, 8, None), CompletionVerdict::Completes);
        assert_eq!(
            rule.verdict(10, 7, None),
            CompletionVerdict::TooFewSessions {
                attended: 7,
                held: 10,
                needed: 8
            }
        );
    }

    #[test]
    fn the_share_rounds_up_so_no_woman_completes_below_it() {
        let rule = CompletionRule::new(80, false).unwrap();
        // 80 % of 7 is 5.6: six sessions are needed.
        assert_eq!(rule.sessions_needed(7), 6);
        assert_eq!(rule.sessions_needed(0), 0);
        assert_eq!(
            CompletionRule::new(100, false).unwrap().sessions_needed(9),
            9
        );
    }

    #[test]
    fn a_final_assessment_must_be_passed_where_the_course_has_one() {
        let rule = CompletionRule::new(75, true).unwrap();
        assert_eq!(
            rule.verdict(4, 4, None),
            CompletionVerdict::AssessmentNotPassed
        );
        assert_eq!(
            rule.verdict(4, 4, Some(false)),
            CompletionVerdict::AssessmentNotPassed
        );
        assert_eq!(rule.verdict(4, 3, Some(true)), CompletionVerdict::Completes);
    }

    #[test]
    fn nothing_held_is_its_own_verdict_and_the_share_is_bounded() {
        assert_eq!(
            CompletionRule::default().verdict(0, 0, Some(true)),
            CompletionVerdict::NothingHeld
        );
        assert_eq!(
            CompletionRule::new(0, false),
            Err(RuleError::PercentOutOfRange)
        );
        assert_eq!(
            CompletionRule::new(101, false),
            Err(RuleError::PercentOutOfRange)
        );
    }
}
