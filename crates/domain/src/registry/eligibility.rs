//! Who may be covered: the configurable eligibility rules and their
//! evaluation for one woman.
//!
//! Eligibility differs between provinces and years — the accepted income
//! deciles, the age for definitive singlehood (45, 50 or 55), which causes are
//! accepted — so the rules are data ([`EligibilityRules`], serialisable for a
//! settings file or table) and this module only evaluates them. Evaluation
//! never says just "no": it returns one [`RuleOutcome`] per applicable rule,
//! each passed, failed or *unknown* (e.g. the means test or the inquiry to
//! other bodies has not been answered yet), with a message of the catalogue
//! that explains it, so a social worker sees what is missing as well as what
//! fails. Ages are whole Jalali years on the caller's "today".
//!
//! The threshold for definitive singlehood may differ by province (45, 50 or
//! 55 years, see [`crate::registry::singlehood`]): [`evaluate_with`] takes the
//! threshold that applies to the woman and its verdict names it (national or
//! her province's); [`evaluate`] uses the national one.

use crate::message::{Message, MessageArg};
use serde::{Deserialize, Serialize};

use crate::jalali::JalaliDate;
use crate::registry::codes::{HeadshipCause, coded_list};
use crate::registry::problem::Problem;
use crate::registry::singlehood::SinglehoodThreshold;

/// The youngest age the registry accepts for a woman head of household,
/// and the lowest age a rule may require.
pub const MIN_AGE_YEARS: u8 = 10;
/// The oldest age the registry accepts, and the highest a rule may require.
pub const MAX_AGE_YEARS: u8 = 120;
/// The lowest threshold a province may set for definitive singlehood.
pub const MIN_SINGLEHOOD_AGE_YEARS: u8 = 18;
/// The number of income deciles.
pub const DECILES: u8 = 10;

/// The eligibility rules in force (for a province, from a date).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct EligibilityRules {
    /// The highest income decile (آزمون وسع) accepted, 1–10; default 5.
    pub max_income_decile: u8,
    /// Whether coverage by another body (Relief Committee, Social Security)
    /// excludes her; default true.
    pub require_no_other_coverage: bool,
    /// The headship causes accepted; default all.
    pub accepted_causes: Vec<HeadshipCause>,
    /// The minimum age for every cause except definitive singlehood and the
    /// self-headed girl, which have their own; default 18.
    pub min_age_years: u8,
    /// The national minimum age for definitive singlehood (تجرد قطعی);
    /// default 45. A province may set its own (45, 50 or 55), which then
    /// replaces this one for the women of that province.
    pub singlehood_min_age_years: u8,
    /// The minimum age for a self-headed girl; default 18.
    pub self_headed_girl_min_age_years: u8,
}

impl Default for EligibilityRules {
    fn default() -> Self {
        EligibilityRules {
            max_income_decile: 5,
            require_no_other_coverage: true,
            accepted_causes: HeadshipCause::ALL.to_vec(),
            min_age_years: 18,
            singlehood_min_age_years: 45,
            self_headed_girl_min_age_years: 18,
        }
    }
}

