//! The life page (`/groups/{id}/life`): the group's months, meetings, visits and permits
//! with the forms that record them. Owns the page's template, the state of its forms
//! ([`LifeForms`]: each form's values and messages, ticked boxes, per-member values, the
//! month being corrected) and the one function that draws it — opened, or drawn again after
//! a refused form — so that every recording handler redraws the same way. `?record=visit`
//! (or `meeting`, `permit`) opens that form on arrival, already dated today, so recording
//! from Today, the group page or the visits due is one tap away.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::ports::group_life::MemberSpan;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_domain::group_life::{Attendance, PermitKind, Referral, SalesChannel, YearMonth};
use hamyar_domain::registry::codes::CodedList;
use serde::Deserialize;

use super::business::{MonthView, month_view, prefill_month};
use super::meetings::{MeetingView, meeting_view};
use super::name_of;
use super::permits::{PermitView, permit_view};
use super::summary::{LifeSummary, summary_of};
use super::visits::{VisitView, visit_view};
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::form::FormView;
use crate::pages::page;
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

/// A checkbox of a coded list.
pub struct CheckChoice {
    pub value: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

/// One member's input in a form (a payment, an attendance mark).
pub struct MemberField {
    pub woman_id: WomanId,
    pub name: String,
    pub value: String,
}

/// The forms of the life page, each with its own values and messages.
#[derive(Default)]
pub struct LifeForms {
    pub business: FormView,
    pub meeting: FormView,
    pub visit: FormView,
    pub permit: FormView,
    pub follow_up: FormView,
    pub follow_up_for: Option<i64>,
    pub resolve: FormView,
    pub resolve_for: Option<i64>,
    /// Ticked boxes and per-member values of a refused form, to show again.
    pub ticked: Vec<String>,
    pub member_values: Vec<(WomanId, String)>,
    /// A recorded month to correct: the business form opens filled with it.
    pub edit_month: Option<(i64, i64)>,
    /// Whether the business form opens (after a refusal, or to correct a month).
    pub business_open: bool,
    /// The form opened on arrival, one tap from Today, the group page or the visits due:
    /// `visit`, `meeting` or `permit` (empty: none).
    pub record: &'static str,
}

impl LifeForms {
    pub fn follow_up_failed(&self, visit: &i64) -> bool {
        self.follow_up_for == Some(*visit)
    }

    pub fn resolve_failed(&self, request: &i64) -> bool {
        self.resolve_for == Some(*request)
    }

