//! Importing women from a spreadsheet, streamed row by row. Each row is parsed exactly like
//! the registration form (same `WomanDraft` rules, same county resolution in scope); national
//! IDs repeated inside the file or already registered are reported too. Valid rows are
//! written in batches inside ONE write transaction, so an interrupted import (killed process,
//! lost connection) leaves the registry exactly as before; with `all_or_nothing` any problem
//! rolls everything back. A dry run writes nothing and only reports.
//!
//! The import is audited as one row (who, which file, how many, the id range) rather than a
//! row per woman, which would double the cost of a million-row import; every imported record
//! carries its first coverage episode naming the importer.

use std::collections::{HashMap, HashSet};

use hamyar_domain::JalaliDate;
use hamyar_domain::registry::{CoverageStatus, WomanDraft, WomanInput};

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult};
use crate::places::load_tree;
use crate::ports::Tx;
use crate::ports::registry::{EpisodeRow, WomanRecord};
use crate::registry::women::{CountyIndex, record_from_draft};
use crate::service::{App, AuditEntry};

/// Rows written per batch.
const BATCH_ROWS: usize = 1_000;
/// An import switches to bulk loading (secondary indexes rebuilt once at the end instead of
/// maintained row by row) once it has this many rows and at least as many as the table held
/// before it: rebuilding then costs less than maintaining.
const BULK_LOAD_AFTER_ROWS: u64 = 50_000;
/// Problems kept in memory for the report (the counters stay exact beyond it).
const MAX_REPORTED_PROBLEMS: usize = 100_000;

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
    pub value: String,
    pub message_fa: String,
    pub message_en: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Check and report only; write nothing.
    pub dry_run: bool,
    /// Write nothing if any row has a problem.
    pub all_or_nothing: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub read: u64,
    pub imported: u64,
    /// Rows with invalid fields.
    pub rejected: u64,
    /// Rows whose national ID repeats an earlier row or a registered woman.
    pub duplicates: u64,
    /// Whether anything was written (false for dry runs and rolled-back imports).
    pub committed: bool,
    pub problems: Vec<ImportProblem>,
}

impl ImportSummary {
    pub fn has_problems(&self) -> bool {
        self.rejected > 0 || self.duplicates > 0
    }
}

/// A running import: push rows, then finish.
pub struct Importer {
    app: App,
    actor: Actor,
    options: ImportOptions,
    source: String,
    counties: CountyIndex,
    /// Resolutions of county texts already seen (files repeat a handful of names).
    county_cache: HashMap<String, Result<(i64, i64), crate::error::FieldError>>,
    today: JalaliDate,
    tx: Box<dyn Tx>,
    seen: HashSet<String>,
    pending: Vec<(u64, WomanRecord)>,
    first_id: Option<i64>,
    last_id: Option<i64>,
    /// Women registered before this import began.
    existing_rows: i64,
    bulk_loading: bool,
    summary: ImportSummary,
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
        let tree = load_tree(tx.as_mut(), &today.to_iso_string()).await?;
        let existing_rows = if options.dry_run {
            0
        } else {
            tx.count_women().await?
        };
        Ok(Importer {
            app: self.clone(),
            actor: actor.clone(),
            options,
            source: source.chars().take(200).collect(),
            counties: CountyIndex::new(&tree, actor),
            county_cache: HashMap::new(),
            today,
            tx,
            seen: HashSet::new(),
            pending: Vec::with_capacity(BATCH_ROWS),
            first_id: None,
            last_id: None,
            existing_rows,
            bulk_loading: false,
            summary: ImportSummary::default(),
        })
    }
}

fn field_value<'a>(row: &'a ImportRow, field: &str) -> &'a str {
    let input = &row.input;
    match field {
        "national_id" => &input.national_id,
        "first_name" => &input.first_name,
        "last_name" => &input.last_name,
        "father_name" => &input.father_name,
        "birth_date" => &input.birth_date,
        "mobile" => &input.mobile,
        "county" => &row.county,
        "locality" => &input.locality,
        "settlement" => &input.settlement,
        "address" => &input.address,
        "education" => &input.education,
        "skills" => &input.skills,
        "sheba" => &input.sheba,
        "headship_cause" => &input.headship_cause,
        "income_decile" => &input.income_decile,
        "notes" => &input.notes,
        _ => "",
    }
}

impl Importer {
    pub fn summary(&self) -> &ImportSummary {
        &self.summary
    }

    fn problem(&mut self, row: &ImportRow, field: &str, message_fa: String, message_en: String) {
        if self.summary.problems.len() < MAX_REPORTED_PROBLEMS {
            self.summary.problems.push(ImportProblem {
                line: row.line,
                field: field.to_owned(),
                value: field_value(row, field).to_owned(),
                message_fa,
                message_en,
            });
        }
    }

