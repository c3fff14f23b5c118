//! Opening a store: picking the backend from the URL scheme, configuring the pool for it
//! (SQLite needs its pragmas set on every new connection, because they are per-connection
//! state), and running the embedded migrations of that backend. Everything that differs
//! between "a file next to the binary" and "a PostgreSQL server" at start-up lives here.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use hamyar_app::audit::AuditKey;
use hamyar_app::ports::{Backend, StoreError, StoreResult};
use sqlx::AnyPool;
use sqlx::Executor;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;

use crate::dashboard::tallies;
use crate::error::store_error;
use tokio::sync::Mutex;

pub(crate) static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
pub(crate) static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// Pragmas applied to every SQLite connection as it is opened. `busy_timeout` comes first so
/// that switching the journal mode waits for other connections instead of failing.
/// `page_size` takes effect only on a database not yet written (the first connection to a new
/// file, before the journal mode is recorded); an existing file keeps its page size. 8 KiB
/// pages halve the number of write-ahead-log frames and system calls of SQLite's 4 KiB
/// default: a million-row import went from 18.7–21.7 s to 16.1–16.3 s.
/// The page cache (`cache_size`) is set separately: see [`ConnectSettings::sqlite_cache_mib`].
const SQLITE_PRAGMAS: [&str; 5] = [
    "PRAGMA busy_timeout = 5000",
    "PRAGMA page_size = 8192",
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = NORMAL",
];

/// The page cache of a connection while it imports: the registry's indexes over a million
/// women are hundreds of MiB, and with a small cache a large import spends most of its time
/// spilling pages to the write-ahead log and reading them back (measured: about three times
/// slower with 2 MiB than with this). A bulk load lowers it while it rebuilds indexes.
pub(crate) const SQLITE_IMPORT_CACHE: &str = "PRAGMA cache_size = -65536";

/// The page cache of every pooled SQLite connection unless configured, in MiB.
pub const DEFAULT_SQLITE_CACHE_MIB: u32 = 4;

/// Pooled SQLite connections unless configured: the web app works on one page per core at
/// once, and imports, exports, `/healthz` and the server's own tasks need a few more.
pub const DEFAULT_SQLITE_CONNECTIONS: u32 = 8;

/// Tuning that the operator may set; everything else has a fixed, tested value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConnectSettings {
    /// Upper bound on pooled connections: [`DEFAULT_SQLITE_CONNECTIONS`] for SQLite and the
    /// sqlx default (10) for PostgreSQL when `None`.
    pub max_connections: Option<u32>,
    /// SQLite's page cache per pooled connection, in MiB ([`DEFAULT_SQLITE_CACHE_MIB`] when
    /// `None`). Each connection keeps up to this much of the file in memory, so a server's
    /// resident memory grows by about this times the pool size: 64 MiB per connection took a
    /// server serving 100 users at national scale to 746 MB (docs/BENCHMARKS.md). Reads that miss it are served
    /// from the operating system's file cache. An import raises its own connection's cache
    /// for its duration, and every connection gets this back when it returns to the pool.
    pub sqlite_cache_mib: Option<u32>,
}

/// The statement that sets a pooled connection's page cache (negative: KiB).
fn sqlite_cache_pragma(settings: &ConnectSettings) -> String {
    let mib = settings
        .sqlite_cache_mib
        .unwrap_or(DEFAULT_SQLITE_CACHE_MIB)
        .max(1);
    format!("PRAGMA cache_size = -{}", u64::from(mib) * 1024)
}

/// A pool of connections to one SQLite or PostgreSQL database, implementing
/// [`hamyar_app::ports::Database`].
#[derive(Debug)]
pub struct AnyStore {
    pub(crate) pool: AnyPool,
    pub(crate) backend: Backend,
    /// SQLite allows one writer at a time; writers queue on this lock inside the process
    /// instead of racing for the file lock and failing with "database is locked".
    pub(crate) write_lock: Arc<Mutex<()>>,
    /// Seals the audit rows appended through this store ([`AnyStore::with_audit_key`]).
    pub(crate) audit_key: Option<Arc<AuditKey>>,
    /// SQLite: a connection taken out of the pool that never writes, whose `data_version`
    /// changes whenever another connection commits (`Database::data_version`).
    pub(crate) watch: Arc<Mutex<Option<sqlx::AnyConnection>>>,
    /// An in-memory SQLite database has one connection, which cannot be spared to watch.
    pub(crate) in_memory: bool,
}

