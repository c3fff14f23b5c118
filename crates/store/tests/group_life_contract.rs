//! The storage contract of a group's life (`GroupLifeRepo`), checked on both backends in the
//! same way as `contract.rs`: each test is written once as `async fn name(db: &TestDatabase)`
//! and the `contract!` macro at the bottom runs the list on SQLite (always) and on PostgreSQL
//! (when `HAMYAR_TEST_POSTGRES_URL` is set). Groups and memberships are written with plain SQL,
//! so these tests depend only on the tables of migration 0005, not on the groups adapter.

use hamyar_app::ports::group_life::{
    BusinessMonthRow, MeetingRow, PermitRow, VisitRequestRow, VisitRow,
};
use hamyar_app::ports::groups::PlaceFilter;
use hamyar_app::ports::registry::WomanRecord;
use hamyar_app::ports::{Database, NewPlaceRow, StoreError};
use hamyar_domain::search_key;
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

#[derive(Debug, Clone, Copy)]
struct World {
    qazvin: i64,
    abyek: i64,
    takestan: i64,
    /// A group in Abyek with two members.
    group: i64,
    /// A group in Takestan.
    other: i64,
    women: [i64; 2],
}

fn woman(national_id: &str, first: &str, province: i64, county: i64) -> WomanRecord {
    WomanRecord {
        national_id: national_id.into(),
        first_name: first.into(),
        last_name: "رضایی".into(),
        father_name: None,
        birth_date: "1980-01-01".into(),
        mobile: None,
        province_id: province,
        county_id: county,
        locality: "مرکز".into(),
        settlement: "urban".into(),
        address: "خیابان".into(),
        education: None,
        skills: String::new(),
        sheba: None,
        headship_cause: "widow".into(),
        income_decile: None,
        notes: String::new(),
        social_worker_id: None,
        name_key: search_key(&format!("{first} رضایی")),
        name_key_reversed: search_key(&format!("رضایی {first}")),
    }
}

async fn group(db: &TestDatabase, code: &str, province: i64, county: i64, stage: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO hamyar_groups (code, name, name_key, province_id, county_id, locality, \
         business_field, business_field_other, premises, premises_address, stage, notes, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'مرکز', 'tailoring', '', 'home', \
         '', $6, '', $7, $7) RETURNING id",
    )
    .bind(code)
    .bind(format!("گروه {code}"))
    .bind(search_key(&format!("گروه {code}")))
    .bind(province)
    .bind(county)
    .bind(stage)
    .bind(hamyar_app::clock::storage_timestamp(at(0)))
    .fetch_one(db.store.pool())
    .await
    .unwrap()
}

