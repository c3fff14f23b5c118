//! Job preparation (issue 18): a woman's plan toward a chosen job and the steps that lead
//! there — a training, an internship, a placement with an employer, working capital (a
//! grant), a permit — each with its state. The plan is hers and the social worker's: what
//! job, when they agreed on it, and whether it was reached or given up.
//!
//! Everything here is parsed once from what a form or a file typed: the job's name and its
//! optional occupation code (free text: the ISCO code or the national list's, as the office
//! knows it), a step's kind and what that kind needs — a placement names its employer and the
//! day she starts, and its monthly pay is a non-negative whole number of rials; a permit says
//! which permit. Days are facts: the day a plan was made, a step is due, a step was done, each
//! apart from when anyone typed it, and never after today.

use crate::digits::to_latin_digits;
use crate::jalali::JalaliDate;
use crate::message::{Message, MessageArg};
use crate::money::Rials;
use crate::registry::Problem;
use crate::registry::codes::coded_list;
use crate::registry::fields::{Collector, free_text, is_blank, required_code};

/// The longest job title, employer or permit name.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest occupation code.
pub const MAX_OCCUPATION_CODE_CHARS: usize = 20;
/// The longest note on a step.
pub const MAX_NOTE_CHARS: usize = 1_000;

coded_list! {
    /// Where a plan stands.
    pub enum PlanState ("وضعیت برنامه", "plan state") {
        /// Being worked on.
        Open => "open", "در جریان", "Open", ["باز"];
        /// She has the job the plan was for.
        Achieved => "achieved", "به نتیجه رسید", "Achieved", ["موفق"];
        /// Given up (she chose another way, moved, or the job was not to be had).
        Abandoned => "abandoned", "کنار گذاشته شد", "Abandoned", ["رها شد"];
    }
}

coded_list! {
    /// What a step of a plan is.
    pub enum StepKind ("نوع گام", "step kind") {
        /// A course (may name her enrolment in a run).
        Training => "training", "آموزش", "Training", ["دوره"];
        /// Learning the job at a workplace.
        Internship => "internship", "کارورزی", "Internship";
        /// A job with an employer, from a day, for a monthly pay.
        Placement => "placement", "به‌کارگیری نزد کارفرما", "Placement", ["اشتغال", "استخدام"];
        /// Money to start: a grant (may name it).
        WorkingCapital => "working_capital", "سرمایه کار", "Working capital", ["کمک بلاعوض"];
        /// A licence the job needs.
        Permit => "permit", "مجوز", "Permit", ["پروانه"];
    }
}

coded_list! {
    /// Where a step stands.
    pub enum StepState ("وضعیت گام", "step state") {
        Planned => "planned", "برنامه‌ریزی‌شده", "Planned", ["در برنامه"];
        InProgress => "in_progress", "در جریان", "In progress", ["در حال انجام"];
        Done => "done", "انجام شد", "Done", ["انجام‌شده"];
        /// Not to be done after all.
        Dropped => "dropped", "کنار گذاشته شد", "Dropped", ["لغو"];
    }
}

/// The plan form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanInput {
    pub job_title: String,
    pub occupation_code: String,
    /// Blank: today.
    pub planned_on: String,
}

/// A plan ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDraft {
    pub job_title: String,
    pub occupation_code: Option<String>,
    pub planned_on: JalaliDate,
}

/// The step form, as typed. Links to an enrolment or a grant are read by the use-case, which
/// alone can tell whether they are hers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepInput {
    /// A `StepKind` code or label.
    pub kind: String,
    pub due_on: String,
    pub employer: String,
    pub starts_on: String,
    pub monthly_pay_rials: String,
    pub permit_name: String,
    pub note: String,
}

/// What a kind of step carries beyond the common fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepDetail {
    Training,
    Internship {
        employer: Option<String>,
    },
    Placement {
        employer: String,
        starts_on: JalaliDate,
        monthly_pay_rials: Option<i64>,
    },
    WorkingCapital,
    Permit {
        permit_name: String,
    },
}

/// A step ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepDraft {
    pub kind: StepKind,
    pub detail: StepDetail,
    pub due_on: Option<JalaliDate>,
    pub note: Option<String>,
}

/// A step's new state, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepStateInput {
    /// A `StepState` code or label.
    pub state: String,
    /// The day it changed (blank: today).
    pub on: String,
    pub note: String,
}

/// A step's new state, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepChange {
    pub state: StepState,
    pub on: JalaliDate,
    /// `None` keeps the step's note.
    pub note: Option<String>,
}

fn message(id: &'static str) -> Message {
    Message::new(id)
}

