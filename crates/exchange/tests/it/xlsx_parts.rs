//! Workbooks as Excel, LibreOffice and other programs write them, built part
//! by part, read by the streaming reader.

use std::io::Write;

use hamyar_exchange::hostile::{ZipBuilder, header_row_xml, inline_cell};
use hamyar_exchange::{Column, FileFormat, ReadLimits, SheetReader, SheetRow};

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// A workbook whose `xl/workbook.xml` lists `sheets` (name, relationship id),
/// whose relationships are `rels` (id, type, target) and whose other parts
/// are `parts` (stored uncompressed when `stored`).
struct Book<'a> {
    sheets: &'a [(&'a str, &'a str)],
    rels: &'a [(&'a str, &'a str, &'a str)],
    parts: Vec<(&'a str, String)>,
    workbook_pr: &'a str,
    stored: bool,
}

impl Book<'_> {
    fn bytes(&self) -> Vec<u8> {
        let mut zip = ZipBuilder::new();
        let root = format!(
            "<Relationships xmlns=\"{PACKAGE_REL}\"><Relationship Id=\"rId1\" \
             Type=\"{REL}/officeDocument\" Target=\"/xl/workbook.xml\"/></Relationships>"
        );
        let sheets: String = self
            .sheets
            .iter()
            .map(|(name, id)| format!("<sheet name=\"{name}\" sheetId=\"1\" r:id=\"{id}\"/>"))
            .collect();
        let workbook = format!(
            "<workbook xmlns=\"{MAIN}\" xmlns:r=\"{REL}\">{}<sheets>{sheets}</sheets></workbook>",
            self.workbook_pr
        );
        let rels: String = self
            .rels
            .iter()
            .map(|(id, kind, target)| {
                format!("<Relationship Id=\"{id}\" Type=\"{REL}/{kind}\" Target=\"{target}\"/>")
            })
            .collect();
        let rels = format!("<Relationships xmlns=\"{PACKAGE_REL}\">{rels}</Relationships>");
        let mut all = vec![
            ("_rels/.rels", root),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", rels),
        ];
        all.extend(self.parts.iter().cloned());
        for (name, text) in all {
            if self.stored {
                zip.stored(name, text.as_bytes());
            } else {
                zip.deflated(name, text.as_bytes());
            }
        }
        zip.finish()
    }
}

fn one_sheet(sheet: String, extra: Vec<(&'static str, String)>) -> Vec<u8> {
    let mut parts = vec![("xl/worksheets/sheet1.xml", sheet)];
    parts.extend(extra);
    Book {
        sheets: &[("Sheet1", "rId1")],
        rels: &[
            ("rId1", "worksheet", "worksheets/sheet1.xml"),
            ("rId2", "sharedStrings", "sharedStrings.xml"),
            ("rId3", "styles", "styles.xml"),
        ],
        parts,
        workbook_pr: "",
        stored: false,
    }
    .bytes()
}

fn rows(bytes: Vec<u8>) -> Vec<SheetRow> {
    SheetReader::from_bytes(FileFormat::Xlsx, bytes)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn sheet(rows_xml: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><worksheet xmlns=\"{MAIN}\"><sheetData>{}{rows_xml}</sheetData>\
         <mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/></mergeCells></worksheet>",
        header_row_xml()
    )
}

#[test]
fn shared_strings_join_rich_text_runs_and_leave_out_phonetic_runs() {
    let strings = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
        <si><t>مریم</t></si>\
        <si><r><rPr><b/></rPr><t>احمد</t></r><r><t xml:space=\"preserve\">ی</t></r>\
        <rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>\
        <si><t>خط اول_x000D_&#10;خط &amp; دوم</t></si><si/></sst>"
        .to_owned();
    let row = "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c><c r=\"C2\" t=\"s\"><v>1</v></c>\
               <c r=\"D2\" t=\"s\"><v>2</v></c><c r=\"E2\" t=\"s\"><v>3</v></c></row>";
    let read = rows(one_sheet(
        sheet(row),
        vec![("xl/sharedStrings.xml", strings)],
    ));
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].get(Column::FirstName), "مریم");
    assert_eq!(read[0].get(Column::LastName), "احمدی");
    assert_eq!(read[0].get(Column::BirthDate), "خط اول\r\nخط & دوم");
    assert_eq!(read[0].get(Column::County), "");
}

