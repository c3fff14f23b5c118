//! Solar Hijri (Jalali) dates, the calendar of every date a person sees in Hamyar,
//! and the fiscal year built on it.
//!
//! Entry, display, periods and reports are all Jalali; storage and other
//! systems use the Gregorian calendar. Every calendar fact here — month
//! lengths, leap years, conversion to and from Gregorian — comes from
//! `icu_calendar`'s Persian calendar, a tested implementation of the
//! astronomical rule; this module never encodes a leap rule of its own. The
//! week starts on Saturday (شنبه), and "today" is the civil date in
//! Asia/Tehran for an instant the caller supplies, so this crate never reads
//! the clock.
//!
//! A [`JalaliDate`] covers exactly the Gregorian dates `jiff` can hold
//! (−9999-01-01 to 9999-12-31), so conversion is total in both directions.
//! Text forms use four-digit years; dates before year 1 can be held and
//! converted but not parsed from text.

use std::fmt;

use icu_calendar::cal::Persian;
use icu_calendar::error::DateFromFieldsError;
use icu_calendar::types::{DateFields, RataDie};
use icu_calendar::{Date, Iso};
use jiff::tz::{Offset, TimeZone};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::digits::{to_latin_digits, to_persian_digits};
use crate::message::{Message, MessageArg, localized_message};
use crate::person_name::search_key;

/// Persian month names, Farvardin first.
const MONTH_NAMES_FA: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

/// Transliterated month names for the English interface.
const MONTH_NAMES_EN: [&str; 12] = [
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
];

/// The word «ماه» (month) that may follow a month name, as in «آذر ماه».
const MONTH_WORD: &str = "ماه";

/// The Persian name of month 1–12 (فروردین … اسفند), or `None` outside 1–12.
pub fn month_name_fa(month: u8) -> Option<&'static str> {
    month_index(month).map(|index| MONTH_NAMES_FA[index])
}

/// The transliterated name of month 1–12 (Farvardin … Esfand), or `None`.
pub fn month_name_en(month: u8) -> Option<&'static str> {
    month_index(month).map(|index| MONTH_NAMES_EN[index])
}

fn month_index(month: u8) -> Option<usize> {
    (1..=12).contains(&month).then(|| usize::from(month) - 1)
}

/// The month number for a Persian or transliterated month name, ignoring
/// Arabic letter variants, spacing, case and a trailing «ماه».
fn month_from_name(name: &str) -> Option<u8> {
    let key = search_key(name);
    let key = key.strip_suffix(MONTH_WORD).unwrap_or(&key);
    let position = MONTH_NAMES_FA
        .iter()
        .position(|candidate| search_key(candidate) == key)
        .or_else(|| {
            MONTH_NAMES_EN
                .iter()
                .position(|candidate| candidate.to_lowercase() == key)
        })?;
    u8::try_from(position + 1).ok()
}

/// A day of the week, in Iranian order: the week starts on Saturday.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    /// Saturday, شنبه.
    Shanbeh,
    /// Sunday, یکشنبه.
    Yekshanbeh,
    /// Monday, دوشنبه.
    Doshanbeh,
    /// Tuesday, سه‌شنبه.
    Seshanbeh,
    /// Wednesday, چهارشنبه.
    Chaharshanbeh,
    /// Thursday, پنج‌شنبه.
    Panjshanbeh,
    /// Friday, جمعه, the weekly holiday.
    Jomeh,
}

impl Weekday {
    /// The week from Saturday to Friday.
    pub const ALL: [Weekday; 7] = [
        Weekday::Shanbeh,
        Weekday::Yekshanbeh,
        Weekday::Doshanbeh,
        Weekday::Seshanbeh,
        Weekday::Chaharshanbeh,
        Weekday::Panjshanbeh,
        Weekday::Jomeh,
    ];

    /// The position in the Iranian week: Saturday is 0, Friday is 6.
    pub const fn index_from_saturday(self) -> u8 {
        self as u8
    }

    /// The weekday at a position from Saturday (0) to Friday (6).
    pub fn from_index_from_saturday(index: u8) -> Option<Weekday> {
        Self::ALL.get(usize::from(index)).copied()
    }

    /// The Persian name, e.g. «شنبه», «سه‌شنبه».
    pub const fn name_fa(self) -> &'static str {
        match self {
            Self::Shanbeh => "شنبه",
            Self::Yekshanbeh => "یکشنبه",
            Self::Doshanbeh => "دوشنبه",
            Self::Seshanbeh => "سه‌شنبه",
            Self::Chaharshanbeh => "چهارشنبه",
            Self::Panjshanbeh => "پنج‌شنبه",
            Self::Jomeh => "جمعه",
        }
    }

    /// The English name, e.g. "Saturday".
    pub const fn name_en(self) -> &'static str {
        match self {
            Self::Shanbeh => "Saturday",
            Self::Yekshanbeh => "Sunday",
            Self::Doshanbeh => "Monday",
            Self::Seshanbeh => "Tuesday",
            Self::Chaharshanbeh => "Wednesday",
            Self::Panjshanbeh => "Thursday",
            Self::Jomeh => "Friday",
        }
    }

    /// The weekday for a Persian or English name, ignoring letter variants,
    /// spacing and case (so «سه شنبه» and «سه‌شنبه» both match).
    fn from_name(name: &str) -> Option<Weekday> {
        let key = search_key(name);
        Self::ALL.into_iter().find(|weekday| {
            search_key(weekday.name_fa()) == key || weekday.name_en().to_lowercase() == key
        })
    }

    fn from_icu(weekday: icu_calendar::types::Weekday) -> Weekday {
        use icu_calendar::types::Weekday as Icu;
        match weekday {
            Icu::Saturday => Self::Shanbeh,
            Icu::Sunday => Self::Yekshanbeh,
            Icu::Monday => Self::Doshanbeh,
            Icu::Tuesday => Self::Seshanbeh,
            Icu::Wednesday => Self::Chaharshanbeh,
            Icu::Thursday => Self::Panjshanbeh,
            Icu::Friday => Self::Jomeh,
        }
    }
}

