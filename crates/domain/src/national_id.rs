//! The Iranian national ID (کد ملی), the key that identifies every client.
//!
//! A national ID is ten digits whose last digit is a check digit over the
//! first nine. People type it with Persian digits, with dashes or spaces, and
//! old cards print 8 or 9 digits because leading zeros were dropped. This
//! module accepts all of that and stores exactly ten ASCII digits, so that the
//! same woman always has the same key and double registration is caught.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::digits::to_latin_digits;
use crate::message::{Message, localized_message};

/// The number of digits in a national ID.
const LENGTH: usize = 10;
/// The shortest legacy form that is still accepted and left-padded with zeros.
const SHORTEST_LEGACY_LENGTH: usize = 8;

/// A valid Iranian national ID, always ten ASCII digits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NationalId(String);

/// Why a text is not a valid national ID.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NationalIdError {
    #[error("national ID is empty")]
    Empty,
    #[error("national ID may contain only digits")]
    NotDigits,
    #[error("national ID must have 10 digits (got {length})")]
    WrongLength { length: usize },
    #[error("national ID cannot be one repeated digit")]
    RepeatedDigit,
    #[error("national ID check digit is wrong")]
    WrongCheckDigit,
}

impl NationalIdError {
    /// What is wrong, without the field name.
    pub fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new("national_id-empty"),
            Self::NotDigits => Message::new("national_id-not_digits"),
            Self::WrongLength { length } => {
                Message::new("national_id-wrong_length").arg("length", *length)
            }
            Self::RepeatedDigit => Message::new("national_id-repeated_digit"),
            Self::WrongCheckDigit => Message::new("national_id-wrong_check_digit"),
        }
    }
}

localized_message!(NationalIdError);

impl NationalId {
    /// Parses a national ID as people type it: surrounding space is trimmed,
    /// Persian and Arabic digits are accepted, dashes and spaces are ignored,
    /// and 8- or 9-digit legacy codes are left-padded with zeros.
    pub fn parse(text: &str) -> Result<NationalId, NationalIdError> {
        let digits = significant_digits(text)?;
        let padded = left_pad(&digits)?;
        if is_one_repeated_digit(&padded) {
            return Err(NationalIdError::RepeatedDigit);
        }
        if !has_valid_check_digit(&padded) {
            return Err(NationalIdError::WrongCheckDigit);
        }
        Ok(NationalId(padded))
    }

    /// The ten ASCII digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The normalised text, taking ownership (no copy).
    pub fn into_string(self) -> String {
        self.0
    }

    /// The ID with its middle hidden, e.g. `001****419`, for lists and logs.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[LENGTH - 3..])
    }
}

/// Folds digits to ASCII and drops dashes and whitespace.
fn significant_digits(text: &str) -> Result<String, NationalIdError> {
    let digits: String = to_latin_digits(text)
        .chars()
        .filter(|character| *character != '-' && !character.is_whitespace())
        .collect();
    if digits.is_empty() {
        return Err(NationalIdError::Empty);
    }
    if !digits.chars().all(|character| character.is_ascii_digit()) {
        return Err(NationalIdError::NotDigits);
    }
    Ok(digits)
}

fn left_pad(digits: &str) -> Result<String, NationalIdError> {
    if (SHORTEST_LEGACY_LENGTH..=LENGTH).contains(&digits.len()) {
        Ok(format!("{digits:0>LENGTH$}"))
    } else {
        Err(NationalIdError::WrongLength {
            length: digits.len(),
        })
    }
}

fn is_one_repeated_digit(digits: &str) -> bool {
    let first = digits.as_bytes()[0];
    digits.bytes().all(|digit| digit == first)
}

/// The check digit for the first nine ASCII digits: with
/// r = Σ dᵢ × (10 − i) mod 11, it is r when r < 2, else 11 − r.
fn check_digit(first_nine: &[u8]) -> u8 {
    let weighted_sum: u32 = first_nine
        .iter()
        .zip((2..=10).rev())
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    let remainder = (weighted_sum % 11) as u8;
    if remainder < 2 {
        remainder
    } else {
        11 - remainder
    }
}

fn has_valid_check_digit(digits: &str) -> bool {
    let bytes = digits.as_bytes();
    check_digit(&bytes[..LENGTH - 1]) == bytes[LENGTH - 1] - b'0'
}

impl fmt::Display for NationalId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::str::FromStr for NationalId {
    type Err = NationalIdError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl Serialize for NationalId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for NationalId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digits::to_persian_digits;
    use proptest::prelude::*;

