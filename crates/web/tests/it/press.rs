//! In-process HTTP test of the press summary page: over the press world of
//! `hamyar_testkit::press`, public relations finds «خلاصهٔ خبری» in the menu and sees the
//! paragraph in Persian digits (and in English) with the period, the groups' sales and jobs,
//! the attribution line and a copy button, the figures table, and no name of a woman or a
//! group; amounts follow the reader's chosen unit; a national expert picks the province; a
//! social worker is not offered the page.

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
            "در استان قزوین یک گروه همیار زنان سرپرست خانوار با سه عضو فعالیت می‌کند. \
             ادارهٔ کل بهزیستی استان قزوین از ابتدای فروردین تا ۸ آذر ۱۴۰۵ مبلغ ۷۴۳ میلیون ریال \
             برای آموزش، آماده‌سازی شغلی و تقویت گروه‌های همیار هزینه کرده است."
        ),
        "{body}"
    );
    for said in [
        "فروش گروه‌های همیار در این مدت به ۲۵۰ میلیون ریال رسیده",
        "برای چهار نفر شغل فراهم کرده است",
        "روابط عمومی ادارهٔ کل بهزیستی استان قزوین، ۸ آذر ۱۴۰۵",
        "from the start of Farvardin to 8 Azar 1405",
        "Public relations, State Welfare Organization of Qazvin Province, 8 Azar 1405",
        // The copy button: hidden until the page's script wires it, no inline script.
        "data-copy-target=\"press-paragraph\"",
        "رونوشت متن",
    ] {
        assert!(body.contains(said), "{said}: {body}");
    }
    assert!(!body.contains("onclick"), "{body}");
    assert!(
        body.contains("۲۵۰٬۰۰۰٬۰۰۰"),
        "the sales in the table: {body}"
    );
    assert!(body.contains("۷۴۳٬۰۰۰٬۰۰۰"), "{body}");
    assert!(body.contains("۱۴۰۵/۰۹/۰۸"), "{body}");
    // The year field shows the year in the reader's digits, like the budget page's.
    assert!(body.contains("name=\"year\" value=\"۱۴۰۵\""), "{body}");
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

    // Chosen tomans: the paragraph's amounts and the table's are in tomans.
    let saved = press
        .submit(
            "/account",
            "/account/preferences",
            &[("locale", "fa"), ("money_unit", "toman")],
        )
        .await;
    assert!(saved.status == 200 || saved.status == 303, "{}", saved.body);
    let tomans = press.get("/reports/summary?year=1405").await;
    assert!(
        tomans
            .body
            .contains("مبلغ ۷۴ میلیون و ۳۰۰ هزار تومان برای آموزش"),
        "{}",
        tomans.body
    );
    assert!(
        tomans.body.contains("به ۲۵ میلیون تومان رسیده"),
        "{}",
        tomans.body
    );
    assert!(
        tomans.body.contains("74.3 million tomans"),
        "{}",
        tomans.body
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
