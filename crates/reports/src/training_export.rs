//! A training report (`App::training_report`) as a file: CSV or XLSX — one table, a row per
//! county, course kind and provider and a last row for the whole place, each with the runs,
//! women, outcomes, completion rate, hours, follow-ups and (for readers with `ViewMoney`)
//! what was paid and the costs per woman enrolled, per completer and per hour — or JSON, the
//! report itself. `hamyar report training` and the training report page's downloads both call
//! this module, so the console and the web write the same file. Column headers are stable
//! Latin keys (a national office reads them); names come in Persian and English.

use hamyar_app::training::{
    Employment, TrainingFigures, TrainingMoney, TrainingReport, TrainingReportRow,
};
use hamyar_exchange::{ExchangeError, FileFormat, ReportTable, TableCell};

use crate::money_export::ReportFormat;

/// The columns every reader gets.
const HEADERS: [&str; 22] = [
    "breakdown",
    "code",
    "name_fa",
    "name_en",
    "place_code",
    "fiscal_year",
    "from",
    "to",
    "runs",
    "enrolled",
    "completed",
    "dropped",
    "completion_percent",
    "run_hours",
    "runs_taught",
    "hours_delivered",
    "follow_ups_3_due",
    "follow_ups_3_recorded",
    "working_at_3_months",
    "follow_ups_6_due",
    "follow_ups_6_recorded",
    "working_at_6_months",
];

/// The money columns, for readers with `ViewMoney`.
const MONEY_HEADERS: [&str; 4] = [
    "paid_rials",
    "per_enrolled_rials",
    "per_completer_rials",
    "per_hour_rials",
];

fn optional(value: Option<i64>) -> TableCell {
    value.map_or_else(|| TableCell::Text(String::new()), TableCell::Integer)
}

/// One line of the table.
struct Line<'a> {
    breakdown: &'static str,
    code: &'a str,
    name_fa: &'a str,
    name_en: &'a str,
    figures: &'a TrainingFigures,
    completion_percent: Option<i64>,
    employment: &'a Employment,
    money: Option<&'a TrainingMoney>,
}

fn cells(report: &TrainingReport, line: &Line<'_>) -> Vec<TableCell> {
    let f = line.figures;
    let e = line.employment;
    let mut cells = vec![
        TableCell::Text(line.breakdown.to_owned()),
        TableCell::Text(line.code.to_owned()),
        TableCell::Text(line.name_fa.to_owned()),
        TableCell::Text(line.name_en.to_owned()),
        TableCell::Text(report.place.code.clone()),
        TableCell::Integer(i64::from(report.fiscal_year)),
        TableCell::Text(report.from.to_string()),
        TableCell::Text(report.to.to_string()),
        TableCell::Integer(f.runs),
        TableCell::Integer(f.enrolled),
        TableCell::Integer(f.completed),
        TableCell::Integer(f.dropped),
        optional(line.completion_percent),
        TableCell::Integer(f.run_hours),
        TableCell::Integer(f.runs_taught),
        TableCell::Integer(f.hours_delivered),
        TableCell::Integer(e.three_months.due),
        TableCell::Integer(e.three_months.recorded),
        TableCell::Integer(e.three_months.working),
        TableCell::Integer(e.six_months.due),
        TableCell::Integer(e.six_months.recorded),
        TableCell::Integer(e.six_months.working),
    ];
    if let Some(money) = line.money {
        cells.extend([
            TableCell::Integer(money.paid_rials),
            optional(money.per_enrolled_rials),
            optional(money.per_completer_rials),
            optional(money.per_hour_rials),
        ]);
    }
    cells
}

fn row_line<'a>(breakdown: &'static str, row: &'a TrainingReportRow) -> Line<'a> {
    Line {
        breakdown,
        code: &row.code,
        name_fa: &row.name_fa,
        name_en: &row.name_en,
        figures: &row.figures,
        completion_percent: row.completion_percent,
        employment: &row.employment,
        money: row.money.as_ref(),
    }
}

/// The report as one table: counties, course kinds, providers, then the total.
pub fn training_table(report: &TrainingReport) -> ReportTable {
    let mut headers: Vec<String> = HEADERS.map(str::to_owned).to_vec();
    if report.money.is_some() {
        headers.extend(MONEY_HEADERS.map(str::to_owned));
    }
    let mut rows = Vec::new();
    for (breakdown, list) in [
        ("county", &report.by_county),
        ("course_kind", &report.by_kind),
        ("provider", &report.by_provider),
    ] {
        rows.extend(
            list.iter()
                .map(|row| cells(report, &row_line(breakdown, row))),
        );
    }
    rows.push(cells(
        report,
        &Line {
            breakdown: "total",
            code: &report.place.code,
            name_fa: &report.place.name_fa,
            name_en: &report.place.name_en,
            figures: &report.total.figures,
            completion_percent: report.completion_percent,
            employment: &report.employment,
            money: report.money.as_ref(),
        },
    ));
    ReportTable {
        sheet_name: "آموزش".to_owned(),
        headers,
        rows,
    }
}

/// The report as the bytes of a file in `format`.
pub fn training_report_bytes(
    report: &TrainingReport,
    format: ReportFormat,
) -> Result<Vec<u8>, ExchangeError> {
    match format {
        ReportFormat::Csv => training_table(report).to_bytes(FileFormat::Csv),
        ReportFormat::Xlsx => training_table(report).to_bytes(FileFormat::Xlsx),
        ReportFormat::Json => {
            // The report's fields are numbers, text and days: it always serialises.
            let mut bytes =
                serde_json::to_vec_pretty(report).expect("a training report serialises");
            bytes.push(b'\n');
            Ok(bytes)
        }
    }
}
