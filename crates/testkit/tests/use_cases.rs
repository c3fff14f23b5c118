//! Use-cases of the application layer against a real database, on SQLite and on PostgreSQL:
//! who may do what where, that refusals change nothing, and that every change and every
//! opening of a person's account lands in a verifiable audit trail.

use std::sync::Arc;

use hamyar_app::audit::AuditQuery;
use hamyar_app::places::{NewCountyInput, RenameInput};
use hamyar_app::users::NewUserInput;
use hamyar_app::{Actor, App, AppError, AppSettings, FixedClock};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::{PASSWORD, test_start};

async fn app_on(db: &TestDatabase) -> App {
    let app = App::new(
        db.store.clone(),
        Arc::new(FixedClock::new(test_start())),
        AppSettings::default(),
    );
    app.seed_reference_places().await.unwrap();
    app
}

async fn place(app: &App, code: &str) -> i64 {
    app.place_tree().await.unwrap().by_code(code).unwrap().id
}

async fn user(app: &App, username: &str, role: &str, code: &str) -> Actor {
    let input = NewUserInput {
        username: username.into(),
        display_name: "کاربر آزمایشی".into(),
        role: role.into(),
        scope_place_id: place(app, code).await.to_string(),
        password: PASSWORD.into(),
        password_confirm: PASSWORD.into(),
    };
    let id = app.create_user(&Actor::console(), &input).await.unwrap();
    app.user_by_username(username)
        .await
        .unwrap()
        .map(|u| {
            assert_eq!(u.id, id);
            u.actor()
        })
        .unwrap()
}

fn input(username: &str, role: &str, place_id: i64) -> NewUserInput {
    NewUserInput {
        username: username.into(),
        display_name: "نام".into(),
        role: role.into(),
        scope_place_id: place_id.to_string(),
        password: PASSWORD.into(),
        password_confirm: PASSWORD.into(),
    }
}

async fn reference_places_are_seeded_once_with_all_provinces_and_qazvins_counties(
    db: &TestDatabase,
) {
    let app = app_on(db).await;
    assert_eq!(
        app.seed_reference_places().await.unwrap(),
        0,
        "a second start adds nothing"
    );
    let tree = app.place_tree().await.unwrap();
    assert_eq!(tree.provinces().count(), 31);
    let qazvin = place(&app, "ir.qazvin").await;
    let counties: Vec<_> = tree
        .counties_of(qazvin)
        .map(|c| c.name_en.clone())
        .collect();
    assert_eq!(
        counties,
        [
            "Qazvin",
            "Abyek",
            "Avaj",
            "Alborz",
            "Buin Zahra",
            "Takestan"
        ]
    );
}

async fn a_provincial_administrator_cannot_create_accounts_in_another_province(db: &TestDatabase) {
    let app = app_on(db).await;
    let admin = user(&app, "qazvin.admin", "system_admin", "ir.qazvin").await;
    let tehran = place(&app, "ir.tehran").await;
    let error = app
        .create_user(&admin, &input("t.expert", "provincial_expert", tehran))
        .await
        .unwrap_err();
    assert!(
        matches!(error, AppError::Invalid(ref e) if e[0].field == "scope_place_id"),
        "{error:?}"
    );
    let abyek = place(&app, "ir.qazvin.abyek").await;
    app.create_user(&admin, &input("a.expert", "county_expert", abyek))
        .await
        .unwrap();
}

async fn roles_without_the_right_are_refused_and_nothing_is_written(db: &TestDatabase) {
    let app = app_on(db).await;
    let abyek = place(&app, "ir.qazvin.abyek").await;
    let expert = user(&app, "c.expert", "county_expert", "ir.qazvin.abyek").await;
    let auditor = user(&app, "auditor", "auditor", "ir").await;
    let relations = user(&app, "pr.officer", "public_relations", "ir").await;
    for actor in [&expert, &auditor, &relations] {
        let refused = app
            .create_user(actor, &input("x.user", "facilitator", abyek))
            .await;
        assert!(
            matches!(refused, Err(AppError::Forbidden)),
            "{}",
            actor.username
        );
        let county = NewCountyInput {
            province_id: place(&app, "ir.qazvin").await.to_string(),
            name_fa: "تازه".into(),
            name_en: "New".into(),
        };
        assert!(matches!(
            app.add_county(actor, &county).await,
            Err(AppError::Forbidden)
        ));
    }
    assert!(app.user_by_username("x.user").await.unwrap().is_none());
    assert!(
        matches!(
            app.list_users(&relations, 10, 0).await,
            Err(AppError::Forbidden)
        ),
        "public relations sees no personal data"
    );
    assert!(matches!(
        app.browse_audit(&expert, &AuditQuery::default()).await,
        Err(AppError::Forbidden)
    ));
}

async fn an_account_outside_the_scope_looks_missing_and_opening_one_is_audited(db: &TestDatabase) {
    let app = app_on(db).await;
    let auditor = user(&app, "q.auditor", "auditor", "ir.qazvin").await;
    let tehran_user = user(&app, "t.expert", "provincial_expert", "ir.tehran").await;
    let abyek_user = user(&app, "a.expert", "county_expert", "ir.qazvin.abyek").await;
    assert!(matches!(
        app.open_user(&auditor, tehran_user.user_id.unwrap()).await,
        Err(AppError::NotFound)
    ));
    let opened = app
        .open_user(&auditor, abyek_user.user_id.unwrap())
        .await
        .unwrap();
    assert_eq!(opened.username, "a.expert");
    let views = app
        .browse_audit(
            &Actor::console(),
            &AuditQuery {
                action: Some("user.view".into()),
                page_size: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].actor_name, "q.auditor");
    assert_eq!(views[0].entity_id, abyek_user.user_id.unwrap().to_string());
    let listed: Vec<_> = app
        .list_users(&auditor, 100, 0)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.username)
        .collect();
    assert!(listed.contains(&"a.expert".to_owned()) && !listed.contains(&"t.expert".to_owned()));
}

