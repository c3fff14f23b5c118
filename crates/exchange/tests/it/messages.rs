//! Every error of the reader and the writer, rendered from the catalogue in each language, reads
//! word for word as it did when `ExchangeError` wrote its own Persian and English: the texts
//! below are what `message_fa()` and `message_en()` returned, so a change of wording in
//! `exchange-errors.ftl` fails here.

use std::io;
use std::path::PathBuf;

use hamyar_exchange::{ExchangeError, FileFormat, Limit, Place, SheetReader};

use crate::{en, fa};

/// The error of reading `text` as a CSV file.
fn csv(text: &str) -> ExchangeError {
    SheetReader::from_bytes(FileFormat::Csv, text.as_bytes().to_vec()).unwrap_err()
}

const REQUIRED_HEADER: &str = "کد ملی,نام,نام خانوادگی,تاریخ تولد,شهرستان,نوع سکونت,علت سرپرستی";

fn reads(error: &ExchangeError, persian: &str, english: &str) {
    assert_eq!(fa(error), persian, "{error:?}");
    assert_eq!(en(error), english, "{error:?}");
}

/// The operating system's refusals (its own words in English, and in Persian for the kinds it names), names and contents of the wrong format, and broken Excel files.
#[test]
fn files_that_cannot_be_opened_read_or_written_read_as_before() {
    reads(
        &ExchangeError::Io {
            path: PathBuf::from("/tmp/women.csv"),
            source: io::Error::from(io::ErrorKind::NotFound),
        },
        "فایل «/tmp/women.csv» خوانده یا نوشته نشد: پیدا نشد",
        "cannot read or write /tmp/women.csv: entity not found",
    );
    reads(
        &ExchangeError::Io {
            path: PathBuf::from("/tmp/women.csv"),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        },
        "فایل «/tmp/women.csv» خوانده یا نوشته نشد: اجازهٔ دسترسی نیست",
        "cannot read or write /tmp/women.csv: permission denied",
    );
    reads(
        &ExchangeError::Io {
            path: PathBuf::from("/tmp/women.csv"),
            source: io::Error::from(io::ErrorKind::StorageFull),
        },
        "فایل «/tmp/women.csv» خوانده یا نوشته نشد: فضای دیسک پر است",
        "cannot read or write /tmp/women.csv: no storage space",
    );
    reads(
        &ExchangeError::Io {
            path: PathBuf::from("(upload)"),
            source: io::Error::other("the disk is on fire"),
        },
        "فایل «(upload)» خوانده یا نوشته نشد: the disk is on fire",
        "cannot read or write (upload): the disk is on fire",
    );
    reads(
        &ExchangeError::UnsupportedFormat {
            name: "زنان.xls".into(),
        },
        "«زنان.xls» فایل CSV (\u{200e}.csv) یا اکسل (\u{200e}.xlsx) نیست. فایل‌های \u{200e}.xls قدیمی را در اکسل با قالب \u{200e}.xlsx دوباره ذخیره کنید.",
        "\"زنان.xls\" is neither a CSV (.csv) nor an Excel (.xlsx) file",
    );
    reads(
        &ExchangeError::WrongContent {
            expected: FileFormat::Csv,
            found: FileFormat::Xlsx,
        },
        "نام فایل قالب CSV را نشان می‌دهد ولی محتوای آن اکسل (XLSX) است.",
        "the file is named as CSV but its content is XLSX",
    );
    reads(
        &ExchangeError::WrongContent {
            expected: FileFormat::Xlsx,
            found: FileFormat::Csv,
        },
        "نام فایل قالب اکسل (XLSX) را نشان می‌دهد ولی محتوای آن CSV است.",
        "the file is named as XLSX but its content is CSV",
    );
    reads(
        &ExchangeError::Xlsx {
            detail: "it has no worksheet".into(),
        },
        "فایل اکسل خوانده نشد (it has no worksheet). آن را در اکسل باز و دوباره ذخیره کنید.",
        "cannot read the Excel file: it has no worksheet",
    );
    reads(
        &ExchangeError::XlsxWrite {
            detail: "disk full".into(),
        },
        "فایل اکسل ساخته نشد (disk full).",
        "cannot write the Excel file: disk full",
    );
}

