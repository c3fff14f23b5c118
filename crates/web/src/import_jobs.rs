//! The web app's import jobs: an uploaded spreadsheet — women for the registry, a kind of
//! a province's group history (groups, stages, members, visits…), or one instrument's filled
//! paper forms ([`ImportKind`]) — becomes a job that waits for one of a few parsing slots,
//! runs on a blocking thread (never on the async workers), and reports its progress and
//! outcome to the page that polls it. Every kind goes through the same reader
//! (`SheetReader`, with the kind's layout — for forms, the one built from the instrument's
//! version), the same limits and the same summary; only the use-case the rows are handed to
//! differs.
//!
//! Every upload is treated as hostile. The file is streamed to a spool directory on disk as
//! it arrives (never held in memory) and refused past its size limit; the reader that parses
//! it enforces the configured [`ReadLimits`]; only a fixed number of files are parsed at once
//! (`concurrency`), so four bombs cannot take the whole machine; one person has at most one
//! job waiting or running, so she cannot crowd out her colleagues; and a finished job keeps
//! only the first problems and their counts. A dry run keeps its file so that it can be
//! applied without uploading again; every other file is deleted as soon as its job ends, and
//! a dry run's when it is applied, forgotten, or older than `kept_minutes`. The spool is a
//! private temporary directory (owner-only) removed when the server stops, unless the
//! operator names one.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hamyar_app::imports::{HistoryImporter, HistoryKind, HistoryRow};
use hamyar_app::outcomes::instruments::InstrumentVersion;
use hamyar_app::registry::import::{ImportOptions, ImportRow, ImportSummary};
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::Message;
use hamyar_exchange::forms::forms_layout;
use hamyar_exchange::{ExchangeError, FileFormat, Layout, ReadLimits, SheetKind, SheetReader};
use tokio::io::AsyncWriteExt;
use tokio::sync::Semaphore;

/// Finished jobs remembered per person when she starts another (her oldest are forgotten
/// first), so nobody can push her colleagues' results out by importing many small files.
const KEPT_JOBS_PER_PERSON: usize = 3;
/// Jobs remembered at most (the oldest finished ones are forgotten first); each keeps at
/// most `problems_kept` problems, so this bounds their memory too.
const KEPT_JOBS: usize = 200;

/// What the operator may tune about imports in the web app.
#[derive(Debug, Clone)]
pub struct ImportSettings {
    /// Where uploads wait while their job runs; a private temporary directory when `None`.
    pub spool_dir: Option<PathBuf>,
    /// Largest upload accepted, in bytes.
    pub max_upload_bytes: u64,
    /// Files parsed at the same time; more wait their turn.
    pub concurrency: usize,
    /// How long a finished job (and a dry run's file) is kept.
    pub kept_minutes: u64,
    /// Problems a job keeps (the first by row); all are counted.
    pub problems_kept: usize,
    /// What the reader refuses to go beyond.
    pub read_limits: ReadLimits,
}

impl Default for ImportSettings {
    fn default() -> Self {
        Self {
            spool_dir: None,
            max_upload_bytes: 64 * 1024 * 1024,
            concurrency: 1,
            kept_minutes: 60,
            problems_kept: 1_000,
            read_limits: ReadLimits::default(),
        }
    }
}

/// What an upload holds.
#[derive(Debug, Clone)]
pub enum ImportKind {
    /// A kind of fixed columns: women, or a kind of the group history.
    Sheet(SheetKind),
    /// Filled paper forms of one instrument, in the columns of this version.
    Forms(Arc<InstrumentVersion>),
}

impl ImportKind {
    /// The prefix of a forms kind's key, before the instrument's code.
    pub const FORMS_PREFIX: &'static str = "assessments:";

    /// The columns the file is read with.
    pub fn layout(&self) -> &'static Layout {
        match self {
            ImportKind::Sheet(kind) => kind.layout(),
            ImportKind::Forms(instrument) => forms_layout(&instrument.definition),
        }
    }

    /// The key the import page names the kind by (`members`, `assessments:rosenberg`).
    pub fn key(&self) -> String {
        match self {
            ImportKind::Sheet(kind) => kind.key().to_owned(),
            ImportKind::Forms(instrument) => {
                format!("{}{}", Self::FORMS_PREFIX, instrument.row.code)
            }
        }
    }
}

/// Where a job stands.
pub enum JobState {
    /// Waiting for a parsing slot.
    Queued,
    Running,
    Done(ImportSummary),
    /// Nothing was saved; the message says why, in the reader's language.
    Failed(Message),
}

impl JobState {
    fn is_finished(&self) -> bool {
        matches!(self, JobState::Done(_) | JobState::Failed(_))
    }
}

