//! Import and export of the registry in the web app. An upload becomes an import job that
//! runs in the background while the page shows a progress bar (htmx polls a fragment); the
//! result lists the problems and offers the report for download, and a dry run can then be
//! applied. Jobs live in memory, belong to the user who started them, and the most recent
//! ones are kept. Exports and templates are downloads.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use hamyar_app::registry::import::{ImportOptions, ImportRow, ImportSummary};
use hamyar_app::{Actor, App, AppError, Permission};
use hamyar_exchange::{Column, FileFormat, Problem, SheetReader};
use serde::Deserialize;

use crate::context::{LoggedIn, PageCtx};
use crate::error::{ErrorPage, WebError, WebResult};
use crate::i18n::Lang;
use crate::pages::{page, render};
use crate::state::AppState;

/// Largest upload accepted by the web app (bigger files go through `hamyar import`).
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;
/// Jobs remembered (oldest forgotten first).
const KEPT_JOBS: usize = 50;
/// Problems listed on the page (all are in the downloadable report).
const PROBLEMS_SHOWN: usize = 200;

enum JobState {
    Running,
    Done(ImportSummary),
    Failed {
        message_fa: String,
        message_en: String,
    },
}

struct Job {
    id: String,
    owner: Option<i64>,
    file_name: String,
    format: FileFormat,
    options: ImportOptions,
    /// Kept after a dry run so that it can be applied without uploading again.
    bytes: Mutex<Option<Vec<u8>>>,
    rows_read: AtomicU64,
    total_rows: Option<u64>,
    state: Mutex<JobState>,
}

static JOBS: LazyLock<Mutex<VecDeque<Arc<Job>>>> = LazyLock::new(|| Mutex::new(VecDeque::new()));

fn remember(job: Arc<Job>) {
    let mut jobs = JOBS.lock().expect("jobs mutex");
    jobs.push_back(job);
    while jobs.len() > KEPT_JOBS {
        jobs.pop_front();
    }
}

/// The job, if it exists and belongs to this actor (others get 404).
fn job_of(actor: &Actor, id: &str) -> Result<Arc<Job>, WebError> {
    JOBS.lock()
        .expect("jobs mutex")
        .iter()
        .find(|job| job.id == id && job.owner == actor.user_id)
        .cloned()
        .ok_or(WebError::Page(ErrorPage::NotFound))
}

/// Reads every row and runs the import; the job's state says how it ended.
async fn run_job(app: App, actor: Actor, job: Arc<Job>, bytes: Vec<u8>) {
    let outcome = import_bytes(&app, &actor, &job, bytes.clone()).await;
    let state = match outcome {
        Ok(summary) => {
            if job.options.dry_run {
                *job.bytes.lock().expect("job bytes") = Some(bytes);
            }
            JobState::Done(summary)
        }
        Err((message_fa, message_en)) => JobState::Failed {
            message_fa,
            message_en,
        },
    };
    *job.state.lock().expect("job state") = state;
}

async fn import_bytes(
    app: &App,
    actor: &Actor,
    job: &Job,
    bytes: Vec<u8>,
) -> Result<ImportSummary, (String, String)> {
    let app_error = |e: AppError| {
        (
            format!("خطا در ورود داده؛ چیزی ذخیره نشد ({e})"),
            format!("Import failed; nothing was saved ({e})"),
        )
    };
    let reader =
        SheetReader::from_bytes(job.format, bytes).map_err(|e| (e.message_fa(), e.message_en()))?;
    let mut importer = app
        .begin_import(actor, &job.file_name, job.options)
        .await
        .map_err(app_error)?;
    for row in reader {
        let row = row.map_err(|e| {
            (
                format!("{} — چیزی ذخیره نشد", e.message_fa()),
                format!("{} — nothing was saved", e.message_en()),
            )
        })?;
        let (county, input) = hamyar_exchange::women::woman_input(&row);
        importer
            .push(ImportRow {
                line: row.line,
                county,
                input,
            })
            .await
            .map_err(app_error)?;
        job.rows_read.fetch_add(1, Ordering::Relaxed);
    }
    importer.finish().await.map_err(app_error)
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportTemplate {
    ctx: PageCtx,
    upload_action: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "import_job.html")]