    /// Builds a valid ID from nine digits by appending the check digit.
    fn with_check_digit(first_nine: &str) -> String {
        let check = check_digit(first_nine.as_bytes());
        format!("{first_nine}{check}")
    }

    fn valid_id() -> impl Strategy<Value = String> {
        "[0-9]{9}"
            .prop_map(|first_nine| with_check_digit(&first_nine))
            .prop_filter("not one repeated digit", |id| !is_one_repeated_digit(id))
    }

    #[test]
    fn documented_examples_are_valid() {
        assert_eq!(
            NationalId::parse("0013542419").unwrap().as_str(),
            "0013542419"
        );
        assert_eq!(
            NationalId::parse("0084575948").unwrap().as_str(),
            "0084575948"
        );
    }

    #[test]
    fn legacy_eight_digit_code_is_left_padded() {
        assert_eq!(
            NationalId::parse("13542419").unwrap().as_str(),
            "0013542419"
        );
    }

    #[test]
    fn legacy_nine_digit_code_is_left_padded() {
        assert_eq!(
            NationalId::parse("084575948").unwrap().as_str(),
            "0084575948"
        );
    }

    #[test]
    fn persian_digits_dashes_and_spaces_are_accepted() {
        let id = NationalId::parse("  ۰۰۱-۳۵۴۲۴۱-۹ ").unwrap();
        assert_eq!(id.as_str(), "0013542419");
        assert_eq!(NationalId::parse("٠٠١ ٣٥٤ ٢٤١٩").unwrap(), id);
    }

    #[test]
    fn seven_and_eleven_digits_are_rejected_as_wrong_length() {
        assert_eq!(
            NationalId::parse("1354241"),
            Err(NationalIdError::WrongLength { length: 7 })
        );
        assert_eq!(
            NationalId::parse("00135424190"),
            Err(NationalIdError::WrongLength { length: 11 })
        );
    }

    #[test]
    fn letters_are_rejected() {
        assert_eq!(
            NationalId::parse("00135A2419"),
            Err(NationalIdError::NotDigits)
        );
    }

    #[test]
    fn blank_input_is_reported_as_empty() {
        assert_eq!(NationalId::parse("  - "), Err(NationalIdError::Empty));
    }

    #[test]
    fn one_repeated_digit_is_rejected_even_when_the_check_digit_fits() {
        for digit in 0..=9 {
            let id = digit.to_string().repeat(10);
            assert_eq!(NationalId::parse(&id), Err(NationalIdError::RepeatedDigit));
        }
    }

    #[test]
    fn a_changed_last_digit_fails_the_check() {
        assert_eq!(
            NationalId::parse("0013542418"),
            Err(NationalIdError::WrongCheckDigit)
        );
    }

    #[test]
    fn masking_keeps_the_first_and_last_three_digits() {
        assert_eq!(
            NationalId::parse("0013542419").unwrap().masked(),
            "001****419"
        );
    }

    #[test]
    fn messages_are_precise_in_both_languages() {
        assert_eq!(
            NationalIdError::WrongLength { length: 7 }.message(),
            Message::new("national_id-wrong_length").arg("length", 7_usize)
        );
        assert_eq!(
            NationalIdError::WrongCheckDigit.message().id(),
            "national_id-wrong_check_digit"
        );
    }

    #[test]
    fn serde_uses_the_plain_string_and_validates_on_the_way_in() {
        let id = NationalId::parse("0013542419").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"0013542419\"");
        let back: NationalId = serde_json::from_str("\"۰۰۱۳۵۴۲۴۱۹\"").unwrap();
        assert_eq!(back, id);
        assert!(serde_json::from_str::<NationalId>("\"0013542418\"").is_err());
    }

    proptest! {
        #[test]
        fn parsing_arbitrary_text_never_panics(text in any::<String>()) {
            let _ = NationalId::parse(&text);
        }

        #[test]
        fn generated_valid_ids_round_trip(id in valid_id()) {
            let parsed = NationalId::parse(&id).unwrap();
            prop_assert_eq!(parsed.as_str(), id.as_str());
            prop_assert_eq!(NationalId::parse(&parsed.to_string()).unwrap(), parsed);
        }

        #[test]
        fn persian_digits_parse_like_latin_digits(id in valid_id()) {
            prop_assert_eq!(
                NationalId::parse(&to_persian_digits(&id)).unwrap(),
                NationalId::parse(&id).unwrap()
            );
        }

        #[test]
        fn any_other_check_digit_is_rejected(id in valid_id(), shift in 1u8..10) {
            let mut bytes = id.into_bytes();
            bytes[9] = b'0' + (bytes[9] - b'0' + shift) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert!(NationalId::parse(&changed).is_err());
        }
    }
}
