//! The use-cases of a group's life against a real database, on SQLite and on PostgreSQL: a
//! social worker records three months of business and a meeting, a provincial expert records
//! a visit with a request and finds it in the overdue list once its follow-up date passes,
//! the county expert of Abyek cannot see the Takestan group, refused forms change nothing,
//! and every change lands in the audit trail with what it replaced.
//!
//! Groups and memberships are written with plain SQL (the groups use-cases are another
//! slice), the women through the registry's own use-case.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::WomanId;
use hamyar_testkit::builders::WomanBuilder;
use hamyar_testkit::fixtures::{place, user};
use std::sync::Arc;

use hamyar_app::audit::AuditQuery;
use hamyar_app::dashboard::DashboardRequest;
use hamyar_app::group_life::visits::{DutyItem, VisitsDue, VisitsDueFilter};
use hamyar_app::{Actor, App, AppError, AppSettings, FixedClock};
use hamyar_domain::group_life::{
    AttendanceInput, BusinessInput, FollowUpState, MeetingInput, PaymentInput, PermitInput,
    PermitState, VisitInput,
};
use hamyar_domain::{FiscalYear, JalaliDate};
use hamyar_store::testing::TestDatabase;
use hamyar_testkit::test_start;

struct World {
    app: App,
    clock: Arc<FixedClock>,
    qazvin: PlaceId,
    abyek: PlaceId,
    takestan: PlaceId,
    social_worker: Actor,
    provincial: Actor,
    abyek_expert: Actor,
    /// The Takestan group and its six members.
    group: GroupId,
    women: Vec<WomanId>,
}

/// A valid national ID built from nine digits and its check digit.
fn national_id(seed: u64) -> String {
    let body = format!("{:09}", 100_000_000 + seed * 7_919);
    let sum: u32 = body
        .chars()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap() * (10 - i as u32))
        .sum();
    let r = sum % 11;
    format!("{body}{}", if r < 2 { r } else { 11 - r })
}

/// Inserts a group as the groups slice would, formed on `created_at`; a group past `trained`
/// counts as registered that day (and a dissolved or graduated one as ended), as the groups
/// adapter keeps `registered_on` and `ended_on` from the stage history.
async fn group(
    db: &TestDatabase,
    code: &str,
    province: PlaceId,
    county: PlaceId,
    stage: &str,
    created_at: &str,
) -> GroupId {
    let id: GroupId = sqlx::query_scalar(
        "INSERT INTO hamyar_groups (code, name, name_key, province_id, county_id, locality, \
         business_field, business_field_other, premises, premises_address, stage, notes, \
         created_at, updated_at) VALUES ($1, $2, $2, $3, $4, 'تاکستان', 'tailoring', '', \
         'home', '', $5, '', $6, $6) RETURNING id",
    )
    .bind(code)
    .bind(format!("گروه {code}"))
    .bind(province)
    .bind(county)
    .bind(stage)
    .bind(created_at)
    .fetch_one(db.store.pool())
    .await
    .unwrap();
    let day = &created_at[..10];
    let registered = !matches!(stage, "identified" | "trained");
    let ended = matches!(stage, "dissolved" | "graduated");
    sqlx::query("UPDATE hamyar_groups SET registered_on = $2, ended_on = $3 WHERE id = $1")
        .bind(id)
        .bind(registered.then_some(day))
        .bind(ended.then_some(day))
        .execute(db.store.pool())
        .await
        .unwrap();
    id
}

async fn join(
    db: &TestDatabase,
    group: GroupId,
    woman: WomanId,
    joined_on: &str,
    left_on: Option<&str>,
) {
    sqlx::query(
        "INSERT INTO group_members (group_id, woman_id, role, joined_on, left_on, leave_reason, \
         leave_note, created_at, updated_at) VALUES ($1, $2, 'member', $3, $4, NULL, '', \
         '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
    )
    .bind(group)
    .bind(woman)
    .bind(joined_on)
    .bind(left_on)
    .execute(db.store.pool())
    .await
    .unwrap();
}

