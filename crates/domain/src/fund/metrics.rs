//! The savings-group metrics, computed from the fund's journal and never typed. The data
//! items and ratios follow SAVIX (the Savings Groups Information Exchange, VSL Associates)
//! and the SEEP Network's key ratios for savings groups; `docs/FUND.md` cites each one and
//! states every choice the standards leave open. One definition serves every surface: the
//! page, the CLI report, the quarterly file, and the recomputation from `hamyar export fund`.
//!
//! A period is two days, both included. For each group three kinds of fact are gathered —
//! the journal's sums by kind before and within the period ([`KindSums`]), the members'
//! spans ([`MemberSpan`]), and the loans still owed at the period's end ([`LoanAtEnd`]) — and
//! [`GroupTotals::gather`] turns them into the group's totals. Totals of many groups add up
//! ([`GroupTotals::add`]); the ratios ([`Ratios::of`]) are always computed from summed totals,
//! so a province's ratio weighs its groups by their size, never averages their ratios.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::fund::journal::EntryKind;
use crate::fund::loan::{Instalment, LoanStanding, days_late};
use crate::fund::position::JournalLine;
use crate::jalali::JalaliDate;

/// From and to, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: JalaliDate,
    pub to: JalaliDate,
}

impl Period {
    pub fn days(&self) -> i64 {
        self.from.days_until(self.to) + 1
    }
}

/// A kind's sums for one group: before the period, within it, and how many lines within.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindSum {
    pub before: i64,
    pub within: i64,
    pub count_within: i64,
}

/// The sums of every kind for one group.
pub type KindSums = BTreeMap<EntryKind, KindSum>;

/// Folds journal lines into their sums by kind for the period (lines after it are left out).
pub fn fold_sums(lines: &[JournalLine], period: Period) -> KindSums {
    let mut sums = KindSums::new();
    for line in lines {
        if line.on > period.to {
            continue;
        }
        let sum = sums.entry(line.kind).or_default();
        if line.on < period.from {
            sum.before += line.amount;
        } else {
            sum.within += line.amount;
            sum.count_within += 1;
        }
    }
    sums
}

/// A member's time in the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MemberSpan {
    pub joined_on: JalaliDate,
    pub left_on: Option<JalaliDate>,
}

impl MemberSpan {
    /// A member at the end of `day`.
    pub fn member_on(&self, day: JalaliDate) -> bool {
        self.joined_on <= day && self.left_on.is_none_or(|left| left > day)
    }
}

/// A loan not settled before the period's end: what it owes, what was paid or forgiven up to
/// the end, and the schedule in force at the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoanAtEnd {
    pub woman_id: i64,
    pub owed: i64,
    pub settled: i64,
    pub instalments: Vec<Instalment>,
}

/// A group's (or many groups') totals for a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GroupTotals {
    pub groups: i64,
    pub members_start: i64,
    pub members_end: i64,
    /// Members at the start who left within the period.
    pub members_left: i64,
    /// Members at the start still members at the end.
    pub members_stayed: i64,
    pub marks_present: i64,
    pub marks: i64,
    pub savings_start: i64,
    pub savings_end: i64,
    /// Shares bought within the period, in rials.
    pub saved_within: i64,
    pub social_end: i64,
    pub cash_start: i64,
    pub cash_end: i64,
    pub bank_start: i64,
    pub bank_end: i64,
    pub loans_start: i64,
    pub loans_end: i64,
    pub loans_given: i64,
    pub loans_given_value: i64,
    pub written_off: i64,
    pub fees: i64,
    pub fines: i64,
    pub cash_difference: i64,
    pub at_risk_end: i64,
    pub borrowers_end: i64,
}

/// How many members there were at the end of the day before the period, at the period's end,
/// and how many of the first were still members at the end: of one group, or summed over
/// many (a woman in two groups counts in each, as she saves in each).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MemberCounts {
    pub start: i64,
    pub end: i64,
    pub stayed: i64,
}

impl MemberCounts {
    /// The one definition; a store that counts in SQL is tested equal to it.
    pub fn of(members: &[MemberSpan], period: Period) -> MemberCounts {
        let start = period.from.add_days(-1);
        let count = |keep: &dyn Fn(&MemberSpan) -> bool| members.iter().filter(|m| keep(m)).count();
        MemberCounts {
            start: count(&|m| m.member_on(start)) as i64,
            end: count(&|m| m.member_on(period.to)) as i64,
            stayed: count(&|m| m.member_on(start) && m.member_on(period.to)) as i64,
        }
    }

    pub fn add(&self, other: &MemberCounts) -> MemberCounts {
        MemberCounts {
            start: self.start + other.start,
            end: self.end + other.end,
            stayed: self.stayed + other.stayed,
        }
    }
}

