//! Spending use-cases on both databases: a county expert proposes a payment against Qazvin's
//! training line and a provincial expert approves and pays it; nobody decides their own
//! proposal; a rejection needs a reason; a proposal that fits the line when proposed is
//! refused at approval once others have used the money; no payment without evidence; a
//! cancelled payment leaves its transactions and their reversals on the ledger and gives the
//! line its money back; and concurrent approvals never overdraw a line or commit one payment
//! twice. The ledger stays consistent throughout.

use hamyar_app::access::PlaceId;
use hamyar_app::audit::AuditQuery;
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::spending::PaymentLink;
use hamyar_app::spending::{EvidenceUpload, PaymentInput, PaymentQuery};
use hamyar_app::{Actor, App, AppError};
use hamyar_domain::budget::{BudgetCategory, LineFigures};
use hamyar_domain::groups::GroupInput;
use hamyar_domain::registry::WomanInput;
use hamyar_domain::spending::PaymentStatus;
use hamyar_i18n::Lang;
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::builders::BudgetBuilder;
use hamyar_testkit::fixtures::{app_on, place, user};

struct World {
    app: App,
    line_id: BudgetLineId,
    provincial: Actor,
    second_provincial: Actor,
    county_expert: Actor,
    auditor: Actor,
    tehran_expert: Actor,
}

const PDF: &[u8] = b"%PDF-1.4\n% an invoice\n";

async fn world(db: &TestDatabase) -> World {
    let app = app_on(db).await;
    let qazvin = place(&app, "ir.qazvin").await;
    let provincial = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let line_id = BudgetBuilder::new(&app, &provincial, qazvin)
        .amount(BudgetCategory::Training, "500000000")
        .set()
        .await
        .line(BudgetCategory::Training);
    World {
        line_id,
        second_provincial: user(&app, "q.expert2", "provincial_expert", "ir.qazvin").await,
        county_expert: user(&app, "t.expert", "county_expert", "ir.qazvin.takestan").await,
        auditor: user(&app, "q.auditor", "auditor", "ir.qazvin").await,
        tehran_expert: user(&app, "t.provincial", "provincial_expert", "ir.tehran").await,
        provincial,
        app,
    }
}

fn proposal(w: &World, amount: &str, key: &str, evidence: bool) -> PaymentInput {
    PaymentInput {
        budget_line_id: w.line_id,
        payee: "آموزشگاه فنی نگین".into(),
        payee_kind: "course_provider".into(),
        amount: amount.into(),
        spent_on: "۱۴۰۵/۰۹/۰۱".into(),
        reference: "ق-۱۲/۱۴۰۵".into(),
        description: "دوره خیاطی برای دو گروه".into(),
        evidence: evidence.then(|| EvidenceUpload {
            file_name: "فاکتور.pdf".into(),
            content: PDF.to_vec(),
        }),
        idempotency_key: key.into(),
        ..PaymentInput::default()
    }
}

async fn figures(w: &World) -> LineFigures {
    w.app
        .budget_line(&w.provincial, w.line_id, None)
        .await
        .unwrap()
        .figures
}

async fn assert_ledger_consistent(app: &App) {
    let report = app.verify_ledger(&Actor::console()).await.unwrap();
    assert!(report.check.is_consistent(), "{report:?}");
}

