//! Imports (the registry of women, a province's group history: groups, stage moves,
//! members, visits…, and one instrument's filled paper forms) and the registry's export in
//! the web app. The import page offers every kind the person may import with its template —
//! an instrument's forms as one kind per instrument (`assessments:<code>`), to experts and
//! social workers, its columns those of the instrument's latest version; an upload is
//! streamed to disk and becomes an import job
//! (`import_jobs`) that runs in the background while the page shows a progress bar (htmx
//! polls a fragment); the result lists the first problems by row and column with counts of
//! all of them and offers the report for download, and a dry run can then be applied. Jobs
//! belong to the user who started them. Exports are written to disk and streamed; templates
//! are downloads. Nothing on these pages tells a web user to run a command on the server.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use askama::Template;
use axum::Form;
use axum::body::Body;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use hamyar_app::access::PlaceId;
use hamyar_app::imports::HistoryKind;
use hamyar_app::outcomes::instruments::InstrumentVersion;
use hamyar_app::registry::import::{ImportOptions, ImportSummary};
use hamyar_app::{Actor, App, AppError, Permission};
use hamyar_exchange::{Column, FileFormat, Layout, Problem, SheetKind};
use serde::Deserialize;
use tokio::io::AsyncReadExt;

use crate::context::{LoggedIn, PageCtx};
use crate::error::{ErrorPage, WebError, WebResult};
use crate::import_jobs::{ImportKind, Job, JobState, Upload, UploadRefusal};
use crate::pages::{number, page, render};
use crate::state::AppState;
use hamyar_i18n::{Arg, Lang};

/// Problems listed on the page (the first ones kept are in the downloadable report).
const PROBLEMS_SHOWN: usize = 200;

