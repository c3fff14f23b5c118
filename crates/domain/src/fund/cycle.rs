//! A fund cycle and the rules its members agreed: from which day to which (Jalali), the value
//! of one share, how many shares a member may buy at a meeting, how often they meet, the
//! disclosed service fee on a loan (کارمزد, in basis points of the amount — the fund lends
//! interest-free, قرض‌الحسنه), how much a member may borrow against her savings, the longest
//! term, the social-fund contribution, and the rules in the members' own words. The form is
//! checked whole: every mistake is reported at once, and nothing is kept of a refused form.

use serde::Serialize;

use crate::digits::to_latin_digits;
use crate::group_life::required_date;
use crate::jalali::JalaliDate;
use crate::message::{Message, MessageArg};
use crate::money::Rials;
use crate::registry::Problem;
use crate::registry::fields::{Collector, free_text};

/// The most a share may be worth (one billion rials): a share is a small weekly amount.
pub const SHARE_VALUE_MAX: i64 = 1_000_000_000;
/// The most shares one member may buy at one meeting (the savings-group norm is five).
pub const MAX_SHARES_LIMIT: u8 = 10;
/// The highest service fee, in basis points of a loan (10 %).
pub const FEE_BASIS_POINTS_MAX: u32 = 1_000;
/// The largest multiple of her savings a member may borrow.
pub const LOAN_LIMIT_MULTIPLE_MAX: u8 = 10;
/// The longest loan term, in months.
pub const TERM_MONTHS_MAX: u8 = 24;
/// The longest a cycle may run, in days (two years).
pub const CYCLE_DAYS_MAX: i64 = 731;
/// The longest text of the agreed rules.
pub const RULES_MAX_CHARS: usize = 4_000;

/// How often the members meet to save.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum MeetingEvery {
    Weekly,
    Fortnightly,
    Monthly,
}

impl MeetingEvery {
    pub const ALL: [MeetingEvery; 3] = [
        MeetingEvery::Weekly,
        MeetingEvery::Fortnightly,
        MeetingEvery::Monthly,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MeetingEvery::Weekly => "weekly",
            MeetingEvery::Fortnightly => "fortnightly",
            MeetingEvery::Monthly => "monthly",
        }
    }

    pub fn parse(code: &str) -> Option<MeetingEvery> {
        MeetingEvery::ALL
            .into_iter()
            .find(|every| every.code() == code.trim())
    }

    /// The catalogue id of its label.
    pub fn label(self) -> &'static str {
        match self {
            MeetingEvery::Weekly => "fund-every_weekly",
            MeetingEvery::Fortnightly => "fund-every_fortnightly",
            MeetingEvery::Monthly => "fund-every_monthly",
        }
    }
}

/// The cycle's form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CycleInput {
    pub starts_on: String,
    pub ends_on: String,
    pub share_value: String,
    pub max_shares: String,
    pub meeting_every: String,
    /// Percent of the loan, e.g. `2` or `۲٫۵`.
    pub fee_percent: String,
    pub loan_limit_multiple: String,
    pub max_term_months: String,
    pub social_rials: String,
    pub rules: String,
}

/// A cycle's rules, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CycleRules {
    pub starts_on: JalaliDate,
    pub ends_on: JalaliDate,
    pub share_value: Rials,
    pub max_shares: u8,
    pub meeting_every: MeetingEvery,
    pub fee_basis_points: u32,
    pub loan_limit_multiple: u8,
    pub max_term_months: u8,
    /// Each member's contribution to the social fund at a meeting (may be zero).
    pub social_rials: Rials,
    pub rules: String,
}

impl CycleRules {
    /// Checks the form: dates in order and at most two years apart, every number in bounds.
    pub fn parse(input: &CycleInput) -> Result<CycleRules, Vec<Problem>> {
        let mut problems = Collector::default();
        let starts_on = problems.take(required_date(
            "starts_on",
            &input.starts_on,
            "fund-what_starts_on",
        ));
        let ends_on = problems.take(required_date(
            "ends_on",
            &input.ends_on,
            "fund-what_ends_on",
        ));
        if let (Some(start), Some(end)) = (starts_on, ends_on) {
            let days = start.days_until(end);
            if days <= 0 {
                problems.take::<()>(Err(Problem::new(
                    "ends_on",
                    Message::new("fund-cycle_ends_before_start"),
                )));
            } else if days > CYCLE_DAYS_MAX {
                problems.take::<()>(Err(Problem::new(
                    "ends_on",
                    Message::new("fund-cycle_too_long"),
                )));
            }
        }
        let share_value = problems.take(amount(
            "share_value",
            &input.share_value,
            1,
            SHARE_VALUE_MAX,
        ));
        let max_shares = problems.take(whole(
            "max_shares",
            &input.max_shares,
            1,
            i64::from(MAX_SHARES_LIMIT),
        ));
        let meeting_every = problems.take(
            MeetingEvery::parse(&input.meeting_every)
                .ok_or_else(|| Problem::new("meeting_every", Message::new("fund-every_unknown"))),
        );
        let fee_basis_points =
            problems.take(percent_as_basis_points("fee_percent", &input.fee_percent));
        let loan_limit_multiple = problems.take(whole(
            "loan_limit_multiple",
            &input.loan_limit_multiple,
            1,
            i64::from(LOAN_LIMIT_MULTIPLE_MAX),
        ));
        let max_term_months = problems.take(whole(
            "max_term_months",
            &input.max_term_months,
            1,
            i64::from(TERM_MONTHS_MAX),
        ));
        let social_rials = problems.take(if input.social_rials.trim().is_empty() {
            Ok(Rials::zero())
        } else {
            amount("social_rials", &input.social_rials, 0, SHARE_VALUE_MAX)
        });
        let rules = problems.take(free_text("rules", &input.rules, RULES_MAX_CHARS, true));
        problems.finish(|| {
            Some(CycleRules {
                starts_on: starts_on?,
                ends_on: ends_on?,
                share_value: share_value?,
                max_shares: u8::try_from(max_shares?).ok()?,
                meeting_every: meeting_every?,
                fee_basis_points: fee_basis_points?,
                loan_limit_multiple: u8::try_from(loan_limit_multiple?).ok()?,
                max_term_months: u8::try_from(max_term_months?).ok()?,
                social_rials: social_rials?,
                rules: rules?,
            })
        })
    }

