//! The span of time a dashboard covers. A dashboard is asked for a fiscal year and, if the
//! user wants, a part of it: days `from..=to` inside the year (budget lines are yearly, so a
//! span never crosses a year). State figures (stages, members) are read on the span's last day
//! that has happened — today while the span runs on — and flows (moves, exits, visits, money)
//! over the days that have happened. The visiting cycle cuts the span into windows of the
//! province's "no visit for N months" length; each owes one visit per group under follow-up.

use hamyar_domain::{FiscalYear, JalaliDate};
use hamyar_domain::{Message, MessageArg};

use crate::error::{AppError, AppResult};
use crate::ports::dashboard::VisitWindow;

/// A resolved dashboard span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DashboardPeriod {
    pub year: FiscalYear,
    pub from: JalaliDate,
    pub to: JalaliDate,
    /// The last day of the span that has happened: `to`, or today while the span runs on.
    pub state_on: JalaliDate,
}

impl DashboardPeriod {
    /// The span of `year` from `from` to `to` (each defaulting to the year's end), refused
    /// when a day lies outside the year, `from` is after `to`, or the span starts after today.
    pub fn resolve(
        year: FiscalYear,
        from: Option<JalaliDate>,
        to: Option<JalaliDate>,
        today: JalaliDate,
    ) -> AppResult<DashboardPeriod> {
        let from = from.unwrap_or(year.first_day());
        let to = to.unwrap_or(year.last_day());
        for (field, day) in [("from", from), ("to", to)] {
            if !year.contains(day) {
                return Err(AppError::invalid(
                    field,
                    Message::new("period-day_outside_year")
                        .arg("year", MessageArg::digits(year.year())),
                ));
            }
        }
        if from > to {
            return Err(AppError::invalid(
                "to",
                Message::new("period-span_ends_before_starts"),
            ));
        }
        if from > today {
            return Err(AppError::invalid(
                "from",
                Message::new("period-span_has_started_yet_dashboard"),
            ));
        }
        Ok(DashboardPeriod {
            year,
            from,
            to,
            state_on: to.min(today),
        })
    }

    /// True when the span is the whole year so far (or the whole of a past year).
    pub fn is_whole_year(&self) -> bool {
        self.from == self.year.first_day() && self.to == self.year.last_day()
    }

    /// The span's first day, ISO.
    pub fn from_iso(&self) -> String {
        self.from.to_iso_string()
    }

    /// The day after the last day that has happened, ISO (ranges end exclusive).
    pub fn until_iso(&self) -> String {
        self.state_on.add_days(1).to_iso_string()
    }

    /// The Jalali months the span touches, as `year * 100 + month`, first and last.
    pub fn month_keys(&self) -> (i32, i32) {
        (month_key(self.from), month_key(self.state_on))
    }

    /// Windows of `months` months from the span's first day, the last cut at the day after
    /// the last day that has happened.
    pub fn visit_windows(&self, months: u8) -> Vec<VisitWindow> {
        let end = self.state_on.add_days(1);
        let mut windows = Vec::new();
        let mut start = self.from;
        while start < end {
            let next = add_months(start, months).min(end);
            windows.push(VisitWindow {
                from: start.to_iso_string(),
                until: next.to_iso_string(),
            });
            start = next;
        }
        windows
    }
}

/// `year * 100 + month` of a day.
pub fn month_key(day: JalaliDate) -> i32 {
    day.year() * 100 + i32::from(day.month())
}

/// The same day `months` months later (the month's last day when that month is shorter).
pub fn add_months(day: JalaliDate, months: u8) -> JalaliDate {
    let total = day.year() * 12 + i32::from(day.month()) - 1 + i32::from(months);
    let (year, month) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8);
    let last = JalaliDate::days_in_month(year, month).unwrap_or(29);
    JalaliDate::new(year, month, day.day().min(last)).unwrap_or_else(|_| JalaliDate::latest())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u8, day: u8) -> JalaliDate {
        JalaliDate::new(year, month, day).unwrap()
    }

    fn year(y: i32) -> FiscalYear {
        FiscalYear::new(y).unwrap()
    }

    #[test]
    fn a_running_year_is_read_up_to_today() {
        let today = day(1405, 9, 8);
        let period = DashboardPeriod::resolve(year(1405), None, None, today).unwrap();
        assert_eq!(period.from, day(1405, 1, 1));
        assert_eq!(period.to, day(1405, 12, 29));
        assert_eq!(period.state_on, today);
        assert!(period.is_whole_year());
        assert_eq!(period.month_keys(), (140501, 140509));
    }

    #[test]
    fn a_span_outside_its_year_or_backwards_or_in_the_future_is_refused() {
        let today = day(1405, 9, 8);
        for (from, to) in [
            (Some(day(1404, 12, 1)), None),
            (None, Some(day(1406, 1, 1))),
            (Some(day(1405, 5, 1)), Some(day(1405, 4, 1))),
            (Some(day(1405, 10, 1)), None),
        ] {
            assert!(DashboardPeriod::resolve(year(1405), from, to, today).is_err());
        }
    }

    #[test]
    fn windows_cover_the_span_once_and_stop_at_today() {
        let today = day(1405, 9, 8);
        let period = DashboardPeriod::resolve(year(1405), None, None, today).unwrap();
        let window = |from: JalaliDate, until: JalaliDate| VisitWindow {
            from: from.to_iso_string(),
            until: until.to_iso_string(),
        };
        assert_eq!(
            period.visit_windows(3),
            vec![
                window(day(1405, 1, 1), day(1405, 4, 1)),
                window(day(1405, 4, 1), day(1405, 7, 1)),
                window(day(1405, 7, 1), day(1405, 9, 9)),
            ]
        );
    }

    #[test]
    fn adding_months_keeps_the_day_or_the_month_end() {
        assert_eq!(add_months(day(1405, 6, 31), 1), day(1405, 7, 30));
        assert_eq!(add_months(day(1405, 11, 15), 3), day(1406, 2, 15));
    }
}
