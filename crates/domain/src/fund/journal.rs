//! The fund's journal and its book. Every change to the fund is a journal line of one
//! [`EntryKind`] — about one woman's money (her shares, a repayment, the loan she was given)
//! or the group's (cash counted short, money taken to the bank) — and every kind moves two
//! accounts of the group's book ([`FundAccount`]) by the same amount in opposite directions,
//! so the lines of a meeting always make a balanced ledger transaction.
//!
//! The book (signs as on the whole ledger: debit positive):
//!
//! | account | kind | holds |
//! |---|---|---|
//! | cash box | asset | the cash in the box after the meeting |
//! | bank | asset | the group's bank account |
//! | loans | asset | what members owe: principal and the disclosed fee |
//! | savings of each member | equity | her shares bought, her share of the cycle's surplus |
//! | social fund | liability | the members' contributions for emergencies, kept across cycles |
//! | fees | income | service fees on loans, earned when the loan is given |
//! | fines | income | fines the members agreed |
//! | write-offs | expense | loans the group decided not to collect |
//! | cash difference | expense | cash counted short (a credit when counted over) |
//!
//! The service fee is recognised when the loan is given (it is owed from that day, and
//! disclosed in rials in the loan's terms); that is a choice the savings-group standards
//! leave open, stated in `docs/FUND.md`.

use serde::Serialize;

/// What happened to the fund's money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum EntryKind {
    /// A member was at the meeting (amount 0).
    Present,
    /// A member was not (amount 0).
    Absent,
    /// Shares bought (`shares` × the cycle's share value).
    Savings,
    /// A contribution to the social fund.
    Social,
    /// A fine.
    Fine,
    /// Part of a loan paid back.
    Repayment,
    /// A loan given: its principal, out of the cash box.
    Disbursement,
    /// The loan's service fee, owed from the day it is given.
    Fee,
    /// What was left of a loan when the group decided not to collect it.
    WriteOff,
    /// Cash counted minus the books' cash (negative when short).
    CashDifference,
    /// Cash taken to the bank (negative: drawn from the bank into the box).
    ToBank,
    /// A member's share of the cycle's surplus at the share-out (negative for a loss).
    Profit,
    /// What a member was paid at the share-out.
    Payout,
}

impl EntryKind {
    pub const ALL: [EntryKind; 13] = [
        EntryKind::Present,
        EntryKind::Absent,
        EntryKind::Savings,
        EntryKind::Social,
        EntryKind::Fine,
        EntryKind::Repayment,
        EntryKind::Disbursement,
        EntryKind::Fee,
        EntryKind::WriteOff,
        EntryKind::CashDifference,
        EntryKind::ToBank,
        EntryKind::Profit,
        EntryKind::Payout,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Present => "present",
            EntryKind::Absent => "absent",
            EntryKind::Savings => "savings",
            EntryKind::Social => "social",
            EntryKind::Fine => "fine",
            EntryKind::Repayment => "repayment",
            EntryKind::Disbursement => "disbursement",
            EntryKind::Fee => "fee",
            EntryKind::WriteOff => "write_off",
            EntryKind::CashDifference => "cash_difference",
            EntryKind::ToBank => "to_bank",
            EntryKind::Profit => "profit",
            EntryKind::Payout => "payout",
        }
    }

    pub fn parse(code: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// The catalogue id of its name.
    pub fn label(self) -> &'static str {
        match self {
            EntryKind::Present => "fund-kind_present",
            EntryKind::Absent => "fund-kind_absent",
            EntryKind::Savings => "fund-kind_savings",
            EntryKind::Social => "fund-kind_social",
            EntryKind::Fine => "fund-kind_fine",
            EntryKind::Repayment => "fund-kind_repayment",
            EntryKind::Disbursement => "fund-kind_disbursement",
            EntryKind::Fee => "fund-kind_fee",
            EntryKind::WriteOff => "fund-kind_write_off",
            EntryKind::CashDifference => "fund-kind_cash_difference",
            EntryKind::ToBank => "fund-kind_to_bank",
            EntryKind::Profit => "fund-kind_profit",
            EntryKind::Payout => "fund-kind_payout",
        }
    }

    /// Whether a line of this kind names a woman.
    pub fn is_a_members(self) -> bool {
        !matches!(self, EntryKind::CashDifference | EntryKind::ToBank)
    }

    /// The two accounts a line of this kind moves: the first is debited with the amount and
    /// the second credited (a negative amount turns both round). Marks of presence move none.
    pub fn accounts(self, woman: i64) -> Option<(FundAccount, FundAccount)> {
        use FundAccount as A;
        Some(match self {
            EntryKind::Present | EntryKind::Absent => return None,
            EntryKind::Savings => (A::Cash, A::Savings(woman)),
            EntryKind::Social => (A::Cash, A::Social),
            EntryKind::Fine => (A::Cash, A::Fines),
            EntryKind::Repayment => (A::Cash, A::Loans),
            EntryKind::Disbursement => (A::Loans, A::Cash),
            EntryKind::Fee => (A::Loans, A::Fees),
            EntryKind::WriteOff => (A::WriteOffs, A::Loans),
            EntryKind::CashDifference => (A::Cash, A::CashDifference),
            EntryKind::ToBank => (A::Bank, A::Cash),
            EntryKind::Profit => (A::Surplus, A::Savings(woman)),
            EntryKind::Payout => (A::Savings(woman), A::Cash),
        })
    }
}

