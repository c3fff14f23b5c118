//! The storage contract of dashboards (`DashboardRepo`), on both backends: groups are counted
//! per county and stage now and on a past day; the group row's `registered_on` and `ended_on`
//! follow every move, back-dated ones too, so the visiting duty counts only groups under
//! follow-up in each window and knows which were visited; moves, members on a day, women by
//! status and exits in a span are grouped per area; the province level puts both counties'
//! rows under their province.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::dashboard::{AreaLevel, DashboardFilter, VisitWindow};
use hamyar_app::ports::group_life::{BusinessMonthRow, VisitRow};
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::groups::{GroupRecord, MembershipRow, StageRow};
use hamyar_app::ports::registry::WomanRecord;
use hamyar_app::ports::{Backend, Database, Tx};
use hamyar_domain::JalaliDate;
use hamyar_domain::groups::GroupStage;
use hamyar_domain::groups::LeaveReason;
use hamyar_store::fixtures::{at, qazvin_places};
use hamyar_store::testing::TestDatabase;

struct World {
    qazvin: PlaceId,
    abyek: PlaceId,
    takestan: PlaceId,
    /// Abyek: registered 2026-01-10, active 2026-02-01. Takestan: registered 2026-01-15,
    /// dissolved 2026-03-01. Abyek: identified only.
    groups: [GroupId; 3],
}

fn stage(group_id: GroupId, stage: &str, on: &str) -> StageRow {
    StageRow {
        id: 0,
        group_id,
        stage: GroupStage::from_code(stage).unwrap(),
        inactive_reason: None,
        note: String::new(),
        effective_on: JalaliDate::from_iso_str(on).unwrap(),
        decided_by: None,
        decided_by_name: "کارشناس".into(),
        recorded_at: at(3),
    }
}

async fn group(
    tx: &mut dyn Tx,
    code: &str,
    province: PlaceId,
    county: PlaceId,
    first: &str,
    on: &str,
) -> GroupId {
    tx.insert_group(
        &GroupRecord {
            code: code.into(),
            name: format!("گروه {code}"),
            name_key: format!("گروه {code}"),
            province_id: province,
            county_id: county,
            locality: "مرکز".into(),
            business_field: "tailoring".into(),
            premises: "home".into(),
            ..GroupRecord::default()
        },
        &stage(hamyar_app::ports::groups::GroupId::new(0), first, on),
        at(2),
    )
    .await
    .unwrap()
}

async fn woman(
    tx: &mut dyn Tx,
    national_id: &str,
    province: PlaceId,
    county: PlaceId,
    status: &str,
) -> hamyar_app::ports::registry::WomanId {
    tx.insert_woman(
        &WomanRecord {
            national_id: national_id.into(),
            first_name: "مریم".into(),
            last_name: "رضایی".into(),
            birth_date: "1980-01-01".into(),
            province_id: province,
            county_id: county,
            locality: "مرکز".into(),
            settlement: "urban".into(),
            address: "خیابان".into(),
            headship_cause: "widow".into(),
            name_key: "مریم رضایی".into(),
            name_key_reversed: "رضایی مریم".into(),
            ..WomanRecord::default()
        },
        status,
        at(1),
    )
    .await
    .unwrap()
}

