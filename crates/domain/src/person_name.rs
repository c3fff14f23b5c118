//! Person names as entered, and the folded key used to search and deduplicate them.
//!
//! Persian names reach the system typed on Persian keyboards, on Arabic
//! keyboards (ي and ك instead of ی and ک), with or without the zero-width
//! non-joiner (نیم‌فاصله) between parts, with a plain space instead of it, or
//! copied from documents with diacritics and tatweel. The name is stored as
//! the person typed it, tidied at its edges and in its spacing and written with
//! the Persian ی and ک (`letters`), because it is her name and Persian is how
//! it is read. Search and duplicate detection use [`search_key`], which folds
//! all of those variants to one form.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::digits::{is_any_digit, latin_digit};
use crate::letters::persian_letters;
use crate::message::{Message, localized_message};

/// The longest accepted name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// A person's name (first name, last name or full name), trimmed and with
/// each run of whitespace collapsed to one space.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonName(String);

/// Why a text is not an acceptable name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PersonNameError {
    #[error("name is empty")]
    Empty,
    #[error("name must be at most {MAX_NAME_CHARS} characters (got {length})")]
    TooLong { length: usize },
    #[error("name must contain at least one letter")]
    NoLetter,
    #[error("name must not contain digits")]
    ContainsDigit,
    #[error("name contains an invisible control character")]
    ControlCharacter,
}

impl PersonNameError {
    /// What is wrong, without the field name.
    pub fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new("name-empty"),
            Self::TooLong { length } => Message::new("name-too_long").arg("length", *length),
            Self::NoLetter => Message::new("name-no_letter"),
            Self::ContainsDigit => Message::new("name-contains_digit"),
            Self::ControlCharacter => Message::new("name-control_character"),
        }
    }
}

localized_message!(PersonNameError);

impl PersonName {
    /// Accepts a name as typed: trims it, collapses whitespace runs to one
    /// space, and checks it is 1–100 characters with a letter and no digits.
    /// The Arabic ي ى ك become the Persian ی ک; every other letter is kept as
    /// typed. Use [`PersonName::search_key`] to compare names.
    pub fn parse(text: &str) -> Result<PersonName, PersonNameError> {
        let tidy = persian_letters(&collapse_whitespace(text));
        validate(&tidy)?;
        Ok(PersonName(tidy))
    }

    /// The name as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The normalised text, taking ownership (no copy).
    pub fn into_string(self) -> String {
        self.0
    }

