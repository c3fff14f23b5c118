//! Reads every file of the hostile corpus with the default limits and prints
//! how it ended, how long it took and the reader's peak heap (a counting
//! global allocator). Run it in release mode for real timings:
//!
//! ```text
//! cargo run --release -p hamyar-exchange --example bomb_costs
//! ```

use std::time::Instant;

use hamyar_exchange::hostile;
use hamyar_exchange::{ReadLimits, SheetReader};
use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

fn main() {
    println!(
        "{:<28} {:>10} {:>9} {:>10}  ending",
        "file", "size", "seconds", "peak MiB"
    );
    for bomb in hostile::corpus() {
        let bytes = bomb.bytes();
        let size = bytes.len();
        let before = HEAP.current_usage();
        HEAP.reset_peak_usage();
        let started = Instant::now();
        let ending =
            match SheetReader::from_bytes_with_limits(bomb.format, bytes, ReadLimits::default()) {
                Err(error) => hamyar_i18n::Lang::En.message(&error.message()),
                Ok(reader) => {
                    let mut ending = "read to the end".to_owned();
                    for item in reader {
                        if let Err(error) = item {
                            ending = hamyar_i18n::Lang::En.message(&error.message());
                            if !error.concerns_one_row() {
                                break;
                            }
                        }
                    }
                    ending
                }
            };
        let seconds = started.elapsed().as_secs_f64();
        let peak = HEAP.peak_usage().saturating_sub(before) as f64 / (1024.0 * 1024.0);
        let ending: String = ending.chars().take(90).collect();
        println!(
            "{:<28} {size:>10} {seconds:>9.3} {peak:>10.1}  {ending}",
            bomb.name
        );
    }
}