/// A day typed in a form, not after today; blank is `blank`.
fn day_not_after(
    field: &'static str,
    text: &str,
    blank: Option<JalaliDate>,
    today: JalaliDate,
) -> Result<Option<JalaliDate>, Problem> {
    if is_blank(text) {
        return Ok(blank);
    }
    let day = JalaliDate::parse(text).map_err(|error| Problem::new(field, error.message()))?;
    if day > today {
        return Err(Problem::new(
            field,
            message("job-preparation-day_after_today"),
        ));
    }
    Ok(Some(day))
}

/// A day typed in a form, any day (a due day or a start may lie ahead).
fn any_day(field: &'static str, text: &str) -> Result<Option<JalaliDate>, Problem> {
    if is_blank(text) {
        return Ok(None);
    }
    JalaliDate::parse(text)
        .map(Some)
        .map_err(|error| Problem::new(field, error.message()))
}

fn optional_text(field: &'static str, text: &str, max: usize) -> Result<Option<String>, Problem> {
    let tidy = free_text(field, text, max, false)?;
    Ok((!tidy.is_empty()).then_some(tidy))
}

fn required_text(
    field: &'static str,
    text: &str,
    max: usize,
    missing: &'static str,
) -> Result<String, Problem> {
    optional_text(field, text, max)?.ok_or_else(|| Problem::new(field, message(missing)))
}

/// A non-negative whole number of rials; blank is `None`.
pub fn monthly_rials(field: &'static str, text: &str) -> Result<Option<i64>, Problem> {
    if is_blank(text) {
        return Ok(None);
    }
    let value = Rials::parse(text).map_err(|error| Problem::from_error(field, &error))?;
    if value.is_negative() {
        return Err(Problem::new(
            field,
            message("job-preparation-rials_negative"),
        ));
    }
    Ok(Some(value.value()))
}

/// An occupation code: letters, digits, dots and hyphens (Persian digits read as Latin).
fn occupation_code(text: &str) -> Result<Option<String>, Problem> {
    let code: String = to_latin_digits(text.trim());
    if code.is_empty() {
        return Ok(None);
    }
    let fits = code.chars().count() <= MAX_OCCUPATION_CODE_CHARS
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
    if !fits {
        return Err(Problem::new(
            "occupation_code",
            message("job-preparation-occupation_code")
                .arg("max", MessageArg::digits(MAX_OCCUPATION_CODE_CHARS)),
        ));
    }
    Ok(Some(code))
}

impl PlanInput {
    /// The plan, or every problem of the form at once.
    pub fn parse(&self, today: JalaliDate) -> Result<PlanDraft, Vec<Problem>> {
        let mut problems = Collector::default();
        let title = problems.take(required_text(
            "job_title",
            &self.job_title,
            MAX_NAME_CHARS,
            "job-preparation-job_title_required",
        ));
        let code = problems.take(occupation_code(&self.occupation_code));
        let planned_on = problems.take(day_not_after(
            "planned_on",
            &self.planned_on,
            Some(today),
            today,
        ));
        problems.finish(|| {
            Some(PlanDraft {
                job_title: title?,
                occupation_code: code?,
                planned_on: planned_on??,
            })
        })
    }
}

impl StepInput {
    /// The step, or every problem of the form at once.
    pub fn parse(&self) -> Result<StepDraft, Vec<Problem>> {
        let mut problems = Collector::default();
        let kind = problems.take(required_code::<StepKind>("kind", &self.kind));
        let due_on = problems.take(any_day("due_on", &self.due_on));
        let note = problems.take(optional_text("note", &self.note, MAX_NOTE_CHARS));
        let detail = kind.and_then(|kind| problems.take(self.detail(kind)));
        problems.finish(|| {
            Some(StepDraft {
                kind: kind?,
                detail: detail?,
                due_on: due_on?,
                note: note?,
            })
        })
    }

    fn detail(&self, kind: StepKind) -> Result<StepDetail, Problem> {
        Ok(match kind {
            StepKind::Training => StepDetail::Training,
            StepKind::WorkingCapital => StepDetail::WorkingCapital,
            StepKind::Internship => StepDetail::Internship {
                employer: optional_text("employer", &self.employer, MAX_NAME_CHARS)?,
            },
            StepKind::Permit => StepDetail::Permit {
                permit_name: required_text(
                    "permit_name",
                    &self.permit_name,
                    MAX_NAME_CHARS,
                    "job-preparation-permit_required",
                )?,
            },
            StepKind::Placement => StepDetail::Placement {
                employer: required_text(
                    "employer",
                    &self.employer,
                    MAX_NAME_CHARS,
                    "job-preparation-employer_required",
                )?,
                starts_on: any_day("starts_on", &self.starts_on)?.ok_or_else(|| {
                    Problem::new("starts_on", message("job-preparation-starts_on_required"))
                })?,
                monthly_pay_rials: monthly_rials("monthly_pay_rials", &self.monthly_pay_rials)?,
            },
        })
    }
}

