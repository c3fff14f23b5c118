//! `hamyar import women` and `hamyar export women` as an expert uses them: a messy
//! spreadsheet gets a precise report, valid rows land, an export imports back unchanged, and
//! an import that is killed half-way leaves the registry exactly as it was.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const HEADER: &str = "کد ملی,نام,نام خانوادگی,نام پدر,تاریخ تولد,تلفن همراه,شهرستان,شهر یا روستا,نوع سکونت,نشانی,تحصیلات,مهارت‌ها,شماره شبا,علت سرپرستی,دهک درآمدی,یادداشت";

fn hamyar(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hamyar"))
        .args(["--database-url", &format!("sqlite://{}", db.display())])
        .args(args)
        .current_dir(db.parent().unwrap())
        .env_remove("HAMYAR_DATABASE_URL")
        .output()
        .expect("run hamyar")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A messy file: Persian digits, Arabic letters, a bad national ID, a repeated row.
fn messy_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("messy.csv");
    let rows = [
        "۰۰۱۳۵۴۲۴۱۹,فاطمه,احمدي,علي,۱۳۶۲/۵/۱۴,۰۹۱۲۱۲۳۴۵۶۷,آبيك,مرکز,شهری,خیابان یک,دیپلم,خیاطی,,همسر فوت‌شده,۳,",
        "0013542418,زهرا,کریمی,,1362-05-14,,آبیک,,روستایی,,,,,مطلقه,2,",
        "0084575948,مریم,رضایی,,1370/01/01,,تاکستان,,شهری,,,,,مطلقه,2,",
        "0084575948,مریم,رضایی,,1370/01/01,,تاکستان,,شهری,,,,,مطلقه,2,",
    ];
    std::fs::write(&path, format!("\u{feff}{HEADER}\n{}\n", rows.join("\n"))).unwrap();
    path
}

fn exported(db: &Path, name: &str) -> String {
    let out = db.parent().unwrap().join(name);
    let output = hamyar(
        db,
        &[
            "export",
            "women",
            "--format",
            "csv",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", text(&output));
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn a_messy_spreadsheet_gets_a_precise_report_and_the_valid_rows_land() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let file = messy_file(dir.path());
    let report = dir.path().join("report.csv");
    let dry = hamyar(
        &db,
        &[
            "import",
            "women",
            file.to_str().unwrap(),
            "--dry-run",
            "--report",
            report.to_str().unwrap(),
        ],
    );
    assert_eq!(
        dry.status.code(),
        Some(1),
        "problems make the exit status non-zero"
    );
    assert!(
        text(&dry).contains("read 4, would import 2, rejected 1, duplicates 1"),
        "{}",
        text(&dry)
    );
    let report = std::fs::read_to_string(report).unwrap();
    assert!(
        report.contains("3,کد ملی,0013542418,رقم کنترل کد ملی نادرست است"),
        "{report}"
    );
    assert!(report.contains("5,کد ملی,0084575948,"), "{report}");
    assert_eq!(
        exported(&db, "empty.csv").lines().count(),
        1,
        "a dry run writes nothing"
    );

    let all_or_nothing = hamyar(
        &db,
        &[
            "import",
            "women",
            file.to_str().unwrap(),
            "--all-or-nothing",
        ],
    );
    assert_eq!(all_or_nothing.status.code(), Some(1));
    assert_eq!(
        exported(&db, "still-empty.csv").lines().count(),
        1,
        "all-or-nothing wrote nothing"
    );

    let valid = hamyar(&db, &["import", "women", file.to_str().unwrap()]);
    assert!(text(&valid).contains("imported 2"), "{}", text(&valid));
    let export = exported(&db, "after.csv");
    // The names were typed with the Arabic ي; they are stored with the Persian ی.
    assert!(
        export.contains("0013542419,فاطمه,احمدی,علی,1362/05/14,09121234567,آبیک"),
        "{export}"
    );
}

#[test]
fn an_export_imports_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.db");
    let file = messy_file(dir.path());
    hamyar(&first, &["import", "women", file.to_str().unwrap()]);
    let xlsx = dir.path().join("women.xlsx");
    let exported_xlsx = hamyar(
        &first,
        &[
            "export",
            "women",
            "--format",
            "xlsx",
            "--output",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(exported_xlsx.status.success(), "{}", text(&exported_xlsx));
    let second = dir.path().join("second.db");
    let imported = hamyar(&second, &["import", "women", xlsx.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", text(&imported));
    assert_eq!(exported(&first, "a.csv"), exported(&second, "b.csv"));
}

#[test]
fn the_template_is_written_with_persian_headers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let template = dir.path().join("template.csv");
    assert!(
        hamyar(
            &db,
            &["import", "women", "--template", template.to_str().unwrap()]
        )
        .status
        .success()
    );
    let text = std::fs::read_to_string(template).unwrap();
    assert!(
        text.trim_start_matches('\u{feff}')
            .starts_with("کد ملی,نام,نام خانوادگی")
    );
}

#[test]
fn an_import_killed_half_way_leaves_the_registry_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    assert!(hamyar(&db, &["migrate"]).status.success());
    let indexes_before = index_count(&db);
    let file = dir.path().join("big.csv");
    let mut body = format!("{HEADER}\n");
    for n in 0..200_000_u64 {
        let id = valid_national_id(100_000_000 + n);
        body.push_str(&format!(
            "{id},فاطمه,احمدی,,1360/01/01,,آبیک,,شهری,,,,,مطلقه,2,\n"
        ));
    }
    std::fs::write(&file, body).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hamyar"))
        .args([
            "--database-url",
            &format!("sqlite://{}", db.display()),
            "import",
            "women",
            file.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once it is visibly writing: the write-ahead log has grown past a megabyte.
    let wal = dir.path().join("hamyar.db-wal");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) < 1_000_000 {
        assert!(
            std::time::Instant::now() < deadline,
            "the import never started writing"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import finished before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        exported(&db, "after-kill.csv").lines().count(),
        1,
        "nothing from the killed import is visible"
    );
    assert_eq!(
        index_count(&db),
        indexes_before,
        "indexes dropped for a bulk load are back"
    );
}

/// How many indexes the database's schema lists (a killed bulk load must not lose any).
fn index_count(db: &Path) -> i64 {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        use sqlx::Connection;
        let mut connection = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'")
            .fetch_one(&mut connection)
            .await
            .unwrap()
    })
}

fn valid_national_id(body: u64) -> String {
    let digits: Vec<u64> = format!("{body:09}")
        .chars()
        .map(|c| u64::from(c.to_digit(10).unwrap()))
        .collect();
    let sum: u64 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| d * (10 - i as u64))
        .sum();
    let remainder = sum % 11;
    format!(
        "{body:09}{}",
        if remainder < 2 {
            remainder
        } else {
            11 - remainder
        }
    )
}
