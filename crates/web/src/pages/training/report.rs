//! The training report in the browser (`/training/report`, issue 18): for a place and a span
//! (the dashboard's place picker and days), the totals, the three breakdowns — by county, by
//! course kind, by provider (its performance: completion rate and cost per completer) — and
//! the runs counted, each linking to its page; and the same report as CSV, XLSX or JSON
//! (`/training/report/{format}`, written by `hamyar_reports::training_export`, as `hamyar
//! report training` writes it). Every number is `App::training_report`'s; the page only puts
//! it in the reader's digits and money unit. Tables stack into labelled cards on a phone
//! (`table-stack`), so nothing scrolls sideways at 390 px. The figures of the catalogue drill
//! here (`Drill::Training`).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use hamyar_app::access::PlaceId;
use hamyar_app::training::{
    Employment, TrainingFigures, TrainingMoney, TrainingReport, TrainingReportRequest,
    TrainingReportRow,
};
use hamyar_app::{AppError, Permission};
use hamyar_domain::{Message, MoneyUnit};
use hamyar_i18n::Lang;
use hamyar_reports::format;
use hamyar_reports::money_export::ReportFormat;
use hamyar_reports::training_export::training_report_bytes;

use crate::context::{LoggedIn, PageCtx};
use crate::error::{WebError, WebResult};
use crate::pages::dashboard::{DashboardQuery, day, place_choices, year};
use crate::pages::{number, render};
use crate::state::AppState;

/// One row of a breakdown, in the reader's digits and unit.
pub struct ReportLine {
    pub name: String,
    pub runs: String,
    pub enrolled: String,
    pub completed: String,
    pub dropped: String,
    /// «۸۳٪», or «—» without an enrolment.
    pub rate: String,
    pub hours: String,
    /// «۳ از ۴» (working of recorded) at 3 and 6 months; empty when none was recorded.
    pub working_3: String,
    pub working_6: String,
    /// Empty without `ViewMoney`.
    pub paid: String,
    pub per_completer: String,
    pub per_hour: String,
}

/// One breakdown: its element id, the message id of its title and its rows.
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    pub lines: Vec<ReportLine>,
}

/// A run counted, linking to its page (for readers of groups).
pub struct RunLink {
    pub code: String,
    pub href: Option<String>,
}

#[derive(Template)]
#[template(path = "training_report.html")]
struct ReportTemplate {
    ctx: PageCtx,
    query_year: String,
    query_from: String,
    query_to: String,
    place_id: String,
    places: Vec<(String, String)>,
    errors: Vec<String>,
    /// «قزوین، ۱۴۰۵/۰۱/۰۱ تا ۱۴۰۵/۰۹/۱۵».
    heading: String,
    total: Option<ReportLine>,
    /// Women who completed a run counted, each once (`training.women`, the press's figure).
    women_trained: String,
    sections: Vec<Section>,
    runs: Vec<RunLink>,
    money: bool,
    /// The page's query, for the downloads.
    download_query: String,
}

fn rate(percent: Option<i64>, lang: Lang) -> String {
    percent.map_or_else(|| "—".to_owned(), |p| format!("{}٪", lang.number(p)))
}

fn working(recorded: i64, working: i64, lang: Lang) -> String {
    if recorded == 0 {
        return String::new();
    }
    format!("{} / {}", lang.number(working), lang.number(recorded))
}

fn line(
    name: String,
    figures: &TrainingFigures,
    percent: Option<i64>,
    employment: &Employment,
    money: Option<&TrainingMoney>,
    unit: MoneyUnit,
    lang: Lang,
) -> ReportLine {
    let rials =
        |value: Option<i64>| value.map_or_else(String::new, |v| format::money(v, unit, lang));
    ReportLine {
        name,
        runs: lang.number(figures.runs),
        enrolled: lang.number(figures.enrolled),
        completed: lang.number(figures.completed),
        dropped: lang.number(figures.dropped),
        rate: rate(percent, lang),
        hours: lang.number(figures.hours_delivered),
        working_3: working(
            employment.three_months.recorded,
            employment.three_months.working,
            lang,
        ),
        working_6: working(
            employment.six_months.recorded,
            employment.six_months.working,
            lang,
        ),
        paid: rials(money.map(|m| m.paid_rials)),
        per_completer: rials(money.and_then(|m| m.per_completer_rials)),
        per_hour: rials(money.and_then(|m| m.per_hour_rials)),
    }
}

