//! How much of a file a reader accepts before refusing it.
//!
//! An uploaded spreadsheet comes from anyone with an account, so nothing in it
//! may decide how much memory or time the server spends: not the sheet's
//! declared dimensions, not the sizes a ZIP directory claims, not the number
//! of columns of a CSV header. [`ReadLimits`] bounds each of these; going past
//! one is refused with [`ExchangeError::OverLimit`](crate::ExchangeError),
//! whose message names the [`Limit`] and its value in the reader's language, and
//! nothing of the file is imported. The defaults keep one reader's own heap
//! under about 32 MiB whatever the file holds (the shared-strings table is the
//! largest part of it) while letting through every registry file an office
//! can upload; [`ReadLimits::for_command_line`] lifts the row and cell counts
//! and the shared-strings bound for files an administrator names on the
//! command line.

/// One of the bounds of [`ReadLimits`], as named in a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// [`ReadLimits::max_workbook_bytes`]: XML inflated out of an Excel file.
    WorkbookBytes,
    /// [`ReadLimits::max_zip_entries`]: parts in an Excel file's directory.
    ZipEntries,
    /// [`ReadLimits::max_rows`]: the highest row number.
    Rows,
    /// [`ReadLimits::max_columns`]: the highest column, or cells in one row.
    Columns,
    /// [`ReadLimits::max_cells`]: cells in the whole sheet.
    Cells,
    /// [`ReadLimits::max_line_bytes`]: the text of one row, or one piece of
    /// an Excel file's markup.
    LineBytes,
    /// [`ReadLimits::max_shared_strings_bytes`]: an Excel file's table of texts.
    SharedStringsBytes,
}

impl Limit {
    /// Whether the limit's value is a size in bytes (rather than a count).
    pub fn is_size(self) -> bool {
        matches!(
            self,
            Limit::WorkbookBytes | Limit::LineBytes | Limit::SharedStringsBytes
        )
    }
}

/// What a reader accepts; pass it to [`SheetReader`](crate::SheetReader)'s
/// `*_with_limits` constructors or [`open_path`](crate::SheetReader::open_path).
///
/// Every field is a maximum; `u64::MAX` switches a bound off. The defaults
/// ([`ReadLimits::default`]) are meant for uploads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Bytes of XML inflated out of an Excel file, all parts read together
    /// (workbook, relationships, styles, shared strings and the sheet), counted
    /// as they are inflated; the sizes the ZIP directory declares are never
    /// trusted. Default 1 GiB: a 64 MiB upload of a registry inflates to a few
    /// hundred MiB, a decompression bomb is stopped after 1 GiB of work.
    pub max_workbook_bytes: u64,
    /// Entries in an Excel file's ZIP directory, checked from its
    /// end-of-directory record before any entry is read. Default 1,000 (a
    /// workbook has about ten).
    pub max_zip_entries: u64,
    /// The highest spreadsheet row number (the header is row 1 or lower);
    /// in an Excel file, also the number of `<row>` elements. Default
    /// 1,048,576, as many rows as an Excel sheet holds.
    pub max_rows: u64,
    /// The highest column (a cell further right is refused with its cell
    /// reference, without anything allocated for the columns between), and
    /// the most cells one row may hold. Default 200 (the registry has 20);
    /// a value above 16,384 (Excel's widest sheet) counts as 16,384.
    pub max_columns: u64,
    /// Cells in the whole file: every `<c>` element of an Excel sheet, every
    /// field of a CSV record. Default 67,108,864 (1,048,576 rows of 64).
    pub max_cells: u64,
    /// The longest CSV record in bytes (a run without a line break outside
    /// quotes), and in an Excel file the longest row of cell text and the
    /// longest single piece of markup or text. Default 1 MiB.
    pub max_line_bytes: u64,
    /// Memory taken by an Excel file's shared-strings table (its text plus 12
    /// bytes per string), which must be held whole while the sheet is read.
    /// Default 24 MiB, about 150,000 rows of registry text saved by Excel;
    /// larger lists are imported as CSV.
    pub max_shared_strings_bytes: u64,
}

