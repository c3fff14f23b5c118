//! Writes the tests' Persian sample report to a PDF so a person can look at
//! it: `cargo run -p hamyar-pdf --example sample_report -- /tmp/report.pdf`.
//!
//! Also prints render times: the first render (it also builds typst's library
//! and parses the fonts and the template), the median of ten renders of the
//! same document (typst's memo cache answers most of it), and the median of
//! ten renders of documents whose every text differs (what a server sees).

#[path = "../tests/common/sample.rs"]
mod sample;

use std::time::{Duration, Instant};

use hamyar_pdf::{Block, ReportDocument, render_pdf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: sample_report OUTPUT.pdf")?;
    let doc = sample::persian_report();
    let started = Instant::now();
    let bytes = render_pdf(&doc)?;
    let first = started.elapsed();
    std::fs::write(&path, &bytes)?;

    let same = median((0..10).map(|_| doc.clone()))?;
    let fresh = median((1..=10).map(|k| varied(&doc, k)))?;
    println!(
        "wrote {path}: {} bytes; first render {first:.1?}; median of 10: same document {same:.1?}, a different document each time {fresh:.1?}",
        bytes.len()
    );
    Ok(())
}

/// The median time to render each document.
fn median(docs: impl Iterator<Item = ReportDocument>) -> Result<Duration, hamyar_pdf::PdfError> {
    let mut times = Vec::new();
    for doc in docs {
        let started = Instant::now();
        render_pdf(&doc)?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times[times.len() / 2])
}

/// The document with a mark appended to every text, so nothing can come from
/// typst's memo cache.
fn varied(doc: &ReportDocument, k: i64) -> ReportDocument {
    let mark = sample::fa_number(k);
    let mut doc = doc.clone();
    let touch = |s: &mut String| s.push_str(&mark);
    touch(&mut doc.title);
    touch(&mut doc.footer);
    for block in &mut doc.blocks {
        match block {
            Block::Heading(s) | Block::Paragraph(s) | Block::Note(s) => touch(s),
            Block::Table(t) => {
                t.rows.iter_mut().flatten().for_each(touch);
                t.total.iter_mut().flatten().for_each(touch);
            }
            Block::BarChart(c) => {
                c.categories.iter_mut().for_each(touch);
                c.series
                    .iter_mut()
                    .flat_map(|s| &mut s.labels)
                    .for_each(touch);
            }
            Block::Fields(fields) => fields.iter_mut().for_each(|f| touch(&mut f.value)),
            Block::Numbered(items) | Block::Checklist(items) | Block::Signatures(items) => {
                items.iter_mut().for_each(touch)
            }
        }
    }
    doc
}