impl StepStateInput {
    /// The change, or every problem of the form at once. The day may not lie after today.
    pub fn parse(&self, today: JalaliDate) -> Result<StepChange, Vec<Problem>> {
        let mut problems = Collector::default();
        let state = problems.take(required_code::<StepState>("state", &self.state));
        let on = problems.take(day_not_after("on", &self.on, Some(today), today));
        let note = problems.take(optional_text("note", &self.note, MAX_NOTE_CHARS));
        problems.finish(|| {
            Some(StepChange {
                state: state?,
                on: on??,
                note: note?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> JalaliDate {
        JalaliDate::new(1405, 9, 8).unwrap()
    }

    fn fields(problems: &[Problem]) -> Vec<&'static str> {
        problems.iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_plan_reads_persian_digits_and_defaults_to_today() {
        let plan = PlanInput {
            job_title: "  خياط  ".into(),
            occupation_code: "۷۵۳۱".into(),
            planned_on: String::new(),
        }
        .parse(today())
        .unwrap();
        assert_eq!(plan.job_title, "خیاط");
        assert_eq!(plan.occupation_code.as_deref(), Some("7531"));
        assert_eq!(plan.planned_on, today());
    }

    #[test]
    fn a_plan_needs_a_job_and_a_day_not_ahead() {
        let problems = PlanInput {
            job_title: " ".into(),
            occupation_code: "کد؟".into(),
            planned_on: "1405/09/09".into(),
        }
        .parse(today())
        .unwrap_err();
        assert_eq!(
            fields(&problems),
            vec!["job_title", "occupation_code", "planned_on"]
        );
    }

    #[test]
    fn a_placement_needs_its_employer_and_start_and_pay_is_not_negative() {
        let missing = StepInput {
            kind: "placement".into(),
            ..StepInput::default()
        }
        .parse()
        .unwrap_err();
        assert_eq!(fields(&missing), vec!["employer"]);
        let no_start = StepInput {
            kind: "به‌کارگیری نزد کارفرما".into(),
            employer: "تولیدی پوشاک مهر".into(),
            ..StepInput::default()
        }
        .parse()
        .unwrap_err();
        assert_eq!(fields(&no_start), vec!["starts_on"]);
        let negative = StepInput {
            kind: "placement".into(),
            employer: "تولیدی پوشاک مهر".into(),
            starts_on: "1405/10/01".into(),
            monthly_pay_rials: "-5".into(),
            ..StepInput::default()
        }
        .parse()
        .unwrap_err();
        assert_eq!(fields(&negative), vec!["monthly_pay_rials"]);
        let step = StepInput {
            kind: "placement".into(),
            employer: "تولیدی پوشاک مهر".into(),
            starts_on: "۱۴۰۵/۱۰/۰۱".into(),
            monthly_pay_rials: "۱۲٬۰۰۰٬۰۰۰".into(),
            ..StepInput::default()
        }
        .parse()
        .unwrap();
        assert_eq!(
            step.detail,
            StepDetail::Placement {
                employer: "تولیدی پوشاک مهر".into(),
                starts_on: JalaliDate::new(1405, 10, 1).unwrap(),
                monthly_pay_rials: Some(12_000_000),
            }
        );
    }

    #[test]
    fn a_permit_says_which_and_a_kind_must_be_chosen() {
        let problems = StepInput {
            kind: "permit".into(),
            ..StepInput::default()
        }
        .parse()
        .unwrap_err();
        assert_eq!(fields(&problems), vec!["permit_name"]);
        let problems = StepInput::default().parse().unwrap_err();
        assert_eq!(fields(&problems), vec!["kind"]);
    }

    #[test]
    fn a_state_change_is_dated_not_after_today() {
        let change = StepStateInput {
            state: "انجام شد".into(),
            on: "1405/09/01".into(),
            note: String::new(),
        }
        .parse(today())
        .unwrap();
        assert_eq!(change.state, StepState::Done);
        let problems = StepStateInput {
            state: "done".into(),
            on: "1405/09/10".into(),
            note: String::new(),
        }
        .parse(today())
        .unwrap_err();
        assert_eq!(fields(&problems), vec!["on"]);
    }
}
