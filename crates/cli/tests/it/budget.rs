//! `hamyar budget close-year` and `reopen-year` as an operator uses them on a fresh SQLite
//! file: a year closes once (a second close is refused in Persian and English, exit 1), is
//! not reopened without a reason, reopens with one, and a county is not a province.

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

#[test]
fn a_year_is_closed_once_and_reopened_only_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let close = [
        "budget",
        "close-year",
        "--province",
        "qazvin",
        "--year",
        "۱۴۰۴",
    ];
    let closed = hamyar(&db, &close);
    assert!(closed.status.success(), "{}", text(&closed));
    assert!(text(&closed).contains("fiscal year 1404 is now closed"));

    let again = hamyar(&db, &close);
    assert!(!again.status.success());
    assert!(
        text(&again).contains("پیش‌تر بسته شده است"),
        "{}",
        text(&again)
    );
    assert!(text(&again).contains("already closed"));

    let reopen = |reason: &str| {
        hamyar(
            &db,
            &[
                "budget",
                "reopen-year",
                "--province",
                "ir.qazvin",
                "--year",
                "1404",
                "--reason",
                reason,
            ],
        )
    };
    let blank = reopen(" ");
    assert!(!blank.status.success());
    assert!(text(&blank).contains("دلیل را بنویسید"), "{}", text(&blank));
    let reopened = reopen("سند جاافتادهٔ اسفند");
    assert!(reopened.status.success(), "{}", text(&reopened));
    assert!(text(&reopened).contains("fiscal year 1404 is now open"));

    // Not a province.
    let county = hamyar(
        &db,
        &[
            "budget",
            "close-year",
            "--province",
            "ir.qazvin.abyek",
            "--year",
            "1404",
        ],
    );
    assert!(!county.status.success());
    assert!(text(&county).contains("no province"), "{}", text(&county));
}
