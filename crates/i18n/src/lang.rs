//! The interface language a person reads: its code, writing direction, digits and numbers,
//! and the lookup of its messages in the catalogue.

use crate::catalogue::{self, Arg};

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Fa,
    En,
}

impl Lang {
    /// Every language the interface is translated into, the source language first.
    pub const ALL: [Lang; 2] = [Lang::Fa, Lang::En];

    pub fn parse(text: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code() == text.trim())
    }

    /// The language's BCP 47 code, which is also its folder under `locales/`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fa => "fa",
            Lang::En => "en",
        }
    }

    pub fn dir(self) -> &'static str {
        match self {
            Lang::Fa => "rtl",
            Lang::En => "ltr",
        }
    }

    pub fn is_english(self) -> bool {
        self == Lang::En
    }

    /// The Persian or the English of a pair, by this language. Kept for texts not yet moved
    /// into the resource files; new code asks for a message id instead.
    pub fn pick<'a>(self, persian: &'a str, english: &'a str) -> &'a str {
        match self {
            Lang::Fa => persian,
            Lang::En => english,
        }
    }

    /// The other language, offered by the switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Fa => Lang::En,
            Lang::En => Lang::Fa,
        }
    }

    /// A message without arguments; an unknown id shows `??` so that it is noticed, never
    /// a blank.
    pub fn t(self, id: &str) -> &'static str {
        match catalogue::plain(self, id) {
            Some(text) => text,
            None => {
                tracing::warn!(id, "missing translation");
                "??"
            }
        }
    }

    /// A message without arguments, or `None` when no such message exists.
    pub fn find(self, id: &str) -> Option<&'static str> {
        catalogue::plain(self, id)
    }

    /// A message with arguments (`{ $name }` in the resource files); numbers are written
    /// with this language's digits and separators, and select plural forms.
    pub fn tr(self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        catalogue::format(self, id, args).unwrap_or_else(|| {
            tracing::warn!(id, "missing translation");
            "??".to_owned()
        })
    }

    /// Digits in the language's own script.
    pub fn digits(self, text: &str) -> String {
        match self {
            Lang::Fa => hamyar_domain::digits::to_persian_digits(text),
            Lang::En => text.to_owned(),
        }
    }

    /// A number with thousands separators in the language's script.
    pub fn number(self, n: i64) -> String {
        match self {
            Lang::Fa => hamyar_domain::digits::to_persian_digits(
                &hamyar_domain::digits::group_thousands(n, '٬'),
            ),
            Lang::En => hamyar_domain::digits::group_thousands(n, ','),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_numbers_use_persian_digits_and_separator() {
        assert_eq!(Lang::Fa.number(743_000_000), "۷۴۳٬۰۰۰٬۰۰۰");
        assert_eq!(Lang::En.number(743_000_000), "743,000,000");
    }

    #[test]
    fn languages_parse_from_their_codes() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert_eq!(Lang::parse("xx"), None);
    }
}