async fn seeded(db: &TestDatabase) -> World {
    let mut tx = db.store.write().await.unwrap();
    let mut place = async |kind: &str, parent_id: Option<i64>, code: &str| {
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
    let abyek = place("county", Some(qazvin), "ir.qazvin.abyek").await;
    let takestan = place("county", Some(qazvin), "ir.qazvin.takestan").await;
    let first = tx
        .insert_woman(
            &woman("0013542419", "مریم", qazvin, abyek),
            "covered",
            at(1),
        )
        .await
        .unwrap();
    let second = tx
        .insert_woman(
            &woman("0084575948", "زهرا", qazvin, abyek),
            "covered",
            at(1),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let group_id = group(db, "G-1", qazvin, abyek, "active").await;
    let other = group(db, "G-2", qazvin, takestan, "active").await;
    for (woman_id, joined) in [(second, "2026-01-05"), (first, "2026-01-01")] {
        sqlx::query(
            "INSERT INTO group_members (group_id, woman_id, role, joined_on, left_on, \
             leave_reason, leave_note, created_at, updated_at) \
             VALUES ($1, $2, 'member', $3, NULL, NULL, '', $4, $4)",
        )
        .bind(group_id)
        .bind(woman_id)
        .bind(joined)
        .bind(hamyar_app::clock::storage_timestamp(at(2)))
        .execute(db.store.pool())
        .await
        .unwrap();
    }
    World {
        qazvin,
        abyek,
        takestan,
        group: group_id,
        other,
        women: [first, second],
    }
}

fn month(group_id: i64, year: i64, month: i64, revenue: i64, costs: i64) -> BusinessMonthRow {
    BusinessMonthRow {
        id: 0,
        group_id,
        year,
        month,
        revenue_rials: revenue,
        costs_rials: costs,
        profit_rials: revenue - costs,
        members_working: 5,
        people_hired: 1,
        channels: "shop,online".into(),
        channel_other: String::new(),
        payments: Vec::new(),
        recorded_by: Some(1),
        recorded_by_name: "مددکار".into(),
        recorded_at: at(10),
    }
}

fn visit(group_id: i64, visited_on: &str, due: Option<&str>, requests: &[&str]) -> VisitRow {
    VisitRow {
        id: 0,
        group_id,
        visited_on: visited_on.into(),
        visitor_id: None,
        visitor_name: "کارشناس استان".into(),
        purpose: "پایش".into(),
        findings: "فروش کم".into(),
        referrals: "bank,other".into(),
        referral_other: "بنیاد".into(),
        follow_up_due: due.map(str::to_owned),
        follow_up_done_on: None,
        follow_up_note: String::new(),
        requests: requests
            .iter()
            .map(|request| VisitRequestRow {
                id: 0,
                visit_id: 0,
                group_id,
                request: (*request).into(),
                resolved_on: None,
                resolution_note: String::new(),
                resolved_by_name: String::new(),
            })
            .collect(),
        recorded_by: None,
        recorded_by_name: "کارشناس".into(),
        recorded_at: at(20),
    }
}

async fn members_are_read_with_their_names_in_order_of_joining(db: &TestDatabase) {
    let world = seeded(db).await;
    let mut tx = db.store.read().await.unwrap();
    let spans = tx.member_spans(world.group).await.unwrap();
    let names: Vec<_> = spans
        .iter()
        .map(|s| (s.woman_id, s.first_name.as_str()))
        .collect();
    assert_eq!(names, [(world.women[0], "مریم"), (world.women[1], "زهرا")]);
    assert_eq!(spans[0].joined_on, "2026-01-01");
    let facts = tx.group_facts(world.other).await.unwrap().unwrap();
    assert_eq!(
        (facts.code.as_str(), facts.county_id),
        ("G-2", world.takestan)
    );
    assert!(tx.group_facts(9_999).await.unwrap().is_none());
}

async fn a_business_month_is_replaced_in_place_with_its_payments(db: &TestDatabase) {
    let world = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let mut row = month(world.group, 1405, 8, 12_000_000, 15_000_000);
    row.payments = vec![(world.women[0], 1_000_000), (world.women[1], 2_000_000)];
    let id = tx.put_business_month(&row).await.unwrap();
    tx.put_business_month(&month(world.group, 1405, 6, 1, 0))
        .await
        .unwrap();
    let mut edited = month(world.group, 1405, 8, 20_000_000, 5_000_000);
    edited.payments = vec![(world.women[1], 3_000_000)];
    assert_eq!(
        tx.put_business_month(&edited).await.unwrap(),
        id,
        "same month, same id"
    );
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let stored = tx
        .business_month(world.group, 1405, 8)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.profit_rials, 15_000_000);
    assert_eq!(stored.payments, [(world.women[1], 3_000_000)]);
    assert_eq!(stored.channels, "shop,online");
    let all = tx.business_months(world.group).await.unwrap();
    let months: Vec<_> = all
        .iter()
        .map(|m| (m.year, m.month, m.payments.len()))
        .collect();
    assert_eq!(months, [(1405, 6, 0), (1405, 8, 1)]);
    assert!(
        tx.business_month(world.other, 1405, 8)
            .await
            .unwrap()
            .is_none()
    );
}

async fn a_profit_that_is_not_revenue_minus_costs_is_refused_by_the_database(db: &TestDatabase) {
    let world = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let mut row = month(world.group, 1405, 8, 10, 3);
    row.profit_rials = 8;
    let error = tx.put_business_month(&row).await.unwrap_err();
    assert!(matches!(error, StoreError::Database(_)), "{error:?}");
}

async fn a_meeting_is_read_back_with_each_members_attendance_newest_first(db: &TestDatabase) {
    let world = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    for (held_on, topics) in [("2026-10-01", "قیمت"), ("2026-11-01", "نمایشگاه")] {
        let row = MeetingRow {
            id: 0,
            group_id: world.group,
            held_on: held_on.into(),
            place: "کارگاه".into(),
            topics: topics.into(),
            decisions: "شرکت در نمایشگاه".into(),
            attendance: vec![
                (world.women[0], "present".into()),
                (world.women[1], "excused".into()),
            ],
            recorded_by: Some(3),
            recorded_by_name: "مددکار".into(),
            recorded_at: at(30),
        };
        tx.insert_meeting(&row).await.unwrap();
    }
    tx.commit().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    let meetings = tx.meetings_of(world.group).await.unwrap();
    assert_eq!(meetings.len(), 2);
    assert_eq!(meetings[0].topics, "نمایشگاه");
    assert_eq!(
        meetings[1].attendance,
        [
            (world.women[0], "present".to_owned()),
            (world.women[1], "excused".to_owned())
        ]
    );
    assert!(tx.meetings_of(world.other).await.unwrap().is_empty());
}

async fn a_follow_up_and_a_request_are_closed_once(db: &TestDatabase) {
    let world = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let id = tx
        .insert_visit(&visit(
            world.group,
            "2026-11-20",
            Some("2026-12-01"),
            &["وام", "غرفه"],
        ))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    let stored = tx.visit_by_id(id).await.unwrap().unwrap();
    let requests: Vec<_> = stored.requests.iter().map(|r| r.request.as_str()).collect();
    assert_eq!(requests, ["وام", "غرفه"]);
    assert!(
        tx.complete_follow_up(id, "2026-11-25", "انجام شد")
            .await
            .unwrap()
    );
    assert!(
        !tx.complete_follow_up(id, "2026-11-26", "دوباره")
            .await
            .unwrap()
    );
    let request = stored.requests[0].id;
    assert!(
        tx.resolve_visit_request(request, "2026-11-24", "معرفی شد", "کارشناس")
            .await
            .unwrap()
    );
    assert!(
        !tx.resolve_visit_request(request, "2026-11-25", "x", "y")
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let stored = tx.visit_by_id(id).await.unwrap().unwrap();
    assert_eq!(stored.follow_up_done_on.as_deref(), Some("2026-11-25"));
    assert_eq!(stored.follow_up_note, "انجام شد");
    let resolved = tx.visit_request_by_id(request).await.unwrap().unwrap();
    assert_eq!(resolved.resolved_on.as_deref(), Some("2026-11-24"));
    assert_eq!(stored.requests[1].resolved_on, None);
}

async fn follow_ups_owed_by_a_date_are_listed_within_the_place(db: &TestDatabase) {
    let world = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let late = tx
        .insert_visit(&visit(
            world.group,
            "2026-10-01",
            Some("2026-11-01"),
            &["وام"],
        ))
        .await
        .unwrap();
    let soon = tx
        .insert_visit(&visit(world.other, "2026-11-20", Some("2026-12-05"), &[]))
        .await
        .unwrap();
    tx.insert_visit(&visit(world.group, "2026-11-20", Some("2027-02-01"), &[]))
        .await
        .unwrap();
    tx.insert_visit(&visit(world.group, "2026-11-21", None, &[]))
        .await
        .unwrap();
    let done = tx
        .insert_visit(&visit(world.group, "2026-10-02", Some("2026-10-10"), &[]))
        .await
        .unwrap();
    tx.complete_follow_up(done, "2026-10-09", "انجام شد")
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let province = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: None,
    };
    let owed = tx.owed_visits(province, "2026-12-13").await.unwrap();
    let ids: Vec<_> = owed.iter().map(|o| o.visit.id).collect();
    assert_eq!(
        ids,
        [late, soon],
        "earliest due first, done and later ones left out"
    );
    assert_eq!(owed[0].visit.requests.len(), 1);
    assert_eq!(owed[1].group.code, "G-2");
    let abyek = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: Some(world.abyek),
    };
    let owed = tx.owed_visits(abyek, "2026-12-13").await.unwrap();
    assert_eq!(owed.iter().map(|o| o.visit.id).collect::<Vec<_>>(), [late]);
}