    /// Checks one row and queues it for writing when valid.
    pub async fn push(&mut self, row: ImportRow) -> AppResult<()> {
        self.summary.read += 1;
        let county = match self.county_cache.get(&row.county) {
            Some(known) => known.clone(),
            None => {
                let resolved = self.counties.resolve(&row.county);
                if self.county_cache.len() < 10_000 {
                    self.county_cache
                        .insert(row.county.clone(), resolved.clone());
                }
                resolved
            }
        };
        let draft = WomanDraft::parse(&row.input, self.today);
        let (draft, place) = match (draft, county) {
            (Ok(draft), Ok(place)) => (draft, place),
            (draft, county) => {
                self.summary.rejected += 1;
                if let Err(error) = county {
                    self.problem(&row, "county", error.message_fa, error.message_en);
                }
                for problem in draft.err().unwrap_or_default() {
                    self.problem(&row, problem.field, problem.message_fa, problem.message_en);
                }
                return Ok(());
            }
        };
        let national_id = draft.national_id.as_str().to_owned();
        if !self.seen.insert(national_id.clone()) {
            self.summary.duplicates += 1;
            self.problem(
                &row,
                "national_id",
                "این کد ملی در ردیف‌های پیشین همین فایل آمده است".into(),
                "This national ID appears in an earlier row of this file".into(),
            );
            return Ok(());
        }
        self.pending
            .push((row.line, record_from_draft(&draft, place, None)));
        if self.pending.len() >= BATCH_ROWS {
            self.flush().await?;
        }
        Ok(())
    }

    /// Drops already-registered rows from the batch (reporting them) and writes the rest.
    async fn flush(&mut self) -> AppResult<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.pending);
        let ids: Vec<String> = batch.iter().map(|(_, r)| r.national_id.clone()).collect();
        let registered: HashSet<String> = self
            .tx
            .registered_national_ids(&ids)
            .await?
            .into_iter()
            .collect();
        let mut records = Vec::with_capacity(batch.len());
        for (line, record) in batch {
            if registered.contains(&record.national_id) {
                self.summary.duplicates += 1;
                let row = ImportRow {
                    line,
                    input: WomanInput {
                        national_id: record.national_id.clone(),
                        ..WomanInput::default()
                    },
                    ..ImportRow::default()
                };
                self.problem(
                    &row,
                    "national_id",
                    "زنی با این کد ملی پیش‌تر ثبت شده است".into(),
                    "A woman with this national ID is already registered".into(),
                );
            } else {
                records.push(record);
            }
        }
        let skip_writes =
            self.options.dry_run || (self.options.all_or_nothing && self.summary.has_problems());
        if skip_writes || records.is_empty() {
            self.summary.imported += if self.options.dry_run {
                records.len() as u64
            } else {
                0
            };
            return Ok(());
        }
        let loaded = self.summary.imported + records.len() as u64;
        if !self.bulk_loading
            && loaded >= BULK_LOAD_AFTER_ROWS
            && loaded as i64 >= self.existing_rows
        {
            self.tx.begin_bulk_load().await?;
            self.bulk_loading = true;
        }
        let now = self.app.now();
        let new_ids = self
            .tx
            .insert_women_batch(&records, CoverageStatus::Applicant.code(), now)
            .await?;
        let episodes: Vec<EpisodeRow> = new_ids
            .iter()
            .map(|id| EpisodeRow {
                id: 0,
                woman_id: *id,
                status: CoverageStatus::Applicant.code().into(),
                exit_reason: None,
                started_on: self.today.to_iso_string(),
                decided_by: self.actor.user_id,
                decided_by_name: self.actor.username.clone(),
                reason: "ورود از فایل".into(),
                recorded_at: now,
            })
            .collect();
        self.tx.insert_episodes_batch(&episodes).await?;
        self.first_id = self.first_id.or(new_ids.first().copied());
        self.last_id = new_ids.last().copied().or(self.last_id);
        self.summary.imported += new_ids.len() as u64;
        Ok(())
    }

    /// Writes what is left and commits — or rolls back (all-or-nothing with problems, dry run).
    pub async fn finish(mut self) -> AppResult<ImportSummary> {
        self.flush().await?;
        let roll_back =
            self.options.dry_run || (self.options.all_or_nothing && self.summary.has_problems());
        if roll_back {
            if !self.options.dry_run {
                self.summary.imported = 0;
            }
            drop(self.tx);
            return Ok(self.summary);
        }
        if self.bulk_loading {
            self.tx.finish_bulk_load().await?;
        }
        let (province_id, county_id) = (self.actor.scope.province(), self.actor.scope.county());
        let after = serde_json::json!({
            "source": self.source, "read": self.summary.read, "imported": self.summary.imported,
            "rejected": self.summary.rejected, "duplicates": self.summary.duplicates,
            "first_id": self.first_id, "last_id": self.last_id,
        });
        let app = self.app.clone();
        app.audit_in_tx(
            self.tx.as_mut(),
            AuditEntry {
                actor: &self.actor,
                action: "woman.import",
                entity_kind: "import",
                entity_id: self.first_id.map(|id| id.to_string()).unwrap_or_default(),
                province_id,
                county_id,
                before: None,
                after: Some(after),
            },
        )
        .await?;
        self.tx.commit().await?;
        self.summary.committed = true;
        Ok(self.summary)
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