/// One upload being imported (or imported already).
pub struct Job {
    pub id: String,
    pub owner: Option<hamyar_app::access::UserId>,
    pub file_name: String,
    pub format: FileFormat,
    /// What the file holds: women, a kind of the group history, or an instrument's forms.
    pub kind: ImportKind,
    pub options: ImportOptions,
    /// The uploaded file on disk while the job runs, and after a dry run until it is applied.
    file: Mutex<Option<PathBuf>>,
    pub rows_read: AtomicU64,
    pub total_rows: Mutex<Option<u64>>,
    pub state: Mutex<JobState>,
    finished_at: Mutex<Option<Instant>>,
}

impl Job {
    fn finish(&self, state: JobState, keep_file: bool) {
        if !keep_file {
            self.forget_file();
        }
        *self.finished_at.lock().expect("job clock") = Some(Instant::now());
        *self.state.lock().expect("job state") = state;
    }

    fn is_finished(&self) -> bool {
        self.state.lock().expect("job state").is_finished()
    }

    /// Deletes the job's file, if it still has one.
    fn forget_file(&self) {
        if let Some(path) = self.file.lock().expect("job file").take() {
            remove_quietly(&path);
        }
    }

    /// Takes the kept file of a finished dry run, to import it for real.
    pub fn take_file(&self) -> Option<PathBuf> {
        self.file.lock().expect("job file").take()
    }
}

/// Why an upload was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadRefusal {
    /// The file is larger than `max_upload_bytes`.
    TooLarge,
    /// The person already has a job waiting or running.
    Busy,
    /// The spool could not be written (disk full, permissions); nothing was kept.
    Spool,
    /// The body broke off before the file ended.
    Interrupted,
}

/// A spool directory: a private temporary one, or the operator's.
enum Spool {
    Temporary(tempfile::TempDir),
    Configured(PathBuf),
}

impl Spool {
    fn path(&self) -> &Path {
        match self {
            Spool::Temporary(dir) => dir.path(),
            Spool::Configured(path) => path,
        }
    }
}

/// The import jobs of one server.
pub struct ImportJobs {
    settings: ImportSettings,
    spool: Spool,
    jobs: Mutex<VecDeque<Arc<Job>>>,
    parsing: Arc<Semaphore>,
}

