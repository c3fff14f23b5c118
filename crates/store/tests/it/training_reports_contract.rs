//! The storage contract of the training tally (`TrainingReportsRepo`), on both backends,
//! against figures worked by hand on a small province: a run counts in a span when its last
//! session falls in it (a cancelled run never does), with its enrolments by outcome, the hours
//! of all its sessions and the payments the ledger *paid* for it (a payment only proposed does
//! not count); the hours delivered are the sessions held in the span, of any run, before a
//! cancellation; rows are by county, course kind and provider; a county's tally is its own;
//! the women who completed count once however many runs they completed; and the runs counted
//! are listed by their last session.

use std::collections::BTreeMap;

use hamyar_app::access::PlaceId;
use hamyar_app::ports::ledger::{NewLedgerTransaction, PostingLine};
use hamyar_app::ports::registry::{WomanId, WomanRecord};
use hamyar_app::ports::spending::{NewPayment, PaymentStamp};
use hamyar_app::ports::training::{
    CourseKindId, CourseKindRow, CourseRunId, CourseRunRow, EnrolmentId, EnrolmentOutcome,
    EnrolmentRow, ProviderId, ProviderRow, SessionId, SessionRow,
};
use hamyar_app::ports::training_reports::{TrainingTallyFilter, TrainingTallyRow};
use hamyar_app::ports::{Database, Tx};
use hamyar_domain::{JalaliDate, persian_order, search_key};
use hamyar_store::fixtures::{at, budget_line, qazvin_places};
use hamyar_store::testing::TestDatabase;

fn day(iso: &str) -> JalaliDate {
    JalaliDate::from_iso_str(iso).unwrap()
}

/// The places, kinds, providers and runs of the worked example.
struct Example {
    qazvin: PlaceId,
    abyek: PlaceId,
    takestan: PlaceId,
    tailoring: CourseKindId,
    literacy: CourseKindId,
    centre: ProviderId,
    ngo: ProviderId,
    /// Takestan, tailoring, the centre: ends 2026-05-03, three women, paid 90 million.
    run_a: CourseRunId,
    /// Abyek, tailoring, the NGO: a session before the span, ends in it on 2026-04-10.
    run_c: CourseRunId,
}

async fn kind(tx: &mut dyn Tx, code: &str, name: &str) -> CourseKindId {
    tx.insert_course_kind(&CourseKindRow {
        id: CourseKindId::default(),
        code: code.into(),
        name: name.into(),
        name_en: code.into(),
        category: "vocational".into(),
        skill_standard_code: None,
        hours: 12,
        min_attendance_percent: 80,
        final_assessment: false,
        active: true,
        created_at: at(1),
    })
    .await
    .unwrap()
}

async fn provider(tx: &mut dyn Tx, province_id: PlaceId, name: &str) -> ProviderId {
    tx.insert_provider(&ProviderRow {
        id: ProviderId::default(),
        province_id,
        name: name.into(),
        name_key: search_key(name),
        kind: "institute".into(),
        phone: None,
        created_by: None,
        created_by_name: "کارشناس".into(),
        created_at: at(2),
    })
    .await
    .unwrap()
}

/// A run with a session of `hours` on each day, ending on the last; cancelled on `cancelled`.
#[allow(clippy::too_many_arguments)]
async fn run(
    tx: &mut dyn Tx,
    province_id: PlaceId,
    county_id: PlaceId,
    code: &str,
    kind: CourseKindId,
    provider: ProviderId,
    days: &[(&str, i64)],
    cancelled: Option<&str>,
) -> CourseRunId {
    let id = tx
        .insert_course_run(&CourseRunRow {
            id: CourseRunId::default(),
            province_id,
            county_id,
            code: code.into(),
            course_kind_id: kind,
            provider_id: provider,
            budget_line_id: None,
            trainer_name: "مربی".into(),
            place: "سالن".into(),
            online: false,
            capacity: 30,
            starts_on: day(days[0].0),
            ends_on: day(days[days.len() - 1].0),
            cancelled_on: cancelled.map(day),
            created_by: None,
            created_by_name: "کارشناس".into(),
            created_at: at(3),
        })
        .await
        .unwrap();
    for (seq, (held_on, hours)) in days.iter().enumerate() {
        tx.insert_course_session(&SessionRow {
            id: SessionId::default(),
            run_id: id,
            seq: i64::try_from(seq).unwrap() + 1,
            held_on: day(held_on),
            hours: *hours,
        })
        .await
        .unwrap();
    }
    id
}

