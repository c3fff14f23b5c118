//! Membership rules: the join and leave forms, when two memberships
//! overlap, and the provincial size limits that warn but never block.
//!
//! A membership runs from its join date up to, not including, its leave
//! date: a woman who leaves one group on a day may join another that day.

use crate::message::{Message, MessageArg};
use serde::{Deserialize, Serialize};

use crate::groups::codes::{LeaveReason, MemberRole};
use crate::jalali::JalaliDate;
use crate::registry::fields::{Collector, free_text, is_blank, required_code};
use crate::registry::problem::Problem;

const MAX_LEAVE_NOTE_CHARS: usize = 500;

/// The join form: who (by national ID), in which role, from when.
#[derive(Default, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JoinInput {
    pub national_id: String,
    pub role: String,
    pub joined_on: String,
}

/// A validated join form (the woman is found by the application).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinDraft {
    pub national_id: crate::NationalId,
    pub role: MemberRole,
    pub joined_on: JalaliDate,
}

impl JoinDraft {
    pub fn parse(input: &JoinInput, today: JalaliDate) -> Result<JoinDraft, Vec<Problem>> {
        let mut collector = Collector::default();
        let national_id = collector.take(
            crate::NationalId::parse(&input.national_id)
                .map_err(|error| Problem::from_error("national_id", &error)),
        );
        let role = collector.take(required_code("role", &input.role));
        let joined_on = collector.take(past_date(
            "joined_on",
            &input.joined_on,
            today,
            "membership-what_joined_on",
        ));
        collector.finish(|| {
            Some(JoinDraft {
                national_id: national_id?,
                role: role?,
                joined_on: joined_on?,
            })
        })
    }
}

/// The leave form.
#[derive(Default, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LeaveInput {
    pub left_on: String,
    pub leave_reason: String,
    pub leave_note: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaveDraft {
    pub left_on: JalaliDate,
    pub reason: LeaveReason,
    pub note: String,
}

impl LeaveDraft {
    /// Validates a leave of a membership that began on `joined_on`.
    pub fn parse(
        input: &LeaveInput,
        joined_on: JalaliDate,
        today: JalaliDate,
    ) -> Result<LeaveDraft, Vec<Problem>> {
        let mut collector = Collector::default();
        let left_on = collector.take(
            past_date("left_on", &input.left_on, today, "membership-what_left_on").and_then(
                |left_on| {
                    if left_on < joined_on {
                        Err(Problem::new(
                            "left_on",
                            Message::new("membership-left_before_joined")
                                .arg("joined_on", joined_on),
                        ))
                    } else {
                        Ok(left_on)
                    }
                },
            ),
        );
        let reason = collector.take(required_code("leave_reason", &input.leave_reason));
        let note = collector.take(free_text(
            "leave_note",
            &input.leave_note,
            MAX_LEAVE_NOTE_CHARS,
            true,
        ));
        collector.finish(|| {
            Some(LeaveDraft {
                left_on: left_on?,
                reason: reason?,
                note: note?,
            })
        })
    }
}

/// A required date on or before `today`; `what` is the catalogue id of its name in messages
/// (`membership-what_joined_on`: «تاریخ پیوستن», "the join date").
pub(crate) fn past_date(
    field: &'static str,
    text: &str,
    today: JalaliDate,
    what: &'static str,
) -> Result<JalaliDate, Problem> {
    if is_blank(text) {
        return Err(Problem::new(
            field,
            Message::new("membership-date_required")
                .arg("what", MessageArg::Message(Message::new(what))),
        ));
    }
    let date = JalaliDate::parse(text).map_err(|error| Problem::from_error(field, &error))?;
    if date > today {
        return Err(Problem::new(
            field,
            Message::new("membership-date_after_today")
                .arg("what", MessageArg::Message(Message::new(what))),
        ));
    }
    Ok(date)
}

/// Whether two memberships, given as join days and optional leave days
/// (exclusive), share at least one day.
pub fn overlaps(
    joined: JalaliDate,
    left: Option<JalaliDate>,
    other_joined: JalaliDate,
    other_left: Option<JalaliDate>,
) -> bool {
    let starts_before_other_ends = other_left.is_none_or(|end| joined < end);
    let other_starts_before_this_ends = left.is_none_or(|end| other_joined < end);
    starts_before_other_ends && other_starts_before_this_ends
}

/// A province's group size limits: outside them the pages warn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeLimits {
    pub min: u8,
    pub max: u8,
}

impl Default for SizeLimits {
    /// The programme's usual 5–7 members.
    fn default() -> Self {
        SizeLimits { min: 5, max: 7 }
    }
}

