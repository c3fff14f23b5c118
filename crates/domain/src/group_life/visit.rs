//! A monitoring visit (بازدید) by an official: when, by whom, why, what was found, what the
//! members asked for (each request open until it is resolved), where the group was referred,
//! and the follow-up the office owes by a due date.
//!
//! The office's work list comes from two rules kept here: a follow-up not done by its due
//! date is overdue and one due within [`DUE_WITHIN_DAYS`] is due ([`follow_up_state`]); and a
//! group that has gone longer than its province's [`NoVisitMonths`] without a visit is
//! flagged ([`NoVisitMonths::flags`]).

use crate::message::{Message, MessageArg};
use serde::{Deserialize, Serialize};

use crate::digits::to_latin_digits;
use crate::group_life::codes::Referral;
use crate::group_life::meeting::required_text;
use crate::group_life::{optional_date, past_date};
use crate::jalali::JalaliDate;
use crate::registry::Problem;
use crate::registry::fields::{Collector, free_text, optional_code};

/// A follow-up due within this many days from today is listed as due.
pub const DUE_WITHIN_DAYS: i64 = 14;

/// Months without a visit before a group is flagged, where the province has not chosen.
pub const NO_VISIT_MONTHS_DEFAULT: u8 = 3;

/// The visit form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct VisitInput {
    pub visited_on: String,
    /// Blank: the person recording the visit made it.
    pub visitor_name: String,
    pub purpose: String,
    pub findings: String,
    /// One request per entry; blank entries are skipped.
    pub requests: Vec<String>,
    pub referrals: Vec<String>,
    pub referral_other: String,
    pub follow_up_due: String,
}

/// A valid visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VisitDraft {
    pub visited_on: JalaliDate,
    /// `None`: the recording user.
    pub visitor_name: Option<String>,
    pub purpose: String,
    pub findings: String,
    pub requests: Vec<String>,
    pub referrals: Vec<Referral>,
    pub referral_other: String,
    pub follow_up_due: Option<JalaliDate>,
}

impl VisitDraft {
    pub fn parse(input: &VisitInput, today: JalaliDate) -> Result<VisitDraft, Vec<Problem>> {
        let mut problems = Collector::default();
        let visited_on = problems.take(past_date(
            "visited_on",
            &input.visited_on,
            today,
            "visit-what_visited_on",
        ));
        let visitor = problems.take(free_text("visitor_name", &input.visitor_name, 120, false));
        let purpose = problems.take(required_text(
            "purpose",
            &input.purpose,
            "visit-what_purpose",
        ));
        let findings = problems.take(free_text("findings", &input.findings, 4000, true));
        let requests = problems.take(requests(&input.requests));
        let referrals = problems.take(referrals(&input.referrals));
        let other = problems.take(referral_other(referrals.as_deref(), &input.referral_other));
        let due = problems.take(follow_up_due(&input.follow_up_due, visited_on));
        problems.finish(|| {
            Some(VisitDraft {
                visited_on: visited_on?,
                visitor_name: visitor.filter(|name| !name.is_empty()),
                purpose: purpose?,
                findings: findings?,
                requests: requests?,
                referrals: referrals?,
                referral_other: other?,
                follow_up_due: due?,
            })
        })
    }

