//! The storage contract of training (`TrainingRepo`), on both backends: course kinds,
//! providers, runs, sessions and enrolments read back as written (Persian text, days, absent
//! values, yes/no columns); codes are unique where the catalogue says — a kind's code, a
//! provider's name in its province (another province may use it), a run's code, a session's
//! number, a woman once per run; a run's women come in Persian order of last name; an
//! outcome is set only from the status the caller read; a second mark replaces the first and
//! a run's marks are its own; and runs list by county, newest first, a page at a time.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::registry::{WomanId, WomanRecord};
use hamyar_app::ports::training::{
    AttendanceRow, CourseKindId, CourseKindRow, CourseRunId, CourseRunRow, EnrolmentOutcome,
    EnrolmentRow, MarkStamp, ProviderId, ProviderRow, RunFilter, SessionId, SessionRow,
};
use hamyar_app::ports::{Database, NewPlaceRow, StoreError, StoreResult, Tx};
use hamyar_domain::{JalaliDate, persian_order, search_key};
use hamyar_store::fixtures::{at, budget_line, qazvin_places};
use hamyar_store::testing::TestDatabase;

fn day(iso: &str) -> JalaliDate {
    JalaliDate::from_iso_str(iso).unwrap()
}

fn kind(code: &str, name: &str, category: &str) -> CourseKindRow {
    CourseKindRow {
        id: CourseKindId::default(),
        code: code.into(),
        name: name.into(),
        name_en: code.into(),
        category: category.into(),
        skill_standard_code: None,
        hours: 120,
        min_attendance_percent: 80,
        final_assessment: false,
        active: true,
        created_at: at(1),
    }
}

fn provider(province_id: PlaceId, name: &str) -> ProviderRow {
    ProviderRow {
        id: ProviderId::default(),
        province_id,
        name: name.into(),
        name_key: search_key(name),
        kind: "vocational_centre".into(),
        phone: None,
        created_by: None,
        created_by_name: "کارشناس استان".into(),
        created_at: at(2),
    }
}

fn run(place: &Place, code: &str, county_id: PlaceId, starts_on: &str) -> CourseRunRow {
    CourseRunRow {
        id: CourseRunId::default(),
        province_id: place.qazvin,
        county_id,
        code: code.into(),
        course_kind_id: place.kind,
        provider_id: place.provider,
        budget_line_id: None,
        trainer_name: "فاطمه کریمی".into(),
        place: "سالن آموزش بهزیستی".into(),
        online: false,
        capacity: 25,
        starts_on: day(starts_on),
        ends_on: day("2026-12-30"),
        cancelled_on: None,
        created_by: None,
        created_by_name: "کارشناس شهرستان".into(),
        created_at: at(3),
    }
}

fn session(run_id: CourseRunId, seq: i64, held_on: &str) -> SessionRow {
    SessionRow {
        id: SessionId::default(),
        run_id,
        seq,
        held_on: day(held_on),
        hours: 4,
    }
}

fn enrolment(run_id: CourseRunId, woman_id: WomanId) -> EnrolmentRow {
    EnrolmentRow {
        id: hamyar_app::ports::training::EnrolmentId::default(),
        run_id,
        woman_id,
        group_id: None,
        enrolled_on: day("2026-06-01"),
        status: "enrolled".into(),
        assessment_passed: None,
        completed_on: None,
        dropped_on: None,
        dropout_reason: None,
        skill_certificate_no: None,
        certificate_code: None,
        enrolled_by: None,
        enrolled_by_name: "مددکار".into(),
        created_at: at(4),
    }
}

fn woman(national_id: &str, first: &str, last: &str, place: &Place) -> WomanRecord {
    WomanRecord {
        national_id: national_id.into(),
        first_name: first.into(),
        last_name: last.into(),
        birth_date: "1980-01-01".into(),
        province_id: place.qazvin,
        county_id: place.takestan,
        locality: "مرکز".into(),
        settlement: "urban".into(),
        address: "خیابان".into(),
        headship_cause: "widow".into(),
        name_key: search_key(&format!("{first} {last}")),
        name_key_reversed: persian_order(&search_key(&format!("{last} {first}"))),
        ..WomanRecord::default()
    }
}

/// Qazvin with its counties, one course kind and one provider, committed.
struct Place {
    qazvin: PlaceId,
    abyek: PlaceId,
    takestan: PlaceId,
    kind: CourseKindId,
    provider: ProviderId,
}

