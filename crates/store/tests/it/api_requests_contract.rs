//! The storage contract of the API's remembered writes (`ApiRequestsRepo`, migration 0040),
//! on both backends: a write reads back as remembered, under its person and key only; a key
//! used again by the same person is refused as a unique violation (what makes two requests
//! racing with one key do the work once), while another person may use the same key; and a
//! write rolled back leaves its key free; old writes are forgotten, oldest first, in bounded
//! batches (migration 0041).

use hamyar_app::access::{Role, UserId};
use hamyar_app::ports::api_requests::ApiRequestRow;
use hamyar_app::ports::{Database, NewPlaceRow, NewUserRow, StoreError};
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

async fn two_users(db: &TestDatabase) -> (UserId, UserId) {
    let mut tx = db.store.write().await.unwrap();
    let country = tx
        .insert_place(&NewPlaceRow {
            kind: "country".into(),
            parent_id: None,
            code: "ir".into(),
            created_at: at(0),
        })
        .await
        .unwrap();
    let mut ids = Vec::new();
    for username in ["fatemeh", "leila"] {
        let row = NewUserRow {
            username: username.into(),
            display_name: format!("کاربر {username}"),
            role: Role::Facilitator,
            scope_place_id: country,
            province_id: None,
            county_id: None,
            password_hash: format!("$argon2id$hash-of-{username}"),
            locale: "fa".into(),
            money_unit: "toman".into(),
            created_at: at(10),
        };
        ids.push(tx.insert_user(&row).await.unwrap());
    }
    tx.commit().await.unwrap();
    (ids[0], ids[1])
}

fn remembered(user_id: UserId, key: &str, result: &str) -> ApiRequestRow {
    ApiRequestRow {
        user_id,
        idempotency_key: key.into(),
        fingerprint: format!("sha256-of-{key}"),
        result: result.into(),
        recorded_at: at(100),
    }
}

async fn a_write_reads_back_under_its_person_and_key_only(db: &TestDatabase) {
    let (fatemeh, leila) = two_users(db).await;
    let row = remembered(fatemeh, "visit-7f3a", r#"{"id":41}"#);
    let mut tx = db.store.write().await.unwrap();
    tx.insert_api_request(&row).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    assert_eq!(
        tx.api_request(fatemeh, "visit-7f3a").await.unwrap(),
        Some(row)
    );
    assert_eq!(tx.api_request(leila, "visit-7f3a").await.unwrap(), None);
    assert_eq!(tx.api_request(fatemeh, "visit-7f3b").await.unwrap(), None);
}

async fn a_key_is_taken_once_per_person(db: &TestDatabase) {
    let (fatemeh, leila) = two_users(db).await;
    let mut tx = db.store.write().await.unwrap();
    tx.insert_api_request(&remembered(fatemeh, "meeting-1", r#"{"id":1}"#))
        .await
        .unwrap();
    tx.insert_api_request(&remembered(leila, "meeting-1", r#"{"id":2}"#))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    let again = tx
        .insert_api_request(&remembered(fatemeh, "meeting-1", r#"{"id":3}"#))
        .await;
    match again {
        Err(StoreError::Unique(name)) => assert_eq!(name, "api_requests.idempotency_key"),
        other => panic!("a key used twice must be refused, got {other:?}"),
    }
    drop(tx);
    let mut tx = db.store.read().await.unwrap();
    let kept = tx.api_request(fatemeh, "meeting-1").await.unwrap().unwrap();
    assert_eq!(kept.result, r#"{"id":1}"#);
}

async fn a_write_rolled_back_leaves_its_key_free(db: &TestDatabase) {
    let (fatemeh, _) = two_users(db).await;
    let mut tx = db.store.write().await.unwrap();
    tx.insert_api_request(&remembered(fatemeh, "visit-1", r#"{"id":9}"#))
        .await
        .unwrap();
    drop(tx);
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.api_request(fatemeh, "visit-1").await.unwrap(), None);
}

/// Remembered writes older than an instant are forgotten oldest first, at most `limit` at a
/// time, and none recorded at or after it.
async fn old_writes_are_forgotten_oldest_first_in_bounded_batches(db: &TestDatabase) {
    let (fatemeh, leila) = two_users(db).await;
    let mut tx = db.store.write().await.unwrap();
    for (n, who) in [
        (1, fatemeh),
        (2, leila),
        (3, fatemeh),
        (4, leila),
        (5, fatemeh),
    ] {
        let row = ApiRequestRow {
            recorded_at: at(100 * n),
            ..remembered(who, &format!("visit-{n}"), "{}")
        };
        tx.insert_api_request(&row).await.unwrap();
    }
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    assert_eq!(tx.forget_api_requests_before(at(400), 2).await.unwrap(), 2);
    tx.commit().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.api_request(fatemeh, "visit-1").await.unwrap(), None);
    assert_eq!(tx.api_request(leila, "visit-2").await.unwrap(), None);
    assert!(
        tx.api_request(fatemeh, "visit-3").await.unwrap().is_some(),
        "beyond the batch"
    );
    drop(tx);

    let mut tx = db.store.write().await.unwrap();
    assert_eq!(tx.forget_api_requests_before(at(400), 2).await.unwrap(), 1);
    assert_eq!(tx.forget_api_requests_before(at(400), 2).await.unwrap(), 0);
    tx.commit().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    assert!(
        tx.api_request(leila, "visit-4").await.unwrap().is_some(),
        "recorded at the instant"
    );
    assert!(tx.api_request(fatemeh, "visit-5").await.unwrap().is_some());
}

hamyar_store::on_both_databases!(
    a_write_reads_back_under_its_person_and_key_only,
    a_key_is_taken_once_per_person,
    a_write_rolled_back_leaves_its_key_free,
    old_writes_are_forgotten_oldest_first_in_bounded_batches,
);
