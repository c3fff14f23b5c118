//! The demo's group funds (issue 20): three running groups of the provincial capital's county
//! keep a fund, meeting monthly through the use-cases a social worker uses. The first finishes
//! a cycle — savings, a loan by turn repaid on time, the share-out — and opens the next, where
//! a new loan falls late; the second draws lots for a loan and has a member who paid only her
//! first instalment; the third counts its box short once, which stays recorded. Draws no
//! number from the demo's random stream, so the steps before it are unchanged.

use std::collections::BTreeSet;

use hamyar_app::Actor;
use hamyar_app::error::AppResult;
use hamyar_app::fund::lottery::DrawInput;
use hamyar_app::ports::registry::WomanId;
use hamyar_domain::fund::CycleInput;
use hamyar_domain::fund::loan::{schedule, service_fee};
use hamyar_domain::fund::meeting::{LoanRequestInput, MeetingInput, MemberLineInput};
use hamyar_domain::training::follow_up::months_after;
use hamyar_domain::{JalaliDate, Rials};

use crate::plan::GroupFate;
use crate::run::{DemoRun, Formed, Staff};

const SHARE: i64 = 500_000;
const SOCIAL: i64 = 50_000;
const FEE_BASIS_POINTS: u32 = 200;

/// One group's fund as the demo keeps it.
struct Keeper<'a> {
    run: &'a DemoRun<'a>,
    actor: &'a Actor,
    group: hamyar_app::ports::groups::GroupId,
    members: Vec<WomanId>,
    cash: i64,
    meetings: usize,
}

impl Keeper<'_> {
    async fn open(&self, starts_on: JalaliDate) -> AppResult<()> {
        self.run
            .app
            .open_fund_cycle(
                self.actor,
                self.group,
                &CycleInput {
                    starts_on: starts_on.to_string(),
                    ends_on: starts_on.add_days(360).to_string(),
                    share_value: SHARE.to_string(),
                    max_shares: "5".into(),
                    meeting_every: "monthly".into(),
                    fee_percent: "2".into(),
                    loan_limit_multiple: "3".into(),
                    max_term_months: "6".into(),
                    social_rials: SOCIAL.to_string(),
                    rules: "هر عضو در هر جلسه دست‌کم یک سهم می‌خرد و سهم حق صندوق اجتماعی را می‌دهد؛ \
                            وام قرض‌الحسنه با کارمزد ۲ درصد، به نوبت یا با قرعه، با یک ضامن از اعضا."
                        .into(),
                },
            )
            .await
            .map(|_| ())
    }

    /// A meeting: every member buys two shares and pays the social fund; `repay` pays a
    /// member's instalment, `loan` gives one, `short` is counted missing from the box.
    async fn meet(
        &mut self,
        day: JalaliDate,
        repay: &[(usize, i64)],
        loan: Option<(usize, i64, u8, Option<i64>)>,
        short: i64,
    ) -> AppResult<()> {
        let mut lines = Vec::new();
        for (index, woman) in self.members.iter().enumerate() {
            // Every third meeting the last member is away and sends nothing.
            let away = index + 1 == self.members.len() && self.meetings % 3 == 2;
            let repayment = repay
                .iter()
                .find(|(who, _)| *who == index)
                .map(|(_, amount)| *amount)
                .unwrap_or(0);
            if !away {
                self.cash += 2 * SHARE + SOCIAL;
            }
            self.cash += repayment;
            lines.push(MemberLineInput {
                woman_id: woman.get(),
                present: !away,
                shares: if away { String::new() } else { "2".into() },
                social: if away {
                    String::new()
                } else {
                    SOCIAL.to_string()
                },
                repayment: if repayment > 0 {
                    repayment.to_string()
                } else {
                    String::new()
                },
                fine: String::new(),
            });
        }
        let mut loans = Vec::new();
        if let Some((who, amount, months, lottery)) = loan {
            self.cash -= amount;
            loans.push(LoanRequestInput {
                woman_id: self.members[who].get(),
                amount: amount.to_string(),
                term_months: months.to_string(),
                guarantors: vec![self.members[(who + 1) % self.members.len()].get()],
                lottery_id: lottery,
            });
        }
        self.cash -= short;
        self.meetings += 1;
        self.run
            .app
            .record_fund_meeting(
                self.actor,
                self.group,
                &MeetingInput {
                    held_on: day.to_string(),
                    lines,
                    loans,
                    to_bank: String::new(),
                    cash_counted: self.cash.to_string(),
                    note: String::new(),
                },
                &format!("demo-{}-{}", self.group.get(), day.to_iso_string()),
            )
            .await
            .map(|_| ())
    }
}

