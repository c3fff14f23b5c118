//! The storage contract of training plans (`TrainingPlansRepo`), on both backends: a
//! provider's contracts read back as written, latest period first, their number unique for
//! the provider (another provider may use it); what the ledger paid and what waits for a
//! provider's runs is summed from the payments that name them — from the contract's line,
//! spent within the period, paid apart from proposed or approved, cancelled ones and other
//! providers' runs left out; a group's needs come open first, the open ones of a county and
//! kind are listed oldest first, and a need closes only while open; and a group's training
//! history counts its members' enrolments per run while they were members.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::ports::groups::{GroupId, GroupRecord, MembershipRow, StageRow};
use hamyar_app::ports::ledger::{NewLedgerTransaction, PostingLine};
use hamyar_app::ports::registry::{WomanId, WomanRecord};
use hamyar_app::ports::spending::{NewPayment, PaymentStamp};
use hamyar_app::ports::training::{
    CourseKindId, CourseKindRow, CourseRunId, CourseRunRow, EnrolmentId, EnrolmentRow, ProviderId,
    ProviderRow,
};
use hamyar_app::ports::training_plans::{
    ContractId, ContractRow, GroupRunTally, NeedClosing, NeedFilter, ProviderSpending,
    TrainingNeedId, TrainingNeedRow,
};
use hamyar_app::ports::{Database, StoreError, Tx};
use hamyar_domain::groups::{GroupStage, MemberRole};
use hamyar_domain::spending::PaymentStatus;
use hamyar_domain::{JalaliDate, persian_order, search_key};
use hamyar_store::fixtures::{at, budget_line, qazvin_places};
use hamyar_store::testing::TestDatabase;

fn day(iso: &str) -> JalaliDate {
    JalaliDate::from_iso_str(iso).unwrap()
}

struct World {
    qazvin: PlaceId,
    abyek: PlaceId,
    takestan: PlaceId,
    kind: CourseKindId,
    other_kind: CourseKindId,
    provider: ProviderId,
    other_provider: ProviderId,
    line: BudgetLineId,
    grant_line: BudgetLineId,
}

fn provider(province_id: PlaceId, name: &str) -> ProviderRow {
    ProviderRow {
        id: ProviderId::default(),
        province_id,
        name: name.into(),
        name_key: search_key(name),
        kind: "institute".into(),
        phone: None,
        created_by: None,
        created_by_name: "کارشناس".into(),
        created_at: at(2),
    }
}

fn kind(code: &str, name: &str) -> CourseKindRow {
    CourseKindRow {
        id: CourseKindId::default(),
        code: code.into(),
        name: name.into(),
        name_en: code.into(),
        category: "vocational".into(),
        skill_standard_code: None,
        hours: 40,
        min_attendance_percent: 80,
        final_assessment: false,
        active: true,
        created_at: at(1),
    }
}

async fn world(db: &TestDatabase) -> World {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, takestan) = qazvin_places(tx.as_mut()).await;
    let kind_id = tx
        .insert_course_kind(&kind("tailoring", "خیاطی"))
        .await
        .unwrap();
    let other_kind = tx
        .insert_course_kind(&kind("marketing", "بازاریابی"))
        .await
        .unwrap();
    let provider_id = tx
        .insert_provider(&provider(qazvin, "آموزشگاه نور"))
        .await
        .unwrap();
    let other_provider = tx
        .insert_provider(&provider(qazvin, "کانون بانوان"))
        .await
        .unwrap();
    let line = budget_line(tx.as_mut(), 1405, qazvin, None, "training")
        .await
        .unwrap();
    let grant_line = budget_line(tx.as_mut(), 1405, qazvin, None, "job_preparation")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    World {
        qazvin,
        abyek,
        takestan,
        kind: kind_id,
        other_kind,
        provider: provider_id,
        other_provider,
        line,
        grant_line,
    }
}

fn contract(w: &World, number: &str, from: &str, to: &str) -> ContractRow {
    ContractRow {
        id: ContractId::default(),
        provider_id: w.provider,
        province_id: w.qazvin,
        contract_no: number.into(),
        signed_on: day("2026-09-01"),
        period_from: day(from),
        period_to: day(to),
        amount_rials: 200_000_000,
        budget_line_id: w.line,
        note: "قرارداد دوره‌های خیاطی".into(),
        created_by: None,
        created_by_name: "کارشناس استان".into(),
        created_at: at(7),
    }
}

