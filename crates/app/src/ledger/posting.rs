//! Posting and reversing. Idempotency: the key is looked up first; the same key with the same
//! content returns the first transaction's id and writes nothing (not even an audit row), the
//! same key with other content is a conflict. A concurrent twin that wins the race makes our
//! insert fail on the unique key; the public forms then read the winner and answer as a retry.

use hamyar_domain::ledger::{Posting, TransactionDraft, TransactionError, TransactionInput};
use hamyar_domain::{Message, MessageArg};
use serde_json::json;

use crate::access::{Actor, Permission, PlaceId};
use crate::crash::crash_point;
use crate::error::{AppError, AppResult};
use crate::ledger::scope_holds_account;
use crate::ports::ledger::{
    LedgerAccountRow, LedgerTransactionId, LedgerTransactionRow, NewLedgerTransaction, PostingLine,
};
use crate::ports::{StoreError, Tx};
use crate::service::actor_name;
use crate::service::{App, AuditEntry};

/// Where a transaction is booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LedgerPlace {
    pub province_id: Option<PlaceId>,
    pub county_id: Option<PlaceId>,
}

/// The id of the posted transaction, and whether it was posted by an earlier request with the
/// same idempotency key (nothing new was written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostedTransaction {
    pub id: LedgerTransactionId,
    pub replayed: bool,
}

pub(super) const KEY_CONSTRAINT: &str = "ledger_transactions.idempotency_key";

/// Idempotency-key prefixes the money workflows post under (`payment.<id>.commit`,
/// `tranche.<id>.pay`…). Their transactions belong to a payment's or a tranche's record and
/// are corrected by cancelling it, which reverses them and updates the record together; a
/// bare reversal would leave the record saying "approved" over a ledger that no longer does.
/// Hand postings may not use these prefixes either.
const WORKFLOW_KEY_PREFIXES: [&str; 2] = ["payment.", "tranche."];

pub(crate) fn workflow_key(key: &str) -> bool {
    WORKFLOW_KEY_PREFIXES
        .iter()
        .any(|prefix| key.starts_with(prefix))
}

pub(crate) fn reserved_key() -> AppError {
    AppError::invalid(
        "idempotency_key",
        Message::new("posting-keys_starting_payment_tranche_belong"),
    )
}

fn workflow_owned() -> AppError {
    AppError::invalid(
        "original",
        Message::new("posting-transaction_belongs_payment_grant_tranche"),
    )
}

pub(super) fn lines(postings: &[Posting]) -> Vec<PostingLine> {
    postings
        .iter()
        .map(|posting| PostingLine {
            account_id: posting.account_id,
            amount_rials: posting.amount_rials,
        })
        .collect()
}

fn key_reused() -> AppError {
    AppError::Conflict {
        field: "idempotency_key",
        message: Message::new("posting-idempotency_key_was_already_used"),
    }
}

/// Whether a stored transaction is what this request would have written.
fn same_content(
    stored: &LedgerTransactionRow,
    draft: &TransactionDraft,
    reverses_id: Option<LedgerTransactionId>,
) -> bool {
    stored.postings == lines(draft.postings())
        && stored.description == draft.description()
        && stored.effective_on == draft.effective_on().to_iso_string()
        && stored.reverses_id == reverses_id
}

impl App {
    /// Posts a balanced transaction booked at the actor's own scope, in a transaction of its
    /// own with its audit row.
    pub async fn post_ledger_transaction(
        &self,
        actor: &Actor,
        draft: &TransactionDraft,
    ) -> AppResult<PostedTransaction> {
        if workflow_key(draft.idempotency_key().as_str()) {
            return Err(reserved_key());
        }
        let place = LedgerPlace {
            province_id: actor.scope.province(),
            county_id: actor.scope.county(),
        };
        let mut tx = self.db.write().await?;
        let posted = self
            .post_in_tx(tx.as_mut(), actor, draft, place, None)
            .await;
        match posted {
            Ok(posted) => {
                tx.commit().await?;
                Ok(posted)
            }
            Err(AppError::Store(StoreError::Unique(name))) if name == KEY_CONSTRAINT => {
                drop(tx);
                self.replay_after_race(draft, None).await
            }
            Err(error) => Err(error),
        }
    }

