//! Hostile files are refused with an error that names the limit they pass,
//! quickly, and the inputs fuzzing found once stay harmless.

use std::path::Path;

use hamyar_exchange::hostile::{self, Bomb, Outcome};
use hamyar_exchange::{ExchangeError, FileFormat, Limit, Place, ReadLimits, SheetReader};

use crate::{en, fa};

fn bomb(name: &str) -> Bomb {
    hostile::corpus()
        .into_iter()
        .find(|bomb| bomb.name == name)
        .expect("a bomb of the corpus")
}

/// Reads `bytes` to the end; the error that ends reading, if any, and the
/// errors about single rows.
fn read_all(
    format: FileFormat,
    bytes: Vec<u8>,
    limits: ReadLimits,
) -> (Option<ExchangeError>, Vec<ExchangeError>) {
    let reader = match SheetReader::from_bytes_with_limits(format, bytes, limits) {
        Ok(reader) => reader,
        Err(error) => return (Some(error), Vec::new()),
    };
    let mut row_errors = Vec::new();
    for item in reader {
        match item {
            Err(error) if error.concerns_one_row() => row_errors.push(error),
            Err(error) => return (Some(error), row_errors),
            Ok(_) => {}
        }
    }
    (None, row_errors)
}

/// Asserts `bomb` is refused with `limit` at its value in `limits`, named in
/// both languages; returns the refusal's place.
fn assert_refused(bomb: &Bomb, limits: ReadLimits, limit: Limit) -> Place {
    assert_eq!(bomb.outcome, Outcome::Refused(limit), "{}", bomb.name);
    let (fatal, _) = read_all(bomb.format, bomb.bytes(), limits);
    let error = fatal.unwrap_or_else(|| panic!("{} was read without a refusal", bomb.name));
    let ExchangeError::OverLimit {
        limit: found,
        max,
        ref place,
    } = error
    else {
        panic!(
            "{}: expected a refusal over {limit:?}, got {error:?}",
            bomb.name
        );
    };
    assert_eq!(found, limit, "{}: {error}", bomb.name);
    assert_eq!(max, limits.value(limit), "{}", bomb.name);
    assert!(!error.concerns_one_row());
    assert!(fa(&error).contains("حداکثر مجاز"), "{}", fa(&error));
    assert!(en(&error).contains("at most"), "{error}");
    place.clone()
}

#[test]
fn a_cell_at_xfd1048576_is_refused_by_the_column_limit_naming_the_cell() {
    let place = assert_refused(
        &bomb("a1_xfd1048576.xlsx"),
        ReadLimits::default(),
        Limit::Columns,
    );
    assert_eq!(place, Place::Cell("XFD1048576".to_owned()));
    let error = ExchangeError::OverLimit {
        limit: Limit::Columns,
        max: 200,
        place,
    };
    assert_eq!(
        fa(&error),
        "فایل بیش از ۲۰۰ ستون دارد (خانهٔ XFD1048576)؛ حداکثر مجاز ۲۰۰ ستون است."
    );
}

#[test]
fn a_sparse_sheet_reaching_row_a_million_is_read_to_its_one_stray_cell() {
    let bomb = bomb("a1_p1000000.xlsx");
    assert_eq!(bomb.outcome, Outcome::Unheaded);
    let reader = SheetReader::from_bytes(bomb.format, bomb.bytes()).unwrap();
    assert_eq!(reader.total_rows_hint(), Some(999_999));
    let items: Vec<_> = reader.collect();
    assert_eq!(items.len(), 1);
    match &items[0] {
        Err(ExchangeError::Unheaded {
            line,
            column_number,
            value,
        }) => assert_eq!(
            (*line, *column_number, value.as_str()),
            (1_000_000, 16, "x")
        ),
        other => panic!("expected the stray cell, got {other:?}"),
    }
}

#[test]
fn a_gigabyte_of_empty_rows_is_stopped_by_the_row_limit() {
    let place = assert_refused(
        &bomb("empty_rows_1gb.xlsx"),
        ReadLimits::default(),
        Limit::Rows,
    );
    assert_eq!(place, Place::Row(1_048_577));
}

#[test]
fn a_gigabyte_of_one_repeated_cell_is_stopped_by_the_column_limit() {
    let place = assert_refused(
        &bomb("one_cell_repeated_1gb.xlsx"),
        ReadLimits::default(),
        Limit::Columns,
    );
    assert_eq!(place, Place::Cell("H2".to_owned()));
}

#[test]
fn markup_inflating_past_the_workbook_limit_is_stopped_there() {
    // The bomb inflates to 1.1 GiB, past the default 1 GiB; a smaller limit
    // keeps the test fast and shows the count is of bytes inflated.
    let limits = ReadLimits {
        max_workbook_bytes: 4 * 1024 * 1024,
        ..ReadLimits::default()
    };
    let place = assert_refused(&bomb("markup_1100mb.xlsx"), limits, Limit::WorkbookBytes);
    assert_eq!(place, Place::Part("xl/worksheets/sheet1.xml".to_owned()));
}

