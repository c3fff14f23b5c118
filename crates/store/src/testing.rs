//! Throwaway databases for tests, in this crate and in every crate above it. Each test gets
//! its own freshly migrated database, so tests never see each other's rows and can run in
//! parallel; the database is removed when the value is dropped.
//!
//! SQLite databases are files in a new directory under the system temp dir. PostgreSQL
//! databases are created on the server named by `HAMYAR_TEST_POSTGRES_URL` (an admin URL such
//! as `postgres://postgres@127.0.0.1:5432/postgres`). When that variable is unset the
//! PostgreSQL half of a suite is skipped — and says so once on the real stderr, so a skipped
//! run never looks like a passing one; when it is set but the server cannot be reached, the
//! test panics, because CI that configured PostgreSQL must fail rather than skip.
//!
//! Migrating takes longer than most tests, so a test process migrates once and copies the
//! result. For SQLite it migrates a template file on first use, checkpoints its write-ahead
//! log, keeps the file's bytes and writes them as each test's database. For PostgreSQL the
//! template is a database on the server, `hamyar_template_<hash of the migrations>`, shared
//! by every test process that has the same migrations (a changed migration makes a new
//! one), and each test's database is `CREATE DATABASE … TEMPLATE` it. Test processes race to
//! make it: each migrates one under a random name and renames it; a loser drops its own.
//! Templates are migrated without an audit key, so a migration that sealed audit rows would
//! fail there instead of leaving rows that a test's own key could not verify.
//!
//! Each database comes with an audit key, as `hamyar` gives one at start, in a key file:
//! for SQLite beside the database (`hamyar.audit-key`, where the binary looks for it, so a
//! test may run the binary on the same file), for PostgreSQL in a temporary directory of
//! its own. A test that opens the database again (a child process) reads the key from
//! [`TestDatabase::audit_key_file`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Once, OnceLock};
use std::time::{Duration, Instant};

use hamyar_app::audit::AuditKey;
use hamyar_app::ports::{Backend, Database};
use sqlx::{AnyConnection, Connection, Executor};

use crate::connect::{AnyStore, ConnectSettings, POSTGRES_MIGRATIONS, connect};

/// The environment variable holding the PostgreSQL admin URL for tests.
pub const POSTGRES_URL_VAR: &str = "HAMYAR_TEST_POSTGRES_URL";

/// Per-test pools stay small: many tests run at once against one server.
const POSTGRES_TEST_CONNECTIONS: u32 = 5;

static POSTGRES_SKIP_NOTICE: Once = Once::new();

/// The migrated SQLite template's bytes, made on first use in this process.
static SQLITE_TEMPLATE: OnceLock<Vec<u8>> = OnceLock::new();

/// The name of the PostgreSQL template database, made sure of once in this process.
static POSTGRES_TEMPLATE: OnceLock<String> = OnceLock::new();

/// How long a test waits for the PostgreSQL template to be free of other sessions.
const TEMPLATE_BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// A migrated database that exists for the life of this value.
#[derive(Debug)]
pub struct TestDatabase {
    pub store: Arc<AnyStore>,
    /// The URL the store was opened with, for tests that open a second connection.
    pub url: String,
    audit_key_file: PathBuf,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    SqliteDirectory(PathBuf),
    PostgresDatabase {
        admin_url: String,
        name: String,
        key_directory: PathBuf,
    },
}

impl TestDatabase {
    /// A migrated SQLite database in a fresh temporary directory: a copy of the template
    /// this process migrated on first use.
    pub async fn sqlite() -> TestDatabase {
        let directory = scratch_directory();
        let file = directory.join("hamyar.db");
        let url = format!("sqlite:{}", file.display());
        let audit_key_file = directory.join("hamyar.audit-key");
        let template = SQLITE_TEMPLATE.get_or_init(|| on_own_runtime(sqlite_template()));
        std::fs::write(&file, template)
            .unwrap_or_else(|error| panic!("cannot write {}: {error}", file.display()));
        let store = open_with_key(&url, &ConnectSettings::default(), &audit_key_file).await;
        TestDatabase {
            store,
            url,
            audit_key_file,
            cleanup: Cleanup::SqliteDirectory(directory),
        }
    }

