//! The known-devices part of the storage contract (browsers that have logged into an
//! account), checked on both backends like `contract.rs`.

use hamyar_app::access::Role;
use hamyar_app::ports::{Database, KnownDeviceRow, NewPlaceRow, NewUserRow};
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

/// Two accounts scoped to a fresh country; returns their ids.
async fn two_users(db: &TestDatabase) -> (hamyar_app::access::UserId, hamyar_app::access::UserId) {
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
    for username in ["maryam", "reza"] {
        let row = NewUserRow {
            username: username.into(),
            display_name: format!("کاربر {username}"),
            role: Role::SocialWorker,
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

fn device(token_hash: &str, user_id: hamyar_app::access::UserId, seen: i64) -> KnownDeviceRow {
    KnownDeviceRow {
        token_hash: token_hash.into(),
        user_id,
        first_seen_at: at(seen),
        last_seen_at: at(seen),
    }
}

async fn a_device_is_known_only_for_the_accounts_it_logged_into(db: &TestDatabase) {
    let (maryam, reza) = two_users(db).await;
    let mut tx = db.store.write().await.unwrap();
    tx.remember_device(&device("browser-1", maryam, 1), 20)
        .await
        .unwrap();
    tx.remember_device(&device("browser-1", maryam, 5), 20)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    assert!(tx.is_known_device("browser-1", maryam).await.unwrap());
    assert!(!tx.is_known_device("browser-1", reza).await.unwrap());
    assert!(!tx.is_known_device("browser-2", maryam).await.unwrap());
}

async fn an_account_keeps_only_its_most_recently_seen_devices(db: &TestDatabase) {
    let (maryam, reza) = two_users(db).await;
    let mut tx = db.store.write().await.unwrap();
    tx.remember_device(&device("reza-phone", reza, 0), 3)
        .await
        .unwrap();
    for (token, seen) in [("a", 10), ("b", 20), ("c", 30), ("d", 40)] {
        tx.remember_device(&device(token, maryam, seen), 3)
            .await
            .unwrap();
    }
    tx.remember_device(&device("a", maryam, 50), 3)
        .await
        .unwrap();
    tx.remember_device(&device("e", maryam, 60), 3)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let mut kept = Vec::new();
    for token in ["a", "b", "c", "d", "e"] {
        if tx.is_known_device(token, maryam).await.unwrap() {
            kept.push(token);
        }
    }
    assert_eq!(kept, ["a", "d", "e"], "seen again, then the two newest");
    assert!(tx.is_known_device("reza-phone", reza).await.unwrap());
}

async fn devices_unused_for_long_are_forgotten_and_counted(db: &TestDatabase) {
    let (maryam, _) = two_users(db).await;
    let mut tx = db.store.write().await.unwrap();
    for (token, seen) in [("old", 100), ("edge", 200), ("fresh", 300)] {
        tx.remember_device(&device(token, maryam, seen), 20)
            .await
            .unwrap();
    }
    assert_eq!(tx.forget_devices_unused_since(at(200)).await.unwrap(), 1);
    assert!(tx.is_known_device("edge", maryam).await.unwrap());
    assert!(!tx.is_known_device("old", maryam).await.unwrap());
}

hamyar_store::on_both_databases!(
    a_device_is_known_only_for_the_accounts_it_logged_into,
    an_account_keeps_only_its_most_recently_seen_devices,
    devices_unused_for_long_are_forgotten_and_counted,
);
