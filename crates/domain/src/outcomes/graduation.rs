//! Graduation criteria (issue 19): when a woman — or a group — may leave support as
//! empowered, judged on evidence, one verdict per criterion as eligibility is judged
//! (`crate::registry::Verdict`: passed, failed, or unknown when the evidence is missing).
//!
//! A province chooses its criteria ([`Criteria`], kept as a provincial setting); the default is
//! the programme's usual four:
//! - **her own income** (her own work and the group's business, the household economics
//!   form's `own_income`) at least the monthly pension of her household size, on every form
//!   over at least the last six months: the latest form and the latest one taken six months or
//!   more before it must both exist, and every form between them meets the bar;
//! - **the group's business** active for twelve months: her current group has been in an
//!   active stage without a break since at least twelve months ago;
//! - **self-esteem not lower than at baseline**: her latest Rosenberg total (after the
//!   baseline) at least her baseline total;
//! - **no pension needed**: her latest household form reports no Behzisti pension and she is
//!   not a pensioner.
//!
//! A group may graduate when its business has been active for the same months and at least
//! [`Criteria::group_member_percent`] of its current members meet every criterion (or already
//! left support as empowered).

use serde::{Deserialize, Serialize};

use crate::digits::to_latin_digits;
use crate::jalali::JalaliDate;
use crate::message::{Message, MessageArg};
use crate::registry::{Problem, Verdict};
use crate::training::follow_up::months_after;

/// The longest period a criterion may ask for, in months.
pub const MAX_MONTHS: u8 = 60;

/// A province's graduation criteria. `None` / `false`: the criterion is not asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criteria {
    pub own_income_months: Option<u8>,
    pub business_months: Option<u8>,
    pub self_esteem: bool,
    pub no_pension: bool,
    /// The share of a group's current members who must meet the criteria for it to graduate.
    pub group_member_percent: u8,
}

impl Default for Criteria {
    fn default() -> Criteria {
        Criteria {
            own_income_months: Some(6),
            business_months: Some(12),
            self_esteem: true,
            no_pension: true,
            group_member_percent: 50,
        }
    }
}

/// The criteria form as typed: months blank for "not asked", Persian digits accepted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CriteriaInput {
    pub own_income_months: String,
    pub business_months: String,
    pub self_esteem: bool,
    pub no_pension: bool,
    pub group_member_percent: String,
}

fn months(field: &'static str, text: &str) -> Result<Option<u8>, Problem> {
    let text = to_latin_digits(text.trim());
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u8>() {
        Ok(value) if (1..=MAX_MONTHS).contains(&value) => Ok(Some(value)),
        _ => Err(Problem::new(
            field,
            Message::new("graduation-months_range").arg("max", MessageArg::Number(60)),
        )),
    }
}

impl CriteriaInput {
    /// Reads the form; every mistake at once.
    pub fn parse(&self) -> Result<Criteria, Vec<Problem>> {
        let mut problems = Vec::new();
        let own = months("own_income_months", &self.own_income_months)
            .map_err(|p| problems.push(p))
            .ok()
            .flatten();
        let business = months("business_months", &self.business_months)
            .map_err(|p| problems.push(p))
            .ok()
            .flatten();
        let percent = match to_latin_digits(self.group_member_percent.trim()).parse::<u8>() {
            Ok(value) if (1..=100).contains(&value) => value,
            _ => {
                problems.push(Problem::new(
                    "group_member_percent",
                    Message::new("graduation-percent_range"),
                ));
                0
            }
        };
        if problems.is_empty() {
            Ok(Criteria {
                own_income_months: own,
                business_months: business,
                self_esteem: self.self_esteem,
                no_pension: self.no_pension,
                group_member_percent: percent,
            })
        } else {
            Err(problems)
        }
    }
}

/// One household economics form, as the criteria read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HouseholdForm {
    pub taken_on: JalaliDate,
    pub own_income: Option<i64>,
    pub pension_income: Option<i64>,
}

/// What a woman's verdicts are judged on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// Her household economics forms, oldest first.
    pub household: Vec<HouseholdForm>,
    /// The monthly pension of her household size this fiscal year, when the table is set.
    pub pension_bar: Option<i64>,
    /// Her Rosenberg totals: at baseline, and on her latest later form.
    pub self_esteem_baseline: Option<i64>,
    pub self_esteem_latest: Option<i64>,
    /// Since when her current group has been active without a break (none: no active group).
    pub business_active_since: Option<JalaliDate>,
    /// Whether she is a pensioner now.
    pub pensioner: bool,
}

/// Which criterion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    OwnIncome,
    Business,
    SelfEsteem,
    NoPension,
    /// A group's: the share of its members who meet the criteria.
    Members,
}

impl Criterion {
    pub const fn code(self) -> &'static str {
        match self {
            Criterion::OwnIncome => "own_income",
            Criterion::Business => "business",
            Criterion::SelfEsteem => "self_esteem",
            Criterion::NoPension => "no_pension",
            Criterion::Members => "members",
        }
    }
}