async fn the_latest_visit_of_each_group_leaves_out_finished_groups(db: &TestDatabase) {
    let world = seeded(db).await;
    let dissolved = group(db, "G-3", world.qazvin, world.abyek, "dissolved").await;
    let mut tx = db.store.write().await.unwrap();
    tx.insert_visit(&visit(world.group, "2026-08-01", None, &[]))
        .await
        .unwrap();
    tx.insert_visit(&visit(world.group, "2026-09-15", None, &[]))
        .await
        .unwrap();
    tx.insert_visit(&visit(dissolved, "2026-01-01", None, &[]))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let everywhere = PlaceFilter::default();
    let last = tx
        .last_visits(everywhere, &["dissolved", "graduated"])
        .await
        .unwrap();
    let seen: Vec<_> = last
        .iter()
        .map(|l| (l.group.id, l.last_visited_on.as_deref()))
        .collect();
    assert_eq!(
        seen,
        [(world.group, Some("2026-09-15")), (world.other, None)]
    );
    let takestan = PlaceFilter {
        province_id: None,
        county_id: Some(world.takestan),
    };
    let last = tx.last_visits(takestan, &[]).await.unwrap();
    assert_eq!(last.len(), 1);
}

async fn a_permit_of_a_kind_is_replaced_and_one_expiring_before_issue_is_refused(
    db: &TestDatabase,
) {
    let world = seeded(db).await;
    let permit = |kind: &str, number: &str, issued: &str, expires: &str| PermitRow {
        id: 0,
        group_id: world.group,
        kind: kind.into(),
        number: number.into(),
        issued_on: issued.into(),
        expires_on: expires.into(),
        recorded_by_name: "مددکار".into(),
        recorded_at: at(40),
    };
    let mut tx = db.store.write().await.unwrap();
    let id = tx
        .put_permit(&permit("health_code", "1", "2025-01-01", "2026-01-01"))
        .await
        .unwrap();
    tx.put_permit(&permit(
        "business_licence",
        "B-7",
        "2025-02-01",
        "2027-02-01",
    ))
    .await
    .unwrap();
    let renewed = tx
        .put_permit(&permit("health_code", "2", "2026-01-01", "2027-01-01"))
        .await
        .unwrap();
    assert_eq!(renewed, id);
    tx.commit().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    let permits = tx.permits_of(world.group).await.unwrap();
    let seen: Vec<_> = permits
        .iter()
        .map(|p| (p.kind.as_str(), p.number.as_str()))
        .collect();
    assert_eq!(seen, [("business_licence", "B-7"), ("health_code", "2")]);
    drop(tx);
    let mut tx = db.store.write().await.unwrap();
    let error = tx
        .put_permit(&permit("health_code", "3", "2026-05-01", "2026-04-30"))
        .await
        .unwrap_err();
    assert!(matches!(error, StoreError::Database(_)), "{error:?}");
}

hamyar_store::on_both_databases!(
    members_are_read_with_their_names_in_order_of_joining,
    a_business_month_is_replaced_in_place_with_its_payments,
    a_profit_that_is_not_revenue_minus_costs_is_refused_by_the_database,
    a_meeting_is_read_back_with_each_members_attendance_newest_first,
    a_follow_up_and_a_request_are_closed_once,
    follow_ups_owed_by_a_date_are_listed_within_the_place,
    the_latest_visit_of_each_group_leaves_out_finished_groups,
    a_permit_of_a_kind_is_replaced_and_one_expiring_before_issue_is_refused,
);