const MIB: u64 = 1024 * 1024;

/// The widest sheet Excel makes (column `XFD`); no limit goes beyond it.
pub(crate) const EXCEL_COLUMNS: u64 = 16_384;

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_workbook_bytes: 1024 * MIB,
            max_zip_entries: 1_000,
            max_rows: 1_048_576,
            max_columns: 200,
            max_cells: 1_048_576 * 64,
            max_line_bytes: MIB,
            max_shared_strings_bytes: 24 * MIB,
        }
    }
}

impl ReadLimits {
    /// Limits for files an administrator names on the command line: no bound
    /// on rows or cells (a CSV of millions of rows streams in flat memory),
    /// 16 GiB of inflated XML and 1 GiB of shared strings (an Excel list of
    /// millions of rows); the columns, the line length and the ZIP entries
    /// keep their upload bounds.
    pub fn for_command_line() -> Self {
        ReadLimits {
            max_workbook_bytes: 16 * 1024 * MIB,
            max_rows: u64::MAX,
            max_cells: u64::MAX,
            max_shared_strings_bytes: 1024 * MIB,
            ..ReadLimits::default()
        }
    }

    /// These limits with the column bound brought within Excel's 16,384.
    pub(crate) fn effective(&self) -> ReadLimits {
        ReadLimits {
            max_columns: self.max_columns.min(EXCEL_COLUMNS),
            ..*self
        }
    }

    /// These limits for a sheet of `width` columns: the column bound is at
    /// least the layout's own width (a sheet of an instrument with many items
    /// is as wide as its template, and the template must read back), which a
    /// layout keeps within [`MAX_LAYOUT_COLUMNS`](crate::MAX_LAYOUT_COLUMNS);
    /// every other bound is as given.
    pub(crate) fn effective_for(&self, width: usize) -> ReadLimits {
        let width = u64::try_from(width).unwrap_or(u64::MAX);
        ReadLimits {
            max_columns: self.max_columns.max(width),
            ..*self
        }
        .effective()
    }

    /// The value of `limit`.
    pub fn value(&self, limit: Limit) -> u64 {
        match limit {
            Limit::WorkbookBytes => self.max_workbook_bytes,
            Limit::ZipEntries => self.max_zip_entries,
            Limit::Rows => self.max_rows,
            Limit::Columns => self.max_columns,
            Limit::Cells => self.max_cells,
            Limit::LineBytes => self.max_line_bytes,
            Limit::SharedStringsBytes => self.max_shared_strings_bytes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_lifts_the_counts_but_keeps_the_shape_bounds() {
        let upload = ReadLimits::default();
        let local = ReadLimits::for_command_line();
        assert_eq!(local.max_rows, u64::MAX);
        assert_eq!(local.max_cells, u64::MAX);
        assert!(local.max_shared_strings_bytes > upload.max_shared_strings_bytes);
        assert_eq!(local.max_columns, upload.max_columns);
        assert_eq!(local.max_line_bytes, upload.max_line_bytes);
        assert_eq!(local.max_zip_entries, upload.max_zip_entries);
        assert_eq!(upload.value(Limit::Columns), 200);
    }

    #[test]
    fn a_wide_layout_widens_only_the_column_bound_and_only_to_its_own_width() {
        let upload = ReadLimits::default();
        assert_eq!(upload.effective_for(20), upload);
        let wide = upload.effective_for(360);
        assert_eq!(wide.max_columns, 360);
        assert_eq!(
            ReadLimits {
                max_columns: 200,
                ..wide
            },
            upload
        );
    }
}

/// Where in a file a limit was passed, for [`ExchangeError::OverLimit`](crate::ExchangeError).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Nowhere in particular (the file as a whole).
    File,
    /// A spreadsheet row number.
    Row(u64),
    /// A cell reference such as `XFD1048576`.
    Cell(String),
    /// A part of an Excel file, such as `xl/sharedStrings.xml`.
    Part(String),
}
