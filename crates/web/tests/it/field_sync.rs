//! The field app's sync (`POST /api/v1/sync`, issue 21) through HTTP with a social worker's
//! write token: every record of a batch is answered on its own — recorded, repeated when its
//! key comes again, a conflict for a woman who left the group before the meeting and for a
//! meeting of the same day already recorded (recorded anyway once confirmed), refused when it
//! is wrong — and no record stops the others; the whole batch sent twice lands once; and a
//! week of work, 500 records, lands (timed; see the bound's note). Visits over several groups
//! leave the dashboard's tallies exactly as a rebuild from the rows makes them (the sync
//! refreshes each group once per chunk, not once per visit). A fund meeting (`fund_meeting`)
//! lands once when the batch is sent twice, its savings then shown by the fund's API; a line
//! of a woman who had left and the fund's meeting of a day already recorded are conflicts.
//! On both engines.

use std::time::Instant;

use hamyar_app::Actor;
use hamyar_app::access::{Role, Scope};
use hamyar_app::api_tokens::ApiTokenDraft;
use hamyar_app::ids::GroupId;
use hamyar_domain::fund::CycleInput;
use hamyar_domain::group_life::{AttendanceInput, MeetingInput};
use hamyar_domain::groups::{JoinInput, LeaveInput};
use hamyar_testkit::scope::{ScopeWorld, scope_world};
use hamyar_testkit::testing::TestDatabase;
use hamyar_web::WebSettings;
use hamyar_webtest::TestApp;
use serde_json::{Value, json};

/// The world, and a write token of a new social worker of Abyek.
async fn world_with_worker(db: TestDatabase) -> (TestApp, ScopeWorld, String) {
    let (app, w, token, _) = world_with_worker_actor(db).await;
    (app, w, token)
}

/// [`world_with_worker`] with the social worker herself.
async fn world_with_worker_actor(db: TestDatabase) -> (TestApp, ScopeWorld, String, Actor) {
    let app = TestApp::spawn_on(db, WebSettings::default()).await;
    let w = scope_world(&app.app).await;
    let id = app
        .create_user("abyek.field", "social_worker", "ir.qazvin.abyek")
        .await;
    let actor = Actor {
        user_id: Some(id),
        username: "abyek.field".into(),
        role: Role::SocialWorker,
        scope: Scope::County {
            province: w.qazvin,
            county: w.abyek.county,
        },
    };
    let draft = ApiTokenDraft {
        name: "دستگاه میدانی".into(),
        access: "write".into(),
        scope: String::new(),
        expires_in_days: "14".into(),
    };
    let token = app
        .app
        .create_api_token(&actor, &draft)
        .await
        .expect("token");
    (app, w, token.secret, actor)
}

async fn sync(app: &TestApp, token: &str, records: &[Value]) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{}/api/v1/sync", app.base_url))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(json!({ "records": records }).to_string())
        .send()
        .await
        .expect("sync");
    let status = response.status().as_u16();
    let text = response.text().await.expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn meeting(key: &str, group: GroupId, held_on: &str, marks: &[(i64, &str)]) -> Value {
    let attendance: Vec<Value> = marks
        .iter()
        .map(|(woman, mark)| json!({"woman_id": woman, "attendance": mark}))
        .collect();
    json!({
        "key": key, "kind": "meeting", "group_id": group.get(),
        "body": {"held_on": held_on, "topics": "پس‌انداز ماهانه", "attendance": attendance},
    })
}

fn visit(key: &str, group: GroupId, visited_on: &str) -> Value {
    json!({
        "key": key, "kind": "visit", "group_id": group.get(),
        "body": {"visited_on": visited_on, "purpose": "پایش ماهانه", "findings": "دفتر صندوق به‌روز"},
    })
}

/// (meetings, visits) of the group.
async fn counts(app: &TestApp, group: GroupId) -> (usize, usize) {
    let life = app
        .app
        .group_life(&Actor::console(), group, false)
        .await
        .expect("group life");
    (life.meetings.len(), life.visits.len())
}

fn outcome(answer: &Value, i: usize) -> &str {
    answer["outcomes"][i]["outcome"].as_str().unwrap_or("")
}

/// Abyek's second woman joins the group and leaves it on 1405/06/01.
async fn second_member_who_left(app: &TestApp, w: &ScopeWorld) -> i64 {
    let worker = Actor::console();
    let group = w.abyek.group;
    let membership = app
        .app
        .add_group_member(
            &worker,
            group,
            &JoinInput {
                national_id: w.abyek.second_person.national_id.clone(),
                role: "member".into(),
                joined_on: "1405/02/01".into(),
            },
        )
        .await
        .expect("joins");
    let leave = LeaveInput {
        left_on: "1405/06/01".into(),
        leave_reason: "moved".into(),
        leave_note: String::new(),
    };
    app.app
        .end_group_membership(&worker, group, membership, &leave)
        .await
        .expect("leaves");
    w.abyek.second_woman.get()
}

