//! The storage contract of job preparation (`JobPlansRepo`), on both backends: a plan and its
//! steps read back as written (Persian text, days, absent values, rials); a plan closes once
//! and a step changes state only from the state the caller read; the follow-ups due are the
//! completed enrolments of runs ended by the given day, of the place asked (and of a person's
//! own groups), without an answer of that month — an answer takes one away, a second answer
//! of the same month is refused; and the reports' tally counts due, asked, working and
//! earning per county, course kind and provider.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::groups::PlaceFilter;
use hamyar_app::ports::job_plans::{
    FollowUpId, FollowUpRow, FollowUpTallyQuery, FollowUpsDueQuery, JobPlanId, JobPlanRow,
    JobPlanStepId, JobPlanStepRow, StepStateChange,
};
use hamyar_app::ports::registry::{WomanId, WomanRecord};
use hamyar_app::ports::training::{
    CourseKindId, CourseKindRow, CourseRunId, CourseRunRow, EnrolmentId, EnrolmentRow, ProviderId,
    ProviderRow,
};
use hamyar_app::ports::{Database, StoreError};
use hamyar_domain::training::follow_up::FollowUpMonth;
use hamyar_domain::training::job_plan::{PlanState, StepKind, StepState};
use hamyar_domain::{JalaliDate, persian_order, search_key};
use hamyar_store::fixtures::{at, qazvin_places};
use hamyar_store::testing::TestDatabase;

fn day(text: &str) -> JalaliDate {
    JalaliDate::parse(text).unwrap()
}

struct World {
    qazvin: PlaceId,
    abyek: PlaceId,
    takestan: PlaceId,
    kind: CourseKindId,
    provider: ProviderId,
    women: Vec<WomanId>,
}

fn woman(national_id: &str, first: &str, w: (PlaceId, PlaceId)) -> WomanRecord {
    WomanRecord {
        national_id: national_id.into(),
        first_name: first.into(),
        last_name: "رضایی".into(),
        birth_date: "1980-01-01".into(),
        province_id: w.0,
        county_id: w.1,
        locality: "مرکز".into(),
        settlement: "urban".into(),
        address: "خیابان".into(),
        headship_cause: "widow".into(),
        mobile: Some("09121234567".into()),
        name_key: search_key(first),
        name_key_reversed: persian_order(&search_key(first)),
        ..WomanRecord::default()
    }
}

async fn world(db: &TestDatabase) -> World {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, takestan) = qazvin_places(tx.as_mut()).await;
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
            province_id: qazvin,
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
    let mut women = Vec::new();
    for (id, first) in [("0013542419", "مریم"), ("0084575948", "زهرا")] {
        women.push(
            tx.insert_woman(&woman(id, first, (qazvin, takestan)), "covered", at(1))
                .await
                .unwrap(),
        );
    }
    tx.commit().await.unwrap();
    World {
        qazvin,
        abyek,
        takestan,
        kind,
        provider,
        women,
    }
}

