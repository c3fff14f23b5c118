//! The storage contract of the SMS outbox (`SmsRepo`), on both engines: a woman's consent in
//! force is her latest answer by day and the history is append-only; enqueueing the same key
//! twice keeps one row; a claim takes only what is due, leases it, and gives it again once
//! the lease runs out with the attempt counted; an outcome is recorded only for the attempt
//! that was claimed; delivery reports, cancellation and the counts by state; and two
//! dispatchers claiming at once never take the same message.

use std::collections::BTreeSet;

use hamyar_app::access::PlaceId;
use hamyar_app::ports::groups::PlaceFilter;
use hamyar_app::ports::registry::{WomanId, WomanRecord};
use hamyar_app::ports::sms::{NewSmsRow, SmsAttemptOutcome, SmsConsentRow, SmsDelivery, SmsState};
use hamyar_app::ports::{Database, NewPlaceRow};
use hamyar_domain::sms::{QuietHours, SmsKind};
use hamyar_domain::{JalaliDate, search_key};
use hamyar_store::testing::TestDatabase;
use jiff::Timestamp;

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + seconds).expect("valid instant")
}

struct World {
    qazvin: PlaceId,
    abyek: PlaceId,
    maryam: WomanId,
}

async fn seeded(db: &TestDatabase) -> World {
    let mut tx = db.store.write().await.unwrap();
    let qazvin = tx
        .insert_place(&NewPlaceRow {
            kind: "province".into(),
            parent_id: None,
            code: "ir.qazvin".into(),
            created_at: at(0),
        })
        .await
        .unwrap();
    let abyek = tx
        .insert_place(&NewPlaceRow {
            kind: "county".into(),
            parent_id: Some(qazvin),
            code: "ir.qazvin.abyek".into(),
            created_at: at(0),
        })
        .await
        .unwrap();
    let record = WomanRecord {
        national_id: "0013542419".into(),
        first_name: "مریم".into(),
        last_name: "رضایی".into(),
        birth_date: "1980-01-01".into(),
        mobile: Some("09121234567".into()),
        province_id: qazvin,
        county_id: abyek,
        locality: "مرکز".into(),
        settlement: "urban".into(),
        address: "خیابان".into(),
        headship_cause: "widow".into(),
        name_key: search_key("مریم رضایی"),
        name_key_reversed: hamyar_domain::persian_order(&search_key("رضایی مریم")),
        ..WomanRecord::default()
    };
    let maryam = tx.insert_woman(&record, "covered", at(1)).await.unwrap();
    tx.commit().await.unwrap();
    World {
        qazvin,
        abyek,
        maryam,
    }
}

fn message(world: &World, key: &str, due: Timestamp) -> NewSmsRow {
    NewSmsRow {
        idempotency_key: key.into(),
        woman_id: world.maryam,
        province_id: world.qazvin,
        county_id: world.abyek,
        mobile: "09121234567".into(),
        body: "رسید پس‌انداز\nبهزیستی".into(),
        kind: SmsKind::SavingReceipt,
        state: SmsState::Queued,
        next_attempt_at: due,
        quiet: QuietHours::default(),
        last_error: None,
        created_at: at(10),
    }
}

fn consent(world: &World, consented: bool, on: &str, recorded: i64) -> SmsConsentRow {
    SmsConsentRow {
        id: 0,
        woman_id: world.maryam,
        province_id: world.qazvin,
        county_id: world.abyek,
        consented,
        decided_on: JalaliDate::parse(on).unwrap(),
        quiet: QuietHours::parse("22:00-07:30").unwrap(),
        recorded_by: None,
        recorded_by_name: "زهرا کریمی".into(),
        recorded_at: at(recorded),
    }
}

async fn her_consent_in_force_is_her_latest_answer_by_day(db: &TestDatabase) {
    let world = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    assert!(
        tx.sms_consents_in_force(&[world.maryam])
            .await
            .unwrap()
            .is_empty()
    );
    tx.insert_sms_consent(&consent(&world, true, "1405/09/10", 5))
        .await
        .unwrap();
    // Typed later, about an earlier day: the answer of 10 Azar stays in force.
    tx.insert_sms_consent(&consent(&world, false, "1405/09/01", 6))
        .await
        .unwrap();
    let in_force = tx.sms_consents_in_force(&[world.maryam]).await.unwrap();
    assert_eq!(in_force.len(), 1);
    assert!(in_force[0].consented);
    assert_eq!(in_force[0].quiet.label(), "22:00-07:30");
    assert_eq!(in_force[0].recorded_by_name, "زهرا کریمی");
    tx.commit().await.unwrap();
    let mut tx = db.store.begin_write().await.unwrap();
    let changed = sqlx::query("UPDATE sms_consents SET consented = 0")
        .execute(tx.connection())
        .await;
    assert!(changed.is_err(), "the consent history is append-only");
}

