//! `hamyar ledger verify` and `hamyar ledger seed`: recompute every balance from the postings,
//! check that every transaction sums to zero and every reversal negates a real original, and
//! name each problem (exit status 1 when there is one); and create the programme's starting
//! chart of accounts where it is missing. Both act as the console operator.

use std::process::ExitCode;

use clap::Subcommand;
use hamyar_app::Actor;
use hamyar_app::ledger::LedgerVerifyReport;
use hamyar_app::ports::Database;
use hamyar_app::ports::ledger::ReversalProblem;

use crate::config::Config;
use crate::runtime;

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Recompute every balance from the postings and check every transaction and reversal.
    Verify,
    /// Create the accounts of the starting chart that do not exist yet.
    Seed,
}

pub async fn run(config: &Config, command: LedgerCommand) -> anyhow::Result<ExitCode> {
    let opened = runtime::open(config).await?;
    let result = match command {
        LedgerCommand::Verify => opened
            .app
            .verify_ledger(&Actor::console())
            .await
            .map(|report| print_report(&report)),
        LedgerCommand::Seed => opened
            .app
            .seed_chart_of_accounts(&Actor::console())
            .await
            .map(|created| {
                outln!("{} accounts created: {}", created.len(), created.join(", "));
                ExitCode::SUCCESS
            }),
    };
    opened.store.close().await;
    Ok(result?)
}

pub(crate) fn print_report(report: &LedgerVerifyReport) -> ExitCode {
    let check = &report.check;
    if !report.guard_installed {
        outln!(
            "WARNING: the database no longer refuses UPDATE/DELETE on ledger_transactions or ledger_postings (their append-only triggers were removed)"
        );
    }
    for difference in &check.balance_differences {
        outln!(
            "balance of account {} ({}) is kept as {} rials over {} postings but its postings sum to {} rials over {}",
            difference.account_id,
            difference.account_code,
            difference.kept.balance_rials,
            difference.kept.posting_count,
            difference.recomputed.balance_rials,
            difference.recomputed.posting_count
        );
    }
    for difference in &check.period_differences {
        outln!(
            "account {} in {} is kept as {} rials over {} postings but its postings there sum to {} rials over {}",
            difference.account_id,
            difference.period,
            difference.kept.balance_rials,
            difference.kept.posting_count,
            difference.recomputed.balance_rials,
            difference.recomputed.posting_count
        );
    }
    for difference in &check.fund_tally_differences {
        outln!(
            "group funds' {} lines of county {} in {} are kept as {} rials over {} lines but the journal has {} rials over {}",
            difference.kind,
            difference.county_id,
            difference.period,
            difference.kept.balance_rials,
            difference.kept.posting_count,
            difference.recomputed.balance_rials,
            difference.recomputed.posting_count
        );
    }
    for transaction in &check.unbalanced {
        outln!(
            "transaction {} does not balance: its {} postings sum to {} rials",
            transaction.transaction_id,
            transaction.posting_count,
            transaction.sum_rials
        );
    }
    for reversal in &check.bad_reversals {
        let problem = match reversal.problem {
            ReversalProblem::OriginalMissing => "its original does not exist",
            ReversalProblem::NotNegation => {
                "its postings are not the exact negation of the original's"
            }
        };
        outln!(
            "reversal {} of transaction {}: {problem}",
            reversal.transaction_id,
            reversal.reverses_id
        );
    }
    if report.is_consistent() {
        outln!(
            "ledger consistent: {} accounts, {} transactions, {} postings verified",
            check.accounts_checked,
            check.transactions_checked,
            check.postings_checked
        );
        ExitCode::SUCCESS
    } else {
        outln!(
            "ledger INCONSISTENT: {} balance differences, {} month or day differences, {} group-fund tally differences, {} unbalanced transactions, {} bad reversals",
            check.balance_differences.len(),
            check.period_differences.len(),
            check.fund_tally_differences.len(),
            check.unbalanced.len(),
            check.bad_reversals.len()
        );
        ExitCode::FAILURE
    }
}
