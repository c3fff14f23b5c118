//! Hostile files made in memory, for tests, fuzzing seeds and benchmarks.
//!
//! Each [`Bomb`] is a small file (at most a few MiB, the CSV with a 100 MiB
//! line and the ZIP with a million directory entries aside) built by code at
//! the moment it is asked for, so no huge file is committed: sparse sheets
//! whose declared size is astronomic, decompression bombs whose XML inflates
//! to more than a gigabyte (written by repeating one compressed piece, so the
//! gigabyte is never held in memory), a shared-strings bomb, a ZIP whose
//! directory lists a million entries, CSVs with a million columns or a
//! 100 MiB line, and workbooks whose first sheet is missing, not XML or named
//! outside the file. [`Bomb::outcome`] says how a reader with the default
//! [`ReadLimits`](crate::ReadLimits) must answer. [`ZipBuilder`] writes the
//! ZIP containers by hand, so that they can break the rules a ZIP library
//! would keep. `cargo run -p hamyar-exchange --example write_bombs -- DIR`
//! writes them all to files.

use std::io::Write;

use flate2::Compression;
use flate2::write::DeflateEncoder;

use crate::column::Column;
use crate::format::FileFormat;
use crate::limits::Limit;

/// How a reader with the default limits answers a [`Bomb`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Refused with [`ExchangeError::OverLimit`](crate::ExchangeError) naming this limit.
    Refused(Limit),
    /// Refused as a broken workbook ([`ExchangeError::Xlsx`](crate::ExchangeError)).
    Broken,
    /// Read to its end: its one data cell lies under no header
    /// ([`ExchangeError::Unheaded`](crate::ExchangeError)).
    Unheaded,
}

/// One hostile file.
#[derive(Debug, Clone, Copy)]
pub struct Bomb {
    /// A file name for it, with its extension.
    pub name: &'static str,
    /// Its format.
    pub format: FileFormat,
    /// How the default limits answer it.
    pub outcome: Outcome,
    make: fn() -> Vec<u8>,
}

impl Bomb {
    /// Builds the file's bytes.
    pub fn bytes(&self) -> Vec<u8> {
        (self.make)()
    }
}

/// Every hostile file, in a fixed order.
pub fn corpus() -> Vec<Bomb> {
    use Outcome::{Broken, Refused, Unheaded};
    let bomb = |name, format, outcome, make| Bomb {
        name,
        format,
        outcome,
        make,
    };
    let xlsx = FileFormat::Xlsx;
    let csv = FileFormat::Csv;
    vec![
        bomb(
            "a1_xfd1048576.xlsx",
            xlsx,
            Refused(Limit::Columns),
            a1_xfd1048576,
        ),
        bomb("a1_p1000000.xlsx", xlsx, Unheaded, a1_p1000000),
        bomb(
            "empty_rows_1gb.xlsx",
            xlsx,
            Refused(Limit::Rows),
            empty_rows,
        ),
        bomb(
            "one_cell_repeated_1gb.xlsx",
            xlsx,
            Refused(Limit::Columns),
            repeated_cell,
        ),
        bomb(
            "markup_1100mb.xlsx",
            xlsx,
            Refused(Limit::WorkbookBytes),
            markup,
        ),
        bomb(
            "shared_strings_1gb.xlsx",
            xlsx,
            Refused(Limit::SharedStringsBytes),
            shared_strings,
        ),
        bomb(
            "huge_cell_text.xlsx",
            xlsx,
            Refused(Limit::LineBytes),
            huge_cell_text,
        ),
        bomb(
            "million_zip_entries.xlsx",
            xlsx,
            Refused(Limit::ZipEntries),
            million_entries,
        ),
        bomb("deep_nesting.xlsx", xlsx, Broken, deep_nesting),
        bomb("missing_sheet.xlsx", xlsx, Broken, missing_sheet),
        bomb("sheet_not_xml.xlsx", xlsx, Broken, sheet_not_xml),
        bomb("sheet_outside_the_file.xlsx", xlsx, Broken, traversal),
        bomb(
            "million_columns.csv",
            csv,
            Refused(Limit::Columns),
            million_columns,
        ),
        bomb("line_100mb.csv", csv, Refused(Limit::LineBytes), long_line),
        bomb(
            "two_million_rows.csv",
            csv,
            Refused(Limit::Rows),
            two_million_rows,
        ),
    ]
}

