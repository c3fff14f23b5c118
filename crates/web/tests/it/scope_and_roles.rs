//! Scope and roles on the pages that cross county lines (issue 14): a county expert who may
//! open a payment on her province's undivided line sees the women and groups of her own
//! county by name and the others only counted, and cannot fetch its evidence; a payment
//! entirely within her county, or a file she uploaded herself, she can; the drill-down of a
//! province line names no one of another county to her; public relations reads figures and is
//! refused the pages that name people; a facilitator's view of a woman's file masks the
//! national ID, address and bank account exactly as lists do, while she still sees names and
//! the mobile. Each runs on SQLite, and on PostgreSQL when it is configured.

use hamyar_domain::to_persian_digits;
use hamyar_testkit::scope::{ScopeWorld, scope_world};
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_webtest::{Page, TestApp};

async fn world_on(db: TestDatabase) -> (TestApp, ScopeWorld) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let world = scope_world(&app.app).await;
    (app, world)
}

/// Whether the page shows the text, in Latin or Persian digits.
fn shows(page: &Page, text: &str) -> bool {
    page.body.contains(text) || page.body.contains(&to_persian_digits(text))
}

fn assert_ok(page: &Page, what: &str) {
    assert_eq!(page.status, 200, "{what}: {}", page.body);
}