fn lines(rows: &[TrainingReportRow], unit: MoneyUnit, lang: Lang) -> Vec<ReportLine> {
    rows.iter()
        .map(|row| {
            let name = if lang.is_english() && !row.name_en.is_empty() {
                row.name_en.clone()
            } else {
                row.name_fa.clone()
            };
            line(
                name,
                &row.figures,
                row.completion_percent,
                &row.employment,
                row.money.as_ref(),
                unit,
                lang,
            )
        })
        .collect()
}

/// The place and span typed in the query, or the messages of what is wrong with them.
fn request(
    state: &AppState,
    query: &DashboardQuery,
) -> Result<TrainingReportRequest, Vec<Message>> {
    let mut errors = Vec::new();
    let year = year(&query.year, state.app.today())
        .map_err(|e| errors.push(e))
        .ok();
    let from = day(&query.from, "from")
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    let to = day(&query.to, "to")
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
    match year {
        Some(year) if errors.is_empty() => Ok(TrainingReportRequest {
            place_id: number::<PlaceId>(&query.place),
            year,
            from,
            to,
        }),
        _ => Err(errors),
    }
}

/// `/training/report`: the report of the place and span asked for (the reader's own place
/// and the year so far by default).
pub async fn report_page(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<DashboardQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ViewDashboards)?;
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    let tree = state.app.place_tree().await?;
    let mut errors = Vec::new();
    let mut found: Option<TrainingReport> = None;
    match request(&state, &query) {
        Ok(asked) => match state.app.training_report(&actor, &asked).await {
            Ok(report) => found = Some(report),
            Err(AppError::Invalid(problems)) => {
                errors.extend(problems.into_iter().map(|p| lang.message(&p.message)))
            }
            Err(other) => return Err(other.into()),
        },
        Err(messages) => errors.extend(messages.iter().map(|m| lang.message(m))),
    }
    let runs_open = actor.can(Permission::ViewGroups);
    let template = ReportTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "training-report-title"),
        query_year: found
            .as_ref()
            .map_or(query.year.clone(), |r| r.fiscal_year.to_string()),
        query_from: query.from.clone(),
        query_to: query.to.clone(),
        place_id: found
            .as_ref()
            .map_or(query.place.clone(), |r| r.place.id.to_string()),
        places: place_choices(&tree, &who, lang),
        errors,
        heading: found.as_ref().map_or_else(String::new, |r| {
            format!(
                "{}، {} – {}",
                r.place.name(lang.is_english()),
                format::date(r.from, lang),
                format::date(r.counted_on, lang)
            )
        }),
        total: found.as_ref().map(|r| {
            line(
                r.place.name(lang.is_english()).to_owned(),
                &r.total.figures,
                r.completion_percent,
                &r.employment,
                r.money.as_ref(),
                unit,
                lang,
            )
        }),
        women_trained: found
            .as_ref()
            .map_or_else(String::new, |r| lang.number(r.total.women_completed)),
        sections: found.as_ref().map_or_else(Vec::new, |r| {
            [
                ("by-county", "training-report-by_county", &r.by_county),
                ("by-kind", "training-report-by_kind", &r.by_kind),
                ("by-provider", "training-report-by_provider", &r.by_provider),
            ]
            .into_iter()
            .map(|(id, title, rows)| Section {
                id,
                title,
                lines: lines(rows, unit, lang),
            })
            .collect()
        }),
        runs: found.as_ref().map_or_else(Vec::new, |r| {
            r.runs
                .iter()
                .map(|(id, code)| RunLink {
                    code: code.clone(),
                    href: runs_open.then(|| format!("/training/runs/{id}")),
                })
                .collect()
        }),
        money: found.as_ref().is_some_and(|r| r.money.is_some()),
        download_query: url::form_urlencoded::Serializer::new(String::new())
            .append_pair("place", &query.place)
            .append_pair("year", &query.year)
            .append_pair("from", &query.from)
            .append_pair("to", &query.to)
            .finish(),
    };
    let status = if template.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    render(status, &template)
}

/// `/training/report/{csv|xlsx|json}`: the same report as a file, as `hamyar report
/// training` writes it.
pub async fn report_download(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(format): Path<String>,
    Query(query): Query<DashboardQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ViewDashboards)?;
    let format = ReportFormat::parse(&format).ok_or(WebError::from(AppError::NotFound))?;
    let asked = request(&state, &query).map_err(|mut messages| {
        let message = messages.remove(0);
        WebError::from(AppError::invalid("query", message))
    })?;
    let report = state.app.training_report(&actor, &asked).await?;
    let bytes = training_report_bytes(&report, format)
        .map_err(|error| WebError::internal(&format!("training report file: {error}")))?;
    let disposition = format!(
        "attachment; filename=\"hamyar-training-{}-{}.{}\"",
        report.place.code,
        report.fiscal_year,
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