async fn each_record_is_answered_on_its_own(db: TestDatabase) {
    let (app, w, token) = world_with_worker(db).await;
    let group = w.abyek.group;
    let her = w.abyek.woman.get();
    let left = second_member_who_left(&app, &w).await;
    // A colleague recorded the group's meeting of 1405/07/15 from the office.
    let colleague = MeetingInput {
        held_on: "1405/07/15".into(),
        topics: "جلسهٔ ماهانه".into(),
        attendance: vec![AttendanceInput {
            woman_id: her,
            attendance: "present".into(),
        }],
        ..MeetingInput::default()
    };
    app.app
        .record_meeting(&Actor::console(), group, &colleague)
        .await
        .expect("colleague's meeting");
    let before = counts(&app, group).await;

    let records = [
        meeting("m-0001-ok-aaaa", group, "1405/07/01", &[(her, "present")]),
        meeting(
            "m-0002-left-aaaa",
            group,
            "1405/07/08",
            &[(her, "present"), (left, "absent")],
        ),
        meeting(
            "m-0003-twice-aaaa",
            group,
            "1405/07/15",
            &[(her, "excused")],
        ),
        visit("v-0001-ok-aaaa", group, "1405/07/02"),
        visit("v-0001-ok-aaaa", group, "1405/07/02"),
        visit("v-0002-future-aaaa", group, "1499/01/01"),
        json!({"key": "bad key", "kind": "visit", "group_id": group.get(), "body": {}}),
        visit("v-0003-elsewhere-aa", w.takestan.group, "1405/07/02"),
        visit("v-0004-last-aaaaa", group, "1405/07/03"),
    ];
    let (status, answer) = sync(&app, &token, &records).await;
    assert_eq!(status, 200, "{answer}");
    let names: Vec<&str> = (0..records.len()).map(|i| outcome(&answer, i)).collect();
    assert_eq!(
        names,
        [
            "recorded", "conflict", "conflict", "recorded", "repeated", "refused", "refused",
            "refused", "recorded"
        ],
        "{answer}"
    );
    let left_conflict = &answer["outcomes"][1];
    assert_eq!(left_conflict["not_members"], json!([left]), "{answer}");
    assert_eq!(left_conflict["problem"]["errors"][0]["field"], "attendance");
    let message = left_conflict["problem"]["errors"][0]["message_fa"]
        .as_str()
        .unwrap();
    assert!(
        message.contains(w.abyek.second_person.first_name),
        "{message}"
    );
    let twice = &answer["outcomes"][2]["problem"]["errors"][0];
    assert_eq!(twice["field"], "held_on", "{answer}");
    assert_eq!(answer["outcomes"][3]["id"], answer["outcomes"][4]["id"]);
    assert_eq!(
        answer["outcomes"][5]["problem"]["errors"][0]["field"],
        "visited_on"
    );
    assert_eq!(
        answer["outcomes"][6]["problem"]["errors"][0]["field"],
        "key"
    );
    assert_eq!(answer["outcomes"][7]["problem"]["status"], 404, "{answer}");
    assert_eq!(counts(&app, group).await, (before.0 + 1, before.1 + 2));

    // She settles both: the mark of the woman who left dropped, under a new key; the other
    // meeting of the 15th confirmed.
    let mut confirmed = meeting(
        "m-0003-twice-aaaa",
        group,
        "1405/07/15",
        &[(her, "excused")],
    );
    confirmed["confirm_duplicate"] = json!(true);
    let settled = [
        meeting("m-0002-left-bbbb", group, "1405/07/08", &[(her, "present")]),
        confirmed,
    ];
    let (status, answer) = sync(&app, &token, &settled).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        [outcome(&answer, 0), outcome(&answer, 1)],
        ["recorded", "recorded"],
        "{answer}"
    );
    assert_eq!(counts(&app, group).await, (before.0 + 3, before.1 + 2));

    // A key already done with another record is refused; the record is not written.
    let reused = [visit("v-0004-last-aaaaa", group, "1405/07/04")];
    let (_, answer) = sync(&app, &token, &reused).await;
    assert_eq!(outcome(&answer, 0), "refused", "{answer}");
    assert_eq!(
        answer["outcomes"][0]["problem"]["errors"][0]["field"],
        "idempotency_key"
    );
    assert_eq!(counts(&app, group).await, (before.0 + 3, before.1 + 2));
}