impl EligibilityRules {
    /// Checks the rules make sense, reporting every problem at once; the
    /// problems' fields are the names of this struct's fields.
    ///
    /// - `max_income_decile` is 1–10;
    /// - `accepted_causes` is not empty and names no cause twice;
    /// - `min_age_years` and `self_headed_girl_min_age_years` are 10–120;
    /// - `singlehood_min_age_years` is 18–120.
    pub fn validate(&self) -> Result<(), Vec<Problem>> {
        let mut problems = Vec::new();
        if !(1..=DECILES).contains(&self.max_income_decile) {
            problems.push(Problem::new(
                "max_income_decile",
                Message::new("eligibility-highest_income_decile_between_1"),
            ));
        }
        if self.accepted_causes.is_empty() {
            problems.push(Problem::new(
                "accepted_causes",
                Message::new("eligibility-at_least_one_headship_cause"),
            ));
        }
        for (index, cause) in self.accepted_causes.iter().enumerate() {
            if self.accepted_causes[..index].contains(cause) {
                problems.push(Problem::new(
                    "accepted_causes",
                    Message::new("eligibility-cause_listed_twice").arg(
                        "cause",
                        MessageArg::label(cause.label_fa(), cause.label_en()),
                    ),
                ));
            }
        }
        let ages = [
            (
                "min_age_years",
                self.min_age_years,
                MIN_AGE_YEARS,
                "eligibility-what_min_age",
            ),
            (
                "singlehood_min_age_years",
                self.singlehood_min_age_years,
                MIN_SINGLEHOOD_AGE_YEARS,
                "eligibility-what_singlehood_min_age",
            ),
            (
                "self_headed_girl_min_age_years",
                self.self_headed_girl_min_age_years,
                MIN_AGE_YEARS,
                "eligibility-what_self_headed_girl_min_age",
            ),
        ];
        for (field, value, lowest, what) in ages {
            if !(lowest..=MAX_AGE_YEARS).contains(&value) {
                problems.push(Problem::new(
                    field,
                    Message::new("eligibility-age_out_of_range")
                        .arg("what", MessageArg::Message(Message::new(what)))
                        .arg("lowest", lowest)
                        .arg("max", MAX_AGE_YEARS),
                ));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// The age rule that applies to a cause and its minimum age.
    pub fn age_rule_for(&self, cause: HeadshipCause) -> (EligibilityRule, u8) {
        match cause {
            HeadshipCause::DefinitiveSinglehood => (
                EligibilityRule::SinglehoodAge,
                self.singlehood_min_age_years,
            ),
            HeadshipCause::SelfHeadedGirl => (
                EligibilityRule::SelfHeadedGirlAge,
                self.self_headed_girl_min_age_years,
            ),
            _ => (EligibilityRule::MinimumAge, self.min_age_years),
        }
    }
}

/// What is known about a woman when her eligibility is evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EligibilityFacts {
    /// Her date of birth.
    pub birth_date: JalaliDate,
    /// Why she heads her household.
    pub cause: HeadshipCause,
    /// Her household's income decile from the means test, if done.
    pub income_decile: Option<u8>,
    /// Whether another body covers her: `None` while no inquiry has been
    /// answered, `Some(false)` when every answered inquiry said no.
    pub other_coverage: Option<bool>,
}

coded_list! {
    /// One eligibility rule, as named in an evaluation.
    pub enum EligibilityRule ("قاعدهٔ شرایط پذیرش", "eligibility rule") {
        /// The income decile is at most the accepted one.
        IncomeDecile => "income_decile", "دهک درآمدی", "Income decile";
        /// No other body covers her.
        NoOtherCoverage => "no_other_coverage", "نبود پوشش نهاد دیگر", "No other coverage";
        /// Her headship cause is accepted.
        AcceptedCause => "accepted_cause", "علت سرپرستی پذیرفته", "Accepted headship cause";
        /// She has reached the minimum age.
        MinimumAge => "minimum_age", "حداقل سن", "Minimum age";
        /// She has reached the age for definitive singlehood.
        SinglehoodAge => "singlehood_age", "سن تجرد قطعی", "Definitive singlehood age";
        /// She has reached the age for a self-headed girl.
        SelfHeadedGirlAge => "self_headed_girl_age", "سن دختر خودسرپرست", "Self-headed girl age";
    }
}

coded_list! {
    /// The result of one rule.
    pub enum Verdict ("نتیجه", "verdict") {
        /// The rule holds.
        Passed => "passed", "احراز شد", "Passed";
        /// The rule does not hold.
        Failed => "failed", "احراز نشد", "Failed";
        /// The facts needed are not known yet.
        Unknown => "unknown", "نامعلوم", "Unknown";
    }
}

/// The result of one rule for one woman, explained.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct RuleOutcome {
    /// Which rule.
    pub rule: EligibilityRule,
    /// Passed, failed or unknown.
    pub verdict: Verdict,
    /// Why: a message of the catalogue (`eligibility-…`), rendered in the reader's language.
    pub message: Message,
}

impl RuleOutcome {
    fn new(rule: EligibilityRule, verdict: Verdict, message: Message) -> RuleOutcome {
        RuleOutcome {
            rule,
            verdict,
            message,
        }
    }
}

/// The outcome of every applicable rule for one woman, in a fixed order:
/// income decile, other coverage (when required), cause, age.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct EligibilityReport {
    /// One outcome per applicable rule.
    pub outcomes: Vec<RuleOutcome>,
}