    /// A migrated database of its own on the configured PostgreSQL server (a copy of the
    /// template of these migrations), or `None` when [`POSTGRES_URL_VAR`] is not set.
    pub async fn postgres() -> Option<TestDatabase> {
        let Some(admin_url) = std::env::var(POSTGRES_URL_VAR)
            .ok()
            .filter(|url| !url.is_empty())
        else {
            POSTGRES_SKIP_NOTICE.call_once(|| {
                // Straight to the process's stderr: the test harness captures `eprintln!`.
                let _ = writeln!(
                    std::io::stderr(),
                    "PostgreSQL suite skipped: {POSTGRES_URL_VAR} is not set"
                );
            });
            return None;
        };
        let template = POSTGRES_TEMPLATE.get_or_init(|| {
            let admin_url = admin_url.clone();
            on_own_runtime(async move { postgres_template(&admin_url).await })
        });
        let name = format!("hamyar_test_{}", random_suffix());
        create_from_template(&admin_url, &name, template).await;
        let url = database_url(&admin_url, &name);
        let settings = ConnectSettings {
            max_connections: Some(POSTGRES_TEST_CONNECTIONS),
            ..ConnectSettings::default()
        };
        let key_directory = scratch_directory();
        let audit_key_file = key_directory.join("audit-key");
        let store = open_with_key(&url, &settings, &audit_key_file).await;
        Some(TestDatabase {
            store,
            url,
            audit_key_file,
            cleanup: Cleanup::PostgresDatabase {
                admin_url,
                name,
                key_directory,
            },
        })
    }

    pub fn backend(&self) -> Backend {
        self.store.backend()
    }

    /// The file holding the key that seals this database's audit rows.
    pub fn audit_key_file(&self) -> &Path {
        &self.audit_key_file
    }

    /// The key that seals this database's audit rows.
    pub fn audit_key(&self) -> AuditKey {
        self.store
            .audit_key()
            .cloned()
            .expect("test databases have an audit key")
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::SqliteDirectory(directory) => remove_directory(directory),
            Cleanup::PostgresDatabase {
                admin_url,
                name,
                key_directory,
            } => {
                drop_postgres_database(admin_url.clone(), name.clone());
                remove_directory(key_directory);
            }
        }
    }
}

/// The audit key for a database a benchmark or tool opens itself: for a SQLite file the key
/// beside it (made when missing, as `hamyar` does), so runs that reuse the file agree; for
/// anything else a new key.
pub fn tool_audit_key(url: &str) -> AuditKey {
    match crate::connect::sqlite_file(url) {
        Some(database) => {
            AuditKey::read_or_create_file(&database.with_extension("audit-key"))
                .unwrap_or_else(|error| panic!("cannot read or make the audit key: {error}"))
                .0
        }
        None => AuditKey::generate(),
    }
}

fn scratch_directory() -> PathBuf {
    let directory = std::env::temp_dir().join(format!("hamyar-test-{}", random_suffix()));
    std::fs::create_dir_all(&directory)
        .unwrap_or_else(|error| panic!("cannot create {}: {error}", directory.display()));
    directory
}

fn remove_directory(directory: &Path) {
    if let Err(error) = std::fs::remove_dir_all(directory) {
        warn(&format!(
            "could not remove {}: {error}",
            directory.display()
        ));
    }
}

/// Opens a database copied from a template, with a new audit key in `key_file`.
async fn open_with_key(url: &str, settings: &ConnectSettings, key_file: &Path) -> Arc<AnyStore> {
    let key = AuditKey::create_file(key_file)
        .unwrap_or_else(|error| panic!("cannot create the test audit key: {error}"));
    let store = connect(url, settings)
        .await
        .unwrap_or_else(|error| panic!("cannot open the test database: {error}"))
        .with_audit_key(key);
    Arc::new(store)
}

/// Runs `work` to completion on a thread of its own with its own runtime, so that it works
/// from any test's runtime (a current-thread one included) and leaves nothing behind on it:
/// the pools it opens are closed before it returns.
fn on_own_runtime<T: Send + 'static>(
    work: impl std::future::Future<Output = T> + Send + 'static,
) -> T {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime for the test template")
            .block_on(work)
    })
    .join()
    .unwrap_or_else(|_| panic!("making the test template failed (see the panic above)"))
}

