//! The policy a new password must meet: a length, and not guessable. Guessability is the
//! estimate of zxcvbn (Dropbox's estimator, which knows common passwords, names, words,
//! keyboard runs, repeats, sequences, dates and l33t spelling), asked twice for a password
//! typed in Persian: once as typed, once read as the Latin keys pressed ([`super::keyboard`]),
//! so "qwertyuiop" typed on the Persian layout is recognised. Persian and Arabic-Indic digits
//! are folded to ASCII first, so «۱۲۳۴۵۶۷۸۹۰» is the sequence it is. The estimator is also
//! given words it cannot know: common Persian words and names (Iran, the organisation
//! بهزیستی, Hamyar, big cities, the commonest given names) in both scripts and as typed on
//! the Persian layout, and the user's own username and name. A refusal says why (too common,
//! a keyboard pattern, or your own name) and what to do instead, in Persian and English.

use hamyar_domain::{Message, MessageArg};
use std::sync::OnceLock;

use hamyar_domain::digits::to_latin_digits;
use zxcvbn::Score;
use zxcvbn::matching::Match;
use zxcvbn::matching::patterns::MatchPattern;

use super::keyboard::latin_keys;
use crate::error::FieldError;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 200;

/// The lowest estimate accepted: zxcvbn's "safely unguessable" (more than 10^8 guesses).
const LOWEST_SCORE: Score = Score::Three;

/// Words a Hamyar user might reach for, in Persian and as commonly written in Latin letters.
const COMMON_WORDS: &[&str] = &[
    "همیار",
    "hamyar",
    "بهزیستی",
    "behzisti",
    "behzisty",
    "ایران",
    "iran",
    "تهران",
    "tehran",
    "قزوین",
    "qazvin",
    "ghazvin",
    "اصفهان",
    "esfahan",
    "isfahan",
    "مشهد",
    "mashhad",
    "شیراز",
    "shiraz",
    "تبریز",
    "tabriz",
    "کرج",
    "karaj",
    "سلام",
    "salam",
    "خدا",
    "khoda",
    "عشق",
    "eshgh",
    "eshq",
    "زندگی",
    "zendegi",
    "گذرواژه",
    "رمز",
    "ramz",
    "کاربر",
    "karbar",
    "مدیر",
    "modir",
    "محمد",
    "mohammad",
    "mohamad",
    "علی",
    "ali",
    "حسین",
    "hossein",
    "hosein",
    "رضا",
    "reza",
    "مهدی",
    "mahdi",
    "mehdi",
    "امیر",
    "amir",
    "فاطمه",
    "fatemeh",
    "fatima",
    "زهرا",
    "zahra",
    "مریم",
    "maryam",
    "زینب",
    "zeinab",
    "zaynab",
    "سارا",
    "sara",
    "نرگس",
    "narges",
    "معصومه",
    "masoumeh",
    "یاعلی",
    "yaali",
    "یاحسین",
    "yahossein",
    "یازهرا",
    "yazahra",
    "الله",
    "allah",
    "خانواده",
    "khanevadeh",
    "مادر",
    "madar",
    "پرسپولیس",
    "persepolis",
    "استقلال",
    "esteghlal",
];

/// Why a password was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weakness {
    OwnName,
    KeyboardPattern,
    Common,
}

impl Weakness {
    fn error(self, field: &'static str) -> FieldError {
        let id = match self {
            Weakness::OwnName => "strength-contains_own_name",
            Weakness::KeyboardPattern => "strength-keyboard_pattern",
            Weakness::Common => "strength-too_common",
        };
        FieldError::new(field, Message::new(id))
    }
}

/// Checks a proposed password for the account `username`; `field` names the form field.
pub fn check_policy(field: &'static str, password: &str, username: &str) -> Result<(), FieldError> {
    check_new_password(field, password, &[username])
}

/// Checks a proposed password; `personal` are the owner's username and name, which it must
/// not contain or build on.
pub fn check_new_password(
    field: &'static str,
    password: &str,
    personal: &[&str],
) -> Result<(), FieldError> {
    check_length(field, password)?;
    let typed = to_latin_digits(password);
    let as_keys = latin_keys(&typed);
    let personal = personal_words(personal);
    let contains_own = |text: &str| {
        let text = text.to_lowercase();
        personal.iter().any(|word| text.contains(word.as_str()))
    };
    if contains_own(&typed) || as_keys.as_deref().is_some_and(contains_own) {
        return Err(Weakness::OwnName.error(field));
    }
    let mut inputs: Vec<&str> = personal.iter().map(String::as_str).collect();
    inputs.extend(common_words().iter().map(String::as_str));
    let readings =
        std::iter::once((typed.as_str(), false)).chain(as_keys.as_deref().map(|keys| (keys, true)));
    for (reading, is_persian_keys) in readings {
        let estimate = zxcvbn::zxcvbn(reading, &inputs);
        if estimate.score() < LOWEST_SCORE {
            let weakness = classify(estimate.sequence(), is_persian_keys, &personal);
            return Err(weakness.error(field));
        }
    }
    Ok(())
}

