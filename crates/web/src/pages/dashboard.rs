//! The dashboard page (`/dashboard?place=&year=&from=&to=`): a place within the user's scope
//! (their own by default) and a span of a fiscal year, drawn from `App::dashboard` through
//! `dashboard_view` — headline figures, then each section's SVG chart above the table of its
//! numbers, areas side by side (provinces on the country's, counties on a province's). A bad
//! year or day is named in Persian above the form and nothing is drawn for it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use hamyar_app::AppError;
use hamyar_app::access::{PlaceId, ScopeKind};
use hamyar_app::dashboard::DashboardRequest;
use hamyar_app::places::PlaceTree;
use hamyar_domain::{FiscalYear, JalaliDate};
use hamyar_domain::{Message, MessageArg};
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::{WebError, WebResult};
use crate::pages::{number, render};
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::dashboard_view::{DashboardView, view};
use hamyar_reports::figures_export::figure_sheet_bytes;
use hamyar_reports::money_export::ReportFormat;
use hamyar_reports::plan_view::PlanView;

#[derive(Debug, Deserialize, Default)]
pub struct DashboardQuery {
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardTemplate {
    ctx: PageCtx,
    query_year: String,
    query_from: String,
    query_to: String,
    place_id: String,
    places: Vec<(String, String)>,
    errors: Vec<String>,
    view: Option<DashboardView>,
    /// SVG of each section's chart, in section order (empty when the chart has nothing).
    charts: Vec<String>,
    report_href: Option<String>,
    /// The page's query, for the figures' download links.
    figures_query: String,
    /// The dashboard's place and span for the visits' and business months' exports
    /// (`pages::exports`), for readers of groups.
    exports_query: Option<String>,
    /// The place's yearly plan against achievement to date, when it has a plan.
    plan: Option<PlanView>,
    plan_href: String,
}

/// The places the actor may pick, indented by kind: (id, label).
pub(crate) fn place_choices(tree: &PlaceTree, who: &LoggedIn, lang: Lang) -> Vec<(String, String)> {
    let actor = who.actor();
    let mut choices = Vec::new();
    if actor.scope == hamyar_app::Scope::Country
        && let Some(country) = tree.country()
    {
        choices.push((
            country.id.to_string(),
            country.name(lang.is_english()).to_owned(),
        ));
    }
    for place in tree.within(actor.scope) {
        let label = match place.kind {
            ScopeKind::County => format!("— {}", place.name(lang.is_english())),
            _ => place.name(lang.is_english()).to_owned(),
        };
        choices.push((place.id.to_string(), label));
    }
    choices
}

/// A day typed in any digits, `None` when empty.
pub(crate) fn day(text: &str, field: &'static str) -> Result<Option<JalaliDate>, Message> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    JalaliDate::parse(text).map(Some).map_err(|error| {
        let label = match field {
            "from" => "dashboard-from",
            _ => "dashboard-to",
        };
        Message::new("dashboard-bad_day")
            .arg("field", MessageArg::Message(Message::new(label)))
            .arg("problem", MessageArg::Message(error.message()))
    })
}

pub(crate) fn year(text: &str, today: JalaliDate) -> Result<FiscalYear, Message> {
    let digits = hamyar_domain::to_latin_digits(text.trim());
    if digits.is_empty() {
        return Ok(FiscalYear::of(today));
    }
    digits
        .parse::<i32>()
        .ok()
        .and_then(|y| FiscalYear::new(y).ok())
        .ok_or_else(|| Message::new("dashboard-bad_year").arg("year", text.trim()))
}

