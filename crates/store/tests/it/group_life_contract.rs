//! The storage contract of a group's life (`GroupLifeRepo`), checked on both backends in the
//! same way as `contract.rs`: each test is written once as `async fn name(db: &TestDatabase)`
//! and `hamyar_store::on_both_databases!` at the bottom runs the list on SQLite (always) and
//! on PostgreSQL (when `HAMYAR_TEST_POSTGRES_URL` is set). Groups and memberships are written
//! with plain SQL, so these tests depend only on the tables of migration 0005, not on the
//! groups adapter.

use hamyar_app::access::{PlaceId, Role, UserId};
use hamyar_app::ports::Backend;
use hamyar_app::ports::group_life::{
    AssignedTo, BusinessMonthRow, ExpiringPermitsQuery, GroupFacts, MeetingRow, PermitRow,
    VisitDutyCounts, VisitDutyLine, VisitDutyQuery, VisitDutyRow, VisitRequestRow, VisitRow,
};
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::groups::PlaceFilter;
use hamyar_app::ports::registry::WomanId;
use hamyar_app::ports::registry::WomanRecord;
use hamyar_app::ports::{Database, NewPlaceRow, NewUserRow, StoreError};
use hamyar_domain::JalaliDate;
use hamyar_domain::groups::StaffDuty;
use hamyar_domain::search_key;
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

#[derive(Debug, Clone, Copy)]
struct World {
    qazvin: PlaceId,
    abyek: PlaceId,
    takestan: PlaceId,
    /// A group in Abyek with two members.
    group: GroupId,
    /// A group in Takestan.
    other: GroupId,
    women: [WomanId; 2],
}

fn woman(national_id: &str, first: &str, province: PlaceId, county: PlaceId) -> WomanRecord {
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
        name_key_reversed: hamyar_domain::persian_order(&search_key(&format!("رضایی {first}"))),
    }
}

async fn group(
    db: &TestDatabase,
    code: &str,
    province: PlaceId,
    county: PlaceId,
    stage: &str,
) -> GroupId {
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

fn month(group_id: GroupId, year: i64, month: i64, revenue: i64, costs: i64) -> BusinessMonthRow {
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
        recorded_by: Some(hamyar_app::access::UserId::new(1)),
        recorded_by_name: "مددکار".into(),
        recorded_at: at(10),
    }
}

