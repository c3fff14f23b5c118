//! The five kinds of ledger account and the side (debit or credit) that increases each. The
//! kind is stored as a code, so the store and the reports read the same words.

use crate::message::{Message, localized_message};

/// The side of a posting that increases an account of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NormalSide {
    Debit,
    Credit,
}

/// Asset, liability, equity, income or expense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountKind {
    Asset,
    Liability,
    Equity,
    Income,
    Expense,
}

impl AccountKind {
    pub const ALL: [AccountKind; 5] = [
        AccountKind::Asset,
        AccountKind::Liability,
        AccountKind::Equity,
        AccountKind::Income,
        AccountKind::Expense,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            AccountKind::Asset => "asset",
            AccountKind::Liability => "liability",
            AccountKind::Equity => "equity",
            AccountKind::Income => "income",
            AccountKind::Expense => "expense",
        }
    }

    pub fn parse(code: &str) -> Result<AccountKind, AccountKindError> {
        AccountKind::ALL
            .into_iter()
            .find(|kind| kind.code() == code.trim())
            .ok_or_else(|| AccountKindError::Unknown(code.to_owned()))
    }

    pub fn label_fa(self) -> &'static str {
        match self {
            AccountKind::Asset => "دارایی",
            AccountKind::Liability => "بدهی",
            AccountKind::Equity => "سرمایه",
            AccountKind::Income => "درآمد",
            AccountKind::Expense => "هزینه",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            AccountKind::Asset => "Asset",
            AccountKind::Liability => "Liability",
            AccountKind::Equity => "Equity",
            AccountKind::Income => "Income",
            AccountKind::Expense => "Expense",
        }
    }

    /// Debits increase assets and expenses; credits increase liabilities, equity and income.
    pub fn increases_with(self) -> NormalSide {
        match self {
            AccountKind::Asset | AccountKind::Expense => NormalSide::Debit,
            AccountKind::Liability | AccountKind::Equity | AccountKind::Income => {
                NormalSide::Credit
            }
        }
    }

    /// The balance as a person reads it from the stored sum of postings (debit positive):
    /// unchanged for debit-normal kinds, negated for credit-normal ones. `None` only for
    /// `i64::MIN`, which no real ledger reaches.
    pub fn normal_balance(self, signed_sum_rials: i64) -> Option<i64> {
        match self.increases_with() {
            NormalSide::Debit => Some(signed_sum_rials),
            NormalSide::Credit => signed_sum_rials.checked_neg(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountKindError {
    #[error("unknown account kind {0:?}")]
    Unknown(String),
}

impl AccountKindError {
    /// What is wrong, without the field name.
    pub fn message(&self) -> Message {
        match self {
            AccountKindError::Unknown(code) => {
                Message::new("account_kind-unknown").arg("code", code.as_str())
            }
        }
    }
}

localized_message!(AccountKindError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debits_increase_assets_and_expenses_credits_the_rest() {
        assert_eq!(AccountKind::Asset.increases_with(), NormalSide::Debit);
        assert_eq!(AccountKind::Expense.increases_with(), NormalSide::Debit);
        assert_eq!(AccountKind::Liability.increases_with(), NormalSide::Credit);
        assert_eq!(AccountKind::Equity.increases_with(), NormalSide::Credit);
        assert_eq!(AccountKind::Income.increases_with(), NormalSide::Credit);
    }

    #[test]
    fn a_credit_normal_account_reads_its_credits_as_positive() {
        assert_eq!(AccountKind::Equity.normal_balance(-500), Some(500));
        assert_eq!(AccountKind::Asset.normal_balance(-500), Some(-500));
    }

    #[test]
    fn kinds_round_trip_through_their_codes() {
        for kind in AccountKind::ALL {
            assert_eq!(AccountKind::parse(kind.code()), Ok(kind));
        }
        assert!(AccountKind::parse("cash").is_err());
    }
}
