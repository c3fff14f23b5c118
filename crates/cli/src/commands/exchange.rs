//! `hamyar import women|groups|stages|members|meetings|visits|business|payments|grants FILE`,
//! `hamyar import attendance FILE [--run CODE]`, `hamyar import assessments FILE --instrument
//! CODE` and `hamyar export women|assessments`: the registry in and out of CSV and XLSX files,
//! a province's history in — its groups' life, its year's money and its training providers'
//! attendance sheets — and one instrument's filled paper forms in and out (`forms`: their
//! columns come from the instrument in the database). Every import validates
//! each row like its form, reports each problem (row, column, value, Persian message) to the
//! terminal and optionally to a report file, and writes inside one transaction — for women
//! valid rows, or nothing with `--all-or-nothing`; for the history always all or nothing,
//! rows already present skipped — or nothing at all with `--dry-run`. Payments and grants
//! come in as proposals: what a row says was approved or paid on paper waits in a history
//! batch for a second person (`hamyar history confirm`), and the command says so.
//! `--template FILE` writes the kind's empty template. A progress bar shows on a terminal;
//! plain progress lines otherwise. The exit status is 1 when rows were rejected.
//!
//! [`explain`] is the commands' one rendering of an application error: every message of a
//! refusal, in Persian and then in English.

use hamyar_i18n::Lang;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, anyhow, bail};
use clap::{Args, Subcommand};
use hamyar_app::access::PlaceId;
use hamyar_app::imports::{HistoryImporter, HistoryKind, HistoryRow};
use hamyar_app::ports::Database;
use hamyar_app::registry::import::{ImportOptions, ImportRow, ImportSummary};
use hamyar_app::{Actor, App};
use hamyar_exchange::{
    Column, ExchangeError, FileFormat, Headers, Layout, Problem, ReadLimits, SheetKind,
    SheetReader, SheetRow, SheetWriter,
};
use indicatif::{ProgressBar, ProgressStyle};

use crate::config::Config;
use crate::runtime;

mod forms;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import women heads of household from a CSV or XLSX file.
    Women(ImportArgs),
    /// Import groups, with the dates they were identified, trained, registered, funded and
    /// became active (by group code; groups already there are skipped).
    Groups(ImportArgs),
    /// Import later stage moves of groups (inactive, reactivated, dissolved, graduated…).
    Stages(ImportArgs),
    /// Import memberships: a registered woman in a group from a date (and until one).
    Members(ImportArgs),
    /// Import group meetings on their real dates, attendance by national ID.
    Meetings(ImportArgs),
    /// Import monitoring visits of groups on their real dates.
    Visits(ImportArgs),
    /// Import groups' business months (revenue, costs, jobs, sales channels).
    Business(ImportArgs),
    /// Import the year's payments as proposals on their real dates; what was approved or
    /// paid on paper waits in a history batch for a second person (`hamyar history`).
    Payments(ImportArgs),
    /// Import the year's grants and their tranches as proposals; tranches approved or paid
    /// on paper wait in a history batch for a second person (`hamyar history`).
    Grants(ImportArgs),
    /// Import a training provider's attendance sheet: one row per woman and session, marked
    /// present, absent or excused (a different mark replaces the one recorded).
    Attendance(AttendanceArgs),
    /// Import filled paper forms of one instrument: one row per form (national ID, day, occasion,
    /// note, then one column per item); forms already recorded are skipped.
    Assessments(forms::FormsImportArgs),
}

/// What an import command reads.
enum Split {
    /// A kind of fixed columns, its arguments, and the run code to write into rows that leave
    /// it blank.
    Kind(SheetKind, ImportArgs, Option<String>),
    /// One instrument's paper forms.
    Forms(forms::FormsImportArgs),
}