#[test]
fn a_gigabyte_of_shared_strings_is_stopped_by_their_limit() {
    let bomb = bomb("shared_strings_1gb.xlsx");
    assert_refused(&bomb, ReadLimits::default(), Limit::SharedStringsBytes);
    let error = ExchangeError::OverLimit {
        limit: Limit::SharedStringsBytes,
        max: ReadLimits::default().max_shared_strings_bytes,
        place: Place::File,
    };
    assert!(fa(&error).contains("۲۴ مگابایت"), "{}", fa(&error));
    assert!(en(&error).contains("24 MB"), "{error}");
}

#[test]
fn a_hundred_megabyte_cell_is_stopped_by_the_line_limit() {
    assert_refused(
        &bomb("huge_cell_text.xlsx"),
        ReadLimits::default(),
        Limit::LineBytes,
    );
}

#[test]
fn a_million_zip_entries_are_refused_before_the_directory_is_read() {
    assert_refused(
        &bomb("million_zip_entries.xlsx"),
        ReadLimits::default(),
        Limit::ZipEntries,
    );
}

#[test]
fn broken_workbooks_are_refused_as_broken() {
    for name in [
        "deep_nesting.xlsx",
        "missing_sheet.xlsx",
        "sheet_not_xml.xlsx",
        "sheet_outside_the_file.xlsx",
    ] {
        let bomb = bomb(name);
        assert_eq!(bomb.outcome, Outcome::Broken);
        let (fatal, _) = read_all(bomb.format, bomb.bytes(), ReadLimits::default());
        match fatal {
            Some(ExchangeError::Xlsx { detail }) => assert!(!detail.is_empty()),
            other => panic!("{name}: expected a broken workbook, got {other:?}"),
        }
    }
    let (fatal, _) = read_all(
        FileFormat::Xlsx,
        bomb("sheet_outside_the_file.xlsx").bytes(),
        ReadLimits::default(),
    );
    assert!(en(&fatal.unwrap()).contains("outside the file"));
}

#[test]
fn a_csv_with_a_million_columns_is_refused_by_the_column_limit() {
    let place = assert_refused(
        &bomb("million_columns.csv"),
        ReadLimits::default(),
        Limit::Columns,
    );
    assert_eq!(place, Place::Cell("GS1".to_owned()));
}

#[test]
fn a_csv_with_a_hundred_megabyte_line_is_refused_by_the_line_limit() {
    let place = assert_refused(
        &bomb("line_100mb.csv"),
        ReadLimits::default(),
        Limit::LineBytes,
    );
    assert_eq!(place, Place::Row(2));
}

#[test]
fn a_csv_of_two_million_rows_is_refused_by_the_row_limit_but_not_on_the_command_line() {
    let bomb = bomb("two_million_rows.csv");
    let place = assert_refused(&bomb, ReadLimits::default(), Limit::Rows);
    assert_eq!(place, Place::Row(1_048_577));
    let (fatal, _) = read_all(bomb.format, bomb.bytes(), ReadLimits::for_command_line());
    assert!(fatal.is_none(), "{fatal:?}");
}

#[test]
fn the_inputs_fuzzing_found_are_read_without_harm() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| FileFormat::from_path(path).is_some())
        .collect();
    files.sort();
    for path in files {
        let format = FileFormat::from_path(&path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        // Whatever the answer, it comes without a panic and ends.
        let (fatal, row_errors) = read_all(format, bytes, ReadLimits::default());
        let message = fatal.map(|error| fa(&error));
        assert!(
            message.as_ref().is_none_or(|text| text.len() < 4_000),
            "{}: {message:?}",
            path.display()
        );
        assert!(row_errors.len() < 1_000_000, "{}", path.display());
    }
}

#[test]
fn a_column_bound_switched_off_still_stops_at_the_widest_excel_sheet() {
    use hamyar_exchange::hostile::{SHEET_END, header_row_xml, inline_cell, sheet_start, workbook};
    let header = header_row_xml();
    let sheet = format!(
        "{}{}{}</row>{SHEET_END}",
        sheet_start("A1"),
        header.trim_end_matches("</row>"),
        inline_cell("ZZZZZZZZZZZZZ1", "x")
    );
    let limits = ReadLimits {
        max_columns: u64::MAX,
        ..ReadLimits::default()
    };
    let (fatal, _) = read_all(FileFormat::Xlsx, workbook(sheet.as_bytes(), &[]), limits);
    match fatal {
        Some(ExchangeError::OverLimit {
            limit: Limit::Columns,
            max: 16_384,
            ..
        }) => {}
        other => panic!("expected a refusal at 16,384 columns, got {other:?}"),
    }
}
