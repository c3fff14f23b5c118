//! The follow-ups after a course (issue 18): three and six Jalali months after a run's last
//! session, someone asks each woman who completed it whether she works and whether she earns
//! from the skill the course taught. The answers are what "employment at follow-up" in the
//! training reports counts.
//!
//! A follow-up falls due on the same day of the month three (or six) months after the run
//! ended, or on that month's last day when it is shorter (31 Shahrivar + 3 months is 30 Azar),
//! by the calendar library's month lengths — never a count of days. [`last_end_due_by`] turns
//! the question round for a database: the latest last-session day whose follow-up is due by
//! a given day, so "due on or before today" is one comparison of stored days.
//!
//! An answer is parsed once: the day it was asked (a fact, not after today and not before it
//! fell due), whether she works, whether she earns from the course's skill (which she can only
//! do when she works), and her monthly income in whole rials when she gave it.

use crate::jalali::JalaliDate;
use crate::message::Message;
use crate::registry::Problem;
use crate::registry::fields::{Collector, free_text, is_blank};
use crate::training::job_plan::monthly_rials;

/// The longest note on a follow-up.
pub const MAX_NOTE_CHARS: usize = 1_000;

/// Which follow-up: three or six months after the course.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FollowUpMonth {
    Three,
    Six,
}

impl FollowUpMonth {
    pub const ALL: [FollowUpMonth; 2] = [FollowUpMonth::Three, FollowUpMonth::Six];

    /// 3 or 6, as stored.
    pub const fn months(self) -> u8 {
        match self {
            FollowUpMonth::Three => 3,
            FollowUpMonth::Six => 6,
        }
    }

    /// The follow-up of 3 or 6 months; `None` for any other number.
    pub fn from_months(months: i64) -> Option<FollowUpMonth> {
        match months {
            3 => Some(FollowUpMonth::Three),
            6 => Some(FollowUpMonth::Six),
            _ => None,
        }
    }

    /// The day it falls due for a run whose last session was `ended_on`.
    pub fn due_on(self, ended_on: JalaliDate) -> JalaliDate {
        months_after(ended_on, self.months())
    }
}

/// The same day `months` months after `date`, or that month's last day when it is shorter.
pub fn months_after(date: JalaliDate, months: u8) -> JalaliDate {
    let total = date.year() * 12 + i32::from(date.month()) - 1 + i32::from(months);
    let year = total.div_euclid(12);
    // rem_euclid(12) is 0–11, so the month is 1–12.
    let month = u8::try_from(total.rem_euclid(12) + 1).unwrap_or(12);
    let last = JalaliDate::days_in_month(year, month).unwrap_or(29);
    JalaliDate::new(year, month, date.day().min(last)).unwrap_or(date)
}

/// The latest day a run may have ended on for its follow-up of `month` to be due by `day`:
/// every earlier end is due too (adding months never goes backwards), every later one not.
/// The same day `months` earlier — or, when `day` is its month's last, that earlier month's
/// last day, since every later day of it is clamped onto `day`.
pub fn last_end_due_by(day: JalaliDate, month: FollowUpMonth) -> JalaliDate {
    let months = i32::from(month.months());
    let total = day.year() * 12 + i32::from(day.month()) - 1 - months;
    let year = total.div_euclid(12);
    let earlier = u8::try_from(total.rem_euclid(12) + 1).unwrap_or(12);
    let last = JalaliDate::days_in_month(year, earlier).unwrap_or(29);
    let same_day = if day == day.last_of_month() {
        last
    } else {
        day.day().min(last)
    };
    JalaliDate::new(year, earlier, same_day).unwrap_or(day)
}

/// The follow-up form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowUpInput {
    /// The day she was asked (blank: today).
    pub recorded_on: String,
    pub works: bool,
    pub earns_from_course: bool,
    pub monthly_income_rials: String,
    pub note: String,
}

/// A follow-up's answer, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpAnswer {
    pub recorded_on: JalaliDate,
    pub works: bool,
    pub earns_from_course: bool,
    pub monthly_income_rials: Option<i64>,
    pub note: Option<String>,
}

