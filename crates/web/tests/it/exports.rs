//! The groups' exports over HTTP (issue 17), on SQLite and on PostgreSQL: the group list, a
//! group's roster, the visits and the business months come as CSV and XLSX with their
//! headers and rows, hold the page's filters and only the reader's county (Abyek's group
//! never reaches Takestan's expert), mask contacts for roles that read lists masked, and a
//! roster export is on the audit trail naming each woman; the women list narrows to a group.

use hamyar_app::Actor;
use hamyar_app::access::PlaceId;
use hamyar_app::groups::StageInput;
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::group_life::{BusinessInput, VisitInput};
use hamyar_domain::groups::JoinInput;
use hamyar_testkit::builders::{GroupBuilder, WomanBuilder};
use hamyar_testkit::fixtures::{place, user};
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_webtest::{Page, TestApp};

/// Takestan's «نخل» (two members with mobiles, a visit, two business months) and Abyek's
/// «بید» (one member, a visit, a month), all in 1405.
struct World {
    nakhl: GroupId,
    bid: GroupId,
}

const MARYAM: (&str, &str, &str) = ("0020000014", "مریم", "09121110001");
const ZAHRA: (&str, &str, &str) = ("0020000022", "زهرا", "09121110002");
const SIMIN: (&str, &str, &str) = ("0020000065", "سیمین", "09121110003");

async fn group_with(
    app: &TestApp,
    worker: &Actor,
    county: PlaceId,
    name: &str,
    women: &[(&str, &str, &str)],
) -> GroupId {
    let group = GroupBuilder::new(&app.app, worker, county, name)
        .create()
        .await;
    for (national_id, first_name, mobile) in women {
        WomanBuilder::new(&app.app, worker, county, *national_id)
            .first_name(*first_name)
            .last_name("صادقی")
            .with(|woman| woman.mobile = (*mobile).to_owned())
            .register()
            .await;
        app.app
            .add_group_member(
                worker,
                group,
                &JoinInput {
                    national_id: (*national_id).into(),
                    role: "member".into(),
                    joined_on: "1405/02/01".into(),
                },
            )
            .await
            .expect("member");
    }
    for (stage, on) in [
        ("trained", "1405/03/01"),
        ("registered", "1405/04/01"),
        ("active", "1405/04/15"),
    ] {
        app.app
            .move_group_stage(
                worker,
                group,
                &StageInput {
                    stage: stage.into(),
                    effective_on: on.into(),
                    ..StageInput::default()
                },
            )
            .await
            .expect("stage");
    }
    group
}

async fn visit(app: &TestApp, worker: &Actor, group: GroupId, on: &str, purpose: &str) {
    app.app
        .record_visit(
            worker,
            group,
            &VisitInput {
                visited_on: on.into(),
                purpose: purpose.into(),
                findings: "کارگاه فعال است".into(),
                requests: vec!["کد بهداشتی".into()],
                ..VisitInput::default()
            },
        )
        .await
        .expect("visit");
}

async fn month(app: &TestApp, worker: &Actor, group: GroupId, month: &str, revenue: &str) {
    app.app
        .record_business_month(
            worker,
            group,
            &BusinessInput {
                year: "1405".into(),
                month: month.into(),
                revenue: revenue.into(),
                costs: "10,000,000".into(),
                members_working: "2".into(),
                channels: vec!["shop".into()],
                ..BusinessInput::default()
            },
        )
        .await
        .expect("business month");
}

async fn world(app: &TestApp) -> World {
    let takestan = place(&app.app, "ir.qazvin.takestan").await;
    let abyek = place(&app.app, "ir.qazvin.abyek").await;
    let t_worker = user(
        &app.app,
        "w.takestan",
        "social_worker",
        "ir.qazvin.takestan",
    )
    .await;
    let a_worker = user(&app.app, "w.abyek", "social_worker", "ir.qazvin.abyek").await;
    let nakhl = group_with(app, &t_worker, takestan, "نخل", &[MARYAM, ZAHRA]).await;
    let bid = group_with(app, &a_worker, abyek, "بید", &[SIMIN]).await;
    visit(app, &t_worker, nakhl, "1405/07/10", "پایش ماهانهٔ نخل").await;
    visit(app, &a_worker, bid, "1405/07/12", "پایش ماهانهٔ بید").await;
    month(app, &t_worker, nakhl, "7", "80,000,000").await;
    month(app, &t_worker, nakhl, "8", "120,000,000").await;
    month(app, &a_worker, bid, "8", "55,000,000").await;
    World { nakhl, bid }
}

/// The CSV's lines without the byte-order mark.
fn lines(page: &Page) -> Vec<String> {
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(
        page.header("content-disposition")
            .is_some_and(|d| d.starts_with("attachment;")),
        "{:?}",
        page.header("content-disposition")
    );
    page.body
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::to_owned)
        .collect()
}