impl ImportJobs {
    /// Prepares the spool: a configured directory is created if missing (files left in it by
    /// an earlier run are deleted: their jobs are gone).
    pub fn new(settings: ImportSettings) -> std::io::Result<ImportJobs> {
        let spool = match &settings.spool_dir {
            Some(path) => {
                std::fs::create_dir_all(path)?;
                for entry in std::fs::read_dir(path)?.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.ends_with(".upload") || name.ends_with(".export") {
                        remove_quietly(&entry.path());
                    }
                }
                Spool::Configured(path.clone())
            }
            None => Spool::Temporary(
                tempfile::Builder::new()
                    .prefix("hamyar-uploads-")
                    .tempdir()?,
            ),
        };
        let concurrency = settings.concurrency.max(1);
        Ok(ImportJobs {
            settings,
            spool,
            jobs: Mutex::new(VecDeque::new()),
            parsing: Arc::new(Semaphore::new(concurrency)),
        })
    }

    pub fn settings(&self) -> &ImportSettings {
        &self.settings
    }

    /// The job, if it exists and belongs to this actor.
    pub fn find(&self, actor: &Actor, id: &str) -> Option<Arc<Job>> {
        self.sweep();
        self.jobs
            .lock()
            .expect("jobs")
            .iter()
            .find(|job| job.id == id && job.owner == actor.user_id)
            .cloned()
    }

    /// This person's jobs still remembered, newest first (for her Today page).
    pub fn jobs_of(&self, actor: &Actor) -> Vec<Arc<Job>> {
        self.sweep();
        self.jobs
            .lock()
            .expect("jobs")
            .iter()
            .rev()
            .filter(|job| job.owner == actor.user_id)
            .cloned()
            .collect()
    }

    /// Whether this person has a job waiting or running.
    pub fn is_busy(&self, actor: &Actor) -> bool {
        self.sweep();
        self.jobs
            .lock()
            .expect("jobs")
            .iter()
            .any(|job| job.owner == actor.user_id && !job.is_finished())
    }

    /// Waits for one of the slots that file work (reading an upload, writing an export)
    /// takes turns on.
    pub async fn file_slot(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        self.parsing.clone().acquire_owned().await.ok()
    }

    /// A fresh path in the spool, for a file the server writes (an export).
    pub fn spool_path(&self, kind: &str) -> PathBuf {
        self.spool.path().join(format!("{}.{kind}", new_id()))
    }

    /// A new file in the spool for an upload; the caller writes it with [`SpoolFile::write`].
    pub async fn spool_file(&self) -> Result<SpoolFile, UploadRefusal> {
        let path = self.spool.path().join(format!("{}.upload", new_id()));
        let file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .await
            .map_err(|error| {
                tracing::error!(%error, "cannot create a file in the upload spool");
                UploadRefusal::Spool
            })?;
        Ok(SpoolFile {
            path: Some(path),
            file,
            written: 0,
            limit: self.settings.max_upload_bytes,
        })
    }

    /// Starts importing `file` for `actor` and returns the job's id.
    pub fn start(
        self: &Arc<Self>,
        app: &App,
        actor: Actor,
        upload: Upload,
        options: ImportOptions,
    ) -> Result<String, UploadRefusal> {
        let options = ImportOptions {
            problems_kept: self.settings.problems_kept,
            ..options
        };
        let job = Arc::new(Job {
            id: new_id(),
            owner: actor.user_id,
            file_name: upload.file_name,
            format: upload.format,
            kind: upload.kind,
            options,
            file: Mutex::new(Some(upload.path)),
            rows_read: AtomicU64::new(0),
            total_rows: Mutex::new(None),
            state: Mutex::new(JobState::Queued),
            finished_at: Mutex::new(None),
        });
        if !self.admit(job.clone()) {
            job.forget_file();
            return Err(UploadRefusal::Busy);
        }
        let id = job.id.clone();
        tokio::spawn(self.clone().run(app.clone(), actor, job));
        Ok(id)
    }

    /// Remembers a new job unless its owner has one waiting or running (checked under the
    /// same lock, so two uploads at once cannot both pass), forgetting old results beyond
    /// the bounds.
    fn admit(&self, job: Arc<Job>) -> bool {
        self.sweep();
        let owner = job.owner;
        let mut jobs = self.jobs.lock().expect("jobs");
        if jobs
            .iter()
            .any(|other| other.owner == owner && !other.is_finished())
        {
            return false;
        }
        jobs.push_back(job);
        let finished_of_owner = |jobs: &VecDeque<Arc<Job>>| {
            jobs.iter()
                .filter(|job| job.owner == owner && job.is_finished())
                .count()
        };
        while finished_of_owner(&jobs) > KEPT_JOBS_PER_PERSON {
            let oldest = jobs
                .iter()
                .position(|job| job.owner == owner && job.is_finished());
            forget(&mut jobs, oldest);
        }
        while jobs.len() > KEPT_JOBS {
            let oldest = jobs.iter().position(|job| job.is_finished());
            if oldest.is_none() {
                break;
            }
            forget(&mut jobs, oldest);
        }
        true
    }

    /// Forgets finished jobs older than `kept_minutes`, with their files.
    fn sweep(&self) {
        let keep = Duration::from_secs(self.settings.kept_minutes.saturating_mul(60));
        let mut jobs = self.jobs.lock().expect("jobs");
        jobs.retain(|job| {
            let finished = *job.finished_at.lock().expect("job clock");
            let expired = finished.is_some_and(|at| at.elapsed() >= keep);
            if expired {
                job.forget_file();
            }
            !expired
        });
    }

    /// Waits for a parsing slot, then reads and imports the file on a blocking thread.
    async fn run(self: Arc<Self>, app: App, actor: Actor, job: Arc<Job>) {
        let Ok(_permit) = self.parsing.clone().acquire_owned().await else {
            return;
        };
        *job.state.lock().expect("job state") = JobState::Running;
        let Some(path) = job.file.lock().expect("job file").clone() else {
            job.finish(JobState::Failed(Message::new("import-file_gone")), false);
            return;
        };
        let limits = self.settings.read_limits;
        let runtime = tokio::runtime::Handle::current();
        let worker = job.clone();
        let outcome = tokio::task::spawn_blocking(move || {
            import_file(&runtime, &app, &actor, &worker, &path, &limits)
        })
        .await
        .unwrap_or_else(|error| {
            tracing::error!(%error, "an import job stopped");
            Err(Message::new("import-stopped"))
        });
        match outcome {
            Ok(summary) => {
                let keep_file = job.options.dry_run && summary.imported > 0;
                job.finish(JobState::Done(summary), keep_file);
            }
            Err(message) => job.finish(JobState::Failed(message), false),
        }
    }
}

/// Forgets the job at `index`, with its file.
fn forget(jobs: &mut VecDeque<Arc<Job>>, index: Option<usize>) {
    if let Some(job) = index.and_then(|index| jobs.remove(index)) {
        job.forget_file();
    }
}

/// A file the person uploaded, now in the spool.
pub struct Upload {
    pub path: PathBuf,
    pub file_name: String,
    pub format: FileFormat,
    pub kind: ImportKind,
}

