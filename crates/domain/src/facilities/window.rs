//! The double-support rule: support a woman received within a province's number of months
//! before a date counts as prior support, and a new grant or loan on that date is warned
//! about ([`SupportWindow::counts`]).
//!
//! The window runs from the same day N months earlier (the month's last day when that month
//! is shorter) up to and including the date itself; support dated after it is not "prior".
//! Support that was withdrawn (a programme tranche reversed) never counts. N is a provincial
//! setting from 1 to 120 months, [`DOUBLE_SUPPORT_MONTHS_DEFAULT`] where a province has not
//! chosen: the sources are silent on it, so it is configurable.

use crate::message::{Message, MessageArg};
use serde::{Deserialize, Serialize};

use crate::digits::to_latin_digits;
use crate::jalali::JalaliDate;
use crate::registry::Problem;

/// Months looked back where a province has not chosen.
pub const DOUBLE_SUPPORT_MONTHS_DEFAULT: u8 = 12;

/// The longest window a province may choose (ten years).
pub const DOUBLE_SUPPORT_MONTHS_MAX: u8 = 120;

/// The form field of the setting.
pub const FIELD: &str = "double_support_months";

/// A province's window, 1–120 months.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct SupportWindow(u8);

impl Default for SupportWindow {
    fn default() -> Self {
        SupportWindow(DOUBLE_SUPPORT_MONTHS_DEFAULT)
    }
}

fn out_of_range() -> Problem {
    Problem::new(
        FIELD,
        Message::new("window-months_out_of_range").arg("max", DOUBLE_SUPPORT_MONTHS_MAX),
    )
}

impl TryFrom<u8> for SupportWindow {
    type Error = Problem;

    fn try_from(months: u8) -> Result<Self, Problem> {
        if (1..=DOUBLE_SUPPORT_MONTHS_MAX).contains(&months) {
            Ok(SupportWindow(months))
        } else {
            Err(out_of_range())
        }
    }
}

impl From<SupportWindow> for u8 {
    fn from(window: SupportWindow) -> u8 {
        window.0
    }
}

impl SupportWindow {
    /// Reads a typed number of months, with Persian, Arabic or Latin digits.
    pub fn parse(text: &str) -> Result<SupportWindow, Problem> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(Problem::new(
                FIELD,
                Message::new("window-number_months_required"),
            ));
        }
        let number = to_latin_digits(trimmed).parse::<u64>().map_err(|_| {
            Problem::new(
                FIELD,
                Message::new("window-months_not_a_number")
                    .arg("text", MessageArg::digits(trimmed))
                    .arg("max", DOUBLE_SUPPORT_MONTHS_MAX),
            )
        })?;
        u8::try_from(number)
            .map_err(|_| out_of_range())
            .and_then(SupportWindow::try_from)
    }

    pub fn months(self) -> u8 {
        self.0
    }

    /// The first day of the window that ends on `on`.
    pub fn start(self, on: JalaliDate) -> JalaliDate {
        months_before(on, self.0)
    }

    /// Whether support granted on `granted_on` (withdrawn or not) counts as prior support for
    /// a new grant or loan on `on`.
    pub fn counts(self, granted_on: JalaliDate, withdrawn: bool, on: JalaliDate) -> bool {
        !withdrawn && self.start(on) <= granted_on && granted_on <= on
    }
}

/// The same day `months` months before `date`, or that month's last day when it is shorter
/// (30 Esfand of a common year becomes 29 Esfand).
pub fn months_before(date: JalaliDate, months: u8) -> JalaliDate {
    let total = date.year() * 12 + i32::from(date.month()) - 1 - i32::from(months);
    let (year, month) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8);
    let last = JalaliDate::days_in_month(year, month).unwrap_or(29);
    JalaliDate::new(year, month, date.day().min(last)).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u8, day: u8) -> JalaliDate {
        JalaliDate::new(year, month, day).unwrap()
    }

    #[test]
    fn months_before_keeps_the_day_and_crosses_years() {
        assert_eq!(months_before(day(1405, 9, 8), 12), day(1404, 9, 8));
        assert_eq!(months_before(day(1405, 2, 10), 3), day(1404, 11, 10));
        assert_eq!(months_before(day(1405, 9, 8), 120), day(1395, 9, 8));
    }

    #[test]
    fn a_shorter_month_clamps_to_its_last_day() {
        // 1403 is a leap year (Esfand has 30 days); 1402 is not.
        assert_eq!(months_before(day(1403, 12, 30), 12), day(1402, 12, 29));
        assert_eq!(months_before(day(1404, 6, 31), 6), day(1403, 12, 30));
        assert_eq!(months_before(day(1405, 1, 31), 2), day(1404, 11, 30));
    }

    #[test]
    fn support_inside_the_window_counts_and_outside_or_withdrawn_does_not() {
        let window = SupportWindow::default();
        let on = day(1405, 9, 8);
        assert!(window.counts(day(1405, 3, 1), false, on));
        assert!(
            window.counts(day(1404, 9, 8), false, on),
            "the first day counts"
        );
        assert!(window.counts(on, false, on), "the same day counts");
        assert!(
            !window.counts(day(1404, 9, 7), false, on),
            "a day too early"
        );
        assert!(
            !window.counts(day(1405, 9, 9), false, on),
            "later is not prior"
        );
        assert!(!window.counts(day(1405, 3, 1), true, on), "withdrawn");
        let short = SupportWindow::try_from(6).unwrap();
        assert!(!short.counts(day(1405, 3, 1), false, on));
        assert!(short.counts(day(1405, 3, 8), false, on));
    }

    #[test]
    fn the_setting_is_one_to_one_hundred_twenty_months_in_any_digits() {
        assert_eq!(SupportWindow::parse("۲۴").unwrap().months(), 24);
        assert_eq!(SupportWindow::parse(" 120 ").unwrap().months(), 120);
        assert_eq!(SupportWindow::parse("١").unwrap().months(), 1);
        for bad in ["0", "121", "999", "-3", "دوازده", "", "1.5"] {
            let problem = SupportWindow::parse(bad).unwrap_err();
            assert_eq!(problem.field, FIELD, "{bad}");
        }
        let message = SupportWindow::parse("121").unwrap_err().message;
        assert_eq!(message.id(), "window-months_out_of_range");
        assert_eq!(message.args(), &[("max", MessageArg::Number(120))]);
        let message = SupportWindow::parse("دوازده").unwrap_err().message;
        assert_eq!(message.id(), "window-months_not_a_number");
        assert_eq!(
            message.args(),
            &[
                ("text", MessageArg::Digits("دوازده".to_owned())),
                ("max", MessageArg::Number(120))
            ]
        );
        assert!(serde_json::from_str::<SupportWindow>("0").is_err());
        assert_eq!(
            serde_json::to_string(&SupportWindow::default()).unwrap(),
            "12"
        );
    }
}
