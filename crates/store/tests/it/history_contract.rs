//! The storage contract of a province's money history (`HistoryRepo`), on both backends: a
//! batch and its paper decisions are read back as written, in the order of the sheet's rows
//! and by the payment they decide; a batch leaves `waiting` once — confirmed (with its scan,
//! whose bytes come back exactly and which lists leave out) or refused (with its reason) —
//! and a second decision changes nothing; a decision names a payment or a tranche, never
//! both, and is never paid before it was approved; and a refused payment's natural key is
//! freed while the payment stays.

use hamyar_app::ports::Database;
use hamyar_app::ports::history::{
    BatchEvidence, BatchFilter, BatchStamp, NewHistoryBatch, PaperDecisionRow,
};
use hamyar_app::ports::spending::{NewPayment, PaymentStamp};
use hamyar_domain::JalaliDate;
use hamyar_store::fixtures::{at, budget_line as line, qazvin_places as places};
use hamyar_store::testing::TestDatabase;

fn day(iso: &str) -> JalaliDate {
    JalaliDate::from_iso_str(iso).unwrap()
}

fn batch(province_id: hamyar_app::access::PlaceId) -> NewHistoryBatch {
    NewHistoryBatch {
        kind: "payments".into(),
        province_id,
        source: "پرداخت‌های ۱۴۰۵.xlsx".into(),
        imported_by: None,
        imported_by_name: "کارشناس استان".into(),
        imported_at: at(10),
    }
}

fn stamp() -> BatchStamp {
    BatchStamp {
        by: None,
        by_name: "کارشناس دوم".into(),
        at: at(30),
    }
}

async fn a_batch_and_its_decisions_are_read_back_and_decided_once(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, _, _) = places(tx.as_mut()).await;
    let line_id = line(tx.as_mut(), 1405, qazvin, None, "training")
        .await
        .unwrap();
    let mut payments = Vec::new();
    for key in ["history.payment.a", "history.payment.b"] {
        payments.push(
            tx.insert_payment(&NewPayment {
                budget_line_id: line_id,
                province_id: qazvin,
                county_id: None,
                payee: "آموزشگاه".into(),
                payee_kind: "course_provider".into(),
                amount_rials: 1_000,
                spent_on: day("2026-05-01"),
                reference: String::new(),
                description: String::new(),
                idempotency_key: key.into(),
                proposed_by: None,
                proposed_by_name: "console".into(),
                proposed_at: at(5),
                course_run_id: None,
            })
            .await
            .unwrap(),
        );
    }
    let id = tx.insert_history_batch(&batch(qazvin)).await.unwrap();
    for (row_number, payment) in [(3, payments[1]), (2, payments[0])] {
        tx.insert_paper_decision(&PaperDecisionRow {
            id: 0,
            batch_id: id,
            row_number,
            payment_id: Some(payment),
            tranche_id: None,
            approved_on: day("2026-05-05"),
            paid_on: (row_number == 2).then(|| day("2026-05-20")),
            approver_name: "مریم احمدی".into(),
        })
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    let row = tx.history_batch_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        (row.status.as_str(), row.kind.as_str()),
        ("waiting", "payments")
    );
    assert_eq!(row.source, "پرداخت‌های ۱۴۰۵.xlsx");
    assert_eq!(row.imported_at, at(10));
    assert_eq!(tx.lock_history_batch(id).await.unwrap().unwrap(), row);
    let decisions = tx.paper_decisions_of(id).await.unwrap();
    assert_eq!(
        decisions.iter().map(|d| d.row_number).collect::<Vec<_>>(),
        vec![2, 3]
    );
    assert_eq!(decisions[0].paid_on, Some(day("2026-05-20")));
    assert_eq!(decisions[1].paid_on, None);
    let by_payment = tx
        .paper_decision_of_payment(payments[1])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_payment, decisions[1]);
    let waiting = BatchFilter {
        province_id: Some(qazvin),
        waiting_only: true,
        limit: 10,
    };
    assert_eq!(tx.history_batches(waiting).await.unwrap(), vec![row]);
    assert!(tx.history_batch_evidence(id).await.unwrap().is_none());

    let scan = BatchEvidence {
        file_name: "اسناد.pdf".into(),
        content_type: "application/pdf".into(),
        sha256: "ab".repeat(32),
        content: b"%PDF-1.4\n\x00\xff bytes".to_vec(),
    };
    assert!(
        tx.mark_history_batch_confirmed(id, &stamp(), Some(&scan))
            .await
            .unwrap()
    );
    assert!(
        !tx.mark_history_batch_refused(id, &stamp(), "دیر شد")
            .await
            .unwrap(),
        "a batch is decided once"
    );
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    let confirmed = tx.history_batch_by_id(id).await.unwrap().unwrap();
    assert_eq!(confirmed.status, "confirmed");
    assert_eq!(confirmed.decided_by_name.as_deref(), Some("کارشناس دوم"));
    assert_eq!(confirmed.evidence_sha256, Some("ab".repeat(32)));
    assert_eq!(tx.history_batch_evidence(id).await.unwrap().unwrap(), scan);
    assert!(tx.history_batches(waiting).await.unwrap().is_empty());
}