async fn a_county_expert_sees_only_her_countys_women_on_a_province_payment(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let abyek = app
        .logged_in("abyek.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let path = format!("/money/payments/{}", w.shared_payment);
    let page = abyek.get(&path).await;
    assert_ok(&page, "the payment on the province line");
    assert!(shows(&page, w.abyek.person.last_name), "{}", page.body);
    assert!(shows(&page, w.abyek.group_name), "{}", page.body);
    for hidden in [w.takestan.person.last_name, w.takestan.group_name] {
        assert!(!shows(&page, hidden), "{hidden} shown: {}", page.body);
    }
    assert!(
        page.body.contains("۱ زن در شهرستان‌های دیگر"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("۱ گروه در شهرستان‌های دیگر"),
        "{}",
        page.body
    );
    // Its description may name anyone; its evidence names women of Takestan.
    assert!(!page.body.contains("دورهٔ استانی برای دو شهرستان"));
    assert!(!page.body.contains("attendance.pdf"), "{}", page.body);
    let file = format!("{path}/evidence/{}", w.shared_evidence);
    assert_eq!(abyek.get(&file).await.status, 404);
    // Nor may she list payments by a woman of another county.
    let by_woman = format!("/money/payments?woman={}", w.takestan.woman);
    assert_eq!(abyek.get(&by_woman).await.status, 404);

    // The province's expert holds both counties: everything, and the file.
    let province = app
        .logged_in("qazvin.expert", "provincial_expert", "ir.qazvin")
        .await;
    let page = province.get(&path).await;
    assert!(shows(&page, w.takestan.person.last_name), "{}", page.body);
    assert!(page.body.contains("attendance.pdf"));
    let download = province.get(&file).await;
    assert_eq!(download.status, 200);
    assert!(download.body.starts_with("%PDF"));
}

async fn evidence_comes_back_within_her_county_and_when_she_uploaded_it(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let abyek = app
        .logged_in("abyek.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    // A payment entirely within Abyek: its line, its group and its woman.
    let own = format!(
        "/money/payments/{}/evidence/{}",
        w.abyek.payment, w.abyek.evidence
    );
    let download = abyek.get(&own).await;
    assert_eq!(download.status, 200, "{}", download.body);
    // A file she adds herself to the shared payment comes back to her; the other does not.
    let path = format!("/money/payments/{}", w.shared_payment);
    let upload = abyek.upload_form(&path).await.part(
        "evidence",
        reqwest::multipart::Part::bytes(b"%PDF-1.4\n% hers\n".to_vec()).file_name("mine.pdf"),
    );
    let response = abyek
        .post_multipart(&format!("{path}/evidence"), upload)
        .await;
    assert_eq!(response.status, 303, "{}", response.body);
    let page = abyek.get(&path).await;
    assert!(page.body.contains("mine.pdf"), "{}", page.body);
    assert!(!page.body.contains("attendance.pdf"));
    let href = page
        .body
        .split(&format!("{path}/evidence/"))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a link to her file")
        .to_owned();
    let hers = abyek.get(&format!("{path}/evidence/{href}")).await;
    assert_eq!(hers.status, 200);
    assert!(hers.body.contains("hers"));
}

async fn the_drill_down_of_a_province_line_names_no_one_of_another_county(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let path = format!("/money/reports/lines/{}/committed", w.qazvin_grant_line);
    let abyek = app
        .logged_in("abyek.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let page = abyek.get(&path).await;
    assert_ok(&page, "the drill-down");
    assert!(!shows(&page, w.takestan.person.last_name), "{}", page.body);
    assert!(
        page.body.contains("۱۰٬۰۰۰٬۰۰۰"),
        "the figure stays: {}",
        page.body
    );
    let province = app
        .logged_in("qazvin.expert", "provincial_expert", "ir.qazvin")
        .await;
    let page = province.get(&path).await;
    assert!(page.body.contains(w.shared_grant_purpose), "{}", page.body);
}

async fn public_relations_reads_figures_and_is_refused_the_pages_that_name_people(
    db: TestDatabase,
) {
    let (app, w) = world_on(db).await;
    let pr = app
        .logged_in("qazvin.pr", "public_relations", "ir.qazvin")
        .await;
    let refused = [
        "/money/payments".to_owned(),
        format!("/money/payments/{}", w.abyek.payment),
        format!(
            "/money/payments/{}/evidence/{}",
            w.abyek.payment, w.abyek.evidence
        ),
        "/money/grants".to_owned(),
        format!("/money/grants/{}", w.abyek.grant),
        "/money/reports/recipients?kind=groups".to_owned(),
    ];
    for path in &refused {
        assert_eq!(pr.get(path).await.status, 403, "{path}");
    }
    let home = pr.get("/dashboard").await;
    assert_ok(&home, "the dashboard");
    assert!(!home.body.contains("href=\"/money/payments\""), "menu");
    assert!(!home.body.contains("href=\"/money/grants\""), "menu");
    let report = pr
        .get(&format!(
            "/money/reports/budget?year=1405&province={}",
            w.qazvin
        ))
        .await;
    assert_ok(&report, "the budget report");
    assert!(!report.body.contains("/money/reports/recipients"), "link");
    let drill = pr
        .get(&format!(
            "/money/reports/lines/{}/committed",
            w.qazvin_training_line
        ))
        .await;
    assert_ok(&drill, "the drill-down");
    for name in &w.staff_names {
        assert!(!drill.body.contains(name), "{name}: {}", drill.body);
    }
    assert!(!drill.body.contains(w.shared_grant_purpose));
}

async fn a_facilitator_sees_names_and_mobile_but_identifiers_masked_on_the_file(db: TestDatabase) {
    let (app, w) = world_on(db).await;
    let kit = &w.abyek;
    let facilitator = app
        .logged_in("abyek.facilitator", "facilitator", "ir.qazvin.abyek")
        .await;
    let file = facilitator.get(&format!("/women/{}", kit.woman)).await;
    assert_ok(&file, "her file");
    assert!(file.body.contains(kit.person.last_name));
    assert!(shows(&file, &kit.person.mobile), "mobile: {}", file.body);
    for hidden in [
        kit.person.national_id.as_str(),
        kit.child.national_id.as_str(),
        kit.person.address,
        hamyar_testkit::scope::SHEBA,
    ] {
        assert!(!shows(&file, hidden), "{hidden} shown: {}", file.body);
    }
    // The list masks the same.
    let list = facilitator
        .get(&format!("/women?q={}", kit.person.last_name))
        .await;
    assert_ok(&list, "the list");
    assert!(list.body.contains(kit.person.last_name));
    assert!(!shows(&list, &kit.person.national_id));
    // A social worker of the same county sees the file in full.
    let worker = app
        .logged_in("abyek.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let file = worker.get(&format!("/women/{}", kit.woman)).await;
    assert!(shows(&file, &kit.person.national_id));
    assert!(file.body.contains(kit.person.address));
}

/// Runs each test on a fresh SQLite database and, when configured, a PostgreSQL one.
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(super::TestDatabase::sqlite().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(db) = super::TestDatabase::postgres().await {
                        super::$name(db).await;
                    }
                }
            )*
        }
    };
}

on_both!(
    a_county_expert_sees_only_her_countys_women_on_a_province_payment,
    evidence_comes_back_within_her_county_and_when_she_uploaded_it,
    the_drill_down_of_a_province_line_names_no_one_of_another_county,
    public_relations_reads_figures_and_is_refused_the_pages_that_name_people,
    a_facilitator_sees_names_and_mobile_but_identifiers_masked_on_the_file,
);
