//! The bilingual message contract shared by every validation error.
//!
//! Each error type in this crate explains itself in Persian (the default user
//! interface language) and in English, without naming the field: the caller
//! knows which form field it validated and prefixes that name. The trait lets
//! the web and command-line layers render any domain error the same way; each
//! error also has inherent `message_fa` / `message_en` methods so that callers
//! need no import for the common case.

/// An error that can explain itself to a person in Persian and in English.
pub trait LocalizedMessage {
    /// A precise Persian sentence, with Persian digits, e.g. "کد ملی باید ۱۰ رقم باشد".
    fn message_fa(&self) -> String;
    /// The same sentence in English, e.g. "national ID must have 10 digits".
    fn message_en(&self) -> String;
}

/// Implements [`LocalizedMessage`] by delegating to the type's inherent methods.
macro_rules! localized_message {
    ($error:ty) => {
        impl $crate::message::LocalizedMessage for $error {
            fn message_fa(&self) -> String {
                <$error>::message_fa(self)
            }
            fn message_en(&self) -> String {
                <$error>::message_en(self)
            }
        }
    };
}

pub(crate) use localized_message;
