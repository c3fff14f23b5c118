//! In-process HTTP test of the dashboard page over the press world of
//! `hamyar_testkit::press`: the provincial expert finds «داشبورد» in the menu and sees Qazvin's
//! counties with SVG charts, tables in Persian digits and counts linking to the group list;
//! public relations sees the same figures without a link to a list of people; a facilitator's
//! dashboard has no money; a bad year, a bad day or a span outside the year is named in
//! Persian with a 400; a place outside the scope is not found; the PDF report is served.

use hamyar_testkit::press::press_world;
use hamyar_webtest::TestApp;

#[tokio::test]
async fn the_dashboard_draws_charts_and_tables_for_each_reader_and_refuses_bad_spans() {
    let app = TestApp::spawn().await;
    let world = press_world(&app.app).await;
    let expert = app
        .logged_in("d.expert", "provincial_expert", "ir.qazvin")
        .await;
    let page = expert.get("/dashboard").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    assert!(body.contains("href=\"/dashboard\""), "the menu offers it");
    assert!(body.contains("داشبورد قزوین"), "{body}");
    assert!(body.matches("<svg class=\"chart\"").count() >= 6, "{body}");
    assert!(body.contains("تاکستان") && body.contains("آبیک"), "{body}");
    assert!(
        body.contains("۷۴۳٬۰۰۰٬۰۰۰"),
        "the headline spending: {body}"
    );
    assert!(
        body.contains("/groups?stage=active&#38;county="),
        "counts link to the group list: {body}"
    );
    for name in ["نخل", "سرو", "مریم", "رضایی"] {
        assert!(!body.contains(name), "{name} on a dashboard");
    }

    let press = app
        .logged_in("d.press", "public_relations", "ir.qazvin")
        .await;
    let pr = press.get("/dashboard").await;
    assert_eq!(pr.status, 200, "{}", pr.body);
    assert!(pr.body.contains("۷۴۳٬۰۰۰٬۰۰۰"));
    assert!(!pr.body.contains("href=\"/women"), "no list of women");
    assert!(!pr.body.contains("href=\"/groups"), "no list of groups");
    let pdf = press
        .get(&format!(
            "/reports/summary/report.pdf?year=1405&province={}",
            world.qazvin
        ))
        .await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));

    let facilitator = app
        .logged_in("d.facilitator", "facilitator", "ir.qazvin.takestan")
        .await;
    let own = facilitator.get("/dashboard").await;
    assert_eq!(own.status, 200, "{}", own.body);
    assert!(
        !own.body.contains("id=\"money\""),
        "no money for a facilitator"
    );
    let outside = facilitator
        .get(&format!("/dashboard?place={}", world.qazvin))
        .await;
    assert_eq!(outside.status, 404);

    for (query, message) in [
        ("year=abc", "سال مالی «abc» پذیرفتنی نیست"),
        ("year=۱۴۰۵&from=۱۴۰۴/۱۲/۰۱", "در سال مالی ۱۴۰۵ نیست"),
        (
            "year=1405&from=1405/05/01&to=1405/04/01",
            "پایان بازه پیش از آغاز آن است",
        ),
        ("year=1405&to=1405/13/01", "تا روز"),
    ] {
        let refused = expert.get(&format!("/dashboard?{query}")).await;
        assert_eq!(refused.status, 400, "{query}: {}", refused.body);
        assert!(refused.body.contains(message), "{query}: {}", refused.body);
        assert!(!refused.body.contains("<svg class=\"chart\""), "{query}");
    }
}

/// Issue 15: a headline figure says what it counts (a tap away), links to the list that
/// counts to it, and the page's figures download as the same numbers.
#[tokio::test]
async fn a_figure_carries_its_definition_its_list_and_its_file() {
    let app = TestApp::spawn().await;
    press_world(&app.app).await;
    let expert = app
        .logged_in("f.expert", "provincial_expert", "ir.qazvin")
        .await;
    let page = expert.get("/dashboard").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    let card = body
        .split("data-figure=\"groups.active\"")
        .nth(1)
        .and_then(|rest| rest.split("</div>").next())
        .expect("the active groups' card");
    assert!(card.contains("تعریف این رقم"), "{card}");
    assert!(
        card.contains("«فعال» یا «فعال‌شدهٔ دوباره»"),
        "its definition: {card}"
    );
    assert!(card.contains("stage=active,reactivated"), "{card}");
    let href = card
        .split("href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .replace("&#38;", "&")
        .replace("&amp;", "&");
    let list = expert.get(&href).await;
    assert_eq!(list.status, 200);
    // The press world has one active group in Takestan.
    assert!(list.body.contains("شمار گروه‌ها: ۱)"), "{}", list.body);

    let csv = expert.get("/dashboard/figures/csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("groups.active,"), "{}", csv.body);
    assert!(csv.body.contains("money.headline_spent,"), "{}", csv.body);
    let json = expert.get("/dashboard/figures/json?year=۱۴۰۵").await;
    assert_eq!(json.status, 200);
    let parsed: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    let active = parsed["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "groups.active")
        .unwrap();
    assert_eq!(active["value"], 1);
    assert_eq!(expert.get("/dashboard/figures/pdf").await.status, 404);
    assert_eq!(
        expert.get("/dashboard/figures/csv?year=abc").await.status,
        400
    );

    // Public relations downloads figures too, money included; a facilitator has no money.
    let pr = app.logged_in("f.pr", "public_relations", "ir.qazvin").await;
    let csv = pr.get("/dashboard/figures/csv").await;
    assert!(csv.body.contains("money.headline_spent,"), "{}", csv.body);
    let facilitator = app
        .logged_in("f.fac", "facilitator", "ir.qazvin.takestan")
        .await;
    let csv = facilitator.get("/dashboard/figures/csv").await;
    assert_eq!(csv.status, 200);
    assert!(!csv.body.contains("money."), "{}", csv.body);
}
