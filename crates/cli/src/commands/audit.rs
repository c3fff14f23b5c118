//! `hamyar audit verify|anchor|keygen`. `verify` recomputes the audit trail's chain with the
//! audit key, checks the anchors, and names the first problem: exit status 0 means intact, 1
//! means tampered, truncated, or not verifiable with this key. `anchor` writes the trail's
//! head to the anchor file now; `keygen FILE` makes a new key (for PostgreSQL). The anchors
//! `hamyar serve` writes while it runs and when it stops are here too.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Subcommand;
use hamyar_app::App;
use hamyar_app::audit::anchor::AnchorWhen;
use hamyar_app::audit::{AnchorProblem, AuditKey, ChainBreak, KeyedSince, VerifyReport};
use hamyar_app::ports::Database;

use crate::config::Config;
use crate::runtime;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the whole audit trail: every row's MAC and link, the key, and the anchors.
    Verify {
        /// Also check this anchor file (another server's); may be given more than once.
        #[arg(long = "anchors", value_name = "FILE")]
        anchors: Vec<PathBuf>,
    },
    /// Write the trail's head (last row and its MAC) to the anchor file now.
    Anchor,
    /// Make a new audit key in FILE (which must not exist), readable by its owner only.
    Keygen {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

pub async fn run(config: &Config, command: AuditCommand) -> anyhow::Result<ExitCode> {
    match command {
        AuditCommand::Verify { anchors } => verify(config, &anchors).await,
        AuditCommand::Anchor => anchor(config).await,
        AuditCommand::Keygen { file } => keygen(&file),
    }
}

fn keygen(file: &Path) -> anyhow::Result<ExitCode> {
    let key = AuditKey::create_file(file)?;
    outln!(
        "audit key written to {} (fingerprint {}); set audit_key_file = \"{}\" in hamyar.toml \
         (or HAMYAR_AUDIT_KEY_FILE) on every server of the database, and keep a copy apart \
         from the database's backups",
        file.display(),
        key.fingerprint(),
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}

async fn anchor(config: &Config) -> anyhow::Result<ExitCode> {
    let opened = runtime::open(config).await?;
    let anchored = opened.app.anchor_audit(AnchorWhen::Always).await;
    opened.store.close().await;
    let file = opened.app.audit_anchor_file().map(|f| f.path().to_owned());
    match (anchored?, file) {
        (Some(anchor), Some(file)) => outln!(
            "audit trail anchored at row {} ({}) in {}",
            anchor.seq,
            anchor.head,
            file.display()
        ),
        _ => outln!("no anchor file is configured (set audit_anchor_file)"),
    }
    Ok(ExitCode::SUCCESS)
}

/// While serving: anchor the head every `minutes` when it moved (and once at start).
pub async fn anchor_every(app: App, minutes: u64) {
    let mut ticks = tokio::time::interval(Duration::from_secs(minutes.max(1) * 60));
    loop {
        ticks.tick().await;
        if let Err(error) = app.anchor_audit(AnchorWhen::HeadMoved).await {
            tracing::warn!(%error, "anchoring the audit trail failed");
        }
    }
}

/// When the server stops: anchor the head whatever it is.
pub async fn anchor_at_stop(app: &App) {
    if let Err(error) = app.anchor_audit(AnchorWhen::Always).await {
        tracing::warn!(%error, "anchoring the audit trail at shutdown failed");
    }
}

async fn verify(config: &Config, other_anchor_files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let opened = runtime::open_to_verify(config).await?;
    let report = opened.app.verify_audit_with(other_anchor_files).await;
    opened.store.close().await;
    let report = report?;
    if !report.guard_installed {
        outln!(
            "WARNING: the database no longer refuses UPDATE/DELETE on audit_log (its append-only triggers were removed)"
        );
    }
    let key_file = opened.audit.key_file.as_deref();
    match &report.first_break {
        None if report.anchor_problems.is_empty() => {
            print_intact(&report, opened.app.audit_anchor_file().map(|f| f.path()));
        }
        None => outln!(
            "the {} rows present link and verify (last row {}), but the anchors show otherwise:",
            report.rows_checked,
            report.last_seq
        ),
        Some(broken) => outln!("{}", break_message(broken, &report, key_file)),
    }
    for problem in &report.anchor_problems {
        outln!("{}", anchor_message(problem));
    }
    Ok(if report.is_intact() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

pub(crate) fn print_intact(report: &VerifyReport, anchor_file: Option<&Path>) {
    let keyed = match (report.first_keyed_seq, &report.key_fingerprint) {
        (Some(first), Some(key)) if first > 1 => {
            format!(
                "; rows {first}–{} are keyed with key {key}, earlier ones are from before the key",
                report.last_seq
            )
        }
        (Some(_), Some(key)) => format!("; every row is keyed with key {key}"),
        _ => "; no row is keyed yet".to_owned(),
    };
    let anchors = match anchor_file {
        Some(file) => format!(
            "; {} anchor lines checked ({})",
            report.anchors_checked,
            file.display()
        ),
        None => String::new(),
    };
    outln!(
        "audit trail intact: {} rows verified (last row {}){keyed}{anchors}",
        report.rows_checked,
        report.last_seq
    );
}

pub(crate) fn break_message(
    broken: &ChainBreak,
    report: &VerifyReport,
    key_file: Option<&Path>,
) -> String {
    let intact = report.rows_checked;
    match broken {
        ChainBreak::Altered { seq } => format!(
            "audit trail BROKEN: row {seq} was altered (its MAC does not match its contents); {intact} rows before it are intact"
        ),
        ChainBreak::Removed {
            expected_seq,
            found_seq,
        } => format!(
            "audit trail BROKEN: row {expected_seq} was removed (the next row present is {found_seq}); {intact} rows before it are intact"
        ),
        ChainBreak::Unlinked { seq } => format!(
            "audit trail BROKEN: row {seq} does not link to the row before it (rows were removed, reordered or rewritten before row {seq}); {intact} rows before it are intact"
        ),
        ChainBreak::Unkeyed { seq, keyed_since } => {
            let since = match keyed_since {
                KeyedSince::Row(first) => format!("row {first} before it is keyed"),
                KeyedSince::Anchor { seq, at } => {
                    format!(
                        "the trail was keyed from row {} on (anchored on {at})",
                        seq + 1
                    )
                }
            };
            format!(
                "audit trail BROKEN: row {seq} is not keyed although {since}: it was written or recomputed without the key; {intact} rows before it are intact"
            )
        }
        ChainBreak::WrongKey {
            seq,
            trail_key,
            given_key,
        } => format!(
            "audit trail NOT VERIFIED: the audit key does not match this trail: row {seq} and later were sealed with key {trail_key}, the configured key is {given_key}{}; {intact} rows before it are intact",
            key_file
                .map(|file| format!(" (read from {})", file.display()))
                .unwrap_or_default()
        ),
        ChainBreak::NoKey { seq } => format!(
            "audit trail NOT VERIFIED: row {seq} and later are keyed but no audit key was found{}; {intact} rows before it are intact",
            key_file
                .map(|file| format!(" (looked for {})", file.display()))
                .unwrap_or_default()
        ),
    }
}

pub(crate) fn anchor_message(problem: &AnchorProblem) -> String {
    match problem {
        AnchorProblem::RowsMissing {
            last_seq,
            anchor,
            file,
            line,
        } => {
            let missing = if last_seq + 1 == anchor.seq {
                format!("row {} is missing", anchor.seq)
            } else {
                format!("rows {}–{} are missing", last_seq + 1, anchor.seq)
            };
            format!(
                "audit trail BROKEN: {missing}: the trail ends at {last_seq} but was anchored at {} on {} ({} line {line})",
                anchor.seq,
                anchor.at,
                file.display()
            )
        }
        AnchorProblem::Rewritten { anchor, file, line } => format!(
            "audit trail BROKEN: row {} is not the row anchored on {} ({} line {line}): the trail was rewritten after it was anchored",
            anchor.seq,
            anchor.at,
            file.display()
        ),
        AnchorProblem::Forged { file, line } => format!(
            "anchor file BROKEN: {} line {line} was forged or altered (its MAC does not match the audit key)",
            file.display()
        ),
        AnchorProblem::Malformed { file, line } => format!(
            "anchor file BROKEN: {} line {line} is not an anchor line",
            file.display()
        ),
        AnchorProblem::OtherKey { file, line, key_id } => format!(
            "anchor file BROKEN: {} line {line} was made with another key ({key_id})",
            file.display()
        ),
        AnchorProblem::FileMissing { file } => format!(
            "anchor file MISSING: {} does not exist, so rows removed from the end of the trail cannot be detected (it is written at every start; if it was deleted, restore it from a backup or from the log's \"audit trail anchored\" lines)",
            file.display()
        ),
        AnchorProblem::Unreadable { file, error } => {
            format!("anchor file UNREADABLE: {}: {error}", file.display())
        }
    }
}
