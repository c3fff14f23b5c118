//! Ledger use-cases: posting a balanced transaction, reversing one, reading balances, seeding
//! the chart of accounts and verifying the books. Each write runs in one database transaction
//! with its audit row; [`App::post_in_tx`] is the composable form that later money use-cases
//! (budget allocations, approved tranches, payments) call inside their own transaction, so
//! "approve a tranche" can be postings + stage change + audit, all or nothing.
//! [`App::post_ledger_batch`] posts many transactions in one write transaction with one audit
//! row, for loading history and other bulk work (`batch`).
//!
//! A transaction's place (province, county) is where it is booked: the actor's own scope for
//! [`App::post_ledger_transaction`], the budget line's place for later callers. An account
//! with a province may only be posted to by actors whose scope holds it; programme-wide
//! accounts (no province) by any actor allowed to post.

mod batch;
mod chart;
pub(crate) mod guards;
mod posting;
mod verify;

pub use chart::{CHART_OF_ACCOUNTS, ChartAccount};
pub use posting::{LedgerPlace, PostedTransaction};
pub use verify::LedgerVerifyReport;

use hamyar_domain::ledger::AccountKind;

use crate::access::{Actor, Permission, Scope};
use crate::error::{AppError, AppResult};
use crate::ports::ledger::{AccountId, KeptBalance, LedgerAccountRow};
use crate::service::App;

/// A balance as a person reads it: positive when the account holds what its kind increases
/// with (see `AccountKind::normal_balance`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountBalance {
    pub account: LedgerAccountRow,
    pub kept: KeptBalance,
    pub normal_balance_rials: i64,
}

/// Whether `scope` may use an account booked at (province, county).
pub(crate) fn scope_holds_account(scope: Scope, account: &LedgerAccountRow) -> bool {
    let Some(province) = account.province_id else {
        return true;
    };
    match scope {
        Scope::Country => true,
        Scope::Province(p) => p == province,
        Scope::County {
            province: p,
            county,
        } => p == province && account.county_id.is_none_or(|c| c == county),
    }
}

impl App {
    /// Every account of the chart the actor may see, ordered by code.
    pub async fn ledger_accounts(&self, actor: &Actor) -> AppResult<Vec<LedgerAccountRow>> {
        actor.require(Permission::ViewLedger)?;
        let mut tx = self.db.read().await?;
        let accounts = tx.ledger_accounts().await?;
        tx.commit().await?;
        Ok(accounts
            .into_iter()
            .filter(|account| scope_holds_account(actor.scope, account))
            .collect())
    }

    /// The kept balance now (no scan), or the balance as of the end of `as_of` (summed from
    /// the postings up to that day; its `posting_count` is not counted and reads 0).
    pub async fn ledger_balance(
        &self,
        actor: &Actor,
        account_id: AccountId,
        as_of: Option<hamyar_domain::JalaliDate>,
    ) -> AppResult<AccountBalance> {
        actor.require(Permission::ViewLedger)?;
        let mut tx = self.db.read().await?;
        let account = tx
            .ledger_account_by_id(account_id)
            .await?
            .filter(|account| scope_holds_account(actor.scope, account))
            .ok_or(AppError::NotFound)?;
        let kept = match as_of {
            None => tx.ledger_balance(account_id).await?,
            Some(date) => KeptBalance {
                balance_rials: tx
                    .ledger_balance_as_of(account_id, &date.to_iso_string())
                    .await?,
                posting_count: 0,
            },
        };
        tx.commit().await?;
        let kind = AccountKind::parse(&account.kind)
            .map_err(|error| AppError::Internal(error.to_string()))?;
        let normal_balance_rials = kind
            .normal_balance(kept.balance_rials)
            .ok_or_else(|| AppError::Internal("balance out of range".into()))?;
        Ok(AccountBalance {
            account,
            kept,
            normal_balance_rials,
        })
    }
}