const MIB: usize = 1024 * 1024;
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The registry's required headers as inline-string cells of row 1.
pub fn header_row_xml() -> String {
    let mut xml = String::from("<row r=\"1\">");
    for (index, column) in Column::required().iter().enumerate() {
        let letter = char::from(b'A' + index as u8);
        xml.push_str(&inline_cell(&format!("{letter}1"), column.header_fa()));
    }
    xml.push_str("</row>");
    xml
}

/// An inline-string cell.
pub fn inline_cell(reference: &str, text: &str) -> String {
    format!("<c r=\"{reference}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
}

/// The opening of a worksheet up to and including `<sheetData>`.
pub fn sheet_start(dimension: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">\
         <dimension ref=\"{dimension}\"/><sheetData>"
    )
}

/// The closing of a worksheet.
pub const SHEET_END: &str = "</sheetData></worksheet>";

/// A complete workbook: `sheet` is `xl/worksheets/sheet1.xml`, `extra` are
/// more parts such as `xl/sharedStrings.xml`.
pub fn workbook(sheet: &[u8], extra: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipBuilder::new();
    workbook_parts(&mut zip, "worksheets/sheet1.xml");
    zip.deflated("xl/worksheets/sheet1.xml", sheet);
    for (name, data) in extra {
        zip.deflated(name, data);
    }
    zip.finish()
}

/// The parts every workbook has, its first sheet's target being `target`
/// (relative to `xl/`): content types, relationships and `xl/workbook.xml`.
pub fn workbook_parts(zip: &mut ZipBuilder, target: &str) {
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
        <Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
    let root_rels = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"xl/workbook.xml\"/>\
         </Relationships>"
    );
    let workbook = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><sheets>\
         <sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
    );
    let workbook_rels = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{REL_NS}/worksheet\" Target=\"{target}\"/>\
         <Relationship Id=\"rId2\" Type=\"{REL_NS}/sharedStrings\" Target=\"sharedStrings.xml\"/>\
         </Relationships>"
    );
    zip.deflated("[Content_Types].xml", content_types.as_bytes());
    zip.deflated("_rels/.rels", root_rels.as_bytes());
    zip.deflated("xl/workbook.xml", workbook.as_bytes());
    zip.deflated("xl/_rels/workbook.xml.rels", workbook_rels.as_bytes());
}

fn a1_xfd1048576() -> Vec<u8> {
    let sheet = format!(
        "{}{}<row r=\"1048576\">{}</row>{SHEET_END}",
        sheet_start("A1:XFD1048576"),
        header_row_xml(),
        inline_cell("XFD1048576", "x")
    );
    workbook(sheet.as_bytes(), &[])
}

fn a1_p1000000() -> Vec<u8> {
    let sheet = format!(
        "{}{}<row r=\"1000000\">{}</row>{SHEET_END}",
        sheet_start("A1:P1000000"),
        header_row_xml(),
        inline_cell("P1000000", "x")
    );
    workbook(sheet.as_bytes(), &[])
}

/// A sheet of the header row then `piece` repeated to about `total` bytes.
fn repeated_sheet(piece: &str, total: u64) -> Vec<u8> {
    let head = format!("{}{}", sheet_start("A1:G1"), header_row_xml());
    let chunk = piece.repeat(MIB / piece.len());
    let times = total / chunk.len() as u64;
    let mut zip = ZipBuilder::new();
    workbook_parts(&mut zip, "worksheets/sheet1.xml");
    zip.deflated_repeat(
        "xl/worksheets/sheet1.xml",
        head.as_bytes(),
        chunk.as_bytes(),
        times,
        SHEET_END.as_bytes(),
    );
    zip.finish()
}

