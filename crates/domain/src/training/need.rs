//! A group's training need (issue 18): what its business needs to learn, recorded on its page
//! by those who know the group — a course kind of the catalogue, or a skill in words when the
//! catalogue has no such kind yet — with why (what the business needs), and the day it was
//! heard. An open need of a kind seeds the enrolment list of every run of that kind in the
//! group's county; enrolling the group meets it. A need leaves *open* once, to *met* (by a run)
//! or *withdrawn*, and never comes back: a need that returns is recorded again, so the history
//! of what was asked and what was done stays readable.

use crate::JalaliDate;
use crate::message::Message;
use crate::registry::Problem;
use crate::registry::codes::coded_list;

/// The longest skill and reason kept.
const MAX_SKILL_CHARS: usize = 200;
const MAX_REASON_CHARS: usize = 1000;

coded_list! {
    /// Where a group's training need stands.
    pub enum NeedState ("وضعیت نیاز آموزشی", "training need state") {
        /// Not yet met: seeds the enrolment of runs of its kind.
        Open => "open", "باز", "Open";
        /// A run of its kind enrolled the group.
        Met => "met", "برآورده شد", "Met";
        /// No longer needed.
        Withdrawn => "withdrawn", "منصرف شد", "Withdrawn", ["لغو"];
    }
}

/// A need as typed. `has_kind` says whether the form named a course kind of the catalogue
/// (the caller checks that the kind exists).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NeedDraft {
    pub has_kind: bool,
    pub skill: String,
    pub reason: String,
    /// Blank: today.
    pub recorded_on: String,
}

/// A need once read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NeedTerms {
    pub skill: String,
    pub reason: String,
    pub recorded_on: JalaliDate,
}

fn problem(field: &'static str, key: &'static str) -> Problem {
    Problem::new(field, Message::new(key))
}

impl NeedDraft {
    /// The need, or every problem at once. It must name a kind or a skill, say why, and be
    /// recorded on a day no later than `today`.
    pub fn parse(&self, today: JalaliDate) -> Result<NeedTerms, Vec<Problem>> {
        let mut problems = Vec::new();
        let skill = crate::persian_letters(self.skill.trim());
        if !self.has_kind && skill.is_empty() {
            problems.push(problem("course_kind_id", "training-plans-kind_or_skill"));
        }
        if skill.chars().count() > MAX_SKILL_CHARS {
            problems.push(problem("skill", "training-plans-too_long"));
        }
        let reason = crate::persian_letters(self.reason.trim());
        if reason.is_empty() {
            problems.push(problem("reason", "training-plans-reason_required"));
        } else if reason.chars().count() > MAX_REASON_CHARS {
            problems.push(problem("reason", "training-plans-too_long"));
        }
        let recorded_on = if self.recorded_on.trim().is_empty() {
            Some(today)
        } else {
            match JalaliDate::parse(&self.recorded_on) {
                Ok(day) if day > today => {
                    problems.push(problem("recorded_on", "training-plans-date_in_future"));
                    None
                }
                Ok(day) => Some(day),
                Err(error) => {
                    problems.push(Problem::from_error("recorded_on", &error));
                    None
                }
            }
        };
        match recorded_on {
            Some(recorded_on) if problems.is_empty() => Ok(NeedTerms {
                skill,
                reason,
                recorded_on,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> JalaliDate {
        JalaliDate::parse("1405/08/10").unwrap()
    }

    #[test]
    fn a_need_names_a_kind_or_a_skill_and_says_why() {
        let need = NeedDraft {
            has_kind: false,
            skill: " بسته‌بندی ".into(),
            reason: "محصولات گروه برای فروش در بازارچه بسته‌بندی ندارند".into(),
            recorded_on: "۱۴۰۵/۰۸/۰۲".into(),
        }
        .parse(today())
        .unwrap();
        assert_eq!(need.skill, "بسته‌بندی");
        assert_eq!(need.recorded_on, JalaliDate::parse("1405/08/02").unwrap());
        let blank = NeedDraft::default().parse(today()).unwrap_err();
        let fields: Vec<_> = blank.iter().map(|p| p.field).collect();
        assert_eq!(fields, vec!["course_kind_id", "reason"]);
    }

    #[test]
    fn a_need_is_not_recorded_on_a_day_to_come() {
        let later = NeedDraft {
            has_kind: true,
            reason: "بازاریابی".into(),
            recorded_on: "1405/08/11".into(),
            ..NeedDraft::default()
        };
        assert_eq!(later.parse(today()).unwrap_err()[0].field, "recorded_on");
        let blank_day = NeedDraft {
            recorded_on: String::new(),
            ..later
        };
        assert_eq!(blank_day.parse(today()).unwrap().recorded_on, today());
    }
}