/// A run of the county that ended on `ends_on`, with each woman's enrolment of `status`.
async fn run_with(
    db: &TestDatabase,
    w: &World,
    code: &str,
    county_id: PlaceId,
    ends_on: &str,
    statuses: &[&str],
) -> (CourseRunId, Vec<EnrolmentId>) {
    let mut tx = db.store.write().await.unwrap();
    let run = tx
        .insert_course_run(&CourseRunRow {
            id: CourseRunId::default(),
            province_id: w.qazvin,
            county_id,
            code: code.into(),
            course_kind_id: w.kind,
            provider_id: w.provider,
            budget_line_id: None,
            trainer_name: "خانم کاظمی".into(),
            place: "سالن".into(),
            online: false,
            capacity: 20,
            starts_on: day("1405/07/01"),
            ends_on: day(ends_on),
            cancelled_on: None,
            created_by: None,
            created_by_name: "کارشناس".into(),
            created_at: at(2),
        })
        .await
        .unwrap();
    let mut enrolments = Vec::new();
    for (woman_id, status) in w.women.iter().zip(statuses) {
        let completed = *status == "completed";
        enrolments.push(
            tx.insert_enrolment(&EnrolmentRow {
                id: EnrolmentId::default(),
                run_id: run,
                woman_id: *woman_id,
                group_id: None,
                enrolled_on: day("1405/07/01"),
                status: (*status).into(),
                assessment_passed: None,
                completed_on: completed.then(|| day(ends_on)),
                dropped_on: (*status == "dropped").then(|| day("1405/07/02")),
                dropout_reason: (*status == "dropped").then(|| "family".into()),
                skill_certificate_no: None,
                certificate_code: None,
                enrolled_by: None,
                enrolled_by_name: "کارشناس".into(),
                created_at: at(2),
            })
            .await
            .unwrap(),
        );
    }
    tx.commit().await.unwrap();
    (run, enrolments)
}

fn plan(w: &World) -> JobPlanRow {
    JobPlanRow {
        id: JobPlanId::default(),
        province_id: w.qazvin,
        county_id: w.takestan,
        woman_id: w.women[0],
        job_title: "خیاط لباس زنانه".into(),
        occupation_code: Some("7531".into()),
        state: PlanState::Open,
        planned_on: day("1405/08/01"),
        closed_on: None,
        created_by: None,
        created_by_name: "مددکار".into(),
        created_at: at(3),
        updated_at: at(3),
    }
}

fn placement(plan_id: JobPlanId) -> JobPlanStepRow {
    JobPlanStepRow {
        id: JobPlanStepId::default(),
        plan_id,
        kind: StepKind::Placement,
        state: StepState::Planned,
        due_on: Some(day("1405/10/01")),
        state_on: day("1405/08/01"),
        done_on: None,
        enrolment_id: None,
        grant_id: None,
        employer: Some("تولیدی پوشاک مهر".into()),
        starts_on: Some(day("1405/10/01")),
        monthly_pay_rials: Some(120_000_000),
        permit_name: None,
        note: Some("با معرفی مددکار".into()),
        created_by: None,
        created_by_name: "مددکار".into(),
        created_at: at(4),
        updated_at: at(4),
    }
}

async fn plans_and_steps_read_back_and_change_once(db: &TestDatabase) {
    let w = world(db).await;
    let mut tx = db.store.write().await.unwrap();
    let plan_id = tx.insert_job_plan(&plan(&w)).await.unwrap();
    let older = JobPlanRow {
        planned_on: day("1405/02/01"),
        occupation_code: None,
        ..plan(&w)
    };
    let older_id = tx.insert_job_plan(&older).await.unwrap();
    let step_id = tx.insert_job_plan_step(&placement(plan_id)).await.unwrap();
    let permit = JobPlanStepRow {
        kind: StepKind::Permit,
        employer: None,
        starts_on: None,
        monthly_pay_rials: None,
        permit_name: Some("مجوز مشاغل خانگی".into()),
        due_on: None,
        note: None,
        ..placement(plan_id)
    };
    let permit_id = tx.insert_job_plan_step(&permit).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    assert_eq!(
        tx.job_plan_by_id(plan_id).await.unwrap(),
        Some(JobPlanRow {
            id: plan_id,
            ..plan(&w)
        })
    );
    let mine: Vec<JobPlanId> = tx
        .job_plans_of_woman(w.women[0])
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(mine, vec![plan_id, older_id], "newest first");
    assert!(tx.job_plans_of_woman(w.women[1]).await.unwrap().is_empty());
    let steps = tx.job_plan_steps(plan_id).await.unwrap();
    assert_eq!(
        steps,
        vec![
            JobPlanStepRow {
                id: step_id,
                ..placement(plan_id)
            },
            JobPlanStepRow {
                id: permit_id,
                ..permit
            }
        ]
    );
    let done = StepStateChange {
        state: StepState::Done,
        state_on: day("1405/10/02"),
        done_on: Some(day("1405/10/02")),
        note: None,
        updated_at: at(5),
    };
    assert!(
        !tx.set_job_plan_step_state(step_id, StepState::InProgress, &done)
            .await
            .unwrap(),
        "not from a state it does not have"
    );
    assert!(
        tx.set_job_plan_step_state(step_id, StepState::Planned, &done)
            .await
            .unwrap()
    );
    let step = tx.job_plan_step_by_id(step_id).await.unwrap().unwrap();
    assert_eq!(
        (step.state, step.done_on, step.note.as_deref()),
        (
            StepState::Done,
            Some(day("1405/10/02")),
            Some("با معرفی مددکار")
        ),
        "a change without a note keeps the note"
    );
    assert!(
        tx.close_job_plan(plan_id, PlanState::Achieved, day("1405/10/02"), at(6))
            .await
            .unwrap()
    );
    assert!(
        !tx.close_job_plan(plan_id, PlanState::Abandoned, day("1405/10/03"), at(7))
            .await
            .unwrap(),
        "closed once"
    );
    let closed = tx.job_plan_by_id(plan_id).await.unwrap().unwrap();
    assert_eq!(
        (closed.state, closed.closed_on),
        (PlanState::Achieved, Some(day("1405/10/02")))
    );
    tx.commit().await.unwrap();
}

