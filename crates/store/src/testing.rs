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
//! Each database comes with an audit key, as `hamyar` gives one at start, in a key file:
//! for SQLite beside the database (`hamyar.audit-key`, where the binary looks for it, so a
//! test may run the binary on the same file), for PostgreSQL in a temporary directory of
//! its own. A test that opens the database again (a child process) reads the key from
//! [`TestDatabase::audit_key_file`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Once};

use hamyar_app::audit::AuditKey;
use hamyar_app::ports::{Backend, Database};
use sqlx::{AnyConnection, Connection, Executor};

use crate::connect::{AnyStore, ConnectSettings, connect};

/// The environment variable holding the PostgreSQL admin URL for tests.
pub const POSTGRES_URL_VAR: &str = "HAMYAR_TEST_POSTGRES_URL";

/// Per-test pools stay small: many tests run at once against one server.
const POSTGRES_TEST_CONNECTIONS: u32 = 5;

static POSTGRES_SKIP_NOTICE: Once = Once::new();

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
    /// A migrated SQLite database in a fresh temporary directory.
    pub async fn sqlite() -> TestDatabase {
        let directory = scratch_directory();
        let url = format!("sqlite:{}", directory.join("hamyar.db").display());
        let audit_key_file = directory.join("hamyar.audit-key");
        let store = open_migrated(&url, &ConnectSettings::default(), &audit_key_file).await;
        TestDatabase {
            store,
            url,
            audit_key_file,
            cleanup: Cleanup::SqliteDirectory(directory),
        }
    }

    /// A migrated database of its own on the configured PostgreSQL server, or `None` when
    /// [`POSTGRES_URL_VAR`] is not set.
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
        let name = format!("hamyar_test_{}", random_suffix());
        run_admin_statement(&admin_url, &format!("CREATE DATABASE {name}"))
            .await
            .unwrap_or_else(|error| {
                panic!("{POSTGRES_URL_VAR} is set but the test database cannot be created: {error}")
            });
        let url = database_url(&admin_url, &name);
        let settings = ConnectSettings {
            max_connections: Some(POSTGRES_TEST_CONNECTIONS),
            ..ConnectSettings::default()
        };
        let key_directory = scratch_directory();
        let audit_key_file = key_directory.join("audit-key");
        let store = open_migrated(&url, &settings, &audit_key_file).await;
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

async fn open_migrated(url: &str, settings: &ConnectSettings, key_file: &Path) -> Arc<AnyStore> {
    let key = AuditKey::create_file(key_file)
        .unwrap_or_else(|error| panic!("cannot create the test audit key: {error}"));
    let store = connect(url, settings)
        .await
        .unwrap_or_else(|error| panic!("cannot open the test database: {error}"))
        .with_audit_key(key);
    store
        .migrate()
        .await
        .unwrap_or_else(|error| panic!("cannot migrate the test database: {error}"));
    Arc::new(store)
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
    sqlx::any::install_default_drivers();
    let mut admin = AnyConnection::connect(admin_url)
        .await
        .map_err(|error| format!("cannot connect with {POSTGRES_URL_VAR}: {error}"))?;
    admin
        .execute(sqlx::AssertSqlSafe(statement.to_owned()))
        .await
        .map_err(|error| error.to_string())?;
    admin.close().await.map_err(|error| error.to_string())
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
