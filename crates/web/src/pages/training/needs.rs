//! Training on a group's page and a group's training needs. The group page's «آموزش» section
//! (`group_section`) lists the runs its members were in while members — course, run, days,
//! how many enrolled, completed and dropped out, each linked to the run — and its needs,
//! open ones first, with the small form that records one and a button that withdraws an open
//! one (for those the app lets record them). A refused need form is drawn on a page of its
//! own (`/groups/{id}/training-needs`, 422) with what was typed and every message, so the
//! group's page itself keeps no half-filled form. `/training/needs` lists the open needs of
//! the reader's place, oldest first, each linked to its group.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::training_plans::TrainingNeedId;
use hamyar_app::training::{NeedInput, NeedView, OpenNeed};
use hamyar_domain::training::NeedState;
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format;
use serde::{Deserialize, Serialize};

use super::{kind_name, run_days};
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::form::FormView;
use crate::pages::{Notice, back_to, page};
use crate::state::AppState;

/// One run the group's members were in.
pub struct GroupRunView {
    pub href: String,
    pub course: String,
    pub code: String,
    pub days: String,
    /// «۸ نفر · ۶ تکمیل · ۱ ترک».
    pub counts: String,
}

/// One need of the group.
pub struct NeedLine {
    pub id: TrainingNeedId,
    /// The course kind's name, or the skill in words (or both).
    pub what: String,
    pub reason: String,
    pub recorded: String,
    pub state: &'static str,
    pub badge: &'static str,
    pub open: bool,
    /// The run that met it.
    pub met_by: Option<(String, String)>,
}

/// The group page's «آموزش» section.
#[derive(Default)]
pub struct GroupTrainingSection {
    /// Shown to readers who see groups.
    pub visible: bool,
    pub runs: Vec<GroupRunView>,
    pub needs: Vec<NeedLine>,
    pub can_record: bool,
    pub kinds: Vec<Choice>,
    pub today: String,
}

fn what_of(
    kind: Option<&hamyar_app::ports::training::CourseKindRow>,
    skill: &str,
    lang: Lang,
) -> String {
    match (kind, skill.is_empty()) {
        (Some(kind), true) => kind_name(kind, lang),
        (Some(kind), false) => format!("{} — {skill}", kind_name(kind, lang)),
        (None, _) => skill.to_owned(),
    }
}

fn need_line(view: &NeedView, lang: Lang) -> NeedLine {
    let need = &view.need;
    let state = NeedState::parse(&need.state).unwrap_or(NeedState::Open);
    NeedLine {
        id: need.id,
        what: what_of(view.kind.as_ref(), &need.skill, lang),
        reason: need.reason.clone(),
        recorded: lang.tr(
            "training-plans-recorded_by",
            &[
                ("day", Arg::Text(&format::date(need.recorded_on, lang))),
                ("name", Arg::Text(&need.recorded_by_name)),
            ],
        ),
        state: codes::label(state, lang),
        badge: match state {
            NeedState::Open => "badge-info",
            NeedState::Met => "badge-ok",
            NeedState::Withdrawn => "badge-muted",
        },
        open: state == NeedState::Open,
        met_by: view
            .met_by
            .as_ref()
            .map(|(id, code)| (format!("/training/runs/{id}"), code.clone())),
    }
}

/// The section for the group's page (empty and hidden for a reader who does not see groups).
pub async fn group_section(
    state: &AppState,
    who: &LoggedIn,
    id: GroupId,
) -> WebResult<GroupTrainingSection> {
    let actor = who.actor();
    if !actor.can(Permission::ViewGroups) {
        return Ok(GroupTrainingSection::default());
    }
    let lang = who.lang();
    let training = state.app.group_training(&actor, id).await?;
    let kinds = if training.can_record {
        state
            .app
            .course_kinds(&actor, false)
            .await?
            .iter()
            .map(|k| Choice::new(k.id.to_string(), kind_name(k, lang)))
            .collect()
    } else {
        Vec::new()
    };
    Ok(GroupTrainingSection {
        visible: true,
        runs: training
            .runs
            .iter()
            .map(|line| GroupRunView {
                href: format!("/training/runs/{}", line.run.id),
                course: kind_name(&line.kind, lang),
                code: line.run.code.clone(),
                days: run_days(&line.run, lang),
                counts: lang.tr(
                    "training-plans-group_counts",
                    &[
                        ("enrolled", Arg::Number(line.tally.enrolled)),
                        ("completed", Arg::Number(line.tally.completed)),
                        ("dropped", Arg::Number(line.tally.dropped)),
                    ],
                ),
            })
            .collect(),
        needs: training.needs.iter().map(|n| need_line(n, lang)).collect(),
        can_record: training.can_record,
        kinds,
        today: format::date(state.app.today(), lang),
    })
}

