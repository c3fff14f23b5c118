//! The general double-entry ledger's pure rules: the five kinds of account and which side
//! increases each, and a transaction draft that cannot exist unless it balances. Every money
//! event of the programme (budget allocation, commitment, payment, grant tranche, reversal) is
//! built here first and checked again by the store before it is written, so an unbalanced
//! transaction has to get past two independent checks to reach the books.
//!
//! **Sign convention.** A posting's amount is a signed integer number of rials: positive is a
//! debit, negative is a credit. A transaction balances when its amounts sum to zero. An
//! account's stored balance is the plain sum of its postings (debits minus credits); its
//! *normal* balance — the figure a person reads — is that sum for debit-normal kinds (asset,
//! expense) and its negation for credit-normal kinds (liability, equity, income).

mod account;
mod draft;

pub use account::{AccountKind, AccountKindError, NormalSide};
pub use draft::{
    IdempotencyKey, MAX_DESCRIPTION_CHARS, MAX_IDEMPOTENCY_KEY_CHARS, Posting, TransactionDraft,
    TransactionError, TransactionInput,
};
