//! `hamyar report monthly` as an operator uses it: over the press world of
//! `hamyar_testkit::press` (Qazvin with one Takestan group), the monthly performance report of
//! Aban 1405 is written as a PDF on the letterhead the configuration names (its text read
//! back in reading order) and as an XLSX sheet whose rows are the catalogue's figures by key;
//! a month that is not one, and a logo that is not an image, are refused with the reason and
//! write nothing.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

use calamine::{Data, Reader, Xlsx};
use hamyar_app::{App, AppSettings, FixedClock};
use hamyar_store::ConnectSettings;
use hamyar_testkit::test_start;

fn hamyar(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamyar"))
        .args(["--database-url", &format!("sqlite://{}", db.display())])
        .args(args)
        .current_dir(db.parent().unwrap())
        .env_remove("HAMYAR_DATABASE_URL")
        .output()
        .expect("run hamyar")
}

fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

async fn seed(db: &Path) {
    let url = format!("sqlite://{}", db.display());
    let store = hamyar_store::connect(&url, &ConnectSettings::default())
        .await
        .unwrap()
        .with_audit_key(hamyar_store::testing::tool_audit_key(&url));
    let app = App::new(
        Arc::new(store),
        Arc::new(FixedClock::new(test_start())),
        AppSettings::default(),
    );
    hamyar_testkit::press::press_world(&app).await;
}

#[tokio::test]
async fn the_monthly_report_is_written_as_pdf_on_the_letterhead_and_as_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let migrated = hamyar(&db, &["migrate"]);
    assert!(migrated.status.success(), "{}", said(&migrated));
    seed(&db).await;
    std::fs::write(
        dir.path().join("hamyar.toml"),
        "letterhead_name_fa = \"بهزیستی استان قزوین — دفتر توانمندسازی\"\n\
         letterhead_address = \"قزوین، بلوار نخبگان\"\n",
    )
    .unwrap();

    let pdf_path = dir.path().join("aban.pdf");
    let written = hamyar(
        &db,
        &[
            "report",
            "monthly",
            "--province",
            "qazvin",
            "--month",
            "۱۴۰۵/۰۸",
            "--out",
            pdf_path.to_str().unwrap(),
        ],
    );
    assert!(written.status.success(), "{}", said(&written));
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = hamyar_pdf::inspect::text(&pdf);
    let mut from = 0;
    for expected in [
        "بهزیستی استان قزوین — دفتر توانمندسازی",
        "قزوین، بلوار نخبگان",
        "گزارش ماهانهٔ عملکرد گروه‌های همیار — قزوین",
        "آبان ۱۴۰۵",
        "گروه‌های فعال",
        "تعریف ارقام",
    ] {
        let expected = hamyar_pdf::inspect::without_zwnj(expected);
        let at = text[from..]
            .find(&expected)
            .unwrap_or_else(|| panic!("{expected:?} not in order in:\n{text}"));
        from += at + expected.len();
    }

    let xlsx_path = dir.path().join("aban.xlsx");
    let written = hamyar(
        &db,
        &[
            "report",
            "monthly",
            "--province",
            "ir.qazvin",
            "--month",
            "1405-08",
            "--format",
            "xlsx",
            "--out",
            xlsx_path.to_str().unwrap(),
        ],
    );
    assert!(written.status.success(), "{}", said(&written));
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx_path).unwrap();
    let sheet = book.worksheet_range("گزارش ماهانه").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(rows[0][0], Data::String("key".into()));
    let active = rows
        .iter()
        .find(|row| {
            row[0] == Data::String("groups.active".into())
                && row[1] == Data::String("ir.qazvin".into())
        })
        .expect("the province's active groups");
    assert_eq!(active[2], Data::String("1405-08".into()));
    assert!(
        rows.iter()
            .any(|row| row[1] == Data::String("ir.qazvin.takestan".into())),
        "the counties' rows"
    );

    // Refused with the reason, nothing written.
    let refused = dir.path().join("refused.pdf");
    let out = refused.to_str().unwrap();
    let bad_month = hamyar(
        &db,
        &[
            "report",
            "monthly",
            "--province",
            "qazvin",
            "--month",
            "1405-13",
            "--out",
            out,
        ],
    );
    assert!(!bad_month.status.success());
    assert!(said(&bad_month).contains("1405-08"), "{}", said(&bad_month));
    std::fs::write(dir.path().join("logo.png"), b"not a picture").unwrap();
    std::fs::write(
        dir.path().join("hamyar.toml"),
        "letterhead_logo = \"logo.png\"\n",
    )
    .unwrap();
    let bad_logo = hamyar(
        &db,
        &[
            "report",
            "monthly",
            "--province",
            "qazvin",
            "--month",
            "1405-08",
            "--out",
            out,
        ],
    );
    assert!(!bad_logo.status.success());
    assert!(
        said(&bad_logo).contains("neither a PNG nor an SVG"),
        "{}",
        said(&bad_logo)
    );
    assert!(!refused.exists());
}
