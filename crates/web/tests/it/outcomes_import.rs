//! Filled paper forms on the web import page, on SQLite and PostgreSQL: a social worker finds
//! one kind per questionnaire among the page's kinds, downloads Rosenberg's template with its
//! items as columns, uploads a sheet whose one bad answer is reported by row and the item's
//! column with nothing written, then the corrected sheet as a dry run that she applies; a
//! second upload imports nothing twice. Whoever may not assess is not offered the kind and is
//! refused its template.

use std::time::{Duration, Instant};

use hamyar_domain::groups::JoinInput;
use hamyar_testkit::builders::{GroupBuilder, WomanBuilder};
use hamyar_testkit::scope::national_id;
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_webtest::{Browser, Page, TestApp};

const KIND: &str = "assessments:rosenberg";

async fn upload(browser: &Browser, bytes: Vec<u8>, mode: &str) -> Page {
    let part = reqwest::multipart::Part::bytes(bytes).file_name("rosenberg.csv");
    let form = browser
        .upload_form("/women/import")
        .await
        .text("kind", KIND)
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

async fn run(browser: &Browser, bytes: Vec<u8>, mode: &str) -> (String, Page) {
    let uploaded = upload(browser, bytes, mode).await;
    assert_eq!(uploaded.status, 303, "{}", uploaded.body);
    let path = uploaded.location().unwrap().to_owned();
    let page = finished_job(browser, &path).await;
    (path, page)
}

/// A woman of Takestan in a group since 1405/02/01, registered by the worker; her ID.
async fn woman_in_a_group(app: &TestApp) -> String {
    let worker = app
        .app
        .user_by_username("tk.worker")
        .await
        .unwrap()
        .unwrap()
        .actor();
    let takestan = app
        .app
        .place_tree()
        .await
        .unwrap()
        .by_code("ir.qazvin.takestan")
        .unwrap()
        .id;
    let group = GroupBuilder::new(&app.app, &worker, takestan, "نخل")
        .create()
        .await;
    let id = national_id(750_001);
    WomanBuilder::new(&app.app, &worker, takestan, id.clone())
        .register()
        .await;
    let join = JoinInput {
        national_id: id.clone(),
        role: "member".into(),
        joined_on: "1405/02/01".into(),
    };
    app.app
        .add_group_member(&worker, group, &join)
        .await
        .unwrap();
    id
}

async fn a_worker_brings_in_paper_forms_from_the_import_page(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let worker = app
        .logged_in("tk.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let woman = woman_in_a_group(&app).await;
    let page = worker.get("/women/import").await;
    assert!(
        page.body.contains(&format!("<option value=\"{KIND}\">")),
        "{}",
        page.body
    );
    let template = worker
        .get(&format!("/women/import/template/csv?kind={KIND}"))
        .await;
    assert_eq!(template.status, 200);
    let header = template.body.trim_start_matches('\u{feff}').lines().next();
    let header = header.unwrap().to_owned();
    assert!(
        header.starts_with("کد ملی,تاریخ تکمیل,نوبت,یادداشت,۱. "),
        "{header}"
    );

    let sheet = |fourth: &str| {
        format!("\u{feff}{header}\r\n{woman},1405/02/05,پایه,,2,3,1,{fourth},3,4,1,2,3,2\r\n")
            .into_bytes()
    };
    let (path, bad) = run(&worker, sheet("۵"), "dry_run").await;
    assert!(bad.body.contains("عزت نفس"), "{}", bad.body);
    let report = worker.get(&format!("{path}/report/csv")).await;
    assert!(report.body.contains("2,۴. "), "{}", report.body);

    let (path, dry) = run(&worker, sheet("2"), "dry_run").await;
    assert!(dry.body.contains("بررسی تمام شد"), "{}", dry.body);
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

    let (_, again) = run(&worker, sheet("2"), "all_or_nothing").await;
    assert!(
        again.body.contains("این ردیف پیش‌تر وارد شده است"),
        "{}",
        again.body
    );
}

async fn whoever_may_not_assess_is_not_offered_the_forms(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let admin = app.logged_in("root", "system_admin", "ir").await;
    let page = admin.get("/women/import").await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains(KIND), "{}", page.body);
    let template = admin
        .get(&format!("/women/import/template/csv?kind={KIND}"))
        .await;
    assert_eq!(template.status, 403);
    let worker = app
        .logged_in("tk.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let unknown = worker
        .get("/women/import/template/csv?kind=assessments:nothing")
        .await;
    assert_eq!(unknown.status, 404);
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
    a_worker_brings_in_paper_forms_from_the_import_page,
    whoever_may_not_assess_is_not_offered_the_forms,
);
