//! A group's fund over one cycle on SQLite and PostgreSQL (issue 20), as a facilitator and a
//! county expert keep it: four Takestan women open a cycle with their agreed rules and meet
//! monthly — shares, the social fund, a loan by turn, a recorded draw and a loan by lottery,
//! a late repayment, a meeting whose cash is counted short (recorded, not absorbed), a write-off
//! by the group's decision, then the share-out pays out exactly the fund's assets in proportion
//! to shares and the cycle closes. Refused screens change nothing; a facilitator of another
//! group is refused; the group's book verifies on the ledger; and the savings-group metrics
//! of the report equal a recomputation from the exported journal.

use std::collections::BTreeMap;

use hamyar_app::access::PlaceId;
use hamyar_app::fund::ReportRows;
use hamyar_app::fund::loans::WriteOffInput;
use hamyar_app::fund::lottery::DrawInput;
use hamyar_app::groups::StaffInput;
use hamyar_app::ports::fund::FundLoanId;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::JalaliDate;
use hamyar_domain::fund::meeting::{LoanRequestInput, MeetingInput, MemberLineInput};
use hamyar_domain::fund::metrics::{GroupTotals, Period, fold_sums};
use hamyar_domain::fund::{CycleInput, EntryKind, JournalLine};
use hamyar_domain::groups::JoinInput;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::{GroupBuilder, WomanBuilder};
use hamyar_testkit::fixtures::{app_on, place, user};
use hamyar_testkit::scope::national_id;

struct World {
    app: App,
    facilitator: Actor,
    other_facilitator: Actor,
    expert: Actor,
    provincial: Actor,
    group: GroupId,
    women: Vec<WomanId>,
    takestan: PlaceId,
}

async fn world(db: &TestDatabase) -> World {
    let app = app_on(db).await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let provincial = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let expert = user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await;
    let facilitator = user(&app, "t.facil", "facilitator", "ir.qazvin.takestan").await;
    let other_facilitator = user(&app, "t.facil2", "facilitator", "ir.qazvin.takestan").await;
    let group = GroupBuilder::new(&app, &expert, takestan, "گروه خیاطی")
        .identified_on("1404/11/01")
        .create()
        .await;
    app.assign_group_staff(
        &expert,
        group,
        &StaffInput {
            duty: "facilitator".into(),
            user: facilitator.user_id.unwrap().to_string(),
            from_on: "1404/11/01".into(),
        },
    )
    .await
    .unwrap();
    let mut women = Vec::new();
    for (body, first) in [
        (6101, "مریم"),
        (6102, "لیلا"),
        (6103, "زهرا"),
        (6104, "فاطمه"),
    ] {
        let id = WomanBuilder::new(&app, &expert, takestan, national_id(body))
            .first_name(first)
            .register()
            .await;
        app.add_group_member(
            &expert,
            group,
            &JoinInput {
                national_id: national_id(body),
                role: "member".into(),
                joined_on: "1404/12/01".into(),
            },
        )
        .await
        .unwrap();
        women.push(id);
    }
    World {
        app,
        facilitator,
        other_facilitator,
        expert,
        provincial,
        group,
        women,
        takestan,
    }
}

fn rules() -> CycleInput {
    CycleInput {
        starts_on: "1405/01/15".into(),
        ends_on: "1405/12/15".into(),
        share_value: "۵۰۰٬۰۰۰".into(),
        max_shares: "5".into(),
        meeting_every: "monthly".into(),
        fee_percent: "2".into(),
        loan_limit_multiple: "3".into(),
        max_term_months: "6".into(),
        social_rials: "50000".into(),
        rules: "هر عضو در هر جلسه دست‌کم یک سهم می‌خرد؛ وام به نوبت یا با قرعه.".into(),
    }
}

/// Each woman's row: (shares, social, repayment).
fn meeting(day: &str, rows: &[(WomanId, &str, &str, &str)], counted: &str) -> MeetingInput {
    MeetingInput {
        held_on: day.into(),
        lines: rows
            .iter()
            .map(|(woman, shares, social, repayment)| MemberLineInput {
                woman_id: woman.get(),
                present: true,
                shares: (*shares).into(),
                social: (*social).into(),
                repayment: (*repayment).into(),
                fine: String::new(),
            })
            .collect(),
        loans: Vec::new(),
        to_bank: String::new(),
        cash_counted: counted.into(),
        note: String::new(),
    }
}

