//! One meeting of the fund on one screen: for each member whether she came, the shares she
//! bought, her social-fund contribution, her repayment and any fine; the loans given; money
//! taken to or from the bank; and the cash counted in the box at the end. The screen is
//! checked whole against the cycle's rules and the fund as it stood before the meeting, and
//! becomes the meeting's journal lines. The cash counted must equal what the books say the
//! box holds; when it does not, the difference is recorded as a line of its own, never
//! absorbed into anyone's savings. Nothing of a refused screen is kept.
//!
//! Rules checked (each with its own message, naming the row of the member or the loan):
//! the day falls in the cycle, not after today and after the cycle's last meeting; each
//! member at most once; shares from 0 to the cycle's maximum; a repayment no more than she
//! still owes; a member holds one loan at a time; a loan no more than the cycle's multiple of
//! her savings (after today's shares), for at most the cycle's longest term, with one to three
//! guarantors among the other members; a loan by lottery only to a winner of this cycle's draw
//! not yet lent to; and all the loans together no more than the cash in the box.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::fund::cycle::{CycleRules, amount, whole};
use crate::fund::journal::EntryKind;
use crate::fund::loan::{Allocation, Instalment, schedule, service_fee};
use crate::fund::position::FundPosition;
use crate::group_life::past_date;
use crate::jalali::JalaliDate;
use crate::message::{Message, MessageArg};
use crate::money::Rials;
use crate::registry::Problem;
use crate::registry::fields::{Collector, free_text};

/// The most any one amount on the screen may be (ten billion rials).
pub const AMOUNT_MAX: i64 = 10_000_000_000;
/// The most guarantors a loan may have.
pub const GUARANTORS_MAX: usize = 3;
/// The most loans one meeting may give.
pub const LOANS_MAX: usize = 30;

/// One member's row as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct MemberLineInput {
    pub woman_id: i64,
    /// Ticked when she came.
    pub present: bool,
    pub shares: String,
    pub social: String,
    pub repayment: String,
    pub fine: String,
}

/// One loan as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LoanRequestInput {
    pub woman_id: i64,
    pub amount: String,
    pub term_months: String,
    pub guarantors: Vec<i64>,
    /// The draw she won, when the loan goes by lottery.
    pub lottery_id: Option<i64>,
}

/// The meeting's screen as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct MeetingInput {
    pub held_on: String,
    pub lines: Vec<MemberLineInput>,
    pub loans: Vec<LoanRequestInput>,
    /// Cash taken to the bank (negative: drawn from it into the box).
    pub to_bank: String,
    pub cash_counted: String,
    pub note: String,
}

/// What the meeting is checked against, besides the rules.
#[derive(Debug, Clone)]
pub struct MeetingContext<'a> {
    pub rules: &'a CycleRules,
    pub position: &'a FundPosition,
    /// The group's members on the day (woman ids).
    pub members: &'a BTreeSet<i64>,
    /// The day of the cycle's last meeting, if any.
    pub last_meeting_on: Option<JalaliDate>,
    /// This cycle's draws: their winners not yet lent to.
    pub open_draws: &'a BTreeMap<i64, BTreeSet<i64>>,
    pub today: JalaliDate,
}

/// A loan the meeting gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewLoan {
    pub woman_id: i64,
    pub principal: Rials,
    pub fee: Rials,
    pub term_months: u8,
    pub guarantors: Vec<i64>,
    pub allocation: Allocation,
    pub lottery_id: Option<i64>,
    pub instalments: Vec<Instalment>,
}

/// A line of the meeting's journal before it is stored (the loan's lines are with the loan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DraftLine {
    pub kind: EntryKind,
    pub woman_id: Option<i64>,
    /// The loan a repayment is for.
    pub loan_id: Option<i64>,
    pub shares: i64,
    pub amount: i64,
}

