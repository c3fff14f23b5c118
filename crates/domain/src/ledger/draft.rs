//! A transaction as the application wants to post it. [`TransactionDraft::build`] is the only
//! way to make one, and it refuses anything that is not a balanced set of at least two
//! non-zero postings to distinct accounts with a description and an idempotency key; so code
//! that holds a draft holds a transaction that balances. Amounts are summed with checked
//! arithmetic: an overflow is an error, never a wrapped sum that happens to be zero.

use std::collections::HashSet;

use crate::ids::AccountId;
use crate::jalali::JalaliDate;
use crate::message::{Message, MessageArg, localized_message};

/// At most this many characters of description.
pub const MAX_DESCRIPTION_CHARS: usize = 500;
/// At most this many characters of idempotency key.
pub const MAX_IDEMPOTENCY_KEY_CHARS: usize = 100;

/// One line of a transaction: an account and a signed amount in rials (positive = debit,
/// negative = credit; see the module documentation of `ledger`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Posting {
    pub account_id: AccountId,
    pub amount_rials: i64,
}

impl Posting {
    pub fn debit(account_id: AccountId, amount_rials: i64) -> Posting {
        Posting {
            account_id,
            amount_rials,
        }
    }

    /// A credit of `amount_rials` (given as a positive number) to the account.
    pub fn credit(account_id: AccountId, amount_rials: i64) -> Posting {
        Posting {
            account_id,
            amount_rials: amount_rials.saturating_neg(),
        }
    }

    /// The same posting on the other side, as a reversal writes it.
    pub fn negated(self) -> Option<Posting> {
        Some(Posting {
            account_id: self.account_id,
            amount_rials: self.amount_rials.checked_neg()?,
        })
    }
}

/// A caller-chosen key that makes a retried request post nothing new: 1–100 printable ASCII
/// characters (no spaces or control characters), so it is safe in logs, URLs and forms.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(text: &str) -> Result<IdempotencyKey, TransactionError> {
        if text.is_empty() {
            return Err(TransactionError::KeyEmpty);
        }
        if !text.chars().all(|c| c.is_ascii_graphic()) {
            return Err(TransactionError::KeyNotPrintable);
        }
        if text.len() > MAX_IDEMPOTENCY_KEY_CHARS {
            return Err(TransactionError::KeyTooLong { chars: text.len() });
        }
        Ok(IdempotencyKey(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The raw parts of a transaction before checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransactionInput {
    pub postings: Vec<Posting>,
    pub description: String,
    pub effective_on: JalaliDate,
    pub idempotency_key: String,
}

/// A balanced transaction, ready to post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransactionDraft {
    postings: Vec<Posting>,
    description: String,
    effective_on: JalaliDate,
    idempotency_key: IdempotencyKey,
}

impl TransactionDraft {
    pub fn build(input: TransactionInput) -> Result<TransactionDraft, TransactionError> {
        check_postings(&input.postings)?;
        let description = input.description.trim().to_owned();
        if description.is_empty() {
            return Err(TransactionError::DescriptionEmpty);
        }
        let chars = description.chars().count();
        if chars > MAX_DESCRIPTION_CHARS {
            return Err(TransactionError::DescriptionTooLong { chars });
        }
        Ok(TransactionDraft {
            postings: input.postings,
            description,
            effective_on: input.effective_on,
            idempotency_key: IdempotencyKey::parse(&input.idempotency_key)?,
        })
    }

    pub fn postings(&self) -> &[Posting] {
        &self.postings
    }

    pub fn description(&self) -> &str {
        &self.description
    }

    pub fn effective_on(&self) -> JalaliDate {
        self.effective_on
    }

    pub fn idempotency_key(&self) -> &IdempotencyKey {
        &self.idempotency_key
    }
}

/// At least two postings, none zero, no account twice, summing to exactly zero.
fn check_postings(postings: &[Posting]) -> Result<(), TransactionError> {
    if postings.len() < 2 {
        return Err(TransactionError::TooFewPostings {
            count: postings.len(),
        });
    }
    let mut seen = HashSet::new();
    let mut sum: i64 = 0;
    for posting in postings {
        if posting.amount_rials == 0 {
            return Err(TransactionError::ZeroAmount {
                account_id: posting.account_id,
            });
        }
        if !seen.insert(posting.account_id) {
            return Err(TransactionError::AccountTwice {
                account_id: posting.account_id,
            });
        }
        sum = sum
            .checked_add(posting.amount_rials)
            .ok_or(TransactionError::Overflow)?;
    }
    if sum != 0 {
        return Err(TransactionError::Unbalanced { sum_rials: sum });
    }
    Ok(())
}

/// Why a transaction could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransactionError {
    #[error("a transaction needs at least two postings, got {count}")]
    TooFewPostings { count: usize },
    #[error("posting to account {account_id} has a zero amount")]
    ZeroAmount { account_id: AccountId },
    #[error("account {account_id} appears twice")]
    AccountTwice { account_id: AccountId },
    #[error("postings sum to {sum_rials} rials instead of zero")]
    Unbalanced { sum_rials: i64 },
    #[error("amounts are too large to add up")]
    Overflow,
    #[error("description is empty")]
    DescriptionEmpty,
    #[error("description has {chars} characters, more than 500")]
    DescriptionTooLong { chars: usize },
    #[error("idempotency key is empty")]
    KeyEmpty,
    #[error("idempotency key has {chars} characters, more than 100")]
    KeyTooLong { chars: usize },
    #[error("idempotency key has characters other than printable ASCII")]
    KeyNotPrintable,
}

