//! Hamyar groups in the browser: the list with its filters and counts by stage, the form that
//! forms or edits a group, and the group's page — its details, stage timeline, staff, members
//! past and present — with the small forms that move it through its lifecycle, add and remove
//! members and assign its social worker and facilitator. Each form posts to its own route; on
//! a problem the page is drawn again (422) with the messages under that form's fields (a
//! redraw, which the app does not audit as another view), and on success the browser returns
//! to the form's section with a confirmation. The phrases of these pages live here.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use hamyar_app::Permission;
use hamyar_app::groups::{GroupFormOptions, GroupListFilter, GroupPage, StaffInput, StageInput};
use hamyar_domain::JalaliDate;
use hamyar_domain::groups::{
    GroupInput, GroupStage, InactiveReason, JoinInput, LeaveInput, LeaveReason, MemberRole,
    Premises, StaffDuty, SupervisingUnitKind,
};
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::form::FormView;
use crate::pages::{Notice, page, render};
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

fn stage_badge(stage: GroupStage) -> &'static str {
    match stage {
        GroupStage::Active | GroupStage::Reactivated | GroupStage::Graduated => "badge-ok",
        GroupStage::Inactive => "badge-warning",
        GroupStage::Dissolved => "badge-danger",
        GroupStage::Registered | GroupStage::Funded => "badge-info",
        GroupStage::Identified | GroupStage::Trained => "badge-muted",
    }
}

// ---------------------------------------------------------------------------------------
// The list

pub struct ListRowView {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub county: String,
    pub stage: &'static str,
    pub badge: &'static str,
    pub field: String,
}

pub struct StageCountView {
    pub code: &'static str,
    pub label: &'static str,
    pub count: String,
    pub badge: &'static str,
}

#[derive(Template)]
#[template(path = "groups.html")]
struct ListTemplate {
    ctx: PageCtx,
    filters: FormView,
    counties: Vec<Choice>,
    stages: Vec<Choice>,
    fields: Vec<Choice>,
    units: Vec<Choice>,
    rows: Vec<ListRowView>,
    counts: Vec<StageCountView>,
    total: String,
    page: i64,
    prev_query: Option<String>,
    next_query: Option<String>,
    can_manage: bool,
    can_settings: bool,
    /// "Active on a date" and "registered in a year", answered from the stages' history.
    report: ReportView,
}

pub struct ReportView {
    pub form: FormView,
    pub active_on: String,
    pub active_count: String,
    pub year: String,
    pub registered_count: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    province: String,
    #[serde(default)]
    county: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    field: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    page: String,
    #[serde(default)]
    on: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    done: Option<String>,
}

/// The stages a list link asks for: one code, or several joined by commas
/// (`active,reactivated`, what the active-groups figure links to); unknown codes are dropped.
fn stages_of(text: &str) -> Vec<GroupStage> {
    text.split(',').filter_map(GroupStage::parse).collect()
}

fn number(text: &str) -> Option<i64> {
    hamyar_domain::to_latin_digits(text.trim()).parse().ok()
}

