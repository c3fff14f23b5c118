//! Importing women from a spreadsheet, streamed: rows are pushed one at a time and flow
//! through two stages running side by side — `check` (parsing, on a thread of its own) and
//! `write` (the database, as a task) — joined by short bounded channels, so reading the file,
//! checking one batch and writing the one before all proceed at once on separate cores,
//! while memory stays bounded by a few batches.
//!
//! Valid rows are written inside ONE write transaction, so an interrupted import (killed
//! process, lost connection, a dropped `Importer`) leaves the registry exactly as before;
//! with `all_or_nothing` any problem rolls everything back. A dry run writes nothing and only
//! reports. After a committed import's rows are in, its likely duplicates (same name and birth
//! date, same mobile) are queued for review in bulk.
//!
//! The import is audited as one row (who, which file, how many, the id range) rather than a
//! row per woman, which would double the cost of a million-row import; every imported record
//! carries its first coverage episode naming the importer.

mod check;
mod problems;
mod write;

use hamyar_domain::Message;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use hamyar_domain::registry::WomanInput;

use self::check::{CheckOutcome, Checker};
pub(crate) use self::problems::ProblemLog;
pub use self::problems::{ProblemCount, ProblemKind};
use self::write::{WriteOutcome, Writer};
use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult};
use crate::places::load_tree;
use crate::registry::women::CountyIndex;
use crate::service::{App, AuditEntry};

/// Rows per batch handed from stage to stage.
const BATCH_ROWS: usize = 5_000;
/// Batches waiting between two stages at most.
const BATCHES_IN_FLIGHT: usize = 4;
/// Problems kept in memory for the report unless the caller keeps fewer (the counters stay
/// exact beyond it).
pub const MAX_REPORTED_PROBLEMS: usize = 100_000;

/// One data row of the file: its line number as the spreadsheet shows it, the county text and
/// the woman's fields as typed.
#[derive(Debug, Clone, Default)]
pub struct ImportRow {
    pub line: u64,
    pub county: String,
    pub input: WomanInput,
}

/// One problem for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    pub line: u64,
    /// The column's key (`national_id`, `birth_date`, `county`…).
    pub field: String,
    pub kind: ProblemKind,
    /// The cell as typed (cut to a few hundred characters).
    pub value: String,
    pub message: Message,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOptions {
    /// Check and report only; write nothing.
    pub dry_run: bool,
    /// Write nothing if any row has a problem.
    pub all_or_nothing: bool,
    /// How many problems (the first by line) the summary keeps; all are counted.
    pub problems_kept: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            dry_run: false,
            all_or_nothing: false,
            problems_kept: MAX_REPORTED_PROBLEMS,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub read: u64,
    pub imported: u64,
    /// Rows with invalid fields.
    pub rejected: u64,
    /// Rows whose national ID repeats an earlier row or a registered woman.
    pub duplicates: u64,
    /// Rows of a group-history import already in the database (by their natural key),
    /// skipped; always 0 for women, whose repeats are `duplicates`.
    pub already_present: u64,
    /// Pairs of likely duplicates (same name and birth date, same mobile) the import queued
    /// for review; 0 when nothing was written.
    pub likely_duplicates: u64,
    /// Whether anything was written (false for dry runs and rolled-back imports).
    pub committed: bool,
    /// The first problems by line, at most `ImportOptions::problems_kept`.
    pub problems: Vec<ImportProblem>,
    /// Every problem found, kept or not.
    pub problems_total: u64,
    /// Every problem counted by column and kind.
    pub problem_counts: Vec<ProblemCount>,
    /// A committed import of payments or grants: the batch its paper decisions wait in for
    /// a second person (`history_batches`); none when nothing was decided on paper.
    pub history_batch: Option<crate::ports::history::HistoryBatchId>,
}

impl ImportSummary {
    pub fn has_problems(&self) -> bool {
        self.rejected > 0 || self.duplicates > 0
    }
}

/// A running import: push rows, then finish. Dropping it without finishing rolls back.
pub struct Importer {
    app: App,
    actor: Actor,
    options: ImportOptions,
    source: String,
    read: u64,
    batch: Vec<ImportRow>,
    to_checker: Option<mpsc::Sender<Vec<ImportRow>>>,
    checker: Option<JoinHandle<CheckOutcome>>,
    writer: Option<JoinHandle<AppResult<WriteOutcome>>>,
}

impl App {
    /// Starts an import on behalf of `actor`; `source` names the file for the audit trail.
    pub async fn begin_import(
        &self,
        actor: &Actor,
        source: &str,
        options: ImportOptions,
    ) -> AppResult<Importer> {
        actor.require(Permission::RegisterWomen)?;
        let today = self.today();
        let mut tx = if options.dry_run {
            self.db.read().await?
        } else {
            self.db.write().await?
        };
        tx.widen_cache_for_import().await?;
        let tree = load_tree(tx.as_mut(), &today.to_iso_string()).await?;
        let existing_rows = if options.dry_run {
            0
        } else {
            tx.count_women().await?
        };
        let (to_checker, checker_input) = mpsc::channel(BATCHES_IN_FLIGHT);
        let (to_writer, writer_input) = mpsc::channel(BATCHES_IN_FLIGHT);
        let checker = Checker::new(
            CountyIndex::new(&tree, actor),
            today,
            ProblemLog::new(options.problems_kept),
        );
        let writer = Writer {
            app: self.clone(),
            actor: actor.clone(),
            options,
            started_on: today,
            tx,
            existing_rows,
            imported: 0,
            registered: 0,
            problems: ProblemLog::new(options.problems_kept),
            ids: None,
            bulk_loading: false,
            held: Some(Vec::new()),
        };
        Ok(Importer {
            app: self.clone(),
            actor: actor.clone(),
            options,
            source: source.chars().take(200).collect(),
            read: 0,
            batch: Vec::with_capacity(BATCH_ROWS),
            to_checker: Some(to_checker),
            checker: Some(tokio::task::spawn_blocking(move || {
                checker.run(checker_input, to_writer)
            })),
            writer: Some(tokio::spawn(writer.run(writer_input))),
        })
    }
}

