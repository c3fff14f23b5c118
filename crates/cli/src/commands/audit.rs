//! `hamyar audit verify`: recompute the audit trail's hash chain and name the first row that
//! was altered or removed. Exit status 0 means intact, 1 means tampered.

use std::process::ExitCode;

use clap::Subcommand;
use hamyar_app::audit::ChainBreak;
use hamyar_app::ports::Database;

use crate::config::Config;
use crate::runtime;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain of the whole audit trail.
    Verify,
}

pub async fn run(config: &Config, command: AuditCommand) -> anyhow::Result<ExitCode> {
    match command {
        AuditCommand::Verify => verify(config).await,
    }
}

async fn verify(config: &Config) -> anyhow::Result<ExitCode> {
    let opened = runtime::open(config).await?;
    let report = opened.app.verify_audit().await?;
    opened.store.close().await;
    if !report.guard_installed {
        println!(
            "WARNING: the database no longer refuses UPDATE/DELETE on audit_log (its append-only triggers were removed)"
        );
    }
    match report.first_break {
        None => {
            println!(
                "audit trail intact: {} rows verified (last row {})",
                report.rows_checked, report.last_seq
            );
        }
        Some(ChainBreak::Altered { seq }) => {
            println!(
                "audit trail BROKEN: row {seq} was altered (its hash does not match its contents); {} rows before it are intact",
                report.rows_checked
            );
        }
        Some(ChainBreak::Removed {
            expected_seq,
            found_seq,
        }) => {
            println!(
                "audit trail BROKEN: row {expected_seq} was removed (the next row present is {found_seq}); {} rows before it are intact",
                report.rows_checked
            );
        }
        Some(ChainBreak::Unlinked { seq }) => {
            println!(
                "audit trail BROKEN: row {seq} does not link to the row before it (rows were removed, reordered or rewritten before row {seq}); {} rows before it are intact",
                report.rows_checked
            );
        }
    }
    Ok(if report.is_intact() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