fn answer(w: &World, enrolment_id: EnrolmentId, works: bool, earns: bool) -> FollowUpRow {
    FollowUpRow {
        id: FollowUpId::default(),
        enrolment_id,
        province_id: w.qazvin,
        county_id: w.takestan,
        due_month: FollowUpMonth::Three,
        due_on: day("1405/11/10"),
        recorded_on: day("1405/11/12"),
        works,
        earns_from_course: earns,
        monthly_income_rials: works.then_some(80_000_000),
        note: Some("تماس تلفنی".into()),
        recorded_by: None,
        recorded_by_name: "مددکار".into(),
        recorded_at: at(8),
    }
}

fn due_query(w: &World, county: Option<PlaceId>, ended_by: &str) -> FollowUpsDueQuery {
    FollowUpsDueQuery {
        place: PlaceFilter {
            province_id: Some(w.qazvin),
            county_id: county,
        },
        assigned: None,
        month: FollowUpMonth::Three,
        ended_by: day(ended_by),
        limit: 0,
    }
}

async fn follow_ups_due_until_answered_once(db: &TestDatabase) {
    let w = world(db).await;
    let (early, early_enrolments) = run_with(
        db,
        &w,
        "TK-1",
        w.takestan,
        "1405/08/10",
        &["completed", "completed"],
    )
    .await;
    // A later run, a run of Abyek, and women who did not complete are never due.
    run_with(db, &w, "TK-2", w.takestan, "1405/08/20", &["completed"]).await;
    run_with(db, &w, "AB-1", w.abyek, "1405/08/01", &["completed"]).await;
    run_with(
        db,
        &w,
        "TK-3",
        w.takestan,
        "1405/08/01",
        &["dropped", "enrolled"],
    )
    .await;

    let mut tx = db.store.write().await.unwrap();
    let takestan = due_query(&w, Some(w.takestan), "1405/08/10");
    let due = tx.follow_ups_due(&takestan).await.unwrap();
    assert_eq!(
        due.iter().map(|d| d.enrolment_id).collect::<Vec<_>>(),
        early_enrolments
    );
    assert_eq!(due[0].run_id, early);
    assert_eq!(due[0].run_code, "TK-1");
    assert_eq!(due[0].course_name, "خیاطی");
    assert_eq!(due[0].first_name, "مریم");
    assert_eq!(due[0].mobile.as_deref(), Some("09121234567"));
    assert_eq!(due[0].ended_on, day("1405/08/10"));
    assert_eq!(due[0].month, FollowUpMonth::Three);
    assert_eq!(tx.count_follow_ups_due(&takestan).await.unwrap(), 2);
    assert_eq!(
        tx.count_follow_ups_due(&due_query(&w, Some(w.takestan), "1405/08/09"))
            .await
            .unwrap(),
        0,
        "a day earlier: nothing ended yet"
    );
    assert_eq!(
        tx.count_follow_ups_due(&due_query(&w, None, "1405/08/30"))
            .await
            .unwrap(),
        4,
        "the province: both runs of Takestan and Abyek's"
    );

    tx.insert_follow_up(&answer(&w, early_enrolments[0], true, true))
        .await
        .unwrap();
    assert_eq!(tx.count_follow_ups_due(&takestan).await.unwrap(), 1);
    let six = FollowUpsDueQuery {
        month: FollowUpMonth::Six,
        ..takestan.clone()
    };
    assert_eq!(
        tx.count_follow_ups_due(&six).await.unwrap(),
        2,
        "the six-month follow-up is its own"
    );
    let asked = tx
        .follow_ups_of_enrolment(early_enrolments[0])
        .await
        .unwrap();
    assert_eq!(asked.len(), 1);
    assert_eq!(
        asked[0],
        FollowUpRow {
            id: asked[0].id,
            ..answer(&w, early_enrolments[0], true, true)
        }
    );
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    match tx
        .insert_follow_up(&answer(&w, early_enrolments[0], false, false))
        .await
    {
        Err(StoreError::Unique(_)) => {}
        other => panic!("a second answer of the month must be refused, got {other:?}"),
    }
}

