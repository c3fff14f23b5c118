//! A figure sheet (`hamyar_app::figures`) as a file: CSV, XLSX or JSON, one row per catalogue
//! figure with its key, Persian and English names, definition, unit and value — the figures
//! a national office collects from each province. The names and definitions are the
//! catalogue's messages (`figures.ftl`) rendered in Persian and in English, whatever the
//! reader's language, so a file has the same columns for everyone. `hamyar report figures` and the figures
//! page's download both call this module, so the console and the web write the same file.

use hamyar_app::figures::{FigurePeriod, FigureSheet, FigureUnit};
use hamyar_exchange::{ExchangeError, FileFormat, ReportTable, TableCell};
use hamyar_i18n::Lang;
use serde_json::json;

use crate::money_export::ReportFormat;

/// The table's column headers (stable: national collection reads them).
pub const FIGURE_HEADERS: [&str; 10] = [
    "key",
    "place_code",
    "fiscal_year",
    "from",
    "to",
    "counted_on",
    "name_fa",
    "name_en",
    "unit",
    "value",
];

fn unit_code(unit: FigureUnit) -> &'static str {
    match unit {
        FigureUnit::Count => "count",
        FigureUnit::Rials => "rials",
    }
}

fn period_code(period: FigurePeriod) -> &'static str {
    match period {
        FigurePeriod::OnDay => "on_day",
        FigurePeriod::InSpan => "in_span",
        FigurePeriod::Today => "today",
    }
}

/// The sheet as one table, a row per figure, then its definition in both languages.
pub fn figure_table(sheet: &FigureSheet) -> ReportTable {
    let mut headers: Vec<String> = FIGURE_HEADERS.map(str::to_owned).to_vec();
    headers.extend(["period", "definition_fa", "definition_en"].map(str::to_owned));
    let rows = sheet
        .figures
        .iter()
        .map(|figure| {
            vec![
                TableCell::Text(figure.def.key.to_owned()),
                TableCell::Text(sheet.place.code.clone()),
                TableCell::Integer(i64::from(sheet.fiscal_year)),
                TableCell::Text(sheet.from.to_string()),
                TableCell::Text(sheet.to.to_string()),
                TableCell::Text(sheet.counted_on.to_string()),
                TableCell::Text(Lang::Fa.t(figure.def.name_id).to_owned()),
                TableCell::Text(Lang::En.t(figure.def.name_id).to_owned()),
                TableCell::Text(unit_code(figure.def.unit).to_owned()),
                TableCell::Integer(figure.value),
                TableCell::Text(period_code(figure.def.period).to_owned()),
                TableCell::Text(Lang::Fa.t(figure.def.definition_id).to_owned()),
                TableCell::Text(Lang::En.t(figure.def.definition_id).to_owned()),
            ]
        })
        .collect();
    ReportTable {
        sheet_name: "ارقام".to_owned(),
        headers,
        rows,
    }
}

/// The sheet as JSON: the place and span, then the figures with their parts.
pub fn figure_json(sheet: &FigureSheet) -> serde_json::Value {
    json!({
        "place_code": sheet.place.code,
        "place_name_fa": sheet.place.name_fa,
        "fiscal_year": sheet.fiscal_year,
        "from": sheet.from.to_string(),
        "to": sheet.to.to_string(),
        "counted_on": sheet.counted_on.to_string(),
        "figures": sheet.figures.iter().map(|figure| json!({
            "key": figure.def.key,
            "name_fa": Lang::Fa.t(figure.def.name_id),
            "name_en": Lang::En.t(figure.def.name_id),
            "definition_fa": Lang::Fa.t(figure.def.definition_id),
            "definition_en": Lang::En.t(figure.def.definition_id),
            "unit": unit_code(figure.def.unit),
            "period": period_code(figure.def.period),
            "value": figure.value,
            "parts": figure.parts.iter().map(|part| json!({
                "name_fa": part.name_fa,
                "name_en": part.name_en,
                "value": part.value,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// The sheet as the bytes of a file in `format`.
pub fn figure_sheet_bytes(
    sheet: &FigureSheet,
    format: ReportFormat,
) -> Result<Vec<u8>, ExchangeError> {
    match format {
        ReportFormat::Csv => figure_table(sheet).to_bytes(FileFormat::Csv),
        ReportFormat::Xlsx => figure_table(sheet).to_bytes(FileFormat::Xlsx),
        ReportFormat::Json => {
            // A `Value` with string keys always serialises.
            let mut bytes =
                serde_json::to_vec_pretty(&figure_json(sheet)).expect("a JSON value serialises");
            bytes.push(b'\n');
            Ok(bytes)
        }
    }
}
