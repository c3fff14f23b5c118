//! A filled form's answers, read from what a person typed on a phone or a clerk typed into
//! Excel from a paper form: one text per item, blank for "not answered". Digits may be
//! Persian, Arabic or Latin; money may carry thousands separators; a scale answer may be the
//! number on the paper form or its label («کاملاً موافقم»), a yes/no «بله»/«خیر», a choice its
//! code or its label. Everything wrong is reported at once, item by item
//! ([`AnswerProblem`]), and nothing is kept unless nothing is wrong.
//!
//! [`Answers`] keeps the stored value of each answered item (a scale option's value, rials,
//! a number, 1/0 for yes/no, a choice's code); unanswered items are absent. It serialises as
//! a JSON object, the form the store keeps.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::digits::to_latin_digits;
use crate::message::{Message, MessageArg};
use crate::money::Rials;
use crate::outcomes::instrument::{AnswerKind, Instrument, Words};
use crate::person_name::search_key;

/// Longest text read as one answer, in characters.
pub const MAX_ANSWER_CHARS: usize = 100;

/// One stored answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// A scale option's value, rials, a number, or yes (1) / no (0).
    Value(i64),
    /// A choice's code.
    Choice(String),
}

/// The answered items of a form, by item code.
pub type Answers = BTreeMap<String, Answer>;

/// What is wrong with one item's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnswerProblem {
    /// The item's code, or the column's name when it names no item.
    pub item: String,
    pub message: Message,
}

