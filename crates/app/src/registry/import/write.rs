//! The second stage of an import: writing checked batches inside the import's one
//! transaction. A row whose national ID is already registered is reported, not written.
//!
//! A large import is written in bulk-loading mode (secondary indexes dropped, rebuilt once at
//! the end). Whether an import is large is known only once enough rows have arrived, so the
//! writer holds the first [`BULK_LOAD_AFTER_ROWS`] checked rows back (a few tens of MB at
//! most) and decides before writing any: maintaining ten indexes row by row costs about as
//! much as the rest of the writing.
//! With `all_or_nothing`, writing stops at the first problem: the transaction will be rolled
//! back anyway. A dry run only looks the national IDs up.

use hamyar_domain::JalaliDate;
use hamyar_domain::Message;
use std::collections::HashSet;

use hamyar_domain::registry::CoverageStatus;
use tokio::sync::mpsc;

use super::check::CheckedBatch;
use super::problems::{ProblemKind, ProblemLog};
use super::{ImportOptions, ImportProblem};
use crate::access::Actor;
use crate::error::AppResult;
use crate::ports::Tx;
use crate::ports::registry::{FirstEpisode, WomanId};
use crate::service::App;
use crate::service::actor_name;

/// An import is bulk loaded (secondary indexes rebuilt once at the end instead of maintained
/// row by row) when it has at least this many valid rows and at least as many as the table
/// held before it: rebuilding then costs less than maintaining.
const BULK_LOAD_AFTER_ROWS: u64 = 50_000;

/// The reason the first coverage episode of an imported record gives.
const IMPORT_REASON: &str = "ورود از فایل";

/// What writing found and did; the transaction is still open.
pub(super) struct WriteOutcome {
    pub tx: Box<dyn Tx>,
    /// Rows written (in a dry run: rows that would be).
    pub imported: u64,
    /// Rows whose national ID was registered before the import.
    pub registered: u64,
    pub problems: ProblemLog,
    pub ids: Option<(WomanId, WomanId)>,
    pub bulk_loading: bool,
}

pub(super) struct Writer {
    pub app: App,
    pub actor: Actor,
    pub options: ImportOptions,
    /// Gregorian ISO date of the import's first episodes.
    pub started_on: JalaliDate,
    pub tx: Box<dyn Tx>,
    /// Women registered before this import began (0 in a dry run).
    pub existing_rows: i64,
    pub imported: u64,
    pub registered: u64,
    pub problems: ProblemLog,
    pub ids: Option<(WomanId, WomanId)>,
    pub bulk_loading: bool,
    /// Batches held back until the bulk-loading decision; `None` once it is made.
    pub held: Option<Vec<CheckedBatch>>,
}

impl Writer {
    /// Writes batches from `input` until it closes; stops at the first storage error.
    pub async fn run(mut self, mut input: mpsc::Receiver<CheckedBatch>) -> AppResult<WriteOutcome> {
        while let Some(batch) = input.recv().await {
            self.take(batch).await?;
        }
        self.release_held().await?;
        Ok(WriteOutcome {
            tx: self.tx,
            imported: self.imported,
            registered: self.registered,
            problems: self.problems,
            ids: self.ids,
            bulk_loading: self.bulk_loading,
        })
    }

    /// Holds the batch back while the bulk-loading decision is open, else writes it.
    async fn take(&mut self, batch: CheckedBatch) -> AppResult<()> {
        let Some(held) = self.held.as_mut() else {
            return self.write(batch).await;
        };
        held.push(batch);
        let rows: usize = held.iter().map(|b| b.rows.len()).sum();
        if rows as u64 >= BULK_LOAD_AFTER_ROWS {
            if !self.options.dry_run && rows as i64 >= self.existing_rows {
                self.tx.begin_bulk_load().await?;
                self.bulk_loading = true;
            }
            self.release_held().await?;
        }
        Ok(())
    }

    /// Writes the batches held back, in order, and closes the decision.
    async fn release_held(&mut self) -> AppResult<()> {
        for batch in self.held.take().unwrap_or_default() {
            self.write(batch).await?;
        }
        Ok(())
    }

    async fn write(&mut self, batch: CheckedBatch) -> AppResult<()> {
        if batch.rows.is_empty() {
            return Ok(());
        }
        let national_ids: Vec<String> = batch
            .rows
            .iter()
            .map(|(_, record)| record.national_id.clone())
            .collect();
        let registered: HashSet<String> = self
            .tx
            .registered_national_ids(&national_ids)
            .await?
            .into_iter()
            .collect();
        let mut records = Vec::with_capacity(batch.rows.len());
        for (line, record) in batch.rows {
            if registered.contains(&record.national_id) {
                self.registered += 1;
                self.problems.record(ImportProblem {
                    line,
                    field: "national_id".into(),
                    kind: ProblemKind::AlreadyRegistered,
                    value: record.national_id,
                    message: Message::new("write-woman_national_id_already_registered"),
                });
            } else {
                records.push(record);
            }
        }
        if self.options.dry_run {
            self.imported += records.len() as u64;
            return Ok(());
        }
        let any_problem = batch.problems_so_far || self.registered > 0;
        if records.is_empty() || (self.options.all_or_nothing && any_problem) {
            return Ok(());
        }
        let first = FirstEpisode {
            status: CoverageStatus::Applicant,
            started_on: self.started_on,
            decided_by: self.actor.user_id,
            decided_by_name: actor_name(self.tx.as_mut(), &self.actor).await?,
            reason: IMPORT_REASON.into(),
            at: self.app.now(),
        };
        let ids = self.tx.import_women(&records, &first).await?;
        self.ids = Some(match self.ids {
            Some((low, high)) => (low.min(ids.first), high.max(ids.last)),
            None => (ids.first, ids.last),
        });
        self.imported += ids.count;
        Ok(())
    }
}
