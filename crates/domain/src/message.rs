//! What an error says to a person, as data: a message id of the Fluent catalogue
//! (`hamyar-i18n`) and its arguments, never the words themselves.
//!
//! The domain knows *what* went wrong (a national ID of nine digits) but not how
//! to say it in Persian, English or a language added later: that is the
//! catalogue's business, so a translator edits resource files and no Rust. Each
//! error type therefore returns a [`Message`] ([`LocalizedMessage::message`]),
//! without the field's name: the caller knows which field it validated and
//! prefixes its label. `hamyar_i18n::Lang::message` renders it.
//!
//! Texts not yet moved into the catalogue travel as a Persian/English pair
//! ([`Message::pair`]); every pair is a debt of issue 16.

use serde::Serialize;

/// An error that can explain itself to a person, in any language of the catalogue.
pub trait LocalizedMessage {
    /// The message, e.g. `national_id-wrong_length` ("کد ملی باید ۱۰ رقم باشد").
    fn message(&self) -> Message;
}

/// Implements [`LocalizedMessage`] by delegating to the type's inherent `message`.
macro_rules! localized_message {
    ($error:ty) => {
        impl $crate::message::LocalizedMessage for $error {
            fn message(&self) -> $crate::message::Message {
                <$error>::message(self)
            }
        }
    };
}

pub(crate) use localized_message;

/// A message to show a person: an id of the catalogue with its arguments, or (until every
/// text has moved into the catalogue) a Persian/English pair.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Message(Body);

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
enum Body {
    Catalogue {
        id: &'static str,
        args: Vec<(&'static str, MessageArg)>,
    },
    Pair {
        fa: String,
        en: String,
    },
}

/// An argument of a message (`{ $name }` in the resource files).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum MessageArg {
    /// Text shown as it is (a name, a code the person typed).
    Text(String),
    /// A quantity: written with the language's digits and thousands separator, and
    /// selecting plural forms.
    Number(i64),
    /// Text whose digits are written in the language's script, without separators: a
    /// date, a year, a fiscal year, a reference number.
    Digits(String),
    /// Another message, rendered in the same language (a field's name, a reason).
    Message(Message),
    /// An amount of money in rials, written as the language writes money.
    Money(i64),
    /// A label the domain owns in each language: a coded list's value or a Jalali month.
    /// The coded lists keep their labels beside their codes because imports read them
    /// back (a spreadsheet may say «مطلقه» where the code says `divorced`), so the
    /// vocabulary of the data and of the interface stay one.
    Label { fa: String, en: String },
}

impl MessageArg {
    /// A label in Persian and English (see [`MessageArg::Label`]).
    pub fn label(fa: impl Into<String>, en: impl Into<String>) -> MessageArg {
        MessageArg::Label {
            fa: fa.into(),
            en: en.into(),
        }
    }
}

impl Message {
    /// The catalogue's message `id`, without arguments so far.
    pub fn new(id: &'static str) -> Message {
        Message(Body::Catalogue {
            id,
            args: Vec::new(),
        })
    }

    /// A Persian/English pair for a text not yet in the catalogue (a debt of issue 16).
    pub fn pair(fa: impl Into<String>, en: impl Into<String>) -> Message {
        Message(Body::Pair {
            fa: fa.into(),
            en: en.into(),
        })
    }

    /// The message with one more argument. On a pair, which has no arguments, it does
    /// nothing.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<MessageArg>) -> Message {
        if let Body::Catalogue { args, .. } = &mut self.0 {
            args.push((name, value.into()));
        }
        self
    }

    /// The catalogue id, or `None` for a pair.
    pub fn id(&self) -> Option<&'static str> {
        match &self.0 {
            Body::Catalogue { id, .. } => Some(id),
            Body::Pair { .. } => None,
        }
    }

    /// The arguments (none for a pair).
    pub fn args(&self) -> &[(&'static str, MessageArg)] {
        match &self.0 {
            Body::Catalogue { args, .. } => args,
            Body::Pair { .. } => &[],
        }
    }

    /// The Persian and the English text of a pair, or `None` for a catalogue message.
    pub fn as_pair(&self) -> Option<(&str, &str)> {
        match &self.0 {
            Body::Catalogue { .. } => None,
            Body::Pair { fa, en } => Some((fa, en)),
        }
    }
}