impl TransactionError {
    /// What is wrong. Account ids, sums and lengths are written without separators.
    pub fn message(&self) -> Message {
        match self {
            TransactionError::TooFewPostings { count } => {
                Message::new("transaction-too_few_postings").arg("count", MessageArg::digits(count))
            }
            TransactionError::ZeroAmount { account_id } => Message::new("transaction-zero_amount")
                .arg("account", MessageArg::digits(account_id)),
            TransactionError::AccountTwice { account_id } => {
                Message::new("transaction-account_twice")
                    .arg("account", MessageArg::digits(account_id))
            }
            TransactionError::Unbalanced { sum_rials } => {
                Message::new("transaction-unbalanced").arg("sum", MessageArg::digits(sum_rials))
            }
            TransactionError::Overflow => Message::new("transaction-overflow"),
            TransactionError::DescriptionEmpty => Message::new("transaction-description_empty"),
            TransactionError::DescriptionTooLong { chars } => {
                Message::new("transaction-description_too_long")
                    .arg("chars", MessageArg::digits(chars))
            }
            TransactionError::KeyEmpty => Message::new("transaction-key_empty"),
            TransactionError::KeyTooLong { chars } => {
                Message::new("transaction-key_too_long").arg("chars", MessageArg::digits(chars))
            }
            TransactionError::KeyNotPrintable => Message::new("transaction-key_not_printable"),
        }
    }
}

