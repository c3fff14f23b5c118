//! The yearly plan (issue 19): what a province or a county means to achieve in a fiscal year —
//! groups formed, women joining groups, women trained, visits made, women exiting as
//! empowered — and the rules for reading it against what was achieved.
//!
//! - **The form** ([`PlanForm::parse`]): each target typed with Persian, Arabic-Indic or Latin
//!   digits (thousands separators allowed), a whole number from 0 to [`TARGET_MAX`]; every
//!   field is checked and every problem reported at once, so a refused form changes nothing.
//!   The empowered target may be left empty: then the **default** applies.
//! - **The default** ([`default_empowered_target`]): by law about a tenth of the women covered
//!   should leave support empowered each year, so an empty empowered target means 10 % of the
//!   women covered on the first day of the fiscal year, rounded up (a place with 11 women
//!   covered aims at 2). It is computed each time it is read, never stored, so it follows
//!   corrections to the registry.
//! - **Plan to date** ([`planned_to_date`]): a yearly target is spread evenly over the twelve
//!   Jalali months of the fiscal year (Farvardin to Esfand); by the end of month `m` the plan
//!   expects `target × m ⁄ 12`, rounded to the nearest whole (halves up), so the twelfth month
//!   expects the whole target. Months are counted whole: the plan does not weigh the days of
//!   a month, nor Nowruz, so a place reads the same share in every month's report.
//! - **The share** ([`share_percent`]): achieved as a whole percentage of planned, rounded
//!   down; none when nothing was planned.

use serde::Serialize;

use crate::digits::to_latin_digits;
use crate::message::{Message, MessageArg};
use crate::registry::Problem;

/// The largest target a form accepts (a county forms tens of groups a year; a million leaves
/// room for a country and refuses a slipped key).
pub const TARGET_MAX: i64 = 1_000_000;

/// The longest note kept with a plan, in characters.
pub const NOTE_MAX_CHARS: usize = 1_000;

/// The share of the women covered at the start of the year that the default empowered target
/// asks for, in percent.
pub const EMPOWERED_DEFAULT_PERCENT: i64 = 10;

/// The targets of a plan, in the order pages show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanTarget {
    GroupsFormed,
    WomenJoining,
    WomenTrained,
    VisitsMade,
    WomenEmpowered,
}

impl PlanTarget {
    pub const ALL: [PlanTarget; 5] = [
        PlanTarget::GroupsFormed,
        PlanTarget::WomenJoining,
        PlanTarget::WomenTrained,
        PlanTarget::VisitsMade,
        PlanTarget::WomenEmpowered,
    ];

    /// The code files and the form's fields name it by.
    pub fn code(self) -> &'static str {
        match self {
            PlanTarget::GroupsFormed => "groups_formed",
            PlanTarget::WomenJoining => "women_joining",
            PlanTarget::WomenTrained => "women_trained",
            PlanTarget::VisitsMade => "visits_made",
            PlanTarget::WomenEmpowered => "women_empowered",
        }
    }

    /// The catalogue message of its name.
    pub fn name_id(self) -> &'static str {
        match self {
            PlanTarget::GroupsFormed => "plan-target-groups_formed",
            PlanTarget::WomenJoining => "plan-target-women_joining",
            PlanTarget::WomenTrained => "plan-target-women_trained",
            PlanTarget::VisitsMade => "plan-target-visits_made",
            PlanTarget::WomenEmpowered => "plan-target-women_empowered",
        }
    }
}

/// A plan's targets; `women_empowered` is `None` when the default applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PlanTargets {
    pub groups_formed: i64,
    pub women_joining: i64,
    pub women_trained: i64,
    pub visits_made: i64,
    pub women_empowered: Option<i64>,
}

impl PlanTargets {
    /// The target set for `target`; `None` for an empowered target left to the default.
    pub fn own(&self, target: PlanTarget) -> Option<i64> {
        match target {
            PlanTarget::GroupsFormed => Some(self.groups_formed),
            PlanTarget::WomenJoining => Some(self.women_joining),
            PlanTarget::WomenTrained => Some(self.women_trained),
            PlanTarget::VisitsMade => Some(self.visits_made),
            PlanTarget::WomenEmpowered => self.women_empowered,
        }
    }
}

/// The plan form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanForm {
    pub groups_formed: String,
    pub women_joining: String,
    pub women_trained: String,
    pub visits_made: String,
    /// Empty: the default (10 % of the women covered at the start of the year).
    pub women_empowered: String,
    pub note: String,
}

/// A parsed plan form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDraft {
    pub targets: PlanTargets,
    pub note: String,
}

impl PlanForm {
    /// Reads the form; every field's problem at once.
    pub fn parse(&self) -> Result<PlanDraft, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut required = |field: &'static str, text: &str| match parse_target(field, text) {
            Ok(Some(value)) => value,
            Ok(None) => {
                problems.push(Problem::new(field, Message::new("plan-target_required")));
                0
            }
            Err(problem) => {
                problems.push(problem);
                0
            }
        };
        let groups_formed = required("groups_formed", &self.groups_formed);
        let women_joining = required("women_joining", &self.women_joining);
        let women_trained = required("women_trained", &self.women_trained);
        let visits_made = required("visits_made", &self.visits_made);
        let women_empowered = parse_target("women_empowered", &self.women_empowered)
            .map_err(|problem| problems.push(problem))
            .unwrap_or(None);
        let note = self.note.trim();
        if note.chars().count() > NOTE_MAX_CHARS {
            problems.push(Problem::new(
                "note",
                Message::new("plan-note_too_long").arg("max", MessageArg::digits(NOTE_MAX_CHARS)),
            ));
        }
        if note
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            problems.push(Problem::new("note", Message::new("plan-note_control")));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(PlanDraft {
            targets: PlanTargets {
                groups_formed,
                women_joining,
                women_trained,
                visits_made,
                women_empowered,
            },
            note: note.to_owned(),
        })
    }
}