fn each(
    w: &World,
    shares: &'static str,
) -> Vec<(WomanId, &'static str, &'static str, &'static str)> {
    w.women
        .iter()
        .map(|id| (*id, shares, "50000", ""))
        .collect()
}

async fn lines_of(w: &World) -> Vec<JournalLine> {
    let mut lines = Vec::new();
    let mut after = 0;
    loop {
        let page = w.app.fund_export_page(&w.expert, after).await.unwrap();
        if page.is_empty() {
            break;
        }
        after = page.last().unwrap().id;
        lines.extend(page.into_iter().map(|row| row.line));
    }
    lines
}

async fn a_cycle_runs_from_savings_to_the_share_out(db: &TestDatabase) {
    let w = world(db).await;
    let app = &w.app;
    let f = &w.facilitator;
    let [maryam, leila, zahra, fatemeh] = [w.women[0], w.women[1], w.women[2], w.women[3]];
    app.open_fund_cycle(f, w.group, &rules()).await.unwrap();
    // A second open cycle is refused.
    assert!(matches!(
        app.open_fund_cycle(f, w.group, &rules()).await,
        Err(AppError::Invalid(_))
    ));

    // Meeting 1: two shares and the social fund each; 4 × 1,050,000 in the box.
    app.record_fund_meeting(
        f,
        w.group,
        &meeting("1405/02/01", &each(&w, "۲"), "4200000"),
        "m1",
    )
    .await
    .unwrap();
    // The same screen sent twice is recorded once.
    app.record_fund_meeting(
        f,
        w.group,
        &meeting("1405/02/01", &each(&w, "۲"), "4200000"),
        "m1",
    )
    .await
    .unwrap();

    // Refused: a loan over three times her savings, a repayment without a loan; nothing kept.
    let mut bad = meeting("1405/03/01", &each(&w, "2"), "8400000");
    bad.loans.push(LoanRequestInput {
        woman_id: maryam.get(),
        amount: "9000000".into(),
        term_months: "2".into(),
        guarantors: vec![leila.get()],
        lottery_id: None,
    });
    bad.lines[1].repayment = "1000".into();
    let Err(AppError::Invalid(errors)) = app.record_fund_meeting(f, w.group, &bad, "bad").await
    else {
        panic!("a bad screen must be refused");
    };
    assert_eq!(errors.len(), 2, "{errors:?}");
    let screen = app.fund_screen(f, w.group).await.unwrap();
    assert_eq!(screen.meetings.len(), 1);
    assert_eq!(screen.position.cash, 4_200_000);

    // Meeting 2: a loan by turn to Maryam, 2,000,000 over two months, fee 2 % = 40,000.
    let mut second = meeting("1405/03/01", &each(&w, "2"), "6400000");
    second.loans.push(LoanRequestInput {
        woman_id: maryam.get(),
        amount: "2000000".into(),
        term_months: "2".into(),
        guarantors: vec![leila.get()],
        lottery_id: None,
    });
    app.record_fund_meeting(f, w.group, &second, "m2")
        .await
        .unwrap();

    // A draw among the three others for one place.
    let draw = app
        .draw_fund_lottery(
            f,
            w.group,
            &DrawInput {
                on: "1405/03/15".into(),
                candidates: vec![leila.get(), zahra.get(), fatemeh.get()],
                seats: "1".into(),
            },
        )
        .await
        .unwrap();
    let screen = app.fund_screen(f, w.group).await.unwrap();
    let recorded = &screen.draws[0];
    assert_eq!(
        recorded.winners,
        hamyar_domain::fund::lottery::draw(recorded.seed, &recorded.candidates, 1),
        "anyone can draw again from the record"
    );
    let winner = WomanId::new(recorded.winners[0]);
    let guarantor = if winner == zahra { fatemeh } else { zahra };

    // Meeting 3: Maryam repays her first instalment, the winner borrows by lottery, and the box
    // is counted 100,000 short — recorded as such.
    let mut third = meeting("1405/04/01", &each(&w, "2"), "10520000");
    third.lines[0].repayment = "1020000".into();
    third.loans.push(LoanRequestInput {
        woman_id: winner.get(),
        amount: "1000000".into(),
        term_months: "3".into(),
        guarantors: vec![guarantor.get()],
        lottery_id: Some(draw.get()),
    });
    app.record_fund_meeting(f, w.group, &third, "m3")
        .await
        .unwrap();
    let screen = app.fund_screen(f, w.group).await.unwrap();
    assert_eq!(screen.position.cash_difference, -100_000);
    assert_eq!(
        screen.meetings.last().unwrap().cash_counted_rials,
        10_520_000
    );
    assert_eq!(
        screen.meetings.last().unwrap().cash_expected_rials,
        10_620_000
    );

    // Meeting 4: one share each; Maryam does not pay (she is late from 1405/05/01).
    app.record_fund_meeting(
        f,
        w.group,
        &meeting("1405/05/01", &each(&w, "1"), "12720000"),
        "m4",
    )
    .await
    .unwrap();
    // Meeting 5: she pays the rest, late; the loan closes as repaid.
    let mut fifth = meeting("1405/07/01", &each(&w, "1"), "15940000");
    fifth.lines[0].repayment = "1020000".into();
    app.record_fund_meeting(f, w.group, &fifth, "m5")
        .await
        .unwrap();
    let screen = app.fund_screen(f, w.group).await.unwrap();
    let maryams = screen.loans.iter().find(|l| l.woman_id == maryam).unwrap();
    assert_eq!(maryams.state, "repaid");

    // The winner never repaid: the group writes her loan off by decision.
    let lottery_loan: FundLoanId = screen
        .loans
        .iter()
        .find(|l| l.woman_id == winner)
        .unwrap()
        .id;
    let view = app.fund_loan(&w.expert, lottery_loan).await.unwrap();
    assert_eq!(view.outstanding, 1_020_000);
    assert!(view.days_late > 30);
    app.write_off_fund_loan(
        f,
        lottery_loan,
        &WriteOffInput {
            on: "1405/08/01".into(),
            reason: "تصمیم جلسهٔ گروه: بیماری طولانی".into(),
        },
    )
    .await
    .unwrap();

    // The share-out: everything but the social fund, in proportion to shares.
    let plan = app.share_out_plan(f, w.group).await.unwrap().unwrap();
    assert_eq!(plan.loans_outstanding, 0);
    let paid: i64 = plan.lines.iter().map(|(line, _)| line.payout).sum();
    assert_eq!(paid, plan.distributable);
    assert_eq!(plan.distributable, plan.cash + plan.bank - plan.social);
    assert_eq!(plan.social, 5 * 4 * 50_000);
    app.share_out_fund(f, w.group, "1405/08/15").await.unwrap();
    let screen = app.fund_screen(f, w.group).await.unwrap();
    assert!(screen.cycle.is_none(), "the cycle is closed");
    assert_eq!(
        screen.position.cash, 1_000_000,
        "only the social fund stays"
    );
    assert!(screen.position.members.values().all(|m| m.savings == 0));

    // The books verify, and the programme's chart does not list them.
    let verify = app.verify_ledger(&w.provincial).await.unwrap();
    assert!(verify.is_consistent(), "{verify:?}");
    let chart = app.ledger_accounts(&w.provincial).await.unwrap();
    assert!(chart.iter().all(|a| !a.code.starts_with("fund.")));

    // The report's metrics equal a recomputation from the exported journal.
    let from = JalaliDate::parse("1405/01/01").unwrap();
    let to = JalaliDate::parse("1405/06/31").unwrap();
    let report = app
        .savings_group_report(
            &w.expert,
            Some(w.takestan),
            from,
            to,
            ReportRows::EveryGroup,
        )
        .await
        .unwrap();
    let period = Period { from, to };
    let lines = lines_of(&w).await;
    let sums = fold_sums(&lines, period);
    let ours = &report.groups[0].totals;
    assert_eq!(report.groups.len(), 1);
    assert_eq!(ours.savings_end, {
        let s = sums.get(&EntryKind::Savings).copied().unwrap_or_default();
        s.before + s.within
    });
    assert_eq!(ours.fees, 40_000 + 20_000);
    assert_eq!(ours.loans_given, 2);
    assert_eq!(ours.cash_difference, -100_000);
    assert_eq!(ours.members_end, 4);
    assert_eq!(ours.marks, 16);
    // On 1405/06/31 Maryam's second instalment (due 1405/05/01) is 61 days late.
    assert_eq!(ours.at_risk_end, 1_020_000 + 1_020_000);
    let recomputed = GroupTotals::gather(
        period,
        &sums,
        &[hamyar_domain::fund::metrics::MemberSpan {
            joined_on: JalaliDate::parse("1404/12/01").unwrap(),
            left_on: None,
        }; 4],
        &report_loans(&lines, to),
    );
    assert_eq!(recomputed.savings_end, ours.savings_end);
    assert_eq!(recomputed.loans_end, ours.loans_end);
    assert_eq!(recomputed.net_income(), ours.net_income());
    assert_eq!(recomputed.members_stayed, ours.members_stayed);
    assert_eq!(report.total.totals, *ours);
    assert_eq!(report.total.ratios.attendance.basis_points(), Some(10_000));

    // The province's page reads its counties whole (kept sums, counts in SQL); the quarterly
    // file adds its groups up: one total, one row per county, either way.
    let whole = app
        .savings_group_report(&w.provincial, None, from, to, ReportRows::ByPlace)
        .await
        .unwrap();
    let added = app
        .savings_group_report(&w.provincial, None, from, to, ReportRows::EveryGroup)
        .await
        .unwrap();
    assert!(whole.groups.is_empty());
    assert_eq!(added.groups.len(), 1);
    assert_eq!(whole.counties, added.counties);
    assert_eq!(whole.total, added.total);
    assert_eq!(whole.total.totals, *ours);
    // Also when the period cuts the months its lines fall in.
    let (cut_from, cut_to) = (
        JalaliDate::parse("1405/02/13").unwrap(),
        JalaliDate::parse("1405/05/19").unwrap(),
    );
    let whole = app
        .savings_group_report(&w.provincial, None, cut_from, cut_to, ReportRows::ByPlace)
        .await
        .unwrap();
    let added = app
        .savings_group_report(
            &w.provincial,
            None,
            cut_from,
            cut_to,
            ReportRows::EveryGroup,
        )
        .await
        .unwrap();
    assert_eq!(whole.total, added.total);
    assert_eq!(whole.counties, added.counties);
}

