//! The storage contract: what the application may rely on from any `Database`, checked on
//! both backends. Each test is written once as `async fn name(db: &TestDatabase)`;
//! `hamyar_store::on_both_databases!` at the bottom turns the list of names into a `sqlite`
//! module (always run) and a `postgres` module (run when `HAMYAR_TEST_POSTGRES_URL` is set).

use hamyar_app::access::{PlaceId, Role};
use std::time::Duration;

use hamyar_app::audit::ChainVerifier;
use hamyar_app::clock::storage_timestamp;
use hamyar_app::ports::{
    AuditFilter, AuditRow, Backend, Database, NewAuditRow, NewPlaceNameRow, NewPlaceRow,
    NewUserRow, SessionRow, StoreError, Tx, UserFilter,
};
use hamyar_store::testing::TestDatabase;
use hamyar_store::{ConnectSettings, connect, store_error};
use jiff::Timestamp;

// ---------------------------------------------------------------------------------------
// Fixtures

/// A fixed instant plus `seconds`, whole milliseconds so it survives the storage format.
fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

/// The place tree most tests need: a country, two provinces and a county in each.
#[derive(Debug, Clone, Copy)]
struct Places {
    country: PlaceId,
    tehran: PlaceId,
    tehran_shemiranat: PlaceId,
    qazvin: PlaceId,
    qazvin_abyek: PlaceId,
}

fn place(kind: &str, parent_id: Option<PlaceId>, code: &str) -> NewPlaceRow {
    NewPlaceRow {
        kind: kind.into(),
        parent_id,
        code: code.into(),
        created_at: at(0),
    }
}

async fn insert_places(tx: &mut dyn Tx) -> Places {
    let country = tx
        .insert_place(&place("country", None, "ir"))
        .await
        .unwrap();
    let tehran = tx
        .insert_place(&place("province", Some(country), "ir.tehran"))
        .await
        .unwrap();
    let tehran_shemiranat = tx
        .insert_place(&place("county", Some(tehran), "ir.tehran.shemiranat"))
        .await
        .unwrap();
    let qazvin = tx
        .insert_place(&place("province", Some(country), "ir.qazvin"))
        .await
        .unwrap();
    let qazvin_abyek = tx
        .insert_place(&place("county", Some(qazvin), "ir.qazvin.abyek"))
        .await
        .unwrap();
    Places {
        country,
        tehran,
        tehran_shemiranat,
        qazvin,
        qazvin_abyek,
    }
}

async fn seeded(db: &TestDatabase) -> Places {
    let mut tx = db.store.write().await.unwrap();
    let places = insert_places(tx.as_mut()).await;
    tx.commit().await.unwrap();
    places
}

fn user(
    username: &str,
    scope: PlaceId,
    province: Option<PlaceId>,
    county: Option<PlaceId>,
) -> NewUserRow {
    NewUserRow {
        username: username.into(),
        display_name: format!("کاربر {username}"),
        role: Role::SocialWorker,
        scope_place_id: scope,
        province_id: province,
        county_id: county,
        password_hash: format!("$argon2id$hash-of-{username}"),
        locale: "fa".into(),
        money_unit: "toman".into(),
        created_at: at(10),
    }
}

async fn insert_user(db: &TestDatabase, row: &NewUserRow) -> hamyar_app::access::UserId {
    let mut tx = db.store.write().await.unwrap();
    let id = tx.insert_user(row).await.unwrap();
    tx.commit().await.unwrap();
    id
}

fn audit(action: &str, seconds: i64) -> NewAuditRow {
    NewAuditRow {
        at: at(seconds),
        actor_user_id: Some(hamyar_app::access::UserId::new(1)),
        actor_name: "admin".into(),
        action: action.into(),
        entity_kind: "user".into(),
        entity_id: "10".into(),
        province_id: None,
        county_id: None,
        before: None,
        after: Some(format!("{{\"action\":\"{action}\"}}")),
        subjects: Vec::new(),
    }
}

fn session(
    token_hash: &str,
    user_id: hamyar_app::access::UserId,
    last_seen_at: Timestamp,
) -> SessionRow {
    SessionRow {
        token_hash: token_hash.into(),
        user_id,
        csrf_token: format!("csrf-{token_hash}"),
        created_at: at(0),
        last_seen_at,
    }
}

