//! Any bytes read as a CSV upload: with the default limits, then with tight
//! ones so that every refusal path of the record guard is reached.
#![no_main]

use hamyar_exchange::{FileFormat, ReadLimits, SheetReader};
use libfuzzer_sys::fuzz_target;

fn read(data: &[u8], limits: ReadLimits) {
    if let Ok(reader) = SheetReader::from_bytes_with_limits(FileFormat::Csv, data.to_vec(), limits)
    {
        for item in reader {
            if let Err(error) = item {
                let _ = (error.message_fa(), error.message_en());
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    read(data, ReadLimits::default());
    read(
        data,
        ReadLimits {
            max_rows: 8,
            max_columns: 10,
            max_cells: 40,
            max_line_bytes: 64,
            ..ReadLimits::default()
        },
    );
});
