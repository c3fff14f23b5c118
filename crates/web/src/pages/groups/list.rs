//! The list of groups: filters (county, stage, business field, supervising unit, text), the
//! counts by stage, pages of rows whose links keep the filters, and the two questions the
//! office asks of the stages' history — how many groups were active on a day, how many were
//! first registered in a Jalali year.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use hamyar_app::Permission;
use hamyar_app::access::PlaceId;
use hamyar_app::groups::GroupListFilter;
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::JalaliDate;
use hamyar_domain::Message;
use hamyar_domain::groups::GroupStage;
use serde::{Deserialize, Serialize};

use super::stage_badge;
use crate::context::{LoggedIn, PageCtx};
use crate::error::WebResult;
use crate::pages::codes::{self, Choice};
use crate::pages::form::FormView;
use crate::pages::number;
use crate::pages::page;
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format;

pub struct ListRowView {
    pub id: GroupId,
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
    /// The list's filters for its export link (`pages::exports`).
    export_query: String,
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

/// The list's filters and the report's questions; shown again as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
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
    let base = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("q", &query.q)
        .append_pair("province", &query.province)
        .append_pair("county", &query.county)
        .append_pair("stage", &query.stage)
        .append_pair("field", &query.field)
        .append_pair("unit", &query.unit)
        .finish();
    let template = ListTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "groups-title").with_notice(query.done.as_deref()),
        filters: FormView::of(&query),
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
        export_query: base.clone(),
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
    county: Option<PlaceId>,
    lang: Lang,
) -> WebResult<ReportView> {
    let today = state.app.today();
    let mut form = FormView::of(query);
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
                form.add_errors(&[hamyar_app::FieldError::new("on", error.message())], lang);
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
                    Message::new("list-write_year_four_digits_like"),
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
