//! The storage contract of spending (`SpendingRepo`), on both backends: a payment is read
//! back as written (by id and by its idempotency key, which is unique), status changes happen
//! only from the status the caller names, lists filter by line, status and a county's reach,
//! and an evidence file's bytes come back exactly, while lists of evidence leave them out.

use hamyar_app::access::PlaceId;
use hamyar_app::ports::budget::BudgetLineId;
use hamyar_app::ports::ledger::{NewLedgerTransaction, PostingLine};
use hamyar_app::ports::spending::{NewEvidence, NewPayment, PaymentFilter, PaymentStamp};
use hamyar_app::ports::{Database, StoreError, Tx};
use hamyar_domain::JalaliDate;
use hamyar_domain::spending::PaymentStatus;
use hamyar_store::testing::TestDatabase;

use hamyar_store::fixtures::{at, budget_line as line, qazvin_places as places};

fn proposal(
    line_id: BudgetLineId,
    province_id: PlaceId,
    county_id: Option<PlaceId>,
    key: &str,
) -> NewPayment {
    NewPayment {
        budget_line_id: line_id,
        province_id,
        county_id,
        payee: "آموزشگاه فنی نگین".into(),
        payee_kind: "course_provider".into(),
        amount_rials: 120_000_000,
        spent_on: JalaliDate::from_iso_str("2026-11-20").unwrap(),
        reference: "ق-۱۲".into(),
        description: "دوره خیاطی".into(),
        idempotency_key: key.into(),
        proposed_by: None,
        proposed_by_name: "console".into(),
        proposed_at: at(10),
        course_run_id: None,
    }
}

fn stamp(seconds: i64) -> PaymentStamp {
    PaymentStamp {
        by: None,
        by_name: "console".into(),
        at: at(seconds),
    }
}

