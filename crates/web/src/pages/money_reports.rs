//! The money reports: budget vs committed vs paid by county × category for a province and
//! fiscal year (`/money/reports/budget`, now or as of a Jalali day typed in any digits), with
//! subtotals per place and per category, a grand total and the headline spending figure;
//! every budget, committed and paid figure links to `/money/reports/lines/{id}/{figure}`,
//! the transactions behind it (the drill-down). The same report downloads as CSV, XLSX or
//! JSON through `hamyar_reports::money_export`, the code `hamyar report spending` uses.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use hamyar_app::access::PlaceId;
use hamyar_app::money_reports::{
    BudgetReport, DrillEntry, DrillPageRequest, Figure, ReportFigures,
};
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::{AppError, Permission};
use hamyar_domain::JalaliDate;
use hamyar_domain::money::MoneyUnit;
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::{WebError, WebResult};
use crate::pages::budget::{
    MoneyQuery, category_label, parse_as_of, province_choices, province_for, year_or_current,
};
use crate::pages::{page, render};
use crate::state::AppState;
use hamyar_i18n::Lang;
use hamyar_reports::format::money;
use hamyar_reports::money_export::{ReportFormat, budget_report_bytes, file_name};

/// Five figures as the table shows them, with the links of the three that drill down.
pub struct FiguresView {
    pub budget: String,
    pub committed: String,
    pub paid: String,
    pub open: String,
    pub left: String,
}

impl FiguresView {
    fn new(figures: &ReportFigures, unit: MoneyUnit, lang: Lang) -> Self {
        Self {
            budget: money(figures.budget_rials, unit, lang),
            committed: money(figures.committed_rials, unit, lang),
            paid: money(figures.paid_rials, unit, lang),
            open: money(figures.open_commitments_rials, unit, lang),
            left: money(figures.left_rials, unit, lang),
        }
    }
}

/// A row of the table: a line (with its id for the links), or a subtotal (id 0).
pub struct TableRowView {
    pub place: String,
    pub category: String,
    pub line_id: BudgetLineId,
    pub figures: FiguresView,
}

#[derive(Template)]
#[template(path = "money_report.html")]
struct ReportTemplate {
    ctx: PageCtx,
    year_number: i32,
    year: String,
    province_id: PlaceId,
    provinces: Vec<(String, String)>,
    as_of: String,
    as_of_error: Option<String>,
    /// `?as_of=…` for the drill-down links, or empty.
    drill_suffix: String,
    rows: Vec<TableRowView>,
    category_rows: Vec<TableRowView>,
    total: FiguresView,
    headline: String,
    downloads: Vec<(&'static str, String)>,
    /// Whether to link the per-group list (it names groups: `ViewMoneyRecords`).
    may_list_recipients: bool,
}

fn table_rows(report: &BudgetReport, unit: MoneyUnit, lang: Lang) -> Vec<TableRowView> {
    let mut rows = Vec::new();
    for row in &report.rows {
        let place = if row.county_id.is_none() {
            lang.t("budget-province_office").to_owned()
        } else if lang.is_english() && !row.place_name_en.is_empty() {
            row.place_name_en.clone()
        } else {
            row.place_name_fa.clone()
        };
        for cell in &row.cells {
            rows.push(TableRowView {
                place: place.clone(),
                category: category_label(cell.category, lang).to_owned(),
                line_id: cell.line_id,
                figures: FiguresView::new(&cell.figures, unit, lang),
            });
        }
        rows.push(TableRowView {
            place,
            category: lang.t("money_reports-subtotal").to_owned(),
            line_id: hamyar_app::ports::budget::BudgetLineId::new(0),
            figures: FiguresView::new(&row.subtotal, unit, lang),
        });
    }
    rows
}

fn category_rows(report: &BudgetReport, unit: MoneyUnit, lang: Lang) -> Vec<TableRowView> {
    report
        .category_totals
        .iter()
        .map(|(category, figures)| TableRowView {
            place: lang.t("money_reports-total").to_owned(),
            category: category_label(*category, lang).to_owned(),
            line_id: hamyar_app::ports::budget::BudgetLineId::new(0),
            figures: FiguresView::new(figures, unit, lang),
        })
        .collect()
}

pub async fn budget_report(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<MoneyQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ViewMoney)?;
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    let year = year_or_current(&state, &query.year);
    let tree = state.app.place_tree().await?;
    let province_id = province_for(&tree, &actor, &query.province)?;
    let (as_of, as_of_error) = match parse_as_of(&query.as_of) {
        Ok(as_of) => (as_of, None),
        Err(message) => (None, Some(lang.message(&message))),
    };
    let report = state
        .app
        .budget_report(&actor, province_id, year, as_of)
        .await?;
    let headline = state
        .app
        .headline_spent(&actor, Some(province_id), year, as_of)
        .await?;
    let as_of_query = as_of
        .map(|date| format!("&as_of={date}"))
        .unwrap_or_default();
    let base = format!("year={}&province={province_id}{as_of_query}", year.year());
    let template = ReportTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "money_reports-title"),
        year_number: year.year(),
        year: lang.digits(&year.year().to_string()),
        province_id,
        provinces: province_choices(&tree, &actor, lang),
        as_of: if as_of_error.is_some() {
            query.as_of.clone()
        } else {
            as_of
                .map(|d| lang.digits(&d.to_string()))
                .unwrap_or_default()
        },
        as_of_error: as_of_error.clone(),
        drill_suffix: as_of.map(|d| format!("?as_of={d}")).unwrap_or_default(),
        rows: table_rows(&report, unit, lang),
        category_rows: category_rows(&report, unit, lang),
        total: FiguresView::new(&report.total, unit, lang),
        headline: money(headline.total_rials, unit, lang),
        may_list_recipients: actor.can(Permission::ViewMoneyRecords),
        downloads: ["csv", "xlsx", "json"]
            .map(|format| {
                (
                    format,
                    format!("/money/reports/budget/download/{format}?{base}"),
                )
            })
            .to_vec(),
    };
    let status = if as_of_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    render(status, &template)
}

