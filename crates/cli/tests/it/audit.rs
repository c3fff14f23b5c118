//! The keyed audit trail from the console, on a SQLite file: the key is made beside the
//! database at first start (owner-only) and kept across restarts; `hamyar serve` anchors the
//! head while it runs and when it stops; `hamyar audit verify` names rows removed from the
//! end, a wrong key and a forged anchor line; `hamyar audit keygen` never overwrites a key;
//! PostgreSQL without a key does not start; an export from the console records its filter.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hamyar_app::{Actor, App, AppSettings, FixedClock};
use hamyar_domain::registry::WomanInput;
use hamyar_store::ConnectSettings;
use hamyar_testkit::{PASSWORD, test_start};

fn hamyar(db: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hamyar"));
    command
        .args(["--database-url", &format!("sqlite://{}", db.display())])
        .args(args)
        .current_dir(db.parent().unwrap())
        .env_remove("HAMYAR_DATABASE_URL")
        .env_remove("HAMYAR_AUDIT_KEY")
        .env_remove("HAMYAR_AUDIT_KEY_FILE")
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

fn add_user(db: &Path, username: &str) {
    let args = [
        "user",
        "add",
        "--username",
        username,
        "--display-name",
        "سارا احمدی",
        "--role",
        "social_worker",
        "--scope",
        "آبیک",
        "--password-stdin",
    ];
    let output = hamyar(db, &args, Some(&format!("{PASSWORD}\n")));
    assert!(output.status.success(), "{}", text(&output));
}

fn verify(db: &Path) -> (Option<i32>, String) {
    let output = hamyar(db, &["audit", "verify"], None);
    (output.status.code(), text(&output))
}

fn key_file(db: &Path) -> PathBuf {
    db.with_extension("audit-key")
}

fn anchor_file(db: &Path) -> PathBuf {
    db.with_extension("audit-anchors")
}

async fn sql(db: &Path, statements: &str) {
    use sqlx::Connection;
    let mut connection = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(statements.to_owned()))
        .execute(&mut connection)
        .await
        .unwrap();
}

async fn head(db: &Path) -> i64 {
    use sqlx::Connection;
    let mut connection = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    sqlx::query_scalar("SELECT MAX(seq) FROM audit_log")
        .fetch_one(&mut connection)
        .await
        .unwrap()
}

#[cfg(unix)]
#[test]
fn the_first_start_makes_an_owner_only_key_beside_the_database_and_restarts_keep_it() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    assert!(hamyar(&db, &["migrate"], None).status.success());
    let mode = std::fs::metadata(key_file(&db))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "the key is readable by its owner only");
    let key = std::fs::read_to_string(key_file(&db)).unwrap();
    assert_eq!(key.trim().len(), 64);

    add_user(&db, "first");
    add_user(&db, "second");
    assert_eq!(std::fs::read_to_string(key_file(&db)).unwrap(), key);
    let (code, report) = verify(&db);
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("audit trail intact"), "{report}");
    assert!(report.contains("every row is keyed"), "{report}");
    assert!(!report.contains(key.trim()), "the key is never printed");
}

#[tokio::test]
async fn removing_the_newest_rows_fails_verify_naming_the_missing_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    for name in ["a.one", "a.two", "a.three"] {
        add_user(&db, name);
    }
    let anchored = hamyar(&db, &["audit", "anchor"], None);
    assert!(anchored.status.success(), "{}", text(&anchored));
    let last = head(&db).await;
    assert!(text(&anchored).contains(&format!("anchored at row {last}")));

    sql(
        &db,
        &format!(
            "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > {}; \
             CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
             BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
            last - 3
        ),
    )
    .await;
    let (code, report) = verify(&db);
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains(&format!(
            "rows {}–{last} are missing: the trail ends at {} but was anchored at {last} on ",
            last - 2,
            last - 3
        )),
        "{report}"
    );
    assert!(!report.contains("WARNING"), "the trigger is back: {report}");
}

#[test]
fn a_wrong_key_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    add_user(&db, "a.one");
    std::fs::remove_file(key_file(&db)).unwrap();
    let made = hamyar(
        &db,
        &["audit", "keygen", key_file(&db).to_str().unwrap()],
        None,
    );
    assert!(made.status.success(), "{}", text(&made));
    let (code, report) = verify(&db);
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("the audit key does not match this trail: row 1 and later"),
        "{report}"
    );
    assert!(!report.contains("altered"), "{report}");
}

