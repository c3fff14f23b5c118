//! Reading files that people and other programs actually produce.

use hamyar_exchange::{Column, ExchangeError, FileFormat, SheetReader, SheetRow};

use crate::{en, fa};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const REQUIRED_HEADER: &str = "کد ملی,نام,نام خانوادگی,تاریخ تولد,شهرستان,نوع سکونت,علت سرپرستی";
const ROW: &str = "0013542419,مریم,احمدی,1362/05/14,آبیک,شهری,همسر فوت‌شده";

fn csv(text: &str) -> Result<SheetReader, ExchangeError> {
    SheetReader::from_bytes(FileFormat::Csv, text.as_bytes().to_vec())
}

fn rows(reader: SheetReader) -> Vec<SheetRow> {
    reader.collect::<Result<_, _>>().unwrap()
}

#[test]
fn a_csv_with_and_without_a_byte_order_mark_reads_the_same() {
    let plain = format!("{REQUIRED_HEADER}\n{ROW}\n");
    let marked = format!("\u{FEFF}{plain}");
    let plain_rows = rows(csv(&plain).unwrap());
    let marked_rows = rows(csv(&marked).unwrap());
    assert_eq!(plain_rows, marked_rows);
    assert_eq!(marked_rows[0].get(Column::NationalId), "0013542419");
}

#[test]
fn semicolon_and_tab_delimited_files_are_recognised() {
    for delimiter in [";", "\t"] {
        let text = format!(
            "{}\r\n{}\r\n",
            REQUIRED_HEADER.replace(',', delimiter),
            ROW.replace(',', delimiter)
        );
        let read = rows(csv(&text).unwrap());
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].get(Column::HeadshipCause), "همسر فوت‌شده");
        assert_eq!(read[0].get(Column::County), "آبیک");
    }
}

#[test]
fn a_semicolon_file_may_hold_commas_inside_cells() {
    let text = format!(
        "{};نشانی\n{};\"خیابان امام، کوچه ۳, پلاک ۱۲\"\n",
        REQUIRED_HEADER.replace(',', ";"),
        ROW.replace(',', ";")
    );
    let read = rows(csv(&text).unwrap());
    assert_eq!(read[0].get(Column::Address), "خیابان امام، کوچه ۳, پلاک ۱۲");
}

#[test]
fn headers_typed_with_arabic_letters_or_in_english_are_matched() {
    let text = format!(
        "كد ملي,نام,نام خانوادگي,تاريخ تولد,شهرستان,نوع سكونت,علت سرپرستي,National ID (x)\n{ROW}\n"
    );
    let error = csv(&text).unwrap_err();
    assert!(fa(&error).contains("National ID (x)"), "{}", fa(&error));

    let text = format!(
        "كد ملي,First name,last_name,تاريخ تولد,COUNTY,Settlement type,علت سرپرستي,مهارتها\n{ROW},خیاطی\n"
    );
    let reader = csv(&text).unwrap();
    assert!(reader.has_column(Column::Skills));
    assert!(!reader.has_column(Column::Mobile));
    let read = rows(reader);
    assert_eq!(read[0].get(Column::LastName), "احمدی");
    assert_eq!(read[0].get(Column::Skills), "خیاطی");
    assert_eq!(read[0].get(Column::Mobile), "");
}

#[test]
fn a_missing_required_column_is_named_in_the_error() {
    let text = "کد ملی,نام,تاریخ تولد,شهرستان,نوع سکونت,علت سرپرستی\n1,2,3,4,5,6\n";
    match csv(text).unwrap_err() {
        error @ ExchangeError::Header { .. } => {
            let (persian, english) = (fa(&error), en(&error));
            assert!(persian.contains("«نام خانوادگی»"), "{persian}");
            assert!(english.contains("\"Last name\""), "{english}");
        }
        other => panic!("expected a header error, got {other:?}"),
    }
}

#[test]
fn an_unknown_column_is_named_in_the_error() {
    let text = format!("{REQUIRED_HEADER},گروه خونی\n{ROW},O+\n");
    let error = csv(&text).unwrap_err();
    assert!(matches!(error, ExchangeError::Header { .. }));
    assert!(fa(&error).contains("«گروه خونی»"));
    assert!(en(&error).contains("\"گروه خونی\""));
}

#[test]
fn a_duplicated_column_is_named_in_the_error() {
    let text = format!("{REQUIRED_HEADER},national_id\n{ROW},0013542419\n");
    let error = csv(&text).unwrap_err();
    assert!(fa(&error).contains("بیش از یک بار"), "{}", fa(&error));
    assert!(en(&error).contains("\"National ID\""));
}