fn field_of(error: &AppError) -> Vec<&'static str> {
    match error {
        AppError::Invalid(errors) => errors.iter().map(|e| e.field).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

fn message_fa(error: &AppError) -> String {
    match error {
        AppError::Invalid(errors) => Lang::Fa.message(&errors[0].message),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

async fn a_payment_is_proposed_approved_by_another_and_paid(db: &TestDatabase) {
    let w = world(db).await;
    let id = w
        .app
        .propose_payment(&w.county_expert, &proposal(&w, "۱۲۰٬۰۰۰٬۰۰۰", "p1", true))
        .await
        .unwrap();
    // The same form again proposes nothing new.
    let again = w
        .app
        .propose_payment(&w.county_expert, &proposal(&w, "۱۲۰٬۰۰۰٬۰۰۰", "p1", true))
        .await
        .unwrap();
    assert_eq!(again, id);
    let listed = w
        .app
        .payments(&w.county_expert, &PaymentQuery::default())
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].status, PaymentStatus::Proposed);
    assert_eq!(listed[0].row.amount_rials, 120_000_000);
    assert_eq!(listed[0].row.spent_on.to_iso_string(), "2026-11-22");
    // A proposal does not touch the line.
    assert_eq!(figures(&w).await.committed_rials, 0);

    let view = w.app.payment(&w.provincial, id).await.unwrap();
    assert!(view.actions.approve && view.actions.reject && !view.actions.pay);
    assert_eq!(view.evidence.len(), 1);
    let commit = w.app.approve_payment(&w.provincial, id, "").await.unwrap();
    let after_approval = figures(&w).await;
    assert_eq!(after_approval.committed_rials, 120_000_000);
    assert_eq!(after_approval.outstanding_rials, 120_000_000);
    assert_eq!(after_approval.left_rials(), 380_000_000);

    let pay = w.app.pay_payment(&w.provincial, id, "").await.unwrap();
    let after_payment = figures(&w).await;
    assert_eq!(after_payment.outstanding_rials, 0);
    assert_eq!(after_payment.paid_rials(), 120_000_000);
    let view = w.app.payment(&w.auditor, id).await.unwrap();
    assert_eq!(view.summary.status, PaymentStatus::Paid);
    assert_eq!(view.summary.row.commit_transaction_id, Some(commit));
    assert_eq!(view.summary.row.pay_transaction_id, Some(pay));
    // The ledger names each step once, with the payment's number in Persian digits.
    let number = hamyar_domain::to_persian_digits(&id.to_string());
    let mut tx = w.app.database().read().await.unwrap();
    for (transaction, words) in [(commit, "تعهد پرداخت"), (pay, "پرداخت")] {
        let row = tx
            .ledger_transaction_by_id(transaction)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            row.description,
            format!("{words} شماره‌ی {number} به آموزشگاه فنی نگین")
        );
    }
    drop(tx);
    assert_eq!(
        view.summary
            .row
            .paid_on
            .map(|day| day.to_iso_string())
            .as_deref(),
        Some("2026-11-29")
    );
    assert!(!view.actions.approve && !view.actions.pay && !view.actions.cancel);
    // The auditor may download the evidence; the download is audited.
    let (meta, bytes) = w
        .app
        .payment_evidence(&w.auditor, id, view.evidence[0].id)
        .await
        .unwrap();
    assert_eq!(bytes, PDF);
    assert_eq!(meta.content_type, "application/pdf");
    // Every step is on the audit trail, the download included.
    let trail = w
        .app
        .browse_audit(
            &Actor::console(),
            &AuditQuery {
                entity_kind: Some("payment".into()),
                entity_id: Some(id.to_string()),
                page_size: 100,
                ..AuditQuery::default()
            },
        )
        .await
        .unwrap();
    let mut actions: Vec<&str> = trail.iter().map(|row| row.action.as_str()).collect();
    actions.sort_unstable();
    assert_eq!(
        actions,
        vec![
            "payment.approve",
            "payment.evidence_add",
            "payment.evidence_view",
            "payment.pay",
            "payment.propose",
        ]
    );
    // Outside the province the payment does not exist.
    assert!(matches!(
        w.app.payment(&w.tehran_expert, id).await,
        Err(AppError::NotFound)
    ));
    assert!(
        w.app
            .payments(&w.tehran_expert, &PaymentQuery::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert_ledger_consistent(&w.app).await;
}

async fn nobody_decides_their_own_proposal(db: &TestDatabase) {
    let w = world(db).await;
    let id = w
        .app
        .propose_payment(&w.provincial, &proposal(&w, "1000000", "p1", false))
        .await
        .unwrap();
    let refused = w
        .app
        .approve_payment(&w.provincial, id, "")
        .await
        .unwrap_err();
    assert_eq!(field_of(&refused), vec!["decision"]);
    assert!(message_fa(&refused).contains("کاربر دیگری"));
    assert!(w.app.reject_payment(&w.provincial, id, "نه").await.is_err());
    let view = w.app.payment(&w.provincial, id).await.unwrap();
    assert!(view.actions.own_proposal && !view.actions.approve);
    assert_eq!(figures(&w).await.committed_rials, 0);
    // County experts propose but may not approve.
    assert!(matches!(
        w.app.approve_payment(&w.county_expert, id, "").await,
        Err(AppError::Forbidden)
    ));
    w.app
        .approve_payment(&w.second_provincial, id, "")
        .await
        .unwrap();
    assert_eq!(figures(&w).await.committed_rials, 1_000_000);
}

async fn a_rejection_needs_a_reason_and_is_final(db: &TestDatabase) {
    let w = world(db).await;
    let id = w
        .app
        .propose_payment(&w.county_expert, &proposal(&w, "1000000", "p1", false))
        .await
        .unwrap();
    let refused = w
        .app
        .reject_payment(&w.provincial, id, "   ")
        .await
        .unwrap_err();
    assert_eq!(field_of(&refused), vec!["reason"]);
    assert_eq!(
        w.app
            .payment(&w.provincial, id)
            .await
            .unwrap()
            .summary
            .status,
        PaymentStatus::Proposed
    );
    w.app
        .reject_payment(&w.provincial, id, "فاکتور ناقص است")
        .await
        .unwrap();
    let view = w.app.payment(&w.provincial, id).await.unwrap();
    assert_eq!(view.summary.status, PaymentStatus::Rejected);
    assert_eq!(
        view.summary.row.rejection_reason.as_deref(),
        Some("فاکتور ناقص است")
    );
    let approve = w
        .app
        .approve_payment(&w.provincial, id, "")
        .await
        .unwrap_err();
    assert_eq!(field_of(&approve), vec!["decision"]);
}

async fn bad_proposals_name_each_problem_and_change_nothing(db: &TestDatabase) {
    let w = world(db).await;
    let mut input = proposal(&w, "دویست", "p1", false);
    input.payee = "  ".into();
    input.payee_kind = "bank".into();
    input.spent_on = "1405/13/01".into();
    input.evidence = Some(EvidenceUpload {
        file_name: "invoice.pdf".into(),
        content: b"MZ not a pdf".to_vec(),
    });
    let error = w
        .app
        .propose_payment(&w.county_expert, &input)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(&error),
        vec!["payee", "payee_kind", "amount", "spent_on", "evidence"]
    );
    // More than is left now, a date in another year, an unknown group.
    let over = w
        .app
        .propose_payment(&w.county_expert, &proposal(&w, "500000001", "p2", false))
        .await
        .unwrap_err();
    assert_eq!(field_of(&over), vec!["amount"]);
    let mut other_year = proposal(&w, "1000", "p3", false);
    other_year.spent_on = "1404/12/01".into();
    let error = w
        .app
        .propose_payment(&w.county_expert, &other_year)
        .await
        .unwrap_err();
    assert_eq!(field_of(&error), vec!["spent_on"]);
    let mut unknown_group = proposal(&w, "1000", "p4", false);
    unknown_group.group_codes = "G-0099".into();
    let error = w
        .app
        .propose_payment(&w.county_expert, &unknown_group)
        .await
        .unwrap_err();
    assert_eq!(field_of(&error), vec!["group_codes"]);
    // Auditors do not propose; Tehran does not see Qazvin's line.
    assert!(matches!(
        w.app
            .propose_payment(&w.auditor, &proposal(&w, "1000", "p5", false))
            .await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        w.app
            .propose_payment(&w.tehran_expert, &proposal(&w, "1000", "p6", false))
            .await,
        Err(AppError::NotFound)
    ));
    assert!(
        w.app
            .payments(&w.provincial, &PaymentQuery::default())
            .await
            .unwrap()
            .is_empty()
    );
}

async fn an_approval_that_would_overdraw_the_line_is_refused(db: &TestDatabase) {
    let w = world(db).await;
    let first = w
        .app
        .propose_payment(&w.county_expert, &proposal(&w, "300000000", "p1", false))
        .await
        .unwrap();
    let second = w
        .app
        .propose_payment(&w.county_expert, &proposal(&w, "300000000", "p2", false))
        .await
        .unwrap();
    w.app
        .approve_payment(&w.provincial, first, "")
        .await
        .unwrap();
    let refused = w
        .app
        .approve_payment(&w.provincial, second, "")
        .await
        .unwrap_err();
    assert_eq!(field_of(&refused), vec!["amount"]);
    assert!(message_fa(&refused).contains("مانده این ردیف بودجه"));
    assert_eq!(
        w.app
            .payment(&w.provincial, second)
            .await
            .unwrap()
            .summary
            .status,
        PaymentStatus::Proposed
    );
    assert_eq!(figures(&w).await.left_rials(), 200_000_000);
    assert_ledger_consistent(&w.app).await;
}

async fn no_payment_without_evidence(db: &TestDatabase) {
    let w = world(db).await;
    let id = w
        .app
        .propose_payment(&w.county_expert, &proposal(&w, "1000000", "p1", false))
        .await
        .unwrap();
    // Approved (the contract) the week before, so it may be paid on an earlier day than today.
    w.app
        .approve_payment(&w.provincial, id, "1405/09/01")
        .await
        .unwrap();
    let refused = w.app.pay_payment(&w.provincial, id, "").await.unwrap_err();
    assert_eq!(field_of(&refused), vec!["evidence"]);
    assert_eq!(figures(&w).await.outstanding_rials, 1_000_000);
    let bad = w
        .app
        .attach_payment_evidence(
            &w.county_expert,
            id,
            &EvidenceUpload {
                file_name: "x.png".into(),
                content: b"GIF89a".to_vec(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(&bad), vec!["evidence"]);
    w.app
        .attach_payment_evidence(
            &w.county_expert,
            id,
            &EvidenceUpload {
                file_name: "رسید.png".into(),
                content: b"\x89PNG\r\n\x1a\n....".to_vec(),
            },
        )
        .await
        .unwrap();
    // Not after today.
    let future = w
        .app
        .pay_payment(&w.provincial, id, "1405/09/09")
        .await
        .unwrap_err();
    assert_eq!(field_of(&future), vec!["paid_on"]);
    w.app
        .pay_payment(&w.provincial, id, "۱۴۰۵/۰۹/۰۷")
        .await
        .unwrap();
    let view = w.app.payment(&w.provincial, id).await.unwrap();
    assert_eq!(
        view.summary
            .row
            .paid_on
            .map(|day| day.to_iso_string())
            .as_deref(),
        Some("2026-11-28")
    );
    assert_eq!(figures(&w).await.outstanding_rials, 0);
}

async fn a_cancelled_payment_keeps_its_transactions_and_their_reversals(db: &TestDatabase) {
    let w = world(db).await;
    let id = w
        .app
        .propose_payment(&w.county_expert, &proposal(&w, "120000000", "p1", true))
        .await
        .unwrap();
    let commit = w.app.approve_payment(&w.provincial, id, "").await.unwrap();
    let pay = w.app.pay_payment(&w.provincial, id, "").await.unwrap();
    // A bare ledger reversal would leave the payment "paid" over a ledger that no longer is:
    // its transactions are corrected only by cancelling the payment.
    let bare = w
        .app
        .reverse_ledger_transaction(&w.provincial, pay, "اشتباه", "manual-1")
        .await
        .unwrap_err();
    assert_eq!(field_of(&bare), vec!["original"]);
    let no_reason = w
        .app
        .cancel_payment(&w.provincial, id, "")
        .await
        .unwrap_err();
    assert_eq!(field_of(&no_reason), vec!["reason"]);
    let reversals = w
        .app
        .cancel_payment(&w.provincial, id, "پرداخت اشتباه به حساب دیگر")
        .await
        .unwrap();
    assert_eq!(reversals.len(), 2);
    let view = w.app.payment(&w.provincial, id).await.unwrap();
    assert_eq!(view.summary.status, PaymentStatus::Cancelled);
    assert_eq!(view.summary.row.commit_transaction_id, Some(commit));
    assert_eq!(view.summary.row.pay_transaction_id, Some(pay));
    assert_eq!(view.pay_reversed_by, Some(reversals[0]));
    assert_eq!(view.commit_reversed_by, Some(reversals[1]));
    // The line has its money back.
    let after = figures(&w).await;
    assert_eq!(
        (
            after.committed_rials,
            after.outstanding_rials,
            after.left_rials()
        ),
        (0, 0, 500_000_000)
    );
    // All four transactions are on the ledger.
    let mut tx = w.app.database().read().await.unwrap();
    for original in [commit, pay] {
        let row = tx
            .ledger_transaction_by_id(original)
            .await
            .unwrap()
            .unwrap();
        assert!(row.reversed_by.is_some());
    }
    for reversal in &reversals {
        let row = tx
            .ledger_transaction_by_id(*reversal)
            .await
            .unwrap()
            .unwrap();
        assert!(row.reverses_id.is_some());
    }
    drop(tx);
    // Cancelled is final; a proposal may be cancelled without touching the ledger.
    assert!(
        w.app
            .cancel_payment(&w.provincial, id, "دوباره")
            .await
            .is_err()
    );
    let other = w
        .app
        .propose_payment(&w.county_expert, &proposal(&w, "1000", "p2", false))
        .await
        .unwrap();
    assert!(
        w.app
            .cancel_payment(&w.provincial, other, "تکراری")
            .await
            .unwrap()
            .is_empty()
    );
    assert_ledger_consistent(&w.app).await;
}

async fn concurrent_approvals_never_overdraw_a_line(db: &TestDatabase) {
    let w = world(db).await;
    let first = w
        .app
        .propose_payment(&w.county_expert, &proposal(&w, "300000000", "p1", false))
        .await
        .unwrap();
    let second = w
        .app
        .propose_payment(&w.county_expert, &proposal(&w, "300000000", "p2", false))
        .await
        .unwrap();
    let (a, b) = tokio::join!(
        w.app.approve_payment(&w.provincial, first, ""),
        w.app.approve_payment(&w.second_provincial, second, ""),
    );
    assert_eq!(
        usize::from(a.is_ok()) + usize::from(b.is_ok()),
        1,
        "{a:?} {b:?}"
    );
    let after = figures(&w).await;
    assert_eq!(after.committed_rials, 300_000_000);
    assert!(after.left_rials() >= 0);
    assert_ledger_consistent(&w.app).await;
}

async fn one_payment_approved_twice_at_once_is_committed_once(db: &TestDatabase) {
    let w = world(db).await;
    let id = w
        .app
        .propose_payment(&w.county_expert, &proposal(&w, "100000000", "p1", false))
        .await
        .unwrap();
    let (a, b) = tokio::join!(
        w.app.approve_payment(&w.provincial, id, ""),
        w.app.approve_payment(&w.second_provincial, id, ""),
    );
    assert_eq!(
        usize::from(a.is_ok()) + usize::from(b.is_ok()),
        1,
        "{a:?} {b:?}"
    );
    assert_eq!(figures(&w).await.committed_rials, 100_000_000);
    let view = w.app.payment(&w.provincial, id).await.unwrap();
    assert_eq!(view.summary.status, PaymentStatus::Approved);
    assert_eq!(view.summary.row.commit_transaction_id, a.ok().or(b.ok()));
    assert_ledger_consistent(&w.app).await;
}

async fn register(w: &World, county: PlaceId, national_id: &str, actor: &Actor) -> WomanId {
    let input = WomanInput {
        national_id: national_id.into(),
        first_name: "زهرا".into(),
        last_name: "کریمی".into(),
        birth_date: "1360/01/01".into(),
        settlement: "urban".into(),
        locality: "تاکستان".into(),
        address: "خیابان".into(),
        headship_cause: "widow".into(),
        ..WomanInput::default()
    };
    w.app
        .register_woman(actor, &county.to_string(), &input, &[])
        .await
        .unwrap()
        .id
}

async fn payments_name_the_groups_and_women_they_were_for(db: &TestDatabase) {
    let w = world(db).await;
    let takestan = place(&w.app, "ir.qazvin.takestan").await;
    let abyek = place(&w.app, "ir.qazvin.abyek").await;
    let group = w
        .app
        .create_group(
            &w.county_expert,
            &GroupInput {
                name: "گروه خیاطی نگین".into(),
                county: takestan.to_string(),
                business_field: "tailoring".into(),
                premises: "rented".into(),
                identified_on: "1405/02/01".into(),
                ..GroupInput::default()
            },
        )
        .await
        .unwrap();
    let woman = register(&w, takestan, "0013542419", &w.county_expert).await;
    register(&w, abyek, "0084575948", &w.provincial).await;
    let mut input = proposal(&w, "1000000", "p1", false);
    input.group_codes = "G-۰۰۰۱".into();
    input.woman_national_ids = "۰۰۱۳۵۴۲۴۱۹".into();
    let id = w
        .app
        .propose_payment(&w.county_expert, &input)
        .await
        .unwrap();
    let view = w.app.payment(&w.provincial, id).await.unwrap();
    assert_eq!(view.links.len(), 2);
    assert_eq!(view.links[0].link, PaymentLink::Group(group));
    assert!(view.links[0].label.contains("گروه خیاطی نگین"));
    assert_eq!(view.links[1].link, PaymentLink::Woman(woman));
    assert_eq!(view.links[1].label, "زهرا کریمی");
    // Public relations reads money as figures only: the payment itself is refused.
    let public = user(&w.app, "q.pr", "public_relations", "ir.qazvin").await;
    assert!(matches!(
        w.app.payment(&public, id).await,
        Err(AppError::Forbidden)
    ));
    // Abyek's expert reaches the province line but holds neither of them: counted, not named,
    // and neither the description nor the evidence of a payment that reaches beyond her.
    let abyek_expert = user(&w.app, "a.expert", "county_expert", "ir.qazvin.abyek").await;
    let shown = w.app.payment(&abyek_expert, id).await.unwrap();
    assert!(shown.links.is_empty(), "{:?}", shown.links);
    assert_eq!(
        (shown.links_elsewhere.groups, shown.links_elsewhere.women),
        (1, 1)
    );
    assert!(shown.text_withheld);
    assert_eq!(shown.summary.row.description, "");
    let for_woman_elsewhere = PaymentQuery {
        woman_id: Some(woman),
        ..PaymentQuery::default()
    };
    assert!(matches!(
        w.app.payments(&abyek_expert, &for_woman_elsewhere).await,
        Err(AppError::NotFound)
    ));
    let for_group = PaymentQuery {
        group_id: Some(group),
        ..PaymentQuery::default()
    };
    assert_eq!(
        w.app.payments(&w.auditor, &for_group).await.unwrap().len(),
        1
    );
    let for_woman = PaymentQuery {
        woman_id: Some(woman),
        ..PaymentQuery::default()
    };
    assert_eq!(
        w.app.payments(&w.auditor, &for_woman).await.unwrap().len(),
        1
    );
    // A woman of another county is out of a Takestan expert's reach.
    let mut outside = proposal(&w, "1000", "p2", false);
    outside.woman_national_ids = "0084575948".into();
    let error = w
        .app
        .propose_payment(&w.county_expert, &outside)
        .await
        .unwrap_err();
    assert_eq!(field_of(&error), vec!["woman_national_ids"]);
}

hamyar_store::on_both_databases!(
    payments_name_the_groups_and_women_they_were_for,
    a_payment_is_proposed_approved_by_another_and_paid,
    nobody_decides_their_own_proposal,
    a_rejection_needs_a_reason_and_is_final,
    bad_proposals_name_each_problem_and_change_nothing,
    an_approval_that_would_overdraw_the_line_is_refused,
    no_payment_without_evidence,
    a_cancelled_payment_keeps_its_transactions_and_their_reversals,
    concurrent_approvals_never_overdraw_a_line,
    one_payment_approved_twice_at_once_is_committed_once,
);