async fn the_whole_batch_sent_twice_lands_once(db: TestDatabase) {
    let (app, w, token) = world_with_worker(db).await;
    let group = w.abyek.group;
    let her = w.abyek.woman.get();
    let records: Vec<Value> = (1..=20)
        .map(|day| {
            if day % 2 == 0 {
                meeting(
                    &format!("twice-meeting-{day:02}"),
                    group,
                    &format!("1405/08/{day:02}"),
                    &[(her, "present")],
                )
            } else {
                visit(
                    &format!("twice-visit-{day:02}"),
                    group,
                    &format!("1405/08/{day:02}"),
                )
            }
        })
        .collect();
    let before = counts(&app, group).await;
    let (status, first) = sync(&app, &token, &records).await;
    assert_eq!(status, 200, "{first}");
    assert!((0..20).all(|i| outcome(&first, i) == "recorded"), "{first}");
    let (status, second) = sync(&app, &token, &records).await;
    assert_eq!(status, 200, "{second}");
    for i in 0..20 {
        assert_eq!(outcome(&second, i), "repeated", "{second}");
        assert_eq!(second["outcomes"][i]["id"], first["outcomes"][i]["id"]);
    }
    assert_eq!(counts(&app, group).await, (before.0 + 10, before.1 + 10));
}

async fn a_week_of_twenty_groups_lands_quickly(db: TestDatabase) {
    let (app, w, token) = world_with_worker(db).await;
    let group = w.abyek.group;
    let her = w.abyek.woman.get();
    // 500 records, as a week of twenty groups: 250 meetings, the first 200 on days of their
    // own (after she joined) and the rest confirmed as second meetings of a day, and 250
    // visits.
    let records: Vec<Value> = (0..500)
        .map(|i| {
            let k = i / 2;
            let (month, day) = (2 + (k % 200) / 30, 1 + (k % 200) % 30);
            let on = format!("1405/{month:02}/{day:02}");
            if i % 2 == 0 {
                let mut record = meeting(
                    &format!("week-{i:04}-meeting"),
                    group,
                    &on,
                    &[(her, "present")],
                );
                record["confirm_duplicate"] = json!(k >= 200);
                record
            } else {
                visit(&format!("week-{i:04}-visit"), group, &on)
            }
        })
        .collect();
    let started = Instant::now();
    let (status, answer) = sync(&app, &token, &records).await;
    let took = started.elapsed();
    assert_eq!(status, 200);
    let recorded = (0..500)
        .filter(|i| outcome(&answer, *i) == "recorded")
        .count();
    assert_eq!(recorded, 500, "{}", answer["outcomes"][0]);
    println!("500 records synced in {} ms", took.as_millis());
    // The issue asks for under a second in a release build (measured there: see
    // docs/BENCHMARKS.md). Each visit used to refresh its group's tallies, reading all the
    // group's visits — here all 250 go to one group — and a debug build took 8 s on SQLite and
    // 17 s on PostgreSQL; with one refresh per group per chunk it took 0.36 s and 0.76 s (two
    // busy cores). The bound leaves room for a loaded machine and catches a return to a
    // refresh per visit.
    assert!(took.as_secs_f64() < 6.0, "{took:?}");
}

/// Every event and tally, in a fixed order, for comparing two states.
type Tallies = (
    Vec<(String, i64, String, String, i64, i64)>,
    Vec<(String, i64, i64, i64, String, i64, i64, i64)>,
);

async fn tallies_of(app: &TestApp) -> Tallies {
    let pool = app.db.store.pool().clone();
    let events = sqlx::query_as(
        "SELECT owner_kind, owner_id, measure, day, county_id, n FROM dashboard_events \
         ORDER BY owner_kind, owner_id, measure, code, province_id, county_id, day",
    )
    .fetch_all(&pool)
    .await
    .expect("events");
    let tallies = sqlx::query_as(
        "SELECT measure, month, province_id, county_id, code, n, a, b FROM dashboard_tallies \
         ORDER BY measure, month, province_id, county_id, code",
    )
    .fetch_all(&pool)
    .await
    .expect("tallies");
    (events, tallies)
}

