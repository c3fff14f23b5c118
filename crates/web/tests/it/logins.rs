//! Logins through HTTP as people and attackers make them: browsers on different machines
//! (different loopback addresses), behind one office NAT address, behind a reverse proxy, and
//! with or without the known-device cookie a browser earns by logging in once.

use std::net::{IpAddr, Ipv4Addr};

use hamyar_app::{Actor, AppSettings};
use hamyar_testkit::PASSWORD;
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_web::client::TrustedProxies;
use hamyar_webtest::{Browser, Page, TestApp};

fn at(c: u8, d: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, c, d))
}

/// Logs in once from `browser` (earning its device cookie) and out again.
async fn log_in_and_out(browser: &Browser, username: &str) {
    assert_eq!(browser.login(username, PASSWORD).await.status, 303);
    assert_eq!(browser.logout().await.status, 303);
}

fn set_cookie<'a>(page: &'a Page, name: &str) -> Option<&'a str> {
    page.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
}

#[tokio::test]
async fn an_attacker_failing_a_hundred_times_at_one_address_cannot_keep_the_user_out() {
    let app = TestApp::spawn().await;
    app.create_user("sara", "auditor", "ir").await;
    let her_computer = app.browser_at(at(0, 3));
    log_in_and_out(&her_computer, "sara").await;

    let attacker = app.browser_at(at(0, 2));
    let mut checked = 0;
    let mut last = None;
    for i in 0..100 {
        let page = attacker.login("sara", &format!("guess-number-{i}")).await;
        match page.status {
            401 => checked += 1,
            429 => last = Some(page),
            other => panic!("unexpected status {other}"),
        }
    }
    assert_eq!(checked, 5, "five free guesses, then the waits begin");
    let refused = last.expect("the attacker was refused");
    assert_eq!(refused.header("retry-after"), Some("30"));
    assert!(
        refused.body.contains("۳۰ ثانیه"),
        "the wait in Persian digits"
    );

    let her_laptop = app.browser_at(at(0, 4));
    assert_eq!(
        her_laptop.login("sara", PASSWORD).await.status,
        303,
        "from another address, even a browser she never used"
    );
    assert_eq!(her_computer.login("sara", PASSWORD).await.status, 303);
}

#[tokio::test]
async fn guessing_spread_over_many_addresses_is_capped_while_her_own_browser_still_gets_in() {
    let app = TestApp::spawn().await;
    app.create_user("sara", "auditor", "ir").await;
    let her_computer = app.browser_at(at(0, 3));
    log_in_and_out(&her_computer, "sara").await;

    let budget = AppSettings::default()
        .login_limits
        .account_failures_per_hour;
    let mut checked = 0;
    for machine in 1..=60 {
        let attacker = app.browser_at(at(1, machine));
        for guess in 0..3 {
            let page = attacker
                .login("sara", &format!("guess-{machine}-{guess}"))
                .await;
            if page.status == 401 {
                checked += 1;
            }
        }
    }
    assert_eq!(
        checked, budget,
        "180 tries from 60 addresses, {budget} checked"
    );
    assert_eq!(her_computer.login("sara", PASSWORD).await.status, 303);
}

#[tokio::test]
async fn forty_colleagues_behind_one_nat_address_all_log_in_at_eight_in_the_morning() {
    let app = TestApp::spawn().await;
    let office = at(0, 5);
    for n in 0..40 {
        app.create_user(&format!("colleague{n}"), "social_worker", "ir.qazvin.abyek")
            .await;
    }
    for n in 0..40 {
        let browser = app.browser_at(office);
        let username = format!("colleague{n}");
        let typo = browser.login(&username, "Hamyar-Test-Passw0rd!").await;
        assert_eq!(typo.status, 401, "{username} mistyped");
        let page = browser.login(&username, PASSWORD).await;
        assert_eq!(page.status, 303, "{username} was refused: {}", page.status);
        assert_eq!(browser.logout().await.status, 303);
    }
    for n in 0..40 {
        let username = format!("colleague{n}");
        let after_lunch = app.browser_at(office).login(&username, PASSWORD).await;
        assert_eq!(
            after_lunch.status, 303,
            "{username} was refused after lunch"
        );
    }
}

#[tokio::test]
async fn x_forwarded_for_is_ignored_from_an_untrusted_peer_and_believed_from_a_trusted_proxy() {
    let proxy = at(0, 9);
    let settings = WebSettings {
        trusted_proxies: TrustedProxies::parse(&[proxy.to_string()]).unwrap(),
        ..WebSettings::default()
    };
    let db = TestDatabase::sqlite().await;
    let app = TestApp::spawn_with(db, settings, AppSettings::default()).await;
    app.create_user("sara", "auditor", "ir").await;

    // An attacker who names a new address in every request is still counted at its own.
    let mut statuses = Vec::new();
    for i in 0..6 {
        let forged = format!("198.51.100.{i}");
        let attacker = app.browser_via(at(0, 2), &[("x-forwarded-for", &forged)]);
        statuses.push(attacker.login("sara", "not-her-password").await.status);
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429]);

    // Through the proxy, each client is counted at the address the proxy names.
    let via_proxy = |client: &str| app.browser_via(proxy, &[("x-forwarded-for", client)]);
    for _ in 0..5 {
        let page = via_proxy("203.0.113.7")
            .login("sara", "not-her-password")
            .await;
        assert_eq!(page.status, 401);
    }
    let page = via_proxy("203.0.113.7").login("sara", PASSWORD).await;
    assert_eq!(page.status, 429, "that client waits");
    let page = via_proxy("203.0.113.8").login("sara", PASSWORD).await;
    assert_eq!(
        page.status, 303,
        "another client of the same proxy does not"
    );
}

