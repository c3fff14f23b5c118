//! Personal API tokens as use-cases, on SQLite and on PostgreSQL: a provincial expert makes a
//! token for one of her counties, sees its secret once, and the database keeps only its
//! hash; the token acts as her within that county only; a scope outside her own, a bad name
//! or lifetime, the console, and a 21st live token are refused and make nothing; expired,
//! revoked, a disabled owner's and a moved owner's tokens are refused like unknown ones; each
//! token has its own budget of calls; someone else's token is not found, except to an
//! administrator, who may revoke it; and the audit trail records creating and revoking without
//! the secret or its hash.

use std::sync::Arc;

use hamyar_app::api_tokens::{ApiTokenDraft, CreatedApiToken, TokenState};
use hamyar_app::audit::AuditQuery;
use hamyar_app::rate_limit::ApiCallLimits;
use hamyar_app::tokens::token_hash;
use hamyar_app::{Actor, App, AppError, AppSettings, FixedClock, Scope, TokenAccess};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::fixtures::{place, user};
use hamyar_testkit::test_start;
use jiff::SignedDuration;

/// An application at the test instant whose clock the test moves, with `limits`.
async fn app_with(db: &TestDatabase, limits: ApiCallLimits) -> (App, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(test_start()));
    let settings = AppSettings {
        api_call_limits: limits,
        ..AppSettings::default()
    };
    let app = App::new(db.store.clone(), clock.clone(), settings);
    app.seed_reference_places().await.expect("seed places");
    (app, clock)
}

async fn app(db: &TestDatabase) -> (App, Arc<FixedClock>) {
    app_with(db, ApiCallLimits::default()).await
}

fn draft(name: &str, access: &str, scope: &str, days: &str) -> ApiTokenDraft {
    ApiTokenDraft {
        name: name.into(),
        access: access.into(),
        scope: scope.into(),
        expires_in_days: days.into(),
    }
}

async fn token_for(app: &App, who: &Actor, scope_code: &str, days: &str) -> CreatedApiToken {
    let scope = place(app, scope_code).await.to_string();
    app.create_api_token(who, &draft("برنامه‌ی میدانی", "read", &scope, days))
        .await
        .expect("a token")
}

fn fields(error: AppError) -> Vec<&'static str> {
    match error {
        AppError::Invalid(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("expected a refused form, got {other:?}"),
    }
}

fn is_unauthenticated<T: std::fmt::Debug>(result: Result<T, AppError>) -> bool {
    matches!(result, Err(AppError::Unauthenticated))
}

async fn a_token_is_shown_once_kept_as_its_hash_and_acts_within_its_county(db: &TestDatabase) {
    let (app, clock) = app(db).await;
    let expert = user(&app, "p.expert", "provincial_expert", "ir.qazvin").await;
    let abyek = place(&app, "ir.qazvin.abyek").await;
    let created = app
        .create_api_token(
            &expert,
            &draft("  برنامه‌ي   ميداني ", "write", &abyek.to_string(), "۳۰"),
        )
        .await
        .unwrap();
    assert!(created.secret.starts_with("hmy_"));
    assert_eq!(created.secret.len(), 47);
    assert_eq!(
        created.token.name, "برنامه‌ی میدانی",
        "spaces and Arabic letters normalised"
    );
    assert!(!format!("{created:?}").contains(&created.secret));
    assert_eq!(
        created.token.expires_at,
        test_start() + SignedDuration::from_hours(30 * 24)
    );

    let stored: Vec<(String, String)> = sqlx::query_as("SELECT name, secret_hash FROM api_tokens")
        .fetch_all(db.store.pool())
        .await
        .unwrap();
    assert_eq!(
        stored,
        [(created.token.name.clone(), token_hash(&created.secret))]
    );

    let caller = app.authenticate_api_token(&created.secret).await.unwrap();
    assert_eq!(caller.actor.user_id, expert.user_id);
    assert_eq!(caller.actor.role, expert.role);
    assert_eq!(caller.actor.scope.county(), Some(abyek));
    assert_eq!(caller.access, TokenAccess::Write);
    assert_eq!(caller.token_id, created.token.id);

    app.record_api_token_use(caller.token_id, "get", "/api/v1/women?q=0012345678", 200)
        .await
        .unwrap();
    clock.advance(SignedDuration::from_secs(5));
    app.record_api_token_use(caller.token_id, "POST", "/api/v1/groups/{id}", 422)
        .await
        .unwrap();
    let uses = app
        .api_token_uses(&expert, caller.token_id, 10)
        .await
        .unwrap();
    let seen: Vec<(&str, &str, u16)> = uses
        .iter()
        .map(|u| (u.method.as_str(), u.route.as_str(), u.status))
        .collect();
    assert_eq!(
        seen,
        [
            ("POST", "/api/v1/groups/{id}", 422),
            ("GET", "/api/v1/women", 200)
        ]
    );
    let listed = app.api_tokens_of(&expert).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].last_used_at,
        Some(test_start()),
        "refreshed once a minute"
    );
    assert_eq!(listed[0].state(app.now()), TokenState::Live);
}

