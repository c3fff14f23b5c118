//! A group's life in the browser: its own page (`/groups/{id}/life`) with the business chart
//! and the monthly records, meetings with attendance, monitoring visits with their requests,
//! referrals and follow-ups, and permits — each with the small form that records it — plus
//! the summary the group page shows (chart, last visit, open requests, permits about to
//! expire, the no-visit flag), and the office's list of visits due and overdue per county with
//! the provincial "no visit for N months" setting.
//!
//! Forms whose fields depend on the group (a payment per member, attendance per member,
//! ticked channels and referrals) arrive as a list of pairs. Each form posts to its own route;
//! on a problem the page is drawn again (422) with the messages under that form's fields, and
//! on success the browser returns to the form's section with a confirmation.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::group_life::GroupLife;
use hamyar_app::group_life::visit_figures::{
    FOLLOW_UPS_DUE, FOLLOW_UPS_OVERDUE, GROUPS_OWED_A_VISIT,
};
use hamyar_app::group_life::visits::{
    DutyItem, DutyLine, VISITS_DUE_PER_PAGE, VisitsDue, VisitsDueFilter,
};
use hamyar_app::ports::group_life::{MemberSpan, VisitRow};
use hamyar_domain::group_life::{
    Attendance, AttendanceInput, BusinessInput, FollowUpState, MeetingInput, PaymentInput,
    PermitInput, PermitKind, PermitState, Referral, SalesChannel, VisitInput, YearMonth,
};
use hamyar_domain::registry::codes::CodedList;
use hamyar_domain::{JalaliDate, MoneyUnit};
use serde::{Deserialize, Serialize};

use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::form::FormView;
use crate::pages::group_chart;
use crate::pages::{back_to, page};
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

// ---------------------------------------------------------------------------------------
// Views

/// A checkbox of a coded list.
pub struct CheckChoice {
    pub value: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

/// One member's input in a form (a payment, an attendance mark).
pub struct MemberField {
    pub woman_id: i64,
    pub name: String,
    pub value: String,
}

pub struct MonthView {
    /// `1405-8`, for the link that opens the form filled with this month.
    pub edit_key: String,
    pub label: String,
    pub revenue: String,
    pub costs: String,
    pub profit: String,
    pub loss: bool,
    pub working: String,
    pub hired: String,
    pub channels: String,
    pub paid: String,
    pub recorded_by: String,
}

pub struct MeetingView {
    pub date: String,
    pub place: String,
    pub topics: String,
    pub decisions: String,
    /// «۵ از ۶».
    pub present: String,
    /// Each member with her mark.
    pub marks: Vec<(String, &'static str)>,
    pub recorded_by: String,
}

pub struct RequestView {
    pub id: i64,
    pub text: String,
    pub raised_on: String,
    pub resolved: Option<String>,
}

pub struct VisitView {
    pub id: i64,
    pub date: String,
    pub visitor: String,
    pub purpose: String,
    pub findings: String,
    pub referrals: String,
    pub due: String,
    pub state: &'static str,
    pub badge: &'static str,
    pub follow_up: Option<String>,
    pub owed: bool,
    pub requests: Vec<RequestView>,
}

pub struct PermitView {
    pub kind: String,
    pub number: String,
    pub issued: String,
    pub expires: String,
    pub state: &'static str,
    pub badge: &'static str,
}

/// What the group page shows of the group's life.
pub struct LifeSummary {
    pub id: i64,
    pub chart: Option<String>,
    pub last_month: Option<MonthView>,
    pub last_visit: Option<VisitView>,
    pub open_requests: Vec<RequestView>,
    pub permits: Vec<PermitView>,
    /// «بیش از ۳ ماه بازدید نشده است».
    pub no_visit: Option<String>,
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
    pub member_values: Vec<(i64, String)>,
    /// A recorded month to correct: the business form opens filled with it.
    pub edit_month: Option<(i64, i64)>,
    /// Whether the business form opens (after a refusal, or to correct a month).
    pub business_open: bool,
}

impl LifeForms {
    pub fn follow_up_failed(&self, visit: &i64) -> bool {
        self.follow_up_for == Some(*visit)
    }

