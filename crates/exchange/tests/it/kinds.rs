//! Every kind of import reads through the one reader: each kind's template (CSV and XLSX)
//! reads back against its own layout with every column and zero rows; a filled file with
//! headers spelled with Arabic letters or in English gives each cell under its key; a file
//! without a required column is refused naming it; and a problem report names the kind's
//! column by its Persian header.

use calamine::{Reader, Xlsx};
use hamyar_exchange::{
    FileFormat, Problem, ReadLimits, SheetKind, SheetReader, report_bytes, template_bytes_for,
};

use crate::{en, fa};

fn read(kind: SheetKind, format: FileFormat, bytes: Vec<u8>) -> SheetReader {
    SheetReader::from_bytes_layout(kind.layout(), format, bytes, ReadLimits::default()).unwrap()
}

#[test]
fn every_kinds_template_reads_back_with_all_its_columns_and_no_rows() {
    for kind in SheetKind::ALL {
        for format in [FileFormat::Csv, FileFormat::Xlsx] {
            let bytes = template_bytes_for(kind.layout(), format);
            let reader = read(kind, format, bytes.clone());
            let read_keys: Vec<&str> = kind.layout().read_columns().map(|c| c.key).collect();
            assert_eq!(reader.present_keys(), read_keys, "{kind:?} {format:?}");
            assert_eq!(reader.count(), 0, "{kind:?} {format:?}");
            if format == FileFormat::Xlsx {
                let workbook = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
                assert_eq!(
                    workbook.sheet_names(),
                    [kind.layout().sheet_name, "راهنما"],
                    "{kind:?}"
                );
            }
        }
    }
}

#[test]
fn a_filled_members_file_gives_each_cell_under_its_key_whatever_the_header_spelling() {
    let csv = "\u{feff}كد گروه,National ID,نقش در گروه,تاريخ پيوستن\r\n\
               TK-01,0013542419,عضو,۱۴۰۱/۰۷/۱۵\r\n\
               \r\n\
               TK-02,0084575948,سرگروه,1402/01/01\r\n";
    let reader = read(SheetKind::Members, FileFormat::Csv, csv.as_bytes().to_vec());
    let layout = reader.layout();
    let rows: Vec<_> = reader.map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "the blank row is skipped");
    assert_eq!(rows[0].line, 2);
    assert_eq!(rows[1].line, 4);
    let keyed = rows[0].keyed(layout);
    assert!(keyed.contains(&("group_code", "TK-01".to_owned())));
    assert!(keyed.contains(&("joined_on", "۱۴۰۱/۰۷/۱۵".to_owned())));
    assert!(
        keyed.contains(&("left_on", String::new())),
        "absent columns read empty"
    );
    assert_eq!(rows[1].by_key(layout, "role"), "سرگروه");
}

#[test]
fn a_groups_file_without_a_required_column_is_refused_naming_it() {
    let csv = "کد گروه,نام گروه,شهرستان,رشته کسب و کار,محل کار\r\nTK-01,نور,آبیک,خیاطی,منزل\r\n";
    let error = SheetReader::from_bytes_layout(
        SheetKind::Groups.layout(),
        FileFormat::Csv,
        csv.as_bytes().to_vec(),
        ReadLimits::default(),
    )
    .unwrap_err();
    assert!(fa(&error).contains("«تاریخ شناسایی»"), "{}", fa(&error));
    assert!(en(&error).contains("\"Identified on\""), "{}", en(&error));
}

#[test]
fn a_womens_header_is_unknown_to_the_groups_layout() {
    let csv = "کد گروه,کد ملی\r\n";
    let error = SheetReader::from_bytes_layout(
        SheetKind::Visits.layout(),
        FileFormat::Csv,
        csv.as_bytes().to_vec(),
        ReadLimits::default(),
    )
    .unwrap_err();
    assert!(fa(&error).contains("«کد ملی»"), "{}", fa(&error));
}

#[test]
fn a_report_names_the_kinds_column_by_its_persian_header() {
    let layout = SheetKind::Visits.layout();
    let problems = [Problem {
        line: 3,
        column: layout.header_fa_of("visited_on").to_owned(),
        value: "1402/13/01".into(),
        message_fa: "ماه نادرست است".into(),
    }];
    let bytes = report_bytes(FileFormat::Csv, &problems);
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("3,تاریخ بازدید,1402/13/01,ماه نادرست است"),
        "{text}"
    );
}