    fn member_value(&self, woman_id: WomanId) -> Option<String> {
        self.member_values
            .iter()
            .find(|(w, _)| *w == woman_id)
            .map(|(_, v)| v.clone())
    }
}

#[derive(Template)]
#[template(path = "group_life.html")]
pub(super) struct LifeTemplate {
    ctx: PageCtx,
    id: GroupId,
    name: String,
    code: String,
    summary: LifeSummary,
    months: Vec<MonthView>,
    meetings: Vec<MeetingView>,
    visits: Vec<VisitView>,
    permits: Vec<PermitView>,
    channels: Vec<CheckChoice>,
    referrals: Vec<CheckChoice>,
    permit_kinds: Vec<Choice>,
    attendance_choices: Vec<Choice>,
    payments: Vec<MemberField>,
    attendance: Vec<MemberField>,
    forms: LifeForms,
    today: String,
    can_manage: bool,
}

fn checks<T: CodedList>(ticked: &[String], lang: Lang) -> Vec<CheckChoice> {
    T::all()
        .iter()
        .map(|value| CheckChoice {
            value: value.code(),
            label: codes::label(*value, lang),
            checked: ticked.iter().any(|t| t == value.code()),
        })
        .collect()
}

async fn life_page(
    state: &AppState,
    who: &LoggedIn,
    id: GroupId,
    mut forms: LifeForms,
    notice: Option<&str>,
    opening: bool,
) -> WebResult<LifeTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    let life = state.app.group_life(&actor, id, opening).await?;
    let summary = summary_of(&life, unit, lang);
    let today = format::date(life.today, lang);
    let month = YearMonth::of(life.today);
    if !forms.business.has_errors()
        && let Some((year, month)) = forms.edit_month
        && let Some(row) = life
            .months
            .iter()
            .find(|m| m.year == year && m.month == month)
    {
        prefill_month(&mut forms, row, lang);
    }
    forms.business_open |= forms.business.has_errors();
    let forms_business_prefilled = forms.business_open;
    let defaults: [(&mut FormView, Vec<(&str, String)>); 3] = [
        (
            &mut forms.business,
            vec![
                ("year", lang.digits(&month.year.to_string())),
                ("month", lang.digits(&month.month.to_string())),
            ],
        ),
        (&mut forms.meeting, vec![("held_on", today.clone())]),
        (&mut forms.visit, vec![("visited_on", today.clone())]),
    ];
    for (index, (form, values)) in defaults.into_iter().enumerate() {
        let prefilled = index == 0 && forms_business_prefilled;
        if !form.has_errors() && !prefilled {
            *form = FormView::with_values(values.iter().map(|(k, v)| (*k, v.as_str())));
        }
    }
    let mut people: Vec<&MemberSpan> = Vec::new();
    for span in &life.members {
        if !people.iter().any(|p| p.woman_id == span.woman_id) {
            people.push(span);
        }
    }
    let current: Vec<&MemberSpan> = life.current_members();
    let member_field = |span: &&MemberSpan, default: &str| MemberField {
        woman_id: span.woman_id,
        name: name_of(span),
        value: forms
            .member_value(span.woman_id)
            .unwrap_or_else(|| default.to_owned()),
    };
    let payments = people.iter().map(|s| member_field(s, "")).collect();
    let attendance = current.iter().map(|s| member_field(s, "present")).collect();
    Ok(LifeTemplate {
        ctx: PageCtx::for_user(&state.app, who, "life-title").with_notice(notice),
        id,
        name: life.group.name.clone(),
        code: lang.digits(&life.group.code),
        summary,
        months: life
            .months
            .iter()
            .rev()
            .map(|m| month_view(m, unit, lang))
            .collect(),
        meetings: life
            .meetings
            .iter()
            .map(|m| meeting_view(m, &life, lang))
            .collect(),
        visits: life
            .visits
            .iter()
            .map(|v| visit_view(v, life.follow_up_state(v), lang))
            .collect(),
        permits: life
            .permits
            .iter()
            .map(|p| permit_view(p, life.today, lang))
            .collect(),
        channels: checks::<SalesChannel>(&forms.ticked, lang),
        referrals: checks::<Referral>(&forms.ticked, lang),
        permit_kinds: codes::choices::<PermitKind>(lang),
        attendance_choices: codes::choices::<Attendance>(lang),
        payments,
        attendance,
        forms,
        today,
        can_manage: actor.can(Permission::ManageGroups),
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct LifeQuery {
    done: Option<String>,
    /// A recorded month to correct, `1405-8`.
    edit: Option<String>,
    /// A form to open on arrival: `visit`, `meeting` or `permit`.
    record: Option<String>,
}

/// The form `?record=` asks to open; anything else opens none.
fn record_form(asked: Option<&str>) -> &'static str {
    match asked {
        Some("visit") => "visit",
        Some("meeting") => "meeting",
        Some("permit") => "permit",
        _ => "",
    }
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<GroupId>,
    Query(query): Query<LifeQuery>,
) -> WebResult<Response> {
    let edit_month = query.edit.as_deref().and_then(|text| {
        let (year, month) = text.split_once('-')?;
        Some((year.trim().parse().ok()?, month.trim().parse().ok()?))
    });
    let forms = LifeForms {
        edit_month,
        record: record_form(query.record.as_deref()),
        ..LifeForms::default()
    };
    page(&life_page(&state, &who, id, forms, query.done.as_deref(), true).await?)
}

/// The page drawn again with one form's values and messages (not audited as a view).
pub(super) async fn redraw(
    state: &AppState,
    who: &LoggedIn,
    id: GroupId,
    forms: LifeForms,
) -> WebResult<LifeTemplate> {
    life_page(state, who, id, forms, None, false).await
}
