//! Turns a validated document into PDF bytes: JSON data in, typst layout,
//! PDF out.
//!
//! The document reaches typst only as the data file `/data.json`, which the
//! template loads with `json(..)`; user text is therefore always a string value
//! and never parsed as markup. Diagnostics from typst become `PdfError` text.

use typst::diag::{SourceDiagnostic, SourceResult};
use typst::ecow::EcoVec;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::document::ReportDocument;
use crate::error::PdfError;
use crate::validate::validate;
use crate::world::ReportWorld;

/// How many compilations typst's memoisation cache may keep unused entries
/// for; keeps a long-running server from growing without bound.
const CACHE_MAX_AGE: usize = 10;

/// Renders the document to a PDF file's bytes.
pub fn render_pdf(doc: &ReportDocument) -> Result<Vec<u8>, PdfError> {
    validate(doc)?;
    let json = serde_json::to_vec(doc).map_err(|e| PdfError::Data(e.to_string()))?;
    let (compiled, _warnings) = layout(json);
    let result = compiled
        .map_err(|diags| PdfError::Layout(describe(&diags)))
        .and_then(|document| {
            let options = PdfOptions {
                creator: Smart::Custom(Some("Hamyar".to_owned())),
                timestamp: None,
                ..PdfOptions::default()
            };
            typst_pdf::pdf(&document, &options).map_err(|diags| PdfError::Export(describe(&diags)))
        });
    typst::comemo::evict(CACHE_MAX_AGE);
    result
}

/// Lays the document out from its JSON; returns typst's warnings beside the
/// result (a render ignores them, the tests insist there are none).
fn layout(json: Vec<u8>) -> (SourceResult<PagedDocument>, EcoVec<SourceDiagnostic>) {
    let world = ReportWorld::new(json);
    let warned = typst::compile::<PagedDocument>(&world);
    (warned.output, warned.warnings)
}

/// typst's diagnostics as one line: messages and hints, separated by "; ".
fn describe(diags: &EcoVec<SourceDiagnostic>) -> String {
    let mut parts = Vec::new();
    for diag in diags {
        parts.push(diag.message.to_string());
        parts.extend(diag.hints.iter().map(|h| format!("hint: {}", h.v)));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BarChart, Block, ChartSeries, Column, Lang, Table};

    fn doc(lang: Lang) -> ReportDocument {
        let table = Table {
            caption: "جدول".to_owned(),
            columns: vec![
                Column {
                    title: "شهرستان".to_owned(),
                    numeric: false,
                },
                Column {
                    title: "گروه‌ها".to_owned(),
                    numeric: true,
                },
            ],
            rows: vec![vec!["قزوین".to_owned(), "۹".to_owned()]],
            total: Some(vec!["جمع".to_owned(), "۹".to_owned()]),
        };
        let chart = BarChart {
            title: "نمودار".to_owned(),
            unit: "گروه".to_owned(),
            categories: vec!["قزوین".to_owned()],
            series: vec![ChartSeries {
                name: "۱۴۰۵".to_owned(),
                values: vec![9],
                labels: vec!["۹".to_owned()],
            }],
        };
        ReportDocument {
            lang,
            title: "گزارش".to_owned(),
            subtitle: Some("سال ۱۴۰۵".to_owned()),
            footer: "همیار".to_owned(),
            blocks: vec![
                Block::Heading("خلاصه".to_owned()),
                Block::Paragraph("متن".to_owned()),
                Block::Table(table),
                Block::BarChart(chart),
            ],
        }
    }

    /// A warning would mean the template asks for something this world lacks
    /// (e.g. a font family it does not have, which would print empty boxes).
    #[test]
    fn the_template_lays_out_without_warnings() {
        for lang in [Lang::Fa, Lang::En] {
            let json = serde_json::to_vec(&doc(lang)).expect("serialises");
            let (document, warnings) = layout(json);
            assert!(
                document.is_ok(),
                "{lang:?}: {}",
                document.err().map(|d| describe(&d)).unwrap_or_default()
            );
            assert!(warnings.is_empty(), "{lang:?}: {}", describe(&warnings));
        }
    }
}
