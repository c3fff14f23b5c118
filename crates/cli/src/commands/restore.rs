//! `hamyar restore FILE [--replace]`: load a backup made by `hamyar backup` (on either
//! engine) into the configured database, and report success only for a database that
//! verifies. In order:
//!
//! 1. the audit key the backup was made with must be configured (it sealed the file and the
//!    trail); the file is read whole and its seal, layout and counts checked — nothing is
//!    touched yet;
//! 2. the backup's migrations must be this Hamyar's; a database that holds data is replaced
//!    only with `--replace`;
//! 3. the rows are loaded inside one transaction, and in that same transaction the ledger is
//!    recomputed and the audit trail's chain walked against the anchor file; only when both
//!    verify is the restore recorded in the trail (`database.restore`, naming the backup) and
//!    committed. SQLite restores into a new file beside the database, moved into
//!    place only after it verified (the file it replaces is kept beside it); PostgreSQL
//!    restores in place, where a transaction that does not commit leaves everything as it
//!    was;
//! 4. the trail's head is anchored. If the anchor file shows the trail went further than the
//!    backup (rows written after it was made), the restore says how many rows are not in
//!    the backup and moves that anchor file aside, so that later checks compare against the
//!    restored trail.
//!
//! The checks of step 3 are also what `hamyar backup` runs on the snapshot it copies.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use hamyar_app::Actor;
use hamyar_app::audit::anchor::AnchorWhen;
use hamyar_app::audit::{AnchorProblem, AuditKey, VerifyReport, verify_audit_in};
use hamyar_app::ledger::LedgerVerifyReport;
use hamyar_app::ports::ledger::LedgerRepo;
use hamyar_app::ports::{AuditRepo, Backend, Database, NewAuditRow};
use hamyar_store::backup::{
    ArchiveInfo, BackupError, check_archive, clear_for_restore, expected_migrations, load_archive,
};
use hamyar_store::{AnyStore, AnyTx, ConnectSettings};

use crate::audit_trail::{self, KeyUse};
use crate::commands::{audit, ledger};
use crate::config::{Config, redact_url};
use crate::runtime;

/// What the ledger and the audit trail said inside one transaction.
pub(crate) struct Checks {
    pub ledger: LedgerVerifyReport,
    pub audit: VerifyReport,
}

/// Verifies the ledger and the audit trail in `tx` (the snapshot a backup copies, or the
/// rows a restore loaded), with `key` and the anchor file `anchor_file`.
pub(crate) async fn verify_in(
    tx: &mut AnyTx,
    key: &AuditKey,
    anchor_file: Option<&Path>,
) -> anyhow::Result<Checks> {
    let check = tx.check_ledger().await?;
    let guard_installed = tx.ledger_guard_installed().await?;
    let audit = verify_audit_in(tx, Some(key.clone()), anchor_file).await?;
    Ok(Checks {
        ledger: LedgerVerifyReport {
            check,
            guard_installed,
        },
        audit,
    })
}

/// How anchors ahead of the trail are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AnchorsAhead {
    /// A backup's snapshot taken at this instant: the server may append rows and anchor
    /// them while the backup runs, so an anchor ahead of the snapshot made at or after it
    /// is expected; one made before it means rows are missing, and the check fails.
    AfterSnapshot(jiff::Timestamp),
    /// A restore of an older backup: the rows written after it are not in it. Said, and
    /// not a failure.
    Expected,
}

/// What [`print_checks`] concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub verified: bool,
    /// The anchor file records rows past the end of the trail.
    pub anchors_ahead: bool,
}

