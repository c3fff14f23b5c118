//! Importing a province's history from spreadsheets: its groups with the dates of their
//! first stages, their later stage moves, memberships, meetings, monitoring visits, business
//! months, the year's payments and grants, a training provider's attendance sheet, and the
//! filled paper forms of one instrument (`assessments`: its columns come from the instrument,
//! so it is begun with [`App::begin_assessment_import`] rather than a [`HistoryKind`]).
//! Money rows are only *proposed* (by a province's spending proposer); what they say was
//! approved and paid on paper waits in a history batch for a second person
//! ([`crate::history_batches`]), so four eyes hold for history too.
//!
//! This is the same import as the registry's (`registry::import`), for records that are
//! few (a province has hundreds of groups and thousands of members, not millions of women):
//! the same rows with line numbers, the same problem log by row and column
//! ([`ImportProblem`], [`ProblemKind`]), the same summary ([`ImportSummary`]), dry run and
//! one transaction. What differs is that every row goes through the very use-case its form
//! uses, in its `_in_tx` form — `create_group`, `move_group_stage`, `add_group_member`,
//! `end_group_membership`, `record_meeting`, `record_visit`, `record_business_month`,
//! `record_attendance`, `record_assessment` — so an
//! imported record obeys every rule a typed
//! one does (scope, county of the members, stage order, dates not after today nor before
//! the last move, overlapping memberships) and is audited as it would be, with one more
//! audit row (`import.<kind>`) naming the file, the importer and the counts.
//!
//! Decisions, documented in `docs/DESIGN.md` ("Importing a province's history"):
//! - **Always all-or-nothing.** A history is interdependent (a member needs her group, a
//!   move needs the one before), so a file with any refused row writes nothing. A dry run
//!   runs every row through the use-cases inside the transaction and rolls it back, so it
//!   reports exactly what applying would.
//! - **Idempotent by natural key.** A row whose record is already there — a group by its
//!   code in the province, a stage move by (group, stage, date), a membership by (group,
//!   woman, join date), a meeting by (group, date), a visit by (group, visit date), a
//!   business month by (group, month), an attendance mark by (session, woman) with the
//!   same mark, a form by (woman, instrument, occasion) with the same day and answers — is
//!   reported as *already present*
//!   and skipped, never written twice and never edited; so re-running a file, or a file
//!   with more rows added, imports only what is new. The one exception is attendance: a
//!   different mark for the same session and woman replaces the first, as marking the
//!   sheet again does. A different form for the same occasion is refused.
//! - **Order between files.** Women first (the registry import), then groups, stages,
//!   members and visits: each kind finds the records of the kinds before it in the
//!   database (meetings and business months after members). A dry run of members cannot
//!   see groups that were only dry-run. An attendance sheet needs its run planned and its
//!   women enrolled in Hamyar (the import neither plans nor enrols).
//! - A database error ends the import (nothing is written); a row refused by a uniqueness
//!   rule of the database stops checking the rows after it (on PostgreSQL the transaction
//!   can no longer be used), and says so.

pub mod assessments;
mod attendance;
mod business;
mod grants;
mod groups;
mod lookup;
mod meetings;
mod members;
mod paper;
mod payments;
mod visits;

use hamyar_domain::Message;
use serde_json::json;

use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult, FieldError};
use crate::outcomes::instruments::InstrumentVersion;
use crate::ports::Tx;
use crate::registry::import::{
    ImportOptions, ImportProblem, ImportSummary, ProblemKind, ProblemLog,
};
use crate::service::{App, AuditEntry};

/// The kinds of group history a file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HistoryKind {
    /// One row per group, with the dates of its first stages.
    Groups,
    /// One row per later stage move (inactive, reactivated, dissolved, graduated…).
    Stages,
    /// One row per membership: a woman in a group from a date, and until a date.
    Members,
    /// One row per meeting, attendance by national ID.
    Meetings,
    /// One row per monitoring visit.
    Visits,
    /// One row per group and month of its business.
    Business,
    /// One row per payment from a budget line, with its paper approval and payment.
    Payments,
    /// One row per grant, with its tranches and their paper approvals and payments.
    Grants,
    /// One row per woman and session of a course run: her attendance mark.
    Attendance,
}

impl HistoryKind {
    pub const ALL: [HistoryKind; 9] = [
        HistoryKind::Groups,
        HistoryKind::Stages,
        HistoryKind::Members,
        HistoryKind::Meetings,
        HistoryKind::Visits,
        HistoryKind::Business,
        HistoryKind::Payments,
        HistoryKind::Grants,
        HistoryKind::Attendance,
    ];