    /// The folded key for search and duplicate detection; see [`search_key`].
    pub fn search_key(&self) -> String {
        search_key(&self.0)
    }
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn validate(name: &str) -> Result<(), PersonNameError> {
    if name.is_empty() {
        return Err(PersonNameError::Empty);
    }
    let length = name.chars().count();
    if length > MAX_NAME_CHARS {
        return Err(PersonNameError::TooLong { length });
    }
    if name.chars().any(is_any_digit) {
        return Err(PersonNameError::ContainsDigit);
    }
    if name.chars().any(char::is_control) {
        return Err(PersonNameError::ControlCharacter);
    }
    if !name.chars().any(char::is_alphabetic) {
        return Err(PersonNameError::NoLetter);
    }
    Ok(())
}

/// The Persian alphabet in dictionary order, as the letters appear in a folded key
/// ([`search_key`] has already written آ as ا, ي as ی, ة as ه, and so on).
pub const PERSIAN_ALPHABET: &str = "ءابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی";

/// The first of the private-use characters that stand for the alphabet's letters in a
/// [`persian_order`] key.
const ORDER_BASE: u32 = 0xE000;

/// A folded key ([`search_key`]) respelled so that comparing two keys byte by byte — as
/// the database's `COLLATE "C"` index and SQLite do — follows the Persian alphabet: every
/// Persian letter becomes the private-use character U+E000 + its place in
/// [`PERSIAN_ALPHABET`], everything else (digits, Latin letters) is kept and sorts first.
/// Unicode puts پ چ ژ ک گ after the Arabic letters and ه before و, so plain keys sort
/// «کریمی» after «وکیلی» and «ژیلا» after «نسرین». The respelling is one character for one,
/// so a prefix of a name is a prefix of its key, and equal keys stay equal.
pub fn persian_order(folded_key: &str) -> String {
    folded_key.chars().map(order_character).collect()
}

fn order_character(character: char) -> char {
    PERSIAN_ALPHABET
        .chars()
        .position(|letter| letter == character)
        .and_then(|rank| char::from_u32(ORDER_BASE + rank as u32))
        .unwrap_or(character)
}

/// Folds a text to the key that search and duplicate detection compare.
///
/// - Arabic letter forms become the Persian ones: ي and ى → ی, ك → ک.
/// - Letters carrying hamza or madda lose it: آ أ إ ٱ → ا, ؤ → و, ئ → ی,
///   ۀ → ه. آ is folded too, because people type «آ» and «ا» interchangeably
///   in names such as آمنه / امنه; the key is for matching, not display.
/// - ة and ھ → ه.
/// - Removed: zero-width non-joiner and joiner, tatweel, Arabic diacritics
///   (U+064B–U+065F, U+0670), bidirectional marks, the byte-order mark and
///   every whitespace character, so «فاطمه زهرا», «فاطمه‌زهرا» and
///   «فاطمهزهرا» share one key.
/// - Persian and Arabic digits become ASCII digits; letters are lowercased.
pub fn search_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for character in text.chars().filter(|c| !is_ignorable(*c)).map(fold_letter) {
        if character.is_ascii() {
            key.push(character.to_ascii_lowercase());
        } else if is_caseless(character) {
            key.push(character);
        } else {
            key.extend(character.to_lowercase());
        }
    }
    key
}