async fn world(db: &TestDatabase) -> World {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, takestan) = qazvin_places(tx.as_mut()).await;
    let first = group(
        tx.as_mut(),
        "AB-1",
        qazvin,
        abyek,
        "registered",
        "2026-01-10",
    )
    .await;
    tx.insert_stage(&stage(first, "active", "2026-02-01"))
        .await
        .unwrap();
    let second = group(
        tx.as_mut(),
        "TK-1",
        qazvin,
        takestan,
        "registered",
        "2026-01-15",
    )
    .await;
    tx.insert_stage(&stage(second, "dissolved", "2026-03-01"))
        .await
        .unwrap();
    let third = group(
        tx.as_mut(),
        "AB-2",
        qazvin,
        abyek,
        "identified",
        "2026-01-20",
    )
    .await;

    let women = [
        woman(tx.as_mut(), "0013542419", qazvin, abyek, "covered").await,
        woman(tx.as_mut(), "0084575948", qazvin, abyek, "waiting_list").await,
        woman(tx.as_mut(), "0045678901", qazvin, takestan, "exited").await,
    ];
    for (group_id, woman_id, joined, left) in [
        (first, women[0], "2026-01-10", None),
        (first, women[1], "2026-01-10", Some("2026-02-15")),
        (second, women[2], "2026-01-15", None),
    ] {
        tx.insert_membership(&MembershipRow {
            id: 0,
            group_id,
            woman_id,
            role: hamyar_domain::groups::MemberRole::parse("member").expect("a role"),
            joined_on: JalaliDate::from_iso_str(joined).unwrap(),
            left_on: left.map(|day| JalaliDate::from_iso_str(day).unwrap()),
            leave_reason: left.map(|_| LeaveReason::Moved),
            leave_note: String::new(),
            created_at: at(4),
            updated_at: at(4),
        })
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let exec = |sql: &'static str, values: Vec<String>| {
        let pool = db.store.pool().clone();
        async move {
            let mut query = sqlx::query(sql);
            for value in values {
                query = query.bind(value);
            }
            query.execute(&pool).await.unwrap();
        }
    };
    exec(
        "INSERT INTO coverage_episodes (woman_id, status, exit_reason, started_on, decided_by, \
         decided_by_name, reason, recorded_at) VALUES (CAST($1 AS BIGINT), 'exited', 'empowered', \
         '2026-02-20', NULL, 'کارشناس', '', $2)",
        vec![
            women[2].to_string(),
            hamyar_app::clock::storage_timestamp(at(5)),
        ],
    )
    .await;
    let mut tx = db.store.write().await.unwrap();
    for (group_id, on) in [
        (first, "2026-01-20"),
        (first, "2026-01-25"),
        (second, "2026-03-01"),
        (second, "2026-04-05"),
    ] {
        tx.insert_visit(&visit_on(group_id, on)).await.unwrap();
    }
    tx.commit().await.unwrap();
    World {
        qazvin,
        abyek,
        takestan,
        groups: [first, second, third],
    }
}

fn counties(w: &World) -> DashboardFilter {
    DashboardFilter {
        province_id: Some(w.qazvin),
        county_id: None,
        level: AreaLevel::County,
    }
}

fn sorted<T: Ord>(mut rows: Vec<T>) -> Vec<T> {
    rows.sort();
    rows
}

async fn groups_are_counted_by_county_and_stage_now_and_on_a_past_day(db: &TestDatabase) {
    let w = world(db).await;
    let mut tx = db.store.read().await.unwrap();
    let now: Vec<(PlaceId, String, i64)> = tx
        .dashboard_groups_by_stage(counties(&w))
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.area_id, r.code, r.count))
        .collect();
    assert_eq!(
        sorted(now),
        sorted(vec![
            (w.abyek, "active".to_owned(), 1),
            (w.abyek, "identified".to_owned(), 1),
            (w.takestan, "dissolved".to_owned(), 1),
        ])
    );
    let past: Vec<(PlaceId, String, i64)> = tx
        .dashboard_groups_by_stage_on(counties(&w), "2026-01-16")
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.area_id, r.code, r.count))
        .collect();
    assert_eq!(
        sorted(past),
        sorted(vec![
            (w.abyek, "registered".to_owned(), 1),
            (w.takestan, "registered".to_owned(), 1),
        ]),
        "the identified group did not exist yet"
    );
    let by_province = tx
        .dashboard_groups_by_stage(DashboardFilter {
            province_id: None,
            county_id: None,
            level: AreaLevel::Province,
        })
        .await
        .unwrap();
    assert!(by_province.iter().all(|r| r.area_id == w.qazvin));
    assert_eq!(by_province.iter().map(|r| r.count).sum::<i64>(), 3);
    let moves: i64 = tx
        .dashboard_stage_moves(counties(&w), "2026-01-16", "2026-03-01")
        .await
        .unwrap()
        .iter()
        .map(|m| m.count)
        .sum();
    assert_eq!(
        moves, 2,
        "identified on 01-20 and active on 02-01; 03-01 is outside"
    );
}