fn is_xlsx(page: &Page) -> bool {
    page.status == 200
        && page.header("content-type")
            == Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
}

async fn the_exports_hold_the_pages_filters_and_the_readers_county(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let w = world(&app).await;
    let expert = app
        .logged_in("t.expert", "county_expert", "ir.qazvin.takestan")
        .await;

    // The group list, with its filters; the link is on the list.
    let list = expert.get("/groups").await;
    assert!(
        list.body.contains("/groups/export?format=csv"),
        "{}",
        list.body
    );
    let groups = lines(&expert.get("/groups/export?format=csv").await);
    assert_eq!(groups[0], "کد گروه,نام گروه,شهرستان,مرحله,زمینهٔ کسب‌وکار");
    assert_eq!(groups.len(), 2, "{groups:?}");
    assert!(
        groups[1].contains(",نخل,تاکستان (قزوین),فعال,"),
        "{groups:?}"
    );
    let none = lines(
        &expert
            .get("/groups/export?format=csv&stage=dissolved")
            .await,
    );
    assert_eq!(none.len(), 1, "the stage filter holds: {none:?}");
    assert!(is_xlsx(&expert.get("/groups/export?stage=active").await));

    // Visits of the span, on the dashboard's link.
    let dashboard = expert.get("/dashboard").await;
    assert!(
        dashboard.body.contains("/visits/export?format=csv"),
        "{}",
        dashboard.body
    );
    let visits = lines(
        &expert
            .get("/visits/export?format=csv&from=1405/01/01&to=۱۴۰۵/۰۸/۳۰")
            .await,
    );
    assert!(
        visits[0].starts_with("کد گروه,نام گروه,شهرستان,تاریخ بازدید,"),
        "{visits:?}"
    );
    assert_eq!(visits.len(), 2, "{visits:?}");
    assert!(visits[1].contains("1405/07/10"), "{visits:?}");
    assert!(visits[1].contains("پایش ماهانهٔ نخل"), "{visits:?}");
    let later = lines(
        &expert
            .get("/visits/export?format=csv&from=1405/07/11")
            .await,
    );
    assert_eq!(later.len(), 1, "the span holds: {later:?}");
    assert!(is_xlsx(&expert.get("/visits/export?format=xlsx").await));

    // Business months of the span's months, amounts in rials.
    let months = lines(
        &expert
            .get("/business/export?format=csv&from=1405/08/01&to=1405/08/30")
            .await,
    );
    assert_eq!(
        months[0],
        "کد گروه,نام گروه,شهرستان,سال,ماه,فروش (ریال),هزینه (ریال),سود (ریال),اعضای شاغل,افراد به‌کارگرفته,کانال‌های فروش"
    );
    assert_eq!(months.len(), 2, "Aban only: {months:?}");
    assert!(
        months[1].contains(",نخل,تاکستان (قزوین),1405,8,120000000,10000000,110000000,2,0,فروشگاه"),
        "{months:?}"
    );

    // Another county's group is nowhere in Takestan's files.
    for path in [
        "/groups/export?format=csv",
        "/visits/export?format=csv",
        "/business/export?format=csv",
        "/visits/export?format=csv&place={abyek}",
    ] {
        let abyek = place(&app.app, "ir.qazvin.abyek").await;
        let page = expert
            .get(&path.replace("{abyek}", &abyek.to_string()))
            .await;
        assert_eq!(page.status, 200, "{path}");
        assert!(!page.body.contains("بید"), "{path}: {}", page.body);
    }
    assert_eq!(
        expert
            .get(&format!("/groups/{}/roster?format=csv", w.bid))
            .await
            .status,
        404
    );
    // The province's expert reads both counties.
    let provincial = app
        .logged_in("q.expert", "provincial_expert", "ir.qazvin")
        .await;
    let both = lines(&provincial.get("/business/export?format=csv").await);
    assert_eq!(both.len(), 4, "{both:?}");
    assert!(
        both.iter().any(|l| l.contains(",بید,آبیک (قزوین),")),
        "{both:?}"
    );

    // Refusals say why, and write nothing.
    let backwards = expert
        .get("/visits/export?format=csv&from=1405/08/01&to=1405/07/01")
        .await;
    assert_eq!(backwards.status, 400);
    assert!(
        backwards.body.contains("پایان بازه پیش از آغاز آن است"),
        "{}",
        backwards.body
    );
    let format = expert.get("/groups/export?format=pdf").await;
    assert_eq!(format.status, 400);
    assert!(
        format.body.contains("قالب فایل باید CSV"),
        "{}",
        format.body
    );
    let date = expert.get("/business/export?from=1405/13/01").await;
    assert_eq!(date.status, 400, "{}", date.body);
    let pr = app.logged_in("q.pr", "public_relations", "ir.qazvin").await;
    assert_eq!(pr.get("/groups/export").await.status, 403);
}

