//! Money on its real dates and closed fiscal years, on both databases (issue 15). Today is
//! 1405/09/08 (the testkit's clock); Qazvin's training line gets 500,000,000 rials on
//! 1405/01/15. A payment approved and paid on past days lands in those months of the budget
//! report as of a date; a payment dated before its approval, a date after today, a
//! commitment before the line's first allocation and a back-dated commitment that would
//! overdraw a later month are each refused with their own Persian message and change nothing;
//! a tranche's approval and payment carry their own days; a closed year refuses every posting
//! with «سال مالی ۱۴۰۵ این استان بسته شده است…» until a national expert reopens it with a
//! reason, and both are audited.

use hamyar_app::access::PlaceId;
use hamyar_app::audit::AuditQuery;
use hamyar_app::budget::AllocationInput;
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::ports::spending::PaymentId;
use hamyar_app::spending::{EvidenceUpload, PaymentInput};
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::budget::{BudgetCategory, LineFigures};
use hamyar_domain::spending::PaymentStatus;
use hamyar_domain::{FiscalYear, JalaliDate};
use hamyar_i18n::Lang;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::BudgetBuilder;
use hamyar_testkit::fixtures::{app_on, place, user};

struct World {
    app: App,
    qazvin: PlaceId,
    line_id: BudgetLineId,
    provincial: Actor,
    county_expert: Actor,
}

fn year() -> FiscalYear {
    FiscalYear::new(1405).unwrap()
}

async fn world(db: &TestDatabase) -> World {
    let app = app_on(db).await;
    let qazvin = place(&app, "ir.qazvin").await;
    let provincial = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let line_id = BudgetBuilder::new(&app, &provincial, qazvin)
        .amount(BudgetCategory::Training, "500000000")
        .effective_on("۱۴۰۵/۰۱/۱۵")
        .set()
        .await
        .line(BudgetCategory::Training);
    World {
        county_expert: user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await,
        app,
        qazvin,
        line_id,
        provincial,
    }
}

async fn propose(w: &World, amount: &str, key: &str) -> PaymentId {
    w.app
        .propose_payment(
            &w.county_expert,
            &PaymentInput {
                budget_line_id: w.line_id,
                payee: "آموزشگاه فنی نگین".into(),
                payee_kind: "course_provider".into(),
                amount: amount.into(),
                spent_on: "۱۴۰۵/۰۴/۰۱".into(),
                reference: format!("ق-{key}"),
                description: "دوره خیاطی".into(),
                evidence: Some(EvidenceUpload {
                    file_name: "فاکتور.pdf".into(),
                    content: b"%PDF-1.4\n% an invoice\n".to_vec(),
                }),
                idempotency_key: key.into(),
                ..PaymentInput::default()
            },
        )
        .await
        .unwrap()
}