async fn the_group_row_keeps_its_life_span_through_back_dated_moves(db: &TestDatabase) {
    let w = world(db).await;
    let read = |id: GroupId| {
        let pool = db.store.pool().clone();
        async move {
            sqlx::query_as::<_, (Option<String>, Option<String>)>(
                "SELECT registered_on, ended_on FROM hamyar_groups WHERE id = $1",
            )
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(read(w.groups[0]).await, (Some("2026-01-10".into()), None));
    assert_eq!(
        read(w.groups[1]).await,
        (Some("2026-01-15".into()), Some("2026-03-01".into()))
    );
    assert_eq!(read(w.groups[2]).await, (None, None));
    let mut tx = db.store.write().await.unwrap();
    tx.insert_stage(&stage(w.groups[0], "registered", "2026-01-05"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        read(w.groups[0]).await,
        (Some("2026-01-05".into()), None),
        "a back-dated registration moves the start"
    );
}

async fn the_visiting_duty_counts_groups_under_follow_up_and_their_visits(db: &TestDatabase) {
    let w = world(db).await;
    let mut tx = db.store.read().await.unwrap();
    let windows = [
        VisitWindow {
            from: "2026-01-01".into(),
            until: "2026-02-01".into(),
        },
        VisitWindow {
            from: "2026-02-01".into(),
            until: "2026-03-01".into(),
        },
        VisitWindow {
            from: "2026-03-01".into(),
            until: "2026-06-01".into(),
        },
    ];
    let duty: Vec<(PlaceId, i64, i64)> = tx
        .dashboard_visit_duty(counties(&w), &windows)
        .await
        .unwrap()
        .into_iter()
        .map(|d| (d.area_id, d.owed, d.kept))
        .collect();
    // Abyek's registered group owes three windows and was visited in the first; the
    // identified group owes nothing. Takestan's owes the first two and the third (it ended
    // on its first day) and was visited in the third on that day; its visit after the end
    // is a visit done but not a kept duty.
    assert_eq!(
        sorted(duty),
        sorted(vec![(w.abyek, 3, 1), (w.takestan, 3, 1)])
    );
    let done: Vec<(PlaceId, i64)> = tx
        .dashboard_visits_done(counties(&w), "2026-01-01", "2026-02-01")
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.area_id, c.count))
        .collect();
    assert_eq!(done, vec![(w.abyek, 2)]);
    let done: Vec<(PlaceId, i64)> = tx
        .dashboard_visits_done(counties(&w), "2026-03-01", "2026-06-01")
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.area_id, c.count))
        .collect();
    assert_eq!(done, vec![(w.takestan, 2)]);
}