impl fmt::Display for Weekday {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name_en())
    }
}

/// How a date is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateStyle {
    /// `1405/09/07`
    Numeric,
    /// `7 آذر 1405`
    Long,
    /// `شنبه 7 آذر 1405`
    LongWithWeekday,
}

impl DateStyle {
    /// Every style.
    pub const ALL: [DateStyle; 3] = [
        DateStyle::Numeric,
        DateStyle::Long,
        DateStyle::LongWithWeekday,
    ];
}

/// Which digits a formatted date uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Digits {
    /// ۰۱۲۳۴۵۶۷۸۹, for the Persian interface.
    Persian,
    /// 0123456789, for exports and the English interface.
    Latin,
}

/// Why a date could not be built or read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("date is empty")]
    Empty,
    #[error("date must look like 1405/09/07 or 7 Azar 1405")]
    Malformed,
    #[error("year must have four digits, like 1405")]
    YearNotFourDigits,
    #[error("month must be between 1 and 12 (got {month})")]
    MonthOutOfRange { month: u32 },
    #[error("unknown month name {name:?}")]
    UnknownMonthName { name: String },
    #[error("unknown weekday name {name:?}")]
    UnknownWeekday { name: String },
    #[error("{}", day_out_of_range_en(*.year, *.month, *.day, *.max))]
    DayOutOfRange {
        year: i32,
        month: u8,
        day: u8,
        max: u8,
    },
    #[error("year {year} is outside the supported range")]
    YearOutOfRange { year: i32 },
    #[error("weekday does not match the date: {date} is a {}", .date.weekday().name_en())]
    WeekdayMismatch { date: JalaliDate, written: Weekday },
    #[error("Gregorian date must be a valid YYYY-MM-DD")]
    InvalidIsoDate,
}

fn day_out_of_range_en(year: i32, month: u8, day: u8, max: u8) -> String {
    let name = month_name_en(month).unwrap_or("the month");
    if day == 0 {
        "day of month must start at 1".to_owned()
    } else {
        format!("{name} {year} has only {max} days")
    }
}

impl DateError {
    /// What is wrong, without the field name.
    pub fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new("date-empty"),
            Self::Malformed => Message::new("date-malformed"),
            Self::YearNotFourDigits => Message::new("date-year_not_four_digits"),
            Self::MonthOutOfRange { month } => {
                Message::new("date-month_out_of_range").arg("month", *month)
            }
            Self::UnknownMonthName { name } => {
                Message::new("date-unknown_month_name").arg("name", name.as_str())
            }
            Self::UnknownWeekday { name } => {
                Message::new("date-unknown_weekday").arg("name", name.as_str())
            }
            Self::DayOutOfRange { day: 0, .. } => Message::new("date-day_zero"),
            Self::DayOutOfRange {
                year, month, max, ..
            } => Message::new("date-day_out_of_range")
                .arg("month", *month)
                .arg("year", MessageArg::digits(year))
                .arg("max", *max),
            Self::YearOutOfRange { year } => {
                Message::new("date-year_out_of_range").arg("year", MessageArg::digits(year))
            }
            // The Persian names the date in words (۷ آذر ۱۴۰۵), the English in figures
            // (1405/09/07), so the date travels written in each language.
            Self::WeekdayMismatch { date, .. } => Message::new("date-weekday_mismatch")
                .arg(
                    "date",
                    MessageArg::label(
                        date.format(DateStyle::Long, Digits::Persian),
                        date.to_string(),
                    ),
                )
                .arg(
                    "weekday",
                    MessageArg::label(date.weekday().name_fa(), date.weekday().name_en()),
                ),
            Self::InvalidIsoDate => Message::new("date-invalid_iso"),
        }
    }
}

localized_message!(DateError);

/// A day in the Solar Hijri calendar.
///
/// Ordering is chronological. `Display` and serde use the numeric form with
/// Latin digits, `1405/09/07`; deserialising accepts everything
/// [`JalaliDate::parse`] accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JalaliDate {
    year: i32,
    month: u8,
    day: u8,
}

impl JalaliDate {
    /// Builds a date, checking it exists: e.g. 30 Esfand only in leap years,
    /// as the Persian calendar of `icu_calendar` decides.
    pub fn new(year: i32, month: u8, day: u8) -> Result<JalaliDate, DateError> {
        let date = icu_date(year, month, day)?;
        if gregorian_of(&date).is_none() {
            return Err(DateError::YearOutOfRange { year });
        }
        Ok(JalaliDate { year, month, day })
    }

