//! The storage contract of the facts a grant's "training completed" is judged on
//! (`TrainingFactsRepo`), on both backends: a group's members are those whose membership
//! covers the day — not who left on or before it, not who joined after it, a woman who came
//! back once — and a member counts as completed when an enrolment of hers, of any run, is
//! *completed* on or before the day (not one completed later, not one still enrolled or
//! dropped); the latest of those first completions is the day the count last grew. A woman's
//! first completion is the earliest of hers. Groups and memberships are written with plain
//! SQL (migration 0005), the training rows through `TrainingRepo`.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::groups::GroupId;
use hamyar_app::ports::registry::{WomanId, WomanRecord};
use hamyar_app::ports::training::{
    CourseKindId, CourseKindRow, CourseRunId, CourseRunRow, EnrolmentId, EnrolmentRow, ProviderId,
    ProviderRow,
};
use hamyar_app::ports::training_facts::GroupTrainingTally;
use hamyar_app::ports::{Database, Tx};
use hamyar_domain::{JalaliDate, persian_order, search_key};
use hamyar_store::fixtures::{at, qazvin_places};
use hamyar_store::testing::TestDatabase;

fn day(iso: &str) -> JalaliDate {
    JalaliDate::from_iso_str(iso).unwrap()
}

fn woman(national_id: &str, first: &str, qazvin: PlaceId, abyek: PlaceId) -> WomanRecord {
    WomanRecord {
        national_id: national_id.into(),
        first_name: first.into(),
        last_name: "کریمی".into(),
        birth_date: "1980-01-01".into(),
        province_id: qazvin,
        county_id: abyek,
        locality: "مرکز".into(),
        settlement: "urban".into(),
        address: "خیابان".into(),
        headship_cause: "widow".into(),
        name_key: search_key(&format!("{first} کریمی")),
        name_key_reversed: persian_order(&search_key(&format!("کریمی {first}"))),
        ..WomanRecord::default()
    }
}

async fn group(db: &TestDatabase, code: &str, qazvin: PlaceId, abyek: PlaceId) -> GroupId {
    sqlx::query_scalar(
        "INSERT INTO hamyar_groups (code, name, name_key, province_id, county_id, locality, \
         business_field, business_field_other, premises, premises_address, stage, notes, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'مرکز', 'tailoring', '', 'home', \
         '', 'active', '', $6, $6) RETURNING id",
    )
    .bind(code)
    .bind(format!("گروه {code}"))
    .bind(search_key(&format!("گروه {code}")))
    .bind(qazvin)
    .bind(abyek)
    .bind(hamyar_app::clock::storage_timestamp(at(0)))
    .fetch_one(db.store.pool())
    .await
    .unwrap()
}

async fn member(
    db: &TestDatabase,
    group_id: GroupId,
    woman_id: WomanId,
    joined_on: &str,
    left_on: Option<&str>,
) {
    sqlx::query(
        "INSERT INTO group_members (group_id, woman_id, role, joined_on, left_on, \
         leave_reason, leave_note, created_at, updated_at) \
         VALUES ($1, $2, 'member', $3, $4, NULL, '', $5, $5)",
    )
    .bind(group_id)
    .bind(woman_id)
    .bind(joined_on)
    .bind(left_on)
    .bind(hamyar_app::clock::storage_timestamp(at(2)))
    .execute(db.store.pool())
    .await
    .unwrap();
}

fn run(
    qazvin: PlaceId,
    abyek: PlaceId,
    ids: (CourseKindId, ProviderId),
    code: &str,
) -> CourseRunRow {
    CourseRunRow {
        id: CourseRunId::default(),
        province_id: qazvin,
        county_id: abyek,
        code: code.into(),
        course_kind_id: ids.0,
        provider_id: ids.1,
        budget_line_id: None,
        trainer_name: "فاطمه کریمی".into(),
        place: "سالن آموزش بهزیستی".into(),
        online: false,
        capacity: 25,
        starts_on: day("2026-05-01"),
        ends_on: day("2026-06-30"),
        cancelled_on: None,
        created_by: None,
        created_by_name: "کارشناس شهرستان".into(),
        created_at: at(3),
    }
}

/// An enrolment with its outcome: `completed` on a day, `dropped`, or still `enrolled`.
fn enrolment(run_id: CourseRunId, woman_id: WomanId, status: &str, on: &str) -> EnrolmentRow {
    let completed = status == "completed";
    let dropped = status == "dropped";
    EnrolmentRow {
        id: EnrolmentId::default(),
        run_id,
        woman_id,
        group_id: None,
        enrolled_on: day("2026-04-20"),
        status: status.into(),
        assessment_passed: None,
        completed_on: completed.then(|| day(on)),
        dropped_on: dropped.then(|| day(on)),
        dropout_reason: dropped.then(|| "distance".into()),
        skill_certificate_no: None,
        certificate_code: None,
        enrolled_by: None,
        enrolled_by_name: "کارشناس شهرستان".into(),
        created_at: at(4),
    }
}