/// One criterion's verdict, explained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CriterionVerdict {
    pub criterion: Criterion,
    pub verdict: Verdict,
    pub message: Message,
}

fn verdict(criterion: Criterion, verdict: Verdict, message: Message) -> CriterionVerdict {
    CriterionVerdict {
        criterion,
        verdict,
        message,
    }
}

/// Whether every verdict passed (and there is at least one).
pub fn all_pass(verdicts: &[CriterionVerdict]) -> bool {
    !verdicts.is_empty() && verdicts.iter().all(|v| v.verdict == Verdict::Passed)
}

/// Her own income against the pension of her household size over the last `months` months.
fn own_income(months: u8, evidence: &Evidence) -> CriterionVerdict {
    let c = Criterion::OwnIncome;
    let Some(bar) = evidence.pension_bar else {
        return verdict(
            c,
            Verdict::Unknown,
            Message::new("graduation-no_pension_table"),
        );
    };
    let forms: Vec<&HouseholdForm> = evidence
        .household
        .iter()
        .filter(|f| f.own_income.is_some())
        .collect();
    let Some(latest) = forms.last() else {
        return verdict(
            c,
            Verdict::Unknown,
            Message::new("graduation-no_household_form"),
        );
    };
    let Some(start) = forms
        .iter()
        .rposition(|f| months_after(f.taken_on, months) <= latest.taken_on)
    else {
        return verdict(
            c,
            Verdict::Unknown,
            Message::new("graduation-income_not_long_enough")
                .arg("months", MessageArg::Number(i64::from(months))),
        );
    };
    let window = &forms[start..];
    let lowest = window
        .iter()
        .filter_map(|f| f.own_income)
        .min()
        .unwrap_or(0);
    let message = |id| {
        Message::new(id)
            .arg("lowest", MessageArg::Money(lowest))
            .arg("bar", MessageArg::Money(bar))
            .arg("months", MessageArg::Number(i64::from(months)))
    };
    if lowest >= bar {
        verdict(c, Verdict::Passed, message("graduation-income_holds"))
    } else {
        verdict(c, Verdict::Failed, message("graduation-income_below"))
    }
}

/// Whether a business active since `since` has been active `months` months by `today`.
fn business(months: u8, since: Option<JalaliDate>, today: JalaliDate) -> CriterionVerdict {
    let c = Criterion::Business;
    match since {
        None => verdict(
            c,
            Verdict::Failed,
            Message::new("graduation-no_active_group"),
        ),
        Some(since) if months_after(since, months) <= today => verdict(
            c,
            Verdict::Passed,
            Message::new("graduation-business_holds")
                .arg("since", MessageArg::digits(since))
                .arg("months", MessageArg::Number(i64::from(months))),
        ),
        Some(since) => verdict(
            c,
            Verdict::Failed,
            Message::new("graduation-business_short")
                .arg("since", MessageArg::digits(since))
                .arg("months", MessageArg::Number(i64::from(months))),
        ),
    }
}

fn self_esteem(evidence: &Evidence) -> CriterionVerdict {
    let c = Criterion::SelfEsteem;
    match (evidence.self_esteem_baseline, evidence.self_esteem_latest) {
        (Some(before), Some(after)) => {
            let message = Message::new(if after >= before {
                "graduation-self_esteem_holds"
            } else {
                "graduation-self_esteem_lower"
            })
            .arg("before", MessageArg::Number(before))
            .arg("after", MessageArg::Number(after));
            let v = if after >= before {
                Verdict::Passed
            } else {
                Verdict::Failed
            };
            verdict(c, v, message)
        }
        _ => verdict(
            c,
            Verdict::Unknown,
            Message::new("graduation-self_esteem_missing"),
        ),
    }
}

fn no_pension(evidence: &Evidence) -> CriterionVerdict {
    let c = Criterion::NoPension;
    if evidence.pensioner {
        return verdict(c, Verdict::Failed, Message::new("graduation-is_pensioner"));
    }
    match evidence
        .household
        .iter()
        .rev()
        .find_map(|f| f.pension_income)
    {
        None => verdict(
            c,
            Verdict::Unknown,
            Message::new("graduation-no_household_form"),
        ),
        Some(0) => verdict(
            c,
            Verdict::Passed,
            Message::new("graduation-no_pension_holds"),
        ),
        Some(amount) => verdict(
            c,
            Verdict::Failed,
            Message::new("graduation-pension_received").arg("amount", MessageArg::Money(amount)),
        ),
    }
}

/// A woman's verdicts, one per criterion the province asks, on `today`.
pub fn judge_woman(
    criteria: &Criteria,
    evidence: &Evidence,
    today: JalaliDate,
) -> Vec<CriterionVerdict> {
    let mut verdicts = Vec::new();
    if let Some(months) = criteria.own_income_months {
        verdicts.push(own_income(months, evidence));
    }
    if let Some(months) = criteria.business_months {
        verdicts.push(business(months, evidence.business_active_since, today));
    }
    if criteria.self_esteem {
        verdicts.push(self_esteem(evidence));
    }
    if criteria.no_pension {
        verdicts.push(no_pension(evidence));
    }
    verdicts
}

