//! Measures how fast `SheetReader` reads a large registry CSV.
//!
//! Generates a 1,000,000-row CSV (or as many rows as the first argument says)
//! in a temporary folder, reads it end to end, touching every cell, and prints
//! the rows per second. Run it in release mode:
//!
//! ```text
//! cargo run --release -p hamyar-exchange --example read_speed [rows]
//! ```

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use hamyar_exchange::{Column, SheetReader};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: u64 = match std::env::args().nth(1) {
        Some(text) => text.parse()?,
        None => 1_000_000,
    };
    let folder = std::env::temp_dir().join(format!("hamyar-read-speed-{}", std::process::id()));
    std::fs::create_dir_all(&folder)?;
    let path = folder.join("women.csv");

    let started = Instant::now();
    generate(&path, rows)?;
    let size = std::fs::metadata(&path)?.len();
    println!(
        "generated {rows} rows ({:.1} MiB) in {:.2} s",
        size as f64 / (1024.0 * 1024.0),
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let mut read = 0u64;
    let mut characters = 0usize;
    for row in SheetReader::open(&path)? {
        let row = row?;
        read += 1;
        characters += Column::IMPORT
            .iter()
            .map(|column| row.get(*column).len())
            .sum::<usize>();
    }
    let seconds = started.elapsed().as_secs_f64();
    std::fs::remove_dir_all(&folder)?;

    assert_eq!(read, rows, "every generated row is read");
    println!(
        "read {read} rows ({characters} bytes of cells) in {seconds:.2} s: {:.0} rows/s, {:.0} MiB/s",
        read as f64 / seconds,
        size as f64 / (1024.0 * 1024.0) / seconds
    );
    Ok(())
}

/// Writes a registry CSV with realistic Persian cells.
fn generate(path: &Path, rows: u64) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    out.write_all(b"\xEF\xBB\xBF")?;
    let headers: Vec<&str> = Column::IMPORT
        .iter()
        .map(|column| column.header_fa())
        .collect();
    write!(out, "{}\r\n", headers.join(","))?;
    for index in 0..rows {
        write!(
            out,
            "{:010},فاطمه‌سادات,میرزائی,علی,1362/05/14,0912{:07},آبیک,آبیک,شهری,\
             \"خیابان امام، کوچه {}, پلاک ۱۲\",دیپلم,خیاطی،قالی‌بافی,IR820540102680020817909002,\
             همسر فوت‌شده,{},\"یادداشت \"\"کوتاه\"\"\"\r\n",
            index,
            index % 10_000_000,
            index % 40,
            index % 10 + 1
        )?;
    }
    out.flush()
}