pub async fn show(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<DashboardQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(hamyar_app::Permission::ViewDashboards)?;
    let lang = who.lang();
    let today = state.app.today();
    let tree = state.app.place_tree().await?;
    let mut errors = Vec::new();
    let year = year(&query.year, today)
        .map_err(|e| errors.push(lang.message(&e)))
        .ok();
    let from = day(&query.from, "from")
        .map_err(|e| errors.push(lang.message(&e)))
        .ok()
        .flatten();
    let to = day(&query.to, "to")
        .map_err(|e| errors.push(lang.message(&e)))
        .ok()
        .flatten();
    let place_id = number::<PlaceId>(&query.place);
    let mut dashboard = None;
    if errors.is_empty()
        && let Some(year) = year
    {
        let request = DashboardRequest {
            place_id,
            year,
            from,
            to,
        };
        match state.app.dashboard_with_figures(&actor, &request).await {
            Ok(found) => dashboard = Some(found),
            Err(AppError::Invalid(problems)) => {
                errors.extend(problems.into_iter().map(|p| lang.message(&p.message)))
            }
            Err(other) => return Err(other.into()),
        }
    }
    let unit = who.session.user.money_unit;
    let view = dashboard.as_ref().map(|(d, sheet)| {
        let province_of_county = match d.place_kind {
            ScopeKind::County => tree.get(d.place.id).and_then(|p| p.parent_id),
            _ => None,
        };
        view(d, sheet, &actor, lang, unit, province_of_county)
    });
    let dashboard = dashboard.map(|(d, _)| d);
    let plan = match &dashboard {
        Some(d) if d.place_kind != ScopeKind::Country => {
            let province_of_county = match d.place_kind {
                ScopeKind::County => tree.get(d.place.id).and_then(|p| p.parent_id),
                _ => None,
            };
            let year = FiscalYear::new(d.fiscal_year)
                .map_err(|e| WebError::internal(&format!("dashboard year: {e}")))?;
            state
                .app
                .plan_to_date(&actor, d.place.id, year)
                .await?
                .map(|p| hamyar_reports::plan_view::view(&p, &actor, lang, province_of_county))
        }
        _ => None,
    };
    let plan_href = dashboard.as_ref().map_or_else(String::new, |d| {
        format!("/plan?place={}&year={}", d.place.id, d.fiscal_year)
    });
    let charts = view
        .as_ref()
        .map(|v| {
            v.sections
                .iter()
                .map(|s| match &s.chart {
                    Some(chart) if !chart.is_empty() => chart.to_svg(lang),
                    _ => String::new(),
                })
                .collect()
        })
        .unwrap_or_default();
    let report_href = dashboard.as_ref().and_then(|d| {
        let province = match d.place_kind {
            ScopeKind::Province => Some(d.place.id),
            ScopeKind::County => tree.get(d.place.id).and_then(|p| p.parent_id),
            ScopeKind::Country => None,
        }?;
        actor.can(hamyar_app::Permission::ViewMoney).then(|| {
            format!(
                "/reports/summary/report.pdf?province={province}&year={}",
                d.fiscal_year
            )
        })
    });
    let exports_query = dashboard.as_ref().and_then(|d| {
        actor.can(hamyar_app::Permission::ViewGroups).then(|| {
            url::form_urlencoded::Serializer::new(String::new())
                .append_pair("place", &d.place.id.to_string())
                .append_pair("from", &d.from.to_string())
                .append_pair("to", &d.to.to_string())
                .finish()
        })
    });
    let template = DashboardTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "dashboard-title"),
        query_year: dashboard
            .as_ref()
            .map_or(query.year.clone(), |d| d.fiscal_year.to_string()),
        query_from: query.from.clone(),
        query_to: query.to.clone(),
        place_id: dashboard
            .as_ref()
            .map_or(query.place.clone(), |d| d.place.id.to_string()),
        places: place_choices(&tree, &who, lang),
        errors,
        view,
        charts,
        report_href,
        figures_query: url::form_urlencoded::Serializer::new(String::new())
            .append_pair("place", &query.place)
            .append_pair("year", &query.year)
            .append_pair("from", &query.from)
            .append_pair("to", &query.to)
            .finish(),
        exports_query,
        plan,
        plan_href,
    };
    let status = if template.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    render(status, &template)
}

/// The dashboard's figure sheet as a file (`/dashboard/figures/{csv|xlsx|json}`, the same
/// query as the page): every catalogue figure with key, names, definition and value, as
/// `hamyar report figures` writes it. Money figures only for readers with `ViewMoney`.
pub async fn figures_download(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(format): Path<String>,
    Query(query): Query<DashboardQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(hamyar_app::Permission::ViewDashboards)?;
    let format = ReportFormat::parse(&format).ok_or(WebError::from(AppError::NotFound))?;
    let invalid = |message: Message| WebError::from(AppError::invalid("query", message));
    let year = year(&query.year, state.app.today()).map_err(invalid)?;
    let from = day(&query.from, "from").map_err(invalid)?;
    let to = day(&query.to, "to").map_err(invalid)?;
    let place_id = number::<PlaceId>(&query.place);
    let sheet = state
        .app
        .figure_sheet(
            &actor,
            &DashboardRequest {
                place_id,
                year,
                from,
                to,
            },
        )
        .await?;
    let bytes = figure_sheet_bytes(&sheet, format)
        .map_err(|error| WebError::internal(&format!("figures file: {error}")))?;
    let disposition = format!(
        "attachment; filename=\"hamyar-figures-{}-{}.{}\"",
        sheet.place.code,
        sheet.fiscal_year,
        format.extension()
    );
    Ok((
        [
            (header::CONTENT_TYPE, format.mime_type().to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
