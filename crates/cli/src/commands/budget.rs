//! `hamyar budget close-year` and `hamyar budget reopen-year`: close a province's fiscal year
//! so nothing more posts into it, or reopen it with a reason. They call the same use-cases as
//! the budget page (`App::close_fiscal_year`, `App::reopen_fiscal_year`), so the rules and the
//! audit rows are the same; they act as the console operator, or as `--as USERNAME` so the
//! audit trail names the person (who then needs the role: a provincial expert closes, a
//! national expert reopens). A refusal prints its Persian and English messages and exits 1.

use hamyar_i18n::Lang;
use std::process::ExitCode;

use clap::Subcommand;
use hamyar_app::AppError;
use hamyar_app::budget::FiscalYearState;
use hamyar_app::ports::Database;

use super::exchange::actor_for;
use super::report::{find_province, parse_year};
use crate::config::Config;
use crate::runtime;

#[derive(Debug, Subcommand)]
pub enum BudgetCommand {
    /// Close a province's fiscal year: nothing dated in it or on its lines posts any more.
    CloseYear {
        /// The province: its code (`ir.qazvin` or `qazvin`) or its id (see `hamyar places`).
        #[arg(long, value_name = "CODE|ID")]
        province: String,
        /// The Jalali fiscal year, e.g. 1405.
        #[arg(long, value_name = "YEAR")]
        year: String,
        /// Act as this user (named in the audit trail); default: the console.
        #[arg(long = "as", value_name = "USERNAME")]
        as_user: Option<String>,
    },
    /// Reopen a closed fiscal year, giving the reason (kept on the year and in the audit).
    ReopenYear {
        #[arg(long, value_name = "CODE|ID")]
        province: String,
        #[arg(long, value_name = "YEAR")]
        year: String,
        /// Why the year is reopened (required).
        #[arg(long, value_name = "TEXT")]
        reason: String,
        #[arg(long = "as", value_name = "USERNAME")]
        as_user: Option<String>,
    },
}

pub async fn run(config: &Config, command: BudgetCommand) -> anyhow::Result<ExitCode> {
    let opened = runtime::open(config).await?;
    let result = async {
        let tree = opened.app.place_tree().await?;
        let outcome = match &command {
            BudgetCommand::CloseYear {
                province,
                year,
                as_user,
            } => {
                let actor = actor_for(&opened.app, as_user.as_deref()).await?;
                let province = find_province(&tree, province)?;
                let year = parse_year(year)?;
                opened.app.close_fiscal_year(&actor, province, year).await
            }
            BudgetCommand::ReopenYear {
                province,
                year,
                reason,
                as_user,
            } => {
                let actor = actor_for(&opened.app, as_user.as_deref()).await?;
                let province = find_province(&tree, province)?;
                let year = parse_year(year)?;
                opened
                    .app
                    .reopen_fiscal_year(&actor, province, year, reason)
                    .await
            }
        };
        anyhow::Ok(report(outcome)?)
    }
    .await;
    opened.store.close().await;
    result
}

/// Prints what became of the year, or the refusal in both languages (exit 1).
fn report(outcome: Result<FiscalYearState, AppError>) -> anyhow::Result<ExitCode> {
    match outcome {
        Ok(state) => {
            let status = if state.closed { "closed" } else { "open" };
            outln!("fiscal year {} is now {status}", state.fiscal_year);
            Ok(ExitCode::SUCCESS)
        }
        Err(AppError::Invalid(problems)) => {
            for problem in problems {
                eprintln!(
                    "{}\n{}",
                    Lang::Fa.message(&problem.message),
                    Lang::En.message(&problem.message)
                );
            }
            Ok(ExitCode::FAILURE)
        }
        Err(AppError::Conflict { message, .. }) => {
            eprintln!(
                "{}\n{}",
                Lang::Fa.message(&message),
                Lang::En.message(&message)
            );
            Ok(ExitCode::FAILURE)
        }
        Err(other) => Err(other.into()),
    }
}