async fn the_same_key_enqueued_twice_is_one_message(db: &TestDatabase) {
    let world = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    let (first, inserted) = tx
        .enqueue_sms(&message(&world, "k.1", at(20)))
        .await
        .unwrap();
    assert!(inserted);
    assert_eq!(first.state, SmsState::Queued);
    assert_eq!(first.attempts, 0);
    let mut again = message(&world, "k.1", at(99));
    again.body = "another text".into();
    let (second, inserted) = tx.enqueue_sms(&again).await.unwrap();
    assert!(!inserted);
    assert_eq!(second, first);
    assert_eq!(tx.sms_by_key("k.1").await.unwrap(), Some(first));
    tx.commit().await.unwrap();
}

async fn a_claim_takes_what_is_due_and_a_lease_that_ran_out_gives_it_again(db: &TestDatabase) {
    let world = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    tx.enqueue_sms(&message(&world, "due", at(20)))
        .await
        .unwrap();
    tx.enqueue_sms(&message(&world, "later", at(500)))
        .await
        .unwrap();
    let claimed = tx.claim_due_sms(at(30), at(150), 10).await.unwrap();
    assert_eq!(claimed.len(), 1);
    let first = &claimed[0];
    assert_eq!(
        (first.idempotency_key.as_str(), first.state, first.attempts),
        ("due", SmsState::Sending, 1)
    );
    assert_eq!(first.next_attempt_at, at(150));
    // Within the lease nobody else gets it; after it, the next claim does, as attempt 2.
    assert!(
        tx.claim_due_sms(at(100), at(300), 10)
            .await
            .unwrap()
            .is_empty()
    );
    let reclaimed = tx.claim_due_sms(at(160), at(400), 10).await.unwrap();
    assert_eq!(reclaimed.len(), 1);
    assert_eq!(reclaimed[0].attempts, 2);
    // The first dispatcher's late answer is not recorded over the second attempt.
    let sent = |id: &str| SmsAttemptOutcome::Sent {
        provider_message_id: id.into(),
        at: at(170),
    };
    assert!(
        !tx.finish_sms_attempt(first.id, 1, &sent("p-1"))
            .await
            .unwrap()
    );
    assert!(
        tx.finish_sms_attempt(first.id, 2, &sent("p-1"))
            .await
            .unwrap()
    );
    assert!(
        !tx.finish_sms_attempt(first.id, 2, &sent("p-1"))
            .await
            .unwrap()
    );
    let row = tx.sms_by_key("due").await.unwrap().unwrap();
    assert_eq!(row.state, SmsState::Sent);
    assert_eq!(row.provider_message_id.as_deref(), Some("p-1"));
    assert_eq!(row.sent_at, Some(at(170)));
    tx.commit().await.unwrap();
}