async fn a_scope_outside_her_own_and_bad_fields_are_refused_and_make_nothing(db: &TestDatabase) {
    let (app, _) = app(db).await;
    let county = user(&app, "c.expert", "county_expert", "ir.qazvin.abyek").await;
    for code in ["ir.qazvin", "ir.qazvin.takestan", "ir"] {
        let scope = place(&app, code).await.to_string();
        let refused = app
            .create_api_token(&county, &draft("نام", "read", &scope, ""))
            .await
            .unwrap_err();
        assert_eq!(fields(refused), ["scope"], "{code}");
    }
    let refused = app
        .create_api_token(&county, &draft(" ", "admin", "12345678", "366"))
        .await
        .unwrap_err();
    assert_eq!(
        fields(refused),
        ["name", "access", "scope", "expires_in_days"]
    );
    let refused = app
        .create_api_token(&county, &draft(&"ن".repeat(61), "read", "", "0"))
        .await
        .unwrap_err();
    assert_eq!(fields(refused), ["name", "expires_in_days"]);
    assert!(matches!(
        app.create_api_token(&Actor::console(), &draft("نام", "read", "", ""))
            .await,
        Err(AppError::Forbidden)
    ));
    assert!(app.api_tokens_of(&county).await.unwrap().is_empty());

    let own = app
        .create_api_token(&county, &draft("نام", "read", "", ""))
        .await
        .unwrap();
    let abyek = place(&app, "ir.qazvin.abyek").await;
    assert_eq!(own.token.scope_place_id, abyek, "empty scope is her own");
    assert_eq!(
        own.token.expires_at,
        test_start() + SignedDuration::from_hours(90 * 24)
    );
}

async fn a_person_holds_at_most_twenty_live_tokens(db: &TestDatabase) {
    let (app, _) = app(db).await;
    let worker = user(&app, "s.worker", "social_worker", "ir.qazvin.abyek").await;
    let mut first = None;
    for n in 0..20 {
        let made = app
            .create_api_token(&worker, &draft(&format!("توکن {n}"), "read", "", ""))
            .await
            .unwrap();
        first.get_or_insert(made.token.id);
    }
    let refused = app
        .create_api_token(&worker, &draft("بیست‌ویکم", "read", "", ""))
        .await
        .unwrap_err();
    assert_eq!(fields(refused), ["name"]);
    app.revoke_api_token(&worker, first.unwrap()).await.unwrap();
    app.create_api_token(&worker, &draft("بیست‌ویکم", "read", "", ""))
        .await
        .expect("a revoked token no longer counts");
    assert_eq!(app.api_tokens_of(&worker).await.unwrap().len(), 21);
}

async fn expired_revoked_and_disabled_owners_tokens_are_refused(db: &TestDatabase) {
    let (app, clock) = app(db).await;
    let admin = user(&app, "admin", "system_admin", "ir").await;
    let worker = user(&app, "s.worker", "social_worker", "ir.qazvin.abyek").await;
    assert!(is_unauthenticated(app.authenticate_api_token("").await));
    assert!(is_unauthenticated(
        app.authenticate_api_token("Bearer x").await
    ));
    let unknown = format!("hmy_{}", hamyar_app::tokens::random_token());
    assert!(is_unauthenticated(
        app.authenticate_api_token(&unknown).await
    ));

    let short = token_for(&app, &worker, "ir.qazvin.abyek", "1").await;
    let revoked = token_for(&app, &worker, "ir.qazvin.abyek", "").await;
    let kept = token_for(&app, &worker, "ir.qazvin.abyek", "").await;
    for token in [&short, &revoked, &kept] {
        app.authenticate_api_token(&token.secret).await.unwrap();
    }
    clock.advance(SignedDuration::from_hours(24));
    assert!(is_unauthenticated(
        app.authenticate_api_token(&short.secret).await
    ));
    app.revoke_api_token(&worker, revoked.token.id)
        .await
        .unwrap();
    assert!(is_unauthenticated(
        app.authenticate_api_token(&revoked.secret).await
    ));
    app.authenticate_api_token(&kept.secret).await.unwrap();

    let states: Vec<TokenState> = app
        .api_tokens_of(&worker)
        .await
        .unwrap()
        .iter()
        .map(|t| t.state(app.now()))
        .collect();
    assert_eq!(
        states,
        [TokenState::Live, TokenState::Revoked, TokenState::Expired]
    );

    app.set_user_disabled(&admin, worker.user_id.unwrap(), true)
        .await
        .unwrap();
    assert!(is_unauthenticated(
        app.authenticate_api_token(&kept.secret).await
    ));
}

