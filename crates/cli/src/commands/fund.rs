//! The group fund on the console (issue 20). `hamyar report savings-groups`: the
//! savings-group report (`App::savings_group_report`) of a province, a county or the
//! country — or the user's own place — for a span of Jalali days, a row per group, county and
//! total with the totals and ratios, as JSON, CSV or XLSX
//! (`hamyar_reports::savings_groups_export`: the quarterly file in the savings-group MIS
//! format). `hamyar export fund`: every line of the fund's journal in the user's place as
//! CSV, read page by page (`App::fund_export_page`) and written as each page comes so memory
//! stays flat at national scale, then put on the audit trail (`App::record_fund_export`);
//! from it anyone can recompute the report. Both act as the console operator, or `--as` a
//! user whose permission and scope then apply.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, anyhow, bail};
use clap::Args;
use hamyar_app::access::PlaceId;
use hamyar_app::fund::ReportRows;
use hamyar_app::places::PlaceTree;
use hamyar_app::ports::Database;
use hamyar_domain::JalaliDate;
use hamyar_reports::money_export::ReportFormat;
use hamyar_reports::savings_groups_export::{
    FundJournalCsv, savings_groups_bytes, write_loans_csv, write_members_csv,
};

use crate::commands::exchange::{actor_for, in_english};
use crate::commands::report::find_province;
use crate::config::Config;
use crate::runtime;

#[derive(Debug, Args)]
pub struct SavingsGroupsArgs {
    /// The province: its code (`ir.qazvin` or `qazvin`) or its id (see `hamyar places`).
    #[arg(long, value_name = "CODE|ID", conflicts_with = "place")]
    province: Option<String>,
    /// Any place — the country, a province or a county — by its full code
    /// (`ir.qazvin.abyek`) or id; default the user's own place.
    #[arg(long, value_name = "CODE|ID")]
    place: Option<String>,
    /// The span's first Jalali day, e.g. 1405/04/01.
    #[arg(long, value_name = "DATE")]
    from: String,
    /// The span's last Jalali day, e.g. 1405/06/31.
    #[arg(long, value_name = "DATE")]
    to: String,
    /// json, csv or xlsx (needs --output).
    #[arg(long, value_name = "FORMAT", default_value = "json")]
    format: String,
    /// Write to FILE instead of standard output.
    #[arg(long, alias = "out", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Act as this user (her scope); default the console.
    #[arg(long = "as", value_name = "USERNAME")]
    as_user: Option<String>,
}

#[derive(Debug, Args)]
pub struct FundExportArgs {
    /// csv (the only format: the journal can be millions of lines).
    #[arg(long, value_name = "FORMAT", default_value = "csv")]
    format: String,
    /// Write to FILE instead of standard output.
    #[arg(long, short, alias = "out", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Act as this user (her scope limits the lines); default the console.
    #[arg(long = "as", value_name = "USERNAME")]
    as_user: Option<String>,
    /// journal (every line, the default), members (the groups' memberships) or loans (the
    /// loans owed on --as-of, a row per instalment of the schedule then in force).
    #[arg(long, value_name = "PART", default_value = "journal")]
    part: String,
    /// The day the members and loans are read as of (Jalali; default today).
    #[arg(long = "as-of", value_name = "JALALI")]
    as_of: Option<String>,
}

fn jalali(flag: &str, text: &str) -> anyhow::Result<JalaliDate> {
    JalaliDate::parse(text).map_err(|error| anyhow!("--{flag} {text:?}: {error}"))
}

/// Any place named by its code or id.
fn find_place(tree: &PlaceTree, place: &str) -> anyhow::Result<PlaceId> {
    let place = place.trim();
    match hamyar_domain::to_latin_digits(place).parse::<PlaceId>() {
        Ok(id) => tree.get(id),
        Err(_) => tree.by_code(place),
    }
    .map(|found| found.id)
    .ok_or_else(|| anyhow!("no place {place:?} (see `hamyar places`)"))
}

/// `hamyar report savings-groups`.
pub async fn savings_groups(config: &Config, args: SavingsGroupsArgs) -> anyhow::Result<ExitCode> {
    let format = ReportFormat::parse(&args.format)
        .ok_or_else(|| anyhow!("unknown format {:?}: use json, csv or xlsx", args.format))?;
    if format == ReportFormat::Xlsx && args.output.is_none() {
        bail!("an xlsx file needs --output FILE");
    }
    let (from, to) = (jalali("from", &args.from)?, jalali("to", &args.to)?);
    if to < from {
        bail!("--to {} is before --from {}", args.to, args.from);
    }
    let opened = runtime::open(config).await?;
    let result = async {
        let actor = actor_for(&opened.app, args.as_user.as_deref()).await?;
        let tree = opened.app.place_tree().await?;
        let place = match (&args.province, &args.place) {
            (Some(province), _) => Some(find_province(&tree, province)?),
            (None, Some(place)) => Some(find_place(&tree, place)?),
            (None, None) => None,
        };
        let report = opened
            .app
            .savings_group_report(&actor, place, from, to, ReportRows::EveryGroup)
            .await
            .map_err(|error| explained(error, &args.as_user))?;
        let bytes = savings_groups_bytes(&report, format).map_err(in_english)?;
        match &args.output {
            Some(path) => std::fs::write(path, &bytes)
                .with_context(|| format!("cannot write {}", path.display()))?,
            None => write_stdout(&bytes)?,
        }
        anyhow::Ok(ExitCode::SUCCESS)
    }
    .await;
    opened.store.close().await;
    result
}

