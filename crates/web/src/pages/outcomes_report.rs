//! The outcome report in the browser (`/outcomes/report`, issue 19): for a place and a span
//! (the dashboard's place picker and days), what changed for the women from their baseline
//! to their latest form — her own income, the share earning, the share drawing a pension and
//! self-esteem — each with the women behind it, and the exits as empowered and returns to
//! coverage; the totals, then by county, by business field and by cohort; and the same
//! report as CSV, XLSX or JSON (`/outcomes/report/{format}`, written by
//! `hamyar_reports::outcomes_export`, as `hamyar report outcomes` writes it). Every number is
//! `App::outcome_report`'s, which hides small cells from readers without personal data
//! (public relations): the page shows such a cell as «کمتر از ۵», never as a zero. Tables
//! stack into labelled cards on a phone (`table-stack`), so nothing scrolls sideways at
//! 390 px. A module of its own beside `pages::outcomes` (the forms), which it does not use.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use hamyar_app::access::PlaceId;
use hamyar_app::outcomes::report::{
    Cell, Count, Measured, OutcomeReport, OutcomeReportRequest, OutcomeRow,
};
use hamyar_app::{AppError, Permission};
use hamyar_domain::{Message, MoneyUnit};
use hamyar_i18n::Lang;
use hamyar_reports::format;
use hamyar_reports::money_export::ReportFormat;
use hamyar_reports::outcomes_export::outcome_report_bytes;

use crate::context::{LoggedIn, PageCtx};
use crate::error::{WebError, WebResult};
use crate::pages::dashboard::{DashboardQuery, day, place_choices, year};
use crate::pages::{number, render};
use crate::state::AppState;

/// One figure of a row as shown: its value, what it changed from and to, the women behind
/// it; or that it is hidden, or that nobody has a pair.
pub struct FigureText {
    /// The change (income, self-esteem) or the shares (earning, pension); «—» when empty.
    pub value: String,
    /// «۳۳٪ → ۸۳٪» or the means at baseline and latest; empty when hidden or empty.
    pub detail: String,
    /// «۶ زن»; empty when hidden or empty.
    pub women: String,
    pub hidden: bool,
}

/// One row of a breakdown, in the reader's digits and unit.
pub struct ReportLine {
    pub name: String,
    pub own_income: FigureText,
    pub earning: FigureText,
    pub pension: FigureText,
    pub self_esteem: FigureText,
    /// By county and for the place only: «۳», «کمتر از ۵».
    pub graduated: Option<String>,
    pub returned: Option<String>,
}

impl ReportLine {
    /// The four paired figures with the catalogue key and the message id of each.
    pub fn figures(&self) -> [(&'static str, &'static str, &FigureText); 4] {
        [
            (
                "outcomes.own_income",
                "outcomes-report-own_income",
                &self.own_income,
            ),
            (
                "outcomes.earning_share",
                "outcomes-report-earning",
                &self.earning,
            ),
            ("outcomes.pension", "outcomes-report-pension", &self.pension),
            (
                "outcomes.self_esteem_change",
                "outcomes-report-self_esteem",
                &self.self_esteem,
            ),
        ]
    }
}

/// One breakdown: its element id, the message id of its title and its rows.
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    pub exits: bool,
    pub lines: Vec<ReportLine>,
}

#[derive(Template)]
#[template(path = "outcomes_report.html")]
struct ReportTemplate {
    ctx: PageCtx,
    query_year: String,
    query_from: String,
    query_to: String,
    place_id: String,
    places: Vec<(String, String)>,
    errors: Vec<String>,
    /// «قزوین، ۱۴۰۵/۰۱/۰۱ – ۱۴۰۵/۰۹/۰۸».
    heading: String,
    total: Option<ReportLine>,
    sections: Vec<Section>,
    small_cells_hidden: bool,
    /// The page's query, for the downloads.
    download_query: String,
}

/// A signed whole number: «+۱۲», «−۳», «۰».
fn signed(value: i64, lang: Lang) -> String {
    let sign = match value.signum() {
        1 => "+",
        -1 => "−",
        _ => "",
    };
    format!("{sign}{}", lang.number(value.saturating_abs()))
}

/// Tenths of a point as a decimal: «+۷٫۵», «۲۲٫۵».
fn tenths(value: i64, sign: bool, lang: Lang) -> String {
    let separator = if lang.is_english() { "." } else { "٫" };
    let abs = value.saturating_abs();
    let prefix = match (sign, value.signum()) {
        (true, 1) => "+",
        (_, -1) => "−",
        _ => "",
    };
    format!(
        "{prefix}{}{separator}{}",
        lang.number(abs / 10),
        lang.number(abs % 10)
    )
}

fn percent(value: i64, lang: Lang) -> String {
    format!("{}٪", lang.number(value))
}

