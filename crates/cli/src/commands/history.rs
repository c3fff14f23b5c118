//! `hamyar history list|show|confirm|refuse`: the batches of paper decisions a province's
//! money history brought in (`hamyar import payments|grants`), decided from the console. An
//! office that imports a year's payments and grants has them proposed; what the rows say was
//! approved and paid on paper waits in a batch until a second person — never the importer —
//! confirms it (with the scan of the paper file when it pays a payment) or refuses it with a
//! reason. The commands call the very use-cases of the web page (`App::history_batches`,
//! `App::history_batch`, `App::confirm_history_batch`, `App::refuse_history_batch`), so the
//! four-eyes rule, the scope and the audit rows are the same; the deciders act as
//! `--as USERNAME`, resolved like every other command's (`exchange::actor_for`). A refusal
//! prints each of its messages in Persian and English (`exchange::explain`) and exits 1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use clap::Subcommand;
use hamyar_app::history_batches::{BatchConfirmation, BatchRowView, BatchSubject, BatchView};
use hamyar_app::ports::Database;
use hamyar_app::ports::history::{HistoryBatchId, HistoryBatchRow};
use hamyar_app::spending::EvidenceUpload;
use hamyar_app::{Actor, App};
use hamyar_domain::{group_thousands, today_in_tehran};

use super::exchange::{actor_for, explain};
use crate::config::Config;
use crate::runtime;

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// List the history batches this user may see, newest first.
    List {
        /// Only the batches still waiting for a second person.
        #[arg(long)]
        waiting: bool,
        /// Act as this user (their scope decides which batches show); default: the console.
        #[arg(long = "as", value_name = "USERNAME")]
        as_user: Option<String>,
    },
    /// Show one batch: each paper decision, what it decides and where it stands now.
    Show {
        #[arg(value_name = "ID")]
        id: HistoryBatchId,
        #[arg(long = "as", value_name = "USERNAME")]
        as_user: Option<String>,
    },
    /// Confirm every paper decision of a batch on its paper days, as a second person with
    /// the right to approve spending (not whoever imported it); all or nothing.
    Confirm {
        #[arg(value_name = "ID")]
        id: HistoryBatchId,
        /// The user who confirms (named in the audit trail as the approver).
        #[arg(long = "as", value_name = "USERNAME")]
        as_user: String,
        /// The scan of the paper payment documents (PDF, JPEG or PNG); required when the
        /// batch pays a payment.
        #[arg(long, value_name = "FILE")]
        evidence: Option<PathBuf>,
        /// The recipients' other support was seen, and the grants are confirmed anyway.
        #[arg(long)]
        acknowledge_double_support: bool,
    },
    /// Refuse a batch with a reason: its proposals are rejected and stay on record, and a
    /// corrected file can be imported again.
    Refuse {
        #[arg(value_name = "ID")]
        id: HistoryBatchId,
        /// The user who refuses (not whoever imported it).
        #[arg(long = "as", value_name = "USERNAME")]
        as_user: String,
        /// Why the batch is refused (required; kept with the batch).
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
}

pub async fn run(config: &Config, command: HistoryCommand) -> anyhow::Result<ExitCode> {
    let opened = runtime::open(config).await?;
    let result = dispatch(&opened.app, command).await;
    opened.store.close().await;
    result.map(|()| ExitCode::SUCCESS)
}

async fn dispatch(app: &App, command: HistoryCommand) -> anyhow::Result<()> {
    match command {
        HistoryCommand::List { waiting, as_user } => {
            let actor = actor_for(app, as_user.as_deref()).await?;
            list(app, &actor, waiting).await
        }
        HistoryCommand::Show { id, as_user } => {
            let actor = actor_for(app, as_user.as_deref()).await?;
            let view = app.history_batch(&actor, id).await.map_err(explain)?;
            print_batch(&view);
            Ok(())
        }
        HistoryCommand::Confirm {
            id,
            as_user,
            evidence,
            acknowledge_double_support,
        } => {
            let actor = actor_for(app, Some(&as_user)).await?;
            let confirmation = BatchConfirmation {
                evidence: evidence.as_deref().map(read_evidence).transpose()?,
                acknowledge_double_support,
            };
            app.confirm_history_batch(&actor, id, &confirmation)
                .await
                .map_err(explain)?;
            outln!(
                "history batch {id} confirmed: its paper decisions are now approved and paid on their paper days"
            );
            Ok(())
        }
        HistoryCommand::Refuse {
            id,
            as_user,
            reason,
        } => {
            let actor = actor_for(app, Some(&as_user)).await?;
            app.refuse_history_batch(&actor, id, &reason)
                .await
                .map_err(explain)?;
            outln!(
                "history batch {id} refused: its proposals were rejected; a corrected file may be imported again"
            );
            Ok(())
        }
    }
}