/// Writes to standard output; a reader that went away early (`| head`) is not an error.
fn write_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    match std::io::stdout().lock().write_all(bytes) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => Ok(written?),
    }
}

/// `hamyar export fund`.
pub async fn export_fund(config: &Config, args: FundExportArgs) -> anyhow::Result<ExitCode> {
    if !args.format.trim().eq_ignore_ascii_case("csv") {
        bail!(
            "unknown format {:?}: the fund's journal is exported as csv only",
            args.format
        );
    }
    let part = args.part.trim().to_ascii_lowercase();
    if !matches!(part.as_str(), "journal" | "members" | "loans") {
        bail!(
            "unknown part {:?}: use journal, members or loans",
            args.part
        );
    }
    let as_of = match &args.as_of {
        Some(text) => Some(jalali("--as-of", text)?),
        None => None,
    };
    let opened = runtime::open(config).await?;
    if part != "journal" {
        let result = export_part(&opened.app, &args, &part, as_of).await;
        opened.store.close().await;
        return result;
    }
    let result = async {
        let actor = actor_for(&opened.app, args.as_user.as_deref()).await?;
        // The first page before any file: a refusal leaves nothing behind.
        let first = opened
            .app
            .fund_export_page(&actor, 0)
            .await
            .map_err(|error| explained(error, &args.as_user))?;
        let lines = match &args.output {
            Some(path) => {
                let file = File::create(path)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                let out = BufWriter::new(file);
                let written = write_journal(&opened.app, &actor, first, out).await;
                if written.is_err() {
                    // Not on the audit trail, so not delivered.
                    let _ = std::fs::remove_file(path);
                }
                written?
            }
            None => {
                let out = std::io::stdout().lock();
                write_journal(&opened.app, &actor, first, out).await?
            }
        };
        let recorded = opened
            .app
            .record_fund_export(&actor, "journal", i64::try_from(lines).unwrap_or(i64::MAX))
            .await;
        if let Err(error) = recorded {
            if let Some(path) = &args.output {
                let _ = std::fs::remove_file(path);
            }
            return Err(error.into());
        }
        if let Some(path) = &args.output {
            report_written(lines, path);
        }
        anyhow::Ok(ExitCode::SUCCESS)
    }
    .await;
    opened.store.close().await;
    result
}

/// The members' or the loans' file: read whole (a row per membership or per instalment of a
/// loan still owed, far fewer than the journal's lines), written, then audited.
async fn export_part(
    app: &hamyar_app::App,
    args: &FundExportArgs,
    part: &str,
    as_of: Option<JalaliDate>,
) -> anyhow::Result<ExitCode> {
    let actor = actor_for(app, args.as_user.as_deref()).await?;
    let day = as_of.unwrap_or_else(|| app.today());
    let rows: anyhow::Result<u64> = if part == "members" {
        let members = app
            .fund_export_members(&actor, day)
            .await
            .map_err(|error| explained(error, &args.as_user))?;
        match &args.output {
            Some(path) => {
                let file = File::create(path)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                Ok(write_members_csv(&members, BufWriter::new(file))?)
            }
            None => Ok(write_members_csv(&members, std::io::stdout().lock())?),
        }
    } else {
        let loans = app
            .fund_export_loans(&actor, day)
            .await
            .map_err(|error| explained(error, &args.as_user))?;
        match &args.output {
            Some(path) => {
                let file = File::create(path)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                Ok(write_loans_csv(&loans, BufWriter::new(file))?)
            }
            None => Ok(write_loans_csv(&loans, std::io::stdout().lock())?),
        }
    };
    let rows = rows?;
    if let Err(error) = app
        .record_fund_export(&actor, part, i64::try_from(rows).unwrap_or(i64::MAX))
        .await
    {
        if let Some(path) = &args.output {
            let _ = std::fs::remove_file(path);
        }
        return Err(error.into());
    }
    if let Some(path) = &args.output {
        outln!("{rows} rows of {part} exported to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// A refusal of the console says what to do: the women's funds are read as a user.
fn explained(error: hamyar_app::AppError, as_user: &Option<String>) -> anyhow::Error {
    match (error, as_user) {
        (hamyar_app::AppError::Forbidden, None) => anyhow!(
            "forbidden: the console operator may not read the group funds; \
             run as a user who may (--as USERNAME)"
        ),
        (error, _) => error.into(),
    }
}

fn report_written(lines: u64, path: &Path) {
    outln!("{lines} fund journal lines exported to {}", path.display());
}

/// Writes `first` and every further page of the journal into `out` as it is read; the lines
/// written. A reader of standard output that went away stops the export where it was.
async fn write_journal<W: Write>(
    app: &hamyar_app::App,
    actor: &hamyar_app::Actor,
    first: Vec<hamyar_app::ports::fund::FundEntryRow>,
    out: W,
) -> anyhow::Result<u64> {
    let gone = |error: &std::io::Error| error.kind() == std::io::ErrorKind::BrokenPipe;
    let mut csv = match FundJournalCsv::start(out) {
        Ok(csv) => csv,
        Err(error) if gone(&error) => return Ok(0),
        Err(error) => return Err(error).context("cannot write the journal"),
    };
    let mut page = first;
    while let Some(last) = page.last() {
        let after = last.id;
        match csv.write_page(&page) {
            Ok(()) => {}
            Err(error) if gone(&error) => return Ok(csv.lines()),
            Err(error) => return Err(error).context("cannot write the journal"),
        }
        page = app.fund_export_page(actor, after).await?;
    }
    let lines = csv.lines();
    match csv.finish() {
        Err(error) if !gone(&error) => Err(error).context("cannot write the journal"),
        _ => Ok(lines),
    }
}
