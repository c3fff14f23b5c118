//! Turns a validated document into PDF bytes: JSON data in, typst layout,
//! PDF out.
//!
//! The document reaches typst only as the data file `/data.json`, which the
//! template loads with `json(..)`; user text is therefore always a string value
//! and never parsed as markup. The letterhead's logo travels beside it as a file
//! of the world, and the data names its path. Diagnostics from typst become
//! `PdfError` text.

use typst::diag::{SourceDiagnostic, SourceResult};
use typst::ecow::EcoVec;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::document::{Lang, Letterhead, Logo, ReportDocument};
use crate::error::PdfError;
use crate::validate::validate;
use crate::world::ReportWorld;

/// How many compilations typst's memoisation cache may keep unused entries
/// for; keeps a long-running server from growing without bound.
const CACHE_MAX_AGE: usize = 10;

/// Renders the document to a PDF file's bytes.
pub fn render_pdf(doc: &ReportDocument) -> Result<Vec<u8>, PdfError> {
    validate(doc)?;
    let (json, logo) = data_of(doc)?;
    let (compiled, _warnings) = layout(json, logo);
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

/// Checks that a letterhead prints: its logo is an image typst can draw (a
/// file that only starts like a PNG or SVG is refused here). Called once when
/// the letterhead is configured, so a bad logo stops the start, not a print.
pub fn check_letterhead(letterhead: &Letterhead) -> Result<(), PdfError> {
    let mut doc = ReportDocument::new(Lang::Fa, "آزمون سربرگ", "");
    doc.letterhead = Some(letterhead.clone());
    render_pdf(&doc).map(|_| ())
}

/// The document as the template's JSON, with the logo's path in the letterhead,
/// and the logo to put in the world.
fn data_of(doc: &ReportDocument) -> Result<(Vec<u8>, Option<&Logo>), PdfError> {
    let mut value = serde_json::to_value(doc).map_err(|e| PdfError::Data(e.to_string()))?;
    let logo = doc.letterhead.as_ref().and_then(|l| l.logo.as_ref());
    if let Some(head) = value.get_mut("letterhead").and_then(|v| v.as_object_mut()) {
        let path = logo.map(|logo| logo.format().path());
        head.insert("logo".to_owned(), serde_json::json!(path));
    }
    let json = serde_json::to_vec(&value).map_err(|e| PdfError::Data(e.to_string()))?;
    Ok((json, logo))
}

/// Lays the document out from its JSON; returns typst's warnings beside the
/// result (a render ignores them, the tests insist there are none).
fn layout(
    json: Vec<u8>,
    logo: Option<&Logo>,
) -> (SourceResult<PagedDocument>, EcoVec<SourceDiagnostic>) {
    let world = ReportWorld::new(json, logo);
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
    use crate::document::{BarChart, Block, ChartSeries, Column, Field, Table};

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
            letterhead: Some(Letterhead {
                name: "اداره".to_owned(),
                second_name: Some("Office".to_owned()),
                address: Some("نشانی".to_owned()),
                logo: Some(Logo::new(SVG_LOGO.as_bytes().to_vec()).expect("a logo")),
            }),
            corner: vec!["تاریخ: ۱۴۰۵/۰۸/۰۱".to_owned()],
            title: "گزارش".to_owned(),
            subtitle: Some("سال ۱۴۰۵".to_owned()),
            footer: "همیار".to_owned(),
            blocks: vec![
                Block::Heading("خلاصه".to_owned()),
                Block::Paragraph("متن".to_owned()),
                Block::Note("یادداشت".to_owned()),
                Block::Table(table),
                Block::BarChart(chart),
                Block::Fields(vec![Field::new("نام", "الف"), Field::new("تاریخ", "")]),
                Block::Numbered(vec!["بند".to_owned()]),
                Block::Checklist(vec!["بانک".to_owned(), "سایر".to_owned()]),
                Block::Signatures(vec!["مددکار".to_owned(), "رئیس".to_owned()]),
            ],
        }
    }

    const SVG_LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#2f6b9a"/></svg>"##;

    /// A warning would mean the template asks for something this world lacks
    /// (e.g. a font family it does not have, which would print empty boxes).
    #[test]
    fn the_template_lays_out_without_warnings() {
        for lang in [Lang::Fa, Lang::En] {
            let doc = doc(lang);
            let (json, logo) = data_of(&doc).expect("serialises");
            let (document, warnings) = layout(json, logo);
            assert!(
                document.is_ok(),
                "{lang:?}: {}",
                document.err().map(|d| describe(&d)).unwrap_or_default()
            );
            assert!(warnings.is_empty(), "{lang:?}: {}", describe(&warnings));
        }
    }
}

#[cfg(test)]
mod logo_tests {
    use super::*;

    #[test]
    fn a_file_that_only_starts_like_an_svg_is_refused_when_checked() {
        let logo = Logo::new(b"<svg this is not".to_vec()).expect("looks like an SVG");
        let letterhead = Letterhead {
            name: "اداره".to_owned(),
            second_name: None,
            address: None,
            logo: Some(logo),
        };
        assert!(matches!(
            check_letterhead(&letterhead),
            Err(PdfError::Layout(_))
        ));
    }
}