/// The loans still owed at a day: what is owed on those more than 30 days late (the portfolio
/// at risk), and how many women owe — of one group, or summed over many (a woman owing in two
/// groups counts in each).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LoanCounts {
    pub at_risk: i64,
    pub borrowers: i64,
}

impl LoanCounts {
    /// The one definition, from the loans not settled by `day` and their schedules in force;
    /// a store that counts in SQL is tested equal to it.
    pub fn of(loans: &[LoanAtEnd], day: JalaliDate) -> LoanCounts {
        let standings: Vec<LoanStanding> = loans
            .iter()
            .map(|loan| LoanStanding {
                owed: loan.owed,
                repaid: loan.settled,
                written_off: 0,
                days_late: days_late(&loan.instalments, loan.settled, day),
            })
            .collect();
        let mut borrowers: Vec<i64> = loans
            .iter()
            .zip(&standings)
            .filter(|(_, standing)| standing.outstanding() > 0)
            .map(|(loan, _)| loan.woman_id)
            .collect();
        borrowers.sort_unstable();
        borrowers.dedup();
        LoanCounts {
            at_risk: standings
                .iter()
                .filter(|s| s.at_risk())
                .map(LoanStanding::outstanding)
                .sum(),
            borrowers: borrowers.len() as i64,
        }
    }

    pub fn add(&self, other: &LoanCounts) -> LoanCounts {
        LoanCounts {
            at_risk: self.at_risk + other.at_risk,
            borrowers: self.borrowers + other.borrowers,
        }
    }
}

/// Adds the sums of many groups (or places) kind by kind: every total but the members' and
/// the loans' counts is linear in these sums, so the totals of summed sums are the sums of
/// the totals.
pub fn add_sums(into: &mut KindSums, other: &KindSums) {
    for (kind, sum) in other {
        let kept = into.entry(*kind).or_default();
        kept.before += sum.before;
        kept.within += sum.within;
        kept.count_within += sum.count_within;
    }
}

impl GroupTotals {
    /// One group's totals.
    pub fn gather(
        period: Period,
        sums: &KindSums,
        members: &[MemberSpan],
        loans: &[LoanAtEnd],
    ) -> GroupTotals {
        GroupTotals::from_parts(
            1,
            sums,
            MemberCounts::of(members, period),
            LoanCounts::of(loans, period.to),
        )
    }

    /// The totals of `groups` groups from their summed sums and counts: the one definition
    /// of every total, for a group ([`GroupTotals::gather`]) as for a county read whole.
    pub fn from_parts(
        groups: i64,
        sums: &KindSums,
        members: MemberCounts,
        loans: LoanCounts,
    ) -> GroupTotals {
        let get = |kind: EntryKind| sums.get(&kind).copied().unwrap_or_default();
        let upto = |kind: EntryKind| {
            let sum = get(kind);
            (sum.before, sum.before + sum.within)
        };
        let pair = |kinds: &[(EntryKind, i64)]| {
            kinds.iter().fold((0, 0), |(start, end), (kind, sign)| {
                let (b, e) = upto(*kind);
                (start + sign * b, end + sign * e)
            })
        };
        use EntryKind as K;
        let (savings_start, savings_end) =
            pair(&[(K::Savings, 1), (K::Profit, 1), (K::Payout, -1)]);
        let (_, social_end) = pair(&[(K::Social, 1)]);
        let (cash_start, cash_end) = pair(&[
            (K::Savings, 1),
            (K::Social, 1),
            (K::Fine, 1),
            (K::Repayment, 1),
            (K::Disbursement, -1),
            (K::CashDifference, 1),
            (K::ToBank, -1),
            (K::Payout, -1),
        ]);
        let (bank_start, bank_end) = pair(&[(K::ToBank, 1)]);
        let (loans_start, loans_end) = pair(&[
            (K::Disbursement, 1),
            (K::Fee, 1),
            (K::Repayment, -1),
            (K::WriteOff, -1),
        ]);
        GroupTotals {
            groups,
            members_start: members.start,
            members_end: members.end,
            members_left: members.start - members.stayed,
            members_stayed: members.stayed,
            marks_present: get(K::Present).count_within,
            marks: get(K::Present).count_within + get(K::Absent).count_within,
            savings_start,
            savings_end,
            saved_within: get(K::Savings).within,
            social_end,
            cash_start,
            cash_end,
            bank_start,
            bank_end,
            loans_start,
            loans_end,
            loans_given: get(K::Disbursement).count_within,
            loans_given_value: get(K::Disbursement).within,
            written_off: get(K::WriteOff).within,
            fees: get(K::Fee).within,
            fines: get(K::Fine).within,
            cash_difference: get(K::CashDifference).within,
            at_risk_end: loans.at_risk,
            borrowers_end: loans.borrowers,
        }
    }