struct JobTemplate {
    ctx: PageCtx,
    view: JobView,
}

#[derive(Template)]
#[template(path = "import_status.html")]
struct StatusTemplate {
    ctx: PageCtx,
    view: JobView,
}

/// What the progress and result fragment shows.
pub struct JobView {
    pub id: String,
    pub file_name: String,
    pub running: bool,
    pub rows_read: String,
    pub percent: Option<u64>,
    pub failure: Option<String>,
    pub summary: Option<SummaryView>,
    pub dry_run: bool,
}

pub struct SummaryView {
    pub read: String,
    pub imported: String,
    pub rejected: String,
    pub duplicates: String,
    /// Pairs queued for review, when there are any.
    pub likely_duplicates: Option<String>,
    pub committed: bool,
    pub has_problems: bool,
    pub can_apply: bool,
    pub problems: Vec<(String, String, String, String)>,
    pub more_problems: String,
}

fn job_view(job: &Job, lang: Lang) -> JobView {
    let rows_read = job.rows_read.load(Ordering::Relaxed);
    let state = job.state.lock().expect("job state");
    let (running, failure, summary) = match &*state {
        JobState::Running => (true, None, None),
        JobState::Failed {
            message_fa,
            message_en,
        } => (
            false,
            Some(if lang.is_english() {
                message_en.clone()
            } else {
                message_fa.clone()
            }),
            None,
        ),
        JobState::Done(summary) => (false, None, Some(summary_view(summary, job.options, lang))),
    };
    JobView {
        id: job.id.clone(),
        file_name: job.file_name.clone(),
        running,
        rows_read: lang.number(rows_read as i64),
        percent: job
            .total_rows
            .filter(|t| *t > 0)
            .map(|t| (rows_read * 100 / t).min(100)),
        failure,
        summary,
        dry_run: job.options.dry_run,
    }
}

fn summary_view(summary: &ImportSummary, options: ImportOptions, lang: Lang) -> SummaryView {
    let problems = summary
        .problems
        .iter()
        .take(PROBLEMS_SHOWN)
        .map(|p| {
            let column = Column::from_key(&p.field)
                .map(|c| {
                    if lang.is_english() {
                        c.header_en()
                    } else {
                        c.header_fa()
                    }
                })
                .unwrap_or(p.field.as_str())
                .to_owned();
            let message = if lang.is_english() {
                p.message_en.clone()
            } else {
                p.message_fa.clone()
            };
            (lang.number(p.line as i64), column, p.value.clone(), message)
        })
        .collect();
    SummaryView {
        read: lang.number(summary.read as i64),
        imported: lang.number(summary.imported as i64),
        rejected: lang.number(summary.rejected as i64),
        duplicates: lang.number(summary.duplicates as i64),
        likely_duplicates: (summary.likely_duplicates > 0)
            .then(|| lang.number(summary.likely_duplicates as i64)),
        committed: summary.committed,
        has_problems: summary.has_problems(),
        can_apply: options.dry_run && summary.imported > 0,
        problems,
        more_problems: lang.number(summary.problems.len().saturating_sub(PROBLEMS_SHOWN) as i64),
    }
}

pub async fn form(State(state): State<AppState>, who: LoggedIn) -> WebResult<Response> {
    who.actor().require(Permission::RegisterWomen)?;
    page(&import_template(&state, &who, None))
}

fn import_template(state: &AppState, who: &LoggedIn, error: Option<String>) -> ImportTemplate {
    ImportTemplate {
        ctx: PageCtx::for_user(&state.app, who, "import.title"),
        upload_action: format!("/women/import?csrf={}", who.ctx.csrf_token),
        error,
    }
}