const GIB: u64 = 1 << 30;

fn empty_rows() -> Vec<u8> {
    repeated_sheet("<row/>", GIB)
}

fn repeated_cell() -> Vec<u8> {
    // One row whose cells all claim to be H2.
    let head = format!("{}{}<row r=\"2\">", sheet_start("A1:H2"), header_row_xml());
    let chunk = "<c r=\"H2\"><v>1</v></c>".repeat(MIB / 22);
    let mut zip = ZipBuilder::new();
    workbook_parts(&mut zip, "worksheets/sheet1.xml");
    let times = GIB / chunk.len() as u64;
    let tail = format!("</row>{SHEET_END}");
    zip.deflated_repeat(
        "xl/worksheets/sheet1.xml",
        head.as_bytes(),
        chunk.as_bytes(),
        times,
        tail.as_bytes(),
    );
    zip.finish()
}

fn markup() -> Vec<u8> {
    markup_of_size(GIB + GIB / 10)
}

/// A workbook whose sheet is `bytes` of tiny empty elements: only the inflated-bytes limit
/// stops it (the markup bomb at a size a test can afford to build).
pub fn markup_of_size(bytes: u64) -> Vec<u8> {
    repeated_sheet("<x/>", bytes)
}

fn shared_strings() -> Vec<u8> {
    let head = format!("<?xml version=\"1.0\"?><sst xmlns=\"{MAIN_NS}\">");
    let item = format!("<si><t>{}</t></si>", "ن".repeat(60));
    let chunk = item.repeat(MIB / item.len());
    let sheet = format!(
        "{}{}<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>{SHEET_END}",
        sheet_start("A1:G2"),
        header_row_xml()
    );
    let mut zip = ZipBuilder::new();
    workbook_parts(&mut zip, "worksheets/sheet1.xml");
    zip.deflated("xl/worksheets/sheet1.xml", sheet.as_bytes());
    let times = GIB / chunk.len() as u64;
    zip.deflated_repeat(
        "xl/sharedStrings.xml",
        head.as_bytes(),
        chunk.as_bytes(),
        times,
        b"</sst>",
    );
    zip.finish()
}

fn huge_cell_text() -> Vec<u8> {
    let head = format!(
        "{}{}<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>",
        sheet_start("A1:G2"),
        header_row_xml()
    );
    let chunk = "x".repeat(MIB);
    let tail = format!("</t></is></c></row>{SHEET_END}");
    let mut zip = ZipBuilder::new();
    workbook_parts(&mut zip, "worksheets/sheet1.xml");
    zip.deflated_repeat(
        "xl/worksheets/sheet1.xml",
        head.as_bytes(),
        chunk.as_bytes(),
        100,
        tail.as_bytes(),
    );
    zip.finish()
}

fn million_entries() -> Vec<u8> {
    let sheet = format!("{}{}{SHEET_END}", sheet_start("A1:G1"), header_row_xml());
    let mut zip = ZipBuilder::new();
    workbook_parts(&mut zip, "worksheets/sheet1.xml");
    zip.deflated("xl/worksheets/sheet1.xml", sheet.as_bytes());
    zip.directory_only_entries("a", 1_000_000);
    zip.finish()
}

fn deep_nesting() -> Vec<u8> {
    let head = format!("{}{}<row r=\"2\">", sheet_start("A1:G2"), header_row_xml());
    let chunk = "<a>".repeat(MIB / 3);
    let mut zip = ZipBuilder::new();
    workbook_parts(&mut zip, "worksheets/sheet1.xml");
    zip.deflated_repeat(
        "xl/worksheets/sheet1.xml",
        head.as_bytes(),
        chunk.as_bytes(),
        100,
        b"",
    );
    zip.finish()
}

