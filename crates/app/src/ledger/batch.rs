//! Posting many transactions in one go: loading a year's history, a bank statement, or a
//! payroll-like run of tranches. [`App::post_ledger_batch`] keeps every rule of the single
//! form — `PostLedger`, the place and each account inside the actor's scope, balanced
//! postings checked again by the store, unique idempotency keys — but pays for them once per
//! batch: each distinct account is looked up once, the batch crosses the store port as one
//! call (one JSON value to the database), and it is audited as ONE `ledger.post_batch` row
//! with the count, the first and last key and ids and the total debits. The audit log is a
//! hash chain written one row at a time; a row per transaction would have set the pace.
//!
//! A batch is all or nothing and is not a retry: a key already used (or repeated inside the
//! batch) refuses the whole batch with a conflict naming the key, where the single form would
//! answer a same-content retry with the first id. A caller that may resend a batch checks
//! first, or sends only what is not yet on the books.

use hamyar_domain::{Message, MessageArg};
use std::collections::{BTreeMap, BTreeSet, HashSet};

use hamyar_domain::ledger::TransactionDraft;
use serde_json::json;

use super::guards::{refuse_closed_years_in_tx, years_touched};
use super::posting::{KEY_CONSTRAINT, LedgerPlace, lines};
use crate::access::{Actor, Permission};
use crate::error::{AppError, AppResult};
use crate::ledger::scope_holds_account;
use crate::ports::ledger::{
    AccountId, LedgerAccountRow, LedgerTransactionId, NewLedgerTransaction,
};
use crate::ports::{StoreError, Tx};
use crate::service::actor_name;
use crate::service::{App, AuditEntry};

fn key_taken(key: &str) -> AppError {
    AppError::Conflict {
        field: "idempotency_key",
        message: Message::new("batch-key_taken").arg("key", key),
    }
}

/// The first key that appears twice in the batch.
fn repeated_key(drafts: &[TransactionDraft]) -> Option<&str> {
    let mut seen = HashSet::with_capacity(drafts.len());
    drafts
        .iter()
        .map(|draft| draft.idempotency_key().as_str())
        .find(|key| !seen.insert(*key))
}

/// The sum of the batch's debits (its positive postings), for the audit row.
fn total_debits(drafts: &[TransactionDraft]) -> AppResult<i64> {
    drafts
        .iter()
        .flat_map(|draft| draft.postings())
        .filter(|posting| posting.amount_rials > 0)
        .try_fold(0i64, |sum, posting| sum.checked_add(posting.amount_rials))
        .ok_or_else(|| AppError::invalid("postings", Message::new("batch-batch_s_debits_add_up")))
}

/// Refuses the batch when any member lands in a closed fiscal year (see
/// `budget::fiscal_year`): the years of the members' dates, in the batch's own province and
/// in those of the accounts they touch, and the years of the budget lines touched. Each
/// distinct account and year is looked at once.
async fn refuse_closed_years(
    tx: &mut dyn Tx,
    drafts: &[TransactionDraft],
    place: LedgerPlace,
    accounts: &BTreeMap<AccountId, LedgerAccountRow>,
) -> AppResult<()> {
    let mut seen: BTreeSet<(i32, Vec<AccountId>)> = BTreeSet::new();
    let mut years = BTreeSet::new();
    for draft in drafts {
        let mut ids: Vec<AccountId> = draft.postings().iter().map(|p| p.account_id).collect();
        ids.sort_unstable();
        let year = draft.effective_on().year();
        if !seen.insert((year, ids.clone())) {
            continue;
        }
        let touched: Vec<LedgerAccountRow> = ids
            .iter()
            .filter_map(|id| accounts.get(id).cloned())
            .collect();
        years_touched(tx, place.province_id, year, &touched, &mut years).await?;
    }
    refuse_closed_years_in_tx(tx, &years).await
}

impl App {
    /// Posts `drafts` booked at the actor's own scope in one write transaction with one audit
    /// row; returns the new ids in the drafts' order. Nothing is written unless all are.
    pub async fn post_ledger_batch(
        &self,
        actor: &Actor,
        drafts: &[TransactionDraft],
    ) -> AppResult<Vec<LedgerTransactionId>> {
        actor.require(Permission::PostLedger)?;
        if drafts.is_empty() {
            return Ok(Vec::new());
        }
        let place = LedgerPlace {
            province_id: actor.scope.province(),
            county_id: actor.scope.county(),
        };
        let mut tx = self.db.write().await?;
        let ids = self
            .post_batch_in_tx(tx.as_mut(), actor, drafts, place)
            .await?;
        tx.commit().await?;
        Ok(ids)
    }

