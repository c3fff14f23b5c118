//! An instrument: a versioned questionnaire held as data — its sections, its items, the answer
//! scales its items use, and the scores computed from the answers — so that Behzisti's
//! capability questionnaire or a psychological scale can be entered and revised without a
//! release (issue 19). A definition arrives as JSON (the app parses it) and is accepted only
//! when [`Instrument::check`] finds nothing wrong with it: every name it refers to exists,
//! codes are short and plain, and everything is bounded, because a definition is input too.
//!
//! An item is answered on a *scale* (options with a stored value and the points it scores), in
//! whole rials, as a bounded whole number, yes or no, or by choosing one of coded options. A
//! *score* sums the points of its items; an item it lists as *reversed* (a scale item) scores
//! the scale's highest points plus its lowest minus its own, which is how Rosenberg's negatively
//! worded items are turned round. A form missing any item of a score has no value for that
//! score ([`crate::outcomes::scoring`]).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::message::{Message, MessageArg};

/// Most items an instrument may have.
pub const MAX_ITEMS: usize = 300;
/// Most options a scale or a choice may have.
pub const MAX_OPTIONS: usize = 20;
/// Most sections, scales or scores an instrument may have (each).
pub const MAX_PARTS: usize = 50;
/// Longest text (a question, a label, a title), in characters.
pub const MAX_TEXT_CHARS: usize = 500;
/// Longest code (an instrument's, an item's, an option's), in characters.
pub const MAX_CODE_CHARS: usize = 40;
/// Largest magnitude of a number item's bounds and of a scale's values and points.
pub const MAX_NUMBER: i64 = 1_000_000_000_000_000;

/// Words in both languages of the interface.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    pub fa: String,
    pub en: String,
}

impl Words {
    /// The words as a message argument (the interface picks its language).
    pub fn label(&self) -> MessageArg {
        MessageArg::label(self.fa.clone(), self.en.clone())
    }
}

/// A part of the questionnaire that items belong to (economic, psycho-social, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub code: String,
    pub title: Words,
}

/// One answer of a scale: the value stored (what a paper form's box says) and the points it
/// scores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleOption {
    pub value: i64,
    pub points: i64,
    pub label: Words,
}

/// An answer scale shared by items (for example 1 = strongly agree … 4 = strongly disagree).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub code: String,
    pub options: Vec<ScaleOption>,
}

impl Scale {
    /// The option stored as `value`.
    pub fn option(&self, value: i64) -> Option<&ScaleOption> {
        self.options.iter().find(|option| option.value == value)
    }

    /// The lowest and highest points of the scale.
    pub fn point_range(&self) -> (i64, i64) {
        let points = self.options.iter().map(|option| option.points);
        (points.clone().min().unwrap_or(0), points.max().unwrap_or(0))
    }
}

/// One coded option of a choice item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub code: String,
    pub label: Words,
}

/// How an item is answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerKind {
    /// One option of the named scale; scores its points.
    Scale { scale: String },
    /// Whole rials, not negative; scores its amount.
    Rials,
    /// A whole number within the bounds (days, hours, people); scores itself.
    Number { min: i64, max: i64 },
    /// Yes (1) or no (0); scores 1 or 0.
    YesNo,
    /// One of the coded options; scores nothing.
    Choice { options: Vec<ChoiceOption> },
}

/// One question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub code: String,
    pub section: String,
    pub text: Words,
    pub answer: AnswerKind,
}

/// A score: the sum of its items' points, with some scale items reversed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreRule {
    pub code: String,
    pub name: Words,
    pub items: Vec<String>,
    #[serde(default)]
    pub reversed: Vec<String>,
}

/// A versioned questionnaire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instrument {
    pub code: String,
    pub version: i64,
    pub title: Words,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub scales: Vec<Scale>,
    pub items: Vec<Item>,
    #[serde(default)]
    pub scores: Vec<ScoreRule>,
}

fn message(id: &'static str) -> Message {
    Message::new(id)
}

