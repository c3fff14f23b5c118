//! The pages of a province's paper history of money, on SQLite and PostgreSQL: a provincial
//! expert imports her province's payments through the import page and is shown the batch
//! that waits for a second person; she may not decide it herself (no form, and a forged
//! confirmation is refused in Persian); a second expert is told on her Today page, is
//! refused in Persian without the scan (nothing changes), and with it the payment is paid
//! and its page shows the paper note; a batch can be refused with a reason; and a county
//! expert of another province does not find the batch at all.

use std::time::{Duration, Instant};

use hamyar_app::budget::YearBudgetInput;
use hamyar_domain::budget::BudgetCategory;
use hamyar_exchange::SheetKind;
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_webtest::{Browser, Page, TestApp};

const PDF: &[u8] = b"%PDF-1.4\n% the vouchers of 1405\n";

/// Sets Qazvin's 1405 training budget as `username`.
async fn fund(app: &TestApp, username: &str) {
    let actor = app
        .app
        .user_by_username(username)
        .await
        .unwrap()
        .unwrap()
        .actor();
    let tree = app.app.place_tree().await.unwrap();
    app.app
        .set_year_budget(
            &actor,
            &YearBudgetInput {
                fiscal_year: 1405,
                province_id: tree.by_code("ir.qazvin").unwrap().id,
                county_id: None,
                amounts: vec![(BudgetCategory::Training, "900000000".into())],
                effective_on: "1405/01/15".into(),
                description: String::new(),
                idempotency_key: "budget-1405".into(),
            },
        )
        .await
        .unwrap();
}

/// A payments file with the template's Persian headers.
fn payments_csv(rows: &[&str]) -> Vec<u8> {
    let header: Vec<&str> = SheetKind::Payments
        .layout()
        .read_columns()
        .map(|column| column.header_fa)
        .collect();
    format!("\u{feff}{}\r\n{}\r\n", header.join(","), rows.join("\r\n")).into_bytes()
}

/// category, county, payee, payee kind, amount, spent on, reference, description, group
/// codes, national IDs, course run, approved on, paid on, approver.
const PAID_ROW: &str = "آموزش,,آموزشگاه فنی نور,مجری دوره آموزشی,250000000,1405/02/10,1405-117,دوره خیاطی,,,,1405/02/15,1405/03/01,مریم احمدی";
const APPROVED_ROW: &str =
    "آموزش,,کارگاه مهارت,مجری دوره آموزشی,40000000,1405/04/02,1405-220,,,,,1405/04/09,,مریم احمدی";