    /// The Jalali date of a Gregorian date. Every `jiff` date has one.
    pub fn from_gregorian(date: jiff::civil::Date) -> JalaliDate {
        let iso = Date::try_new_iso(
            i32::from(date.year()),
            date.month().unsigned_abs(),
            date.day().unsigned_abs(),
        )
        .expect("every jiff date is a valid ISO date");
        Self::from_icu(&iso.to_calendar(Persian))
    }

    /// The Gregorian date of this day.
    pub fn to_gregorian(&self) -> jiff::civil::Date {
        gregorian_of(&self.to_icu()).expect("a JalaliDate is always within jiff's range")
    }

    /// The earliest supported date, the Jalali date of −9999-01-01.
    pub fn earliest() -> JalaliDate {
        Self::from_gregorian(jiff::civil::Date::MIN)
    }

    /// The latest supported date, the Jalali date of 9999-12-31.
    pub fn latest() -> JalaliDate {
        Self::from_gregorian(jiff::civil::Date::MAX)
    }

    /// The year, e.g. 1405.
    pub const fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1 (Farvardin) to 12 (Esfand).
    pub const fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub const fn day(&self) -> u8 {
        self.day
    }

    /// The Persian name of this date's month.
    pub fn month_name_fa(&self) -> &'static str {
        MONTH_NAMES_FA[usize::from(self.month) - 1]
    }

    /// The transliterated name of this date's month.
    pub fn month_name_en(&self) -> &'static str {
        MONTH_NAMES_EN[usize::from(self.month) - 1]
    }

    /// The number of days in a month of a year (29 or 30 for Esfand,
    /// depending on the leap year), from `icu_calendar`.
    pub fn days_in_month(year: i32, month: u8) -> Result<u8, DateError> {
        icu_date(year, month, 1).map(|date| date.days_in_month())
    }

    /// True when the year has 366 days (Esfand has 30 days).
    pub fn is_leap_year(year: i32) -> Result<bool, DateError> {
        icu_date(year, 1, 1).map(|date| date.is_in_leap_year())
    }

    /// The day of the week.
    pub fn weekday(&self) -> Weekday {
        Weekday::from_icu(self.to_icu().weekday())
    }

    /// The Saturday on or before this date. Only within the first days of the
    /// supported range, where that Saturday is not representable, the result
    /// is clamped to [`JalaliDate::earliest`].
    pub fn start_of_week(&self) -> JalaliDate {
        let back = -i64::from(self.weekday().index_from_saturday());
        self.checked_add_days(back)
            .unwrap_or_else(JalaliDate::earliest)
    }

    /// The first day of this date's month.
    pub fn first_of_month(&self) -> JalaliDate {
        JalaliDate { day: 1, ..*self }
    }

    /// The last day of this date's month.
    pub fn last_of_month(&self) -> JalaliDate {
        JalaliDate {
            day: self.to_icu().days_in_month(),
            ..*self
        }
    }

    /// The date `days` days later (earlier when negative), or `None` when
    /// that leaves the supported range.
    pub fn checked_add_days(&self, days: i64) -> Option<JalaliDate> {
        let target = self.rata_die().checked_add(days)?;
        let earliest = Self::earliest().rata_die();
        let latest = Self::latest().rata_die();
        (earliest..=latest)
            .contains(&target)
            .then(|| Self::from_icu(&Date::from_rata_die(RataDie::new(target), Persian)))
    }

    /// The date `days` days later (earlier when negative).
    ///
    /// # Panics
    ///
    /// When the result leaves the supported range (Gregorian years −9999 to
    /// 9999); use [`JalaliDate::checked_add_days`] for untrusted day counts.
    pub fn add_days(&self, days: i64) -> JalaliDate {
        self.checked_add_days(days)
            .expect("date arithmetic left the supported range of years -9999..=9999")
    }

    /// The number of days from this date to `other` (negative when `other`
    /// is earlier).
    pub fn days_until(&self, other: JalaliDate) -> i64 {
        other.rata_die() - self.rata_die()
    }

    /// Reads a date written as `۱۴۰۵/۰۹/۰۷`, `1405/9/7`, `1405-09-07`,
    /// `۷ آذر ۱۴۰۵`, `7 آذر ماه 1405`, `شنبه، ۷ آذر ۱۴۰۵` or `7 Azar 1405`,
    /// with Persian, Arabic or Latin digits and Arabic letter variants. The
    /// year must have four digits. A written weekday must match the date.
    pub fn parse(text: &str) -> Result<JalaliDate, DateError> {
        let latin = to_latin_digits(text.trim());
        if latin.is_empty() {
            return Err(DateError::Empty);
        }
        if latin.chars().any(char::is_alphabetic) {
            parse_long(&latin)
        } else {
            parse_numeric(&latin)
        }
    }

    /// Writes the date in a style with Persian or Latin digits, e.g.
    /// `۱۴۰۵/۰۹/۰۷`, `۷ آذر ۱۴۰۵`, `شنبه ۷ آذر ۱۴۰۵`.
    pub fn format(&self, style: DateStyle, digits: Digits) -> String {
        let latin = match style {
            DateStyle::Numeric => self.numeric(),
            DateStyle::Long => self.long(self.month_name_fa()),
            DateStyle::LongWithWeekday => {
                format!(
                    "{} {}",
                    self.weekday().name_fa(),
                    self.long(self.month_name_fa())
                )
            }
        };
        match digits {
            Digits::Persian => to_persian_digits(&latin),
            Digits::Latin => latin,
        }
    }

    /// Writes the date for the English interface: `1405/09/07`,
    /// `7 Azar 1405` or `Saturday 7 Azar 1405`.
    pub fn format_en(&self, style: DateStyle) -> String {
        match style {
            DateStyle::Numeric => self.numeric(),
            DateStyle::Long => self.long(self.month_name_en()),
            DateStyle::LongWithWeekday => {
                format!(
                    "{} {}",
                    self.weekday().name_en(),
                    self.long(self.month_name_en())
                )
            }
        }
    }

    /// The Gregorian date as `YYYY-MM-DD`, for storage and interchange.
    pub fn to_iso_string(&self) -> String {
        self.to_gregorian().to_string()
    }

    /// Reads a Gregorian `YYYY-MM-DD` date, as stored.
    pub fn from_iso_str(text: &str) -> Result<JalaliDate, DateError> {
        to_latin_digits(text.trim())
            .parse::<jiff::civil::Date>()
            .map(Self::from_gregorian)
            .map_err(|_| DateError::InvalidIsoDate)
    }

    fn numeric(&self) -> String {
        format!("{:04}/{:02}/{:02}", self.year, self.month, self.day)
    }

    fn long(&self, month_name: &str) -> String {
        format!("{} {month_name} {:04}", self.day, self.year)
    }

    fn to_icu(self) -> Date<Persian> {
        icu_date(self.year, self.month, self.day).expect("a JalaliDate holds a valid Persian date")
    }

    fn from_icu(date: &Date<Persian>) -> JalaliDate {
        JalaliDate {
            year: date.year().extended_year(),
            month: date.month().ordinal,
            day: date.day_of_month().0,
        }
    }

    fn rata_die(self) -> i64 {
        self.to_icu().to_rata_die().to_i64_date()
    }
}