impl FollowUpInput {
    /// The answer to the follow-up due on `due_on`, or every problem of the form at once.
    pub fn parse(
        &self,
        due_on: JalaliDate,
        today: JalaliDate,
    ) -> Result<FollowUpAnswer, Vec<Problem>> {
        let mut problems = Collector::default();
        let recorded_on = problems.take(recorded_on(&self.recorded_on, due_on, today));
        let income = problems.take(monthly_rials(
            "monthly_income_rials",
            &self.monthly_income_rials,
        ));
        let note = problems.take(
            free_text("note", &self.note, MAX_NOTE_CHARS, true)
                .map(|note| (!note.is_empty()).then_some(note)),
        );
        if self.earns_from_course && !self.works {
            problems.take::<()>(Err(Problem::new(
                "earns_from_course",
                Message::new("job-preparation-earns_without_work"),
            )));
        }
        if !self.works && income.flatten().is_some_and(|rials| rials > 0) {
            problems.take::<()>(Err(Problem::new(
                "monthly_income_rials",
                Message::new("job-preparation-income_without_work"),
            )));
        }
        problems.finish(|| {
            Some(FollowUpAnswer {
                recorded_on: recorded_on?,
                works: self.works,
                earns_from_course: self.earns_from_course,
                monthly_income_rials: income?,
                note: note?,
            })
        })
    }
}

fn recorded_on(text: &str, due_on: JalaliDate, today: JalaliDate) -> Result<JalaliDate, Problem> {
    let day = if is_blank(text) {
        today
    } else {
        JalaliDate::parse(text).map_err(|error| Problem::new("recorded_on", error.message()))?
    };
    if day > today {
        return Err(Problem::new(
            "recorded_on",
            Message::new("job-preparation-day_after_today"),
        ));
    }
    if day < due_on {
        return Err(Problem::new(
            "recorded_on",
            Message::new("job-preparation-follow_up_not_due")
                .arg("due_on", crate::message::MessageArg::digits(due_on)),
        ));
    }
    Ok(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u8, day: u8) -> JalaliDate {
        JalaliDate::new(year, month, day).unwrap()
    }

    #[test]
    fn months_after_keeps_the_day_clamps_it_and_crosses_the_year() {
        assert_eq!(months_after(day(1405, 8, 10), 3), day(1405, 11, 10));
        assert_eq!(months_after(day(1405, 6, 31), 3), day(1405, 9, 30));
        assert_eq!(months_after(day(1405, 11, 30), 6), day(1406, 5, 30));
        // 1403 is a leap year (30 Esfand); 1404 is not.
        assert_eq!(months_after(day(1404, 6, 31), 6), day(1404, 12, 29));
        assert_eq!(months_after(day(1403, 6, 31), 6), day(1403, 12, 30));
        assert_eq!(months_after(day(1402, 6, 31), 6), day(1402, 12, 29));
    }

    #[test]
    fn the_last_end_due_by_a_day_agrees_with_adding_months_day_by_day() {
        // Every day of three years, against every end of the year before it: an end is due by
        // the day exactly when it is on or before the computed last end.
        let first = day(1402, 1, 1);
        for offset in (0..1_100).step_by(3) {
            let on = first.add_days(offset + 200);
            for month in FollowUpMonth::ALL {
                let last = last_end_due_by(on, month);
                assert!(month.due_on(last) <= on, "{on:?} {month:?} {last:?}");
                assert!(
                    month.due_on(last.add_days(1)) > on,
                    "{on:?} {month:?} {last:?}"
                );
            }
        }
    }

    #[test]
    fn an_answer_is_asked_when_due_and_earning_needs_work() {
        let due = day(1405, 11, 10);
        let today = day(1405, 11, 20);
        let early = FollowUpInput {
            recorded_on: "1405/11/09".into(),
            ..FollowUpInput::default()
        }
        .parse(due, today)
        .unwrap_err();
        assert_eq!(early[0].field, "recorded_on");
        let odd = FollowUpInput {
            earns_from_course: true,
            monthly_income_rials: "۵۰۰۰۰۰۰".into(),
            ..FollowUpInput::default()
        }
        .parse(due, today)
        .unwrap_err();
        let fields: Vec<_> = odd.iter().map(|p| p.field).collect();
        assert_eq!(fields, vec!["earns_from_course", "monthly_income_rials"]);
        let answer = FollowUpInput {
            recorded_on: "۱۴۰۵/۱۱/۱۲".into(),
            works: true,
            earns_from_course: true,
            monthly_income_rials: "۸٬۰۰۰٬۰۰۰".into(),
            note: String::new(),
        }
        .parse(due, today)
        .unwrap();
        assert_eq!(answer.recorded_on, day(1405, 11, 12));
        assert_eq!(answer.monthly_income_rials, Some(8_000_000));
        assert_eq!(answer.note, None);
    }
}
