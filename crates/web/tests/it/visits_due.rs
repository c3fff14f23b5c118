//! In-process HTTP test of the visits-due list (`/visits/due`) as a provincial expert of
//! Qazvin reads it on 1405/09/08: lines by urgency (everything overdue before what is only
//! due: the follow-up most overdue first, then the groups longest without a visit, then the
//! one due soonest), the days overdue shown, 50 lines
//! a page with the total, an ended group's follow-up left out, and the list's three counts
//! equal to the dashboard's "today" figures for the same place. Groups are written with plain
//! SQL (with the `registered_on`/`ended_on` the groups adapter keeps from the stage history),
//! visits through the use-case, so answering and closing run as in the app.

use hamyar_app::Actor;
use hamyar_app::ports::groups::GroupId;
use hamyar_domain::group_life::VisitInput;
use hamyar_webtest::{Browser, TestApp};

async fn group(test: &TestApp, code: &str, registered_on: &str, ended_on: Option<&str>) -> i64 {
    let tree = test.app.place_tree().await.unwrap();
    let (province, county) = (
        tree.by_code("ir.qazvin").unwrap().id,
        tree.by_code("ir.qazvin.takestan").unwrap().id,
    );
    sqlx::query_scalar(
        "INSERT INTO hamyar_groups (code, name, name_key, province_id, county_id, locality, \
         business_field, business_field_other, premises, premises_address, stage, notes, \
         created_at, updated_at, registered_on, ended_on) VALUES ($1, $2, $2, $3, $4, \
         'تاکستان', 'tailoring', '', 'home', '', $5, '', '2026-01-01T00:00:00.000Z', \
         '2026-01-01T00:00:00.000Z', $6, $7) RETURNING id",
    )
    .bind(code)
    .bind(format!("گروه {code}"))
    .bind(province)
    .bind(county)
    .bind(if ended_on.is_some() {
        "dissolved"
    } else {
        "active"
    })
    .bind(registered_on)
    .bind(ended_on)
    .fetch_one(test.db.store.pool())
    .await
    .unwrap()
}

async fn visit(test: &TestApp, actor: &Actor, group: GroupId, on: &str, due: &str) {
    let input = VisitInput {
        visited_on: on.into(),
        purpose: "پایش".into(),
        follow_up_due: due.into(),
        ..VisitInput::default()
    };
    test.app.record_visit(actor, group, &input).await.unwrap();
}