    /// The totals of two sets of groups together.
    pub fn add(&self, other: &GroupTotals) -> GroupTotals {
        let mut sum = *self;
        macro_rules! add_fields {
            ($($field:ident),*) => { $( sum.$field += other.$field; )* };
        }
        add_fields!(
            groups,
            members_start,
            members_end,
            members_left,
            members_stayed,
            marks_present,
            marks,
            savings_start,
            savings_end,
            saved_within,
            social_end,
            cash_start,
            cash_end,
            bank_start,
            bank_end,
            loans_start,
            loans_end,
            loans_given,
            loans_given_value,
            written_off,
            fees,
            fines,
            cash_difference,
            at_risk_end,
            borrowers_end
        );
        sum
    }

    /// The period's net income: fees and fines, less write-offs, plus the cash difference.
    pub fn net_income(&self) -> i64 {
        self.fees + self.fines - self.written_off + self.cash_difference
    }

    /// Cash, bank and loans owed, at the end.
    pub fn assets_end(&self) -> i64 {
        self.cash_end + self.bank_end + self.loans_end
    }

    pub fn assets_start(&self) -> i64 {
        self.cash_start + self.bank_start + self.loans_start
    }
}

/// A ratio kept as its two terms, so a figure can be shown with what it divides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Ratio {
    pub numerator: i64,
    pub denominator: i64,
}

impl Ratio {
    /// As a fraction; `None` when nothing was there to divide by.
    pub fn value(&self) -> Option<f64> {
        (self.denominator != 0).then(|| self.numerator as f64 / self.denominator as f64)
    }

    /// In basis points rounded toward zero, for files and tests that compare exactly.
    pub fn basis_points(&self) -> Option<i64> {
        (self.denominator != 0).then(|| {
            i64::try_from(i128::from(self.numerator) * 10_000 / i128::from(self.denominator))
                .unwrap_or(i64::MAX)
        })
    }
}

/// The ratios of the catalogue, from summed totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Ratios {
    /// Savings at the end per member at the end (rials, rounded down).
    pub savings_per_member: Option<i64>,
    /// Loans owed ÷ the loan fund (loans owed, cash and bank, less the social fund).
    pub loan_fund_utilisation: Ratio,
    /// Loans more than 30 days late ÷ loans owed, at the end.
    pub portfolio_at_risk_30: Ratio,
    /// Written off within ÷ (loans owed at the end + written off within).
    pub write_off: Ratio,
    /// Net income ÷ average savings, scaled to 365 days.
    pub return_on_savings: Ratio,
    /// Net income ÷ average assets, scaled to 365 days.
    pub return_on_assets: Ratio,
    /// Marks present ÷ marks.
    pub attendance: Ratio,
    /// Members at the start who left ÷ members at the start.
    pub dropout: Ratio,
    /// Members at the start still members ÷ members at the start.
    pub retention: Ratio,
    /// Value of loans given ÷ their number (rials, rounded down).
    pub average_loan: Option<i64>,
    /// Members with a loan owed at the end ÷ members at the end.
    pub members_borrowing: Ratio,
}

