//! The report document: what a caller hands to the renderer.
//!
//! These plain types are the crate's whole input vocabulary. They derive
//! `Serialize` because the renderer passes them to the typst template as JSON
//! data (never as markup), so the field names here are also the names the
//! template `report.typ` reads.

use serde::Serialize;

/// The language the document is written in: decides direction (rtl for Fa)
/// and the text language for shaping and hyphenation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Persian: right to left, Persian digits in the numbers the renderer prints.
    Fa,
    /// English: left to right, ASCII digits.
    En,
}

/// A whole report: a title block, a footer on every page and a run of blocks.
#[derive(Debug, Clone, Serialize)]
pub struct ReportDocument {
    pub lang: Lang,
    pub title: String,
    pub subtitle: Option<String>,
    /// A small line at the foot of every page (e.g. «تهیه‌شده با همیار در
    /// ۱۴۰۵/۰۹/۰۸»); the page number "x / y" is added by the renderer in the
    /// document's digits (Persian digits for Fa).
    pub footer: String,
    pub blocks: Vec<Block>,
}

/// One piece of the report's body, laid out in order.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Block {
    Heading(String),
    Paragraph(String),
    Table(Table),
    BarChart(BarChart),
}

/// A table with a header row, body rows and an optional bold total row.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub caption: String,
    pub columns: Vec<Column>,
    /// Already formatted cell texts (the caller puts Persian digits and
    /// separators in).
    pub rows: Vec<Vec<String>>,
    /// Optional last row shown bold (totals).
    pub total: Option<Vec<String>>,
}

/// A table column: its header and whether its cells are numbers (numeric
/// columns are end-aligned).
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub title: String,
    pub numeric: bool,
}

/// A horizontal grouped bar chart drawn by the PDF itself (vector, not an
/// image), with its labels as selectable text.
#[derive(Debug, Clone, Serialize)]
pub struct BarChart {
    pub title: String,
    /// What the values count, e.g. «گروه» or «میلیون ریال».
    pub unit: String,
    /// One group of bars per category (e.g. a county).
    pub categories: Vec<String>,
    /// One bar per series in each category, each series its own colour, with
    /// a legend.
    pub series: Vec<ChartSeries>,
}

/// One series of a bar chart: a value per category and its printed label.
#[derive(Debug, Clone, Serialize)]
pub struct ChartSeries {
    pub name: String,
    /// One non-negative value per category; bars are scaled to the largest
    /// value of the whole chart.
    pub values: Vec<i64>,
    /// The formatted value printed at each bar's end, one per category.
    pub labels: Vec<String>,
}