pub async fn list(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<ListQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    let lang = who.lang();
    let filter = GroupListFilter {
        province: number(&query.province),
        county: number(&query.county),
        stages: stages_of(&query.stage),
        business_field: Some(query.field.trim().to_owned()).filter(|f| !f.is_empty()),
        supervising_unit: number(&query.unit),
        text: query.q.clone(),
        page: number(&query.page).unwrap_or(1),
    };
    let listing = state
        .app
        .list_groups(&actor, &filter, lang.is_english())
        .await?;
    let fields = state.app.business_fields(&actor).await?;
    let units = state.app.supervising_units(&actor).await?;
    let tree = state.app.place_tree().await?;
    let counties = tree
        .within(actor.scope)
        .into_iter()
        .filter(|p| p.kind == hamyar_app::access::ScopeKind::County)
        .map(|p| Choice::new(p.id.to_string(), p.name(lang.is_english()).to_owned()))
        .collect();
    let report = report_view(&state, &actor, &query, filter.county, lang).await?;
    let base = format!(
        "q={}&province={}&county={}&stage={}&field={}&unit={}",
        urlencoding(&query.q),
        urlencoding(&query.province),
        urlencoding(&query.county),
        urlencoding(&query.stage),
        urlencoding(&query.field),
        urlencoding(&query.unit)
    );
    let template = ListTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "groups-title").with_notice(query.done.as_deref()),
        filters: FormView::with_values([
            ("q", query.q.as_str()),
            ("county", query.county.as_str()),
            ("stage", query.stage.as_str()),
            ("field", query.field.as_str()),
            ("unit", query.unit.as_str()),
        ]),
        counties,
        stages: codes::choices::<GroupStage>(lang),
        fields: fields
            .iter()
            .map(|f| {
                let label = if lang.is_english() {
                    &f.name_en
                } else {
                    &f.name_fa
                };
                Choice::new(f.code.clone(), label.clone())
            })
            .collect(),
        units: units
            .iter()
            .map(|u| Choice::new(u.id.to_string(), u.name.clone()))
            .collect(),
        rows: listing
            .rows
            .into_iter()
            .map(|row| ListRowView {
                id: row.id,
                code: lang.digits(&row.code),
                name: row.name,
                county: row.county_name,
                stage: codes::label(row.stage, lang),
                badge: stage_badge(row.stage),
                field: row.business_field,
            })
            .collect(),
        counts: listing
            .counts
            .iter()
            .map(|(stage, n)| StageCountView {
                code: stage.code(),
                label: codes::label(*stage, lang),
                count: lang.number(*n),
                badge: stage_badge(*stage),
            })
            .collect(),
        total: lang.number(listing.total),
        page: listing.page,
        prev_query: (listing.page > 1).then(|| format!("{base}&page={}", listing.page - 1)),
        next_query: listing
            .has_next
            .then(|| format!("{base}&page={}", listing.page + 1)),
        can_manage: actor.can(Permission::ManageGroups),
        can_settings: actor.can(Permission::ManageGroupSettings),
        report,
    };
    page(&template)
}

/// Answers the two report questions for the list's county (or the whole scope): how many
/// groups were active on a day (today unless asked) and how many were first registered in a
/// Jalali year (this year unless asked). A bad date or year shows its message instead.
async fn report_view(
    state: &AppState,
    actor: &hamyar_app::Actor,
    query: &ListQuery,
    county: Option<i64>,
    lang: Lang,
) -> WebResult<ReportView> {
    let today = state.app.today();
    let mut form =
        FormView::with_values([("on", query.on.as_str()), ("year", query.year.as_str())]);
    let place = county.map(|county| hamyar_app::ports::groups::PlaceFilter {
        province_id: None,
        county_id: Some(county),
    });
    let on = if query.on.trim().is_empty() {
        Some(today)
    } else {
        match JalaliDate::parse(&query.on) {
            Ok(date) => Some(date),
            Err(error) => {
                form.add_errors(
                    &[hamyar_app::FieldError::new(
                        "on",
                        error.message_fa(),
                        error.message_en(),
                    )],
                    lang,
                );
                None
            }
        }
    };
    let year = if query.year.trim().is_empty() {
        Some(today.year())
    } else {
        let parsed = hamyar_domain::to_latin_digits(query.year.trim())
            .parse::<i32>()
            .ok();
        if parsed.is_none() {
            form.add_errors(
                &[hamyar_app::FieldError::new(
                    "year",
                    "سال را با چهار رقم بنویسید، مانند ۱۴۰۴",
                    "Write the year with four digits, like 1404",
                )],
                lang,
            );
        }
        parsed
    };
    let active_count = match on {
        Some(date) => {
            let found = state.app.groups_active_count_on(actor, place, date).await?;
            lang.number(found as i64)
        }
        None => "—".to_owned(),
    };
    let registered_count = match year {
        Some(year) => match state
            .app
            .groups_registered_in_year(actor, place, year)
            .await
        {
            Ok(found) => lang.number(found.count as i64),
            Err(error) => {
                form.absorb(error, lang)?;
                "—".to_owned()
            }
        },
        None => "—".to_owned(),
    };
    Ok(ReportView {
        form,
        active_on: on.map(|d| format::date(d, lang)).unwrap_or_default(),
        active_count,
        year: year
            .map(|y| lang.digits(&y.to_string()))
            .unwrap_or_default(),
        registered_count,
    })
}