async fn world(db: &TestDatabase) -> World {
    let clock = Arc::new(FixedClock::new(test_start()));
    let app = App::new(db.store.clone(), clock.clone(), AppSettings::default());
    app.seed_reference_places().await.unwrap();
    let qazvin = place(&app, "ir.qazvin").await;
    let abyek = place(&app, "ir.qazvin.abyek").await;
    let takestan = place(&app, "ir.qazvin.takestan").await;
    let social_worker = user(&app, "t.worker", "social_worker", "ir.qazvin.takestan").await;
    let provincial = user(&app, "q.expert", "provincial_expert", "ir.qazvin").await;
    let abyek_expert = user(&app, "a.expert", "county_expert", "ir.qazvin.abyek").await;
    let mut women = Vec::new();
    for seed in 0..6 {
        let first_name = ["مریم", "زهرا", "فاطمه", "سکینه", "لیلا", "رقیه"][seed as usize];
        let woman = WomanBuilder::new(&app, &social_worker, takestan, national_id(seed))
            .first_name(first_name)
            .register()
            .await;
        women.push(woman);
    }
    // Formed on 1405/01/15 (2026-04-04); the sixth member left on 1405/07/10 (2026-10-02).
    let group_id = group(
        db,
        "TK-1",
        qazvin,
        takestan,
        "active",
        "2026-04-04T06:30:00.000Z",
    )
    .await;
    for (index, woman) in women.iter().enumerate() {
        let left = (index == 5).then_some("2026-10-02");
        join(db, group_id, *woman, "2026-04-04", left).await;
    }
    World {
        app,
        clock,
        qazvin,
        abyek,
        takestan,
        social_worker,
        provincial,
        abyek_expert,
        group: group_id,
        women,
    }
}

fn business(
    year: &str,
    month: &str,
    revenue: &str,
    costs: &str,
    paid: &[(WomanId, &str)],
) -> BusinessInput {
    BusinessInput {
        year: year.into(),
        month: month.into(),
        revenue: revenue.into(),
        costs: costs.into(),
        members_working: "۶".into(),
        people_hired: "1".into(),
        channels: vec!["shop".into(), "exhibition".into()],
        channel_other: String::new(),
        payments: paid
            .iter()
            .map(|(woman_id, amount)| PaymentInput {
                woman_id: woman_id.get(),
                amount: (*amount).into(),
            })
            .collect(),
    }
}

