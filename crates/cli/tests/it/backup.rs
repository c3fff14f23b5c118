//! `hamyar backup` and `hamyar restore` as an office runs them: the demo province backed up
//! and restored on SQLite, on PostgreSQL and from one to the other, with every table's row
//! count, the ledger's totals and the audit trail identical afterwards; and the refusals —
//! a damaged or cut-short backup, a backup of a database whose audit trail or ledger was
//! changed by hand, a database that already holds data — each with its message, each
//! leaving the target as it was.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use hamyar_store::ConnectSettings;
use hamyar_store::testing::TestDatabase;

/// Runs `hamyar` on the database at `url` with the audit key (and anchors beside it) at
/// `key_file`, or with the SQLite default beside the database when `None`.
fn hamyar(url: &str, key_file: Option<&Path>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hamyar"));
    command
        .args(["--database-url", url])
        .args(args)
        .env_remove("HAMYAR_DATABASE_URL")
        .env_remove("HAMYAR_AUDIT_KEY")
        .env_remove("HAMYAR_AUDIT_ANCHOR_FILE")
        .env_remove("HAMYAR_AUDIT_KEY_FILE");
    if let Some(key_file) = key_file {
        command
            .env("HAMYAR_AUDIT_KEY_FILE", key_file)
            .env("HAMYAR_AUDIT_ANCHOR_FILE", anchors_beside(key_file));
    }
    command.output().expect("run hamyar")
}

/// Where the anchors of the key in `key_file` are kept in these tests.
fn anchors_beside(key_file: &Path) -> PathBuf {
    let mut name = key_file.as_os_str().to_owned();
    name.push(".anchors");
    PathBuf::from(name)
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// What must be identical after a restore: every table's row count, every ledger
/// account's posted total, the audit trail's length and head, and the bytes of every
/// evidence file.
#[derive(Debug, PartialEq, Eq)]
struct Contents {
    tables: Vec<(String, i64)>,
    ledger_totals: Vec<(i64, i64, i64)>,
    audit_head: (i64, String),
    evidence: Vec<(i64, Vec<u8>)>,
}

/// The trail's rows that record restores: each restore adds one after the backup's rows.
const RESTORE_ROWS: &str = "action = 'database.restore'";

async fn contents(url: &str) -> Contents {
    let store = hamyar_store::connect(url, &ConnectSettings::default())
        .await
        .unwrap();
    let restores: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM audit_log WHERE {RESTORE_ROWS}"
    )))
    .fetch_one(store.pool())
    .await
    .unwrap();
    let mut tables = store.table_row_counts().await.unwrap();
    for (table, rows) in &mut tables {
        if table == "audit_log" {
            *rows -= restores;
        }
    }
    let ledger_totals: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT account_id, CAST(COUNT(*) AS BIGINT), CAST(SUM(amount_rials) AS BIGINT) \
         FROM ledger_postings GROUP BY account_id ORDER BY account_id",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    let audit_head: (i64, String) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT seq, hash FROM audit_log WHERE NOT ({RESTORE_ROWS}) ORDER BY seq DESC LIMIT 1"
    )))
    .fetch_one(store.pool())
    .await
    .unwrap();
    let evidence: Vec<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT id, content FROM evidence_files ORDER BY id")
            .fetch_all(store.pool())
            .await
            .unwrap();
    hamyar_app::ports::Database::close(&store).await;
    Contents {
        tables,
        ledger_totals,
        audit_head,
        evidence,
    }
}

async fn tamper(url: &str, sql: &str) {
    let store = hamyar_store::connect(url, &ConnectSettings::default())
        .await
        .unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(store.pool())
        .await
        .unwrap();
    hamyar_app::ports::Database::close(&store).await;
}

/// The demo province in a new SQLite file `office.db` in `dir`; its URL.
fn sqlite_demo(dir: &Path) -> String {
    let url = sqlite_url(&dir.join("office.db"));
    let demo = hamyar(&url, None, &["demo"]);
    assert!(demo.status.success(), "{}", text(&demo));
    url
}

fn backup(url: &str, key_file: Option<&Path>, file: &Path) -> String {
    let made = hamyar(url, key_file, &["backup", file.to_str().unwrap()]);
    let said = text(&made);
    assert!(made.status.success(), "{said}");
    said
}

