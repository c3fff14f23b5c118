//! Turns a validated document into PDF bytes: JSON data in, typst layout,
//! PDF out.
//!
//! The document reaches typst only as the data file `/data.json`, which the
//! template loads with `json(..)`; user text is therefore always a string value
//! and never parsed as markup. Diagnostics from typst become `PdfError` text.

use typst::diag::SourceDiagnostic;
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
    let world = ReportWorld::new(json);
    let compiled = typst::compile::<PagedDocument>(&world).output;
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

/// typst's diagnostics as one line: messages and hints, separated by "; ".
fn describe(diags: &EcoVec<SourceDiagnostic>) -> String {
    let mut parts = Vec::new();
    for diag in diags {
        parts.push(diag.message.to_string());
        parts.extend(diag.hints.iter().map(|h| format!("hint: {}", h.v)));
    }
    parts.join("; ")
}
