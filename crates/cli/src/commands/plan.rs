//! `hamyar plan set` and `hamyar plan show`: a province's or a county's yearly plan (issue
//! 19). `set` calls the use-case the plan page calls (`App::set_yearly_plan`), so the rules,
//! the refusal messages and the `plan.set` audit row are the page's; it acts as the console
//! operator or as `--as USERNAME` (a provincial or national expert). Targets may be typed in
//! Persian digits; leaving `--empowered` out keeps the default (10 % of the women covered at
//! the start of the year). `show` prints the plan against achievement month by month
//! (`reports::plan_view`: JSON by default, CSV, or XLSX into `--out`), the same numbers the
//! page downloads. A refusal prints its Persian and English messages and exits 1.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, anyhow, bail};
use clap::Subcommand;
use hamyar_app::AppError;
use hamyar_app::access::{PlaceId, ScopeKind};
use hamyar_app::places::PlaceTree;
use hamyar_app::ports::Database;
use hamyar_domain::plan::PlanForm;
use hamyar_i18n::Lang;
use hamyar_reports::money_export::ReportFormat;
use hamyar_reports::plan_view::plan_bytes;

use super::exchange::actor_for;
use super::report::parse_year;
use crate::config::Config;
use crate::runtime;

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Set (or replace) the plan of a province or county for a fiscal year.
    Set {
        /// The place: a province's or county's code (`ir.qazvin`, `qazvin`,
        /// `ir.qazvin.abyek`) or its id (see `hamyar places`).
        #[arg(long, value_name = "CODE|ID")]
        place: String,
        /// The Jalali fiscal year, e.g. 1405.
        #[arg(long, value_name = "YEAR")]
        year: String,
        /// Groups to form (register) in the year.
        #[arg(long, value_name = "N")]
        groups: String,
        /// Women to join groups in the year.
        #[arg(long, value_name = "N")]
        joining: String,
        /// Women to complete a training course in the year.
        #[arg(long, value_name = "N")]
        trained: String,
        /// Visits to make in the year.
        #[arg(long, value_name = "N")]
        visits: String,
        /// Women to exit as empowered; leave out for 10 % of the women covered at the start.
        #[arg(long, value_name = "N", default_value = "")]
        empowered: String,
        /// A note kept with the plan.
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
        /// Act as this user (named in the audit trail); default: the console.
        #[arg(long = "as", value_name = "USERNAME")]
        as_user: Option<String>,
    },
    /// Print the plan against achievement, month by month.
    Show {
        #[arg(long, value_name = "CODE|ID")]
        place: String,
        #[arg(long, value_name = "YEAR")]
        year: String,
        /// json, csv or xlsx (needs --out).
        #[arg(long, value_name = "FORMAT", default_value = "json")]
        format: String,
        /// Write to FILE instead of standard output.
        #[arg(long, alias = "output", value_name = "FILE")]
        out: Option<PathBuf>,
        /// Act as this user (her scope); default the console.
        #[arg(long = "as", value_name = "USERNAME")]
        as_user: Option<String>,
    },
}

/// The province or county named by code (`ir.qazvin.abyek`, `qazvin`, `abyek`) or id.
pub(crate) fn find_place(tree: &PlaceTree, place: &str) -> anyhow::Result<PlaceId> {
    let text = place.trim();
    let found = match hamyar_domain::to_latin_digits(text).parse::<PlaceId>() {
        Ok(id) => tree.get(id),
        Err(_) => tree
            .by_code(text)
            .or_else(|| tree.by_code(&format!("ir.{text}"))),
    };
    let found = found.or_else(|| {
        // A county's bare name (`abyek`): the one county whose code ends with it.
        let mut counties = tree
            .provinces()
            .flat_map(|province| tree.counties_of(province.id))
            .filter(|county| county.code.rsplit('.').next() == Some(text));
        match (counties.next(), counties.next()) {
            (Some(county), None) => Some(county),
            _ => None,
        }
    });
    found
        .filter(|p| matches!(p.kind, ScopeKind::Province | ScopeKind::County))
        .map(|p| p.id)
        .ok_or_else(|| anyhow!("no province or county {place:?} (see `hamyar places`)"))
}

pub async fn run(config: &Config, command: PlanCommand) -> anyhow::Result<ExitCode> {
    let opened = runtime::open(config).await?;
    let result = async {
        let tree = opened.app.place_tree().await?;
        match command {
            PlanCommand::Set {
                place,
                year,
                groups,
                joining,
                trained,
                visits,
                empowered,
                note,
                as_user,
            } => {
                let actor = actor_for(&opened.app, as_user.as_deref()).await?;
                let place = find_place(&tree, &place)?;
                let year = parse_year(&year)?;
                let form = PlanForm {
                    groups_formed: groups,
                    women_joining: joining,
                    women_trained: trained,
                    visits_made: visits,
                    women_empowered: empowered,
                    note,
                };
                let outcome = opened.app.set_yearly_plan(&actor, place, year, &form).await;
                refused_or(outcome.map(|()| {
                    outln!(
                        "plan of {} for {} saved",
                        place_code(&tree, place),
                        year.year()
                    );
                }))
            }
            PlanCommand::Show {
                place,
                year,
                format,
                out,
                as_user,
            } => {
                let format = ReportFormat::parse(&format)
                    .ok_or_else(|| anyhow!("unknown format {format:?}: use csv, xlsx or json"))?;
                if format == ReportFormat::Xlsx && out.is_none() {
                    bail!("an xlsx table needs --out FILE");
                }
                let actor = actor_for(&opened.app, as_user.as_deref()).await?;
                let place = find_place(&tree, &place)?;
                let year = parse_year(&year)?;
                let plan = opened
                    .app
                    .plan_against_achievement(&actor, Some(place), year)
                    .await?;
                let bytes = plan_bytes(&plan, format).map_err(|e| anyhow!("{e}"))?;
                write_out(out.as_deref(), &bytes)?;
                Ok(ExitCode::SUCCESS)
            }
        }
    }
    .await;
    opened.store.close().await;
    result
}

fn place_code(tree: &PlaceTree, place: PlaceId) -> String {
    tree.get(place)
        .map_or_else(|| place.to_string(), |p| p.code.clone())
}

/// Success, or the refusal's messages in both languages (exit 1).
pub(crate) fn refused_or(outcome: Result<(), AppError>) -> anyhow::Result<ExitCode> {
    match outcome {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(AppError::Invalid(problems)) => {
            for problem in problems {
                eprintln!(
                    "{}: {}\n{}: {}",
                    problem.field,
                    Lang::Fa.message(&problem.message),
                    problem.field,
                    Lang::En.message(&problem.message)
                );
            }
            Ok(ExitCode::FAILURE)
        }
        Err(other) => Err(other.into()),
    }
}

/// Writes the bytes into `out`, or to standard output without one.
fn write_out(out: Option<&std::path::Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
        }
        // A reader that went away early (`| head`) is not an error.
        None => match std::io::stdout().write_all(bytes) {
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            written => Ok(written?),
        },
    }
}
