//! In-process HTTP tests: a real server on a random port, driven like a browser. Each test
//! reads as a sentence about what a person can or cannot do.

use hamyar_testkit::PASSWORD;
use hamyar_webtest::TestApp;

#[tokio::test]
async fn the_setup_link_creates_the_first_administrator_exactly_once() {
    let app = TestApp::spawn().await;
    let token = app
        .app
        .issue_setup_token()
        .await
        .unwrap()
        .expect("no users yet, so a token");
    let browser = app.browser();
    let setup = browser.get(&format!("/setup/{token}")).await;
    assert_eq!(setup.status, 200);
    assert!(setup.body.contains("name=\"password_confirm\""));

    let weak = browser
        .submit(
            &format!("/setup/{token}"),
            &format!("/setup/{token}"),
            &[
                ("username", "admin"),
                ("display_name", "مدیر"),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(weak.status, 422);
    assert!(
        weak.body.contains("گذرواژه باید دست‌کم ۱۰ نویسه باشد"),
        "{}",
        weak.body
    );
    assert!(
        !app.app.has_users().await.unwrap(),
        "nothing is written on bad input"
    );

    let fields = [
        ("username", "admin"),
        ("display_name", "مدیر سامانه"),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ];
    let created = browser
        .submit(
            &format!("/setup/{token}"),
            &format!("/setup/{token}"),
            &fields,
        )
        .await;
    assert_eq!(created.status, 303);
    assert!(created.location().unwrap().starts_with("/login"));
    assert_eq!(
        browser.get(&format!("/setup/{token}")).await.status,
        404,
        "the link works once"
    );
    assert_eq!(
        app.app.issue_setup_token().await.unwrap(),
        None,
        "no new link once a user exists"
    );

    let login = browser.login("admin", PASSWORD).await;
    assert_eq!(login.status, 303);
    assert_eq!(login.location(), Some("/"));
}

#[tokio::test]
async fn the_dashboard_is_persian_right_to_left_with_todays_jalali_date() {
    let app = TestApp::spawn().await;
    let browser = app.logged_in("admin", "system_admin", "ir").await;
    let home = browser.get("/").await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains(r#"<html lang="fa" dir="rtl">"#));
    // The test clock stands at 2026-11-29 10:00 in Tehran: Sunday 8 Azar 1405.
    assert!(
        home.body.contains(r#"id="today">یکشنبه ۸ آذر ۱۴۰۵<"#),
        "{}",
        home.body
    );
    assert!(home.body.contains(&hamyar_web::assets::url("css/app.css")));
    assert!(
        !home.body.contains("http://") && !home.body.contains("https://"),
        "no outside addresses"
    );
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    let page = app.browser().get("/login").await;
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("script-src 'self'")
            && !csp.contains("unsafe-inline")
            && csp.contains("frame-ancestors 'none'")
    );
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    let cookie = page.header("set-cookie").unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
}

#[tokio::test]
async fn a_post_without_the_csrf_token_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.logged_in("admin", "system_admin", "ir").await;
    let fields = [
        ("username", "sneaky"),
        ("display_name", "x"),
        ("role", "auditor"),
        ("scope_place_id", "1"),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ];
    let refused = admin.post_raw("/users", &fields).await;
    assert_eq!(refused.status, 403);
    assert!(
        refused.body.contains("dir=\"rtl\""),
        "the refusal is a Persian page"
    );
    assert!(app.app.user_by_username("sneaky").await.unwrap().is_none());
}

#[tokio::test]
async fn a_county_expert_for_abyek_sees_only_abyek() {
    let app = TestApp::spawn().await;
    let expert = app
        .logged_in("abyek.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let places = expert.get("/places").await;
    assert_eq!(places.status, 200);
    assert!(places.body.contains("آبیک"));
    for other in ["تاکستان", "آوج", "تهران", "اصفهان"] {
        assert!(!places.body.contains(other), "{other} must not be visible");
    }
    let tree = app.app.place_tree().await.unwrap();
    let takestan = tree.by_code("ir.qazvin.takestan").unwrap().id;
    assert_eq!(expert.get(&format!("/places/{takestan}")).await.status, 404);
    assert_eq!(expert.get("/users").await.status, 403);
    assert_eq!(expert.get("/audit").await.status, 403);
    let home = expert.get("/").await;
    assert!(home.body.contains("آبیک (قزوین)"));
}

#[tokio::test]
async fn an_administrator_adds_a_county_expert_through_the_form() {
    let app = TestApp::spawn().await;
    let admin = app.logged_in("admin", "system_admin", "ir").await;
    let abyek = app
        .app
        .place_tree()
        .await
        .unwrap()
        .by_code("ir.qazvin.abyek")
        .unwrap()
        .id
        .to_string();
    let wrong_level = [
        ("username", "s.ahmadi"),
        ("display_name", "سارا احمدی"),
        ("role", "county_expert"),
        ("scope_place_id", "1"),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ];
    let refused = admin.submit("/users/new", "/users", &wrong_level).await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("این نقش باید در سطح یک شهرستان باشد"));
    assert!(
        app.app
            .user_by_username("s.ahmadi")
            .await
            .unwrap()
            .is_none()
    );

    let fields = [
        ("username", "S.Ahmadi"),
        ("display_name", "سارا احمدی"),
        ("role", "county_expert"),
        ("scope_place_id", abyek.as_str()),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
    ];
    let created = admin.submit("/users/new", "/users", &fields).await;
    assert_eq!(created.status, 303, "{}", created.body);
    let user = app
        .app
        .user_by_username("s.ahmadi")
        .await
        .unwrap()
        .expect("created, username folded to lowercase");
    assert_eq!(user.role.as_str(), "county_expert");

    let duplicate = admin.submit("/users/new", "/users", &fields).await;
    assert_eq!(duplicate.status, 422);
    assert!(
        duplicate
            .body
            .contains("این نام کاربری پیش‌تر گرفته شده است")
    );
}

#[tokio::test]
async fn repeated_wrong_passwords_make_that_browser_wait_a_while() {
    let app = TestApp::spawn().await;
    app.create_user("sara", "auditor", "ir").await;
    let browser = app.browser();
    for _ in 0..5 {
        assert_eq!(browser.login("sara", "wrong-password!").await.status, 401);
    }
    let locked = browser.login("sara", PASSWORD).await;
    assert_eq!(locked.status, 429);
    assert!(locked.body.contains("۳۰ ثانیه دیگر دوباره تلاش کنید"));
    app.clock.advance(jiff::SignedDuration::from_mins(16));
    assert_eq!(browser.login("sara", PASSWORD).await.status, 303);
}

#[tokio::test]
async fn an_idle_session_expires_and_logout_makes_the_cookie_worthless() {
    let app = TestApp::spawn().await;
    let browser = app.logged_in("admin", "system_admin", "ir").await;
    assert_eq!(browser.get("/").await.status, 200);
    app.clock.advance(jiff::SignedDuration::from_mins(31));
    let expired = browser.get("/").await;
    assert_eq!(expired.status, 303);
    assert_eq!(expired.location(), Some("/login?expired=1"));

    assert_eq!(browser.login("admin", PASSWORD).await.status, 303);
    let home = browser.get("/").await;
    let token = home.csrf_token().unwrap();
    let out = browser
        .post_raw("/logout", &[("csrf", token.as_str())])
        .await;
    assert_eq!(out.status, 303);
    assert_eq!(browser.get("/").await.status, 303, "logged out");
}

#[tokio::test]
async fn each_login_issues_a_new_session_cookie() {
    let app = TestApp::spawn().await;
    app.create_user("admin", "system_admin", "ir").await;
    let first = app.browser().login("admin", PASSWORD).await;
    let second = app.browser().login("admin", PASSWORD).await;
    let cookie = |page: &hamyar_webtest::Page| {
        page.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("hamyar_session="))
            .map(str::to_owned)
            .unwrap()
    };
    assert_ne!(cookie(&first), cookie(&second));
}

#[tokio::test]
async fn a_place_is_renamed_from_a_jalali_date_typed_in_persian_digits() {
    let app = TestApp::spawn().await;
    let admin = app.logged_in("admin", "system_admin", "ir").await;
    let avaj = app
        .app
        .place_tree()
        .await
        .unwrap()
        .by_code("ir.qazvin.avaj")
        .unwrap()
        .id;
    let path = format!("/places/{avaj}");
    let bad = admin
        .submit(
            &path,
            &format!("{path}/rename"),
            &[
                ("name_fa", "آوج نو"),
                ("name_en", "New Avaj"),
                ("valid_from", "۱۴۰۵/۱۳/۰۱"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("field-error"));
    let good = admin
        .submit(
            &path,
            &format!("{path}/rename"),
            &[
                ("name_fa", "آوج نو"),
                ("name_en", "New Avaj"),
                ("valid_from", "۱۴۰۵/۰۹/۰۱"),
            ],
        )
        .await;
    assert_eq!(good.status, 303, "{}", good.body);
    let page = admin.get(&path).await;
    assert!(page.body.contains("آوج نو") && page.body.contains("۱۴۰۵/۰۹/۰۱"));
    let audit = admin.get("/audit?action=place.rename").await;
    assert!(audit.body.contains("place.rename"));
}

#[tokio::test]
async fn the_auditor_browses_the_trail_and_sees_only_their_province() {
    let app = TestApp::spawn().await;
    app.create_user("tehran.expert", "provincial_expert", "ir.tehran")
        .await;
    app.create_user("qazvin.expert", "provincial_expert", "ir.qazvin")
        .await;
    let auditor = app
        .logged_in("qazvin.auditor", "auditor", "ir.qazvin")
        .await;
    let page = auditor.get("/audit?action=user.create").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("user.create"));
    assert!(page.body.contains("قزوین"));
    assert!(
        !page.body.contains("تهران"),
        "rows of another province are not shown"
    );
    let bad_date = auditor.get("/audit?from=1405/02/40").await;
    assert!(bad_date.body.contains("field-error"));
}

#[tokio::test]
async fn the_interface_switches_to_english_and_back() {
    let app = TestApp::spawn().await;
    let browser = app.logged_in("admin", "system_admin", "ir").await;
    let home = browser.get("/").await;
    let token = home.csrf_token().unwrap();
    assert_eq!(
        browser
            .post_raw("/lang", &[("csrf", token.as_str()), ("lang", "en")])
            .await
            .status,
        303
    );
    let english = browser.get("/").await;
    assert!(english.body.contains(r#"<html lang="en" dir="ltr">"#));
    assert!(english.body.contains("Sunday 8 Azar 1405"));
    // The menu names the home page and the dashboard differently, and the date fields'
    // examples are in the reader's digits.
    assert!(english.body.contains(">Today<"), "{}", english.body);
    for path in ["/dashboard", "/audit"] {
        let page = browser.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(
            !page.body.contains("placeholder=\"۱۴۰۵"),
            "{path} shows Persian digits to an English reader"
        );
        assert!(page.body.contains("placeholder=\"1405/"), "{path}");
    }
}

#[tokio::test]
async fn unknown_pages_get_a_persian_not_found_page() {
    let app = TestApp::spawn().await;
    let page = app.browser().get("/no/such/page").await;
    assert_eq!(page.status, 404);
    assert!(page.body.contains("صفحه‌ای که می‌خواهید پیدا نشد"));
}

#[tokio::test]
async fn metrics_are_closed_without_a_token_and_open_with_it() {
    let db = hamyar_testkit::testing::TestDatabase::sqlite().await;
    let settings = hamyar_web::WebSettings {
        metrics_token: Some("metrics-token-for-tests".into()),
        ..Default::default()
    };
    let app = TestApp::spawn_on(db, settings).await;
    let browser = app.browser();
    assert_eq!(browser.get("/metrics").await.status, 404);
    let response = reqwest::Client::new()
        .get(format!("{}/metrics", app.base_url))
        .bearer_auth("metrics-token-for-tests")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("hamyar_http_requests_total")
    );
}

#[tokio::test]
async fn a_user_changes_their_password_and_must_log_in_again() {
    let app = TestApp::spawn().await;
    let browser = app.logged_in("sara", "auditor", "ir").await;
    let wrong = browser
        .submit(
            "/account",
            "/account/password",
            &[
                ("current_password", "nope-nope-nope"),
                ("new_password", "Another-Passw0rd-1405"),
                ("new_password_confirm", "Another-Passw0rd-1405"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("گذرواژه‌ی کنونی درست نیست"));
    let changed = browser
        .submit(
            "/account",
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "Another-Passw0rd-1405"),
                ("new_password_confirm", "Another-Passw0rd-1405"),
            ],
        )
        .await;
    assert_eq!(changed.status, 303);
    assert_eq!(browser.get("/").await.status, 303, "the old session ended");
    assert_eq!(
        browser.login("sara", "Another-Passw0rd-1405").await.status,
        303
    );
}

#[tokio::test]
async fn embedded_assets_are_served_from_the_binary() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let css = browser.get("/assets/css/app.css").await;
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    assert_eq!(
        browser
            .get("/assets/fonts/Vazirmatn-Regular.woff2")
            .await
            .status,
        200
    );
    assert_eq!(browser.get("/assets/js/htmx.min.js").await.status, 200);
}

/// Pages travel gzipped, and the CSRF token they carry is masked afresh on each of them, so
/// the compressed size of a page says nothing about it (BREACH); a masked token still posts.
#[tokio::test]
async fn pages_are_compressed_and_their_token_is_masked_on_each() {
    let app = TestApp::spawn().await;
    let browser = app.logged_in("admin", "system_admin", "ir").await;
    let first = browser.get("/account").await;
    let second = browser.get("/account").await;
    let (one, two) = (first.csrf_token().unwrap(), second.csrf_token().unwrap());
    assert!(one.starts_with("m.") && two.starts_with("m."));
    assert_ne!(one, two, "a fresh mask on every page");
    let token = hamyar_web::csrf::unmask(&one).unwrap();
    assert_eq!(
        hamyar_web::csrf::unmask(&two).unwrap(),
        token,
        "one token, two masks"
    );
    let token = String::from_utf8(token).unwrap();
    assert!(
        !first.body.contains(&token) && !second.body.contains(&token),
        "the plain token never appears in a page"
    );
    let switched = browser
        .post_raw("/lang", &[("csrf", one.as_str()), ("lang", "en")])
        .await;
    assert_eq!(
        switched.status, 303,
        "an older page's masked token still posts"
    );

    let gzipped = reqwest::Client::new()
        .get(format!("{}/login", app.base_url))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(gzipped.status(), 200);
    assert_eq!(gzipped.headers()["content-encoding"], "gzip");
    let body = gzipped.bytes().await.unwrap();
    assert_eq!(&body[..2], &[0x1f, 0x8b], "a gzip stream");
}

/// Assets travel once to a phone on a slow line: pages link fingerprinted names that may be
/// kept a year, the stylesheet links the fonts the same way, text travels gzipped, and the
/// plain names revalidate with an ETag.
#[tokio::test]
async fn assets_are_fingerprinted_cached_for_good_and_sent_compressed() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    let fetch = |path: String, headers: Vec<(&'static str, String)>| {
        let mut request = client.get(format!("{}{path}", app.base_url));
        for (name, value) in headers {
            request = request.header(name, value);
        }
        request.send()
    };
    let css_url = hamyar_web::assets::url("css/app.css");
    assert!(css_url.starts_with("/assets/css/app.") && css_url != "/assets/css/app.css");
    let plain = fetch(css_url.clone(), vec![]).await.unwrap();
    assert_eq!(plain.status(), 200);
    assert_eq!(
        plain.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(plain.headers().get("content-encoding").is_none());
    let css = plain.text().await.unwrap();
    let font_url = hamyar_web::assets::url("fonts/Vazirmatn-Regular.woff2");
    assert!(css.contains(&font_url), "the stylesheet links {font_url}");
    let font = fetch(font_url, vec![]).await.unwrap();
    assert_eq!(font.status(), 200);
    assert_eq!(
        font.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );

    let gzipped = fetch(css_url, vec![("accept-encoding", "gzip".into())])
        .await
        .unwrap();
    assert_eq!(gzipped.headers()["content-encoding"], "gzip");
    assert_eq!(gzipped.headers()["vary"], "Accept-Encoding");
    let body = gzipped.bytes().await.unwrap();
    assert_eq!(&body[..2], &[0x1f, 0x8b], "a gzip stream");
    assert!(
        body.len() * 3 < css.len(),
        "{} of {} bytes",
        body.len(),
        css.len()
    );

    let by_plain_name = fetch("/assets/js/app.js".into(), vec![]).await.unwrap();
    assert_eq!(
        by_plain_name.headers()["cache-control"],
        "public, max-age=3600"
    );
    let etag = by_plain_name.headers()["etag"].to_str().unwrap().to_owned();
    let again = fetch("/assets/js/app.js".into(), vec![("if-none-match", etag)])
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
}
