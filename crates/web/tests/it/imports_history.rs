//! The import page for a province's group history, on SQLite and PostgreSQL: it offers every
//! kind with its own template and tells nobody to run a command; a social worker uploads her
//! groups as a dry run, reads the result, applies it, and uploading the same file again
//! imports nothing twice; a file with a bad row names row and column and writes nothing;
//! and the app reads exactly the columns each kind's template has.

use std::time::{Duration, Instant};

use hamyar_app::imports::HistoryKind;
use hamyar_exchange::{FileFormat, ReadLimits, SheetKind, SheetReader};
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_webtest::{Browser, Page, TestApp};

const GROUPS_HEADER: &str =
    "کد گروه,نام گروه,شهرستان,رشته کسب و کار,محل کار,تاریخ شناسایی,تاریخ آموزش,تاریخ ثبت";

fn groups_csv(rows: &[&str]) -> Vec<u8> {
    format!("\u{feff}{GROUPS_HEADER}\r\n{}\r\n", rows.join("\r\n")).into_bytes()
}

async fn upload(browser: &Browser, kind: &str, bytes: Vec<u8>, mode: &str) -> Page {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(format!("{kind}.csv"));
    let form = browser
        .upload_form("/women/import")
        .await
        .text("kind", kind.to_owned())
        .part("file", part)
        .text("mode", mode.to_owned());
    browser.post_multipart("/women/import", form).await
}

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

async fn run(browser: &Browser, kind: &str, bytes: Vec<u8>, mode: &str) -> (String, Page) {
    let uploaded = upload(browser, kind, bytes, mode).await;
    assert_eq!(uploaded.status, 303, "{}", uploaded.body);
    let path = uploaded.location().unwrap().to_owned();
    let page = finished_job(browser, &path).await;
    (path, page)
}

#[test]
fn the_app_reads_exactly_the_columns_each_kinds_template_has() {
    for kind in HistoryKind::ALL {
        let sheet = SheetKind::from_key(kind.key()).expect("a layout for every history kind");
        let keys: Vec<&str> = sheet.layout().read_columns().map(|c| c.key).collect();
        assert_eq!(keys, kind.columns(), "{kind:?}");
    }
}

async fn the_import_page_offers_every_kind_with_its_template_and_no_command(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let worker = app
        .logged_in("tk.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let page = worker.get("/women/import?kind=members").await;
    assert_eq!(page.status, 200);
    for kind in SheetKind::ALL {
        let link = format!("/women/import/template/xlsx?kind={}", kind.key());
        // Payments and grants are offered only to whoever may propose spending.
        let money = matches!(kind, SheetKind::Payments | SheetKind::Grants);
        assert_eq!(page.body.contains(&link), !money, "{link}");
    }
    assert!(page.body.contains("<option value=\"members\" selected>"));
    for command in ["hamyar import", "--dry-run", "--all-or-nothing"] {
        assert!(!page.body.contains(command), "the page shows {command:?}");
    }
    let template = worker
        .client()
        .get(format!(
            "{}/women/import/template/csv?kind=visits",
            app.base_url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(template.status(), 200);
    let bytes = template.bytes().await.unwrap().to_vec();
    let reader = SheetReader::from_bytes_layout(
        SheetKind::Visits.layout(),
        FileFormat::Csv,
        bytes,
        ReadLimits::default(),
    )
    .unwrap();
    assert_eq!(reader.present_keys()[1], "visited_on");
}

async fn a_worker_imports_her_groups_and_a_second_upload_imports_nothing_twice(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let worker = app
        .logged_in("tk.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let file = groups_csv(&[
        "TK-01,گروه خیاطی نور,تاکستان,خیاطی,استیجاری,۱۴۰۱/۰۲/۱۰,1401/05/01,1401/07/15",
        "TK-02,گروه قالی‌بافی,تاكستان,خیاطی,منزل,1402/01/20,,",
    ]);
    let (path, dry) = run(&worker, "groups", file.clone(), "dry_run").await;
    assert!(dry.body.contains("بررسی تمام شد"), "{}", dry.body);
    assert!(dry.body.contains("(گروه‌ها)"));
    let token = dry.csrf_token().unwrap();
    let applied = worker
        .post_raw(
            &format!("{path}/apply"),
            &[("csrf", token.as_str()), ("mode", "all_or_nothing")],
        )
        .await;
    assert_eq!(applied.status, 303);
    let done = finished_job(&worker, applied.location().unwrap()).await;
    assert!(done.body.contains("ورود انجام و ثبت شد"), "{}", done.body);
    let list = worker.get("/groups").await;
    assert!(list.body.contains("گروه خیاطی نور"));
    assert!(list.body.contains("گروه قالی‌بافی"));

    let (_, again) = run(&worker, "groups", file, "all_or_nothing").await;
    assert!(again.body.contains("ردیف پیش‌تر واردشده"), "{}", again.body);
    assert!(again.body.contains("این ردیف پیش‌تر وارد شده است"));
    let list = worker.get("/groups").await;
    assert_eq!(list.body.matches("گروه خیاطی نور").count(), 1);
}

async fn a_bad_row_is_named_by_row_and_column_and_nothing_is_written(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let worker = app
        .logged_in("tk.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let file = groups_csv(&[
        "TK-01,گروه خیاطی نور,تاکستان,خیاطی,استیجاری,1401/02/10,,",
        "TK-02,گروه دوم,تاکستان,خیاطی,کاروانسرا,1402/01/20,,",
    ]);
    let (path, page) = run(&worker, "groups", file, "all_or_nothing").await;
    assert!(
        page.body.contains("سابقه‌ی گروه‌ها همه یا هیچ"),
        "{}",
        page.body
    );
    let report = worker.get(&format!("{path}/report/csv")).await;
    assert!(
        report.body.contains("3,محل کار,کاروانسرا"),
        "{}",
        report.body
    );
    let list = worker.get("/groups").await;
    assert!(!list.body.contains("گروه خیاطی نور"), "nothing was written");
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(hamyar_testkit::testing::TestDatabase::sqlite().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = hamyar_testkit::testing::TestDatabase::postgres().await else {
                        return;
                    };
                    super::$name(db).await;
                }
            )*
        }
    };
}

on_both!(
    the_import_page_offers_every_kind_with_its_template_and_no_command,
    a_worker_imports_her_groups_and_a_second_upload_imports_nothing_twice,
    a_bad_row_is_named_by_row_and_column_and_nothing_is_written,
);
