//! `hamyar import assessments FILE --instrument CODE` and `hamyar export assessments
//! --instrument CODE`: one instrument's filled paper forms in and out, through the same
//! reader, history importer, summary and problem report as every other import. The sheet's
//! columns are the instrument's (`hamyar_exchange::forms`), so unlike the other kinds the
//! database is opened first: the template, the reader and the export all need the latest
//! version of the instrument. Answers are read and written only by experts and social
//! workers (`Permission::Assess`), so the console names one with `--as`; the template,
//! which holds no answer, is written for anyone who may read the questionnaires.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{anyhow, bail};
use clap::Args;
use hamyar_app::access::{PlaceId, ScopeKind};
use hamyar_app::outcomes::export::{AssessmentExportQuery, ExportedForm};
use hamyar_app::outcomes::instruments::InstrumentVersion;
use hamyar_app::ports::Database;
use hamyar_app::registry::import::{ImportOptions, ImportSummary};
use hamyar_app::{Actor, App, AppError};
use hamyar_exchange::forms::{FormRow, form_cells, forms_layout};
use hamyar_exchange::{ExchangeError, FileFormat, Layout, LayoutWriter, ReadLimits, SheetReader};
use hamyar_i18n::Lang;

use super::{
    Filled, ImportArgs, actor_for, explain, feed_history_import, file_of, format_of,
    in_both_languages, in_english, report_import, source_of,
};
use crate::config::Config;
use crate::runtime;

#[derive(Debug, Args)]
pub struct FormsImportArgs {
    #[command(flatten)]
    import: ImportArgs,
    /// The instrument's code (`rosenberg`, `household_economics`, …): the items of its latest
    /// version are the sheet's columns.
    #[arg(long, value_name = "CODE")]
    instrument: String,
}

#[derive(Debug, Args)]
pub struct FormsExportArgs {
    /// The instrument's code (`rosenberg`, `household_economics`, …).
    #[arg(long, value_name = "CODE")]
    instrument: String,
    /// csv or xlsx.
    #[arg(long, default_value = "xlsx")]
    format: String,
    /// Only this province (id, code or name).
    #[arg(long, value_name = "PLACE")]
    province: Option<String>,
    /// Only this county (id, code or name).
    #[arg(long, value_name = "PLACE")]
    county: Option<String>,
    /// Output file (default: assessments-<code>-<date>.<format> in the current directory).
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Act as this user (an expert or social worker: their scope limits the export).
    #[arg(long = "as", value_name = "USERNAME")]
    as_user: Option<String>,
}

/// A refusal as the commands print it; the console is told who may read answers.
fn refusal(error: AppError, actor: &Actor) -> anyhow::Error {
    match error {
        AppError::Forbidden if actor.user_id.is_none() => anyhow!(
            "answers are read only by experts and social workers: name one with --as USERNAME"
        ),
        other => explain(other),
    }
}

