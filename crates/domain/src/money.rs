//! Amounts of money, kept as whole current rials, and their display in rial,
//! toman or new rial.
//!
//! Budgets, grants and loans are stored as an integer number of current rials
//! so that sums are exact. People speak in toman (10 rials), and the currency
//! is being redenominated (one new rial = 10,000 current rials), so display
//! lets the reader choose the unit. All arithmetic is checked integer
//! arithmetic: an overflow is an error, never a wrapped or rounded value, and
//! no floating point is used anywhere.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::digits::{group_digit_string, to_latin_digits, to_persian_digits};
use crate::message::{Message, localized_message};

/// Persian thousands separator (U+066C ARABIC THOUSANDS SEPARATOR).
const PERSIAN_THOUSANDS: char = '\u{066C}';
/// Persian decimal separator (U+066B ARABIC DECIMAL SEPARATOR).
const PERSIAN_DECIMAL: char = '\u{066B}';

/// An amount of money in current (pre-redenomination) rials.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Rials(i64);

/// Why a text is not an amount of rials.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("amount is empty")]
    Empty,
    #[error("amount must be a whole number of rials, without decimals")]
    Decimal,
    #[error("amount may contain only digits, thousands separators and a leading minus")]
    InvalidCharacter,
    #[error("amount is too large")]
    Overflow,
}

impl MoneyError {
    /// What is wrong, without the field name.
    pub fn message(&self) -> Message {
        Message::new(match self {
            Self::Empty => "amount-empty",
            Self::Decimal => "amount-decimal",
            Self::InvalidCharacter => "amount-invalid_character",
            Self::Overflow => "amount-overflow",
        })
    }
}

localized_message!(MoneyError);

impl Rials {
    /// Wraps a number of rials.
    pub const fn new(rials: i64) -> Rials {
        Rials(rials)
    }

    /// No money.
    pub const fn zero() -> Rials {
        Rials(0)
    }

    /// The number of rials.
    pub const fn value(self) -> i64 {
        self.0
    }

    /// True for a debt or a refund, below zero.
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// The sum, or `None` on overflow.
    pub fn checked_add(self, other: Rials) -> Option<Rials> {
        self.0.checked_add(other.0).map(Rials)
    }

    /// The difference, or `None` on overflow.
    pub fn checked_sub(self, other: Rials) -> Option<Rials> {
        self.0.checked_sub(other.0).map(Rials)
    }

    /// The amount times a count (e.g. members × monthly saving), or `None` on overflow.
    pub fn checked_mul(self, factor: i64) -> Option<Rials> {
        self.0.checked_mul(factor).map(Rials)
    }

    /// A whole number of `unit`s in rials, or `None` on overflow,
    /// e.g. 5 toman is 50 rials.
    pub fn checked_from_units(amount: i64, unit: MoneyUnit) -> Option<Rials> {
        amount.checked_mul(unit.rials_per_unit()).map(Rials)
    }

    /// Parses a whole number of rials as people type it: Persian or Arabic
    /// digits, thousands separators (`,` `٬` `،` and spaces) anywhere between
    /// digits, and an optional leading `-`. Decimals are rejected.
    pub fn parse(text: &str) -> Result<Rials, MoneyError> {
        let latin = to_latin_digits(text.trim());
        let (negative, magnitude) = match latin.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, latin.as_str()),
        };
        let digits = digits_without_separators(magnitude)?;
        accumulate(&digits, negative).map(Rials)
    }
}

fn is_thousands_separator(character: char) -> bool {
    character.is_whitespace() || matches!(character, ',' | PERSIAN_THOUSANDS | '،')
}

fn digits_without_separators(text: &str) -> Result<String, MoneyError> {
    let digits: String = text
        .chars()
        .filter(|character| !is_thousands_separator(*character))
        .collect();
    if digits.contains(['.', PERSIAN_DECIMAL, '/']) {
        return Err(MoneyError::Decimal);
    }
    if digits.is_empty() {
        return Err(MoneyError::Empty);
    }
    if !digits.chars().all(|character| character.is_ascii_digit()) {
        return Err(MoneyError::InvalidCharacter);
    }
    Ok(digits)
}