    /// Reads the transaction a concurrent request posted under the same key.
    async fn replay_after_race(
        &self,
        draft: &TransactionDraft,
        reverses_id: Option<LedgerTransactionId>,
    ) -> AppResult<PostedTransaction> {
        let mut tx = self.db.read().await?;
        let stored = tx
            .ledger_transaction_by_key(draft.idempotency_key().as_str())
            .await?;
        tx.commit().await?;
        match stored {
            Some(stored) if same_content(&stored, draft, reverses_id) => Ok(PostedTransaction {
                id: stored.id,
                replayed: true,
            }),
            _ => Err(key_reused()),
        }
    }

    /// Posts `draft` inside the caller's transaction: checks permission, the accounts' scope
    /// and the idempotency key, writes the transaction and its postings (the store re-checks
    /// the balance and keeps the balances), and appends the audit row.
    pub(crate) async fn post_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        draft: &TransactionDraft,
        place: LedgerPlace,
        reverses_id: Option<LedgerTransactionId>,
    ) -> AppResult<PostedTransaction> {
        actor.require(Permission::PostLedger)?;
        if !actor.scope.covers(place.province_id, place.county_id) {
            return Err(AppError::Forbidden);
        }
        let key = draft.idempotency_key().as_str();
        if let Some(stored) = tx.ledger_transaction_by_key(key).await? {
            if same_content(&stored, draft, reverses_id) {
                return Ok(PostedTransaction {
                    id: stored.id,
                    replayed: true,
                });
            }
            return Err(key_reused());
        }
        let accounts = self.check_accounts(tx, actor, draft.postings()).await?;
        let mut years = std::collections::BTreeSet::new();
        super::guards::years_touched(
            tx,
            place.province_id,
            draft.effective_on().year(),
            &accounts,
            &mut years,
        )
        .await?;
        super::guards::refuse_closed_years_in_tx(tx, &years).await?;
        let row = NewLedgerTransaction {
            idempotency_key: key.to_owned(),
            effective_on: draft.effective_on().to_iso_string(),
            description: draft.description().to_owned(),
            reverses_id,
            recorded_by: actor.user_id,
            recorded_by_name: actor_name(tx, actor).await?,
            recorded_at: self.now(),
            province_id: place.province_id,
            county_id: place.county_id,
            postings: lines(draft.postings()),
        };
        let id = tx.post_ledger_transaction(&row).await?;
        crash_point("ledger.posted");
        let after = json!({
            "idempotency_key": row.idempotency_key,
            "effective_on": row.effective_on,
            "description": row.description,
            "reverses_id": row.reverses_id,
            "postings": row.postings.iter().map(|p| json!({
                "account_id": p.account_id, "amount_rials": p.amount_rials,
            })).collect::<Vec<_>>(),
        });
        self.audit_in_tx(
            tx,
            AuditEntry {
                actor,
                action: if reverses_id.is_some() {
                    "ledger.reverse"
                } else {
                    "ledger.post"
                },
                entity_kind: "ledger_transaction",
                entity_id: id.to_string(),
                province_id: place.province_id,
                county_id: place.county_id,
                before: None,
                after: Some(after),
            },
        )
        .await?;
        crash_point("ledger.audited");
        Ok(PostedTransaction {
            id,
            replayed: false,
        })
    }

    /// Every posted account must exist and lie in the actor's scope; returns them.
    async fn check_accounts(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        postings: &[Posting],
    ) -> AppResult<Vec<LedgerAccountRow>> {
        let mut accounts = Vec::with_capacity(postings.len());
        for posting in postings {
            match tx.ledger_account_by_id(posting.account_id).await? {
                Some(account) if scope_holds_account(actor.scope, &account) => {
                    accounts.push(account);
                }
                _ => {
                    return Err(AppError::invalid(
                        "postings",
                        Message::new("ledger-account_missing")
                            .arg("account", MessageArg::digits(posting.account_id)),
                    ));
                }
            }
        }
        Ok(accounts)
    }

    /// Reverses a transaction with its exact negation, effective today (Tehran), so balances
    /// as of earlier dates keep what was then on the books and both stay visible. An original
    /// is reversed at most once and a reversal is not itself reversed (post the right
    /// transaction anew instead).
    pub async fn reverse_ledger_transaction(
        &self,
        actor: &Actor,
        original_id: LedgerTransactionId,
        reason: &str,
        idempotency_key: &str,
    ) -> AppResult<PostedTransaction> {
        actor.require(Permission::PostLedger)?;
        if workflow_key(idempotency_key.trim()) {
            return Err(reserved_key());
        }
        let mut tx = self.db.write().await?;
        if tx
            .ledger_transaction_by_id(original_id)
            .await?
            .is_some_and(|original| workflow_key(&original.idempotency_key))
        {
            return Err(workflow_owned());
        }
        let reversed = self
            .reverse_in_tx(tx.as_mut(), actor, original_id, reason, idempotency_key)
            .await;
        match reversed {
            Ok(posted) => {
                tx.commit().await?;
                Ok(posted)
            }
            Err(AppError::Store(StoreError::Unique(name))) if name == KEY_CONSTRAINT => {
                drop(tx);
                let original = self.original_for_replay(original_id).await?;
                let draft = reversal_draft(&original, reason, idempotency_key, self.today())?;
                self.replay_after_race(&draft, Some(original_id)).await
            }
            Err(error) => Err(error),
        }
    }

    async fn original_for_replay(
        &self,
        original_id: LedgerTransactionId,
    ) -> AppResult<LedgerTransactionRow> {
        let mut tx = self.db.read().await?;
        let original = tx.ledger_transaction_by_id(original_id).await?;
        tx.commit().await?;
        original.ok_or(AppError::NotFound)
    }

    /// Reverses `original_id` inside the caller's transaction (the composable form used by
    /// money use-cases that cancel a payment or a tranche together with its own record).
    pub(crate) async fn reverse_in_tx(
        &self,
        tx: &mut dyn Tx,
        actor: &Actor,
        original_id: LedgerTransactionId,
        reason: &str,
        idempotency_key: &str,
    ) -> AppResult<PostedTransaction> {
        actor.require(Permission::PostLedger)?;
        let original = tx
            .ledger_transaction_by_id(original_id)
            .await?
            .filter(|original| actor.scope.covers(original.province_id, original.county_id))
            .ok_or(AppError::NotFound)?;
        let draft = reversal_draft(&original, reason, idempotency_key, self.today())?;
        if let Some(stored) = tx
            .ledger_transaction_by_key(draft.idempotency_key().as_str())
            .await?
        {
            return if same_content(&stored, &draft, Some(original_id)) {
                Ok(PostedTransaction {
                    id: stored.id,
                    replayed: true,
                })
            } else {
                Err(key_reused())
            };
        }
        if original.reverses_id.is_some() {
            return Err(AppError::invalid(
                "original",
                Message::new("posting-reversal_cannot_reversed_post_correct"),
            ));
        }
        if original.reversed_by.is_some() {
            return Err(already_reversed());
        }
        super::guards::lines_stay_whole_after_reversal(tx, &original).await?;
        let place = LedgerPlace {
            province_id: original.province_id,
            county_id: original.county_id,
        };
        match self
            .post_in_tx(tx, actor, &draft, place, Some(original_id))
            .await
        {
            Err(AppError::Store(StoreError::Unique(name)))
                if name == "ledger_transactions.reverses_id" =>
            {
                Err(already_reversed())
            }
            other => other,
        }
    }
}

fn already_reversed() -> AppError {
    AppError::Conflict {
        field: "original",
        message: Message::new("posting-transaction_has_already_been_reversed"),
    }
}

fn reversal_draft(
    original: &LedgerTransactionRow,
    reason: &str,
    idempotency_key: &str,
    today: hamyar_domain::JalaliDate,
) -> AppResult<TransactionDraft> {
    let postings = original
        .postings
        .iter()
        .map(|line| {
            Posting::debit(line.account_id, line.amount_rials)
                .negated()
                .ok_or_else(|| {
                    AppError::Internal(format!("posting of {} cannot be negated", line.account_id))
                })
        })
        .collect::<AppResult<Vec<_>>>()?;
    TransactionDraft::build(TransactionInput {
        postings,
        description: reason.to_owned(),
        effective_on: today,
        idempotency_key: idempotency_key.to_owned(),
    })
    .map_err(|error| {
        let field = match error {
            TransactionError::KeyEmpty
            | TransactionError::KeyTooLong { .. }
            | TransactionError::KeyNotPrintable => "idempotency_key",
            _ => "reason",
        };
        AppError::invalid(field, error.message())
    })
}