async fn audit_rows(app: &App, action: &str) -> Vec<hamyar_app::ports::AuditRow> {
    app.browse_audit(
        &Actor::console(),
        &AuditQuery {
            action: Some(action.into()),
            page_size: 100,
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

fn everywhere() -> VisitsDueFilter {
    VisitsDueFilter::default()
}

fn in_county(county: PlaceId) -> VisitsDueFilter {
    VisitsDueFilter {
        county: Some(county),
        ..VisitsDueFilter::default()
    }
}

/// The follow-up lines of the work list: (visit, state, days late).
fn follow_ups(due: &VisitsDue) -> Vec<(i64, FollowUpState, i64)> {
    due.lines
        .iter()
        .filter_map(|line| match &line.item {
            DutyItem::FollowUp {
                visit,
                state,
                days_late,
            } => Some((visit.id, *state, *days_late)),
            DutyItem::NotVisited { .. } => None,
        })
        .collect()
}

/// The groups the work list says are owed a visit.
fn owed_a_visit(due: &VisitsDue) -> Vec<GroupId> {
    due.lines
        .iter()
        .filter(|line| matches!(line.item, DutyItem::NotVisited { .. }))
        .map(|line| line.group.id)
        .collect()
}

fn invalid_fields(error: AppError) -> Vec<&'static str> {
    match error {
        AppError::Invalid(errors) => errors.iter().map(|e| e.field).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

async fn three_months_of_business_are_kept_and_a_months_edit_replaces_it_with_an_audit(
    db: &TestDatabase,
) {
    let w = world(db).await;
    let sw = &w.social_worker;
    let first = w.women[0];
    for (month, revenue) in [("6", "۲۰٬۰۰۰٬۰۰۰"), ("7", "25000000"), ("8", "12000000")] {
        w.app
            .record_business_month(
                sw,
                w.group,
                &business("1405", month, revenue, "15000000", &[(first, "2000000")]),
            )
            .await
            .unwrap();
    }
    let life = w.app.group_life(sw, w.group, false).await.unwrap();
    let profits: Vec<_> = life
        .months
        .iter()
        .map(|m| (m.month, m.profit_rials))
        .collect();
    assert_eq!(profits, [(6, 5_000_000), (7, 10_000_000), (8, -3_000_000)]);

    w.app
        .record_business_month(
            sw,
            w.group,
            &business("1405", "8", "30000000", "15000000", &[(w.women[1], "1")]),
        )
        .await
        .unwrap();
    let life = w.app.group_life(sw, w.group, false).await.unwrap();
    assert_eq!(life.months.len(), 3, "one record per month");
    assert_eq!(life.months[2].profit_rials, 15_000_000);
    assert_eq!(life.months[2].payments, [(w.women[1], 1)]);
    let rows = audit_rows(&w.app, "group.business_month").await;
    assert_eq!(rows.len(), 4);
    let before = rows[0]
        .before
        .as_deref()
        .expect("the replaced month is kept");
    assert!(before.contains("12000000"), "{before}");
    assert_eq!(rows[0].county_id, Some(w.takestan));
}

async fn a_payment_to_a_woman_who_was_not_a_member_that_month_changes_nothing(db: &TestDatabase) {
    let w = world(db).await;
    let left = w.women[5];
    // She left in Mehr 1405: paying her for Mehr is fine, for Aban it is refused.
    w.app
        .record_business_month(
            &w.social_worker,
            w.group,
            &business("1405", "7", "1", "0", &[(left, "1")]),
        )
        .await
        .unwrap();
    let error = w
        .app
        .record_business_month(
            &w.social_worker,
            w.group,
            &business("1405", "8", "1", "0", &[(left, "1")]),
        )
        .await
        .unwrap_err();
    assert_eq!(invalid_fields(error), ["payments"]);
    let error = w
        .app
        .record_business_month(
            &w.social_worker,
            w.group,
            &business("1405", "10", "-1", "", &[]),
        )
        .await
        .unwrap_err();
    assert_eq!(invalid_fields(error), ["month", "revenue", "costs"]);
    // The group was formed in Farvardin 1405: Esfand 1404 (a mistyped year) is refused.
    let error = w
        .app
        .record_business_month(
            &w.social_worker,
            w.group,
            &business("1404", "12", "1", "0", &[]),
        )
        .await
        .unwrap_err();
    assert_eq!(invalid_fields(error), ["month"]);
    let life = w
        .app
        .group_life(&w.social_worker, w.group, false)
        .await
        .unwrap();
    assert_eq!(life.months.len(), 1);
    assert_eq!(audit_rows(&w.app, "group.business_month").await.len(), 1);
}

async fn a_meeting_records_attendance_of_members_only(db: &TestDatabase) {
    let w = world(db).await;
    let mut input = MeetingInput {
        held_on: "۱۴۰۵/۰۹/۰۱".into(),
        place: "کارگاه".into(),
        topics: "قیمت‌گذاری محصولات".into(),
        decisions: "شرکت در نمایشگاه".into(),
        attendance: w.women[..5]
            .iter()
            .enumerate()
            .map(|(i, woman)| AttendanceInput {
                woman_id: woman.get(),
                attendance: if i == 4 { "excused" } else { "present" }.into(),
            })
            .collect(),
    };
    w.app
        .record_meeting(&w.social_worker, w.group, &input)
        .await
        .unwrap();
    input.attendance.push(AttendanceInput {
        woman_id: w.women[5].get(),
        attendance: "absent".into(),
    });
    let error = w
        .app
        .record_meeting(&w.social_worker, w.group, &input)
        .await
        .unwrap_err();
    assert_eq!(
        invalid_fields(error),
        ["attendance"],
        "she had left the group"
    );
    let life = w
        .app
        .group_life(&w.social_worker, w.group, false)
        .await
        .unwrap();
    assert_eq!(life.meetings.len(), 1);
    assert_eq!(life.meetings[0].attendance.len(), 5);
    assert_eq!(life.current_members().len(), 5);
    assert_eq!(audit_rows(&w.app, "group.meeting").await.len(), 1);
}

async fn a_visits_request_stays_open_and_its_follow_up_turns_overdue_when_the_date_passes(
    db: &TestDatabase,
) {
    let w = world(db).await;
    let input = VisitInput {
        visited_on: "1405/09/08".into(),
        purpose: "پایش فصلی".into(),
        findings: "نیاز به سرمایه در گردش".into(),
        requests: vec!["معرفی به بانک برای وام".into()],
        referrals: vec!["bank".into()],
        follow_up_due: "1405/09/15".into(),
        ..VisitInput::default()
    };
    let visit = w
        .app
        .record_visit(&w.provincial, w.group, &input)
        .await
        .unwrap();
    let life = w
        .app
        .group_life(&w.provincial, w.group, false)
        .await
        .unwrap();
    let last = life.last_visit().unwrap();
    assert_eq!(
        last.visitor_name, "کاربر q.expert",
        "the recording user by default"
    );
    assert_eq!(last.visitor_id, w.provincial.user_id);
    assert_eq!(life.follow_up_state(last), FollowUpState::Due);
    assert_eq!(life.open_requests().len(), 1);

    let due = w
        .app
        .visits_due(&w.provincial, &everywhere())
        .await
        .unwrap();
    assert_eq!(follow_ups(&due), [(visit, FollowUpState::Due, -7)]);
    assert_eq!((due.figures.due, due.figures.overdue), (1, 0));

    w.clock.advance(jiff::SignedDuration::from_hours(24 * 10));
    let due = w
        .app
        .visits_due(&w.provincial, &in_county(w.takestan))
        .await
        .unwrap();
    assert_eq!(follow_ups(&due), [(visit, FollowUpState::Overdue, 3)]);
    assert_eq!(due.figures.overdue, 1);
    let social_worker_sees = w
        .app
        .visits_due(&w.social_worker, &everywhere())
        .await
        .unwrap();
    assert_eq!(follow_ups(&social_worker_sees).len(), 1);

    let request = life.open_requests()[0].1.id;
    let error = w
        .app
        .resolve_visit_request(&w.provincial, w.group, request, "1405/09/01", "")
        .await
        .unwrap_err();
    assert_eq!(invalid_fields(error), ["done_on", "note"]);
    w.app
        .resolve_visit_request(
            &w.provincial,
            w.group,
            request,
            "1405/09/16",
            "وام معرفی شد",
        )
        .await
        .unwrap();
    w.app
        .complete_follow_up(&w.provincial, w.group, visit, "۱۴۰۵/۰۹/۱۷", "تماس با بانک")
        .await
        .unwrap();
    let again = w
        .app
        .complete_follow_up(&w.provincial, w.group, visit, "1405/09/17", "دوباره")
        .await
        .unwrap_err();
    assert_eq!(invalid_fields(again), ["done_on"]);
    let due = w
        .app
        .visits_due(&w.provincial, &everywhere())
        .await
        .unwrap();
    assert!(follow_ups(&due).is_empty());
    let life = w
        .app
        .group_life(&w.provincial, w.group, false)
        .await
        .unwrap();
    assert!(life.open_requests().is_empty());
    assert_eq!(audit_rows(&w.app, "group.visit").await.len(), 1);
    assert_eq!(audit_rows(&w.app, "group.visit_follow_up").await.len(), 1);
    assert_eq!(
        audit_rows(&w.app, "group.visit_request_resolved")
            .await
            .len(),
        1
    );
}

async fn the_county_expert_of_abyek_cannot_see_or_touch_the_takestan_group(db: &TestDatabase) {
    let w = world(db).await;
    let visit = VisitInput {
        visited_on: "1405/09/01".into(),
        purpose: "پایش".into(),
        follow_up_due: "1405/09/05".into(),
        ..VisitInput::default()
    };
    w.app
        .record_visit(&w.provincial, w.group, &visit)
        .await
        .unwrap();
    let a = &w.abyek_expert;
    assert!(matches!(
        w.app.group_life(a, w.group, false).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        w.app.record_visit(a, w.group, &visit).await,
        Err(AppError::NotFound)
    ));
    let bad = business("1405", "8", "x", "", &[]);
    assert!(
        matches!(
            w.app.record_business_month(a, w.group, &bad).await,
            Err(AppError::NotFound)
        ),
        "out of scope wins over invalid input, so nothing is disclosed"
    );
    assert!(matches!(
        w.app.visits_due(a, &in_county(w.takestan)).await,
        Err(AppError::NotFound)
    ));
    let due = w.app.visits_due(a, &everywhere()).await.unwrap();
    assert!(due.lines.is_empty() && due.figures.lines() == 0);
    let due = w
        .app
        .visits_due(&w.provincial, &in_county(w.abyek))
        .await
        .unwrap();
    assert!(due.lines.is_empty());
    assert_eq!(audit_rows(&w.app, "group.visit").await.len(), 1);
}

async fn a_permit_cannot_expire_before_it_was_issued_and_one_expiring_soon_is_flagged(
    db: &TestDatabase,
) {
    let w = world(db).await;
    let mut input = PermitInput {
        kind: "health_code".into(),
        number: "۴۵۶۷".into(),
        issued_on: "1404/10/01".into(),
        expires_on: "1404/09/30".into(),
    };
    let error = w
        .app
        .record_permit(&w.social_worker, w.group, &input)
        .await
        .unwrap_err();
    assert_eq!(invalid_fields(error), ["expires_on"]);
    assert!(
        w.app
            .group_life(&w.social_worker, w.group, false)
            .await
            .unwrap()
            .permits
            .is_empty()
    );
    input.expires_on = "1405/10/01".into();
    w.app
        .record_permit(&w.social_worker, w.group, &input)
        .await
        .unwrap();
    let life = w
        .app
        .group_life(&w.social_worker, w.group, false)
        .await
        .unwrap();
    let flagged = life.permits_needing_attention();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].1, PermitState::ExpiringSoon);
    input.expires_on = "1406/10/01".into();
    w.app
        .record_permit(&w.social_worker, w.group, &input)
        .await
        .unwrap();
    let life = w
        .app
        .group_life(&w.social_worker, w.group, false)
        .await
        .unwrap();
    assert!(life.permits_needing_attention().is_empty());
    assert_eq!(life.permits.len(), 1, "a renewal replaces the permit");
    let rows = audit_rows(&w.app, "group.permit").await;
    assert!(
        rows[0].before.as_deref().unwrap().contains("2026-12-22"),
        "the old expiry (1405/10/01) is kept"
    );
}

async fn groups_without_a_visit_for_their_provinces_months_are_flagged(db: &TestDatabase) {
    let w = world(db).await;
    let dissolved = group(
        db,
        "TK-2",
        w.qazvin,
        w.takestan,
        "dissolved",
        "2025-01-01T00:00:00.000Z",
    )
    .await;
    let fresh = group(
        db,
        "TK-3",
        w.qazvin,
        w.takestan,
        "active",
        "2026-11-20T00:00:00.000Z",
    )
    .await;
    let visit = VisitInput {
        visited_on: "1405/07/01".into(),
        purpose: "پایش".into(),
        ..VisitInput::default()
    };
    w.app
        .record_visit(&w.provincial, w.group, &visit)
        .await
        .unwrap();
    let unasked = w
        .app
        .record_visit(&w.provincial, w.group, &visit)
        .await
        .unwrap();
    let error = w
        .app
        .complete_follow_up(&w.provincial, w.group, unasked, "1405/07/02", "x")
        .await
        .unwrap_err();
    assert_eq!(
        invalid_fields(error),
        ["done_on"],
        "no follow-up was asked for"
    );
    let due = w
        .app
        .visits_due(&w.provincial, &everywhere())
        .await
        .unwrap();
    assert!(
        owed_a_visit(&due).is_empty(),
        "visited two months ago, the default is three"
    );
    assert!(
        !w.app
            .group_life(&w.provincial, w.group, false)
            .await
            .unwrap()
            .not_visited_lately
    );

    let tehran = place(&w.app, "ir.tehran").await;
    let error = w
        .app
        .set_no_visit_months(&w.provincial, &tehran.to_string(), "۳۰")
        .await
        .unwrap_err();
    assert_eq!(invalid_fields(error), ["province", "no_visit_months"]);
    assert!(matches!(
        w.app
            .set_no_visit_months(&w.abyek_expert, &w.qazvin.to_string(), "1")
            .await,
        Err(AppError::Forbidden)
    ));
    w.app
        .set_no_visit_months(&w.provincial, &w.qazvin.to_string(), "۱")
        .await
        .unwrap();
    let due = w
        .app
        .visits_due(&w.provincial, &everywhere())
        .await
        .unwrap();
    assert_eq!(
        owed_a_visit(&due),
        [w.group],
        "not the dissolved {dissolved} nor the new {fresh}"
    );
    assert_eq!(due.figures.groups_owed_a_visit, 1);
    match &due.lines[0].item {
        DutyItem::NotVisited {
            months,
            days_without,
            ..
        } => {
            assert_eq!(months.months(), 1);
            assert_eq!(*days_without, 67, "1405/07/01 to 1405/09/08");
        }
        other => panic!("a group owed a visit, not {other:?}"),
    }
    assert!(
        w.app
            .group_life(&w.provincial, w.group, false)
            .await
            .unwrap()
            .not_visited_lately
    );
    let rows = audit_rows(&w.app, "settings.group_no_visit_months").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].after.as_deref(), Some(r#"{"no_visit_months":1}"#));
}

async fn readers_who_may_not_change_records_are_refused(db: &TestDatabase) {
    let w = world(db).await;
    let auditor = user(&w.app, "auditor", "auditor", "ir").await;
    let relations = user(&w.app, "pr.officer", "public_relations", "ir").await;
    let facilitator = user(&w.app, "t.facilitator", "facilitator", "ir.qazvin.takestan").await;
    let input = business("1405", "8", "1", "0", &[]);
    assert!(matches!(
        w.app
            .record_business_month(&facilitator, w.group, &input)
            .await,
        Err(AppError::Forbidden)
    ));
    assert!(w.app.group_life(&facilitator, w.group, false).await.is_ok());
    assert!(matches!(
        w.app.record_business_month(&auditor, w.group, &input).await,
        Err(AppError::Forbidden)
    ));
    assert!(w.app.group_life(&auditor, w.group, false).await.is_ok());
    assert!(matches!(
        w.app.group_life(&relations, w.group, false).await,
        Err(AppError::Forbidden)
    ));
    assert!(audit_rows(&w.app, "group.").await.is_empty());
}

async fn opening_the_life_page_is_audited_with_the_members_but_a_redraw_is_not(db: &TestDatabase) {
    let w = world(db).await;
    w.app
        .group_life(&w.social_worker, w.group, true)
        .await
        .unwrap();
    w.app
        .group_life(&w.social_worker, w.group, false)
        .await
        .unwrap();
    let rows = audit_rows(&w.app, "group.life_view").await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].entity_id, w.group.to_string());
    assert_eq!(rows[0].county_id, Some(w.takestan));
    let after = rows[0].after.as_deref().unwrap();
    for woman in &w.women {
        assert!(after.contains(&woman.to_string()), "{after}");
    }
    assert!(!after.contains("کریمی"), "ids, never names");
    assert!(matches!(
        w.app.group_life(&w.abyek_expert, w.group, true).await,
        Err(AppError::NotFound)
    ));
    assert_eq!(audit_rows(&w.app, "group.life_view").await.len(), 1);
}