/// Asks `icu_calendar` for a Persian date, translating its rejection.
fn icu_date(year: i32, month: u8, day: u8) -> Result<Date<Persian>, DateError> {
    let mut fields = DateFields::default();
    fields.extended_year = Some(year);
    fields.ordinal_month = Some(month);
    fields.day = Some(day);
    Date::try_from_fields(fields, Default::default(), Persian).map_err(|error| match error {
        DateFromFieldsError::InvalidDay { max } => DateError::DayOutOfRange {
            year,
            month,
            day,
            max,
        },
        DateFromFieldsError::InvalidOrdinalMonth { .. } => DateError::MonthOutOfRange {
            month: u32::from(month),
        },
        _ => DateError::YearOutOfRange { year },
    })
}

/// The Gregorian date of an icu date, if `jiff` can hold it.
fn gregorian_of(date: &Date<Persian>) -> Option<jiff::civil::Date> {
    let iso = date.to_calendar(Iso);
    let year = i16::try_from(iso.year().extended_year()).ok()?;
    let month = i8::try_from(iso.month().ordinal).ok()?;
    let day = i8::try_from(iso.day_of_month().0).ok()?;
    jiff::civil::Date::new(year, month, day).ok()
}

/// `year/month/day` or `year-month-day`, spaces allowed around separators.
fn parse_numeric(text: &str) -> Result<JalaliDate, DateError> {
    let parts: Vec<&str> = text.split(['/', '-']).map(str::trim).collect();
    let [year, month, day] = parts.as_slice() else {
        return Err(DateError::Malformed);
    };
    let month = parse_month_number(month)?;
    JalaliDate::new(parse_year(year)?, month, parse_day(day)?)
}

/// `[weekday] day month-name [ماه] year`, commas allowed.
fn parse_long(text: &str) -> Result<JalaliDate, DateError> {
    let spaced = text.replace([',', '،'], " ");
    let mut words: Vec<&str> = spaced.split_whitespace().collect();
    let year = parse_year(words.pop().ok_or(DateError::Malformed)?)?;
    let mut month_name = words.pop().ok_or(DateError::Malformed)?;
    if search_key(month_name) == MONTH_WORD && words.len() > 1 {
        month_name = words.pop().ok_or(DateError::Malformed)?;
    }
    let month = month_from_name(month_name).ok_or_else(|| DateError::UnknownMonthName {
        name: month_name.to_owned(),
    })?;
    let day = parse_day(words.pop().ok_or(DateError::Malformed)?)?;
    let date = JalaliDate::new(year, month, day)?;
    check_weekday(date, &words.concat())?;
    Ok(date)
}

/// Checks a written weekday (possibly empty) against the date.
fn check_weekday(date: JalaliDate, written: &str) -> Result<(), DateError> {
    if written.is_empty() {
        return Ok(());
    }
    let weekday = Weekday::from_name(written).ok_or_else(|| DateError::UnknownWeekday {
        name: written.to_owned(),
    })?;
    if weekday == date.weekday() {
        Ok(())
    } else {
        Err(DateError::WeekdayMismatch {
            date,
            written: weekday,
        })
    }
}

fn all_ascii_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

fn parse_year(text: &str) -> Result<i32, DateError> {
    if !all_ascii_digits(text) {
        return Err(DateError::Malformed);
    }
    if text.len() != 4 {
        return Err(DateError::YearNotFourDigits);
    }
    text.parse().map_err(|_| DateError::Malformed)
}

