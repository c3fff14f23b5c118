//! Hamyar's file-format layer: the registry of women heads of household in
//! and out of CSV and XLSX files.
//!
//! This crate moves text cells between files and the rest of the system, fast,
//! and knows nothing of the database or of validation rules: a national ID is
//! just the text in the «کد ملی» column here. It recognises headers however
//! they are spelled ([`match_header`]), streams CSV imports of millions of rows
//! ([`SheetReader`]), writes exports that Excel opens correctly in Persian
//! ([`SheetWriter`]), and produces the import template ([`write_template`])
//! and the problem report that goes back to the office ([`write_report`]).
//!
//! - [`column`](mod@column) — the registry's columns, their headers and header matching.
//! - [`format`](mod@format) — CSV or XLSX, from a file name.
//! - [`read`] — [`SheetReader`]; [`row`] — [`SheetRow`].
//! - [`write`](mod@write) — [`SheetWriter`].
//! - [`template`] and [`report`] — the template and the problem report.
//! - [`table`] — [`ReportTable`], small money-report tables with numeric cells.
//! - [`error`] — [`ExchangeError`], in Persian and English.

pub mod column;
pub mod error;
pub mod format;
mod guard;
#[doc(hidden)]
pub mod hostile;
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
pub use limits::{Limit, ReadLimits};
pub use read::{Progress, SheetReader};
pub use report::{Problem, REPORT_HEADERS, REPORT_SHEET_NAME, report_bytes, write_report};
pub use row::SheetRow;
pub use table::{ReportTable, TableCell};
pub use template::{GUIDE_SHEET_NAME, template_bytes, write_template};
pub use write::{REGISTRY_SHEET_NAME, SheetWriter};
