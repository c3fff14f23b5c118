//! In-process HTTP tests of money on its real dates (issue 15): the payment page's approval
//! and payment forms take a Jalali date in Persian digits; a future date or a payment before
//! its approval is refused with the Persian message under the date field and nothing written;
//! the budget page shows the fiscal year open with a button to close it, after which a
//! posting is refused with «سال مالی ۱۴۰۵ این استان بسته شده است»; a national expert reopens
//! it only with a reason.

use hamyar_app::budget::YearBudgetInput;
use hamyar_app::spending::{EvidenceUpload, PaymentInput};
use hamyar_domain::budget::BudgetCategory;
use hamyar_webtest::TestApp;

async fn actor(app: &TestApp, username: &str) -> hamyar_app::Actor {
    app.app
        .user_by_username(username)
        .await
        .unwrap()
        .unwrap()
        .actor()
}

/// Qazvin's 1405 training line with 500,000,000 rials from 1405/01/15 and one proposed
/// payment of 120,000,000 rials; returns the province id and the payment's page.
async fn proposed_payment(app: &TestApp) -> (hamyar_app::access::PlaceId, String) {
    let qazvin = app
        .app
        .place_tree()
        .await
        .unwrap()
        .by_code("ir.qazvin")
        .unwrap()
        .id;
    app.app
        .set_year_budget(
            &actor(app, "q.expert").await,
            &YearBudgetInput {
                fiscal_year: 1405,
                province_id: qazvin,
                county_id: None,
                amounts: vec![(BudgetCategory::Training, "500000000".into())],
                effective_on: "1405/01/15".into(),
                description: String::new(),
                idempotency_key: "budget-1405".into(),
            },
        )
        .await
        .unwrap();
    let line = app
        .app
        .budget_lines(
            &actor(app, "q.expert").await,
            hamyar_domain::FiscalYear::new(1405).unwrap(),
            None,
            None,
        )
        .await
        .unwrap()[0]
        .line
        .id;
    let id = app
        .app
        .propose_payment(
            &actor(app, "t.expert").await,
            &PaymentInput {
                budget_line_id: line,
                payee: "آموزشگاه فنی نگین".into(),
                payee_kind: "course_provider".into(),
                amount: "120000000".into(),
                spent_on: "1405/04/01".into(),
                reference: "ق-۱۲".into(),
                description: "دوره خیاطی".into(),
                evidence: Some(EvidenceUpload {
                    file_name: "فاکتور.pdf".into(),
                    content: b"%PDF-1.4\n% invoice\n".to_vec(),
                }),
                idempotency_key: "p1".into(),
                ..PaymentInput::default()
            },
        )
        .await
        .unwrap();
    (qazvin, format!("/money/payments/{id}"))
}

#[tokio::test]
async fn a_payment_is_approved_and_paid_on_past_days_typed_in_persian_digits() {
    let app = TestApp::spawn().await;
    let provincial = app
        .logged_in("q.expert", "provincial_expert", "ir.qazvin")
        .await;
    app.create_user("t.expert", "county_expert", "ir.qazvin.takestan")
        .await;
    let (qazvin, path) = proposed_payment(&app).await;

    let page = provincial.get(&path).await;
    assert!(page.body.contains("name=\"approved_on\""), "{}", page.body);
    assert!(page.body.contains("تاریخ تأیید (قرارداد)"));

    // Tomorrow: refused under the field, the typed date kept, nothing posted.
    let future = provincial
        .submit(
            &path,
            &format!("{path}/approve"),
            &[("approved_on", "۱۴۰۵/۰۹/۰۹")],
        )
        .await;
    assert_eq!(future.status, 422, "{}", future.body);
    assert!(
        future.body.contains("id=\"approved_on-error\""),
        "{}",
        future.body
    );
    assert!(future.body.contains("هنوز نرسیده"), "{}", future.body);
    assert!(future.body.contains("value=\"۱۴۰۵/۰۹/۰۹\""));
    assert!(future.body.contains("پیشنهادشده"));

    let approved = provincial
        .submit(
            &path,
            &format!("{path}/approve"),
            &[("approved_on", "۱۴۰۵/۰۳/۱۰")],
        )
        .await;
    assert_eq!(approved.status, 303, "{}", approved.body);
    // Paid before it was approved: refused under the payment's date field.
    let early = provincial
        .submit(&path, &format!("{path}/pay"), &[("paid_on", "۱۴۰۵/۰۳/۰۱")])
        .await;
    assert_eq!(early.status, 422, "{}", early.body);
    assert!(
        early.body.contains("id=\"paid_on-error\""),
        "{}",
        early.body
    );
    assert!(early.body.contains("پیش از تاریخ تأیید"), "{}", early.body);
    let paid = provincial
        .submit(&path, &format!("{path}/pay"), &[("paid_on", "۱۴۰۵/۰۴/۰۵")])
        .await;
    assert_eq!(paid.status, 303, "{}", paid.body);
    let shown = provincial.get(&path).await;
    assert!(shown.body.contains("۱۴۰۵/۰۳/۱۰"), "{}", shown.body);
    assert!(shown.body.contains("۱۴۰۵/۰۴/۰۵"));

    // The report as of Khordad's end shows it committed, not yet paid; as of Tir's end paid.
    let total = |body: &str| -> (i64, i64) {
        let report: serde_json::Value = serde_json::from_str(body).unwrap();
        let total = &report["total"];
        (
            total["committed_rials"].as_i64().unwrap(),
            total["paid_rials"].as_i64().unwrap(),
        )
    };
    let report = |as_of: &str| {
        format!("/money/reports/budget/download/json?year=1405&province={qazvin}&as_of={as_of}")
    };
    let khordad = provincial.get(&report("1405/03/31")).await;
    assert_eq!(khordad.status, 200, "{}", khordad.body);
    assert_eq!(total(&khordad.body), (120_000_000, 0));
    let tir = provincial.get(&report("1405/04/31")).await;
    assert_eq!(total(&tir.body), (120_000_000, 120_000_000));
    let farvardin = provincial.get(&report("1405/01/31")).await;
    assert_eq!(total(&farvardin.body), (0, 0));
}