#[test]
fn an_empty_file_has_no_header_row() {
    for text in ["", "\u{FEFF}", "\n\n", ",,,\n"] {
        let error = csv(text).unwrap_err();
        assert!(en(&error).contains("no header row"), "{text:?}: {error}");
    }
}

#[test]
fn blank_rows_are_skipped_but_still_counted_in_row_numbers() {
    let text = format!(
        "{REQUIRED_HEADER},یادداشت\r\n\
         {ROW},\"first line\nsecond line\"\r\n\
         ,,,,,,,\r\n\
         \r\n\
         {ROW},\r\n\
         \u{00A0} , ,\r\n\
         {ROW},last\r\n"
    );
    let read = rows(csv(&text).unwrap());
    let lines: Vec<u64> = read.iter().map(|row| row.line).collect();
    assert_eq!(lines, [2, 5, 7]);
    assert_eq!(read[0].get(Column::Notes), "first line\nsecond line");
    assert_eq!(read[2].get(Column::Notes), "last");
}

#[test]
fn the_header_may_follow_blank_lines_and_keeps_its_spreadsheet_row() {
    let text = format!("\n,,\n{REQUIRED_HEADER}\n{ROW}\n");
    let read = rows(csv(&text).unwrap());
    assert_eq!(read[0].line, 4);
}

#[test]
fn invalid_utf8_is_reported_with_its_row_and_reading_goes_on() {
    let mut bytes = format!("{REQUIRED_HEADER}\n{ROW}\n").into_bytes();
    // "مریم" in Windows-1256, as an old Excel "CSV (Comma delimited)" saves it.
    bytes.extend_from_slice(b"0013542419,\xE3\xD1\xED\xE3,x,1362/05/14,x,x,x\n");
    bytes.extend_from_slice(format!("{ROW}\n").as_bytes());
    let mut reader = SheetReader::from_bytes(FileFormat::Csv, bytes).unwrap();
    assert_eq!(reader.next().unwrap().unwrap().line, 2);
    let error = reader.next().unwrap().unwrap_err();
    assert!(
        matches!(error, ExchangeError::Encoding { line: 3 }),
        "{error:?}"
    );
    assert!(fa(&error).contains("CSV UTF-8"));
    assert!(fa(&error).contains('۳'));
    assert!(error.concerns_one_row());
    assert_eq!(reader.next().unwrap().unwrap().line, 4);
    assert!(reader.next().is_none());
}

#[test]
fn a_value_under_no_header_is_reported_not_dropped() {
    let text = format!("{REQUIRED_HEADER}\n{ROW},,\n{ROW},,سرگردان\n");
    let mut reader = csv(&text).unwrap();
    assert!(reader.next().unwrap().is_ok());
    match reader.next().unwrap().unwrap_err() {
        ExchangeError::Unheaded {
            line,
            column_number,
            value,
        } => {
            assert_eq!((line, column_number, value.as_str()), (3, 9, "سرگردان"));
        }
        other => panic!("expected an unheaded value, got {other:?}"),
    }
}

#[test]
fn csv_progress_reaches_the_file_size() {
    let text = format!("\u{FEFF}{REQUIRED_HEADER}\n{ROW}\n{ROW}\n");
    let mut reader = csv(&text).unwrap();
    assert_eq!(reader.total_rows_hint(), None);
    let start = reader.progress();
    assert_eq!(start.rows_read, 0);
    assert_eq!(start.bytes_total, Some(text.len() as u64));
    while reader.next().is_some() {}
    let end = reader.progress();
    assert_eq!(end.rows_read, 2);
    assert_eq!(end.bytes_read, Some(text.len() as u64));
    assert_eq!(end.fraction(), Some(1.0));
}

#[test]
fn an_excel_file_named_csv_is_recognised_as_excel() {
    let bytes = hamyar_exchange::template_bytes(FileFormat::Xlsx);
    let error = SheetReader::from_bytes(FileFormat::Csv, bytes).unwrap_err();
    assert!(
        matches!(error, ExchangeError::WrongContent { .. }),
        "{error:?}"
    );
    let error = SheetReader::from_bytes(FileFormat::Xlsx, b"a,b\n".to_vec()).unwrap_err();
    assert!(
        matches!(error, ExchangeError::WrongContent { .. }),
        "{error:?}"
    );
}

