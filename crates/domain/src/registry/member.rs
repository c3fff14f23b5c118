//! The members of a woman's household: the row as typed ([`MemberInput`])
//! and the validated member ([`MemberDraft`]).
//!
//! Household size decides the pension tier and appears in every report, and
//! the members' ages, disabilities and activities shape the support a family
//! needs. Members are often children without a national ID card at hand or
//! elderly parents whose birth date is unknown, so only the first name and
//! the relation are required; a national ID, when given, must still be
//! valid, because it is how double registration across families is found.
//! Like the woman's form, parsing reports every problem at once and
//! [`MemberDraft::to_input`] writes canonical text that reads back unchanged.

use serde::{Deserialize, Serialize};

use crate::jalali::{DateStyle, Digits, JalaliDate};
use crate::national_id::NationalId;
use crate::person_name::PersonName;
use crate::registry::codes::{MemberActivity, Relation};
use crate::registry::eligibility::{MAX_AGE_YEARS, age_in_years};
use crate::registry::fields::{
    Collector, birth_date, optional, optional_code, required_code, yes_no,
};
use crate::registry::problem::Problem;

/// A household member as typed: every field is raw text, blank when not filled.
#[derive(Default, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberInput {
    pub first_name: String,
    pub last_name: String,
    pub relation: String,
    pub birth_date: String,
    pub national_id: String,
    /// "بله"/"خیر", "yes"/"no", "1"/"0" or blank (no).
    pub disability: String,
    pub activity: String,
}

impl MemberInput {
    /// The field names, in form order; the `field` of every [`Problem`] is
    /// one of them.
    pub const FIELDS: [&'static str; 7] = [
        "first_name",
        "last_name",
        "relation",
        "birth_date",
        "national_id",
        "disability",
        "activity",
    ];
}

/// A validated household member.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct MemberDraft {
    pub first_name: PersonName,
    /// Blank when it is the woman's own family name or unknown.
    pub last_name: Option<PersonName>,
    pub relation: Relation,
    pub birth_date: Option<JalaliDate>,
    pub national_id: Option<NationalId>,
    pub disability: bool,
    pub activity: Option<MemberActivity>,
}

impl MemberDraft {
    /// Validates a member row, reporting every problem at once.
    ///
    /// Required: first name and relation. The date of birth, when given, is
    /// not after `today` and gives an age of at most 120 years (a newborn is
    /// 0); the national ID, when given, must be valid; disability is a
    /// yes/no answer where blank means no.
    pub fn parse(input: &MemberInput, today: JalaliDate) -> Result<MemberDraft, Vec<Problem>> {
        let mut collector = Collector::default();
        let first_name = collector.take(
            PersonName::parse(&input.first_name)
                .map_err(|error| Problem::from_error("first_name", &error)),
        );
        let last_name = collector.take(optional("last_name", &input.last_name, PersonName::parse));
        let relation = collector.take(required_code("relation", &input.relation));
        let birth_date = collector.take(birth_date(
            "birth_date",
            &input.birth_date,
            today,
            0,
            MAX_AGE_YEARS,
        ));
        let national_id = collector.take(optional(
            "national_id",
            &input.national_id,
            NationalId::parse,
        ));
        let disability = collector.take(yes_no("disability", &input.disability));
        let activity = collector.take(optional_code("activity", &input.activity));
        collector.finish(|| {
            Some(MemberDraft {
                first_name: first_name?,
                last_name: last_name?,
                relation: relation?,
                birth_date: birth_date?,
                national_id: national_id?,
                disability: disability?,
                activity: activity?,
            })
        })
    }

    /// The canonical text of every field, read back unchanged by
    /// [`MemberDraft::parse`]: Latin-digit dates, Persian labels, «بله»/«خیر».
    pub fn to_input(&self) -> MemberInput {
        MemberInput {
            first_name: self.first_name.as_str().to_owned(),
            last_name: self
                .last_name
                .as_ref()
                .map(|name| name.as_str().to_owned())
                .unwrap_or_default(),
            relation: self.relation.label_fa().to_owned(),
            birth_date: self
                .birth_date
                .map(|date| date.format(DateStyle::Numeric, Digits::Latin))
                .unwrap_or_default(),
            national_id: self
                .national_id
                .as_ref()
                .map(|id| id.as_str().to_owned())
                .unwrap_or_default(),
            disability: if self.disability { "بله" } else { "خیر" }.to_owned(),
            activity: self
                .activity
                .map(|activity| activity.label_fa().to_owned())
                .unwrap_or_default(),
        }
    }

