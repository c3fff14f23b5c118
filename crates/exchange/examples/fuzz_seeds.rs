//! Writes the seed corpora of the fuzz targets in `fuzz/`: the import
//! template and a short export in both formats, small hostile files from
//! `hamyar_exchange::hostile` (the large ones cut to their first 16 KiB),
//! and for `xlsx_parts` sheets, shared strings and styles as XML separated
//! by NUL bytes.
//!
//! ```text
//! cargo run -p hamyar-exchange --example fuzz_seeds -- fuzz/corpus
//! ```

use std::path::{Path, PathBuf};

use hamyar_exchange::hostile::{self, header_row_xml, inline_cell};
use hamyar_exchange::{Column, FileFormat, Headers, SheetWriter, template_bytes};

const SEED_BYTES: usize = 16 * 1024;
const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder: PathBuf = std::env::args_os()
        .nth(1)
        .ok_or("name the corpus folder (fuzz/corpus)")?
        .into();
    for (format, target) in [
        (FileFormat::Csv, "csv_reader"),
        (FileFormat::Xlsx, "xlsx_reader"),
    ] {
        let out = folder.join(target);
        std::fs::create_dir_all(&out)?;
        write(&out, "template", template_bytes(format))?;
        write(&out, "export", export(format)?)?;
        for bomb in hostile::corpus()
            .iter()
            .filter(|bomb| bomb.format == format)
        {
            let mut bytes = bomb.bytes();
            if format == FileFormat::Csv {
                bytes.truncate(SEED_BYTES);
            } else if bytes.len() > SEED_BYTES {
                continue;
            }
            write(&out, bomb.name, bytes)?;
        }
    }
    let out = folder.join("xlsx_parts");
    std::fs::create_dir_all(&out)?;
    for (name, parts) in xml_seeds() {
        write(&out, name, parts.join("\0").into_bytes())?;
    }
    Ok(())
}

fn write(folder: &Path, name: &str, bytes: Vec<u8>) -> std::io::Result<()> {
    std::fs::write(folder.join(name), bytes)
}

fn export(format: FileFormat) -> Result<Vec<u8>, hamyar_exchange::ExchangeError> {
    let mut writer = SheetWriter::in_memory(format, Column::IMPORT, Headers::Persian)?;
    for index in 0..3 {
        let row: Vec<String> = Column::IMPORT
            .iter()
            .map(|column| format!("{}-{index}", column.key()))
            .collect();
        writer.write_row(&row)?;
    }
    writer.into_bytes()
}

fn xml_seeds() -> Vec<(&'static str, Vec<String>)> {
    let sheet = format!(
        "<worksheet xmlns=\"{MAIN}\"><dimension ref=\"A1:H3\"/><sheetData>{}\
         <row r=\"2\"><c r=\"A2\"><v>13542419</v></c><c r=\"B2\" t=\"s\"><v>0</v></c>\
         <c r=\"D2\" s=\"1\"><v>30533</v></c><c r=\"E2\" t=\"b\"><v>1</v></c></row>\
         <row r=\"3\">{}<c r=\"H3\" t=\"e\"><v>#N/A</v></c></row></sheetData></worksheet>",
        header_row_xml(),
        inline_cell("C3", "احمدی_x000D_&amp;")
    );
    let strings = format!(
        "<sst xmlns=\"{MAIN}\"><si><t>مریم</t></si><si><r><t>a</t></r><rPh><t>b</t></rPh></si></sst>"
    );
    let styles = format!(
        "<styleSheet xmlns=\"{MAIN}\"><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy/mm/dd\"/>\
         </numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>"
    );
    let workbook = "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
        <workbookPr date1904=\"1\"/><sheets><sheet r:id=\"rId1\"/></sheets></workbook>"
        .to_owned();
    vec![
        ("sheet_only", vec![sheet.clone()]),
        ("with_strings", vec![sheet.clone(), strings.clone()]),
        (
            "with_styles",
            vec![sheet.clone(), strings.clone(), styles.clone()],
        ),
        ("with_workbook", vec![sheet, strings, styles, workbook]),
    ]
}