fn visit_on(visited_on: &str, follow_up_due: &str) -> VisitInput {
    VisitInput {
        visited_on: visited_on.into(),
        purpose: "پایش".into(),
        follow_up_due: follow_up_due.into(),
        ..VisitInput::default()
    }
}

async fn a_newer_visit_answers_the_overdue_follow_up_and_the_audit_says_which(db: &TestDatabase) {
    let w = world(db).await;
    // Today is 1405/09/08: the first visit's follow-up is overdue by a week.
    let first = w
        .app
        .record_visit(
            &w.provincial,
            w.group,
            &visit_on("1405/08/01", "1405/09/01"),
        )
        .await
        .unwrap();
    let due = w
        .app
        .visits_due(&w.provincial, &everywhere())
        .await
        .unwrap();
    assert_eq!(follow_ups(&due), [(first, FollowUpState::Overdue, 7)]);

    // The social worker went on 1405/09/05 and types it in today.
    let second = w
        .app
        .record_visit(&w.social_worker, w.group, &visit_on("1405/09/05", ""))
        .await
        .unwrap();
    let due = w
        .app
        .visits_due(&w.provincial, &everywhere())
        .await
        .unwrap();
    assert!(follow_ups(&due).is_empty(), "{:?}", follow_ups(&due));
    assert_eq!(due.figures.overdue, 0);
    let life = w
        .app
        .group_life(&w.provincial, w.group, false)
        .await
        .unwrap();
    let answered = life.visits.iter().find(|v| v.id == first).unwrap();
    assert_eq!(life.follow_up_state(answered), FollowUpState::Answered);
    assert_eq!(answered.follow_up_closed_by_visit_id, Some(second));
    assert_eq!(
        answered
            .follow_up_closed_on
            .map(|day| day.to_iso_string())
            .as_deref(),
        Some("2026-11-26"),
        "the visit's own day (1405/09/05), not the day it was typed"
    );
    let rows = audit_rows(&w.app, "group.visit").await;
    let after = rows
        .iter()
        .filter_map(|row| row.after.as_deref())
        .find(|after| after.contains(&format!("\"visit_id\":{second}")))
        .unwrap();
    assert!(
        after.contains(&format!("\"answered_follow_ups\":[{first}]")),
        "{after}"
    );
    let error = w
        .app
        .complete_follow_up(&w.provincial, w.group, first, "1405/09/08", "تماس")
        .await
        .unwrap_err();
    assert_eq!(invalid_fields(error), ["done_on"]);
    assert!(audit_rows(&w.app, "group.visit_follow_up").await.is_empty());
}

