//! Renders Hamyar's reports to PDF with typst, Persian first.
//!
//! A caller builds a [`ReportDocument`] (an office's [`Letterhead`], title,
//! footer, headings, paragraphs, tables, bar charts, labelled fields, numbered
//! clauses, places to sign) with its texts already formatted, and [`render_pdf`]
//! returns the PDF bytes: shaped Persian with ZWNJ, right-to-left layout for
//! [`Lang::Fa`], every letter and number selectable text. typst is a large
//! dependency (hundreds of crates), so it lives in this crate alone and only
//! the code that produces PDFs should depend on it.
//!
//! With the `inspect` feature (tests only), [`inspect`] reads a PDF back: its
//! pages, their text lines in reading order, and each page as a PNG image.
//!
//! A render is synchronous CPU work (about 25 ms for a one-page report in a
//! release build, see `docs/BENCHMARKS.md`); async callers should run it on a
//! blocking thread. It is safe to call from several threads at once.

mod document;
mod error;
mod render;
mod validate;
mod world;

pub use document::{
    BarChart, Block, ChartSeries, Column, Field, Lang, Letterhead, Logo, LogoFormat,
    MAX_LOGO_BYTES, MAX_LOGO_PIXELS, ReportDocument, Table,
};
pub use error::PdfError;
pub use render::{check_letterhead, render_pdf};
pub use validate::MAX_TABLE_ROWS;

#[cfg(feature = "inspect")]
pub mod inspect;