/// What an import run did: wrote the template, or imported.
enum Ran {
    Template,
    Imported(&'static Layout, ImportSummary, ImportOptions, Instant),
}

pub(super) async fn import(config: &Config, args: FormsImportArgs) -> anyhow::Result<ExitCode> {
    let FormsImportArgs {
        import: args,
        instrument,
    } = args;
    let opened = runtime::open(config).await?;
    let ran = run_import(&opened.app, &instrument, &args).await;
    opened.store.close().await;
    match ran? {
        Ran::Template => Ok(ExitCode::SUCCESS),
        Ran::Imported(layout, summary, options, started) => {
            report_import(layout, &summary, &args, options, started)
        }
    }
}

/// The latest version of `code` among the questionnaires the actor may read.
async fn readable_instrument(
    app: &App,
    actor: &Actor,
    code: &str,
) -> anyhow::Result<InstrumentVersion> {
    let all = app
        .instruments(actor)
        .await
        .map_err(|error| refusal(error, actor))?;
    let codes: Vec<String> = all.iter().map(|v| v.row.code.clone()).collect();
    all.into_iter()
        .find(|version| version.row.code == code.trim())
        .ok_or_else(|| {
            anyhow!(
                "no instrument {code:?}; the instruments are: {}",
                codes.join(", ")
            )
        })
}

async fn run_import(app: &App, code: &str, args: &ImportArgs) -> anyhow::Result<Ran> {
    let actor = actor_for(app, args.as_user.as_deref()).await?;
    if let Some(path) = &args.template {
        let format = format_of(path)?;
        let instrument = readable_instrument(app, &actor, code).await?;
        let layout = forms_layout(&instrument.definition);
        hamyar_exchange::write_template_for(layout, path, format).map_err(in_english)?;
        outln!(
            "template of {} version {} written to {}",
            instrument.row.code,
            instrument.row.version,
            path.display()
        );
        return Ok(Ran::Template);
    }
    let file = file_of(args)?;
    let format = format_of(&file)?;
    let instrument = app
        .assessment_instrument(&actor, code)
        .await
        .map_err(|error| refusal(error, &actor))?;
    let layout = forms_layout(&instrument.definition);
    let reader = SheetReader::open_layout(layout, format, &file, ReadLimits::for_command_line())
        .map_err(in_both_languages)?;
    let options = ImportOptions {
        dry_run: args.dry_run,
        ..ImportOptions::default()
    };
    let started = Instant::now();
    let importer = app
        .begin_assessment_import(&actor, &instrument, &source_of(&file), options)
        .await
        .map_err(|error| refusal(error, &actor))?;
    let summary = feed_history_import(importer, reader, &Filled { run_code: None }).await?;
    Ok(Ran::Imported(layout, summary, options, started))
}

/// The place of the actor's scope named `text` (id, code or name), of `kind`.
async fn place_named(
    app: &App,
    actor: &Actor,
    text: &str,
    kind: ScopeKind,
) -> anyhow::Result<(PlaceId, Option<PlaceId>)> {
    let tree = app.place_tree().await?;
    let key = hamyar_domain::search_key(text);
    let latin = hamyar_domain::to_latin_digits(text.trim());
    tree.within(actor.scope)
        .into_iter()
        .find(|p| {
            p.kind == kind
                && (p.id.to_string() == latin
                    || p.code == text.trim()
                    || hamyar_domain::search_key(&p.name_fa) == key
                    || hamyar_domain::search_key(&p.name_en) == key)
        })
        .map(|p| (p.id, p.parent_id))
        .ok_or_else(|| anyhow!("no place {text:?} in scope; run `hamyar places`"))
}

/// The one place `--province` and `--county` name together, if any.
async fn export_place(
    app: &App,
    actor: &Actor,
    args: &FormsExportArgs,
) -> anyhow::Result<Option<PlaceId>> {
    let province = match &args.province {
        Some(text) => Some(place_named(app, actor, text, ScopeKind::Province).await?.0),
        None => None,
    };
    let Some(text) = &args.county else {
        return Ok(province);
    };
    let (county, parent) = place_named(app, actor, text, ScopeKind::County).await?;
    if province.is_some_and(|province| parent != Some(province)) {
        bail!("the county {text:?} is not in that province");
    }
    Ok(Some(county))
}

pub(super) async fn export(config: &Config, args: FormsExportArgs) -> anyhow::Result<ExitCode> {
    let format = FileFormat::from_extension(&args.format)
        .ok_or_else(|| anyhow!("--format must be csv or xlsx"))?;
    let opened = runtime::open(config).await?;
    let path = args.output.clone().unwrap_or_else(|| {
        PathBuf::from(format!(
            "assessments-{}-{}.{}",
            args.instrument.trim(),
            opened.app.today().to_iso_string(),
            format.extension()
        ))
    });
    let written = write_export(&opened.app, &args, format, &path).await;
    opened.store.close().await;
    if written.is_err() {
        // Not on the audit trail, so not delivered.
        let _ = std::fs::remove_file(&path);
    }
    let written = written?;
    outln!("{written} forms exported to {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// Writes the export to `path` as the forms arrive, in the columns of the instrument's
/// latest version.
async fn write_export(
    app: &App,
    args: &FormsExportArgs,
    format: FileFormat,
    path: &Path,
) -> anyhow::Result<u64> {
    let actor = actor_for(app, args.as_user.as_deref()).await?;
    let place = export_place(app, &actor, args).await?;
    let instrument = app
        .assessment_instrument(&actor, &args.instrument)
        .await
        .map_err(|error| refusal(error, &actor))?;
    let layout = forms_layout(&instrument.definition);
    let file_error = |e: ExchangeError| AppError::Internal(Lang::En.message(&e.message()));
    let mut writer = LayoutWriter::create(path, format, layout).map_err(in_english)?;
    let mut sink = |form: ExportedForm| {
        writer
            .write_row(&export_cells(layout, &form))
            .map_err(file_error)
    };
    let query = AssessmentExportQuery {
        instrument: instrument.row.code.clone(),
        place,
        format: format.extension().to_owned(),
    };
    app.export_assessments(&actor, &query, &mut sink)
        .await
        .map_err(|error| refusal(error, &actor))?;
    writer.finish().map_err(in_english)
}

/// An exported form's cells in `layout`'s columns.
fn export_cells(layout: &Layout, form: &ExportedForm) -> Vec<String> {
    form_cells(
        layout,
        &FormRow {
            national_id: &form.national_id,
            first_name: &form.first_name,
            last_name: &form.last_name,
            county: &form.county,
            version: form.row.instrument_version,
            taken_on: form.row.taken_on,
            occasion: &form.occasion,
            complete: form.row.complete,
            note: form.row.note.as_deref().unwrap_or(""),
            answers: &form.answers,
            scores: &form.row.scores,
        },
    )
}