impl SizeLimits {
    /// Limits from a setting form; 2 ≤ min ≤ max ≤ 30.
    pub fn parse(min: &str, max: &str) -> Result<SizeLimits, Vec<Problem>> {
        let number = |field: &'static str, text: &str| -> Result<u8, Problem> {
            crate::digits::to_latin_digits(text.trim())
                .parse::<u8>()
                .ok()
                .filter(|n| (2..=30).contains(n))
                .ok_or_else(|| {
                    Problem::new(field, Message::new("membership-enter_number_from_2_30"))
                })
        };
        let mut collector = Collector::default();
        let low = collector.take(number("min", min));
        let high = collector.take(number("max", max));
        if let (Some(low), Some(high)) = (low, high)
            && low > high
        {
            collector.take::<()>(Err(Problem::new(
                "max",
                Message::new("membership-maximum_cannot_below_minimum"),
            )));
        }
        collector.finish(|| {
            Some(SizeLimits {
                min: low?,
                max: high?,
            })
        })
    }

    /// A warning when `members` is outside the limits.
    pub fn warning(self, members: usize) -> Option<Problem> {
        let (min, max) = (self.min, self.max);
        if members < usize::from(min) {
            Some(Problem::new(
                "members",
                Message::new("membership-too_few_members")
                    .arg("members", members)
                    .arg("min", min),
            ))
        } else if members > usize::from(max) {
            Some(Problem::new(
                "members",
                Message::new("membership-too_many_members")
                    .arg("members", members)
                    .arg("max", max),
            ))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> JalaliDate {
        JalaliDate::new(1404, 6, 1).unwrap()
    }

    fn iso(text: &str) -> JalaliDate {
        JalaliDate::from_iso_str(text).unwrap()
    }

    #[test]
    fn memberships_overlap_unless_one_ends_before_the_other_begins() {
        assert!(overlaps(iso("2025-01-01"), None, iso("2025-03-01"), None));
        assert!(overlaps(
            iso("2025-01-01"),
            Some(iso("2025-03-02")),
            iso("2025-03-01"),
            None
        ));
        assert!(!overlaps(
            iso("2025-01-01"),
            Some(iso("2025-03-01")),
            iso("2025-03-01"),
            None
        ));
        assert!(!overlaps(
            iso("2025-04-01"),
            None,
            iso("2025-01-01"),
            Some(iso("2025-04-01"))
        ));
        assert!(overlaps(
            iso("2025-02-01"),
            Some(iso("2025-02-10")),
            iso("2025-01-01"),
            None
        ));
    }

    #[test]
    fn a_join_needs_a_valid_id_a_role_and_a_date_not_in_the_future() {
        let problems = JoinDraft::parse(
            &JoinInput {
                national_id: "123".into(),
                role: "".into(),
                joined_on: "1404/07/01".into(),
            },
            today(),
        )
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["national_id", "role", "joined_on"]);
        let draft = JoinDraft::parse(
            &JoinInput {
                national_id: "۰۰۱۲۳۴۵۶۷۹".into(),
                role: "سرگروه".into(),
                joined_on: "۱۴۰۴/۵/۱".into(),
            },
            today(),
        )
        .unwrap();
        assert_eq!(draft.role, MemberRole::Head);
    }

    #[test]
    fn leaving_before_joining_is_refused() {
        let joined = JalaliDate::new(1404, 3, 10).unwrap();
        let input = LeaveInput {
            left_on: "1404/03/09".into(),
            leave_reason: "moved".into(),
            leave_note: String::new(),
        };
        let problems = LeaveDraft::parse(&input, joined, today()).unwrap_err();
        assert_eq!(problems[0].field, "left_on");
        assert_eq!(problems[0].message.id(), "membership-left_before_joined");
        assert_eq!(
            problems[0].message.args(),
            &[("joined_on", MessageArg::Digits("1404/03/10".to_owned()))]
        );
        let same_day = LeaveInput {
            left_on: "1404/03/10".into(),
            ..input
        };
        assert!(LeaveDraft::parse(&same_day, joined, today()).is_ok());
    }

    #[test]
    fn size_limits_warn_outside_and_refuse_a_minimum_above_the_maximum() {
        let limits = SizeLimits::default();
        assert!(limits.warning(4).is_some());
        assert!(limits.warning(5).is_none());
        assert!(limits.warning(7).is_none());
        let warning = limits.warning(8).unwrap().message;
        assert_eq!(warning.id(), "membership-too_many_members");
        assert_eq!(
            warning.args(),
            &[
                ("members", MessageArg::Number(8)),
                ("max", MessageArg::Number(7))
            ]
        );
        let warning = limits.warning(4).unwrap().message;
        assert_eq!(warning.id(), "membership-too_few_members");
        assert_eq!(
            warning.args(),
            &[
                ("members", MessageArg::Number(4)),
                ("min", MessageArg::Number(5))
            ]
        );
        assert!(SizeLimits::parse("8", "6").is_err());
        assert_eq!(
            SizeLimits::parse("۴", "9").unwrap(),
            SizeLimits { min: 4, max: 9 }
        );
    }
}