async fn a_rename_holds_from_its_date_and_keeps_the_old_name(db: &TestDatabase) {
    let app = app_on(db).await;
    let admin = user(&app, "admin", "system_admin", "ir").await;
    let avaj = place(&app, "ir.qazvin.avaj").await;
    let future = RenameInput {
        name_fa: "آوج نو".into(),
        name_en: "New Avaj".into(),
        valid_from: "1406/01/01".into(),
    };
    app.rename_place(&admin, avaj, &future).await.unwrap();
    let tree = app.place_tree().await.unwrap();
    assert_eq!(
        tree.get(avaj).unwrap().name_fa,
        "آوج",
        "the new name does not hold yet"
    );
    assert_eq!(tree.get(avaj).unwrap().names.len(), 2);
    let again = app.rename_place(&admin, avaj, &future).await.unwrap_err();
    assert!(matches!(
        again,
        AppError::Conflict {
            field: "valid_from",
            ..
        }
    ));
    let bad = RenameInput {
        valid_from: "1404/12/30".into(),
        ..future
    };
    assert!(
        matches!(
            app.rename_place(&admin, avaj, &bad).await,
            Err(AppError::Invalid(_))
        ),
        "Esfand 1404 has 29 days"
    );
}

async fn an_administrator_adds_a_county_that_then_scopes_users(db: &TestDatabase) {
    let app = app_on(db).await;
    let admin = user(&app, "admin", "system_admin", "ir").await;
    let tehran = place(&app, "ir.tehran").await;
    let county = NewCountyInput {
        province_id: tehran.to_string(),
        name_fa: "شمیرانات".into(),
        name_en: "Shemiranat".into(),
    };
    let id = app.add_county(&admin, &county).await.unwrap();
    assert_eq!(
        app.place_tree().await.unwrap().get(id).unwrap().code,
        "ir.tehran.shemiranat"
    );
    assert!(matches!(
        app.add_county(&admin, &county).await,
        Err(AppError::Conflict { .. })
    ));
    app.create_user(&admin, &input("s.worker", "social_worker", id))
        .await
        .unwrap();
}

async fn every_change_lands_in_a_chain_that_verifies(db: &TestDatabase) {
    let app = app_on(db).await;
    let admin = user(&app, "admin", "system_admin", "ir").await;
    let other = user(&app, "other", "auditor", "ir").await;
    app.set_user_disabled(&admin, other.user_id.unwrap(), true)
        .await
        .unwrap();
    app.set_user_disabled(&admin, other.user_id.unwrap(), false)
        .await
        .unwrap();
    app.reset_password(
        &admin,
        other.user_id.unwrap(),
        "Brand-New-Passw0rd",
        "Brand-New-Passw0rd",
    )
    .await
    .unwrap();
    let report = app.verify_audit().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.rows_checked, 5);
    let rows = app
        .browse_audit(
            &Actor::console(),
            &AuditQuery {
                page_size: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let actions: Vec<_> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "user.password_reset",
            "user.enable",
            "user.disable",
            "user.create",
            "user.create"
        ]
    );
    assert!(
        rows.iter()
            .all(|r| !r.after.as_deref().unwrap_or("").contains("argon2")),
        "no password hash in the trail"
    );
}

async fn a_disabled_user_cannot_log_in_and_loses_open_sessions(db: &TestDatabase) {
    let app = app_on(db).await;
    let admin = user(&app, "admin", "system_admin", "ir").await;
    let sara = user(&app, "sara", "auditor", "ir").await;
    let session = app.login("sara", PASSWORD, "127.0.0.1").await.unwrap();
    assert!(app.current_session(&session.token).await.is_ok());
    app.set_user_disabled(&admin, sara.user_id.unwrap(), true)
        .await
        .unwrap();
    assert!(matches!(
        app.current_session(&session.token).await,
        Err(AppError::Unauthenticated)
    ));
    assert!(matches!(
        app.login("sara", PASSWORD, "127.0.0.1").await,
        Err(AppError::AccountDisabled)
    ));
    assert!(
        matches!(
            app.set_user_disabled(&admin, admin.user_id.unwrap(), true)
                .await,
            Err(AppError::Invalid(_))
        ),
        "no one disables themselves"
    );
}

macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(&hamyar_store::testing::TestDatabase::sqlite().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(db) = hamyar_store::testing::TestDatabase::postgres().await else { return };
                    super::$name(&db).await;
                }
            )*
        }
    };
}

on_both_backends!(
    reference_places_are_seeded_once_with_all_provinces_and_qazvins_counties,
    a_provincial_administrator_cannot_create_accounts_in_another_province,
    roles_without_the_right_are_refused_and_nothing_is_written,
    an_account_outside_the_scope_looks_missing_and_opening_one_is_audited,
    a_rename_holds_from_its_date_and_keeps_the_old_name,
    an_administrator_adds_a_county_that_then_scopes_users,
    every_change_lands_in_a_chain_that_verifies,
    a_disabled_user_cannot_log_in_and_loses_open_sessions,
);