fn missing_sheet() -> Vec<u8> {
    let mut zip = ZipBuilder::new();
    workbook_parts(&mut zip, "worksheets/sheet1.xml");
    zip.finish()
}

fn sheet_not_xml() -> Vec<u8> {
    let junk: Vec<u8> = (0..4096u32).map(|index| (index * 7 % 251) as u8).collect();
    workbook(&junk, &[])
}

fn traversal() -> Vec<u8> {
    let sheet = format!("{}{}{SHEET_END}", sheet_start("A1:G1"), header_row_xml());
    let mut zip = ZipBuilder::new();
    workbook_parts(&mut zip, "../../../../etc/passwd");
    zip.deflated("../../../../etc/passwd", sheet.as_bytes());
    zip.deflated("etc/passwd", sheet.as_bytes());
    zip.finish()
}

fn required_csv_header() -> String {
    let headers: Vec<&str> = Column::required()
        .iter()
        .map(|column| column.header_fa())
        .collect();
    headers.join(",")
}

fn million_columns() -> Vec<u8> {
    let mut text = required_csv_header();
    text.push_str(&",ستون".repeat(1_000_000));
    text.push('\n');
    text.into_bytes()
}

fn long_line() -> Vec<u8> {
    let mut bytes = required_csv_header().into_bytes();
    bytes.push(b'\n');
    bytes.resize(bytes.len() + 100 * MIB, b'x');
    bytes.push(b'\n');
    bytes
}

fn two_million_rows() -> Vec<u8> {
    let mut bytes = required_csv_header().into_bytes();
    bytes.push(b'\n');
    for _ in 0..2_000_000 {
        bytes.extend_from_slice(b"1\n");
    }
    bytes
}

/// Writes ZIP archives byte by byte: entries stored or deflated, deflated
/// entries made of one piece repeated, and directory entries without data.
#[derive(Debug, Default)]
pub struct ZipBuilder {
    out: Vec<u8>,
    directory: Vec<u8>,
    entries: u64,
}

struct EntryHeader<'a> {
    name: &'a str,
    method: u16,
    crc: u32,
    compressed: u64,
    size: u64,
    offset: u64,
}

impl ZipBuilder {
    /// An empty archive.
    pub fn new() -> ZipBuilder {
        ZipBuilder::default()
    }

    /// Adds `data` uncompressed.
    pub fn stored(&mut self, name: &str, data: &[u8]) {
        let mut crc = flate2::Crc::new();
        crc.update(data);
        self.entry(name, 0, crc.sum(), data.len() as u64, data);
    }

    /// Adds `data` deflated at the best compression.
    pub fn deflated(&mut self, name: &str, data: &[u8]) {
        let mut crc = flate2::Crc::new();
        crc.update(data);
        let packed = deflate_piece(data, true);
        self.entry(name, 8, crc.sum(), data.len() as u64, &packed);
    }

    /// Adds `head`, then `chunk` `times` times, then `tail`, deflated without
    /// ever holding the whole: each piece is compressed once on its own, so
    /// that its compressed bytes can be repeated.
    pub fn deflated_repeat(
        &mut self,
        name: &str,
        head: &[u8],
        chunk: &[u8],
        times: u64,
        tail: &[u8],
    ) {
        let packed_chunk = deflate_piece(chunk, false);
        let mut packed = deflate_piece(head, false);
        packed.reserve(packed_chunk.len() * times as usize);
        for _ in 0..times {
            packed.extend_from_slice(&packed_chunk);
        }
        packed.extend_from_slice(&deflate_piece(tail, true));
        let mut crc = flate2::Crc::new();
        crc.update(head);
        let mut chunk_crc = flate2::Crc::new();
        chunk_crc.update(chunk);
        for _ in 0..times {
            crc.combine(&chunk_crc);
        }
        let mut tail_crc = flate2::Crc::new();
        tail_crc.update(tail);
        crc.combine(&tail_crc);
        let size = head.len() as u64 + chunk.len() as u64 * times + tail.len() as u64;
        self.entry(name, 8, crc.sum(), size, &packed);
    }