async fn place(db: &TestDatabase) -> Place {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, takestan) = qazvin_places(tx.as_mut()).await;
    let kind = tx
        .insert_course_kind(&kind("tailoring-basic", "خیاطی مقدماتی", "vocational"))
        .await
        .unwrap();
    let provider = tx
        .insert_provider(&provider(qazvin, "آموزشگاه فنی‌وحرفه‌ای تاکستان"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    Place {
        qazvin,
        abyek,
        takestan,
        kind,
        provider,
    }
}

/// Runs `write` in a transaction of its own, which is then dropped (a refused statement
/// spoils a PostgreSQL transaction), and returns the unique constraint it broke.
async fn refused<T: std::fmt::Debug>(
    db: &TestDatabase,
    write: impl AsyncFnOnce(&mut dyn Tx) -> StoreResult<T>,
) -> String {
    let mut tx = db.store.write().await.unwrap();
    match write(tx.as_mut()).await {
        Err(StoreError::Unique(name)) => name,
        other => panic!("expected a unique violation, got {other:?}"),
    }
}

async fn rows_read_back_as_written(db: &TestDatabase) {
    let place = place(db).await;
    let mut tx = db.store.write().await.unwrap();
    let line = budget_line(tx.as_mut(), 1405, place.qazvin, None, "training")
        .await
        .unwrap();
    let literacy = CourseKindRow {
        skill_standard_code: Some("۷۲۱۲-۵۳-۰۱۱-۱".into()),
        final_assessment: true,
        min_attendance_percent: 75,
        hours: 30,
        ..kind("money-basics", "سواد مالی", "financial_literacy")
    };
    let literacy_id = tx.insert_course_kind(&literacy).await.unwrap();
    let retired = CourseKindRow {
        active: false,
        ..kind("carpet-old", "قالی‌بافی", "vocational")
    };
    let retired_id = tx.insert_course_kind(&retired).await.unwrap();
    // «پرده‌دوزی» comes before «خیاطی» in Persian, though Unicode puts پ after every
    // Arabic letter.
    let curtains_id = tx
        .insert_course_kind(&kind("curtains", "پرده‌دوزی", "vocational"))
        .await
        .unwrap();
    let ngo = ProviderRow {
        phone: Some("۰۲۸۳۳۳۳۴۴۴۴".into()),
        kind: "ngo".into(),
        ..provider(place.qazvin, "کانون بانوان")
    };
    let ngo_id = tx.insert_provider(&ngo).await.unwrap();
    let online = CourseRunRow {
        budget_line_id: Some(line),
        online: true,
        place: String::new(),
        cancelled_on: Some(day("2026-07-01")),
        course_kind_id: literacy_id,
        provider_id: ngo_id,
        ..run(&place, "QZ-1405-07", place.takestan, "2026-06-10")
    };
    let run_id = tx.insert_course_run(&online).await.unwrap();
    let session_id = tx
        .insert_course_session(&session(run_id, 1, "2026-06-10"))
        .await
        .unwrap();
    let woman_id = tx
        .insert_woman(
            &woman("0013542419", "مریم", "رضایی", &place),
            "covered",
            at(1),
        )
        .await
        .unwrap();
    let dropped = EnrolmentRow {
        status: "dropped".into(),
        assessment_passed: Some(false),
        dropped_on: Some(day("2026-06-20")),
        dropout_reason: Some("distance".into()),
        skill_certificate_no: Some("۱۲۳۴".into()),
        ..enrolment(run_id, woman_id)
    };
    let enrolment_id = tx.insert_enrolment(&dropped).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    assert_eq!(
        tx.course_kind_by_id(literacy_id).await.unwrap(),
        Some(CourseKindRow {
            id: literacy_id,
            ..literacy
        })
    );
    assert_eq!(
        tx.course_kind_by_id(retired_id).await.unwrap(),
        Some(CourseKindRow {
            id: retired_id,
            ..retired
        })
    );
    let order = |kinds: Vec<CourseKindRow>| kinds.into_iter().map(|k| k.id).collect::<Vec<_>>();
    assert_eq!(
        order(tx.course_kinds(true).await.unwrap()),
        vec![literacy_id, curtains_id, place.kind],
        "by category code, then Persian name"
    );
    assert_eq!(
        order(tx.course_kinds(false).await.unwrap()),
        vec![literacy_id, curtains_id, place.kind, retired_id]
    );
    assert_eq!(
        tx.provider_by_id(ngo_id).await.unwrap(),
        Some(ProviderRow { id: ngo_id, ..ngo })
    );
    let providers = tx.providers_of(place.qazvin).await.unwrap();
    assert_eq!(
        providers.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![place.provider, ngo_id],
        "آ before ک"
    );
    assert_eq!(providers[0].phone, None);
    let stored = CourseRunRow {
        id: run_id,
        ..online
    };
    assert_eq!(
        tx.course_run_by_id(run_id).await.unwrap(),
        Some(stored.clone())
    );
    assert_eq!(
        tx.lock_course_run(run_id).await.unwrap(),
        Some(stored.clone())
    );
    assert_eq!(
        tx.course_run_by_code(place.qazvin, "QZ-1405-07")
            .await
            .unwrap(),
        Some(stored)
    );
    assert_eq!(
        tx.course_run_by_code(place.qazvin, "QZ-1405-08")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        tx.course_sessions_of(run_id).await.unwrap(),
        vec![SessionRow {
            id: session_id,
            ..session(run_id, 1, "2026-06-10")
        }]
    );
    let read = EnrolmentRow {
        id: enrolment_id,
        ..dropped
    };
    assert_eq!(
        tx.enrolment_by_id(enrolment_id).await.unwrap(),
        Some(read.clone())
    );
    assert_eq!(tx.enrolments_of_woman(woman_id).await.unwrap(), vec![read]);
    assert_eq!(
        tx.course_run_by_id(CourseRunId::new(9999)).await.unwrap(),
        None
    );
}

async fn codes_and_names_are_unique_where_the_catalogue_says(db: &TestDatabase) {
    let place = place(db).await;
    let mut tx = db.store.write().await.unwrap();
    let run_id = tx
        .insert_course_run(&run(&place, "QZ-1", place.abyek, "2026-06-01"))
        .await
        .unwrap();
    tx.insert_course_session(&session(run_id, 1, "2026-06-01"))
        .await
        .unwrap();
    let woman_id = tx
        .insert_woman(
            &woman("0013542419", "مریم", "رضایی", &place),
            "covered",
            at(1),
        )
        .await
        .unwrap();
    tx.insert_enrolment(&EnrolmentRow {
        certificate_code: Some("HMY-7K3P".into()),
        status: "completed".into(),
        completed_on: Some(day("2026-07-01")),
        ..enrolment(run_id, woman_id)
    })
    .await
    .unwrap();
    // Another province may have a provider of the same name.
    let country = tx
        .insert_place(&NewPlaceRow {
            kind: "country".into(),
            parent_id: None,
            code: "ir2".into(),
            created_at: at(0),
        })
        .await
        .unwrap();
    let zanjan = tx
        .insert_place(&NewPlaceRow {
            kind: "province".into(),
            parent_id: Some(country),
            code: "ir.zanjan".into(),
            created_at: at(0),
        })
        .await
        .unwrap();
    tx.insert_provider(&provider(zanjan, "آموزشگاه فنی‌وحرفه‌ای تاکستان"))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let same_kind = kind("tailoring-basic", "خیاطی دیگر", "vocational");
    assert_eq!(
        refused(db, async |tx| tx.insert_course_kind(&same_kind).await).await,
        "course_kinds.code"
    );
    // The same name typed with a space instead of a half-space folds to the same key.
    let same_provider = provider(place.qazvin, "آموزشگاه فنی وحرفه‌ای تاکستان");
    assert_eq!(
        refused(db, async |tx| tx.insert_provider(&same_provider).await).await,
        "training_providers.name"
    );
    let same_run = run(&place, "QZ-1", place.takestan, "2026-08-01");
    assert_eq!(
        refused(db, async |tx| tx.insert_course_run(&same_run).await).await,
        "course_runs.code"
    );
    let same_seq = session(run_id, 1, "2026-06-08");
    assert_eq!(
        refused(db, async |tx| tx.insert_course_session(&same_seq).await).await,
        "course_sessions.seq"
    );
    let again = enrolment(run_id, woman_id);
    assert_eq!(
        refused(db, async |tx| tx.insert_enrolment(&again).await).await,
        "enrolments.woman_id"
    );
    let mut tx = db.store.write().await.unwrap();
    let other_run = tx
        .insert_course_run(&run(&place, "QZ-2", place.abyek, "2026-06-01"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let same_certificate = EnrolmentRow {
        certificate_code: Some("HMY-7K3P".into()),
        status: "completed".into(),
        completed_on: Some(day("2026-07-01")),
        ..enrolment(other_run, woman_id)
    };
    assert_eq!(
        refused(db, async |tx| tx.insert_enrolment(&same_certificate).await).await,
        "enrolments.certificate_code"
    );
}

/// A run with women «وکیلی», «کریمی» and «احمدی», enrolled in that order.
async fn run_with_three_women(db: &TestDatabase, place: &Place) -> (CourseRunId, Vec<WomanId>) {
    let mut tx = db.store.write().await.unwrap();
    let run_id = tx
        .insert_course_run(&run(place, "QZ-1", place.takestan, "2026-06-01"))
        .await
        .unwrap();
    let mut women = Vec::new();
    for (national_id, first, last) in [
        ("0084575948", "زهرا", "وکیلی"),
        ("0013542419", "مریم", "کریمی"),
        ("0012345679", "سارا", "احمدی"),
    ] {
        let id = tx
            .insert_woman(&woman(national_id, first, last, place), "covered", at(1))
            .await
            .unwrap();
        tx.insert_enrolment(&enrolment(run_id, id)).await.unwrap();
        women.push(id);
    }
    tx.commit().await.unwrap();
    (run_id, women)
}

async fn a_runs_women_come_in_persian_order_and_an_outcome_is_set_once(db: &TestDatabase) {
    let place = place(db).await;
    let (run_id, women) = run_with_three_women(db, &place).await;

    let mut tx = db.store.write().await.unwrap();
    let list = tx.enrolments_of_run(run_id).await.unwrap();
    assert_eq!(
        list.iter()
            .map(|e| (e.enrolment.woman_id, e.last_name.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (women[2], "احمدی"),
            (women[1], "کریمی"),
            (women[0], "وکیلی")
        ]
    );
    assert_eq!(list[0].first_name, "سارا");
    assert_eq!(list[0].national_id, "0012345679");
    assert_eq!(list[0].county_id, place.takestan);
    assert_eq!(list[0].enrolment.status, "enrolled");

    let completed = EnrolmentOutcome {
        status: "completed".into(),
        assessment_passed: Some(true),
        completed_on: Some(day("2026-09-01")),
        dropped_on: None,
        dropout_reason: None,
        skill_certificate_no: Some("۹۸۷۶".into()),
        certificate_code: Some("HMY-2Q9X".into()),
    };
    let id = list[0].enrolment.id;
    assert!(
        !tx.set_enrolment_outcome(id, "dropped", &completed)
            .await
            .unwrap(),
        "not from a status it does not have"
    );
    assert!(
        tx.set_enrolment_outcome(id, "enrolled", &completed)
            .await
            .unwrap()
    );
    assert!(
        !tx.set_enrolment_outcome(id, "enrolled", &completed)
            .await
            .unwrap(),
        "a second decision from the status read before changes nothing"
    );
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    let row = tx.enrolment_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        (
            row.status.as_str(),
            row.assessment_passed,
            row.completed_on,
            row.skill_certificate_no.as_deref(),
            row.certificate_code.as_deref(),
        ),
        (
            "completed",
            Some(true),
            Some(day("2026-09-01")),
            Some("۹۸۷۶"),
            Some("HMY-2Q9X")
        )
    );
    let other = tx
        .enrolment_by_id(list[1].enrolment.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(other.status, "enrolled", "only the one enrolment changed");
}

async fn a_second_mark_replaces_the_first_and_a_runs_marks_are_its_own(db: &TestDatabase) {
    let place = place(db).await;
    let (run_id, _) = run_with_three_women(db, &place).await;
    let mut tx = db.store.write().await.unwrap();
    let enrolments = tx.enrolments_of_run(run_id).await.unwrap();
    let first = tx
        .insert_course_session(&session(run_id, 1, "2026-06-01"))
        .await
        .unwrap();
    let second = tx
        .insert_course_session(&session(run_id, 2, "2026-06-08"))
        .await
        .unwrap();
    let other_run = tx
        .insert_course_run(&run(&place, "QZ-2", place.takestan, "2026-06-01"))
        .await
        .unwrap();
    let elsewhere = tx
        .insert_course_session(&session(other_run, 1, "2026-06-01"))
        .await
        .unwrap();
    let elsewhere_enrolment = tx
        .insert_enrolment(&enrolment(other_run, enrolments[0].enrolment.woman_id))
        .await
        .unwrap();
    let mark = |session_id, index: usize, mark: &str| AttendanceRow {
        session_id,
        enrolment_id: enrolments[index].enrolment.id,
        mark: mark.into(),
    };
    let stamp = |seconds| MarkStamp {
        by: None,
        by_name: "مربی".into(),
        at: at(seconds),
    };
    tx.record_attendance(
        &[
            mark(first, 0, "present"),
            mark(first, 1, "absent"),
            mark(first, 2, "present"),
            mark(second, 0, "present"),
        ],
        &stamp(10),
    )
    .await
    .unwrap();
    tx.record_attendance(
        &[AttendanceRow {
            session_id: elsewhere,
            enrolment_id: elsewhere_enrolment,
            mark: "present".into(),
        }],
        &stamp(10),
    )
    .await
    .unwrap();
    tx.record_attendance(&[], &stamp(11)).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    // The register corrected: one mark replaced, one given twice (the last counts), one new.
    tx.record_attendance(
        &[
            mark(first, 1, "present"),
            mark(second, 1, "present"),
            mark(second, 1, "excused"),
            mark(second, 2, "absent"),
        ],
        &stamp(20),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    let mut marks = tx.attendance_of_run(run_id).await.unwrap();
    marks.sort_by_key(|m| (m.session_id, m.enrolment_id));
    let mut expected = vec![
        mark(first, 0, "present"),
        mark(first, 1, "present"),
        mark(first, 2, "present"),
        mark(second, 0, "present"),
        mark(second, 1, "excused"),
        mark(second, 2, "absent"),
    ];
    expected.sort_by_key(|m| (m.session_id, m.enrolment_id));
    assert_eq!(marks, expected);
    assert_eq!(tx.attendance_of_run(other_run).await.unwrap().len(), 1);
}

async fn runs_list_by_county_newest_first_a_page_at_a_time(db: &TestDatabase) {
    let place = place(db).await;
    let mut tx = db.store.write().await.unwrap();
    let mut takestan = Vec::new();
    for (code, starts_on) in [
        ("QZ-1", "2026-03-01"),
        ("QZ-2", "2026-09-01"),
        ("QZ-3", "2026-06-01"),
        ("QZ-4", "2026-06-01"),
    ] {
        let id = tx
            .insert_course_run(&run(&place, code, place.takestan, starts_on))
            .await
            .unwrap();
        takestan.push(id);
    }
    let abyek = tx
        .insert_course_run(&run(&place, "QZ-5", place.abyek, "2026-12-01"))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    let mut ids = async |filter: RunFilter| {
        tx.course_runs(&filter)
            .await
            .unwrap()
            .into_iter()
            .map(|run| run.id)
            .collect::<Vec<_>>()
    };
    let county = RunFilter {
        province_id: Some(place.qazvin),
        county_id: Some(place.takestan),
        limit: 3,
        offset: 0,
    };
    assert_eq!(
        ids(county).await,
        vec![takestan[1], takestan[3], takestan[2]],
        "newest start first; on one day the later run first"
    );
    assert_eq!(
        ids(RunFilter {
            offset: 3,
            ..county
        })
        .await,
        vec![takestan[0]]
    );
    assert_eq!(
        ids(RunFilter {
            county_id: None,
            limit: 2,
            ..county
        })
        .await,
        vec![abyek, takestan[1]]
    );
    assert_eq!(ids(RunFilter::default()).await.len(), 5, "no limit");
    let empty = RunFilter {
        province_id: Some(place.abyek),
        ..RunFilter::default()
    };
    assert!(ids(empty).await.is_empty());
}

async fn an_enrolment_is_found_by_its_exact_certificate_code(db: &TestDatabase) {
    let place = place(db).await;
    let (run_id, _) = run_with_three_women(db, &place).await;
    let mut tx = db.store.write().await.unwrap();
    let list = tx.enrolments_of_run(run_id).await.unwrap();
    let completed = EnrolmentOutcome {
        status: "completed".into(),
        assessment_passed: None,
        completed_on: Some(day("2026-09-01")),
        dropped_on: None,
        dropout_reason: None,
        skill_certificate_no: None,
        certificate_code: Some("ABCDE-FGH34".into()),
    };
    let id = list[1].enrolment.id;
    assert!(
        tx.set_enrolment_outcome(id, "enrolled", &completed)
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();

    let mut tx = db.store.read().await.unwrap();
    let found = tx
        .enrolment_by_certificate_code("ABCDE-FGH34")
        .await
        .unwrap()
        .expect("the enrolment of the code");
    assert_eq!((found.id, found.run_id), (id, run_id));
    assert_eq!(found.certificate_code.as_deref(), Some("ABCDE-FGH34"));
    for other in [
        "abcde-fgh34",
        "ABCDEFGH34",
        "ABCDE-FGH3",
        "ABCDE-FGH34 ",
        "",
    ] {
        assert_eq!(
            tx.enrolment_by_certificate_code(other).await.unwrap(),
            None,
            "{other:?} is not the stored code"
        );
    }
}

hamyar_store::on_both_databases!(
    rows_read_back_as_written,
    an_enrolment_is_found_by_its_exact_certificate_code,
    codes_and_names_are_unique_where_the_catalogue_says,
    a_runs_women_come_in_persian_order_and_an_outcome_is_set_once,
    a_second_mark_replaces_the_first_and_a_runs_marks_are_its_own,
    runs_list_by_county_newest_first_a_page_at_a_time,
);