async fn woman(tx: &mut dyn Tx, example: (PlaceId, PlaceId), national_id: &str) -> WomanId {
    let name = format!("زن {national_id}");
    tx.insert_woman(
        &WomanRecord {
            national_id: national_id.into(),
            first_name: "زن".into(),
            last_name: national_id.into(),
            birth_date: "1980-01-01".into(),
            province_id: example.0,
            county_id: example.1,
            locality: "مرکز".into(),
            settlement: "urban".into(),
            address: "خیابان".into(),
            headship_cause: "widow".into(),
            name_key: search_key(&name),
            name_key_reversed: persian_order(&search_key(&name)),
            ..WomanRecord::default()
        },
        "covered",
        at(1),
    )
    .await
    .unwrap()
}

/// Enrols `woman` in `run` and gives her `outcome` (`enrolled`, `completed` or `dropped`).
async fn enrol(tx: &mut dyn Tx, run: CourseRunId, woman: WomanId, outcome: &str) {
    let id = tx
        .insert_enrolment(&EnrolmentRow {
            id: EnrolmentId::default(),
            run_id: run,
            woman_id: woman,
            group_id: None,
            enrolled_on: day("2026-03-01"),
            status: "enrolled".into(),
            assessment_passed: None,
            completed_on: None,
            dropped_on: None,
            dropout_reason: None,
            skill_certificate_no: None,
            certificate_code: None,
            enrolled_by: None,
            enrolled_by_name: "کارشناس".into(),
            created_at: at(4),
        })
        .await
        .unwrap();
    let outcome = match outcome {
        "completed" => EnrolmentOutcome {
            status: "completed".into(),
            assessment_passed: None,
            completed_on: Some(day("2026-06-01")),
            dropped_on: None,
            dropout_reason: None,
            skill_certificate_no: None,
            certificate_code: None,
        },
        "dropped" => EnrolmentOutcome {
            status: "dropped".into(),
            assessment_passed: None,
            completed_on: None,
            dropped_on: Some(day("2026-05-02")),
            dropout_reason: Some("family".into()),
            skill_certificate_no: None,
            certificate_code: None,
        },
        _ => return,
    };
    assert!(
        tx.set_enrolment_outcome(id, "enrolled", &outcome)
            .await
            .unwrap()
    );
}

/// A payment of `amount_rials` from `line` for `run`, paid through the ledger when `paid`.
async fn payment(
    tx: &mut dyn Tx,
    line: hamyar_app::ports::budget::BudgetLineId,
    run: CourseRunId,
    key: &str,
    amount_rials: i64,
    paid: bool,
) {
    let row = tx.budget_line_by_id(line).await.unwrap().unwrap();
    let id = tx
        .insert_payment(&NewPayment {
            budget_line_id: line,
            province_id: row.province_id,
            county_id: None,
            payee: "آموزشگاه".into(),
            payee_kind: "course_provider".into(),
            amount_rials,
            spent_on: day("2026-06-01"),
            reference: key.into(),
            description: "دوره".into(),
            idempotency_key: key.into(),
            proposed_by: None,
            proposed_by_name: "console".into(),
            proposed_at: at(10),
            course_run_id: Some(run),
        })
        .await
        .unwrap();
    if !paid {
        return;
    }
    let mut posted = Vec::new();
    for step in ["commit", "pay"] {
        posted.push(
            tx.post_ledger_transaction(&NewLedgerTransaction {
                idempotency_key: format!("{key}.{step}"),
                effective_on: "2026-06-01".into(),
                description: step.into(),
                reverses_id: None,
                recorded_by: None,
                recorded_by_name: "console".into(),
                recorded_at: at(20),
                province_id: Some(row.province_id),
                county_id: None,
                postings: vec![
                    PostingLine {
                        account_id: row.expense_account_id,
                        amount_rials,
                    },
                    PostingLine {
                        account_id: row.commitment_account_id,
                        amount_rials: -amount_rials,
                    },
                ],
            })
            .await
            .unwrap(),
        );
    }
    let stamp = PaymentStamp {
        by: None,
        by_name: "console".into(),
        at: at(30),
    };
    assert!(
        tx.mark_payment_approved(id, &stamp, "2026-06-01", posted[0])
            .await
            .unwrap()
    );
    assert!(
        tx.mark_payment_paid(id, &stamp, "2026-06-02", posted[1])
            .await
            .unwrap()
    );
}

