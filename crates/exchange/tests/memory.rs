//! Peak heap while reading each hostile file, measured by a counting global
//! allocator; this file is a test binary of its own so that nothing else
//! allocates while it measures.
//!
//! Every bomb is built before the measurement starts (its bytes belong to the
//! caller, as an upload's do) and read with the default limits to its end or
//! to its refusal; the high-water mark of the heap above what was live before
//! reading must stay under [`BOUND`]. The tests take one lock so that they
//! measure one at a time.

use std::sync::Mutex;

use hamyar_exchange::hostile::{self, Bomb};
use hamyar_exchange::{ExchangeError, ReadLimits, SheetReader};
use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The most heap one reader may take, whatever the file.
const BOUND: usize = 48 * 1024 * 1024;

/// Reads `name` from the corpus to its end with `limits`; returns the peak
/// heap taken by the reader above what was live before, and the first fatal
/// error.
fn peak_while_reading(name: &str, limits: ReadLimits) -> (usize, Option<ExchangeError>) {
    let _guard = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poison| poison.into_inner());
    let bomb: Bomb = hostile::corpus()
        .into_iter()
        .find(|bomb| bomb.name == name)
        .expect("a bomb of the corpus");
    let bytes = bomb.bytes();
    let before = HEAP.current_usage();
    HEAP.reset_peak_usage();
    let mut fatal = None;
    match SheetReader::from_bytes_with_limits(bomb.format, bytes, limits) {
        Err(error) => fatal = Some(error),
        Ok(reader) => {
            for item in reader {
                if let Err(error) = item
                    && !error.concerns_one_row()
                {
                    fatal = Some(error);
                    break;
                }
            }
        }
    }
    let peak = HEAP.peak_usage().saturating_sub(before);
    eprintln!(
        "{name}: peak heap {:.1} MiB",
        peak as f64 / (1024.0 * 1024.0)
    );
    (peak, fatal)
}

fn assert_bounded(name: &str) {
    assert_bounded_with(name, ReadLimits::default());
}

fn assert_bounded_with(name: &str, limits: ReadLimits) {
    let (peak, fatal) = peak_while_reading(name, limits);
    assert!(fatal.is_some(), "{name} was read without a refusal");
    assert!(
        peak < BOUND,
        "{name} took {peak} bytes of heap, more than {BOUND}"
    );
}

#[test]
fn a_sheet_with_cells_at_a1_and_xfd1048576_stays_small() {
    assert_bounded("a1_xfd1048576.xlsx");
}

#[test]
fn a_sheet_with_cells_at_a1_and_p1000000_stays_small() {
    let (peak, fatal) = peak_while_reading("a1_p1000000.xlsx", ReadLimits::default());
    assert!(fatal.is_none(), "{fatal:?}");
    assert!(peak < BOUND, "took {peak} bytes of heap, more than {BOUND}");
}

#[test]
fn markup_inflating_past_the_workbook_limit_stays_small() {
    // Memory does not depend on how much is inflated, only time does: a
    // smaller byte limit keeps this debug-build test fast.
    let limits = ReadLimits {
        max_workbook_bytes: 4 * 1024 * 1024,
        ..ReadLimits::default()
    };
    assert_bounded_with("markup_1100mb.xlsx", limits);
}

#[test]
fn a_gigabyte_of_empty_rows_stays_small() {
    assert_bounded("empty_rows_1gb.xlsx");
}

#[test]
fn a_gigabyte_of_one_repeated_cell_stays_small() {
    assert_bounded("one_cell_repeated_1gb.xlsx");
}

#[test]
fn a_gigabyte_of_shared_strings_stays_small() {
    assert_bounded("shared_strings_1gb.xlsx");
}

#[test]
fn a_hundred_megabyte_cell_stays_small() {
    assert_bounded("huge_cell_text.xlsx");
}

#[test]
fn a_million_zip_entries_stay_small() {
    assert_bounded("million_zip_entries.xlsx");
}

#[test]
fn deeply_nested_markup_stays_small() {
    assert_bounded("deep_nesting.xlsx");
}

#[test]
fn broken_workbooks_stay_small() {
    for name in [
        "missing_sheet.xlsx",
        "sheet_not_xml.xlsx",
        "sheet_outside_the_file.xlsx",
    ] {
        assert_bounded(name);
    }
}

#[test]
fn a_csv_with_a_million_columns_stays_small() {
    assert_bounded("million_columns.csv");
}

#[test]
fn a_csv_with_a_hundred_megabyte_line_stays_small() {
    assert_bounded("line_100mb.csv");
}

#[test]
fn a_csv_with_two_million_rows_stays_small() {
    assert_bounded("two_million_rows.csv");
}
