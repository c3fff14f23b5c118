//! The one shape in which the registry reports what is wrong with an input.
//!
//! A registration form has many fields and a social worker should see every
//! mistake at once, next to the field it concerns, in Persian (or English).
//! A [`Problem`] therefore names the field by the name of the input struct's
//! field (`national_id`, `birth_date`, …) and carries a message *without* the
//! field's name: the web and import layers know how they label the field and
//! prefix it themselves ("کد ملی: رقم کنترل کد ملی نادرست است").

use std::fmt;

use serde::Serialize;

use crate::message::{LocalizedMessage, Message};

/// One thing wrong with one field of an input.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Problem {
    /// The input field it concerns, spelled as the input struct's field.
    pub field: &'static str,
    /// What is wrong, without the field name.
    pub message: Message,
}

impl Problem {
    /// A problem with the given message.
    pub fn new(field: &'static str, message: Message) -> Problem {
        Problem { field, message }
    }

    /// A problem whose message comes from a domain error such as
    /// [`crate::NationalIdError`].
    pub fn from_error(field: &'static str, error: &impl LocalizedMessage) -> Problem {
        Problem {
            field,
            message: error.message(),
        }
    }
}

impl LocalizedMessage for Problem {
    fn message(&self) -> Message {
        self.message.clone()
    }
}

impl fmt::Display for Problem {
    /// `field: message id`, for logs of import runs and test failures.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {}", self.field, self.message.id())
    }
}

impl std::error::Error for Problem {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NationalIdError;

    #[test]
    fn a_problem_from_a_domain_error_keeps_both_messages() {
        let problem = Problem::from_error("national_id", &NationalIdError::WrongCheckDigit);
        assert_eq!(problem.field, "national_id");
        assert_eq!(problem.message.fa(), "رقم کنترل کد ملی نادرست است");
        assert_eq!(problem.message.en(), "national ID check digit is wrong");
    }

    #[test]
    fn display_names_the_field_and_the_english_message() {
        let problem = Problem::new("notes", Message::new("name-empty"));
        assert_eq!(problem.to_string(), "notes: name-empty");
    }
}
