//! [`LayoutWriter`]: the export of any [`Layout`] other than the registry's
//! (an instrument's forms), every column under its Persian header, written
//! with the registry's conventions and in its streaming way, so that the file
//! imports back through the same layout.

use std::path::Path;

use crate::error::ExchangeError;
use crate::format::FileFormat;
use crate::layout::Layout;
use crate::write::{Buffering, Output, TableSpec, TableWriter};

/// The spec of every column of `layout`, export-only ones included, under
/// their Persian headers.
fn spec_of(layout: &Layout) -> TableSpec {
    TableSpec {
        sheet_name: layout.sheet_name.to_owned(),
        headers: layout
            .columns
            .iter()
            .map(|column| column.header_fa.to_owned())
            .collect(),
        widths: layout.columns.iter().map(|column| column.width).collect(),
        keeps_text: layout
            .columns
            .iter()
            .map(|column| column.keeps_text)
            .collect(),
    }
}

/// An export of a [`Layout`]'s columns — all of them, export-only ones
/// included, under their Persian headers — written row by row in the
/// registry's streaming way, so that it imports back through the same layout.
pub struct LayoutWriter {
    table: TableWriter,
}

impl LayoutWriter {
    /// Creates (or replaces) the file at `path` and writes the header row.
    pub fn create(
        path: impl AsRef<Path>,
        format: FileFormat,
        layout: &Layout,
    ) -> Result<LayoutWriter, ExchangeError> {
        let output = Output::File(path.as_ref().to_path_buf());
        Self::start(output, format, layout)
    }

    /// Writes into memory; take the file's bytes with [`LayoutWriter::into_bytes`].
    pub fn in_memory(format: FileFormat, layout: &Layout) -> Result<LayoutWriter, ExchangeError> {
        Self::start(Output::Memory, format, layout)
    }

    fn start(
        output: Output,
        format: FileFormat,
        layout: &Layout,
    ) -> Result<LayoutWriter, ExchangeError> {
        let spec = spec_of(layout);
        let table = TableWriter::create(output, format, &spec, Buffering::Streaming)?;
        Ok(LayoutWriter { table })
    }

    /// Appends one row: one cell per column of the layout, in its order.
    pub fn write_row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), ExchangeError> {
        self.table.write_row(cells)
    }

    /// Data rows written so far.
    pub fn rows_written(&self) -> u64 {
        self.table.rows()
    }

    /// Completes the file and returns the number of data rows written.
    pub fn finish(self) -> Result<u64, ExchangeError> {
        let rows = self.table.rows();
        self.table.finish()?;
        Ok(rows)
    }

    /// Completes an in-memory file and returns its bytes.
    pub fn into_bytes(self) -> Result<Vec<u8>, ExchangeError> {
        if !self.table.in_memory() {
            return Err(ExchangeError::NotInMemory);
        }
        self.table.finish()
    }
}