fn assert_unique<T: std::fmt::Debug>(result: Result<T, StoreError>, expected: &str) {
    match result {
        Err(StoreError::Unique(name)) => assert_eq!(name, expected),
        other => panic!("expected Unique({expected}), got {other:?}"),
    }
}

async fn seqs(db: &TestDatabase, filter: AuditFilter) -> Vec<i64> {
    let mut tx = db.store.read().await.unwrap();
    let rows = tx.audit_page(&filter).await.unwrap();
    rows.iter().map(|row| row.seq).collect()
}

async fn whole_chain(db: &TestDatabase) -> Vec<AuditRow> {
    let mut tx = db.store.read().await.unwrap();
    tx.audit_chain_after(0, 1000).await.unwrap()
}

fn verify(db: &TestDatabase, rows: &[AuditRow]) -> ChainVerifier {
    let mut verifier = ChainVerifier::new(Some(db.audit_key()));
    for row in rows {
        verifier.check(row).expect("the chain verifies");
    }
    verifier
}

// ---------------------------------------------------------------------------------------
// Users

async fn a_user_can_be_inserted_and_read_back_by_id_and_by_username(db: &TestDatabase) {
    let places = seeded(db).await;
    let row = user("maryam", places.tehran, Some(places.tehran), None);
    let id = insert_user(db, &row).await;

    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.count_users().await.unwrap(), 1);
    let by_id = tx.user_by_id(id).await.unwrap().expect("the user by id");
    let by_username = tx.user_by_username("maryam").await.unwrap();
    assert_eq!(by_username.as_ref(), Some(&by_id));
    assert_eq!(
        (
            by_id.id,
            by_id.username.as_str(),
            by_id.display_name.as_str()
        ),
        (id, "maryam", "کاربر maryam")
    );
    assert_eq!(
        (by_id.scope_place_id, by_id.province_id, by_id.county_id),
        (places.tehran, Some(places.tehran), None)
    );
    assert_eq!(by_id.password_hash, row.password_hash);
    assert_eq!(
        (by_id.locale.as_str(), by_id.money_unit.as_str()),
        ("fa", "toman")
    );
    assert_eq!(
        (by_id.created_at, by_id.updated_at, by_id.disabled_at),
        (at(10), at(10), None)
    );
    assert_eq!(
        tx.user_by_id(hamyar_app::access::UserId::new(id.get() + 1000))
            .await
            .unwrap(),
        None
    );
    assert_eq!(tx.user_by_username("nobody").await.unwrap(), None);
}

/// Accounts are listed by their holders' names in Persian alphabetical order — پ after ب, ژ
/// after ز, ک and گ before ل, و before ه — which byte order of Persian text gets wrong.
async fn people_are_listed_in_persian_alphabetical_order(db: &TestDatabase) {
    let p = seeded(db).await;
    let people = [
        ("u1", "هانیه صالحی"),
        ("u2", "وحیده کریمی"),
        ("u3", "گلناز امینی"),
        ("u4", "کبری زارع"),
        ("u5", "ژاله رضایی"),
        ("u6", "پروین احمدی"),
        ("u7", "بهاره نوری"),
    ];
    for (username, name) in people {
        let mut row = user(username, p.tehran, Some(p.tehran), None);
        row.display_name = name.into();
        insert_user(db, &row).await;
    }
    let mut tx = db.store.read().await.unwrap();
    let listed: Vec<String> = tx
        .list_users(&UserFilter {
            limit: 100,
            ..UserFilter::default()
        })
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.display_name)
        .collect();
    assert_eq!(
        listed,
        [
            "بهاره نوری",
            "پروین احمدی",
            "ژاله رضایی",
            "کبری زارع",
            "گلناز امینی",
            "وحیده کریمی",
            "هانیه صالحی",
        ]
    );
}