/// A code: 1–40 lowercase Latin letters, digits and underscores.
pub fn is_code(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_CODE_CHARS
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl Instrument {
    /// The item with this code.
    pub fn item(&self, code: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.code == code)
    }

    /// The scale with this code.
    pub fn scale(&self, code: &str) -> Option<&Scale> {
        self.scales.iter().find(|scale| scale.code == code)
    }

    /// The score with this code.
    pub fn score_rule(&self, code: &str) -> Option<&ScoreRule> {
        self.scores.iter().find(|score| score.code == code)
    }

    /// Everything wrong with the definition, each said once; empty when it may be used.
    pub fn check(&self) -> Vec<Message> {
        let mut problems = Vec::new();
        let mut bad = |id: &'static str, what: &str| {
            let problem = message(id).arg("code", MessageArg::Text(clip(what)));
            if !problems.contains(&problem) {
                problems.push(problem);
            }
        };
        if !is_code(&self.code) {
            bad("outcomes-definition_bad_code", &self.code);
        }
        if !(1..=9_999).contains(&self.version) {
            bad("outcomes-definition_bad_version", &self.version.to_string());
        }
        check_words(&self.title, &self.code, &mut bad);
        if self.items.is_empty() || self.items.len() > MAX_ITEMS {
            bad("outcomes-definition_item_count", &self.code);
        }
        if [self.sections.len(), self.scales.len(), self.scores.len()]
            .iter()
            .any(|count| *count > MAX_PARTS)
        {
            bad("outcomes-definition_too_many_parts", &self.code);
        }
        let mut sections = BTreeSet::new();
        for section in &self.sections {
            if !is_code(&section.code) || !sections.insert(section.code.as_str()) {
                bad("outcomes-definition_bad_code", &section.code);
            }
            check_words(&section.title, &section.code, &mut bad);
        }
        let mut scales = BTreeSet::new();
        for scale in &self.scales {
            if !is_code(&scale.code) || !scales.insert(scale.code.as_str()) {
                bad("outcomes-definition_bad_code", &scale.code);
            }
            if scale.options.len() < 2 || scale.options.len() > MAX_OPTIONS {
                bad("outcomes-definition_option_count", &scale.code);
            }
            let mut values = BTreeSet::new();
            for option in &scale.options {
                if !values.insert(option.value)
                    || option.value.abs() > MAX_NUMBER
                    || option.points.abs() > MAX_NUMBER
                {
                    bad("outcomes-definition_bad_option", &scale.code);
                }
                check_words(&option.label, &scale.code, &mut bad);
            }
        }
        let mut items = BTreeSet::new();
        for item in &self.items {
            if !is_code(&item.code) || !items.insert(item.code.as_str()) {
                bad("outcomes-definition_bad_code", &item.code);
            }
            if !sections.contains(item.section.as_str()) {
                bad("outcomes-definition_unknown_section", &item.code);
            }
            check_words(&item.text, &item.code, &mut bad);
            match &item.answer {
                AnswerKind::Scale { scale } if !scales.contains(scale.as_str()) => {
                    bad("outcomes-definition_unknown_scale", &item.code);
                }
                AnswerKind::Number { min, max }
                    if min > max || min.abs() > MAX_NUMBER || max.abs() > MAX_NUMBER =>
                {
                    bad("outcomes-definition_bad_bounds", &item.code);
                }
                AnswerKind::Choice { options } => {
                    if options.len() < 2 || options.len() > MAX_OPTIONS {
                        bad("outcomes-definition_option_count", &item.code);
                    }
                    let mut codes = BTreeSet::new();
                    for option in options {
                        if !is_code(&option.code) || !codes.insert(option.code.as_str()) {
                            bad("outcomes-definition_bad_option", &item.code);
                        }
                        check_words(&option.label, &item.code, &mut bad);
                    }
                }
                _ => {}
            }
        }
        let mut scores = BTreeSet::new();
        for score in &self.scores {
            if !is_code(&score.code) || !scores.insert(score.code.as_str()) {
                bad("outcomes-definition_bad_code", &score.code);
            }
            check_words(&score.name, &score.code, &mut bad);
            if score.items.is_empty() || score.items.len() > MAX_ITEMS {
                bad("outcomes-definition_item_count", &score.code);
            }
            let mut counted = BTreeSet::new();
            for code in &score.items {
                match self.item(code) {
                    None => bad("outcomes-definition_unknown_item", code),
                    Some(Item {
                        answer: AnswerKind::Choice { .. },
                        ..
                    }) => bad("outcomes-definition_choice_scored", code),
                    Some(_) => {}
                }
                if !counted.insert(code.as_str()) {
                    bad("outcomes-definition_item_twice", code);
                }
            }
            for code in &score.reversed {
                let on_scale = matches!(
                    self.item(code),
                    Some(Item {
                        answer: AnswerKind::Scale { .. },
                        ..
                    })
                );
                if !counted.contains(code.as_str()) || !on_scale {
                    bad("outcomes-definition_bad_reversed", code);
                }
            }
        }
        problems
    }
}

