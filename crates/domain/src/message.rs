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
//! There is no way to carry ready-made words: a text that is not in the catalogue
//! cannot be shown, so a language added later never meets an untranslated error.

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

/// A message to show a person: an id of the catalogue with its arguments.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Message {
    id: &'static str,
    args: Vec<(&'static str, MessageArg)>,
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
        Message {
            id,
            args: Vec::new(),
        }
    }

    /// The message with one more argument.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<MessageArg>) -> Message {
        self.args.push((name, value.into()));
        self
    }

    /// The catalogue id.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The arguments, in the order they were given.
    pub fn args(&self) -> &[(&'static str, MessageArg)] {
        &self.args
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
        let id = self.id();
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
        assert_eq!(message.id(), "national_id-wrong_length");
        assert_eq!(
            message.args(),
            &[
                ("length", MessageArg::Number(9)),
                ("text", MessageArg::Text("123".to_owned()))
            ]
        );
    }
}