/// The need form as posted.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct NeedForm {
    pub course_kind_id: String,
    pub skill: String,
    pub reason: String,
    pub recorded_on: String,
}

#[derive(Template)]
#[template(path = "training_need_form.html")]
struct NeedFormTemplate {
    ctx: PageCtx,
    id: GroupId,
    kinds: Vec<Choice>,
    form: FormView,
}

async fn need_form_page(
    state: &AppState,
    who: &LoggedIn,
    id: GroupId,
    form: FormView,
) -> WebResult<NeedFormTemplate> {
    let section = group_section(state, who, id).await?;
    let form = if form.has_errors() {
        form
    } else {
        FormView::with_values([("recorded_on", section.today.as_str())])
    };
    Ok(NeedFormTemplate {
        ctx: PageCtx::for_user(&state.app, who, "training-plans-need_title"),
        id,
        kinds: section.kinds,
        form,
    })
}

/// `/groups/{id}/training-needs`: the need form on a page of its own.
pub async fn need_form(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
) -> WebResult<Response> {
    who.actor().require(Permission::RecordAttendance)?;
    page(&need_form_page(&state, &who, id, FormView::default()).await?)
}

/// `POST /groups/{id}/training-needs`.
pub async fn record_need(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Form(form): Form<NeedForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::RecordAttendance)?;
    let input = NeedInput {
        course_kind_id: form.course_kind_id.clone(),
        skill: form.skill.clone(),
        reason: form.reason.clone(),
        recorded_on: form.recorded_on.clone(),
    };
    let result = state.app.record_training_need(&actor, id, &input).await;
    FormView::of(&form)
        .answer(
            result,
            who.lang(),
            |_| {
                back_to(
                    &format!("/groups/{id}"),
                    "training-plans-need_recorded",
                    "training",
                )
            },
            |form| need_form_page(&state, &who, id, form),
        )
        .await
}

/// The withdraw button's form: the group to go back to.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WithdrawForm {
    pub group: String,
}

/// `POST /training/needs/{id}/withdraw`: back to the group's page.
pub async fn withdraw_need(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<TrainingNeedId>,
    Form(form): Form<WithdrawForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::RecordAttendance)?;
    let group: GroupId = crate::pages::number(&form.group).ok_or(hamyar_app::AppError::NotFound)?;
    let notice = match state.app.withdraw_training_need(&actor, id).await {
        Ok(()) => "training-plans-need_withdrawn",
        Err(hamyar_app::AppError::Invalid(_)) => "training-plans-need_closed",
        Err(other) => return Err(other.into()),
    };
    Ok(back_to(&format!("/groups/{group}"), notice, "training"))
}

/// One open need of the place's list.
pub struct OpenNeedLine {
    pub group_id: GroupId,
    pub group: String,
    pub href: String,
    pub what: String,
    pub reason: String,
    pub recorded: String,
}

#[derive(Template)]
#[template(path = "training_needs.html")]
struct NeedsTemplate {
    ctx: PageCtx,
    needs: Vec<OpenNeedLine>,
}

fn open_line(open: &OpenNeed, lang: Lang) -> OpenNeedLine {
    OpenNeedLine {
        group_id: open.need.group_id,
        group: format!("{} ({})", open.group_name, lang.digits(&open.group_code)),
        href: format!("/groups/{}#training", open.need.group_id),
        what: what_of(open.kind.as_ref(), &open.need.skill, lang),
        reason: open.need.reason.clone(),
        recorded: format::date(open.need.recorded_on, lang),
    }
}

/// `/training/needs`: the open needs of the reader's place.
pub async fn open_needs(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::RecordAttendance)?;
    let lang = who.lang();
    let needs = state.app.open_training_needs(&actor, None).await?;
    page(&NeedsTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "training-plans-needs_title")
            .with_notice(notice.done.as_deref()),
        needs: needs.iter().map(|n| open_line(n, lang)).collect(),
    })
}

/// The open needs naming a run's kind, as the run's enrolment form lists them: one line
/// per group (its oldest need), since enrolling the group meets them all.
pub(super) fn proposed_groups(needs: &[OpenNeed], lang: Lang) -> Vec<OpenNeedLine> {
    let mut seen = std::collections::HashSet::new();
    needs
        .iter()
        .filter(|n| seen.insert(n.need.group_id))
        .map(|n| open_line(n, lang))
        .collect()
}
