//! A large CSV streams through the reader.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use hamyar_exchange::{Column, SheetReader};

/// Writes a registry CSV of `rows` data rows with realistic Persian cells.
fn generate(path: &Path, rows: u64) {
    let mut out = BufWriter::new(File::create(path).unwrap());
    out.write_all(b"\xEF\xBB\xBF").unwrap();
    let headers: Vec<&str> = Column::IMPORT
        .iter()
        .map(|column| column.header_fa())
        .collect();
    write!(out, "{}\r\n", headers.join(",")).unwrap();
    for index in 0..rows {
        write!(
            out,
            "{:010},فاطمه‌سادات,میرزائی,علی,1362/05/14,0912{:07},آبیک,آبیک,شهری,\
             \"خیابان امام، کوچه {}, پلاک ۱۲\",دیپلم,خیاطی،قالی‌بافی,IR820540102680020817909002,\
             همسر فوت‌شده,{},\r\n",
            index,
            index % 10_000_000,
            index % 40,
            index % 10 + 1
        )
        .unwrap();
    }
    out.flush().unwrap();
}

#[test]
fn a_csv_of_two_hundred_thousand_rows_reads_every_row() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("large.csv");
    generate(&path, 200_000);
    let mut count = 0u64;
    for row in SheetReader::open(&path).unwrap() {
        let row = row.unwrap();
        count += 1;
        assert_eq!(row.line, count + 1);
    }
    assert_eq!(count, 200_000);
}