/// Connects to `url`, choosing the backend from its scheme: `sqlite:`, `postgres:` or
/// `postgresql:`. A SQLite file is created when missing (unless the URL sets a `mode`).
pub async fn connect(url: &str, settings: &ConnectSettings) -> Result<AnyStore, StoreError> {
    sqlx::any::install_default_drivers();
    let backend = backend_of(url)?;
    let pool = match backend {
        Backend::Sqlite => connect_sqlite(url, settings).await?,
        Backend::Postgres => {
            let mut options = AnyPoolOptions::new();
            if let Some(max) = settings.max_connections {
                options = options.max_connections(max);
            }
            options.connect(url).await.map_err(connect_error)?
        }
    };
    Ok(AnyStore {
        pool,
        backend,
        write_lock: Arc::new(Mutex::new(())),
        audit_key: None,
        watch: Arc::new(Mutex::new(None)),
        in_memory: backend == Backend::Sqlite && is_in_memory(url),
    })
}

impl AnyStore {
    /// The store with the key that seals its audit rows. The key lives outside the
    /// database (a file, or the configuration); without it appending to the trail fails.
    pub fn with_audit_key(mut self, key: AuditKey) -> Self {
        self.audit_key = Some(Arc::new(key));
        self
    }

    /// Which engine this store talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies the embedded migrations of this backend that the database has not seen yet,
    /// then builds the dashboards' tallies if this database has never had them (one from
    /// before migration 0014), and the fund journal's if its lines have none (one from before
    /// migration 0035). Running it again is harmless.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        {
            // Migrations write; on SQLite they queue behind in-process writers like any other.
            let _writer = self.write_lock.lock().await;
            migrator
                .run(&self.pool)
                .await
                .map_err(|error| StoreError::Database(format!("migration failed: {error}")))?;
        }
        let mut tx = self.begin_write().await?;
        if !tallies::are_built(&mut tx.tx).await? {
            crate::ledger::periods::rebuild(&mut tx.tx).await?;
            tallies::rebuild(&mut tx.tx, self.backend).await?;
        }
        if crate::fund::tally::need_rebuild(&mut tx.tx).await? {
            crate::fund::tally::rebuild(&mut tx.tx).await?;
        }
        tx.tx.commit().await.map_err(store_error)
    }

    /// Makes the dashboards' events and tallies again from the groups' and women's rows, the
    /// ledger accounts' months and days from their postings, and the fund journal's months
    /// and days from its lines, in one write transaction: for rows
    /// loaded in bulk without the use-cases (benchmarks, tests) or to repair them. The
    /// use-cases keep them up to date themselves.
    pub async fn rebuild_dashboard_tallies(&self) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        crate::ledger::periods::rebuild(&mut tx.tx).await?;
        tallies::rebuild(&mut tx.tx, self.backend).await?;
        crate::fund::tally::rebuild(&mut tx.tx).await?;
        tx.tx.commit().await.map_err(store_error)
    }
}

/// Reads the scheme without echoing the rest of the URL, which may carry a password.
fn backend_of(url: &str) -> StoreResult<Backend> {
    let scheme = url.split_once(':').map(|(scheme, _)| scheme).unwrap_or("");
    match scheme.to_ascii_lowercase().as_str() {
        "sqlite" => Ok(Backend::Sqlite),
        "postgres" | "postgresql" => Ok(Backend::Postgres),
        _ => Err(StoreError::Database(format!(
            "unsupported database URL scheme {scheme:?}: use sqlite:, postgres: or postgresql:"
        ))),
    }
}