/// Prints what the checks found, as `hamyar ledger verify` and `hamyar audit verify` say
/// it, and whether everything verified.
pub(crate) fn print_checks(
    checks: &Checks,
    anchor_file: Option<&Path>,
    key_file: Option<&Path>,
    ahead: AnchorsAhead,
) -> Verdict {
    let ledger_ok = ledger::print_report(&checks.ledger) == ExitCode::SUCCESS;
    let report = &checks.audit;
    let mut audit_ok = report.first_break.is_none() && report.guard_installed;
    let mut anchors_ahead = false;
    if !report.guard_installed {
        outln!(
            "the database does not refuse UPDATE/DELETE on audit_log (its append-only triggers are missing)"
        );
    }
    if let Some(broken) = &report.first_break {
        outln!("{}", audit::break_message(broken, report, key_file));
    }
    for problem in &report.anchor_problems {
        match (problem, ahead) {
            (
                AnchorProblem::RowsMissing {
                    last_seq,
                    anchor,
                    file,
                    ..
                },
                AnchorsAhead::Expected,
            ) => {
                anchors_ahead = true;
                outln!(
                    "note: the backup's audit trail ends at row {last_seq}, but {} shows the trail had reached row {} on {}: the {} audit rows written after the backup was made are not in it, and neither is anything else done since",
                    file.display(),
                    anchor.seq,
                    anchor.at,
                    anchor.seq - last_seq
                );
            }
            (AnchorProblem::RowsMissing { anchor, .. }, AnchorsAhead::AfterSnapshot(taken))
                if anchor
                    .at
                    .parse::<jiff::Timestamp>()
                    .is_ok_and(|at| at >= taken) => {}
            (AnchorProblem::FileMissing { file }, AnchorsAhead::Expected) => {
                outln!(
                    "note: there is no anchor file at {} yet; it will be written from the restored trail",
                    file.display()
                );
            }
            _ => {
                audit_ok = false;
                outln!("{}", audit::anchor_message(problem));
            }
        }
    }
    if audit_ok && report.first_break.is_none() {
        audit::print_intact(report, anchor_file);
    }
    Verdict {
        verified: ledger_ok && audit_ok,
        anchors_ahead,
    }
}

pub async fn run(config: &Config, file: &Path, replace: bool) -> anyhow::Result<ExitCode> {
    let setup = audit_trail::setup(config, KeyUse::Verify)?;
    let Some(key) = setup.key.clone() else {
        let place = setup
            .key_file
            .as_deref()
            .map(|file| format!(" (looked for {})", file.display()))
            .unwrap_or_default();
        eprintln!(
            "hamyar: restore needs the audit key the backup was made with, and none is configured{place}: copy that key file there, or set audit_key_file (HAMYAR_AUDIT_KEY_FILE) to it. Nothing was changed."
        );
        return Ok(ExitCode::from(2));
    };
    let backend = backend_of(&config.database_url);
    let checked = {
        let file = file.to_owned();
        let key = key.clone();
        tokio::task::spawn_blocking(move || check_archive(&file, &key)).await?
    };
    let info = match checked {
        Ok(info) => info,
        Err(error) => return Ok(refused(&error.to_string(), config)),
    };
    outln!(
        "backup {}: made {} by Hamyar {} on {}, {} rows in {} tables; its seal holds",
        file.display(),
        info.header.made_at,
        info.header.made_by,
        info.header.engine,
        info.total_rows(),
        info.rows.len()
    );
    if info.header.migrations != expected_migrations(backend) {
        let theirs = info.header.migrations.last().copied().unwrap_or(0);
        let ours = expected_migrations(backend).last().copied().unwrap_or(0);
        let message = format!(
            "the backup was made by Hamyar {} with migrations up to {theirs}, and this Hamyar's go up to {ours}: restore it with the Hamyar version that made it, then upgrade",
            info.header.made_by
        );
        return Ok(refused(&message, config));
    }
    let anchor_file = setup.anchor_file.clone();
    let restored = match backend {
        Backend::Sqlite => {
            restore_sqlite(
                config,
                file,
                &key,
                &info,
                replace,
                anchor_file.as_deref(),
                setup.key_file.as_deref(),
            )
            .await?
        }
        Backend::Postgres => {
            restore_postgres(
                config,
                file,
                &key,
                &info,
                replace,
                anchor_file.as_deref(),
                setup.key_file.as_deref(),
            )
            .await?
        }
    };
    let verdict = match restored {
        Restored::Refused(code) => return Ok(code),
        Restored::Failed(message) => return Ok(refused(&message, config)),
        Restored::Done(verdict) => verdict,
    };
    if let (true, Some(anchors)) = (verdict.anchors_ahead, &anchor_file) {
        let aside = beside(anchors, "before-restore");
        std::fs::rename(anchors, &aside).with_context(|| {
            format!(
                "the restore is done, but {} could not be moved aside",
                anchors.display()
            )
        })?;
        outln!(
            "the anchor file of the trail before the restore is kept as {}",
            aside.display()
        );
    }
    let opened = runtime::open(config).await?;
    let anchored = opened.app.anchor_audit(AnchorWhen::HeadMoved).await;
    opened.store.close().await;
    if let Some(anchor) =
        anchored.context("the restore is done, but anchoring its audit trail failed")?
    {
        outln!(
            "audit trail anchored at row {} ({})",
            anchor.seq,
            anchor.head
        );
    }
    outln!(
        "restore complete: {} now holds the backup of {} ({} rows), verified",
        redact_url(&config.database_url),
        info.header.made_at,
        info.total_rows()
    );
    Ok(ExitCode::SUCCESS)
}