/// Where the trail records restores.
async fn restore_rows(url: &str) -> Vec<i64> {
    let store = hamyar_store::connect(url, &ConnectSettings::default())
        .await
        .unwrap();
    let rows: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT seq FROM audit_log WHERE {RESTORE_ROWS} ORDER BY seq"
    )))
    .fetch_all(store.pool())
    .await
    .unwrap();
    hamyar_app::ports::Database::close(&store).await;
    rows
}

/// A user added after a restore gets an id after every restored one: the sequences were
/// moved past them (on PostgreSQL a sequence left at 1 would collide with a restored row).
async fn assert_new_ids_follow_the_restored_ones(url: &str, key_file: Option<&Path>) {
    let highest = |url: String| async move {
        let store = hamyar_store::connect(&url, &ConnectSettings::default())
            .await
            .unwrap();
        let id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM users")
            .fetch_one(store.pool())
            .await
            .unwrap();
        hamyar_app::ports::Database::close(&store).await;
        id
    };
    let before = highest(url.to_owned()).await;
    add_user(url, key_file, "after.restore");
    assert!(highest(url.to_owned()).await > before);
}

/// Adds an auditor through the console.
fn add_user(url: &str, key_file: Option<&Path>, username: &str) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hamyar"));
    command
        .args(["--database-url", url])
        .args([
            "user",
            "add",
            "--username",
            username,
            "--display-name",
            "مریم رضایی",
            "--role",
            "auditor",
            "--password-stdin",
        ])
        .env_remove("HAMYAR_DATABASE_URL")
        .env_remove("HAMYAR_AUDIT_KEY")
        .env_remove("HAMYAR_AUDIT_KEY_FILE")
        .env_remove("HAMYAR_AUDIT_ANCHOR_FILE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(key_file) = key_file {
        command
            .env("HAMYAR_AUDIT_KEY_FILE", key_file)
            .env("HAMYAR_AUDIT_ANCHOR_FILE", anchors_beside(key_file));
    }
    let mut child = command.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{}\n", hamyar_testkit::PASSWORD).as_bytes())
        .unwrap();
    let added = child.wait_with_output().unwrap();
    assert!(added.status.success(), "{}", text(&added));
}

