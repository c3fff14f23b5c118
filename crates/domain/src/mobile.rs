//! Iranian mobile numbers, normalised to the national form `09XXXXXXXXX`.
//!
//! Social workers copy numbers from forms, contact lists and messages, so the
//! same phone arrives as `+98 912 345 6789`, `0098-912-345-6789`,
//! `(0912) 345 6789`, `9123456789` or with Persian digits. Storing one national
//! form lets the system find duplicates and send SMS without guessing.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::digits::to_latin_digits;
use crate::message::{Message, localized_message};

/// Digits after the leading zero of a national mobile number.
const SUBSCRIBER_LENGTH: usize = 10;
/// Iran's country calling code.
const COUNTRY_CODE: &str = "98";

/// A mobile number in national form: `09` followed by nine digits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mobile(String);

/// Why a text is not an Iranian mobile number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MobileError {
    #[error("mobile number is empty")]
    Empty,
    #[error("mobile number may contain only digits, spaces, dashes, parentheses and a leading +")]
    InvalidCharacter,
    #[error("only Iranian mobile numbers (+98) are accepted")]
    ForeignCountryCode,
    #[error("mobile number must have 11 digits in the form 09XXXXXXXXX")]
    WrongLength,
    #[error("mobile number must start with 09")]
    NotMobile,
}

impl MobileError {
    /// What is wrong, without the field name.
    pub fn message(&self) -> Message {
        Message::new(match self {
            Self::Empty => "mobile-empty",
            Self::InvalidCharacter => "mobile-invalid_character",
            Self::ForeignCountryCode => "mobile-foreign",
            Self::WrongLength => "mobile-wrong_length",
            Self::NotMobile => "mobile-not_mobile",
        })
    }
}

localized_message!(MobileError);

impl Mobile {
    /// Parses a mobile number written with `+98`, `0098`, `98`, `0` or no
    /// prefix, with spaces, dashes, parentheses and Persian or Arabic digits.
    pub fn parse(text: &str) -> Result<Mobile, MobileError> {
        let (has_plus, digits) = clean(text)?;
        let subscriber = subscriber_digits(&digits, has_plus)?;
        if !subscriber.starts_with('9') {
            return Err(MobileError::NotMobile);
        }
        Ok(Mobile(format!("0{subscriber}")))
    }

    /// The eleven ASCII digits, `09XXXXXXXXX`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The normalised text, taking ownership (no copy).
    pub fn into_string(self) -> String {
        self.0
    }

    /// The international form `+989XXXXXXXXX`, for SMS gateways.
    pub fn international(&self) -> String {
        format!("+{COUNTRY_CODE}{}", &self.0[1..])
    }

    /// The number with its middle hidden, e.g. `0912***4567`.
    pub fn masked(&self) -> String {
        format!("{}***{}", &self.0[..4], &self.0[7..])
    }
}

/// Folds digits to ASCII, drops separators and reports a leading `+`.
fn clean(text: &str) -> Result<(bool, String), MobileError> {
    let latin = to_latin_digits(text.trim());
    let (has_plus, rest) = match latin.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, latin.as_str()),
    };
    let digits: String = rest.chars().filter(|c| !is_separator(*c)).collect();
    if digits.is_empty() {
        return Err(MobileError::Empty);
    }
    if !digits.chars().all(|character| character.is_ascii_digit()) {
        return Err(MobileError::InvalidCharacter);
    }
    Ok((has_plus, digits))
}

fn is_separator(character: char) -> bool {
    character.is_whitespace() || matches!(character, '-' | '(' | ')')
}

/// Strips the country code and trunk zero, leaving the ten subscriber digits.
fn subscriber_digits(digits: &str, has_plus: bool) -> Result<String, MobileError> {
    let national = if has_plus {
        digits
            .strip_prefix(COUNTRY_CODE)
            .ok_or(MobileError::ForeignCountryCode)?
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.strip_prefix(COUNTRY_CODE)
            .ok_or(MobileError::ForeignCountryCode)?
    } else if digits.len() > SUBSCRIBER_LENGTH + 1 && digits.starts_with(COUNTRY_CODE) {
        &digits[COUNTRY_CODE.len()..]
    } else {
        digits
    };
    let subscriber = match national.len() {
        length if length == SUBSCRIBER_LENGTH + 1 => national.strip_prefix('0'),
        SUBSCRIBER_LENGTH if !national.starts_with('0') => Some(national),
        _ => None,
    };
    subscriber
        .map(str::to_owned)
        .ok_or(MobileError::WrongLength)
}

