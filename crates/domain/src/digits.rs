//! Digit conversion between the scripts Hamyar meets, and thousands grouping.
//!
//! Iranian users type Persian digits (U+06F0–U+06F9), and text pasted from
//! Arabic-locale software carries Arabic-Indic digits (U+0660–U+0669). Every
//! parser in this crate first folds both to ASCII with [`to_latin_digits`], and
//! the Persian user interface shows numbers back with [`to_persian_digits`].
//! Exports and storage always carry plain ASCII numbers.

/// The first Persian (Extended Arabic-Indic) digit, zero.
const PERSIAN_ZERO: u32 = 0x06F0;
/// The first Arabic-Indic digit, zero.
const ARABIC_ZERO: u32 = 0x0660;

/// Returns the ASCII digit for a Persian or Arabic-Indic digit, else `None`.
pub fn latin_digit(character: char) -> Option<char> {
    let code = u32::from(character);
    let offset = if (PERSIAN_ZERO..PERSIAN_ZERO + 10).contains(&code) {
        code - PERSIAN_ZERO
    } else if (ARABIC_ZERO..ARABIC_ZERO + 10).contains(&code) {
        code - ARABIC_ZERO
    } else {
        return None;
    };
    char::from_digit(offset, 10)
}

/// Returns true for an ASCII, Persian or Arabic-Indic decimal digit.
pub fn is_any_digit(character: char) -> bool {
    character.is_ascii_digit() || latin_digit(character).is_some()
}

/// Replaces every Persian and Arabic-Indic digit with its ASCII digit.
/// Every other character is kept as it is.
pub fn to_latin_digits(text: &str) -> String {
    text.chars()
        .map(|character| latin_digit(character).unwrap_or(character))
        .collect()
}

/// Replaces every ASCII digit with its Persian digit.
/// Every other character, separators included, is kept as it is.
pub fn to_persian_digits(text: &str) -> String {
    text.chars().map(persian_digit).collect()
}

fn persian_digit(character: char) -> char {
    character
        .to_digit(10)
        .and_then(|value| char::from_u32(PERSIAN_ZERO + value))
        .unwrap_or(character)
}

/// Formats `number` with `separator` between each group of three digits,
/// e.g. `group_thousands(-1234567, ',')` is `"-1,234,567"`.
pub fn group_thousands(number: i64, separator: char) -> String {
    let grouped = group_digit_string(&number.unsigned_abs().to_string(), separator);
    if number < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// Inserts `separator` every three digits from the right of a string of
/// ASCII digits (no sign).
pub(crate) fn group_digit_string(digits: &str, separator: char) -> String {
    let count = digits.chars().count();
    let mut grouped = String::with_capacity(digits.len() + count / 3 * 4);
    for (index, digit) in digits.chars().enumerate() {
        let remaining = count - index;
        if index > 0 && remaining.is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn persian_digits_become_latin() {
        assert_eq!(to_latin_digits("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
    }

    #[test]
    fn arabic_indic_digits_become_latin() {
        assert_eq!(to_latin_digits("٠١٢٣٤٥٦٧٨٩"), "0123456789");
    }

    #[test]
    fn other_characters_are_kept_when_folding_to_latin() {
        assert_eq!(to_latin_digits("کد ۱۲-ab"), "کد 12-ab");
    }

    #[test]
    fn latin_digits_become_persian() {
        assert_eq!(to_persian_digits("0123456789"), "۰۱۲۳۴۵۶۷۸۹");
    }

    #[test]
    fn separators_are_not_touched_by_persian_conversion() {
        assert_eq!(to_persian_digits("1,234.5 ریال"), "۱,۲۳۴.۵ ریال");
    }

    #[test]
    fn thousands_are_grouped_from_the_right() {
        assert_eq!(group_thousands(743_000_000, ','), "743,000,000");
        assert_eq!(group_thousands(1_000, ','), "1,000");
        assert_eq!(group_thousands(999, ','), "999");
        assert_eq!(group_thousands(0, ','), "0");
    }

    #[test]
    fn negative_numbers_keep_their_sign_outside_the_groups() {
        assert_eq!(group_thousands(-123_456, '٬'), "-123٬456");
        assert_eq!(group_thousands(i64::MIN, ','), "-9,223,372,036,854,775,808");
    }

    proptest! {
        #[test]
        fn persian_then_latin_is_identity_on_ascii(text in "[ -~]{0,40}") {
            prop_assert_eq!(to_latin_digits(&to_persian_digits(&text)), text);
        }

        #[test]
        fn grouping_then_removing_separators_gives_the_number(number in any::<i64>()) {
            let grouped = group_thousands(number, ',');
            prop_assert_eq!(grouped.replace(',', "").parse::<i64>().ok(), Some(number));
        }

        #[test]
        fn folding_never_changes_the_character_count(text in any::<String>()) {
            prop_assert_eq!(to_latin_digits(&text).chars().count(), text.chars().count());
        }
    }
}