/// Takes the uploaded file and the chosen mode, starts the job and shows its page.
pub async fn upload(
    State(state): State<AppState>,
    who: LoggedIn,
    mut multipart: Multipart,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::RegisterWomen)?;
    let lang = who.lang();
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut mode = String::from("dry_run");
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("file") => {
                let name = field.file_name().unwrap_or("").to_owned();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|_| WebError::Page(ErrorPage::TooLarge))?;
                file = Some((name, bytes.to_vec()));
            }
            Some("mode") => mode = field.text().await.unwrap_or_default(),
            _ => {}
        }
    }
    let Some((name, bytes)) = file.filter(|(name, bytes)| !name.is_empty() && !bytes.is_empty())
    else {
        let message = lang.t("import.no_file").to_owned();
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &import_template(&state, &who, Some(message)),
        );
    };
    let Some(format) = FileFormat::from_name(&name) else {
        let message = lang.t("import.bad_format").to_owned();
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &import_template(&state, &who, Some(message)),
        );
    };
    let options = match mode.as_str() {
        "valid_rows" => ImportOptions {
            dry_run: false,
            all_or_nothing: false,
        },
        "all_or_nothing" => ImportOptions {
            dry_run: false,
            all_or_nothing: true,
        },
        _ => ImportOptions {
            dry_run: true,
            all_or_nothing: false,
        },
    };
    let id = start_job(&state, actor, name, format, options, bytes);
    Ok(Redirect::to(&format!("/women/import/jobs/{id}")).into_response())
}

fn start_job(
    state: &AppState,
    actor: Actor,
    file_name: String,
    format: FileFormat,
    options: ImportOptions,
    bytes: Vec<u8>,
) -> String {
    let total_rows = SheetReader::from_bytes(format, bytes.clone())
        .ok()
        .and_then(|r| r.total_rows_hint());
    let job = Arc::new(Job {
        id: hamyar_app::sessions::random_token()[..16].to_owned(),
        owner: actor.user_id,
        file_name,
        format,
        options,
        bytes: Mutex::new(None),
        rows_read: AtomicU64::new(0),
        total_rows,
        state: Mutex::new(JobState::Running),
    });
    remember(job.clone());
    let id = job.id.clone();
    tokio::spawn(run_job(state.app.clone(), actor, job, bytes));
    id
}

pub async fn show_job(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let job = job_of(&who.actor(), &id)?;
    page(&JobTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "import.title"),
        view: job_view(&job, who.lang()),
    })
}

/// The fragment htmx polls while the job runs.
pub async fn job_status(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let job = job_of(&who.actor(), &id)?;
    page(&StatusTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "import.title"),
        view: job_view(&job, who.lang()),
    })
}

#[derive(Debug, Deserialize)]
pub struct ApplyForm {
    #[serde(default)]
    mode: String,
}

/// Applies a finished dry run: the same file, now written.
pub async fn apply_job(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<String>,
    Form(input): Form<ApplyForm>,
) -> WebResult<Response> {
    let actor = who.actor();
    let job = job_of(&actor, &id)?;
    let bytes = job
        .bytes
        .lock()
        .expect("job bytes")
        .take()
        .ok_or(WebError::Page(ErrorPage::NotFound))?;
    let options = ImportOptions {
        dry_run: false,
        all_or_nothing: input.mode == "all_or_nothing",
    };
    let new_id = start_job(
        &state,
        actor,
        job.file_name.clone(),
        job.format,
        options,
        bytes,
    );
    Ok(Redirect::to(&format!("/women/import/jobs/{new_id}")).into_response())
}

