//! The two file formats the registry travels in, recognised by file name.
//!
//! CSV is the fast path for large imports; XLSX is what most offices keep
//! their lists in. The format is chosen from the extension alone (case does
//! not matter); readers then check that the content agrees, so an Excel file
//! renamed to `.csv` is reported as such instead of as garbled text.

use std::fmt;
use std::path::Path;

use hamyar_domain::Message;

/// A spreadsheet file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileFormat {
    /// Comma-separated values, UTF-8.
    Csv,
    /// Office Open XML workbook (Excel 2007 and later).
    Xlsx,
}

impl FileFormat {
    /// The format a path's extension names, if it is `.csv` or `.xlsx`.
    pub fn from_path(path: &Path) -> Option<FileFormat> {
        Self::from_extension(path.extension()?.to_str()?)
    }

    /// The format a file name (such as an upload's) names by its extension.
    pub fn from_name(name: &str) -> Option<FileFormat> {
        let (_, extension) = name.trim().rsplit_once('.')?;
        Self::from_extension(extension)
    }

    /// The format for an extension without its dot, e.g. `"XLSX"`.
    pub fn from_extension(extension: &str) -> Option<FileFormat> {
        if extension.eq_ignore_ascii_case("csv") {
            Some(FileFormat::Csv)
        } else if extension.eq_ignore_ascii_case("xlsx") {
            Some(FileFormat::Xlsx)
        } else {
            None
        }
    }

    /// The extension without its dot: `csv` or `xlsx`.
    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Xlsx => "xlsx",
        }
    }

    /// The media type to send with a download.
    pub fn mime_type(self) -> &'static str {
        match self {
            FileFormat::Csv => "text/csv; charset=utf-8",
            FileFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// The format's name in a person's messages (`exchange-format_…`).
    pub fn name(self) -> Message {
        match self {
            FileFormat::Csv => Message::new("exchange-format_csv"),
            FileFormat::Xlsx => Message::new("exchange-format_xlsx"),
        }
    }

    /// Whether `bytes` begin like a file of this format's rival: a ZIP
    /// container (XLSX) where CSV text was expected, or text where a ZIP was.
    pub(crate) fn sniff(bytes: &[u8]) -> FileFormat {
        if bytes.starts_with(b"PK\x03\x04") {
            FileFormat::Xlsx
        } else {
            FileFormat::Csv
        }
    }
}

impl fmt::Display for FileFormat {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            FileFormat::Csv => "CSV",
            FileFormat::Xlsx => "XLSX",
        })
    }
}

/// Excel's last row number (1-based).
pub(crate) const XLSX_MAX_ROWS: u64 = 1_048_576;

/// The most characters an Excel cell holds (the writer refuses a longer text).
pub(crate) const XLSX_MAX_CELL_CHARS: u64 = 32_767;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_extensions_in_any_case() {
        assert_eq!(
            FileFormat::from_path(Path::new("a/b.CSV")),
            Some(FileFormat::Csv)
        );
        assert_eq!(
            FileFormat::from_path(Path::new("زنان.Xlsx")),
            Some(FileFormat::Xlsx)
        );
        assert_eq!(FileFormat::from_path(Path::new("old.xls")), None);
        assert_eq!(FileFormat::from_path(Path::new("no_extension")), None);
        assert_eq!(
            FileFormat::from_name("لیست زنان.xlsx"),
            Some(FileFormat::Xlsx)
        );
        assert_eq!(FileFormat::from_name("list.csv "), Some(FileFormat::Csv));
        assert_eq!(FileFormat::from_name("csv"), None);
    }

    #[test]
    fn zip_content_is_recognised_as_xlsx() {
        assert_eq!(FileFormat::sniff(b"PK\x03\x04rest"), FileFormat::Xlsx);
        assert_eq!(FileFormat::sniff("کد ملی,نام".as_bytes()), FileFormat::Csv);
    }
}
