//! Excel uploads built from fuzzed XML: the input is split at NUL bytes into
//! the sheet, shared strings, styles and workbook parts, stored uncompressed
//! in a well-formed container, so that mutations reach the XML readers
//! instead of breaking the compression.
#![no_main]

use hamyar_exchange::hostile::ZipBuilder;
use hamyar_exchange::{FileFormat, ReadLimits, SheetReader};
use libfuzzer_sys::fuzz_target;

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn container(data: &[u8]) -> Vec<u8> {
    let mut parts = data.split(|byte| *byte == 0);
    let sheet = parts.next().unwrap_or_default();
    let strings = parts.next();
    let styles = parts.next();
    let workbook = parts.next().map_or_else(
        || {
            format!(
                "<workbook xmlns:r=\"{REL}\"><sheets><sheet r:id=\"rId1\"/></sheets></workbook>"
            )
        },
        |bytes| String::from_utf8_lossy(bytes).into_owned(),
    );
    let rels = format!(
        "<Relationships><Relationship Id=\"rId1\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"{REL}/sharedStrings\" Target=\"sharedStrings.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{REL}/styles\" Target=\"styles.xml\"/></Relationships>"
    );
    let mut zip = ZipBuilder::new();
    zip.stored("xl/workbook.xml", workbook.as_bytes());
    zip.stored("xl/_rels/workbook.xml.rels", rels.as_bytes());
    zip.stored("xl/worksheets/sheet1.xml", sheet);
    if let Some(strings) = strings {
        zip.stored("xl/sharedStrings.xml", strings);
    }
    if let Some(styles) = styles {
        zip.stored("xl/styles.xml", styles);
    }
    zip.finish()
}

fn read(bytes: Vec<u8>, limits: ReadLimits) {
    if let Ok(reader) = SheetReader::from_bytes_with_limits(FileFormat::Xlsx, bytes, limits) {
        let _ = reader.total_rows_hint();
        for item in reader {
            if let Err(error) = item {
                let _ = (error.message_fa(), error.message_en());
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let bytes = container(data);
    read(bytes.clone(), ReadLimits::default());
    read(
        bytes,
        ReadLimits {
            max_rows: 8,
            max_columns: 10,
            max_cells: 40,
            max_line_bytes: 64,
            max_shared_strings_bytes: 256,
            ..ReadLimits::default()
        },
    );
});