/// Percent-encodes a query value (the list's links keep its filters).
fn urlencoding(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Forming and editing

#[derive(Template)]
#[template(path = "group_form.html")]
struct FormTemplate {
    ctx: PageCtx,
    form: FormView,
    action: String,
    editing: Option<i64>,
    version: i64,
    counties: Vec<Choice>,
    units: Vec<Choice>,
    fields: Vec<Choice>,
    premises: Vec<Choice>,
}

fn form_template(
    ctx: PageCtx,
    options: &GroupFormOptions,
    form: FormView,
    editing: Option<(i64, i64)>,
    lang: Lang,
) -> FormTemplate {
    FormTemplate {
        ctx,
        form,
        action: match editing {
            Some((id, _)) => format!("/groups/{id}/edit"),
            None => "/groups".to_owned(),
        },
        editing: editing.map(|(id, _)| id),
        version: editing.map_or(0, |(_, v)| v),
        counties: options
            .counties
            .iter()
            .map(|p| Choice::new(p.id.to_string(), p.name(lang.is_english()).to_owned()))
            .collect(),
        units: options
            .units
            .iter()
            .filter(|u| u.active)
            .map(|u| {
                let kind = codes::label_of::<SupervisingUnitKind>(&u.kind, lang);
                Choice::new(u.id.to_string(), format!("{} ({kind})", u.name))
            })
            .collect(),
        fields: options
            .fields
            .iter()
            .filter(|f| f.active)
            .map(|f| {
                let label = if lang.is_english() {
                    &f.name_en
                } else {
                    &f.name_fa
                };
                Choice::new(f.code.clone(), label.clone())
            })
            .collect(),
        premises: codes::choices_of(&options.premises, lang),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct GroupForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    county: String,
    #[serde(default)]
    locality: String,
    #[serde(default)]
    supervising_unit: String,
    #[serde(default)]
    business_field: String,
    #[serde(default)]
    business_field_other: String,
    #[serde(default)]
    premises: String,
    #[serde(default)]
    premises_address: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    identified_on: String,
    #[serde(default)]
    version: String,
}

impl GroupForm {
    fn input(&self) -> GroupInput {
        GroupInput {
            code: self.code.clone(),
            name: self.name.clone(),
            county: self.county.clone(),
            locality: self.locality.clone(),
            supervising_unit: self.supervising_unit.clone(),
            business_field: self.business_field.clone(),
            business_field_other: self.business_field_other.clone(),
            premises: self.premises.clone(),
            premises_address: self.premises_address.clone(),
            notes: self.notes.clone(),
            identified_on: self.identified_on.clone(),
        }
    }
}

fn form_of(input: &GroupInput) -> FormView {
    FormView::with_values([
        ("code", input.code.as_str()),
        ("name", input.name.as_str()),
        ("county", input.county.as_str()),
        ("locality", input.locality.as_str()),
        ("supervising_unit", input.supervising_unit.as_str()),
        ("business_field", input.business_field.as_str()),
        ("business_field_other", input.business_field_other.as_str()),
        ("premises", input.premises.as_str()),
        ("premises_address", input.premises_address.as_str()),
        ("notes", input.notes.as_str()),
        ("identified_on", input.identified_on.as_str()),
    ])
}

pub async fn new_form(State(state): State<AppState>, who: LoggedIn) -> WebResult<Response> {
    let actor = who.actor();
    let options = state.app.group_form_options(&actor).await?;
    let mut input = GroupInput::default();
    if let [only] = options.counties.as_slice() {
        input.county = only.id.to_string();
    }
    let ctx = PageCtx::for_user(&state.app, &who, "groups-new_title");
    page(&form_template(
        ctx,
        &options,
        form_of(&input),
        None,
        who.lang(),
    ))
}

pub async fn create(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(form): Form<GroupForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    let input = form.input();
    match state.app.create_group(&actor, &input).await {
        Ok(id) => Ok(Redirect::to(&format!("/groups/{id}?done=groups-created")).into_response()),
        Err(error) => {
            let mut view = form_of(&input);
            view.absorb(error, who.lang())?;
            let options = state.app.group_form_options(&actor).await?;
            let ctx = PageCtx::for_user(&state.app, &who, "groups-new_title");
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &form_template(ctx, &options, view, None, who.lang()),
            )
        }
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
) -> WebResult<Response> {
    let actor = who.actor();
    let (input, version) = state.app.group_input(&actor, id).await?;
    let options = state.app.group_form_options(&actor).await?;
    let ctx = PageCtx::for_user(&state.app, &who, "groups-edit_title");
    page(&form_template(
        ctx,
        &options,
        form_of(&input),
        Some((id, version)),
        who.lang(),
    ))
}

pub async fn update(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(form): Form<GroupForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    let input = form.input();
    let version = number(&form.version).unwrap_or(0);
    match state.app.update_group(&actor, id, version, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("/groups/{id}?done=groups-updated")).into_response()),
        Err(error) => {
            let mut view = form_of(&input);
            view.absorb(error, who.lang())?;
            let options = state.app.group_form_options(&actor).await?;
            let ctx = PageCtx::for_user(&state.app, &who, "groups-edit_title");
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &form_template(ctx, &options, view, Some((id, version)), who.lang()),
            )
        }
    }
}

