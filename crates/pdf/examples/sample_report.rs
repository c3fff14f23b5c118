//! Writes the tests' Persian sample report to a PDF so a person can look at
//! it: `cargo run -p hamyar-pdf --example sample_report -- /tmp/report.pdf`.
//! Prints how long the first render took (it also builds the library and
//! parses the fonts and the template) and the median of ten more.

#[path = "../tests/common/sample.rs"]
mod sample;

use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: sample_report OUTPUT.pdf")?;
    let doc = sample::persian_report();
    let started = Instant::now();
    let bytes = hamyar_pdf::render_pdf(&doc)?;
    let first = started.elapsed();
    let mut times: Vec<Duration> = Vec::new();
    for _ in 0..10 {
        let started = Instant::now();
        hamyar_pdf::render_pdf(&doc)?;
        times.push(started.elapsed());
    }
    times.sort();
    std::fs::write(&path, &bytes)?;
    println!(
        "wrote {path}: {} bytes; first render {first:.1?}, median of 10 more {:.1?}",
        bytes.len(),
        times[times.len() / 2]
    );
    Ok(())
}
