//! The storage contract of API tokens (`ApiTokensRepo`), on both backends: a token reads back
//! as written by its hash and by its id, and a person's tokens list newest first; live tokens
//! are those neither revoked nor expired; revoking happens once; `last_used_at` moves only
//! when the stored one is older than the bound; uses list newest first; and the database
//! itself refuses what the application never writes (a second token with the same hash, an
//! access that is neither read nor write, a use without a route).

use hamyar_app::access::{PlaceId, Role, UserId};
use hamyar_app::ports::api_tokens::{ApiTokenId, ApiTokenRow, ApiTokenUseRow, TokenAccess};
use hamyar_app::ports::{Database, NewUserRow, Tx};
use hamyar_store::fixtures::{at, qazvin_places};
use hamyar_store::testing::TestDatabase;

async fn a_user(tx: &mut dyn Tx, username: &str, county: (PlaceId, PlaceId)) -> UserId {
    tx.insert_user(&NewUserRow {
        username: username.into(),
        display_name: format!("کاربر {username}"),
        role: Role::CountyExpert,
        scope_place_id: county.1,
        province_id: Some(county.0),
        county_id: Some(county.1),
        password_hash: "$argon2id$hash".into(),
        locale: "fa".into(),
        money_unit: "rial".into(),
        created_at: at(1),
    })
    .await
    .unwrap()
}

fn token(
    user_id: UserId,
    hash_digit: char,
    created: i64,
    county: (PlaceId, PlaceId),
) -> ApiTokenRow {
    ApiTokenRow {
        id: ApiTokenId::default(),
        user_id,
        name: "برنامه‌ی میدانی".into(),
        secret_hash: hash_digit.to_string().repeat(64),
        access: TokenAccess::Read,
        scope_place_id: county.1,
        province_id: Some(county.0),
        county_id: Some(county.1),
        created_at: at(created),
        expires_at: at(created + 1000),
        revoked_at: None,
        revoked_by: None,
        last_used_at: None,
    }
}

async fn a_token_reads_back_by_hash_and_id_and_lists_newest_first(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, _) = qazvin_places(tx.as_mut()).await;
    let maryam = a_user(tx.as_mut(), "maryam", (qazvin, abyek)).await;
    let reza = a_user(tx.as_mut(), "reza", (qazvin, abyek)).await;
    let mut first = token(maryam, 'a', 10, (qazvin, abyek));
    first.id = tx.insert_api_token(&first).await.unwrap();
    let mut second = token(maryam, 'b', 20, (qazvin, abyek));
    second.access = TokenAccess::Write;
    second.id = tx.insert_api_token(&second).await.unwrap();
    tx.insert_api_token(&token(reza, 'c', 30, (qazvin, abyek)))
        .await
        .unwrap();

    let found = tx.api_token_by_hash(&"a".repeat(64)).await.unwrap();
    assert_eq!(found, Some(first.clone()));
    assert_eq!(
        tx.api_token_by_id(second.id).await.unwrap(),
        Some(second.clone())
    );
    assert_eq!(tx.api_token_by_hash(&"d".repeat(64)).await.unwrap(), None);
    let listed = tx.api_tokens_of_user(maryam, 10).await.unwrap();
    assert_eq!(listed, vec![second.clone(), first.clone()]);
    assert_eq!(
        tx.api_tokens_of_user(maryam, 1).await.unwrap(),
        vec![second]
    );
    tx.commit().await.unwrap();
}

