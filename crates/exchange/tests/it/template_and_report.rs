//! The downloadable template and the problem report.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use hamyar_exchange::{
    Column, FileFormat, GUIDE_SHEET_NAME, Problem, REGISTRY_SHEET_NAME, REPORT_HEADERS,
    REPORT_SHEET_NAME, SheetReader, report_bytes, template_bytes, write_report, write_template,
};

fn sheet_rows(bytes: Vec<u8>, sheet: &str) -> Vec<Vec<String>> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::String(text) => text.clone(),
                    Data::Empty => String::new(),
                    other => panic!("every cell should be text, found {other:?}"),
                })
                .collect()
        })
        .collect()
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text)
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn import_headers() -> Vec<String> {
    Column::IMPORT
        .iter()
        .map(|column| column.header_fa().to_owned())
        .collect()
}

#[test]
fn the_csv_template_has_the_import_headers_and_reads_back_with_zero_rows() {
    let bytes = template_bytes(FileFormat::Csv);
    assert_eq!(csv_rows(&bytes), vec![import_headers()]);
    let reader = SheetReader::from_bytes(FileFormat::Csv, bytes).unwrap();
    assert_eq!(reader.columns(), Column::IMPORT);
    assert_eq!(reader.count(), 0);
}

#[test]
fn the_xlsx_template_has_the_import_headers_a_guide_and_reads_back_with_zero_rows() {
    let bytes = template_bytes(FileFormat::Xlsx);
    let workbook = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        [REGISTRY_SHEET_NAME.to_owned(), GUIDE_SHEET_NAME.to_owned()]
    );
    assert_eq!(
        sheet_rows(bytes.clone(), REGISTRY_SHEET_NAME),
        vec![import_headers()]
    );

    let guide = sheet_rows(bytes.clone(), GUIDE_SHEET_NAME);
    assert_eq!(guide[0], ["ستون", "الزامی", "نمونه", "توضیح"]);
    assert_eq!(guide.len(), Column::IMPORT.len() + 1);
    let national_id = &guide[1];
    assert_eq!(national_id[..3], ["کد ملی", "بله", "0013542419"]);
    let by_header = |header: &str| guide.iter().find(|row| row[0] == header).unwrap().clone();
    assert_eq!(by_header("تاریخ تولد")[2], "1362/05/14");
    assert_eq!(by_header("نوع سکونت")[2], "شهری");
    assert_eq!(by_header("علت سرپرستی")[2], "همسر فوت‌شده");
    assert_eq!(by_header("دهک درآمدی")[1..3], ["خیر", "3"]);
    assert_eq!(by_header("شهرستان")[2], "آبیک");

    let reader = SheetReader::from_bytes(FileFormat::Xlsx, bytes).unwrap();
    assert_eq!(reader.total_rows_hint(), Some(0));
    assert_eq!(reader.count(), 0);
}

#[test]
fn templates_written_to_disk_equal_the_downloaded_ones_in_content() {
    let folder = tempfile::tempdir().unwrap();
    for format in [FileFormat::Csv, FileFormat::Xlsx] {
        let path = folder.path().join(format!("نمونه.{}", format.extension()));
        write_template(&path, format).unwrap();
        let reader = SheetReader::open(&path).unwrap();
        assert_eq!(reader.columns(), Column::IMPORT);
        assert_eq!(reader.count(), 0);
    }
}

fn problems() -> Vec<Problem> {
    vec![
        Problem {
            line: 2,
            column: Column::NationalId.header_fa().to_owned(),
            value: "0013542418".to_owned(),
            message_fa: "رقم کنترل کد ملی درست نیست.".to_owned(),
        },
        Problem {
            line: 5,
            column: String::new(),
            value: String::new(),
            message_fa: "این کد ملی در ردیف ۲ هم آمده است.".to_owned(),
        },
        Problem {
            line: 7,
            column: Column::Notes.header_fa().to_owned(),
            value: "=1+2, \"quoted\"\nnext line".to_owned(),
            message_fa: "یادداشت بلند است.".to_owned(),
        },
    ]
}

fn expected_report() -> Vec<Vec<String>> {
    let rows = [
        REPORT_HEADERS,
        ["2", "کد ملی", "0013542418", "رقم کنترل کد ملی درست نیست."],
        ["5", "", "", "این کد ملی در ردیف ۲ هم آمده است."],
        [
            "7",
            "یادداشت",
            "=1+2, \"quoted\"\nnext line",
            "یادداشت بلند است.",
        ],
    ];
    rows.iter()
        .map(|row| row.iter().map(|cell| (*cell).to_owned()).collect())
        .collect()
}

#[test]
fn the_xlsx_report_has_persian_headers_and_one_row_per_problem() {
    let bytes = report_bytes(FileFormat::Xlsx, &problems());
    let workbook = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(workbook.sheet_names(), [REPORT_SHEET_NAME.to_owned()]);
    assert_eq!(sheet_rows(bytes, REPORT_SHEET_NAME), expected_report());
}

#[test]
fn the_csv_report_has_persian_headers_and_one_row_per_problem() {
    let bytes = report_bytes(FileFormat::Csv, &problems());
    let mut expected = expected_report();
    // The formula-looking value is protected in CSV.
    expected[3][2] = format!("'{}", expected[3][2]);
    assert_eq!(csv_rows(&bytes), expected);
}

#[test]
fn reports_written_to_disk_hold_the_same_rows() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("خطاها.xlsx");
    write_report(&path, FileFormat::Xlsx, &problems()).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(sheet_rows(bytes, REPORT_SHEET_NAME), expected_report());

    let path = folder.path().join("خطاها.csv");
    write_report(&path, FileFormat::Csv, &problems()).unwrap();
    assert_eq!(csv_rows(&std::fs::read(&path).unwrap()).len(), 4);
}

#[test]
fn an_empty_report_has_only_its_header_row() {
    let bytes = report_bytes(FileFormat::Xlsx, &[]);
    assert_eq!(
        sheet_rows(bytes, REPORT_SHEET_NAME),
        vec![expected_report()[0].clone()]
    );
}