async fn members_women_and_exits_are_grouped_by_area(db: &TestDatabase) {
    let w = world(db).await;
    let mut tx = db.store.read().await.unwrap();
    let (members, total) = tx
        .dashboard_members_on(counties(&w), "2026-02-10")
        .await
        .unwrap();
    let members: Vec<(PlaceId, i64)> = members.iter().map(|c| (c.area_id, c.count)).collect();
    assert_eq!(sorted(members), sorted(vec![(w.abyek, 2), (w.takestan, 1)]));
    assert_eq!(total, 3);
    let (later, later_total) = tx
        .dashboard_members_on(counties(&w), "2026-03-05")
        .await
        .unwrap();
    let later: Vec<(PlaceId, i64)> = later.iter().map(|c| (c.area_id, c.count)).collect();
    assert_eq!(
        later,
        vec![(w.abyek, 1)],
        "she left; the dissolved group has none"
    );
    assert_eq!(later_total, 1);

    let women: Vec<(PlaceId, String, i64)> = tx
        .dashboard_women_by_status(counties(&w))
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.area_id, r.code, r.count))
        .collect();
    assert_eq!(
        sorted(women),
        sorted(vec![
            (w.abyek, "covered".to_owned(), 1),
            (w.abyek, "waiting_list".to_owned(), 1),
            (w.takestan, "exited".to_owned(), 1),
        ])
    );
    let exits: Vec<(PlaceId, String, i64)> = tx
        .dashboard_coverage_exits(counties(&w), "2026-02-01", "2026-03-01")
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.area_id, r.code, r.count))
        .collect();
    assert_eq!(exits, vec![(w.takestan, "empowered".to_owned(), 1)]);
    // A county's exits (read by another join than a province's) and the country's.
    for filter in [
        DashboardFilter {
            county_id: Some(w.takestan),
            ..counties(&w)
        },
        DashboardFilter {
            province_id: None,
            county_id: None,
            level: AreaLevel::Province,
        },
    ] {
        let exits = tx
            .dashboard_coverage_exits(filter, "2026-02-01", "2026-03-01")
            .await
            .unwrap();
        let area = if filter.level == AreaLevel::Province {
            w.qazvin
        } else {
            w.takestan
        };
        assert_eq!(
            exits
                .into_iter()
                .map(|r| (r.area_id, r.code, r.count))
                .collect::<Vec<_>>(),
            vec![(area, "empowered".to_owned(), 1)]
        );
    }
    let none = tx
        .dashboard_coverage_exits(counties(&w), "2026-03-01", "2026-04-01")
        .await
        .unwrap();
    assert!(none.is_empty());
}

fn business_month(group_id: GroupId, year: i64, month: i64, revenue: i64) -> BusinessMonthRow {
    BusinessMonthRow {
        id: 0,
        group_id,
        year,
        month,
        revenue_rials: revenue,
        costs_rials: revenue / 2,
        profit_rials: revenue - revenue / 2,
        members_working: 2,
        people_hired: 0,
        channels: "local".into(),
        channel_other: String::new(),
        payments: Vec::new(),
        recorded_by: None,
        recorded_by_name: "کارشناس".into(),
        recorded_at: at(7),
    }
}

async fn business_is_summed_per_area_over_jalali_months(db: &TestDatabase) {
    let w = world(db).await;
    let mut tx = db.store.write().await.unwrap();
    for (group_id, year, month, revenue) in [
        (w.groups[0], 1404, 11, 1_000),
        (w.groups[0], 1404, 12, 2_000),
        (w.groups[0], 1405, 1, 4_000),
        (w.groups[1], 1404, 12, 8_000),
    ] {
        tx.put_business_month(&business_month(group_id, year, month, revenue))
            .await
            .unwrap();
    }
    // Recording a month again replaces it.
    tx.put_business_month(&business_month(w.groups[0], 1404, 11, 3_000))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    let rows = |business: Vec<hamyar_app::ports::dashboard::AreaBusiness>| {
        sorted(
            business
                .into_iter()
                .map(|b| {
                    (
                        b.area_id,
                        b.groups_reporting,
                        b.months_reported,
                        b.revenue_rials,
                        b.profit_rials,
                    )
                })
                .collect::<Vec<_>>(),
        )
    };
    let esfand = tx
        .dashboard_business(counties(&w), 140412, 140412)
        .await
        .unwrap();
    assert_eq!(
        rows(esfand),
        sorted(vec![
            (w.abyek, 1, 1, 2_000, 1_000),
            (w.takestan, 1, 1, 8_000, 4_000)
        ])
    );
    let winter = tx
        .dashboard_business(counties(&w), 140411, 140412)
        .await
        .unwrap();
    assert_eq!(
        rows(winter),
        sorted(vec![
            (w.abyek, 1, 2, 5_000, 2_500),
            (w.takestan, 1, 1, 8_000, 4_000)
        ])
    );
    let country = DashboardFilter {
        province_id: None,
        county_id: None,
        level: AreaLevel::Province,
    };
    let spring = tx
        .dashboard_business(country, 140501, 140503)
        .await
        .unwrap();
    assert_eq!(rows(spring), vec![(w.qazvin, 1, 1, 4_000, 2_000)]);
}