/// The loans owed at `to`, rebuilt from the journal with their first schedules (none of them
/// was rescheduled).
fn report_loans(
    lines: &[JournalLine],
    to: JalaliDate,
) -> Vec<hamyar_domain::fund::metrics::LoanAtEnd> {
    let mut loans: BTreeMap<i64, (i64, i64, i64, JalaliDate)> = BTreeMap::new();
    for line in lines.iter().filter(|l| l.on <= to) {
        let Some(loan) = line.loan_id else { continue };
        let entry = loans
            .entry(loan)
            .or_insert((line.woman_id.unwrap_or_default(), 0, 0, line.on));
        match line.kind {
            EntryKind::Disbursement | EntryKind::Fee => entry.1 += line.amount,
            EntryKind::Repayment | EntryKind::WriteOff => entry.2 += line.amount,
            _ => {}
        }
    }
    loans
        .into_values()
        .filter(|(_, owed, settled, _)| settled < owed)
        .map(|(woman, owed, settled, on)| {
            let months = if owed == 2_040_000 { 2 } else { 3 };
            hamyar_domain::fund::metrics::LoanAtEnd {
                woman_id: woman,
                owed,
                settled,
                instalments: hamyar_domain::fund::loan::schedule(
                    hamyar_domain::Rials::new(owed),
                    months,
                    on,
                ),
            }
        })
        .collect()
}

async fn only_her_own_groups_reach_a_facilitator(db: &TestDatabase) {
    let w = world(db).await;
    assert!(matches!(
        w.app.fund_screen(&w.other_facilitator, w.group).await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        w.app
            .open_fund_cycle(&w.other_facilitator, w.group, &rules())
            .await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        w.app
            .savings_group_report(
                &w.facilitator,
                None,
                JalaliDate::parse("1405/01/01").unwrap(),
                JalaliDate::parse("1405/03/31").unwrap(),
                ReportRows::ByPlace
            )
            .await,
        Err(AppError::Forbidden)
    ));
    w.app
        .open_fund_cycle(&w.facilitator, w.group, &rules())
        .await
        .unwrap();
}

hamyar_store::on_both_databases!(
    a_cycle_runs_from_savings_to_the_share_out,
    only_her_own_groups_reach_a_facilitator,
);
