//! API tokens on the account page, through HTTP: a county expert sees the empty section, is
//! refused with Persian messages under the fields (and nothing is made) when the name is empty
//! and the scope is another county, then makes a token for her county: the answer shows the
//! secret once, with the warning to copy it now, and the account page lists the token with its
//! Jalali dates in Persian digits and never shows the secret again. The secret opens the API's
//! authentication; revoking it from the page ends it, and another person cannot revoke it.

use hamyar_app::AppError;
use hamyar_webtest::TestApp;

/// The secret shown on the token's page: `hmy_` and 43 URL-safe characters.
fn secret_in(body: &str) -> String {
    let start = body.find("value=\"hmy_").expect("the secret is shown") + "value=\"".len();
    body[start..start + 47].to_owned()
}

#[tokio::test]
async fn a_person_makes_a_token_sees_its_secret_once_and_revokes_it() {
    let app = TestApp::spawn().await;
    let expert = app
        .logged_in("c.expert", "county_expert", "ir.qazvin.abyek")
        .await;
    let tree = app.app.place_tree().await.unwrap();
    let abyek = tree.by_code("ir.qazvin.abyek").unwrap().id.to_string();
    let takestan = tree.by_code("ir.qazvin.takestan").unwrap().id.to_string();

    let page = expert.get("/account").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("توکن‌های دسترسی"), "{}", page.body);
    assert!(page.body.contains("هنوز توکنی نساخته‌اید"));

    let refused = expert
        .submit(
            "/account",
            "/account/tokens",
            &[
                ("name", " "),
                ("access", "read"),
                ("scope", &takestan),
                ("expires_in_days", "۳۰"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("نامی برای توکن بنویسید"),
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains("این محدوده بیرون از محدوده‌ی دسترسی شماست")
    );
    assert!(!refused.body.contains("hmy_"));
    let actor = app
        .app
        .user_by_username("c.expert")
        .await
        .unwrap()
        .unwrap()
        .actor();
    assert!(app.app.api_tokens_of(&actor).await.unwrap().is_empty());

    let made = expert
        .submit(
            "/account",
            "/account/tokens",
            &[
                ("name", "برنامه‌ی میدانی"),
                ("access", "write"),
                ("scope", &abyek),
                ("expires_in_days", "۳۰"),
            ],
        )
        .await;
    assert_eq!(made.status, 200, "{}", made.body);
    assert!(made.body.contains("همین حالا کپی کنید"), "{}", made.body);
    assert_eq!(made.header("cache-control"), Some("no-store"));
    let secret = secret_in(&made.body);

    let listed = expert.get("/account").await;
    assert!(listed.body.contains("برنامه‌ی میدانی"));
    assert!(listed.body.contains("خواندن و نوشتن"));
    assert!(
        listed.body.contains("۱۴۰۵/۰۹/۰۸"),
        "made today, in Persian digits"
    );
    assert!(listed.body.contains("هنوز به کار نرفته"));
    assert!(
        !listed.body.contains(&secret),
        "the secret is shown once only"
    );
    assert!(!listed.body.contains(&secret[4..]));

    let caller = app.app.authenticate_api_token(&secret).await.unwrap();
    assert_eq!(caller.actor.user_id, actor.user_id);
    let id = caller.token_id.to_string();
    let path = format!("/account/tokens/{id}/revoke");

    let other = app
        .logged_in("other", "county_expert", "ir.qazvin.abyek")
        .await;
    let foreign = other.submit("/account", &path, &[]).await;
    assert_eq!(foreign.status, 404);
    app.app.authenticate_api_token(&secret).await.unwrap();

    let revoked = expert.submit("/account", &path, &[]).await;
    assert_eq!(revoked.status, 303);
    assert_eq!(revoked.location(), Some("/account?done=api_tokens-revoked"));
    let after = expert.get("/account?done=api_tokens-revoked").await;
    assert!(after.body.contains("توکن باطل شد"));
    assert!(after.body.contains("باطل‌شده"));
    assert!(
        !after.body.contains(&path),
        "a revoked token has no revoke button"
    );
    assert!(matches!(
        app.app.authenticate_api_token(&secret).await,
        Err(AppError::Unauthenticated)
    ));
}
