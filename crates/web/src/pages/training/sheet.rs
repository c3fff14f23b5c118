//! One session's attendance sheet, made for a phone in the room
//! (`/training/runs/{id}/sessions/{session_id}`): a card per woman with three large choices —
//! present, absent, excused — her current mark already chosen, and one button that saves
//! the whole sheet (one transaction and one audit row in the app). A woman who left the run
//! before the session's day is not listed. A session not yet held is shown without the
//! button; the app refuses it anyway. After saving, the run's page says so.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use hamyar_app::ports::training::{CourseRunId, EnrolmentId, SessionId};
use hamyar_app::training::{MarkInput, RunView};
use hamyar_app::{AppError, Permission};
use hamyar_domain::registry::codes::CodedList;
use hamyar_domain::training::AttendanceMark;
use hamyar_reports::format;

use super::{DROPPED, kind_name};
use crate::context::{LoggedIn, PageCtx};
use crate::error::{ErrorPage, WebError, WebResult};
use crate::pages::form::FormView;
use crate::pages::{back_to, page};
use crate::state::AppState;

/// One of the three choices of a row.
pub struct MarkChoice {
    pub value: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

/// One woman's row of the sheet.
pub struct SheetRow {
    pub enrolment: EnrolmentId,
    pub name: String,
    pub choices: Vec<MarkChoice>,
}

#[derive(Template)]
#[template(path = "training_sheet.html")]
struct SheetTemplate {
    ctx: PageCtx,
    run_href: String,
    action: String,
    code: String,
    /// «گلخانه · جلسه‌ی ۱».
    heading: String,
    day: String,
    held: bool,
    rows: Vec<SheetRow>,
    errors: Vec<String>,
}

/// The session of this run, or 404.
fn session_index(view: &RunView, session_id: SessionId) -> WebResult<usize> {
    view.sessions
        .iter()
        .position(|s| s.id == session_id)
        .ok_or(WebError::Page(ErrorPage::NotFound))
}

/// Draws the sheet; `typed` (after a refusal) overrides the stored marks.
async fn sheet_page(
    state: &AppState,
    who: &LoggedIn,
    id: CourseRunId,
    session_id: SessionId,
    typed: Option<&[(EnrolmentId, String)]>,
    errors: Vec<String>,
) -> WebResult<SheetTemplate> {
    let lang = who.lang();
    // The sheet names the run's women, so opening it is audited as the run's page is; drawing
    // it again after a refused save is not a second opening.
    let view = state
        .app
        .course_run(&who.actor(), id, typed.is_none())
        .await?;
    let index = session_index(&view, session_id)?;
    let session = view.sessions[index];
    let rows = view
        .women
        .iter()
        .filter(|w| {
            let e = &w.woman.enrolment;
            !(e.status == DROPPED && e.dropped_on.is_some_and(|day| day < session.held_on))
        })
        .map(|w| {
            let enrolment = w.woman.enrolment.id;
            let current = match typed {
                Some(typed) => typed
                    .iter()
                    .find(|(e, _)| *e == enrolment)
                    .map(|(_, mark)| mark.clone()),
                None => w.marks.get(index).cloned().flatten(),
            };
            SheetRow {
                enrolment,
                name: format!("{} {}", w.woman.first_name, w.woman.last_name),
                choices: AttendanceMark::all()
                    .iter()
                    .map(|mark| MarkChoice {
                        value: mark.code(),
                        label: lang.t(&format!("training-mark-{}", mark.code())),
                        checked: current.as_deref() == Some(mark.code()),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(SheetTemplate {
        ctx: PageCtx::for_user(&state.app, who, "training-sheet_title"),
        run_href: format!("/training/runs/{id}"),
        action: format!("/training/runs/{id}/sessions/{session_id}"),
        code: view.run.code.clone(),
        heading: format!(
            "{} · {}",
            kind_name(&view.kind, lang),
            lang.tr(
                "training-session_number",
                &[("seq", hamyar_i18n::Arg::Number(session.seq))]
            )
        ),
        day: format::date(session.held_on, lang),
        held: session.held_on <= state.app.today(),
        rows,
        errors,
    })
}

/// `/training/runs/{id}/sessions/{session_id}`.
pub async fn show_sheet(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, session_id)): Path<(CourseRunId, SessionId)>,
) -> WebResult<Response> {
    who.actor().require(Permission::RecordAttendance)?;
    page(&sheet_page(&state, &who, id, session_id, None, Vec::new()).await?)
}

/// `POST /training/runs/{id}/sessions/{session_id}`: `mark.{enrolment}` = a mark code.
pub async fn save_sheet(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, session_id)): Path<(CourseRunId, SessionId)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::RecordAttendance)?;
    // The run and its session must be the reader's before the sheet is judged: outside her
    // scope it is 404 whatever was sent.
    let view = state.app.course_run(&actor, id, false).await?;
    session_index(&view, session_id)?;
    let typed: Vec<(EnrolmentId, String)> = pairs
        .iter()
        .filter_map(|(name, mark)| {
            let enrolment = name.strip_prefix("mark.")?.parse().ok()?;
            Some((enrolment, mark.clone()))
        })
        .collect();
    let marks: Vec<MarkInput> = typed
        .iter()
        .map(|(enrolment_id, mark)| MarkInput {
            enrolment_id: *enrolment_id,
            mark: mark.clone(),
        })
        .collect();
    let result: Result<usize, AppError> = state
        .app
        .record_attendance(&actor, id, session_id, &marks)
        .await;
    FormView::default()
        .unlabelled()
        .answer(
            result,
            who.lang(),
            |_| {
                back_to(
                    &format!("/training/runs/{id}"),
                    "training-attendance_saved",
                    "sessions",
                )
            },
            |form| sheet_page(&state, &who, id, session_id, Some(&typed), form.messages()),
        )
        .await
}
