//! Writes the tests' Persian sample report to a PDF so a person can look at
//! it: `cargo run -p hamyar-pdf --example sample_report -- /tmp/report.pdf`.
//! Prints how long the render took (the second of two renders, so the fonts
//! and the template are already parsed).

#[path = "../tests/common/sample.rs"]
mod sample;

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: sample_report OUTPUT.pdf")?;
    let doc = sample::persian_report();
    let first = Instant::now();
    hamyar_pdf::render_pdf(&doc)?;
    let first = first.elapsed();
    let second = Instant::now();
    let bytes = hamyar_pdf::render_pdf(&doc)?;
    let second = second.elapsed();
    std::fs::write(&path, &bytes)?;
    println!(
        "wrote {path}: {} bytes; first render {first:.1?}, second {second:.1?}",
        bytes.len()
    );
    Ok(())
}