/// Migrates a SQLite file in a directory of its own and returns its bytes: the log is
/// checkpointed into the file and the pool closed first, so the file alone is the database.
async fn sqlite_template() -> Vec<u8> {
    let directory = scratch_directory();
    let file = directory.join("hamyar.db");
    let store = connect(
        &format!("sqlite:{}", file.display()),
        &ConnectSettings::default(),
    )
    .await
    .unwrap_or_else(|error| panic!("cannot open the SQLite test template: {error}"));
    store
        .migrate()
        .await
        .unwrap_or_else(|error| panic!("cannot migrate the SQLite test template: {error}"));
    store
        .pool
        .execute("PRAGMA wal_checkpoint(TRUNCATE)")
        .await
        .unwrap_or_else(|error| panic!("cannot checkpoint the SQLite test template: {error}"));
    store.pool.close().await;
    let log = std::fs::metadata(directory.join("hamyar.db-wal")).map_or(0, |meta| meta.len());
    assert_eq!(
        log, 0,
        "the SQLite test template's log was not checkpointed"
    );
    let bytes = std::fs::read(&file)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()));
    remove_directory(&directory);
    bytes
}

/// The name of the PostgreSQL template for these migrations, made if the server lacks it.
async fn postgres_template(admin_url: &str) -> String {
    let name = format!("hamyar_template_{:016x}", migrations_hash());
    let exists = database_exists(admin_url, &name)
        .await
        .unwrap_or_else(|error| {
            panic!("{POSTGRES_URL_VAR} is set but the server cannot be asked: {error}")
        });
    if exists {
        return name;
    }
    // Made under a name of its own and renamed once complete, so that the final name only
    // ever names a migrated template, whichever of several racing test processes wins.
    let building = format!("hamyar_template_build_{}", random_suffix());
    admin(admin_url, &format!("CREATE DATABASE {building}")).await;
    let store = connect(
        &database_url(admin_url, &building),
        &ConnectSettings {
            max_connections: Some(1),
            ..ConnectSettings::default()
        },
    )
    .await
    .unwrap_or_else(|error| panic!("cannot open the PostgreSQL test template: {error}"));
    store
        .migrate()
        .await
        .unwrap_or_else(|error| panic!("cannot migrate the PostgreSQL test template: {error}"));
    store.pool.close().await;
    // Nobody connects to a template by mistake: a session on it would stop every copy.
    admin(
        admin_url,
        &format!("ALTER DATABASE {building} WITH ALLOW_CONNECTIONS false"),
    )
    .await;
    let rename = format!("ALTER DATABASE {building} RENAME TO {name}");
    match run_admin_when_free(admin_url, &rename).await {
        Ok(()) => {}
        Err(error) if has_sqlstate(&error, "42P04") => {
            // Another test process made it first (duplicate_database): use theirs.
            admin(admin_url, &format!("DROP DATABASE {building} WITH (FORCE)")).await;
        }
        Err(error) => panic!("cannot name the PostgreSQL test template: {error}"),
    }
    name
}

/// Copies the template into a new database `name`.
async fn create_from_template(admin_url: &str, name: &str, template: &str) {
    let statement = format!("CREATE DATABASE {name} TEMPLATE {template}");
    run_admin_when_free(admin_url, &statement)
        .await
        .unwrap_or_else(|error| {
            panic!("{POSTGRES_URL_VAR} is set but the test database cannot be created: {error}")
        });
}

/// Runs a statement that PostgreSQL refuses while another session is on the database it
/// copies or renames (object_in_use: "… is being accessed by other users"), retrying that
/// refusal for a while: a closed pool's sessions end on the server a moment after the pool
/// closes, and a racing process may still be on its own template.
async fn run_admin_when_free(admin_url: &str, statement: &str) -> Result<(), sqlx::Error> {
    let deadline = Instant::now() + TEMPLATE_BUSY_TIMEOUT;
    loop {
        match run_admin(admin_url, statement).await {
            Err(error) if has_sqlstate(&error, "55006") && Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            result => return result,
        }
    }
}