#[test]
fn cells_of_every_type_read_as_a_person_would_type_them() {
    let styles = format!(
        "<styleSheet xmlns=\"{MAIN}\"><numFmts count=\"1\">\
         <numFmt numFmtId=\"164\" formatCode=\"yyyy/mm/dd;@\"/></numFmts>\
         <cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>\
         <cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/></cellXfs>\
         </styleSheet>"
    );
    let row = "<row r=\"2\">\
        <c r=\"A2\"><v>13542419</v></c>\
        <c r=\"B2\" t=\"str\"><f>A1</f><v>فرمول</v></c>\
        <c r=\"C2\" t=\"b\"><v>1</v></c>\
        <c r=\"D2\" s=\"1\"><v>30533</v></c>\
        <c r=\"E2\" s=\"2\"><v>45503.5</v></c>\
        <c r=\"F2\" t=\"e\"><v>#N/A</v></c>\
        <c r=\"G2\" t=\"d\"><v>2024-07-30T00:00:00</v></c>\
        </row>";
    let read = rows(one_sheet(sheet(row), vec![("xl/styles.xml", styles)]));
    let row = &read[0];
    assert_eq!(row.get(Column::NationalId), "13542419");
    assert_eq!(row.get(Column::FirstName), "فرمول");
    assert_eq!(row.get(Column::LastName), "TRUE");
    assert_eq!(row.get(Column::BirthDate), "1983-08-05");
    assert_eq!(row.get(Column::County), "2024-07-30T12:00:00");
    assert_eq!(row.get(Column::Settlement), "#N/A");
    assert_eq!(row.get(Column::HeadshipCause), "2024-07-30T00:00:00");
}

#[test]
fn dates_count_from_1904_when_the_workbook_says_so() {
    let styles = format!(
        "<styleSheet xmlns=\"{MAIN}\"><cellXfs><xf/><xf numFmtId=\"14\"/></cellXfs></styleSheet>"
    );
    let bytes = Book {
        sheets: &[("Sheet1", "rId1")],
        rels: &[
            ("rId1", "worksheet", "worksheets/sheet1.xml"),
            ("rId3", "styles", "styles.xml"),
        ],
        parts: vec![
            (
                "xl/worksheets/sheet1.xml",
                sheet("<row r=\"2\"><c r=\"D2\" s=\"1\"><v>0</v></c></row>"),
            ),
            ("xl/styles.xml", styles),
        ],
        workbook_pr: "<workbookPr date1904=\"1\"/>",
        stored: false,
    }
    .bytes();
    assert_eq!(rows(bytes)[0].get(Column::BirthDate), "1904-01-01");
}

#[test]
fn prefixed_elements_and_cells_without_references_are_read_in_order() {
    let sheet = format!(
        "<x:worksheet xmlns:x=\"{MAIN}\"><x:sheetData>\
         <x:row><x:c t=\"inlineStr\"><x:is><x:t>کد ملی</x:t></x:is></x:c>\
         <x:c t=\"inlineStr\"><x:is><x:t>نام</x:t></x:is></x:c>\
         <x:c t=\"inlineStr\"><x:is><x:t>نام خانوادگی</x:t></x:is></x:c>\
         <x:c t=\"inlineStr\"><x:is><x:t>تاریخ تولد</x:t></x:is></x:c>\
         <x:c t=\"inlineStr\"><x:is><x:t>شهرستان</x:t></x:is></x:c>\
         <x:c t=\"inlineStr\"><x:is><x:t>نوع سکونت</x:t></x:is></x:c>\
         <x:c t=\"inlineStr\"><x:is><x:t>علت سرپرستی</x:t></x:is></x:c></x:row>\
         <x:row/>\
         <x:row><x:c><x:v>42</x:v></x:c><x:c t=\"inlineStr\"><x:is><x:t>زهرا</x:t></x:is></x:c></x:row>\
         </x:sheetData></x:worksheet>"
    );
    let reader = SheetReader::from_bytes(FileFormat::Xlsx, one_sheet(sheet, vec![])).unwrap();
    assert_eq!(reader.total_rows_hint(), None, "no <dimension>, no hint");
    let read: Vec<SheetRow> = reader.collect::<Result<_, _>>().unwrap();
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].line, 3);
    assert_eq!(read[0].get(Column::NationalId), "42");
    assert_eq!(read[0].get(Column::FirstName), "زهرا");
}

