//! The group's page: its details, stage timeline, staff and members past and present, with
//! the summary of its life and its grants, and the small forms that move it through its
//! lifecycle, add a member or record her leaving, and assign its social worker and
//! facilitator. Each form's body is the use-case's input; a refused form opens again with
//! its values and messages (`PageForms`).

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::groups::{GroupPage, StaffInput, StageInput};
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_domain::groups::{
    InactiveReason, JoinInput, LeaveInput, LeaveReason, MemberRole, Premises, StaffDuty,
    SupervisingUnitKind,
};

use super::stage_badge;
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::form::FormView;
use crate::pages::{Notice, back_to, page};
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

pub struct StageView {
    pub date: String,
    pub stage: &'static str,
    pub badge: &'static str,
    pub reason: Option<&'static str>,
    pub note: String,
    pub decided_by: String,
}

pub struct MemberView {
    pub membership_id: i64,
    pub woman_id: WomanId,
    pub name: String,
    pub national_id: String,
    pub role: &'static str,
    pub joined_on: String,
    pub left_on: String,
    pub leave_reason: String,
}

pub struct StaffView {
    pub duty: &'static str,
    pub name: String,
    pub from_on: String,
    pub by: String,
}

pub struct DutyChoices {
    pub code: &'static str,
    pub label: &'static str,
    pub current: String,
    pub users: Vec<Choice>,
}

/// The forms of the page, each with its own values and messages.
#[derive(Default)]
pub struct PageForms {
    pub stage: FormView,
    pub member: FormView,
    pub leave: FormView,
    /// The membership whose leave form failed.
    pub leave_for: Option<i64>,
    pub staff: FormView,
}

impl PageForms {
    /// Whether the leave form of this membership failed (and so opens with its messages).
    pub fn leave_failed(&self, membership_id: &i64) -> bool {
        self.leave_for == Some(*membership_id)
    }
}