async fn retries_postponements_failures_and_delivery_reports_are_recorded(db: &TestDatabase) {
    let world = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    for key in ["a", "b", "c"] {
        tx.enqueue_sms(&message(&world, key, at(20))).await.unwrap();
    }
    let claimed = tx.claim_due_sms(at(30), at(150), 10).await.unwrap();
    assert_eq!(claimed.len(), 3);
    let retry = SmsAttemptOutcome::Retry {
        next_attempt_at: at(90),
        error: "http_503".into(),
    };
    assert!(
        tx.finish_sms_attempt(claimed[0].id, 1, &retry)
            .await
            .unwrap()
    );
    let postpone = SmsAttemptOutcome::Postpone {
        next_attempt_at: at(95),
    };
    assert!(
        tx.finish_sms_attempt(claimed[1].id, 1, &postpone)
            .await
            .unwrap()
    );
    let sent = SmsAttemptOutcome::Sent {
        provider_message_id: "p-3".into(),
        at: at(40),
    };
    assert!(
        tx.finish_sms_attempt(claimed[2].id, 1, &sent)
            .await
            .unwrap()
    );
    let a = tx.sms_by_key("a").await.unwrap().unwrap();
    assert_eq!(
        (a.state, a.attempts, a.next_attempt_at),
        (SmsState::Queued, 1, at(90))
    );
    assert_eq!(a.last_error.as_deref(), Some("http_503"));
    let b = tx.sms_by_key("b").await.unwrap().unwrap();
    assert_eq!(
        (b.state, b.attempts),
        (SmsState::Queued, 0),
        "a postponement is no attempt"
    );
    let again = tx.claim_due_sms(at(100), at(200), 10).await.unwrap();
    assert_eq!(again.len(), 2);
    let failed = SmsAttemptOutcome::Failed {
        error: "status_411".into(),
        at: at(110),
    };
    assert!(
        tx.finish_sms_attempt(again[0].id, 2, &failed)
            .await
            .unwrap()
    );
    assert!(
        tx.cancel_queued_sms_of(world.maryam, "consent_withdrawn", at(111))
            .await
            .unwrap()
            == 0
    );

    let waiting = tx.sms_awaiting_report(10).await.unwrap();
    assert_eq!(waiting.len(), 1);
    let delivered = SmsDelivery::Delivered { at: at(120) };
    assert!(
        tx.record_sms_delivery(waiting[0].id, &delivered)
            .await
            .unwrap()
    );
    assert!(
        !tx.record_sms_delivery(waiting[0].id, &delivered)
            .await
            .unwrap()
    );
    assert!(tx.sms_awaiting_report(10).await.unwrap().is_empty());

    let counts = tx
        .sms_counts(PlaceFilter {
            province_id: Some(world.qazvin),
            county_id: Some(world.abyek),
        })
        .await
        .unwrap();
    assert_eq!(
        counts,
        [
            (SmsState::Sending, 1),
            (SmsState::Delivered, 1),
            (SmsState::Failed, 1)
        ]
    );
    assert_eq!(tx.sms_of_woman(world.maryam, 10).await.unwrap().len(), 3);
    tx.commit().await.unwrap();
}

async fn withdrawing_consent_cancels_only_her_queued_messages(db: &TestDatabase) {
    let world = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    tx.enqueue_sms(&message(&world, "one", at(20)))
        .await
        .unwrap();
    tx.enqueue_sms(&message(&world, "two", at(20)))
        .await
        .unwrap();
    tx.claim_due_sms(at(30), at(150), 1).await.unwrap();
    let cancelled = tx
        .cancel_queued_sms_of(world.maryam, "consent_withdrawn", at(40))
        .await
        .unwrap();
    assert_eq!(cancelled, 1);
    let two = tx.sms_by_key("two").await.unwrap().unwrap();
    assert_eq!(two.state, SmsState::Cancelled);
    assert_eq!(two.last_error.as_deref(), Some("consent_withdrawn"));
    assert_eq!(two.finished_at, Some(at(40)));
    tx.commit().await.unwrap();
}

async fn two_dispatchers_claiming_at_once_never_take_the_same_message(db: &TestDatabase) {
    let world = seeded(db).await;
    let mut tx = db.store.write().await.unwrap();
    for number in 0..60 {
        tx.enqueue_sms(&message(&world, &format!("m.{number}"), at(20)))
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let dispatcher = async || {
        let mut taken = Vec::new();
        loop {
            let mut tx = db.store.write().await.unwrap();
            let claimed = tx.claim_due_sms(at(30), at(900), 4).await.unwrap();
            tx.commit().await.unwrap();
            if claimed.is_empty() {
                return taken;
            }
            taken.extend(claimed.into_iter().map(|row| row.id));
            tokio::task::yield_now().await;
        }
    };
    let (first, second) = tokio::join!(dispatcher(), dispatcher());
    let first_set: BTreeSet<i64> = first.iter().copied().collect();
    let second_set: BTreeSet<i64> = second.iter().copied().collect();
    assert_eq!(first_set.len(), first.len());
    assert_eq!(second_set.len(), second.len());
    assert!(
        first_set.is_disjoint(&second_set),
        "a message claimed twice"
    );
    assert_eq!(first.len() + second.len(), 60, "a message never claimed");
}

hamyar_store::on_both_databases!(
    her_consent_in_force_is_her_latest_answer_by_day,
    the_same_key_enqueued_twice_is_one_message,
    a_claim_takes_what_is_due_and_a_lease_that_ran_out_gives_it_again,
    retries_postponements_failures_and_delivery_reports_are_recorded,
    withdrawing_consent_cancels_only_her_queued_messages,
    two_dispatchers_claiming_at_once_never_take_the_same_message,
);