/// Imports a payments file through the import page and returns the finished job's page.
async fn import_payments(browser: &Browser, bytes: Vec<u8>) -> Page {
    let part = reqwest::multipart::Part::bytes(bytes).file_name("پرداخت‌های ۱۴۰۵.csv");
    let form = browser
        .upload_form("/women/import?kind=payments")
        .await
        .text("kind", "payments")
        .part("file", part)
        .text("mode", "all_or_nothing");
    let uploaded = browser.post_multipart("/women/import", form).await;
    assert_eq!(uploaded.status, 303, "{}", uploaded.body);
    let path = uploaded.location().unwrap().to_owned();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let page = browser.get(&path).await;
        if !page.body.contains("hx-trigger=\"every 1s\"") {
            return page;
        }
        assert!(Instant::now() < deadline, "the import job did not finish");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The batch page a finished import links to.
fn batch_path(job: &Page) -> String {
    let link = job
        .body
        .split("href=\"/money/history/")
        .nth(1)
        .unwrap_or_else(|| panic!("no batch on the job page: {}", job.body));
    format!("/money/history/{}", link.split('"').next().unwrap())
}

/// The first payment a batch page links to.
fn payment_path(batch: &Page) -> String {
    let link = batch.body.split("href=\"/money/payments/").nth(1).unwrap();
    format!("/money/payments/{}", link.split('"').next().unwrap())
}

async fn confirm(browser: &Browser, batch: &str, scan: Option<&[u8]>) -> Page {
    let mut form = browser.upload_form(batch).await;
    if let Some(bytes) = scan {
        form = form.part(
            "evidence",
            reqwest::multipart::Part::bytes(bytes.to_vec()).file_name("اسناد ۱۴۰۵.pdf"),
        );
    }
    browser
        .post_multipart(&format!("{batch}/confirm"), form)
        .await
}

async fn a_second_person_confirms_what_the_importer_only_proposed(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let importer = app
        .logged_in("q.one", "provincial_expert", "ir.qazvin")
        .await;
    fund(&app, "q.one").await;
    let second = app
        .logged_in("q.two", "provincial_expert", "ir.qazvin")
        .await;

    // The import page says who decides, and the result names the batch.
    let form = importer.get("/women/import?kind=payments").await;
    assert!(
        form.body.contains("id=\"money-second-person\""),
        "{}",
        form.body
    );
    assert!(form.body.contains("<option value=\"payments\" selected>"));
    let template = importer
        .get("/women/import/template/csv?kind=payments")
        .await;
    assert_eq!(template.status, 200);
    assert!(template.body.contains("تأییدکننده روی کاغذ"));
    let job = import_payments(&importer, payments_csv(&[PAID_ROW])).await;
    assert!(job.body.contains("ورود انجام و ثبت شد"), "{}", job.body);
    assert!(job.body.contains("منتظر تأیید نفر دوم است"), "{}", job.body);
    let batch = batch_path(&job);

    // The importer sees the batch with its row, and may not decide it.
    let page = importer.get(&batch).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("آموزشگاه فنی نور"));
    assert!(page.body.contains("۲۵۰٬۰۰۰٬۰۰۰"), "{}", page.body);
    assert!(page.body.contains("۱۴۰۵/۰۲/۱۵"));
    assert!(page.body.contains("۱۴۰۵/۰۳/۰۱"));
    assert!(page.body.contains("مریم احمدی"));
    assert!(page.body.contains("پیشنهادشده"));
    assert!(page.body.contains("id=\"history-own-import\""));
    assert!(
        !page.body.contains("/confirm\""),
        "no confirm form for the importer"
    );
    let forged = confirm(&importer, &batch, Some(PDF)).await;
    assert_eq!(forged.status, 422, "{}", forged.body);
    assert!(
        forged.body.contains("نفر دوم باید تصمیم بگیرد"),
        "{}",
        forged.body
    );
    let payment = payment_path(&page);
    assert!(importer.get(&payment).await.body.contains("پیشنهادشده"));

    // The list, waiting first; the second person's Today page sends her there.
    let list = second.get("/money/history").await;
    assert!(
        list.body.contains(&format!("href=\"{batch}\"")),
        "{}",
        list.body
    );
    assert!(list.body.contains("منتظر تأیید نفر دوم"));
    assert!(list.body.contains("کاربر q.one"));
    let today = second.get("/").await;
    assert!(
        today.body.contains("id=\"today-history\""),
        "{}",
        today.body
    );
    assert!(today.body.contains("href=\"/money/history\""));
    assert!(
        !importer
            .get("/")
            .await
            .body
            .contains("id=\"today-history\"")
    );

    // Without the scan: refused in Persian, nothing changes.
    let page = second.get(&batch).await;
    assert!(page.body.contains(&format!("action=\"{batch}/confirm\"")));
    assert!(page.body.contains(" required>"), "the scan is required");
    let refused = confirm(&second, &batch, None).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("تصویر اسناد کاغذی پرداخت"),
        "{}",
        refused.body
    );
    assert!(second.get(&payment).await.body.contains("پیشنهادشده"));
    assert!(
        second
            .get(&batch)
            .await
            .body
            .contains("منتظر تأیید نفر دوم")
    );

    // With the scan: the payment is approved and paid on the paper's days.
    let confirmed = confirm(&second, &batch, Some(PDF)).await;
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    assert!(
        confirmed
            .location()
            .unwrap()
            .contains("done=history-confirmed")
    );
    let page = second.get(&batch).await;
    assert!(page.body.contains("تأییدشده"), "{}", page.body);
    assert!(page.body.contains("پرداخت‌شده"));
    assert!(!page.body.contains("/confirm\""));
    let scan = second.get(&format!("{batch}/evidence")).await;
    assert_eq!(scan.status, 200);
    assert_eq!(scan.header("content-type"), Some("application/pdf"));
    let shown = importer.get(&payment).await;
    assert!(shown.body.contains("پرداخت‌شده"), "{}", shown.body);
    assert!(
        shown
            .body
            .contains("از سابقه‌ی کاغذی: تأیید ۱۴۰۵/۰۲/۱۵ به امضای مریم احمدی"),
        "{}",
        shown.body
    );
    assert!(shown.body.contains(&format!("href=\"{batch}\"")));
    assert!(!second.get("/").await.body.contains("id=\"today-history\""));
}

async fn a_batch_is_refused_with_a_reason_and_hidden_from_another_province(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let importer = app
        .logged_in("q.one", "provincial_expert", "ir.qazvin")
        .await;
    fund(&app, "q.one").await;
    let second = app
        .logged_in("q.two", "provincial_expert", "ir.qazvin")
        .await;
    let stranger = app
        .logged_in("sh.expert", "county_expert", "ir.tehran.shemiranat")
        .await;
    let job = import_payments(&importer, payments_csv(&[APPROVED_ROW])).await;
    let batch = batch_path(&job);

    let page = stranger.get(&batch).await;
    assert_eq!(page.status, 404, "{}", page.body);
    assert!(!stranger.get("/money/history").await.body.contains(&batch));
    assert_eq!(stranger.get(&format!("{batch}/evidence")).await.status, 404);

    // No scan is asked for: nothing was paid on paper.
    let page = second.get(&batch).await;
    assert!(!page.body.contains(" required>"), "{}", page.body);
    let payment = payment_path(&page);
    let empty = second
        .submit(&batch, &format!("{batch}/refuse"), &[("reason", "")])
        .await;
    assert_eq!(empty.status, 422, "{}", empty.body);
    let refused = second
        .submit(
            &batch,
            &format!("{batch}/refuse"),
            &[("reason", "تاریخ‌های فایل با دفتر نمی‌خواند")],
        )
        .await;
    assert_eq!(refused.status, 303, "{}", refused.body);
    let page = second.get(&batch).await;
    assert!(page.body.contains("ردشده"), "{}", page.body);
    assert!(page.body.contains("تاریخ‌های فایل با دفتر نمی‌خواند"));
    assert!(!page.body.contains("/refuse\""));
    assert!(second.get(&payment).await.body.contains("ردشده"));
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(TestDatabase::sqlite().await).await;
                }
            )*
            use hamyar_testkit::testing::TestDatabase;
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = TestDatabase::postgres().await else {
                        return;
                    };
                    super::$name(db).await;
                }
            )*
            use hamyar_testkit::testing::TestDatabase;
        }
    };
}

on_both!(
    a_second_person_confirms_what_the_importer_only_proposed,
    a_batch_is_refused_with_a_reason_and_hidden_from_another_province,
);