/// A SQLite file at `path` with the audit key of `office.db` in `from` beside it.
fn sqlite_target_with_key_of(from: &Path, path: &Path) -> String {
    std::fs::copy(
        from.join("office.audit-key"),
        path.with_extension("audit-key"),
    )
    .unwrap();
    sqlite_url(path)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_province_is_backed_up_and_restored_on_sqlite_row_for_row() {
    let dir = tempfile::tempdir().unwrap();
    let office = sqlite_demo(dir.path());
    let file = dir.path().join("office.hamyar-backup");
    let said = backup(&office, None, &file);
    assert!(said.contains("read back and checked"), "{said}");
    assert!(said.contains("ledger consistent"), "{said}");
    assert!(said.contains("audit trail intact"), "{said}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "only its owner may read a backup");
    }
    assert!(
        !dir.path().join("office.hamyar-backup.partial").exists(),
        "the partial file is renamed"
    );
    let again = hamyar(&office, None, &["backup", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    assert!(text(&again).contains("already exists"));

    let elsewhere = tempfile::tempdir().unwrap();
    let restored = sqlite_target_with_key_of(dir.path(), &elsewhere.path().join("hamyar.db"));
    let done = hamyar(&restored, None, &["restore", file.to_str().unwrap()]);
    let said = text(&done);
    assert!(done.status.success(), "{said}");
    assert!(said.contains("its seal holds"), "{said}");
    assert!(said.contains("ledger consistent"), "{said}");
    assert!(said.contains("restore complete"), "{said}");
    let before = contents(&office).await;
    assert!(
        before.tables.iter().map(|(_, n)| n).sum::<i64>() > 1_000,
        "a demo-sized dataset: {:?}",
        before.tables
    );
    assert!(!before.ledger_totals.is_empty());
    assert!(!before.evidence.is_empty(), "the demo's evidence files");
    assert_eq!(contents(&restored).await, before);
    assert_eq!(
        restore_rows(&restored).await,
        [before.audit_head.0 + 1],
        "the restore is recorded once, right after the backup's rows"
    );
    for check in [&["ledger", "verify"][..], &["audit", "verify"][..]] {
        let verified = hamyar(&restored, None, check);
        assert!(verified.status.success(), "{}", text(&verified));
    }
    assert_new_ids_follow_the_restored_ones(&restored, None).await;

    // Restoring over a database that holds data needs --replace, and keeps the old file.
    let refused = hamyar(&restored, None, &["restore", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));
    assert!(
        text(&refused).contains("already holds data") && text(&refused).contains("--replace"),
        "{}",
        text(&refused)
    );
    let replaced = hamyar(
        &restored,
        None,
        &["restore", "--replace", file.to_str().unwrap()],
    );
    assert!(replaced.status.success(), "{}", text(&replaced));
    assert!(
        files_in(elsewhere.path())
            .iter()
            .any(|name| name.starts_with("hamyar.db.replaced-")),
        "{:?}",
        files_in(elsewhere.path())
    );
    assert_eq!(contents(&restored).await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_or_cut_short_backup_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let office = sqlite_demo(dir.path());
    let file = dir.path().join("office.hamyar-backup");
    backup(&office, None, &file);
    let bytes = std::fs::read(&file).unwrap();

    // One amount changed by one digit, deep inside the file.
    let text_of = String::from_utf8(bytes.clone()).unwrap();
    let line = text_of
        .lines()
        .position(|line| line.contains("\"rows_of\":\"ledger_postings\""))
        .unwrap()
        + 1;
    let mut lines: Vec<String> = text_of.lines().map(str::to_owned).collect();
    let changed = lines[line].replacen('0', "1", 1);
    assert_ne!(changed, lines[line]);
    lines[line] = changed;
    let altered = dir.path().join("altered.hamyar-backup");
    std::fs::write(&altered, format!("{}\n", lines.join("\n"))).unwrap();
    let cut = dir.path().join("cut.hamyar-backup");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let not_a_backup = dir.path().join("notes.txt");
    std::fs::write(&not_a_backup, "hello\n").unwrap();

    let elsewhere = tempfile::tempdir().unwrap();
    let target_path = elsewhere.path().join("hamyar.db");
    let target = sqlite_target_with_key_of(dir.path(), &target_path);
    for (bad, expected) in [
        (&altered, "its seal does not match its contents"),
        (&cut, "incomplete"),
        (&not_a_backup, "is it a Hamyar backup?"),
    ] {
        let refused = hamyar(&target, None, &["restore", bad.to_str().unwrap()]);
        let said = text(&refused);
        assert_eq!(refused.status.code(), Some(1), "{said}");
        assert!(
            said.contains("restore FAILED") && said.contains(expected),
            "{said}"
        );
        assert!(said.contains("Nothing was changed"), "{said}");
        assert!(!target_path.exists(), "no database was made");
    }
    assert_eq!(
        files_in(elsewhere.path()),
        ["hamyar.audit-key"],
        "no scratch file is left behind"
    );

    // Over a database that holds data, even with --replace: it stays as it was.
    let before = contents(&office).await;
    let refused = hamyar(
        &office,
        None,
        &["restore", "--replace", altered.to_str().unwrap()],
    );
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert_eq!(contents(&office).await, before);
    let verified = hamyar(&office, None, &["audit", "verify"]);
    assert!(verified.status.success(), "{}", text(&verified));

    // No key at all: said, with where it was looked for, and nothing made.
    let keyless = tempfile::tempdir().unwrap();
    let keyless_url = sqlite_url(&keyless.path().join("hamyar.db"));
    let refused = hamyar(&keyless_url, None, &["restore", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));
    assert!(
        text(&refused).contains("restore needs the audit key the backup was made with")
            && text(&refused).contains("hamyar.audit-key"),
        "{}",
        text(&refused)
    );
    assert!(files_in(keyless.path()).is_empty(), "nothing was made");

    // Another office's key: named as such, not as damage.
    let other = tempfile::tempdir().unwrap();
    let other_url = sqlite_url(&other.path().join("hamyar.db"));
    assert!(hamyar(&other_url, None, &["migrate"]).status.success());
    let refused = hamyar(&other_url, None, &["restore", file.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(
        text(&refused).contains("sealed with audit key"),
        "{}",
        text(&refused)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_a_trail_or_ledger_changed_by_hand_is_written_with_a_warning_and_never_restored()
 {
    let dir = tempfile::tempdir().unwrap();
    let office = sqlite_demo(dir.path());
    tamper(
        &office,
        "DROP TRIGGER audit_log_no_update; \
         UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 5; \
         CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
    )
    .await;
    let file = dir.path().join("office.hamyar-backup");
    let made = hamyar(&office, None, &["backup", file.to_str().unwrap()]);
    let said = text(&made);
    assert_eq!(made.status.code(), Some(1), "{said}");
    assert!(said.contains("row 5 was altered"), "{said}");
    assert!(said.contains("WARNING"), "{said}");
    assert!(
        file.exists(),
        "the copy is still written: it may be the best there is"
    );

    let elsewhere = tempfile::tempdir().unwrap();
    let target_path = elsewhere.path().join("hamyar.db");
    let target = sqlite_target_with_key_of(dir.path(), &target_path);
    let refused = hamyar(&target, None, &["restore", file.to_str().unwrap()]);
    let said = text(&refused);
    assert_eq!(refused.status.code(), Some(1), "{said}");
    assert!(
        said.contains("audit trail BROKEN: row 5 was altered"),
        "{said}"
    );
    assert!(said.contains("restore FAILED"), "{said}");
    assert!(!target_path.exists(), "nothing was put in place");
    assert_eq!(files_in(elsewhere.path()), ["hamyar.audit-key"]);

    // A kept balance changed by hand: the ledger no longer adds up.
    let ledger_dir = tempfile::tempdir().unwrap();
    let ledger_office = sqlite_demo(ledger_dir.path());
    tamper(
        &ledger_office,
        "UPDATE ledger_balances SET balance_rials = balance_rials + 1000 \
         WHERE account_id = (SELECT MIN(account_id) FROM ledger_balances);",
    )
    .await;
    let ledger_file = ledger_dir.path().join("ledger.hamyar-backup");
    let made = hamyar(
        &ledger_office,
        None,
        &["backup", ledger_file.to_str().unwrap()],
    );
    assert_eq!(made.status.code(), Some(1), "{}", text(&made));
    assert!(
        text(&made).contains("ledger INCONSISTENT"),
        "{}",
        text(&made)
    );
    let target_path = elsewhere.path().join("ledger.db");
    let target = sqlite_target_with_key_of(ledger_dir.path(), &target_path);
    let refused = hamyar(&target, None, &["restore", ledger_file.to_str().unwrap()]);
    let said = text(&refused);
    assert_eq!(refused.status.code(), Some(1), "{said}");
    assert!(said.contains("ledger INCONSISTENT"), "{said}");
    assert!(!target_path.exists(), "nothing was put in place");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_a_trail_cut_short_after_its_last_anchor_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let office = sqlite_url(&dir.path().join("office.db"));
    for name in ["a.one", "a.two", "a.three", "a.four"] {
        add_user(&office, None, name);
    }
    let anchored = hamyar(&office, None, &["audit", "anchor"]);
    assert!(anchored.status.success(), "{}", text(&anchored));
    tamper(
        &office,
        "DROP TRIGGER audit_log_no_delete; \
         DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 2 FROM audit_log); \
         CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
    )
    .await;
    let file = dir.path().join("office.hamyar-backup");
    let made = hamyar(&office, None, &["backup", file.to_str().unwrap()]);
    let said = text(&made);
    assert_eq!(made.status.code(), Some(1), "{said}");
    assert!(said.contains("are missing"), "{said}");
    assert!(said.contains("WARNING"), "{said}");

    // A backup taken before the newest rows restores, and says what it does not hold.
    let fine = tempfile::tempdir().unwrap();
    let fine_office = sqlite_url(&fine.path().join("office.db"));
    add_user(&fine_office, None, "b.one");
    let early = fine.path().join("early.hamyar-backup");
    backup(&fine_office, None, &early);
    add_user(&fine_office, None, "b.two");
    let anchored = hamyar(&fine_office, None, &["audit", "anchor"]);
    assert!(anchored.status.success(), "{}", text(&anchored));
    let back = hamyar(
        &fine_office,
        None,
        &["restore", "--replace", early.to_str().unwrap()],
    );
    let said = text(&back);
    assert!(back.status.success(), "{said}");
    assert!(
        said.contains("audit rows written after the backup"),
        "{said}"
    );
    assert!(
        files_in(fine.path())
            .iter()
            .any(|name| name.starts_with("office.audit-anchors.before-restore-")),
        "{:?}",
        files_in(fine.path())
    );
    let verified = hamyar(&fine_office, None, &["audit", "verify"]);
    assert!(verified.status.success(), "{}", text(&verified));
}

/// A copy of a PostgreSQL test database's audit key in a directory of its own, so that
/// the restored database keeps its own anchor file.
fn key_copy(db: &TestDatabase, dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let key = dir.join("audit-key");
    std::fs::copy(db.audit_key_file(), &key).unwrap();
    key
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_province_moves_through_postgresql_and_on_to_sqlite() {
    let Some(source) = TestDatabase::postgres().await else {
        return;
    };
    let Some(target) = TestDatabase::postgres().await else {
        return;
    };
    let source_key = source.audit_key_file().to_owned();
    let demo = hamyar(&source.url, Some(&source_key), &["demo"]);
    assert!(demo.status.success(), "{}", text(&demo));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("national.hamyar-backup");
    let said = backup(&source.url, Some(&source_key), &file);
    assert!(said.contains("audit trail intact"), "{said}");
    let before = contents(&source.url).await;

    let target_key = key_copy(&source, &dir.path().join("target-key"));
    let done = hamyar(
        &target.url,
        Some(&target_key),
        &["restore", file.to_str().unwrap()],
    );
    assert!(done.status.success(), "{}", text(&done));
    assert_eq!(contents(&target.url).await, before);
    let verified = hamyar(&target.url, Some(&target_key), &["audit", "verify"]);
    assert!(verified.status.success(), "{}", text(&verified));
    assert_new_ids_follow_the_restored_ones(&target.url, Some(&target_key)).await;
    let target_now = contents(&target.url).await;

    // Refuses to overwrite without --replace; a damaged file with --replace changes nothing.
    let refused = hamyar(
        &target.url,
        Some(&target_key),
        &["restore", file.to_str().unwrap()],
    );
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));
    let mut damaged = std::fs::read_to_string(&file).unwrap();
    let at = damaged.find("\"rows_of\":\"women\"").unwrap();
    let row = at + damaged[at..].find('\n').unwrap() + 1;
    damaged.replace_range(row + 1..row + 2, "9");
    let damaged_file = dir.path().join("damaged.hamyar-backup");
    std::fs::write(&damaged_file, damaged).unwrap();
    let refused = hamyar(
        &target.url,
        Some(&target_key),
        &["restore", "--replace", damaged_file.to_str().unwrap()],
    );
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(
        text(&refused).contains("damaged or was altered"),
        "{}",
        text(&refused)
    );
    assert_eq!(contents(&target.url).await, target_now);

    // --replace with a good backup: replaced in place, still verified.
    let replaced = hamyar(
        &target.url,
        Some(&target_key),
        &["restore", "--replace", file.to_str().unwrap()],
    );
    assert!(replaced.status.success(), "{}", text(&replaced));
    assert_eq!(contents(&target.url).await, before);

    // The same backup into a SQLite file: an office moving between engines.
    let sqlite_dir = tempfile::tempdir().unwrap();
    let sqlite_path = sqlite_dir.path().join("hamyar.db");
    std::fs::copy(&source_key, sqlite_dir.path().join("hamyar.audit-key")).unwrap();
    let sqlite = sqlite_url(&sqlite_path);
    let moved = hamyar(&sqlite, None, &["restore", file.to_str().unwrap()]);
    assert!(moved.status.success(), "{}", text(&moved));
    assert_eq!(contents(&sqlite).await, before);
    for check in [&["ledger", "verify"][..], &["audit", "verify"][..]] {
        let verified = hamyar(&sqlite, None, check);
        assert!(verified.status.success(), "{}", text(&verified));
    }
}