    /// Adds `count` directory entries named `name` that all point at the
    /// archive's first entry.
    pub fn directory_only_entries(&mut self, name: &str, count: u64) {
        for _ in 0..count {
            self.central_header(&EntryHeader {
                name,
                method: 0,
                crc: 0,
                compressed: 0,
                size: 0,
                offset: 0,
            });
        }
    }

    fn entry(&mut self, name: &str, method: u16, crc: u32, size: u64, packed: &[u8]) {
        let header = EntryHeader {
            name,
            method,
            crc,
            compressed: packed.len() as u64,
            size,
            offset: self.out.len() as u64,
        };
        let out = &mut self.out;
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes());
        out.extend_from_slice(&0x0800u16.to_le_bytes());
        out.extend_from_slice(&method.to_le_bytes());
        out.extend_from_slice(&[0, 0, 0x21, 0]);
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&(header.compressed as u32).to_le_bytes());
        out.extend_from_slice(&(size as u32).to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(packed);
        self.central_header(&header);
    }

    fn central_header(&mut self, header: &EntryHeader<'_>) {
        let out = &mut self.directory;
        out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes());
        out.extend_from_slice(&0x0800u16.to_le_bytes());
        out.extend_from_slice(&header.method.to_le_bytes());
        out.extend_from_slice(&[0, 0, 0x21, 0]);
        out.extend_from_slice(&header.crc.to_le_bytes());
        out.extend_from_slice(&(header.compressed as u32).to_le_bytes());
        out.extend_from_slice(&(header.size as u32).to_le_bytes());
        out.extend_from_slice(&(header.name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0; 12]);
        out.extend_from_slice(&(header.offset as u32).to_le_bytes());
        out.extend_from_slice(header.name.as_bytes());
        self.entries += 1;
    }

    /// The archive: entries, directory and end records (ZIP64 ones when there
    /// are more than 65,534 entries).
    pub fn finish(mut self) -> Vec<u8> {
        let directory_start = self.out.len() as u64;
        let directory_size = self.directory.len() as u64;
        self.out.extend_from_slice(&self.directory);
        let zip64 = self.entries >= 0xFFFF;
        let out = &mut self.out;
        if zip64 {
            let record_start = out.len() as u64;
            out.extend_from_slice(&0x0606_4b50u32.to_le_bytes());
            out.extend_from_slice(&44u64.to_le_bytes());
            out.extend_from_slice(&45u16.to_le_bytes());
            out.extend_from_slice(&45u16.to_le_bytes());
            out.extend_from_slice(&[0; 8]);
            out.extend_from_slice(&self.entries.to_le_bytes());
            out.extend_from_slice(&self.entries.to_le_bytes());
            out.extend_from_slice(&directory_size.to_le_bytes());
            out.extend_from_slice(&directory_start.to_le_bytes());
            out.extend_from_slice(&0x0706_4b50u32.to_le_bytes());
            out.extend_from_slice(&0u32.to_le_bytes());
            out.extend_from_slice(&record_start.to_le_bytes());
            out.extend_from_slice(&1u32.to_le_bytes());
        }
        let count = if zip64 { 0xFFFF } else { self.entries as u16 };
        out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&(directory_size as u32).to_le_bytes());
        out.extend_from_slice(&(directory_start as u32).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        self.out
    }
}

/// `data` as raw deflate that does not refer to anything before it and ends
/// on a byte boundary; only the `last` piece closes the stream.
fn deflate_piece(data: &[u8], last: bool) -> Vec<u8> {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(data).expect("writing to memory");
    if last {
        return encoder.finish().expect("writing to memory");
    }
    encoder.flush().expect("writing to memory");
    encoder.get_ref().clone()
}
