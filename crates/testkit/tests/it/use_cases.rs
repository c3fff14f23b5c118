//! Use-cases of the application layer against a real database, on SQLite and on PostgreSQL:
//! who may do what where, that refusals change nothing, and that every change and every
//! opening of a person's account or a woman's record lands in a verifiable audit trail —
//! once per real showing, not per redraw.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::registry::WomanId;
use std::sync::Arc;

use hamyar_app::audit::AuditQuery;
use hamyar_app::places::{NewCountyInput, RenameInput};
use hamyar_app::registry::import::{ImportOptions, ImportRow};
use hamyar_app::registry::viewing::Showing;
use hamyar_app::sessions::LoginClient;
use hamyar_app::users::NewUserInput;
use hamyar_app::{Actor, App, AppError, AppSettings, FixedClock};
use hamyar_domain::registry::{EligibilityRule, EligibilityRules, WomanInput};
use hamyar_i18n::Lang;
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

async fn place(app: &App, code: &str) -> hamyar_app::access::PlaceId {
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

fn input(username: &str, role: &str, place_id: PlaceId) -> NewUserInput {
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
            "Alborz",
            "Avaj",
            "Buin Zahra",
            "Takestan"
        ],
        "the capital county first, then Persian alphabetical order (reference/counties.csv)"
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
    // A county the reference list of 1404 does not have yet (Shemiranat, which the test
    // added before, ships with it now and is refused as a duplicate).
    let shipped = NewCountyInput {
        province_id: tehran.to_string(),
        name_fa: "شمیرانات".into(),
        name_en: "Shemiranat".into(),
    };
    assert!(matches!(
        app.add_county(&admin, &shipped).await,
        Err(AppError::Conflict { .. })
    ));
    let county = NewCountyInput {
        province_id: tehran.to_string(),
        name_fa: "لواسانات".into(),
        name_en: "Lavasanat".into(),
    };
    let id = app.add_county(&admin, &county).await.unwrap();
    assert_eq!(
        app.place_tree().await.unwrap().get(id).unwrap().code,
        "ir.tehran.lavasanat"
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
    let here = LoginClient::at([127, 0, 0, 1].into());
    let session = app.login("sara", PASSWORD, &here).await.unwrap();
    assert!(app.current_session(&session.token).await.is_ok());
    app.set_user_disabled(&admin, sara.user_id.unwrap(), true)
        .await
        .unwrap();
    assert!(matches!(
        app.current_session(&session.token).await,
        Err(AppError::Unauthenticated)
    ));
    assert!(matches!(
        app.login("sara", PASSWORD, &here).await,
        Err(AppError::InvalidCredentials)
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

// ---------------------------------------------------------------------------------------
// Registry: the singlehood age by province, and which showings of a woman are recorded

/// A registration form for a woman of Abyek (Qazvin province).
fn woman_input(national_id: &str, cause: &str, birth_date: &str) -> WomanInput {
    WomanInput {
        national_id: national_id.into(),
        first_name: "زهرا".into(),
        last_name: "احمدی".into(),
        birth_date: birth_date.into(),
        settlement: "urban".into(),
        locality: "آبیک".into(),
        address: "خیابان امام".into(),
        headship_cause: cause.into(),
        income_decile: "2".into(),
        ..WomanInput::default()
    }
}

async fn register(app: &App, actor: &Actor, county: PlaceId, input: &WomanInput) -> WomanId {
    app.register_woman(actor, &county.to_string(), input, &[])
        .await
        .unwrap()
        .id
}

/// Audit rows of one action, newest first.
async fn audit_rows(app: &App, action: &str) -> Vec<hamyar_app::ports::AuditRow> {
    app.browse_audit(
        &Actor::console(),
        &AuditQuery {
            action: Some(action.into()),
            page_size: 100,
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

/// How many `action` rows name this woman and were written by this user.
async fn showings(app: &App, action: &str, woman: WomanId, by: &str) -> usize {
    audit_rows(app, action)
        .await
        .iter()
        .filter(|row| row.entity_id == woman.to_string() && row.actor_name == by)
        .count()
}

/// The singlehood age rule's verdict in her file: (verdict code, Persian message).
async fn singlehood_verdict(app: &App, actor: &Actor, woman: WomanId) -> (String, String) {
    let file = app.open_woman(actor, woman).await.unwrap();
    let outcome = file
        .eligibility
        .unwrap()
        .outcome(EligibilityRule::SinglehoodAge)
        .cloned()
        .unwrap();
    (
        outcome.verdict.code().to_owned(),
        Lang::Fa.message(&outcome.message),
    )
}

async fn a_provinces_own_singlehood_age_judges_its_women_and_every_change_is_audited(
    db: &TestDatabase,
) {
    let app = app_on(db).await;
    let qazvin = place(&app, "ir.qazvin").await;
    let tehran = place(&app, "ir.tehran").await;
    let abyek = place(&app, "ir.qazvin.abyek").await;
    let national = user(&app, "national", "national_expert", "ir").await;
    let worker = user(&app, "a.worker", "social_worker", "ir.qazvin.abyek").await;
    // 47 years old on 1405/09/08: above the national 45, below 50.
    let woman = register(
        &app,
        &worker,
        abyek,
        &woman_input("0013542419", "definitive_singlehood", "1358/01/01"),
    )
    .await;
    assert_eq!(
        singlehood_verdict(&app, &worker, woman).await,
        (
            "passed".to_owned(),
            "سن ۴۷ سال است و به حداقل سن تجرد قطعی کشوری (۴۵ سال) می‌رسد".to_owned()
        )
    );

    app.set_singlehood_age(&national, &qazvin.to_string(), "۵۰")
        .await
        .unwrap();
    assert_eq!(
        singlehood_verdict(&app, &worker, woman).await,
        (
            "failed".to_owned(),
            "سن ۴۷ سال است و به حداقل سن تجرد قطعی استان قزوین (۵۰ سال) نمی‌رسد".to_owned()
        )
    );
    let ages = app.singlehood_ages(&worker).await.unwrap();
    assert_eq!((ages.years_in(qazvin), ages.years_in(tehran)), (50, 45));

    // Refusals change nothing and write nothing.
    let before = audit_rows(&app, "settings.singlehood_age").await.len();
    let AppError::Invalid(errors) = app
        .set_singlehood_age(&national, &qazvin.to_string(), "48")
        .await
        .unwrap_err()
    else {
        panic!("48 is not a choice")
    };
    assert_eq!(errors[0].field, "singlehood_age");
    assert_eq!(
        Lang::Fa.message(&errors[0].message),
        "حداقل سن تجرد قطعی یک استان فقط می‌تواند ۴۵، ۵۰ یا ۵۵ سال باشد"
    );
    let AppError::Invalid(errors) = app
        .set_singlehood_age(&national, &abyek.to_string(), "55")
        .await
        .unwrap_err()
    else {
        panic!("a county is not a province")
    };
    assert_eq!(errors[0].field, "province");
    let provincial = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    assert!(matches!(
        app.set_singlehood_age(&provincial, &qazvin.to_string(), "55")
            .await,
        Err(AppError::Forbidden)
    ));
    let qazvin_admin = user(&app, "q.admin", "system_admin", "ir.qazvin").await;
    assert!(
        matches!(
            app.set_singlehood_age(&qazvin_admin, &tehran.to_string(), "55").await,
            Err(AppError::Invalid(ref e)) if e[0].field == "province"
        ),
        "another province is out of a provincial administrator's scope"
    );
    assert_eq!(
        audit_rows(&app, "settings.singlehood_age").await.len(),
        before
    );
    assert_eq!(
        app.singlehood_ages(&worker).await.unwrap().years_in(qazvin),
        50
    );

    // Back to the national threshold, which then follows the national rules.
    app.set_singlehood_age(&qazvin_admin, &qazvin.to_string(), "")
        .await
        .unwrap();
    let rules = EligibilityRules {
        singlehood_min_age_years: 55,
        ..app.eligibility_rules(&national).await.unwrap()
    };
    app.set_eligibility_rules(&national, &rules).await.unwrap();
    assert_eq!(
        singlehood_verdict(&app, &worker, woman).await.1,
        "سن ۴۷ سال است و به حداقل سن تجرد قطعی کشوری (۵۵ سال) نمی‌رسد"
    );

    let rows = audit_rows(&app, "settings.singlehood_age").await;
    let trail: Vec<_> = rows
        .iter()
        .map(|row| {
            (
                row.actor_name.as_str(),
                row.entity_kind.as_str(),
                row.entity_id.clone(),
                row.province_id,
                row.before.as_deref().unwrap(),
                row.after.as_deref().unwrap(),
            )
        })
        .collect();
    let key = format!("singlehood_age.{qazvin}");
    assert_eq!(
        trail,
        [
            (
                "q.admin",
                "settings",
                key.clone(),
                Some(qazvin),
                r#"{"singlehood_min_age_years":50}"#,
                r#"{"singlehood_min_age_years":null}"#
            ),
            (
                "national",
                "settings",
                key,
                Some(qazvin),
                r#"{"singlehood_min_age_years":null}"#,
                r#"{"singlehood_min_age_years":50}"#
            ),
        ]
    );
    assert!(app.verify_audit().await.unwrap().is_intact());
}

async fn a_file_counts_openings_not_redraws_and_the_edit_form_counts_apart(db: &TestDatabase) {
    let clock = Arc::new(FixedClock::new(test_start()));
    let app = App::new(db.store.clone(), clock.clone(), AppSettings::default());
    app.seed_reference_places().await.unwrap();
    let abyek = place(&app, "ir.qazvin.abyek").await;
    let worker = user(&app, "a.worker", "social_worker", "ir.qazvin.abyek").await;
    let expert = user(&app, "a.expert", "county_expert", "ir.qazvin.abyek").await;
    let woman = register(
        &app,
        &worker,
        abyek,
        &woman_input("0013542419", "widow", "1365/04/12"),
    )
    .await;
    let views = |by: &'static str| {
        let app = app.clone();
        async move { showings(&app, "woman.view", woman, by).await }
    };

    app.open_woman(&worker, woman).await.unwrap();
    app.redraw_woman(&worker, woman).await.unwrap();
    app.redraw_woman(&worker, woman).await.unwrap();
    assert_eq!(views("a.worker").await, 1, "redraws are not openings");
    app.open_woman(&worker, woman).await.unwrap();
    assert_eq!(views("a.worker").await, 2, "every opening counts");

    app.redraw_woman(&expert, woman).await.unwrap();
    assert_eq!(
        views("a.expert").await,
        1,
        "a redraw of a file never opened is a disclosure"
    );

    clock.advance(jiff::SignedDuration::from_hours(13));
    app.redraw_woman(&worker, woman).await.unwrap();
    assert_eq!(
        views("a.worker").await,
        3,
        "no session lasts that long: the redraw is recorded"
    );

    let record = app.open_woman_for_edit(&worker, woman).await.unwrap();
    assert_eq!(record.id, woman);
    assert_eq!(
        showings(&app, "woman.view_for_edit", woman, "a.worker").await,
        1
    );
    assert_eq!(
        views("a.worker").await,
        3,
        "the edit form is not a file opening"
    );
    let auditor = user(&app, "auditor", "auditor", "ir").await;
    assert!(matches!(
        app.open_woman_for_edit(&auditor, woman).await,
        Err(AppError::Forbidden)
    ));
    assert!(app.verify_audit().await.unwrap().is_intact());
}

async fn the_duplicate_queue_records_each_woman_it_shows(db: &TestDatabase) {
    let app = app_on(db).await;
    let abyek = place(&app, "ir.qazvin.abyek").await;
    let avaj = place(&app, "ir.qazvin.avaj").await;
    let worker = user(&app, "a.worker", "social_worker", "ir.qazvin.abyek").await;
    let reviewer = user(&app, "a.expert", "county_expert", "ir.qazvin.abyek").await;
    let facilitator = user(&app, "a.facilitator", "facilitator", "ir.qazvin.abyek").await;
    let avaj_reviewer = user(&app, "v.expert", "county_expert", "ir.qazvin.avaj").await;
    // Same name and birth date: the second queues one pair, the third two more.
    let mut women = Vec::new();
    for national_id in ["0013542419", "0084575948", "2720012343"] {
        let input = woman_input(national_id, "widow", "1365/04/12");
        women.push(register(&app, &worker, abyek, &input).await);
    }
    // One more in Avaj, whose three pairs belong to Avaj's queue.
    let avaj_woman = register(
        &app,
        &Actor::console(),
        avaj,
        &woman_input("1234567891", "widow", "1365/04/12"),
    )
    .await;

    let page = app
        .duplicate_pairs(&reviewer, Some("open"), 1, 0, Showing::Opening)
        .await
        .unwrap();
    assert_eq!(page.pairs.len(), 1);
    assert!(page.has_more);
    let pair = &page.pairs[0];
    let shown = [pair.candidate.woman_id, pair.candidate.other_id];
    let rows = audit_rows(&app, "woman.view_in_duplicates").await;
    let mut recorded: Vec<_> = rows.iter().map(|row| row.entity_id.clone()).collect();
    recorded.sort();
    let mut expected: Vec<_> = shown.iter().map(WomanId::to_string).collect();
    expected.sort();
    assert_eq!(recorded, expected, "only the women of the pair shown");
    assert!(rows.iter().all(|row| row.actor_name == "a.expert"
        && row.entity_kind == "woman"
        && row.county_id == Some(abyek)
        && row.after.as_deref()
            == Some(
                format!(r#"{{"candidates":[{}],"masked":false}}"#, pair.candidate.id).as_str()
            )));

    let page = app
        .duplicate_pairs(&reviewer, Some("open"), 20, 0, Showing::Opening)
        .await
        .unwrap();
    assert_eq!(page.pairs.len(), 3);
    assert!(!page.has_more);
    let rows = audit_rows(&app, "woman.view_in_duplicates").await;
    assert_eq!(rows.len(), 2 + 3, "one row per woman shown on the page");
    let third = rows
        .iter()
        .find(|row| row.entity_id == women[2].to_string())
        .unwrap();
    let after = third.after.as_deref().unwrap();
    let candidates = &after[after.find('[').unwrap() + 1..after.find(']').unwrap()];
    assert_eq!(
        candidates.split(',').count(),
        2,
        "she was in two pairs: {after}"
    );

    app.duplicate_pairs(&reviewer, Some("open"), 20, 0, Showing::Redraw)
        .await
        .unwrap();
    assert_eq!(
        audit_rows(&app, "woman.view_in_duplicates").await.len(),
        5,
        "drawing the page again after a refusal is not another showing"
    );

    app.duplicate_pairs(&facilitator, Some("open"), 20, 0, Showing::Opening)
        .await
        .unwrap();
    let masked = audit_rows(&app, "woman.view_in_duplicates").await;
    assert_eq!(masked.len(), 8);
    assert!(
        masked[..3]
            .iter()
            .all(|row| row.actor_name == "a.facilitator"
                && row.after.as_deref().unwrap().ends_with(r#""masked":true}"#))
    );

    // Avaj's reviewer sees Avaj's pairs, whose Abyek halves are out of scope: only the Avaj
    // woman is shown, so only she is recorded.
    let page = app
        .duplicate_pairs(&avaj_reviewer, Some("open"), 20, 0, Showing::Opening)
        .await
        .unwrap();
    assert_eq!(page.pairs.len(), 3);
    assert!(
        page.pairs
            .iter()
            .all(|pair| pair.woman.is_some() != pair.other.is_some())
    );
    let rows = audit_rows(&app, "woman.view_in_duplicates").await;
    assert_eq!(rows.len(), 9);
    assert_eq!(rows[0].actor_name, "v.expert");
    assert_eq!(rows[0].entity_id, avaj_woman.to_string());
    assert_eq!(rows[0].county_id, Some(avaj));
    assert!(app.verify_audit().await.unwrap().is_intact());
}

// ---------------------------------------------------------------------------------------
// Registry: imports

fn import_row(line: u64, national_id: &str, first: &str, last: &str, mobile: &str) -> ImportRow {
    let mut input = woman_input(national_id, "widow", "1365/04/12");
    input.first_name = first.into();
    input.last_name = last.into();
    input.mobile = mobile.into();
    ImportRow {
        line,
        county: "آبیک".into(),
        input,
    }
}

async fn an_import_reports_every_problem_by_line_and_queues_its_likely_duplicates(
    db: &TestDatabase,
) {
    let app = app_on(db).await;
    let abyek = place(&app, "ir.qazvin.abyek").await;
    let worker = user(&app, "a.worker", "social_worker", "ir.qazvin.abyek").await;
    let mut registered = woman_input("0013542419", "widow", "1365/04/12");
    registered.mobile = "09121234567".into();
    let registered = register(&app, &worker, abyek, &registered).await;

    let mut importer = app
        .begin_import(&worker, "women.xlsx", ImportOptions::default())
        .await
        .unwrap();
    let rows = [
        // Her name in Arabic letters, her birth date: a likely duplicate, imported.
        import_row(2, "0011111119", "زهرا", "احمدي", ""),
        import_row(3, "0011111118", "مریم", "کریمی", ""),
        import_row(4, "0011111119", "سارا", "رضایی", ""),
        import_row(5, "0013542419", "زهرا", "احمدی", ""),
        // Her mobile: a likely duplicate, imported.
        import_row(6, "0022222235", "لیلا", "نوری", "۰۹۱۲۱۲۳۴۵۶۷"),
        import_row(7, "0033333343", "مینا", "صادقی", ""),
    ];
    for row in rows {
        importer.push(row).await.unwrap();
    }
    assert_eq!(importer.rows_read(), 6);
    let summary = importer.finish().await.unwrap();
    assert_eq!(
        (
            summary.read,
            summary.imported,
            summary.rejected,
            summary.duplicates,
            summary.likely_duplicates,
            summary.committed,
        ),
        (6, 3, 1, 2, 2, true)
    );
    let lines: Vec<(u64, &str)> = summary
        .problems
        .iter()
        .map(|p| (p.line, p.field.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![(3, "national_id"), (4, "national_id"), (5, "national_id")]
    );
    assert!(
        Lang::Fa
            .message(&summary.problems[1].message)
            .contains("همین فایل")
    );
    assert!(
        Lang::Fa
            .message(&summary.problems[2].message)
            .contains("پیش‌تر ثبت شده")
    );

    let reviewer = user(&app, "a.expert", "county_expert", "ir.qazvin.abyek").await;
    let page = app
        .duplicate_pairs(&reviewer, Some("open"), 20, 0, Showing::Opening)
        .await
        .unwrap();
    let mut reasons: Vec<(WomanId, String)> = page
        .pairs
        .iter()
        .map(|pair| (pair.candidate.other_id, pair.candidate.reason.clone()))
        .collect();
    reasons.sort();
    assert_eq!(
        reasons,
        vec![
            (registered, "same_mobile".to_owned()),
            (registered, "same_name_birth".to_owned()),
        ]
    );
    let imports = audit_rows(&app, "woman.import").await;
    assert_eq!(imports.len(), 1);
    let after = imports[0].after.as_deref().unwrap();
    assert!(after.contains(r#""imported":3"#) && after.contains(r#""likely_duplicates":2"#));
    assert!(app.verify_audit().await.unwrap().is_intact());
}

async fn an_import_dropped_before_it_finishes_leaves_the_registry_as_it_was(db: &TestDatabase) {
    let app = app_on(db).await;
    let worker = user(&app, "a.worker", "social_worker", "ir.qazvin.abyek").await;
    let mut importer = app
        .begin_import(&worker, "women.csv", ImportOptions::default())
        .await
        .unwrap();
    for index in 0..2_500_u64 {
        let national_id = format!("{:09}", 100_000_000 + index * 7);
        let body: u32 = national_id
            .chars()
            .enumerate()
            .map(|(i, d)| d.to_digit(10).unwrap() * (10 - i as u32))
            .sum();
        let check = match body % 11 {
            r if r < 2 => r,
            r => 11 - r,
        };
        let row = import_row(
            index + 2,
            &format!("{national_id}{check}"),
            "زهرا",
            "احمدی",
            "",
        );
        importer.push(row).await.unwrap();
    }
    // Two batches have been handed to the writer; the process stops here.
    drop(importer);
    // The writer may still be closing; a new write transaction waits for it.
    let importer = app
        .begin_import(&worker, "again.csv", ImportOptions::default())
        .await
        .unwrap();
    let summary = importer.finish().await.unwrap();
    assert_eq!(summary.imported, 0);
    let search = hamyar_app::registry::search::WomanQuery {
        page_size: 50,
        ..Default::default()
    };
    let found = app.search_women(&worker, &search).await.unwrap();
    assert!(
        found.items.is_empty(),
        "nothing of the dropped import remains"
    );
}

hamyar_store::on_both_databases!(
    reference_places_are_seeded_once_with_all_provinces_and_qazvins_counties,
    a_provincial_administrator_cannot_create_accounts_in_another_province,
    roles_without_the_right_are_refused_and_nothing_is_written,
    an_account_outside_the_scope_looks_missing_and_opening_one_is_audited,
    a_rename_holds_from_its_date_and_keeps_the_old_name,
    an_administrator_adds_a_county_that_then_scopes_users,
    every_change_lands_in_a_chain_that_verifies,
    a_disabled_user_cannot_log_in_and_loses_open_sessions,
    a_provinces_own_singlehood_age_judges_its_women_and_every_change_is_audited,
    a_file_counts_openings_not_redraws_and_the_edit_form_counts_apart,
    the_duplicate_queue_records_each_woman_it_shows,
    an_import_reports_every_problem_by_line_and_queues_its_likely_duplicates,
    an_import_dropped_before_it_finishes_leaves_the_registry_as_it_was,
);
