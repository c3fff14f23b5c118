//! The storage contract of outcomes (`AssessmentsRepo`), on both backends: instruments read
//! back by code and version, and a version is added once; a form reads back with its answers
//! and its scores in the order written (an unanswered score, a sum of rials past 2³¹), a
//! woman's forms oldest first, and a second form for the same occasion is refused; the women
//! followed are those who ever joined a group or enrolled in a course — from the earlier of
//! the two days, until the day of their last exit when they have left — in the place asked,
//! of a person's own groups (or, for a social worker, of her own files), one woman or the
//! first few; the occasions taken are read for any number of women; and an instrument's forms
//! are paged by id within the place where they were taken.

use hamyar_app::access::{PlaceId, Role, UserId};
use hamyar_app::ports::assessments::{
    AssessmentId, AssessmentRow, AssessmentsQuery, FollowedQuery, FollowedRow, InstrumentRow,
    TakenRow,
};
use hamyar_app::ports::group_life::AssignedTo;
use hamyar_app::ports::groups::{GroupId, PlaceFilter};
use hamyar_app::ports::registry::{EpisodeRow, WomanId, WomanRecord};
use hamyar_app::ports::training::{
    CourseKindId, CourseKindRow, CourseRunId, CourseRunRow, EnrolmentId, EnrolmentRow, ProviderId,
    ProviderRow,
};
use hamyar_app::ports::{Database, NewUserRow, StoreError};
use hamyar_domain::groups::StaffDuty;
use hamyar_domain::registry::{CoverageStatus, ExitReason};
use hamyar_domain::{JalaliDate, persian_order, search_key};
use hamyar_store::fixtures::{at, qazvin_places};
use hamyar_store::testing::TestDatabase;

fn day(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

/// Qazvin with its two counties, three members of staff, and the women of the tests:
/// - `maryam` (Abyek): a member of `g1` now, since 1404/02/01;
/// - `zahra` (Abyek, Sara's file): enrolled in a course on 1404/03/01, in no group;
/// - `fatemeh` (Takestan): enrolled on 1404/04/15, in `g2` from 1404/05/01 to 1404/06/01,
///   out of coverage since 1404/08/01 (her second exit);
/// - `leila` (Abyek, Sara's file): never joined anything;
/// - `nahid` (Takestan, Nasrin's file): a member of `g2` now, since 1404/01/05;
/// - `sima` (Abyek): in `g1` from 1404/01/20 to 1404/03/01;
/// - `merged` (Abyek): a member of `g1`, merged into Maryam's record.
///
/// `g1` (Abyek) has Sara as social worker and Fati as facilitator; `g2` (Takestan) nobody.
struct World {
    qazvin: PlaceId,
    abyek: PlaceId,
    takestan: PlaceId,
    sara: UserId,
    nasrin: UserId,
    fati: UserId,
    maryam: WomanId,
    zahra: WomanId,
    fatemeh: WomanId,
    leila: WomanId,
    nahid: WomanId,
    sima: WomanId,
    merged: WomanId,
}

fn woman(
    national_id: &str,
    first: &str,
    place: (PlaceId, PlaceId),
    social_worker_id: Option<UserId>,
) -> WomanRecord {
    WomanRecord {
        national_id: national_id.into(),
        first_name: first.into(),
        last_name: "احمدی".into(),
        birth_date: "1980-01-01".into(),
        province_id: place.0,
        county_id: place.1,
        locality: "مرکز".into(),
        settlement: "urban".into(),
        address: "خیابان".into(),
        headship_cause: "widow".into(),
        social_worker_id,
        name_key: search_key(&format!("{first} احمدی")),
        name_key_reversed: persian_order(&search_key(&format!("احمدی {first}"))),
        ..WomanRecord::default()
    }
}

fn user(username: &str, role: Role, w: (PlaceId, PlaceId)) -> NewUserRow {
    NewUserRow {
        username: username.into(),
        display_name: format!("کاربر {username}"),
        role,
        scope_place_id: w.1,
        province_id: Some(w.0),
        county_id: Some(w.1),
        password_hash: format!("$argon2id$hash-of-{username}"),
        locale: "fa".into(),
        money_unit: "toman".into(),
        created_at: at(1),
    }
}

async fn group(
    db: &TestDatabase,
    code: &str,
    place: (PlaceId, PlaceId),
    social_worker: Option<UserId>,
    facilitator: Option<UserId>,
) -> GroupId {
    sqlx::query_scalar(
        "INSERT INTO hamyar_groups (code, name, name_key, province_id, county_id, locality, \
         business_field, business_field_other, premises, premises_address, stage, \
         social_worker_id, facilitator_id, notes, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'مرکز', 'tailoring', '', 'home', '', 'active', $6, $7, '', \
         $8, $8) RETURNING id",
    )
    .bind(code)
    .bind(format!("گروه {code}"))
    .bind(search_key(&format!("گروه {code}")))
    .bind(place.0)
    .bind(place.1)
    .bind(social_worker.map(UserId::get))
    .bind(facilitator.map(UserId::get))
    .bind(hamyar_app::clock::storage_timestamp(at(2)))
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
         VALUES ($1, $2, 'member', $3, $4, $5, '', $6, $6)",
    )
    .bind(group_id)
    .bind(woman_id)
    .bind(day(joined_on).to_iso_string())
    .bind(left_on.map(|left| day(left).to_iso_string()))
    .bind(left_on.map(|_| "other"))
    .bind(hamyar_app::clock::storage_timestamp(at(2)))
    .execute(db.store.pool())
    .await
    .unwrap();
}