/// Builds the value digit by digit, towards negative for a negative amount so
/// that `i64::MIN` is reachable, failing on overflow.
fn accumulate(digits: &str, negative: bool) -> Result<i64, MoneyError> {
    digits.bytes().try_fold(0i64, |total, digit| {
        let digit = i64::from(digit - b'0');
        let shifted = total.checked_mul(10);
        let next = if negative {
            shifted.and_then(|value| value.checked_sub(digit))
        } else {
            shifted.and_then(|value| value.checked_add(digit))
        };
        next.ok_or(MoneyError::Overflow)
    })
}

impl fmt::Display for Rials {
    /// Plain number of rials, e.g. `743000000`, for exports.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}", self.0)
    }
}

impl std::str::FromStr for Rials {
    type Err = MoneyError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

/// The unit an amount is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MoneyUnit {
    /// The current rial, the unit of storage.
    Rial,
    /// Toman, 10 rials: the unit people speak in.
    Toman,
    /// The redenominated rial, 10,000 current rials.
    NewRial,
}

/// Why a text is not a money unit.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown money unit {text:?}; expected rial, toman or new_rial")]
pub struct MoneyUnitError {
    /// The text that was not recognised.
    pub text: String,
}

impl MoneyUnitError {
    /// What is wrong, without the field name.
    pub fn message(&self) -> Message {
        Message::new("money_unit-unknown").arg("text", self.text.as_str())
    }
}

localized_message!(MoneyUnitError);

impl MoneyUnit {
    /// Every unit, in display-menu order.
    pub const ALL: [MoneyUnit; 3] = [MoneyUnit::Rial, MoneyUnit::Toman, MoneyUnit::NewRial];

    /// Parses the stored code `rial`, `toman` or `new_rial` (case and
    /// surrounding space ignored).
    pub fn parse(text: &str) -> Result<MoneyUnit, MoneyUnitError> {
        let code = text.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|unit| unit.as_str() == code)
            .ok_or_else(|| MoneyUnitError {
                text: text.to_owned(),
            })
    }

    /// The stored code: `rial`, `toman` or `new_rial`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Rial => "rial",
            Self::Toman => "toman",
            Self::NewRial => "new_rial",
        }
    }

    /// The Persian label: ریال, تومان or ریال جدید.
    pub const fn label_fa(self) -> &'static str {
        match self {
            Self::Rial => "ریال",
            Self::Toman => "تومان",
            Self::NewRial => "ریال جدید",
        }
    }

    /// The English label: rial, toman or new rial.
    pub const fn label_en(self) -> &'static str {
        match self {
            Self::Rial => "rial",
            Self::Toman => "toman",
            Self::NewRial => "new rial",
        }
    }

    /// The English name after an amount: `rial` for exactly one, `rials` for any other.
    pub const fn name_en(self, exactly_one: bool) -> &'static str {
        match (self, exactly_one) {
            (Self::Rial, true) => "rial",
            (Self::Rial, false) => "rials",
            (Self::Toman, true) => "toman",
            (Self::Toman, false) => "tomans",
            (Self::NewRial, true) => "new rial",
            (Self::NewRial, false) => "new rials",
        }
    }

    /// How many current rials make one of this unit.
    pub const fn rials_per_unit(self) -> i64 {
        match self {
            Self::Rial => 1,
            Self::Toman => 10,
            Self::NewRial => 10_000,
        }
    }

    /// The most decimals needed to show any rial amount exactly in this unit.
    const fn decimal_places(self) -> usize {
        match self {
            Self::Rial => 0,
            Self::Toman => 1,
            Self::NewRial => 4,
        }
    }
}