    /// The stable key, as files, URLs and commands name the kind.
    pub fn key(self) -> &'static str {
        match self {
            HistoryKind::Groups => "groups",
            HistoryKind::Stages => "stages",
            HistoryKind::Members => "members",
            HistoryKind::Meetings => "meetings",
            HistoryKind::Visits => "visits",
            HistoryKind::Business => "business",
            HistoryKind::Payments => "payments",
            HistoryKind::Grants => "grants",
            HistoryKind::Attendance => "attendance",
        }
    }

    /// Whether the kind moves money: its rows are proposals, and what was decided on paper
    /// waits for a second person (`history_batches`).
    pub fn is_money(self) -> bool {
        matches!(self, HistoryKind::Payments | HistoryKind::Grants)
    }

    /// What the importer must be allowed to do.
    pub fn permission(self) -> Permission {
        match self {
            HistoryKind::Payments | HistoryKind::Grants => Permission::ProposeSpending,
            HistoryKind::Attendance => Permission::RecordAttendance,
            _ => Permission::ManageGroups,
        }
    }

    pub fn from_key(key: &str) -> Option<HistoryKind> {
        Self::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// The keys of the cells a row of this kind is read by.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            HistoryKind::Groups => groups::GROUP_COLUMNS,
            HistoryKind::Stages => groups::STAGE_COLUMNS,
            HistoryKind::Members => members::COLUMNS,
            HistoryKind::Meetings => meetings::COLUMNS,
            HistoryKind::Visits => visits::COLUMNS,
            HistoryKind::Business => business::COLUMNS,
            HistoryKind::Payments => payments::COLUMNS,
            HistoryKind::Grants => grants::COLUMNS,
            HistoryKind::Attendance => attendance::COLUMNS,
        }
    }

    fn audit_action(self) -> &'static str {
        match self {
            HistoryKind::Groups => "import.groups",
            HistoryKind::Stages => "import.stages",
            HistoryKind::Members => "import.members",
            HistoryKind::Meetings => "import.meetings",
            HistoryKind::Visits => "import.visits",
            HistoryKind::Business => "import.business",
            HistoryKind::Payments => "import.payments",
            HistoryKind::Grants => "import.grants",
            HistoryKind::Attendance => "import.attendance",
        }
    }
}

/// What an import's rows are: a kind of the group history, or the forms of one instrument.
enum Sheet {
    History(HistoryKind),
    Forms(Box<assessments::FormsSheet>),
}

impl Sheet {
    /// The kind's key, as the audit trail names the import.
    fn key(&self) -> &'static str {
        match self {
            Sheet::History(kind) => kind.key(),
            Sheet::Forms(_) => "assessments",
        }
    }

    fn audit_action(&self) -> &'static str {
        match self {
            Sheet::History(kind) => kind.audit_action(),
            Sheet::Forms(_) => "import.assessments",
        }
    }

    /// The instrument and version the forms answered, for the audit row.
    fn instrument(&self) -> Option<String> {
        match self {
            Sheet::History(_) => None,
            Sheet::Forms(forms) => Some(format!(
                "{}:{}",
                forms.instrument.row.code, forms.instrument.row.version
            )),
        }
    }
}