async fn visits_over_many_groups_leave_the_tallies_a_rebuild_makes(db: TestDatabase) {
    let (app, w, token) = world_with_worker(db).await;
    let expert = hamyar_testkit::fixtures::user(
        &app.app,
        "abyek.expert",
        "county_expert",
        "ir.qazvin.abyek",
    )
    .await;
    let mut groups = vec![w.abyek.group];
    for name in ["گروه قالی‌بافی", "گروه شیرینی‌پزی", "گروه گلاب‌گیری"]
    {
        let group =
            hamyar_testkit::builders::GroupBuilder::new(&app.app, &expert, w.abyek.county, name)
                .identified_on("1404/11/01")
                .create()
                .await;
        groups.push(group);
    }
    let before = tallies_of(&app).await;
    // 250 visits over four groups and eight months, interleaved, some back-dated behind a
    // later one of their group, in three chunks (the last one short), with a meeting now and
    // then: each group's tallies are refreshed once per chunk, after all its visits.
    let records: Vec<Value> = (0..250)
        .map(|i| {
            let group = groups[i % groups.len()];
            let (month, day) = (1 + (i * 7) % 8, 1 + (i * 13) % 29);
            let on = format!("1405/{month:02}/{day:02}");
            if i % 10 == 8 && group == w.abyek.group && month >= 3 {
                let her = w.abyek.woman.get();
                meeting(
                    &format!("tally-{i:04}-meeting"),
                    group,
                    &on,
                    &[(her, "present")],
                )
            } else {
                visit(&format!("tally-{i:04}-visit"), group, &on)
            }
        })
        .collect();
    let (status, answer) = sync(&app, &token, &records).await;
    assert_eq!(status, 200, "{answer}");
    let refused: Vec<&Value> = answer["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["outcome"] != "recorded")
        .collect();
    assert!(refused.is_empty(), "{refused:?}");
    let kept = tallies_of(&app).await;
    assert_ne!(kept, before, "the visits moved the tallies");
    app.db
        .store
        .rebuild_dashboard_tallies()
        .await
        .expect("rebuild");
    assert_eq!(
        tallies_of(&app).await,
        kept,
        "a rebuild from the rows gives what the sync kept"
    );
}

fn cycle_rules() -> CycleInput {
    CycleInput {
        starts_on: "1405/01/15".into(),
        ends_on: "1405/12/15".into(),
        share_value: "500000".into(),
        max_shares: "5".into(),
        meeting_every: "monthly".into(),
        fee_percent: "2".into(),
        loan_limit_multiple: "3".into(),
        max_term_months: "6".into(),
        social_rials: "50000".into(),
        rules: "هر عضو در هر جلسه دست‌کم یک سهم می‌خرد.".into(),
    }
}

/// A fund meeting record: each line (woman, shares) present with the social contribution,
/// the cash counted as the books will say.
fn fund_meeting(key: &str, group: GroupId, held_on: &str, lines: &[(i64, u32)]) -> Value {
    let counted: u32 = lines
        .iter()
        .map(|(_, shares)| shares * 500_000 + 50_000)
        .sum();
    let lines: Vec<Value> = lines
        .iter()
        .map(|(woman, shares)| {
            json!({"woman_id": woman, "present": true, "shares": shares.to_string(),
                   "social": "50000", "repayment": "", "fine": ""})
        })
        .collect();
    json!({
        "key": key, "kind": "fund_meeting", "group_id": group.get(),
        "body": {"held_on": held_on, "lines": lines, "to_bank": "",
                 "cash_counted": counted.to_string(), "note": "جلسهٔ ماهانه"},
    })
}

async fn fund_of(app: &TestApp, token: &str, group: GroupId) -> Value {
    let response = reqwest::Client::new()
        .get(format!("{}/api/v1/groups/{group}/fund", app.base_url))
        .bearer_auth(token)
        .send()
        .await
        .expect("fund");
    assert_eq!(response.status().as_u16(), 200);
    serde_json::from_str(&response.text().await.expect("fund body")).expect("fund json")
}

async fn a_fund_meeting_lands_once_and_its_conflicts_are_hers_to_settle(db: TestDatabase) {
    let (app, w, token, worker) = world_with_worker_actor(db).await;
    let group = w.abyek.group;
    let her = w.abyek.woman.get();
    let left = second_member_who_left(&app, &w).await;

    // No open cycle: refused, not a conflict.
    let early = [fund_meeting(
        "fund-0000-early",
        group,
        "1405/07/01",
        &[(her, 1)],
    )];
    let (status, answer) = sync(&app, &token, &early).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(outcome(&answer, 0), "refused", "{answer}");
    assert_eq!(
        answer["outcomes"][0]["problem"]["errors"][0]["field"],
        "held_on"
    );
    assert_eq!(fund_of(&app, &token, group).await["cycle"], Value::Null);

    app.app
        .open_fund_cycle(&worker, group, &cycle_rules())
        .await
        .expect("cycle");
    let batch = [
        fund_meeting("fund-0001-july", group, "1405/07/01", &[(her, 2)]),
        visit("fund-0002-visit", group, "1405/07/02"),
        fund_meeting(
            "fund-0003-left",
            group,
            "1405/07/10",
            &[(her, 1), (left, 1)],
        ),
    ];
    let (status, first) = sync(&app, &token, &batch).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(
        [outcome(&first, 0), outcome(&first, 1), outcome(&first, 2)],
        ["recorded", "recorded", "conflict"],
        "{first}"
    );
    assert_eq!(
        first["outcomes"][2]["not_members"],
        json!([left]),
        "{first}"
    );
    let problem = &first["outcomes"][2]["problem"];
    assert_eq!(problem["status"], 409, "{first}");
    assert_eq!(problem["errors"][0]["field"], "lines");
    let message = problem["errors"][0]["message_fa"].as_str().unwrap();
    assert!(
        message.contains(w.abyek.second_person.first_name),
        "{message}"
    );

    // The whole batch again: the meeting and the visit are repeats, the conflict is still one.
    let (status, second) = sync(&app, &token, &batch).await;
    assert_eq!(status, 200, "{second}");
    assert_eq!(
        [
            outcome(&second, 0),
            outcome(&second, 1),
            outcome(&second, 2)
        ],
        ["repeated", "repeated", "conflict"],
        "{second}"
    );
    assert_eq!(second["outcomes"][0]["id"], first["outcomes"][0]["id"]);
    let screen = app
        .app
        .fund_screen(&worker, group)
        .await
        .expect("fund screen");
    assert_eq!(screen.meetings.len(), 1, "the meeting landed once");
    let mine = screen
        .members
        .iter()
        .find(|m| m.woman_id.get() == her)
        .expect("she is a member");
    assert_eq!((mine.shares, mine.savings), (2, 1_000_000));

    // The fund's API shows her savings and the meeting.
    let fund = fund_of(&app, &token, group).await;
    assert_eq!(fund["cycle"]["share_price"], 500_000, "{fund}");
    assert_eq!(fund["cycle"]["social_contribution"], 50_000, "{fund}");
    assert_eq!(fund["last_meeting_on"], "1405/07/01", "{fund}");
    assert_eq!(fund["cash_in_box"], 1_050_000, "{fund}");
    let line = fund["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["woman_id"] == her)
        .expect("her line");
    assert_eq!(
        (&line["shares"], &line["savings"]),
        (&json!(2), &json!(1_000_000))
    );
    assert_eq!(line["loan_left"], 0);

    // She settles the conflict: the line of the woman who left dropped, under a new key.
    let settled = [fund_meeting(
        "fund-0003-settled",
        group,
        "1405/07/10",
        &[(her, 1)],
    )];
    let (_, answer) = sync(&app, &token, &settled).await;
    assert_eq!(outcome(&answer, 0), "recorded", "{answer}");

    // A colleague records the fund's meeting of 1405/08/01 from the screen; the phone's
    // meeting of that day is a conflict naming the day, and nothing more is recorded.
    let office = hamyar_domain::fund::meeting::MeetingInput {
        held_on: "1405/08/01".into(),
        lines: vec![hamyar_domain::fund::meeting::MemberLineInput {
            woman_id: her,
            present: true,
            shares: "1".into(),
            social: "50000".into(),
            ..Default::default()
        }],
        cash_counted: (1_050_000 + 550_000 + 550_000).to_string(),
        ..Default::default()
    };
    app.app
        .record_fund_meeting(&worker, group, &office, "office-0801")
        .await
        .expect("colleague's fund meeting");
    let same_day = [fund_meeting(
        "fund-0004-august",
        group,
        "1405/08/01",
        &[(her, 1)],
    )];
    let (_, answer) = sync(&app, &token, &same_day).await;
    assert_eq!(outcome(&answer, 0), "conflict", "{answer}");
    assert_eq!(
        answer["outcomes"][0]["problem"]["errors"][0]["field"], "held_on",
        "{answer}"
    );
    assert!(answer["outcomes"][0].get("not_members").is_none());
    let screen = app.app.fund_screen(&worker, group).await.expect("screen");
    assert_eq!(screen.meetings.len(), 3);
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(super::TestDatabase::sqlite().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(db) = super::TestDatabase::postgres().await {
                        super::$name(db).await;
                    }
                }
            )*
        }
    };
}

on_both!(
    each_record_is_answered_on_its_own,
    the_whole_batch_sent_twice_lands_once,
    a_week_of_twenty_groups_lands_quickly,
    visits_over_many_groups_leave_the_tallies_a_rebuild_makes,
    a_fund_meeting_lands_once_and_its_conflicts_are_hers_to_settle,
);
