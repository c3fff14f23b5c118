//! In-process HTTP tests of the spending pages: a county expert proposes a payment with an
//! uploaded invoice, a provincial expert approves and pays it, the amounts and dates show in
//! Persian, a proposal that asks for more than is left is explained in Persian with nothing
//! written, and a provincial expert who proposed a payment is told in Persian that another
//! user must approve it.

use hamyar_app::budget::YearBudgetInput;
use hamyar_domain::budget::BudgetCategory;
use hamyar_webtest::{Browser, Page, TestApp};

const PDF: &[u8] = b"%PDF-1.4\n% invoice 12\n";

/// Sets Qazvin's 1405 training budget to 500,000,000 rials as the provincial expert.
async fn fund(app: &TestApp, username: &str) {
    let actor = app
        .app
        .user_by_username(username)
        .await
        .unwrap()
        .unwrap()
        .actor();
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
            &actor,
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
}

/// The value of the first `<option>` after the placeholder of the line chooser.
fn first_line(page: &Page) -> String {
    let select = page.body.split("name=\"budget_line_id\"").nth(1).unwrap();
    let option = select.split("<option value=\"").nth(2).unwrap();
    option.split('"').next().unwrap().to_owned()
}

async fn propose(app: &TestApp, browser: &Browser, amount: &str, evidence: Option<&[u8]>) -> Page {
    let form = browser.get("/money/payments/new").await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body.contains("۵۰۰٬۰۰۰٬۰۰۰"),
        "what is left shows: {}",
        form.body
    );
    let token = form
        .csrf_token()
        .expect("the upload form carries its token");
    let key = form
        .body
        .split("name=\"idempotency_key\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let mut multipart = reqwest::multipart::Form::new()
        .text("csrf", token)
        .text("budget_line_id", first_line(&form))
        .text("payee", "آموزشگاه فنی نگین")
        .text("payee_kind", "course_provider")
        .text("amount", amount.to_owned())
        .text("spent_on", "۱۴۰۵/۰۹/۰۱")
        .text("reference", "ق-۱۲")
        .text("description", "دوره خیاطی")
        .text("idempotency_key", key);
    if let Some(bytes) = evidence {
        multipart = multipart.part(
            "evidence",
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name("فاکتور.pdf"),
        );
    }
    let response = browser
        .client()
        .post(format!("{}/money/payments", app.base_url))
        .multipart(multipart)
        .send()
        .await
        .unwrap();
    Browser::read_response(response).await
}

fn payment_path(page: &Page) -> String {
    assert_eq!(page.status, 303, "{}", page.body);
    let location = page.location().unwrap();
    assert!(location.ends_with("?done=payments-proposed"), "{location}");
    location.split_once('?').unwrap().0.to_owned()
}

#[tokio::test]
async fn a_county_expert_proposes_with_an_invoice_and_a_provincial_expert_approves_and_pays() {
    let app = TestApp::spawn().await;
    let provincial = app
        .logged_in("q.expert", "provincial_expert", "ir.qazvin")
        .await;
    fund(&app, "q.expert").await;
    let county = app
        .logged_in("t.expert", "county_expert", "ir.qazvin.takestan")
        .await;

    // More than is left: explained in Persian, the form keeps what was typed, nothing written.
    let refused = propose(&app, &county, "۶۰۰٬۰۰۰٬۰۰۰", Some(PDF)).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("مانده این ردیف بودجه"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("آموزشگاه فنی نگین"));
    let list = county.get("/money/payments").await;
    assert!(list.body.contains("پرداختی نیست"), "{}", list.body);
    assert!(list.body.contains("هزینه‌ها"), "the menu offers spending");

    let path = payment_path(&propose(&app, &county, "۱۲۰٬۰۰۰٬۰۰۰", Some(PDF)).await);
    let shown = county.get(&path).await;
    assert!(shown.body.contains("پیشنهادشده"), "{}", shown.body);
    assert!(shown.body.contains("۱۲۰٬۰۰۰٬۰۰۰"));
    assert!(shown.body.contains("۱۴۰۵/۰۹/۰۱"));
    assert!(shown.body.contains("فاکتور.pdf"));
    // A county expert may not decide.
    assert!(!shown.body.contains("/approve\""));

    let page = provincial.get(&path).await;
    assert!(
        page.body.contains(&format!("{path}/approve\"")),
        "{}",
        page.body
    );
    let approved = provincial
        .submit(&path, &format!("{path}/approve"), &[])
        .await;
    assert_eq!(approved.status, 303, "{}", approved.body);
    let paid = provincial
        .submit(&path, &format!("{path}/pay"), &[("paid_on", "")])
        .await;
    assert_eq!(paid.status, 303, "{}", paid.body);
    let page = provincial.get(&path).await;
    assert!(page.body.contains("پرداخت‌شده"), "{}", page.body);
    assert!(page.body.contains("سند تعهد") && page.body.contains("سند پرداخت"));
    assert!(
        page.body.contains("۳۸۰٬۰۰۰٬۰۰۰"),
        "what is left on the line"
    );

    let list = provincial.get("/money/payments?status=paid").await;
    assert!(list.body.contains("۱۲۰٬۰۰۰٬۰۰۰"), "{}", list.body);
    assert!(list.body.contains("آموزشگاه فنی نگین"));

    // The evidence downloads as it was uploaded.
    let href = page
        .body
        .split(&format!("href=\"{path}/evidence/"))
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let response = provincial
        .client()
        .get(format!("{}{path}/evidence/{href}", app.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/pdf"
    );
    assert_eq!(response.bytes().await.unwrap().as_ref(), PDF);
}

#[tokio::test]
async fn approving_ones_own_proposal_is_refused_in_persian() {
    let app = TestApp::spawn().await;
    let provincial = app
        .logged_in("q.expert", "provincial_expert", "ir.qazvin")
        .await;
    fund(&app, "q.expert").await;
    let path = payment_path(&propose(&app, &provincial, "1000000", None).await);
    let page = provincial.get(&path).await;
    assert!(
        !page.body.contains(&format!("{path}/approve\"")),
        "{}",
        page.body
    );
    assert!(page.body.contains("تأیید یا رد آن با کاربر دیگری است"));
    // Posted anyway (an old tab): refused, explained, nothing changed.
    let refused = provincial
        .submit(&path, &format!("{path}/approve"), &[])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("پیشنهاددهنده نمی‌تواند درباره پرداخت خود تصمیم بگیرد"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("پیشنهادشده"));
    // A rejection without a reason is refused too, by another expert.
    let other = app
        .logged_in("q.expert2", "provincial_expert", "ir.qazvin")
        .await;
    let no_reason = other
        .submit(&path, &format!("{path}/reject"), &[("reason", "")])
        .await;
    assert_eq!(no_reason.status, 422);
    assert!(
        no_reason.body.contains("دلیل را بنویسید"),
        "{}",
        no_reason.body
    );
}
