//! The storage contract of Hamyar groups (`GroupsRepo`), checked on both backends in the same
//! way as `registry_contract.rs`: each test is written once as
//! `async fn name(db: &TestDatabase)`, and `hamyar_store::on_both_databases!` at the bottom
//! runs the list on SQLite (always) and on PostgreSQL (when `HAMYAR_TEST_POSTGRES_URL` is set).
//!
//! The questions about the past ("active on a date", "registered in a year") are checked
//! against small histories whose answers were worked out by hand, on the days of moves and
//! the days before them, because an off-by-one in a date comparison is exactly the mistake a
//! report would silently repeat every month.

use hamyar_app::access::PlaceId;
use hamyar_app::access::Role;
use hamyar_app::ports::groups::{
    BusinessFieldRow, GroupId, GroupRecord, GroupSearch, MembershipRow, PlaceFilter, StaffRow,
    StageRow, SupervisingUnitRow,
};
use hamyar_app::ports::registry::{WomanId, WomanRecord};
use hamyar_app::ports::{Database, NewPlaceRow, NewUserRow, StoreError};
use hamyar_domain::JalaliDate;
use hamyar_domain::groups::LeaveReason;
use hamyar_domain::groups::{GroupStage, InactiveReason};
use hamyar_domain::search_key;
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

// ---------------------------------------------------------------------------------------
// Fixtures

/// A fixed instant plus `seconds`, whole seconds so it survives the storage format.
fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

/// Two provinces with a county each, under one country.
#[derive(Debug, Clone, Copy)]
struct Places {
    tehran: PlaceId,
    shemiranat: PlaceId,
    qazvin: PlaceId,
    abyek: PlaceId,
}

impl Places {
    fn in_shemiranat(self) -> (PlaceId, PlaceId) {
        (self.tehran, self.shemiranat)
    }

    fn in_abyek(self) -> (PlaceId, PlaceId) {
        (self.qazvin, self.abyek)
    }
}

async fn seeded(db: &TestDatabase) -> Places {
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
    let tehran = place("province", Some(country), "ir.tehran").await;
    let shemiranat = place("county", Some(tehran), "ir.tehran.shemiranat").await;
    let qazvin = place("province", Some(country), "ir.qazvin").await;
    let abyek = place("county", Some(qazvin), "ir.qazvin.abyek").await;
    tx.commit().await.unwrap();
    Places {
        tehran,
        shemiranat,
        qazvin,
        abyek,
    }
}