async fn a_follow_up_resolved_keeps_who_resolved_it_and_when(db: &TestDatabase) {
    let w = world(db).await;
    let visit = w
        .app
        .record_visit(
            &w.provincial,
            w.group,
            &visit_on("1405/09/01", "1405/09/20"),
        )
        .await
        .unwrap();
    w.app
        .complete_follow_up(
            &w.social_worker,
            w.group,
            visit,
            "1405/09/06",
            "وام معرفی شد",
        )
        .await
        .unwrap();
    let life = w
        .app
        .group_life(&w.provincial, w.group, false)
        .await
        .unwrap();
    let done = life.last_visit().unwrap();
    assert_eq!(life.follow_up_state(done), FollowUpState::Done);
    assert_eq!(done.follow_up_done_by_name, "کاربر t.worker");
    assert_eq!(
        done.follow_up_closed_on
            .map(|day| day.to_iso_string())
            .as_deref(),
        Some("2026-11-27")
    );
    let rows = audit_rows(&w.app, "group.visit_follow_up").await;
    assert!(
        rows[0].after.as_deref().unwrap().contains("کاربر t.worker"),
        "{:?}",
        rows[0].after
    );
}

async fn a_dissolved_group_owes_no_follow_up_and_no_visit(db: &TestDatabase) {
    let w = world(db).await;
    let visit = w
        .app
        .record_visit(
            &w.provincial,
            w.group,
            &visit_on("1405/05/01", "1405/06/01"),
        )
        .await
        .unwrap();
    let due = w
        .app
        .visits_due(&w.provincial, &everywhere())
        .await
        .unwrap();
    assert_eq!(follow_ups(&due).len(), 1);
    assert_eq!(owed_a_visit(&due), [w.group]);
    // Dissolved on 1405/09/08 (today), as the groups adapter records an end.
    sqlx::query(
        "UPDATE hamyar_groups SET stage = 'dissolved', ended_on = '2026-11-29' WHERE id = $1",
    )
    .bind(w.group)
    .execute(db.store.pool())
    .await
    .unwrap();
    let due = w
        .app
        .visits_due(&w.provincial, &everywhere())
        .await
        .unwrap();
    assert!(due.lines.is_empty());
    assert_eq!(due.figures.lines(), 0);
    let life = w
        .app
        .group_life(&w.provincial, w.group, false)
        .await
        .unwrap();
    let open = life.visits.iter().find(|v| v.id == visit).unwrap();
    assert_eq!(life.follow_up_state(open), FollowUpState::GroupEnded);
    assert!(!life.not_visited_lately);
}