#[derive(Template)]
#[template(path = "group.html")]
struct PageTemplate {
    ctx: PageCtx,
    id: GroupId,
    name: String,
    code: String,
    stage: &'static str,
    stage_badge: &'static str,
    details: Vec<(&'static str, String)>,
    stages: Vec<StageView>,
    current_members: Vec<MemberView>,
    past_members: Vec<MemberView>,
    members_count: String,
    size_warning: Option<String>,
    staff_history: Vec<StaffView>,
    duties: Vec<DutyChoices>,
    next_stages: Vec<Choice>,
    inactive_reasons: Vec<Choice>,
    roles: Vec<Choice>,
    leave_reasons: Vec<Choice>,
    forms: PageForms,
    today: String,
    can_manage: bool,
    /// The fund's page is linked for those who read it (a facilitator: her own groups).
    fund: bool,
    /// The form that refers the group's members to an agent bank, for those who refer.
    bank_referral: bool,
    /// The business chart, last visit, open requests and permits (`group_life`).
    life: crate::pages::group_life::LifeSummary,
    /// The group's grants (shown to roles that see money).
    grants: crate::pages::grants::GroupGrants,
    /// The runs its members were in and its training needs.
    training: crate::pages::training::GroupTrainingSection,
}

fn details(view: &GroupPage, lang: Lang) -> Vec<(&'static str, String)> {
    let r = &view.group.record;
    vec![
        ("groups-code", lang.digits(&r.code)),
        ("field-county", view.county_name.clone()),
        ("field-locality", format::or_dash(&r.locality)),
        ("field-business_field", view.business_field.clone()),
        (
            "field-supervising_unit",
            view.unit
                .as_ref()
                .map(|u| {
                    format!(
                        "{} ({})",
                        u.name,
                        codes::label_of::<SupervisingUnitKind>(&u.kind, lang)
                    )
                })
                .unwrap_or_else(|| "—".to_owned()),
        ),
        (
            "field-premises",
            codes::label_of::<Premises>(&r.premises, lang),
        ),
        (
            "field-premises_address",
            format::or_dash(&r.premises_address),
        ),
        ("field-notes", format::or_dash(&r.notes)),
    ]
}

async fn group_page(
    state: &AppState,
    who: &LoggedIn,
    id: GroupId,
    forms: PageForms,
    notice: Option<&str>,
    opening: bool,
) -> WebResult<PageTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let view = state
        .app
        .group_page(&actor, id, lang.is_english(), opening)
        .await?;
    let can_manage = actor.can(Permission::ManageGroups);
    let duties = if can_manage {
        let candidates = state.app.group_staff_candidates(&actor, id).await?;
        candidates
            .into_iter()
            .map(|(duty, users)| {
                let current = match duty {
                    StaffDuty::SocialWorker => view.group.social_worker_id,
                    StaffDuty::Facilitator => view.group.facilitator_id,
                };
                DutyChoices {
                    code: duty.code(),
                    label: codes::label(duty, lang),
                    current: current.map(|c| c.to_string()).unwrap_or_default(),
                    users: users
                        .iter()
                        .map(|u| Choice::new(u.id.to_string(), u.display_name.clone()))
                        .collect(),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let member_view = |m: &hamyar_app::groups::MemberLine| MemberView {
        membership_id: m.membership_id,
        woman_id: m.woman_id,
        name: m.name.clone(),
        national_id: lang.digits(&m.national_id),
        role: codes::label(m.role, lang),
        joined_on: lang.digits(&m.joined_on),
        left_on: m
            .left_on
            .as_deref()
            .map(|d| lang.digits(d))
            .unwrap_or_default(),
        leave_reason: m
            .leave_reason
            .map(|r| codes::label(r, lang).to_owned())
            .map(|label| {
                if m.leave_note.is_empty() {
                    label
                } else {
                    format!("{label} — {}", m.leave_note)
                }
            })
            .unwrap_or_default(),
    };
    let today = format::date(state.app.today(), lang);
    let mut forms = forms;
    for (form, field) in [
        (&mut forms.stage, "effective_on"),
        (&mut forms.member, "joined_on"),
        (&mut forms.staff, "from_on"),
    ] {
        if !form.has_errors() {
            *form = FormView::with_values([(field, today.as_str())]);
        }
    }
    Ok(PageTemplate {
        ctx: PageCtx::for_user(&state.app, who, "groups-page_title").with_notice(notice),
        id,
        name: view.group.record.name.clone(),
        code: lang.digits(&view.group.record.code),
        stage: codes::label(view.stage, lang),
        stage_badge: stage_badge(view.stage),
        details: details(&view, lang),
        stages: view
            .stages
            .iter()
            .rev()
            .map(|s| {
                let stage = s.stage;
                StageView {
                    date: format::date(s.effective_on, lang),
                    stage: codes::label(stage, lang),
                    badge: stage_badge(stage),
                    reason: s.inactive_reason.map(|r| codes::label(r, lang)),
                    note: s.note.clone(),
                    decided_by: s.decided_by_name.clone(),
                }
            })
            .collect(),
        current_members: view
            .members
            .iter()
            .filter(|m| m.is_current())
            .map(member_view)
            .collect(),
        past_members: view
            .members
            .iter()
            .filter(|m| !m.is_current())
            .map(member_view)
            .collect(),
        members_count: lang.number(view.current_members as i64),
        size_warning: view.size_warning.as_ref().map(|p| lang.message(&p.message)),
        staff_history: view
            .staff
            .iter()
            .rev()
            .map(|s| StaffView {
                duty: codes::label(s.duty, lang),
                name: if s.user_id.is_some() {
                    s.user_name.clone()
                } else {
                    lang.t("groups-nobody").to_owned()
                },
                from_on: format::date(s.from_on, lang),
                by: s.assigned_by_name.clone(),
            })
            .collect(),
        duties,
        // Graduating is proposed with its evidence on the graduation page, not moved here.
        next_stages: codes::choices_of(
            &view
                .next_stages
                .iter()
                .copied()
                .filter(|stage| *stage != hamyar_domain::groups::GroupStage::Graduated)
                .collect::<Vec<_>>(),
            lang,
        ),
        inactive_reasons: codes::choices::<InactiveReason>(lang),
        roles: codes::choices::<MemberRole>(lang),
        leave_reasons: codes::choices::<LeaveReason>(lang),
        forms,
        today,
        can_manage,
        bank_referral: actor.can(Permission::ProposeSpending),
        fund: actor.can(Permission::ViewFund)
            && (actor.role != hamyar_app::Role::Facilitator
                || (actor.user_id.is_some() && view.group.facilitator_id == actor.user_id)),
        life: crate::pages::group_life::summary(state, who, id).await?,
        grants: crate::pages::grants::group_section(state, who, id).await?,
        training: crate::pages::training::group_section(state, who, id).await?,
    })
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Query(notice): Query<Notice>,
) -> WebResult<Response> {
    page(
        &group_page(
            &state,
            &who,
            id,
            PageForms::default(),
            notice.done.as_deref(),
            true,
        )
        .await?,
    )
}

/// The page drawn again with one form's values and messages (not audited as a view).
async fn redraw(
    state: &AppState,
    who: &LoggedIn,
    id: GroupId,
    forms: PageForms,
) -> WebResult<PageTemplate> {
    group_page(state, who, id, forms, None, false).await
}

pub async fn move_stage(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Form(input): Form<StageInput>,
) -> WebResult<Response> {
    let result = state.app.move_group_stage(&who.actor(), id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back_to(&format!("/groups/{id}"), "groups-stage_moved", "stages"),
            |stage| {
                let forms = PageForms {
                    stage,
                    ..PageForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

pub async fn add_member(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Form(input): Form<JoinInput>,
) -> WebResult<Response> {
    let result = state.app.add_group_member(&who.actor(), id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |_| back_to(&format!("/groups/{id}"), "groups-member_added", "members"),
            |member| {
                let forms = PageForms {
                    member,
                    ..PageForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

pub async fn leave(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, membership_id)): Path<(GroupId, i64)>,
    Form(input): Form<LeaveInput>,
) -> WebResult<Response> {
    let result = state
        .app
        .end_group_membership(&who.actor(), id, membership_id, &input)
        .await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back_to(&format!("/groups/{id}"), "groups-member_left", "members"),
            |leave| {
                let forms = PageForms {
                    leave,
                    leave_for: Some(membership_id),
                    ..PageForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

pub async fn assign_staff(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Form(input): Form<StaffInput>,
) -> WebResult<Response> {
    let result = state.app.assign_group_staff(&who.actor(), id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back_to(&format!("/groups/{id}"), "groups-staff_assigned", "staff"),
            |staff| {
                let forms = PageForms {
                    staff,
                    ..PageForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}
