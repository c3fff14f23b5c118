//! Small report tables (money reports) as CSV or XLSX, built in memory: text cells and whole
//! numbers, with the registry export's conventions — a UTF-8 byte-order mark and CRLF in
//! CSV (so Excel reads Persian headers), a right-to-left sheet with a bold frozen header row
//! in XLSX. Numbers stay numbers (amounts in rials are integers, never formatted text), so a
//! spreadsheet can add them up; text that looks like a formula is guarded as in the registry.

use csv::{QuoteStyle, Terminator, WriterBuilder};
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook};

use crate::error::ExchangeError;
use crate::format::FileFormat;
use crate::guard::needs_guard;

/// One cell of a report table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableCell {
    Text(String),
    Integer(i64),
}

/// A report table: its sheet name, Persian headers and rows (one cell per header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportTable {
    pub sheet_name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<TableCell>>,
}

impl ReportTable {
    /// The table as the bytes of a CSV or XLSX file.
    pub fn to_bytes(&self, format: FileFormat) -> Result<Vec<u8>, ExchangeError> {
        match format {
            FileFormat::Csv => self.csv_bytes(),
            FileFormat::Xlsx => self.xlsx_bytes(),
        }
    }

    fn csv_bytes(&self) -> Result<Vec<u8>, ExchangeError> {
        let mut writer = WriterBuilder::new()
            .terminator(Terminator::CRLF)
            .quote_style(QuoteStyle::Necessary)
            .from_writer(b"\xEF\xBB\xBF".to_vec());
        let io_error = |error: csv::Error| {
            ExchangeError::io(
                std::path::Path::new("(memory)"),
                std::io::Error::other(error.to_string()),
            )
        };
        writer.write_record(&self.headers).map_err(io_error)?;
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|cell| match cell {
                    TableCell::Text(text) => guarded(text),
                    TableCell::Integer(value) => value.to_string(),
                })
                .collect();
            writer.write_record(&cells).map_err(io_error)?;
        }
        writer.into_inner().map_err(|error| {
            ExchangeError::io(
                std::path::Path::new("(memory)"),
                std::io::Error::other(error.to_string()),
            )
        })
    }

    fn xlsx_bytes(&self) -> Result<Vec<u8>, ExchangeError> {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        let header_format = Format::new()
            .set_bold()
            .set_font_name("Tahoma")
            .set_background_color(Color::RGB(0xDDE7F3))
            .set_border_bottom(FormatBorder::Thin)
            .set_text_wrap();
        let text = Format::new().set_font_name("Tahoma").set_num_format("@");
        let number = Format::new()
            .set_font_name("Tahoma")
            .set_num_format("#,##0");
        let xlsx = ExchangeError::xlsx_write;
        sheet.set_name(&self.sheet_name).map_err(xlsx)?;
        sheet.set_right_to_left(true);
        sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
        for (index, header) in self.headers.iter().enumerate() {
            let column = index as u16;
            sheet.set_column_width(column, 18.0).map_err(xlsx)?;
            sheet
                .write_string_with_format(0, column, header, &header_format)
                .map_err(xlsx)?;
        }
        for (index, row) in self.rows.iter().enumerate() {
            let line = (index + 1) as u32;
            for (column, cell) in row.iter().enumerate() {
                let column = column as u16;
                match cell {
                    TableCell::Text(value) => {
                        sheet.write_string_with_format(line, column, value, &text)
                    }
                    // Whole rials: exact in a spreadsheet's double up to 2^53.
                    TableCell::Integer(value) => {
                        sheet.write_number_with_format(line, column, *value as f64, &number)
                    }
                }
                .map_err(xlsx)?;
            }
        }
        workbook.save_to_buffer().map_err(xlsx)
    }
}

fn guarded(text: &str) -> String {
    if needs_guard(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> ReportTable {
        ReportTable {
            sheet_name: "بودجه".into(),
            headers: vec!["شهرستان".into(), "بودجه (ریال)".into()],
            rows: vec![vec![
                TableCell::Text("تاکستان".into()),
                TableCell::Integer(400_000_000),
            ]],
        }
    }

    #[test]
    fn csv_starts_with_a_bom_and_keeps_amounts_as_plain_integers() {
        let bytes = table().to_bytes(FileFormat::Csv).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "\u{feff}شهرستان,بودجه (ریال)\r\nتاکستان,400000000\r\n"
        );
    }

    #[test]
    fn xlsx_reads_back_with_numbers_as_numbers() {
        use calamine::{Data, Reader, Xlsx};
        let bytes = table().to_bytes(FileFormat::Xlsx).unwrap();
        let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = workbook.worksheet_range("بودجه").unwrap();
        assert_eq!(range.get((1, 1)), Some(&Data::Float(400_000_000.0)));
        assert_eq!(range.get((0, 0)), Some(&Data::String("شهرستان".into())));
    }
}