#[tokio::test]
async fn https_is_believed_only_from_a_trusted_proxy_for_secure_cookies() {
    let proxy = at(0, 9);
    let settings = WebSettings {
        trusted_proxies: TrustedProxies::parse(&[proxy.to_string()]).unwrap(),
        ..WebSettings::default()
    };
    let db = TestDatabase::sqlite().await;
    let app = TestApp::spawn_with(db, settings, AppSettings::default()).await;
    let https = [("x-forwarded-proto", "https")];
    let direct = app.browser_via(at(0, 2), &https).get("/login").await;
    let csrf = set_cookie(&direct, "hamyar_csrf").expect("a CSRF cookie");
    assert!(!csrf.contains("Secure"), "{csrf}");
    let proxied = app.browser_via(proxy, &https).get("/login").await;
    let csrf = set_cookie(&proxied, "hamyar_csrf").expect("a CSRF cookie");
    assert!(csrf.contains("Secure"), "{csrf}");
}

#[tokio::test]
async fn a_disabled_account_answers_exactly_like_a_wrong_password() {
    let app = TestApp::spawn().await;
    let id = app.create_user("sara", "auditor", "ir").await;
    app.app
        .set_user_disabled(&Actor::console(), id, true)
        .await
        .unwrap();
    let browser = app.browser();
    let right = browser.login("sara", PASSWORD).await;
    let wrong = browser.login("sara", "not-her-password").await;
    assert_eq!(right.status, 401);
    // Byte for byte the same page, but for the CSRF token's mask, which is fresh on every
    // page (`csrf::masked`); both masks hide the same token.
    let (right_token, wrong_token) = (right.csrf_token().unwrap(), wrong.csrf_token().unwrap());
    assert_eq!(
        hamyar_web::csrf::unmask(&right_token),
        hamyar_web::csrf::unmask(&wrong_token)
    );
    let unmasked = |body: &str, token: &str| body.replace(token, "m.TOKEN");
    assert_eq!(
        (right.status, unmasked(&right.body, &right_token)),
        (wrong.status, unmasked(&wrong.body, &wrong_token))
    );
    assert_eq!(set_cookie(&right, "hamyar_device"), None);
    assert_eq!(set_cookie(&right, "hamyar_session"), None);
}

#[tokio::test]
async fn common_and_keyboard_pattern_passwords_are_refused_with_the_reason() {
    let app = TestApp::spawn().await;
    let admin = app.logged_in("admin", "system_admin", "ir").await;
    let cases = [
        ("password123", "بیش از اندازه رایج"),
        ("۱۲۳۴۵۶۷۸۹۰", "بیش از اندازه رایج"),
        ("ضصثقفغعهخح", "الگوی صفحه‌کلید"),
        ("Hamyar-Rezaei-2024", "نام شما"),
    ];
    for (password, reason) in cases {
        let fields = [
            ("username", "m.rezaei"),
            ("display_name", "مریم رضایی"),
            ("role", "auditor"),
            ("scope_place_id", "1"),
            ("password", password),
            ("password_confirm", password),
        ];
        let page = admin.submit("/users/new", "/users", &fields).await;
        assert_eq!(page.status, 422, "{password} was accepted");
        assert!(
            page.body.contains(reason),
            "{password}: no «{reason}» in the page"
        );
    }
    assert!(
        app.app
            .user_by_username("m.rezaei")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_stolen_session_cannot_guess_the_current_password_quickly() {
    let app = TestApp::spawn().await;
    let thief = app.logged_in("sara", "auditor", "ir").await;
    let attempt = |guess: String| {
        let thief = &thief;
        async move {
            let fields = [
                ("current_password", guess.as_str()),
                ("new_password", "Lantern-Orbit-Velvet-77"),
                ("new_password_confirm", "Lantern-Orbit-Velvet-77"),
            ];
            thief
                .submit("/account", "/account/password", &fields)
                .await
                .status
        }
    };
    for i in 0..5 {
        assert_eq!(attempt(format!("guess-{i}")).await, 422);
    }
    assert_eq!(attempt("guess-5".into()).await, 429);
    assert_eq!(
        attempt(PASSWORD.into()).await,
        429,
        "not even the right one, yet"
    );
}