impl EligibilityReport {
    /// True when every applicable rule passed.
    pub fn is_eligible(&self) -> bool {
        self.outcomes
            .iter()
            .all(|outcome| outcome.verdict == Verdict::Passed)
    }

    /// True when some rule could not be decided for lack of facts.
    pub fn has_unknowns(&self) -> bool {
        self.outcomes
            .iter()
            .any(|outcome| outcome.verdict == Verdict::Unknown)
    }

    /// True when some rule failed: she is not eligible whatever the
    /// unknown facts turn out to be.
    pub fn has_failures(&self) -> bool {
        self.outcomes
            .iter()
            .any(|outcome| outcome.verdict == Verdict::Failed)
    }

    /// The outcome of one rule, if it applied.
    pub fn outcome(&self, rule: EligibilityRule) -> Option<&RuleOutcome> {
        self.outcomes.iter().find(|outcome| outcome.rule == rule)
    }
}

/// Her age in whole years on `today`: the difference of the Jalali years,
/// less one if her birthday (month and day) has not come yet this year.
/// Someone born on 30 Esfand of a leap year turns a year older on
/// 1 Farvardin in years whose Esfand has 29 days. Negative when `birth` is
/// after `today`.
pub fn age_in_years(birth: JalaliDate, today: JalaliDate) -> i32 {
    let years = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        years - 1
    } else {
        years
    }
}

/// Evaluates the rules for one woman on `today`.
///
/// Applicable rules: the income decile; no other coverage, only when the
/// rules require it; the accepted cause; and exactly one age rule — the
/// singlehood age for definitive singlehood, the self-headed girl's age for a
/// self-headed girl, the general minimum age for every other cause (the
/// specific thresholds replace the general one, so a province can set them
/// lower or higher independently).
///
/// Definitive singlehood is judged by the national threshold; use
/// [`evaluate_with`] for a woman whose province has its own.
pub fn evaluate(
    rules: &EligibilityRules,
    facts: &EligibilityFacts,
    today: JalaliDate,
) -> EligibilityReport {
    evaluate_with(rules, &SinglehoodThreshold::national(rules), facts, today)
}

/// Evaluates the rules for one woman on `today` like [`evaluate`], judging
/// definitive singlehood by `singlehood` — her province's threshold, or the
/// national one — and naming it in the verdict. The other rules are the
/// national ones whatever her province.
pub fn evaluate_with(
    rules: &EligibilityRules,
    singlehood: &SinglehoodThreshold,
    facts: &EligibilityFacts,
    today: JalaliDate,
) -> EligibilityReport {
    let mut outcomes = vec![income_outcome(rules.max_income_decile, facts.income_decile)];
    if rules.require_no_other_coverage {
        outcomes.push(coverage_outcome(facts.other_coverage));
    }
    outcomes.push(cause_outcome(rules, facts.cause));
    outcomes.push(age_outcome(rules, singlehood, facts, today));
    EligibilityReport { outcomes }
}

fn income_outcome(max: u8, decile: Option<u8>) -> RuleOutcome {
    let rule = EligibilityRule::IncomeDecile;
    match decile {
        None => RuleOutcome::new(
            rule,
            Verdict::Unknown,
            Message::new("eligibility-decile_not_set"),
        ),
        Some(decile) if !(1..=DECILES).contains(&decile) => RuleOutcome::new(
            rule,
            Verdict::Unknown,
            Message::new("eligibility-decile_invalid").arg("decile", decile),
        ),
        Some(decile) if decile <= max => RuleOutcome::new(
            rule,
            Verdict::Passed,
            Message::new("eligibility-decile_accepted")
                .arg("decile", decile)
                .arg("max", max),
        ),
        Some(decile) => RuleOutcome::new(
            rule,
            Verdict::Failed,
            Message::new("eligibility-decile_above_accepted")
                .arg("decile", decile)
                .arg("max", max),
        ),
    }
}

