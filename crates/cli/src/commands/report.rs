//! `hamyar report spending`: a province's budget report for a fiscal year (budget, committed,
//! paid, open commitments and what is left, by county × category, with totals), now or as of
//! a day, as CSV or JSON on standard output or CSV, XLSX or JSON into a file. It acts as the
//! console operator and writes through `hamyar_reports::money_export`, the same code as the web
//! download, so the two files are always the same.
//!
//! `hamyar report summary`: a province's press summary for a fiscal year
//! (`App::press_summary`) — the Persian paragraph as text, or its figures and the paragraph
//! as JSON, or both in an XLSX sheet — on standard output or into a file; or, as PDF, the
//! provincial report: the summary with the province's dashboard, its charts and tables
//! (`hamyar_reports::report_pdf`, the same file the web page serves).
//!
//! `hamyar report monthly`: the monthly performance report a province sends the national
//! office — every catalogue figure for one Jalali month and the year to its end, and the
//! counties' — as PDF on the configured letterhead or as XLSX
//! (`hamyar_reports::documents::monthly`, the same files the press page prints).
//!
//! `hamyar report figures`: every figure of the catalogue (`App::figure_sheet`) for a
//! province or one of its counties, a year and a day, as JSON, CSV or XLSX
//! (`hamyar_reports::figures_export`, the same file the figures page serves).
//!
//! `hamyar report training`: the training report (`App::training_report`) of a province or
//! one of its counties for a year or a span of it — by county, course kind and provider, with
//! the totals — as JSON, CSV or XLSX (`hamyar_reports::training_export`, the same file the
//! training report page serves); as the console operator, or `--as` a user, whose scope and
//! money permission then apply.
//!
//! `hamyar report outcomes`: the outcome report (`App::outcome_report`) of a province or one
//! of its counties for a year or a span of it — each woman's baseline paired with her latest
//! form, by county, business field and cohort, with the women behind each figure, and the
//! exits as empowered and returns — as JSON, CSV or XLSX (`hamyar_reports::outcomes_export`,
//! the same file the outcome report page serves); `--as` a user without personal data
//! (public relations) gets the small cells hidden.
//!
//! `hamyar report savings-groups`: the group funds' savings-group report, in `commands::fund`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, anyhow, bail};
use clap::Subcommand;
use hamyar_app::Actor;
use hamyar_app::access::ScopeKind;
use hamyar_app::ports::Database;
use hamyar_domain::{FiscalYear, JalaliDate};
use hamyar_reports::money_export::{ReportFormat, budget_report_bytes};

