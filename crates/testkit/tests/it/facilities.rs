//! A woman's facility history and the double-support warning against a real database, on
//! SQLite and on PostgreSQL: a social worker in Takestan declares support from other bodies
//! (typed with Persian digits and separators) and finds it in her history newest first beside
//! the programme's own grant; a refused form changes nothing; the county expert of Abyek can
//! neither declare for nor read a Takestan woman; the warning names support within the
//! province's window and not before it, ignores a withdrawn tranche, and follows the window
//! the province sets.
//!
//! Today is the fixed clock's 1405/09/08 (2026-11-29). The group is written with plain SQL
//! (the groups use-cases are another slice), the women through the registry's use-case.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_i18n::Lang;
use hamyar_testkit::builders::WomanBuilder;
use hamyar_testkit::fixtures::{place, user};
use std::sync::Arc;

use hamyar_app::audit::AuditQuery;
use hamyar_app::facilities::ProgrammeSupport;
use hamyar_app::{Actor, App, AppError, AppSettings, FixedClock};
use hamyar_domain::facilities::{DeclarationInput, FacilityBody, FacilityKind, FacilitySource};
use hamyar_domain::{JalaliDate, Rials};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::test_start;

struct World {
    app: App,
    qazvin: PlaceId,
    social_worker: Actor,
    provincial: Actor,
    abyek_expert: Actor,
    group: GroupId,
    /// Two Takestan women.
    women: [WomanId; 2],
}

