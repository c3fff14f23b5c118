//! The storage contract of a woman's facility history (`FacilitiesRepo`), on SQLite always
//! and on PostgreSQL when `HAMYAR_TEST_POSTGRES_URL` is set (`hamyar_store::on_both_databases!`):
//! rows read back newest first with their group's name, the window query leaves out withdrawn
//! and out-of-range rows, a tranche is recorded once per woman and withdrawn once, and the
//! database refuses every other change. Groups are written with plain SQL, so these tests
//! depend only on the tables, not on the groups adapter.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::facilities::FacilityRow;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::registry::WomanRecord;
use hamyar_app::ports::{Database, NewPlaceRow, StoreError};
use hamyar_domain::JalaliDate;
use hamyar_domain::search_key;
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

struct World {
    women: [WomanId; 2],
    group: GroupId,
}

fn woman(national_id: &str, first: &str, province: PlaceId, county: PlaceId) -> WomanRecord {
    WomanRecord {
        national_id: national_id.into(),
        first_name: first.into(),
        last_name: "رضایی".into(),
        birth_date: "1980-01-01".into(),
        province_id: province,
        county_id: county,
        locality: "مرکز".into(),
        settlement: "urban".into(),
        address: "خیابان".into(),
        headship_cause: "widow".into(),
        name_key: search_key(&format!("{first} رضایی")),
        name_key_reversed: hamyar_domain::persian_order(&search_key(&format!("رضایی {first}"))),
        ..WomanRecord::default()
    }
}

