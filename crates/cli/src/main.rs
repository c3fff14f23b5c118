//! The `hamyar` binary: one executable that serves the web app, migrates the database,
//! manages accounts from the console, makes backups and verifies the audit trail. It parses
//! arguments and configuration at the edge and hands parsed values to the application.

#[macro_use]
mod console;
mod audit_trail;
mod commands;
mod config;
mod logging;
mod runtime;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::FlagOverrides;

/// mimalloc instead of the system allocator: an import moves millions of short strings between
/// threads (read, checked, written), and glibc's allocator spent about a sixth of the
/// import's time on them, consolidating and unlinking free chunks across its arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(
    name = "hamyar",
    version,
    about = "Hamyar: women's mutual-help groups information system (سامانه‌ی گروه‌های همیار)"
)]
struct Cli {
    /// Configuration file (default: ./hamyar.toml when it exists).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Database URL: sqlite://hamyar.db (default) or postgres://user@host/db.
    #[arg(long, global = true, value_name = "URL")]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Migrate the database and serve the web app.
    Serve {
        /// Address to listen on, e.g. 127.0.0.1:8080.
        #[arg(long, value_name = "ADDRESS")]
        listen: Option<String>,
        /// Address people use to reach Hamyar, for the printed setup link.
        #[arg(long, value_name = "URL")]
        public_url: Option<String>,
        /// Fill the demo province first when the database is empty (see `hamyar demo`).
        #[arg(long)]
        demo: bool,
    },
    /// Apply database migrations and reference data, then exit.
    Migrate,
    /// Fill an empty database with the deterministic Qazvin demo province and print its
    /// users with their passwords.
    Demo,
    /// Manage staff accounts from the console.
    #[command(subcommand)]
    User(commands::user::UserCommand),
    /// List provinces and counties with their ids and codes (for `user add --scope`).
    Places,
    /// Write a sealed, verified backup of the database (SQLite or PostgreSQL) to FILE while
    /// the server keeps running.
    Backup {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Load a backup made by `hamyar backup` into the configured database (either engine);
    /// kept only if its ledger and audit trail verify.
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Replace a database that already holds data (stop the server first).
        #[arg(long)]
        replace: bool,
    },
    /// A person's API tokens: create one (its secret printed once), list, revoke.
    #[command(subcommand)]
    ApiToken(commands::api_token::ApiTokenCommand),
    /// Audit trail tools.
    #[command(subcommand)]
    Audit(commands::audit::AuditCommand),
    /// Ledger tools: verify the books, seed the chart of accounts.
    #[command(subcommand)]
    Ledger(commands::ledger::LedgerCommand),
    /// Import records from CSV or XLSX files.
    #[command(subcommand)]
    Import(commands::exchange::ImportCommand),
    /// Export records to CSV or XLSX files.
    #[command(subcommand)]
    Export(commands::exchange::ExportCommand),
    /// Batches of paper decisions from a province's money history: list, show, confirm or
    /// refuse them (a second person, not the importer, decides).
    #[command(subcommand)]
    History(commands::history::HistoryCommand),
    /// Money reports as CSV, XLSX or JSON.
    #[command(subcommand)]
    Report(commands::report::ReportCommand),
    /// Budget tools: close a province's fiscal year, reopen it with a reason.
    #[command(subcommand)]
    Budget(commands::budget::BudgetCommand),
    /// The yearly plan of a province or county: set its targets, show it against achievement.
    #[command(subcommand)]
    Plan(commands::plan::PlanCommand),
    /// Text messages to the women: send what is due, queue a day's meeting reminders, count
    /// the outbox.
    #[command(subcommand)]
    Sms(commands::sms::SmsCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let flags = FlagOverrides {
        database_url: cli.database_url.clone(),
        listen: match &cli.command {
            Command::Serve { listen, .. } => listen.clone(),
            _ => None,
        },
        public_url: match &cli.command {
            Command::Serve { public_url, .. } => public_url.clone(),
            _ => None,
        },
    };
    let config = match config::load(cli.config.as_deref(), &flags) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("hamyar: configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    logging::init(&config);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("hamyar: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Serve { demo, .. } => commands::serve::run(&config, demo).await,
            Command::Demo => commands::demo::run(&config).await,
            Command::Migrate => commands::migrate::run(&config).await,
            Command::User(command) => commands::user::run(&config, command).await,
            Command::Places => commands::places::run(&config).await,
            Command::Backup { file } => commands::backup::run(&config, &file).await,
            Command::Restore { file, replace } => {
                commands::restore::run(&config, &file, replace).await
            }
            Command::Audit(command) => commands::audit::run(&config, command).await,
            Command::Ledger(command) => commands::ledger::run(&config, command).await,
            Command::Import(command) => commands::exchange::import(&config, command).await,
            Command::Export(command) => commands::exchange::export(&config, command).await,
            Command::History(command) => commands::history::run(&config, command).await,
            Command::Report(command) => commands::report::run(&config, command).await,
            Command::Budget(command) => commands::budget::run(&config, command).await,
            Command::Plan(command) => commands::plan::run(&config, command).await,
            Command::Sms(command) => commands::sms::run(&config, command).await,
            Command::ApiToken(command) => commands::api_token::run(&config, command).await,
        }
    });
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("hamyar: {error:#}");
            ExitCode::FAILURE
        }
    }
}
