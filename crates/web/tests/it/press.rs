//! In-process HTTP test of the press summary page: over the press world of
//! `hamyar_testkit::press`, public relations finds «خلاصهٔ خبری» in the menu and sees the
//! paragraph in Persian digits with the figures table, and no name of a woman or a group; a
//! national expert picks the province; a social worker is not offered the page.

use hamyar_testkit::press::press_world;
use hamyar_webtest::TestApp;

#[tokio::test]
async fn public_relations_sees_the_paragraph_in_persian_digits_and_no_names() {
    let app = TestApp::spawn().await;
    let world = press_world(&app.app).await;
    let press = app
        .logged_in("q.press", "public_relations", "ir.qazvin")
        .await;
    let page = press.get("/reports/summary?year=۱۴۰۵").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    assert!(body.contains("href=\"/reports/summary\""), "{body}");
    assert!(body.contains("خلاصهٔ خبری"), "{body}");
    assert!(
        body.contains(
            "در استان قزوین یک گروه همیار زنان سرپرست خانوار با ۳ عضو فعالیت می‌کند. \
             ادارهٔ کل بهزیستی استان قزوین امسال مبلغ ۷۴۳ میلیون ریال برای آموزش، آماده‌سازی شغلی و تقویت \
             گروه‌های همیار هزینه کرده است."
        ),
        "{body}"
    );
    assert!(body.contains("۷۴۳٬۰۰۰٬۰۰۰"), "{body}");
    assert!(body.contains("۱۴۰۵/۰۹/۰۸"), "{body}");
    for name in ["نخل", "سرو", "مریم", "زهرا", "رضایی"] {
        assert!(!body.contains(name), "{name} on the page: {body}");
    }

    let xlsx = press
        .get(&format!(
            "/reports/summary/download.xlsx?year=1405&province={}",
            world.qazvin
        ))
        .await;
    assert_eq!(xlsx.status, 200);
    assert_eq!(
        xlsx.header("content-type"),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );

    let national = app.logged_in("n.expert", "national_expert", "ir").await;
    let chosen = national
        .get(&format!(
            "/reports/summary?year=1405&province={}",
            world.qazvin
        ))
        .await;
    assert_eq!(chosen.status, 200, "{}", chosen.body);
    assert!(chosen.body.contains("۷۴۳ میلیون ریال"), "{}", chosen.body);

    let worker = app
        .logged_in("t.worker2", "social_worker", "ir.qazvin.takestan")
        .await;
    let home = worker.get("/").await;
    assert!(!home.body.contains("href=\"/reports/summary\""));
    let refused = worker.get("/reports/summary").await;
    assert_ne!(refused.status, 200, "{}", refused.body);
}
