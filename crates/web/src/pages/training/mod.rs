//! Training in the browser (issue 18): the runs of the reader's place (`/training`), the
//! plan form of a run (`plan`), a run's page with its sessions, its women and their verdicts,
//! the enrolment form and each woman's completion and dropout forms (`run`), the phone sheet
//! that marks one session's attendance in one tap per woman (`sheet`), and the catalogue of
//! course kinds and a province's providers (`catalogue`). Handlers stay thin: who may see
//! and change what, every rule of a run and of a completion, live in `hamyar_app::training`;
//! the pages only turn its rows and verdicts into words, and a refused form is drawn again
//! (422) with the app's Persian messages and nothing written.
//!
//! The pages are for those who run training or are in the room (`RecordAttendance`, which
//! every `ManageTraining` role has too): the social worker and the facilitator reach a run's
//! sheet through the list and the run's page, and see no plan, enrol or outcome form.

mod catalogue;
mod contracts;
pub mod follow_up;
pub mod job_plan;
mod needs;
mod plan;
mod report;
mod run;
mod sheet;

pub use catalogue::{add_kind, add_provider, kinds, providers};
pub use contracts::{add as add_contract, show as provider};
pub use follow_up::{DueLine, due_line};
pub use job_plan::{WomanPlanLine, woman_plans};
pub use needs::{
    GroupTrainingSection, group_section, need_form, open_needs, record_need, withdraw_need,
};
pub use plan::{create, new_form};
pub use report::{report_download, report_page};
pub use run::{complete, dropout, enrol, show};
pub use sheet::{save_sheet, show_sheet};

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::ports::training::{CourseKindRow, CourseRunRow, EnrolmentRow};
use hamyar_app::training::RunView;
use hamyar_domain::NationalId;
use hamyar_domain::training::{CompletionVerdict, DropoutReason};
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format;

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::{Notice, codes, page};
use crate::state::AppState;

/// `enrolments.status` values, as the app stores them.
const ENROLLED: &str = "enrolled";
const COMPLETED: &str = "completed";
const DROPPED: &str = "dropped";

/// A course kind's name in the reader's language (the Persian one when it has no English).
fn kind_name(kind: &CourseKindRow, lang: Lang) -> String {
    if lang.is_english() && !kind.name_en.is_empty() {
        kind.name_en.clone()
    } else {
        kind.name.clone()
    }
}

/// «۱۴۰۵/۰۸/۰۳ – ۱۴۰۵/۰۸/۲۴»: a run's first and last day.
fn run_days(run: &CourseRunRow, lang: Lang) -> String {
    format!(
        "{} – {}",
        format::date(run.starts_on, lang),
        format::date(run.ends_on, lang)
    )
}

/// A national ID as the reader may see it: masked for a role without
/// `SeeFullIdentifiers` (the facilitator), as the woman's file masks it.
fn shown_national_id(text: &str, full: bool, lang: Lang) -> String {
    if full {
        return lang.digits(text);
    }
    let masked =
        NationalId::parse(text).map_or_else(|_| "*".repeat(text.chars().count()), |id| id.masked());
    lang.digits(&masked)
}

/// What the rule says of a woman still enrolled, in words: «تکمیل می‌کند», «۳ از ۵ جلسه؛
/// دست‌کم ۴ لازم است», «آزمون پایانی قبول نشده».
fn verdict_text(verdict: CompletionVerdict, lang: Lang) -> String {
    match verdict {
        CompletionVerdict::Completes => lang.t("training-verdict_completes").to_owned(),
        CompletionVerdict::TooFewSessions {
            attended,
            held,
            needed,
        } => lang.tr(
            "training-verdict_too_few",
            &[
                ("attended", Arg::Number(i64::from(attended))),
                ("held", Arg::Number(i64::from(held))),
                ("needed", Arg::Number(i64::from(needed))),
            ],
        ),
        CompletionVerdict::AssessmentNotPassed => lang.t("training-verdict_assessment").to_owned(),
        CompletionVerdict::NothingHeld => lang.t("training-verdict_nothing_held").to_owned(),
    }
}

