//! Where the fund stands, folded from its journal: the cash in the box, the bank, the social
//! fund, the income and losses of the cycle, each member's shares and savings in the current
//! cycle, and each loan's principal, fee, repayments and write-off. The journal is the one
//! source; the ledger's kept balances of the group's book must agree with it, and
//! `hamyar ledger verify` checks the ledger itself.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::fund::journal::{EntryKind, FundAccount};
use crate::jalali::JalaliDate;

/// One line of the fund's journal, as stored and as exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JournalLine {
    pub cycle_id: i64,
    pub kind: EntryKind,
    pub woman_id: Option<i64>,
    pub loan_id: Option<i64>,
    pub shares: i64,
    pub amount: i64,
    pub on: JalaliDate,
}

/// A member's standing in the current cycle.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MemberStanding {
    /// Shares bought in the current cycle.
    pub shares: i64,
    /// Her savings account: shares bought, her part of a surplus, less what she was paid.
    pub savings: i64,
}

/// A loan's money so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LoanMoney {
    pub woman_id: i64,
    pub principal: i64,
    pub fee: i64,
    pub repaid: i64,
    pub written_off: i64,
}

impl LoanMoney {
    pub fn owed(&self) -> i64 {
        self.principal + self.fee
    }

    pub fn outstanding(&self) -> i64 {
        self.owed() - self.repaid - self.written_off
    }
}

/// The fund's balances (each as a person reads it: positive when it holds money).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FundPosition {
    pub cash: i64,
    pub bank: i64,
    pub loans_outstanding: i64,
    pub social: i64,
    pub fees: i64,
    pub fines: i64,
    pub write_offs: i64,
    /// Counted minus expected, summed (negative: short).
    pub cash_difference: i64,
    pub members: BTreeMap<i64, MemberStanding>,
    pub loans: BTreeMap<i64, LoanMoney>,
}

impl FundPosition {
    /// Folds the group's journal (every cycle) for the cycle `current`.
    pub fn fold(lines: &[JournalLine], current: i64) -> FundPosition {
        let mut position = FundPosition::default();
        for line in lines {
            position.apply(line, current);
        }
        position
    }

    /// Adds one line.
    pub fn apply(&mut self, line: &JournalLine, current: i64) {
        let woman = line.woman_id.unwrap_or_default();
        let amount = line.amount;
        match line.kind {
            EntryKind::Present | EntryKind::Absent => {}
            EntryKind::Savings => {
                self.cash += amount;
                let member = self.members.entry(woman).or_default();
                member.savings += amount;
                if line.cycle_id == current {
                    member.shares += line.shares;
                }
            }
            EntryKind::Social => {
                self.cash += amount;
                self.social += amount;
            }
            EntryKind::Fine => {
                self.cash += amount;
                self.fines += amount;
            }
            EntryKind::Repayment => {
                self.cash += amount;
                self.loans_outstanding -= amount;
                self.loan(line).repaid += amount;
            }
            EntryKind::Disbursement => {
                self.cash -= amount;
                self.loans_outstanding += amount;
                let loan = self.loan(line);
                loan.woman_id = woman;
                loan.principal += amount;
            }
            EntryKind::Fee => {
                self.loans_outstanding += amount;
                self.fees += amount;
                self.loan(line).fee += amount;
            }
            EntryKind::WriteOff => {
                self.loans_outstanding -= amount;
                self.write_offs += amount;
                self.loan(line).written_off += amount;
            }
            EntryKind::CashDifference => {
                self.cash += amount;
                self.cash_difference += amount;
            }
            EntryKind::ToBank => {
                self.cash -= amount;
                self.bank += amount;
            }
            EntryKind::Profit => {
                self.members.entry(woman).or_default().savings += amount;
            }
            EntryKind::Payout => {
                self.cash -= amount;
                self.members.entry(woman).or_default().savings -= amount;
                // A share-out closes the cycle's income and losses into the members' parts.
                self.fees = 0;
                self.fines = 0;
                self.write_offs = 0;
                self.cash_difference = 0;
            }
        }
    }

    fn loan(&mut self, line: &JournalLine) -> &mut LoanMoney {
        self.loans
            .entry(line.loan_id.unwrap_or_default())
            .or_default()
    }

    /// The member's loan still owed, if any (a member holds one loan at a time).
    pub fn open_loan_of(&self, woman: i64) -> Option<(i64, LoanMoney)> {
        self.loans
            .iter()
            .find(|(_, loan)| loan.woman_id == woman && loan.outstanding() > 0)
            .map(|(id, loan)| (*id, *loan))
    }

    /// The cycle's surplus so far: fees and fines less write-offs, plus the cash difference.
    pub fn surplus(&self) -> i64 {
        self.fees + self.fines - self.write_offs + self.cash_difference
    }

    /// What a share-out would divide now: the box and the bank less the social fund.
    pub fn distributable(&self) -> i64 {
        self.cash + self.bank - self.social
    }

    /// The balance each account of the book should have (debit positive), for checking the
    /// ledger's kept balances against the journal.
    pub fn expected_balances(&self) -> BTreeMap<FundAccount, i64> {
        let mut balances = BTreeMap::new();
        balances.insert(FundAccount::Cash, self.cash);
        balances.insert(FundAccount::Bank, self.bank);
        balances.insert(FundAccount::Loans, self.loans_outstanding);
        balances.insert(FundAccount::Social, -self.social);
        for (woman, member) in &self.members {
            balances.insert(FundAccount::Savings(*woman), -member.savings);
        }
        balances
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(kind: EntryKind, woman: i64, loan: Option<i64>, amount: i64) -> JournalLine {
        JournalLine {
            cycle_id: 1,
            kind,
            woman_id: Some(woman),
            loan_id: loan,
            shares: if kind == EntryKind::Savings {
                amount / 100
            } else {
                0
            },
            amount,
            on: JalaliDate::parse("1405/02/01").unwrap(),
        }
    }

    #[test]
    fn a_loan_and_its_repayment_move_cash_and_the_portfolio() {
        let lines = [
            line(EntryKind::Savings, 1, None, 1_000),
            line(EntryKind::Savings, 2, None, 500),
            line(EntryKind::Disbursement, 2, Some(7), 1_200),
            line(EntryKind::Fee, 2, Some(7), 24),
            line(EntryKind::Repayment, 2, Some(7), 224),
        ];
        let position = FundPosition::fold(&lines, 1);
        assert_eq!(position.cash, 524);
        assert_eq!(position.loans_outstanding, 1_000);
        assert_eq!(position.members[&1].shares, 10);
        assert_eq!(position.open_loan_of(2).unwrap().0, 7);
        assert_eq!(position.open_loan_of(1), None);
        assert_eq!(position.surplus(), 24);
    }
}
