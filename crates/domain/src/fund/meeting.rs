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
        if let Some(to_bank) = to_bank {
            if to_bank.value() < 0 && -to_bank.value() > position.bank {
                problems.take::<()>(Err(Problem::new(
                    "to_bank",
                    Message::new("fund-bank_too_little")
                        .arg("bank", MessageArg::Number(position.bank)),
                )));
            }
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
                    if let Some(draw) = loan.lottery_id {
                        if !used_draws.insert((draw, loan.woman_id)) {
                            problems.take::<()>(Err(row_problem(
                                "loans",
                                number,
                                "fund-loan_not_a_winner",
                            )));
                            continue;
                        }
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