enum Restored {
    /// Nothing was tried (the database holds data and `--replace` was not given).
    Refused(ExitCode),
    /// Loading failed; nothing was changed.
    Failed(String),
    /// Loaded and committed (`verified`), or loaded, found wrong and rolled back.
    Done(Verdict),
}

fn refused(message: &str, config: &Config) -> ExitCode {
    eprintln!(
        "hamyar: restore FAILED: {message}. Nothing was changed: {} is as it was.",
        redact_url(&config.database_url)
    );
    ExitCode::FAILURE
}

fn holds_data_message(target: &str) -> ExitCode {
    eprintln!(
        "hamyar: {target} already holds data (accounts, audit rows, women, groups or ledger transactions). To replace all of it with the backup, stop every `hamyar serve` of this database and run the restore again with --replace. Nothing was changed."
    );
    ExitCode::from(2)
}

/// `hamyar.db` → `hamyar.db.<what>-<UTC time>`, in the same directory.
fn beside(path: &Path, what: &str) -> PathBuf {
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{name}.{what}-{stamp}"))
}

/// Clears `store`, loads the archive and verifies it in one transaction; commits only if
/// everything verifies.
async fn load_and_verify(
    store: &AnyStore,
    file: &Path,
    key: &AuditKey,
    info: &ArchiveInfo,
    anchor_file: Option<&Path>,
    key_file: Option<&Path>,
) -> anyhow::Result<Result<Verdict, String>> {
    let mut tx = store.begin_write().await?;
    let loaded = async {
        clear_for_restore(&mut tx).await?;
        load_archive(&mut tx, file, key, info).await
    }
    .await;
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(BackupError::Store(error)) => {
            return Ok(Err(format!(
                "the database refused the backup's rows: {error}"
            )));
        }
        Err(other) => return Ok(Err(other.to_string())),
    };
    outln!(
        "loaded {} rows into {} tables; verifying before committing",
        loaded.rows.iter().map(|(_, n)| n).sum::<u64>(),
        loaded.rows.len()
    );
    let checks = verify_in(&mut tx, key, anchor_file).await?;
    let verdict = print_checks(&checks, anchor_file, key_file, AnchorsAhead::Expected);
    if verdict.verified {
        // The restore is a change like any other: the trail records it, in the same
        // transaction, chained after the backup's last row.
        tx.append_audit(&restore_row(file, info)).await?;
        tx.commit().await?;
        Ok(Ok(verdict))
    } else {
        drop(tx);
        Ok(Err(
            "the restored data does not verify (see above), so it was not kept".into(),
        ))
    }
}

/// The audit row of a restore: from which backup (when and by which Hamyar it was made, the
/// file's name) and how much it held. No personal data.
fn restore_row(file: &Path, info: &ArchiveInfo) -> NewAuditRow {
    let after = serde_json::json!({
        "backup_file": file.file_name().map(|n| n.to_string_lossy().into_owned()),
        "backup_made_at": info.header.made_at,
        "backup_made_by": info.header.made_by,
        "backup_engine": info.header.engine,
        "tables": info.rows.len(),
        "rows": info.total_rows(),
    });
    NewAuditRow {
        at: jiff::Timestamp::now(),
        actor_user_id: None,
        actor_name: Actor::console().username,
        action: RESTORE_ACTION.to_owned(),
        entity_kind: "database".to_owned(),
        entity_id: info.header.made_at.clone(),
        province_id: None,
        county_id: None,
        before: None,
        after: Some(after.to_string()),
        subjects: Vec::new(),
    }
}

/// The audit action of a restore.
const RESTORE_ACTION: &str = "database.restore";