/// A hash of the PostgreSQL migrations (versions and checksums), naming their template.
/// FNV-1a, written out because it must be the same in every process and every build.
fn migrations_hash() -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for migration in POSTGRES_MIGRATIONS.iter() {
        let version = migration.version.to_le_bytes();
        for byte in version.iter().chain(migration.checksum.iter()) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

async fn database_exists(admin_url: &str, name: &str) -> Result<bool, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let mut connection = AnyConnection::connect(admin_url).await?;
    let found: Option<i32> = sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(name)
        .fetch_optional(&mut connection)
        .await?;
    connection.close().await?;
    Ok(found.is_some())
}

/// [`run_admin`] for statements that must succeed.
async fn admin(admin_url: &str, statement: &str) {
    run_admin(admin_url, statement)
        .await
        .unwrap_or_else(|error| panic!("{statement}: {error}"));
}

/// Whether `error` is the database's error with this SQLSTATE.
fn has_sqlstate(error: &sqlx::Error, code: &str) -> bool {
    matches!(error, sqlx::Error::Database(error) if error.code().as_deref() == Some(code))
}

/// Drops the database from a thread of its own with its own runtime: `Drop` cannot await,
/// and it usually runs inside a `#[tokio::test]` runtime, which must not be blocked on.
/// `WITH (FORCE)` ends the store's connections that are still open.
fn drop_postgres_database(admin_url: String, name: String) {
    let worker = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|error| error.to_string())?;
        let statement = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        runtime.block_on(run_admin_statement(&admin_url, &statement))
    });
    match worker.join() {
        Ok(Ok(())) => {}
        Ok(Err(error)) => warn(&format!("could not drop a test database: {error}")),
        Err(_) => warn("the thread dropping a test database panicked"),
    }
}

/// Runs one statement over a short-lived admin connection. Only ever given statements built
/// from constants and the random database name, never from input.
async fn run_admin_statement(admin_url: &str, statement: &str) -> Result<(), String> {
    run_admin(admin_url, statement)
        .await
        .map_err(|error| format!("cannot run it with {POSTGRES_URL_VAR}: {error}"))
}

/// [`run_admin_statement`] keeping the database's error, whose SQLSTATE a caller may read.
async fn run_admin(admin_url: &str, statement: &str) -> Result<(), sqlx::Error> {
    sqlx::any::install_default_drivers();
    let mut admin = AnyConnection::connect(admin_url).await?;
    admin
        .execute(sqlx::AssertSqlSafe(statement.to_owned()))
        .await?;
    admin.close().await
}

/// The admin URL with its database replaced by `name`, keeping host, user and options.
fn database_url(admin_url: &str, name: &str) -> String {
    let mut url = url::Url::parse(admin_url)
        .unwrap_or_else(|error| panic!("{POSTGRES_URL_VAR} is not a URL: {error}"));
    url.set_path(&format!("/{name}"));
    url.into()
}

fn random_suffix() -> String {
    format!("{:016x}", rand::random::<u64>())
}

fn warn(message: &str) {
    let _ = writeln!(std::io::stderr(), "hamyar-store testing: {message}");
}

/// Runs each named contract test — an `async fn(&TestDatabase)` defined beside the call —
/// once on a fresh SQLite database and once on a fresh PostgreSQL one (skipped, with the
/// notice [`TestDatabase::postgres`] prints, when [`POSTGRES_URL_VAR`] is unset). Every
/// storage behaviour is tested on both engines with one suite; this is that suite's runner:
///
/// ```ignore
/// async fn a_user_can_be_read_back(db: &TestDatabase) { /* … */ }
/// hamyar_store::on_both_databases!(a_user_can_be_read_back);
/// ```
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = $crate::testing::TestDatabase::sqlite().await;
                    super::$name(&db).await;
                }
            )*
        }

        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = $crate::testing::TestDatabase::postgres().await else {
                        return;
                    };
                    super::$name(&db).await;
                }
            )*
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_database_replaces_only_the_path() {
        assert_eq!(
            database_url(
                "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable",
                "t1"
            ),
            "postgres://postgres@127.0.0.1:5432/t1?sslmode=disable"
        );
        assert_eq!(
            database_url("postgresql://u:p@db/", "t2"),
            "postgresql://u:p@db/t2"
        );
    }
}