/// A row's number is written in the language's digits without separators, as the spreadsheet shows it.
#[test]
fn rows_that_are_not_text_read_as_before() {
    reads(
        &ExchangeError::Encoding { line: 12345 },
        "ردیف ۱۲۳۴۵ با کدگذاری UTF-8 ذخیره نشده است. فایل را در اکسل باز کنید و با «Save As» و گزینهٔ «CSV UTF-8 (Comma delimited)» دوباره ذخیره کنید.",
        "row 12345 is not UTF-8 text; open the file in Excel and save it again as \"CSV UTF-8 (Comma delimited)\"",
    );
    reads(
        &ExchangeError::Unheaded {
            line: 3,
            column_number: 21,
            value: "O+".into(),
        },
        "ردیف ۳ در ستون ۲۱ مقدار «O+» دارد ولی این ستون عنوان ندارد.",
        "row 3 has the value \"O+\" in column 21, which has no header",
    );
    reads(
        &ExchangeError::Csv {
            line: 4,
            detail: "found record with 3 fields".into(),
        },
        "ردیف ۴ به‌صورت CSV خوانده نشد (found record with 3 fields).",
        "row 4 cannot be read as CSV: found record with 3 fields",
    );
}

/// Excel's own bounds are written with separators.
#[test]
fn the_writers_refusals_read_as_before() {
    reads(
        &ExchangeError::RowWidth {
            expected: 20,
            found: 3,
        },
        "ردیف ۳ خانه دارد ولی جدول ۲۰ ستون دارد.",
        "a row has 3 cells but the sheet has 20 columns",
    );
    reads(
        &ExchangeError::TooManyRowsForXlsx,
        "برگهٔ اکسل بیش از ۱٬۰۴۸٬۵۷۶ ردیف نمی‌پذیرد؛ خروجی را با قالب CSV بگیرید.",
        "Excel sheets hold at most 1,048,576 rows; export as CSV instead",
    );
    reads(
        &ExchangeError::CellTooLongForXlsx { line: 1234 },
        "ردیف ۱۲۳۴ خانه‌ای بلندتر از ۳۲٬۷۶۷ نویسه دارد که در اکسل جا نمی‌شود.",
        "row 1234 has a cell longer than the 32,767 characters an Excel cell can hold",
    );
    reads(
        &ExchangeError::NotInMemory,
        "این نویسنده در فایل می‌نویسد، نه در حافظه.",
        "this writer writes a file, not bytes in memory",
    );
}

/// Every problem of a header row in one message: unknown headers as typed, the registry's columns by their name in the reader's language, five unknown headers and a count of the rest.
#[test]
fn header_rows_that_do_not_fit_read_as_before() {
    let mut many = REQUIRED_HEADER.to_owned();
    for index in 0..8 {
        many.push_str(&format!(",ستون {index}"));
    }
    reads(
        &csv(""),
        "فایل خالی است یا ردیف عنوان ستون‌ها را ندارد. ردیف اول باید عنوان ستون‌ها باشد؛ فایل نمونه را دریافت کنید.",
        "The file is empty or has no header row. The first row must hold the column headers; download the template.",
    );
    reads(
        &csv(&format!("{REQUIRED_HEADER},گروه خونی,رنگ چشم\n")),
        "این ستون‌ها شناخته نشدند: «گروه خونی»، «رنگ چشم». عنوان ستون‌ها باید مانند فایل نمونه باشد.",
        "Unknown columns: \"گروه خونی\", \"رنگ چشم\". Headers must be as in the template.",
    );
    reads(
        &csv(&format!("{many}\n")),
        "این ستون‌ها شناخته نشدند: «ستون 0»، «ستون 1»، «ستون 2»، «ستون 3»، «ستون 4» و ۳ ستون دیگر. عنوان ستون‌ها باید مانند فایل نمونه باشد.",
        "Unknown columns: \"ستون 0\", \"ستون 1\", \"ستون 2\", \"ستون 3\", \"ستون 4\" and 3 more. Headers must be as in the template.",
    );
    reads(
        &csv(&format!("{REQUIRED_HEADER},national_id\n")),
        "این ستون‌ها بیش از یک بار آمده‌اند: «کد ملی». عنوان ستون‌ها باید مانند فایل نمونه باشد.",
        "Columns given more than once: \"National ID\". Headers must be as in the template.",
    );
    reads(
        &csv("کد ملی,نام,تاریخ تولد,شهرستان,نوع سکونت,علت سرپرستی\n"),
        "این ستون‌های الزامی در فایل نیستند: «نام خانوادگی». عنوان ستون‌ها باید مانند فایل نمونه باشد.",
        "Required columns missing: \"Last name\". Headers must be as in the template.",
    );
    reads(
        &csv("کد ملی,رنگ چشم,کدملی,نام\n"),
        "این ستون‌ها شناخته نشدند: «رنگ چشم». این ستون‌ها بیش از یک بار آمده‌اند: «کد ملی». این ستون‌های الزامی در فایل نیستند: «نام خانوادگی»، «تاریخ تولد»، «شهرستان»، «نوع سکونت»، «علت سرپرستی». عنوان ستون‌ها باید مانند فایل نمونه باشد.",
        "Unknown columns: \"رنگ چشم\". Columns given more than once: \"National ID\". Required columns missing: \"Last name\", \"Birth date\", \"County\", \"Settlement type\", \"Headship cause\". Headers must be as in the template.",
    );
}