    /// The referral codes joined with `,`, as stored.
    pub fn referral_codes(&self) -> String {
        self.referrals
            .iter()
            .map(|referral| referral.code())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// At most this many requests are recorded with one visit.
pub const MAX_REQUESTS: usize = 20;

fn requests(texts: &[String]) -> Result<Vec<String>, Problem> {
    let mut requests = Vec::new();
    for text in texts {
        let request = free_text("requests", text, 1000, true)?;
        if !request.is_empty() {
            requests.push(request);
        }
    }
    if requests.len() > MAX_REQUESTS {
        return Err(Problem::new(
            "requests",
            Message::new("visit-too_many_requests")
                .arg("max", MAX_REQUESTS)
                .arg("count", MessageArg::digits(requests.len())),
        ));
    }
    Ok(requests)
}

fn referrals(texts: &[String]) -> Result<Vec<Referral>, Problem> {
    let mut referrals = Vec::new();
    for text in texts {
        if let Some(referral) = optional_code::<Referral>("referrals", text)? {
            referrals.push(referral);
        }
    }
    referrals.sort();
    referrals.dedup();
    Ok(referrals)
}

fn referral_other(referrals: Option<&[Referral]>, text: &str) -> Result<String, Problem> {
    let text = free_text("referral_other", text, 200, false)?;
    let other_ticked = referrals.is_some_and(|r| r.contains(&Referral::Other));
    if other_ticked && text.is_empty() {
        return Err(Problem::new(
            "referral_other",
            Message::new("visit-name_other_referral"),
        ));
    }
    Ok(if other_ticked { text } else { String::new() })
}

fn follow_up_due(
    text: &str,
    visited_on: Option<JalaliDate>,
) -> Result<Option<JalaliDate>, Problem> {
    let due = optional_date("follow_up_due", text)?;
    if let (Some(due), Some(visited_on)) = (due, visited_on)
        && due < visited_on
    {
        return Err(Problem::new(
            "follow_up_due",
            Message::new("visit-follow_up_cannot_due_before"),
        ));
    }
    Ok(due)
}

/// A dated note closing something opened on `opened_on`: the follow-up of a visit, or a
/// request resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FollowUpDraft {
    pub done_on: JalaliDate,
    pub note: String,
}

/// Resolving a request takes the same date and note.
pub type ResolutionDraft = FollowUpDraft;

impl FollowUpDraft {
    /// The date must lie between `opened_on` and `today`; the note says what was done.
    pub fn parse(
        done_on: &str,
        note: &str,
        opened_on: JalaliDate,
        today: JalaliDate,
    ) -> Result<FollowUpDraft, Vec<Problem>> {
        let mut problems = Collector::default();
        let date = problems.take(
            past_date("done_on", done_on, today, "visit-what_done_on").and_then(|date| {
                if date < opened_on {
                    Err(Problem::new(
                        "done_on",
                        Message::new("visit-date_done_cannot_before_visit"),
                    ))
                } else {
                    Ok(date)
                }
            }),
        );
        let note = problems.take(required_text("note", note, "visit-what_note"));
        problems.finish(|| {
            Some(FollowUpDraft {
                done_on: date?,
                note: note?,
            })
        })
    }
}

/// Where a visit's follow-up stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpState {
    /// No follow-up was asked for.
    NotAsked,
    /// Resolved explicitly, with a date and a note.
    Done,
    /// A later visit of the group answered it.
    Answered,
    /// Still open when the group was dissolved or graduated: no longer owed.
    GroupEnded,
    /// Due later than [`DUE_WITHIN_DAYS`] from today.
    Scheduled,
    /// Due today or within [`DUE_WITHIN_DAYS`].
    Due,
    /// The due date has passed and it is not done.
    Overdue,
}

/// The state of a follow-up due on `due` (if asked for), closed (resolved or answered) or
/// not, on `today`; a closed one is `Done`. Which way it was closed, and whether its group
/// has ended, are facts of the stored visit that the caller tells apart.
pub fn follow_up_state(due: Option<JalaliDate>, done: bool, today: JalaliDate) -> FollowUpState {
    match due {
        None => FollowUpState::NotAsked,
        Some(_) if done => FollowUpState::Done,
        Some(due) if due < today => FollowUpState::Overdue,
        Some(due) if today.days_until(due) <= DUE_WITHIN_DAYS => FollowUpState::Due,
        Some(_) => FollowUpState::Scheduled,
    }
}

/// A province's threshold: a group not visited for this many months is flagged (1–24).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct NoVisitMonths(u8);

impl Default for NoVisitMonths {
    fn default() -> Self {
        NoVisitMonths(NO_VISIT_MONTHS_DEFAULT)
    }
}

impl TryFrom<u8> for NoVisitMonths {
    type Error = Problem;

    fn try_from(months: u8) -> Result<Self, Problem> {
        if (1..=24).contains(&months) {
            Ok(NoVisitMonths(months))
        } else {
            Err(Problem::new(
                "no_visit_months",
                Message::new("visit-number_months_from_1_24"),
            ))
        }
    }
}

impl From<NoVisitMonths> for u8 {
    fn from(months: NoVisitMonths) -> u8 {
        months.0
    }
}

impl NoVisitMonths {
    /// Reads a typed number of months, with Persian, Arabic or Latin digits.
    pub fn parse(text: &str) -> Result<NoVisitMonths, Problem> {
        to_latin_digits(text.trim())
            .parse::<u8>()
            .map_err(|_| {
                Problem::new(
                    "no_visit_months",
                    Message::new("visit-months_not_a_number")
                        .arg("text", MessageArg::digits(text.trim())),
                )
            })
            .and_then(NoVisitMonths::try_from)
    }

    pub fn months(self) -> u8 {
        self.0
    }

