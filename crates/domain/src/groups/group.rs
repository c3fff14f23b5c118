//! The group's form: what a social worker types when forming a group or
//! editing it, validated into a [`GroupDraft`] with every problem reported
//! at once. The county, the supervising unit and the business field are
//! chosen from data (places, reference lists) that the application checks;
//! here they are kept as typed, except that "other" needs its own words.

use crate::message::Message;
use serde::{Deserialize, Serialize};

use crate::digits::to_latin_digits;
use crate::groups::codes::Premises;
use crate::registry::fields::{Collector, free_text, is_blank, required_code};
use crate::registry::problem::Problem;

/// Longest group name, in characters.
pub const MAX_GROUP_NAME_CHARS: usize = 100;
/// Longest group code.
pub const MAX_GROUP_CODE_CHARS: usize = 20;
const MAX_LOCALITY_CHARS: usize = 100;
const MAX_ADDRESS_CHARS: usize = 300;
const MAX_OTHER_FIELD_CHARS: usize = 100;
const MAX_NOTES_CHARS: usize = 2_000;

/// The business field code that needs a description.
pub const OTHER_BUSINESS_FIELD: &str = "other";

/// The group form as typed; every field is text.
#[derive(Default, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupInput {
    pub code: String,
    pub name: String,
    pub county: String,
    pub locality: String,
    pub supervising_unit: String,
    pub business_field: String,
    pub business_field_other: String,
    pub premises: String,
    pub premises_address: String,
    pub notes: String,
    /// When the group was identified (a new group only; blank: today). Lets a province
    /// enter the groups it already runs with their real history.
    pub identified_on: String,
}

/// A validated group form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupDraft {
    /// Normalised (Latin digits, upper case); `None` to number it automatically.
    pub code: Option<String>,
    pub name: String,
    pub locality: String,
    pub business_field: String,
    pub business_field_other: String,
    pub premises: Premises,
    pub premises_address: String,
    pub notes: String,
}

impl GroupDraft {
    /// Validates the group's own fields (not the county, unit or field code,
    /// which are data the application checks).
    pub fn parse(input: &GroupInput) -> Result<GroupDraft, Vec<Problem>> {
        let mut collector = Collector::default();
        let code = collector.take(group_code(&input.code));
        let name = collector.take(group_name(&input.name));
        let locality = collector.take(free_text(
            "locality",
            &input.locality,
            MAX_LOCALITY_CHARS,
            false,
        ));
        let business_field = collector.take(if is_blank(&input.business_field) {
            Err(Problem::new(
                "business_field",
                Message::new("group-business_field_required"),
            ))
        } else {
            Ok(input.business_field.trim().to_owned())
        });
        let other = collector.take(free_text(
            "business_field_other",
            &input.business_field_other,
            MAX_OTHER_FIELD_CHARS,
            false,
        ));
        let other = match (business_field.as_deref(), other) {
            (Some(OTHER_BUSINESS_FIELD), Some(text)) if text.is_empty() => {
                collector.take::<String>(Err(Problem::new(
                    "business_field_other",
                    Message::new("group-field_other_say_what_business"),
                )));
                None
            }
            (Some(OTHER_BUSINESS_FIELD), other) => other,
            (_, Some(_)) => Some(String::new()),
            (_, None) => None,
        };
        let premises = collector.take(required_code("premises", &input.premises));
        let premises_address = collector.take(free_text(
            "premises_address",
            &input.premises_address,
            MAX_ADDRESS_CHARS,
            false,
        ));
        let notes = collector.take(free_text("notes", &input.notes, MAX_NOTES_CHARS, true));
        collector.finish(|| {
            Some(GroupDraft {
                code: code?,
                name: name?,
                locality: locality?,
                business_field: business_field?,
                business_field_other: other?,
                premises: premises?,
                premises_address: premises_address?,
                notes: notes?,
            })
        })
    }
}

fn group_name(text: &str) -> Result<String, Problem> {
    let name = free_text("name", text, MAX_GROUP_NAME_CHARS, false)?;
    if name.is_empty() {
        return Err(Problem::new(
            "name",
            Message::new("group-group_s_name_required"),
        ));
    }
    Ok(name)
}

/// Blank: numbered automatically. Otherwise letters A–Z, digits (any
/// script) and hyphens, up to [`MAX_GROUP_CODE_CHARS`].
fn group_code(text: &str) -> Result<Option<String>, Problem> {
    if is_blank(text) {
        return Ok(None);
    }
    let code = to_latin_digits(text.trim()).to_ascii_uppercase();
    let valid = code
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    if !valid || code.chars().count() > MAX_GROUP_CODE_CHARS {
        return Err(Problem::new(
            "code",
            Message::new("group-group_code_may_hold_only"),
        ));
    }
    Ok(Some(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> GroupInput {
        GroupInput {
            name: "  گروه  خیاطی  نور ".into(),
            business_field: "tailoring".into(),
            premises: "استیجاری".into(),
            code: "tk-۰۱۲".into(),
            ..GroupInput::default()
        }
    }

    #[test]
    fn a_form_is_tidied_and_the_code_normalised() {
        let draft = GroupDraft::parse(&input()).unwrap();
        assert_eq!(draft.name, "گروه خیاطی نور");
        assert_eq!(draft.code.as_deref(), Some("TK-012"));
        assert_eq!(draft.premises, Premises::Rented);
        assert_eq!(draft.business_field_other, "");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let problems = GroupDraft::parse(&GroupInput {
            code: "کد!".into(),
            ..GroupInput::default()
        })
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["code", "name", "business_field", "premises"]);
    }

    #[test]
    fn the_field_other_needs_words_and_other_fields_drop_them() {
        let mut other = input();
        other.business_field = OTHER_BUSINESS_FIELD.into();
        let problems = GroupDraft::parse(&other).unwrap_err();
        assert_eq!(problems[0].field, "business_field_other");
        other.business_field_other = "تعمیر موبایل".into();
        assert_eq!(
            GroupDraft::parse(&other).unwrap().business_field_other,
            "تعمیر موبایل"
        );
        let mut tailoring = input();
        tailoring.business_field_other = "ignored".into();
        assert_eq!(
            GroupDraft::parse(&tailoring).unwrap().business_field_other,
            ""
        );
    }

    #[test]
    fn a_blank_code_is_numbered_later() {
        let mut blank = input();
        blank.code = " ".into();
        assert_eq!(GroupDraft::parse(&blank).unwrap().code, None);
    }
}