/// Each limit with its value (a count with separators, or a size in its largest whole unit) and its place.
#[test]
fn limit_refusals_read_as_before() {
    reads(
        &ExchangeError::OverLimit {
            limit: Limit::WorkbookBytes,
            max: 1 << 30,
            place: Place::Part("xl/worksheets/sheet1.xml".into()),
        },
        "فایل اکسل پس از بازشدن بیش از ۱ گیگابایت داده دارد (در بخش xl/worksheets/sheet1.xml)؛ حداکثر مجاز ۱ گیگابایت است. فهرست را با قالب CSV یا در چند فایل کوچک‌تر وارد کنید.",
        "The Excel file unpacks to more than 1 GB of data (in xl/worksheets/sheet1.xml); at most 1 GB is allowed. Import the list as CSV or in smaller files.",
    );
    reads(
        &ExchangeError::OverLimit {
            limit: Limit::ZipEntries,
            max: 1000,
            place: Place::File,
        },
        "فایل اکسل بیش از ۱٬۰۰۰ بخش دارد؛ حداکثر مجاز ۱٬۰۰۰ بخش است. فایل را در اکسل باز و دوباره ذخیره کنید.",
        "The Excel file holds more than 1,000 parts; at most 1,000 are allowed. Open it in Excel and save it again.",
    );
    reads(
        &ExchangeError::OverLimit {
            limit: Limit::Rows,
            max: 1_048_576,
            place: Place::Row(1_048_577),
        },
        "فایل بیش از ۱٬۰۴۸٬۵۷۶ ردیف دارد (ردیف ۱٬۰۴۸٬۵۷۷)؛ حداکثر مجاز ۱٬۰۴۸٬۵۷۶ ردیف است.",
        "The file has more than 1,048,576 rows (row 1,048,577); at most 1,048,576 rows are allowed.",
    );
    reads(
        &ExchangeError::OverLimit {
            limit: Limit::Columns,
            max: 200,
            place: Place::Cell("XFD1048576".into()),
        },
        "فایل بیش از ۲۰۰ ستون دارد (خانهٔ XFD1048576)؛ حداکثر مجاز ۲۰۰ ستون است.",
        "The file has more than 200 columns (cell XFD1048576); at most 200 columns are allowed.",
    );
    reads(
        &ExchangeError::OverLimit {
            limit: Limit::Cells,
            max: 67_108_864,
            place: Place::Row(12_345),
        },
        "فایل بیش از ۶۷٬۱۰۸٬۸۶۴ خانه دارد (ردیف ۱۲٬۳۴۵)؛ حداکثر مجاز ۶۷٬۱۰۸٬۸۶۴ خانه است.",
        "The file has more than 67,108,864 cells (row 12,345); at most 67,108,864 are allowed.",
    );
    reads(
        &ExchangeError::OverLimit {
            limit: Limit::LineBytes,
            max: 1500,
            place: Place::Row(7),
        },
        "فایل ردیف یا متنی بلندتر از ۱٬۵۰۰ بایت دارد (ردیف ۷)؛ حداکثر مجاز ۱٬۵۰۰ بایت است.",
        "The file has a row or a piece of text longer than 1,500 bytes (row 7); at most 1,500 bytes is allowed.",
    );
    reads(
        &ExchangeError::OverLimit {
            limit: Limit::LineBytes,
            max: 2048,
            place: Place::File,
        },
        "فایل ردیف یا متنی بلندتر از ۲ کیلوبایت دارد؛ حداکثر مجاز ۲ کیلوبایت است.",
        "The file has a row or a piece of text longer than 2 KB; at most 2 KB is allowed.",
    );
    reads(
        &ExchangeError::OverLimit {
            limit: Limit::SharedStringsBytes,
            max: 24 << 20,
            place: Place::File,
        },
        "متن‌های فایل اکسل بیش از ۲۴ مگابایت جا می‌گیرند؛ حداکثر مجاز ۲۴ مگابایت است. فهرست را در اکسل با قالب «CSV UTF-8» ذخیره و آن فایل را وارد کنید.",
        "The texts of the Excel file take more than 24 MB; at most 24 MB is allowed. Save the list in Excel as \"CSV UTF-8\" and import that file.",
    );
}