/// Reads the typed answers (item code → text) of a form of `instrument`. Codes that name no
/// item are refused; blank texts leave their item unanswered.
pub fn parse_answers<'a>(
    instrument: &Instrument,
    typed: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Answers, Vec<AnswerProblem>> {
    let mut answers = Answers::new();
    let mut problems = Vec::new();
    for (code, text) in typed {
        let Some(item) = instrument.item(code) else {
            problems.push(AnswerProblem {
                item: code.chars().take(40).collect(),
                message: Message::new("outcomes-answer_unknown_item"),
            });
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        let parsed = if text.chars().count() > MAX_ANSWER_CHARS {
            Err(Message::new("outcomes-answer_too_long"))
        } else {
            parse_one(instrument, &item.answer, text)
        };
        match parsed {
            Ok(answer) => {
                answers.insert(item.code.clone(), answer);
            }
            Err(message) => problems.push(AnswerProblem {
                item: item.code.clone(),
                message,
            }),
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}

fn parse_one(instrument: &Instrument, kind: &AnswerKind, text: &str) -> Result<Answer, Message> {
    let latin = to_latin_digits(text.trim());
    match kind {
        AnswerKind::Scale { scale } => {
            let scale = instrument
                .scale(scale)
                .ok_or_else(|| Message::new("outcomes-answer_not_on_scale"))?;
            let by_value = latin
                .parse::<i64>()
                .ok()
                .and_then(|value| scale.option(value));
            let by_label = || {
                scale
                    .options
                    .iter()
                    .find(|option| same_words(&option.label, text))
            };
            match by_value.or_else(by_label) {
                Some(option) => Ok(Answer::Value(option.value)),
                None => Err(Message::new("outcomes-answer_not_on_scale").arg(
                    "values",
                    MessageArg::Digits(
                        scale
                            .options
                            .iter()
                            .map(|o| o.value.to_string())
                            .collect::<Vec<_>>()
                            .join("، "),
                    ),
                )),
            }
        }
        AnswerKind::Rials => match Rials::parse(&latin) {
            Ok(rials) if !rials.is_negative() => Ok(Answer::Value(rials.value())),
            Ok(_) => Err(Message::new("outcomes-answer_negative")),
            Err(error) => Err(error.message()),
        },
        AnswerKind::Number { min, max } => match latin.parse::<i64>() {
            Ok(value) if (*min..=*max).contains(&value) => Ok(Answer::Value(value)),
            _ => Err(Message::new("outcomes-answer_out_of_range")
                .arg("min", MessageArg::Number(*min))
                .arg("max", MessageArg::Number(*max))),
        },
        AnswerKind::YesNo => {
            let key = search_key(text);
            if ["1", "بله", "بلی", "اره", "آره", "yes", "y", "true"]
                .iter()
                .any(|word| search_key(word) == key)
            {
                Ok(Answer::Value(1))
            } else if ["0", "خیر", "نه", "no", "n", "false"]
                .iter()
                .any(|word| search_key(word) == key)
            {
                Ok(Answer::Value(0))
            } else {
                Err(Message::new("outcomes-answer_not_yes_no"))
            }
        }
        AnswerKind::Choice { options } => options
            .iter()
            .find(|option| option.code == latin || same_words(&option.label, text))
            .map(|option| Answer::Choice(option.code.clone()))
            .ok_or_else(|| Message::new("outcomes-answer_not_an_option")),
    }
}

/// Whether a typed text is a label, whatever its letter variants, spaces and case.
fn same_words(label: &Words, text: &str) -> bool {
    let key = search_key(text);
    search_key(&label.fa) == key || search_key(&label.en) == key
}

/// Whether every item of the instrument is answered.
pub fn is_complete(instrument: &Instrument, answers: &Answers) -> bool {
    instrument
        .items
        .iter()
        .all(|item| answers.contains_key(&item.code))
}

/// The text an answer is shown or exported as: the number, or the choice's code.
pub fn answer_text(answer: &Answer) -> String {
    match answer {
        Answer::Value(value) => value.to_string(),
        Answer::Choice(code) => code.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcomes::shipped_for_tests::{household_economics, rosenberg};

    #[test]
    fn scale_answers_are_read_by_number_or_label_in_any_digits() {
        let instrument = rosenberg();
        let answers = parse_answers(
            &instrument,
            [
                ("q1", "۱"),
                ("q2", "٤"),
                ("q3", " كاملاً موافقم "),
                ("q4", ""),
            ],
        )
        .unwrap();
        assert_eq!(answers["q1"], Answer::Value(1));
        assert_eq!(answers["q2"], Answer::Value(4));
        assert_eq!(answers["q3"], Answer::Value(1));
        assert!(!answers.contains_key("q4"));
        assert!(!is_complete(&instrument, &answers));
    }

    #[test]
    fn every_wrong_answer_is_reported_by_item() {
        let instrument = rosenberg();
        let problems =
            parse_answers(&instrument, [("q1", "5"), ("q2", "x"), ("q99", "1")]).unwrap_err();
        let items: Vec<_> = problems.iter().map(|p| p.item.as_str()).collect();
        assert_eq!(items, ["q1", "q2", "q99"]);
        assert_eq!(problems[2].message.id(), "outcomes-answer_unknown_item");
    }

    #[test]
    fn money_numbers_yes_no_and_choices_are_read() {
        let instrument = household_economics();
        let answers = parse_answers(
            &instrument,
            [
                ("income_own_work", "۱۲٬۵۰۰٬۰۰۰"),
                ("hours_per_week", "۳۰"),
                ("insured", "بله"),
                ("employment", "self_employed"),
            ],
        )
        .unwrap();
        assert_eq!(answers["income_own_work"], Answer::Value(12_500_000));
        assert_eq!(answers["hours_per_week"], Answer::Value(30));
        assert_eq!(answers["insured"], Answer::Value(1));
        assert_eq!(
            answers["employment"],
            Answer::Choice("self_employed".into())
        );
        let problems = parse_answers(
            &instrument,
            [
                ("income_own_work", "-5"),
                ("hours_per_week", "200"),
                ("insured", "شاید"),
            ],
        )
        .unwrap_err();
        let ids: Vec<_> = problems.iter().map(|p| p.message.id()).collect();
        assert_eq!(
            ids,
            [
                "outcomes-answer_negative",
                "outcomes-answer_out_of_range",
                "outcomes-answer_not_yes_no"
            ]
        );
    }

    #[test]
    fn answers_are_stored_as_a_plain_json_object() {
        let mut answers = Answers::new();
        answers.insert("q1".into(), Answer::Value(3));
        answers.insert("employment".into(), Answer::Choice("none".into()));
        let json = serde_json::to_string(&answers).unwrap();
        assert_eq!(json, r#"{"employment":"none","q1":3}"#);
        let back: Answers = serde_json::from_str(&json).unwrap();
        assert_eq!(back, answers);
    }
}
