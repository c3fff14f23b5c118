//! The report document: what a caller hands to the renderer.
//!
//! These plain types are the crate's whole input vocabulary. They derive
//! `Serialize` because the renderer passes them to the typst template as JSON
//! data (never as markup), so the field names here are also the names the
//! template `report.typ` reads.
//!
//! The letterhead's logo is the one input that is not text: its bytes go to the
//! template as a file of the render's world (`/logo.png` or `/logo.svg`), never
//! inside the JSON, and [`Logo::new`] refuses a file that is too large, is not a
//! PNG or SVG, or is a PNG of more pixels than a letterhead needs.

use serde::Serialize;
use typst::foundations::Bytes;

use crate::error::PdfError;

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

/// A whole report: the office's letterhead, a title block, a footer on every
/// page and a run of blocks.
#[derive(Debug, Clone, Serialize)]
pub struct ReportDocument {
    pub lang: Lang,
    /// The office that issues the document, printed at the head of the first
    /// page; none prints the title alone.
    pub letterhead: Option<Letterhead>,
    /// Lines at the letterhead's far side, e.g. «شماره: ۱۲» and «تاریخ:
    /// ۱۴۰۵/۰۹/۱۵», as office letters carry them.
    pub corner: Vec<String>,
    pub title: String,
    pub subtitle: Option<String>,
    /// A small line at the foot of every page (e.g. «تهیه‌شده با همیار در
    /// ۱۴۰۵/۰۹/۰۸»); the page number "x / y" is added by the renderer in the
    /// document's digits (Persian digits for Fa).
    pub footer: String,
    pub blocks: Vec<Block>,
}

impl ReportDocument {
    /// A document with a title and a footer, no letterhead and no blocks yet.
    pub fn new(lang: Lang, title: impl Into<String>, footer: impl Into<String>) -> Self {
        Self {
            lang,
            letterhead: None,
            corner: Vec::new(),
            title: title.into(),
            subtitle: None,
            footer: footer.into(),
            blocks: Vec::new(),
        }
    }
}

/// The head of an office's paper: its name (and, smaller, its name in the
/// other language), an address and telephone line, and its logo.
#[derive(Debug, Clone, Serialize)]
pub struct Letterhead {
    pub name: String,
    pub second_name: Option<String>,
    pub address: Option<String>,
    /// Passed to typst as a file, not as data (see the module documentation).
    #[serde(skip)]
    pub logo: Option<Logo>,
}

/// The largest logo file accepted, in bytes: a letterhead's logo is a few
/// kilobytes; anything near this is a photograph or a mistake.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;

/// The largest PNG logo accepted, in pixels on each side (a 4 cm logo at 600
/// dpi is under 1,000): bounds what decoding one may take.
pub const MAX_LOGO_PIXELS: u32 = 2_048;

/// A logo's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoFormat {
    Png,
    Svg,
}

impl LogoFormat {
    /// The virtual path the template reads the logo from.
    pub(crate) fn path(self) -> &'static str {
        match self {
            LogoFormat::Png => "/logo.png",
            LogoFormat::Svg => "/logo.svg",
        }
    }
}

/// A checked logo: a PNG or SVG file's bytes, shared between renders.
#[derive(Clone)]
pub struct Logo {
    bytes: Bytes,
    format: LogoFormat,
}

impl std::fmt::Debug for Logo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Logo")
            .field("format", &self.format)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl Logo {
    /// The logo from a file's bytes, its format told by its content: a PNG of at most
    /// [`MAX_LOGO_PIXELS`] a side or an SVG, at most [`MAX_LOGO_BYTES`] long. Whether
    /// typst can draw it is checked by [`crate::check_letterhead`].
    pub fn new(bytes: Vec<u8>) -> Result<Self, PdfError> {
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(PdfError::LogoTooLarge {
                bytes: bytes.len(),
                max: MAX_LOGO_BYTES,
            });
        }
        let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            let (width, height) = png_size(&bytes).ok_or(PdfError::LogoUnreadable)?;
            if width == 0 || height == 0 || width > MAX_LOGO_PIXELS || height > MAX_LOGO_PIXELS {
                return Err(PdfError::LogoPixels {
                    width,
                    height,
                    max: MAX_LOGO_PIXELS,
                });
            }
            LogoFormat::Png
        } else if looks_like_svg(&bytes) {
            LogoFormat::Svg
        } else {
            return Err(PdfError::LogoFormat);
        };
        Ok(Self {
            bytes: Bytes::new(bytes),
            format,
        })
    }

    pub fn format(&self) -> LogoFormat {
        self.format
    }

    pub(crate) fn bytes(&self) -> &Bytes {
        &self.bytes
    }
}

/// A PNG's width and height, from its first chunk (which must be IHDR).
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let word = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
    };
    Some((word(16)?, word(20)?))
}

/// Text that opens (after an optional byte-order mark, XML declaration or comments)
/// with an `<svg` element somewhere in its first kilobytes.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4_096)];
    std::str::from_utf8(head)
        .map(|text| text.contains("<svg"))
        .unwrap_or_else(|error| {
            // A multi-byte character cut at the 4 KiB mark is still text.
            std::str::from_utf8(&head[..error.valid_up_to()]).is_ok_and(|t| t.contains("<svg"))
        })
}

/// One piece of the report's body, laid out in order.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Block {
    Heading(String),
    Paragraph(String),
    /// A short note that belongs to what follows it (a chart or a table): it is kept on
    /// the same page, as a heading is.
    Note(String),
    Table(Table),
    BarChart(BarChart),
    /// Labelled values, one per line (a certificate's or a form's particulars);
    /// an empty value prints a dotted line to be filled in by hand.
    Fields(Vec<Field>),
    /// Numbered clauses (an agreement's articles), numbered in the document's digits.
    Numbered(Vec<String>),
    /// Choices to tick by hand, each after an empty box drawn by the PDF (the fonts have
    /// no ballot box).
    Checklist(Vec<String>),
    /// A row of places to sign, each under its title (e.g. «مددکار اجتماعی»).
    Signatures(Vec<String>),
}

/// One labelled value of a [`Block::Fields`].
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub label: String,
    /// Already formatted; empty for a form's blank.
    pub value: String,
}

impl Field {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            value: value.into(),
        }
    }
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