    /// Whether a day falls in the cycle (both ends included).
    pub fn contains(&self, day: JalaliDate) -> bool {
        self.starts_on <= day && day <= self.ends_on
    }
}

/// An amount of rials from `min` to `max`, in any digits.
pub(crate) fn amount(
    field: &'static str,
    text: &str,
    min: i64,
    max: i64,
) -> Result<Rials, Problem> {
    if text.trim().is_empty() {
        return Err(Problem::new(field, Message::new("fund-amount_required")));
    }
    let value = Rials::parse(text).map_err(|error| Problem::from_error(field, &error))?;
    if value.value() < min || value.value() > max {
        return Err(Problem::new(
            field,
            Message::new("fund-amount_out_of_range")
                .arg("min", MessageArg::Number(min))
                .arg("max", MessageArg::Number(max)),
        ));
    }
    Ok(value)
}

/// A whole number from `min` to `max`, in any digits.
pub(crate) fn whole(field: &'static str, text: &str, min: i64, max: i64) -> Result<i64, Problem> {
    let latin = to_latin_digits(text.trim());
    let value: i64 = latin.parse().map_err(|_| {
        Problem::new(
            field,
            Message::new("fund-not_a_whole_number").arg("text", MessageArg::Text(quote(text))),
        )
    })?;
    if value < min || value > max {
        return Err(Problem::new(
            field,
            Message::new("fund-number_out_of_range")
                .arg("min", MessageArg::Number(min))
                .arg("max", MessageArg::Number(max)),
        ));
    }
    Ok(value)
}

/// A percent with at most two decimals (`2`, `2.5`, `۲٫۵`, `2/5`), as basis points.
fn percent_as_basis_points(field: &'static str, text: &str) -> Result<u32, Problem> {
    let latin = to_latin_digits(text.trim()).replace(['٫', '/', ','], ".");
    let refused = || {
        Problem::new(
            field,
            Message::new("fund-fee_not_a_percent").arg("text", MessageArg::Text(quote(text))),
        )
    };
    let (whole_part, fraction) = match latin.split_once('.') {
        Some((whole_part, fraction)) => (whole_part, fraction),
        None => (latin.as_str(), ""),
    };
    if whole_part.is_empty()
        || fraction.len() > 2
        || !whole_part.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || whole_part.len() > 3
    {
        return Err(refused());
    }
    let whole_value: u32 = whole_part.parse().map_err(|_| refused())?;
    let fraction_value: u32 = format!("{fraction:0<2}").parse().map_err(|_| refused())?;
    let basis_points = whole_value * 100 + fraction_value;
    if basis_points > FEE_BASIS_POINTS_MAX {
        return Err(Problem::new(
            field,
            Message::new("fund-fee_too_high").arg(
                "max",
                MessageArg::Number(i64::from(FEE_BASIS_POINTS_MAX / 100)),
            ),
        ));
    }
    Ok(basis_points)
}

fn quote(text: &str) -> String {
    text.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CycleInput {
        CycleInput {
            starts_on: "1405/01/15".into(),
            ends_on: "۱۴۰۵/۱۲/۱۵".into(),
            share_value: "۵۰۰٬۰۰۰".into(),
            max_shares: "5".into(),
            meeting_every: "weekly".into(),
            fee_percent: "۲٫۵".into(),
            loan_limit_multiple: "3".into(),
            max_term_months: "6".into(),
            social_rials: "100000".into(),
            rules: "  هر عضو هر هفته دست‌کم یک سهم می‌خرد. ".into(),
        }
    }

    #[test]
    fn a_typical_cycle_reads_in_any_digits() {
        let rules = CycleRules::parse(&input()).unwrap();
        assert_eq!(rules.share_value, Rials::new(500_000));
        assert_eq!(rules.fee_basis_points, 250);
        assert_eq!(rules.max_shares, 5);
        assert_eq!(rules.meeting_every, MeetingEvery::Weekly);
        assert_eq!(rules.rules, "هر عضو هر هفته دست‌کم یک سهم می‌خرد.");
    }

    #[test]
    fn every_mistake_is_reported_at_once() {
        let mut bad = input();
        bad.ends_on = "1405/01/01".into();
        bad.share_value = "0".into();
        bad.fee_percent = "12".into();
        bad.max_term_months = "36".into();
        bad.meeting_every = "daily".into();
        let problems = CycleRules::parse(&bad).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "ends_on",
                "share_value",
                "meeting_every",
                "fee_percent",
                "max_term_months"
            ]
        );
    }

    #[test]
    fn fees_read_as_basis_points() {
        for (text, points) in [
            ("0", 0),
            ("4", 400),
            ("2.5", 250),
            ("۰٫۷۵", 75),
            ("10", 1000),
        ] {
            assert_eq!(percent_as_basis_points("f", text), Ok(points), "{text}");
        }
        for text in ["", "-1", "2.555", "abc", "10.01"] {
            assert!(percent_as_basis_points("f", text).is_err(), "{text}");
        }
    }
}