impl ImportCommand {
    fn split(self) -> Split {
        let (kind, args) = match self {
            ImportCommand::Women(args) => (SheetKind::Women, args),
            ImportCommand::Groups(args) => (SheetKind::Groups, args),
            ImportCommand::Stages(args) => (SheetKind::Stages, args),
            ImportCommand::Members(args) => (SheetKind::Members, args),
            ImportCommand::Meetings(args) => (SheetKind::Meetings, args),
            ImportCommand::Visits(args) => (SheetKind::Visits, args),
            ImportCommand::Business(args) => (SheetKind::Business, args),
            ImportCommand::Payments(args) => (SheetKind::Payments, args),
            ImportCommand::Grants(args) => (SheetKind::Grants, args),
            ImportCommand::Attendance(args) => {
                return Split::Kind(SheetKind::Attendance, args.import, args.run);
            }
            ImportCommand::Assessments(args) => return Split::Forms(args),
        };
        Split::Kind(kind, args, None)
    }
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Export the registry of women to CSV or XLSX.
    Women(ExportArgs),
    /// Export one instrument's filled forms (answers and scores) to CSV or XLSX; the file
    /// imports back.
    Assessments(forms::FormsExportArgs),
    /// Export every line of the group funds' journal (CSV), from which anyone can recompute
    /// the savings-group report.
    Fund(super::fund::FundExportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import (.csv or .xlsx).
    #[arg(required_unless_present = "template")]
    file: Option<PathBuf>,
    /// Write the empty template with its Persian headers to this file (.csv or .xlsx) and exit.
    #[arg(long, value_name = "FILE", conflicts_with = "file")]
    template: Option<PathBuf>,
    /// Check every row and report; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Write nothing if any row has a problem (women; the group history always is).
    #[arg(long)]
    all_or_nothing: bool,
    /// Also write the problems to this file (.csv or .xlsx).
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Act as this user (their scope decides which counties are accepted); default: the console.
    #[arg(long = "as", value_name = "USERNAME")]
    as_user: Option<String>,
}

#[derive(Debug, Args)]
pub struct AttendanceArgs {
    #[command(flatten)]
    import: ImportArgs,
    /// The course run's code (in the importer's province), for the rows that have none: a
    /// provider's sheet is usually one run's and has no column for it.
    #[arg(long, value_name = "CODE")]
    run: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// csv or xlsx.
    #[arg(long, default_value = "xlsx")]
    format: String,
    /// Only this county (id, code or name).
    #[arg(long)]
    county: Option<String>,
    /// Output file (default: women-<date>.<format> in the current directory).
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Act as this user (their scope limits the export); default: the console.
    #[arg(long = "as", value_name = "USERNAME")]
    as_user: Option<String>,
}

fn format_of(path: &Path) -> anyhow::Result<FileFormat> {
    FileFormat::from_path(path)
        .ok_or_else(|| anyhow!("{}: use a .csv or .xlsx file", path.display()))
}

pub(crate) async fn actor_for(app: &App, username: Option<&str>) -> anyhow::Result<Actor> {
    match username {
        None => Ok(Actor::console()),
        Some(name) => match app.user_by_username(name).await? {
            Some(user) if !user.disabled => Ok(user.actor()),
            Some(_) => bail!("user {name:?} is disabled"),
            None => bail!("no user named {name:?}"),
        },
    }
}

pub async fn import(config: &Config, command: ImportCommand) -> anyhow::Result<ExitCode> {
    let (kind, args, run_code) = match command.split() {
        Split::Kind(kind, args, run_code) => (kind, args, run_code),
        Split::Forms(args) => return forms::import(config, args).await,
    };
    let layout = kind.layout();
    if let Some(path) = &args.template {
        hamyar_exchange::write_template_for(layout, path, format_of(path)?).map_err(in_english)?;
        outln!("template written to {}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let file = file_of(&args)?;
    // `SheetReader::open` reads women, and says which formats it takes for a file it cannot.
    let reader = match FileFormat::from_path(&file) {
        Some(format) if kind != SheetKind::Women => {
            SheetReader::open_layout(layout, format, &file, ReadLimits::for_command_line())
        }
        _ => SheetReader::open(&file),
    }
    .map_err(in_both_languages)?;
    let opened = runtime::open(config).await?;
    let actor = actor_for(&opened.app, args.as_user.as_deref()).await?;
    let options = ImportOptions {
        dry_run: args.dry_run,
        all_or_nothing: args.all_or_nothing,
        ..ImportOptions::default()
    };
    let started = Instant::now();
    let summary = match HistoryKind::from_key(kind.key()) {
        Some(history) => {
            let filled = Filled { run_code };
            run_history_import(
                &opened.app,
                &actor,
                history,
                &file,
                reader,
                options,
                &filled,
            )
            .await
        }
        None => run_import(&opened.app, &actor, &file, reader, options).await,
    };
    opened.store.close().await;
    report_import(layout, &summary?, &args, options, started)
}

/// Prints an import's outcome and problems, writes the problem report when asked, and says
/// whether rows were refused (exit 1).
fn report_import(
    layout: &Layout,
    summary: &ImportSummary,
    args: &ImportArgs,
    options: ImportOptions,
    started: Instant,
) -> anyhow::Result<ExitCode> {
    print_summary(layout, summary, options, started.elapsed().as_secs_f64());
    if let Some(batch) = summary.history_batch.filter(|_| summary.committed) {
        outln!(
            "paper decisions wait in history batch {batch} for a second person: \
             hamyar history confirm {batch} --as OTHER_USER [--evidence SCAN.pdf]"
        );
    }
    if let Some(report) = &args.report {
        let problems: Vec<Problem> = summary
            .problems
            .iter()
            .map(|problem| to_report_problem(layout, problem))
            .collect();
        hamyar_exchange::write_report(report, format_of(report)?, &problems).map_err(in_english)?;
        outln!(
            "report of {} problems written to {}",
            problems.len(),
            report.display()
        );
    }
    Ok(if summary.has_problems() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The file an import names.
fn file_of(args: &ImportArgs) -> anyhow::Result<PathBuf> {
    args.file
        .clone()
        .ok_or_else(|| anyhow!("name the file to import"))
}

/// The name of an imported file, for the audit trail.
fn source_of(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A sheet row as the importer's input.
pub fn import_row(row: &SheetRow) -> ImportRow {
    let (county, input) = hamyar_exchange::women::woman_input(row);
    ImportRow {
        line: row.line,
        county,
        input,
    }
}

pub fn to_report_problem(
    layout: &Layout,
    problem: &hamyar_app::registry::import::ImportProblem,
) -> Problem {
    Problem {
        line: problem.line,
        column: layout.header_fa_of(&problem.field).to_owned(),
        value: problem.value.clone(),
        message_fa: Lang::Fa.message(&problem.message),
    }
}

fn progress_bar(total: Option<u64>) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = match total {
        Some(rows) => ProgressBar::new(rows),
        None => ProgressBar::new_spinner(),
    };
    let template = if total.is_some() {
        "{bar:40} {pos}/{len} rows {per_sec} eta {eta}"
    } else {
        "{spinner} {pos} rows {per_sec}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    Some(bar)
}

/// Rows between plain progress lines when the output is not a terminal.
const PLAIN_PROGRESS_EVERY: u64 = 100_000;

async fn run_import(
    app: &App,
    actor: &Actor,
    file: &Path,
    reader: SheetReader,
    options: ImportOptions,
) -> anyhow::Result<ImportSummary> {
    let bar = progress_bar(reader.total_rows_hint());
    let mut importer = app
        .begin_import(actor, &source_of(file), options)
        .await
        .map_err(explain)?;
    let mut rows: u64 = 0;
    for row in reader {
        let row = row
            .map_err(in_both_languages)
            .context("the file could not be read to the end; nothing was imported")?;
        importer.push(import_row(&row)).await.map_err(explain)?;
        rows += 1;
        match &bar {
            Some(bar) => bar.inc(1),
            None if rows.is_multiple_of(PLAIN_PROGRESS_EVERY) => {
                eprintln!("progress: {rows} rows read")
            }
            None => {}
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    importer.finish().await.map_err(explain)
}

/// Cells the command line gives for rows that leave them blank.
struct Filled {
    /// `--run CODE` of `import attendance`.
    run_code: Option<String>,
}

impl Filled {
    fn fill(&self, row: &mut HistoryRow) {
        if let Some(code) = &self.run_code
            && row.get("run_code").is_empty()
        {
            row.cells.retain(|(key, _)| *key != "run_code");
            row.cells.push(("run_code", code.clone()));
        }
    }
}

/// Reads a file of the group history row by row into one history import.
async fn run_history_import(
    app: &App,
    actor: &Actor,
    kind: HistoryKind,
    file: &Path,
    reader: SheetReader,
    options: ImportOptions,
    filled: &Filled,
) -> anyhow::Result<ImportSummary> {
    let importer = app
        .begin_history_import(actor, kind, &source_of(file), options)
        .await
        .map_err(explain)?;
    feed_history_import(importer, reader, filled).await
}

/// Pushes every row of `reader` into a begun history import (a kind of the group history,
/// or an instrument's forms) and finishes it.
async fn feed_history_import(
    mut importer: HistoryImporter,
    reader: SheetReader,
    filled: &Filled,
) -> anyhow::Result<ImportSummary> {
    let bar = progress_bar(reader.total_rows_hint());
    let layout = reader.layout();
    for row in reader {
        let row = row
            .map_err(in_both_languages)
            .context("the file could not be read to the end; nothing was imported")?;
        let mut row = HistoryRow {
            line: row.line,
            cells: row.keyed(layout),
        };
        filled.fill(&mut row);
        importer.push(row).await.map_err(explain)?;
        match &bar {
            Some(bar) => bar.inc(1),
            None if importer.rows_read().is_multiple_of(1_000) => {
                eprintln!("progress: {} rows read", importer.rows_read())
            }
            None => {}
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    importer.finish().await.map_err(explain)
}

fn print_summary(layout: &Layout, summary: &ImportSummary, options: ImportOptions, seconds: f64) {
    for problem in summary.problems.iter().take(50) {
        let column = layout.header_fa_of(&problem.field);
        outln!(
            "row {}, {column} «{}»: {}",
            problem.line,
            problem.value,
            Lang::Fa.message(&problem.message)
        );
    }
    let shown = summary.problems.len().min(50) as u64;
    if summary.problems_total > shown {
        let kept = summary.problems.len();
        outln!(
            "… and {} more problems (use --report FILE to get the first {kept})",
            summary.problems_total - shown
        );
        for count in &summary.problem_counts {
            let column = layout.header_fa_of(&count.field);
            outln!("  {column}, {}: {}", count.kind.label_en(), count.count);
        }
    }
    let outcome = if options.dry_run {
        "dry run: nothing was written"
    } else if summary.committed {
        "committed"
    } else {
        "nothing was written (all or nothing, and some rows have problems)"
    };
    let imported_label = if options.dry_run {
        "would import"
    } else {
        "imported"
    };
    outln!(
        "read {}, {imported_label} {}, rejected {}, duplicates {} — {outcome} ({seconds:.1} s, {:.0} rows/s)",
        summary.read,
        summary.imported,
        summary.rejected,
        summary.duplicates,
        summary.read as f64 / seconds.max(0.001)
    );
    if summary.already_present > 0 {
        outln!(
            "{} rows were already present and were skipped",
            summary.already_present
        );
    }
    if summary.likely_duplicates > 0 {
        outln!(
            "{} pairs of likely duplicates (same name and birth date, or same mobile) were queued for review",
            summary.likely_duplicates
        );
    }
    if let Some(peak) = peak_memory_mib() {
        outln!("peak memory: {peak} MiB");
    }
}

/// The process's peak resident memory (Linux), for the import benchmark.
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

pub async fn export(config: &Config, command: ExportCommand) -> anyhow::Result<ExitCode> {
    let args = match command {
        ExportCommand::Women(args) => args,
        ExportCommand::Assessments(args) => return forms::export(config, args).await,
        ExportCommand::Fund(args) => return super::fund::export_fund(config, args).await,
    };
    let format = FileFormat::from_extension(&args.format)
        .ok_or_else(|| anyhow!("--format must be csv or xlsx"))?;
    let opened = runtime::open(config).await?;
    let actor = actor_for(&opened.app, args.as_user.as_deref()).await?;
    let county = match &args.county {
        Some(name) => Some(county_id(&opened.app, &actor, name).await?),
        None => None,
    };
    let path = args.output.clone().unwrap_or_else(|| {
        PathBuf::from(format!(
            "women-{}.{}",
            opened.app.today().to_iso_string(),
            format.extension()
        ))
    });
    let written = write_export(&opened.app, &actor, county, format, &path).await;
    opened.store.close().await;
    if written.is_err() {
        // Not on the audit trail, so not delivered.
        let _ = std::fs::remove_file(&path);
    }
    let written = written?;
    outln!("{written} women exported to {}", path.display());
    Ok(ExitCode::SUCCESS)
}

async fn county_id(
    app: &App,
    actor: &Actor,
    name: &str,
) -> anyhow::Result<hamyar_app::access::PlaceId> {
    let tree = app.place_tree().await?;
    let key = hamyar_domain::search_key(name);
    let latin = hamyar_domain::to_latin_digits(name.trim());
    tree.within(actor.scope)
        .into_iter()
        .find(|p| {
            p.kind == hamyar_app::access::ScopeKind::County
                && (p.id.to_string() == latin
                    || p.code == name
                    || hamyar_domain::search_key(&p.name_fa) == key
                    || hamyar_domain::search_key(&p.name_en) == key)
        })
        .map(|p| p.id)
        .ok_or_else(|| anyhow!("no county {name:?} in scope; run `hamyar places`"))
}

/// Writes export rows in `Column::EXPORT` order.
/// Writes the export of `actor`'s registry to `path` as the rows arrive, in
/// `Column::EXPORT` order.
async fn write_export(
    app: &App,
    actor: &Actor,
    county: Option<PlaceId>,
    format: FileFormat,
    path: &Path,
) -> anyhow::Result<u64> {
    let file_error =
        |e: ExchangeError| hamyar_app::AppError::Internal(Lang::En.message(&e.message()));
    let mut writer =
        SheetWriter::create(path, format, Column::EXPORT, Headers::Persian).map_err(in_english)?;
    let mut sink = |row: hamyar_app::registry::export::ExportRow| {
        writer.write_row(&export_cells(&row)).map_err(file_error)
    };
    app.export_women_into(actor, county, format.extension(), &mut sink)
        .await
        .map_err(explain)?;
    writer.finish().map_err(in_english)
}

pub fn export_cells(row: &hamyar_app::registry::export::ExportRow) -> Vec<String> {
    hamyar_exchange::women::export_cells(&row.input, &row.extras)
}

/// A file error as the command prints it, in English.
pub(crate) fn in_english(error: ExchangeError) -> anyhow::Error {
    anyhow!("{}", Lang::En.message(&error.message()))
}

/// A file error as the command prints it, in Persian and then in English.
fn in_both_languages(error: ExchangeError) -> anyhow::Error {
    let message = error.message();
    anyhow!(
        "{}\n{}",
        Lang::Fa.message(&message),
        Lang::En.message(&message)
    )
}

/// An application error as the commands print it: a refusal with every one of its messages,
/// each in Persian and then in English, one per line; the other errors in English.
pub(crate) fn explain(error: hamyar_app::AppError) -> anyhow::Error {
    use hamyar_app::AppError;
    let both = |message: &hamyar_domain::Message| {
        format!(
            "{}\n{}",
            Lang::Fa.message(message),
            Lang::En.message(message)
        )
    };
    match error {
        AppError::Forbidden => anyhow!("this user's role may not do this"),
        AppError::NotFound => anyhow!("not found, or outside this user's scope"),
        AppError::Invalid(errors) => anyhow!(
            "{}",
            errors
                .iter()
                .map(|error| both(&error.message))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        AppError::Conflict { message, .. } => anyhow!("{}", both(&message)),
        other => anyhow::Error::new(other),
    }
}