/// The job, if it exists and belongs to this person (others get 404).
fn job_of(state: &AppState, who: &LoggedIn, id: &str) -> Result<Arc<Job>, WebError> {
    state
        .imports
        .find(&who.actor(), id)
        .ok_or(WebError::Page(ErrorPage::NotFound))
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportTemplate {
    ctx: PageCtx,
    file_hint: String,
    error: Option<String>,
    kinds: Vec<KindChoice>,
    /// A money kind is chosen: the page says that a second person decides.
    money_chosen: bool,
}

/// One kind of import as the page offers it.
pub struct KindChoice {
    pub key: String,
    pub label: String,
    /// What the kind's file holds and what an import of it does.
    pub hint: String,
    pub selected: bool,
    /// Payments or grants: proposals only, what was decided on paper waits for a second
    /// person.
    pub money: bool,
}

fn kind_label(kind: &ImportKind, lang: Lang) -> String {
    match kind {
        ImportKind::Sheet(kind) => lang.tr(&format!("imports-kind-{}", kind.key()), &[]),
        ImportKind::Forms(instrument) => forms_label(instrument, lang),
    }
}

fn forms_label(instrument: &InstrumentVersion, lang: Lang) -> String {
    let title = &instrument.definition.title;
    lang.tr(
        "outcomes-import-kind",
        &[("instrument", Arg::Text(lang.pick(&title.fa, &title.en)))],
    )
}

/// The kinds this person may import, `selected` marked: the fixed kinds, then one per
/// instrument of `instruments` for whoever may assess.
fn kind_choices(
    actor: &Actor,
    selected: &ImportKind,
    instruments: &[InstrumentVersion],
    lang: Lang,
) -> Vec<KindChoice> {
    let chosen = selected.key();
    let mut choices: Vec<KindChoice> = SheetKind::ALL
        .into_iter()
        .map(ImportKind::Sheet)
        .filter(|kind| actor.can(permission_for(kind)))
        .map(|kind| {
            let key = kind.key();
            KindChoice {
                label: kind_label(&kind, lang),
                hint: lang.tr(&format!("imports-hint-{key}"), &[]),
                selected: key == chosen,
                money: is_money(&kind),
                key,
            }
        })
        .collect();
    if actor.can(Permission::Assess) {
        choices.extend(instruments.iter().map(|instrument| {
            let key = format!("{}{}", ImportKind::FORMS_PREFIX, instrument.row.code);
            KindChoice {
                label: forms_label(instrument, lang),
                hint: lang.tr("outcomes-import-hint", &[]),
                selected: key == chosen,
                money: false,
                key,
            }
        }));
    }
    choices
}

/// Whether the kind moves money (payments, grants).
fn is_money(kind: &ImportKind) -> bool {
    match kind {
        ImportKind::Sheet(kind) => {
            HistoryKind::from_key(kind.key()).is_some_and(HistoryKind::is_money)
        }
        ImportKind::Forms(_) => false,
    }
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
    /// What the file holds, in the reader's language.
    pub kind: String,
    /// Waiting for a parsing slot (other imports are being read).
    pub queued: bool,
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
    /// Rows of the group history already in the database, skipped (`None` for women).
    pub already_present: Option<String>,
    /// Whether the import is all or nothing whatever the mode (the group history).
    pub always_all_or_nothing: bool,
    /// Pairs queued for review, when there are any.
    pub likely_duplicates: Option<String>,
    pub committed: bool,
    pub has_problems: bool,
    pub can_apply: bool,
    pub problems: Vec<(String, String, String, String)>,
    /// Problems found but not listed on the page, when there are any.
    pub more_problems: Option<String>,
    /// Says that only the first problems were kept (and are in the report), when so.
    pub not_kept: Option<String>,
    /// Every problem counted by column and kind: (column, kind, count).
    pub counts: Vec<(String, String, String)>,
    /// A money import's paper decisions waiting for a second person: (sentence, the
    /// batch's page).
    pub history_batch: Option<(String, String)>,
}

fn job_view(job: &Job, lang: Lang) -> JobView {
    let rows_read = job.rows_read.load(Ordering::Relaxed);
    let total_rows = *job.total_rows.lock().expect("job rows");
    let state = job.state.lock().expect("job state");
    let (queued, running, failure, summary) = match &*state {
        JobState::Queued => (true, true, None, None),
        JobState::Running => (false, true, None, None),
        JobState::Failed(message) => (false, false, Some(lang.message(message)), None),
        JobState::Done(summary) => (
            false,
            false,
            None,
            Some(summary_view(job.kind.layout(), summary, job.options, lang)),
        ),
    };
    JobView {
        id: job.id.clone(),
        file_name: job.file_name.clone(),
        kind: kind_label(&job.kind, lang),
        queued,
        running,
        rows_read: lang.number(rows_read as i64),
        percent: total_rows
            .filter(|t| *t > 0)
            .map(|t| (rows_read * 100 / t).min(100)),
        failure,
        summary,
        dry_run: job.options.dry_run,
    }
}

fn column_name(layout: &Layout, field: &str, lang: Lang) -> String {
    layout.header_of(field, lang == Lang::En).to_owned()
}

fn summary_view(
    layout: &'static Layout,
    summary: &ImportSummary,
    options: ImportOptions,
    lang: Lang,
) -> SummaryView {
    let history = !layout.is_women();
    let problems = summary
        .problems
        .iter()
        .take(PROBLEMS_SHOWN)
        .map(|p| {
            (
                lang.number(p.line as i64),
                column_name(layout, &p.field, lang),
                p.value.clone(),
                lang.message(&p.message),
            )
        })
        .collect::<Vec<_>>();
    let shown = problems.len() as u64;
    let kept = summary.problems.len() as u64;
    let counts = summary
        .problem_counts
        .iter()
        .map(|c| {
            (
                column_name(layout, &c.field, lang),
                lang.pick(c.kind.label_fa(), c.kind.label_en()).to_owned(),
                lang.number(c.count as i64),
            )
        })
        .collect();
    SummaryView {
        read: lang.number(summary.read as i64),
        imported: lang.number(summary.imported as i64),
        rejected: lang.number(summary.rejected as i64),
        duplicates: lang.number(summary.duplicates as i64),
        already_present: history.then(|| lang.number(summary.already_present as i64)),
        always_all_or_nothing: history,
        likely_duplicates: (summary.likely_duplicates > 0)
            .then(|| lang.number(summary.likely_duplicates as i64)),
        committed: summary.committed,
        has_problems: summary.has_problems() || summary.already_present > 0,
        // A history with a refused row cannot be applied: it is all or nothing.
        can_apply: options.dry_run && summary.imported > 0 && !(history && summary.rejected > 0),
        problems,
        more_problems: (summary.problems_total > shown)
            .then(|| lang.number((summary.problems_total - shown) as i64)),
        not_kept: (summary.problems_total > kept).then(|| {
            lang.tr(
                "import-not_kept",
                &[
                    ("kept", Arg::Number(kept as i64)),
                    ("total", Arg::Number(summary.problems_total as i64)),
                ],
            )
        }),
        counts,
        history_batch: summary.history_batch.map(|batch| {
            (
                lang.tr(
                    "imports-history_batch_waiting",
                    &[("batch", Arg::Text(&lang.digits(&batch.to_string())))],
                ),
                format!("/money/history/{batch}"),
            )
        }),
    }
}

#[derive(Debug, Deserialize)]
pub struct KindQuery {
    #[serde(default)]
    kind: String,
}

/// The kind a query or form names: a fixed kind by its key, an instrument's forms by
/// `assessments:<code>` (its latest version; an instrument that does not exist is not
/// found), women when it names nothing we know.
async fn kind_of(state: &AppState, actor: &Actor, text: &str) -> Result<ImportKind, WebError> {
    let text = text.trim();
    let Some(code) = text.strip_prefix(ImportKind::FORMS_PREFIX) else {
        return Ok(ImportKind::Sheet(
            SheetKind::from_key(text).unwrap_or(SheetKind::Women),
        ));
    };
    match state.app.assessment_instrument(actor, code).await {
        Ok(instrument) => Ok(ImportKind::Forms(Arc::new(instrument))),
        Err(AppError::Invalid(_)) => Err(WebError::Page(ErrorPage::NotFound)),
        Err(other) => Err(other.into()),
    }
}

/// What importing a kind needs: the registry's women `RegisterWomen`, a kind of the
/// province's history what the history says (`ManageGroups` for the groups' history,
/// `ProposeSpending` for payments and grants), an instrument's forms `Assess`.
fn permission_for(kind: &ImportKind) -> Permission {
    match kind {
        ImportKind::Forms(_) => Permission::Assess,
        ImportKind::Sheet(kind) => match HistoryKind::from_key(kind.key()) {
            Some(history) => history.permission(),
            None => Permission::RegisterWomen,
        },
    }
}

/// Refuses a kind the person may not import (the use-cases check again).
fn require_for(actor: &Actor, kind: &ImportKind) -> Result<(), WebError> {
    actor.require(permission_for(kind))?;
    Ok(())
}

pub async fn form(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<KindQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::RegisterWomen)?;
    let kind = match kind_of(&state, &actor, &query.kind).await {
        Ok(kind) => kind,
        // A link to a kind this person may not import shows the page without it.
        Err(_) => ImportKind::Sheet(SheetKind::Women),
    };
    page(&import_template(&state, &who, &kind, None).await?)
}

