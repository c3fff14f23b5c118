//! The empty import templates that offices download and fill in, one per
//! [`Layout`] (the registry of women, and each kind of the group history).
//!
//! A template carries the layout's read columns with their Persian
//! headers and no data rows, so it imports back as zero rows. The XLSX
//! template also has a second sheet, «راهنما» (guide), listing each column,
//! whether it is required, an example value and a short hint; the data sheet
//! marks the columns Excel would otherwise mangle (national IDs, mobiles,
//! Sheba numbers, deciles, Jalali dates) as text, so values typed into them
//! keep their leading zeros and slashes.

use std::path::Path;

use crate::error::ExchangeError;
use crate::format::FileFormat;
use crate::layout::{Layout, LayoutColumn};
use crate::write::{Buffering, Output, TableSpec, TableWriter};

/// The name of the template's guide sheet.
pub const GUIDE_SHEET_NAME: &str = "راهنما";

/// Writes the registry of women's import template to `path`.
pub fn write_template(path: impl AsRef<Path>, format: FileFormat) -> Result<(), ExchangeError> {
    write_template_for(Layout::women(), path, format)
}

/// Writes the import template of `layout` to `path`.
pub fn write_template_for(
    layout: &Layout,
    path: impl AsRef<Path>,
    format: FileFormat,
) -> Result<(), ExchangeError> {
    build(layout, Output::File(path.as_ref().to_path_buf()), format).map(drop)
}

/// The registry of women's import template as bytes, for a web download.
pub fn template_bytes(format: FileFormat) -> Vec<u8> {
    template_bytes_for(Layout::women(), format)
}

/// The import template of `layout` as bytes, for a web download.
pub fn template_bytes_for(layout: &Layout, format: FileFormat) -> Vec<u8> {
    // Nothing in the template depends on input, and in memory nothing can
    // fail but the allocator.
    build(layout, Output::Memory, format).expect("the template is a fixed, valid workbook")
}

fn build(layout: &Layout, output: Output, format: FileFormat) -> Result<Vec<u8>, ExchangeError> {
    let columns: Vec<&LayoutColumn> = layout.read_columns().collect();
    let spec = TableSpec {
        sheet_name: layout.sheet_name.to_owned(),
        headers: columns.iter().map(|c| c.header_fa.to_owned()).collect(),
        widths: columns.iter().map(|c| c.width).collect(),
        keeps_text: columns.iter().map(|c| c.keeps_text).collect(),
    };
    let mut table = TableWriter::create(output, format, &spec, Buffering::InMemory)?;
    let guide = TableSpec {
        sheet_name: GUIDE_SHEET_NAME.to_owned(),
        headers: ["ستون", "الزامی", "نمونه", "توضیح"]
            .map(str::to_owned)
            .to_vec(),
        widths: vec![20.0, 10.0, 30.0, 48.0],
        keeps_text: vec![false, false, true, false],
    };
    let rows: Vec<Vec<&str>> = columns
        .iter()
        .map(|column| {
            vec![
                column.header_fa,
                if column.required { "بله" } else { "خیر" },
                column.example,
                column.hint_fa,
            ]
        })
        .collect();
    table.add_sheet(&guide, &rows)?;
    table.finish()
}