/// The group ids of the list's lines, in order.
fn lines(body: &str) -> Vec<i64> {
    body.split("<tr data-group=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
        .collect()
}

fn figure(body: &str, id: &str) -> String {
    let start = format!("id=\"{id}\">");
    let from = body.find(&start).unwrap_or_else(|| panic!("no {id}")) + start.len();
    body[from..].split('<').next().unwrap().to_owned()
}

async fn expert(test: &TestApp) -> (Browser, Actor) {
    let browser = test
        .logged_in("qz.expert", "provincial_expert", "ir.qazvin")
        .await;
    let actor = test
        .app
        .user_by_username("qz.expert")
        .await
        .unwrap()
        .unwrap()
        .actor();
    (browser, actor)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_due_list_is_sorted_by_urgency_paged_and_counted_as_the_dashboard() {
    let test = TestApp::spawn().await;
    let (browser, actor) = expert(&test).await;
    // 53 groups registered on successive days of early 1404/10 and never visited.
    let mut never_visited = Vec::new();
    for n in 0..53 {
        let day = format!("2026-01-{:02}", 1 + n % 28);
        let month_later = format!("2026-02-{:02}", 1 + n % 28);
        let registered = if n < 28 { day } else { month_later };
        never_visited.push(group(&test, &format!("N-{n:02}"), &registered, None).await);
    }
    let overdue_7 = group(&test, "F-1", "2026-01-01", None).await;
    let overdue_18 = group(&test, "F-2", "2026-01-01", None).await;
    let due_in_4 = group(&test, "F-3", "2026-01-01", None).await;
    let ended = group(&test, "F-4", "2026-01-01", Some("2026-11-20")).await;
    visit(
        &test,
        &actor,
        hamyar_app::ports::groups::GroupId::new(overdue_7),
        "1405/08/01",
        "1405/09/01",
    )
    .await;
    visit(
        &test,
        &actor,
        hamyar_app::ports::groups::GroupId::new(overdue_18),
        "1405/07/20",
        "1405/08/20",
    )
    .await;
    visit(
        &test,
        &actor,
        hamyar_app::ports::groups::GroupId::new(due_in_4),
        "1405/09/02",
        "1405/09/12",
    )
    .await;
    visit(
        &test,
        &actor,
        hamyar_app::ports::groups::GroupId::new(ended),
        "1405/07/01",
        "1405/07/15",
    )
    .await;
    // Answered by a later visit the same group had: not owed any more.
    let answered = group(&test, "F-5", "2026-01-01", None).await;
    visit(
        &test,
        &actor,
        hamyar_app::ports::groups::GroupId::new(answered),
        "1405/07/01",
        "1405/07/10",
    )
    .await;
    visit(
        &test,
        &actor,
        hamyar_app::ports::groups::GroupId::new(answered),
        "1405/08/25",
        "",
    )
    .await;

    let page = browser.get("/visits/due").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    assert_eq!(figure(body, "overdue-count"), "۲");
    assert_eq!(figure(body, "due-count"), "۱");
    assert_eq!(figure(body, "owed-count"), "۵۳");
    assert!(body.contains("۵۶ مورد · صفحهٔ ۱ از ۲"), "{body}");
    let first = lines(body);
    assert_eq!(first.len(), 50);
    assert_eq!(first[..2], [overdue_18, overdue_7]);
    assert_eq!(
        first[2..],
        never_visited[..48],
        "then the groups longest without a visit, by registration: overdue too, so before \
         the follow-up that is only due"
    );
    assert!(body.contains("۱۸ روز گذشته") && body.contains("۷ روز گذشته"));
    assert!(!first.contains(&ended) && !first.contains(&answered));
    assert!(body.contains("href=\"/visits/due?page=2\""), "{body}");
    assert!(body.contains("گروه‌های زیر پیگیری که از آخرین بازدیدشان"));

    let second = browser.get("/visits/due?page=۲").await;
    let mut rest = never_visited[48..].to_vec();
    rest.push(due_in_4);
    assert_eq!(lines(&second.body), rest, "what is only due comes last");
    assert!(second.body.contains("۴ روز مانده"));
    assert!(second.body.contains("href=\"/visits/due?page=1\""));
    assert_eq!(
        figure(&second.body, "overdue-count"),
        "۲",
        "counts on every page"
    );

    // The dashboard of the same place on the same day says the same.
    let dashboard = browser.get("/dashboard").await;
    assert_eq!(dashboard.status, 200);
    let province = test
        .app
        .place_tree()
        .await
        .unwrap()
        .by_code("ir.qazvin")
        .unwrap()
        .id;
    let link = format!("/visits/due?province={province}\"");
    let linked: Vec<&str> = dashboard
        .body
        .match_indices(&link)
        .map(|(at, _)| &dashboard.body[at..])
        .map(|rest| rest.split('>').nth(1).unwrap().split('<').next().unwrap())
        .collect();
    assert_eq!(linked, ["۲", "۵۳"]);
    assert!(
        dashboard
            .body
            .contains("data-figure=\"visits.follow_ups_overdue\"")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_province_or_county_is_not_found() {
    let test = TestApp::spawn().await;
    let (browser, _) = expert(&test).await;
    let tree = test.app.place_tree().await.unwrap();
    let tehran = tree.by_code("ir.tehran").unwrap().id;
    assert_eq!(
        browser
            .get(&format!("/visits/due?province={tehran}"))
            .await
            .status,
        404
    );
    let abyek = tree.by_code("ir.qazvin.abyek").unwrap().id;
    let takestan = tree.by_code("ir.qazvin.takestan").unwrap().id;
    let county = test
        .logged_in("ab.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    assert_eq!(
        county
            .get(&format!("/visits/due?county={abyek}"))
            .await
            .status,
        200
    );
    assert_eq!(
        county
            .get(&format!("/visits/due?county={takestan}"))
            .await
            .status,
        404
    );
}
