//! The demo's money: the year's budget on the province office's lines, the year's payments
//! on the training, job-preparation and strengthening lines (743,000,000 rials proposed by
//! the county expert with an invoice, approved and mostly paid by the province), and
//! working-capital grants to some active groups in two tranches, the first approved and
//! paid. Written through the ledger's use-cases, so the ledger balances; draws nothing from
//! the seeded stream (the amounts are fixed in [`crate::plan`]).

use hamyar_app::budget::YearBudgetInput;
use hamyar_app::error::AppResult;
use hamyar_app::grants::{ApprovalInput, GrantInput};
use hamyar_app::spending::{EvidenceUpload, PaymentInput};
use hamyar_domain::budget::BudgetCategory;
use hamyar_domain::grants::{GrantFormInput, TrancheFormInput};

use crate::payment_days::{Budget, active, elapsed, paid_for, spent_on};
use crate::plan::PAYMENTS;
use crate::run::{DemoRun, Formed, Staff};

/// Sets the year's budget on the province office's lines, on the year's first day (or
/// today, early in a year), and reads the lines back.
pub(crate) async fn set_budget(run: &DemoRun<'_>, staff: &Staff) -> AppResult<Budget> {
    let year = run.year;
    let on = run.first_day().min(run.today);
    run.app
        .set_year_budget(
            &staff.provincial,
            &YearBudgetInput {
                fiscal_year: year.year(),
                province_id: run.province,
                county_id: None,
                amounts: vec![
                    (BudgetCategory::Training, "420000000".into()),
                    (BudgetCategory::JobPreparation, "300000000".into()),
                    (BudgetCategory::Strengthening, "180000000".into()),
                    (BudgetCategory::Grant, "3000000000".into()),
                    (BudgetCategory::Other, "50000000".into()),
                ],
                effective_on: on.to_string(),
                description: "اعتبار مصوب سال برای برنامه‌ی گروه‌های همیار".into(),
                idempotency_key: format!("demo.budget.{}", year.year()),
            },
        )
        .await?;
    let lines = run
        .app
        .budget_lines(&staff.provincial, year, None, None)
        .await?;
    Ok(Budget::new(on, lines))
}

/// Payments: 743,000,000 rials committed on the headline lines, most of it paid. Returns
/// how many were proposed.
pub(crate) async fn pay(
    run: &DemoRun<'_>,
    staff: &Staff,
    budget: &Budget,
    formed: &[Formed],
    runs: &[Option<String>],
) -> AppResult<usize> {
    let year = run.year;
    let mut payments = 0usize;
    for (n, payment) in PAYMENTS.iter().enumerate() {
        let spent_on = spent_on(run, budget, n);
        let approved_on = spent_on.add_days(-10).max(budget.on);
        let reference = format!("{}-{:03}", year.year(), n + 1);
        let groups: Vec<&str> = paid_for(formed, n)
            .iter()
            .map(|group| group.code.as_str())
            .collect();
        let id = run
            .app
            .propose_payment(
                &staff.county_expert,
                &PaymentInput {
                    budget_line_id: budget.line(payment.category)?,
                    payee: payment.payee.into(),
                    payee_kind: payment.payee_kind().into(),
                    amount: payment.amount_rials.to_string(),
                    spent_on: spent_on.to_string(),
                    reference: format!("ق-{reference}"),
                    description: payment.description.into(),
                    group_codes: groups.join(" "),
                    evidence: Some(evidence(&reference)),
                    idempotency_key: format!("demo.payment.{reference}"),
                    course_run_code: runs.get(n).cloned().flatten().unwrap_or_default(),
                    ..PaymentInput::default()
                },
            )
            .await?;
        run.app
            .approve_payment(&staff.provincial, id, &approved_on.to_string())
            .await?;
        if payment.paid {
            run.app
                .pay_payment(&staff.provincial, id, &spent_on.to_string())
                .await?;
        }
        payments += 1;
    }
    Ok(payments)
}

/// Grants: working capital for every fourth active group, in two halves — the first planned
/// two-fifths into the year, approved once the group runs and its members have completed a
/// course, and paid a week on; the second planned two months ahead. Returns how many were
/// granted.
pub(crate) async fn grant(
    run: &DemoRun<'_>,
    staff: &Staff,
    budget: &Budget,
    formed: &[Formed],
) -> AppResult<usize> {
    let today = run.today;
    let elapsed = elapsed(run);
    let grant_line = budget.line(BudgetCategory::Grant)?;
    let mut grants = 0usize;
    for (n, group) in active(formed)
        .into_iter()
        .enumerate()
        .filter(|(n, _)| n % 4 == 0)
    {
        let total = if n % 8 == 0 { 300_000_000 } else { 200_000_000 };
        let half = total / 2;
        let first_on = budget.on.add_days(elapsed * 2 / 5).min(today);
        let second_on = today.add_days(60);
        let grant = run
            .app
            .propose_grant(
                &staff.second_provincial,
                &GrantInput {
                    line_id: grant_line.to_string(),
                    group_id: group.id.to_string(),
                    national_id: String::new(),
                    form: GrantFormInput {
                        purpose: "سرمایه‌ی کار برای خرید مواد اولیه و ابزار".into(),
                        total: total.to_string(),
                        tranches: vec![
                            TrancheFormInput {
                                amount: half.to_string(),
                                planned_on: first_on.to_string(),
                                conditions: vec![
                                    "group_registered".into(),
                                    "training_completed".into(),
                                ],
                                visit_days: String::new(),
                                training_share: String::new(),
                            },
                            TrancheFormInput {
                                amount: half.to_string(),
                                planned_on: second_on.to_string(),
                                conditions: vec!["previous_tranche_paid".into()],
                                visit_days: String::new(),
                                training_share: String::new(),
                            },
                        ],
                    },
                },
            )
            .await?;
        let detail = run
            .app
            .grant_detail(&staff.provincial, grant, false)
            .await?;
        let first = detail.tranches[0].row.id;
        // Approved once the group runs (registered and trained by then), paid a week on.
        let running_since = group.running.last().map_or(first_on, |(from, _)| *from);
        let approved_on = first_on.max(running_since).min(today);
        let approval = ApprovalInput {
            acknowledge_double_support: true,
            approved_on: approved_on.to_string(),
        };
        // A group whose members the paid runs did not train (enough of them, by the day)
        // takes Behzisti's own course first; the approval judges the records again.
        match run
            .app
            .approve_tranche(&staff.provincial, first, &approval)
            .await
        {
            Ok(_) => {}
            Err(hamyar_app::AppError::Invalid(_)) => {
                crate::training::prepare_for_grant(run, staff, group, approved_on, n).await?;
                run.app
                    .approve_tranche(&staff.provincial, first, &approval)
                    .await?;
            }
            Err(other) => return Err(other),
        }
        run.app
            .pay_tranche(
                &staff.provincial,
                first,
                &hamyar_app::grants::PaymentInput {
                    paid_on: approved_on.add_days(7).min(today).to_string(),
                },
            )
            .await?;
        grants += 1;
    }
    Ok(grants)
}

/// A tiny but well-formed PDF standing in for an invoice.
fn evidence(reference: &str) -> EvidenceUpload {
    EvidenceUpload {
        file_name: format!("invoice-{reference}.pdf"),
        content: format!("%PDF-1.4\n% demo invoice {reference}\n%%EOF\n").into_bytes(),
    }
}
