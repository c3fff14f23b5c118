//! Hamyar's file-format layer: the registry of women heads of household in
//! and out of CSV and XLSX files, and a province's group history into them.
//!
//! This crate moves text cells between files and the rest of the system, fast,
//! and knows nothing of the database or of validation rules: a national ID is
//! just the text in the «کد ملی» column here. It recognises headers however
//! they are spelled ([`match_header`]), streams CSV and Excel imports of
//! millions of rows ([`SheetReader`]), writes exports that Excel opens
//! correctly in Persian ([`SheetWriter`]), and produces the import template
//! ([`write_template`]) and the problem report that goes back to the office
//! ([`write_report`]).
//!
//! # Read limits
//!
//! Uploaded files are hostile until read, so every read is bounded by a
//! [`ReadLimits`] the caller passes in; going past a bound ends reading with
//! [`ExchangeError::OverLimit`], whose message (in the reader's language, from
//! the catalogue) names the [`Limit`], its value and where in the file. The defaults
//! ([`ReadLimits::default`], for uploads) keep one reader's heap under about
//! 32 MiB whatever the file holds:
//!
//! | limit | default | what it bounds |
//! | --- | --- | --- |
//! | `max_workbook_bytes` | 1 GiB | XML inflated out of an Excel file, counted as inflated |
//! | `max_zip_entries` | 1,000 | entries of the ZIP directory, checked before it is read |
//! | `max_rows` | 1,048,576 | the highest row number (and `<row>` elements) |
//! | `max_columns` | 200 | the furthest column, and cells in one row (at least the layout's own width) |
//! | `max_cells` | 67,108,864 | cells in the whole file |
//! | `max_line_bytes` | 1 MiB | a CSV record, a row of cell text, one piece of XML |
//! | `max_shared_strings_bytes` | 24 MiB | an Excel file's table of texts, held whole |
//!
//! [`ReadLimits::for_command_line`], which [`SheetReader::open`] uses, lifts
//! the row and cell counts (a CSV streams in flat memory however long) and
//! allows 16 GiB of XML and 1 GiB of shared strings. Reading never spawns a
//! thread nor needs async.
//!
//! - [`column`](mod@column) — the registry's columns, their headers and header matching.
//! - [`layout`] — [`Layout`]: the columns of any importable sheet, which the
//!   one reader, template and report serve; [`kinds`] — [`SheetKind`], each
//!   kind of import (women, groups, stages, members, visits) with its layout;
//!   [`forms`] — the sheet of one instrument's paper forms, its layout built
//!   from the instrument at run time, and the cells of its export.
//! - [`format`](mod@format) — CSV or XLSX, from a file name.
//! - [`read`] — [`SheetReader`]; [`row`] — [`SheetRow`].
//! - [`write`](mod@write) — [`SheetWriter`]; [`layout_writer`] — [`LayoutWriter`],
//!   the export of any other layout.
//! - [`template`] and [`report`] — the template and the problem report.
//! - [`table`] — [`ReportTable`], small money-report tables with numeric cells.
//! - [`limits`] — [`ReadLimits`] and [`Limit`].
//! - [`error`] — [`ExchangeError`] and its message of the catalogue.
//! - `hostile` (hidden) — hostile files built in memory, for tests and benchmarks.

pub mod column;
pub mod error;
pub mod format;
pub mod forms;
mod guard;
#[doc(hidden)]
pub mod hostile;
pub mod kinds;
pub mod layout;
pub mod layout_writer;
pub mod limits;
pub mod read;
mod refusal;
pub mod report;
pub mod row;
pub mod table;
pub mod template;
pub mod women;
pub mod write;

pub use column::{Column, Headers, IMPORT_COLUMN_COUNT, match_header};
pub use error::{ExchangeError, Place};
pub use format::FileFormat;
pub use kinds::SheetKind;
pub use layout::{Layout, LayoutColumn, MAX_LAYOUT_COLUMNS};
pub use layout_writer::LayoutWriter;
pub use limits::{Limit, ReadLimits};
pub use read::{Progress, SheetReader};
pub use report::{Problem, REPORT_HEADERS, REPORT_SHEET_NAME, report_bytes, write_report};
pub use row::SheetRow;
pub use table::{ReportTable, TableCell};
pub use template::{
    GUIDE_SHEET_NAME, template_bytes, template_bytes_for, write_template, write_template_for,
};
pub use write::{REGISTRY_SHEET_NAME, SheetWriter};
