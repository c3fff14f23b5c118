//! Parsers for the kinds of field the registry's forms share: tidy free
//! text with a length limit, coded-list choices, yes/no answers, income
//! deciles and dates of birth.
//!
//! The woman's and the household member's forms (and the spreadsheet import
//! that feeds the same structs) must treat a blank, a Persian digit or an
//! Arabic letter in the same way, and explain each mistake with the same
//! words; keeping these parsers in one place guarantees that. Each returns a
//! [`Problem`] for the named field, never a partial value.

use crate::digits::to_latin_digits;
use crate::jalali::JalaliDate;
use crate::letters::persian_letters;
use crate::message::{Message, MessageArg};
use crate::person_name::search_key;
use crate::registry::codes::{CodedList, fold};
use crate::registry::eligibility::{DECILES, age_in_years};
use crate::registry::problem::Problem;

/// How many characters of an unrecognised text a message quotes.
const QUOTE_CHARS: usize = 40;

/// True when the text holds nothing but whitespace and invisible marks
/// (zero-width non-joiner, bidirectional marks, tatweel, diacritics).
pub(crate) fn is_blank(text: &str) -> bool {
    search_key(text).is_empty()
}

/// Trims the text, collapses every run of whitespace (line breaks included)
/// to one space and writes the Arabic ي ى ك as the Persian ی ک.
pub(crate) fn tidy_line(text: &str) -> String {
    persian_letters(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Tidies each line like [`tidy_line`] but keeps the line breaks, with at
/// most one empty line between paragraphs and none at either end.
pub(crate) fn tidy_multiline(text: &str) -> String {
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<String> = Vec::new();
    for line in normalised.split('\n').map(tidy_line) {
        let previous_blank = lines.last().is_none_or(String::is_empty);
        if !(line.is_empty() && previous_blank) {
            lines.push(line);
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines.join("\n")
}

/// The text shortened for quoting in a message.
fn quote(text: &str) -> String {
    let tidy = tidy_line(text);
    if tidy.chars().count() > QUOTE_CHARS {
        let head: String = tidy.chars().take(QUOTE_CHARS).collect();
        format!("{head}…")
    } else {
        tidy
    }
}

/// Free text, tidied (line breaks kept when `multiline`), at most
/// `max_chars` characters, without control characters. Empty is allowed.
pub(crate) fn free_text(
    field: &'static str,
    text: &str,
    max_chars: usize,
    multiline: bool,
) -> Result<String, Problem> {
    let tidy = if multiline {
        tidy_multiline(text)
    } else {
        tidy_line(text)
    };
    if tidy
        .chars()
        .any(|character| character.is_control() && character != '\n')
    {
        return Err(Problem::new(
            field,
            Message::new("fields-text_contains_invisible_control_character"),
        ));
    }
    let length = tidy.chars().count();
    if length > max_chars {
        return Err(Problem::new(
            field,
            Message::new("fields-text_too_long")
                .arg("max", MessageArg::digits(max_chars))
                .arg("length", MessageArg::digits(length)),
        ));
    }
    Ok(tidy)
}

/// A required choice from a coded list.
pub(crate) fn required_code<T: CodedList>(field: &'static str, text: &str) -> Result<T, Problem> {
    optional_code(field, text)?.ok_or_else(|| {
        Problem::new(
            field,
            Message::new("fields-choice_required").arg("list", list_name::<T>()),
        )
    })
}

/// The name of a coded list, as an argument of a message.
fn list_name<T: CodedList>() -> MessageArg {
    MessageArg::label(T::NAME_FA, T::NAME_EN)
}

/// An optional choice from a coded list: blank is `None`.
pub(crate) fn optional_code<T: CodedList>(
    field: &'static str,
    text: &str,
) -> Result<Option<T>, Problem> {
    if is_blank(text) {
        return Ok(None);
    }
    T::parse(text).map(Some).ok_or_else(|| {
        Problem::new(
            field,
            Message::new("fields-not_in_list")
                .arg("text", quote(text))
                .arg("list", list_name::<T>())
                .arg(
                    "choices",
                    MessageArg::label(T::labels_fa_joined(), T::labels_en_joined()),
                ),
        )
    })
}

/// A yes/no answer: blank is no; بله/بلی/آری/دارد/yes/true/1 and
/// خیر/نه/ندارد/no/false/0 in any script and case.
pub(crate) fn yes_no(field: &'static str, text: &str) -> Result<bool, Problem> {
    if is_blank(text) {
        return Ok(false);
    }
    const YES: [&str; 8] = ["بله", "بلی", "آری", "دارد", "yes", "y", "true", "1"];
    const NO: [&str; 7] = ["خیر", "نه", "ندارد", "no", "n", "false", "0"];
    let key = fold(text);
    if YES.iter().any(|word| fold(word) == key) {
        Ok(true)
    } else if NO.iter().any(|word| fold(word) == key) {
        Ok(false)
    } else {
        Err(Problem::new(field, Message::new("fields-answer_yes")))
    }
}

/// An optional income decile, 1–10, with Latin, Persian or Arabic digits.
pub(crate) fn income_decile(field: &'static str, text: &str) -> Result<Option<u8>, Problem> {
    if is_blank(text) {
        return Ok(None);
    }
    let digits = to_latin_digits(text.trim());
    let decile = if digits.bytes().all(|byte| byte.is_ascii_digit()) {
        digits.parse::<u8>().ok()
    } else {
        None
    };
    match decile {
        Some(decile) if (1..=DECILES).contains(&decile) => Ok(Some(decile)),
        _ => Err(Problem::new(
            field,
            Message::new("fields-income_decile_number_from_1"),
        )),
    }
}

/// A date of birth on or before `today`, giving an age from `min_age` to
/// `max_age` years. Blank is `None`.
pub(crate) fn birth_date(
    field: &'static str,
    text: &str,
    today: JalaliDate,
    min_age: u8,
    max_age: u8,
) -> Result<Option<JalaliDate>, Problem> {
    if is_blank(text) {
        return Ok(None);
    }
    let date = JalaliDate::parse(text).map_err(|error| Problem::from_error(field, &error))?;
    if date > today {
        return Err(Problem::new(
            field,
            Message::new("fields-date_birth_cannot_after_today"),
        ));
    }
    let age = age_in_years(date, today);
    if age < i32::from(min_age) || age > i32::from(max_age) {
        return Err(Problem::new(
            field,
            Message::new("fields-age_out_of_range")
                .arg("age", MessageArg::digits(age))
                .arg("min", min_age)
                .arg("max", max_age),
        ));
    }
    Ok(Some(date))
}

/// A required value: `Some` as is, `None` becomes the "not entered" problem, the catalogue's
/// message `missing` (`woman-birth_date_required`).
pub(crate) fn required<T>(
    field: &'static str,
    value: Result<Option<T>, Problem>,
    missing: &'static str,
) -> Result<T, Problem> {
    value?.ok_or_else(|| Problem::new(field, Message::new(missing)))
}

/// Runs an optional parser only when the text is not blank.
pub(crate) fn optional<T, E: crate::message::LocalizedMessage>(
    field: &'static str,
    text: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<Option<T>, Problem> {
    if is_blank(text) {
        return Ok(None);
    }
    parse(text)
        .map(Some)
        .map_err(|error| Problem::from_error(field, &error))
}

/// Collects the problems of many fields: `take` keeps a parsed value and
/// records a problem, so a form reports every mistake at once.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    problems: Vec<Problem>,
}

impl Collector {
    /// The value, or `None` after recording its problem.
    pub(crate) fn take<T>(&mut self, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                self.problems.push(problem);
                None
            }
        }
    }

    /// Every recorded problem, or `Ok` with the built value when there were none.
    pub(crate) fn finish<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T, Vec<Problem>> {
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        build().ok_or(self.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::codes::Settlement;
    use proptest::prelude::*;

    #[test]
    fn lines_are_trimmed_and_collapsed() {
        assert_eq!(
            tidy_line("  خیابان \t امام\n کوچه ۳ "),
            "خیابان امام کوچه ۳"
        );
    }

    #[test]
    fn multiline_text_keeps_paragraphs_but_not_extra_blank_lines() {
        assert_eq!(
            tidy_multiline("\n\n  بند  اول \r\n\r\n\r\n بند دوم\n  \n"),
            "بند اول\n\nبند دوم"
        );
    }

    #[test]
    fn blank_means_only_whitespace_and_invisible_marks() {
        assert!(is_blank(" \u{200C}\u{200F}\t"));
        assert!(!is_blank(" ۰ "));
    }

    #[test]
    fn text_over_the_limit_is_reported_with_both_lengths() {
        let problem = free_text("locality", &"ا".repeat(81), 80, false).unwrap_err();
        assert_eq!(problem.field, "locality");
        assert_eq!(
            problem.message,
            Message::new("fields-text_too_long")
                .arg("max", MessageArg::digits(80))
                .arg("length", MessageArg::digits(81))
        );
        assert!(free_text("locality", &"ا".repeat(80), 80, false).is_ok());
    }

    #[test]
    fn control_characters_in_free_text_are_rejected() {
        let problem = free_text("address", "کوچه\u{0007}", 300, false).unwrap_err();
        assert_eq!(problem.message.fa(), "متن شامل نویسهٔ کنترلی نامرئی است");
    }

    #[test]
    fn an_unknown_choice_lists_the_valid_ones() {
        let problem = required_code::<Settlement>("settlement", "جنگلی").unwrap_err();
        assert_eq!(
            problem.message,
            Message::new("fields-not_in_list")
                .arg("text", "جنگلی")
                .arg("list", MessageArg::label("نوع سکونت", "settlement"))
                .arg(
                    "choices",
                    MessageArg::label("شهری، روستایی، عشایری", "Urban, Rural, Nomadic")
                )
        );
    }

    #[test]
    fn a_missing_required_choice_says_it_was_not_chosen() {
        let problem = required_code::<Settlement>("settlement", " ").unwrap_err();
        assert_eq!(
            problem.message,
            Message::new("fields-choice_required")
                .arg("list", MessageArg::label("نوع سکونت", "settlement"))
        );
    }

    #[test]
    fn long_unknown_text_is_shortened_in_the_message() {
        let problem = optional_code::<Settlement>("settlement", &"ب".repeat(500)).unwrap_err();
        let (_, text) = &problem.message.args()[0];
        let MessageArg::Text(text) = text else {
            panic!("{text:?}")
        };
        assert_eq!(text.chars().count(), QUOTE_CHARS + 1);
        assert!(text.ends_with('…'));
    }

    #[test]
    fn yes_and_no_are_understood_in_persian_english_and_digits() {
        for yes in ["بله", "بلی", "آری", "دارد", "YES", "1", "۱", "true"] {
            assert_eq!(yes_no("disability", yes), Ok(true), "{yes}");
        }
        for no in ["خیر", "نه", "ندارد", "no", "0", "۰", "", "  "] {
            assert_eq!(yes_no("disability", no), Ok(false), "{no}");
        }
        let problem = yes_no("disability", "شاید").unwrap_err();
        assert_eq!(problem.message.fa(), "پاسخ باید «بله» یا «خیر» باشد");
    }

    #[test]
    fn deciles_accept_persian_and_arabic_digits_and_reject_the_rest() {
        assert_eq!(income_decile("income_decile", "۳"), Ok(Some(3)));
        assert_eq!(income_decile("income_decile", "٧"), Ok(Some(7)));
        assert_eq!(income_decile("income_decile", " 10 "), Ok(Some(10)));
        assert_eq!(income_decile("income_decile", ""), Ok(None));
        for bad in ["0", "11", "-1", "3.5", "سه", "999999999999"] {
            assert!(income_decile("income_decile", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_collector_reports_every_problem() {
        let mut collector = Collector::default();
        let first: Option<u8> = collector.take(Err(Problem::new("a", Message::new("name-empty"))));
        let second = collector.take(Ok::<u8, Problem>(2));
        let third: Option<u8> =
            collector.take(Err(Problem::new("c", Message::new("name-no_letter"))));
        let result = collector.finish(|| Some((first?, second?, third?)));
        let fields: Vec<_> = result.unwrap_err().iter().map(|p| p.field).collect();
        assert_eq!(fields, ["a", "c"]);
    }

    proptest! {
        #[test]
        fn tidying_is_idempotent(text in any::<String>()) {
            let line = tidy_line(&text);
            prop_assert_eq!(tidy_line(&line), line.clone());
            let multi = tidy_multiline(&text);
            prop_assert_eq!(tidy_multiline(&multi), multi);
        }

        #[test]
        fn field_parsers_never_panic(text in any::<String>(), days in -1000i64..1000) {
            let today = JalaliDate::new(1404, 1, 1).unwrap().add_days(days);
            let _ = free_text("notes", &text, 2000, true);
            let _ = yes_no("disability", &text);
            let _ = income_decile("income_decile", &text);
            let _ = birth_date("birth_date", &text, today, 10, 120);
            let _ = optional_code::<Settlement>("settlement", &text);
        }
    }
}