async fn a_refused_batch_keeps_its_reason_and_frees_its_payments_keys(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, _, _) = places(tx.as_mut()).await;
    let line_id = line(tx.as_mut(), 1405, qazvin, None, "training")
        .await
        .unwrap();
    let payment = tx
        .insert_payment(&NewPayment {
            budget_line_id: line_id,
            province_id: qazvin,
            county_id: None,
            payee: "آموزشگاه".into(),
            payee_kind: "course_provider".into(),
            amount_rials: 1_000,
            spent_on: day("2026-05-01"),
            reference: String::new(),
            description: String::new(),
            idempotency_key: "history.payment.c".into(),
            proposed_by: None,
            proposed_by_name: "console".into(),
            proposed_at: at(5),
            course_run_id: None,
        })
        .await
        .unwrap();
    let id = tx.insert_history_batch(&batch(qazvin)).await.unwrap();
    tx.commit().await.unwrap();

    // A decision is never paid before it was approved, and names exactly one record.
    let mut tx = db.store.write().await.unwrap();
    let paid_early = tx
        .insert_paper_decision(&PaperDecisionRow {
            id: 0,
            batch_id: id,
            row_number: 2,
            payment_id: Some(payment),
            tranche_id: None,
            approved_on: day("2026-05-05"),
            paid_on: Some(day("2026-05-01")),
            approver_name: "م".into(),
        })
        .await;
    assert!(paid_early.is_err(), "{paid_early:?}");
    drop(tx);

    let mut tx = db.store.write().await.unwrap();
    let nothing = tx
        .insert_paper_decision(&PaperDecisionRow {
            id: 0,
            batch_id: id,
            row_number: 2,
            payment_id: None,
            tranche_id: None,
            approved_on: day("2026-05-05"),
            paid_on: None,
            approver_name: "م".into(),
        })
        .await;
    assert!(nothing.is_err(), "{nothing:?}");
    drop(tx);

    let mut tx = db.store.write().await.unwrap();
    // The key stays while the payment is only proposed.
    tx.release_refused_payment_key(payment).await.unwrap();
    assert!(
        tx.payment_by_key("history.payment.c")
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        tx.mark_history_batch_refused(id, &stamp(), "مبلغ نمی‌خواند")
            .await
            .unwrap()
    );
    let rejected = PaymentStamp {
        by: None,
        by_name: "کارشناس دوم".into(),
        at: at(31),
    };
    assert!(
        tx.mark_payment_rejected(payment, &rejected, "مبلغ نمی‌خواند")
            .await
            .unwrap()
    );
    tx.release_refused_payment_key(payment).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    assert!(
        tx.payment_by_key("history.payment.c")
            .await
            .unwrap()
            .is_none()
    );
    let kept = tx.payment_by_id(payment).await.unwrap().unwrap();
    assert!(
        kept.idempotency_key
            .starts_with("history.payment.c.refused.")
    );
    let refused = tx.history_batch_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        (refused.status.as_str(), refused.refusal_reason.as_deref()),
        ("refused", Some("مبلغ نمی‌خواند"))
    );
}

hamyar_store::on_both_databases!(
    a_batch_and_its_decisions_are_read_back_and_decided_once,
    a_refused_batch_keeps_its_reason_and_frees_its_payments_keys,
);
