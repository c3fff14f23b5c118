//! The span a press paragraph speaks of, and the date it is issued on, as news writes them:
//! «از ابتدای فروردین تا پایان آبان ۱۴۰۵» when the figures run to a month's last day,
//! «از ابتدای فروردین تا ۱۵ آذر ۱۴۰۵» when they stop inside a month (a paragraph drawn
//! today counts to today and says so), «در روز ۱ فروردین ۱۴۰۵» on the year's first day.

use crate::digits::to_persian_digits;
use crate::jalali::JalaliDate;

/// The fiscal year from its first day to `to` (both included), in Persian.
pub fn news_period(to: JalaliDate) -> String {
    let year = to_persian_digits(&to.year().to_string());
    let month = to.month_name_fa();
    if to.month() == 1 && to.day() == 1 {
        return format!("در روز ۱ {month} {year}");
    }
    if to == to.last_of_month() {
        format!("از ابتدای فروردین تا پایان {month} {year}")
    } else {
        let day = to_persian_digits(&to.day().to_string());
        format!("از ابتدای فروردین تا {day} {month} {year}")
    }
}

/// The English form of [`news_period`]: «from the start of Farvardin to the end of Aban
/// 1405», «… to 15 Azar 1405», «on 1 Farvardin 1405».
pub fn news_period_en(to: JalaliDate) -> String {
    let (year, month) = (to.year(), to.month_name_en());
    if to.month() == 1 && to.day() == 1 {
        return format!("on 1 {month} {year}");
    }
    if to == to.last_of_month() {
        format!("from the start of Farvardin to the end of {month} {year}")
    } else {
        format!("from the start of Farvardin to {} {month} {year}", to.day())
    }
}

/// A day as a press release dates itself: «۱۵ آذر ۱۴۰۵».
pub fn news_date(day: JalaliDate) -> String {
    to_persian_digits(&format!(
        "{} {} {}",
        day.day(),
        day.month_name_fa(),
        day.year()
    ))
}

/// «15 Azar 1405».
pub fn news_date_en(day: JalaliDate) -> String {
    format!("{} {} {}", day.day(), day.month_name_en(), day.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u8, day: u8) -> JalaliDate {
        JalaliDate::new(year, month, day).unwrap()
    }

    #[test]
    fn a_whole_month_ends_at_its_end_and_a_broken_one_on_its_day() {
        assert_eq!(
            news_period(day(1405, 8, 30)),
            "از ابتدای فروردین تا پایان آبان ۱۴۰۵"
        );
        assert_eq!(
            news_period(day(1405, 9, 15)),
            "از ابتدای فروردین تا ۱۵ آذر ۱۴۰۵"
        );
        assert_eq!(news_period(day(1405, 1, 1)), "در روز ۱ فروردین ۱۴۰۵");
        assert_eq!(
            news_period(day(1404, 12, 29)),
            "از ابتدای فروردین تا پایان اسفند ۱۴۰۴"
        );
        assert_eq!(
            news_period_en(day(1405, 8, 30)),
            "from the start of Farvardin to the end of Aban 1405"
        );
        assert_eq!(
            news_period_en(day(1405, 9, 15)),
            "from the start of Farvardin to 15 Azar 1405"
        );
        assert_eq!(news_date(day(1405, 9, 15)), "۱۵ آذر ۱۴۰۵");
        assert_eq!(news_date_en(day(1405, 9, 15)), "15 Azar 1405");
    }
}