fn date(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

async fn as_of(w: &World, day: &str) -> LineFigures {
    w.app
        .budget_line(&w.provincial, w.line_id, Some(date(day)))
        .await
        .unwrap()
        .figures
}

async fn now(w: &World) -> LineFigures {
    w.app
        .budget_line(&w.provincial, w.line_id, None)
        .await
        .unwrap()
        .figures
}

fn refusal(error: &AppError) -> (&'static str, String) {
    match error {
        AppError::Invalid(errors) => (errors[0].field, Lang::Fa.message(&errors[0].message)),
        other => panic!("expected a refused field, got {other:?}"),
    }
}

async fn audit_rows(app: &App, action: &str) -> Vec<hamyar_app::ports::AuditRow> {
    app.browse_audit(
        &Actor::console(),
        &AuditQuery {
            action: Some(action.into()),
            page_size: 100,
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

async fn a_back_dated_payment_lands_in_its_month_of_the_report(db: &TestDatabase) {
    let w = world(db).await;
    let id = propose(&w, "120000000", "p1").await;
    w.app
        .approve_payment(&w.provincial, id, "۱۴۰۵/۰۳/۱۰")
        .await
        .unwrap();
    w.app
        .pay_payment(&w.provincial, id, "1405/04/05")
        .await
        .unwrap();
    let row = w.app.payment(&w.provincial, id).await.unwrap().summary.row;
    assert_eq!(
        row.approved_on.map(|day| day.to_iso_string()).as_deref(),
        Some("2026-05-31")
    );
    assert_eq!(
        row.paid_on.map(|day| day.to_iso_string()).as_deref(),
        Some("2026-06-26")
    );

    // Before the approval: only the budget. In Khordad: committed, not paid. From Tir: paid.
    let farvardin = as_of(&w, "1405/01/31").await;
    assert_eq!(
        (farvardin.budget_rials, farvardin.committed_rials),
        (500_000_000, 0)
    );
    let khordad = as_of(&w, "1405/03/31").await;
    assert_eq!(
        (khordad.committed_rials, khordad.paid_rials()),
        (120_000_000, 0)
    );
    let tir = as_of(&w, "1405/04/31").await;
    assert_eq!(
        (tir.committed_rials, tir.paid_rials()),
        (120_000_000, 120_000_000)
    );
    assert_eq!(tir.outstanding_rials, 0);
    // Before the year's allocation nothing at all.
    assert_eq!(as_of(&w, "1405/01/14").await, LineFigures::default());

    // The report of the province says the same as of Khordad's end.
    let report = w
        .app
        .budget_report(&w.provincial, w.qazvin, year(), Some(date("1405/03/31")))
        .await
        .unwrap();
    assert_eq!(report.total.committed_rials, 120_000_000);
    assert_eq!(report.total.paid_rials, 0);
}

async fn paying_before_the_approval_is_refused_and_changes_nothing(db: &TestDatabase) {
    let w = world(db).await;
    let id = propose(&w, "50000000", "p1").await;
    w.app
        .approve_payment(&w.provincial, id, "1405/05/01")
        .await
        .unwrap();
    let before = now(&w).await;
    let refused = w
        .app
        .pay_payment(&w.provincial, id, "۱۴۰۵/۰۴/۲۰")
        .await
        .unwrap_err();
    let (field, message) = refusal(&refused);
    assert_eq!(field, "paid_on");
    assert!(message.contains("پیش از تاریخ تأیید"), "{message}");
    assert!(message.contains("۱۴۰۵/۰۵/۰۱"), "{message}");
    assert_eq!(now(&w).await, before);
    let view = w.app.payment(&w.provincial, id).await.unwrap();
    assert_eq!(view.summary.status, PaymentStatus::Approved);
    assert!(audit_rows(&w.app, "payment.pay").await.is_empty());
    // On the approval's own day it is paid.
    w.app
        .pay_payment(&w.provincial, id, "1405/05/01")
        .await
        .unwrap();
    assert_eq!(as_of(&w, "1405/05/01").await.paid_rials(), 50_000_000);
}

async fn a_future_date_is_refused_on_every_money_form(db: &TestDatabase) {
    let w = world(db).await;
    let id = propose(&w, "50000000", "p1").await;
    let refused = w
        .app
        .approve_payment(&w.provincial, id, "1405/09/09")
        .await
        .unwrap_err();
    let (field, message) = refusal(&refused);
    assert_eq!(field, "approved_on");
    assert!(message.contains("هنوز نرسیده"), "{message}");
    assert_eq!(
        w.app
            .payment(&w.provincial, id)
            .await
            .unwrap()
            .summary
            .status,
        PaymentStatus::Proposed
    );
    let allocation = w
        .app
        .allocate_budget(
            &w.provincial,
            &AllocationInput {
                line_id: w.line_id,
                amount: "1000".into(),
                effective_on: "1405/10/01".into(),
                description: "افزایش".into(),
                idempotency_key: "more".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(refusal(&allocation).0, "effective_on");
    // Empty means today.
    w.app.approve_payment(&w.provincial, id, "").await.unwrap();
    let row = w.app.payment(&w.provincial, id).await.unwrap().summary.row;
    assert_eq!(
        row.approved_on.map(|day| day.to_iso_string()).as_deref(),
        Some("2026-11-29")
    );
    let refused = w
        .app
        .pay_payment(&w.provincial, id, "1405/12/01")
        .await
        .unwrap_err();
    assert_eq!(refusal(&refused).0, "paid_on");
    assert_eq!(now(&w).await.outstanding_rials, 50_000_000);
}

async fn nothing_is_committed_before_the_lines_first_allocation(db: &TestDatabase) {
    let w = world(db).await;
    let id = propose(&w, "50000000", "p1").await;
    let refused = w
        .app
        .approve_payment(&w.provincial, id, "1405/01/10")
        .await
        .unwrap_err();
    let (field, message) = refusal(&refused);
    assert_eq!(field, "approved_on");
    assert!(message.contains("نخستین تخصیص"), "{message}");
    assert!(message.contains("۱۴۰۵/۰۱/۱۵"), "{message}");
    assert_eq!(now(&w).await.committed_rials, 0);
    // Nor in another fiscal year than the line's.
    let refused = w
        .app
        .approve_payment(&w.provincial, id, "1404/12/20")
        .await
        .unwrap_err();
    assert_eq!(refusal(&refused).0, "approved_on");
    w.app
        .approve_payment(&w.provincial, id, "1405/01/15")
        .await
        .unwrap();
}

async fn a_back_dated_commitment_may_not_overdraw_a_later_month(db: &TestDatabase) {
    let w = world(db).await;
    // Proposed while the line was whole.
    let first = propose(&w, "400000000", "p1").await;
    let second = propose(&w, "200000000", "p2").await;
    let third = propose(&w, "100000000", "p3").await;
    w.app
        .approve_payment(&w.provincial, first, "1405/06/01")
        .await
        .unwrap();
    // In Khordad 500M was free, but from Shahrivar only 100M is: 200M dated Khordad would
    // make the report as of Shahrivar's end show 600M committed on a 500M line.
    let refused = w
        .app
        .approve_payment(&w.provincial, second, "1405/03/01")
        .await
        .unwrap_err();
    let (field, message) = refusal(&refused);
    assert_eq!(field, "amount");
    assert!(message.contains("۱۴۰۵/۰۶/۰۱"), "{message}");
    assert_eq!(now(&w).await.committed_rials, 400_000_000);
    // A cut dated before the commitment is checked against it too.
    let cut = w
        .app
        .allocate_budget(
            &w.provincial,
            &AllocationInput {
                line_id: w.line_id,
                amount: "-150000000".into(),
                effective_on: "1405/02/01".into(),
                description: "اصلاحیه".into(),
                idempotency_key: "cut".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(refusal(&cut).0, "amount");
    assert_eq!(now(&w).await.budget_rials, 500_000_000);
    // 100M dated Khordad fits every day.
    w.app
        .approve_payment(&w.provincial, third, "1405/03/01")
        .await
        .unwrap();
    assert_eq!(as_of(&w, "1405/03/31").await.committed_rials, 100_000_000);
    assert_eq!(now(&w).await.left_rials(), 0);
}

async fn a_closed_year_refuses_postings_until_a_national_expert_reopens_it(db: &TestDatabase) {
    let w = world(db).await;
    let national = user(&w.app, "n.expert", "national_expert", "ir").await;
    let id = propose(&w, "50000000", "p1").await;
    // A county expert cannot close her province's year.
    assert!(matches!(
        w.app
            .close_fiscal_year(&w.county_expert, w.qazvin, year())
            .await,
        Err(AppError::Forbidden)
    ));
    let closed = w
        .app
        .close_fiscal_year(&w.provincial, w.qazvin, year())
        .await
        .unwrap();
    assert!(closed.closed && !closed.can_reopen);
    assert!(matches!(
        w.app
            .close_fiscal_year(&w.provincial, w.qazvin, year())
            .await,
        Err(AppError::Conflict { .. })
    ));

    let before = now(&w).await;
    let refused = w
        .app
        .approve_payment(&w.provincial, id, "1405/06/01")
        .await
        .unwrap_err();
    let (field, message) = refusal(&refused);
    assert_eq!(field, "approved_on");
    assert!(
        message.starts_with("سال مالی ۱۴۰۵ این استان بسته شده است"),
        "{message}"
    );
    let allocation = w
        .app
        .allocate_budget(
            &w.provincial,
            &AllocationInput {
                line_id: w.line_id,
                amount: "1000".into(),
                effective_on: String::new(),
                description: "افزایش".into(),
                idempotency_key: "more".into(),
            },
        )
        .await
        .unwrap_err();
    assert!(refusal(&allocation).1.contains("بسته شده است"));
    assert_eq!(now(&w).await, before);
    assert_eq!(
        w.app
            .payment(&w.provincial, id)
            .await
            .unwrap()
            .summary
            .status,
        PaymentStatus::Proposed
    );

    // Only a national expert reopens, and only with a reason.
    assert!(matches!(
        w.app
            .reopen_fiscal_year(&w.provincial, w.qazvin, year(), "اصلاح")
            .await,
        Err(AppError::Forbidden)
    ));
    let no_reason = w
        .app
        .reopen_fiscal_year(&national, w.qazvin, year(), "  ")
        .await
        .unwrap_err();
    assert_eq!(refusal(&no_reason).0, "reason");
    let reopened = w
        .app
        .reopen_fiscal_year(&national, w.qazvin, year(), "ثبت سند جاافتادهٔ تیر")
        .await
        .unwrap();
    assert!(!reopened.closed);
    assert_eq!(
        reopened.reopen_reason.as_deref(),
        Some("ثبت سند جاافتادهٔ تیر")
    );
    w.app
        .approve_payment(&w.provincial, id, "1405/06/01")
        .await
        .unwrap();

    let closes = audit_rows(&w.app, "budget.close_year").await;
    assert_eq!(closes.len(), 1);
    assert_eq!(closes[0].province_id, Some(w.qazvin));
    let reopens = audit_rows(&w.app, "budget.reopen_year").await;
    assert_eq!(reopens.len(), 1);
    assert!(
        reopens[0]
            .after
            .as_deref()
            .unwrap()
            .contains("ثبت سند جاافتادهٔ تیر")
    );
    // Another province's year was never closed.
    let tehran = place(&w.app, "ir.tehran").await;
    assert!(
        !w.app
            .fiscal_year_state(&national, tehran, year())
            .await
            .unwrap()
            .closed
    );
}

async fn a_closed_year_refuses_a_hand_posting_dated_in_it(db: &TestDatabase) {
    use hamyar_domain::ledger::{Posting, TransactionDraft, TransactionInput};
    let w = world(db).await;
    w.app
        .seed_chart_of_accounts(&Actor::console())
        .await
        .unwrap();
    w.app
        .close_fiscal_year(&w.provincial, w.qazvin, year())
        .await
        .unwrap();
    let line = w
        .app
        .budget_line(&w.provincial, w.line_id, None)
        .await
        .unwrap();
    let draft = |key: &str| {
        TransactionDraft::build(TransactionInput {
            postings: vec![
                Posting::debit(line.line.expense_account_id, 1_000),
                Posting::credit(line.line.commitment_account_id, 1_000),
            ],
            description: "سند دستی".into(),
            effective_on: date("1405/07/01"),
            idempotency_key: key.into(),
        })
        .unwrap()
    };
    let single = w
        .app
        .post_ledger_transaction(&w.provincial, &draft("hand-1"))
        .await
        .unwrap_err();
    assert!(refusal(&single).1.contains("بسته شده است"));
    let batch = w
        .app
        .post_ledger_batch(&w.provincial, &[draft("hand-2")])
        .await
        .unwrap_err();
    assert!(refusal(&batch).1.contains("بسته شده است"));
    assert_eq!(now(&w).await.committed_rials, 0);
}

hamyar_store::on_both_databases!(
    a_back_dated_payment_lands_in_its_month_of_the_report,
    paying_before_the_approval_is_refused_and_changes_nothing,
    a_future_date_is_refused_on_every_money_form,
    nothing_is_committed_before_the_lines_first_allocation,
    a_back_dated_commitment_may_not_overdraw_a_later_month,
    a_closed_year_refuses_postings_until_a_national_expert_reopens_it,
    a_closed_year_refuses_a_hand_posting_dated_in_it,
);