async fn live_tokens_are_neither_revoked_nor_expired_and_revoking_happens_once(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, _) = qazvin_places(tx.as_mut()).await;
    let maryam = a_user(tx.as_mut(), "maryam", (qazvin, abyek)).await;
    let old = tx
        .insert_api_token(&token(maryam, 'a', 10, (qazvin, abyek)))
        .await
        .unwrap();
    let young = tx
        .insert_api_token(&token(maryam, 'b', 500, (qazvin, abyek)))
        .await
        .unwrap();
    assert_eq!(tx.count_live_api_tokens(maryam, at(600)).await.unwrap(), 2);
    assert_eq!(tx.count_live_api_tokens(maryam, at(1010)).await.unwrap(), 1);

    assert!(
        tx.revoke_api_token(young, Some(maryam), at(700))
            .await
            .unwrap()
    );
    assert!(!tx.revoke_api_token(young, None, at(800)).await.unwrap());
    let revoked = tx.api_token_by_id(young).await.unwrap().unwrap();
    assert_eq!(revoked.revoked_at, Some(at(700)));
    assert_eq!(revoked.revoked_by, Some(maryam));
    assert_eq!(tx.count_live_api_tokens(maryam, at(750)).await.unwrap(), 1);
    assert!(
        tx.api_token_by_id(old)
            .await
            .unwrap()
            .unwrap()
            .revoked_at
            .is_none()
    );
    tx.commit().await.unwrap();
}

async fn last_use_moves_only_when_stale_and_uses_list_newest_first(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, _) = qazvin_places(tx.as_mut()).await;
    let maryam = a_user(tx.as_mut(), "maryam", (qazvin, abyek)).await;
    let id = tx
        .insert_api_token(&token(maryam, 'a', 10, (qazvin, abyek)))
        .await
        .unwrap();
    assert!(tx.touch_api_token(id, at(100), at(40)).await.unwrap());
    assert!(!tx.touch_api_token(id, at(130), at(70)).await.unwrap());
    assert!(tx.touch_api_token(id, at(170), at(110)).await.unwrap());
    let read = tx.api_token_by_id(id).await.unwrap().unwrap();
    assert_eq!(read.last_used_at, Some(at(170)));

    for (second, route, status) in [
        (100, "/api/v1/women", 200),
        (130, "/api/v1/women/{id}", 404),
        (170, "/api/v1/groups", 429),
    ] {
        tx.insert_api_token_use(&ApiTokenUseRow {
            token_id: id,
            used_at: at(second),
            method: "GET".into(),
            route: route.into(),
            status,
        })
        .await
        .unwrap();
    }
    let uses = tx.api_token_uses(id, 2).await.unwrap();
    let seen: Vec<(&str, u16)> = uses.iter().map(|u| (u.route.as_str(), u.status)).collect();
    assert_eq!(seen, [("/api/v1/groups", 429), ("/api/v1/women/{id}", 404)]);
    assert_eq!(uses[0].used_at, at(170));
    tx.commit().await.unwrap();
}

async fn the_database_refuses_what_the_application_never_writes(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, _) = qazvin_places(tx.as_mut()).await;
    let maryam = a_user(tx.as_mut(), "maryam", (qazvin, abyek)).await;
    let id = tx
        .insert_api_token(&token(maryam, 'a', 10, (qazvin, abyek)))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    let same_hash = tx
        .insert_api_token(&token(maryam, 'a', 20, (qazvin, abyek)))
        .await;
    assert!(same_hash.is_err(), "a second token with the same hash");
    drop(tx);

    let mut tx = db.store.write().await.unwrap();
    let mut short = token(maryam, 'b', 20, (qazvin, abyek));
    short.secret_hash = "abc".into();
    assert!(
        tx.insert_api_token(&short).await.is_err(),
        "a hash that is not SHA-256 hex"
    );
    drop(tx);

    let mut tx = db.store.write().await.unwrap();
    let mut long_name = token(maryam, 'b', 20, (qazvin, abyek));
    long_name.name = "ن".repeat(61);
    assert!(
        tx.insert_api_token(&long_name).await.is_err(),
        "a name of 61 characters"
    );
    drop(tx);

    let mut tx = db.store.write().await.unwrap();
    let no_route = ApiTokenUseRow {
        token_id: id,
        used_at: at(30),
        method: "GET".into(),
        route: String::new(),
        status: 200,
    };
    assert!(
        tx.insert_api_token_use(&no_route).await.is_err(),
        "a use without a route"
    );
}

hamyar_store::on_both_databases!(
    a_token_reads_back_by_hash_and_id_and_lists_newest_first,
    live_tokens_are_neither_revoked_nor_expired_and_revoking_happens_once,
    last_use_moves_only_when_stale_and_uses_list_newest_first,
    the_database_refuses_what_the_application_never_writes,
);