/// A checked meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingDraft {
    pub held_on: JalaliDate,
    pub lines: Vec<DraftLine>,
    pub loans: Vec<NewLoan>,
    pub cash_before: i64,
    /// What the books say the box holds after the meeting.
    pub cash_expected: i64,
    pub cash_counted: i64,
    pub note: String,
}

impl MeetingDraft {
    /// Counted minus expected: negative when the box is short.
    pub fn difference(&self) -> i64 {
        self.cash_counted - self.cash_expected
    }

    /// Members marked present.
    pub fn present(&self) -> usize {
        self.lines
            .iter()
            .filter(|line| line.kind == EntryKind::Present)
            .count()
    }

    /// Checks the screen.
    pub fn check(
        input: &MeetingInput,
        context: &MeetingContext<'_>,
    ) -> Result<MeetingDraft, Vec<Problem>> {
        let rules = context.rules;
        let position = context.position;
        let mut problems = Collector::default();
        let held_on = problems.take(past_date(
            "held_on",
            &input.held_on,
            context.today,
            "fund-what_held_on",
        ));
        if let Some(day) = held_on {
            if !rules.contains(day) {
                problems.take::<()>(Err(Problem::new(
                    "held_on",
                    Message::new("fund-meeting_outside_cycle"),
                )));
            } else if context.last_meeting_on.is_some_and(|last| day <= last) {
                problems.take::<()>(Err(Problem::new(
                    "held_on",
                    Message::new("fund-meeting_not_after_last"),
                )));
            }
        }
        let note = problems.take(free_text("note", &input.note, 2_000, true));

        let mut lines = Vec::new();
        let mut seen = BTreeSet::new();
        let mut shares_today: BTreeMap<i64, i64> = BTreeMap::new();
        let mut inflow: i64 = 0;
        for (index, row) in input.lines.iter().enumerate() {
            let number = i64::try_from(index + 1).unwrap_or(i64::MAX);
            let woman = row.woman_id;
            if !context.members.contains(&woman) || !seen.insert(woman) {
                problems.take::<()>(Err(row_problem("lines", number, "fund-line_not_a_member")));
                continue;
            }
            lines.push(DraftLine {
                kind: if row.present {
                    EntryKind::Present
                } else {
                    EntryKind::Absent
                },
                woman_id: Some(woman),
                loan_id: None,
                shares: 0,
                amount: 0,
            });
            let shares = if row.shares.trim().is_empty() {
                Some(0)
            } else {
                problems.take(
                    whole("lines", &row.shares, 0, i64::from(rules.max_shares))
                        .map_err(|p| with_row(p, number)),
                )
            };
            if let Some(shares) = shares.filter(|s| *s > 0) {
                let value = shares * rules.share_value.value();
                shares_today.insert(woman, shares);
                inflow += value;
                lines.push(member_line(EntryKind::Savings, woman, None, shares, value));
            }
            for (kind, text) in [
                (EntryKind::Social, &row.social),
                (EntryKind::Fine, &row.fine),
                (EntryKind::Repayment, &row.repayment),
            ] {
                if text.trim().is_empty() {
                    continue;
                }
                let Some(value) = problems
                    .take(amount("lines", text, 0, AMOUNT_MAX).map_err(|p| with_row(p, number)))
                else {
                    continue;
                };
                if value.value() == 0 {
                    continue;
                }
                let mut loan_id = None;
                if kind == EntryKind::Repayment {
                    match position.open_loan_of(woman) {
                        Some((id, loan)) if value.value() <= loan.outstanding() => {
                            loan_id = Some(id);
                        }
                        Some((_, loan)) => {
                            problems.take::<()>(Err(Problem::new(
                                "lines",
                                Message::new("fund-repayment_more_than_owed")
                                    .arg("row", MessageArg::Number(number))
                                    .arg("owed", MessageArg::Number(loan.outstanding())),
                            )));
                            continue;
                        }
                        None => {
                            problems.take::<()>(Err(row_problem(
                                "lines",
                                number,
                                "fund-repayment_without_loan",
                            )));
                            continue;
                        }
                    }
                }
                inflow += value.value();
                lines.push(member_line(kind, woman, loan_id, 0, value.value()));
            }
        }

        let to_bank = problems.take(if input.to_bank.trim().is_empty() {
            Ok(Rials::zero())
        } else {
            amount("to_bank", &input.to_bank, -AMOUNT_MAX, AMOUNT_MAX)
        });
        if to_bank.is_some_and(|to_bank| to_bank.value() < 0 && -to_bank.value() > position.bank) {
            problems.take::<()>(Err(Problem::new(
                "to_bank",
                Message::new("fund-bank_too_little").arg("bank", MessageArg::Number(position.bank)),
            )));
        }

        if input.loans.len() > LOANS_MAX {
            problems.take::<()>(Err(Problem::new(
                "loans",
                Message::new("fund-too_many_loans")
                    .arg("max", MessageArg::Number(LOANS_MAX as i64)),
            )));
        }
        let mut loans = Vec::new();
        let mut borrowers = BTreeSet::new();
        let mut lent: i64 = 0;
        let mut used_draws: BTreeSet<(i64, i64)> = BTreeSet::new();
        for (index, request) in input.loans.iter().enumerate().take(LOANS_MAX) {
            let number = i64::try_from(index + 1).unwrap_or(i64::MAX);
            match check_loan(request, number, context, &shares_today, held_on) {
                Ok(loan) => {
                    if !borrowers.insert(loan.woman_id) {
                        problems.take::<()>(Err(row_problem(
                            "loans",
                            number,
                            "fund-loan_already_has_one",
                        )));
                        continue;
                    }
                    if loan
                        .lottery_id
                        .is_some_and(|draw| !used_draws.insert((draw, loan.woman_id)))
                    {
                        problems.take::<()>(Err(row_problem(
                            "loans",
                            number,
                            "fund-loan_not_a_winner",
                        )));
                        continue;
                    }
                    lent += loan.principal.value();
                    loans.push(loan);
                }
                Err(problem) => {
                    problems.take::<()>(Err(problem));
                }
            }
        }
        let cash_available = position.cash + inflow - to_bank.map(Rials::value).unwrap_or(0);
        if to_bank.is_some_and(|t| t.value() > 0)
            && to_bank.map(Rials::value).unwrap_or(0) > position.cash + inflow
        {
            problems.take::<()>(Err(Problem::new(
                "to_bank",
                Message::new("fund-cash_too_little_for_bank")
                    .arg("cash", MessageArg::Number(position.cash + inflow)),
            )));
        } else if lent > cash_available {
            problems.take::<()>(Err(Problem::new(
                "loans",
                Message::new("fund-loans_more_than_cash")
                    .arg("lent", MessageArg::Number(lent))
                    .arg("cash", MessageArg::Number(cash_available.max(0))),
            )));
        }
        let cash_counted = problems.take(amount(
            "cash_counted",
            &input.cash_counted,
            0,
            AMOUNT_MAX * 10,
        ));
        let cash_expected = cash_available - lent;
        problems.finish(|| {
            let held_on = held_on?;
            let counted = cash_counted?.value();
            let mut lines = lines;
            if let Some(to_bank) = to_bank.filter(|t| t.value() != 0) {
                lines.push(DraftLine {
                    kind: EntryKind::ToBank,
                    woman_id: None,
                    loan_id: None,
                    shares: 0,
                    amount: to_bank.value(),
                });
            }
            if counted != cash_expected {
                lines.push(DraftLine {
                    kind: EntryKind::CashDifference,
                    woman_id: None,
                    loan_id: None,
                    shares: 0,
                    amount: counted - cash_expected,
                });
            }
            Some(MeetingDraft {
                held_on,
                lines,
                loans,
                cash_before: position.cash,
                cash_expected,
                cash_counted: counted,
                note: note?,
            })
        })
    }
}