fn parse_small_number(text: &str) -> Result<u8, DateError> {
    if !all_ascii_digits(text) || text.len() > 2 {
        return Err(DateError::Malformed);
    }
    text.parse().map_err(|_| DateError::Malformed)
}

fn parse_month_number(text: &str) -> Result<u8, DateError> {
    let month = parse_small_number(text)?;
    if (1..=12).contains(&month) {
        Ok(month)
    } else {
        Err(DateError::MonthOutOfRange {
            month: u32::from(month),
        })
    }
}

fn parse_day(text: &str) -> Result<u8, DateError> {
    parse_small_number(text)
}

impl fmt::Display for JalaliDate {
    /// `1405/09/07`
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.numeric())
    }
}

impl std::str::FromStr for JalaliDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl Serialize for JalaliDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.numeric())
    }
}

impl<'de> Deserialize<'de> for JalaliDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Iran Standard Time, +03:30, used only if the bundled time zone database
/// somehow lacks Asia/Tehran (Iran has kept +03:30 all year since 1401).
const IRAN_STANDARD_OFFSET_SECONDS: i32 = 3 * 3600 + 30 * 60;

/// Asia/Tehran, the zone every Jalali "today" and every local hour of the app is read in.
pub fn tehran_time_zone() -> TimeZone {
    tehran()
}

fn tehran() -> TimeZone {
    TimeZone::get("Asia/Tehran").unwrap_or_else(|_| {
        Offset::from_seconds(IRAN_STANDARD_OFFSET_SECONDS)
            .map(TimeZone::fixed)
            .unwrap_or(TimeZone::UTC)
    })
}

/// The Jalali date in Tehran at the instant `now`, which the caller supplies
/// (this crate never reads the clock).
pub fn today_in_tehran(now: jiff::Timestamp) -> JalaliDate {
    JalaliDate::from_gregorian(now.to_zoned_datetime(tehran()).date())
}

/// A fiscal year (سال مالی): one Solar Hijri year, 1 Farvardin to the last
/// day of Esfand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct FiscalYear(i32);

impl FiscalYear {
    /// The fiscal year with this Jalali year number, if any of its days is
    /// within the supported range.
    pub fn new(year: i32) -> Result<FiscalYear, DateError> {
        let supported = JalaliDate::earliest().year()..=JalaliDate::latest().year();
        if supported.contains(&year) {
            Ok(FiscalYear(year))
        } else {
            Err(DateError::YearOutOfRange { year })
        }
    }

    /// The fiscal year a date falls in.
    pub fn of(date: JalaliDate) -> FiscalYear {
        FiscalYear(date.year())
    }

    /// The Jalali year number, e.g. 1405.
    pub const fn year(self) -> i32 {
        self.0
    }

    /// 1 Farvardin (clamped to [`JalaliDate::earliest`] in the one partial
    /// year at the start of the supported range).
    pub fn first_day(self) -> JalaliDate {
        JalaliDate::new(self.0, 1, 1).unwrap_or_else(|_| JalaliDate::earliest())
    }

    /// 29 Esfand, or 30 Esfand in a leap year (clamped to
    /// [`JalaliDate::latest`] in the one partial year at the end of the
    /// supported range).
    pub fn last_day(self) -> JalaliDate {
        JalaliDate::days_in_month(self.0, 12)
            .and_then(|last| JalaliDate::new(self.0, 12, last))
            .unwrap_or_else(|_| JalaliDate::latest())
    }

    /// True when the date falls in this fiscal year.
    pub fn contains(self, date: JalaliDate) -> bool {
        date.year() == self.0
    }

    /// «سال مالی ۱۴۰۵»
    pub fn label_fa(self) -> String {
        to_persian_digits(&format!("سال مالی {}", self.0))
    }

    /// "Fiscal year 1405"
    pub fn label_en(self) -> String {
        format!("Fiscal year {}", self.0)
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}", self.0)
    }
}

impl<'de> Deserialize<'de> for FiscalYear {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let year = i32::deserialize(deserializer)?;
        Self::new(year).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;
    use jiff::civil::date as gregorian;
    use proptest::prelude::*;

    fn jalali(year: i32, month: u8, day: u8) -> JalaliDate {
        JalaliDate::new(year, month, day).unwrap()
    }

    #[test]
    fn seventh_of_azar_1405_is_the_28th_of_november_2026() {
        let date = jalali(1405, 9, 7);
        assert_eq!(date.to_gregorian(), gregorian(2026, 11, 28));
        assert_eq!(JalaliDate::from_gregorian(gregorian(2026, 11, 28)), date);
    }

    #[test]
    fn the_28th_of_november_2025_is_seventh_of_azar_1404() {
        assert_eq!(
            JalaliDate::from_gregorian(gregorian(2025, 11, 28)),
            jalali(1404, 9, 7)
        );
    }

    #[test]
    fn nowruz_1404_is_the_21st_of_march_2025() {
        assert_eq!(jalali(1404, 1, 1).to_gregorian(), gregorian(2025, 3, 21));
    }

    #[test]
    fn year_1403_is_leap_and_ends_on_30_esfand() {
        assert_eq!(JalaliDate::is_leap_year(1403), Ok(true));
        assert_eq!(jalali(1403, 12, 30).to_gregorian(), gregorian(2025, 3, 20));
        assert_eq!(JalaliDate::days_in_month(1403, 12), Ok(30));
    }