/// Two runs of one course in Abyek.
async fn runs(tx: &mut dyn Tx, qazvin: PlaceId, abyek: PlaceId) -> [CourseRunId; 2] {
    let kind = tx
        .insert_course_kind(&CourseKindRow {
            id: CourseKindId::default(),
            code: "tailoring-basic".into(),
            name: "خیاطی مقدماتی".into(),
            name_en: "Basic tailoring".into(),
            category: "vocational".into(),
            skill_standard_code: None,
            hours: 60,
            min_attendance_percent: 80,
            final_assessment: false,
            active: true,
            created_at: at(1),
        })
        .await
        .unwrap();
    let provider = tx
        .insert_provider(&ProviderRow {
            id: ProviderId::default(),
            province_id: qazvin,
            name: "آموزشگاه آبیک".into(),
            name_key: search_key("آموزشگاه آبیک"),
            kind: "vocational_centre".into(),
            phone: None,
            created_by: None,
            created_by_name: "کارشناس استان".into(),
            created_at: at(2),
        })
        .await
        .unwrap();
    let first = tx
        .insert_course_run(&run(qazvin, abyek, (kind, provider), "AB-1405-01"))
        .await
        .unwrap();
    let second = tx
        .insert_course_run(&run(qazvin, abyek, (kind, provider), "AB-1405-02"))
        .await
        .unwrap();
    [first, second]
}

async fn a_groups_members_on_the_day_are_counted_with_their_completions_by_then(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, _) = qazvin_places(tx.as_mut()).await;
    let [first_run, second_run] = runs(tx.as_mut(), qazvin, abyek).await;
    let mut women = Vec::new();
    for (national_id, name) in [
        ("0013542419", "مریم"),
        ("0084575948", "زهرا"),
        ("0067749828", "سکینه"),
        ("0020931317", "لیلا"),
        ("0451234568", "نرگس"),
        ("0071234569", "فاطمه"),
        ("0081234566", "رقیه"),
        ("0091234563", "معصومه"),
    ] {
        let record = woman(national_id, name, qazvin, abyek);
        women.push(tx.insert_woman(&record, "covered", at(1)).await.unwrap());
    }
    let [
        maryam,
        zahra,
        sakineh,
        leila,
        narges,
        fatemeh,
        roghayeh,
        masoumeh,
    ] = women.try_into().unwrap();
    for row in [
        // Completed before the day: counts.
        enrolment(first_run, maryam, "completed", "2026-06-30"),
        // Completed after the day: not yet.
        enrolment(first_run, zahra, "completed", "2026-08-15"),
        // Still enrolled, or dropped out: never.
        enrolment(first_run, sakineh, "enrolled", ""),
        enrolment(second_run, sakineh, "dropped", "2026-05-20"),
        // Left the group before the day: not a member, whatever she completed.
        enrolment(first_run, leila, "completed", "2026-06-30"),
        // Joined after the day: not a member yet.
        enrolment(first_run, narges, "completed", "2026-06-30"),
        // Came back to the group, and completed twice: once a member, first completion.
        enrolment(first_run, fatemeh, "completed", "2026-06-20"),
        enrolment(second_run, fatemeh, "completed", "2026-07-05"),
        // Member of another group only.
        enrolment(second_run, masoumeh, "completed", "2026-06-01"),
    ] {
        tx.insert_enrolment(&row).await.unwrap();
    }
    tx.commit().await.unwrap();
    let nakhl = group(db, "G-1", qazvin, abyek).await;
    let other = group(db, "G-2", qazvin, abyek).await;
    member(db, nakhl, maryam, "2026-01-01", None).await;
    member(db, nakhl, zahra, "2026-01-01", None).await;
    member(db, nakhl, sakineh, "2026-01-01", None).await;
    member(db, nakhl, leila, "2026-01-01", Some("2026-07-01")).await;
    member(db, nakhl, narges, "2026-08-02", None).await;
    member(db, nakhl, fatemeh, "2026-01-01", Some("2026-03-01")).await;
    member(db, nakhl, fatemeh, "2026-04-01", None).await;
    // Roghayeh left on the very day of the check: no longer a member on it.
    member(db, nakhl, roghayeh, "2026-01-01", Some("2026-08-01")).await;
    member(db, other, masoumeh, "2026-01-01", None).await;

    let on = day("2026-08-01");
    let mut tx = db.store.read().await.unwrap();
    assert_eq!(
        tx.group_training_on(nakhl, on).await.unwrap(),
        GroupTrainingTally {
            members: 4,
            completed: 2,
            latest_completed_on: Some(day("2026-06-30")),
        }
    );
    // Later, Zahra's completion and Narges's membership count too.
    assert_eq!(
        tx.group_training_on(nakhl, day("2026-09-01"))
            .await
            .unwrap(),
        GroupTrainingTally {
            members: 5,
            completed: 4,
            latest_completed_on: Some(day("2026-08-15")),
        }
    );
    // Before anyone completed; and before anyone joined.
    assert_eq!(
        tx.group_training_on(nakhl, day("2026-06-10"))
            .await
            .unwrap(),
        GroupTrainingTally {
            members: 6,
            completed: 0,
            latest_completed_on: None,
        }
    );
    assert_eq!(
        tx.group_training_on(nakhl, day("2025-12-31"))
            .await
            .unwrap(),
        GroupTrainingTally::default()
    );
    assert_eq!(
        tx.group_training_on(other, on).await.unwrap(),
        GroupTrainingTally {
            members: 1,
            completed: 1,
            latest_completed_on: Some(day("2026-06-01")),
        }
    );

    assert_eq!(
        tx.first_completion_of(fatemeh).await.unwrap(),
        Some(day("2026-06-20"))
    );
    assert_eq!(
        tx.first_completion_of(zahra).await.unwrap(),
        Some(day("2026-08-15"))
    );
    assert_eq!(tx.first_completion_of(sakineh).await.unwrap(), None);
    assert_eq!(tx.first_completion_of(roghayeh).await.unwrap(), None);
}

hamyar_store::on_both_databases!(
    a_groups_members_on_the_day_are_counted_with_their_completions_by_then,
);
