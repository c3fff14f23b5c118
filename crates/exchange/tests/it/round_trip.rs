//! Files written by `SheetWriter` read back through `SheetReader` with every
//! cell unchanged, in both formats.

use hamyar_exchange::{Column, FileFormat, Headers, SheetReader, SheetRow, SheetWriter};

use crate::en;

/// Rows full of what breaks naive spreadsheet code.
fn tricky_rows() -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for index in 0..5 {
        let row: Vec<String> = Column::IMPORT
            .iter()
            .map(|column| match column {
                Column::NationalId => format!("00{:08}", 13542419 + index),
                Column::FirstName => "فاطمه‌سادات".to_owned(),
                Column::LastName => "میرزائی\u{200C}نژاد".to_owned(),
                Column::FatherName => "علي".to_owned(),
                Column::BirthDate => "1362/05/14".to_owned(),
                Column::Mobile => "09121234567".to_owned(),
                Column::County => "آبیک".to_owned(),
                Column::Locality => "روستای \"سنگ‌سرک\"".to_owned(),
                Column::Settlement => "روستایی".to_owned(),
                Column::Address => "خیابان امام, کوچه ۳; پلاک ۱۲".to_owned(),
                Column::Education => String::new(),
                Column::Skills => "خیاطی،\nقالی‌بافی\r\nگلدوزی".to_owned(),
                Column::Sheba => "IR820540102680020817909002".to_owned(),
                Column::HeadshipCause => "همسر فوت‌شده".to_owned(),
                Column::IncomeDecile => "03".to_owned(),
                Column::Notes => match index {
                    0 => "=HYPERLINK(\"http://example.invalid\")".to_owned(),
                    1 => "'=already quoted".to_owned(),
                    2 => "-منفی و @اشاره و +جمع".to_owned(),
                    3 => "tab\there, \"quotes\" and ,commas,".to_owned(),
                    _ => "١٢٣ Arabic digits ۴۵۶".to_owned(),
                },
                _ => unreachable!("only import columns"),
            })
            .collect();
        rows.push(row);
    }
    rows
}

fn write_all(format: FileFormat, rows: &[Vec<String>]) -> Vec<u8> {
    let mut writer = SheetWriter::in_memory(format, Column::IMPORT, Headers::Persian).unwrap();
    for row in rows {
        writer.write_row(row).unwrap();
    }
    assert_eq!(writer.rows_written(), rows.len() as u64);
    writer.into_bytes().unwrap()
}

fn read_all(format: FileFormat, bytes: Vec<u8>) -> Vec<SheetRow> {
    SheetReader::from_bytes(format, bytes)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

fn assert_same(written: &[Vec<String>], read: &[SheetRow]) {
    assert_eq!(written.len(), read.len());
    for (index, (cells, row)) in written.iter().zip(read).enumerate() {
        assert_eq!(row.line, index as u64 + 2);
        for (column, cell) in Column::IMPORT.iter().zip(cells) {
            // Cells are compared as the reader gives them: trimmed.
            assert_eq!(row.get(*column), cell.trim(), "row {} {column}", row.line);
        }
    }
}

#[test]
fn a_csv_written_by_the_writer_reads_back_with_identical_cells() {
    let rows = tricky_rows();
    let bytes = write_all(FileFormat::Csv, &rows);
    assert_same(&rows, &read_all(FileFormat::Csv, bytes));
}

#[test]
fn an_xlsx_written_by_the_writer_reads_back_with_identical_cells() {
    let rows = tricky_rows();
    let bytes = write_all(FileFormat::Xlsx, &rows);
    assert_same(&rows, &read_all(FileFormat::Xlsx, bytes));
}

#[test]
fn a_csv_starts_with_a_byte_order_mark_and_ends_lines_with_crlf() {
    let bytes = write_all(FileFormat::Csv, &tricky_rows()[..1]);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("کد ملی,نام,نام خانوادگی,نام پدر,"));
    assert!(text.ends_with("\r\n"));
    assert!(text.contains("\"'=HYPERLINK(\"\"http://example.invalid\"\")\""));
}

#[test]
fn files_written_to_disk_read_back_from_their_path() {
    let folder = tempfile::tempdir().unwrap();
    let rows = tricky_rows();
    for format in [FileFormat::Csv, FileFormat::Xlsx] {
        let path = folder.path().join(format!("زنان.{}", format.extension()));
        let mut writer =
            SheetWriter::create(&path, format, Column::IMPORT, Headers::English).unwrap();
        for row in &rows {
            writer.write_row(row).unwrap();
        }
        assert_eq!(writer.finish().unwrap(), rows.len() as u64);
        let read: Vec<SheetRow> = SheetReader::open(&path)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_same(&rows, &read);
    }
}

#[test]
fn an_export_with_export_only_columns_imports_back() {
    for format in [FileFormat::Csv, FileFormat::Xlsx] {
        let mut writer = SheetWriter::in_memory(format, Column::EXPORT, Headers::Persian).unwrap();
        let mut cells: Vec<&str> = Column::EXPORT
            .iter()
            .map(|column| column.example())
            .collect();
        cells[Column::Notes.index()] = "یادداشت";
        writer.write_row(&cells).unwrap();
        let bytes = writer.into_bytes().unwrap();
        let reader = SheetReader::from_bytes(format, bytes).unwrap();
        assert_eq!(reader.columns(), Column::IMPORT);
        let rows: Vec<SheetRow> = reader.collect::<Result<_, _>>().unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].get(Column::NationalId), "0013542419");
        assert_eq!(rows[0].get(Column::Notes), "یادداشت");
        assert_eq!(rows[0].get(Column::CoverageStatus), "");
    }
}

#[test]
fn a_row_of_the_wrong_width_is_refused() {
    let mut writer =
        SheetWriter::in_memory(FileFormat::Csv, &[Column::NationalId], Headers::Persian).unwrap();
    let error = writer.write_row(&["a", "b"]).unwrap_err();
    assert!(en(&error).contains("2 cells"), "{error}");
}

#[test]
fn into_bytes_is_refused_for_a_writer_of_a_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("a.csv");
    let writer =
        SheetWriter::create(&path, FileFormat::Csv, Column::IMPORT, Headers::Persian).unwrap();
    assert!(writer.into_bytes().is_err());
}

#[test]
fn an_empty_cell_reads_as_empty_in_both_formats() {
    for format in [FileFormat::Csv, FileFormat::Xlsx] {
        let mut writer = SheetWriter::in_memory(format, Column::IMPORT, Headers::Keys).unwrap();
        let mut cells = vec![""; Column::IMPORT.len()];
        cells[0] = "0013542419";
        writer.write_row(&cells).unwrap();
        let rows = read_all(format, writer.into_bytes().unwrap());
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].get(Column::NationalId), "0013542419");
        assert_eq!(rows[0].get(Column::FirstName), "");
    }
}