async fn contracts_read_back_latest_first_with_a_number_unique_per_provider(db: &TestDatabase) {
    let w = world(db).await;
    let mut tx = db.store.write().await.unwrap();
    let first = contract(&w, "۱۴۰۵/۱۲", "2026-04-01", "2026-09-22");
    let first_id = tx.insert_contract(&first).await.unwrap();
    let second_id = tx
        .insert_contract(&contract(&w, "1405/30", "2026-09-23", "2027-03-20"))
        .await
        .unwrap();
    tx.insert_contract(&ContractRow {
        provider_id: w.other_provider,
        ..contract(&w, "۱۴۰۵/۱۲", "2026-04-01", "2026-09-22")
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    let rows = tx.contracts_of_provider(w.provider).await.unwrap();
    assert_eq!(
        rows.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![second_id, first_id]
    );
    assert_eq!(
        rows[1],
        ContractRow {
            id: first_id,
            ..first.clone()
        }
    );
    let again = tx.insert_contract(&first).await;
    assert!(
        matches!(&again, Err(StoreError::Unique(name)) if name == "provider_contracts.contract_no"),
        "{again:?}"
    );
}

async fn run(tx: &mut dyn Tx, w: &World, code: &str, provider: ProviderId) -> CourseRunId {
    tx.insert_course_run(&CourseRunRow {
        id: CourseRunId::default(),
        province_id: w.qazvin,
        county_id: w.takestan,
        code: code.into(),
        course_kind_id: w.kind,
        provider_id: provider,
        budget_line_id: Some(w.line),
        trainer_name: "خانم کاظمی".into(),
        place: "سالن بهزیستی".into(),
        online: false,
        capacity: 20,
        starts_on: day("2026-10-01"),
        ends_on: day("2026-10-20"),
        cancelled_on: None,
        created_by: None,
        created_by_name: "کارشناس".into(),
        created_at: at(3),
    })
    .await
    .unwrap()
}

/// A balanced transaction of the line, for the ids an approved or paid payment keeps.
async fn ledger_tx(
    tx: &mut dyn Tx,
    line_id: BudgetLineId,
    key: &str,
) -> hamyar_app::ports::ledger::LedgerTransactionId {
    let line = tx.budget_line_by_id(line_id).await.unwrap().unwrap();
    tx.post_ledger_transaction(&NewLedgerTransaction {
        idempotency_key: key.into(),
        effective_on: "2026-10-20".into(),
        description: "test".into(),
        reverses_id: None,
        recorded_by: None,
        recorded_by_name: "console".into(),
        recorded_at: at(20),
        province_id: Some(line.province_id),
        county_id: line.county_id,
        postings: vec![
            PostingLine {
                account_id: line.expense_account_id,
                amount_rials: 5,
            },
            PostingLine {
                account_id: line.commitment_account_id,
                amount_rials: -5,
            },
        ],
    })
    .await
    .unwrap()
}

/// A payment of `rials` for `run` from `line`, spent on `spent_on`, brought to `status`.
async fn payment(
    tx: &mut dyn Tx,
    w: &World,
    (line, run, key): (BudgetLineId, Option<CourseRunId>, &str),
    rials: i64,
    spent_on: &str,
    status: PaymentStatus,
) {
    let id = tx
        .insert_payment(&NewPayment {
            budget_line_id: line,
            province_id: w.qazvin,
            county_id: None,
            payee: "آموزشگاه نور".into(),
            payee_kind: "course_provider".into(),
            amount_rials: rials,
            spent_on: day(spent_on),
            reference: String::new(),
            description: String::new(),
            idempotency_key: key.into(),
            proposed_by: None,
            proposed_by_name: "console".into(),
            proposed_at: at(10),
            course_run_id: run,
        })
        .await
        .unwrap();
    let stamp = PaymentStamp {
        by: None,
        by_name: "console".into(),
        at: at(11),
    };
    if status == PaymentStatus::Proposed {
        return;
    }
    let commit = ledger_tx(tx, line, &format!("{key}-commit")).await;
    assert!(
        tx.mark_payment_approved(id, &stamp, spent_on, commit)
            .await
            .unwrap()
    );
    match status {
        PaymentStatus::Paid => {
            let pay = ledger_tx(tx, line, &format!("{key}-pay")).await;
            assert!(
                tx.mark_payment_paid(id, &stamp, spent_on, pay)
                    .await
                    .unwrap()
            );
        }
        PaymentStatus::Cancelled => assert!(
            tx.mark_payment_cancelled(id, PaymentStatus::Approved, &stamp, "اشتباه")
                .await
                .unwrap()
        ),
        _ => {}
    }
}

async fn spending_is_summed_from_the_payments_for_the_providers_runs(db: &TestDatabase) {
    use PaymentStatus::{Approved, Cancelled, Paid, Proposed};
    let w = world(db).await;
    let mut tx = db.store.write().await.unwrap();
    let mine = run(tx.as_mut(), &w, "QZ-01", w.provider).await;
    let also_mine = run(tx.as_mut(), &w, "QZ-02", w.provider).await;
    let theirs = run(tx.as_mut(), &w, "QZ-03", w.other_provider).await;
    let p = |run, key| (w.line, Some(run), key);
    payment(
        tx.as_mut(),
        &w,
        p(mine, "a"),
        40_000_000,
        "2026-10-05",
        Paid,
    )
    .await;
    payment(
        tx.as_mut(),
        &w,
        p(also_mine, "b"),
        25_000_000,
        "2026-10-06",
        Paid,
    )
    .await;
    payment(
        tx.as_mut(),
        &w,
        p(mine, "c"),
        10_000_000,
        "2026-10-07",
        Approved,
    )
    .await;
    payment(
        tx.as_mut(),
        &w,
        p(mine, "d"),
        5_000_000,
        "2026-10-08",
        Proposed,
    )
    .await;
    // Left out: cancelled, another provider's run, another line, no run, outside the period.
    payment(
        tx.as_mut(),
        &w,
        p(mine, "e"),
        7_000_000,
        "2026-10-09",
        Cancelled,
    )
    .await;
    payment(
        tx.as_mut(),
        &w,
        p(theirs, "f"),
        9_000_000,
        "2026-10-05",
        Paid,
    )
    .await;
    let other_line = (w.grant_line, Some(mine), "g");
    payment(tx.as_mut(), &w, other_line, 11_000_000, "2026-10-05", Paid).await;
    payment(
        tx.as_mut(),
        &w,
        (w.line, None, "h"),
        13_000_000,
        "2026-10-05",
        Paid,
    )
    .await;
    payment(
        tx.as_mut(),
        &w,
        p(mine, "i"),
        17_000_000,
        "2026-12-01",
        Paid,
    )
    .await;
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    let spending = tx
        .provider_spending(w.provider, w.line, day("2026-09-23"), day("2026-11-21"))
        .await
        .unwrap();
    assert_eq!(
        spending,
        ProviderSpending {
            paid_rials: 65_000_000,
            pending_rials: 15_000_000,
        }
    );
    let edges = tx
        .provider_spending(w.provider, w.line, day("2026-10-05"), day("2026-10-05"))
        .await
        .unwrap();
    assert_eq!(
        edges.paid_rials, 40_000_000,
        "both ends of the period count"
    );
    let none = tx
        .provider_spending(w.provider, w.line, day("2027-01-01"), day("2027-03-20"))
        .await
        .unwrap();
    assert_eq!(none, ProviderSpending::default());
}

async fn group(tx: &mut dyn Tx, w: &World, code: &str, county: PlaceId) -> GroupId {
    tx.insert_group(
        &GroupRecord {
            code: code.into(),
            name: format!("گروه {code}"),
            name_key: format!("گروه {code}"),
            province_id: w.qazvin,
            county_id: county,
            locality: "مرکز".into(),
            business_field: "tailoring".into(),
            premises: "home".into(),
            ..GroupRecord::default()
        },
        &StageRow {
            id: 0,
            group_id: GroupId::new(0),
            stage: GroupStage::from_code("identified").unwrap(),
            inactive_reason: None,
            note: String::new(),
            effective_on: day("2026-01-10"),
            decided_by: None,
            decided_by_name: "کارشناس".into(),
            recorded_at: at(3),
        },
        at(2),
    )
    .await
    .unwrap()
}

fn need(
    w: &World,
    group_id: GroupId,
    county: PlaceId,
    kind: Option<CourseKindId>,
) -> TrainingNeedRow {
    TrainingNeedRow {
        id: TrainingNeedId::default(),
        group_id,
        province_id: w.qazvin,
        county_id: county,
        course_kind_id: kind,
        skill: String::new(),
        reason: "گروه لباس کار می‌دوزد و دوخت صنعتی نمی‌داند".into(),
        recorded_on: day("2026-08-01"),
        recorded_by: None,
        recorded_by_name: "مددکار".into(),
        created_at: at(8),
        state: "open".into(),
        met_by_run_id: None,
        closed_on: None,
        closed_by_name: None,
    }
}

async fn needs_list_open_first_and_close_only_while_open(db: &TestDatabase) {
    let w = world(db).await;
    let mut tx = db.store.write().await.unwrap();
    let nakhl = group(tx.as_mut(), &w, "T-1", w.takestan).await;
    let sahar = group(tx.as_mut(), &w, "T-2", w.takestan).await;
    let abyek = group(tx.as_mut(), &w, "A-1", w.abyek).await;
    let run_id = run(tx.as_mut(), &w, "QZ-01", w.provider).await;
    let skill = TrainingNeedRow {
        course_kind_id: None,
        skill: "بسته‌بندی".into(),
        recorded_on: day("2026-07-01"),
        ..need(&w, nakhl, w.takestan, None)
    };
    let skill_id = tx.insert_training_need(&skill).await.unwrap();
    let tailoring = tx
        .insert_training_need(&need(&w, nakhl, w.takestan, Some(w.kind)))
        .await
        .unwrap();
    let older = tx
        .insert_training_need(&TrainingNeedRow {
            recorded_on: day("2026-06-01"),
            ..need(&w, sahar, w.takestan, Some(w.kind))
        })
        .await
        .unwrap();
    tx.insert_training_need(&need(&w, sahar, w.takestan, Some(w.other_kind)))
        .await
        .unwrap();
    tx.insert_training_need(&need(&w, abyek, w.abyek, Some(w.kind)))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    assert_eq!(
        tx.training_need_by_id(skill_id).await.unwrap(),
        Some(TrainingNeedRow {
            id: skill_id,
            ..skill
        })
    );
    let filter = NeedFilter {
        province_id: Some(w.qazvin),
        county_id: Some(w.takestan),
        course_kind_id: Some(w.kind),
        limit: 50,
    };
    let open: Vec<TrainingNeedId> = tx
        .open_training_needs(&filter)
        .await
        .unwrap()
        .iter()
        .map(|n| n.id)
        .collect();
    assert_eq!(
        open,
        vec![older, tailoring],
        "oldest first, Takestan's only"
    );
    let closing = NeedClosing {
        state: "met".into(),
        met_by_run_id: Some(run_id),
        closed_on: day("2026-10-01"),
        closed_by_name: "کارشناس شهرستان".into(),
    };
    assert!(tx.close_training_need(tailoring, &closing).await.unwrap());
    let withdraw = NeedClosing {
        state: "withdrawn".into(),
        met_by_run_id: None,
        ..closing.clone()
    };
    assert!(
        !tx.close_training_need(tailoring, &withdraw).await.unwrap(),
        "a need leaves open once"
    );
    let of_group = tx.training_needs_of_group(nakhl).await.unwrap();
    assert_eq!(
        of_group.iter().map(|n| n.id).collect::<Vec<_>>(),
        vec![skill_id, tailoring],
        "open first"
    );
    let met = &of_group[1];
    assert_eq!(
        (met.state.as_str(), met.met_by_run_id, met.closed_on),
        ("met", Some(run_id), Some(day("2026-10-01")))
    );
    assert_eq!(
        tx.open_training_needs(&filter).await.unwrap().len(),
        1,
        "a met need no longer seeds an enrolment"
    );
}

async fn woman(tx: &mut dyn Tx, w: &World, national_id: &str, first: &str) -> WomanId {
    let record = WomanRecord {
        national_id: national_id.into(),
        first_name: first.into(),
        last_name: "رضایی".into(),
        birth_date: "1980-01-01".into(),
        province_id: w.qazvin,
        county_id: w.takestan,
        locality: "مرکز".into(),
        settlement: "urban".into(),
        address: "خیابان".into(),
        headship_cause: "widow".into(),
        name_key: search_key(&format!("{first} رضایی")),
        name_key_reversed: persian_order(&search_key(&format!("رضایی {first}"))),
        ..WomanRecord::default()
    };
    tx.insert_woman(&record, "covered", at(1)).await.unwrap()
}

async fn member(tx: &mut dyn Tx, group_id: GroupId, woman_id: WomanId, left: Option<&str>) {
    tx.insert_membership(&MembershipRow {
        id: 0,
        group_id,
        woman_id,
        role: MemberRole::parse("member").unwrap(),
        joined_on: day("2026-02-01"),
        left_on: left.map(day),
        leave_reason: left.map(|_| hamyar_domain::groups::LeaveReason::Moved),
        leave_note: String::new(),
        created_at: at(4),
        updated_at: at(4),
    })
    .await
    .unwrap();
}

async fn enrol(
    tx: &mut dyn Tx,
    (run_id, group_id): (CourseRunId, Option<GroupId>),
    woman_id: WomanId,
    on: &str,
    status: &str,
) {
    tx.insert_enrolment(&EnrolmentRow {
        id: EnrolmentId::default(),
        run_id,
        woman_id,
        group_id,
        enrolled_on: day(on),
        status: status.into(),
        assessment_passed: None,
        completed_on: (status == "completed").then(|| day("2026-10-20")),
        dropped_on: (status == "dropped").then(|| day("2026-10-10")),
        dropout_reason: (status == "dropped").then(|| "family".to_owned()),
        skill_certificate_no: None,
        certificate_code: None,
        enrolled_by: None,
        enrolled_by_name: "کارشناس".into(),
        created_at: at(5),
    })
    .await
    .unwrap();
}

async fn a_groups_history_counts_its_members_while_they_were_members(db: &TestDatabase) {
    let w = world(db).await;
    let mut tx = db.store.write().await.unwrap();
    let nakhl = group(tx.as_mut(), &w, "T-1", w.takestan).await;
    let maryam = woman(tx.as_mut(), &w, "0013542419", "مریم").await;
    let zahra = woman(tx.as_mut(), &w, "0084575948", "زهرا").await;
    let fatemeh = woman(tx.as_mut(), &w, "0045678901", "فاطمه").await;
    member(tx.as_mut(), nakhl, maryam, None).await;
    member(tx.as_mut(), nakhl, zahra, None).await;
    // Fatemeh left in the spring: her autumn course is not the group's.
    member(tx.as_mut(), nakhl, fatemeh, Some("2026-05-01")).await;
    let autumn = run(tx.as_mut(), &w, "QZ-01", w.provider).await;
    let autumn_row = tx.course_run_by_id(autumn).await.unwrap().unwrap();
    let winter = tx
        .insert_course_run(&CourseRunRow {
            starts_on: day("2026-12-01"),
            ends_on: day("2026-12-20"),
            code: "QZ-02".into(),
            ..autumn_row
        })
        .await
        .unwrap();
    enrol(
        tx.as_mut(),
        (autumn, None),
        maryam,
        "2026-09-20",
        "completed",
    )
    .await;
    enrol(tx.as_mut(), (autumn, None), zahra, "2026-09-20", "dropped").await;
    enrol(
        tx.as_mut(),
        (autumn, None),
        fatemeh,
        "2026-09-20",
        "completed",
    )
    .await;
    // Enrolled with the group and a member too: found both ways, counted once.
    enrol(
        tx.as_mut(),
        (winter, Some(nakhl)),
        maryam,
        "2026-11-20",
        "enrolled",
    )
    .await;
    enrol(tx.as_mut(), (winter, None), zahra, "2026-11-20", "enrolled").await;
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    assert_eq!(
        tx.group_training(nakhl).await.unwrap(),
        vec![
            GroupRunTally {
                run_id: winter,
                enrolled: 2,
                completed: 0,
                dropped: 0,
            },
            GroupRunTally {
                run_id: autumn,
                enrolled: 2,
                completed: 1,
                dropped: 1,
            },
        ]
    );
    let empty = group(tx.as_mut(), &w, "T-9", w.takestan).await;
    assert!(tx.group_training(empty).await.unwrap().is_empty());
}

hamyar_store::on_both_databases!(
    contracts_read_back_latest_first_with_a_number_unique_per_provider,
    spending_is_summed_from_the_payments_for_the_providers_runs,
    needs_list_open_first_and_close_only_while_open,
    a_groups_history_counts_its_members_while_they_were_members,
);