/// Arabic-script letters have no case; skipping Unicode's lowercase tables for them keeps
/// folding cheap for the names the registry is mostly made of (imports fold millions).
fn is_caseless(character: char) -> bool {
    matches!(character, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Characters that never count when comparing names.
fn is_ignorable(character: char) -> bool {
    character.is_whitespace()
        || matches!(
            character,
            '\u{200C}' // zero-width non-joiner
            | '\u{200D}' // zero-width joiner
            | '\u{0640}' // tatweel
            | '\u{064B}'..='\u{065F}' // harakat, tanwin, shadda, sukun, hamza and madda marks
            | '\u{0670}' // superscript alef
            | '\u{200E}' | '\u{200F}' // left-to-right and right-to-left marks
            | '\u{202A}'..='\u{202E}' // bidirectional embeddings and overrides
            | '\u{2066}'..='\u{2069}' // bidirectional isolates
            | '\u{FEFF}' // byte-order mark
        )
}

fn fold_letter(character: char) -> char {
    if let Some(digit) = latin_digit(character) {
        return digit;
    }
    match character {
        'ي' | 'ى' | 'ئ' => 'ی',
        'ك' => 'ک',
        'ة' | 'ۀ' | 'ھ' => 'ه',
        'آ' | 'أ' | 'إ' | 'ٱ' => 'ا',
        'ؤ' => 'و',
        other => other,
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::str::FromStr for PersonName {
    type Err = PersonNameError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl Serialize for PersonName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PersonName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The 32 letters of the Persian alphabet, for generated names.
    const PERSIAN_LETTERS: &str = "[آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی]";

    /// Strings matching `pattern`, where `{letter}` stands for one Persian letter.
    fn matching(pattern: &str) -> impl Strategy<Value = String> + use<> {
        let regex = pattern.replace("{letter}", PERSIAN_LETTERS);
        proptest::string::string_regex(&regex).expect("test pattern is a valid regex")
    }

    #[test]
    fn names_are_trimmed_and_inner_spaces_collapsed() {
        let name = PersonName::parse("  فاطمه \t  زهرا\n").unwrap();
        assert_eq!(name.as_str(), "فاطمه زهرا");
    }

    #[test]
    fn zero_width_non_joiner_is_kept_in_the_stored_name() {
        let name = PersonName::parse("فاطمه‌زهرا").unwrap();
        assert_eq!(name.as_str(), "فاطمه\u{200C}زهرا");
    }

    #[test]
    fn arabic_yeh_and_kaf_are_stored_as_the_persian_letters() {
        let name = PersonName::parse("علي كاظمى").unwrap();
        assert_eq!(name.as_str(), "علی کاظمی");
        assert_eq!(name.search_key(), search_key("علي كاظمى"));
    }

    #[test]
    fn keys_in_persian_order_sort_as_the_alphabet_does() {
        let mut names = [
            "وکیلی",
            "کریمی",
            "پورقاسم",
            "گودرزی",
            "کاظمی",
            "نسرین",
            "ژیلا",
            "هاشمی",
            "آذر",
            "احمدی",
            "چمران",
            "جعفری",
            "یزدانی",
            "بهرامی",
            "زارع",
            "Sara",
            "12",
        ];
        names.sort_by_key(|name| persian_order(&search_key(name)));
        assert_eq!(
            names,
            [
                "12",
                "Sara",
                // آ is folded into ا, so «آذر» sorts as «اذر».
                "احمدی",
                "آذر",
                "بهرامی",
                "پورقاسم",
                "جعفری",
                "چمران",
                "زارع",
                "ژیلا",
                "کاظمی",
                "کریمی",
                "گودرزی",
                "نسرین",
                "وکیلی",
                "هاشمی",
                "یزدانی",
            ]
        );
        // One character for one: a prefix stays a prefix, and the folding is unchanged.
        assert!(
            persian_order(&search_key("کریمی")).starts_with(&persian_order(&search_key("کری")))
        );
        assert_eq!(
            persian_order(&search_key("كريمي")),
            persian_order(&search_key("کریمی"))
        );
        assert_eq!(PERSIAN_ALPHABET.chars().count(), 33);
    }

    #[test]
    fn space_zero_width_non_joiner_and_nothing_give_one_key() {
        let spaced = search_key("فاطمه زهرا");
        assert_eq!(search_key("فاطمه‌زهرا"), spaced);
        assert_eq!(search_key("فاطمهزهرا"), spaced);
    }

    #[test]
    fn arabic_yeh_and_kaf_fold_to_persian() {
        assert_eq!(search_key("علي"), search_key("علی"));
        assert_eq!(search_key("مصطفى"), search_key("مصطفی"));
        assert_eq!(search_key("كبري"), search_key("کبری"));
    }

    #[test]
    fn alef_variants_teh_marbuta_and_waw_hamza_fold() {
        assert_eq!(search_key("آمنه"), search_key("امنه"));
        assert_eq!(search_key("أحمد"), search_key("احمد"));
        assert_eq!(search_key("إلهام"), search_key("الهام"));
        assert_eq!(search_key("فاطمة"), search_key("فاطمه"));
        assert_eq!(search_key("مؤمنه"), search_key("مومنه"));
    }

    #[test]
    fn diacritics_and_tatweel_are_removed() {
        assert_eq!(search_key("مُحَمَّد"), search_key("محمد"));
        assert_eq!(search_key("زهـــرا"), search_key("زهرا"));
    }

    #[test]
    fn decomposed_hamza_forms_fold_like_precomposed_ones() {
        assert_eq!(search_key("\u{0627}\u{0653}منه"), search_key("آمنه"));
        assert_eq!(search_key("\u{06CC}\u{0654}"), search_key("ئ"));
    }

    #[test]
    fn digits_fold_to_ascii_and_latin_is_lowercased() {
        assert_eq!(search_key("Zahra ۱۲"), "zahra12");
    }

    #[test]
    fn an_empty_name_is_rejected() {
        assert_eq!(PersonName::parse(" \u{00A0} "), Err(PersonNameError::Empty));
    }

    #[test]
    fn a_name_of_101_characters_is_too_long() {
        let long = "ا".repeat(101);
        assert_eq!(
            PersonName::parse(&long),
            Err(PersonNameError::TooLong { length: 101 })
        );
        assert!(PersonName::parse(&"ا".repeat(100)).is_ok());
    }

    #[test]
    fn names_with_latin_or_persian_digits_are_rejected() {
        assert_eq!(
            PersonName::parse("زهرا2"),
            Err(PersonNameError::ContainsDigit)
        );
        assert_eq!(
            PersonName::parse("زهرا۲"),
            Err(PersonNameError::ContainsDigit)
        );
        assert_eq!(
            PersonName::parse("زهرا٢"),
            Err(PersonNameError::ContainsDigit)
        );
    }

    #[test]
    fn punctuation_alone_is_not_a_name() {
        assert_eq!(PersonName::parse("- . -"), Err(PersonNameError::NoLetter));
    }

    #[test]
    fn control_characters_are_rejected() {
        assert_eq!(
            PersonName::parse("زهرا\u{0007}"),
            Err(PersonNameError::ControlCharacter)
        );
    }

    #[test]
    fn messages_are_in_persian_and_english() {
        assert_eq!(
            PersonNameError::TooLong { length: 120 }.message(),
            Message::new("name-too_long").arg("length", 120_usize)
        );
    }

    #[test]
    fn serde_keeps_the_stored_form_and_validates_on_the_way_in() {
        let name = PersonName::parse("زهرا  احمدی").unwrap();
        assert_eq!(serde_json::to_string(&name).unwrap(), "\"زهرا احمدی\"");
        assert!(serde_json::from_str::<PersonName>("\"12\"").is_err());
    }

    proptest! {
        /// The caseless shortcut gives exactly what Unicode lowercasing would.
        #[test]
        fn folding_lowercases_exactly_like_unicode(text in any::<String>()) {
            let by_unicode: String = text
                .chars()
                .filter(|c| !is_ignorable(*c))
                .map(fold_letter)
                .flat_map(char::to_lowercase)
                .collect();
            prop_assert_eq!(search_key(&text), by_unicode);
        }

        #[test]
        fn parsing_arbitrary_text_never_panics(text in any::<String>()) {
            let _ = PersonName::parse(&text);
            let _ = search_key(&text);
        }

        #[test]
        fn accepted_names_round_trip(text in matching("({letter}|[ \u{200C}a-zA-Z]){1,60}")) {
            if let Ok(name) = PersonName::parse(&text) {
                prop_assert_eq!(PersonName::parse(name.as_str()).unwrap(), name);
            }
        }

        #[test]
        fn persian_letter_names_are_accepted(
            text in matching("{letter}{1,20}( {letter}{1,20}){0,3}"),
        ) {
            prop_assert!(PersonName::parse(&text).is_ok());
        }

        #[test]
        fn the_key_ignores_spacing_and_zero_width_joiners(
            parts in prop::collection::vec(matching("{letter}{1,8}"), 1..4),
        ) {
            let spaced = parts.join(" ");
            let joined = parts.join("\u{200C}");
            prop_assert_eq!(search_key(&spaced), search_key(&joined));
            prop_assert_eq!(search_key(&spaced), search_key(&parts.concat()));
        }

        /// Records fold each name once and join the keys (`record_from_draft`).
        #[test]
        fn the_key_of_two_names_is_the_keys_of_each_joined(
            first in any::<String>(),
            last in any::<String>(),
        ) {
            let joined = format!("{}{}", search_key(&first), search_key(&last));
            prop_assert_eq!(search_key(&format!("{first} {last}")), joined);
        }

        #[test]
        fn the_key_is_idempotent(text in any::<String>()) {
            let key = search_key(&text);
            prop_assert_eq!(search_key(&key), key);
        }
    }
}
