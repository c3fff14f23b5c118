//! What can go wrong when rendering, as one error type.
//!
//! Shape errors in the document are reported before typst runs, each with
//! enough context (which table, which row) for a caller to fix its data;
//! typst's own diagnostics are carried as text because its types are not part
//! of this crate's public API.

/// Why a report could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    #[error("table \"{caption}\" has no columns")]
    TableWithoutColumns { caption: String },
    /// `row` counts body rows from 1.
    #[error(
        "table \"{caption}\": row {row} has {found} cells but the table has {expected} columns"
    )]
    TableRowWidth {
        caption: String,
        row: usize,
        expected: usize,
        found: usize,
    },
    #[error(
        "table \"{caption}\": the total row has {found} cells but the table has {expected} columns"
    )]
    TableTotalWidth {
        caption: String,
        expected: usize,
        found: usize,
    },
    #[error("chart \"{title}\" has no categories or no series")]
    ChartEmpty { title: String },
    #[error(
        "chart \"{title}\": series \"{series}\" has {found} values but the chart has {expected} categories"
    )]
    ChartValuesLength {
        title: String,
        series: String,
        expected: usize,
        found: usize,
    },
    #[error(
        "chart \"{title}\": series \"{series}\" has {found} labels but the chart has {expected} categories"
    )]
    ChartLabelsLength {
        title: String,
        series: String,
        expected: usize,
        found: usize,
    },
    #[error(
        "chart \"{title}\": series \"{series}\" has the negative value {value} for \"{category}\""
    )]
    ChartNegativeValue {
        title: String,
        series: String,
        category: String,
        value: i64,
    },
    #[error("the logo file has {bytes} bytes; a logo may have at most {max}")]
    LogoTooLarge { bytes: usize, max: usize },
    #[error("the logo file is neither a PNG nor an SVG image")]
    LogoFormat,
    #[error("the logo file starts like a PNG image but its size cannot be read")]
    LogoUnreadable,
    #[error(
        "the logo image is {width}×{height} pixels; a logo may have at most {max} on each side"
    )]
    LogoPixels { width: u32, height: u32, max: u32 },
    #[error("table \"{caption}\" has more than {max} rows")]
    TableTooLong { caption: String, max: usize },
    /// The document could not be serialised for the template (should not
    /// happen with these plain types).
    #[error("could not serialise the document for the template: {0}")]
    Data(String),
    /// typst failed to lay out the document; the text is its diagnostics.
    #[error("typst could not lay out the report: {0}")]
    Layout(String),
    /// typst laid out the document but could not write the PDF.
    #[error("typst could not write the PDF: {0}")]
    Export(String),
}