async fn a_moved_persons_token_stops_outside_her_new_scope(db: &TestDatabase) {
    let (app, _) = app(db).await;
    let expert = user(&app, "p.expert", "provincial_expert", "ir.qazvin").await;
    let token = token_for(&app, &expert, "ir.qazvin.abyek", "").await;
    app.authenticate_api_token(&token.secret).await.unwrap();

    let tehran = place(&app, "ir.tehran").await;
    sqlx::query("UPDATE users SET scope_place_id = $1, province_id = $1 WHERE id = $2")
        .bind(tehran.get())
        .bind(expert.user_id.unwrap().get())
        .execute(db.store.pool())
        .await
        .unwrap();
    assert!(is_unauthenticated(
        app.authenticate_api_token(&token.secret).await
    ));
}

async fn each_token_has_a_budget_of_its_own(db: &TestDatabase) {
    let limits = ApiCallLimits {
        per_second: 2,
        burst: 3,
        ..ApiCallLimits::default()
    };
    let (app, clock) = app_with(db, limits).await;
    let worker = user(&app, "s.worker", "social_worker", "ir.qazvin.abyek").await;
    let busy = token_for(&app, &worker, "ir.qazvin.abyek", "").await;
    let quiet = token_for(&app, &worker, "ir.qazvin.abyek", "").await;
    for _ in 0..3 {
        app.authenticate_api_token(&busy.secret).await.unwrap();
    }
    assert!(matches!(
        app.authenticate_api_token(&busy.secret).await,
        Err(AppError::RateLimited {
            retry_after_secs: 1
        })
    ));
    for _ in 0..3 {
        app.authenticate_api_token(&quiet.secret)
            .await
            .expect("another token keeps its whole budget");
    }
    clock.advance(SignedDuration::from_millis(500));
    app.authenticate_api_token(&busy.secret).await.unwrap();
    assert!(app.authenticate_api_token(&busy.secret).await.is_err());
}