async fn restore_postgres(
    config: &Config,
    file: &Path,
    key: &AuditKey,
    info: &ArchiveInfo,
    replace: bool,
    anchor_file: Option<&Path>,
    key_file: Option<&Path>,
) -> anyhow::Result<Restored> {
    let store = open_target(config, &config.database_url, true).await?;
    let applied = store.applied_migrations().await?;
    if !applied.are_expected(Backend::Postgres) {
        store.close().await;
        return Ok(Restored::Failed(format!(
            "the database's migrations are not this Hamyar's (applied: up to {:?}; changed or failed: {:?})",
            applied.versions.last(),
            applied.mismatched
        )));
    }
    if store.holds_data().await? && !replace {
        store.close().await;
        return Ok(Restored::Refused(holds_data_message(&redact_url(
            &config.database_url,
        ))));
    }
    let store = store.with_audit_key(key.clone());
    let outcome = load_and_verify(&store, file, key, info, anchor_file, key_file).await;
    store.close().await;
    Ok(match outcome? {
        Ok(verdict) => Restored::Done(verdict),
        Err(message) => Restored::Failed(message),
    })
}

async fn restore_sqlite(
    config: &Config,
    file: &Path,
    key: &AuditKey,
    info: &ArchiveInfo,
    replace: bool,
    anchor_file: Option<&Path>,
    key_file: Option<&Path>,
) -> anyhow::Result<Restored> {
    let Some(target) = hamyar_store::sqlite_file(&config.database_url) else {
        return Ok(Restored::Failed(
            "restore needs a database file, not an in-memory database".into(),
        ));
    };
    if target.exists() {
        // Only looked at: a database of an older Hamyar is not migrated by a refused restore.
        let store = open_target(config, &sqlite_url(&target), false).await?;
        let holds = store.holds_data().await;
        store.close().await;
        if holds? && !replace {
            return Ok(Restored::Refused(holds_data_message(
                &target.display().to_string(),
            )));
        }
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "hamyar.db".into());
    let temporary = target.with_file_name(format!(".{name}.restoring-{}", std::process::id()));
    remove_database_files(&temporary);
    let store = open_target(config, &sqlite_url(&temporary), true)
        .await?
        .with_audit_key(key.clone());
    let outcome = load_and_verify(&store, file, key, info, anchor_file, key_file).await;
    store.close().await;
    drop(store);
    let verdict = match outcome {
        Ok(Ok(verdict)) => verdict,
        Ok(Err(message)) => {
            remove_database_files(&temporary);
            return Ok(Restored::Failed(message));
        }
        Err(error) => {
            remove_database_files(&temporary);
            return Err(error);
        }
    };
    if target.exists() {
        let aside = beside(&target, "replaced");
        std::fs::rename(&target, &aside)
            .with_context(|| format!("cannot move {} aside", target.display()))?;
        // A write-ahead log belongs with its database: it may hold committed transactions.
        let _ = std::fs::rename(wal_of(&target, "-wal"), wal_of(&aside, "-wal"));
        let _ = std::fs::remove_file(wal_of(&target, "-shm"));
        outln!("the database it replaces is kept as {}", aside.display());
    }
    std::fs::rename(&temporary, &target).with_context(|| {
        format!(
            "the restored database verified as {}, but could not be moved to {}",
            temporary.display(),
            target.display()
        )
    })?;
    remove_database_files(&temporary);
    Ok(Restored::Done(verdict))
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// `hamyar.db` → `hamyar.db-wal` (SQLite's own naming).
fn wal_of(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes a scratch SQLite file with its log and shared-memory files, if they exist.
fn remove_database_files(path: &Path) {
    for file in [path.to_owned(), wal_of(path, "-wal"), wal_of(path, "-shm")] {
        let _ = std::fs::remove_file(file);
    }
}

/// The engine a database URL names.
pub(crate) fn backend_of(url: &str) -> Backend {
    let url = url.trim_start();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Backend::Postgres
    } else {
        Backend::Sqlite
    }
}

/// Connects to `url` and, with `migrate`, applies this Hamyar's migrations (on a new
/// database: the schema).
async fn open_target(config: &Config, url: &str, migrate: bool) -> anyhow::Result<AnyStore> {
    let settings = ConnectSettings {
        max_connections: config.max_connections,
        sqlite_cache_mib: Some(config.sqlite_cache_mib),
    };
    let store = hamyar_store::connect(url, &settings)
        .await
        .with_context(|| format!("cannot open the database {}", redact_url(url)))?;
    if migrate {
        store
            .migrate()
            .await
            .context("cannot migrate the database")?;
    }
    Ok(store)
}
