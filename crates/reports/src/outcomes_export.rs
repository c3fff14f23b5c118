//! An outcome report (`App::outcome_report`) as a file: CSV or XLSX — one table, a row per
//! county, business field and cohort and a last row for the whole place, each figure with the
//! women behind it (own income and household income in rials, the shares earning and drawing
//! a pension in percent, self-esteem in tenths of a point; at baseline, at the latest form
//! and the change), and the exits as empowered and returns by county — or JSON, the report
//! itself. A hidden cell (a reader without personal data, fewer than five women) is written
//! as `hidden` in its women's column and left empty elsewhere, never as a zero.
//! `hamyar report outcomes` and the outcome report page's downloads both call this module,
//! so the console and the web write the same file. Column headers are stable Latin keys.

use hamyar_app::outcomes::report::{Cell, Count, OutcomeReport, OutcomeRow};
use hamyar_exchange::{ExchangeError, FileFormat, ReportTable, TableCell};

use crate::money_export::ReportFormat;

/// The figures of a row, each written as four columns (women, baseline, latest, change).
const FIGURES: [&str; 5] = [
    "own_income_rials",
    "total_income_rials",
    "earning_percent",
    "pension_percent",
    "self_esteem_tenths",
];

fn headers() -> Vec<String> {
    let mut headers: Vec<String> = [
        "breakdown",
        "code",
        "name_fa",
        "name_en",
        "place_code",
        "fiscal_year",
        "from",
        "to",
    ]
    .map(str::to_owned)
    .to_vec();
    for figure in FIGURES {
        for part in ["women", "baseline", "latest", "change"] {
            headers.push(format!("{figure}_{part}"));
        }
    }
    headers.extend(["graduated", "returned"].map(str::to_owned));
    headers
}

fn empty() -> TableCell {
    TableCell::Text(String::new())
}

fn figure_cells(cell: Cell) -> [TableCell; 4] {
    match cell {
        Cell::Empty => [TableCell::Integer(0), empty(), empty(), empty()],
        Cell::Hidden => [TableCell::Text("hidden".into()), empty(), empty(), empty()],
        Cell::Shown(m) => [
            TableCell::Integer(m.women),
            TableCell::Integer(m.baseline),
            TableCell::Integer(m.latest),
            TableCell::Integer(m.change),
        ],
    }
}

fn count_cell(count: Option<Count>) -> TableCell {
    match count {
        None => empty(),
        Some(Count::Hidden) => TableCell::Text("hidden".into()),
        Some(Count::Shown(women)) => TableCell::Integer(women),
    }
}

fn cells(report: &OutcomeReport, breakdown: &str, row: &OutcomeRow) -> Vec<TableCell> {
    let mut cells = vec![
        TableCell::Text(breakdown.to_owned()),
        TableCell::Text(row.code.clone()),
        TableCell::Text(row.name_fa.clone()),
        TableCell::Text(row.name_en.clone()),
        TableCell::Text(report.place.code.clone()),
        TableCell::Integer(i64::from(report.fiscal_year)),
        TableCell::Text(report.from.to_string()),
        TableCell::Text(report.to.to_string()),
    ];
    for cell in [
        row.own_income,
        row.total_income,
        row.earning,
        row.pension,
        row.self_esteem,
    ] {
        cells.extend(figure_cells(cell));
    }
    cells.push(count_cell(row.graduated));
    cells.push(count_cell(row.returned));
    cells
}

/// The report as one table: counties, business fields, cohorts, then the total.
pub fn outcomes_table(report: &OutcomeReport) -> ReportTable {
    let mut rows = Vec::new();
    for (breakdown, list) in [
        ("county", &report.by_county),
        ("business_field", &report.by_field),
        ("cohort", &report.by_cohort),
    ] {
        rows.extend(list.iter().map(|row| cells(report, breakdown, row)));
    }
    let total = OutcomeRow {
        code: report.place.code.clone(),
        name_fa: report.place.name_fa.clone(),
        name_en: report.place.name_en.clone(),
        ..report.total.clone()
    };
    rows.push(cells(report, "total", &total));
    ReportTable {
        sheet_name: "پیامدها".to_owned(),
        headers: headers(),
        rows,
    }
}

/// The report as the bytes of a file in `format`.
pub fn outcome_report_bytes(
    report: &OutcomeReport,
    format: ReportFormat,
) -> Result<Vec<u8>, ExchangeError> {
    match format {
        ReportFormat::Csv => outcomes_table(report).to_bytes(FileFormat::Csv),
        ReportFormat::Xlsx => outcomes_table(report).to_bytes(FileFormat::Xlsx),
        ReportFormat::Json => {
            // The report's fields are numbers, text and days: it always serialises.
            let mut bytes =
                serde_json::to_vec_pretty(report).expect("an outcome report serialises");
            bytes.push(b'\n');
            Ok(bytes)
        }
    }
}
