//! The offline field app's server side (issue 21), through HTTP: a social worker opens
//! `/field` (the shell, with the kinds she may record and no inline script), makes her phone's
//! token with `POST /field/device` — refused without the CSRF header, answered once as JSON
//! with the token, its id, its expiry in 14 days and her kinds — which opens the API; wiping
//! the phone revokes it, and so does logging out, whose answer tells the browser to clear the
//! app's storage. A facilitator may record only fund meetings; public relations and an
//! auditor are refused the page and the token. The manifest and the service worker are public,
//! the worker allowed to control `/field` and listing the shell's fingerprinted assets.
//! On both engines.

use hamyar_app::AppError;
use hamyar_app::api_tokens::FIELD_DEVICE_NAME;
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_webtest::{Browser, Page, TestApp};
use serde_json::Value;

/// Posts to `path` as the field app's script does: no form, the CSRF token in its header.
async fn post_as_script(browser: &Browser, app: &TestApp, path: &str, csrf: Option<&str>) -> Page {
    let mut request = browser.client().post(format!("{}{path}", app.base_url));
    if let Some(token) = csrf {
        request = request.header("X-CSRF-Token", token);
    }
    Browser::read_response(request.send().await.expect("POST")).await
}

/// The CSRF token the field page carries for its script.
fn page_csrf(page: &Page) -> String {
    let marker = "data-csrf=\"";
    let start = page.body.find(marker).expect("data-csrf") + marker.len();
    let end = page.body[start..].find('"').expect("end") + start;
    page.body[start..end].to_owned()
}

async fn a_social_worker_prepares_a_phone_wipes_it_and_logs_out(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let worker = app
        .logged_in("f.worker", "social_worker", "ir.qazvin.abyek")
        .await;
    let page = worker.get("/field").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("کار میدانی"));
    assert!(
        page.body
            .contains("data-kinds=\"meeting visit fund_meeting\"")
    );
    assert!(
        page.body
            .contains("rel=\"manifest\" href=\"/field/manifest.webmanifest\"")
    );
    assert!(page.body.contains("/assets/js/field."), "the app's script");
    assert!(!page.body.contains("<script>"), "no inline script");
    let home = worker.get("/").await;
    assert!(home.body.contains("href=\"/field\""), "the menu offers it");
    let csrf = page_csrf(&page);

    let forged = post_as_script(&worker, &app, "/field/device", None).await;
    assert_eq!(forged.status, 403, "no CSRF token, no token");
    let made = post_as_script(&worker, &app, "/field/device", Some(&csrf)).await;
    assert_eq!(made.status, 200, "{}", made.body);
    assert_eq!(made.header("cache-control"), Some("no-store"));
    let answer: Value = serde_json::from_str(&made.body).expect("json");
    let secret = answer["token"].as_str().expect("token").to_owned();
    assert!(secret.starts_with("hmy_"));
    assert_eq!(
        answer["kinds"],
        serde_json::json!(["meeting", "visit", "fund_meeting"])
    );
    let caller = app
        .app
        .authenticate_api_token(&secret)
        .await
        .expect("opens");
    assert_eq!(answer["token_id"], caller.token_id.get());
    let tokens = app.app.api_tokens_of(&caller.actor).await.unwrap();
    assert!(
        tokens[0].name.starts_with(FIELD_DEVICE_NAME),
        "{}",
        tokens[0].name
    );
    assert_eq!(
        tokens[0]
            .expires_at
            .duration_since(tokens[0].created_at)
            .as_hours(),
        14 * 24
    );
    assert!(answer["expires_at"].as_str().unwrap().starts_with("20"));

    // Wiping the phone revokes its token.
    let path = format!("/field/device/{}/revoke", caller.token_id);
    let other = app
        .logged_in("f.other", "social_worker", "ir.qazvin.abyek")
        .await;
    let other_csrf = page_csrf(&other.get("/field").await);
    let foreign = post_as_script(&other, &app, &path, Some(&other_csrf)).await;
    assert_eq!(foreign.status, 404, "another person's phone is not hers");
    let revoked = post_as_script(&worker, &app, &path, Some(&csrf)).await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    assert!(matches!(
        app.app.authenticate_api_token(&secret).await,
        Err(AppError::Unauthenticated)
    ));

    // Logging out revokes the phone's token and clears the app's storage.
    let again = post_as_script(&worker, &app, "/field/device", Some(&csrf)).await;
    let second: Value = serde_json::from_str(&again.body).expect("json");
    let second = second["token"].as_str().unwrap().to_owned();
    app.app
        .authenticate_api_token(&second)
        .await
        .expect("opens");
    let out = worker.logout().await;
    assert_eq!(out.status, 303);
    assert_eq!(out.header("clear-site-data"), Some("\"storage\""));
    assert!(matches!(
        app.app.authenticate_api_token(&second).await,
        Err(AppError::Unauthenticated)
    ));
}

async fn only_those_who_record_in_the_field_get_the_app(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let facilitator = app
        .logged_in("f.facilitator", "facilitator", "ir.qazvin.abyek")
        .await;
    let page = facilitator.get("/field").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("data-kinds=\"fund_meeting\""));
    assert!(
        !page.body.contains("id=\"field-visit\""),
        "no visit form for her"
    );
    let made = post_as_script(&facilitator, &app, "/field/device", Some(&page_csrf(&page))).await;
    let answer: Value = serde_json::from_str(&made.body).expect("json");
    assert_eq!(answer["kinds"], serde_json::json!(["fund_meeting"]));

    for (username, role) in [("f.pr", "public_relations"), ("f.auditor", "auditor")] {
        let browser = app.logged_in(username, role, "ir.qazvin").await;
        assert_eq!(browser.get("/field").await.status, 403, "{role}");
        let home = browser.get("/").await;
        assert!(
            !home.body.contains("href=\"/field\""),
            "{role}: not in the menu"
        );
        let csrf = home.csrf_token().expect("token");
        let refused = post_as_script(&browser, &app, "/field/device", Some(&csrf)).await;
        assert_eq!(refused.status, 403, "{role}");
    }
}

async fn the_manifest_and_the_worker_are_public(db: TestDatabase) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let anonymous = app.browser();
    let manifest = anonymous.get("/field/manifest.webmanifest").await;
    assert_eq!(manifest.status, 200);
    assert_eq!(
        manifest.header("content-type"),
        Some("application/manifest+json")
    );
    let manifest: Value = serde_json::from_str(&manifest.body).expect("json");
    assert_eq!(manifest["name"], "همیار — کار میدانی");
    assert_eq!(
        (&manifest["dir"], &manifest["lang"], &manifest["start_url"]),
        (
            &Value::from("rtl"),
            &Value::from("fa"),
            &Value::from("/field")
        )
    );
    for icon in manifest["icons"].as_array().unwrap() {
        let png = anonymous.get(icon["src"].as_str().unwrap()).await;
        assert_eq!(png.status, 200);
        assert_eq!(png.header("content-type"), Some("image/png"));
    }
    let worker = anonymous.get("/field/sw.js").await;
    assert_eq!(worker.status, 200);
    assert_eq!(worker.header("service-worker-allowed"), Some("/field"));
    assert!(worker.body.starts_with("const SHELL = [\"/field\","));
    assert!(worker.body.contains("/assets/js/field."));
    assert!(
        worker.body.contains("'/api/'"),
        "API answers are not cached"
    );
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(super::TestDatabase::sqlite().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
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
    a_social_worker_prepares_a_phone_wipes_it_and_logs_out,
    only_those_who_record_in_the_field_get_the_app,
    the_manifest_and_the_worker_are_public,
);