/// An account of a group's book; a member's savings account is hers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum FundAccount {
    Cash,
    Bank,
    Loans,
    /// A member's savings, by her woman id.
    Savings(i64),
    Social,
    Fees,
    Fines,
    WriteOffs,
    CashDifference,
    /// The cycle's surplus on its way to the members at the share-out: the fees, fines,
    /// write-offs and differences are closed into it and it is divided among the savings.
    Surplus,
}

impl FundAccount {
    /// The account's code within the group's book (`fund.<group>.` is put before it).
    pub fn code(self) -> String {
        match self {
            FundAccount::Cash => "cash".into(),
            FundAccount::Bank => "bank".into(),
            FundAccount::Loans => "loans".into(),
            FundAccount::Savings(woman) => format!("savings.{woman}"),
            FundAccount::Social => "social".into(),
            FundAccount::Fees => "fees".into(),
            FundAccount::Fines => "fines".into(),
            FundAccount::WriteOffs => "write_offs".into(),
            FundAccount::CashDifference => "cash_difference".into(),
            FundAccount::Surplus => "surplus".into(),
        }
    }

    /// The ledger's account kind code (`crate::ledger::AccountKind`).
    pub fn kind(self) -> &'static str {
        match self {
            FundAccount::Cash | FundAccount::Bank | FundAccount::Loans => "asset",
            FundAccount::Savings(_) | FundAccount::Surplus => "equity",
            FundAccount::Social => "liability",
            FundAccount::Fees | FundAccount::Fines => "income",
            FundAccount::WriteOffs | FundAccount::CashDifference => "expense",
        }
    }

    /// Persian and English names (a member's savings is named with her name by the caller).
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            FundAccount::Cash => ("صندوق نقدی گروه", "Group cash box"),
            FundAccount::Bank => ("حساب بانکی گروه", "Group bank account"),
            FundAccount::Loans => ("وام‌های اعضا", "Loans to members"),
            FundAccount::Savings(_) => ("پس‌انداز عضو", "Member's savings"),
            FundAccount::Social => ("صندوق اجتماعی", "Social fund"),
            FundAccount::Fees => ("درآمد کارمزد", "Service fee income"),
            FundAccount::Fines => ("درآمد جریمه", "Fine income"),
            FundAccount::WriteOffs => ("وام‌های سوخت‌شده", "Loans written off"),
            FundAccount::CashDifference => ("کسری و اضافهٔ صندوق", "Cash over and short"),
            FundAccount::Surplus => ("مازاد دوره", "Cycle surplus"),
        }
    }
}

/// The net postings of some lines, one per account, zeros left out: a balanced transaction.
pub fn postings(lines: &[(EntryKind, i64, i64)]) -> Vec<(FundAccount, i64)> {
    let mut sums: std::collections::BTreeMap<FundAccount, i64> = Default::default();
    for &(kind, woman, amount) in lines {
        if let Some((debit, credit)) = kind.accounts(woman) {
            *sums.entry(debit).or_default() += amount;
            *sums.entry(credit).or_default() -= amount;
        }
    }
    sums.into_iter().filter(|(_, sum)| *sum != 0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_codes() {
        for kind in EntryKind::ALL {
            assert_eq!(EntryKind::parse(kind.code()), Some(kind));
        }
    }

    #[test]
    fn a_meeting_nets_to_zero_one_posting_per_account() {
        let lines = [
            (EntryKind::Savings, 1, 500),
            (EntryKind::Savings, 2, 1_000),
            (EntryKind::Social, 1, 100),
            (EntryKind::Disbursement, 2, 1_200),
            (EntryKind::Fee, 2, 24),
            (EntryKind::Present, 1, 0),
        ];
        let postings = postings(&lines);
        assert_eq!(postings.iter().map(|(_, a)| a).sum::<i64>(), 0);
        assert!(postings.contains(&(FundAccount::Cash, 400)));
        assert!(postings.contains(&(FundAccount::Loans, 1_224)));
    }
}