#[test]
fn files_other_than_csv_and_xlsx_are_refused_by_name() {
    let error = SheetReader::open("/nonexistent/list.xls").unwrap_err();
    assert!(matches!(error, ExchangeError::UnsupportedFormat { ref name } if name == "list.xls"));
    assert!(fa(&error).contains(".xlsx"));
}

#[test]
fn a_missing_file_is_an_io_error_naming_its_path() {
    let error = SheetReader::open("/nonexistent/women.csv").unwrap_err();
    assert!(matches!(error, ExchangeError::Io { .. }));
    assert!(en(&error).contains("/nonexistent/women.csv"));
}

#[test]
fn xlsx_numbers_become_integer_text_and_dates_become_iso_text() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("اولی").unwrap();
    let headers = [
        "کد ملی",
        "نام",
        "نام خانوادگی",
        "تاریخ تولد",
        "شهرستان",
        "نوع سکونت",
    ];
    for (column, header) in headers.iter().enumerate() {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    sheet.write_string(0, 6, "علت سرپرستی").unwrap();
    sheet.write_string(0, 7, "دهک درآمدی").unwrap();
    sheet.write_number(1, 0, 13542419).unwrap();
    sheet.write_string(1, 1, "مریم").unwrap();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let date = ExcelDateTime::from_ymd(1983, 8, 5).unwrap();
    sheet
        .write_datetime_with_format(1, 3, &date, &date_format)
        .unwrap();
    sheet.write_number(1, 7, 3.0).unwrap();
    sheet.write_number(1, 5, 2.5).unwrap();
    // A blank row 3, then a row at sheet row 4.
    sheet.write_string(3, 1, "زهرا").unwrap();
    workbook
        .add_worksheet()
        .write_string(0, 0, "second sheet")
        .unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let reader = SheetReader::from_bytes(FileFormat::Xlsx, bytes).unwrap();
    assert_eq!(reader.total_rows_hint(), Some(3));
    let read = rows(reader);
    assert_eq!(read.len(), 2);
    assert_eq!(read[0].line, 2);
    assert_eq!(read[0].get(Column::NationalId), "13542419");
    assert_eq!(read[0].get(Column::BirthDate), "1983-08-05");
    assert_eq!(read[0].get(Column::IncomeDecile), "3");
    assert_eq!(read[0].get(Column::Settlement), "2.5");
    assert_eq!(read[1].line, 4);
    assert_eq!(read[1].get(Column::FirstName), "زهرا");
}

#[test]
fn an_xlsx_sheet_that_starts_lower_down_keeps_spreadsheet_row_numbers() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, header) in REQUIRED_HEADER.split(',').enumerate() {
        sheet.write_string(2, column as u16 + 1, header).unwrap();
    }
    for (column, cell) in ROW.split(',').enumerate() {
        sheet.write_string(4, column as u16 + 1, cell).unwrap();
    }
    sheet.write_string(5, 9, "بی‌عنوان").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let mut reader = SheetReader::from_bytes(FileFormat::Xlsx, bytes).unwrap();
    let row = reader.next().unwrap().unwrap();
    assert_eq!(row.line, 5);
    assert_eq!(row.get(Column::FirstName), "مریم");
    match reader.next().unwrap().unwrap_err() {
        ExchangeError::Unheaded {
            line,
            column_number,
            ..
        } => assert_eq!((line, column_number), (6, 10)),
        other => panic!("expected an unheaded value, got {other:?}"),
    }
    assert!(reader.next().is_none());
}

#[test]
fn a_csv_streams_from_any_reader() {
    let text = format!("{REQUIRED_HEADER}\n{ROW}\n");
    let reader = SheetReader::from_reader(
        FileFormat::Csv,
        std::io::Cursor::new(text.into_bytes()),
        None,
    )
    .unwrap();
    assert_eq!(reader.progress().bytes_total, None);
    assert_eq!(rows(reader).len(), 1);
}

#[test]
fn the_last_row_needs_no_line_break() {
    let text = format!("{REQUIRED_HEADER}\r\n\r\n{ROW}");
    let read = rows(csv(&text).unwrap());
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].line, 3);
    assert_eq!(read[0].get(Column::HeadshipCause), "همسر فوت‌شده");
}

#[test]
fn a_file_whose_lines_end_with_carriage_returns_alone_is_read() {
    let text = format!("{REQUIRED_HEADER}\r{ROW}\r{ROW}\r");
    let read = rows(csv(&text).unwrap());
    let lines: Vec<u64> = read.iter().map(|row| row.line).collect();
    assert_eq!(lines, [2, 3]);
    assert_eq!(read[1].get(Column::HeadshipCause), "همسر فوت‌شده");
}