async fn seeded(db: &TestDatabase) -> World {
    let mut tx = db.store.write().await.unwrap();
    let mut place = async |kind: &str, parent_id: Option<PlaceId>, code: &str| {
        let row = NewPlaceRow {
            kind: kind.into(),
            parent_id,
            code: code.into(),
            created_at: at(0),
        };
        tx.insert_place(&row).await.unwrap()
    };
    let country = place("country", None, "ir").await;
    let qazvin = place("province", Some(country), "ir.qazvin").await;
    let takestan = place("county", Some(qazvin), "ir.qazvin.takestan").await;
    let first = tx
        .insert_woman(
            &woman("0013542419", "مریم", qazvin, takestan),
            "covered",
            at(1),
        )
        .await
        .unwrap();
    let second = tx
        .insert_woman(
            &woman("0084575948", "زهرا", qazvin, takestan),
            "covered",
            at(1),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let group = sqlx::query_scalar(
        "INSERT INTO hamyar_groups (code, name, name_key, province_id, county_id, locality, \
         business_field, business_field_other, premises, premises_address, stage, notes, \
         created_at, updated_at) VALUES ('G-1', 'گروه نور', 'گروه نور', $1, $2, 'مرکز', \
         'tailoring', '', 'home', '', 'funded', '', $3, $3) RETURNING id",
    )
    .bind(qazvin)
    .bind(takestan)
    .bind(hamyar_app::clock::storage_timestamp(at(0)))
    .fetch_one(db.store.pool())
    .await
    .unwrap();
    World {
        women: [first, second],
        group,
    }
}

fn declared(woman_id: WomanId, body: &str, amount_rials: i64, granted_on: &str) -> FacilityRow {
    FacilityRow {
        id: 0,
        woman_id,
        source: "declared".into(),
        body: body.into(),
        body_name: String::new(),
        kind: "loan".into(),
        amount_rials,
        granted_on: JalaliDate::from_iso_str(granted_on).unwrap(),
        group_id: None,
        group_name: None,
        grant_tranche_id: None,
        note: "اظهار مددکار".into(),
        withdrawn_on: None,
        recorded_by: Some(hamyar_app::access::UserId::new(7)),
        recorded_by_name: "مددکار".into(),
        recorded_at: at(10),
    }
}

fn programme(
    woman_id: WomanId,
    group: GroupId,
    tranche: hamyar_app::ports::grants::TrancheId,
    granted_on: &str,
) -> FacilityRow {
    FacilityRow {
        source: "programme".into(),
        body: "hamyar".into(),
        kind: "grant".into(),
        group_id: Some(group),
        grant_tranche_id: Some(tranche),
        ..declared(woman_id, "hamyar", 50_000_000, granted_on)
    }
}

async fn insert(db: &TestDatabase, row: &FacilityRow) -> Result<i64, StoreError> {
    let mut tx = db.store.write().await.unwrap();
    let id = tx.insert_facility(row).await?;
    tx.commit().await.unwrap();
    Ok(id)
}

async fn history(db: &TestDatabase, woman: WomanId) -> Vec<FacilityRow> {
    let mut tx = db.store.read().await.unwrap();
    tx.facilities_of(woman).await.unwrap()
}

async fn rows_read_back_newest_first_with_their_groups_name(db: &TestDatabase) {
    let world = seeded(db).await;
    let [maryam, zahra] = world.women;
    let old = insert(db, &declared(maryam, "bank", 30_000_000, "2025-05-01"))
        .await
        .unwrap();
    let grant = insert(
        db,
        &programme(
            maryam,
            world.group,
            hamyar_app::ports::grants::TrancheId::new(41),
            "2026-06-01",
        ),
    )
    .await
    .unwrap();
    let same_day = insert(
        db,
        &declared(maryam, "relief_committee", 20_000_000, "2026-06-01"),
    )
    .await
    .unwrap();
    insert(db, &declared(zahra, "bank", 10_000_000, "2026-01-01"))
        .await
        .unwrap();

    let rows = history(db, maryam).await;
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    assert_eq!(ids, [same_day, grant, old]);
    let expected = FacilityRow {
        id: grant,
        group_name: Some("گروه نور".into()),
        ..programme(
            maryam,
            world.group,
            hamyar_app::ports::grants::TrancheId::new(41),
            "2026-06-01",
        )
    };
    assert_eq!(rows[1], expected);
    assert_eq!(rows[0].group_name, None);
    assert_eq!(history(db, zahra).await.len(), 1);
}

async fn the_window_leaves_out_withdrawn_and_out_of_range_rows(db: &TestDatabase) {
    let world = seeded(db).await;
    let [maryam, _] = world.women;
    insert(db, &declared(maryam, "bank", 30_000_000, "2025-11-29"))
        .await
        .unwrap();
    insert(db, &declared(maryam, "bank", 30_000_000, "2025-11-28"))
        .await
        .unwrap();
    insert(db, &declared(maryam, "bank", 30_000_000, "2026-11-30"))
        .await
        .unwrap();
    insert(
        db,
        &programme(
            maryam,
            world.group,
            hamyar_app::ports::grants::TrancheId::new(5),
            "2026-06-01",
        ),
    )
    .await
    .unwrap();
    insert(
        db,
        &programme(
            maryam,
            world.group,
            hamyar_app::ports::grants::TrancheId::new(6),
            "2026-07-01",
        ),
    )
    .await
    .unwrap();
    let mut tx = db.store.write().await.unwrap();
    assert_eq!(
        tx.withdraw_tranche(hamyar_app::ports::grants::TrancheId::new(6), "2026-08-01")
            .await
            .unwrap(),
        1
    );
    let rows = tx
        .active_facilities_between(maryam, "2025-11-29", "2026-11-29")
        .await
        .unwrap();
    let dates: Vec<String> = rows
        .iter()
        .map(|row| row.granted_on.to_iso_string())
        .collect();
    assert_eq!(dates, ["2026-06-01", "2025-11-29"]);
}

async fn a_tranche_is_recorded_once_per_woman_and_withdrawn_once(db: &TestDatabase) {
    let world = seeded(db).await;
    let [maryam, zahra] = world.women;
    insert(
        db,
        &programme(
            maryam,
            world.group,
            hamyar_app::ports::grants::TrancheId::new(9),
            "2026-06-01",
        ),
    )
    .await
    .unwrap();
    insert(
        db,
        &programme(
            zahra,
            world.group,
            hamyar_app::ports::grants::TrancheId::new(9),
            "2026-06-01",
        ),
    )
    .await
    .unwrap();
    let again = insert(
        db,
        &programme(
            maryam,
            world.group,
            hamyar_app::ports::grants::TrancheId::new(9),
            "2026-06-02",
        ),
    )
    .await;
    assert!(
        matches!(&again, Err(StoreError::Unique(name)) if name == "woman_facilities.grant_tranche_id"),
        "{again:?}"
    );

    let mut tx = db.store.write().await.unwrap();
    assert_eq!(
        tx.withdraw_tranche(hamyar_app::ports::grants::TrancheId::new(9), "2026-09-01")
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        tx.withdraw_tranche(hamyar_app::ports::grants::TrancheId::new(9), "2026-09-02")
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        tx.withdraw_tranche(hamyar_app::ports::grants::TrancheId::new(404), "2026-09-02")
            .await
            .unwrap(),
        0
    );
    let rows = tx
        .facilities_of_tranche(hamyar_app::ports::grants::TrancheId::new(9))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let women: Vec<WomanId> = rows.iter().map(|row| row.woman_id).collect();
    assert_eq!(women, [maryam, zahra]);
    assert!(rows.iter().all(
        |row| row.withdrawn_on.map(|day| day.to_iso_string()).as_deref() == Some("2026-09-01")
    ));
}

async fn the_database_refuses_every_other_change(db: &TestDatabase) {
    let world = seeded(db).await;
    let [maryam, _] = world.women;
    let declared_id = insert(db, &declared(maryam, "bank", 30_000_000, "2026-01-01"))
        .await
        .unwrap();
    let grant_id = insert(
        db,
        &programme(
            maryam,
            world.group,
            hamyar_app::ports::grants::TrancheId::new(3),
            "2026-06-01",
        ),
    )
    .await
    .unwrap();
    let refused = [
        "UPDATE woman_facilities SET amount_rials = 1 WHERE id = $1",
        "UPDATE woman_facilities SET withdrawn_on = '2026-09-01', note = 'x' WHERE id = $1",
        "DELETE FROM woman_facilities WHERE id = $1",
    ];
    for sql in refused {
        for id in [declared_id, grant_id] {
            let error = sqlx::query(sql)
                .bind(id)
                .execute(db.store.pool())
                .await
                .unwrap_err();
            assert!(error.to_string().contains("append-only"), "{sql}: {error}");
        }
    }
    let error =
        sqlx::query("UPDATE woman_facilities SET withdrawn_on = '2026-09-01' WHERE id = $1")
            .bind(declared_id)
            .execute(db.store.pool())
            .await
            .unwrap_err();
    assert!(error.to_string().contains("append-only"), "{error}");

    // A declared row cannot pose as the programme's, nor the programme's lack its tranche.
    let mut posing = declared(maryam, "hamyar", 1_000, "2026-01-01");
    assert!(insert(db, &posing).await.is_err());
    posing = FacilityRow {
        grant_tranche_id: None,
        ..programme(
            maryam,
            world.group,
            hamyar_app::ports::grants::TrancheId::new(0),
            "2026-01-01",
        )
    };
    assert!(insert(db, &posing).await.is_err());
    assert!(
        insert(db, &declared(maryam, "bank", 0, "2026-01-01"))
            .await
            .is_err()
    );

    let mut tx = db.store.write().await.unwrap();
    assert_eq!(
        tx.withdraw_tranche(hamyar_app::ports::grants::TrancheId::new(3), "2026-09-01")
            .await
            .unwrap(),
        1
    );
    tx.commit().await.unwrap();
    let rows = history(db, maryam).await;
    assert_eq!(rows.len(), 2);
    let again =
        sqlx::query("UPDATE woman_facilities SET withdrawn_on = '2026-10-01' WHERE id = $1")
            .bind(grant_id)
            .execute(db.store.pool())
            .await;
    assert!(again.is_err(), "a withdrawal is not moved");
}

hamyar_store::on_both_databases!(
    rows_read_back_newest_first_with_their_groups_name,
    the_window_leaves_out_withdrawn_and_out_of_range_rows,
    a_tranche_is_recorded_once_per_woman_and_withdrawn_once,
    the_database_refuses_every_other_change,
);