/// The scan as the confirmation carries it; its type and size are the use-case's to judge.
fn read_evidence(path: &Path) -> anyhow::Result<EvidenceUpload> {
    let content = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| anyhow!("{}: name a file", path.display()))?;
    Ok(EvidenceUpload { file_name, content })
}

/// One line per batch: id, kind, status, source file, importer, import day, decisions.
async fn list(app: &App, actor: &Actor, waiting_only: bool) -> anyhow::Result<()> {
    let batches = app
        .history_batches(actor, waiting_only)
        .await
        .map_err(explain)?;
    if batches.is_empty() {
        let which = if waiting_only { "waiting " } else { "" };
        outln!("no {which}history batches");
        return Ok(());
    }
    outln!("id\tkind\tstatus\tsource\timported by\timported on\tdecisions");
    for batch in batches {
        // The list row has no count of its decisions; the batch's own view does.
        let decisions = app
            .history_batch(actor, batch.id)
            .await
            .map_err(explain)?
            .rows
            .len();
        outln!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{decisions}",
            batch.id,
            batch.kind,
            batch.status,
            batch.source,
            batch.imported_by_name,
            today_in_tehran(batch.imported_at),
        );
    }
    Ok(())
}

fn print_batch(view: &BatchView) {
    let batch = &view.batch;
    outln!(
        "history batch {}: {} from {}, imported by {} on {} — {}",
        batch.id,
        batch.kind,
        batch.source,
        batch.imported_by_name,
        today_in_tehran(batch.imported_at),
        batch.status
    );
    print_decided(batch);
    outln!(
        "{} paper decisions, {} rials in all",
        view.rows.len(),
        group_thousands(view.total_rials, ',')
    );
    outln!("row\tdecides\tapproved on\tpaid on\tapproved on paper by\tnow");
    for row in &view.rows {
        print_row(row);
    }
    if view.can_decide {
        let evidence = if view.needs_scan {
            " --evidence SCAN.pdf"
        } else {
            ""
        };
        outln!(
            "it waits for you: hamyar history confirm {}{evidence} --as USER, or hamyar history refuse {} --reason TEXT --as USER",
            batch.id,
            batch.id
        );
    } else if view.own_import && batch.status == "waiting" {
        outln!("it waits for a second person: whoever imported it may not decide it");
    }
}

/// Who decided the batch, when, and why or with which scan.
fn print_decided(batch: &HistoryBatchRow) {
    if let (Some(name), Some(at)) = (&batch.decided_by_name, batch.decided_at) {
        outln!("{} by {name} on {}", batch.status, today_in_tehran(at));
    }
    if let Some(reason) = &batch.refusal_reason {
        outln!("reason: {reason}");
    }
    if let (Some(file), Some(sha256)) = (&batch.evidence_file_name, &batch.evidence_sha256) {
        outln!("scan: {file} (sha256 {sha256})");
    }
}

fn print_row(row: &BatchRowView) {
    let (decides, status) = match &row.subject {
        BatchSubject::Payment {
            payee,
            amount_rials,
            status,
            ..
        } => (
            format!(
                "payment to {payee}, {} rials",
                group_thousands(*amount_rials, ',')
            ),
            status.code(),
        ),
        BatchSubject::Tranche {
            seq,
            purpose,
            amount_rials,
            status,
            ..
        } => (
            format!(
                "grant tranche {seq} of «{purpose}», {} rials",
                group_thousands(*amount_rials, ',')
            ),
            status.code(),
        ),
    };
    let decision = &row.decision;
    let paid_on = decision
        .paid_on
        .map_or_else(|| "-".to_owned(), |day| day.to_string());
    outln!(
        "{}\t{decides}\t{}\t{paid_on}\t{}\t{}",
        decision.row_number,
        decision.approved_on,
        decision.approver_name,
        status
    );
}