/// The first instalment of a loan given at the demo's fee.
fn first_instalment(amount: i64, months: u8, on: JalaliDate) -> i64 {
    let owed = amount + service_fee(Rials::new(amount), FEE_BASIS_POINTS).value();
    schedule(Rials::new(owed), months, on)
        .first()
        .map(|i| i.amount.value())
        .unwrap_or(0)
}

/// Keeps the funds; returns how many groups keep one.
pub(crate) async fn keep_funds(
    run: &DemoRun<'_>,
    staff: &Staff,
    formed: &[Formed],
) -> AppResult<usize> {
    let today = run.today;
    let chosen: Vec<&Formed> = formed
        .iter()
        .filter(|g| {
            g.worker == 0
                && matches!(g.fate, GroupFate::Active | GroupFate::Reactivated)
                && g.members.len() >= 4
                && g.running
                    .last()
                    .is_some_and(|(from, until)| *until >= today && from.days_until(today) >= 200)
        })
        .take(3)
        .collect();
    for (index, group) in chosen.iter().enumerate() {
        let actor = &staff.workers[group.worker];
        let current: BTreeSet<WomanId> = run
            .app
            .fund_screen(actor, group.id)
            .await?
            .members
            .iter()
            .map(|m| m.woman_id)
            .collect();
        let members: Vec<WomanId> = group
            .members
            .iter()
            .copied()
            .filter(|w| current.contains(w))
            .collect();
        if members.len() < 4 {
            continue;
        }
        let starts_on = months_after(today.add_days(-200), 0);
        let mut keeper = Keeper {
            run,
            actor,
            group: group.id,
            members,
            cash: 0,
            meetings: 0,
        };
        keeper.open(starts_on).await?;
        let day = |k: u8| months_after(starts_on, k);
        match index {
            0 => {
                // A full cycle: a loan by turn repaid on time, then the share-out.
                keeper.meet(day(1), &[], None, 0).await?;
                keeper
                    .meet(day(2), &[], Some((0, 2_000_000, 2, None)), 0)
                    .await?;
                let first = first_instalment(2_000_000, 2, day(2));
                let owed = 2_000_000 + service_fee(Rials::new(2_000_000), FEE_BASIS_POINTS).value();
                keeper.meet(day(3), &[(0, first)], None, 0).await?;
                keeper.meet(day(4), &[(0, owed - first)], None, 0).await?;
                run.app
                    .share_out_fund(actor, group.id, &day(4).add_days(3).to_string())
                    .await?;
                keeper.cash = social_left(&keeper);
                keeper.open(day(4).add_days(5)).await?;
                keeper.meet(day(5), &[], None, 0).await?;
                // A loan given at the second meeting of the new cycle, never repaid: late.
                keeper
                    .meet(day(6), &[], Some((1, 1_500_000, 2, None)), 0)
                    .await?;
            }
            1 => {
                keeper.meet(day(1), &[], None, 0).await?;
                let draw = run
                    .app
                    .draw_fund_lottery(
                        actor,
                        group.id,
                        &DrawInput {
                            on: day(1).add_days(7).to_string(),
                            candidates: keeper.members.iter().take(3).map(|w| w.get()).collect(),
                            seats: "1".into(),
                        },
                    )
                    .await?;
                let screen = run.app.fund_screen(actor, group.id).await?;
                let winner = screen.draws[0].winners[0];
                let who = keeper
                    .members
                    .iter()
                    .position(|w| w.get() == winner)
                    .unwrap_or(0);
                keeper
                    .meet(day(2), &[], Some((who, 3_000_000, 3, Some(draw.get()))), 0)
                    .await?;
                let first = first_instalment(3_000_000, 3, day(2));
                keeper.meet(day(3), &[(who, first)], None, 0).await?;
                keeper.meet(day(4), &[], None, 0).await?;
                keeper.meet(day(5), &[], None, 0).await?;
            }
            _ => {
                keeper.meet(day(1), &[], None, 0).await?;
                keeper.meet(day(2), &[], None, 50_000).await?;
                keeper
                    .meet(day(3), &[], Some((2, 2_500_000, 4, None)), 0)
                    .await?;
                keeper.meet(day(4), &[], None, 0).await?;
            }
        }
    }
    Ok(chosen.len())
}

/// What stays in the box after a share-out: the social fund.
fn social_left(keeper: &Keeper<'_>) -> i64 {
    // Every meeting but the away members' paid the social fund; the demo's meetings are
    // counted in `meetings` and the away member misses every third.
    let mut total = 0;
    for meeting in 0..keeper.meetings {
        let present = if meeting % 3 == 2 {
            keeper.members.len() - 1
        } else {
            keeper.members.len()
        };
        total += present as i64 * SOCIAL;
    }
    total
}