use crate::commands::exchange::in_english;
use crate::config::Config;
use crate::runtime;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Budget vs committed vs paid of a province's lines, by county and category.
    Spending {
        /// The province: its code (`ir.qazvin` or `qazvin`) or its id (see `hamyar places`).
        #[arg(long, value_name = "CODE|ID")]
        province: String,
        /// The Jalali fiscal year, e.g. 1405.
        #[arg(long, value_name = "YEAR")]
        year: String,
        /// Figures as of the end of this Jalali day (e.g. 1405/09/08); default now.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// csv, xlsx or json.
        #[arg(long, value_name = "FORMAT", default_value = "csv")]
        format: String,
        /// Write to FILE instead of standard output (required for xlsx).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The press summary: the province's figures for the year and the Persian paragraph.
    Summary {
        /// The province: its code (`ir.qazvin` or `qazvin`) or its id (see `hamyar places`).
        #[arg(long, value_name = "CODE|ID")]
        province: String,
        /// The Jalali fiscal year, e.g. 1405.
        #[arg(long, value_name = "YEAR")]
        year: String,
        /// text (the paragraph), json (figures and paragraph), xlsx (both; needs --out) or
        /// pdf (the provincial report with the dashboard's charts and tables; needs --out).
        #[arg(long, value_name = "FORMAT", default_value = "text")]
        format: String,
        /// Write to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Every figure of the catalogue for a province (or one of its counties) and a year:
    /// key, names, definition and value — what a national office collects.
    Figures {
        /// The province: its code (`ir.qazvin` or `qazvin`) or its id (see `hamyar places`).
        #[arg(long, value_name = "CODE|ID")]
        province: String,
        /// One county of the province: its code (`ir.qazvin.abyek` or `abyek`) or its id.
        #[arg(long, value_name = "CODE|ID")]
        county: Option<String>,
        /// The Jalali fiscal year, e.g. 1405.
        #[arg(long, value_name = "YEAR")]
        year: String,
        /// Count up to the end of this Jalali day (e.g. 1405/06/31); default today, or the
        /// year's last day for a past year.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// json, csv or xlsx (needs --out).
        #[arg(long, value_name = "FORMAT", default_value = "json")]
        format: String,
        /// Write to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The training report: courses run, women enrolled and completed, completion rate,
    /// hours, follow-ups and costs, by county, course kind and provider.
    Training {
        /// The province: its code (`ir.qazvin` or `qazvin`) or its id (see `hamyar places`).
        #[arg(long, value_name = "CODE|ID")]
        province: String,
        /// One county of the province: its code (`ir.qazvin.abyek` or `abyek`) or its id.
        #[arg(long, value_name = "CODE|ID")]
        county: Option<String>,
        /// The Jalali fiscal year, e.g. 1405.
        #[arg(long, value_name = "YEAR")]
        year: String,
        /// The span's first Jalali day (e.g. 1405/04/01); default the year's first.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// The span's last Jalali day; default the year's last (counted up to today).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// json, csv or xlsx (needs --out).
        #[arg(long, value_name = "FORMAT", default_value = "json")]
        format: String,
        /// Write to FILE instead of standard output.
        #[arg(long, alias = "output", value_name = "FILE")]
        out: Option<PathBuf>,
        /// Act as this user (her scope; money only with her permission); default the console.
        #[arg(long = "as", value_name = "USERNAME")]
        as_user: Option<String>,
    },
    /// The outcome report: paired change from baseline in income, the share earning, pension
    /// dependence and self-esteem, by county, business field and cohort, with the women
    /// behind each figure; exits as empowered and returns to coverage.
    Outcomes {
        /// The province: its code (`ir.qazvin` or `qazvin`) or its id (see `hamyar places`).
        #[arg(long, value_name = "CODE|ID")]
        province: String,
        /// One county of the province: its code (`ir.qazvin.abyek` or `abyek`) or its id.
        #[arg(long, value_name = "CODE|ID")]
        county: Option<String>,
        /// The Jalali fiscal year, e.g. 1405.
        #[arg(long, value_name = "YEAR")]
        year: String,
        /// The span's first Jalali day (e.g. 1405/04/01); default the year's first.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// The span's last Jalali day; default the year's last (counted up to today).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// json, csv or xlsx (needs --out).
        #[arg(long, value_name = "FORMAT", default_value = "json")]
        format: String,
        /// Write to FILE instead of standard output.
        #[arg(long, alias = "output", value_name = "FILE")]
        out: Option<PathBuf>,
        /// Act as this user (her scope; small cells hidden without personal data); default
        /// the console.
        #[arg(long = "as", value_name = "USERNAME")]
        as_user: Option<String>,
    },
    /// The savings-group report: each group's, county's and the place's fund totals and
    /// ratios (SAVIX) for a span of days — the quarterly savings-group MIS file.
    SavingsGroups(crate::commands::fund::SavingsGroupsArgs),
    /// The monthly performance report: every catalogue figure for a Jalali month and the
    /// year to its end, with the counties', as PDF (on the letterhead) or XLSX.
    Monthly {
        /// The province: its code (`ir.qazvin` or `qazvin`) or its id (see `hamyar places`).
        #[arg(long, value_name = "CODE|ID")]
        province: String,
        /// The Jalali month, e.g. 1405-08.
        #[arg(long, value_name = "YEAR-MONTH")]
        month: String,
        /// pdf or xlsx.
        #[arg(long, value_name = "FORMAT", default_value = "pdf")]
        format: String,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// How `report summary` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SummaryFormat {
    Text,
    Json,
    Xlsx,
    Pdf,
}

pub async fn run(config: &Config, command: ReportCommand) -> anyhow::Result<ExitCode> {
    match command {
        ReportCommand::Spending {
            province,
            year,
            as_of,
            format,
            out,
        } => spending(config, province, year, as_of, format, out).await,
        ReportCommand::Summary {
            province,
            year,
            format,
            out,
        } => summary(config, province, year, format, out).await,
        ReportCommand::Figures {
            province,
            county,
            year,
            as_of,
            format,
            out,
        } => figures(config, province, county, year, as_of, format, out).await,
        ReportCommand::Monthly {
            province,
            month,
            format,
            out,
        } => monthly(config, province, month, format, out).await,
        ReportCommand::SavingsGroups(args) => {
            crate::commands::fund::savings_groups(config, args).await
        }
        ReportCommand::Training {
            province,
            county,
            year,
            from,
            to,
            format,
            out,
            as_user,
        } => {
            let span = TrainingSpan {
                province,
                county,
                year,
                from,
                to,
            };
            training(config, span, format, out, as_user).await
        }
        ReportCommand::Outcomes {
            province,
            county,
            year,
            from,
            to,
            format,
            out,
            as_user,
        } => {
            let span = TrainingSpan {
                province,
                county,
                year,
                from,
                to,
            };
            outcomes(config, span, format, out, as_user).await
        }
    }
}

async fn monthly(
    config: &Config,
    province: String,
    month: String,
    format: String,
    out: PathBuf,
) -> anyhow::Result<ExitCode> {
    use hamyar_reports::documents::{Printing, monthly, render};
    let month = monthly::Month::parse(&month)
        .ok_or_else(|| anyhow!("--month {month:?} is not a month: write it as 1405-08"))?;
    let pdf = match format.trim().to_ascii_lowercase().as_str() {
        "pdf" => true,
        "xlsx" => false,
        _ => bail!("unknown format {format:?}: use pdf or xlsx"),
    };
    let letterheads = config.letterhead()?;
    let opened = runtime::open(config).await?;
    let result = async {
        let tree = opened.app.place_tree().await?;
        let province_id = find_province(&tree, &province)?;
        let actor = Actor::console();
        let report = monthly::monthly_report(&opened.app, &actor, province_id, month).await?;
        let bytes = if pdf {
            let printing = Printing {
                letterheads: &letterheads,
                lang: hamyar_i18n::Lang::Fa,
                unit: hamyar_domain::MoneyUnit::Rial,
                today: opened.app.today(),
            };
            render(monthly::monthly_document(&report, &printing)).await?
        } else {
            monthly::monthly_xlsx(&report).map_err(in_english)?
        };
        write_out(Some(&out), &bytes)?;
        anyhow::Ok(ExitCode::SUCCESS)
    }
    .await;
    opened.store.close().await;
    result
}

async fn figures(
    config: &Config,
    province: String,
    county: Option<String>,
    year: String,
    as_of: Option<String>,
    format: String,
    out: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let format = ReportFormat::parse(&format)
        .ok_or_else(|| anyhow!("unknown format {format:?}: use json, csv or xlsx"))?;
    if format == ReportFormat::Xlsx && out.is_none() {
        bail!("an xlsx file needs --out FILE");
    }
    let year = parse_year(&year)?;
    let as_of = as_of
        .map(|text| JalaliDate::parse(&text).map_err(|error| anyhow!("--as-of: {error}")))
        .transpose()?;
    let opened = runtime::open(config).await?;
    let result = async {
        let tree = opened.app.place_tree().await?;
        let province_id = find_province(&tree, &province)?;
        let place_id = match &county {
            Some(county) => find_county(&tree, province_id, county)?,
            None => province_id,
        };
        let sheet = opened
            .app
            .figure_sheet(
                &Actor::console(),
                &hamyar_app::dashboard::DashboardRequest {
                    place_id: Some(place_id),
                    year,
                    from: None,
                    to: as_of,
                },
            )
            .await?;
        let bytes = hamyar_reports::figures_export::figure_sheet_bytes(&sheet, format)
            .map_err(in_english)?;
        write_out(out.as_deref(), &bytes)?;
        anyhow::Ok(ExitCode::SUCCESS)
    }
    .await;
    opened.store.close().await;
    result
}

/// The place and span `report training` (and `report outcomes`) is asked for, as typed.
struct TrainingSpan {
    province: String,
    county: Option<String>,
    year: String,
    from: Option<String>,
    to: Option<String>,
}

async fn training(
    config: &Config,
    span: TrainingSpan,
    format: String,
    out: Option<PathBuf>,
    as_user: Option<String>,
) -> anyhow::Result<ExitCode> {
    let format = ReportFormat::parse(&format)
        .ok_or_else(|| anyhow!("unknown format {format:?}: use json, csv or xlsx"))?;
    if format == ReportFormat::Xlsx && out.is_none() {
        bail!("an xlsx file needs --out FILE");
    }
    let year = parse_year(&span.year)?;
    let day = |flag: &str, text: Option<String>| {
        text.map(|text| JalaliDate::parse(&text).map_err(|error| anyhow!("--{flag}: {error}")))
            .transpose()
    };
    let (from, to) = (day("from", span.from)?, day("to", span.to)?);
    let opened = runtime::open(config).await?;
    let result = async {
        let actor = crate::commands::exchange::actor_for(&opened.app, as_user.as_deref()).await?;
        let tree = opened.app.place_tree().await?;
        let province_id = find_province(&tree, &span.province)?;
        let place_id = match &span.county {
            Some(county) => find_county(&tree, province_id, county)?,
            None => province_id,
        };
        let report = opened
            .app
            .training_report(
                &actor,
                &hamyar_app::training::TrainingReportRequest {
                    place_id: Some(place_id),
                    year,
                    from,
                    to,
                },
            )
            .await?;
        let bytes = hamyar_reports::training_export::training_report_bytes(&report, format)
            .map_err(in_english)?;
        write_out(out.as_deref(), &bytes)?;
        anyhow::Ok(ExitCode::SUCCESS)
    }
    .await;
    opened.store.close().await;
    result
}

/// `report outcomes`: the same place and span as `report training`, the outcome report's file.
async fn outcomes(
    config: &Config,
    span: TrainingSpan,
    format: String,
    out: Option<PathBuf>,
    as_user: Option<String>,
) -> anyhow::Result<ExitCode> {
    let format = ReportFormat::parse(&format)
        .ok_or_else(|| anyhow!("unknown format {format:?}: use json, csv or xlsx"))?;
    if format == ReportFormat::Xlsx && out.is_none() {
        bail!("an xlsx file needs --out FILE");
    }
    let year = parse_year(&span.year)?;
    let day = |flag: &str, text: Option<String>| {
        text.map(|text| JalaliDate::parse(&text).map_err(|error| anyhow!("--{flag}: {error}")))
            .transpose()
    };
    let (from, to) = (day("from", span.from)?, day("to", span.to)?);
    let opened = runtime::open(config).await?;
    let result = async {
        let actor = crate::commands::exchange::actor_for(&opened.app, as_user.as_deref()).await?;
        let tree = opened.app.place_tree().await?;
        let province_id = find_province(&tree, &span.province)?;
        let place_id = match &span.county {
            Some(county) => find_county(&tree, province_id, county)?,
            None => province_id,
        };
        let report = opened
            .app
            .outcome_report(
                &actor,
                &hamyar_app::outcomes::report::OutcomeReportRequest {
                    place_id: Some(place_id),
                    year,
                    from,
                    to,
                },
            )
            .await?;
        let bytes = hamyar_reports::outcomes_export::outcome_report_bytes(&report, format)
            .map_err(in_english)?;
        write_out(out.as_deref(), &bytes)?;
        anyhow::Ok(ExitCode::SUCCESS)
    }
    .await;
    opened.store.close().await;
    result
}

/// A county of `province_id` named by code (`ir.qazvin.abyek`, `abyek`) or id.
fn find_county(
    tree: &hamyar_app::places::PlaceTree,
    province_id: hamyar_app::access::PlaceId,
    county: &str,
) -> anyhow::Result<hamyar_app::access::PlaceId> {
    let county = county.trim();
    let province_code = tree
        .get(province_id)
        .map(|p| p.code.clone())
        .unwrap_or_default();
    match county.parse::<hamyar_app::access::PlaceId>() {
        Ok(id) => tree.get(id),
        Err(_) => tree
            .by_code(county)
            .or_else(|| tree.by_code(&format!("{province_code}.{county}"))),
    }
    .filter(|place| place.kind == ScopeKind::County && place.parent_id == Some(province_id))
    .map(|place| place.id)
    .ok_or_else(|| anyhow!("no county {county:?} in that province (see `hamyar places`)"))
}

async fn summary(
    config: &Config,
    province: String,
    year: String,
    format: String,
    out: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let format = match format.trim().to_ascii_lowercase().as_str() {
        "text" | "txt" => SummaryFormat::Text,
        "json" => SummaryFormat::Json,
        "xlsx" => SummaryFormat::Xlsx,
        "pdf" => SummaryFormat::Pdf,
        _ => bail!("unknown format {format:?}: use text, json, pdf or xlsx"),
    };
    if matches!(format, SummaryFormat::Xlsx | SummaryFormat::Pdf) && out.is_none() {
        bail!("an xlsx or pdf summary needs --out FILE");
    }
    let year = parse_year(&year)?;
    let opened = runtime::open(config).await?;
    let result = async {
        let tree = opened.app.place_tree().await?;
        let place_id = find_province(&tree, &province)?;
        let summary = opened
            .app
            .press_summary(&Actor::console(), place_id, year)
            .await?;
        let bytes = match format {
            SummaryFormat::Text => format!("{}\n", summary.paragraph_fa).into_bytes(),
            SummaryFormat::Json => {
                let mut bytes = serde_json::to_vec_pretty(&summary)?;
                bytes.push(b'\n');
                bytes
            }
            SummaryFormat::Xlsx => {
                hamyar_reports::press_export::press_summary_xlsx(&summary).map_err(in_english)?
            }
            SummaryFormat::Pdf => {
                hamyar_reports::report_pdf::provincial_report_pdf_on(
                    &opened.app,
                    &Actor::console(),
                    place_id,
                    year,
                    hamyar_domain::MoneyUnit::Rial,
                    &config.letterhead()?,
                )
                .await?
            }
        };
        write_out(out.as_deref(), &bytes)?;
        anyhow::Ok(ExitCode::SUCCESS)
    }
    .await;
    opened.store.close().await;
    result
}

/// Writes a report's bytes into `out`, or to standard output without one.
fn write_out(out: Option<&std::path::Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
        }
        // A reader that went away early (`| head`) is not an error of the report.
        None => match std::io::stdout().write_all(bytes) {
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            written => Ok(written?),
        },
    }
}

pub(crate) fn parse_year(year: &str) -> anyhow::Result<FiscalYear> {
    hamyar_domain::digits::to_latin_digits(year)
        .trim()
        .parse::<i32>()
        .ok()
        .and_then(|year| FiscalYear::new(year).ok())
        .ok_or_else(|| anyhow!("{year:?} is not a fiscal year (e.g. 1405)"))
}

/// The province named by code (`ir.qazvin`, `qazvin`) or id.
pub(crate) fn find_province(
    tree: &hamyar_app::places::PlaceTree,
    province: &str,
) -> anyhow::Result<hamyar_app::access::PlaceId> {
    match province.trim().parse::<hamyar_app::access::PlaceId>() {
        Ok(id) => tree.get(id),
        Err(_) => tree
            .by_code(province.trim())
            .or_else(|| tree.by_code(&format!("ir.{}", province.trim()))),
    }
    .filter(|place| place.kind == ScopeKind::Province)
    .map(|place| place.id)
    .ok_or_else(|| anyhow!("no province {province:?} (see `hamyar places`)"))
}

async fn spending(
    config: &Config,
    province: String,
    year: String,
    as_of: Option<String>,
    format: String,
    out: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let format = ReportFormat::parse(&format)
        .ok_or_else(|| anyhow!("unknown format {format:?}: use csv, xlsx or json"))?;
    if format == ReportFormat::Xlsx && out.is_none() {
        bail!("an xlsx report needs --out FILE");
    }
    let year = parse_year(&year)?;
    let as_of = as_of
        .map(|text| JalaliDate::parse(&text).map_err(|error| anyhow!("--as-of: {error}")))
        .transpose()?;
    let opened = runtime::open(config).await?;
    let result = async {
        let tree = opened.app.place_tree().await?;
        let place_id = find_province(&tree, &province)?;
        let report = opened
            .app
            .budget_report(&Actor::console(), place_id, year, as_of)
            .await?;
        let bytes = budget_report_bytes(&report, format).map_err(in_english)?;
        write_out(out.as_deref(), &bytes)?;
        anyhow::Ok(ExitCode::SUCCESS)
    }
    .await;
    opened.store.close().await;
    result
}