fn figure(cell: Cell, lang: Lang, show: impl Fn(&Measured) -> (String, String)) -> FigureText {
    match cell {
        Cell::Empty => FigureText {
            value: "—".to_owned(),
            detail: String::new(),
            women: String::new(),
            hidden: false,
        },
        Cell::Hidden => FigureText {
            value: lang.t("outcomes-report-hidden").to_owned(),
            detail: String::new(),
            women: String::new(),
            hidden: true,
        },
        Cell::Shown(measured) => {
            let (value, detail) = show(&measured);
            FigureText {
                value,
                detail,
                women: format!(
                    "{} {}",
                    lang.number(measured.women),
                    lang.t("outcomes-report-women_unit")
                ),
                hidden: false,
            }
        }
    }
}

fn count(count: Option<Count>, lang: Lang) -> Option<String> {
    count.map(|count| match count {
        Count::Shown(women) => lang.number(women),
        Count::Hidden => lang.t("outcomes-report-hidden").to_owned(),
    })
}

fn line(name: String, row: &OutcomeRow, unit: MoneyUnit, lang: Lang) -> ReportLine {
    let money = |value: i64| format::money(value, unit, lang);
    let shares = |m: &Measured| {
        (
            format!(
                "{} → {}",
                percent(m.baseline, lang),
                percent(m.latest, lang)
            ),
            signed(m.change, lang),
        )
    };
    ReportLine {
        name,
        own_income: figure(row.own_income, lang, |m| {
            let sign = if m.change > 0 { "+" } else { "" };
            (
                format!("{sign}{}", money(m.change)),
                format!("{} → {}", money(m.baseline), money(m.latest)),
            )
        }),
        earning: figure(row.earning, lang, shares),
        pension: figure(row.pension, lang, shares),
        self_esteem: figure(row.self_esteem, lang, |m| {
            (
                tenths(m.change, true, lang),
                format!(
                    "{} → {}",
                    tenths(m.baseline, false, lang),
                    tenths(m.latest, false, lang)
                ),
            )
        }),
        graduated: count(row.graduated, lang),
        returned: count(row.returned, lang),
    }
}

/// A row's name in the reader's language; a cohort is «گروه‌های ۱۴۰۴» with the year in her
/// digits (no thousands separator).
fn name_of(row: &OutcomeRow, lang: Lang) -> String {
    if !row.code.is_empty() && row.code.chars().all(|c| c.is_ascii_digit()) {
        let year = if lang.is_english() {
            row.code.clone()
        } else {
            hamyar_domain::digits::to_persian_digits(&row.code)
        };
        return format!("{} {year}", lang.t("outcomes-report-cohort_of"));
    }
    if lang.is_english() && !row.name_en.is_empty() {
        row.name_en.clone()
    } else {
        row.name_fa.clone()
    }
}

/// The place and span typed in the query, or the messages of what is wrong with them.
fn request(state: &AppState, query: &DashboardQuery) -> Result<OutcomeReportRequest, Vec<Message>> {
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
        Some(year) if errors.is_empty() => Ok(OutcomeReportRequest {
            place_id: number::<PlaceId>(&query.place),
            year,
            from,
            to,
        }),
        _ => Err(errors),
    }
}

fn sections(report: &OutcomeReport, unit: MoneyUnit, lang: Lang) -> Vec<Section> {
    [
        (
            "by-county",
            "outcomes-report-by_county",
            true,
            &report.by_county,
        ),
        (
            "by-field",
            "outcomes-report-by_field",
            false,
            &report.by_field,
        ),
        (
            "by-cohort",
            "outcomes-report-by_cohort",
            false,
            &report.by_cohort,
        ),
    ]
    .into_iter()
    .map(|(id, title, exits, rows)| Section {
        id,
        title,
        exits,
        lines: rows
            .iter()
            .map(|row| line(name_of(row, lang), row, unit, lang))
            .collect(),
    })
    .collect()
}

/// `/outcomes/report`: the report of the place and span asked for (the reader's own place
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
    let mut found: Option<OutcomeReport> = None;
    match request(&state, &query) {
        Ok(asked) => match state.app.outcome_report(&actor, &asked).await {
            Ok(report) => found = Some(report),
            Err(AppError::Invalid(problems)) => {
                errors.extend(problems.into_iter().map(|p| lang.message(&p.message)))
            }
            Err(other) => return Err(other.into()),
        },
        Err(messages) => errors.extend(messages.iter().map(|m| lang.message(m))),
    }
    let template = ReportTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "outcomes-report-title"),
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
                &r.total,
                unit,
                lang,
            )
        }),
        sections: found
            .as_ref()
            .map_or_else(Vec::new, |r| sections(r, unit, lang)),
        small_cells_hidden: found.as_ref().is_some_and(|r| r.small_cells_hidden),
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

/// `/outcomes/report/{csv|xlsx|json}`: the same report as a file, as `hamyar report
/// outcomes` writes it.
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
    let report = state.app.outcome_report(&actor, &asked).await?;
    let bytes = outcome_report_bytes(&report, format)
        .map_err(|error| WebError::internal(&format!("outcome report file: {error}")))?;
    let disposition = format!(
        "attachment; filename=\"hamyar-outcomes-{}-{}.{}\"",
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
