//! The Sheba number (شبا), Iran's IBAN, used to pay grants into a bank account.
//!
//! A Sheba is `IR` followed by 24 digits: two ISO 13616 check digits and the
//! 22-digit bank account identifier. Money goes to whatever account the number
//! names, so a typo must be caught before a grant is paid; the mod-97 check
//! catches every single-digit error and almost every swap. The check is
//! computed piecewise on the digit string, so no big integers are needed.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::digits::to_latin_digits;
use crate::message::{Message, localized_message};

/// Iran's ISO 3166 country code, the Sheba prefix.
const COUNTRY: &str = "IR";
/// The digits after the `IR` prefix: two check digits and 22 account digits.
const DIGIT_COUNT: usize = 24;

/// A valid Sheba number: `IR` and 24 ASCII digits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sheba(String);

/// Why a text is not a valid Sheba number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ShebaError {
    #[error("Sheba number is empty")]
    Empty,
    #[error("Sheba number must start with IR")]
    MissingCountryPrefix,
    #[error("Sheba number must have 24 digits after IR")]
    NotDigits,
    #[error("Sheba number must have 24 digits after IR (got {count})")]
    WrongLength { count: usize },
    #[error("Sheba number check digits are wrong")]
    WrongCheckDigits,
}

impl ShebaError {
    /// What is wrong, without the field name.
    pub fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new("sheba-empty"),
            Self::MissingCountryPrefix => Message::new("sheba-missing_prefix"),
            Self::NotDigits => Message::new("sheba-not_digits"),
            Self::WrongLength { count } => Message::new("sheba-wrong_length").arg("count", *count),
            Self::WrongCheckDigits => Message::new("sheba-wrong_check_digits"),
        }
    }
}

localized_message!(ShebaError);

impl Sheba {
    /// Parses a Sheba number: the `IR` prefix is required but may be in any
    /// case; spaces, dashes and Persian or Arabic digits are accepted.
    pub fn parse(text: &str) -> Result<Sheba, ShebaError> {
        let compact = compact(text);
        if compact.is_empty() {
            return Err(ShebaError::Empty);
        }
        let digits = strip_country(&compact)?;
        if !digits.chars().all(|character| character.is_ascii_digit()) {
            return Err(ShebaError::NotDigits);
        }
        if digits.len() != DIGIT_COUNT {
            return Err(ShebaError::WrongLength {
                count: digits.len(),
            });
        }
        let sheba = format!("{COUNTRY}{digits}");
        if iban_remainder(&sheba) != 1 {
            return Err(ShebaError::WrongCheckDigits);
        }
        Ok(Sheba(sheba))
    }

    /// The 26 characters, `IR` and 24 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The normalised text, taking ownership (no copy).
    pub fn into_string(self) -> String {
        self.0
    }

    /// The number with all but the first four and the last four characters
    /// hidden, for lists and logs.
    pub fn masked(&self) -> String {
        let hidden = "*".repeat(self.0.len() - 8);
        format!("{}{hidden}{}", &self.0[..4], &self.0[self.0.len() - 4..])
    }
}

/// Folds digits to ASCII and drops whitespace and dashes.
fn compact(text: &str) -> String {
    to_latin_digits(text)
        .chars()
        .filter(|character| !character.is_whitespace() && *character != '-')
        .collect()
}

fn strip_country(compact: &str) -> Result<&str, ShebaError> {
    match compact.get(..COUNTRY.len()) {
        Some(prefix) if prefix.eq_ignore_ascii_case(COUNTRY) => Ok(&compact[COUNTRY.len()..]),
        _ => Err(ShebaError::MissingCountryPrefix),
    }
}

/// The ISO 13616 remainder: the first four characters move to the end, each
/// letter becomes two digits (A = 10 … Z = 35), and the resulting number is
/// reduced modulo 97 one character at a time. A valid IBAN gives 1.
/// Expects ASCII letters and digits only.
pub(crate) fn iban_remainder(iban: &str) -> u32 {
    let (head, tail) = iban.split_at(4);
    tail.chars()
        .chain(head.chars())
        .fold(0, |remainder, character| {
            let value = character.to_digit(36).unwrap_or(0);
            let scale = if value < 10 { 10 } else { 100 };
            (remainder * scale + value) % 97
        })
}