    /// The member's age in whole years on `today`, when the birth date is known.
    pub fn age_on(&self, today: JalaliDate) -> Option<i32> {
        self.birth_date.map(|birth| age_in_years(birth, today))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digits::to_persian_digits;
    use crate::message::{Message, MessageArg};
    use proptest::prelude::*;

    fn today() -> JalaliDate {
        JalaliDate::new(1404, 7, 1).unwrap()
    }

    fn child() -> MemberInput {
        MemberInput {
            first_name: "زهرا".into(),
            relation: "فرزند".into(),
            birth_date: "1395/02/20".into(),
            activity: "دانش‌آموز".into(),
            ..MemberInput::default()
        }
    }

    #[test]
    fn a_child_with_only_the_usual_fields_is_accepted() {
        let member = MemberDraft::parse(&child(), today()).unwrap();
        assert_eq!(member.first_name.as_str(), "زهرا");
        assert_eq!(member.last_name, None);
        assert_eq!(member.relation, Relation::Child);
        assert_eq!(member.national_id, None);
        assert!(!member.disability);
        assert_eq!(member.activity, Some(MemberActivity::InSchool));
        assert_eq!(member.age_on(today()), Some(9));
    }

    #[test]
    fn first_name_and_relation_are_required() {
        let problems = MemberDraft::parse(&MemberInput::default(), today()).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|problem| problem.field).collect();
        assert_eq!(fields, ["first_name", "relation"]);
        assert_eq!(
            problems[1].message,
            Message::new("fields-choice_required")
                .arg("list", MessageArg::label("نسبت با سرپرست", "relation"))
        );
    }

    #[test]
    fn a_national_id_is_optional_but_checked_when_present() {
        let with_id = MemberInput {
            national_id: "۰۰۸۴۵۷۵۹۴۸".into(),
            ..child()
        };
        let member = MemberDraft::parse(&with_id, today()).unwrap();
        assert_eq!(member.national_id.unwrap().as_str(), "0084575948");

        let wrong = MemberInput {
            national_id: "0084575949".into(),
            ..child()
        };
        let problems = MemberDraft::parse(&wrong, today()).unwrap_err();
        assert_eq!(problems[0].field, "national_id");
        assert_eq!(problems[0].message.fa(), "رقم کنترل کد ملی نادرست است");
    }

    #[test]
    fn disability_answers_are_read_in_persian_english_and_digits() {
        for (text, expected) in [
            ("بله", true),
            ("yes", true),
            ("1", true),
            ("۱", true),
            ("خیر", false),
            ("no", false),
            ("0", false),
            ("", false),
        ] {
            let input = MemberInput {
                disability: text.into(),
                ..child()
            };
            assert_eq!(
                MemberDraft::parse(&input, today()).unwrap().disability,
                expected,
                "{text}"
            );
        }
        let unclear = MemberInput {
            disability: "کمی".into(),
            ..child()
        };
        let problems = MemberDraft::parse(&unclear, today()).unwrap_err();
        assert_eq!(problems[0].field, "disability");
    }

    #[test]
    fn arabic_letters_and_persian_digits_are_understood() {
        let input = MemberInput {
            first_name: "علي".into(),
            last_name: "كريمي".into(),
            relation: "پدر".into(),
            birth_date: "۱۳۳۰/۰۱/۰۵".into(),
            activity: "بازنشسته".into(),
            disability: "شاید".into(),
            ..MemberInput::default()
        };
        let problems = MemberDraft::parse(&input, today()).unwrap_err();
        assert_eq!(problems.len(), 1, "only «شاید» is not understood");
        let input = MemberInput {
            disability: "بله".into(),
            ..input
        };
        let member = MemberDraft::parse(&input, today()).unwrap();
        assert_eq!(member.relation, Relation::Parent);
        assert_eq!(
            member.birth_date,
            Some(JalaliDate::new(1330, 1, 5).unwrap())
        );
        assert_eq!(member.activity, Some(MemberActivity::Retired));
    }