async fn users_are_listed_by_name_within_a_province_or_county(db: &TestDatabase) {
    let p = seeded(db).await;
    insert_user(db, &user("zahra", p.country, None, None)).await;
    insert_user(db, &user("reza", p.tehran, Some(p.tehran), None)).await;
    insert_user(
        db,
        &user(
            "ali",
            p.tehran_shemiranat,
            Some(p.tehran),
            Some(p.tehran_shemiranat),
        ),
    )
    .await;
    insert_user(
        db,
        &user("sara", p.qazvin_abyek, Some(p.qazvin), Some(p.qazvin_abyek)),
    )
    .await;
    insert_user(db, &user("Bahar", p.qazvin, Some(p.qazvin), None)).await;

    let mut tx = db.store.read().await.unwrap();
    let mut names = async |filter: UserFilter| -> Vec<String> {
        let rows = tx.list_users(&filter).await.unwrap();
        rows.into_iter().map(|row| row.username).collect()
    };
    let all = UserFilter {
        limit: 100,
        ..UserFilter::default()
    };
    // Their names are «کاربر <username>»: after the shared Persian word, byte order on both
    // engines, so upper case sorts before lower case.
    assert_eq!(
        names(all.clone()).await,
        ["Bahar", "ali", "reza", "sara", "zahra"]
    );
    let tehran = UserFilter {
        province_id: Some(p.tehran),
        ..all.clone()
    };
    assert_eq!(names(tehran).await, ["ali", "reza"]);
    let abyek = UserFilter {
        county_id: Some(p.qazvin_abyek),
        ..all.clone()
    };
    assert_eq!(names(abyek).await, ["sara"]);
    let both = UserFilter {
        province_id: Some(p.qazvin),
        county_id: Some(p.tehran_shemiranat),
        ..all.clone()
    };
    assert!(names(both).await.is_empty());
    let page = UserFilter {
        limit: 2,
        offset: 1,
        ..UserFilter::default()
    };
    assert_eq!(names(page).await, ["ali", "reza"]);
    // An all-default filter (limit 0) means "no limit", not "nothing".
    assert_eq!(names(UserFilter::default()).await.len(), 5);
}

async fn a_duplicate_username_is_refused_as_unique_users_username(db: &TestDatabase) {
    let places = seeded(db).await;
    insert_user(db, &user("maryam", places.country, None, None)).await;
    let mut tx = db.store.write().await.unwrap();
    let duplicate = tx
        .insert_user(&user("maryam", places.tehran, Some(places.tehran), None))
        .await;
    assert_unique(duplicate, "users.username");
}

async fn a_user_whose_scope_place_does_not_exist_is_refused_as_a_foreign_key(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let result = tx
        .insert_user(&user("ghost", PlaceId::new(9999), None, None))
        .await;
    assert!(matches!(result, Err(StoreError::ForeignKey)), "{result:?}");
}

async fn a_password_update_replaces_the_hash_and_the_update_time(db: &TestDatabase) {
    let places = seeded(db).await;
    let id = insert_user(db, &user("maryam", places.country, None, None)).await;
    let mut tx = db.store.write().await.unwrap();
    tx.update_user_password(id, "$argon2id$new", at(500))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let row = tx.user_by_id(id).await.unwrap().unwrap();
    assert_eq!(row.password_hash, "$argon2id$new");
    assert_eq!((row.created_at, row.updated_at), (at(10), at(500)));
}

async fn a_user_can_be_disabled_and_enabled_again(db: &TestDatabase) {
    let places = seeded(db).await;
    let id = insert_user(db, &user("maryam", places.country, None, None)).await;
    let mut tx = db.store.write().await.unwrap();
    tx.set_user_disabled(id, Some(at(600)), at(600))
        .await
        .unwrap();
    let disabled = tx.user_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        (disabled.disabled_at, disabled.updated_at),
        (Some(at(600)), at(600))
    );
    tx.set_user_disabled(id, None, at(700)).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let enabled = tx.user_by_id(id).await.unwrap().unwrap();
    assert_eq!((enabled.disabled_at, enabled.updated_at), (None, at(700)));
}

async fn preferences_are_saved_with_the_update_time(db: &TestDatabase) {
    let places = seeded(db).await;
    let id = insert_user(db, &user("maryam", places.country, None, None)).await;
    let mut tx = db.store.write().await.unwrap();
    tx.update_user_preferences(id, "en", "rial", at(800))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let row = tx.user_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        (row.locale.as_str(), row.money_unit.as_str(), row.updated_at),
        ("en", "rial", at(800))
    );
}

// ---------------------------------------------------------------------------------------
// Places