/// The worked example (the span is 2026-03-21 .. 2026-07-01, the year 1405 to 10 Tir):
///
/// - A, Takestan, tailoring, the centre: 3 sessions of 4 hours on 1–3 May; women 1 and 2
///   completed, woman 3 dropped; 90 million paid, 10 million proposed.
/// - B, Takestan, literacy, the centre: 3 hours on 25 June and 5 July (ends after the span);
///   woman 4 enrolled; 5 million paid.
/// - C, Abyek, tailoring, the NGO: 2 hours on 10 March (before the span) and 10 April;
///   woman 1 completed, woman 5 without an outcome yet.
/// - D, Abyek, tailoring, the NGO: cancelled on 20 April after a session of 2 hours on
///   15 April; the one of 25 April was never held; woman 6 enrolled.
async fn example(db: &TestDatabase) -> Example {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, takestan) = qazvin_places(tx.as_mut()).await;
    let tailoring = kind(tx.as_mut(), "tailoring", "خیاطی").await;
    let literacy = kind(tx.as_mut(), "literacy", "سواد مالی").await;
    let centre = provider(tx.as_mut(), qazvin, "مرکز فنی‌وحرفه‌ای").await;
    let ngo = provider(tx.as_mut(), qazvin, "کانون بانوان").await;
    let t = tx.as_mut();
    let run_a = run(
        t,
        qazvin,
        takestan,
        "A",
        tailoring,
        centre,
        &[("2026-05-01", 4), ("2026-05-02", 4), ("2026-05-03", 4)],
        None,
    )
    .await;
    let run_b = run(
        t,
        qazvin,
        takestan,
        "B",
        literacy,
        centre,
        &[("2026-06-25", 3), ("2026-07-05", 3)],
        None,
    )
    .await;
    let run_c = run(
        t,
        qazvin,
        abyek,
        "C",
        tailoring,
        ngo,
        &[("2026-03-10", 2), ("2026-04-10", 2)],
        None,
    )
    .await;
    let run_d = run(
        t,
        qazvin,
        abyek,
        "D",
        tailoring,
        ngo,
        &[("2026-04-15", 2), ("2026-04-25", 2)],
        Some("2026-04-20"),
    )
    .await;
    let mut women = Vec::new();
    for national_id in ["1", "2", "3", "4", "5", "6"] {
        women.push(woman(tx.as_mut(), (qazvin, takestan), national_id).await);
    }
    for (run, woman, outcome) in [
        (run_a, 0, "completed"),
        (run_a, 1, "completed"),
        (run_a, 2, "dropped"),
        (run_b, 3, "enrolled"),
        (run_c, 0, "completed"),
        (run_c, 4, "enrolled"),
        (run_d, 5, "enrolled"),
    ] {
        enrol(tx.as_mut(), run, women[woman], outcome).await;
    }
    let line = budget_line(tx.as_mut(), 1405, qazvin, None, "training")
        .await
        .unwrap();
    payment(tx.as_mut(), line, run_a, "pay.a.1", 90_000_000, true).await;
    payment(tx.as_mut(), line, run_a, "pay.a.2", 10_000_000, false).await;
    payment(tx.as_mut(), line, run_b, "pay.b.1", 5_000_000, true).await;
    tx.commit().await.unwrap();
    Example {
        qazvin,
        abyek,
        takestan,
        tailoring,
        literacy,
        centre,
        ngo,
        run_a,
        run_c,
    }
}

fn span(province_id: Option<PlaceId>, county_id: Option<PlaceId>) -> TrainingTallyFilter {
    TrainingTallyFilter {
        province_id,
        county_id,
        from: day("2026-03-21"),
        until: day("2026-07-01"),
    }
}

type Key = (PlaceId, CourseKindId, ProviderId);

fn by_key(rows: Vec<TrainingTallyRow>) -> BTreeMap<Key, TrainingTallyRow> {
    rows.into_iter()
        .map(|row| ((row.county_id, row.course_kind_id, row.provider_id), row))
        .collect()
}

/// (runs ended, enrolled, completed, dropped, run hours, paid, runs taught, hours delivered)
type Counts = (i64, i64, i64, i64, i64, i64, i64, i64);

fn counts(row: &TrainingTallyRow) -> Counts {
    (
        row.runs_ended,
        row.enrolled,
        row.completed,
        row.dropped,
        row.run_hours,
        row.paid_rials,
        row.runs_taught,
        row.hours_delivered,
    )
}

