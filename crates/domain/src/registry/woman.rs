//! The registration of a woman head of household: the form as typed
//! ([`WomanInput`]) and the validated record it becomes ([`WomanDraft`]).
//!
//! The same input struct serves the web form and the spreadsheet import, so
//! the rules are written once: required and optional fields, Persian and
//! Arabic digits, Arabic letters, stray spaces, length limits. Parsing
//! collects *every* problem, each tied to its input field, so the social
//! worker fixes the whole form in one round. The way back,
//! [`WomanDraft::to_input`], writes canonical text (ten-digit national ID,
//! `1362/05/14` dates with Latin digits, Persian labels for coded values), so
//! an export re-imports unchanged. The county the woman lives in is resolved
//! by the application from its places tree; here `locality` is only text.

use serde::{Deserialize, Serialize};

use crate::jalali::{DateStyle, Digits, JalaliDate};
use crate::mobile::Mobile;
use crate::national_id::NationalId;
use crate::person_name::{PersonName, search_key};
use crate::registry::codes::{Education, HeadshipCause, Settlement};
use crate::registry::eligibility::{EligibilityFacts, MAX_AGE_YEARS, MIN_AGE_YEARS, age_in_years};
use crate::registry::fields::{
    Collector, birth_date, free_text, income_decile, optional, optional_code, required,
    required_code,
};
use crate::registry::problem::Problem;
use crate::sheba::Sheba;

/// The longest locality (city, village or neighbourhood), in characters.
pub const MAX_LOCALITY_CHARS: usize = 80;
/// The longest address, in characters.
pub const MAX_ADDRESS_CHARS: usize = 300;
/// The longest skills description, in characters.
pub const MAX_SKILLS_CHARS: usize = 300;
/// The longest notes, in characters.
pub const MAX_NOTES_CHARS: usize = 2000;

/// A woman's registration form as typed: every field is raw text, blank
/// when not filled. Missing columns of an imported file read as blank.
#[derive(Default, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WomanInput {
    pub national_id: String,
    pub first_name: String,
    pub last_name: String,
    pub father_name: String,
    pub birth_date: String,
    pub mobile: String,
    pub locality: String,
    pub settlement: String,
    pub address: String,
    pub education: String,
    pub skills: String,
    pub sheba: String,
    pub headship_cause: String,
    pub income_decile: String,
    pub notes: String,
}

impl WomanInput {
    /// The field names, in form order: the `field` of every [`Problem`] is
    /// one of them, and they serve as column headers of exports.
    pub const FIELDS: [&'static str; 15] = [
        "national_id",
        "first_name",
        "last_name",
        "father_name",
        "birth_date",
        "mobile",
        "locality",
        "settlement",
        "address",
        "education",
        "skills",
        "sheba",
        "headship_cause",
        "income_decile",
        "notes",
    ];
}

/// The columns an export writes besides the [`WomanInput`] fields: facts the
/// application knows about a registered woman that the form does not hold.
/// They are informative; an import ignores them (the county is resolved from
/// its own column by the application).
#[derive(Default, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportExtras {
    /// The county's Persian name.
    pub county: String,
    /// The Gregorian date of birth, `YYYY-MM-DD`, for other systems.
    pub birth_date_iso: String,
    /// The current coverage status, as its Persian label.
    pub coverage_status: String,
    /// The household size (the woman included), as a plain number.
    pub household_size: String,
    /// The Jalali registration date, `1404/07/01`.
    pub registered_on: String,
}

/// A validated registration: canonical values, ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct WomanDraft {
    pub national_id: NationalId,
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub father_name: Option<PersonName>,
    pub birth_date: JalaliDate,
    pub mobile: Option<Mobile>,
    /// City, village or neighbourhood as typed (tidied), possibly empty.
    pub locality: String,
    pub settlement: Settlement,
    /// Postal address as typed (tidied), possibly empty.
    pub address: String,
    pub education: Option<Education>,
    /// Her skills and trades as typed (tidied), possibly empty.
    pub skills: String,
    pub sheba: Option<Sheba>,
    pub headship_cause: HeadshipCause,
    /// Income decile 1–10 from the means test, if known.
    pub income_decile: Option<u8>,
    /// Free notes; line breaks are kept.
    pub notes: String,
}