async fn the_dashboard_counts_today_as_the_work_list_does(db: &TestDatabase) {
    let w = world(db).await;
    let other = group(
        db,
        "TK-9",
        w.qazvin,
        w.takestan,
        "active",
        "2026-01-01T00:00:00.000Z",
    )
    .await;
    w.app
        .record_visit(
            &w.provincial,
            w.group,
            &visit_on("1405/08/01", "1405/09/01"),
        )
        .await
        .unwrap();
    w.app
        .record_visit(&w.provincial, other, &visit_on("1405/09/02", "1405/09/12"))
        .await
        .unwrap();
    let due = w
        .app
        .visits_due(&w.provincial, &everywhere())
        .await
        .unwrap();
    let request = DashboardRequest {
        place_id: None,
        year: FiscalYear::new(1405).unwrap(),
        from: None,
        to: None,
    };
    let dashboard = w.app.dashboard(&w.provincial, &request).await.unwrap();
    assert_eq!(dashboard.visits_today, Some(due.figures));
    assert_eq!((due.figures.overdue, due.figures.due), (1, 1));
    let past = DashboardRequest {
        to: Some(JalaliDate::new(1405, 6, 31).unwrap()),
        ..request
    };
    let dashboard = w.app.dashboard(&w.provincial, &past).await.unwrap();
    assert_eq!(dashboard.visits_today, None, "a past span has no today");
}

hamyar_store::on_both_databases!(
    three_months_of_business_are_kept_and_a_months_edit_replaces_it_with_an_audit,
    a_payment_to_a_woman_who_was_not_a_member_that_month_changes_nothing,
    a_meeting_records_attendance_of_members_only,
    a_visits_request_stays_open_and_its_follow_up_turns_overdue_when_the_date_passes,
    the_county_expert_of_abyek_cannot_see_or_touch_the_takestan_group,
    a_permit_cannot_expire_before_it_was_issued_and_one_expiring_soon_is_flagged,
    groups_without_a_visit_for_their_provinces_months_are_flagged,
    readers_who_may_not_change_records_are_refused,
    opening_the_life_page_is_audited_with_the_members_but_a_redraw_is_not,
    a_newer_visit_answers_the_overdue_follow_up_and_the_audit_says_which,
    a_follow_up_resolved_keeps_who_resolved_it_and_when,
    a_dissolved_group_owes_no_follow_up_and_no_visit,
    the_dashboard_counts_today_as_the_work_list_does,
);