fn visit(group_id: GroupId, visited_on: &str, due: Option<&str>, requests: &[&str]) -> VisitRow {
    VisitRow {
        id: 0,
        group_id,
        visited_on: JalaliDate::from_iso_str(visited_on).unwrap(),
        visitor_id: None,
        visitor_name: "کارشناس استان".into(),
        purpose: "پایش".into(),
        findings: "فروش کم".into(),
        referrals: "bank,other".into(),
        referral_other: "بنیاد".into(),
        follow_up_due: due.map(|day| hamyar_domain::JalaliDate::from_iso_str(day).unwrap()),
        follow_up_done_on: None,
        follow_up_note: String::new(),
        follow_up_done_by_name: String::new(),
        follow_up_closed_by_visit_id: None,
        follow_up_closed_on: None,
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
    assert_eq!(spans[0].joined_on.to_iso_string(), "2026-01-01");
    let facts = tx.group_facts(world.other).await.unwrap().unwrap();
    assert_eq!(
        (facts.code.as_str(), facts.county_id),
        ("G-2", world.takestan)
    );
    assert!(
        tx.group_facts(hamyar_app::ports::groups::GroupId::new(9_999))
            .await
            .unwrap()
            .is_none()
    );
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
            held_on: JalaliDate::from_iso_str(held_on).unwrap(),
            place: "کارگاه".into(),
            topics: topics.into(),
            decisions: "شرکت در نمایشگاه".into(),
            attendance: vec![
                (world.women[0], "present".into()),
                (world.women[1], "excused".into()),
            ],
            recorded_by: Some(hamyar_app::access::UserId::new(3)),
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

/// Sets a group's life span as the groups adapter keeps it from the stage history.
async fn followed(
    db: &TestDatabase,
    group_id: GroupId,
    registered_on: &str,
    ended_on: Option<&str>,
) {
    sqlx::query("UPDATE hamyar_groups SET registered_on = $2, ended_on = $3 WHERE id = $1")
        .bind(group_id)
        .bind(registered_on)
        .bind(ended_on)
        .execute(db.store.pool())
        .await
        .unwrap();
}

async fn insert(db: &TestDatabase, row: VisitRow) -> i64 {
    let mut tx = db.store.write().await.unwrap();
    let inserted = tx.insert_visit(&row).await.unwrap();
    tx.commit().await.unwrap();
    inserted.id
}

async fn stored_visit(db: &TestDatabase, id: i64) -> VisitRow {
    let mut tx = db.store.read().await.unwrap();
    tx.visit_by_id(id).await.unwrap().unwrap()
}

/// The work list of the place on `today`, every province on the default cutoff.
fn duty(place: PlaceFilter, today: &str, due_until: &str, cutoff: &str) -> VisitDutyQuery {
    VisitDutyQuery {
        place,
        group_id: None,
        assigned: None,
        today: today.into(),
        due_until: due_until.into(),
        cutoffs: Vec::new(),
        default_cutoff: cutoff.into(),
    }
}

async fn counts(db: &TestDatabase, query: &VisitDutyQuery) -> VisitDutyCounts {
    let mut tx = db.store.read().await.unwrap();
    tx.visit_duty_counts(query).await.unwrap()
}

/// Each line of a page: (group, the visit whose follow-up is owed, or 0 for a visit owed).
async fn lines(
    db: &TestDatabase,
    query: &VisitDutyQuery,
    limit: i64,
    offset: i64,
) -> Vec<(GroupId, i64)> {
    let mut tx = db.store.read().await.unwrap();
    tx.visit_duty_page(query, limit, offset)
        .await
        .unwrap()
        .into_iter()
        .map(|row| match row.line {
            VisitDutyLine::FollowUp(visit) => (row.group.id, visit.id),
            VisitDutyLine::NotVisited { .. } => (row.group.id, 0),
        })
        .collect()
}

async fn a_follow_up_and_a_request_are_closed_once(db: &TestDatabase) {
    let world = seeded(db).await;
    let id = insert(
        db,
        visit(
            world.group,
            "2026-11-20",
            Some("2026-12-01"),
            &["وام", "غرفه"],
        ),
    )
    .await;

    let mut tx = db.store.write().await.unwrap();
    let stored = tx.visit_by_id(id).await.unwrap().unwrap();
    let requests: Vec<_> = stored.requests.iter().map(|r| r.request.as_str()).collect();
    assert_eq!(requests, ["وام", "غرفه"]);
    assert!(
        tx.complete_follow_up(id, "2026-11-25", "انجام شد", "کارشناس استان")
            .await
            .unwrap()
    );
    assert!(
        !tx.complete_follow_up(id, "2026-11-26", "دوباره", "دیگری")
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

    let stored = stored_visit(db, id).await;
    assert_eq!(
        stored
            .follow_up_done_on
            .map(|day| day.to_iso_string())
            .as_deref(),
        Some("2026-11-25")
    );
    assert_eq!(
        stored
            .follow_up_closed_on
            .map(|day| day.to_iso_string())
            .as_deref(),
        Some("2026-11-25")
    );
    assert_eq!(stored.follow_up_closed_by_visit_id, None);
    assert_eq!(stored.follow_up_note, "انجام شد");
    assert_eq!(stored.follow_up_done_by_name, "کارشناس استان");
    let mut tx = db.store.read().await.unwrap();
    let resolved = tx.visit_request_by_id(request).await.unwrap().unwrap();
    assert_eq!(
        resolved
            .resolved_on
            .map(|day| day.to_iso_string())
            .as_deref(),
        Some("2026-11-24")
    );
    assert_eq!(stored.requests[1].resolved_on, None);
}

async fn a_newer_visit_closes_the_older_follow_ups_of_its_group_on_its_own_date(db: &TestDatabase) {
    let world = seeded(db).await;
    let resolved = insert(
        db,
        visit(world.group, "2026-09-01", Some("2026-09-10"), &[]),
    )
    .await;
    let mut tx = db.store.write().await.unwrap();
    tx.complete_follow_up(resolved, "2026-09-09", "انجام شد", "مددکار")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let first = insert(
        db,
        visit(world.group, "2026-10-01", Some("2026-10-15"), &[]),
    )
    .await;
    let same_day = insert(
        db,
        visit(world.group, "2026-10-01", Some("2026-10-20"), &[]),
    )
    .await;
    let other = insert(
        db,
        visit(world.other, "2026-09-15", Some("2026-10-01"), &[]),
    )
    .await;
    assert_eq!(
        stored_visit(db, first).await.follow_up_closed_on,
        None,
        "a visit on the same day is the same occasion, not an answer"
    );

    let mut tx = db.store.write().await.unwrap();
    // Typed on a later day than it happened: the visit's own date closes the follow-ups.
    let newer = tx
        .insert_visit(&visit(world.group, "2026-11-10", Some("2026-12-10"), &[]))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(newer.answered, [first, same_day]);
    assert_eq!(newer.answered_by, None);
    for id in [first, same_day] {
        let closed = stored_visit(db, id).await;
        assert_eq!(closed.follow_up_closed_by_visit_id, Some(newer.id));
        assert_eq!(
            closed
                .follow_up_closed_on
                .map(|day| day.to_iso_string())
                .as_deref(),
            Some("2026-11-10")
        );
        assert_eq!(closed.follow_up_done_on, None, "answered, not resolved");
    }
    let kept = stored_visit(db, resolved).await;
    assert_eq!(kept.follow_up_closed_by_visit_id, None);
    assert_eq!(
        kept.follow_up_closed_on
            .map(|day| day.to_iso_string())
            .as_deref(),
        Some("2026-09-09")
    );
    assert_eq!(stored_visit(db, other).await.follow_up_closed_on, None);
    assert_eq!(stored_visit(db, newer.id).await.follow_up_closed_on, None);

    // A visit entered late, between two others, is answered by the next one at once.
    let mut tx = db.store.write().await.unwrap();
    let late = tx
        .insert_visit(&visit(world.group, "2026-10-20", Some("2026-10-30"), &[]))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(late.answered, Vec::<i64>::new());
    assert_eq!(late.answered_by, Some(newer.id));
    let late = stored_visit(db, late.id).await;
    assert_eq!(
        late.follow_up_closed_on
            .map(|day| day.to_iso_string())
            .as_deref(),
        Some("2026-11-10")
    );
    let mut tx = db.store.write().await.unwrap();
    assert!(
        !tx.complete_follow_up(late.id, "2026-11-12", "x", "y")
            .await
            .unwrap(),
        "an answered follow-up is not resolved again"
    );
}

async fn existing_follow_ups_a_later_visit_answered_are_closed_by_the_migration(db: &TestDatabase) {
    let world = seeded(db).await;
    // Rows as an older version left them: no closing columns filled in.
    let raw = async |group: GroupId, on: &str, due: Option<&str>, done: Option<&str>| -> i64 {
        sqlx::query_scalar(
            "INSERT INTO group_visits (group_id, visited_on, visitor_id, visitor_name, purpose, \
             findings, referrals, referral_other, follow_up_due, follow_up_done_on, \
             follow_up_note, recorded_by, recorded_by_name, recorded_at) VALUES ($1, $2, NULL, \
             'کارشناس', 'پایش', '', '', '', $3, $4, '', NULL, 'کارشناس', '2026-12-01T00:00:00.000Z') \
             RETURNING id",
        )
        .bind(group)
        .bind(on)
        .bind(due)
        .bind(done)
        .fetch_one(db.store.pool())
        .await
        .unwrap()
    };
    let superseded = raw(world.group, "2026-06-01", Some("2026-07-01"), None).await;
    let resolved = raw(
        world.group,
        "2026-07-01",
        Some("2026-07-20"),
        Some("2026-07-15"),
    )
    .await;
    let answer = raw(world.group, "2026-08-01", None, None).await;
    raw(world.group, "2026-09-01", None, None).await;
    let latest = raw(world.group, "2026-09-01", Some("2026-10-01"), None).await;
    let elsewhere = raw(world.other, "2026-05-01", Some("2026-06-01"), None).await;

    let file = match db.backend() {
        Backend::Sqlite => include_str!("../../migrations/sqlite/0018_visit_follow_ups_close.sql"),
        Backend::Postgres => {
            include_str!("../../migrations/postgres/0018_visit_follow_ups_close.sql")
        }
    };
    let updates: Vec<String> = file
        .split(';')
        .map(|statement| {
            let lines: Vec<&str> = statement
                .lines()
                .filter(|line| !line.trim_start().starts_with("--"))
                .collect();
            lines.join("\n").trim().to_owned()
        })
        .filter(|statement| statement.starts_with("UPDATE"))
        .collect();
    assert_eq!(updates.len(), 3, "the migration's data steps");
    for statement in updates {
        sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
            .execute(db.store.pool())
            .await
            .unwrap();
    }
    let closed = stored_visit(db, superseded).await;
    assert_eq!(closed.follow_up_closed_by_visit_id, Some(resolved));
    assert_eq!(
        closed
            .follow_up_closed_on
            .map(|day| day.to_iso_string())
            .as_deref(),
        Some("2026-07-01")
    );
    let kept = stored_visit(db, resolved).await;
    assert_eq!(kept.follow_up_closed_by_visit_id, None);
    assert_eq!(
        kept.follow_up_closed_on
            .map(|day| day.to_iso_string())
            .as_deref(),
        Some("2026-07-15")
    );
    assert_eq!(stored_visit(db, answer).await.follow_up_closed_on, None);
    assert_eq!(stored_visit(db, latest).await.follow_up_closed_on, None);
    assert_eq!(stored_visit(db, elsewhere).await.follow_up_closed_on, None);
}

async fn an_ended_group_owes_no_follow_up_and_no_visit_from_its_end_day(db: &TestDatabase) {
    let world = seeded(db).await;
    followed(db, world.group, "2026-01-10", Some("2026-11-01")).await;
    insert(
        db,
        visit(world.group, "2026-05-01", Some("2026-06-01"), &[]),
    )
    .await;
    let province = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: None,
    };
    let before_end = duty(province, "2026-10-31", "2026-11-14", "2026-07-31");
    assert_eq!(
        counts(db, &before_end).await,
        VisitDutyCounts {
            overdue: 1,
            due: 0,
            not_visited: 1
        },
        "the day before it ended it still owed both"
    );
    let on_end = duty(province, "2026-11-01", "2026-11-15", "2026-08-01");
    assert_eq!(counts(db, &on_end).await, VisitDutyCounts::default());
    assert!(lines(db, &on_end, 50, 0).await.is_empty());
    // `world.other` was never registered: not under follow-up, so it owes no visit.
    assert_eq!(
        counts(
            db,
            &duty(
                PlaceFilter::default(),
                "2027-06-01",
                "2027-06-15",
                "2027-03-01"
            )
        )
        .await,
        VisitDutyCounts::default()
    );
}

async fn the_work_list_is_sorted_by_urgency_counted_and_paged_within_the_place(db: &TestDatabase) {
    let world = seeded(db).await;
    let third = group(db, "G-3", world.qazvin, world.abyek, "active").await;
    let fourth = group(db, "G-4", world.qazvin, world.takestan, "active").await;
    let fresh = group(db, "G-5", world.qazvin, world.abyek, "registered").await;
    followed(db, world.group, "2026-01-01", None).await;
    followed(db, world.other, "2026-01-01", None).await;
    followed(db, third, "2026-02-01", None).await;
    followed(db, fourth, "2026-03-01", None).await;
    followed(db, fresh, "2026-11-20", None).await;
    // Today 2026-12-01; due until 2026-12-15; visits before 2026-09-01 are too old.
    let late_3 = insert(
        db,
        visit(world.group, "2026-08-01", Some("2026-11-28"), &["وام"]),
    )
    .await;
    let late_20 = insert(
        db,
        visit(world.other, "2026-10-01", Some("2026-11-11"), &[]),
    )
    .await;
    let soon = insert(db, visit(third, "2026-11-25", Some("2026-12-05"), &[])).await;
    insert(db, visit(fourth, "2026-05-05", Some("2027-01-10"), &[])).await;
    let place = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: None,
    };
    let query = duty(place, "2026-12-01", "2026-12-15", "2026-09-01");
    assert_eq!(
        counts(db, &query).await,
        VisitDutyCounts {
            overdue: 2,
            due: 1,
            not_visited: 2
        }
    );
    let everything = lines(db, &query, 50, 0).await;
    assert_eq!(
        everything,
        [
            (world.other, late_20),
            (world.group, late_3),
            (fourth, 0),
            (world.group, 0),
            (third, soon),
        ],
        "everything overdue before what is only due: the follow-ups most overdue first, then \
         the groups longest without a visit (G-4 since May, G-1 since August), then the \
         follow-up due soonest; the fresh group and the far follow-up are not listed"
    );
    assert_eq!(lines(db, &query, 2, 2).await, everything[2..4]);
    let mut tx = db.store.read().await.unwrap();
    let page = tx.visit_duty_page(&query, 1, 1).await.unwrap();
    match &page[0].line {
        VisitDutyLine::FollowUp(visit) => assert_eq!(visit.requests.len(), 1),
        other => panic!("a follow-up line, not {other:?}"),
    }
    let page = tx.visit_duty_page(&query, 1, 3).await.unwrap();
    assert_eq!(
        page[0].line,
        VisitDutyLine::NotVisited {
            last_visited_on: Some(JalaliDate::from_iso_str("2026-08-01").unwrap())
        }
    );
    drop(tx);

    // A province with a threshold of its own, one county, one group.
    let mut own = query.clone();
    own.cutoffs = vec![(world.qazvin, "2026-06-01".into())];
    assert_eq!(
        counts(db, &own).await.not_visited,
        1,
        "only G-4, last seen in May"
    );
    let abyek = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: Some(world.abyek),
    };
    let in_abyek = duty(abyek, "2026-12-01", "2026-12-15", "2026-09-01");
    assert_eq!(
        lines(db, &in_abyek, 50, 0).await,
        [(world.group, late_3), (world.group, 0), (third, soon)]
    );
    let mut one = query.clone();
    one.group_id = Some(fourth);
    assert_eq!(
        counts(db, &one).await,
        VisitDutyCounts {
            overdue: 0,
            due: 0,
            not_visited: 1
        }
    );
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
        issued_on: JalaliDate::from_iso_str(issued).unwrap(),
        expires_on: hamyar_domain::JalaliDate::from_iso_str(expires).unwrap(),
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

async fn a_groups_latest_visit_is_kept_on_its_row_and_a_back_dated_visit_leaves_it(
    db: &TestDatabase,
) {
    let world = seeded(db).await;
    followed(db, world.group, "2026-01-01", None).await;
    let one_group = |cutoff: &str| {
        let mut query = duty(
            PlaceFilter {
                province_id: Some(world.qazvin),
                county_id: None,
            },
            "2026-12-01",
            "2026-12-15",
            cutoff,
        );
        query.group_id = Some(world.group);
        query
    };
    let last_visit = |rows: Vec<VisitDutyRow>| match &rows[..] {
        [row] => match &row.line {
            VisitDutyLine::NotVisited { last_visited_on } => *last_visited_on,
            other => panic!("a group owed a visit, not {other:?}"),
        },
        other => panic!("one line, not {other:?}"),
    };
    let page = |query: VisitDutyQuery| async move {
        let mut tx = db.store.read().await.unwrap();
        tx.visit_duty_page(&query, 50, 0).await.unwrap()
    };
    assert_eq!(last_visit(page(one_group("2026-02-01")).await), None);
    insert(db, visit(world.group, "2026-11-20", None, &[])).await;
    insert(db, visit(world.group, "2026-08-01", None, &[])).await;
    assert_eq!(
        counts(db, &one_group("2026-11-01")).await.not_visited,
        0,
        "seen on 2026-11-20, after the cutoff; the back-dated visit does not lower it"
    );
    assert_eq!(
        last_visit(page(one_group("2026-12-01")).await),
        Some(JalaliDate::from_iso_str("2026-11-20").unwrap())
    );
    // A bulk load past the use-cases is put right by the rebuild.
    sqlx::query("UPDATE hamyar_groups SET last_visited_on = NULL")
        .execute(db.store.pool())
        .await
        .unwrap();
    db.store.rebuild_dashboard_tallies().await.unwrap();
    assert_eq!(
        last_visit(page(one_group("2026-12-01")).await),
        Some(JalaliDate::from_iso_str("2026-11-20").unwrap())
    );
}

/// A user of the test world, for a group's staff columns.
async fn staff_user(db: &TestDatabase, username: &str, world: &World) -> UserId {
    let mut tx = db.store.write().await.unwrap();
    let id = tx
        .insert_user(&NewUserRow {
            username: username.into(),
            display_name: format!("کاربر {username}"),
            role: Role::SocialWorker,
            scope_place_id: world.abyek,
            province_id: Some(world.qazvin),
            county_id: Some(world.abyek),
            password_hash: format!("$argon2id$hash-of-{username}"),
            locale: "fa".into(),
            money_unit: "toman".into(),
            created_at: at(5),
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn assign(db: &TestDatabase, group_id: GroupId, column: &str, user: Option<UserId>) {
    let sql = format!("UPDATE hamyar_groups SET {column} = $2 WHERE id = $1");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(group_id)
        .bind(user.map(UserId::get))
        .execute(db.store.pool())
        .await
        .unwrap();
}

async fn a_persons_own_groups_are_those_whose_duty_she_holds_now(db: &TestDatabase) {
    let world = seeded(db).await;
    let third = group(db, "G-3", world.qazvin, world.abyek, "active").await;
    for id in [world.group, world.other, third] {
        followed(db, id, "2026-01-01", None).await;
    }
    let maryam = staff_user(db, "maryam", &world).await;
    let sara = staff_user(db, "sara", &world).await;
    assign(db, world.group, "social_worker_id", Some(maryam)).await;
    assign(db, third, "social_worker_id", Some(sara)).await;
    assign(db, third, "facilitator_id", Some(maryam)).await;
    let late = insert(
        db,
        visit(world.group, "2026-10-01", Some("2026-11-20"), &[]),
    )
    .await;
    insert(db, visit(third, "2026-10-01", Some("2026-11-25"), &[])).await;
    let place = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: None,
    };
    let mut mine = duty(place, "2026-12-01", "2026-12-15", "2026-09-01");
    mine.assigned = Some(AssignedTo {
        duty: StaffDuty::SocialWorker,
        user_id: maryam,
    });
    assert_eq!(
        counts(db, &mine).await,
        VisitDutyCounts {
            overdue: 1,
            due: 0,
            not_visited: 0
        },
        "her one group's follow-up; not the group she only facilitates, nor Sara's"
    );
    assert_eq!(lines(db, &mine, 50, 0).await, [(world.group, late)]);
    mine.assigned = Some(AssignedTo {
        duty: StaffDuty::Facilitator,
        user_id: maryam,
    });
    assert_eq!(
        lines(db, &mine, 50, 0).await.len(),
        1,
        "the group she facilitates"
    );
    // A new social worker takes the group over: it is no longer Maryam's.
    assign(db, world.group, "social_worker_id", Some(sara)).await;
    mine.assigned = Some(AssignedTo {
        duty: StaffDuty::SocialWorker,
        user_id: maryam,
    });
    assert!(lines(db, &mine, 50, 0).await.is_empty());
}

async fn permits_expiring_by_a_day_are_listed_most_expired_first_within_the_place(
    db: &TestDatabase,
) {
    let world = seeded(db).await;
    let ended = group(db, "G-3", world.qazvin, world.abyek, "dissolved").await;
    followed(db, ended, "2026-01-01", Some("2026-06-01")).await;
    let maryam = staff_user(db, "maryam", &world).await;
    assign(db, world.other, "social_worker_id", Some(maryam)).await;
    let mut tx = db.store.write().await.unwrap();
    for (group_id, kind, expires) in [
        (world.group, "health_code", "2026-12-20"),
        (world.group, "business_licence", "2027-06-01"),
        (world.other, "health_code", "2026-11-01"),
        (ended, "health_code", "2026-10-01"),
    ] {
        tx.put_permit(&PermitRow {
            id: 0,
            group_id,
            kind: kind.into(),
            number: "7".into(),
            issued_on: JalaliDate::from_iso_str("2025-01-01").unwrap(),
            expires_on: JalaliDate::from_iso_str(expires).unwrap(),
            recorded_by_name: "مددکار".into(),
            recorded_at: at(40),
        })
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let query = |place: PlaceFilter, assigned: Option<AssignedTo>| ExpiringPermitsQuery {
        place,
        assigned,
        today: "2026-12-01".into(),
        until: "2027-01-30".into(),
        limit: 50,
    };
    let listed = |rows: Vec<(GroupFacts, PermitRow)>| -> Vec<(GroupId, String)> {
        rows.into_iter()
            .map(|(group, permit)| {
                assert_eq!(group.id, permit.group_id);
                (group.id, permit.kind)
            })
            .collect()
    };
    let province = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: None,
    };
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(
        listed(tx.expiring_permits(&query(province, None)).await.unwrap()),
        [
            (world.other, "health_code".to_owned()),
            (world.group, "health_code".to_owned())
        ],
        "expired first, then expiring; not the licence of next June, nor the ended group's"
    );
    let abyek = PlaceFilter {
        province_id: Some(world.qazvin),
        county_id: Some(world.abyek),
    };
    assert_eq!(
        listed(tx.expiring_permits(&query(abyek, None)).await.unwrap()),
        [(world.group, "health_code".to_owned())]
    );
    let hers = Some(AssignedTo {
        duty: StaffDuty::SocialWorker,
        user_id: maryam,
    });
    assert_eq!(
        listed(tx.expiring_permits(&query(province, hers)).await.unwrap()),
        [(world.other, "health_code".to_owned())]
    );
}

hamyar_store::on_both_databases!(
    members_are_read_with_their_names_in_order_of_joining,
    a_business_month_is_replaced_in_place_with_its_payments,
    a_profit_that_is_not_revenue_minus_costs_is_refused_by_the_database,
    a_meeting_is_read_back_with_each_members_attendance_newest_first,
    a_follow_up_and_a_request_are_closed_once,
    a_newer_visit_closes_the_older_follow_ups_of_its_group_on_its_own_date,
    existing_follow_ups_a_later_visit_answered_are_closed_by_the_migration,
    an_ended_group_owes_no_follow_up_and_no_visit_from_its_end_day,
    the_work_list_is_sorted_by_urgency_counted_and_paged_within_the_place,
    a_groups_latest_visit_is_kept_on_its_row_and_a_back_dated_visit_leaves_it,
    a_permit_of_a_kind_is_replaced_and_one_expiring_before_issue_is_refused,
    a_persons_own_groups_are_those_whose_duty_she_holds_now,
    permits_expiring_by_a_day_are_listed_most_expired_first_within_the_place,
);
