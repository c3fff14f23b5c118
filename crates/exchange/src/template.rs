//! The empty import template that offices download and fill in.
//!
//! The template carries the sixteen import columns with their Persian
//! headers and no data rows, so it imports back as zero rows. The XLSX
//! template also has a second sheet, «راهنما» (guide), listing each column,
//! whether it is required, an example value and a short hint; the data sheet
//! marks the columns Excel would otherwise mangle (national IDs, mobiles,
//! Sheba numbers, deciles, Jalali dates) as text, so values typed into them
//! keep their leading zeros and slashes.

use std::path::Path;

use crate::column::{Column, Headers};
use crate::error::ExchangeError;
use crate::format::FileFormat;
use crate::write::{Buffering, Output, TableSpec, TableWriter};

/// The name of the template's guide sheet.
pub const GUIDE_SHEET_NAME: &str = "راهنما";

/// Writes the import template to `path`.
pub fn write_template(path: impl AsRef<Path>, format: FileFormat) -> Result<(), ExchangeError> {
    build(Output::File(path.as_ref().to_path_buf()), format).map(drop)
}

/// The import template as bytes, for a web download.
pub fn template_bytes(format: FileFormat) -> Vec<u8> {
    // Nothing in the template depends on input, and in memory nothing can
    // fail but the allocator.
    build(Output::Memory, format).expect("the template is a fixed, valid workbook")
}

fn build(output: Output, format: FileFormat) -> Result<Vec<u8>, ExchangeError> {
    let spec = TableSpec::registry(Column::IMPORT, Headers::Persian);
    let mut table = TableWriter::create(output, format, &spec, Buffering::InMemory)?;
    let guide = TableSpec {
        sheet_name: GUIDE_SHEET_NAME.to_owned(),
        headers: ["ستون", "الزامی", "نمونه", "توضیح"]
            .map(str::to_owned)
            .to_vec(),
        widths: vec![20.0, 10.0, 30.0, 48.0],
        keeps_text: vec![false, false, true, false],
    };
    let rows: Vec<Vec<&str>> = Column::IMPORT
        .iter()
        .map(|column| {
            vec![
                column.header_fa(),
                if column.is_required() {
                    "بله"
                } else {
                    "خیر"
                },
                column.example(),
                column.hint_fa(),
            ]
        })
        .collect();
    table.add_sheet(&guide, &rows)?;
    table.finish()
}