    #[test]
    fn a_newborn_is_accepted_but_a_future_birth_is_not() {
        let newborn = MemberInput {
            birth_date: "1404/07/01".into(),
            activity: "خردسال".into(),
            ..child()
        };
        let member = MemberDraft::parse(&newborn, today()).unwrap();
        assert_eq!(member.age_on(today()), Some(0));
        let unborn = MemberInput {
            birth_date: "1404/07/02".into(),
            ..child()
        };
        let problems = MemberDraft::parse(&unborn, today()).unwrap_err();
        assert_eq!(
            problems[0].message.fa(),
            "تاریخ تولد نمی‌تواند بعد از امروز باشد"
        );
    }

    #[test]
    fn an_unknown_relation_lists_the_choices() {
        let input = MemberInput {
            relation: "همسایه".into(),
            ..child()
        };
        let problems = MemberDraft::parse(&input, today()).unwrap_err();
        assert_eq!(problems[0].message.id(), "fields-not_in_list");
        assert_eq!(
            problems[0].message.args()[2],
            (
                "choices",
                MessageArg::label(
                    "فرزند، همسر، پدر یا مادر، خواهر یا برادر، نوه، سایر",
                    <Relation as crate::registry::codes::CodedList>::labels_en_joined()
                )
            )
        );
    }

    #[test]
    fn the_canonical_text_reads_back_to_the_same_member() {
        let input = MemberInput {
            first_name: " محمد  رضا ".into(),
            last_name: "رضایی".into(),
            relation: "son".into(),
            birth_date: "۱۴ مرداد ۱۳۸۵".into(),
            national_id: "13542419".into(),
            disability: "yes".into(),
            activity: "university".into(),
        };
        let relation_error = MemberDraft::parse(&input, today()).unwrap_err();
        assert_eq!(relation_error[0].field, "relation");
        let input = MemberInput {
            relation: "child".into(),
            ..input
        };
        let member = MemberDraft::parse(&input, today()).unwrap();
        let canonical = member.to_input();
        assert_eq!(
            canonical,
            MemberInput {
                first_name: "محمد رضا".into(),
                last_name: "رضایی".into(),
                relation: "فرزند".into(),
                birth_date: "1385/05/14".into(),
                national_id: "0013542419".into(),
                disability: "بله".into(),
                activity: "دانشجو".into(),
            }
        );
        assert_eq!(MemberDraft::parse(&canonical, today()), Ok(member));
    }

    fn label_of<T: crate::registry::codes::CodedList>(
        values: &'static [T],
    ) -> impl Strategy<Value = String> {
        (0..values.len(), any::<bool>()).prop_map(move |(index, persian)| {
            if persian {
                values[index].label_fa().to_owned()
            } else {
                values[index].code().to_owned()
            }
        })
    }

    prop_compose! {
        fn typed_member()(
            first_name in "[آابپتجچخدرزسشعفقکگلمنوهی]{2,8}",
            last_name in prop_oneof![Just(String::new()), "[آابپتجچخدرزسشعفقکگلمنوهی]{2,8}"],
            relation in label_of(&Relation::ALL),
            birth_days in proptest::option::of(0i64..40_000),
            disability in "(بله|خیر|yes|no|1|0|۱|۰|)",
            activity in prop_oneof![Just(String::new()), label_of(&MemberActivity::ALL)],
        ) -> MemberInput {
            MemberInput {
                first_name,
                last_name,
                relation,
                birth_date: birth_days
                    .map(|days| to_persian_digits(&today().add_days(-days).to_string()))
                    .unwrap_or_default(),
                national_id: String::new(),
                disability,
                activity,
            }
        }
    }

    proptest! {
        #[test]
        fn a_valid_member_survives_export_and_reimport(input in typed_member()) {
            let member = MemberDraft::parse(&input, today());
            prop_assert!(member.is_ok(), "{:?}", member);
            let member = member.unwrap();
            prop_assert_eq!(MemberDraft::parse(&member.to_input(), today()), Ok(member));
        }

        #[test]
        fn parsing_arbitrary_rows_never_panics(
            fields in proptest::collection::vec(any::<String>(), 7),
            days in -40_000i64..40_000,
        ) {
            let input = MemberInput {
                first_name: fields[0].clone(),
                last_name: fields[1].clone(),
                relation: fields[2].clone(),
                birth_date: fields[3].clone(),
                national_id: fields[4].clone(),
                disability: fields[5].clone(),
                activity: fields[6].clone(),
            };
            if let Err(problems) = MemberDraft::parse(&input, today().add_days(days)) {
                prop_assert!(!problems.is_empty());
                for problem in problems {
                    prop_assert!(MemberInput::FIELDS.contains(&problem.field));
                }
            }
        }
    }
}