/// The instruments whose forms this person may import (none without `Assess`).
async fn importable_instruments(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<InstrumentVersion>, WebError> {
    if !actor.can(Permission::Assess) {
        return Ok(Vec::new());
    }
    Ok(state.app.instruments(actor).await?)
}

async fn import_template(
    state: &AppState,
    who: &LoggedIn,
    kind: &ImportKind,
    error: Option<String>,
) -> Result<ImportTemplate, WebError> {
    let lang = who.lang();
    let actor = who.actor();
    let limit_mb = state.imports.settings().max_upload_bytes / (1024 * 1024);
    let instruments = importable_instruments(state, &actor).await?;
    Ok(ImportTemplate {
        ctx: PageCtx::for_user(&state.app, who, "import-title"),
        file_hint: lang.tr(
            "import-file_hint",
            &[("limit", Arg::Number(limit_mb as i64))],
        ),
        error,
        money_chosen: is_money(kind) && actor.can(permission_for(kind)),
        kinds: kind_choices(&actor, kind, &instruments, lang),
    })
}

async fn refused(state: &AppState, who: &LoggedIn, key: &str) -> WebResult<Response> {
    refused_for(state, who, &ImportKind::Sheet(SheetKind::Women), key).await
}

async fn refused_for(
    state: &AppState,
    who: &LoggedIn,
    kind: &ImportKind,
    key: &str,
) -> WebResult<Response> {
    let lang = who.lang();
    let limit_mb = state.imports.settings().max_upload_bytes / (1024 * 1024);
    let message = lang.tr(key, &[("limit", Arg::Number(limit_mb as i64))]);
    let status = match key {
        "import-too_large" => StatusCode::PAYLOAD_TOO_LARGE,
        "import-busy" => StatusCode::TOO_MANY_REQUESTS,
        "import-spool_failed" => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    render(
        status,
        &import_template(state, who, kind, Some(message)).await?,
    )
}

fn refusal_key(refusal: UploadRefusal) -> &'static str {
    match refusal {
        UploadRefusal::TooLarge => "import-too_large",
        UploadRefusal::Busy => "import-busy",
        UploadRefusal::Spool => "import-spool_failed",
        UploadRefusal::Interrupted => "import-interrupted",
    }
}

/// Takes the uploaded file (streamed to the spool on disk) and the chosen mode, starts the
/// job and shows its page.
pub async fn upload(
    State(state): State<AppState>,
    who: LoggedIn,
    mut multipart: Multipart,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::RegisterWomen)?;
    if state.imports.is_busy(&actor) {
        return refused(&state, &who, "import-busy").await;
    }
    let mut upload: Option<Upload> = None;
    let mut mode = String::from("dry_run");
    let mut kind = String::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => return refused(&state, &who, multipart_refusal(&error)).await,
        };
        match field.name() {
            Some("file") => match spool_upload(&state, field).await {
                Ok(kept) => upload = kept,
                Err(refusal) => return refused(&state, &who, refusal_key(refusal)).await,
            },
            Some("mode") => mode = short_text(field).await,
            Some("kind") => kind = short_text(field).await,
            _ => {}
        }
    }
    let kind = kind_of(&state, &actor, &kind).await?;
    require_for(&actor, &kind)?;
    let Some(mut upload) = upload else {
        return refused_for(&state, &who, &kind, "import-no_file").await;
    };
    upload.kind = kind.clone();
    let options = match mode.as_str() {
        "valid_rows" => ImportOptions {
            dry_run: false,
            ..ImportOptions::default()
        },
        "all_or_nothing" => ImportOptions {
            dry_run: false,
            all_or_nothing: true,
            ..ImportOptions::default()
        },
        _ => ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    };
    match state.imports.start(&state.app, actor, upload, options) {
        Ok(id) => Ok(Redirect::to(&format!("/women/import/jobs/{id}")).into_response()),
        Err(refusal) => refused_for(&state, &who, &kind, refusal_key(refusal)).await,
    }
}