impl Ratios {
    pub fn of(totals: &GroupTotals, period: Period) -> Ratios {
        let days = period.days().max(1);
        let annualise = |net: i64, average_twice: i64| Ratio {
            // net ÷ (average) × 365 ÷ days, with the average kept doubled to stay whole.
            numerator: net.saturating_mul(2).saturating_mul(365),
            denominator: average_twice.saturating_mul(days),
        };
        let loan_fund = totals.loans_end + totals.cash_end + totals.bank_end - totals.social_end;
        Ratios {
            savings_per_member: (totals.members_end > 0)
                .then(|| totals.savings_end / totals.members_end),
            loan_fund_utilisation: Ratio {
                numerator: totals.loans_end,
                denominator: loan_fund,
            },
            portfolio_at_risk_30: Ratio {
                numerator: totals.at_risk_end,
                denominator: totals.loans_end,
            },
            write_off: Ratio {
                numerator: totals.written_off,
                denominator: totals.loans_end + totals.written_off,
            },
            return_on_savings: annualise(
                totals.net_income(),
                totals.savings_start + totals.savings_end,
            ),
            return_on_assets: annualise(
                totals.net_income(),
                totals.assets_start() + totals.assets_end(),
            ),
            attendance: Ratio {
                numerator: totals.marks_present,
                denominator: totals.marks,
            },
            dropout: Ratio {
                numerator: totals.members_left,
                denominator: totals.members_start,
            },
            retention: Ratio {
                numerator: totals.members_stayed,
                denominator: totals.members_start,
            },
            average_loan: (totals.loans_given > 0)
                .then(|| totals.loans_given_value / totals.loans_given),
            members_borrowing: Ratio {
                numerator: totals.borrowers_end,
                denominator: totals.members_end,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> JalaliDate {
        JalaliDate::parse(text).unwrap()
    }

    fn line(kind: EntryKind, on: &str, amount: i64) -> JournalLine {
        JournalLine {
            cycle_id: 1,
            kind,
            woman_id: Some(1),
            loan_id: Some(1),
            shares: 0,
            amount,
            on: day(on),
        }
    }

    #[test]
    fn a_quarter_reads_its_flows_and_its_end_balances() {
        let period = Period {
            from: day("1405/04/01"),
            to: day("1405/06/31"),
        };
        let lines = [
            line(EntryKind::Savings, "1405/03/01", 1_000),
            line(EntryKind::Savings, "1405/04/05", 1_000),
            line(EntryKind::Disbursement, "1405/04/05", 1_500),
            line(EntryKind::Fee, "1405/04/05", 30),
            line(EntryKind::Present, "1405/04/05", 0),
            line(EntryKind::Absent, "1405/05/05", 0),
            line(EntryKind::Savings, "1405/07/01", 9_999),
        ];
        let sums = fold_sums(&lines, period);
        let members = [MemberSpan {
            joined_on: day("1405/01/01"),
            left_on: None,
        }];
        let loans = [LoanAtEnd {
            woman_id: 1,
            owed: 1_530,
            settled: 0,
            instalments: crate::fund::loan::schedule(
                crate::money::Rials::new(1_530),
                3,
                day("1405/04/05"),
            ),
        }];
        let totals = GroupTotals::gather(period, &sums, &members, &loans);
        assert_eq!(totals.savings_start, 1_000);
        assert_eq!(totals.savings_end, 2_000);
        assert_eq!(totals.cash_end, 500);
        assert_eq!(totals.loans_end, 1_530);
        assert_eq!(totals.fees, 30);
        assert_eq!(totals.at_risk_end, 1_530);
        assert_eq!(totals.borrowers_end, 1);
        let ratios = Ratios::of(&totals, period);
        assert_eq!(ratios.attendance.basis_points(), Some(5_000));
        assert_eq!(ratios.portfolio_at_risk_30.basis_points(), Some(10_000));
        assert_eq!(ratios.savings_per_member, Some(2_000));
        assert_eq!(ratios.retention.basis_points(), Some(10_000));
    }

    #[test]
    fn totals_of_summed_sums_and_counts_are_the_sums_of_the_totals() {
        let period = Period {
            from: day("1405/04/01"),
            to: day("1405/06/31"),
        };
        let groups: Vec<(Vec<JournalLine>, Vec<MemberSpan>)> = (0..5)
            .map(|g: i64| {
                let lines = (0..40)
                    .map(|n: i64| {
                        let kinds = [
                            EntryKind::Savings,
                            EntryKind::Social,
                            EntryKind::Disbursement,
                            EntryKind::Fee,
                            EntryKind::Repayment,
                            EntryKind::Present,
                            EntryKind::Absent,
                            EntryKind::CashDifference,
                            EntryKind::WriteOff,
                            EntryKind::Fine,
                        ];
                        let kind = kinds[usize::try_from((n * 7 + g) % 10).unwrap()];
                        let on = day("1405/02/01").add_days((n * 13 + g * 5) % 200);
                        line(kind, &on.to_string(), 1_000 * (n % 9 + g))
                    })
                    .collect();
                let members = (0..=g)
                    .map(|m| MemberSpan {
                        joined_on: day("1405/01/01").add_days(40 * m),
                        left_on: (m % 2 == 1).then(|| day("1405/05/01").add_days(9 * g)),
                    })
                    .collect();
                (lines, members)
            })
            .collect();
        let mut added = GroupTotals::default();
        let (mut sums, mut members) = (KindSums::new(), MemberCounts::default());
        for (lines, spans) in &groups {
            let of_group = fold_sums(lines, period);
            added = added.add(&GroupTotals::gather(period, &of_group, spans, &[]));
            add_sums(&mut sums, &of_group);
            members = members.add(&MemberCounts::of(spans, period));
        }
        let whole = GroupTotals::from_parts(5, &sums, members, LoanCounts::default());
        assert_eq!(whole, added);
        assert!(whole.members_start > whole.members_stayed, "someone left");
        assert!(whole.loans_end != 0 && whole.marks > 0);
    }
}
