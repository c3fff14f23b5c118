//! `hamyar backup FILE`: every table of the database, SQLite or PostgreSQL, read from one
//! consistent snapshot while the server keeps running, written as a Hamyar archive sealed
//! with the audit key (`hamyar_store::backup`), which `hamyar restore` loads into either
//! engine. No `pg_dump` is needed, and no password travels on a command line.
//!
//! The backup checks both ends: in the snapshot it copies, the ledger is recomputed and the
//! audit trail walked (a backup of a database that does not verify is still written — it
//! may be the best copy there is — but the command says what is wrong and exits 1); and
//! the file is read back whole, its seal and row counts checked, before it gets its name.
//! It is written as `FILE.partial`, readable by its owner only (it holds women's personal
//! data), and renamed to `FILE` only once it checked out; an existing `FILE` is never
//! overwritten.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use hamyar_app::ports::Database;
use hamyar_store::backup::{check_archive, write_archive};

use crate::commands::restore::{AnchorsAhead, print_checks, verify_in};
use crate::config::{Config, redact_url};
use crate::runtime;

pub async fn run(config: &Config, file: &Path) -> anyhow::Result<ExitCode> {
    if file.exists() {
        eprintln!(
            "hamyar: {} already exists; choose a new file name (a backup never overwrites another)",
            file.display()
        );
        return Ok(ExitCode::from(2));
    }
    let opened = runtime::open(config).await?;
    let result = back_up(config, &opened, file).await;
    opened.store.close().await;
    result
}

async fn back_up(
    config: &Config,
    opened: &runtime::Opened,
    file: &Path,
) -> anyhow::Result<ExitCode> {
    let key = opened
        .store
        .audit_key()
        .cloned()
        .context("a backup is sealed with the audit key, and none is configured")?;
    let partial = partial_path(file);
    let output = owner_only_new_file(&partial)
        .with_context(|| format!("cannot create {}", partial.display()))?;
    let taken = jiff::Timestamp::now();
    let written = async {
        let mut tx = opened.store.begin_snapshot().await?;
        let made_at = jiff::Timestamp::now().to_string();
        let summary =
            write_archive(&mut tx, &output, &key, &made_at, env!("CARGO_PKG_VERSION")).await?;
        output
            .sync_all()
            .with_context(|| format!("cannot write {}", partial.display()))?;
        let anchor_file = opened.audit.anchor_file.as_deref();
        let checks = verify_in(&mut tx, &key, anchor_file).await?;
        drop(tx);
        anyhow::Ok((summary, checks))
    }
    .await;
    let (summary, checks) = match written {
        Ok(written) => written,
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            return Err(error.context("the backup was not written"));
        }
    };
    let read_back = {
        let partial = partial.clone();
        let key = key.clone();
        tokio::task::spawn_blocking(move || check_archive(&partial, &key)).await?
    };
    match read_back {
        Ok(info) if info.rows == summary.rows => {}
        Ok(_) => {
            let _ = std::fs::remove_file(&partial);
            anyhow::bail!(
                "the backup read back holds other row counts than were written; it was removed"
            );
        }
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            anyhow::bail!("the backup did not read back intact ({error}); it was removed");
        }
    }
    // A hard link fails when FILE appeared meanwhile, where a rename would replace it.
    std::fs::hard_link(&partial, file)
        .with_context(|| format!("cannot name the backup {}", file.display()))?;
    let _ = std::fs::remove_file(&partial);
    outln!(
        "backup of {} written to {} ({} bytes): {} rows in {} tables, sealed with audit key {}; read back and checked",
        redact_url(&config.database_url),
        file.display(),
        summary.bytes,
        summary.total_rows(),
        summary.rows.len(),
        summary.header.audit_key
    );
    let verdict = print_checks(
        &checks,
        opened.audit.anchor_file.as_deref(),
        opened.audit.key_file.as_deref(),
        AnchorsAhead::AfterSnapshot(taken),
    );
    if verdict.verified {
        Ok(ExitCode::SUCCESS)
    } else {
        outln!(
            "WARNING: the database this backup copies does not verify (see above); the backup holds it as it is"
        );
        Ok(ExitCode::FAILURE)
    }
}

/// `FILE` → `FILE.partial`.
fn partial_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

#[cfg(unix)]
fn owner_only_new_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn owner_only_new_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}