async fn a_provinces_tally_is_its_runs_by_county_kind_and_provider(db: &TestDatabase) {
    let x = example(db).await;
    let mut tx = db.store.read().await.unwrap();
    let rows = tx
        .training_tally(&span(Some(x.qazvin), None))
        .await
        .unwrap();
    let keys: Vec<Key> = rows
        .iter()
        .map(|row| (row.county_id, row.course_kind_id, row.provider_id))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "rows come in the order of their ids");
    let rows = by_key(rows);
    let expected: BTreeMap<Key, Counts> = [
        // A: 3 women, 2 completed, 1 dropped; 12 hours; 90 million paid (not the proposal).
        (
            (x.takestan, x.tailoring, x.centre),
            (1, 3, 2, 1, 12, 90_000_000, 1, 12),
        ),
        // B ends after the span: only its session of 25 June is counted, as hours delivered.
        ((x.takestan, x.literacy, x.centre), (0, 0, 0, 0, 0, 0, 1, 3)),
        // C ends in the span with both its sessions' hours; only its April session was held
        // in it. D was cancelled: not a run held, but its session before the cancellation
        // was delivered.
        ((x.abyek, x.tailoring, x.ngo), (1, 2, 1, 0, 4, 0, 2, 4)),
    ]
    .into_iter()
    .collect();
    let got: BTreeMap<Key, Counts> = rows.iter().map(|(k, row)| (*k, counts(row))).collect();
    assert_eq!(got, expected);

    // Woman 1 completed A and C: one woman.
    assert_eq!(
        tx.training_women_completed(&span(Some(x.qazvin), None))
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        tx.training_runs_ended(&span(Some(x.qazvin), None), 10)
            .await
            .unwrap(),
        vec![(x.run_c, "C".to_owned()), (x.run_a, "A".to_owned())],
        "by last session"
    );
    assert_eq!(
        tx.training_runs_ended(&span(Some(x.qazvin), None), 1)
            .await
            .unwrap(),
        vec![(x.run_c, "C".to_owned())]
    );
    // The whole country is the province here.
    assert_eq!(
        by_key(tx.training_tally(&span(None, None)).await.unwrap()),
        rows
    );
    tx.commit().await.unwrap();
}

async fn a_countys_tally_is_its_own_and_the_span_bounds_it(db: &TestDatabase) {
    let x = example(db).await;
    let mut tx = db.store.read().await.unwrap();
    for filter in [
        span(Some(x.qazvin), Some(x.abyek)),
        span(None, Some(x.abyek)),
    ] {
        let rows = tx.training_tally(&filter).await.unwrap();
        assert_eq!(
            rows.iter().map(counts).collect::<Vec<_>>(),
            vec![(1, 2, 1, 0, 4, 0, 2, 4)]
        );
        assert_eq!(tx.training_women_completed(&filter).await.unwrap(), 1);
        assert_eq!(
            tx.training_runs_ended(&filter, 10).await.unwrap(),
            vec![(x.run_c, "C".to_owned())]
        );
    }
    // A span of May alone: A ended in it; nothing else was held.
    let may = TrainingTallyFilter {
        from: day("2026-05-01"),
        until: day("2026-06-01"),
        ..span(Some(x.qazvin), None)
    };
    let rows = tx.training_tally(&may).await.unwrap();
    assert_eq!(
        rows.iter().map(counts).collect::<Vec<_>>(),
        vec![(1, 3, 2, 1, 12, 90_000_000, 1, 12)]
    );
    // The span's last day is excluded: A's last session on 3 May is not in 1–3 May.
    let early_may = TrainingTallyFilter {
        until: day("2026-05-03"),
        ..may
    };
    let rows = tx.training_tally(&early_may).await.unwrap();
    assert_eq!(
        rows.iter().map(counts).collect::<Vec<_>>(),
        vec![(0, 0, 0, 0, 0, 0, 1, 8)]
    );
    assert_eq!(tx.training_women_completed(&early_may).await.unwrap(), 0);
    // Another province has nothing.
    let mut other = span(Some(PlaceId::new(x.qazvin.get() + 1_000)), None);
    assert!(tx.training_tally(&other).await.unwrap().is_empty());
    other.province_id = None;
    other.county_id = Some(x.qazvin);
    assert!(tx.training_tally(&other).await.unwrap().is_empty());
    tx.commit().await.unwrap();
}

hamyar_store::on_both_databases!(
    a_provinces_tally_is_its_runs_by_county_kind_and_provider,
    a_countys_tally_is_its_own_and_the_span_bounds_it,
);