impl MessageArg {
    /// A number written with the language's digits but without thousands separators (an
    /// account id, a year, a count shown as it was before the catalogue).
    pub fn digits(value: impl std::fmt::Display) -> MessageArg {
        MessageArg::Digits(value.to_string())
    }
}

impl From<String> for MessageArg {
    fn from(text: String) -> Self {
        MessageArg::Text(text)
    }
}

impl From<&str> for MessageArg {
    fn from(text: &str) -> Self {
        MessageArg::Text(text.to_owned())
    }
}

impl From<i64> for MessageArg {
    fn from(number: i64) -> Self {
        MessageArg::Number(number)
    }
}

impl From<usize> for MessageArg {
    fn from(number: usize) -> Self {
        MessageArg::Number(i64::try_from(number).unwrap_or(i64::MAX))
    }
}

impl From<u32> for MessageArg {
    fn from(number: u32) -> Self {
        MessageArg::Number(i64::from(number))
    }
}

impl From<i32> for MessageArg {
    fn from(number: i32) -> Self {
        MessageArg::Number(i64::from(number))
    }
}

impl From<u8> for MessageArg {
    fn from(number: u8) -> Self {
        MessageArg::Number(i64::from(number))
    }
}

impl From<crate::JalaliDate> for MessageArg {
    /// A date as `1403/01/15`, in the language's digits.
    fn from(date: crate::JalaliDate) -> Self {
        MessageArg::Digits(date.to_string())
    }
}

impl From<Message> for MessageArg {
    fn from(message: Message) -> Self {
        MessageArg::Message(message)
    }
}

#[cfg(test)]
impl Message {
    /// The Persian text, for this crate's tests: a plain message's line of the catalogue's
    /// Persian files (the catalogue renders it the same way; `hamyar-i18n` tests the
    /// messages with arguments).
    pub(crate) fn fa(&self) -> String {
        self.text("fa")
    }

    /// The English text, as [`Message::fa`].
    pub(crate) fn en(&self) -> String {
        self.text("en")
    }

    fn text(&self, language: &str) -> String {
        if let Some((fa, en)) = self.as_pair() {
            return if language == "fa" { fa } else { en }.to_owned();
        }
        let id = self.id().expect("a catalogue message");
        assert!(self.args().is_empty(), "{id} has arguments");
        let folder = format!("{}/../i18n/locales/{language}", env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<_> = std::fs::read_dir(folder)
            .expect("the catalogue's folder")
            .map(|entry| entry.expect("a catalogue file").path())
            .collect();
        files.sort();
        files
            .iter()
            .map(|path| std::fs::read_to_string(path).expect("a catalogue file"))
            .find_map(|catalogue| {
                catalogue.lines().find_map(|line| {
                    line.strip_prefix(id)?
                        .strip_prefix(" = ")
                        .map(str::to_owned)
                })
            })
            .unwrap_or_else(|| panic!("{id} is not a plain message of the catalogue"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_keeps_its_id_and_arguments_in_order() {
        let message = Message::new("national_id-wrong_length")
            .arg("length", 9_usize)
            .arg("text", "123");
        assert_eq!(message.id(), Some("national_id-wrong_length"));
        assert_eq!(
            message.args(),
            &[
                ("length", MessageArg::Number(9)),
                ("text", MessageArg::Text("123".to_owned()))
            ]
        );
        assert_eq!(message.as_pair(), None);
    }

    #[test]
    fn a_pair_has_no_id() {
        let message = Message::pair("متن", "text");
        assert_eq!(message.id(), None);
        assert_eq!(message.as_pair(), Some(("متن", "text")));
    }
}