    #[test]
    fn thirtieth_of_esfand_1404_is_rejected() {
        assert_eq!(JalaliDate::is_leap_year(1404), Ok(false));
        assert_eq!(
            JalaliDate::new(1404, 12, 30),
            Err(DateError::DayOutOfRange {
                year: 1404,
                month: 12,
                day: 30,
                max: 29
            })
        );
    }

    #[test]
    fn impossible_month_and_day_are_rejected() {
        assert_eq!(
            JalaliDate::new(1405, 13, 1),
            Err(DateError::MonthOutOfRange { month: 13 })
        );
        assert!(matches!(
            JalaliDate::new(1405, 7, 31),
            Err(DateError::DayOutOfRange { max: 30, .. })
        ));
        assert!(matches!(
            JalaliDate::new(1405, 1, 0),
            Err(DateError::DayOutOfRange { day: 0, .. })
        ));
    }

    #[test]
    fn the_first_six_months_have_31_days_and_the_next_five_30() {
        for month in 1..=6 {
            assert_eq!(JalaliDate::days_in_month(1405, month), Ok(31));
        }
        for month in 7..=11 {
            assert_eq!(JalaliDate::days_in_month(1405, month), Ok(30));
        }
    }

    #[test]
    fn every_documented_text_form_parses_to_the_same_date() {
        let expected = jalali(1405, 9, 7);
        for text in [
            "۱۴۰۵/۰۹/۰۷",
            "1405/9/7",
            "1405-9-7",
            "1405-09-07",
            "١٤٠٥/٠٩/٠٧",
            " 1405 / 09 / 07 ",
            "۷ آذر ۱۴۰۵",
            "7 آذر 1405",
            "7 آذر ماه 1405",
            "7 آذرماه 1405",
            "شنبه 7 آذر 1405",
            "شنبه، ۷ آذر ۱۴۰۵",
            "7 Azar 1405",
            "Saturday 7 azar 1405",
        ] {
            assert_eq!(JalaliDate::parse(text), Ok(expected), "input {text}");
        }
    }

    #[test]
    fn arabic_letter_variants_in_month_names_are_folded() {
        assert_eq!(JalaliDate::parse("۱ ارديبهشت ۱۴۰۵"), Ok(jalali(1405, 2, 1)));
        assert_eq!(JalaliDate::parse("۱ دي ۱۴۰۵"), Ok(jalali(1405, 10, 1)));
        assert_eq!(JalaliDate::parse("۱ ابان ۱۴۰۵"), Ok(jalali(1405, 8, 1)));
    }

    #[test]
    fn a_spaced_weekday_name_is_understood() {
        let tuesday = jalali(1405, 9, 10);
        assert_eq!(tuesday.weekday(), Weekday::Seshanbeh);
        assert_eq!(JalaliDate::parse("سه شنبه ۱۰ آذر ۱۴۰۵"), Ok(tuesday));
        assert_eq!(JalaliDate::parse("سه‌شنبه ۱۰ آذر ۱۴۰۵"), Ok(tuesday));
    }

    #[test]
    fn a_weekday_that_does_not_match_is_rejected() {
        let error = JalaliDate::parse("یکشنبه ۷ آذر ۱۴۰۵").unwrap_err();
        assert_eq!(
            error,
            DateError::WeekdayMismatch {
                date: jalali(1405, 9, 7),
                written: Weekday::Yekshanbeh
            }
        );
        assert_eq!(
            error.message(),
            Message::new("date-weekday_mismatch")
                .arg("date", MessageArg::label("۷ آذر ۱۴۰۵", "1405/09/07"))
                .arg("weekday", MessageArg::label("شنبه", "Saturday"))
        );
    }

    #[test]
    fn malformed_texts_are_rejected_with_a_reason() {
        assert_eq!(JalaliDate::parse(""), Err(DateError::Empty));
        assert_eq!(JalaliDate::parse("1405/09"), Err(DateError::Malformed));
        assert_eq!(
            JalaliDate::parse("05/09/07"),
            Err(DateError::YearNotFourDigits)
        );
        assert_eq!(
            JalaliDate::parse("1405/13/01"),
            Err(DateError::MonthOutOfRange { month: 13 })
        );
        assert_eq!(JalaliDate::parse("1405/009/07"), Err(DateError::Malformed));
        assert_eq!(
            JalaliDate::parse("7 Brumaire 1405"),
            Err(DateError::UnknownMonthName {
                name: "Brumaire".to_owned()
            })
        );
        assert!(matches!(
            JalaliDate::parse("روزی 7 آذر 1405"),
            Err(DateError::UnknownWeekday { .. })
        ));
    }

    #[test]
    fn formats_in_every_style_and_digit_kind() {
        let date = jalali(1405, 9, 7);
        assert_eq!(date.format(DateStyle::Numeric, Digits::Latin), "1405/09/07");
        assert_eq!(
            date.format(DateStyle::Numeric, Digits::Persian),
            "۱۴۰۵/۰۹/۰۷"
        );
        assert_eq!(date.format(DateStyle::Long, Digits::Latin), "7 آذر 1405");
        assert_eq!(date.format(DateStyle::Long, Digits::Persian), "۷ آذر ۱۴۰۵");
        assert_eq!(
            date.format(DateStyle::LongWithWeekday, Digits::Latin),
            "شنبه 7 آذر 1405"
        );
        assert_eq!(date.format_en(DateStyle::Long), "7 Azar 1405");
        assert_eq!(
            date.format_en(DateStyle::LongWithWeekday),
            "Saturday 7 Azar 1405"
        );
        assert_eq!(date.to_string(), "1405/09/07");
    }