fn check_length(field: &'static str, password: &str) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        return Err(FieldError::new(
            field,
            Message::new("strength-too_short").arg("least", MessageArg::digits(MIN_PASSWORD_CHARS)),
        ));
    }
    if length > MAX_PASSWORD_CHARS {
        return Err(FieldError::new(
            field,
            Message::new("strength-too_long").arg("most", MessageArg::digits(MAX_PASSWORD_CHARS)),
        ));
    }
    Ok(())
}

/// Every form a word may take in a password: lower-cased with ASCII digits, and as Latin keys
/// when it is Persian.
fn forms(word: &str) -> impl Iterator<Item = String> {
    let plain = to_latin_digits(word).to_lowercase();
    let keys = latin_keys(&plain);
    std::iter::once(plain).chain(keys)
}

/// The owner's username and name, whole and by their parts, in every form; parts shorter
/// than three letters would match too much to mean anything.
fn personal_words(personal: &[&str]) -> Vec<String> {
    let mut words: Vec<String> = personal
        .iter()
        .flat_map(|text| {
            let parts = text.split(|c: char| !c.is_alphanumeric());
            std::iter::once(*text).chain(parts)
        })
        .map(str::trim)
        .filter(|part| part.chars().count() >= 3)
        .flat_map(forms)
        .collect();
    words.sort();
    words.dedup();
    words
}

fn common_words() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| COMMON_WORDS.iter().flat_map(|w| forms(w)).collect())
}

/// Names the weakness the estimator saw in its most likely reading of the password.
fn classify(sequence: &[Match], is_persian_keys: bool, personal: &[String]) -> Weakness {
    let mentions_own = sequence.iter().any(|m| match &m.pattern {
        MatchPattern::Dictionary(word) => personal.contains(&word.matched_word),
        _ => false,
    });
    let keyboard_run = sequence
        .iter()
        .any(|m| matches!(m.pattern, MatchPattern::Spatial(_)));
    if mentions_own {
        Weakness::OwnName
    } else if is_persian_keys || keyboard_run {
        Weakness::KeyboardPattern
    } else {
        Weakness::Common
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weakness(password: &str, personal: &[&str]) -> Option<Weakness> {
        let error = check_new_password("password", password, personal).err()?;
        [
            Weakness::OwnName,
            Weakness::KeyboardPattern,
            Weakness::Common,
        ]
        .into_iter()
        .find(|w| w.error("password") == error)
    }

    #[test]
    fn short_passwords_are_refused_with_a_persian_message() {
        let error = check_policy("password", "abc", "admin").unwrap_err();
        assert_eq!(error.message.id(), "strength-too_short");
        assert_eq!(error.message.args()[0], ("least", MessageArg::digits(10)));
    }

    #[test]
    fn common_passwords_and_runs_are_refused_as_too_common() {
        for password in ["password123", "aaaaaaaaaaaa", "1234567890", "iloveyou2024"] {
            assert_eq!(
                weakness(password, &["sara"]),
                Some(Weakness::Common),
                "{password}"
            );
        }
    }

    #[test]
    fn persian_digits_are_folded_before_the_check() {
        assert_eq!(weakness("۱۲۳۴۵۶۷۸۹۰", &["sara"]), Some(Weakness::Common));
        assert_eq!(weakness("١٢٣٤٥٦٧٨٩٠", &["sara"]), Some(Weakness::Common));
    }

    #[test]
    fn latin_words_and_key_runs_typed_on_the_persian_layout_are_keyboard_patterns() {
        assert_eq!(
            weakness("ضصثقفغعهخح", &["sara"]),
            Some(Weakness::KeyboardPattern)
        );
        assert_eq!(
            weakness("حشسسصخقی۱۲۳", &["sara"]),
            Some(Weakness::KeyboardPattern)
        );
        assert_eq!(
            weakness("qwertyuiop[]", &["sara"]),
            Some(Weakness::KeyboardPattern)
        );
    }

    #[test]
    fn the_organisation_the_country_and_the_application_count_against_a_password() {
        for password in ["بهزیستی۱۴۰۵", "ایران۱۲۳۴۵۶", "Hamyar1405!", "behzisti-1405"]
        {
            assert!(weakness(password, &["sara"]).is_some(), "{password}");
        }
    }

    #[test]
    fn the_owners_username_and_name_count_against_a_password() {
        let owner = ["s.ahmadi", "سارا احمدی"];
        assert_eq!(
            weakness("my-admin-password", &["admin"]),
            Some(Weakness::OwnName)
        );
        assert_eq!(
            weakness("Ahmadi-Blue-Kettle-77", &owner),
            Some(Weakness::OwnName)
        );
        assert_eq!(
            weakness("احمدی-کتری-آبی-۷۷", &owner),
            Some(Weakness::OwnName)
        );
    }

    #[test]
    fn random_passwords_and_unrelated_word_phrases_are_accepted() {
        for password in [
            "Hx7q-mK2p-Zr9w-Lt4v",
            "lantern orbit velvet cactus",
            "کتری آبی روی کوه سبز",
        ] {
            assert_eq!(
                weakness(password, &["sara", "سارا احمدی"]),
                None,
                "{password}"
            );
        }
    }
}