pub async fn download(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(format): Path<String>,
    Query(query): Query<MoneyQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    let format = ReportFormat::parse(&format).ok_or(WebError::from(AppError::NotFound))?;
    let tree = state.app.place_tree().await?;
    let province_id = province_for(&tree, &actor, &query.province)?;
    let as_of = parse_as_of(&query.as_of)
        .map_err(|message| WebError::from(AppError::invalid("as_of", message)))?;
    let year = year_or_current(&state, &query.year);
    let report = state
        .app
        .budget_report(&actor, province_id, year, as_of)
        .await?;
    let bytes = budget_report_bytes(&report, format)
        .map_err(|error| WebError::internal(&format!("report file: {error}")))?;
    let disposition = format!("attachment; filename=\"{}\"", file_name(&report, format));
    Ok((
        [
            (header::CONTENT_TYPE, format.mime_type().to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

/// One transaction as the drill-down shows it.
pub struct EntryView {
    pub date: String,
    pub description: String,
    pub who: String,
    pub amount: String,
    pub reverses: String,
}

#[derive(Template)]
#[template(path = "money_drill.html")]
struct DrillTemplate {
    ctx: PageCtx,
    heading: String,
    figure_value: String,
    entries: Vec<EntryView>,
    total_count: String,
    page_label: String,
    previous: Option<String>,
    next: Option<String>,
    back: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct DrillQuery {
    #[serde(default)]
    as_of: String,
    #[serde(default)]
    page: String,
}

fn entry_view(entry: &DrillEntry, unit: MoneyUnit, lang: Lang) -> EntryView {
    let reversal = |id: hamyar_app::ports::ledger::LedgerTransactionId| {
        format!(
            "{} {}",
            lang.t("money_reports-reversal"),
            lang.digits(&id.to_string())
        )
    };
    EntryView {
        date: lang.digits(&entry.effective_on.to_string()),
        description: entry
            .description
            .clone()
            .unwrap_or_else(|| lang.t("money_reports-hidden").to_owned()),
        who: entry.recorded_by.clone().unwrap_or_else(|| "—".to_owned()),
        amount: money(entry.amount_rials, unit, lang),
        reverses: entry.reverses_id.map(reversal).unwrap_or_default(),
    }
}

fn figure_label(figure: Figure, lang: Lang) -> &'static str {
    match (lang, figure) {
        (Lang::Fa, figure) => figure.label_fa(),
        (Lang::En, Figure::Budget) => "Budget",
        (Lang::En, Figure::Committed) => "Committed",
        (Lang::En, Figure::Paid) => "Paid",
    }
}

pub async fn line_transactions(
    State(state): State<AppState>,
    who: LoggedIn,
    Path((line_id, figure)): Path<(BudgetLineId, String)>,
    Query(query): Query<DrillQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    let lang = who.lang();
    let unit = who.session.user.money_unit;
    let figure = Figure::parse(&figure).ok_or(WebError::from(AppError::NotFound))?;
    let as_of: Option<JalaliDate> = parse_as_of(&query.as_of)
        .map_err(|message| WebError::from(AppError::invalid("as_of", message)))?;
    let number = hamyar_domain::digits::to_latin_digits(&query.page)
        .trim()
        .parse::<i64>()
        .unwrap_or(1);
    let drilled = state
        .app
        .line_transactions(
            &actor,
            line_id,
            figure,
            as_of,
            DrillPageRequest {
                number,
                ..DrillPageRequest::default()
            },
        )
        .await?;
    let tree = state.app.place_tree().await?;
    let place = match drilled.line.county_id {
        None => lang.t("budget-province_office").to_owned(),
        Some(id) => tree
            .get(id)
            .map(|p| p.name(lang.is_english()).to_owned())
            .unwrap_or_default(),
    };
    let entries = drilled
        .entries
        .iter()
        .map(|entry| entry_view(entry, unit, lang))
        .collect();
    let as_of_query = as_of.map(|d| format!("&as_of={d}")).unwrap_or_default();
    let link = |n: i64| {
        format!(
            "/money/reports/lines/{line_id}/{}?page={n}{as_of_query}",
            figure.code()
        )
    };
    let pages = drilled.page_count();
    let current = drilled.page.number;
    let figure_label = figure_label(figure, lang);
    let year = drilled.line.fiscal_year;
    let template = DrillTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "money_reports-drill_title"),
        heading: format!(
            "{figure_label} — {} — {place} — {}",
            category_label(drilled.category, lang),
            lang.digits(&year.to_string())
        ),
        figure_value: money(drilled.total_rials, unit, lang),
        entries,
        total_count: lang.number(drilled.total_count),
        page_label: format!(
            "{} {} / {}",
            lang.t("money_reports-page"),
            lang.number(current),
            lang.number(pages)
        ),
        previous: (current > 1).then(|| link(current - 1)),
        next: (current < pages).then(|| link(current + 1)),
        back: format!(
            "/money/reports/budget?year={year}&province={}{as_of_query}",
            drilled.line.province_id
        ),
    };
    page(&template)
}