fn coverage_outcome(other_coverage: Option<bool>) -> RuleOutcome {
    let rule = EligibilityRule::NoOtherCoverage;
    match other_coverage {
        None => RuleOutcome::new(
            rule,
            Verdict::Unknown,
            Message::new("eligibility-coverage_inquiry_unanswered"),
        ),
        Some(false) => RuleOutcome::new(
            rule,
            Verdict::Passed,
            Message::new("eligibility-no_other_coverage"),
        ),
        Some(true) => RuleOutcome::new(
            rule,
            Verdict::Failed,
            Message::new("eligibility-other_coverage"),
        ),
    }
}

fn cause_outcome(rules: &EligibilityRules, cause: HeadshipCause) -> RuleOutcome {
    let rule = EligibilityRule::AcceptedCause;
    let label = MessageArg::label(cause.label_fa(), cause.label_en());
    if rules.accepted_causes.contains(&cause) {
        RuleOutcome::new(
            rule,
            Verdict::Passed,
            Message::new("eligibility-cause_accepted").arg("cause", label),
        )
    } else {
        RuleOutcome::new(
            rule,
            Verdict::Failed,
            Message::new("eligibility-cause_not_accepted").arg("cause", label),
        )
    }
}

fn age_outcome(
    rules: &EligibilityRules,
    singlehood: &SinglehoodThreshold,
    facts: &EligibilityFacts,
    today: JalaliDate,
) -> RuleOutcome {
    let (rule, national_minimum) = rules.age_rule_for(facts.cause);
    let (minimum, threshold) = match rule {
        EligibilityRule::SinglehoodAge => (singlehood.years(), singlehood.name()),
        EligibilityRule::SelfHeadedGirlAge => (
            national_minimum,
            Message::new("eligibility-what_self_headed_girl_min_age"),
        ),
        _ => (national_minimum, Message::new("eligibility-what_min_age")),
    };
    if facts.birth_date > today {
        return RuleOutcome::new(
            rule,
            Verdict::Failed,
            Message::new("eligibility-born_after_today"),
        );
    }
    let age = age_in_years(facts.birth_date, today);
    let (verdict, message) = if age >= i32::from(minimum) {
        (Verdict::Passed, Message::new("eligibility-age_reached"))
    } else {
        (Verdict::Failed, Message::new("eligibility-age_below"))
    };
    let message = message
        .arg("age", age)
        .arg("threshold", threshold)
        .arg("minimum", minimum);
    RuleOutcome::new(rule, verdict, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u8, day: u8) -> JalaliDate {
        JalaliDate::new(year, month, day).unwrap()
    }

    fn today() -> JalaliDate {
        date(1404, 7, 1)
    }

    /// The message of an age rule (`eligibility-age_reached` or `eligibility-age_below`).
    fn age_message(id: &'static str, age: i32, threshold: Message, minimum: u8) -> Message {
        Message::new(id)
            .arg("age", age)
            .arg("threshold", threshold)
            .arg("minimum", minimum)
    }

    /// A widow of 40 in decile 3 whom no other body covers.
    fn eligible_facts() -> EligibilityFacts {
        EligibilityFacts {
            birth_date: date(1364, 2, 10),
            cause: HeadshipCause::Widow,
            income_decile: Some(3),
            other_coverage: Some(false),
        }
    }

    fn verdicts(report: &EligibilityReport) -> Vec<(EligibilityRule, Verdict)> {
        report
            .outcomes
            .iter()
            .map(|outcome| (outcome.rule, outcome.verdict))
            .collect()
    }

    #[test]
    fn the_default_rules_are_the_national_ones_and_valid() {
        let rules = EligibilityRules::default();
        assert_eq!(rules.max_income_decile, 5);
        assert!(rules.require_no_other_coverage);
        assert_eq!(rules.accepted_causes, HeadshipCause::ALL.to_vec());
        assert_eq!(rules.min_age_years, 18);
        assert_eq!(rules.singlehood_min_age_years, 45);
        assert_eq!(rules.self_headed_girl_min_age_years, 18);
        assert_eq!(rules.validate(), Ok(()));
    }

    #[test]
    fn invalid_rules_report_every_problem_by_field() {
        let rules = EligibilityRules {
            max_income_decile: 0,
            require_no_other_coverage: true,
            accepted_causes: vec![],
            min_age_years: 5,
            singlehood_min_age_years: 15,
            self_headed_girl_min_age_years: 121,
        };
        let problems = rules.validate().unwrap_err();
        let fields: Vec<_> = problems.iter().map(|problem| problem.field).collect();
        assert_eq!(
            fields,
            [
                "max_income_decile",
                "accepted_causes",
                "min_age_years",
                "singlehood_min_age_years",
                "self_headed_girl_min_age_years"
            ]
        );
        assert_eq!(problems[3].message.id(), "eligibility-age_out_of_range");
        assert_eq!(
            problems[3].message.args(),
            &[
                (
                    "what",
                    MessageArg::Message(Message::new("eligibility-what_singlehood_min_age"))
                ),
                ("lowest", MessageArg::Number(18)),
                ("max", MessageArg::Number(120))
            ]
        );
        assert_eq!(
            problems[0].message.en(),
            "the highest income decile must be between 1 and 10"
        );
    }

    #[test]
    fn a_cause_listed_twice_is_reported() {
        let rules = EligibilityRules {
            accepted_causes: vec![HeadshipCause::Widow, HeadshipCause::Widow],
            ..EligibilityRules::default()
        };
        let problems = rules.validate().unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message.id(), "eligibility-cause_listed_twice");
        assert_eq!(
            problems[0].message.args(),
            &[("cause", MessageArg::label("همسر فوت‌شده", "Widow"))]
        );
    }

    #[test]
    fn rules_read_from_json_fill_missing_fields_with_defaults() {
        let rules: EligibilityRules = serde_json::from_str(
            r#"{"singlehood_min_age_years": 50, "accepted_causes": ["widow", "مطلقه"]}"#,
        )
        .unwrap();
        assert_eq!(rules.singlehood_min_age_years, 50);
        assert_eq!(
            rules.accepted_causes,
            [HeadshipCause::Widow, HeadshipCause::Divorced]
        );
        assert_eq!(rules.max_income_decile, 5);
        let json = serde_json::to_string(&rules).unwrap();
        assert!(
            json.contains(r#""accepted_causes":["widow","divorced"]"#),
            "{json}"
        );
        assert_eq!(
            serde_json::from_str::<EligibilityRules>(&json).unwrap(),
            rules
        );
    }

    #[test]
    fn a_misspelt_rule_name_is_rejected_rather_than_ignored() {
        assert!(serde_json::from_str::<EligibilityRules>(r#"{"max_income_decil": 4}"#).is_err());
    }

    #[test]
    fn an_eligible_widow_passes_every_rule() {
        let report = evaluate(&EligibilityRules::default(), &eligible_facts(), today());
        assert_eq!(
            verdicts(&report),
            [
                (EligibilityRule::IncomeDecile, Verdict::Passed),
                (EligibilityRule::NoOtherCoverage, Verdict::Passed),
                (EligibilityRule::AcceptedCause, Verdict::Passed),
                (EligibilityRule::MinimumAge, Verdict::Passed),
            ]
        );
        assert!(report.is_eligible());
        assert!(!report.has_unknowns());
        assert!(!report.has_failures());
        assert_eq!(
            report.outcome(EligibilityRule::MinimumAge).unwrap().message,
            age_message(
                "eligibility-age_reached",
                40,
                Message::new("eligibility-what_min_age"),
                18
            )
        );
    }

    #[test]
    fn a_decile_above_the_maximum_fails() {
        let facts = EligibilityFacts {
            income_decile: Some(7),
            ..eligible_facts()
        };
        let report = evaluate(&EligibilityRules::default(), &facts, today());
        let outcome = report.outcome(EligibilityRule::IncomeDecile).unwrap();
        assert_eq!(outcome.verdict, Verdict::Failed);
        assert_eq!(
            outcome.message,
            Message::new("eligibility-decile_above_accepted")
                .arg("decile", 7_u8)
                .arg("max", 5_u8)
        );
        assert!(!report.is_eligible());
        assert!(report.has_failures());
    }

    #[test]
    fn the_maximum_decile_itself_passes() {
        let facts = EligibilityFacts {
            income_decile: Some(5),
            ..eligible_facts()
        };
        let report = evaluate(&EligibilityRules::default(), &facts, today());
        assert!(report.is_eligible());
    }

    #[test]
    fn a_missing_means_test_is_unknown_not_failed() {
        let facts = EligibilityFacts {
            income_decile: None,
            ..eligible_facts()
        };
        let report = evaluate(&EligibilityRules::default(), &facts, today());
        let outcome = report.outcome(EligibilityRule::IncomeDecile).unwrap();
        assert_eq!(outcome.verdict, Verdict::Unknown);
        assert_eq!(
            outcome.message.fa(),
            "دهک درآمدی هنوز با آزمون وسع تعیین نشده است"
        );
        assert!(report.has_unknowns());
        assert!(!report.has_failures());
        assert!(!report.is_eligible());
    }

    #[test]
    fn an_impossible_recorded_decile_is_unknown() {
        let facts = EligibilityFacts {
            income_decile: Some(0),
            ..eligible_facts()
        };
        let report = evaluate(&EligibilityRules::default(), &facts, today());
        let outcome = report.outcome(EligibilityRule::IncomeDecile).unwrap();
        assert_eq!(outcome.verdict, Verdict::Unknown);
        assert_eq!(
            outcome.message,
            Message::new("eligibility-decile_invalid").arg("decile", 0_u8)
        );
    }

    #[test]
    fn coverage_by_another_body_fails_and_an_unanswered_inquiry_is_unknown() {
        let rules = EligibilityRules::default();
        let covered = EligibilityFacts {
            other_coverage: Some(true),
            ..eligible_facts()
        };
        let report = evaluate(&rules, &covered, today());
        let outcome = report.outcome(EligibilityRule::NoOtherCoverage).unwrap();
        assert_eq!(outcome.verdict, Verdict::Failed);
        assert_eq!(
            outcome.message.fa(),
            "بنا بر استعلام، تحت پوشش نهاد حمایتی دیگری است"
        );

        let unanswered = EligibilityFacts {
            other_coverage: None,
            ..eligible_facts()
        };
        let report = evaluate(&rules, &unanswered, today());
        assert_eq!(
            report
                .outcome(EligibilityRule::NoOtherCoverage)
                .unwrap()
                .verdict,
            Verdict::Unknown
        );
    }

    #[test]
    fn other_coverage_is_not_evaluated_when_the_rules_do_not_require_it() {
        let rules = EligibilityRules {
            require_no_other_coverage: false,
            ..EligibilityRules::default()
        };
        let facts = EligibilityFacts {
            other_coverage: Some(true),
            ..eligible_facts()
        };
        let report = evaluate(&rules, &facts, today());
        assert!(report.outcome(EligibilityRule::NoOtherCoverage).is_none());
        assert!(report.is_eligible());
    }

    #[test]
    fn a_cause_the_province_does_not_accept_fails() {
        let rules = EligibilityRules {
            accepted_causes: vec![HeadshipCause::Widow, HeadshipCause::Divorced],
            ..EligibilityRules::default()
        };
        let facts = EligibilityFacts {
            cause: HeadshipCause::HusbandInMilitaryService,
            ..eligible_facts()
        };
        let outcome = evaluate(&rules, &facts, today())
            .outcome(EligibilityRule::AcceptedCause)
            .cloned()
            .unwrap();
        assert_eq!(outcome.verdict, Verdict::Failed);
        assert_eq!(
            outcome.message,
            Message::new("eligibility-cause_not_accepted").arg(
                "cause",
                MessageArg::label("همسر سرباز", "Husband in military service")
            )
        );
    }

    #[test]
    fn a_woman_under_the_minimum_age_fails() {
        let facts = EligibilityFacts {
            birth_date: date(1387, 7, 2),
            ..eligible_facts()
        };
        let outcome = evaluate(&EligibilityRules::default(), &facts, today())
            .outcome(EligibilityRule::MinimumAge)
            .cloned()
            .unwrap();
        assert_eq!(outcome.verdict, Verdict::Failed);
        assert_eq!(
            outcome.message,
            age_message(
                "eligibility-age_below",
                16,
                Message::new("eligibility-what_min_age"),
                18
            )
        );
    }

    #[test]
    fn definitive_singlehood_uses_its_own_age_threshold() {
        let rules = EligibilityRules {
            singlehood_min_age_years: 50,
            ..EligibilityRules::default()
        };
        let facts = EligibilityFacts {
            cause: HeadshipCause::DefinitiveSinglehood,
            birth_date: date(1357, 1, 1),
            ..eligible_facts()
        };
        let report = evaluate(&rules, &facts, today());
        assert!(report.outcome(EligibilityRule::MinimumAge).is_none());
        let outcome = report.outcome(EligibilityRule::SinglehoodAge).unwrap();
        assert_eq!(outcome.verdict, Verdict::Failed);
        assert_eq!(
            outcome.message,
            age_message(
                "eligibility-age_below",
                47,
                Message::new("singlehood-national_threshold"),
                50
            )
        );
        let older = EligibilityFacts {
            birth_date: date(1354, 7, 1),
            ..facts
        };
        let report = evaluate(&rules, &older, today());
        assert_eq!(
            report
                .outcome(EligibilityRule::SinglehoodAge)
                .unwrap()
                .verdict,
            Verdict::Passed
        );
        assert!(report.is_eligible());
    }

    fn qazvin(years: u8) -> SinglehoodThreshold {
        SinglehoodThreshold::provincial(
            crate::registry::ProvincialSinglehoodAge::new(years).unwrap(),
            "قزوین",
            "Qazvin",
        )
    }

    #[test]
    fn a_provinces_own_singlehood_threshold_replaces_the_national_one_and_is_named() {
        let rules = EligibilityRules::default();
        // 47 on 1404/07/01: above the national 45, below Qazvin's 50.
        let facts = EligibilityFacts {
            cause: HeadshipCause::DefinitiveSinglehood,
            birth_date: date(1357, 1, 1),
            ..eligible_facts()
        };
        let national = evaluate(&rules, &facts, today());
        let outcome = national.outcome(EligibilityRule::SinglehoodAge).unwrap();
        assert_eq!(outcome.verdict, Verdict::Passed);
        assert_eq!(
            outcome.message,
            age_message(
                "eligibility-age_reached",
                47,
                Message::new("singlehood-national_threshold"),
                45
            )
        );
        assert_eq!(
            evaluate_with(
                &rules,
                &SinglehoodThreshold::national(&rules),
                &facts,
                today()
            ),
            national,
            "the national threshold is what evaluate uses"
        );

        let provincial = evaluate_with(&rules, &qazvin(50), &facts, today());
        let outcome = provincial.outcome(EligibilityRule::SinglehoodAge).unwrap();
        assert_eq!(outcome.verdict, Verdict::Failed);
        assert_eq!(
            outcome.message,
            age_message(
                "eligibility-age_below",
                47,
                Message::new("singlehood-provincial_threshold")
                    .arg("province", MessageArg::label("قزوین", "Qazvin")),
                50
            )
        );
        assert!(!provincial.is_eligible());

        // A province may also be more lenient than the nation.
        let strict = EligibilityRules {
            singlehood_min_age_years: 55,
            ..EligibilityRules::default()
        };
        let lenient = evaluate_with(&strict, &qazvin(45), &facts, today());
        assert!(lenient.is_eligible());
    }

    #[test]
    fn a_provincial_singlehood_threshold_leaves_the_other_causes_alone() {
        let rules = EligibilityRules::default();
        for cause in HeadshipCause::ALL {
            if cause == HeadshipCause::DefinitiveSinglehood {
                continue;
            }
            let facts = EligibilityFacts {
                cause,
                ..eligible_facts()
            };
            assert_eq!(
                evaluate_with(&rules, &qazvin(55), &facts, today()),
                evaluate(&rules, &facts, today()),
                "{cause:?}"
            );
        }
    }

    #[test]
    fn a_self_headed_girl_uses_her_own_age_threshold() {
        let rules = EligibilityRules {
            min_age_years: 20,
            self_headed_girl_min_age_years: 16,
            ..EligibilityRules::default()
        };
        let facts = EligibilityFacts {
            cause: HeadshipCause::SelfHeadedGirl,
            birth_date: date(1387, 1, 1),
            ..eligible_facts()
        };
        let report = evaluate(&rules, &facts, today());
        assert_eq!(
            verdicts(&report).last(),
            Some(&(EligibilityRule::SelfHeadedGirlAge, Verdict::Passed))
        );
        assert!(report.outcome(EligibilityRule::MinimumAge).is_none());
    }

    #[test]
    fn a_birth_date_after_today_fails_the_age_rule() {
        let facts = EligibilityFacts {
            birth_date: date(1404, 7, 2),
            ..eligible_facts()
        };
        let outcome = evaluate(&EligibilityRules::default(), &facts, today())
            .outcome(EligibilityRule::MinimumAge)
            .cloned()
            .unwrap();
        assert_eq!(outcome.verdict, Verdict::Failed);
        assert_eq!(outcome.message.fa(), "تاریخ تولد بعد از امروز است");
    }

    #[test]
    fn age_grows_on_the_birthday_and_not_the_day_before() {
        let birth = date(1362, 5, 14);
        assert_eq!(age_in_years(birth, date(1402, 5, 13)), 39);
        assert_eq!(age_in_years(birth, date(1402, 5, 14)), 40);
        assert_eq!(age_in_years(birth, date(1402, 5, 15)), 40);
        assert_eq!(age_in_years(birth, birth), 0);
        assert_eq!(age_in_years(birth, date(1362, 5, 13)), -1);
    }

    #[test]
    fn the_birthday_rule_holds_around_the_end_of_a_leap_year() {
        assert!(JalaliDate::is_leap_year(1403).unwrap());
        let birth = date(1380, 12, 29);
        assert_eq!(age_in_years(birth, date(1403, 12, 28)), 22);
        assert_eq!(age_in_years(birth, date(1403, 12, 29)), 23);
        assert_eq!(age_in_years(birth, date(1403, 12, 30)), 23);
    }

    #[test]
    fn a_leap_day_birthday_comes_on_the_leap_day_or_else_on_nowruz() {
        assert!(JalaliDate::is_leap_year(1399).unwrap());
        assert!(!JalaliDate::is_leap_year(1404).unwrap());
        let birth = date(1399, 12, 30);
        // In the leap year 1403 the birthday itself exists.
        assert_eq!(age_in_years(birth, date(1403, 12, 29)), 3);
        assert_eq!(age_in_years(birth, date(1403, 12, 30)), 4);
        // In the common year 1404 Esfand ends on the 29th: the day before the
        // birthday is the last day of the year, the birthday is 1 Farvardin.
        assert_eq!(age_in_years(birth, date(1404, 12, 29)), 4);
        assert_eq!(age_in_years(birth, date(1405, 1, 1)), 5);
    }

    #[test]
    fn labels_of_rules_and_verdicts_are_bilingual() {
        assert_eq!(EligibilityRule::SinglehoodAge.label_fa(), "سن تجرد قطعی");
        assert_eq!(Verdict::Unknown.label_en(), "Unknown");
        assert_eq!(Verdict::parse("احراز نشد"), Some(Verdict::Failed));
    }

    proptest! {
        #[test]
        fn age_is_the_year_difference_or_one_less(
            birth_days in 0i64..60_000,
            span in 0i64..50_000,
        ) {
            let birth = date(1300, 1, 1).add_days(birth_days);
            let today = birth.add_days(span);
            let age = age_in_years(birth, today);
            let difference = today.year() - birth.year();
            prop_assert!(age == difference || age == difference - 1);
            prop_assert!(age >= 0);
            prop_assert!(i64::from(age) * 365 <= span);
            prop_assert!(span < (i64::from(age) + 1) * 366);
        }

        #[test]
        fn eligibility_is_all_passed_and_never_both_eligible_and_unknown(
            decile in proptest::option::of(0u8..12),
            other in proptest::option::of(any::<bool>()),
            cause_index in 0..HeadshipCause::ALL.len(),
            birth_days in 0i64..40_000,
        ) {
            let facts = EligibilityFacts {
                birth_date: date(1300, 1, 1).add_days(birth_days),
                cause: HeadshipCause::ALL[cause_index],
                income_decile: decile,
                other_coverage: other,
            };
            let report = evaluate(&EligibilityRules::default(), &facts, today());
            prop_assert!(!(report.is_eligible() && report.has_unknowns()));
            prop_assert_eq!(
                report.is_eligible(),
                !report.has_unknowns() && !report.has_failures()
            );
            prop_assert_eq!(report.outcomes.len(), 4);
        }
    }
}