async fn connect_sqlite(url: &str, settings: &ConnectSettings) -> StoreResult<AnyPool> {
    let in_memory = is_in_memory(url);
    let cache = Arc::new(sqlite_cache_pragma(settings));
    let on_release = cache.clone();
    let mut options = AnyPoolOptions::new()
        .after_connect(move |connection, _metadata| {
            let cache = cache.clone();
            Box::pin(async move {
                for pragma in SQLITE_PRAGMAS {
                    connection.execute(pragma).await?;
                }
                connection
                    .execute(sqlx::AssertSqlSafe(cache.as_str()))
                    .await?;
                Ok(())
            })
        })
        .after_release(move |connection, _metadata| {
            // An import may have widened this connection's cache; shrinking it frees the
            // pages above the limit at once.
            let cache = on_release.clone();
            Box::pin(async move {
                connection
                    .execute(sqlx::AssertSqlSafe(cache.as_str()))
                    .await?;
                Ok(true)
            })
        });
    if in_memory {
        // An in-memory database lives exactly as long as its connections and is private to
        // each one, so keep a single connection open for the life of the pool.
        options = options
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None);
    } else {
        options = options.max_connections(
            settings
                .max_connections
                .unwrap_or(DEFAULT_SQLITE_CONNECTIONS),
        );
    }
    options
        .connect(&with_create_mode(url))
        .await
        .map_err(connect_error)
}

/// The file of a SQLite URL (`sqlite://hamyar.db` → `hamyar.db`), where the audit key and
/// anchors are kept beside it; `None` for PostgreSQL and in-memory databases.
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    if backend_of(url).ok()? != Backend::Sqlite || is_in_memory(url) {
        return None;
    }
    let options = SqliteConnectOptions::from_str(url).ok()?;
    Some(options.get_filename().to_owned())
}

fn is_in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// Adds `mode=rwc` (create the file if missing) unless the URL already chose a mode.
fn with_create_mode(url: &str) -> String {
    match url.split_once('?') {
        Some((_, query)) if query.split('&').any(|pair| pair.starts_with("mode=")) => {
            url.to_owned()
        }
        Some(_) => format!("{url}&mode=rwc"),
        None => format!("{url}?mode=rwc"),
    }
}

fn connect_error(error: sqlx::Error) -> StoreError {
    StoreError::Database(format!("cannot connect: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_of_a_sqlite_url_is_found_in_each_spelling() {
        for url in [
            "sqlite://hamyar.db",
            "sqlite:hamyar.db",
            "sqlite://hamyar.db?mode=rwc",
        ] {
            assert_eq!(sqlite_file(url), Some(PathBuf::from("hamyar.db")), "{url}");
        }
        assert_eq!(
            sqlite_file("sqlite:///var/lib/hamyar/hamyar.db"),
            Some(PathBuf::from("/var/lib/hamyar/hamyar.db"))
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://h/db"), None);
    }

    #[test]
    fn the_scheme_chooses_the_backend() {
        assert_eq!(backend_of("sqlite:hamyar.db").ok(), Some(Backend::Sqlite));
        assert_eq!(backend_of("sqlite::memory:").ok(), Some(Backend::Sqlite));
        assert_eq!(backend_of("postgres://h/db").ok(), Some(Backend::Postgres));
        assert_eq!(
            backend_of("PostgreSQL://h/db").ok(),
            Some(Backend::Postgres)
        );
    }

    #[test]
    fn an_unknown_scheme_names_the_accepted_ones_but_not_the_url() {
        let message = backend_of("mysql://user:secret@host/db")
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("sqlite:, postgres: or postgresql:"),
            "{message}"
        );
        assert!(!message.contains("secret"), "{message}");
    }

    #[test]
    fn a_sqlite_url_gets_create_mode_unless_it_has_a_mode() {
        assert_eq!(with_create_mode("sqlite:a.db"), "sqlite:a.db?mode=rwc");
        assert_eq!(
            with_create_mode("sqlite:a.db?cache=private"),
            "sqlite:a.db?cache=private&mode=rwc"
        );
        assert_eq!(
            with_create_mode("sqlite:a.db?mode=ro"),
            "sqlite:a.db?mode=ro"
        );
    }
}
