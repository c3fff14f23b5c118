//! `hamyar demo` (and `hamyar serve --demo`): fills an empty database with the deterministic
//! Qazvin demo province through the application's use-cases, then prints what it wrote and
//! the demo users with their passwords — once, on standard output, never in the logs. A
//! database that already has women or groups is refused with exit status 1 and nothing
//! written.

use hamyar_i18n::Lang;
use std::process::ExitCode;

use hamyar_app::ports::Database;
use hamyar_app::{App, AppError};
use hamyar_demo::{Demo, DemoSummary};
use hamyar_domain::group_thousands;

use crate::config::Config;
use crate::runtime;

pub async fn run(config: &Config) -> anyhow::Result<ExitCode> {
    let opened = runtime::open(config).await?;
    let result = fill(&opened.app).await;
    opened.store.close().await;
    result
}

/// Fills the demo and prints it; a non-empty database is reported on standard error with
/// exit status 1.
pub async fn fill(app: &App) -> anyhow::Result<ExitCode> {
    if app.demo_may_run().await? {
        outln!("Filling the demo province (Qazvin) — this takes a few seconds…");
    }
    match app.fill_demo().await {
        Ok(summary) => {
            print_summary(&summary);
            Ok(ExitCode::SUCCESS)
        }
        Err(AppError::Conflict {
            field: "demo",
            message,
        }) => {
            eprintln!(
                "hamyar: {}\n        {}",
                Lang::En.message(&message),
                Lang::Fa.message(&message)
            );
            Ok(ExitCode::FAILURE)
        }
        Err(other) => Err(other.into()),
    }
}

fn print_summary(summary: &DemoSummary) {
    outln!(
        "Demo province Qazvin, fiscal year {}: {} women, {} groups ({} active today), {} meetings, {} visits, {} monthly business records, {} payments, {} grants; {} rials committed on training, job preparation and strengthening.",
        summary.fiscal_year,
        summary.women,
        summary.groups,
        summary.active_groups,
        summary.meetings,
        summary.visits,
        summary.business_months,
        summary.payments,
        summary.grants,
        group_thousands(summary.headline_spent_rials, ','),
    );
    outln!();
    outln!("Demo users (the passwords are shown only now; change them with `hamyar user passwd`):");
    let width = summary
        .users
        .iter()
        .map(|u| u.username.len())
        .max()
        .unwrap_or(0);
    for user in &summary.users {
        outln!(
            "  {:width$}  {}  {:18}  {}",
            user.username,
            user.password,
            user.role,
            user.scope_code
        );
    }
}