impl WomanDraft {
    /// Validates a form, reporting every problem at once.
    ///
    /// Required: national ID, first and last name, date of birth,
    /// settlement and headship cause. Blank optional fields become `None`
    /// (or empty text). The date of birth may not be after `today` and must
    /// give an age from 10 to 120 years; the decile is 1–10; free texts are
    /// trimmed, their whitespace collapsed (notes keep line breaks) and
    /// limited to 80 (locality), 300 (address, skills) and 2000 (notes)
    /// characters.
    pub fn parse(input: &WomanInput, today: JalaliDate) -> Result<WomanDraft, Vec<Problem>> {
        let mut collector = Collector::default();
        let national_id = collector.take(
            NationalId::parse(&input.national_id)
                .map_err(|error| Problem::from_error("national_id", &error)),
        );
        let first_name = collector.take(required_name("first_name", &input.first_name));
        let last_name = collector.take(required_name("last_name", &input.last_name));
        let father_name = collector.take(optional(
            "father_name",
            &input.father_name,
            PersonName::parse,
        ));
        let birth_date = collector.take(required(
            "birth_date",
            birth_date(
                "birth_date",
                &input.birth_date,
                today,
                MIN_AGE_YEARS,
                MAX_AGE_YEARS,
            ),
            "woman-birth_date_required",
        ));
        let mobile = collector.take(optional("mobile", &input.mobile, Mobile::parse));
        let locality = collector.take(free_text(
            "locality",
            &input.locality,
            MAX_LOCALITY_CHARS,
            false,
        ));
        let settlement = collector.take(required_code("settlement", &input.settlement));
        let address = collector.take(free_text(
            "address",
            &input.address,
            MAX_ADDRESS_CHARS,
            false,
        ));
        let education = collector.take(optional_code("education", &input.education));
        let skills = collector.take(free_text("skills", &input.skills, MAX_SKILLS_CHARS, false));
        let sheba = collector.take(optional("sheba", &input.sheba, Sheba::parse));
        let headship_cause = collector.take(required_code("headship_cause", &input.headship_cause));
        let income_decile = collector.take(income_decile("income_decile", &input.income_decile));
        let notes = collector.take(free_text("notes", &input.notes, MAX_NOTES_CHARS, true));
        collector.finish(|| {
            Some(WomanDraft {
                national_id: national_id?,
                first_name: first_name?,
                last_name: last_name?,
                father_name: father_name?,
                birth_date: birth_date?,
                mobile: mobile?,
                locality: locality?,
                settlement: settlement?,
                address: address?,
                education: education?,
                skills: skills?,
                sheba: sheba?,
                headship_cause: headship_cause?,
                income_decile: income_decile?,
                notes: notes?,
            })
        })
    }

    /// The canonical text of every field: what an export writes and
    /// [`WomanDraft::parse`] reads back to an equal draft.
    pub fn to_input(&self) -> WomanInput {
        WomanInput {
            national_id: self.national_id.as_str().to_owned(),
            first_name: self.first_name.as_str().to_owned(),
            last_name: self.last_name.as_str().to_owned(),
            father_name: text_of(self.father_name.as_ref().map(PersonName::as_str)),
            birth_date: self.birth_date.format(DateStyle::Numeric, Digits::Latin),
            mobile: text_of(self.mobile.as_ref().map(Mobile::as_str)),
            locality: self.locality.clone(),
            settlement: self.settlement.label_fa().to_owned(),
            address: self.address.clone(),
            education: text_of(self.education.map(Education::label_fa)),
            skills: self.skills.clone(),
            sheba: text_of(self.sheba.as_ref().map(Sheba::as_str)),
            headship_cause: self.headship_cause.label_fa().to_owned(),
            income_decile: self
                .income_decile
                .map(|decile| decile.to_string())
                .unwrap_or_default(),
            notes: self.notes.clone(),
        }
    }

    /// The folded key of "first last", for search and duplicate detection.
    pub fn full_name_key(&self) -> String {
        search_key(&format!("{} {}", self.first_name, self.last_name))
    }

    /// The folded key of "last first", for lists sorted and searched by
    /// family name.
    pub fn reversed_name_key(&self) -> String {
        search_key(&format!("{} {}", self.last_name, self.first_name))
    }