/// A typed target: `None` when empty; digits of any script, thousands separators allowed.
pub fn parse_target(field: &'static str, text: &str) -> Result<Option<i64>, Problem> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let shown = || MessageArg::digits(trimmed.chars().take(20).collect::<String>());
    let latin: String = to_latin_digits(trimmed)
        .chars()
        .filter(|c| !matches!(c, ',' | '٬' | '،' | ' ' | '\u{200c}'))
        .collect();
    if latin.is_empty() || latin.len() > 12 || !latin.chars().all(|c| c.is_ascii_digit()) {
        return Err(Problem::new(
            field,
            Message::new("plan-target_not_a_number").arg("text", shown()),
        ));
    }
    let value: i64 = latin.parse().map_err(|_| {
        Problem::new(
            field,
            Message::new("plan-target_not_a_number").arg("text", shown()),
        )
    })?;
    if value > TARGET_MAX {
        return Err(Problem::new(
            field,
            Message::new("plan-target_too_large").arg("max", MessageArg::digits(TARGET_MAX)),
        ));
    }
    Ok(Some(value))
}

/// The default empowered target: 10 % of the women covered at the start of the year, rounded
/// up (none covered, none expected).
pub fn default_empowered_target(covered_at_start: i64) -> i64 {
    let covered = covered_at_start.max(0);
    (covered * EMPOWERED_DEFAULT_PERCENT + 99) / 100
}

/// What the plan expects by the end of Jalali month `month` (1–12) of its year: the target
/// spread evenly over twelve months, cumulative, rounded to the nearest whole (halves up).
pub fn planned_to_date(target: i64, month: u8) -> i64 {
    let month = i64::from(month.clamp(0, 12));
    (target.max(0) * month * 2 + 12) / 24
}

/// Achieved as a whole percentage of planned, rounded down; `None` when nothing was planned.
pub fn share_percent(achieved: i64, planned: i64) -> Option<i64> {
    (planned > 0).then(|| achieved.max(0).saturating_mul(100) / planned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(groups: &str, joining: &str, trained: &str, visits: &str, empowered: &str) -> PlanForm {
        PlanForm {
            groups_formed: groups.into(),
            women_joining: joining.into(),
            women_trained: trained.into(),
            visits_made: visits.into(),
            women_empowered: empowered.into(),
            note: String::new(),
        }
    }

    #[test]
    fn targets_are_read_in_persian_digits_and_the_empowered_target_may_be_left_empty() {
        let draft = form("۱۲", "٨٠", "1,200", "۱٬۵۰۰", "").parse().unwrap();
        assert_eq!(
            draft.targets,
            PlanTargets {
                groups_formed: 12,
                women_joining: 80,
                women_trained: 1200,
                visits_made: 1500,
                women_empowered: None,
            }
        );
        let draft = form("0", "0", "0", "0", "۷").parse().unwrap();
        assert_eq!(draft.targets.women_empowered, Some(7));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let problems = form("", "-3", "abc", "1000001", "۱.۵").parse().unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "groups_formed",
                "women_joining",
                "women_trained",
                "visits_made",
                "women_empowered"
            ]
        );
        assert_eq!(problems[0].message.id(), "plan-target_required");
        assert_eq!(problems[3].message.id(), "plan-target_too_large");
    }

    #[test]
    fn a_long_note_is_refused() {
        let mut long = form("1", "1", "1", "1", "");
        long.note = "ن".repeat(NOTE_MAX_CHARS + 1);
        assert_eq!(long.parse().unwrap_err()[0].field, "note");
    }

    #[test]
    fn the_default_is_a_tenth_of_the_women_covered_rounded_up() {
        assert_eq!(default_empowered_target(0), 0);
        assert_eq!(default_empowered_target(1), 1);
        assert_eq!(default_empowered_target(10), 1);
        assert_eq!(default_empowered_target(11), 2);
        assert_eq!(default_empowered_target(300), 30);
        assert_eq!(default_empowered_target(-5), 0);
    }

    #[test]
    fn the_plan_to_date_spreads_the_target_over_twelve_months() {
        let spread: Vec<i64> = (1..=12).map(|m| planned_to_date(12, m)).collect();
        assert_eq!(spread, (1..=12).collect::<Vec<i64>>());
        let five: Vec<i64> = (1..=12).map(|m| planned_to_date(5, m)).collect();
        assert_eq!(five, [0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5]);
        for target in [0, 1, 7, 30, 999, TARGET_MAX] {
            assert_eq!(planned_to_date(target, 12), target);
            assert_eq!(planned_to_date(target, 0), 0);
            for month in 1..12 {
                assert!(planned_to_date(target, month) <= planned_to_date(target, month + 1));
            }
        }
    }

    #[test]
    fn the_share_is_a_whole_percentage_and_none_without_a_plan() {
        assert_eq!(share_percent(3, 4), Some(75));
        assert_eq!(share_percent(5, 4), Some(125));
        assert_eq!(share_percent(1, 3), Some(33));
        assert_eq!(share_percent(3, 0), None);
    }
}
