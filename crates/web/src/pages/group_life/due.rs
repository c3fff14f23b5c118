//! The office's list of visits due and overdue (`/visits/due`): follow-ups owed and groups
//! not visited for the province's number of months, per county and a page at a time, with
//! the figures that count them and the provincial "no visit for N months" setting and its
//! form. Everything overdue comes before what is only due. A social worker or facilitator
//! sees her own groups by default (`?all=1` shows every group of her county), and each line
//! records its visit in one tap: the group's visit form, opened and dated today.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::group_life::visit_figures::{
    FOLLOW_UPS_DUE, FOLLOW_UPS_OVERDUE, GROUPS_OWED_A_VISIT,
};
use hamyar_app::group_life::visits::{
    DutyItem, DutyLine, VISITS_DUE_PER_PAGE, VisitsDue, VisitsDueFilter, own_groups,
};
use hamyar_app::ports::groups::GroupId;
use serde::{Deserialize, Serialize};

use super::visits::follow_up_label;
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::Choice;
use crate::pages::form::FormView;
use crate::pages::{back_to, number, page};
use crate::state::AppState;
use hamyar_i18n::{Arg, Lang};
use hamyar_reports::format;

/// One line of the work list.
pub struct DutyView {
    pub group_id: GroupId,
    pub group: String,
    pub county: String,
    /// Follow-up lines open the group's visits; a group owed a visit its page.
    pub href: String,
    /// The group's visit form, open and dated today.
    pub record_href: String,
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
    can_record: bool,
    /// The actor has groups of her own: the list can show them or all (`all_query`).
    has_own: bool,
    own_only: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct DueQuery {
    province: Option<String>,
    county: Option<String>,
    page: Option<String>,
    /// `1`: every group of the place, not only the actor's own.
    all: Option<String>,
    done: Option<String>,
}

fn group_label(code: &str, name: &str, lang: Lang) -> String {
    format!("{} ({})", name, lang.digits(code))
}

fn days_text(days: i64, key: &str, lang: Lang) -> String {
    format!("{} {}", lang.number(days), lang.t(key))
}

/// «۳ روز گذشته», «امروز» or «۵ روز مانده»: how a follow-up stands against its due day.
pub(crate) fn follow_up_when(days_late: i64, lang: Lang) -> String {
    match days_late {
        late if late > 0 => days_text(late, "life-days_late", lang),
        0 => lang.t("life-due_today").to_owned(),
        late => days_text(-late, "life-days_left", lang),
    }
}

/// «۱۲۰ روز بی‌بازدید · آستانهٔ ۳ ماه»: how long a group owed a visit has gone without one.
pub(crate) fn not_visited_when(days_without: i64, months: u8, lang: Lang) -> String {
    format!(
        "{} · {} {} {}",
        days_text(days_without, "life-days_without_visit", lang),
        lang.t("life-threshold_of"),
        lang.number(i64::from(months)),
        lang.t("life-months")
    )
}

/// The group's visit form, opened and dated today: one tap from a list.
pub(crate) fn record_visit_href(group: GroupId) -> String {
    format!("/groups/{group}/life?record=visit#record-visit")
}

fn duty_view(line: &DutyLine, tree: &hamyar_app::places::PlaceTree, lang: Lang) -> DutyView {
    let group = &line.group;
    let mut view = DutyView {
        group_id: group.id,
        group: group_label(&group.code, &group.name, lang),
        county: tree.label(group.county_id, lang.is_english()),
        href: format!("/groups/{}/life#visits", group.id),
        record_href: record_visit_href(group.id),
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
            view.when = follow_up_when(*days_late, lang);
            view.visit_date = format::date(visit.visited_on, lang);
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
            view.when = not_visited_when(*days_without, months.months(), lang);
            view.visit_date = last_visited_on.map_or_else(
                || lang.t("life-never_visited").to_owned(),
                |d| format::date(d, lang),
            );
        }
    }
    view
}

fn figure_views(due: &VisitsDue, lang: Lang) -> Vec<FigureView> {
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
        name: lang.t(figure.name_id),
        value: lang.number(value),
        definition: lang.t(figure.definition_id),
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
    if !filter.own_groups {
        query.push_str("all=1&");
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
    let summary = lang.tr(
        "life-due_summary",
        &[
            ("lines", Arg::Number(total)),
            ("page", Arg::Number(due.page)),
            ("pages", Arg::Number(pages.max(1))),
        ],
    );
    let can_set = actor.can(Permission::ManageGroupSettings);
    let has_own = own_groups(&actor).is_some();
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
        can_record: actor.can(Permission::ManageGroups),
        has_own,
        own_only: has_own && filter.own_groups,
    })
}

pub async fn visits_due(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<DueQuery>,
) -> WebResult<Response> {
    let request = DueRequest {
        filter: VisitsDueFilter {
            province: query.province.as_deref().and_then(number),
            county: query.county.as_deref().and_then(number),
            // Her own groups unless she asks for all (other roles have none: ignored).
            own_groups: query.all.as_deref() != Some("1"),
            page: query.page.as_deref().and_then(number).unwrap_or(1).max(1),
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
                    filter: VisitsDueFilter {
                        own_groups: true,
                        ..VisitsDueFilter::default()
                    },
                    form,
                    notice: None,
                };
                due_page(&state, &who, request)
            },
        )
        .await
}