    /// The last day on which a visit still counts: the same day this many months before
    /// `today` (the month's last day when that month is shorter).
    pub fn cutoff(self, today: JalaliDate) -> JalaliDate {
        let total = today.year() * 12 + i32::from(today.month()) - 1 - i32::from(self.0);
        let (year, month) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8);
        let last = JalaliDate::days_in_month(year, month).unwrap_or(29);
        JalaliDate::new(year, month, today.day().min(last)).unwrap_or(today)
    }

    /// Whether a group is flagged on `today`: its last visit — or, never visited, the day it
    /// was formed — lies before the cutoff.
    pub fn flags(
        self,
        last_visit: Option<JalaliDate>,
        formed_on: JalaliDate,
        today: JalaliDate,
    ) -> bool {
        last_visit.unwrap_or(formed_on).max(formed_on) < self.cutoff(today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u8, day: u8) -> JalaliDate {
        JalaliDate::new(year, month, day).unwrap()
    }

    fn input() -> VisitInput {
        VisitInput {
            visited_on: "۱۴۰۵/۰۹/۰۲".into(),
            visitor_name: " ".into(),
            purpose: "پایش ماهانه".into(),
            findings: "فروش کم شده است".into(),
            requests: vec!["معرفی به بانک".into(), "  ".into(), "غرفه نمایشگاه".into()],
            referrals: vec!["bank".into(), "other".into()],
            referral_other: "بنیاد برکت".into(),
            follow_up_due: "1405/09/20".into(),
        }
    }

    #[test]
    fn a_visit_keeps_its_requests_and_referrals() {
        let draft = VisitDraft::parse(&input(), day(1405, 9, 8)).unwrap();
        assert_eq!(draft.visitor_name, None);
        assert_eq!(draft.requests, ["معرفی به بانک", "غرفه نمایشگاه"]);
        assert_eq!(draft.referral_codes(), "bank,other");
        assert_eq!(draft.follow_up_due, Some(day(1405, 9, 20)));
    }

    #[test]
    fn a_follow_up_due_before_the_visit_or_an_unnamed_other_is_refused() {
        let mut bad = input();
        bad.follow_up_due = "1405/09/01".into();
        bad.referral_other = "".into();
        bad.referrals.push("embassy".into());
        let problems = VisitDraft::parse(&bad, day(1405, 9, 8)).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["referrals", "follow_up_due"]);
        bad.referrals.pop();
        let problems = VisitDraft::parse(&bad, day(1405, 9, 8)).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["referral_other", "follow_up_due"]);
    }

    #[test]
    fn more_than_twenty_requests_are_refused() {
        let mut bad = input();
        bad.requests = (0..21).map(|i| format!("درخواست {i}")).collect();
        let problems = VisitDraft::parse(&bad, day(1405, 9, 8)).unwrap_err();
        assert_eq!(problems[0].field, "requests");
        assert_eq!(problems[0].message.id(), "visit-too_many_requests");
        assert_eq!(
            problems[0].message.args(),
            &[
                ("max", MessageArg::Number(20)),
                ("count", MessageArg::Digits("21".to_owned()))
            ]
        );
        bad.requests.pop();
        assert!(VisitDraft::parse(&bad, day(1405, 9, 8)).is_ok());
    }

    #[test]
    fn follow_ups_are_overdue_after_their_date_and_due_two_weeks_ahead() {
        let today = day(1405, 9, 8);
        assert_eq!(follow_up_state(None, false, today), FollowUpState::NotAsked);
        assert_eq!(
            follow_up_state(Some(day(1405, 9, 7)), false, today),
            FollowUpState::Overdue
        );
        assert_eq!(
            follow_up_state(Some(day(1405, 9, 7)), true, today),
            FollowUpState::Done
        );
        assert_eq!(
            follow_up_state(Some(today), false, today),
            FollowUpState::Due
        );
        assert_eq!(
            follow_up_state(Some(day(1405, 9, 22)), false, today),
            FollowUpState::Due
        );
        assert_eq!(
            follow_up_state(Some(day(1405, 9, 23)), false, today),
            FollowUpState::Scheduled
        );
    }

    #[test]
    fn a_follow_up_is_dated_between_the_visit_and_today_with_a_note() {
        let visit = day(1405, 9, 2);
        let today = day(1405, 9, 8);
        assert!(FollowUpDraft::parse("1405/09/05", "تماس با بانک", visit, today).is_ok());
        let problems = FollowUpDraft::parse("1405/09/01", "", visit, today).unwrap_err();
        assert_eq!(problems.len(), 2);
        assert!(FollowUpDraft::parse("1405/09/09", "x", visit, today).is_err());
    }

    #[test]
    fn the_no_visit_cutoff_steps_back_whole_months_and_clamps_the_day() {
        let months = NoVisitMonths::default();
        assert_eq!(months.cutoff(day(1405, 9, 8)), day(1405, 6, 8));
        assert_eq!(months.cutoff(day(1405, 2, 31)), day(1404, 11, 30));
        assert_eq!(
            NoVisitMonths::parse("۱۲").unwrap().cutoff(day(1405, 1, 1)),
            day(1404, 1, 1)
        );
        let today = day(1405, 9, 8);
        let formed = day(1404, 1, 1);
        assert!(months.flags(None, formed, today));
        assert!(months.flags(Some(day(1405, 6, 7)), formed, today));
        assert!(!months.flags(Some(day(1405, 6, 8)), formed, today));
        assert!(
            !months.flags(None, day(1405, 7, 1), today),
            "a new group is not flagged"
        );
        assert!(NoVisitMonths::parse("0").is_err());
        assert!(NoVisitMonths::parse("سه").is_err());
    }
}