fn member_line(
    kind: EntryKind,
    woman: i64,
    loan: Option<i64>,
    shares: i64,
    amount: i64,
) -> DraftLine {
    DraftLine {
        kind,
        woman_id: Some(woman),
        loan_id: loan,
        shares,
        amount,
    }
}

fn row_problem(field: &'static str, row: i64, id: &'static str) -> Problem {
    Problem::new(field, Message::new(id).arg("row", MessageArg::Number(row)))
}

fn with_row(problem: Problem, row: i64) -> Problem {
    Problem::new(
        problem.field,
        Message::new("fund-in_row")
            .arg("row", MessageArg::Number(row))
            .arg("problem", MessageArg::Message(problem.message)),
    )
}

fn check_loan(
    request: &LoanRequestInput,
    number: i64,
    context: &MeetingContext<'_>,
    shares_today: &BTreeMap<i64, i64>,
    held_on: Option<JalaliDate>,
) -> Result<NewLoan, Problem> {
    let rules = context.rules;
    let woman = request.woman_id;
    if !context.members.contains(&woman) {
        return Err(row_problem("loans", number, "fund-loan_not_a_member"));
    }
    if context.position.open_loan_of(woman).is_some() {
        return Err(row_problem("loans", number, "fund-loan_already_has_one"));
    }
    let principal =
        amount("loans", &request.amount, 1, AMOUNT_MAX).map_err(|p| with_row(p, number))?;
    let savings = context
        .position
        .members
        .get(&woman)
        .map(|m| m.savings)
        .unwrap_or(0)
        + shares_today.get(&woman).copied().unwrap_or(0) * rules.share_value.value();
    let limit = savings.saturating_mul(i64::from(rules.loan_limit_multiple));
    if principal.value() > limit {
        return Err(Problem::new(
            "loans",
            Message::new("fund-loan_over_limit")
                .arg("row", MessageArg::Number(number))
                .arg("limit", MessageArg::Number(limit))
                .arg(
                    "multiple",
                    MessageArg::Number(i64::from(rules.loan_limit_multiple)),
                ),
        ));
    }
    let term = whole(
        "loans",
        &request.term_months,
        1,
        i64::from(rules.max_term_months),
    )
    .map_err(|p| with_row(p, number))?;
    let guarantors: BTreeSet<i64> = request.guarantors.iter().copied().collect();
    if guarantors.is_empty()
        || guarantors.len() > GUARANTORS_MAX
        || guarantors.len() != request.guarantors.len()
        || guarantors.contains(&woman)
        || !guarantors.iter().all(|g| context.members.contains(g))
    {
        return Err(Problem::new(
            "loans",
            Message::new("fund-loan_guarantors")
                .arg("row", MessageArg::Number(number))
                .arg("max", MessageArg::Number(GUARANTORS_MAX as i64)),
        ));
    }
    let allocation = match request.lottery_id {
        None => Allocation::Turn,
        Some(draw) => {
            if !context
                .open_draws
                .get(&draw)
                .is_some_and(|winners| winners.contains(&woman))
            {
                return Err(row_problem("loans", number, "fund-loan_not_a_winner"));
            }
            Allocation::Lottery
        }
    };
    let term = u8::try_from(term).unwrap_or(1);
    let fee = service_fee(principal, rules.fee_basis_points);
    let owed = principal.checked_add(fee).unwrap_or(principal);
    let instalments = held_on
        .map(|day| schedule(owed, term, day))
        .unwrap_or_default();
    Ok(NewLoan {
        woman_id: woman,
        principal,
        fee,
        term_months: term,
        guarantors: guarantors.into_iter().collect(),
        allocation,
        lottery_id: request.lottery_id,
        instalments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fund::cycle::MeetingEvery;
    use crate::fund::journal::postings;
    use crate::fund::position::JournalLine;
    use crate::fund::share_out::divide;
    use proptest::prelude::*;

    fn rules() -> CycleRules {
        CycleRules {
            starts_on: JalaliDate::parse("1405/01/01").unwrap(),
            ends_on: JalaliDate::parse("1405/12/29").unwrap(),
            share_value: Rials::new(1_000),
            max_shares: 5,
            meeting_every: MeetingEvery::Weekly,
            fee_basis_points: 200,
            loan_limit_multiple: 3,
            max_term_months: 6,
            social_rials: Rials::new(100),
            rules: String::new(),
        }
    }

    /// One member's doings at a meeting, as drawn.
    #[derive(Debug, Clone)]
    struct Doings {
        present: bool,
        shares: i64,
        social: i64,
        /// Percent of what she owes that she pays (above 100: more than she owes).
        repay_percent: i64,
        fine: i64,
    }

    #[derive(Debug, Clone)]
    struct Step {
        doings: Vec<Doings>,
        loan: Option<(usize, i64, u8)>,
        counted_off_by: i64,
    }

    fn step(members: usize) -> impl Strategy<Value = Step> {
        let doings = (any::<bool>(), 0i64..=5, 0i64..=2, 0i64..=100, 0i64..=1).prop_map(
            |(present, shares, social, repay_percent, fine)| Doings {
                present,
                shares,
                social: social * 100,
                repay_percent,
                fine: fine * 50,
            },
        );
        (
            proptest::collection::vec(doings, members),
            proptest::option::of((0..members, 1i64..20_000, 1u8..=6)),
            prop_oneof![Just(0i64), -500i64..500],
        )
            .prop_map(|(doings, loan, counted_off_by)| Step {
                doings,
                loan,
                counted_off_by,
            })
    }

    fn to_lines(draft: &MeetingDraft, next_loan: &mut i64) -> Vec<JournalLine> {
        let mut lines: Vec<JournalLine> = draft
            .lines
            .iter()
            .map(|l| JournalLine {
                cycle_id: 1,
                kind: l.kind,
                woman_id: l.woman_id,
                loan_id: l.loan_id,
                shares: l.shares,
                amount: l.amount,
                on: draft.held_on,
            })
            .collect();
        for loan in &draft.loans {
            *next_loan += 1;
            for (kind, amount) in [
                (EntryKind::Disbursement, loan.principal.value()),
                (EntryKind::Fee, loan.fee.value()),
            ] {
                lines.push(JournalLine {
                    cycle_id: 1,
                    kind,
                    woman_id: Some(loan.woman_id),
                    loan_id: Some(*next_loan),
                    shares: 0,
                    amount,
                    on: draft.held_on,
                });
            }
        }
        lines
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Over random meeting sequences: no loan exceeds the cash in the box; every meeting's
        /// lines balance; after each meeting the books' cash is what was counted, the
        /// difference recorded as a line; and the share-out at the end pays out exactly the
        /// fund's assets less the social fund, leaving every member's savings at nothing.
        #[test]
        fn random_meetings_keep_the_books_whole(
            members in 2usize..=5,
            steps in proptest::collection::vec(step(5), 1..14),
        ) {
            let rules = rules();
            let roster: BTreeSet<i64> = (1..=members as i64).collect();
            let draws = BTreeMap::new();
            let mut journal: Vec<JournalLine> = Vec::new();
            let mut next_loan = 0;
            let mut last: Option<JalaliDate> = None;
            for (index, step) in steps.iter().enumerate() {
                let position = FundPosition::fold(&journal, 1);
                let day = rules.starts_on.add_days(7 * (index as i64 + 1));
                let mut input = MeetingInput {
                    held_on: day.to_string(),
                    ..MeetingInput::default()
                };
                let mut inflow = 0;
                for (n, doings) in step.doings.iter().take(members).enumerate() {
                    let woman = n as i64 + 1;
                    let owed = position.open_loan_of(woman).map(|(_, l)| l.outstanding()).unwrap_or(0);
                    let repay = owed * doings.repay_percent / 100;
                    input.lines.push(MemberLineInput {
                        woman_id: woman,
                        present: doings.present,
                        shares: doings.shares.to_string(),
                        social: doings.social.to_string(),
                        repayment: if repay > 0 { repay.to_string() } else { String::new() },
                        fine: doings.fine.to_string(),
                    });
                    inflow += doings.shares.min(5) * 1_000 + doings.social + doings.fine + repay.min(owed);
                }
                if let Some((who, amount, term)) = step.loan {
                    let woman = (who % members) as i64 + 1;
                    input.loans.push(LoanRequestInput {
                        woman_id: woman,
                        amount: amount.to_string(),
                        term_months: term.to_string(),
                        guarantors: vec![woman % members as i64 + 1],
                        lottery_id: None,
                    });
                }
                let lent: i64 = step.loan.map(|(_, amount, _)| amount).unwrap_or(0);
                let expected_if_all_pass = position.cash + inflow - lent;
                input.cash_counted = (expected_if_all_pass + step.counted_off_by).max(0).to_string();
                let context = MeetingContext {
                    rules: &rules,
                    position: &position,
                    members: &roster,
                    last_meeting_on: last,
                    open_draws: &draws,
                    today: JalaliDate::parse("1406/01/01").unwrap(),
                };
                let Ok(draft) = MeetingDraft::check(&input, &context) else {
                    continue;
                };
                let lent: i64 = draft.loans.iter().map(|l| l.principal.value()).sum();
                prop_assert!(lent <= draft.cash_before + inflow, "lent {lent} of {}", draft.cash_before + inflow);
                prop_assert!(draft.cash_expected >= 0);
                let lines = to_lines(&draft, &mut next_loan);
                let tuples: Vec<_> = lines.iter().map(|l| (l.kind, l.woman_id.unwrap_or_default(), l.amount)).collect();
                prop_assert_eq!(postings(&tuples).iter().map(|(_, a)| a).sum::<i64>(), 0);
                journal.extend(lines);
                let after = FundPosition::fold(&journal, 1);
                prop_assert_eq!(after.cash, draft.cash_counted, "the books' cash is what was counted");
                let recorded: i64 = draft.lines.iter().filter(|l| l.kind == EntryKind::CashDifference).map(|l| l.amount).sum();
                prop_assert_eq!(recorded, draft.difference());
                last = Some(day);
            }
            // The end of the cycle: what is still owed is written off, then the share-out.
            let position = FundPosition::fold(&journal, 1);
            let day = rules.ends_on;
            for (loan_id, loan) in &position.loans {
                if loan.outstanding() > 0 {
                    journal.push(JournalLine { cycle_id: 1, kind: EntryKind::WriteOff, woman_id: Some(loan.woman_id), loan_id: Some(*loan_id), shares: 0, amount: loan.outstanding(), on: day });
                }
            }
            let position = FundPosition::fold(&journal, 1);
            prop_assert_eq!(position.loans_outstanding, 0);
            let holders: Vec<(i64, i64, i64)> = position.members.iter().filter(|(_, m)| m.shares > 0).map(|(w, m)| (*w, m.shares, m.savings)).collect();
            let distributable = position.distributable();
            if let (true, Some(parts)) = (distributable >= 0, divide(distributable.max(0), &holders)) {
                prop_assert_eq!(parts.iter().map(|p| p.payout).sum::<i64>(), distributable);
                for part in &parts {
                    journal.push(JournalLine { cycle_id: 1, kind: EntryKind::Profit, woman_id: Some(part.woman_id), loan_id: None, shares: 0, amount: part.profit(), on: day });
                    journal.push(JournalLine { cycle_id: 1, kind: EntryKind::Payout, woman_id: Some(part.woman_id), loan_id: None, shares: 0, amount: part.payout, on: day });
                }
                let end = FundPosition::fold(&journal, 1);
                prop_assert!(end.members.values().all(|m| m.savings == 0));
                prop_assert_eq!(end.cash + end.bank, end.social);
            }
        }
    }
}
