//! The places port's multi-row inserts, on both backends: the reference list's ~500 places
//! go in a few statements, come back with their ids in the order given (which is also the
//! order the ids were taken in, so the tree keeps the list's order), and a taken code or a
//! second name from the same day is refused as the single-row inserts refuse it.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::{Database, NewPlaceNameRow, NewPlaceRow, StoreError};
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

fn at() -> Timestamp {
    Timestamp::from_second(1_795_000_000).expect("valid instant")
}

fn place(kind: &str, parent_id: Option<PlaceId>, code: &str) -> NewPlaceRow {
    NewPlaceRow {
        kind: kind.into(),
        parent_id,
        code: code.into(),
        created_at: at(),
    }
}

fn name(place_id: PlaceId, name_en: &str, valid_from: &str) -> NewPlaceNameRow {
    NewPlaceNameRow {
        place_id,
        name_fa: format!("شهرستان {name_en}"),
        name_en: name_en.into(),
        valid_from: valid_from.into(),
        recorded_at: at(),
    }
}

fn assert_unique<T: std::fmt::Debug>(result: Result<T, StoreError>, expected: &str) {
    match result {
        Err(StoreError::Unique(name)) => assert_eq!(name, expected),
        other => panic!("expected Unique({expected}), got {other:?}"),
    }
}

async fn hundreds_of_places_go_in_together_and_keep_their_order(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let country = tx
        .insert_place(&place("country", None, "ir"))
        .await
        .unwrap();
    let province = tx
        .insert_places(&[place("province", Some(country), "ir.p")])
        .await
        .unwrap()[0];
    // More than one statement's worth, in an order that is not the codes' order.
    let counties: Vec<_> = (0..450)
        .rev()
        .map(|n| place("county", Some(province), &format!("ir.p.c{n:03}")))
        .collect();
    let ids = tx.insert_places(&counties).await.unwrap();
    assert_eq!(ids.len(), 450);
    assert!(
        ids.is_sorted() && ids[0] > province,
        "ids taken in the order given"
    );
    for (county, id) in counties.iter().zip(&ids) {
        let stored = tx.place_by_code(&county.code).await.unwrap().unwrap();
        assert_eq!((stored.id, stored.parent_id), (*id, Some(province)));
        assert_eq!((stored.kind.as_str(), stored.created_at), ("county", at()));
    }
    let names: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(n, id)| name(*id, &format!("C{n}"), "1921-03-21"))
        .collect();
    tx.insert_place_names(&names).await.unwrap();
    tx.insert_place_names(&[]).await.unwrap();
    assert!(tx.insert_places(&[]).await.unwrap().is_empty());
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let stored = tx.all_place_names().await.unwrap();
    assert_eq!(stored.len(), 450);
    let first = stored.iter().find(|n| n.place_id == ids[0]).unwrap();
    assert_eq!(
        (
            first.name_fa.as_str(),
            first.name_en.as_str(),
            first.valid_from.as_str()
        ),
        ("شهرستان C0", "C0", "1921-03-21")
    );
    let order: Vec<_> = tx
        .all_places()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.code)
        .collect();
    assert_eq!(order[2], "ir.p.c449");
    assert_eq!(order.last().unwrap(), "ir.p.c000");
}

async fn a_taken_code_or_a_second_name_of_a_day_is_refused_in_a_bulk_insert(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let country = tx
        .insert_place(&place("country", None, "ir"))
        .await
        .unwrap();
    let taken = tx
        .insert_places(&[
            place("province", Some(country), "ir.q"),
            place("province", Some(country), "ir.q"),
        ])
        .await;
    assert_unique(taken, "places.code");
    drop(tx);

    let mut tx = db.store.write().await.unwrap();
    let country = tx
        .insert_place(&place("country", None, "ir"))
        .await
        .unwrap();
    let twice = tx
        .insert_place_names(&[
            name(country, "Iran", "1921-03-21"),
            name(country, "Persia", "1921-03-21"),
        ])
        .await;
    assert_unique(twice, "place_names.valid_from");
}

hamyar_store::on_both_databases!(
    hundreds_of_places_go_in_together_and_keep_their_order,
    a_taken_code_or_a_second_name_of_a_day_is_refused_in_a_bulk_insert,
);