impl fmt::Display for MoneyUnit {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl std::str::FromStr for MoneyUnit {
    type Err = MoneyUnitError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl Serialize for MoneyUnit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for MoneyUnit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Formats an amount in `unit` with grouped thousands and the Persian unit
/// label, e.g. 743,000,000 rials in toman with Persian digits is
/// `۷۴٬۳۰۰٬۰۰۰ تومان`, and with Latin digits `74,300,000 تومان`.
///
/// With Persian digits the separators are `٬` (thousands) and `٫` (decimal);
/// with Latin digits `,` and `.`. An amount that is not a whole number of the
/// unit shows its exact fraction: one decimal for toman, up to four (trailing
/// zeros trimmed) for new rial. Only integer arithmetic is used.
pub fn format_money(amount: Rials, unit: MoneyUnit, persian_digits: bool) -> String {
    let number = if persian_digits {
        to_persian_digits(&format_number(
            amount,
            unit,
            PERSIAN_THOUSANDS,
            PERSIAN_DECIMAL,
        ))
    } else {
        format_number(amount, unit, ',', '.')
    };
    format!("{number} {}", unit.label_fa())
}

/// Formats an amount for the English interface, e.g. `74,300,000 tomans` or `1 rial`:
/// the unit is plural unless the amount is exactly one of it.
pub fn format_money_en(amount: Rials, unit: MoneyUnit) -> String {
    let exactly_one = amount.value().unsigned_abs() == unit.rials_per_unit().unsigned_abs();
    format!(
        "{} {}",
        format_number(amount, unit, ',', '.'),
        unit.name_en(exactly_one)
    )
}

/// The amount in `unit` with ASCII digits and the given separators.
fn format_number(amount: Rials, unit: MoneyUnit, thousands: char, decimal: char) -> String {
    let magnitude = amount.0.unsigned_abs();
    let per_unit = unit.rials_per_unit().unsigned_abs();
    let whole = group_digit_string(&(magnitude / per_unit).to_string(), thousands);
    let fraction = fraction_digits(magnitude % per_unit, unit.decimal_places());
    let sign = if amount.is_negative() { "-" } else { "" };
    match fraction {
        Some(fraction) => format!("{sign}{whole}{decimal}{fraction}"),
        None => format!("{sign}{whole}"),
    }
}

/// The decimals of `remainder` rials out of one unit, zero-padded to `places`
/// and with trailing zeros trimmed; `None` when the amount is whole.
fn fraction_digits(remainder: u64, places: usize) -> Option<String> {
    if remainder == 0 {
        return None;
    }
    let padded = format!("{remainder:0>places$}");
    Some(padded.trim_end_matches('0').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digits::group_thousands;
    use proptest::prelude::*;

    #[test]
    fn the_seed_figure_in_toman_with_persian_digits() {
        let spent = Rials::new(743_000_000);
        assert_eq!(
            format_money(spent, MoneyUnit::Toman, true),
            "۷۴٬۳۰۰٬۰۰۰ تومان"
        );
    }

    #[test]
    fn the_seed_figure_in_each_unit_with_latin_digits() {
        let spent = Rials::new(743_000_000);
        assert_eq!(
            format_money(spent, MoneyUnit::Rial, false),
            "743,000,000 ریال"
        );
        assert_eq!(
            format_money(spent, MoneyUnit::Toman, false),
            "74,300,000 تومان"
        );
        assert_eq!(
            format_money(spent, MoneyUnit::NewRial, false),
            "74,300 ریال جدید"
        );
        assert_eq!(
            format_money_en(spent, MoneyUnit::Toman),
            "74,300,000 tomans"
        );
        assert_eq!(
            format_money_en(Rials::new(743_000_000), MoneyUnit::Rial),
            "743,000,000 rials"
        );
        assert_eq!(format_money_en(Rials::new(1), MoneyUnit::Rial), "1 rial");
        assert_eq!(
            format_money_en(Rials::new(-10), MoneyUnit::Toman),
            "-1 toman"
        );
        assert_eq!(
            format_money_en(Rials::new(10_000), MoneyUnit::NewRial),
            "1 new rial"
        );
    }

    #[test]
    fn an_inexact_toman_amount_shows_one_decimal() {
        let amount = Rials::new(12_345);
        assert_eq!(
            format_money(amount, MoneyUnit::Toman, false),
            "1,234.5 تومان"
        );
        assert_eq!(
            format_money(amount, MoneyUnit::Toman, true),
            "۱٬۲۳۴٫۵ تومان"
        );
    }

    #[test]
    fn new_rial_decimals_are_exact_and_trimmed() {
        let format = |rials| format_money(Rials::new(rials), MoneyUnit::NewRial, false);
        assert_eq!(format(12_345), "1.2345 ریال جدید");
        assert_eq!(format(15_000), "1.5 ریال جدید");
        assert_eq!(format(10_050), "1.005 ریال جدید");
        assert_eq!(format(1), "0.0001 ریال جدید");
    }

    #[test]
    fn negative_amounts_keep_their_sign() {
        let refund = Rials::new(-1_234_567);
        assert_eq!(
            format_money(refund, MoneyUnit::Rial, false),
            "-1,234,567 ریال"
        );
        assert_eq!(
            format_money(refund, MoneyUnit::Toman, false),
            "-123,456.7 تومان"
        );
        assert_eq!(
            format_money(Rials::new(i64::MIN), MoneyUnit::Rial, false),
            "-9,223,372,036,854,775,808 ریال"
        );
    }

    #[test]
    fn persian_digits_and_separators_parse() {
        assert_eq!(Rials::parse("۷۴۳٬۰۰۰٬۰۰۰"), Ok(Rials::new(743_000_000)));
        assert_eq!(Rials::parse("٧٤٣،٠٠٠،٠٠٠"), Ok(Rials::new(743_000_000)));
        assert_eq!(Rials::parse(" 743,000,000 "), Ok(Rials::new(743_000_000)));
        assert_eq!(Rials::parse("743 000 000"), Ok(Rials::new(743_000_000)));
    }

    #[test]
    fn a_leading_minus_makes_the_amount_negative() {
        assert_eq!(Rials::parse("-1,000"), Ok(Rials::new(-1_000)));
        assert!(Rials::parse("-1").unwrap().is_negative());
    }

    #[test]
    fn decimals_are_rejected() {
        assert_eq!(Rials::parse("12.5"), Err(MoneyError::Decimal));
        assert_eq!(Rials::parse("۱۲٫۵"), Err(MoneyError::Decimal));
    }

    #[test]
    fn letters_and_a_misplaced_minus_are_rejected() {
        assert_eq!(Rials::parse("12a"), Err(MoneyError::InvalidCharacter));
        assert_eq!(Rials::parse("12-3"), Err(MoneyError::InvalidCharacter));
        assert_eq!(Rials::parse("--3"), Err(MoneyError::InvalidCharacter));
    }

    #[test]
    fn blank_and_sign_only_inputs_are_empty() {
        assert_eq!(Rials::parse(" "), Err(MoneyError::Empty));
        assert_eq!(Rials::parse("-"), Err(MoneyError::Empty));
        assert_eq!(Rials::parse(",,"), Err(MoneyError::Empty));
    }

    #[test]
    fn the_extreme_values_parse_and_one_more_overflows() {
        assert_eq!(
            Rials::parse(&i64::MAX.to_string()),
            Ok(Rials::new(i64::MAX))
        );
        assert_eq!(
            Rials::parse(&i64::MIN.to_string()),
            Ok(Rials::new(i64::MIN))
        );
        assert_eq!(
            Rials::parse("9223372036854775808"),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Rials::parse("-9223372036854775809"),
            Err(MoneyError::Overflow)
        );
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        let most = Rials::new(i64::MAX);
        assert_eq!(most.checked_add(Rials::new(1)), None);
        assert_eq!(Rials::new(i64::MIN).checked_sub(Rials::new(1)), None);
        assert_eq!(most.checked_mul(2), None);
        assert_eq!(
            Rials::new(300_000_000).checked_mul(6),
            Some(Rials::new(1_800_000_000))
        );
        assert_eq!(
            Rials::new(5).checked_sub(Rials::new(7)),
            Some(Rials::new(-2))
        );
        assert_eq!(Rials::zero().value(), 0);
    }

    #[test]
    fn units_convert_to_rials() {
        assert_eq!(
            Rials::checked_from_units(5, MoneyUnit::Toman),
            Some(Rials::new(50))
        );
        assert_eq!(
            Rials::checked_from_units(3, MoneyUnit::NewRial),
            Some(Rials::new(30_000))
        );
        assert_eq!(Rials::checked_from_units(i64::MAX, MoneyUnit::Toman), None);
    }

    #[test]
    fn money_units_parse_from_their_codes() {
        for unit in MoneyUnit::ALL {
            assert_eq!(MoneyUnit::parse(unit.as_str()), Ok(unit));
        }
        assert_eq!(MoneyUnit::parse(" Toman "), Ok(MoneyUnit::Toman));
        assert!(MoneyUnit::parse("dollar").is_err());
    }

    #[test]
    fn money_unit_labels() {
        assert_eq!(MoneyUnit::NewRial.label_fa(), "ریال جدید");
        assert_eq!(MoneyUnit::Toman.label_fa(), "تومان");
        assert_eq!(MoneyUnit::Rial.label_en(), "rial");
    }

    #[test]
    fn messages_are_in_persian_and_english() {
        assert_eq!(MoneyError::Decimal.message().id(), "amount-decimal");
        let unit_error = MoneyUnit::parse("usd").unwrap_err();
        assert_eq!(
            unit_error.message(),
            Message::new("money_unit-unknown").arg("text", "usd")
        );
    }

    #[test]
    fn serde_uses_plain_numbers_and_unit_codes() {
        assert_eq!(serde_json::to_string(&Rials::new(-5)).unwrap(), "-5");
        assert_eq!(serde_json::from_str::<Rials>("42").unwrap(), Rials::new(42));
        assert_eq!(
            serde_json::to_string(&MoneyUnit::NewRial).unwrap(),
            "\"new_rial\""
        );
        assert_eq!(
            serde_json::from_str::<MoneyUnit>("\"toman\"").unwrap(),
            MoneyUnit::Toman
        );
    }

    /// Undoes `format_number` for Latin output: removes grouping and scales
    /// the decimal part back to rials.
    fn rials_from_latin(text: &str, unit: MoneyUnit) -> i128 {
        let (sign, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (-1, rest),
            None => (1, text),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let whole: i128 = whole.replace(',', "").parse().unwrap();
        let padded = format!("{fraction:0<width$}", width = unit.decimal_places());
        let fraction: i128 = if padded.is_empty() {
            0
        } else {
            padded.parse().unwrap()
        };
        sign * (whole * i128::from(unit.rials_per_unit()) + fraction)
    }

    fn any_unit() -> impl Strategy<Value = MoneyUnit> {
        prop::sample::select(MoneyUnit::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn parsing_arbitrary_text_never_panics(text in any::<String>()) {
            let _ = Rials::parse(&text);
            let _ = MoneyUnit::parse(&text);
        }

        #[test]
        fn grouped_amounts_round_trip(value in any::<i64>()) {
            let grouped = group_thousands(value, ',');
            prop_assert_eq!(Rials::parse(&grouped), Ok(Rials::new(value)));
            prop_assert_eq!(Rials::parse(&value.to_string()), Ok(Rials::new(value)));
        }

        #[test]
        fn persian_digits_parse_like_latin_digits(value in any::<i64>()) {
            let persian = to_persian_digits(&group_thousands(value, PERSIAN_THOUSANDS));
            prop_assert_eq!(Rials::parse(&persian), Ok(Rials::new(value)));
        }

        #[test]
        fn formatting_in_any_unit_is_exact(value in any::<i64>(), unit in any_unit()) {
            let text = format_money_en(Rials::new(value), unit);
            let number = text
                .strip_suffix(unit.name_en(false))
                .or_else(|| text.strip_suffix(unit.name_en(true)))
                .unwrap()
                .trim_end();
            prop_assert_eq!(rials_from_latin(number, unit), i128::from(value));
        }

        #[test]
        fn persian_formatting_is_latin_formatting_in_persian_script(
            value in any::<i64>(),
            unit in any_unit(),
        ) {
            let latin = format_money(Rials::new(value), unit, false)
                .replace(',', "\u{066C}")
                .replace('.', "\u{066B}");
            prop_assert_eq!(format_money(Rials::new(value), unit, true), to_persian_digits(&latin));
        }
    }
}