    /// Her age in whole years on `today`.
    pub fn age_on(&self, today: JalaliDate) -> i32 {
        age_in_years(self.birth_date, today)
    }

    /// The facts eligibility rules need, with the answer of the inquiry to
    /// other bodies (`None` while unanswered), which the form does not hold.
    pub fn eligibility_facts(&self, other_coverage: Option<bool>) -> EligibilityFacts {
        EligibilityFacts {
            birth_date: self.birth_date,
            cause: self.headship_cause,
            income_decile: self.income_decile,
            other_coverage,
        }
    }
}

fn text_of(value: Option<&str>) -> String {
    value.unwrap_or_default().to_owned()
}

/// A required name; blank gives the name's own "not entered" message.
fn required_name(field: &'static str, text: &str) -> Result<PersonName, Problem> {
    PersonName::parse(text).map_err(|error| Problem::from_error(field, &error))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digits::to_persian_digits;
    use crate::message::{Message, MessageArg};
    use crate::sheba::iban_remainder;
    use crate::{NationalIdError, PersonNameError};
    use proptest::prelude::*;

    fn today() -> JalaliDate {
        JalaliDate::new(1404, 7, 1).unwrap()
    }

    fn valid_input() -> WomanInput {
        WomanInput {
            national_id: "0013542419".into(),
            first_name: "فاطمه".into(),
            last_name: "احمدی".into(),
            father_name: "علی".into(),
            birth_date: "1362/05/14".into(),
            mobile: "09123456789".into(),
            locality: "تاکستان".into(),
            settlement: "شهری".into(),
            address: "خیابان امام، کوچه ۳".into(),
            education: "دیپلم".into(),
            skills: "خیاطی".into(),
            sheba: "IR820540102680020817909002".into(),
            headship_cause: "همسر فوت‌شده".into(),
            income_decile: "3".into(),
            notes: String::new(),
        }
    }

    fn problem_fields(problems: &[Problem]) -> Vec<&'static str> {
        problems.iter().map(|problem| problem.field).collect()
    }

    #[test]
    fn a_complete_form_becomes_a_draft() {
        let draft = WomanDraft::parse(&valid_input(), today()).unwrap();
        assert_eq!(draft.national_id.as_str(), "0013542419");
        assert_eq!(draft.first_name.as_str(), "فاطمه");
        assert_eq!(draft.father_name.unwrap().as_str(), "علی");
        assert_eq!(draft.birth_date, JalaliDate::new(1362, 5, 14).unwrap());
        assert_eq!(draft.settlement, Settlement::Urban);
        assert_eq!(draft.education, Some(Education::Diploma));
        assert_eq!(draft.headship_cause, HeadshipCause::Widow);
        assert_eq!(draft.income_decile, Some(3));
        assert_eq!(draft.mobile.unwrap().as_str(), "09123456789");
    }

    #[test]
    fn persian_digits_and_arabic_letters_are_accepted_everywhere() {
        let input = WomanInput {
            national_id: "۰۰۱۳۵۴۲۴۱۹".into(),
            first_name: "فاطمه".into(),
            last_name: "كريمي".into(),
            birth_date: "۱۳۶۲/۰۵/۱۴".into(),
            mobile: "۰۹۱۲ ۳۴۵ ۶۷۸۹".into(),
            settlement: "روستايي".into(),
            education: "كارشناسي".into(),
            sheba: "IR۸۲۰۵۴۰۱۰۲۶۸۰۰۲۰۸۱۷۹۰۹۰۰۲".into(),
            headship_cause: "همسر معلول".into(),
            income_decile: "٤".into(),
            ..WomanInput::default()
        };
        let draft = WomanDraft::parse(&input, today()).unwrap();
        assert_eq!(draft.national_id.as_str(), "0013542419");
        assert_eq!(
            draft.last_name.as_str(),
            "کریمی",
            "names are stored with Persian letters"
        );
        assert_eq!(draft.birth_date.to_string(), "1362/05/14");
        assert_eq!(draft.settlement, Settlement::Rural);
        assert_eq!(draft.education, Some(Education::Bachelor));
        assert_eq!(draft.headship_cause, HeadshipCause::HusbandDisabled);
        assert_eq!(draft.income_decile, Some(4));
        assert_eq!(
            draft.sheba.as_ref().unwrap().as_str(),
            "IR820540102680020817909002"
        );
        assert_eq!(draft.full_name_key(), search_key("فاطمه کریمی"));
    }

    #[test]
    fn blank_optional_fields_become_none_or_empty() {
        let input = WomanInput {
            father_name: " ".into(),
            mobile: String::new(),
            locality: "\u{200C}".into(),
            education: String::new(),
            skills: "  ".into(),
            sheba: String::new(),
            income_decile: String::new(),
            address: String::new(),
            ..valid_input()
        };
        let draft = WomanDraft::parse(&input, today()).unwrap();
        assert_eq!(draft.father_name, None);
        assert_eq!(draft.mobile, None);
        assert_eq!(draft.education, None);
        assert_eq!(draft.sheba, None);
        assert_eq!(draft.income_decile, None);
        assert_eq!(draft.skills, "");
        assert_eq!(draft.address, "");
    }

    #[test]
    fn an_empty_form_reports_every_required_field() {
        let problems = WomanDraft::parse(&WomanInput::default(), today()).unwrap_err();
        assert_eq!(
            problem_fields(&problems),
            [
                "national_id",
                "first_name",
                "last_name",
                "birth_date",
                "settlement",
                "headship_cause"
            ]
        );
        assert_eq!(problems[0].message.fa(), "کد ملی وارد نشده است");
        assert_eq!(problems[3].message.fa(), "تاریخ تولد وارد نشده است");
        assert_eq!(
            problems[4].message,
            Message::new("fields-choice_required")
                .arg("list", MessageArg::label("نوع سکونت", "settlement"))
        );
        assert_eq!(
            problems[5].message,
            Message::new("fields-choice_required")
                .arg("list", MessageArg::label("علت سرپرستی", "headship cause"))
        );
    }

    #[test]
    fn every_wrong_field_is_reported_at_once_with_its_own_message() {
        let input = WomanInput {
            national_id: "0013542418".into(),
            first_name: "فاطمه۲".into(),
            last_name: "احمدی".into(),
            father_name: "123".into(),
            birth_date: "1362/13/01".into(),
            mobile: "02112345678".into(),
            locality: "ا".repeat(81),
            settlement: "کوهستانی".into(),
            address: "ب".repeat(301),
            education: "سیکل دوم".into(),
            skills: "پ".repeat(301),
            sheba: "IR820540102680020817909003".into(),
            headship_cause: "همسر".into(),
            income_decile: "۱۱".into(),
            notes: "ت".repeat(2001),
        };
        let problems = WomanDraft::parse(&input, today()).unwrap_err();
        let expected: Vec<_> = WomanInput::FIELDS
            .into_iter()
            .filter(|field| *field != "last_name")
            .collect();
        assert_eq!(problem_fields(&problems), expected);
        assert_eq!(
            problems[0].message,
            NationalIdError::WrongCheckDigit.message()
        );
        assert_eq!(
            problems[1].message,
            PersonNameError::ContainsDigit.message()
        );
        assert_eq!(problems[4].message, crate::MobileError::NotMobile.message());
        assert_eq!(
            problems[12].message.fa(),
            "دهک درآمدی باید عددی از ۱ تا ۱۰ باشد"
        );
    }

    #[test]
    fn a_birth_date_in_the_future_is_rejected() {
        let input = WomanInput {
            birth_date: "1404/07/02".into(),
            ..valid_input()
        };
        let problems = WomanDraft::parse(&input, today()).unwrap_err();
        assert_eq!(problem_fields(&problems), ["birth_date"]);
        assert_eq!(
            problems[0].message.fa(),
            "تاریخ تولد نمی‌تواند بعد از امروز باشد"
        );
    }

    #[test]
    fn ages_under_ten_and_over_one_hundred_twenty_are_rejected() {
        let young = WomanInput {
            birth_date: "1394/07/02".into(),
            ..valid_input()
        };
        let problems = WomanDraft::parse(&young, today()).unwrap_err();
        assert_eq!(
            problems[0].message,
            Message::new("fields-age_out_of_range")
                .arg("age", MessageArg::digits(9))
                .arg("min", 10_u8)
                .arg("max", 120_u8)
        );
        let ten = WomanInput {
            birth_date: "1394/07/01".into(),
            ..valid_input()
        };
        assert!(WomanDraft::parse(&ten, today()).is_ok());
        let old = WomanInput {
            birth_date: "1283/06/31".into(),
            ..valid_input()
        };
        let problems = WomanDraft::parse(&old, today()).unwrap_err();
        assert_eq!(
            problems[0].message.args()[0],
            ("age", MessageArg::digits(121))
        );
    }

    #[test]
    fn free_texts_are_tidied_and_notes_keep_their_lines() {
        let input = WomanInput {
            locality: "  بوئین   زهرا ".into(),
            address: "خیابان\tامام\nپلاک ۳".into(),
            notes: " بازدید اول \n\n\n پیگیری  مجوز ".into(),
            ..valid_input()
        };
        let draft = WomanDraft::parse(&input, today()).unwrap();
        assert_eq!(draft.locality, "بوئین زهرا");
        assert_eq!(draft.address, "خیابان امام پلاک ۳");
        assert_eq!(draft.notes, "بازدید اول\n\nپیگیری مجوز");
    }

    #[test]
    fn the_canonical_text_uses_latin_digits_and_persian_labels() {
        let input = WomanInput {
            national_id: "13542419".into(),
            birth_date: "۱۴ مرداد ۱۳۶۲".into(),
            settlement: "rural".into(),
            education: "Bachelor's degree".into(),
            headship_cause: "HUSBAND_MISSING".into(),
            income_decile: "۲".into(),
            mobile: "+98 912 345 6789".into(),
            ..valid_input()
        };
        let canonical = WomanDraft::parse(&input, today()).unwrap().to_input();
        assert_eq!(canonical.national_id, "0013542419");
        assert_eq!(canonical.birth_date, "1362/05/14");
        assert_eq!(canonical.settlement, "روستایی");
        assert_eq!(canonical.education, "کارشناسی");
        assert_eq!(canonical.headship_cause, "همسر مفقودالاثر");
        assert_eq!(canonical.income_decile, "2");
        assert_eq!(canonical.mobile, "09123456789");
    }

    #[test]
    fn name_keys_fold_letters_and_order_the_names() {
        let input = WomanInput {
            first_name: "فاطمه‌زهرا".into(),
            last_name: "كاظمي".into(),
            ..valid_input()
        };
        let draft = WomanDraft::parse(&input, today()).unwrap();
        assert_eq!(draft.full_name_key(), "فاطمهزهراکاظمی");
        assert_eq!(draft.reversed_name_key(), "کاظمیفاطمهزهرا");
    }

    #[test]
    fn the_draft_gives_the_facts_for_eligibility() {
        let draft = WomanDraft::parse(&valid_input(), today()).unwrap();
        let facts = draft.eligibility_facts(Some(false));
        assert_eq!(facts.cause, HeadshipCause::Widow);
        assert_eq!(facts.income_decile, Some(3));
        assert_eq!(facts.other_coverage, Some(false));
        assert_eq!(draft.age_on(today()), 42);
    }

    #[test]
    fn imported_records_may_omit_columns() {
        let input: WomanInput =
            serde_json::from_str(r#"{"national_id": "0013542419", "first_name": "زهرا"}"#).unwrap();
        assert_eq!(input.last_name, "");
        assert_eq!(input.national_id, "0013542419");
    }

    /// A valid national ID from nine digits.
    fn national_id_from(first_nine: &str) -> String {
        let sum: u32 = first_nine
            .bytes()
            .zip((2..=10).rev())
            .map(|(digit, weight)| u32::from(digit - b'0') * weight)
            .sum();
        let remainder = sum % 11;
        let check = if remainder < 2 {
            remainder
        } else {
            11 - remainder
        };
        format!("{first_nine}{check}")
    }

    /// A valid Sheba from 22 account digits.
    fn sheba_from(account: &str) -> String {
        let check = 98 - iban_remainder(&format!("IR00{account}"));
        format!("IR{check:02}{account}")
    }

    fn persian_words(max_words: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec("[آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيك]{1,8}", 1..=max_words)
            .prop_map(|words| words.join(" "))
    }

    fn messy(text: String) -> impl Strategy<Value = String> {
        ("[ \t]{0,2}", "[ \t]{0,2}")
            .prop_map(move |(before, after)| format!("{before}{text}{after}"))
    }

    fn maybe(strategy: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
        prop_oneof![Just(String::new()), strategy]
    }

    fn label_of<T: crate::registry::codes::CodedList>(
        values: &'static [T],
    ) -> impl Strategy<Value = String> {
        (0..values.len(), 0..3usize).prop_map(move |(index, form)| {
            let value = values[index];
            match form {
                0 => value.code().to_owned(),
                1 => value.label_fa().to_owned(),
                _ => value.label_en().to_owned(),
            }
        })
    }

    prop_compose! {
        fn typed_input()(
            nine in "[0-9]{9}",
            persian_id in any::<bool>(),
            first_name in persian_words(3).prop_flat_map(messy),
            last_name in persian_words(2),
            father_name in maybe(persian_words(2)),
            birth_days in 3_700i64..43_000,
            mobile in maybe("9[0-9]{9}".prop_map(|digits| format!("0{digits}"))),
            locality in maybe(persian_words(4)),
            settlement in label_of(&Settlement::ALL),
            address in maybe(persian_words(12).prop_flat_map(messy)),
            education in maybe(label_of(&Education::ALL)),
            skills in maybe(persian_words(10)),
            sheba in maybe("[0-9]{22}".prop_map(|account| sheba_from(&account))),
            cause in label_of(&HeadshipCause::ALL),
            decile in maybe((1u8..=10).prop_map(|decile| to_persian_digits(&decile.to_string()))),
            notes in maybe(proptest::collection::vec(persian_words(6), 1..4)
                .prop_map(|lines| lines.join("\n\n"))),
        ) -> WomanInput {
            let id = national_id_from(&nine);
            WomanInput {
                national_id: if persian_id { to_persian_digits(&id) } else { id },
                first_name,
                last_name,
                father_name,
                birth_date: today().add_days(-birth_days).format(DateStyle::Long, Digits::Persian),
                mobile,
                locality,
                settlement,
                address,
                education,
                skills,
                sheba,
                headship_cause: cause,
                income_decile: decile,
                notes,
            }
        }
    }

    proptest! {
        #[test]
        fn a_valid_draft_survives_export_and_reimport(input in typed_input()) {
            let mut digits = input.national_id.chars();
            let first = digits.next();
            prop_assume!(!digits.all(|digit| Some(digit) == first), "one repeated digit");
            let draft = WomanDraft::parse(&input, today());
            prop_assert!(draft.is_ok(), "{:?}", draft);
            let draft = draft.unwrap();
            let exported = draft.to_input();
            prop_assert_eq!(WomanDraft::parse(&exported, today()), Ok(draft.clone()));
            prop_assert_eq!(
                WomanDraft::parse(&exported, today()).unwrap().to_input(),
                exported
            );
        }

        #[test]
        fn parsing_arbitrary_forms_never_panics(
            fields in proptest::collection::vec(any::<String>(), 15),
            days in -40_000i64..40_000,
        ) {
            let input = WomanInput {
                national_id: fields[0].clone(),
                first_name: fields[1].clone(),
                last_name: fields[2].clone(),
                father_name: fields[3].clone(),
                birth_date: fields[4].clone(),
                mobile: fields[5].clone(),
                locality: fields[6].clone(),
                settlement: fields[7].clone(),
                address: fields[8].clone(),
                education: fields[9].clone(),
                skills: fields[10].clone(),
                sheba: fields[11].clone(),
                headship_cause: fields[12].clone(),
                income_decile: fields[13].clone(),
                notes: fields[14].clone(),
            };
            let today = today().add_days(days);
            if let Err(problems) = WomanDraft::parse(&input, today) {
                prop_assert!(!problems.is_empty());
                for problem in problems {
                    prop_assert!(WomanInput::FIELDS.contains(&problem.field));
                    // Every problem is a message of the catalogue (hamyar-i18n checks that each
                    // id the code asks for exists and renders).
                    prop_assert!(!problem.message.id().is_empty());
                }
            }
        }
    }
}