async fn places_are_stored_and_found_by_id_and_by_code(db: &TestDatabase) {
    let places = seeded(db).await;
    let mut tx = db.store.read().await.unwrap();
    let all = tx.all_places().await.unwrap();
    let codes: Vec<&str> = all.iter().map(|row| row.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "ir",
            "ir.tehran",
            "ir.tehran.shemiranat",
            "ir.qazvin",
            "ir.qazvin.abyek"
        ]
    );
    let abyek = tx.place_by_code("ir.qazvin.abyek").await.unwrap().unwrap();
    assert_eq!(abyek.id, places.qazvin_abyek);
    assert_eq!(
        (abyek.kind.as_str(), abyek.parent_id, abyek.created_at),
        ("county", Some(places.qazvin), at(0))
    );
    assert_eq!(
        tx.place_by_id(places.country)
            .await
            .unwrap()
            .unwrap()
            .parent_id,
        None
    );
    assert_eq!(
        tx.place_by_id(places.qazvin_abyek).await.unwrap(),
        Some(abyek)
    );
    assert_eq!(tx.place_by_code("ir.nowhere").await.unwrap(), None);
}

async fn a_duplicate_place_code_is_refused_as_unique_places_code(db: &TestDatabase) {
    let places = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let duplicate = tx
        .insert_place(&place("province", Some(places.country), "ir.tehran"))
        .await;
    assert_unique(duplicate, "places.code");
}

fn name(place_id: PlaceId, name_en: &str, valid_from: &str) -> NewPlaceNameRow {
    NewPlaceNameRow {
        place_id,
        name_fa: format!("نام {name_en}"),
        name_en: name_en.into(),
        valid_from: valid_from.into(),
        recorded_at: at(20),
    }
}

async fn place_names_are_listed_by_place_then_by_date(db: &TestDatabase) {
    let p = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let later = tx
        .insert_place_name(&name(p.qazvin, "Qazvin (new)", "2020-03-21"))
        .await
        .unwrap();
    tx.insert_place_name(&name(p.tehran, "Tehran", "1990-01-01"))
        .await
        .unwrap();
    let earlier = tx
        .insert_place_name(&name(p.qazvin, "Qazvin", "1995-06-01"))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let names = tx.all_place_names().await.unwrap();
    let order: Vec<(PlaceId, &str)> = names
        .iter()
        .map(|row| (row.place_id, row.valid_from.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            (p.tehran, "1990-01-01"),
            (p.qazvin, "1995-06-01"),
            (p.qazvin, "2020-03-21")
        ]
    );
    assert_eq!((names[1].id, names[2].id), (earlier, later));
    assert_eq!(
        (
            names[2].name_fa.as_str(),
            names[2].name_en.as_str(),
            names[2].recorded_at
        ),
        ("نام Qazvin (new)", "Qazvin (new)", at(20))
    );
}