    #[test]
    fn month_names_in_both_languages() {
        assert_eq!(month_name_fa(1), Some("فروردین"));
        assert_eq!(month_name_fa(9), Some("آذر"));
        assert_eq!(month_name_fa(13), None);
        assert_eq!(month_name_en(12), Some("Esfand"));
        assert_eq!(month_name_en(0), None);
    }

    #[test]
    fn the_week_starts_on_saturday() {
        assert_eq!(Weekday::Shanbeh.index_from_saturday(), 0);
        assert_eq!(Weekday::Jomeh.index_from_saturday(), 6);
        assert_eq!(
            Weekday::from_index_from_saturday(3),
            Some(Weekday::Seshanbeh)
        );
        assert_eq!(Weekday::from_index_from_saturday(7), None);
        let friday = jalali(1405, 9, 13);
        assert_eq!(friday.weekday(), Weekday::Jomeh);
        assert_eq!(friday.start_of_week(), jalali(1405, 9, 7));
        assert_eq!(jalali(1405, 9, 7).start_of_week(), jalali(1405, 9, 7));
    }

    #[test]
    fn weekday_names() {
        assert_eq!(Weekday::Shanbeh.name_fa(), "شنبه");
        assert_eq!(Weekday::Panjshanbeh.name_fa(), "پنج‌شنبه");
        assert_eq!(Weekday::Jomeh.name_en(), "Friday");
    }

    #[test]
    fn adding_days_crosses_months_and_years() {
        assert_eq!(jalali(1403, 12, 30).add_days(1), jalali(1404, 1, 1));
        assert_eq!(jalali(1404, 1, 1).add_days(-1), jalali(1403, 12, 30));
        assert_eq!(jalali(1405, 6, 31).add_days(1), jalali(1405, 7, 1));
        assert_eq!(jalali(1405, 9, 7).days_until(jalali(1406, 9, 7)), 365);
    }

    #[test]
    fn adding_days_beyond_the_supported_range_is_refused() {
        assert_eq!(jalali(1405, 1, 1).checked_add_days(i64::MAX), None);
        assert_eq!(jalali(1405, 1, 1).checked_add_days(i64::MIN), None);
        assert_eq!(JalaliDate::latest().checked_add_days(1), None);
        assert_eq!(JalaliDate::earliest().checked_add_days(-1), None);
    }

    #[test]
    fn the_supported_range_is_jiffs_range() {
        assert_eq!(
            JalaliDate::earliest().to_gregorian(),
            jiff::civil::Date::MIN
        );
        assert_eq!(JalaliDate::latest().to_gregorian(), jiff::civil::Date::MAX);
        assert_eq!(
            JalaliDate::new(i32::MAX, 1, 1),
            Err(DateError::YearOutOfRange { year: i32::MAX })
        );
        assert_eq!(
            JalaliDate::new(i32::MIN, 1, 1),
            Err(DateError::YearOutOfRange { year: i32::MIN })
        );
        let beyond = JalaliDate::latest().year() + 1;
        assert_eq!(
            JalaliDate::new(beyond, 1, 1),
            Err(DateError::YearOutOfRange { year: beyond })
        );
    }

    #[test]
    fn month_bounds() {
        let date = jalali(1403, 12, 15);
        assert_eq!(date.first_of_month(), jalali(1403, 12, 1));
        assert_eq!(date.last_of_month(), jalali(1403, 12, 30));
    }

    #[test]
    fn iso_strings_are_gregorian() {
        let date = jalali(1405, 9, 7);
        assert_eq!(date.to_iso_string(), "2026-11-28");
        assert_eq!(JalaliDate::from_iso_str("2026-11-28"), Ok(date));
        assert_eq!(JalaliDate::from_iso_str("۲۰۲۶-۱۱-۲۸"), Ok(date));
        assert_eq!(
            JalaliDate::from_iso_str("2026-02-30"),
            Err(DateError::InvalidIsoDate)
        );
    }

    #[test]
    fn today_uses_tehran_time_not_utc() {
        // 21:00 UTC on 2026-11-27 is 00:30 on 2026-11-28 in Tehran.
        let instant: jiff::Timestamp = "2026-11-27T21:00:00Z".parse().unwrap();
        assert_eq!(today_in_tehran(instant), jalali(1405, 9, 7));
        let earlier: jiff::Timestamp = "2026-11-27T20:29:00Z".parse().unwrap();
        assert_eq!(today_in_tehran(earlier), jalali(1405, 9, 6));
    }