/// A balanced transaction between the line's first two accounts, for the ids payments keep.
async fn transaction(
    tx: &mut dyn Tx,
    line_id: BudgetLineId,
    key: &str,
) -> hamyar_app::ports::ledger::LedgerTransactionId {
    let line = tx.budget_line_by_id(line_id).await.unwrap().unwrap();
    tx.post_ledger_transaction(&NewLedgerTransaction {
        idempotency_key: key.into(),
        effective_on: "2026-11-20".into(),
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

async fn a_payment_is_read_back_and_its_key_is_unique(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, _) = places(tx.as_mut()).await;
    let line_id = line(tx.as_mut(), 1405, qazvin, Some(abyek), "training")
        .await
        .unwrap();
    let id = tx
        .insert_payment(&proposal(line_id, qazvin, Some(abyek), "p1"))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.store.write().await.unwrap();
    let row = tx.payment_by_id(id).await.unwrap().unwrap();
    assert_eq!(row.status, PaymentStatus::Proposed);
    assert_eq!(row.payee, "آموزشگاه فنی نگین");
    assert_eq!(row.amount_rials, 120_000_000);
    assert_eq!(row.county_id, Some(abyek));
    assert_eq!(row.proposed_at, at(10));
    assert_eq!(row.commit_transaction_id, None);
    assert_eq!(tx.payment_by_key("p1").await.unwrap().unwrap().id, id);
    assert_eq!(tx.lock_payment(id).await.unwrap().unwrap(), row);
    let again = tx
        .insert_payment(&proposal(line_id, qazvin, Some(abyek), "p1"))
        .await;
    assert!(
        matches!(&again, Err(StoreError::Unique(name)) if name == "payments.idempotency_key"),
        "{again:?}"
    );
}

async fn status_changes_only_from_the_status_named(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, _, _) = places(tx.as_mut()).await;
    let line_id = line(tx.as_mut(), 1405, qazvin, None, "training")
        .await
        .unwrap();
    let id = tx
        .insert_payment(&proposal(line_id, qazvin, None, "p1"))
        .await
        .unwrap();
    let other = tx
        .insert_payment(&proposal(line_id, qazvin, None, "p2"))
        .await
        .unwrap();
    let commit = transaction(tx.as_mut(), line_id, "t1").await;
    let pay = transaction(tx.as_mut(), line_id, "t2").await;
    // Not approved yet: cannot be paid.
    assert!(
        !tx.mark_payment_paid(id, &stamp(30), "2026-11-21", pay)
            .await
            .unwrap()
    );
    assert!(
        tx.mark_payment_approved(id, &stamp(30), "2026-05-02", commit)
            .await
            .unwrap()
    );
    // A second approval changes nothing.
    assert!(
        !tx.mark_payment_approved(id, &stamp(31), "2026-05-03", commit)
            .await
            .unwrap()
    );
    assert!(
        !tx.mark_payment_rejected(id, &stamp(31), "دیر")
            .await
            .unwrap()
    );
    assert!(
        tx.mark_payment_paid(id, &stamp(40), "2026-11-21", pay)
            .await
            .unwrap()
    );
    assert!(
        !tx.mark_payment_cancelled(id, PaymentStatus::Approved, &stamp(50), "اشتباه")
            .await
            .unwrap()
    );
    assert!(
        tx.mark_payment_cancelled(id, PaymentStatus::Paid, &stamp(50), "اشتباه")
            .await
            .unwrap()
    );
    let row = tx.payment_by_id(id).await.unwrap().unwrap();
    assert_eq!(row.status, PaymentStatus::Cancelled);
    assert_eq!(row.commit_transaction_id, Some(commit));
    assert_eq!(row.pay_transaction_id, Some(pay));
    assert_eq!(
        row.paid_on.map(|day| day.to_iso_string()).as_deref(),
        Some("2026-11-21")
    );
    assert_eq!(row.decided_at, Some(at(30)));
    // The approval's value date is kept apart from when it was recorded.
    assert_eq!(
        row.approved_on.map(|day| day.to_iso_string()).as_deref(),
        Some("2026-05-02")
    );
    assert_eq!(row.cancel_reason.as_deref(), Some("اشتباه"));
    assert!(
        tx.mark_payment_rejected(other, &stamp(60), "سند ناقص")
            .await
            .unwrap()
    );
    let rejected = tx.payment_by_id(other).await.unwrap().unwrap();
    assert_eq!(rejected.status, PaymentStatus::Rejected);
    assert_eq!(rejected.rejection_reason.as_deref(), Some("سند ناقص"));
    // The database refuses a rejection without a reason, whatever the caller does.
    let third = tx
        .insert_payment(&proposal(line_id, qazvin, None, "p3"))
        .await
        .unwrap();
    assert!(
        tx.mark_payment_rejected(third, &stamp(61), "")
            .await
            .is_err()
    );
}

async fn lists_filter_by_line_status_and_a_county_reach(db: &TestDatabase) {
    let mut tx = db.store.write().await.unwrap();
    let (qazvin, abyek, takestan) = places(tx.as_mut()).await;
    let province_line = line(tx.as_mut(), 1405, qazvin, None, "training")
        .await
        .unwrap();
    let abyek_line = line(tx.as_mut(), 1405, qazvin, Some(abyek), "training")
        .await
        .unwrap();
    let takestan_line = line(tx.as_mut(), 1405, qazvin, Some(takestan), "training")
        .await
        .unwrap();
    let a = tx
        .insert_payment(&proposal(province_line, qazvin, None, "a"))
        .await
        .unwrap();
    let b = tx
        .insert_payment(&proposal(abyek_line, qazvin, Some(abyek), "b"))
        .await
        .unwrap();
    let c = tx
        .insert_payment(&proposal(takestan_line, qazvin, Some(takestan), "c"))
        .await
        .unwrap();
    tx.mark_payment_rejected(c, &stamp(30), "تکراری")
        .await
        .unwrap();
    let ids = |rows: Vec<hamyar_app::ports::spending::PaymentRow>| {
        rows.into_iter().map(|row| row.id).collect::<Vec<_>>()
    };
    let all = tx.payments(&PaymentFilter::default()).await.unwrap();
    assert_eq!(ids(all), vec![c, b, a]);
    let reach = PaymentFilter {
        province_id: Some(qazvin),
        reach_county: Some(abyek),
        ..PaymentFilter::default()
    };
    assert_eq!(ids(tx.payments(&reach).await.unwrap()), vec![b, a]);
    let by_line = PaymentFilter {
        budget_line_id: Some(takestan_line),
        ..PaymentFilter::default()
    };
    assert_eq!(ids(tx.payments(&by_line).await.unwrap()), vec![c]);
    let proposed = PaymentFilter {
        status: Some(PaymentStatus::Proposed),
        limit: 1,
        ..PaymentFilter::default()
    };
    assert_eq!(ids(tx.payments(&proposed).await.unwrap()), vec![b]);
    let for_group = PaymentFilter {
        group_id: Some(hamyar_app::ports::groups::GroupId::new(1)),
        ..PaymentFilter::default()
    };
    assert!(tx.payments(&for_group).await.unwrap().is_empty());
    assert!(tx.payment_links(a).await.unwrap().is_empty());
}

async fn evidence_bytes_come_back_exactly(db: &TestDatabase) {
    let mut content = b"%PDF-1.7\n".to_vec();
    content.extend((0..=255_u8).cycle().take(70_000));
    let mut tx = db.store.write().await.unwrap();
    let id = tx
        .insert_evidence(&NewEvidence {
            owner_kind: "payment".into(),
            owner_id: 7,
            file_name: "فاکتور.pdf".into(),
            content_type: "application/pdf".into(),
            sha256: "ab".repeat(32),
            content: content.clone(),
            uploaded_by: None,
            uploaded_by_name: "console".into(),
            uploaded_at: at(5),
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.store.read().await.unwrap();
    let listed = tx.evidence_of("payment", 7).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, id);
    assert_eq!(listed[0].size_bytes, content.len() as i64);
    assert_eq!(listed[0].file_name, "فاکتور.pdf");
    assert!(tx.evidence_of("payment", 8).await.unwrap().is_empty());
    let (meta, bytes) = tx.evidence_file(id).await.unwrap().unwrap();
    assert_eq!(meta, listed[0]);
    assert_eq!(bytes, content);
    assert!(
        tx.evidence_file(hamyar_app::ports::spending::EvidenceId::new(id.get() + 1))
            .await
            .unwrap()
            .is_none()
    );
}

hamyar_store::on_both_databases!(
    a_payment_is_read_back_and_its_key_is_unique,
    status_changes_only_from_the_status_named,
    lists_filter_by_line_status_and_a_county_reach,
    evidence_bytes_come_back_exactly,
);