/// A group's verdicts: its business's months, and the share of its current members who meet
/// the criteria (`meeting` of `members`).
pub fn judge_group(
    criteria: &Criteria,
    active_since: Option<JalaliDate>,
    meeting: usize,
    members: usize,
    today: JalaliDate,
) -> Vec<CriterionVerdict> {
    let mut verdicts = Vec::new();
    if let Some(months) = criteria.business_months {
        verdicts.push(business(months, active_since, today));
    }
    let needed = (members * usize::from(criteria.group_member_percent)).div_ceil(100);
    let message = Message::new("graduation-members")
        .arg("meeting", MessageArg::Number(meeting as i64))
        .arg("members", MessageArg::Number(members as i64))
        .arg("needed", MessageArg::Number(needed as i64));
    let v = if members > 0 && meeting >= needed {
        Verdict::Passed
    } else {
        Verdict::Failed
    };
    verdicts.push(verdict(Criterion::Members, v, message));
    verdicts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> JalaliDate {
        JalaliDate::parse(text).unwrap()
    }

    fn form(taken_on: &str, own: i64, pension: i64) -> HouseholdForm {
        HouseholdForm {
            taken_on: day(taken_on),
            own_income: Some(own),
            pension_income: Some(pension),
        }
    }

    fn evidence(household: Vec<HouseholdForm>) -> Evidence {
        Evidence {
            household,
            pension_bar: Some(10_000_000),
            self_esteem_baseline: Some(15),
            self_esteem_latest: Some(22),
            business_active_since: Some(day("1404/01/15")),
            pensioner: false,
        }
    }

    fn verdicts(evidence: &Evidence) -> Vec<Verdict> {
        judge_woman(&Criteria::default(), evidence, day("1405/09/08"))
            .iter()
            .map(|v| v.verdict)
            .collect()
    }

    #[test]
    fn a_woman_earning_above_the_pension_for_six_months_passes_every_criterion() {
        let e = evidence(vec![
            form("1404/03/01", 2_000_000, 8_000_000),
            form("1405/02/20", 11_000_000, 0),
            form("1405/08/25", 12_000_000, 0),
        ]);
        assert_eq!(verdicts(&e), [Verdict::Passed; 4]);
        assert!(all_pass(&judge_woman(
            &Criteria::default(),
            &e,
            day("1405/09/08")
        )));
    }

    #[test]
    fn income_needs_six_months_of_forms_all_above_the_bar() {
        // Only three months between the forms: not known yet.
        let short = evidence(vec![
            form("1405/05/20", 11_000_000, 0),
            form("1405/08/25", 12_000_000, 0),
        ]);
        assert_eq!(verdicts(&short)[0], Verdict::Unknown);
        // A dip below the bar inside the window fails.
        let dip = evidence(vec![
            form("1405/02/20", 11_000_000, 0),
            form("1405/05/01", 9_000_000, 0),
            form("1405/08/25", 12_000_000, 0),
        ]);
        assert_eq!(verdicts(&dip)[0], Verdict::Failed);
        let none = evidence(Vec::new());
        assert_eq!(verdicts(&none)[0], Verdict::Unknown);
        assert_eq!(verdicts(&none)[3], Verdict::Unknown);
    }

    #[test]
    fn a_young_business_lower_self_esteem_and_a_pension_fail() {
        let mut e = evidence(vec![form("1405/02/20", 11_000_000, 5_000_000)]);
        e.business_active_since = Some(day("1405/01/01"));
        e.self_esteem_latest = Some(12);
        let v = verdicts(&e);
        assert_eq!(v[1..], [Verdict::Failed, Verdict::Failed, Verdict::Failed]);
        e.business_active_since = None;
        assert_eq!(verdicts(&e)[1], Verdict::Failed);
        e.self_esteem_baseline = None;
        assert_eq!(verdicts(&e)[2], Verdict::Unknown);
    }

    #[test]
    fn a_group_needs_its_share_of_members() {
        let criteria = Criteria::default();
        let today = day("1405/09/08");
        let since = Some(day("1404/01/01"));
        let pass = judge_group(&criteria, since, 3, 6, today);
        assert!(all_pass(&pass));
        let short = judge_group(&criteria, since, 2, 6, today);
        assert!(!all_pass(&short));
        assert!(!all_pass(&judge_group(&criteria, since, 0, 0, today)));
    }

    #[test]
    fn the_form_reads_persian_digits_and_refuses_out_of_range() {
        let criteria = CriteriaInput {
            own_income_months: "۶".into(),
            business_months: String::new(),
            self_esteem: true,
            no_pension: false,
            group_member_percent: "۵۰".into(),
        }
        .parse()
        .unwrap();
        assert_eq!(criteria.own_income_months, Some(6));
        assert_eq!(criteria.business_months, None);
        let problems = CriteriaInput {
            own_income_months: "61".into(),
            group_member_percent: "0".into(),
            ..CriteriaInput::default()
        }
        .parse()
        .unwrap_err();
        assert_eq!(problems.len(), 2);
    }
}