/// An enrolment's outcome in words, with its badge: «تکمیل‌شده · کد گواهی …», «ترک دوره ·
/// علت», or (still enrolled) the rule's verdict when there is one.
fn outcome_text(
    enrolment: &EnrolmentRow,
    verdict: Option<CompletionVerdict>,
    lang: Lang,
) -> (String, &'static str) {
    match enrolment.status.as_str() {
        COMPLETED => {
            let mut text = lang.t("training-status_completed").to_owned();
            if let Some(code) = &enrolment.certificate_code {
                text.push_str(" · ");
                text.push_str(&lang.tr("training-certificate_code", &[("code", Arg::Text(code))]));
            }
            if let Some(number) = &enrolment.skill_certificate_no {
                text.push_str(" · ");
                text.push_str(&lang.tr(
                    "training-skill_certificate",
                    &[("number", Arg::Text(&lang.digits(number)))],
                ));
            }
            (text, "badge-ok")
        }
        DROPPED => {
            let reason = enrolment
                .dropout_reason
                .as_deref()
                .map(|code| codes::label_of::<DropoutReason>(code, lang))
                .unwrap_or_default();
            let mut text = lang.t("training-status_dropped").to_owned();
            if !reason.is_empty() {
                text.push_str(" · ");
                text.push_str(&reason);
            }
            (text, "badge-muted")
        }
        _ => match verdict {
            Some(CompletionVerdict::Completes) => {
                (verdict_text(CompletionVerdict::Completes, lang), "badge-ok")
            }
            Some(verdict) => (verdict_text(verdict, lang), "badge-warning"),
            None => (lang.t("training-status_enrolled").to_owned(), "badge-info"),
        },
    }
}

/// One run as a row of the list.
pub struct RunLine {
    pub href: String,
    pub code: String,
    pub kind: String,
    pub provider: String,
    pub county: String,
    pub days: String,
    /// «۱۲ از ۲۰».
    pub seats: String,
    pub completed: String,
}

fn run_line(view: &RunView, tree: &hamyar_app::places::PlaceTree, lang: Lang) -> RunLine {
    let run = &view.run;
    RunLine {
        href: format!("/training/runs/{}", run.id),
        code: run.code.clone(),
        kind: kind_name(&view.kind, lang),
        provider: view.provider.name.clone(),
        county: tree
            .get(run.county_id)
            .map_or_else(String::new, |p| p.name(lang.is_english()).to_owned()),
        days: run_days(run, lang),
        seats: lang.tr(
            "training-seats",
            &[
                ("taken", Arg::Number(view.seats_taken as i64)),
                ("capacity", Arg::Number(run.capacity)),
            ],
        ),
        completed: lang.number(view.completed as i64),
    }
}

#[derive(Template)]
#[template(path = "training_runs.html")]
struct ListTemplate {
    ctx: PageCtx,
    runs: Vec<RunLine>,
    can_plan: bool,
    can_keep_catalogue: bool,
}

/// `/training`: the runs of the reader's place, newest first.
pub async fn list(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::RecordAttendance)?;
    let lang = who.lang();
    let tree = state.app.place_tree().await?;
    let mut runs = Vec::new();
    // The list's counts (seats taken, completed) come with each run's view; read without
    // the audit of an opening, since the list names no woman.
    for row in state.app.course_runs(&actor, 0).await? {
        let view = state.app.course_run(&actor, row.id, false).await?;
        runs.push(run_line(&view, &tree, lang));
    }
    page(&ListTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "training-list_title")
            .with_notice(notice.done.as_deref()),
        runs,
        can_plan: actor.can(Permission::ManageTraining),
        can_keep_catalogue: actor.can(Permission::ManageProgrammeSettings),
    })
}

/// A woman's training, for her file: one line per enrolment, newest first.
pub struct WomanTrainingLine {
    pub href: String,
    pub course: String,
    pub code: String,
    pub days: String,
    pub status: String,
    pub badge: &'static str,
}

/// The woman's training history for her file; empty for a reader who does not see groups
/// (training is read with the groups' permission).
pub async fn woman_training(
    state: &AppState,
    actor: &hamyar_app::Actor,
    id: hamyar_app::ports::registry::WomanId,
    lang: Lang,
) -> WebResult<Vec<WomanTrainingLine>> {
    if !actor.can(Permission::ViewGroups) {
        return Ok(Vec::new());
    }
    let rows = state.app.training_of_woman(actor, id).await?;
    Ok(rows
        .iter()
        .map(|(enrolment, run, kind)| {
            let (status, badge) = outcome_text(enrolment, None, lang);
            WomanTrainingLine {
                href: format!("/training/runs/{}", run.id),
                course: kind_name(kind, lang),
                code: run.code.clone(),
                days: run_days(run, lang),
                status,
                badge,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verdict_reads_as_a_sentence_with_persian_digits() {
        let text = verdict_text(
            CompletionVerdict::TooFewSessions {
                attended: 3,
                held: 5,
                needed: 4,
            },
            Lang::Fa,
        );
        assert_eq!(text, "۳ از ۵ جلسه؛ دست‌کم ۴ لازم است");
    }

    #[test]
    fn a_facilitator_sees_a_masked_national_id() {
        let shown = shown_national_id("0012345679", false, Lang::Fa);
        assert!(shown.contains('*'), "{shown}");
        assert_eq!(
            shown_national_id("0012345679", true, Lang::Fa),
            "۰۰۱۲۳۴۵۶۷۹"
        );
    }
}