async fn a_second_name_from_the_same_date_is_refused_as_unique_place_names_valid_from(
    db: &TestDatabase,
) {
    let p = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    tx.insert_place_name(&name(p.qazvin, "Qazvin", "1995-06-01"))
        .await
        .unwrap();
    tx.insert_place_name(&name(p.tehran, "Tehran", "1995-06-01"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.store.write().await.unwrap();
    let duplicate = tx
        .insert_place_name(&name(p.qazvin, "Other", "1995-06-01"))
        .await;
    assert_unique(duplicate, "place_names.valid_from");
}

// ---------------------------------------------------------------------------------------
// Sessions

async fn a_session_can_be_inserted_read_touched_and_deleted(db: &TestDatabase) {
    let places = seeded(db).await;
    let user_id = insert_user(db, &user("maryam", places.country, None, None)).await;
    let mut tx = db.store.write().await.unwrap();
    let row = session("hash-1", user_id, at(30));
    tx.insert_session(&row).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    assert_eq!(
        tx.session_by_token_hash("hash-1").await.unwrap(),
        Some(row.clone())
    );
    tx.touch_session("hash-1", at(90)).await.unwrap();
    let touched = tx.session_by_token_hash("hash-1").await.unwrap().unwrap();
    assert_eq!(
        touched,
        SessionRow {
            last_seen_at: at(90),
            ..row
        }
    );
    tx.delete_session("hash-1").await.unwrap();
    assert_eq!(tx.session_by_token_hash("hash-1").await.unwrap(), None);
    assert_eq!(
        tx.session_by_token_hash("never-issued").await.unwrap(),
        None
    );
}

async fn deleting_the_sessions_of_a_user_leaves_other_users_signed_in(db: &TestDatabase) {
    let places = seeded(db).await;
    let maryam = insert_user(db, &user("maryam", places.country, None, None)).await;
    let reza = insert_user(db, &user("reza", places.country, None, None)).await;
    let mut tx = db.store.write().await.unwrap();
    for (token, owner) in [("m1", maryam), ("m2", maryam), ("r1", reza)] {
        tx.insert_session(&session(token, owner, at(30)))
            .await
            .unwrap();
    }
    tx.delete_sessions_of_user(maryam).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.session_by_token_hash("m1").await.unwrap(), None);
    assert_eq!(tx.session_by_token_hash("m2").await.unwrap(), None);
    assert!(tx.session_by_token_hash("r1").await.unwrap().is_some());
}

async fn idle_sessions_are_removed_and_counted(db: &TestDatabase) {
    let places = seeded(db).await;
    let user_id = insert_user(db, &user("maryam", places.country, None, None)).await;
    let mut tx = db.store.write().await.unwrap();
    for (token, seen) in [
        ("old-1", 100),
        ("old-2", 199),
        ("edge", 200),
        ("fresh", 300),
    ] {
        tx.insert_session(&session(token, user_id, at(seen)))
            .await
            .unwrap();
    }
    assert_eq!(tx.delete_sessions_idle_since(at(200)).await.unwrap(), 2);
    assert_eq!(tx.delete_sessions_idle_since(at(200)).await.unwrap(), 0);
    assert!(tx.session_by_token_hash("edge").await.unwrap().is_some());
    assert!(tx.session_by_token_hash("old-2").await.unwrap().is_none());
}

// ---------------------------------------------------------------------------------------
// Audit trail

async fn appended_audit_rows_form_a_chain_that_verifies(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let first = tx.append_audit(&audit("user.create", 1)).await.unwrap();
    let mut second_row = audit("user.update", 2);
    second_row.before = Some("{\"a\":1}".into());
    second_row.actor_user_id = None;
    let second = tx.append_audit(&second_row).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.store.write().await.unwrap();
    let third = tx.append_audit(&audit("user.view", 3)).await.unwrap();
    tx.commit().await.unwrap();

    assert_eq!((first.seq, second.seq, third.seq), (1, 2, 3));
    assert_eq!(first.prev_hash, hamyar_app::audit::GENESIS_HASH);
    assert_eq!(
        (second.prev_hash.as_str(), first.at.as_str()),
        (first.hash.as_str(), storage_timestamp(at(1)).as_str())
    );
    let stored = whole_chain(db).await;
    assert_eq!(stored, [first, second, third]);
    assert_eq!(verify(db, &stored).rows_checked(), 3);

    let mut tx = db.store.read().await.unwrap();
    let tail = tx.audit_chain_after(1, 1).await.unwrap();
    assert_eq!(tail.iter().map(|row| row.seq).collect::<Vec<_>>(), [2]);
}

async fn audit_pages_filter_by_scope_actor_action_entity_and_time(db: &TestDatabase) {
    let rows = [
        ("user.create", Some(1), "user", "10", Some(100), Some(1001)),
        ("user.disable", Some(2), "user", "10", Some(100), None),
        ("place.rename", Some(1), "place", "5", Some(200), Some(2001)),
        ("user_x.create", Some(1), "user", "11", Some(200), None),
        ("session.login", None, "session", "10", None, None),
    ];
    let mut tx = db.store.write().await.unwrap();
    for (hour, (action, actor, kind, id, province, county)) in (0_i64..).zip(rows) {
        let mut row = audit(action, hour * 3600);
        row.actor_user_id = actor.map(hamyar_app::access::UserId::new);
        row.actor_name = actor.map_or_else(|| "console".to_owned(), |id| format!("user{id}"));
        (row.entity_kind, row.entity_id) = (kind.into(), id.into());
        (row.province_id, row.county_id) = (province.map(PlaceId::new), county.map(PlaceId::new));
        tx.append_audit(&row).await.unwrap();
    }
    tx.commit().await.unwrap();

    let all = AuditFilter {
        limit: 50,
        ..AuditFilter::default()
    };
    assert_eq!(seqs(db, all.clone()).await, [5, 4, 3, 2, 1]);
    assert_eq!(
        seqs(
            db,
            AuditFilter {
                province_id: Some(PlaceId::new(100)),
                ..all.clone()
            }
        )
        .await,
        [2, 1]
    );
    assert_eq!(
        seqs(
            db,
            AuditFilter {
                county_id: Some(PlaceId::new(2001)),
                ..all.clone()
            }
        )
        .await,
        [3]
    );
    assert_eq!(
        seqs(
            db,
            AuditFilter {
                actor_user_id: Some(hamyar_app::access::UserId::new(1)),
                ..all.clone()
            }
        )
        .await,
        [4, 3, 1]
    );
    let by_name = AuditFilter {
        actor_name: Some("user1".into()),
        ..all.clone()
    };
    assert_eq!(seqs(db, by_name).await, [4, 3, 1]);
    let exact = AuditFilter {
        action: Some("user.create".into()),
        ..all.clone()
    };
    assert_eq!(seqs(db, exact).await, [1]);
    let prefix = AuditFilter {
        action: Some("user.".into()),
        ..all.clone()
    };
    assert_eq!(seqs(db, prefix).await, [2, 1]);
    let entity = AuditFilter {
        entity_kind: Some("user".into()),
        entity_id: Some("10".into()),
        ..all.clone()
    };
    assert_eq!(seqs(db, entity).await, [2, 1]);
    let window = AuditFilter {
        from: Some(storage_timestamp(at(3600))),
        until: Some(storage_timestamp(at(3 * 3600))),
        ..all.clone()
    };
    assert_eq!(seqs(db, window).await, [3, 2]);
    let page = AuditFilter {
        limit: 2,
        offset: 1,
        ..AuditFilter::default()
    };
    assert_eq!(seqs(db, page).await, [4, 3]);
    assert_eq!(seqs(db, AuditFilter::default()).await.len(), 5);
}

async fn the_database_refuses_to_update_or_delete_audit_rows(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    tx.append_audit(&audit("user.create", 1)).await.unwrap();
    tx.commit().await.unwrap();

    let mut statements = vec![
        "UPDATE audit_log SET actor_name = 'someone else'",
        "DELETE FROM audit_log WHERE seq = 1",
        "DELETE FROM audit_log",
    ];
    if db.backend() == Backend::Postgres {
        statements.push("TRUNCATE audit_log");
    }
    for statement in statements {
        let result = sqlx::query(statement).execute(db.store.pool()).await;
        let error = store_error(result.expect_err(statement));
        assert!(
            matches!(error, StoreError::AppendOnly),
            "{statement}: {error:?}"
        );
    }
    assert_eq!(verify(db, &whole_chain(db).await).rows_checked(), 1);
}

async fn the_audit_guard_is_installed_after_migrating(db: &TestDatabase) {
    let mut tx = db.store.read().await.unwrap();
    assert!(tx.audit_guard_installed().await.unwrap());
}

// ---------------------------------------------------------------------------------------
// Transactions, concurrency, migrations, backups

async fn a_transaction_dropped_without_commit_leaves_nothing(db: &TestDatabase) {
    {
        let mut tx = db.store.write().await.unwrap();
        insert_places(tx.as_mut()).await;
        tx.append_audit(&audit("place.create", 1)).await.unwrap();
    }
    let mut tx = db.store.read().await.unwrap();
    assert!(tx.all_places().await.unwrap().is_empty());
    assert!(tx.audit_chain_after(0, 10).await.unwrap().is_empty());
    drop(tx);
    // The writer lock was released too: the next write goes through.
    let mut tx = db.store.write().await.unwrap();
    tx.insert_place(&place("country", None, "ir"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn sixteen_concurrent_write_transactions_all_succeed_and_chain_in_order(db: &TestDatabase) {
    let mut tasks = Vec::new();
    for writer in 0..16_i64 {
        let store = db.store.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = store.write().await?;
            tx.append_audit(&audit(&format!("place.create.{writer}"), writer))
                .await?;
            // Hold the transaction open so that the writers really overlap.
            tokio::time::sleep(Duration::from_millis(5)).await;
            let code = format!("ir.place{writer}");
            tx.insert_place(&place("country", None, &code)).await?;
            tx.commit().await
        }));
    }
    // Readers run alongside the writers and must never be turned away either.
    let mut readers = Vec::new();
    for _ in 0..4 {
        let store = db.store.clone();
        readers.push(tokio::spawn(async move {
            for _ in 0..8 {
                let mut tx = store.read().await?;
                tx.audit_page(&AuditFilter::default()).await?;
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            Ok::<(), StoreError>(())
        }));
    }
    for task in tasks {
        task.await
            .expect("writer task")
            .expect("every writer commits");
    }
    for task in readers {
        task.await
            .expect("reader task")
            .expect("every read succeeds");
    }
    let chain = whole_chain(db).await;
    let verifier = verify(db, &chain);
    assert_eq!((verifier.rows_checked(), verifier.last_seq()), (16, 16));
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.all_places().await.unwrap().len(), 16);
}

async fn migrating_twice_changes_nothing(db: &TestDatabase) {
    seeded(db).await;
    db.store.migrate().await.unwrap();
    db.store.migrate().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.all_places().await.unwrap().len(), 5);
    assert!(tx.audit_guard_installed().await.unwrap());
}