#[test]
fn a_forged_anchor_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    add_user(&db, "a.one");
    let anchors = std::fs::read_to_string(anchor_file(&db)).unwrap();
    let first = anchors.lines().next().unwrap();
    let forged = first.replace("seq=0", "seq=1");
    std::fs::write(anchor_file(&db), format!("{anchors}{forged}\n")).unwrap();
    let (code, report) = verify(&db);
    assert_eq!(code, Some(1), "{report}");
    assert!(report.contains("line 2 was forged or altered"), "{report}");
}

#[cfg(unix)]
#[test]
fn keygen_makes_an_owner_only_key_and_never_overwrites_one() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let file = dir.path().join("audit-key");
    let made = hamyar(&db, &["audit", "keygen", file.to_str().unwrap()], None);
    assert!(made.status.success(), "{}", text(&made));
    let key = std::fs::read_to_string(&file).unwrap();
    assert!(!text(&made).contains(key.trim()), "{}", text(&made));
    assert!(text(&made).contains("fingerprint"));
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let again = hamyar(&db, &["audit", "keygen", file.to_str().unwrap()], None);
    assert!(!again.status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), key);
}

#[test]
fn postgres_without_an_audit_key_does_not_start_and_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_hamyar"))
        .args([
            "--database-url",
            "postgres://hamyar@127.0.0.1:1/hamyar",
            "migrate",
        ])
        .current_dir(dir.path())
        .env_remove("HAMYAR_DATABASE_URL")
        .env_remove("HAMYAR_AUDIT_KEY")
        .env_remove("HAMYAR_AUDIT_KEY_FILE")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let message = text(&output);
    assert!(
        message.contains("PostgreSQL needs an audit key")
            && message.contains("hamyar audit keygen"),
        "{message}"
    );
}

#[tokio::test]
async fn an_export_from_the_console_records_its_filter_and_count() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    assert!(hamyar(&db, &["migrate"], None).status.success());
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
    let abyek = app
        .place_tree()
        .await
        .unwrap()
        .by_code("ir.qazvin.abyek")
        .unwrap()
        .id;
    for (national_id, first) in [("0013542419", "مریم"), ("0084575948", "زهرا")] {
        let input = WomanInput {
            national_id: national_id.into(),
            first_name: first.into(),
            last_name: "احمدی".into(),
            birth_date: "1360/01/01".into(),
            settlement: "urban".into(),
            locality: "آبیک".into(),
            headship_cause: "widow".into(),
            income_decile: "2".into(),
            ..WomanInput::default()
        };
        app.register_woman(&Actor::console(), &abyek.to_string(), &input, &[])
            .await
            .unwrap();
    }
    let out = dir.path().join("abyek.csv");
    let exported = hamyar(
        &db,
        &[
            "export",
            "women",
            "--format",
            "csv",
            "--county",
            "آبیک",
            "--output",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(exported.status.success(), "{}", text(&exported));

    use sqlx::Connection;
    let mut connection = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let (seq, after): (i64, String) =
        sqlx::query_as("SELECT seq, after_json FROM audit_log WHERE action = 'woman.export'")
            .fetch_one(&mut connection)
            .await
            .unwrap();
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(after["rows"], 2);
    assert_eq!(after["filter"]["county_id"], abyek.get());
    assert_eq!(after["filter"]["format"], "csv");
    let subjects: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_subjects WHERE seq = $1")
        .bind(seq)
        .fetch_one(&mut connection)
        .await
        .unwrap();
    assert_eq!(subjects, 2);
    drop(connection);
    let (code, report) = verify(&db);
    assert_eq!(code, Some(0), "{report}");
}

#[tokio::test]
async fn serve_anchors_the_head_while_it_runs_and_when_it_stops() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hamyar.db");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hamyar"))
        .args([
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--database-url",
            &format!("sqlite://{}", db.display()),
        ])
        .current_dir(dir.path())
        .env_remove("HAMYAR_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let health = client
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await;
        if health.is_ok_and(|response| response.status() == 200) {
            break;
        }
        assert!(Instant::now() < deadline, "the server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the server did not stop");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let anchors = std::fs::read_to_string(anchor_file(&db)).unwrap();
    let lines: Vec<&str> = anchors.lines().collect();
    assert!(
        lines[0].contains(" seq=0 "),
        "the first start anchors the empty trail: {anchors}"
    );
    let last = head(&db).await;
    assert!(
        lines.len() >= 2 && lines.last().unwrap().contains(&format!(" seq={last} ")),
        "the stop anchored the head: {anchors}"
    );
    let (code, report) = verify(&db);
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("anchor lines checked"), "{report}");
}
