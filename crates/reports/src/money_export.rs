//! The budget report as a file: CSV and XLSX (one table with Persian headers, amounts as
//! integer rials, right-to-left sheet) and JSON (stable English keys). The web download and
//! `hamyar report spending` both call this module, so the two can never disagree on columns.
//! Rows come in reading order: each place's lines, then that place's subtotal, then the
//! per-category totals and the grand total of the province; the first column says which
//! kind of row it is, so a spreadsheet can filter the details from the sums.

use hamyar_app::money_reports::{BudgetReport, ReportFigures, ReportRow};
use hamyar_exchange::{ExchangeError, FileFormat, ReportTable, TableCell};
use serde_json::{Value, json};

/// A format the report can be downloaded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Csv,
    Xlsx,
    Json,
}

impl ReportFormat {
    pub fn parse(text: &str) -> Option<ReportFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "csv" => Some(ReportFormat::Csv),
            "xlsx" => Some(ReportFormat::Xlsx),
            "json" => Some(ReportFormat::Json),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Csv => "csv",
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Json => "json",
        }
    }

    pub fn mime_type(self) -> &'static str {
        match self {
            ReportFormat::Csv => FileFormat::Csv.mime_type(),
            ReportFormat::Xlsx => FileFormat::Xlsx.mime_type(),
            ReportFormat::Json => "application/json",
        }
    }
}

/// The table's headers, in column order.
pub const BUDGET_REPORT_HEADERS: [&str; 11] = [
    "نوع سطر",
    "سال مالی",
    "استان",
    "شهرستان",
    "ردیف بودجه",
    "شناسهٔ ردیف",
    "بودجه (ریال)",
    "تعهد شده (ریال)",
    "پرداخت شده (ریال)",
    "تعهد پرداخت‌نشده (ریال)",
    "مانده (ریال)",
];

const SHEET_NAME: &str = "بودجه و هزینه";

/// `budget-qazvin-1405.csv`, or `…-as-of-1405-09-08…` for a report as of a day.
pub fn file_name(report: &BudgetReport, format: ReportFormat) -> String {
    let place = report
        .province_code
        .rsplit('.')
        .next()
        .unwrap_or("province");
    let as_of = report
        .as_of
        .map(|date| format!("-as-of-{}", date.to_string().replace('/', "-")))
        .unwrap_or_default();
    format!(
        "budget-{place}-{}{as_of}.{}",
        report.fiscal_year,
        format.extension()
    )
}

/// The report as the bytes of a file in `format`.
pub fn budget_report_bytes(
    report: &BudgetReport,
    format: ReportFormat,
) -> Result<Vec<u8>, ExchangeError> {
    match format {
        ReportFormat::Csv => budget_report_table(report).to_bytes(FileFormat::Csv),
        ReportFormat::Xlsx => budget_report_table(report).to_bytes(FileFormat::Xlsx),
        ReportFormat::Json => {
            // A `Value` with string keys always serialises.
            let mut bytes = serde_json::to_vec_pretty(&budget_report_json(report))
                .expect("a JSON value serialises");
            bytes.push(b'\n');
            Ok(bytes)
        }
    }
}

/// The report as one table (see the module comment for the row order).
pub fn budget_report_table(report: &BudgetReport) -> ReportTable {
    let mut rows = Vec::new();
    let row = |kind: &str, place: &str, category: &str, line: Option<i64>, f: &ReportFigures| {
        vec![
            TableCell::Text(kind.to_owned()),
            TableCell::Integer(i64::from(report.fiscal_year)),
            TableCell::Text(report.province_name_fa.clone()),
            TableCell::Text(place.to_owned()),
            TableCell::Text(category.to_owned()),
            line.map_or(TableCell::Text(String::new()), TableCell::Integer),
            TableCell::Integer(f.budget_rials),
            TableCell::Integer(f.committed_rials),
            TableCell::Integer(f.paid_rials),
            TableCell::Integer(f.open_commitments_rials),
            TableCell::Integer(f.left_rials),
        ]
    };
    for place in &report.rows {
        for cell in &place.cells {
            rows.push(row(
                "ردیف",
                &place.place_name_fa,
                cell.category.label_fa(),
                Some(cell.line_id.get()),
                &cell.figures,
            ));
        }
        rows.push(row(
            "جمع محل",
            &place.place_name_fa,
            "همهٔ ردیف‌ها",
            None,
            &place.subtotal,
        ));
    }
    for (category, figures) in &report.category_totals {
        rows.push(row(
            "جمع ردیف",
            "همهٔ استان",
            category.label_fa(),
            None,
            figures,
        ));
    }
    rows.push(row(
        "جمع کل",
        "همهٔ استان",
        "همهٔ ردیف‌ها",
        None,
        &report.total,
    ));
    ReportTable {
        sheet_name: SHEET_NAME.to_owned(),
        headers: BUDGET_REPORT_HEADERS.map(str::to_owned).to_vec(),
        rows,
    }
}

fn figures_json(figures: &ReportFigures) -> Value {
    json!({
        "budget_rials": figures.budget_rials,
        "committed_rials": figures.committed_rials,
        "paid_rials": figures.paid_rials,
        "open_commitments_rials": figures.open_commitments_rials,
        "left_rials": figures.left_rials,
    })
}

fn row_json(row: &ReportRow) -> Value {
    json!({
        "county_id": row.county_id,
        "place_code": row.place_code,
        "place_name_fa": row.place_name_fa,
        "place_name_en": row.place_name_en,
        "lines": row.cells.iter().map(|cell| json!({
            "line_id": cell.line_id,
            "category": cell.category.code(),
            "figures": figures_json(&cell.figures),
        })).collect::<Vec<_>>(),
        "subtotal": figures_json(&row.subtotal),
    })
}

/// The report as JSON with stable English keys; amounts are integer rials, the date Jalali
/// (`1405/09/08`) with its Gregorian ISO twin.
pub fn budget_report_json(report: &BudgetReport) -> Value {
    json!({
        "fiscal_year": report.fiscal_year,
        "province": {
            "id": report.province_id,
            "code": report.province_code,
            "name_fa": report.province_name_fa,
            "name_en": report.province_name_en,
        },
        "as_of": report.as_of.map(|date| date.to_string()),
        "as_of_iso": report.as_of.map(|date| date.to_iso_string()),
        "currency": "IRR",
        "rows": report.rows.iter().map(row_json).collect::<Vec<_>>(),
        "category_totals": report.category_totals.iter().map(|(category, figures)| json!({
            "category": category.code(),
            "figures": figures_json(figures),
        })).collect::<Vec<_>>(),
        "total": figures_json(&report.total),
    })
}