// ---------------------------------------------------------------------------------------
// The group's page

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
    pub woman_id: i64,
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
    id: i64,
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
    /// The business chart, last visit, open requests and permits (`group_life`).
    life: crate::pages::group_life::LifeSummary,
    /// The group's grants (shown to roles that see money).
    grants: crate::pages::grants::GroupGrants,
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
    id: i64,
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
                let stage = GroupStage::parse(&s.stage).unwrap_or(GroupStage::Identified);
                StageView {
                    date: format::iso_date(&s.effective_on, lang),
                    stage: codes::label(stage, lang),
                    badge: stage_badge(stage),
                    reason: s
                        .inactive_reason
                        .as_deref()
                        .and_then(InactiveReason::parse)
                        .map(|r| codes::label(r, lang)),
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
        size_warning: view.size_warning.as_ref().map(|p| {
            if lang.is_english() {
                p.message_en.clone()
            } else {
                p.message_fa.clone()
            }
        }),
        staff_history: view
            .staff
            .iter()
            .rev()
            .map(|s| StaffView {
                duty: StaffDuty::parse(&s.duty)
                    .map(|d| codes::label(d, lang))
                    .unwrap_or(""),
                name: if s.user_id.is_some() {
                    s.user_name.clone()
                } else {
                    lang.t("groups-nobody").to_owned()
                },
                from_on: format::iso_date(&s.from_on, lang),
                by: s.assigned_by_name.clone(),
            })
            .collect(),
        duties,
        next_stages: codes::choices_of(&view.next_stages, lang),
        inactive_reasons: codes::choices::<InactiveReason>(lang),
        roles: codes::choices::<MemberRole>(lang),
        leave_reasons: codes::choices::<LeaveReason>(lang),
        forms,
        today,
        can_manage,
        life: crate::pages::group_life::summary(state, who, id).await?,
        grants: crate::pages::grants::group_section(state, who, id).await?,
    })
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
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

fn back_to(id: i64, notice_key: &str, section: &str) -> Response {
    Redirect::to(&format!("/groups/{id}?done={notice_key}#{section}")).into_response()
}