fn check_words(words: &Words, code: &str, bad: &mut impl FnMut(&'static str, &str)) {
    for text in [&words.fa, &words.en] {
        if text.trim().is_empty() || text.chars().count() > MAX_TEXT_CHARS {
            bad("outcomes-definition_bad_text", code);
            return;
        }
    }
}

/// At most 40 characters of a code for a message (a hostile definition's code may be long).
fn clip(text: &str) -> String {
    text.chars().take(MAX_CODE_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Words {
        Words {
            fa: text.into(),
            en: text.into(),
        }
    }

    fn small() -> Instrument {
        Instrument {
            code: "small".into(),
            version: 1,
            title: words("Small"),
            sections: vec![Section {
                code: "main".into(),
                title: words("Main"),
            }],
            scales: vec![Scale {
                code: "agree".into(),
                options: vec![
                    ScaleOption {
                        value: 1,
                        points: 1,
                        label: words("yes"),
                    },
                    ScaleOption {
                        value: 2,
                        points: 0,
                        label: words("no"),
                    },
                ],
            }],
            items: vec![Item {
                code: "q1".into(),
                section: "main".into(),
                text: words("Q1"),
                answer: AnswerKind::Scale {
                    scale: "agree".into(),
                },
            }],
            scores: vec![ScoreRule {
                code: "total".into(),
                name: words("Total"),
                items: vec!["q1".into()],
                reversed: vec!["q1".into()],
            }],
        }
    }

    #[test]
    fn a_sound_definition_has_no_problems() {
        assert_eq!(small().check(), Vec::new());
    }

    #[test]
    fn names_that_lead_nowhere_are_refused() {
        let mut instrument = small();
        instrument.items[0].section = "other".into();
        instrument.scores[0].items.push("q9".into());
        let ids: Vec<_> = instrument.check().iter().map(|m| m.id()).collect();
        assert_eq!(
            ids,
            [
                "outcomes-definition_unknown_section",
                "outcomes-definition_unknown_item"
            ]
        );
    }

    #[test]
    fn only_scale_items_of_the_score_are_reversed() {
        let mut instrument = small();
        instrument.items.push(Item {
            code: "q2".into(),
            section: "main".into(),
            text: words("Q2"),
            answer: AnswerKind::Rials,
        });
        instrument.scores[0].reversed.push("q2".into());
        let ids: Vec<_> = instrument.check().iter().map(|m| m.id()).collect();
        assert_eq!(ids, ["outcomes-definition_bad_reversed"]);
    }

    #[test]
    fn codes_are_short_plain_and_unique() {
        assert!(is_code("rosenberg_1"));
        assert!(!is_code("Rosenberg"));
        assert!(!is_code(""));
        assert!(!is_code(&"a".repeat(41)));
        let mut instrument = small();
        instrument.items.push(instrument.items[0].clone());
        let ids: Vec<_> = instrument.check().iter().map(|m| m.id()).collect();
        assert_eq!(ids, ["outcomes-definition_bad_code"]);
    }
}
