//! The form on which a social worker declares support a woman received from another body:
//! which body (and its name when it is "other"), grant or loan, the amount in rials as people
//! type it (Persian or Arabic digits, thousands separators), the Jalali date she received it
//! and a note. Every problem is reported at once, tied to the form's field names.
//!
//! Support from this programme cannot be declared: it enters the history by itself when a
//! grant tranche is approved, and a declared copy would count it twice.

use crate::message::Message;
use serde::Serialize;

use crate::facilities::codes::{FacilityBody, FacilityKind};
use crate::group_life::past_date;
use crate::jalali::JalaliDate;
use crate::money::Rials;
use crate::registry::Problem;
use crate::registry::fields::{Collector, free_text, is_blank, required_code};

/// The declaration form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct DeclarationInput {
    pub body: String,
    /// The body's name; required when the body is "other".
    pub body_name: String,
    pub kind: String,
    /// Rials, as typed.
    pub amount: String,
    /// Jalali, as typed.
    pub granted_on: String,
    pub note: String,
}

/// A valid declaration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeclarationDraft {
    pub body: FacilityBody,
    pub body_name: String,
    pub kind: FacilityKind,
    pub amount: Rials,
    pub granted_on: JalaliDate,
    pub note: String,
}

impl DeclarationDraft {
    /// Checks every field; the date may not be after `today`.
    pub fn parse(
        input: &DeclarationInput,
        today: JalaliDate,
    ) -> Result<DeclarationDraft, Vec<Problem>> {
        let mut problems = Collector::default();
        let body = problems.take(body(&input.body));
        let body_name = problems.take(body_name(body, &input.body_name));
        let kind = problems.take(required_code::<FacilityKind>("kind", &input.kind));
        let amount = problems.take(amount(&input.amount));
        let granted_on = problems.take(past_date(
            "granted_on",
            &input.granted_on,
            today,
            "declaration-what_granted_on",
        ));
        let note = problems.take(free_text("note", &input.note, 1000, true));
        problems.finish(|| {
            Some(DeclarationDraft {
                body: body?,
                body_name: body_name?,
                kind: kind?,
                amount: amount?,
                granted_on: granted_on?,
                note: note?,
            })
        })
    }
}

fn body(text: &str) -> Result<FacilityBody, Problem> {
    let body = required_code::<FacilityBody>("body", text)?;
    if body == FacilityBody::Hamyar {
        return Err(Problem::new(
            "body",
            Message::new("declaration-support_from_programme_recorded_when"),
        ));
    }
    Ok(body)
}

fn body_name(body: Option<FacilityBody>, text: &str) -> Result<String, Problem> {
    let name = free_text("body_name", text, 200, false)?;
    if body == Some(FacilityBody::Other) && name.is_empty() {
        return Err(Problem::new(
            "body_name",
            Message::new("declaration-name_other_body"),
        ));
    }
    Ok(name)
}

/// A required amount of rials above zero.
fn amount(text: &str) -> Result<Rials, Problem> {
    if is_blank(text) {
        return Err(Problem::new(
            "amount",
            Message::new("declaration-amount_required"),
        ));
    }
    let amount = Rials::parse(text).map_err(|error| Problem::from_error("amount", &error))?;
    if amount.value() <= 0 {
        return Err(Problem::new(
            "amount",
            Message::new("propose-amount_more_than_zero"),
        ));
    }
    Ok(amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> JalaliDate {
        JalaliDate::new(1405, 9, 8).unwrap()
    }

    fn input() -> DeclarationInput {
        DeclarationInput {
            body: "relief_committee".into(),
            body_name: String::new(),
            kind: "loan".into(),
            amount: "۵۰٬۰۰۰٬۰۰۰".into(),
            granted_on: "۱۴۰۵/۰۳/۱۰".into(),
            note: "  وام اشتغال  ".into(),
        }
    }

    #[test]
    fn a_declaration_with_persian_digits_and_separators_parses() {
        let draft = DeclarationDraft::parse(&input(), today()).unwrap();
        assert_eq!(draft.body, FacilityBody::ReliefCommittee);
        assert_eq!(draft.kind, FacilityKind::Loan);
        assert_eq!(draft.amount, Rials::new(50_000_000));
        assert_eq!(draft.granted_on, JalaliDate::new(1405, 3, 10).unwrap());
        assert_eq!(draft.note, "وام اشتغال");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = DeclarationInput {
            body: "hamyar".into(),
            kind: "gift".into(),
            amount: "۱۲الف".into(),
            granted_on: "1405/10/01".into(),
            ..DeclarationInput::default()
        };
        let problems = DeclarationDraft::parse(&bad, today()).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["body", "kind", "amount", "granted_on"]);
        assert!(problems[2].message.fa().contains("فقط می‌تواند شامل رقم"));
        assert_eq!(problems[3].message.id(), "group_life-date_after_today");
        assert_eq!(
            problems[3].message.args(),
            &[(
                "what",
                crate::message::MessageArg::Message(Message::new("declaration-what_granted_on"))
            )]
        );
    }

    #[test]
    fn zero_negative_and_decimal_amounts_are_refused() {
        for (text, words) in [
            ("0", "بیشتر از صفر"),
            ("-5000", "بیشتر از صفر"),
            ("12.5", "اعشار"),
            ("", "وارد نشده"),
        ] {
            let typed = DeclarationInput {
                amount: text.into(),
                ..input()
            };
            let problems = DeclarationDraft::parse(&typed, today()).unwrap_err();
            assert_eq!(problems[0].field, "amount", "{text}");
            assert!(
                problems[0].message.fa().contains(words),
                "{text}: {problems:?}"
            );
        }
    }

    #[test]
    fn another_body_must_be_named() {
        let typed = DeclarationInput {
            body: "سایر".into(),
            ..input()
        };
        let problems = DeclarationDraft::parse(&typed, today()).unwrap_err();
        assert_eq!(problems[0].field, "body_name");
        let named = DeclarationInput {
            body: "other".into(),
            body_name: "خیریه محلی".into(),
            ..input()
        };
        assert_eq!(
            DeclarationDraft::parse(&named, today()).unwrap().body_name,
            "خیریه محلی"
        );
    }
}