#[tokio::test]
async fn a_closed_year_refuses_postings_in_persian_until_reopened_with_a_reason() {
    let app = TestApp::spawn().await;
    let provincial = app
        .logged_in("q.expert", "provincial_expert", "ir.qazvin")
        .await;
    app.create_user("t.expert", "county_expert", "ir.qazvin.takestan")
        .await;
    let (qazvin, path) = proposed_payment(&app).await;
    let budget = format!("/money/budget?year=1405&province={qazvin}");

    let page = provincial.get(&budget).await;
    assert!(page.body.contains("این سال مالی باز است"), "{}", page.body);
    assert!(page.body.contains("/money/budget/close-year"));
    assert!(!page.body.contains("/money/budget/reopen-year"));
    let closed = provincial
        .submit(
            &budget,
            "/money/budget/close-year",
            &[("year", "1405"), ("province", &qazvin.to_string())],
        )
        .await;
    assert_eq!(closed.status, 303, "{}", closed.body);
    let page = provincial.get(&budget).await;
    assert!(page.body.contains("این سال مالی بسته است"), "{}", page.body);
    assert!(!page.body.contains("/money/budget/close-year"));
    // A provincial expert cannot reopen it.
    assert!(!page.body.contains("/money/budget/reopen-year"));

    let refused = provincial
        .submit(
            &path,
            &format!("{path}/approve"),
            &[("approved_on", "۱۴۰۵/۰۶/۰۱")],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("سال مالی ۱۴۰۵ این استان بسته شده است"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("id=\"approved_on-error\""));

    let national = app.logged_in("n.expert", "national_expert", "ir").await;
    let page = national.get(&budget).await;
    assert!(
        page.body.contains("/money/budget/reopen-year"),
        "{}",
        page.body
    );
    let no_reason = national
        .submit(
            &budget,
            "/money/budget/reopen-year",
            &[
                ("year", "1405"),
                ("province", &qazvin.to_string()),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(no_reason.status, 422, "{}", no_reason.body);
    assert!(no_reason.body.contains("id=\"reopen-reason-error\""));
    let reopened = national
        .submit(
            &budget,
            "/money/budget/reopen-year",
            &[
                ("year", "1405"),
                ("province", &qazvin.to_string()),
                ("reason", "ثبت سند جاافتاده"),
            ],
        )
        .await;
    assert_eq!(reopened.status, 303, "{}", reopened.body);
    let page = provincial.get(&budget).await;
    assert!(page.body.contains("ثبت سند جاافتاده"), "{}", page.body);
    let approved = provincial
        .submit(
            &path,
            &format!("{path}/approve"),
            &[("approved_on", "۱۴۰۵/۰۶/۰۱")],
        )
        .await;
    assert_eq!(approved.status, 303, "{}", approved.body);
}