async fn a_backup_is_a_readable_copy_on_sqlite_and_refused_on_postgres(db: &TestDatabase) {
    let places = seeded(db).await;
    insert_user(
        db,
        &user("maryam", places.tehran, Some(places.tehran), None),
    )
    .await;
    let mut tx = db.store.write().await.unwrap();
    tx.append_audit(&audit("user.create", 1)).await.unwrap();
    tx.commit().await.unwrap();

    let directory = std::env::temp_dir().join(format!("hamyar-backup-{}", rand::random::<u64>()));
    std::fs::create_dir_all(&directory).unwrap();
    let target = directory.join("copy.db").display().to_string();
    let result = db.store.backup_to(&target).await;
    if db.backend() == Backend::Postgres {
        assert!(
            matches!(result, Err(StoreError::Unsupported(_))),
            "{result:?}"
        );
        std::fs::remove_dir_all(&directory).unwrap();
        return;
    }
    result.unwrap();
    let again = db.store.backup_to(&target).await;
    assert!(
        matches!(again, Err(StoreError::Database(ref m)) if m.contains("already exists")),
        "{again:?}"
    );

    let copy = connect(&format!("sqlite:{target}"), &ConnectSettings::default())
        .await
        .unwrap();
    let mut tx = copy.read().await.unwrap();
    assert_eq!(tx.all_places().await.unwrap().len(), 5);
    assert!(tx.user_by_username("maryam").await.unwrap().is_some());
    assert_eq!(
        verify(db, &tx.audit_chain_after(0, 10).await.unwrap()).rows_checked(),
        1
    );
    drop(tx);
    copy.close().await;
    std::fs::remove_dir_all(&directory).unwrap();
}