localized_message!(TransactionError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input(postings: Vec<Posting>) -> TransactionInput {
        TransactionInput {
            postings,
            description: "تخصیص بودجه آموزش".into(),
            effective_on: JalaliDate::new(1405, 1, 15).unwrap(),
            idempotency_key: "budget-1405-training".into(),
        }
    }

    #[test]
    fn a_balanced_pair_builds_and_keeps_its_parts() {
        let draft = TransactionDraft::build(input(vec![
            Posting::debit(AccountId::new(1), 300_000_000),
            Posting::credit(AccountId::new(2), 300_000_000),
        ]))
        .unwrap();
        assert_eq!(draft.postings().len(), 2);
        assert_eq!(draft.idempotency_key().as_str(), "budget-1405-training");
        assert_eq!(draft.description(), "تخصیص بودجه آموزش");
    }

    #[test]
    fn each_broken_rule_has_its_own_error() {
        let build = |postings| TransactionDraft::build(input(postings)).unwrap_err();
        assert_eq!(
            build(vec![Posting::debit(AccountId::new(1), 5)]),
            TransactionError::TooFewPostings { count: 1 }
        );
        assert_eq!(
            build(vec![
                Posting::debit(AccountId::new(1), 0),
                Posting::debit(AccountId::new(2), 0)
            ]),
            TransactionError::ZeroAmount {
                account_id: AccountId::new(1)
            }
        );
        assert_eq!(
            build(vec![
                Posting::debit(AccountId::new(1), 5),
                Posting::credit(AccountId::new(1), 5)
            ]),
            TransactionError::AccountTwice {
                account_id: AccountId::new(1)
            }
        );
        assert_eq!(
            build(vec![
                Posting::debit(AccountId::new(1), 5),
                Posting::credit(AccountId::new(2), 4)
            ]),
            TransactionError::Unbalanced { sum_rials: 1 }
        );
        assert_eq!(
            build(vec![
                Posting::debit(AccountId::new(1), i64::MAX),
                Posting::debit(AccountId::new(2), 1),
                Posting::credit(AccountId::new(3), 1)
            ]),
            TransactionError::Overflow
        );
    }

    #[test]
    fn description_and_key_are_checked() {
        let pair = vec![
            Posting::debit(AccountId::new(1), 5),
            Posting::credit(AccountId::new(2), 5),
        ];
        let mut blank = input(pair.clone());
        blank.description = "  ".into();
        assert_eq!(
            TransactionDraft::build(blank).unwrap_err(),
            TransactionError::DescriptionEmpty
        );
        let mut long = input(pair.clone());
        long.description = "ب".repeat(501);
        assert_eq!(
            TransactionDraft::build(long).unwrap_err(),
            TransactionError::DescriptionTooLong { chars: 501 }
        );
        let mut spaced = input(pair.clone());
        spaced.idempotency_key = "two words".into();
        assert_eq!(
            TransactionDraft::build(spaced).unwrap_err(),
            TransactionError::KeyNotPrintable
        );
        let mut persian = input(pair.clone());
        persian.idempotency_key = "کلید".into();
        assert_eq!(
            TransactionDraft::build(persian).unwrap_err(),
            TransactionError::KeyNotPrintable
        );
        let mut empty = input(pair.clone());
        empty.idempotency_key = String::new();
        assert_eq!(
            TransactionDraft::build(empty).unwrap_err(),
            TransactionError::KeyEmpty
        );
        let mut long_key = input(pair);
        long_key.idempotency_key = "k".repeat(101);
        assert_eq!(
            TransactionDraft::build(long_key).unwrap_err(),
            TransactionError::KeyTooLong { chars: 101 }
        );
    }

    #[test]
    fn messages_carry_the_sum() {
        let error = TransactionError::Unbalanced { sum_rials: 12 };
        assert_eq!(
            error.message(),
            Message::new("transaction-unbalanced").arg("sum", MessageArg::Digits("12".into()))
        );
    }

    /// Distinct accounts with non-zero amounts, the last one balancing the rest.
    fn balanced_postings() -> impl Strategy<Value = Vec<Posting>> {
        prop::collection::vec(
            prop_oneof![-1_000_000_000_000i64..-1, 1i64..1_000_000_000_000],
            1..8,
        )
        .prop_filter_map("balancing amount is zero", |amounts| {
            let sum: i64 = amounts.iter().sum();
            let mut postings: Vec<Posting> = amounts
                .iter()
                .enumerate()
                .map(|(index, amount)| Posting::debit(AccountId::new(index as i64 + 1), *amount))
                .collect();
            (sum != 0).then(|| {
                postings.push(Posting::debit(AccountId::new(100), -sum));
                postings
            })
        })
    }

    proptest! {
        #[test]
        fn every_built_draft_sums_to_zero(postings in balanced_postings()) {
            let draft = TransactionDraft::build(input(postings)).unwrap();
            let sum = draft
                .postings()
                .iter()
                .try_fold(0i64, |sum, posting| sum.checked_add(posting.amount_rials));
            prop_assert_eq!(sum, Some(0));
        }

        #[test]
        fn postings_that_do_not_sum_to_zero_never_build(
            postings in balanced_postings(),
            off_by in prop_oneof![-1_000_000i64..-1, 1i64..1_000_000],
            which in 0usize..8,
        ) {
            let mut postings = postings;
            let index = which % postings.len();
            postings[index].amount_rials += off_by;
            prop_assume!(postings[index].amount_rials != 0);
            let result = TransactionDraft::build(input(postings));
            prop_assert!(
                matches!(result, Err(TransactionError::Unbalanced { .. })),
                "{:?}",
                result
            );
        }
    }
}