    #[test]
    fn serde_uses_the_numeric_jalali_form() {
        let date = jalali(1405, 9, 7);
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"1405/09/07\"");
        let back: JalaliDate = serde_json::from_str("\"۷ آذر ۱۴۰۵\"").unwrap();
        assert_eq!(back, date);
        assert!(serde_json::from_str::<JalaliDate>("\"1404/12/30\"").is_err());
    }

    #[test]
    fn error_messages_name_the_month_and_its_length() {
        let error = JalaliDate::new(1404, 12, 30).unwrap_err();
        assert_eq!(
            error.message(),
            Message::new("date-day_out_of_range")
                .arg("month", 12_u8)
                .arg("year", MessageArg::digits(1404))
                .arg("max", 29_u8)
        );
    }

    #[test]
    fn fiscal_year_runs_from_farvardin_to_esfand() {
        let leap = FiscalYear::of(jalali(1403, 5, 5));
        assert_eq!(leap.year(), 1403);
        assert_eq!(leap.first_day(), jalali(1403, 1, 1));
        assert_eq!(leap.last_day(), jalali(1403, 12, 30));
        let common = FiscalYear::new(1404).unwrap();
        assert_eq!(common.last_day(), jalali(1404, 12, 29));
        assert!(common.contains(jalali(1404, 12, 29)));
        assert!(!common.contains(jalali(1405, 1, 1)));
        assert_eq!(FiscalYear::new(1405).unwrap().label_fa(), "سال مالی ۱۴۰۵");
        assert_eq!(
            FiscalYear::new(1405).unwrap().label_en(),
            "Fiscal year 1405"
        );
    }

    #[test]
    fn fiscal_year_is_serialised_as_a_number() {
        let year = FiscalYear::new(1405).unwrap();
        assert_eq!(serde_json::to_string(&year).unwrap(), "1405");
        assert_eq!(serde_json::from_str::<FiscalYear>("1405").unwrap(), year);
        assert!(serde_json::from_str::<FiscalYear>("99999").is_err());
    }

    /// Gregorian dates from 1900-01-01 through 2100-12-31.
    fn modern_gregorian() -> impl Strategy<Value = jiff::civil::Date> {
        (0i64..73_414).prop_map(|offset| gregorian(1900, 1, 1).checked_add(offset.days()).unwrap())
    }

    /// Jalali dates with four-digit years (Gregorian 0622-03-22 to 9999-12-31).
    fn four_digit_year_date() -> impl Strategy<Value = JalaliDate> {
        let first = gregorian(622, 3, 22);
        let span = first.until(jiff::civil::Date::MAX).unwrap().get_days();
        (0..=i64::from(span)).prop_map(move |offset| {
            JalaliDate::from_gregorian(first.checked_add(offset.days()).unwrap())
        })
    }

    fn any_style() -> impl Strategy<Value = DateStyle> {
        prop::sample::select(DateStyle::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn gregorian_to_jalali_and_back_is_identity(date in modern_gregorian()) {
            prop_assert_eq!(JalaliDate::from_gregorian(date).to_gregorian(), date);
        }

        #[test]
        fn parse_reads_back_every_format(
            date in four_digit_year_date(),
            style in any_style(),
            persian in any::<bool>(),
        ) {
            let digits = if persian { Digits::Persian } else { Digits::Latin };
            prop_assert_eq!(JalaliDate::parse(&date.format(style, digits)), Ok(date));
            prop_assert_eq!(JalaliDate::parse(&date.format_en(style)), Ok(date));
        }

        #[test]
        fn persian_digits_parse_like_latin_digits(date in four_digit_year_date()) {
            let latin = date.to_string();
            prop_assert_eq!(JalaliDate::parse(&to_persian_digits(&latin)), JalaliDate::parse(&latin));
        }

        #[test]
        fn adding_days_matches_gregorian_arithmetic(
            date in modern_gregorian(),
            days in -100_000i64..100_000,
        ) {
            let expected = date.checked_add(days.days()).unwrap();
            prop_assert_eq!(JalaliDate::from_gregorian(date).add_days(days).to_gregorian(), expected);
        }

        #[test]
        fn start_of_week_is_a_saturday_at_most_six_days_before(date in modern_gregorian()) {
            let day = JalaliDate::from_gregorian(date);
            let start = day.start_of_week();
            prop_assert_eq!(start.weekday(), Weekday::Shanbeh);
            prop_assert!((0..=6).contains(&start.days_until(day)));
        }

        #[test]
        fn new_accepts_exactly_the_days_icu_says_the_month_has(
            year in 1300i32..1500,
            month in 1u8..=12,
            day in 0u8..=32,
        ) {
            let length = JalaliDate::days_in_month(year, month).unwrap();
            prop_assert_eq!(JalaliDate::new(year, month, day).is_ok(), (1..=length).contains(&day));
        }

        #[test]
        fn the_iso_string_round_trips(date in modern_gregorian()) {
            let jalali = JalaliDate::from_gregorian(date);
            prop_assert_eq!(JalaliDate::from_iso_str(&jalali.to_iso_string()), Ok(jalali));
        }

        #[test]
        fn fiscal_year_contains_its_bounds_and_all_between(date in modern_gregorian()) {
            let day = JalaliDate::from_gregorian(date);
            let year = FiscalYear::of(day);
            prop_assert!(year.first_day() <= day && day <= year.last_day());
            prop_assert_eq!(year.last_day().add_days(1), FiscalYear::new(year.year() + 1).unwrap().first_day());
        }

        #[test]
        fn parsing_arbitrary_text_never_panics(text in any::<String>()) {
            let _ = JalaliDate::parse(&text);
            let _ = JalaliDate::from_iso_str(&text);
        }

        #[test]
        fn parsing_date_like_text_never_panics(text in "[0-9۰-۹/ -]{0,16}|[0-9]{1,4} [آ-ی]{1,8} [0-9]{1,5}") {
            let _ = JalaliDate::parse(&text);
        }
    }
}
