//! The storage contract of the exports (issue 17), on both backends
//! (`hamyar_store::on_both_databases!`): a place's visits over a span of days and its groups'
//! business months over a span of months (`ExportsRepo`), the jobs of the catalogue
//! (`GroupsRepo::jobs_in_groups_in_stages_on`: each active group's latest month of the span)
//! and the registry search narrowed to a group's current members (`WomanSearch::group_id`).
//! Groups, memberships and stage moves are written with plain SQL, visits and months through
//! the group-life port (which keeps the dashboard's tallies).

use hamyar_app::access::PlaceId;
use hamyar_app::ports::Database;
use hamyar_app::ports::NewPlaceRow;
use hamyar_app::ports::group_life::{BusinessMonthRow, VisitRequestRow, VisitRow};
use hamyar_app::ports::groups::{GroupId, PlaceFilter};
use hamyar_app::ports::registry::{WomanId, WomanRecord, WomanSearch};
use hamyar_domain::{JalaliDate, search_key};
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

fn stamp() -> String {
    hamyar_app::clock::storage_timestamp(at(0))
}

struct World {
    qazvin: PlaceId,
    abyek: PlaceId,
    takestan: PlaceId,
    /// Abyek, active, two members (one of whom left).
    bid: GroupId,
    /// Takestan, active.
    nakhl: GroupId,
    /// Takestan, graduated.
    sarv: GroupId,
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

/// A group with its current stage and one stage move into it on `since` (ISO).
async fn group(
    db: &TestDatabase,
    code: &str,
    (province, county): (PlaceId, PlaceId),
    stage: &str,
    since: &str,
) -> GroupId {
    let id: GroupId = sqlx::query_scalar(
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
    .bind(stamp())
    .fetch_one(db.store.pool())
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO group_stage_history (group_id, stage, inactive_reason, note, \
         effective_on, decided_by, decided_by_name, recorded_at) \
         VALUES ($1, $2, NULL, '', $3, NULL, 'کارشناس', $4)",
    )
    .bind(id)
    .bind(stage)
    .bind(since)
    .bind(stamp())
    .execute(db.store.pool())
    .await
    .unwrap();
    id
}

async fn member(db: &TestDatabase, group: GroupId, woman: WomanId, left_on: Option<&str>) {
    sqlx::query(
        "INSERT INTO group_members (group_id, woman_id, role, joined_on, left_on, \
         leave_reason, leave_note, created_at, updated_at) \
         VALUES ($1, $2, 'member', '2026-01-01', $3, $4, '', $5, $5)",
    )
    .bind(group)
    .bind(woman)
    .bind(left_on)
    .bind(left_on.map(|_| "moved"))
    .bind(stamp())
    .execute(db.store.pool())
    .await
    .unwrap();
}

fn month(
    group_id: GroupId,
    (year, month): (i64, i64),
    revenue: i64,
    working: i64,
) -> BusinessMonthRow {
    BusinessMonthRow {
        id: 0,
        group_id,
        year,
        month,
        revenue_rials: revenue,
        costs_rials: 1_000,
        profit_rials: revenue - 1_000,
        members_working: working,
        people_hired: 1,
        channels: "shop".into(),
        channel_other: String::new(),
        payments: Vec::new(),
        recorded_by: None,
        recorded_by_name: "مددکار".into(),
        recorded_at: at(10),
    }
}

fn visit(group_id: GroupId, visited_on: &str, requests: &[&str]) -> VisitRow {
    VisitRow {
        id: 0,
        group_id,
        visited_on: JalaliDate::parse(visited_on).unwrap(),
        visitor_id: None,
        visitor_name: "کارشناس استان".into(),
        purpose: format!("پایش {visited_on}"),
        findings: "فروش کم".into(),
        referrals: "bank".into(),
        referral_other: String::new(),
        follow_up_due: None,
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
    let bid = group(db, "G-1", (qazvin, abyek), "active", "2026-02-01").await;
    let nakhl = group(db, "G-2", (qazvin, takestan), "active", "2026-02-01").await;
    let sarv = group(db, "G-3", (qazvin, takestan), "graduated", "2026-03-01").await;
    member(db, bid, first, None).await;
    member(db, bid, second, Some("2026-04-01")).await;

    let mut tx = db.store.write().await.unwrap();
    // Mehr and Aban 1405 for «نخل», Mehr for the others.
    for row in [
        month(nakhl, (1405, 7), 80_000, 2),
        month(nakhl, (1405, 8), 120_000, 3),
        month(sarv, (1405, 7), 50_000, 4),
        month(bid, (1405, 7), 30_000, 5),
    ] {
        tx.put_business_month(&row).await.unwrap();
    }
    tx.insert_visit(&visit(nakhl, "1405/07/10", &["کد بهداشتی", "بازارچه"]))
        .await
        .unwrap();
    tx.insert_visit(&visit(bid, "1405/07/12", &[]))
        .await
        .unwrap();
    tx.insert_visit(&visit(nakhl, "1405/08/05", &[]))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    World {
        qazvin,
        abyek,
        takestan,
        bid,
        nakhl,
        sarv,
        women: [first, second],
    }
}

fn county(id: PlaceId) -> PlaceFilter {
    PlaceFilter {
        province_id: None,
        county_id: Some(id),
    }
}

fn iso(day: &str) -> String {
    JalaliDate::parse(day).unwrap().to_iso_string()
}

async fn visits_are_read_by_place_and_span_with_their_requests(db: &TestDatabase) {
    let w = seeded(db).await;
    let mut tx = db.store.read().await.unwrap();
    let (from, until) = (iso("1405/07/01"), iso("1405/08/01"));
    let takestan = tx
        .visits_between(county(w.takestan), &from, &until, 100)
        .await
        .unwrap();
    assert_eq!(takestan.len(), 1, "{takestan:?}");
    let first = &takestan[0];
    assert_eq!(first.group.id, w.nakhl);
    assert_eq!(
        (first.group.code.as_str(), first.group.county_id),
        ("G-2", w.takestan)
    );
    assert_eq!(first.visited_on, JalaliDate::parse("1405/07/10").unwrap());
    assert_eq!((first.requests, first.requests_open), (2, 2));
    assert_eq!(first.referrals, "bank");

    let province = PlaceFilter {
        province_id: Some(w.qazvin),
        county_id: None,
    };
    let all = tx
        .visits_between(province, &from, &iso("1405/09/01"), 100)
        .await
        .unwrap();
    let days: Vec<String> = all.iter().map(|v| v.visited_on.to_string()).collect();
    assert_eq!(days, ["1405/07/10", "1405/07/12", "1405/08/05"], "by day");
    let limited = tx
        .visits_between(province, &from, &iso("1405/09/01"), 2)
        .await
        .unwrap();
    assert_eq!(limited.len(), 2);
    let abyek = tx
        .visits_between(county(w.abyek), &from, &iso("1405/09/01"), 100)
        .await
        .unwrap();
    assert_eq!(
        abyek.iter().map(|v| v.group.id).collect::<Vec<_>>(),
        [w.bid]
    );
    tx.commit().await.unwrap();
}

async fn business_months_are_read_by_place_and_months(db: &TestDatabase) {
    let w = seeded(db).await;
    let mut tx = db.store.read().await.unwrap();
    let takestan = tx
        .business_months_between(county(w.takestan), 140507, 140508, 100)
        .await
        .unwrap();
    let read: Vec<(GroupId, i64, i64)> = takestan
        .iter()
        .map(|m| (m.group.id, m.month, m.revenue_rials))
        .collect();
    assert_eq!(
        read,
        [
            (w.nakhl, 7, 80_000),
            (w.sarv, 7, 50_000),
            (w.nakhl, 8, 120_000)
        ],
        "by month, then code"
    );
    assert_eq!(takestan[0].profit_rials, 79_000);
    assert_eq!(
        (takestan[0].members_working, takestan[0].people_hired),
        (2, 1)
    );
    assert_eq!(takestan[0].channels, "shop");
    let aban = tx
        .business_months_between(county(w.takestan), 140508, 140508, 100)
        .await
        .unwrap();
    assert_eq!(aban.len(), 1);
    let whole = PlaceFilter {
        province_id: Some(w.qazvin),
        county_id: None,
    };
    let all = tx
        .business_months_between(whole, 140501, 140512, 100)
        .await
        .unwrap();
    assert_eq!(all.len(), 4);
    assert!(
        all.iter()
            .any(|m| m.group.id == w.bid && m.group.county_id == w.abyek)
    );
    assert_eq!(
        tx.business_months_between(whole, 140501, 140512, 3)
            .await
            .unwrap()
            .len(),
        3
    );
    tx.commit().await.unwrap();
}

async fn jobs_count_each_active_groups_latest_month_of_the_span(db: &TestDatabase) {
    let w = seeded(db).await;
    let mut tx = db.store.read().await.unwrap();
    let active = ["active", "reactivated"];
    let province = PlaceFilter {
        province_id: Some(w.qazvin),
        county_id: None,
    };
    // «نخل»'s Aban (3 + 1) and «بید»'s Mehr (5 + 1); «سرو» graduated.
    for current in [true, false] {
        let jobs = tx
            .jobs_in_groups_in_stages_on(
                province,
                &active,
                &iso("1405/09/08"),
                current,
                (140501, 140512),
            )
            .await
            .unwrap();
        assert_eq!(jobs, 10, "current stage: {current}");
    }
    // A span ending in Mehr takes «نخل»'s Mehr (2 + 1).
    let mehr = tx
        .jobs_in_groups_in_stages_on(
            county(w.takestan),
            &active,
            &iso("1405/07/30"),
            false,
            (140501, 140507),
        )
        .await
        .unwrap();
    assert_eq!(mehr, 3);
    // Before the groups were active (on the history), nothing.
    let before = tx
        .jobs_in_groups_in_stages_on(province, &active, "2026-01-15", false, (140501, 140512))
        .await
        .unwrap();
    assert_eq!(before, 0);
    assert_eq!(
        tx.jobs_in_groups_in_stages_on(
            province,
            &active,
            &iso("1405/09/08"),
            true,
            (140509, 140512)
        )
        .await
        .unwrap(),
        0,
        "no month in the span"
    );
    tx.commit().await.unwrap();
}

async fn the_registry_narrows_to_a_groups_current_members(db: &TestDatabase) {
    let w = seeded(db).await;
    let mut tx = db.store.read().await.unwrap();
    let search = |group_id| WomanSearch {
        group_id: Some(group_id),
        limit: 50,
        ..WomanSearch::default()
    };
    let found = tx.search_women(&search(w.bid)).await.unwrap();
    assert_eq!(
        found.iter().map(|r| r.id).collect::<Vec<_>>(),
        [w.women[0]],
        "the one who left is not"
    );
    assert!(tx.search_women(&search(w.nakhl)).await.unwrap().is_empty());
    let elsewhere = WomanSearch {
        county_id: Some(w.takestan),
        ..search(w.bid)
    };
    assert!(
        tx.search_women(&elsewhere).await.unwrap().is_empty(),
        "the scope still holds"
    );
    tx.commit().await.unwrap();
}

hamyar_store::on_both_databases!(
    visits_are_read_by_place_and_span_with_their_requests,
    business_months_are_read_by_place_and_months,
    jobs_count_each_active_groups_latest_month_of_the_span,
    the_registry_narrows_to_a_groups_current_members,
);