/// A body cut off at the size limit is too large; any other broken body has no file we can read.
fn multipart_refusal(error: &axum::extract::multipart::MultipartError) -> &'static str {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        "import-too_large"
    } else {
        "import-no_file"
    }
}

/// A short form field; anything longer than a few bytes is not a mode we offer.
async fn short_text(mut field: axum::extract::multipart::Field<'_>) -> String {
    let mut text = Vec::new();
    while let Ok(Some(chunk)) = field.chunk().await {
        if text.len() + chunk.len() > 64 {
            return String::new();
        }
        text.extend_from_slice(&chunk);
    }
    String::from_utf8(text).unwrap_or_default()
}

/// Streams the file field to the spool; `None` when no file was chosen or its name is not
/// .xlsx or .csv (the file is then not kept).
async fn spool_upload(
    state: &AppState,
    mut field: axum::extract::multipart::Field<'_>,
) -> Result<Option<Upload>, UploadRefusal> {
    let file_name: String = field.file_name().unwrap_or("").chars().take(200).collect();
    let Some(format) = FileFormat::from_name(&file_name) else {
        return Ok(None);
    };
    let mut spooled = state.imports.spool_file().await?;
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => spooled.write(&chunk).await?,
            Ok(None) => break,
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(UploadRefusal::TooLarge);
            }
            Err(_) => return Err(UploadRefusal::Interrupted),
        }
    }
    if spooled.bytes_written() == 0 {
        return Ok(None);
    }
    let path = spooled.keep().await?;
    Ok(Some(Upload {
        path,
        file_name,
        format,
        // The form's kind field decides; set by the caller.
        kind: ImportKind::Sheet(SheetKind::Women),
    }))
}

pub async fn show_job(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let job = job_of(&state, &who, &id)?;
    page(&JobTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "import-title"),
        view: job_view(&job, who.lang()),
    })
}