async fn world(db: &TestDatabase) -> World {
    let clock = Arc::new(FixedClock::new(test_start()));
    let app = App::new(db.store.clone(), clock, AppSettings::default());
    app.seed_reference_places().await.unwrap();
    let qazvin = place(&app, "ir.qazvin").await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let social_worker = user(&app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    let provincial = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let abyek_expert = user(&app, "a.expert", "county_expert", "ir.qazvin.abyek").await;
    let women = [
        WomanBuilder::new(&app, &social_worker, takestan, "0013542419")
            .first_name("مریم")
            .register()
            .await,
        WomanBuilder::new(&app, &social_worker, takestan, "0084575948")
            .first_name("زهرا")
            .register()
            .await,
    ];
    let group = sqlx::query_scalar(
        "INSERT INTO hamyar_groups (code, name, name_key, province_id, county_id, locality, \
         business_field, business_field_other, premises, premises_address, stage, notes, \
         created_at, updated_at) VALUES ('TK-1', 'گروه نور', 'گروه نور', $1, $2, 'تاکستان', \
         'tailoring', '', 'home', '', 'funded', '', '2026-04-04T06:30:00.000Z', \
         '2026-04-04T06:30:00.000Z') RETURNING id",
    )
    .bind(qazvin)
    .bind(takestan)
    .fetch_one(db.store.pool())
    .await
    .unwrap();
    World {
        app,
        qazvin,
        social_worker,
        provincial,
        abyek_expert,
        group,
        women,
    }
}

fn declaration(body: &str, kind: &str, amount: &str, granted_on: &str) -> DeclarationInput {
    DeclarationInput {
        body: body.into(),
        body_name: String::new(),
        kind: kind.into(),
        amount: amount.into(),
        granted_on: granted_on.into(),
        note: "طبق استعلام".into(),
    }
}

fn day(year: i32, month: u8, day: u8) -> JalaliDate {
    JalaliDate::new(year, month, day).unwrap()
}

fn grant(
    woman_id: WomanId,
    group: GroupId,
    tranche: hamyar_app::ports::grants::TrancheId,
    granted_on: JalaliDate,
) -> ProgrammeSupport {
    ProgrammeSupport {
        woman_id,
        group_id: Some(group),
        grant_tranche_id: tranche,
        kind: FacilityKind::Grant,
        amount_rials: 60_000_000,
        granted_on,
        note: "سرمایه کار".into(),
    }
}

async fn audit_count(app: &App, action: &str) -> usize {
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
    .len()
}

fn invalid_fields(error: AppError) -> Vec<&'static str> {
    match error {
        AppError::Invalid(errors) => errors.iter().map(|e| e.field).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

async fn declared_support_and_the_programmes_grant_are_in_her_history_newest_first(
    db: &TestDatabase,
) {
    let w = world(db).await;
    let maryam = w.women[0];
    w.app
        .declare_facility(
            &w.social_worker,
            maryam,
            &declaration("کمیته امداد", "وام", "۳۰٬۰۰۰٬۰۰۰", "۱۴۰۴/۰۲/۱۵"),
        )
        .await
        .unwrap();
    w.app
        .declare_facility(
            &w.social_worker,
            maryam,
            &DeclarationInput {
                body_name: "بانک کشاورزی".into(),
                ..declaration("bank", "loan", "45,000,000", "1405/07/01")
            },
        )
        .await
        .unwrap();
    w.app
        .record_programme_support(
            &w.provincial,
            &[grant(
                maryam,
                w.group,
                hamyar_app::ports::grants::TrancheId::new(11),
                day(1405, 8, 20),
            )],
        )
        .await
        .unwrap();

    let history = w
        .app
        .facility_history(&w.social_worker, maryam)
        .await
        .unwrap();
    let seen: Vec<_> = history
        .iter()
        .map(|e| (e.source, e.body, e.kind, e.amount, e.granted_on))
        .collect();
    assert_eq!(
        seen,
        [
            (
                FacilitySource::Programme,
                FacilityBody::Hamyar,
                FacilityKind::Grant,
                Rials::new(60_000_000),
                day(1405, 8, 20)
            ),
            (
                FacilitySource::Declared,
                FacilityBody::Bank,
                FacilityKind::Loan,
                Rials::new(45_000_000),
                day(1405, 7, 1)
            ),
            (
                FacilitySource::Declared,
                FacilityBody::ReliefCommittee,
                FacilityKind::Loan,
                Rials::new(30_000_000),
                day(1404, 2, 15)
            ),
        ]
    );
    assert_eq!(history[0].group, Some((w.group, "گروه نور".to_owned())));
    assert_eq!(
        history[0].grant_tranche_id,
        Some(hamyar_app::ports::grants::TrancheId::new(11))
    );
    assert_eq!(history[1].body_name, "بانک کشاورزی");
    assert_eq!(history[1].recorded_by_name, "کاربر t.worker");
    assert!(
        w.app
            .facility_history(&w.social_worker, w.women[1])
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(audit_count(&w.app, "woman.facility_declared").await, 2);
    assert_eq!(audit_count(&w.app, "woman.facility_recorded").await, 1);
    assert_eq!(audit_count(&w.app, "woman.view_facilities").await, 2);

    // The same tranche cannot enter her history twice.
    let again = w
        .app
        .record_programme_support(
            &w.provincial,
            &[grant(
                maryam,
                w.group,
                hamyar_app::ports::grants::TrancheId::new(11),
                day(1405, 8, 21),
            )],
        )
        .await;
    assert!(
        matches!(
            again,
            Err(AppError::Conflict {
                field: "grant_tranche_id",
                ..
            })
        ),
        "{again:?}"
    );
}

async fn a_refused_declaration_explains_every_field_and_changes_nothing(db: &TestDatabase) {
    let w = world(db).await;
    let maryam = w.women[0];
    let error = w
        .app
        .declare_facility(
            &w.social_worker,
            maryam,
            &declaration("hamyar", "gift", "۱۲الف", "1405/12/01"),
        )
        .await
        .unwrap_err();
    match &error {
        AppError::Invalid(errors) => {
            let amount = errors.iter().find(|e| e.field == "amount").unwrap();
            let message_fa = Lang::Fa.message(&amount.message);
            assert!(message_fa.contains("فقط می‌تواند شامل رقم"), "{message_fa}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        invalid_fields(error),
        ["body", "kind", "amount", "granted_on"]
    );
    let error = w
        .app
        .declare_facility(
            &w.social_worker,
            maryam,
            &declaration("other", "grant", "0", "1405/01/01"),
        )
        .await
        .unwrap_err();
    assert_eq!(invalid_fields(error), ["body_name", "amount"]);
    assert!(
        w.app
            .facility_history(&w.social_worker, maryam)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(audit_count(&w.app, "woman.facility_declared").await, 0);
}

async fn a_woman_outside_the_actors_place_is_not_found_and_readers_may_not_declare(
    db: &TestDatabase,
) {
    let w = world(db).await;
    let maryam = w.women[0];
    let valid = declaration("bank", "loan", "10000000", "1405/01/01");
    let refused = w
        .app
        .declare_facility(&w.abyek_expert, maryam, &valid)
        .await;
    assert!(matches!(refused, Err(AppError::NotFound)), "{refused:?}");
    let read = w.app.facility_history(&w.abyek_expert, maryam).await;
    assert!(matches!(read, Err(AppError::NotFound)), "{read:?}");
    let warned = w
        .app
        .support_warnings(&w.abyek_expert, &[maryam], day(1405, 9, 8))
        .await;
    assert!(matches!(warned, Err(AppError::NotFound)), "{warned:?}");

    let public_relations = user(&w.app, "q.pr", "public_relations", "ir.qazvin").await;
    let read = w.app.facility_history(&public_relations, maryam).await;
    assert!(matches!(read, Err(AppError::Forbidden)), "{read:?}");
    let auditor = user(&w.app, "q.auditor", "auditor", "ir.qazvin").await;
    let declared = w.app.declare_facility(&auditor, maryam, &valid).await;
    assert!(matches!(declared, Err(AppError::Forbidden)), "{declared:?}");
    let recorded = w
        .app
        .record_programme_support(
            &w.social_worker,
            &[grant(
                maryam,
                w.group,
                hamyar_app::ports::grants::TrancheId::new(1),
                day(1405, 1, 1),
            )],
        )
        .await;
    assert!(matches!(recorded, Err(AppError::Forbidden)), "{recorded:?}");
    assert!(
        w.app
            .facility_history(&w.provincial, maryam)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn the_warning_names_support_within_the_window_and_not_before_it(db: &TestDatabase) {
    let w = world(db).await;
    let [maryam, zahra] = w.women;
    // Within twelve months of 1405/09/08 (the window starts on 1404/09/08).
    w.app
        .declare_facility(
            &w.social_worker,
            maryam,
            &declaration("relief_committee", "grant", "۲۰٬۰۰۰٬۰۰۰", "1404/09/08"),
        )
        .await
        .unwrap();
    // One day before the window.
    w.app
        .declare_facility(
            &w.social_worker,
            zahra,
            &declaration("bank", "loan", "15000000", "1404/09/07"),
        )
        .await
        .unwrap();
    let today = day(1405, 9, 8);
    let warnings = w
        .app
        .support_warnings(&w.social_worker, &[maryam, zahra, maryam], today)
        .await
        .unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let warning = &warnings[0];
    assert_eq!(warning.woman_id, maryam);
    assert_eq!(warning.woman_name, "مریم کریمی");
    assert_eq!(warning.window.months(), 12);
    assert_eq!(warning.from, day(1404, 9, 8));
    assert_eq!(warning.prior.len(), 1);
    assert_eq!(warning.prior[0].body, FacilityBody::ReliefCommittee);
    assert_eq!(warning.prior[0].amount, Rials::new(20_000_000));
    // Asking about an earlier date moves the window back.
    let earlier = w
        .app
        .support_warnings(&w.social_worker, &[zahra], day(1405, 6, 1))
        .await
        .unwrap();
    assert_eq!(earlier.len(), 1);
    assert_eq!(audit_count(&w.app, "woman.view_facilities").await, 2);
}

async fn a_withdrawn_tranche_no_longer_counts_but_stays_in_the_history(db: &TestDatabase) {
    let w = world(db).await;
    let [maryam, zahra] = w.women;
    w.app
        .record_programme_support(
            &w.provincial,
            &[
                grant(
                    maryam,
                    w.group,
                    hamyar_app::ports::grants::TrancheId::new(7),
                    day(1405, 6, 1),
                ),
                grant(
                    zahra,
                    w.group,
                    hamyar_app::ports::grants::TrancheId::new(7),
                    day(1405, 6, 1),
                ),
            ],
        )
        .await
        .unwrap();
    let today = day(1405, 9, 8);
    let before = w
        .app
        .support_warnings(&w.provincial, &[maryam, zahra], today)
        .await
        .unwrap();
    assert_eq!(before.len(), 2);

    let withdrawn = w
        .app
        .withdraw_programme_support(
            &w.provincial,
            hamyar_app::ports::grants::TrancheId::new(7),
            day(1405, 7, 1),
        )
        .await
        .unwrap();
    assert_eq!(withdrawn, 2);
    let again = w
        .app
        .withdraw_programme_support(
            &w.provincial,
            hamyar_app::ports::grants::TrancheId::new(7),
            day(1405, 7, 2),
        )
        .await
        .unwrap();
    assert_eq!(again, 0, "a tranche is withdrawn once");
    assert!(
        w.app
            .support_warnings(&w.provincial, &[maryam, zahra], today)
            .await
            .unwrap()
            .is_empty()
    );
    let history = w.app.facility_history(&w.provincial, maryam).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].withdrawn_on, Some(day(1405, 7, 1)));
    assert_eq!(audit_count(&w.app, "woman.facility_withdrawn").await, 2);
}

async fn the_provinces_window_decides_what_counts(db: &TestDatabase) {
    let w = world(db).await;
    let zahra = w.women[1];
    w.app
        .declare_facility(
            &w.social_worker,
            zahra,
            &declaration("behzisti_other", "grant", "8000000", "1404/03/01"),
        )
        .await
        .unwrap();
    let today = day(1405, 9, 8);
    let none = w
        .app
        .support_warnings(&w.social_worker, &[zahra], today)
        .await
        .unwrap();
    assert!(none.is_empty());
    assert_eq!(
        w.app
            .double_support_months(&w.provincial, w.qazvin)
            .await
            .unwrap()
            .months(),
        12
    );

    for bad in ["0", "۱۲۱", "دوازده", ""] {
        let error = w
            .app
            .set_double_support_months(&w.provincial, w.qazvin, bad)
            .await
            .unwrap_err();
        assert_eq!(invalid_fields(error), ["double_support_months"], "{bad}");
    }
    let refused = w
        .app
        .set_double_support_months(&w.social_worker, w.qazvin, "24")
        .await;
    assert!(matches!(refused, Err(AppError::Forbidden)), "{refused:?}");
    let tehran = place(&w.app, "ir.tehran").await;
    let elsewhere = w
        .app
        .set_double_support_months(&w.provincial, tehran, "24")
        .await;
    assert!(
        matches!(elsewhere, Err(AppError::NotFound)),
        "{elsewhere:?}"
    );

    w.app
        .set_double_support_months(&w.provincial, w.qazvin, "۲۴")
        .await
        .unwrap();
    let warnings = w
        .app
        .support_warnings(&w.social_worker, &[zahra], today)
        .await
        .unwrap();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].window.months(), 24);
    assert_eq!(
        audit_count(&w.app, "settings.double_support_months").await,
        1
    );
}

hamyar_store::on_both_databases!(
    declared_support_and_the_programmes_grant_are_in_her_history_newest_first,
    a_refused_declaration_explains_every_field_and_changes_nothing,
    a_woman_outside_the_actors_place_is_not_found_and_readers_may_not_declare,
    the_warning_names_support_within_the_window_and_not_before_it,
    a_withdrawn_tranche_no_longer_counts_but_stays_in_the_history,
    the_provinces_window_decides_what_counts,
);