impl fmt::Display for Mobile {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::str::FromStr for Mobile {
    type Err = MobileError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl Serialize for Mobile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Mobile {
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

    fn parsed(text: &str) -> String {
        Mobile::parse(text).unwrap().as_str().to_owned()
    }

    #[test]
    fn every_common_prefix_gives_the_national_form() {
        for text in [
            "09123456789",
            "9123456789",
            "+989123456789",
            "00989123456789",
            "989123456789",
            "+98 0912 345 6789",
        ] {
            assert_eq!(parsed(text), "09123456789", "input {text}");
        }
    }

    #[test]
    fn separators_and_parentheses_are_ignored() {
        assert_eq!(parsed(" (0912) 345-67 89 "), "09123456789");
        assert_eq!(parsed("+98 (912) 345 6789"), "09123456789");
    }

    #[test]
    fn persian_and_arabic_digits_are_accepted() {
        assert_eq!(parsed("۰۹۱۲۳۴۵۶۷۸۹"), "09123456789");
        assert_eq!(parsed("٠٩١٢٣٤٥٦٧٨٩"), "09123456789");
    }

    #[test]
    fn a_subscriber_number_starting_with_98_is_not_mistaken_for_a_country_code() {
        assert_eq!(parsed("9981234567"), "09981234567");
        assert_eq!(parsed("09981234567"), "09981234567");
    }

    #[test]
    fn landline_numbers_are_rejected() {
        assert_eq!(Mobile::parse("02833334444"), Err(MobileError::NotMobile));
    }

    #[test]
    fn foreign_country_codes_are_rejected() {
        assert_eq!(
            Mobile::parse("+14155550100"),
            Err(MobileError::ForeignCountryCode)
        );
        assert_eq!(
            Mobile::parse("004915112345678"),
            Err(MobileError::ForeignCountryCode)
        );
    }

    #[test]
    fn short_and_long_numbers_are_rejected() {
        assert_eq!(Mobile::parse("0912345678"), Err(MobileError::WrongLength));
        assert_eq!(Mobile::parse("091234567890"), Err(MobileError::WrongLength));
    }

    #[test]
    fn letters_and_a_plus_in_the_middle_are_rejected() {
        assert_eq!(
            Mobile::parse("0912abc6789"),
            Err(MobileError::InvalidCharacter)
        );
        assert_eq!(
            Mobile::parse("0912+3456789"),
            Err(MobileError::InvalidCharacter)
        );
    }

    #[test]
    fn blank_input_is_reported_as_empty() {
        assert_eq!(Mobile::parse(" ( ) "), Err(MobileError::Empty));
    }

    #[test]
    fn masking_keeps_the_prefix_and_the_last_four_digits() {
        assert_eq!(
            Mobile::parse("09124567890").unwrap().masked(),
            "0912***7890"
        );
        assert_eq!(
            Mobile::parse("09121234567").unwrap().masked(),
            "0912***4567"
        );
    }

    #[test]
    fn international_form_drops_the_trunk_zero() {
        assert_eq!(
            Mobile::parse("09123456789").unwrap().international(),
            "+989123456789"
        );
    }

    #[test]
    fn messages_are_in_persian_and_english() {
        assert_eq!(
            MobileError::NotMobile.message(),
            Message::new("mobile-not_mobile")
        );
    }

    #[test]
    fn serde_uses_the_national_form() {
        let mobile = Mobile::parse("+989123456789").unwrap();
        assert_eq!(serde_json::to_string(&mobile).unwrap(), "\"09123456789\"");
        let back: Mobile = serde_json::from_str("\"9123456789\"").unwrap();
        assert_eq!(back, mobile);
    }

    proptest! {
        #[test]
        fn parsing_arbitrary_text_never_panics(text in any::<String>()) {
            let _ = Mobile::parse(&text);
        }

        #[test]
        fn parsing_digit_soup_never_panics(text in "[+0-9 ()-]{0,20}") {
            let _ = Mobile::parse(&text);
        }

        #[test]
        fn every_prefix_form_round_trips(
            subscriber in "9[0-9]{9}",
            prefix in prop::sample::select(vec!["", "0", "98", "+98", "0098", "+98 0"]),
        ) {
            let mobile = Mobile::parse(&format!("{prefix}{subscriber}")).unwrap();
            prop_assert_eq!(mobile.as_str(), format!("0{subscriber}"));
            prop_assert_eq!(Mobile::parse(mobile.as_str()).unwrap(), mobile);
        }

        #[test]
        fn persian_digits_parse_like_latin_digits(subscriber in "9[0-9]{9}") {
            let latin = format!("0{subscriber}");
            prop_assert_eq!(
                Mobile::parse(&to_persian_digits(&latin)).unwrap(),
                Mobile::parse(&latin).unwrap()
            );
        }
    }
}