async fn the_tally_counts_due_asked_working_and_earning(db: &TestDatabase) {
    let w = world(db).await;
    let (_, first) = run_with(
        db,
        &w,
        "TK-1",
        w.takestan,
        "1405/08/10",
        &["completed", "completed"],
    )
    .await;
    let (_, second) = run_with(db, &w, "TK-2", w.takestan, "1405/08/20", &["completed"]).await;
    run_with(db, &w, "TK-3", w.takestan, "1405/09/01", &["completed"]).await;
    let mut tx = db.store.write().await.unwrap();
    tx.insert_follow_up(&answer(&w, first[0], true, true))
        .await
        .unwrap();
    tx.insert_follow_up(&answer(&w, first[1], true, false))
        .await
        .unwrap();
    tx.insert_follow_up(&answer(&w, second[0], false, false))
        .await
        .unwrap();
    let tally = tx
        .follow_up_tally(&FollowUpTallyQuery {
            place: PlaceFilter {
                province_id: Some(w.qazvin),
                county_id: None,
            },
            month: FollowUpMonth::Three,
            ended_from: day("1405/08/01"),
            ended_to: day("1405/08/30"),
        })
        .await
        .unwrap();
    assert_eq!(tally.len(), 1, "{tally:?}");
    let row = &tally[0];
    assert_eq!(
        (row.county_id, row.course_kind_id, row.provider_id),
        (w.takestan, w.kind, w.provider)
    );
    assert_eq!(
        (row.due, row.done, row.working, row.earning_from_course),
        (3, 3, 2, 1)
    );
    let six = tx
        .follow_up_tally(&FollowUpTallyQuery {
            place: PlaceFilter::default(),
            month: FollowUpMonth::Six,
            ended_from: day("1405/08/01"),
            ended_to: day("1405/09/30"),
        })
        .await
        .unwrap();
    assert_eq!((six[0].due, six[0].done, six[0].working), (4, 0, 0));
    tx.commit().await.unwrap();
}

hamyar_store::on_both_databases!(
    plans_and_steps_read_back_and_change_once,
    follow_ups_due_until_answered_once,
    the_tally_counts_due_asked_working_and_earning,
);