    /// The batch inside the caller's transaction, for use-cases that post many transactions
    /// as part of a larger change.
    pub(crate) async fn post_batch_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        drafts: &[TransactionDraft],
        place: LedgerPlace,
    ) -> AppResult<Vec<LedgerTransactionId>> {
        actor.require(Permission::PostLedger)?;
        if !actor.scope.covers(place.province_id, place.county_id) {
            return Err(AppError::Forbidden);
        }
        if let Some(key) = repeated_key(drafts) {
            return Err(key_taken(key));
        }
        if drafts
            .iter()
            .any(|draft| super::posting::workflow_key(draft.idempotency_key().as_str()))
        {
            return Err(super::posting::reserved_key());
        }
        let total_debits_rials = total_debits(drafts)?;
        let accounts = self.check_batch_accounts(tx, actor, drafts).await?;
        refuse_closed_years(tx, drafts, place, &accounts).await?;
        let rows = self.batch_rows(tx, actor, drafts, place).await?;
        let ids = match tx.post_ledger_transactions(&rows).await {
            Err(StoreError::Unique(name)) if name == KEY_CONSTRAINT => {
                return Err(self.used_key(tx, drafts).await);
            }
            written => written?,
        };
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
            return Ok(ids);
        };
        let after = json!({
            "count": rows.len(),
            "first_key": first.idempotency_key,
            "last_key": last.idempotency_key,
            "first_id": ids.first(),
            "last_id": ids.last(),
            "total_debits_rials": total_debits_rials,
        });
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: "ledger.post_batch",
                entity_kind: "ledger_transaction",
                entity_id: ids.first().map(ToString::to_string).unwrap_or_default(),
                province_id: place.province_id,
                county_id: place.county_id,
                before: None,
                after: Some(after),
            },
        )
        .await?;
        Ok(ids)
    }

    async fn batch_rows(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        drafts: &[TransactionDraft],
        place: LedgerPlace,
    ) -> AppResult<Vec<NewLedgerTransaction>> {
        let recorded_by_name = actor_name(tx, actor).await?;
        let recorded_at = self.now();
        // Consecutive drafts often share a day; convert each run's date to ISO once.
        let mut last_date = None;
        let mut effective_on = String::new();
        let mut rows = Vec::with_capacity(drafts.len());
        for draft in drafts {
            if last_date != Some(draft.effective_on()) {
                last_date = Some(draft.effective_on());
                effective_on = draft.effective_on().to_iso_string();
            }
            rows.push(NewLedgerTransaction {
                idempotency_key: draft.idempotency_key().as_str().to_owned(),
                effective_on: effective_on.clone(),
                description: draft.description().to_owned(),
                reverses_id: None,
                recorded_by: actor.user_id,
                recorded_by_name: recorded_by_name.clone(),
                recorded_at,
                province_id: place.province_id,
                county_id: place.county_id,
                postings: lines(draft.postings()),
            });
        }
        Ok(rows)
    }

    /// Every account the batch posts to must exist and lie in the actor's scope; each is
    /// looked up once however many postings name it. Returns them by id.
    async fn check_batch_accounts(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        drafts: &[TransactionDraft],
    ) -> AppResult<BTreeMap<AccountId, LedgerAccountRow>> {
        let mut found = BTreeMap::new();
        let accounts: BTreeSet<_> = drafts
            .iter()
            .flat_map(|draft| draft.postings())
            .map(|posting| posting.account_id)
            .collect();
        for account_id in accounts {
            match tx.ledger_account_by_id(account_id).await? {
                Some(account) if scope_holds_account(actor.scope, &account) => {
                    found.insert(account_id, account);
                }
                _ => {
                    return Err(AppError::invalid(
                        "postings",
                        Message::new("ledger-account_missing")
                            .arg("account", MessageArg::digits(account_id)),
                    ));
                }
            }
        }
        Ok(found)
    }

    /// Which key the store refused. The store took the batch back (savepoint), so the
    /// transaction still reads; this runs only on the refusal path.
    async fn used_key(&self, tx: &mut dyn Tx, drafts: &[TransactionDraft]) -> AppError {
        for draft in drafts {
            let key = draft.idempotency_key().as_str();
            match tx.ledger_transaction_by_key(key).await {
                Ok(Some(_)) => return key_taken(key),
                Ok(None) => {}
                Err(error) => return error.into(),
            }
        }
        AppError::Store(StoreError::Unique(KEY_CONSTRAINT.to_owned()))
    }
}