fn stage_failed(error: tokio::task::JoinError) -> AppError {
    AppError::Internal(format!("an import stage stopped: {error}"))
}

impl Importer {
    /// Rows pushed so far.
    pub fn rows_read(&self) -> u64 {
        self.read
    }

    /// Queues one row; checking and writing happen in the background, batch by batch. Fails
    /// with the writer's error as soon as writing has failed.
    pub async fn push(&mut self, row: ImportRow) -> AppResult<()> {
        self.read += 1;
        self.batch.push(row);
        if self.batch.len() >= BATCH_ROWS {
            self.hand_over().await?;
        }
        Ok(())
    }

    async fn hand_over(&mut self) -> AppResult<()> {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH_ROWS));
        let sent = match &self.to_checker {
            Some(sender) => sender.send(batch).await.is_ok(),
            None => false,
        };
        if sent {
            return Ok(());
        }
        // A stage has stopped: the writer's error says why.
        self.to_checker = None;
        match self.writer.take() {
            Some(writer) => match writer.await.map_err(stage_failed)? {
                Err(error) => Err(error),
                Ok(_) => Err(AppError::Internal("the import's checker stopped".into())),
            },
            None => Err(AppError::Internal("the import has already failed".into())),
        }
    }

    /// Writes what is left and commits — or rolls back (all-or-nothing with problems, dry run).
    pub async fn finish(mut self) -> AppResult<ImportSummary> {
        if !self.batch.is_empty() {
            self.hand_over().await?;
        }
        self.to_checker = None;
        let checked = match self.checker.take() {
            Some(checker) => checker.await.map_err(stage_failed)?,
            None => CheckOutcome::default(),
        };
        let written = match self.writer.take() {
            Some(writer) => writer.await.map_err(stage_failed)??,
            None => return Err(AppError::Internal("the import has already failed".into())),
        };
        let (problems, problems_total, problem_counts) =
            checked.problems.merge(written.problems).finish();
        let mut summary = ImportSummary {
            read: self.read,
            imported: written.imported,
            rejected: checked.rejected,
            duplicates: checked.repeated + written.registered,
            already_present: 0,
            likely_duplicates: 0,
            committed: false,
            problems,
            problems_total,
            problem_counts,
            history_batch: None,
        };
        let mut tx = written.tx;
        let roll_back =
            self.options.dry_run || (self.options.all_or_nothing && summary.has_problems());
        if roll_back {
            if !self.options.dry_run {
                summary.imported = 0;
            }
            drop(tx);
            return Ok(summary);
        }
        // Each closing step is timed in the log: on a large import they take seconds, and an
        // operator watching a silent terminal should see which one is running.
        let step = std::time::Instant::now();
        if written.bulk_loading {
            tx.finish_bulk_load().await?;
            tracing::info!(
                seconds = step.elapsed().as_secs_f64(),
                "import: indexes rebuilt"
            );
        }
        let step = std::time::Instant::now();
        if let Some(ids) = written.ids {
            summary.likely_duplicates = tx.queue_imported_duplicates(ids, self.app.now()).await?;
            tracing::info!(
                seconds = step.elapsed().as_secs_f64(),
                pairs = summary.likely_duplicates,
                "import: likely duplicates queued"
            );
        }
        let step = std::time::Instant::now();
        let (province_id, county_id) = (self.actor.scope.province(), self.actor.scope.county());
        let (first_id, last_id) = written.ids.unzip();
        let after = serde_json::json!({
            "source": self.source, "read": summary.read, "imported": summary.imported,
            "rejected": summary.rejected, "duplicates": summary.duplicates,
            "likely_duplicates": summary.likely_duplicates,
            "first_id": first_id, "last_id": last_id,
        });
        self.app
            .audit_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor: &self.actor,
                    action: "woman.import",
                    entity_kind: "import",
                    entity_id: first_id.map(|id| id.to_string()).unwrap_or_default(),
                    province_id,
                    county_id,
                    before: None,
                    after: Some(after),
                },
            )
            .await?;
        tx.commit().await?;
        tracing::info!(seconds = step.elapsed().as_secs_f64(), "import: committed");
        summary.committed = true;
        Ok(summary)
    }
}

/// Refuses an import from a role that cannot register (checked again in `begin_import`).
pub fn ensure_can_import(actor: &Actor) -> AppResult<()> {
    if actor.can(Permission::RegisterWomen) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
