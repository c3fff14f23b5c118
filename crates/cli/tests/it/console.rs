//! The `hamyar` binary as an operator uses it: migrate, manage accounts, and verify
//! the audit trail — including after someone edits the audit table by hand.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use hamyar_testkit::PASSWORD;

fn hamyar(db: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hamyar"));
    command
        .args(["--database-url", &format!("sqlite://{}", db.display())])
        .args(args)
        .current_dir(db.parent().unwrap())
        .env_remove("HAMYAR_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("run hamyar");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    child.wait_with_output().expect("hamyar finished")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn add_user(db: &Path, username: &str, role: &str, scope: Option<&str>) -> Output {
    let mut args = vec![
        "user",
        "add",
        "--username",
        username,
        "--display-name",
        "سارا احمدی",
        "--role",
        role,
        "--password-stdin",
    ];
    if let Some(scope) = scope {
        args.extend(["--scope", scope]);
    }
    hamyar(db, &args, Some(&format!("{PASSWORD}\n")))
}

async fn tamper(db: &Path, sql: &str) {
    use sqlx::Connection;
    let mut connection = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(&mut connection)
        .await
        .unwrap();
}

#[test]
fn version_is_printed() {
    let output = Command::new(env!("CARGO_BIN_EXE_hamyar"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("hamyar "));
}

#[test]
fn accounts_are_managed_from_the_console_with_scope_by_place_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    assert!(hamyar(&db, &["migrate"], None).status.success());
    let admin = add_user(&db, "admin", "system_admin", None);
    assert!(admin.status.success(), "{}", text(&admin));
    let expert = add_user(&db, "abyek.expert", "county_expert", Some("آبيك"));
    assert!(
        expert.status.success(),
        "Arabic letter forms still find Abyek: {}",
        text(&expert)
    );
    let wrong = add_user(&db, "bad", "county_expert", Some("Qazvin"));
    assert!(!wrong.status.success());
    assert!(text(&wrong).contains("several places"), "{}", text(&wrong));
    let list = hamyar(&db, &["user", "list"], None);
    let listing = text(&list);
    assert!(
        listing.contains("admin")
            && listing.contains("abyek.expert")
            && listing.contains("Abyek (Qazvin)"),
        "{listing}"
    );
    assert!(
        hamyar(&db, &["user", "disable", "abyek.expert"], None)
            .status
            .success()
    );
    assert!(text(&hamyar(&db, &["user", "list"], None)).contains("disabled"));
    let weak = hamyar(
        &db,
        &["user", "passwd", "admin", "--password-stdin"],
        Some("short\n"),
    );
    assert!(!weak.status.success());
    assert!(text(&weak).contains("at least 10"));
}

#[tokio::test]
async fn audit_verify_passes_then_names_the_row_edited_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    assert!(
        add_user(&db, "admin", "system_admin", None)
            .status
            .success()
    );
    assert!(
        add_user(&db, "auditor", "auditor", Some("ir.qazvin"))
            .status
            .success()
    );
    let intact = hamyar(&db, &["audit", "verify"], None);
    assert!(intact.status.success(), "{}", text(&intact));
    assert!(text(&intact).contains("audit trail intact: 2 rows"));

    // The database refuses the edit while the append-only trigger stands…
    use sqlx::Connection;
    let mut connection = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let refused = sqlx::query("UPDATE audit_log SET actor_name = 'someone' WHERE seq = 1")
        .execute(&mut connection)
        .await;
    assert!(refused.unwrap_err().to_string().contains("append-only"));
    drop(connection);

    // …so a tamperer drops it first; verify then names the row and the missing guard.
    tamper(&db, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_name = 'someone' WHERE seq = 1;").await;
    let broken = hamyar(&db, &["audit", "verify"], None);
    assert_eq!(broken.status.code(), Some(1));
    let report = text(&broken);
    assert!(report.contains("row 1 was altered"), "{report}");
    assert!(report.contains("WARNING"), "{report}");
}

#[tokio::test]
async fn audit_verify_names_a_removed_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    for name in ["admin", "second", "third"] {
        assert!(add_user(&db, name, "auditor", None).status.success());
    }
    tamper(
        &db,
        "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;",
    )
    .await;
    let broken = hamyar(&db, &["audit", "verify"], None);
    assert_eq!(broken.status.code(), Some(1));
    assert!(
        text(&broken).contains("row 2 was removed"),
        "{}",
        text(&broken)
    );
}

#[test]
fn a_bad_configuration_value_is_reported_with_its_source_and_nothing_starts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hamyar.toml"),
        "session_idle_minutes = -5\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_hamyar"))
        .arg("migrate")
        .current_dir(dir.path())
        .env_remove("HAMYAR_DATABASE_URL")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("session_idle_minutes") && message.contains("hamyar.toml"),
        "{message}"
    );
    assert!(
        !dir.path().join("hamyar.db").exists(),
        "no database was created"
    );
}

/// `hamyar places | head` closes the pipe before the command is done: the command stops
/// writing and exits as usual, without a panic or a backtrace.
#[test]
fn a_reader_that_goes_away_early_does_not_make_the_command_panic() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    assert!(hamyar(&db, &["migrate"], None).status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_hamyar"))
        .args(["--database-url", &format!("sqlite://{}", db.display())])
        .arg("places")
        .current_dir(dir.path())
        .env_remove("HAMYAR_DATABASE_URL")
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the command writes anything.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
}