async fn user(
    db: &TestDatabase,
    username: &str,
    (province, county): (PlaceId, PlaceId),
) -> hamyar_app::access::UserId {
    let mut tx = db.store.write().await.unwrap();
    let id = tx
        .insert_user(&NewUserRow {
            username: username.into(),
            display_name: username.into(),
            role: Role::SocialWorker,
            scope_place_id: county,
            province_id: Some(province),
            county_id: Some(county),
            password_hash: "$argon2id$hash".into(),
            locale: "fa".into(),
            money_unit: "toman".into(),
            created_at: at(0),
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn registered_woman(
    db: &TestDatabase,
    national_id: &str,
    (first, last): (&str, &str),
    (province, county): (PlaceId, PlaceId),
) -> WomanId {
    let record = WomanRecord {
        national_id: national_id.into(),
        first_name: first.into(),
        last_name: last.into(),
        father_name: None,
        birth_date: "1985-05-05".into(),
        mobile: None,
        province_id: province,
        county_id: county,
        locality: "مرکز".into(),
        settlement: "urban".into(),
        address: "خیابان انقلاب".into(),
        education: None,
        skills: String::new(),
        sheba: None,
        headship_cause: "widowed".into(),
        income_decile: None,
        notes: String::new(),
        social_worker_id: None,
        name_key: search_key(&format!("{first} {last}")),
        name_key_reversed: hamyar_domain::persian_order(&search_key(&format!("{last} {first}"))),
    };
    let mut tx = db.store.write().await.unwrap();
    let id = tx.insert_woman(&record, "covered", at(0)).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// A group's record with the folded name key the application computes.
fn group(code: &str, name: &str, (province, county): (PlaceId, PlaceId)) -> GroupRecord {
    GroupRecord {
        code: code.into(),
        name: name.into(),
        name_key: search_key(name),
        province_id: province,
        county_id: county,
        locality: "تجریش".into(),
        supervising_unit_id: None,
        business_field: "tailoring".into(),
        business_field_other: String::new(),
        premises: "rented".into(),
        premises_address: "کوچه بهار، پلاک ۳".into(),
        notes: String::new(),
    }
}

/// A move of `group_id` to `stage` effective on `date`, recorded at `at(seconds)`.
fn move_to(group_id: GroupId, stage: &str, date: &str, seconds: i64) -> StageRow {
    StageRow {
        id: 0,
        group_id,
        stage: GroupStage::from_code(stage).unwrap(),
        inactive_reason: (stage == "inactive").then_some(InactiveReason::Other),
        note: String::new(),
        effective_on: JalaliDate::from_iso_str(date).unwrap(),
        decided_by: None,
        decided_by_name: "کارشناس".into(),
        recorded_at: at(seconds),
    }
}

/// Registers the group effective on `date` and commits; returns its id.
async fn register(db: &TestDatabase, record: &GroupRecord, date: &str) -> GroupId {
    let mut tx = db.store.write().await.unwrap();
    let id = tx
        .insert_group(
            record,
            &move_to(
                hamyar_app::ports::groups::GroupId::new(0),
                "registered",
                date,
                1,
            ),
            at(1),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// Appends the moves `(stage, date)` in the order given, each recorded a second later.
async fn record_moves(db: &TestDatabase, id: GroupId, moves: &[(&str, &str)]) {
    let mut tx = db.store.write().await.unwrap();
    for (index, (stage, date)) in moves.iter().enumerate() {
        let seconds = 100 + i64::try_from(index).unwrap();
        tx.insert_stage(&move_to(id, stage, date, seconds))
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
}

async fn found(db: &TestDatabase, search: GroupSearch) -> Vec<GroupId> {
    let mut tx = db.store.read().await.unwrap();
    let rows = tx.search_groups(&search).await.unwrap();
    rows.iter().map(|row| row.id).collect()
}

async fn counted(db: &TestDatabase, search: GroupSearch) -> Vec<(String, i64)> {
    let mut tx = db.store.read().await.unwrap();
    tx.count_groups_by_stage(&search).await.unwrap()
}

fn counts(pairs: &[(&str, i64)]) -> Vec<(String, i64)> {
    pairs
        .iter()
        .map(|(stage, count)| ((*stage).to_owned(), *count))
        .collect()
}

fn province(id: PlaceId) -> PlaceFilter {
    PlaceFilter {
        province_id: Some(id),
        county_id: None,
    }
}

fn county(province_id: PlaceId, county_id: PlaceId) -> PlaceFilter {
    PlaceFilter {
        province_id: Some(province_id),
        county_id: Some(county_id),
    }
}

fn unit(name: &str, kind: &str, (province, county): (PlaceId, PlaceId)) -> SupervisingUnitRow {
    SupervisingUnitRow {
        id: 0,
        province_id: province,
        county_id: county,
        kind: kind.into(),
        name: name.into(),
        name_key: search_key(name),
        active: true,
        created_at: at(2),
    }
}

fn membership(group_id: GroupId, woman_id: WomanId, role: &str, joined_on: &str) -> MembershipRow {
    MembershipRow {
        id: 0,
        group_id,
        woman_id,
        role: hamyar_domain::groups::MemberRole::parse(role).expect("a role"),
        joined_on: JalaliDate::from_iso_str(joined_on).unwrap(),
        left_on: None,
        leave_reason: None,
        leave_note: String::new(),
        created_at: at(10),
        updated_at: at(10),
    }
}

fn staff(
    group_id: GroupId,
    duty: &str,
    user_id: Option<hamyar_app::access::UserId>,
    from_on: &str,
) -> StaffRow {
    StaffRow {
        id: 0,
        group_id,
        duty: hamyar_domain::groups::StaffDuty::parse(duty).expect("a duty"),
        user_id,
        user_name: user_id.map_or_else(String::new, |id| format!("user {id}")),
        from_on: JalaliDate::from_iso_str(from_on).unwrap(),
        assigned_by: None,
        assigned_by_name: "مدیر".into(),
        recorded_at: at(20),
    }
}

// ---------------------------------------------------------------------------------------
// The group's record

async fn a_group_is_read_back_exactly_with_its_first_stage(db: &TestDatabase) {
    let p = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let unit_id = tx
        .insert_supervising_unit(&unit(
            "بهزیستی شمیرانات",
            "welfare_office",
            p.in_shemiranat(),
        ))
        .await
        .unwrap();
    let mut record = group("TH-0001", "گروه خیاطی یاس", p.in_shemiranat());
    record.supervising_unit_id = Some(unit_id);
    record.business_field = "other".into();
    record.business_field_other = "عروسک‌سازی".into();
    record.notes = "جلسه‌ها سه‌شنبه‌ها".into();
    let mut first = move_to(
        hamyar_app::ports::groups::GroupId::new(0),
        "registered",
        "2024-03-25",
        5,
    );
    first.note = "تشکیل گروه".into();
    first.decided_by = Some(hamyar_app::access::UserId::new(42));
    let id = tx.insert_group(&record, &first, at(5)).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let row = tx.group_by_id(id).await.unwrap().expect("the group");
    assert_eq!(row.id, id);
    assert_eq!(row.record, record);
    assert_eq!(row.stage, GroupStage::Registered);
    assert_eq!((row.social_worker_id, row.facilitator_id), (None, None));
    assert_eq!(row.version, 1);
    assert_eq!((row.created_at, row.updated_at), (at(5), at(5)));
    let stages = tx.stages_of(id).await.unwrap();
    assert_eq!(stages.len(), 1);
    assert!(stages[0].id > 0);
    assert_eq!(
        stages[0],
        StageRow {
            id: stages[0].id,
            group_id: id,
            ..first
        }
    );
    assert_eq!(
        tx.group_by_id(hamyar_app::ports::groups::GroupId::new(id.get() + 1000))
            .await
            .unwrap(),
        None
    );
}

/// A stage the domain does not know — written by hand into the database, say — is an error
/// that names the table, the row and the column, never a stage read as some other one.
async fn a_stored_stage_the_domain_does_not_know_is_an_error_naming_the_row(db: &TestDatabase) {
    let p = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let first = move_to(GroupId::new(0), "registered", "2024-03-25", 5);
    let record = group("TH-0009", "گروه آسیب‌دیده", p.in_shemiranat());
    let id = tx.insert_group(&record, &first, at(5)).await.unwrap();
    tx.commit().await.unwrap();
    for statement in [
        "UPDATE hamyar_groups SET stage = 'abandoned'",
        "UPDATE group_stage_history SET stage = 'abandoned'",
    ] {
        sqlx::query(statement)
            .execute(db.store.pool())
            .await
            .unwrap();
    }

    let mut tx = db.store.read().await.unwrap();
    let group_error = tx.group_by_id(id).await.unwrap_err();
    let stages_error = tx.stages_of(id).await.unwrap_err();
    for (error, table) in [
        (group_error, "hamyar_groups"),
        (stages_error, "group_stage_history"),
    ] {
        match error {
            StoreError::Corrupt {
                table: named,
                detail,
            } => {
                assert_eq!(named, table);
                assert!(detail.contains("row "), "{detail}");
                assert!(detail.contains("stage"), "{detail}");
                assert!(detail.contains("\"abandoned\""), "{detail}");
            }
            other => panic!("expected a corrupt-row error, got {other:?}"),
        }
    }
}

async fn a_code_is_unique_within_a_province_but_not_across_provinces(db: &TestDatabase) {
    let p = seeded(db).await;
    register(
        db,
        &group("G-1", "گروه اول", p.in_shemiranat()),
        "2024-04-01",
    )
    .await;

    // A failed statement aborts a PostgreSQL transaction, so each attempt gets its own.
    let mut tx = db.store.write().await.unwrap();
    let again = group("G-1", "گروه دیگر", p.in_shemiranat());
    let result = tx
        .insert_group(
            &again,
            &move_to(
                hamyar_app::ports::groups::GroupId::new(0),
                "registered",
                "2024-04-02",
                2,
            ),
            at(2),
        )
        .await;
    assert!(
        matches!(&result, Err(StoreError::Unique(name)) if name == "hamyar_groups.code"),
        "{result:?}"
    );
    drop(tx);

    let elsewhere = register(db, &group("G-1", "گروه دیگر", p.in_abyek()), "2024-04-02").await;
    let mut tx = db.store.read().await.unwrap();
    let row = tx.group_by_id(elsewhere).await.unwrap().unwrap();
    assert_eq!(
        (row.record.code.as_str(), row.record.province_id),
        ("G-1", p.qazvin)
    );
    // The refused group left no history behind.
    assert_eq!(
        tx.groups_in_stages_on(PlaceFilter::default(), &["registered"], "2024-12-31")
            .await
            .unwrap()
            .len(),
        2
    );
}

async fn a_group_in_an_unknown_county_or_field_is_refused_as_a_foreign_key(db: &TestDatabase) {
    let p = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let record = group(
        "G-1",
        "گروه",
        (p.tehran, PlaceId::new(p.shemiranat.get() + 1000)),
    );
    let result = tx
        .insert_group(
            &record,
            &move_to(
                hamyar_app::ports::groups::GroupId::new(0),
                "registered",
                "2024-04-01",
                1,
            ),
            at(1),
        )
        .await;
    assert!(matches!(result, Err(StoreError::ForeignKey)), "{result:?}");
    drop(tx);

    let mut tx = db.store.write().await.unwrap();
    let mut record = group("G-1", "گروه", p.in_shemiranat());
    record.business_field = "no_such_field".into();
    let result = tx
        .insert_group(
            &record,
            &move_to(
                hamyar_app::ports::groups::GroupId::new(0),
                "registered",
                "2024-04-01",
                1,
            ),
            at(1),
        )
        .await;
    assert!(matches!(result, Err(StoreError::ForeignKey)), "{result:?}");
}

async fn an_update_applies_only_to_the_version_it_read(db: &TestDatabase) {
    let p = seeded(db).await;
    let id = register(
        db,
        &group("G-1", "گروه یاس", p.in_shemiranat()),
        "2024-04-01",
    )
    .await;
    record_moves(db, id, &[("active", "2024-04-10")]).await;

    let mut changed = group("G-1", "گروه یاس سپید", p.in_shemiranat());
    changed.premises = "own".into();
    let mut tx = db.store.write().await.unwrap();
    assert!(tx.update_group(id, &changed, 1, at(50)).await.unwrap());
    // A second form that read version 1 is too late.
    let stale = group("G-1", "نام قدیمی", p.in_shemiranat());
    assert!(!tx.update_group(id, &stale, 1, at(51)).await.unwrap());
    assert!(
        !tx.update_group(
            hamyar_app::ports::groups::GroupId::new(id.get() + 1000),
            &stale,
            2,
            at(51)
        )
        .await
        .unwrap()
    );
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let row = tx.group_by_id(id).await.unwrap().unwrap();
    assert_eq!(row.record, changed);
    assert_eq!(row.version, 2);
    assert_eq!(row.updated_at, at(50));
    assert_eq!(row.created_at, at(1));
    // Editing the record does not touch the lifecycle.
    assert_eq!(row.stage, GroupStage::Active);
    assert_eq!(tx.stages_of(id).await.unwrap().len(), 2);
}

/// Three groups: A (Tehran, tailoring, unit, registered), B (Tehran, bakery, active) and C
/// (Qazvin, tailoring, active, same code as A).
struct SearchFixture {
    places: Places,
    unit_id: i64,
    a: GroupId,
    b: GroupId,
    c: GroupId,
}

async fn search_fixture(db: &TestDatabase) -> SearchFixture {
    let places = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let unit_id = tx
        .insert_supervising_unit(&unit(
            "مرکز نیکوکاری مهر",
            "ngo_centre",
            places.in_shemiranat(),
        ))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut a = group("T-001", "خیاطی نور", places.in_shemiranat());
    a.supervising_unit_id = Some(unit_id);
    let a = register(db, &a, "2024-04-01").await;
    let mut b = group("T-002", "نان برکت", places.in_shemiranat());
    b.business_field = "bread_pastry".into();
    let b = register(db, &b, "2024-04-02").await;
    record_moves(db, b, &[("active", "2024-05-01")]).await;
    // Typed with the Arabic yeh: the folded key still matches a Persian search.
    let c = register(
        db,
        &group("T-001", "خياطي اميد", places.in_abyek()),
        "2024-04-03",
    )
    .await;
    record_moves(db, c, &[("active", "2024-05-01")]).await;
    SearchFixture {
        places,
        unit_id,
        a,
        b,
        c,
    }
}

async fn a_search_narrows_by_place_stage_field_and_supervising_unit(db: &TestDatabase) {
    let SearchFixture {
        places: p,
        unit_id,
        a,
        b,
        c,
    } = search_fixture(db).await;
    assert_eq!(found(db, GroupSearch::default()).await, vec![c, b, a]);
    let in_tehran = GroupSearch {
        place: province(p.tehran),
        ..GroupSearch::default()
    };
    assert_eq!(found(db, in_tehran).await, vec![b, a]);
    let in_abyek = GroupSearch {
        place: county(p.qazvin, p.abyek),
        ..GroupSearch::default()
    };
    assert_eq!(found(db, in_abyek).await, vec![c]);
    let active = GroupSearch {
        stages: vec!["active".into()],
        ..GroupSearch::default()
    };
    assert_eq!(found(db, active).await, vec![c, b]);
    let tailoring = GroupSearch {
        business_field: Some("tailoring".into()),
        ..GroupSearch::default()
    };
    assert_eq!(found(db, tailoring).await, vec![c, a]);
    let supervised = GroupSearch {
        supervising_unit_id: Some(unit_id),
        ..GroupSearch::default()
    };
    assert_eq!(found(db, supervised).await, vec![a]);
    let active_tailoring_in_tehran = GroupSearch {
        place: province(p.tehran),
        stages: vec!["active".into()],
        business_field: Some("tailoring".into()),
        ..GroupSearch::default()
    };
    assert_eq!(
        found(db, active_tailoring_in_tehran).await,
        Vec::<GroupId>::new()
    );
}

async fn the_search_text_is_a_folded_name_prefix_or_an_exact_code(db: &TestDatabase) {
    let SearchFixture {
        places: p, a, b, c, ..
    } = search_fixture(db).await;
    let text = |text: &str| GroupSearch {
        text: Some(text.into()),
        ..GroupSearch::default()
    };
    assert_eq!(found(db, text(&search_key("خیاطی"))).await, vec![c, a]);
    assert_eq!(found(db, text(&search_key("خیاطی ا"))).await, vec![c]);
    assert_eq!(found(db, text(&search_key("نان برکت"))).await, vec![b]);
    // The middle of a name is not a prefix.
    assert_eq!(
        found(db, text(&search_key("برکت"))).await,
        Vec::<GroupId>::new()
    );
    assert_eq!(found(db, text("T-001")).await, vec![c, a]);
    // Codes match whole, not by prefix.
    assert_eq!(found(db, text("T-00")).await, Vec::<GroupId>::new());
    assert_eq!(found(db, text("")).await, vec![c, b, a]);
    let code_in_tehran = GroupSearch {
        place: province(p.tehran),
        ..text("T-001")
    };
    assert_eq!(found(db, code_in_tehran).await, vec![a]);
}

async fn search_results_are_newest_first_or_by_name_and_paged(db: &TestDatabase) {
    let SearchFixture { a, b, c, .. } = search_fixture(db).await;
    let by_name = GroupSearch {
        by_name: true,
        ..GroupSearch::default()
    };
    // Folded keys in byte order: «خیاطیامید» < «خیاطینور» < «نانبرکت».
    assert_eq!(found(db, by_name.clone()).await, vec![c, a, b]);
    let second_by_name = GroupSearch {
        limit: 1,
        offset: 1,
        ..by_name
    };
    assert_eq!(found(db, second_by_name).await, vec![a]);
    let last_two_newest = GroupSearch {
        limit: 2,
        offset: 1,
        ..GroupSearch::default()
    };
    assert_eq!(found(db, last_two_newest).await, vec![b, a]);
    let past_the_end = GroupSearch {
        limit: 10,
        offset: 3,
        ..GroupSearch::default()
    };
    assert_eq!(found(db, past_the_end).await, Vec::<GroupId>::new());
}

/// Groups by name follow the Persian alphabet: «گروه پونه» after «گروه بهار», «گروه کوثر»
/// and «گروه گلستان» before «گروه لاله», «گروه ورزش» before «گروه هدیه» — which byte order
/// of plain Persian text gets wrong.
async fn groups_by_name_follow_the_persian_alphabet(db: &TestDatabase) {
    let p = seeded(db).await;
    let first = move_to(GroupId::new(0), "registered", "2024-03-25", 5);
    let names = [
        "گروه هدیه",
        "گروه ورزش",
        "گروه لاله",
        "گروه گلستان",
        "گروه کوثر",
        "گروه پونه",
        "گروه بهار",
    ];
    let mut tx = db.store.write().await.unwrap();
    for (n, name) in names.iter().enumerate() {
        let record = group(&format!("TH-{n:04}"), name, p.in_shemiranat());
        tx.insert_group(&record, &first, at(5)).await.unwrap();
    }
    tx.commit().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    let listed: Vec<String> = tx
        .search_groups(&GroupSearch {
            by_name: true,
            ..GroupSearch::default()
        })
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.record.name)
        .collect();
    assert_eq!(
        listed,
        [
            "گروه بهار",
            "گروه پونه",
            "گروه کوثر",
            "گروه گلستان",
            "گروه لاله",
            "گروه ورزش",
            "گروه هدیه"
        ]
    );
}

async fn groups_are_counted_by_stage_under_the_search_filters(db: &TestDatabase) {
    let SearchFixture {
        places: p, unit_id, ..
    } = search_fixture(db).await;
    let everywhere = counts(&[("active", 2), ("registered", 1)]);
    assert_eq!(counted(db, GroupSearch::default()).await, everywhere);
    // The search's own stage, limit and offset do not narrow the counts.
    let with_stage_and_page = GroupSearch {
        stages: vec!["registered".into()],
        limit: 1,
        offset: 2,
        ..GroupSearch::default()
    };
    assert_eq!(counted(db, with_stage_and_page).await, everywhere);
    let in_tehran = GroupSearch {
        place: province(p.tehran),
        ..GroupSearch::default()
    };
    assert_eq!(
        counted(db, in_tehran).await,
        counts(&[("active", 1), ("registered", 1)])
    );
    let in_abyek = GroupSearch {
        place: county(p.qazvin, p.abyek),
        ..GroupSearch::default()
    };
    assert_eq!(counted(db, in_abyek).await, counts(&[("active", 1)]));
    let bakeries = GroupSearch {
        business_field: Some("bread_pastry".into()),
        ..GroupSearch::default()
    };
    assert_eq!(counted(db, bakeries).await, counts(&[("active", 1)]));
    let supervised = GroupSearch {
        supervising_unit_id: Some(unit_id),
        ..GroupSearch::default()
    };
    assert_eq!(counted(db, supervised).await, counts(&[("registered", 1)]));
    let named = GroupSearch {
        text: Some(search_key("خیاطی")),
        ..GroupSearch::default()
    };
    assert_eq!(
        counted(db, named).await,
        counts(&[("active", 1), ("registered", 1)])
    );
    let nowhere = GroupSearch {
        text: Some("nothing".into()),
        ..GroupSearch::default()
    };
    assert_eq!(counted(db, nowhere).await, Vec::new());
}

async fn the_next_code_number_is_one_more_than_the_groups_of_the_province(db: &TestDatabase) {
    let SearchFixture { places: p, .. } = search_fixture(db).await;
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(tx.count_groups_in_province(p.tehran).await.unwrap(), 3);
    assert_eq!(tx.count_groups_in_province(p.qazvin).await.unwrap(), 2);
    assert_eq!(tx.count_groups_in_province(p.abyek).await.unwrap(), 1);
}

// ---------------------------------------------------------------------------------------
// The lifecycle

async fn a_back_dated_move_does_not_replace_a_later_current_stage(db: &TestDatabase) {
    let p = seeded(db).await;
    let id = register(db, &group("G-1", "گروه", p.in_shemiranat()), "2024-03-25").await;
    record_moves(db, id, &[("inactive", "2024-09-01")]).await;

    // Recorded later, but effective before the move to inactive.
    let mut tx = db.store.write().await.unwrap();
    let active = tx
        .insert_stage(&move_to(id, "active", "2024-04-15", 300))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    let row = tx.group_by_id(id).await.unwrap().unwrap();
    assert_eq!(row.stage, GroupStage::Inactive);
    // The history changed, the group's own fields did not.
    assert_eq!((row.version, row.updated_at), (1, at(300)));
    let history: Vec<(GroupStage, JalaliDate)> = tx
        .stages_of(id)
        .await
        .unwrap()
        .into_iter()
        .map(|stage| (stage.stage, stage.effective_on))
        .collect();
    assert_eq!(
        history,
        [
            ("registered", "2024-03-25"),
            ("active", "2024-04-15"),
            ("inactive", "2024-09-01"),
        ]
        .map(|(stage, date)| {
            (
                GroupStage::from_code(stage).unwrap(),
                JalaliDate::from_iso_str(date).unwrap(),
            )
        })
    );
    assert!(active > 0);
    drop(tx);

    // Two moves on one day: the one recorded later is the current one.
    record_moves(
        db,
        id,
        &[("reactivated", "2025-01-10"), ("dissolved", "2025-01-10")],
    )
    .await;
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(
        tx.group_by_id(id).await.unwrap().unwrap().stage,
        GroupStage::Dissolved
    );
    let last = tx.stages_of(id).await.unwrap().pop().unwrap();
    assert_eq!(
        (last.stage.code(), last.recorded_at),
        ("dissolved", at(101))
    );
}

async fn a_move_of_a_group_that_does_not_exist_is_refused(db: &TestDatabase) {
    seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let result = tx
        .insert_stage(&move_to(
            hamyar_app::ports::groups::GroupId::new(999),
            "active",
            "2024-04-15",
            1,
        ))
        .await;
    assert!(matches!(result, Err(StoreError::ForeignKey)), "{result:?}");
}

/// Five groups with histories on known dates (Jalali 1403 ran from 2024-03-20 to
/// 2025-03-20):
/// - `g1` (Tehran): registered 2024-03-25, active 2024-04-15 (recorded after its later
///   moves), inactive 2024-09-01, reactivated 2025-01-10;
/// - `g2` (Tehran): registered 2023-11-05, active 2023-12-01, inactive 2024-01-15,
///   active again 2024-02-01;
/// - `g3` (Tehran): registered 2024-05-01, active 2024-05-20, dissolved 2024-10-10;
/// - `g4` (Qazvin): registered and active on the same day, 2024-06-10;
/// - `g5` (Tehran): registered 2024-12-01 and nothing since.
struct Histories {
    places: Places,
    g1: GroupId,
    g2: GroupId,
    g3: GroupId,
    g4: GroupId,
    g5: GroupId,
}

async fn histories(db: &TestDatabase) -> Histories {
    let places = seeded(db).await;
    let tehran = places.in_shemiranat();
    let g1 = register(db, &group("H-1", "یکم", tehran), "2024-03-25").await;
    record_moves(
        db,
        g1,
        &[("inactive", "2024-09-01"), ("reactivated", "2025-01-10")],
    )
    .await;
    record_moves(db, g1, &[("active", "2024-04-15")]).await;
    let g2 = register(db, &group("H-2", "دوم", tehran), "2023-11-05").await;
    let g2_moves = [
        ("active", "2023-12-01"),
        ("inactive", "2024-01-15"),
        ("active", "2024-02-01"),
    ];
    record_moves(db, g2, &g2_moves).await;
    let g3 = register(db, &group("H-3", "سوم", tehran), "2024-05-01").await;
    record_moves(
        db,
        g3,
        &[("active", "2024-05-20"), ("dissolved", "2024-10-10")],
    )
    .await;
    let g4 = register(db, &group("H-4", "چهارم", places.in_abyek()), "2024-06-10").await;
    record_moves(db, g4, &[("active", "2024-06-10")]).await;
    let g5 = register(db, &group("H-5", "پنجم", tehran), "2024-12-01").await;
    assert!(g1 < g2 && g2 < g3 && g3 < g4 && g4 < g5, "ids grow");
    Histories {
        places,
        g1,
        g2,
        g3,
        g4,
        g5,
    }
}

async fn in_stages_on(
    db: &TestDatabase,
    place: PlaceFilter,
    stages: &[&str],
    date: &str,
) -> Vec<GroupId> {
    let mut tx = db.store.read().await.unwrap();
    tx.groups_in_stages_on(place, stages, date).await.unwrap()
}

async fn groups_active_on_a_date_follow_their_histories(db: &TestDatabase) {
    let Histories { g1, g2, g3, g4, .. } = histories(db).await;
    const ACTIVE: [&str; 2] = ["active", "reactivated"];
    let everywhere = PlaceFilter::default();
    let expected: [(&str, Vec<GroupId>); 19] = [
        ("2023-11-30", vec![]),
        ("2023-12-01", vec![g2]),
        ("2024-01-14", vec![g2]),
        ("2024-01-15", vec![]),
        ("2024-01-31", vec![]),
        ("2024-02-01", vec![g2]),
        ("2024-03-25", vec![g2]),
        ("2024-04-14", vec![g2]),
        ("2024-04-15", vec![g1, g2]),
        ("2024-05-19", vec![g1, g2]),
        ("2024-05-20", vec![g1, g2, g3]),
        ("2024-06-09", vec![g1, g2, g3]),
        ("2024-06-10", vec![g1, g2, g3, g4]),
        ("2024-08-31", vec![g1, g2, g3, g4]),
        ("2024-09-01", vec![g2, g3, g4]),
        ("2024-10-09", vec![g2, g3, g4]),
        ("2024-10-10", vec![g2, g4]),
        ("2025-01-09", vec![g2, g4]),
        ("2025-01-10", vec![g1, g2, g4]),
    ];
    for (date, ids) in expected {
        assert_eq!(
            in_stages_on(db, everywhere, &ACTIVE, date).await,
            ids,
            "on {date}"
        );
    }
}

async fn a_stage_on_a_date_is_narrowed_by_place_and_stage_list(db: &TestDatabase) {
    let Histories {
        places: p,
        g1,
        g2,
        g3,
        g4,
        g5,
    } = histories(db).await;
    let active = ["active", "reactivated"];
    let date = "2025-01-10";
    assert_eq!(
        in_stages_on(db, province(p.tehran), &active, date).await,
        vec![g1, g2]
    );
    let shemiranat = county(p.tehran, p.shemiranat);
    assert_eq!(
        in_stages_on(db, shemiranat, &active, date).await,
        vec![g1, g2]
    );
    assert_eq!(
        in_stages_on(db, province(p.qazvin), &active, date).await,
        vec![g4]
    );
    let everywhere = PlaceFilter::default();
    // Reactivation is its own stage: `active` alone leaves g1 out after 2025-01-10.
    assert_eq!(
        in_stages_on(db, everywhere, &["active"], date).await,
        vec![g2, g4]
    );
    assert_eq!(
        in_stages_on(db, everywhere, &["inactive"], "2024-12-31").await,
        vec![g1]
    );
    assert_eq!(
        in_stages_on(db, everywhere, &["dissolved"], "2025-12-31").await,
        vec![g3]
    );
    assert_eq!(
        in_stages_on(db, everywhere, &["registered"], "2024-11-30").await,
        Vec::<GroupId>::new()
    );
    assert_eq!(
        in_stages_on(db, everywhere, &["registered"], "2024-12-01").await,
        vec![g5]
    );
    // On the day of registration a group is registered...
    assert_eq!(
        in_stages_on(db, everywhere, &["registered"], "2024-03-25").await,
        vec![g1]
    );
    assert_eq!(
        in_stages_on(db, everywhere, &["registered"], "2024-05-01").await,
        vec![g3]
    );
    // ...unless a later move took effect the same day: g4 was registered and activated on
    // 2024-06-10, and the move recorded later counts.
    assert_eq!(
        in_stages_on(db, everywhere, &["registered"], "2024-06-10").await,
        Vec::<GroupId>::new()
    );
    assert_eq!(
        in_stages_on(db, everywhere, &[], date).await,
        Vec::<GroupId>::new()
    );
}

async fn entering(
    db: &TestDatabase,
    place: PlaceFilter,
    stage: &str,
    (from, until): (&str, &str),
) -> Vec<GroupId> {
    let mut tx = db.store.read().await.unwrap();
    tx.groups_entering_stage_between(place, stage, from, until)
        .await
        .unwrap()
}

async fn groups_registered_in_a_year_are_those_that_first_entered_the_stage_in_it(
    db: &TestDatabase,
) {
    let Histories {
        places: p,
        g1,
        g2,
        g3,
        g4,
        g5,
    } = histories(db).await;
    let everywhere = PlaceFilter::default();
    let year_1402 = ("2023-03-21", "2024-03-20");
    let year_1403 = ("2024-03-20", "2025-03-21");
    let registered_1403 = entering(db, everywhere, "registered", year_1403).await;
    assert_eq!(registered_1403, vec![g1, g3, g4, g5]);
    let registered_1402 = entering(db, everywhere, "registered", year_1402).await;
    assert_eq!(registered_1402, vec![g2]);
    // `from` is included, `until` is not.
    let from_g1 = entering(db, everywhere, "registered", ("2024-03-25", "2024-05-01")).await;
    assert_eq!(from_g1, vec![g1]);
    let until_g1 = entering(db, everywhere, "registered", ("2024-03-20", "2024-03-25")).await;
    assert_eq!(until_g1, Vec::<GroupId>::new());
    let in_qazvin = entering(db, province(p.qazvin), "registered", year_1403).await;
    assert_eq!(in_qazvin, vec![g4]);
    let in_tehran = entering(db, county(p.tehran, p.shemiranat), "registered", year_1403).await;
    assert_eq!(in_tehran, vec![g1, g3, g5]);
    // g2 became active again on 2024-02-01, but it first did so in 2023: not counted again.
    let active_since_january =
        entering(db, everywhere, "active", ("2024-01-01", year_1403.1)).await;
    assert_eq!(active_since_january, vec![g1, g3, g4]);
    let active_1402 = entering(db, everywhere, "active", year_1402).await;
    assert_eq!(active_1402, vec![g2]);
    // g1's move to active was recorded last but is its first by date.
    let active_april = entering(db, everywhere, "active", ("2024-04-01", "2024-05-01")).await;
    assert_eq!(active_april, vec![g1]);
}

// ---------------------------------------------------------------------------------------
// Staff

async fn staff_assignments_are_kept_in_order_and_the_latest_is_current(db: &TestDatabase) {
    let p = seeded(db).await;
    let maryam = user(db, "maryam", p.in_shemiranat()).await;
    let zahra = user(db, "zahra", p.in_shemiranat()).await;
    let id = register(db, &group("G-1", "گروه", p.in_shemiranat()), "2024-04-01").await;

    let mut tx = db.store.write().await.unwrap();
    let first = staff(id, "social_worker", Some(maryam), "2024-04-01");
    let first_id = tx.insert_staff(&first).await.unwrap();
    tx.insert_staff(&staff(id, "facilitator", Some(zahra), "2024-04-01"))
        .await
        .unwrap();
    tx.insert_staff(&staff(id, "social_worker", Some(zahra), "2024-07-01"))
        .await
        .unwrap();
    tx.insert_staff(&staff(id, "facilitator", None, "2024-08-01"))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let row = tx.group_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        (row.social_worker_id, row.facilitator_id),
        (Some(zahra), None)
    );
    assert_eq!((row.version, row.updated_at), (1, at(20)));
    let history = tx.staff_of(id).await.unwrap();
    assert_eq!(
        history[0],
        StaffRow {
            id: first_id,
            ..first
        }
    );
    let summary: Vec<(&str, Option<hamyar_app::access::UserId>, String)> = history
        .iter()
        .map(|row| (row.duty.code(), row.user_id, row.from_on.to_iso_string()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("social_worker", Some(maryam), "2024-04-01".to_owned()),
            ("facilitator", Some(zahra), "2024-04-01".to_owned()),
            ("social_worker", Some(zahra), "2024-07-01".to_owned()),
            ("facilitator", None, "2024-08-01".to_owned()),
        ]
    );
    assert!(
        tx.staff_of(hamyar_app::ports::groups::GroupId::new(id.get() + 1000))
            .await
            .unwrap()
            .is_empty()
    );
}

async fn a_staff_member_must_be_a_user(db: &TestDatabase) {
    let p = seeded(db).await;
    let id = register(db, &group("G-1", "گروه", p.in_shemiranat()), "2024-04-01").await;
    let mut tx = db.store.write().await.unwrap();
    let result = tx
        .insert_staff(&staff(
            id,
            "social_worker",
            Some(hamyar_app::access::UserId::new(4242)),
            "2024-04-01",
        ))
        .await;
    assert!(matches!(result, Err(StoreError::ForeignKey)), "{result:?}");
}

// ---------------------------------------------------------------------------------------
// Members

async fn memberships_are_listed_by_group_and_by_woman_with_names(db: &TestDatabase) {
    let p = seeded(db).await;
    let yas = register(
        db,
        &group("G-1", "گروه یاس", p.in_shemiranat()),
        "2024-04-01",
    )
    .await;
    let nan = register(
        db,
        &group("G-2", "گروه نان", p.in_shemiranat()),
        "2024-04-01",
    )
    .await;
    record_moves(db, nan, &[("active", "2024-05-01")]).await;
    let fatemeh = registered_woman(db, "0012345679", ("فاطمه", "کریمی"), p.in_shemiranat()).await;
    let leila = registered_woman(db, "0023456781", ("لیلا", "رضایی"), p.in_shemiranat()).await;

    let mut tx = db.store.write().await.unwrap();
    let head = membership(yas, leila, "head", "2024-04-01");
    let head_id = tx.insert_membership(&head).await.unwrap();
    let first = tx
        .insert_membership(&membership(yas, fatemeh, "member", "2024-04-05"))
        .await
        .unwrap();
    let later = tx
        .insert_membership(&membership(nan, fatemeh, "treasurer", "2024-06-01"))
        .await
        .unwrap();
    // Fatemeh leaves Yas for Nan.
    let left = MembershipRow {
        id: first,
        role: hamyar_domain::groups::MemberRole::parse("secretary").expect("a role"),
        left_on: Some(JalaliDate::from_iso_str("2024-05-31").unwrap()),
        leave_reason: Some(LeaveReason::Other),
        leave_note: "به گروه نان پیوست".into(),
        updated_at: at(30),
        ..membership(yas, fatemeh, "member", "2024-04-05")
    };
    assert!(tx.update_membership(&left).await.unwrap());
    let missing = MembershipRow {
        id: later + 1000,
        ..left.clone()
    };
    assert!(!tx.update_membership(&missing).await.unwrap());
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    // The members of groups in some stages on a day, from the histories and (today) from
    // the current stages: Nan is active from 2024-05-01 and Fatemeh joins it on 2024-06-01;
    // Yas stays registered, Leila its head, Fatemeh its member until 2024-05-31.
    let everywhere = PlaceFilter::default();
    let active = ["active", "reactivated"];
    for (stages, date, current, expected) in [
        (&active[..], "2024-05-15", false, 0),
        (&active[..], "2024-06-01", false, 1),
        (&active[..], "2030-01-01", true, 1),
        (&["registered"][..], "2024-04-10", false, 2),
        (&["registered"][..], "2024-05-31", false, 2),
        (&["registered"][..], "2024-06-01", false, 1),
        (&["registered"][..], "2030-01-01", true, 1),
    ] {
        assert_eq!(
            tx.members_of_groups_in_stages_on(everywhere, stages, date, current)
                .await
                .unwrap(),
            expected,
            "{stages:?} on {date} (current stage: {current})"
        );
    }
    assert_eq!(
        tx.membership_by_id(first).await.unwrap(),
        Some(left.clone())
    );
    assert_eq!(
        tx.membership_by_id(head_id).await.unwrap(),
        Some(MembershipRow {
            id: head_id,
            ..head
        })
    );
    assert_eq!(tx.membership_by_id(later + 1000).await.unwrap(), None);

    let of_yas = tx.members_of_group(yas).await.unwrap();
    let summary: Vec<(i64, &str, &str, &str)> = of_yas
        .iter()
        .map(|view| {
            (
                view.membership.id,
                view.first_name.as_str(),
                view.national_id.as_str(),
                view.group_name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (head_id, "لیلا", "0023456781", "گروه یاس"),
            (first, "فاطمه", "0012345679", "گروه یاس"),
        ]
    );
    assert_eq!(of_yas[1].membership, left);
    assert_eq!(of_yas[1].last_name, "کریمی");

    let of_fatemeh = tx.memberships_of_woman(fatemeh).await.unwrap();
    let summary: Vec<(i64, &str, &str, Option<String>)> = of_fatemeh
        .iter()
        .map(|view| {
            (
                view.membership.id,
                view.group_name.as_str(),
                view.group_stage.code(),
                view.membership.left_on.map(|day| day.to_iso_string()),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                first,
                "گروه یاس",
                "registered",
                Some("2024-05-31".to_owned())
            ),
            (later, "گروه نان", "active", None),
        ]
    );
    assert!(
        tx.memberships_of_woman(hamyar_app::ports::registry::WomanId::new(
            fatemeh.get() + 1000
        ))
        .await
        .unwrap()
        .is_empty()
    );
}

async fn a_member_must_be_a_registered_woman_of_an_existing_group(db: &TestDatabase) {
    let p = seeded(db).await;
    let id = register(db, &group("G-1", "گروه", p.in_shemiranat()), "2024-04-01").await;
    let woman = registered_woman(db, "0012345679", ("فاطمه", "کریمی"), p.in_shemiranat()).await;

    let mut tx = db.store.write().await.unwrap();
    let result = tx
        .insert_membership(&membership(
            id,
            hamyar_app::ports::registry::WomanId::new(woman.get() + 1000),
            "member",
            "2024-04-05",
        ))
        .await;
    assert!(matches!(result, Err(StoreError::ForeignKey)), "{result:?}");
    drop(tx);

    let mut tx = db.store.write().await.unwrap();
    let result = tx
        .insert_membership(&membership(
            hamyar_app::ports::groups::GroupId::new(id.get() + 1000),
            woman,
            "member",
            "2024-04-05",
        ))
        .await;
    assert!(matches!(result, Err(StoreError::ForeignKey)), "{result:?}");
    drop(tx);

    // Leaving before joining is refused by the schema's CHECK.
    let mut tx = db.store.write().await.unwrap();
    let backwards = MembershipRow {
        left_on: Some(JalaliDate::from_iso_str("2024-04-04").unwrap()),
        ..membership(id, woman, "member", "2024-04-05")
    };
    let result = tx.insert_membership(&backwards).await;
    assert!(matches!(result, Err(StoreError::Database(_))), "{result:?}");
}

// ---------------------------------------------------------------------------------------
// Reference lists

async fn supervising_units_are_listed_by_place_and_name_and_unique_per_county(db: &TestDatabase) {
    let p = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let office = unit("بهزیستی شمیرانات", "welfare_office", p.in_shemiranat());
    let office_id = tx.insert_supervising_unit(&office).await.unwrap();
    let mut centre = unit("آفتاب", "ngo_centre", p.in_shemiranat());
    centre.active = false;
    let centre_id = tx.insert_supervising_unit(&centre).await.unwrap();
    let abyek_id = tx
        .insert_supervising_unit(&unit("بهزیستی آبیک", "welfare_office", p.in_abyek()))
        .await
        .unwrap();
    // The same name in another county is another unit.
    let same_name_id = tx
        .insert_supervising_unit(&unit("آفتاب", "ngo_centre", p.in_abyek()))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    let result = tx
        .insert_supervising_unit(&unit("بهزيستي شميرانات", "ngo_centre", p.in_shemiranat()))
        .await;
    assert!(
        matches!(&result, Err(StoreError::Unique(name)) if name == "supervising_units.name"),
        "{result:?}"
    );
    drop(tx);

    let mut tx = db.store.read().await.unwrap();
    assert_eq!(
        tx.supervising_unit_by_id(office_id).await.unwrap(),
        Some(SupervisingUnitRow {
            id: office_id,
            ..office
        })
    );
    assert_eq!(
        tx.supervising_unit_by_id(centre_id).await.unwrap(),
        Some(SupervisingUnitRow {
            id: centre_id,
            ..centre
        })
    );
    assert_eq!(
        tx.supervising_unit_by_id(office_id + 1000).await.unwrap(),
        None
    );
    let ids = |units: Vec<SupervisingUnitRow>| units.iter().map(|u| u.id).collect::<Vec<_>>();
    // «افتاب» < «بهزیستی…» in folded byte order (آ folds to ا).
    let everywhere = tx.supervising_units(PlaceFilter::default()).await.unwrap();
    assert_eq!(
        ids(everywhere),
        vec![centre_id, same_name_id, abyek_id, office_id]
    );
    let in_tehran = tx.supervising_units(province(p.tehran)).await.unwrap();
    assert_eq!(ids(in_tehran), vec![centre_id, office_id]);
    let in_abyek = tx
        .supervising_units(county(p.qazvin, p.abyek))
        .await
        .unwrap();
    assert_eq!(ids(in_abyek), vec![same_name_id, abyek_id]);
}

async fn business_fields_are_listed_in_order_and_replaced_by_code(db: &TestDatabase) {
    seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let seeded_fields = tx.business_fields().await.unwrap();
    assert_eq!(seeded_fields.len(), 17);
    assert_eq!(
        seeded_fields[0],
        BusinessFieldRow {
            code: "tailoring".into(),
            name_fa: "خیاطی".into(),
            name_en: "Tailoring".into(),
            position: 1,
            active: true,
        }
    );
    assert_eq!(seeded_fields[16].code, "other");

    let beekeeping = BusinessFieldRow {
        code: "beekeeping".into(),
        name_fa: "زنبورداری".into(),
        name_en: "Beekeeping".into(),
        position: 12,
        active: true,
    };
    tx.put_business_field(&beekeeping).await.unwrap();
    let retired_tailoring = BusinessFieldRow {
        name_en: "Tailoring and sewing".into(),
        position: 50,
        active: false,
        ..seeded_fields[0].clone()
    };
    tx.put_business_field(&retired_tailoring).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let fields = tx.business_fields().await.unwrap();
    assert_eq!(fields.len(), 18);
    let codes: Vec<&str> = fields.iter().map(|field| field.code.as_str()).collect();
    // Equal positions fall back to the code: «beekeeping» before «kindergarten».
    assert_eq!(
        &codes[9..13],
        ["livestock", "beekeeping", "kindergarten", "hairdressing"]
    );
    assert_eq!(&codes[16..], ["tailoring", "other"]);
    assert_eq!(fields[16], retired_tailoring);
    assert_eq!(fields[10], beekeeping);
}

// ---------------------------------------------------------------------------------------

hamyar_store::on_both_databases!(
    a_group_is_read_back_exactly_with_its_first_stage,
    a_stored_stage_the_domain_does_not_know_is_an_error_naming_the_row,
    a_code_is_unique_within_a_province_but_not_across_provinces,
    a_group_in_an_unknown_county_or_field_is_refused_as_a_foreign_key,
    an_update_applies_only_to_the_version_it_read,
    a_search_narrows_by_place_stage_field_and_supervising_unit,
    the_search_text_is_a_folded_name_prefix_or_an_exact_code,
    search_results_are_newest_first_or_by_name_and_paged,
    groups_by_name_follow_the_persian_alphabet,
    groups_are_counted_by_stage_under_the_search_filters,
    the_next_code_number_is_one_more_than_the_groups_of_the_province,
    a_back_dated_move_does_not_replace_a_later_current_stage,
    a_move_of_a_group_that_does_not_exist_is_refused,
    groups_active_on_a_date_follow_their_histories,
    a_stage_on_a_date_is_narrowed_by_place_and_stage_list,
    groups_registered_in_a_year_are_those_that_first_entered_the_stage_in_it,
    staff_assignments_are_kept_in_order_and_the_latest_is_current,
    a_staff_member_must_be_a_user,
    memberships_are_listed_by_group_and_by_woman_with_names,
    a_member_must_be_a_registered_woman_of_an_existing_group,
    supervising_units_are_listed_by_place_and_name_and_unique_per_county,
    business_fields_are_listed_in_order_and_replaced_by_code,
);