/// One data row: its line number as the spreadsheet shows it and its cells by column key.
#[derive(Debug, Clone, Default)]
pub struct HistoryRow {
    pub line: u64,
    pub cells: Vec<(&'static str, String)>,
}

impl HistoryRow {
    /// The cell of `key`, trimmed; empty when the file lacks the column.
    pub fn get(&self, key: &str) -> &str {
        self.cells
            .iter()
            .find(|(column, _)| *column == key)
            .map_or("", |(_, value)| value.trim())
    }
}

/// The parts of a cell that holds a list (requests, referrals, channels, attendance),
/// trimmed, blanks dropped.
fn split(text: &str, separators: &[char]) -> Vec<String> {
    text.split(|c: char| separators.contains(&c))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What became of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowOutcome {
    /// Something was written (or would be, in a dry run).
    Imported,
    /// Its record was there already; the column named is the key that found it.
    AlreadyPresent(&'static str),
}

/// A refusal of one row: a use-case's error and the columns its fields came from.
struct RowRefusal {
    error: AppError,
    /// The use-case's field names and the columns they read (`code` → `group_code`).
    fields: &'static [(&'static str, &'static str)],
}

type RowResult = Result<RowOutcome, RowRefusal>;

/// A running history import: push rows, then finish. Dropping it rolls back.
pub struct HistoryImporter {
    app: App,
    actor: Actor,
    sheet: Sheet,
    options: ImportOptions,
    source: String,
    tx: Box<dyn Tx>,
    read: u64,
    imported: u64,
    already_present: u64,
    rejected: u64,
    /// A uniqueness rule of the database refused a row: the transaction is spent.
    stopped_at: Option<u64>,
    problems: ProblemLog,
    /// The batch holding the file's paper decisions (money kinds), once one is written.
    batch: paper::BatchSlot,
    /// The course runs an attendance file names, found once each.
    runs: attendance::RunCache,
}

impl App {
    /// Starts an import of `kind` on behalf of `actor`; `source` names the file for the
    /// audit trail. Only `options.dry_run` and `options.problems_kept` matter: a history
    /// import is always all-or-nothing.
    pub async fn begin_history_import(
        &self,
        actor: &Actor,
        kind: HistoryKind,
        source: &str,
        options: ImportOptions,
    ) -> AppResult<HistoryImporter> {
        actor.require(kind.permission())?;
        if kind.is_money() && actor.scope.province().is_none() {
            return Err(AppError::invalid(
                "kind",
                Message::new("imports-money_needs_a_province"),
            ));
        }
        let tx = self.db.write().await?;
        Ok(self.importer(actor, Sheet::History(kind), tx, source, options))
    }

    /// The latest version of the instrument `code`, whose columns a sheet of its paper forms
    /// has (`hamyar_exchange::forms`); only for whoever may assess.
    pub async fn assessment_instrument(
        &self,
        actor: &Actor,
        code: &str,
    ) -> AppResult<InstrumentVersion> {
        let mut tx = self.db.read().await?;
        let instrument = assessments::instrument_for_import(tx.as_mut(), actor, code).await?;
        tx.commit().await?;
        Ok(instrument)
    }

    /// Starts an import of filled paper forms of `instrument` (the version the sheet's columns
    /// were read with, from [`App::assessment_instrument`]) on behalf of `actor`, who must be
    /// allowed to assess; all or nothing like the group history. Refused when a newer version
    /// has been added since, because the forms are recorded against the latest.
    pub async fn begin_assessment_import(
        &self,
        actor: &Actor,
        instrument: &InstrumentVersion,
        source: &str,
        options: ImportOptions,
    ) -> AppResult<HistoryImporter> {
        actor.require(Permission::Assess)?;
        let mut tx = self.db.write().await?;
        let latest =
            assessments::instrument_for_import(tx.as_mut(), actor, &instrument.row.code).await?;
        assessments::same_version(instrument, &latest)?;
        let sheet = Sheet::Forms(Box::new(assessments::FormsSheet { instrument: latest }));
        Ok(self.importer(actor, sheet, tx, source, options))
    }

    fn importer(
        &self,
        actor: &Actor,
        sheet: Sheet,
        tx: Box<dyn Tx>,
        source: &str,
        options: ImportOptions,
    ) -> HistoryImporter {
        let source: String = source.chars().take(200).collect();
        HistoryImporter {
            app: self.clone(),
            actor: actor.clone(),
            options: ImportOptions {
                all_or_nothing: true,
                ..options
            },
            batch: paper::BatchSlot::new(sheet.key(), &source),
            sheet,
            runs: attendance::RunCache::default(),
            source,
            tx,
            read: 0,
            imported: 0,
            already_present: 0,
            rejected: 0,
            stopped_at: None,
            problems: ProblemLog::new(options.problems_kept),
        }
    }
}

impl HistoryImporter {
    /// Rows pushed so far.
    pub fn rows_read(&self) -> u64 {
        self.read
    }

    /// Checks and writes one row inside the import's transaction. Fails only when the
    /// import cannot go on (a database error): a refused row is a problem in the report.
    pub async fn push(&mut self, row: HistoryRow) -> AppResult<()> {
        self.read += 1;
        if self.stopped_at.is_some() {
            return Ok(());
        }
        let tx = self.tx.as_mut();
        let kind = match &self.sheet {
            Sheet::History(kind) => *kind,
            Sheet::Forms(forms) => {
                let outcome = assessments::import(&self.app, tx, &self.actor, &row, forms).await;
                return self.outcome(&row, outcome);
            }
        };
        let outcome = match kind {
            HistoryKind::Groups => groups::import_group(&self.app, tx, &self.actor, &row).await,
            HistoryKind::Stages => groups::import_stage(&self.app, tx, &self.actor, &row).await,
            HistoryKind::Members => members::import(&self.app, tx, &self.actor, &row).await,
            HistoryKind::Meetings => meetings::import(&self.app, tx, &self.actor, &row).await,
            HistoryKind::Visits => visits::import(&self.app, tx, &self.actor, &row).await,
            HistoryKind::Business => business::import(&self.app, tx, &self.actor, &row).await,
            HistoryKind::Payments => {
                payments::import(&self.app, tx, &self.actor, &row, &mut self.batch).await
            }
            HistoryKind::Grants => {
                grants::import(&self.app, tx, &self.actor, &row, &mut self.batch).await
            }
            HistoryKind::Attendance => {
                attendance::import(&self.app, tx, &self.actor, &row, &mut self.runs).await
            }
        };
        self.outcome(&row, outcome)
    }

    /// Counts a row's outcome and reports it; fails only on an error that is not the row's.
    fn outcome(&mut self, row: &HistoryRow, outcome: RowResult) -> AppResult<()> {
        match outcome {
            Ok(RowOutcome::Imported) => self.imported += 1,
            Ok(RowOutcome::AlreadyPresent(column)) => {
                self.already_present += 1;
                self.record(
                    row,
                    column,
                    ProblemKind::AlreadyPresent,
                    Message::new("imports-already_present"),
                );
            }
            Err(refusal) => self.refused(row, refusal)?,
        }
        Ok(())
    }

    fn record(&mut self, row: &HistoryRow, column: &str, kind: ProblemKind, message: Message) {
        self.problems.record(ImportProblem {
            line: row.line,
            field: column.to_owned(),
            kind,
            value: row.get(column).to_owned(),
            message,
        });
    }

    /// Reports a refused row by column; ends the import on an error that is not the row's.
    fn refused(&mut self, row: &HistoryRow, refusal: RowRefusal) -> AppResult<()> {
        let column_of = |field: &str| -> String {
            refusal
                .fields
                .iter()
                .find(|(name, _)| *name == field)
                .map_or(field, |(_, column)| column)
                .to_owned()
        };
        let errors: Vec<FieldError> = match refusal.error {
            AppError::Invalid(errors) => errors,
            AppError::Conflict { field, message } => {
                self.stopped_at = Some(row.line);
                vec![FieldError::new(field, message)]
            }
            AppError::NotFound => vec![FieldError::new(
                "group_code",
                Message::new("imports-no_group_with_code"),
            )],
            other => return Err(other),
        };
        self.rejected += 1;
        for error in errors {
            let column = column_of(error.field);
            self.record(row, &column, ProblemKind::Invalid, error.message);
        }
        if let Some(line) = self.stopped_at {
            self.record(
                row,
                "",
                ProblemKind::Invalid,
                Message::new("imports-stopped_after_row").arg("row", line as i64),
            );
        }
        Ok(())
    }

    /// Commits — or rolls back: a dry run, or any refused row (all-or-nothing).
    pub async fn finish(self) -> AppResult<ImportSummary> {
        let (problems, problems_total, problem_counts) = self.problems.finish();
        let mut summary = ImportSummary {
            read: self.read,
            imported: self.imported,
            rejected: self.rejected,
            duplicates: 0,
            already_present: self.already_present,
            likely_duplicates: 0,
            committed: false,
            problems,
            problems_total,
            problem_counts,
            history_batch: None,
        };
        let mut tx = self.tx;
        if self.options.dry_run || summary.rejected > 0 {
            if !self.options.dry_run {
                summary.imported = 0;
            }
            drop(tx);
            return Ok(summary);
        }
        let mut after = json!({
            "source": self.source,
            "kind": self.sheet.key(),
            "read": summary.read,
            "imported": summary.imported,
            "already_present": summary.already_present,
            "history_batch_id": self.batch.written(),
        });
        if let Some(instrument) = self.sheet.instrument() {
            after["instrument"] = json!(instrument);
        }
        self.app
            .audit_in_tx(
                tx.as_mut(),
                AuditEntry {
                    actor: &self.actor,
                    action: self.sheet.audit_action(),
                    entity_kind: "import",
                    entity_id: self.sheet.key().to_owned(),
                    province_id: self.actor.scope.province(),
                    county_id: self.actor.scope.county(),
                    before: None,
                    after: Some(after),
                },
            )
            .await?;
        tx.commit().await?;
        summary.committed = true;
        summary.history_batch = self.batch.written();
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn lists_in_a_cell_split_on_persian_and_latin_separators() {
        assert_eq!(
            split("بانک، اداره کار,  ", &['،', ',']),
            vec!["بانک".to_owned(), "اداره کار".to_owned()]
        );
        assert_eq!(split("", &['؛']), Vec::<String>::new());
    }
}