    pub fn resolve_failed(&self, request: &i64) -> bool {
        self.resolve_for == Some(*request)
    }

    fn member_value(&self, woman_id: i64) -> Option<String> {
        self.member_values
            .iter()
            .find(|(w, _)| *w == woman_id)
            .map(|(_, v)| v.clone())
    }
}

fn labels_of<T: CodedList>(codes: &str, other: &str, lang: Lang) -> String {
    let labels: Vec<String> = codes
        .split(',')
        .filter(|c| !c.is_empty())
        .map(|code| codes::label_of::<T>(code, lang))
        .collect();
    let mut text = labels.join("، ");
    if !other.is_empty() {
        text = format!("{text} ({other})");
    }
    if text.is_empty() {
        "—".to_owned()
    } else {
        text
    }
}

fn name_of(span: &MemberSpan) -> String {
    format!("{} {}", span.first_name, span.last_name)
}

fn month_view(
    m: &hamyar_app::ports::group_life::BusinessMonthRow,
    unit: MoneyUnit,
    lang: Lang,
) -> MonthView {
    let month = i32::try_from(m.year)
        .ok()
        .zip(u8::try_from(m.month).ok())
        .and_then(|(year, month)| YearMonth::new(year, month));
    let paid = m
        .payments
        .iter()
        .fold(0_i64, |total, (_, amount)| total.saturating_add(*amount));
    MonthView {
        edit_key: format!("{}-{}", m.year, m.month),
        label: month.map_or_else(String::new, |m| {
            if lang.is_english() {
                m.label_en()
            } else {
                m.label_fa()
            }
        }),
        revenue: format::money(m.revenue_rials, unit, lang),
        costs: format::money(m.costs_rials, unit, lang),
        profit: format::money(m.profit_rials, unit, lang),
        loss: m.profit_rials < 0,
        working: lang.number(m.members_working),
        hired: lang.number(m.people_hired),
        channels: labels_of::<SalesChannel>(&m.channels, &m.channel_other, lang),
        paid: format!(
            "{} ({} {})",
            format::money(paid, unit, lang),
            lang.number(m.payments.len() as i64),
            lang.t("life-people")
        ),
        recorded_by: m.recorded_by_name.clone(),
    }
}

fn follow_up_label(state: FollowUpState) -> (&'static str, &'static str) {
    match state {
        FollowUpState::NotAsked => ("life-follow_up_not_asked", "badge-muted"),
        FollowUpState::Done => ("life-follow_up_done", "badge-ok"),
        FollowUpState::Answered => ("life-follow_up_answered", "badge-ok"),
        FollowUpState::GroupEnded => ("life-follow_up_group_ended", "badge-muted"),
        FollowUpState::Scheduled => ("life-follow_up_scheduled", "badge-info"),
        FollowUpState::Due => ("life-follow_up_due", "badge-warning"),
        FollowUpState::Overdue => ("life-follow_up_overdue", "badge-danger"),
    }
}

/// How the follow-up was closed: resolved (date — note, by whom) or answered by the visit of
/// a later day.
fn follow_up_text(visit: &VisitRow, lang: Lang) -> Option<String> {
    if visit.follow_up_closed_by_visit_id.is_some() {
        let on = visit.follow_up_closed_on.as_deref()?;
        return Some(format!(
            "{} {}",
            lang.t("life-answered_by_visit_of"),
            format::iso_date(on, lang)
        ));
    }
    let done = visit.follow_up_done_on.as_deref()?;
    let mut text = format!(
        "{} — {}",
        format::iso_date(done, lang),
        visit.follow_up_note
    );
    if !visit.follow_up_done_by_name.is_empty() {
        text.push_str(&format!(" ({})", visit.follow_up_done_by_name));
    }
    Some(text)
}

fn visit_view(visit: &VisitRow, state: FollowUpState, lang: Lang) -> VisitView {
    let (label, badge) = follow_up_label(state);
    VisitView {
        id: visit.id,
        date: format::iso_date(&visit.visited_on, lang),
        visitor: visit.visitor_name.clone(),
        purpose: visit.purpose.clone(),
        findings: visit.findings.clone(),
        referrals: labels_of::<Referral>(&visit.referrals, &visit.referral_other, lang),
        due: visit
            .follow_up_due
            .map_or_else(|| "—".to_owned(), |d| format::date(d, lang)),
        state: lang.t(label),
        badge,
        follow_up: follow_up_text(visit, lang),
        owed: matches!(
            state,
            FollowUpState::Scheduled | FollowUpState::Due | FollowUpState::Overdue
        ),
        requests: visit
            .requests
            .iter()
            .map(|r| RequestView {
                id: r.id,
                text: r.request.clone(),
                raised_on: format::iso_date(&visit.visited_on, lang),
                resolved: r
                    .resolved_on
                    .as_deref()
                    .map(|d| format!("{} — {}", format::iso_date(d, lang), r.resolution_note)),
            })
            .collect(),
    }
}

fn permit_view(
    permit: &hamyar_app::ports::group_life::PermitRow,
    today: JalaliDate,
    lang: Lang,
) -> PermitView {
    let state = PermitState::on(permit.expires_on, today);
    let (label, badge) = match state {
        PermitState::Valid => ("life-permit_valid", "badge-ok"),
        PermitState::ExpiringSoon => ("life-permit_expiring", "badge-warning"),
        PermitState::Expired => ("life-permit_expired", "badge-danger"),
    };
    PermitView {
        kind: codes::label_of::<PermitKind>(&permit.kind, lang),
        number: lang.digits(&permit.number),
        issued: format::iso_date(&permit.issued_on, lang),
        expires: format::date(permit.expires_on, lang),
        state: lang.t(label),
        badge,
    }
}

fn no_visit_text(life: &GroupLife, lang: Lang) -> Option<String> {
    life.not_visited_lately.then(|| {
        format!(
            "{} {} {}",
            lang.t("life-no_visit_before"),
            lang.number(i64::from(life.no_visit_months.months())),
            lang.t("life-no_visit_after")
        )
    })
}

fn chart(life: &GroupLife, unit: MoneyUnit, lang: Lang) -> Option<String> {
    group_chart::svg(
        &group_chart::slots(&life.months, life.today),
        lang,
        unit,
        lang.t("life-chart_title"),
    )
}

/// The group page's section on the group's life.
/// The group page's section on the group's life (the group page audits its own opening).
pub async fn summary(state: &AppState, who: &LoggedIn, id: i64) -> WebResult<LifeSummary> {
    let life = state.app.group_life(&who.actor(), id, false).await?;
    Ok(summary_of(&life, who.session.user.money_unit, who.lang()))
}

fn summary_of(life: &GroupLife, unit: MoneyUnit, lang: Lang) -> LifeSummary {
    LifeSummary {
        id: life.group.id,
        chart: chart(life, unit, lang),
        last_month: life.months.last().map(|m| month_view(m, unit, lang)),
        last_visit: life
            .last_visit()
            .map(|v| visit_view(v, life.follow_up_state(v), lang)),
        open_requests: life
            .open_requests()
            .into_iter()
            .map(|(visit, request)| RequestView {
                id: request.id,
                text: request.request.clone(),
                raised_on: format::iso_date(&visit.visited_on, lang),
                resolved: None,
            })
            .collect(),
        permits: life
            .permits_needing_attention()
            .into_iter()
            .map(|(permit, _)| permit_view(permit, life.today, lang))
            .collect(),
        no_visit: no_visit_text(life, lang),
    }
}

// ---------------------------------------------------------------------------------------
// The life page

#[derive(Template)]
#[template(path = "group_life.html")]
struct LifeTemplate {
    ctx: PageCtx,
    id: i64,
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

fn meeting_view(
    m: &hamyar_app::ports::group_life::MeetingRow,
    life: &GroupLife,
    lang: Lang,
) -> MeetingView {
    let present = m.attendance.iter().filter(|(_, a)| a == "present").count();
    MeetingView {
        date: format::iso_date(&m.held_on, lang),
        place: m.place.clone(),
        topics: m.topics.clone(),
        decisions: m.decisions.clone(),
        present: format!(
            "{} {} {}",
            lang.number(present as i64),
            lang.t("life-of"),
            lang.number(m.attendance.len() as i64)
        ),
        marks: m
            .attendance
            .iter()
            .map(|(woman, mark)| {
                let name = life
                    .members
                    .iter()
                    .find(|s| s.woman_id == *woman)
                    .map_or_else(|| woman.to_string(), name_of);
                let label = Attendance::parse(mark).map_or("", |a| codes::label(a, lang));
                (name, label)
            })
            .collect(),
        recorded_by: m.recorded_by_name.clone(),
    }
}

/// Fills the business form with a recorded month, to correct it (digits in the language).
fn prefill_month(
    forms: &mut LifeForms,
    row: &hamyar_app::ports::group_life::BusinessMonthRow,
    lang: Lang,
) {
    let number = |n: i64| lang.digits(&n.to_string());
    let values = [
        ("year", number(row.year)),
        ("month", number(row.month)),
        ("revenue", number(row.revenue_rials)),
        ("costs", number(row.costs_rials)),
        ("members_working", number(row.members_working)),
        ("people_hired", number(row.people_hired)),
        ("channel_other", row.channel_other.clone()),
    ];
    forms.business = FormView::with_values(values.iter().map(|(k, v)| (*k, v.as_str())));
    forms.ticked = row.channels.split(',').map(str::to_owned).collect();
    forms.member_values = row
        .payments
        .iter()
        .map(|(woman, amount)| (*woman, number(*amount)))
        .collect();
    forms.business_open = true;
}

async fn life_page(
    state: &AppState,
    who: &LoggedIn,
    id: i64,
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
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Query(query): Query<LifeQuery>,
) -> WebResult<Response> {
    let edit_month = query.edit.as_deref().and_then(|text| {
        let (year, month) = text.split_once('-')?;
        Some((year.trim().parse().ok()?, month.trim().parse().ok()?))
    });
    let forms = LifeForms {
        edit_month,
        ..LifeForms::default()
    };
    page(&life_page(&state, &who, id, forms, query.done.as_deref(), true).await?)
}

/// Back to a section of the life page with a confirmation.
fn back(id: i64, notice_key: &str, section: &str) -> Response {
    back_to(&format!("/groups/{id}/life"), notice_key, section)
}

/// A form that arrived as pairs: several values may share a name.
struct Pairs(Vec<(String, String)>);

impl Pairs {
    fn one(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Values of fields named `<prefix><woman id>`.
    fn per_member(&self, prefix: &str) -> Vec<(i64, String)> {
        self.0
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix(prefix)?.parse().ok()?, v.clone())))
            .collect()
    }
}

/// The page drawn again with one form's values and messages (not audited as a view).
async fn redraw(
    state: &AppState,
    who: &LoggedIn,
    id: i64,
    forms: LifeForms,
) -> WebResult<LifeTemplate> {
    life_page(state, who, id, forms, None, false).await
}

pub async fn record_business(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let pairs = Pairs(pairs);
    let payments = pairs.per_member("pay.");
    let input = BusinessInput {
        year: pairs.one("year"),
        month: pairs.one("month"),
        revenue: pairs.one("revenue"),
        costs: pairs.one("costs"),
        members_working: pairs.one("members_working"),
        people_hired: pairs.one("people_hired"),
        channels: pairs.all("channels"),
        channel_other: pairs.one("channel_other"),
        payments: payments
            .iter()
            .map(|(woman_id, amount)| PaymentInput {
                woman_id: *woman_id,
                amount: amount.clone(),
            })
            .collect(),
    };
    let result = state
        .app
        .record_business_month(&who.actor(), id, &input)
        .await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back(id, "life-business_saved", "business"),
            |business| {
                let forms = LifeForms {
                    business,
                    ticked: input.channels,
                    member_values: payments,
                    ..LifeForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

pub async fn record_meeting(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let pairs = Pairs(pairs);
    let marks = pairs.per_member("att.");
    let input = MeetingInput {
        held_on: pairs.one("held_on"),
        place: pairs.one("place"),
        topics: pairs.one("topics"),
        decisions: pairs.one("decisions"),
        attendance: marks
            .iter()
            .map(|(woman_id, mark)| AttendanceInput {
                woman_id: *woman_id,
                attendance: mark.clone(),
            })
            .collect(),
    };
    let result = state.app.record_meeting(&who.actor(), id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |_| back(id, "life-meeting_saved", "meetings"),
            |meeting| {
                let forms = LifeForms {
                    meeting,
                    member_values: marks,
                    ..LifeForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

pub async fn record_visit(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let pairs = Pairs(pairs);
    let input = VisitInput {
        visited_on: pairs.one("visited_on"),
        visitor_name: pairs.one("visitor_name"),
        purpose: pairs.one("purpose"),
        findings: pairs.one("findings"),
        // One request per line of the box.
        requests: pairs.one("requests").lines().map(str::to_owned).collect(),
        referrals: pairs.all("referrals"),
        referral_other: pairs.one("referral_other"),
        follow_up_due: pairs.one("follow_up_due"),
    };
    let result = state.app.record_visit(&who.actor(), id, &input).await;
    // The requests are one box on the form and a list in the input: shown again as typed.
    let typed = FormView::of(&input).with("requests", pairs.one("requests"));
    typed
        .answer(
            result,
            who.lang(),
            |_| back(id, "life-visit_saved", "visits"),
            |visit| {
                let forms = LifeForms {
                    visit,
                    ticked: input.referrals,
                    ..LifeForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

/// Closing a follow-up or a request: the use-cases take the day and the note as they are.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct DoneForm {
    done_on: String,
    note: String,
}

pub async fn complete_follow_up(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, visit_id)): Path<(i64, i64)>,
    Form(input): Form<DoneForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .complete_follow_up(&who.actor(), id, visit_id, &input.done_on, &input.note)
        .await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back(id, "life-follow_up_saved", "visits"),
            |follow_up| {
                let forms = LifeForms {
                    follow_up,
                    follow_up_for: Some(visit_id),
                    ..LifeForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

pub async fn resolve_request(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, request_id)): Path<(i64, i64)>,
    Form(input): Form<DoneForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .resolve_visit_request(&who.actor(), id, request_id, &input.done_on, &input.note)
        .await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back(id, "life-request_resolved", "visits"),
            |resolve| {
                let forms = LifeForms {
                    resolve,
                    resolve_for: Some(request_id),
                    ..LifeForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

pub async fn record_permit(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<i64>,
    Form(input): Form<PermitInput>,
) -> WebResult<Response> {
    let result = state.app.record_permit(&who.actor(), id, &input).await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back(id, "life-permit_saved", "permits"),
            |permit| {
                let forms = LifeForms {
                    permit,
                    ..LifeForms::default()
                };
                redraw(&state, &who, id, forms)
            },
        )
        .await
}

// ---------------------------------------------------------------------------------------
// Visits due and overdue

/// One line of the work list.
pub struct DutyView {
    pub group_id: i64,
    pub group: String,
    pub county: String,
    /// Follow-up lines open the group's visits; a group owed a visit its page.
    pub href: String,
    pub state: &'static str,
    pub badge: &'static str,
    /// «۳ روز گذشته», «۵ روز مانده» or «۱۲۰ روز بی‌بازدید».
    pub when: String,
    /// The visit that asked the follow-up, or the group's latest visit.
    pub visit_date: String,
    pub due: String,
    pub visitor: String,
    pub open_requests: String,
}

/// A figure as the page shows it: its name, value and one-sentence definition.
pub struct FigureView {
    pub id: &'static str,
    pub name: &'static str,
    pub value: String,
    pub definition: &'static str,
    pub badge: &'static str,
}

pub struct ProvinceSetting {
    pub province_id: i64,
    pub name: String,
    pub months: String,
    pub own: bool,
}

#[derive(Template)]
#[template(path = "visits_due.html")]
struct DueTemplate {
    ctx: PageCtx,
    lines: Vec<DutyView>,
    figures: Vec<FigureView>,
    /// «۶۳ مورد؛ صفحهٔ ۱ از ۲»
    summary: String,
    page: i64,
    prev_query: Option<String>,
    next_query: Option<String>,
    county_choices: Vec<Choice>,
    county: String,
    settings: Vec<ProvinceSetting>,
    province_choices: Vec<Choice>,
    form: FormView,
    can_set: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct DueQuery {
    province: Option<String>,
    county: Option<String>,
    page: Option<String>,
    done: Option<String>,
}

fn group_label(code: &str, name: &str, lang: Lang) -> String {
    format!("{} ({})", name, lang.digits(code))
}

fn days_text(days: i64, key: &str, lang: Lang) -> String {
    format!("{} {}", lang.number(days), lang.t(key))
}

fn duty_view(line: &DutyLine, tree: &hamyar_app::places::PlaceTree, lang: Lang) -> DutyView {
    let group = &line.group;
    let mut view = DutyView {
        group_id: group.id,
        group: group_label(&group.code, &group.name, lang),
        county: tree.label(group.county_id, lang.is_english()),
        href: format!("/groups/{}/life#visits", group.id),
        state: "",
        badge: "",
        when: String::new(),
        visit_date: "—".to_owned(),
        due: "—".to_owned(),
        visitor: String::new(),
        open_requests: String::new(),
    };
    match &line.item {
        DutyItem::FollowUp {
            visit,
            state,
            days_late,
        } => {
            let (label, badge) = follow_up_label(*state);
            view.state = lang.t(label);
            view.badge = badge;
            view.when = match *days_late {
                late if late > 0 => days_text(late, "life-days_late", lang),
                0 => lang.t("life-due_today").to_owned(),
                late => days_text(-late, "life-days_left", lang),
            };
            view.visit_date = format::iso_date(&visit.visited_on, lang);
            if let Some(due) = visit.follow_up_due {
                view.due = format::date(due, lang);
            }
            view.visitor = visit.visitor_name.clone();
            let open = visit.requests.iter().filter(|r| r.resolved_on.is_none());
            view.open_requests = lang.number(open.count() as i64);
        }
        DutyItem::NotVisited {
            last_visited_on,
            days_without,
            months,
        } => {
            view.href = format!("/groups/{}", group.id);
            view.state = lang.t("life-owed_a_visit");
            view.badge = "badge-warning";
            view.when = format!(
                "{} · {} {} {}",
                days_text(*days_without, "life-days_without_visit", lang),
                lang.t("life-threshold_of"),
                lang.number(i64::from(months.months())),
                lang.t("life-months")
            );
            view.visit_date = last_visited_on.as_deref().map_or_else(
                || lang.t("life-never_visited").to_owned(),
                |d| format::iso_date(d, lang),
            );
        }
    }
    view
}

fn figure_views(due: &VisitsDue, lang: Lang) -> Vec<FigureView> {
    let english = lang.is_english();
    let figures = &due.figures;
    [
        (
            "overdue-count",
            FOLLOW_UPS_OVERDUE,
            figures.overdue,
            "badge-danger",
        ),
        ("due-count", FOLLOW_UPS_DUE, figures.due, "badge-warning"),
        (
            "owed-count",
            GROUPS_OWED_A_VISIT,
            figures.groups_owed_a_visit,
            "badge-info",
        ),
    ]
    .into_iter()
    .map(|(id, figure, value, badge)| FigureView {
        id,
        name: figure.name(english),
        value: lang.number(value),
        definition: figure.definition(english),
        badge,
    })
    .collect()
}

/// The query string of another page of the same list.
fn page_query(filter: &VisitsDueFilter, page: i64) -> String {
    let mut query = String::new();
    if let Some(province) = filter.province {
        query.push_str(&format!("province={province}&"));
    }
    if let Some(county) = filter.county {
        query.push_str(&format!("county={county}&"));
    }
    format!("{query}page={page}")
}

struct DueRequest<'a> {
    filter: VisitsDueFilter,
    form: FormView,
    notice: Option<&'a str>,
}

async fn due_page(
    state: &AppState,
    who: &LoggedIn,
    request: DueRequest<'_>,
) -> WebResult<DueTemplate> {
    let actor = who.actor();
    let lang = who.lang();
    let filter = request.filter;
    let due = state.app.visits_due(&actor, &filter).await?;
    let tree = state.app.place_tree().await?;
    let settings = state.app.no_visit_months(&actor).await?;
    let county_choices = match actor.scope.county() {
        Some(_) => Vec::new(),
        None => tree
            .within(actor.scope)
            .into_iter()
            .filter(|p| p.kind == hamyar_app::access::ScopeKind::County)
            .map(|p| Choice::new(p.id.to_string(), tree.label(p.id, lang.is_english())))
            .collect(),
    };
    let total = due.figures.lines();
    let pages = (total + VISITS_DUE_PER_PAGE - 1) / VISITS_DUE_PER_PAGE;
    let summary = match lang {
        Lang::Fa => format!(
            "{} مورد · صفحهٔ {} از {}",
            lang.number(total),
            lang.number(due.page),
            lang.number(pages.max(1))
        ),
        Lang::En => format!("{total} lines · page {} of {}", due.page, pages.max(1)),
    };
    let can_set = actor.can(Permission::ManageGroupSettings);
    Ok(DueTemplate {
        ctx: PageCtx::for_user(&state.app, who, "life-due_title").with_notice(request.notice),
        lines: due
            .lines
            .iter()
            .map(|l| duty_view(l, &tree, lang))
            .collect(),
        figures: figure_views(&due, lang),
        summary,
        page: due.page,
        prev_query: (due.page > 1).then(|| page_query(&filter, due.page - 1)),
        next_query: due.has_next.then(|| page_query(&filter, due.page + 1)),
        county_choices,
        county: filter.county.map(|c| c.to_string()).unwrap_or_default(),
        province_choices: settings
            .iter()
            .map(|p| {
                let name = if lang.is_english() {
                    &p.name_en
                } else {
                    &p.name_fa
                };
                Choice::new(p.province_id.to_string(), name.clone())
            })
            .collect(),
        settings: settings
            .iter()
            .map(|p| ProvinceSetting {
                province_id: p.province_id,
                name: if lang.is_english() {
                    p.name_en.clone()
                } else {
                    p.name_fa.clone()
                },
                months: lang.number(i64::from(p.months())),
                own: p.own.is_some(),
            })
            .collect(),
        form: request.form,
        can_set,
    })
}

fn number_param(text: Option<&str>) -> Option<i64> {
    text.map(|c| hamyar_domain::to_latin_digits(c.trim()))
        .filter(|c| !c.is_empty())
        .and_then(|c| c.parse::<i64>().ok())
}

pub async fn visits_due(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<DueQuery>,
) -> WebResult<Response> {
    let request = DueRequest {
        filter: VisitsDueFilter {
            province: number_param(query.province.as_deref()),
            county: number_param(query.county.as_deref()),
            page: number_param(query.page.as_deref()).unwrap_or(1).max(1),
        },
        form: FormView::default(),
        notice: query.done.as_deref(),
    };
    page(&due_page(&state, &who, request).await?)
}

/// The province's "no visit for N months" setting: the use-case takes the two values.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct NoVisitForm {
    province: String,
    no_visit_months: String,
}

pub async fn save_no_visit_months(
    State(state): State<AppState>,
    who: LoggedIn,
    Form(input): Form<NoVisitForm>,
) -> WebResult<Response> {
    let result = state
        .app
        .set_no_visit_months(&who.actor(), &input.province, &input.no_visit_months)
        .await;
    FormView::of(&input)
        .answer(
            result,
            who.lang(),
            |()| back_to("/visits/due", "life-no_visit_saved", "settings"),
            |form| {
                let request = DueRequest {
                    filter: VisitsDueFilter::default(),
                    form,
                    notice: None,
                };
                due_page(&state, &who, request)
            },
        )
        .await
}
