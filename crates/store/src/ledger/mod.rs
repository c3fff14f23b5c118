//! The `LedgerRepo` port on both engines: accounts (`accounts`), writing and reading
//! transactions with their postings and kept balances (`transactions`), writing many
//! transactions in one statement set (`batch`), the full recomputation behind
//! `hamyar ledger verify` (`check`) and the drill-down from a figure to its transactions
//! (`drill`). The implementation below only forwards, so it doubles as a table of contents.

mod accounts;
mod batch;
mod check;
mod drill;
pub(crate) mod periods;
mod transactions;

use async_trait::async_trait;
use hamyar_app::ports::StoreResult;
use hamyar_app::ports::ledger::{
    AccountDay, AccountId, DrillPage, DrillQuery, KeptBalance, LedgerAccountRow, LedgerCheck,
    LedgerRepo, LedgerTransactionId, LedgerTransactionRow, NewLedgerAccount, NewLedgerTransaction,
};

use crate::tx::AnyTx;

#[async_trait]
impl LedgerRepo for AnyTx {
    async fn insert_ledger_account(
        &mut self,
        account: &NewLedgerAccount,
    ) -> StoreResult<AccountId> {
        accounts::insert(&mut self.tx, account).await
    }

    async fn ledger_accounts(&mut self) -> StoreResult<Vec<LedgerAccountRow>> {
        accounts::all(&mut self.tx).await
    }

    async fn ledger_account_by_id(
        &mut self,
        id: AccountId,
    ) -> StoreResult<Option<LedgerAccountRow>> {
        accounts::by_id(&mut self.tx, id).await
    }

    async fn ledger_account_by_code(
        &mut self,
        code: &str,
    ) -> StoreResult<Option<LedgerAccountRow>> {
        accounts::by_code(&mut self.tx, code).await
    }

    async fn post_ledger_transaction(
        &mut self,
        transaction: &NewLedgerTransaction,
    ) -> StoreResult<LedgerTransactionId> {
        transactions::post(&mut self.tx, transaction).await
    }

    async fn post_ledger_transactions(
        &mut self,
        batch: &[NewLedgerTransaction],
    ) -> StoreResult<Vec<LedgerTransactionId>> {
        batch::post(&mut self.tx, self.backend, batch).await
    }

    async fn ledger_transaction_by_id(
        &mut self,
        id: LedgerTransactionId,
    ) -> StoreResult<Option<LedgerTransactionRow>> {
        transactions::by_id(&mut self.tx, id).await
    }

    async fn ledger_transaction_by_key(
        &mut self,
        idempotency_key: &str,
    ) -> StoreResult<Option<LedgerTransactionRow>> {
        transactions::by_key(&mut self.tx, idempotency_key).await
    }

    async fn ledger_balance(&mut self, account_id: AccountId) -> StoreResult<KeptBalance> {
        transactions::kept_balance(&mut self.tx, account_id).await
    }

    async fn ledger_balance_as_of(
        &mut self,
        account_id: AccountId,
        date: &str,
    ) -> StoreResult<i64> {
        transactions::balance_as_of(&mut self.tx, account_id, date).await
    }

    async fn ledger_account_days(&mut self, account_id: AccountId) -> StoreResult<Vec<AccountDay>> {
        periods::account_days(&mut self.tx, account_id).await
    }

    async fn check_ledger(&mut self) -> StoreResult<LedgerCheck> {
        check::run(&mut self.tx).await
    }

    async fn ledger_guard_installed(&mut self) -> StoreResult<bool> {
        check::guard_installed(&mut self.tx, self.backend).await
    }

    async fn ledger_drill(&mut self, query: &DrillQuery) -> StoreResult<DrillPage> {
        drill::drill(&mut self.tx, query).await
    }
}