/// A course run in Takestan with these women enrolled on these days.
async fn enrol(db: &TestDatabase, w: &World, enrolments: &[(WomanId, &str)]) {
    let mut tx = db.store.write().await.unwrap();
    let kind = tx
        .insert_course_kind(&CourseKindRow {
            id: CourseKindId::default(),
            code: "tailoring".into(),
            name: "خیاطی".into(),
            name_en: "Tailoring".into(),
            category: "vocational".into(),
            skill_standard_code: None,
            hours: 40,
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
            province_id: w.qazvin,
            name: "آموزشگاه نور".into(),
            name_key: search_key("آموزشگاه نور"),
            kind: "institute".into(),
            phone: None,
            created_by: None,
            created_by_name: "کارشناس".into(),
            created_at: at(1),
        })
        .await
        .unwrap();
    let run = tx
        .insert_course_run(&CourseRunRow {
            id: CourseRunId::default(),
            province_id: w.qazvin,
            county_id: w.takestan,
            code: "TK-1".into(),
            course_kind_id: kind,
            provider_id: provider,
            budget_line_id: None,
            trainer_name: "خانم کاظمی".into(),
            place: "سالن".into(),
            online: false,
            capacity: 20,
            starts_on: day("1404/03/01"),
            ends_on: day("1404/09/01"),
            cancelled_on: None,
            created_by: None,
            created_by_name: "کارشناس".into(),
            created_at: at(2),
        })
        .await
        .unwrap();
    for (woman_id, enrolled_on) in enrolments {
        tx.insert_enrolment(&EnrolmentRow {
            id: EnrolmentId::default(),
            run_id: run,
            woman_id: *woman_id,
            group_id: None,
            enrolled_on: day(enrolled_on),
            status: "enrolled".into(),
            assessment_passed: None,
            completed_on: None,
            dropped_on: None,
            dropout_reason: None,
            skill_certificate_no: None,
            certificate_code: None,
            enrolled_by: None,
            enrolled_by_name: "کارشناس".into(),
            created_at: at(2),
        })
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

fn episode(woman_id: WomanId, status: CoverageStatus, started_on: &str) -> EpisodeRow {
    EpisodeRow {
        id: 0,
        woman_id,
        status,
        exit_reason: (status == CoverageStatus::Exited).then_some(ExitReason::Moved),
        started_on: day(started_on),
        decided_by: None,
        decided_by_name: "کارشناس".into(),
        reason: "تصمیم".into(),
        recorded_at: at(3),
    }
}

async fn world(db: &TestDatabase) -> World {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, takestan) = qazvin_places(tx.as_mut()).await;
    let in_abyek = (qazvin, abyek);
    let in_takestan = (qazvin, takestan);
    let sara = tx
        .insert_user(&user("sara", Role::SocialWorker, in_abyek))
        .await
        .unwrap();
    let nasrin = tx
        .insert_user(&user("nasrin", Role::SocialWorker, in_takestan))
        .await
        .unwrap();
    let fati = tx
        .insert_user(&user("fati", Role::Facilitator, in_abyek))
        .await
        .unwrap();
    let mut women = Vec::new();
    for (national_id, first, place, social_worker) in [
        ("0013542419", "مریم", in_abyek, None),
        ("0084575948", "زهرا", in_abyek, Some(sara)),
        ("0067749828", "فاطمه", in_takestan, None),
        ("0021234566", "لیلا", in_abyek, Some(sara)),
        ("0031234560", "ناهید", in_takestan, Some(nasrin)),
        ("0041234565", "سیما", in_abyek, None),
        ("0051234561", "مینا", in_abyek, None),
    ] {
        women.push(
            tx.insert_woman(
                &woman(national_id, first, place, social_worker),
                "covered",
                at(1),
            )
            .await
            .unwrap(),
        );
    }
    let [maryam, zahra, fatemeh, leila, nahid, sima, merged]: [WomanId; 7] =
        women.try_into().unwrap();
    // Fatemeh left, came back and left again: the later exit is hers.
    for (status, started_on) in [
        (CoverageStatus::Covered, "1403/01/01"),
        (CoverageStatus::Exited, "1403/05/01"),
        (CoverageStatus::Covered, "1403/09/01"),
        (CoverageStatus::Exited, "1404/08/01"),
    ] {
        tx.insert_episode(&episode(fatemeh, status, started_on))
            .await
            .unwrap();
    }
    tx.set_coverage_status(fatemeh, "exited", at(3))
        .await
        .unwrap();
    // An exit of Nahid's that was undone: she is covered, with no exit day.
    tx.insert_episode(&episode(nahid, CoverageStatus::Exited, "1403/02/01"))
        .await
        .unwrap();
    tx.set_merged_into(merged, maryam, at(3)).await.unwrap();
    tx.commit().await.unwrap();

    let w = World {
        qazvin,
        abyek,
        takestan,
        sara,
        nasrin,
        fati,
        maryam,
        zahra,
        fatemeh,
        leila,
        nahid,
        sima,
        merged,
    };
    let g1 = group(db, "G-1", in_abyek, Some(sara), Some(fati)).await;
    let g2 = group(db, "G-2", in_takestan, None, None).await;
    member(db, g1, w.maryam, "1404/02/01", None).await;
    member(db, g1, w.sima, "1404/01/20", Some("1404/03/01")).await;
    member(db, g1, w.merged, "1404/01/01", None).await;
    member(db, g2, w.fatemeh, "1404/05/01", Some("1404/06/01")).await;
    member(db, g2, w.nahid, "1404/01/05", None).await;
    enrol(
        db,
        &w,
        &[(w.zahra, "1404/03/01"), (w.fatemeh, "1404/04/15")],
    )
    .await;
    w
}

fn instrument(code: &str, version: i64, scheduled: bool) -> InstrumentRow {
    InstrumentRow {
        code: code.into(),
        version,
        definition: format!("{{\"code\":\"{code}\",\"version\":{version},\"title\":\"پرسش‌نامه\"}}"),
        scheduled,
        created_by: None,
        created_by_name: "کارشناس ملی".into(),
        created_at: at(4),
    }
}

fn form(woman_id: WomanId, place: (PlaceId, PlaceId), occasion: &str, round: i64) -> AssessmentRow {
    AssessmentRow {
        id: AssessmentId::default(),
        woman_id,
        province_id: place.0,
        county_id: place.1,
        instrument_code: "rosenberg".into(),
        instrument_version: 1,
        occasion: occasion.into(),
        round,
        taken_on: day("1404/06/10"),
        complete: true,
        answers: "{\"q1\":2,\"q2\":3}".into(),
        scores: vec![("total".into(), Some(21))],
        source: "form".into(),
        note: None,
        recorded_by: None,
        recorded_by_name: "مددکار".into(),
        recorded_at: at(5),
    }
}

/// Each version of each instrument once, all read back as written, by code then version.
async fn instruments_read_back_and_a_version_is_added_once(db: &TestDatabase) {
    let w = world(db).await;
    let rosenberg = InstrumentRow {
        created_by: Some(w.sara),
        ..instrument("rosenberg", 1, true)
    };
    let second = instrument("rosenberg", 2, true);
    let economics = instrument("household_economics", 1, false);
    let mut tx = db.store.write().await.unwrap();
    for row in [&rosenberg, &second, &economics] {
        tx.insert_instrument(row).await.unwrap();
    }
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    assert_eq!(
        tx.instruments().await.unwrap(),
        vec![economics.clone(), rosenberg.clone(), second.clone()]
    );
    assert_eq!(
        tx.instrument("rosenberg", 1).await.unwrap(),
        Some(rosenberg.clone())
    );
    assert_eq!(tx.instrument("rosenberg", 3).await.unwrap(), None);
    assert_eq!(tx.instrument("other", 1).await.unwrap(), None);
    drop(tx);

    let mut tx = db.store.write().await.unwrap();
    match tx
        .insert_instrument(&instrument("rosenberg", 1, false))
        .await
    {
        Err(StoreError::Unique(name)) => assert_eq!(name, "instruments.version"),
        other => panic!("a version is added once, got {other:?}"),
    }
}

/// A form reads back with every field and its scores in the order they were written.
async fn forms_read_back_with_their_scores_in_order(db: &TestDatabase) {
    let w = world(db).await;
    let mut tx = db.store.write().await.unwrap();
    tx.insert_instrument(&instrument("rosenberg", 1, true))
        .await
        .unwrap();
    tx.insert_instrument(&instrument("household_economics", 1, false))
        .await
        .unwrap();
    let baseline = AssessmentRow {
        taken_on: day("1404/02/05"),
        scores: vec![("total".into(), Some(21)), ("esteem".into(), Some(0))],
        note: Some("در منزل پر شد".into()),
        recorded_by: Some(w.sara),
        ..form(w.maryam, (w.qazvin, w.abyek), "baseline", 0)
    };
    let follow_up = AssessmentRow {
        taken_on: day("1404/08/05"),
        complete: false,
        answers: "{\"q1\":2}".into(),
        scores: vec![("total".into(), None), ("esteem".into(), Some(2))],
        source: "import".into(),
        ..form(w.maryam, (w.qazvin, w.abyek), "follow_up", 1)
    };
    // Written last, answered first; its scores are not in alphabetical order.
    let economics = AssessmentRow {
        instrument_code: "household_economics".into(),
        taken_on: day("1404/02/01"),
        scores: vec![
            ("own_income".into(), Some(95_000_000)),
            ("total_income".into(), None),
            ("assets".into(), Some(3_500_000_000)),
        ],
        ..form(w.maryam, (w.qazvin, w.abyek), "baseline", 0)
    };
    let mut ids = Vec::new();
    for row in [&baseline, &follow_up, &economics] {
        ids.push(tx.insert_assessment(row).await.unwrap());
    }
    let others = tx
        .insert_assessment(&form(w.zahra, (w.qazvin, w.abyek), "baseline", 0))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(ids[0] < ids[1] && ids[1] < ids[2] && ids[2] < others);

    let mut tx = db.store.read().await.unwrap();
    let with_id = |row: &AssessmentRow, id: AssessmentId| AssessmentRow { id, ..row.clone() };
    assert_eq!(
        tx.assessment_by_id(ids[2]).await.unwrap(),
        Some(with_id(&economics, ids[2]))
    );
    assert_eq!(
        tx.assessment_by_id(ids[1]).await.unwrap(),
        Some(with_id(&follow_up, ids[1]))
    );
    assert_eq!(
        tx.assessment_by_id(AssessmentId::new(others.get() + 1))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        tx.assessments_of(w.maryam).await.unwrap(),
        vec![
            with_id(&economics, ids[2]),
            with_id(&baseline, ids[0]),
            with_id(&follow_up, ids[1]),
        ],
        "oldest first, by the day she answered"
    );
    assert!(tx.assessments_of(w.leila).await.unwrap().is_empty());
    drop(tx);

    let mut tx = db.store.write().await.unwrap();
    let second = AssessmentRow {
        taken_on: day("1404/02/06"),
        ..form(w.maryam, (w.qazvin, w.abyek), "baseline", 0)
    };
    match tx.insert_assessment(&second).await {
        Err(StoreError::Unique(name)) => assert_eq!(name, "assessments.occasion"),
        other => panic!("one form per instrument and occasion, got {other:?}"),
    }
    drop(tx);
    let mut tx = db.store.write().await.unwrap();
    let round_two = form(w.maryam, (w.qazvin, w.abyek), "follow_up", 2);
    tx.insert_assessment(&round_two).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.store.write().await.unwrap();
    let baseline_with_round = form(w.zahra, (w.qazvin, w.abyek), "exit", 1);
    assert!(
        tx.insert_assessment(&baseline_with_round).await.is_err(),
        "only a follow-up has a round"
    );
    drop(tx);
    let mut tx = db.store.write().await.unwrap();
    let follow_up_without_round = form(w.zahra, (w.qazvin, w.abyek), "follow_up", 0);
    assert!(
        tx.insert_assessment(&follow_up_without_round)
            .await
            .is_err(),
        "a follow-up has a round"
    );
}

fn everyone() -> FollowedQuery {
    FollowedQuery {
        place: PlaceFilter::default(),
        assigned: None,
        woman: None,
        limit: 0,
    }
}

async fn followed(db: &TestDatabase, query: FollowedQuery) -> Vec<FollowedRow> {
    let mut tx = db.store.read().await.unwrap();
    tx.followed_women(&query).await.unwrap()
}

async fn followed_ids(db: &TestDatabase, query: FollowedQuery) -> Vec<WomanId> {
    followed(db, query)
        .await
        .iter()
        .map(|f| f.woman_id)
        .collect()
}

/// The women who ever joined a group or enrolled, from the earlier day, until their exit.
async fn the_followed_women_are_those_who_joined_or_enrolled(db: &TestDatabase) {
    let w = world(db).await;
    let all = followed(db, everyone()).await;
    let row = |woman_id, first: &str, county, started: &str, exited: Option<&str>| FollowedRow {
        woman_id,
        first_name: first.into(),
        last_name: "احمدی".into(),
        province_id: w.qazvin,
        county_id: county,
        started_on: day(started),
        exited_on: exited.map(day),
    };
    assert_eq!(
        all,
        vec![
            row(w.maryam, "مریم", w.abyek, "1404/02/01", None),
            row(w.zahra, "زهرا", w.abyek, "1404/03/01", None),
            row(
                w.fatemeh,
                "فاطمه",
                w.takestan,
                "1404/04/15",
                Some("1404/08/01")
            ),
            row(w.nahid, "ناهید", w.takestan, "1404/01/05", None),
            row(w.sima, "سیما", w.abyek, "1404/01/20", None),
        ],
        "by id; never Leila (never joined) nor the merged record"
    );
    assert!(!all.iter().any(|f| f.woman_id == w.merged));

    let in_place = |province, county| FollowedQuery {
        place: PlaceFilter {
            province_id: province,
            county_id: county,
        },
        ..everyone()
    };
    assert_eq!(
        followed_ids(db, in_place(Some(w.qazvin), None)).await,
        vec![w.maryam, w.zahra, w.fatemeh, w.nahid, w.sima]
    );
    assert_eq!(
        followed_ids(db, in_place(Some(w.qazvin), Some(w.abyek))).await,
        vec![w.maryam, w.zahra, w.sima]
    );
    assert_eq!(
        followed_ids(db, in_place(None, Some(w.takestan))).await,
        vec![w.fatemeh, w.nahid]
    );
    assert!(
        followed_ids(db, in_place(Some(w.abyek), None))
            .await
            .is_empty(),
        "a county is no province"
    );

    let one = |woman| FollowedQuery {
        woman: Some(woman),
        ..everyone()
    };
    assert_eq!(followed_ids(db, one(w.fatemeh)).await, vec![w.fatemeh]);
    assert!(followed_ids(db, one(w.leila)).await.is_empty());
    assert!(followed_ids(db, one(w.merged)).await.is_empty());
    assert_eq!(
        followed_ids(
            db,
            FollowedQuery {
                limit: 2,
                ..everyone()
            }
        )
        .await,
        vec![w.maryam, w.zahra]
    );
}

/// A person's own: the current members of the groups she follows, and a social worker's
/// files.
async fn a_persons_own_followed_women(db: &TestDatabase) {
    let w = world(db).await;
    let own = |duty, user_id| FollowedQuery {
        assigned: Some(AssignedTo { duty, user_id }),
        ..everyone()
    };
    assert_eq!(
        followed_ids(db, own(StaffDuty::SocialWorker, w.sara)).await,
        vec![w.maryam, w.zahra],
        "Maryam of her group (not Sima, who left it), Zahra of her files (not Leila, never \
         followed)"
    );
    assert_eq!(
        followed_ids(db, own(StaffDuty::SocialWorker, w.nasrin)).await,
        vec![w.nahid],
        "her file"
    );
    assert_eq!(
        followed_ids(db, own(StaffDuty::Facilitator, w.fati)).await,
        vec![w.maryam]
    );
    assert!(
        followed_ids(db, own(StaffDuty::Facilitator, w.sara))
            .await
            .is_empty(),
        "a facilitator has groups, not files"
    );
    assert!(
        followed_ids(db, own(StaffDuty::SocialWorker, w.fati))
            .await
            .is_empty()
    );
    let mine_in_takestan = FollowedQuery {
        place: PlaceFilter {
            province_id: Some(w.qazvin),
            county_id: Some(w.takestan),
        },
        ..own(StaffDuty::SocialWorker, w.sara)
    };
    assert!(followed_ids(db, mine_in_takestan).await.is_empty());
    let only_zahra = FollowedQuery {
        woman: Some(w.zahra),
        ..own(StaffDuty::SocialWorker, w.sara)
    };
    assert_eq!(followed_ids(db, only_zahra).await, vec![w.zahra]);
}

/// The occasions taken, for a handful of women or for more than one statement holds.
async fn the_occasions_taken_are_read_for_any_number_of_women(db: &TestDatabase) {
    let w = world(db).await;
    let mut tx = db.store.write().await.unwrap();
    tx.insert_instrument(&instrument("rosenberg", 1, true))
        .await
        .unwrap();
    for row in [
        form(w.maryam, (w.qazvin, w.abyek), "baseline", 0),
        form(w.maryam, (w.qazvin, w.abyek), "follow_up", 1),
        form(w.zahra, (w.qazvin, w.abyek), "exit", 0),
        form(w.nahid, (w.qazvin, w.takestan), "after_exit_6", 0),
    ] {
        tx.insert_assessment(&row).await.unwrap();
    }
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    assert!(tx.taken_occasions(&[]).await.unwrap().is_empty());
    let taken = |woman_id, occasion: &str, round| TakenRow {
        woman_id,
        instrument_code: "rosenberg".into(),
        occasion: occasion.into(),
        round,
    };
    let mut found = tx
        .taken_occasions(&[w.zahra, w.maryam, w.leila])
        .await
        .unwrap();
    found.sort_by_key(|t| (t.woman_id, t.round));
    assert_eq!(
        found,
        vec![
            taken(w.maryam, "baseline", 0),
            taken(w.maryam, "follow_up", 1),
            taken(w.zahra, "exit", 0),
        ]
    );
    // Twelve hundred ids, the real ones last: more than one statement binds.
    let mut many: Vec<WomanId> = (1_000_000..1_001_200).map(WomanId::new).collect();
    many.push(w.nahid);
    assert_eq!(
        tx.taken_occasions(&many).await.unwrap(),
        vec![taken(w.nahid, "after_exit_6", 0)]
    );
}

/// An instrument's forms, page by page, in the place where each was taken.
async fn an_instruments_forms_are_paged_by_id_within_the_place(db: &TestDatabase) {
    let w = world(db).await;
    let mut tx = db.store.write().await.unwrap();
    tx.insert_instrument(&instrument("rosenberg", 1, true))
        .await
        .unwrap();
    tx.insert_instrument(&instrument("household_economics", 1, false))
        .await
        .unwrap();
    let in_abyek = (w.qazvin, w.abyek);
    let maryam = AssessmentRow {
        scores: vec![("total".into(), Some(18)), ("esteem".into(), None)],
        ..form(w.maryam, in_abyek, "baseline", 0)
    };
    let rows = [
        maryam.clone(),
        form(w.fatemeh, (w.qazvin, w.takestan), "baseline", 0),
        AssessmentRow {
            instrument_code: "household_economics".into(),
            ..form(w.zahra, in_abyek, "baseline", 0)
        },
        form(w.zahra, in_abyek, "baseline", 0),
        // Fatemeh answered while she lived in Abyek: the form stays Abyek's.
        form(w.fatemeh, in_abyek, "follow_up", 1),
    ];
    let mut ids = Vec::new();
    for row in &rows {
        ids.push(tx.insert_assessment(row).await.unwrap());
    }
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let query = |county, after, limit| AssessmentsQuery {
        place: PlaceFilter {
            province_id: Some(w.qazvin),
            county_id: county,
        },
        instrument_code: "rosenberg".into(),
        after,
        limit,
    };
    let first = tx
        .assessments_page(&query(None, AssessmentId::default(), 2))
        .await
        .unwrap();
    assert_eq!(
        first.iter().map(|f| f.row.id).collect::<Vec<_>>(),
        vec![ids[0], ids[1]]
    );
    assert_eq!(
        first[0].row,
        AssessmentRow {
            id: ids[0],
            ..maryam
        }
    );
    assert_eq!(first[0].national_id, "0013542419");
    assert_eq!(first[0].first_name, "مریم");
    assert_eq!(first[0].last_name, "احمدی");
    assert_eq!(first[1].national_id, "0067749828");
    let next = tx.assessments_page(&query(None, ids[1], 2)).await.unwrap();
    assert_eq!(
        next.iter().map(|f| f.row.id).collect::<Vec<_>>(),
        vec![ids[3], ids[4]],
        "after the last one read; not the other instrument's"
    );
    assert!(
        tx.assessments_page(&query(None, ids[4], 2))
            .await
            .unwrap()
            .is_empty()
    );
    let abyek = tx
        .assessments_page(&query(Some(w.abyek), AssessmentId::default(), 0))
        .await
        .unwrap();
    assert_eq!(
        abyek.iter().map(|f| f.row.id).collect::<Vec<_>>(),
        vec![ids[0], ids[3], ids[4]],
        "by the form's place, not the woman's"
    );
    let takestan = tx
        .assessments_page(&query(Some(w.takestan), AssessmentId::default(), 0))
        .await
        .unwrap();
    assert_eq!(
        takestan.iter().map(|f| f.row.id).collect::<Vec<_>>(),
        vec![ids[1]]
    );
    let economics = tx
        .assessments_page(&AssessmentsQuery {
            instrument_code: "household_economics".into(),
            place: PlaceFilter::default(),
            ..query(None, AssessmentId::default(), 0)
        })
        .await
        .unwrap();
    assert_eq!(
        economics.iter().map(|f| f.row.id).collect::<Vec<_>>(),
        vec![ids[2]]
    );
    assert_eq!(economics[0].row.scores, vec![("total".into(), Some(21))]);
}

hamyar_store::on_both_databases!(
    instruments_read_back_and_a_version_is_added_once,
    forms_read_back_with_their_scores_in_order,
    the_followed_women_are_those_who_joined_or_enrolled,
    a_persons_own_followed_women,
    the_occasions_taken_are_read_for_any_number_of_women,
    an_instruments_forms_are_paged_by_id_within_the_place,
);