async fn with_problems(
    state: &AppState,
    who: &LoggedIn,
    id: i64,
    forms: PageForms,
) -> WebResult<Response> {
    render(
        StatusCode::UNPROCESSABLE_ENTITY,
        &group_page(state, who, id, forms, None, false).await?,
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct StageForm {
    #[serde(default)]
    stage: String,
    #[serde(default)]
    effective_on: String,
    #[serde(default)]
    inactive_reason: String,
    #[serde(default)]
    note: String,
}

pub async fn move_stage(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(form): Form<StageForm>,
) -> WebResult<Response> {
    let input = StageInput {
        stage: form.stage.clone(),
        effective_on: form.effective_on.clone(),
        inactive_reason: form.inactive_reason.clone(),
        note: form.note.clone(),
    };
    match state.app.move_group_stage(&who.actor(), id, &input).await {
        Ok(()) => Ok(back_to(id, "groups-stage_moved", "stages")),
        Err(error) => {
            let mut view = FormView::with_values([
                ("stage", form.stage.as_str()),
                ("effective_on", form.effective_on.as_str()),
                ("inactive_reason", form.inactive_reason.as_str()),
                ("note", form.note.as_str()),
            ]);
            view.absorb(error, who.lang())?;
            let forms = PageForms {
                stage: view,
                ..PageForms::default()
            };
            with_problems(&state, &who, id, forms).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    national_id: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    joined_on: String,
}

pub async fn add_member(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(form): Form<MemberForm>,
) -> WebResult<Response> {
    let input = JoinInput {
        national_id: form.national_id.clone(),
        role: form.role.clone(),
        joined_on: form.joined_on.clone(),
    };
    match state.app.add_group_member(&who.actor(), id, &input).await {
        Ok(_) => Ok(back_to(id, "groups-member_added", "members")),
        Err(error) => {
            let mut view = FormView::with_values([
                ("national_id", form.national_id.as_str()),
                ("role", form.role.as_str()),
                ("joined_on", form.joined_on.as_str()),
            ]);
            view.absorb(error, who.lang())?;
            let forms = PageForms {
                member: view,
                ..PageForms::default()
            };
            with_problems(&state, &who, id, forms).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct LeaveForm {
    #[serde(default)]
    left_on: String,
    #[serde(default)]
    leave_reason: String,
    #[serde(default)]
    leave_note: String,
}

pub async fn leave(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, membership_id)): Path<(i64, i64)>,
    Form(form): Form<LeaveForm>,
) -> WebResult<Response> {
    let input = LeaveInput {
        left_on: form.left_on.clone(),
        leave_reason: form.leave_reason.clone(),
        leave_note: form.leave_note.clone(),
    };
    match state
        .app
        .end_group_membership(&who.actor(), id, membership_id, &input)
        .await
    {
        Ok(()) => Ok(back_to(id, "groups-member_left", "members")),
        Err(error) => {
            let mut view = FormView::with_values([
                ("left_on", form.left_on.as_str()),
                ("leave_reason", form.leave_reason.as_str()),
                ("leave_note", form.leave_note.as_str()),
            ]);
            view.absorb(error, who.lang())?;
            let forms = PageForms {
                leave: view,
                leave_for: Some(membership_id),
                ..PageForms::default()
            };
            with_problems(&state, &who, id, forms).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct StaffForm {
    #[serde(default)]
    duty: String,
    #[serde(default)]
    user: String,
    #[serde(default)]
    from_on: String,
}

pub async fn assign_staff(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(form): Form<StaffForm>,
) -> WebResult<Response> {
    let input = StaffInput {
        duty: form.duty.clone(),
        user: form.user.clone(),
        from_on: form.from_on.clone(),
    };
    match state.app.assign_group_staff(&who.actor(), id, &input).await {
        Ok(()) => Ok(back_to(id, "groups-staff_assigned", "staff")),
        Err(error) => {
            let mut view = FormView::with_values([
                ("duty", form.duty.as_str()),
                ("user", form.user.as_str()),
                ("from_on", form.from_on.as_str()),
            ]);
            view.absorb(error, who.lang())?;
            let forms = PageForms {
                staff: view,
                ..PageForms::default()
            };
            with_problems(&state, &who, id, forms).await
        }
    }
}

// ---------------------------------------------------------------------------------------
// A province's settings and supervising units

pub struct UnitView {
    pub name: String,
    pub kind: String,
    pub county: String,
}

#[derive(Template)]
#[template(path = "group_settings.html")]
struct SettingsTemplate {
    ctx: PageCtx,
    provinces: Vec<Choice>,
    province: String,
    settings_form: FormView,
    allow_two_groups: bool,
    unit_form: FormView,
    counties: Vec<Choice>,
    kinds: Vec<Choice>,
    units: Vec<UnitView>,
    fields: Vec<FieldView>,
    field_form: FormView,
    can_fields: bool,
    /// The province's double-support window (`pages::facilities`).
    support_form: FormView,
}

pub struct FieldView {
    pub code: String,
    pub name_fa: String,
    pub name_en: String,
    pub active: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct SettingsQuery {
    #[serde(default)]
    province: String,
    #[serde(default)]
    done: Option<String>,
}

async fn settings_page(
    state: &AppState,
    who: &LoggedIn,
    province: Option<i64>,
    settings_form: Option<FormView>,
    unit_form: FormView,
    field_form: FormView,
    notice: Option<&str>,
) -> WebResult<SettingsTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    actor.require(Permission::ManageGroupSettings)?;
    let tree = state.app.place_tree().await?;
    let provinces: Vec<Choice> = tree
        .within(actor.scope)
        .into_iter()
        .filter(|p| p.kind == hamyar_app::access::ScopeKind::Province)
        .map(|p| Choice::new(p.id.to_string(), p.name(lang.is_english()).to_owned()))
        .collect();
    let province = province
        .or_else(|| actor.scope.province())
        .or_else(|| provinces.first().and_then(|p| p.value.parse().ok()));
    let (form, allow) = match (settings_form, province) {
        (Some(form), _) => {
            let allow = form.value("allow_two_groups") == "1";
            (form, allow)
        }
        (None, Some(province)) => {
            let settings = state.app.group_settings(&actor, province).await?;
            let min = settings.size.min.to_string();
            let max = settings.size.max.to_string();
            (
                FormView::with_values([("min", min.as_str()), ("max", max.as_str())]),
                settings.allow_two_groups,
            )
        }
        (None, None) => (FormView::default(), false),
    };
    let units = state.app.supervising_units(&actor).await?;
    let fields = state.app.business_fields(&actor).await?;
    let support_form = match province {
        Some(province) => {
            let months = state.app.double_support_months(&actor, province).await?;
            let months = lang.number(i64::from(months.months()));
            FormView::with_values([("double_support_months", months.as_str())])
        }
        None => FormView::default(),
    };
    Ok(SettingsTemplate {
        support_form,
        fields: fields
            .into_iter()
            .map(|f| FieldView {
                code: f.code,
                name_fa: f.name_fa,
                name_en: f.name_en,
                active: f.active,
            })
            .collect(),
        field_form,
        can_fields: actor.can(Permission::ManageProgrammeSettings),
        ctx: PageCtx::for_user(&state.app, who, "groups-settings_title").with_notice(notice),
        provinces,
        province: province.map(|p| p.to_string()).unwrap_or_default(),
        settings_form: form,
        allow_two_groups: allow,
        unit_form,
        counties: tree
            .within(actor.scope)
            .into_iter()
            .filter(|p| p.kind == hamyar_app::access::ScopeKind::County)
            .map(|p| Choice::new(p.id.to_string(), p.name(lang.is_english()).to_owned()))
            .collect(),
        kinds: codes::choices::<SupervisingUnitKind>(lang),
        units: units
            .iter()
            .map(|u| UnitView {
                name: u.name.clone(),
                kind: codes::label_of::<SupervisingUnitKind>(&u.kind, lang),
                county: tree.label(u.county_id, lang.is_english()),
            })
            .collect(),
    })
}

pub async fn settings(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<SettingsQuery>,
) -> WebResult<Response> {
    let province = number(&query.province);
    page(
        &settings_page(
            &state,
            &who,
            province,
            None,
            FormView::default(),
            FormView::default(),
            query.done.as_deref(),
        )
        .await?,
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    province: String,
    #[serde(default)]
    min: String,
    #[serde(default)]
    max: String,
    #[serde(default)]
    allow_two_groups: String,
}

pub async fn save_settings(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(form): Form<SettingsForm>,
) -> WebResult<Response> {
    let province = number(&form.province).unwrap_or(0);
    let allow = form.allow_two_groups == "1";
    match state
        .app
        .set_group_settings(&who.actor(), province, &form.min, &form.max, allow)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/groups/settings?province={province}&done=groups-settings_saved"
        ))
        .into_response()),
        Err(error) => {
            let mut view = FormView::with_values([
                ("min", form.min.as_str()),
                ("max", form.max.as_str()),
                ("allow_two_groups", form.allow_two_groups.as_str()),
            ]);
            view.absorb(error, who.lang())?;
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &settings_page(
                    &state,
                    &who,
                    Some(province),
                    Some(view),
                    FormView::default(),
                    FormView::default(),
                    None,
                )
                .await?,
            )
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct DoubleSupportForm {
    #[serde(default)]
    province: String,
    #[serde(default)]
    double_support_months: String,
}

/// Saves the province's double-support window (`App::set_double_support_months`).
pub async fn save_double_support(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(form): Form<DoubleSupportForm>,
) -> WebResult<Response> {
    let province = number(&form.province).unwrap_or(0);
    let months = form.double_support_months.as_str();
    match state
        .app
        .set_double_support_months(&who.actor(), province, months)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/groups/settings?province={province}&done=facilities-window_saved#double-support"
        ))
        .into_response()),
        Err(error) => {
            let mut view = FormView::with_values([("double_support_months", months)]);
            view.absorb(error, who.lang())?;
            let mut template = settings_page(
                &state,
                &who,
                Some(province),
                None,
                FormView::default(),
                FormView::default(),
                None,
            )
            .await?;
            template.support_form = view;
            render(StatusCode::UNPROCESSABLE_ENTITY, &template)
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct UnitForm {
    #[serde(default)]
    county: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
}

pub async fn add_unit(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(form): Form<UnitForm>,
) -> WebResult<Response> {
    let county = number(&form.county).unwrap_or(0);
    match state
        .app
        .add_supervising_unit(&who.actor(), county, &form.kind, &form.name)
        .await
    {
        Ok(_) => Ok(Redirect::to("/groups/settings?done=groups-unit_added#units").into_response()),
        Err(error) => {
            let mut view = FormView::with_values([
                ("county", form.county.as_str()),
                ("kind", form.kind.as_str()),
                ("name", form.name.as_str()),
            ]);
            view.absorb(error, who.lang())?;
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &settings_page(&state, &who, None, None, view, FormView::default(), None).await?,
            )
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct BusinessFieldForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_fa: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    active: String,
}

/// Adds a business field to the national list, or renames or retires one (by its code).
pub async fn put_field(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(form): Form<BusinessFieldForm>,
) -> WebResult<Response> {
    let row = hamyar_app::ports::groups::BusinessFieldRow {
        code: form.code.trim().to_owned(),
        name_fa: form.name_fa.trim().to_owned(),
        name_en: form.name_en.trim().to_owned(),
        position: number(&form.position).unwrap_or(50),
        active: form.active == "1",
    };
    match state.app.put_business_field(&who.actor(), &row).await {
        Ok(()) => {
            Ok(Redirect::to("/groups/settings?done=groups-field_saved#fields").into_response())
        }
        Err(error) => {
            let mut view = FormView::with_values([
                ("code", form.code.as_str()),
                ("name_fa", form.name_fa.as_str()),
                ("name_en", form.name_en.as_str()),
                ("position", form.position.as_str()),
                ("active", form.active.as_str()),
            ]);
            view.absorb(error, who.lang())?;
            render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &settings_page(&state, &who, None, None, FormView::default(), view, None).await?,
            )
        }
    }
}