/// Every event and tally, in a fixed order, for comparing two states.
async fn tallies_of(
    db: &TestDatabase,
) -> (
    Vec<(String, i64, String, String, i64, i64)>,
    Vec<(String, i64, i64, i64, String, i64, i64, i64)>,
) {
    let pool = db.store.pool().clone();
    let events = sqlx::query_as(
        "SELECT owner_kind, owner_id, measure, day, county_id, n FROM dashboard_events \
         ORDER BY owner_kind, owner_id, measure, code, province_id, county_id, day",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let tallies = sqlx::query_as(
        "SELECT measure, month, province_id, county_id, code, n, a, b FROM dashboard_tallies \
         ORDER BY measure, month, province_id, county_id, code",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    (events, tallies)
}

async fn kept_tallies_equal_a_rebuild_from_the_rows(db: &TestDatabase) {
    let w = world(db).await;
    let staying: i64 =
        sqlx::query_scalar("SELECT id FROM group_members WHERE group_id = $1 AND left_on IS NULL")
            .bind(w.groups[0])
            .fetch_one(db.store.pool())
            .await
            .unwrap();
    let mut tx = db.store.write().await.unwrap();
    // A back-dated move between two others, a woman leaving, a business month.
    tx.insert_stage(&stage(w.groups[0], "funded", "2026-01-20"))
        .await
        .unwrap();
    let mut leaving = tx.membership_by_id(staying).await.unwrap().unwrap();
    leaving.left_on = Some(JalaliDate::from_iso_str("2026-02-20").unwrap());
    leaving.leave_reason = Some(LeaveReason::from_code("moved").unwrap());
    assert!(tx.update_membership(&leaving).await.unwrap());
    tx.put_business_month(&business_month(w.groups[1], 1404, 11, 5_000))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let kept = tallies_of(db).await;
    assert!(!kept.0.is_empty() && !kept.1.is_empty());
    db.store.rebuild_dashboard_tallies().await.unwrap();
    assert_eq!(
        tallies_of(db).await,
        kept,
        "a rebuild gives what the writes kept"
    );

    // A database from before migration 0014 has rows but no tallies: opening it builds them.
    for sql in [
        "DELETE FROM dashboard_events",
        "DELETE FROM dashboard_tallies",
        "DELETE FROM dashboard_tally_state",
    ] {
        sqlx::query(sql).execute(db.store.pool()).await.unwrap();
    }
    db.store.migrate().await.unwrap();
    assert_eq!(
        tallies_of(db).await,
        kept,
        "migrating builds the missing tallies"
    );
}

fn visit_on(group_id: GroupId, on: &str) -> VisitRow {
    VisitRow {
        id: 0,
        group_id,
        visited_on: JalaliDate::from_iso_str(on).unwrap(),
        visitor_id: None,
        visitor_name: "کارشناس".into(),
        purpose: String::new(),
        findings: String::new(),
        referrals: String::new(),
        referral_other: String::new(),
        follow_up_due: None,
        follow_up_done_on: None,
        follow_up_note: String::new(),
        follow_up_done_by_name: String::new(),
        follow_up_closed_by_visit_id: None,
        follow_up_closed_on: None,
        requests: Vec::new(),
        recorded_by: None,
        recorded_by_name: "کارشناس".into(),
        recorded_at: at(8),
    }
}

/// Waits until `writer` waits for a lock that another open transaction holds, or has
/// finished. On PostgreSQL its session shows as waiting on a lock; on SQLite writers queue on
/// the store's lock inside this process, which nothing outside shows, and a writer that has
/// started is behind the open one by construction.
async fn wait_until_blocked(db: &TestDatabase, writer: &tokio::task::JoinHandle<()>) {
    if db.backend() != Backend::Postgres {
        return;
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let waiting: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_stat_activity \
             WHERE datname = current_database() AND wait_event_type = 'Lock'",
        )
        .fetch_one(db.store.pool())
        .await
        .unwrap();
        if waiting > 0 || writer.is_finished() {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the second writer neither waited for the first nor finished"
        );
        tokio::task::yield_now().await;
    }
}

async fn concurrent_writes_to_one_group_keep_its_tallies_whole(db: &TestDatabase) {
    let w = world(db).await;
    let group = w.groups[0];
    // The first writer refreshes the group's events and holds its transaction open while
    // the second writes a visit to the same group; both must land, counted once each.
    let (held, first_holds) = tokio::sync::oneshot::channel();
    let (release, released) = tokio::sync::oneshot::channel::<()>();
    let first = {
        let store = db.store.clone();
        tokio::spawn(async move {
            let mut tx = store.write().await.unwrap();
            tx.insert_visit(&visit_on(group, "2026-02-10"))
                .await
                .unwrap();
            held.send(()).unwrap();
            released.await.unwrap();
            tx.commit().await.unwrap();
        })
    };
    first_holds.await.unwrap();
    let (started, second_starts) = tokio::sync::oneshot::channel();
    let second = {
        let store = db.store.clone();
        tokio::spawn(async move {
            started.send(()).unwrap();
            let mut tx = store.write().await.unwrap();
            tx.insert_visit(&visit_on(group, "2026-02-11"))
                .await
                .unwrap();
            tx.commit().await.unwrap();
        })
    };
    second_starts.await.unwrap();
    wait_until_blocked(db, &second).await;
    release.send(()).unwrap();
    first.await.unwrap();
    second.await.unwrap();
    // Then eight writers at once, each a visit to the same group (no deadlock, none lost).
    let writers: Vec<_> = (0..8)
        .map(|n| {
            let store = db.store.clone();
            tokio::spawn(async move {
                let mut tx = store.write().await.unwrap();
                let on = format!("2026-02-{:02}", 12 + n);
                tx.insert_visit(&visit_on(group, &on)).await.unwrap();
                tx.commit().await.unwrap();
            })
        })
        .collect();
    for writer in writers {
        writer.await.unwrap();
    }
    // A move of the group (which refreshes its members) beside a woman joining it.
    let joining: hamyar_app::ports::registry::WomanId =
        sqlx::query_scalar("SELECT woman_id FROM group_members WHERE group_id = $1")
            .bind(w.groups[1])
            .fetch_one(db.store.pool())
            .await
            .unwrap();
    let mover = {
        let store = db.store.clone();
        tokio::spawn(async move {
            let mut tx = store.write().await.unwrap();
            tx.insert_stage(&stage(group, "inactive", "2026-02-25"))
                .await
                .unwrap();
            tx.commit().await.unwrap();
        })
    };
    let joiner = {
        let store = db.store.clone();
        tokio::spawn(async move {
            let mut tx = store.write().await.unwrap();
            tx.insert_membership(&MembershipRow {
                id: 0,
                group_id: group,
                woman_id: joining,
                role: hamyar_domain::groups::MemberRole::parse("member").expect("a role"),
                joined_on: JalaliDate::from_iso_str("2026-02-22").unwrap(),
                left_on: None,
                leave_reason: None,
                leave_note: String::new(),
                created_at: at(9),
                updated_at: at(9),
            })
            .await
            .unwrap();
            tx.commit().await.unwrap();
        })
    };
    mover.await.unwrap();
    joiner.await.unwrap();
    let kept = tallies_of(db).await;
    db.store.rebuild_dashboard_tallies().await.unwrap();
    assert_eq!(tallies_of(db).await, kept, "both visits kept once");
    let mut tx = db.store.read().await.unwrap();
    let done = tx
        .dashboard_visits_done(counties(&w), "2026-02-01", "2026-03-01")
        .await
        .unwrap();
    assert_eq!(done.iter().map(|c| c.count).sum::<i64>(), 10);
}

hamyar_store::on_both_databases!(
    groups_are_counted_by_county_and_stage_now_and_on_a_past_day,
    the_group_row_keeps_its_life_span_through_back_dated_moves,
    the_visiting_duty_counts_groups_under_follow_up_and_their_visits,
    members_women_and_exits_are_grouped_by_area,
    business_is_summed_per_area_over_jalali_months,
    kept_tallies_equal_a_rebuild_from_the_rows,
    concurrent_writes_to_one_group_keep_its_tallies_whole,
);
