//! In-process HTTP test of the dashboard page over the press world of
//! `hamyar_testkit::press`: the provincial expert finds «داشبورد» in the menu and sees Qazvin's
//! counties with SVG charts, tables in Persian digits and counts linking to the group list;
//! public relations sees the same figures without a link to a list of people; a facilitator's
//! dashboard has no money; a bad year, a bad day or a span outside the year is named in
//! Persian with a 400; a place outside the scope is not found; the PDF report is served.

use hamyar_testkit::TestApp;
use hamyar_testkit::press::press_world;

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