async fn a_roster_masks_contacts_by_role_and_is_audited(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let w = world(&app).await;
    let expert = app
        .logged_in("t.expert", "county_expert", "ir.qazvin.takestan")
        .await;
    let page = expert.get(&format!("/groups/{}", w.nakhl)).await;
    assert!(
        page.body
            .contains(&format!("/groups/{}/roster?format=csv", w.nakhl)),
        "the link is on the group's page: {}",
        page.body
    );
    let roster = lines(
        &expert
            .get(&format!("/groups/{}/roster?format=csv", w.nakhl))
            .await,
    );
    assert_eq!(
        roster[0],
        "نام,نام خانوادگی,کد ملی,شمارهٔ همراه,نقش در گروه,تاریخ پیوستن,تاریخ خروج"
    );
    assert_eq!(roster.len(), 3, "{roster:?}");
    assert!(
        roster.contains(&"مریم,صادقی,0020000014,09121110001,عضو,1405/02/01,".to_owned()),
        "{roster:?}"
    );

    let facilitator = app
        .logged_in("t.facilitator", "facilitator", "ir.qazvin.takestan")
        .await;
    let masked = facilitator
        .get(&format!("/groups/{}/roster?format=csv", w.nakhl))
        .await;
    let masked_lines = lines(&masked);
    assert_eq!(masked_lines.len(), 3);
    for (national_id, _, mobile) in [MARYAM, ZAHRA] {
        assert!(!masked.body.contains(national_id), "{}", masked.body);
        assert!(!masked.body.contains(mobile), "{}", masked.body);
    }
    assert!(masked.body.contains("مریم"), "names stay: {}", masked.body);
    assert!(is_xlsx(
        &facilitator
            .get(&format!("/groups/{}/roster", w.nakhl))
            .await
    ));

    // Three exports, three rows on the trail, each naming both women.
    let pool = app.db.store.pool();
    let rows: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'group.export_roster' \
         AND entity_id = $1",
    )
    .bind(w.nakhl.to_string())
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(rows, 3);
    let subjects: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_subjects AS s JOIN audit_log AS a \
         ON a.seq = s.seq WHERE a.action = 'group.export_roster' AND s.entity_kind = 'woman'",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(subjects, 6);
}

async fn the_women_list_narrows_to_a_group(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let w = world(&app).await;
    let provincial = app
        .logged_in("q.expert", "provincial_expert", "ir.qazvin")
        .await;
    let all = provincial.get("/women").await;
    assert!(all.body.contains("name=\"group\""), "{}", all.body);
    assert!(all.body.contains("سیمین") && all.body.contains("مریم"));
    let nakhl = provincial.get(&format!("/women?group={}", w.nakhl)).await;
    assert_eq!(nakhl.status, 200);
    assert!(
        nakhl.body.contains("مریم") && nakhl.body.contains("زهرا"),
        "{}",
        nakhl.body
    );
    assert!(!nakhl.body.contains("سیمین"), "{}", nakhl.body);
    assert!(
        nakhl
            .body
            .contains(&format!("<option value=\"{}\" selected>", w.nakhl)),
        "{}",
        nakhl.body
    );
    // Takestan's expert asking for Abyek's group finds nobody.
    let expert = app
        .logged_in("t.expert", "county_expert", "ir.qazvin.takestan")
        .await;
    let other = expert.get(&format!("/women?group={}", w.bid)).await;
    assert_eq!(other.status, 200);
    assert!(!other.body.contains("سیمین") && !other.body.contains("مریم"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_the_exports_hold_the_pages_filters_and_the_readers_county() {
    the_exports_hold_the_pages_filters_and_the_readers_county(TestDatabase::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_the_exports_hold_the_pages_filters_and_the_readers_county() {
    if let Some(db) = TestDatabase::postgres().await {
        the_exports_hold_the_pages_filters_and_the_readers_county(db).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_roster_masks_contacts_by_role_and_is_audited() {
    a_roster_masks_contacts_by_role_and_is_audited(TestDatabase::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_roster_masks_contacts_by_role_and_is_audited() {
    if let Some(db) = TestDatabase::postgres().await {
        a_roster_masks_contacts_by_role_and_is_audited(db).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_the_women_list_narrows_to_a_group() {
    the_women_list_narrows_to_a_group(TestDatabase::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_the_women_list_narrows_to_a_group() {
    if let Some(db) = TestDatabase::postgres().await {
        the_women_list_narrows_to_a_group(db).await;
    }
}