/// The fragment htmx polls while the job runs.
pub async fn job_status(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(id): Path<String>,
) -> WebResult<Response> {
    let job = job_of(&state, &who, &id)?;
    page(&StatusTemplate {
        ctx: PageCtx::for_user(&state.app, &who, "import-title"),
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
    let job = job_of(&state, &who, &id)?;
    if state.imports.is_busy(&actor) {
        return refused(&state, &who, "import-busy").await;
    }
    let path = job.take_file().ok_or(WebError::Page(ErrorPage::NotFound))?;
    let options = ImportOptions {
        dry_run: false,
        all_or_nothing: input.mode == "all_or_nothing",
        ..ImportOptions::default()
    };
    let upload = Upload {
        path,
        file_name: job.file_name.clone(),
        format: job.format,
        kind: job.kind.clone(),
    };
    match state.imports.start(&state.app, actor, upload, options) {
        Ok(new_id) => Ok(Redirect::to(&format!("/women/import/jobs/{new_id}")).into_response()),
        Err(refusal) => refused(&state, &who, refusal_key(refusal)).await,
    }
}

fn attachment(format: FileFormat, file_name: &str, body: impl Into<Body>) -> Response {
    (
        [
            (header::CONTENT_TYPE, format.mime_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body.into(),
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
    State(state): State<AppState>,
    who: LoggedIn,
    Path((id, format)): Path<(String, String)>,
) -> WebResult<Response> {
    let job = job_of(&state, &who, &id)?;
    let format = parse_format(&format)?;
    let problems: Vec<Problem> = match &*job.state.lock().expect("job state") {
        JobState::Done(summary) => summary
            .problems
            .iter()
            .map(|p| Problem {
                line: p.line,
                column: job.kind.layout().header_fa_of(&p.field).to_owned(),
                value: p.value.clone(),
                message_fa: Lang::Fa.message(&p.message),
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

/// The empty import template of a kind (`?kind=groups`, `?kind=assessments:rosenberg`;
/// women by default).
pub async fn template(
    State(state): State<AppState>,
    who: LoggedIn,
    Path(FormatPath { format }): Path<FormatPath>,
    Query(query): Query<KindQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    let kind = kind_of(&state, &actor, &query.kind).await?;
    require_for(&actor, &kind)?;
    let format = parse_format(&format)?;
    let bytes = hamyar_exchange::template_bytes_for(kind.layout(), format);
    let name = kind.key().replace(':', "-");
    Ok(attachment(
        format,
        &format!("hamyar-{name}-template.{}", format.extension()),
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

/// Downloads the registry in scope (optionally one county) as CSV or XLSX. The file is
/// written to the spool on a blocking thread, in one of the slots imports use (a country's
/// registry is hundreds of megabytes of text: never in memory, never on the async workers),
/// and streamed from disk once the export is on the audit trail.
pub async fn export(
    State(state): State<AppState>,
    who: LoggedIn,
    Query(query): Query<ExportQuery>,
) -> WebResult<Response> {
    let actor = who.actor();
    actor.require(Permission::ExportRegistry)?;
    let format = if query.format.is_empty() {
        FileFormat::Xlsx
    } else {
        parse_format(&query.format)?
    };
    let county = number::<PlaceId>(&query.county);
    let slot = state.imports.file_slot().await;
    let path = state.imports.spool_path("export");
    let app = state.app.clone();
    let runtime = tokio::runtime::Handle::current();
    let target = path.clone();
    let written = tokio::task::spawn_blocking(move || {
        write_export(&runtime, &app, &actor, county, format, &target)
    })
    .await
    .map_err(|e| WebError::internal(&e.to_string()))?;
    drop(slot);
    if let Err(error) = written {
        let _ = std::fs::remove_file(&path);
        return Err(error.into());
    }
    let file = tokio::fs::File::open(&path)
        .await
        .map_err(|e| WebError::internal(&e.to_string()))?;
    // The open file stays readable; its name goes now, so nothing is left behind.
    let _ = std::fs::remove_file(&path);
    let name = format!(
        "hamyar-women-{}.{}",
        state.app.today().to_iso_string(),
        format.extension()
    );
    Ok(attachment(
        format,
        &name,
        Body::from_stream(chunks_of(file)),
    ))
}

/// Writes the export of `actor`'s registry to `path`, driving the async use-case through
/// `runtime` from a blocking thread.
fn write_export(
    runtime: &tokio::runtime::Handle,
    app: &App,
    actor: &Actor,
    county: Option<PlaceId>,
    format: FileFormat,
    path: &std::path::Path,
) -> Result<u64, AppError> {
    let file_error = |e: hamyar_exchange::ExchangeError| AppError::Internal(e.to_string());
    let mut writer = hamyar_exchange::SheetWriter::create(
        path,
        format,
        Column::EXPORT,
        hamyar_exchange::Headers::Persian,
    )
    .map_err(file_error)?;
    let mut sink = |row: hamyar_app::registry::export::ExportRow| {
        writer
            .write_row(&hamyar_exchange::women::export_cells(
                &row.input,
                &row.extras,
            ))
            .map_err(file_error)
    };
    runtime.block_on(app.export_women_into(actor, county, format.extension(), &mut sink))?;
    writer.finish().map_err(file_error)
}

/// A file as a stream of 64 KiB chunks.
fn chunks_of(
    file: tokio::fs::File,
) -> impl futures_util::Stream<Item = std::io::Result<axum::body::Bytes>> + Send {
    futures_util::stream::unfold(file, |mut file| async move {
        let mut buffer = vec![0u8; 64 * 1024];
        match file.read(&mut buffer).await {
            Ok(0) => None,
            Ok(read) => {
                buffer.truncate(read);
                Some((Ok(buffer.into()), file))
            }
            Err(error) => Some((Err(error), file)),
        }
    })
}