/// An upload being written to the spool; dropped unfinished, it deletes its file.
pub struct SpoolFile {
    path: Option<PathBuf>,
    file: tokio::fs::File,
    written: u64,
    limit: u64,
}

impl SpoolFile {
    /// Appends a chunk; refuses one that would take the file past the limit.
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), UploadRefusal> {
        self.written += chunk.len() as u64;
        if self.written > self.limit {
            return Err(UploadRefusal::TooLarge);
        }
        self.file.write_all(chunk).await.map_err(|error| {
            tracing::error!(%error, "cannot write to the upload spool");
            UploadRefusal::Spool
        })
    }

    pub fn bytes_written(&self) -> u64 {
        self.written
    }

    /// The finished file's path; it stays on disk.
    pub async fn keep(mut self) -> Result<PathBuf, UploadRefusal> {
        self.file.flush().await.map_err(|_| UploadRefusal::Spool)?;
        Ok(self
            .path
            .take()
            .expect("a spool file has its path until kept"))
    }
}

impl Drop for SpoolFile {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            remove_quietly(&path);
        }
    }
}

/// Reads every row and runs the import, on a blocking thread; the async importer is driven
/// through `runtime`.
fn import_file(
    runtime: &tokio::runtime::Handle,
    app: &App,
    actor: &Actor,
    job: &Job,
    path: &Path,
    limits: &ReadLimits,
) -> Result<ImportSummary, Message> {
    let reader = SheetReader::open_layout(job.kind.layout(), job.format, path, *limits)
        .map_err(file_error)?;
    *job.total_rows.lock().expect("job rows") = reader.total_rows_hint();
    let kind = match &job.kind {
        ImportKind::Forms(instrument) => {
            let begun = app.begin_assessment_import(actor, instrument, &job.file_name, job.options);
            let importer = runtime.block_on(begun).map_err(app_error)?;
            return feed_history(runtime, job, importer, reader);
        }
        ImportKind::Sheet(kind) => *kind,
    };
    match HistoryKind::from_key(kind.key()) {
        Some(kind) => import_history(runtime, app, actor, job, kind, reader),
        None => import_women(runtime, app, actor, job, reader),
    }
}

fn app_error(error: AppError) -> Message {
    Message::new("import-failed").arg("error", error.to_string())
}

/// The registry's streamed import of women.
fn import_women(
    runtime: &tokio::runtime::Handle,
    app: &App,
    actor: &Actor,
    job: &Job,
    reader: SheetReader,
) -> Result<ImportSummary, Message> {
    let mut importer = runtime
        .block_on(app.begin_import(actor, &job.file_name, job.options))
        .map_err(app_error)?;
    for row in reader {
        let row = row.map_err(file_error)?;
        let (county, input) = hamyar_exchange::women::woman_input(&row);
        let pushed = importer.push(ImportRow {
            line: row.line,
            county,
            input,
        });
        runtime.block_on(pushed).map_err(app_error)?;
        job.rows_read.fetch_add(1, Ordering::Relaxed);
    }
    runtime.block_on(importer.finish()).map_err(app_error)
}

/// A kind of the group history, row by row through its forms' use-cases in one transaction.
fn import_history(
    runtime: &tokio::runtime::Handle,
    app: &App,
    actor: &Actor,
    job: &Job,
    kind: HistoryKind,
    reader: SheetReader,
) -> Result<ImportSummary, Message> {
    let importer = runtime
        .block_on(app.begin_history_import(actor, kind, &job.file_name, job.options))
        .map_err(app_error)?;
    feed_history(runtime, job, importer, reader)
}

/// Every row of `reader` into a begun history import (a kind of the group history, or an
/// instrument's forms), then its summary.
fn feed_history(
    runtime: &tokio::runtime::Handle,
    job: &Job,
    mut importer: HistoryImporter,
    reader: SheetReader,
) -> Result<ImportSummary, Message> {
    let layout = reader.layout();
    for row in reader {
        let row = row.map_err(file_error)?;
        let pushed = importer.push(HistoryRow {
            line: row.line,
            cells: row.keyed(layout),
        });
        runtime.block_on(pushed).map_err(app_error)?;
        job.rows_read.fetch_add(1, Ordering::Relaxed);
    }
    runtime.block_on(importer.finish()).map_err(app_error)
}

fn file_error(error: ExchangeError) -> Message {
    Message::new("import-file_failed").arg("error", error.message())
}

fn new_id() -> String {
    hamyar_app::sessions::random_token()[..16].to_owned()
}

fn remove_quietly(path: &Path) {
    if let Err(error) = std::fs::remove_file(path)
        && error.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!(%error, "cannot delete an upload from the spool");
    }
}
