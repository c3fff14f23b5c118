//! `hamyar import groups|members …` as an office uses them to bring a province in: the
//! template per kind, a dry run that writes nothing, the import, the same file again
//! importing nothing twice, and a file with a bad row refused with a report naming row and
//! column (exit 1).

use std::path::Path;
use std::process::{Command, Output};

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

fn write(dir: &Path, name: &str, lines: &[&str]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, format!("\u{feff}{}\r\n", lines.join("\r\n"))).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn a_province_comes_in_by_files_and_a_second_run_imports_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let template = dir.path().join("groups-template.csv");
    let made = hamyar(
        &db,
        &["import", "groups", "--template", template.to_str().unwrap()],
    );
    assert!(made.status.success(), "{}", text(&made));
    let header = std::fs::read_to_string(&template).unwrap();
    assert!(
        header.starts_with("\u{feff}کد گروه,نام گروه,شهرستان"),
        "{header}"
    );

    let women = write(
        dir.path(),
        "women.csv",
        &[
            "کد ملی,نام,نام خانوادگی,تاریخ تولد,شهرستان,نوع سکونت,علت سرپرستی",
            "0013542419,فاطمه,احمدی,1362/05/14,تاکستان,شهری,همسر فوت‌شده",
        ],
    );
    assert!(hamyar(&db, &["import", "women", &women]).status.success());
    let groups = write(
        dir.path(),
        "groups.csv",
        &[
            "کد گروه,نام گروه,شهرستان,رشته کسب و کار,محل کار,تاریخ شناسایی,تاریخ ثبت",
            "QZ-01,گروه نور,تاکستان,خیاطی,منزل,1401/02/10,",
        ],
    );
    let dry = hamyar(&db, &["import", "groups", &groups, "--dry-run"]);
    assert!(dry.status.success(), "{}", text(&dry));
    assert!(
        text(&dry).contains("read 1, would import 1, rejected 0"),
        "{}",
        text(&dry)
    );
    let members = write(
        dir.path(),
        "members.csv",
        &[
            "کد گروه,کد ملی,نقش در گروه,تاریخ پیوستن",
            "QZ-01,۰۰۱۳۵۴۲۴۱۹,سرگروه,1401/03/01",
        ],
    );
    let early = hamyar(&db, &["import", "members", &members]);
    assert!(!early.status.success(), "the dry run wrote no group");
    assert!(
        text(&early).contains("row 2, کد گروه «QZ-01»"),
        "{}",
        text(&early)
    );

    let imported = hamyar(&db, &["import", "groups", &groups]);
    assert!(imported.status.success(), "{}", text(&imported));
    assert!(
        text(&imported).contains("imported 1"),
        "{}",
        text(&imported)
    );
    let joined = hamyar(&db, &["import", "members", &members]);
    assert!(joined.status.success(), "{}", text(&joined));

    for (kind, file) in [("groups", &groups), ("members", &members)] {
        let again = hamyar(&db, &["import", kind, file]);
        assert!(again.status.success(), "{}", text(&again));
        assert!(
            text(&again).contains("imported 0"),
            "{kind}: {}",
            text(&again)
        );
        assert!(
            text(&again).contains("1 rows were already present and were skipped"),
            "{kind}: {}",
            text(&again)
        );
    }
}

#[test]
fn a_bad_row_is_reported_by_row_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let groups = write(
        dir.path(),
        "groups.csv",
        &[
            "کد گروه,نام گروه,شهرستان,رشته کسب و کار,محل کار,تاریخ شناسایی",
            "QZ-01,گروه نور,تاکستان,خیاطی,منزل,1401/02/10",
            "QZ-02,گروه دوم,تاکستان,خیاطی,کاروانسرا,1401/02/10",
        ],
    );
    let report = dir.path().join("problems.csv");
    let refused = hamyar(
        &db,
        &[
            "import",
            "groups",
            &groups,
            "--report",
            report.to_str().unwrap(),
        ],
    );
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("all or nothing, and some rows have problems"),
        "{}",
        text(&refused)
    );
    let report = std::fs::read_to_string(report).unwrap();
    assert!(report.contains("3,محل کار,کاروانسرا"), "{report}");
    let again = hamyar(&db, &["import", "groups", &groups, "--dry-run"]);
    assert!(
        text(&again).contains("read 2, would import 1, rejected 1"),
        "nothing was written: {}",
        text(&again)
    );
}