#[test]
fn the_first_worksheet_in_workbook_order_is_read_whatever_the_part_names() {
    let first = sheet(&format!("<row r=\"2\">{}</row>", inline_cell("B2", "اولی")));
    let second = sheet(&format!("<row r=\"2\">{}</row>", inline_cell("B2", "دومی")));
    let bytes = Book {
        sheets: &[("نمودار", "rId9"), ("اولی", "rId7"), ("دومی", "rId1")],
        rels: &[
            ("rId1", "worksheet", "worksheets/sheet1.xml"),
            ("rId9", "chartsheet", "chartsheets/sheet1.xml"),
            ("rId7", "worksheet", "/xl/worksheets/sheet2.xml"),
        ],
        parts: vec![
            ("xl/worksheets/sheet1.xml", second),
            ("xl/worksheets/sheet2.xml", first),
            ("xl/chartsheets/sheet1.xml", "<chartsheet/>".to_owned()),
        ],
        workbook_pr: "",
        stored: true,
    }
    .bytes();
    assert_eq!(rows(bytes)[0].get(Column::FirstName), "اولی");
}

#[test]
fn an_upload_on_disk_is_read_from_the_disk_with_progress() {
    let folder = tempfile::tempdir().unwrap();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, header) in Column::required().iter().enumerate() {
        sheet
            .write_string(0, column as u16, header.header_fa())
            .unwrap();
    }
    for row in 1..=500u32 {
        sheet.write_string(row, 0, format!("{row:010}")).unwrap();
        sheet.write_string(row, 1, "فاطمه").unwrap();
    }
    let path = folder.path().join("upload.bin");
    workbook.save(&path).unwrap();

    let mut reader =
        SheetReader::open_path(FileFormat::Xlsx, &path, ReadLimits::default()).unwrap();
    assert_eq!(reader.total_rows_hint(), Some(500));
    let start = reader.progress();
    assert!(start.bytes_total.unwrap() > 0);
    let mut count = 0;
    for row in reader.by_ref() {
        assert_eq!(row.unwrap().get(Column::FirstName), "فاطمه");
        count += 1;
    }
    assert_eq!(count, 500);
    let end = reader.progress();
    assert_eq!(end.bytes_read, end.bytes_total);
    assert_eq!(end.rows_read, 500);

    let csv = folder.path().join("upload.csv");
    let mut file = std::fs::File::create(&csv).unwrap();
    let headers: Vec<&str> = Column::required().iter().map(|c| c.header_fa()).collect();
    writeln!(file, "{}\n0013542419,مریم", headers.join(",")).unwrap();
    drop(file);
    let read: Vec<SheetRow> = SheetReader::open_path(FileFormat::Csv, &csv, ReadLimits::default())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(read[0].get(Column::FirstName), "مریم");
}

#[test]
fn a_hint_from_a_lying_dimension_is_clamped_to_the_row_limit() {
    let sheet = format!(
        "<worksheet xmlns=\"{MAIN}\"><dimension ref=\"A1:XFD1048576\"/><sheetData>{}</sheetData></worksheet>",
        header_row_xml()
    );
    let limits = ReadLimits {
        max_rows: 1000,
        ..ReadLimits::default()
    };
    let reader =
        SheetReader::from_bytes_with_limits(FileFormat::Xlsx, one_sheet(sheet, vec![]), limits)
            .unwrap();
    assert_eq!(reader.total_rows_hint(), Some(999));
}

#[test]
fn a_reader_can_move_to_a_blocking_thread() {
    fn assert_send<T: Send + 'static>() {}
    assert_send::<SheetReader>();
}