impl fmt::Display for Sheba {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::str::FromStr for Sheba {
    type Err = ShebaError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl Serialize for Sheba {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Sheba {
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

    /// A valid Sheba for 22 account digits: the check digits are
    /// 98 − (remainder of the number with check digits "00").
    fn valid_sheba_from(account: &str) -> String {
        let remainder = iban_remainder(&format!("IR00{account}"));
        format!("IR{:02}{account}", 98 - remainder)
    }

    fn valid_sheba() -> impl Strategy<Value = String> {
        "[0-9]{22}".prop_map(|account| valid_sheba_from(&account))
    }

    /// Groups a Sheba in blocks of four, as banks print it.
    fn printed(sheba: &str) -> String {
        let characters: Vec<char> = sheba.chars().collect();
        let blocks: Vec<String> = characters
            .chunks(4)
            .map(|block| block.iter().collect())
            .collect();
        blocks.join(" ")
    }

    #[test]
    fn a_known_valid_sheba_is_accepted() {
        let sheba = Sheba::parse("IR820540102680020817909002").unwrap();
        assert_eq!(sheba.as_str(), "IR820540102680020817909002");
    }

    #[test]
    fn the_registry_example_is_accepted() {
        assert!(Sheba::parse("IR062960000000100324200001").is_ok());
    }

    #[test]
    fn the_helper_builds_the_same_check_digits_as_a_known_sheba() {
        assert_eq!(
            valid_sheba_from("0540102680020817909002"),
            "IR820540102680020817909002"
        );
    }

    #[test]
    fn lowercase_prefix_spaces_and_persian_digits_are_accepted() {
        let expected = Sheba::parse("IR820540102680020817909002").unwrap();
        let typed = "ir۸۲ ۰۵۴۰ ۱۰۲۶ ۸۰۰۲ ۰۸۱۷ ۹۰۹۰ ۰۲";
        assert_eq!(Sheba::parse(typed).unwrap(), expected);
    }

    #[test]
    fn a_missing_prefix_is_rejected() {
        assert_eq!(
            Sheba::parse("820540102680020817909002"),
            Err(ShebaError::MissingCountryPrefix)
        );
        assert_eq!(
            Sheba::parse("DE820540102680020817909002"),
            Err(ShebaError::MissingCountryPrefix)
        );
    }

    #[test]
    fn a_wrong_digit_count_is_rejected() {
        assert_eq!(
            Sheba::parse("IR82054010268002081790900"),
            Err(ShebaError::WrongLength { count: 23 })
        );
    }

    #[test]
    fn letters_after_the_prefix_are_rejected() {
        assert_eq!(
            Sheba::parse("IR82054010268002081790900X"),
            Err(ShebaError::NotDigits)
        );
    }

    #[test]
    fn a_single_typo_fails_the_check() {
        assert_eq!(
            Sheba::parse("IR820540102680020817909003"),
            Err(ShebaError::WrongCheckDigits)
        );
    }

    #[test]
    fn blank_input_is_reported_as_empty() {
        assert_eq!(Sheba::parse("   "), Err(ShebaError::Empty));
    }

    #[test]
    fn masking_keeps_the_check_digits_and_the_last_four() {
        let sheba = Sheba::parse("IR820540102680020817909002").unwrap();
        assert_eq!(sheba.masked(), "IR82******************9002");
    }

    #[test]
    fn messages_are_in_persian_and_english() {
        assert_eq!(
            ShebaError::WrongLength { count: 3 }.message(),
            Message::new("sheba-wrong_length").arg("count", 3_usize)
        );
    }

    #[test]
    fn serde_uses_the_compact_string() {
        let sheba = Sheba::parse("IR820540102680020817909002").unwrap();
        let json = serde_json::to_string(&sheba).unwrap();
        assert_eq!(json, "\"IR820540102680020817909002\"");
        assert_eq!(serde_json::from_str::<Sheba>(&json).unwrap(), sheba);
    }

    proptest! {
        #[test]
        fn parsing_arbitrary_text_never_panics(text in any::<String>()) {
            let _ = Sheba::parse(&text);
        }

        #[test]
        fn parsing_near_misses_never_panics(text in "(IR|ir|Ir)?[0-9A-Za-z ]{0,30}") {
            let _ = Sheba::parse(&text);
        }

        #[test]
        fn generated_valid_shebas_round_trip(sheba in valid_sheba()) {
            let parsed = Sheba::parse(&sheba).unwrap();
            prop_assert_eq!(parsed.as_str(), sheba.as_str());
            prop_assert_eq!(Sheba::parse(&printed(&sheba)).unwrap(), parsed);
        }

        #[test]
        fn persian_digits_parse_like_latin_digits(sheba in valid_sheba()) {
            prop_assert_eq!(
                Sheba::parse(&to_persian_digits(&sheba)).unwrap(),
                Sheba::parse(&sheba).unwrap()
            );
        }

        #[test]
        fn any_single_digit_change_is_detected(
            sheba in valid_sheba(),
            position in 2usize..26,
            shift in 1u8..10,
        ) {
            let mut bytes = sheba.into_bytes();
            bytes[position] = b'0' + (bytes[position] - b'0' + shift) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert_eq!(Sheba::parse(&changed), Err(ShebaError::WrongCheckDigits));
        }
    }
}
