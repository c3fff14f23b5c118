//! In-process HTTP tests of the facility history on a woman's file and of the province's
//! double-support window on the group settings page: a social worker declares a relief
//! committee loan and sees it listed in Persian; a bad amount is explained in Persian under
//! the field, echoed back, and writes nothing; a provincial expert sets the window, and a
//! window out of range is refused.

use hamyar_app::Actor;
use hamyar_app::audit::AuditQuery;
use hamyar_app::ports::registry::WomanId;
use hamyar_webtest::{Browser, TestApp};

const NID_ZAHRA: &str = "0013542419";

async fn place_id(app: &TestApp, code: &str) -> String {
    let tree = app.app.place_tree().await.unwrap();
    tree.by_code(code).unwrap().id.to_string()
}

/// How many times her history was shown, as the audit trail counts it.
async fn history_showings(app: &TestApp, woman_id: WomanId) -> usize {
    app.app
        .browse_audit(
            &Actor::console(),
            &AuditQuery {
                action: Some("woman.view_facilities".into()),
                entity_kind: Some("woman".into()),
                entity_id: Some(woman_id.to_string()),
                page_size: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .len()
}

/// Registers a woman and returns her file's path.
async fn register(browser: &Browser, county: &str) -> String {
    let page = browser
        .submit(
            "/women/new",
            "/women",
            &[
                ("national_id", NID_ZAHRA),
                ("first_name", "زهرا"),
                ("last_name", "رحیمی"),
                ("birth_date", "1360/01/01"),
                ("county", county),
                ("settlement", "urban"),
                ("headship_cause", "widow"),
            ],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    page.location()
        .unwrap()
        .split_once('?')
        .unwrap()
        .0
        .to_owned()
}

#[tokio::test]
async fn a_declared_loan_is_listed_on_her_file_and_a_bad_amount_writes_nothing() {
    let app = TestApp::spawn().await;
    let takestan = place_id(&app, "ir.qazvin.takestan").await;
    let worker = app
        .logged_in("tk.worker", "social_worker", "ir.qazvin.takestan")
        .await;
    let file = register(&worker, &takestan).await;
    let woman_id: WomanId = file.trim_start_matches("/women/").parse().unwrap();
    let action = format!("{file}/facilities");

    let empty = worker.get(&file).await;
    assert_eq!(empty.status, 200);
    assert!(empty.body.contains("سوابق تسهیلات و کمک‌ها"));
    assert!(
        empty
            .body
            .contains("هیچ کمک یا تسهیلاتی برای او ثبت نشده است.")
    );
    assert_eq!(
        history_showings(&app, woman_id).await,
        1,
        "opening her file"
    );

    let refused = worker
        .submit(
            &file,
            &action,
            &[
                ("body", "relief_committee"),
                ("kind", "loan"),
                ("amount", "۱۲الف"),
                ("granted_on", "۱۴۰۵/۰۳/۱۰"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("مبلغ فقط می‌تواند شامل رقم، جداکنندهٔ هزارگان و علامت منفی در ابتدا باشد"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"۱۲الف\""),
        "the amount is echoed"
    );
    assert_eq!(
        history_showings(&app, woman_id).await,
        2,
        "the form's page was opened once more before posting; redrawing it is no new showing"
    );
    let history = app
        .app
        .facility_history(&Actor::console(), woman_id)
        .await
        .unwrap();
    assert!(history.is_empty(), "{history:?}");

    let saved = worker
        .submit(
            &file,
            &action,
            &[
                ("body", "relief_committee"),
                ("kind", "loan"),
                ("amount", "۵۰٬۰۰۰٬۰۰۰"),
                ("granted_on", "۱۴۰۵/۰۳/۱۰"),
                ("note", "وام اشتغال"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let location = saved.location().unwrap();
    assert_eq!(
        location,
        format!("{file}?done=facilities-declared#facilities")
    );
    let page = worker.get(location).await;
    assert!(page.body.contains("کمک اظهارشده در سوابق او ثبت شد."));
    assert!(page.body.contains("کمیته امداد امام خمینی"));
    assert!(page.body.contains("اظهارشده"));
    assert!(page.body.contains("وام اشتغال"));
    assert!(page.body.contains("۱۴۰۵/۰۳/۱۰"), "{}", page.body);
    assert!(
        page.body.contains("۵۰٬۰۰۰٬۰۰۰") || page.body.contains("۵٬۰۰۰٬۰۰۰"),
        "the amount in Persian digits in the user's unit"
    );
    assert!(!page.body.contains("هیچ کمک یا تسهیلاتی"));
    assert_eq!(
        app.app
            .facility_history(&Actor::console(), woman_id)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_provincial_expert_sets_the_double_support_window() {
    let app = TestApp::spawn().await;
    let qazvin = place_id(&app, "ir.qazvin").await;
    let expert = app
        .logged_in("qz.expert", "provincial_expert", "ir.qazvin")
        .await;
    let page = expert
        .get(&format!("/groups/settings?province={qazvin}"))
        .await;
    assert!(page.body.contains("پیشگیری از حمایت مضاعف"));
    assert!(page.body.contains("value=\"۱۲\""), "the default");

    let bad = expert
        .submit(
            "/groups/settings",
            "/groups/settings/double-support",
            &[("province", &qazvin), ("double_support_months", "۱۲۱")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(
        bad.body.contains("تعداد ماه‌ها باید عددی از ۱ تا ۱۲۰ باشد"),
        "{}",
        bad.body
    );
    let saved = expert
        .submit(
            "/groups/settings",
            "/groups/settings/double-support",
            &[("province", &qazvin), ("double_support_months", "۲۴")],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = expert.get(saved.location().unwrap()).await;
    assert!(page.body.contains("value=\"۲۴\""), "{}", page.body);
    assert!(page.body.contains("بازهٔ بررسی حمایت مضاعف استان ذخیره شد."));
}
