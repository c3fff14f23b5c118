//! Import and export in the web app: an expert uploads a messy spreadsheet, watches the job
//! finish, reads the precise problems, downloads the report, applies the dry run, and exports
//! the registry as a right-to-left spreadsheet; roles without the right are refused.

use std::time::{Duration, Instant};

use hamyar_webtest::{Browser, Page, TestApp};

const HEADER: &str = "کد ملی,نام,نام خانوادگی,نام پدر,تاریخ تولد,تلفن همراه,شهرستان,شهر یا روستا,نوع سکونت,نشانی,تحصیلات,مهارت‌ها,شماره شبا,علت سرپرستی,دهک درآمدی,یادداشت";

fn messy_csv() -> String {
    let rows = [
        "۰۰۱۳۵۴۲۴۱۹,فاطمه,احمدي,علي,۱۳۶۲/۵/۱۴,۰۹۱۲۱۲۳۴۵۶۷,آبيك,مرکز,شهری,خیابان یک,دیپلم,خیاطی,,همسر فوت‌شده,۳,",
        "0013542418,زهرا,کریمی,,1362-05-14,,آبیک,,روستایی,,,,,مطلقه,2,",
        "0084575948,مریم,رضایی,,1370/01/01,,آبیک,,شهری,,,,,مطلقه,2,",
        "0084575948,مریم,رضایی,,1370/01/01,,آبیک,,شهری,,,,,مطلقه,2,",
    ];
    format!("\u{feff}{HEADER}\n{}\n", rows.join("\n"))
}

async fn upload(browser: &Browser, csv: String, mode: &str) -> Page {
    upload_named(browser, csv.into_bytes(), "women.csv", mode).await
}

async fn upload_named(browser: &Browser, bytes: Vec<u8>, name: &str, mode: &str) -> Page {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    let form = browser
        .upload_form("/women/import")
        .await
        .part("file", part)
        .text("mode", mode.to_owned());
    browser.post_multipart("/women/import", form).await
}

/// Follows the job page until it is no longer running (bounded).
async fn finished_job(browser: &Browser, job_path: &str) -> Page {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let page = browser.get(job_path).await;
        if !page.body.contains("hx-trigger=\"every 1s\"") {
            return page;
        }
        assert!(Instant::now() < deadline, "the import job did not finish");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn an_expert_imports_a_messy_spreadsheet_through_the_browser() {
    let app = TestApp::spawn().await;
    let expert = app
        .logged_in("abyek.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let uploaded = upload(&expert, messy_csv(), "dry_run").await;
    assert_eq!(uploaded.status, 303);
    let job_path = uploaded.location().unwrap().to_owned();
    let result = finished_job(&expert, &job_path).await;
    assert!(
        result.body.contains("رقم کنترل کد ملی نادرست است"),
        "{}",
        result.body
    );
    assert!(
        result
            .body
            .contains("این کد ملی در ردیف‌های پیشین همین فایل آمده است")
    );
    let report = expert.get(&format!("{job_path}/report/csv")).await;
    assert_eq!(report.status, 200);
    assert!(
        report.body.contains("3,کد ملی,0013542418"),
        "{}",
        report.body
    );

    let token = result.csrf_token().unwrap();
    let applied = expert
        .post_raw(
            &format!("{job_path}/apply"),
            &[("csrf", token.as_str()), ("mode", "valid_rows")],
        )
        .await;
    assert_eq!(applied.status, 303);
    let done = finished_job(&expert, applied.location().unwrap()).await;
    assert!(done.body.contains("ورود انجام و ثبت شد"), "{}", done.body);
    let search = expert.get("/women?q=%D8%A7%D8%AD%D9%85%D8%AF%DB%8C").await;
    assert!(
        search.body.contains("فاطمه"),
        "the imported woman is found under the Persian spelling"
    );
}

#[tokio::test]
async fn another_user_cannot_see_someone_elses_import_job() {
    let app = TestApp::spawn().await;
    let expert = app
        .logged_in("abyek.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let job_path = upload(&expert, messy_csv(), "dry_run")
        .await
        .location()
        .unwrap()
        .to_owned();
    let other = app
        .logged_in("other.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    assert_eq!(other.get(&job_path).await.status, 404);
}

#[tokio::test]
async fn an_upload_without_the_csrf_token_is_refused() {
    let app = TestApp::spawn().await;
    let expert = app
        .logged_in("abyek.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let part = reqwest::multipart::Part::bytes(messy_csv().into_bytes()).file_name("women.csv");
    let form = reqwest::multipart::Form::new().part("file", part);
    let response = expert
        .client()
        .post(format!("{}/women/import", app.base_url))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn the_export_is_a_spreadsheet_with_ids_intact_and_roles_without_the_right_are_refused() {
    let app = TestApp::spawn().await;
    let expert = app
        .logged_in("abyek.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let job = upload(&expert, messy_csv(), "valid_rows")
        .await
        .location()
        .unwrap()
        .to_owned();
    finished_job(&expert, &job).await;
    let csv = expert.get("/women/export?format=csv").await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.header("content-disposition")
            .unwrap()
            .contains("attachment")
    );
    assert!(
        csv.body.contains("0013542419,فاطمه"),
        "leading zeros kept: {}",
        csv.body
    );
    let xlsx = expert.get("/women/export?format=xlsx").await;
    assert_eq!(xlsx.status, 200);
    let auditor = app.logged_in("auditor", "auditor", "ir").await;
    assert_eq!(auditor.get("/women/export?format=csv").await.status, 403);
    let facilitator = app
        .logged_in("facilitator", "facilitator", "ir.qazvin.abyek")
        .await;
    assert_eq!(facilitator.get("/women/import").await.status, 403);
}

#[tokio::test]
async fn the_template_downloads_with_persian_headers() {
    let app = TestApp::spawn().await;
    let expert = app
        .logged_in("abyek.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let template = expert.get("/women/import/template/csv").await;
    assert_eq!(template.status, 200);
    assert!(
        template
            .body
            .trim_start_matches('\u{feff}')
            .starts_with("کد ملی,نام,نام خانوادگی")
    );
}