async fn a_new_sqlite_database_has_8_kib_pages(db: &TestDatabase) {
    if db.backend() != Backend::Sqlite {
        return;
    }
    let page_size: i64 = sqlx::query_scalar("PRAGMA page_size")
        .fetch_one(db.store.pool())
        .await
        .unwrap();
    assert_eq!(page_size, 8192);
}

async fn ping_answers_until_the_store_is_closed(db: &TestDatabase) {
    db.store.ping().await.unwrap();
    db.store.close().await;
    assert!(db.store.ping().await.is_err());
}

// ---------------------------------------------------------------------------------------

hamyar_store::on_both_databases!(
    a_user_can_be_inserted_and_read_back_by_id_and_by_username,
    users_are_listed_by_name_within_a_province_or_county,
    people_are_listed_in_persian_alphabetical_order,
    a_duplicate_username_is_refused_as_unique_users_username,
    a_user_whose_scope_place_does_not_exist_is_refused_as_a_foreign_key,
    a_password_update_replaces_the_hash_and_the_update_time,
    a_user_can_be_disabled_and_enabled_again,
    preferences_are_saved_with_the_update_time,
    places_are_stored_and_found_by_id_and_by_code,
    a_duplicate_place_code_is_refused_as_unique_places_code,
    place_names_are_listed_by_place_then_by_date,
    a_second_name_from_the_same_date_is_refused_as_unique_place_names_valid_from,
    a_session_can_be_inserted_read_touched_and_deleted,
    deleting_the_sessions_of_a_user_leaves_other_users_signed_in,
    idle_sessions_are_removed_and_counted,
    appended_audit_rows_form_a_chain_that_verifies,
    audit_pages_filter_by_scope_actor_action_entity_and_time,
    the_database_refuses_to_update_or_delete_audit_rows,
    the_audit_guard_is_installed_after_migrating,
    a_transaction_dropped_without_commit_leaves_nothing,
    sixteen_concurrent_write_transactions_all_succeed_and_chain_in_order,
    migrating_twice_changes_nothing,
    a_backup_is_a_readable_copy_on_sqlite_and_refused_on_postgres,
    a_new_sqlite_database_has_8_kib_pages,
    ping_answers_until_the_store_is_closed,
);