fn attachment(format: FileFormat, file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, format.mime_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

#[derive(Debug, Deserialize)]
pub struct FormatPath {
    format: String,
}

fn parse_format(raw: &str) -> Result<FileFormat, WebError> {
    FileFormat::from_extension(raw).ok_or(WebError::Page(ErrorPage::NotFound))
}

/// The problems of a job as a CSV or XLSX report.
pub async fn job_report(
    who: LoggedIn,
    Path((id, format)): Path<(String, String)>,
) -> WebResult<Response> {
    let job = job_of(&who.actor(), &id)?;
    let format = parse_format(&format)?;
    let problems: Vec<Problem> = match &*job.state.lock().expect("job state") {
        JobState::Done(summary) => summary
            .problems
            .iter()
            .map(|p| Problem {
                line: p.line,
                column: Column::from_key(&p.field),
                value: p.value.clone(),
                message_fa: p.message_fa.clone(),
            })
            .collect(),
        _ => return Err(WebError::Page(ErrorPage::NotFound)),
    };
    let bytes = hamyar_exchange::report_bytes(format, &problems);
    Ok(attachment(
        format,
        &format!("import-report.{}", format.extension()),
        bytes,
    ))
}

/// The empty import template.
pub async fn template(
    who: LoggedIn,
    Path(FormatPath { format }): Path<FormatPath>,
) -> WebResult<Response> {
    who.actor().require(Permission::RegisterWomen)?;
    let format = parse_format(&format)?;
    let bytes = hamyar_exchange::template_bytes(format);
    Ok(attachment(
        format,
        &format!("hamyar-women-template.{}", format.extension()),
        bytes,
    ))
}

#[derive(Debug, Deserialize)]
pub struct ExportQuery {
    #[serde(default)]
    format: String,
    #[serde(default)]
    county: String,
}

/// Downloads the registry in scope (optionally one county) as CSV or XLSX.
pub async fn export(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<ExportQuery>,
) -> WebResult<Response> {
    let format = if query.format.is_empty() {
        FileFormat::Xlsx
    } else {
        parse_format(&query.format)?
    };
    let county = hamyar_domain::to_latin_digits(query.county.trim())
        .parse::<i64>()
        .ok();
    let rows = state
        .app
        .export_women(&who.actor(), county, format.extension())
        .await?;
    let bytes = write_to_bytes(format, &rows).map_err(|e| WebError::internal(&e))?;
    let name = format!(
        "hamyar-women-{}.{}",
        state.app.today().to_iso_string(),
        format.extension()
    );
    Ok(attachment(format, &name, bytes))
}

/// Writes the export in memory and returns the file's bytes.
fn write_to_bytes(
    format: FileFormat,
    rows: &[hamyar_app::registry::export::ExportRow],
) -> Result<Vec<u8>, String> {
    let mut writer = hamyar_exchange::SheetWriter::in_memory(
        format,
        Column::EXPORT,
        hamyar_exchange::Headers::Persian,
    )
    .map_err(|e| e.message_en())?;
    for row in rows {
        writer
            .write_row(&hamyar_exchange::women::export_cells(
                &row.input,
                &row.extras,
            ))
            .map_err(|e| e.message_en())?;
    }
    writer.into_bytes().map_err(|e| e.message_en())
}

/// Phrases of the import and export pages: (key, Persian, English).
pub const PHRASES: &[(&str, &str, &str)] = &[
    ("import.title", "ورود گروهی از فایل", "Import from a file"),
    (
        "import.intro",
        "فایل اکسل (xlsx) یا CSV با سرستون‌های فارسی الگو را بارگذاری کنید. نخست هر ردیف بررسی می‌شود؛ گزارش خطاها با شماره‌ی ردیف و ستون آماده می‌شود و ورود یا همه‌ی ردیف‌های درست را ثبت می‌کند یا هیچ را.",
        "Upload an Excel (xlsx) or CSV file with the template's Persian headers. Every row is checked first; the problem report names row and column, and the import writes all valid rows or nothing.",
    ),
    (
        "import.template_xlsx",
        "دریافت الگوی اکسل",
        "Download the Excel template",
    ),
    (
        "import.template_csv",
        "دریافت الگوی CSV",
        "Download the CSV template",
    ),
    ("import.file", "فایل", "File"),
    (
        "import.file_hint",
        "حداکثر ۶۴ مگابایت؛ فایل‌های بزرگ‌تر را با فرمان hamyar import women وارد کنید",
        "At most 64 MB; import larger files with the hamyar import women command",
    ),
    ("import.mode", "شیوه‌ی ورود", "How to import"),
    (
        "import.mode_dry_run",
        "فقط بررسی و گزارش (چیزی ثبت نمی‌شود)",
        "Check and report only (nothing is written)",
    ),
    (
        "import.mode_valid_rows",
        "ثبت ردیف‌های درست و گزارش بقیه",
        "Write the valid rows and report the rest",
    ),
    (
        "import.mode_all_or_nothing",
        "همه یا هیچ: اگر حتی یک ردیف خطا داشت، هیچ ردیفی ثبت نشود",
        "All or nothing: write nothing if any row has a problem",
    ),
    ("import.start", "آغاز", "Start"),
    (
        "import.no_file",
        "فایلی برای بارگذاری انتخاب کنید",
        "Choose a file to upload",
    ),
    (
        "import.bad_format",
        "فقط فایل‌های xlsx و csv پذیرفته می‌شوند",
        "Only xlsx and csv files are accepted",
    ),
    (
        "import.running",
        "در حال بررسی و ورود",
        "Checking and importing",
    ),
    ("import.rows", "ردیف", "rows"),
    (
        "import.dry_run_done",
        "بررسی تمام شد؛ چیزی ثبت نشد. در صورت تمایل اکنون ثبت کنید.",
        "The check is done; nothing was written. You can import now.",
    ),
    (
        "import.committed",
        "ورود انجام و ثبت شد",
        "The import was written",
    ),
    (
        "import.rolled_back",
        "برخی ردیف‌ها خطا داشتند و شیوه‌ی «همه یا هیچ» انتخاب شده بود؛ هیچ ردیفی ثبت نشد",
        "Some rows had problems and all-or-nothing was chosen; nothing was written",
    ),
    ("import.read", "ردیف خوانده شد", "rows read"),
    ("import.imported", "ردیف ثبت شد", "rows imported"),
    (
        "import.would_import",
        "ردیف درست (آماده‌ی ثبت)",
        "valid rows (ready to import)",
    ),
    ("import.rejected", "ردیف نادرست", "rows rejected"),
    ("import.duplicates", "ردیف تکراری", "duplicate rows"),
    (
        "import.likely_duplicates",
        "جفت پرونده‌ی احتمالاً تکراری (نام و تاریخ تولد یا تلفن همراه یکسان) برای بررسی در صف قرار گرفت",
        "pairs of likely duplicates (same name and birth date, or same mobile) were queued for review",
    ),
    (
        "import.review_duplicates",
        "بررسی تکراری‌ها",
        "Review duplicates",
    ),
    (
        "import.report_xlsx",
        "گزارش خطاها (اکسل)",
        "Problem report (Excel)",
    ),
    (
        "import.report_csv",
        "گزارش خطاها (CSV)",
        "Problem report (CSV)",
    ),
    ("import.line", "ردیف", "Row"),
    ("import.column", "ستون", "Column"),
    ("import.value", "مقدار", "Value"),
    ("import.message", "خطا", "Problem"),
    (
        "import.more_problems",
        "خطاهای بیشتر در فایل گزارش:",
        "More problems in the report file:",
    ),
    (
        "import.apply_valid_rows",
        "ثبت ردیف‌های درست",
        "Import the valid rows",
    ),
    (
        "import.apply_all_or_nothing",
        "ثبت به شیوه‌ی همه یا هیچ",
        "Import all or nothing",
    ),
    (
        "import.back_to_registry",
        "بازگشت به فهرست زنان",
        "Back to the registry",
    ),
];
