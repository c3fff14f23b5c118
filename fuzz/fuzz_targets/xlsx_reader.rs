//! Any bytes read as an Excel upload, whole `SheetReader` iteration with the
//! default limits.
#![no_main]

use hamyar_exchange::{FileFormat, SheetReader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(reader) = SheetReader::from_bytes(FileFormat::Xlsx, data.to_vec()) {
        let _ = reader.total_rows_hint();
        for item in reader {
            if let Err(error) = item {
                let _ = (error.message_fa(), error.message_en());
            }
        }
    }
});