async fn someone_elses_token_is_not_found_but_an_administrator_may_revoke_it(db: &TestDatabase) {
    let (app, _) = app(db).await;
    let admin = user(&app, "admin", "system_admin", "ir").await;
    let maryam = user(&app, "maryam", "social_worker", "ir.qazvin.abyek").await;
    let reza = user(&app, "reza", "county_expert", "ir.qazvin.abyek").await;
    let token = token_for(&app, &maryam, "ir.qazvin.abyek", "").await;
    let id = token.token.id;

    assert!(matches!(
        app.revoke_api_token(&reza, id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.api_token_uses(&reza, id, 10).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.api_token_uses(&admin, id, 10).await,
        Err(AppError::NotFound)
    ));
    assert!(app.api_tokens_of(&reza).await.unwrap().is_empty());
    app.authenticate_api_token(&token.secret).await.unwrap();

    app.revoke_api_token(&admin, id).await.unwrap();
    assert!(is_unauthenticated(
        app.authenticate_api_token(&token.secret).await
    ));
    app.revoke_api_token(&maryam, id)
        .await
        .expect("revoking again changes nothing");
}

async fn the_trail_records_making_and_revoking_without_the_secret(db: &TestDatabase) {
    let (app, _) = app(db).await;
    let maryam = user(&app, "maryam", "social_worker", "ir.qazvin.abyek").await;
    let token = token_for(&app, &maryam, "ir.qazvin.abyek", "").await;
    app.revoke_api_token(&maryam, token.token.id).await.unwrap();
    app.revoke_api_token(&maryam, token.token.id).await.unwrap();

    let rows = app
        .browse_audit(
            &Actor::console(),
            &AuditQuery {
                action: Some("api_token.".into()),
                page_size: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["api_token.revoke", "api_token.create"]);
    let abyek = place(&app, "ir.qazvin.abyek").await;
    for row in &rows {
        assert_eq!(row.entity_id, token.token.id.to_string());
        assert_eq!(row.actor_user_id, maryam.user_id);
        assert_eq!(row.county_id, Some(abyek));
        for text in [&row.before, &row.after].into_iter().flatten() {
            assert!(!text.contains(&token.secret), "{text}");
            assert!(!text.contains(&token.secret[4..]), "{text}");
            assert!(!text.contains(&token_hash(&token.secret)), "{text}");
        }
    }
    assert!(rows[1].after.as_deref().unwrap().contains("برنامه‌ی میدانی"));
    assert_eq!(maryam.scope.county(), Some(abyek));
    assert!(matches!(maryam.scope, Scope::County { .. }));
}

/// A busy token's calls are written in batches (`use_log`): every call is in the log, in
/// order, none lost across the batches, and `last_used_at` ends where the calls one by one
/// would have left it — refreshed when a minute old.
async fn a_busy_tokens_calls_are_all_logged_in_batches(db: &TestDatabase) {
    let (app, clock) = app(db).await;
    let expert = user(&app, "p.expert", "provincial_expert", "ir.qazvin").await;
    let token = token_for(&app, &expert, "ir.qazvin.abyek", "30").await;
    // 601 calls, one every quarter second: 150 s, a batch each second (the oldest waited a
    // second), the last call left waiting.
    for call in 0..601 {
        app.record_api_token_use(token.token.id, "GET", "/api/v1/groups", 200 + call % 2)
            .await
            .unwrap();
        clock.advance(SignedDuration::from_millis(250));
    }
    let written: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM api_token_uses")
        .fetch_one(db.store.pool())
        .await
        .unwrap();
    assert_eq!(written, 600, "the last call waits for its batch");
    let uses = app
        .api_token_uses(&expert, token.token.id, 500)
        .await
        .unwrap();
    assert_eq!(uses.len(), 500);
    assert_eq!(uses[0].status, 200, "the newest first: the 601st call");
    assert_eq!(
        uses[0].used_at,
        test_start() + SignedDuration::from_secs(150)
    );
    assert_eq!(uses[1].status, 201);
    let written: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM api_token_uses")
        .fetch_one(db.store.pool())
        .await
        .unwrap();
    assert_eq!(
        written, 601,
        "reading the log writes every call made before"
    );
    let listed = app.api_tokens_of(&expert).await.unwrap();
    // Refreshed at the first call, at the first more than a minute later (60.25 s) and at
    // the first more than a minute after that (120.5 s).
    assert_eq!(
        listed[0].last_used_at,
        Some(test_start() + SignedDuration::from_millis(120_500))
    );
}

/// Tokens made at once count one after the other: with 15 live, ten made together leave
/// exactly 20 (on PostgreSQL her row is locked while counting; SQLite writes one at a time).
async fn tokens_made_at_once_do_not_pass_the_limit(db: &TestDatabase) {
    let (app, _) = app(db).await;
    let worker = user(&app, "s.worker", "social_worker", "ir.qazvin.abyek").await;
    for n in 0..15 {
        app.create_api_token(&worker, &draft(&format!("توکن {n}"), "read", "", ""))
            .await
            .unwrap();
    }
    let mut makers = tokio::task::JoinSet::new();
    for n in 15..25 {
        let (app, worker) = (app.clone(), worker.clone());
        makers.spawn(async move {
            app.create_api_token(&worker, &draft(&format!("توکن {n}"), "read", "", ""))
                .await
                .is_ok()
        });
    }
    let made = makers.join_all().await.into_iter().filter(|ok| *ok).count();
    assert_eq!(made, 5);
    assert_eq!(app.api_tokens_of(&worker).await.unwrap().len(), 20);
}

hamyar_store::on_both_databases!(
    a_token_is_shown_once_kept_as_its_hash_and_acts_within_its_county,
    a_scope_outside_her_own_and_bad_fields_are_refused_and_make_nothing,
    a_person_holds_at_most_twenty_live_tokens,
    expired_revoked_and_disabled_owners_tokens_are_refused,
    a_moved_persons_token_stops_outside_her_new_scope,
    each_token_has_a_budget_of_its_own,
    someone_elses_token_is_not_found_but_an_administrator_may_revoke_it,
    the_trail_records_making_and_revoking_without_the_secret,
    a_busy_tokens_calls_are_all_logged_in_batches,
    tokens_made_at_once_do_not_pass_the_limit,
);
